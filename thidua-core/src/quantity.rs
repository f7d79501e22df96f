//! Quantities: an exact value with a scale (nghìn, vạn, triệu, tỷ) and a unit (%, đồng, USD,
//! ha, or a counted noun such as "doanh nghiệp", "lượt khách").
//!
//! Conversion between scales is exact (multiplication by a power of ten, with an
//! [`Error::Overflow`] if the result leaves the decimal range). Quantities with different units
//! are never converted into each other: comparing 162 triệu USD with đồng, or a percentage with
//! a count, is an [`Error::UnitMismatch`].

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{excerpt, Error, Location, Result};
use crate::number::parse_vn;

/// A multiplier written as a word: nghìn/ngàn (10³), vạn (10⁴), triệu (10⁶), tỷ (10⁹), and the
/// compounds nghìn tỷ (10¹²) and triệu tỷ (10¹⁵).
///
/// In JSON (and so in records, DataFrames and JavaScript objects) a scale is its name
/// (`"billion"`) or any word [`Scale::from_word`] reads in lower case (`"tỷ"`, `"ty"`,
/// `"nghìn tỷ"`): the words are serde aliases, one list for every input path.
///
/// ```
/// use thidua_core::Scale;
/// assert_eq!(Scale::Billion.exponent(), 9);
/// assert_eq!(Scale::from_word("tỷ"), Some(Scale::Billion));
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
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
pub enum Scale {
    /// No multiplier.
    #[default]
    One,
    /// nghìn / ngàn — 10³.
    #[serde(alias = "nghìn", alias = "ngàn", alias = "nghin", alias = "ngan")]
    Thousand,
    /// vạn — 10⁴ (as in "1 vạn dân").
    #[serde(alias = "vạn", alias = "van")]
    TenThousand,
    /// triệu — 10⁶.
    #[serde(alias = "triệu", alias = "trieu")]
    Million,
    /// tỷ — 10⁹.
    #[serde(alias = "tỷ", alias = "tỉ", alias = "ty")]
    Billion,
    /// nghìn tỷ — 10¹² (as in "40,5 nghìn tỷ đồng").
    #[serde(
        alias = "nghìn tỷ",
        alias = "ngàn tỷ",
        alias = "nghìn tỉ",
        alias = "ngàn tỉ"
    )]
    ThousandBillion,
    /// triệu tỷ — 10¹⁵ (as in "3,1 triệu tỷ đồng").
    #[serde(alias = "triệu tỷ", alias = "triệu tỉ")]
    MillionBillion,
}

impl Scale {
    /// The power of ten.
    pub fn exponent(self) -> u32 {
        match self {
            Scale::One => 0,
            Scale::Thousand => 3,
            Scale::TenThousand => 4,
            Scale::Million => 6,
            Scale::Billion => 9,
            Scale::ThousandBillion => 12,
            Scale::MillionBillion => 15,
        }
    }

    /// The multiplier as an exact decimal.
    pub fn factor(self) -> Decimal {
        Decimal::from(10i64.pow(self.exponent()))
    }

    /// Reads a scale word (`nghìn`, `ngàn`, `vạn`, `triệu`, `tỷ`, `tỉ`) or a compound scale
    /// (`nghìn tỷ`, `triệu tỷ`), case-insensitive.
    pub fn from_word(word: &str) -> Option<Scale> {
        match word.to_lowercase().as_str() {
            "" => Some(Scale::One),
            "nghìn" | "ngàn" | "ngan" | "nghin" => Some(Scale::Thousand),
            "vạn" | "van" => Some(Scale::TenThousand),
            "triệu" | "trieu" => Some(Scale::Million),
            "tỷ" | "tỉ" | "ty" => Some(Scale::Billion),
            "nghìn tỷ" | "ngàn tỷ" | "nghìn tỉ" | "ngàn tỉ" => {
                Some(Scale::ThousandBillion)
            }
            "triệu tỷ" | "triệu tỉ" => Some(Scale::MillionBillion),
            _ => None,
        }
    }
}

