//! Metadata: document number and kind, dates, issuer, title, theme, year, legal bases.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::lexicon::{contains_word, BASIS_KINDS, DOC_KINDS};
use super::normalize::Normalized;
use super::scan::{capitalize, collapse, lowercase};
use super::{Diag, Severity};

mod org;
use crate::model::{DocumentKind, Issuer, LegalBasis};

/// What the text says about the document.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub kind: Option<DocumentKind>,
    pub number: Option<String>,
    /// Byte range of the own number in the normalised text.
    pub number_span: Option<(usize, usize)>,
    pub issued: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
    pub issuer: Option<Issuer>,
    pub title: Option<String>,
    pub theme: Option<String>,
    pub year: Option<i32>,
    pub until_year: Option<i32>,
    pub legal_bases: Vec<LegalBasis>,
    /// Byte offset of the paragraph that announces the document (not a content point).
    pub lead: Option<usize>,
    /// "của <issuer>" after the number of the document this text is attached to ("(Kèm theo
    /// Quyết định số … của Bộ trưởng Bộ …)"): the issuer when the text names no other.
    pub attached_by: Option<String>,
}

fn is_boundary_before(s: &str, at: usize) -> bool {
    s.get(..at)
        .and_then(|h| h.chars().next_back())
        .is_none_or(|c| !super::scan::is_alnum(c) && c != '-' && c != '/')
}

fn is_boundary_after(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|h| h.chars().next())
        .is_none_or(|c| !super::scan::is_alnum(c))
}

/// Every whole-word occurrence of `w` in `hay`.
fn find_words<'a>(hay: &'a str, w: &'a str) -> impl Iterator<Item = usize> + 'a {
    // `memchr::memmem::find_iter` gives the same non-overlapping matches, left to right, as
    // `str::match_indices` for a non-empty needle (and starts on character boundaries, the
    // needle being UTF-8), with a SIMD scan and no Two-Way searcher to build per call.
    let (by_memmem, by_str) = if w.is_empty() {
        (None, Some(hay.match_indices(w).map(|(i, _)| i)))
    } else {
        (
            Some(memchr::memmem::find_iter(hay.as_bytes(), w.as_bytes())),
            None,
        )
    };
    by_memmem
        .into_iter()
        .flatten()
        .chain(by_str.into_iter().flatten())
        .filter(move |&i| is_boundary_before(hay, i) && is_boundary_after(hay, i + w.len()))
}

fn digits_at(s: &str, at: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let b = s.as_bytes();
    let mut e = at;
    while e < b.len() && b[e].is_ascii_digit() && e - at < max {
        e += 1;
    }
    if e - at < min || (e < b.len() && b[e].is_ascii_digit()) {
        return None;
    }
    s.get(at..e)?.parse().ok().map(|v| (v, e))
}

/// A date "D/M/YYYY" (or "D-M-YYYY", "D.M.YYYY") or "D tháng M năm YYYY" at `at`.
pub(crate) fn date_at(lower: &str, at: usize) -> Option<(NaiveDate, usize)> {
    let b = lower.as_bytes();
    let (d, e) = digits_at(lower, at, 1, 2)?;
    if let Some(&sep) = b.get(e) {
        if matches!(sep, b'/' | b'-' | b'.') {
            let (m, e2) = digits_at(lower, e + 1, 1, 2)?;
            if b.get(e2) != Some(&sep) {
                return None;
            }
            let (y, e3) = digits_at(lower, e2 + 1, 4, 4)?;
            return NaiveDate::from_ymd_opt(y as i32, m, d).map(|dt| (dt, e3));
        }
    }
    let rest = lower.get(e..)?;
    let r = rest.strip_prefix(" tháng ")?;
    let m_at = lower.len() - r.len();
    let (m, e2) = digits_at(lower, m_at, 1, 2)?;
    let r2 = lower.get(e2..)?.strip_prefix(" năm ")?;
    let y_at = lower.len() - r2.len();
    let (y, e3) = digits_at(lower, y_at, 4, 4)?;
    NaiveDate::from_ymd_opt(y as i32, m, d).map(|dt| (dt, e3))
}

/// A document number at `at` ("08/CT-UBND", "322 CTr/UBND", "34-CT/TW"): returns its end.
fn doc_number_at(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    if !b.get(at)?.is_ascii_digit() {
        return None;
    }
    let mut e = at;
    let mut has_sep = false;
    let mut has_letter = false;
    let chars = text.get(at..)?.char_indices();
    for (i, c) in chars {
        let pos = at + i;
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                has_letter = true;
            }
            e = pos + c.len_utf8();
        } else if c == '/' || c == '-' {
            has_sep = true;
            e = pos + 1;
        } else if c == ' ' && !has_letter && !has_sep {
            // "322 CTr/UBND": digits, one space, a code with '/'.
            let rest = text.get(pos + 1..).unwrap_or("");
            let word: &str = rest
                .split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';')
                .next()
                .unwrap_or("");
            // "312 /KH-UBND" (a stray space before the code, as OCR and typists leave it).
            let stray = word
                .strip_prefix('/')
                .is_some_and(|w| w.starts_with(char::is_uppercase));
            if stray
                || word.contains('/') && word.chars().next().is_some_and(|ch| ch.is_uppercase())
            {
                e = pos + 1;
                continue;
            }
            break;
        } else {
            break;
        }
    }
    let s = text.get(at..e)?.trim_end_matches(['-', '/']);
    if has_sep && has_letter && s.len() >= 3 {
        Some(at + s.len())
    } else {
        None
    }
}

fn kind_from_code(code: &str) -> Option<DocumentKind> {
    let upper = code.to_uppercase();
    let parts: Vec<&str> = upper.split(['/', '-', ' ']).collect();
    for p in parts.iter().skip(1) {
        match *p {
            "CT" => return Some(DocumentKind::Directive),
            "CTR" => return Some(DocumentKind::Programme),
            "KH" => return Some(DocumentKind::Plan),
            "NQ" => return Some(DocumentKind::Resolution),
            "QĐ" | "QD" => return Some(DocumentKind::Decision),
            _ => {}
        }
    }
    None
}

/// Numbers of a People's Committee document ("08/CT-UBND", "322 CTr/UBND"): the launching
/// document, where documents of the Party or the Council are cited as basis.
fn is_issuer_code(number: &str) -> bool {
    number.to_uppercase().contains("UBND")
}

/// Extracts the metadata; `diags` receives what could not be found.
pub(crate) fn extract(n: &Normalized, diags: &mut Vec<Diag>) -> Meta {
    let (text, lower) = without_motto(&n.text, &n.lower);
    let (text, lower) = (text.as_ref(), lower.as_ref());
    let mut m = Meta::default();
    own_number(&mut m, text, lower);
    issued_by_sentence(&mut m, text, lower);
    issued_in_header(&mut m, lower);
    published(&mut m, lower);
    kind_from_headings(&mut m, text, lower);
    m.issuer = issuer(text, lower, diags);
    if m.issuer.as_ref().is_none_or(|i| i.name.is_empty()) {
        if let Some(by) = m.attached_by.clone() {
            m.issuer = Some(Issuer::new(by));
        }
    }
    // A ministry's or the Prime Minister's header states its place only on the date line
    // ("Hà Nội, ngày 12 tháng 01 năm 2027").
    if let Some(i) = m
        .issuer
        .as_mut()
        .filter(|i| !i.name.is_empty() && i.locality.is_none())
    {
        if let Some(place) = header_place(text, lower) {
            i.locality = Some(place);
            diags.retain(|d| d.code != "locality_not_stated");
        }
    }
    number_from_attachment(&mut m, text, lower, diags);
    if let Some(t) = heading_title(text) {
        m.title = Some(t);
    }
    if m.title.is_none() {
        m.title = page_title(text);
    }
    m.theme = theme(text, lower);
    coverage(&mut m, lower, diags);
    m.legal_bases = legal_bases(text, lower, m.number.as_deref());
    m
}

/// The national motto of a document's header ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập -
/// Tự do - Hạnh phúc") when a flattened two-column header puts it on the line of the issuer
/// ("UBND TỈNH QUẢNG NINH⇥CỘNG HÒA …", "SỞ XÂY DỰNG⇥Độc lập - …"): blanked with spaces, byte
/// for byte (every offset stays valid), so that it never runs into the issuer's name.
fn without_motto<'a>(text: &'a str, lower: &'a str) -> (Cow<'a, str>, Cow<'a, str>) {
    const MOTTO: &[&str] = &[
        "cộng hòa xã hội chủ nghĩa việt nam",
        "cộng hoà xã hội chủ nghĩa việt nam",
        "độc lập - tự do - hạnh phúc",
        "độc lập – tự do – hạnh phúc",
    ];
    let head = floor_boundary(lower, 1500.min(lower.len()));
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for m in MOTTO {
        for (at, _) in lower[..head].match_indices(m) {
            // Only after other words on its line (a right-hand cell): alone, it is harmless.
            let line_start = lower[..at].rfind('\n').map_or(0, |k| k + 1);
            if !lower[line_start..at].trim().is_empty() {
                cuts.push((at, at + m.len()));
            }
        }
    }
    if cuts.is_empty() {
        return (Cow::Borrowed(text), Cow::Borrowed(lower));
    }
    let blank = |s: &str| {
        let mut b = s.as_bytes().to_vec();
        for &(a, e) in &cuts {
            b[a..e].fill(b' ');
        }
        String::from_utf8(b).unwrap_or_else(|_| s.to_string())
    };
    (Cow::Owned(blank(text)), Cow::Owned(blank(lower)))
}

