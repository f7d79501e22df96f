//! Scoring a batch: the integer kernels unit by unit (the row-wise scorecard for the units
//! they do not cover), bands, and the ranking inside each group by integer keys.

use std::collections::{BTreeMap, HashMap};

use super::fx::{dec_at, mul, round_div, EXACT};
use super::kernel::{at, Prepared};
use super::output::{BatchScores, OwnedExtras, NO_BAND, NO_POINTS};
use super::{CompiledScheme, Tie};
use crate::engine::{same_text, BatchEvaluation};
use crate::error::{Error, Result};
use crate::evaluate::Status;
use crate::results::Period;
use crate::scoring::card::{Scorecard, Scorer, UnitExtras};
use crate::scoring::input::{council_points, fixed_bonuses, penalties, roster_entries, Roster};
use crate::scoring::rank::{classify, key};
use crate::scoring::scheme::MissingResult;
use crate::scoring::{RosterEntry, StageInput};

fn bad(location: String, reason: String) -> Error {
    Error::InvalidInput {
        location: location.into(),
        reason,
    }
}

/// One unit's numbers from the kernels (its criterion points, subtotals and key are written
/// into the caller's buffers).
struct Fast {
    total: i128,
    criteria_total: i128,
    band: u16,
    /// The row-wise criteria total is a bare 0 (scale 0), not 0 at the digits.
    bare_zero: bool,
}

/// The buffers of one unit.
struct UnitBuf<'a> {
    points: &'a mut [i128],
    sections: &'a mut [i128],
    key: &'a mut [i128],
}

impl CompiledScheme {
    /// Scores every unit of `roster` on `batch` (the batch's one period; see
    /// [`score_period`](Self::score_period)): criterion points, totals, bands, and ranks
    /// inside each cluster or bloc — the numbers [`score`](crate::scoring::score) gives for
    /// the same evaluation as a single final stage with no council points, bonuses or
    /// penalties, with the same errors.
    pub fn score(&self, batch: &BatchEvaluation, roster: &[RosterEntry]) -> Result<BatchScores> {
        self.score_stage(batch, roster, None, None)
    }

    /// [`score`](Self::score) on the groups of `period` (required when the batch holds
    /// several periods, as the row-wise input's `period`).
    pub fn score_period(
        &self,
        batch: &BatchEvaluation,
        roster: &[RosterEntry],
        period: Option<Period>,
    ) -> Result<BatchScores> {
        self.score_stage(batch, roster, None, period)
    }

    /// [`score`](Self::score) with a stage's council points, fixed bonuses and penalties
    /// (`stage`'s `council_points`, `bonuses`, `penalties`, checked as the row-wise path
    /// checks them; its `evaluation` and `results` must be empty: `batch` is the stage's
    /// evaluation). Its `stage` labels the scorecards.
    pub fn score_stage(
        &self,
        batch: &BatchEvaluation,
        roster: &[RosterEntry],
        stage: Option<&StageInput>,
        period: Option<Period>,
    ) -> Result<BatchScores> {
        let inner = &*self.inner;
        if !std::sync::Arc::ptr_eq(&batch.compiled().inner, &inner.directive.inner) {
            return Err(bad(
                "batch".into(),
                "the batch was evaluated with another compiled directive than the scheme's".into(),
            ));
        }
        let this = match stage {
            Some(s) => self.clone().with_stage(s.stage),
            None => self.clone(),
        };
        if stage.is_some_and(|s| s.evaluation.is_some() || s.results.is_some()) {
            return Err(bad(
                "stage".into(),
                "the batch is the stage's evaluation: give neither `evaluation` nor `results`"
                    .into(),
            ));
        }
        let (roster_map, kinds) = roster_entries(roster)?;
        let of_unit = this.batch_units(batch, roster, &roster_map, period)?;
        let scorer = Scorer::new(&inner.scheme)?;
        let extras = match stage {
            Some(s) => this.stage_extras(s, &roster_map, &scorer)?,
            None => HashMap::new(),
        };
        let mut council_scale = vec![0u32; inner.criteria.len()];
        for x in extras.values() {
            for (&ci, p) in &x.council {
                council_scale[ci] = council_scale[ci].max(p.scale());
            }
        }
        let prepared = Prepared::new(inner, batch, &council_scale);
        let mut out = BatchScores::sized(inner, roster, &kinds);
        out.stage = this.stage;
        let hints = this.hints();
        this.score_units(
            batch,
            roster,
            &of_unit,
            &extras,
            prepared.as_ref(),
            (&scorer, &hints),
            &mut out,
        )?;
        Ok(out)
    }

