//! The document: its kind, issuer, coverage, bases, content points and numbered target items.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;
use crate::error::Result;

/// The kind of launching document (loại văn bản).
///
/// ```
/// use thidua_core::DocumentKind;
/// assert_eq!(DocumentKind::Programme.name_vi(), "Chương trình");
/// assert_eq!(serde_json::to_string(&DocumentKind::OfficialLetter)?, "\"official_letter\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// Chỉ thị.
    Directive,
    /// Kế hoạch.
    Plan,
    /// Chương trình.
    Programme,
    /// Công văn / văn bản (an official letter).
    OfficialLetter,
    /// Nghị quyết (a People's Council or Party resolution).
    Resolution,
    /// Quyết định.
    Decision,
    /// Any other kind of document.
    Other,
}

/// Who issued the document.
///
/// ```
/// use thidua_core::Issuer;
/// let i: Issuer = serde_json::from_str(r#"{"name": "UBND tỉnh Kon Tum", "locality": "Kon Tum"}"#)?;
/// assert_eq!(i.locality.as_deref(), Some("Kon Tum"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Issuer {
    /// The issuing body as written: "UBND tỉnh Kon Tum", "Chủ tịch UBND tỉnh Bình Dương".
    pub name: String,
    /// The province or locality (data, never a hard-coded list: units change over time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
}

/// The years a directive covers (usually one year).
///
/// ```
/// use thidua_core::Coverage;
/// let c = Coverage::years(2021, 2025);
/// assert!(c.contains(2023) && !c.contains(2026));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Coverage {
    /// First year covered.
    pub year: i32,
    /// Last year covered, when several (e.g. 2021–2025); absent for one year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_year: Option<i32>,
}

impl Issuer {
    /// An issuer with no stated locality.
    pub fn new(name: impl Into<String>) -> Issuer {
        Issuer {
            name: name.into(),
            locality: None,
        }
    }

    /// The same issuer with its locality.
    pub fn with_locality(mut self, locality: impl Into<String>) -> Issuer {
        self.locality = Some(locality.into());
        self
    }
}

impl Coverage {
    /// One year.
    pub fn year(year: i32) -> Coverage {
        Coverage {
            year,
            until_year: None,
        }
    }

    /// The years `from` to `until` (both included).
    pub fn years(from: i32, until: i32) -> Coverage {
        Coverage {
            year: from,
            until_year: Some(until),
        }
    }

    /// Whether `year` is covered.
    pub fn contains(&self, year: i32) -> bool {
        year >= self.year && year <= self.until_year.unwrap_or(self.year)
    }
}

/// A document cited as legal or political basis (căn cứ).
///
/// ```
/// use thidua_core::LegalBasis;
/// let b: LegalBasis = serde_json::from_str(
///     r#"{"kind": "Nghị quyết", "number": "23-NQ/TU", "date": "2023-12-05", "issuer": "Tỉnh ủy"}"#)?;
/// assert_eq!(b.date.ok_or("not found")?.to_string(), "2023-12-05");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LegalBasis {
    /// Document kind as written ("Nghị quyết", "Chỉ thị").
    pub kind: String,
    /// Number as written ("23-NQ/TU").
    pub number: String,
    /// Date of the cited document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Issuer as written ("Tỉnh ủy", "Bộ Chính trị").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

impl LegalBasis {
    /// A cited document by kind and number as written ("Nghị quyết", "23-NQ/TU").
    pub fn new(kind: impl Into<String>, number: impl Into<String>) -> LegalBasis {
        LegalBasis {
            kind: kind.into(),
            number: number.into(),
            date: None,
            issuer: None,
        }
    }
}

/// One content point (nội dung thi đua): "Một là, …", "1. …".
///
/// ```
/// use thidua_core::ContentPoint;
/// let p: ContentPoint = serde_json::from_str(r#"{"label": "Một là", "text": "thi đua thực hiện thắng lợi…"}"#)?;
/// assert_eq!(p.label.as_deref(), Some("Một là"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContentPoint {
    /// The label as written ("Một là", "1"), absent for unlabelled paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The text.
    pub text: String,
}

impl ContentPoint {
    /// A content point with its label ("Một là"), or none.
    pub fn new(label: Option<&str>, text: impl Into<String>) -> ContentPoint {
        ContentPoint {
            label: label.map(str::to_string),
            text: text.into(),
        }
    }
}

