//! Council votes (bình xét, bỏ phiếu của Hội đồng Thi đua – Khen thưởng): the quorum, written
//! votes of absent members, and the pass mark counted against **all** members.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::evaluate::Explanation;
use crate::number::{format_en_rounded, format_vn_rounded};

use super::rules::{bad, LegalRef, VoteRule};

/// The council at the meeting.
///
/// ```
/// use thidua_core::award::Council;
/// let c: Council = serde_json::from_str(r#"{"members": 21, "present": 17, "written": 3}"#)?;
/// assert_eq!(c.members, 21);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// All members of the council (tổng số thành viên).
    pub members: u32,
    /// Members present at the meeting.
    pub present: u32,
    /// Absent members who voted in writing (lấy ý kiến bằng văn bản).
    #[serde(default)]
    pub written: u32,
}

/// The tally for one candidate and title.
///
/// ```
/// use thidua_core::award::Ballot;
/// let b: Ballot = serde_json::from_str(r#"{"subject": "Huyện A", "title": "co_thi_dua_tinh", "yes": 16, "written_yes": 2}"#)?;
/// assert_eq!(b.yes + b.written_yes, 18);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    /// The candidate.
    pub subject: String,
    /// The title voted on.
    pub title: String,
    /// Yes votes of the members present.
    pub yes: u32,
    /// Yes votes among the written votes.
    #[serde(default)]
    pub written_yes: u32,
    /// This vote's council, when it differs from the meeting's (`council`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<Council>,
}

/// A vote checked against one vote rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct VoteResult {
    /// The rule set.
    pub rule_set: String,
    /// The vote rule.
    pub rule: String,
    /// Members, present, written votes.
    pub council: Council,
    /// Yes votes counted (present plus written, when written votes count).
    pub yes: u32,
    /// Yes votes as a percentage of all members (2 decimals, half away from zero; the pass mark is compared exactly, not on this rounded figure).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub yes_percent: Decimal,
    /// Whether the quorum was reached (true when the rule has none).
    pub quorum_met: bool,
    /// Whether the candidate passes.
    pub passed: bool,
    /// The computation.
    pub explanation: Explanation,
    /// Legal source.
    pub source: LegalRef,
}

/// Checks a council and a ballot: present ≤ members; written ≤ absent members; yes votes
/// not above the voters.
pub(crate) fn validate(c: &Council, b: &Ballot, loc: &str) -> Result<()> {
    if c.members == 0 {
        return Err(bad(
            format!("{loc}.members"),
            "a council has at least one member",
        ));
    }
    if c.present > c.members {
        return Err(bad(
            format!("{loc}.present"),
            format!("{} present of {} members", c.present, c.members),
        ));
    }
    if c.written > c.members - c.present {
        return Err(bad(
            format!("{loc}.written"),
            format!(
                "{} written votes but only {} absent members",
                c.written,
                c.members - c.present
            ),
        ));
    }
    if b.yes > c.present {
        return Err(bad(
            format!("{loc}.yes"),
            format!("{} yes votes but {} members present", b.yes, c.present),
        ));
    }
    if b.written_yes > c.written {
        return Err(bad(
            format!("{loc}.written_yes"),
            format!(
                "{} written yes votes but {} written votes",
                b.written_yes, c.written
            ),
        ));
    }
    Ok(())
}

