//! Rule sets as data (bộ tiêu chuẩn khen thưởng): titles, eligibility rules made of clauses
//! in a small condition language, blocking conditions, council votes, quotas and reward
//! money, each dated (`valid_from` / `valid_until`) and each clause citing its legal source
//! with the state of its verification.
//!
//! The shipped rule files live in `thidua-core/rules/` (embedded with `include_str!`, see
//! [`RuleSet::builtin`]); their format is `docs/schema/award-rules.schema.json` and
//! `docs/awards.md`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

use super::condition::Condition;
use super::history::EventKind;

/// Individual (cá nhân) or collective (tập thể).
///
/// ```
/// use thidua_core::award::SubjectKind;
/// let k: SubjectKind = serde_json::from_str("\"collective\"")?;
/// assert_eq!(k.label_vi(), "tập thể");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// Cá nhân.
    Individual,
    /// Tập thể (a unit, an agency, a locality).
    Collective,
}

impl SubjectKind {
    /// "cá nhân" / "tập thể".
    pub fn label_vi(self) -> &'static str {
        match self {
            SubjectKind::Individual => "cá nhân",
            SubjectKind::Collective => "tập thể",
        }
    }

    /// "individual" / "collective".
    pub fn label_en(self) -> &'static str {
        match self {
            SubjectKind::Individual => "individual",
            SubjectKind::Collective => "collective",
        }
    }

    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Individual => "individual",
            SubjectKind::Collective => "collective",
        }
    }
}

/// Whether a clause's text and numbers were read in a source (`verified`, with the source)
/// or not (`unverified`, with what the clause rests on instead).
///
/// ```
/// use thidua_core::award::{Verification, VerificationStatus};
/// let v: Verification = serde_json::from_str(
///     r#"{"status": "unverified", "basis": "domain notes, as read"}"#)?;
/// assert_eq!(v.status, VerificationStatus::Unverified);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// `verified` or `unverified`.
    pub status: VerificationStatus,
    /// Where the text was read (a URL or a document and article); required when verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What an unverified clause rests on; required when unverified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Any remark (what exactly was read, what was inferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The state of a [`Verification`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VerificationStatus {
    /// Read in a source that states it (the source is given).
    Verified,
    /// Not read in the text of the law: encoded from another basis (stated).
    Unverified,
}

/// A legal source: the document, the article (điều, khoản, điểm) and its verification.
///
/// ```
/// use thidua_core::award::LegalRef;
/// let r: LegalRef = serde_json::from_str(r#"{"document": "Luật Thi đua, khen thưởng số 06/2022/QH15",
///   "article": "Điều 24", "verification": {"status": "verified", "source": "https://example.org/luat"}}"#)?;
/// assert_eq!(r.cite(), "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegalRef {
    /// The document ("Nghị định số 98/2023/NĐ-CP").
    pub document: String,
    /// Article, clause, point ("Điều 54 khoản 1 điểm c"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Whether it was read.
    pub verification: Verification,
}

impl LegalRef {
    /// "document, article".
    pub fn cite(&self) -> String {
        match &self.article {
            Some(a) => format!("{}, {a}", self.document),
            None => self.document.clone(),
        }
    }

    /// Whether the source was read.
    pub fn is_verified(&self) -> bool {
        self.verification.status == VerificationStatus::Verified
    }
}

/// The kind of a title in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TitleKind {
    /// Danh hiệu thi đua (Lao động tiên tiến, Chiến sĩ thi đua, Cờ thi đua…).
    EmulationTitle,
    /// Hình thức khen thưởng (Bằng khen, Giấy khen, Huân chương…).
    Commendation,
}

/// One title or form of commendation of the catalogue.
///
/// ```
/// use thidua_core::award::Title;
/// let t: Title = serde_json::from_str(r#"{"id": "lao_dong_tien_tien", "label_vi": "Lao động tiên tiến",
///   "label_en": "Advanced worker", "kind": "emulation_title", "subjects": ["individual"], "rank": 10}"#)?;
/// assert_eq!(t.rank, 10);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Stable id (`chien_si_thi_dua_co_so`).
    pub id: String,
    /// Vietnamese name, as printed on decisions.
    pub label_vi: String,
    /// English name.
    pub label_en: String,
    /// Emulation title or commendation.
    pub kind: TitleKind,
    /// Who may receive it.
    pub subjects: Vec<SubjectKind>,
    /// Order among titles of the same subject kind (higher is a higher title); used to name
    /// the next title a candidate is closest to, and to decide lower titles first.
    pub rank: u32,
    /// Who confers it ("Chủ tịch UBND tỉnh", "Thủ tướng Chính phủ"), for the final list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conferred_by: Option<String>,
}

/// Where the years of a history condition end: the proposal year itself or the year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Ending {
    /// The achievement year being proposed (năm đề nghị).
    ProposalYear,
    /// The year before it.
    PreviousYear,
}

/// One clause of a rule (a point of the article: "a) …", "b) …"): a condition over the
/// history and this year's facts, or a judgement left to the council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Clause id inside the rule ("a", "b").
    pub id: String,
    /// The clause as the text says it (paraphrased), in Vietnamese.
    pub text_vi: String,
    /// The same in English.
    pub text_en: String,
    /// The test. Absent for a clause the data cannot decide (solidarity, a movement's
    /// quality): then `for_council` must be true and the clause is listed as left to the
    /// council's judgement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// The clause is judged by the council (Hội đồng đánh giá), not by the data.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_council: bool,
    /// The legal source of this clause.
    pub source: LegalRef,
}

