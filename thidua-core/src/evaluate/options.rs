//! The conventions of an evaluation ([`EvaluationOptions`]) and their option enums.

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
/// assert_eq!(inv.ratio.ok_or("no % of plan")?.to_string(), "108.33"); // 1,3 ÷ 1,2
/// assert_eq!(cpl.ratio.ok_or("no % of plan")?.to_string(), "107.69"); // 100 + 0,1 ÷ 1,3
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
/// assert_eq!(assess(&spec, &obs, &AssessContext::new(Period::year(2024), &upper))?.ratio.ok_or("no % of plan")?.to_string(), "125.50");
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// Which figures count in the headline's denominator.
///
/// ```
/// use thidua_core::HeadlineCount;
/// assert_eq!(HeadlineCount::default(), HeadlineCount::All);
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum HeadlineCount {
    /// Every target or item except "không áp dụng" ("đạt và vượt 3/20 chỉ tiêu"). The default.
    #[default]
    All,
    /// Only those with data ("đạt và vượt 3/6 chỉ tiêu có số liệu; 14 chưa có số liệu").
    WithData,
}

/// The wording of the headline (the forms year-end reports use).
///
/// ```
/// use thidua_core::{HeadlineForm, Summary, Status, HeadlineBasis, HeadlineCount};
/// let s = Summary::with_form(HeadlineBasis::Items, HeadlineCount::All, HeadlineForm::OfWhichExceeded,
///     [Status::Exceeded, Status::Met, Status::NotMet]);
/// assert_eq!(s.headline_vi, "2/3 chỉ tiêu đạt, trong đó 1 chỉ tiêu vượt; 1 chỉ tiêu không đạt");
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum HeadlineForm {
    /// "đạt và vượt X/Y chỉ tiêu (vượt e, đạt m, không đạt n…)". The default.
    #[default]
    MetAndExceeded,
    /// "X/Y chỉ tiêu đạt, trong đó Z chỉ tiêu vượt" ("15/15 đạt, trong đó 12 vượt").
    OfWhichExceeded,
    /// "có N/Y chỉ tiêu chưa đạt" (the headline of a report that lists what was missed).
    NotMet,
}

/// Which level decides the status, the scoring and the headline when a target has several
/// (the unit's assigned figure or the directive's, the directive's named levels, the pledge).
///
/// ```
/// use thidua_core::LevelChoice;
/// assert_eq!(LevelChoice::default(), LevelChoice::Default);
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum LevelChoice {
    /// The target's default level: the unit's assigned figure if the table gives one, else
    /// the directive's default (`default_level`, or its own figure). The default.
    #[default]
    Default,
    /// The unit's pledge (đăng ký thi đua) where it has one, else as `default`.
    Pledged,
}

/// What happens to a unit that has no assigned figure in the target table.
///
/// ```
/// use thidua_core::Unassigned;
/// assert_eq!(Unassigned::default(), Unassigned::Directive);
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
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Unassigned {
    /// The directive's figure applies (and the explanation says so). The default.
    #[default]
    Directive,
    /// It is an error (`invalid_input`): every unit evaluated must have an assigned figure
    /// (or be marked not applicable) for every target that has a figure.
    Error,
}

/// Named reporting conventions: readings that reports use where they depart from the literal
/// comparator. All off by default (the literal reading); each, when on, changes a status only
/// where its rule applies, and the evaluation then shows the literal status beside it and
/// names the convention (`docs/evaluation.md` §12).
///
/// ```
/// use thidua_core::Conventions;
/// let c: Conventions = serde_json::from_str(r#"{"strict_bound_as_limit": true}"#)?;
/// assert!(c.strict_bound_as_limit && !c.reached_is_exceeded);
/// assert_eq!(c.names(), vec!["strict_bound_as_limit"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Conventions {
    /// "trên X" / "dưới X" name a limit, not a figure to beat: a result on the right side of
    /// the limit, or exactly at it, is đạt ("< 7,6" met with 7,6 → Đạt; "Dưới 4" with 3,1 → Đạt).
    pub strict_bound_as_limit: bool,
    /// "giảm X–Y": the lower end is the plan; any decrease above it is vượt ("1–1,5 điểm"
    /// with 1,1 → Vượt). Literal: vượt only above the upper end.
    pub reduction_range_lower_bound: bool,
    /// The report has one word for reaching a target: every target reached is vượt ("tăng
    /// khoảng 7%" reached with 7% → "vượt mục tiêu").
    pub reached_is_exceeded: bool,
    /// Vượt is kept for flows (amounts and counts that accumulate: revenue, exports); a level
    /// (a rate, a per-capita value, a reduction) that is reached or beaten is đạt.
    pub exceeded_only_for_flows: bool,
}

impl Conventions {
    /// The same conventions with `strict_bound_as_limit` on or off.
    pub fn with_strict_bound_as_limit(mut self, on: bool) -> Self {
        self.strict_bound_as_limit = on;
        self
    }

