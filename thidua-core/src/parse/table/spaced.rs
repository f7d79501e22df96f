//! Tables laid out in columns of spaces, as `pdftotext -layout` or a copy from a Word or PDF
//! file gives them:
//!
//! ```text
//!  TT   Chỉ tiêu                       Đơn vị tính   Ước thực hiện   Kế hoạch    Ghi chú
//!                                                    năm 2026        năm 2027
//!  1    Số giường bệnh/10.000 dân      Giường        36,2            37,0
//!       (không tính giường trạm)
//!  2    Số bác sĩ/10.000 dân           Bác sĩ        12,8            ≥ 13,5
//! ```
//!
//! The header is a line whose cells (text separated by runs of two or more spaces) name the
//! columns ("TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch …", "Ước thực hiện …"), possibly wrapped
//! over following lines; each column owns the character positions from its header cell to
//! the next one. A data cell belongs to the column it overlaps most, so small misalignments
//! are tolerated. A line without a row number directly under a row continues its cells
//! (a wrapped name or unit); a "Trong đó:" line is a sub-row; a page footer ("Trang 2/6",
//! "- 2 -") and a repeated header are skipped. The rows are then read like the other tables.

use super::{col_kind, finish, lower, push_row, usable, Col, Column, Line, Row, Table, Wrap};
use crate::parse::figure::Figures;
use crate::parse::scan::Toks;

/// One run of text of a line: its tokens and its character columns `[start, end)`.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    a: usize,
    b: usize,
    start: usize,
    end: usize,
}

/// The chunks of a line: text separated by two or more spaces. `None` for a line with fewer
/// than `min` chunks (cheap: the character columns are only counted for such lines).
fn chunks(tk: &Toks, l: &Line, min: usize) -> Option<Vec<Chunk>> {
    let wide = |k: usize| tk.t[k].start - tk.t[k - 1].end >= 2;
    let gaps = (l.a + 1..l.b).filter(|&k| wide(k)).count();
    if gaps + 1 < min {
        return None;
    }
    let text = &tk.n.text;
    let first = tk.t[l.a].start;
    let line_start = text[..first].rfind('\n').map_or(0, |p| p + 1);
    let mut col = text[line_start..first].chars().count();
    let mut out: Vec<Chunk> = Vec::with_capacity(gaps + 1);
    let mut at = first;
    for k in l.a..l.b {
        let t = tk.t[k];
        col += text[at..t.start].chars().count();
        if k == l.a || wide(k) {
            out.push(Chunk {
                a: k,
                b: k + 1,
                start: col,
                end: col,
            });
        }
        col += text[t.start..t.end].chars().count();
        at = t.end;
        if let Some(c) = out.last_mut() {
            c.b = k + 1;
            c.end = col;
        }
    }
    Some(out)
}

/// A header: its columns, their start positions and the number of lines it takes.
struct Header {
    columns: Vec<Column>,
    starts: Vec<usize>,
    lines: usize,
}

/// The column a chunk belongs to: the one whose region (from its start to the next start)
/// it overlaps most, the nearest when it overlaps none.
fn column_of(starts: &[usize], c: &Chunk) -> usize {
    let mut best = (0usize, 0usize);
    for j in 0..starts.len() {
        let lo = starts[j];
        let hi = starts.get(j + 1).copied().unwrap_or(usize::MAX);
        let overlap = c.end.min(hi).saturating_sub(c.start.max(lo));
        if overlap > best.1 {
            best = (j, overlap);
        }
    }
    if best.1 > 0 {
        return best.0;
    }
    starts.iter().rposition(|&s| s <= c.start).unwrap_or(0)
}

