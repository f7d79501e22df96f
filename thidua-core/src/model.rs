//! The directive model: a launching document (Chỉ thị, Kế hoạch, Chương trình, Công văn…) with
//! its metadata, content points and numbered targets.
//!
//! The JSON format is exactly the serde form of these types; its JSON Schema, generated from
//! the types, is `docs/schema/directive.schema.json` (see [`crate::schema`]).

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::number::format_vn;
use crate::quantity::{Quantity, Unit};

/// The kind of launching document (loại văn bản).
///
/// ```
/// use thidua_core::DocumentKind;
/// assert_eq!(DocumentKind::Programme.name_vi(), "Chương trình");
/// assert_eq!(serde_json::to_string(&DocumentKind::OfficialLetter).unwrap(), "\"official_letter\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Chỉ thị.
    Directive,
    /// Kế hoạch.
    Plan,
    /// Chương trình.
    Programme,
    /// Công văn / văn bản (an official letter).
    OfficialLetter,
    /// Nghị quyết (a People's Council or Party resolution).
    Resolution,
    /// Quyết định.
    Decision,
    /// Any other kind of document.
    Other,
}

impl DocumentKind {
    /// The Vietnamese name ("Chỉ thị", "Kế hoạch"…).
    pub fn name_vi(self) -> &'static str {
        match self {
            DocumentKind::Directive => "Chỉ thị",
            DocumentKind::Plan => "Kế hoạch",
            DocumentKind::Programme => "Chương trình",
            DocumentKind::OfficialLetter => "Công văn",
            DocumentKind::Resolution => "Nghị quyết",
            DocumentKind::Decision => "Quyết định",
            DocumentKind::Other => "Văn bản",
        }
    }
}

/// Who issued the document.
///
/// ```
/// use thidua_core::Issuer;
/// let i: Issuer = serde_json::from_str(r#"{"name": "UBND tỉnh Kon Tum", "locality": "Kon Tum"}"#).unwrap();
/// assert_eq!(i.locality.as_deref(), Some("Kon Tum"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The issuing body as written: "UBND tỉnh Kon Tum", "Chủ tịch UBND tỉnh Bình Dương".
    pub name: String,
    /// The province or locality (data, never a hard-coded list: units change over time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
}

/// The years a directive covers (usually one year).
///
/// ```
/// use thidua_core::Coverage;
/// let c = Coverage { year: 2021, until_year: Some(2025) };
/// assert!(c.contains(2023) && !c.contains(2026));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// First year covered.
    pub year: i32,
    /// Last year covered, when several (e.g. 2021–2025); absent for one year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_year: Option<i32>,
}

impl Coverage {
    /// Whether `year` is covered.
    pub fn contains(&self, year: i32) -> bool {
        year >= self.year && year <= self.until_year.unwrap_or(self.year)
    }
}

/// A document cited as legal or political basis (căn cứ).
///
/// ```
/// use thidua_core::LegalBasis;
/// let b: LegalBasis = serde_json::from_str(
///     r#"{"kind": "Nghị quyết", "number": "23-NQ/TU", "date": "2023-12-05", "issuer": "Tỉnh ủy"}"#).unwrap();
/// assert_eq!(b.date.unwrap().to_string(), "2023-12-05");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// Document kind as written ("Nghị quyết", "Chỉ thị").
    pub kind: String,
    /// Number as written ("23-NQ/TU").
    pub number: String,
    /// Date of the cited document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Issuer as written ("Tỉnh ủy", "Bộ Chính trị").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

/// One content point (nội dung thi đua): "Một là, …", "1. …".
///
/// ```
/// use thidua_core::ContentPoint;
/// let p: ContentPoint = serde_json::from_str(r#"{"label": "Một là", "text": "thi đua thực hiện thắng lợi…"}"#).unwrap();
/// assert_eq!(p.label.as_deref(), Some("Một là"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentPoint {
    /// The label as written ("Một là", "1"), absent for unlabelled paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The text.
    pub text: String,
}

/// How a target's value must compare with the result (§3 of the domain notes). The edge
/// matters: "trên X" is **strict**, "từ X trở lên" is inclusive.
///
/// ```
/// use thidua_core::Comparator;
/// use rust_decimal::Decimal;
/// let x = Decimal::from(50);
/// assert!(!Comparator::Above.holds(x, x));   // "trên 50": 50 is not enough
/// assert!(Comparator::AtLeast.holds(x, x));  // "từ 50 trở lên": 50 is enough
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// ≥ — "đạt", "từ … trở lên", "ít nhất", "tối thiểu", "duy trì", "phấn đấu", a bare number.
    AtLeast,
    /// > — "trên", "hơn", "vượt".
    Above,
    /// ≤ — "không quá", "tối đa", "không vượt quá", a bare ceiling.
    AtMost,
    /// < — "dưới", "thấp hơn".
    Below,
}

impl Comparator {
    /// Whether `result` satisfies `result <cmp> target`.
    pub fn holds(self, result: Decimal, target: Decimal) -> bool {
        self.holds_ordering(result.cmp(&target))
    }

