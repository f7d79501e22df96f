//! Award proposals from one year's scores (đề nghị khen thưởng theo kết quả chấm điểm): the
//! scheme's award rules (`group_leaders`, `share_of`, `threshold`) applied to the final stage's
//! ranked units. Moved here from `scoring::rank`; the types are re-exported as
//! `thidua_core::scoring::{AwardEntry, AwardResult}`.

use std::collections::{HashMap, HashSet};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::evaluate::Explanation;
use crate::number::{format_en_rounded, format_vn_fixed, format_vn_rounded};
use crate::scoring::{
    by_key_desc, fmt_points_en, AwardRule, AwardSelect, CapRounding, Entrant, Scheme, TiesAtCap,
};

/// A unit proposed for an award, or one that just missed it.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let flags = report.awards.iter().find(|a| a.award == "co_tinh").ok_or("not found")?;
/// let units: Vec<_> = flags.proposals.iter().map(|p| p.unit.as_str()).collect();
/// assert_eq!(units, ["Huyện Đắk Lâm", "Huyện Tu Mơ"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AwardEntry {
    /// The unit.
    pub unit: String,
    /// Its cluster or bloc.
    pub group: String,
    /// Final total.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub total: Decimal,
    /// Why it is (or is not) proposed.
    pub reason: Explanation,
}

/// The proposals of one award rule.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let gov = report.awards.iter().find(|a| a.award == "co_chinh_phu").ok_or("not found")?;
/// assert!(gov.proposals.is_empty()); // 20 % of 2 cluster leaders, rounded down: 0
/// assert!(gov.note.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AwardResult {
    /// Award rule id.
    pub award: String,
    /// Vietnamese name.
    pub label_vi: String,
    /// English name.
    pub label_en: String,
    /// Units proposed, best total first (equal totals in name order).
    pub proposals: Vec<AwardEntry>,
    /// Units that just missed, with the reason.
    pub near_misses: Vec<AwardEntry>,
    /// How a cap was computed, when there is one.
    pub note: Option<Explanation>,
}

fn entry(e: &Entrant<'_>, vi: String, en: String) -> AwardEntry {
    AwardEntry {
        unit: e.unit.to_string(),
        group: e.group.to_string(),
        total: e.card.total,
        reason: Explanation { vi, en },
    }
}

/// Conditions of an award rule: empty when met.
fn condition_failures(
    scheme: &Scheme,
    a: &AwardRule,
    e: &Entrant<'_>,
    digits: u32,
) -> (Vec<String>, Vec<String>) {
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    if let Some(b) = &a.min_band {
        if let Some(bi) = scheme.band_index(b) {
            if e.band > bi {
                let have = &scheme.classification.bands[e.band];
                let need = &scheme.classification.bands[bi];
                vi.push(format!(
                    "xếp loại \"{}\", chưa đạt \"{}\"",
                    have.label_vi, need.label_vi
                ));
                en.push(format!(
                    "band \"{}\", not \"{}\"",
                    have.label_en, need.label_en
                ));
            }
        }
    }
    if let Some(m) = a.min_total {
        if e.card.total < m {
            vi.push(format!(
                "tổng {} < {}",
                format_vn_fixed(e.card.total, digits),
                format_vn_rounded(m, digits)
            ));
            en.push(format!(
                "total {} < {}",
                format_en_rounded(e.card.total, digits),
                format_en_rounded(m, digits)
            ));
        }
    }
    (vi, en)
}

