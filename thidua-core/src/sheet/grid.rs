//! A workbook as plain grids of cells: loading xlsx / xls / ods (calamine) and CSV (csv).

use std::io::Cursor;
use std::str::FromStr;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
use rust_decimal::Decimal;

use super::{sheet_error, Diagnostic, Severity};
use crate::error::Result;

/// One cell's content, as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cell {
    /// Nothing.
    Empty,
    /// A numeric cell, as an exact decimal (see [`decimal_from_f64`]).
    Number(Decimal),
    /// A text cell (after legacy-encoding conversion, when one was detected).
    Text(String),
    /// TRUE / FALSE.
    Bool(bool),
    /// A date or time cell, as ISO text.
    Date(String),
    /// An error value such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell is empty or blank text.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as display text (numbers as plain decimals).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(d) => d.normalize().to_string(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(s) | Cell::Error(s) => s.clone(),
        }
    }
}

/// A merged range (zero-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u32,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_col: u32,
}

/// One sheet: its cells from A1 (row-major) and its merged ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The sheet's name (for CSV: `"CSV"`).
    pub name: String,
    /// Rows of cells, starting at A1; rows may have different lengths.
    pub rows: Vec<Vec<Cell>>,
    /// Merged ranges.
    pub merges: Vec<Merge>,
    /// Whether the sheet is hidden in the workbook.
    pub hidden: bool,
}

impl Grid {
    /// The cell at (row, col), `Empty` outside the grid.
    pub fn get(&self, row: u32, col: u32) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }

    /// Number of rows.
    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    /// Number of columns (the longest row).
    pub fn width(&self) -> u32 {
        self.rows.iter().map(|r| r.len()).max().unwrap_or(0) as u32
    }

    /// The merged range containing (row, col), if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges.iter().find(|m| {
            row >= m.first_row && row <= m.last_row && col >= m.first_col && col <= m.last_col
        })
    }

    /// The cell's value, or for a cell covered by a merge, the value of the merge's top-left
    /// cell (how the header reader sees merged headers).
    pub fn get_merged(&self, row: u32, col: u32) -> &Cell {
        match self.merge_at(row, col) {
            Some(m) => self.get(m.first_row, m.first_col),
            None => self.get(row, col),
        }
    }
}

/// Which kind of file a workbook came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceFormat {
    /// Office Open XML (Excel 2007+).
    Xlsx,
    /// BIFF (Excel 97–2003).
    Xls,
    /// Excel binary workbook.
    Xlsb,
    /// OpenDocument spreadsheet (LibreOffice).
    Ods,
    /// Delimited text.
    Csv,
}

/// A workbook: its sheets as grids, and what loading it noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workbook {
    /// The file's format.
    pub format: SourceFormat,
    /// Sheets in workbook order.
    pub sheets: Vec<Grid>,
    /// Diagnostics of loading (encoding of a CSV file, unreadable sheets).
    pub diagnostics: Vec<Diagnostic>,
}

/// The exact decimal of a number Excel stored as a double: its shortest round-trip
/// representation, rounded to 15 significant digits (Excel's own precision: what it shows and
/// what a person typed), trailing zeros dropped. NaN and infinities give `None`.
///
/// ```
/// use thidua_core::sheet::decimal_from_f64;
/// assert_eq!(decimal_from_f64(39.6).ok_or("not found")?.to_string(), "39.6");
/// assert_eq!(decimal_from_f64(0.1 + 0.2).ok_or("not found")?.to_string(), "0.3");
/// assert_eq!(decimal_from_f64(3500.0).ok_or("not found")?.to_string(), "3500");
/// assert!(decimal_from_f64(f64::NAN).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decimal_from_f64(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    // Rust's `{:e}` is the shortest representation that reads back as the same double.
    let s = format!("{x:e}");
    let (mantissa, exp) = s.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut digits = digits.trim_start_matches('0').to_string();
    if digits.is_empty() {
        return Some(Decimal::ZERO);
    }
    // Position of the decimal point after the first digit is `exp`.
    let mut point = exp + 1; // number of digits before the point
    if digits.len() > 15 {
        // round half away from zero at 15 significant digits
        let (keep, rest) = digits.split_at(15);
        let mut keep: Vec<u8> = keep.bytes().collect();
        if rest.as_bytes()[0] >= b'5' {
            let mut i = keep.len();
            loop {
                if i == 0 {
                    keep.insert(0, b'1');
                    point += 1;
                    break;
                }
                i -= 1;
                if keep[i] == b'9' {
                    keep[i] = b'0';
                } else {
                    keep[i] += 1;
                    break;
                }
            }
        }
        digits = String::from_utf8(keep).ok()?;
    }
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let n = digits.len() as i32;
    let text = if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point >= n {
        format!("{}{}", digits, "0".repeat((point - n) as usize))
    } else {
        format!(
            "{}.{}",
            &digits[..point as usize],
            &digits[point as usize..]
        )
    };
    let d = Decimal::from_str(&text).ok()?;
    Some(if negative { -d } else { d })
}