/// One target (chỉ tiêu). Its `id` is unique in the directive and is what results refer to.
///
/// ```
/// use thidua_core::{Target, TargetSpec, Comparator};
/// use rust_decimal::Decimal;
/// let t = Target::new("6", "Tỷ lệ lao động qua đào tạo",
///     TargetSpec::Rate { comparator: Comparator::AtLeast, value: Decimal::from(54) });
/// assert_eq!(t.spec.describe_vi(), "từ 54% trở lên");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Target {
    /// Unique id: `"1"` for the only target of item (1), `"10a"`, `"10b"` for several targets
    /// under one number, `"6.1"` for a "trong đó" sub-target of `"6"`.
    pub id: String,
    /// Name as written ("Tỷ lệ lao động qua đào tạo").
    pub name: String,
    /// English name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The kind and its parameters.
    pub spec: TargetSpec,
    /// Sub-targets introduced by "trong đó" (of which). At most
    /// [`MAX_SUB_TARGET_DEPTH`](crate::limits::MAX_SUB_TARGET_DEPTH) levels deep: deeper input
    /// is refused while it is read, whatever reads it (JSON, a Python dict, a JavaScript
    /// object), so that no input depth can exhaust the stack.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_sub_targets"
    )]
    pub sub_targets: Vec<Target>,
    /// The name of the plan level `spec` states, when the target has several ("Quốc hội
    /// giao", "HĐND giao"); absent: "the directive's figure".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_label: Option<String>,
    /// Further plan levels of the same target (the Government's "phấn đấu" figure beside the
    /// National Assembly's; the central estimate beside the HĐND's): each is evaluated and
    /// reported beside `spec`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<PlanLevel>,
    /// Which level decides the status, the scoring and the headline: the id of one of
    /// `levels`, or absent for `spec` (id `"directive"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_level: Option<String>,
    /// The indicator is a rate of change over the previous period (tốc độ tăng: GRDP growth,
    /// CPI, export growth), whatever the kind: always so for a `growth_rate`; set it for a
    /// `range` or `ceiling` of a growth ("tăng 7–7,5%", "CPI tăng dưới 4%"). A result reported
    /// as "tăng X% so với cùng kỳ" of such a target is its value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub growth: bool,
    /// How the text words the value when it is not a plain comparator: a bare value
    /// ("GRDP bình quân đầu người: 3.000 USD") or an approximate one ("khoảng 69%").
    /// Informational: evaluation follows `spec` (see `docs/target-kinds.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<Wording>,
    /// The years the value is stated for: each year ("/năm", "bình quân hằng năm"), a period
    /// ("giai đoạn 2021-2025") or a deadline ("đến năm 2030"). Informational: evaluation
    /// compares each result with the value, whatever its period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<Horizon>,
}

thread_local! {
    /// How many `sub_targets` lists are being read on this thread (see [`Target::sub_targets`]).
    static SUB_TARGET_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Reads `sub_targets`, refusing a nesting deeper than
/// [`MAX_SUB_TARGET_DEPTH`](crate::limits::MAX_SUB_TARGET_DEPTH) before recursing.
fn deserialize_sub_targets<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<Target>, D::Error> {
    let depth = SUB_TARGET_DEPTH.with(|c| c.get());
    if depth >= crate::limits::MAX_SUB_TARGET_DEPTH {
        return Err(crate::json::refuse(
            crate::limits::Limit::SubTargetDepth.exceeded(crate::Location::new()),
        ));
    }
    SUB_TARGET_DEPTH.with(|c| c.set(depth + 1));
    let r = crate::limits::de::targets::<D, Target>(d);
    SUB_TARGET_DEPTH.with(|c| c.set(depth));
    r
}

impl Target {
    /// A target with no sub-targets and no English name.
    pub fn new(id: impl Into<String>, name: impl Into<String>, spec: TargetSpec) -> Target {
        Target {
            id: id.into(),
            name: name.into(),
            name_en: None,
            spec,
            sub_targets: Vec::new(),
            level_label: None,
            levels: Vec::new(),
            default_level: None,
            growth: false,
            wording: None,
            horizon: None,
        }
    }

    /// Whether the indicator is a rate of change (see [`Target::growth`]).
    pub fn is_growth(&self) -> bool {
        self.growth || matches!(self.spec, TargetSpec::GrowthRate { .. })
    }

    /// Whether the value holds for each year: [`Horizon::per_year`], or the `per_year` of a
    /// [`TargetSpec::Reduction`].
    ///
    /// ```
    /// use thidua_core::{Horizon, Target, TargetSpec, Comparator};
    /// use rust_decimal::Decimal;
    /// let mut t = Target::new("1", "Tốc độ tăng trưởng GRDP bình quân",
    ///     TargetSpec::GrowthRate { comparator: Comparator::AtLeast, value: Decimal::from(7) });
    /// assert!(!t.per_year());
    /// t.horizon = Some(Horizon { per_year: true, from_year: Some(2021), until_year: Some(2025) });
    /// assert!(t.per_year());
    /// ```
    pub fn per_year(&self) -> bool {
        self.horizon.is_some_and(|h| h.per_year)
            || matches!(self.spec, TargetSpec::Reduction { per_year: true, .. })
    }
}

/// How a target's value is worded when the text gives no plain comparator (§3 of the domain
/// notes). The spec keeps the comparator used for evaluation (≥, or ≤ for a ceiling); this
/// records what the text itself said, so that a reader or a scoring scheme can tell "đạt 69%"
/// from "khoảng 69%" and from a bare "69%".
///
/// ```
/// use thidua_core::Wording;
/// assert_eq!(serde_json::to_string(&Wording::Approximate)?, "\"approximate\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Wording {
    /// No comparator word: a value after ":", "là", "có", "bằng", "chiếm", alone in a table
    /// cell, or right after the name ("Tỷ lệ hộ dân dùng nước hợp vệ sinh 100%").
    Bare,
    /// "khoảng X" (about X).
    Approximate,
}

