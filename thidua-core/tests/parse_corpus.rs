//! The parser scored against the reviewed gold answers of the real texts in `tests/corpus/`
//! (format: `tests/corpus/README.md`).
//!
//! For every file: the targets of the gold (`NN_….json`), the targets the parser reads from the
//! text (`NN_….txt`, its `source:` / `issuer:` / `year:` annotation lines removed — they are
//! the corpus author's, not the document's), and for each gold target whether its **value was
//! found** (a parsed target with the same value) and whether it is **fully right**:
//! comparator, value, upper bound, scale, unit, per-year and parent all as the gold says, with
//! the gold vocabulary mapped onto the model by [`gold_view`] below. A parsed target that
//! matches no gold target is a **false positive**.
//!
//! The test prints the score table (`cargo test --test parse_corpus -- --nocapture`, also in
//! `docs/parsing.md`), and `THIDUA_CORPUS_DETAIL=1` prints every miss. It asserts the levels
//! reached so far as floors ([`FLOOR_FOUND`], [`FLOOR_RIGHT`], [`MAX_FALSE_POSITIVES`]), so a
//! change cannot lower them silently. The invented held-out sets (`tests/texts/heldout*/`) are
//! scored the same way against floors of their own ([`HELD_OUT_SETS`]: `heldout_scores`,
//! `heldout_metadata`); `THIDUA_HELDOUT=heldout-7` scores one set only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::Value;
use thidua_core::parse::parse_directive;
use thidua_core::{Comparator, Directive, ReductionUnit, Scale, Target, TargetSpec, Unit, Wording};

/// Share of gold values found, in percent (floor).
const FLOOR_FOUND: f64 = 100.0;
/// Share of gold targets fully right, in percent (floor).
const FLOOR_RIGHT: f64 = 99.6;
/// Most false positives allowed over the whole corpus.
const MAX_FALSE_POSITIVES: usize = 0;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

/// The text without the corpus author's annotation lines (`source:`, `issuer:`, `year:`)
/// and the blank line after them.
fn document_text(raw: &str) -> (&str, Option<i32>) {
    let mut rest = raw;
    let mut year = None;
    loop {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        if let Some(y) = line.strip_prefix("year:") {
            year = y.trim().parse().ok();
        } else if !(line.starts_with("source:") || line.starts_with("issuer:")) {
            break;
        }
        rest = after;
    }
    (rest.strip_prefix('\n').unwrap_or(rest), year)
}

/// One target in the gold's vocabulary.
#[derive(Debug, Clone, PartialEq)]
struct View {
    comparator: String,
    value: Option<Decimal>,
    value_max: Option<Decimal>,
    scale: Option<String>,
    unit: Option<String>,
    per_year: bool,
    /// A count or amount of what is added in the period ("có thêm 12 xã"): the gold may
    /// write it `increase_by`.
    flow: bool,
}

fn scale_word(s: Scale) -> Option<String> {
    (s != Scale::One).then(|| s.word_vi().to_string())
}

fn unit_word(u: &Unit) -> String {
    u.to_string()
}

fn ge_gt(c: Comparator, wording: Option<Wording>) -> String {
    match (wording, c) {
        (Some(_), _) => "eq",
        (None, Comparator::AtLeast) => "ge",
        (None, Comparator::Above) => "gt",
        (None, Comparator::AtMost) => "le",
        (None, Comparator::Below) => "lt",
        (None, other) => panic!("comparator {other:?} has no code in the corpus format"),
    }
    .to_string()
}

