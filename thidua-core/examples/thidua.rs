//! The command-line face of thidua-core.
//!
//! ```text
//! cargo run -p thidua-core --example thidua -- demo [SEEDS_DIR]
//! cargo run -p thidua-core --example thidua -- evaluate DIRECTIVE.json RESULTS.json [OPTIONS.json]
//! ```
//!
//! `demo` is the project's main job: for each seed directive that has illustrative results
//! under `docs/examples/results/`, load the directive, evaluate the results and print the
//! scorecard in Vietnamese.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use thidua_core::{evaluate, Directive, EvaluationOptions, ResultSet};

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

fn demo() -> Result<(), String> {
    let root = repo_root();
    let examples = root.join("docs/examples");
    for stem in ["000_kon-tum-2021", "002_kon-tum-2024", "004_ha-giang-2024"] {
        let directive = Directive::from_json(&read(&examples.join(format!("{stem}.json")))?)
            .map_err(|e| format!("{stem}: {e}"))?;
        let results = ResultSet::from_json(&read(
            &examples.join(format!("results/{stem}.illustrative.json")),
        )?)
        .map_err(|e| format!("{stem}: {e}"))?;
        print_evaluation(&directive, &results, &EvaluationOptions::default())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = match args.first().map(String::as_str) {
        Some("demo") | None => demo(),
        Some("evaluate") if args.len() >= 3 => (|| {
            let d = Directive::from_json(&read(Path::new(&args[1]))?).map_err(|e| e.to_string())?;
            let r = ResultSet::from_json(&read(Path::new(&args[2]))?).map_err(|e| e.to_string())?;
            let o = match args.get(3) {
                Some(p) => {
                    EvaluationOptions::from_json(&read(Path::new(p))?).map_err(|e| e.to_string())?
                }
                None => EvaluationOptions::default(),
            };
            print_evaluation(&d, &r, &o)
        })(),
        _ => Err(
            "usage: thidua demo | thidua evaluate DIRECTIVE.json RESULTS.json [OPTIONS.json]"
                .into(),
        ),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
