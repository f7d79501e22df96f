//! Reading JSON input: one place where text becomes typed values, so that every error has the
//! same shape (an [`Error::Json`] naming the document and the path to the bad value) and every
//! JSON text meets the same [limits](crate::limits) and number rules. Every `from_json` of the
//! library goes through [`from_str`]; the bindings use it (or [`from_value`]) too.
//!
//! ```
//! use thidua_core::{json, ResultEntry};
//! let e = json::from_str::<ResultEntry>(r#"{"unit": "A", "target": "1", "period": "2024", "value": true}"#, "row").unwrap_err();
//! assert_eq!(e.location().path(), "value");
//! let e = json::check(r#"{"value": 158892879641967530000}"#).unwrap_err();
//! assert_eq!(e.code(), "invalid_number");
//! assert!(e.to_string().contains("line 1 column 11"), "{e}");
//! ```

use serde::de::DeserializeOwned;

use crate::error::{excerpt, Error, Location, Result};
use crate::limits::{Limit, MAX_INPUT_BYTES, MAX_NESTING_DEPTH};

mod bounded;

thread_local! {
    /// The typed error a deserializer of the library last raised (a number refused by the
    /// decimal rule, a limit), so that the readers report it with its code at its path: serde
    /// itself only carries a message.
    static REFUSED: std::cell::RefCell<Option<Error>> = const { std::cell::RefCell::new(None) };
}

/// Takes the typed error last raised on this thread.
pub(crate) fn take_refusal() -> Option<Error> {
    REFUSED.with(|r| r.borrow_mut().take())
}

/// Raises a typed error from inside a serde deserializer: serde gets its message, the reader
/// gets the error itself (see [`from_deserializer`]).
pub(crate) fn refuse<E: serde::de::Error>(e: Error) -> E {
    let msg = e.to_string();
    REFUSED.with(|r| *r.borrow_mut() = Some(e));
    E::custom(msg)
}

/// The path of a serde_path_to_error path as a [`Location`].
fn location(path: &serde_path_to_error::Path) -> Location {
    let mut loc = Location::new();
    for seg in path.iter() {
        loc = match seg {
            serde_path_to_error::Segment::Seq { index } => loc.index(*index),
            serde_path_to_error::Segment::Map { key } => loc.field(key.clone()),
            serde_path_to_error::Segment::Enum { variant } => loc.field(variant.clone()),
            serde_path_to_error::Segment::Unknown => loc,
        };
    }
    loc
}

/// serde reports a missing field at the object that lacks it (`results[1]`); the location is
/// the field itself (`results[1].period`), as the Arrow and column paths give a missing cell
/// and as pydantic's `loc` does.
fn at_missing_field(path: Location, message: &str) -> Location {
    match message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
    {
        Some((name, _)) => path.field(name.to_string()),
        None => path,
    }
}

/// serde_json's message, with any input it quotes cut (see [`cap_message`]).
fn message(e: &serde_json::Error) -> String {
    cap_message(&e.to_string())
}

/// A serde message with the input it repeats cut to
/// [`MAX_ECHO_CHARS`](crate::error::MAX_ECHO_CHARS) characters and "…": the start and the
/// end (where serde puts what it expected and the line and column) are kept.
pub(crate) fn cap_message(m: &str) -> String {
    let cap = crate::error::MAX_ECHO_CHARS;
    let n = m.chars().count();
    if n <= 3 * cap {
        return m.to_string();
    }
    let head: String = m.chars().take(cap + 40).collect();
    let tail: String = m.chars().skip(n - cap).collect();
    format!("{head}…{tail}")
}

