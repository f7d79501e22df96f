//! The outputs of an evaluation: per target, per item, per unit, and the headline.

use rust_decimal::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;
use crate::model::{Direction, Measure, TargetKind};
use crate::results::{Period, Provenance};

/// A one-line explanation in Vietnamese and English.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let x = &e.units[0].targets[0].explanation;
/// assert_eq!(x.vi, "Kết quả năm 2024: 60% so với chỉ tiêu từ 59,3% trở lên: vượt, 101,18% kế hoạch.");
/// assert_eq!(x.en, "Result for 2024: 60% against a target of at least 59.3%: exceeded, 101.18% of plan.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Explanation {
    /// Tiếng Việt.
    pub vi: String,
    /// English.
    pub en: String,
}

/// The evaluation of one target for one unit and period.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let t = &e.units[0].targets[0];
/// assert_eq!((t.target.as_str(), t.status, t.ratio.unwrap().to_string()), ("1", Status::Exceeded, "101.18".to_string()));
/// assert_eq!(t.target_text, "từ 59,3% trở lên");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TargetEvaluation {
    /// Target id.
    pub target: String,
    /// Item number "(n)".
    pub item: u32,
    /// Parent id for a "trong đó" sub-target.
    pub parent: Option<String>,
    /// Target name.
    pub name: String,
    /// Target kind.
    pub kind: TargetKind,
    /// Which way is better.
    pub direction: Direction,
    /// Flow or level.
    pub measure: Measure,
    /// The target as words ("từ 10% trở lên").
    pub target_text: String,
    /// Status.
    pub status: Status,
    /// % of plan (rounded to `ratio_digits`), or `None` where undefined.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub ratio: Option<Decimal>,
    /// Signed gap, positive = better than the target.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub gap: Option<Decimal>,
    /// The result value (in the target's scale).
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub result: Option<Decimal>,
    /// The baseline (in the target's scale), when given.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub baseline: Option<Decimal>,
    /// What was compared (see [`Assessment::achieved`]).
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub achieved: Option<Decimal>,
    /// The threshold compared with (see [`Assessment::threshold`]).
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub threshold: Option<Decimal>,
    /// Whether the pro-rata in-year rule applied.
    pub pro_rata: bool,
    /// Estimate or official, when a result was given.
    pub provenance: Option<Provenance>,
    /// Why.
    pub explanation: Explanation,
}

/// The status of one numbered item (all its targets together).
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// assert_eq!(e.units[0].items[0].number, 1);
/// assert_eq!(e.units[0].items[0].status, Status::Exceeded);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ItemEvaluation {
    /// Item number.
    pub number: u32,
    /// Combined status (see [`HeadlineBasis::Items`]).
    pub status: Status,
}

/// Counts and the headline "đạt và vượt X/Y chỉ tiêu".
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let s = &e.units[0].summary;
/// assert_eq!((s.met_or_exceeded, s.total), (1, 1));
/// assert_eq!(s.headline_en, "1 of 1 targets met or exceeded (1 exceeded, 0 met, 0 not met)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// What was counted.
    pub basis: HeadlineBasis,
    /// Y: everything counted except "not applicable".
    pub total: u32,
    /// X: met or exceeded.
    pub met_or_exceeded: u32,
    /// Exceeded.
    pub exceeded: u32,
    /// Met.
    pub met: u32,
    /// Not met.
    pub not_met: u32,
    /// No data.
    pub no_data: u32,
    /// Not applicable (not in `total`).
    pub not_applicable: u32,
    /// "đạt và vượt 12/14 chỉ tiêu (vượt 8, đạt 4, không đạt 1, chưa có số liệu 1)".
    pub headline_vi: String,
    /// "12 of 14 targets met or exceeded (8 exceeded, 4 met, 1 not met, 1 no data)".
    pub headline_en: String,
}

