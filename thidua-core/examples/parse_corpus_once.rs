//! Parses the twenty corpus texts of `tests/corpus/` once to build the lexicon automata, then
//! once more inside `measured_pass`: the instruction counts of `docs/benchmarks.md`
//! ("Parsing directive text"). Build with debug symbols and count under callgrind:
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release -p thidua-core --example parse_corpus_once
//! valgrind --tool=callgrind --collect-atstart=no '--toggle-collect=*measured_pass*' \
//!     target/release/examples/parse_corpus_once
//! callgrind_annotate --inclusive=yes callgrind.out.*
//! ```

use std::hint::black_box;

use thidua_core::parse::parse_directive;

#[path = "../benches/common/corpus.rs"]
mod corpus;
use corpus::corpus;

/// One `parse_directive` call per text; returns the number of targets read.
#[inline(never)]
fn measured_pass(texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| {
            black_box(parse_directive(black_box(t)))
                .directive
                .items
                .len()
        })
        .sum()
}

fn main() {
    let texts = corpus();
    let warm = warm_up(&texts);
    let n = measured_pass(&texts);
    assert_eq!(warm, n);
    println!(
        "{} texts, {} bytes, {} targets",
        texts.len(),
        texts.iter().map(String::len).sum::<usize>(),
        n
    );
}

/// The first pass: builds the automata, outside the measured region.
#[inline(never)]
fn warm_up(texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| parse_directive(t).directive.items.len())
        .sum()
}
