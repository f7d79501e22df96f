//! Writing workbooks: scorecards, cluster rankings, data-entry templates, result tables.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::prelude::*;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use super::header::Role;
use super::read::META_SHEET;
use super::sheet_error;
use crate::error::Result;
use crate::evaluate::{Evaluation, Status, UnitEvaluation};
use crate::model::{Directive, TargetSpec};
use crate::number::format_vn;
use crate::quantity::Scale;
use crate::results::{Judgement, Period, Provenance, ResultEntry, ResultSet};
use crate::scoring::ScoreReport;

fn xe(e: XlsxError) -> crate::Error {
    sheet_error(format!("writing the workbook: {e}"))
}

/// Fonts, borders and number formats shared by every sheet: Times New Roman (the font of
/// administrative documents), thin borders, one number format per count of decimals so that
/// a value shows exactly its own digits.
struct Styles {
    title: Format,
    subtitle: Format,
    head: Format,
    text: Format,
    wrap: Format,
    center: Format,
    headline: Format,
    numbers: HashMap<(u32, Option<u32>), Format>,
}

const FONT: &str = "Times New Roman";

fn status_color(s: Status) -> Option<Color> {
    Some(match s {
        Status::Exceeded => Color::RGB(0x9BD39B),
        Status::Met => Color::RGB(0xD5EFD0),
        Status::BasicallyMet => Color::RGB(0xF3EDC2),
        Status::NotMet => Color::RGB(0xF4B6B6),
        Status::NoData => Color::RGB(0xE3E3E3),
        Status::NotApplicable => Color::RGB(0xF2F2F2),
    })
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(11);
        let cell = base.clone().set_border(FormatBorder::Thin);
        Styles {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            subtitle: base
                .clone()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            head: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell.clone().set_align(FormatAlign::Top),
            wrap: cell.clone().set_text_wrap().set_align(FormatAlign::Top),
            center: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top),
            headline: base.clone().set_bold(),
            numbers: HashMap::new(),
        }
    }

    /// `#,##0` with `digits` decimals (shown "3.500,5" under Vietnamese settings).
    fn number(&mut self, digits: u32, fill: Option<u32>) -> Format {
        self.numbers
            .entry((digits, fill))
            .or_insert_with(|| {
                let code = if digits == 0 {
                    "#,##0".to_string()
                } else {
                    format!("#,##0.{}", "0".repeat(digits as usize))
                };
                let f = Format::new()
                    .set_font_name(FONT)
                    .set_font_size(11)
                    .set_border(FormatBorder::Thin)
                    .set_align(FormatAlign::Top)
                    .set_num_format(code);
                match fill {
                    Some(rgb) => f.set_background_color(Color::RGB(rgb)),
                    None => f,
                }
            })
            .clone()
    }

    fn status(&self, s: Status) -> Format {
        let f = self.center.clone().set_bold();
        match status_color(s) {
            Some(c) => f.set_background_color(c),
            None => f,
        }
    }
}

fn significant_digits(d: Decimal) -> u32 {
    let m = d.normalize().mantissa().unsigned_abs();
    if m == 0 {
        1
    } else {
        m.to_string().len() as u32
    }
}

/// Writes a decimal as a number cell (kept numeric) with a format showing its own decimals;
/// a decimal with more than 15 significant digits — more than an Excel number holds
/// exactly — is written as text in Vietnamese notation, which the reader reads back exactly.
fn put_decimal(
    ws: &mut Worksheet,
    st: &mut Styles,
    r: u32,
    c: u16,
    d: Decimal,
    fill: Option<u32>,
) -> Result<()> {
    if significant_digits(d) > 15 {
        let f = match fill {
            Some(rgb) => st.text.clone().set_background_color(Color::RGB(rgb)),
            None => st.text.clone(),
        };
        ws.write_string_with_format(r, c, format_vn(d), &f)
            .map_err(xe)?;
        return Ok(());
    }
    let f = st.number(d.scale(), fill);
    let x = d
        .to_f64()
        .ok_or_else(|| sheet_error("a decimal has no double value"))?;
    ws.write_number_with_format(r, c, x, &f).map_err(xe)?;
    Ok(())
}

fn put_text(ws: &mut Worksheet, r: u32, c: u16, t: &str, f: &Format) -> Result<()> {
    ws.write_string_with_format(r, c, t, f).map_err(xe)?;
    Ok(())
}

fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<()> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(header_row, header_row).map_err(xe)?;
    ws.set_freeze_panes(header_row + 1, 0).map_err(xe)?;
    ws.set_footer("&C&\"Times New Roman\"&10Trang &P/&N");
    Ok(())
}

/// The title block: issuer, title, "Kèm theo Chỉ thị 08/CT-UBND ngày 06/02/2024 …", a
/// subtitle line; returns the next free row (one blank row left before the table).
fn title_block(
    ws: &mut Worksheet,
    st: &Styles,
    last_col: u16,
    directive: Option<&Directive>,
    title: &str,
    subtitle: Option<&str>,
) -> Result<u32> {
    let mut r = 0;
    if let Some(d) = directive {
        ws.merge_range(
            r,
            0,
            r,
            last_col,
            &d.issuer.name.to_uppercase(),
            &st.headline.clone().set_align(FormatAlign::Center),
        )
        .map_err(xe)?;
        r += 1;
    }
    ws.merge_range(r, 0, r, last_col, &title.to_uppercase(), &st.title)
        .map_err(xe)?;
    ws.set_row_height(r, 22).map_err(xe)?;
    r += 1;
    if let Some(d) = directive {
        let date = d
            .issued
            .map(|x| format!(" ngày {}", x.format("%d/%m/%Y")))
            .unwrap_or_default();
        let line = format!("(Theo {}{date}: {})", d.label(), d.title);
        ws.merge_range(r, 0, r, last_col, &line, &st.subtitle)
            .map_err(xe)?;
        ws.set_row_height(r, 30).map_err(xe)?;
        r += 1;
    }
    if let Some(s) = subtitle {
        ws.merge_range(r, 0, r, last_col, s, &st.subtitle)
            .map_err(xe)?;
        r += 1;
    }
    Ok(r + 1)
}

/// Sets a row's height for its wrapped texts (a spreadsheet program does not grow rows it
/// did not lay out itself): lines ≈ characters ÷ column width, 15 points a line.
fn fit_row(ws: &mut Worksheet, r: u32, cells: &[(&str, f64)]) -> Result<()> {
    let lines = cells
        .iter()
        .map(|(t, w)| {
            let per_line = (w * 1.15).max(4.0);
            t.split('\n')
                .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(r, 15.0 * lines).map_err(xe)?;
    }
    Ok(())
}

fn widths(ws: &mut Worksheet, w: &[f64]) -> Result<()> {
    for (i, x) in w.iter().enumerate() {
        ws.set_column_width(i as u16, *x).map_err(xe)?;
    }
    Ok(())
}

/// Writes a table's header row at row `r`, one heading a column from column 0.
fn header_cells<S: AsRef<str>>(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    heads: impl IntoIterator<Item = S>,
) -> Result<()> {
    for (c, h) in heads.into_iter().enumerate() {
        put_text(ws, r, c as u16, h.as_ref(), &st.head)?;
    }
    Ok(())
}

/// Ends a table: the column widths, then the page set-up with `header_row` repeated on every
/// printed page and frozen on screen.
fn finish_table(ws: &mut Worksheet, w: &[f64], header_row: u32) -> Result<()> {
    widths(ws, w)?;
    print_setup(ws, header_row)
}

/// The "TT" cell of a target's row: the item's number on its first target, "-" for a
/// sub-target, blank for the item's other targets; `last_item` is the item of the row above.
fn tt_cell(sub_target: bool, item: u32, last_item: &mut u32) -> String {
    let tt = if sub_target {
        "-".to_string()
    } else if item != *last_item {
        item.to_string()
    } else {
        String::new()
    };
    *last_item = item;
    tt
}

fn sheet_name(name: &str, used: &mut BTreeSet<String>) -> String {
    // Excel: at most 31 characters, none of []:*?/\
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    let mut n = if clean.trim().is_empty() {
        "Sheet".to_string()
    } else {
        clean
    };
    let mut k = 2;
    while used.contains(&n.to_lowercase()) {
        let suffix = format!(" ({k})");
        n = n
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        k += 1;
    }
    used.insert(n.to_lowercase());
    n
}

/// How [`write_evaluation`] lays out units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvaluationSheets {
    /// One table with a "Đơn vị" column.
    #[default]
    OneTable,
    /// One sheet per unit and period, named after the unit.
    PerUnit,
}

