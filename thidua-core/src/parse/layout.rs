//! Where targets are: the layout of a text, whatever it is.
//!
//! 1. **Markers** — "(n)", "n.", "n)", "a)", roman "I.", "-", "+", "•", "Một là" at line
//!    starts, and "(n)", "n.", "I." run together inside a paragraph (a chain 1, 2, 3…).
//! 2. **Units** — the text between markers and hard line breaks; an unmarked paragraph is cut
//!    into sentences. A marked unit keeps its sentences together ("- … đạt 100%. Tỷ lệ …").
//! 3. **Passages** — a unit is read when it is in a passage about targets: after a heading
//!    or lead with "chỉ tiêu", "mục tiêu", "phấn đấu", "kế hoạch" (its lead "… gồm:" is not
//!    read), in a list whose items mostly hold figures, or when it states a plan figure after
//!    "KH". A passage ends at a result ("đã", "kết quả", "ước thực hiện"), page furniture
//!    (view counters, addresses) or a heading that is not about targets. Markers, trigger
//!    words and line breaks are evidence, none is required.
//! 4. **Items** — a read marked unit is one item (headings are not items; an item ending with
//!    "trong đó:" takes the deeper items after it; a numbered title takes the paragraph under
//!    it); a read prose unit gives one item per ';'-part with a figure, a part or sentence
//!    opening with "Trong đó" joining the previous one. Tables are read by `table.rs`.
//!
//! Everything is one pass over the tokens (linear).

use super::figure::Figures;
use super::lexicon::{
    CLOSING_HEADINGS, CLOSING_HEADINGS_SET, CLUTTER, CLUTTER_SET, ESTIMATES, INDICATORS_SET,
    STATUS_QUO, STRONG_RESULTS, TRIGGERS,
};
use super::scan::{FirstBytes, Kind, Toks};
use super::target::{is_line_marker, is_sentence_end};

/// A list marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// "(3)".
    Paren(u32),
    /// "3." or "3)".
    Num(u32),
    /// "a)" (1 for a).
    Letter(u32),
    /// "II." (2).
    Roman(u32),
    /// "-", "+", "•"…
    Bullet(char),
    /// "Một là", "Hai là" (1, 2).
    Ordinal(u32),
    /// "Chỉ tiêu 1:", "Mục tiêu 2:", "Nhiệm vụ 3." at a line start (1, 2, 3).
    Labeled(u32),
    /// "2.1.", "2.10.", "3.2.1." at a line start: a decimal label of two to four levels (1, 10,
    /// 1).
    Decimal(u32),
}

impl Mark {
    /// Markers of one class share a nesting level.
    fn class(self) -> u32 {
        match self {
            Mark::Paren(_) => 1,
            Mark::Num(_) => 2,
            Mark::Letter(_) => 3,
            Mark::Roman(_) => 4,
            Mark::Ordinal(_) => 5,
            Mark::Labeled(_) => 6,
            Mark::Decimal(_) => 7,
            Mark::Bullet(c) => 16 + c as u32,
        }
    }
}

/// A marker and where it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Marker {
    pub mark: Mark,
    /// First token of the marker.
    pub at: usize,
    /// First token after it.
    pub content: usize,
    /// At a line start (else inside a paragraph).
    pub line: bool,
}

/// One item found in the text: the token range of its content.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawItem {
    /// The number as printed ("(3)", "3.").
    pub printed: Option<u32>,
    /// First token of the marker (the content start when there is none).
    pub mark: usize,
    pub a: usize,
    pub b: usize,
    /// A report that states its plan after "KH": figures not after "KH" are results.
    pub report: bool,
    /// A table row: (table, row) indices.
    pub table: Option<(usize, usize)>,
    /// The sentence opens with "phấn đấu" (every clause is "phấn đấu …", none is bare).
    pub strive: bool,
}

/// What the layout pass finds.
pub(crate) struct Layout {
    pub items: Vec<RawItem>,
    /// Numbered lines that are not targets (content points): label, token range.
    pub content_lines: Vec<(String, usize, usize)>,
    /// Token ranges of the units read as targets (their figures are accounted for).
    pub read: Vec<(usize, usize)>,
    /// Units with target words and figures that were not read (for `no_targets`).
    pub unread_target_like: Vec<(usize, usize)>,
}

/// A unit of text.
#[derive(Debug, Clone, Copy)]
struct Unit {
    a: usize,
    b: usize,
    marker: Option<Marker>,
    /// Nesting level of the marker class (`u32::MAX` without a marker).
    level: u32,
}

fn roman_value(raw: &str) -> Option<u32> {
    const R: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    R.iter().position(|r| *r == raw).map(|k| k as u32 + 1)
}

const ORDINALS: &[&str] = &[
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
];

/// Words that make the number after them a label of a part of the document ("Điều 2.",
/// "Chương II.", "Mục 1.", "Phụ lục 1."), not a list marker.
const PART_LABELS: &[&str] = &["điều", "chương", "mục", "phần", "khoản", "điểm", "lục"];

/// A marker at token `i`, wherever it is (the caller checks its position).
fn marker_at(tk: &Toks, i: usize) -> Option<(Mark, usize)> {
    if i > 0 && PART_LABELS.contains(&tk.w(i - 1)) {
        return None;
    }
    let small_num = |k: usize| -> Option<u32> {
        let raw = tk.w(k);
        (tk.is_num(k) && raw.len() <= 3 && raw.bytes().all(|b| b.is_ascii_digit()))
            .then(|| raw.parse().ok())
            .flatten()
    };
    if tk.is_punct(i, '(') && tk.is_punct(i + 2, ')') {
        if let Some(v) = small_num(i + 1) {
            return Some((Mark::Paren(v), i + 3));
        }
    }
    let spaced_after = |k: usize| {
        tk.t.get(k)
            .is_some_and(|t| t.space_before && !t.newline_before)
    };
    if let Some(v) = small_num(i) {
        // "1. …", "1) …"; and "1/ …" at a line start (informal lists, chat messages).
        let line = i == 0 || tk.t[i].newline_before;
        if (tk.is_punct(i + 1, '.') || tk.is_punct(i + 1, ')') || (line && tk.is_punct(i + 1, '/')))
            && tk.glued(i + 1)
            && spaced_after(i + 2)
            && tk.w(i).len() <= 2
        {
            return Some((Mark::Num(v), i + 2));
        }
    }
    let raw = tk.raw(i);
    if let Some(v) = roman_value(raw) {
        if tk.is_punct(i + 1, '.') && tk.glued(i + 1) && spaced_after(i + 2) {
            return Some((Mark::Roman(v), i + 2));
        }
    }
    let mut chars = raw.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_lowercase() && tk.is_punct(i + 1, ')') && tk.glued(i + 1) {
            let v = "abcdđeghiklmnopqrstuvxy".chars().position(|x| x == c)? as u32 + 1;
            return Some((Mark::Letter(v), i + 2));
        }
        // "a. Vận động …", "đ. Mỗi xã …" at a line start: a letter and a dot, then a capital
        // (inside a paragraph "a." is too often an abbreviation to be a marker).
        let line = i == 0 || tk.t[i].newline_before;
        if line
            && c.is_lowercase()
            && tk.is_punct(i + 1, '.')
            && tk.glued(i + 1)
            && spaced_after(i + 2)
            && tk.raw(i + 2).chars().next().is_some_and(char::is_uppercase)
        {
            let v = "abcdđeghiklmnopqrstuvxy".chars().position(|x| x == c)? as u32 + 1;
            return Some((Mark::Letter(v), i + 2));
        }
    }
    if is_line_marker(tk, i) {
        let c = tk.raw(i).chars().next().unwrap_or('-');
        return Some((Mark::Bullet(c), i + 1));
    }
    if let Some(m) = labeled_marker(tk, i).or_else(|| decimal_marker(tk, i)) {
        return Some(m);
    }
    let w = tk.w(i);
    if let Some(k) = ORDINALS.iter().position(|o| *o == w) {
        if tk.w(i + 1) == "là" && (tk.is_punct(i + 2, ',') || tk.is_punct(i + 2, ':')) {
            return Some((Mark::Ordinal(k as u32 + 1), i + 3));
        }
    }
    None
}

