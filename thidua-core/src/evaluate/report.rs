//! The outputs of an evaluation: per target, per item, per unit, and the headline.

use rust_decimal::prelude::*;
use serde::{Deserialize, Serialize};

use super::*;
use crate::model::{Direction, Measure, TargetKind};
use crate::results::{Judgement, Period, Provenance, Qualifier};

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
/// assert_eq!((t.target.as_str(), t.status, t.ratio.ok_or("no % of plan")?.to_string()), ("1", Status::Exceeded, "101.18".to_string()));
/// assert_eq!(t.target_text, "từ 59,3% trở lên");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Estimate, preliminary or official, when a result was given (official when the row
    /// did not say).
    pub provenance: Option<Provenance>,
    /// The level that decided `status`, `ratio` and `gap`: `"directive"`, `"assigned"`,
    /// `"pledged"` or the id of a named plan level.
    #[serde(default = "directive_level")]
    pub level: String,
    /// What kind of level that is.
    #[serde(default)]
    pub level_kind: LevelKind,
    /// The level in words, after "chỉ tiêu" ("giao cho Huyện A", "Quốc hội giao").
    #[serde(default)]
    pub level_label: String,
    /// Every other level evaluated beside it (named plan levels, the pledge).
    #[serde(default)]
    pub levels: Vec<LevelEvaluation>,
    /// The form of the result used (`None` with no data).
    #[serde(default)]
    pub form: Option<ResultForm>,
    /// How approximate the result is, as reported.
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// The upper end of a result reported as a range.
    #[serde(default)]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub result_high: Option<Decimal>,
    /// The % of plan as reported (a result given as a share of plan).
    #[serde(default)]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub share_of_plan: Option<Decimal>,
    /// The change as reported (a result given as a change), signed.
    #[serde(default)]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub change: Option<Decimal>,
    /// The verdict the report printed beside the number, if any.
    #[serde(default)]
    pub reported_verdict: Option<Judgement>,
    /// The original wording.
    #[serde(default)]
    pub reported: Option<String>,
    /// The row of the result set used (`results[i]`).
    #[serde(default)]
    pub row: Option<usize>,
    /// The date of the figure used.
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
    /// Where the figure comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// The row's note.
    #[serde(default)]
    pub note: Option<String>,
    /// The other figures for the same unit × target × period (an earlier estimate, a figure
    /// superseded), each evaluated against the same level.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// Whether any revision has another status than the figure used.
    #[serde(default)]
    pub status_changed: bool,
    /// The status by the literal reading, when a reporting convention or the "cơ bản đạt"
    /// band gave another (`None` otherwise).
    #[serde(default)]
    pub literal_status: Option<Status>,
    /// The conventions (or `basically_met_at`) that changed the status.
    #[serde(default)]
    pub conventions: Vec<String>,
    /// Why.
    pub explanation: Explanation,
}

impl TargetEvaluation {
    /// An evaluation with no data yet of the target `id` ("chưa có số liệu"), against the
    /// directive's own figure: the starting point for code that builds evaluations itself
    /// (an engine over columns, a benchmark). Fill in the rest.
    ///
    /// ```
    /// use thidua_core::*;
    /// let spec = TargetSpec::Rate { comparator: Comparator::AtLeast, value: Decimal::from(54) };
    /// let t = TargetEvaluation::new("6", 6, "Tỷ lệ lao động qua đào tạo", &spec);
    /// assert_eq!((t.status, t.level.as_str()), (Status::NoData, "directive"));
    /// ```
    pub fn new(
        id: &str,
        item: u32,
        name: &str,
        spec: &crate::model::TargetSpec,
    ) -> TargetEvaluation {
        TargetEvaluation {
            target: id.to_string(),
            item,
            parent: None,
            name: name.to_string(),
            kind: spec.kind(),
            direction: spec.direction(),
            measure: spec.measure(),
            target_text: spec.describe_vi(),
            status: Status::NoData,
            ratio: None,
            gap: None,
            result: None,
            baseline: None,
            achieved: None,
            threshold: None,
            pro_rata: false,
            provenance: None,
            level: "directive".into(),
            level_kind: LevelKind::Directive,
            level_label: String::new(),
            levels: Vec::new(),
            form: None,
            qualifier: None,
            result_high: None,
            share_of_plan: None,
            change: None,
            reported_verdict: None,
            reported: None,
            row: None,
            date: None,
            source: None,
            note: None,
            revisions: Vec::new(),
            status_changed: false,
            literal_status: None,
            conventions: Vec::new(),
            explanation: Explanation {
                vi: String::new(),
                en: String::new(),
            },
        }
    }
}

