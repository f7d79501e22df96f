//! Scorecards (phiếu chấm điểm): one unit, one stage — each criterion's points with an
//! explanation, section subtotals, bonuses, penalties and the total.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::evaluate::{Explanation, Status, TargetEvaluation, UnitEvaluation};
use crate::number::{
    format_en_rounded, format_vn_fixed, format_vn_rounded, push_en_fixed, push_en_rounded,
    push_vn_fixed, push_vn_rounded,
};

use super::rules::{push_pct_en, push_pct_vi, target_piece};
use super::scheme::{Combine, Criterion, ExceedingBonus, Missing, MissingResult, Rule, Scheme};
use super::Stage;

/// One criterion on a scorecard.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let card = report.unit("Huyện Đắk Lâm").ok_or("no unit Huyện Đắk Lâm")?.final_card().ok_or("no scorecard")?;
/// let a1 = card.criteria.iter().find(|c| c.criterion == "A1").ok_or("not found")?;
/// assert_eq!(a1.max.to_string(), "60");
/// assert!(!a1.explanation.vi.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CriterionScore {
    /// Criterion id.
    pub criterion: String,
    /// Criterion name.
    pub name: String,
    /// Section id.
    pub section: String,
    /// The standard score.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub max: Decimal,
    /// Points within `0..=max`, rounded to the scheme's digits; `None` when the criterion
    /// was left out (missing result under `exclude_and_renormalise`, or a missing result that
    /// made the unit ineligible).
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub points: Option<Decimal>,
    /// `points × weight`, rounded (what the section subtotal adds).
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub weighted: Option<Decimal>,
    /// One line: "đạt 95,2 % kế hoạch → 9,520/10 điểm".
    pub explanation: Explanation,
}

/// A section subtotal.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let card = report.unit("Huyện Đắk Lâm").ok_or("no unit Huyện Đắk Lâm")?.final_card().ok_or("no scorecard")?;
/// let sum: thidua_core::Decimal = card.sections.iter().map(|s| s.subtotal).sum();
/// assert_eq!(sum, card.criteria_total);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SectionScore {
    /// Section id.
    pub section: String,
    /// Section name.
    pub name: String,
    /// Σ max × weight of the section's criteria.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub max: Decimal,
    /// Σ weighted points of its scored criteria.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub subtotal: Decimal,
}

/// A bonus or penalty line.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let card = report.unit("Huyện Đắk Lâm").ok_or("no unit Huyện Đắk Lâm")?.final_card().ok_or("no scorecard")?;
/// assert_eq!(card.bonus_total, card.bonuses.iter().map(|b| b.points).sum());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Adjustment {
    /// The declared id (`"exceeding"` for the exceeding-plan bonus).
    pub id: String,
    /// Points (positive; penalties are subtracted).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub points: Decimal,
    /// Why.
    pub explanation: Explanation,
}

/// One unit's scorecard in one stage.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let card = report.unit("Huyện Đắk Lâm").ok_or("no unit Huyện Đắk Lâm")?.final_card().ok_or("no scorecard")?;
/// assert_eq!(card.total, card.criteria_total + card.bonus_total - card.penalty_total);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Scorecard {
    /// The stage.
    pub stage: Stage,
    /// Every criterion of the scheme, in scheme order.
    pub criteria: Vec<CriterionScore>,
    /// Every section, in scheme order.
    pub sections: Vec<SectionScore>,
    /// Σ subtotals, or its renormalised value (see `renormalised`), rounded.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub criteria_total: Decimal,
    /// Set when criteria were left out and the criteria total was scaled back to the full
    /// maximum.
    pub renormalised: Option<Explanation>,
    /// Bonus lines.
    pub bonuses: Vec<Adjustment>,
    /// Σ bonuses, capped at `bonus.max_total`.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub bonus_total: Decimal,
    /// Set when the bonus ceiling applied.
    pub bonus_capped: Option<Explanation>,
    /// Penalty lines.
    pub penalties: Vec<Adjustment>,
    /// Σ penalties.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub penalty_total: Decimal,
    /// `criteria_total + bonus_total − penalty_total` (not clamped).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub total: Decimal,
    /// Distinct targets of the scheme exceeded (for tie-breakers).
    pub targets_exceeded: u32,
    /// Distinct targets of the scheme met or exceeded.
    pub targets_met_or_exceeded: u32,
    /// Whether the unit may be ranked, classified and proposed.
    pub eligible: bool,
    /// Why not, when not eligible.
    pub ineligible_reason: Option<Explanation>,
}

