//! Tokens of the normalised text: words, numbers and single punctuation characters, each
//! with its byte range and whether whitespace (or a line break) precedes it.

use super::normalize::Normalized;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (and digits after the first letter): "tỷ", "grdp", "h5n1".
    Word,
    /// A run of digits with `.` / `,` between digits: "3.500", "39,6", "08".
    Num,
    /// One other non-space character: `(`, `%`, `;`, `/`, `-`, `"`…
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace between the previous token and this one.
    pub space_before: bool,
    /// A line break between the previous token and this one.
    pub newline_before: bool,
}

/// Splits the normalised text into tokens. Linear.
pub(crate) fn tokenize(n: &Normalized) -> Vec<Tok> {
    let text = &n.text;
    let mut toks = Vec::with_capacity(text.len() / 4 + 1);
    let mut it = text.char_indices().peekable();
    let mut space = false;
    let mut newline = false;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            if c == '\n' {
                newline = true;
            }
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else if d == '.' || d == ',' {
                    // Only a separator when a digit follows.
                    let after = text.as_bytes().get(j + 1);
                    if after.is_some_and(|b| b.is_ascii_digit()) {
                        it.next();
                        end = j + 1;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            (Kind::Num, end)
        } else if is_alpha(c) {
            let mut end = i + c.len_utf8();
            let mut prev = c;
            while let Some(&(j, d)) = it.peek() {
                // 'đ' only starts a syllable: "kỳđạt" is two words run together; so does a capital.
                // Words glued in a flattened table: "Chỉ tiêuĐơn vị tínhKết quả".
                // "kV", "kW", "kWh", "kVA": a unit of measure written in mixed case is one word.
                let measure_unit = || {
                    &text[i..end] == "k" && {
                        let rest = &text[j..];
                        let run = rest.find(|x: char| !is_alnum(x)).unwrap_or(rest.len());
                        matches!(&rest[..run], "V" | "W" | "Wh" | "VA" | "Wp")
                    }
                };
                if (d == 'đ' || d.is_uppercase()) && prev.is_lowercase() && !measure_unit() {
                    break;
                }
                // "TTChỉ tiêu", "ĐVTThực hiện": an acronym glued to a capitalised word.
                if d.is_uppercase()
                    && prev.is_uppercase()
                    && text[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_lowercase() && n != 'đ')
                    && end - i >= 2
                {
                    break;
                }
                if is_alnum(d) {
                    end = j + d.len_utf8();
                    prev = d;
                    it.next();
                } else {
                    break;
                }
            }
            (Kind::Word, end)
        } else {
            (Kind::Punct, i + c.len_utf8())
        };
        toks.push(Tok {
            kind,
            start: i,
            end,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    toks
}

/// Helpers over the token vector.
pub(crate) struct Toks<'a> {
    pub n: &'a Normalized,
    pub t: &'a [Tok],
}

impl<'a> Toks<'a> {
    /// The lowercase text of token `i` ("" out of range).
    pub fn w(&self, i: usize) -> &'a str {
        match self.t.get(i) {
            Some(t) => self.n.lslice(t.start, t.end),
            None => "",
        }
    }

    /// The original-case (normalised) text of token `i`.
    pub fn raw(&self, i: usize) -> &'a str {
        match self.t.get(i) {
            Some(t) => self.n.slice(t.start, t.end),
            None => "",
        }
    }

    /// Kind of token `i`.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    /// Whether token `i` is the punctuation `c`.
    ///
    /// Compared as bytes (this is asked of almost every token, several times): the same
    /// answer as `w(i).starts_with(c)`, which is "" when the token's end is not a char
    /// boundary.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        let Some(t) = self.t.get(i) else {
            return false;
        };
        if t.kind != Kind::Punct {
            return false;
        }
        let mut buf = [0u8; 4];
        let c = c.encode_utf8(&mut buf).as_bytes();
        let lower = &self.n.lower;
        lower
            .as_bytes()
            .get(t.start..t.end)
            .is_some_and(|w| w.starts_with(c) && lower.is_char_boundary(t.end))
    }

    /// Whether token `i` is a number.
    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Num)
    }

    /// Whether token `i` directly follows token `i - 1` with no space.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && self.t.get(i).is_some_and(|t| !t.space_before)
    }

    /// If the words/punctuation of `phrase` (split on spaces) start at token `i` and end
    /// before `limit`, the index after the phrase.
    ///
    /// Compared in place, part by part, without splitting the phrase: a token that does not
    /// start it costs one prefix test.
    pub fn phrase(&self, i: usize, phrase: &str, limit: usize) -> Option<usize> {
        // The first byte first, read in place (no slice of the token): a token that does not
        // start the phrase is rejected as `next_part` would reject it (an entry starts with a
        // letter, not a space, so a token that is no slice of `lower` is rejected too).
        if let (Some(t), Some(&p0)) = (self.t.get(i), phrase.as_bytes().first()) {
            let b0 = self.n.lower.as_bytes().get(t.start);
            if p0 != b' ' && t.start < t.end && b0.is_some_and(|&b| b != p0) {
                return None;
            }
        }
        let mut k = i;
        let mut rest = phrase;
        loop {
            if k >= limit {
                return None;
            }
            let r = next_part(rest, self.w(k))?;
            k += 1;
            if r.is_empty() {
                return Some(k);
            }
            rest = &r[1..];
        }
    }

    /// The first phrase of `list` found at `i`, with the index after it.
    ///
    /// The token at `i` is looked up once; an entry whose first word is not that token is
    /// rejected by one prefix test, so a token that starts no phrase of the list costs one
    /// comparison per entry (the lists are short: at most a few dozen entries).
    pub fn any_phrase(&self, i: usize, list: &[&str], limit: usize) -> Option<(usize, usize)> {
        if i >= limit {
            return None;
        }
        let first = self.w(i);
        list.iter().enumerate().find_map(|(n, p)| {
            next_part(p, first)?;
            self.phrase(i, p, limit).map(|e| (n, e))
        })
    }

    /// [`Toks::any_phrase`] with the first bytes of `list` looked up first: a token whose
    /// first byte starts no entry (most tokens, for a short list) costs one table lookup.
    /// The same answer, as an entry can only match a token with its first byte.
    pub fn any_phrase_in(
        &self,
        i: usize,
        list: &[&str],
        first: &FirstBytes,
        limit: usize,
    ) -> Option<(usize, usize)> {
        if i >= limit {
            return None;
        }
        if let Some(&b) = self.w(i).as_bytes().first() {
            if !first.0[usize::from(b)] {
                return None;
            }
        }
        self.any_phrase(i, list, limit)
    }

    /// If `phrase` ends right before token `end` (and starts at or after `floor`), the index
    /// where it starts.
    pub fn phrase_before(&self, end: usize, phrase: &str, floor: usize) -> Option<usize> {
        let parts = phrase.split(' ').count();
        let start = end.checked_sub(parts)?;
        if start < floor {
            return None;
        }
        self.phrase(start, phrase, end)
            .filter(|&e| e == end)
            .map(|_| start)
    }

    /// The normalised text from token `a` to token `b - 1`, whitespace collapsed.
    pub fn text(&self, a: usize, b: usize) -> String {
        if a >= b || b > self.t.len() {
            return String::new();
        }
        collapse(self.n.slice(self.t[a].start, self.t[b - 1].end))
    }

    /// Byte range of tokens `a..b` in the normalised text.
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        match (self.t.get(a), b.checked_sub(1).and_then(|k| self.t.get(k))) {
            (Some(x), Some(y)) if a < b => (x.start, y.end),
            (Some(x), _) => (x.start, x.end),
            _ => (self.n.text.len(), self.n.text.len()),
        }
    }
}

