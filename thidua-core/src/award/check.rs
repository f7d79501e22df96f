//! Checking a candidate for a title under the rules in force: every clause met, not met,
//! missing data or left to the council, every blocking condition, the legal source of each,
//! and the next title a candidate is closest to.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::evaluate::Explanation;

use super::condition::{ConditionResult, Ctx, Facts, Outcome};
use super::history::{Subject, SubjectIndex};
use super::rules::{Applicable, LegalRef, SubjectKind, TitleKind};

/// The result of one clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ClauseResult {
    /// The rule set.
    pub rule_set: String,
    /// The rule.
    pub rule: String,
    /// The clause id ("a").
    pub clause: String,
    /// What the clause requires.
    pub text: Explanation,
    /// Met, not met, missing data or left to the council.
    pub outcome: Outcome,
    /// The evaluation of its condition (absent for a clause left to the council).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ConditionResult>,
    /// Its legal source.
    pub source: LegalRef,
}

/// The result of one blocking condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct BlockResult {
    /// The rule set.
    pub rule_set: String,
    /// The rule.
    pub rule: String,
    /// The block id.
    pub block: String,
    /// What blocks.
    pub text: Explanation,
    /// Whether it blocks this candidate.
    pub blocked: bool,
    /// Why.
    pub explanation: Explanation,
    /// Its legal source.
    pub source: LegalRef,
}

/// The eligibility of a candidate for a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EligibilityStatus {
    /// Đủ điều kiện: every clause met (clauses for the council aside), nothing blocks.
    Eligible,
    /// Chưa đủ điều kiện: some clause not met.
    NotEligible,
    /// Chưa đủ dữ liệu: no clause failed, but some cannot be decided from the data.
    MissingData,
    /// Chưa xét khen thưởng: a blocking condition holds.
    Blocked,
}

impl EligibilityStatus {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            EligibilityStatus::Eligible => "đủ điều kiện",
            EligibilityStatus::NotEligible => "chưa đủ điều kiện",
            EligibilityStatus::MissingData => "chưa đủ dữ liệu",
            EligibilityStatus::Blocked => "chưa xét khen thưởng",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            EligibilityStatus::Eligible => "eligible",
            EligibilityStatus::NotEligible => "not eligible",
            EligibilityStatus::MissingData => "missing data",
            EligibilityStatus::Blocked => "blocked",
        }
    }
}

/// A candidate's eligibility for a title, clause by clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Eligibility {
    /// The subject.
    pub subject: String,
    /// Individual or collective.
    pub subject_kind: SubjectKind,
    /// The title.
    pub title: String,
    /// Its Vietnamese name.
    pub label_vi: String,
    /// Its English name.
    pub label_en: String,
    /// The achievement year.
    pub year: i32,
    /// The outcome.
    pub status: EligibilityStatus,
    /// Every clause of every rule in force for the title.
    pub clauses: Vec<ClauseResult>,
    /// Every blocking condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<BlockResult>,
    /// What is lacking, for a candidate not eligible.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lacking: Vec<Explanation>,
    /// Clauses left to the council's judgement ("a", "đ"…, as `rule/clause`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub for_council: Vec<String>,
    /// The sources this decision rests on that were **not** verified against the text of the
    /// law (cited), so that a reader knows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unverified_sources: Vec<String>,
    /// One line: the status and the main reason.
    pub summary: Explanation,
}

/// The title a subject is closest to and what it lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Closest {
    /// The subject.
    pub subject: String,
    /// Its name.
    pub name: String,
    /// The title.
    pub title: String,
    /// Its Vietnamese name.
    pub label_vi: String,
    /// Its English name.
    pub label_en: String,
    /// How far: years or items lacking.
    pub shortfall: u32,
    /// What it lacks.
    pub lacking: Vec<Explanation>,
    /// "Gần nhất: … — còn thiếu 1 năm …".
    pub summary: Explanation,
}

pub(crate) struct Evaluated {
    pub clauses: Vec<ClauseResult>,
    pub outcome: Outcome,
    pub shortfall: u32,
    pub any_rule: bool,
}

