//! The compiled, columnar scoring path (chấm điểm theo cột): a [`Scheme`] compiled once against
//! a [`CompiledDirective`], then applied to a whole [`BatchEvaluation`](crate::engine::BatchEvaluation) — criterion points,
//! totals, bands and ranks as integer columns, text only on demand.
//!
//! [`CompiledScheme::new`] turns every criterion's rule into an integer kernel. For each batch
//! the kernels are prepared at the batch's fixed-point scales (the largest scale of the `ratio`
//! column and of the rule's constants, the same for `achieved`), and every piece of a criterion
//! becomes an exact fraction `N ÷ den` with one denominator per criterion: `max × ratio ÷
//! full_at` (proportional), `max × (x − from) ÷ (to − from)` (linear), the step's points, `max`
//! or 0. The scheme's rounding (digits, mode) is then applied **exactly where the row-wise
//! scorecard applies it** (`docs/scoring.md`, §4): once per criterion after combining its
//! targets, once per weighted contribution, once to the exceeding-plan bonus; subtotals and
//! totals are sums of rounded values at the scheme's digits. Bands compare the total and each
//! criterion's points with thresholds prepared at the same scale; ranks are a sort of integer
//! keys (total, then each tie-breaker), `O(n log n)` per group, with standard competition
//! ranking.
//!
//! **Exactly the row-wise answer.** A unit is scored by an integer kernel only when the kernel
//! provably gives the row-wise [`score`](crate::scoring::score)'s numbers; every other unit is
//! scored in the same call by the row-wise scorecard code on that unit's
//! [`UnitEvaluation`](crate::UnitEvaluation) (built from the batch), so its numbers — and its
//! error — are the row-wise ones by construction. What a scheme needs that the batch cannot
//! give is refused when compiling, with an `invalid_scheme` error that says so (the cases are
//! [`Uncovered`]). Coverage:
//!
//! | feature | compiled path |
//! |---|---|
//! | rules `proportional`, `all_or_nothing` (with `accept_ratio_at_least`), `steps`, `linear` on ratio or value | integer kernels |
//! | `council` criteria, with the stage's `council_points` ([`CompiledScheme::score_stage`]) | kernels (exact decimals) |
//! | `weight`, `combine: min`, `combine: mean` | kernels; a mean of pieces that are not exact decimals of few digits: that unit row-wise |
//! | missing results under `zero` and `ineligible` (per kind, per criterion) | kernels |
//! | a criterion left out under `exclude_and_renormalise` (the total is renormalised by a division) | that unit row-wise |
//! | exceeding-plan bonus (per-target cap), fixed bonuses and penalties granted in the stage, `max_total` | kernels |
//! | every tie-breaker, both band bases, `min_total`, `min_criterion_percent` | integer keys and thresholds |
//! | a roster unit with council points, bonuses or penalties but no evaluated rows | that unit row-wise |
//! | a piece whose numbers leave `i128` or `Decimal`'s exact range; a rule error (no % of plan, no compared value); a single division whose 28-digit `Decimal` quotient could round differently (a bound on the digits, the maximum and the denominator) | that unit row-wise (an error is the row-wise error) |
//! | constants beyond the fixed-point range (`max × 100`, a band's threshold, a bonus or penalty at the digits) | **refused** ([`Uncovered::Magnitude`]) |
//! | several stages, `exclusions`, per-unit `targets`, award proposals | not inputs or outputs of this path: score with [`score`](crate::scoring::score) (the final stage's numbers do not depend on the earlier stages) |
//!
//! [`BatchScores::row_wise_units`] says how many units went the row-wise way. The
//! differential property test (`scoring/compiled/tests.rs`) compares the two paths on random
//! schemes and results, and every fitting shared scoring vector.
//!
//! ```
//! use thidua_core::engine::CompiledDirective;
//! use thidua_core::scoring::{CompiledScheme, RosterEntry, Scheme};
//! use thidua_core::{Directive, EvaluationOptions, ResultSet};
//! let d = Directive::from_json(r#"{"kind": "directive", "issuer": {"name": "UBND tỉnh X"},
//!   "coverage": {"year": 2024}, "title": "t", "items": [{"number": 1, "text": "GRDP",
//!   "targets": [{"id": "1", "name": "GRDP", "spec": {"kind": "growth_rate",
//!   "comparator": "at_least", "value": "10"}}]}]}"#)?;
//! let scheme = Scheme::from_json(r#"{"name": "Ví dụ", "scale": "10",
//!   "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero",
//!   "sections": [{"id": "A", "name": "Kinh tế", "criteria": [{"id": "A1", "name": "GRDP",
//!     "max": "10", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}]}],
//!   "classification": {"basis": "total", "bands": [
//!     {"id": "tot", "label_vi": "Tốt", "label_en": "good", "min_total": "9"},
//!     {"id": "ht", "label_vi": "Hoàn thành", "label_en": "completed"}]}}"#)?;
//! let compiled = CompiledDirective::new(&d, &EvaluationOptions::default())?;
//! let batch = compiled.evaluate(&ResultSet::from_json(r#"[
//!   {"unit": "Huyện A", "target": "1", "period": "2024", "value": "9.52"},
//!   {"unit": "Huyện B", "target": "1", "period": "2024", "value": "10.5"}]"#)?)?;
//! let roster: Vec<RosterEntry> = serde_json::from_str(r#"[
//!   {"unit": "Huyện A", "group": "Cụm 1", "kind": "cluster"},
//!   {"unit": "Huyện B", "group": "Cụm 1", "kind": "cluster"}]"#)?;
//! let cs = CompiledScheme::new(&scheme, &compiled)?;
//! let scores = cs.score(&batch, &roster)?;
//! assert_eq!(scores.total(0).ok_or("no total")?.to_string(), "9.520");
//! assert_eq!((scores.rank(0), scores.rank(1)), (Some(2), Some(1)));
//! assert_eq!(scores.band(0), Some("tot"));
//! // Text on demand: the row-wise scorecard of one unit, with its reasons.
//! let card = cs.scorecard(&batch, &scores, 0)?;
//! assert_eq!(card.criteria[0].explanation.vi, "đạt 95,2 % kế hoạch → 9,520/10 điểm");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fx;
mod kernel;
mod output;
mod run;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::engine::CompiledDirective;
use crate::error::{Error, Result};

