//! Each unit's own targets (chỉ tiêu giao cho từng đơn vị, đăng ký thi đua): a table of unit ×
//! target → figure that overrides the directive's figure for that unit.
//!
//! The province's directive states the province's targets; each district, department or
//! enterprise is then assigned its own figures (giao chỉ tiêu), and pledges its own in the
//! emulation registration (đăng ký / giao ước thi đua), often above the assigned level. A
//! [`TargetTable`] holds both, one row per unit × target × level, in the shape of a long table
//! (it maps directly to a DataFrame or a JSON array):
//!
//! | level | meaning | evaluated |
//! |---|---|---|
//! | `assigned` (default) | the figure assigned to the unit | instead of the directive's figure |
//! | `pledged` | the unit's own pledge | beside the assigned one (or the directive's) |
//! | a directive level id | the unit's figure for one of the target's named [`crate::PlanLevel`]s | instead of that level's figure |
//!
//! A row gives either a `value` (with `value_high` for a range, and optionally a `comparator`,
//! a `scale` and a `value_unit`), which replaces the figure of the directive's target and
//! keeps its kind, or a whole `spec` (a target of another kind). The same rules as the
//! directive apply (`Directive::validate`): a comparator that fits the kind, positive figures
//! where a ratio needs them, units never converted (đồng vs USD is an error), scales converted
//! exactly **into the directive's scale** (so results keep being read in the directive's
//! scale). `not_applicable` marks a target that does not apply to the unit (exports for a
//! mountain district): its status is "không áp dụng" whatever is reported.
//!
//! Units without a row for a target fall back to the directive's figure, or, with
//! `unassigned: "error"` in [`crate::EvaluationOptions`], are an error.
//!
//! ```
//! use thidua_core::{evaluate_with_targets, Directive, EvaluationOptions, ResultSet, Status, TargetTable};
//! // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
//! // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
//! // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
//! # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
//! # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
//! # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
//! # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
//! # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
//! # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
//! let table = TargetTable::from_json(r#"[
//!   {"unit": "Huyện Sa Thầy", "target": "3", "value": "160", "scale": "billion", "source": "QĐ giao dự toán"},
//!   {"unit": "Huyện Sa Thầy", "target": "3", "level": "pledged", "value": "175"}
//! ]"#)?;
//! let results = ResultSet::from_json(r#"[{"unit": "Huyện Sa Thầy", "target": "3", "period": "2024", "value": "170"}]"#)?;
//! let e = evaluate_with_targets(&d, &table, &results, &EvaluationOptions::default())?;
//! let t = e.units[0].target("3").ok_or("no target 3")?;
//! assert_eq!((t.level.as_str(), t.status), ("assigned", Status::Exceeded)); // 170 against 160
//! assert_eq!(t.levels[0].status, Status::NotMet);                           // 170 against the pledge of 175
//! assert!(t.explanation.vi.contains("giao cho Huyện Sa Thầy"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{excerpt, Error, Location, Result};
use crate::model::{Comparator, Direction, Directive, Target, TargetSpec};
use crate::quantity::{rescale, Quantity, Scale, Unit, UnitMatch};

/// One row of a [`TargetTable`]: a unit's figure for one target at one level.
///
/// ```
/// use thidua_core::UnitTarget;
/// let r: UnitTarget = serde_json::from_str(
///   r#"{"unit": "Huyện A", "target": "1", "value": "8.5", "source": "NQ HĐND huyện"}"#)?;
/// assert_eq!(r.level(), "assigned");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitTarget {
    /// The unit, exactly as in the results.
    pub unit: String,
    /// The target id in the directive.
    pub target: String,
    /// `"assigned"` (the default), `"pledged"`, or the id of one of the target's plan levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The year the figure is for, in a directive covering several years; absent = every year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The figure (decimal string in JSON), in the directive's unit; the lower end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub value: Option<Decimal>,
    /// The upper end of a range ("7–7,5%"), for a range or a range of decrease.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub value_high: Option<Decimal>,
    /// The comparator, when it differs from the directive's (it must fit the kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    /// The scale of `value` when it differs from the directive's ("triệu" for a target in "tỷ").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// The unit of `value` as written ("tỷ đồng", "triệu USD", "lượt"): checked against the
    /// directive's unit, never converted; a scale word in front sets the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_unit: Option<Unit>,
    /// A whole target of another kind for this unit, instead of `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<TargetSpec>,
    /// The target does not apply to this unit (không áp dụng).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// Where the figure comes from ("Quyết định giao chỉ tiêu số …", "Bản đăng ký thi đua").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl UnitTarget {
    /// The level this row sets (`"assigned"` when it does not say).
    pub fn level(&self) -> &str {
        self.level.as_deref().unwrap_or("assigned")
    }
}