fn measure_text(spec: &TargetSpec) -> String {
    let unit = spec
        .result_unit()
        .map(|u| u.to_string())
        .unwrap_or_default();
    let scale = spec.result_scale();
    match (scale, unit.is_empty()) {
        (Scale::One, _) => unit,
        (s, true) => s.word_vi().to_string(),
        (s, false) => format!("{} {unit}", s.word_vi()),
    }
}

/// Writes the scorecard of an evaluation: per target its plan, result, % of plan, status
/// (coloured: vượt green, đạt light green, không đạt red, chưa có số liệu grey) and
/// explanation, then the headline "đạt và vượt X/Y chỉ tiêu" of each unit. With a directive,
/// the title block names it with its number and date and the unit of measure is shown.
pub fn write_evaluation(
    evaluation: &Evaluation,
    directive: Option<&Directive>,
    sheets: EvaluationSheets,
) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let mut st = Styles::new();
    let mut used = BTreeSet::new();
    let index = directive.map(Directive::target_index).unwrap_or_default();
    let measure = |id: &str| -> String {
        index
            .get(id)
            .map(|t| measure_text(&t.spec))
            .unwrap_or_default()
    };
    let groups: Vec<Vec<&UnitEvaluation>> = match sheets {
        EvaluationSheets::OneTable => vec![evaluation.units.iter().collect()],
        EvaluationSheets::PerUnit => evaluation.units.iter().map(|u| vec![u]).collect(),
    };
    let one_table = sheets == EvaluationSheets::OneTable;
    for units in groups {
        let mut ws = Worksheet::new();
        let name = if one_table {
            "Đánh giá".to_string()
        } else {
            let u = units[0];
            if evaluation.units.iter().filter(|x| x.unit == u.unit).count() > 1 {
                format!("{} {}", u.unit, u.period)
            } else {
                u.unit.clone()
            }
        };
        ws.set_name(sheet_name(&name, &mut used)).map_err(xe)?;
        let heads = evaluation_heads(one_table);
        let last = (heads.len() - 1) as u16;
        let subtitle = if one_table {
            None
        } else {
            Some(format!(
                "{} — {}",
                units[0].unit,
                units[0].period.label_vi()
            ))
        };
        let mut r = title_block(
            &mut ws,
            &st,
            last,
            directive,
            "Bảng đánh giá kết quả thực hiện chỉ tiêu",
            subtitle.as_deref(),
        )?;
        let header_row = r;
        header_cells(&mut ws, &st, r, &heads)?;
        ws.set_row_height(r, 32).map_err(xe)?;
        r += 1;
        let off: u16 = if one_table { 2 } else { 0 };
        for u in &units {
            let mut last_item = 0;
            for t in &u.targets {
                if one_table {
                    put_text(&mut ws, r, 0, &u.unit, &st.text)?;
                    put_text(&mut ws, r, 1, &u.period.to_string(), &st.center)?;
                }
                let tt = tt_cell(t.parent.is_some(), t.item, &mut last_item);
                let at = (r, off);
                put_evaluation_row(
                    &mut ws,
                    &mut st,
                    at,
                    evaluation,
                    (u, t),
                    &tt,
                    &measure(&t.target),
                )?;
                r += 1;
            }
            let head = format!(
                "{} — {}: {}",
                u.unit,
                u.period.label_vi(),
                u.summary.headline_vi
            );
            ws.merge_range(r, 0, r, last, &head, &st.headline)
                .map_err(xe)?;
            r += 2;
        }
        let mut w = Vec::new();
        if one_table {
            w.extend([18.0, 10.0]);
        }
        w.extend([
            5.0, 8.0, 34.0, 20.0, 11.0, 12.0, 11.0, 10.0, 13.0, 20.0, 11.0, 60.0, 36.0,
        ]);
        finish_table(&mut ws, &w, header_row)?;
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer().map_err(xe)
}

/// The column heads of an evaluation sheet (one table: unit and period first).
fn evaluation_heads(one_table: bool) -> Vec<&'static str> {
    let mut heads: Vec<&str> = Vec::new();
    if one_table {
        heads.extend(["Đơn vị", "Kỳ báo cáo"]);
    }
    heads.extend([
        "TT",
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Chỉ tiêu kế hoạch",
        "Đơn vị tính",
        "Kết quả",
        "Kỳ gốc",
        "% kế hoạch",
        "Đánh giá",
        "So với mức",
        "Loại số liệu",
        "Giải thích",
        "Lưu ý",
    ]);
    heads
}
/// A target's row of an evaluation sheet, from column `off` on: TT, id, name, the target's
/// text, unit of measure, result, baseline, % of plan, status (coloured), levels,
/// provenance, explanation and the evaluation's warnings about this unit and target.
fn put_evaluation_row(
    ws: &mut Worksheet,
    st: &mut Styles,
    (r, off): (u32, u16),
    evaluation: &Evaluation,
    (u, t): (&UnitEvaluation, &crate::evaluate::TargetEvaluation),
    tt: &str,
    measure: &str,
) -> Result<()> {
    put_text(ws, r, off, tt, &st.center)?;
    put_text(ws, r, off + 1, &t.target, &st.center)?;
    let name = if t.parent.is_some() {
        format!("Trong đó: {}", t.name)
    } else {
        t.name.clone()
    };
    put_text(ws, r, off + 2, &name, &st.wrap)?;
    put_text(ws, r, off + 3, &t.target_text, &st.wrap)?;
    put_text(ws, r, off + 4, measure, &st.center)?;
    match t.result {
        Some(v) => put_decimal(ws, st, r, off + 5, v, None)?,
        None => put_text(ws, r, off + 5, "", &st.text)?,
    }
    match t.baseline {
        Some(v) => put_decimal(ws, st, r, off + 6, v, None)?,
        None => put_text(ws, r, off + 6, "", &st.text)?,
    }
    match t.ratio {
        Some(v) => put_decimal(ws, st, r, off + 7, v, None)?,
        None => put_text(ws, r, off + 7, "", &st.text)?,
    }
    let label = t.status.label_vi();
    let mut cap = label.chars();
    let label = cap
        .next()
        .map(|f| f.to_uppercase().collect::<String>() + cap.as_str())
        .unwrap_or_default();
    put_text(ws, r, off + 8, &label, &st.status(t.status))?;
    // the level judged against (the unit's own assigned figure, the directive's),
    // then every other level with its status ("đăng ký: không đạt")
    let mut level = t.level_label.clone();
    for l in &t.levels {
        level.push_str(&format!("\n{}: {}", l.label, l.status.label_vi()));
    }
    put_text(ws, r, off + 9, &level, &st.wrap)?;
    let provenance = t.provenance.map(provenance_vi).unwrap_or("");
    put_text(ws, r, off + 10, provenance, &st.center)?;
    put_text(ws, r, off + 11, &t.explanation.vi, &st.wrap)?;
    // the evaluation's warnings about this unit and target
    let notes: Vec<&str> = evaluation
        .warnings
        .iter()
        .filter(|w| {
            w.unit.as_deref() == Some(u.unit.as_str())
                && w.target.as_deref() == Some(t.target.as_str())
        })
        .map(|w| w.message_vi.as_str())
        .collect();
    put_text(ws, r, off + 12, &notes.join("\n"), &st.wrap)?;
    fit_row(
        ws,
        r,
        &[
            (&name, 34.0),
            (&t.target_text, 20.0),
            (&t.explanation.vi, 60.0),
        ],
    )?;
    Ok(())
}