/// A blocking condition (trường hợp chưa xét khen thưởng): an event in the history that stops
/// a candidate whatever else holds (under discipline, under investigation, an unresolved
/// complaint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Block id inside the rule.
    pub id: String,
    /// The event that blocks.
    pub event: EventKind,
    /// How many years, ending at the proposal year, an event blocks (default 1: the
    /// proposal year only).
    #[serde(default = "one")]
    pub within_years: u32,
    /// The clause in Vietnamese.
    pub text_vi: String,
    /// The clause in English.
    pub text_en: String,
    /// Legal source.
    pub source: LegalRef,
}

fn one() -> u32 {
    1
}

/// An eligibility rule for one title and one kind of subject, dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TitleRule {
    /// Rule id, unique in the rule set.
    pub id: String,
    /// The title (an id of the catalogue).
    pub title: String,
    /// Individual or collective.
    pub subject: SubjectKind,
    /// First day the rule applies (inclusive).
    pub valid_from: NaiveDate,
    /// Last day the rule applies (inclusive); open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The article this rule implements.
    pub source: LegalRef,
    /// The clauses, all of which must hold.
    pub clauses: Vec<Clause>,
    /// Blocking conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocking: Vec<Block>,
    /// Free remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A share of members: a percentage (`{"percent": "90"}`) or an exact fraction
/// (`{"fraction": [2, 3]}`), compared exactly.
///
/// ```
/// use thidua_core::award::Share;
/// let s: Share = serde_json::from_str(r#"{"fraction": [2, 3]}"#)?;
/// assert!(s.reached(14, 21).ok_or("not found")?);   // 14/21 = 2/3
/// assert!(!s.reached(13, 21).ok_or("not found")?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// A percentage, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub percent: Option<Decimal>,
    /// A fraction `[numerator, denominator]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction: Option<[u32; 2]>,
}

impl Share {
    /// Whether `part / whole` reaches the share (inclusive), exactly. `None` on overflow.
    pub fn reached(&self, part: u32, whole: u32) -> Option<bool> {
        match (self.percent, self.fraction) {
            (Some(p), None) => {
                let lhs = Decimal::from(part).checked_mul(Decimal::ONE_HUNDRED)?;
                let rhs = p.checked_mul(Decimal::from(whole))?;
                Some(lhs >= rhs)
            }
            (None, Some([n, d])) => {
                Some(u64::from(part) * u64::from(d) >= u64::from(n) * u64::from(whole))
            }
            _ => None,
        }
    }

    /// "90 %" / "2/3".
    pub fn label_vi(&self) -> String {
        match (self.percent, self.fraction) {
            (Some(p), _) => format!("{} %", crate::number::format_vn_rounded(p, 4)),
            (None, Some([n, d])) => format!("{n}/{d}"),
            _ => String::new(),
        }
    }

    /// "90%" / "2/3".
    pub fn label_en(&self) -> String {
        match (self.percent, self.fraction) {
            (Some(p), _) => format!("{}%", crate::number::format_en_rounded(p, 4)),
            (None, Some([n, d])) => format!("{n}/{d}"),
            _ => String::new(),
        }
    }

    fn validate(&self, loc: &str) -> Result<()> {
        match (self.percent, self.fraction) {
            (Some(p), None) if p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED => Ok(()),
            (None, Some([n, d])) if d > 0 && n <= d => Ok(()),
            _ => Err(bad(
                loc,
                "give either `percent` (0–100) or `fraction` [n, d] with 0 ≤ n ≤ d and d > 0",
            )),
        }
    }
}

/// How a council votes on some titles (bình xét, bỏ phiếu): the pass mark is counted against
/// **all** members of the council, not those present; absent members may vote in writing;
/// the meeting needs a quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VoteRule {
    /// Id, unique in the rule set.
    pub id: String,
    /// The titles voted this way.
    pub titles: Vec<String>,
    /// First day (inclusive).
    pub valid_from: NaiveDate,
    /// Last day (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Secret ballot (bỏ phiếu kín).
    pub secret_ballot: bool,
    /// The pass mark: yes votes as a share of **all members** of the council.
    pub pass: Share,
    /// Members present needed for the meeting to decide (share of all members); none when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum: Option<Share>,
    /// Absent members may vote in writing (lấy ý kiến bằng văn bản); their votes count.
    pub written_votes: bool,
    /// Legal source.
    pub source: LegalRef,
}

/// Rounding of a quota's percentage cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuotaRounding {
    /// Toward zero: 20 % of 7 = 1,4 → 1 (never above the share).
    Down,
    /// Half up: 1,5 → 2.
    Nearest,
    /// Away from zero: 1,4 → 2.
    Up,
}

