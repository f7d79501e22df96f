//! Ranking inside clusters and blocs and classification bands, from the final stage's
//! scorecards. Award proposals live in [`crate::award`].

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evaluate::Explanation;
use crate::number::{format_en_rounded, format_vn_fixed, format_vn_rounded};

use super::card::Scorecard;
use super::scheme::{BandBasis, Scheme, TieBreaker};
use super::GroupKind;

/// A unit's place in its cluster or bloc.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let r = &report.groups[0].ranking;
/// let tied: Vec<_> = r.iter().filter(|e| e.rank == 3).collect();
/// assert_eq!(tied.len(), 2); // Huyện Ia Hòa and Huyện Kon Mai share 3rd place (1, 2, 3, 3, 5)
/// assert!(tied.iter().all(|e| e.tied));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RankEntry {
    /// Standard competition rank ("1, 2, 2, 4").
    pub rank: u32,
    /// The unit.
    pub unit: String,
    /// Final total.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub total: Decimal,
    /// Band id.
    pub band: String,
    /// Whether another unit has the same rank (a tie no tie-breaker resolved).
    pub tied: bool,
    /// When another unit has the same total but a different rank: which tie-breaker decided.
    pub decided_by: Option<Explanation>,
}

/// A unit that is not ranked.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// assert!(report.groups.iter().all(|g| g.not_ranked.is_empty()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NotRanked {
    /// The unit.
    pub unit: String,
    /// Why.
    pub reason: Explanation,
}

/// The ranking of one cluster or bloc.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// assert_eq!(report.groups[1].ranking[0].unit, "Huyện Tu Mơ");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct GroupRanking {
    /// Cluster or bloc name.
    pub group: String,
    /// Cluster or bloc.
    pub kind: GroupKind,
    /// Ranked units, best first; tied units in name order (display only, not a tie-break).
    pub ranking: Vec<RankEntry>,
    /// Units not ranked (not eligible), in name order.
    pub not_ranked: Vec<NotRanked>,
}

/// A unit's classification band with the reason.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let base = thidua_core::files::BaseDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
/// # let input: serde_json::Value = serde_json::from_str(&base.read("docs/examples/clusters-kon-tum-2024/input.json")?)?;
/// # let input = resolve_input_paths(input, &mut |p: &str| base.read(p))?;
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string())?;
/// let b = report.unit("Huyện Đắk Lâm").ok_or("no unit Huyện Đắk Lâm")?.band.as_ref().ok_or("not found")?;
/// assert_eq!(b.label_vi, "Hoàn thành xuất sắc nhiệm vụ");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct BandResult {
    /// Band id.
    pub band: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Why this band (and why not the one above).
    pub reason: Explanation,
}

/// One ranked unit, as the ranking and awards see it.
pub(crate) struct Entrant<'a> {
    pub unit: &'a str,
    pub group: &'a str,
    pub card: &'a Scorecard,
    pub band: usize,
    pub key: Vec<Decimal>,
    pub rank: u32,
}

fn tb_label(t: &TieBreaker) -> (String, String) {
    match t {
        TieBreaker::TargetsExceeded {} => ("số chỉ tiêu vượt".into(), "targets exceeded".into()),
        TieBreaker::TargetsMetOrExceeded {} => (
            "số chỉ tiêu đạt và vượt".into(),
            "targets met or exceeded".into(),
        ),
        TieBreaker::SectionSubtotal { section } => (
            format!("điểm phần {section}"),
            format!("subtotal of section {section}"),
        ),
        TieBreaker::CriterionPoints { criterion } => (
            format!("điểm tiêu chí {criterion}"),
            format!("points of criterion {criterion}"),
        ),
        TieBreaker::FewerPenaltyPoints {} => {
            ("điểm trừ ít hơn".into(), "fewer penalty points".into())
        }
    }
}

/// The comparison key: total, then each tie-breaker, all "higher is better". A criterion
/// left out counts lowest.
pub(crate) fn key(scheme: &Scheme, card: &Scorecard) -> Vec<Decimal> {
    let mut k = Vec::with_capacity(1 + scheme.tie_breakers.len());
    k.push(card.total);
    for t in &scheme.tie_breakers {
        k.push(match t {
            TieBreaker::TargetsExceeded {} => Decimal::from(card.targets_exceeded),
            TieBreaker::TargetsMetOrExceeded {} => Decimal::from(card.targets_met_or_exceeded),
            TieBreaker::SectionSubtotal { section } => {
                card.section_subtotal(section).unwrap_or(Decimal::MIN)
            }
            TieBreaker::CriterionPoints { criterion } => {
                card.criterion_points(criterion).unwrap_or(Decimal::MIN)
            }
            TieBreaker::FewerPenaltyPoints {} => -card.penalty_total,
        });
    }
    k
}

