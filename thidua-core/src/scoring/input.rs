//! The scoring input (scheme, roster, stages) and report, and the entry points [`score`] and
//! [`score_json`].

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::evaluate::{Evaluation, EvaluationOptions, UnitEvaluation};
use crate::model::Directive;
use crate::results::{Period, ResultSet};

use super::card::{Scorecard, Scorer, UnitExtras};
use super::rank::{classify, key, rank_group, BandResult, Entrant, GroupRanking, NotRanked};
use super::scheme::{Criterion, Rule, Scheme};
use crate::award::proposal::{awards, AwardResult};

/// A scoring stage. The same scheme scores all three; the last stage given is final (it is
/// ranked, classified and proposed for awards).
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// assert_eq!(report.final_stage, Stage::BoardAppraisal);
/// assert_eq!(report.stages.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Stage {
    /// Tự chấm — the unit scores itself.
    SelfAssessment,
    /// Cụm (khối) thẩm định — the cluster head and deputy review.
    ClusterReview,
    /// Ban Thi đua - Khen thưởng thẩm định — the provincial board appraises.
    BoardAppraisal,
}

impl Stage {
    /// Short Vietnamese column label: "Tự chấm", "Cụm thẩm định", "Ban TĐKT thẩm định".
    pub fn label_vi(self) -> &'static str {
        match self {
            Stage::SelfAssessment => "Tự chấm",
            Stage::ClusterReview => "Cụm thẩm định",
            Stage::BoardAppraisal => "Ban TĐKT thẩm định",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Stage::SelfAssessment => "self-assessment",
            Stage::ClusterReview => "cluster review",
            Stage::BoardAppraisal => "board appraisal",
        }
    }
}

/// Cluster (by area) or bloc (by function).
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// assert_eq!(report.groups[0].kind, GroupKind::Cluster);
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
pub enum GroupKind {
    /// Cụm thi đua.
    Cluster,
    /// Khối thi đua.
    Bloc,
}

impl GroupKind {
    /// "cụm" / "khối".
    pub fn label_vi(self) -> &'static str {
        match self {
            GroupKind::Cluster => "cụm",
            GroupKind::Bloc => "khối",
        }
    }
}

/// One unit of the roster and its cluster or bloc.
///
/// ```
/// use thidua_core::scoring::{GroupKind, RosterEntry};
/// let r: RosterEntry = serde_json::from_str(r#"{"unit": "Huyện A", "group": "Cụm 1", "kind": "cluster"}"#)?;
/// assert_eq!(r.kind, GroupKind::Cluster);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    /// The unit, exactly as in the results.
    pub unit: String,
    /// The cluster or bloc name ("Cụm thi đua số 1").
    pub group: String,
    /// Cluster or bloc.
    pub kind: GroupKind,
}

/// Points given by the council for a `council` criterion.
///
/// ```
/// use thidua_core::scoring::CouncilPoints;
/// let c: CouncilPoints = serde_json::from_str(r#"{"unit": "Huyện A", "criterion": "B1", "points": "27.5"}"#)?;
/// assert_eq!(c.points.to_string(), "27.5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CouncilPoints {
    /// Unit.
    pub unit: String,
    /// Criterion id (a council criterion).
    pub criterion: String,
    /// Points, within 0..max.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub points: Decimal,
}

/// A fixed bonus or penalty granted to a unit: the id declared in the scheme.
///
/// ```
/// use thidua_core::scoring::UnitAdjustment;
/// let a: UnitAdjustment = serde_json::from_str(r#"{"unit": "Huyện A", "id": "khong_ky_giao_uoc"}"#)?;
/// assert_eq!(a.id, "khong_ky_giao_uoc");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitAdjustment {
    /// Unit.
    pub unit: String,
    /// Bonus or penalty id.
    pub id: String,
    /// Optional note shown with a penalty ("không ký giao ước năm 2024").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The input of one stage.
///
/// ```
/// use thidua_core::scoring::{Stage, StageInput};
/// let s: StageInput = serde_json::from_str(r#"{"stage": "self_assessment", "results": []}"#)?;
/// assert_eq!(s.stage, Stage::SelfAssessment);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    /// Which stage.
    pub stage: Stage,
    /// An evaluation (output of `evaluate`)…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Evaluation>,
    /// …or raw results (a result set: `{"entries": [...]}` or an array of rows), evaluated
    /// against the input's `directive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<serde_json::Value>,
    /// Council points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub council_points: Vec<CouncilPoints>,
    /// Fixed bonuses granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonuses: Vec<UnitAdjustment>,
    /// Penalties applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<UnitAdjustment>,
}