    /// Whether the comparator holds given `result.cmp(&target)` (lets a caller compare once
    /// and reuse the ordering).
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// use thidua_core::Comparator;
    /// assert!(Comparator::AtLeast.holds_ordering(Ordering::Equal));
    /// assert!(!Comparator::Above.holds_ordering(Ordering::Equal));
    /// ```
    pub fn holds_ordering(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Comparator::AtLeast => matches!(ord, Greater | Equal),
            Comparator::Above => ord == Greater,
            Comparator::AtMost => matches!(ord, Less | Equal),
            Comparator::Below => ord == Less,
        }
    }

    /// The direction this comparator implies.
    pub fn direction(self) -> Direction {
        match self {
            Comparator::AtLeast | Comparator::Above => Direction::HigherIsBetter,
            Comparator::AtMost | Comparator::Below => Direction::LowerIsBetter,
        }
    }

    /// Vietnamese wording placed before the number ("từ", "trên", "không quá", "dưới").
    pub fn word_vi(self) -> &'static str {
        match self {
            Comparator::AtLeast => "từ",
            Comparator::Above => "trên",
            Comparator::AtMost => "không quá",
            Comparator::Below => "dưới",
        }
    }

    /// Vietnamese wording placed after the number ("trở lên" for ≥, else "").
    pub fn suffix_vi(self) -> &'static str {
        match self {
            Comparator::AtLeast => " trở lên",
            _ => "",
        }
    }

    /// English wording ("at least", "above", "at most", "below").
    pub fn word_en(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at least",
            Comparator::Above => "above",
            Comparator::AtMost => "at most",
            Comparator::Below => "below",
        }
    }

    /// The symbol (≥, >, ≤, <).
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::Above => ">",
            Comparator::AtMost => "≤",
            Comparator::Below => "<",
        }
    }
}

/// Which way is better. Never a silent default: it follows from the target kind and its
/// comparator, and is reported in every evaluation.
///
/// ```
/// use thidua_core::{Direction, TargetSpec};
/// let ceiling: TargetSpec = serde_json::from_str(
///     r#"{"kind": "ceiling", "comparator": "at_most", "value": {"value": "1.3", "unit": "%"}}"#).unwrap();
/// assert_eq!(ceiling.direction(), Direction::LowerIsBetter);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A larger result is better (rates, amounts, counts, reductions achieved, places gained).
    HigherIsBetter,
    /// A smaller result is better (ceilings).
    LowerIsBetter,
    /// Inside a band is right; above it is as bad as below it.
    WithinBand,
    /// Judged, not measured (qualitative targets).
    Judged,
}

/// Whether a value accumulates over the year (a **flow**: revenue, exports, visitors, new
/// enterprises) or is a state at a moment (a **level**: a rate, a per-capita value). In-year
/// results of flows are compared with a pro-rata share of the annual target; levels are
/// compared with the annual target directly (§5).
///
/// ```
/// use thidua_core::{Measure, TargetSpec};
/// let revenue: TargetSpec = serde_json::from_str(r#"{"kind": "amount", "comparator": "at_least",
///     "value": {"value": "4600", "scale": "billion", "unit": "đồng"}, "measure": "flow"}"#).unwrap();
/// assert_eq!(revenue.measure(), Measure::Flow);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Accumulates over the period (lũy kế).
    Flow,
    /// A state at the end of the period.
    Level,
}

/// What happens above the upper bound of a [`TargetSpec::Range`].
///
/// ```
/// use thidua_core::{Direction, TargetSpec};
/// let band: TargetSpec = serde_json::from_str(r#"{"kind": "range", "low": {"value": "3", "unit": "%"},
///     "high": {"value": "4", "unit": "%"}, "above_high": "not_met"}"#).unwrap();
/// assert_eq!(band.direction(), Direction::WithinBand);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AboveRange {
    /// Above the upper bound is better still ("tăng trưởng 7–7,5%" and more is welcome).
    Exceeded,
    /// Above the upper bound misses the target (a band such as inflation "3–4%").
    NotMet,
}

/// The unit of a reduction.
///
/// ```
/// use thidua_core::ReductionUnit;
/// assert_eq!(serde_json::to_string(&ReductionUnit::PercentagePoints).unwrap(), "\"percentage_points\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReductionUnit {
    /// Percentage points of a rate: "tỷ lệ hộ nghèo giảm 4%" = baseline − result ≥ 4 points.
    PercentagePoints,
    /// Percent of the baseline: "giảm 10% số vụ" = (baseline − result) ÷ baseline × 100 ≥ 10.
    PercentOfBaseline,
    /// An absolute count or amount in the result's unit: "giảm 500 hộ".
    Absolute,
}

/// One component of a [`TargetSpec::CompositeDecrease`].
///
/// ```
/// use thidua_core::Component;
/// let c: Component = serde_json::from_str(r#"{"id": "deaths", "name": "người chết"}"#).unwrap();
/// assert_eq!(c.id, "deaths");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Id used by results (`"cases"`, `"deaths"`…).
    pub id: String,
    /// Name as written ("số vụ", "người chết", "bị thương").
    pub name: String,
}