fn directive_level() -> String {
    "directive".into()
}

/// What kind of plan level a figure is.
///
/// ```
/// use thidua_core::LevelKind;
/// assert_eq!(serde_json::to_string(&LevelKind::Assigned)?, "\"assigned\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LevelKind {
    /// The directive's own figure (the unit has no figure of its own).
    #[default]
    Directive,
    /// One of the target's named plan levels ("Chính phủ phấn đấu").
    Named,
    /// The unit's assigned figure (chỉ tiêu giao).
    Assigned,
    /// The unit's pledge (đăng ký thi đua).
    Pledged,
}

/// One level of a target evaluated for one unit and period.
///
/// ```
/// # use thidua_core::*;
/// let l: LevelEvaluation = serde_json::from_str(r#"{"level": "pledged", "kind": "pledged",
///   "label": "Huyện A đăng ký", "target_text": "từ 9% trở lên", "status": "not_met",
///   "ratio": "95.56", "gap": "-0.4", "threshold": "9", "achieved": "8.6"}"#)?;
/// assert_eq!(l.status, Status::NotMet);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LevelEvaluation {
    /// The level id.
    pub level: String,
    /// Its kind.
    pub kind: LevelKind,
    /// The level in words, after "chỉ tiêu".
    pub label: String,
    /// The level in English words ("central estimate", "pledged by Huyện A"); the Vietnamese
    /// label where the directive gives no English one.
    #[serde(default)]
    pub label_en: String,
    /// The figure as words ("từ 9% trở lên").
    pub target_text: String,
    /// Status against this level.
    pub status: Status,
    /// % of this level's plan.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub ratio: Option<Decimal>,
    /// Signed gap to this level.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub gap: Option<Decimal>,
    /// The threshold compared with.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub threshold: Option<Decimal>,
    /// What was compared.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub achieved: Option<Decimal>,
}

/// The form a result was reported in (see [`crate::ResultEntry`]).
///
/// ```
/// use thidua_core::ResultForm;
/// assert_eq!(serde_json::to_string(&ResultForm::ShareOfPlan)?, "\"share_of_plan\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResultForm {
    /// A level (possibly approximate).
    Value,
    /// A range of values ("6,6-6,8%").
    Range,
    /// A % of plan only.
    ShareOfPlan,
    /// A change only.
    Change,
    /// A printed verdict without a number.
    Verdict,
    /// A council's judgement on a qualitative target.
    Judgement,
    /// Component rows of a composite target.
    Components,
    /// Not applicable to the unit.
    NotApplicable,
}

/// Another figure for the same unit × target × period than the one used: an estimate that the
/// official figure superseded, or the earlier figure a phrase quotes ("số đã báo cáo là 4,39%").
///
/// ```
/// # use thidua_core::*;
/// let r: Revision = serde_json::from_str(r#"{"row": 0, "provenance": "estimate", "date": null,
///   "reported": null, "result": "4.39", "form": "value", "status": "not_met", "ratio": "91.12"}"#)?;
/// assert_eq!(r.status, Some(Status::NotMet));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Revision {
    /// The row (`results[i]`); `None` for a figure quoted inside the used row's wording.
    pub row: Option<usize>,
    /// Its provenance.
    pub provenance: Provenance,
    /// Its date.
    pub date: Option<chrono::NaiveDate>,
    /// Its wording.
    pub reported: Option<String>,
    /// Its value, in the target's scale, when it has one.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub result: Option<Decimal>,
    /// Its form.
    pub form: Option<ResultForm>,
    /// Its status against the same level (`None` for a component of a composite).
    pub status: Option<Status>,
    /// Its % of plan.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub ratio: Option<Decimal>,
}