fn stage_value(
    u: &crate::scoring::UnitScore,
    item: &str,
) -> (Vec<Option<Decimal>>, Option<Decimal>) {
    match u.comparison.iter().find(|r| r.item == item) {
        Some(row) => (row.values.clone(), row.change),
        None => {
            let v = match item {
                "total" => u.final_card().map(|c| c.total),
                _ => None,
            };
            (vec![v], None)
        }
    }
}

/// Writes a cluster / bloc scoring report: sheet "Xếp hạng" (per cluster or bloc: rank, unit,
/// the total of each stage — tự chấm, cụm thẩm định, Ban TĐKT thẩm định —, the change from the
/// first to the final stage, the band and the award proposals), sheet "Khen thưởng" (every
/// award rule's proposals and near misses with their reasons), and sheet "Chi tiết" (each
/// unit's criteria in every stage with the explanation of the final stage).
pub fn write_score_report(report: &ScoreReport, directive: Option<&Directive>) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let mut st = Styles::new();
    let period = report.period.map(|p| p.label_vi());
    let subtitle = format!(
        "{}{} — thang điểm {} điểm",
        report.scheme,
        period
            .as_ref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default(),
        format_vn(report.scale.normalize())
    );
    wb.push_worksheet(score_ranking_sheet(report, directive, &mut st, &subtitle)?);
    wb.push_worksheet(score_awards_sheet(report, directive, &mut st, &subtitle)?);
    wb.push_worksheet(score_details_sheet(report, directive, &mut st, &subtitle)?);
    wb.save_to_buffer().map_err(xe)
}

/// A point figure of a score report, rounded to the report's digits (blank when absent).
fn put_points(
    st: &mut Styles,
    ws: &mut Worksheet,
    (r, c): (u32, u16),
    v: Option<Decimal>,
    digits: u32,
    fill: Option<u32>,
) -> Result<()> {
    match v {
        Some(d) => {
            let d = d.round_dp(digits);
            let f = st.number(digits, fill);
            let x = d
                .to_f64()
                .ok_or_else(|| sheet_error("a decimal has no double value"))?;
            ws.write_number_with_format(r, c, x, &f).map_err(xe)?;
        }
        None => {
            ws.write_string_with_format(r, c, "", &st.text)
                .map_err(xe)?;
        }
    }
    Ok(())
}

/// One figure per stage, from column `first` on.
fn put_stage_points(
    st: &mut Styles,
    ws: &mut Worksheet,
    r: u32,
    first: u16,
    values: &[Option<Decimal>],
    report: &ScoreReport,
) -> Result<()> {
    for i in 0..report.stages.len() as u16 {
        let v = values.get(i as usize).copied().flatten();
        put_points(st, ws, (r, first + i), v, report.digits, None)?;
    }
    Ok(())
}

/// Sheet "Xếp hạng": per cluster or bloc, the ranked units, then the units not ranked.
fn score_ranking_sheet(
    report: &ScoreReport,
    directive: Option<&Directive>,
    st: &mut Styles,
    subtitle: &str,
) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("Xếp hạng").map_err(xe)?;
    let mut heads: Vec<String> = vec!["Cụm / khối".into(), "Hạng".into(), "Đơn vị".into()];
    for s in &report.stages {
        heads.push(s.label_vi().to_string());
    }
    heads.extend([
        "Chênh lệch".into(),
        "Xếp loại".into(),
        "Đề nghị khen thưởng".into(),
        "Ghi chú".into(),
    ]);
    let last = (heads.len() - 1) as u16;
    let mut r = title_block(
        &mut ws,
        st,
        last,
        directive,
        "Kết quả chấm điểm, xếp hạng thi đua",
        Some(subtitle),
    )?;
    let header_row = r;
    header_cells(&mut ws, st, r, &heads)?;
    ws.set_row_height(r, 32).map_err(xe)?;
    r += 1;
    let mut awards_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in &report.awards {
        for p in &a.proposals {
            awards_of
                .entry(p.unit.as_str())
                .or_default()
                .push(a.label_vi.as_str());
        }
    }
    let ns = report.stages.len() as u16;
    for g in &report.groups {
        let label = format!("{} ({})", g.group, g.kind.label_vi());
        ws.merge_range(
            r,
            0,
            r,
            last,
            &label,
            &st.headline
                .clone()
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_border(FormatBorder::Thin),
        )
        .map_err(xe)?;
        r += 1;
        for e in &g.ranking {
            let Some(u) = report.unit(&e.unit) else {
                continue;
            };
            let awards = awards_of
                .get(e.unit.as_str())
                .map(|v| v.join("; "))
                .unwrap_or_default();
            put_ranked_row(&mut ws, st, r, report, &g.group, (e, u), &awards)?;
            r += 1;
        }
        for n in &g.not_ranked {
            put_text(&mut ws, r, 0, &g.group, &st.text)?;
            put_text(&mut ws, r, 1, "—", &st.center)?;
            put_text(&mut ws, r, 2, &n.unit, &st.text)?;
            if let Some(u) = report.unit(&n.unit) {
                let (values, change) = stage_value(u, "total");
                put_stage_points(st, &mut ws, r, 3, &values, report)?;
                put_points(st, &mut ws, (r, 3 + ns), change, report.digits, None)?;
            }
            put_text(&mut ws, r, 4 + ns, "Không xếp hạng", &st.wrap)?;
            put_text(&mut ws, r, 5 + ns, "", &st.wrap)?;
            put_text(&mut ws, r, 6 + ns, &n.reason.vi, &st.wrap)?;
            fit_row(&mut ws, r, &[(&n.reason.vi, 40.0)])?;
            r += 1;
        }
    }
    let mut w = vec![22.0, 7.0, 24.0];
    w.extend(std::iter::repeat_n(13.0, ns as usize));
    w.extend([12.0, 26.0, 30.0, 40.0]);
    finish_table(&mut ws, &w, header_row)?;
    Ok(ws)
}