/// What a percentage quota is a percentage of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum QuotaBase {
    /// The candidates for this title that passed eligibility and the vote.
    Candidates {},
    /// The units ranked first in their cluster or bloc in the scoring of the year (needs a
    /// score report).
    GroupLeaders {},
    /// The candidates approved for another title in the same decision (decided earlier: a
    /// lower rank, or listed before).
    Approved {
        /// That title.
        title: String,
    },
    /// A number given in the input's `quota_bases` under this name (e.g. the number of
    /// Lao động tiên tiến of the province).
    Declared {
        /// The name.
        name: String,
    },
}

/// How candidates are ordered against a quota, best first. Keys apply in order; candidates
/// equal on every key are tied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum OrderKey {
    /// Higher total score of the year first (units from the scoring).
    ScoreTotal {},
    /// More yes votes first.
    YesVotes {},
    /// Individuals who are women first (a declared preference).
    Women {},
    /// Collectives whose share of women members reaches `percent` first (a declared
    /// preference).
    WomenShareAtLeast {
        /// The share, in percent.
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        percent: Decimal,
    },
}

/// Candidates tied on every key where the quota cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuotaTies {
    /// None of them (the cap is never exceeded).
    ExcludeAll,
    /// All of them (the cap is exceeded, and the note says so).
    IncludeAll,
    /// They are left undecided: listed as tied for the council to settle (never broken
    /// silently).
    Undecided,
}

/// A quota on a title: a count, a percentage of a declared base, or both (the smaller cap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// Id, unique in the rule set.
    pub id: String,
    /// The title limited.
    pub title: String,
    /// First day (inclusive).
    pub valid_from: NaiveDate,
    /// Last day (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// At most this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// At most this percentage of `base`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub max_percent: Option<Decimal>,
    /// What the percentage is of (required with `max_percent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<QuotaBase>,
    /// Rounding of the percentage cap (required with `max_percent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<QuotaRounding>,
    /// Order of candidates, best first (preferences, then the fallback).
    pub order: Vec<OrderKey>,
    /// Ties where the cap cuts.
    pub ties: QuotaTies,
    /// Legal source of the cap.
    pub source: LegalRef,
    /// Legal source of the order (preferences), when it has its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_source: Option<LegalRef>,
}

/// Reward money of a title as a multiple of the base salary (lương cơ sở).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MoneyRule {
    /// The title.
    pub title: String,
    /// Individual or collective.
    pub subject: SubjectKind,
    /// Multiple of the base salary (`"0.3"`, `"12"`).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub multiple: Decimal,
    /// First day (inclusive), by the date of the decision.
    pub valid_from: NaiveDate,
    /// Last day (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Legal source.
    pub source: LegalRef,
}

/// How a reward amount (multiple × base salary) is rounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MoneyRounding {
    /// `up`, `nearest` (half up) or `down`, to a multiple of `to`.
    pub mode: QuotaRounding,
    /// The step in đồng (`10000`: "làm tròn số lên hàng chục nghìn đồng").
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub to: Decimal,
    /// Legal source.
    pub source: LegalRef,
}

/// National rules or a province's regulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Jurisdiction {
    /// The law and its decree (one national rule set applies on any date).
    National,
    /// A province's (or ministry's) own regulation, applied together with the national one.
    Provincial,
}

/// A rule set: the catalogue of titles, eligibility rules, votes, quotas and money of one
/// regulation, dated. See `docs/awards.md`.
///
/// ```
/// use thidua_core::award::RuleSet;
/// let nd98 = RuleSet::builtin("vn-nd98-2023").ok_or("no rule set vn-nd98-2023")?;
/// assert_eq!(nd98.valid_from.to_string(), "2024-01-01");
/// assert!(nd98.title("chien_si_thi_dua_co_so").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Stable id (`vn-nd98-2023`).
    pub id: String,
    /// Name.
    pub name: String,
    /// National or provincial.
    pub jurisdiction: Jurisdiction,
    /// An illustrative rule set (not a real regulation): every output using it says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    /// Who issued the regulation.
    pub issuer: String,
    /// First day (inclusive).
    pub valid_from: NaiveDate,
    /// Last day (inclusive); open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The documents it encodes.
    pub sources: Vec<LegalRef>,
    /// Free text: what it covers, what it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Titles it defines (a provincial set may use the national set's titles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    /// Eligibility rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<TitleRule>,
    /// Blocking conditions that apply to every title decided while this set is in force.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocking: Vec<Block>,
    /// Council votes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<VoteRule>,
    /// Quotas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<Quota>,
    /// Reward money.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub money: Vec<MoneyRule>,
    /// Rounding of reward amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money_rounding: Option<MoneyRounding>,
}

/// One row of the base-salary table (mức lương cơ sở), dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BaseSalary {
    /// Đồng per month.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub amount: Decimal,
    /// First day (inclusive).
    pub valid_from: NaiveDate,
    /// Last day (inclusive); open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The decree.
    pub source: LegalRef,
}

/// The base-salary table (`thidua-core/rules/vn-luong-co-so.json`).
///
/// ```
/// use thidua_core::award::BaseSalaryTable;
/// let t = BaseSalaryTable::builtin();
/// let d = chrono::NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("invalid date")?;
/// assert_eq!(t.at(d).ok_or("not found")?.amount.to_string(), "2340000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BaseSalaryTable {
    /// Name of the table.
    pub name: String,
    /// The rows, in date order, not overlapping.
    pub rows: Vec<BaseSalary>,
}

