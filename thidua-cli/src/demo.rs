//! `thidua demo`: the project's main job, end to end on the shipped seeds:
//!
//! 1. read each seed directive **text** (`tests/texts/seeds/*.txt`, or a folder given as argument) and parse it
//!    into a directive with its numbered targets (printing the parser's diagnostics count and
//!    checking the result against the reviewed seed data in `docs/examples/`);
//! 2. evaluate the illustrative result set of each seed with targets
//!    (`docs/examples/results/*.illustrative.json`) and print the scorecard in Vietnamese;
//! 3. score, rank, classify and propose awards for two illustrative clusters of fictional
//!    units against the Kon Tum 2024 targets (`docs/examples/clusters-kon-tum-2024/`), and
//!    print the report;
//! 4. decide the awards as the law defines them (`docs/examples/awards-2024/`): the scoring's
//!    proposals and direct proposals checked against an illustrative award history under
//!    Luật Thi đua, khen thưởng 2022 and Nghị định 98/2023/NĐ-CP (the rules in force on the
//!    proposal date) plus an illustrative provincial regulation, the council's votes, the
//!    quotas and the reward money, and print the decision.

use std::path::{Path, PathBuf};

use thidua_core::files::BaseDir;
use thidua_core::parse::{parse_directive, Severity};
use thidua_core::scoring::{resolve_input_paths, score_json};
use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet, Target};

/// The repository the demo reads (this crate's parent folder).
pub fn repo_root() -> PathBuf {
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
    let e = evaluate(directive, results, options).map_err(|e| e.to_string())?;
    println!("══ {} — {} ══", e.directive, directive.issuer.name);
    println!("{}", directive.title);
    if let Some(d) = &results.description {
        println!("({d})");
    }
    for u in &e.units {
        println!();
        print!("{}", u.scorecard_vi());
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

pub fn demo(seeds: &Path) -> Result<(), String> {
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
    // The files the example names are read as any input's are: confined to the repository.
    let base = BaseDir::new(&root).map_err(|e| e.to_string())?;
    let resolved =
        resolve_input_paths(value, &mut |p: &str| base.read(p)).map_err(|e| e.to_string())?;
    let report = score_json(&resolved.to_string()).map_err(|e| e.to_string())?;
    println!("{}", report.render_vi());
    award_step(&root)
}

/// Step 4: the awards as the law defines them, on the worked example.
fn award_step(root: &Path) -> Result<(), String> {
    let input = read(&root.join("docs/examples/awards-2024/input.json"))?;
    let value: serde_json::Value = serde_json::from_str(&input).map_err(|e| e.to_string())?;
    let base = BaseDir::new(root).map_err(|e| e.to_string())?;
    let resolved = thidua_core::award::resolve_input_paths(value, &mut |p: &str| base.read(p))
        .map_err(|e| e.to_string())?;
    let report =
        thidua_core::award::decide_json(&resolved.to_string()).map_err(|e| e.to_string())?;
    println!("\n{}", report.render_vi());
    Ok(())
}
