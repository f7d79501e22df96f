//! The condition language of eligibility rules: a small typed tree (`all`, `any`, `not`) over
//! the history (consecutive years or times of a title, counts in a window, this year's
//! rating or events), this year's scoring (leader of its cluster or bloc, targets met and
//! exceeded, total), the members of a collective (shares and counts) and other titles'
//! standards (`eligible_for`). Every condition evaluates to met, not met or missing data,
//! with a reason in Vietnamese and English.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::evaluate::Explanation;
use crate::number::{format_en_rounded, format_vn_rounded};

use super::history::{EventKind, Level, Rating, Subject, SubjectIndex};
use super::rules::{bad, Applicable, Ending};

fn one() -> u32 {
    1
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What a history condition looks at in one year.
///
/// ```
/// use thidua_core::award::Selector;
/// let s: Selector = serde_json::from_str(r#"{"kind": "rating", "at_least": "good"}"#)?;
/// assert!(matches!(s, Selector::Rating { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Selector {
    /// The subject received one of these titles that year.
    Title {
        /// Title ids (any of them).
        titles: Vec<String>,
        /// Count thematic awards too (by default they do not count toward merit).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        include_thematic: bool,
    },
    /// The subject's task rating that year is at least this.
    Rating {
        /// The lowest rating accepted.
        at_least: Rating,
    },
    /// An event happened that year (an initiative, a scientific work…), recognised at
    /// `min_level` or above when given.
    Event {
        /// The event.
        event: EventKind,
        /// The lowest level of recognition accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_level: Option<Level>,
    },
}

/// What a member condition counts in a collective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum MemberMeasure {
    /// Members rated "hoàn thành nhiệm vụ" or better.
    CompletedTasks {},
    /// Women members.
    Women {},
    /// Members under a disciplinary measure.
    Disciplined {},
    /// Members who received a title this year.
    Title {
        /// The title.
        title: String,
    },
}

/// A condition. See `docs/awards.md` for every kind with an example.
///
/// ```
/// use thidua_core::award::Condition;
/// let c: Condition = serde_json::from_str(r#"{"kind": "consecutive",
///   "of": {"kind": "title", "titles": ["chien_si_thi_dua_co_so"]}, "times": 3, "ending": "proposal_year"}"#)?;
/// assert!(c.titles().any(|t| t == "chien_si_thi_dua_co_so"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Condition {
    /// Every condition holds.
    All {
        /// The conditions.
        of: Vec<Condition>,
    },
    /// At least one holds.
    Any {
        /// The conditions.
        of: Vec<Condition>,
    },
    /// The condition does not hold.
    Not {
        /// The condition.
        condition: Box<Condition>,
    },
    /// `times` years (or, with `every_years` > 1, times) in a row, the last one in the
    /// `ending` year: "03 lần liên tục đạt Chiến sĩ thi đua cơ sở".
    Consecutive {
        /// What each of those years must hold.
        of: Selector,
        /// How many in a row.
        times: u32,
        /// Years between two consecutive ones (1: every year; 3 for a title given every
        /// three years).
        #[serde(default = "one")]
        every_years: u32,
        /// The last one is in the proposal year or the year before.
        ending: Ending,
    },
    /// At least `at_least` of the `within_years` years ending at `ending` hold.
    Count {
        /// What a year must hold to count.
        of: Selector,
        /// How many years.
        at_least: u32,
        /// The window, in years.
        within_years: u32,
        /// The window ends in the proposal year or the year before.
        ending: Ending,
    },
    /// The proposal year holds it.
    ThisYear {
        /// What it must hold.
        of: Selector,
    },
    /// The subject meets the standard of another title this year (all of that title's
    /// clauses; its blocking conditions are checked by the title proposed).
    EligibleFor {
        /// The other title.
        title: String,
    },
    /// Ranked within the first `places` of its cluster or bloc this year (dẫn đầu cụm,
    /// khối); tied units at a place are all in.
    GroupLeader {
        /// Places (default 1).
        #[serde(default = "one")]
        places: u32,
    },
    /// This year's targets of the scoring: all met or exceeded, and/or at least
    /// `min_exceeded` exceeded ("hoàn thành vượt mức các chỉ tiêu").
    Targets {
        /// Every target met or exceeded.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        all_met: bool,
        /// At least this many exceeded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_exceeded: Option<u32>,
    },
    /// This year's total score is at least `points`.
    TotalAtLeast {
        /// The bar.
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        points: Decimal,
    },
    /// A share of the collective's members this year: at least (`at_least_percent`,
    /// inclusive) and/or more than (`more_than_percent`) a percentage.
    MemberShare {
        /// What is counted.
        measure: MemberMeasure,
        /// Inclusive lower bound, percent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::decimal::deserialize_option")]
        at_least_percent: Option<Decimal>,
        /// Strict lower bound, percent ("trên 50 %").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::decimal::deserialize_option")]
        more_than_percent: Option<Decimal>,
    },
    /// A count of the collective's members this year (at least one Chiến sĩ thi đua cơ sở;
    /// none disciplined).
    MemberCount {
        /// What is counted.
        measure: MemberMeasure,
        /// Inclusive lower bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_least: Option<u32>,
        /// Inclusive upper bound.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_most: Option<u32>,
    },
}