/// The own number: "Số: 08/CT-UBND" at a line start first, then "số X" with a UBND/HĐND
/// code; with the kind before it, the date and the title after it.
fn own_number(m: &mut Meta, text: &str, lower: &str) {
    // Own number: "Số: 08/CT-UBND" at a line start first, then "số X" with a UBND/HĐND code.
    // (start of "số", number start, end, attached: "(Kèm theo <kind> số …")
    let mut own: Option<(usize, usize, usize, bool)> = None;
    for at in find_words(lower, "số") {
        let mut p = at + "số".len();
        let rest = lower.get(p..).unwrap_or("");
        let skipped = rest.len() - rest.trim_start_matches([':', ' ']).len();
        p += skipped;
        if let Some(e) = doc_number_at(text, p) {
            let num = text.get(p..e).unwrap_or("");
            let line_start = at_line_start(lower, at);
            // "Số: 08/CT-UBND", or "Số 145-CV/HNDT" alone on its line.
            let alone = text
                .get(e..)
                .and_then(|r| r.split('\n').next())
                .is_some_and(|r| r.trim().is_empty());
            let header = line_start && (lower.get(at..p).is_some_and(|s| s.contains(':')) || alone);
            let window_start = floor_boundary(lower, at.saturating_sub(60));
            let before = lower.get(window_start..at).unwrap_or("");
            let cited = ["xét", "căn cứ", "tờ trình", "theo"]
                .iter()
                .any(|w| before.contains(w))
                || num.to_uppercase().contains("TTR");
            // "Quốc hội đã thông qua Nghị quyết số 160/2025/QH15": the document adopted.
            let adopted = DOC_KINDS.iter().any(|(w, _)| {
                ["thông qua ", "ban hành "]
                    .iter()
                    .any(|v| before.trim_end().ends_with(&format!("{v}{w}")))
            });
            // "(Kèm theo Quyết định số 125/QĐ-BNNMT ngày …)" at the head of an appendix or a
            // table: the text is part of that document (not "ban hành kèm theo", a citation).
            let attached = attached_to(lower, window_start, at);
            if header || (is_issuer_code(num) && !cited) || adopted || attached {
                own = Some((at, p, e, attached && !header));
                if header {
                    break;
                }
                if own.is_some() {
                    break;
                }
            }
        }
    }
    if let Some((at, p, e, attached)) = own {
        let num = text.get(p..e).unwrap_or("").replace(" /", "/");
        m.number_span = Some((p, e));
        // Kind word before "số".
        let before = lower.get(..at).unwrap_or("").trim_end();
        m.kind = DOC_KINDS
            .iter()
            .find(|(w, _)| {
                before.ends_with(w) && is_boundary_before(before, before.len() - w.len())
            })
            .map(|(_, k)| *k)
            .or_else(|| kind_from_code(&num));
        // Date right after the number: "số X ngày D", "số X, ngày D".
        let mut q = e;
        let after = lower.get(q..).unwrap_or("");
        for w in [" tỉnh", " thành phố"] {
            if after.starts_with(w) {
                q += w.len();
            }
        }
        let after = lower.get(q..).unwrap_or("");
        let trimmed = after.trim_start_matches([',', ' ']);
        q += after.len() - trimmed.len();
        if let Some(r) = trimmed.strip_prefix("ngày ") {
            let d_at = lower.len() - r.len();
            if let Some((d, de)) = date_at(lower, d_at) {
                m.issued = Some(d);
                q = de;
            }
        }
        // Title: "về …" right after the number (and date).
        let after = lower.get(q..).unwrap_or("");
        let trimmed = after.trim_start_matches([',', ' ']);
        let q2 = q + after.len() - trimmed.len();
        if trimmed.starts_with("về ") {
            m.title = title_phrase(text, lower, q2 + "về ".len());
        } else if attached && trimmed.starts_with("của ") {
            // "(Kèm theo Quyết định số X ngày D của Bộ trưởng Bộ Y)": the issuer of that document.
            let s = q2 + "của ".len();
            let end = lower
                .get(s..)
                .and_then(|r| r.find([')', '\n']))
                .map_or(lower.len(), |k| s + k);
            let by = text.get(s..end).unwrap_or("").trim();
            if !by.is_empty() && by.len() <= 120 {
                m.attached_by = Some(by.to_string());
            }
        } else if trimmed.starts_with("của ") {
            // "số X ngày D của Chủ tịch UBND tỉnh Y về …".
            let window = trimmed.get(..floor_boundary(trimmed, 160)).unwrap_or("");
            if let Some(k) = window
                .find(" về ")
                .filter(|&k| !window[..k].contains(['\n', '.']))
            {
                m.title = title_phrase(text, lower, q2 + k + " về ".len());
            }
        }
        m.number = Some(num);
        m.lead = Some(paragraph_start(text, at));
    }
}

/// Whether "số" at `at` follows "kèm theo <kind>" opening a line or a parenthesis: the
/// heading of an appendix or a table attached to that document ("(Kèm theo Kế hoạch số
/// 215/KH-UBND ngày 20/12/2024 của UBND tỉnh)"); `window_start..at` is the text searched.
fn attached_to(lower: &str, window_start: usize, at: usize) -> bool {
    let before = lower.get(window_start..at).unwrap_or("").trim_end();
    DOC_KINDS.iter().any(|(w, _)| {
        let Some(lead) = before.strip_suffix(w) else {
            return false;
        };
        let Some(lead) = lead.trim_end().strip_suffix("kèm theo") else {
            return false;
        };
        let open = lead.trim_end_matches([' ', '\t']);
        open.ends_with('(')
            || open.ends_with('\n')
            || (open.is_empty() && at_line_start(lower, window_start + lead.len()))
    })
}

/// Issued: "Ngày D, <issuer> ban hành / phát động".
fn issued_by_sentence(m: &mut Meta, text: &str, lower: &str) {
    // Issued: "Ngày D, <issuer> ban hành / phát động", "Chiều D, Quốc hội đã thông qua …".
    if m.issued.is_none() {
        let mut leads: Vec<(usize, usize)> = ["ngày", "sáng", "chiều", "tối"]
            .iter()
            .flat_map(|w| find_words(lower, w).map(move |at| (at, w.len())))
            .collect();
        leads.sort_unstable();
        for (at, len) in leads {
            let Some((d, e)) = date_at(lower, at + len + 1) else {
                continue;
            };
            if !at_line_start(lower, at) {
                continue;
            }
            let line_start = paragraph_start(text, at);
            let window = floor_boundary(lower, (e + 400).min(lower.len()));
            let sentence_end = lower
                .get(e..window)
                .and_then(|s| s.find(['.', '\n']))
                .map_or(window, |k| e + k);
            let sentence = lower.get(e..sentence_end).unwrap_or("");
            let verb = ["ban hành", "phát động", "thông qua"]
                .iter()
                .any(|v| sentence.contains(v));
            let body = [
                "ubnd",
                "ủy ban",
                "chủ tịch",
                "hđnd",
                "hội đồng nhân dân",
                "quốc hội",
                "chính phủ",
            ]
            .iter()
            .any(|b| sentence.contains(b));
            if verb && body {
                m.issued = Some(d);
                m.lead.get_or_insert(line_start);
                break;
            }
        }
    }
}

/// Issued: a header line "<Place>, ngày 15 tháng 01 năm 2025", else such a line at the foot.
fn issued_in_header(m: &mut Meta, lower: &str) {
    // Issued: a header line "<Place>, ngày 15 tháng 01 năm 2025".
    if m.issued.is_none() {
        let mut line_at = 0;
        for line in lower.split('\n').take(30) {
            // A header laid out with spaces ("Số: 4127/KH-SYT      Nghệ An, ngày …") is
            // measured without its runs of spaces.
            let words: usize = line.split_whitespace().map(|w| w.len() + 1).sum();
            if words < 90 {
                if let Some(k) = line.find(", ngày ") {
                    let d_at = line_at + k + ", ngày ".len();
                    if let Some((d, _)) = date_at(lower, d_at) {
                        m.issued = Some(d);
                        break;
                    }
                }
            }
            line_at += line.len() + 1;
        }
    }
    // A form or a letter dated at its foot, over the signature: "Nha Trang, ngày 18 tháng 9
    // năm 2026" among the last twelve lines.
    if m.issued.is_none() {
        let mut end = lower.len();
        for _ in 0..12 {
            let start = lower[..end].rfind('\n').map_or(0, |p| p + 1);
            let line = &lower[start..end];
            if place_date_line(line.trim()) {
                if let Some(k) = line.find(", ngày ") {
                    if let Some((d, _)) = date_at(lower, start + k + ", ngày ".len()) {
                        m.issued = Some(d);
                        break;
                    }
                }
            }
            if start == 0 {
                break;
            }
            end = start - 1;
        }
    }
}

/// The place of the header's date line ("Hà Nội, ngày 12 tháng 01 năm 2027", also after the
/// own number on the same line, laid out with spaces or a '|'): one to four capitalised words.
fn header_place(text: &str, lower: &str) -> Option<String> {
    let mut line_at = 0;
    for line in lower.split('\n').take(30) {
        if let Some(k) = line.find(", ngày ") {
            if date_at(lower, line_at + k + ", ngày ".len()).is_some() {
                let head = text.get(line_at..line_at + k)?;
                let from = ["  ", "|", "\t"]
                    .iter()
                    .filter_map(|sep| head.rfind(sep).map(|p| p + sep.len()))
                    .max()
                    .unwrap_or(0);
                let place = head[from..].trim();
                let words: Vec<&str> = place.split_whitespace().collect();
                let ok = (1..=4).contains(&words.len())
                    && words.iter().all(|w| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            && w.chars().all(char::is_alphabetic)
                    })
                    && !place.to_lowercase().starts_with("số");
                return ok.then(|| place.to_string());
            }
        }
        line_at += line.len() + 1;
    }
    None
}

/// Published: "Ngày đăng: D", or "Thứ …, D, HH:MM" at a line start.
fn published(m: &mut Meta, lower: &str) {
    // Published: "Ngày đăng: D", or a line "Thứ …, D, HH:MM" / "Ngày D - HH:MM" / "HH:MM, D".
    if let Some(at) = lower.find("ngày đăng") {
        let rest = lower.get(at + "ngày đăng".len()..).unwrap_or("");
        let t = rest.trim_start_matches([':', ' ']);
        let d_at = lower.len() - t.len();
        m.published = date_at(lower, d_at).map(|x| x.0);
    }
    if m.published.is_none() {
        let mut line_at = 0;
        for line in lower.split('\n') {
            let l = line.trim_start();
            let time_first =
                l.as_bytes().get(2) == Some(&b':') || l.as_bytes().get(1) == Some(&b':');
            let short = l.len() <= 100 && (l.starts_with("ngày ") || time_first);
            if l.starts_with("thứ ") || short {
                let base = line_at + (line.len() - l.len());
                let mut found = None;
                for (i, _) in l.char_indices() {
                    if let Some((d, e)) = date_at(lower, base + i) {
                        if is_boundary_before(lower, base + i) {
                            found = Some((d, e));
                            break;
                        }
                    }
                }
                if let Some((d, e)) = found {
                    // The date with a time: "Thứ Năm, 15-10-2020, 21:49", "Ngày 04/01/2021 -
                    // 15:54:00", "04:03, 22/03/2023".
                    let tail = lower
                        .get(e..)
                        .unwrap_or("")
                        .trim_start_matches([',', ' ', '-']);
                    let tb = tail.as_bytes();
                    let time_after = tb.len() >= 4
                        && tb[0].is_ascii_digit()
                        && (tb[1] == b':' || tb.get(2) == Some(&b':'));
                    if time_after || time_first {
                        m.published = Some(d);
                        break;
                    }
                }
            }
            line_at += line.len() + 1;
        }
    }
}