use super::scheme::{BandBasis, Missing, MissingResult, Rule, Scheme, TieBreaker};
use super::Stage;
use fx::dec_at;

pub use output::BatchScores;

/// What a scheme needs that the compiled scoring path cannot give: [`CompiledScheme::new`]
/// refuses such a scheme with an `invalid_scheme` error naming the place and saying so.
///
/// ```
/// use thidua_core::scoring::{CompiledScheme, Scheme, Uncovered};
/// let s = Scheme::from_json(r#"{"name": "x", "scale": "79228162514264337593543950",
///   "rounding": {"digits": 2, "mode": "half_even"}, "missing_result": "zero",
///   "sections": [{"id": "A", "name": "A", "criteria": [{"id": "A1", "name": "a",
///     "max": "79228162514264337593543950", "targets": ["1"], "rule": {"kind": "all_or_nothing"}}]}],
///   "classification": {"basis": "total", "bands": [{"id": "k", "label_vi": "k", "label_en": "k"}]}}"#)?;
/// let u = CompiledScheme::uncovered(&s);
/// assert!(matches!(&u[0], Uncovered::Magnitude { location, .. } if location == "sections[0].criteria[0].max"));
/// assert_eq!(u[0].location(), "sections[0].criteria[0].max");
/// assert_eq!(u[0].reason(), "the maximum is beyond the fixed-point range");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Uncovered {
    /// A constant beyond the fixed-point range of the kernels.
    Magnitude {
        /// Where it is.
        location: String,
        /// What overflows.
        what: &'static str,
    },
}

impl Uncovered {
    /// Where in the scheme it is (`sections[0].criteria[0].max`).
    pub fn location(&self) -> &str {
        match self {
            Uncovered::Magnitude { location, .. } => location,
        }
    }