/// The kind of a target, with what it needs. Each kind keeps its own meaning (see
/// `docs/target-kinds.md` for the formula, thresholds and edge cases of each).
///
/// In JSON: `{"kind": "rate", "comparator": "at_least", "value": "54"}`.
///
/// ```
/// use thidua_core::{TargetKind, TargetSpec};
/// let poverty: TargetSpec = serde_json::from_str(r#"{"kind": "reduction", "comparator": "at_least",
///     "value": "3", "value_high": "4", "unit": "percentage_points", "per_year": true}"#).unwrap();
/// assert_eq!(poverty.kind(), TargetKind::Reduction);
/// assert_eq!(poverty.describe_vi(), "giảm ít nhất 3–4 điểm %/năm");
/// assert!(poverty.needs_baseline());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum TargetSpec {
    /// A percentage level of a population (tỷ lệ): "Tỷ lệ lao động qua đào tạo đạt 54%". Higher
    /// is better; the comparator must be `at_least` or `above`.
    Rate {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The rate in percent (`"54"` = 54 %).
        value: Decimal,
    },
    /// A growth rate in percent over the previous year (tốc độ tăng trưởng): "GRDP đạt từ 10%
    /// trở lên". Higher is better.
    GrowthRate {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The growth in percent.
        value: Decimal,
    },
    /// A value per person or per `per` persons (bình quân đầu người, "/1 vạn dân"). Higher is
    /// better.
    PerCapita {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The value per `per` persons ("50 triệu đồng", "39,6 giường").
        value: Quantity,
        /// The population base: `1` (per person) or `10000` (per 10,000 people, "1 vạn dân").
        per: Decimal,
    },
    /// A count of discrete things (doanh nghiệp, xã, sản phẩm, tiêu chí). Higher is better.
    Count {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The count.
        value: Decimal,
        /// What is counted ("doanh nghiệp").
        noun: String,
        /// `flow` for "thành lập mới", "có thêm", "tăng trong năm"; `level` for a stock.
        measure: Measure,
    },
    /// An amount with a scale and unit (tỷ đồng, triệu USD, ha, lượt khách). Higher is better.
    Amount {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The amount.
        value: Quantity,
        /// `flow` (revenue, exports, visitors, hectares planted) or `level` (a stock).
        measure: Measure,
    },
    /// A level that must stay at or below (ceiling): "Tỷ lệ tăng dân số tự nhiên 1,3%",
    /// "không quá 50%", "dưới 1,2%". Lower is better.
    Ceiling {
        /// `at_most` or `below`.
        comparator: Comparator,
        /// The ceiling.
        value: Quantity,
    },
    /// A decrease against a baseline: "Tỷ lệ hộ nghèo giảm ít nhất 4%" (percentage points),
    /// "giảm ít nhất 3-4%/năm" (a range), "giảm 500 hộ". The result needs a baseline; the
    /// achieved decrease is baseline − result (or its percent of the baseline).
    Reduction {
        /// `at_least` or `above`, applied to the decrease.
        comparator: Comparator,
        /// The (lower) decrease required.
        value: Decimal,
        /// Upper end when the text gives a range ("3-4%"); absent otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value_high: Option<Decimal>,
        /// What the decrease is measured in.
        unit: ReductionUnit,
        /// `true` when the text says "/năm" (per year).
        #[serde(default)]
        per_year: bool,
    },
    /// A value between two bounds ("7–7,5%"): below the lower bound is not met, inside is met,
    /// above follows `above_high`.
    Range {
        /// Lower bound (inclusive).
        low: Quantity,
        /// Upper bound (inclusive).
        high: Quantity,
        /// What a result above `high` means.
        above_high: AboveRange,
    },
    /// A rank to improve against a baseline year (PCI, PAPI, PAR INDEX, SIPAS "tăng 05 bậc so
    /// với năm 2023"). Rank 1 is best; places gained = baseline rank − result rank.
    RankImprovement {
        /// The index ranked ("PCI").
        index: String,
        /// Places to gain (≥ 0; 0 means "keep the rank").
        places: u32,
        /// The year the baseline rank is from.
        baseline_year: i32,
    },
    /// Several counts that must all fall versus the baseline (same period of the previous
    /// year): traffic accidents "giảm cả 3 tiêu chí (số vụ, người chết, bị thương)".
    CompositeDecrease {
        /// The components; each result names one with `component`.
        components: Vec<Component>,
    },
    /// The share of units that meet a standard, with a strict or inclusive bound: "trên 95%
    /// xã … đạt tiêu chuẩn an toàn", "100% khu công nghiệp có hệ thống xử lý nước thải".
    ThresholdShare {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The share in percent.
        value: Decimal,
        /// What is counted ("xã, phường, thị trấn, cơ quan").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        of: Option<String>,
    },
    /// A target judged, not measured: "Đảm bảo công tác quốc phòng và quân sự địa phương". The
    /// result is a judgement (`exceeded`, `met`, `not_met`) by the council.
    Qualitative {},
    /// A target stated only by reference, whose value is known later: "đạt dự toán được
    /// giao", "cao hơn năm 2022". `value` is filled in when known; until then each result must
    /// carry the reference value as its `baseline`.
    Reference {
        /// `at_least` / `above` (higher is better) or `at_most` / `below`.
        comparator: Comparator,
        /// The reference as written ("dự toán được giao").
        reference: String,
        /// The unit of results and of the value.
        unit: Unit,
        /// The scale of results and of the value.
        #[serde(default)]
        scale: crate::quantity::Scale,
        /// Flow or level.
        measure: Measure,
        /// The value once known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<Decimal>,
    },
}

/// The names of the target kinds, as used in JSON `kind` fields and in reports.
///
/// ```
/// use thidua_core::TargetKind;
/// assert_eq!(TargetKind::PerCapita.as_str(), "per_capita");
/// assert_eq!(TargetKind::RankImprovement.to_string(), "rank_improvement");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// See [`TargetSpec::Rate`].
    Rate,
    /// See [`TargetSpec::GrowthRate`].
    GrowthRate,
    /// See [`TargetSpec::PerCapita`].
    PerCapita,
    /// See [`TargetSpec::Count`].
    Count,
    /// See [`TargetSpec::Amount`].
    Amount,
    /// See [`TargetSpec::Ceiling`].
    Ceiling,
    /// See [`TargetSpec::Reduction`].
    Reduction,
    /// See [`TargetSpec::Range`].
    Range,
    /// See [`TargetSpec::RankImprovement`].
    RankImprovement,
    /// See [`TargetSpec::CompositeDecrease`].
    CompositeDecrease,
    /// See [`TargetSpec::ThresholdShare`].
    ThresholdShare,
    /// See [`TargetSpec::Qualitative`].
    Qualitative,
    /// See [`TargetSpec::Reference`].
    Reference,
}

impl TargetKind {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Rate => "rate",
            TargetKind::GrowthRate => "growth_rate",
            TargetKind::PerCapita => "per_capita",
            TargetKind::Count => "count",
            TargetKind::Amount => "amount",
            TargetKind::Ceiling => "ceiling",
            TargetKind::Reduction => "reduction",
            TargetKind::Range => "range",
            TargetKind::RankImprovement => "rank_improvement",
            TargetKind::CompositeDecrease => "composite_decrease",
            TargetKind::ThresholdShare => "threshold_share",
            TargetKind::Qualitative => "qualitative",
            TargetKind::Reference => "reference",
        }
    }
}

