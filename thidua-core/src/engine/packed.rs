//! [`PackedResults`]: result rows read straight into columns (gói gọn), for the JSON and
//! records inputs of the engine — a [`ResultSet`](crate::ResultSet)'s answers at a fraction of
//! its memory.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::source::plain;
use super::ResultSource;
use crate::error::Result;
use crate::limits::{Limit, MAX_ROWS};
use crate::quantity::Scale;
use crate::results::{Period, Provenance, ResultEntry};

/// Marks a row held in columns only (no whole [`ResultEntry`] kept).
const PACKED: u32 = u32::MAX;

/// Result rows in columns: the unit and target of each row as an index into a table of the
/// distinct names, the period, value, baseline, provenance and scale in one column each —
/// about 60 bytes a row against the 450–550 of a [`ResultEntry`] in a
/// [`ResultSet`](crate::ResultSet). A row with any other field (a component, a unit, a
/// judgement, a note, a date…) is kept whole beside the columns, so nothing is lost: every row
/// reads back as the [`ResultEntry`] it was read as ([`entry`](ResultSource::entry)), and the
/// engine gives exactly the answers it gives on the same rows in a `ResultSet`.
///
/// Rows are read by the rules of [`ResultEntry`] (its JSON fields, numbers and limits — one
/// owner), one at a time, so reading never holds more than one row's `ResultEntry`.
///
/// ```
/// use thidua_core::engine::{CompiledDirective, PackedResults, ResultSource};
/// use thidua_core::{Directive, EvaluationOptions, Status};
/// let d = Directive::from_json(r#"{"kind": "plan", "issuer": {"name": "UBND tỉnh X"},
///   "coverage": {"year": 2024}, "title": "t", "items": [{"number": 1, "text": "…", "targets": [
///   {"id": "1", "name": "Tỷ lệ", "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}}]}]}"#)?;
/// let rows = PackedResults::from_json(r#"[
///   {"unit": "Xã A", "target": "1", "period": "2024", "value": "52.5"},
///   {"unit": "Xã B", "target": "1", "period": "2024", "value": "40", "note": "ước"}]"#)?;
/// assert_eq!((rows.rows(), rows.whole_rows()), (2, 1)); // the row with a note is kept whole
/// let b = CompiledDirective::new(&d, &EvaluationOptions::default())?.evaluate(&rows)?;
/// assert_eq!(b.status(), &[Status::Exceeded, Status::NotMet]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct PackedResults {
    /// The directive the results answer (its number), as a result set's `directive`.
    pub directive: Option<String>,
    /// The result set's `description`.
    pub description: Option<String>,
    units: Names,
    targets: Names,
    unit: Vec<u32>,
    target: Vec<u32>,
    period: Vec<Period>,
    value: Vec<Option<Decimal>>,
    baseline: Vec<Option<Decimal>>,
    provenance: Vec<Option<Provenance>>,
    scale: Vec<Option<Scale>>,
    /// For each row, its index in `whole`, or [`PACKED`].
    whole_at: Vec<u32>,
    whole: Vec<ResultEntry>,
}

/// Distinct names, each stored once.
#[derive(Debug, Clone, Default)]
struct Names {
    index: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
    /// The name of the last lookup.
    last: u32,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        // Rows come grouped by unit as a rule: the name of the row before first, unhashed.
        if let Some(last) = self.names.get(self.last as usize) {
            if **last == *name {
                return self.last;
            }
        }
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                // At most as many names as rows, and rows are at most `MAX_ROWS` (< u32::MAX).
                let i = self.names.len() as u32;
                let name: Arc<str> = Arc::from(name);
                self.index.insert(name.clone(), i);
                self.names.push(name);
                i
            }
        };
        self.last = i;
        i
    }
}

impl PackedResults {
    /// No rows.
    pub fn new() -> PackedResults {
        PackedResults::default()
    }

    /// Reads rows from JSON: a bare array of rows or `{"entries": [...]}` (with `directive`
    /// and `description`), exactly as [`ResultSet::from_json`](crate::ResultSet::from_json)
    /// reads them — the same fields, rules, limits and errors, at the same paths
    /// (`results[3].value`).
    ///
    /// ```
    /// use thidua_core::engine::PackedResults;
    /// let e = PackedResults::from_json(r#"[{"unit": "A", "target": "1", "period": "2024", "value": "x"}]"#).unwrap_err();
    /// assert_eq!(e.location().path(), "results[0].value");
    /// ```
    pub fn from_json(json: &str) -> Result<PackedResults> {
        let bare = json.trim_start().starts_with('[');
        let read = if bare {
            crate::json::from_str::<PackedResults>(json, "result set")
        } else {
            crate::json::from_str::<PackedSet>(json, "result set").map(|s| s.0)
        };
        read.map_err(|e| crate::results::rows_as_results(e, bare))
    }