/// "Chỉ tiêu 1:", "Mục tiêu 2:", "Nhiệm vụ 3." at a line start: an item label written as a
/// word and a number ([`super::lexicon::ITEM_LABELS`]); the number is the item's, never a
/// figure.
fn labeled_marker(tk: &Toks, i: usize) -> Option<(Mark, usize)> {
    if i > 0 && !tk.t[i].newline_before {
        return None;
    }
    let (_, n) = tk.any_phrase(i, super::lexicon::ITEM_LABELS, i + 3)?;
    let raw = tk.w(n);
    if !tk.is_num(n) || raw.len() > 2 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let punct = [':', '.', ')'].iter().any(|&c| tk.is_punct(n + 1, c));
    let v = raw.parse().ok()?;
    (punct && tk.glued(n + 1) && !tk.t.get(n + 2)?.newline_before)
        .then_some((Mark::Labeled(v), n + 2))
}

/// "2.1.", "2.10)", "3.2.1." at a line start, then a space: a decimal label of two to four
/// levels (the number is one token, "2.1" or "3.2.1"; each part has one or two digits; the
/// value is the last part).
fn decimal_marker(tk: &Toks, i: usize) -> Option<(Mark, usize)> {
    if i > 0 && !tk.t[i].newline_before || !tk.is_num(i) {
        return None;
    }
    let w = tk.w(i);
    let short = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let parts = w.split('.').count();
    if !(2..=4).contains(&parts) || !w.split('.').all(short) {
        return None;
    }
    let last = w.rsplit('.').next()?;
    let punct = tk.is_punct(i + 1, '.') || tk.is_punct(i + 1, ')');
    let spaced =
        tk.t.get(i + 2)
            .is_some_and(|t| t.space_before && !t.newline_before);
    (punct && tk.glued(i + 1) && spaced)
        .then(|| last.parse().ok().map(|v| (Mark::Decimal(v), i + 2)))
        .flatten()
}

/// The value of a numbered mark.
fn number_of(m: Mark) -> Option<u32> {
    match m {
        Mark::Paren(v)
        | Mark::Num(v)
        | Mark::Letter(v)
        | Mark::Roman(v)
        | Mark::Ordinal(v)
        | Mark::Labeled(v)
        | Mark::Decimal(v) => Some(v),
        Mark::Bullet(_) => None,
    }
}

/// Every marker: at line starts, and inside paragraphs when they form a chain 1, 2, 3….
fn markers(tk: &Toks) -> Vec<Marker> {
    let len = tk.t.len();
    let mut out = Vec::new();
    // Inline candidates, chained per class.
    let mut chains: Vec<Vec<Marker>> = Vec::new();
    let mut open: std::collections::HashMap<(u32, u32), std::collections::BTreeSet<usize>> =
        std::collections::HashMap::new();
    for i in 0..len {
        let line = i == 0 || tk.t[i].newline_before;
        let Some((mark, content)) = marker_at(tk, i) else {
            continue;
        };
        if line {
            out.push(Marker {
                mark,
                at: i,
                content,
                line: true,
            });
            continue;
        }
        let prev_ok = match mark {
            Mark::Paren(_) => tk.t[i].space_before || matches!(tk.w(i - 1), ":" | ";" | "." | ","),
            Mark::Num(_) | Mark::Roman(_) => {
                // "… kinh tế 1. Tốc độ …": any word may come before; the chain (1, 2, 3…)
                // and the capital after it are the evidence ("(1)" is a Paren marker).
                !tk.is_punct(i - 1, '(')
                    && tk
                        .raw(content)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase())
            }
            Mark::Ordinal(_) => {
                tk.raw(content)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase())
                    && matches!(tk.w(i - 1), ":" | ";" | "." | ")" | "…")
            }
            Mark::Letter(_) => tk.t[i].space_before || matches!(tk.w(i - 1), ":" | ";"),
            Mark::Bullet(_) | Mark::Labeled(_) | Mark::Decimal(_) => false,
        };
        if !prev_ok {
            continue;
        }
        let m = Marker {
            mark,
            at: i,
            content,
            line: false,
        };
        let v = number_of(mark).unwrap_or(0);
        let class = mark.class();
        // The latest chain whose last marker is of this class and numbered v − 1 (an index by
        // (class, last number), so that a text of many "(1)" stays linear).
        let cont = v
            .checked_sub(1)
            .and_then(|prev| open.get_mut(&(class, prev)))
            .and_then(|set| set.pop_last());
        match cont {
            Some(c) => {
                chains[c].push(m);
                open.entry((class, v)).or_default().insert(c);
            }
            None if v == 1 => {
                open.entry((class, v)).or_default().insert(chains.len());
                chains.push(vec![m]);
            }
            None => {}
        }
    }
    for c in chains {
        let paren = matches!(c[0].mark, Mark::Paren(_));
        if c.len() >= 2 || paren {
            out.extend(c);
        }
    }
    out.sort_by_key(|m| m.at);
    // A chain continued at a line start ("(1) …;\n(2) …") keeps its inline members.
    out
}

/// Whether a line break before token `i` ends a unit: a blank line, a terminal punctuation
/// mark before it, or a capital after a line that does not run on.
fn hard_break(tk: &Toks, i: usize) -> bool {
    if i == 0 || !tk.t[i].newline_before {
        return false;
    }
    let gap = tk.n.slice(tk.t[i - 1].end, tk.t[i].start);
    if gap.matches('\n').count() >= 2 {
        return true;
    }
    let prev = tk.w(i - 1);
    if matches!(prev, "." | ";" | ":" | "!" | "?" | "…") {
        return true;
    }
    let first = tk.raw(i).chars().next();
    // A figure alone at the start of a line under a line that ends with a word ("đạt khoảng"
    // / "22%."): a PDF copy wrapped the clause, which runs on.
    let prev_word = tk.kind(i - 1) == Some(Kind::Word);
    if first.is_some_and(|c| c.is_ascii_digit()) && prev_word && tk.is_num(i) {
        let lower_prev = tk.raw(i - 1).chars().next().is_some_and(char::is_lowercase);
        if lower_prev {
            return false;
        }
    }
    let upper = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let runs_on = matches!(
        prev,
        "," | "và"
            | "của"
            | "đạt"
            | "trên"
            | "từ"
            | "với"
            | "là"
            | "các"
            | "những"
            | "tỉnh"
            | "huyện"
            | "-"
    );
    upper && !runs_on
}