/// The years a target's value is stated for.
///
/// ```
/// use thidua_core::Horizon;
/// let h: Horizon = serde_json::from_str(r#"{"per_year": true, "from_year": 2021, "until_year": 2025}"#)?;
/// assert!(h.per_year);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// The value holds for each year, or is a yearly average over the years: "/năm",
    /// "mỗi năm", "hằng năm", "bình quân 5 năm", "bình quân giai đoạn 2021-2030 … %/năm".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_year: bool,
    /// The first year of a stated period ("giai đoạn 2021-2025" → 2021).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    /// The last year of a stated period or the deadline ("đến năm 2030" → 2030).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_year: Option<i32>,
}

/// A numbered item "(n) …" of the directive, holding one or more targets.
///
/// ```
/// use thidua_core::TargetItem;
/// let item: TargetItem = serde_json::from_str(r#"{"number": 10, "text": "Trồng mới 3.000 ha rừng; tỷ lệ độ che phủ rừng đạt trên 63,1%",
///   "targets": [
///     {"id": "10a", "name": "Trồng mới rừng", "spec": {"kind": "amount", "comparator": "at_least",
///       "value": {"value": "3000", "unit": "ha"}, "measure": "flow"}},
///     {"id": "10b", "name": "Tỷ lệ che phủ rừng", "spec": {"kind": "rate", "comparator": "above", "value": "63.1"}}]}"#)?;
/// assert_eq!(item.targets.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TargetItem {
    /// The number as printed (1 for "(1)").
    pub number: u32,
    /// The item's text as written in the source, verbatim.
    pub text: String,
    /// The targets stated in the item, in order.
    #[serde(deserialize_with = "crate::limits::de::targets")]
    pub targets: Vec<Target>,
}

impl TargetItem {
    /// Item "(number)" with its text as written and its targets.
    pub fn new(number: u32, text: impl Into<String>, targets: Vec<Target>) -> TargetItem {
        TargetItem {
            number,
            text: text.into(),
            targets,
        }
    }
}

/// Where the directive text came from.
///
/// ```
/// use thidua_core::Source;
/// let s = Source::new("Cổng TTĐT tỉnh Kon Tum, 08/02/2024");
/// assert!(serde_json::to_string(&s)?.contains("citation"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// A citation: the web page or file the text was taken from.
    pub citation: String,
    /// Notes on how the data was derived (e.g. a document number read from an attachment name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Source {
    /// A source by its citation.
    pub fn new(citation: impl Into<String>) -> Source {
        Source {
            citation: citation.into(),
            note: None,
        }
    }
}