    /// Adds one row (at most [`MAX_ROWS`](crate::limits::MAX_ROWS) rows).
    pub fn push(&mut self, e: ResultEntry) -> Result<()> {
        if self.unit.len() >= MAX_ROWS {
            return Err(Limit::Rows.exceeded(crate::Location::new().field("results")));
        }
        self.unit.push(self.units.id(&e.unit));
        self.target.push(self.targets.id(&e.target));
        self.period.push(e.period);
        self.value.push(e.value);
        self.baseline.push(e.baseline);
        self.provenance.push(e.provenance);
        self.scale.push(e.scale);
        // `plain` with the row's own scale: every field but unit, target, period, value,
        // baseline, provenance and scale is absent.
        if plain(&e, e.scale.unwrap_or(Scale::One)) {
            self.whole_at.push(PACKED);
        } else {
            // Fewer whole rows than rows, so the index fits as the row count does.
            self.whole_at.push(self.whole.len() as u32);
            self.whole.push(e);
        }
        Ok(())
    }

    /// The rows kept whole beside the columns (those with a field the columns do not hold).
    pub fn whole_rows(&self) -> usize {
        self.whole.len()
    }

    /// The distinct units.
    pub fn units(&self) -> usize {
        self.units.names.len()
    }

    fn whole(&self, i: usize) -> Option<&ResultEntry> {
        match self.whole_at[i] {
            PACKED => None,
            k => self.whole.get(k as usize),
        }
    }
}

impl FromIterator<ResultEntry> for Result<PackedResults> {
    fn from_iter<I: IntoIterator<Item = ResultEntry>>(iter: I) -> Self {
        let mut p = PackedResults::new();
        for e in iter {
            p.push(e)?;
        }
        Ok(p)
    }
}

impl ResultSource for PackedResults {
    fn rows(&self) -> usize {
        self.unit.len()
    }
    fn unit(&self, i: usize) -> &str {
        &self.units.names[self.unit[i] as usize]
    }
    fn target(&self, i: usize) -> &str {
        &self.targets.names[self.target[i] as usize]
    }
    fn component(&self, i: usize) -> Option<&str> {
        self.whole(i).and_then(|e| e.component.as_deref())
    }
    fn period(&self, i: usize) -> Result<Period> {
        Ok(self.period[i])
    }
    fn value(&self, i: usize) -> Result<Option<Decimal>> {
        Ok(self.value[i])
    }
    fn baseline(&self, i: usize) -> Result<Option<Decimal>> {
        Ok(self.baseline[i])
    }
    fn provenance(&self, i: usize) -> Result<Option<Provenance>> {
        Ok(self.provenance[i])
    }
    fn not_applicable(&self, i: usize) -> Result<bool> {
        Ok(self.whole(i).is_some_and(|e| e.not_applicable))
    }
    fn has_result(&self, i: usize) -> Result<bool> {
        Ok(match self.whole(i) {
            Some(e) => e.has_result() || e.reported.is_some(),
            None => self.value[i].is_some(),
        })
    }
    #[inline]
    fn is_plain(&self, i: usize, target_scale: Scale) -> bool {
        self.whole_at[i] == PACKED && self.scale[i].is_none_or(|s| s == target_scale)
    }
    fn entry(&self, i: usize) -> Result<Cow<'_, ResultEntry>> {
        if let Some(e) = self.whole(i) {
            return Ok(Cow::Borrowed(e));
        }
        let mut e = ResultEntry::new(self.unit(i), self.target(i), self.period[i]);
        e.value = self.value[i];
        e.baseline = self.baseline[i];
        e.provenance = self.provenance[i];
        e.scale = self.scale[i];
        Ok(Cow::Owned(e))
    }
}

impl<'de> Deserialize<'de> for PackedResults {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_seq(RowsVisitor)
    }
}

struct RowsVisitor;

impl<'de> Visitor<'de> for RowsVisitor {
    type Value = PackedResults;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<PackedResults, A::Error> {
        let mut out = PackedResults::new();
        while let Some(e) = seq.next_element::<ResultEntry>()? {
            if out.unit.len() >= MAX_ROWS {
                return Err(crate::json::refuse(
                    Limit::Rows.exceeded(crate::Location::new()),
                ));
            }
            out.push(e).map_err(crate::json::refuse)?;
        }
        Ok(out)
    }
}

/// `{"directive": …, "description": …, "entries": [...]}`, the fields of a `ResultSet`.
struct PackedSet(PackedResults);

impl<'de> Deserialize<'de> for PackedSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_struct("ResultSet", SET_FIELDS, SetVisitor)
    }
}

const SET_FIELDS: &[&str] = &["directive", "description", "entries"];

struct SetVisitor;

