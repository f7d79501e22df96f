//! Tables as text: one cell per line (PDF and HTML extraction, with blank lines between cells
//! or not), rows separated by "|" or tabs, and rows flattened to one line each with the
//! header glued together ("TTChỉ tiêuĐVTKết quảKế hoạch"). A header names the columns
//! ("TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm …", "Thực hiện …", "Mục tiêu …"); every row then
//! gives a name, a unit and one cell per column. Target columns (kế hoạch, mục tiêu, phấn đấu)
//! are read into targets, result columns (thực hiện, kết quả, ước) are reported, never read.

use super::figure::{Figures, Role};
use super::lexicon::{COUNT_NOUNS, SCALES};
use super::scan::Toks;
use crate::number::parse_vn;

mod spaced;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Num,
    Name,
    Unit,
    Target,
    Result,
    Other,
}

/// A column and its header text.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub kind: Col,
    /// Token range of the header cell.
    pub label: (usize, usize),
}

/// One row: its name, unit and cells (one per column after the name, `None` when blank).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Token range of the whole row (sub-rows included).
    pub a: usize,
    pub b: usize,
    pub number: Option<u32>,
    pub name: (usize, usize),
    pub unit: Option<(usize, usize)>,
    /// Aligned with `Table::columns`.
    pub cells: Vec<Option<(usize, usize)>>,
    /// "Trong đó:" rows under this one.
    pub subs: Vec<Row>,
}

/// A table found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Token range of the table (header included).
    pub a: usize,
    pub b: usize,
    /// The table writes decimals with '.' ("40.79"): its cells are read so.
    pub dot_decimal: bool,
    /// Cells wrapped onto the lines under their row (tables laid out with spaces).
    pub wrapped: Vec<Wrap>,
    /// One row per unit (xã, phường, đơn vị) and one target column per indicator under a
    /// spanning "Chỉ tiêu giao năm …" header: a target is named by its column, and its row
    /// names the unit it is assigned to.
    pub by_unit: bool,
}

/// The parts of a row's name wrapped onto the lines under it ("Số giường bệnh/10.000 dân
/// (không tính" / "giường trạm y tế xã, phường)").
#[derive(Debug, Clone)]
pub(crate) struct Wrap {
    /// `Row::a` of the row they continue.
    pub row: usize,
    pub name: Vec<(usize, usize)>,
    /// The parts of its unit cell wrapped the same way ("Số bé trai/" / "100 bé gái").
    pub unit: Vec<(usize, usize)>,
}

impl Table {
    /// The wrapped parts of the row starting at token `a`, if any (`wrapped` is in row order).
    pub(crate) fn wrap_of(&self, a: usize) -> Option<&Wrap> {
        let k = self.wrapped.partition_point(|w| w.row < a);
        self.wrapped.get(k).filter(|w| w.row == a)
    }
}

/// A row name (`name`, read from the tokens `first`) with the parts wrapped onto the lines
/// under it, joined by spaces; a "," that ended a line is kept ("nông," / "lâm nghiệp"),
/// a trailing ",", ":", "." of the last part dropped.
pub(crate) fn wrapped_name(
    tk: &Toks,
    name: &str,
    first: (usize, usize),
    parts: &[(usize, usize)],
) -> String {
    let mut out = name.to_string();
    if first.1 > first.0 && tk.is_punct(first.1 - 1, ',') && !parts.is_empty() {
        out.push(',');
    }
    for (x, &(a, b)) in parts.iter().enumerate() {
        let mut e = b;
        while x + 1 == parts.len()
            && e > a
            && (tk.is_punct(e - 1, ',') || tk.is_punct(e - 1, ':') || tk.is_punct(e - 1, '.'))
        {
            e -= 1;
        }
        if e > a {
            out.push(' ');
            out.push_str(&tk.text(a, e));
        }
    }
    out
}

/// The kind of a header cell, from its words.
fn col_kind(lower: &str) -> Option<Col> {
    let l = lower.trim();
    let has = |w: &str| l.contains(w);
    if matches!(
        l,
        "stt" | "tt" | "số tt" | "số thứ tự" | "no." | "mã số" | "mã" | "mã chỉ tiêu"
    ) {
        return Some(Col::Num);
    }
    if has("đơn vị") || l == "đvt" || has("đvt") || l == "unit" {
        return Some(Col::Unit);
    }
    if has("so với") || has("so sánh") || has("tỷ lệ %") {
        return Some(Col::Other);
    }
    // "Nội dung giao ước thi đua", "Danh mục": the names, whatever else the cell says.
    if has("nội dung") || has("danh mục") {
        return Some(Col::Name);
    }
    // "Chỉ tiêu giao ước năm 2027": a pledge ("giao ước") is a target, not an estimate ("ước
    // thực hiện", "ước năm 2026").
    let pledge = has("giao ước");
    let estimate = !pledge
        && has("ước")
        && l.split(|c: char| !super::scan::is_alnum(c))
            .any(|w| w == "ước");
    if pledge {
        return Some(Col::Target);
    }
    if has("thực hiện") || has("kết quả") || estimate || has("implemented") || has("result")
    {
        return Some(Col::Result);
    }
    if has("kế hoạch")
        || l == "kh"
        || l.starts_with("kh ")
        || has("mục tiêu")
        || has("phấn đấu")
        || has("giao")
        || has("dự kiến")
        || has("target")
    {
        return Some(Col::Target);
    }
    if has("chỉ tiêu") || has("indicator") {
        return Some(Col::Name);
    }
    None
}

/// Whether a header cell names an administrative unit ("Toàn tỉnh", "TP. Phủ Lý", "TX. Duy
/// Tiên", "H. Kim Bảng", "Huyện A", "Xã B"): a table with one column per unit.
fn locality_col(lower: &str) -> bool {
    const TOTALS: &[&str] = &[
        "toàn tỉnh",
        "toàn huyện",
        "toàn thành phố",
        "toàn thị xã",
        "toàn xã",
    ];
    const PREFIXES: &[&str] = &[
        "tp.",
        "tx.",
        "h.",
        "q.",
        "tp ",
        "tx ",
        "huyện ",
        "quận ",
        "thị xã ",
        "thành phố ",
        "xã ",
        "phường ",
        "thị trấn ",
    ];
    let l = lower.trim();
    TOTALS.contains(&l)
        || PREFIXES
            .iter()
            .any(|p| l.starts_with(p) && l.len() > p.len() + 1)
}