/// A directive launching an emulation movement.
///
/// ```
/// use thidua_core::Directive;
/// let json = r#"{
///   "kind": "directive", "number": "08/CT-UBND",
///   "issuer": {"name": "Chủ tịch UBND tỉnh Kon Tum", "locality": "Kon Tum"},
///   "issued": "2024-02-06", "coverage": {"year": 2024},
///   "title": "Phát động Phong trào thi đua yêu nước năm 2024",
///   "items": [{"number": 1, "text": "Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên",
///     "targets": [{"id": "1", "name": "Tốc độ tăng trưởng GRDP",
///       "spec": {"kind": "growth_rate", "comparator": "at_least", "value": "10"}}]}]
/// }"#;
/// let d = Directive::from_json(json)?;
/// assert_eq!(d.target("1").ok_or("no target 1")?.spec.describe_vi(), "từ 10% trở lên");
/// assert_eq!(d.target_count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Directive {
    /// The kind of document.
    pub kind: DocumentKind,
    /// The document number as written ("129/UBND-KTTH", "322 CTr/UBND"); absent if the text
    /// does not give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The issuer.
    pub issuer: Issuer,
    /// Date of issue (ngày ban hành).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<NaiveDate>,
    /// Date of publication (ngày đăng) of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The year(s) covered.
    pub coverage: Coverage,
    /// Title (trích yếu).
    pub title: String,
    /// Theme or slogan (chủ đề).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Documents cited as basis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_bases: Vec<LegalBasis>,
    /// Content points (nội dung thi đua), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_points: Vec<ContentPoint>,
    /// The numbered target items, in order.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::limits::de::items"
    )]
    pub items: Vec<TargetItem>,
    /// Where the data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Directive {
    /// Starts a directive of `kind` by `issuer`, covering `year`, titled `title`; the
    /// [`DirectiveBuilder`] adds the rest and [validates](Directive::validate) it.
    ///
    /// ```
    /// use thidua_core::{Comparator, Decimal, Directive, DocumentKind, Target, TargetItem, TargetSpec};
    /// let d = Directive::builder(DocumentKind::Directive, "Chủ tịch UBND tỉnh Kon Tum", 2024,
    ///         "Phát động Phong trào thi đua yêu nước năm 2024")
    ///     .number("08/CT-UBND")
    ///     .locality("Kon Tum")
    ///     .item(TargetItem::new(1, "Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên", vec![
    ///         Target::new("1", "Tốc độ tăng trưởng GRDP",
    ///             TargetSpec::GrowthRate { comparator: Comparator::AtLeast, value: Decimal::TEN }),
    ///     ]))
    ///     .build()?;
    /// assert_eq!(d.label(), "Chỉ thị 08/CT-UBND");
    /// let bad = Directive::builder(DocumentKind::Plan, "UBND huyện X", 2024, "t")
    ///     .item(TargetItem::new(1, "…", vec![Target::new("1", "Tỷ lệ",
    ///         TargetSpec::Rate { comparator: Comparator::AtLeast, value: Decimal::from(150) })]))
    ///     .build();
    /// assert_eq!(bad.unwrap_err().code(), "invalid_directive"); // a share above 100 %
    /// # Ok::<(), thidua_core::Error>(())
    /// ```
    pub fn builder(
        kind: DocumentKind,
        issuer: impl Into<String>,
        year: i32,
        title: impl Into<String>,
    ) -> DirectiveBuilder {
        DirectiveBuilder {
            d: Directive {
                kind,
                number: None,
                issuer: Issuer::new(issuer),
                issued: None,
                published: None,
                coverage: Coverage::year(year),
                title: title.into(),
                theme: None,
                legal_bases: Vec::new(),
                content_points: Vec::new(),
                items: Vec::new(),
                source: None,
            },
        }
    }

    /// Reads a directive from JSON and [validates](Directive::validate) it.
    pub fn from_json(json: &str) -> Result<Directive> {
        let d: Directive = crate::json::from_str(json, "directive")?;
        d.validate()?;
        Ok(d)
    }

    /// Writes the directive as pretty JSON.
    ///
    /// Fails only beyond [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES).
    pub fn to_json(&self) -> crate::Result<String> {
        crate::json::to_string_pretty(self)
    }
}

impl Directive {
    /// Every target in document order, sub-targets right after their parent, with its item
    /// number and parent id. An iterator (no allocation, no recursion: any depth is safe)
    /// that knows its length.
    pub fn targets(&self) -> Targets<'_> {
        Targets {
            items: self.items.iter(),
            item: 0,
            stack: Vec::new(),
            remaining: self.target_count(),
        }
    }

    /// The number of targets, sub-targets included (counted without recursion).
    pub fn target_count(&self) -> usize {
        let mut n = 0;
        let mut stack: Vec<&[Target]> = self.items.iter().map(|i| i.targets.as_slice()).collect();
        while let Some(list) = stack.pop() {
            n += list.len();
            stack.extend(list.iter().map(|t| t.sub_targets.as_slice()));
        }
        n
    }

    /// The target with this id, if any.
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets().find(|r| r.target.id == id).map(|r| r.target)
    }

    /// Every target by id (the first of a repeated id, as [`Directive::target`]): for a loop
    /// that looks targets up by id, which would otherwise scan the directive on each lookup.
    pub(crate) fn target_index(&self) -> std::collections::HashMap<&str, &Target> {
        let mut index = std::collections::HashMap::with_capacity(self.target_count());
        for r in self.targets() {
            index.entry(r.target.id.as_str()).or_insert(r.target);
        }
        index
    }

    /// The numbered item with this number, if any.
    pub fn item(&self, number: u32) -> Option<&TargetItem> {
        self.items.iter().find(|i| i.number == number)
    }
}