/// Tallies a ballot against a rule.
pub(crate) fn tally(set: &str, rule: &VoteRule, c: Council, b: &Ballot) -> VoteResult {
    let yes = b.yes + if rule.written_votes { b.written_yes } else { 0 };
    let quorum_met = rule
        .quorum
        .as_ref()
        .is_none_or(|q| q.reached(c.present, c.members).unwrap_or(false));
    let reached = rule.pass.reached(yes, c.members).unwrap_or(false);
    let passed = quorum_met && reached;
    let mut yes_percent = (Decimal::from(yes) * Decimal::ONE_HUNDRED
        / Decimal::from(c.members.max(1)))
    .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    yes_percent.rescale(2);
    let ballot_vi = if rule.secret_ballot {
        "bỏ phiếu kín"
    } else {
        "biểu quyết"
    };
    let ballot_en = if rule.secret_ballot {
        "secret ballot"
    } else {
        "vote"
    };
    let mut vi = format!("Hội đồng {} thành viên, có mặt {}", c.members, c.present);
    let mut en = format!("Council of {} members, {} present", c.members, c.present);
    if let Some(q) = &rule.quorum {
        if quorum_met {
            vi.push_str(&format!(" (đủ {} để họp)", q.label_vi()));
            en.push_str(&format!(" (quorum of {} reached)", q.label_en()));
        } else {
            vi.push_str(&format!(" (không đủ {} để họp)", q.label_vi()));
            en.push_str(&format!(" (quorum of {} not reached)", q.label_en()));
        }
    }
    if c.written > 0 {
        if rule.written_votes {
            vi.push_str(&format!(", {} ý kiến bằng văn bản", c.written));
            en.push_str(&format!(", {} written votes", c.written));
        } else {
            vi.push_str(&format!(
                ", {} ý kiến bằng văn bản (không tính theo quy định này)",
                c.written
            ));
            en.push_str(&format!(
                ", {} written votes (not counted under this rule)",
                c.written
            ));
        }
    }
    vi.push_str(&format!(
        "; {ballot_vi}: {yes} đồng ý = {} % tổng số thành viên, cần từ {} → {}",
        format_vn_rounded(yes_percent, 2),
        rule.pass.label_vi(),
        if passed { "đạt" } else { "không đạt" }
    ));
    en.push_str(&format!(
        "; {ballot_en}: {yes} yes = {}% of all members, {} needed → {}",
        format_en_rounded(yes_percent, 2),
        rule.pass.label_en(),
        if passed { "passed" } else { "not passed" }
    ));
    VoteResult {
        rule_set: set.to_string(),
        rule: rule.id.clone(),
        council: c,
        yes,
        yes_percent,
        quorum_met,
        passed,
        explanation: Explanation { vi, en },
        source: rule.source.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::award::rules::{Share, Verification, VerificationStatus};

    fn rule(pass: &str, quorum: Option<[u32; 2]>, written: bool) -> VoteRule {
        VoteRule {
            id: "v".into(),
            titles: vec!["t".into()],
            valid_from: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            valid_until: None,
            secret_ballot: true,
            pass: Share {
                percent: Some(pass.parse().unwrap()),
                fraction: None,
            },
            quorum: quorum.map(|q| Share {
                percent: None,
                fraction: Some(q),
            }),
            written_votes: written,
            source: LegalRef {
                document: "d".into(),
                article: None,
                verification: Verification {
                    status: VerificationStatus::Unverified,
                    source: None,
                    basis: Some("test".into()),
                    note: None,
                },
            },
        }
    }

    fn ballot(yes: u32, written_yes: u32) -> Ballot {
        Ballot {
            subject: "s".into(),
            title: "t".into(),
            yes,
            written_yes,
            council: None,
        }
    }

    #[test]
    fn the_pass_mark_counts_all_members_not_those_present() {
        let c = Council {
            members: 20,
            present: 15,
            written: 0,
        };
        // 15 of 15 present voted yes: 100 % of those present, 75 % of all members.
        let r = tally("s", &rule("90", None, true), c, &ballot(15, 0));
        assert!(!r.passed);
        assert_eq!(r.yes_percent.to_string(), "75.00");
        assert!(r
            .explanation
            .vi
            .contains("15 đồng ý = 75 % tổng số thành viên, cần từ 90 % → không đạt"));
        // With the written votes of the absent members it passes.
        let c = Council {
            members: 20,
            present: 15,
            written: 5,
        };
        let r = tally("s", &rule("90", None, true), c, &ballot(15, 3));
        assert!(r.passed, "{}", r.explanation.vi);
        // Not when the rule does not count written votes.
        let r = tally("s", &rule("90", None, false), c, &ballot(15, 3));
        assert!(!r.passed);
    }

    #[test]
    fn quorum_is_exact() {
        let c = Council {
            members: 21,
            present: 13,
            written: 0,
        };
        let r = tally("s", &rule("50", Some([2, 3]), true), c, &ballot(13, 0));
        assert!(!r.quorum_met && !r.passed); // 13/21 < 2/3
        let c = Council {
            members: 21,
            present: 14,
            written: 0,
        };
        assert!(tally("s", &rule("50", Some([2, 3]), true), c, &ballot(14, 0)).passed);
    }

    #[test]
    fn impossible_tallies_are_refused() {
        let c = Council {
            members: 10,
            present: 8,
            written: 3,
        };
        assert!(validate(&c, &ballot(1, 0), "x")
            .unwrap_err()
            .to_string()
            .contains("x.written"));
        let c = Council {
            members: 10,
            present: 8,
            written: 2,
        };
        assert!(validate(&c, &ballot(9, 0), "x")
            .unwrap_err()
            .to_string()
            .contains("x.yes"));
    }
}