/// Cuts the text into units.
fn units(tk: &Toks, fig: &Figures, markers: &[Marker]) -> Vec<Unit> {
    let len = tk.t.len();
    let mut starts: Vec<(usize, Option<Marker>)> = Vec::new();
    let mut m = 0;
    for i in 0..len {
        while m < markers.len() && markers[m].at < i {
            m += 1;
        }
        if m < markers.len() && markers[m].at == i {
            starts.push((i, Some(markers[m])));
        } else if i == 0 || hard_break(tk, i) {
            starts.push((i, None));
        }
    }
    let mut out = Vec::new();
    let mut levels: Vec<u32> = Vec::new();
    for (k, &(a, marker)) in starts.iter().enumerate() {
        let mut b = starts.get(k + 1).map_or(len, |s| s.0);
        // The last item of an inline chain ends with its sentence.
        if let Some(mk) = marker.filter(|mk| !mk.line) {
            let next_is_same = starts
                .get(k + 1)
                .and_then(|s| s.1)
                .is_some_and(|n| n.mark.class() == mk.mark.class());
            if !next_is_same {
                if let Some(e) =
                    (mk.content..b).find(|&j| is_sentence_end(tk, j, b) && fig.depth(j) == 0)
                {
                    b = e + 1;
                }
            }
        }
        let level = match marker {
            Some(mk) => {
                let class = mk.mark.class();
                match levels.iter().position(|&c| c == class) {
                    Some(p) => {
                        levels.truncate(p + 1);
                        p as u32
                    }
                    None => {
                        levels.push(class);
                        levels.len() as u32 - 1
                    }
                }
            }
            None => u32::MAX,
        };
        if marker.is_some() {
            out.push(Unit {
                a,
                b,
                marker,
                level,
            });
            if b < starts.get(k + 1).map_or(len, |s| s.0) {
                push_sentences(tk, fig, b, starts.get(k + 1).map_or(len, |s| s.0), &mut out);
            }
        } else {
            push_sentences(tk, fig, a, b, &mut out);
        }
    }
    out.retain(|u| u.b > u.a);
    out
}

/// An unmarked stretch cut into sentences.
fn push_sentences(tk: &Toks, fig: &Figures, a: usize, b: usize, out: &mut Vec<Unit>) {
    let mut s = a;
    for j in a..b {
        let cut = is_sentence_end(tk, j, b) || year_turn(tk, s, j);
        if fig.depth(j) == 0 && cut && j + 1 < b {
            out.push(Unit {
                a: s,
                b: j + 1,
                marker: None,
                level: u32::MAX,
            });
            s = j + 1;
        }
    }
    out.push(Unit {
        a: s,
        b,
        marker: None,
        level: u32::MAX,
    });
}

/// "Năm 2026, thành phố đã hoàn thành 4.120 căn …; năm 2027 phấn đấu hoàn thành thêm …": a
/// ';' at `j` before another year than the one the sentence (from `s`) opens with, or before
/// a year in a sentence that opens with none ("Tỉnh hiện có …; năm 2026 đón …"), turns to
/// another period — two units, each a result or a target by its own year.
fn year_turn(tk: &Toks, s: usize, j: usize) -> bool {
    let year_at = |k: usize| {
        let k = if matches!(tk.w(k), "trong" | "đến") {
            k + 1
        } else {
            k
        };
        year_named(tk, k, usize::MAX)
    };
    if !tk.is_punct(j, ';') {
        return false;
    }
    match (year_at(s), year_at(j + 1)) {
        (Some(first), Some(next)) => next != first,
        // "Tỉnh hiện có 45 xã, phường; năm 2026 đón 12 đoàn …": the clause of a year stands
        // alone (a result or a plan by its own year).
        (None, Some(_)) => true,
        _ => false,
    }
}

/// Facts about one unit.
#[derive(Debug, Clone, Copy, Default)]
struct Facts {
    figure: bool,
    trigger: Option<usize>,
    result: bool,
    clutter: bool,
    plan: bool,
    heading: bool,
    caps: bool,
    /// Opens with a year before the document's ("Năm 2024, GRDP tăng 6,8%"): a result.
    past: bool,
    /// States an estimate ("GRDP ước tăng 7,2%", "ước đạt"): a result in prose.
    estimate: bool,
}

/// First bytes of the lists scanned at every token of a unit.
static TRIGGERS_FIRST: FirstBytes = FirstBytes::of(TRIGGERS);
static ESTIMATES_FIRST: FirstBytes = FirstBytes::of(ESTIMATES);
static STRONG_RESULTS_FIRST: FirstBytes = FirstBytes::of(STRONG_RESULTS);

fn facts(tk: &Toks, fig: &Figures, u: &Unit, year: Option<i32>) -> Facts {
    let a = u.marker.map_or(u.a, |m| m.content);
    let lower =
        tk.n.lslice(tk.t[a.min(u.b.saturating_sub(1))].start, tk.t[u.b - 1].end);
    // A compared figure alone is a figure too ("Năng suất lao động cao hơn 5% so với năm trước").
    let figure = fig.has_value(a, u.b)
        || (a..u.b).any(|k| {
            matches!(
                fig.role(k),
                super::figure::Role::Bad | super::figure::Role::Relative
            )
        });
    // "Năm 2027, các bộ, ngành phải bảo đảm …" in a text of 2027: the plan year opening a
    // sentence is a lead of targets like "phấn đấu".
    let trigger = (a..u.b)
        .find(|&k| {
            tk.any_phrase_in(k, TRIGGERS, &TRIGGERS_FIRST, u.b)
                .is_some()
        })
        .or_else(|| opens_with_plan_year(tk, a, u.b, year).then_some(a));
    let plan = super::target::plan_figure(tk, fig, a, u.b).is_some();
    // "Phát biểu tại kỳ họp, Chủ tịch UBND tỉnh cho biết sẽ tập trung tháo gỡ khó khăn cho 15
    // dự án …": a news report's speech with no word of targets states no target (a quote
    // with "phấn đấu", "mục tiêu" … does, and so does one about the plan year: "cho biết, năm
    // 2027 đơn vị sẽ hoàn thành đóng điện 12 công trình").
    let plan_year = year.is_some_and(|y| {
        (a..u.b).any(|k| {
            tk.w(k) == "năm"
                && tk.w(k + 1).len() == 4
                && tk.w(k + 1).parse::<i32>().is_ok_and(|n| n >= y)
        })
    });
    let speech = trigger.is_none()
        && !plan_year
        && (a..u.b).any(|k| {
            tk.any_phrase(k, &["cho biết", "phát biểu", "nhấn mạnh", "chia sẻ"], u.b)
                .is_some()
        });
    let result = strong_result(tk, fig, a, u.b) || past_period_results(tk, a, u.b, year) || speech;
    // Page furniture is never a numbered item with a figure: "2. Phấn đấu 100% hồ sơ cấp
    // giấy phép xây dựng …" is a target about permits, not a licence line.
    let numbered = u
        .marker
        .is_some_and(|m| matches!(m.mark, Mark::Num(_) | Mark::Paren(_) | Mark::Letter(_)));
    // A bullet with a figure is page furniture only when it opens with the furniture word
    // ("- Điện thoại: …"), not for one inside ("- … tốc độ truy cập Internet … 200 Mbps").
    let bullet_target = u.marker.is_some() && figure && tk.any_phrase(a, CLUTTER, u.b).is_none();
    let clutter = !(bullet_target || numbered && figure) && CLUTTER_SET.any_in(lower)
        || chat_header(tk, u)
        || schedule_entry(tk, a, u.b);
    let last = tk.w(u.b - 1);
    let terminal = matches!(last, "." | ";" | "!" | "?" | "…");
    let text_len = tk.t[u.b - 1].end - tk.t[a.min(u.b - 1)].start;
    let raw = tk.n.slice(tk.t[a.min(u.b - 1)].start, tk.t[u.b - 1].end);
    let caps = raw.chars().any(|c| c.is_alphabetic()) && raw.chars().all(|c| !c.is_lowercase());
    let heading = !figure && (last == ":" || (!terminal && text_len <= 200) || caps);
    Facts {
        figure,
        trigger,
        result,
        clutter,
        plan,
        heading,
        caps,
        past: opens_with_past_year(tk, a, u.b, year),
        // A bracketed estimate is a note on the target before it ("tăng 8% so với ước thực
        // hiện năm 2026 (năm 2026 ước đạt 666.500 tỷ đồng …)"), not the unit's own result.
        estimate: (a..u.b).any(|k| {
            fig.depth(k) <= fig.depth(a)
                && tk
                    .any_phrase_in(k, ESTIMATES, &ESTIMATES_FIRST, u.b)
                    .is_some()
        }),
    }
}