/// What the title lines right above a header say its unit columns hold: targets ("Chỉ tiêu
/// kế hoạch năm 2025 giao cho các huyện"), results ("Kết quả thực hiện …"), or nothing.
fn title_kind(tk: &Toks, ls: &[Line], k: usize) -> Option<Col> {
    let mut kind = None;
    for l in ls[k.saturating_sub(3)..k].iter().rev() {
        let t = lower(tk, l.a, l.b);
        if ["kết quả", "thực hiện", "ước"]
            .iter()
            .any(|w| t.contains(w))
        {
            return Some(Col::Result);
        }
        if ["chỉ tiêu", "kế hoạch", "mục tiêu", "giao"]
            .iter()
            .any(|w| t.contains(w))
        {
            kind = Some(Col::Target);
        }
        if l.blank_before {
            break;
        }
    }
    kind
}

/// Whether a cell that opens with a lower-case word carries on the cell before it (a name
/// wrapped over two lines by the PDF extraction: "Thu ngân sách nhà nước trên" / "địa bàn"),
/// rather than being a unit ("tỷ đồng", "xã", "%") or a value.
fn continues_cell(tk: &Toks, fig: &Figures, a: usize, b: usize) -> bool {
    let starts_lower = tk.raw(a).chars().next().is_some_and(char::is_lowercase);
    let unit_word = |w: &str| {
        SCALES.contains(&w)
            || matches!(
                w,
                "đồng" | "usd" | "ha" | "tấn" | "km" | "điểm" | "lượt" | "người"
            )
    };
    a < b
        && starts_lower
        && !unit_word(tk.w(a))
        // A whole counted noun opens the cell ("thôn", "doanh nghiệp"), not only its first
        // word: "văn hóa trong năm" carries on a name although "văn bản" is a noun.
        && tk.any_phrase(a, COUNT_NOUNS, b).is_none()
        && !fig.has_value(a, b)
        && !(a..b).any(|k| tk.is_num(k))
}

/// Lines of the text: token ranges, and how many whitespace-only lines (blank cells) and
/// empty lines come before each.
struct Line {
    a: usize,
    b: usize,
    blank_before: bool,
    empty_cells_before: usize,
    /// Empty and whitespace-only lines right before this one.
    gap_lines: usize,
}

fn lines(tk: &Toks) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for i in 0..tk.t.len() {
        if i == 0 || tk.t[i].newline_before {
            let (blank, empty, gap_lines) = if i == 0 {
                (false, 0, 0)
            } else {
                let gap = tk.n.slice(tk.t[i - 1].end, tk.t[i].start);
                let parts: Vec<&str> = gap.split('\n').collect();
                let inner = &parts[1..parts.len().saturating_sub(1).max(1)];
                (
                    parts.len() > 2,
                    inner.iter().filter(|p| !p.is_empty()).count(),
                    parts.len().saturating_sub(2),
                )
            };
            if let Some(last) = out.last_mut() {
                last.b = i;
            }
            out.push(Line {
                a: i,
                b: tk.t.len(),
                blank_before: blank,
                empty_cells_before: empty,
                gap_lines,
            });
        }
    }
    out
}

/// Finds the tables of the text (linear: each line is looked at a bounded number of times).
pub(crate) fn find(tk: &Toks, fig: &Figures) -> Vec<Table> {
    let ls = lines(tk);
    let mut out = Vec::new();
    let mut k = 0;
    while k < ls.len() {
        let found = separated(tk, fig, &ls, k)
            .or_else(|| spaced::spaced(tk, fig, &ls, k))
            .or_else(|| flattened(tk, fig, &ls, k))
            .or_else(|| cells(tk, fig, &ls, k));
        match found {
            Some((t, next)) => {
                out.push(t);
                k = next.max(k + 1);
            }
            None => k += 1,
        }
    }
    out
}

fn lower<'a>(tk: &Toks<'a>, a: usize, b: usize) -> &'a str {
    if a >= b {
        return "";
    }
    tk.n.lslice(tk.t[a].start, tk.t[b - 1].end)
}

/// A header is usable when it names the rows and has a target or result column.
fn usable(cols: &[Column]) -> bool {
    cols.iter().any(|c| c.kind == Col::Name)
        && cols
            .iter()
            .any(|c| matches!(c.kind, Col::Target | Col::Result))
}

/// Whether the table writes '.' decimals: some value cell holds a number that is not a
/// Vietnamese number but is an English decimal ("40.79", "9.06").
fn dot_decimal(tk: &Toks, fig: &Figures, cells: &[(usize, usize)]) -> bool {
    cells.iter().any(|&(a, b)| {
        (a..b).any(|k| {
            // Bad, or a value only as an English decimal (`figure::english_decimal`).
            matches!(fig.role(k), Role::Bad | Role::Value) && {
                let w = tk.w(k);
                !w.contains(',') && w.matches('.').count() == 1 && parse_vn(w).is_err()
            }
        })
    })
}

// ---- rows separated by '|' or tabs ---------------------------------------------------