/// A criterion dropped for one unit (a criterion that does not concern it): it is not
/// scored, the criteria total is renormalised, and the scorecard says why.
///
/// ```
/// use thidua_core::scoring::CriterionExclusion;
/// let x: CriterionExclusion = serde_json::from_str(
///   r#"{"unit": "Huyện A", "criterion": "A3", "reason": "huyện không có khu công nghiệp"}"#)?;
/// assert_eq!(x.criterion, "A3");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CriterionExclusion {
    /// Unit.
    pub unit: String,
    /// Criterion id.
    pub criterion: String,
    /// Why (shown in the scorecard).
    pub reason: String,
}

/// Everything [`score`] needs, as one JSON document.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let parsed: ScoreInput = serde_json::from_value(input)?;
/// assert_eq!(parsed.roster.len(), 10);
/// assert_eq!(score(&parsed)?, report);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScoreInput {
    /// The scheme.
    pub scheme: Scheme,
    /// The directive, needed when a stage gives `results` (checked against the scheme's
    /// target ids when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directive: Option<Directive>,
    /// Evaluation options for `results` (defaults as in `evaluate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<EvaluationOptions>,
    /// Each unit's own targets (assigned, pledged, not applicable): `results` are evaluated
    /// against them ([`crate::evaluate_with_targets`]), so that a cluster of districts is
    /// scored against each district's own figures in one call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<crate::unit_targets::TargetTable>,
    /// Criteria dropped for some units (renormalised, said in the scorecard).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<CriterionExclusion>,
    /// The units and their clusters or blocs.
    pub roster: Vec<RosterEntry>,
    /// The period scored; required when an evaluation holds several periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// One to three stages, in stage order; the last is final.
    pub stages: Vec<StageInput>,
}

/// One row of the stage comparison: a criterion, section subtotal, bonus, penalty or total
/// in every stage, and the change from the first stage to the final one.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let u = report.unit("Huyện Đắk Lâm").ok_or("no unit Huyện Đắk Lâm")?;
/// let total = u.comparison.iter().find(|r| r.item == "total").ok_or("not found")?;
/// assert_eq!(total.values.len(), 3); // tự chấm, cụm thẩm định, Ban TĐKT thẩm định
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ComparisonRow {
    /// `criterion:A1`, `section:A`, `bonus`, `penalty`, `total`.
    pub item: String,
    /// One value per stage of the report (`None` when the stage has no scorecard for the unit
    /// or the criterion was not scored).
    #[serde(deserialize_with = "crate::decimal::deserialize_vec_option")]
    pub values: Vec<Option<Decimal>>,
    /// Final minus the first stage that has a value; `None` with fewer than two values.
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub change: Option<Decimal>,
}

/// Everything about one unit.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let u = report.unit("Huyện Đắk Lâm").ok_or("no unit Huyện Đắk Lâm")?;
/// assert_eq!((u.rank, u.tied), (Some(1), false));
/// assert_eq!(u.final_card().ok_or("no scorecard")?.total.to_string(), "955.720");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct UnitScore {
    /// The unit.
    pub unit: String,
    /// Its cluster or bloc.
    pub group: String,
    /// Cluster or bloc.
    pub kind: GroupKind,
    /// One scorecard per stage in which the unit appears, in stage order (the final stage is
    /// always there).
    pub scorecards: Vec<Scorecard>,
    /// Side-by-side comparison of the stages (empty with a single stage).
    pub comparison: Vec<ComparisonRow>,
    /// Rank in its group (final stage); `None` when not eligible.
    pub rank: Option<u32>,
    /// Whether the rank is shared.
    pub tied: bool,
    /// Band (final stage); `None` when not eligible.
    pub band: Option<BandResult>,
}

impl UnitScore {
    /// The final stage's scorecard.
    pub fn final_card(&self) -> Option<&Scorecard> {
        self.scorecards.last()
    }

    /// The scorecard of a stage.
    pub fn card(&self, stage: Stage) -> Option<&Scorecard> {
        self.scorecards.iter().find(|c| c.stage == stage)
    }
}