/// Whether unit `u` is the header of a chat message or a comment, "Nguyễn Thị Hoa - VP
/// HĐND&UBND xã  07:58": a short line without a sentence end that ends with a time of day
/// (the next message is someone else's, not a target of the list before it).
fn chat_header(tk: &Toks, u: &Unit) -> bool {
    let b = u.b;
    if u.marker.is_some() || b < u.a + 4 || tk.t[b - 1].end - tk.t[u.a].start > 80 {
        return false;
    }
    let one_line = (u.a + 1..b).all(|k| !tk.t[k].newline_before);
    let two = |k: usize| tk.is_num(k) && tk.w(k).len() == 2;
    one_line
        && two(b - 3)
        && tk.is_punct(b - 2, ':')
        && two(b - 1)
        && tk.glued(b - 2)
        && tk.glued(b - 1)
}

/// Whether the unit opens with a year before the document's: "Năm 2024, …", "Trong năm
/// 2024 …", "Năm 2024 GRDP …" in a plan for 2025 reports what was done; so does a period
/// that ended before it ("Giai đoạn 2021 - 2025, …" in 2026).
fn opens_with_past_year(tk: &Toks, a: usize, b: usize, year: Option<i32>) -> bool {
    let Some(year) = year else {
        return false;
    };
    let mut k = a;
    if tk.w(k) == "trong" {
        k += 1;
    }
    // "Giai đoạn 2021 - 2025, Phú Quốc đón 31,2 triệu lượt khách …", "Nhiệm kỳ 2020 - 2025,
    // …": a period that ended before the document's year.
    let period = tk
        .phrase(k, "giai đoạn", b)
        .or_else(|| tk.phrase(k, "nhiệm kỳ", b));
    if let Some(e) = period {
        let ends = if tk.is_punct(e + 1, '-') || tk.is_punct(e + 1, '–') {
            e + 2
        } else {
            e
        };
        return tk.is_num(e)
            && tk.is_num(ends)
            && tk.is_punct(ends + 1, ',')
            && tk.w(ends).len() == 4
            && tk.w(ends).parse::<i32>().is_ok_and(|y| y < year);
    }
    year_named(tk, k, b).is_some_and(|y| y < year)
}

/// The year of "năm 2026" at `k` (a four-digit number before `b`).
fn year_named(tk: &Toks, k: usize, b: usize) -> Option<i32> {
    if tk.w(k) != "năm" || k + 1 >= b || !tk.is_num(k + 1) || tk.w(k + 1).len() != 4 {
        return None;
    }
    tk.w(k + 1).parse().ok()
}

/// Whether a unit without figures names tasks before its ':' ("4. Ba đột phá chiến lược và
/// các nhiệm vụ, giải pháp chủ yếu: thực hiện theo Báo cáo chính trị …"): a task, not a
/// qualitative target.
fn names_tasks(tk: &Toks, a: usize, b: usize) -> bool {
    let Some(e) = (a..b).find(|&k| tk.is_punct(k, ':')) else {
        return false;
    };
    (a..e).any(|k| tk.phrase(k, "giải pháp", e).is_some())
}

/// Whether the unit states the results ("kết quả") of a period that ends by the document's
/// year ("đánh giá kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ 2020 - 2025: có 17/21 chỉ
/// tiêu …" in a resolution of 2025), even after a verb that makes "kết quả" a duty.
fn past_period_results(tk: &Toks, a: usize, b: usize, year: Option<i32>) -> bool {
    let Some(year) = year else {
        return false;
    };
    let Some(r) = (a..b).find(|&k| tk.w(k) == "kết" && tk.w(k + 1) == "quả") else {
        return false;
    };
    let term = (r..b).any(|k| {
        matches!(tk.w(k), "kỳ" | "đoạn")
            && k + 3 < b
            && tk.is_punct(k + 2, '-')
            && tk.w(k + 1).len() == 4
            && tk.w(k + 1).parse::<i32>().is_ok_and(|y| y < year)
            && tk.w(k + 3).parse::<i32>().is_ok_and(|y| y <= year)
    });
    // "Thông qua Báo cáo kết quả sản xuất kinh doanh năm 2026: …" in a text of 2027: the
    // results of an earlier year, named within a few words and before the ':' (not "… so
    // với kết quả thực hiện năm 2016", a baseline).
    let opening = r < a + 10 && (r == a || !matches!(tk.w(r - 1), "với" | "so"));
    let past_year = || {
        (r + 2..b.min(r + 10))
            .take_while(|&k| !tk.is_punct(k, ':') && !tk.is_punct(k, ';'))
            .any(|k| {
                tk.w(k) == "năm"
                    && tk.w(k + 1).len() == 4
                    && tk.w(k + 1).parse::<i32>().is_ok_and(|y| y < year)
                    && !matches!(tk.w(k - 1), "với" | "hơn")
            })
    };
    term || (opening && past_year())
}

/// Whether the unit opens with the document's year or a later one and a comma: "Năm 2027,
/// …", "Đến năm 2030, …" in a text of 2027 (what is to be done by then).
fn opens_with_plan_year(tk: &Toks, a: usize, b: usize, year: Option<i32>) -> bool {
    let Some(year) = year else {
        return false;
    };
    let mut k = a;
    if matches!(tk.w(k), "trong" | "đến") {
        k += 1;
    }
    k + 2 < b && tk.is_punct(k + 2, ',') && year_named(tk, k, b).is_some_and(|y| y >= year)
}

/// A line of a work calendar: "Tháng 02: Tổ chức Lễ giao nhận quân …", "Tháng 3 - 4: Kiểm
/// tra, giám sát 05 chi bộ", "Quý II: …" — the tasks of a month or quarter, whose numbers are
/// not targets.
fn schedule_entry(tk: &Toks, a: usize, b: usize) -> bool {
    if !matches!(tk.w(a), "tháng" | "quý") || !tk.raw(a).starts_with(char::is_uppercase) {
        return false;
    }
    let mut k = a + 1;
    let period = |k: usize| tk.is_num(k) || tk.raw(k).chars().all(|c| "IVX".contains(c));
    if k >= b || !period(k) {
        return false;
    }
    k += 1;
    if tk.is_punct(k, '-') && k + 1 < b && period(k + 1) {
        k += 2;
    }
    tk.is_punct(k, ':')
}