    /// Why the compiled path cannot take it ("the maximum is beyond the fixed-point range"),
    /// the reason of the `invalid_scheme` error [`CompiledScheme::new`] gives.
    pub fn reason(&self) -> String {
        match self {
            Uncovered::Magnitude { what, .. } => format!("{what} is beyond the fixed-point range"),
        }
    }

    fn into_error(self) -> Error {
        let reason = self.reason();
        let Uncovered::Magnitude { location, .. } = self;
        Error::InvalidScheme {
            location: location.into(),
            reason: format!(
                "not covered by the compiled scoring path: {reason}; score this scheme with scoring::score"
            ),
        }
    }
}

/// A tie-breaker as an integer key (all "higher is better").
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tie {
    Exceeded,
    MetOrExceeded,
    Section(usize),
    Criterion(usize),
    /// Fewer penalty points: none can be granted in a batch, so every unit has 0.
    Penalty,
}

/// One criterion, compiled (scale-independent part; the kernel is prepared per batch).
#[derive(Debug)]
pub(crate) struct Crit {
    pub section: usize,
    /// Target indices (directive order) of its pieces.
    pub targets: Vec<usize>,
    pub min: bool,
    pub rule: Rule,
    pub max: Decimal,
    pub weight: Decimal,
    /// The policy for a piece with no data, one not applicable, and no council points.
    pub no_data: MissingResult,
    pub not_applicable: MissingResult,
    pub no_council: MissingResult,
    /// A council criterion (its one piece is the stage's council points).
    pub council: bool,
    /// Whether its targets count for the exceeding-plan bonus.
    pub exceeding: bool,
}

/// One band's conditions at the scheme's digits.
#[derive(Debug)]
pub(crate) struct BandK {
    /// The basis (mantissa at the digits) must be at least this.
    pub min_total: Option<i128>,
    /// Per criterion: its points (mantissa at the digits) must be at least this.
    pub min_points: Option<Vec<i128>>,
}

#[derive(Debug)]
pub(crate) struct SchemeInner {
    pub scheme: Scheme,
    pub directive: CompiledDirective,
    pub criteria: Vec<Crit>,
    /// Distinct scheme targets (for the counts of the tie-breakers).
    pub targets: Vec<usize>,
    pub ties: Vec<Tie>,
    pub bands: Vec<BandK>,
    pub basis_total: bool,
    /// `bonus.max_total`: the sum (mantissa at the digits) above which it applies (its floor),
    /// and what is then counted (its rounded value).
    pub bonus_cap: Option<(i128, i128)>,
    /// Each fixed bonus and each penalty rounded to the digits (mantissas), as the scorecard
    /// counts them.
    pub fixed: Vec<i128>,
    pub penalties: Vec<i128>,
}

/// A scoring scheme compiled for a directive's batches (see the [module documentation](self)).
/// Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct CompiledScheme {
    pub(crate) inner: Arc<SchemeInner>,
    pub(crate) stage: Stage,
}

