//! Typed errors (lỗi) of the whole library.
//!
//! Every error says **what** went wrong and **where**: a [`Location`], a path into the input
//! built as the error bubbles up (`results[3].value`, `items[2].targets[0].spec.value`), with an
//! optional human context (`unit "Sa Thầy", target "7", period "2024"`). Each variant has a
//! stable machine-readable code, [`ErrorCode`] (generated from the variants: one definition),
//! that the Python and JavaScript bindings expose unchanged (`thidua.UnknownTargetError`,
//! `err.code === "unknown_target"`), and the location's [segments](Location::segments) give
//! them a structured `loc` (`("results", 3, "value")` in Python, `["results", 3, "value"]` in
//! JavaScript).
//!
//! Echoed input is capped: a message never repeats more than [`MAX_ECHO_CHARS`] characters of
//! what it was given (longer text ends with "…").

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// Result alias used throughout the crate.
///
/// ```
/// fn load(json: &str) -> thidua_core::Result<thidua_core::Directive> {
///     thidua_core::Directive::from_json(json)
/// }
/// assert_eq!(load("{}").unwrap_err().code(), "json");
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The most characters of input a message repeats; longer text is cut and ends with "…".
pub const MAX_ECHO_CHARS: usize = 80;

/// `s`, cut to [`MAX_ECHO_CHARS`] characters followed by "…" when longer.
///
/// ```
/// use thidua_core::error::excerpt;
/// assert_eq!(excerpt("12,5"), "12,5");
/// let long = "x".repeat(1000);
/// assert_eq!(excerpt(&long).chars().count(), 81);
/// assert!(excerpt(&long).ends_with('…'));
/// ```
pub fn excerpt(s: &str) -> String {
    match s.char_indices().nth(MAX_ECHO_CHARS) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

/// The most characters of a reason or a parser message in an error's text (a backstop behind
/// [`capped`]: reasons written by the library are far shorter).
const MAX_REASON_CHARS: usize = 1_000;

/// A reason or message as an error shows it: every quoted run (`"…"` or `` `…` ``, the way
/// reasons and serde quote input) cut to [`MAX_ECHO_CHARS`] characters, and the whole to
/// 1,000 characters — so that input echoed by any rule is capped in one place.
///
/// ```
/// use thidua_core::error::capped;
/// let long = "x".repeat(10_000);
/// let m = capped(&format!("subject {long:?} is not declared")).into_owned();
/// assert!(m.chars().count() < 120 && m.ends_with("\" is not declared"), "{m}");
/// assert_eq!(capped("a share cannot exceed 100%"), "a share cannot exceed 100%");
/// assert!(capped(&format!("unknown field `{long}`")).ends_with("…`"));
/// ```
pub fn capped(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_ECHO_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(4 * MAX_REASON_CHARS));
    let mut rest = s;
    while let Some(open) = rest.find(['"', '`']) {
        let q = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        let body = &rest[open + 1..];
        // The closing quote: the next one of the same kind not escaped by a backslash.
        let mut close = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if q == '"' && !escaped => escaped = true,
                c if c == q && !escaped => {
                    close = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let end = close.unwrap_or(body.len());
        out.push_str(&excerpt(&body[..end]));
        match close {
            Some(i) => {
                out.push(q);
                rest = &body[i + 1..];
            }
            None => rest = "",
        }
        if out.len() > 4 * MAX_REASON_CHARS {
            break;
        }
    }
    out.push_str(rest);
    match out.char_indices().nth(MAX_REASON_CHARS) {
        None => std::borrow::Cow::Owned(out),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &out[..end])),
    }
}

/// One step of a [`Location`]: the name of a field (or of a key, or of a column) or an index
/// into a list.
///
/// ```
/// use thidua_core::error::Segment;
/// assert_eq!(Segment::from("value").to_string(), "value");
/// assert_eq!(Segment::Index(3).to_string(), "[3]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment {
    /// A field, key or column name.
    Field(Cow<'static, str>),
    /// A position in a list (from 0).
    Index(usize),
}