/// The first bytes of the entries of a phrase list, computed at compile time
/// (`static X_FIRST: FirstBytes = FirstBytes::of(X);`), for [`Toks::any_phrase_in`].
pub(crate) struct FirstBytes([bool; 256]);

impl FirstBytes {
    /// The set of first bytes of the entries of `list`.
    pub(crate) const fn of(list: &[&str]) -> FirstBytes {
        let mut set = [false; 256];
        let mut k = 0;
        while k < list.len() {
            let b = list[k].as_bytes();
            if !b.is_empty() {
                set[b[0] as usize] = true;
            }
            k += 1;
        }
        FirstBytes(set)
    }
}

/// `c.is_alphabetic()`, answered without the Unicode tables for ASCII and for the Latin
/// blocks of Vietnamese letters (Latin-1 letters, Latin Extended-A/B, Latin Extended
/// Additional), which are all alphabetic but × and ÷.
#[inline]
pub(crate) fn is_alpha(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, with the fast paths of [`is_alpha`] (no character of those Latin
/// blocks is numeric).
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// If the first space-separated part of `rest` is `word`, what follows it: "" at the end of
/// the phrase, else the rest starting with its space.
pub(crate) fn next_part<'p>(rest: &'p str, word: &str) -> Option<&'p str> {
    // The first byte first: most entries differ there, without a call to `memcmp`.
    if !word.is_empty() && rest.as_bytes().first() != word.as_bytes().first() {
        return None;
    }
    let r = rest.strip_prefix(word)?;
    (r.is_empty() || r.as_bytes()[0] == b' ').then_some(r)
}

