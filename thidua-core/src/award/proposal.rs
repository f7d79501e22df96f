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

/// One award rule's outcome as it is built: proposals, near misses, the cap's note, and the
/// units chosen (the base of a later `share_of`, or excluded by a later `threshold`).
struct Picked<'e> {
    proposals: Vec<AwardEntry>,
    near: Vec<AwardEntry>,
    note: Option<Explanation>,
    chosen: HashSet<&'e str>,
}

/// What every award rule reads: the scheme, its points' digits, the entrants best first, and
/// the units chosen by each rule applied before.
struct Round<'r, 'e> {
    scheme: &'r Scheme,
    digits: u32,
    order: &'r [&'e Entrant<'e>],
    done: &'r HashMap<&'r str, HashSet<&'e str>>,
}

impl Round<'_, '_> {
    /// Points in Vietnamese, with the scheme's digits.
    fn pts(&self, d: Decimal) -> String {
        format_vn_fixed(d, self.digits)
    }

    /// Points in English, with the scheme's digits.
    fn pts_en(&self, d: Decimal) -> String {
        fmt_points_en(d, self.digits)
    }
}

/// Applies the award rules in order.
pub(crate) fn awards(scheme: &Scheme, entrants: &[Entrant<'_>]) -> Result<Vec<AwardResult>> {
    let mut order: Vec<&Entrant<'_>> = entrants.iter().collect();
    order.sort_by(|a, b| by_key_desc(a, b));
    let mut done: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut out = Vec::with_capacity(scheme.awards.len());
    for a in &scheme.awards {
        let r = Round {
            scheme,
            digits: scheme.rounding.digits,
            order: &order,
            done: &done,
        };
        let mut pk = Picked {
            proposals: Vec::new(),
            near: Vec::new(),
            note: None,
            chosen: HashSet::new(),
        };
        match &a.select {
            AwardSelect::GroupLeaders { places } => group_leaders(&r, a, *places, &mut pk),
            AwardSelect::ShareOf {
                of,
                max_count,
                max_percent,
                percent_rounding,
                ties_at_cap,
            } => {
                let share = Share {
                    of,
                    max_count: *max_count,
                    max_percent: *max_percent,
                    rounding: percent_rounding.unwrap_or(CapRounding::Down),
                    ties: *ties_at_cap,
                };
                share_of(&r, a, &share, &mut pk)?;
            }
            AwardSelect::Threshold { exclude } => threshold(&r, a, exclude, &mut pk),
        }
        done.insert(a.id.as_str(), pk.chosen);
        out.push(AwardResult {
            award: a.id.clone(),
            label_vi: a.label_vi.clone(),
            label_en: a.label_en.clone(),
            proposals: pk.proposals,
            near_misses: pk.near,
            note: pk.note,
        });
    }
    Ok(out)
}

/// `group_leaders`: the first `places` of each group that meet the conditions; near misses
/// are those placed that fail them and, within `near_miss_within`, the next below.
fn group_leaders<'e>(r: &Round<'_, 'e>, a: &AwardRule, places: u32, pk: &mut Picked<'e>) {
    // The lowest total among each group's awarded places, for near misses.
    let mut bar: HashMap<&str, Decimal> = HashMap::new();
    for e in r.order {
        if e.rank <= places {
            let b = bar.entry(e.group).or_insert(e.card.total);
            *b = (*b).min(e.card.total);
        }
    }
    for e in r.order {
        if e.rank <= places {
            let (fv, fe) = condition_failures(r.scheme, a, e, r.digits);
            let (pv, pe) = if e.rank == 1 {
                (format!("dẫn đầu {}", e.group), format!("leads {}", e.group))
            } else {
                (
                    format!("hạng {} {}", e.rank, e.group),
                    format!("rank {} in {}", e.rank, e.group),
                )
            };
            if fv.is_empty() {
                pk.chosen.insert(e.unit);
                pk.proposals.push(entry(
                    e,
                    format!("{pv}, {} điểm", r.pts(e.card.total)),
                    format!("{pe}, {} points", r.pts_en(e.card.total)),
                ));
            } else {
                pk.near.push(entry(
                    e,
                    format!("{pv} nhưng {}", fv.join("; ")),
                    format!("{pe} but {}", fe.join("; ")),
                ));
            }
        } else if let (Some(m), Some(b)) = (a.near_miss_within, bar.get(e.group)) {
            let gap = *b - e.card.total;
            if gap <= m {
                pk.near.push(behind_the_leaders(r, e, gap, m));
            }
        }
    }
}