/// This year's facts about a subject that are not in the history: its scoring (band, rank in
/// its cluster or bloc, total, targets) and its rating for the year when the history has
/// none. The award pipeline fills them from a score report.
///
/// ```
/// use thidua_core::award::Facts;
/// let f: Facts = serde_json::from_str(r#"{"subject": "Huyện A", "group": "Cụm 1", "rank": 1, "total": "955.720"}"#)?;
/// assert_eq!(f.rank, Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The subject.
    pub subject: String,
    /// This year's rating (used when the history has none for the year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    /// The scoring band id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// The cluster or bloc.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Rank in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Whether the rank is shared.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tied: bool,
    /// Total score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub total: Option<Decimal>,
    /// Number of targets scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<u32>,
    /// Targets met or exceeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets_met_or_exceeded: Option<u32>,
    /// Targets exceeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets_exceeded: Option<u32>,
}

/// The result of a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// Đạt.
    Met,
    /// Không đạt.
    NotMet,
    /// Chưa đủ dữ liệu: the history or this year's facts do not say.
    MissingData,
    /// Để Hội đồng đánh giá: a clause the data cannot decide (it does not stop eligibility;
    /// the council judges it when it votes).
    ForCouncil,
}

impl Outcome {
    /// "đạt", "không đạt", "chưa đủ dữ liệu", "Hội đồng đánh giá".
    pub fn label_vi(self) -> &'static str {
        match self {
            Outcome::Met => "đạt",
            Outcome::NotMet => "không đạt",
            Outcome::MissingData => "chưa đủ dữ liệu",
            Outcome::ForCouncil => "Hội đồng đánh giá",
        }
    }

    /// "met", "not met", "missing data", "for the council".
    pub fn label_en(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::NotMet => "not met",
            Outcome::MissingData => "missing data",
            Outcome::ForCouncil => "for the council",
        }
    }

    /// Combines the outcomes of `all`: not met wins, then missing data.
    pub fn all(items: impl IntoIterator<Item = Outcome>) -> Outcome {
        let mut out = Outcome::Met;
        for o in items {
            match o {
                Outcome::NotMet => return Outcome::NotMet,
                Outcome::MissingData => out = Outcome::MissingData,
                Outcome::Met | Outcome::ForCouncil => {}
            }
        }
        out
    }
}

/// A condition's result with its reason, and the results of its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConditionResult {
    /// Met, not met or missing data.
    pub outcome: Outcome,
    /// Why, with the figures.
    pub explanation: Explanation,
    /// What is still lacking, when not met ("còn thiếu 1 năm Chiến sĩ thi đua cơ sở").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lacking: Option<Explanation>,
    /// The results of the parts (`all`, `any`, `not`, `eligible_for`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<ConditionResult>,
    /// How far from met: years or items lacking (0 when met or when data is missing).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub shortfall: u32,
}

impl ConditionResult {
    fn leaf(outcome: Outcome, vi: String, en: String) -> ConditionResult {
        ConditionResult {
            outcome,
            explanation: Explanation { vi, en },
            lacking: None,
            parts: Vec::new(),
            shortfall: u32::from(outcome == Outcome::NotMet),
        }
    }

    /// Every "lacking" note of the leaves, depth first.
    pub fn lacking_notes(&self) -> Vec<&Explanation> {
        let mut out = Vec::new();
        if let Some(l) = &self.lacking {
            out.push(l);
        }
        for p in &self.parts {
            if p.outcome == Outcome::NotMet || self.outcome == Outcome::NotMet {
                out.extend(p.lacking_notes());
            }
        }
        out
    }
}

/// Everything a condition reads.
pub(crate) struct Ctx<'a, 'b> {
    pub app: &'b Applicable<'a>,
    pub idx: Option<&'b SubjectIndex<'a>>,
    pub subject: &'b Subject,
    pub year: i32,
    pub facts: Option<&'b Facts>,
    pub depth: u32,
}

impl Ctx<'_, '_> {
    fn title_vi(&self, id: &str) -> String {
        self.app
            .title(id)
            .map_or(id.to_string(), |t| t.label_vi.clone())
    }

    fn title_en(&self, id: &str) -> String {
        self.app
            .title(id)
            .map_or(id.to_string(), |t| t.label_en.clone())
    }

    fn known(&self, y: i32) -> bool {
        self.idx.is_some_and(|i| i.known(y))
            || (y == self.year && self.facts.is_some_and(|f| f.rating.is_some()))
    }

    fn rating(&self, y: i32) -> Option<Rating> {
        self.idx
            .and_then(|i| i.ratings.get(&y).copied())
            .or_else(|| {
                if y == self.year {
                    self.facts.and_then(|f| f.rating)
                } else {
                    None
                }
            })
    }