impl From<&'static str> for Segment {
    fn from(s: &'static str) -> Segment {
        Segment::Field(Cow::Borrowed(s))
    }
}

impl From<String> for Segment {
    fn from(s: String) -> Segment {
        Segment::Field(Cow::Owned(s))
    }
}

impl From<usize> for Segment {
    fn from(i: usize) -> Segment {
        Segment::Index(i)
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A key can come from input: cut like any echo.
            Segment::Field(s) => f.write_str(&excerpt(s)),
            Segment::Index(i) => write!(f, "[{i}]"),
        }
    }
}

impl Serialize for Segment {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Segment::Field(f) => s.serialize_str(f),
            Segment::Index(i) => s.serialize_u64(*i as u64),
        }
    }
}

/// Where in the input an error is: a path of [`Segment`]s (`results[3].value`) and an optional
/// context that names the row in words (`unit "A", target "7", period "2024"`).
///
/// The path is relative to the input named by the function that failed: a directive's paths
/// start at its fields (`items[2].targets[0].spec.value`); the rows of a result set are
/// `results[i]` (whether the JSON was a bare array or `{"entries": [...]}`); a score input's
/// paths start at its fields (`stages[1].results[4].value`). The context is for people; the
/// segments are for programs.
///
/// ```
/// use thidua_core::error::{Location, Segment};
/// let loc = Location::new().field("results").index(3).field("value")
///     .with_context("unit \"A\", target \"7\"");
/// assert_eq!(loc.path(), "results[3].value");
/// assert_eq!(loc.to_string(), "results[3].value (unit \"A\", target \"7\")");
/// assert_eq!(loc.segments()[1], Segment::Index(3));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Location {
    segments: Vec<Segment>,
    context: Option<String>,
}

impl Location {
    /// The empty location (the input as a whole).
    pub fn new() -> Location {
        Location::default()
    }

    /// The path's steps, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The context in words, if any.
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// Whether there is neither a path nor a context.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty() && self.context.is_none()
    }

    /// The path alone: `results[3].value` (empty for the input as a whole).
    pub fn path(&self) -> String {
        let mut s = String::new();
        for (i, seg) in self.segments.iter().enumerate() {
            if i > 0 && matches!(seg, Segment::Field(_)) {
                s.push('.');
            }
            s.push_str(&seg.to_string());
        }
        s
    }

    /// This location followed by field `name`.
    pub fn field(mut self, name: impl Into<Cow<'static, str>>) -> Location {
        self.segments.push(Segment::Field(name.into()));
        self
    }

    /// This location followed by index `i`.
    pub fn index(mut self, i: usize) -> Location {
        self.segments.push(Segment::Index(i));
        self
    }

    /// This location with a context in words (replacing any).
    pub fn with_context(mut self, context: impl Into<String>) -> Location {
        self.context = Some(context.into());
        self
    }

    /// Puts `segments` in front of the path (an error bubbling up through its containers).
    pub(crate) fn prepend(&mut self, segments: impl IntoIterator<Item = Segment>) {
        let mut v: Vec<Segment> = segments.into_iter().collect();
        v.append(&mut self.segments);
        self.segments = v;
    }

    /// Reads a location written as a path (`options.ratio_digits`, `results[3].value`); text
    /// that is not a path becomes the context.
    ///
    /// ```
    /// use thidua_core::error::Location;
    /// assert_eq!(Location::parse("items[2].targets[0]").segments().len(), 4);
    /// assert_eq!(Location::parse("column \"value\"").context(), Some("column \"value\""));
    /// ```
    pub fn parse(text: &str) -> Location {
        if let Some(l) = parse_path(text) {
            return l;
        }
        // "path (context)"
        if let Some((path, rest)) = text.split_once(" (") {
            if let (Some(mut l), Some(ctx)) = (parse_path(path), rest.strip_suffix(')')) {
                l.context = Some(ctx.to_string());
                return l;
            }
        }
        Location {
            segments: Vec::new(),
            context: (!text.is_empty()).then(|| text.to_string()),
        }
    }
}

