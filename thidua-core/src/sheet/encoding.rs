//! Legacy Vietnamese encodings: TCVN3 (ABC) and VNI-Windows, detected and converted to
//! Unicode.
//!
//! Before Unicode, Vietnamese text was typed with 8-bit fonts: the ABC fonts (`.VnTime`,
//! `.VnArial`, code table **TCVN 5712:1993**, "TCVN3") and the VNI fonts (`VNI-Times`,
//! "VNI-Windows"). A workbook keeps such text as Windows-1252 characters, so a cell that should
//! read "Tổng sản phẩm" reads "Tæng s¶n phÈm" (TCVN3) or "Toång saûn phaåm" (VNI). The reader
//! decides per sheet whether its text is in one of these encodings, by how many words become
//! valid Vietnamese syllables after conversion, and converts every such cell, with one
//! `legacy_encoding` warning naming the first cell.
//!
//! Sources of the tables:
//! * **TCVN3**: the byte → Unicode table of TCVN 5712:1993 as published in GNU libiconv
//!   (`lib/tcvn.h`, "TCVN-5712"); bytes 0xB0–0xB4 are the combining tone marks. Only the
//!   range 0x80–0xFF is used (the VN1 capitals at 0x01–0x17 are control characters in a
//!   workbook). Checked against the characters of the public converter tables
//!   (e.g. à = `0xB5`, á = `0xB8`, Â = `0xA2`, ã = `0xB7`, è = `0xCC`, é = `0xD0`).
//!   Capitals typed with the ABC "H" fonts (`.VnTimeH`) use the lower-case codes and come out
//!   lower-case: the font is not part of the cell's text.
//! * **VNI-Windows**: a letter followed by a mark character, as in the VNI code table
//!   published with the xvnkb keyboard driver (`vni.h`): tone marks `ù ø û õ ï` (sắc, huyền,
//!   hỏi, ngã, nặng), `â á à å ã ä` (circumflex alone or with a tone), `ê é è ú ü ë` (breve
//!   alone or with a tone), capitals alike; single characters `ô` = ơ, `ö` = ư, `ñ` = đ,
//!   `í ì æ ó ò` = í ì ỉ ĩ ị, `î` = ỵ.

use unicode_normalization::UnicodeNormalization;

pub use super::grid::decimal_from_f64;
use super::grid::CP1252_HIGH;

/// Which legacy encoding a text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Legacy {
    /// TCVN 5712:1993 (ABC fonts, `.VnTime`).
    Tcvn3,
    /// VNI-Windows (`VNI-Times`).
    Vni,
}

impl Legacy {
    /// Name for messages: "TCVN3 (ABC)", "VNI".
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN 5712:1993 bytes 0x80–0xFF → Unicode (GNU libiconv `tcvn.h`, `tcvn_2uni_2`).
const TCVN3_HIGH: [u16; 128] = [
    0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0, 0x1eb6, 0x1eac, 0x00c8, // 0x80
    0x1eba, 0x1ebc, 0x00c9, 0x1eb8, 0x1ec6, 0x00cc, 0x1ec8, 0x0128, // 0x88
    0x00cd, 0x1eca, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc, 0x1ed8, // 0x90
    0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2, 0x00d9, 0x1ee6, 0x0168, // 0x98
    0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, // 0xa0
    0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0, // 0xa8
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, // 0xb0
    0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4, // 0xb8
    0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, // 0xc0
    0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd, // 0xc8
    0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, // 0xd0
    0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2, // 0xd8
    0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, // 0xe0
    0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9, // 0xe8
    0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, // 0xf0
    0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0, // 0xf8
];

/// The Windows-1252 byte a character stands for, if it is one.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    if (0x80..=0x9F).contains(&u) {
        return Some(u as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == c)
        .map(|i| 0x80 + i as u8)
}

/// Whether the text could be legacy-encoded: some character above ASCII, every character a
/// Windows-1252 one, and none of the letters only Unicode Vietnamese has (ă, đ, ơ, ư, ĩ, ũ
/// and the U+1EA0–U+1EF9 block).
pub fn is_candidate(text: &str) -> bool {
    let mut high = false;
    for c in text.chars() {
        if (c as u32) < 0x80 {
            continue;
        }
        if cp1252_byte(c).is_none() {
            return false;
        }
        high = true;
    }
    high
}

/// Converts TCVN3 text (as Windows-1252 characters) to Unicode (NFC).
///
/// ```
/// use thidua_core::sheet::encoding::tcvn3_to_unicode;
/// assert_eq!(tcvn3_to_unicode("Tæng s¶n phÈm"), "Tổng sản phẩm");
/// assert_eq!(tcvn3_to_unicode("Thu ng©n s¸ch"), "Thu ngân sách");
/// ```
pub fn tcvn3_to_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match cp1252_byte(c) {
            Some(b) if b >= 0x80 => {
                let u = TCVN3_HIGH[(b - 0x80) as usize];
                out.push(char::from_u32(u32::from(u)).unwrap_or(c));
            }
            _ => out.push(c),
        }
    }
    out.nfc().collect()
}