/// All clauses of every rule in force for `title` and the subject's kind.
pub(crate) fn evaluate_clauses(cx: &Ctx<'_, '_>, title: &str) -> Evaluated {
    let rules = cx.app.rules_for(title, cx.subject.kind);
    let mut clauses = Vec::new();
    let mut shortfall = 0;
    for (set, rule) in &rules {
        for c in &rule.clauses {
            let (outcome, result) = match (&c.condition, c.for_council) {
                (Some(cond), _) => {
                    let r = cond.eval(cx);
                    if r.outcome == Outcome::NotMet {
                        shortfall += r.shortfall.max(1);
                    }
                    (r.outcome, Some(r))
                }
                (None, _) => (Outcome::ForCouncil, None),
            };
            clauses.push(ClauseResult {
                rule_set: set.id.clone(),
                rule: rule.id.clone(),
                clause: c.id.clone(),
                text: Explanation {
                    vi: c.text_vi.clone(),
                    en: c.text_en.clone(),
                },
                outcome,
                result,
                source: c.source.clone(),
            });
        }
    }
    let outcome = if rules.is_empty() {
        Outcome::MissingData
    } else {
        Outcome::all(clauses.iter().map(|c| c.outcome))
    };
    Evaluated {
        clauses,
        outcome,
        shortfall,
        any_rule: !rules.is_empty(),
    }
}

/// `eligible_for`: the other title's clauses, as parts.
pub(crate) fn eligible_for(cx: &Ctx<'_, '_>, title: &str) -> ConditionResult {
    let (tv, te) = (
        cx.app
            .title(title)
            .map_or(title.to_string(), |t| t.label_vi.clone()),
        cx.app
            .title(title)
            .map_or(title.to_string(), |t| t.label_en.clone()),
    );
    if cx.depth > 16 {
        return ConditionResult {
            outcome: Outcome::MissingData,
            explanation: Explanation {
                vi: format!("không xét được tiêu chuẩn \"{tv}\" (lồng quá sâu)"),
                en: format!("cannot check the standard of \"{te}\" (nested too deep)"),
            },
            lacking: None,
            parts: Vec::new(),
            shortfall: 0,
        };
    }
    let inner = Ctx {
        app: cx.app,
        idx: cx.idx,
        subject: cx.subject,
        year: cx.year,
        facts: cx.facts,
        depth: cx.depth + 1,
    };
    let ev = evaluate_clauses(&inner, title);
    let y = cx.year;
    let (vi, en) = if !ev.any_rule {
        (
            format!(
                "không có quy định nào về \"{tv}\" cho {} áp dụng ngày {}",
                cx.subject.kind.label_vi(),
                cx.app.date.format("%d/%m/%Y")
            ),
            format!(
                "no rule on \"{te}\" for {} subjects applies on {}",
                cx.subject.kind.label_en(),
                cx.app.date
            ),
        )
    } else {
        match ev.outcome {
            Outcome::Met => (
                format!("đạt tiêu chuẩn \"{tv}\" năm {y}"),
                format!("meets the standard of \"{te}\" in {y}"),
            ),
            Outcome::NotMet => (
                format!("không đạt tiêu chuẩn \"{tv}\" năm {y}"),
                format!("does not meet the standard of \"{te}\" in {y}"),
            ),
            _ => (
                format!("chưa đủ dữ liệu để xét tiêu chuẩn \"{tv}\" năm {y}"),
                format!("missing data for the standard of \"{te}\" in {y}"),
            ),
        }
    };
    let parts: Vec<ConditionResult> = ev.clauses.into_iter().filter_map(|c| c.result).collect();
    ConditionResult {
        outcome: ev.outcome,
        explanation: Explanation { vi, en },
        lacking: None,
        parts,
        shortfall: if ev.outcome == Outcome::NotMet {
            ev.shortfall.max(1)
        } else {
            0
        },
    }
}

