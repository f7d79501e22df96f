//! Reported results (kết quả thực hiện): per unit, target and reporting period.
//!
//! A [`ResultSet`] is a flat list of [`ResultEntry`] rows, the same shape as a long table
//! (one row per unit × target × period), so that it maps directly to a pandas DataFrame or a
//! JSON array.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{excerpt, Error, Location, Result, Segment};
use crate::quantity::Scale;

/// The part of a year a result covers.
///
/// ```
/// use thidua_core::Span;
/// assert_eq!(Span::Half(1).months(), 6);
/// assert_eq!(Span::MonthsToDate(9).months(), 9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Span {
    /// The whole year (cả năm) — `"2024"`.
    Year,
    /// A half-year (`1` = 6 tháng đầu năm, `2` = 6 tháng cuối năm) — `"2024-H1"`.
    Half(u8),
    /// A quarter — `"2024-Q3"`.
    Quarter(u8),
    /// A month — `"2024-M06"`.
    Month(u8),
    /// The first `n` months, cumulated (lũy kế n tháng, "9 tháng") — `"2024-9M"`.
    MonthsToDate(u8),
}

impl Span {
    /// How many months the span covers (12 for a year).
    pub fn months(self) -> u8 {
        match self {
            Span::Year => 12,
            Span::Half(_) => 6,
            Span::Quarter(_) => 3,
            Span::Month(_) => 1,
            Span::MonthsToDate(n) => n,
        }
    }
}

/// A reporting period: a year and a span within it. In JSON and tables it is a string:
/// `"2024"`, `"2024-H1"`, `"2024-Q3"`, `"2024-M06"`, `"2024-9M"`.
///
/// ```
/// use thidua_core::Period;
/// let p: Period = "2024-H1".parse()?;
/// assert_eq!(p.year, 2024);
/// assert_eq!(p.months(), 6);
/// assert!(!p.is_full_year());
/// assert_eq!(p.to_string(), "2024-H1");
/// assert_eq!(p.label_vi(), "6 tháng đầu năm 2024");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The calendar year.
    pub year: i32,
    /// The span inside it.
    pub span: Span,
}

impl Period {
    /// The whole of `year`.
    pub fn year(year: i32) -> Period {
        Period {
            year,
            span: Span::Year,
        }
    }

    /// Months covered.
    pub fn months(&self) -> u8 {
        self.span.months()
    }

    /// Whether this is a full year (12 months, as a year or as "12M").
    pub fn is_full_year(&self) -> bool {
        self.months() == 12
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            Span::Year => write!(f, "{}", self.year),
            Span::Half(h) => write!(f, "{}-H{h}", self.year),
            Span::Quarter(q) => write!(f, "{}-Q{q}", self.year),
            Span::Month(m) => write!(f, "{}-M{m:02}", self.year),
            Span::MonthsToDate(n) => write!(f, "{}-{n}M", self.year),
        }
    }
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Period> {
        let err = |reason: &str| Error::InvalidPeriod {
            location: Location::new().with_context(format!("period {:?}", excerpt(s))),
            reason: reason.to_string(),
        };
        let t = s.trim();
        let (y, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("expected a four-digit year, as in \"2024\", \"2024-H1\", \"2024-Q3\", \"2024-M06\" or \"2024-9M\""));
        }
        let year: i32 = y.parse().map_err(|_| err("bad year"))?;
        let num = |x: &str, lo: u8, hi: u8, what: &str| -> Result<u8> {
            match x.parse::<u8>() {
                Ok(n) if (lo..=hi).contains(&n) && !x.starts_with('+') => Ok(n),
                _ => Err(err(&format!("{what} must be {lo}..{hi}"))),
            }
        };
        let span = match rest {
            None => Span::Year,
            Some(r) => {
                if let Some(h) = r.strip_prefix('H') {
                    Span::Half(num(h, 1, 2, "the half")?)
                } else if let Some(q) = r.strip_prefix('Q') {
                    Span::Quarter(num(q, 1, 4, "the quarter")?)
                } else if let Some(m) = r.strip_prefix('M') {
                    Span::Month(num(m, 1, 12, "the month")?)
                } else if let Some(n) = r.strip_suffix('M') {
                    Span::MonthsToDate(num(n, 1, 12, "the number of months")?)
                } else {
                    return Err(err(
                        "expected H1/H2, Q1..Q4, M01..M12 or 1M..12M after the year",
                    ));
                }
            }
        };
        Ok(Period { year, span })
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Period, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a period such as \"2024\", \"2024-H1\", \"2024-Q3\", \"2024-M06\" or \"2024-9M\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Period, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Period, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Period, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-(H[12]|Q[1-4]|M(0?[1-9]|1[0-2])|(0?[1-9]|1[0-2])M))?$",
            "description": "\"2024\" (year), \"2024-H1\" (half), \"2024-Q3\" (quarter), \"2024-M06\" (month), \"2024-9M\" (first 9 months, cumulative)"
        })
    }
}

