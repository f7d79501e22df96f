//! Awards (khen thưởng): proposals from one year's scores, and the law's own tests.
//!
//! * [`proposal`] — the scoring scheme's award rules applied to a year's ranking (moved here
//!   from `scoring`; its types stay available as `thidua_core::scoring::{AwardEntry,
//!   AwardResult}`).

pub mod proposal;

pub use proposal::{AwardEntry, AwardResult};