impl Workbook {
    /// Loads a workbook from its bytes: xlsx, xls, xlsb and ods are recognised by their
    /// content, anything else is read as CSV text.
    pub fn from_bytes(bytes: &[u8]) -> Result<Workbook> {
        let is_zip = bytes.starts_with(b"PK\x03\x04");
        let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        if is_zip || is_ole {
            return Self::from_office(bytes);
        }
        Self::from_csv(bytes, None)
    }

    fn from_office(bytes: &[u8]) -> Result<Workbook> {
        let cursor = Cursor::new(bytes);
        let mut sheets = open_workbook_auto_from_rs(cursor).map_err(|e| {
            sheet_error(format!(
                "not a readable workbook (xlsx, xls, xlsb, ods): {e}"
            ))
        })?;
        let format = match &sheets {
            Sheets::Xls(_) => SourceFormat::Xls,
            Sheets::Xlsx(_) => SourceFormat::Xlsx,
            Sheets::Xlsb(_) => SourceFormat::Xlsb,
            Sheets::Ods(_) => SourceFormat::Ods,
        };
        let meta: Vec<(String, bool)> = sheets
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible))
            .collect();
        let mut out = Vec::new();
        let mut diagnostics = Vec::new();
        if let Sheets::Xlsx(x) = &mut sheets {
            // Merged ranges are read per sheet below; loading them here is cheap.
            let _ = x.load_merged_regions();
        }
        for (name, hidden) in meta {
            let range = match sheets.worksheet_range(&name) {
                Ok(r) => r,
                Err(e) => {
                    diagnostics.push(Diagnostic::new(
                        Severity::Warning,
                        "unreadable_sheet",
                        format!("không đọc được trang tính {name:?} (unreadable sheet): {e}"),
                        None,
                    ));
                    continue;
                }
            };
            let merges: Vec<calamine::Dimensions> = match &mut sheets {
                Sheets::Xlsx(x) => x
                    .merged_regions_by_sheet(&name)
                    .into_iter()
                    .map(|(_, _, d)| *d)
                    .collect(),
                Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
                _ => Vec::new(),
            };
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let mut rows: Vec<Vec<Cell>> = Vec::new();
            for (i, row) in range.rows().enumerate() {
                let abs_row = r0 as usize + i;
                if rows.len() < abs_row {
                    rows.resize(abs_row, Vec::new());
                }
                let mut cells = vec![Cell::Empty; c0 as usize];
                cells.extend(row.iter().map(convert));
                while matches!(cells.last(), Some(Cell::Empty)) {
                    cells.pop();
                }
                rows.push(cells);
            }
            while matches!(rows.last(), Some(r) if r.is_empty()) {
                rows.pop();
            }
            out.push(Grid {
                name,
                rows,
                merges: merges
                    .into_iter()
                    .map(|d| Merge {
                        first_row: d.start.0,
                        first_col: d.start.1,
                        last_row: d.end.0,
                        last_col: d.end.1,
                    })
                    .collect(),
                hidden,
            });
        }
        Ok(Workbook {
            format,
            sheets: out,
            diagnostics,
        })
    }

    /// Reads CSV text: the delimiter (`,`, `;` or tab) is detected unless given; the bytes
    /// are UTF-8 (a BOM is skipped), UTF-16 with a BOM, or else Windows-1252 (with a
    /// diagnostic). Every cell is text; numbers are read later by the number style.
    pub fn from_csv(bytes: &[u8], delimiter: Option<u8>) -> Result<Workbook> {
        let mut diagnostics = Vec::new();
        let text = decode_text(bytes, &mut diagnostics);
        let delim = delimiter.unwrap_or_else(|| sniff_delimiter(&text));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        // The csv crate skips blank lines; a spreadsheet counts them as rows, and so do the
        // cell references of the diagnostics.
        // Its positions give the byte where a record's scan starts (blank lines before it
        // included): count the line breaks up to the record's first character.
        let bytes_of = text.as_bytes();
        let (mut scanned, mut line) = (0usize, 0usize);
        for (i, rec) in reader.records().enumerate() {
            let rec = rec.map_err(|e| sheet_error(format!("CSV row {}: {e}", i + 1)))?;
            let mut at = rec
                .position()
                .map(|p| p.byte() as usize)
                .unwrap_or(scanned)
                .clamp(scanned, bytes_of.len());
            line += bytes_of[scanned..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            while at < bytes_of.len() && matches!(bytes_of[at], b'\r' | b'\n') {
                if bytes_of[at] == b'\n' {
                    line += 1;
                }
                at += 1;
            }
            scanned = at;
            while rows.len() < line {
                rows.push(Vec::new());
            }
            let mut cells: Vec<Cell> = rec
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_string())
                    }
                })
                .collect();
            while matches!(cells.last(), Some(Cell::Empty)) {
                cells.pop();
            }
            rows.push(cells);
        }
        while matches!(rows.last(), Some(r) if r.is_empty()) {
            rows.pop();
        }
        Ok(Workbook {
            format: SourceFormat::Csv,
            sheets: vec![Grid {
                name: "CSV".into(),
                rows,
                merges: Vec::new(),
                hidden: false,
            }],
            diagnostics,
        })
    }
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(Decimal::from(*i)),
        Data::Float(f) => match decimal_from_f64(*f) {
            Some(x) => Cell::Number(x),
            None => Cell::Error(format!("{f}")),
        },
        Data::String(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            // Excel serial day numbers count from 1899-12-30 (the 1900 leap-year bug included).
            let days = dt.as_f64().floor();
            let date = (days.abs() < 3_000_000.0)
                .then(|| chrono::NaiveDate::from_ymd_opt(1899, 12, 30))
                .flatten()
                .and_then(|base| base.checked_add_signed(chrono::Duration::days(days as i64)));
            match date {
                Some(x) => Cell::Date(x.format("%Y-%m-%d").to_string()),
                None => Cell::Date(format!("{}", dt.as_f64())),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// Windows-1252 bytes 0x80–0x9F as Unicode (the rest of the range is Latin-1).
pub(crate) const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn decode_text(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], le: bool| -> String {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "not_utf8",
                "tệp CSV không phải UTF-8; đọc theo Windows-1252 (not UTF-8, read as Windows-1252)",
                None,
            ));
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
                    _ => b as char,
                })
                .collect()
        }
    }
}

