//! Reading tables: results and per-unit target tables from sheets.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::encoding::{self, Legacy};
use super::grid::{Cell, Grid, SourceFormat, Workbook};
use super::header::{self, normalize_header, period_in, says_estimate, Header, Role};
use super::matcher::{read_number, Match, Matcher, RowNumber};
pub use super::value::NumberStyle;
use super::value::{
    measure_in_name, read_judgement, read_measure, read_value, same_noun, Measure, Value,
};
use super::{column_index, column_letter, CellRef, Diagnostic, Read, Severity};
use crate::error::Result;
use crate::model::{Directive, Target, TargetSpec};
use crate::quantity::{Scale, Unit};
use crate::results::{
    ChangeFrom, ChangeUnit, Judgement, Period, Provenance, Qualifier, ResultEntry, ResultSet,
};

/// Whether text in legacy Vietnamese encodings is converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LegacyEncoding {
    /// Detect per sheet and convert (with a `legacy_encoding` warning).
    #[default]
    Auto,
    /// Never convert.
    Off,
    /// Every sheet is TCVN3 (ABC).
    Tcvn3,
    /// Every sheet is VNI-Windows.
    Vni,
}

/// The shape of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Layout {
    /// One row per unit × target (× component × period): a "Đơn vị" column and a value
    /// column — the shape of a result set's JSON rows.
    Long,
    /// One unit's report: targets as rows, with plan, result (estimate and/or official),
    /// baseline, % of plan, verdict and remarks as columns (TT | Chỉ tiêu | ĐVT | Kế hoạch |
    /// Ước thực hiện | % so KH | Đánh giá). The unit is the sheet's name, the `unit` option
    /// or the directive's locality.
    Report,
    /// Targets as rows and units as columns (TT | Chỉ tiêu | ĐVT | Kế hoạch | Huyện A | Huyện
    /// B | …): the data-entry template, and the table of targets assigned to each district.
    Wide,
}

/// A column named in [`ReadOptions::columns`]: a letter (`"E"`) or a header text (matched
/// after normalisation).
pub type ColumnChoice = String;

/// Options of the readers. All optional; the defaults detect everything.
///
/// ```
/// let o: thidua_core::sheet::ReadOptions = serde_json::from_str(
///     r#"{"sheet": "Kết quả", "columns": {"value": "E", "name": "Chỉ tiêu chủ yếu"}, "unit": "Huyện A", "period": "2024"}"#)?;
/// assert_eq!(o.columns.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadOptions {
    /// Read only this sheet (by name). Default: every visible sheet holding a table.
    pub sheet: Option<String>,
    /// Explicit column roles (role name → column letter or header text), overriding the
    /// header names: `{"value": "E", "name": "Chỉ tiêu chủ yếu"}`. Role names: see
    /// [`Role::as_str`].
    pub columns: BTreeMap<String, ColumnChoice>,
    /// The header row (1-based), when detection picks the wrong one.
    pub header_row: Option<u32>,
    /// The layout, when detection picks the wrong one.
    pub layout: Option<Layout>,
    /// The reporting unit of a one-unit report (default: the sheet's name unless generic,
    /// then the directive's locality).
    pub unit: Option<String>,
    /// The period (default: from a "Kỳ báo cáo" column, the headers, the title rows, or the
    /// directive's single year).
    pub period: Option<Period>,
    /// Provenance of every value (default: from the headers — "Ước thực hiện" is an
    /// estimate — else official).
    pub provenance: Option<Provenance>,
    /// Legacy encodings.
    pub legacy_encoding: LegacyEncoding,
    /// How text numbers are read.
    pub number_style: NumberStyle,
    /// CSV delimiter (`,`, `;` or tab); default detected.
    pub delimiter: Option<char>,
}

/// Which level of a per-unit target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TargetLevel {
    /// Assigned (giao chỉ tiêu).
    Assigned,
    /// Pledged (đăng ký / giao ước thi đua).
    Pledged,
}

/// One unit's figure for one target: the per-unit target table read from a sheet.
///
/// This is the sheet module's own representation, kept plain so it maps onto the core's
/// per-unit target type once that lands: `text` keeps the cell as written ("từ 10% trở
/// lên", "7,5-8,0"), `value` the number when the cell is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetTableEntry {
    /// The unit the figure is for.
    pub unit: String,
    /// The target id in the directive.
    pub target: String,
    /// Assigned or pledged.
    pub level: TargetLevel,
    /// The figure, when the cell is a number.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub value: Option<Decimal>,
    /// The scale of `value`, when the sheet states one.
    pub scale: Option<Scale>,
    /// The unit of `value`, when the sheet states one.
    pub value_unit: Option<Unit>,
    /// The cell as written.
    pub text: String,
    /// Where it was read (`Sheet1!E7`).
    pub cell: String,
}

/// A per-unit target table (giao chỉ tiêu, đăng ký thi đua) as read from a sheet: each
/// figure with the cell it came from. [`TargetTable::to_unit_targets`] (or
/// [`read_unit_targets`]) turns it into the core's [`crate::TargetTable`], which
/// [`crate::evaluate_with_targets`] takes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TargetTable {
    /// The entries, in sheet order.
    pub entries: Vec<TargetTableEntry>,
}

impl TargetTable {
    /// The core's per-unit target table ([`crate::TargetTable`]) of these entries.
    ///
    /// A numeric cell is the figure. A text cell is read by the core's phrase reader
    /// ([`crate::reported::read_result`]): "7,5-8,0" is a range (`value`, `value_high`), a
    /// qualifier sets the comparator when it names one ("trên 65" → `above`, "ít nhất 3" →
    /// `at_least`, "không quá 2" → `at_most`, "dưới 5" → `below`; "khoảng" keeps the
    /// directive's comparator, with an info diagnostic), and a unit or scale written in the
    /// cell ("160 tỷ đồng") is kept for the core to check against the directive. "Không áp
    /// dụng" / "-" marks the target as not applicable to the unit. A cell that gives no figure
    /// is an error diagnostic with its cell and is left out; nothing else is dropped.
    /// Each row's `source` is the cell it came from (`'Giao chỉ tiêu'!E7`), so that an
    /// explanation can point back to the workbook.
    ///
    /// ```
    /// use thidua_core::sheet::{read_target_table, ReadOptions};
    /// let csv = "TT;Chỉ tiêu;Huyện A;Huyện B\n1;Tốc độ tăng trưởng GRDP (%);8,5;7,5-8,0\n";
    /// let r = read_target_table(csv.as_bytes(), None, &ReadOptions::default())?;
    /// let t = r.value.to_unit_targets();
    /// let b = &t.value.entries[1];
    /// assert_eq!((b.unit.as_str(), b.value.ok_or("not found")?.to_string()), ("Huyện B", "7.5".to_string()));
    /// assert_eq!(b.value_high.ok_or("not found")?.to_string(), "8.0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_unit_targets(&self) -> Read<crate::TargetTable> {
        let mut diagnostics = Vec::new();
        let mut entries = Vec::new();
        for e in &self.entries {
            let cell = parse_cell_ref(&e.cell);
            let mut row = crate::UnitTarget {
                unit: e.unit.clone(),
                target: e.target.clone(),
                level: match e.level {
                    TargetLevel::Assigned => None,
                    TargetLevel::Pledged => Some("pledged".to_string()),
                },
                year: None,
                value: e.value,
                value_high: None,
                comparator: None,
                scale: e.scale,
                value_unit: e.value_unit.clone(),
                spec: None,
                not_applicable: false,
                source: (!e.cell.is_empty()).then(|| e.cell.clone()),
                note: None,
            };
            if row.value.is_none() {
                // the results reader's words: "không áp dụng", "KAD", "N/A"; a dash in a
                // unit's column is "not assigned to this unit"
                let dash = matches!(e.text.trim(), "-" | "--" | "—" | "–");
                if dash
                    || super::value::read_value(
                        &Cell::Text(e.text.clone()),
                        NumberStyle::Vietnamese,
                    ) == Value::NotApplicable
                {
                    row.not_applicable = true;
                    entries.push(row);
                    continue;
                }
                let read = crate::reported::read_result(&e.text);
                let Some(f) = read.reading.value else {
                    diagnostics.push(Diagnostic::new(
                        Severity::Error,
                        "target_unread",
                        format!(
                            "không đọc được chỉ tiêu giao {:?} (no figure in the target cell)",
                            e.text
                        ),
                        cell,
                    ));
                    continue;
                };
                row.value = Some(f.value);
                row.value_high = f.value_high;
                row.scale = row.scale.or(f.scale);
                row.value_unit = row.value_unit.take().or(f.unit);
                row.comparator = match f.qualifier {
                    // Words the figure reader left around the figure ("từ 9,5% trở lên",
                    // "8% trở xuống") are read by the directive parser, which owns target
                    // wording; a bare figure keeps the directive's comparator.
                    None => leftover_words(&e.text, f.start, f.end)
                        .then(|| comparator_of_phrase(&e.text))
                        .flatten(),
                    Some(Qualifier::AtLeast) => Some(crate::Comparator::AtLeast),
                    Some(Qualifier::Over) => Some(crate::Comparator::Above),
                    Some(Qualifier::AtMost) => Some(crate::Comparator::AtMost),
                    Some(Qualifier::Under) => Some(crate::Comparator::Below),
                    Some(q @ (Qualifier::About | Qualifier::Nearly)) => {
                        diagnostics.push(Diagnostic::new(
                            Severity::Info,
                            "target_qualifier",
                            format!(
                                "{:?}: \"{}\" không phải một phép so sánh; giữ phép so sánh của chỉ tiêu (\"{}\" is no comparator; the directive's is kept)",
                                e.text,
                                q.word_vi(),
                                q.word_en()
                            ),
                            cell.clone(),
                        ));
                        None
                    }
                };
                if !read.reading.other_values.is_empty() {
                    diagnostics.push(Diagnostic::new(
                        Severity::Warning,
                        "target_extra_figures",
                        format!(
                            "{:?}: chỉ lấy số đầu tiên (only the first figure is used)",
                            e.text
                        ),
                        cell,
                    ));
                }
            }
            entries.push(row);
        }
        Read {
            value: crate::TargetTable {
                description: None,
                entries,
            },
            diagnostics,
            tables: Vec::new(),
        }
    }
}