/// The output of [`score`].
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// assert_eq!(report.groups.len(), 2);
/// assert!(report.render_vi().contains("Cụm thi đua số 1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ScoreReport {
    /// Scheme name.
    pub scheme: String,
    /// The scale.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub scale: Decimal,
    /// Rounding digits.
    pub digits: u32,
    /// The period scored, when known.
    pub period: Option<Period>,
    /// The stages given, in order.
    pub stages: Vec<Stage>,
    /// The final stage.
    pub final_stage: Stage,
    /// Every roster unit: by group name, then rank (unranked last), then unit name.
    pub units: Vec<UnitScore>,
    /// One ranking per cluster or bloc, by group name.
    pub groups: Vec<GroupRanking>,
    /// One result per award rule, in scheme order.
    pub awards: Vec<AwardResult>,
}

impl ScoreReport {
    /// The score of a unit.
    pub fn unit(&self, unit: &str) -> Option<&UnitScore> {
        self.units.iter().find(|u| u.unit == unit)
    }

    /// Pretty JSON.
    ///
    /// Fails only beyond [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES).
    pub fn to_json(&self) -> crate::Result<String> {
        crate::json::to_string_pretty(self)
    }
}

fn bad(location: impl Into<Location>, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        location: location.into(),
        reason: reason.into(),
    }
}

/// Replaces file paths in a score input by the files' JSON: at the top level `scheme`,
/// `directive`, `roster`, `options`, `targets`; in each stage `evaluation`, `results`,
/// `council_points`, `bonuses`, `penalties`. A string there is a path given to `read`, which
/// returns the file's text (the library itself does no I/O). Used by the test-vector runners
/// and by command-line tools.
///
/// ```
/// use thidua_core::scoring::resolve_input_paths;
/// let v = serde_json::json!({"roster": "roster.json", "stages": [{"stage": "board_appraisal"}]});
/// let out = resolve_input_paths(v, &mut |p: &str| {
///     assert_eq!(p, "roster.json");
///     Ok(r#"[{"unit": "A", "group": "Cụm 1", "kind": "cluster"}]"#.to_string())
/// })?;
/// assert_eq!(out["roster"][0]["unit"], "A");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn resolve_input_paths(
    mut value: serde_json::Value,
    read: &mut dyn FnMut(&str) -> Result<String>,
) -> Result<serde_json::Value> {
    fn load(v: &mut serde_json::Value, read: &mut dyn FnMut(&str) -> Result<String>) -> Result<()> {
        if let serde_json::Value::String(path) = v {
            let text = read(path)?;
            *v = crate::json::from_str(&text, path)?;
        }
        Ok(())
    }
    if let Some(obj) = value.as_object_mut() {
        for k in ["scheme", "directive", "roster", "options", "targets"] {
            if let Some(v) = obj.get_mut(k) {
                load(v, read)?;
            }
        }
        if let Some(serde_json::Value::Array(stages)) = obj.get_mut("stages") {
            for s in stages {
                if let Some(so) = s.as_object_mut() {
                    for k in [
                        "evaluation",
                        "results",
                        "council_points",
                        "bonuses",
                        "penalties",
                    ] {
                        if let Some(v) = so.get_mut(k) {
                            load(v, read)?;
                        }
                    }
                }
            }
        }
    }
    Ok(value)
}

/// Reads a [`ScoreInput`] from JSON and scores it: the single entry point of the bindings.
/// Errors: `json` (shape), `invalid_scheme`, `invalid_input`, `duplicate_id`,
/// `unknown_target`, `overflow`, and any evaluation error for raw `results`.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// assert_eq!(report.units.len(), 10);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_json(input_json: &str) -> Result<ScoreReport> {
    let input: ScoreInput = crate::json::from_str(input_json, "score input")?;
    score(&input)
}

struct StageData<'a> {
    stage: Stage,
    units: HashMap<&'a str, &'a UnitEvaluation>,
    hints: HashMap<&'a str, usize>,
    extras: HashMap<&'a str, UnitExtras<'a>>,
    period: Option<Period>,
}

