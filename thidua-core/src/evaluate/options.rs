//! The conventions of an evaluation ([`EvaluationOptions`]) and their option enums.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// Achievement-ratio convention for ceilings (lower is better), see §5 of the domain notes.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(
///     r#"{"kind": "ceiling", "comparator": "at_most", "value": {"value": "1.3", "unit": "%"}}"#).unwrap();
/// let obs = Observation::value(Decimal::new(12, 1));
/// let inv = assess(&spec, &obs, &AssessContext::new(Period::year(2024), &EvaluationOptions::default())).unwrap();
/// let comp = EvaluationOptions { ceiling_ratio: CeilingRatio::Complement, ..Default::default() };
/// let cpl = assess(&spec, &obs, &AssessContext::new(Period::year(2024), &comp)).unwrap();
/// assert_eq!(inv.ratio.unwrap().to_string(), "108.33"); // 1,3 ÷ 1,2
/// assert_eq!(cpl.ratio.unwrap().to_string(), "107.69"); // 100 + 0,1 ÷ 1,3
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CeilingRatio {
    /// `target ÷ result × 100` (undefined when the result is 0). The default.
    #[default]
    Inverse,
    /// `100 + (target − result) ÷ target × 100` (undefined when the target is 0).
    Complement,
}

/// Which bound of a range ("3–4%") the % of plan is taken against.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "reduction", "comparator": "at_least",
///     "value": "3", "value_high": "4", "unit": "percentage_points"}"#).unwrap();
/// let obs = Observation::with_baseline(Decimal::new(708, 2), Decimal::new(121, 1)); // −5,02 points
/// let upper = EvaluationOptions { range_basis: RangeBasis::Upper, ..Default::default() };
/// assert_eq!(assess(&spec, &obs, &AssessContext::new(Period::year(2024), &upper)).unwrap().ratio.unwrap().to_string(), "125.50");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RangeBasis {
    /// The lower bound, where "met" begins, so that for an open range or a range reduction a
    /// result inside the range has a ratio ≥ 100. The default. (For a band, a result above the
    /// upper bound is not met although its ratio exceeds 100: the status, not the ratio, is the
    /// verdict.)
    #[default]
    Lower,
    /// The upper bound (a published example: 5,02 ÷ 4 = 125,5 %).
    Upper,
    /// The midpoint.
    Midpoint,
}

/// How in-year results of flow targets are judged.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(r#"{"kind": "amount", "comparator": "at_least",
///     "value": {"value": "4600", "scale": "billion", "unit": "đồng"}, "measure": "flow"}"#).unwrap();
/// let obs = Observation::value(Decimal::from(2400));
/// let pro_rata = assess(&spec, &obs, &AssessContext::new("2024-H1".parse().unwrap(), &EvaluationOptions::default())).unwrap();
/// let annual = EvaluationOptions { in_year_flows: InYearFlows::AnnualTarget, ..Default::default() };
/// assert_eq!(pro_rata.status, Status::Exceeded); // above 2.300 at mid-year
/// assert_eq!(assess(&spec, &obs, &AssessContext::new("2024-H1".parse().unwrap(), &annual)).unwrap().status, Status::NotMet);
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum InYearFlows {
    /// Against `target × months ÷ 12` (50 % at mid-year). The default.
    #[default]
    ProRata,
    /// Against the whole annual target.
    AnnualTarget,
}

/// What the headline "đạt và vượt X/Y chỉ tiêu" counts.
///
/// ```
/// # use thidua_core::*;
/// # let d = Directive::from_json(r#"{"kind":"plan","issuer":{"name":"UBND huyện X"},"coverage":{"year":2024},"title":"t",
/// #   "items":[{"number":1,"text":"Tỷ lệ che phủ rừng đạt 59,3%","targets":[{"id":"1","name":"Tỷ lệ che phủ rừng",
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#).unwrap();
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#).unwrap();
/// let e = evaluate(&d, &r, &EvaluationOptions::default()).unwrap();
/// assert_eq!(e.units[0].summary.basis, HeadlineBasis::Items);
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum HeadlineBasis {
    /// Numbered items "(1)…(n)", as year-end reports count them. An item is met or exceeded
    /// when all its targets (sub-targets included) are; not met when any is not met; no data
    /// when none is not met but some have no data; exceeded when all are exceeded. The default.
    #[default]
    Items,
    /// Every target, sub-targets included.
    Targets,
}

/// The conventions of an evaluation. Every evaluation echoes the options it used.
///
/// ```
/// use thidua_core::{EvaluationOptions, CeilingRatio};
/// let o = EvaluationOptions { ceiling_ratio: CeilingRatio::Complement, ..Default::default() };
/// assert_eq!(o.ratio_digits, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EvaluationOptions {
    /// Ceiling ratio convention.
    pub ceiling_ratio: CeilingRatio,
    /// Range basis for % of plan.
    pub range_basis: RangeBasis,
    /// In-year flow rule.
    pub in_year_flows: InYearFlows,
    /// What the headline counts.
    pub headline_basis: HeadlineBasis,
    /// Decimals kept in `ratio` (rounded half away from zero). At most 10.
    pub ratio_digits: u32,
}

impl Default for EvaluationOptions {
    fn default() -> Self {
        EvaluationOptions {
            ceiling_ratio: CeilingRatio::Inverse,
            range_basis: RangeBasis::Lower,
            in_year_flows: InYearFlows::ProRata,
            headline_basis: HeadlineBasis::Items,
            ratio_digits: 2,
        }
    }
}

impl EvaluationOptions {
    /// Reads options from JSON (missing fields take their documented defaults).
    pub fn from_json(json: &str) -> Result<EvaluationOptions> {
        let o: EvaluationOptions = crate::json::from_str(json, "evaluation options")?;
        o.validate()?;
        Ok(o)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.ratio_digits > 10 {
            return Err(Error::invalid_input(
                Location::new().field("options").field("ratio_digits"),
                format!("at most 10 decimals, found {}", self.ratio_digits),
            ));
        }
        Ok(())
    }
}
