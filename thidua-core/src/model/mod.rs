//! The directive model: a launching document (Chỉ thị, Kế hoạch, Chương trình, Công văn…) with
//! its metadata, content points and numbered targets.
//!
//! The JSON format is exactly the serde form of these types; its JSON Schema, generated from
//! the types, is `docs/schema/directive.schema.json` (see [`crate::schema`]).

mod document;
mod target;
#[cfg(test)]
mod tests;
mod validate;

pub use document::*;
pub use target::*;
pub(crate) use validate::check_same_measure;
