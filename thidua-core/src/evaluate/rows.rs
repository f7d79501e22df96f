//! The rules of result rows shared by the row-wise evaluation and the compiled engine: the
//! checks of one row against the directive, the errors they raise (located in the row), and
//! the conversion of a target's rows into an [`Observation`] assessed with [`assess`].

use rust_decimal::Decimal;

use super::{assess, AssessContext, Assessment, ComponentResult, Observation};
use crate::error::{excerpt, Error, Location, Result, Segment};
use crate::model::{Coverage, ReductionUnit, TargetKind, TargetSpec};
use crate::quantity::{rescale, Scale, Unit};
use crate::results::{Period, Provenance, ResultEntry};

/// The rows of one (unit, period) for one target: the main row and, for a composite target,
/// one row per component (each with its index in the result set).
#[derive(Default)]
pub(crate) struct Rows<'a> {
    pub(crate) main: Option<(usize, &'a ResultEntry)>,
    pub(crate) components: Vec<(usize, &'a ResultEntry)>,
}

/// A result set of `n` rows within [`MAX_ROWS`](crate::limits::MAX_ROWS).
pub(crate) fn check_rows(n: usize) -> Result<()> {
    if n > crate::limits::MAX_ROWS {
        return Err(crate::limits::Limit::Rows.exceeded(Location::new().field("results")));
    }
    Ok(())
}

/// Room for one more (unit, period) group of `targets` cells within
/// [`MAX_CELLS`](crate::limits::MAX_CELLS), checked before the group is allocated.
pub(crate) fn check_new_group(groups: usize, targets: usize) -> Result<()> {
    if groups.saturating_add(1).saturating_mul(targets.max(1)) > crate::limits::MAX_CELLS {
        return Err(crate::limits::Limit::Cells.exceeded(Location::new()));
    }
    Ok(())
}

/// A row names a target the directive does not have.
pub(crate) fn unknown_target(target: &str) -> Error {
    Error::UnknownTarget {
        target: excerpt(target),
        location: Location::new().field("target"),
    }
}

/// A row's period lies outside the directive's years.
pub(crate) fn period_outside(period: Period, coverage: &Coverage) -> Error {
    Error::InvalidPeriod {
        location: Location::new().field("period"),
        reason: format!(
            "year {} is outside the directive's coverage ({}{})",
            period.year,
            coverage.year,
            coverage
                .until_year
                .map(|y| format!("–{y}"))
                .unwrap_or_default()
        ),
    }
}

/// A row names a component its composite target does not have.
pub(crate) fn unknown_component<'a>(
    target: &str,
    component: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Error {
    Error::UnknownTarget {
        target: excerpt(&format!("{target}/{component}")),
        location: Location::new().field("component").with_context(format!(
            "the target's components are {}",
            ids.collect::<Vec<_>>().join(", ")
        )),
    }
}

/// A second row for the same (unit, period, target[, component]) that nothing tells apart
/// from an earlier one (`first` is its index; `detail` says how rows can differ). The message
/// names the row, not only the target id: "a second result row for unit …, target …, period
/// …; also at results[i]…".
pub(crate) fn duplicate(
    id: &str,
    unit: &str,
    period: &dyn std::fmt::Display,
    first: usize,
    detail: &str,
) -> Error {
    Error::DuplicateId {
        id: excerpt(id),
        location: Location::new().with_context(format!(
            "a second result row for unit {:?}, target {:?}, period \"{period}\"; also at results[{first}]{detail}",
            excerpt(unit),
            excerpt(id),
        )),
    }
}

/// A row of a composite target without `component`.
pub(crate) fn component_needed() -> Error {
    Error::invalid_result(
        Location::new().field("component"),
        "a composite target needs one row per component, each with `component`",
    )
}

/// A `component` on a target that is not composite.
pub(crate) fn component_not_allowed(target: &str, kind: TargetKind) -> Error {
    Error::invalid_result(
        Location::new().field("component"),
        format!(
            "`component` is only for composite targets; {:?} is {kind}",
            excerpt(target)
        ),
    )
}

/// Converts a target's rows and assesses them, with every error located in its row.
pub(crate) fn assess_slot(
    spec: &TargetSpec,
    slot: &Rows<'_>,
    ctx: &AssessContext<'_>,
    unit: &str,
    id: &str,
) -> Result<(Observation, Option<Provenance>, Assessment)> {
    let period = ctx.period;
    let (obs, provenance) =
        observation(spec, slot).map_err(|e| locate(e, slot, unit, id, period))?;
    let a = assess(spec, &obs, ctx).map_err(|e| {
        let e = match e {
            Error::MissingBaseline { kind, location, .. } => Error::MissingBaseline {
                target: excerpt(id),
                kind,
                location,
            },
            other => other,
        };
        locate(e, slot, unit, id, period)
    })?;
    Ok((obs, provenance, a))
}

/// The words that name a row: `unit "A", target "7", period "2024"` (and its component).
pub(crate) fn row_context(row: &ResultEntry) -> String {
    format!(
        "unit {:?}, target {:?}{}, period \"{}\"",
        excerpt(&row.unit),
        excerpt(&row.target),
        row.component
            .as_ref()
            .map(|c| format!(", component {:?}", excerpt(c)))
            .unwrap_or_default(),
        row.period
    )
}

/// An error inside row `i` of the result set: `results[i]…`, with the row named in words.
pub(crate) fn row_error(e: Error, i: usize, row: &ResultEntry) -> Error {
    e.at_index(i)
        .in_field("results")
        .with_context(|| row_context(row))
}

/// Locates an error raised for one target of one (unit, period): in the row it came from (a
/// component error `components[k]…` goes to that component's row), else in words.
fn locate(e: Error, slot: &Rows<'_>, unit: &str, id: &str, period: Period) -> Error {
    if let [Segment::Field(f), Segment::Index(k), ..] = e.location().segments() {
        if f == "components" {
            if let Some(&(i, r)) = slot.components.get(*k) {
                return row_error(e.without_prefix(2), i, r);
            }
        }
    }
    match slot.main.or_else(|| slot.components.first().copied()) {
        Some((i, r)) => row_error(e, i, r),
        None => e.with_context(|| {
            format!(
                "unit {:?}, target {:?}, period \"{period}\"",
                excerpt(unit),
                excerpt(id)
            )
        }),
    }
}

/// Converts a row into an [`Observation`] in the target's scale, checking units and shape.
/// Errors are located in the row (`value`, `value_unit`) or, for a composite, in its
/// component (`components[k].value`); the caller puts the row in front.
pub(crate) fn observation(
    spec: &TargetSpec,
    slot: &Rows<'_>,
) -> Result<(Observation, Option<Provenance>)> {
    if let TargetSpec::CompositeDecrease { .. } = spec {
        return composite_observation(slot);
    }
    let Some((_, r)) = slot.main else {
        return Ok((Observation::default(), None));
    };
    // A reduction in percentage points is reported as the rate itself (value and baseline in %).
    let expected = match spec {
        TargetSpec::Reduction {
            unit: ReductionUnit::PercentagePoints,
            ..
        } => Some(Unit::Percent),
        _ => spec.result_unit(),
    };
    if let (Some(u), Some(expected)) = (&r.value_unit, expected) {
        expected
            .check_compatible(u, "")
            .map_err(|e| e.in_field("value_unit"))?;
    }
    // A rate of a population or a share lies between 0 and 100 %.
    let bounded = matches!(
        spec,
        TargetSpec::Rate { .. }
            | TargetSpec::ThresholdShare { .. }
            | TargetSpec::Reduction {
                unit: ReductionUnit::PercentagePoints,
                ..
            }
    );
    if bounded {
        for (what, v) in [("value", r.value), ("baseline", r.baseline)] {
            if let Some(v) = v {
                if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                    return Err(Error::invalid_result(
                        Location::new().field(what),
                        format!("the {what} {v} is a rate in %, which must lie between 0 and 100"),
                    ));
                }
            }
        }
    }
    let target_scale = spec.result_scale();
    let from = r.scale.unwrap_or(target_scale);
    let conv = |v: Option<Decimal>, field: &'static str| -> Result<Option<Decimal>> {
        v.map(|v| rescale(v, from, target_scale, "").map_err(|e| e.in_field(field)))
            .transpose()
    };
    let obs = Observation {
        value: conv(r.value, "value")?,
        baseline: conv(r.baseline, "baseline")?,
        out_of: r.out_of,
        baseline_out_of: r.baseline_out_of,
        judgement: r.judgement,
        not_applicable: r.not_applicable,
        components: Vec::new(),
        qualifier: None,
        achieved: None,
    };
    Ok((obs, Some(r.effective_provenance())))
}