const BASE_SALARY_JSON: &str = include_str!("../../rules/vn-luong-co-so.json");

/// The rule files shipped with the crate: `(id, JSON)`.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "vn-nd98-2023",
        include_str!("../../rules/vn-nd98-2023.json"),
    ),
    (
        "vn-nd152-2025",
        include_str!("../../rules/vn-nd152-2025.json"),
    ),
    (
        "example-province",
        include_str!("../../rules/example-province.json"),
    ),
];

pub(crate) fn bad(location: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        location: location.into().into(),
        reason: reason.into(),
    }
}

/// Prefixes the location of an error with where the input came from.
pub(crate) fn within(e: Error, prefix: &str) -> Error {
    match e {
        Error::InvalidInput { location, reason } => Error::InvalidInput {
            location: format!("{prefix} {location}").into(),
            reason,
        },
        Error::DuplicateId { id, location } => Error::DuplicateId {
            id,
            location: format!("{prefix} {location}").into(),
        },
        other => other,
    }
}

pub(crate) fn covers(from: NaiveDate, until: Option<NaiveDate>, date: NaiveDate) -> bool {
    from <= date && until.is_none_or(|u| date <= u)
}

fn check_dates(from: NaiveDate, until: Option<NaiveDate>, loc: &str) -> Result<()> {
    match until {
        Some(u) if u < from => Err(bad(
            format!("{loc}.valid_until"),
            format!("valid_until {u} is before valid_from {from}"),
        )),
        _ => Ok(()),
    }
}

fn check_ref(r: &LegalRef, loc: &str) -> Result<()> {
    if r.document.trim().is_empty() {
        return Err(bad(format!("{loc}.document"), "the document is empty"));
    }
    let v = &r.verification;
    match v.status {
        VerificationStatus::Verified if v.source.as_deref().is_none_or(|s| s.trim().is_empty()) => {
            Err(bad(
                format!("{loc}.verification"),
                "a verified clause names the source it was read in (`source`)",
            ))
        }
        VerificationStatus::Unverified
            if v.basis.as_deref().is_none_or(|s| s.trim().is_empty()) =>
        {
            Err(bad(
                format!("{loc}.verification"),
                "an unverified clause says what it rests on instead (`basis`)",
            ))
        }
        _ => Ok(()),
    }
}

fn unique(id: &str, loc: &str, seen: &mut HashSet<String>, what: &str, set: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(bad(format!("{loc}.id"), format!("the {what} id is empty")));
    }
    if !seen.insert(id.to_string()) {
        return Err(Error::DuplicateId {
            id: id.to_string(),
            location: format!("{loc}.id (rule set {set:?}, {what})").into(),
        });
    }
    Ok(())
}

impl RuleSet {
    /// Reads and validates a rule set from JSON.
    ///
    /// ```
    /// use thidua_core::award::RuleSet;
    /// let err = RuleSet::from_json(r#"{"id": "x", "name": "x", "jurisdiction": "national",
    ///   "issuer": "x", "valid_from": "2024-01-01", "valid_until": "2023-01-01", "sources": []}"#).unwrap_err();
    /// assert_eq!(err.code(), "invalid_input");
    /// assert!(err.to_string().contains("valid_until"));
    /// ```
    pub fn from_json(json: &str) -> Result<RuleSet> {
        let r: RuleSet =
            serde_json::from_str(json).map_err(|e| Error::json("award rule set", &e))?;
        r.validate()?;
        Ok(r)
    }

