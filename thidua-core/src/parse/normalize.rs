//! Text normalisation with an offset map back into the original input.
//!
//! The parser works on a normalised copy of the input: Unicode NFC, `\r\n` and `\r` → `\n`,
//! every kind of space (NBSP, thin space, ideographic space, tab…) → `' '`, zero-width
//! characters and soft hyphens removed, full-width ASCII (`；（）：％１`) → ASCII, and every dash
//! (‐ ‒ – — ― − ﹣ －) → `-`. A lowercase copy of the same byte length is used for matching;
//! in it the old tone placement (`hoá`, `uỷ`) is moved to the modern one (`hóa`, `ủy`) and
//! `tỉ` is read as `tỷ`, so that the lexicon needs one spelling only.
//!
//! Each byte of the normalised text knows the byte range of the original characters it came
//! from, so every diagnostic points into the caller's own string.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The normalised text, its lowercase twin and the map back to the original.
pub(crate) struct Normalized {
    /// Normalised text.
    pub text: String,
    /// Lowercase copy, byte-for-byte aligned with `text`.
    pub lower: String,
    /// For each byte of `text`: start of the original characters it came from.
    starts: Vec<usize>,
    /// For each byte of `text`: end of the original characters it came from.
    ends: Vec<usize>,
    /// Length of the original input.
    orig_len: usize,
    /// Offsets in `text` of the spaces that were tabs (table cells), in order.
    tabs: Vec<usize>,
}

fn map_char(c: char) -> Option<char> {
    match c {
        '\u{00A0}'
        | '\t'
        | '\u{000B}'
        | '\u{000C}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Some(' '),
        '\u{2028}' | '\u{2029}' | '\u{0085}' => Some('\n'),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3001}' => Some(','),
        _ => Some(c),
    }
}

impl Normalized {
    /// Normalises `orig`. Linear in its length.
    pub fn new(orig: &str) -> Normalized {
        let mut text = String::with_capacity(orig.len());
        let mut starts = Vec::with_capacity(orig.len());
        let mut ends = Vec::with_capacity(orig.len());
        let bytes = orig.as_bytes();
        let mut chars = orig.char_indices().peekable();
        let mut cluster = String::new();
        let mut tabs = Vec::new();
        while let Some((i, c)) = chars.next() {
            // A run of ASCII (no '\r') but its last byte, whose next character may combine
            // with it: copied at once, as the one-character path below would one by one.
            if c.is_ascii() && c != '\r' {
                let run = bytes[i..]
                    .iter()
                    .position(|&b| !b.is_ascii() || b == b'\r')
                    .unwrap_or(bytes.len() - i);
                if run > 1 {
                    let end = i + run - 1;
                    push_ascii(
                        &mut text,
                        &mut starts,
                        &mut ends,
                        &mut tabs,
                        &orig[i..end],
                        i,
                    );
                    if run > 2 {
                        chars.nth(run - 3);
                    }
                    continue;
                }
            }
            // Fast path: ASCII not followed by a combining mark.
            let next_combines = chars.peek().is_some_and(|&(_, n)| {
                !n.is_ascii() && !is_latin_letter(n) && canonical_combining_class(n) != 0
            });
            if c == '\r' {
                let end = i + 1;
                if bytes.get(end) == Some(&b'\n') {
                    continue; // the '\n' that follows emits the line break
                }
                push(&mut text, &mut starts, &mut ends, "\n", i, end);
                continue;
            }
            if c == '\t' {
                tabs.push(text.len());
            }
            if c.is_ascii() && !next_combines {
                let mut buf = [0u8; 4];
                let s = map_char(c).map(|m| &*m.encode_utf8(&mut buf));
                if let Some(s) = s {
                    push(&mut text, &mut starts, &mut ends, s, i, i + 1);
                }
                continue;
            }
            // One character not followed by a combining mark that is already in NFC (the
            // precomposed letters of Vietnamese text): kept as it is.
            if !next_combines && is_latin_letter(c) {
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                push(&mut text, &mut starts, &mut ends, s, i, i + c.len_utf8());
                continue;
            }
            if !next_combines {
                let m = map_char(c);
                if m.is_none_or(|m| is_nfc_quick(std::iter::once(m)) == IsNormalized::Yes) {
                    let mut buf = [0u8; 4];
                    if let Some(m) = m {
                        push(
                            &mut text,
                            &mut starts,
                            &mut ends,
                            m.encode_utf8(&mut buf),
                            i,
                            i + c.len_utf8(),
                        );
                    }
                    continue;
                }
            }
            // A starter and the combining marks after it form one cluster.
            cluster.clear();
            if let Some(m) = map_char(c) {
                cluster.push(m);
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if canonical_combining_class(n) == 0 {
                    break;
                }
                if let Some(m) = map_char(n) {
                    cluster.push(m);
                }
                end = j + n.len_utf8();
                chars.next();
            }
            let composed: String = cluster.nfc().collect();
            push(&mut text, &mut starts, &mut ends, &composed, i, end);
        }
        let lower = lowercase_aligned(&text);
        Normalized {
            text,
            lower,
            starts,
            ends,
            orig_len: orig.len(),
            tabs,
        }
    }