/// Whether `text` has words outside the figure at `start..end`.
fn leftover_words(text: &str, start: usize, end: usize) -> bool {
    let outside = format!(
        "{} {}",
        text.get(..start).unwrap_or(""),
        text.get(end..).unwrap_or("")
    );
    outside.chars().any(char::is_alphabetic)
}

/// The comparator the directive parser reads in a target's wording.
fn comparator_of_phrase(text: &str) -> Option<crate::Comparator> {
    let p = crate::parse::parse_directive(&format!("1. Chỉ tiêu đạt {}.", text.trim()));
    let spec = serde_json::to_value(&p.directive.targets().next()?.target.spec).ok()?;
    serde_json::from_value(spec.get("comparator")?.clone()).ok()
}

/// `'Sheet'!C7` or `Sheet1!C7` back into a [`CellRef`].
fn parse_cell_ref(s: &str) -> Option<CellRef> {
    let (sheet, a1) = s.rsplit_once('!')?;
    let sheet = sheet
        .strip_prefix('\'')
        .and_then(|x| x.strip_suffix('\''))
        .map(|x| x.replace("''", "'"))
        .unwrap_or_else(|| sheet.to_string());
    let letters: String = a1.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let row: u32 = a1[letters.len()..].parse().ok()?;
    Some(CellRef::new(
        sheet,
        row.checked_sub(1)?,
        column_index(&letters)?,
    ))
}

/// How one table was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TableInfo {
    /// The sheet.
    pub sheet: String,
    /// The layout used.
    pub layout: Layout,
    /// Header rows, 1-based, inclusive.
    pub header_rows: (u32, u32),
    /// Each column with a header: letter, header text, role (`None`: ignored, or a unit
    /// column in the wide layout).
    pub columns: Vec<(String, String, Option<Role>)>,
    /// Units read (unit columns of a wide table, the unit of a report).
    pub units: Vec<String>,
    /// The period used when it came from the headers, the title or the options.
    pub period: Option<Period>,
    /// Rows turned into entries.
    pub rows_read: usize,
    /// The legacy encoding converted, if any.
    pub legacy_encoding: Option<Legacy>,
}

/// Reads results from a workbook or CSV file's bytes. See [`Layout`] for the accepted
/// shapes; with a directive, rows are matched to its targets by number or name and values
/// are checked against the targets' units.
///
/// ```
/// use thidua_core::sheet::{read_results, ReadOptions};
/// let csv = "TT;Chỉ tiêu;ĐVT;Kế hoạch;Ước thực hiện năm 2024\n1;Tốc độ tăng trưởng GRDP;%;10;9,52\n";
/// let mut o = ReadOptions::default();
/// o.unit = Some("Tỉnh Kon Tum".into());
/// let r = read_results(csv.as_bytes(), None, &o)?;
/// let e = &r.value.entries[0];
/// assert_eq!((e.target.as_str(), e.value.ok_or("not found")?.to_string()), ("1", "9.52".to_string()));
/// assert_eq!(e.provenance, Some(thidua_core::Provenance::Estimate));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_results(
    bytes: &[u8],
    directive: Option<&Directive>,
    opts: &ReadOptions,
) -> Result<Read<ResultSet>> {
    let wb = load(bytes, opts)?;
    Ok(read_results_workbook(&wb, directive, opts))
}

/// Reads a per-unit target table straight into the core's [`crate::TargetTable`]:
/// [`read_target_table`] then [`TargetTable::to_unit_targets`], with the diagnostics of both.
pub fn read_unit_targets(
    bytes: &[u8],
    directive: Option<&Directive>,
    opts: &ReadOptions,
) -> Result<Read<crate::TargetTable>> {
    let sheet = read_target_table(bytes, directive, opts)?;
    let mut out = sheet.value.to_unit_targets();
    let mut diagnostics = sheet.diagnostics;
    diagnostics.append(&mut out.diagnostics);
    out.diagnostics = diagnostics;
    out.tables = sheet.tables;
    Ok(out)
}

/// Reads a per-unit target table (assigned or pledged figures) from bytes.
pub fn read_target_table(
    bytes: &[u8],
    directive: Option<&Directive>,
    opts: &ReadOptions,
) -> Result<Read<TargetTable>> {
    let wb = load(bytes, opts)?;
    Ok(read_target_table_workbook(&wb, directive, opts))
}

fn load(bytes: &[u8], opts: &ReadOptions) -> Result<Workbook> {
    match opts.delimiter {
        Some(d) if d.is_ascii() => Workbook::from_csv(bytes, Some(d as u8)),
        _ => Workbook::from_bytes(bytes),
    }
}

/// Reads results from a loaded workbook.
pub fn read_results_workbook(
    wb: &Workbook,
    directive: Option<&Directive>,
    opts: &ReadOptions,
) -> Read<ResultSet> {
    let (rows, diagnostics, tables) = read_rows(wb, directive, opts, Purpose::Results);
    let mut entries: Vec<ResultEntry> = Vec::new();
    let mut diagnostics = diagnostics;
    type Key = (
        String,
        String,
        Option<String>,
        Period,
        Provenance,
        Option<chrono::NaiveDate>,
    );
    let mut seen: HashMap<Key, CellRef> = HashMap::new();
    for r in rows {
        let Some(period) = r.period else { continue };
        // Several figures for one unit × target × period are kept when they differ in
        // provenance or date (the December estimate and the official figure): the
        // evaluation's `supersede` rule decides which is used, the others are revisions.
        let key = (
            r.unit.clone(),
            r.target.clone(),
            r.component.clone(),
            period,
            r.provenance,
            r.date,
        );
        if let Some(first) = seen.get(&key) {
            diagnostics.push(Diagnostic::new(
                Severity::Error,
                "duplicate_row",
                format!(
                    "đơn vị {:?}, chỉ tiêu {:?}{} kỳ {period} ({}) đã có ở ô {first} (duplicate row)",
                    r.unit,
                    r.target,
                    r.component
                        .as_ref()
                        .map(|c| format!(", thành phần {c:?},"))
                        .unwrap_or_default(),
                    r.provenance.label_vi()
                ),
                Some(r.cell.clone()),
            ));
            continue;
        }
        seen.insert(key, r.cell.clone());
        // Built from the constructor so that fields added to result rows keep their defaults.
        let mut e = ResultEntry::new(r.unit, r.target, period);
        e.component = r.component;
        e.value = r.value;
        e.value_high = r.value_high;
        e.qualifier = r.qualifier;
        e.baseline = r.baseline;
        e.share_of_plan = r.share_of_plan;
        e.plan_level = r.plan_level;
        e.change = r.change;
        e.change_unit = r.change_unit;
        e.change_from = r.change_from;
        e.scale = r.scale;
        e.value_unit = r.value_unit;
        e.out_of = r.out_of;
        e.baseline_out_of = r.baseline_out_of;
        e.judgement = r.judgement;
        e.not_applicable = r.not_applicable;
        // The model's "not stated" is official: a sheet's official figure is left unstated,
        // so that only estimates and preliminary figures are marked.
        e.provenance = (r.provenance != Provenance::Official).then_some(r.provenance);
        e.date = r.date;
        e.reported = r.reported;
        e.source = r.source;
        e.note = r.note;
        entries.push(e);
    }
    Read {
        value: ResultSet {
            directive: directive.and_then(|d| d.number.clone()),
            description: None,
            entries,
        },
        diagnostics,
        tables,
    }
}

/// Reads a per-unit target table from a loaded workbook: the plan ("Kế hoạch", "Chỉ tiêu
/// giao") and pledged ("Đăng ký") columns of a report or long table, or the unit columns of a
/// wide table.
pub fn read_target_table_workbook(
    wb: &Workbook,
    directive: Option<&Directive>,
    opts: &ReadOptions,
) -> Read<TargetTable> {
    let (rows, diagnostics, tables) = read_rows(wb, directive, opts, Purpose::Targets);
    let mut entries = Vec::new();
    for r in rows {
        for (level, v) in [
            (TargetLevel::Assigned, r.plan),
            (TargetLevel::Pledged, r.pledged),
        ] {
            if let Some((text, value, cell)) = v {
                entries.push(TargetTableEntry {
                    unit: r.unit.clone(),
                    target: r.target.clone(),
                    level,
                    value,
                    scale: r.scale,
                    value_unit: r.value_unit.clone(),
                    text,
                    cell: cell.to_string(),
                });
            }
        }
    }
    Read {
        value: TargetTable { entries },
        diagnostics,
        tables,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Results,
    Targets,
}

/// One row read, before it becomes a result entry or target-table entry.
#[derive(Debug, Clone, Default)]
struct RawRow {
    unit: String,
    target: String,
    component: Option<String>,
    period: Option<Period>,
    value: Option<Decimal>,
    baseline: Option<Decimal>,
    scale: Option<Scale>,
    value_unit: Option<Unit>,
    out_of: Option<u32>,
    baseline_out_of: Option<u32>,
    judgement: Option<Judgement>,
    not_applicable: bool,
    provenance: Provenance,
    /// The provenance a phrase stated ("ước đạt 6,5%"), used when no column or option says.
    phrase_provenance: Option<Provenance>,
    value_high: Option<Decimal>,
    qualifier: Option<Qualifier>,
    share_of_plan: Option<Decimal>,
    plan_level: Option<String>,
    change: Option<Decimal>,
    change_unit: Option<ChangeUnit>,
    change_from: Option<ChangeFrom>,
    date: Option<chrono::NaiveDate>,
    reported: Option<String>,
    source: Option<String>,
    note: Option<String>,
    plan: Option<(String, Option<Decimal>, CellRef)>,
    pledged: Option<(String, Option<Decimal>, CellRef)>,
    cell: CellRef,
}

impl Default for CellRef {
    fn default() -> Self {
        CellRef::new("", 0, 0)
    }
}

const GENERIC_SHEET_NAMES: &[&str] = &[
    "sheet",
    "trang tinh",
    "csv",
    "data",
    "du lieu",
    "ket qua",
    "bang",
    "bieu",
    "results",
    "nhap lieu",
    "bao cao",
    "tong hop",
    "chi tieu",
];

fn is_generic_sheet_name(name: &str) -> bool {
    let n = normalize_header(name);
    let stem: String = n
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
        .to_string();
    GENERIC_SHEET_NAMES.contains(&stem.as_str()) || stem.is_empty()
}

fn convert_legacy(
    grid: &Grid,
    opts: &ReadOptions,
) -> (Grid, Option<(Legacy, CellRef, String, usize)>) {
    let enc = match opts.legacy_encoding {
        LegacyEncoding::Off => None,
        LegacyEncoding::Tcvn3 => Some(Legacy::Tcvn3),
        LegacyEncoding::Vni => Some(Legacy::Vni),
        LegacyEncoding::Auto => encoding::detect(grid.rows.iter().flat_map(|r| {
            r.iter().filter_map(|c| match c {
                Cell::Text(t) => Some(t.as_str()),
                _ => None,
            })
        })),
    };
    let Some(enc) = enc else {
        return (grid.clone(), None);
    };
    let mut g = grid.clone();
    let mut first: Option<(CellRef, String)> = None;
    let mut count = 0;
    for (r, row) in g.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            if let Cell::Text(t) = cell {
                if encoding::is_candidate(t) {
                    let u = encoding::to_unicode(t, enc);
                    if first.is_none() {
                        first = Some((
                            CellRef::new(&grid.name, r as u32, c as u32),
                            format!("{t} → {u}"),
                        ));
                    }
                    count += 1;
                    *t = u;
                }
            }
        }
    }
    match first {
        Some((cell, example)) => (g, Some((enc, cell, example, count))),
        None => (g, None),
    }
}