/// The model → gold mapping, explicitly:
///
/// | model | gold comparator |
/// |---|---|
/// | `at_least` / `above` / `at_most` / `below` (any kind with a comparator) | `ge` / `gt` / `le` / `lt` |
/// | the same with `wording` `bare` or `approximate` | `eq` |
/// | `range` (any wording) | `range`, `value` = low, `value_max` = high |
/// | `reduction` | `decrease_by`, `value_max` = `value_high` |
/// | `rank_improvement` | `rank_up` |
/// | `qualitative` | `qualitative` |
/// | `reference` | `reference` (the gold has none: always a false positive) |
///
/// Units: rates, growth rates and shares are `%`; a reduction in percentage points is `%`
/// (the gold writes "giảm 1%" of a rate as `%`, a table cell "Điểm %" as `điểm %`; both are
/// points, see [`same_unit`]); a per-capita value per 10,000 people is `<unit>/vạn dân`.
fn gold_view(t: &Target) -> View {
    let per_year = t.per_year();
    let w = t.wording;
    let mut v = View {
        comparator: String::new(),
        value: None,
        value_max: None,
        scale: None,
        unit: None,
        per_year,
        flow: t.spec.measure() == thidua_core::Measure::Flow,
    };
    let pct = Some("%".to_string());
    match &t.spec {
        TargetSpec::Rate { comparator, value }
        | TargetSpec::GrowthRate { comparator, value }
        | TargetSpec::ThresholdShare {
            comparator, value, ..
        } => {
            v.comparator = ge_gt(*comparator, w);
            v.value = Some(*value);
            v.unit = pct;
        }
        TargetSpec::PerCapita {
            comparator,
            value,
            per,
            per_time,
        } => {
            v.comparator = ge_gt(*comparator, w);
            v.value = Some(value.value);
            v.scale = scale_word(value.scale);
            let base = unit_word(&value.unit);
            let time = per_time.map_or(String::new(), |t| format!("/{}", t.vi()));
            v.unit = Some(if *per == Decimal::from(10_000) {
                format!("{base}/vạn dân{time}")
            } else if *per == Decimal::ONE {
                format!("{base}/người{time}")
            } else {
                format!("{base}/{} dân{time}", vn_thousands(*per))
            });
        }
        TargetSpec::Count {
            comparator,
            value,
            noun,
            ..
        } => {
            v.comparator = ge_gt(*comparator, w);
            v.value = Some(*value);
            v.unit = Some(noun.clone());
        }
        TargetSpec::Amount {
            comparator, value, ..
        }
        | TargetSpec::Ceiling { comparator, value } => {
            v.comparator = ge_gt(*comparator, w);
            v.value = Some(value.value);
            v.scale = scale_word(value.scale);
            v.unit = Some(unit_word(&value.unit));
        }
        TargetSpec::Reduction {
            value,
            value_high,
            unit,
            ..
        } => {
            v.comparator = "decrease_by".into();
            v.value = Some(*value);
            v.value_max = *value_high;
            v.unit = match unit {
                ReductionUnit::PercentagePoints | ReductionUnit::PercentOfBaseline => pct,
                ReductionUnit::Absolute => None,
                other => panic!("reduction unit {other:?} has no unit in the corpus format"),
            };
        }
        TargetSpec::Range { low, high, .. } => {
            v.comparator = "range".into();
            v.value = Some(low.value);
            v.value_max = Some(high.value);
            v.scale = scale_word(low.scale);
            v.unit = Some(unit_word(&low.unit));
        }
        TargetSpec::RankImprovement { places, .. } => {
            v.comparator = "rank_up".into();
            v.value = Some(Decimal::from(*places));
            v.unit = Some("bậc".into());
        }
        TargetSpec::Qualitative {} => v.comparator = "qualitative".into(),
        TargetSpec::Reference { value, .. } => {
            v.comparator = "reference".into();
            v.value = *value;
        }
        #[allow(unreachable_patterns)]
        _ => v.comparator = "other".into(),
    }
    v
}

/// A whole number with Vietnamese thousands dots, as the gold writes a population base
/// ("1.000 dân"); other numbers as they are.
fn vn_thousands(n: Decimal) -> String {
    let s = n.normalize().to_string();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Unit equality between the gold (as written after the number) and the model:
/// * a percentage's base written after "%" (`% GDP`, `% chỉ tiêu`, `% dân số`) belongs to the
///   name: `%` in the model;
/// * `điểm %` (a table's unit column) and `%` of a decrease are both percentage points;
/// * per person: the gold folds "/người" into the unit only when written after the number;
///   the model always says per person (`…/người`), so the gold's `U` and `U/người` both match;
///   an income's "/năm" (`đồng/người/năm`, `đồng/năm`) is part of its unit, not a per-year
///   flag (README), and is dropped on both sides;
/// * "giường bệnh" is "giường" (the gold writes `giường/vạn dân` for both);
/// * `tỉ` is `tỷ`, case is ignored.
fn same_unit(gold: Option<&str>, got: Option<&str>, comparator: &str) -> bool {
    fn canon(u: &str) -> String {
        let u = u
            .trim()
            .to_lowercase()
            .replace("tỉ", "tỷ")
            .replace("giường bệnh", "giường");
        let u = u.strip_suffix("/năm").unwrap_or(&u).to_string();
        let u = u.strip_suffix("/người").unwrap_or(&u).to_string();
        if u.starts_with('%') || u == "điểm %" {
            return "%".into();
        }
        u
    }
    match (gold, got) {
        (None, None) => true,
        (Some(g), Some(t)) => canon(g) == canon(t),
        (Some(g), None) => comparator == "decrease_by" && canon(g) != "%",
        (None, Some(_)) => false,
    }
}

fn dec(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| s.parse().ok())
}

/// A parsed target with its parent's index (in the flat list) when it is a sub-target.
struct Parsed<'a> {
    target: &'a Target,
    parent: Option<usize>,
    view: View,
}

fn flatten(d: &Directive) -> Vec<Parsed<'_>> {
    fn walk<'a>(t: &'a Target, parent: Option<usize>, out: &mut Vec<Parsed<'a>>) {
        let me = out.len();
        out.push(Parsed {
            target: t,
            parent,
            view: gold_view(t),
        });
        for s in &t.sub_targets {
            walk(s, Some(me), out);
        }
    }
    let mut out = Vec::new();
    for it in &d.items {
        for t in &it.targets {
            walk(t, None, &mut out);
        }
    }
    out
}

#[derive(Default, Debug, Clone, Copy)]
struct Score {
    gold: usize,
    found: usize,
    right: usize,
    false_positives: usize,
}