/// A currency.
///
/// ```
/// use thidua_core::Currency;
/// assert_eq!(serde_json::to_string(&Currency::Usd)?, "\"USD\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Currency {
    /// Vietnamese đồng (written "đồng").
    #[serde(rename = "VND")]
    #[strum(serialize = "VND")]
    Vnd,
    /// US dollar.
    #[serde(rename = "USD")]
    #[strum(serialize = "USD")]
    Usd,
}

/// The unit of a quantity. In JSON a unit is a plain string: `"%"`, `"điểm %"` (percentage
/// points), `"đồng"`, `"USD"`, `"ha"`, or any other text, which is a counted noun
/// (`"doanh nghiệp"`, `"lượt khách"`, `"giường"`).
///
/// ```
/// use thidua_core::{Unit, Currency};
/// assert_eq!("đồng".parse::<Unit>()?, Unit::Currency(Currency::Vnd));
/// assert_eq!("%".parse::<Unit>()?, Unit::Percent);
/// assert_eq!("xã".parse::<Unit>()?, Unit::Count("xã".into()));
/// assert!(Unit::Percent.check_compatible(&Unit::Count("xã".into()), "here").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum Unit {
    /// Percent (%), a level such as a coverage rate.
    Percent,
    /// Percentage points (điểm %), the unit of a change in a rate.
    PercentagePoint,
    /// Money.
    Currency(Currency),
    /// Hectares (ha).
    Hectare,
    /// A counted noun: "doanh nghiệp", "xã", "lượt khách", "giường", "bác sĩ", "tiêu chí"…
    Count(String),
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Unit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Unit".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "\\S",
            "description": "\"%\", \"điểm %\" (percentage points), \"đồng\" (VND), \"USD\", \"ha\", or a counted noun such as \"doanh nghiệp\""
        })
    }
}

impl Unit {
    /// Checks that a value in `other` can be compared with a value in `self`.
    pub fn check_compatible(&self, other: &Unit, location: impl Into<Location>) -> Result<()> {
        if self == other {
            Ok(())
        } else {
            Err(Error::UnitMismatch {
                location: location.into(),
                expected: self.to_string(),
                found: other.to_string(),
            })
        }
    }
}

/// How a unit given with a result relates to the target's unit (see [`Unit::compatibility`]).
///
/// ```
/// use thidua_core::{quantity::UnitMatch, Unit};
/// let target = Unit::Count("lượt khách".into());
/// assert_eq!(target.compatibility(&Unit::Count("lượt khách".into())), UnitMatch::Same);
/// assert_eq!(target.compatibility(&Unit::Count("lượt".into())), UnitMatch::ShortForm);
/// assert_eq!(target.compatibility(&Unit::Percent), UnitMatch::Mismatch);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnitMatch {
    /// The same unit (counted nouns compared without regard to case or spacing).
    Same,
    /// Counted nouns where one is the other's first words ("lượt" for "lượt khách",
    /// "giường" for "giường bệnh"): accepted, with an `unusual_unit` warning.
    ShortForm,
    /// Different units (đồng vs USD, % vs a count): never converted.
    Mismatch,
}

impl Unit {
    /// Whether a value given in `other` can stand for a value in `self`: the same unit, a
    /// short form of the same counted noun, or a mismatch. This is the one rule every path
    /// (results, the target table, the reported-phrase reader) uses.
    pub fn compatibility(&self, other: &Unit) -> UnitMatch {
        if self == other {
            return UnitMatch::Same;
        }
        match (self, other) {
            (Unit::Count(a), Unit::Count(b)) => {
                let wa: Vec<String> = a.split_whitespace().map(str::to_lowercase).collect();
                let wb: Vec<String> = b.split_whitespace().map(str::to_lowercase).collect();
                if wa == wb {
                    UnitMatch::Same
                } else if !wa.is_empty()
                    && !wb.is_empty()
                    && (wa.starts_with(&wb) || wb.starts_with(&wa))
                {
                    UnitMatch::ShortForm
                } else {
                    UnitMatch::Mismatch
                }
            }
            _ => UnitMatch::Mismatch,
        }
    }
}