/// Descending by key, then by name (display order only).
pub(crate) fn by_key_desc(a: &Entrant<'_>, b: &Entrant<'_>) -> Ordering {
    b.key.cmp(&a.key).then_with(|| a.unit.cmp(b.unit))
}

/// Assigns standard competition ranks inside one group (entrants sorted with
/// [`by_key_desc`]); returns the ranking rows.
///
/// `O(n log n)` in the group size: after the sort, units with the same key (tied) and units
/// with the same total (whose order the tie-breakers decided) are contiguous runs, so each
/// unit looks only at its own run of equal totals — never at the whole group. A "decided by"
/// explanation names at most [`MAX_NAMED_PEERS`] units of equal total and counts the others,
/// so that a run of many equal totals stays linear too.
/// How many units of equal total a "decided by" explanation names before it counts the rest.
pub(crate) const MAX_NAMED_PEERS: usize = 10;

pub(crate) fn rank_group(
    scheme: &Scheme,
    entrants: &mut [Entrant<'_>],
    digits: u32,
) -> Vec<RankEntry> {
    entrants.sort_by(by_key_desc);
    let n = entrants.len();
    let mut rows = Vec::with_capacity(n);
    let mut rank = 1u32;
    for i in 0..n {
        if i > 0 && entrants[i].key != entrants[i - 1].key {
            rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        entrants[i].rank = rank;
    }
    let show = |d: Decimal| {
        if d == Decimal::MIN {
            "—".to_string()
        } else {
            format_vn_rounded(d.abs(), digits)
        }
    };
    // Runs of equal totals [t0, t1) and, inside them, of equal keys [k0, k1).
    let mut t0 = 0;
    while t0 < n {
        let mut t1 = t0 + 1;
        while t1 < n && entrants[t1].key[0] == entrants[t0].key[0] {
            t1 += 1;
        }
        let mut k0 = t0;
        while k0 < t1 {
            let mut k1 = k0 + 1;
            while k1 < t1 && entrants[k1].key == entrants[k0].key {
                k1 += 1;
            }
            let tied = k1 - k0 > 1;
            for e in &entrants[k0..k1] {
                // The units of the same total with another key, in ranking order.
                let peers = entrants[t0..k0].iter().chain(&entrants[k1..t1]);
                let decided_by = if t1 - t0 == k1 - k0 {
                    None
                } else {
                    let mut vi = Vec::new();
                    let mut en = Vec::new();
                    let mut others = 0usize;
                    for p in peers {
                        if vi.len() == MAX_NAMED_PEERS {
                            others += 1;
                            continue;
                        }
                        if let Some(j) = (1..e.key.len()).find(|&j| e.key[j] != p.key[j]) {
                            let (lv, le) = tb_label(&scheme.tie_breakers[j - 1]);
                            let (w_vi, w_en) = if e.key[j] > p.key[j] {
                                ("trên", "ahead of")
                            } else {
                                ("sau", "behind")
                            };
                            vi.push(format!(
                                "xếp {w_vi} {} theo {lv} ({} so với {})",
                                p.unit,
                                show(e.key[j]),
                                show(p.key[j])
                            ));
                            en.push(format!(
                                "{w_en} {} on {le} ({} vs {})",
                                p.unit,
                                show(e.key[j]),
                                show(p.key[j])
                            ));
                        }
                    }
                    if others > 0 {
                        vi.push(format!("và {others} đơn vị khác cùng tổng điểm"));
                        en.push(format!("and {others} other units with the same total"));
                    }
                    Some(Explanation {
                        vi: format!(
                            "Bằng tổng điểm {}: {}",
                            format_vn_fixed(e.key[0], digits),
                            vi.join("; ")
                        ),
                        en: format!(
                            "Equal total {}: {}",
                            format_en_rounded(e.key[0], digits),
                            en.join("; ")
                        ),
                    })
                };
                rows.push(RankEntry {
                    rank: e.rank,
                    unit: e.unit.to_string(),
                    total: e.card.total,
                    band: scheme
                        .classification
                        .bands
                        .get(e.band)
                        .map(|b| b.id.clone())
                        .unwrap_or_default(),
                    tied,
                    decided_by,
                });
            }
            k0 = k1;
        }
        t0 = t1;
    }
    rows
}

/// `a × 100 ≥ pct × max`, i.e. `a` is at least `pct` % of `max`.
fn reaches(a: Decimal, pct: Decimal, max: Decimal) -> bool {
    match (a.checked_mul(Decimal::ONE_HUNDRED), pct.checked_mul(max)) {
        (Some(x), Some(y)) => x >= y,
        _ => false,
    }
}

/// Why a card fails a band's conditions (empty when it passes).
fn band_failures(
    scheme: &Scheme,
    card: &Scorecard,
    i: usize,
    digits: u32,
) -> (Vec<String>, Vec<String>) {
    let b = &scheme.classification.bands[i];
    let basis = match scheme.classification.basis {
        BandBasis::Total => card.total,
        BandBasis::CriteriaTotal => card.criteria_total,
    };
    let (mut vi, mut en) = (Vec::new(), Vec::new());
    if let Some(m) = b.min_total {
        if basis < m {
            vi.push(format!(
                "tổng {} < {}",
                format_vn_fixed(basis, digits),
                format_vn_rounded(m, digits)
            ));
            en.push(format!(
                "total {} < {}",
                format_en_rounded(basis, digits),
                format_en_rounded(m, digits)
            ));
        }
    }
    if let Some(p) = b.min_criterion_percent {
        for c in &card.criteria {
            if let Some(pts) = c.points {
                if !reaches(pts, p, c.max) {
                    let share = pts
                        .checked_mul(Decimal::ONE_HUNDRED)
                        .and_then(|x| x.checked_div(c.max))
                        .unwrap_or_default();
                    vi.push(format!(
                        "tiêu chí {} đạt {}/{} = {} % điểm tối đa < {} %",
                        c.criterion,
                        format_vn_fixed(pts, digits),
                        format_vn_rounded(c.max, digits),
                        format_vn_rounded(share, 2),
                        format_vn_rounded(p, 2)
                    ));
                    en.push(format!(
                        "criterion {} has {}/{} = {}% of its maximum < {}%",
                        c.criterion,
                        format_en_rounded(pts, digits),
                        format_en_rounded(c.max, digits),
                        format_en_rounded(share, 2),
                        format_en_rounded(p, 2)
                    ));
                }
            }
        }
    }
    (vi, en)
}

/// Whether a card meets band `i` (the same test as [`band_failures`], without text).
fn meets_band(scheme: &Scheme, card: &Scorecard, i: usize) -> bool {
    let b = &scheme.classification.bands[i];
    let basis = match scheme.classification.basis {
        BandBasis::Total => card.total,
        BandBasis::CriteriaTotal => card.criteria_total,
    };
    b.min_total.is_none_or(|m| basis >= m)
        && b.min_criterion_percent.is_none_or(|p| {
            card.criteria
                .iter()
                .all(|c| c.points.is_none_or(|pts| reaches(pts, p, c.max)))
        })
}

/// The band of a card: the first whose conditions hold, with the reason.
pub(crate) fn classify(scheme: &Scheme, card: &Scorecard) -> (usize, BandResult) {
    let digits = scheme.rounding.digits;
    let bands = &scheme.classification.bands;
    let mut i = 0;
    while i + 1 < bands.len() && !meets_band(scheme, card, i) {
        i += 1;
    }
    let b = &bands[i];
    let mut vi = Vec::new();
    let mut en = Vec::new();
    let basis_vi = match scheme.classification.basis {
        BandBasis::Total => "tổng điểm",
        BandBasis::CriteriaTotal => "điểm các tiêu chí",
    };
    let basis_en = match scheme.classification.basis {
        BandBasis::Total => "total",
        BandBasis::CriteriaTotal => "criteria total",
    };
    if let Some(m) = b.min_total {
        vi.push(format!("{basis_vi} ≥ {}", format_vn_rounded(m, digits)));
        en.push(format!("{basis_en} ≥ {}", format_en_rounded(m, digits)));
    }
    if let Some(p) = b.min_criterion_percent {
        vi.push(format!(
            "không tiêu chí nào dưới {} % điểm tối đa",
            format_vn_rounded(p, 2)
        ));
        en.push(format!(
            "no criterion below {}% of its maximum",
            format_en_rounded(p, 2)
        ));
    }
    let mut reason_vi = if vi.is_empty() {
        String::new()
    } else {
        format!("Đạt: {}", vi.join(", "))
    };
    let mut reason_en = if en.is_empty() {
        String::new()
    } else {
        format!("Meets: {}", en.join(", "))
    };
    if i > 0 {
        let (fv, fe) = band_failures(scheme, card, i - 1, digits);
        let above = &bands[i - 1];
        let sep = |s: &str| if s.is_empty() { "" } else { ". " };
        reason_vi = format!(
            "{reason_vi}{}Chưa đạt mức \"{}\": {}",
            sep(&reason_vi),
            above.label_vi,
            fv.join("; ")
        );
        reason_en = format!(
            "{reason_en}{}Not \"{}\": {}",
            sep(&reason_en),
            above.label_en,
            fe.join("; ")
        );
    }
    (
        i,
        BandResult {
            band: b.id.clone(),
            label_vi: b.label_vi.clone(),
            label_en: b.label_en.clone(),
            reason: Explanation {
                vi: format!("{reason_vi}."),
                en: format!("{reason_en}."),
            },
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::Scorecard;
    use proptest::prelude::*;

    fn card(total: Decimal) -> Scorecard {
        serde_json::from_value(serde_json::json!({
            "stage": "board_appraisal", "criteria": [], "sections": [], "criteria_total": total,
            "renormalised": null, "bonuses": [], "bonus_total": "0", "bonus_capped": null,
            "penalties": [], "penalty_total": "0", "total": total, "targets_exceeded": 0,
            "targets_met_or_exceeded": 0, "eligible": true, "ineligible_reason": null}))
        .unwrap()
    }

    /// The former quadratic ranking, kept as the reference for the run-based one.
    fn reference(
        scheme: &Scheme,
        e: &mut [Entrant<'_>],
        digits: u32,
    ) -> Vec<(u32, bool, Option<String>)> {
        e.sort_by(by_key_desc);
        let mut rank = 1u32;
        for i in 0..e.len() {
            if i > 0 && e[i].key != e[i - 1].key {
                rank = (i + 1) as u32;
            }
            e[i].rank = rank;
        }
        e.iter()
            .map(|x| {
                let tied = e.iter().any(|o| o.unit != x.unit && o.key == x.key);
                let peers: Vec<&Entrant<'_>> = e
                    .iter()
                    .filter(|o| o.key[0] == x.key[0] && o.key != x.key)
                    .collect();
                let decided = (!peers.is_empty()).then(|| {
                    peers
                        .iter()
                        .filter_map(|p| {
                            (1..x.key.len()).find(|&j| x.key[j] != p.key[j]).map(|j| {
                                format!(
                                    "{} {} {}",
                                    p.unit,
                                    tb_label(&scheme.tie_breakers[j - 1]).0,
                                    format_vn_rounded(x.key[j], digits)
                                )
                            })
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                });
                (x.rank, tied, decided)
            })
            .collect()
    }

    proptest! {
        /// Ranks, ties and the units named by "decided by" are those of the quadratic scan.
        #[test]
        fn run_based_ranking_equals_the_scan(keys in prop::collection::vec((0i64..6, 0i64..3, 0i64..2), 1..60)) {
            let scheme = Scheme::from_json(include_str!("../../../docs/examples/scheme-1000.json")).unwrap();
            let names: Vec<String> = (0..keys.len()).map(|i| format!("Đơn vị {i:02}")).collect();
            let cards: Vec<Scorecard> = keys.iter().map(|k| card(Decimal::from(k.0))).collect();
            let make = || -> Vec<Entrant<'_>> {
                keys.iter().zip(&names).zip(&cards).map(|((k, n), c)| {
                    let mut key = vec![Decimal::from(k.0)];
                    key.extend(scheme.tie_breakers.iter().enumerate().map(|(j, _)| Decimal::from(if j == 0 { k.1 } else { k.2 })));
                    Entrant { unit: n, group: "G", card: c, band: 0, key, rank: 0 }
                }).collect()
            };
            let mut a = make();
            let rows = rank_group(&scheme, &mut a, 2);
            let mut b = make();
            let want = reference(&scheme, &mut b, 2);
            prop_assert_eq!(rows.len(), want.len());
            for (r, (rank, tied, decided)) in rows.iter().zip(want) {
                prop_assert_eq!(r.rank, rank);
                prop_assert_eq!(r.tied, tied);
                prop_assert_eq!(r.decided_by.is_some(), decided.is_some());
                if let (Some(d), Some(w)) = (&r.decided_by, decided) {
                    for part in w.split("; ").take(MAX_NAMED_PEERS) {
                        let unit = part.split(' ').take(3).collect::<Vec<_>>().join(" ");
                        prop_assert!(d.vi.contains(&unit), "{} not in {}", unit, d.vi);
                    }
                }
            }
        }
    }
}