/// Aligns gold targets with parsed ones by value, in text order: for each gold target the
/// first unused parsed target with the same value at or after the previous match, else the
/// first unused one anywhere. Qualitative targets align with qualitative targets in order.
fn align(gold: &[Value], parsed: &[Parsed]) -> Vec<Option<usize>> {
    let mut used = vec![false; parsed.len()];
    let mut last = 0usize;
    let mut out = Vec::new();
    for g in gold {
        let gv = dec(&g["value"]);
        let gc = g["comparator"].as_str().unwrap_or("");
        let valueless = matches!(gc, "qualitative" | "reference") && gv.is_none();
        let fits = |p: &Parsed| {
            if valueless {
                p.view.comparator == gc
            } else {
                p.view.value.is_some() && p.view.value == gv
            }
        };
        let pick = (last..parsed.len())
            .find(|&k| !used[k] && fits(&parsed[k]))
            .or_else(|| (0..parsed.len()).find(|&k| !used[k] && fits(&parsed[k])));
        if let Some(k) = pick {
            used[k] = true;
            last = k + 1;
        }
        out.push(pick);
    }
    out
}

fn mismatches(
    g: &Value,
    p: &Parsed,
    gold: &[Value],
    matched_gold_of: &[Option<usize>],
) -> Vec<String> {
    let mut out = Vec::new();
    let v = &p.view;
    let gc = g["comparator"].as_str().unwrap_or("");
    // "có thêm N" (increase_by) is a flow count or amount with "at least N" in the model.
    let added = gc == "increase_by" && v.flow && v.comparator == "ge";
    if v.comparator != gc && !added {
        out.push(format!("comparator {} (gold {gc})", v.comparator));
    }
    if v.value_max != dec(&g["value_max"]) {
        out.push(format!(
            "value_max {:?} (gold {})",
            v.value_max, g["value_max"]
        ));
    }
    let gscale = g["scale"].as_str().map(|s| s.replace("tỉ", "tỷ"));
    if v.scale != gscale {
        out.push(format!("scale {:?} (gold {:?})", v.scale, gscale));
    }
    if !matches!(gc, "qualitative" | "reference")
        && !same_unit(g["unit"].as_str(), v.unit.as_deref(), gc)
    {
        out.push(format!("unit {:?} (gold {})", v.unit, g["unit"]));
    }
    if v.per_year != g["per_year"].as_bool().unwrap_or(false) {
        out.push(format!("per_year {} (gold {})", v.per_year, g["per_year"]));
    }
    // Parent: the gold names its parent by label or by name; the parsed parent must be the
    // target aligned with a gold target of that label (or name).
    let gp = g["parent"].as_str();
    let parsed_parent_gold = p
        .parent
        .and_then(|k| matched_gold_of.get(k).copied().flatten());
    match (gp, p.parent) {
        (None, None) => {}
        (Some(want), Some(_)) => {
            let ok = parsed_parent_gold.is_some_and(|gi| {
                let pg = &gold[gi];
                pg["name"] == want || pg["label"] == want
            });
            if !ok {
                out.push(format!(
                    "parent {:?} (gold {want:?})",
                    p.parent.map(|_| "another target")
                ));
            }
        }
        (Some(want), None) => out.push(format!("no parent (gold {want:?})")),
        (None, Some(_)) => out.push("a sub-target (gold: none)".into()),
    }
    out
}

fn score_file(dir: &Path, name: &str, detail: bool) -> Score {
    let raw = std::fs::read_to_string(dir.join(name)).unwrap();
    let gold_path = dir.join(name.replace(".txt", ".json"));
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    let gold = gold["targets"].as_array().unwrap().clone();
    let (text, _year) = document_text(&raw);
    let out = parse_directive(text);
    for d in &out.diagnostics {
        assert!(text.get(d.start..d.end).is_some(), "{name}: {d:?}");
    }
    let parsed = flatten(&out.directive);
    let al = align(&gold, &parsed);
    let mut gold_of = vec![None; parsed.len()];
    for (gi, m) in al.iter().enumerate() {
        if let Some(k) = m {
            gold_of[*k] = Some(gi);
        }
    }
    let mut s = Score {
        gold: gold.len(),
        ..Score::default()
    };
    for (gi, g) in gold.iter().enumerate() {
        match al[gi] {
            Some(k) => {
                s.found += 1;
                let m = mismatches(g, &parsed[k], &gold, &gold_of);
                if m.is_empty() {
                    s.right += 1;
                } else if detail {
                    println!(
                        "  {name} {:?} {:?}: {}",
                        g["label"].as_str().unwrap_or("-"),
                        g["name"].as_str().unwrap_or(""),
                        m.join("; ")
                    );
                }
            }
            None => {
                if detail {
                    println!(
                        "  {name} MISSED {:?} {} {}",
                        g["name"].as_str().unwrap_or(""),
                        g["comparator"],
                        g["value"]
                    );
                }
            }
        }
    }
    for (k, p) in parsed.iter().enumerate() {
        if gold_of[k].is_none() {
            s.false_positives += 1;
            if detail {
                println!(
                    "  {name} FALSE POSITIVE {:?} {} {:?}",
                    p.target.name, p.view.comparator, p.view.value
                );
            }
        }
    }
    s
}

fn heldout_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/texts/heldout")
}

fn files() -> Vec<String> {
    files_in(&corpus_dir())
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    v.sort();
    v
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        a as f64 * 100.0 / b as f64
    }
}