/// A ranked unit's row of sheet "Xếp hạng": rank ("2=" when tied), stage totals, the change
/// (red when it fell, green when it rose), band, award proposals and the tie-break note.
fn put_ranked_row(
    ws: &mut Worksheet,
    st: &mut Styles,
    r: u32,
    report: &ScoreReport,
    group: &str,
    (e, u): (&crate::scoring::RankEntry, &crate::scoring::UnitScore),
    awards: &str,
) -> Result<()> {
    let ns = report.stages.len() as u16;
    put_text(ws, r, 0, group, &st.text)?;
    if e.tied {
        put_text(ws, r, 1, &format!("{}=", e.rank), &st.center)?;
    } else {
        let f = st.number(0, None).set_align(FormatAlign::Center);
        ws.write_number_with_format(r, 1, f64::from(e.rank), &f)
            .map_err(xe)?;
    }
    put_text(ws, r, 2, &e.unit, &st.text)?;
    let (values, change) = stage_value(u, "total");
    put_stage_points(st, ws, r, 3, &values, report)?;
    let fill = change.map(|c| {
        if c < Decimal::ZERO {
            0xF4B6B6
        } else if c > Decimal::ZERO {
            0xD5EFD0
        } else {
            0xFFFFFF
        }
    });
    put_points(st, ws, (r, 3 + ns), change, report.digits, fill)?;
    let band = u
        .band
        .as_ref()
        .map(|b| b.label_vi.clone())
        .unwrap_or_default();
    put_text(ws, r, 4 + ns, &band, &st.wrap)?;
    put_text(ws, r, 5 + ns, awards, &st.wrap)?;
    let note = e
        .decided_by
        .as_ref()
        .map(|x| x.vi.clone())
        .unwrap_or_else(|| {
            if e.tied {
                "Bằng điểm, đồng hạng".to_string()
            } else {
                String::new()
            }
        });
    put_text(ws, r, 6 + ns, &note, &st.wrap)?;
    fit_row(ws, r, &[(&band, 26.0), (awards, 30.0), (&note, 40.0)])
}

/// Sheet "Khen thưởng": every award rule's proposals and near misses with their reasons.
fn score_awards_sheet(
    report: &ScoreReport,
    directive: Option<&Directive>,
    st: &mut Styles,
    subtitle: &str,
) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("Khen thưởng").map_err(xe)?;
    let heads = [
        "Hình thức",
        "Đề nghị / Sát ngưỡng",
        "Đơn vị",
        "Cụm / khối",
        "Tổng điểm",
        "Lý do",
    ];
    let mut r = title_block(
        &mut ws,
        st,
        5,
        directive,
        "Đề nghị khen thưởng",
        Some(subtitle),
    )?;
    let header_row = r;
    header_cells(&mut ws, st, r, heads)?;
    r += 1;
    for a in &report.awards {
        for (kind, list) in [
            ("Đề nghị", &a.proposals),
            ("Sát ngưỡng (chưa đề nghị)", &a.near_misses),
        ] {
            for p in list.iter() {
                put_text(&mut ws, r, 0, &a.label_vi, &st.wrap)?;
                put_text(&mut ws, r, 1, kind, &st.text)?;
                put_text(&mut ws, r, 2, &p.unit, &st.text)?;
                put_text(&mut ws, r, 3, &p.group, &st.text)?;
                put_points(st, &mut ws, (r, 4), Some(p.total), report.digits, None)?;
                put_text(&mut ws, r, 5, &p.reason.vi, &st.wrap)?;
                fit_row(&mut ws, r, &[(&a.label_vi, 28.0), (&p.reason.vi, 70.0)])?;
                r += 1;
            }
        }
        if let Some(n) = &a.note {
            ws.merge_range(
                r,
                0,
                r,
                5,
                &format!("{}: {}", a.label_vi, n.vi),
                &st.subtitle.clone().set_align(FormatAlign::Left),
            )
            .map_err(xe)?;
            ws.set_row_height(r, 30).map_err(xe)?;
            r += 1;
        }
    }
    finish_table(&mut ws, &[28.0, 16.0, 24.0, 22.0, 12.0, 70.0], header_row)?;
    Ok(ws)
}

/// A line of sheet "Chi tiết": (id, name, maximum, comparison item, explanation).
type DetailLine = (String, String, Option<Decimal>, String, String);

/// Sheet "Chi tiết": each unit's criteria, sections, bonus, penalty and total in every stage,
/// with the explanation of the final stage.
fn score_details_sheet(
    report: &ScoreReport,
    directive: Option<&Directive>,
    st: &mut Styles,
    subtitle: &str,
) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("Chi tiết").map_err(xe)?;
    let mut heads: Vec<String> = vec![
        "Đơn vị".into(),
        "Mục".into(),
        "Tiêu chí".into(),
        "Điểm chuẩn".into(),
    ];
    for s in &report.stages {
        heads.push(s.label_vi().to_string());
    }
    heads.extend([
        "Chênh lệch".into(),
        format!("Giải thích ({})", report.final_stage.label_vi()),
    ]);
    let last = (heads.len() - 1) as u16;
    let ns = report.stages.len() as u16;
    let mut r = title_block(
        &mut ws,
        st,
        last,
        directive,
        "Chi tiết chấm điểm theo tiêu chí",
        Some(subtitle),
    )?;
    let header_row = r;
    header_cells(&mut ws, st, r, &heads)?;
    r += 1;
    for u in &report.units {
        let Some(card) = u.final_card() else { continue };
        for (id, name, max, item, expl) in detail_lines(report, card) {
            put_text(&mut ws, r, 0, &u.unit, &st.text)?;
            put_text(&mut ws, r, 1, &id, &st.center)?;
            put_text(&mut ws, r, 2, &name, &st.wrap)?;
            put_points(st, &mut ws, (r, 3), max, report.digits, None)?;
            let (values, change) = stage_value(u, &item);
            let values = if u.comparison.is_empty() {
                // a single stage: the final card's own figures
                vec![card_value(card, &item)]
            } else {
                values
            };
            put_stage_points(st, &mut ws, r, 4, &values, report)?;
            put_points(st, &mut ws, (r, 4 + ns), change, report.digits, None)?;
            put_text(&mut ws, r, 5 + ns, &expl, &st.wrap)?;
            fit_row(&mut ws, r, &[(&name, 36.0), (&expl, 70.0)])?;
            r += 1;
        }
        r += 1;
    }
    let mut w = vec![22.0, 6.0, 36.0, 10.0];
    w.extend(std::iter::repeat_n(12.0, ns as usize));
    w.extend([11.0, 70.0]);
    finish_table(&mut ws, &w, header_row)?;
    Ok(ws)
}