struct Columns {
    by_role: BTreeMap<Role, u32>,
    /// Result columns beyond the first: (col, estimate?, period)
    results: Vec<(u32, bool, Option<Period>)>,
    /// Wide layout: (col, unit name).
    units: Vec<(u32, String)>,
}

fn csv_style(grid: &Grid) -> (NumberStyle, Option<(CellRef, CellRef)>) {
    let mut plain: Option<CellRef> = None;
    let mut vn: Option<CellRef> = None;
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Cell::Text(t) = cell {
                let at = || CellRef::new(&grid.name, r as u32, c as u32);
                let t = t.trim().trim_end_matches('%').trim();
                if vn.is_none()
                    && t.contains(',')
                    && t.bytes().all(|b| b.is_ascii_digit() || b"-.,".contains(&b))
                {
                    vn = Some(at());
                }
                if let Some((a, b)) = t.split_once('.') {
                    let a = a.trim_start_matches('-');
                    if !a.is_empty()
                        && a.bytes().all(|x| x.is_ascii_digit())
                        && !b.is_empty()
                        && b.bytes().all(|x| x.is_ascii_digit())
                        && b.len() != 3
                        && plain.is_none()
                    {
                        plain = Some(at());
                    }
                }
            }
        }
    }
    match (vn, plain) {
        (Some(v), Some(p)) => (NumberStyle::Mixed, Some((v, p))),
        (None, Some(_)) => (NumberStyle::Plain, None),
        _ => (NumberStyle::Vietnamese, None),
    }
}

#[allow(clippy::type_complexity)]
fn read_rows(
    wb: &Workbook,
    directive: Option<&Directive>,
    opts: &ReadOptions,
    purpose: Purpose,
) -> (Vec<RawRow>, Vec<Diagnostic>, Vec<TableInfo>) {
    let mut diags = wb.diagnostics.clone();
    let mut rows = Vec::new();
    let mut tables = Vec::new();
    let matcher = directive.map(Matcher::new);
    let meta = read_meta(wb);
    if let Some(name) = &opts.sheet {
        if !wb.sheets.iter().any(|s| &s.name == name) {
            diags.push(Diagnostic::new(
                Severity::Error,
                "sheet_not_found",
                format!(
                    "không có trang tính {name:?} (sheet not found); có: {}",
                    wb.sheets
                        .iter()
                        .map(|s| format!("{:?}", s.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None,
            ));
            return (rows, diags, tables);
        }
    }
    let mut any_table = false;
    for grid in &wb.sheets {
        if let Some(name) = &opts.sheet {
            if &grid.name != name {
                continue;
            }
        } else if grid.hidden || grid.name == META_SHEET {
            continue;
        }
        let (grid, legacy) = convert_legacy(grid, opts);
        if let Some((enc, cell, example, count)) = &legacy {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "legacy_encoding",
                format!(
                    "văn bản mã {} đã chuyển sang Unicode ({count} ô, ví dụ «{example}») (legacy encoding converted)",
                    enc.name()
                ),
                Some(cell.clone()),
            ));
        }
        let style = match opts.number_style {
            NumberStyle::Auto if wb.format == SourceFormat::Csv => {
                let (style, mixed) = csv_style(&grid);
                if let Some((v, p)) = mixed {
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        "mixed_number_notation",
                        format!(
                            "tệp có cả số kiểu Việt Nam (ô {v}) lẫn số dấu chấm thập phân (ô {p}): \"1.250\" đọc là 1250, \"57.1\" là 57,1 — kiểm tra lại (mixed number notation)"
                        ),
                        Some(p),
                    ));
                }
                style
            }
            NumberStyle::Auto => NumberStyle::Vietnamese,
            s => s,
        };
        let forced = opts.header_row.map(|r| r.saturating_sub(1));
        let Some(header) = header::detect(&grid, forced) else {
            if opts.sheet.is_some() || wb.sheets.len() == 1 {
                diags.push(Diagnostic::new(
                    Severity::Error,
                    "header_not_found",
                    "không tìm thấy hàng tiêu đề (TT, Chỉ tiêu, Kế hoạch, Thực hiện…) trong 40 hàng đầu (header row not found)",
                    Some(CellRef::new(&grid.name, 0, 0)),
                ));
            } else {
                diags.push(Diagnostic::new(
                    Severity::Info,
                    "sheet_skipped",
                    "trang tính không có bảng số liệu, bỏ qua (no table, skipped)",
                    Some(CellRef::new(&grid.name, 0, 0)),
                ));
            }
            continue;
        };
        any_table = true;
        let n_before = rows.len();
        let info = read_table(
            &grid,
            &header,
            directive,
            matcher.as_ref(),
            opts,
            style,
            purpose,
            &meta,
            &mut rows,
            &mut diags,
        );
        if let Some(mut info) = info {
            info.rows_read = rows.len() - n_before;
            info.legacy_encoding = legacy.map(|l| l.0);
            tables.push(info);
        }
    }
    if !any_table && opts.sheet.is_none() && wb.sheets.len() > 1 {
        diags.push(Diagnostic::new(
            Severity::Error,
            "header_not_found",
            "không trang tính nào có bảng số liệu (no sheet holds a table)",
            None,
        ));
    }
    (rows, diags, tables)
}

/// The hidden sheet the template writer adds: key / value rows (period, directive).
pub(crate) const META_SHEET: &str = "_thidua";

fn read_meta(wb: &Workbook) -> HashMap<String, String> {
    let mut m = HashMap::new();
    if let Some(g) = wb.sheets.iter().find(|s| s.name == META_SHEET) {
        for r in &g.rows {
            if let (Some(k), Some(v)) = (r.first(), r.get(1)) {
                m.insert(k.text(), v.text());
            }
        }
    }
    m
}

