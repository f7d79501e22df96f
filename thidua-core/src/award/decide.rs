//! The award pipeline in one call: the scoring's award proposals (and direct proposals) →
//! eligibility under the rules in force on the proposal date → the council's vote → quotas →
//! the final list with the money of each award and the total.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::evaluate::Explanation;
use crate::number::{format_en_rounded, format_vn_rounded};
use crate::scoring::{score, CapRounding, ScoreInput, ScoreReport, UnitScore};

use super::check::{closest, eligibility, push_new, Closest, Eligibility, EligibilityStatus};
use super::condition::Facts;
use super::history::{index, Gender, History, Rating, Subject, SubjectIndex, MAX_YEAR, MIN_YEAR};
use super::money::{dong_vi, reward, Money};
use super::proposal::{percent_cap, tied_at_cap};
use super::rules::{
    bad, within, Applicable, BaseSalary, BaseSalaryTable, Jurisdiction, LegalRef, OrderKey, Quota,
    QuotaBase, QuotaRounding, QuotaTies, RuleBook, RuleSet, SubjectKind, Title,
};
use super::vote::{tally, validate as validate_vote, Ballot, Council, VoteResult};

/// A rule set given to the pipeline: the id of a shipped one (`"vn-nd98-2023"`) or the rule
/// set itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum RuleSetRef {
    /// A shipped rule set ([`RuleSet::builtin`]).
    Builtin(String),
    /// An inline rule set.
    Inline(Box<RuleSet>),
}

impl<'de> Deserialize<'de> for RuleSetRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::String(s) => Ok(RuleSetRef::Builtin(s)),
            other => serde_json::from_value(other)
                .map(|r| RuleSetRef::Inline(Box::new(r)))
                .map_err(serde::de::Error::custom),
        }
    }
}

/// A proposal made directly (not from the scoring): a candidate for a title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// The subject (a subject of the history).
    pub subject: String,
    /// The title.
    pub title: String,
    /// Who proposed it, or why (shown with the decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Everything the pipeline needs, as one JSON document. See `docs/awards.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AwardInput {
    /// The date of the proposal (the council's meeting or the decision): it selects the rules
    /// and the base salary in force.
    pub date: NaiveDate,
    /// The achievement year proposed (năm thành tích).
    pub year: i32,
    /// The rule sets: exactly one national set must cover `date`; provincial sets covering it
    /// apply too.
    pub rule_sets: Vec<RuleSetRef>,
    /// The base-salary table (default: the shipped one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_salary: Option<BaseSalaryTable>,
    /// The award history.
    #[serde(default)]
    pub history: History,
    /// This year's facts not in the history (individuals' ratings, units scored elsewhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Facts>,
    /// A scoring input: it is scored, its units' results become facts and its award
    /// proposals candidates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreInput>,
    /// …or a score report already computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_report: Option<ScoreReport>,
    /// Each award id of the scoring scheme → a title of the rule sets, or `null` for a
    /// scheme award that is not a title (its proposals are then not decided here). Required
    /// for every award of the scoring.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub award_titles: BTreeMap<String, Option<String>>,
    /// Each band id of the scoring scheme → the task rating it stands for (declared, never
    /// guessed from the label). Without it, ratings come from the history only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub band_ratings: BTreeMap<String, Rating>,
    /// Direct proposals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// The council at the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<Council>,
    /// The votes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<Ballot>,
    /// Numbers for `declared` quota bases.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quota_bases: BTreeMap<String, u32>,
}

/// The final status of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FinalStatus {
    /// Eligible, voted (when a vote is required), within the quota: on the final list.
    Approved,
    /// Not eligible.
    NotEligible,
    /// Eligibility cannot be decided from the data.
    MissingData,
    /// A blocking condition holds.
    Blocked,
    /// The vote did not reach the pass mark or the quorum.
    VoteFailed,
    /// A vote is required and no ballot was given.
    VotePending,
    /// Beyond the quota.
    BeyondQuota,
    /// Tied with others where the quota cuts: left for the council to settle.
    TiedAtQuota,
}

impl FinalStatus {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            FinalStatus::Approved => "được thông qua",
            FinalStatus::NotEligible => "chưa đủ điều kiện",
            FinalStatus::MissingData => "chưa đủ dữ liệu",
            FinalStatus::Blocked => "chưa xét khen thưởng",
            FinalStatus::VoteFailed => "không đạt số phiếu",
            FinalStatus::VotePending => "chưa bỏ phiếu",
            FinalStatus::BeyondQuota => "ngoài hạn mức",
            FinalStatus::TiedAtQuota => "bằng nhau tại ngưỡng hạn mức, Hội đồng quyết định",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            FinalStatus::Approved => "approved",
            FinalStatus::NotEligible => "not eligible",
            FinalStatus::MissingData => "missing data",
            FinalStatus::Blocked => "blocked",
            FinalStatus::VoteFailed => "vote failed",
            FinalStatus::VotePending => "vote pending",
            FinalStatus::BeyondQuota => "beyond the quota",
            FinalStatus::TiedAtQuota => "tied at the quota, for the council",
        }
    }
}

/// A candidate's place against a quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct QuotaPlace {
    /// The rule set.
    pub rule_set: String,
    /// The quota.
    pub quota: String,
    /// Position in the order, 1-based (tied candidates share it).
    pub position: u32,
    /// The cap.
    pub cap: u32,
    /// Why.
    pub explanation: Explanation,
}

/// The decision on one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AwardDecision {
    /// The subject.
    pub subject: String,
    /// Its name.
    pub name: String,
    /// Individual or collective.
    pub subject_kind: SubjectKind,
    /// The title.
    pub title: String,
    /// Its Vietnamese name.
    pub label_vi: String,
    /// Its English name.
    pub label_en: String,
    /// Who confers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conferred_by: Option<String>,
    /// The scoring award that proposed it, when it came from the scoring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring_award: Option<String>,
    /// Who proposed it and why.
    pub proposed: Explanation,
    /// The eligibility check.
    pub eligibility: Eligibility,
    /// The votes (one per vote rule in force for the title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<VoteResult>,
    /// Its places against the quotas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quota: Vec<QuotaPlace>,
    /// The final status.
    pub status: FinalStatus,
    /// Why, in one line.
    pub reason: Explanation,
    /// The money, for an approved award with a multiple in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money: Option<Money>,
}

/// How a quota was applied to a title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct QuotaOutcome {
    /// The rule set.
    pub rule_set: String,
    /// The quota.
    pub quota: String,
    /// The title.
    pub title: String,
    /// The base of a percentage cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<u32>,
    /// The cap.
    pub cap: u32,
    /// Candidates that reached the quota (eligible and voted).
    pub considered: u32,
    /// Approved within the cap.
    pub approved: u32,
    /// Candidates tied where the cap cuts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tied: Vec<String>,
    /// The computation and what happened to ties.
    pub note: Explanation,
    /// Source of the cap.
    pub source: LegalRef,
    /// Source of the order, when it has its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_source: Option<LegalRef>,
}

/// Approved awards and money of one title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TitleTotal {
    /// The title.
    pub title: String,
    /// Its Vietnamese name.
    pub label_vi: String,
    /// Individual or collective.
    pub subject_kind: SubjectKind,
    /// How many approved.
    pub count: u32,
    /// Their money (đồng).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub amount: Decimal,
}