/// Each unit's own targets. See the [module documentation](self).
///
/// ```
/// use thidua_core::TargetTable;
/// let t = TargetTable::from_json(r#"{"entries": [{"unit": "Huyện A", "target": "3", "value": "160"}]}"#)?;
/// assert_eq!(t.entries.len(), 1);
/// assert!(TargetTable::default().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TargetTable {
    /// Free text describing the table (the decision that assigned the figures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The rows.
    pub entries: Vec<UnitTarget>,
}

impl TargetTable {
    /// Reads a table from JSON: `{"entries": [...]}` or a bare array of rows.
    pub fn from_json(json: &str) -> Result<TargetTable> {
        let v: serde_json::Value =
            serde_json::from_str(json).map_err(|e| Error::json("target table", &e))?;
        if v.is_array() {
            let entries: Vec<UnitTarget> =
                serde_json::from_value(v).map_err(|e| Error::json("target table", &e))?;
            Ok(TargetTable {
                description: None,
                entries,
            })
        } else {
            serde_json::from_value(v).map_err(|e| Error::json("target table", &e))
        }
    }

    /// Writes the table as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Checks every row against the directive and turns it into the target it stands for:
    /// the resolved, pre-compiled form the evaluation uses (plain data).
    ///
    /// Errors name the row (`targets[3] (unit "Huyện A", target "7", level "assigned")`): an
    /// unknown target or level, two rows for the same unit × target × level × year, a row
    /// with neither `value`, `spec` nor `not_applicable`, a figure that breaks the directive's
    /// rules, a unit mismatch, an overflow.
    ///
    /// ```
    /// use thidua_core::{Directive, TargetTable};
    /// // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
    /// // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
    /// // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
    /// # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
    /// # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
    /// # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
    /// # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
    /// # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
    /// # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
    /// let bad = TargetTable::from_json(r#"[{"unit": "Huyện A", "target": "3", "value": "160", "value_unit": "USD"}]"#)?;
    /// let e = bad.resolve(&d).unwrap_err();
    /// assert_eq!(e.code(), "unit_mismatch");
    /// assert!(e.to_string().contains("targets[0]"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve(&self, directive: &Directive) -> Result<ResolvedTargets> {
        let mut map: HashMap<(String, String, String), Vec<ResolvedTarget>> = HashMap::new();
        if self.entries.is_empty() {
            return Ok(ResolvedTargets { map });
        }
        // One lookup per row, whatever the number of targets (#9.4).
        let targets = directive.target_index();
        for (i, row) in self.entries.iter().enumerate() {
            let located = |e: Error| {
                e.at_index(i).in_field("targets").with_context(|| {
                    format!(
                        "unit {:?}, target {:?}, level {:?}{}",
                        excerpt(&row.unit),
                        excerpt(&row.target),
                        excerpt(row.level()),
                        row.year.map(|y| format!(", year {y}")).unwrap_or_default()
                    )
                })
            };
            resolve_row(directive, &targets, row, i, &mut map).map_err(located)?;
        }
        Ok(ResolvedTargets { map })
    }
}