/// Applies the award rules in order.
pub(crate) fn awards(scheme: &Scheme, entrants: &[Entrant<'_>]) -> Result<Vec<AwardResult>> {
    let digits = scheme.rounding.digits;
    let pts = |d: Decimal| format_vn_fixed(d, digits);
    let pts_en = |d: Decimal| fmt_points_en(d, digits);
    let mut order: Vec<&Entrant<'_>> = entrants.iter().collect();
    order.sort_by(|a, b| by_key_desc(a, b));
    let mut done: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut out = Vec::with_capacity(scheme.awards.len());
    for a in &scheme.awards {
        let mut proposals = Vec::new();
        let mut near = Vec::new();
        let mut note = None;
        let mut chosen: HashSet<&str> = HashSet::new();
        match &a.select {
            AwardSelect::GroupLeaders { places } => {
                // The lowest total among each group's awarded places, for near misses.
                let mut bar: HashMap<&str, Decimal> = HashMap::new();
                for e in &order {
                    if e.rank <= *places {
                        let b = bar.entry(e.group).or_insert(e.card.total);
                        *b = (*b).min(e.card.total);
                    }
                }
                for e in &order {
                    if e.rank <= *places {
                        let (fv, fe) = condition_failures(scheme, a, e, digits);
                        let (pv, pe) = if e.rank == 1 {
                            (format!("dẫn đầu {}", e.group), format!("leads {}", e.group))
                        } else {
                            (
                                format!("hạng {} {}", e.rank, e.group),
                                format!("rank {} in {}", e.rank, e.group),
                            )
                        };
                        if fv.is_empty() {
                            chosen.insert(e.unit);
                            proposals.push(entry(
                                e,
                                format!("{pv}, {} điểm", pts(e.card.total)),
                                format!("{pe}, {} points", pts_en(e.card.total)),
                            ));
                        } else {
                            near.push(entry(
                                e,
                                format!("{pv} nhưng {}", fv.join("; ")),
                                format!("{pe} but {}", fe.join("; ")),
                            ));
                        }
                    } else if let (Some(m), Some(b)) = (a.near_miss_within, bar.get(e.group)) {
                        let gap = *b - e.card.total;
                        if gap <= m {
                            let (v, n) = if gap.is_zero() {
                                (
                                    "bằng điểm, xếp sau theo tiêu chí phụ".to_string(),
                                    "equal total, behind on the tie-breakers".to_string(),
                                )
                            } else {
                                (
                                    format!("kém {} điểm", pts(gap)),
                                    format!("{} points short", pts_en(gap)),
                                )
                            };
                            near.push(entry(
                                e,
                                format!("hạng {} {}, {v} so với vị trí được đề nghị (trong phạm vi {} điểm)", e.rank, e.group, format_vn_rounded(m, digits)),
                                format!("rank {} in {}, {n} of the proposed place (within {} points)", e.rank, e.group, format_en_rounded(m, digits)),
                            ));
                        }
                    }
                }
            }
            AwardSelect::ShareOf {
                of,
                max_count,
                max_percent,
                percent_rounding,
                ties_at_cap,
            } => {
                let base = done.get(of.as_str()).cloned().unwrap_or_default();
                let of_label = scheme
                    .awards
                    .iter()
                    .find(|x| &x.id == of)
                    .map(|x| (x.label_vi.as_str(), x.label_en.as_str()))
                    .unwrap_or(("", ""));
                let n = base.len();
                let mut cands: Vec<&Entrant<'_>> = Vec::new();
                for e in order.iter().filter(|e| base.contains(e.unit)) {
                    let (fv, fe) = condition_failures(scheme, a, e, digits);
                    if fv.is_empty() {
                        cands.push(e);
                    } else {
                        near.push(entry(
                            e,
                            format!("được đề nghị {} nhưng {}", of_label.0, fv.join("; ")),
                            format!("proposed for {} but {}", of_label.1, fe.join("; ")),
                        ));
                    }
                }
                let mut cap = usize::MAX;
                let mut nv = Vec::new();
                let mut ne = Vec::new();
                if let Some(p) = max_percent {
                    let exact = Decimal::from(n)
                        .checked_mul(*p)
                        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                        .ok_or_else(|| {
                            Error::overflow(format!("awards {:?}", a.id), "percentage cap")
                        })?;
                    let (rounded, how_vi, how_en) =
                        match percent_rounding.unwrap_or(CapRounding::Down) {
                            CapRounding::Down => (exact.floor(), "làm tròn xuống", "rounded down"),
                            CapRounding::Up => (exact.ceil(), "làm tròn lên", "rounded up"),
                            CapRounding::Nearest => (
                                exact.round_dp_with_strategy(
                                    0,
                                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                                ),
                                "làm tròn",
                                "rounded half up",
                            ),
                        };
                    let c = rounded
                        .to_u64()
                        .and_then(|x| usize::try_from(x).ok())
                        .unwrap_or(usize::MAX);
                    cap = cap.min(c);
                    nv.push(format!(
                        "{} % × {n} = {} → {} ({how_vi})",
                        format_vn_rounded(*p, 2),
                        format_vn_rounded(exact, 4),
                        rounded.trunc()
                    ));
                    ne.push(format!(
                        "{}% × {n} = {} → {} ({how_en})",
                        format_en_rounded(*p, 2),
                        format_en_rounded(exact, 4),
                        rounded.trunc()
                    ));
                }
                if let Some(m) = max_count {
                    cap = cap.min(usize::try_from(*m).unwrap_or(usize::MAX));
                    nv.push(format!("tối đa {m} đơn vị"));
                    ne.push(format!("at most {m} units"));
                }
                let mut take = cap.min(cands.len());
                let mut tie_note = (String::new(), String::new());
                if take > 0 && take < cands.len() && cands[take - 1].key == cands[take].key {
                    let k = &cands[take].key;
                    let first = cands.iter().position(|e| &e.key == k).unwrap_or(take);
                    let last = cands
                        .iter()
                        .rposition(|e| &e.key == k)
                        .map(|x| x + 1)
                        .unwrap_or(take);
                    take = match ties_at_cap {
                        TiesAtCap::ExcludeAll => first,
                        TiesAtCap::IncludeAll => last,
                    };
                    tie_note = match ties_at_cap {
                        TiesAtCap::ExcludeAll => (
                            format!("; {} đơn vị bằng điểm tại ngưỡng hạn mức: không đề nghị đơn vị nào trong số này", last - first),
                            format!("; {} units tie at the cap: none of them is proposed", last - first),
                        ),
                        TiesAtCap::IncludeAll => (
                            format!("; {} đơn vị bằng điểm tại ngưỡng hạn mức: đề nghị tất cả ({} đơn vị, vượt hạn mức {cap})", last - first, last),
                            format!("; {} units tie at the cap: all are proposed ({} units, above the cap of {cap})", last - first, last),
                        ),
                    };
                }
                note = Some(Explanation {
                    vi: format!(
                        "Hạn mức trong {n} đơn vị được đề nghị {}: {} → {} đơn vị{}",
                        of_label.0,
                        nv.join("; "),
                        if cap == usize::MAX { n } else { cap },
                        tie_note.0
                    ),
                    en: format!(
                        "Cap among the {n} units proposed for {}: {} → {} units{}",
                        of_label.1,
                        ne.join("; "),
                        if cap == usize::MAX { n } else { cap },
                        tie_note.1
                    ),
                });
                for (pos, e) in cands.iter().enumerate() {
                    if pos < take {
                        chosen.insert(e.unit);
                        proposals.push(entry(
                            e,
                            format!(
                                "xếp thứ {} trong số đơn vị được đề nghị {}, {} điểm",
                                pos + 1,
                                of_label.0,
                                pts(e.card.total)
                            ),
                            format!(
                                "{} of the units proposed for {}, {} points",
                                ordinal_en(pos + 1),
                                of_label.1,
                                pts_en(e.card.total)
                            ),
                        ));
                    } else {
                        near.push(entry(
                            e,
                            format!(
                                "xếp thứ {} trong số đơn vị được đề nghị {}, ngoài hạn mức",
                                pos + 1,
                                of_label.0
                            ),
                            format!(
                                "{} of the units proposed for {}, beyond the cap",
                                ordinal_en(pos + 1),
                                of_label.1
                            ),
                        ));
                    }
                }
            }
            AwardSelect::Threshold { exclude } => {
                let bar_total = a.min_total.or_else(|| {
                    a.min_band
                        .as_deref()
                        .and_then(|b| scheme.band_index(b))
                        .and_then(|i| scheme.classification.bands[i].min_total)
                });
                for e in &order {
                    if exclude
                        .iter()
                        .any(|x| done.get(x.as_str()).is_some_and(|s| s.contains(e.unit)))
                    {
                        continue;
                    }
                    let (fv, fe) = condition_failures(scheme, a, e, digits);
                    if fv.is_empty() {
                        chosen.insert(e.unit);
                        let band = &scheme.classification.bands[e.band];
                        proposals.push(entry(
                            e,
                            format!("{} điểm, xếp loại \"{}\"", pts(e.card.total), band.label_vi),
                            format!(
                                "{} points, band \"{}\"",
                                pts_en(e.card.total),
                                band.label_en
                            ),
                        ));
                    } else if let (Some(m), Some(b)) = (a.near_miss_within, bar_total) {
                        if b - e.card.total <= m {
                            near.push(entry(
                                e,
                                format!("chưa đạt: {}", fv.join("; ")),
                                format!("not met: {}", fe.join("; ")),
                            ));
                        }
                    }
                }
            }
        }
        done.insert(a.id.as_str(), chosen);
        out.push(AwardResult {
            award: a.id.clone(),
            label_vi: a.label_vi.clone(),
            label_en: a.label_en.clone(),
            proposals,
            near_misses: near,
            note,
        });
    }
    Ok(out)
}

fn ordinal_en(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