impl Scorecard {
    /// The subtotal of a section.
    pub fn section_subtotal(&self, id: &str) -> Option<Decimal> {
        self.sections
            .iter()
            .find(|s| s.section == id)
            .map(|s| s.subtotal)
    }

    /// The points of a criterion (`None` if left out or unknown).
    pub fn criterion_points(&self, id: &str) -> Option<Decimal> {
        self.criteria
            .iter()
            .find(|c| c.criterion == id)
            .and_then(|c| c.points)
    }
}

/// What a stage gives one unit besides its evaluation.
#[derive(Debug, Default)]
pub(crate) struct UnitExtras<'a> {
    /// Council points per criterion index.
    pub council: HashMap<usize, Decimal>,
    /// Fixed bonus indices.
    pub bonuses: Vec<usize>,
    /// Penalty indices, with optional notes.
    pub penalties: Vec<(usize, Option<&'a str>)>,
}

/// A scheme prepared for scoring many units.
pub(crate) struct Scorer<'s> {
    pub scheme: &'s Scheme,
    /// (section index, criterion) in order.
    pub criteria: Vec<(usize, &'s Criterion)>,
    /// Σ max × weight.
    pub full_max: Decimal,
    /// Distinct scheme targets, for the counts.
    pub targets: Vec<&'s str>,
    /// For each criterion: whether its targets count for the exceeding bonus.
    pub exceeding_in_scope: Vec<bool>,
    /// For each criterion: its maximum as text, Vietnamese and English.
    pub max_text: Vec<(String, String)>,
    /// For each section: Σ max × weight of its criteria (saturating at `Decimal::MAX`).
    pub section_max: Vec<Decimal>,
}

fn fmt_points(p: Decimal, digits: u32) -> String {
    format_vn_fixed(p, digits)
}

/// English counterpart of [`fmt_points`].
pub(crate) fn fmt_points_en(p: Decimal, digits: u32) -> String {
    crate::number::format_en_fixed(p, digits)
}

fn ovf(loc: &str, op: &str) -> Error {
    Error::overflow(loc, op)
}

/// Replaces the short location of an error raised by a rule (the criterion id) by the full
/// one (criterion, unit, stage). Built only on the error path.
fn in_context(e: Error, full: &str) -> Error {
    match e {
        Error::Overflow { operation, .. } => Error::Overflow {
            location: full.into(),
            operation,
        },
        Error::InvalidInput { location, reason } => {
            let location = location.to_string();
            Error::InvalidInput {
                location: format!(
                    "{full}, {}",
                    location.split_once(", ").map(|x| x.1).unwrap_or(&location)
                )
                .into(),
                reason,
            }
        }
        Error::InvalidScheme { reason, .. } => Error::InvalidScheme {
            location: full.into(),
            reason,
        },
        other => other,
    }
}

/// Finds a target in a unit's evaluation, trying the position `hint` first.
pub(crate) fn find_target<'u>(
    u: &'u UnitEvaluation,
    id: &str,
    hint: Option<usize>,
) -> Option<&'u TargetEvaluation> {
    if let Some(t) = hint
        .and_then(|h| u.targets.get(h))
        .filter(|t| t.target == id)
    {
        return Some(t);
    }
    u.targets.iter().find(|t| t.target == id)
}

/// The unit a scorecard is for, in one stage.
struct UnitView<'u> {
    stage: Stage,
    unit: &'u str,
    evaluation: Option<&'u UnitEvaluation>,
    hints: &'u HashMap<&'u str, usize>,
}

/// One criterion being scored for a unit.
struct CriterionAt<'a, 'u> {
    unit: &'a UnitView<'u>,
    /// Index in [`Scorer::criteria`].
    ci: usize,
    /// Index of its section.
    si: usize,
    c: &'a Criterion,
    /// One piece only (the council's points, or one target): no per-piece points shown.
    single: bool,
    /// Each piece labelled with its target.
    labelled: bool,
}

impl CriterionAt<'_, '_> {
    /// "criterion "A1", unit "X", stage board_appraisal": built on the error path only.
    fn loc(&self) -> String {
        format!(
            "criterion {:?}, unit {:?}, stage {}",
            self.c.id,
            self.unit.unit,
            self.unit.stage.as_str()
        )
    }
}

