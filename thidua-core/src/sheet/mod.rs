//! Spreadsheets in and out (bảng tính): the tables Ban Thi đua – Khen thưởng staff already
//! use. Behind the cargo feature `xlsx`.
//!
//! **Reading** ([`read_results`], [`read_target_table`]): xlsx, xls and ods through `calamine`;
//! CSV with `,`, `;` or tab, in UTF-8 (with or without BOM), UTF-16 or Windows-1252. A sheet
//! is turned into a [`Grid`] of cells, its header row is found (merged and multi-row headers
//! included), its columns are mapped to roles by their header text, Vietnamese or English,
//! with or without diacritics ([`Role`], overridable with [`ReadOptions::columns`]), and
//! every data row is matched to a target of the directive by its number or by its name. The
//! accepted layouts are described in [`Layout`] and in `docs/spreadsheets.md`.
//!
//! Numbers: numeric cells are exact decimals (the double Excel stored, by its shortest
//! representation, at most 15 significant digits — what Excel itself shows); text cells are
//! read by the core's Vietnamese number rule ([`crate::number::parse_vn`]: "3.500" = 3500,
//! "39,6" = 39,6) after a unit ("%", "tỷ đồng") is taken off. A cell whose text is a
//! reported-result *phrase* ("Khoảng 4", "hơn 290", "6,6-6,8", "đạt 95,2% kế hoạch") is read
//! by the core's phrase reader ([`crate::reported::read_result`]) into the entry's value,
//! qualifier, range and share of plan, kept verbatim in `reported`, with a `result_phrase`
//! info diagnostic; what it cannot place is a `reported_unread` warning with the cell.
//! "Chưa có số liệu" is no data, "không áp dụng" not applicable.
//!
//! **Per-unit targets** ([`read_target_table`], [`read_unit_targets`]): assigned and pledged
//! figures per unit, as a sheet-level [`TargetTable`] with each cell, mapped onto the core's
//! [`crate::TargetTable`] by [`TargetTable::to_unit_targets`] for
//! [`crate::evaluate_with_targets`].
//!
//! Text in the legacy Vietnamese encodings TCVN3 (ABC) and VNI-Windows — common in older
//! statistics-office files, where a cell that should read "Tổng" reads "Tæng" or "Toång" — is
//! detected per sheet and converted to Unicode with a `legacy_encoding` diagnostic
//! ([`encoding`]).
//!
//! **Every problem is a [`Diagnostic`]** with its sheet and cell (`Kết quả!C7`); nothing is
//! dropped silently. [`Read::into_result`] turns the first error into an [`Error`].
//!
//! **Writing** ([`write_evaluation`], [`write_score_report`], [`write_template`],
//! [`write_results`]): xlsx through `rust_xlsxwriter`, with values kept numeric (shown with
//! the number format `#,##0.##`, i.e. "3.500,5" under Vietnamese regional settings), status
//! colours, frozen header rows, column widths, A4 landscape print setup and a title block with
//! the directive's number and date.
//!
//! ```
//! use thidua_core::sheet::{read_results, write_results, ReadOptions, ResultLayout};
//! use thidua_core::{Directive, ResultSet};
//! // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
//! // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
//! // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
//! # let directive = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
//! # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
//! # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
//! # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
//! # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
//! # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
//! let results = ResultSet::from_json(r#"[
//!   {"unit": "Huyện A", "target": "1", "period": "2024", "value": "10.12"},
//!   {"unit": "Huyện B", "target": "2", "period": "2024", "value": "63.7"}
//! ]"#)?;
//! let bytes = write_results(&results, Some(&directive), ResultLayout::Long)?;
//! let back = read_results(&bytes, Some(&directive), &ReadOptions::default())?.into_result()?;
//! assert_eq!(back.entries, results.entries);
//! # Ok::<(), thidua_core::Error>(())
//! ```

pub mod encoding;
mod grid;
mod header;
mod matcher;
mod read;
mod value;
mod write;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use grid::{decimal_from_f64, Cell, Grid, Merge, SourceFormat, Workbook};
pub use header::{normalize_header, Role, ROLE_SYNONYMS};
pub use read::{
    read_results, read_results_workbook, read_target_table, read_target_table_workbook,
    read_unit_targets, ColumnChoice, Layout, LegacyEncoding, NumberStyle, ReadOptions, TableInfo,
    TargetLevel, TargetTable, TargetTableEntry,
};
pub use write::{
    results_to_csv, write_evaluation, write_results, write_score_report, write_target_table,
    write_template, EvaluationSheets, ResultLayout, TemplateOptions,
};