/// The totals of the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Totals {
    /// Approved awards.
    pub approved: u32,
    /// Their money (đồng).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub amount: Decimal,
    /// Approved awards without a multiple in force (not in `amount`).
    pub without_amount: u32,
    /// By title and kind of subject, in decision order.
    pub by_title: Vec<TitleTotal>,
}

/// A rule set in force, as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RuleSetInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// National or provincial.
    pub jurisdiction: Jurisdiction,
    /// An illustrative rule set.
    pub example: bool,
    /// First day.
    pub valid_from: NaiveDate,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
}

/// The output of [`decide`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AwardReport {
    /// The proposal date.
    pub date: NaiveDate,
    /// The achievement year.
    pub year: i32,
    /// The rule sets in force (the national one first).
    pub rule_sets: Vec<RuleSetInfo>,
    /// The base salary in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_salary: Option<BaseSalary>,
    /// One decision per proposal, by title (lowest first) then proposal order.
    pub decisions: Vec<AwardDecision>,
    /// How each quota was applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<QuotaOutcome>,
    /// Totals.
    pub totals: Totals,
    /// For each subject, the next title it is closest to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closest: Vec<Closest>,
    /// Warnings (an illustrative rule set in use, unverified sources, subjects without a
    /// history).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Explanation>,
}

/// The output of [`check`]: eligibility only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct EligibilityReport {
    /// The proposal date.
    pub date: NaiveDate,
    /// The achievement year.
    pub year: i32,
    /// The rule sets in force.
    pub rule_sets: Vec<RuleSetInfo>,
    /// One per proposal.
    pub eligibility: Vec<Eligibility>,
    /// For each subject, the next title it is closest to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closest: Vec<Closest>,
    /// Warnings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Explanation>,
}

impl AwardReport {
    /// Pretty JSON.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::json("award report", &e))
    }

    /// The decisions on the final list.
    pub fn approved(&self) -> impl Iterator<Item = &AwardDecision> {
        self.decisions
            .iter()
            .filter(|d| d.status == FinalStatus::Approved)
    }

    /// The decision on a subject and title.
    pub fn decision(&self, subject: &str, title: &str) -> Option<&AwardDecision> {
        self.decisions
            .iter()
            .find(|d| d.subject == subject && d.title == title)
    }
}

impl EligibilityReport {
    /// Pretty JSON.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::json("eligibility report", &e))
    }
}

/// Replaces file paths in an award input by the files' JSON: `history`, `score`,
/// `score_report`, `base_salary`, `facts`, `candidates`, `ballots` and every entry of
/// `rule_sets` that ends in `.json` (any other string is the id of a shipped rule set);
/// inside `score`, the scoring's own
/// paths ([`crate::scoring::resolve_input_paths`]). `read` returns a file's text (the library
/// does no I/O).
///
/// ```
/// use thidua_core::award::resolve_input_paths;
/// let v = serde_json::json!({"rule_sets": ["vn-nd98-2023", "my-province.json"]});
/// let out = resolve_input_paths(v, &mut |p: &str| {
///     assert_eq!(p, "my-province.json");
///     Ok(r#"{"id": "p"}"#.to_string())
/// })?;
/// assert_eq!(out["rule_sets"][0], "vn-nd98-2023");
/// assert_eq!(out["rule_sets"][1]["id"], "p");
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
    let builtin = RuleSet::builtin_ids();
    if let Some(obj) = value.as_object_mut() {
        for k in [
            "history",
            "score",
            "score_report",
            "base_salary",
            "facts",
            "candidates",
            "ballots",
        ] {
            if let Some(v) = obj.get_mut(k) {
                load(v, read)?;
            }
        }
        if let Some(s) = obj.get_mut("score") {
            let taken = std::mem::take(s);
            *s = crate::scoring::resolve_input_paths(taken, read)?;
        }
        if let Some(serde_json::Value::Array(sets)) = obj.get_mut("rule_sets") {
            for s in sets {
                if s.as_str()
                    .is_some_and(|id| !builtin.contains(&id) && id.ends_with(".json"))
                {
                    load(s, read)?;
                }
            }
        }
    }
    Ok(value)
}

/// Reads an [`AwardInput`] from JSON and runs [`decide`]: the entry point of the bindings.
///
/// ```
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/awards-2024/input.json")?)?;
/// # let input = thidua_core::award::resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: the illustrative Kon Tum 2024 clusters, a history and the votes.
/// let report = thidua_core::award::decide_json(&input.to_string())?;
/// let an = report.decision("nguyen-thi-an", "chien_si_thi_dua_tinh").ok_or("no such decision")?;
/// assert_eq!(an.status, thidua_core::award::FinalStatus::Approved);
/// assert_eq!(an.money.as_ref().ok_or("not found")?.amount.to_string(), "7020000"); // 3 × 2.340.000
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_json(input_json: &str) -> Result<AwardReport> {
    let input: AwardInput =
        serde_json::from_str(input_json).map_err(|e| Error::json("award input", &e))?;
    decide(&input)
}

/// Reads an [`AwardInput`] from JSON and runs [`check`].
pub fn check_json(input_json: &str) -> Result<EligibilityReport> {
    let input: AwardInput =
        serde_json::from_str(input_json).map_err(|e| Error::json("award input", &e))?;
    check(&input)
}

fn book_of(input: &AwardInput) -> Result<RuleBook> {
    let mut sets = Vec::with_capacity(input.rule_sets.len());
    for (i, r) in input.rule_sets.iter().enumerate() {
        sets.push(match r {
            RuleSetRef::Builtin(id) => RuleSet::builtin(id).ok_or_else(|| {
                bad(
                    format!("rule_sets[{i}]"),
                    format!(
                        "{id:?} is not a shipped rule set ({}); give a rule set object or a path the caller resolves",
                        RuleSet::builtin_ids().join(", ")
                    ),
                )
            })?,
            RuleSetRef::Inline(s) => {
                s.validate().map_err(|e| within(e, &format!("rule_sets[{i}] ({:?})", s.id)))?;
                (**s).clone()
            }
        });
    }
    RuleBook::new(sets)
}

/// Everything prepared for eligibility: rules, history, facts, candidates.
struct Prepared<'a> {
    app: Applicable<'a>,
    subjects: Vec<Subject>,
    /// Index into `subjects` by id.
    by_id: HashMap<String, usize>,
    idx: HashMap<&'a str, SubjectIndex<'a>>,
    facts: HashMap<String, Facts>,
    candidates: Vec<Prop>,
    report: Option<ScoreReport>,
    warnings: Vec<Explanation>,
}

struct Prop {
    subject: String,
    title: String,
    scoring_award: Option<String>,
    proposed: Explanation,
}