fn apply_overrides(
    grid: &Grid,
    header: &Header,
    opts: &ReadOptions,
    roles: &mut BTreeMap<u32, Option<Role>>,
    diags: &mut Vec<Diagnostic>,
) {
    for (role_name, choice) in &opts.columns {
        let Some(role) = Role::from_name(role_name) else {
            diags.push(Diagnostic::new(
                Severity::Error,
                "unknown_role",
                format!("vai trò cột {role_name:?} không có (unknown column role)"),
                None,
            ));
            continue;
        };
        let col = column_index(choice).or_else(|| {
            let want = normalize_header(choice);
            header
                .columns
                .iter()
                .find(|c| normalize_header(&c.text) == want)
                .map(|c| c.col)
        });
        match col {
            Some(c) => {
                for v in roles.values_mut() {
                    if *v == Some(role) {
                        *v = None;
                    }
                }
                roles.insert(c, Some(role));
            }
            None => diags.push(Diagnostic::new(
                Severity::Error,
                "column_not_found",
                format!("không có cột {choice:?} cho vai trò {role_name:?} (column not found)"),
                Some(CellRef::new(&grid.name, header.first_row, 0)),
            )),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn read_table(
    grid: &Grid,
    header: &Header,
    directive: Option<&Directive>,
    matcher: Option<&Matcher<'_>>,
    opts: &ReadOptions,
    style: NumberStyle,
    purpose: Purpose,
    meta: &HashMap<String, String>,
    out: &mut Vec<RawRow>,
    diags: &mut Vec<Diagnostic>,
) -> Option<TableInfo> {
    let roles = table_roles(grid, header, opts, diags);
    let (cols, layout, name_col) = table_columns(header, &roles, opts, purpose);
    // What was decided, first: it explains the errors below too.
    diags.push(table_diagnostic(grid, header, &roles, layout));
    if !has_value_columns(grid, header, &cols, layout, purpose, diags) {
        return None;
    }
    let period = table_period(grid, header, &roles, &cols, directive, opts, meta);
    let at_header = CellRef::new(&grid.name, header.first_row, 0);
    if period.is_none() && !cols.by_role.contains_key(&Role::Period) && purpose == Purpose::Results
    {
        diags.push(Diagnostic::new(
            Severity::Error,
            "no_period",
            "không xác định được kỳ báo cáo: thêm cột \"Kỳ báo cáo\", ghi năm trong tiêu đề, hoặc chọn kỳ (no period)",
            Some(at_header),
        ));
        return None;
    }
    // The unit of a report.
    let report_unit = if layout == Layout::Report {
        let unit = report_unit(grid, directive, opts, meta);
        if unit.is_none() {
            diags.push(Diagnostic::new(
                Severity::Error,
                "no_unit",
                "bảng của một đơn vị nhưng không biết đơn vị nào: đặt tên trang tính theo đơn vị hoặc chọn đơn vị (no reporting unit)",
                Some(at_header),
            ));
            return None;
        }
        unit
    } else {
        None
    };
    let table = Table {
        grid,
        width: grid.width(),
        header,
        roles,
        cols,
        layout,
        name_col,
        period,
        report_unit,
        matcher,
        opts,
        style,
        purpose,
        meta,
    };
    let mut previous: Option<String> = None;
    let start = header.numbering_row.unwrap_or(header.last_row) + 1;
    for r in start..grid.height() {
        table.read_row(r, &mut previous, out, diags);
    }
    Some(table.info())
}

/// The role of each header column: the detected ones, the caller's overrides, and — with
/// several result columns of different years — the latest as the result, earlier ones as
/// baselines.
fn table_roles(
    grid: &Grid,
    header: &Header,
    opts: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<u32, Option<Role>> {
    let mut roles: BTreeMap<u32, Option<Role>> =
        header.columns.iter().map(|c| (c.col, c.role)).collect();
    apply_overrides(grid, header, opts, &mut roles, diags);
    // Result columns: with years, the latest is the result and earlier ones baselines.
    let result_cols: Vec<u32> = roles
        .iter()
        .filter(|(_, r)| **r == Some(Role::Result))
        .map(|(c, _)| *c)
        .collect();
    if result_cols.len() > 1 {
        let years: Vec<Option<i32>> = result_cols
            .iter()
            .map(|&c| period_in(&header_text(header, c)).map(|p| p.year))
            .collect();
        if let Some(max) = years.iter().flatten().max().copied() {
            let has_baseline = roles.values().any(|r| *r == Some(Role::Baseline));
            for (i, &c) in result_cols.iter().enumerate() {
                if matches!(years[i], Some(y) if y < max) && !has_baseline {
                    roles.insert(c, Some(Role::Baseline));
                }
            }
        }
    }
    roles
}

/// The text of a header column ("" when the column has no header).
fn header_text(header: &Header, col: u32) -> String {
    header
        .columns
        .iter()
        .find(|c| c.col == col)
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

/// The columns by role, the table's layout and its name column.
fn table_columns(
    header: &Header,
    roles: &BTreeMap<u32, Option<Role>>,
    opts: &ReadOptions,
    purpose: Purpose,
) -> (Columns, Layout, Option<u32>) {
    let mut by_role: BTreeMap<Role, u32> = BTreeMap::new();
    let mut results: Vec<(u32, bool, Option<Period>)> = Vec::new();
    for (&c, r) in roles {
        if let Some(r) = r {
            if *r == Role::Result {
                let t = header_text(header, c);
                results.push((c, says_estimate(&t), period_in(&t)));
            } else {
                by_role.entry(*r).or_insert(c);
            }
        }
    }
    // The name column must exist for report and wide layouts; long tables need a unit and
    // a target id or number.
    let name_col = by_role.get(&Role::Name).copied();
    let first_data_col = name_col
        .or(by_role.get(&Role::Number).copied())
        .or(by_role.get(&Role::TargetId).copied())
        .unwrap_or(0);
    let mut units: Vec<(u32, String)> = Vec::new();
    for c in &header.columns {
        if roles.get(&c.col).copied().flatten().is_none() && c.col > first_data_col {
            units.push((c.col, c.text.clone()));
        }
    }
    let layout = opts.layout.unwrap_or_else(|| {
        if by_role.contains_key(&Role::Unit) {
            Layout::Long
        } else if !results.is_empty()
            || (purpose == Purpose::Targets
                && (by_role.contains_key(&Role::Plan) || by_role.contains_key(&Role::Pledged))
                && units.is_empty())
        {
            Layout::Report
        } else {
            Layout::Wide
        }
    });
    let cols = Columns {
        by_role,
        results,
        units: if layout == Layout::Wide {
            units
        } else {
            Vec::new()
        },
    };
    (cols, layout, name_col)
}

/// The `table` info diagnostic: the layout, the header rows and each column's role.
fn table_diagnostic(
    grid: &Grid,
    header: &Header,
    roles: &BTreeMap<u32, Option<Role>>,
    layout: Layout,
) -> Diagnostic {
    Diagnostic::new(
        Severity::Info,
        "table",
        format!(
            "bảng {} , tiêu đề hàng {}–{}; cột: {}",
            match layout {
                Layout::Long => "dạng danh sách (long)",
                Layout::Report => "báo cáo một đơn vị (report)",
                Layout::Wide => "chỉ tiêu × đơn vị (wide)",
            },
            header.first_row + 1,
            header.last_row + 1,
            header
                .columns
                .iter()
                .map(|c| format!(
                    "{} «{}» → {}",
                    column_letter(c.col),
                    c.text,
                    roles
                        .get(&c.col)
                        .copied()
                        .flatten()
                        .map(|r| r.as_str())
                        .unwrap_or(if layout == Layout::Wide {
                            "đơn vị"
                        } else {
                            "—"
                        })
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Some(CellRef::new(&grid.name, header.first_row, 0)),
    )
}

/// Whether the table has a column to read values from (else a `no_value_column` error).
fn has_value_columns(
    grid: &Grid,
    header: &Header,
    cols: &Columns,
    layout: Layout,
    purpose: Purpose,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let at_header = || Some(CellRef::new(&grid.name, header.first_row, 0));
    if layout == Layout::Wide && cols.units.is_empty() {
        diags.push(Diagnostic::new(
            Severity::Error,
            "no_value_column",
            "không có cột kết quả (Thực hiện, Kết quả) hay cột đơn vị (no result or unit column)",
            at_header(),
        ));
        return false;
    }
    if layout == Layout::Long && cols.results.is_empty() && purpose == Purpose::Results {
        let has_other = [Role::Judgement, Role::NotApplicable, Role::Baseline]
            .iter()
            .any(|r| cols.by_role.contains_key(r));
        if !has_other {
            diags.push(Diagnostic::new(
                Severity::Error,
                "no_value_column",
                "không có cột kết quả (Kết quả, Thực hiện, value) (no result column)",
                at_header(),
            ));
            return false;
        }
    }
    true
}

/// The period of the whole table, when not per row: the caller's, a result or plan column's
/// header, the title rows', the workbook's metadata, the directive's year.
fn table_period(
    grid: &Grid,
    header: &Header,
    roles: &BTreeMap<u32, Option<Role>>,
    cols: &Columns,
    directive: Option<&Directive>,
    opts: &ReadOptions,
    meta: &HashMap<String, String>,
) -> Option<Period> {
    // The title rows: the period closest to the table, a half-year, quarter or months
    // before a bare year.
    let width = grid.width();
    let title_periods: Vec<Period> = (0..header.first_row)
        .flat_map(|r| (0..width).map(move |c| (r, c)))
        .filter_map(|(r, c)| match grid.get(r, c) {
            Cell::Text(t) => period_in(t),
            _ => None,
        })
        .collect();
    let title_period = title_periods
        .iter()
        .rev()
        .find(|p| p.span != crate::results::Span::Year)
        .or(title_periods.last())
        .copied();
    let header_period = cols.results.iter().find_map(|r| r.2).or_else(|| {
        header
            .columns
            .iter()
            .filter(|c| roles.get(&c.col).copied().flatten() == Some(Role::Plan))
            .find_map(|c| period_in(&c.text))
    });
    let meta_period = meta.get("period").and_then(|p| p.parse::<Period>().ok());
    let directive_period = directive
        .filter(|d| d.coverage.until_year.is_none())
        .map(|d| Period::year(d.coverage.year));
    opts.period
        .or(header_period)
        .or(title_period)
        .or(meta_period)
        .or(directive_period)
}

/// The unit a one-unit report is of: the caller's, the workbook's metadata, the sheet's
/// name, the directive's locality.
fn report_unit(
    grid: &Grid,
    directive: Option<&Directive>,
    opts: &ReadOptions,
    meta: &HashMap<String, String>,
) -> Option<String> {
    let sheet = grid.name.as_str();
    opts.unit
        .clone()
        .or_else(|| meta.get("unit").cloned())
        .or_else(|| (!is_generic_sheet_name(sheet)).then(|| sheet.to_string()))
        .or_else(|| directive.and_then(|d| d.issuer.locality.clone()))
}

/// A table as `read_table` decided it: the context each data row is read in.
struct Table<'a, 'm> {
    grid: &'a Grid,
    /// `grid.width()`, once: it scans every row, so per row it would be quadratic.
    width: u32,
    header: &'a Header,
    roles: BTreeMap<u32, Option<Role>>,
    cols: Columns,
    layout: Layout,
    name_col: Option<u32>,
    period: Option<Period>,
    report_unit: Option<String>,
    matcher: Option<&'a Matcher<'m>>,
    opts: &'a ReadOptions,
    style: NumberStyle,
    purpose: Purpose,
    meta: &'a HashMap<String, String>,
}

/// The cells of a data row that say which target it is.
struct RowKey {
    number_text: Option<String>,
    id: Option<String>,
    name: Option<String>,
    number: RowNumber,
    cell: CellRef,
}

/// The result cells chosen in a row: (value, cell, from an estimate column?).
type Pick = (Value, CellRef, bool);

impl<'m> Table<'_, 'm> {
    fn at(&self, r: u32, c: u32) -> CellRef {
        CellRef::new(&self.grid.name, r, c)
    }

    fn col(&self, role: Role) -> Option<u32> {
        self.cols.by_role.get(&role).copied()
    }

    fn text_of(&self, col: u32) -> String {
        header_text(self.header, col)
    }

    fn text_at(&self, r: u32, c: Option<u32>) -> Option<String> {
        c.map(|c| self.grid.get(r, c).text())
            .filter(|t| !t.is_empty())
    }

    fn info(&self) -> TableInfo {
        let header = self.header;
        TableInfo {
            sheet: self.grid.name.clone(),
            layout: self.layout,
            header_rows: (header.first_row + 1, header.last_row + 1),
            columns: header
                .columns
                .iter()
                .map(|c| {
                    (
                        column_letter(c.col),
                        c.text.clone(),
                        self.roles.get(&c.col).copied().flatten(),
                    )
                })
                .collect(),
            units: match self.layout {
                Layout::Wide => self.cols.units.iter().map(|u| u.1.clone()).collect(),
                Layout::Report => self.report_unit.iter().cloned().collect(),
                Layout::Long => Vec::new(),
            },
            period: self.period,
            rows_read: 0,
            legacy_encoding: None,
        }
    }

    /// Reads data row `r` into `out`; `previous` is the target of the last row read.
    fn read_row(
        &self,
        r: u32,
        previous: &mut Option<String>,
        out: &mut Vec<RawRow>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let grid = self.grid;
        if (0..self.width).all(|c| grid.get(r, c).is_blank()) {
            return;
        }
        let number_text = self.text_at(r, self.col(Role::Number));
        let key = RowKey {
            number: number_text
                .as_deref()
                .map(read_number)
                .unwrap_or(RowNumber::None),
            number_text,
            id: self.text_at(r, self.col(Role::TargetId)),
            name: self.text_at(r, self.col(Role::Name)),
            cell: self.at(
                r,
                self.name_col
                    .or(self.col(Role::TargetId))
                    .or(self.col(Role::Number))
                    .unwrap_or(0),
            ),
        };
        let Some(target_id) = self.row_target(r, &key, previous.as_deref(), out, diags) else {
            return;
        };
        *previous = Some(target_id.clone());
        let target = self.matcher.and_then(|m| m.target(&target_id));
        // unit of measure
        let measure_cell = self.col(Role::Measure).map(|c| (c, grid.get(r, c).text()));
        // In the long layout the "Đơn vị tính" column is the row's own value unit (read
        // below), not a statement about the target.
        let measure = match &measure_cell {
            _ if self.layout == Layout::Long => None,
            Some((_, t)) if !t.is_empty() => read_measure(t),
            _ => key.name.as_deref().and_then(measure_in_name),
        };
        let (scale, value_unit) = check_measure(
            measure.as_ref(),
            target,
            &self.at(
                r,
                measure_cell.as_ref().map(|m| m.0).unwrap_or(key.cell.col),
            ),
            diags,
        );
        let base = RawRow {
            target: target_id,
            component: self.text_at(r, self.col(Role::Component)),
            scale,
            value_unit,
            cell: key.cell.clone(),
            ..RawRow::default()
        };
        match self.layout {
            Layout::Wide => self.read_wide_row(r, &base, target, out, diags),
            Layout::Report | Layout::Long => {
                self.read_record_row(r, base, target, measure.is_some(), out, diags)
            }
        }
    }

    /// Which target row `r` is of (None: not a target row; a diagnostic says why, or a
    /// component row was emitted for the previous composite target).
    fn row_target(
        &self,
        r: u32,
        key: &RowKey,
        previous: Option<&str>,
        out: &mut Vec<RawRow>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let (grid, cols) = (self.grid, &self.cols);
        let row_cell = &key.cell;
        match (self.matcher, &key.id) {
            (Some(m), Some(id)) => {
                if m.has(id) {
                    Some(id.clone())
                } else {
                    diags.push(Diagnostic::new(
                        Severity::Error,
                        "unknown_target",
                        format!("mã chỉ tiêu {id:?} không có trong văn bản (unknown target)"),
                        Some(self.at(r, self.col(Role::TargetId).unwrap_or(0))),
                    ));
                    None
                }
            }
            (None, Some(id)) => Some(id.clone()),
            (Some(m), None) => match m.match_row(&key.number, key.name.as_deref(), previous) {
                Match::Target { id, .. } => Some(id),
                Match::Ambiguous(ids) => {
                    if row_has_values(grid, r, cols) {
                        diags.push(Diagnostic::new(
                            Severity::Error,
                            "ambiguous_target",
                            format!(
                                "«{}» khớp với nhiều chỉ tiêu: {} — ghi số thứ tự hoặc mã chỉ tiêu (ambiguous name)",
                                key.name.clone().unwrap_or_default(),
                                ids.join(", ")
                            ),
                            Some(row_cell.clone()),
                        ));
                    }
                    None
                }
                Match::None => {
                    // a component row of the previous composite target?
                    if let (Some(prev), Some(name)) = (previous, &key.name) {
                        if let Some(comp) = component_of(self.matcher, prev, name) {
                            emit_component(
                                grid,
                                r,
                                prev,
                                &comp,
                                cols,
                                &self.report_unit,
                                self.period,
                                self.style,
                                self.opts,
                                self.matcher,
                                out,
                                diags,
                            );
                            return None;
                        }
                    }
                    if row_has_values(grid, r, cols) {
                        diags.push(Diagnostic::new(
                            Severity::Error,
                            "no_target_match",
                            format!(
                                "không khớp được hàng «{}{}» với chỉ tiêu nào của văn bản (no matching target)",
                                key.number_text.as_ref().map(|n| format!("{n} ")).unwrap_or_default(),
                                key.name.clone().unwrap_or_default()
                            ),
                            Some(row_cell.clone()),
                        ));
                    } else if matches!(key.number, RowNumber::Section) || key.name.is_some() {
                        diags.push(Diagnostic::new(
                            Severity::Info,
                            "heading_row",
                            "hàng tiêu mục không có số liệu, bỏ qua (heading row)",
                            Some(row_cell.clone()),
                        ));
                    }
                    None
                }
            },
            (None, None) => match &key.number {
                RowNumber::Item(n) => Some(n.to_string()),
                RowNumber::Id(id) => Some(id.clone()),
                _ => {
                    if row_has_values(grid, r, cols) {
                        diags.push(Diagnostic::new(
                            Severity::Error,
                            "no_target_id",
                            "hàng có số liệu nhưng không có số thứ tự hay mã chỉ tiêu (no target id; give the directive to match by name)",
                            Some(row_cell.clone()),
                        ));
                    }
                    None
                }
            },
        }
    }

    /// A row of a wide table: one value per unit column.
    fn read_wide_row(
        &self,
        r: u32,
        base: &RawRow,
        target: Option<&'m Target>,
        out: &mut Vec<RawRow>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let series = self
            .text_at(r, self.col(Role::Series))
            .map(|s| normalize_header(&s));
        let is_baseline = series.as_deref().is_some_and(|s| {
            s.starts_with("ky goc")
                || s.starts_with("baseline")
                || s.starts_with("nam truoc")
                || s.starts_with("cung ky")
        });
        for (c, unit) in &self.cols.units {
            let cell = self.grid.get(r, *c);
            let cref = self.at(r, *c);
            let mut row = base.clone();
            row.unit = unit.clone();
            row.period = self.period;
            row.cell = cref.clone();
            row.provenance = self.opts.provenance.unwrap_or_else(|| {
                if self.meta.get("provenance").map(String::as_str) == Some("estimate") {
                    Provenance::Estimate
                } else {
                    Provenance::Official
                }
            });
            if self.purpose == Purpose::Targets {
                if let Some(v) = plan_value(cell, self.style) {
                    let pledged = normalize_header(unit).contains("dang ky");
                    if pledged {
                        row.pledged = Some((v.0, v.1, cref));
                    } else {
                        row.plan = Some((v.0, v.1, cref));
                    }
                    out.push(row);
                }
                continue;
            }
            let v = read_value(cell, self.style);
            if matches!(v, Value::Empty) {
                continue;
            }
            if is_baseline {
                // merge into the result row of the same unit and target
                if let Some(d) = read_number_value(&v, &cref, diags) {
                    if let Some(prev) = out.iter_mut().rev().find(|x| {
                        x.unit == row.unit
                            && x.target == row.target
                            && x.component == row.component
                            && x.period == row.period
                    }) {
                        prev.baseline = Some(d);
                    } else {
                        row.baseline = Some(d);
                        out.push(row);
                    }
                }
                continue;
            }
            if fill_value(&mut row, v, target, &cref, diags) {
                out.push(row);
            }
        }
    }

    /// A row of a report or long table: one unit, the result columns and the other fields.
    fn read_record_row(
        &self,
        r: u32,
        mut row: RawRow,
        target: Option<&'m Target>,
        has_measure: bool,
        out: &mut Vec<RawRow>,
        diags: &mut Vec<Diagnostic>,
    ) {
        if !self.row_unit_and_period(r, &mut row, diags) {
            return;
        }
        if self.purpose == Purpose::Targets {
            self.read_plan_row(r, row, out);
            return;
        }
        let provenance = self.row_provenance(r);
        let provenance_of = |row: &RawRow, est: bool| {
            provenance.or(row.phrase_provenance).unwrap_or(if est {
                Provenance::Estimate
            } else {
                Provenance::Official
            })
        };
        let template = row.clone();
        let mut secondary: Vec<RawRow> = Vec::new();
        let mut keep = false;
        let mut primary_est = false;
        let mut unusable = false;
        for (i, (v, cref, est)) in self.result_picks(r, provenance).into_iter().enumerate() {
            if i == 0 {
                primary_est = est;
                row.cell = cref.clone();
                keep = fill_value(&mut row, v, target, &cref, diags);
                // the figure cannot be used: an error diagnostic says why
                unusable = !keep;
            } else {
                let mut other = template.clone();
                other.cell = cref.clone();
                if fill_value(&mut other, v, target, &cref, diags) {
                    other.provenance = provenance_of(&other, est);
                    secondary.push(other);
                }
            }
        }
        if unusable {
            out.append(&mut secondary);
            return;
        }
        row.provenance = provenance_of(&row, primary_est);
        if let Some(c) = self.col(Role::Baseline) {
            let v = read_value(self.grid.get(r, c), self.style);
            if !matches!(v, Value::Empty) {
                if let Some(d) = read_number_value(&v, &self.at(r, c), diags) {
                    row.baseline = Some(d);
                    for o in &mut secondary {
                        o.baseline = Some(d);
                    }
                    keep = true;
                }
            }
        }
        keep |= self.read_row_fields(r, &mut row, target, has_measure, diags);
        out.append(&mut secondary);
        // a row of a long table is explicit, even without a value (no data yet)
        if keep || row.not_applicable || self.layout == Layout::Long {
            out.push(row);
        }
    }

    /// The unit (long layout: its column; report: the report's) and period of a record row;
    /// false when the row cannot be read (a diagnostic says why).
    fn row_unit_and_period(&self, r: u32, row: &mut RawRow, diags: &mut Vec<Diagnostic>) -> bool {
        if self.layout == Layout::Long {
            match self.text_at(r, self.col(Role::Unit)) {
                Some(u) => row.unit = u,
                None => {
                    diags.push(Diagnostic::new(
                        Severity::Error,
                        "no_unit",
                        "hàng không ghi đơn vị (no unit)",
                        Some(self.at(r, self.col(Role::Unit).unwrap_or(0))),
                    ));
                    return false;
                }
            }
        } else {
            row.unit = self.report_unit.clone().unwrap_or_default();
        }
        row.period = match self.col(Role::Period).map(|c| (c, self.grid.get(r, c))) {
            Some((c, cell)) if !cell.is_blank() => {
                let t = cell.text();
                match t.parse::<Period>().ok().or_else(|| period_in(&t)) {
                    Some(p) => Some(p),
                    None => {
                        diags.push(Diagnostic::new(
                            Severity::Error,
                            "invalid_period",
                            format!("kỳ báo cáo {t:?} không đọc được (\"2024\", \"2024-H1\", \"9 tháng năm 2024\") (invalid period)"),
                            Some(self.at(r, c)),
                        ));
                        return false;
                    }
                }
            }
            _ => self.period,
        };
        if row.period.is_none() && self.purpose == Purpose::Results {
            diags.push(Diagnostic::new(
                Severity::Error,
                "no_period",
                "hàng không có kỳ báo cáo (no period)",
                Some(row.cell.clone()),
            ));
            return false;
        }
        true
    }

    /// A record row of a targets table: the plan and pledged cells.
    fn read_plan_row(&self, r: u32, mut row: RawRow, out: &mut Vec<RawRow>) {
        if let Some(c) = self.col(Role::Plan) {
            if let Some(v) = plan_value(self.grid.get(r, c), self.style) {
                row.plan = Some((v.0, v.1, self.at(r, c)));
            }
        }
        if let Some(c) = self.col(Role::Pledged) {
            if let Some(v) = plan_value(self.grid.get(r, c), self.style) {
                row.pledged = Some((v.0, v.1, self.at(r, c)));
            }
        }
        if row.plan.is_some() || row.pledged.is_some() {
            out.push(row);
        }
    }

    /// The provenance a row's provenance column (or the caller) names.
    fn row_provenance(&self, r: u32) -> Option<Provenance> {
        let mut provenance = self.opts.provenance;
        if let Some(c) = self.col(Role::Provenance) {
            let t = normalize_header(&self.grid.get(r, c).text());
            if !t.is_empty() {
                provenance = Some(if t.contains("so bo") || t.contains("preliminary") {
                    Provenance::Preliminary
                } else if t.contains("uoc") || t.contains("estimate") {
                    Provenance::Estimate
                } else {
                    Provenance::Official
                });
            }
        }
        provenance
    }

    /// The results: the first filled column of each provenance (official first), one row
    /// each, so that the evaluation's `supersede` rule chooses and lists the other as a
    /// revision. A provenance column or option names one provenance: then the first filled
    /// column only.
    fn result_picks(&self, r: u32, provenance: Option<Provenance>) -> Vec<Pick> {
        let mut picks: Vec<Pick> = Vec::new();
        let mut ordered = self.cols.results.clone();
        ordered.sort_by_key(|x| x.1); // official (false) first
        let mut no_data: Option<Pick> = None;
        for (c, est, _) in &ordered {
            let v = read_value(self.grid.get(r, *c), self.style);
            match v {
                Value::Empty => {}
                // "chưa có số liệu" beside a figure in another column: the figure
                Value::NoData(_) if no_data.is_none() => {
                    no_data = Some((v, self.at(r, *c), *est));
                }
                Value::NoData(_) => {}
                v if !picks.iter().any(|p| p.2 == *est) => picks.push((v, self.at(r, *c), *est)),
                _ => {}
            }
        }
        if picks.is_empty() {
            picks.extend(no_data);
        }
        if provenance.is_some() {
            picks.truncate(1);
        }
        picks
    }

    /// The fields of a record row beside its result: judgement, verdict, note, share of
    /// plan, not applicable, ranks, scale, unit and the other result forms. True when one of
    /// them makes the row worth keeping.
    fn read_row_fields(
        &self,
        r: u32,
        row: &mut RawRow,
        target: Option<&'m Target>,
        has_measure: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        let (grid, layout) = (self.grid, self.layout);
        let mut keep = self.read_judgement_column(r, row, diags);
        let qualitative = matches!(target.map(|t| &t.spec), Some(TargetSpec::Qualitative {}));
        keep |= self.read_verdict(r, row, qualitative, diags);
        // qualitative targets: a "Ghi chú" holding the verdict
        if row.judgement.is_none() && row.value.is_none() && qualitative {
            if let Some(c) = self.col(Role::Note) {
                if let Some(j) = read_judgement(&grid.get(r, c).text()) {
                    row.judgement = Some(j);
                    keep = true;
                }
            }
        }
        keep |= self.read_ratio(r, row, qualitative, diags);
        if let Some(c) = self.col(Role::NotApplicable) {
            let t = normalize_header(&grid.get(r, c).text());
            if matches!(
                t.as_str(),
                "x" | "true" | "co" | "yes" | "1" | "khong ap dung"
            ) {
                row.not_applicable = true;
                keep = true;
            }
        }
        self.read_ranks(r, row, diags);
        self.read_scale(r, row, diags);
        if layout == Layout::Long {
            if let Some(c) = self.col(Role::Measure) {
                let t = grid.get(r, c).text();
                if !t.is_empty() && row.value_unit.is_none() {
                    if let Ok(u) = t.parse::<Unit>() {
                        if !has_measure {
                            row.value_unit = Some(u);
                        }
                    }
                }
            }
        }
        // The fields of the other result forms, as the long layout writes them.
        read_form_columns(grid, r, &self.cols, self.style, row, &mut keep, diags);
        if let Some(c) = self.col(Role::Note) {
            let t = grid.get(r, c).text();
            if !t.is_empty() {
                row.note = Some(match row.note.take() {
                    Some(n) => format!("{n}; {t}"),
                    None => t,
                });
            }
        }
        keep
    }

    /// The judgement column of a qualitative target ("Vượt / Đạt / Không đạt").
    fn read_judgement_column(&self, r: u32, row: &mut RawRow, diags: &mut Vec<Diagnostic>) -> bool {
        let Some(c) = self.col(Role::Judgement) else {
            return false;
        };
        let t = self.grid.get(r, c).text();
        if t.is_empty() {
            return false;
        }
        match read_judgement(&t) {
            Some(j) => {
                row.judgement = Some(j);
                true
            }
            None => {
                diags.push(Diagnostic::new(
                    Severity::Error,
                    "invalid_judgement",
                    format!("{t:?} không phải Vượt / Đạt / Không đạt (invalid judgement)"),
                    Some(self.at(r, c)),
                ));
                false
            }
        }
    }

    /// The published verdict ("Đánh giá": Vượt / Đạt / Không đạt): a qualitative target's
    /// judgement; beside a figure of a numeric target, the verdict the report printed (the
    /// evaluation compares it: `verdict_differs`); alone on a numeric target, the result as
    /// printed (a verdict-only row).
    fn read_verdict(
        &self,
        r: u32,
        row: &mut RawRow,
        qualitative: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        let Some(c) = self.col(Role::Verdict) else {
            return false;
        };
        let t = self.grid.get(r, c).text();
        if t.is_empty() || row.judgement.is_some() || row.not_applicable {
            return false;
        }
        match read_judgement(&t) {
            Some(j) => {
                let has_figure =
                    row.value.is_some() || row.share_of_plan.is_some() || row.change.is_some();
                row.judgement = Some(j);
                if !has_figure && !qualitative && row.reported.is_none() {
                    row.reported = Some(t.clone());
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        "verdict_without_value",
                        format!("chỉ tiêu {:?} không có số liệu, chỉ có đánh giá «{t}»: đánh giá theo báo cáo (a printed verdict without a figure)", row.target),
                        Some(self.at(r, c)),
                    ));
                }
                true
            }
            None => {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "verdict_unread",
                    format!("đánh giá «{t}» không phải Vượt / Đạt / Không đạt: giữ trong ghi chú (verdict kept as a note)"),
                    Some(self.at(r, c)),
                ));
                self.add_note(row, c, &t);
                false
            }
        }
    }

    /// Appends "header: text" of column `c` to the row's note.
    fn add_note(&self, row: &mut RawRow, c: u32, t: &str) {
        let n = format!("{}: {t}", self.text_of(c));
        row.note = Some(match row.note.take() {
            Some(x) => format!("{x}; {n}"),
            None => n,
        });
    }

    /// % of plan ("% so KH", "Tỷ lệ hoàn thành"): a share of plan — the result itself when
    /// there is no figure, else a check of the figure (`share_inconsistent`). A ratio column
    /// that does not name the plan ("So sánh cùng kỳ") is not read.
    fn read_ratio(
        &self,
        r: u32,
        row: &mut RawRow,
        qualitative: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        let Some(c) = self.col(Role::Ratio) else {
            return false;
        };
        let names_plan = self.layout == Layout::Long || {
            let h = normalize_header(&self.text_of(c));
            h.split(' ').any(|w| matches!(w, "kh" | "plan" | "nq"))
                || [
                    "ke hoach",
                    "hoan thanh",
                    "du toan",
                    "nghi quyet",
                    "chi tieu",
                ]
                .iter()
                .any(|x| h.contains(x))
        };
        if !names_plan || qualitative || row.not_applicable {
            return false;
        }
        match read_value(self.grid.get(r, c), self.style) {
            Value::Empty | Value::NoData(_) => false,
            Value::Number(d, _) => {
                if row.share_of_plan.is_none() {
                    row.share_of_plan = Some(d);
                    true
                } else {
                    false
                }
            }
            _ => {
                let t = self.grid.get(r, c).text();
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "ratio_unread",
                    format!("«{t}» ở cột % kế hoạch không phải một số: giữ trong ghi chú (not a number, kept as a note)"),
                    Some(self.at(r, c)),
                ));
                self.add_note(row, c, &t);
                false
            }
        }
    }

    /// The "out of" counts of a rank (this period's and the baseline's).
    fn read_ranks(&self, r: u32, row: &mut RawRow, diags: &mut Vec<Diagnostic>) {
        for (role, slot) in [(Role::OutOf, 0), (Role::BaselineOutOf, 1)] {
            let Some(c) = self.col(role) else { continue };
            let v = read_value(self.grid.get(r, c), self.style);
            if matches!(v, Value::Empty) {
                continue;
            }
            match read_number_value(&v, &self.at(r, c), diags).and_then(|d| {
                u32::try_from(d.normalize().mantissa())
                    .ok()
                    .filter(|_| d.fract().is_zero())
            }) {
                Some(n) => {
                    if slot == 0 {
                        row.out_of = Some(n);
                    } else {
                        row.baseline_out_of = Some(n);
                    }
                }
                None => diags.push(Diagnostic::new(
                    Severity::Error,
                    "invalid_number",
                    "số được xếp hạng phải là số nguyên dương (not a whole number)",
                    Some(self.at(r, c)),
                )),
            }
        }
    }

    /// The scale column ("nghìn", "triệu", "tỷ").
    fn read_scale(&self, r: u32, row: &mut RawRow, diags: &mut Vec<Diagnostic>) {
        let Some(c) = self.col(Role::Scale) else {
            return;
        };
        let t = self.grid.get(r, c).text();
        if t.is_empty() {
            return;
        }
        let n = normalize_header(&t);
        let s = if matches!(n.as_str(), "mot" | "one" | "1") {
            Some(Scale::One)
        } else {
            Scale::from_word(&t)
                .or_else(|| serde_json::from_value(serde_json::Value::String(t.clone())).ok())
        };
        match s {
            Some(s) => row.scale = Some(s),
            None => diags.push(Diagnostic::new(
                Severity::Error,
                "invalid_scale",
                format!("quy mô {t:?} không đọc được (nghìn, triệu, tỷ) (invalid scale)"),
                Some(self.at(r, c)),
            )),
        }
    }
}

fn row_has_values(grid: &Grid, r: u32, cols: &Columns) -> bool {
    cols.results
        .iter()
        .map(|x| x.0)
        .chain(cols.units.iter().map(|u| u.0))
        .chain(cols.by_role.get(&Role::Plan).copied())
        .any(|c| !grid.get(r, c).is_blank())
}

fn component_of(matcher: Option<&Matcher<'_>>, prev: &str, name: &str) -> Option<String> {
    let t = matcher?.target(prev)?;
    let TargetSpec::CompositeDecrease { components } = &t.spec else {
        return None;
    };
    let w = super::matcher::name_words(name);
    components
        .iter()
        .find(|c| {
            c.id == name.trim()
                || super::matcher::similarity(&w, &super::matcher::name_words(&c.name)) >= 0.6
        })
        .map(|c| c.id.clone())
}

#[allow(clippy::too_many_arguments)]
fn emit_component(
    grid: &Grid,
    r: u32,
    target: &str,
    component: &str,
    cols: &Columns,
    report_unit: &Option<String>,
    period: Option<Period>,
    style: NumberStyle,
    opts: &ReadOptions,
    matcher: Option<&Matcher<'_>>,
    out: &mut Vec<RawRow>,
    diags: &mut Vec<Diagnostic>,
) {
    let t = matcher.and_then(|m| m.target(target));
    let targets: Vec<(u32, String)> = if let Some(u) = report_unit {
        cols.results
            .iter()
            .take(1)
            .map(|x| (x.0, u.clone()))
            .collect()
    } else {
        cols.units.clone()
    };
    for (c, unit) in targets {
        let cref = CellRef::new(&grid.name, r, c);
        let v = read_value(grid.get(r, c), style);
        if matches!(v, Value::Empty) {
            continue;
        }
        let mut row = RawRow {
            unit,
            target: target.to_string(),
            component: Some(component.to_string()),
            period,
            provenance: opts.provenance.unwrap_or_default(),
            cell: cref.clone(),
            ..RawRow::default()
        };
        if let Some(bc) = cols.by_role.get(&Role::Baseline) {
            if let Value::Number(d, _) = read_value(grid.get(r, *bc), style) {
                row.baseline = Some(d);
            }
        }
        if fill_value(&mut row, v, t, &cref, diags) {
            out.push(row);
        }
    }
}

fn plan_value(cell: &Cell, style: NumberStyle) -> Option<(String, Option<Decimal>)> {
    if cell.is_blank() {
        return None;
    }
    let text = match cell {
        Cell::Number(d) => crate::number::format_vn(*d),
        other => other.text(),
    };
    // A figure with a unit or scale in its cell ("160 tỷ đồng") is left to the phrase
    // reader of `to_unit_targets`, which keeps the unit and scale for the core to check.
    let value = match read_value(cell, style) {
        Value::Number(d, None) => Some(d),
        _ => None,
    };
    Some((text, value))
}

fn read_number_value(v: &Value, cref: &CellRef, diags: &mut Vec<Diagnostic>) -> Option<Decimal> {
    match v {
        Value::Number(d, _) => Some(*d),
        Value::Empty | Value::NoData(_) => None,
        Value::Phrase(t) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid_number",
                format!("{t:?} không phải số (số Việt Nam: \"3.500\", \"39,6\") (not a number)"),
                Some(cref.clone()),
            ));
            None
        }
        Value::Invalid(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid_number",
                e.clone(),
                Some(cref.clone()),
            ));
            None
        }
        Value::Judgement(_) | Value::NotApplicable => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid_number",
                "cần một số (a number is needed here)",
                Some(cref.clone()),
            ));
            None
        }
    }
}