/// A warning: valid but suspicious input, returned with the evaluation (never silence).
///
/// ```
/// use thidua_core::{Warning, WarningCode};
/// let w: Warning = serde_json::from_str(r#"{"code": "likely_scale_mistake", "row": 0, "unit": "A",
///   "target": "3", "period": "2024", "message_vi": "…", "message_en": "…"}"#)?;
/// assert_eq!(w.code, WarningCode::LikelyScaleMistake);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Warning {
    /// Stable code.
    pub code: WarningCode,
    /// The row of the result set (`results[i]`), when one row is concerned.
    pub row: Option<usize>,
    /// The unit.
    pub unit: Option<String>,
    /// The target id.
    pub target: Option<String>,
    /// The period.
    pub period: Option<Period>,
    /// Tiếng Việt.
    pub message_vi: String,
    /// English.
    pub message_en: String,
}

/// The stable codes of [`Warning`]s.
///
/// ```
/// use thidua_core::WarningCode;
/// assert_eq!(WarningCode::ProvenanceMissing.as_str(), "provenance_missing");
/// assert!(WarningCode::ALL.len() >= 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A value 10³ times or more away from its target in the same unit (3,5 against 3.500 tỷ;
    /// đồng against tỷ đồng).
    LikelyScaleMistake,
    /// A counted noun that is a short form of the target's ("lượt" for "lượt khách").
    UnusualUnit,
    /// A row without provenance where other rows have one.
    ProvenanceMissing,
    /// An approximate figure ("hơn X", "gần X") whose status could be another for a value the
    /// wording allows.
    ApproximateUndetermined,
    /// A range result whose two ends have different statuses (the worse is used).
    RangeStraddles,
    /// A plan figure quoted in the reported wording differs from the target's.
    StatedPlanDiffers,
    /// An earlier figure quoted in the wording differs from the estimate row of the set.
    EarlierDiffers,
    /// A share of plan given beside a value does not match value ÷ plan.
    ShareInconsistent,
    /// A change given beside a value and a baseline does not match them.
    ChangeInconsistent,
    /// The verdict printed in the report differs from the evaluation.
    VerdictDiffers,
    /// A plan level named in a row matches none of the target's levels.
    UnknownPlanLevel,
    /// The reported wording differs from the row's own fields.
    ReportedDiffers,
    /// The reported wording could not be read completely.
    ReportedUnread,
    /// A unit has no assigned figure for a target while the table assigns others: the
    /// directive's figure applies.
    UnassignedFallback,
    /// A result reported for a target the table marks not applicable to the unit.
    NotApplicableReported,
}

