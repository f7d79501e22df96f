//! What every columnar reader of results shares — the Arrow reader ([`super::arrow`]) and the
//! buffer reader ([`super::buffers`]): the column names, where a cell is, and the rules of a
//! cell that both apply, so that one owner says them.

use crate::error::{Error, Location, Result};

/// The input columns a result batch understands: every field of [`crate::ResultEntry`], by its
/// serde name (a test holds this list to the type).
pub const RESULT_COLUMNS: &[&str] = &[
    "unit",
    "target",
    "component",
    "period",
    "value",
    "baseline",
    "scale",
    "value_unit",
    "out_of",
    "baseline_out_of",
    "judgement",
    "not_applicable",
    "provenance",
    "note",
    "value_high",
    "qualifier",
    "share_of_plan",
    "plan_level",
    "change",
    "change_unit",
    "change_from",
    "date",
    "reported",
    "source",
];

/// Other names a column is read by, as the JSON path's serde aliases: `status` (a common
/// column name in reporting workbooks) is `provenance`.
pub const RESULT_COLUMN_ALIASES: &[(&str, &str)] = &[("status", "provenance")];

/// The columns every result batch must have.
pub(crate) const REQUIRED_COLUMNS: [&str; 3] = ["unit", "target", "period"];

/// Where cell `i` of column `name` is: `results[i].name`, the path the JSON path gives the
/// same field of the same row (the column is named as given, e.g. `status`).
pub(crate) fn cell(i: usize, name: &str) -> Location {
    Location::new()
        .field("results")
        .index(i)
        .field(name.to_string())
}

/// `e` (raised by a rule of the core on the cell's value) located at cell `i` of `name`.
pub(crate) fn in_cell(e: Error, i: usize, name: &str) -> Error {
    e.under(cell(i, name).segments().iter().cloned())
}

/// The error for a date cell with a time of day (`at`, as read): a figure's date is a calendar
/// day.
pub(crate) fn time_of_day(at: impl std::fmt::Display, i: usize, name: &str) -> Error {
    Error::invalid_input(
        cell(i, name),
        format!(
            "{at} has a time of day: a figure's date is a calendar day (a date column, or a \
             timestamp at midnight)"
        ),
    )
}

/// A float count cell that holds a whole number a count can be (`3.0` is 3); `None` for any
/// other float, which [`count`] refuses as JSON does.
#[inline]
pub(crate) fn whole_f64(f: f64) -> Option<u32> {
    (f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f)).then_some(f as u32)
}

/// A count cell (`out_of`, `baseline_out_of`) read by the field's type, a `u32`, from the JSON
/// value it stands for: on a bad one the JSON path's very error (`json`, serde's message) at
/// `results[i].name`.
pub(crate) fn count(v: serde_json::Value, i: usize, name: &str) -> Result<u32> {
    crate::json::from_value::<u32>(v, "result set").map_err(|e| in_cell(e, i, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_as_json_reads_them() {
        assert_eq!(whole_f64(3.0), Some(3));
        assert_eq!(whole_f64(f64::from(u32::MAX)), Some(u32::MAX));
        assert_eq!(whole_f64(1.5), None);
        assert_eq!(whole_f64(-1.0), None);
        assert_eq!(whole_f64(f64::INFINITY), None);
        assert_eq!(count(serde_json::Value::from(7), 0, "out_of").unwrap(), 7);
        let e = count(serde_json::Value::from(-1), 2, "out_of").unwrap_err();
        assert_eq!(e.code(), "json");
        assert_eq!(e.location().to_string(), "results[2].out_of");
    }

    #[test]
    fn a_time_of_day_is_located_at_its_cell() {
        let e = time_of_day("2025-03-15 09:00:00", 4, "date");
        assert_eq!(e.location().to_string(), "results[4].date");
        assert!(e.to_string().contains("has a time of day"), "{e}");
    }
}