    /// Whether the text between two offsets held a tab in the original.
    pub fn has_tab(&self, start: usize, end: usize) -> bool {
        let k = self.tabs.partition_point(|&t| t < start);
        self.tabs.get(k).is_some_and(|&t| t < end)
    }

    /// Snaps the map onto the character boundaries of `orig`, a text of the same byte length
    /// as the one normalised whose characters may be longer (`parse::markup` writes ASCII
    /// over a box-drawing or ballot character): a start moves back to its character's start,
    /// an end on to its character's end.
    pub fn snap_to(&mut self, orig: &str) {
        if orig.len() != self.orig_len {
            return;
        }
        for s in &mut self.starts {
            while *s > 0 && *s < orig.len() && !orig.is_char_boundary(*s) {
                *s -= 1;
            }
        }
        for e in &mut self.ends {
            while *e < orig.len() && !orig.is_char_boundary(*e) {
                *e += 1;
            }
        }
    }

    /// How many tabs the text between two offsets held in the original (a run of `n` tabs
    /// between two cells stands for `n - 1` empty cells).
    pub fn tab_count(&self, start: usize, end: usize) -> usize {
        let k = self.tabs.partition_point(|&t| t < start);
        self.tabs[k..].partition_point(|&t| t < end)
    }

    /// Maps a byte range of the normalised text to a byte range of the original input. Both
    /// ends fall on character boundaries of the original.
    pub fn to_orig(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.starts.get(start).copied().unwrap_or(self.orig_len);
        let e = if end > start {
            self.ends.get(end - 1).copied().unwrap_or(self.orig_len)
        } else {
            s
        };
        (s.min(self.orig_len), e.max(s).min(self.orig_len))
    }

    /// The normalised text between two byte offsets ("" if they are not char boundaries).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.text.get(start..end).unwrap_or("")
    }

    /// The lowercase text between two byte offsets.
    pub fn lslice(&self, start: usize, end: usize) -> &str {
        self.lower.get(start..end).unwrap_or("")
    }
}

/// Latin-1 letters (and × ÷), Latin Extended-A and -B, Latin Extended Additional: the
/// precomposed letters of Vietnamese. Each is a starter, already in NFC and kept by
/// [`map_char`] (a unit test checks every one), so it needs none of those lookups.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Pushes ASCII text with no '\r': one byte for one byte, the spaces that [`map_char`] maps
/// to ' ' (tabs, also recorded in `tabs`, and vertical tab, form feed) replaced.
fn push_ascii(
    text: &mut String,
    starts: &mut Vec<usize>,
    ends: &mut Vec<usize>,
    tabs: &mut Vec<usize>,
    s: &str,
    at: usize,
) {
    starts.extend(at..at + s.len());
    ends.extend(at + 1..at + s.len() + 1);
    let mut rest = s;
    while let Some(k) = rest.bytes().position(|b| matches!(b, b'\t' | 0x0B | 0x0C)) {
        text.push_str(&rest[..k]);
        if rest.as_bytes()[k] == b'\t' {
            tabs.push(text.len());
        }
        text.push(' ');
        rest = &rest[k + 1..];
    }
    text.push_str(rest);
}

