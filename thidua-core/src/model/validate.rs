//! Validation of a directive: every rule the type system cannot express.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::*;
use crate::error::{Error, Result};

impl Directive {
    /// Checks every rule the type system cannot: a non-empty title and issuer, a plausible
    /// year (1900–2200), unique target ids (across items and
    /// sub-targets), positive values where a ratio needs them, comparators that fit their
    /// kind, item numbers in increasing order.
    pub fn validate(&self) -> Result<()> {
        let invalid = |location: &str, reason: String| Error::InvalidDirective {
            location: location.to_string(),
            reason,
        };
        if self.title.trim().is_empty() {
            return Err(invalid("title", "the title (trích yếu) is empty".into()));
        }
        if self.issuer.name.trim().is_empty() {
            return Err(invalid("issuer.name", "the issuer is empty".into()));
        }
        if !(1900..=2200).contains(&self.coverage.year) {
            return Err(invalid(
                "coverage.year",
                format!("{} is not a plausible year (1900–2200)", self.coverage.year),
            ));
        }
        if let Some(until) = self.coverage.until_year {
            if until < self.coverage.year {
                return Err(Error::InvalidDirective {
                    location: "coverage".into(),
                    reason: format!("until_year {until} is before year {}", self.coverage.year),
                });
            }
        }
        let mut ids = HashSet::new();
        let mut last = 0u32;
        for (i, item) in self.items.iter().enumerate() {
            let loc = format!("items[{i}] (item {})", item.number);
            if item.number <= last {
                return Err(Error::InvalidDirective {
                    location: loc,
                    reason: format!("item numbers must increase (after {last})"),
                });
            }
            last = item.number;
            for (j, t) in item.targets.iter().enumerate() {
                validate_target(t, &format!("{loc}.targets[{j}]"), &mut ids)?;
            }
        }
        Ok(())
    }
}

impl TargetSpec {
    pub(crate) fn validate(&self, loc: &str) -> Result<()> {
        let bad = |reason: String| {
            Err(Error::InvalidDirective {
                location: loc.to_string(),
                reason,
            })
        };
        let higher = |c: &Comparator| -> Result<()> {
            if c.direction() == Direction::HigherIsBetter {
                Ok(())
            } else {
                bad(format!(
                    "comparator {c:?} means lower is better; a {} target needs at_least or above (use a ceiling for an upper limit)",
                    self.kind()
                ))
            }
        };
        let positive = |v: &Decimal, what: &str| -> Result<()> {
            if *v > Decimal::ZERO {
                Ok(())
            } else {
                bad(format!(
                    "{what} must be greater than 0 (found {v}); a zero or negative target has no % of plan"
                ))
            }
        };
        match self {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => {
                higher(comparator)?;
                positive(value, "the rate")?;
                if *value > Decimal::ONE_HUNDRED {
                    return bad(format!("a share cannot exceed 100% (found {value})"));
                }
            }
            TargetSpec::GrowthRate { comparator, value } => {
                higher(comparator)?;
                positive(value, "the growth rate")?;
            }
            TargetSpec::PerCapita {
                comparator,
                value,
                per,
            } => {
                higher(comparator)?;
                positive(&value.value, "the per-capita value")?;
                positive(per, "the population base `per`")?;
            }
            TargetSpec::Count {
                comparator,
                value,
                noun,
                ..
            } => {
                higher(comparator)?;
                positive(value, "the count")?;
                if noun.trim().is_empty() {
                    return bad("the counted noun is empty".into());
                }
            }
            TargetSpec::Amount {
                comparator, value, ..
            } => {
                higher(comparator)?;
                positive(&value.value, "the amount")?;
            }
            TargetSpec::Ceiling { comparator, value } => {
                if comparator.direction() != Direction::LowerIsBetter {
                    return bad(format!(
                        "a ceiling needs at_most or below, found {comparator:?}"
                    ));
                }
                if value.value < Decimal::ZERO {
                    return bad(format!(
                        "a ceiling cannot be negative (found {})",
                        value.value
                    ));
                }
                if *comparator == Comparator::Below && value.value.is_zero() {
                    return bad("\"below 0\" can never be met".into());
                }
            }
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                ..
            } => {
                higher(comparator)?;
                positive(value, "the decrease")?;
                if let Some(h) = value_high {
                    if h <= value {
                        return bad(format!(
                            "the range's upper end {h} must be greater than its lower end {value}"
                        ));
                    }
                }
            }
            TargetSpec::Range { low, high, .. } => {
                low.unit.check_compatible(&high.unit, loc)?;
                let l = low.base_value(loc)?;
                let h = high.base_value(loc)?;
                if h <= l {
                    return bad(format!("the range is empty: {low} to {high}"));
                }
                if l <= Decimal::ZERO {
                    return bad(format!(
                        "the lower bound must be greater than 0 (found {low})"
                    ));
                }
            }
            TargetSpec::RankImprovement { index, .. } => {
                if index.trim().is_empty() {
                    return bad("the index name is empty".into());
                }
            }
            TargetSpec::CompositeDecrease { components } => {
                if components.is_empty() {
                    return bad("a composite decrease needs at least one component".into());
                }
                let mut seen = HashSet::new();
                for c in components {
                    if !seen.insert(c.id.as_str()) {
                        return Err(Error::DuplicateId {
                            id: c.id.clone(),
                            location: format!("{loc}.components"),
                        });
                    }
                }
            }
            TargetSpec::Qualitative {} => {}
            TargetSpec::Reference {
                comparator, value, ..
            } => {
                if let Some(v) = value {
                    if comparator.direction() == Direction::HigherIsBetter {
                        positive(v, "the reference value")?;
                    } else if *v < Decimal::ZERO {
                        return bad(format!("a ceiling cannot be negative (found {v})"));
                    }
                }
            }
        }
        Ok(())
    }
}