/// "đã", "kết quả", "ước thực hiện", "nhiệm kỳ qua"… outside a "so với …" phrase.
fn strong_result(tk: &Toks, fig: &Figures, a: usize, b: usize) -> bool {
    let mut k = a;
    while k < b {
        // Words in brackets note the target before them; they do not make the unit a result.
        if fig.depth(k) > fig.depth(a) {
            k += 1;
            continue;
        }
        if tk.phrase(k, "so với", b).is_some() || (tk.w(k) == "so" && tk.w(k + 1) == "năm") {
            while k < b && !matches!(tk.w(k), "," | ";" | "." | ":") {
                k += 1;
            }
            continue;
        }
        // "lao động đã qua đào tạo": "đã qua" before a process names a kind of thing.
        let qualifier = tk.w(k + 1) == "qua"
            && tk.kind(k + 2) == Some(Kind::Word)
            && !matches!(tk.w(k + 2), "năm" | "các" | "thời" | "giai");
        if tk.w(k) == "đã" && !matches!(tk.w(k + 1), "đề" | "được") && !qualifier {
            return true;
        }
        // "công nhận kết quả", "báo cáo kết quả": a duty about results, not a result;
        // "hài lòng với kết quả giải quyết …", "đánh giá về kết quả …": the results are the
        // object of the indicator, not a result stated.
        let handled = k >= 2
            && tk.w(k) == "kết"
            && ["công nhận", "báo cáo", "đánh giá", "tổng hợp", "nâng cao"]
                .iter()
                .any(|v| tk.phrase_before(k, v, a).is_some());
        let object = k > a && matches!(tk.w(k - 1), "với" | "về");
        // "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa đạt 100%": in the
        // name of a rate, before its verb, the results are what is counted.
        let in_name = tk.w(k) == "kết"
            && tk.phrase(a, "tỷ lệ", b).is_some()
            && !(a..k).any(|j| tk.w(j) == "đạt");
        // "3.1.1. Kết quả huấn luyện: 100% nội dung đạt yêu cầu …": "Kết quả <activity>:"
        // opening the unit names what is measured (no year, no "thực hiện", no figure before
        // the ':'), unlike "Kết quả thực hiện năm 2025: …".
        let heading = k == a && tk.w(k) == "kết" && activity_heading(tk, k, b);
        let object = object || in_name || heading;
        if !handled
            && !object
            && tk
                .any_phrase_in(k, STRONG_RESULTS, &STRONG_RESULTS_FIRST, b)
                .is_some()
        {
            return true;
        }
        k += 1;
    }
    false
}

/// "Kết quả huấn luyện:" at `k`: "kết quả", one to five words naming an activity, then ':'
/// — no number, year, "năm", "thực hiện", "đạt", "được" or "đã" before the ':'.
fn activity_heading(tk: &Toks, k: usize, b: usize) -> bool {
    if tk.w(k + 1) != "quả" {
        return false;
    }
    let Some(colon) = (k + 2..b.min(k + 8)).find(|&j| tk.is_punct(j, ':')) else {
        return false;
    };
    colon > k + 2
        && (k + 2..colon).all(|j| {
            tk.kind(j) == Some(Kind::Word)
                && !matches!(
                    tk.w(j),
                    "năm" | "thực" | "đạt" | "được" | "đã" | "giai" | "kỳ"
                )
        })
}

/// The first token after the lead of a unit that opens a passage ("Nghị quyết nêu rõ 15 chỉ
/// tiêu chủ yếu gồm:", "Về mục tiêu cụ thể,", "… đề ra chỉ tiêu:"), or `a` when there is none.
fn after_lead(tk: &Toks, fig: &Figures, a: usize, b: usize, trigger: usize) -> usize {
    let first_fig = (a..b).find(|&k| fig.is_value(k)).unwrap_or(b);
    if trigger >= first_fig {
        return a;
    }
    if tk.phrase(trigger, "phấn đấu", b).is_some() {
        let before = trigger.checked_sub(1).map(|k| tk.w(k));
        return if trigger == a || matches!(before, Some("," | ":")) {
            trigger
        } else {
            a
        };
    }
    for k in trigger..first_fig {
        if tk.is_punct(k, ':') || tk.is_punct(k, ',') {
            return k + 1;
        }
        if let Some(e) = tk.any_phrase(k, &["bao gồm", "gồm", "như sau", "như", "là"], first_fig)
        {
            let e = e.1;
            return if tk.is_punct(e, ':') { e + 1 } else { e };
        }
    }
    a
}

/// The passage state carried from unit to unit.
struct Passage {
    on: bool,
    /// Inside a section that is not about targets ("Khen thưởng", "Tổ chức thực hiện"): the
    /// nesting level of its heading. Its lists are not read for holding figures ("1. Đề nghị
    /// tặng Bằng khen cho 02 tập thể"); a heading at its level or above ends it.
    closed: Option<u32>,
    /// Inside a part of tasks ("Nhiệm vụ, giải pháp"): a numbered task without a figure is
    /// not a qualitative target; a figure in one still is a target.
    tasks: bool,
    /// Inside a status-quo section ("I. THỰC TRẠNG", "Kết quả thực hiện năm 2025"): the level
    /// of its heading. Nothing in it is read.
    status_quo: Option<u32>,
    /// Under a lead line "Phấn đấu đến năm 2031:" over a list: its bare figures are levels
    /// to reach at least, as under a lead inside an item (to the next top heading).
    strive: bool,
}

/// Finds the items, the content lines and the read units.
pub(crate) fn find(tk: &Toks, fig: &Figures, skip: &[(usize, usize)], year: Option<i32>) -> Layout {
    let marks = markers(tk);
    let all = units(tk, fig, &marks);
    let in_skip = |u: &Unit| {
        let k = skip.partition_point(|s| s.1 <= u.a);
        skip.get(k).is_some_and(|s| s.0 <= u.a)
    };
    let units: Vec<Unit> = all.into_iter().filter(|u| !in_skip(u)).collect();
    let mut facts: Vec<Facts> = units.iter().map(|u| facts(tk, fig, u, year)).collect();
    report_paragraphs(tk, &units, &mut facts);
    past_paragraphs(tk, &units, &mut facts);
    let valued_list = valued_lists(&units, &facts);
    let mut out = Layout {
        items: Vec::new(),
        content_lines: content_lines(tk, &units, &facts, &valued_list),
        read: Vec::new(),
        unread_target_like: Vec::new(),
    };
    let mut p = Passage {
        on: false,
        closed: None,
        tasks: false,
        status_quo: None,
        strive: false,
    };
    let mut k = 0;
    while k < units.len() {
        k = step(tk, fig, &units, &facts, &valued_list, k, &mut p, &mut out);
    }
    out
}

/// A paragraph of prose that states a plan figure after "KH" in one of its sentences is a
/// report: every sentence of it is read as a report (figures not after "KH" are results).
fn report_paragraphs(tk: &Toks, units: &[Unit], facts: &mut [Facts]) {
    let mut k = 0;
    while k < units.len() {
        if units[k].marker.is_some() {
            k += 1;
            continue;
        }
        let mut e = k + 1;
        while e < units.len() && units[e].marker.is_none() && !blank_line_before(tk, units[e].a) {
            e += 1;
        }
        if facts[k..e].iter().any(|f| f.plan) {
            for f in &mut facts[k..e] {
                f.plan |= f.figure;
            }
        }
        k = e;
    }
}

