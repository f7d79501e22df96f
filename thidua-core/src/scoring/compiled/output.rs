//! The scores of a batch, as columns: per unit its group, criterion points, totals (exact
//! fixed point at the scheme's digits), band and rank; one unit's scorecard on demand; with
//! the `arrow` feature, a `RecordBatch`.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{CompiledScheme, SchemeInner};
use crate::engine::BatchEvaluation;
use crate::error::{Error, Result};
use crate::scoring::card::{Scorecard, Scorer, UnitExtras};
use crate::scoring::rank::classify;
use crate::scoring::{BandResult, GroupKind, RosterEntry};

/// A unit's council points, fixed bonuses and penalties (with their notes), kept.
#[derive(Debug, Clone, Default)]
pub(super) struct OwnedExtras {
    pub council: HashMap<usize, Decimal>,
    pub bonuses: Vec<usize>,
    pub penalties: Vec<(usize, Option<String>)>,
}

impl OwnedExtras {
    pub(super) fn of(x: &UnitExtras<'_>) -> OwnedExtras {
        OwnedExtras {
            council: x.council.clone(),
            bonuses: x.bonuses.clone(),
            penalties: x
                .penalties
                .iter()
                .map(|(i, n)| (*i, n.map(str::to_string)))
                .collect(),
        }
    }

    fn borrowed(&self) -> UnitExtras<'_> {
        UnitExtras {
            council: self.council.clone(),
            bonuses: self.bonuses.clone(),
            penalties: self
                .penalties
                .iter()
                .map(|(i, n)| (*i, n.as_deref()))
                .collect(),
        }
    }
}

/// The points of a criterion left out (the unit is then not eligible).
pub(super) const NO_POINTS: i128 = i128::MIN;
/// The band of a unit that is not eligible.
pub(super) const NO_BAND: u16 = u16::MAX;

/// The scores of a batch ([`CompiledScheme::score`]): one entry per roster unit, in roster
/// order. Totals and points are exact decimals at the scheme's digits, held as integer
/// mantissas ([`totals`](Self::totals), [`scale`](Self::scale)); [`total`](Self::total) gives
/// a `Decimal` exactly as [`Scorecard::total`] has it (value and scale).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BatchScores {
    pub(super) units: Vec<String>,
    pub(super) group_of: Vec<u32>,
    pub(super) groups: Vec<(String, GroupKind)>,
    pub(super) batch_group: Vec<u32>,
    pub(super) total: Vec<i128>,
    pub(super) criteria_total: Vec<i128>,
    pub(super) points: Vec<i128>,
    pub(super) band: Vec<u16>,
    pub(super) rank: Vec<u32>,
    pub(super) tied: Vec<bool>,
    pub(super) row_wise: Vec<bool>,
    /// The totals of the row-wise units whose scorecard holds them at another scale than the
    /// digits (a total beyond the digits' range; a bare 0 when nothing could be scored).
    pub(super) exact: HashMap<usize, (Decimal, Decimal)>,
    /// What the stage gave each unit that has anything (for its scorecard on demand).
    pub(super) extras: HashMap<usize, OwnedExtras>,
    pub(super) digits: u32,
    /// The stage the scorecards are for.
    pub(super) stage: crate::scoring::Stage,
    pub(super) band_ids: Vec<String>,
    pub(super) criterion_ids: Vec<String>,
}

impl BatchScores {
    /// Every roster unit unscored, groups by name.
    pub(super) fn sized(
        inner: &SchemeInner,
        roster: &[RosterEntry],
        kinds: &HashMap<&str, GroupKind>,
    ) -> BatchScores {
        let n = roster.len();
        let mut names: Vec<&str> = kinds.keys().copied().collect();
        names.sort_unstable();
        let index: HashMap<&str, u32> = names
            .iter()
            .enumerate()
            .map(|(i, g)| (*g, i as u32))
            .collect();
        BatchScores {
            units: roster.iter().map(|r| r.unit.clone()).collect(),
            group_of: roster
                .iter()
                .map(|r| index.get(r.group.as_str()).copied().unwrap_or(0))
                .collect(),
            groups: names
                .iter()
                .map(|g| {
                    (
                        g.to_string(),
                        kinds.get(g).copied().unwrap_or(GroupKind::Cluster),
                    )
                })
                .collect(),
            batch_group: vec![0; n],
            total: vec![0; n],
            criteria_total: vec![0; n],
            points: vec![NO_POINTS; n * inner.criteria.len()],
            band: vec![NO_BAND; n],
            rank: vec![0; n],
            tied: vec![false; n],
            row_wise: vec![false; n],
            exact: HashMap::new(),
            extras: HashMap::new(),
            digits: inner.scheme.rounding.digits,
            stage: crate::scoring::Stage::BoardAppraisal,
            band_ids: inner
                .scheme
                .classification
                .bands
                .iter()
                .map(|b| b.id.clone())
                .collect(),
            criterion_ids: inner.scheme.criteria().map(|(_, c)| c.id.clone()).collect(),
        }
    }

