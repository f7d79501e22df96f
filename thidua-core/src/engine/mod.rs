//! The compiled, columnar evaluation engine (bộ máy đánh giá): compile a directive once,
//! evaluate many rows in a tight loop, numbers out in columns, text only on demand.
//!
//! [`CompiledDirective::new`] turns every target into a *kernel*: its comparator and kind
//! become one branch of a small dispatch, and its constants (the target value, the pro-rata
//! thresholds `target × months ÷ 12` for each in-year period, the bounds and the basis of a
//! range) are pre-scaled to fixed-point integers. [`CompiledDirective::evaluate`] then groups
//! the rows by unit and period, checks them, and assesses each with integer arithmetic: an
//! exact comparison at the common scale of result and target, the difference at the larger
//! scale, and the % of plan as an exact integer division rounded half away from zero to
//! `ratio_digits` — the rounding documented in `docs/evaluation.md`, once, at the end.
//!
//! **Exactly the row-wise answer.** The engine is not a second implementation of the rules:
//! a row the kernels cannot take — a number beyond 18 digits, a row with a component, a scale
//! of its own, a unit, rank totals, a judgement or a not-applicable mark, a target of a kind
//! without a kernel, or any row that will end in an error — is evaluated in the same batch by
//! the row-wise code ([`assess`](crate::assess) on `Decimal`s, through the same row checks
//! as [`evaluate_rowwise`](crate::evaluate::evaluate_rowwise)), so its answer and its error
//! are those of the row-wise path by construction. Which forms are on the fast path:
//!
//! | target kind | fast path (integer kernel) | row-wise in the same batch |
//! |---|---|---|
//! | rate, growth rate, threshold share, per-capita, count, amount (flows pro rata or annual) | yes | numbers beyond `i64` |
//! | ceiling | with `ceiling_ratio: inverse` | `complement` |
//! | reduction | in percentage points or absolute | in % of the baseline |
//! | range | yes | |
//! | rank improvement | rows without `out_of` totals | rows with `out_of` / `baseline_out_of` |
//! | reference | with a known `value` | without a value (the reference comes with each row) |
//! | composite decrease, qualitative | — | always |
//!
//! and for every kind: rows with `component`, `scale` (other than the target's), `value_unit`,
//! `judgement` or `not_applicable`, and every row that ends in an error, go the row-wise way.
//! [`BatchEvaluation::row_wise_rows`] says how many did. The differential tests
//! (`engine/tests.rs`) compare the engine with [`evaluate_rowwise`](crate::evaluate::evaluate_rowwise)
//! on random directives and results, field by field including each decimal's scale, and on
//! every shared vector.
//!
//! **Text on demand.** A [`BatchEvaluation`] holds numbers and statuses only; the
//! explanation of one row ([`BatchEvaluation::explanation`]), the headline of one unit
//! ([`BatchEvaluation::summary`]) or the whole [`Evaluation`](crate::Evaluation) with every sentence
//! ([`BatchEvaluation::to_evaluation`], which is what [`evaluate`](crate::evaluate()) returns) are
//! built only when asked.
//!
//! With the `arrow` cargo feature, `engine::arrow` reads results from an Apache Arrow
//! `RecordBatch` and writes evaluations as one.
//!
//! ```
//! use thidua_core::engine::CompiledDirective;
//! use thidua_core::{Directive, EvaluationOptions, ResultSet, Status};
//! // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
//! // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
//! // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
//! # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
//! # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
//! # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
//! # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
//! # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
//! # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
//! let compiled = CompiledDirective::new(&d, &EvaluationOptions::default())?;
//! let r = ResultSet::from_json(r#"[
//!   {"unit": "Kon Tum", "target": "1", "period": "2024", "value": "10.12"},
//!   {"unit": "Kon Tum", "target": "2", "period": "2024", "value": "63.7"}]"#)?;
//! let b = compiled.evaluate(&r)?;
//! assert_eq!(b.rows(), 5);                        // every target of the directive, for the unit
//! assert_eq!(b.status()[0], Status::Exceeded);
//! assert_eq!(b.ratio().get(0).ok_or("not found")?.to_string(), "101.20");
//! assert_eq!(b.status()[1], Status::NotMet);      // "trên 63,7": 63,7 is not enough
//! assert!(b.explanation(1).vi.contains("không đạt"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
#[cfg(all(test, feature = "arrow"))]
mod arrow_tests;
mod batch;
pub mod buffers;
mod bytes;
mod cells;
mod column;
mod columns;
mod float;
mod kernel;
mod packed;
mod source;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

