//! The command-line face of thidua-core.
//!
//! ```text
//! cargo run -p thidua-core --example thidua -- demo [SEEDS_DIR]
//! cargo run -p thidua-core --example thidua -- parse TEXT_FILE
//! cargo run -p thidua-core --example thidua -- evaluate DIRECTIVE.json RESULTS.json [OPTIONS.json] [--targets TARGETS.json]
//! cargo run -p thidua-core --example thidua -- read "hơn 290 triệu USD"
//! cargo run -p thidua-core --example thidua -- score INPUT.json
//! ```
//!
//! `demo` is the project's main job, end to end on the shipped seeds:
//!
//! 1. read each seed directive **text** (`tests/texts/seeds/*.txt`, or a folder given as argument) and parse it
//!    into a directive with its numbered targets (printing the parser's diagnostics count and
//!    checking the result against the reviewed seed data in `docs/examples/`);
//! 2. evaluate the illustrative result set of each seed with targets
//!    (`docs/examples/results/*.illustrative.json`) and print the scorecard in Vietnamese;
//! 3. score, rank, classify and propose awards for two illustrative clusters of fictional
//!    units against the Kon Tum 2024 targets (`docs/examples/clusters-kon-tum-2024/`), and
//!    print the report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use thidua_core::parse::{parse_directive, Severity};
use thidua_core::scoring::{resolve_input_paths, score_json};
use thidua_core::{
    evaluate_with_targets, Directive, EvaluationOptions, ResultSet, Target, TargetTable,
};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn print_evaluation(
    directive: &Directive,
    results: &ResultSet,
    options: &EvaluationOptions,
) -> Result<(), String> {
    print_evaluation_with(directive, &TargetTable::default(), results, options)
}

fn print_evaluation_with(
    directive: &Directive,
    targets: &TargetTable,
    results: &ResultSet,
    options: &EvaluationOptions,
) -> Result<(), String> {
    let e =
        evaluate_with_targets(directive, targets, results, options).map_err(|e| e.to_string())?;
    println!("══ {} — {} ══", e.directive, directive.issuer.name);
    println!("{}", directive.title);
    if let Some(d) = &results.description {
        println!("({d})");
    }
    for u in &e.units {
        println!();
        print!("{}", u.scorecard_vi());
    }
    if !e.warnings.is_empty() {
        println!();
        println!("Cảnh báo ({}):", e.warnings.len());
        for w in &e.warnings {
            let row = w.row.map(|r| format!(" results[{r}]")).unwrap_or_default();
            println!("  ! [{}]{row} {}", w.code.as_str(), w.message_vi);
        }
    }
    println!();
    Ok(())
}