/// The cells of a line split at '|' or at tabs.
fn split_cells(tk: &Toks, l: &Line) -> Option<Vec<(usize, usize)>> {
    let pipes = (l.a..l.b).filter(|&k| tk.is_punct(k, '|')).count();
    let mut out = Vec::new();
    let mut s = l.a;
    if pipes >= 2 {
        for k in l.a..=l.b {
            if k == l.b || tk.is_punct(k, '|') {
                if k > s {
                    out.push((s, k));
                } else if k > l.a && k < l.b {
                    out.push((k, k));
                }
                s = k + 1;
            }
        }
        return Some(out);
    }
    let tabs = (l.a + 1..l.b).filter(|&k| tk.n.has_tab(tk.t[k - 1].end, tk.t[k].start));
    let tabs: Vec<usize> = tabs.collect();
    if tabs.is_empty() {
        return None;
    }
    // "⇥Trong đó: chi từ …": a tab before the first token is an empty first cell (no STT);
    // "⇥⇥Tỷ lệ …" under a two-row header two of them.
    let line_start = if l.a > 0 {
        let (end, start) = (tk.t[l.a - 1].end, tk.t[l.a].start);
        tk.n.slice(end, start)
            .rfind('\n')
            .map_or(end, |p| end + p + 1)
    } else {
        0
    };
    for _ in 0..tk.n.tab_count(line_start, tk.t[l.a].start) {
        out.push((l.a, l.a));
    }
    for &k in &tabs {
        out.push((s, k));
        // "⇥⇥": the cells between two tabs are empty (a spreadsheet's blank cell).
        let n = tk.n.tab_count(tk.t[k - 1].end, tk.t[k].start);
        for _ in 1..n {
            out.push((k, k));
        }
        s = k;
    }
    out.push((s, l.b));
    Some(out)
}