fn parse_path(text: &str) -> Option<Location> {
    if text.is_empty() {
        return None;
    }
    let mut segments = Vec::new();
    let mut rest = text;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            segments.push(Segment::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        } else {
            let r = if first { rest } else { rest.strip_prefix('.')? };
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let name = &r[..end];
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            segments.push(Segment::Field(Cow::Owned(name.to_string())));
            rest = &r[end..];
        }
        first = false;
    }
    Some(Location {
        segments,
        context: None,
    })
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        match (&self.context, path.is_empty()) {
            (None, _) => f.write_str(&path),
            // The context quotes names from input (units, targets): capped like a reason.
            (Some(c), true) => f.write_str(&capped(c)),
            (Some(c), false) => write!(f, "{path} ({})", capped(c)),
        }
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<&str> for Location {
    fn from(s: &str) -> Location {
        Location::parse(s)
    }
}

impl From<String> for Location {
    fn from(s: String) -> Location {
        Location::parse(&s)
    }
}

impl From<&String> for Location {
    fn from(s: &String) -> Location {
        Location::parse(s)
    }
}

/// " at {location}", or nothing for an empty location (used by the messages).
struct At<'a>(&'a Location);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, " at {}", self.0)
        }
    }
}

fn at(l: &Location) -> At<'_> {
    At(l)
}

/// `target "8" (reduction)`, or `the reduction target` when the id is not known.
fn which_target(target: &str, kind: &str) -> String {
    if target.is_empty() {
        format!("the {kind} target")
    } else {
        format!("target {target:?} ({kind})")
    }
}