impl CompiledScheme {
    /// Compiles `scheme` for batches of `directive`: the scheme is [validated](Scheme::validate),
    /// its targets checked against the directive (as [`score`](crate::scoring::score) checks
    /// them against the input's directive), and refused when it needs what a batch cannot
    /// give ([`Uncovered`]). Scorecards are for [`Stage::BoardAppraisal`] unless
    /// [`with_stage`](Self::with_stage) says otherwise.
    pub fn new(scheme: &Scheme, directive: &CompiledDirective) -> Result<CompiledScheme> {
        scheme.validate()?;
        if let Some(u) = Self::uncovered(scheme).into_iter().next() {
            return Err(u.into_error());
        }
        let index = &directive.inner.index;
        let mut criteria = Vec::new();
        let mut targets: Vec<usize> = Vec::new();
        for (i, s) in scheme.sections.iter().enumerate() {
            for (j, c) in s.criteria.iter().enumerate() {
                let mut ts = Vec::with_capacity(c.targets.len());
                for (k, t) in c.targets.iter().enumerate() {
                    let Some(&ti) = index.get(t.as_str()) else {
                        return Err(crate::scoring::input::unknown_criterion_target(
                            t,
                            c,
                            (i, j, k),
                        ));
                    };
                    ts.push(ti);
                    if !targets.contains(&ti) {
                        targets.push(ti);
                    }
                }
                let policy = c.missing_result.unwrap_or(scheme.missing_result);
                criteria.push(Crit {
                    section: i,
                    targets: ts,
                    min: c.combine == Some(super::Combine::Min),
                    rule: c.rule.clone(),
                    max: c.max,
                    weight: c.weight,
                    no_data: policy.for_missing(Missing::NoData),
                    not_applicable: policy.for_missing(Missing::NotApplicable),
                    no_council: policy.for_missing(Missing::NoCouncilPoints),
                    council: matches!(c.rule, Rule::Council {}),
                    exceeding: match &scheme.bonus.exceeding {
                        Some(e) => e.criteria.is_empty() || e.criteria.contains(&c.id),
                        None => false,
                    },
                });
            }
        }
        Ok(CompiledScheme {
            inner: Arc::new(SchemeInner {
                ties: ties(scheme),
                bands: bands(scheme).map_err(Uncovered::into_error)?,
                basis_total: scheme.classification.basis == BandBasis::Total,
                bonus_cap: bonus_cap(scheme).map_err(Uncovered::into_error)?,
                fixed: adjustments(
                    scheme,
                    scheme.bonus.fixed.iter().map(|f| f.points),
                    "bonus.fixed",
                )
                .map_err(Uncovered::into_error)?,
                penalties: adjustments(
                    scheme,
                    scheme.penalties.iter().map(|p| p.points),
                    "penalties",
                )
                .map_err(Uncovered::into_error)?,
                scheme: scheme.clone(),
                directive: directive.clone(),
                criteria,
                targets,
            }),
            stage: Stage::BoardAppraisal,
        })
    }

    /// The same scheme, its scorecards labelled with `stage`.
    pub fn with_stage(mut self, stage: Stage) -> CompiledScheme {
        self.stage = stage;
        self
    }

    /// Everything in `scheme` the compiled path cannot take (empty: it compiles).
    pub fn uncovered(scheme: &Scheme) -> Vec<Uncovered> {
        let mut out = Vec::new();
        for (i, s) in scheme.sections.iter().enumerate() {
            for (j, c) in s.criteria.iter().enumerate() {
                let location = format!("sections[{i}].criteria[{j}]");
                // Points × 100 at the digits must stay exact in `Decimal` (the band test).
                let hundred = c
                    .max
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| ceil_at(x, scheme.rounding.digits));
                if hundred.is_none_or(|x| x >= fx::EXACT) {
                    out.push(Uncovered::Magnitude {
                        location: format!("{location}.max"),
                        what: "the maximum",
                    });
                }
            }
        }
        if let Err(u) = bands(scheme) {
            out.push(u);
        }
        let fixed = scheme.bonus.fixed.iter().map(|f| f.points);
        if let Err(u) = adjustments(scheme, fixed, "bonus.fixed") {
            out.push(u);
        }
        if let Err(u) = adjustments(
            scheme,
            scheme.penalties.iter().map(|p| p.points),
            "penalties",
        ) {
            out.push(u);
        }
        if let Err(u) = bonus_cap(scheme) {
            out.push(u);
        }
        out
    }

    /// The scheme compiled.
    pub fn scheme(&self) -> &Scheme {
        &self.inner.scheme
    }
}

fn ties(scheme: &Scheme) -> Vec<Tie> {
    let criteria: Vec<&str> = scheme.criteria().map(|(_, c)| c.id.as_str()).collect();
    scheme
        .tie_breakers
        .iter()
        .map(|t| match t {
            TieBreaker::TargetsExceeded {} => Tie::Exceeded,
            TieBreaker::TargetsMetOrExceeded {} => Tie::MetOrExceeded,
            TieBreaker::SectionSubtotal { section } => Tie::Section(
                scheme
                    .sections
                    .iter()
                    .position(|s| &s.id == section)
                    .unwrap_or(0),
            ),
            TieBreaker::CriterionPoints { criterion } => {
                Tie::Criterion(criteria.iter().position(|c| c == criterion).unwrap_or(0))
            }
            TieBreaker::FewerPenaltyPoints {} => Tie::Penalty,
        })
        .collect()
}

