//! `thidua` — the command-line tool of the thidua library.
//!
//! ```text
//! thidua demo [SEEDS_DIR]                                   the main job, end to end
//! thidua parse TEXT_FILE [--out draft.json]                 a directive from its text
//! thidua read DIRECTIVE.json RESULTS.xlsx --out results.json   a workbook/CSV into a result set
//! thidua read DIRECTIVE.json TARGETS.(xlsx|csv|json) --targets [--out targets.xlsx]
//! thidua evaluate DIRECTIVE.json RESULTS.(json|csv|xlsx|xls|ods) [--out scorecard.xlsx]
//! thidua score INPUT.json [--out ranking.xlsx]               cluster / bloc scoring
//! thidua template DIRECTIVE.json --unit "Huyện A" --unit "Huyện B" --out nhap-lieu.xlsx
//! ```
//!
//! Output by the extension of `--out`: `.xlsx` (workbook), `.csv`, `.json`, anything else (or
//! none: standard output) the Vietnamese text report. Diagnostics go to standard error with
//! their cell (`'Kết quả'!E7: error [no_target_match] …`).
//!
//! Exit codes: 0 success; 1 the input is wrong (a typed error or an error diagnostic, printed
//! with its location); 2 the command line is wrong (usage); 3 a file could not be read or
//! written. A closed standard output (`thidua demo | head -3`) ends the program quietly.

/// `print!` to standard output; a closed pipe ends the program quietly instead of panicking.
macro_rules! print {
    ($($t:tt)*) => {
        $crate::out(format_args!($($t)*))
    };
}

/// `println!` to standard output; a closed pipe ends the program quietly instead of panicking.
macro_rules! println {
    () => {
        $crate::out(format_args!("\n"))
    };
    ($($t:tt)*) => {
        $crate::out(format_args!("{}\n", format_args!($($t)*)))
    };
}

mod demo;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use thidua_core::files::BaseDir;
use thidua_core::parse::parse_directive;
use thidua_core::scoring::{resolve_input_paths, score_json, ScoreReport};
use thidua_core::sheet::{
    self, EvaluationSheets, ReadOptions, ResultLayout, Severity, TemplateOptions,
};
use thidua_core::{
    evaluate, Directive, Error, Evaluation, EvaluationOptions, Period, ResultSet, TargetTable,
};

/// Exact, explainable evaluation of Vietnamese emulation movements (phong trào thi đua):
/// directives, results, scorecards, cluster rankings and awards, from and to JSON, CSV and
/// Excel workbooks.
#[derive(Parser)]
#[command(name = "thidua", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success; 1 invalid input (printed with its location, e.g. a cell 'Kết quả'!E7); 2 usage; 3 a file could not be read or written.";

/// How a results workbook or CSV file is read.
#[derive(clap::Args, Default)]
struct SheetArgs {
    /// Read only this sheet.
    #[arg(long)]
    sheet: Option<String>,
    /// The reporting unit of a one-unit report (default: the sheet's name or the directive's
    /// locality).
    #[arg(long)]
    unit: Option<String>,
    /// The period ("2024", "2024-H1", "2024-9M"), when the table does not say.
    #[arg(long)]
    period: Option<String>,
    /// A column's role, overriding its header: ROLE=COLUMN, e.g. value=E or name="Chỉ tiêu
    /// chủ yếu" (roles: number, target, name, measure, plan, pledged, value, baseline,
    /// ratio, verdict, note, period, unit, component, provenance, judgement…).
    #[arg(long = "column", value_name = "ROLE=COLUMN")]
    columns: Vec<String>,
    /// The header row (1-based), when detection picks the wrong one.
    #[arg(long)]
    header_row: Option<u32>,
    /// Legacy encodings: auto (default), off, tcvn3, vni.
    #[arg(long, default_value = "auto")]
    legacy_encoding: String,
}