fn vni_marks(c: char) -> Option<(Option<char>, Option<char>)> {
    const ACUTE: char = '\u{301}';
    const GRAVE: char = '\u{300}';
    const HOOK: char = '\u{309}';
    const TILDE: char = '\u{303}';
    const DOT: char = '\u{323}';
    const CIRC: char = '\u{302}';
    const BREVE: char = '\u{306}';
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'ù' => (None, Some(ACUTE)),
        'ø' => (None, Some(GRAVE)),
        'û' => (None, Some(HOOK)),
        'õ' => (None, Some(TILDE)),
        'ï' => (None, Some(DOT)),
        'â' => (Some(CIRC), None),
        'á' => (Some(CIRC), Some(ACUTE)),
        'à' => (Some(CIRC), Some(GRAVE)),
        'å' => (Some(CIRC), Some(HOOK)),
        'ã' => (Some(CIRC), Some(TILDE)),
        'ä' => (Some(CIRC), Some(DOT)),
        'ê' => (Some(BREVE), None),
        'é' => (Some(BREVE), Some(ACUTE)),
        'è' => (Some(BREVE), Some(GRAVE)),
        'ú' => (Some(BREVE), Some(HOOK)),
        'ü' => (Some(BREVE), Some(TILDE)),
        'ë' => (Some(BREVE), Some(DOT)),
        _ => return None,
    })
}

fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

fn is_tone(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Converts VNI-Windows text (as Windows-1252 characters) to Unicode (NFC).
///
/// ```
/// use thidua_core::sheet::encoding::vni_to_unicode;
/// assert_eq!(vni_to_unicode("Toång saûn phaåm"), "Tổng sản phẩm");
/// assert_eq!(vni_to_unicode("Chæ tieâu ñaït"), "Chỉ tiêu đạt");
/// assert_eq!(vni_to_unicode("TOÅNG"), "TỔNG");
/// ```
pub fn vni_to_unicode(text: &str) -> String {
    // Work on decomposed letters: a base vowel with its marks.
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Some((shape, tone)) = vni_marks(c) {
            // find the base vowel this mark follows
            let mut i = out.len();
            while i > 0 && matches!(out[i - 1], '\u{300}'..='\u{36f}') {
                i -= 1;
            }
            let base = if i > 0 { Some(out[i - 1]) } else { None };
            let base_l = base.map(|b| b.to_lowercase().next().unwrap_or(b));
            let marks: Vec<char> = out[i..].to_vec();
            let has_tone = marks.iter().any(|&m| is_tone(m));
            let has_shape = marks
                .iter()
                .any(|&m| m == '\u{302}' || m == '\u{306}' || m == '\u{31b}');
            let shape_ok = match shape {
                None => true,
                Some('\u{302}') => matches!(base_l, Some('a' | 'e' | 'o')) && !has_shape,
                Some(_) => base_l == Some('a') && !has_shape,
            };
            let is_vowel = matches!(base_l, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y'));
            if is_vowel && shape_ok && !(tone.is_some() && has_tone) {
                if let Some(s) = shape {
                    out.push(s);
                }
                if let Some(t) = tone {
                    out.push(t);
                }
                continue;
            }
            out.push(c);
            continue;
        }
        if let Some(s) = vni_single(c) {
            out.extend(s.to_string().nfd());
            continue;
        }
        out.push(c);
    }
    out.into_iter().collect::<String>().nfc().collect()
}

/// Converts text from a legacy encoding.
pub fn to_unicode(text: &str, enc: Legacy) -> String {
    match enc {
        Legacy::Tcvn3 => tcvn3_to_unicode(text),
        Legacy::Vni => vni_to_unicode(text),
    }
}

const INITIALS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
const FINALS: [&str; 8] = ["ch", "nh", "ng", "c", "m", "n", "p", "t"];

/// Whether a word is a well-formed Vietnamese syllable (at most one tone mark, an initial
/// consonant, a vowel nucleus of one to three letters, a final consonant).
///
/// ```
/// use thidua_core::sheet::encoding::is_syllable;
/// assert!(is_syllable("Tổng") && is_syllable("nghiêng") && is_syllable("khuyến"));
/// assert!(!is_syllable("tieõu") && !is_syllable("s¶n") && !is_syllable("Tổngg"));
/// ```
pub fn is_syllable(word: &str) -> bool {
    let decomposed: Vec<char> = word.to_lowercase().nfd().collect();
    if decomposed.iter().filter(|&&c| is_tone(c)).count() > 1 {
        return false;
    }
    let bare: String = decomposed
        .into_iter()
        .filter(|&c| !is_tone(c))
        .collect::<String>()
        .nfc()
        .collect();
    if bare.is_empty() || !bare.chars().all(char::is_alphabetic) {
        return false;
    }
    let vowel = |c: char| "aăâeêioôơuưy".contains(c);
    let try_with = |init: &str| -> bool {
        let rest = &bare[init.len()..];
        let n = rest.chars().take_while(|&c| vowel(c)).count();
        if n == 0 || n > 3 {
            return false;
        }
        let fin: String = rest.chars().skip(n).collect();
        fin.is_empty() || FINALS.contains(&fin.as_str())
    };
    let mut inits: Vec<&str> = INITIALS
        .iter()
        .copied()
        .filter(|i| bare.starts_with(i))
        .collect();
    inits.push("");
    inits.into_iter().any(try_with)
}

fn score(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric() && cp1252_byte(c).is_none_or(|b| b < 0x80))
        .filter(|w| !w.is_ascii())
        .filter(|w| is_syllable(w))
        .count()
}