/// The lines of a unit's card in sheet "Chi tiết": criteria, section subtotals, bonus,
/// penalty and total.
fn detail_lines(report: &ScoreReport, card: &crate::scoring::Scorecard) -> Vec<DetailLine> {
    let mut lines: Vec<DetailLine> = Vec::new();
    for c in &card.criteria {
        lines.push((
            c.criterion.clone(),
            c.name.clone(),
            Some(c.max),
            format!("criterion:{}", c.criterion),
            c.explanation.vi.clone(),
        ));
    }
    for s in &card.sections {
        lines.push((
            s.section.clone(),
            format!("Cộng mục {}", s.name),
            Some(s.max),
            format!("section:{}", s.section),
            String::new(),
        ));
    }
    let explain = |xs: &[crate::scoring::Adjustment]| {
        xs.iter()
            .map(|b| b.explanation.vi.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    lines.push((
        "".into(),
        "Điểm thưởng".into(),
        None,
        "bonus".into(),
        explain(&card.bonuses),
    ));
    lines.push((
        "".into(),
        "Điểm trừ".into(),
        None,
        "penalty".into(),
        explain(&card.penalties),
    ));
    lines.push((
        "".into(),
        "TỔNG ĐIỂM".into(),
        Some(report.scale),
        "total".into(),
        String::new(),
    ));
    lines
}

/// The final card's own figure of a comparison item (a report of a single stage).
fn card_value(card: &crate::scoring::Scorecard, item: &str) -> Option<Decimal> {
    match item {
        "total" => Some(card.total),
        "bonus" => Some(card.bonus_total),
        "penalty" => Some(card.penalty_total),
        x if x.starts_with("criterion:") => card
            .criteria
            .iter()
            .find(|c| c.criterion == x[10..])
            .and_then(|c| c.weighted.or(c.points)),
        x if x.starts_with("section:") => card
            .sections
            .iter()
            .find(|s| s.section == x[8..])
            .map(|s| s.subtotal),
        _ => None,
    }
}

/// Options of [`write_template`].
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateOptions {
    /// The units, one column each (default: one column "Đơn vị").
    pub units: Vec<String>,
    /// The period the figures are for (default: the directive's first year).
    pub period: Option<Period>,
    /// Whether the figures will be estimates (ước thực hiện).
    pub estimate: bool,
}

/// How [`write_results`] lays a result set out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResultLayout {
    /// One row per entry, every field a column (reads back to the same result set).
    #[default]
    Long,
    /// The data-entry template's shape: targets as rows, units as columns, one sheet per
    /// period (values, baselines, judgements and "không áp dụng" only).
    Wide,
}

const WIDE_HEADS: [&str; 7] = [
    "TT",
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Thành phần",
    "Số liệu là",
    "Đơn vị tính",
    "Kế hoạch",
];

struct WideRow {
    item: String,
    id: String,
    name: String,
    component: Option<String>,
    baseline: bool,
    qualitative: bool,
    measure: String,
    plan: String,
}

fn wide_rows(d: &Directive) -> Vec<WideRow> {
    let mut out = Vec::new();
    let mut last_item = 0;
    for t in d.targets() {
        let item = tt_cell(t.parent.is_some(), t.item, &mut last_item);
        let spec = &t.target.spec;
        let name = if t.parent.is_some() {
            format!("Trong đó: {}", t.target.name)
        } else {
            t.target.name.clone()
        };
        let base = WideRow {
            item,
            id: t.target.id.clone(),
            name,
            component: None,
            baseline: false,
            qualitative: matches!(spec, TargetSpec::Qualitative {}),
            measure: measure_text(spec),
            plan: spec.describe_vi(),
        };
        if let TargetSpec::CompositeDecrease { components } = spec {
            out.push(WideRow { ..base });
            for c in components {
                for baseline in [false, true] {
                    out.push(WideRow {
                        item: String::new(),
                        id: t.target.id.clone(),
                        name: format!("- {}", c.name),
                        component: Some(c.id.clone()),
                        baseline,
                        qualitative: false,
                        measure: String::new(),
                        plan: String::new(),
                    });
                }
            }
            continue;
        }
        let needs_baseline = spec.needs_baseline();
        out.push(WideRow { ..base });
        if needs_baseline {
            let last = out
                .last()
                .map(|r| (r.id.clone(), r.name.clone(), r.measure.clone()));
            if let Some((id, name, measure)) = last {
                out.push(WideRow {
                    item: String::new(),
                    id,
                    name,
                    component: None,
                    baseline: true,
                    qualitative: false,
                    measure,
                    plan: String::new(),
                });
            }
        }
    }
    out
}

/// Entries by (unit, target, component).
type EntryIndex<'a> = HashMap<(String, String, Option<String>), &'a ResultEntry>;

#[allow(clippy::too_many_arguments)]
fn wide_sheet(
    ws: &mut Worksheet,
    st: &mut Styles,
    d: &Directive,
    units: &[String],
    period: Period,
    estimate: bool,
    values: Option<&EntryIndex<'_>>,
) -> Result<()> {
    let n = WIDE_HEADS.len() as u16;
    let last = n + units.len().max(1) as u16 - 1;
    let kind = if estimate {
        "ước thực hiện"
    } else {
        "thực hiện"
    };
    let subtitle = format!(
        "Kỳ báo cáo: {period} ({}); số liệu {kind}. Nhập số vào các ô màu vàng; chỉ tiêu định tính chọn Vượt / Đạt / Không đạt; chỉ tiêu không áp dụng ghi \"không áp dụng\".",
        period.label_vi()
    );
    let mut r = title_block(
        ws,
        st,
        last,
        Some(d),
        "Biểu nhập số liệu kết quả thực hiện chỉ tiêu",
        Some(&subtitle),
    )?;
    ws.set_row_height(r - 2, 45).map_err(xe)?;
    let header_row = r;
    header_cells(ws, st, r, WIDE_HEADS)?;
    let units: Vec<String> = if units.is_empty() {
        vec!["Đơn vị".to_string()]
    } else {
        units.to_vec()
    };
    for (i, u) in units.iter().enumerate() {
        put_text(ws, r, n + i as u16, u, &st.head)?;
    }
    ws.set_row_height(r, 32).map_err(xe)?;
    r += 1;
    let first_data = r;
    let number_rule = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
        .set_error_message("Nhập một số (dấu phẩy thập phân theo cài đặt của máy) hoặc để trống.")
        .map_err(xe)?;
    let verdict_rule = DataValidation::new()
        .allow_list_strings(&["Vượt", "Đạt", "Không đạt", "không áp dụng"])
        .map_err(xe)?;
    let index = d.target_index();
    for row in wide_rows(d) {
        put_text(ws, r, 0, &row.item, &st.center)?;
        put_text(ws, r, 1, &row.id, &st.center)?;
        put_text(ws, r, 2, &row.name, &st.wrap)?;
        put_text(ws, r, 3, row.component.as_deref().unwrap_or(""), &st.center)?;
        put_text(
            ws,
            r,
            4,
            if row.baseline {
                "Kỳ gốc"
            } else {
                "Kết quả"
            },
            &st.center,
        )?;
        put_text(ws, r, 5, &row.measure, &st.center)?;
        put_text(ws, r, 6, &row.plan, &st.wrap)?;
        fit_row(ws, r, &[(&row.name, 40.0), (&row.plan, 22.0)])?;
        let is_composite_head = row.component.is_none()
            && matches!(
                index.get(row.id.as_str()).map(|t| &t.spec),
                Some(TargetSpec::CompositeDecrease { .. })
            );
        for (i, u) in units.iter().enumerate() {
            let c = n + i as u16;
            let e = values.and_then(|m| m.get(&(u.clone(), row.id.clone(), row.component.clone())));
            put_wide_cell(ws, st, (r, c), e.copied(), &row, is_composite_head)?;
        }
        if !is_composite_head {
            let rule = if row.qualitative {
                &verdict_rule
            } else {
                &number_rule
            };
            ws.add_data_validation(r, n, r, last, rule).map_err(xe)?;
        }
        r += 1;
    }
    let _ = first_data;
    let mut w = vec![5.0, 8.0, 40.0, 10.0, 10.0, 11.0, 22.0];
    w.extend(std::iter::repeat_n(14.0, units.len()));
    finish_table(ws, &w, header_row)?;
    ws.set_freeze_panes(header_row + 1, 3).map_err(xe)?;
    Ok(())
}

/// A unit's input cell of a wide template row: yellow (grey for a composite target's head
/// row), holding the figure, verdict or "không áp dụng" of an existing entry.
fn put_wide_cell(
    ws: &mut Worksheet,
    st: &mut Styles,
    (r, c): (u32, u16),
    e: Option<&ResultEntry>,
    row: &WideRow,
    is_composite_head: bool,
) -> Result<()> {
    let input = 0xFFF2CC;
    let fill = Format::new()
        .set_font_name(FONT)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(if is_composite_head { 0xF2F2F2 } else { input }));
    match e {
        Some(e) if e.not_applicable && !row.baseline => put_text(ws, r, c, "không áp dụng", &fill)?,
        Some(e) if row.qualitative => {
            let j = match e.judgement {
                Some(Judgement::Exceeded) => "Vượt",
                Some(Judgement::Met) => "Đạt",
                Some(Judgement::NotMet) => "Không đạt",
                None => "",
            };
            put_text(ws, r, c, j, &fill)?
        }
        Some(e) => {
            let v = if row.baseline { e.baseline } else { e.value };
            match v {
                Some(v) => put_decimal(
                    ws,
                    st,
                    r,
                    c,
                    v,
                    Some(if is_composite_head { 0xF2F2F2 } else { input }),
                )?,
                None => {
                    ws.write_blank(r, c, &fill).map_err(xe)?;
                }
            }
        }
        None => {
            ws.write_blank(r, c, &fill).map_err(xe)?;
        }
    }
    Ok(())
}