    /// A rule set shipped with the crate: `vn-nd98-2023` (Luật Thi đua, khen thưởng 2022 and
    /// Nghị định 98/2023/NĐ-CP, 01/01/2024 – 30/06/2025), `vn-nd152-2025` (the same law and
    /// Nghị định 152/2025/NĐ-CP, from 01/07/2025) or `example-province` (an **illustrative**
    /// provincial regulation).
    pub fn builtin(id: &str) -> Option<RuleSet> {
        BUILTIN
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, j)| RuleSet::from_json(j).ok())
    }

    /// The ids of the shipped rule sets.
    pub fn builtin_ids() -> Vec<&'static str> {
        BUILTIN.iter().map(|(i, _)| *i).collect()
    }

    /// A title of this set's catalogue.
    pub fn title(&self, id: &str) -> Option<&Title> {
        self.titles.iter().find(|t| t.id == id)
    }

    /// Checks ids, dates (each rule inside the set's validity), sources (a verified clause
    /// names its source, an unverified one its basis), conditions and quotas. References to
    /// titles are checked when rule sets are combined ([`RuleBook::new`]).
    pub fn validate(&self) -> Result<()> {
        let set = self.id.as_str();
        if set.trim().is_empty() {
            return Err(bad("id", "the rule set id is empty"));
        }
        check_dates(self.valid_from, self.valid_until, "rule set")?;
        for (i, s) in self.sources.iter().enumerate() {
            check_ref(s, &format!("sources[{i}]"))?;
        }
        let mut seen = HashSet::new();
        for (i, t) in self.titles.iter().enumerate() {
            let loc = format!("titles[{i}]");
            unique(&t.id, &loc, &mut seen, "title", set)?;
            if t.subjects.is_empty() {
                return Err(bad(loc, "a title is for individuals, collectives or both"));
            }
        }
        let mut seen = HashSet::new();
        for (i, r) in self.rules.iter().enumerate() {
            self.validate_rule(r, &format!("rules[{i}]"), &mut seen)?;
        }
        let mut bids = HashSet::new();
        for (j, b) in self.blocking.iter().enumerate() {
            let bl = format!("blocking[{j}]");
            check_block(b, &bl, &mut bids, "blocking condition", set)?;
        }
        let mut seen = HashSet::new();
        for (i, v) in self.votes.iter().enumerate() {
            let loc = format!("votes[{i}]");
            unique(&v.id, &loc, &mut seen, "vote rule", set)?;
            self.inside(v.valid_from, v.valid_until, &loc)?;
            check_ref(&v.source, &format!("{loc}.source"))?;
            v.pass.validate(&format!("{loc}.pass"))?;
            if let Some(q) = &v.quorum {
                q.validate(&format!("{loc}.quorum"))?;
            }
            if v.titles.is_empty() {
                return Err(bad(
                    format!("{loc}.titles"),
                    "name the titles voted this way",
                ));
            }
        }
        let mut seen = HashSet::new();
        for (i, q) in self.quotas.iter().enumerate() {
            self.validate_quota(q, &format!("quotas[{i}]"), &mut seen)?;
        }
        self.validate_money()
    }

    /// A rule, or a vote, quota or amount, lies within the rule set's dates.
    fn inside(&self, from: NaiveDate, until: Option<NaiveDate>, loc: &str) -> Result<()> {
        check_dates(from, until, loc)?;
        let end_ok = match (until, self.valid_until) {
            (_, None) => true,
            (Some(u), Some(su)) => u <= su,
            (None, Some(_)) => false,
        };
        if from < self.valid_from || !end_ok {
            return Err(bad(
                loc,
                format!(
                    "its dates ({from} – {}) lie outside the rule set's ({} – {})",
                    until.map_or("…".to_string(), |u| u.to_string()),
                    self.valid_from,
                    self.valid_until.map_or("…".to_string(), |u| u.to_string())
                ),
            ));
        }
        Ok(())
    }

    /// One title rule: a unique id, its dates and source, at least one clause, each either
    /// tested on the data or left to the council, and its own blocking conditions.
    fn validate_rule(&self, r: &TitleRule, loc: &str, seen: &mut HashSet<String>) -> Result<()> {
        let set = self.id.as_str();
        unique(&r.id, loc, seen, "rule", set)?;
        self.inside(r.valid_from, r.valid_until, loc)?;
        check_ref(&r.source, &format!("{loc}.source"))?;
        if r.clauses.is_empty() {
            return Err(bad(
                format!("{loc}.clauses"),
                "a rule has at least one clause",
            ));
        }
        let mut cids = HashSet::new();
        for (j, c) in r.clauses.iter().enumerate() {
            let cl = format!("{loc}.clauses[{j}]");
            unique(&c.id, &cl, &mut cids, "clause", set)?;
            check_ref(&c.source, &format!("{cl}.source"))?;
            match (&c.condition, c.for_council) {
                (Some(cond), false) => cond.validate(&format!("{cl}.condition"))?,
                (None, true) => {}
                (Some(_), true) => {
                    return Err(bad(
                        cl,
                        "a clause is either tested on the data (`condition`) or left to the council (`for_council`), not both",
                    ))
                }
                (None, false) => {
                    return Err(bad(
                        cl,
                        "a clause needs a `condition`, or `for_council: true` when the data cannot decide it",
                    ))
                }
            }
        }
        for (j, b) in r.blocking.iter().enumerate() {
            check_block(b, &format!("{loc}.blocking[{j}]"), &mut cids, "clause", set)?;
        }
        Ok(())
    }

    /// One quota: a unique id, its dates and sources, a cap; a percentage within 0–100 with
    /// its base and rounding declared.
    fn validate_quota(&self, q: &Quota, loc: &str, seen: &mut HashSet<String>) -> Result<()> {
        unique(&q.id, loc, seen, "quota", &self.id)?;
        self.inside(q.valid_from, q.valid_until, loc)?;
        check_ref(&q.source, &format!("{loc}.source"))?;
        if let Some(s) = &q.order_source {
            check_ref(s, &format!("{loc}.order_source"))?;
        }
        if q.max_count.is_none() && q.max_percent.is_none() {
            return Err(bad(loc, "a quota needs max_count, max_percent or both"));
        }
        if let Some(p) = q.max_percent {
            if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                return Err(bad(
                    format!("{loc}.max_percent"),
                    "a percentage within 0–100",
                ));
            }
            if q.base.is_none() {
                return Err(bad(
                    format!("{loc}.base"),
                    "a percentage quota declares its base",
                ));
            }
            if q.rounding.is_none() {
                return Err(bad(
                    format!("{loc}.rounding"),
                    "a percentage quota declares its rounding (down, nearest or up)",
                ));
            }
        }
        Ok(())
    }

    /// The reward amounts: within the set's dates, sourced, not negative, one per title,
    /// subject kind and date; the money rounding's step positive.
    fn validate_money(&self) -> Result<()> {
        let set = self.id.as_str();
        for (i, m) in self.money.iter().enumerate() {
            let loc = format!("money[{i}]");
            self.inside(m.valid_from, m.valid_until, &loc)?;
            check_ref(&m.source, &format!("{loc}.source"))?;
            if m.multiple < Decimal::ZERO {
                return Err(bad(format!("{loc}.multiple"), "a multiple is not negative"));
            }
        }
        for (i, a) in self.money.iter().enumerate() {
            for b in &self.money[i + 1..] {
                if a.title == b.title
                    && a.subject == b.subject
                    && overlap(a.valid_from, a.valid_until, b.valid_from, b.valid_until)
                {
                    return Err(Error::DuplicateId {
                        id: a.title.clone(),
                        location: format!("money[{i}] (rule set {set:?}: two amounts for the same title, subject and dates)").into(),
                    });
                }
            }
        }
        if let Some(r) = &self.money_rounding {
            check_ref(&r.source, "money_rounding.source")?;
            if r.to <= Decimal::ZERO {
                return Err(bad("money_rounding.to", "a positive step in đồng"));
            }
        }
        Ok(())
    }
}