/// Puts a result value into a row, checking it against the target. Returns whether the row
/// has something to keep.
fn fill_value(
    row: &mut RawRow,
    v: Value,
    target: Option<&Target>,
    cref: &CellRef,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let qualitative = matches!(target.map(|t| &t.spec), Some(TargetSpec::Qualitative {}));
    match v {
        Value::Empty => false,
        Value::Number(d, unit) => {
            if qualitative {
                diags.push(Diagnostic::new(
                    Severity::Error,
                    "invalid_result",
                    format!("chỉ tiêu {:?} là chỉ tiêu định tính: ghi Vượt / Đạt / Không đạt, không ghi số (qualitative target)", row.target),
                    Some(cref.clone()),
                ));
                return false;
            }
            if let Some(u) = unit {
                if let Some(m) = read_measure(&u) {
                    let (s, vu) = check_measure(Some(&m), target, cref, diags);
                    if s.is_some() {
                        row.scale = s;
                    }
                    if vu.is_some() {
                        row.value_unit = vu;
                    }
                } else {
                    diags.push(Diagnostic::new(
                        Severity::Warning,
                        "unit_differs",
                        format!("đơn vị «{u}» sau số không đọc được, bỏ qua (unit after the number ignored)"),
                        Some(cref.clone()),
                    ));
                }
            }
            row.value = Some(d);
            true
        }
        Value::Judgement(j) => {
            row.judgement = Some(j);
            if !(qualitative || target.is_none()) {
                // A printed verdict instead of the figure of a numeric target: the result as
                // printed (a verdict-only row, which the evaluation explains as such).
                row.reported = Some(cref_text(j));
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "verdict_without_value",
                    format!(
                        "ô ghi «{}» thay cho số liệu của chỉ tiêu định lượng {:?}: đánh giá theo báo cáo, không có số để đối chiếu (a printed verdict instead of a figure)",
                        cref_text(j),
                        row.target
                    ),
                    Some(cref.clone()),
                ));
            }
            true
        }
        Value::NotApplicable => {
            row.not_applicable = true;
            true
        }
        Value::NoData(t) => {
            diags.push(Diagnostic::new(
                Severity::Info,
                "no_data",
                format!("«{t}»: chưa có số liệu (no data yet)"),
                Some(cref.clone()),
            ));
            true
        }
        Value::Phrase(p) => read_phrase(row, &p, target, cref, diags),
        Value::Invalid(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid_number",
                format!("{e} (not a number)"),
                Some(cref.clone()),
            ));
            false
        }
    }
}