/// `t == t.to_uppercase()` without the copy: `str::to_uppercase` maps char by char, and a
/// char whose uppercase is not itself alone makes the copy differ from `t`.
fn is_own_uppercase(t: &str) -> bool {
    t.chars().all(|c| {
        if c.is_ascii() {
            return !c.is_ascii_lowercase();
        }
        let mut u = c.to_uppercase();
        u.next() == Some(c) && u.next().is_none()
    })
}

/// Kind from a heading line ("CHỈ THỊ") or "ban hành <Kind>".
fn kind_from_headings(m: &mut Meta, text: &str, lower: &str) {
    // Kind from a heading line ("CHỈ THỊ") or "ban hành <Kind>".
    if m.kind.is_none() {
        for line in text.split('\n') {
            let t = line.trim();
            if t.len() < 40 && t.chars().any(|c| c.is_alphabetic()) && is_own_uppercase(t) {
                let l = t.to_lowercase();
                if let Some((_, k)) = DOC_KINDS.iter().find(|(w, _)| l == *w) {
                    m.kind = Some(*k);
                    break;
                }
                // "BÁO CÁO CHÍNH TRỊ", "TỜ TRÌNH", "THÔNG BÁO": a kind of its own (other),
                // whatever the resolutions and plans it mentions.
                let other = ["báo cáo", "tờ trình", "thông báo", "biên bản"];
                if other
                    .iter()
                    .any(|w| l == *w || l.strip_prefix(w).is_some_and(|r| r.starts_with(' ')))
                {
                    m.kind = Some(DocumentKind::Other);
                    break;
                }
            }
        }
    }
    // An own number with a "V/v …" (về việc) subject line under it: the layout of an official
    // letter (công văn, Nghị định 30/2020/NĐ-CP), the only kind whose subject starts so. Before the "ban hành <kind>" test: a letter
    // asks its addressees to "ban hành kế hoạch", which does not make it a plan.
    if m.kind.is_none() {
        if let Some((_, e)) = m.number_span {
            let next_lines = lower.get(e..).unwrap_or("").split('\n').take(3);
            if next_lines
                .into_iter()
                .any(|l| l.trim_start().starts_with("v/v "))
            {
                m.kind = Some(DocumentKind::OfficialLetter);
            }
        }
    }
    if m.kind.is_none() {
        let adopting = lower
            .match_indices("ban hành ")
            .chain(lower.match_indices("thông qua "))
            .map(|x| (x.0, x.1.len()));
        let mut found: Vec<(usize, usize)> = adopting.collect();
        found.sort_unstable();
        for (at, len) in found {
            let rest = lower.get(at + len..).unwrap_or("");
            if let Some((w, k)) = DOC_KINDS.iter().find(|(w, _)| rest.starts_with(w)) {
                m.kind = Some(*k);
                if m.title.is_none() {
                    let p = at + len + w.len();
                    let r = lower.get(p..).unwrap_or("");
                    let r2 = r.trim_start_matches(' ');
                    let skip = r.len() - r2.len();
                    if r2.starts_with("phát động") || r2.starts_with("về ") {
                        let s = if r2.starts_with("về ") {
                            p + skip + "về ".len()
                        } else {
                            p + skip
                        };
                        m.title = title_phrase(text, lower, s);
                    }
                }
                m.lead.get_or_insert(paragraph_start(text, at));
                break;
            }
        }
    }
    if m.kind.is_none() {
        m.kind = kind_in_text(text, lower);
    }
}

/// The kind when no number or heading gives it: a heading line that opens with a kind
/// ("KẾ HOẠCH KINH TẾ - XÃ HỘI NĂM 2022"), "Trích Nghị quyết …", or "<Kind> nêu rõ / đặt ra /
/// đề ra / xác định / với N chỉ tiêu".
fn kind_in_text(text: &str, lower: &str) -> Option<DocumentKind> {
    for line in text.split('\n').take(40) {
        let t = line.trim();
        let caps = t.chars().any(|c| c.is_alphabetic()) && !t.chars().any(|c| c.is_lowercase());
        if caps && t.len() < 200 {
            let l = t.to_lowercase();
            if let Some((_, k)) = DOC_KINDS.iter().find(|(w, _)| l.starts_with(w)) {
                return Some(*k);
            }
        }
    }
    for (w, k) in DOC_KINDS {
        for at in find_words(lower, w) {
            // "Nghị quyết nêu rõ …", not "theo kế hoạch đề ra".
            if !text
                .get(at..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase)
            {
                continue;
            }
            let rest = lower.get(at + w.len()..).unwrap_or("");
            let before = lower.get(..at).unwrap_or("").trim_end();
            let acts = [" nêu rõ", " đặt ra", " đề ra", " xác định", " với "]
                .iter()
                .any(|v| rest.starts_with(v));
            // "Theo Nghị quyết về kế hoạch … năm 2025, tỉnh đặt mục tiêu …" (news prose), but
            // not a basis cited by the text ("Căn cứ Nghị quyết về …", "thực hiện Kế hoạch về …").
            let about = rest.starts_with(" về ")
                && !["căn cứ", "thực hiện", "triển khai", "tại"]
                    .iter()
                    .any(|c| before.ends_with(c));
            if acts || about || before.ends_with("trích") {
                return Some(*k);
            }
        }
    }
    None
}

/// The attachment name "01-CT.signed.pdf" when no number is written.
fn number_from_attachment(m: &mut Meta, text: &str, lower: &str, diags: &mut Vec<Diag>) {
    // Attachment name "01-CT.signed.pdf" when no number is written.
    if m.number.is_none() {
        if let Some((num, s, e)) = attachment_number(text, lower) {
            let issuer_code = m.issuer.as_ref().is_some_and(|i| i.name.contains("UBND"));
            if issuer_code {
                let code = num.1.to_uppercase();
                let number = format!("{}/{}-UBND", num.0, code);
                diags.push(Diag {
                    start: s,
                    end: e,
                    severity: Severity::Warning,
                    code: "number_from_attachment",
                    message: format!("no document number in the text; {number:?} is read from the attachment name"),
                });
                if m.kind.is_none() {
                    m.kind = kind_from_code(&number);
                }
                m.number = Some(number);
            }
        }
    }
}

/// The year(s): from the title, else "thi đua (yêu nước) năm YYYY", else a passage about
/// targets ("nhiệm kỳ 2020-2025", "KẾ HOẠCH … NĂM 2022"), else a date (`assumed_year`).
fn coverage(m: &mut Meta, lower: &str, diags: &mut Vec<Diag>) {
    // Year.
    let year_in = |s: &str| -> Option<(i32, Option<i32>)> {
        let l = s.to_lowercase();
        for (i, _) in l.match_indices("năm ") {
            // "đến năm 2025" is a deadline, "so với năm 2023" a base.
            let before = l[..i].trim_end();
            if before.ends_with("đến") || before.ends_with("cuối") || before.ends_with("so với")
            {
                continue;
            }
            let r = &l[i + "năm ".len()..];
            if let Some((y, e)) = digits_at(r, 0, 4, 4) {
                if (1900..=2100).contains(&y) {
                    let until = r.get(e..).and_then(|t| {
                        let t = t.trim_start().strip_prefix('-')?.trim_start();
                        digits_at(t, 0, 4, 4).map(|x| x.0 as i32)
                    });
                    return Some((y as i32, until));
                }
            }
        }
        // "giai đoạn 2021-2025"; "năm học 2024-2025" (a school year: September to May).
        let periods = l
            .match_indices("giai đoạn ")
            .chain(l.match_indices("năm học "));
        for (i, w) in periods {
            let r = &l[i + w.len()..];
            if let Some((y, e)) = digits_at(r, 0, 4, 4) {
                let until = r.get(e..).and_then(|t| {
                    let t = t.trim_start().strip_prefix('-')?.trim_start();
                    digits_at(t, 0, 4, 4).map(|x| x.0 as i32)
                });
                return Some((y as i32, until));
            }
        }
        None
    };
    // "Kết quả … năm 2026; phương hướng, nhiệm vụ năm 2027": a report with the next year's
    // plan covers the plan's year.
    let plan_part = |t: &str| -> Option<(i32, Option<i32>)> {
        let l = t.to_lowercase();
        let results = l.find("kết quả")?;
        let plan = ["phương hướng", "kế hoạch"]
            .iter()
            .filter_map(|w| l[results..].find(w).map(|k| results + k))
            .min()?;
        year_in(&l[plan..])
    };
    let from_title = m
        .title
        .as_deref()
        .and_then(|t| plan_part(t).or_else(|| year_in(t)));
    let from_text = || {
        lower.match_indices("thi đua").find_map(|(i, _)| {
            let r = lower.get(i + "thi đua".len()..)?;
            let r = r.strip_prefix(" yêu nước").unwrap_or(r);
            let r = r.strip_prefix(" năm ")?;
            let y = digits_at(r, 0, 4, 4)?.0 as i32;
            Some((y, None))
        })
    };
    if let Some((y, until)) = from_title
        .or_else(from_text)
        .or_else(|| year_in_passages(lower))
    {
        m.year = Some(y);
        m.until_year = until.filter(|u| *u > y);
    } else if let Some(d) = m.issued.or(m.published) {
        use chrono::Datelike;
        m.year = Some(d.year());
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Warning,
            code: "assumed_year",
            message: format!("no \"năm YYYY\" in the title, after \"thi đua\" or in a passage about targets: the year {} is taken from a date", d.year()),
        });
    } else if let Some(y) = year_in_head(lower) {
        // "UBND HUYỆN CAM LỘ" / "Báo cáo tình hình thực hiện … năm 2024" and no date.
        m.year = Some(y);
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Warning,
            code: "assumed_year",
            message: format!("no \"năm YYYY\" in the title, after \"thi đua\", in a passage about targets or in a date: the year {y} is taken from a heading line"),
        });
    }
}