/// Reads a unit as results, tables and reports write it, with an optional scale word and
/// an optional "per" suffix: `"triệu USD"` → (triệu, USD), `"tỷ đồng"` → (tỷ, đồng),
/// `"%"`, `"điểm %"`, `"lượt"`, `"triệu đồng/người"` → (triệu, đồng), `"USD/người"` → USD.
/// The one lexicon of units and scales (shared by results, the target table, the
/// reported-phrase reader and the spreadsheet reader's "ĐVT" column).
///
/// Units are recognised without regard to case ("Tỷ đồng", "Triệu USD", "Ha"), with the
/// abbreviations of statistical tables: "tr.đồng", "trđ", "tr đ" (triệu đồng), "tỷ đ", "ng."
/// (nghìn), "1.000 USD" / "1000 người" (nghìn), "đ", "VNĐ", "đô la (Mỹ)", "héc ta". A
/// counted noun is kept as written ("lượt khách", "DN").
///
/// ```
/// use thidua_core::{quantity::parse_unit_phrase, Currency, Scale, Unit};
/// assert_eq!(parse_unit_phrase("triệu USD")?, (Some(Scale::Million), Unit::Currency(Currency::Usd)));
/// assert_eq!(parse_unit_phrase("đồng")?, (None, Unit::Currency(Currency::Vnd)));
/// assert_eq!(parse_unit_phrase("triệu đồng/người")?, (Some(Scale::Million), Unit::Currency(Currency::Vnd)));
/// assert_eq!(parse_unit_phrase("điểm phần trăm")?, (None, Unit::PercentagePoint));
/// assert_eq!(parse_unit_phrase("Tr.đồng")?, (Some(Scale::Million), Unit::Currency(Currency::Vnd)));
/// assert_eq!(parse_unit_phrase("1.000 USD")?, (Some(Scale::Thousand), Unit::Currency(Currency::Usd)));
/// assert_eq!(parse_unit_phrase("Tỷ đ")?, (Some(Scale::Billion), Unit::Currency(Currency::Vnd)));
/// assert!(parse_unit_phrase("triệu").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_unit_phrase(s: &str) -> Result<(Option<Scale>, Unit)> {
    let expanded = expand_abbreviations(strip_per_suffix(s.trim()).trim());
    let t = expanded.as_str();
    let empty = || Error::UnitMismatch {
        location: Location::new().with_context(format!("unit {:?}", crate::error::excerpt(s))),
        expected:
            "a unit (%, điểm %, đồng, USD, ha or a counted noun), optionally after a scale word"
                .into(),
        found: if t.is_empty() {
            "an empty string".into()
        } else {
            format!("only the scale word {t:?}")
        },
    };
    if t.is_empty() {
        return Err(empty());
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    // The longest scale word sequence first ("nghìn tỷ" before "nghìn").
    for n in (1..words.len().min(3)).rev() {
        if let Some(scale) = Scale::from_word(&words[..n].join(" ")) {
            if scale != Scale::One {
                let rest = words[n..].join(" ");
                return Ok((Some(scale), unit_word(&rest)?));
            }
        }
    }
    if words.len() == 1 && Scale::from_word(words[0]).is_some_and(|s| s != Scale::One) {
        return Err(empty());
    }
    Ok((None, unit_word(t)?))
}

