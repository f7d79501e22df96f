//! Awards (khen thưởng) as the law defines them.
//!
//! * [`proposal`] — the scoring scheme's award rules applied to a year's ranking (moved here
//!   from `scoring`; its types stay available as `thidua_core::scoring::{AwardEntry,
//!   AwardResult}`).
//! * [`RuleSet`] — rules as dated data: a catalogue of titles, eligibility rules made of
//!   clauses in a small condition language ([`Condition`]), blocking conditions, council
//!   votes, quotas and reward money, each clause citing its legal source and whether it was
//!   verified. Shipped: `vn-nd98-2023` (Luật Thi đua, khen thưởng 2022 with Nghị định
//!   98/2023/NĐ-CP, 01/01/2024 – 30/06/2025), `vn-nd152-2025` (with Nghị định 152/2025/NĐ-CP,
//!   from 01/07/2025) and `example-province` (an **illustrative** provincial regulation).
//!   The proposal's date selects the rules in force ([`RuleBook::at`]).
//! * [`History`] — titles, ratings, events and member summaries per subject and year.
//! * [`check`] — eligibility clause by clause (met / not met / missing data / for the
//!   council) with the legal source, and the next title each subject is closest to.
//! * [`decide`] — the whole pipeline: scoring proposals → eligibility → council vote →
//!   quotas → the final list with the money of each award and the total.
//!
//! `docs/awards.md` documents the formats, every condition with an example, and which
//! numbers were verified against the texts and which were not.
//!
//! ```
//! use thidua_core::award::{decide_json, FinalStatus};
//! let report = decide_json(r#"{
//!   "date": "2024-12-20", "year": 2024, "rule_sets": ["vn-nd98-2023"],
//!   "history": {"subjects": [{"id": "Trần Thị Mai", "kind": "individual", "gender": "female"}],
//!     "ratings": [{"subject": "Trần Thị Mai", "year": 2024, "rating": "hoan_thanh_tot"}]},
//!   "candidates": [{"subject": "Trần Thị Mai", "title": "lao_dong_tien_tien"}]
//! }"#)?;
//! let d = &report.decisions[0];
//! assert_eq!(d.status, FinalStatus::Approved);
//! // 0,3 × 2.340.000 = 702.000 đồng, rounded up to tens of thousands of đồng.
//! assert_eq!(d.money.as_ref().ok_or("not found")?.amount.to_string(), "710000");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod check;
mod condition;
mod decide;
mod history;
mod money;
#[cfg(test)]
mod pins;
pub mod proposal;
mod rules;
#[cfg(test)]
mod tests;
mod vote;

pub use check::{BlockResult, ClauseResult, Closest, Eligibility, EligibilityStatus};
pub use condition::{Condition, ConditionResult, Facts, MemberMeasure, Outcome, Selector};
pub use decide::{
    check, check_json, decide, decide_json, resolve_input_paths, AwardDecision, AwardInput,
    AwardReport, Candidate, EligibilityReport, FinalStatus, QuotaOutcome, QuotaPlace, RuleSetInfo,
    RuleSetRef, TitleTotal, Totals,
};
pub use history::{
    Decision, EventKind, EventRecord, Gender, History, Level, MemberSummary, Rating, RatingRecord,
    Subject, TitleRecord,
};
pub use money::Money;
pub use proposal::{AwardEntry, AwardResult};
pub use rules::{
    Applicable, BaseSalary, BaseSalaryTable, Block, Clause, Ending, Jurisdiction, LegalRef,
    MoneyRounding, MoneyRule, OrderKey, Quota, QuotaBase, QuotaRounding, QuotaTies, RuleBook,
    RuleSet, Share, SubjectKind, Title, TitleKind, TitleRule, Verification, VerificationStatus,
    VoteRule, BUILTIN,
};
pub use vote::{Ballot, Council, VoteResult};