/// Checks a stated unit of measure against the target. Returns the scale and value unit to
/// record on the row: the scale when it differs from the target's (converted exactly by the
/// evaluation), the unit when it is a currency, %, ha or percentage points (checked by the
/// evaluation); a counted noun spelt differently gives a warning only.
fn check_measure(
    m: Option<&Measure>,
    target: Option<&Target>,
    cref: &CellRef,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Scale>, Option<Unit>) {
    let Some(m) = m else { return (None, None) };
    let Some(t) = target else {
        return (
            (m.scale != Scale::One).then_some(m.scale),
            m.unit.clone().filter(|u| !matches!(u, Unit::Count(_))),
        );
    };
    let want_unit = t.spec.result_unit();
    let want_scale = t.spec.result_scale();
    let scale = (m.scale != want_scale).then_some(m.scale);
    let unit = match (&m.unit, &want_unit) {
        (None, _) => None,
        (Some(Unit::Count(a)), Some(Unit::Count(b))) => {
            if !same_noun(a, b) {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    "unit_differs",
                    format!("đơn vị «{}» khác đơn vị của chỉ tiêu {:?} («{b}»); coi là cùng đơn vị (unit spelt differently)", m.raw, t.id),
                    Some(cref.clone()),
                ));
            }
            None
        }
        (Some(Unit::Count(a)), _) => {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "unit_differs",
                format!(
                    "đơn vị «{a}» không rõ; chỉ tiêu {:?} tính bằng «{}» (unknown unit, not checked)",
                    t.id,
                    want_unit.map(|u| u.to_string()).unwrap_or_else(|| "—".into())
                ),
                Some(cref.clone()),
            ));
            None
        }
        (Some(u), Some(w)) if u != w => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "unit_mismatch",
                format!(
                    "đơn vị «{}» nhưng chỉ tiêu {:?} tính bằng «{w}» (unit mismatch)",
                    m.raw, t.id
                ),
                Some(cref.clone()),
            ));
            Some(u.clone())
        }
        (Some(_), _) => None,
    };
    (scale, unit)
}