/// What one unit's criteria add up to while they are scored.
#[derive(Default)]
struct Tally {
    /// Per section: Σ weighted points.
    subtotals: Vec<Decimal>,
    /// Σ max × weight of the criteria scored.
    scored_max: Decimal,
    /// Whether a criterion was left out (the total is then renormalised).
    any_excluded: bool,
    /// The criteria that make the unit ineligible (id, name).
    ineligible: Vec<(String, String)>,
    /// The exceeding-plan bonus before rounding, and its lines joined with "; ".
    exceeding_raw: Decimal,
    exceeding_vi: String,
    exceeding_en: String,
}

/// Per piece of a criterion (target, or the council's points): unrounded points, `None`
/// when missing, and why it is missing; reused from criterion to criterion.
#[derive(Default)]
struct Pieces {
    points: Vec<Option<Decimal>>,
    missing: Vec<Option<Missing>>,
    values: Vec<Decimal>,
}

/// "tính 0 điểm" / "scores 0"…: what a missing piece gets under a policy.
fn policy_text(p: MissingResult) -> (&'static str, &'static str) {
    match p {
        MissingResult::Zero => ("tính 0 điểm", "scores 0"),
        MissingResult::ExcludeAndRenormalise => {
            ("không tính, chuẩn hóa lại", "left out, renormalised")
        }
        MissingResult::Ineligible => (
            "đơn vị không đủ điều kiện xếp hạng",
            "unit not eligible for ranking",
        ),
    }
}

/// Appends " (policy)" to both texts.
fn push_policy(x: &mut Explanation, p: MissingResult) {
    let (vi, en) = policy_text(p);
    x.vi.push_str(" (");
    x.vi.push_str(vi);
    x.vi.push(')');
    x.en.push_str(" (");
    x.en.push_str(en);
    x.en.push(')');
}

/// The council's piece of a council criterion: its points, or none entered.
fn council_piece(points: Option<Decimal>, scratch: &mut Pieces, x: &mut Explanation) {
    match points {
        Some(p) => {
            x.vi.push_str("Hội đồng chấm ");
            push_vn_rounded(&mut x.vi, p, 10);
            x.vi.push_str(" điểm");
            x.en.push_str("council gave ");
            push_en_rounded(&mut x.en, p, 10);
            x.en.push_str(" points");
            scratch.points.push(Some(p));
            scratch.missing.push(None);
        }
        None => {
            x.vi.push_str("chưa có điểm của Hội đồng");
            x.en.push_str("no council points entered");
            scratch.points.push(None);
            scratch.missing.push(Some(Missing::NoCouncilPoints));
        }
    }
}

/// Why a unit is not eligible for ranking, if it is not.
fn ineligible_reason(ineligible: &[(String, String)]) -> Option<Explanation> {
    if ineligible.is_empty() {
        None
    } else if ineligible.iter().any(|(id, _)| id == "*") {
        Some(Explanation {
            vi: "Không chấm được tiêu chí nào (thiếu toàn bộ kết quả).".into(),
            en: "No criterion could be scored (every result is missing).".into(),
        })
    } else {
        let ids: Vec<&str> = ineligible.iter().map(|(id, _)| id.as_str()).collect();
        Some(Explanation {
            vi: format!("Thiếu kết quả ở tiêu chí {}: theo thang điểm, đơn vị không đủ điều kiện xếp hạng.", ids.join(", ")),
            en: format!("Missing results for criteria {}: under the scheme, the unit is not eligible for ranking.", ids.join(", ")),
        })
    }
}

