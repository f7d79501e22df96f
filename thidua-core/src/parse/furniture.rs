//! Page furniture of a printed copy (a PDF turned into text): footnotes at the foot of a page
//! (a rule "_____" then lines opening with their marker, "1 Theo Nghị định số …") and the
//! running header or footer printed on every page ("KH 86/KH-SKHCN            2"). Neither
//! is an item nor holds figures; the layout skips them. So is the distribution list under the
//! signature of an official letter ("Nơi nhận:" and its "- Như Điều 3; - Lưu: VT, KT." lines)
//! and its addressee line ("Kính gửi: Ủy ban nhân dân 11 phường …").

use super::scan::{Kind, Toks};

/// Token ranges of the furniture lines, in text order (linear: each line is looked at once).
pub(crate) fn find(tk: &Toks) -> Vec<(usize, usize)> {
    let len = tk.t.len();
    let mut out = Vec::new();
    let mut a = 0;
    let mut in_footnotes = false;
    let mut in_recipients = false;
    while a < len {
        let mut b = a + 1;
        while b < len && !tk.t[b].newline_before {
            b += 1;
        }
        let blank_before = a > 0
            && tk
                .n
                .slice(tk.t[a - 1].end, tk.t[a].start)
                .matches('\n')
                .count()
                >= 2;
        if blank_before {
            in_footnotes = false;
        }
        if addressee(tk, a) {
            // "Kính gửi: Ủy ban nhân dân 11 phường thuộc Cụm thi đua số 3.": who the letter is
            // for, not a target.
            out.push((a, b));
            a = b;
            continue;
        }
        if recipients_head(tk, a) {
            in_recipients = true;
            out.push((a, b));
            a = b;
            continue;
        }
        if in_recipients && !blank_before && is_bullet(tk, a) {
            out.push((a, b));
            a = b;
            continue;
        }
        in_recipients = false;
        if rule_line(tk, a, b) {
            in_footnotes = true;
            out.push((a, b));
        } else if (in_footnotes && (footnote_line(tk, a, b) || continues(tk, a, blank_before)))
            || running_header(tk, a, b)
        {
            out.push((a, b));
        } else {
            in_footnotes = false;
        }
        a = b;
    }
    out
}

/// "Kính gửi:" at a line start: the addressee line of a letter.
fn addressee(tk: &Toks, a: usize) -> bool {
    tk.w(a) == "kính" && tk.w(a + 1) == "gửi" && tk.is_punct(a + 2, ':')
}

/// "Nơi nhận:" at a line start: the distribution list of an official letter.
fn recipients_head(tk: &Toks, a: usize) -> bool {
    tk.w(a) == "nơi" && tk.w(a + 1) == "nhận" && tk.is_punct(a + 2, ':')
}

/// A line opening with a dash or a bullet: one recipient ("- Như Điều 3;", "- Lưu: VT, KT.").
fn is_bullet(tk: &Toks, a: usize) -> bool {
    ['-', '+', '•', '–'].iter().any(|&c| tk.is_punct(a, c))
}

/// A footnote's text wrapped onto the next line (no blank line, a lower-case start).
fn continues(tk: &Toks, a: usize, blank_before: bool) -> bool {
    !blank_before && tk.raw(a).chars().next().is_some_and(char::is_lowercase)
}

/// A line of underscores: the rule above the footnotes.
fn rule_line(tk: &Toks, a: usize, b: usize) -> bool {
    tk.n.slice(tk.t[a].start, tk.t[b - 1].end)
        .chars()
        .all(|c| c == '_')
        && tk.t[b - 1].end - tk.t[a].start >= 3
}

/// "1 Theo …", "2 Theo …": a footnote marker, a space and a capital.
fn footnote_line(tk: &Toks, a: usize, b: usize) -> bool {
    let w = tk.raw(a);
    a + 1 < b
        && tk.is_num(a)
        && w.len() <= 2
        && w.bytes().all(|c| c.is_ascii_digit())
        && tk.raw(a + 1).chars().next().is_some_and(char::is_uppercase)
}

/// A short line ending with a page number set apart by three spaces or more, whose text
/// holds a document code ("KH 86/KH-SKHCN            2").
fn running_header(tk: &Toks, a: usize, b: usize) -> bool {
    if b - a < 3 || b - a > 12 {
        return false;
    }
    let last = b - 1;
    let page = tk.is_num(last)
        && tk.raw(last).len() <= 3
        && tk.raw(last).bytes().all(|c| c.is_ascii_digit())
        && tk.n.slice(tk.t[last - 1].end, tk.t[last].start).len() >= 3;
    let code = (a + 1..last).any(|j| {
        tk.is_punct(j, '/')
            && tk.is_num(j - 1)
            && tk.kind(j + 1) == Some(Kind::Word)
            && tk.raw(j + 1).chars().all(|c| !c.is_lowercase())
    });
    // "Liên minh HTX tỉnh Phú Thọ | 2027          3": a slide's or a page's footer, its
    // columns split by '|'.
    let columns = (a + 1..last).any(|j| tk.is_punct(j, '|'));
    page && (code || columns)
}