impl fmt::Display for TargetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TargetSpec {
    /// The kind's name.
    pub fn kind(&self) -> TargetKind {
        match self {
            TargetSpec::Rate { .. } => TargetKind::Rate,
            TargetSpec::GrowthRate { .. } => TargetKind::GrowthRate,
            TargetSpec::PerCapita { .. } => TargetKind::PerCapita,
            TargetSpec::Count { .. } => TargetKind::Count,
            TargetSpec::Amount { .. } => TargetKind::Amount,
            TargetSpec::Ceiling { .. } => TargetKind::Ceiling,
            TargetSpec::Reduction { .. } => TargetKind::Reduction,
            TargetSpec::Range { .. } => TargetKind::Range,
            TargetSpec::RankImprovement { .. } => TargetKind::RankImprovement,
            TargetSpec::CompositeDecrease { .. } => TargetKind::CompositeDecrease,
            TargetSpec::ThresholdShare { .. } => TargetKind::ThresholdShare,
            TargetSpec::Qualitative {} => TargetKind::Qualitative,
            TargetSpec::Reference { .. } => TargetKind::Reference,
        }
    }

    /// Which way is better for this target.
    pub fn direction(&self) -> Direction {
        match self {
            TargetSpec::Ceiling { .. } => Direction::LowerIsBetter,
            TargetSpec::Range {
                above_high: AboveRange::NotMet,
                ..
            } => Direction::WithinBand,
            TargetSpec::Qualitative {} => Direction::Judged,
            TargetSpec::Reference { comparator, .. } => comparator.direction(),
            _ => Direction::HigherIsBetter,
        }
    }

    /// Flow or level (see [`Measure`]). Rates, per-capita values, ceilings, shares, ranks and
    /// reductions are levels; counts, amounts and references say which they are.
    pub fn measure(&self) -> Measure {
        match self {
            TargetSpec::Count { measure, .. }
            | TargetSpec::Amount { measure, .. }
            | TargetSpec::Reference { measure, .. } => *measure,
            _ => Measure::Level,
        }
    }

    /// The unit a numeric result for this target is reported in, if it has one.
    pub fn result_unit(&self) -> Option<Unit> {
        match self {
            TargetSpec::Rate { .. }
            | TargetSpec::GrowthRate { .. }
            | TargetSpec::ThresholdShare { .. } => Some(Unit::Percent),
            TargetSpec::PerCapita { value, .. }
            | TargetSpec::Amount { value, .. }
            | TargetSpec::Ceiling { value, .. } => Some(value.unit.clone()),
            TargetSpec::Range { low, .. } => Some(low.unit.clone()),
            TargetSpec::Count { noun, .. } => Some(Unit::Count(noun.clone())),
            TargetSpec::Reference { unit, .. } => Some(unit.clone()),
            TargetSpec::Reduction { .. } => None,
            TargetSpec::RankImprovement { .. } => Some(Unit::Count("bậc".into())),
            TargetSpec::CompositeDecrease { .. } | TargetSpec::Qualitative {} => None,
        }
    }

    /// The scale a numeric result for this target is expressed in (that of its value).
    pub fn result_scale(&self) -> crate::quantity::Scale {
        match self {
            TargetSpec::PerCapita { value, .. }
            | TargetSpec::Amount { value, .. }
            | TargetSpec::Ceiling { value, .. } => value.scale,
            TargetSpec::Range { low, .. } => low.scale,
            TargetSpec::Reference { scale, .. } => *scale,
            _ => crate::quantity::Scale::One,
        }
    }

    /// Whether results need a `baseline`.
    pub fn needs_baseline(&self) -> bool {
        matches!(
            self,
            TargetSpec::Reduction { .. }
                | TargetSpec::RankImprovement { .. }
                | TargetSpec::CompositeDecrease { .. }
        ) || matches!(self, TargetSpec::Reference { value: None, .. })
    }

    /// The target as a short Vietnamese phrase ("từ 10% trở lên", "trên 50 triệu đồng/người",
    /// "giảm ít nhất 3–4 điểm %/năm").
    pub fn describe_vi(&self) -> String {
        let pct = |c: Comparator, v: &Decimal| {
            format!(
                "{} {}%{}",
                c.word_vi(),
                format_vn(v.normalize()),
                c.suffix_vi()
            )
        };
        match self {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::GrowthRate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => pct(*comparator, value),
            TargetSpec::PerCapita {
                comparator,
                value,
                per,
            } => format!(
                "{} {}/{}{}",
                comparator.word_vi(),
                value,
                per_label_vi(*per),
                comparator.suffix_vi()
            ),
            TargetSpec::Count {
                comparator,
                value,
                noun,
                ..
            } => format!(
                "{} {} {}{}",
                comparator.word_vi(),
                format_vn(value.normalize()),
                noun,
                comparator.suffix_vi()
            ),
            TargetSpec::Amount {
                comparator, value, ..
            }
            | TargetSpec::Ceiling { comparator, value } => {
                format!(
                    "{} {}{}",
                    comparator.word_vi(),
                    value,
                    comparator.suffix_vi()
                )
            }
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                unit,
                per_year,
            } => {
                let amount = match value_high {
                    Some(h) => format!(
                        "{}–{}",
                        format_vn(value.normalize()),
                        format_vn(h.normalize())
                    ),
                    None => format_vn(value.normalize()),
                };
                let unit = match unit {
                    ReductionUnit::PercentagePoints => " điểm %",
                    ReductionUnit::PercentOfBaseline => "% so với kỳ gốc",
                    ReductionUnit::Absolute => "",
                };
                let lead = match comparator {
                    Comparator::AtLeast => "giảm ít nhất",
                    Comparator::Above => "giảm trên",
                    Comparator::AtMost => "giảm không quá",
                    Comparator::Below => "giảm dưới",
                };
                format!(
                    "{lead} {amount}{unit}{}",
                    if *per_year { "/năm" } else { "" }
                )
            }
            TargetSpec::Range { low, high, .. } => format!("từ {low} đến {high}"),
            TargetSpec::RankImprovement {
                index,
                places,
                baseline_year,
            } => format!("{index} tăng {places} bậc so với năm {baseline_year}"),
            TargetSpec::CompositeDecrease { components } => format!(
                "giảm cả {} tiêu chí ({})",
                components.len(),
                components
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            TargetSpec::Qualitative {} => "đánh giá định tính".into(),
            TargetSpec::Reference {
                comparator,
                reference,
                value,
                unit,
                scale,
                ..
            } => match value {
                Some(v) => format!(
                    "{} {}{}",
                    comparator.word_vi(),
                    Quantity::scaled(*v, *scale, unit.clone()),
                    comparator.suffix_vi()
                ),
                None => {
                    let lead = match comparator {
                        Comparator::AtLeast => "đạt",
                        Comparator::Above => "cao hơn",
                        Comparator::AtMost => "không vượt",
                        Comparator::Below => "thấp hơn",
                    };
                    format!("{lead} {reference}")
                }
            },
        }
    }