fn cref_text(j: Judgement) -> String {
    match j {
        Judgement::Exceeded => "Vượt",
        Judgement::Met => "Đạt",
        Judgement::NotMet => "Không đạt",
    }
    .to_string()
}

/// A text cell that is a reported-result phrase ("hơn 290", "Khoảng 4", "6,6-6,8", "đạt
/// 102,6% kế hoạch", "ước đạt 6,5%"): read by the core's phrase reader
/// ([`crate::reported::read_result`]) and, with the target known, turned into the row's
/// result fields by [`crate::reported::Reading::to_entry`] — the evaluation's own rules
/// (`docs/evaluation.md` §10). The phrase is kept verbatim in `reported`, which the evaluation
/// shows and reads for what the fields do not hold (a plan quoted, an earlier figure).
fn read_phrase(
    row: &mut RawRow,
    p: &str,
    target: Option<&Target>,
    cref: &CellRef,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let out = crate::reported::read_result(p);
    for d in &out.diagnostics {
        if d.severity != crate::parse::Severity::Info {
            diags.push(Diagnostic::new(
                Severity::Warning,
                "reported_unread",
                format!(
                    "«{p}»: phần «{}» chưa đọc được — {} [{}] (part of the wording not read)",
                    p.get(d.start..d.end).unwrap_or(""),
                    d.message,
                    d.code
                ),
                Some(cref.clone()),
            ));
        }
    }
    let Some(t) = target else {
        if !out.reading.has_result() {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid_result",
                format!("«{p}» không có số liệu, tỷ lệ kế hoạch, mức tăng giảm hay đánh giá nào đọc được (no result in the text)"),
                Some(cref.clone()),
            ));
            return false;
        }
        row.reported = Some(p.to_string());
        row.phrase_provenance = out.reading.provenance;
        diags.push(Diagnostic::new(
            Severity::Info,
            "result_phrase",
            format!("«{p}»: giữ nguyên văn (reported), đọc theo chỉ tiêu khi đánh giá (kept as the reported wording, read against its target when evaluated)"),
            Some(cref.clone()),
        ));
        return true;
    };
    let mut base = ResultEntry::new(
        row.unit.clone(),
        row.target.clone(),
        row.period.unwrap_or(Period::year(2000)),
    );
    base.scale = row.scale;
    base.value_unit = row.value_unit.clone();
    match out.reading.to_entry(t, &base) {
        Ok(e) => {
            row.value = e.value;
            row.value_high = e.value_high;
            row.qualifier = e.qualifier;
            row.share_of_plan = e.share_of_plan;
            row.plan_level = e.plan_level;
            row.change = e.change;
            row.change_unit = e.change_unit;
            row.change_from = e.change_from;
            if e.judgement.is_some() {
                row.judgement = e.judgement;
            }
            row.scale = e.scale;
            row.value_unit = e.value_unit;
            row.phrase_provenance = out.reading.provenance;
            row.reported = Some(p.to_string());
            diags.push(Diagnostic::new(
                Severity::Info,
                "result_phrase",
                format!(
                    "«{p}» đọc là: {} (reported wording read)",
                    describe_read(row)
                ),
                Some(cref.clone()),
            ));
            true
        }
        Err(why) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                "invalid_result",
                format!("«{p}» không đọc được thành kết quả của chỉ tiêu {:?}: {why} (cannot read the wording as a result)", t.id),
                Some(cref.clone()),
            ));
            false
        }
    }
}