/// Checks the input and prepares it: the rules in force, the history, the scoring's facts and
/// every candidate (from the scoring, then direct), each checked.
fn prepare<'a>(input: &'a AwardInput, book: &'a RuleBook) -> Result<Prepared<'a>> {
    check_year(input)?;
    let app = book.at(input.date)?;
    let mut warnings = example_warnings(&app);
    let h = &input.history;
    h.validate().map_err(|e| within(e, "history"))?;
    warnings.extend(h.check_titles(&|t| app.title(t).map(|t| t.subjects.clone()))?);
    let mut subjects = h.subjects.clone();
    let idx = index(h);
    let report = scoring_of(input)?;
    let mut facts = match &report {
        Some(r) => scored_facts(input, r, &mut subjects, &mut warnings)?,
        None => HashMap::new(),
    };
    let by_id: HashMap<String, usize> = subjects
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    add_given_facts(input, &by_id, &mut facts)?;
    let mut candidates = scoring_candidates(input, report.as_ref())?;
    candidates.extend(input.candidates.iter().map(direct_candidate));
    check_candidates(input, &app, &subjects, &by_id, &candidates)?;
    Ok(Prepared {
        app,
        subjects,
        by_id,
        idx,
        facts,
        candidates,
        report,
        warnings,
    })
}

/// The achievement year: within the years the library knows, and not after the proposal date.
fn check_year(input: &AwardInput) -> Result<()> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&input.year) {
        return Err(bad(
            "year",
            format!("year {} is outside {MIN_YEAR}–{MAX_YEAR}", input.year),
        ));
    }
    if input.year > input.date.year() {
        return Err(bad(
            "year",
            format!(
                "the achievement year {} is after the proposal date {}",
                input.year, input.date
            ),
        ));
    }
    Ok(())
}

/// A warning for each rule set in force that is an illustrative example, not a regulation.
fn example_warnings(app: &Applicable<'_>) -> Vec<Explanation> {
    app.sets()
        .iter()
        .filter(|s| s.example)
        .map(|s| Explanation {
            vi: format!(
                "Bộ quy định \"{}\" ({}) chỉ là ví dụ minh họa, không phải văn bản thật.",
                s.name, s.id
            ),
            en: format!(
                "Rule set \"{}\" ({}) is an illustrative example, not a real regulation.",
                s.name, s.id
            ),
        })
        .collect()
}

/// The scoring: the scoring input scored, or the report given (not both), or none.
fn scoring_of(input: &AwardInput) -> Result<Option<ScoreReport>> {
    Ok(match (&input.score, &input.score_report) {
        (Some(_), Some(_)) => return Err(bad("score", "give `score` or `score_report`, not both")),
        (Some(s), None) => Some(score(s).map_err(|e| within(e, "score:"))?),
        (None, Some(r)) => Some(r.clone()),
        (None, None) => None,
    })
}