fn validate_target<'a>(t: &'a Target, loc: &str, ids: &mut HashSet<&'a str>) -> Result<()> {
    let loc = format!("{loc} (target {:?})", t.id);
    if t.id.trim().is_empty() {
        return Err(Error::InvalidDirective {
            location: loc,
            reason: "the target id is empty".into(),
        });
    }
    if !ids.insert(t.id.as_str()) {
        return Err(Error::DuplicateId {
            id: t.id.clone(),
            location: loc,
        });
    }
    t.spec.validate(&loc)?;
    validate_levels(t, &loc)?;
    for (k, s) in t.sub_targets.iter().enumerate() {
        validate_target(s, &format!("{loc}.sub_targets[{k}]"), ids)?;
    }
    Ok(())
}

/// Whether `other` can stand in for `base` as another level of the same target (or as a
/// unit's own figure): the same result unit (or a short form of it), the same need for a
/// baseline, and a kind that is measured.
pub(crate) fn check_same_measure(base: &TargetSpec, other: &TargetSpec, loc: &str) -> Result<()> {
    let bad = |reason: String| Error::InvalidDirective {
        location: loc.to_string(),
        reason,
    };
    if matches!(
        other,
        TargetSpec::Qualitative {} | TargetSpec::CompositeDecrease { .. }
    ) || matches!(
        base,
        TargetSpec::Qualitative {} | TargetSpec::CompositeDecrease { .. }
    ) {
        if base.kind() != other.kind() {
            return Err(bad(format!(
                "a {} target cannot have a level of kind {}",
                base.kind(),
                other.kind()
            )));
        }
        return Ok(());
    }
    match (base.result_unit(), other.result_unit()) {
        (Some(a), Some(b)) if a.compatibility(&b) == crate::quantity::UnitMatch::Mismatch => {
            return Err(Error::UnitMismatch {
                location: loc.to_string(),
                expected: a.to_string(),
                found: b.to_string(),
            })
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(bad(format!(
                "a {} level cannot stand for a {} target: they are not measured alike",
                other.kind(),
                base.kind()
            )))
        }
        _ => {}
    }
    if base.needs_baseline() != other.needs_baseline()
        && !matches!(other, TargetSpec::Reference { .. })
    {
        return Err(bad(format!(
            "a {} level cannot stand for a {} target: one needs a baseline, the other does not",
            other.kind(),
            base.kind()
        )));
    }
    Ok(())
}

fn validate_levels(t: &Target, loc: &str) -> Result<()> {
    let mut seen = HashSet::new();
    for (k, l) in t.levels.iter().enumerate() {
        let lloc = format!("{loc}.levels[{k}] (level {:?})", l.id);
        if l.id.trim().is_empty() || l.label.trim().is_empty() {
            return Err(Error::InvalidDirective {
                location: lloc,
                reason: "a plan level needs an id and a label".into(),
            });
        }
        if RESERVED_LEVELS.contains(&l.id.as_str()) {
            return Err(Error::InvalidDirective {
                location: lloc,
                reason: format!(
                    "{:?} is a reserved level id ({})",
                    l.id,
                    RESERVED_LEVELS.join(", ")
                ),
            });
        }
        if !seen.insert(l.id.as_str()) {
            return Err(Error::DuplicateId {
                id: l.id.clone(),
                location: lloc,
            });
        }
        l.spec.validate(&lloc)?;
        check_same_measure(&t.spec, &l.spec, &lloc)?;
    }
    if let Some(d) = &t.default_level {
        if d != "directive" && !t.levels.iter().any(|l| &l.id == d) {
            return Err(Error::InvalidDirective {
                location: format!("{loc}.default_level"),
                reason: format!(
                    "{d:?} is not one of the target's levels (directive{})",
                    t.levels
                        .iter()
                        .map(|l| format!(", {}", l.id))
                        .collect::<String>()
                ),
            });
        }
    }
    Ok(())
}
