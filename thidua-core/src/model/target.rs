//! Targets: their kinds ([`TargetSpec`], [`TargetKind`]), comparators and directions.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::quantity::{Quantity, Unit};

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
}

/// Which way is better. Never a silent default: it follows from the target kind and its
/// comparator, and is reported in every evaluation.
///
/// ```
/// use thidua_core::{Direction, TargetSpec};
/// let ceiling: TargetSpec = serde_json::from_str(
///     r#"{"kind": "ceiling", "comparator": "at_most", "value": {"value": "1.3", "unit": "%"}}"#)?;
/// assert_eq!(ceiling.direction(), Direction::LowerIsBetter);
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
///     "value": {"value": "4600", "scale": "billion", "unit": "đồng"}, "measure": "flow"}"#)?;
/// assert_eq!(revenue.measure(), Measure::Flow);
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
pub enum Measure {
    /// Accumulates over the period (lũy kế).
    Flow,
    /// A state at the end of the period.
    Level,
}

/// The time a per-capita value is counted over, written after the person
/// ("triệu đồng/người/tháng" — per month, "đồng/người/năm" — per year).
///
/// It is part of the unit: a monthly income of 8,5 triệu đồng and a yearly one of 102 triệu
/// đồng are different figures, and a result must be reported on the same basis. It does not
/// make the target hold for each year (that is the per-year flag of its horizon).
///
/// ```
/// use thidua_core::{TargetSpec, TimeBase};
/// let income: TargetSpec = serde_json::from_str(r#"{"kind": "per_capita", "comparator": "at_least",
///     "value": {"value": "8.5", "scale": "million", "unit": "đồng"}, "per": "1", "per_time": "month"}"#)?;
/// assert!(matches!(income, TargetSpec::PerCapita { per_time: Some(TimeBase::Month), .. }));
/// assert_eq!(TimeBase::Month.vi(), "tháng");
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
pub enum TimeBase {
    /// Per day (ngày).
    Day,
    /// Per month (tháng).
    Month,
    /// Per quarter (quý).
    Quarter,
    /// Per year (năm).
    Year,
}

impl TimeBase {
    /// The Vietnamese word written after the slash: "ngày", "tháng", "quý", "năm".
    pub fn vi(self) -> &'static str {
        match self {
            TimeBase::Day => "ngày",
            TimeBase::Month => "tháng",
            TimeBase::Quarter => "quý",
            TimeBase::Year => "năm",
        }
    }

    /// The English word: "day", "month", "quarter", "year".
    pub fn en(self) -> &'static str {
        self.into()
    }

    /// The time base written as `word` ("tháng" → month), if any.
    pub fn from_vi(word: &str) -> Option<TimeBase> {
        match word {
            "ngày" => Some(TimeBase::Day),
            "tháng" => Some(TimeBase::Month),
            "quý" => Some(TimeBase::Quarter),
            "năm" => Some(TimeBase::Year),
            _ => None,
        }
    }
}

/// What happens above the upper bound of a [`TargetSpec::Range`].
///
/// ```
/// use thidua_core::{Direction, TargetSpec};
/// let band: TargetSpec = serde_json::from_str(r#"{"kind": "range", "low": {"value": "3", "unit": "%"},
///     "high": {"value": "4", "unit": "%"}, "above_high": "not_met"}"#)?;
/// assert_eq!(band.direction(), Direction::WithinBand);
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
/// assert_eq!(serde_json::to_string(&ReductionUnit::PercentagePoints)?, "\"percentage_points\"");
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
/// let c: Component = serde_json::from_str(r#"{"id": "deaths", "name": "người chết"}"#)?;
/// assert_eq!(c.id, "deaths");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Component {
    /// Id used by results (`"cases"`, `"deaths"`…).
    pub id: String,
    /// Name as written ("số vụ", "người chết", "bị thương").
    pub name: String,
}

impl Component {
    /// A component by id and name as written.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Component {
        Component {
            id: id.into(),
            name: name.into(),
        }
    }
}

/// The kind of a target, with what it needs. Each kind keeps its own meaning (see
/// `docs/target-kinds.md` for the formula, thresholds and edge cases of each).
///
/// In JSON: `{"kind": "rate", "comparator": "at_least", "value": "54"}`.
///
/// ```
/// use thidua_core::{TargetKind, TargetSpec};
/// let poverty: TargetSpec = serde_json::from_str(r#"{"kind": "reduction", "comparator": "at_least",
///     "value": "3", "value_high": "4", "unit": "percentage_points", "per_year": true}"#)?;
/// assert_eq!(poverty.kind(), TargetKind::Reduction);
/// assert_eq!(poverty.describe_vi(), "giảm ít nhất 3–4 điểm %/năm");
/// assert!(poverty.needs_baseline());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum TargetSpec {
    /// A percentage level of a population (tỷ lệ): "Tỷ lệ lao động qua đào tạo đạt 54%". Higher
    /// is better; the comparator must be `at_least` or `above`.
    Rate {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The rate in percent (`"54"` = 54 %).
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        value: Decimal,
    },
    /// A growth rate in percent over the previous year (tốc độ tăng trưởng): "GRDP đạt từ 10%
    /// trở lên". Higher is better.
    GrowthRate {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The growth in percent.
        #[serde(deserialize_with = "crate::decimal::deserialize")]
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
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        per: Decimal,
        /// The time the value is counted over, when written ("đồng/người/tháng"): part of
        /// the unit. Absent when the text names none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_time: Option<TimeBase>,
    },
    /// A count of discrete things (doanh nghiệp, xã, sản phẩm, tiêu chí). Higher is better.
    Count {
        /// `at_least` or `above`.
        comparator: Comparator,
        /// The count.
        #[serde(deserialize_with = "crate::decimal::deserialize")]
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
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        value: Decimal,
        /// Upper end when the text gives a range ("3-4%"); absent otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::decimal::deserialize_option")]
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
        #[serde(deserialize_with = "crate::decimal::deserialize")]
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
        #[serde(deserialize_with = "crate::decimal::deserialize_option")]
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
}

/// The reserved level ids: `"directive"` (the target's own `spec`), `"assigned"` (a unit's
/// assigned figure, giao chỉ tiêu) and `"pledged"` (a unit's pledge, đăng ký thi đua).
pub const RESERVED_LEVELS: &[&str] = &["directive", "assigned", "pledged"];

/// A further plan level of a target: the same indicator against another figure ("Chính phủ
/// phấn đấu 7%" beside "Quốc hội giao 6,5%"; "dự toán Trung ương giao" beside "dự toán HĐND
/// giao"). Its `spec` may be of another kind (a range beside a minimum) but must measure the
/// same thing: the same result unit, and a baseline where the target needs one.
///
/// ```
/// use thidua_core::PlanLevel;
/// let l: PlanLevel = serde_json::from_str(r#"{"id": "tw", "label": "dự toán Trung ương giao",
///   "spec": {"kind": "amount", "comparator": "at_least",
///            "value": {"value": "5430", "scale": "billion", "unit": "đồng"}, "measure": "flow"}}"#)?;
/// assert_eq!(l.id, "tw");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanLevel {
    /// Unique id within the target (not `directive`, `assigned` or `pledged`).
    pub id: String,
    /// The level's name as reports write it ("Trung ương giao", "Chính phủ phấn đấu").
    pub label: String,
    /// English name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// The figure of this level.
    pub spec: TargetSpec,
}
