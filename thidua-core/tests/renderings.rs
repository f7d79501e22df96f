//! Snapshot review (insta) of renderings that only the Rust core produces and that no shared
//! vector holds: the Vietnamese and English description of every target of the worked example
//! directives, and what the parser reads and reports on each layout text of `tests/texts/`.
//!
//! The cross-language vectors keep their own `expect` (one copy read by three runners, see
//! `tests/vectors/README.md`); these snapshots are the review step for text a person reads.
//! After a deliberate change: `cargo insta review` (or `INSTA_UPDATE=always cargo test -p
//! thidua-core --test renderings`, then `git diff thidua-core/tests/snapshots/`), and explain
//! every changed line in the commit.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use thidua_core::parse::parse_directive;
use thidua_core::Directive;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The files of `dir` (relative to the repository) whose names end with `ext`, sorted.
fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with(ext))
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no {ext} file in {dir}");
    v
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

/// One block per target: id, name, then its description in both languages.
fn describe_all(d: &Directive) -> String {
    let mut s = String::new();
    for r in d.targets() {
        let t = r.target;
        writeln!(s, "[{}] {}", t.id, t.name).unwrap();
        writeln!(s, "  vi: {}", t.spec.describe_vi()).unwrap();
        writeln!(s, "  en: {}", t.spec.describe_en()).unwrap();
    }
    s
}

#[test]
fn every_target_of_the_example_directives_describes_itself_in_both_languages() {
    for p in files("docs/examples", ".json") {
        let name = stem(&p);
        if !name.starts_with(|c: char| c.is_ascii_digit()) {
            continue; // the scoring scheme, not a directive
        }
        let json = std::fs::read_to_string(&p).expect("example directive");
        let d = Directive::from_json(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        insta::assert_snapshot!(format!("describe__{name}"), describe_all(&d));
    }
}

/// What the parser made of a text: its metadata (kind, number, issuer, dates, coverage, legal
/// bases), every target described, every diagnostic with its span and the text it points at.
fn parse_report(text: &str) -> String {
    let out = parse_directive(text);
    let d = &out.directive;
    let mut s = String::new();
    writeln!(s, "kind: {:?}, number: {:?}", d.kind, d.number).unwrap();
    writeln!(
        s,
        "issuer: {:?}, locality: {:?}",
        d.issuer.name, d.issuer.locality
    )
    .unwrap();
    writeln!(
        s,
        "issued: {:?}, coverage: {}{}",
        d.issued.map(|x| x.to_string()),
        d.coverage.year,
        d.coverage
            .until_year
            .map(|y| format!("–{y}"))
            .unwrap_or_default()
    )
    .unwrap();
    for b in &d.legal_bases {
        writeln!(
            s,
            "basis: {} {} {:?} {:?}",
            b.kind,
            b.number,
            b.date.map(|x| x.to_string()),
            b.issuer
        )
        .unwrap();
    }
    writeln!(s, "title: {}", d.title).unwrap();
    writeln!(s, "targets: {}", d.targets().count()).unwrap();
    s.push_str(&describe_all(d));
    for x in &out.diagnostics {
        let at = text.get(x.start..x.end).unwrap_or("<not a char boundary>");
        let at: String = at.chars().take(60).collect();
        writeln!(
            s,
            "{:?} {} {}..{} «{}»: {}",
            x.severity,
            x.code,
            x.start,
            x.end,
            at.replace('\n', "⏎"),
            x.message
        )
        .unwrap();
    }
    s
}

#[test]
fn what_the_parser_reads_and_reports_on_each_layout_text() {
    for p in files("tests/texts", ".txt") {
        let text = std::fs::read_to_string(&p).expect("layout text");
        insta::assert_snapshot!(format!("parse__{}", stem(&p)), parse_report(&text));
    }
}