impl WarningCode {
    /// Every code, in a stable order.
    pub const ALL: &'static [WarningCode] = &[
        WarningCode::LikelyScaleMistake,
        WarningCode::UnusualUnit,
        WarningCode::ProvenanceMissing,
        WarningCode::ApproximateUndetermined,
        WarningCode::RangeStraddles,
        WarningCode::StatedPlanDiffers,
        WarningCode::EarlierDiffers,
        WarningCode::ShareInconsistent,
        WarningCode::ChangeInconsistent,
        WarningCode::VerdictDiffers,
        WarningCode::UnknownPlanLevel,
        WarningCode::ReportedDiffers,
        WarningCode::ReportedUnread,
        WarningCode::UnassignedFallback,
        WarningCode::NotApplicableReported,
    ];

    /// The snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::LikelyScaleMistake => "likely_scale_mistake",
            WarningCode::UnusualUnit => "unusual_unit",
            WarningCode::ProvenanceMissing => "provenance_missing",
            WarningCode::ApproximateUndetermined => "approximate_undetermined",
            WarningCode::RangeStraddles => "range_straddles",
            WarningCode::StatedPlanDiffers => "stated_plan_differs",
            WarningCode::EarlierDiffers => "earlier_differs",
            WarningCode::ShareInconsistent => "share_inconsistent",
            WarningCode::ChangeInconsistent => "change_inconsistent",
            WarningCode::VerdictDiffers => "verdict_differs",
            WarningCode::UnknownPlanLevel => "unknown_plan_level",
            WarningCode::ReportedDiffers => "reported_differs",
            WarningCode::ReportedUnread => "reported_unread",
            WarningCode::UnassignedFallback => "unassigned_fallback",
            WarningCode::NotApplicableReported => "not_applicable_reported",
        }
    }
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Basically met (only with a declared "cơ bản đạt" band; not in `met_or_exceeded`).
    #[serde(default)]
    pub basically_met: u32,
    /// Not met.
    pub not_met: u32,
    /// No data.
    pub no_data: u32,
    /// Not applicable (not in `total`).
    pub not_applicable: u32,
    /// What the headline's denominator counts.
    #[serde(default)]
    pub count: HeadlineCount,
    /// The headline's wording.
    #[serde(default)]
    pub form: HeadlineForm,
    /// Y of the headline: `total`, or only those with data (`headline_count: "with_data"`).
    #[serde(default)]
    pub denominator: u32,
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
        Summary::with_form(
            basis,
            HeadlineCount::All,
            HeadlineForm::MetAndExceeded,
            statuses,
        )
    }

    /// Counts `statuses` and writes the headline in the given form.
    ///
    /// ```
    /// use thidua_core::{HeadlineBasis, HeadlineCount, HeadlineForm, Status, Summary};
    /// let s = Summary::with_form(HeadlineBasis::Targets, HeadlineCount::WithData, HeadlineForm::MetAndExceeded,
    ///     [Status::Exceeded, Status::Met, Status::NotMet, Status::NoData, Status::NoData]);
    /// assert_eq!(s.headline_vi, "đạt và vượt 2/3 chỉ tiêu có số liệu (vượt 1, đạt 1, không đạt 1); 2 chỉ tiêu chưa có số liệu");
    /// assert_eq!((s.total, s.denominator), (5, 3));
    /// ```
    pub fn with_form(
        basis: HeadlineBasis,
        count: HeadlineCount,
        form: HeadlineForm,
        statuses: impl IntoIterator<Item = Status>,
    ) -> Summary {
        let (mut e, mut m, mut b, mut n, mut d, mut a) = (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
        for s in statuses {
            match s {
                Status::Exceeded => e += 1,
                Status::Met => m += 1,
                Status::BasicallyMet => b += 1,
                Status::NotMet => n += 1,
                Status::NoData => d += 1,
                Status::NotApplicable => a += 1,
            }
        }
        let total = e + m + b + n + d;
        let denominator = match count {
            HeadlineCount::All => total,
            HeadlineCount::WithData => total - d,
        };
        let x = e + m;
        let (headline_vi, headline_en) =
            crate::format::explain::headlines_in(count, form, [e, m, b, n, d, a]);
        Summary {
            basis,
            total,
            met_or_exceeded: x,
            exceeded: e,
            met: m,
            basically_met: b,
            not_met: n,
            no_data: d,
            not_applicable: a,
            count,
            form,
            denominator,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Evaluation {
    /// The directive's label ("Chỉ thị 08/CT-UBND").
    pub directive: String,
    /// The options used.
    pub options: EvaluationOptions,
    /// Per unit and period.
    pub units: Vec<UnitEvaluation>,
    /// Warnings (valid but suspicious input), in the order found.
    #[serde(default)]
    pub warnings: Vec<Warning>,
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
/// let row = e.rows().next().ok_or("not found")?;
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
#[non_exhaustive]
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