/// Every error the library can return. No input can make the library panic; it returns one
/// of these instead.
///
/// ```
/// use thidua_core::{Directive, Error, ErrorCode};
/// let err = Directive::from_json(r#"{"kind": "memo"}"#).unwrap_err();
/// assert_eq!(err.code(), "json");
/// assert_eq!(err.error_code(), ErrorCode::Json);
/// assert_eq!(err.location().path(), "kind");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, strum::EnumDiscriminants)]
#[serde(tag = "code", rename_all = "snake_case")]
#[strum_discriminants(
    name(ErrorCode),
    vis(pub),
    derive(
        Hash,
        PartialOrd,
        Ord,
        Serialize,
        strum::Display,
        strum::EnumString,
        strum::IntoStaticStr,
        strum::VariantArray,
        strum::VariantNames
    ),
    strum(serialize_all = "snake_case"),
    serde(rename_all = "snake_case"),
    doc = "The stable, machine-readable code of an [`Error`] (`\"unknown_target\"`, `\"json\"`…), \
           one per variant: `ErrorCode::ALL` lists them, `as_str`/`Display`/`FromStr` convert."
)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid JSON, or does not have the documented shape.
    #[error(
        "invalid JSON in {}{}: {}",
        excerpt(what),
        at(location),
        capped(message)
    )]
    Json {
        /// What was being read (`directive`, `result set`, `scoring scheme`…, or a file name).
        what: String,
        /// serde_json's message, with line and column.
        message: String,
        /// The path to the value that could not be read (`items[0].targets[2].spec`).
        location: Location,
    },
    /// A Vietnamese (or plain) number could not be read exactly.
    #[error("invalid number {input:?}{}: {}", at(location), capped(reason))]
    InvalidNumber {
        /// The text that was given (at most [`MAX_ECHO_CHARS`] characters).
        input: String,
        /// Why it was refused.
        reason: String,
        /// Where it was given.
        location: Location,
    },
    /// A unit or scale could not be read, or two quantities have incompatible units
    /// (đồng vs USD, % vs a count).
    #[error(
        "unit mismatch{}: expected {}, found {}",
        at(location),
        excerpt(expected),
        excerpt(found)
    )]
    UnitMismatch {
        /// Where the mismatch was found.
        location: Location,
        /// The unit required there.
        expected: String,
        /// The unit that was given.
        found: String,
    },
    /// A result (or scheme) names a target id that the directive does not have.
    #[error("unknown target {:?}{}", excerpt(target), at(location))]
    UnknownTarget {
        /// The id that was not found.
        target: String,
        /// Where it was named.
        location: Location,
    },
    /// Two targets (or criteria, units…) share one id.
    #[error("duplicate id {:?}{}", excerpt(id), at(location))]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where the second occurrence is.
        location: Location,
    },
    /// A directive or target is not meaningful (zero or negative value where a ratio needs a
    /// positive one, a comparator that contradicts the target kind, an empty range…).
    #[error("invalid directive{}: {}", at(location), capped(reason))]
    InvalidDirective {
        /// Path into the directive.
        location: Location,
        /// What is wrong.
        reason: String,
    },
    /// A reported result is not usable for its target (wrong shape for the kind, a rank below
    /// 1, a judgement on a numeric target…).
    #[error("invalid result{}: {}", at(location), capped(reason))]
    InvalidResult {
        /// Path into the result set.
        location: Location,
        /// What is wrong.
        reason: String,
    },
    /// The target kind needs a baseline (reductions, rank improvements, composite decreases)
    /// and the result has none.
    #[error(
        "missing baseline{}: {} needs the baseline value",
        at(location),
        which_target(target, kind)
    )]
    MissingBaseline {
        /// The target id.
        target: String,
        /// The target kind.
        kind: String,
        /// Path into the result set.
        location: Location,
    },
    /// A reporting period could not be read, or lies outside the directive's period.
    #[error("invalid period{}: {}", at(location), capped(reason))]
    InvalidPeriod {
        /// Where.
        location: Location,
        /// What is wrong.
        reason: String,
    },
    /// Arithmetic left the range of exact decimals (about ±7.9 × 10²⁸).
    #[error("arithmetic overflow{} while computing {operation}", at(location))]
    Overflow {
        /// Where.
        location: Location,
        /// What was being computed.
        operation: String,
    },
    /// Ranks measured on different scales (e.g. out of 63 provinces vs out of 34) were compared.
    #[error("ranks not comparable{}: {}", at(location), capped(reason))]
    IncomparableRanks {
        /// Where.
        location: Location,
        /// Why.
        reason: String,
    },
    /// A scoring scheme is not valid.
    #[error("invalid scoring scheme{}: {}", at(location), capped(reason))]
    InvalidScheme {
        /// Path into the scheme.
        location: Location,
        /// What is wrong.
        reason: String,
    },
    /// Input that is valid on its own but cannot be used with the rest (e.g. a council score
    /// above the criterion's maximum, a unit with no cluster).
    #[error("invalid input{}: {}", at(location), capped(reason))]
    InvalidInput {
        /// Where.
        location: Location,
        /// What is wrong.
        reason: String,
    },
    /// An input or an output is larger than a documented limit (see [`crate::limits`]).
    #[error("limit exceeded{}: more than {max} {}", at(location), limit.what())]
    LimitExceeded {
        /// Which limit.
        limit: crate::limits::Limit,
        /// Its maximum.
        max: u64,
        /// Where it was exceeded.
        location: Location,
    },
}

impl ErrorCode {
    /// Every code, in a stable order (for bindings that build one exception class per code).
    pub const ALL: &'static [ErrorCode] = <ErrorCode as strum::VariantArray>::VARIANTS;