pub use batch::BatchEvaluation;
pub(crate) use bytes::same_text;
pub use cells::{RESULT_COLUMNS, RESULT_COLUMN_ALIASES};
pub use column::DecimalColumn;
pub use columns::{ColumnResults, Dictionary, Numbers};
pub use packed::PackedResults;
pub use source::ResultSource;

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Result;
use crate::evaluate::{EvaluationOptions, UnitContext};
use crate::model::{
    Coverage, Direction, Directive, Measure, ReductionUnit, TargetKind, TargetSpec,
};
use crate::quantity::Scale;
use crate::unit_targets::{ResolvedTargets, TargetTable};

use kernel::Kernel;

/// Where a whole input column of results is (a wrong type, an unknown or missing column, a
/// length that does not match): the path `results.<column>` — the field of every row, with no
/// row index — and the column named in words. Every columnar reader (Arrow, plain columns, the
/// bindings' own) locates a column error so.
///
/// ```
/// let loc = thidua_core::engine::column_location("target");
/// assert_eq!(loc.path(), "results.target");
/// ```
pub fn column_location(name: &str) -> crate::error::Location {
    crate::error::Location::new()
        .field("results")
        .field(name.to_string())
        .with_context(format!("column {:?}", crate::error::excerpt(name)))
}

/// One target, compiled.
#[derive(Debug)]
pub(crate) struct CompiledTarget {
    pub id: String,
    pub item: u32,
    pub parent: Option<String>,
    pub name: String,
    pub spec: TargetSpec,
    pub kind: TargetKind,
    pub direction: Direction,
    pub measure: Measure,
    pub text_vi: String,
    pub text_en: String,
    /// The scale results are expressed in.
    pub scale: Scale,
    /// A rate or share: value and baseline must lie in 0..=100.
    pub bounded: bool,
    /// A composite target (one row per component).
    pub components: Option<Vec<String>>,
    pub kernel: Kernel,
    /// Whether this target is the one its id resolves to.
    pub canonical: bool,
    /// Whether its rows may take the fast path for every unit: no named plan levels, no
    /// target table, options the kernels know (see `UnitContext::plain_target`).
    pub plain: bool,
    /// The label of the directive's level ("của Nghị quyết 12/NQ-HĐND").
    pub level_label: String,
    /// Whether the `likely_scale_mistake` test applies to its rows (a row it flags goes the
    /// row-wise way, which gives the warning).
    pub scale_check: bool,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub label: String,
    pub opts: EvaluationOptions,
    pub coverage: Coverage,
    pub targets: Vec<CompiledTarget>,
    pub index: HashMap<String, usize>,
    /// Each numbered item with the indices of its targets (sub-targets included).
    pub items: Vec<(u32, Vec<usize>)>,
    /// The directive, for the slots evaluated by the row-wise rules.
    pub directive: Directive,
    /// Each unit's own targets, and the table resolved against the directive.
    pub table: TargetTable,
    pub resolved: ResolvedTargets,
}

/// A directive compiled for evaluating many rows (see the [module documentation](self)).
/// Cheap to clone (shared).
///
/// ```
/// use thidua_core::engine::CompiledDirective;
/// use thidua_core::{Directive, EvaluationOptions};
/// // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
/// // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
/// // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
/// # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
/// # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
/// # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
/// # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
/// # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
/// # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
/// let c = CompiledDirective::new(&d, &EvaluationOptions::default())?;
/// assert_eq!(c.target_count(), 5);
/// assert_eq!(c.row_wise_targets(), Vec::<&str>::new()); // every one of these targets has a kernel
/// # Ok::<(), thidua_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CompiledDirective {
    pub(crate) inner: Arc<Inner>,
}

impl CompiledDirective {
    /// Compiles `directive` under `opts` (both checked as [`evaluate`](crate::evaluate())
    /// checks them: the directive is [validated](Directive::validate)).
    pub fn new(directive: &Directive, opts: &EvaluationOptions) -> Result<CompiledDirective> {
        Self::with_targets(directive, &TargetTable::default(), opts)
    }

