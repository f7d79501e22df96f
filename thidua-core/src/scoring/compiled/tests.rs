//! The compiled scoring path against the row-wise [`score`]: random schemes within the covered
//! subset and random results (every status, missing and not-applicable rows, numbers beyond
//! the kernels), and the shared scoring vectors that fit.

use std::path::Path;

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::engine::BatchEvaluation;
use crate::scoring::{score, RosterEntry, ScoreInput, StageInput};
use crate::{Directive, EvaluationOptions, ResultSet};

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn kon_tum() -> Directive {
    let text = std::fs::read_to_string(root().join("docs/examples/002_kon-tum-2024.json"));
    Directive::from_json(&text.unwrap()).unwrap()
}

/// A small deterministic generator (a case is a seed; the JSON it builds is printed on failure).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A value for target `id` of the Kon Tum directive: mostly around its target, with the
/// given number of decimals; sometimes far beyond (a % of plan beyond the kernels).
fn value(rng: &mut Rng, id: &str) -> Value {
    let (lo, hi, int) = match id {
        "1" => ("-5", "20", false),
        "2" => ("40", "90", false),
        "3" => ("3000", "6000", false),
        "4" => ("200", "500", true),
        "5" => ("200", "400", false),
        "6" => ("0", "3", true),
        "7" => ("40", "80", false),
        "9" => ("30", "50", false),
        "10" => ("80", "100", false),
        "11a" | "11b" => ("70", "100", false),
        "13" => ("0", "10", true),
        _ => ("1", "3", false),
    };
    if !int && rng.chance(2) {
        return json!("123456789012345678901234.5");
    }
    let (lo, hi) = (d(lo), d(hi));
    let f = Decimal::from(rng.below(2001)) / Decimal::from(2000);
    let scale = if int { 0 } else { rng.below(4) as u32 };
    let v = (lo + (hi - lo) * f).round_dp(scale);
    json!(v.to_string())
}

fn row(rng: &mut Rng, unit: &str, id: &str) -> Option<Value> {
    if rng.chance(8) {
        return None;
    }
    if rng.chance(5) {
        return Some(json!({"unit": unit, "target": id, "period": "2024", "not_applicable": true}));
    }
    Some(match id {
        "8" => {
            let v = d("15") - Decimal::from(rng.below(60)) / Decimal::from(10);
            json!({"unit": unit, "target": id, "period": "2024", "value": v.to_string(), "baseline": "15"})
        }
        id if id.starts_with("12") => {
            let b = 30 + rng.below(10);
            let v = 20 + rng.below(25);
            json!({"unit": unit, "target": id, "period": "2024", "value": v, "baseline": b})
        }
        _ => json!({"unit": unit, "target": id, "period": "2024", "value": value(rng, id)}),
    })
}

const IDS: [&str; 19] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11a", "11b", "12a", "12b", "12c", "12d",
    "13", "14", "1",
];

fn policy(rng: &mut Rng) -> Value {
    let p = ["zero", "exclude_and_renormalise", "ineligible"];
    if rng.chance(50) {
        let k = 1 + rng.below(3) as usize;
        json!(rng.pick(&p[..k]))
    } else {
        json!({"no_data": rng.pick(&p), "not_applicable": rng.pick(&p)})
    }
}

fn rule(rng: &mut Rng, max: Decimal) -> Value {
    match rng.below(5) {
        0 => {
            json!({"kind": "proportional", "full_at": rng.pick(&["100", "120", "95.5", "110", "133"])})
        }
        1 => match rng.pick(&[None, Some("95"), Some("99.5"), Some("100")]) {
            None => json!({"kind": "all_or_nothing"}),
            Some(a) => json!({"kind": "all_or_nothing", "accept_ratio_at_least": a}),
        },
        2 => {
            let ats = ["80", "90", "95.5", "100", "110"];
            let n = 1 + rng.below(3) as usize;
            let start = rng.below((ats.len() - n + 1) as u64) as usize;
            let fr = ["0.25", "0.5", "0.75", "1"];
            let mut f = 0usize;
            let steps: Vec<Value> = (0..n)
                .map(|k| {
                    f = (f + rng.below(2) as usize).min(fr.len() - 1);
                    let p = (max * d(fr[f])).normalize();
                    json!({"at_least": ats[start + k], "points": p.to_string()})
                })
                .collect();
            if rng.chance(30) {
                json!({"kind": "steps", "steps": steps, "below": "0"})
            } else {
                json!({"kind": "steps", "steps": steps})
            }
        }
        3 => {
            json!({"kind": "linear", "on": "ratio", "from": rng.pick(&["50", "80", "90.5"]), "to": rng.pick(&["100", "105.5", "120"])})
        }
        _ => {
            let (f, t) = *rng.pick(&[("0", "3"), ("1.5", "20"), ("10", "-2"), ("300", "100")]);
            json!({"kind": "linear", "on": "value", "from": f, "to": t})
        }
    }
}

