//! Validation of a directive: every rule the type system cannot express.
//!
//! Errors are located by path from the directive (`items[2].targets[0].spec.value`) with the
//! item and target named in words; the walk over targets and their "trong đó" sub-targets is
//! iterative, so that no input depth can exhaust the stack.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::*;
use crate::error::{Error, Location, Result, Segment};
use crate::limits::MAX_SUB_TARGET_DEPTH;
use crate::quantity::Quantity;

fn bad(field: &'static str, reason: String) -> Error {
    Error::invalid_directive(Location::new().field(field), reason)
}

impl Directive {
    /// Checks every rule the type system cannot: a non-empty title and issuer, a plausible
    /// year (1900–2200), unique target ids (across items and sub-targets), positive values
    /// where a ratio needs them, comparators that fit their kind, item numbers in increasing
    /// order, sub-targets at most [`MAX_SUB_TARGET_DEPTH`] levels deep.
    ///
    /// ```
    /// use thidua_core::Directive;
    /// let mut d = Directive::from_json(r#"{"kind": "plan", "issuer": {"name": "UBND huyện X"},
    ///   "coverage": {"year": 2024}, "title": "t", "items": [{"number": 1, "text": "…",
    ///   "targets": [{"id": "1", "name": "Tỷ lệ", "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}}]}]}"#)?;
    /// d.items[0].targets[0].spec = serde_json::from_str(r#"{"kind": "rate", "comparator": "at_least", "value": "150"}"#)?;
    /// let e = d.validate().unwrap_err();
    /// assert_eq!(e.location().path(), "items[0].targets[0].spec.value");
    /// assert_eq!(e.to_string(), "invalid directive at items[0].targets[0].spec.value (item 1, target \"1\"): a share cannot exceed 100% (found 150)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.target_count() > crate::limits::MAX_TARGETS {
            return Err(crate::limits::Limit::Targets.exceeded(Location::new().field("items")));
        }
        if self.title.trim().is_empty() {
            return Err(bad("title", "the title (trích yếu) is empty".into()));
        }
        if self.issuer.name.trim().is_empty() {
            return Err(bad("name", "the issuer is empty".into()).in_field("issuer"));
        }
        if !(1900..=2200).contains(&self.coverage.year) {
            return Err(bad(
                "year",
                format!("{} is not a plausible year (1900–2200)", self.coverage.year),
            )
            .in_field("coverage"));
        }
        if let Some(until) = self.coverage.until_year {
            if until < self.coverage.year {
                return Err(bad(
                    "until_year",
                    format!("until_year {until} is before year {}", self.coverage.year),
                )
                .in_field("coverage"));
            }
        }
        let mut ids = HashSet::new();
        let mut last = 0u32;
        for (i, item) in self.items.iter().enumerate() {
            let in_item = |e: Error| {
                e.at_index(i)
                    .in_field("items")
                    .with_context(|| format!("item {}", item.number))
            };
            if item.number <= last {
                return Err(in_item(bad(
                    "number",
                    format!("item numbers must increase (after {last})"),
                )));
            }
            last = item.number;
            validate_targets(item.number, &item.targets, &mut ids).map_err(in_item)?;
        }
        Ok(())
    }
}

/// Validates an item's targets and, depth first, their sub-targets, with an explicit stack.
fn validate_targets<'a>(
    item: u32,
    targets: &'a [Target],
    ids: &mut HashSet<&'a str>,
) -> Result<()> {
    // Each frame: a list of targets and the index of the next one to visit.
    let mut stack: Vec<(&'a [Target], usize)> = vec![(targets, 0)];
    while let Some(top) = stack.last_mut() {
        let (list, next) = *top;
        let Some(t) = list.get(next) else {
            stack.pop();
            continue;
        };
        top.1 += 1;
        let located = |e: Error| {
            let mut path = Vec::with_capacity(2 * stack.len());
            for (depth, (_, n)) in stack.iter().enumerate() {
                path.push(Segment::from(if depth == 0 {
                    "targets"
                } else {
                    "sub_targets"
                }));
                path.push(Segment::Index(n - 1));
            }
            e.under(path)
                .with_context(|| format!("item {item}, target {:?}", excerpt(&t.id)))
        };
        validate_target(t, ids).map_err(located)?;
        if !t.sub_targets.is_empty() {
            // The stack holds the item's list and one list per level of sub-targets.
            if stack.len() > MAX_SUB_TARGET_DEPTH {
                return Err(located(Error::LimitExceeded {
                    limit: crate::limits::Limit::SubTargetDepth,
                    max: MAX_SUB_TARGET_DEPTH as u64,
                    location: Location::new().field("sub_targets"),
                }));
            }
            stack.push((&t.sub_targets, 0));
        }
    }
    Ok(())
}

/// The rules of one target on its own (its sub-targets are visited by the caller).
fn validate_target<'a>(t: &'a Target, ids: &mut HashSet<&'a str>) -> Result<()> {
    if t.id.trim().is_empty() {
        return Err(bad("id", "the target id is empty".into()));
    }
    if !ids.insert(t.id.as_str()) {
        return Err(Error::DuplicateId {
            id: excerpt(&t.id),
            location: Location::new().field("id"),
        });
    }
    t.spec.validate().map_err(|e| e.in_field("spec"))?;
    validate_levels(t)
}