/// Scores every roster unit in every stage, ranks the final stage inside each cluster or bloc,
/// classifies and proposes awards. See the module documentation for an example.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let again = score(&serde_json::from_value(input)?)?;
/// assert_eq!(again, report);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score(input: &ScoreInput) -> Result<ScoreReport> {
    let scheme = &input.scheme;
    scheme.validate()?;
    let scorer = Scorer::new(scheme)?;

    // Roster.
    let (roster, kinds) = roster_of(input)?;

    // Scheme targets against the directive.
    check_scheme_targets(input)?;

    // Stages.
    let computed = stage_evaluations(input)?;
    let stages = stage_data(input, &computed, &roster, &scorer)?;
    let final_stage = input
        .stages
        .last()
        .map(|s| s.stage)
        .unwrap_or(Stage::BoardAppraisal);
    let period = input
        .period
        .or_else(|| stages.iter().rev().find_map(|s| s.period));

    // Criteria dropped per unit.
    let dropped = dropped_criteria(input, &roster, &scorer)?;

    // Scorecards.
    let mut units = unit_scores(input, &stages, &scorer, &dropped)?;

    // Bands, ranking per group.
    let mut bands: Vec<Option<(usize, BandResult)>> = Vec::with_capacity(units.len());
    for u in &units {
        bands.push(
            u.final_card()
                .filter(|c| c.eligible)
                .map(|c| classify(scheme, c)),
        );
    }
    let ranked = rank_groups(scheme, &units, &bands, &kinds)?;

    for (i, u) in units.iter_mut().enumerate() {
        if let Some((r, t)) = ranked.ranks.get(&i) {
            u.rank = Some(*r);
            u.tied = *t;
        }
        u.band = bands[i].take().map(|(_, b)| b);
    }
    units.sort_by(|a, b| {
        a.group
            .cmp(&b.group)
            .then_with(|| a.rank.unwrap_or(u32::MAX).cmp(&b.rank.unwrap_or(u32::MAX)))
            .then_with(|| a.unit.cmp(&b.unit))
    });
    Ok(ScoreReport {
        scheme: scheme.name.clone(),
        scale: scheme.scale,
        digits: scheme.rounding.digits,
        period,
        stages: input.stages.iter().map(|s| s.stage).collect(),
        final_stage,
        units,
        groups: ranked.groups,
        awards: ranked.awards,
    })
}

/// Every roster unit's scorecards, one per stage that has something for it (the final stage
/// must), with the stage-by-stage comparison when there are several stages.
fn unit_scores(
    input: &ScoreInput,
    stages: &[StageData<'_>],
    scorer: &Scorer<'_>,
    dropped: &HashMap<&str, HashMap<usize, &str>>,
) -> Result<Vec<UnitScore>> {
    let no_drop = HashMap::new();
    let empty = UnitExtras::default();
    let mut units: Vec<UnitScore> = Vec::with_capacity(input.roster.len());
    for r in &input.roster {
        let mut cards = Vec::with_capacity(stages.len());
        for (si, s) in stages.iter().enumerate() {
            let ev = s.units.get(r.unit.as_str()).copied();
            let ex = s.extras.get(r.unit.as_str());
            let is_final = si + 1 == stages.len();
            if ev.is_none() && ex.is_none() {
                if is_final {
                    return Err(bad(
                        format!("stages[{si}] ({})", s.stage.as_str()),
                        format!("roster unit {:?} has no results, council points, bonuses or penalties in the final stage", r.unit),
                    ));
                }
                continue;
            }
            cards.push(scorer.score(
                s.stage,
                &r.unit,
                ev,
                &s.hints,
                ex.unwrap_or(&empty),
                dropped.get(r.unit.as_str()).unwrap_or(&no_drop),
            )?);
        }
        let comparison = if stages.len() > 1 {
            compare(&input.scheme, stages, &cards)
        } else {
            Vec::new()
        };
        units.push(UnitScore {
            unit: r.unit.clone(),
            group: r.group.clone(),
            kind: r.kind,
            scorecards: cards,
            comparison,
            rank: None,
            tied: false,
            band: None,
        });
    }
    Ok(units)
}

/// The rankings of the groups, each unit's rank, and the awards proposed.
struct Ranked {
    groups: Vec<GroupRanking>,
    /// Roster index → (rank, tied).
    ranks: HashMap<usize, (u32, bool)>,
    awards: Vec<AwardResult>,
}

/// Ranks the eligible units of each group (in group-name order) on their final scorecards,
/// lists the others as not ranked, and proposes the awards over every group's entrants.
fn rank_groups(
    scheme: &Scheme,
    units: &[UnitScore],
    bands: &[Option<(usize, BandResult)>],
    kinds: &HashMap<&str, GroupKind>,
) -> Result<Ranked> {
    let mut by_group: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        by_group.entry(u.group.as_str()).or_default().push(i);
    }
    let digits = scheme.rounding.digits;
    let mut groups = Vec::with_capacity(by_group.len());
    let mut entrants_all: Vec<Entrant<'_>> = Vec::with_capacity(units.len());
    let mut ranks: HashMap<usize, (u32, bool)> = HashMap::new();
    for (g, idx) in &by_group {
        let (mut entrants, not_ranked) = group_entrants(scheme, units, bands, idx);
        let ranking = rank_group(scheme, &mut entrants, digits);
        // Unit name → roster index, once per group (a scan per row was quadratic).
        let index: HashMap<&str, usize> =
            idx.iter().map(|&i| (units[i].unit.as_str(), i)).collect();
        for row in &ranking {
            if let Some(&i) = index.get(row.unit.as_str()) {
                ranks.insert(i, (row.rank, row.tied));
            }
        }
        groups.push(GroupRanking {
            group: g.to_string(),
            kind: kinds.get(g).copied().unwrap_or(GroupKind::Cluster),
            ranking,
            not_ranked,
        });
        entrants_all.extend(entrants);
    }
    let awards = awards(scheme, &entrants_all)?;
    Ok(Ranked {
        groups,
        ranks,
        awards,
    })
}