/// A random scheme within the covered subset, over the Kon Tum targets.
fn scheme(rng: &mut Rng) -> Value {
    let mut sum = Decimal::ZERO;
    let mut sections = Vec::new();
    let mut ids = Vec::new();
    for s in 0..1 + rng.below(3) {
        let mut criteria = Vec::new();
        for _ in 0..1 + rng.below(5) {
            let id = format!("C{}", ids.len());
            let max = d(rng.pick::<&str>(&["10", "2.4", "60", "7.5", "100", "0.333"]));
            let weight = d(rng.pick::<&str>(&["1", "1", "2", "0.5", "1.5"]));
            sum += max * weight;
            let n = 1 + usize::from(rng.chance(30)) + usize::from(rng.chance(15));
            let mut targets: Vec<&str> = Vec::new();
            while targets.len() < n {
                let t = *rng.pick(&IDS);
                if !targets.contains(&t) {
                    targets.push(t);
                }
            }
            let mut c = json!({"id": id, "name": id, "max": max.to_string(), "targets": targets, "rule": rule(rng, max)});
            if rng.chance(12) {
                c = json!({"id": id, "name": id, "max": max.to_string(), "rule": {"kind": "council"}});
            }
            if weight != Decimal::ONE {
                c["weight"] = json!(weight.to_string());
            }
            if n > 1 && c.get("targets").is_some() {
                c["combine"] = json!(rng.pick(&["mean", "min"]));
            }
            if rng.chance(20) {
                c["missing_result"] = policy(rng);
            }
            ids.push(id);
            criteria.push(c);
        }
        sections.push(json!({"id": format!("S{s}"), "name": "Phần", "criteria": criteria}));
    }
    let mut bonus =
        json!({"fixed": [{"id": "co", "label_vi": "Cờ", "label_en": "flag", "points": "2"}]});
    if rng.chance(50) {
        let mut e = json!({"points_per_percent": rng.pick(&["0.5", "0.25", "1", "0.125"])});
        if rng.chance(60) {
            e["cap_per_target"] = json!(rng.pick(&["5", "2.5", "0.3"]));
        }
        let with_targets: Vec<&Value> = sections
            .iter()
            .flat_map(|s| s["criteria"].as_array().unwrap())
            .filter(|c| c.get("targets").is_some())
            .collect();
        if let (true, Some(c)) = (rng.chance(40), with_targets.first()) {
            e["criteria"] = json!([c["id"]]);
        }
        bonus["exceeding"] = e;
    }
    let mut scale = sum;
    if rng.chance(40) {
        let m = d(rng.pick::<&str>(&["3", "50", "0.75"]));
        bonus["max_total"] = json!(m.to_string());
        scale += m;
    }
    let tbs = [
        json!({"kind": "targets_exceeded"}),
        json!({"kind": "targets_met_or_exceeded"}),
        json!({"kind": "section_subtotal", "section": "S0"}),
        json!({"kind": "criterion_points", "criterion": ids[ids.len() - 1]}),
        json!({"kind": "fewer_penalty_points"}),
    ];
    let mut tie_breakers = Vec::new();
    for t in &tbs {
        if rng.chance(35) {
            tie_breakers.push(t.clone());
        }
    }
    let fr = [("0.9", "85"), ("0.7", "70"), ("0.5", "50"), ("0.2", "10")];
    let mut bands = Vec::new();
    let with_total = rng.chance(80);
    let with_percent = !with_total || rng.chance(40);
    for (k, (t, p)) in fr.iter().enumerate().take(rng.below(4) as usize) {
        let mut b = json!({"id": format!("b{k}"), "label_vi": "b", "label_en": "b"});
        if with_total {
            b["min_total"] = json!((scale * d(t)).round_dp(3).to_string());
        }
        if with_percent {
            b["min_criterion_percent"] = json!(p);
        }
        bands.push(b);
    }
    bands.push(json!({"id": "last", "label_vi": "l", "label_en": "l"}));
    json!({
        "name": "ngẫu nhiên", "scale": scale.normalize().to_string(),
        "rounding": {"digits": rng.pick(&[0, 1, 2, 3, 3, 4, 10]), "mode": rng.pick(&["half_away_from_zero", "half_even", "down", "up"])},
        "missing_result": policy(rng), "sections": sections, "bonus": bonus,
        "penalties": [{"id": "p", "label_vi": "p", "label_en": "p", "points": "1"},
            {"id": "p2", "label_vi": "p", "label_en": "p", "points": "0.25"}],
        "tie_breakers": tie_breakers,
        "classification": {"basis": rng.pick(&["total", "criteria_total"]), "bands": bands},
    })
}