/// A blocking condition (of the set, or of one rule): a unique id among `seen` (`what` names
/// them in the error), its source, a window of at least one year.
fn check_block(
    b: &Block,
    loc: &str,
    seen: &mut HashSet<String>,
    what: &str,
    set: &str,
) -> Result<()> {
    unique(&b.id, loc, seen, what, set)?;
    check_ref(&b.source, &format!("{loc}.source"))?;
    if b.within_years == 0 {
        return Err(bad(format!("{loc}.within_years"), "at least 1 year"));
    }
    Ok(())
}

fn overlap(a0: NaiveDate, a1: Option<NaiveDate>, b0: NaiveDate, b1: Option<NaiveDate>) -> bool {
    a1.is_none_or(|x| b0 <= x) && b1.is_none_or(|y| a0 <= y)
}

impl BaseSalaryTable {
    /// The table shipped with the crate.
    pub fn builtin() -> BaseSalaryTable {
        // The shipped file is validated by a test; an error here cannot come from input.
        serde_json::from_str(BASE_SALARY_JSON).unwrap_or(BaseSalaryTable {
            name: String::new(),
            rows: Vec::new(),
        })
    }

    /// Reads and validates a table.
    pub fn from_json(json: &str) -> Result<BaseSalaryTable> {
        let t: BaseSalaryTable =
            serde_json::from_str(json).map_err(|e| Error::json("base salary table", &e))?;
        t.validate()?;
        Ok(t)
    }

    /// Rows in order, amounts positive, periods not overlapping.
    pub fn validate(&self) -> Result<()> {
        for (i, r) in self.rows.iter().enumerate() {
            let loc = format!("base_salary.rows[{i}]");
            check_dates(r.valid_from, r.valid_until, &loc)?;
            check_ref(&r.source, &format!("{loc}.source"))?;
            if r.amount <= Decimal::ZERO {
                return Err(bad(format!("{loc}.amount"), "a positive amount in đồng"));
            }
            if let Some(p) = i.checked_sub(1).and_then(|j| self.rows.get(j)) {
                if p.valid_until.is_none_or(|u| u >= r.valid_from) {
                    return Err(bad(loc, "rows are in date order and do not overlap"));
                }
            }
        }
        Ok(())
    }

    /// The row in force on a date.
    pub fn at(&self, date: NaiveDate) -> Option<&BaseSalary> {
        self.rows
            .iter()
            .find(|r| covers(r.valid_from, r.valid_until, date))
    }
}

/// The rules that apply on one date: the national rule set for the date and the provincial
/// ones given, with the titles of all of them. A title's requirements are **all** the
/// applicable rules for it (a provincial regulation details the law, it does not replace it);
/// a title's vote is every applicable vote rule; its quotas all apply.
///
/// ```
/// use thidua_core::award::{RuleBook, RuleSet};
/// let sets = vec![RuleSet::builtin("vn-nd98-2023").ok_or("no rule set vn-nd98-2023")?, RuleSet::builtin("vn-nd152-2025").ok_or("no rule set vn-nd152-2025")?];
/// let book = RuleBook::new(sets)?;
/// let d2024 = chrono::NaiveDate::from_ymd_opt(2024, 12, 20).ok_or("invalid date")?;
/// let d2026 = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).ok_or("invalid date")?;
/// assert_eq!(book.at(d2024)?.national().id, "vn-nd98-2023");
/// assert_eq!(book.at(d2026)?.national().id, "vn-nd152-2025");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RuleBook {
    sets: Vec<RuleSet>,
}

/// The rules of a [`RuleBook`] that apply on one date.
#[derive(Debug, Clone)]
pub struct Applicable<'a> {
    /// The date.
    pub date: NaiveDate,
    sets: Vec<&'a RuleSet>,
    titles: BTreeMap<&'a str, &'a Title>,
}