fn blocks(cx: &Ctx<'_, '_>, title: &str) -> Vec<BlockResult> {
    let mut out = Vec::new();
    let general = cx
        .app
        .sets()
        .iter()
        .flat_map(|s| s.blocking.iter().map(move |b| (*s, "*", b)));
    let own = cx
        .app
        .rules_for(title, cx.subject.kind)
        .into_iter()
        .flat_map(|(s, r)| r.blocking.iter().map(move |b| (s, r.id.as_str(), b)));
    for (set, rule, b) in general.chain(own) {
        {
            let from = cx.year - i32::try_from(b.within_years).unwrap_or(1) + 1;
            let hits: Vec<(i32, Option<&str>)> = (from..=cx.year)
                .flat_map(|y| {
                    cx.idx
                        .and_then(|i| i.events.get(&y))
                        .into_iter()
                        .flatten()
                        .filter(|e| e.event == b.event)
                        .map(move |e| (y, e.note.as_deref()))
                })
                .collect();
            let period_vi = if from == cx.year {
                format!("năm {}", cx.year)
            } else {
                format!("{from}–{}", cx.year)
            };
            let period_en = if from == cx.year {
                cx.year.to_string()
            } else {
                format!("{from}–{}", cx.year)
            };
            let explanation = if hits.is_empty() {
                Explanation {
                    vi: format!("không có trường hợp {} ({period_vi})", b.event.label_vi()),
                    en: format!("no record of being {} ({period_en})", b.event.label_en()),
                }
            } else {
                let notes: Vec<String> = hits
                    .iter()
                    .map(|(y, n)| match n {
                        Some(n) => format!("{y}: {n}"),
                        None => y.to_string(),
                    })
                    .collect();
                Explanation {
                    vi: format!("{} ({})", b.event.label_vi(), notes.join("; ")),
                    en: format!("{} ({})", b.event.label_en(), notes.join("; ")),
                }
            };
            out.push(BlockResult {
                rule_set: set.id.clone(),
                rule: rule.to_string(),
                block: b.id.clone(),
                text: Explanation {
                    vi: b.text_vi.clone(),
                    en: b.text_en.clone(),
                },
                blocked: !hits.is_empty(),
                explanation,
                source: b.source.clone(),
            });
        }
    }
    out
}

/// Checks one candidate for one title.
pub(crate) fn eligibility(
    app: &Applicable<'_>,
    idx: Option<&SubjectIndex<'_>>,
    subject: &Subject,
    facts: Option<&Facts>,
    year: i32,
    title: &str,
) -> Eligibility {
    let cx = Ctx {
        app,
        idx,
        subject,
        year,
        facts,
        depth: 0,
    };
    let ev = evaluate_clauses(&cx, title);
    let blocks = blocks(&cx, title);
    let t = app.title(title);
    let (lv, le) = (
        t.map_or(title.to_string(), |t| t.label_vi.clone()),
        t.map_or(title.to_string(), |t| t.label_en.clone()),
    );
    let status = if blocks.iter().any(|b| b.blocked) {
        EligibilityStatus::Blocked
    } else {
        match ev.outcome {
            Outcome::NotMet => EligibilityStatus::NotEligible,
            Outcome::MissingData => EligibilityStatus::MissingData,
            Outcome::Met | Outcome::ForCouncil => EligibilityStatus::Eligible,
        }
    };
    let lacking = lacking_of(&ev.clauses);
    let mut unverified: Vec<String> = Vec::new();
    let rules = app.rules_for(title, subject.kind);
    let cited = rules.iter().map(|(_, r)| &r.source);
    let cited = cited.chain(ev.clauses.iter().map(|c| &c.source));
    for r in cited.chain(blocks.iter().map(|b| &b.source)) {
        if !r.is_verified() {
            push_new(&mut unverified, r.cite());
        }
    }
    let for_council: Vec<String> = ev
        .clauses
        .iter()
        .filter(|c| c.outcome == Outcome::ForCouncil)
        .map(|c| format!("{}/{}", c.rule, c.clause))
        .collect();
    let mut sources: Vec<String> = Vec::new();
    for (_, r) in &rules {
        push_new(&mut sources, r.source.cite());
    }
    let said = Said {
        name: subject.display(),
        lv: &lv,
        le: &le,
        year,
    };
    let summary = match status {
        EligibilityStatus::Eligible => said.eligible(&sources),
        EligibilityStatus::NotEligible => said.not_eligible(&lacking),
        EligibilityStatus::MissingData if !ev.any_rule => no_rule(app, subject.kind, &lv, &le),
        EligibilityStatus::MissingData => said.missing(&ev.clauses),
        EligibilityStatus::Blocked => said.blocked(&blocks),
    };
    Eligibility {
        subject: subject.id.clone(),
        subject_kind: subject.kind,
        title: title.to_string(),
        label_vi: lv,
        label_en: le,
        year,
        status,
        clauses: ev.clauses,
        blocks,
        lacking,
        for_council,
        unverified_sources: unverified,
        summary,
    }
}