    /// Compiles `directive` under `opts` with each unit's own targets (see
    /// [`evaluate_with_targets`](crate::evaluate_with_targets)): the table is
    /// [resolved](TargetTable::resolve) against the directive once. Targets that a table row,
    /// a named plan level or a reporting convention touches are evaluated by the row-wise
    /// rules; the others keep their kernels.
    pub fn with_targets(
        directive: &Directive,
        table: &TargetTable,
        opts: &EvaluationOptions,
    ) -> Result<CompiledDirective> {
        opts.validate()?;
        directive.validate()?;
        let resolved = table.resolve(directive)?;
        let refs: Vec<_> = directive.targets().collect();
        let cx = UnitContext::new(directive, &refs, table, &resolved, opts);
        let mut targets = Vec::with_capacity(refs.len());
        let mut index = HashMap::with_capacity(refs.len());
        for (i, r) in refs.iter().enumerate() {
            let spec = &r.target.spec;
            // As the row-wise path: a repeated id (refused by validation) resolves to the last.
            index.insert(r.target.id.clone(), i);
            targets.push(CompiledTarget {
                id: r.target.id.clone(),
                item: r.item,
                parent: r.parent.map(str::to_string),
                name: r.target.name.clone(),
                spec: spec.clone(),
                kind: spec.kind(),
                direction: spec.direction(),
                measure: spec.measure(),
                text_vi: spec.describe_vi(),
                text_en: spec.describe_en(),
                scale: spec.result_scale(),
                bounded: matches!(
                    spec,
                    TargetSpec::Rate { .. }
                        | TargetSpec::ThresholdShare { .. }
                        | TargetSpec::Reduction {
                            unit: ReductionUnit::PercentagePoints,
                            ..
                        }
                ),
                components: match spec {
                    TargetSpec::CompositeDecrease { components } => {
                        Some(components.iter().map(|c| c.id.clone()).collect())
                    }
                    _ => None,
                },
                kernel: Kernel::compile(spec, opts),
                canonical: false,
                plain: cx.plain_target(i),
                scale_check: crate::evaluate::unit::scale_checked(spec, r.target),
                level_label: r
                    .target
                    .level_label
                    .clone()
                    .unwrap_or_else(|| cx.dir_label_vi.clone()),
            });
        }
        for (i, t) in targets.iter_mut().enumerate() {
            t.canonical = index.get(&t.id) == Some(&i);
        }
        // The targets of an item are consecutive (directive order): one pass, linear time.
        let mut items = Vec::with_capacity(directive.items.len());
        let mut k = 0;
        for item in &directive.items {
            let start = k;
            while k < targets.len() && targets[k].item == item.number {
                k += 1;
            }
            items.push((item.number, (start..k).collect()));
        }
        Ok(CompiledDirective {
            inner: Arc::new(Inner {
                label: directive.label(),
                opts: *opts,
                coverage: directive.coverage,
                targets,
                index,
                items,
                directive: directive.clone(),
                table: table.clone(),
                resolved,
            }),
        })
    }

    /// The number of targets (sub-targets included): the rows per unit and period.
    pub fn target_count(&self) -> usize {
        self.inner.targets.len()
    }

    /// The target ids, in directive order (the order of the rows of each unit).
    pub fn target_ids(&self) -> impl Iterator<Item = &str> {
        self.inner.targets.iter().map(|t| t.id.as_str())
    }

    /// The options compiled in.
    pub fn options(&self) -> &EvaluationOptions {
        &self.inner.opts
    }

    /// The targets whose every row is evaluated row-wise (no kernel for their kind or
    /// options; see the table in the [module documentation](self)).
    pub fn row_wise_targets(&self) -> Vec<&str> {
        self.inner
            .targets
            .iter()
            .filter(|t| matches!(t.kernel, Kernel::RowWise))
            .map(|t| t.id.as_str())
            .collect()
    }

    /// Evaluates every row of `results`: the same answer as
    /// [`evaluate`](crate::evaluate()) (the same errors, in the same order), as columns.
    pub fn evaluate<S: ResultSource + ?Sized>(&self, results: &S) -> Result<BatchEvaluation> {
        batch::run(self, results)
    }
}