/// Checks one row and adds what it stands for; errors are located in the row.
fn resolve_row(
    directive: &Directive,
    targets: &HashMap<&str, &Target>,
    row: &UnitTarget,
    i: usize,
    map: &mut HashMap<(String, String, String), Vec<ResolvedTarget>>,
) -> Result<()> {
    if row.unit.trim().is_empty() {
        return Err(Error::invalid_input(
            Location::new().field("unit"),
            "the unit is empty",
        ));
    }
    let Some(&t) = targets.get(row.target.as_str()) else {
        return Err(Error::UnknownTarget {
            target: excerpt(&row.target),
            location: Location::new().field("target"),
        });
    };
    let level = row.level().to_string();
    let base = match level.as_str() {
        "assigned" | "pledged" => &t.spec,
        "directive" => {
            return Err(Error::invalid_input(
                Location::new().field("level"),
                "a unit's figure is `assigned` (it replaces the directive's figure for the unit), `pledged`, or for a named plan level",
            ))
        }
        id => match t.levels.iter().find(|l| l.id == id) {
            Some(l) => &l.spec,
            None => {
                return Err(Error::invalid_input(
                    Location::new().field("level"),
                    format!(
                        "no level {:?}: use \"assigned\", \"pledged\" or one of the target's levels ({})",
                        excerpt(id),
                        if t.levels.is_empty() {
                            "it has none".to_string()
                        } else {
                            t.levels
                                .iter()
                                .map(|l| l.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ),
                ))
            }
        },
    };
    if let Some(y) = row.year {
        if !directive.coverage.contains(y) {
            return Err(Error::InvalidPeriod {
                location: Location::new().field("year"),
                reason: format!("year {y} is outside the directive's coverage"),
            });
        }
    }
    let spec = if row.not_applicable {
        if row.value.is_some() || row.spec.is_some() || row.value_high.is_some() {
            return Err(Error::invalid_input(
                Location::new().field("not_applicable"),
                "a row marked not_applicable cannot also carry a figure",
            ));
        }
        None
    } else {
        Some(apply(base, row)?)
    };
    let key = (row.unit.clone(), row.target.clone(), level);
    let list = map.entry(key).or_default();
    if let Some(prev) = list.iter().find(|p| p.year == row.year) {
        return Err(Error::DuplicateId {
            id: excerpt(&format!("{} × {} × {}", row.unit, row.target, row.level())),
            location: Location::new().with_context(format!("also at targets[{}]", prev.row)),
        });
    }
    list.push(ResolvedTarget {
        row: i,
        year: row.year,
        spec,
        source: row.source.clone(),
        note: row.note.clone(),
    });
    Ok(())
}

/// A resolved row of a [`TargetTable`]: the target this unit is evaluated against at one level.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedTarget {
    /// Index of the row in the table.
    pub row: usize,
    /// The year it is for; `None` = every year.
    pub year: Option<i32>,
    /// The target; `None` when the row marks the target not applicable to the unit.
    pub spec: Option<TargetSpec>,
    /// Where the figure comes from.
    pub source: Option<String>,
    /// Free text.
    pub note: Option<String>,
}

/// The output of [`TargetTable::resolve`]: unit × target × level (× year) → target.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ResolvedTargets {
    map: HashMap<(String, String, String), Vec<ResolvedTarget>>,
}

impl ResolvedTargets {
    /// The figure for a unit, target, level and year: a row for that year, else a row for
    /// every year.
    pub fn get(&self, unit: &str, target: &str, level: &str, year: i32) -> Option<&ResolvedTarget> {
        let list = self
            .map
            .get(&(unit.to_string(), target.to_string(), level.to_string()))?;
        list.iter()
            .find(|r| r.year == Some(year))
            .or_else(|| list.iter().find(|r| r.year.is_none()))
    }

    /// Whether the table had no rows.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn invalid(field: &'static str, reason: String) -> Error {
    Error::invalid_directive(Location::new().field(field), reason)
}

/// The directive's target with this row's figure.
fn apply(base: &TargetSpec, row: &UnitTarget) -> Result<TargetSpec> {
    if let Some(spec) = &row.spec {
        return whole_spec(base, row, spec);
    }
    let Some(value) = row.value else {
        return Err(Error::invalid_input(
            Location::new(),
            "a row needs `value`, `spec` or `not_applicable`",
        ));
    };
    // Unit and scale of the row, checked against the directive's, converted into its scale.
    let scale = row_scale(base, row)?;
    let target_scale = base.result_scale();
    let conv = |v: Decimal| -> Result<Decimal> {
        rescale(
            v,
            scale.unwrap_or(target_scale),
            target_scale,
            Location::new().field("value"),
        )
    };
    let v = conv(value)?;
    let hi = row.value_high.map(conv).transpose()?;
    let spec = with_figure(base, row, v, hi)?;
    spec.validate()?;
    Ok(spec)
}

/// A row's whole target (`spec`): alone, valid, and of the directive's measure.
fn whole_spec(base: &TargetSpec, row: &UnitTarget, spec: &TargetSpec) -> Result<TargetSpec> {
    if row.value.is_some() || row.value_high.is_some() || row.comparator.is_some() {
        return Err(Error::InvalidInput {
            location: Location::new(),
            reason: "give either `spec` (a whole target) or `value` (and its companions), not both"
                .into(),
        });
    }
    spec.validate()
        .and_then(|()| crate::model::check_same_measure(base, spec))
        .map_err(|e| e.in_field("spec"))?;
    Ok(spec.clone())
}