/// Checks JSON text before it is parsed: its size ([`MAX_INPUT_BYTES`]), its nesting depth
/// ([`MAX_NESTING_DEPTH`]) and its numbers, in one pass that allocates nothing. A number is
/// refused when it could not be read exactly: an integer beyond 64 bits, or a number with a
/// fraction or an exponent whose digits a binary float does not keep — more than
/// [`MAX_FLOAT_DIGITS`] significant digits that are not the float's own shortest form
/// (`0.30000000000000004` is accepted: it is what `repr` and `String` print for that float;
/// `0.1234567890123456789` is refused) — or beyond the decimal rule (more than 28 significant
/// digits, below 10⁻²⁸, beyond ±7.9 × 10²⁸). A JSON number is read through a binary float; a
/// decimal string keeps every digit. Errors name
/// the line and column.
pub fn check(text: &str) -> Result<()> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Limit::InputSize.exceeded(Location::new()));
    }
    let b = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING_DEPTH {
                    return Err(Limit::NestingDepth
                        .exceeded(Location::new().with_context(line_column(text, i))));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                check_number(&text[start..i])
                    .map_err(|e| e.with_context(|| line_column(text, start)))?;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The significant digits of a JSON number with a fraction or an exponent that a binary float
/// always holds exactly (more are accepted only as the float's shortest form, see [`check`]).
pub const MAX_FLOAT_DIGITS: usize = 15;

fn check_number(tok: &str) -> Result<()> {
    let body = tok.strip_prefix('-').unwrap_or(tok);
    if body.bytes().all(|c| c.is_ascii_digit()) {
        if tok.parse::<i64>().is_ok() || tok.parse::<u64>().is_ok() {
            return Ok(());
        }
        return Err(Error::invalid_number(
            tok,
            "an integer beyond 64 bits cannot be read exactly from a JSON number: write it as a string (\"123…\")",
        ));
    }
    let mantissa = body.split(['e', 'E']).next().unwrap_or("");
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let first = digits.iter().position(|&d| d != b'0');
    let last = digits.iter().rposition(|&d| d != b'0');
    let significant = match (first, last) {
        (Some(f), Some(l)) => l - f + 1,
        _ => 0,
    };
    if significant <= MAX_FLOAT_DIGITS {
        // Up to 15 significant digits always come back from a binary float unchanged.
        return Ok(());
    }
    // More digits are exact only when they are the float's own shortest form (what Python's
    // repr and JavaScript's String print: 0.30000000000000004): then the JSON text, a Python
    // float and a JavaScript number all read the same decimal by the one f64 rule. Any other
    // digit would be lost in the float: refused, never rounded.
    let written = crate::decimal::parse(tok)?;
    let read = tok
        .parse::<f64>()
        .map_err(|_| Error::invalid_number(tok, "not a number"))
        .and_then(crate::decimal::from_f64);
    match read {
        Ok(d) if d == written => Ok(()),
        Ok(d) => Err(Error::invalid_number(
            tok,
            format!("a JSON number with a fraction is read as a binary float, which holds {significant} significant digits only as {d}: write it as a string (\"{}\") to keep every digit", excerpt(tok)),
        )),
        Err(e) => Err(e),
    }
}

/// "line 3 column 17" (from 1) for byte `offset`.
fn line_column(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&c| c == b'\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line} column {col}")
}

/// Reads a `T` from JSON text; `what` names the document in messages (`directive`, a file
/// name…). The text is [checked](check) first.
pub fn from_str<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    check(text).map_err(|e| match e {
        Error::InvalidNumber {
            input,
            reason,
            location,
        } => Error::InvalidNumber {
            input,
            reason: format!("{reason} (in {what})"),
            location,
        },
        other => other,
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = take_refusal();
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = location(e.path());
        match take_refusal() {
            Some(refused) => {
                let (line, column) = (e.inner().line(), e.inner().column());
                refused
                    .under(path.segments().iter().cloned())
                    .with_context(|| format!("{what}, line {line} column {column}"))
            }
            None => {
                let m = message(e.inner());
                Error::json_at(what, m.clone(), at_missing_field(path, &m))
            }
        }
    })?;
    de.end()
        .map_err(|e| Error::json_at(what, message(&e), Location::new()))?;
    Ok(value)
}

