//! Reads every vector once, runs it through the runner of its kind, compares with `expect` or
//! `expect_error`, blesses when asked, and keeps every failure (with the vector's file) for the
//! per-kind tests to report.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use thidua_core::ErrorCode;

use crate::diff::json_diff;

/// The repository root (the vectors' paths are relative to it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `THIDUA_BLESS=1`: rewrite the expected outputs from the implementation (after review).
pub fn bless() -> bool {
    std::env::var("THIDUA_BLESS").is_ok_and(|v| v == "1")
}

/// `THIDUA_VECTOR=text`: run only the vectors whose path or name contains `text`.
fn filter() -> Option<String> {
    std::env::var("THIDUA_VECTOR")
        .ok()
        .filter(|f| !f.is_empty())
}

/// The kinds of vector, with the fewest vectors of each that the repository holds (so that a
/// moved or misnamed folder cannot make a kind pass by running nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Evaluate,
    ReadResult,
    Score,
    Award,
    Parse,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Evaluate,
        Kind::ReadResult,
        Kind::Score,
        Kind::Award,
        Kind::Parse,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Evaluate => "evaluate",
            Kind::ReadResult => "read_result",
            Kind::Score => "score",
            Kind::Award => "award",
            Kind::Parse => "parse",
        }
    }

    fn min_vectors(self) -> usize {
        match self {
            Kind::Evaluate => 5,
            Kind::ReadResult => 10,
            Kind::Score => 5,
            Kind::Award => 8,
            Kind::Parse => 9,
        }
    }

    fn run(self, v: &Vector) -> Result<Produced, thidua_core::Error> {
        match self {
            Kind::Evaluate => crate::evaluate::run(v),
            Kind::ReadResult => crate::read_result::run(v),
            Kind::Score => crate::score::run(v),
            Kind::Award => crate::award::run(v),
            Kind::Parse => crate::parse::run(v),
        }
    }
}

/// One vector file.
pub struct Vector {
    /// The path relative to the repository root, as printed in failures.
    pub file: String,
    /// The file's text as written (a runner may need a part of the input as written, e.g. a
    /// JSON integer beyond 64 bits).
    pub text: String,
    pub value: Value,
}

impl Vector {
    pub fn input(&self) -> &Value {
        &self.value["input"]
    }

    pub fn checks(&self) -> &[Value] {
        self.value["checks"].as_array().map_or(&[], Vec::as_slice)
    }

    fn label(&self) -> String {
        match self.value["name"].as_str() {
            Some(n) => format!("{} ({n})", self.file),
            None => self.file.clone(),
        }
    }
}

/// What a kind's runner produced for a vector: the output JSON, and the failures of the
/// hand-written checks and of the kind's invariants.
pub struct Produced {
    pub output: Value,
    pub failures: Vec<String>,
}

impl Produced {
    /// Verifies each check with `check`; a failure carries the check itself.
    pub fn checked(
        output: Value,
        v: &Vector,
        mut check: impl FnMut(&Value, &Value) -> Result<(), String>,
    ) -> Produced {
        let failures = v
            .checks()
            .iter()
            .filter_map(|c| check(&output, c).err().map(|m| format!("check {c}: {m}")))
            .collect();
        Produced { output, failures }
    }
}

struct Failure {
    kind: Option<Kind>,
    message: String,
}

struct Run {
    failures: Vec<Failure>,
    ran: Vec<(Kind, usize)>,
    /// The error codes that some vector expected and got.
    produced_codes: BTreeSet<&'static str>,
    filtered: bool,
}

fn vector_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            vector_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".to_string())
}