impl RuleBook {
    /// Combines validated rule sets (each validated again here). Titles defined twice must
    /// be identical; every title named by a rule, vote, quota or money row, or by a condition,
    /// must be defined by some set.
    pub fn new(sets: Vec<RuleSet>) -> Result<RuleBook> {
        let mut titles: HashMap<&str, (&Title, &str)> = HashMap::new();
        for s in &sets {
            s.validate()
                .map_err(|e| within(e, &format!("rule set {:?}", s.id)))?;
            for t in &s.titles {
                if let Some((prev, from)) = titles.insert(t.id.as_str(), (t, s.id.as_str())) {
                    if prev != t {
                        return Err(Error::DuplicateId {
                            id: t.id.clone(),
                            location: format!(
                                "rule set {:?} titles (defined differently in rule set {from:?})",
                                s.id
                            )
                            .into(),
                        });
                    }
                }
            }
        }
        let mut ids = HashSet::new();
        for s in &sets {
            if !ids.insert(s.id.as_str()) {
                return Err(Error::DuplicateId {
                    id: s.id.clone(),
                    location: "rule_sets (the same rule set given twice)".into(),
                });
            }
        }
        for s in &sets {
            let known = |t: &str, loc: String| -> Result<()> {
                if titles.contains_key(t) {
                    Ok(())
                } else {
                    Err(bad(
                        format!("rule set {:?} {loc}", s.id),
                        format!("unknown title {t:?} (not in the catalogue of any rule set given)"),
                    ))
                }
            };
            for (i, r) in s.rules.iter().enumerate() {
                known(&r.title, format!("rules[{i}].title"))?;
                if let Some((t, _)) = titles.get(r.title.as_str()) {
                    if !t.subjects.contains(&r.subject) {
                        return Err(bad(
                            format!("rule set {:?} rules[{i}].subject", s.id),
                            format!(
                                "title {:?} is not given to {} subjects",
                                r.title,
                                r.subject.label_en()
                            ),
                        ));
                    }
                }
                for (j, c) in r.clauses.iter().enumerate() {
                    if let Some(cond) = &c.condition {
                        for t in cond.titles() {
                            known(t, format!("rules[{i}].clauses[{j}].condition"))?;
                        }
                    }
                }
            }
            for (i, v) in s.votes.iter().enumerate() {
                for (j, t) in v.titles.iter().enumerate() {
                    known(t, format!("votes[{i}].titles[{j}]"))?;
                }
            }
            for (i, q) in s.quotas.iter().enumerate() {
                known(&q.title, format!("quotas[{i}].title"))?;
                if let Some(QuotaBase::Approved { title }) = &q.base {
                    known(title, format!("quotas[{i}].base.title"))?;
                }
            }
            for (i, m) in s.money.iter().enumerate() {
                known(&m.title, format!("money[{i}].title"))?;
            }
        }
        let book = RuleBook { sets };
        book.check_cycles()?;
        Ok(book)
    }

    /// The rule sets.
    pub fn sets(&self) -> &[RuleSet] {
        &self.sets
    }

    /// `eligible_for` conditions must not loop (A needs B needs A).
    fn check_cycles(&self) -> Result<()> {
        let mut deps: HashMap<&str, HashSet<&str>> = HashMap::new();
        for s in &self.sets {
            for r in &s.rules {
                let e = deps.entry(r.title.as_str()).or_default();
                for c in &r.clauses {
                    if let Some(cond) = &c.condition {
                        e.extend(cond.eligible_for_titles());
                    }
                }
            }
        }
        fn visit<'a>(
            t: &'a str,
            deps: &HashMap<&'a str, HashSet<&'a str>>,
            path: &mut Vec<&'a str>,
            done: &mut HashSet<&'a str>,
        ) -> Result<()> {
            if path.contains(&t) {
                path.push(t);
                return Err(bad(
                    "rule_sets",
                    format!("eligible_for conditions loop: {}", path.join(" → ")),
                ));
            }
            if done.contains(t) {
                return Ok(());
            }
            path.push(t);
            for d in deps.get(t).into_iter().flatten() {
                visit(d, deps, path, done)?;
            }
            path.pop();
            done.insert(t);
            Ok(())
        }
        let mut done = HashSet::new();
        let mut keys: Vec<&str> = deps.keys().copied().collect();
        keys.sort_unstable();
        for t in keys {
            visit(t, &deps, &mut Vec::new(), &mut done)?;
        }
        Ok(())
    }

    /// The rules that apply on `date`: exactly one national set must cover it.
    pub fn at(&self, date: NaiveDate) -> Result<Applicable<'_>> {
        let national: Vec<&RuleSet> = self
            .sets
            .iter()
            .filter(|s| s.jurisdiction == Jurisdiction::National)
            .filter(|s| covers(s.valid_from, s.valid_until, date))
            .collect();
        if national.is_empty() {
            let have: Vec<String> = self
                .sets
                .iter()
                .filter(|s| s.jurisdiction == Jurisdiction::National)
                .map(|s| {
                    format!(
                        "{} ({} – {})",
                        s.id,
                        s.valid_from,
                        s.valid_until.map_or("…".into(), |u| u.to_string())
                    )
                })
                .collect();
            return Err(bad(
                "date",
                format!(
                    "no national rule set applies on {date} (given: {})",
                    if have.is_empty() {
                        "none".into()
                    } else {
                        have.join(", ")
                    }
                ),
            ));
        }
        if national.len() > 1 {
            return Err(bad(
                "date",
                format!(
                    "two national rule sets apply on {date}: {} and {}",
                    national[0].id, national[1].id
                ),
            ));
        }
        let mut sets = national;
        sets.extend(
            self.sets
                .iter()
                .filter(|s| s.jurisdiction == Jurisdiction::Provincial)
                .filter(|s| covers(s.valid_from, s.valid_until, date)),
        );
        let mut titles = BTreeMap::new();
        for s in &self.sets {
            for t in &s.titles {
                titles.entry(t.id.as_str()).or_insert(t);
            }
        }
        Ok(Applicable { date, sets, titles })
    }
}

