//! Reported results (kết quả thực hiện): per unit, target and reporting period.
//!
//! A [`ResultSet`] is a flat list of [`ResultEntry`] rows, the same shape as a long table
//! (one row per unit × target × period), so that it maps directly to a pandas DataFrame or a
//! JSON array.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
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
#[non_exhaustive]
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
                // The typed error (`invalid_period`) at the field's path, as the columnar
                // readers give it.
                v.parse().map_err(crate::json::refuse)
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

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Period {
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

/// Whether a figure is an estimate (ước thực hiện), preliminary (sơ bộ) or official (chính
/// thức). A row that does not say is read as official; the evaluation warns
/// (`provenance_missing`) when other rows of the same set do say.
///
/// ```
/// use thidua_core::{Provenance, ResultEntry};
/// let r: ResultEntry = serde_json::from_str(
///     r#"{"unit": "A", "target": "3", "period": "2024", "value": "2415", "provenance": "estimate"}"#)?;
/// assert_eq!(r.provenance, Some(Provenance::Estimate));
/// assert!(Provenance::Official.rank() > Provenance::Preliminary.rank());
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Provenance {
    /// Official figure (số liệu chính thức). What a row that does not say is read as.
    #[default]
    Official,
    /// Estimate (ước thực hiện, ước đạt, dự kiến, dự ước).
    Estimate,
    /// Preliminary figure (số sơ bộ): after the estimate, before the official figure.
    Preliminary,
}

impl Provenance {
    /// Order of precedence under [`Supersede::Official`]: estimate 0, preliminary 1, official 2.
    pub fn rank(self) -> u8 {
        match self {
            Provenance::Estimate => 0,
            Provenance::Preliminary => 1,
            Provenance::Official => 2,
        }
    }

    /// "ước", "sơ bộ", "chính thức".
    pub fn label_vi(self) -> &'static str {
        match self {
            Provenance::Estimate => "ước",
            Provenance::Preliminary => "sơ bộ",
            Provenance::Official => "chính thức",
        }
    }

    /// "estimate", "preliminary", "official".
    pub fn label_en(self) -> &'static str {
        match self {
            Provenance::Estimate => "estimate",
            Provenance::Preliminary => "preliminary",
            Provenance::Official => "official",
        }
    }
}

/// Which of several results for the same unit × target × period (× component) is used.
/// Every output lists the others as revisions, each with its own status.
///
/// ```
/// use thidua_core::Supersede;
/// assert_eq!(Supersede::default(), Supersede::Official);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Supersede {
    /// The most official figure is used (chính thức over sơ bộ over ước); among figures of the
    /// same provenance, the latest `date`. The default: the official figure supersedes the
    /// December estimate.
    #[default]
    Official,
    /// The latest `date` is used, whatever its provenance (rows without a date count as the
    /// oldest); among rows of the same date, the most official.
    Latest,
}

/// A council's judgement on a qualitative target, or a verdict as a report printed it.
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Judgement {
    /// Vượt — done beyond what was asked.
    Exceeded,
    /// Đạt.
    Met,
    /// Không đạt.
    NotMet,
}

/// How approximate a reported figure is ("hơn 290 triệu USD", "gần 6,5%", "khoảng 2%").
///
/// Evaluated by the **edge rule** (`docs/evaluation.md` §10): the figure is taken as stated,
/// and the qualifier decides only where the figure falls exactly on a threshold: `over`
/// ("hơn/trên X": the true value is above X) counts as just above it, `under` and `nearly`
/// ("dưới X", "gần X": below X) as just below it; `about`, `at_least`, `at_most` as the figure
/// itself. When the status could differ for a value the wording allows, the evaluation says
/// so (`approximate_undetermined`).
///
/// ```
/// use thidua_core::Qualifier;
/// assert_eq!(Qualifier::Over.word_vi(), "hơn");
/// assert_eq!(Qualifier::Over.edge(), std::cmp::Ordering::Greater);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Qualifier {
    /// khoảng, xấp xỉ, chừng, ước chừng — about X.
    About,
    /// hơn, trên — more than X.
    Over,
    /// dưới — less than X.
    Under,
    /// gần — nearly X (just under).
    Nearly,
    /// ít nhất, tối thiểu, từ … trở lên — X or more.
    AtLeast,
    /// tối đa, không quá — X or less.
    AtMost,
}