    /// The target as a short English phrase ("at least 10%", "above 50 million VND per person").
    pub fn describe_en(&self) -> String {
        let num = |v: &Decimal| crate::number::format_en_rounded(*v, 10);
        match self {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::GrowthRate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => format!("{} {}%", comparator.word_en(), num(value)),
            TargetSpec::PerCapita {
                comparator,
                value,
                per,
            } => format!(
                "{} {} per {}",
                comparator.word_en(),
                value.to_string_en(),
                if *per == Decimal::ONE {
                    "person".to_string()
                } else {
                    format!("{} people", num(per))
                }
            ),
            TargetSpec::Count {
                comparator,
                value,
                noun,
                ..
            } => format!("{} {} {}", comparator.word_en(), num(value), noun),
            TargetSpec::Amount {
                comparator, value, ..
            }
            | TargetSpec::Ceiling { comparator, value } => {
                format!("{} {}", comparator.word_en(), value.to_string_en())
            }
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                unit,
                per_year,
            } => {
                let amount = match value_high {
                    Some(h) => format!("{}–{}", num(value), num(h)),
                    None => num(value),
                };
                let unit = match unit {
                    ReductionUnit::PercentagePoints => " percentage points",
                    ReductionUnit::PercentOfBaseline => "% of the baseline",
                    ReductionUnit::Absolute => "",
                };
                format!(
                    "a decrease of {} {amount}{unit}{}",
                    comparator.word_en(),
                    if *per_year { " per year" } else { "" }
                )
            }
            TargetSpec::Range { low, high, .. } => {
                format!("between {} and {}", low.to_string_en(), high.to_string_en())
            }
            TargetSpec::RankImprovement {
                index,
                places,
                baseline_year,
            } => format!("{index} up {places} places on {baseline_year}"),
            TargetSpec::CompositeDecrease { components } => {
                format!("a decrease in all {} components", components.len())
            }
            TargetSpec::Qualitative {} => "qualitative assessment".into(),
            TargetSpec::Reference {
                comparator,
                reference,
                value,
                unit,
                scale,
                ..
            } => match value {
                Some(v) => format!(
                    "{} {}",
                    comparator.word_en(),
                    Quantity::scaled(*v, *scale, unit.clone()).to_string_en()
                ),
                None => format!("{} {}", comparator.word_en(), reference),
            },
        }
    }

    fn validate(&self, loc: &str) -> Result<()> {
        let bad = |reason: String| {
            Err(Error::InvalidDirective {
                location: loc.to_string(),
                reason,
            })
        };
        let higher = |c: &Comparator| -> Result<()> {
            if c.direction() == Direction::HigherIsBetter {
                Ok(())
            } else {
                bad(format!(
                    "comparator {c:?} means lower is better; a {} target needs at_least or above (use a ceiling for an upper limit)",
                    self.kind()
                ))
            }
        };
        let positive = |v: &Decimal, what: &str| -> Result<()> {
            if *v > Decimal::ZERO {
                Ok(())
            } else {
                bad(format!(
                    "{what} must be greater than 0 (found {v}); a zero or negative target has no % of plan"
                ))
            }
        };
        match self {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => {
                higher(comparator)?;
                positive(value, "the rate")?;
                if *value > Decimal::ONE_HUNDRED {
                    return bad(format!("a share cannot exceed 100% (found {value})"));
                }
            }
            TargetSpec::GrowthRate { comparator, value } => {
                higher(comparator)?;
                positive(value, "the growth rate")?;
            }
            TargetSpec::PerCapita {
                comparator,
                value,
                per,
            } => {
                higher(comparator)?;
                positive(&value.value, "the per-capita value")?;
                positive(per, "the population base `per`")?;
            }
            TargetSpec::Count {
                comparator,
                value,
                noun,
                ..
            } => {
                higher(comparator)?;
                positive(value, "the count")?;
                if noun.trim().is_empty() {
                    return bad("the counted noun is empty".into());
                }
            }
            TargetSpec::Amount {
                comparator, value, ..
            } => {
                higher(comparator)?;
                positive(&value.value, "the amount")?;
            }
            TargetSpec::Ceiling { comparator, value } => {
                if comparator.direction() != Direction::LowerIsBetter {
                    return bad(format!(
                        "a ceiling needs at_most or below, found {comparator:?}"
                    ));
                }
                if value.value < Decimal::ZERO {
                    return bad(format!(
                        "a ceiling cannot be negative (found {})",
                        value.value
                    ));
                }
                if *comparator == Comparator::Below && value.value.is_zero() {
                    return bad("\"below 0\" can never be met".into());
                }
            }
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                ..
            } => {
                higher(comparator)?;
                positive(value, "the decrease")?;
                if let Some(h) = value_high {
                    if h <= value {
                        return bad(format!(
                            "the range's upper end {h} must be greater than its lower end {value}"
                        ));
                    }
                }
            }
            TargetSpec::Range { low, high, .. } => {
                low.unit.check_compatible(&high.unit, loc)?;
                let l = low.base_value(loc)?;
                let h = high.base_value(loc)?;
                if h <= l {
                    return bad(format!("the range is empty: {low} to {high}"));
                }
                if l <= Decimal::ZERO {
                    return bad(format!(
                        "the lower bound must be greater than 0 (found {low})"
                    ));
                }
            }
            TargetSpec::RankImprovement { index, .. } => {
                if index.trim().is_empty() {
                    return bad("the index name is empty".into());
                }
            }
            TargetSpec::CompositeDecrease { components } => {
                if components.is_empty() {
                    return bad("a composite decrease needs at least one component".into());
                }
                let mut seen = HashSet::new();
                for c in components {
                    if !seen.insert(c.id.as_str()) {
                        return Err(Error::DuplicateId {
                            id: c.id.clone(),
                            location: format!("{loc}.components"),
                        });
                    }
                }
            }
            TargetSpec::Qualitative {} => {}
            TargetSpec::Reference {
                comparator, value, ..
            } => {
                if let Some(v) = value {
                    if comparator.direction() == Direction::HigherIsBetter {
                        positive(v, "the reference value")?;
                    } else if *v < Decimal::ZERO {
                        return bad(format!("a ceiling cannot be negative (found {v})"));
                    }
                }
            }
        }
        Ok(())
    }
}