fn parse_seed(text_path: &Path) -> Result<Directive, String> {
    let text = read(text_path)?;
    let out = parse_directive(&text);
    let count = |sev: Severity| out.diagnostics.iter().filter(|d| d.severity == sev).count();
    println!(
        "Đọc văn bản {}: {} chỉ tiêu trong {} mục, {} nội dung thi đua; chẩn đoán: {} lỗi, {} cảnh báo, {} ghi chú.",
        text_path.file_name().and_then(|f| f.to_str()).unwrap_or("?"),
        out.directive.target_count(),
        out.directive.items.len(),
        out.directive.content_points.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    for d in out
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
    {
        let snippet: String = text
            .get(d.start..d.end)
            .unwrap_or("")
            .chars()
            .take(60)
            .collect();
        println!(
            "  [{}] {} — «{}»",
            d.code,
            d.message,
            snippet.replace('\n', " ")
        );
    }
    out.into_directive()
        .map_err(|e| format!("{}: {e}", text_path.display()))
}

/// Same item numbers and, for every target, the same id, kind and parameters, and the same
/// sub-targets (names and English names are editorial and not compared).
fn same_targets(a: &Directive, b: &Directive) -> bool {
    fn same(x: &Target, y: &Target) -> bool {
        x.id == y.id
            && x.spec == y.spec
            && x.sub_targets.len() == y.sub_targets.len()
            && x.sub_targets
                .iter()
                .zip(&y.sub_targets)
                .all(|(p, q)| same(p, q))
    }
    a.items.len() == b.items.len()
        && a.items.iter().zip(&b.items).all(|(i, j)| {
            i.number == j.number
                && i.targets.len() == j.targets.len()
                && i.targets.iter().zip(&j.targets).all(|(x, y)| same(x, y))
        })
}

fn demo(seeds: &Path) -> Result<(), String> {
    let root = repo_root();
    let examples = root.join("docs/examples");
    println!("THIDUA — chạy thử trên các văn bản mẫu (kết quả MINH HỌA, không phải số liệu chính thức)\n");
    for stem in [
        "000_kon-tum-2021",
        "001_binh-duong-2021",
        "002_kon-tum-2024",
        "003_bac-lieu-2021",
        "004_ha-giang-2024",
    ] {
        let parsed = parse_seed(&seeds.join(format!("{stem}.txt")))?;
        let reviewed = Directive::from_json(&read(&examples.join(format!("{stem}.json")))?)
            .map_err(|e| format!("{stem}: {e}"))?;
        if !same_targets(&parsed, &reviewed) {
            return Err(format!(
                "{stem}: the targets read from the text differ from docs/examples/{stem}.json"
            ));
        }
        println!(
            "  → khớp {} chỉ tiêu với dữ liệu đã rà soát (docs/examples/{stem}.json)\n",
            reviewed.target_count()
        );
        let results_path = examples.join(format!("results/{stem}.illustrative.json"));
        if results_path.exists() {
            let results =
                ResultSet::from_json(&read(&results_path)?).map_err(|e| format!("{stem}: {e}"))?;
            print_evaluation(&parsed, &results, &EvaluationOptions::default())?;
        }
    }
    let input = read(&examples.join("clusters-kon-tum-2024/input.json"))?;
    let value: serde_json::Value = serde_json::from_str(&input).map_err(|e| e.to_string())?;
    let resolved = resolve_input_paths(value, &mut |p: &str| {
        std::fs::read_to_string(root.join(p)).map_err(|e| thidua_core::Error::InvalidInput {
            location: p.to_string(),
            reason: e.to_string(),
        })
    })
    .map_err(|e| e.to_string())?;
    let report = score_json(&resolved.to_string()).map_err(|e| e.to_string())?;
    println!("{}", report.render_vi());
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let default_seeds = repo_root().join("tests/texts/seeds");
    let r = match args.first().map(String::as_str) {
        Some("demo") | None => demo(args.get(1).map(Path::new).unwrap_or(&default_seeds)),
        Some("parse") if args.len() >= 2 => {
            let out = parse_directive(&read(Path::new(&args[1])).unwrap_or_default());
            println!("{}", out.to_json());
            Ok(())
        }
        Some("evaluate") if args.len() >= 3 => (|| {
            let mut rest: Vec<&String> = args[3..].iter().collect();
            let mut targets = TargetTable::default();
            if let Some(i) = rest.iter().position(|a| a.as_str() == "--targets") {
                let p = rest.get(i + 1).ok_or("--targets needs a file")?;
                targets = TargetTable::from_json(&read(Path::new(p.as_str()))?).map_err(|e| e.to_string())?;
                rest.drain(i..i + 2);
            }
            let d = Directive::from_json(&read(Path::new(&args[1]))?).map_err(|e| e.to_string())?;
            let r = ResultSet::from_json(&read(Path::new(&args[2]))?).map_err(|e| e.to_string())?;
            let o = match rest.first() {
                Some(p) => EvaluationOptions::from_json(&read(Path::new(p.as_str()))?).map_err(|e| e.to_string())?,
                None => EvaluationOptions::default(),
            };
            print_evaluation_with(&d, &targets, &r, &o)
        })(),
        Some("read") if args.len() >= 2 => {
            let out = thidua_core::reported::read_result(&args[1]);
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            Ok(())
        }
        Some("score") if args.len() >= 2 => (|| {
            let v: serde_json::Value =
                serde_json::from_str(&read(Path::new(&args[1]))?).map_err(|e| e.to_string())?;
            let v = resolve_input_paths(v, &mut |p: &str| {
                std::fs::read_to_string(p).map_err(|e| thidua_core::Error::InvalidInput {
                    location: p.to_string(),
                    reason: e.to_string(),
                })
            })
            .map_err(|e| e.to_string())?;
            let report = score_json(&v.to_string()).map_err(|e| e.to_string())?;
            println!("{}", report.render_vi());
            Ok(())
        })(),
        _ => Err("usage: thidua demo [SEEDS_DIR] | parse TEXT | evaluate DIRECTIVE.json RESULTS.json [OPTIONS.json] [--targets TARGETS.json] | read PHRASE | score INPUT.json".into()),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