impl Qualifier {
    /// Where the true value lies relative to the stated figure when it falls exactly on a
    /// threshold (`Greater` = just above, `Less` = just below, `Equal` = at it).
    pub fn edge(self) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        match self {
            Qualifier::Over => Greater,
            Qualifier::Under | Qualifier::Nearly => Less,
            Qualifier::About | Qualifier::AtLeast | Qualifier::AtMost => Equal,
        }
    }

    /// Which side of the figure the true value may lie on: `Greater` (above only), `Less`
    /// (below only) or `Equal` (either side).
    pub fn side(self) -> std::cmp::Ordering {
        use std::cmp::Ordering::*;
        match self {
            Qualifier::Over | Qualifier::AtLeast => Greater,
            Qualifier::Under | Qualifier::Nearly | Qualifier::AtMost => Less,
            Qualifier::About => Equal,
        }
    }

    /// The qualifier of the same figure with its sign reversed ("xuất siêu hơn 2%" is a
    /// deficit under −2%): over ↔ under, at least ↔ at most, nearly → over.
    pub fn reversed(self) -> Qualifier {
        match self {
            Qualifier::Over => Qualifier::Under,
            Qualifier::Under => Qualifier::Over,
            Qualifier::Nearly => Qualifier::Over,
            Qualifier::AtLeast => Qualifier::AtMost,
            Qualifier::AtMost => Qualifier::AtLeast,
            Qualifier::About => Qualifier::About,
        }
    }

    /// The Vietnamese word: "khoảng", "hơn", "dưới", "gần", "ít nhất", "tối đa".
    pub fn word_vi(self) -> &'static str {
        match self {
            Qualifier::About => "khoảng",
            Qualifier::Over => "hơn",
            Qualifier::Under => "dưới",
            Qualifier::Nearly => "gần",
            Qualifier::AtLeast => "ít nhất",
            Qualifier::AtMost => "tối đa",
        }
    }

    /// The English word: "about", "over", "under", "nearly", "at least", "at most".
    pub fn word_en(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Nearly => "nearly",
            Qualifier::AtLeast => "at least",
            Qualifier::AtMost => "at most",
        }
    }
}

/// The unit of a result reported only as a change ([`ResultEntry::change`]).
///
/// ```
/// use thidua_core::ChangeUnit;
/// assert_eq!(serde_json::to_string(&ChangeUnit::PercentagePoints)?, "\"percentage_points\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeUnit {
    /// Percentage points of a rate ("giảm 1,2 điểm %").
    PercentagePoints,
    /// Percent: growth of a quantity ("tăng 8,8% so với cùng kỳ"); for a quantity that is
    /// itself in %, read as percentage points (the convention of "giảm 4%" for a rate).
    Percent,
    /// In the target's unit and scale (or the row's `scale`): "tăng 8,95 triệu đồng", "giảm 500 hộ".
    Absolute,
}

/// What a change is measured against.
///
/// ```
/// use thidua_core::ChangeFrom;
/// assert_eq!(serde_json::to_string(&ChangeFrom::SamePeriod)?, "\"same_period\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeFrom {
    /// The previous year ("so với năm 2023", "so với năm trước").
    PreviousYear,
    /// The same period of the previous year ("so với cùng kỳ"); for a full year, the
    /// previous year.
    SamePeriod,
}