/// A stage's council points, bonuses and penalties for the units of `roster`.
fn extras(rng: &mut Rng, scheme: &Value, roster: &[Value]) -> Value {
    let (mut council, mut bonuses, mut penalties) = (Vec::new(), Vec::new(), Vec::new());
    for r in roster {
        let unit = &r["unit"];
        for s in scheme["sections"].as_array().unwrap() {
            for c in s["criteria"].as_array().unwrap() {
                if c["rule"]["kind"] == "council" && rng.chance(80) {
                    let max = d(c["max"].as_str().unwrap());
                    let f = Decimal::from(rng.below(1001)) / Decimal::from(1000);
                    let p = (max * f).round_dp_with_strategy(
                        rng.below(4) as u32,
                        rust_decimal::RoundingStrategy::ToZero,
                    );
                    council
                        .push(json!({"unit": unit, "criterion": c["id"], "points": p.to_string()}));
                }
            }
        }
        for id in ["co", "co2"] {
            if rng.chance(15) {
                bonuses.push(json!({"unit": unit, "id": id}));
            }
        }
        for id in ["p", "p2"] {
            if rng.chance(15) {
                penalties.push(json!({"unit": unit, "id": id, "note": "năm 2024"}));
            }
        }
    }
    json!({"stage": "board_appraisal", "council_points": council, "bonuses": bonuses, "penalties": penalties})
}

/// A random case: the scheme, the rows and the roster.
fn case(seed: u64) -> (Value, Vec<Value>, Vec<Value>) {
    let mut rng = Rng(seed | 1);
    let scheme = scheme(&mut rng);
    let units = 1 + rng.below(14);
    let groups = 1 + rng.below(3);
    let mut rows = Vec::new();
    let mut roster = Vec::new();
    for u in 0..units {
        let name = format!("Đơn vị {u:02}");
        // Repeated rows of one result make identical scorecards: ties.
        let mut r2 = Rng(if rng.chance(30) { 7 } else { rng.next() | 1 });
        for id in &IDS[..18] {
            rows.extend(row(&mut r2, &name, id));
        }
        roster
            .push(json!({"unit": name, "group": format!("Cụm {}", u % groups), "kind": "cluster"}));
    }
    if rng.chance(3) {
        roster.push(json!({"unit": "Không có số liệu", "group": "Cụm 0", "kind": "cluster"}));
    }
    if rng.chance(3) {
        roster.pop();
    }
    (scheme, rows, roster)
}

/// What both paths are compared on, per unit: total (value and scale), criteria total,
/// criterion points, band, rank, tied — or the error.
/// One unit as compared: unit, total, criteria total, criterion points, band, rank, tied.
type UnitSeen = (
    String,
    String,
    String,
    Vec<Option<String>>,
    Option<String>,
    Option<u32>,
    bool,
);
type Seen = Result<Vec<UnitSeen>, String>;

fn show(e: crate::Error) -> String {
    format!("{}: {e}", e.code())
}

fn exact(x: Decimal) -> String {
    format!("{x} (scale {})", x.scale())
}

fn row_wise(
    scheme: &Scheme,
    d: &Directive,
    batch: &BatchEvaluation,
    roster: &[RosterEntry],
    stage: &StageInput,
) -> Seen {
    let mut stage = stage.clone();
    stage.evaluation = Some(batch.to_evaluation());
    let input: ScoreInput = serde_json::from_value(json!({
        "scheme": scheme, "directive": d, "roster": roster, "stages": [stage]}))
    .unwrap();
    let rep = score(&input).map_err(show)?;
    Ok(roster
        .iter()
        .map(|r| {
            let u = rep.unit(&r.unit).unwrap();
            let c = u.final_card().unwrap();
            (
                r.unit.clone(),
                exact(c.total),
                exact(c.criteria_total),
                c.criteria.iter().map(|x| x.points.map(exact)).collect(),
                u.band.as_ref().map(|b| b.band.clone()),
                u.rank,
                u.tied,
            )
        })
        .collect())
}