/// Collapses runs of whitespace to one space and trims.
///
/// The words of `s.split_whitespace()` joined by one space, found byte by byte: only ASCII
/// whitespace and the characters led by 0xC2, 0xE1, 0xE2 or 0xE3 (where all the other
/// Unicode spaces are) are decoded and asked.
pub(crate) fn collapse(s: &str) -> String {
    // Most lines and names are collapsed already: one copy, not one per word.
    if is_collapsed(s) {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b'\t'..=b'\r' | b' ' => (true, 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match s.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            },
            _ => (false, 1),
        };
        if space {
            if let Some(w) = word.take() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[w..i]);
            }
        } else if word.is_none() {
            word = Some(i);
        }
        i += len;
    }
    if let Some(w) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[w..]);
    }
    out
}

/// Whether [`collapse`] gives `s` back as it is: no whitespace at either end, and none inside
/// but single ASCII spaces between words.
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for (i, &x) in b.iter().enumerate() {
        match x {
            b' ' if prev_space => return false,
            b' ' => {
                prev_space = true;
                continue;
            }
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3
                if s.get(i..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_whitespace) =>
            {
                return false;
            }
            _ => {}
        }
        prev_space = false;
    }
    true
}

/// `s.to_lowercase()`, the same string, with the runs of characters that are their own
/// lowercase (most of a Vietnamese text) copied at once instead of char by char. A capital
/// sigma, whose lowercase depends on its place in the word, leaves it to `str::to_lowercase`.
/// The lowercase of `c` when it is one character and `c` is in the blocks of Vietnamese
/// text (Latin-1, the Latin Extended letters with breve, tilde or horn, the combining marks,
/// U+1EA0–U+1EF9 where upper and lower alternate), from arithmetic instead of the table
/// search of `char::to_lowercase`; `None` for any other character (ask `to_lowercase`).
pub(crate) fn lower_char(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xD7..=0xFF | 0x0300..=0x036F => u,
        0x0100..=0x012F | 0x0132..=0x0137 | 0x0168..=0x0177 | 0x1EA0..=0x1EF9 => u | 1,
        0x01A0 | 0x01A1 => 0x01A1,
        0x01AF | 0x01B0 => 0x01B0,
        _ => return None,
    };
    char::from_u32(l)
}

pub(crate) fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            if c.is_ascii_uppercase() {
                out.push_str(&s[run..i]);
                out.push(c.to_ascii_lowercase());
                run = i + 1;
            }
            continue;
        }
        if let Some(x) = lower_char(c) {
            if x != c {
                out.push_str(&s[run..i]);
                out.push(x);
                run = i + c.len_utf8();
            }
            continue;
        }
        if c == 'Σ' {
            return s.to_lowercase();
        }
        let l = c.to_lowercase();
        if l.len() == 1 && l.clone().next() == Some(c) {
            continue;
        }
        out.push_str(&s[run..i]);
        out.extend(l);
        run = i + c.len_utf8();
    }
    out.push_str(&s[run..]);
    out
}

/// Uppercases the first character (when that keeps it one character).
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut up = f.to_uppercase();
            match (up.next(), up.next()) {
                (Some(u), None) => format!("{u}{}", c.as_str()),
                _ => s.to_string(),
            }
        }
        None => String::new(),
    }
}

