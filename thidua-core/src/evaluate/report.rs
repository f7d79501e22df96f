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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// let x = &e.units[0].targets[0].explanation;
/// assert_eq!(x.vi, "Kết quả năm 2024: 60% so với chỉ tiêu từ 59,3% trở lên: vượt, 101,18% kế hoạch.");
/// assert_eq!(x.en, "Result for 2024: 60% against a target of at least 59.3%: exceeded, 101.18% of plan.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// let t = &e.units[0].targets[0];
/// assert_eq!((t.target.as_str(), t.status, t.ratio.unwrap().to_string()), ("1", Status::Exceeded, "101.18".to_string()));
/// assert_eq!(t.target_text, "từ 59,3% trở lên");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// assert_eq!(e.units[0].items[0].number, 1);
/// assert_eq!(e.units[0].items[0].status, Status::Exceeded);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// let s = &e.units[0].summary;
/// assert_eq!((s.met_or_exceeded, s.total), (1, 1));
/// assert_eq!(s.headline_en, "1 of 1 targets met or exceeded (1 exceeded, 0 met, 0 not met)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// let u = &e.units[0];
/// assert_eq!((u.unit.as_str(), u.period.to_string()), ("Xã A", "2024".to_string()));
/// assert!(u.scorecard_vi().contains("đạt và vượt 1/1 chỉ tiêu"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// assert_eq!(e.directive, "Kế hoạch \"t\"");
/// assert!(e.unit("Xã A", Period::year(2024)).is_some());
/// let back: Evaluation = serde_json::from_str(&e.to_json()?)?;
/// assert_eq!(back, e);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Evaluation {
    /// The directive's label ("Chỉ thị 08/CT-UBND").
    pub directive: String,
    /// The options used.
    pub options: EvaluationOptions,
    /// Per unit and period.
    pub units: Vec<UnitEvaluation>,
}

/// A flat row of an evaluation (unit, period and the target's evaluation), for tables:
/// borrowed from the [`Evaluation`], so listing the rows copies nothing.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// let row = e.rows().next().unwrap();
/// let j = serde_json::to_value(&row)?;
/// assert_eq!((j["unit"].as_str(), j["target"].as_str(), j["status"].as_str()), (Some("Xã A"), Some("1"), Some("exceeded")));
/// assert_eq!(e.rows().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EvaluationRow<'a> {
    /// Unit.
    pub unit: &'a str,
    /// Period.
    pub period: Period,
    /// The target evaluation's fields.
    #[serde(flatten)]
    pub evaluation: &'a TargetEvaluation,
}

/// The rows of an [`Evaluation`] (see [`Evaluation::rows`]).
#[derive(Debug, Clone)]
pub struct EvaluationRows<'a> {
    units: std::slice::Iter<'a, UnitEvaluation>,
    current: Option<(&'a UnitEvaluation, std::slice::Iter<'a, TargetEvaluation>)>,
    remaining: usize,
}

impl<'a> Iterator for EvaluationRows<'a> {
    type Item = EvaluationRow<'a>;

    fn next(&mut self) -> Option<EvaluationRow<'a>> {
        loop {
            if let Some((u, targets)) = &mut self.current {
                if let Some(t) = targets.next() {
                    self.remaining -= 1;
                    return Some(EvaluationRow {
                        unit: &u.unit,
                        period: u.period,
                        evaluation: t,
                    });
                }
            }
            let u = self.units.next()?;
            self.current = Some((u, u.targets.iter()));
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for EvaluationRows<'_> {}

impl Evaluation {
    /// One row per unit × period × target, in order (units in order of first appearance,
    /// targets in directive order), borrowed.
    pub fn rows(&self) -> EvaluationRows<'_> {
        EvaluationRows {
            units: self.units.iter(),
            current: None,
            remaining: self.units.iter().map(|u| u.targets.len()).sum(),
        }
    }

    /// The evaluation of one unit and period, if any.
    pub fn unit(&self, unit: &str, period: Period) -> Option<&UnitEvaluation> {
        self.units
            .iter()
            .find(|u| u.unit == unit && u.period == period)
    }

    /// The evaluations of one unit, every period, in order.
    pub fn unit_periods<'a>(
        &'a self,
        unit: &'a str,
    ) -> impl Iterator<Item = &'a UnitEvaluation> + 'a {
        self.units.iter().filter(move |u| u.unit == unit)
    }

    /// JSON of the whole evaluation (pretty). Fails only beyond
    /// [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES).
    pub fn to_json(&self) -> Result<String> {
        crate::json::to_string_pretty(self)
    }
}