impl<'a> Applicable<'a> {
    /// The national rule set in force.
    pub fn national(&self) -> &'a RuleSet {
        self.sets[0]
    }

    /// Every rule set in force (the national one first).
    pub fn sets(&self) -> &[&'a RuleSet] {
        &self.sets
    }

    /// A title of the catalogue.
    pub fn title(&self, id: &str) -> Option<&'a Title> {
        self.titles.get(id).copied()
    }

    /// Every title of the catalogue.
    pub fn titles(&self) -> impl Iterator<Item = &'a Title> + '_ {
        self.titles.values().copied()
    }

    /// The rules for a title and kind of subject in force, with their rule set.
    pub fn rules_for(
        &self,
        title: &str,
        subject: SubjectKind,
    ) -> Vec<(&'a RuleSet, &'a TitleRule)> {
        let date = self.date;
        self.sets
            .iter()
            .flat_map(|s| s.rules.iter().map(move |r| (*s, r)))
            .filter(|(_, r)| r.title == title && r.subject == subject)
            .filter(|(_, r)| covers(r.valid_from, r.valid_until, date))
            .collect()
    }

    /// The vote rules for a title in force.
    pub fn votes_for(&self, title: &str) -> Vec<(&'a RuleSet, &'a VoteRule)> {
        let date = self.date;
        self.sets
            .iter()
            .flat_map(|s| s.votes.iter().map(move |v| (*s, v)))
            .filter(|(_, v)| v.titles.iter().any(|t| t == title))
            .filter(|(_, v)| covers(v.valid_from, v.valid_until, date))
            .collect()
    }

    /// The quotas on a title in force.
    pub fn quotas_for(&self, title: &str) -> Vec<(&'a RuleSet, &'a Quota)> {
        let date = self.date;
        self.sets
            .iter()
            .flat_map(|s| s.quotas.iter().map(move |q| (*s, q)))
            .filter(|(_, q)| q.title == title)
            .filter(|(_, q)| covers(q.valid_from, q.valid_until, date))
            .collect()
    }

    /// The money row for a title and kind of subject in force: a provincial row (when one
    /// exists) before the national one.
    pub fn money_for(
        &self,
        title: &str,
        subject: SubjectKind,
    ) -> Option<(&'a RuleSet, &'a MoneyRule)> {
        let date = self.date;
        self.sets
            .iter()
            .rev()
            .flat_map(|s| s.money.iter().map(move |m| (*s, m)))
            .find(|(_, m)| {
                m.title == title
                    && m.subject == subject
                    && covers(m.valid_from, m.valid_until, date)
            })
    }

    /// The money rounding: a provincial one before the national one.
    pub fn money_rounding(&self) -> Option<&'a MoneyRounding> {
        self.sets
            .iter()
            .rev()
            .find_map(|s| s.money_rounding.as_ref())
    }

    /// Whether an illustrative rule set is in force.
    pub fn uses_example(&self) -> bool {
        self.sets.iter().any(|s| s.example)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_rule_set_is_valid_and_combines() {
        let mut sets = Vec::new();
        for (id, json) in BUILTIN {
            let s = RuleSet::from_json(json).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(&s.id, id);
            sets.push(s);
        }
        RuleBook::new(sets).unwrap();
        BaseSalaryTable::from_json(BASE_SALARY_JSON).unwrap();
    }

    #[test]
    fn the_date_selects_the_decree() {
        let book = RuleBook::new(vec![
            RuleSet::builtin("vn-nd98-2023").unwrap(),
            RuleSet::builtin("vn-nd152-2025").unwrap(),
        ])
        .unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            book.at(d(2025, 6, 30)).unwrap().national().id,
            "vn-nd98-2023"
        );
        assert_eq!(
            book.at(d(2025, 7, 1)).unwrap().national().id,
            "vn-nd152-2025"
        );
        let err = book.at(d(2023, 12, 31)).unwrap_err();
        assert!(err
            .to_string()
            .contains("no national rule set applies on 2023-12-31"));
    }

    #[test]
    fn share_is_exact() {
        let two_thirds = Share {
            percent: None,
            fraction: Some([2, 3]),
        };
        assert_eq!(two_thirds.reached(2, 3), Some(true));
        assert_eq!(two_thirds.reached(66, 100), Some(false));
        let ninety = Share {
            percent: Some(Decimal::from(90)),
            fraction: None,
        };
        assert_eq!(ninety.reached(18, 20), Some(true));
        assert_eq!(ninety.reached(17, 19), Some(false)); // 89,47 %
    }

    #[test]
    fn base_salary_by_date() {
        let t = BaseSalaryTable::builtin();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            t.at(d(2024, 6, 30)).unwrap().amount,
            Decimal::from(1_800_000)
        );
        assert_eq!(
            t.at(d(2024, 7, 1)).unwrap().amount,
            Decimal::from(2_340_000)
        );
    }
}