/// What a phrase was read as, in Vietnamese: "hơn 290", "6,6–6,8", "102,6% kế hoạch",
/// "tăng 8,8% so với cùng kỳ", "đánh giá Vượt".
fn describe_read(row: &RawRow) -> String {
    use crate::number::format_vn;
    let mut parts: Vec<String> = Vec::new();
    let q = row
        .qualifier
        .map(|q| format!("{} ", q.word_vi()))
        .unwrap_or_default();
    if let Some(v) = row.value {
        let hi = row
            .value_high
            .map(|h| format!("–{}", format_vn(h)))
            .unwrap_or_default();
        parts.push(format!("giá trị {q}{}{hi}", format_vn(v)));
    }
    if let Some(s) = row.share_of_plan {
        parts.push(format!(
            "{q}{}% {}",
            format_vn(s),
            row.plan_level.as_deref().unwrap_or("kế hoạch")
        ));
    }
    if let Some(c) = row.change {
        let unit = row
            .change_unit
            .map(super::value::change_unit_label)
            .unwrap_or("");
        let from = row
            .change_from
            .map(|f| format!(" so với {}", super::value::change_from_label(f)))
            .unwrap_or_default();
        parts.push(format!(
            "{} {q}{} {unit}{from}",
            if c < Decimal::ZERO { "giảm" } else { "tăng" },
            format_vn(c.abs())
        ));
    }
    if let Some(j) = row.judgement {
        parts.push(format!("đánh giá in trong báo cáo «{}»", cref_text(j)));
    }
    if let Some(p) = row.phrase_provenance {
        parts.push(format!("số {}", p.label_vi()));
    }
    if parts.is_empty() {
        "không có số liệu".into()
    } else {
        parts.join("; ")
    }
}

/// The cells of one row that hold words (qualifier, change unit, comparison period).
struct WordColumns<'a> {
    grid: &'a Grid,
    r: u32,
    cols: &'a Columns,
    sheet: &'a str,
}

impl WordColumns<'_> {
    /// The word in `role`'s column, read by `parse`; `None` without the column or for a blank
    /// cell, and for a word `parse` does not know, which is the error `code` at its cell
    /// ("«word» {not_one_of}").
    fn read<T>(
        &self,
        role: Role,
        parse: fn(&str) -> Option<T>,
        code: &str,
        not_one_of: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let c = self.cols.by_role.get(&role).copied()?;
        let t = self.grid.get(self.r, c).text();
        if t.is_empty() {
            return None;
        }
        let v = parse(&t);
        if v.is_none() {
            diags.push(Diagnostic::new(
                Severity::Error,
                code,
                format!("«{t}» {not_one_of}"),
                Some(CellRef::new(self.sheet, self.r, c)),
            ));
        }
        v
    }
}

/// The columns of the other result forms (value_high, qualifier, plan_level, change,
/// change_unit, change_from, date, reported, source), as the long layout writes them.
fn read_form_columns(
    grid: &Grid,
    r: u32,
    cols: &Columns,
    style: NumberStyle,
    row: &mut RawRow,
    keep: &mut bool,
    diags: &mut Vec<Diagnostic>,
) {
    let sheet = grid.name.as_str();
    let col = |role: Role| cols.by_role.get(&role).copied();
    let text = |c: u32| grid.get(r, c).text();
    for role in [Role::ValueHigh, Role::Change] {
        if let Some(c) = col(role) {
            let v = read_value(grid.get(r, c), style);
            if matches!(v, Value::Empty) {
                continue;
            }
            if let Some(d) = read_number_value(&v, &CellRef::new(sheet, r, c), diags) {
                if role == Role::ValueHigh {
                    row.value_high = Some(d);
                } else {
                    row.change = Some(d);
                    *keep = true;
                }
            }
        }
    }
    let word = WordColumns {
        grid,
        r,
        cols,
        sheet,
    };
    if let Some(v) = word.read(
        Role::Qualifier,
        super::value::read_qualifier,
        "invalid_qualifier",
        "không phải hơn / gần / khoảng / dưới / ít nhất / tối đa (invalid qualifier)",
        diags,
    ) {
        row.qualifier = Some(v);
    }
    if let Some(v) = word.read(
        Role::ChangeUnit,
        super::value::read_change_unit,
        "invalid_change_unit",
        "không phải %, điểm % hay tuyệt đối (invalid change unit)",
        diags,
    ) {
        row.change_unit = Some(v);
    }
    if let Some(v) = word.read(
        Role::ChangeFrom,
        super::value::read_change_from,
        "invalid_change_from",
        "không phải năm trước hay cùng kỳ (invalid comparison period)",
        diags,
    ) {
        row.change_from = Some(v);
    }
    if let Some(c) = col(Role::Date) {
        let cell = grid.get(r, c);
        if !cell.is_blank() {
            match super::value::read_date(cell) {
                Some(d) => row.date = Some(d),
                None => diags.push(Diagnostic::new(
                    Severity::Error,
                    "invalid_date",
                    format!(
                        "ngày «{}» không đọc được (dd/mm/yyyy) (invalid date)",
                        cell.text()
                    ),
                    Some(CellRef::new(sheet, r, c)),
                )),
            }
        }
    }
    for role in [Role::PlanLevel, Role::Reported, Role::Source] {
        if let Some(c) = col(role) {
            let t = text(c);
            if t.is_empty() {
                continue;
            }
            match role {
                Role::PlanLevel => row.plan_level = Some(t),
                Role::Reported => {
                    *keep = true;
                    row.reported = Some(t)
                }
                _ => row.source = Some(t),
            }
        }
    }
}