fn per_label_vi(per: Decimal) -> String {
    if per == Decimal::ONE {
        "người".into()
    } else if per == Decimal::from(10_000) {
        "1 vạn dân".into()
    } else {
        format!("{} dân", format_vn(per.normalize()))
    }
}

/// One target (chỉ tiêu). Its `id` is unique in the directive and is what results refer to.
///
/// ```
/// use thidua_core::{Target, TargetSpec, Comparator};
/// use rust_decimal::Decimal;
/// let t = Target::new("6", "Tỷ lệ lao động qua đào tạo",
///     TargetSpec::Rate { comparator: Comparator::AtLeast, value: Decimal::from(54) });
/// assert_eq!(t.spec.describe_vi(), "từ 54% trở lên");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Unique id: `"1"` for the only target of item (1), `"10a"`, `"10b"` for several targets
    /// under one number, `"6.1"` for a "trong đó" sub-target of `"6"`.
    pub id: String,
    /// Name as written ("Tỷ lệ lao động qua đào tạo").
    pub name: String,
    /// English name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The kind and its parameters.
    pub spec: TargetSpec,
    /// Sub-targets introduced by "trong đó" (of which).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_targets: Vec<Target>,
    /// How the text words the value when it is not a plain comparator: a bare value
    /// ("GRDP bình quân đầu người: 3.000 USD") or an approximate one ("khoảng 69%").
    /// Informational: evaluation follows `spec` (see `docs/target-kinds.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<Wording>,
    /// The years the value is stated for: each year ("/năm", "bình quân hằng năm"), a period
    /// ("giai đoạn 2021-2025") or a deadline ("đến năm 2030"). Informational: evaluation
    /// compares each result with the value, whatever its period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<Horizon>,
}

impl Target {
    /// A target with no sub-targets and no English name.
    pub fn new(id: impl Into<String>, name: impl Into<String>, spec: TargetSpec) -> Target {
        Target {
            id: id.into(),
            name: name.into(),
            name_en: None,
            spec,
            sub_targets: Vec::new(),
            wording: None,
            horizon: None,
        }
    }

    /// Whether the value holds for each year: [`Horizon::per_year`], or the `per_year` of a
    /// [`TargetSpec::Reduction`].
    ///
    /// ```
    /// use thidua_core::{Horizon, Target, TargetSpec, Comparator};
    /// use rust_decimal::Decimal;
    /// let mut t = Target::new("1", "Tốc độ tăng trưởng GRDP bình quân",
    ///     TargetSpec::GrowthRate { comparator: Comparator::AtLeast, value: Decimal::from(7) });
    /// assert!(!t.per_year());
    /// t.horizon = Some(Horizon { per_year: true, from_year: Some(2021), until_year: Some(2025) });
    /// assert!(t.per_year());
    /// ```
    pub fn per_year(&self) -> bool {
        self.horizon.is_some_and(|h| h.per_year)
            || matches!(self.spec, TargetSpec::Reduction { per_year: true, .. })
    }
}

/// How a target's value is worded when the text gives no plain comparator (§3 of the domain
/// notes). The spec keeps the comparator used for evaluation (≥, or ≤ for a ceiling); this
/// records what the text itself said, so that a reader or a scoring scheme can tell "đạt 69%"
/// from "khoảng 69%" and from a bare "69%".
///
/// ```
/// use thidua_core::Wording;
/// assert_eq!(serde_json::to_string(&Wording::Approximate).unwrap(), "\"approximate\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Wording {
    /// No comparator word: a value after ":", "là", "có", "bằng", "chiếm", alone in a table
    /// cell, or right after the name ("Tỷ lệ hộ dân dùng nước hợp vệ sinh 100%").
    Bare,
    /// "khoảng X" (about X).
    Approximate,
}

/// The years a target's value is stated for.
///
/// ```
/// use thidua_core::Horizon;
/// let h: Horizon = serde_json::from_str(r#"{"per_year": true, "from_year": 2021, "until_year": 2025}"#).unwrap();
/// assert!(h.per_year);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// The value holds for each year, or is a yearly average over the years: "/năm",
    /// "mỗi năm", "hằng năm", "bình quân 5 năm", "bình quân giai đoạn 2021-2030 … %/năm".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_year: bool,
    /// The first year of a stated period ("giai đoạn 2021-2025" → 2021).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    /// The last year of a stated period or the deadline ("đến năm 2030" → 2030).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_year: Option<i32>,
}