/// The year of one of the first five non-empty lines that is a title (six words or more, no
/// sentence end, at most 200 bytes): "Báo cáo tình hình thực hiện nhiệm vụ … năm 2024".
fn year_in_head(lower: &str) -> Option<i32> {
    lower
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(5)
        .filter(|l| {
            // A title, not a column header cut into cells ("Thực hiện" / "năm 2023").
            l.len() <= 200
                && l.split_whitespace().count() >= 6
                && !l.trim_end_matches('.').contains(['.', ';'])
        })
        .find_map(plain_year_in)
}

/// The year(s) of a passage about targets: the first line (or sentence) with "chỉ tiêu",
/// "mục tiêu", "kế hoạch", "nhiệm kỳ" or "giai đoạn" that states a period ("nhiệm kỳ
/// 2020-2025", "giai đoạn 2021 - 2025", "5 năm (2021-2025)", "kế hoạch 5 năm 2006 - 2010") or a
/// year ("năm 2024", "tháng 9/2022"); a period anywhere in the text otherwise. "so với năm
/// 2021", "giá so sánh năm 2010" and "đến năm 2025" (a deadline) do not give the year.
fn year_in_passages(lower: &str) -> Option<(i32, Option<i32>)> {
    const WORDS: &[&str] = &["chỉ tiêu", "mục tiêu", "kế hoạch", "nhiệm kỳ", "giai đoạn"];
    let mut any_period = None;
    for line in lower.split(['\n', '.']) {
        // "HĐND tỉnh … khóa XVII, nhiệm kỳ 2026 - 2031": the term of the council that
        // adopts the document, not the period its targets cover.
        if body_term(line) {
            continue;
        }
        let period = period_in(line);
        if any_period.is_none() {
            any_period = period;
        }
        if !WORDS.iter().any(|w| line.contains(w)) {
            continue;
        }
        if let Some(p) = period {
            return Some(p);
        }
        if let Some(y) = plain_year_in(line) {
            return Some((y, None));
        }
    }
    any_period
}

/// Whether `line` names the term of an elected body: "khóa XVII, nhiệm kỳ 2026 - 2031".
fn body_term(line: &str) -> bool {
    line.match_indices("nhiệm kỳ").any(|(i, _)| {
        let before = line[..i].trim_end().trim_end_matches(',').trim_end();
        let mut words = before.rsplit(' ');
        words.next().is_some_and(|w| !w.is_empty()) && words.next() == Some("khóa")
    })
}

/// "Y1 - Y2" after "nhiệm kỳ", "giai đoạn", "thời kỳ", "N năm" or in parentheses.
fn period_in(line: &str) -> Option<(i32, Option<i32>)> {
    let b = line.as_bytes();
    for (i, _) in line.match_indices(|c: char| c.is_ascii_digit()) {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let Some((y1, e)) = digits_at(line, i, 4, 4) else {
            continue;
        };
        let rest = line.get(e..).unwrap_or("").trim_start_matches(' ');
        let Some(rest) = rest.strip_prefix('-') else {
            continue;
        };
        let rest = rest.trim_start_matches(' ');
        let Some((y2, _)) = digits_at(rest, 0, 4, 4) else {
            continue;
        };
        let before = line.get(..i).unwrap_or("").trim_end_matches([' ', '(']);
        let led = ["nhiệm kỳ", "giai đoạn", "thời kỳ", "năm"]
            .iter()
            .any(|w| before.ends_with(w))
            || line.get(..i).unwrap_or("").trim_end().ends_with('(');
        let plausible = (1900..=2100).contains(&y1) && y2 > y1 && y2 - y1 <= 30;
        if led && plausible {
            return Some((y1 as i32, Some(y2 as i32)));
        }
    }
    None
}

/// "năm 2024", "NĂM 2022", "tháng 9/2022", not after "so với", "so sánh" or "đến (cuối)".
fn plain_year_in(line: &str) -> Option<i32> {
    for (i, _) in line.match_indices("năm ") {
        let before = line.get(..i).unwrap_or("").trim_end();
        if ["so với", "so", "sánh", "đến", "cuối", "trước"]
            .iter()
            .any(|w| before.ends_with(w))
        {
            continue;
        }
        if let Some((y, e)) = digits_at(line, i + "năm ".len(), 4, 4) {
            let range = line
                .get(e..)
                .is_some_and(|r| r.trim_start().starts_with('-'));
            if (1900..=2100).contains(&y) && !range {
                return Some(y as i32);
            }
        }
    }
    for (i, _) in line.match_indices("tháng ") {
        let r = line.get(i + "tháng ".len()..).unwrap_or("");
        if let Some((_, e)) = digits_at(r, 0, 1, 2) {
            if r.get(e..e + 1) == Some("/") {
                if let Some((y, _)) = digits_at(r, e + 1, 4, 4) {
                    return Some(y as i32);
                }
            }
        }
    }
    None
}

/// Whether only spaces separate `at` from the start of its line.
fn at_line_start(s: &str, at: usize) -> bool {
    let head = s
        .get(floor_boundary(s, at.saturating_sub(8))..at)
        .unwrap_or("");
    // "| Số: 318/KH-SYT | …": the first cell of a row of a pipe table (a header copied as a
    // Markdown table) starts its line too.
    let mut t = head.trim_end_matches(' ');
    if let Some(r) = t.strip_suffix('|') {
        t = r.trim_end_matches(' ');
    }
    t.ends_with('\n') || (t.is_empty() && at <= 8)
}

/// Whether a (lowercase) line is a document's title in capitals: its kind ("kế hoạch",
/// "nghị quyết", "phiếu đăng ký thi đua", …).
fn title_line(l: &str) -> bool {
    [
        "kế hoạch",
        "nghị quyết",
        "quyết định",
        "chỉ thị",
        "chương trình",
        "báo cáo",
        "thông báo",
        "tờ trình",
        "phiếu đăng ký",
        "bản đăng ký",
        "giao ước",
    ]
    .iter()
    .any(|k| l == *k || l.strip_prefix(k).is_some_and(|r| r.starts_with(' ')))
}