#[derive(Subcommand)]
enum Command {
    /// The main job: parse the five seed directives, evaluate illustrative results, score two
    /// illustrative clusters and decide the awards.
    Demo {
        /// Folder of the seed texts (default: tests/texts/seeds of the repository).
        seeds: Option<PathBuf>,
    },
    /// Read a directive from its text (web page, PDF text) and print the draft as JSON.
    Parse {
        /// The text file.
        text: PathBuf,
        /// Write the JSON here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read a results workbook or CSV file into a result set.
    Read {
        /// The directive (JSON), to match rows to its targets.
        directive: PathBuf,
        /// The workbook (xlsx, xls, ods) or CSV file.
        results: PathBuf,
        #[command(flatten)]
        sheet: SheetArgs,
        /// Output: .json (default: standard output), .csv or .xlsx.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Read a per-unit target table (assigned / pledged figures; a workbook, CSV or the
        /// core's JSON) instead of results, and print it as the JSON `evaluate --targets`
        /// takes, or with `--out T.xlsx` write it as a workbook that reads back.
        #[arg(long)]
        targets: bool,
    },
    /// Evaluate results against a directive: status, % of plan, explanation, headline.
    Evaluate {
        /// The directive (JSON).
        directive: PathBuf,
        /// The results: JSON, or a workbook (xlsx, xls, ods) or CSV file.
        results: PathBuf,
        /// Evaluation options (JSON).
        #[arg(long)]
        options: Option<PathBuf>,
        #[command(flatten)]
        sheet: SheetArgs,
        /// Output: .xlsx (scorecard workbook), .csv (one row per target), .json; default: the
        /// Vietnamese scorecards on standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// In the workbook, one sheet per unit instead of one table.
        #[arg(long)]
        per_unit: bool,
        /// Each unit's own targets (assigned / pledged figures): JSON, or a workbook or CSV
        /// file read like `read --targets`; units are judged against their own figures.
        #[arg(long, value_name = "FILE")]
        targets: Option<PathBuf>,
    },
    /// Score units of clusters and blocs in up to three stages, rank, classify and propose
    /// awards. A stage's "results" may name a workbook or CSV file.
    Score {
        /// The score input (JSON); file paths inside it are relative to the current folder.
        input: PathBuf,
        /// Output: .xlsx (ranking workbook), .json; default: the Vietnamese report.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a data-entry workbook from a directive: targets as rows, units as columns; it
    /// reads back without any column mapping.
    Template {
        /// The directive (JSON).
        directive: PathBuf,
        /// A unit column (repeat for several).
        #[arg(long = "unit")]
        units: Vec<String>,
        /// The period ("2024", "2024-H1"…); default: the directive's first year.
        #[arg(long)]
        period: Option<String>,
        /// The figures will be estimates (ước thực hiện).
        #[arg(long)]
        estimate: bool,
        /// The workbook to write.
        #[arg(long)]
        out: PathBuf,
    },
}

/// A failure: what to print and the exit code.
enum Fail {
    Input(String),
    Io(String),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        Fail::Input(e.to_string())
    }
}

fn read_bytes(p: &Path) -> Result<Vec<u8>, Fail> {
    std::fs::read(p).map_err(|e| Fail::Io(format!("cannot read {}: {e}", p.display())))
}

fn read_text(p: &Path) -> Result<String, Fail> {
    String::from_utf8(read_bytes(p)?)
        .map_err(|_| Fail::Input(format!("{} is not UTF-8 text", p.display())))
}

fn write_out(p: &Path, bytes: &[u8]) -> Result<(), Fail> {
    std::fs::write(p, bytes).map_err(|e| Fail::Io(format!("cannot write {}: {e}", p.display())))?;
    eprintln!("đã ghi {} ({} byte)", p.display(), bytes.len());
    Ok(())
}

fn ext(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn is_sheet(p: &Path) -> bool {
    matches!(
        ext(p).as_str(),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "csv" | "tsv" | "txt"
    )
}

fn parse_period(s: &Option<String>) -> Result<Option<Period>, Fail> {
    s.as_deref()
        .map(|p| p.parse::<Period>())
        .transpose()
        .map_err(Fail::from)
}

fn read_options(a: &SheetArgs) -> Result<ReadOptions, Fail> {
    let mut columns = BTreeMap::new();
    for c in &a.columns {
        let (role, col) = c
            .split_once('=')
            .ok_or_else(|| Fail::Input(format!("--column {c:?}: expected ROLE=COLUMN")))?;
        columns.insert(role.trim().to_string(), col.trim().to_string());
    }
    let legacy = serde_json::from_value(serde_json::Value::String(a.legacy_encoding.clone()))
        .map_err(|_| {
            Fail::Input(format!(
                "--legacy-encoding {:?}: expected auto, off, tcvn3 or vni",
                a.legacy_encoding
            ))
        })?;
    Ok(ReadOptions {
        sheet: a.sheet.clone(),
        columns,
        header_row: a.header_row,
        unit: a.unit.clone(),
        period: parse_period(&a.period)?,
        legacy_encoding: legacy,
        ..ReadOptions::default()
    })
}

/// Prints the diagnostics (warnings and errors) to standard error; fails on an error.
fn report<T>(path: &Path, r: sheet::Read<T>) -> Result<T, Fail> {
    let mut errors = 0;
    for d in &r.diagnostics {
        match d.severity {
            Severity::Info => {}
            Severity::Error => {
                errors += 1;
                eprintln!("{}: {d}", path.display());
            }
            // A warning, or a severity added later: shown, not fatal.
            _ => eprintln!("{}: {d}", path.display()),
        }
    }
    for t in &r.tables {
        eprintln!(
            "{}: trang «{}»: {} hàng số liệu (tiêu đề hàng {}–{})",
            path.display(),
            t.sheet,
            t.rows_read,
            t.header_rows.0,
            t.header_rows.1
        );
    }
    if errors > 0 {
        return Err(Fail::Input(format!(
            "{}: {errors} lỗi trong bảng tính (errors in the workbook, see above)",
            path.display()
        )));
    }
    Ok(r.value)
}

fn load_results(path: &Path, d: &Directive, a: &SheetArgs) -> Result<ResultSet, Fail> {
    if is_sheet(path) {
        let opts = read_options(a)?;
        let r = sheet::read_results(&read_bytes(path)?, Some(d), &opts)?;
        report(path, r)
    } else {
        Ok(ResultSet::from_json(&read_text(path)?)?)
    }
}

/// A per-unit target table: the core's JSON, or a workbook / CSV file.
fn load_targets(path: &Path, d: &Directive, opts: &ReadOptions) -> Result<TargetTable, Fail> {
    if is_sheet(path) {
        let r = sheet::read_unit_targets(&read_bytes(path)?, Some(d), opts)?;
        report(path, r)
    } else {
        Ok(TargetTable::from_json(&read_text(path)?)?)
    }
}

/// Runs one subcommand.
fn run(cli: Cli) -> Result<(), Fail> {
    match cli.command {
        Command::Demo { seeds } => {
            let seeds = seeds.unwrap_or_else(|| demo::repo_root().join("tests/texts/seeds"));
            demo::demo(&seeds).map_err(Fail::Input)
        }
        Command::Parse { text, out } => {
            let draft = parse_directive(&read_text(&text)?);
            write_or_print(out.as_deref(), &draft.to_json())
        }
        Command::Read {
            directive,
            results,
            sheet: a,
            out,
            targets,
        } => {
            let d = Directive::from_json(&read_text(&directive)?)?;
            if targets {
                read_targets(&results, &d, &a, out.as_deref())
            } else {
                read_results(&results, &d, &a, out.as_deref())
            }
        }
        Command::Evaluate {
            directive,
            results,
            options,
            sheet: a,
            out,
            per_unit,
            targets,
        } => {
            let inputs = EvaluateInputs {
                directive: &directive,
                results: &results,
                options: options.as_deref(),
                sheet: &a,
                targets: targets.as_deref(),
            };
            let (d, e) = evaluate_inputs(&inputs)?;
            write_evaluation(&e, &d, out.as_deref(), per_unit)
        }
        Command::Score { input, out } => write_score(&score(&input)?, out.as_deref()),
        Command::Template {
            directive,
            units,
            period,
            estimate,
            out,
        } => {
            let d = Directive::from_json(&read_text(&directive)?)?;
            let opts = TemplateOptions {
                units,
                period: parse_period(&period)?,
                estimate,
            };
            write_out(&out, &sheet::write_template(&d, &opts)?)
        }
    }
}

/// Writes `text` to the file `out`, or prints it with a newline to standard output.
fn write_or_print(out: Option<&Path>, text: &str) -> Result<(), Fail> {
    match out {
        Some(p) => write_out(p, text.as_bytes()),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

/// `read --targets`: a per-unit target table, as JSON or (`--out T.xlsx`) a workbook.
fn read_targets(path: &Path, d: &Directive, a: &SheetArgs, out: Option<&Path>) -> Result<(), Fail> {
    let t = load_targets(path, d, &read_options(a)?)?;
    let json = t.to_json();
    match out {
        Some(p) if ext(p) == "xlsx" => write_out(p, &sheet::write_target_table(&t, Some(d))?),
        other => write_or_print(other, &json),
    }
}

/// `read`: a result set, as JSON, CSV or a workbook (long layout) by the extension of `--out`.
fn read_results(path: &Path, d: &Directive, a: &SheetArgs, out: Option<&Path>) -> Result<(), Fail> {
    let rs = load_results(path, d, a)?;
    match out {
        Some(p) => match ext(p).as_str() {
            "xlsx" => write_out(p, &sheet::write_results(&rs, Some(d), ResultLayout::Long)?),
            "csv" => write_out(p, sheet::results_to_csv(&rs).as_bytes()),
            _ => write_out(p, rs.to_json()?.as_bytes()),
        },
        None => write_or_print(None, &rs.to_json()?),
    }
}

/// The files `evaluate` reads.
struct EvaluateInputs<'a> {
    directive: &'a Path,
    results: &'a Path,
    options: Option<&'a Path>,
    sheet: &'a SheetArgs,
    targets: Option<&'a Path>,
}

/// Reads the directive, results, options and any per-unit targets, and evaluates.
fn evaluate_inputs(i: &EvaluateInputs<'_>) -> Result<(Directive, Evaluation), Fail> {
    let d = Directive::from_json(&read_text(i.directive)?)?;
    let rs = load_results(i.results, &d, i.sheet)?;
    let o = match i.options {
        Some(p) => EvaluationOptions::from_json(&read_text(p)?)?,
        None => EvaluationOptions::default(),
    };
    let e = match i.targets {
        Some(p) => {
            let opts = ReadOptions {
                legacy_encoding: read_options(i.sheet)?.legacy_encoding,
                ..ReadOptions::default()
            };
            let t = load_targets(p, &d, &opts)?;
            thidua_core::evaluate_with_targets(&d, &t, &rs, &o)?
        }
        None => evaluate(&d, &rs, &o)?,
    };
    Ok((d, e))
}

/// Writes an evaluation by the extension of `--out`: the scorecard workbook, JSON, CSV, or
/// the Vietnamese scorecards (to the file, or to standard output).
fn write_evaluation(
    e: &Evaluation,
    d: &Directive,
    out: Option<&Path>,
    per_unit: bool,
) -> Result<(), Fail> {
    match out.map(|p| (p, ext(p))) {
        Some((p, x)) if x == "xlsx" => {
            let mode = if per_unit {
                EvaluationSheets::PerUnit
            } else {
                EvaluationSheets::OneTable
            };
            write_out(p, &sheet::write_evaluation(e, Some(d), mode)?)
        }
        Some((p, x)) if x == "json" => write_out(p, e.to_json()?.as_bytes()),
        Some((p, x)) if x == "csv" => write_out(p, evaluation_csv(e).as_bytes()),
        other => {
            let mut text = String::new();
            for u in &e.units {
                text.push_str(&u.scorecard_vi());
                text.push('\n');
            }
            match other {
                Some((p, _)) => write_out(p, text.as_bytes()),
                None => {
                    print!("{text}");
                    Ok(())
                }
            }
        }
    }
}

/// Writes a score report by the extension of `--out`: the ranking workbook, JSON, or the
/// Vietnamese report.
fn write_score(report: &ScoreReport, out: Option<&Path>) -> Result<(), Fail> {
    match out.map(|p| (p, ext(p))) {
        Some((p, x)) if x == "xlsx" => write_out(p, &sheet::write_score_report(report, None)?),
        Some((p, x)) if x == "json" => write_out(p, report.to_json()?.as_bytes()),
        other => write_or_print(other.map(|(p, _)| p), &report.render_vi()),
    }
}

/// The score input, with any stage's `results` naming a workbook or CSV file read through
/// the sheet reader (against the input's directive).
fn score(input: &Path) -> Result<ScoreReport, Fail> {
    // A file named in the input is read confined (thidua_core::files::BaseDir): a relative
    // path without `..`, inside the working directory or the input's directory, a regular
    // file of at most 64 MiB — never /etc/passwd, a FIFO or /dev/zero.
    let parent = input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let cwd = BaseDir::new(".")?;
    let base = BaseDir::new(parent)?;
    let locate = |p: &str| cwd.locate(p).or_else(|e| base.locate(p).map_err(|_| e));
    let mut v: serde_json::Value = serde_json::from_str(&read_text(input)?)
        .map_err(|e| Fail::Input(format!("{}: {e}", input.display())))?;
    // workbooks first: they need the directive
    let mut workbooks = Vec::new();
    if let Some(stages) = v.get_mut("stages").and_then(|s| s.as_array_mut()) {
        for (i, s) in stages.iter_mut().enumerate() {
            if let Some(serde_json::Value::String(p)) = s.get("results") {
                if is_sheet(Path::new(p)) {
                    workbooks.push((i, locate(p)?));
                    s["results"] = serde_json::Value::Array(Vec::new());
                }
            }
        }
    }
    let mut v = resolve_input_paths(v, &mut |p: &str| {
        cwd.read(p).or_else(|e| base.read(p).map_err(|_| e))
    })?;
    if !workbooks.is_empty() {
        let d: Directive = serde_json::from_value(v["directive"].clone()).map_err(|e| {
            Fail::Input(format!(
                "a stage reads a workbook: the input needs its directive ({e})"
            ))
        })?;
        for (i, p) in workbooks {
            let rs = load_results(&p, &d, &SheetArgs::default())?;
            v["stages"][i]["results"] = serde_json::to_value(&rs).unwrap_or_default();
        }
    }
    Ok(score_json(&v.to_string())?)
}

fn evaluation_csv(e: &thidua_core::Evaluation) -> String {
    let mut out = String::from("\u{feff}Đơn vị;Kỳ báo cáo;Mã chỉ tiêu;Chỉ tiêu;Chỉ tiêu kế hoạch;Kết quả;% kế hoạch;Đánh giá;Giải thích\n");
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let vn = |d: Option<thidua_core::Decimal>| {
        d.map(|d| d.to_string().replace('.', ","))
            .unwrap_or_default()
    };
    for u in &e.units {
        for t in &u.targets {
            out.push_str(
                &[
                    q(&u.unit),
                    u.period.to_string(),
                    q(&t.target),
                    q(&t.name),
                    q(&t.target_text),
                    vn(t.result),
                    vn(t.ratio),
                    t.status.label_vi().to_string(),
                    q(&t.explanation.vi),
                ]
                .join(";"),
            );
            out.push('\n');
        }
    }
    out
}

/// Writes to standard output. When the reader has gone (a closed pipe), the program ends
/// with status 0 and no message, as Unix tools do; any other write error is status 3.
pub(crate) fn out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("lỗi (error): cannot write to standard output: {e}");
        std::process::exit(3);
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Input(m)) => {
            eprintln!("lỗi (error): {m}");
            ExitCode::from(1)
        }
        Err(Fail::Io(m)) => {
            eprintln!("lỗi (error): {m}");
            ExitCode::from(3)
        }
    }
}