impl<'de> Visitor<'de> for SetVisitor {
    type Value = PackedSet;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a result set: an array of rows or an object with `entries`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<PackedSet, A::Error> {
        use serde::de::Error as _;
        let (mut directive, mut description, mut rows) = (None, None, None);
        while let Some(key) = map.next_key::<SetField>()? {
            let name = SET_FIELDS[key as usize];
            let seen = match key {
                SetField::Directive => directive
                    .replace(map.next_value::<Option<String>>()?)
                    .is_some(),
                SetField::Description => description
                    .replace(map.next_value::<Option<String>>()?)
                    .is_some(),
                SetField::Entries => rows.replace(map.next_value::<PackedResults>()?).is_some(),
            };
            if seen {
                return Err(A::Error::custom(format_args!("duplicate field `{name}`")));
            }
        }
        let mut p = rows.ok_or_else(|| A::Error::missing_field("entries"))?;
        p.directive = directive.flatten();
        p.description = description.flatten();
        Ok(PackedSet(p))
    }
}

/// A key of a result set object; an unknown key is refused while it is read, so that the
/// error's path names it (as a derived `deny_unknown_fields` reader does).
#[derive(Clone, Copy)]
enum SetField {
    Directive = 0,
    Description = 1,
    Entries = 2,
}

impl<'de> Deserialize<'de> for SetField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Key;
        impl Visitor<'_> for Key {
            type Value = SetField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field of a result set")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<SetField, E> {
                match v {
                    "directive" => Ok(SetField::Directive),
                    "description" => Ok(SetField::Description),
                    "entries" => Ok(SetField::Entries),
                    other => Err(E::unknown_field(other, SET_FIELDS)),
                }
            }
        }
        d.deserialize_identifier(Key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ResultSet;

    /// Every row reads back as the `ResultEntry` a `ResultSet` reads, and the same JSON gives
    /// the same errors at the same paths.
    #[test]
    fn rows_and_errors_are_those_of_a_result_set() {
        let good = [
            r#"[{"unit": "A", "target": "1", "period": "2024", "value": "52.5", "baseline": "3"},
                {"unit": "B", "target": "1", "period": "2024-Q3", "value": 7, "provenance": "estimate"},
                {"unit": "A", "target": "2", "period": "2024", "value": "1.5", "scale": "billion"},
                {"unit": "A", "target": "3", "period": "2024", "component": "cases", "value": "3"},
                {"unit": "A", "target": "4", "period": "2024", "not_applicable": true},
                {"unit": "B", "target": "1", "period": "2024", "judgement": "met", "note": "x"}]"#,
            r#"{"directive": "08/CT-UBND", "description": "d", "entries": [
                {"unit": "A", "target": "1", "period": "2024", "value": "1"}]}"#,
            r#"{"entries": []}"#,
            "[]",
        ];
        for json in good {
            let set = ResultSet::from_json(json).unwrap();
            let p = PackedResults::from_json(json).unwrap();
            assert_eq!(
                (p.directive.as_ref(), p.description.as_ref()),
                (set.directive.as_ref(), set.description.as_ref())
            );
            assert_eq!(p.rows(), set.entries.len());
            for (i, e) in set.entries.iter().enumerate() {
                assert_eq!(&*p.entry(i).unwrap(), e, "{json} row {i}");
                assert_eq!(p.unit(i), e.unit);
                assert_eq!(
                    p.has_result(i).unwrap(),
                    ResultSource::has_result(&set, i).unwrap()
                );
                assert_eq!(p.not_applicable(i).unwrap(), e.not_applicable);
                for s in [Scale::One, Scale::Billion] {
                    assert_eq!(p.is_plain(i, s), set.is_plain(i, s), "{json} row {i}");
                }
            }
        }
        let bad = [
            r#"[{"unit": "A", "target": "1", "period": "2024", "value": "x"}]"#,
            r#"[{"unit": "A", "target": "1", "period": "2024", "value": "52,5"}]"#,
            r#"[{"unit": "A", "target": "1", "value": "1"}]"#,
            r#"[{"unit": "A", "target": "1", "period": "2024", "colour": "red"}]"#,
            r#"[{"unit": "A", "target": "1", "period": "2024-Q5", "value": "1"}]"#,
            r#"{"entries": [{"unit": "A", "target": "1", "period": "2024", "value": NaN}]}"#,
            r#"{"entries": [], "extra": 1}"#,
            r#"{"directive": "x"}"#,
            r#"{"entries": [], "entries": []}"#,
            r#"[{"unit": "A", "target": "1", "period": "2024", "value": 1e400}]"#,
            "[",
            "7",
            "",
        ];
        for json in bad {
            let want = ResultSet::from_json(json).unwrap_err();
            let got = PackedResults::from_json(json).unwrap_err();
            assert_eq!(
                (got.code(), got.location().path()),
                (want.code(), want.location().path()),
                "{json}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn names_are_stored_once() {
        let rows: Result<PackedResults> = (0..1000)
            .map(|i| {
                let mut e = ResultEntry::new(format!("Xã {}", i % 10), "1", Period::year(2024));
                e.value = Some(Decimal::from(i));
                e
            })
            .collect();
        let rows = rows.unwrap();
        assert_eq!(
            (rows.rows(), rows.units(), rows.whole_rows()),
            (1000, 10, 0)
        );
        assert_eq!(rows.unit(17), "Xã 7");
    }
}