/// The delimiter that splits the first lines into the same number (> 1) of fields most
/// consistently; `,` when nothing else fits.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize);
    for d in [b';', b',', b'\t'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, d as char))
            .collect();
        let max = counts.iter().copied().max().unwrap_or(0);
        if max == 0 {
            continue;
        }
        // lines whose count equals the most frequent non-zero count
        let mut freq = std::collections::HashMap::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            *freq.entry(c).or_insert(0usize) += 1;
        }
        let consistent = freq.values().copied().max().unwrap_or(0);
        if consistent > best.1 {
            best = (d, consistent);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut inq = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            inq = !inq;
        } else if c == d && !inq {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sniffs_semicolons_with_decimal_commas() {
        let w = Workbook::from_csv("TT;Chỉ tiêu;KH\n1;GRDP;7,5\n2;Thu;3.500\n".as_bytes(), None)
            .unwrap();
        assert_eq!(w.sheets[0].rows[1][2], Cell::Text("7,5".into()));
        let w = Workbook::from_csv("a,b\n\"1,5\",2\n".as_bytes(), None).unwrap();
        assert_eq!(w.sheets[0].rows[1][0], Cell::Text("1,5".into()));
    }

    #[test]
    fn decodes_bom_utf16_and_cp1252() {
        let w = Workbook::from_bytes(b"\xEF\xBB\xBFa;b\n1;2\n").unwrap();
        assert_eq!(w.sheets[0].rows[0][0], Cell::Text("a".into()));
        let mut b = vec![0xFF, 0xFE];
        for u in "x;y\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            Workbook::from_bytes(&b).unwrap().sheets[0].rows[0][1],
            Cell::Text("y".into())
        );
        let w = Workbook::from_bytes(b"T\xe6ng;1\n").unwrap();
        assert_eq!(w.sheets[0].rows[0][0], Cell::Text("Tæng".into()));
        assert_eq!(w.diagnostics[0].code, "not_utf8");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let e = Workbook::from_bytes(b"PK\x03\x04garbage").unwrap_err();
        assert_eq!(e.code(), "invalid_input");
    }

    proptest! {
        #[test]
        fn f64_of_a_short_decimal_comes_back_exactly(m in -999_999_999_999i64..999_999_999_999, dp in 0u32..6) {
            let d = Decimal::new(m, dp);
            let f: f64 = d.to_string().parse().unwrap();
            prop_assert_eq!(decimal_from_f64(f).unwrap(), d);
        }

        #[test]
        fn any_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = Workbook::from_bytes(&b);
            let mut z = b"PK\x03\x04".to_vec();
            z.extend(&b);
            let _ = Workbook::from_bytes(&z);
        }
    }
}