fn separated(tk: &Toks, fig: &Figures, ls: &[Line], k: usize) -> Option<(Table, usize)> {
    let head = split_cells(tk, &ls[k])?;
    let mut columns: Vec<Column> = head
        .iter()
        .map(|&(a, b)| Column {
            kind: col_kind(lower(tk, a, b)).unwrap_or(Col::Other),
            label: (a, b),
        })
        .collect();
    let mut e = k + 1;
    let mut by_unit = false;
    if let Some((two_rows, units)) = two_row_header(tk, ls, k, &columns) {
        columns = two_rows;
        by_unit = units;
        e = k + 2;
    } else if !usable(&columns) {
        return None;
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut boxed = Boxed::new(tk, ls, k);
    while e < ls.len() {
        let Some(mut cells) = split_cells(tk, &ls[e]) else {
            // A cell's text wrapped onto a line of its own after a whole row ("Không bao gồm
            // 1.200 tỷ đồng" / "ghi thu, ghi chi"), the table going on after it.
            let words_only = (ls[e].a..ls[e].b).all(|x| !tk.is_num(x));
            let goes_on = ls.get(e + 1).is_some_and(|n| split_cells(tk, n).is_some());
            if words_only && goes_on && !rows.is_empty() {
                e += 1;
                continue;
            }
            break;
        };
        let start = e;
        e += 1;
        // "TT | Chỉ tiêu | …" without outer bars: a row that opens with '|' (" | Trong đó:
        // Thu nội địa | tỷ đồng | …") has an empty first cell, not an outer bar.
        if !tk.is_punct(ls[k].a, '|')
            && tk.is_punct(ls[start].a, '|')
            && !tk.is_punct(ls[start].b - 1, '|')
            && cells.len() < columns.len()
        {
            cells.insert(0, (ls[start].a, ls[start].a));
        }
        if boxed.on && boxed.takes(tk, &columns, &cells, ls[start].a) {
            boxed.carry_values(tk, &columns, &cells, &mut rows);
            continue;
        }
        // A row whose cell wraps onto the next line (Word copies keep a line break inside a
        // cell): "1⇥Thu từ doanh nghiệp nhà nước" / "do địa phương quản lý⇥tỷ đồng⇥610⇥…".
        // The two lines are one row when the second goes on in lower case and their cells, the
        // wrapped one counted once, fit the header's columns.
        if cells.len() < columns.len() && e < ls.len() {
            let next = split_cells(tk, &ls[e]).unwrap_or_else(|| vec![(ls[e].a, ls[e].b)]);
            // The wrapped text goes on in lower case; a section row with empty cells
            // ("I⇥CHỈ TIÊU KINH TẾ⇥⇥⇥") is followed by a row of its own ("1⇥Tốc độ …").
            let continues = tk
                .raw(ls[e].a)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            // (Empty cells at a line's end leave no token: "fill" is at most the columns.)
            if continues && next.len() >= 2 && cells.len() + next.len() - 1 <= columns.len() {
                let last = cells.len() - 1;
                cells[last].1 = next[0].1;
                cells.extend_from_slice(&next[1..]);
                e += 1;
            }
        }
        if is_rule(tk, &cells) {
            continue; // "|---|---|"
        }
        // The header printed again (after a page break), maybe worded differently: "TT |
        // Chỉ tiêu | ĐVT | KH 2025" under "STT | Tên chỉ tiêu | Đơn vị tính | Kế hoạch 2025".
        if cells.len() == columns.len()
            && cells.iter().zip(&columns).all(|(&(a, b), col)| {
                col_kind(lower(tk, a, b)).unwrap_or(Col::Other) == col.kind
                    && (col.kind != Col::Other
                        || lower(tk, a, b) == lower(tk, col.label.0, col.label.1))
            })
        {
            continue;
        }
        let row = row_from_cells(tk, &columns, &cells, ls[start].a, ls[e - 1].b);
        push_row(tk, &mut rows, row);
    }
    // The rule over a box's header ("┌───┬───┐") is the table's too.
    let top = k > 0 && split_cells(tk, &ls[k - 1]).is_some_and(|c| is_rule(tk, &c));
    let a = if top { ls[k - 1].a } else { ls[k].a };
    let (mut table, next) = finish(tk, fig, columns, rows, a, ls[e - 1].b, e)?;
    table.by_unit = by_unit;
    table.wrapped = boxed.wraps;
    Some((table, next))
}

/// Whether every cell of a line is a rule ("|---|---|", a box's "├───┼───┤").
fn is_rule(tk: &Toks, cells: &[(usize, usize)]) -> bool {
    cells
        .iter()
        .all(|&(a, b)| (a..b).all(|x| tk.is_punct(x, '-') || tk.is_punct(x, ':')))
}

/// A table drawn in a box (`┌─┬─┐`, `│`, `├─┼─┤`, made pipes and dashes by `parse::markup`):
/// rules between its rows, each row's cells wrapped over the lines down to the next rule
/// ("│ 01 │ Tỷ lệ dự thảo văn bản quy phạm pháp │ % │ 100 │" / "│    │ luật của HĐND …  │ │ │").
/// A line after a rule starts a row; the lines under it carry on its name and unit cells
/// (kept as [`Wrap`]s); the header's own wrapped lines, before the first rule, are passed over.
struct Boxed {
    on: bool,
    after_rule: bool,
    /// `Row::a` of the last row started.
    last: Option<usize>,
    wraps: Vec<Wrap>,
}

impl Boxed {
    /// Boxed when three rules or more follow the header within 40 lines (a Markdown table has
    /// one, under its header).
    fn new(tk: &Toks, ls: &[Line], k: usize) -> Boxed {
        let rules = (k + 1..(k + 40).min(ls.len()))
            .filter(|&j| split_cells(tk, &ls[j]).is_some_and(|c| is_rule(tk, &c)))
            .count();
        Boxed {
            on: rules >= 3,
            after_rule: false,
            last: None,
            wraps: Vec::new(),
        }
    }

    /// "│ 05 │ Số phiếu … │ nghìn │ 1.215 │ Khoảng │" / "│ │ │ phiếu │ │ 1.300 │": a target cell
    /// of the row with words and no number goes on to the number under it.
    fn carry_values(
        &self,
        tk: &Toks,
        columns: &[Column],
        cells: &[(usize, usize)],
        rows: &mut [Row],
    ) {
        let Some(row) = rows.last_mut() else {
            return;
        };
        let row = match row.subs.last_mut() {
            Some(sub) if Some(sub.a) == self.last => sub,
            _ if Some(row.a) == self.last => row,
            _ => return,
        };
        for (j, c) in columns.iter().enumerate() {
            let (Col::Target, Some(&(s, e))) = (c.kind, cells.get(j)) else {
                continue;
            };
            let Some(Some((a, b))) = row.cells.get(j).copied() else {
                continue;
            };
            let has_num = |x: usize, y: usize| (x..y).any(|k| tk.is_num(k));
            if !has_num(a, b) && has_num(s, e) && !(b..s).any(|k| tk.is_num(k)) {
                row.cells[j] = Some((a, e));
            }
        }
    }

    /// Takes a line that is a rule or carries on a row (true), or lets it start a row.
    fn takes(&mut self, tk: &Toks, columns: &[Column], cells: &[(usize, usize)], a: usize) -> bool {
        if is_rule(tk, cells) {
            self.after_rule = true;
            return true;
        }
        if self.after_rule {
            self.after_rule = false;
            self.last = Some(a);
            return false;
        }
        let Some(row) = self.last else {
            return true; // the header's wrapped lines
        };
        let part = |kind: Col| {
            let j = columns.iter().position(|c| c.kind == kind)?;
            cells.get(j).copied().filter(|&(s, e)| s < e)
        };
        let (name, unit) = (part(Col::Name), part(Col::Unit));
        if name.is_none() && unit.is_none() {
            return true;
        }
        if self.wraps.last().is_none_or(|w| w.row != row) {
            self.wraps.push(Wrap {
                row,
                name: Vec::new(),
                unit: Vec::new(),
            });
        }
        if let Some(w) = self.wraps.last_mut() {
            w.name.extend(name);
            w.unit.extend(unit);
        }
        true
    }
}

/// Whether a header cell names the units a table assigns targets to, one row each ("Xã,
/// phường", "Đơn vị", "Tên đơn vị", "Địa phương", "Huyện, thị xã, thành phố", "Sở, ban,
/// ngành").
fn units_header(lower: &str) -> bool {
    const WORDS: &[&str] = &[
        "xã",
        "phường",
        "đặc khu",
        "thị trấn",
        "huyện",
        "quận",
        "thị xã",
        "thành phố",
        "đơn vị",
        "tên đơn vị",
        "địa phương",
        "địa bàn",
        "cơ quan",
        "sở, ban, ngành",
        "sở, ngành",
        "cụm",
        "khối",
    ];
    let l = lower.trim();
    !l.contains("đơn vị tính")
        && l.split(',')
            .map(str::trim)
            .all(|part| !part.is_empty() && WORDS.contains(&part))
}

/// A two-row header: a target cell spanning empty cells ("Chỉ tiêu giao năm 2027⇥⇥⇥", "Kế
/// hoạch các năm,,,,") and under it, on the next line, one label per spanned column with the
/// cells outside the span empty. Two kinds:
/// * one row per unit — a units column ("Xã, phường") and, under the span, one indicator per
///   column ("Tỷ lệ giảm hộ nghèo (%)⇥Tỷ lệ … BHYT (%)⇥…"): the units column names the rows,
///   each indicator is a target column labelled by its indicator (`true`);
/// * one row per indicator — a name column ("Chỉ tiêu") and, under the span, one period per
///   column ("Năm 2026", …, "Năm 2030"): each is a target column labelled by its period
///   (`false`).
fn two_row_header(tk: &Toks, ls: &[Line], k: usize, top: &[Column]) -> Option<(Vec<Column>, bool)> {
    let span_at = top.iter().position(|c| c.kind == Col::Target)?;
    let span_end = (span_at + 1..top.len())
        .find(|&j| top[j].label.0 < top[j].label.1)
        .unwrap_or(top.len());
    if span_end - span_at < 2 {
        return None;
    }
    let named = top[..span_at].iter().position(|c| c.kind == Col::Name);
    let units = top[..span_at].iter().position(|c| {
        matches!(c.kind, Col::Other | Col::Unit) && units_header(lower(tk, c.label.0, c.label.1))
    });
    let (names, by_unit) = match (named, units) {
        (Some(n), _) => (n, false),
        (None, Some(u)) => (u, true),
        (None, None) => return None,
    };
    let sub = split_cells(tk, ls.get(k + 1)?)?;
    let filled = |j: usize| sub.get(j).is_some_and(|&(a, b)| a < b);
    let inside = (span_at..span_end).filter(|&j| filled(j)).count();
    let outside = (0..sub.len()).filter(|&j| !(span_at..span_end).contains(&j) && filled(j));
    if inside < 2 || outside.count() > 0 {
        return None;
    }
    let mut columns: Vec<Column> = top.to_vec();
    columns[names].kind = Col::Name;
    for (j, c) in columns.iter_mut().enumerate() {
        if (span_at..span_end).contains(&j) {
            let label = sub.get(j).copied().filter(|&(a, b)| a < b);
            match label {
                Some(l) => {
                    *c = Column {
                        kind: Col::Target,
                        label: l,
                    }
                }
                None => c.kind = Col::Other,
            }
        } else if by_unit && (c.kind == Col::Target || c.kind == Col::Result) {
            c.kind = Col::Other;
        }
    }
    Some((columns, by_unit))
}

/// A row from cells aligned with the columns.
fn row_from_cells(
    tk: &Toks,
    columns: &[Column],
    cells: &[(usize, usize)],
    a: usize,
    b: usize,
) -> Row {
    let mut row = Row {
        a,
        b,
        number: None,
        name: (a, a),
        unit: None,
        cells: vec![None; columns.len()],
        subs: Vec::new(),
    };
    for (j, c) in columns.iter().enumerate() {
        let Some(&(s, e)) = cells.get(j) else {
            break;
        };
        let cell = (s < e).then_some((s, e));
        match c.kind {
            Col::Num => row.number = cell.and_then(|(s, _)| tk.w(s).parse().ok()),
            Col::Name => row.name = cell.unwrap_or((s, s)),
            Col::Unit => row.unit = cell,
            _ => row.cells[j] = cell,
        }
    }
    row
}

/// Adds a row, or a "Trong đó" row under the previous one.
fn push_row(tk: &Toks, rows: &mut Vec<Row>, mut row: Row) {
    let (s, e) = row.name;
    let mut k = s;
    while k < e && (tk.is_punct(k, '-') || tk.is_punct(k, '+')) {
        k += 1;
    }
    if let Some(after) = tk.phrase(k, "trong đó", e) {
        let mut n = after;
        while n < e && tk.is_punct(n, ':') {
            n += 1;
        }
        row.name = (n, e);
        if let Some(parent) = rows.last_mut() {
            parent.b = row.b;
            parent.subs.push(row);
            return;
        }
    }
    rows.push(row);
}

fn finish(
    tk: &Toks,
    fig: &Figures,
    columns: Vec<Column>,
    rows: Vec<Row>,
    a: usize,
    b: usize,
    next: usize,
) -> Option<(Table, usize)> {
    if rows.is_empty() {
        return None;
    }
    let mut columns = columns;
    past_plans(tk, &mut columns);
    let value_cells: Vec<(usize, usize)> = rows
        .iter()
        .flat_map(|r| {
            r.cells
                .iter()
                .chain(r.subs.iter().flat_map(|s| s.cells.iter()))
        })
        .flatten()
        .copied()
        .collect();
    let dot = dot_decimal(tk, fig, &value_cells);
    Some((
        Table {
            columns,
            rows,
            a,
            b,
            dot_decimal: dot,
            wrapped: Vec::new(),
            by_unit: false,
        },
        next,
    ))
}

/// The year a header cell names ("Kế hoạch năm 2026", "KH 2027"): its last four-digit number.
fn column_year(tk: &Toks, c: &Column) -> Option<i32> {
    (c.label.0..c.label.1)
        .rev()
        .find(|&k| tk.is_num(k) && tk.w(k).len() == 4)
        .and_then(|k| tk.w(k).parse().ok())
}

/// "Kế hoạch năm 2026 | Ước thực hiện năm 2026 | Kế hoạch năm 2027": the plan of a year that
/// the table also gives the results (or estimate) of, under a later plan, is the last
/// period's plan — a baseline, not a target (its values are reported as such).
fn past_plans(tk: &Toks, columns: &mut [Column]) {
    let years: Vec<(Col, Option<i32>)> = columns
        .iter()
        .map(|c| (c.kind, column_year(tk, c)))
        .collect();
    let latest_plan = years
        .iter()
        .filter(|(k, _)| *k == Col::Target)
        .filter_map(|(_, y)| *y)
        .max();
    for (c, &(kind, year)) in columns.iter_mut().zip(&years) {
        let (Col::Target, Some(y), Some(latest)) = (kind, year, latest_plan) else {
            continue;
        };
        let reported = years
            .iter()
            .any(|&(k, ry)| k == Col::Result && ry == Some(y));
        if y < latest && reported {
            c.kind = Col::Other;
        }
    }
}

// ---- rows flattened to one line ---------------------------------------------------------

/// Columns named in one line, in the order they appear ("TTChỉ tiêuĐVTKết quảMục tiêu năm").
fn header_in_line(tk: &Toks, l: &Line) -> Option<Vec<Column>> {
    const KEYS: &[(&str, Col)] = &[
        ("stt", Col::Num),
        ("tt", Col::Num),
        ("tên chỉ tiêu", Col::Name),
        ("chỉ tiêu", Col::Name),
        ("nội dung", Col::Name),
        ("đơn vị tính", Col::Unit),
        ("đơn vị", Col::Unit),
        ("đvt", Col::Unit),
        ("ước thực hiện", Col::Result),
        ("thực hiện", Col::Result),
        ("kết quả", Col::Result),
        ("kế hoạch", Col::Target),
        ("mục tiêu", Col::Target),
    ];
    if l.b - l.a > 30 || tk.is_num(l.a) {
        return None;
    }
    let mut cols: Vec<Column> = Vec::new();
    let mut k = l.a;
    while k < l.b {
        let hit = KEYS
            .iter()
            .find_map(|(w, c)| tk.phrase(k, w, l.b).map(|e| (e, *c)));
        match hit {
            Some((e, c)) => {
                if let Some(last) = cols.last_mut() {
                    last.label.1 = k;
                }
                cols.push(Column {
                    kind: c,
                    label: (k, e),
                });
                k = e;
            }
            None if cols.is_empty() => return None,
            None => k += 1,
        }
    }
    if let Some(last) = cols.last_mut() {
        last.label.1 = l.b;
    }
    let glued = (l.a + 1..l.b)
        .any(|x| tk.glued(x) && tk.raw(x).chars().next().is_some_and(char::is_uppercase));
    (cols.len() >= 3 && glued && usable(&cols)).then_some(cols)
}

fn flattened(tk: &Toks, fig: &Figures, ls: &[Line], k: usize) -> Option<(Table, usize)> {
    let columns = header_in_line(tk, &ls[k])?;
    let values: Vec<usize> = (0..columns.len())
        .filter(|&j| matches!(columns[j].kind, Col::Target | Col::Result | Col::Other))
        .collect();
    let mut rows = Vec::new();
    let mut e = k + 1;
    let mut next = 1u32;
    while e < ls.len() {
        let l = &ls[e];
        if !(tk.is_num(l.a) && tk.w(l.a).parse::<u32>().ok() == Some(next)) {
            break;
        }
        // Trailing numbers are the value cells.
        let mut s = l.b;
        while s > l.a + 1 && tk.is_num(s - 1) && values.len() > l.b - s {
            s -= 1;
        }
        if s == l.b {
            break;
        }
        let unit_start = unit_before(tk, l.a + 1, s);
        let mut row = Row {
            a: l.a,
            b: l.b,
            number: Some(next),
            name: (l.a + 1, unit_start),
            unit: (unit_start < s).then_some((unit_start, s)),
            cells: vec![None; columns.len()],
            subs: Vec::new(),
        };
        let n = l.b - s;
        for (x, tok) in (s..l.b).enumerate() {
            // Fewer numbers than columns: the last columns are the ones given.
            if let Some(&j) = values.get(values.len() - n + x) {
                row.cells[j] = Some((tok, tok + 1));
            }
        }
        rows.push(row);
        next += 1;
        e += 1;
    }
    finish(
        tk,
        fig,
        columns,
        rows,
        ls[k].a,
        ls[e.saturating_sub(1)].b,
        e,
    )
}

/// Where the unit starts in `a..b` (the words right before the numbers): "%", a scale with
/// its unit ("tỷ USD", "nghìn tấn"), a counted noun, else the last word.
fn unit_before(tk: &Toks, a: usize, b: usize) -> usize {
    if b > a && tk.is_punct(b - 1, '%') {
        return b - 1;
    }
    // A counted noun (longest first) ending at b.
    for n in COUNT_NOUNS {
        let parts = n.split(' ').count();
        if b >= a + parts {
            if let Some(s) = tk.phrase_before(b, n, a + 1) {
                return scale_before(tk, a + 1, s);
            }
        }
    }
    let last = b.saturating_sub(1).max(a);
    scale_before(tk, a + 1, last)
}

fn scale_before(tk: &Toks, floor: usize, s: usize) -> usize {
    let mut s = s;
    while s > floor && SCALES.contains(&tk.w(s - 1)) {
        s -= 1;
    }
    s
}

// ---- one cell per line -------------------------------------------------------------------

/// Cells from line `k` on: in a blank-separated table, lines with no blank line between them
/// form one cell ("Thực hiện" / "Implemented target 2019"); a whitespace-only line is an
/// empty cell. In a table whose header has no blank lines (an HTML table copied one cell per
/// line), every empty line is an empty cell; a gap longer than a row ends the list.
fn cell_list(ls: &[Line], k: usize, blank_mode: bool, limit: usize) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new(); // (a, b, line index of the end)
    let mut e = k;
    while e < ls.len() && out.len() < limit {
        let l = &ls[e];
        if e > k && !blank_mode && l.blank_before {
            if l.gap_lines > MAX_HEADER_CELLS {
                break;
            }
            for _ in 0..l.gap_lines {
                out.push((l.a, l.a, e));
            }
        }
        if e > k && blank_mode {
            for _ in 0..l.empty_cells_before {
                out.push((l.a, l.a, e));
            }
        }
        match out.last_mut() {
            Some(last) if blank_mode && !l.blank_before && e > k && last.0 < last.1 => {
                last.1 = l.b;
                last.2 = e;
            }
            _ => out.push((l.a, l.b, e)),
        }
        e += 1;
    }
    out
}