    /// Every code as text, in the order of [`ErrorCode::ALL`].
    pub const NAMES: &'static [&'static str] = <ErrorCode as strum::VariantNames>::VARIANTS;

    /// The code as text (`"unknown_target"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Error {
    /// The stable, machine-readable code of this error (`"unknown_target"`, `"json"`…).
    ///
    /// ```
    /// # use thidua_core::Error;
    /// let e = Error::overflow("x", "ratio");
    /// assert_eq!(e.code(), "overflow");
    /// ```
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The code as an [`ErrorCode`].
    pub fn error_code(&self) -> ErrorCode {
        ErrorCode::from(self)
    }

    /// All error codes as text, in a stable order (the same as [`ErrorCode::NAMES`]).
    pub const CODES: &'static [&'static str] = ErrorCode::NAMES;

    /// Where the error is.
    pub fn location(&self) -> &Location {
        match self {
            Error::Json { location, .. }
            | Error::InvalidNumber { location, .. }
            | Error::UnitMismatch { location, .. }
            | Error::UnknownTarget { location, .. }
            | Error::DuplicateId { location, .. }
            | Error::InvalidDirective { location, .. }
            | Error::InvalidResult { location, .. }
            | Error::MissingBaseline { location, .. }
            | Error::InvalidPeriod { location, .. }
            | Error::Overflow { location, .. }
            | Error::IncomparableRanks { location, .. }
            | Error::InvalidScheme { location, .. }
            | Error::InvalidInput { location, .. }
            | Error::LimitExceeded { location, .. } => location,
        }
    }

    fn location_mut(&mut self) -> &mut Location {
        match self {
            Error::Json { location, .. }
            | Error::InvalidNumber { location, .. }
            | Error::UnitMismatch { location, .. }
            | Error::UnknownTarget { location, .. }
            | Error::DuplicateId { location, .. }
            | Error::InvalidDirective { location, .. }
            | Error::InvalidResult { location, .. }
            | Error::MissingBaseline { location, .. }
            | Error::InvalidPeriod { location, .. }
            | Error::Overflow { location, .. }
            | Error::IncomparableRanks { location, .. }
            | Error::InvalidScheme { location, .. }
            | Error::InvalidInput { location, .. }
            | Error::LimitExceeded { location, .. } => location,
        }
    }

    /// The error's fields as JSON (`{"code": "unknown_target", "target": "99", "location":
    /// "results[0] (…)", "loc": ["results", 0]}`), used by the bindings for `err.data`.
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(m) = &mut v {
            let loc =
                serde_json::to_value(self.location().segments()).unwrap_or(serde_json::Value::Null);
            m.insert("loc".into(), loc);
        }
        v
    }

    /// The same error, located inside field `name` (an error bubbling up).
    ///
    /// ```
    /// # use thidua_core::Error;
    /// let e = Error::invalid_input("value", "too big").in_field("options");
    /// assert_eq!(e.location().path(), "options.value");
    /// ```
    pub fn in_field(mut self, name: impl Into<Cow<'static, str>>) -> Error {
        self.location_mut().prepend([Segment::Field(name.into())]);
        self
    }

    /// The same error, located inside element `i` of a list.
    pub fn at_index(mut self, i: usize) -> Error {
        self.location_mut().prepend([Segment::Index(i)]);
        self
    }

    /// The same error, located under `segments` (outermost first).
    pub fn under(mut self, segments: impl IntoIterator<Item = Segment>) -> Error {
        self.location_mut().prepend(segments);
        self
    }

    /// The same error with the first `n` segments of its path dropped (re-rooted in another
    /// container).
    pub(crate) fn without_prefix(mut self, n: usize) -> Error {
        let l = self.location_mut();
        let n = n.min(l.segments.len());
        l.segments.drain(..n);
        self
    }

    /// The same error with a context in words, unless it already has one (the innermost
    /// context is the most precise).
    pub fn with_context(mut self, context: impl FnOnce() -> String) -> Error {
        let l = self.location_mut();
        if l.context.is_none() {
            l.context = Some(context());
        }
        self
    }

    /// A [`Error::Json`] from a serde_json error, for a document called `what` (no path: use
    /// [`crate::json::from_str`] to read with one).
    pub fn json(what: impl Into<String>, e: &serde_json::Error) -> Error {
        Error::json_at(
            what,
            crate::json::cap_message(&e.to_string()),
            Location::new(),
        )
    }

    /// A [`Error::Json`] for a document called `what` (a kind of input or a file name), with
    /// serde's message and the path to the bad value.
    pub fn json_at(
        what: impl Into<String>,
        message: impl Into<String>,
        location: impl Into<Location>,
    ) -> Error {
        Error::Json {
            what: what.into(),
            message: message.into(),
            location: location.into(),
        }
    }

    /// A [`Error::InvalidNumber`]; the input is cut to [`MAX_ECHO_CHARS`] characters.
    pub fn invalid_number(input: &str, reason: impl Into<String>) -> Error {
        Error::InvalidNumber {
            input: excerpt(input),
            reason: reason.into(),
            location: Location::new(),
        }
    }

    /// A [`Error::InvalidInput`].
    pub fn invalid_input(location: impl Into<Location>, reason: impl Into<String>) -> Error {
        Error::InvalidInput {
            location: location.into(),
            reason: reason.into(),
        }
    }

    /// A [`Error::InvalidResult`].
    pub fn invalid_result(location: impl Into<Location>, reason: impl Into<String>) -> Error {
        Error::InvalidResult {
            location: location.into(),
            reason: reason.into(),
        }
    }

    /// A [`Error::InvalidDirective`].
    pub fn invalid_directive(location: impl Into<Location>, reason: impl Into<String>) -> Error {
        Error::InvalidDirective {
            location: location.into(),
            reason: reason.into(),
        }
    }

    /// A [`Error::Overflow`].
    pub fn overflow(location: impl Into<Location>, operation: impl Into<String>) -> Error {
        Error::Overflow {
            location: location.into(),
            operation: operation.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_come_from_the_variants() {
        assert_eq!(ErrorCode::ALL.len(), Error::CODES.len());
        for (c, s) in ErrorCode::ALL.iter().zip(Error::CODES) {
            assert_eq!(c.as_str(), *s);
            assert_eq!(c.to_string(), *s);
            assert_eq!(s.parse::<ErrorCode>().unwrap(), *c);
            assert_eq!(serde_json::to_value(c).unwrap(), *s);
        }
        let e = Error::invalid_number("x", "r");
        assert_eq!(e.to_json_value()["code"], e.code());
    }

    #[test]
    fn locations_bubble_up_and_read_well() {
        let e = Error::invalid_result(Location::new().field("value"), "negative")
            .at_index(3)
            .in_field("results")
            .with_context(|| "unit \"A\"".into())
            .with_context(|| "ignored".into());
        assert_eq!(e.location().path(), "results[3].value");
        assert_eq!(
            e.to_string(),
            "invalid result at results[3].value (unit \"A\"): negative"
        );
        assert_eq!(
            e.to_json_value()["loc"],
            serde_json::json!(["results", 3, "value"])
        );
        assert_eq!(
            e.to_json_value()["location"],
            "results[3].value (unit \"A\")"
        );
        let bare = Error::invalid_number("1,2,3", "two commas");
        assert_eq!(bare.to_string(), "invalid number \"1,2,3\": two commas");
    }

    #[test]
    fn echoed_input_is_capped() {
        let e = Error::invalid_number(&"9".repeat(10_000_000), "too long");
        assert!(e.to_string().len() < 200, "{}", e.to_string().len());
        let long = "x".repeat(10_000);
        for e in [
            Error::UnitMismatch {
                location: Location::new(),
                expected: "%".into(),
                found: long.clone(),
            },
            Error::UnknownTarget {
                target: long.clone(),
                location: Location::new(),
            },
            Error::DuplicateId {
                id: long.clone(),
                location: Location::new(),
            },
        ] {
            let m = e.to_string();
            assert!(m.chars().count() < 200 && m.contains('…'), "{m}");
        }
    }

    #[test]
    fn paths_parse() {
        let l = Location::parse("options.ratio_digits");
        assert_eq!(l.path(), "options.ratio_digits");
        assert_eq!(l.context(), None);
        assert_eq!(Location::parse("[2].x").path(), "[2].x");
        assert_eq!(
            Location::parse("rows[3], column \"x\"").context(),
            Some("rows[3], column \"x\"")
        );
        assert!(Location::parse("").is_empty());
        let l = Location::parse("scheme.sections[0].id (scoring scheme, section)");
        assert_eq!(l.path(), "scheme.sections[0].id");
        assert_eq!(l.context(), Some("scoring scheme, section"));
    }
}