/// A header at line `k`: three or more cells naming a name column and a target or result
/// column, and a number or unit column; the lines right under it that only add words to its
/// cells ("năm 2026") are part of it.
fn header(tk: &Toks, fig: &Figures, ls: &[Line], k: usize) -> Option<Header> {
    let l = &ls[k];
    if l.b - l.a > 40 || figure_in(tk, fig, l.a, l.b) {
        return None;
    }
    let cs = chunks(tk, l, 3)?;
    let mut texts: Vec<String> = cs.iter().map(|c| lower(tk, c.a, c.b).to_string()).collect();
    let kinds = |texts: &[String]| -> Vec<Col> {
        texts
            .iter()
            .map(|t| col_kind(t).unwrap_or(Col::Other))
            .collect()
    };
    let mut columns: Vec<Column> = kinds(&texts)
        .into_iter()
        .zip(&cs)
        .map(|(kind, c)| Column {
            kind,
            label: (c.a, c.b),
        })
        .collect();
    let numbered = columns
        .iter()
        .any(|c| matches!(c.kind, Col::Num | Col::Unit));
    if !numbered || !columns.iter().any(|c| c.kind == Col::Name) {
        return None;
    }
    let starts: Vec<usize> = cs.iter().map(|c| c.start).collect();
    // Wrapped header cells: lines with no figure whose chunks all fall under header cells.
    let mut lines = 1;
    while lines < 3 {
        let Some(next) = ls.get(k + lines) else { break };
        if next.blank_before || figure_in(tk, fig, next.a, next.b) || next.b - next.a > 20 {
            break;
        }
        let Some(more) = chunks(tk, next, 1) else {
            break;
        };
        let under = |c: &Chunk| {
            starts
                .iter()
                .any(|&s| c.start + 3 >= s && c.start <= s + 12)
        };
        if !more.iter().all(under) {
            break;
        }
        for c in &more {
            let j = column_of(&starts, c);
            texts[j].push(' ');
            texts[j].push_str(lower(tk, c.a, c.b));
        }
        lines += 1;
    }
    for (col, kind) in columns.iter_mut().zip(kinds(&texts)) {
        col.kind = kind;
    }
    usable(&columns).then_some(Header {
        columns,
        starts,
        lines,
    })
}

/// Whether tokens `a..b` hold a figure other than a year: a header cell names its year
/// ("Ước TH 2026", "KH 2027") without "năm", which would otherwise read as a value.
fn figure_in(tk: &Toks, fig: &Figures, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        let w = tk.w(k);
        fig.is_value(k)
            && !(w.len() == 4
                && ("1900"..="2100").contains(&w)
                && w.bytes().all(|c| c.is_ascii_digit()))
    })
}

/// A page footer or page number alone on its line: "Trang 2/6", "- 2 -", "2".
fn footer(tk: &Toks, l: &Line) -> bool {
    let n = l.b - l.a;
    let w = |k: usize| tk.w(l.a + k);
    match n {
        1 => tk.is_num(l.a) && tk.w(l.a).len() <= 3,
        2 => w(0) == "trang" && tk.is_num(l.a + 1),
        3 => {
            (tk.is_punct(l.a, '-') && tk.is_num(l.a + 1) && tk.is_punct(l.a + 2, '-'))
                || (tk.is_num(l.a) && tk.is_punct(l.a + 1, '/') && tk.is_num(l.a + 2))
        }
        4 => w(0) == "trang" && tk.is_num(l.a + 1) && tk.is_punct(l.a + 2, '/'),
        _ => false,
    }
}

/// A row number: "1", "1.", "12" alone in its cell.
fn row_num(tk: &Toks, c: &Chunk) -> Option<u32> {
    let w = tk.w(c.a);
    let digits = tk.is_num(c.a) && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
    let alone = c.b == c.a + 1 || (c.b == c.a + 2 && tk.is_punct(c.a + 1, '.'));
    (digits && alone).then(|| w.parse().ok()).flatten()
}