/// The header of a one-cell-per-line table from the cells of `list` (lines from `k`): its
/// columns and how many cells it takes, when it names the rows and has a value column.
fn cell_header(
    tk: &Toks,
    fig: &Figures,
    ls: &[Line],
    k: usize,
    list: &[(usize, usize, usize)],
) -> Option<(Vec<Column>, usize)> {
    let mut columns: Vec<Column> = Vec::new();
    let mut h = 0;
    while h < list.len() && h < MAX_HEADER_CELLS {
        let (a, b, _) = list[h];
        if a == b
            || row_number(tk, a, b).is_some()
            || section_number(tk, a, b)
            || fig.has_value(a, b)
            || b - a > 20
            // "Phấn đấu đến năm 2031:" under "II. CÁC CHỈ TIÊU CHỦ YẾU": a lead announcing
            // a list, not a column.
            || tk.is_punct(b - 1, ':')
        {
            break;
        }
        // "Đơn vị" / "tính": a header cell wrapped over two lines.
        let wraps = continues_cell(tk, fig, a, b) && col_kind(lower(tk, a, b)).is_none();
        if let (Some(last), true) = (columns.last_mut(), wraps) {
            last.label.1 = b;
            last.kind = col_kind(lower(tk, last.label.0, b)).unwrap_or(Col::Other);
            h += 1;
            continue;
        }
        let name = english_free(tk, a, b);
        columns.push(Column {
            kind: col_kind(lower(tk, a, name)).unwrap_or(Col::Other),
            label: (a, name),
        });
        h += 1;
    }
    // One column per unit ("Toàn tỉnh", "TP. Phủ Lý", …): what they hold is said by the
    // title above the header.
    let units = |c: &Column| c.kind == Col::Other && locality_col(lower(tk, c.label.0, c.label.1));
    if !usable(&columns) && columns.iter().filter(|c| units(c)).count() >= 2 {
        if let Some(kind) = title_kind(tk, ls, k) {
            for c in columns.iter_mut().filter(|c| units(c)) {
                c.kind = kind;
            }
        }
    }
    usable(&columns).then_some((columns, h))
}

