//! Scoring schemes (thang điểm), scorecards, ranking inside clusters and blocs (cụm, khối thi
//! đua), classification bands (xếp loại) and award proposals (đề nghị khen thưởng).
//!
//! * A [`Scheme`] is data (JSON): sections of criteria, each with a standard score and a
//!   [`Rule`] (proportional to % of plan, all or nothing, step table, linear, council points),
//!   bonuses, penalties, rounding, the missing-result policy, tie-breakers, bands and award
//!   rules. `docs/scoring.md` documents the format with an example of every rule.
//! * [`score`] (or [`score_json`], the entry point of the Python and JavaScript bindings)
//!   scores every unit of a roster in every stage given (tự chấm, cụm thẩm định, Ban Thi đua
//!   thẩm định), ranks the final stage inside each cluster or bloc, classifies and proposes
//!   awards. Every number comes with a one-line reason in Vietnamese and English.
//! * [`ScoreReport::render_vi`] prints the report in Vietnamese.
//!
//! **Rounding** happens at declared places only: each criterion's points (after combining its
//! targets), each weighted contribution, the exceeding bonus (once, after its caps), the
//! renormalised criteria total, and the final total. Subtotals and sums of rounded values need
//! no rounding. Nothing uses `f64`.
//!
//! ```
//! use thidua_core::scoring::score_json;
//! let report = score_json(r#"{
//!   "scheme": {"name": "Ví dụ", "scale": "10",
//!     "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero",
//!     "sections": [{"id": "A", "name": "Kinh tế", "criteria": [
//!       {"id": "A1", "name": "GRDP", "max": "10", "targets": ["1"],
//!        "rule": {"kind": "proportional", "full_at": "100"}}]}],
//!     "classification": {"basis": "total", "bands": [
//!       {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "good", "min_total": "9"},
//!       {"id": "ht", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "completed"}]}},
//!   "directive": {"kind": "directive", "issuer": {"name": "UBND tỉnh X"}, "coverage": {"year": 2024},
//!     "title": "t", "items": [{"number": 1, "text": "GRDP", "targets": [{"id": "1", "name": "GRDP",
//!       "spec": {"kind": "growth_rate", "comparator": "at_least", "value": "10"}}]}]},
//!   "roster": [{"unit": "Huyện A", "group": "Cụm 1", "kind": "cluster"},
//!              {"unit": "Huyện B", "group": "Cụm 1", "kind": "cluster"}],
//!   "stages": [{"stage": "board_appraisal", "results": [
//!     {"unit": "Huyện A", "target": "1", "period": "2024", "value": "9.52"},
//!     {"unit": "Huyện B", "target": "1", "period": "2024", "value": "10.5"}]}]
//! }"#)?;
//! let a = report.unit("Huyện A").ok_or("no unit Huyện A")?;
//! assert_eq!(a.final_card().ok_or("no scorecard")?.criteria[0].explanation.vi, "đạt 95,2 % kế hoạch → 9,520/10 điểm");
//! assert_eq!(report.groups[0].ranking[0].unit, "Huyện B");
//! assert_eq!(a.band.as_ref().ok_or("not found")?.band, "tot");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod card;
pub mod compiled;
mod input;
mod rank;

mod rules;
mod scheme;
#[cfg(test)]
mod tests;

pub use crate::award::proposal::{AwardEntry, AwardResult};
/// Moved to [`crate::files`] (one confined reader for score and award input); kept here.
pub use crate::files::{read_confined, MAX_FILE_BYTES};
pub(crate) use card::fmt_points_en;
pub use card::{Adjustment, CriterionScore, Scorecard, SectionScore};
pub use compiled::{BatchScores, CompiledScheme, Uncovered};
pub use input::{
    resolve_input_paths, score, score_json, ComparisonRow, CouncilPoints, CriterionExclusion,
    GroupKind, RosterEntry, ScoreInput, ScoreReport, Stage, StageInput, UnitAdjustment, UnitScore,
};
pub(crate) use rank::{by_key_desc, Entrant};
pub use rank::{BandResult, GroupRanking, NotRanked, RankEntry};
pub use scheme::{
    AwardRule, AwardSelect, Band, BandBasis, Bonus, CapRounding, Classification, Combine,
    Criterion, ExceedingBonus, FixedBonus, LinearBasis, Missing, MissingByStatus, MissingPolicy,
    MissingResult, Penalty, Rounding, RoundingMode, Rule, Scheme, Section, Step, TieBreaker,
    TiesAtCap,
};