fn compiled(
    cs: &CompiledScheme,
    batch: &BatchEvaluation,
    roster: &[RosterEntry],
    stage: &StageInput,
) -> (Seen, usize) {
    match cs.score_stage(batch, roster, Some(stage), None) {
        Err(e) => (Err(show(e)), 0),
        Ok(s) => (Ok(seen(&s)), s.row_wise_units()),
    }
}

fn seen(s: &BatchScores) -> Vec<UnitSeen> {
    let nc = s.criterion_ids().len();
    (0..s.len())
        .map(|u| {
            (
                s.units()[u].clone(),
                exact(s.total(u).unwrap()),
                exact(s.criteria_total(u).unwrap()),
                (0..nc).map(|c| s.points(u, c).map(exact)).collect(),
                s.band(u).map(str::to_string),
                s.rank(u),
                s.tied(u),
            )
        })
        .collect()
}

/// Both paths on one case; the number of units the compiled path scored row-wise.
fn compare(
    scheme: &Value,
    rows: Vec<Value>,
    roster: &Value,
    stage: &Value,
) -> Result<usize, TestCaseError> {
    let dir = kon_tum();
    let stage: StageInput = serde_json::from_value(stage.clone()).unwrap();
    let scheme = Scheme::from_json(&scheme.to_string())
        .map_err(|e| TestCaseError::fail(format!("scheme refused: {e}\n{scheme}")))?;
    let roster: Vec<RosterEntry> = serde_json::from_value(roster.clone()).unwrap();
    let results = ResultSet::from_json(&Value::Array(rows).to_string()).unwrap();
    let cd = crate::engine::CompiledDirective::new(&dir, &EvaluationOptions::default()).unwrap();
    let Ok(batch) = cd.evaluate(&results) else {
        return Ok(0);
    };
    let cs = CompiledScheme::new(&scheme, &cd).unwrap();
    let want = row_wise(&scheme, &dir, &batch, &roster, &stage);
    let (got, fallback) = compiled(&cs, &batch, &roster, &stage);
    prop_assert_eq!(
        got,
        want,
        "scheme {}",
        serde_json::to_string(&scheme).unwrap()
    );
    Ok(fallback)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Random covered schemes and random results: the same totals (value and scale),
    /// criterion points, bands, ranks and ties as `scoring::score`, or the same error.
    #[test]
    fn compiled_equals_rowwise(seed in any::<u64>()) {
        let (scheme, rows, roster) = case(seed);
        let stage = extras(&mut Rng(seed | 3), &scheme, &roster);
        compare(&scheme, rows, &json!(roster), &stage)?;
    }
}

/// Most units of ordinary cases go through the kernels (the differential test would pass
/// trivially if every unit fell back to the row-wise scorecard).
#[test]
fn kernels_take_most_units() {
    let (mut units, mut fallback) = (0, 0);
    for seed in 1..200u64 {
        let (scheme, rows, roster) = case(seed * 7919);
        units += roster.len();
        let stage = extras(&mut Rng(seed | 3), &scheme, &roster);
        fallback += compare(&scheme, rows, &json!(roster), &stage).unwrap();
    }
    assert!(fallback * 4 < units, "{fallback} of {units} units row-wise");
}

/// A scheme beyond the kernels' fixed-point range is refused with a typed error that says so.
#[test]
fn out_of_range_schemes_are_refused() {
    let s = Scheme::from_json(r#"{"name": "x", "scale": "79228162514264337593543950",
      "rounding": {"digits": 2, "mode": "half_even"}, "missing_result": "zero",
      "sections": [{"id": "A", "name": "A", "criteria": [
        {"id": "A1", "name": "a", "max": "79228162514264337593543950", "targets": ["1"], "rule": {"kind": "all_or_nothing"}}]}],
      "classification": {"basis": "total", "bands": [{"id": "k", "label_vi": "k", "label_en": "k"}]}}"#).unwrap();
    assert!(
        matches!(&CompiledScheme::uncovered(&s)[0], Uncovered::Magnitude { location, .. } if location == "sections[0].criteria[0].max")
    );
    let cd =
        crate::engine::CompiledDirective::new(&kon_tum(), &EvaluationOptions::default()).unwrap();
    let e = CompiledScheme::new(&s, &cd).unwrap_err();
    assert_eq!(e.code(), "invalid_scheme");
    assert_eq!(e.to_string(), "invalid scoring scheme at sections[0].criteria[0].max: not covered by the compiled scoring path: the maximum is beyond the fixed-point range; score this scheme with scoring::score");
}