/// The facts of every scored unit (rating from its band, group, rank, total, targets); a unit
/// not in the history is added as a collective, with a warning.
fn scored_facts(
    input: &AwardInput,
    r: &ScoreReport,
    subjects: &mut Vec<Subject>,
    warnings: &mut Vec<Explanation>,
) -> Result<HashMap<String, Facts>> {
    let h = &input.history;
    let targets_total: Option<u32> = input.score.as_ref().map(|s| {
        let ids: HashSet<&str> = s
            .scheme
            .criteria()
            .flat_map(|(_, c)| c.targets.iter().map(String::as_str))
            .collect();
        u32::try_from(ids.len()).unwrap_or(u32::MAX)
    });
    let mut facts: HashMap<String, Facts> = HashMap::new();
    for u in &r.units {
        facts.insert(u.unit.clone(), unit_facts(input, u, targets_total)?);
        match h.subject(&u.unit) {
            None => {
                subjects.push(Subject {
                    id: u.unit.clone(),
                    kind: SubjectKind::Collective,
                    name: None,
                    gender: None,
                    records_from: None,
                });
                warnings.push(Explanation {
                    vi: format!(
                        "{}: không có trong hồ sơ khen thưởng, chỉ xét được kết quả năm {}",
                        u.unit, input.year
                    ),
                    en: format!(
                        "{}: not in the award history; only {}'s results are known",
                        u.unit, input.year
                    ),
                });
            }
            Some(s) if s.kind != SubjectKind::Collective => {
                return Err(bad(
                    "history.subjects",
                    format!(
                        "{:?} is a unit of the scoring but an individual in the history",
                        u.unit
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(facts)
}

/// One scored unit's facts; its band's rating as `band_ratings` declares it.
fn unit_facts(input: &AwardInput, u: &UnitScore, targets_total: Option<u32>) -> Result<Facts> {
    let card = u.final_card();
    let band = u.band.as_ref().map(|b| b.band.clone());
    let rating = match &band {
        Some(b) if !input.band_ratings.is_empty() => Some(*input.band_ratings.get(b).ok_or_else(|| {
            bad(
                "band_ratings",
                format!("band {b:?} of the scoring is not mapped to a rating (map every band of the scheme)"),
            )
        })?),
        _ => None,
    };
    Ok(Facts {
        subject: u.unit.clone(),
        rating,
        band,
        group: Some(u.group.clone()),
        rank: u.rank,
        tied: u.tied,
        total: card.map(|c| c.total),
        targets: targets_total,
        targets_met_or_exceeded: card.map(|c| c.targets_met_or_exceeded),
        targets_exceeded: card.map(|c| c.targets_exceeded),
    })
}

/// Adds the facts given in the input: each of a subject of the history, once (not also scored).
fn add_given_facts(
    input: &AwardInput,
    by_id: &HashMap<String, usize>,
    facts: &mut HashMap<String, Facts>,
) -> Result<()> {
    for (i, f) in input.facts.iter().enumerate() {
        if !by_id.contains_key(&f.subject) {
            return Err(bad(
                format!("facts[{i}].subject"),
                format!("subject {:?} is not in the history", f.subject),
            ));
        }
        if facts.insert(f.subject.clone(), f.clone()).is_some() {
            return Err(Error::DuplicateId {
                id: f.subject.clone(),
                location: format!("facts[{i}] (this subject's facts are already given, by the scoring or an earlier entry)").into(),
            });
        }
    }
    Ok(())
}

/// The scoring's award proposals as candidates for the titles `award_titles` maps them to
/// (every award of the scoring mapped, every mapping an award of the scoring).
fn scoring_candidates(input: &AwardInput, report: Option<&ScoreReport>) -> Result<Vec<Prop>> {
    let Some(r) = report else {
        if !input.award_titles.is_empty() {
            return Err(bad(
                "award_titles",
                "award_titles maps the scoring's awards: give `score` or `score_report`",
            ));
        }
        return Ok(Vec::new());
    };
    let mut candidates = Vec::new();
    for a in &r.awards {
        let Some(mapped) = input.award_titles.get(&a.award) else {
            return Err(bad(
                "award_titles",
                format!(
                    "the scoring's award {:?} is not mapped: map it to a title id, or to null to leave its proposals out",
                    a.award
                ),
            ));
        };
        let Some(title) = mapped else { continue };
        for p in &a.proposals {
            candidates.push(Prop {
                subject: p.unit.clone(),
                title: title.clone(),
                scoring_award: Some(a.award.clone()),
                proposed: Explanation {
                    vi: format!(
                        "Đề nghị từ kết quả chấm điểm ({}): {}",
                        a.label_vi, p.reason.vi
                    ),
                    en: format!("Proposed by the scoring ({}): {}", a.label_en, p.reason.en),
                },
            });
        }
    }
    for k in input.award_titles.keys() {
        if !r.awards.iter().any(|a| &a.award == k) {
            return Err(bad(
                format!("award_titles.{k}"),
                "no award of the scoring has this id",
            ));
        }
    }
    Ok(candidates)
}

/// A direct proposal as a candidate, its note shown with it.
fn direct_candidate(c: &Candidate) -> Prop {
    let note = c.note.as_ref().map_or(String::new(), |n| format!(": {n}"));
    Prop {
        subject: c.subject.clone(),
        title: c.title.clone(),
        scoring_award: None,
        proposed: Explanation {
            vi: format!("Đề nghị trực tiếp{note}"),
            en: format!("Proposed directly{note}"),
        },
    }
}

/// Every candidate is a subject of the history, for a known title given to its kind with a
/// rule in force on the date, and proposed once for that title.
fn check_candidates(
    input: &AwardInput,
    app: &Applicable<'_>,
    subjects: &[Subject],
    by_id: &HashMap<String, usize>,
    candidates: &[Prop],
) -> Result<()> {
    let n_scoring = candidates
        .iter()
        .filter(|c| c.scoring_award.is_some())
        .count();
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for (i, c) in candidates.iter().enumerate() {
        let loc = if i < n_scoring {
            format!(
                "score awards ({:?} → {:?})",
                c.scoring_award.as_deref().unwrap_or(""),
                c.title
            )
        } else {
            format!("candidates[{}]", i - n_scoring)
        };
        let Some(s) = by_id.get(&c.subject).map(|&i| &subjects[i]) else {
            return Err(bad(
                format!("{loc}.subject"),
                format!("subject {:?} is not in the history", c.subject),
            ));
        };
        check_title_for(input, app, c, s, &loc)?;
        if !seen.insert((c.subject.as_str(), c.title.as_str())) {
            return Err(Error::DuplicateId {
                id: format!("{} / {}", c.subject, c.title),
                location: format!("{loc} (the same subject is proposed twice for this title)")
                    .into(),
            });
        }
    }
    Ok(())
}

/// A candidate's title: in the catalogue, given to the subject's kind, with a rule in force.
fn check_title_for(
    input: &AwardInput,
    app: &Applicable<'_>,
    c: &Prop,
    s: &Subject,
    loc: &str,
) -> Result<()> {
    let Some(t) = app.title(&c.title) else {
        return Err(bad(
            format!("{loc}.title"),
            format!(
                "unknown title {:?} (not in the catalogue of the rule sets)",
                c.title
            ),
        ));
    };
    if !t.subjects.contains(&s.kind) {
        return Err(bad(
            format!("{loc}.title"),
            format!(
                "{:?} is not given to {} subjects ({:?} is one)",
                c.title,
                s.kind.label_en(),
                c.subject
            ),
        ));
    }
    if app.rules_for(&c.title, s.kind).is_empty() {
        return Err(bad(
            format!("{loc}.title"),
            format!(
                "no rule on {:?} for {} subjects applies on {}",
                c.title,
                s.kind.label_en(),
                input.date
            ),
        ));
    }
    Ok(())
}

impl Prepared<'_> {
    fn subject(&self, id: &str) -> Option<&Subject> {
        self.by_id.get(id).map(|&i| &self.subjects[i])
    }
}

fn infos(app: &Applicable<'_>) -> Vec<RuleSetInfo> {
    app.sets()
        .iter()
        .map(|s| RuleSetInfo {
            id: s.id.clone(),
            name: s.name.clone(),
            jurisdiction: s.jurisdiction,
            example: s.example,
            valid_from: s.valid_from,
            valid_until: s.valid_until,
        })
        .collect()
}

fn closest_all(p: &Prepared<'_>, year: i32) -> Vec<Closest> {
    let mut out = Vec::new();
    let mut done = HashSet::new();
    let order = p
        .candidates
        .iter()
        .map(|c| c.subject.as_str())
        .chain(p.subjects.iter().map(|s| s.id.as_str()));
    for id in order {
        if !done.insert(id) {
            continue;
        }
        if let Some(s) = p.subject(id) {
            if let Some(c) = closest(&p.app, p.idx.get(id), s, p.facts.get(id), year) {
                out.push(c);
            }
        }
    }
    out
}

/// Eligibility only: every proposal (from the scoring and direct) checked clause by clause,
/// and the next title each subject is closest to.
///
/// ```
/// use thidua_core::award::{check_json, EligibilityStatus};
/// let r = check_json(r#"{"date": "2024-12-20", "year": 2024, "rule_sets": ["vn-nd98-2023"],
///   "history": {"subjects": [{"id": "Nguyễn Văn Bình", "kind": "individual", "records_from": 2021}],
///     "titles": [{"subject": "Nguyễn Văn Bình", "year": 2023, "title": "chien_si_thi_dua_co_so"},
///                {"subject": "Nguyễn Văn Bình", "year": 2024, "title": "chien_si_thi_dua_co_so"}],
///     "events": [{"subject": "Nguyễn Văn Bình", "year": 2024, "event": "initiative", "level": "province"}]},
///   "candidates": [{"subject": "Nguyễn Văn Bình", "title": "chien_si_thi_dua_tinh"}]}"#)?;
/// let e = &r.eligibility[0];
/// assert_eq!(e.status, EligibilityStatus::NotEligible);
/// assert!(e.lacking[0].vi.contains("còn thiếu 1 năm \"Chiến sĩ thi đua cơ sở\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(input: &AwardInput) -> Result<EligibilityReport> {
    let book = book_of(input)?;
    let p = prepare(input, &book)?;
    let mut out = Vec::with_capacity(p.candidates.len());
    for c in &p.candidates {
        let s = p
            .subject(&c.subject)
            .ok_or_else(|| bad("candidates", "unknown subject"))?;
        out.push(eligibility(
            &p.app,
            p.idx.get(c.subject.as_str()),
            s,
            p.facts.get(&c.subject),
            input.year,
            &c.title,
        ));
    }
    Ok(EligibilityReport {
        date: input.date,
        year: input.year,
        rule_sets: infos(&p.app),
        eligibility: out,
        closest: closest_all(&p, input.year),
        warnings: p.warnings,
    })
}

fn final_reason(
    status: FinalStatus,
    e: &Eligibility,
    votes: &[VoteResult],
    quota: &[QuotaPlace],
) -> Explanation {
    match status {
        FinalStatus::NotEligible | FinalStatus::MissingData | FinalStatus::Blocked => {
            e.summary.clone()
        }
        FinalStatus::VoteFailed => {
            let v: Vec<&VoteResult> = votes.iter().filter(|v| !v.passed).collect();
            Explanation {
                vi: format!(
                    "Không đạt số phiếu: {}",
                    v.iter()
                        .map(|v| v.explanation.vi.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                en: format!(
                    "Vote failed: {}",
                    v.iter()
                        .map(|v| v.explanation.en.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            }
        }
        FinalStatus::VotePending => Explanation {
            vi: "Đủ điều kiện, chưa có kết quả bỏ phiếu của Hội đồng".into(),
            en: "Eligible; no council vote given yet".into(),
        },
        FinalStatus::BeyondQuota | FinalStatus::TiedAtQuota => {
            let q = quota.last();
            Explanation {
                vi: q.map_or(String::new(), |q| q.explanation.vi.clone()),
                en: q.map_or(String::new(), |q| q.explanation.en.clone()),
            }
        }
        FinalStatus::Approved => {
            let mut vi = vec!["Đủ điều kiện".to_string()];
            let mut en = vec!["Eligible".to_string()];
            if let Some(v) = votes.first() {
                let need_vi: Vec<String> = votes.iter().map(|v| v.rule.clone()).collect();
                vi.push(format!(
                    "{} đồng ý = {} % tổng số thành viên Hội đồng (đạt {})",
                    v.yes,
                    format_vn_rounded(v.yes_percent, 2),
                    need_vi.join(", ")
                ));
                en.push(format!(
                    "{} yes = {}% of all council members (passes {})",
                    v.yes,
                    format_en_rounded(v.yes_percent, 2),
                    need_vi.join(", ")
                ));
            }
            for q in quota {
                vi.push(q.explanation.vi.clone());
                en.push(q.explanation.en.clone());
            }
            Explanation {
                vi: vi.join("; "),
                en: en.join("; "),
            }
        }
    }
}

struct Work {
    prop: usize,
    eligibility: Eligibility,
    votes: Vec<VoteResult>,
    quota: Vec<QuotaPlace>,
    status: FinalStatus,
}

/// The ballots by (subject, title), each with the council it was cast in.
type Ballots<'i> = HashMap<(&'i str, &'i str), (&'i Ballot, Council)>;

/// What every step of the decision reads: the input, its preparation and its ballots.
struct Ctx<'c, 'a> {
    input: &'c AwardInput,
    p: &'c Prepared<'a>,
    ballots: &'c Ballots<'c>,
}

/// How far the decision has come: the titles in decision order, the one being decided, and
/// how many were approved for each title decided before it.
struct Progress<'t> {
    order: Vec<&'t str>,
    at: usize,
    approved: HashMap<&'t str, u32>,
}

/// The whole pipeline. See `docs/awards.md` and [`decide_json`] for an example.
pub fn decide(input: &AwardInput) -> Result<AwardReport> {
    let book = book_of(input)?;
    let mut p = prepare(input, &book)?;
    let table = input
        .base_salary
        .clone()
        .unwrap_or_else(BaseSalaryTable::builtin);
    table.validate()?;
    let base = table.at(input.date).cloned();
    let ballots = ballots_of(input, &p)?;
    let cx = Ctx {
        input,
        p: &p,
        ballots: &ballots,
    };
    let (work, quotas) = decide_titles(&cx)?;
    let (decisions, totals, unverified) = final_list(&p, work, base.as_ref())?;
    p.warnings
        .extend(money_warnings(input, base.is_some(), &totals, &unverified));
    let closest = closest_all(&p, input.year);
    Ok(AwardReport {
        date: input.date,
        year: input.year,
        rule_sets: infos(&p.app),
        base_salary: base,
        decisions,
        quotas,
        totals,
        closest,
        warnings: p.warnings,
    })
}

/// Checks the ballots (each for a proposal, once, in a possible vote) and the meeting's
/// council, and indexes the ballots by candidate and title.
fn ballots_of<'i>(input: &'i AwardInput, p: &Prepared<'_>) -> Result<Ballots<'i>> {
    let proposed: HashSet<(&str, &str)> = p
        .candidates
        .iter()
        .map(|c| (c.subject.as_str(), c.title.as_str()))
        .collect();
    let mut ballots: Ballots<'i> = HashMap::new();
    for (i, b) in input.ballots.iter().enumerate() {
        let loc = format!("ballots[{i}]");
        if !proposed.contains(&(b.subject.as_str(), b.title.as_str())) {
            return Err(bad(
                loc,
                format!("{:?} is not proposed for {:?}", b.subject, b.title),
            ));
        }
        let council = b.council.or(input.council).ok_or_else(|| {
            bad(
                format!("{loc}.council"),
                "give the meeting's `council` (members, present, written) or this ballot's",
            )
        })?;
        validate_vote(&council, b, &loc)?;
        if ballots
            .insert((b.subject.as_str(), b.title.as_str()), (b, council))
            .is_some()
        {
            return Err(Error::DuplicateId {
                id: format!("{} / {}", b.subject, b.title),
                location: format!("{loc} (two ballots for the same candidate and title)").into(),
            });
        }
    }
    if let Some(c) = &input.council {
        let probe = Ballot {
            subject: String::new(),
            title: String::new(),
            yes: 0,
            written_yes: 0,
            council: None,
        };
        validate_vote(c, &probe, "council")?;
    }
    Ok(ballots)
}

/// The proposed titles in decision order: lowest rank first (a quota may count the approved
/// of a lower title).
fn decision_order<'p>(p: &'p Prepared<'_>) -> Vec<&'p str> {
    let mut titles: Vec<&str> = Vec::new();
    for c in &p.candidates {
        if !titles.contains(&c.title.as_str()) {
            titles.push(c.title.as_str());
        }
    }
    titles.sort_by_key(|t| (p.app.title(t).map_or(0, |x| x.rank), t.to_string()));
    titles
}

/// Decides title after title: every proposal's eligibility and vote, then the title's quotas.
fn decide_titles(cx: &Ctx<'_, '_>) -> Result<(Vec<Work>, Vec<QuotaOutcome>)> {
    let p = cx.p;
    let mut progress = Progress {
        order: decision_order(p),
        at: 0,
        approved: HashMap::new(),
    };
    let mut work: Vec<Work> = Vec::new();
    let mut quota_outcomes = Vec::new();
    for ti in 0..progress.order.len() {
        progress.at = ti;
        let title = progress.order[ti];
        let mut here: Vec<usize> = Vec::new();
        for (pi, c) in p
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.title == title)
        {
            let w = judge(cx, pi, c)?;
            if w.status == FinalStatus::Approved {
                here.push(work.len());
            }
            work.push(w);
        }
        for (set, q) in p.app.quotas_for(title) {
            let base_value = quota_base(cx, set, q, here.len(), &progress)?;
            let out = apply_quota(cx, set.id.as_str(), q, base_value, &mut here, &mut work)?;
            quota_outcomes.push(out);
        }
        let approved = work
            .iter()
            .filter(|w| w.status == FinalStatus::Approved && p.candidates[w.prop].title == title)
            .count();
        progress
            .approved
            .insert(title, u32::try_from(approved).unwrap_or(u32::MAX));
    }
    Ok((work, quota_outcomes))
}

/// One proposal's eligibility and, when it is eligible and the title needs a vote, its vote.
fn judge(cx: &Ctx<'_, '_>, prop: usize, c: &Prop) -> Result<Work> {
    let (p, title) = (cx.p, c.title.as_str());
    let s = p
        .subject(&c.subject)
        .ok_or_else(|| bad("candidates", "unknown subject"))?;
    let e = eligibility(
        &p.app,
        p.idx.get(c.subject.as_str()),
        s,
        p.facts.get(&c.subject),
        cx.input.year,
        title,
    );
    let mut status = match e.status {
        EligibilityStatus::Eligible => FinalStatus::Approved,
        EligibilityStatus::NotEligible => FinalStatus::NotEligible,
        EligibilityStatus::MissingData => FinalStatus::MissingData,
        EligibilityStatus::Blocked => FinalStatus::Blocked,
    };
    let mut votes = Vec::new();
    if status == FinalStatus::Approved {
        let rules = p.app.votes_for(title);
        if !rules.is_empty() {
            match cx.ballots.get(&(c.subject.as_str(), title)) {
                None => status = FinalStatus::VotePending,
                Some((b, council)) => {
                    for (set, r) in &rules {
                        votes.push(tally(&set.id, r, *council, b));
                    }
                    if votes.iter().any(|v| !v.passed) {
                        status = FinalStatus::VoteFailed;
                    }
                }
            }
        }
    }
    Ok(Work {
        prop,
        eligibility: e,
        votes,
        quota: Vec::new(),
        status,
    })
}

/// The number a quota's percentage applies to: the eligible candidates, the groups' leaders,
/// the approved of a lower title, or a declared number.
fn quota_base(
    cx: &Ctx<'_, '_>,
    set: &RuleSet,
    q: &Quota,
    eligible: usize,
    progress: &Progress<'_>,
) -> Result<Option<u32>> {
    let title = progress.order[progress.at];
    Ok(match &q.base {
        None => None,
        Some(QuotaBase::Candidates {}) => Some(u32::try_from(eligible).unwrap_or(u32::MAX)),
        Some(QuotaBase::GroupLeaders {}) => Some(group_leaders(cx.p).ok_or_else(|| {
            bad(
                format!("rule set {:?} quota {:?}", set.id, q.id),
                "a quota on the group leaders needs the scoring (`score` or `score_report`)",
            )
        })?),
        Some(QuotaBase::Approved { title: other }) => {
            let pos = progress.order.iter().position(|t| t == other);
            if pos.is_some_and(|x| x >= progress.at) {
                return Err(bad(
                    format!("rule set {:?} quota {:?}", set.id, q.id),
                    format!("its base {other:?} is decided after {title:?}: a quota's base title must rank lower"),
                ));
            }
            Some(progress.approved.get(other.as_str()).copied().unwrap_or(0))
        }
        Some(QuotaBase::Declared { name }) => {
            Some(*cx.input.quota_bases.get(name).ok_or_else(|| {
                bad(
                    "quota_bases",
                    format!("quota {:?} needs the number {name:?}", q.id),
                )
            })?)
        }
    })
}

/// The groups' leaders of the scoring (rank 1 in each group), when there is a scoring.
fn group_leaders(p: &Prepared<'_>) -> Option<u32> {
    p.report.as_ref().map(|r| {
        let n = r
            .groups
            .iter()
            .map(|g| g.ranking.iter().filter(|e| e.rank == 1).count())
            .sum::<usize>();
        u32::try_from(n).unwrap_or(u32::MAX)
    })
}

/// The final list: each proposal's decision with its reason and, when approved, its money;
/// the totals; and the unverified sources the approved awards rest on (first seen first).
fn final_list(
    p: &Prepared<'_>,
    work: Vec<Work>,
    base: Option<&BaseSalary>,
) -> Result<(Vec<AwardDecision>, Totals, Vec<String>)> {
    let mut decisions = Vec::with_capacity(work.len());
    let mut totals = Totals {
        approved: 0,
        amount: Decimal::ZERO,
        without_amount: 0,
        by_title: Vec::new(),
    };
    let mut unverified: Vec<String> = Vec::new();
    for w in work {
        let c = &p.candidates[w.prop];
        let s = p
            .subject(&c.subject)
            .ok_or_else(|| bad("candidates", "unknown subject"))?;
        let t = p.app.title(&c.title);
        let approved = w.status == FinalStatus::Approved;
        let money = match base {
            Some(b) if approved => reward(&p.app, b, &c.title, s.kind)?,
            _ => None,
        };
        if approved {
            for u in &w.eligibility.unverified_sources {
                push_new(&mut unverified, u);
            }
            add_to_totals(&mut totals, c, s, t, money.as_ref().map(|m| m.amount))?;
        }
        let reason = final_reason(w.status, &w.eligibility, &w.votes, &w.quota);
        decisions.push(AwardDecision {
            subject: c.subject.clone(),
            name: s.display().to_string(),
            subject_kind: s.kind,
            title: c.title.clone(),
            label_vi: w.eligibility.label_vi.clone(),
            label_en: w.eligibility.label_en.clone(),
            conferred_by: t.and_then(|t| t.conferred_by.clone()),
            scoring_award: c.scoring_award.clone(),
            proposed: c.proposed.clone(),
            eligibility: w.eligibility,
            votes: w.votes,
            quota: w.quota,
            status: w.status,
            reason,
            money,
        });
    }
    Ok((decisions, totals, unverified))
}

/// Counts one approved award in the totals: overall, its money, and per title and kind.
fn add_to_totals(
    totals: &mut Totals,
    c: &Prop,
    s: &Subject,
    t: Option<&Title>,
    amount: Option<Decimal>,
) -> Result<()> {
    totals.approved += 1;
    match amount {
        Some(a) => {
            totals.amount = totals
                .amount
                .checked_add(a)
                .ok_or_else(|| Error::overflow("totals", "total money"))?;
        }
        None => totals.without_amount += 1,
    }
    match totals
        .by_title
        .iter_mut()
        .find(|x| x.title == c.title && x.subject_kind == s.kind)
    {
        Some(x) => {
            x.count += 1;
            x.amount += amount.unwrap_or_default();
        }
        None => totals.by_title.push(TitleTotal {
            title: c.title.clone(),
            label_vi: t.map_or(c.title.clone(), |t| t.label_vi.clone()),
            subject_kind: s.kind,
            count: 1,
            amount: amount.unwrap_or_default(),
        }),
    }
    Ok(())
}

/// The warnings on the final list: no base salary for the date, approved awards without a
/// reward multiple, and clauses not verified against the texts.
fn money_warnings(
    input: &AwardInput,
    base_known: bool,
    totals: &Totals,
    unverified: &[String],
) -> Vec<Explanation> {
    let mut warnings = Vec::new();
    if !base_known && totals.approved > 0 {
        warnings.push(Explanation {
            vi: format!(
                "Không có mức lương cơ sở cho ngày {}: chưa tính được tiền thưởng",
                input.date.format("%d/%m/%Y")
            ),
            en: format!(
                "No base salary for {}: reward money not computed",
                input.date
            ),
        });
    }
    if totals.without_amount > 0 && base_known {
        warnings.push(Explanation {
            vi: format!(
                "{} khen thưởng được thông qua không có mức tiền thưởng trong quy định áp dụng",
                totals.without_amount
            ),
            en: format!(
                "{} approved awards have no reward multiple in the rules in force",
                totals.without_amount
            ),
        });
    }
    if !unverified.is_empty() {
        warnings.push(Explanation {
            vi: format!("Các khen thưởng được thông qua dựa cả vào điều khoản chưa đối chiếu với văn bản: {}", unverified.join("; ")),
            en: format!("Approved awards also rest on clauses not verified against the texts: {}", unverified.join("; ")),
        });
    }
    warnings
}

/// Applies one quota to the approved proposals of its title (`here`, indices into `work`):
/// its cap, the declared order, the tie rule at the cap; each candidate's place in `work`.
fn apply_quota(
    cx: &Ctx<'_, '_>,
    set: &str,
    q: &Quota,
    base: Option<u32>,
    here: &mut Vec<usize>,
    work: &mut [Work],
) -> Result<QuotaOutcome> {
    let p = cx.p;
    let n = u32::try_from(here.len()).unwrap_or(u32::MAX);
    let (cap, how_vi, how_en) = quota_cap(p, q, base)?;
    let mut ordered: Vec<(usize, Vec<Decimal>)> = here
        .iter()
        .map(|&w| (w, order_key(cx, q, &work[w])))
        .collect();
    // Stable: equal keys keep proposal order for display only; ties are reported, not broken.
    ordered.sort_by(|a, b| b.1.cmp(&a.1));
    let cut = cut_at_cap(p, q, cap, &ordered, work);
    let order_vi: Vec<String> = q.order.iter().map(order_label_vi).collect();
    let order_en: Vec<String> = q.order.iter().map(order_label_en).collect();
    let cap_shown = if cap == u32::MAX { n } else { cap };
    let note = Explanation {
        vi: format!(
            "Hạn mức \"{}\": {} → {cap_shown}; {n} đủ điều kiện, xếp theo {}{}",
            q.id,
            how_vi.join("; "),
            order_vi.join(", rồi "),
            cut.vi
        ),
        en: format!(
            "Quota \"{}\": {} → {cap_shown}; {n} eligible, ordered by {}{}",
            q.id,
            how_en.join("; "),
            order_en.join(", then "),
            cut.en
        ),
    };
    let kept = place(set, q, cap_shown, &ordered, &cut, work);
    let approved = u32::try_from(kept.len()).unwrap_or(u32::MAX);
    let tied_names = cut
        .tied
        .iter()
        .map(|w| p.candidates[work[*w].prop].subject.clone())
        .collect();
    *here = kept;
    Ok(QuotaOutcome {
        rule_set: set.to_string(),
        quota: q.id.clone(),
        title: q.title.clone(),
        base,
        cap: cap_shown,
        considered: n,
        approved,
        tied: tied_names,
        note,
        source: q.source.clone(),
        order_source: q.order_source.clone(),
    })
}

/// A quota's cap (`u32::MAX` when it has none) and how it was reached, in Vietnamese and in
/// English: the percentage of its base with the rounding, then the maximum count.
fn quota_cap(
    p: &Prepared<'_>,
    q: &Quota,
    base: Option<u32>,
) -> Result<(u32, Vec<String>, Vec<String>)> {
    let mut cap = u32::MAX;
    let mut how_vi = Vec::new();
    let mut how_en = Vec::new();
    if let (Some(pct), Some(b)) = (q.max_percent, base) {
        let rounding = match q.rounding.unwrap_or(QuotaRounding::Down) {
            QuotaRounding::Down => CapRounding::Down,
            QuotaRounding::Up => CapRounding::Up,
            QuotaRounding::Nearest => CapRounding::Nearest,
        };
        let (exact, r, rv, re) = percent_cap(Decimal::from(b), pct, rounding, || {
            format!("quota {:?}", q.id)
        })?;
        let c = rust_decimal::prelude::ToPrimitive::to_u32(&r).unwrap_or(u32::MAX);
        cap = cap.min(c);
        let (bv, be) = base_label(p, q);
        how_vi.push(format!(
            "{} % × {b} {bv} = {} → {c} ({rv})",
            format_vn_rounded(pct, 2),
            format_vn_rounded(exact, 4)
        ));
        how_en.push(format!(
            "{}% × {b} {be} = {} → {c} ({re})",
            format_en_rounded(pct, 2),
            format_en_rounded(exact, 4)
        ));
    }
    if let Some(m) = q.max_count {
        cap = cap.min(m);
        how_vi.push(format!("tối đa {m}"));
        how_en.push(format!("at most {m}"));
    }
    Ok((cap, how_vi, how_en))
}

/// What a quota's percentage is of, in Vietnamese and in English.
fn base_label(p: &Prepared<'_>, q: &Quota) -> (String, String) {
    match &q.base {
        Some(QuotaBase::Candidates {}) => (
            "đơn vị, cá nhân đủ điều kiện".to_string(),
            "eligible candidates".to_string(),
        ),
        Some(QuotaBase::GroupLeaders {}) => (
            "đơn vị dẫn đầu cụm, khối".to_string(),
            "cluster and bloc leaders".to_string(),
        ),
        Some(QuotaBase::Approved { title }) => {
            let t = p.app.title(title);
            (
                format!(
                    "được thông qua \"{}\"",
                    t.map_or(title.as_str(), |t| t.label_vi.as_str())
                ),
                format!(
                    "approved for \"{}\"",
                    t.map_or(title.as_str(), |t| t.label_en.as_str())
                ),
            )
        }
        Some(QuotaBase::Declared { name }) => (name.clone(), name.clone()),
        None => (String::new(), String::new()),
    }
}

/// A candidate's sort key under the quota's declared order, best first (each key a number).
fn order_key(cx: &Ctx<'_, '_>, q: &Quota, w: &Work) -> Vec<Decimal> {
    let p = cx.p;
    let c = &p.candidates[w.prop];
    let subject = p.subject(&c.subject);
    q.order
        .iter()
        .map(|k| match k {
            OrderKey::ScoreTotal {} => p
                .facts
                .get(&c.subject)
                .and_then(|f| f.total)
                .unwrap_or(Decimal::MIN),
            OrderKey::YesVotes {} => {
                Decimal::from(w.votes.iter().map(|v| v.yes).max().unwrap_or_else(|| {
                    cx.ballots
                        .get(&(c.subject.as_str(), c.title.as_str()))
                        .map_or(0, |(b, _)| b.yes + b.written_yes)
                }))
            }
            OrderKey::Women {} => Decimal::from(u8::from(
                subject.is_some_and(|s| s.gender == Some(Gender::Female)),
            )),
            OrderKey::WomenShareAtLeast { percent } => {
                let m = p
                    .idx
                    .get(c.subject.as_str())
                    .and_then(|i| i.members.get(&cx.input.year));
                let ok = m
                    .and_then(|m| m.women.map(|w| (w, m.total)))
                    .is_some_and(|(w, t)| {
                        Decimal::from(w) * Decimal::ONE_HUNDRED >= *percent * Decimal::from(t)
                    });
                Decimal::from(u8::from(ok))
            }
        })
        .collect()
}

/// Where the cap cuts the ordered candidates: how many are taken, those left to the council,
/// and the note on a tie at the cap (empty without one).
struct Cut {
    take: usize,
    tied: Vec<usize>,
    vi: String,
    en: String,
}

/// Cuts the ordered candidates at the cap; candidates tied across the cap are all taken, none
/// taken, or left to the council, as the quota says.
fn cut_at_cap(
    p: &Prepared<'_>,
    q: &Quota,
    cap: u32,
    ordered: &[(usize, Vec<Decimal>)],
    work: &[Work],
) -> Cut {
    let take = usize::try_from(cap)
        .unwrap_or(usize::MAX)
        .min(ordered.len());
    let mut cut = Cut {
        take,
        tied: Vec::new(),
        vi: String::new(),
        en: String::new(),
    };
    let Some((first, last)) = tied_at_cap(ordered, take, |x, y| x.1 == y.1) else {
        return cut;
    };
    let names: Vec<String> = ordered[first..last]
        .iter()
        .map(|(w, _)| p.candidates[work[*w].prop].subject.clone())
        .collect();
    let (tied, names) = (last - first, names.join(", "));
    let (vi, en) = match q.ties {
        QuotaTies::ExcludeAll => {
            cut.take = first;
            (
                "không chọn ai trong số này".to_string(),
                "none of them is taken".to_string(),
            )
        }
        QuotaTies::IncludeAll => {
            cut.take = last;
            (
                format!("chọn tất cả, vượt hạn mức {cap}"),
                format!("all are taken, above the cap of {cap}"),
            )
        }
        QuotaTies::Undecided => {
            cut.tied = ordered[first..last].iter().map(|(w, _)| *w).collect();
            cut.take = first;
            (
                "để Hội đồng quyết định".to_string(),
                "left to the council".to_string(),
            )
        }
    };
    cut.vi = format!("; {tied} bằng nhau tại ngưỡng hạn mức ({names}): {vi}");
    cut.en = format!("; {tied} tie at the cap ({names}): {en}");
    cut
}

/// Gives each ordered candidate its place (equal keys share one) and its status under the
/// quota; returns the candidates kept within the cap.
fn place(
    set: &str,
    q: &Quota,
    cap_shown: u32,
    ordered: &[(usize, Vec<Decimal>)],
    cut: &Cut,
    work: &mut [Work],
) -> Vec<usize> {
    let mut position = 0u32;
    let mut kept = Vec::new();
    for (i, (w, k)) in ordered.iter().enumerate() {
        if i == 0 || ordered[i - 1].1 != *k {
            position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        let (status, vi, en) = if cut.tied.contains(w) {
            (FinalStatus::TiedAtQuota, format!("xếp thứ {position}, bằng nhau tại ngưỡng hạn mức {cap_shown} (\"{}\"): Hội đồng quyết định", q.id), format!("{position}, tied at the cap of {cap_shown} (\"{}\"): for the council", q.id))
        } else if i < cut.take {
            kept.push(*w);
            (
                FinalStatus::Approved,
                format!(
                    "xếp thứ {position} trong hạn mức {cap_shown} (\"{}\")",
                    q.id
                ),
                format!("{position} within the cap of {cap_shown} (\"{}\")", q.id),
            )
        } else {
            (
                FinalStatus::BeyondQuota,
                format!(
                    "xếp thứ {position}, ngoài hạn mức {cap_shown} (\"{}\")",
                    q.id
                ),
                format!("{position}, beyond the cap of {cap_shown} (\"{}\")", q.id),
            )
        };
        let wk = &mut work[*w];
        wk.status = status;
        wk.quota.push(QuotaPlace {
            rule_set: set.to_string(),
            quota: q.id.clone(),
            position,
            cap: cap_shown,
            explanation: Explanation { vi, en },
        });
    }
    kept
}

fn order_label_vi(k: &OrderKey) -> String {
    match k {
        OrderKey::ScoreTotal {} => "tổng điểm".into(),
        OrderKey::YesVotes {} => "số phiếu đồng ý".into(),
        OrderKey::Women {} => "ưu tiên cá nhân nữ".into(),
        OrderKey::WomenShareAtLeast { percent } => format!(
            "ưu tiên tập thể có từ {} % nữ",
            format_vn_rounded(*percent, 2)
        ),
    }
}

fn order_label_en(k: &OrderKey) -> String {
    match k {
        OrderKey::ScoreTotal {} => "total score".into(),
        OrderKey::YesVotes {} => "yes votes".into(),
        OrderKey::Women {} => "women first".into(),
        OrderKey::WomenShareAtLeast { percent } => format!(
            "collectives with at least {}% women first",
            format_en_rounded(*percent, 2)
        ),
    }
}

impl AwardReport {
    /// The decision as Vietnamese text: rules in force, each title's proposals with status,
    /// reason and money, quotas, totals, the closest next titles and warnings.
    ///
    /// ```
    /// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
    /// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/awards-2024/input.json")?)?;
    /// # let input = thidua_core::award::resolve_input_paths(input, &mut |p: &str| base.read(p))?;
    /// let report = thidua_core::award::decide_json(&input.to_string())?;
    /// assert!(report.render_vi().contains("TỔNG CỘNG"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_vi(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "XÉT KHEN THƯỞNG — thành tích năm {}, ngày xét {}",
            self.year,
            self.date.format("%d/%m/%Y")
        );
        let sets: Vec<String> = self
            .rule_sets
            .iter()
            .map(|r| {
                let flag = r.example && !r.name.to_lowercase().contains("minh họa");
                format!("{}{}", r.name, if flag { " (MINH HỌA)" } else { "" })
            })
            .collect();
        let _ = writeln!(s, "Quy định áp dụng: {}", sets.join("; "));
        if let Some(b) = &self.base_salary {
            let _ = writeln!(
                s,
                "Mức lương cơ sở: {} đồng ({})",
                dong_vi(b.amount),
                b.source.cite()
            );
        }
        let mut title = String::new();
        for d in &self.decisions {
            if d.title != title {
                title = d.title.clone();
                let _ = writeln!(s, "\n== {} ==", d.label_vi);
            }
            let money = d
                .money
                .as_ref()
                .map_or(String::new(), |m| format!(" — {} đồng", dong_vi(m.amount)));
            let _ = writeln!(
                s,
                "- {} ({}): {}{money}",
                d.name,
                d.subject_kind.label_vi(),
                d.status.label_vi().to_uppercase()
            );
            let _ = writeln!(s, "    {}", d.proposed.vi);
            let _ = writeln!(s, "    {}", d.reason.vi);
            for c in &d.eligibility.clauses {
                let why = c
                    .result
                    .as_ref()
                    .map_or(String::new(), |r| format!(": {}", r.explanation.vi));
                let _ = writeln!(
                    s,
                    "    [{}] {} {}{why} ({})",
                    c.outcome.label_vi(),
                    c.clause,
                    c.text.vi,
                    c.source.cite()
                );
            }
            for b in d.eligibility.blocks.iter().filter(|b| b.blocked) {
                let _ = writeln!(
                    s,
                    "    [chặn] {}: {} ({})",
                    b.block,
                    b.explanation.vi,
                    b.source.cite()
                );
            }
            for v in &d.votes {
                let _ = writeln!(s, "    [phiếu] {}", v.explanation.vi);
            }
            if let Some(m) = &d.money {
                let _ = writeln!(
                    s,
                    "    [tiền thưởng] {} ({})",
                    m.explanation.vi,
                    m.source.cite()
                );
            }
        }
        for q in &self.quotas {
            let _ = writeln!(s, "\n{} ({})", q.note.vi, q.source.cite());
        }
        let _ = writeln!(
            s,
            "\nTỔNG CỘNG: {} khen thưởng được thông qua, tiền thưởng {} đồng",
            self.totals.approved,
            dong_vi(self.totals.amount)
        );
        for t in &self.totals.by_title {
            let _ = writeln!(
                s,
                "  {} ({}): {} — {} đồng",
                t.label_vi,
                t.subject_kind.label_vi(),
                t.count,
                dong_vi(t.amount)
            );
        }
        if !self.closest.is_empty() {
            let _ = writeln!(s, "\nDanh hiệu gần nhất:");
            for c in &self.closest {
                let _ = writeln!(s, "  {}: {}", c.name, c.summary.vi);
            }
        }
        for w in &self.warnings {
            let _ = writeln!(s, "\nLưu ý: {}", w.vi);
        }
        s
    }
}

impl std::fmt::Display for FinalStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label_en())
    }
}