    fn dec(&self, m: i128) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(m, self.digits).ok()
    }

    /// Number of units (the roster's).
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are no units.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The unit names, in roster order.
    pub fn units(&self) -> &[String] {
        &self.units
    }

    /// The index of a unit by name.
    pub fn unit_index(&self, unit: &str) -> Option<usize> {
        self.units.iter().position(|u| u == unit)
    }

    /// The scale (the scheme's rounding digits) of every total and point.
    pub fn scale(&self) -> u32 {
        self.digits
    }

    /// The totals' mantissas at [`scale`](Self::scale), per unit.
    pub fn totals(&self) -> &[i128] {
        &self.total
    }

    /// The criteria totals' mantissas (without bonus and penalty), per unit.
    pub fn criteria_totals(&self) -> &[i128] {
        &self.criteria_total
    }

    /// The total of unit `u`, exactly as its [`Scorecard::total`] (`None` only beyond
    /// `Decimal`'s range).
    pub fn total(&self, u: usize) -> Option<Decimal> {
        match self.exact.get(&u) {
            Some((t, _)) => Some(*t),
            None => self.dec(self.total[u]),
        }
    }

    /// The criteria total of unit `u`, exactly as its [`Scorecard::criteria_total`].
    pub fn criteria_total(&self, u: usize) -> Option<Decimal> {
        match self.exact.get(&u) {
            Some((_, t)) => Some(*t),
            None => self.dec(self.criteria_total[u]),
        }
    }

    /// The criterion ids, in scheme order (the columns of [`points`](Self::points)).
    pub fn criterion_ids(&self) -> &[String] {
        &self.criterion_ids
    }

    /// The points of criterion `c` (scheme order) for unit `u`; `None` when left out.
    pub fn points(&self, u: usize, c: usize) -> Option<Decimal> {
        let m = self.points[u * self.criterion_ids.len() + c];
        (m != NO_POINTS).then(|| self.dec(m)).flatten()
    }

    /// The band id of unit `u`; `None` when it is not eligible.
    pub fn band(&self, u: usize) -> Option<&str> {
        let b = self.band[u];
        (b != NO_BAND).then(|| self.band_ids[usize::from(b)].as_str())
    }

    /// The band index of unit `u` (0 = best); `None` when not eligible.
    pub fn band_index(&self, u: usize) -> Option<usize> {
        let b = self.band[u];
        (b != NO_BAND).then_some(usize::from(b))
    }

    /// Whether unit `u` is ranked and classified.
    pub fn eligible(&self, u: usize) -> bool {
        self.band[u] != NO_BAND
    }

    /// The rank of unit `u` in its group (standard competition ranking); `None` when not
    /// eligible.
    pub fn rank(&self, u: usize) -> Option<u32> {
        let r = self.rank[u];
        (r != 0).then_some(r)
    }

    /// Whether unit `u` shares its rank.
    pub fn tied(&self, u: usize) -> bool {
        self.tied[u]
    }

    /// The group (cluster or bloc) of unit `u` and its kind.
    pub fn group(&self, u: usize) -> (&str, GroupKind) {
        let (g, k) = &self.groups[self.group_of[u] as usize];
        (g.as_str(), *k)
    }

    /// Whether unit `u` was scored by the row-wise scorecard rather than the kernels.
    pub fn is_row_wise(&self, u: usize) -> bool {
        self.row_wise[u]
    }

    /// How many units were scored by the row-wise scorecard.
    pub fn row_wise_units(&self) -> usize {
        self.row_wise.iter().filter(|x| **x).count()
    }
}

impl CompiledScheme {
    /// The scorecard of unit `u` of `scores`, with every explanation — built now by the
    /// row-wise scorecard code from the unit's evaluation in `batch` (the batch `scores` was
    /// scored on).
    pub fn scorecard(
        &self,
        batch: &BatchEvaluation,
        scores: &BatchScores,
        u: usize,
    ) -> Result<Scorecard> {
        let unit = scores.units.get(u).ok_or_else(|| Error::InvalidInput {
            location: "unit".into(),
            reason: format!("no unit {u} in the scores"),
        })?;
        let scorer = Scorer::new(&self.inner.scheme)?;
        let hints = self.hints();
        let g = scores.batch_group[u];
        let ue = (g != u32::MAX).then(|| batch.unit_evaluation(g as usize));
        let extras = scores
            .extras
            .get(&u)
            .map(OwnedExtras::borrowed)
            .unwrap_or_default();
        scorer.score(
            scores.stage,
            unit,
            ue.as_ref(),
            &hints,
            &extras,
            &HashMap::new(),
        )
    }