/// `⌈d × 10^digits⌉` as an integer (exact integer arithmetic), or `None` beyond `i128`.
fn ceil_at(d: Decimal, digits: u32) -> Option<i128> {
    let (m, s) = (d.mantissa(), d.scale());
    if digits >= s {
        return fx::at_scale(m, s, digits);
    }
    let den = fx::p10(s - digits)?;
    let q = m / den;
    Some(if m % den != 0 && m > 0 { q + 1 } else { q })
}

/// Each band's thresholds at the scheme's digits: `min_total` rounded up, and per criterion
/// the least points `p` with `p × 100 ≥ min_criterion_percent × max` (the row-wise test).
fn bands(scheme: &Scheme) -> std::result::Result<Vec<BandK>, Uncovered> {
    let digits = scheme.rounding.digits;
    let mut out = Vec::with_capacity(scheme.classification.bands.len());
    for (i, b) in scheme.classification.bands.iter().enumerate() {
        let loc = format!("classification.bands[{i}]");
        let min_total = match b.min_total {
            Some(m) => Some(ceil_at(m, digits).ok_or(Uncovered::Magnitude {
                location: format!("{loc}.min_total"),
                what: "the band's minimum total",
            })?),
            None => None,
        };
        let min_points = match b.min_criterion_percent {
            Some(p) => {
                let mut v = Vec::new();
                for (_, c) in scheme.criteria() {
                    // The row-wise test is `points × 100 ≥ p × max` on decimals: the right
                    // side as that product gives it (no product: no points reach it), the
                    // left exact (`max × 100` fits). So points ≥ ⌈p × max × 10^digits ÷ 100⌉.
                    let t = match p.checked_mul(c.max) {
                        Some(pm) => ceil_at(pm, digits).map(|x| {
                            let q = x / 100;
                            if x % 100 != 0 && x > 0 {
                                q + 1
                            } else {
                                q
                            }
                        }),
                        None => Some(i128::MAX),
                    };
                    v.push(t.ok_or(Uncovered::Magnitude {
                        location: format!("{loc}.min_criterion_percent"),
                        what: "the band's minimum points",
                    })?);
                }
                Some(v)
            }
            None => None,
        };
        out.push(BandK {
            min_total,
            min_points,
        });
    }
    Ok(out)
}

/// `bonus.max_total` at the digits: its floor (a sum above it is capped) and its rounded value.
fn bonus_cap(scheme: &Scheme) -> std::result::Result<Option<(i128, i128)>, Uncovered> {
    let Some(m) = scheme.bonus.max_total else {
        return Ok(None);
    };
    let r = scheme.rounding;
    let bad = || Uncovered::Magnitude {
        location: "bonus.max_total".into(),
        what: "the bonus ceiling",
    };
    let floor = ceil_at(-m, r.digits).ok_or_else(bad)?;
    let rounded = dec_at(r.apply(m), r.digits).ok_or_else(bad)?;
    Ok(Some((-floor, rounded)))
}

/// Fixed bonus or penalty points rounded to the digits (the scorecard's `r.apply`), as
/// mantissas at the digits.
fn adjustments(
    scheme: &Scheme,
    points: impl Iterator<Item = Decimal>,
    what: &str,
) -> std::result::Result<Vec<i128>, Uncovered> {
    let r = scheme.rounding;
    points
        .enumerate()
        .map(|(i, p)| {
            let x = r.apply(p);
            dec_at(x, r.digits)
                .filter(|m| x.scale() == r.digits && m.abs() < fx::EXACT)
                .ok_or_else(|| Uncovered::Magnitude {
                    location: format!("{what}[{i}].points"),
                    what: "the points",
                })
        })
        .collect()
}