/// Whether a figure is an estimate (ước thực hiện) or official (chính thức).
///
/// ```
/// use thidua_core::{Provenance, ResultEntry};
/// let r: ResultEntry = serde_json::from_str(
///     r#"{"unit": "A", "target": "3", "period": "2024", "value": "2415", "provenance": "estimate"}"#)?;
/// assert_eq!(r.provenance, Provenance::Estimate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Provenance {
    /// Official figure (số liệu chính thức). The default when a row does not say.
    #[default]
    Official,
    /// Estimate (ước thực hiện).
    Estimate,
}

/// A council's judgement on a qualitative target.
///
/// ```
/// use thidua_core::{Judgement, ResultEntry};
/// let r: ResultEntry = serde_json::from_str(
///     r#"{"unit": "A", "target": "15", "period": "2024", "judgement": "met"}"#)?;
/// assert_eq!(r.judgement, Some(Judgement::Met));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Judgement {
    /// Vượt — done beyond what was asked.
    Exceeded,
    /// Đạt.
    Met,
    /// Không đạt.
    NotMet,
}

/// One reported figure: a unit's result for one target (or one component of a composite
/// target) in one period.
///
/// Which fields a row needs depends on the target kind:
///
/// | kind | fields |
/// |---|---|
/// | rate, growth rate, per-capita, count, amount, ceiling, range, threshold share | `value` |
/// | reduction | `value` (the level now) and `baseline` (the level before) |
/// | rank improvement | `value` (rank now) and `baseline` (rank in the baseline year); optional `out_of` and `baseline_out_of` |
/// | composite decrease | one row per `component`, each with `value` and `baseline` |
/// | qualitative | `judgement` |
/// | reference without a value | `value` and `baseline` (the reference value, e.g. the assigned estimate) |
///
/// A row with none of `value` / `judgement` means **no data yet** (chưa có số liệu); a row with
/// `not_applicable` means the target does not apply to this unit.
///
/// ```
/// use thidua_core::ResultEntry;
/// let r: ResultEntry = serde_json::from_str(
///     r#"{"unit": "Kon Tum", "target": "7", "period": "2024", "value": "2.1", "baseline": "5.6"}"#,
/// )?;
/// assert_eq!(r.period.to_string(), "2024");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultEntry {
    /// The reporting unit (đơn vị): a province, district, commune, department.
    pub unit: String,
    /// The target id in the directive.
    pub target: String,
    /// The component id, for a composite target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// The reporting period.
    pub period: Period,
    /// The value, in the target's unit (decimal string in JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub value: Option<Decimal>,
    /// The baseline value, where the kind needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub baseline: Option<Decimal>,
    /// The scale of `value` and `baseline` when it differs from the target's ("triệu" when the
    /// target is in "tỷ"); converted exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// The unit the value is measured in, when the source states it; checked against the
    /// target's unit (a mismatch such as đồng vs USD is an error, never a conversion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_unit: Option<crate::quantity::Unit>,
    /// For ranks: how many were ranked this time (63 provinces before mid-2025, 34 after).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of: Option<u32>,
    /// For ranks: how many were ranked in the baseline year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_out_of: Option<u32>,
    /// The council's judgement, for qualitative targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<Judgement>,
    /// Set when the target does not apply to this unit (e.g. no industrial park).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// Estimate or official. Also read from `status` (a common column name in reporting
    /// workbooks), as a serde alias: JSON, records, DataFrames and JavaScript objects accept
    /// the same names.
    #[serde(default, alias = "status")]
    pub provenance: Provenance,
    /// Free text (source, remark).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ResultEntry {
    /// A plain numeric result.
    pub fn value(
        unit: impl Into<String>,
        target: impl Into<String>,
        period: Period,
        value: Decimal,
    ) -> ResultEntry {
        ResultEntry {
            unit: unit.into(),
            target: target.into(),
            component: None,
            period,
            value: Some(value),
            baseline: None,
            scale: None,
            value_unit: None,
            out_of: None,
            baseline_out_of: None,
            judgement: None,
            not_applicable: false,
            provenance: Provenance::Official,
            note: None,
        }
    }

    /// The same entry with a baseline.
    pub fn with_baseline(mut self, baseline: Decimal) -> ResultEntry {
        self.baseline = Some(baseline);
        self
    }
}