fn meta_sheet(
    wb: &mut Workbook,
    d: &Directive,
    period: Option<Period>,
    estimate: bool,
) -> Result<()> {
    let mut ws = Worksheet::new();
    ws.set_name(META_SHEET).map_err(xe)?;
    let rows = [
        ("format", "thidua-template-1".to_string()),
        ("directive", d.number.clone().unwrap_or_else(|| d.label())),
        ("period", period.map(|p| p.to_string()).unwrap_or_default()),
        (
            "provenance",
            if estimate { "estimate" } else { "official" }.to_string(),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string(i as u32, 0, *k).map_err(xe)?;
        ws.write_string(i as u32, 1, v).map_err(xe)?;
    }
    ws.set_hidden(true);
    wb.push_worksheet(ws);
    Ok(())
}

/// Writes a data-entry template generated from a directive: targets as rows (sub-targets,
/// composite components and the baseline rows that reductions and ranks need), units as
/// columns, data validation on the input cells (numbers; Vượt / Đạt / Không đạt for
/// qualitative targets). Filled in, it reads back with [`super::read_results`] without any
/// column mapping.
pub fn write_template(directive: &Directive, opts: &TemplateOptions) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let mut st = Styles::new();
    let period = opts.period.unwrap_or(Period::year(directive.coverage.year));
    let mut ws = Worksheet::new();
    ws.set_name("Nhập liệu").map_err(xe)?;
    wide_sheet(
        &mut ws,
        &mut st,
        directive,
        &opts.units,
        period,
        opts.estimate,
        None,
    )?;
    wb.push_worksheet(ws);
    meta_sheet(&mut wb, directive, Some(period), opts.estimate)?;
    wb.save_to_buffer().map_err(xe)
}

/// The columns of the long layout: every field of a result row.
const LONG_HEADS: [Role; 25] = [
    Role::Unit,
    Role::TargetId,
    Role::Name,
    Role::Component,
    Role::Period,
    Role::Provenance,
    Role::Date,
    Role::Result,
    Role::ValueHigh,
    Role::Qualifier,
    Role::Baseline,
    Role::Ratio,
    Role::PlanLevel,
    Role::Change,
    Role::ChangeUnit,
    Role::ChangeFrom,
    Role::Scale,
    Role::Measure,
    Role::OutOf,
    Role::BaselineOutOf,
    Role::Judgement,
    Role::NotApplicable,
    Role::Reported,
    Role::Source,
    Role::Note,
];

/// Column widths of the long layout, in the order of [`LONG_HEADS`].
const LONG_WIDTHS: [f64; 25] = [
    20.0, 9.0, 34.0, 10.0, 10.0, 11.0, 11.0, 13.0, 10.0, 9.0, 13.0, 10.0, 14.0, 10.0, 10.0, 10.0,
    8.0, 11.0, 9.0, 9.0, 11.0, 9.0, 24.0, 18.0, 30.0,
];

fn judgement_vi(j: Judgement) -> &'static str {
    match j {
        Judgement::Exceeded => "Vượt",
        Judgement::Met => "Đạt",
        Judgement::NotMet => "Không đạt",
    }
}

/// One cell of the long layout.
enum Out {
    Text(String),
    Number(Decimal),
    Date(chrono::NaiveDate),
}

fn provenance_vi(p: Provenance) -> &'static str {
    match p {
        Provenance::Estimate => "ước tính",
        Provenance::Preliminary => "sơ bộ",
        Provenance::Official => "chính thức",
    }
}

/// The cells of one result row in the long layout, in the order of [`LONG_HEADS`].
fn long_cells(e: &ResultEntry, name: &str) -> Vec<Out> {
    use super::value::{change_from_label, change_unit_label};
    let t = |s: &str| Out::Text(s.to_string());
    let n = |d: Option<Decimal>| d.map(Out::Number).unwrap_or(Out::Text(String::new()));
    let opt = |s: Option<&str>| Out::Text(s.unwrap_or("").to_string());
    LONG_HEADS
        .iter()
        .map(|role| match role {
            Role::Unit => t(&e.unit),
            Role::TargetId => t(&e.target),
            Role::Name => t(name),
            Role::Component => opt(e.component.as_deref()),
            Role::Period => t(&e.period.to_string()),
            Role::Provenance => t(provenance_vi(e.effective_provenance())),
            Role::Date => e.date.map(Out::Date).unwrap_or(Out::Text(String::new())),
            Role::Result => n(e.value),
            Role::ValueHigh => n(e.value_high),
            Role::Qualifier => opt(e.qualifier.map(|q| q.word_vi())),
            Role::Baseline => n(e.baseline),
            Role::Ratio => n(e.share_of_plan),
            Role::PlanLevel => opt(e.plan_level.as_deref()),
            Role::Change => n(e.change),
            Role::ChangeUnit => opt(e.change_unit.map(change_unit_label)),
            Role::ChangeFrom => opt(e.change_from.map(change_from_label)),
            Role::Scale => t(&e
                .scale
                .map(|s| {
                    if s == Scale::One {
                        "một".to_string()
                    } else {
                        s.word_vi().to_string()
                    }
                })
                .unwrap_or_default()),
            Role::Measure => t(&e
                .value_unit
                .as_ref()
                .map(|u| u.to_string())
                .unwrap_or_default()),
            Role::OutOf => n(e.out_of.map(Decimal::from)),
            Role::BaselineOutOf => n(e.baseline_out_of.map(Decimal::from)),
            Role::Judgement => t(e.judgement.map(judgement_vi).unwrap_or("")),
            Role::NotApplicable => t(if e.not_applicable { "x" } else { "" }),
            Role::Reported => opt(e.reported.as_deref()),
            Role::Source => opt(e.source.as_deref()),
            Role::Note => opt(e.note.as_deref()),
            _ => t(""),
        })
        .collect()
}

/// Writes a result set: [`ResultLayout::Long`] (every field a column; reads back to the same
/// entries) or [`ResultLayout::Wide`] (the template's shape, one sheet per period; needs the
/// directive and a single provenance).
pub fn write_results(
    results: &ResultSet,
    directive: Option<&Directive>,
    layout: ResultLayout,
) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let mut st = Styles::new();
    match layout {
        ResultLayout::Long => {
            wb.push_worksheet(long_results_sheet(results, directive, &mut st)?);
        }
        ResultLayout::Wide => {
            let d = directive.ok_or_else(|| {
                sheet_error("the wide layout needs the directive (its targets are the rows)")
            })?;
            let provenances: BTreeSet<bool> = results
                .entries
                .iter()
                .map(|e| e.effective_provenance() == Provenance::Estimate)
                .collect();
            if provenances.len() > 1 {
                return Err(sheet_error("the wide layout holds one provenance per workbook; the result set mixes estimates and official figures (use the long layout)"));
            }
            let estimate = provenances.contains(&true);
            let periods: BTreeSet<Period> = results.entries.iter().map(|e| e.period).collect();
            let mut used = BTreeSet::new();
            for p in &periods {
                let mut units: Vec<String> = Vec::new();
                let mut map = HashMap::new();
                for e in results.entries.iter().filter(|e| e.period == *p) {
                    if !units.contains(&e.unit) {
                        units.push(e.unit.clone());
                    }
                    map.insert((e.unit.clone(), e.target.clone(), e.component.clone()), e);
                }
                let mut ws = Worksheet::new();
                ws.set_name(sheet_name(&format!("Kỳ {p}"), &mut used))
                    .map_err(xe)?;
                wide_sheet(&mut ws, &mut st, d, &units, *p, estimate, Some(&map))?;
                wb.push_worksheet(ws);
            }
            meta_sheet(
                &mut wb,
                d,
                (periods.len() == 1).then(|| {
                    *periods
                        .iter()
                        .next()
                        .unwrap_or(&Period::year(d.coverage.year))
                }),
                estimate,
            )?;
        }
    }
    wb.save_to_buffer().map_err(xe)
}