/// A cell of a workbook: sheet name, zero-based row and column. Displays as `Sheet1!C7`.
///
/// ```
/// use thidua_core::sheet::CellRef;
/// let c = CellRef::new("Kết quả", 6, 2);
/// assert_eq!(c.to_string(), "'Kết quả'!C7");
/// assert_eq!(CellRef::new("Sheet1", 0, 27).to_string(), "Sheet1!AB1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellRef {
    /// The sheet's name.
    pub sheet: String,
    /// Zero-based row (row 1 of the sheet is 0).
    pub row: u32,
    /// Zero-based column (A is 0).
    pub col: u32,
}

impl CellRef {
    /// A cell reference.
    pub fn new(sheet: impl Into<String>, row: u32, col: u32) -> CellRef {
        CellRef {
            sheet: sheet.into(),
            row,
            col,
        }
    }

    /// The A1 part alone ("C7").
    pub fn a1(&self) -> String {
        format!("{}{}", column_letter(self.col), self.row + 1)
    }
}

/// The column letters of a zero-based column index (0 → "A", 27 → "AB").
///
/// ```
/// assert_eq!(thidua_core::sheet::column_letter(0), "A");
/// assert_eq!(thidua_core::sheet::column_letter(701), "ZZ");
/// ```
pub fn column_letter(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads column letters ("C", "ab") into a zero-based index.
///
/// ```
/// assert_eq!(thidua_core::sheet::column_index("C"), Some(2));
/// assert_eq!(thidua_core::sheet::column_index("AB"), Some(27));
/// assert_eq!(thidua_core::sheet::column_index("C7"), None);
/// ```
pub fn column_index(letters: &str) -> Option<u32> {
    let t = letters.trim();
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u32 = 0;
    for b in t.bytes() {
        n = n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    Some(n - 1)
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self.sheet.is_empty()
            && self
                .sheet
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain {
            write!(f, "{}!{}", self.sheet, self.a1())
        } else {
            write!(f, "'{}'!{}", self.sheet.replace('\'', "''"), self.a1())
        }
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// What the reader decided (header row, layout, period), for the record.
    Info,
    /// Read, but look at it: a text converted from a legacy encoding, a phrase kept as a note,
    /// a unit spelt differently from the target's.
    Warning,
    /// The cell or row could not be used; it is not in the output.
    Error,
}

/// One thing the reader noticed, with the cell it is about.
///
/// ```
/// use thidua_core::sheet::{CellRef, Diagnostic, Severity};
/// let d = Diagnostic::new(Severity::Error, "invalid_number", "không đọc được số \"3.5\"", Some(CellRef::new("Sheet1", 6, 2)));
/// assert_eq!(d.to_string(), "Sheet1!C7: error [invalid_number] không đọc được số \"3.5\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// Stable code: `header_not_found`, `no_target_match`, `ambiguous_target`,
    /// `invalid_number`, `result_phrase`, `legacy_encoding`, `unit_mismatch`, `unit_differs`,
    /// `duplicate_row`, `no_period`, `not_a_workbook`, `sheet_not_found`, `info`….
    pub code: String,
    /// What, in Vietnamese with the English term where useful.
    pub message: String,
    /// The cell (or the first cell of the row / column) it is about.
    pub cell: Option<CellRef>,
}

impl Diagnostic {
    /// A diagnostic.
    pub fn new(
        severity: Severity,
        code: &str,
        message: impl Into<String>,
        cell: Option<CellRef>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code: code.to_string(),
            message: message.into(),
            cell,
        }
    }

    /// The location as text: `Sheet1!C7`, or `workbook`.
    pub fn location(&self) -> String {
        self.cell
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_else(|| "workbook".to_string())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}: {sev} [{}] {}",
            self.location(),
            self.code,
            self.message
        )
    }
}

/// What a reader returns: the value, every diagnostic, and how each sheet was read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Read<T> {
    /// What was read (rows with an error diagnostic are left out).
    pub value: T,
    /// Every diagnostic, in sheet and row order.
    pub diagnostics: Vec<Diagnostic>,
    /// How each table was read: header rows, layout, column mapping.
    pub tables: Vec<TableInfo>,
}

impl<T> Read<T> {
    /// The value when no diagnostic is an error; otherwise the first error as an
    /// [`Error::InvalidInput`] whose location is the cell (`Sheet1!C7`).
    pub fn into_result(self) -> Result<T> {
        match self
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
        {
            Some(d) => Err(Error::InvalidInput {
                location: d.location().into(),
                reason: format!("[{}] {}", d.code, d.message),
            }),
            None => Ok(self.value),
        }
    }

    /// The diagnostics of one severity.
    pub fn of(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(move |d| d.severity == severity)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.of(Severity::Error).next().is_some()
    }
}

fn sheet_error(reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        location: "workbook".into(),
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests;