/// The units `idx` of one group with a final scorecard: the entrants (those with a band,
/// i.e. eligible) and the others, not ranked, with why (sorted by unit).
fn group_entrants<'u>(
    scheme: &Scheme,
    units: &'u [UnitScore],
    bands: &[Option<(usize, BandResult)>],
    idx: &[usize],
) -> (Vec<Entrant<'u>>, Vec<NotRanked>) {
    let mut entrants: Vec<Entrant<'_>> = Vec::with_capacity(idx.len());
    let mut not_ranked = Vec::new();
    for &i in idx {
        let u = &units[i];
        let Some(card) = u.final_card() else { continue };
        match &bands[i] {
            Some((b, _)) => entrants.push(Entrant {
                unit: u.unit.as_str(),
                group: u.group.as_str(),
                card,
                band: *b,
                key: key(scheme, card),
                rank: 0,
            }),
            None => not_ranked.push(NotRanked {
                unit: u.unit.clone(),
                reason: card
                    .ineligible_reason
                    .clone()
                    .unwrap_or(crate::evaluate::Explanation {
                        vi: "Không đủ điều kiện xếp hạng.".into(),
                        en: "Not eligible for ranking.".into(),
                    }),
            }),
        }
    }
    not_ranked.sort_by(|a, b| a.unit.cmp(&b.unit));
    (entrants, not_ranked)
}

/// The roster entries by unit name.
pub(crate) type Roster<'a> = HashMap<&'a str, &'a RosterEntry>;

/// The roster by unit and the kind (cluster or bloc) of each group, checked: no empty name, no
/// unit twice, no group both a cluster and a bloc.
fn roster_of(input: &ScoreInput) -> Result<(Roster<'_>, HashMap<&str, GroupKind>)> {
    roster_entries(&input.roster)
}

/// [`roster_of`] on the roster's entries (shared with the compiled path).
pub(crate) fn roster_entries(
    entries: &[RosterEntry],
) -> Result<(Roster<'_>, HashMap<&str, GroupKind>)> {
    let mut roster: HashMap<&str, &RosterEntry> = HashMap::with_capacity(entries.len());
    let mut kinds: HashMap<&str, GroupKind> = HashMap::new();
    // Rosters list a group's units together: the group of the entry before is not looked
    // up again (its kind is the one the map holds for it).
    let mut prev: Option<(&str, GroupKind)> = None;
    for (i, r) in entries.iter().enumerate() {
        let loc = || format!("roster[{i}]");
        if r.unit.trim().is_empty() || r.group.trim().is_empty() {
            return Err(bad(loc(), "unit and group must not be empty"));
        }
        if roster.insert(r.unit.as_str(), r).is_some() {
            return Err(Error::DuplicateId {
                id: r.unit.clone(),
                location: loc().into(),
            });
        }
        let known = match prev {
            Some((g, k)) if g == r.group => Some(k),
            _ => kinds.insert(r.group.as_str(), r.kind),
        };
        if known.is_some_and(|k| k != r.kind) {
            return Err(bad(
                loc(),
                format!(
                    "group {:?} is listed both as a cluster and as a bloc",
                    r.group
                ),
            ));
        }
        prev = Some((r.group.as_str(), r.kind));
    }
    Ok((roster, kinds))
}

