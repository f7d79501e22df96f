//! # thidua-core
//!
//! Exact, explainable evaluation of Vietnamese emulation movements (*phong trào thi đua*): a
//! People's Committee issues a directive (Chỉ thị, Kế hoạch, Chương trình) with numbered
//! targets; units report results; results are evaluated against the targets.
//!
//! * [`Directive`] — the document, its metadata, content points and numbered target items,
//!   each with one or more [`Target`]s of a [`TargetSpec`] kind (rate, growth rate,
//!   per-capita, count, amount, ceiling, reduction, range, rank improvement, composite
//!   decrease, threshold share, qualitative, by reference) and "trong đó" sub-targets.
//! * [`Quantity`], [`Unit`], [`Scale`] and [`number`] — exact Vietnamese numbers and units
//!   ("3.500 tỷ đồng", "39,6 giường/1 vạn dân").
//! * [`ResultSet`] / [`ResultEntry`] — reported results per unit, target and [`Period`].
//! * [`evaluate()`] — status (vượt / đạt / không đạt / chưa có số liệu / không áp dụng), % of
//!   plan, gap and a one-line explanation in Vietnamese and English; [`Summary`] gives the
//!   headline "đạt và vượt X/Y chỉ tiêu".
//! * [`scoring`] — scoring schemes as data (criteria, rules, bonuses, penalties, rounding,
//!   missing-result policy), scorecards for the three stages, ranking inside clusters and
//!   blocs with declared tie-breakers, classification bands and award proposals.
//! * [`parse`] — reading a directive from its Vietnamese text (web pages, PDF text) into a
//!   draft with its numbered targets, plus diagnostics with byte ranges.
//! * `schema` — JSON Schemas generated from the types (published in `docs/schema/`; feature
//!   `schema`).
//!
//! All arithmetic is [`rust_decimal::Decimal`]; no `f64` touches a value. Every bad input
//! returns a typed [`Error`]; nothing panics.
//!
//! ```
//! use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet, Status};
//! // The first three targets of Chỉ thị 08/CT-UBND of Kon Tum, 2024 (docs/examples/002_kon-tum-2024.json).
//! let directive = Directive::from_json(r#"{"kind": "directive", "number": "08/CT-UBND",
//!   "issuer": {"name": "Chủ tịch UBND tỉnh Kon Tum", "locality": "Kon Tum"},
//!   "coverage": {"year": 2024}, "title": "Phát động Phong trào thi đua yêu nước năm 2024",
//!   "items": [{"number": 1, "text": "Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên",
//!   "targets": [{"id": "1", "name": "Tốc độ tăng trưởng GRDP của tỉnh",
//!   "name_en": "GRDP growth rate of the province", "spec": {"kind": "growth_rate",
//!   "comparator": "at_least", "value": "10"}}]}, {"number": 2,
//!   "text": "GRDP bình quân đầu người trên 63,7 triệu đồng", "targets": [{"id": "2",
//!   "name": "GRDP bình quân đầu người", "name_en": "GRDP per capita",
//!   "spec": {"kind": "per_capita", "comparator": "above", "value": {"value": "63.7",
//!   "scale": "million", "unit": "đồng"}, "per": "1"}}]}, {"number": 3,
//!   "text": "Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên",
//!   "targets": [{"id": "3", "name": "Thu ngân sách nhà nước trên địa bàn",
//!   "name_en": "State budget revenue in the province", "spec": {"kind": "amount",
//!   "comparator": "at_least", "value": {"value": "4600", "scale": "billion", "unit": "đồng"},
//!   "measure": "flow"}}]}]}"#)?;
//! let results = ResultSet::from_json(r#"[
//!   {"unit": "Kon Tum", "target": "1", "period": "2024", "value": "10.12"},
//!   {"unit": "Kon Tum", "target": "2", "period": "2024", "value": "63.7"}
//! ]"#)?;
//! let e = evaluate(&directive, &results, &EvaluationOptions::default())?;
//! let kt = &e.units[0];
//! assert_eq!(kt.target("1").ok_or("no target 1")?.status, Status::Exceeded);
//! assert_eq!(kt.target("2").ok_or("no target 2")?.status, Status::NotMet); // "trên 63,7": 63,7 is not enough
//! assert_eq!(kt.target("3").ok_or("no target 3")?.status, Status::NoData);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Cargo features
//!
//! None is on by default: the plain crate reads and writes JSON and text, evaluates, scores,
//! ranks and proposes awards with nothing else compiled in.
//!
//! | feature  | adds | extra dependencies |
//! |----------|------|--------------------|
//! | `schema` | module `schema`: the JSON Schemas of the serialised types (`Directive`, `ResultSet`, `Evaluation`, the scoring and award formats) as text; every serialised type implements `schemars::JsonSchema` | schemars |
//! | `xlsx`   | module `sheet`: workbooks (xlsx, xls, ods) and CSV read into targets, results and per-unit target tables; scorecards, rankings and data-entry templates written as xlsx (Rust 1.83 or later) | calamine, csv, rust_xlsxwriter |
//! | `arrow`  | `engine::arrow`: Apache Arrow `RecordBatch` in and out of the columnar evaluation engine | arrow-array, arrow-buffer, arrow-schema, arrow-select |
//!
//! The features only add API: the JSON formats, results and messages are the same with any of
//! them. The published schemas (`docs/schema/*.json`) are written with
//! `cargo run -p thidua-core --features schema --example write_schemas`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod award;
pub mod decimal;
pub mod engine;
pub mod error;
pub mod evaluate;
pub mod files;
pub mod format;
pub mod json;
pub mod limits;
pub mod model;
mod names;
pub mod number;
pub mod parse;
pub mod quantity;
pub mod reported;
pub mod results;
#[cfg(feature = "schema")]
pub mod schema;
pub mod scoring;
#[cfg(feature = "xlsx")]
pub mod sheet;
pub mod unit_targets;

pub use error::{Error, ErrorCode, Location, Result, Segment};
pub use evaluate::{
    assess, combine_statuses, evaluate, evaluate_with_targets, AssessContext, Assessment,
    CeilingRatio, ComponentResult, Conventions, Evaluation, EvaluationOptions, EvaluationRow,
    EvaluationRows, Explanation, HeadlineBasis, HeadlineCount, HeadlineForm, InYearFlows,
    ItemEvaluation, LevelChoice, LevelEvaluation, LevelKind, Observation, RangeBasis, ResultForm,
    Revision, Status, Summary, TargetEvaluation, Unassigned, UnitEvaluation, Warning, WarningCode,
};
pub use model::{
    AboveRange, Comparator, Component, ContentPoint, Coverage, Direction, Directive,
    DirectiveBuilder, DocumentKind, Horizon, Issuer, LegalBasis, Measure, PlanLevel, ReductionUnit,
    Source, Target, TargetItem, TargetKind, TargetRef, TargetSpec, Targets, TimeBase, Wording,
};
pub use quantity::{Currency, Quantity, Scale, Unit};
pub use results::{
    ChangeFrom, ChangeUnit, Judgement, Period, Provenance, Qualifier, ResultEntry, ResultSet, Span,
    Supersede,
};
pub use rust_decimal::Decimal;
pub use unit_targets::{ResolvedTarget, ResolvedTargets, TargetTable, UnitTarget};