/// A numbered item "(n) …" of the directive, holding one or more targets.
///
/// ```
/// use thidua_core::TargetItem;
/// let item: TargetItem = serde_json::from_str(r#"{"number": 10, "text": "Trồng mới 3.000 ha rừng; tỷ lệ độ che phủ rừng đạt trên 63,1%",
///   "targets": [
///     {"id": "10a", "name": "Trồng mới rừng", "spec": {"kind": "amount", "comparator": "at_least",
///       "value": {"value": "3000", "unit": "ha"}, "measure": "flow"}},
///     {"id": "10b", "name": "Tỷ lệ che phủ rừng", "spec": {"kind": "rate", "comparator": "above", "value": "63.1"}}]}"#).unwrap();
/// assert_eq!(item.targets.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetItem {
    /// The number as printed (1 for "(1)").
    pub number: u32,
    /// The item's text as written in the source, verbatim.
    pub text: String,
    /// The targets stated in the item, in order.
    pub targets: Vec<Target>,
}

/// Where the directive text came from.
///
/// ```
/// use thidua_core::Source;
/// let s = Source { citation: "Cổng TTĐT tỉnh Kon Tum, 08/02/2024".into(), note: None };
/// assert!(serde_json::to_string(&s).unwrap().contains("citation"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A citation: the web page or file the text was taken from.
    pub citation: String,
    /// Notes on how the data was derived (e.g. a document number read from an attachment name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A directive launching an emulation movement.
///
/// ```
/// use thidua_core::Directive;
/// let json = r#"{
///   "kind": "directive", "number": "08/CT-UBND",
///   "issuer": {"name": "Chủ tịch UBND tỉnh Kon Tum", "locality": "Kon Tum"},
///   "issued": "2024-02-06", "coverage": {"year": 2024},
///   "title": "Phát động Phong trào thi đua yêu nước năm 2024",
///   "items": [{"number": 1, "text": "Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên",
///     "targets": [{"id": "1", "name": "Tốc độ tăng trưởng GRDP",
///       "spec": {"kind": "growth_rate", "comparator": "at_least", "value": "10"}}]}]
/// }"#;
/// let d = Directive::from_json(json).unwrap();
/// assert_eq!(d.target("1").unwrap().spec.describe_vi(), "từ 10% trở lên");
/// assert_eq!(d.target_count(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Directive {
    /// The kind of document.
    pub kind: DocumentKind,
    /// The document number as written ("129/UBND-KTTH", "322 CTr/UBND"); absent if the text
    /// does not give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The issuer.
    pub issuer: Issuer,
    /// Date of issue (ngày ban hành).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<NaiveDate>,
    /// Date of publication (ngày đăng) of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The year(s) covered.
    pub coverage: Coverage,
    /// Title (trích yếu).
    pub title: String,
    /// Theme or slogan (chủ đề).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Documents cited as basis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_bases: Vec<LegalBasis>,
    /// Content points (nội dung thi đua), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_points: Vec<ContentPoint>,
    /// The numbered target items, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<TargetItem>,
    /// Where the data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Directive {
    /// Reads a directive from JSON and [validates](Directive::validate) it.
    pub fn from_json(json: &str) -> Result<Directive> {
        let d: Directive = serde_json::from_str(json).map_err(|e| Error::json("directive", &e))?;
        d.validate()?;
        Ok(d)
    }

    /// Writes the directive as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every rule the type system cannot: a non-empty title and issuer, a plausible
    /// year (1900–2200), unique target ids (across items and
    /// sub-targets), positive values where a ratio needs them, comparators that fit their
    /// kind, item numbers in increasing order.
    pub fn validate(&self) -> Result<()> {
        let invalid = |location: &str, reason: String| Error::InvalidDirective {
            location: location.to_string(),
            reason,
        };
        if self.title.trim().is_empty() {
            return Err(invalid("title", "the title (trích yếu) is empty".into()));
        }
        if self.issuer.name.trim().is_empty() {
            return Err(invalid("issuer.name", "the issuer is empty".into()));
        }
        if !(1900..=2200).contains(&self.coverage.year) {
            return Err(invalid(
                "coverage.year",
                format!("{} is not a plausible year (1900–2200)", self.coverage.year),
            ));
        }
        if let Some(until) = self.coverage.until_year {
            if until < self.coverage.year {
                return Err(Error::InvalidDirective {
                    location: "coverage".into(),
                    reason: format!("until_year {until} is before year {}", self.coverage.year),
                });
            }
        }
        let mut ids = HashSet::new();
        let mut last = 0u32;
        for (i, item) in self.items.iter().enumerate() {
            let loc = format!("items[{i}] (item {})", item.number);
            if item.number <= last {
                return Err(Error::InvalidDirective {
                    location: loc,
                    reason: format!("item numbers must increase (after {last})"),
                });
            }
            last = item.number;
            for (j, t) in item.targets.iter().enumerate() {
                validate_target(t, &format!("{loc}.targets[{j}]"), &mut ids)?;
            }
        }
        Ok(())
    }

    /// Every target in document order, sub-targets right after their parent, with its item
    /// number and parent id.
    pub fn targets(&self) -> Vec<TargetRef<'_>> {
        let mut out = Vec::new();
        for item in &self.items {
            for t in &item.targets {
                push_targets(&mut out, item.number, None, t);
            }
        }
        out
    }

    /// The number of targets, sub-targets included.
    pub fn target_count(&self) -> usize {
        fn count(t: &Target) -> usize {
            1 + t.sub_targets.iter().map(count).sum::<usize>()
        }
        self.items
            .iter()
            .flat_map(|i| i.targets.iter())
            .map(count)
            .sum()
    }

    /// The target with this id, if any.
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets()
            .into_iter()
            .find(|r| r.target.id == id)
            .map(|r| r.target)
    }

    /// A short label: "Chỉ thị 08/CT-UBND", or the kind and title when there is no number.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{} {n}", self.kind.name_vi()),
            None => format!("{} \"{}\"", self.kind.name_vi(), self.title),
        }
    }
}