#[test]
fn corpus_score() {
    let detail = std::env::var("THIDUA_CORPUS_DETAIL").ok();
    // "odd" / "even" restrict the detail (and the table) to one half of the corpus.
    let half = |n: &str| -> bool {
        let k: u32 = n[..2].parse().unwrap_or(0);
        match detail.as_deref() {
            Some("odd") => k % 2 == 1,
            Some("even") => k % 2 == 0,
            _ => true,
        }
    };
    let mut total = Score::default();
    let mut halves: BTreeMap<&str, Score> = BTreeMap::new();
    println!("| file | targets | values found | fully right | false positives |");
    println!("|---|---:|---:|---:|---:|");
    for f in files() {
        let s = score_file(&corpus_dir(), &f, detail.is_some() && half(&f));
        println!(
            "| {} | {} | {} | {} | {} |",
            &f[..f.len() - 4],
            s.gold,
            s.found,
            s.right,
            s.false_positives
        );
        let k: u32 = f[..2].parse().unwrap_or(0);
        let h = halves
            .entry(if k % 2 == 1 { "odd" } else { "even" })
            .or_default();
        for (t, x) in [(&mut total, s), (h, s)] {
            t.gold += x.gold;
            t.found += x.found;
            t.right += x.right;
            t.false_positives += x.false_positives;
        }
    }
    for (name, s) in halves.iter().map(|(k, v)| (*k, *v)).chain([("all", total)]) {
        println!(
            "| **{name}** | {} | {} ({:.1} %) | {} ({:.1} %) | {} |",
            s.gold,
            s.found,
            pct(s.found, s.gold),
            s.right,
            pct(s.right, s.gold),
            s.false_positives
        );
    }
    assert!(pct(total.found, total.gold) >= FLOOR_FOUND, "{total:?}");
    assert!(pct(total.right, total.gold) >= FLOOR_RIGHT, "{total:?}");
    assert!(
        total.false_positives.saturating_sub(MAX_FALSE_POSITIVES) == 0,
        "{total:?}"
    );
}

/// One text's stated metadata: file prefix, kind, issuer, coverage years, publication date.
type StatedMetadata = (
    &'static str,
    &'static str,
    &'static str,
    Option<(i32, Option<i32>)>,
    Option<&'static str>,
);

/// What each text states about itself (not the corpus author's `issuer:` line, which also
/// uses the web page): kind, issuer, coverage years, publication date. `None` where the text
/// does not say (the parser must then leave the field empty, never guess).
const METADATA: &[StatedMetadata] = &[
    ("01", "resolution", "Quốc hội", Some((2024, None)), None),
    (
        "02",
        "other",
        "Quốc hội",
        Some((2021, None)),
        Some("2021-01-04"),
    ),
    ("03", "resolution", "", Some((2021, Some(2025))), None),
    ("04", "other", "", Some((2022, None)), None),
    ("05", "other", "", Some((2020, Some(2025))), None),
    ("06", "other", "Đảng bộ xã", Some((2020, Some(2025))), None),
    ("07", "other", "UBND tỉnh", Some((2024, None)), None),
    (
        "08",
        "other",
        "",
        Some((2021, Some(2025))),
        Some("2020-10-15"),
    ),
    ("09", "other", "", Some((2021, Some(2025))), None),
    ("10", "resolution", "Đảng bộ huyện Thanh Hà", None, None),
    ("11", "other", "", None, None),
    ("12", "other", "", Some((2021, Some(2030))), None),
    ("13", "plan", "", Some((2022, None)), None),
    (
        "14",
        "other",
        "Đảng bộ xã Nhơn Sơn",
        Some((2020, Some(2025))),
        None,
    ),
    (
        "15",
        "resolution",
        "Đảng bộ tỉnh",
        Some((2006, Some(2010))),
        None,
    ),
    ("16", "other", "", Some((2017, None)), None),
    ("17", "other", "UBND tỉnh", Some((2024, None)), None),
    (
        "18",
        "other",
        "UBND huyện Ba Tơ",
        Some((2023, None)),
        Some("2023-03-22"),
    ),
    (
        "19",
        "decision",
        "Chủ tịch UBND tỉnh Thanh Hóa",
        Some((2022, Some(2025))),
        None,
    ),
    ("20", "other", "", None, None),
];

#[test]
fn corpus_metadata() {
    let mut same_year = 0;
    let mut stated = 0;
    for f in files() {
        let raw = std::fs::read_to_string(corpus_dir().join(&f)).unwrap();
        let (text, annotated_year) = document_text(&raw);
        let d = parse_directive(text).directive;
        let &(_, kind, issuer, years, published) =
            METADATA.iter().find(|m| f.starts_with(m.0)).unwrap();
        assert_eq!(serde_json::to_value(d.kind).unwrap(), kind, "{f}: kind");
        assert_eq!(d.issuer.name, issuer, "{f}: issuer");
        let got = (d.coverage.year != 0).then_some((d.coverage.year, d.coverage.until_year));
        assert_eq!(got, years, "{f}: coverage");
        assert_eq!(
            d.published.map(|p| p.to_string()).as_deref(),
            published,
            "{f}: published"
        );
        if let Some((y, _)) = got {
            stated += 1;
            if Some(y) == annotated_year {
                same_year += 1;
            }
        }
    }
    // Where the text states a year, it is the corpus author's year (from the web page).
    println!("year stated in {stated}/20 texts, equal to the corpus year in {same_year}");
    assert_eq!(same_year, stated);
}

