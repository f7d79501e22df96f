//! The conventions of an evaluation ([`EvaluationOptions`]) and their option enums.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// Achievement-ratio convention for ceilings (lower is better), see §5 of the domain notes.
///
/// ```
/// use thidua_core::*;
/// let spec: TargetSpec = serde_json::from_str(
///     r#"{"kind": "ceiling", "comparator": "at_most", "value": {"value": "1.3", "unit": "%"}}"#)?;
/// let obs = Observation::value(Decimal::new(12, 1));
/// let inv = assess(&spec, &obs, &AssessContext::new(Period::year(2024), &EvaluationOptions::default()))?;
/// let comp = EvaluationOptions::default().with_ceiling_ratio(CeilingRatio::Complement);
/// let cpl = assess(&spec, &obs, &AssessContext::new(Period::year(2024), &comp))?;
/// assert_eq!(inv.ratio.unwrap().to_string(), "108.33"); // 1,3 ÷ 1,2
/// assert_eq!(cpl.ratio.unwrap().to_string(), "107.69"); // 100 + 0,1 ÷ 1,3
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
#[non_exhaustive]
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
///     "value": "3", "value_high": "4", "unit": "percentage_points"}"#)?;
/// let obs = Observation::with_baseline(Decimal::new(708, 2), Decimal::new(121, 1)); // −5,02 points
/// let upper = EvaluationOptions::default().with_range_basis(RangeBasis::Upper);
/// assert_eq!(assess(&spec, &obs, &AssessContext::new(Period::year(2024), &upper))?.ratio.unwrap().to_string(), "125.50");
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
#[non_exhaustive]
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
///     "value": {"value": "4600", "scale": "billion", "unit": "đồng"}, "measure": "flow"}"#)?;
/// let obs = Observation::value(Decimal::from(2400));
/// let pro_rata = assess(&spec, &obs, &AssessContext::new("2024-H1".parse()?, &EvaluationOptions::default()))?;
/// let annual = EvaluationOptions::default().with_in_year_flows(InYearFlows::AnnualTarget);
/// assert_eq!(pro_rata.status, Status::Exceeded); // above 2.300 at mid-year
/// assert_eq!(assess(&spec, &obs, &AssessContext::new("2024-H1".parse()?, &annual))?.status, Status::NotMet);
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
#[non_exhaustive]
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
/// #   "spec":{"kind":"rate","comparator":"at_least","value":"59.3"}}]}]}"#)?;
/// # let r = ResultSet::from_json(r#"[{"unit":"Xã A","target":"1","period":"2024","value":"60"}]"#)?;
/// let e = evaluate(&d, &r, &EvaluationOptions::default())?;
/// assert_eq!(e.units[0].summary.basis, HeadlineBasis::Items);
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
#[non_exhaustive]
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
/// Built from [`Default`] with setters (new conventions will come as new fields, so the struct
/// cannot be written as a literal outside the crate); [`validate`](Self::validate) checks it,
/// and [`evaluate`](crate::evaluate()) calls it.
///
/// ```
/// use thidua_core::{EvaluationOptions, CeilingRatio, HeadlineBasis};
/// let o = EvaluationOptions::default()
///     .with_ceiling_ratio(CeilingRatio::Complement)
///     .with_headline_basis(HeadlineBasis::Targets)
///     .with_ratio_digits(3);
/// assert_eq!((o.ceiling_ratio, o.ratio_digits), (CeilingRatio::Complement, 3));
/// assert!(EvaluationOptions::default().with_ratio_digits(11).validate().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    description = "The conventions of an evaluation. Every evaluation echoes the options it used."
)]
#[non_exhaustive]
pub struct EvaluationOptions {
    /// Ceiling ratio convention.
    pub ceiling_ratio: CeilingRatio,
    /// Range basis for % of plan.
    pub range_basis: RangeBasis,
    /// In-year flow rule.
    pub in_year_flows: InYearFlows,
    /// What the headline counts.
    pub headline_basis: HeadlineBasis,
    /// Decimals kept in `ratio` (rounded half away from zero). At most 10
    /// (`MAX_RATIO_DIGITS`).
    pub ratio_digits: u32,
}

/// The most decimals kept in % of plan.
pub const MAX_RATIO_DIGITS: u32 = 10;

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

    /// The same options with this ceiling-ratio convention.
    pub fn with_ceiling_ratio(mut self, v: CeilingRatio) -> Self {
        self.ceiling_ratio = v;
        self
    }

    /// The same options with this range basis.
    pub fn with_range_basis(mut self, v: RangeBasis) -> Self {
        self.range_basis = v;
        self
    }

    /// The same options with this in-year flow rule.
    pub fn with_in_year_flows(mut self, v: InYearFlows) -> Self {
        self.in_year_flows = v;
        self
    }

    /// The same options with this headline basis.
    pub fn with_headline_basis(mut self, v: HeadlineBasis) -> Self {
        self.headline_basis = v;
        self
    }

    /// The same options keeping `digits` decimals in % of plan (checked by
    /// [`validate`](Self::validate)).
    pub fn with_ratio_digits(mut self, digits: u32) -> Self {
        self.ratio_digits = digits;
        self
    }

    /// Checks the options: `ratio_digits` at most [`MAX_RATIO_DIGITS`].
    pub fn validate(&self) -> Result<()> {
        if self.ratio_digits > MAX_RATIO_DIGITS {
            return Err(Error::invalid_input(
                Location::new().field("options").field("ratio_digits"),
                format!(
                    "at most {MAX_RATIO_DIGITS} decimals, found {}",
                    self.ratio_digits
                ),
            ));
        }
        Ok(())
    }
}