/// The long layout of a result set: one row per entry, the columns of `LONG_HEADS`.
fn long_results_sheet(
    results: &ResultSet,
    directive: Option<&Directive>,
    st: &mut Styles,
) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("Kết quả").map_err(xe)?;
    let last = (LONG_HEADS.len() - 1) as u16;
    let mut r = title_block(
        &mut ws,
        st,
        last,
        directive,
        "Kết quả thực hiện chỉ tiêu",
        results.description.as_deref(),
    )?;
    let header_row = r;
    header_cells(&mut ws, st, r, LONG_HEADS.iter().map(|h| h.label_vi()))?;
    r += 1;
    let date_format = st.center.clone().set_num_format("dd/mm/yyyy");
    let wrap_cols = [Role::Name, Role::Reported, Role::Note];
    let index = directive.map(Directive::target_index).unwrap_or_default();
    for e in &results.entries {
        let name = index
            .get(e.target.as_str())
            .map(|t| t.name.clone())
            .unwrap_or_default();
        for (c, (cell, role)) in long_cells(e, &name).into_iter().zip(LONG_HEADS).enumerate() {
            let c = c as u16;
            match cell {
                Out::Number(d) => put_decimal(&mut ws, st, r, c, d, None)?,
                Out::Date(d) => {
                    use chrono::Datelike;
                    // Excel's dates begin in 1900; an earlier one stays ISO text.
                    match u16::try_from(d.year())
                        .ok()
                        .filter(|y| (1900..=9999).contains(y))
                        .and_then(|y| {
                            rust_xlsxwriter::ExcelDateTime::from_ymd(
                                y,
                                d.month() as u8,
                                d.day() as u8,
                            )
                            .ok()
                        }) {
                        Some(x) => {
                            ws.write_datetime_with_format(r, c, &x, &date_format)
                                .map_err(xe)?;
                        }
                        None => put_text(&mut ws, r, c, &d.to_string(), &st.center)?,
                    }
                }
                Out::Text(t) => {
                    let f = if wrap_cols.contains(&role) {
                        &st.wrap
                    } else if matches!(role, Role::Unit) {
                        &st.text
                    } else {
                        &st.center
                    };
                    put_text(&mut ws, r, c, &t, f)?;
                }
            }
        }
        fit_row(
            &mut ws,
            r,
            &[
                (&name, 34.0),
                (e.reported.as_deref().unwrap_or(""), 24.0),
                (e.note.as_deref().unwrap_or(""), 30.0),
            ],
        )?;
        r += 1;
    }
    finish_table(&mut ws, &LONG_WIDTHS, header_row)?;
    Ok(ws)
}

/// A result set as CSV in the long layout: `;`-separated, decimal comma, UTF-8 with BOM
/// (what Excel opens directly under Vietnamese regional settings), the same columns as the
/// long workbook.
pub fn results_to_csv(results: &ResultSet) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let keep: Vec<bool> = LONG_HEADS.iter().map(|r| *r != Role::Name).collect();
    let heads: Vec<&str> = LONG_HEADS
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(r, _)| r.label_vi())
        .collect();
    let _ = w.write_record(&heads);
    for e in &results.entries {
        let rec: Vec<String> = long_cells(e, "")
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| match c {
                Out::Text(t) => t,
                Out::Number(d) => d.to_string().replace('.', ","),
                Out::Date(d) => d.format("%d/%m/%Y").to_string(),
            })
            .collect();
        let _ = w.write_record(&rec);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The Vietnamese text of a per-unit figure that is not a plain number: a range
/// ("7,5-8"), a comparator ("trên 63,7", "ít nhất 3", "không quá 2", "dưới 5"), a scale or
/// unit of its own ("160 tỷ đồng"); `None` for a plain number (written as a number cell).
/// The wording is the one [`super::read::TargetTable::to_unit_targets`] reads back.
fn unit_target_text(row: &crate::UnitTarget, value: Decimal) -> Option<String> {
    use crate::Comparator;
    let plain = row.value_high.is_none()
        && row.comparator.is_none()
        && row.scale.is_none()
        && row.value_unit.is_none();
    if plain {
        return None;
    }
    let mut t = String::new();
    if let Some(c) = row.comparator {
        t.push_str(match c {
            Comparator::AtLeast => "ít nhất ",
            Comparator::Above => "trên ",
            Comparator::AtMost => "không quá ",
            Comparator::Below => "dưới ",
        });
    }
    t.push_str(&format_vn(value));
    if let Some(h) = row.value_high {
        t.push('-');
        t.push_str(&format_vn(h));
    }
    let scale = row.scale.filter(|s| *s != Scale::One);
    let unit = row.value_unit.as_ref().map(|u| u.to_string());
    match (scale, unit) {
        (Some(s), Some(u)) => t.push_str(&format!(" {} {u}", s.word_vi())),
        (Some(s), None) => t.push_str(&format!(" {}", s.word_vi())),
        (None, Some(u)) => t.push_str(&format!(" {u}")),
        (None, None) => {}
    }
    Some(t)
}

/// Writes one per-unit figure into a cell: a plain value as a number (Vietnamese format),
/// anything else as the text the reader understands, "Không áp dụng" for a target that
/// does not apply to the unit.
fn put_unit_target(
    ws: &mut Worksheet,
    st: &mut Styles,
    r: u32,
    c: u16,
    row: &crate::UnitTarget,
) -> Result<()> {
    if row.not_applicable {
        return put_text(ws, r, c, "Không áp dụng", &st.center);
    }
    let Some(v) = row.value else {
        return Ok(());
    };
    match unit_target_text(row, v) {
        Some(t) => put_text(ws, r, c, &t, &st.center),
        None => put_decimal(ws, st, r, c, v, None),
    }
}