/// Held-out floors: the share of values found and fully right on the invented held-out texts
/// (`tests/texts/heldout/`), and the false positives allowed there. The first, blind score is
/// in `docs/parsing.md`; these floors are the level reached after general fixes.
const HELDOUT_FLOOR_FOUND: f64 = 100.0;
const HELDOUT_FLOOR_RIGHT: f64 = 100.0;
const HELDOUT_MAX_FALSE_POSITIVES: usize = 0;
/// Held-out metadata fields allowed wrong (45 of 59 right in the blind run; 61 of 61 now).
const HELDOUT_MAX_METADATA_WRONG: usize = 0;

/// One held-out set (its folder under `tests/texts/` and its label in the printed tables) and
/// its floors: shares of values found and fully right, false positives and metadata fields
/// wrong allowed.
struct Floors {
    folder: &'static str,
    label: &'static str,
    found: f64,
    right: f64,
    false_positives: usize,
    metadata_wrong: usize,
}

const HELDOUT: Floors = Floors {
    folder: "heldout",
    label: "held-out",
    found: HELDOUT_FLOOR_FOUND,
    right: HELDOUT_FLOOR_RIGHT,
    false_positives: HELDOUT_MAX_FALSE_POSITIVES,
    metadata_wrong: HELDOUT_MAX_METADATA_WRONG,
};

/// The second held-out set (`tests/texts/heldout-2/`), written blind after the first was used
/// for tuning. Its blind score (68/100 values found, 54 fully right, 20 false positives, 10 of
/// 67 metadata fields wrong) is in its README and in `docs/parsing.md`; these floors are the
/// level now, and may only rise (after general rules: 100 found, 98 fully right, 0 false
/// positives, metadata 0 of 69 wrong — tuned on the set, so no longer a blind figure).
const HELDOUT_2: Floors = Floors {
    folder: "heldout-2",
    label: "held-out 2",
    found: 100.0,
    right: 98.0,
    false_positives: 0,
    metadata_wrong: 0,
};

/// The third held-out set (`tests/texts/heldout-3/`, 112 targets), written blind after the
/// second was used for tuning. Its floors are its blind score (first run, on the parser of
/// commit e455f0a: 94 of 112 values found, 76 fully right, 25 false positives, 12 of 74
/// metadata fields wrong — in its README and in `docs/parsing.md`), and may only rise. After
/// general fixes (tables in columns of spaces, "Chỉ tiêu 1:" and "2.1." labels, status-quo
/// and purpose sections, "Hằng năm" opening an item, age ranges and grades inside names,
/// header metadata) and the second set's rules merged in: 110 found, 99 fully right, 8 false
/// positives, 2 of 74 metadata fields wrong; after the general rules of branch `parser4`
/// (figures inside names, one figure for several indicators, restated headlines and quotes,
/// a dash for a missing figure, repeated headers in other words, wrapped units, verb chains,
/// a council's term) and of branch `parser5` (the fourth set's rules): 112 found, 109 fully
/// right, 0 false positives, 0 of 74 wrong — no longer a blind score.
const HELDOUT_3: Floors = Floors {
    folder: "heldout-3",
    label: "held-out 3",
    found: 100.0,
    right: 97.3,
    false_positives: 0,
    metadata_wrong: 0,
};

/// The fourth held-out set (`tests/texts/heldout-4/`, 114 targets), written blind after the
/// third was used for tuning. Its floors are its blind score (first run, on the parser of
/// commit bc5b46a: 85 of 114 values found, 70 fully right, 38 false positives, 5 of 74
/// metadata fields wrong — see its README and `docs/parsing.md`), and may only rise. After
/// general fixes (HTML tables with empty lines as empty cells, scoring guides, the plan year
/// opening a sentence, PDF copies with wrapped values, footnotes and running headers, action
/// verbs, header metadata): 114 found, 103 fully right, 4 false positives, 0 of 74 metadata
/// fields wrong — no longer a blind score. After the rules of the fifth and sixth sets
/// (quotations and star ratings in names, "duy trì ổn định", counted nouns of several
/// syllables): 106 fully right, 2 false positives; 107 after CSV and Markdown exports.
const HELDOUT_4: Floors = Floors {
    folder: "heldout-4",
    label: "held-out 4",
    found: 100.0,
    right: 93.8,
    false_positives: 2,
    metadata_wrong: 0,
};