impl Summary {
    /// Counts `statuses` and writes the headline.
    ///
    /// ```
    /// use thidua_core::{Summary, Status, HeadlineBasis};
    /// let s = Summary::from_statuses(HeadlineBasis::Items, [Status::Exceeded, Status::Met, Status::NotMet]);
    /// assert_eq!(s.headline_vi, "đạt và vượt 2/3 chỉ tiêu (vượt 1, đạt 1, không đạt 1)");
    /// ```
    pub fn from_statuses(
        basis: HeadlineBasis,
        statuses: impl IntoIterator<Item = Status>,
    ) -> Summary {
        let (mut e, mut m, mut n, mut d, mut a) = (0u32, 0u32, 0u32, 0u32, 0u32);
        for s in statuses {
            match s {
                Status::Exceeded => e += 1,
                Status::Met => m += 1,
                Status::NotMet => n += 1,
                Status::NoData => d += 1,
                Status::NotApplicable => a += 1,
            }
        }
        let total = e + m + n + d;
        let x = e + m;
        let (headline_vi, headline_en) = crate::format::explain::headlines(e, m, n, d, a);
        Summary {
            basis,
            total,
            met_or_exceeded: x,
            exceeded: e,
            met: m,
            not_met: n,
            no_data: d,
            not_applicable: a,
            headline_vi,
            headline_en,
        }
    }
}

/// All targets of a directive evaluated for one unit and period.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let u = &e.units[0];
/// assert_eq!((u.unit.as_str(), u.period.to_string()), ("Xã A", "2024".to_string()));
/// assert!(u.scorecard_vi().contains("đạt và vượt 1/1 chỉ tiêu"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnitEvaluation {
    /// The reporting unit.
    pub unit: String,
    /// The period.
    pub period: Period,
    /// One evaluation per target, in directive order (sub-targets after their parent).
    pub targets: Vec<TargetEvaluation>,
    /// One status per numbered item.
    pub items: Vec<ItemEvaluation>,
    /// Counts and headline.
    pub summary: Summary,
}

impl UnitEvaluation {
    /// The evaluation of one target.
    pub fn target(&self, id: &str) -> Option<&TargetEvaluation> {
        self.targets.iter().find(|t| t.target == id)
    }
}

/// The result of [`evaluate`]: one [`UnitEvaluation`] per (unit, period) in the result set, in
/// order of first appearance.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// assert_eq!(e.directive, "Kế hoạch \"t\"");
/// assert!(e.unit("Xã A", Period::year(2024)).is_some());
/// let back: Evaluation = serde_json::from_str(&e.to_json()).unwrap();
/// assert_eq!(back, e);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evaluation {
    /// The directive's label ("Chỉ thị 08/CT-UBND").
    pub directive: String,
    /// The options used.
    pub options: EvaluationOptions,
    /// Per unit and period.
    pub units: Vec<UnitEvaluation>,
}

/// A flat row of an evaluation (unit, period and the target's evaluation), for tables.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// let rows = e.rows();
/// let j = serde_json::to_value(&rows[0]).unwrap();
/// assert_eq!((j["unit"].as_str(), j["target"].as_str(), j["status"].as_str()), (Some("Xã A"), Some("1"), Some("exceeded")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EvaluationRow {
    /// Unit.
    pub unit: String,
    /// Period.
    pub period: Period,
    /// The target evaluation's fields.
    #[serde(flatten)]
    pub evaluation: TargetEvaluation,
}

impl Evaluation {
    /// One row per unit × period × target.
    pub fn rows(&self) -> Vec<EvaluationRow> {
        self.units
            .iter()
            .flat_map(|u| {
                u.targets.iter().map(move |t| EvaluationRow {
                    unit: u.unit.clone(),
                    period: u.period,
                    evaluation: t.clone(),
                })
            })
            .collect()
    }

    /// The evaluation of one unit and period.
    pub fn unit(&self, unit: &str, period: Period) -> Option<&UnitEvaluation> {
        self.units
            .iter()
            .find(|u| u.unit == unit && u.period == period)
    }

    /// JSON of the whole evaluation.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