    /// A stage's council points, fixed bonuses and penalties per unit, checked (in the
    /// row-wise path's order and with its errors).
    fn stage_extras<'s>(
        &self,
        s: &'s StageInput,
        roster: &Roster<'_>,
        scorer: &Scorer<'_>,
    ) -> Result<HashMap<&'s str, UnitExtras<'s>>> {
        let loc = format!("stages[0] ({})", s.stage.as_str());
        let mut extras = HashMap::new();
        council_points(s, &loc, roster, scorer, &mut extras)?;
        fixed_bonuses(s, &loc, roster, &self.inner.scheme, &mut extras)?;
        penalties(s, &loc, roster, &self.inner.scheme, &mut extras)?;
        Ok(extras)
    }

    /// Every roster unit: the kernels, or the row-wise scorecard; then the ranks.
    #[allow(clippy::too_many_arguments)]
    fn score_units(
        &self,
        batch: &BatchEvaluation,
        roster: &[RosterEntry],
        of_unit: &[Option<usize>],
        extras: &HashMap<&str, UnitExtras<'_>>,
        prepared: Option<&Prepared>,
        (scorer, hints): (&Scorer<'_>, &HashMap<&str, usize>),
        out: &mut BatchScores,
    ) -> Result<()> {
        let inner = &*self.inner;
        let digits = inner.scheme.rounding.digits;
        let (nc, stride) = (inner.criteria.len(), 1 + inner.ties.len());
        let mut sections = vec![0i128; inner.scheme.sections.len()];
        let mut keys = vec![0i128; roster.len() * stride];
        let empty = UnitExtras::default();
        for (i, r) in roster.iter().enumerate() {
            let g = of_unit[i];
            let x = extras.get(r.unit.as_str());
            if g.is_none() && x.is_none() {
                return Err(bad(
                    format!("stages[0] ({})", self.stage.as_str()),
                    format!("roster unit {:?} has no results, council points, bonuses or penalties in the final stage", r.unit),
                ));
            }
            out.batch_group[i] = g.map_or(u32::MAX, |g| g as u32);
            let mut buf = UnitBuf {
                points: &mut out.points[i * nc..(i + 1) * nc],
                sections: &mut sections,
                key: &mut keys[i * stride..(i + 1) * stride],
            };
            if let Some(x) = x {
                out.extras.insert(i, OwnedExtras::of(x));
            }
            let x = x.unwrap_or(&empty);
            let fast = match (prepared, g) {
                (Some(p), Some(g)) => self.fast_unit(p, batch, g, x, &mut buf),
                _ => None,
            };
            let fast = match fast {
                Some(f) => f,
                None => {
                    out.row_wise[i] = true;
                    let ue = g.map(|g| batch.unit_evaluation(g));
                    let card = scorer.score(
                        self.stage,
                        &r.unit,
                        ue.as_ref(),
                        hints,
                        x,
                        &HashMap::new(),
                    )?;
                    if card.total.scale() != digits || card.criteria_total.scale() != digits {
                        // The row-wise totals as they are (beyond the digits' range, the
                        // rescaling keeps fewer decimals; a bare 0 when nothing was scored).
                        out.exact.insert(i, (card.total, card.criteria_total));
                    }
                    self.card_numbers(&card, &mut buf)?
                }
            };
            if fast.bare_zero {
                let total = Decimal::try_from_i128_with_scale(fast.total, digits)
                    .map_err(|_| Error::overflow("scoring", "total"))?;
                out.exact.insert(i, (total, Decimal::ZERO));
            }
            out.total[i] = fast.total;
            out.criteria_total[i] = fast.criteria_total;
            out.band[i] = fast.band;
        }
        out.rank_groups(&keys, stride);
        Ok(())
    }

    /// Target id → index, the hints of the row-wise scorecard.
    pub(super) fn hints(&self) -> HashMap<&str, usize> {
        self.inner
            .directive
            .target_ids()
            .enumerate()
            .map(|(k, t)| (t, k))
            .collect()
    }

    /// The batch group of each roster entry in the scored period, checked as the row-wise
    /// path checks a stage's evaluation: one period (or `period`), every unit in the roster.
    fn batch_units(
        &self,
        batch: &BatchEvaluation,
        roster: &[RosterEntry],
        roster_map: &Roster<'_>,
        period: Option<Period>,
    ) -> Result<Vec<Option<usize>>> {
        let loc = || format!("stages[0] ({})", self.stage.as_str());
        let period = match period {
            Some(p) => Some(p),
            None => crate::scoring::input::only_period(
                (0..batch.groups()).map(|g| batch.group(g).1).collect(),
                &loc(),
            )?,
        };
        let groups: Vec<usize> = (0..batch.groups())
            .filter(|&g| Some(batch.group(g).1) == period)
            .collect();
        // The common case: the roster lists the batch's units in the batch's order (each
        // batch unit is then in the roster, and no name is looked up).
        if groups.len() == roster.len()
            && groups
                .iter()
                .zip(roster)
                .all(|(&g, r)| same_text(batch.group(g).0, &r.unit))
        {
            return Ok(groups.into_iter().map(Some).collect());
        }
        let mut of_unit = HashMap::with_capacity(groups.len());
        for g in groups {
            let u = batch.group(g).0;
            if !roster_map.contains_key(u) {
                return Err(bad(
                    format!("{}.evaluation", loc()),
                    format!("unit {u:?} is not in the roster"),
                ));
            }
            of_unit.insert(u, g);
        }
        Ok(roster
            .iter()
            .map(|r| of_unit.get(r.unit.as_str()).copied())
            .collect())
    }

    /// One unit by the kernels; `None` when it must be scored row-wise.
    fn fast_unit(
        &self,
        p: &Prepared,
        batch: &BatchEvaluation,
        g: usize,
        extras: &UnitExtras<'_>,
        buf: &mut UnitBuf<'_>,
    ) -> Option<Fast> {
        let inner = &*self.inner;
        let base = g * inner.directive.target_count();
        let status = batch.status();
        let (ratio, achieved) = (batch.ratio(), batch.achieved());
        buf.sections.fill(0);
        let mut eligible = true;
        let last_section = buf.sections.len().saturating_sub(1);
        let mut last_scored = false;
        let mut bonus: Option<i128> = None;
        for (ci, (c, k)) in inner.criteria.iter().zip(&p.kern).enumerate() {
            let (mut sum, mut n, mut min) = (0i128, 0i128, i128::MAX);
            let (mut share, mut exact, mut inel) = (false, true, false);
            // Exactness matters only for a mean of several pieces.
            let several = c.targets.len() > 1;
            if c.council {
                match extras.council.get(&ci) {
                    Some(p) => (sum, n, min) = (k.council(*p)?, 1, 0),
                    None => match c.no_council {
                        MissingResult::Zero => (sum, n, min) = (0, 1, 0),
                        MissingResult::Ineligible => inel = true,
                        _ => {}
                    },
                }
            }
            for &ti in &c.targets {
                let r = base + ti;
                let st = status[r];
                if c.exceeding && st == Status::Exceeded {
                    exceeding(p, ratio, r, &mut bonus)?;
                }
                let missing = match st {
                    Status::NoData => Some(c.no_data),
                    Status::NotApplicable => Some(c.not_applicable),
                    _ => None,
                };
                let v = match missing {
                    Some(MissingResult::Zero) => 0,
                    Some(MissingResult::Ineligible) => {
                        inel = true;
                        continue;
                    }
                    Some(_) => continue,
                    None => {
                        let x = if k.on_value() {
                            at(achieved, r, p.s_value)
                        } else if k.reads() {
                            at(ratio, r, p.s_ratio)
                        } else {
                            None
                        };
                        let (v, s) = k.piece(st, x)?;
                        share |= s;
                        v
                    }
                };
                sum = sum.checked_add(v)?;
                n += 1;
                min = min.min(v);
                if several {
                    exact &= v % k.den_exact == 0;
                }
            }
            if inel {
                buf.points[ci] = NO_POINTS;
                eligible = false;
                continue;
            }
            let (num, den) = match n {
                0 => return None, // left out: the total is renormalised (row-wise)
                1 => (sum, k.den),
                _ if c.min => (min, k.den),
                _ if k.mean_ok && exact => (sum, k.den.checked_mul(n)?),
                _ => return None,
            };
            if share && !k.single_ok && (n == 1 || c.min) {
                return None;
            }
            let pts = round_div(mul(num, p.unit)?, den, p.mode);
            let w = match k.weight {
                None => pts,
                Some((w, pw)) => {
                    let x = mul(pts, w)?;
                    if x.abs() >= EXACT {
                        return None;
                    }
                    round_div(x, pw, p.mode)
                }
            };
            buf.points[ci] = pts;
            last_scored |= c.section == last_section;
            let s = &mut buf.sections[c.section];
            *s = s.checked_add(w)?;
            if s.abs() >= EXACT {
                return None;
            }
        }
        let mut f = self.totals(p, buf, (bonus, extras), eligible, batch, base)?;
        // `Decimal` addition returns the right operand when the left is zero: a criteria
        // total of 0 (points and weights are never negative: a sum of zeros) is the last
        // section's subtotal, a bare 0 (scale 0) when nothing in that section was scored.
        f.bare_zero = f.criteria_total == 0 && !last_scored;
        Some(f)
    }

    /// The totals, band and key of a unit whose criteria the kernels scored.
    fn totals(
        &self,
        p: &Prepared,
        buf: &mut UnitBuf<'_>,
        (bonus, extras): (Option<i128>, &UnitExtras<'_>),
        eligible: bool,
        batch: &BatchEvaluation,
        base: usize,
    ) -> Option<Fast> {
        let inner = &*self.inner;
        let mut criteria_total = 0i128;
        for s in buf.sections.iter() {
            criteria_total = criteria_total.checked_add(*s)?;
        }
        let mut bonus_sum = match (bonus, &p.bonus) {
            (Some(raw), Some(b)) if b.scale >= p.digits => {
                round_div(raw, super::fx::p10(b.scale - p.digits)?, p.mode)
            }
            (Some(raw), Some(b)) => raw.checked_mul(super::fx::p10(p.digits - b.scale)?)?,
            _ => 0,
        };
        for &f in &extras.bonuses {
            bonus_sum = bonus_sum.checked_add(inner.fixed[f])?;
        }
        let bonus_total = match inner.bonus_cap {
            Some((floor, rounded)) if bonus_sum > floor => rounded,
            _ => bonus_sum,
        };
        let mut penalty = 0i128;
        for &(q, _) in &extras.penalties {
            penalty = penalty.checked_add(inner.penalties[q])?;
        }
        let total = criteria_total
            .checked_add(bonus_total)?
            .checked_sub(penalty)?;
        if criteria_total.abs() >= EXACT || total.abs() >= EXACT {
            return None;
        }
        let band = if eligible {
            self.band_of(
                if inner.basis_total {
                    total
                } else {
                    criteria_total
                },
                buf.points,
            )
        } else {
            NO_BAND
        };
        buf.key[0] = total;
        let status = &batch.status()[base..];
        for (j, t) in inner.ties.iter().enumerate() {
            buf.key[j + 1] = match t {
                Tie::Exceeded => count(&inner.targets, status, |s| s == Status::Exceeded),
                Tie::MetOrExceeded => count(&inner.targets, status, Status::is_met_or_exceeded),
                Tie::Section(s) => buf.sections[*s],
                Tie::Criterion(c) => buf.points[*c],
                Tie::Penalty => -penalty,
            };
        }
        Some(Fast {
            total,
            criteria_total,
            band,
            bare_zero: false,
        })
    }

    /// The first band whose conditions the unit meets (the last has none).
    fn band_of(&self, basis: i128, points: &[i128]) -> u16 {
        let bands = &self.inner.bands;
        let last = bands.len().saturating_sub(1);
        let meets = |b: &super::BandK| {
            b.min_total.is_none_or(|m| basis >= m)
                && b.min_points
                    .as_ref()
                    .is_none_or(|v| points.iter().zip(v).all(|(p, m)| *p == NO_POINTS || p >= m))
        };
        let i = bands[..last].iter().position(meets).unwrap_or(last);
        u16::try_from(i).unwrap_or(NO_BAND - 1)
    }

    /// A unit's numbers from its row-wise scorecard.
    fn card_numbers(&self, card: &Scorecard, buf: &mut UnitBuf<'_>) -> Result<Fast> {
        let inner = &*self.inner;
        let digits = inner.scheme.rounding.digits;
        let fx = |d: Decimal| {
            dec_at(d, digits).ok_or_else(|| Error::overflow("scorecard", "fixed point"))
        };
        for (o, c) in buf.points.iter_mut().zip(&card.criteria) {
            *o = match c.points {
                Some(p) => fx(p)?,
                None => NO_POINTS,
            };
        }
        let k = key(&inner.scheme, card);
        for (j, (o, v)) in buf.key.iter_mut().zip(&k).enumerate() {
            let count = j > 0 && matches!(inner.ties[j - 1], Tie::Exceeded | Tie::MetOrExceeded);
            *o = if *v == Decimal::MIN {
                NO_POINTS
            } else if count {
                dec_at(*v, 0).ok_or_else(|| Error::overflow("scorecard", "fixed point"))?
            } else {
                fx(*v)?
            };
        }
        let band = if card.eligible {
            u16::try_from(classify(&inner.scheme, card).0).unwrap_or(NO_BAND - 1)
        } else {
            NO_BAND
        };
        Ok(Fast {
            total: fx(card.total)?,
            criteria_total: fx(card.criteria_total)?,
            band,
            bare_zero: false,
        })
    }
}

use rust_decimal::Decimal;

/// Adds the exceeding-plan bonus of row `r` (status exceeded) to `bonus`: `(x − 100 %) ×
/// points per percent`, capped per target, exact; `None` beyond the exact range.
#[inline]
fn exceeding(
    p: &Prepared,
    ratio: &crate::engine::DecimalColumn,
    r: usize,
    bonus: &mut Option<i128>,
) -> Option<()> {
    let Some(b) = &p.bonus else {
        return Some(());
    };
    match at(ratio, r, p.s_ratio) {
        Some(Some(x)) if x > b.hundred => {
            let v = (x - b.hundred).checked_mul(b.ppp)?;
            let v = b.cap.map_or(v, |cap| v.min(cap));
            let s = bonus.unwrap_or(0).checked_add(v)?;
            if v.abs() >= EXACT || s.abs() >= EXACT {
                return None;
            }
            *bonus = Some(s);
            Some(())
        }
        Some(None) => None,
        _ => Some(()),
    }
}

/// How many of `targets` (indices into one group's rows) have a status that `f` accepts.
fn count(targets: &[usize], status: &[Status], f: impl Fn(Status) -> bool) -> i128 {
    targets.iter().filter(|&&t| f(status[t])).count() as i128
}

impl BatchScores {
    /// Standard competition ranks inside each group, by the keys (total, then each
    /// tie-breaker; higher is better): sort, then one pass over runs of equal keys.
    fn rank_groups(&mut self, keys: &[i128], stride: usize) {
        let mut by_group: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (i, &g) in self.group_of.iter().enumerate() {
            if self.band[i] != NO_BAND {
                by_group.entry(g).or_default().push(i as u32);
            }
        }
        let key = |i: u32| &keys[i as usize * stride..(i as usize + 1) * stride];
        for members in by_group.values_mut() {
            members.sort_unstable_by(|&a, &b| key(b).cmp(key(a)));
            let mut start = 0;
            while start < members.len() {
                let mut end = start + 1;
                while end < members.len() && key(members[end]) == key(members[start]) {
                    end += 1;
                }
                let rank = u32::try_from(start + 1).unwrap_or(u32::MAX);
                for &u in &members[start..end] {
                    self.rank[u as usize] = rank;
                    self.tied[u as usize] = end - start > 1;
                }
                start = end;
            }
        }
    }
}
