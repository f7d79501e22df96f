//! Every Vietnamese and English rendering of the library, in one place.
//!
//! * [`number`] — numbers as text (`3.500`, `39,6`; `3,500`, `39.6`), rounded or fixed.
//! * `text` — the model as words: document kinds, comparators, statuses, targets
//!   ([`TargetSpec::describe_vi`](crate::TargetSpec::describe_vi), "từ 10% trở lên").
//! * `explain` — the one-line explanations of evaluations, the headline "đạt và vượt X/Y chỉ
//!   tiêu" and the plain-text scorecard.
//! * `report` — the plain-text score report and scorecards
//!   ([`ScoreReport::render_vi`](crate::scoring::ScoreReport::render_vi)).
//!
//! The rendering functions of `text`, `explain` and `report` are methods of the types they
//! render (`Status::label_vi`, `TargetSpec::describe_en`, `ScoreReport::render_vi`); they are
//! defined here so that a change of wording, of a separator or of a rounding for display is
//! made in this module only.

pub(crate) mod explain;
pub mod number;
mod report;
mod text;

pub use number::{
    format_en_fixed, format_en_rounded, format_vn, format_vn_fixed, format_vn_rounded, push_en,
    push_en_fixed, push_en_rounded, push_vn, push_vn_fixed, push_vn_rounded,
};