    /// The band of unit `u` with its reason (`None` when not eligible), built now.
    pub fn band_reason(
        &self,
        batch: &BatchEvaluation,
        scores: &BatchScores,
        u: usize,
    ) -> Result<Option<BandResult>> {
        let card = self.scorecard(batch, scores, u)?;
        Ok(card.eligible.then(|| classify(&self.inner.scheme, &card).1))
    }
}

#[cfg(feature = "arrow")]
mod arrow_out {
    use std::sync::Arc;

    use arrow_array::types::UInt16Type;
    use arrow_array::{
        ArrayRef, BooleanArray, Decimal128Array, DictionaryArray, RecordBatch, StringArray,
        UInt16Array, UInt32Array,
    };
    use arrow_schema::{Field, Schema};

    use super::{BatchScores, NO_BAND};
    use crate::error::{Error, Result};

    fn err(e: impl std::fmt::Display) -> Error {
        Error::InvalidInput {
            location: "output".into(),
            reason: e.to_string(),
        }
    }

    impl BatchScores {
        /// The scores as an Arrow `RecordBatch`, one row per unit in roster order: `unit`,
        /// `group` (dictionary), `total` and `criteria_total` (decimal128(38, digits)),
        /// `band` (dictionary of the band ids, null when not eligible), `rank` (null when not
        /// eligible), `tied`, and one decimal128 column per criterion when `points` is set
        /// (`points_<id>`, null when left out).
        pub fn to_record_batch(&self, points: bool) -> Result<RecordBatch> {
            let s = i8::try_from(self.digits).map_err(err)?;
            let dec = |v: Vec<Option<i128>>| -> Result<ArrayRef> {
                Decimal128Array::from(v)
                    .with_precision_and_scale(38, s)
                    .map(|a| Arc::new(a) as ArrayRef)
                    .map_err(err)
            };
            let mut fields = Vec::new();
            let mut cols: Vec<ArrayRef> = Vec::new();
            let mut add = |name: &str, a: ArrayRef, nullable: bool| {
                fields.push(Field::new(name, a.data_type().clone(), nullable));
                cols.push(a);
            };
            add(
                "unit",
                Arc::new(StringArray::from_iter_values(&self.units)),
                false,
            );
            let groups = DictionaryArray::<UInt16Type>::try_new(
                UInt16Array::from_iter_values(
                    self.group_of
                        .iter()
                        .map(|&g| u16::try_from(g).unwrap_or(u16::MAX)),
                ),
                Arc::new(StringArray::from_iter_values(
                    self.groups.iter().map(|g| &g.0),
                )),
            );
            // More than 65,535 groups: the group names as plain text.
            let groups: ArrayRef = match groups {
                Ok(d) if self.groups.len() <= usize::from(u16::MAX) => Arc::new(d),
                _ => Arc::new(StringArray::from_iter_values(
                    self.group_of.iter().map(|&g| &self.groups[g as usize].0),
                )),
            };
            add("group", groups, false);
            add(
                "total",
                dec(self.total.iter().map(|&t| Some(t)).collect())?,
                false,
            );
            add(
                "criteria_total",
                dec(self.criteria_total.iter().map(|&t| Some(t)).collect())?,
                false,
            );
            let band = DictionaryArray::<UInt16Type>::try_new(
                UInt16Array::from(
                    self.band
                        .iter()
                        .map(|&b| (b != NO_BAND).then_some(b))
                        .collect::<Vec<_>>(),
                ),
                Arc::new(StringArray::from_iter_values(&self.band_ids)),
            )
            .map_err(err)?;
            add("band", Arc::new(band), true);
            add(
                "rank",
                Arc::new(UInt32Array::from(
                    self.rank
                        .iter()
                        .map(|&r| (r != 0).then_some(r))
                        .collect::<Vec<_>>(),
                )),
                true,
            );
            add(
                "tied",
                Arc::new(BooleanArray::from(self.tied.clone())),
                false,
            );
            if points {
                let nc = self.criterion_ids.len();
                for (c, id) in self.criterion_ids.iter().enumerate() {
                    let v = (0..self.units.len())
                        .map(|u| {
                            let m = self.points[u * nc + c];
                            (m != super::NO_POINTS).then_some(m)
                        })
                        .collect();
                    add(&format!("points_{id}"), dec(v)?, true);
                }
            }
            RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).map_err(err)
        }
    }
}