/// A unit without its scale, the known ones without regard to case.
fn unit_word(s: &str) -> Result<Unit> {
    let lower = s.trim().to_lowercase();
    let known = match lower.as_str() {
        "%" | "phần trăm" => Some(Unit::Percent),
        "điểm %" | "điểm%" | "điểm phần trăm" | "pp" | "percentage points" => {
            Some(Unit::PercentagePoint)
        }
        "đồng" | "đ" | "vnđ" | "vnd" | "việt nam đồng" => {
            Some(Unit::Currency(Currency::Vnd))
        }
        "usd" | "đô la" | "đô la mỹ" | "đô-la" | "đô-la mỹ" | "us$" => {
            Some(Unit::Currency(Currency::Usd))
        }
        "ha" | "héc ta" | "héc-ta" | "hecta" | "hécta" => Some(Unit::Hectare),
        _ => None,
    };
    match known {
        Some(u) => Ok(u),
        None => s.parse(),
    }
}

/// Table abbreviations of scale words, spelt out: "tr.đồng", "trđ", "tr đ" → "triệu đồng";
/// "tỷđ" → "tỷ đồng"; "ng." → "nghìn"; "1.000 X", "1000 X", "1,000 X" → "nghìn X".
fn expand_abbreviations(s: &str) -> String {
    let lower = s.to_lowercase();
    // Glued forms: "trđ", "tr.đ", "tr.đồng", "tỷđ".
    for (glued, spelt) in [
        ("tr.đồng", "triệu đồng"),
        ("tr.đ", "triệu đồng"),
        ("trđồng", "triệu đồng"),
        ("trđ", "triệu đồng"),
        ("tỷđồng", "tỷ đồng"),
        ("tỷđ", "tỷ đồng"),
        ("tr.usd", "triệu USD"),
    ] {
        if lower == glued {
            return spelt.to_string();
        }
    }
    let mut words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
    if let Some(first) = words.first_mut() {
        let f = first.to_lowercase();
        let scale = match f.as_str() {
            "tr" | "tr." => Some("triệu"),
            "ng" | "ng." => Some("nghìn"),
            "1.000" | "1000" | "1,000" => Some("nghìn"),
            "1.000.000" | "1000000" => Some("triệu"),
            _ => None,
        };
        if let Some(w) = scale {
            if words.len() > 1 {
                words[0] = w.to_string();
            }
        } else if first.len() > 3
            && first.is_char_boundary(3)
            && first[..3].eq_ignore_ascii_case("tr.")
        {
            // "tr.USD", "Tr.người"
            let rest = first[3..].to_string();
            words.splice(0..1, ["triệu".to_string(), rest]);
        }
    }
    words.join(" ")
}

/// Removes a population base written after a unit: "/người", "/1 vạn dân", "/người/năm",
/// "/năm" ("triệu đồng/người" is a per-capita value in triệu đồng).
pub(crate) fn strip_per_suffix(s: &str) -> &str {
    match s.find('/') {
        Some(i) if i > 0 => {
            let tail = s[i + 1..].trim().to_lowercase();
            let per = [
                "người",
                "1 vạn dân",
                "vạn dân",
                "10.000 dân",
                "dân",
                "năm",
                "người/năm",
            ];
            if per
                .iter()
                .any(|p| tail == *p || tail.starts_with(&format!("{p}/")))
            {
                s[..i].trim_end()
            } else {
                s
            }
        }
        _ => s,
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::Percent => "%",
            Unit::PercentagePoint => "điểm %",
            Unit::Currency(Currency::Vnd) => "đồng",
            Unit::Currency(Currency::Usd) => "USD",
            Unit::Hectare => "ha",
            Unit::Count(n) => n,
        })
    }
}

impl FromStr for Unit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Unit> {
        let t = s.trim();
        Ok(match t {
            "" => {
                return Err(Error::UnitMismatch {
                    location: Location::new().field("unit"),
                    expected: "a unit".into(),
                    found: "an empty string".into(),
                })
            }
            "%" | "phần trăm" => Unit::Percent,
            "điểm %" | "điểm%" | "điểm phần trăm" | "pp" | "percentage points" => {
                Unit::PercentagePoint
            }
            "đồng" | "VND" | "VNĐ" | "vnđ" => Unit::Currency(Currency::Vnd),
            "USD" | "usd" | "đô la Mỹ" => Unit::Currency(Currency::Usd),
            "ha" | "héc ta" | "héc-ta" | "hecta" => Unit::Hectare,
            other => Unit::Count(other.to_string()),
        })
    }
}