/// Words that turn a paragraph from what was done to what is to be done.
const FORWARD_LEADS: &[&str] = &["phấn đấu", "mục tiêu", "đến năm", "năm nay", "sẽ", "cần"];

/// A paragraph of prose that opens by reporting a past year ("Năm 2026, … tốc độ tăng trưởng
/// GRDP ước đạt 8,2% … Tuy nhiên, giải ngân vốn đầu tư công mới đạt 87,5% kế hoạch …") goes on
/// reporting: its later sentences are past too, unless one looks forward ([`FORWARD_LEADS`])
/// or states a plan figure.
fn past_paragraphs(tk: &Toks, units: &[Unit], facts: &mut [Facts]) {
    for k in 1..units.len() {
        let same_paragraph = units[k].marker.is_none()
            && units[k - 1].marker.is_none()
            && !tk.t[units[k].a].newline_before;
        let (a, b) = (units[k].a, units[k].b);
        // "kế hoạch" after a figure ("đạt 87,5% kế hoạch") is a share of the plan, not a
        // lead; these are.
        // (Looked for last: the cheap tests rule out most units.)
        let lead = || (a..b).any(|j| tk.any_phrase(j, FORWARD_LEADS, b).is_some());
        if same_paragraph && facts[k - 1].past && !facts[k].plan && !lead() {
            facts[k].past = true;
        }
    }
}

/// Whether a blank line comes before token `i`.
fn blank_line_before(tk: &Toks, i: usize) -> bool {
    i > 0
        && tk.t[i].newline_before
        && tk
            .n
            .slice(tk.t[i - 1].end, tk.t[i].start)
            .matches('\n')
            .count()
            >= 2
}

/// For each unit, whether it belongs to a run of marked units of its class of which most
/// hold figures.
fn valued_lists(units: &[Unit], facts: &[Facts]) -> Vec<(bool, bool)> {
    let mut out = vec![(false, false); units.len()];
    let mut done = vec![false; units.len()];
    let mut members = Vec::new();
    for k in 0..units.len() {
        let Some(m) = units[k].marker else {
            continue;
        };
        if done[k] {
            continue;
        }
        let class = m.mark.class();
        members.clear();
        let mut e = k;
        while e < units.len() {
            match units[e].marker {
                Some(x) if x.mark.class() == class => members.push(e),
                Some(_) if units[e].level > units[k].level => {}
                None if facts[e].heading || e == k => {}
                _ => break,
            }
            e += 1;
        }
        let valued = members.iter().filter(|&&x| facts[x].figure).count();
        let ok = valued >= 2 && valued * 2 >= members.len();
        for &x in &members {
            out[x] = (ok, valued > 0);
            done[x] = true;
        }
    }
    out
}

/// Numbered lines "1. …" that are not targets are content points (label, content range): a
/// chain from 1 at line starts whose items do not mostly hold figures.
fn content_lines(
    tk: &Toks,
    units: &[Unit],
    facts: &[Facts],
    valued: &[(bool, bool)],
) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    let flush = |chain: &mut Vec<usize>, out: &mut Vec<(String, usize, usize)>| {
        let n = chain.len();
        let with_fig = chain.iter().filter(|&&u| facts[u].figure).count();
        let targets = with_fig * 2 > n && with_fig >= 2 || chain.iter().any(|&u| valued[u].0);
        if n >= 2 && !targets {
            for (x, &u) in chain.iter().enumerate() {
                let Some(m) = units[u].marker else { continue };
                let v = number_of(m.mark).unwrap_or(0);
                // A point runs to the next number; the last one to the end of its line.
                let e = match chain.get(x + 1).and_then(|&n| units[n].marker) {
                    Some(next) => next.at,
                    None => {
                        let mut j = m.content + 1;
                        while j < tk.t.len() && !tk.t[j].newline_before {
                            j += 1;
                        }
                        j
                    }
                };
                out.push((v.to_string(), m.content, e));
            }
        }
        chain.clear();
    };
    for (k, u) in units.iter().enumerate() {
        match u.marker {
            Some(m) if m.line && matches!(m.mark, Mark::Num(_)) => {
                let v = number_of(m.mark).unwrap_or(0);
                let next = chain
                    .last()
                    .and_then(|&l| units[l].marker)
                    .and_then(|l| number_of(l.mark))
                    .map_or(1, |x| x + 1);
                if v != next {
                    flush(&mut chain, &mut out);
                    if v != 1 {
                        continue;
                    }
                }
                chain.push(k);
            }
            _ => {}
        }
    }
    flush(&mut chain, &mut out);
    out
}

/// Whether unit `u` names an indicator ("tốc độ tăng trưởng", "thu ngân sách", "tỷ lệ"…).
fn indicator_phrase(tk: &Toks, u: &Unit) -> bool {
    INDICATORS_SET.any_in(tk.n.lslice(tk.t[u.a].start, tk.t[u.b - 1].end))
}

/// Handles unit `k` (and the units it absorbs); returns the next unit to look at.
#[allow(clippy::too_many_arguments)]
fn step(
    tk: &Toks,
    fig: &Figures,
    units: &[Unit],
    facts: &[Facts],
    valued: &[(bool, bool)],
    k: usize,
    p: &mut Passage,
    out: &mut Layout,
) -> usize {
    let u = units[k];
    let f = facts[k];
    if f.clutter {
        p.on = false;
        return k + 1;
    }
    if status_quo(tk, &u, &f, p) {
        return k + 1;
    }
    if closing_lead(tk, &u) {
        // "4. Tổ chức thực hiện: Ban cán sự đảng … hoàn thành trước ngày 28/02/2027": a
        // section that is not about targets, its heading and text on one line.
        p.on = false;
        p.closed = Some(u.level);
        p.tasks = false;
        return k + 1;
    }
    if is_note(tk, &u) {
        // "Ghi chú: Chỉ tiêu thu ngân sách chưa bao gồm … (khoảng 2.300 tỷ đồng).": a note
        // explains the targets; its figures are not targets, the passage goes on after it.
        return k + 1;
    }
    let estimate = f.estimate && u.marker.is_none();
    if (f.result || f.past || estimate) && !f.plan {
        // A result or a past year's figure with a trigger word or an indicator phrase: if no
        // target is read at all, the text is reported as "targets not read" with this span.
        if f.figure && (f.trigger.is_some() || indicator_phrase(tk, &u)) {
            out.unread_target_like.push((u.a, u.b));
        }
        // An item of a list of targets that reads as a result ("(2) Thu ngân sách đạt 300 tỷ
        // đồng; kết quả đạt 280 tỷ đồng"): its figures are reported, never silently lost. (A
        // result sentence of prose ends the passage instead: last year's figures after it.)
        if f.figure && u.marker.is_some() && (p.on || valued[k].0) {
            out.read.push((u.marker.map_or(u.a, |m| m.content), u.b));
        }
        p.on = false;
        return k + 1;
    }
    if f.heading {
        return heading(tk, units, facts, k, p, out);
    }
    if let (false, Some(m)) = (f.figure, u.marker) {
        // A qualitative item: a marked sentence with no figure, in a read list.
        let numbered = !matches!(m.mark, Mark::Roman(_) | Mark::Ordinal(_));
        let listed = valued[k].0 && p.closed.is_none();
        if numbered
            && !p.tasks
            && !names_tasks(tk, m.content, u.b)
            && (listed || (p.on && valued[k].1))
        {
            push_item(tk, out, Some(m), m.content, u.b, false);
        }
        return k + 1;
    }
    if !f.figure {
        // Prose without figures: a long one not about targets ends the passage.
        let long = tk.t[u.b - 1].end - tk.t[u.a].start > 200;
        if f.trigger.is_some() {
            p.on = true;
        } else if long {
            p.on = false;
        }
        return k + 1;
    }
    if u.marker.is_none() && announces(tk, &u) {
        // "… hướng dẫn chấm điểm đối với 148 xã, phường như sau:": a lead announcing what
        // follows; its figures are the scope, not targets.
        if f.trigger.is_some() {
            p.on = true;
        }
        return k + 1;
    }
    // "Chỉ tiêu thu nhập là 62 hay 65tr vậy c?": a question asks, it sets no target.
    if tk.is_punct(u.b - 1, '?') {
        return k + 1;
    }
    let listed = u.marker.is_some() && valued[k].0 && p.closed.is_none();
    let read = p.on || f.trigger.is_some() || f.plan || listed;
    if !read {
        if f.figure && indicator_phrase(tk, &u) {
            out.unread_target_like.push((u.a, u.b));
        }
        return k + 1;
    }
    if f.trigger.is_some() && u.marker.is_none() {
        p.on = true;
    }
    match u.marker {
        Some(m) => {
            let before = out.items.len();
            let next = marked_item(tk, units, facts, k, m, out);
            if p.strive {
                for it in &mut out.items[before..] {
                    it.strive = true;
                }
            }
            next
        }
        None => {
            prose_items(tk, fig, &u, &f, out);
            k + 1
        }
    }
}