/// The scale a row's figure is written in (from `value_unit` or `scale`, which must agree),
/// its unit checked against the target's; `None` = the target's own scale.
fn row_scale(base: &TargetSpec, row: &UnitTarget) -> Result<Option<Scale>> {
    let (mut scale, unit) = match &row.value_unit {
        None => (None, None),
        Some(u) => {
            let (s, u) = crate::quantity::parse_unit_phrase(&u.to_string())
                .map_err(|e| e.in_field("value_unit"))?;
            (s, Some(u))
        }
    };
    match (scale, row.scale) {
        (Some(a), Some(b)) if a != b => {
            return Err(Error::invalid_input(
                Location::new().field("scale"),
                format!(
                    "`value_unit` says the scale {} but `scale` says {}",
                    <&str>::from(a),
                    <&str>::from(b)
                ),
            ))
        }
        (None, b) => scale = b,
        _ => {}
    }
    // A reduction's row gives the decrease: in points of a rate, in % of the baseline, or in
    // the result's own unit (which the directive does not name, so any unit goes).
    let expected = match base {
        TargetSpec::Reduction { unit: ru, .. } => match ru {
            crate::model::ReductionUnit::PercentagePoints => Some(Unit::PercentagePoint),
            crate::model::ReductionUnit::PercentOfBaseline => Some(Unit::Percent),
            _ => None,
        },
        _ => base.result_unit(),
    };
    if let (Some(u), Some(expected)) = (&unit, expected) {
        if expected.compatibility(u) == UnitMatch::Mismatch
            && !(expected == Unit::PercentagePoint && *u == Unit::Percent)
        {
            return Err(Error::UnitMismatch {
                location: Location::new().field("value_unit"),
                expected: expected.to_string(),
                found: u.to_string(),
            });
        }
    }
    Ok(scale)
}

/// What a kind with one figure and no upper end is called in the error for a row that
/// gives one; `None` for the kinds that take an upper end (reduction, range) or no figure.
fn single_figure_kind(base: &TargetSpec) -> Option<&'static str> {
    Some(match base {
        TargetSpec::Rate { .. } => "rate",
        TargetSpec::GrowthRate { .. } => "growth rate",
        TargetSpec::ThresholdShare { .. } => "threshold share",
        TargetSpec::PerCapita { .. } => "per-capita",
        TargetSpec::Count { .. } => "count",
        TargetSpec::Amount { .. } => "amount",
        TargetSpec::Ceiling { .. } => "ceiling",
        TargetSpec::RankImprovement { .. } => "rank",
        TargetSpec::Reference { .. } => "reference",
        TargetSpec::Reduction { .. }
        | TargetSpec::Range { .. }
        | TargetSpec::CompositeDecrease { .. }
        | TargetSpec::Qualitative {} => return None,
    })
}

/// The directive's target `base` of the same kind with the row's figure `v` (and upper end
/// `hi`, in the target's scale) and comparator; every other field is the directive's.
fn with_figure(
    base: &TargetSpec,
    row: &UnitTarget,
    v: Decimal,
    hi: Option<Decimal>,
) -> Result<TargetSpec> {
    if let (Some(what), Some(_)) = (single_figure_kind(base), hi) {
        return Err(Error::InvalidInput {
            location: Location::new(),
            reason: format!(
                "a {what} target has no upper end: give `spec` with a range to change the kind"
            ),
        });
    }
    let cmp = |c: Comparator| row.comparator.unwrap_or(c);
    let mut spec = base.clone();
    match &mut spec {
        TargetSpec::Rate {
            comparator, value, ..
        }
        | TargetSpec::GrowthRate {
            comparator, value, ..
        }
        | TargetSpec::ThresholdShare {
            comparator, value, ..
        }
        | TargetSpec::Count {
            comparator, value, ..
        } => {
            *comparator = cmp(*comparator);
            *value = v;
        }
        TargetSpec::PerCapita {
            comparator, value, ..
        }
        | TargetSpec::Amount {
            comparator, value, ..
        }
        | TargetSpec::Ceiling {
            comparator, value, ..
        } => {
            *comparator = cmp(*comparator);
            value.value = v; // the target's scale and unit
        }
        TargetSpec::Reduction {
            comparator,
            value,
            value_high,
            ..
        } => {
            *comparator = cmp(*comparator);
            *value = v;
            *value_high = hi;
        }
        TargetSpec::Range { low, high, .. } => {
            let h = range_high(row, low, high, hi)?;
            low.value = v;
            high.value = h;
        }
        TargetSpec::RankImprovement { places, .. } => *places = whole_places(v)?,
        TargetSpec::Reference {
            comparator, value, ..
        } => {
            *comparator = same_direction(cmp(*comparator), *comparator)?;
            *value = Some(v);
        }
        TargetSpec::CompositeDecrease { .. } | TargetSpec::Qualitative {} => {
            return Err(Error::InvalidInput {
                location: Location::new(),
                reason: format!(
                    "a {} target has no figure to assign (use not_applicable, or give `spec`)",
                    base.kind()
                ),
            })
        }
    }
    Ok(spec)
}