    /// The selector in year `y`: `Some(true)`, `Some(false)` or `None` (unknown).
    fn holds(&self, s: &Selector, y: i32) -> Option<bool> {
        match s {
            Selector::Title {
                titles,
                include_thematic,
            } => {
                let has = self.idx.and_then(|i| i.titles.get(&y)).is_some_and(|v| {
                    v.iter()
                        .any(|t| titles.contains(&t.title) && (*include_thematic || !t.thematic))
                });
                if has {
                    Some(true)
                } else if self.known(y) {
                    Some(false)
                } else {
                    None
                }
            }
            Selector::Rating { at_least } => self.rating(y).map(|r| r.at_least(*at_least)),
            Selector::Event { event, min_level } => {
                let has = self.idx.and_then(|i| i.events.get(&y)).is_some_and(|v| {
                    v.iter().any(|e| {
                        e.event == *event
                            && min_level.is_none_or(|m| e.level.is_some_and(|l| l >= m))
                    })
                });
                if has {
                    Some(true)
                } else if self.known(y) {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }

    fn selector_vi(&self, s: &Selector) -> String {
        match s {
            Selector::Title { titles, .. } => titles
                .iter()
                .map(|t| format!("\"{}\"", self.title_vi(t)))
                .collect::<Vec<_>>()
                .join(" hoặc "),
            Selector::Rating { at_least } => match at_least {
                Rating::Outstanding => format!("xếp loại {}", at_least.label_vi()),
                _ => format!("xếp loại {} trở lên", at_least.label_vi()),
            },
            Selector::Event { event, min_level } => match min_level {
                Some(l) => format!("{} (cấp {} trở lên)", event.label_vi(), l.label_vi()),
                None => event.label_vi().to_string(),
            },
        }
    }

    fn selector_en(&self, s: &Selector) -> String {
        match s {
            Selector::Title { titles, .. } => titles
                .iter()
                .map(|t| format!("\"{}\"", self.title_en(t)))
                .collect::<Vec<_>>()
                .join(" or "),
            Selector::Rating { at_least } => match at_least {
                Rating::Outstanding => format!("rated \"{}\"", at_least.label_en()),
                _ => format!("rated \"{}\" or better", at_least.label_en()),
            },
            Selector::Event { event, min_level } => match min_level {
                Some(l) => format!("{} (at {} level or above)", event.label_en(), l.label_en()),
                None => event.label_en().to_string(),
            },
        }
    }

    fn end(&self, e: Ending) -> i32 {
        match e {
            Ending::ProposalYear => self.year,
            Ending::PreviousYear => self.year - 1,
        }
    }

    fn measure_vi(&self, m: &MemberMeasure) -> String {
        match m {
            MemberMeasure::CompletedTasks {} => "hoàn thành nhiệm vụ trở lên".into(),
            MemberMeasure::Women {} => "là nữ".into(),
            MemberMeasure::Disciplined {} => "bị kỷ luật".into(),
            MemberMeasure::Title { title } => format!("đạt \"{}\"", self.title_vi(title)),
        }
    }

    fn measure_en(&self, m: &MemberMeasure) -> String {
        match m {
            MemberMeasure::CompletedTasks {} => "completed their tasks or better".into(),
            MemberMeasure::Women {} => "women".into(),
            MemberMeasure::Disciplined {} => "under discipline".into(),
            MemberMeasure::Title { title } => format!("received \"{}\"", self.title_en(title)),
        }
    }

    /// (count, total) of a measure this year, or why not known.
    fn members(&self, m: &MemberMeasure) -> std::result::Result<(u32, u32), (String, String)> {
        let Some(s) = self.idx.and_then(|i| i.members.get(&self.year)) else {
            return Err((
                format!("chưa có số liệu thành viên năm {}", self.year),
                format!("no member summary for {}", self.year),
            ));
        };
        let n = match m {
            MemberMeasure::CompletedTasks {} => s.completed_tasks,
            MemberMeasure::Women {} => s.women,
            MemberMeasure::Disciplined {} => s.disciplined,
            MemberMeasure::Title { title } => s.titles.get(title).copied(),
        };
        n.map(|n| (n, s.total)).ok_or_else(|| {
            (
                format!(
                    "số liệu thành viên năm {} không có số thành viên {}",
                    self.year,
                    self.measure_vi(m)
                ),
                format!(
                    "the member summary for {} does not count members who {}",
                    self.year,
                    self.measure_en(m)
                ),
            )
        })
    }
}

fn years_vi(ys: &[i32]) -> String {
    ys.iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn pct(n: u32, total: u32) -> Decimal {
    if total == 0 {
        return Decimal::ZERO;
    }
    Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(total)
}

impl Condition {
    /// Every title id the condition names.
    pub fn titles(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        fn sel(s: &Selector) -> Box<dyn Iterator<Item = &str> + '_> {
            match s {
                Selector::Title { titles, .. } => Box::new(titles.iter().map(String::as_str)),
                _ => Box::new(std::iter::empty()),
            }
        }
        match self {
            Condition::All { of } | Condition::Any { of } => {
                Box::new(of.iter().flat_map(|c| c.titles()))
            }
            Condition::Not { condition } => condition.titles(),
            Condition::Consecutive { of, .. }
            | Condition::Count { of, .. }
            | Condition::ThisYear { of } => sel(of),
            Condition::EligibleFor { title } => Box::new(std::iter::once(title.as_str())),
            Condition::MemberShare { measure, .. } | Condition::MemberCount { measure, .. } => {
                match measure {
                    MemberMeasure::Title { title } => Box::new(std::iter::once(title.as_str())),
                    _ => Box::new(std::iter::empty()),
                }
            }
            _ => Box::new(std::iter::empty()),
        }
    }

    /// The titles named by `eligible_for` (for the loop check).
    pub(crate) fn eligible_for_titles(&self) -> Vec<&str> {
        match self {
            Condition::All { of } | Condition::Any { of } => {
                of.iter().flat_map(|c| c.eligible_for_titles()).collect()
            }
            Condition::Not { condition } => condition.eligible_for_titles(),
            Condition::EligibleFor { title } => vec![title.as_str()],
            _ => Vec::new(),
        }
    }

    /// Checks the shape (non-empty lists, positive counts, percentages within 0–100).
    pub fn validate(&self, loc: &str) -> Result<()> {
        let pct_ok = |p: Option<Decimal>, l: &str| -> Result<()> {
            match p {
                Some(p) if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
                    Err(bad(l, "a percentage within 0–100"))
                }
                _ => Ok(()),
            }
        };
        let sel_ok = |s: &Selector, l: &str| -> Result<()> {
            match s {
                Selector::Title { titles, .. } if titles.is_empty() => {
                    Err(bad(format!("{l}.titles"), "name at least one title"))
                }
                _ => Ok(()),
            }
        };
        match self {
            Condition::All { of } | Condition::Any { of } => {
                if of.is_empty() {
                    return Err(bad(format!("{loc}.of"), "at least one condition"));
                }
                for (i, c) in of.iter().enumerate() {
                    c.validate(&format!("{loc}.of[{i}]"))?;
                }
                Ok(())
            }
            Condition::Not { condition } => condition.validate(&format!("{loc}.condition")),
            Condition::Consecutive {
                of,
                times,
                every_years,
                ..
            } => {
                sel_ok(of, &format!("{loc}.of"))?;
                if *times == 0 || *every_years == 0 || *times > 50 || *every_years > 20 {
                    return Err(bad(
                        loc,
                        "times (1–50) and every_years (1–20) must be positive",
                    ));
                }
                Ok(())
            }
            Condition::Count {
                of,
                at_least,
                within_years,
                ..
            } => {
                sel_ok(of, &format!("{loc}.of"))?;
                if *at_least == 0
                    || *within_years == 0
                    || at_least > within_years
                    || *within_years > 50
                {
                    return Err(bad(
                        loc,
                        "at_least must be within 1..within_years, and within_years within 1–50",
                    ));
                }
                Ok(())
            }
            Condition::ThisYear { of } => sel_ok(of, &format!("{loc}.of")),
            Condition::GroupLeader { places } if *places == 0 => {
                Err(bad(format!("{loc}.places"), "at least 1"))
            }
            Condition::Targets {
                all_met,
                min_exceeded,
            } if !*all_met && min_exceeded.is_none() => Err(bad(
                loc,
                "say what is needed: all_met, min_exceeded or both",
            )),
            Condition::MemberShare {
                at_least_percent,
                more_than_percent,
                ..
            } => {
                if at_least_percent.is_none() && more_than_percent.is_none() {
                    return Err(bad(loc, "give at_least_percent or more_than_percent"));
                }
                pct_ok(*at_least_percent, &format!("{loc}.at_least_percent"))?;
                pct_ok(*more_than_percent, &format!("{loc}.more_than_percent"))
            }
            Condition::MemberCount {
                at_least, at_most, ..
            } => match (at_least, at_most) {
                (None, None) => Err(bad(loc, "give at_least, at_most or both")),
                (Some(a), Some(b)) if a > b => Err(bad(loc, "at_least is above at_most")),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// Evaluates the condition.
    pub(crate) fn eval(&self, cx: &Ctx<'_, '_>) -> ConditionResult {
        match self {
            Condition::All { of } => all(cx, of),
            Condition::Any { of } => any(cx, of),
            Condition::Not { condition } => not(cx, condition),
            Condition::Consecutive {
                of,
                times,
                every_years,
                ending,
            } => consecutive(cx, of, *times, *every_years, *ending),
            Condition::Count {
                of,
                at_least,
                within_years,
                ending,
            } => count(cx, of, *at_least, *within_years, *ending),
            Condition::ThisYear { of } => this_year(cx, of),
            Condition::EligibleFor { title } => super::check::eligible_for(cx, title),
            Condition::GroupLeader { places } => group_leader(cx, *places),
            Condition::Targets {
                all_met,
                min_exceeded,
            } => targets(cx, *all_met, *min_exceeded),
            Condition::TotalAtLeast { points } => total_at_least(cx, *points),
            Condition::MemberShare {
                measure,
                at_least_percent,
                more_than_percent,
            } => member_share(cx, measure, *at_least_percent, *more_than_percent),
            Condition::MemberCount {
                measure,
                at_least,
                at_most,
            } => member_count(cx, measure, *at_least, *at_most),
        }
    }
}

/// `all`: met when every part is met; the shortfall is the parts' sum; each part explained
/// with its outcome.
fn all(cx: &Ctx<'_, '_>, of: &[Condition]) -> ConditionResult {
    let parts: Vec<ConditionResult> = of.iter().map(|c| c.eval(cx)).collect();
    let outcome = Outcome::all(parts.iter().map(|p| p.outcome));
    let shortfall = parts.iter().map(|p| p.shortfall).sum();
    let vi = parts
        .iter()
        .map(|p| format!("{} ({})", p.explanation.vi, p.outcome.label_vi()))
        .collect::<Vec<_>>()
        .join("; ");
    let en = parts
        .iter()
        .map(|p| format!("{} ({})", p.explanation.en, p.outcome.label_en()))
        .collect::<Vec<_>>()
        .join("; ");
    ConditionResult {
        outcome,
        explanation: Explanation { vi, en },
        lacking: None,
        parts,
        shortfall,
    }
}

/// `any`: met when one part is met, else missing data when one part lacks it; only the
/// closest alternative keeps its lacking notes.
fn any(cx: &Ctx<'_, '_>, of: &[Condition]) -> ConditionResult {
    let parts: Vec<ConditionResult> = of.iter().map(|c| c.eval(cx)).collect();
    let outcome = if parts.iter().any(|p| p.outcome == Outcome::Met) {
        Outcome::Met
    } else if parts.iter().any(|p| p.outcome == Outcome::MissingData) {
        Outcome::MissingData
    } else {
        Outcome::NotMet
    };
    let shortfall = if outcome == Outcome::NotMet {
        parts.iter().map(|p| p.shortfall).min().unwrap_or(1)
    } else {
        0
    };
    let (vi, en) = match parts.iter().find(|p| p.outcome == Outcome::Met) {
        Some(m) => (
            format!("đạt: {}", m.explanation.vi),
            format!("met: {}", m.explanation.en),
        ),
        None => (
            format!(
                "{}: {}",
                if outcome == Outcome::NotMet {
                    "không đạt điều kiện nào"
                } else {
                    "chưa đủ dữ liệu"
                },
                parts
                    .iter()
                    .map(|p| p.explanation.vi.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            format!(
                "{}: {}",
                if outcome == Outcome::NotMet {
                    "none met"
                } else {
                    "missing data"
                },
                parts
                    .iter()
                    .map(|p| p.explanation.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
        ),
    };
    // Only the closest alternative is lacking, not all of them.
    let mut parts = parts;
    if outcome == Outcome::NotMet {
        let best = parts.iter().map(|p| p.shortfall).min().unwrap_or(0);
        let mut kept = false;
        for p in parts.iter_mut() {
            if p.shortfall != best || kept {
                strip_lacking(p);
            } else {
                kept = true;
            }
        }
    }
    ConditionResult {
        outcome,
        explanation: Explanation { vi, en },
        lacking: None,
        parts,
        shortfall,
    }
}

/// `not`: met when the inner condition is not met (missing data stays missing); the inner
/// condition's lacking notes do not apply.
fn not(cx: &Ctx<'_, '_>, condition: &Condition) -> ConditionResult {
    let mut inner = condition.eval(cx);
    strip_lacking(&mut inner);
    let outcome = match inner.outcome {
        Outcome::Met => Outcome::NotMet,
        Outcome::NotMet => Outcome::Met,
        o => o,
    };
    ConditionResult {
        outcome,
        explanation: Explanation {
            vi: format!("không được: {}", inner.explanation.vi),
            en: format!("must not hold: {}", inner.explanation.en),
        },
        lacking: None,
        shortfall: u32::from(outcome == Outcome::NotMet),
        parts: vec![inner],
    }
}

fn strip_lacking(r: &mut ConditionResult) {
    r.lacking = None;
    for p in &mut r.parts {
        strip_lacking(p);
    }
}

fn consecutive(
    cx: &Ctx<'_, '_>,
    of: &Selector,
    times: u32,
    every: u32,
    ending: Ending,
) -> ConditionResult {
    let end = cx.end(ending);
    let years: Vec<i32> = (0..times)
        .map(|i| end - i32::try_from(i * every).unwrap_or(i32::MAX / 2))
        .collect();
    let (mut held, mut not, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
    let mut run = 0u32;
    let mut broken = false;
    for &y in &years {
        match cx.holds(of, y) {
            Some(true) => {
                held.push(y);
                if !broken {
                    run += 1;
                }
            }
            Some(false) => {
                not.push(y);
                broken = true;
            }
            None => {
                unknown.push(y);
                broken = true;
            }
        }
    }
    held.sort_unstable();
    not.sort_unstable();
    unknown.sort_unstable();
    let outcome = if !not.is_empty() {
        Outcome::NotMet
    } else if !unknown.is_empty() {
        Outcome::MissingData
    } else {
        Outcome::Met
    };
    let (unit_vi, unit_en) = if every == 1 {
        ("năm", "years")
    } else {
        ("lần", "times")
    };
    let spacing_vi = if every == 1 {
        String::new()
    } else {
        format!(" (cách nhau {every} năm)")
    };
    let spacing_en = if every == 1 {
        String::new()
    } else {
        format!(" ({every} years apart)")
    };
    let (sv, se) = (cx.selector_vi(of), cx.selector_en(of));
    let mut vi = format!("{times:02} {unit_vi} liên tục {sv}{spacing_vi} đến năm {end}: ");
    let mut en = format!("{times} consecutive {unit_en} {se}{spacing_en} up to {end}: ");
    let mut bits_vi = Vec::new();
    let mut bits_en = Vec::new();
    if held.is_empty() {
        if not.is_empty() {
            bits_vi.push("không có năm nào".to_string());
            bits_en.push("none held".to_string());
        }
    } else {
        bits_vi.push(format!("có {}", years_vi(&held)));
        bits_en.push(format!("held {}", years_vi(&held)));
    }
    if !not.is_empty() {
        bits_vi.push(format!("không có {}", years_vi(&not)));
        bits_en.push(format!("not held {}", years_vi(&not)));
    }
    if !unknown.is_empty() {
        bits_vi.push(format!("chưa có dữ liệu năm {}", years_vi(&unknown)));
        bits_en.push(format!("no data for {}", years_vi(&unknown)));
    }
    vi.push_str(&bits_vi.join("; "));
    en.push_str(&bits_en.join("; "));
    let shortfall = if outcome == Outcome::NotMet {
        times - run
    } else {
        0
    };
    let lacking = (outcome == Outcome::NotMet).then(|| Explanation {
        vi: format!("còn thiếu {shortfall} {unit_vi} {sv}"),
        en: format!(
            "{shortfall} more {} {se} needed",
            if shortfall == 1 {
                &unit_en[..unit_en.len() - 1]
            } else {
                unit_en
            }
        ),
    });
    ConditionResult {
        outcome,
        explanation: Explanation { vi, en },
        lacking,
        parts: Vec::new(),
        shortfall,
    }
}

fn count(
    cx: &Ctx<'_, '_>,
    of: &Selector,
    at_least: u32,
    within: u32,
    ending: Ending,
) -> ConditionResult {
    let end = cx.end(ending);
    let start = end - i32::try_from(within).unwrap_or(1) + 1;
    let (mut held, mut unknown) = (Vec::new(), Vec::new());
    for y in start..=end {
        match cx.holds(of, y) {
            Some(true) => held.push(y),
            Some(false) => {}
            None => unknown.push(y),
        }
    }
    let h = u32::try_from(held.len()).unwrap_or(u32::MAX);
    let u = u32::try_from(unknown.len()).unwrap_or(u32::MAX);
    let outcome = if h >= at_least {
        Outcome::Met
    } else if h + u >= at_least {
        Outcome::MissingData
    } else {
        Outcome::NotMet
    };
    let (sv, se) = (cx.selector_vi(of), cx.selector_en(of));
    let range = if start == end {
        format!("năm {end}")
    } else {
        format!("{start}–{end}")
    };
    let range_en = if start == end {
        end.to_string()
    } else {
        format!("{start}–{end}")
    };
    let mut vi = format!(
        "ít nhất {at_least:02} năm {sv} trong {within} năm ({range}): {}",
        if held.is_empty() {
            "không có năm nào".to_string()
        } else {
            format!("có {}", years_vi(&held))
        }
    );
    let mut en = format!(
        "at least {at_least} year(s) {se} within {within} years ({range_en}): {}",
        if held.is_empty() {
            "none".to_string()
        } else {
            format!("held {}", years_vi(&held))
        }
    );
    if !unknown.is_empty() {
        vi.push_str(&format!("; chưa có dữ liệu năm {}", years_vi(&unknown)));
        en.push_str(&format!("; no data for {}", years_vi(&unknown)));
    }
    let shortfall = if outcome == Outcome::NotMet {
        at_least - h
    } else {
        0
    };
    ConditionResult {
        outcome,
        explanation: Explanation { vi, en },
        lacking: (outcome == Outcome::NotMet).then(|| match of {
            Selector::Event { .. } => Explanation {
                vi: format!("cần {sv} trong {range}"),
                en: format!("needs {se} within {range_en}"),
            },
            _ => Explanation {
                vi: format!("còn thiếu {shortfall} năm {sv} (trong {range})"),
                en: format!("{shortfall} more year(s) {se} needed (within {range_en})"),
            },
        }),
        parts: Vec::new(),
        shortfall,
    }
}

fn this_year(cx: &Ctx<'_, '_>, of: &Selector) -> ConditionResult {
    let y = cx.year;
    let (sv, se) = (cx.selector_vi(of), cx.selector_en(of));
    let value = cx.holds(of, y);
    let outcome = match value {
        Some(true) => Outcome::Met,
        Some(false) => Outcome::NotMet,
        None => Outcome::MissingData,
    };
    let (vi, en) = match (of, value) {
        (Selector::Rating { .. }, Some(_)) => {
            let r = cx.rating(y).map_or(Rating::NotCompleted, |r| r);
            (
                format!("năm {y} {sv}: xếp loại {}", r.label_vi()),
                format!("{y} {se}: rated \"{}\"", r.label_en()),
            )
        }
        (_, Some(true)) => (format!("năm {y} có {sv}"), format!("{y}: {se}")),
        (_, Some(false)) => (format!("năm {y} không có {sv}"), format!("{y}: no {se}")),
        (_, None) => (
            format!("năm {y} {sv}: chưa có dữ liệu"),
            format!("{y} {se}: no data"),
        ),
    };
    let mut r = ConditionResult::leaf(outcome, vi, en);
    if outcome == Outcome::NotMet {
        r.lacking = Some(Explanation {
            vi: format!("cần {sv} năm {y}"),
            en: format!("needs {se} in {y}"),
        });
    }
    r
}

fn no_facts(cx: &Ctx<'_, '_>, what_vi: &str, what_en: &str) -> ConditionResult {
    ConditionResult::leaf(
        Outcome::MissingData,
        format!("chưa có kết quả chấm điểm năm {} ({what_vi})", cx.year),
        format!("no scoring result for {} ({what_en})", cx.year),
    )
}

fn group_leader(cx: &Ctx<'_, '_>, places: u32) -> ConditionResult {
    let Some((rank, f)) = cx.facts.and_then(|f| f.rank.map(|r| (r, f))) else {
        return no_facts(
            cx,
            "xếp hạng trong cụm, khối",
            "rank in its cluster or bloc",
        );
    };
    let group = f.group.as_deref().unwrap_or("cụm, khối");
    let tied_vi = if f.tied { " (đồng hạng)" } else { "" };
    let tied_en = if f.tied { " (tied)" } else { "" };
    let need_vi = if places == 1 {
        "dẫn đầu cụm, khối".to_string()
    } else {
        format!("trong {places} vị trí đầu cụm, khối")
    };
    let need_en = if places == 1 {
        "leads its cluster or bloc".to_string()
    } else {
        format!("within the first {places} places")
    };
    let outcome = if rank <= places {
        Outcome::Met
    } else {
        Outcome::NotMet
    };
    let mut r = ConditionResult::leaf(
        outcome,
        format!("{need_vi}: xếp hạng {rank}{tied_vi} {group}"),
        format!("{need_en}: ranked {rank}{tied_en} in {group}"),
    );
    if outcome == Outcome::NotMet {
        r.lacking = Some(Explanation {
            vi: format!("cần {need_vi}"),
            en: format!("needs to be {need_en}"),
        });
    }
    r
}

fn targets(cx: &Ctx<'_, '_>, all_met: bool, min_exceeded: Option<u32>) -> ConditionResult {
    let f = cx.facts;
    let (Some(n), Some(m), Some(x)) = (
        f.and_then(|f| f.targets),
        f.and_then(|f| f.targets_met_or_exceeded),
        f.and_then(|f| f.targets_exceeded),
    ) else {
        return no_facts(cx, "số chỉ tiêu đạt và vượt", "targets met and exceeded");
    };
    let mut need_vi = Vec::new();
    let mut need_en = Vec::new();
    let mut ok = true;
    if all_met {
        need_vi.push("đạt và vượt tất cả các chỉ tiêu".to_string());
        need_en.push("all targets met or exceeded".to_string());
        ok &= m >= n;
    }
    if let Some(k) = min_exceeded {
        need_vi.push(format!("vượt ít nhất {k} chỉ tiêu"));
        need_en.push(format!("at least {k} exceeded"));
        ok &= x >= k;
    }
    let outcome = if ok { Outcome::Met } else { Outcome::NotMet };
    let mut r = ConditionResult::leaf(
        outcome,
        format!(
            "{}: đạt và vượt {m}/{n} chỉ tiêu, trong đó vượt {x}",
            need_vi.join(", ")
        ),
        format!(
            "{}: {m} of {n} targets met or exceeded, {x} exceeded",
            need_en.join(", ")
        ),
    );
    if !ok {
        let lack = (n.saturating_sub(m)).max(min_exceeded.map_or(0, |k| k.saturating_sub(x)));
        r.shortfall = lack.max(1);
        r.lacking = Some(Explanation {
            vi: format!("cần {}", need_vi.join(", ")),
            en: format!("needs {}", need_en.join(", ")),
        });
    }
    r
}

fn total_at_least(cx: &Ctx<'_, '_>, points: Decimal) -> ConditionResult {
    let Some(t) = cx.facts.and_then(|f| f.total) else {
        return no_facts(cx, "tổng điểm", "total score");
    };
    let outcome = if t >= points {
        Outcome::Met
    } else {
        Outcome::NotMet
    };
    let mut r = ConditionResult::leaf(
        outcome,
        format!(
            "tổng điểm {} (cần từ {})",
            format_vn_rounded(t, 3),
            format_vn_rounded(points, 3)
        ),
        format!(
            "total {} (needs {} or more)",
            format_en_rounded(t, 3),
            format_en_rounded(points, 3)
        ),
    );
    if outcome == Outcome::NotMet {
        r.lacking = Some(Explanation {
            vi: format!("còn thiếu {} điểm", format_vn_rounded(points - t, 3)),
            en: format!("{} points short", format_en_rounded(points - t, 3)),
        });
    }
    r
}

fn member_share(
    cx: &Ctx<'_, '_>,
    m: &MemberMeasure,
    at_least: Option<Decimal>,
    more_than: Option<Decimal>,
) -> ConditionResult {
    let (mv, me) = (cx.measure_vi(m), cx.measure_en(m));
    let (n, total) = match cx.members(m) {
        Ok(x) => x,
        Err((vi, en)) => return ConditionResult::leaf(Outcome::MissingData, vi, en),
    };
    let lhs = Decimal::from(n) * Decimal::ONE_HUNDRED;
    let mut ok = true;
    let mut need_vi = Vec::new();
    let mut need_en = Vec::new();
    if let Some(p) = at_least {
        ok &= lhs >= p * Decimal::from(total);
        need_vi.push(if p == Decimal::ONE_HUNDRED {
            "100 %".to_string()
        } else {
            format!("ít nhất {} %", format_vn_rounded(p, 2))
        });
        need_en.push(if p == Decimal::ONE_HUNDRED {
            "100%".to_string()
        } else {
            format!("at least {}%", format_en_rounded(p, 2))
        });
    }
    if let Some(p) = more_than {
        ok &= lhs > p * Decimal::from(total);
        need_vi.push(format!("trên {} %", format_vn_rounded(p, 2)));
        need_en.push(format!("more than {}%", format_en_rounded(p, 2)));
    }
    let share = pct(n, total);
    let outcome = if ok { Outcome::Met } else { Outcome::NotMet };
    let mut r = ConditionResult::leaf(
        outcome,
        format!(
            "{} thành viên {mv}: {n}/{total} = {} %",
            need_vi.join(" và "),
            format_vn_rounded(share, 2)
        ),
        format!(
            "{} of members {me}: {n}/{total} = {}%",
            need_en.join(" and "),
            format_en_rounded(share, 2)
        ),
    );
    if !ok {
        r.lacking = Some(Explanation {
            vi: format!("cần {} thành viên {mv}", need_vi.join(" và ")),
            en: format!("needs {} of members {me}", need_en.join(" and ")),
        });
    }
    r
}

fn member_count(
    cx: &Ctx<'_, '_>,
    m: &MemberMeasure,
    at_least: Option<u32>,
    at_most: Option<u32>,
) -> ConditionResult {
    let (mv, me) = (cx.measure_vi(m), cx.measure_en(m));
    let (n, total) = match cx.members(m) {
        Ok(x) => x,
        Err((vi, en)) => return ConditionResult::leaf(Outcome::MissingData, vi, en),
    };
    let ok = at_least.is_none_or(|a| n >= a) && at_most.is_none_or(|b| n <= b);
    let need_vi = match (at_least, at_most) {
        (Some(a), None) => format!("ít nhất {a} thành viên {mv}"),
        (None, Some(0)) => format!("không có thành viên nào {mv}"),
        (None, Some(b)) => format!("nhiều nhất {b} thành viên {mv}"),
        (Some(a), Some(b)) => format!("từ {a} đến {b} thành viên {mv}"),
        (None, None) => String::new(),
    };
    let need_en = match (at_least, at_most) {
        (Some(a), None) => format!("at least {a} member(s) {me}"),
        (None, Some(0)) => format!("no member {me}"),
        (None, Some(b)) => format!("at most {b} member(s) {me}"),
        (Some(a), Some(b)) => format!("{a} to {b} members {me}"),
        (None, None) => String::new(),
    };
    let outcome = if ok { Outcome::Met } else { Outcome::NotMet };
    let mut r = ConditionResult::leaf(
        outcome,
        format!("{need_vi}: {n}/{total}"),
        format!("{need_en}: {n} of {total}"),
    );
    if !ok {
        r.shortfall = at_least.map_or(1, |a| a.saturating_sub(n).max(1));
        r.lacking = Some(Explanation {
            vi: format!("cần {need_vi}"),
            en: format!("needs {need_en}"),
        });
    }
    r
}