/// Whether a (lowercase) header line gives the place and date of the document ("quỳnh anh,
/// ngày 18 tháng 3 năm 2026", "hà nội, ngày 05/02/2026"): the end of the header block when
/// there is no "Số:" line.
fn place_date_line(l: &str) -> bool {
    l.find(", ngày ").is_some_and(|p| {
        p > 0 && p <= 40 && l[p + ", ngày ".len()..].starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The largest char boundary at or before `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut k = at.min(s.len());
    while k > 0 && !s.is_char_boundary(k) {
        k -= 1;
    }
    k
}

/// Start of the line holding `at`.
pub(crate) fn paragraph_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|h| h.rfind('\n'))
        .map_or(0, |k| k + 1)
}

/// The title phrase from `at`: to the first "năm YYYY" (included), else to '.', ';', ':'.
fn title_phrase(text: &str, lower: &str, at: usize) -> Option<String> {
    let rest = lower.get(at..)?;
    let stop = rest.find(['.', ';', ':', '\n']).unwrap_or(rest.len());
    let mut end = stop;
    for (i, _) in rest.match_indices("năm ") {
        if i >= stop {
            break;
        }
        if let Some((_, e)) = digits_at(rest, i + "năm ".len(), 4, 4) {
            end = e;
            break;
        }
    }
    let t = collapse(text.get(at..at + end)?);
    let t = t.trim_end_matches([',', ' ']).to_string();
    if t.len() < 10 {
        None
    } else {
        Some(capitalize(&t))
    }
}

/// Byte length of the longest name in [`DOC_KINDS`].
const MAX_KIND_LEN: usize = {
    let mut max = 0;
    let mut k = 0;
    while k < DOC_KINDS.len() {
        if DOC_KINDS[k].0.len() > max {
            max = DOC_KINDS[k].0.len();
        }
        k += 1;
    }
    max
};

fn heading_title(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        // Cheap tests first: a heading is as short as a kind's name (a char lowercases to at
        // least one byte and is at most four), so long lines are not case-mapped at all; the
        // lowercase copy is made once, not once per kind.
        let is_heading = t.len() <= 4 * MAX_KIND_LEN
            && t.chars().any(|c| c.is_alphabetic())
            && is_own_uppercase(t)
            && {
                let l = t.to_lowercase();
                // Headings of kinds the library files as `other` title the document too.
                DOC_KINDS.iter().any(|(w, _)| l == *w)
                    || matches!(l.as_str(), "báo cáo" | "hướng dẫn" | "thông báo" | "đề án")
            };
        let start = if is_heading {
            // The first non-empty line after the heading.
            match lines
                .iter()
                .enumerate()
                .skip(i + 1)
                .find(|(_, l)| !l.trim().is_empty())
            {
                Some((k, _)) => k,
                None => continue,
            }
        } else if t.starts_with("Về việc ") || t.starts_with("V/v ") {
            i
        } else {
            continue;
        };
        let first = lines[start].trim();
        if first.is_empty() || first.len() > 400 || first.ends_with('.') {
            continue;
        }
        let mut title = first.to_string();
        // A continuation line starting in lowercase (after blank lines).
        for next in lines.iter().skip(start + 1) {
            let n = next.trim();
            if n.is_empty() {
                continue;
            }
            if n.chars().next().is_some_and(|c| c.is_lowercase()) && !n.ends_with('.') {
                title.push(' ');
                title.push_str(n);
            }
            break;
        }
        return Some(collapse(&title));
    }
    None
}

fn page_title(text: &str) -> Option<String> {
    // One pass over the first lines: a line about thi đua wins wherever it is; else the first
    // heading about targets, kept on the way.
    let mut heading: Option<String> = None;
    for line in text.split('\n').take(12) {
        let t = collapse(line);
        // The length and full-stop tests first: a long paragraph line is not lowercased.
        if t.len() >= 300 || t.ends_with('.') {
            continue;
        }
        let l = lowercase(&t);
        if l.starts_with("thứ ") {
            continue;
        }
        if l.contains("thi đua") {
            return Some(t.strip_prefix("null ").unwrap_or(&t).to_string());
        }
        // A heading about targets: "CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2024", "Các chỉ tiêu chủ
        // yếu (nhiệm kỳ 2020-2025)".
        if heading.is_none() && targets_heading(&t, &l) {
            heading = Some(t);
        }
    }
    heading
}

/// Whether a first line (`t`, lowercased `l`) is a heading about targets.
fn targets_heading(t: &str, l: &str) -> bool {
    let n = t.chars().count();
    (12..=160).contains(&n)
        && !t.ends_with(':')
        && !contains_word(l, "đã")
        && ["chỉ tiêu", "mục tiêu", "kế hoạch"]
            .iter()
            .any(|w| l.contains(w))
}

fn theme(text: &str, lower: &str) -> Option<String> {
    let quoted_after = |at: usize| -> Option<String> {
        let rest = text.get(at..floor_boundary(text, at + 120))?;
        let open = rest.find(['“', '"'])?;
        let rest = text.get(at..floor_boundary(text, at + 2000))?;
        // The quote must follow closely ("chủ đề thi đua năm 2024 là: “…”").
        if open > 60 || rest.get(..open)?.contains(['.', ';', '\n']) {
            return None;
        }
        let inner_at = open + rest.get(open..)?.chars().next()?.len_utf8();
        let inner = rest.get(inner_at..)?;
        let close = inner.find(['”', '"'])?;
        let t = collapse(inner.get(..close)?);
        (!t.is_empty()).then_some(t)
    };
    for (at, _) in lower.match_indices("chủ đề") {
        if let Some(t) = quoted_after(at + "chủ đề".len()) {
            return Some(t);
        }
    }
    // "“…” Đó là chủ đề thi đua …": the quote before.
    for (at, _) in lower.match_indices("là chủ đề") {
        let before = text.get(floor_boundary(text, at.saturating_sub(2000))..at)?;
        let close = before.rfind(['”', '"'])?;
        if before
            .get(close..)?
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            > 10
        {
            continue;
        }
        let open = before.get(..close)?.rfind(['“', '"'])?;
        let inner_at = open + before.get(open..)?.chars().next()?.len_utf8();
        let t = collapse(before.get(inner_at..close)?);
        if !t.is_empty() {
            return Some(t);
        }
    }
    None
}

const CORES: &[&str] = &[
    "ubnd",
    "ủy ban nhân dân",
    "ủy ban nhân",
    "hđnd",
    "hội đồng nhân dân",
];
const LEVELS: &[&str] = &[
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "thị xã",
    "xã",
    "phường",
    "tp.",
];

/// Bodies other than People's Committees and Councils that set targets.
const BODIES: &[(&str, &str)] = &[
    ("thủ tướng chính phủ", "Thủ tướng Chính phủ"),
    ("quốc hội", "Quốc hội"),
    ("chính phủ", "Chính phủ"),
    ("tỉnh ủy", "Tỉnh ủy"),
    ("thành ủy", "Thành ủy"),
    ("huyện ủy", "Huyện ủy"),
    ("tỉnh đảng bộ", "Đảng bộ tỉnh"),
    ("đảng bộ", "Đảng bộ"),
    ("bộ", "Bộ"),
    ("sở", "Sở"),
    ("hội nông dân", "Hội Nông dân"),
    ("hội liên hiệp phụ nữ", "Hội Liên hiệp Phụ nữ"),
    ("hội cựu chiến binh", "Hội Cựu chiến binh"),
    ("liên đoàn lao động", "Liên đoàn Lao động"),
    ("ban chấp hành đoàn", "Đoàn"),
    ("bch đoàn", "Đoàn"),
];

/// Mass organisations ("Hội Nông dân tỉnh", "Liên đoàn Lao động huyện …"): named with their
/// level, like a Party committee.
fn mass_organisation(w: &str) -> bool {
    w.starts_with("hội ") || w == "liên đoàn lao động" || youth_union(w)
}

/// The Youth Union's executive committee ("BCH ĐOÀN TỈNH ĐẮK LẮK", "Ban Chấp hành Đoàn
/// tỉnh …"): the issuer is the Union of its level and place ("Đoàn tỉnh Đắk Lắk").
fn youth_union(w: &str) -> bool {
    matches!(w, "ban chấp hành đoàn" | "bch đoàn")
}

/// Verbs whose subject is the issuer of the targets.
const ADOPTING: &[&str] = &[
    "thông qua",
    "ban hành",
    "phát động",
    "đề ra",
    "đặt ra",
    "xác định",
    "giao chỉ tiêu",
];

/// A body named in the text: where, and either a People's Committee / Council (built by
/// [`committee_at`]) or another body's name.
enum Body {
    Committee(usize, &'static str, usize),
    Other(String, Option<String>),
}

/// The first two bytes of every name that [`body_at`] looks for (each has at least two): it
/// returns at once at the many places where none starts.
const BODY_STARTS: [[u8; 2]; CORES.len() + BODIES.len()] = {
    let mut out = [[0u8; 2]; CORES.len() + BODIES.len()];
    let mut k = 0;
    while k < CORES.len() {
        let b = CORES[k].as_bytes();
        out[k] = [b[0], b[1]];
        k += 1;
    }
    let mut j = 0;
    while j < BODIES.len() {
        let b = BODIES[j].0.as_bytes();
        out[CORES.len() + j] = [b[0], b[1]];
        j += 1;
    }
    out
};

/// The body mentioned at `at`, if any.
fn body_at(text: &str, lower: &str, at: usize) -> Option<Body> {
    let head = lower.as_bytes().get(at..at + 2)?;
    if !BODY_STARTS
        .iter()
        .any(|p| p[0] == head[0] && p[1] == head[1])
    {
        return None;
    }
    for core in CORES {
        if lower.get(at..).is_some_and(|r| r.starts_with(core))
            && is_boundary_after(lower, at + core.len())
        {
            return Some(Body::Committee(at, core, at + core.len()));
        }
    }
    for (w, name) in BODIES {
        if !lower.get(at..).is_some_and(|r| r.starts_with(w))
            || !is_boundary_after(lower, at + w.len())
        {
            continue;
        }
        let any_case = matches!(*w, "đảng bộ" | "tỉnh đảng bộ") || mass_organisation(w);
        if !any_case
            && !text
                .get(at..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase)
        {
            continue;
        }
        let e = at + w.len();
        return match *w {
            "bộ" | "sở" => {
                let rest = locality_at(text, e)?;
                Some(Body::Other(format!("{name} {rest}"), None))
            }
            w if mass_organisation(w) => {
                // "Ban Thường vụ Hội Nông dân tỉnh phát động …": the level is stated, the
                // place may be only in the header ("HỘI NÔNG DÂN TỈNH TUYÊN QUANG").
                let r = lower.get(e..)?.strip_prefix(' ')?;
                let level = LEVELS
                    .iter()
                    .find(|l| r.starts_with(**l) && is_boundary_after(r, l.len()))?;
                let loc = locality_at(text, e + 1 + level.len()).or_else(|| {
                    find_words(lower, level).find_map(|i| locality_at(text, i + level.len()))
                });
                let full = match &loc {
                    Some(l) => format!("{name} {level} {l}"),
                    None => format!("{name} {level}"),
                };
                Some(Body::Other(full, loc))
            }
            "đảng bộ" => {
                let r = lower.get(e..)?.strip_prefix(' ')?;
                let level = LEVELS
                    .iter()
                    .find(|l| r.starts_with(**l) && is_boundary_after(r, l.len()))?;
                let loc = locality_at(text, e + 1 + level.len());
                let full = match &loc {
                    Some(l) => format!("Đảng bộ {level} {l}"),
                    None => format!("Đảng bộ {level}"),
                };
                Some(Body::Other(full, loc))
            }
            _ => Some(Body::Other((*name).to_string(), None)),
        };
    }
    None
}

/// Whether the mention at `at` is cited ("của Chính phủ", "theo chỉ đạo của …").
fn cited(lower: &str, at: usize) -> bool {
    let from = floor_boundary(lower, at.saturating_sub(40));
    let before = lower.get(from..at).unwrap_or("");
    let sentence = before.rsplit(['.', '\n', ';']).next().unwrap_or("");
    sentence.contains("của ") || sentence.contains("theo ")
}

/// The body that adopts the targets: the nearest body before an adopting verb in its
/// sentence ("Quốc hội đã chính thức thông qua Nghị quyết", "Đảng bộ xã Nhơn Sơn đề ra chỉ
/// tiêu", "Chủ tịch UBND tỉnh Thanh Hóa ban hành Quyết định").
fn adopting_body(text: &str, lower: &str) -> Option<Body> {
    let mut verbs: Vec<usize> = ADOPTING.iter().flat_map(|v| find_words(lower, v)).collect();
    verbs.sort_unstable();
    for v in verbs {
        let from = floor_boundary(lower, v.saturating_sub(120));
        let window = lower.get(from..v).unwrap_or("");
        let start = from + window.rfind(['.', '\n']).map_or(0, |k| k + 1);
        let mut found = None;
        let mut k = start;
        while k < v {
            if is_boundary_before(lower, k) {
                if let Some(b) = body_at(text, lower, k) {
                    if !cited(lower, k) {
                        found = Some(b);
                    }
                }
            }
            k += lower
                .get(k..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8);
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The first body of another kind that is not cited, when no committee is named.
fn first_other_body(text: &str, lower: &str) -> Option<Issuer> {
    // The character before `k`, carried along (what `is_boundary_before` would decode).
    let mut prev: Option<char> = None;
    for (k, c) in lower.char_indices() {
        // The cheap test first: `cited` looks back over the sentence, so it runs only
        // where a body is named.
        let boundary = prev.is_none_or(|p| !super::scan::is_alnum(p) && p != '-' && p != '/');
        prev = Some(c);
        if boundary {
            if let Some(Body::Other(name, locality)) = body_at(text, lower, k) {
                if !cited(lower, k) {
                    return Some(Issuer { name, locality });
                }
            }
        }
    }
    None
}

/// The issuer: the body that adopts the targets, else the first People's Committee or
/// Council named (as "Chủ tịch UBND tỉnh Bình Dương"), else the first other body.
fn issuer(text: &str, lower: &str, diags: &mut Vec<Diag>) -> Option<Issuer> {
    let mut found = issuer_named(text, lower, diags)?;
    if found.name.starts_with("UBND") && signed_by_chairman(lower) {
        found.name.insert_str(0, "Chủ tịch ");
    }
    Some(found)
}

/// Whether the signature block is the chairman's own ("CHỦ TỊCH", "KT. CHỦ TỊCH" / "PHÓ CHỦ
/// TỊCH" with no "TM. ỦY BAN NHÂN DÂN" above it): the document is the Chủ tịch UBND's (a Chỉ
/// thị), not the committee's (signed "TM. ỦY BAN NHÂN DÂN").
fn signed_by_chairman(lower: &str) -> bool {
    let mut chairman = false;
    for line in lower.lines().map(str::trim) {
        if line.starts_with("tm. ủy ban nhân dân")
            || line.starts_with("tm. uỷ ban nhân dân")
            || line.starts_with("tm. ubnd")
        {
            return false;
        }
        if line == "chủ tịch" || line == "kt. chủ tịch" {
            chairman = true;
        }
    }
    chairman
}

fn issuer_named(text: &str, lower: &str, diags: &mut Vec<Diag>) -> Option<Issuer> {
    if let Some(i) = header_block_issuer(text, lower, diags) {
        return Some(i);
    }
    if let Some(i) = header_issuer(text, lower, diags) {
        return Some(i);
    }
    if let Some(i) = org::under_parent(text) {
        return Some(i);
    }
    match adopting_body(text, lower) {
        Some(Body::Other(name, locality)) => return Some(Issuer { name, locality }),
        Some(Body::Committee(at, core, e)) => {
            return Some(committee_at(text, lower, at, core, e, diags))
        }
        None => {}
    }
    let mut best: Option<(usize, &str, usize)> = None;
    for core in CORES {
        if let Some(at) = find_words(lower, core).next() {
            if best.is_none_or(|b| at < b.0) {
                best = Some((at, core, at + core.len()));
            }
        }
    }
    match best {
        Some((at, core, e)) => Some(committee_at(text, lower, at, core, e, diags)),
        None => first_other_body(text, lower),
    }
}

/// The issuer in the header of an official document: the first non-empty lines, in capitals
/// ("ỦY BAN NHÂN DÂN TỈNH SÔNG LAM", "SỞ CÔNG THƯƠNG TỈNH BÌNH PHONG", "HỘI ĐỒNG NHÂN DÂN" /
/// "THÀNH PHỐ CẦN THƠ").
fn header_issuer(text: &str, lower: &str, diags: &mut Vec<Diag>) -> Option<Issuer> {
    let start = text.len() - text.trim_start().len();
    let line_end = text
        .get(start..)?
        .find('\n')
        .map_or(text.len(), |k| start + k);
    let first = text.get(start..line_end)?.trim();
    let caps = first.chars().any(char::is_alphabetic) && !first.chars().any(char::is_lowercase);
    if !caps || first.len() > 120 {
        return None;
    }
    match body_at(text, lower, start)? {
        Body::Committee(at, core, e) => {
            let parent = committee_at(text, lower, at, core, e, diags);
            Some(agency_under(text, line_end, &parent).unwrap_or(parent))
        }
        Body::Other(name, locality) if name.starts_with("Đoàn ") => {
            Some(Issuer { name, locality })
        }
        Body::Other(..) => Some(
            text.get(line_end..)
                .and_then(|r| r.strip_prefix('\n'))
                .and_then(|r| r.split('\n').next())
                .and_then(|next| party_committee_under(first, next))
                .unwrap_or_else(|| title_issuer(first, locality_line(text, line_end))),
        ),
    }
}

/// Whether word `k` of an agency's name in capitals is written in lower case, as the state
/// writes agencies' names ("SỞ Y TẾ" → "Sở Y tế", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" → "Sở
/// Lao động - Thương binh và Xã hội", "BAN THI ĐUA - KHEN THƯỞNG" → "Ban Thi đua - Khen
/// thưởng"): after the agency word ("Sở", "Bộ", "Ban", "Phòng", "Chi cục", "Cục", "Văn phòng",
/// "Thanh tra"), each field's first word is capitalised (after the agency word, "và", ',' or
/// a dash) and its other words are not; "và" itself is lower case.
fn agency_word_lower(words: &[&str], k: usize) -> bool {
    const LEADS: &[&str] = &["sở", "bộ", "ban", "phòng", "cục", "thanh"];
    let low = |i: usize| words.get(i).map(|w| lowercase(w)).unwrap_or_default();
    let first = low(0);
    let lead_len = match first.as_str() {
        "chi" if low(1) == "cục" => 2,
        "văn" if low(1) == "phòng" => 2,
        "thanh" if low(1) == "tra" => 2,
        w if LEADS.contains(&w) && w != "thanh" => 1,
        _ => return false,
    };
    if k < lead_len + 1 {
        return false;
    }
    let w = low(k);
    if w == "và" {
        return true;
    }
    let prev = words[k - 1];
    // "Sở Công Thương": the name of the trade ministry's line is written with two capitals.
    // "Bộ Chỉ huy Quân sự": likewise.
    if (w == "thương" && lowercase(prev) == "công") || (w == "quân" && lowercase(prev) == "huy")
    {
        return false;
    }
    let opens_field = prev.ends_with(',') || matches!(prev, "-" | "–") || lowercase(prev) == "và";
    !opens_field
}

/// An issuer named in capitals, in title case: "SỞ CÔNG THƯƠNG TỈNH BÌNH PHONG" → "Sở Công
/// Thương tỉnh Bình Phong"; a locality on the next header line ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" over
/// "TỈNH NGHỆ AN") is joined. Acronyms (words without a vowel: "TNHH", "MTV", "BCH", "HĐND")
/// stay in capitals.
fn title_issuer(first: &str, next: Option<&str>) -> Issuer {
    let mut name = Vec::new();
    let mut locality = Vec::new();
    let mut after_level = false;
    let mut words: Vec<&str> = first.split_whitespace().collect();
    if let Some(next) = next {
        words.extend(next.split_whitespace());
    }
    let mut k = 0;
    while k < words.len() {
        let w = lowercase(words[k]);
        let two = words.get(k + 1).map(|n| format!("{w} {}", lowercase(n)));
        let level = LEVELS
            .iter()
            .find(|l| two.as_deref() == Some(**l) || w == **l)
            // "… THƯƠNG BINH VÀ XÃ HỘI": "xã hội" (society) is no commune.
            .filter(|_| k > 0 && two.as_deref() != Some("xã hội"));
        if let Some(l) = level {
            name.push(l.to_string());
            k += l.split(' ').count();
            after_level = true;
            continue;
        }
        let acronym =
            w.chars().count() >= 2 && w.chars().all(|c| "bcdđfghjklmnpqrstvwxz".contains(c));
        let word = if acronym {
            words[k].to_string()
        } else if !after_level && agency_word_lower(&words, k) {
            w.clone()
        } else {
            capitalize(&w)
        };
        if after_level {
            locality.push(word.clone());
        }
        name.push(word);
        k += 1;
    }
    let locality = (!locality.is_empty()).then(|| locality.join(" "));
    Issuer {
        name: name.join(" "),
        locality,
    }
}

/// The body lines of a header block (byte ranges of `text`), and whether the block ended at
/// its "Số:" or place-date line (see [`header_block_issuer`]).
fn header_block_lines(text: &str) -> (Vec<(usize, usize)>, bool) {
    let mut orgs: Vec<(usize, usize)> = Vec::new();
    let mut numbered = false;
    let mut sealed = false;
    let mut at = 0;
    for line in text.split_inclusive('\n').take(15) {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        // A header line is short: a long one (a covering note, a text that is one line) is
        // passed over before the block and ends it after.
        if body.len() > 300 {
            if orgs.is_empty() {
                continue;
            }
            break;
        }
        // "| UBND TỈNH CÀ MAU   SỞ Y TẾ | CỘNG HÒA … |": a header copied as a Markdown table,
        // its cells' lines stacked with "<br>" (spaces by now); the left cell's lines are
        // header lines of their own.
        let (body, start) = match body.strip_prefix('|') {
            Some(r) => (r, start + 1),
            None => (body, start),
        };
        let pipe_row = body.len() < line.trim_end_matches(['\n', '\r']).len();
        let cut = [" | ", "|", "\t", "   "]
            .iter()
            .filter_map(|sep| body.find(sep))
            .min()
            .unwrap_or(body.len());
        let stacked = pipe_row
            .then(|| body.find('|'))
            .flatten()
            .map(|e| &body[..e])
            .filter(|cell| cell.trim().contains("   "));
        if let Some(cell) = stacked {
            stacked_lines(cell, start, &mut orgs);
            continue;
        }
        let left = &body[..cut];
        let lead = left.len() - left.trim_start().len();
        let cell = left.trim();
        let lcell = lowercase(cell);
        if cell.is_empty() || cell.chars().all(|c| !c.is_alphanumeric()) {
            // "*", "***", "-----" under the bodies: the block may go on to "Số:", but the
            // lines after it ("ĐẠI HỘI ĐẠI BIỂU …") are not bodies. A blank line is neither.
            sealed |= !orgs.is_empty() && !cell.is_empty();
            continue;
        }
        if lcell.starts_with("số:")
            || lcell
                .strip_prefix("số ")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            || (!orgs.is_empty() && place_date_line(&lcell))
            // "PHIẾU ĐĂNG KÝ THI ĐUA", "KẾ HOẠCH" under two bodies: the title ends the block.
            || (orgs.len() >= 2 && cell.len() < 60 && title_line(&lcell))
        {
            numbered = true;
            break;
        }
        // "Mã chứng khoán: BNW", "Điện thoại: …" under a company's name, "Mẫu số 02" over a
        // form: a detail of the block.
        if !orgs.is_empty()
            && ((cell.contains(": ") && cell.chars().any(char::is_lowercase))
                || lcell.starts_with("mẫu số"))
        {
            continue;
        }
        if sealed {
            continue;
        }
        if ["cộng hòa", "cộng hoà", "độc lập", "đảng cộng sản việt nam"]
            .iter()
            .any(|m| lcell.starts_with(m))
        {
            continue;
        }
        let caps = cell.chars().any(char::is_alphabetic) && !cell.chars().any(char::is_lowercase);
        if caps && cell.len() <= 120 {
            orgs.push((start + lead, start + lead + cell.len()));
        } else if !orgs.is_empty() {
            break;
        }
    }
    (orgs, numbered)
}

/// The lines of a header cell stacked with "<br>" (runs of three spaces by now), in capitals,
/// as body lines (`start` is the cell's offset in the text).
fn stacked_lines(cell: &str, start: usize, orgs: &mut Vec<(usize, usize)>) {
    let mut pos = 0;
    for part in cell.split("   ") {
        let lead = part.len() - part.trim_start().len();
        let p = part.trim();
        let caps = p.chars().any(char::is_alphabetic) && !p.chars().any(char::is_lowercase);
        if caps && p.len() <= 120 {
            orgs.push((start + pos + lead, start + pos + lead + p.len()));
        }
        pos += part.len() + 3;
    }
}

/// The issuer from the header block of an official document: the lines in capitals before
/// the "Số:" line, each cut at the column separator of a two-column header ("SỞ NỘI VỤ TỈNH
/// NINH BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", a tab, or a run of spaces), the national
/// motto and a portal's breadcrumb lines left out. The lowest body of the block issues the
/// document, the lines above it are its parents ("SỞ Y TẾ TỈNH PHÚ THỌ" / "BỆNH VIỆN ĐA KHOA
/// TỈNH PHÚ THỌ", "TẬP ĐOÀN …" / "CÔNG TY TNHH MTV …", "QUÂN KHU 7" / "BỘ CHỈ HUY QUÂN SỰ" /
/// "TỈNH LÂM ĐỒNG"); under a People's Committee, the agency line below it
/// ([`agency_under`]). `None` without such a block (no "Số:" or place-date line, or a single
/// line that is not a company, corporation, bank or cooperative), for the other rules.
fn header_block_issuer(text: &str, lower: &str, diags: &mut Vec<Diag>) -> Option<Issuer> {
    let (orgs, numbered) = header_block_lines(text);
    // One body line is enough when it names an organisation of its own ("CÔNG TY CỔ PHẦN …",
    // "NGÂN HÀNG …"); a single "UBND TỈNH …" line is left to the other rules.
    let own_body = |k: usize| {
        let l = text[orgs[k].0..orgs[k].1].to_lowercase();
        [
            "công ty",
            "tổng công ty",
            "tập đoàn",
            "ngân hàng",
            "hợp tác xã",
        ]
        .iter()
        .any(|w| l.starts_with(w))
    };
    if !numbered || orgs.is_empty() || (orgs.len() < 2 && !own_body(0)) {
        return None;
    }
    let line = |k: usize| &text[orgs[k].0..orgs[k].1];
    let locality_only = |k: usize| {
        let l = lowercase(line(k));
        LEVELS
            .iter()
            .any(|v| l.strip_prefix(v).is_some_and(|r| r.starts_with(' ')))
    };
    let mut k = (0..orgs.len()).rev().find(|&k| !locality_only(k))?;
    // "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM" / "TỈNH ĐỒNG THÁP" / "BAN THƯỜNG TRỰC": the standing
    // board of the body above acts for it; so does its congress or conference ("ĐẢNG BỘ TỈNH
    // GIA LAI" / "ĐẠI HỘI ĐẠI BIỂU LẦN THỨ I"). The body is the issuer.
    let board = |k: usize| {
        let l = lowercase(line(k));
        [
            "ban thường trực",
            "ban thường vụ",
            "ban chấp hành",
            "thường trực",
        ]
        .iter()
        .any(|b| l == *b)
            || ["đại hội", "hội nghị", "kỳ họp"]
                .iter()
                .any(|b| l.starts_with(b))
    };
    if k > 0 && board(k) {
        k = (0..k).rev().find(|&j| !locality_only(j))?;
    }
    let next = (k + 1 < orgs.len() && locality_only(k + 1)).then(|| line(k + 1));
    if let Some(Body::Committee(a, core, e)) = body_at(text, lower, orgs[0].0) {
        let parent = committee_at(text, lower, a, core, e, diags);
        if k == 0 {
            return Some(parent);
        }
        // "UBND TỈNH QUẢNG NINH" / "SỞ GIÁO DỤC VÀ ĐÀO TẠO": the agency, with its parent's
        // level and locality when it names none.
        let mut agency = title_issuer(line(k), next);
        let level = parent
            .name
            .split_whitespace()
            .nth(1)
            .filter(|w| w.chars().all(char::is_lowercase));
        if let (None, Some(level), Some(loc)) = (&agency.locality, level, &parent.locality) {
            agency.name = format!("{} {level} {loc}", agency.name);
            agency.locality = Some(loc.clone());
        }
        return Some(agency);
    }
    if let Some(party) = (k + 1 < orgs.len())
        .then(|| party_committee_under(line(k), line(k + 1)))
        .flatten()
    {
        return Some(party);
    }
    Some(title_issuer(line(k), next))
}

/// The agency on the header line under its parent committee ("UBND TỈNH QUẢNG NINH" / "SỞ XÂY
/// DỰNG"): the issuing body is the lower line (the parent is the "cơ quan chủ quản"), with the
/// parent's level and locality: "Sở Xây dựng tỉnh Quảng Ninh".
fn agency_under(text: &str, line_end: usize, parent: &Issuer) -> Option<Issuer> {
    const AGENCIES: &[&str] = &[
        "sở ",
        "ban ",
        "phòng ",
        "chi cục ",
        "cục ",
        "văn phòng ",
        "trung tâm ",
        "thanh tra ",
    ];
    let next = text
        .get(line_end..)?
        .strip_prefix('\n')?
        .split('\n')
        .next()?
        .trim();
    let lower = lowercase(next);
    let caps = !next.chars().any(char::is_lowercase) && (4..=80).contains(&next.len());
    if !caps || !AGENCIES.iter().any(|a| lower.starts_with(a)) || lower.contains(':') {
        return None;
    }
    let words: Vec<&str> = next.split_whitespace().collect();
    let mut name: Vec<String> = (0..words.len())
        .map(|k| {
            let w = lowercase(words[k]);
            if agency_word_lower(&words, k) {
                w
            } else {
                capitalize(&w)
            }
        })
        .collect();
    let level = parent
        .name
        .split_whitespace()
        .nth(1)
        .filter(|w| w.chars().all(char::is_lowercase));
    if let (Some(level), Some(loc)) = (level, &parent.locality) {
        name.push(level.to_string());
        name.push(loc.clone());
    }
    Some(Issuer {
        name: name.join(" "),
        locality: parent.locality.clone(),
    })
}

/// The line after `line_end` when it is a short line in capitals that names a locality by its
/// level ("TỈNH NGHỆ AN", "THÀNH PHỐ CẦN THƠ", "HUYỆN ĐỨC TRỌNG") and the line before has none.
/// "ĐẢNG BỘ TỈNH NGHỆ AN" over "TỈNH ỦY": the Party committee of that level and place issues
/// the text ("Tỉnh ủy Nghệ An"), not the Party organisation named above it.
fn party_committee_under(first: &str, next: &str) -> Option<Issuer> {
    let lower = lowercase(first);
    let rest = lower.strip_prefix("đảng bộ ")?;
    let committee = collapse(&next.trim().to_lowercase());
    let level = ["tỉnh", "thành phố", "xã", "phường"]
        .iter()
        .find(|l| rest.starts_with(&format!("{l} ")))?;
    let name = match (committee.as_str(), *level) {
        ("tỉnh ủy", "tỉnh") => "Tỉnh ủy",
        ("thành ủy", "thành phố") => "Thành ủy",
        ("đảng ủy xã", "xã") => "Đảng ủy xã",
        ("đảng ủy phường", "phường") => "Đảng ủy phường",
        _ => return None,
    };
    let place: Vec<String> = first
        .split_whitespace()
        .skip(2 + level.split(' ').count())
        .map(|w| capitalize(&lowercase(w)))
        .collect();
    if place.is_empty() {
        return None;
    }
    let place = place.join(" ");
    Some(Issuer {
        name: format!("{name} {place}"),
        locality: Some(place),
    })
}

fn locality_line(text: &str, line_end: usize) -> Option<&str> {
    let first = text.get(..line_end)?.rsplit('\n').next()?.to_lowercase();
    let rest = text.get(line_end..)?.strip_prefix('\n')?;
    let next = rest.split('\n').next()?.trim();
    let lower = lowercase(next);
    let caps = !next.chars().any(char::is_lowercase) && next.len() <= 60;
    let has_level = |l: &str| LEVELS.iter().any(|v| contains_word(l, v));
    let starts_with_level = LEVELS
        .iter()
        .any(|v| lower.strip_prefix(v).is_some_and(|r| r.starts_with(' ')));
    (caps && starts_with_level && !has_level(&first)).then_some(next)
}

/// The People's Committee or Council named at `at` ("Chủ tịch UBND tỉnh Kon Tum"), its
/// locality from there or from the first "tỉnh <Name>" of the text.
fn committee_at(
    text: &str,
    lower: &str,
    at: usize,
    core: &str,
    e: usize,
    diags: &mut Vec<Diag>,
) -> Issuer {
    let mut e = e;
    let chair = lower.get(..at).is_some_and(|h| h.ends_with("chủ tịch "));
    let start = if chair {
        at - "chủ tịch ".len()
    } else {
        at
    };
    let body = if core.starts_with('h') {
        "HĐND"
    } else {
        "UBND"
    };
    let rest = lower.get(e..).unwrap_or("");
    let mut level = None;
    // "HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ": the level may be on the next header line.
    // Spaces (a blanked header cell) and at most one line break may come between.
    let r = rest.trim_start_matches([' ', '\n']);
    let gap = rest.len() - r.len();
    if gap > 0 && rest[..gap].matches('\n').count() <= 1 {
        if let Some(l) = LEVELS
            .iter()
            .find(|l| r.starts_with(**l) && is_boundary_after(r, l.len()))
        {
            level = Some(*l);
            e += gap + l.len();
        }
    }
    let mut locality = locality_at(text, e);
    let mut stated_here = locality.is_some();
    if locality.is_none() {
        if let Some(l) = level {
            for (i, _) in lower.match_indices(l) {
                if !is_boundary_before(lower, i) {
                    continue;
                }
                if let Some(loc) = locality_at(text, i + l.len()) {
                    locality = Some(loc);
                    break;
                }
            }
        }
        stated_here = false;
    }
    let mut name = String::new();
    if chair {
        name.push_str("Chủ tịch ");
    }
    name.push_str(body);
    if let Some(l) = level {
        name.push(' ');
        name.push_str(l);
    }
    if let Some(loc) = &locality {
        name.push(' ');
        name.push_str(loc);
    } else {
        diags.push(Diag {
            start,
            end: e,
            severity: Severity::Info,
            code: "locality_not_stated",
            message: "the text does not name the province or locality of the issuer".into(),
        });
    }
    let _ = stated_here;
    Issuer { name, locality }
}

/// Capitalised words after `at` (" Kon Tum", " Bình Dương"), at most four.
/// Words that end a place name read from capitals ("… ĐỨC TRỌNG LẦN THỨ XIII, NHIỆM KỲ …",
/// "… LÂM ĐỒNG NĂM 2025", "… NGHỆ AN VỀ …").
const NOT_IN_PLACE_NAME: &[&str] = &[
    "lần", "khóa", "khoá", "nhiệm", "năm", "giai", "về", "của", "và", "ban", "phát", "thực",
    "trong", "đến", "từ", "tại",
];

fn locality_at(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    let rest = rest.strip_prefix(' ')?;
    let rest = rest.split('\n').next().unwrap_or("");
    let mut words = Vec::new();
    for w in rest.split(' ').take(4) {
        let clean = w.trim_end_matches([',', '.', ';', ':', ')']);
        let Some(first) = clean.chars().next() else {
            break; // a run of spaces (a blanked header cell) ends the name
        };
        // "HUYỆN ĐỨC TRỌNG LẦN THỨ XIII": words that never belong to a place name end it.
        if NOT_IN_PLACE_NAME.contains(&clean.to_lowercase().as_str()) {
            break;
        }
        let all_caps = clean.chars().count() > 1 && clean.chars().all(|c| c.is_uppercase());
        if first.is_uppercase()
            && clean.chars().all(|c| c.is_alphabetic())
            && (all_caps || !clean.chars().skip(1).any(|c| c.is_uppercase()))
        {
            let word = if all_caps {
                capitalize(&clean.to_lowercase())
            } else {
                clean.to_string()
            };
            words.push(word);
            if clean.len() != w.len() {
                break;
            }
        } else {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

fn attachment_number(text: &str, lower: &str) -> Option<((String, String), usize, usize)> {
    for (at, _) in lower.match_indices(".pdf") {
        let from = floor_boundary(lower, at.saturating_sub(100));
        let start = lower
            .get(from..at)?
            .rfind(|c: char| c.is_whitespace())
            .map_or(from, |k| from + k + 1);
        let name = text.get(start..at)?;
        let base = name.split('.').next()?;
        let (num, code) = base.split_once('-')?;
        if !num.is_empty()
            && num.bytes().all(|b| b.is_ascii_digit())
            && !code.is_empty()
            && code.chars().all(|c| c.is_alphabetic())
        {
            return Some(((num.to_string(), code.to_string()), start, at + 4));
        }
    }
    None
}

/// The number of a law named before it: "Luật Tổ chức chính quyền địa phương số
/// 72/2025/QH15" (from `at`, after "Luật"): the first " số " of the same clause, within a few
/// words, followed by a document number.
fn law_number(text: &str, lower: &str, at: usize) -> Option<(usize, usize)> {
    let end = floor_boundary(lower, (at + 160).min(lower.len()));
    let window = lower.get(at..end)?;
    let stop = window.find([';', '.', '\n']).unwrap_or(window.len());
    let k = window[..stop].find(" số ")?;
    let s = at + k + " số ".len();
    doc_number_at(text, s).map(|e| (s, e))
}

/// The number after at most three words qualifying a kind of document: "Chương trình hành
/// động số 25-CTr/TU", "Nghị quyết liên tịch số 01/…" (`at` is right after the kind word).
fn qualified_number(text: &str, lower: &str, at: usize) -> Option<(usize, usize)> {
    let end = floor_boundary(lower, (at + 48).min(lower.len()));
    let window = lower.get(at..end)?;
    let stop = window
        .find([';', '.', ',', '\n', '('])
        .unwrap_or(window.len());
    let k = window[..stop].find(" số ")?;
    if window[..k].split_whitespace().count() > 3 {
        return None;
    }
    let s = at + k + " số ".len();
    doc_number_at(text, s).map(|e| (s, e))
}

fn legal_bases(text: &str, lower: &str, own: Option<&str>) -> Vec<LegalBasis> {
    let mut found: Vec<(usize, LegalBasis)> = Vec::new();
    let mut numbers = std::collections::HashSet::new();
    for (w, kind) in BASIS_KINDS {
        for at in find_words(lower, w) {
            // Capitalised in the text ("Nghị quyết 01-NQ/CP").
            if !text
                .get(at..)
                .and_then(|s| s.chars().next())
                .is_some_and(|c| c.is_uppercase())
            {
                continue;
            }
            let mut p = at + w.len();
            let rest = lower.get(p..).unwrap_or("");
            let r = rest.strip_prefix(" số").unwrap_or(rest);
            let r = r.trim_start_matches([' ', ':']);
            p = lower.len() - r.len();
            let e = match doc_number_at(text, p) {
                Some(e) => e,
                None => match (*w == "luật")
                    .then(|| law_number(text, lower, p))
                    .flatten()
                    .or_else(|| qualified_number(text, lower, at + w.len()))
                {
                    Some((s, e)) => {
                        p = s;
                        e
                    }
                    None => continue,
                },
            };
            let number = text.get(p..e).unwrap_or("").to_string();
            if Some(number.as_str()) == own || !numbers.insert(number.clone()) {
                continue;
            }
            let mut q = e;
            let mut date = None;
            let after = lower.get(q..).unwrap_or("");
            let t = after.trim_start_matches([',', ' ']);
            if let Some(r) = t.strip_prefix("ngày ") {
                let d_at = lower.len() - r.len();
                if let Some((d, de)) = date_at(lower, d_at) {
                    date = Some(d);
                    q = de;
                }
            }
            let mut issuer = None;
            if let Some(r) = lower.get(q..).and_then(|s| s.strip_prefix(" của ")) {
                let s_at = lower.len() - r.len();
                let mut end = r.find([',', ';', '.', '\n', ':', '(']).unwrap_or(r.len());
                for stop in [
                    " về ", " và ", " theo ", " nhằm ", " trong ", " tại ", " đã ", " với ",
                ] {
                    if let Some(k) = r.find(stop) {
                        end = end.min(k);
                    }
                }
                let t = collapse(text.get(s_at..s_at + end).unwrap_or(""));
                if !t.is_empty() && t.len() < 80 {
                    issuer = Some(t);
                }
            }
            found.push((
                at,
                LegalBasis {
                    kind: (*kind).to_string(),
                    number,
                    date,
                    issuer,
                },
            ));
        }
    }
    found.sort_by_key(|x| x.0);
    found.into_iter().map(|x| x.1).collect()
}

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn find_words_gives_the_whole_word_matches_of_match_indices() {
        let hay =
            "số 12/NQ-HĐND; sốsố số-1 kế hoạch kế hoạch số, ủy ban ủy ban nhân dân tỉnh aaa a a";
        for w in [
            "số",
            "kế hoạch",
            "ủy ban",
            "a",
            "a a",
            "aa",
            "tỉnh",
            "x",
            "",
        ] {
            let want: Vec<usize> = hay
                .match_indices(w)
                .map(|(i, _)| i)
                .filter(|&i| is_boundary_before(hay, i) && is_boundary_after(hay, i + w.len()))
                .collect();
            assert_eq!(find_words(hay, w).collect::<Vec<_>>(), want, "{w:?}");
        }
        assert_eq!(find_words(hay, "kế hoạch").count(), 2);
    }

    #[test]
    fn is_own_uppercase_is_the_comparison_with_the_uppercase_copy() {
        let all = (0..=0x3_0000u32).filter_map(char::from_u32);
        for c in all {
            let t = format!("A{c}Ố");
            assert_eq!(
                is_own_uppercase(&t),
                t == t.to_uppercase(),
                "{:X}",
                c as u32
            );
        }
        for t in [
            "",
            "CHỈ THỊ",
            "Chỉ thị",
            "NGHỊ QUYẾT 12/NQ",
            "ß",
            "SS",
            "ŉ",
            "ǅ",
            "Ǆ",
        ] {
            assert_eq!(is_own_uppercase(t), t == t.to_uppercase(), "{t:?}");
        }
    }

    #[test]
    fn body_starts_are_the_first_two_bytes_of_every_name() {
        let names = CORES.iter().copied().chain(BODIES.iter().map(|b| b.0));
        for (w, p) in names.zip(BODY_STARTS) {
            assert_eq!(&w.as_bytes()[..2], &p[..], "{w}");
        }
        assert_eq!(BODY_STARTS.len(), CORES.len() + BODIES.len());
    }
}

#[cfg(test)]
mod issuer_tests {
    use crate::parse::parse_directive;

    #[test]
    fn a_mass_organisation_that_launches_the_movement_is_the_issuer() {
        let text = "HỘI LIÊN HIỆP PHỤ NỮ TỈNH AN GIANG | Trang chủ | Tin tức\n\
            Số 45-CV/HPNT\n\
            Năm 2026, Ban Thường vụ Hội Liên hiệp Phụ nữ tỉnh phát động phong trào thi đua trong hội viên.\n\
            1. Phát triển 2.000 hội viên mới.\n\
            Nơi nhận:\n\
            - Thường trực Tỉnh ủy (b/c);\n";
        let d = parse_directive(text).directive;
        assert_eq!(d.issuer.name, "Hội Liên hiệp Phụ nữ tỉnh An Giang");
        assert_eq!(d.issuer.locality.as_deref(), Some("An Giang"));
    }
}