/// The fifth held-out set (`tests/texts/heldout-5/`, 116 targets), written blind while the
/// fourth was used for tuning; nobody tuned on it. Its floors are its blind score on the
/// parser of commit bc5b46a (92 of 116 values found, 78 fully right, 20 false positives, 10 of
/// 78 metadata fields wrong — see its README and `docs/parsing.md`). After the rules of the
/// third and fourth sets were merged (made without it: 89 / 71 / 20, the second blind figure)
/// and general fixes seen on it (three-level labels, activity headings, a share after "trong
/// đó có", exercise numbers, a figure after a span of months): 97 found, 84 fully right, 12
/// false positives — no longer blind. After general rules seen on it and on the sixth set
/// (targets in brackets, "a." letters, a past period's results section, notes, distribution
/// lists, beneficiaries of a lower-is-better phrase, the header block's lowest body, tab
/// tables with wrapped cells, counted nouns of several syllables): 111 found, 103 fully
/// right, 5 false positives, 3 of 78 metadata fields wrong. May only rise.
const HELDOUT_5: Floors = Floors {
    folder: "heldout-5",
    label: "held-out 5",
    found: 99.1,
    right: 93.9,
    false_positives: 3,
    metadata_wrong: 3,
};

/// The sixth held-out set (`tests/texts/heldout-6/`, 128 targets), written blind by someone
/// who read no parser code, tests or earlier texts. Blind score on the parser of commit
/// 997cdfe: 113 of 128 values found, 102 fully right, 19 false positives, 9 of 74 metadata
/// fields wrong; the same on the fifth set's rules (330adcb, made before it was read: the
/// second blind figure). After general fixes seen on it (pledge tables, the header block's
/// issuer, the addressee line, a plan's basis and general objective, organising paragraphs,
/// past paragraphs, short quotations, star ratings, a lead "phấn đấu:" over bare figures,
/// "duy trì ổn định", counted nouns of several syllables): 126 found, 121 fully right, 7
/// false positives, 1 of 74 wrong — no longer blind. May only rise.
const HELDOUT_6: Floors = Floors {
    folder: "heldout-6",
    label: "held-out 6",
    found: 98.4,
    right: 96.0,
    false_positives: 6,
    metadata_wrong: 0,
};

/// The seventh held-out set (`tests/texts/heldout-7/`, 125 targets), written blind by someone
/// who read no parser code, tests or earlier texts (2 December 2026). Blind score on the parser of
/// commit 438505a: 85 of 125 values found, 71 fully right, 30 false positives, 11 of 73
/// metadata fields wrong. After CSV and Markdown exports were read as plain text (`parse::markup`,
/// a general mechanism, seen on it): 98 found, 84 fully right, 19 false positives, 10 wrong;
/// after blank cells of tab rows, tables with one row per unit and a "Tỷ lệ giảm …" header:
/// 117 found, 103 fully right, 17 false positives; after a lead line "Phấn đấu đến năm 2031:"
/// (no header cell of a one-cell-per-line table, and a lead over the list's bare figures): 123
/// found, 110 fully right, 16 false positives; after the votes of a resolution and "Báo cáo kết
/// quả … năm 2026:" as results: 7 false positives; with more counted nouns of two or three
/// syllables: 113 fully right; after header rules (a header as a Markdown table, a company's
/// one-line header, a mass organisation's block ended by "***" and the place-date line, a
/// report's own kind): 3 of 74 metadata fields wrong; after bounded durations ("tối đa 5 ngày
/// làm việc"), dash chains ("95 - 95 - 95") and rates per a population base ("0,02/1.000
/// dân"): 125 found, 116 fully right, 3 false positives — no longer blind. May only rise.
const HELDOUT_7: Floors = Floors {
    folder: "heldout-7",
    label: "held-out 7",
    found: 100.0,
    right: 96.0,
    false_positives: 2,
    metadata_wrong: 3,
};

/// The eighth held-out set (`tests/texts/heldout-8/`, 114 targets), written blind by someone
/// who read no parser code, tests or earlier texts (2 December 2026), after the seventh set
/// was used for tuning. Blind score on the parser of commit 2cda4ca (with the seventh set's
/// rules): 101 of 114 values found, 61 fully right, 75 false positives, 15 of 64 metadata
/// fields wrong. After a two-row header with one column per year ("Kế hoạch các năm" over
/// "Năm 2026" … "Năm 2030"): 112 found, 73 fully right, 74 false positives; after chat
/// messages ("1/ …" markers, message headers, reaction counters, questions, "tỷ đ"): 110
/// found, 76 fully right, 57 false positives; after forms (dot leaders, ticked and empty
/// boxes, a closed section's numbered sub-headings): 109 found, 86 fully right, 53 false
/// positives; after slide decks (slide markers, footers split by '|', "KẾT QUẢ NỔI BẬT NĂM
/// 2026" as a results heading, "o" sub-bullets): 44 false positives; after a news page's
/// sidebar headings, equipment ratings ("110 kV") and mixed-case units ("kWh"): 87 fully
/// right, 40 false positives; after tables drawn in a box (rows joined over their lines, the
/// code column "Mã số"): 98 fully right, 10 false positives; after a form's issuer and date: 12
/// of 64 metadata fields wrong — no longer blind. May only rise.
const HELDOUT_8: Floors = Floors {
    folder: "heldout-8",
    label: "held-out 8",
    found: 96.4,
    right: 87.7,
    false_positives: 8,
    metadata_wrong: 11,
};

