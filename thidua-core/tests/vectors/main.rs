//! The one runner of the shared vectors (`tests/vectors/**/*.json`; format and kinds:
//! `tests/vectors/README.md`), of the shared number-helper cases (`tests/helpers/numbers.json`)
//! and of the worked examples' rendered reports (`docs/examples/*/report.txt`).
//!
//! Every vector is read once, dispatched on its `kind` (`evaluate`, `score`, `award`, `parse`,
//! `read_result`), its hand-written `checks` are verified, and its output must equal its
//! `expect` (or its error must match `expect_error`). The Python and JavaScript runners read
//! the same files and compare with the same `expect`, so the vector files are the single
//! source of truth: there is no second copy of an expected output anywhere.
//!
//! A failure names the vector's file, says which check failed or where the output first
//! differs from `expect` (a JSON Pointer), and prints a unified diff of the two.
//!
//! Snapshot review: `THIDUA_BLESS=1 cargo test -p thidua-core --test vectors` rewrites the
//! `expect` of every vector whose output changed — only after its hand-written checks pass —
//! and the report files; review the change with `git diff tests/ docs/examples/` and commit
//! it or revert it. `THIDUA_VECTOR=text` runs only the vectors whose path or name contains
//! `text`.

mod award;
mod diff;
mod evaluate;
mod examples;
mod numbers;
mod parse;
mod read_result;
mod runner;
mod score;

use runner::Kind;

#[test]
fn every_vector_file_is_a_vector_of_a_known_kind() {
    runner::assert_no_failures(None);
}

#[test]
fn evaluate_vectors() {
    runner::assert_kind(Kind::Evaluate);
}

#[test]
fn read_result_vectors() {
    runner::assert_kind(Kind::ReadResult);
}

#[test]
fn score_vectors() {
    runner::assert_kind(Kind::Score);
}

#[test]
fn award_vectors() {
    runner::assert_kind(Kind::Award);
}

#[test]
fn parse_vectors() {
    runner::assert_kind(Kind::Parse);
}

/// Every error code is produced by at least one vector, so that the Rust, Python and
/// JavaScript runners, which run every vector, each see every code (and a vector's
/// `expect_error` names a code that exists).
#[test]
fn every_error_code_is_produced_by_a_vector() {
    runner::assert_every_error_code_produced();
}

#[test]
fn number_helper_cases() {
    numbers::run();
}

#[test]
fn worked_scoring_example_report_is_up_to_date() {
    examples::scoring();
}

#[test]
fn worked_award_example_report_is_up_to_date() {
    examples::awards();
}