/// Builds a [`Directive`] (see [`Directive::builder`]); [`build`](Self::build) validates it.
#[derive(Debug, Clone)]
#[must_use]
pub struct DirectiveBuilder {
    d: Directive,
}

impl DirectiveBuilder {
    /// The document number as written ("08/CT-UBND").
    pub fn number(mut self, number: impl Into<String>) -> Self {
        self.d.number = Some(number.into());
        self
    }

    /// The issuer's province or locality.
    pub fn locality(mut self, locality: impl Into<String>) -> Self {
        self.d.issuer.locality = Some(locality.into());
        self
    }

    /// The date of issue.
    pub fn issued(mut self, date: NaiveDate) -> Self {
        self.d.issued = Some(date);
        self
    }

    /// The date of publication of the source.
    pub fn published(mut self, date: NaiveDate) -> Self {
        self.d.published = Some(date);
        self
    }

    /// The last year covered, for a directive over several years.
    pub fn until_year(mut self, year: i32) -> Self {
        self.d.coverage.until_year = Some(year);
        self
    }

    /// The theme or slogan (chủ đề).
    pub fn theme(mut self, theme: impl Into<String>) -> Self {
        self.d.theme = Some(theme.into());
        self
    }

    /// A document cited as basis.
    pub fn legal_basis(mut self, basis: LegalBasis) -> Self {
        self.d.legal_bases.push(basis);
        self
    }

    /// A content point.
    pub fn content_point(mut self, point: ContentPoint) -> Self {
        self.d.content_points.push(point);
        self
    }

    /// A numbered target item (after the ones already given).
    pub fn item(mut self, item: TargetItem) -> Self {
        self.d.items.push(item);
        self
    }

    /// Where the text comes from.
    pub fn source(mut self, source: Source) -> Self {
        self.d.source = Some(source);
        self
    }

    /// The directive, [validated](Directive::validate).
    pub fn build(self) -> Result<Directive> {
        self.d.validate()?;
        Ok(self.d)
    }
}

/// The targets of a directive in document order (see [`Directive::targets`]).
#[derive(Debug, Clone)]
pub struct Targets<'a> {
    items: std::slice::Iter<'a, TargetItem>,
    item: u32,
    /// The lists being walked, innermost last, each with the id of its parent.
    stack: Vec<(std::slice::Iter<'a, Target>, Option<&'a str>)>,
    remaining: usize,
}

impl<'a> Iterator for Targets<'a> {
    type Item = TargetRef<'a>;

    fn next(&mut self) -> Option<TargetRef<'a>> {
        loop {
            if let Some((list, parent)) = self.stack.last_mut() {
                let parent = *parent;
                match list.next() {
                    Some(t) => {
                        if !t.sub_targets.is_empty() {
                            self.stack.push((t.sub_targets.iter(), Some(t.id.as_str())));
                        }
                        self.remaining = self.remaining.saturating_sub(1);
                        return Some(TargetRef {
                            item: self.item,
                            parent,
                            target: t,
                        });
                    }
                    None => {
                        self.stack.pop();
                        continue;
                    }
                }
            }
            let item = self.items.next()?;
            self.item = item.number;
            self.stack.push((item.targets.iter(), None));
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Targets<'_> {}

/// A target with its position in the directive.
///
/// ```
/// use thidua_core::Directive;
/// let d = Directive::from_json(r#"{"kind": "directive", "issuer": {"name": "UBND tỉnh Kon Tum"},
///   "coverage": {"year": 2021}, "title": "Phát động phong trào thi đua năm 2021",
///   "items": [{"number": 6, "text": "Tỷ lệ lao động qua đào tạo đạt 54%, trong đó có bằng cấp 38%",
///     "targets": [{"id": "6", "name": "Tỷ lệ lao động qua đào tạo",
///       "spec": {"kind": "rate", "comparator": "at_least", "value": "54"},
///       "sub_targets": [{"id": "6.1", "name": "Có bằng cấp, chứng chỉ",
///         "spec": {"kind": "rate", "comparator": "at_least", "value": "38"}}]}]}]}"#)?;
/// let sub = d.targets().find(|t| t.target.id == "6.1").ok_or("not found")?;
/// assert_eq!((sub.item, sub.parent), (6, Some("6")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TargetRef<'a> {
    /// The item number.
    pub item: u32,
    /// The parent target's id for a "trong đó" sub-target.
    pub parent: Option<&'a str>,
    /// The target.
    pub target: &'a Target,
}