/// Reads a `T` from a JSON value already parsed, with the same nesting limit as text
/// ([`MAX_NESTING_DEPTH`], checked first by a walk that does not recurse, so that a value
/// built in code as deep as memory allows is an error, never a stack overflow).
///
/// ```
/// use thidua_core::{json, limits::MAX_NESTING_DEPTH, Directive};
/// let mut v = serde_json::json!({});
/// for _ in 0..MAX_NESTING_DEPTH {
///     v = serde_json::json!({ "a": v });
/// }
/// let e = json::from_value::<Directive>(v, "directive").unwrap_err();
/// assert_eq!(e.code(), "limit_exceeded");
/// assert!(e.location().path().starts_with("a.a.a"));
/// ```
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value, what: &str) -> Result<T> {
    if let Err(e) = check_value_depth(&value) {
        drop_flat(value);
        return Err(e);
    }
    from_deserializer(value, what)
}

/// Drops a value of any depth without recursion (serde_json's own drop recurses).
fn drop_flat(v: serde_json::Value) {
    use serde_json::Value;
    let mut stack = vec![v];
    while let Some(mut x) = stack.pop() {
        match &mut x {
            Value::Array(a) => stack.append(a),
            Value::Object(o) => stack.extend(std::mem::take(o).into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Refuses a JSON value nested deeper than [`MAX_NESTING_DEPTH`] (without recursion), naming
/// the path to the first value too deep.
pub fn check_value_depth(value: &serde_json::Value) -> Result<()> {
    use serde_json::Value;
    // Each entry: a value, its depth (1 for the root array or object) and how to reach it
    // from its parent (for the path of the error).
    let mut stack: Vec<(&Value, usize, Option<crate::Segment>, usize)> = vec![(value, 0, None, 0)];
    // The path to the value on top of the stack, one segment per level.
    let mut path: Vec<crate::Segment> = Vec::new();
    while let Some((v, depth, seg, level)) = stack.pop() {
        path.truncate(level);
        if let Some(s) = seg {
            path.push(s);
        }
        let children: Box<dyn Iterator<Item = (crate::Segment, &Value)>> = match v {
            Value::Array(a) => Box::new(
                a.iter()
                    .enumerate()
                    .map(|(i, x)| (crate::Segment::Index(i), x)),
            ),
            Value::Object(o) => {
                Box::new(o.iter().map(|(k, x)| (crate::Segment::from(k.clone()), x)))
            }
            _ => continue,
        };
        if depth + 1 > MAX_NESTING_DEPTH {
            return Err(Limit::NestingDepth.exceeded(Location::new()).under(path));
        }
        let next = path.len();
        for (s, x) in children {
            if x.is_array() || x.is_object() {
                stack.push((x, depth + 1, Some(s), next));
            }
        }
    }
    Ok(())
}

/// Reads a `T` from any serde deserializer (a JSON value, a Python object through pythonize,
/// a JavaScript value through serde-wasm-bindgen) with the library's rules: the path to a
/// bad value in the error, and a number refused by the [decimal rule](crate::decimal) reported
/// as [`Error::InvalidNumber`] at its path (not as a generic JSON error), and nesting deeper
/// than [`MAX_NESTING_DEPTH`] refused before it is descended into (an
/// [`Error::LimitExceeded`] at its path), so that no input can exhaust the stack.
///
/// ```
/// use thidua_core::{json, ResultEntry};
/// let v = serde_json::json!({"unit": "A", "target": "1", "period": "2024", "value": "1e-29"});
/// let e = json::from_deserializer::<_, ResultEntry>(v, "row").unwrap_err();
/// assert_eq!(e.code(), "invalid_number");
/// assert_eq!(e.location().path(), "value");
/// ```
pub fn from_deserializer<'de, D, T>(d: D, what: &str) -> Result<T>
where
    D: serde::Deserializer<'de>,
    D::Error: std::fmt::Display,
    T: serde::Deserialize<'de>,
{
    let _ = take_refusal();
    serde_path_to_error::deserialize(bounded::Bounded { de: d, depth: 0 }).map_err(|e| {
        let path = location(e.path());
        match take_refusal() {
            Some(refused) => refused.under(path.segments().iter().cloned()),
            None => {
                let m = cap_message(&e.inner().to_string());
                Error::json_at(what, m.clone(), at_missing_field(path, &m))
            }
        }
    })
}

/// A writer that refuses to grow beyond [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES).
struct Capped(Vec<u8>, usize);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > self.1 {
            return Err(std::io::Error::other("output limit"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn write_capped(value: &impl serde::Serialize, pretty: bool, max: usize) -> Result<String> {
    let mut w = Capped(Vec::new(), max);
    let r = if pretty {
        serde_json::to_writer_pretty(&mut w, value)
    } else {
        serde_json::to_writer(&mut w, value)
    };
    match r {
        Ok(()) => String::from_utf8(w.0)
            .map_err(|_| Error::json_at("output", "not UTF-8", Location::new())),
        Err(e) if e.is_io() => Err(Limit::OutputSize.exceeded(Location::new())),
        Err(e) => Err(Error::json_at("output", e.to_string(), Location::new())),
    }
}

/// Writes `value` as pretty JSON, refusing an output beyond
/// [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES) (`limit_exceeded`, checked as it is
/// written: the output never grows past the limit). Every `to_json` of the library uses it.
pub fn to_string_pretty(value: &impl serde::Serialize) -> Result<String> {
    write_capped(value, true, crate::limits::MAX_OUTPUT_BYTES)
}

/// Writes `value` as compact JSON, with the same limit as [`to_string_pretty`].
pub fn to_string(value: &impl serde::Serialize) -> Result<String> {
    write_capped(value, false, crate::limits::MAX_OUTPUT_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_capped_while_written() {
        let big = vec!["x".repeat(100); 100];
        let e = write_capped(&big, false, 5_000).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
        assert!(matches!(
            e,
            Error::LimitExceeded {
                limit: Limit::OutputSize,
                ..
            }
        ));
        assert!(write_capped(&big, false, 20_000).is_ok());
    }

    #[test]
    fn numbers_that_cannot_be_exact_are_refused_with_line_and_column() {
        assert!(
            check(r#"{"a": 18446744073709551615, "b": -9223372036854775808, "c": 0.1}"#).is_ok()
        );
        for bad in [
            "18446744073709551616",
            "-9223372036854775809",
            "0.1234567890123456789",
            "1.00000000000000000000000000001e5",
        ] {
            let e = check(&format!("[1,\n {bad}]")).unwrap_err();
            assert_eq!(e.code(), "invalid_number", "{bad}");
            assert!(e.to_string().contains("line 2 column 2"), "{e}");
        }
        // Digits inside strings are not numbers.
        assert!(check(r#"{"a": "123456789012345678901234567890"}"#).is_ok());
        assert!(check(r#"{"a\"": "[[[[[[[["}"#).is_ok());
    }

    #[test]
    fn nesting_and_size_are_checked_before_parsing() {
        let ok = "[".repeat(MAX_NESTING_DEPTH) + &"]".repeat(MAX_NESTING_DEPTH);
        assert!(check(&ok).is_ok());
        let deep = "[".repeat(1_000_000);
        let e = check(&deep).unwrap_err();
        assert!(
            matches!(
                e,
                Error::LimitExceeded {
                    limit: Limit::NestingDepth,
                    ..
                }
            ),
            "{e}"
        );
        // serde_json's own recursion limit (128) stays as a second guard behind ours.
        let past_serde = "[".repeat(129) + &"]".repeat(129);
        let e = serde_json::from_str::<serde_json::Value>(&past_serde).unwrap_err();
        assert!(e.to_string().contains("recursion limit"), "{e}");
    }
}

#[cfg(test)]
mod number_tests {
    use super::*;

    #[test]
    fn numbers_a_float_keeps_are_accepted_and_others_refused() {
        // a float's shortest form, whatever its length: what repr() and String() print
        for ok in [
            "0.30000000000000004",
            "2615.0",
            "-0.0",
            "1.5e3",
            "12.5",
            "0.1",
            "5e-324",
            "1e300",
            "18446744073709551615",
            "-9223372036854775808",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "0.1234567890123456789",
            "9.9999999999999999999999999999",
            "18446744073709551616",
            "1.00000000000000000000000000001",
        ] {
            let e = check(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_number", "{bad}");
            assert!(e.to_string().contains("line 1 column 1"), "{e}");
        }
    }
}