/// A target with its position in the directive.
///
/// ```
/// use thidua_core::Directive;
/// let d = Directive::from_json(include_str!("../../docs/examples/000_kon-tum-2021.json")).unwrap();
/// let all = d.targets();
/// let sub = all.iter().find(|t| t.target.id == "6.1").unwrap();
/// assert_eq!((sub.item, sub.parent), (6, Some("6")));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TargetRef<'a> {
    /// The item number.
    pub item: u32,
    /// The parent target's id for a "trong đó" sub-target.
    pub parent: Option<&'a str>,
    /// The target.
    pub target: &'a Target,
}

fn push_targets<'a>(
    out: &mut Vec<TargetRef<'a>>,
    item: u32,
    parent: Option<&'a str>,
    t: &'a Target,
) {
    out.push(TargetRef {
        item,
        parent,
        target: t,
    });
    for s in &t.sub_targets {
        push_targets(out, item, Some(&t.id), s);
    }
}

fn validate_target<'a>(t: &'a Target, loc: &str, ids: &mut HashSet<&'a str>) -> Result<()> {
    let loc = format!("{loc} (target {:?})", t.id);
    if t.id.trim().is_empty() {
        return Err(Error::InvalidDirective {
            location: loc,
            reason: "the target id is empty".into(),
        });
    }
    if !ids.insert(t.id.as_str()) {
        return Err(Error::DuplicateId {
            id: t.id.clone(),
            location: loc,
        });
    }
    t.spec.validate(&loc)?;
    for (k, s) in t.sub_targets.iter().enumerate() {
        validate_target(s, &format!("{loc}.sub_targets[{k}]"), ids)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(v: i64) -> TargetSpec {
        TargetSpec::Rate {
            comparator: Comparator::AtLeast,
            value: Decimal::from(v),
        }
    }

    fn directive(items: Vec<TargetItem>) -> Directive {
        Directive {
            kind: DocumentKind::Directive,
            number: Some("1/CT-UBND".into()),
            issuer: Issuer {
                name: "UBND tỉnh X".into(),
                locality: None,
            },
            issued: None,
            published: None,
            coverage: Coverage {
                year: 2024,
                until_year: None,
            },
            title: "t".into(),
            theme: None,
            legal_bases: vec![],
            content_points: vec![],
            items,
            source: None,
        }
    }

    #[test]
    fn duplicate_ids_are_refused_even_in_sub_targets() {
        let mut parent = Target::new("6", "a", rate(54));
        parent.sub_targets.push(Target::new("6", "b", rate(38)));
        let d = directive(vec![TargetItem {
            number: 6,
            text: "x".into(),
            targets: vec![parent],
        }]);
        let e = d.validate().unwrap_err();
        assert_eq!(e.code(), "duplicate_id");
        assert!(e.to_string().contains("sub_targets[0]"), "{e}");
    }

    #[test]
    fn zero_and_contradictory_targets_are_refused() {
        for spec in [
            rate(0),
            rate(101),
            TargetSpec::Rate {
                comparator: Comparator::AtMost,
                value: Decimal::TEN,
            },
            TargetSpec::Ceiling {
                comparator: Comparator::AtLeast,
                value: Quantity::new(Decimal::ONE, Unit::Percent),
            },
            TargetSpec::Reduction {
                comparator: Comparator::AtLeast,
                value: Decimal::from(4),
                value_high: Some(Decimal::from(3)),
                unit: ReductionUnit::PercentagePoints,
                per_year: true,
            },
            TargetSpec::CompositeDecrease { components: vec![] },
        ] {
            let d = directive(vec![TargetItem {
                number: 1,
                text: "x".into(),
                targets: vec![Target::new("1", "a", spec.clone())],
            }]);
            assert!(d.validate().is_err(), "{spec:?} should be refused");
        }
    }

    #[test]
    fn empty_title_issuer_and_year_zero_are_refused() {
        let mut d = directive(vec![]);
        d.title = "  ".into();
        assert!(d.validate().unwrap_err().to_string().contains("title"));
        let mut d = directive(vec![]);
        d.issuer.name.clear();
        assert!(d.validate().unwrap_err().to_string().contains("issuer"));
        let mut d = directive(vec![]);
        d.coverage.year = 0;
        assert!(d
            .validate()
            .unwrap_err()
            .to_string()
            .contains("coverage.year"));
    }

    #[test]
    fn item_numbers_must_increase() {
        let d = directive(vec![
            TargetItem {
                number: 2,
                text: "x".into(),
                targets: vec![Target::new("2", "a", rate(5))],
            },
            TargetItem {
                number: 2,
                text: "x".into(),
                targets: vec![Target::new("2b", "a", rate(5))],
            },
        ]);
        assert_eq!(d.validate().unwrap_err().code(), "invalid_directive");
    }

    #[test]
    fn unknown_fields_and_kinds_are_json_errors() {
        let e = Directive::from_json(r#"{"kind":"memo"}"#).unwrap_err();
        assert_eq!(e.code(), "json");
        assert!(e.to_string().contains("memo"), "{e}");
    }

    #[test]
    fn describes_seed_targets() {
        let t = TargetSpec::PerCapita {
            comparator: Comparator::AtLeast,
            value: "39,3 giường".parse().unwrap(),
            per: Decimal::from(10_000),
        };
        assert_eq!(t.describe_vi(), "từ 39,3 giường/1 vạn dân trở lên");
        let t = TargetSpec::Reduction {
            comparator: Comparator::AtLeast,
            value: Decimal::from(3),
            value_high: Some(Decimal::from(4)),
            unit: ReductionUnit::PercentagePoints,
            per_year: true,
        };
        assert_eq!(t.describe_vi(), "giảm ít nhất 3–4 điểm %/năm");
        assert_eq!(
            t.describe_en(),
            "a decrease of at least 3–4 percentage points per year"
        );
    }
}