impl TryFrom<String> for Unit {
    type Error = Error;
    fn try_from(s: String) -> Result<Unit> {
        s.parse()
    }
}

impl From<Unit> for String {
    fn from(u: Unit) -> String {
        u.to_string()
    }
}

/// An exact quantity: `value × 10^scale` in `unit`.
///
/// ```
/// use thidua_core::{Quantity, Scale, Unit, Currency};
/// let q: Quantity = "3.500 tỷ đồng".parse()?;
/// assert_eq!(q.scale, Scale::Billion);
/// assert_eq!(q.unit, Unit::Currency(Currency::Vnd));
/// assert_eq!(q.to_string(), "3.500 tỷ đồng");
/// let in_millions = q.to_scale(Scale::Million, "example")?;
/// assert_eq!(in_millions.value.to_string(), "3500000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// The number as written (before the scale word), as a decimal string in JSON: `"3500"`.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub value: Decimal,
    /// The scale word; absent means [`Scale::One`].
    #[serde(default, skip_serializing_if = "is_one")]
    pub scale: Scale,
    /// The unit.
    pub unit: Unit,
}

fn is_one(s: &Scale) -> bool {
    *s == Scale::One
}

impl Quantity {
    /// A quantity with no scale word.
    pub fn new(value: Decimal, unit: Unit) -> Quantity {
        Quantity {
            value,
            scale: Scale::One,
            unit,
        }
    }

    /// A quantity with a scale word.
    pub fn scaled(value: Decimal, scale: Scale, unit: Unit) -> Quantity {
        Quantity { value, scale, unit }
    }

    /// The same amount expressed in another scale, exactly. Fails with
    /// [`Error::Overflow`] if the value leaves the decimal range.
    pub fn to_scale(&self, scale: Scale, location: impl Into<Location>) -> Result<Quantity> {
        Ok(Quantity {
            value: rescale(self.value, self.scale, scale, location)?,
            scale,
            unit: self.unit.clone(),
        })
    }

    /// The value in base units (`3.500 tỷ` → 3 500 000 000 000).
    pub fn base_value(&self, location: impl Into<Location>) -> Result<Decimal> {
        rescale(self.value, self.scale, Scale::One, location)
    }
}

/// Converts `value` given in scale `from` to scale `to`, exactly.
///
/// ```
/// use thidua_core::{quantity::rescale, Scale};
/// use rust_decimal::Decimal;
/// assert_eq!(rescale(Decimal::new(15, 1), Scale::Million, Scale::One, "x")?, Decimal::from(1_500_000));
/// # Ok::<(), thidua_core::Error>(())
/// ```
pub fn rescale(
    value: Decimal,
    from: Scale,
    to: Scale,
    location: impl Into<Location>,
) -> Result<Decimal> {
    use std::cmp::Ordering;
    let (a, b) = (from.exponent(), to.exponent());
    match a.cmp(&b) {
        Ordering::Equal => Ok(value),
        Ordering::Greater => value
            .checked_mul(Decimal::from(10i64.pow(a - b)))
            .ok_or_else(|| Error::overflow(location.into(), "scale conversion")),
        Ordering::Less => value
            .checked_div(Decimal::from(10i64.pow(b - a)))
            .ok_or_else(|| Error::overflow(location.into(), "scale conversion")),
    }
}