    /// The same conventions with `reduction_range_lower_bound` on or off.
    pub fn with_reduction_range_lower_bound(mut self, on: bool) -> Self {
        self.reduction_range_lower_bound = on;
        self
    }

    /// The same conventions with `reached_is_exceeded` on or off.
    pub fn with_reached_is_exceeded(mut self, on: bool) -> Self {
        self.reached_is_exceeded = on;
        self
    }

    /// The same conventions with `exceeded_only_for_flows` on or off.
    pub fn with_exceeded_only_for_flows(mut self, on: bool) -> Self {
        self.exceeded_only_for_flows = on;
        self
    }

    /// The names of the conventions that are on, in declaration order.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.strict_bound_as_limit {
            v.push("strict_bound_as_limit");
        }
        if self.reduction_range_lower_bound {
            v.push("reduction_range_lower_bound");
        }
        if self.reached_is_exceeded {
            v.push("reached_is_exceeded");
        }
        if self.exceeded_only_for_flows {
            v.push("exceeded_only_for_flows");
        }
        v
    }

    /// Whether none is on (the literal reading).
    pub fn is_literal(&self) -> bool {
        self.names().is_empty()
    }
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
/// assert_eq!(o.basically_met_at, None); // no "cơ bản đạt" band unless declared
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(
    feature = "schema",
    schemars(
        description = "The conventions of an evaluation. Every evaluation echoes the options it used."
    )
)]
#[non_exhaustive]
pub struct EvaluationOptions {
    /// Ceiling ratio convention.
    pub ceiling_ratio: CeilingRatio,
    /// Range basis for % of plan (also the figure a share of plan of a range refers to).
    pub range_basis: RangeBasis,
    /// In-year flow rule.
    pub in_year_flows: InYearFlows,
    /// What the headline counts: items or targets.
    pub headline_basis: HeadlineBasis,
    /// Whether the headline's denominator counts everything or only what has data.
    pub headline_count: HeadlineCount,
    /// The headline's wording.
    pub headline_form: HeadlineForm,
    /// Decimals kept in `ratio` (rounded half away from zero). At most 10
    /// (`MAX_RATIO_DIGITS`).
    pub ratio_digits: u32,
    /// The "cơ bản đạt" band, off by default: a result that is not met but reaches this % of
    /// plan (e.g. `"95"`) gets the status `basically_met`. Between 0 and 100 (exclusive).
    pub basically_met_at: Option<rust_decimal::Decimal>,
    /// Which of several results for one unit × target × period is used.
    pub supersede: crate::results::Supersede,
    /// Which level decides the status, scoring and headline.
    pub level: LevelChoice,
    /// Units without an assigned figure in the target table.
    pub unassigned: Unassigned,
    /// Named reporting conventions (all off: the literal reading).
    pub conventions: Conventions,
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
            headline_count: HeadlineCount::All,
            headline_form: HeadlineForm::MetAndExceeded,
            ratio_digits: 2,
            basically_met_at: None,
            supersede: crate::results::Supersede::Official,
            level: LevelChoice::Default,
            unassigned: Unassigned::Directive,
            conventions: Conventions::default(),
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

    /// The same options with this headline denominator.
    pub fn with_headline_count(mut self, v: HeadlineCount) -> Self {
        self.headline_count = v;
        self
    }

    /// The same options with this headline wording.
    pub fn with_headline_form(mut self, v: HeadlineForm) -> Self {
        self.headline_form = v;
        self
    }

    /// The same options with this "cơ bản đạt" band (`None`: off; checked by
    /// [`validate`](Self::validate)).
    pub fn with_basically_met_at(mut self, v: Option<rust_decimal::Decimal>) -> Self {
        self.basically_met_at = v;
        self
    }

    /// The same options with this supersede rule.
    pub fn with_supersede(mut self, v: crate::results::Supersede) -> Self {
        self.supersede = v;
        self
    }

    /// The same options with this level choice.
    pub fn with_level(mut self, v: LevelChoice) -> Self {
        self.level = v;
        self
    }

    /// The same options with this rule for units without an assigned figure.
    pub fn with_unassigned(mut self, v: Unassigned) -> Self {
        self.unassigned = v;
        self
    }

    /// The same options with these reporting conventions.
    pub fn with_conventions(mut self, v: Conventions) -> Self {
        self.conventions = v;
        self
    }

    /// Checks the options: `ratio_digits` at most [`MAX_RATIO_DIGITS`], the "cơ bản đạt"
    /// band strictly between 0 and 100.
    pub fn validate(&self) -> Result<()> {
        if let Some(b) = self.basically_met_at {
            if b <= rust_decimal::Decimal::ZERO || b >= rust_decimal::Decimal::ONE_HUNDRED {
                return Err(Error::invalid_input(
                    Location::new().field("options").field("basically_met_at"),
                    format!("the \"cơ bản đạt\" band must lie strictly between 0 and 100 % of plan (found {b})"),
                ));
            }
        }
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