/// A set of reported results, usually for one directive.
///
/// ```
/// use thidua_core::ResultSet;
/// let rs = ResultSet::from_json(r#"{"entries": [
///   {"unit": "Kon Tum", "target": "1", "period": "2024", "value": "10.5"}
/// ]}"#)?;
/// assert_eq!(rs.entries.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultSet {
    /// The directive the results answer (its number), for reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directive: Option<String>,
    /// Free text describing the data (e.g. "illustrative figures").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The rows.
    pub entries: Vec<ResultEntry>,
}

impl ResultSet {
    /// Reads a result set from JSON. Either `{"entries": [...]}` or a bare array of rows. In
    /// both forms the rows' paths are `results[i]…` (`results[3].value`).
    pub fn from_json(json: &str) -> Result<ResultSet> {
        let bare = json.trim_start().starts_with('[');
        let rows_as_results = |e: Error| -> Error {
            // `[3].value` (bare array) or `entries[3].value` → `results[3].value`.
            let skip = match e.location().segments() {
                [Segment::Index(_), ..] if bare => 0,
                [Segment::Field(f), Segment::Index(_), ..] if !bare && f == "entries" => 1,
                _ => return e,
            };
            e.without_prefix(skip).in_field("results")
        };
        if bare {
            let entries: Vec<ResultEntry> =
                crate::json::from_str(json, "result set").map_err(rows_as_results)?;
            Ok(ResultSet {
                directive: None,
                description: None,
                entries,
            })
        } else {
            crate::json::from_str(json, "result set").map_err(rows_as_results)
        }
    }

    /// Writes the result set as pretty JSON.
    ///
    /// Fails only beyond [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES).
    pub fn to_json(&self) -> crate::Result<String> {
        crate::json::to_string_pretty(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn periods_parse_and_print() {
        for s in [
            "2024", "2024-H1", "2024-H2", "2024-Q4", "2024-M01", "2024-M12", "2024-9M", "2024-12M",
        ] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
        for bad in [
            "24", "2024-H3", "2024-Q0", "2024-M13", "2024-0M", "2024-13M", "2024-X", "", "2024-M+1",
        ] {
            assert_eq!(
                bad.parse::<Period>().unwrap_err().code(),
                "invalid_period",
                "{bad}"
            );
        }
        assert!("2024-12M".parse::<Period>().unwrap().is_full_year());
        assert_eq!(
            "2024-Q3".parse::<Period>().unwrap().label_vi(),
            "quý III/2024"
        );
    }

    #[test]
    fn period_accepts_bare_json_year() {
        let p: Period = serde_json::from_str("2024").unwrap();
        assert_eq!(p, Period::year(2024));
    }

    #[test]
    fn result_set_reads_bare_arrays_and_reports_errors() {
        let rs = ResultSet::from_json(r#"[{"unit":"A","target":"1","period":"2024","value":"1"}]"#)
            .unwrap();
        assert_eq!(rs.entries[0].value, Some(Decimal::ONE));
        let e =
            ResultSet::from_json(r#"[{"unit":"A","target":"1","period":"2024-H3"}]"#).unwrap_err();
        assert_eq!(e.code(), "json");
        assert!(
            e.to_string().contains("H3") || e.to_string().contains("half"),
            "{e}"
        );
    }

    proptest! {
        #[test]
        fn result_entry_serde_round_trip(v in any::<i64>(), dp in 0u32..8, b in proptest::option::of(any::<i32>()), est in any::<bool>()) {
            let mut r = ResultEntry::value("Đơn vị A", "3", "2024-9M".parse().unwrap(), Decimal::new(v, dp));
            r.baseline = b.map(Decimal::from);
            r.provenance = if est { Provenance::Estimate } else { Provenance::Official };
            let j = serde_json::to_string(&r).unwrap();
            let back: ResultEntry = serde_json::from_str(&j).unwrap();
            prop_assert_eq!(back, r);
        }
    }
}