fn cells(tk: &Toks, fig: &Figures, ls: &[Line], k: usize) -> Option<(Table, usize)> {
    let first = &ls[k];
    // The header's first cell is short: a longer line is no such cell, whatever it says
    // (asked before `col_kind`, which searches the line for some twenty words).
    if first.b - first.a > 12 {
        return None;
    }
    let kind = col_kind(lower(tk, first.a, first.b))?;
    if !matches!(kind, Col::Num | Col::Name) || fig.has_value(first.a, first.b) {
        return None;
    }
    let blank_mode = ls.get(k + 1).is_some_and(|l| l.blank_before);
    let mut limit = 64;
    let mut list = cell_list(ls, k, blank_mode, limit);
    let (columns, h) = cell_header(tk, fig, ls, k, &list)?;
    // A title above the header    // A title above the header ("Chỉ tiêu y tế đến năm 2025") is not a column: the header
    // starts at the last name column before the values (or the number column before it).
    let first_value = columns
        .iter()
        .position(|c| matches!(c.kind, Col::Target | Col::Result))?;
    let mut start = columns[..first_value]
        .iter()
        .rposition(|c| c.kind == Col::Name)?;
    if start > 0 && columns[start - 1].kind == Col::Num {
        start -= 1;
    }
    if start > 0 {
        return None; // found again from the header's own first cell
    }
    let has_num_col = columns.iter().any(|c| c.kind == Col::Num);
    let has_unit_col = columns.iter().any(|c| c.kind == Col::Unit);
    let name_at = columns.iter().position(|c| c.kind == Col::Name)?;
    let needed = columns
        .iter()
        .rposition(|c| matches!(c.kind, Col::Target | Col::Result | Col::Unit))
        .map_or(0, |p| p.saturating_sub(name_at));
    let mut rows: Vec<Row> = Vec::new();
    let mut next = 1u32;
    let mut c = h;
    let mut end_line = list.get(h.saturating_sub(1)).map_or(k, |x| x.2);
    while c < list.len() {
        // Cells are listed on demand (a failed header costs a bounded number of lines).
        if c + 16 > list.len() && list.len() >= limit {
            limit *= 2;
            list = cell_list(ls, k, blank_mode, limit);
        }
        // A page break: the page number and the header printed again ("2", "STT", …).
        if let Some(after) = repeated_header(tk, &list, h, c) {
            c = after;
            continue;
        }
        let (a, b, _) = list[c];
        if has_num_col {
            if !rows.is_empty() && page_number_between(tk, &list, c, next) {
                c += 1;
                continue;
            }
            if let Some(after) = section_row(tk, &list, c) {
                c = after;
                continue;
            }
        }
        let Some((number, name, first_value)) = row_start(tk, &list, c, next, has_num_col) else {
            break;
        };
        let mut row = Row {
            a,
            b,
            number,
            name,
            unit: None,
            cells: vec![None; columns.len()],
            subs: Vec::new(),
        };
        let mut x = first_value;
        // A name wrapped over lines: the lower-case lines after it carry it on (not in an
        // HTML copy, where every line is one cell).
        let html = !blank_mode && list.iter().any(|&(ca, cb, _)| ca == cb);
        if !html && has_unit_col {
            x = name_lines(tk, fig, &list, x, &mut row);
        }
        let mut j = name_at + 1;
        while x < list.len() && j < columns.len() {
            let (ca, cb, line) = list[x];
            let filled = j - name_at - 1;
            let following = if number.is_some() { next + 1 } else { next };
            let starts_row = of_which(tk, ca, cb)
                || row_number(tk, ca, cb).is_some_and(|(v, content)| {
                    v == following && (content < cb || filled >= needed)
                });
            if starts_row && filled > 0 {
                break;
            }
            let cell = (ca < cb).then_some((ca, cb));
            match columns[j].kind {
                Col::Unit => row.unit = cell,
                _ => row.cells[j] = cell,
            }
            row.b = cb.max(row.b);
            end_line = line;
            x += 1;
            j += 1;
        }
        if number.is_some() {
            next += 1;
        }
        push_row(tk, &mut rows, row);
        c = x;
    }
    let b = ls[end_line].b;
    finish(tk, fig, columns, rows, first.a, b, end_line + 1)
}