/// A range's upper end for a row: no comparator, `value_high` required, converted from the
/// scale of the low end to that of the high end.
fn range_high(
    row: &UnitTarget,
    low: &Quantity,
    high: &Quantity,
    hi: Option<Decimal>,
) -> Result<Decimal> {
    if row.comparator.is_some() {
        return Err(Error::invalid_input(
            Location::new().field("comparator"),
            "a range has no comparator: give `spec` to change the kind",
        ));
    }
    let Some(h) = hi else {
        return Err(Error::invalid_input(
            Location::new().field("value_high"),
            "a range target needs `value` and `value_high` (or `spec` to change the kind)",
        ));
    };
    rescale(
        h,
        low.scale,
        high.scale,
        Location::new().field("value_high"),
    )
}

/// A rank improvement's places: a whole number ≥ 0 that fits in 32 bits.
fn whole_places(v: Decimal) -> Result<u32> {
    if v < Decimal::ZERO || !v.fract().is_zero() || v > Decimal::from(u32::MAX) {
        return Err(invalid(
            "value",
            format!("places must be a whole number ≥ 0 (found {v})"),
        ));
    }
    Ok(v.to_string().parse().unwrap_or(0))
}

/// A reference target's comparator `c` for a row: it may not reverse the direction of the
/// directive's `base` (unless that one is judged).
fn same_direction(c: Comparator, base: Comparator) -> Result<Comparator> {
    if c.direction() != base.direction() && base.direction() != Direction::Judged {
        return Err(invalid(
            "value",
            format!(
                "comparator {} reverses the direction of the directive's target",
                <&str>::from(c)
            ),
        ));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    /// `apply` on a base target and a row's figure: the target it gives (JSON), or the
    /// error's code, message and location.
    fn applied(base: &Value, row: &Value) -> String {
        let base: TargetSpec = serde_json::from_value(base.clone()).unwrap();
        let mut r = json!({"unit": "Huyện A", "target": "1"});
        for (k, v) in row.as_object().unwrap() {
            r[k] = v.clone();
        }
        let row: UnitTarget = serde_json::from_value(r).unwrap();
        match apply(&base, &row) {
            Ok(s) => serde_json::to_string(&s).unwrap(),
            Err(e) => format!("{} | {e} | {:?}", e.code(), e.location()),
        }
    }

    /// Pins every kind's figure and every error of `apply`, word for word.
    #[test]
    fn every_kind_and_error_of_a_row_figure_is_pinned() {
        let rate = json!({"kind": "rate", "comparator": "at_least", "value": "54"});
        let cases = [
            (rate.clone(), json!({"value": "60"})),
            (rate.clone(), json!({"value": "60", "comparator": "above"})),
            (rate.clone(), json!({"value": "60", "value_unit": "%"})),
            (rate.clone(), json!({"value": "60", "value_unit": "đồng"})),
            (rate.clone(), json!({"value": "60", "value_high": "70"})),
            (rate.clone(), json!({"value": "150"})),
            (rate.clone(), json!({})),
            (
                rate.clone(),
                json!({"spec": {"kind": "rate", "comparator": "at_least", "value": "70"}}),
            ),
            (
                rate.clone(),
                json!({"spec": {"kind": "rate", "comparator": "at_least", "value": "70"}, "value": "1"}),
            ),
            (
                rate.clone(),
                json!({"spec": {"kind": "rate", "comparator": "at_least", "value": "170"}}),
            ),
            (
                rate.clone(),
                json!({"spec": {"kind": "count", "comparator": "at_least", "value": "3", "noun": "xã", "measure": "flow"}}),
            ),
            (
                json!({"kind": "growth_rate", "comparator": "at_least", "value": "10"}),
                json!({"value": "8"}),
            ),
            (
                json!({"kind": "growth_rate", "comparator": "at_least", "value": "10"}),
                json!({"value": "8", "value_high": "9"}),
            ),
            (
                json!({"kind": "threshold_share", "comparator": "at_least", "value": "100", "of": "khu công nghiệp"}),
                json!({"value": "90"}),
            ),
            (
                json!({"kind": "threshold_share", "comparator": "at_least", "value": "100", "of": "khu công nghiệp"}),
                json!({"value": "90", "value_high": "95"}),
            ),
            (
                json!({"kind": "per_capita", "comparator": "above", "value": {"value": "50", "scale": "million", "unit": "đồng"}, "per": "1"}),
                json!({"value": "60"}),
            ),
            (
                json!({"kind": "per_capita", "comparator": "above", "value": {"value": "50", "scale": "million", "unit": "đồng"}, "per": "1"}),
                json!({"value": "60000", "scale": "thousand"}),
            ),
            (
                json!({"kind": "per_capita", "comparator": "above", "value": {"value": "50", "scale": "million", "unit": "đồng"}, "per": "1"}),
                json!({"value": "0.06", "value_unit": "tỷ đồng"}),
            ),
            (
                json!({"kind": "per_capita", "comparator": "above", "value": {"value": "50", "scale": "million", "unit": "đồng"}, "per": "1"}),
                json!({"value": "0.06", "value_unit": "tỷ đồng", "scale": "million"}),
            ),
            (
                json!({"kind": "per_capita", "comparator": "above", "value": {"value": "50", "scale": "million", "unit": "đồng"}, "per": "1"}),
                json!({"value": "60", "value_high": "70"}),
            ),
            (
                json!({"kind": "count", "comparator": "at_least", "value": "380", "noun": "doanh nghiệp", "measure": "flow"}),
                json!({"value": "400", "comparator": "at_most"}),
            ),
            (
                json!({"kind": "count", "comparator": "at_least", "value": "380", "noun": "doanh nghiệp", "measure": "flow"}),
                json!({"value": "400", "value_high": "500"}),
            ),
            (
                json!({"kind": "amount", "comparator": "at_least", "value": {"value": "3500", "scale": "billion", "unit": "đồng"}, "measure": "flow"}),
                json!({"value": "4000"}),
            ),
            (
                json!({"kind": "amount", "comparator": "at_least", "value": {"value": "3500", "scale": "billion", "unit": "đồng"}, "measure": "flow"}),
                json!({"value": "4000", "value_unit": "%"}),
            ),
            (
                json!({"kind": "amount", "comparator": "at_least", "value": {"value": "3500", "scale": "billion", "unit": "đồng"}, "measure": "flow"}),
                json!({"value": "1", "value_high": "2"}),
            ),
            (
                json!({"kind": "ceiling", "comparator": "at_most", "value": {"value": "1.3", "unit": "%"}}),
                json!({"value": "1.1"}),
            ),
            (
                json!({"kind": "ceiling", "comparator": "at_most", "value": {"value": "1.3", "unit": "%"}}),
                json!({"value": "1.1", "value_high": "1.2"}),
            ),
            (
                json!({"kind": "reduction", "comparator": "at_least", "value": "4", "unit": "percentage_points", "per_year": false}),
                json!({"value": "3", "value_high": "4"}),
            ),
            (
                json!({"kind": "reduction", "comparator": "at_least", "value": "4", "unit": "percentage_points", "per_year": false}),
                json!({"value": "3", "value_unit": "%"}),
            ),
            (
                json!({"kind": "reduction", "comparator": "at_least", "value": "4", "unit": "percentage_points", "per_year": false}),
                json!({"value": "3", "value_unit": "đồng"}),
            ),
            (
                json!({"kind": "reduction", "comparator": "at_least", "value": "10", "unit": "percent_of_baseline", "per_year": false}),
                json!({"value": "12", "value_unit": "%"}),
            ),
            (
                json!({"kind": "reduction", "comparator": "at_least", "value": "10", "unit": "percent_of_baseline", "per_year": false}),
                json!({"value": "12", "value_unit": "hộ"}),
            ),
            (
                json!({"kind": "reduction", "comparator": "at_least", "value": "500", "unit": "absolute", "per_year": false}),
                json!({"value": "600", "value_unit": "hộ"}),
            ),
            (
                json!({"kind": "range", "low": {"unit": "%", "value": "7"}, "high": {"unit": "%", "value": "7.5"}, "above_high": "exceeded"}),
                json!({"value": "6", "value_high": "6.5"}),
            ),
            (
                json!({"kind": "range", "low": {"unit": "%", "value": "7"}, "high": {"unit": "%", "value": "7.5"}, "above_high": "exceeded"}),
                json!({"value": "6"}),
            ),
            (
                json!({"kind": "range", "low": {"unit": "%", "value": "7"}, "high": {"unit": "%", "value": "7.5"}, "above_high": "exceeded"}),
                json!({"value": "6", "value_high": "6.5", "comparator": "at_least"}),
            ),
            (
                json!({"kind": "range", "low": {"unit": "%", "value": "7"}, "high": {"unit": "%", "value": "7.5"}, "above_high": "exceeded"}),
                json!({"value": "6.5", "value_high": "6"}),
            ),
            (
                json!({"kind": "rank_improvement", "index": "PCI", "places": 5, "baseline_year": 2023}),
                json!({"value": "3"}),
            ),
            (
                json!({"kind": "rank_improvement", "index": "PCI", "places": 5, "baseline_year": 2023}),
                json!({"value": "2.5"}),
            ),
            (
                json!({"kind": "rank_improvement", "index": "PCI", "places": 5, "baseline_year": 2023}),
                json!({"value": "-1"}),
            ),
            (
                json!({"kind": "rank_improvement", "index": "PCI", "places": 5, "baseline_year": 2023}),
                json!({"value": "3", "value_high": "4"}),
            ),
            (
                json!({"comparator": "at_least", "kind": "reference", "measure": "flow", "reference": "dự toán được giao", "scale": "billion", "unit": "đồng"}),
                json!({"value": "120"}),
            ),
            (
                json!({"comparator": "at_least", "kind": "reference", "measure": "flow", "reference": "dự toán được giao", "scale": "billion", "unit": "đồng"}),
                json!({"value": "120", "comparator": "at_most"}),
            ),
            (
                json!({"comparator": "at_least", "kind": "reference", "measure": "flow", "reference": "dự toán được giao", "scale": "billion", "unit": "đồng"}),
                json!({"value": "120", "value_high": "130"}),
            ),
            (
                json!({"kind": "per_capita", "comparator": "above", "value": {"value": "50", "scale": "million", "unit": "đồng"}, "per": "1"}),
                json!({"value": "79228162514264337593543950335", "value_unit": "tỷ đồng"}),
            ),
            (
                json!({"kind": "composite_decrease", "components": [{"id": "cases", "name": "số vụ"}]}),
                json!({"value": "3"}),
            ),
            (json!({"kind": "qualitative"}), json!({"value": "3"})),
        ];
        let got: Vec<String> = cases.iter().map(|(b, r)| applied(b, r)).collect();
        let want = [
            "{\"kind\":\"rate\",\"comparator\":\"at_least\",\"value\":\"60\"}",
            "{\"kind\":\"rate\",\"comparator\":\"above\",\"value\":\"60\"}",
            "{\"kind\":\"rate\",\"comparator\":\"at_least\",\"value\":\"60\"}",
            "unit_mismatch | unit mismatch at value_unit: expected %, found đồng | Location { segments: [Field(\"value_unit\")], context: None }",
            "invalid_input | invalid input: a rate target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "invalid_directive | invalid directive at value: a share cannot exceed 100% (found 150) | Location { segments: [Field(\"value\")], context: None }",
            "invalid_input | invalid input: a row needs `value`, `spec` or `not_applicable` | Location { segments: [], context: None }",
            "{\"kind\":\"rate\",\"comparator\":\"at_least\",\"value\":\"70\"}",
            "invalid_input | invalid input: give either `spec` (a whole target) or `value` (and its companions), not both | Location { segments: [], context: None }",
            "invalid_directive | invalid directive at spec.value: a share cannot exceed 100% (found 170) | Location { segments: [Field(\"spec\"), Field(\"value\")], context: None }",
            "unit_mismatch | unit mismatch at spec: expected %, found xã | Location { segments: [Field(\"spec\")], context: None }",
            "{\"kind\":\"growth_rate\",\"comparator\":\"at_least\",\"value\":\"8\"}",
            "invalid_input | invalid input: a growth rate target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "{\"kind\":\"threshold_share\",\"comparator\":\"at_least\",\"value\":\"90\",\"of\":\"khu công nghiệp\"}",
            "invalid_input | invalid input: a threshold share target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "{\"kind\":\"per_capita\",\"comparator\":\"above\",\"value\":{\"value\":\"60\",\"scale\":\"million\",\"unit\":\"đồng\"},\"per\":\"1\"}",
            "{\"kind\":\"per_capita\",\"comparator\":\"above\",\"value\":{\"value\":\"60\",\"scale\":\"million\",\"unit\":\"đồng\"},\"per\":\"1\"}",
            "{\"kind\":\"per_capita\",\"comparator\":\"above\",\"value\":{\"value\":\"60.00\",\"scale\":\"million\",\"unit\":\"đồng\"},\"per\":\"1\"}",
            "invalid_input | invalid input at scale: `value_unit` says the scale billion but `scale` says million | Location { segments: [Field(\"scale\")], context: None }",
            "invalid_input | invalid input: a per-capita target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "invalid_directive | invalid directive at comparator: comparator at_most means lower is better; a count target needs at_least or above (use a ceiling for an upper limit) | Location { segments: [Field(\"comparator\")], context: None }",
            "invalid_input | invalid input: a count target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "{\"kind\":\"amount\",\"comparator\":\"at_least\",\"value\":{\"value\":\"4000\",\"scale\":\"billion\",\"unit\":\"đồng\"},\"measure\":\"flow\"}",
            "unit_mismatch | unit mismatch at value_unit: expected đồng, found % | Location { segments: [Field(\"value_unit\")], context: None }",
            "invalid_input | invalid input: a amount target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "{\"kind\":\"ceiling\",\"comparator\":\"at_most\",\"value\":{\"value\":\"1.1\",\"unit\":\"%\"}}",
            "invalid_input | invalid input: a ceiling target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "{\"kind\":\"reduction\",\"comparator\":\"at_least\",\"value\":\"3\",\"value_high\":\"4\",\"unit\":\"percentage_points\",\"per_year\":false}",
            "{\"kind\":\"reduction\",\"comparator\":\"at_least\",\"value\":\"3\",\"unit\":\"percentage_points\",\"per_year\":false}",
            "unit_mismatch | unit mismatch at value_unit: expected điểm %, found đồng | Location { segments: [Field(\"value_unit\")], context: None }",
            "{\"kind\":\"reduction\",\"comparator\":\"at_least\",\"value\":\"12\",\"unit\":\"percent_of_baseline\",\"per_year\":false}",
            "unit_mismatch | unit mismatch at value_unit: expected %, found hộ | Location { segments: [Field(\"value_unit\")], context: None }",
            "{\"kind\":\"reduction\",\"comparator\":\"at_least\",\"value\":\"600\",\"unit\":\"absolute\",\"per_year\":false}",
            "{\"kind\":\"range\",\"low\":{\"value\":\"6\",\"unit\":\"%\"},\"high\":{\"value\":\"6.5\",\"unit\":\"%\"},\"above_high\":\"exceeded\"}",
            "invalid_input | invalid input at value_high: a range target needs `value` and `value_high` (or `spec` to change the kind) | Location { segments: [Field(\"value_high\")], context: None }",
            "invalid_input | invalid input at comparator: a range has no comparator: give `spec` to change the kind | Location { segments: [Field(\"comparator\")], context: None }",
            "invalid_directive | invalid directive at high: the range is empty: 6,5% to 6% | Location { segments: [Field(\"high\")], context: None }",
            "{\"kind\":\"rank_improvement\",\"index\":\"PCI\",\"places\":3,\"baseline_year\":2023}",
            "invalid_directive | invalid directive at value: places must be a whole number ≥ 0 (found 2.5) | Location { segments: [Field(\"value\")], context: None }",
            "invalid_directive | invalid directive at value: places must be a whole number ≥ 0 (found -1) | Location { segments: [Field(\"value\")], context: None }",
            "invalid_input | invalid input: a rank target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "{\"kind\":\"reference\",\"comparator\":\"at_least\",\"reference\":\"dự toán được giao\",\"unit\":\"đồng\",\"scale\":\"billion\",\"measure\":\"flow\",\"value\":\"120\"}",
            "invalid_directive | invalid directive at value: comparator at_most reverses the direction of the directive's target | Location { segments: [Field(\"value\")], context: None }",
            "invalid_input | invalid input: a reference target has no upper end: give `spec` with a range to change the kind | Location { segments: [], context: None }",
            "overflow | arithmetic overflow at value while computing scale conversion | Location { segments: [Field(\"value\")], context: None }",
            "invalid_input | invalid input: a composite_decrease target has no figure to assign (use not_applicable, or give `spec`) | Location { segments: [], context: None }",
            "invalid_input | invalid input: a qualitative target has no figure to assign (use not_applicable, or give `spec`) | Location { segments: [], context: None }",
        ];
        assert_eq!(got, want);
    }
}