impl FromStr for Quantity {
    type Err = Error;
    /// Reads `"3.500 tỷ đồng"`, `"94,15%"`, `"1,5 triệu lượt khách"`, `"08 xã"`.
    fn from_str(s: &str) -> Result<Quantity> {
        let s = s.trim();
        let end = s
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '\u{2212}' | '+')))
            .map(|(i, _)| i)
            .unwrap_or(s.len());
        let value = parse_vn(&s[..end])?;
        let rest = s[end..].trim();
        if rest.is_empty() {
            return Err(Error::UnitMismatch {
                location: Location::new().with_context(format!("quantity {:?}", excerpt(s))),
                expected: "a unit after the number".into(),
                found: "nothing".into(),
            });
        }
        if let Some(r) = rest.strip_prefix('%') {
            if r.trim().is_empty() {
                return Ok(Quantity::new(value, Unit::Percent));
            }
        }
        let (first, after) = match rest.split_once(char::is_whitespace) {
            Some((a, b)) => (a, b.trim()),
            None => (rest, ""),
        };
        // A compound scale first ("40,5 nghìn tỷ đồng").
        if let Some((second, after2)) = after.split_once(char::is_whitespace) {
            if let Some(scale) = Scale::from_word(&format!("{first} {second}")) {
                if !after2.trim().is_empty() {
                    return Ok(Quantity::scaled(value, scale, after2.trim().parse()?));
                }
            }
        }
        match Scale::from_word(first) {
            Some(scale) if scale != Scale::One && !after.is_empty() => {
                Ok(Quantity::scaled(value, scale, after.parse()?))
            }
            _ => Ok(Quantity::new(value, rest.parse()?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_seed_quantities() {
        let q: Quantity = "1,5 triệu lượt khách".parse().unwrap();
        assert_eq!(q.value, Decimal::new(15, 1));
        assert_eq!(q.scale, Scale::Million);
        assert_eq!(q.unit, Unit::Count("lượt khách".into()));
        assert_eq!(q.base_value("t").unwrap(), Decimal::from(1_500_000));
        let q: Quantity = "162 triệu USD".parse().unwrap();
        assert_eq!(q.unit, Unit::Currency(Currency::Usd));
        let q: Quantity = "94,15%".parse().unwrap();
        assert_eq!(q.unit, Unit::Percent);
        assert_eq!(q.to_string(), "94,15%");
        let q: Quantity = "3.000 ha".parse().unwrap();
        assert_eq!(q.unit, Unit::Hectare);
        assert_eq!(q.to_string_en(), "3,000 ha");
        let q: Quantity = "08 xã".parse().unwrap();
        assert_eq!(q.to_string(), "8 xã");
        let q: Quantity = "40,5 nghìn tỷ đồng".parse().unwrap();
        assert_eq!(q.scale, Scale::ThousandBillion);
        assert_eq!(q.to_string(), "40,5 nghìn tỷ đồng");
        assert_eq!(
            q.base_value("t").unwrap(),
            Decimal::from(40_500_000_000_000i64)
        );
        assert!("".parse::<Quantity>().is_err());
        assert!("12".parse::<Quantity>().is_err());
    }

    #[test]
    fn table_abbreviations_and_case() {
        let vnd = Unit::Currency(Currency::Vnd);
        let usd = Unit::Currency(Currency::Usd);
        for (text, scale, unit) in [
            ("Tỷ đồng", Some(Scale::Billion), vnd.clone()),
            ("tỷ đ", Some(Scale::Billion), vnd.clone()),
            ("Tỷđ", Some(Scale::Billion), vnd.clone()),
            ("Tr.đồng", Some(Scale::Million), vnd.clone()),
            ("trđ", Some(Scale::Million), vnd.clone()),
            ("tr đồng", Some(Scale::Million), vnd.clone()),
            ("Triệu USD", Some(Scale::Million), usd.clone()),
            ("tr.USD", Some(Scale::Million), usd.clone()),
            ("1.000 USD", Some(Scale::Thousand), usd.clone()),
            (
                "1000 người",
                Some(Scale::Thousand),
                Unit::Count("người".into()),
            ),
            (
                "ng. lượt khách",
                Some(Scale::Thousand),
                Unit::Count("lượt khách".into()),
            ),
            (
                "Nghìn người",
                Some(Scale::Thousand),
                Unit::Count("người".into()),
            ),
            ("Đồng", None, vnd.clone()),
            ("VNĐ", None, vnd.clone()),
            ("đô la Mỹ", None, usd.clone()),
            ("Ha", None, Unit::Hectare),
            ("héc ta", None, Unit::Hectare),
            ("Phần trăm", None, Unit::Percent),
            ("Điểm %", None, Unit::PercentagePoint),
            ("DN", None, Unit::Count("DN".into())),
            ("Triệu đồng/người", Some(Scale::Million), vnd.clone()),
        ] {
            assert_eq!(parse_unit_phrase(text).unwrap(), (scale, unit), "{text}");
        }
        assert!(parse_unit_phrase("Tỷ").is_err());
        assert!(parse_unit_phrase("tr").is_ok()); // a counted noun "tr": never a scale alone
    }

    proptest! {
        #[test]
        fn unit_phrases_never_panic(s in "\\PC{0,12}") {
            let _ = parse_unit_phrase(&s);
        }
    }

    #[test]
    fn units_never_convert_silently() {
        let vnd: Unit = "đồng".parse().unwrap();
        let usd: Unit = "USD".parse().unwrap();
        let e = vnd.check_compatible(&usd, "results[0]").unwrap_err();
        assert_eq!(e.code(), "unit_mismatch");
        assert!(e.to_string().contains("results[0]"));
    }

    #[test]
    fn scale_overflow_is_an_error() {
        let q = Quantity::scaled(Decimal::MAX, Scale::Billion, Unit::Hectare);
        assert_eq!(q.base_value("x").unwrap_err().code(), "overflow");
    }

    #[test]
    fn scale_words_are_serde_aliases() {
        for w in [
            "nghìn",
            "ngàn",
            "nghin",
            "ngan",
            "vạn",
            "van",
            "triệu",
            "trieu",
            "tỷ",
            "tỉ",
            "ty",
            "nghìn tỷ",
            "ngàn tỷ",
            "nghìn tỉ",
            "ngàn tỉ",
            "triệu tỷ",
            "triệu tỉ",
        ] {
            let s: Scale = serde_json::from_value(serde_json::json!(w)).unwrap();
            assert_eq!(Some(s), Scale::from_word(w), "{w}");
        }
        for s in Scale::ALL {
            assert_eq!(Scale::from_word(s.word_vi()), Some(*s));
        }
    }

    #[test]
    fn unit_serde_is_a_string() {
        let q = Quantity::scaled(
            Decimal::from(320),
            Scale::Million,
            Unit::Currency(Currency::Usd),
        );
        let j = serde_json::to_string(&q).unwrap();
        assert_eq!(j, r#"{"value":"320","scale":"million","unit":"USD"}"#);
        let back: Quantity = serde_json::from_str(&j).unwrap();
        assert_eq!(back, q);
    }

    fn any_scale() -> impl Strategy<Value = Scale> {
        prop_oneof![
            Just(Scale::One),
            Just(Scale::Thousand),
            Just(Scale::TenThousand),
            Just(Scale::Million),
            Just(Scale::Billion),
            Just(Scale::ThousandBillion),
            Just(Scale::MillionBillion)
        ]
    }

    proptest! {
        #[test]
        fn scale_round_trip_is_exact(m in -1_000_000_000i64..1_000_000_000, dp in 0u32..6, a in any_scale(), b in any_scale()) {
            let q = Quantity::scaled(Decimal::new(m, dp), a, Unit::Hectare);
            let there = q.to_scale(b, "p").unwrap();
            let back = there.to_scale(a, "p").unwrap();
            prop_assert_eq!(back.value, q.value);
            prop_assert_eq!(there.base_value("p").unwrap(), q.base_value("p").unwrap());
        }

        #[test]
        fn display_then_parse_is_identity(m in 0i64..10_000_000, dp in 0u32..4, a in any_scale()) {
            let q = Quantity::scaled(Decimal::new(m, dp).normalize(), a, Unit::Count("lượt khách".into()));
            let back: Quantity = q.to_string().parse().unwrap();
            prop_assert_eq!(back, q);
        }
    }
}