/// Decides which legacy encoding, if any, a set of texts (one sheet's text cells) is in:
/// the conversion that turns clearly more words with non-ASCII letters into valid syllables
/// than the text as it is. `None` when nothing is a candidate or nothing improves.
///
/// ```
/// use thidua_core::sheet::encoding::{detect, Legacy};
/// assert_eq!(detect(["Tæng s¶n phÈm", "Thu ng©n s¸ch nhµ n\u{AD}íc"]), Some(Legacy::Tcvn3));
/// assert_eq!(detect(["Toång saûn phaåm", "Chæ tieâu"]), Some(Legacy::Vni));
/// assert_eq!(detect(["Tổng sản phẩm", "Café crème"]), None);
/// ```
pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Legacy> {
    let (mut base, mut t3, mut vni, mut words) = (0usize, 0usize, 0usize, 0usize);
    for t in texts.into_iter().filter(|t| is_candidate(t)) {
        base += score(t);
        t3 += score(&tcvn3_to_unicode(t));
        vni += score(&vni_to_unicode(t));
        words += t.split_whitespace().filter(|w| !w.is_ascii()).count();
    }
    if words == 0 {
        return None;
    }
    let (best, enc) = if vni > t3 {
        (vni, Legacy::Vni)
    } else {
        (t3, Legacy::Tcvn3)
    };
    // At least half of the words with non-ASCII letters become syllables, and clearly more
    // than without conversion.
    (best * 2 >= words && best > base + base / 2).then_some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tcvn3_table_samples() {
        // Real strings typed with .VnTime (from statistics-office tables).
        assert_eq!(
            tcvn3_to_unicode("Tèc ®é t¨ng tr\u{AD}ëng"),
            "Tốc độ tăng trưởng"
        );
        assert_eq!(tcvn3_to_unicode("Tû lÖ hé nghÌo"), "Tỷ lệ hộ nghèo");
        assert_eq!(tcvn3_to_unicode("§¬n vÞ tÝnh"), "Đơn vị tính");
        assert_eq!(tcvn3_to_unicode("KÕ ho¹ch"), "Kế hoạch");
    }

    #[test]
    fn vni_samples() {
        assert_eq!(
            vni_to_unicode("Toác ñoä taêng tröôûng"),
            "Tốc độ tăng trưởng"
        );
        assert_eq!(vni_to_unicode("Tyû leä hoä ngheøo"), "Tỷ lệ hộ nghèo");
        assert_eq!(vni_to_unicode("Ñôn vò tính"), "Đơn vị tính");
        assert_eq!(vni_to_unicode("Keá hoaïch"), "Kế hoạch");
    }

    #[test]
    fn detection_prefers_the_right_table() {
        let t3 = [
            "Tèc ®é t¨ng tr\u{AD}ëng",
            "Tû lÖ hé nghÌo",
            "§¬n vÞ tÝnh",
            "KÕ ho¹ch",
        ];
        assert_eq!(detect(t3), Some(Legacy::Tcvn3));
        let v = [
            "Toác ñoä taêng tröôûng",
            "Tyû leä hoä ngheøo",
            "Ñôn vò tính",
            "Keá hoaïch",
        ];
        assert_eq!(detect(v), Some(Legacy::Vni));
        assert_eq!(detect(["Kế hoạch", "GRDP", "3.500"]), None);
        assert_eq!(detect(["Müller", "São Paulo", "déjà vu"]), None);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = tcvn3_to_unicode(&s);
            let _ = vni_to_unicode(&s);
            let _ = is_syllable(&s);
            let _ = detect([s.as_str()]);
        }
    }
}