/// Whether unit `u` opens with the heading of a section that is not about targets and a ':'
/// ("Tổ chức thực hiện: …", "Khen thưởng: …").
fn closing_lead(tk: &Toks, u: &Unit) -> bool {
    let a = u.marker.map_or(u.a, |m| m.content);
    tk.any_phrase(a, CLOSING_HEADINGS, u.b)
        .is_some_and(|(_, e)| tk.is_punct(e, ':'))
}

/// Whether unit `u` is a note: it opens with "Ghi chú", "Chú thích" or "Lưu ý" and a ':'.
fn is_note(tk: &Toks, u: &Unit) -> bool {
    let a = u.marker.map_or(u.a, |m| m.content);
    tk.any_phrase(a, &["ghi chú", "chú thích", "lưu ý"], u.b)
        .is_some_and(|(_, e)| tk.is_punct(e, ':'))
}

/// Whether unit `u` ends with "như sau:" / "sau đây:" (a lead announcing a list).
fn announces(tk: &Toks, u: &Unit) -> bool {
    u.b >= u.a + 3
        && tk.is_punct(u.b - 1, ':')
        && matches!(
            (tk.w(u.b - 3), tk.w(u.b - 2)),
            ("như", "sau") | ("sau", "đây")
        )
}

/// Whether unit `u` opens or is inside a status-quo section: a heading opening with
/// "Thực trạng", "Kết quả thực hiện …", "Đánh giá tình hình …" ([`STATUS_QUO`]), or with
/// "Mục đích" and no target words, starts one;
/// it ends at a heading with target words or at a marked heading of its level or above.
fn status_quo(tk: &Toks, u: &Unit, f: &Facts, p: &mut Passage) -> bool {
    let heading = f.heading || (f.result && !f.figure);
    if heading {
        let a = u.marker.map_or(u.a, |m| m.content);
        // "I. MỤC ĐÍCH, YÊU CẦU" (without target words: not "Mục đích, chỉ tiêu") states
        // what the plan is for, not its targets.
        let purpose = f.trigger.is_none() && tk.phrase(a, "mục đích", u.b).is_some();
        // "I. TÌNH HÌNH", "Tình hình kinh tế - xã hội" (without target words): a review.
        let review = f.trigger.is_none() && tk.phrase(a, "tình hình", u.b).is_some();
        if purpose
            || review
            || tk.any_phrase(a, STATUS_QUO, u.b).is_some()
            || tk.any_phrase(a, NOT_TARGET_HEADINGS, u.b).is_some()
            || period_results(tk, a, u.b)
        {
            p.on = false;
            p.status_quo = Some(u.level);
            return true;
        }
    }
    let Some(level) = p.status_quo else {
        return false;
    };
    let ends = heading && (f.trigger.is_some() || (u.marker.is_some() && u.level <= level));
    if ends {
        p.status_quo = None;
    }
    !ends
}

/// Headings of sections that hold no targets although they name the plan or its aims (read
/// like a status-quo section: nothing in them is read, to a heading with target words):
/// the basis of a plan ("II. CƠ SỞ XÂY DỰNG KẾ HOẠCH": prices, exchange rates, capital) and
/// a general objective ("1. Mục tiêu tổng quát", prose; the targets follow under "Mục tiêu
/// cụ thể").
const NOT_TARGET_HEADINGS: &[&str] = &[
    "cơ sở xây dựng",
    "căn cứ xây dựng",
    "cơ sở pháp lý",
    "căn cứ pháp lý",
    "mục tiêu tổng quát",
];

/// "I. KẾT QUẢ NĂM 2026", "Kết quả giai đoạn 2021 - 2025", "Kết quả nhiệm kỳ …": a heading
/// opening with the results of a period (not "Kết quả huấn luyện:", an activity measured).
/// Up to two words may qualify the results first ("KẾT QUẢ NỔI BẬT NĂM 2026", "Kết quả đạt
/// được giai đoạn …"), none of them a number.
fn period_results(tk: &Toks, a: usize, b: usize) -> bool {
    if tk.w(a) != "kết" || tk.w(a + 1) != "quả" {
        return false;
    }
    (a + 2..(a + 5).min(b)).any(|k| {
        (a + 2..k).all(|j| tk.kind(j) == Some(super::scan::Kind::Word))
            && match tk.w(k) {
                "năm" => tk.is_num(k + 1) && tk.w(k + 1).len() == 4 && k + 1 < b,
                "giai" => tk.w(k + 1) == "đoạn",
                "nhiệm" => tk.w(k + 1) == "kỳ",
                _ => false,
            }
    })
}