/// A near miss of `group_leaders`: its gap to the group's last proposed place.
fn behind_the_leaders(r: &Round<'_, '_>, e: &Entrant<'_>, gap: Decimal, m: Decimal) -> AwardEntry {
    let (v, n) = if gap.is_zero() {
        (
            "bằng điểm, xếp sau theo tiêu chí phụ".to_string(),
            "equal total, behind on the tie-breakers".to_string(),
        )
    } else {
        (
            format!("kém {} điểm", r.pts(gap)),
            format!("{} points short", r.pts_en(gap)),
        )
    };
    entry(
        e,
        format!(
            "hạng {} {}, {v} so với vị trí được đề nghị (trong phạm vi {} điểm)",
            e.rank,
            e.group,
            format_vn_rounded(m, r.digits)
        ),
        format!(
            "rank {} in {}, {n} of the proposed place (within {} points)",
            e.rank,
            e.group,
            format_en_rounded(m, r.digits)
        ),
    )
}

/// The selection of a `share_of` rule.
struct Share<'s> {
    of: &'s str,
    max_count: Option<u32>,
    max_percent: Option<Decimal>,
    rounding: CapRounding,
    ties: TiesAtCap,
}

/// `share_of`: among the units proposed for another award that meet the conditions, the best
/// up to the cap (a percentage of them and/or a count), ties at the cap as declared.
fn share_of<'e>(
    r: &Round<'_, 'e>,
    a: &AwardRule,
    share: &Share<'_>,
    pk: &mut Picked<'e>,
) -> Result<()> {
    let base = r.done.get(share.of).cloned().unwrap_or_default();
    let of_label = r
        .scheme
        .awards
        .iter()
        .find(|x| x.id == share.of)
        .map(|x| (x.label_vi.as_str(), x.label_en.as_str()))
        .unwrap_or(("", ""));
    let n = base.len();
    let mut cands: Vec<&Entrant<'_>> = Vec::new();
    for e in r.order.iter().filter(|e| base.contains(e.unit)) {
        let (fv, fe) = condition_failures(r.scheme, a, e, r.digits);
        if fv.is_empty() {
            cands.push(e);
        } else {
            pk.near.push(entry(
                e,
                format!("được đề nghị {} nhưng {}", of_label.0, fv.join("; ")),
                format!("proposed for {} but {}", of_label.1, fe.join("; ")),
            ));
        }
    }
    let (cap, nv, ne) = share_cap(a, share, n)?;
    let mut take = cap.min(cands.len());
    let mut tie_note = (String::new(), String::new());
    if let Some((first, last)) = tied_at_cap(&cands, take, |x, y| x.key == y.key) {
        take = match share.ties {
            TiesAtCap::ExcludeAll => first,
            TiesAtCap::IncludeAll => last,
        };
        tie_note = match share.ties {
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
    let shown = if cap == usize::MAX { n } else { cap };
    pk.note = Some(Explanation {
        vi: format!(
            "Hạn mức trong {n} đơn vị được đề nghị {}: {} → {shown} đơn vị{}",
            of_label.0,
            nv.join("; "),
            tie_note.0
        ),
        en: format!(
            "Cap among the {n} units proposed for {}: {} → {shown} units{}",
            of_label.1,
            ne.join("; "),
            tie_note.1
        ),
    });
    place_share(r, of_label, &cands, take, pk);
    Ok(())
}

/// Places the `share_of` candidates: the first `take` proposed, the others beyond the cap.
fn place_share<'e>(
    r: &Round<'_, 'e>,
    of_label: (&str, &str),
    cands: &[&'e Entrant<'e>],
    take: usize,
    pk: &mut Picked<'e>,
) {
    for (pos, e) in cands.iter().enumerate() {
        if pos < take {
            pk.chosen.insert(e.unit);
            pk.proposals.push(entry(
                e,
                format!(
                    "xếp thứ {} trong số đơn vị được đề nghị {}, {} điểm",
                    pos + 1,
                    of_label.0,
                    r.pts(e.card.total)
                ),
                format!(
                    "{} of the units proposed for {}, {} points",
                    ordinal_en(pos + 1),
                    of_label.1,
                    r.pts_en(e.card.total)
                ),
            ));
        } else {
            pk.near.push(entry(
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

/// A `share_of` cap among `n` units (`usize::MAX` without one) and how it was reached, in
/// Vietnamese and in English.
fn share_cap(
    a: &AwardRule,
    share: &Share<'_>,
    n: usize,
) -> Result<(usize, Vec<String>, Vec<String>)> {
    let mut cap = usize::MAX;
    let mut nv = Vec::new();
    let mut ne = Vec::new();
    if let Some(p) = share.max_percent {
        let (exact, rounded, how_vi, how_en) =
            percent_cap(Decimal::from(n), p, share.rounding, || {
                format!("awards {:?}", a.id)
            })?;
        let c = rounded
            .to_u64()
            .and_then(|x| usize::try_from(x).ok())
            .unwrap_or(usize::MAX);
        cap = cap.min(c);
        nv.push(format!(
            "{} % × {n} = {} → {} ({how_vi})",
            format_vn_rounded(p, 2),
            format_vn_rounded(exact, 4),
            rounded.trunc()
        ));
        ne.push(format!(
            "{}% × {n} = {} → {} ({how_en})",
            format_en_rounded(p, 2),
            format_en_rounded(exact, 4),
            rounded.trunc()
        ));
    }
    if let Some(m) = share.max_count {
        cap = cap.min(usize::try_from(m).unwrap_or(usize::MAX));
        nv.push(format!("tối đa {m} đơn vị"));
        ne.push(format!("at most {m} units"));
    }
    Ok((cap, nv, ne))
}

/// A percentage cap: `percent` % of `n` exactly, and rounded to a whole number as declared
/// (down, up, or half away from zero), with the rounding's name in Vietnamese and English.
/// Also the quotas' rule in `award::decide`. Overflow is an error at `location`.
pub(crate) fn percent_cap(
    n: Decimal,
    percent: Decimal,
    rounding: CapRounding,
    location: impl FnOnce() -> String,
) -> Result<(Decimal, Decimal, &'static str, &'static str)> {
    let exact = n
        .checked_mul(percent)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        .ok_or_else(|| Error::overflow(location(), "percentage cap"))?;
    let (rounded, vi, en) = match rounding {
        CapRounding::Down => (exact.floor(), "làm tròn xuống", "rounded down"),
        CapRounding::Up => (exact.ceil(), "làm tròn lên", "rounded up"),
        CapRounding::Nearest => (
            exact.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            "làm tròn",
            "rounded half up",
        ),
    };
    Ok((exact, rounded, vi, en))
}

/// Where a cap of `take` cuts between equal items (`same`) of a list ordered best first: the
/// span `first..last` of the items equal to the first one beyond the cap, or `None`.
/// Also the quotas' rule in `award::decide`.
pub(crate) fn tied_at_cap<T>(
    items: &[T],
    take: usize,
    same: impl Fn(&T, &T) -> bool,
) -> Option<(usize, usize)> {
    if !(take > 0 && take < items.len() && same(&items[take - 1], &items[take])) {
        return None;
    }
    let k = &items[take];
    let first = items.iter().position(|e| same(e, k)).unwrap_or(take);
    let last = items
        .iter()
        .rposition(|e| same(e, k))
        .map_or(take, |x| x + 1);
    Some((first, last))
}

/// `threshold`: every unit that meets the conditions, except those chosen by the rules in
/// `exclude`; near misses within `near_miss_within` of the bar (the minimum total, or the
/// minimum band's).
fn threshold<'e>(r: &Round<'_, 'e>, a: &AwardRule, exclude: &[String], pk: &mut Picked<'e>) {
    let scheme = r.scheme;
    let bar_total = a.min_total.or_else(|| {
        a.min_band
            .as_deref()
            .and_then(|b| scheme.band_index(b))
            .and_then(|i| scheme.classification.bands[i].min_total)
    });
    for e in r.order {
        if exclude
            .iter()
            .any(|x| r.done.get(x.as_str()).is_some_and(|s| s.contains(e.unit)))
        {
            continue;
        }
        let (fv, fe) = condition_failures(scheme, a, e, r.digits);
        if fv.is_empty() {
            pk.chosen.insert(e.unit);
            let band = &scheme.classification.bands[e.band];
            pk.proposals.push(entry(
                e,
                format!(
                    "{} điểm, xếp loại \"{}\"",
                    r.pts(e.card.total),
                    band.label_vi
                ),
                format!(
                    "{} points, band \"{}\"",
                    r.pts_en(e.card.total),
                    band.label_en
                ),
            ));
        } else if let (Some(m), Some(b)) = (a.near_miss_within, bar_total) {
            if b - e.card.total <= m {
                pk.near.push(entry(
                    e,
                    format!("chưa đạt: {}", fv.join("; ")),
                    format!("not met: {}", fe.join("; ")),
                ));
            }
        }
    }
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
