//! Ranking inside clusters and blocs, classification bands and award proposals, all from
//! the final stage's scorecards.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::evaluate::Explanation;
use crate::number::{format_en_rounded, format_vn_fixed, format_vn_rounded};

use super::card::{fmt_points_en, Scorecard};
use super::scheme::{
    AwardRule, AwardSelect, BandBasis, CapRounding, Scheme, TieBreaker, TiesAtCap,
};
use super::GroupKind;

/// A unit's place in its cluster or bloc.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// # let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
/// # let input: serde_json::Value = serde_json::from_str(&read("docs/examples/clusters-kon-tum-2024/input.json")).unwrap();
/// # let input = resolve_input_paths(input, &mut |p: &str| Ok(read(p))).unwrap();
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string()).unwrap();
/// let r = &report.groups[0].ranking;
/// let tied: Vec<_> = r.iter().filter(|e| e.rank == 3).collect();
/// assert_eq!(tied.len(), 2); // Huyện Ia Hòa and Huyện Kon Mai share 3rd place (1, 2, 3, 3, 5)
/// assert!(tied.iter().all(|e| e.tied));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RankEntry {
    /// Standard competition rank ("1, 2, 2, 4").
    pub rank: u32,
    /// The unit.
    pub unit: String,
    /// Final total.
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
/// # let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// # let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
/// # let input: serde_json::Value = serde_json::from_str(&read("docs/examples/clusters-kon-tum-2024/input.json")).unwrap();
/// # let input = resolve_input_paths(input, &mut |p: &str| Ok(read(p))).unwrap();
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string()).unwrap();
/// assert!(report.groups.iter().all(|g| g.not_ranked.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
/// # let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// # let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
/// # let input: serde_json::Value = serde_json::from_str(&read("docs/examples/clusters-kon-tum-2024/input.json")).unwrap();
/// # let input = resolve_input_paths(input, &mut |p: &str| Ok(read(p))).unwrap();
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string()).unwrap();
/// assert_eq!(report.groups[1].ranking[0].unit, "Huyện Tu Mơ");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
/// # let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// # let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
/// # let input: serde_json::Value = serde_json::from_str(&read("docs/examples/clusters-kon-tum-2024/input.json")).unwrap();
/// # let input = resolve_input_paths(input, &mut |p: &str| Ok(read(p))).unwrap();
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string()).unwrap();
/// let b = report.unit("Huyện Đắk Lâm").unwrap().band.as_ref().unwrap();
/// assert_eq!(b.label_vi, "Hoàn thành xuất sắc nhiệm vụ");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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

/// A unit proposed for an award, or one that just missed it.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// # let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
/// # let input: serde_json::Value = serde_json::from_str(&read("docs/examples/clusters-kon-tum-2024/input.json")).unwrap();
/// # let input = resolve_input_paths(input, &mut |p: &str| Ok(read(p))).unwrap();
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string()).unwrap();
/// let flags = report.awards.iter().find(|a| a.award == "co_tinh").unwrap();
/// let units: Vec<_> = flags.proposals.iter().map(|p| p.unit.as_str()).collect();
/// assert_eq!(units, ["Huyện Đắk Lâm", "Huyện Tu Mơ"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AwardEntry {
    /// The unit.
    pub unit: String,
    /// Its cluster or bloc.
    pub group: String,
    /// Final total.
    pub total: Decimal,
    /// Why it is (or is not) proposed.
    pub reason: Explanation,
}

/// The proposals of one award rule.
///
/// ```
/// # use thidua_core::scoring::*;
/// # let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
/// # let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).unwrap();
/// # let input: serde_json::Value = serde_json::from_str(&read("docs/examples/clusters-kon-tum-2024/input.json")).unwrap();
/// # let input = resolve_input_paths(input, &mut |p: &str| Ok(read(p))).unwrap();
/// // The worked example: two illustrative clusters scored against Kon Tum 2024 (08/CT-UBND).
/// let report = score_json(&input.to_string()).unwrap();
/// let gov = report.awards.iter().find(|a| a.award == "co_chinh_phu").unwrap();
/// assert!(gov.proposals.is_empty()); // 20 % of 2 cluster leaders, rounded down: 0
/// assert!(gov.note.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
pub(crate) fn rank_group(
    scheme: &Scheme,
    entrants: &mut [Entrant<'_>],
    digits: u32,
) -> Vec<RankEntry> {
    entrants.sort_by(by_key_desc);
    let mut rows = Vec::with_capacity(entrants.len());
    let mut rank = 1u32;
    for i in 0..entrants.len() {
        if i > 0 && entrants[i].key != entrants[i - 1].key {
            rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        entrants[i].rank = rank;
    }
    for e in entrants.iter() {
        let tied = entrants.iter().any(|o| o.unit != e.unit && o.key == e.key);
        let peers: Vec<&Entrant<'_>> = entrants
            .iter()
            .filter(|o| o.key[0] == e.key[0] && o.key != e.key)
            .collect();
        let decided_by = if peers.is_empty() {
            None
        } else {
            let mut vi = Vec::new();
            let mut en = Vec::new();
            for p in peers {
                if let Some(j) = (1..e.key.len()).find(|&j| e.key[j] != p.key[j]) {
                    let (lv, le) = tb_label(&scheme.tie_breakers[j - 1]);
                    let show = |d: Decimal| {
                        if d == Decimal::MIN {
                            "—".to_string()
                        } else {
                            format_vn_rounded(d.abs(), digits)
                        }
                    };
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
    b.min_total.map_or(true, |m| basis >= m)
        && b.min_criterion_percent.map_or(true, |p| {
            card.criteria
                .iter()
                .all(|c| c.points.map_or(true, |pts| reaches(pts, p, c.max)))
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