fn excerpt(s: &str) -> String {
    crate::error::excerpt(s)
}

/// A higher-is-better kind needs `at_least` or `above`.
fn higher(kind: TargetKind, c: Comparator) -> Result<()> {
    if c.direction() == Direction::HigherIsBetter {
        Ok(())
    } else {
        Err(bad(
            "comparator",
            format!(
                "comparator {} means lower is better; a {kind} target needs at_least or above (use a ceiling for an upper limit)",
                <&str>::from(c)
            ),
        ))
    }
}

/// A value a ratio is taken against must be greater than 0.
fn positive(field: &'static str, v: Decimal, what: &str) -> Result<()> {
    if v > Decimal::ZERO {
        Ok(())
    } else {
        Err(bad(
            field,
            format!(
                "{what} must be greater than 0 (found {v}); a zero or negative target has no % of plan"
            ),
        ))
    }
}

impl TargetSpec {
    /// The rules of the kind; errors are located from the spec (`value`, `comparator`…).
    pub(crate) fn validate(&self) -> Result<()> {
        let kind = self.kind();
        match self {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => {
                higher(kind, *comparator)?;
                positive("value", *value, "the rate")?;
                if *value > Decimal::ONE_HUNDRED {
                    return Err(bad(
                        "value",
                        format!("a share cannot exceed 100% (found {value})"),
                    ));
                }
            }
            TargetSpec::GrowthRate { comparator, value } => {
                higher(kind, *comparator)?;
                positive("value", *value, "the growth rate")?;
            }
            TargetSpec::PerCapita {
                comparator,
                value,
                per,
                ..
            } => {
                higher(kind, *comparator)?;
                positive("value", value.value, "the per-capita value")?;
                positive("per", *per, "the population base `per`")?;
            }
            TargetSpec::Count {
                comparator,
                value,
                noun,
                ..
            } => {
                higher(kind, *comparator)?;
                positive("value", *value, "the count")?;
                if noun.trim().is_empty() {
                    return Err(bad("noun", "the counted noun is empty".into()));
                }
            }
            TargetSpec::Amount {
                comparator, value, ..
            } => {
                higher(kind, *comparator)?;
                positive("value", value.value, "the amount")?;
            }
            TargetSpec::Ceiling { comparator, value } => validate_ceiling(*comparator, value)?,
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                ..
            } => {
                higher(kind, *comparator)?;
                positive("value", *value, "the decrease")?;
                if let Some(h) = value_high {
                    if h <= value {
                        return Err(bad(
                            "value_high",
                            format!(
                                "the range's upper end {h} must be greater than its lower end {value}"
                            ),
                        ));
                    }
                }
            }
            TargetSpec::Range { low, high, .. } => validate_range(low, high)?,
            TargetSpec::RankImprovement { index, .. } => {
                if index.trim().is_empty() {
                    return Err(bad("index", "the index name is empty".into()));
                }
            }
            TargetSpec::CompositeDecrease { components } => validate_components(components)?,
            TargetSpec::Qualitative {} => {}
            TargetSpec::Reference {
                comparator, value, ..
            } => {
                if let Some(v) = value {
                    if comparator.direction() == Direction::HigherIsBetter {
                        positive("value", *v, "the reference value")?;
                    } else if *v < Decimal::ZERO {
                        return Err(bad(
                            "value",
                            format!("a ceiling cannot be negative (found {v})"),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

fn validate_ceiling(comparator: Comparator, value: &Quantity) -> Result<()> {
    if comparator.direction() != Direction::LowerIsBetter {
        return Err(bad(
            "comparator",
            format!(
                "a ceiling needs at_most or below, found {}",
                <&str>::from(comparator)
            ),
        ));
    }
    if value.value < Decimal::ZERO {
        return Err(bad(
            "value",
            format!("a ceiling cannot be negative (found {})", value.value),
        ));
    }
    if comparator == Comparator::Below && value.value.is_zero() {
        return Err(bad("value", "\"below 0\" can never be met".into()));
    }
    Ok(())
}

fn validate_range(low: &Quantity, high: &Quantity) -> Result<()> {
    low.unit
        .check_compatible(&high.unit, Location::new().field("high").field("unit"))?;
    let l = low.base_value(Location::new().field("low"))?;
    let h = high.base_value(Location::new().field("high"))?;
    if h <= l {
        return Err(bad("high", format!("the range is empty: {low} to {high}")));
    }
    if l <= Decimal::ZERO {
        return Err(bad(
            "low",
            format!("the lower bound must be greater than 0 (found {low})"),
        ));
    }
    Ok(())
}

fn validate_components(components: &[Component]) -> Result<()> {
    if components.is_empty() {
        return Err(bad(
            "components",
            "a composite decrease needs at least one component".into(),
        ));
    }
    let mut seen = HashSet::new();
    for (k, c) in components.iter().enumerate() {
        if !seen.insert(c.id.as_str()) {
            return Err(Error::DuplicateId {
                id: excerpt(&c.id),
                location: Location::new().field("components").index(k).field("id"),
            });
        }
    }
    Ok(())
}

/// Whether `other` can stand in for `base` as another level of the same target (or as a
/// unit's own figure): the same result unit (or a short form of it), the same need for a
/// baseline, and a kind that is measured. Errors are located relative to `other`.
pub(crate) fn check_same_measure(base: &TargetSpec, other: &TargetSpec) -> Result<()> {
    let unmeasured = |s: &TargetSpec| {
        matches!(
            s,
            TargetSpec::Qualitative {} | TargetSpec::CompositeDecrease { .. }
        )
    };
    if unmeasured(base) || unmeasured(other) {
        if base.kind() != other.kind() {
            return Err(bad(
                "kind",
                format!(
                    "a {} target cannot have a level of kind {}",
                    base.kind(),
                    other.kind()
                ),
            ));
        }
        return Ok(());
    }
    match (base.result_unit(), other.result_unit()) {
        (Some(a), Some(b)) if a.compatibility(&b) == crate::quantity::UnitMatch::Mismatch => {
            return Err(Error::UnitMismatch {
                location: Location::new(),
                expected: a.to_string(),
                found: b.to_string(),
            })
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(bad(
                "kind",
                format!(
                    "a {} level cannot stand for a {} target: they are not measured alike",
                    other.kind(),
                    base.kind()
                ),
            ))
        }
        _ => {}
    }
    if base.needs_baseline() != other.needs_baseline()
        && !matches!(other, TargetSpec::Reference { .. })
    {
        return Err(bad(
            "kind",
            format!(
                "a {} level cannot stand for a {} target: one needs a baseline, the other does not",
                other.kind(),
                base.kind()
            ),
        ));
    }
    Ok(())
}

fn validate_levels(t: &Target) -> Result<()> {
    let mut seen = HashSet::new();
    for (k, l) in t.levels.iter().enumerate() {
        let in_level = |e: Error| {
            e.at_index(k)
                .in_field("levels")
                .with_context(|| format!("level {:?}", excerpt(&l.id)))
        };
        if l.id.trim().is_empty() || l.label.trim().is_empty() {
            return Err(in_level(bad(
                "id",
                "a plan level needs an id and a label".into(),
            )));
        }
        if RESERVED_LEVELS.contains(&l.id.as_str()) {
            return Err(in_level(bad(
                "id",
                format!(
                    "{:?} is a reserved level id ({})",
                    l.id,
                    RESERVED_LEVELS.join(", ")
                ),
            )));
        }
        if !seen.insert(l.id.as_str()) {
            return Err(in_level(Error::DuplicateId {
                id: excerpt(&l.id),
                location: Location::new().field("id"),
            }));
        }
        l.spec
            .validate()
            .and_then(|()| check_same_measure(&t.spec, &l.spec))
            .map_err(|e| in_level(e.in_field("spec")))?;
    }
    if let Some(d) = &t.default_level {
        if d != "directive" && !t.levels.iter().any(|l| &l.id == d) {
            return Err(bad(
                "default_level",
                format!(
                    "{:?} is not one of the target's levels (directive{})",
                    excerpt(d),
                    t.levels
                        .iter()
                        .map(|l| format!(", {}", l.id))
                        .collect::<String>()
                ),
            ));
        }
    }
    Ok(())
}