/// Target `t` of criterion `c`, at `scheme.sections[i].criteria[j].targets[k]`, is not one of
/// the directive's (the row-wise and the compiled scorers' one error for it).
pub(crate) fn unknown_criterion_target(
    t: &str,
    c: &Criterion,
    (i, j, k): (usize, usize, usize),
) -> Error {
    Error::UnknownTarget {
        target: t.to_string(),
        location: format!(
            "scheme.sections[{i}].criteria[{j}].targets[{k}] (criterion {:?})",
            c.id
        )
        .into(),
    }
}

/// The one period of an evaluation's units, when none is given; several are an error at
/// `loc` (the row-wise and the compiled scorers' one rule for it).
pub(crate) fn only_period(
    periods: std::collections::BTreeSet<Period>,
    loc: &str,
) -> Result<Option<Period>> {
    if periods.len() > 1 {
        return Err(bad(
            loc,
            format!(
                "the evaluation holds several periods ({}): give `period`",
                periods
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(periods.into_iter().next())
}

/// Every target a criterion names is a target of the input's directive (when it has one).
fn check_scheme_targets(input: &ScoreInput) -> Result<()> {
    let scheme = &input.scheme;
    if let Some(d) = &input.directive {
        d.validate()?;
        let ids = d.target_index();
        for (i, s) in scheme.sections.iter().enumerate() {
            for (j, c) in s.criteria.iter().enumerate() {
                for (k, t) in c.targets.iter().enumerate() {
                    if !ids.contains_key(t.as_str()) {
                        return Err(unknown_criterion_target(t, c, (i, j, k)));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The stages are given, unique and in order; the evaluation of each stage given as raw
/// results (`None` for a stage given with its evaluation).
fn stage_evaluations(input: &ScoreInput) -> Result<Vec<Option<Evaluation>>> {
    if input.stages.is_empty() {
        return Err(bad("stages", "give at least one stage"));
    }
    for (i, w) in input.stages.windows(2).enumerate() {
        if w[0].stage >= w[1].stage {
            return Err(bad(
                format!("stages[{}]", i + 1),
                "stages must be unique and in order: self_assessment, cluster_review, board_appraisal",
            ));
        }
    }
    let mut computed: Vec<Option<Evaluation>> = Vec::with_capacity(input.stages.len());
    for (i, s) in input.stages.iter().enumerate() {
        let loc = format!("stages[{i}]");
        computed.push(match (&s.evaluation, &s.results) {
            (Some(_), Some(_)) => {
                return Err(bad(loc, "give either `evaluation` or `results`, not both"))
            }
            (None, Some(r)) => {
                let Some(d) = &input.directive else {
                    return Err(bad(
                        format!("{loc}.results"),
                        "raw results need the input's `directive`",
                    ));
                };
                let rs = ResultSet::from_json(&r.to_string())?;
                let empty = crate::unit_targets::TargetTable::default();
                let targets = input.targets.as_ref().unwrap_or(&empty);
                Some(crate::evaluate::evaluate_with_targets(
                    d,
                    targets,
                    &rs,
                    &input.options.unwrap_or_default(),
                )?)
            }
            _ => None,
        });
    }
    Ok(computed)
}

/// Per stage: its units' evaluations, target hints, bonuses and penalties, checked against the
/// roster and the scheme.
fn stage_data<'a>(
    input: &'a ScoreInput,
    computed: &'a [Option<Evaluation>],
    roster: &Roster<'_>,
    scorer: &Scorer<'a>,
) -> Result<Vec<StageData<'a>>> {
    let mut stages: Vec<StageData<'_>> = Vec::with_capacity(input.stages.len());
    for (i, s) in input.stages.iter().enumerate() {
        let loc = format!("stages[{i}] ({})", s.stage.as_str());
        let eval = s.evaluation.as_ref().or(computed[i].as_ref());
        let mut data = StageData {
            stage: s.stage,
            units: HashMap::new(),
            hints: HashMap::new(),
            extras: HashMap::new(),
            period: input.period,
        };
        if let Some(e) = eval {
            stage_units(e, &loc, roster, &mut data)?;
        }
        council_points(s, &loc, roster, scorer, &mut data.extras)?;
        fixed_bonuses(s, &loc, roster, &input.scheme, &mut data.extras)?;
        penalties(s, &loc, roster, &input.scheme, &mut data.extras)?;
        stages.push(data);
    }
    Ok(stages)
}

/// A stage's evaluated units (of its one period: the input's, or the only one the evaluation
/// holds), each in the roster and once, and the position of each target in their lists.
fn stage_units<'a>(
    e: &'a Evaluation,
    loc: &str,
    roster: &Roster<'_>,
    data: &mut StageData<'a>,
) -> Result<()> {
    if data.period.is_none() {
        data.period = only_period(e.units.iter().map(|u| u.period).collect(), loc)?;
    }
    for u in e.units.iter().filter(|u| Some(u.period) == data.period) {
        if !roster.contains_key(u.unit.as_str()) {
            return Err(bad(
                format!("{loc}.evaluation"),
                format!("unit {:?} is not in the roster", u.unit),
            ));
        }
        if data.units.insert(u.unit.as_str(), u).is_some() {
            return Err(Error::DuplicateId {
                id: u.unit.clone(),
                location: format!("{loc}.evaluation (unit evaluated twice for {})", u.period)
                    .into(),
            });
        }
    }
    if let Some(first) = e.units.first() {
        for (k, t) in first.targets.iter().enumerate() {
            data.hints.insert(t.target.as_str(), k);
        }
    }
    Ok(())
}

/// An error at `l` unless `unit` is in the roster.
fn in_roster(roster: &Roster<'_>, unit: &str, l: String) -> Result<()> {
    if roster.contains_key(unit) {
        Ok(())
    } else {
        Err(bad(l, format!("unit {unit:?} is not in the roster")))
    }
}

/// A stage's council points: each for a roster unit and a council criterion of the scheme,
/// within 0..max, once per unit and criterion.
pub(crate) fn council_points<'a>(
    s: &'a StageInput,
    loc: &str,
    roster: &Roster<'_>,
    scorer: &Scorer<'_>,
    extras: &mut HashMap<&'a str, UnitExtras<'a>>,
) -> Result<()> {
    for (k, cp) in s.council_points.iter().enumerate() {
        let l = format!(
            "{loc}.council_points[{k}] (unit {:?}, criterion {:?})",
            cp.unit, cp.criterion
        );
        in_roster(roster, &cp.unit, l.clone())?;
        let Some(ci) = scorer
            .criteria
            .iter()
            .position(|(_, c)| c.id == cp.criterion)
        else {
            return Err(bad(l, "no such criterion in the scheme"));
        };
        let c = scorer.criteria[ci].1;
        if !matches!(c.rule, Rule::Council {}) {
            return Err(bad(l, "points can only be entered for a council criterion"));
        }
        if cp.points < Decimal::ZERO || cp.points > c.max {
            return Err(bad(
                l,
                format!("points must be within 0..{} (found {})", c.max, cp.points),
            ));
        }
        let x = extras.entry(cp.unit.as_str()).or_default();
        if x.council.insert(ci, cp.points).is_some() {
            return Err(Error::DuplicateId {
                id: cp.criterion.clone(),
                location: l.into(),
            });
        }
    }
    Ok(())
}

/// A stage's fixed bonuses: each for a roster unit and a fixed bonus of the scheme, once per
/// unit.
pub(crate) fn fixed_bonuses<'a>(
    s: &'a StageInput,
    loc: &str,
    roster: &Roster<'_>,
    scheme: &Scheme,
    extras: &mut HashMap<&'a str, UnitExtras<'a>>,
) -> Result<()> {
    for (k, b) in s.bonuses.iter().enumerate() {
        let l = format!("{loc}.bonuses[{k}] (unit {:?}, bonus {:?})", b.unit, b.id);
        in_roster(roster, &b.unit, l.clone())?;
        let Some(bi) = scheme.bonus.fixed.iter().position(|f| f.id == b.id) else {
            return Err(bad(l, "no such fixed bonus in the scheme"));
        };
        let x = extras.entry(b.unit.as_str()).or_default();
        if x.bonuses.contains(&bi) {
            return Err(Error::DuplicateId {
                id: b.id.clone(),
                location: l.into(),
            });
        }
        x.bonuses.push(bi);
    }
    Ok(())
}

/// A stage's penalties: each for a roster unit and a penalty of the scheme, once per unit,
/// with its note.
pub(crate) fn penalties<'a>(
    s: &'a StageInput,
    loc: &str,
    roster: &Roster<'_>,
    scheme: &Scheme,
    extras: &mut HashMap<&'a str, UnitExtras<'a>>,
) -> Result<()> {
    for (k, p) in s.penalties.iter().enumerate() {
        let l = format!(
            "{loc}.penalties[{k}] (unit {:?}, penalty {:?})",
            p.unit, p.id
        );
        in_roster(roster, &p.unit, l.clone())?;
        let Some(pi) = scheme.penalties.iter().position(|f| f.id == p.id) else {
            return Err(bad(l, "no such penalty in the scheme"));
        };
        let x = extras.entry(p.unit.as_str()).or_default();
        if x.penalties.iter().any(|(i, _)| *i == pi) {
            return Err(Error::DuplicateId {
                id: p.id.clone(),
                location: l.into(),
            });
        }
        x.penalties.push((pi, p.note.as_deref()));
    }
    Ok(())
}

/// The criteria dropped per unit (`exclusions`), checked: a roster unit, a criterion of the
/// scheme, a reason, once each.
fn dropped_criteria<'a>(
    input: &'a ScoreInput,
    roster: &Roster<'_>,
    scorer: &Scorer<'_>,
) -> Result<HashMap<&'a str, HashMap<usize, &'a str>>> {
    let mut dropped: HashMap<&str, HashMap<usize, &str>> = HashMap::new();
    for (k, x) in input.exclusions.iter().enumerate() {
        let l = Location::new()
            .field("exclusions")
            .index(k)
            .with_context(format!("unit {:?}, criterion {:?}", x.unit, x.criterion));
        if !roster.contains_key(x.unit.as_str()) {
            return Err(bad(l, format!("unit {:?} is not in the roster", x.unit)));
        }
        let Some(ci) = scorer
            .criteria
            .iter()
            .position(|(_, c)| c.id == x.criterion)
        else {
            return Err(bad(l, "no such criterion in the scheme"));
        };
        if x.reason.trim().is_empty() {
            return Err(bad(l, "say why the criterion is dropped (`reason`)"));
        }
        if dropped
            .entry(x.unit.as_str())
            .or_default()
            .insert(ci, x.reason.as_str())
            .is_some()
        {
            return Err(Error::DuplicateId {
                id: x.criterion.clone(),
                location: l.clone(),
            });
        }
    }
    Ok(dropped)
}

fn compare(scheme: &Scheme, stages: &[StageData<'_>], cards: &[Scorecard]) -> Vec<ComparisonRow> {
    let by_stage: Vec<Option<&Scorecard>> = stages
        .iter()
        .map(|s| cards.iter().find(|c| c.stage == s.stage))
        .collect();
    let row = |item: String, f: &dyn Fn(&Scorecard) -> Option<Decimal>| {
        let values: Vec<Option<Decimal>> = by_stage.iter().map(|c| c.and_then(f)).collect();
        let present: Vec<Decimal> = values.iter().flatten().copied().collect();
        let change = match (present.first(), values.last().copied().flatten()) {
            (Some(first), Some(last)) if present.len() > 1 => last.checked_sub(*first),
            _ => None,
        };
        ComparisonRow {
            item,
            values,
            change,
        }
    };
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for (_, c) in scheme.criteria() {
        if seen.insert(c.id.as_str()) {
            let id = c.id.clone();
            rows.push(row(format!("criterion:{id}"), &|card: &Scorecard| {
                card.criterion_points(&id)
            }));
        }
    }
    for s in &scheme.sections {
        let id = s.id.clone();
        rows.push(row(format!("section:{id}"), &|card: &Scorecard| {
            card.section_subtotal(&id)
        }));
    }
    rows.push(row("criteria_total".into(), &|c: &Scorecard| {
        Some(c.criteria_total)
    }));
    rows.push(row("bonus".into(), &|c: &Scorecard| Some(c.bonus_total)));
    rows.push(row("penalty".into(), &|c: &Scorecard| {
        Some(c.penalty_total)
    }));
    rows.push(row("total".into(), &|c: &Scorecard| Some(c.total)));
    rows
}