/// The cell after a row's name wrapped over the lines from `x` on (lower-case lines that
/// carry it on, not a unit before a figure), the name extended over them.
fn name_lines(
    tk: &Toks,
    fig: &Figures,
    list: &[(usize, usize, usize)],
    mut x: usize,
    row: &mut Row,
) -> usize {
    while row.unit.is_none()
        && x + 1 < list.len()
        && !before_figure(tk, fig, list, x)
        && continues_cell(tk, fig, list[x].0, list[x].1)
    {
        row.name.1 = list[x].1;
        row.b = row.b.max(list[x].1);
        x += 1;
    }
    x
}

/// Whether cell `c` is a page number alone between two rows ("2" before row "9", the
/// `next` one): no cell of the table.
fn page_number_between(tk: &Toks, list: &[(usize, usize, usize)], c: usize, next: u32) -> bool {
    let bare = |x: usize| {
        list.get(x)
            .and_then(|&(xa, xb, _)| row_number(tk, xa, xb).filter(|&(_, e)| e == xb))
            .map(|(v, _)| v)
    };
    bare(c).is_some_and(|v| v != next) && bare(c + 1) == Some(next)
}

/// Whether the cell after `y` opens with a figure. The line after a unit is a value: a
/// lower-case line right before a figure is the unit ("phiếu", "vụ việc" before "26.000"),
/// not a wrapped name.
fn before_figure(tk: &Toks, fig: &Figures, list: &[(usize, usize, usize)], y: usize) -> bool {
    list.get(y + 1)
        .is_some_and(|&(ya, yb, _)| ya < yb && (tk.is_num(ya) || fig.has_value(ya, yb)))
}