/// Lowercases the first character.
pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            let mut lo = f.to_lowercase();
            match (lo.next(), lo.next()) {
                (Some(u), None) => format!("{u}{}", c.as_str()),
                _ => s.to_string(),
            }
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let n = Normalized::new(s);
        let t = tokenize(&n);
        t.iter()
            .map(|x| n.slice(x.start, x.end).to_string())
            .collect()
    }

    /// The split-based matcher `phrase` replaced, kept as the reference.
    fn phrase_by_split(tk: &Toks, i: usize, phrase: &str, limit: usize) -> Option<usize> {
        let mut k = i;
        for part in phrase.split(' ') {
            if k >= limit || tk.w(k) != part {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    #[test]
    fn is_punct_is_the_prefix_test_of_the_token() {
        let text = "- Tỷ lệ (1) đạt 8%; … “trên” 2,5 %/năm! ● ▪ a) b. * + • · ◦ -- ..";
        let n = Normalized::new(text);
        let t = tokenize(&n);
        let tk = Toks { n: &n, t: &t };
        let marks = [
            '-', '+', '•', '*', '·', '●', '▪', '◦', '.', '…', '?', '!', '(', ')', '%',
        ];
        for i in 0..t.len() + 2 {
            for c in marks.into_iter().chain(['t', 'đ', '“', '8']) {
                let want = tk.kind(i) == Some(Kind::Punct) && tk.w(i).starts_with(c);
                assert_eq!(tk.is_punct(i, c), want, "{i} {c:?}");
            }
        }
    }

    #[test]
    fn phrase_matches_the_split_reference() {
        let text = "Tỷ lệ hộ nghèo giảm ít nhất 1-1,5%/năm; phấn đấu đạt từ 8% trở lên, trở \
                    xuống còn 2,5 % so với năm trước. Hằng năm tăng";
        let n = Normalized::new(text);
        let t = tokenize(&n);
        let tk = Toks { n: &n, t: &t };
        let mut lists: Vec<&[&str]> = vec![
            super::super::lexicon::TRIGGERS,
            super::super::lexicon::COUNT_NOUNS,
            super::super::lexicon::AT_LEAST,
            super::super::lexicon::PREDICATE_WORDS,
        ];
        let edge: &[&str] = &[
            "tỷ lệ",
            "tỷ",
            "tỷ lệ ",
            " tỷ",
            "tỷ  lệ",
            "",
            " ",
            "%",
            "% /",
            "1-1",
            "tăng ",
            "t",
            "tỷl",
            "trở lên",
            "so với năm trước",
            "năm",
        ];
        lists.push(edge);
        let mut matched = 0;
        for list in lists {
            for i in 0..t.len() + 2 {
                for limit in [i, i + 1, i + 2, i + 4, t.len(), usize::MAX] {
                    let want = list
                        .iter()
                        .enumerate()
                        .find_map(|(n, p)| phrase_by_split(&tk, i, p, limit).map(|e| (n, e)));
                    assert_eq!(tk.any_phrase(i, list, limit), want, "{i} {limit}");
                    for p in list {
                        let want = phrase_by_split(&tk, i, p, limit);
                        assert_eq!(tk.phrase(i, p, limit), want, "{p:?} at {i}, {limit}");
                        matched += usize::from(want.is_some());
                    }
                }
            }
        }
        assert!(matched > 20, "the texts exercise matches: {matched}");
    }

    #[test]
    fn collapse_is_split_whitespace_joined() {
        let spaces: Vec<char> = (0..0x3_0000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert!(spaces.len() > 20);
        let mut texts = vec![
            String::new(),
            " ".to_string(),
            "  Tỷ lệ\t hộ\n\nnghèo  ".to_string(),
            "a\u{1E00}b\u{E000}c\u{00A0}d\u{3000}\u{1680}e\u{00C2}\u{2028}".to_string(),
        ];
        for &c in &spaces {
            texts.push(format!("{c}ấp{c}{c}đạt 8%{c}ỹ\u{1EA1}{c}"));
        }
        for t in &texts {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(t), want, "{t:?}");
        }
    }

    #[test]
    fn lower_char_is_char_to_lowercase() {
        let mut known = 0;
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            if let Some(x) = lower_char(c) {
                known += 1;
                assert_eq!(c.to_lowercase().collect::<Vec<_>>(), vec![x], "{c:?}");
            }
        }
        // Every Vietnamese letter, upper and lower, is answered without the table search.
        for c in "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ".chars()
        {
            assert!(lower_char(c).is_some(), "{c:?}");
            let l = c.to_lowercase().next().unwrap_or(c);
            assert!(lower_char(l) == Some(l), "{l:?}");
        }
        assert_eq!(known, 340);
        assert_eq!(lower_char('Σ'), None);
        assert_eq!(lower_char('İ'), None);
    }

    #[test]
    fn lowercase_is_std_to_lowercase() {
        let all: String = (0..0x3_0000u32).filter_map(char::from_u32).collect();
        assert_eq!(lowercase(&all), all.to_lowercase());
        let sigma: String = all.chars().filter(|&c| c != 'Σ').collect();
        assert_eq!(lowercase(&sigma), sigma.to_lowercase());
        for t in [
            "",
            "A",
            "ỦY BAN NHÂN DÂN TỈNH Sông Lam",
            "ΟΔΟΣ ΟΔΟΣ.",
            "İstanbul Σ",
            "đạt 8%, Đạt ẠẢ ab",
        ] {
            assert_eq!(lowercase(t), t.to_lowercase(), "{t:?}");
        }
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let t = format!("a{c}Ở{c}b{c}");
            assert_eq!(lowercase(&t), t.to_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn letter_fast_paths_agree_with_std() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn glued_words_are_split() {
        assert_eq!(words("kỳđạt"), ["kỳ", "đạt"]);
        assert_eq!(
            words("TTChỉ tiêuĐVTThực hiện"),
            ["TT", "Chỉ", "tiêu", "ĐVT", "Thực", "hiện"]
        );
        assert_eq!(words("HĐND UBND TTĐT"), ["HĐND", "UBND", "TTĐT"]);
    }
}