/// A heading (no figure): opens or closes a passage, or titles the paragraph under it.
fn heading(
    tk: &Toks,
    units: &[Unit],
    facts: &[Facts],
    k: usize,
    p: &mut Passage,
    out: &mut Layout,
) -> usize {
    let u = units[k];
    let f = facts[k];
    let lower = tk.n.lslice(tk.t[u.a].start, tk.t[u.b - 1].end);
    if f.trigger.is_none() && CLOSING_HEADINGS_SET.any_in(lower) {
        // "2. Hình thức khen thưởng", "III. TỔ CHỨC THỰC HIỆN": a section that is not about
        // targets.
        p.on = false;
        p.closed = Some(u.level);
        p.tasks = false;
        return k + 1;
    }
    let ends_closed = match (p.closed, u.marker) {
        // A section closed by an unmarked heading ("B. ĐĂNG KÝ DANH HIỆU THI ĐUA, …", "KHEN
        // THƯỞNG") holds numbered sub-headings of its own ("1. Tập thể:", "2. Cá nhân:").
        (Some(l), Some(_)) => l != u32::MAX && u.level <= l,
        (Some(_), None) => f.caps,
        (None, _) => false,
    };
    if ends_closed || f.trigger.is_some() {
        p.closed = None;
    }
    // "II. NHIỆM VỤ, GIẢI PHÁP": a part of tasks, to the next heading of its kind.
    let top =
        u.marker.is_none_or(|m| matches!(m.mark, Mark::Roman(_))) && (f.caps || u.marker.is_some());
    if f.trigger.is_some() || top {
        p.tasks = f.trigger.is_none() && lower.contains("giải pháp");
    }
    // "Phấn đấu đến năm 2031:" over the list of targets (a line that opens with the verb; in
    // a long lead "thi đua phấn đấu hoàn thành …, với các chỉ tiêu chủ yếu như:" it is not).
    let content = u.marker.map_or(u.a, |m| m.content);
    let strive_lead = tk.is_punct(u.b - 1, ':') && tk.phrase(content, "phấn đấu", u.b).is_some();
    if strive_lead {
        p.strive = true;
    } else if top {
        p.strive = false;
    }
    if f.trigger.is_some() {
        p.on = true;
    } else if f.caps && u.marker.is_none() {
        p.on = false;
    }
    // "1. Chuyển đổi số cấp huyện" over an unmarked paragraph with figures: one item.
    if let (Some(m), Some(next)) = (u.marker, units.get(k + 1)) {
        let title = !matches!(tk.w(u.b - 1), ":");
        let nf = facts[k + 1];
        let result = nf.result || nf.past || nf.estimate;
        if title && next.marker.is_none() && nf.figure && !result && p.on && !p.tasks {
            let mut e = k + 1;
            while e + 1 < units.len() && units[e + 1].marker.is_none() && facts[e + 1].figure {
                e += 1;
            }
            push_item(tk, out, Some(m), m.content, units[e].b, facts[k + 1].plan);
            return e + 1;
        }
    }
    k + 1
}

/// A marked unit with figures: one item, taking the deeper items after a "trong đó:".
fn marked_item(
    tk: &Toks,
    units: &[Unit],
    facts: &[Facts],
    k: usize,
    m: Marker,
    out: &mut Layout,
) -> usize {
    let u = units[k];
    let mut end = u.b;
    let mut next = k + 1;
    let mut e = u.b;
    while e > u.a && tk.is_punct(e - 1, ':') {
        e -= 1;
    }
    let opens_sub = e >= 2 && tk.phrase(e - 2, "trong đó", e).is_some();
    if opens_sub {
        while next < units.len()
            && units[next].marker.is_some()
            && units[next].level > u.level
            && units[next].level != u32::MAX
        {
            end = units[next].b;
            next += 1;
        }
    }
    let plan = (k..next).any(|j| facts[j].plan);
    push_item(tk, out, Some(m), m.content, end, plan);
    // "1. Về phát triển kinh tế, phấn đấu: (i) …; (iv) giải ngân 100% kế hoạch vốn …": a lead
    // "phấn đấu:" governs every figure after it in the item, bare ones included.
    let strive = (m.content..end).any(|j| {
        tk.phrase(j, "phấn đấu", end)
            .is_some_and(|e| tk.is_punct(e, ':'))
    });
    if let (true, Some(last)) = (strive, out.items.last_mut()) {
        last.strive = true;
    }
    next
}

/// A read prose unit: one item per ';'-part with a figure or a reference, after the lead.
fn prose_items(tk: &Toks, fig: &Figures, u: &Unit, f: &Facts, out: &mut Layout) {
    let a = match f.trigger {
        Some(t) => after_lead(tk, fig, u.a, u.b, t),
        None => u.a,
    };
    let opens_with_of_which = |s: usize| {
        let mut s = s;
        while s < u.b && (tk.is_punct(s, ',') || tk.is_punct(s, '-')) {
            s += 1;
        }
        tk.phrase(s, "trong đó", u.b).is_some()
    };
    let strive = {
        let mut s = a;
        while s < u.b && (tk.is_punct(s, ',') || tk.is_punct(s, '-')) {
            s += 1;
        }
        tk.phrase(s, "phấn đấu", u.b).is_some()
    };
    // A sentence "Trong đó, …" continues the previous item.
    let joins = opens_with_of_which(a)
        && out
            .items
            .last()
            .is_some_and(|last| last.b + 2 >= u.a && last.b <= u.a);
    let mut s = a;
    let mut first = true;
    for j in a..=u.b {
        if j < u.b && !(tk.is_punct(j, ';') && fig.depth(j) == 0) {
            continue;
        }
        let part = (s, j);
        s = j + 1;
        if part.1 <= part.0 {
            continue;
        }
        let valued = fig.has_value(part.0, part.1)
            || (part.0..part.1).any(|x| fig.role(x) == super::figure::Role::Bad)
            || is_reference(tk, part.0, part.1);
        let continues = (first && joins) || (!first && opens_with_of_which(part.0));
        if continues {
            if let Some(last) = out.items.last_mut() {
                last.b = super::trim_end(tk, last.a, part.1);
                last.report |= f.plan;
                out.read.push(part);
                first = false;
                continue;
            }
        }
        first = false;
        if valued {
            push_item(tk, out, None, part.0, part.1, f.plan);
            if let Some(last) = out.items.last_mut() {
                last.strive = strive;
            }
        }
    }
}

/// Whether a part states a target by reference ("đạt dự toán được giao", "không thấp hơn
/// năm 2024").
fn is_reference(tk: &Toks, a: usize, b: usize) -> bool {
    let t = tk.n.lslice(tk.t[a].start, tk.t[b.max(a + 1) - 1].end);
    [
        "dự toán",
        "cao hơn",
        "thấp hơn",
        "so với",
        "được giao",
        "bằng năm",
    ]
    .iter()
    .any(|w| t.contains(w))
}

fn push_item(tk: &Toks, out: &mut Layout, m: Option<Marker>, a: usize, b: usize, report: bool) {
    let b = super::trim_end(tk, a, b);
    if b <= a {
        return;
    }
    let printed = m.and_then(|m| match m.mark {
        Mark::Paren(v) | Mark::Num(v) | Mark::Labeled(v) => Some(v),
        _ => None,
    });
    out.items.push(RawItem {
        printed,
        mark: m.map_or(a, |m| m.at),
        a,
        b,
        report,
        table: None,
        strive: false,
    });
    out.read.push((a, b));
}

#[cfg(test)]
mod tests {
    use super::super::normalize::Normalized;
    use super::super::scan::{tokenize, Toks};

    fn period_results(s: &str) -> bool {
        let n = Normalized::new(s);
        let t = tokenize(&n);
        let tk = Toks { n: &n, t: &t };
        super::period_results(&tk, 0, t.len())
    }

    #[test]
    fn a_heading_of_a_periods_results_opens_a_status_quo_section() {
        assert!(period_results("KẾT QUẢ NĂM 2026"));
        assert!(period_results("Kết quả giai đoạn 2021 - 2025"));
        assert!(period_results("Kết quả nhiệm kỳ 2020 - 2025"));
        // An activity measured, or a year that is not one: not a section of results.
        assert!(!period_results("Kết quả huấn luyện:"));
        assert!(!period_results("Kết quả năm học"));
    }
}