fn push(
    text: &mut String,
    starts: &mut Vec<usize>,
    ends: &mut Vec<usize>,
    s: &str,
    a: usize,
    b: usize,
) {
    text.push_str(s);
    for _ in 0..s.len() {
        starts.push(a);
        ends.push(b);
    }
}

/// Lowercases char by char, keeping a char when its lowercase form has another byte length,
/// then moves old-style tone marks (`oá` → `óa`, `uỷ` → `ủy`) and reads `tỉ` as `tỷ`, again
/// only where the byte length is unchanged. Works in a byte copy of `text`: ASCII is
/// lowercased in place, and only the characters after an `o`, `u` or `t` are decoded again.
fn lowercase_aligned(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            out[i] = bytes[i].to_ascii_lowercase();
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        if let Some(x) = crate::parse::scan::lower_char(c) {
            if x != c && x.len_utf8() == len {
                x.encode_utf8(&mut out[i..i + len]);
            }
            i += len;
            continue;
        }
        let mut l = c.to_lowercase();
        if let (Some(x), None) = (l.next(), l.next()) {
            if x != c && x.len_utf8() == len {
                x.encode_utf8(&mut out[i..i + len]);
            }
        }
        i += len;
    }
    // Each character was replaced by one of its byte length: still UTF-8.
    let Ok(lower) = String::from_utf8(out) else {
        return text.to_string();
    };
    let edits = tone_edits(&lower);
    if edits.is_empty() {
        return lower;
    }
    let mut out = lower.into_bytes();
    for (at, x, y) in edits {
        let k = x.encode_utf8(&mut out[at..]).len();
        y.encode_utf8(&mut out[at + k..]);
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The replacements of [`lowercase_aligned`] in the lowercased text `l`, as (byte offset, two
/// characters of the same byte length as the two there): old tone placement at the end of a
/// syllable, o+[áàảãạ] → [óòỏõọ]+a, o+[éè…] → [ó…]+e, u+[ýỳỷỹỵ] → [úùủũụ]+y; "tỉ" → "tỷ" as a
/// whole syllable (tỉ lệ, tỉ đồng). The two rules never touch the same characters.
fn tone_edits(l: &str) -> Vec<(usize, char, char)> {
    let alnum_at = |k: usize| {
        l.get(k..)
            .and_then(|r| r.chars().next())
            .is_some_and(super::scan::is_alnum)
    };
    let mut edits = Vec::new();
    for (p, &c) in l.as_bytes().iter().enumerate() {
        if !matches!(c, b'o' | b'u' | b't') {
            continue;
        }
        let Some(b) = l.get(p + 1..).and_then(|r| r.chars().next()) else {
            continue;
        };
        let after = p + 1 + b.len_utf8();
        if c == b't' {
            let before = l[..p].chars().next_back();
            if b == 'ỉ' && before.is_none_or(|x| !super::scan::is_alnum(x)) && !alnum_at(after) {
                edits.push((p, 't', 'ỷ'));
            }
            continue;
        }
        if b.is_ascii() || alnum_at(after) {
            continue;
        }
        let moved = match c {
            b'o' => tone_of(b, &['a', 'e']).and_then(|(base, t)| Some((with_tone('o', t)?, base))),
            _ => tone_of(b, &['y']).and_then(|(base, t)| Some((with_tone('u', t)?, base))),
        };
        if let Some((x, y)) = moved {
            if x.len_utf8() + y.len_utf8() == 1 + b.len_utf8() {
                edits.push((p, x, y));
            }
        }
    }
    edits
}

const TONES: [[char; 6]; 4] = [
    ['a', 'á', 'à', 'ả', 'ã', 'ạ'],
    ['e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'],
    ['y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
    ['o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'],
];
const U_TONES: [char; 6] = ['u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'];

/// If `c` is one of `bases` with a tone mark, returns the bare base and the tone index (1–5).
fn tone_of(c: char, bases: &[char]) -> Option<(char, usize)> {
    for row in TONES.iter() {
        if !bases.contains(&row[0]) {
            continue;
        }
        if let Some(t) = row.iter().position(|&x| x == c) {
            if t > 0 {
                return Some((row[0], t));
            }
        }
    }
    None
}

fn with_tone(base: char, t: usize) -> Option<char> {
    match base {
        'o' => TONES[3].get(t).copied(),
        'u' => U_TONES.get(t).copied(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The char-vector version that `lowercase_aligned` replaced: the oracle of the test below.
    /// Lowercases char by char, keeping a char when its lowercase form has another byte length,
    /// then moves old-style tone marks (`oá` → `óa`, `uỷ` → `ủy`) and reads `tỉ` as `tỷ`, again
    /// only where the byte length is unchanged.
    fn lowercase_aligned_by_chars(text: &str) -> String {
        let mut out: Vec<char> = Vec::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            let mut l = c.to_lowercase();
            let lc = match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            };
            out.push(lc);
        }
        // Old tone placement at the end of a syllable: o+[áàảãạ] → [óòỏõọ]+a, o+[éè…] → [ó…]+e,
        // u+[ýỳỷỹỵ] → [úùủũụ]+y.
        let n = out.len();
        for i in 0..n {
            let at_end = |k: usize| k + 1 >= n || !crate::parse::scan::is_alnum(out[k + 1]);
            // 'o' / 'u' first: the end-of-syllable test asks Unicode tables.
            if matches!(out[i], 'o' | 'u') && i + 1 < n && !out[i + 1].is_ascii() && at_end(i + 1) {
                let (a, b) = (out[i], out[i + 1]);
                let moved = match a {
                    'o' => tone_of(b, &['a', 'e'])
                        .and_then(|(base, t)| Some((with_tone('o', t)?, base))),
                    'u' => {
                        tone_of(b, &['y']).and_then(|(base, t)| Some((with_tone('u', t)?, base)))
                    }
                    _ => None,
                };
                if let Some((x, y)) = moved {
                    if x.len_utf8() + y.len_utf8() == a.len_utf8() + b.len_utf8() {
                        out[i] = x;
                        out[i + 1] = y;
                    }
                }
            }
        }
        // "tỉ" → "tỷ" as a whole syllable (tỉ lệ, tỉ đồng).
        for i in 0..n {
            if out[i] == 't'
                && i + 1 < n
                && out[i + 1] == 'ỉ'
                && (i == 0 || !crate::parse::scan::is_alnum(out[i - 1]))
                && (i + 2 >= n || !crate::parse::scan::is_alnum(out[i + 2]))
            {
                out[i + 1] = 'ỷ';
            }
        }
        out.into_iter().collect()
    }

    #[test]
    fn lowercase_aligned_is_the_char_by_char_lowercase() {
        for t in [
            "Tỷ lệ hoá học, Uỷ ban, THOÁ, hoà; khoẻ; thuỷ lợi; tỉ lệ; Tỉ đồng; ntỉ; tỉa; tỉ",
            "o\u{e1} oá. uý\u{301} Ω İ ẞ ǅ Σ oá1 uỷa tỉ-lệ ĐẢNG ỦY HOÁ",
            "",
            "t",
            "oá",
            "xoáy, toả, Hoè, uỳ",
        ] {
            assert_eq!(lowercase_aligned(t), lowercase_aligned_by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn nfd_crlf_nbsp_and_fullwidth() {
        let orig = "Ty\u{0309} le\u{0323}\u{0302}\r\nđạt\u{00A0}５０％；";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "Tỷ lệ\nđạt 50%;");
        assert_eq!(n.lower, "tỷ lệ\nđạt 50%;");
        // "lệ" maps back to the decomposed original bytes.
        let at = n.text.find("lệ").unwrap();
        let (s, e) = n.to_orig(at, at + "lệ".len());
        assert_eq!(&orig[s..e], "le\u{0323}\u{0302}");
        let at = n.text.find('%').unwrap();
        let (s, e) = n.to_orig(at, at + 1);
        assert_eq!(&orig[s..e], "％");
    }

    #[test]
    fn precomposed_and_singleton_characters_end_in_nfc() {
        // Precomposed Vietnamese (kept as is), singletons that NFC replaces (Ω, Å, K),
        // a combining mark with no starter, and decomposed letters after ASCII.
        for orig in [
            "Tỷ lệ hộ nghèo giảm 1,5%; Đảng ủy",
            "\u{2126} \u{212B}\u{212A}x",
            "\u{0301}a\u{0301} \u{0323}",
            "Ω\u{0301}e\u{0302}\u{0301}",
        ] {
            let n = Normalized::new(orig);
            let want: String = orig.nfc().collect();
            assert_eq!(n.text, want, "{orig:?}");
            assert_eq!(n.lower.len(), n.text.len());
            let (s, e) = n.to_orig(0, n.text.len());
            assert_eq!((s, e), (0, orig.len()));
        }
    }

    #[test]
    fn latin_letters_need_no_lookup() {
        for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            assert!(is_latin_letter(c));
            assert_eq!(canonical_combining_class(c), 0, "{c}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c}");
            assert_eq!(map_char(c), Some(c), "{c}");
        }
        assert!(!is_latin_letter('\u{BF}') && !is_latin_letter('\u{250}'));
        assert!(!is_latin_letter('\u{1DFF}') && !is_latin_letter('\u{1F00}'));
    }

    #[test]
    fn ascii_runs_map_like_one_character_at_a_time() {
        // Runs of every length, tabs and other spaces inside, a combining mark after the last
        // byte, '\r' and '\r\n' breaking them.
        for orig in [
            "a",
            "ab",
            "abc\tde\u{0B}f\u{0C}g",
            "\t\t x\u{0301}y",
            "Ty\u{0309} le\u{0323}\u{0302}\r\nđạt\r50\t%",
            "x\r",
            "\rab\r\ncd\u{0300}",
        ] {
            let n = Normalized::new(orig);
            let mut text = String::new();
            let mut starts = Vec::new();
            let mut ends = Vec::new();
            let mut tabs = Vec::new();
            let mut chars = orig.char_indices().peekable();
            // The reference: the one-character paths alone.
            while let Some((i, c)) = chars.next() {
                let combines = chars
                    .peek()
                    .is_some_and(|&(_, n)| canonical_combining_class(n) != 0);
                if c == '\r' {
                    if orig.as_bytes().get(i + 1) != Some(&b'\n') {
                        push(&mut text, &mut starts, &mut ends, "\n", i, i + 1);
                    }
                    continue;
                }
                if c == '\t' {
                    tabs.push(text.len());
                }
                let mut end = i + c.len_utf8();
                let mut cluster: String = map_char(c).into_iter().collect();
                if combines {
                    while let Some(&(j, n)) = chars.peek() {
                        if canonical_combining_class(n) == 0 {
                            break;
                        }
                        cluster.extend(map_char(n));
                        end = j + n.len_utf8();
                        chars.next();
                    }
                }
                let composed: String = cluster.nfc().collect();
                push(&mut text, &mut starts, &mut ends, &composed, i, end);
            }
            assert_eq!(n.text, text, "{orig:?}");
            assert_eq!(
                (&n.starts, &n.ends, &n.tabs),
                (&starts, &ends, &tabs),
                "{orig:?}"
            );
        }
    }

    #[test]
    fn old_tone_placement_is_read_as_new() {
        let n = Normalized::new("Uỷ ban, hoá, tỉ lệ, hoàn thành");
        assert_eq!(n.lower, "ủy ban, hóa, tỷ lệ, hoàn thành");
        assert_eq!(n.lower.len(), n.text.len());
    }
}