/// Writes a per-unit target table (giao chỉ tiêu, đăng ký thi đua) in the layout
/// [`super::read_unit_targets`] reads back without a mapping.
///
/// When every row is an assigned figure, the table has the targets as rows and one column
/// per unit (TT | Mã chỉ tiêu | Chỉ tiêu | Đơn vị tính | unit…), the table a People's
/// Committee's decision on giao chỉ tiêu prints. When the table holds pledges too (đăng ký
/// thi đua), it has one row per unit × target with a "Kế hoạch" (assigned) and an "Đăng ký"
/// (pledged) column — and so does a table with no rows, or with a unit whose name would read
/// as a column's role ("Đơn vị 1", "Kế hoạch và Đầu tư"). With a directive, the title block
/// names it and the target names and units of measure come from it.
///
/// A plain figure is a number cell (shown as 3.500,5; more than 15 significant digits are
/// written as text in Vietnamese notation, read back exactly); a range, a comparator or a
/// scale or unit of its own is written as the Vietnamese text the reader understands
/// ("7,5-8", "trên 63,7", "ít nhất 3", "không quá 2", "dưới 5", "160 tỷ đồng"); a target
/// that does not apply is "Không áp dụng".
///
/// Errors (typed, naming the row `targets[i]`): a row for a plan level other than
/// `assigned` or `pledged`, a row for one year of several, a row with a whole `spec` — no
/// sheet layout the reader reads carries them — and two rows for the same unit × target ×
/// level. `source` and `note` are not written (the reader sets `source` to the cell it read).
///
/// ```
/// use thidua_core::sheet::{read_unit_targets, write_target_table, ReadOptions};
/// use thidua_core::TargetTable;
/// let t = TargetTable::from_json(r#"[
///   {"unit": "Huyện A", "target": "1", "value": "8.5"},
///   {"unit": "Huyện B", "target": "1", "value": "7.5", "value_high": "8"},
///   {"unit": "Huyện B", "target": "2", "value": "63.7", "comparator": "above"},
///   {"unit": "Huyện A", "target": "2", "not_applicable": true}
/// ]"#)?;
/// let bytes = write_target_table(&t, None)?;
/// let back = read_unit_targets(&bytes, None, &ReadOptions::default())?.value;
/// assert_eq!(back.entries.len(), 4);
/// assert!(back.entries.iter().any(|e| e.unit == "Huyện A" && e.target == "2" && e.not_applicable));
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub fn write_target_table(
    table: &crate::TargetTable,
    directive: Option<&Directive>,
) -> Result<Vec<u8>> {
    let (units, targets, cells, pledges) = target_table_cells(table)?;
    // An empty table is written in the long layout: its columns say what it is, where a
    // wide table without unit columns would be no table at all.
    // So is a table with a unit whose name a reader would take for a column's role
    // ("Đơn vị 1", "Kế hoạch …") or for a pledge ("… đăng ký"), as a unit column header.
    let header_like = |u: &str| {
        super::header::role_of(u).is_some()
            || super::header::normalize_header(u).contains("dang ky")
    };
    let long = pledges || units.is_empty() || units.iter().any(|u| header_like(u));
    let index = directive.map(Directive::target_index).unwrap_or_default();
    let name_of = |id: &str| {
        index
            .get(id)
            .map(|t| (t.name.clone(), measure_text(&t.spec)))
            .unwrap_or_default()
    };
    let mut wb = Workbook::new();
    let mut st = Styles::new();
    let mut ws = Worksheet::new();
    ws.set_name(if pledges {
        "Đăng ký thi đua"
    } else {
        "Giao chỉ tiêu"
    })
    .map_err(xe)?;
    let mut heads: Vec<String> = [Role::Number, Role::TargetId, Role::Name, Role::Measure]
        .iter()
        .map(|r| r.label_vi().to_string())
        .collect();
    let mut col_widths = vec![6.0, 10.0, 40.0, 12.0];
    if long {
        heads.insert(0, Role::Unit.label_vi().to_string());
        col_widths.insert(0, 24.0);
        heads.push(Role::Plan.label_vi().to_string());
        heads.push(Role::Pledged.label_vi().to_string());
        col_widths.extend([16.0, 16.0]);
    } else {
        for u in &units {
            heads.push(u.to_string());
            col_widths.push((u.chars().count() as f64 * 1.1).clamp(12.0, 24.0));
        }
    }
    let last = (heads.len() - 1) as u16;
    let title = if pledges {
        "Chỉ tiêu giao và đăng ký thi đua của các đơn vị"
    } else {
        "Chỉ tiêu giao cho các đơn vị"
    };
    let mut r = title_block(
        &mut ws,
        &st,
        last,
        directive,
        title,
        table.description.as_deref(),
    )?;
    let header_row = r;
    header_cells(&mut ws, &st, r, &heads)?;
    ws.set_row_height(r, 30).map_err(xe)?;
    r += 1;
    // the fixed columns of a row: TT, Mã chỉ tiêu, Chỉ tiêu, Đơn vị tính, from `first`
    let fixed = |ws: &mut Worksheet, st: &Styles, r: u32, first: u16, n: usize, id: &str| {
        let (name, measure) = name_of(id);
        put_text(ws, r, first, &(n + 1).to_string(), &st.center)?;
        put_text(ws, r, first + 1, id, &st.center)?;
        put_text(ws, r, first + 2, &name, &st.wrap)?;
        put_text(ws, r, first + 3, &measure, &st.center)?;
        fit_row(ws, r, &[(&name, 40.0)])
    };
    if long {
        for u in &units {
            for (i, id) in targets.iter().enumerate() {
                let assigned = cells.get(&(*u, *id, false));
                let pledged = cells.get(&(*u, *id, true));
                if assigned.is_none() && pledged.is_none() {
                    continue;
                }
                put_text(&mut ws, r, 0, u, &st.text)?;
                fixed(&mut ws, &st, r, 1, i, id)?;
                for (c, row) in [(5, assigned), (6, pledged)] {
                    if let Some(row) = row {
                        put_unit_target(&mut ws, &mut st, r, c, row)?;
                    }
                }
                r += 1;
            }
        }
    } else {
        for (i, id) in targets.iter().enumerate() {
            fixed(&mut ws, &st, r, 0, i, id)?;
            for (j, u) in units.iter().enumerate() {
                if let Some(row) = cells.get(&(*u, *id, false)) {
                    put_unit_target(&mut ws, &mut st, r, 4 + j as u16, row)?;
                }
            }
            r += 1;
        }
    }
    finish_table(&mut ws, &col_widths, header_row)?;
    wb.push_worksheet(ws);
    wb.save_to_buffer().map_err(xe)
}

/// A target table's rows by (unit, target, pledged?).
type TargetCells<'a> = HashMap<(&'a str, &'a str, bool), &'a crate::UnitTarget>;

/// A target table's cells by (unit, target, pledged?), its units and targets in order of
/// first appearance, and whether it holds pledges; an error for a row no sheet can hold.
fn target_table_cells(
    table: &crate::TargetTable,
) -> Result<(Vec<&str>, Vec<&str>, TargetCells<'_>, bool)> {
    let mut units: Vec<&str> = Vec::new();
    let mut targets: Vec<&str> = Vec::new();
    let mut cells: TargetCells<'_> = HashMap::new();
    let mut pledges = false;
    for (i, row) in table.entries.iter().enumerate() {
        let at = |msg: String| {
            sheet_error(format!(
                "targets[{i}] (unit {:?}, target {:?}): {msg}",
                row.unit, row.target
            ))
        };
        let pledged = match row.level() {
            "assigned" => false,
            "pledged" => true,
            other => {
                return Err(at(format!(
                    "level {other:?}: a sheet holds assigned and pledged figures only"
                )))
            }
        };
        if row.year.is_some() {
            return Err(at(
                "a figure for one year: a sheet holds figures for every year only".into(),
            ));
        }
        if row.spec.is_some() {
            return Err(at(
                "a whole target of another kind (spec) has no sheet layout".into(),
            ));
        }
        pledges |= pledged;
        if !units.contains(&row.unit.as_str()) {
            units.push(&row.unit);
        }
        if !targets.contains(&row.target.as_str()) {
            targets.push(&row.target);
        }
        if cells
            .insert((&row.unit, &row.target, pledged), row)
            .is_some()
        {
            return Err(at(format!("a second row for level {:?}", row.level())));
        }
    }
    Ok((units, targets, cells, pledges))
}