impl<'s> Scorer<'s> {
    pub fn new(scheme: &'s Scheme) -> Result<Scorer<'s>> {
        let criteria: Vec<(usize, &Criterion)> = scheme.criteria().collect();
        let mut targets: Vec<&str> = Vec::new();
        for (_, c) in &criteria {
            for t in &c.targets {
                if !targets.contains(&t.as_str()) {
                    targets.push(t);
                }
            }
        }
        let exceeding_in_scope = criteria
            .iter()
            .map(|(_, c)| match &scheme.bonus.exceeding {
                Some(e) => {
                    !c.targets.is_empty() && (e.criteria.is_empty() || e.criteria.contains(&c.id))
                }
                None => false,
            })
            .collect();
        let digits = scheme.rounding.digits;
        let max_text = criteria
            .iter()
            .map(|(_, c)| {
                (
                    format_vn_rounded(c.max, digits),
                    format_en_rounded(c.max, digits),
                )
            })
            .collect();
        let section_max = scheme
            .sections
            .iter()
            .map(|s| {
                let mut max = Decimal::ZERO;
                for c in &s.criteria {
                    max = max
                        .checked_add(c.max.checked_mul(c.weight).unwrap_or(Decimal::MAX))
                        .unwrap_or(Decimal::MAX);
                }
                max
            })
            .collect();
        Ok(Scorer {
            max_text,
            section_max,
            scheme,
            full_max: scheme.criteria_max()?,
            criteria,
            targets,
            exceeding_in_scope,
        })
    }

    /// Scores one unit in one stage. `evaluation` is `None` when the stage has no results for
    /// the unit (all its targets are then missing). `hints` maps target id → position in
    /// the evaluation's target list.
    pub fn score(
        &self,
        stage: Stage,
        unit: &str,
        evaluation: Option<&UnitEvaluation>,
        hints: &HashMap<&str, usize>,
        extras: &UnitExtras<'_>,
        dropped: &HashMap<usize, &str>,
    ) -> Result<Scorecard> {
        let scheme = self.scheme;
        let r = scheme.rounding;
        let view = UnitView {
            stage,
            unit,
            evaluation,
            hints,
        };
        let mut tally = Tally {
            subtotals: vec![Decimal::ZERO; scheme.sections.len()],
            ..Tally::default()
        };
        let mut scratch = Pieces::default();
        let mut criteria = Vec::with_capacity(self.criteria.len());
        for (ci, (si, c)) in self.criteria.iter().enumerate() {
            // A criterion dropped for this unit: left out, the total renormalised.
            if let Some(why) = dropped.get(&ci) {
                tally.any_excluded = true;
                criteria.push(self.dropped_criterion(*si, c, why));
                continue;
            }
            let council = matches!(c.rule, Rule::Council {});
            let single = council || c.targets.len() == 1;
            let at = CriterionAt {
                unit: &view,
                ci,
                si: *si,
                c,
                single,
                labelled: !single || c.targets.len() > 1,
            };
            criteria.push(self.criterion(&at, extras, &mut tally, &mut scratch)?);
        }

        let (criteria_total, renormalised) = self.criteria_total(
            unit,
            &tally.subtotals,
            tally.any_excluded,
            tally.scored_max,
            &mut tally.ineligible,
        )?;

        // Bonuses.
        let (bonuses, bonus_total, bonus_capped) = self.bonuses(
            unit,
            extras,
            tally.exceeding_raw,
            &tally.exceeding_vi,
            &tally.exceeding_en,
        )?;

        // Penalties.
        let (penalties, penalty_total) = self.penalties(unit, extras)?;
        let total = r.apply(
            criteria_total
                .checked_add(bonus_total)
                .and_then(|x| x.checked_sub(penalty_total))
                .ok_or_else(|| ovf(unit, "total"))?,
        );

        // Counts of distinct scheme targets.
        let (exceeded, met) = self.target_counts(evaluation, hints);

        let ineligible_reason = ineligible_reason(&tally.ineligible);
        let sections = self.sections(tally.subtotals);

        Ok(Scorecard {
            stage,
            criteria,
            sections,
            criteria_total,
            renormalised,
            bonuses,
            bonus_total,
            bonus_capped,
            penalties,
            penalty_total,
            total,
            targets_exceeded: exceeded,
            targets_met_or_exceeded: met,
            eligible: ineligible_reason.is_none(),
            ineligible_reason,
        })
    }

    /// The sections' lines of a scorecard, from their subtotals.
    fn sections(&self, subtotals: Vec<Decimal>) -> Vec<SectionScore> {
        self.scheme
            .sections
            .iter()
            .zip(subtotals)
            .zip(&self.section_max)
            .map(|((s, subtotal), max)| SectionScore {
                section: s.id.clone(),
                name: s.name.clone(),
                max: *max,
                subtotal,
            })
            .collect()
    }

    /// The missing-result policy of criterion `c` for a piece missing because of `m`.
    fn policy_of(&self, c: &Criterion, m: Missing) -> MissingResult {
        c.missing_result
            .unwrap_or(self.scheme.missing_result)
            .for_missing(m)
    }

    /// The line of a criterion dropped for the unit: not scored, the total renormalised.
    fn dropped_criterion(&self, si: usize, c: &Criterion, why: &str) -> CriterionScore {
        CriterionScore {
            criterion: c.id.clone(),
            name: c.name.clone(),
            section: self.scheme.sections[si].id.clone(),
            max: c.max,
            points: None,
            weighted: None,
            explanation: Explanation {
                vi: format!(
                    "Không chấm tiêu chí này cho đơn vị: {why} → không chấm, chuẩn hóa lại"
                ),
                en: format!("Criterion dropped for the unit: {why} → not scored, renormalised"),
            },
        }
    }

    /// Scores one criterion for the unit: its pieces (the council's points or one per
    /// target), their combination under the missing-result policy, and its points with the
    /// explanation written as the pieces come ("(label) why → points/max" per piece when there
    /// are several, joined with "; ").
    fn criterion(
        &self,
        at: &CriterionAt<'_, '_>,
        extras: &UnitExtras<'_>,
        tally: &mut Tally,
        scratch: &mut Pieces,
    ) -> Result<CriterionScore> {
        let c = at.c;
        scratch.points.clear();
        scratch.missing.clear();
        let mut x = Explanation {
            vi: String::with_capacity(128),
            en: String::with_capacity(128),
        };
        if matches!(c.rule, Rule::Council {}) {
            council_piece(extras.council.get(&at.ci).copied(), scratch, &mut x);
            if scratch.points == [None] {
                push_policy(&mut x, self.policy_of(c, Missing::NoCouncilPoints));
            }
        } else {
            for t in &c.targets {
                self.target_piece_of(at, t, tally, scratch, &mut x)?;
            }
        }
        let (raw, inel) = self.criterion_raw(at, scratch)?;
        if inel {
            tally.ineligible.push((c.id.clone(), c.name.clone()));
        }
        let (points, weighted) = self.criterion_points(at, raw, inel, tally, &mut x)?;
        Ok(CriterionScore {
            criterion: c.id.clone(),
            name: c.name.clone(),
            section: self.scheme.sections[at.si].id.clone(),
            max: c.max,
            points,
            weighted,
            explanation: x,
        })
    }

    /// One target's piece of a criterion: the target's points by the rule (with the
    /// exceeding-plan bonus it earns), or why it is missing and the policy that applies.
    fn target_piece_of(
        &self,
        at: &CriterionAt<'_, '_>,
        t: &str,
        tally: &mut Tally,
        scratch: &mut Pieces,
        x: &mut Explanation,
    ) -> Result<()> {
        let (c, u) = (at.c, at.unit);
        if !scratch.points.is_empty() {
            x.vi.push_str("; ");
            x.en.push_str("; ");
        }
        if at.labelled {
            x.vi.push('(');
            x.vi.push_str(t);
            x.vi.push_str(") ");
            x.en.push('(');
            x.en.push_str(t);
            x.en.push_str(") ");
        }
        let mut why = Missing::NoData;
        let piece = match u
            .evaluation
            .and_then(|e| find_target(e, t, u.hints.get(t).copied()))
        {
            Some(te) => {
                if te.status == Status::NotApplicable {
                    why = Missing::NotApplicable;
                }
                if let (Some(e), Status::Exceeded, Some(ratio)) =
                    (self.scheme.bonus.exceeding.as_ref(), te.status, te.ratio)
                {
                    if self.exceeding_in_scope[at.ci] && ratio > Decimal::ONE_HUNDRED {
                        self.exceeding_bonus(at, e, t, ratio, tally)?;
                    }
                }
                target_piece(&c.rule, c.max, te, &c.id, &mut x.vi, &mut x.en)
                    .map_err(|e| in_context(e, &at.loc()))?
            }
            None if u.evaluation.is_some() => {
                return Err(Error::UnknownTarget {
                    target: t.to_string(),
                    location: format!("{} (the evaluation has no such target)", at.loc()).into(),
                })
            }
            None => {
                x.vi.push_str("chưa có số liệu");
                x.en.push_str("no data");
                None
            }
        };
        match piece {
            Some(raw) if !at.single => {
                let r = self.scheme.rounding;
                let rp = r.apply(raw);
                let (max_s, max_en) = &self.max_text[at.ci];
                x.vi.push_str(" → ");
                push_vn_fixed(&mut x.vi, rp, r.digits);
                x.vi.push('/');
                x.vi.push_str(max_s);
                x.en.push_str(" → ");
                push_en_fixed(&mut x.en, rp, r.digits);
                x.en.push('/');
                x.en.push_str(max_en);
            }
            Some(_) => {}
            None => push_policy(x, self.policy_of(c, why)),
        }
        scratch.missing.push(piece.is_none().then_some(why));
        scratch.points.push(piece);
        Ok(())
    }

    /// Adds the exceeding-plan bonus of target `t` (ratio above 100 %) to the tally, with
    /// its line ("(t) vượt x% → +b").
    fn exceeding_bonus(
        &self,
        at: &CriterionAt<'_, '_>,
        e: &ExceedingBonus,
        t: &str,
        ratio: Decimal,
        tally: &mut Tally,
    ) -> Result<()> {
        let digits = self.scheme.rounding.digits;
        let above = ratio - Decimal::ONE_HUNDRED;
        let mut b = above
            .checked_mul(e.points_per_percent)
            .ok_or_else(|| ovf(&at.loc(), "exceeding bonus"))?;
        let mut capped = false;
        if let Some(cap) = e.cap_per_target {
            if b > cap {
                b = cap;
                capped = true;
            }
        }
        tally.exceeding_raw = tally
            .exceeding_raw
            .checked_add(b)
            .ok_or_else(|| ovf(&at.loc(), "exceeding bonus"))?;
        let cap_vi = if capped { " (mức tối đa)" } else { "" };
        let cap_en = if capped { " (cap)" } else { "" };
        let (vi, en) = (&mut tally.exceeding_vi, &mut tally.exceeding_en);
        if !vi.is_empty() {
            vi.push_str("; ");
            en.push_str("; ");
        }
        vi.push('(');
        vi.push_str(t);
        vi.push_str(") vượt ");
        push_pct_vi(vi, above);
        vi.push_str(" → +");
        push_vn_rounded(vi, b, digits);
        vi.push_str(cap_vi);
        en.push('(');
        en.push_str(t);
        en.push_str(") ");
        push_pct_en(en, above);
        en.push_str(" above plan → +");
        push_en_rounded(en, b, digits);
        en.push_str(cap_en);
        Ok(())
    }

    /// The raw points of a criterion from its pieces, `None` when it is left out, and
    /// whether it makes the unit ineligible. Each missing piece follows the policy for its
    /// kind (no data, not applicable, no council points): zero, left out, or ineligible.
    fn criterion_raw(
        &self,
        at: &CriterionAt<'_, '_>,
        scratch: &mut Pieces,
    ) -> Result<(Option<Decimal>, bool)> {
        let c = at.c;
        scratch.values.clear();
        let mut inel = false;
        for (p, m) in scratch.points.iter().zip(&scratch.missing) {
            match (p, m) {
                (Some(v), _) => scratch.values.push(*v),
                (None, m) => match self.policy_of(c, m.unwrap_or(Missing::NoData)) {
                    MissingResult::Zero => scratch.values.push(Decimal::ZERO),
                    MissingResult::ExcludeAndRenormalise => {}
                    MissingResult::Ineligible => inel = true,
                },
            }
        }
        let raw = if inel || scratch.values.is_empty() {
            None
        } else {
            Some(combine(c.combine, &scratch.values, &c.id).map_err(|e| in_context(e, &at.loc()))?)
        };
        Ok((raw, inel))
    }

    /// A criterion's rounded points and weighted points (added to its section's subtotal and
    /// to the scored maximum), with the end of its explanation ("; mean → p/max điểm × hệ số
    /// w = pw", or "→ not scored").
    fn criterion_points(
        &self,
        at: &CriterionAt<'_, '_>,
        raw: Option<Decimal>,
        inel: bool,
        tally: &mut Tally,
        x: &mut Explanation,
    ) -> Result<(Option<Decimal>, Option<Decimal>)> {
        let c = at.c;
        let Some(raw) = raw else {
            if !inel {
                tally.any_excluded = true;
            }
            x.vi.push_str(" → không chấm");
            x.en.push_str(" → not scored");
            return Ok((None, None));
        };
        let r = self.scheme.rounding;
        let digits = r.digits;
        let (comb_vi, comb_en) = match (c.combine, at.single) {
            (_, true) => ("", ""),
            (Some(Combine::Min), _) => ("; thấp nhất", "; lowest"),
            _ => ("; trung bình", "; mean"),
        };
        let p = r.apply(raw);
        let w = r.apply(
            p.checked_mul(c.weight)
                .ok_or_else(|| ovf(&at.loc(), "points × weight"))?,
        );
        let subtotal = &mut tally.subtotals[at.si];
        *subtotal = subtotal
            .checked_add(w)
            .ok_or_else(|| ovf(&at.loc(), "subtotal"))?;
        tally.scored_max = tally
            .scored_max
            .checked_add(
                c.max
                    .checked_mul(c.weight)
                    .ok_or_else(|| ovf(&at.loc(), "max × weight"))?,
            )
            .ok_or_else(|| ovf(&at.loc(), "scored maximum"))?;
        let (max_s, max_en) = &self.max_text[at.ci];
        x.vi.push_str(comb_vi);
        x.vi.push_str(" → ");
        push_vn_fixed(&mut x.vi, p, digits);
        x.vi.push('/');
        x.vi.push_str(max_s);
        x.vi.push_str(" điểm");
        x.en.push_str(comb_en);
        x.en.push_str(" → ");
        push_en_fixed(&mut x.en, p, digits);
        x.en.push('/');
        x.en.push_str(max_en);
        x.en.push_str(" points");
        if c.weight != Decimal::ONE {
            x.vi.push_str(" × hệ số ");
            push_vn_rounded(&mut x.vi, c.weight, 10);
            x.vi.push_str(" = ");
            push_vn_fixed(&mut x.vi, w, digits);
            x.en.push_str(" × weight ");
            push_en_rounded(&mut x.en, c.weight, 10);
            x.en.push_str(" = ");
            push_en_fixed(&mut x.en, w, digits);
        }
        Ok((Some(p), Some(w)))
    }

    /// The criteria total: the sum of the sections' subtotals, renormalised to the full
    /// maximum when criteria were excluded (with its explanation).
    fn criteria_total(
        &self,
        unit: &str,
        subtotals: &[Decimal],
        any_excluded: bool,
        scored_max: Decimal,
        ineligible: &mut Vec<(String, String)>,
    ) -> Result<(Decimal, Option<Explanation>)> {
        let r = self.scheme.rounding;
        let digits = r.digits;
        let mut sum = Decimal::ZERO;
        for s in subtotals {
            sum = sum
                .checked_add(*s)
                .ok_or_else(|| ovf(unit, "criteria total"))?;
        }
        let mut renormalised = None;
        let criteria_total = if any_excluded {
            if scored_max.is_zero() {
                ineligible.push(("*".into(), "không chấm được tiêu chí nào".into()));
                Decimal::ZERO
            } else {
                let t = r.apply(
                    sum.checked_mul(self.full_max)
                        .and_then(|x| x.checked_div(scored_max))
                        .ok_or_else(|| ovf(unit, "renormalised total"))?,
                );
                renormalised = Some(Explanation {
                    vi: format!(
                        "Chuẩn hóa lại: {} điểm trên {} điểm được chấm × {} ÷ {} = {}",
                        fmt_points(sum, digits),
                        format_vn_rounded(scored_max, digits),
                        format_vn_rounded(self.full_max, digits),
                        format_vn_rounded(scored_max, digits),
                        fmt_points(t, digits)
                    ),
                    en: format!(
                        "Renormalised: {} points out of {} scored × {} ÷ {} = {}",
                        fmt_points_en(sum, digits),
                        format_en_rounded(scored_max, digits),
                        format_en_rounded(self.full_max, digits),
                        format_en_rounded(scored_max, digits),
                        fmt_points_en(t, digits)
                    ),
                });
                t
            }
        } else {
            sum
        };
        Ok((criteria_total, renormalised))
    }

    /// The bonuses: the exceeding-plan bonus (its lines joined), the fixed bonuses granted, their
    /// total and the explanation of the cap when the total is capped.
    fn bonuses(
        &self,
        unit: &str,
        extras: &UnitExtras<'_>,
        exceeding_raw: Decimal,
        exceeding_vi: &str,
        exceeding_en: &str,
    ) -> Result<(Vec<Adjustment>, Decimal, Option<Explanation>)> {
        let scheme = self.scheme;
        let r = scheme.rounding;
        let digits = r.digits;
        let mut bonuses = Vec::new();
        if !exceeding_vi.is_empty() {
            let b = r.apply(exceeding_raw);
            bonuses.push(Adjustment {
                id: "exceeding".into(),
                points: b,
                explanation: Explanation {
                    vi: format!(
                        "Thưởng vượt kế hoạch: {} = {} điểm",
                        exceeding_vi,
                        fmt_points(b, digits)
                    ),
                    en: format!(
                        "Bonus for exceeding plan: {} = {} points",
                        exceeding_en,
                        fmt_points_en(b, digits)
                    ),
                },
            });
        }
        let mut fixed: Vec<usize> = extras.bonuses.clone();
        fixed.sort_unstable();
        for i in fixed {
            let f = &scheme.bonus.fixed[i];
            let p = r.apply(f.points);
            bonuses.push(Adjustment {
                id: f.id.clone(),
                points: p,
                explanation: Explanation {
                    vi: format!("{} → +{} điểm", f.label_vi, fmt_points(p, digits)),
                    en: format!("{} → +{} points", f.label_en, fmt_points_en(p, digits)),
                },
            });
        }
        let mut bonus_sum = Decimal::ZERO;
        for b in &bonuses {
            bonus_sum = bonus_sum
                .checked_add(b.points)
                .ok_or_else(|| ovf(unit, "bonus total"))?;
        }
        let mut bonus_capped = None;
        let bonus_total = match scheme.bonus.max_total {
            Some(m) if bonus_sum > m => {
                let m = r.apply(m);
                bonus_capped = Some(Explanation {
                    vi: format!(
                        "Tổng điểm thưởng {} vượt mức tối đa {} → tính {}",
                        fmt_points(bonus_sum, digits),
                        fmt_points(m, digits),
                        fmt_points(m, digits)
                    ),
                    en: format!(
                        "Bonus points {} exceed the ceiling {} → {} counted",
                        fmt_points_en(bonus_sum, digits),
                        fmt_points_en(m, digits),
                        fmt_points_en(m, digits)
                    ),
                });
                m
            }
            _ => bonus_sum,
        };
        Ok((bonuses, bonus_total, bonus_capped))
    }

    /// The penalties given to the unit, in the scheme's order, and their total.
    fn penalties(&self, unit: &str, extras: &UnitExtras<'_>) -> Result<(Vec<Adjustment>, Decimal)> {
        let scheme = self.scheme;
        let r = scheme.rounding;
        let digits = r.digits;
        let mut pens: Vec<(usize, Option<&str>)> = extras.penalties.clone();
        pens.sort_unstable();
        let mut penalties = Vec::with_capacity(pens.len());
        let mut penalty_total = Decimal::ZERO;
        for (i, note) in pens {
            let p = &scheme.penalties[i];
            let pts = r.apply(p.points);
            penalty_total = penalty_total
                .checked_add(pts)
                .ok_or_else(|| ovf(unit, "penalty total"))?;
            let note = note.map(|n| format!(" ({n})")).unwrap_or_default();
            penalties.push(Adjustment {
                id: p.id.clone(),
                points: pts,
                explanation: Explanation {
                    vi: format!("{}{note} → −{} điểm", p.label_vi, fmt_points(pts, digits)),
                    en: format!(
                        "{}{note} → −{} points",
                        p.label_en,
                        fmt_points_en(pts, digits)
                    ),
                },
            });
        }
        Ok((penalties, penalty_total))
    }

    /// How many distinct scheme targets the unit exceeded, and met or exceeded.
    fn target_counts(
        &self,
        evaluation: Option<&UnitEvaluation>,
        hints: &HashMap<&str, usize>,
    ) -> (u32, u32) {
        let (mut exceeded, mut met) = (0u32, 0u32);
        if let Some(u) = evaluation {
            for t in &self.targets {
                if let Some(te) = find_target(u, t, hints.get(t).copied()) {
                    if te.status == Status::Exceeded {
                        exceeded += 1;
                    }
                    if te.status.is_met_or_exceeded() {
                        met += 1;
                    }
                }
            }
        }
        (exceeded, met)
    }
}

fn combine(how: Option<Combine>, values: &[Decimal], loc: &str) -> Result<Decimal> {
    match (how, values) {
        (_, []) => Ok(Decimal::ZERO),
        (_, [one]) => Ok(*one),
        (Some(Combine::Min), vs) => Ok(vs.iter().copied().min().unwrap_or_default()),
        (_, vs) => {
            let mut s = Decimal::ZERO;
            for v in vs {
                s = s
                    .checked_add(*v)
                    .ok_or_else(|| ovf(loc, "mean of targets"))?;
            }
            s.checked_div(Decimal::from(vs.len()))
                .ok_or_else(|| ovf(loc, "mean of targets"))
        }
    }
}