/// Runs one vector; returns its failures (empty when it passes) and the error code it
/// expected and got.
fn run_vector(kind: Kind, v: &mut Vector) -> (Vec<String>, Option<&'static str>) {
    let result = match catch_unwind(AssertUnwindSafe(|| kind.run(v))) {
        Ok(r) => r,
        Err(p) => {
            return (
                vec![format!("the runner panicked: {}", panic_message(&*p))],
                None,
            )
        }
    };
    let mut failures = Vec::new();
    if let Some(want) = v.value.get("expect_error") {
        let want_code = want["code"].as_str().unwrap_or("");
        if want_code.parse::<ErrorCode>().is_err() {
            failures.push(format!("expect_error names an unknown code {want_code:?}"));
        }
        match result {
            Ok(_) => failures.push(format!("expected the error {want}, got an output")),
            Err(e) => {
                if e.code() != want_code {
                    failures.push(format!("error code {} ({e}), want {want_code}", e.code()));
                }
                if let Some(m) = want.get("message_contains").and_then(Value::as_str) {
                    if !e.to_string().contains(m) {
                        failures.push(format!("error message {:?} lacks {m:?}", e.to_string()));
                    }
                }
                if failures.is_empty() {
                    return (failures, Some(e.code()));
                }
            }
        }
        return (failures, None);
    }
    let produced = match result {
        Ok(p) => p,
        Err(e) => return (vec![format!("unexpected error {} — {e}", e.code())], None),
    };
    failures = produced.failures;
    // A blessed `expect` alone is not a reviewed fact.
    if v.checks().is_empty() {
        failures.push("no hand-written checks".to_string());
    }
    let want = v.value.get("expect").unwrap_or(&Value::Null);
    if *want == produced.output {
        return (failures, None);
    }
    if bless() && failures.is_empty() {
        v.value["expect"] = produced.output;
        let text = serde_json::to_string_pretty(&v.value).expect("a vector serialises") + "\n";
        if let Err(e) = std::fs::write(root().join(&v.file), text) {
            failures.push(format!("cannot bless: {e}"));
        } else {
            eprintln!(
                "blessed {}: review it with `git diff {}`",
                v.label(),
                v.file
            );
        }
    } else if bless() {
        failures.push("not blessed: its hand-written checks fail".to_string());
    } else if v.value.get("expect").is_none() {
        failures.push(
            "no `expect`: write it with THIDUA_BLESS=1 (after the checks pass) and review it"
                .to_string(),
        );
    } else {
        failures.push(format!(
            "output differs from `expect`; {}",
            json_diff(want, &produced.output)
        ));
    }
    (failures, None)
}

fn run_all() -> Run {
    let root = root();
    let mut files = Vec::new();
    vector_files(&root.join("tests/vectors"), &mut files);
    let filter = filter();
    let mut run = Run {
        failures: Vec::new(),
        ran: Kind::ALL.iter().map(|k| (*k, 0)).collect(),
        produced_codes: BTreeSet::new(),
        filtered: filter.is_some(),
    };
    for path in files {
        let file = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let fail = |run: &mut Run, kind, m: String| run.failures.push(Failure { kind, message: m });
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                fail(&mut run, None, format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                fail(&mut run, None, format!("{file}: not JSON: {e}"));
                continue;
            }
        };
        let mut v = Vector { file, text, value };
        if let Some(f) = &filter {
            if !v.file.contains(f.as_str())
                && !v.value["name"]
                    .as_str()
                    .is_some_and(|n| n.contains(f.as_str()))
            {
                continue;
            }
        }
        let kind_name = v.value["kind"].as_str().unwrap_or("");
        let Some(kind) = Kind::ALL.into_iter().find(|k| k.name() == kind_name) else {
            let m = format!("{}: unknown kind {:?}", v.label(), v.value["kind"]);
            fail(&mut run, None, m);
            continue;
        };
        if !v.value["name"].is_string() {
            fail(&mut run, Some(kind), format!("{}: no \"name\"", v.file));
        }
        let (failures, code) = run_vector(kind, &mut v);
        for m in failures {
            fail(&mut run, Some(kind), format!("{}: {m}", v.label()));
        }
        run.produced_codes.extend(code);
        if let Some(n) = run.ran.iter_mut().find(|(k, _)| *k == kind) {
            n.1 += 1;
        }
    }
    run
}

fn the_run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(run_all)
}

const HINT: &str = "after reviewing a change of output: THIDUA_BLESS=1 cargo test -p \
                    thidua-core --test vectors, then `git diff tests/vectors`";

/// Fails with every failure of the kind (`None`: of the files that are no vector of a known
/// kind).
pub fn assert_no_failures(kind: Option<Kind>) {
    let run = the_run();
    let failures: Vec<&str> = run
        .failures
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failing vector check(s):\n\n{}\n\n({HINT})",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Fails with every failure of the kind, or when the repository holds too few of its vectors.
pub fn assert_kind(kind: Kind) {
    assert_no_failures(Some(kind));
    let run = the_run();
    let ran = run.ran.iter().find(|(k, _)| *k == kind).map_or(0, |r| r.1);
    assert!(
        run.filtered || ran >= kind.min_vectors(),
        "expected at least {} {} vectors under tests/vectors, ran {ran}",
        kind.min_vectors(),
        kind.name()
    );
}

pub fn assert_every_error_code_produced() {
    let run = the_run();
    if run.filtered {
        return;
    }
    let missing: Vec<&str> = ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !run.produced_codes.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "error codes that no vector produces (add an `expect_error` vector for each): {missing:?}"
    );
}