/// One reported figure: a unit's result for one target (or one component of a composite
/// target) in one period, as it was reported.
///
/// A result takes one of these **forms** (each evaluated by the rule of
/// `docs/evaluation.md` §10, never silently):
///
/// | form | fields | example |
/// |---|---|---|
/// | value | `value` (± `qualifier`) | "ước đạt 6,5%", "hơn 290 triệu USD" |
/// | range | `value` and `value_high` | "6,6-6,8%" |
/// | share of plan | `share_of_plan` (± `plan_level`) | "đạt 102,6% kế hoạch", "đạt 135,6% dự toán Trung ương giao" |
/// | change | `change`, `change_unit` (± `change_from`, `baseline`) | "giảm 1,2 điểm %", "tăng 8,8% so với cùng kỳ" |
/// | verdict | `judgement` and `source` (numeric target, no number) | "vượt kế hoạch" |
/// | judgement | `judgement` (qualitative target) | đạt |
/// | reported text | `reported` only: read by [`crate::reported::read_result`] | "hơn 290" |
///
/// Which other fields a kind needs:
///
/// | kind | fields |
/// |---|---|
/// | rate, growth rate, per-capita, count, amount, ceiling, range, threshold share | `value` |
/// | reduction | `value` (the level now) and `baseline` (the level before), or the decrease as a `change` |
/// | rank improvement | `value` (rank now) and `baseline` (rank in the baseline year); optional `out_of` and `baseline_out_of` |
/// | composite decrease | one row per `component`, each with `value` and `baseline` |
/// | qualitative | `judgement` |
/// | reference without a value | `value` and `baseline` (the reference value, e.g. the assigned estimate), or `share_of_plan` |
///
/// A row with none of the result fields means **no data yet** (chưa có số liệu); a row with
/// `not_applicable` means the target does not apply to this unit. Several rows for one unit ×
/// target × period are allowed when they differ in `provenance` or `date` (the December
/// estimate and the March official figure): [`Supersede`] says which is used.
///
/// ```
/// use thidua_core::ResultEntry;
/// let r: ResultEntry = serde_json::from_str(
///     r#"{"unit": "Kon Tum", "target": "7", "period": "2024", "value": "2.1", "baseline": "5.6"}"#,
/// )?;
/// assert_eq!(r.period.to_string(), "2024");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The value, in the target's unit (decimal string in JSON); the lower end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub value: Option<Decimal>,
    /// The upper end of a result reported as a range ("6,6-6,8%", "61-62").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub value_high: Option<Decimal>,
    /// How approximate `value` (or `share_of_plan`) is: "hơn", "gần", "khoảng"…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The baseline value, where the kind needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub baseline: Option<Decimal>,
    /// The result as a percentage of plan only ("đạt 102,6% kế hoạch": `"102.6"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub share_of_plan: Option<Decimal>,
    /// The plan level this row's `share_of_plan` refers to, as written ("dự toán Trung ương
    /// giao"): matched against the target's levels by id or label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_level: Option<String>,
    /// The result as a change only, signed (positive = increase): "giảm 1,2 điểm %" is
    /// `"-1.2"` with `change_unit` `percentage_points`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub change: Option<Decimal>,
    /// The unit of `change` (required with it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_unit: Option<ChangeUnit>,
    /// What `change` is measured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_from: Option<ChangeFrom>,
    /// The scale of `value` and `baseline` when it differs from the target's ("triệu" when the
    /// target is in "tỷ"); converted exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// The unit the value is measured in, when the source states it; checked against the
    /// target's unit (a mismatch such as đồng vs USD is an error, never a conversion). A scale
    /// word in front ("triệu USD", "tỷ đồng") sets the scale.
    /// An empty string (`""`, an empty cell) is an absent unit, on every path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "deserialize_value_unit")]
    pub value_unit: Option<crate::quantity::Unit>,
    /// For ranks: how many were ranked this time (63 provinces before mid-2025, 34 after).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of: Option<u32>,
    /// For ranks: how many were ranked in the baseline year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_out_of: Option<u32>,
    /// The council's judgement (qualitative targets), or the verdict the report printed: alone
    /// on a numeric target it is the result (then `source` is required); beside a number it is
    /// compared with the evaluation (`verdict_differs` when they disagree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<Judgement>,
    /// Set when the target does not apply to this unit (e.g. no industrial park).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// Estimate, preliminary or official; absent = official (see [`Provenance`]). Also read
    /// from `status` (a common column name in reporting workbooks), as a serde alias: JSON,
    /// records, DataFrames and JavaScript objects accept the same names.
    #[serde(default, alias = "status", skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The date of the figure (of the report that gave it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<chrono::NaiveDate>,
    /// The result as it was reported, verbatim ("ước đạt hơn 39.883 tỷ đồng"). Shown in the
    /// explanation; alone (no value, share, change or judgement) it is read with
    /// [`crate::reported::read_result`] against the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<String>,
    /// Where the figure comes from (a report, a press conference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text (remark); shown in the explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ResultEntry {
    /// A row with only its unit, target and period (no data yet); fill in the rest.
    pub fn new(unit: impl Into<String>, target: impl Into<String>, period: Period) -> ResultEntry {
        ResultEntry {
            unit: unit.into(),
            target: target.into(),
            component: None,
            period,
            value: None,
            value_high: None,
            qualifier: None,
            baseline: None,
            share_of_plan: None,
            plan_level: None,
            change: None,
            change_unit: None,
            change_from: None,
            scale: None,
            value_unit: None,
            out_of: None,
            baseline_out_of: None,
            judgement: None,
            not_applicable: false,
            provenance: None,
            date: None,
            reported: None,
            source: None,
            note: None,
        }
    }

    /// A plain numeric result.
    pub fn value(
        unit: impl Into<String>,
        target: impl Into<String>,
        period: Period,
        value: Decimal,
    ) -> ResultEntry {
        ResultEntry {
            value: Some(value),
            ..ResultEntry::new(unit, target, period)
        }
    }

    /// The same entry with a baseline.
    pub fn with_baseline(mut self, baseline: Decimal) -> ResultEntry {
        self.baseline = Some(baseline);
        self
    }

    /// Whether the row carries a result of its own (a value, a share of plan, a change or a
    /// judgement), as opposed to only `reported` text, or nothing (no data).
    pub fn has_result(&self) -> bool {
        self.value.is_some()
            || self.share_of_plan.is_some()
            || self.change.is_some()
            || self.judgement.is_some()
    }

    /// The provenance the row is read with: its own, or official when it does not say.
    pub fn effective_provenance(&self) -> Provenance {
        self.provenance.unwrap_or_default()
    }

    /// The scale and unit the row states: `value_unit` read by
    /// [`crate::quantity::parse_unit_phrase`] (so "triệu USD" is the scale triệu and the unit
    /// USD) and `scale`. A scale in both that disagrees is an error.
    pub fn stated_scale_and_unit(&self) -> Result<(Option<Scale>, Option<crate::quantity::Unit>)> {
        let (mut scale, unit) = match &self.value_unit {
            None => (None, None),
            Some(u) => {
                let (s, u) = crate::quantity::parse_unit_phrase(&u.to_string())?;
                (s, Some(u))
            }
        };
        match (scale, self.scale) {
            (Some(a), Some(b)) if a != b => {
                return Err(Error::InvalidResult {
                    location: Location::new(),
                    reason: format!(
                        "`value_unit` {:?} says the scale {a:?} but `scale` says {b:?}",
                        self.value_unit
                            .as_ref()
                            .map(|u| u.to_string())
                            .unwrap_or_default()
                    ),
                })
            }
            (None, b) => scale = b,
            _ => {}
        }
        Ok((scale, unit))
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ResultSet {
    /// The directive the results answer (its number), for reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directive: Option<String>,
    /// Free text describing the data (e.g. "illustrative figures").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The rows.
    // At most `limits::MAX_ROWS`, refused while read.
    #[serde(deserialize_with = "crate::limits::de::rows")]
    pub entries: Vec<ResultEntry>,
}

/// A bare array of rows, read with the same row limit as `ResultSet::entries`.
#[derive(Deserialize)]
#[serde(transparent)]
struct BareRows(#[serde(deserialize_with = "crate::limits::de::rows")] Vec<ResultEntry>);

/// The path of an error in the rows of a result set read from JSON: `[3].value` (a bare
/// array) or `entries[3].value` → `results[3].value`.
pub(crate) fn rows_as_results(e: Error, bare: bool) -> Error {
    let skip = match e.location().segments() {
        [Segment::Index(_), ..] if bare => 0,
        [Segment::Field(f), Segment::Index(_), ..] if !bare && f == "entries" => 1,
        _ => return e,
    };
    e.without_prefix(skip).in_field("results")
}

impl ResultSet {
    /// Reads a result set from JSON. Either `{"entries": [...]}` or a bare array of rows. In
    /// both forms the rows' paths are `results[i]…` (`results[3].value`).
    pub fn from_json(json: &str) -> Result<ResultSet> {
        let bare = json.trim_start().starts_with('[');
        let rows_as_results = |e: Error| rows_as_results(e, bare);
        if bare {
            let BareRows(entries) =
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

/// The one rule for a result's `value_unit`, on every path (JSON, Arrow, plain columns,
/// Python's columns): an empty string is an absent unit — it is what an empty cell of a text
/// column is (pyarrow's CSV reader, a sheet exported to JSON with empty cells as `""`), and
/// the sheet reader reads an empty cell as absent too — and any other text is read as a
/// [`Unit`](crate::Unit) (text of spaces only is refused: it is not empty, and names no unit).
///
/// ```
/// use thidua_core::results::deserialize_value_unit;
/// use serde_json::json;
/// assert_eq!(deserialize_value_unit(json!(""))?, None);
/// assert_eq!(deserialize_value_unit(json!(null))?, None);
/// assert!(deserialize_value_unit(json!("%"))?.is_some());
/// assert!(deserialize_value_unit(json!("  ")).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn deserialize_value_unit<'de, D>(d: D) -> std::result::Result<Option<crate::Unit>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => crate::Unit::try_from(s)
            .map(Some)
            .map_err(serde::de::Error::custom),
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
        assert_eq!(e.code(), "invalid_period");
        assert_eq!(e.location().path(), "results[0].period");
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
            r.provenance = Some(if est { Provenance::Estimate } else { Provenance::Official });
            let j = serde_json::to_string(&r).unwrap();
            let back: ResultEntry = serde_json::from_str(&j).unwrap();
            prop_assert_eq!(back, r);
        }
    }
}