/// The ninth held-out set (`tests/texts/heldout-9/`, 128 targets), written blind by someone
/// who read no parser code, tests or earlier texts (3 December 2026), in the layouts portals
/// and newspapers use most. Blind score on the parser of commit 390fb68 (the eighth set's
/// rules) and the same on e105efc: 124 of 128 values found, 109 fully right, 16 false
/// positives, 3 of 79 metadata fields wrong. After counted nouns of several syllables (the
/// lexicon, and the same words in the indicator's name), "/doanh nghiệp" denominators, a
/// bracketed level after a decrease ("(còn dưới 1,2%)") and "ổn định ở mức": 125 found, 122
/// fully right; after addressees ("Ủy ban nhân dân 54 xã"), documents passed at a session,
/// news reports of the vote, deadline tasks and agency duties without a figure, a count
/// inside a name ("lúa 2 vụ ổn định …") and work-calendar lines ("Tháng 3 - 4: …"): 3 false
/// positives; after a row opening with '|' in a table without outer bars (an empty first
/// cell): 127 found, 124 fully right — no longer blind. May only rise.
const HELDOUT_9: Floors = Floors {
    folder: "heldout-9",
    label: "held-out 9",
    found: 100.0,
    right: 97.6,
    false_positives: 3,
    metadata_wrong: 1,
};

/// The tenth held-out set (`tests/texts/heldout-10/`, 109 targets), written blind by someone
/// who read no parser code, tests or earlier texts (3 December 2026), in common layouts,
/// while the ninth set was used for tuning. Blind score on the parser of commit 3b0a0de (with
/// the ninth set's rules, made before this set was read): 102 of 109 values found, 95 fully
/// right, 5 false positives, 4 of 74 metadata fields wrong. After general rules seen on its
/// news report (a bracketed estimate no longer makes a paragraph a result, "cao hơn mức X%"
/// is the level compared with, addressees after "và"): 107 found, 100 fully right, 3 false
/// positives — no longer blind. After "trở lên" after the counted noun, "tổ chức"/"đón" as
/// action verbs, "công nhận mới", and a sentence turning at ';' from last year to the plan
/// year: 108 found, 104 fully right, 3 false positives; with "(lũy kế N)" as a target of its
/// own and "tốp 10": 109, 106, 3; with requests ("Đề nghị …") and bodies addressed by
/// "giao … cho 12 Thuế cơ sở" no target: 109, 106, 1. May only rise.
const HELDOUT_10: Floors = Floors {
    folder: "heldout-10",
    label: "held-out 10",
    found: 100.0,
    right: 97.2,
    false_positives: 1,
    metadata_wrong: 2,
};

/// The eleventh held-out set (`tests/texts/heldout-11/`, 119 targets), written blind by
/// someone who read no parser code, tests or earlier texts (3 December 2026), in common
/// layouts, while the tenth set was used for tuning. Blind score on the parser of commit
/// 4217e5d (with the rules of that session made before this set was read): 115 of 119 values
/// found, 106 fully right, 34 false positives (13 of them in a table copied from a PDF one
/// cell per line, whose 2026 plan column was read too; 9 in a resolution's review of
/// 2021 - 2025), 0 of 76 metadata fields wrong. After general rules for tables copied one
/// cell per line (last year's plan beside its estimate is a baseline, a lone page number
/// between rows, a lower-case unit cell before a figure): 118, 110, 21 — no longer blind;
/// with a review section ("I. TÌNH HÌNH", "Giai đoạn 2021 - 2025, …"), event years ("APEC
/// 2027") and the size of what is built ("công suất 20.000 m³/ngày đêm") no target: 118, 110,
/// 12; with road numbers ("Quốc lộ 6, 4G, 37 và 279"), "thời gian … đạt 2,3 ngày" and "sự
/// kiện" as a counted noun: 119, 112, 9; with "giải ngân" an action, "bảo hiểm thất nghiệp"
/// no lower-is-better and "… dài 28,6 km" the size of a road: 119, 114, 8; with a clause of
/// its own year after ';' and "hiện có 45 xã": 119, 114, 5. May only rise.
const HELDOUT_11: Floors = Floors {
    folder: "heldout-11",
    label: "held-out 11",
    found: 100.0,
    right: 95.7,
    false_positives: 5,
    metadata_wrong: 0,
};

/// Every held-out set, oldest first.
const HELD_OUT_SETS: &[&Floors] = &[
    &HELDOUT,
    &HELDOUT_2,
    &HELDOUT_3,
    &HELDOUT_4,
    &HELDOUT_5,
    &HELDOUT_6,
    &HELDOUT_7,
    &HELDOUT_8,
    &HELDOUT_9,
    &HELDOUT_10,
    &HELDOUT_11,
];

/// The failures of `check` over every held-out set (or only `THIDUA_HELDOUT`); every set is
/// printed before any failure is reported.
fn each_set(check: fn(&Floors) -> Result<(), String>) -> Vec<String> {
    let only = std::env::var("THIDUA_HELDOUT").ok();
    HELD_OUT_SETS
        .iter()
        .filter(|f| only.as_deref().is_none_or(|o| o == f.folder))
        .filter_map(|f| check(f).err())
        .collect()
}