/// Adds `s` to `list` unless it is there already (lists of citations, first seen first).
pub(crate) fn push_new<S: AsRef<str> + Into<String>>(list: &mut Vec<String>, s: S) {
    if !list.iter().any(|x| x == s.as_ref()) {
        list.push(s.into());
    }
}

/// What is lacking: each failed clause's own notes, or the clause's explanation when it has
/// none.
fn lacking_of(clauses: &[ClauseResult]) -> Vec<Explanation> {
    let mut lacking = Vec::new();
    for c in clauses {
        if c.outcome == Outcome::NotMet {
            if let Some(r) = &c.result {
                let notes = r.lacking_notes();
                if notes.is_empty() {
                    lacking.push(Explanation {
                        vi: format!("điểm {}: {}", c.clause, r.explanation.vi),
                        en: format!("clause {}: {}", c.clause, r.explanation.en),
                    });
                }
                lacking.extend(notes.into_iter().cloned());
            }
        }
    }
    lacking
}

/// The summary when no rule on the title for the subject's kind is in force on the date.
fn no_rule(app: &Applicable<'_>, kind: SubjectKind, lv: &str, le: &str) -> Explanation {
    Explanation {
        vi: format!(
            "không có quy định nào về \"{lv}\" cho {} áp dụng ngày {}",
            kind.label_vi(),
            app.date.format("%d/%m/%Y")
        ),
        en: format!(
            "no rule on \"{le}\" for {} subjects applies on {}",
            kind.label_en(),
            app.date
        ),
    }
}

/// Who is checked for what, as the summaries of an eligibility say it.
struct Said<'s> {
    name: &'s str,
    lv: &'s str,
    le: &'s str,
    year: i32,
}