/// The table whose header is at line `k`.
pub(super) fn spaced(tk: &Toks, fig: &Figures, ls: &[Line], k: usize) -> Option<(Table, usize)> {
    let h = header(tk, fig, ls, k)?;
    let num_col = h.columns.iter().position(|c| c.kind == Col::Num);
    let mut rows: Vec<Row> = Vec::new();
    let mut wraps: Vec<Wrap> = Vec::new();
    let mut e = k + h.lines;
    let mut last = e - 1;
    let mut in_row = false;
    while e < ls.len() {
        let l = &ls[e];
        in_row &= !l.blank_before;
        // Page furniture is skipped only inside a table (a run of headers without rows is
        // not one, and would be looked at again from each of its lines).
        if footer(tk, l) && !rows.is_empty() {
            e += 1;
            continue;
        }
        if let Some(again) = header(tk, fig, ls, e) {
            let same = again.columns.len() == h.columns.len()
                && again
                    .columns
                    .iter()
                    .zip(&h.columns)
                    .all(|(x, y)| x.kind == y.kind);
            if !same || rows.is_empty() {
                break;
            }
            e += again.lines;
            in_row = false;
            continue;
        }
        let Some(cs) = chunks(tk, l, 1) else { break };
        let mut cells: Vec<Option<(usize, usize)>> = vec![None; h.columns.len()];
        for c in &cs {
            let j = column_of(&h.starts, c);
            cells[j] = Some(cells[j].map_or((c.a, c.b), |(a, _)| (a, c.b)));
        }
        let number = num_col
            .and_then(|j| cells[j])
            .and_then(|(a, b)| cs.iter().find(|c| c.a == a && c.b == b))
            .and_then(|c| row_num(tk, c));
        let has_num_cell = num_col.is_some_and(|j| cells[j].is_some());
        let name_col = h.columns.iter().position(|c| c.kind == Col::Name);
        let name = name_col.and_then(|j| cells[j]);
        let sub = name.is_some_and(|(a, b)| super::of_which(tk, a, b));
        let values = h.columns.iter().zip(&cells).any(|(c, cell)| {
            matches!(c.kind, Col::Target | Col::Result)
                && cell.is_some_and(|(a, b)| (a..b).any(|x| tk.is_num(x)))
        });
        if number.is_some() || (sub && values) || (num_col.is_none() && name.is_some() && values) {
            let mut row = Row {
                a: l.a,
                b: l.b,
                number,
                name: name.unwrap_or((l.a, l.a)),
                unit: None,
                cells: vec![None; h.columns.len()],
                subs: Vec::new(),
            };
            for (j, c) in h.columns.iter().enumerate() {
                match c.kind {
                    Col::Num | Col::Name => {}
                    Col::Unit => row.unit = cells[j],
                    _ => row.cells[j] = cells[j],
                }
            }
            push_row(tk, &mut rows, row);
            in_row = true;
        } else if in_row && !has_num_cell && !values {
            continued(&h, &cells, l, &mut rows, &mut wraps);
        } else {
            break;
        }
        last = e;
        e += 1;
    }
    let (mut t, next) = finish(tk, fig, h.columns, rows, ls[k].a, ls[last].b, last + 1)?;
    t.wrapped = wraps;
    Some((t, next))
}

/// A line that continues the cells of the last row (or of its last "Trong đó" row).
fn continued(
    h: &Header,
    cells: &[Option<(usize, usize)>],
    l: &Line,
    rows: &mut [Row],
    wraps: &mut Vec<Wrap>,
) {
    let Some(parent) = rows.last_mut() else {
        return;
    };
    parent.b = l.b;
    let row = match parent.subs.last_mut() {
        Some(s) => s,
        None => parent,
    };
    row.b = l.b;
    if wraps.last().is_none_or(|w| w.row != row.a) {
        wraps.push(Wrap {
            row: row.a,
            name: Vec::new(),
            unit: Vec::new(),
        });
    }
    let Some(w) = wraps.last_mut() else { return };
    // A wrapped name, and a wrapped unit ("Số bé trai/" / "100 bé gái") under a unit cell.
    for (j, c) in h.columns.iter().enumerate() {
        match (c.kind, cells[j]) {
            (Col::Name, Some(r)) => w.name.push(r),
            (Col::Unit, Some(r)) if row.unit.is_some() => w.unit.push(r),
            _ => {}
        }
    }
}