/// Every held-out set scored against its floors.
#[test]
fn heldout_scores() {
    let failures = each_set(held_out_score);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The metadata of every held-out set against its floor.
#[test]
fn heldout_metadata() {
    let failures = each_set(held_out_metadata);
    assert!(failures.is_empty(), "{failures:#?}");
}

fn held_out_score(floors: &Floors) -> Result<(), String> {
    let dir = &heldout_dir().with_file_name(floors.folder);
    let name = floors.label;
    let detail = std::env::var("THIDUA_CORPUS_DETAIL").is_ok();
    let mut total = Score::default();
    println!("| {name} file | targets | values found | fully right | false positives |");
    println!("|---|---:|---:|---:|---:|");
    for f in files_in(dir) {
        let s = score_file(dir, &f, detail);
        println!(
            "| {} | {} | {} | {} | {} |",
            &f[..f.len() - 4],
            s.gold,
            s.found,
            s.right,
            s.false_positives
        );
        total.gold += s.gold;
        total.found += s.found;
        total.right += s.right;
        total.false_positives += s.false_positives;
    }
    println!(
        "| **{name}** | {} | {} ({:.1} %) | {} ({:.1} %) | {} |",
        total.gold,
        total.found,
        pct(total.found, total.gold),
        total.right,
        pct(total.right, total.gold),
        total.false_positives
    );
    let holds = total.gold >= 80
        && pct(total.found, total.gold) >= floors.found
        && pct(total.right, total.gold) >= floors.right
        && total.false_positives <= floors.false_positives;
    if holds {
        Ok(())
    } else {
        Err(format!("{name}: {total:?} below its floors"))
    }
}

/// An issuer name as compared by the scorer (a scoring convention, not a parser rule): lower
/// case, with the standard abbreviations written out on both sides the same way — "Hội đồng
/// nhân dân" and "HĐND", "Ủy ban nhân dân" (also "Uỷ") and "UBND" are the same body, so
/// "HĐND phường Hòa Khánh" matches the gold "Hội đồng nhân dân phường Hòa Khánh".
fn issuer_key(name: &str) -> String {
    name.to_lowercase()
        .replace("hội đồng nhân dân", "hđnd")
        .replace("ủy ban nhân dân", "ubnd")
        .replace("uỷ ban nhân dân", "ubnd")
}

/// The metadata each held-out text states (its gold's `metadata`): kind, own number, issuer
/// (the gold name contained in the parsed one, abbreviations normalised by [`issuer_key`]),
/// locality, issue date, coverage, legal bases. Prints every difference; fails when more than `floors.metadata_wrong` are wrong.
fn held_out_metadata(floors: &Floors) -> Result<(), String> {
    let dir = &heldout_dir().with_file_name(floors.folder);
    let name = floors.label;
    let mut wrong = Vec::new();
    let mut fields = 0;
    for f in files_in(dir) {
        let raw = std::fs::read_to_string(dir.join(&f)).unwrap();
        let (text, _) = document_text(&raw);
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(f.replace(".txt", ".json"))).unwrap(),
        )
        .unwrap();
        let m = &gold["metadata"];
        let d = parse_directive(text).directive;
        let mut check = |field: &str, ok: bool, got: String| {
            fields += 1;
            if !ok {
                wrong.push(format!("{f}: {field} = {got} (gold {})", m[field]));
            }
        };
        let kind = serde_json::to_value(d.kind).unwrap();
        check("kind", kind == m["kind"], kind.to_string());
        check(
            "number",
            d.number.as_deref() == m["number"].as_str(),
            format!("{:?}", d.number),
        );
        let issuer_ok = match m["issuer"].as_str() {
            Some(want) => issuer_key(&d.issuer.name).contains(&issuer_key(want)),
            None => d.issuer.name.is_empty(),
        };
        check("issuer", issuer_ok, format!("{:?}", d.issuer.name));
        if !m["locality"].is_null() {
            check(
                "locality",
                d.issuer.locality.as_deref() == m["locality"].as_str(),
                format!("{:?}", d.issuer.locality),
            );
        }
        let issued = d.issued.map(|x| x.to_string());
        check(
            "issued",
            issued.as_deref() == m["issued"].as_str(),
            format!("{issued:?}"),
        );
        check(
            "year",
            Some(i64::from(d.coverage.year)) == m["year"].as_i64(),
            d.coverage.year.to_string(),
        );
        check(
            "until_year",
            d.coverage.until_year.map(i64::from) == m["until_year"].as_i64(),
            format!("{:?}", d.coverage.until_year),
        );
        let bases: Vec<&str> = d.legal_bases.iter().map(|b| b.number.as_str()).collect();
        for want in m["legal_bases"].as_array().unwrap() {
            let want = want.as_str().unwrap();
            check(
                "legal_bases",
                bases.contains(&want),
                format!("{bases:?} lacks {want}"),
            );
        }
        if let Some(own) = d.number.as_deref() {
            check(
                "legal_bases",
                !bases.contains(&own),
                format!("own number {own} also a basis"),
            );
        }
    }
    for w in &wrong {
        println!("  {w}");
    }
    println!(
        "{name} metadata: {} of {fields} fields right",
        fields - wrong.len()
    );
    if wrong.len() <= floors.metadata_wrong {
        Ok(())
    } else {
        Err(format!(
            "{name}: {} metadata fields wrong: {wrong:#?}",
            wrong.len()
        ))
    }
}