/// The component rows of a composite target; the provenance is "estimate" if any row is.
fn composite_observation(slot: &Rows<'_>) -> Result<(Observation, Option<Provenance>)> {
    let mut obs = Observation::default();
    if let Some((_, r)) = slot.main {
        obs.not_applicable = r.not_applicable;
    }
    let mut prov = None;
    for (k, (_, r)) in slot.components.iter().enumerate() {
        let conv = |v: Option<Decimal>, field: &'static str| -> Result<Option<Decimal>> {
            v.map(|v| {
                rescale(v, r.scale.unwrap_or(Scale::One), Scale::One, "").map_err(|e| {
                    e.under([
                        Segment::from("components"),
                        Segment::Index(k),
                        Segment::from(field),
                    ])
                })
            })
            .transpose()
        };
        obs.components.push(ComponentResult {
            component: r.component.clone().unwrap_or_default(),
            value: conv(r.value, "value")?,
            baseline: conv(r.baseline, "baseline")?,
        });
        prov = Some(match prov {
            Some(Provenance::Estimate) => Provenance::Estimate,
            _ => r.effective_provenance(),
        });
    }
    Ok((obs, prov))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_and_cell_limits() {
        assert!(check_rows(crate::limits::MAX_ROWS).is_ok());
        assert_eq!(
            check_rows(crate::limits::MAX_ROWS + 1).unwrap_err().code(),
            "limit_exceeded"
        );
        assert!(check_new_group(crate::limits::MAX_CELLS / 10 - 1, 10).is_ok());
        assert!(check_new_group(crate::limits::MAX_CELLS / 10, 10).is_err());
        assert!(check_new_group(usize::MAX, usize::MAX).is_err());
    }
}