/// The row that starts at cell `c`, when one does: its number (the `next` one), its name and
/// the cell of its first value; a "Trong đó" row has no number (in an HTML table its number
/// cell is empty).
fn row_start(
    tk: &Toks,
    list: &[(usize, usize, usize)],
    c: usize,
    next: u32,
    has_num_col: bool,
) -> Option<(Option<u32>, (usize, usize), usize)> {
    let (a, b, _) = list[c];
    let sub = of_which(tk, a, b);
    // An empty number cell before "Trong đó: …" (HTML tables).
    let blank_sub = a == b
        && has_num_col
        && list
            .get(c + 1)
            .is_some_and(|&(na, nb, _)| na < nb && of_which(tk, na, nb));
    match row_number(tk, a, b) {
        Some((v, content)) if v == next && content < b => Some((Some(v), (content, b), c + 1)),
        Some((v, _)) if v == next && has_num_col => match list.get(c + 1) {
            Some(&(na, nb, _)) if na < nb => Some((Some(v), (na, nb), c + 2)),
            _ => None,
        },
        _ if sub => Some((None, (a, b), c + 1)),
        _ if blank_sub => Some((None, (list[c + 1].0, list[c + 1].1), c + 2)),
        _ => None,
    }
}

/// A section row ("I" / "Du lịch" and its empty cells): the cell after it.
fn section_row(tk: &Toks, list: &[(usize, usize, usize)], c: usize) -> Option<usize> {
    let &(a, b, _) = list.get(c)?;
    if a == b || !section_number(tk, a, b) {
        return None;
    }
    let mut x = c + 1;
    if let Some(&(na, nb, _)) = list.get(x) {
        if na < nb && row_number(tk, na, nb).is_none() && !section_number(tk, na, nb) {
            x += 1;
        }
    }
    while list.get(x).is_some_and(|&(ea, eb, _)| ea == eb) {
        x += 1;
    }
    Some(x)
}

/// When the cells from `c` on are the header again (`list[..h]`), maybe after a page number
/// ("2"): the cell after it. The header printed again on a later page may word its cells
/// differently ("TT" for "STT", "ĐVT" for "Đơn vị tính", "KH 2025" for "Kế hoạch năm
/// 2025"): it is the same header when every cell names a column of the same kind, and a
/// cell that names none (a wrapped part, "tính") is written the same.
fn repeated_header(tk: &Toks, list: &[(usize, usize, usize)], h: usize, c: usize) -> Option<usize> {
    let same = |from: usize| {
        from + h <= list.len()
            && (0..h).all(|i| {
                let (a, b, _) = list[i];
                let (x, y, _) = list[from + i];
                let (first, again) = (lower(tk, a, b), lower(tk, x, y));
                match col_kind(first) {
                    Some(kind) => col_kind(again) == Some(kind),
                    None => first == again,
                }
            })
    };
    if h == 0 {
        return None;
    }
    if same(c) {
        return Some(c + h);
    }
    let (a, b, _) = *list.get(c)?;
    let page = b == a + 1 && row_number(tk, a, b).is_some();
    (page && same(c + 1)).then_some(c + 1 + h)
}

/// The most cells a header of a one-cell-per-line table has.
const MAX_HEADER_CELLS: usize = 12;

/// A cell that is only a roman number ("I", "IV", "II."): the number of a section row.
fn section_number(tk: &Toks, a: usize, b: usize) -> bool {
    let roman = !tk.raw(a).is_empty() && tk.raw(a).chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    roman && tk.raw(a).len() <= 4 && (a + 1 == b || (a + 2 == b && tk.is_punct(a + 1, '.')))
}

/// "1", "1." + name, "1)" + name: the row number and where the name starts.
fn row_number(tk: &Toks, a: usize, b: usize) -> Option<(u32, usize)> {
    let w = tk.w(a);
    if !tk.is_num(a) || w.len() > 3 || !w.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let v = w.parse().ok()?;
    if a + 1 == b {
        return Some((v, b));
    }
    if (tk.is_punct(a + 1, '.') || tk.is_punct(a + 1, ')')) && a + 2 < b {
        return Some((v, a + 2));
    }
    None
}

/// Whether a cell opens with "Trong đó" ("- Trong đó: …").
fn of_which(tk: &Toks, a: usize, b: usize) -> bool {
    let mut k = a;
    while k < b && (tk.is_punct(k, '-') || tk.is_punct(k, '+')) {
        k += 1;
    }
    tk.phrase(k, "trong đó", b).is_some()
}

/// The end of the Vietnamese part of a bilingual cell ("Số bác sỹ cho 10000 dân - Number of
/// Medicine Doctors per 10000 persons"): before a run of English words.
pub(crate) fn english_free(tk: &Toks, a: usize, b: usize) -> usize {
    const EN: &[&str] = &[
        "of",
        "per",
        "the",
        "in",
        "rate",
        "number",
        "percentage",
        "having",
        "ratio",
        "with",
        "for",
        "target",
        "implemented",
        "name",
        "indicators",
        "which",
    ];
    let ascii_word = |k: usize| {
        let r = tk.raw(k);
        !r.is_empty() && r.chars().all(|c| c.is_ascii_alphabetic())
    };
    for k in a..b {
        if !ascii_word(k) {
            continue;
        }
        // " - Number of …", " – Life expectancy …": a dash, then capitalised plain words.
        let dash = k > a && (tk.is_punct(k - 1, '-') || tk.is_punct(k - 1, '–'));
        let capital = tk.raw(k).chars().next().is_some_and(char::is_uppercase);
        if dash && capital && ascii_word(k + 1) && k + 1 < b {
            return (k - 1).max(a + 1);
        }
        let run: Vec<usize> = (k..b.min(k + 4)).take_while(|&x| ascii_word(x)).collect();
        if run.len() >= 2 && run.iter().any(|&x| EN.contains(&tk.w(x))) {
            let mut e = k;
            while e > a && (tk.is_punct(e - 1, '-') || tk.is_punct(e - 1, '–')) {
                e -= 1;
            }
            return e.max(a + 1).min(b);
        }
    }
    b
}