/// Every shared scoring vector whose input the compiled path covers (one stage, no council
/// points, no grants, no exclusions, a directive and raw results): the same numbers.
#[test]
fn fitting_scoring_vectors() {
    let dir = root().join("tests/vectors/scoring");
    let mut compared = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input = crate::scoring::resolve_input_paths(v["input"].clone(), &mut |p: &str| {
            Ok(std::fs::read_to_string(root().join(p)).unwrap())
        })
        .unwrap();
        let Ok(input) = serde_json::from_value::<ScoreInput>(input) else {
            continue;
        };
        let Some(d) = &input.directive else { continue };
        // The final stage (its scorecards do not depend on the earlier ones).
        let Some(stage) = input.stages.last() else {
            continue;
        };
        // Per-unit targets and exclusions are not inputs of the compiled path.
        if !input.exclusions.is_empty() || input.targets.is_some() {
            continue;
        }
        let Some(results) = &stage.results else {
            continue;
        };
        let Ok(cd) = crate::engine::CompiledDirective::new(d, &input.options.unwrap_or_default())
        else {
            continue;
        };
        let cs = match CompiledScheme::new(&input.scheme, &cd) {
            Ok(c) => c,
            Err(e) => {
                // Refused when compiling: the row-wise path's error, word for word.
                let want = score(&input).map(|_| ()).map_err(show);
                assert_eq!(Err(show(e)), want, "{}", path.display());
                compared += 1;
                continue;
            }
        };
        let rs = ResultSet::from_json(&results.to_string()).unwrap();
        let batch = cd.evaluate(&rs).unwrap();
        let mut given = stage.clone();
        given.results = None;
        let want = row_wise(&input.scheme, d, &batch, &input.roster, &given);
        let got = match cs.score_stage(&batch, &input.roster, Some(&given), input.period) {
            Err(e) => Err(show(e)),
            Ok(s) => Ok(seen(&s)),
        };
        assert_eq!(got, want, "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 8, "only {compared} scoring vectors fit");
    eprintln!("{compared} scoring vectors compared");
}

/// The scores as an Arrow batch: one row per unit, exact decimal128 totals, bands as a
/// dictionary, null ranks for units not ranked.
#[cfg(feature = "arrow")]
#[test]
fn arrow_output() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Decimal128Type, UInt16Type, UInt32Type};
    use arrow_array::Array;
    let (scheme, rows, roster) = case(12345);
    let dir = kon_tum();
    let scheme = Scheme::from_json(&scheme.to_string()).unwrap();
    let roster: Vec<RosterEntry> = serde_json::from_value(json!(roster)).unwrap();
    let cd = crate::engine::CompiledDirective::new(&dir, &EvaluationOptions::default()).unwrap();
    let batch = cd
        .evaluate(&ResultSet::from_json(&Value::Array(rows).to_string()).unwrap())
        .unwrap();
    let s = CompiledScheme::new(&scheme, &cd)
        .unwrap()
        .score(&batch, &roster)
        .unwrap();
    let rb = s.to_record_batch(true).unwrap();
    assert_eq!(rb.num_rows(), s.len());
    let total = rb
        .column_by_name("total")
        .unwrap()
        .as_primitive::<Decimal128Type>();
    let rank = rb
        .column_by_name("rank")
        .unwrap()
        .as_primitive::<UInt32Type>();
    let band = rb
        .column_by_name("band")
        .unwrap()
        .as_dictionary::<UInt16Type>();
    let names = band.values().as_string::<i32>();
    for u in 0..s.len() {
        assert_eq!(total.value_as_string(u), s.total(u).unwrap().to_string());
        assert_eq!(rank.is_valid(u).then(|| rank.value(u)), s.rank(u));
        let b = band
            .is_valid(u)
            .then(|| names.value(band.keys().value(u) as usize));
        assert_eq!(b, s.band(u));
    }
    let first = s.criterion_ids()[0].clone();
    assert!(rb.column_by_name(&format!("points_{first}")).is_some());
}