impl Said<'_> {
    /// Eligible, under the rules' sources.
    fn eligible(&self, sources: &[String]) -> Explanation {
        let Said { name, lv, le, year } = self;
        Explanation {
            vi: format!(
                "{name} đủ điều kiện xét tặng \"{lv}\" năm {year} ({})",
                sources.join("; ")
            ),
            en: format!(
                "{name} is eligible for \"{le}\" in {year} ({})",
                sources.join("; ")
            ),
        }
    }

    /// Not eligible, with what is lacking.
    fn not_eligible(&self, lacking: &[Explanation]) -> Explanation {
        let Said { name, lv, le, year } = self;
        Explanation {
            vi: format!(
                "{name} chưa đủ điều kiện xét tặng \"{lv}\" năm {year}: {}",
                lacking
                    .iter()
                    .map(|l| l.vi.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            en: format!(
                "{name} is not eligible for \"{le}\" in {year}: {}",
                lacking
                    .iter()
                    .map(|l| l.en.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }

    /// Undecided for missing data, with the clauses that lack it.
    fn missing(&self, clauses: &[ClauseResult]) -> Explanation {
        let Said { name, lv, le, year } = self;
        let missing: Vec<&ClauseResult> = clauses
            .iter()
            .filter(|c| c.outcome == Outcome::MissingData)
            .collect();
        Explanation {
            vi: format!(
                "Chưa đủ dữ liệu để xét {name} cho \"{lv}\" năm {year}: {}",
                missing
                    .iter()
                    .map(|c| format!(
                        "điểm {} ({})",
                        c.clause,
                        c.result.as_ref().map_or("", |r| r.explanation.vi.as_str())
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            en: format!(
                "Missing data to check {name} for \"{le}\" in {year}: {}",
                missing
                    .iter()
                    .map(|c| format!(
                        "clause {} ({})",
                        c.clause,
                        c.result.as_ref().map_or("", |r| r.explanation.en.as_str())
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }

    /// Blocked, with each blocking condition and its source.
    fn blocked(&self, blocks: &[BlockResult]) -> Explanation {
        let Said { name, lv, le, year } = self;
        let b: Vec<&BlockResult> = blocks.iter().filter(|b| b.blocked).collect();
        Explanation {
            vi: format!(
                "Chưa xét khen thưởng {name} (\"{lv}\" năm {year}): {}",
                b.iter()
                    .map(|b| format!("{} — {}", b.explanation.vi, b.source.cite()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            en: format!(
                "{name} cannot be awarded (\"{le}\" in {year}): {}",
                b.iter()
                    .map(|b| format!("{} — {}", b.explanation.en, b.source.cite()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

/// The next title a subject is closest to: for emulation titles and for commendations, the
/// lowest title above the highest one the subject is eligible for this year; of the two, the
/// one with the smaller shortfall (the emulation title on a tie).
pub(crate) fn closest(
    app: &Applicable<'_>,
    idx: Option<&SubjectIndex<'_>>,
    subject: &Subject,
    facts: Option<&Facts>,
    year: i32,
) -> Option<Closest> {
    let mut titles: Vec<_> = app
        .titles()
        .filter(|t| t.subjects.contains(&subject.kind))
        .filter(|t| !app.rules_for(&t.id, subject.kind).is_empty())
        .collect();
    titles.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
    let cx = Ctx {
        app,
        idx,
        subject,
        year,
        facts,
        depth: 0,
    };
    let mut evals: Vec<(&super::rules::Title, Evaluated, bool)> = Vec::new();
    for t in titles {
        let ev = evaluate_clauses(&cx, &t.id);
        let blocked = blocks(&cx, &t.id).iter().any(|b| b.blocked);
        evals.push((t, ev, blocked));
    }
    let mut top: HashMap<TitleKind, u32> = HashMap::new();
    for (t, ev, blocked) in &evals {
        if !blocked && matches!(ev.outcome, Outcome::Met | Outcome::ForCouncil) {
            let e = top.entry(t.kind).or_insert(0);
            *e = (*e).max(t.rank);
        }
    }
    // Per kind of title, the next step up: the lowest title above the highest one the
    // subject is eligible for (smaller shortfall first among titles of the same rank); then
    // the kind with the smaller shortfall (emulation titles first on a tie).
    let next_of = |kind: TitleKind| {
        evals
            .iter()
            .filter(|(t, ev, _)| t.kind == kind && ev.outcome == Outcome::NotMet)
            .filter(|(t, _, _)| top.get(&t.kind).is_none_or(|r| t.rank > *r))
            .min_by(|a, b| {
                a.0.rank
                    .cmp(&b.0.rank)
                    .then_with(|| a.1.shortfall.cmp(&b.1.shortfall))
            })
    };
    let best = match (
        next_of(TitleKind::EmulationTitle),
        next_of(TitleKind::Commendation),
    ) {
        (Some(e), Some(c)) => {
            if c.1.shortfall < e.1.shortfall {
                c
            } else {
                e
            }
        }
        (Some(e), None) => e,
        (None, Some(c)) => c,
        (None, None) => return None,
    };
    let (t, ev, _) = best;
    let mut lacking: Vec<Explanation> = Vec::new();
    for c in &ev.clauses {
        if c.outcome == Outcome::NotMet {
            if let Some(r) = &c.result {
                let notes = r.lacking_notes();
                if notes.is_empty() {
                    lacking.push(r.explanation.clone());
                }
                for n in notes {
                    if !lacking.contains(n) {
                        lacking.push(n.clone());
                    }
                }
            }
        }
    }
    let summary = Explanation {
        vi: format!(
            "Gần nhất: \"{}\" — {}",
            t.label_vi,
            lacking
                .iter()
                .map(|l| l.vi.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        en: format!(
            "Closest: \"{}\" — {}",
            t.label_en,
            lacking
                .iter()
                .map(|l| l.en.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    Some(Closest {
        subject: subject.id.clone(),
        name: subject.display().to_string(),
        title: t.id.clone(),
        label_vi: t.label_vi.clone(),
        label_en: t.label_en.clone(),
        shortfall: ev.shortfall,
        lacking,
        summary,
    })
}
