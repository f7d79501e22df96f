//! Pins of today's outputs of the award module on the paths the shared vectors do not reach,
//! taken before the long functions were split (#14.6) so that the splits change nothing:
//! every input error of `prepare`/`decide` (code and full message, location included); the
//! quota arithmetic and tie rules the shipped rule sets do not use (a base of candidates or of
//! an approved title, rounding up or half up, ties taking all or none) with their bilingual
//! notes, the decisions' reasons, money and the warnings in order; the scoring's award
//! proposals on the same kinds of rules; every validation error of rule sets and histories;
//! the combinators `all`, `any` and `not` clause by clause. Each pinned text lives in a
//! `pins*.txt` file beside this one.

use serde_json::{json, Value};

use super::*;
use crate::error::{Error, Result};

/// Compares today's text with its pinned file (beside this one); on a difference, names the
/// first differing lines under their `## case`. `THIDUA_BLESS=1` rewrites the file instead,
/// as for the shared vectors: only after reviewing that the change is intended.
fn assert_pinned(file: &str, pinned: &str, got: &str) {
    if got == pinned {
        return;
    }
    if std::env::var_os("THIDUA_BLESS").is_some() {
        let path = format!("{}/src/award/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(&path, got).expect("the pinned file is writable");
        eprintln!("blessed {path}: review it with `git diff`");
        return;
    }
    let mut case = "";
    let mut diff = Vec::new();
    let want = pinned.lines().map(Some).chain(std::iter::repeat(None));
    for (g, w) in got.lines().zip(want) {
        if g.starts_with("## ") {
            case = g;
        }
        if Some(g) != w && diff.len() < 6 {
            diff.push(format!(
                "{case}\n  got  {g}\n  want {}",
                w.unwrap_or("<nothing>")
            ));
        }
    }
    if diff.is_empty() {
        diff.push(format!(
            "{} lines pinned, {} produced",
            pinned.lines().count(),
            got.lines().count()
        ));
    }
    panic!(
        "{file}: today's output differs from the pinned one:\n{}",
        diff.join("\n")
    );
}

/// The eligibility example of `check`: one individual, ND 98, proposed for the provincial title.
fn person() -> Value {
    json!({"date": "2024-12-20", "year": 2024, "rule_sets": ["vn-nd98-2023"],
      "history": {"subjects": [{"id": "Nguyễn Văn Bình", "kind": "individual", "records_from": 2021}],
        "titles": [{"subject": "Nguyễn Văn Bình", "year": 2023, "title": "chien_si_thi_dua_co_so"},
                   {"subject": "Nguyễn Văn Bình", "year": 2024, "title": "chien_si_thi_dua_co_so"}],
        "events": [{"subject": "Nguyễn Văn Bình", "year": 2024, "event": "initiative", "level": "province"}]},
      "candidates": [{"subject": "Nguyễn Văn Bình", "title": "chien_si_thi_dua_tinh"}]})
}

/// The government-flag vector: six districts scored, no history.
fn scored() -> Value {
    let v: Value = serde_json::from_str(include_str!(
        "../../../tests/vectors/awards/government-flag-quota-ties.json"
    ))
    .expect("the vector is JSON");
    v["input"].clone()
}

/// Five individuals with two years of "Chiến sĩ thi đua cơ sở", proposed for the example
/// province's certificate, with the given yes votes (20 members, all present).
fn certificate(yes: &[u32]) -> Value {
    let n = yes.len();
    let subjects: Vec<_> = (0..n)
        .map(|i| {
            json!({"id": format!("p{i}"), "kind": "individual", "records_from": 2018,
            "gender": if i % 2 == 0 { "female" } else { "male" }})
        })
        .collect();
    let mut titles = Vec::new();
    for i in 0..n {
        for y in [2024, 2025] {
            titles.push(
                json!({"subject": format!("p{i}"), "year": y, "title": "chien_si_thi_dua_co_so"}),
            );
        }
    }
    let candidates: Vec<_> = (0..n)
        .map(|i| json!({"subject": format!("p{i}"), "title": "bang_khen_tinh"}))
        .collect();
    let ballots: Vec<_> = yes
        .iter()
        .enumerate()
        .map(|(i, y)| json!({"subject": format!("p{i}"), "title": "bang_khen_tinh", "yes": y}))
        .collect();
    json!({"date": "2025-12-20", "year": 2025,
        "rule_sets": ["vn-nd152-2025", "example-province"],
        "history": {"subjects": subjects, "titles": titles},
        "candidates": candidates, "council": {"members": 20, "present": 20}, "ballots": ballots})
}

/// The example province with its certificate quota replaced by `quota` (other fields kept).
/// A shipped rule set as JSON, to be changed and given inline.
fn shipped(id: &str) -> Value {
    serde_json::to_value(RuleSet::builtin(id).expect("shipped")).expect("a rule set serialises")
}

fn with_quota(mut input: Value, quota: Value) -> Value {
    let mut set = shipped("example-province");
    let qs = set["quotas"].as_array_mut().expect("quotas");
    let q = qs
        .iter_mut()
        .find(|q| q["id"] == "bang_khen_tinh_toi_da")
        .expect("the certificate quota");
    for (k, v) in quota.as_object().expect("an object") {
        if v.is_null() {
            q.as_object_mut().expect("an object").remove(k);
        } else {
            q[k] = v.clone();
        }
    }
    input["rule_sets"] = json!(["vn-nd152-2025", set]);
    input
}

fn outcome(r: Result<AwardReport>) -> String {
    match r {
        Err(e) => format!("error {}: {e}", e.code()),
        Ok(r) => {
            let mut s = String::new();
            for d in &r.decisions {
                s += &format!(
                    "  {} / {}: {:?} ({:?}) — {} | {}\n",
                    d.subject,
                    d.title,
                    d.status,
                    d.money.as_ref().map(|m| m.amount),
                    d.reason.vi,
                    d.reason.en
                );
                for q in &d.quota {
                    s += &format!(
                        "    quota {} #{} cap {}: {} | {}\n",
                        q.quota, q.position, q.cap, q.explanation.vi, q.explanation.en
                    );
                }
            }
            for q in &r.quotas {
                s += &format!(
                    "  quota {} base {:?} cap {} considered {} approved {} tied {:?}: {} | {}\n",
                    q.quota, q.base, q.cap, q.considered, q.approved, q.tied, q.note.vi, q.note.en
                );
            }
            for w in &r.warnings {
                s += &format!("  warning: {} | {}\n", w.vi, w.en);
            }
            format!("ok\n{s}")
        }
    }
}

fn decided(v: &Value) -> String {
    outcome(
        serde_json::from_value::<AwardInput>(v.clone())
            .map_err(|e| Error::json("input", &e))
            .and_then(|i| decide(&i)),
    )
}

fn checked(v: &Value) -> String {
    match serde_json::from_value::<AwardInput>(v.clone())
        .map_err(|e| Error::json("input", &e))
        .and_then(|i| check(&i))
    {
        Err(e) => format!("error {}: {e}", e.code()),
        Ok(r) => format!(
            "ok {} proposals, {} closest, {} warnings",
            r.eligibility.len(),
            r.closest.len(),
            r.warnings.len()
        ),
    }
}

fn set(mut v: Value, path: &[&str], x: Value) -> Value {
    let mut at = &mut v;
    for k in path {
        at = match k.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*k],
        };
    }
    *at = x;
    v
}

fn cases() -> Vec<(&'static str, String)> {
    let p = person();
    let c = scored();
    // Three years of the grassroots title: eligible.
    let mut eligible = p.clone();
    eligible["history"]["titles"]
        .as_array_mut()
        .expect("titles")
        .push(
            json!({"subject": "Nguyễn Văn Bình", "year": 2022, "title": "chien_si_thi_dua_co_so"}),
        );
    eligible["council"] = json!({"members": 20, "present": 20});
    eligible["ballots"] =
        json!([{"subject": "Nguyễn Văn Bình", "title": "chien_si_thi_dua_tinh", "yes": 19}]);
    let mut no_money = shipped("vn-nd152-2025");
    no_money["money"]
        .as_array_mut()
        .expect("money rules")
        .retain(|m| !(m["title"] == "bang_khen_tinh" && m["subject"] == "individual"));
    let mut leave_out = set(c.clone(), &["award_titles", "co"], Value::Null);
    leave_out["ballots"]
        .as_array_mut()
        .expect("ballots")
        .retain(|b| b["title"] != "co_thi_dua_tinh");
    let b = certificate(&[15, 15, 15, 15, 10]);
    let with_history = |v: Value, kind: &str| {
        set(
            v,
            &["history"],
            json!({"subjects": [{"id": "Huyện An", "kind": kind}]}),
        )
    };
    let collective_flag = json!({"date": "2024-12-20", "year": 2024, "rule_sets": ["vn-nd98-2023"],
        "history": {"subjects": [{"id": "Huyện An", "kind": "collective", "records_from": 2020}]},
        "candidates": [{"subject": "Huyện An", "title": "co_thi_dua_chinh_phu"}]});
    let ballot =
        |subject: &str| json!({"subject": subject, "title": "chien_si_thi_dua_tinh", "yes": 15});
    vec![
        ("person", decided(&p)),
        ("person, check", checked(&p)),
        (
            "year too early",
            decided(&set(p.clone(), &["year"], json!(1800))),
        ),
        (
            "year after the date",
            decided(&set(p.clone(), &["year"], json!(2025))),
        ),
        (
            "year after the date, check",
            checked(&set(p.clone(), &["year"], json!(2025))),
        ),
        (
            "facts of a stranger",
            decided(&set(p.clone(), &["facts"], json!([{"subject": "X"}]))),
        ),
        (
            "facts twice",
            decided(&set(
                p.clone(),
                &["facts"],
                json!([{"subject": "Nguyễn Văn Bình", "rating": "completed"}, {"subject": "Nguyễn Văn Bình"}]),
            )),
        ),
        (
            "award_titles without scoring",
            decided(&set(p.clone(), &["award_titles"], json!({"co": null}))),
        ),
        (
            "candidate stranger",
            decided(&set(p.clone(), &["candidates", "0", "subject"], json!("Y"))),
        ),
        (
            "candidate unknown title",
            decided(&set(p.clone(), &["candidates", "0", "title"], json!("zzz"))),
        ),
        (
            "candidate title of collectives",
            decided(&set(
                p.clone(),
                &["candidates", "0", "title"],
                json!("co_thi_dua_tinh"),
            )),
        ),
        (
            "candidate twice",
            decided(&set(
                p.clone(),
                &["candidates"],
                json!([{"subject": "Nguyễn Văn Bình", "title": "chien_si_thi_dua_tinh", "note": "Sở A"},
                       {"subject": "Nguyễn Văn Bình", "title": "chien_si_thi_dua_tinh"}]),
            )),
        ),
        (
            "ballot not proposed",
            decided(&set(p.clone(), &["ballots"], json!([ballot("Z")]))),
        ),
        (
            "ballot without council",
            decided(&set(
                p.clone(),
                &["ballots"],
                json!([ballot("Nguyễn Văn Bình")]),
            )),
        ),
        (
            "ballot twice",
            decided(&set(
                set(
                    p.clone(),
                    &["council"],
                    json!({"members": 20, "present": 18}),
                ),
                &["ballots"],
                json!([ballot("Nguyễn Văn Bình"), ballot("Nguyễn Văn Bình")]),
            )),
        ),
        (
            "council impossible",
            decided(&set(
                p.clone(),
                &["council"],
                json!({"members": 10, "present": 12}),
            )),
        ),
        (
            "base salary without rows",
            decided(&set(
                eligible.clone(),
                &["base_salary"],
                json!({"name": "x", "rows": []}),
            )),
        ),
        (
            "base salary before the date",
            decided(&set(
                eligible.clone(),
                &["base_salary"],
                json!({"name": "x", "rows": [{"amount": "2340000", "valid_from": "2030-01-01",
                    "source": {"document": "Nghị định (ví dụ)",
                               "verification": {"status": "unverified", "basis": "a test"}}}]}),
            )),
        ),
        ("eligible", decided(&eligible)),
        (
            "no reward multiple",
            decided(&set(
                certificate(&[18]),
                &["rule_sets"],
                json!([no_money, "example-province"]),
            )),
        ),
        ("scored", decided(&c)),
        (
            "scored, band unmapped",
            decided(&set(
                c.clone(),
                &["band_ratings"],
                json!({"ht": "completed"}),
            )),
        ),
        (
            "scored, extra award_titles",
            decided(&set(
                c.clone(),
                &["award_titles", "zz"],
                json!("co_thi_dua_tinh"),
            )),
        ),
        ("scored, award left out", decided(&leave_out)),
        (
            "scored, award to unknown title",
            decided(&set(c.clone(), &["award_titles", "co"], json!("zzz"))),
        ),
        (
            "scored, unit an individual",
            decided(&with_history(c.clone(), "individual")),
        ),
        (
            "scored, unit a collective of the history",
            decided(&with_history(c.clone(), "collective")),
        ),
        (
            "scored, facts of a scored unit",
            decided(&set(
                c.clone(),
                &["facts"],
                json!([{"subject": "Huyện An", "rating": "outstanding"}]),
            )),
        ),
        ("group leaders without scoring", decided(&collective_flag)),
        ("certificate, shipped quota", decided(&b)),
        (
            "certificate, half of the candidates rounded up, ties include all",
            decided(&with_quota(
                certificate(&[15, 15, 15, 15, 15]),
                json!({"max_count": null, "max_percent": "50", "base": {"kind": "candidates"},
                       "rounding": "up", "ties": "include_all", "order": [{"kind": "yes_votes"}]}),
            )),
        ),
        (
            "certificate, 30 % half up, ties exclude all, at most 4",
            decided(&with_quota(
                certificate(&[18, 16, 16, 16, 15]),
                json!({"max_count": 4, "max_percent": "30", "base": {"kind": "candidates"},
                       "rounding": "nearest", "ties": "exclude_all", "order": [{"kind": "yes_votes"}, {"kind": "score_total"}]}),
            )),
        ),
        (
            "certificate, 30 % rounded down, no base",
            decided(&with_quota(
                certificate(&[18, 16, 16, 16, 15]),
                json!({"max_count": null, "max_percent": "30", "ties": "exclude_all", "rounding": "down"}),
            )),
        ),
        (
            "certificate, half of the approved base titles",
            decided(&with_quota(
                set(
                    set(
                        set(
                            certificate(&[18, 16, 16, 16, 15]),
                            &["facts"],
                            json!([{"subject": "p4", "rating": "good"}]),
                        ),
                        &["ballots", "4"],
                        json!({"subject": "p4", "title": "lao_dong_tien_tien", "yes": 18}),
                    ),
                    &["candidates", "4"],
                    json!({"subject": "p4", "title": "lao_dong_tien_tien"}),
                ),
                json!({"max_count": null, "max_percent": "50", "base": {"kind": "approved", "title": "lao_dong_tien_tien"}, "rounding": "up"}),
            )),
        ),
        (
            "certificate, base title decided after",
            decided(&with_quota(
                certificate(&[18, 16, 16, 16, 15]),
                json!({"max_count": null, "max_percent": "50", "base": {"kind": "approved", "title": "bang_khen_tinh"}, "rounding": "down"}),
            )),
        ),
        (
            "declared base not given",
            decided(&set(
                set(certificate(&[18]), &["ballots"], json!([])),
                &["candidates", "0", "title"],
                json!("chien_si_thi_dua_co_so"),
            )),
        ),
    ]
}

/// Today's outputs, one `## case` section each (reviewed when pinned, before the splits of #14.6).
const PINNED: &str = include_str!("pins.txt");

#[test]
fn outputs_and_errors_are_pinned() {
    let got: String = cases()
        .into_iter()
        .map(|(name, out)| format!("## {name}\n{out}\n"))
        .collect();
    assert_pinned("pins.txt", PINNED, &got);
}

/// The scoring vector with two clusters' leaders and runners-up in six clusters.
fn clusters(awards: Value) -> Value {
    let v: Value = serde_json::from_str(include_str!(
        "../../../tests/vectors/scoring/awards-cap-ties.json"
    ))
    .expect("the vector is JSON");
    let mut input = v["input"].clone();
    input["scheme"]["awards"] = awards;
    input
}

fn proposed(v: &Value) -> String {
    let r = serde_json::from_value::<crate::scoring::ScoreInput>(v.clone())
        .map_err(|e| Error::json("input", &e))
        .and_then(|i| crate::scoring::score(&i));
    let r = match r {
        Err(e) => return format!("error {}: {e}\n", e.code()),
        Ok(r) => r,
    };
    let mut s = String::new();
    for a in &r.awards {
        s += &format!("  {} ({} | {})\n", a.award, a.label_vi, a.label_en);
        for (what, list) in [("proposed", &a.proposals), ("near miss", &a.near_misses)] {
            for e in list {
                s += &format!(
                    "    {what} {} ({}, {}): {} | {}\n",
                    e.unit, e.group, e.total, e.reason.vi, e.reason.en
                );
            }
        }
        if let Some(n) = &a.note {
            s += &format!("    note: {} | {}\n", n.vi, n.en);
        }
    }
    s
}

/// Today's award proposals of the scoring on the rules the shared vectors do not use (two
/// places per group, a minimum total, near misses at equal totals, a share rounded up or half
/// up with a maximum count, ties taking all, a threshold by total).
const PINNED_PROPOSALS: &str = include_str!("pins_proposals.txt");

#[test]
fn scoring_award_proposals_are_pinned() {
    let flag = |places: u32, extra: Value| {
        let mut a = json!({"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial flag",
            "select": {"kind": "group_leaders", "places": places}});
        for (k, v) in extra.as_object().expect("an object") {
            a[k] = v.clone();
        }
        a
    };
    let share = |select: Value, extra: Value| {
        let mut a = json!({"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government flag",
            "select": select});
        for (k, v) in extra.as_object().expect("an object") {
            a[k] = v.clone();
        }
        a
    };
    let cases = [
        (
            "two places, a minimum total, a share rounded up with a maximum, ties taking all, a threshold by total",
            clusters(json!([
                flag(2, json!({"min_total": "85", "near_miss_within": "5"})),
                share(
                    json!({"kind": "share_of", "of": "co_tinh", "max_percent": "50", "max_count": 4,
                           "percent_rounding": "up", "ties_at_cap": "include_all"}),
                    json!({"min_band": "xuat_sac"}),
                ),
                {"id": "bang_khen", "label_vi": "Bằng khen", "label_en": "Certificate of merit",
                 "select": {"kind": "threshold", "exclude": ["co_tinh"]},
                 "min_total": "75", "near_miss_within": "10"},
            ])),
        ),
        (
            "one place with near misses, a share half up, ties excluded",
            clusters(json!([
                flag(1, json!({"near_miss_within": "50"})),
                share(
                    json!({"kind": "share_of", "of": "co_tinh", "max_percent": "30",
                           "percent_rounding": "nearest", "ties_at_cap": "exclude_all"}),
                    json!({}),
                ),
            ])),
        ),
        (
            "a share by count only, ties taking all",
            clusters(json!([
                flag(1, json!({})),
                share(
                    json!({"kind": "share_of", "of": "co_tinh", "max_count": 1, "ties_at_cap": "include_all"}),
                    json!({"min_total": "95"}),
                ),
            ])),
        ),
    ];
    let got: String = cases
        .iter()
        .map(|(name, v)| format!("## {name}\n{}", proposed(v)))
        .collect();
    assert_pinned("pins_proposals.txt", PINNED_PROPOSALS, &got);
}

/// The outcome of validating a rule set (or history) given as JSON.
fn validated<T: serde::de::DeserializeOwned>(
    v: &Value,
    check: impl Fn(&T) -> Result<()>,
) -> String {
    match serde_json::from_value::<T>(v.clone()) {
        Err(e) => format!("not read: {e}"),
        Ok(x) => match check(&x) {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("error {}: {e}", e.code()),
        },
    }
}

/// A shipped rule set changed by `f`, validated.
fn rule_set_case(id: &str, f: impl Fn(&mut Value)) -> String {
    let mut v = shipped(id);
    f(&mut v);
    validated::<RuleSet>(&v, RuleSet::validate)
}

/// A history of one individual and one collective changed by `f`, validated.
fn history_case(f: impl Fn(&mut Value)) -> String {
    let mut v = json!({
        "subjects": [{"id": "Nguyễn Thị An", "kind": "individual", "gender": "female", "records_from": 2020},
                     {"id": "Phòng Nội vụ", "kind": "collective", "records_from": 2020}],
        "titles": [{"subject": "Nguyễn Thị An", "year": 2023, "title": "chien_si_thi_dua_co_so",
                    "decision": {"number": "12/QĐ-UBND", "date": "2024-01-15", "issuer": "UBND huyện"}},
                   {"subject": "Phòng Nội vụ", "year": 2023, "title": "tap_the_lao_dong_xuat_sac"}],
        "ratings": [{"subject": "Nguyễn Thị An", "year": 2023, "rating": "outstanding"}],
        "events": [{"subject": "Nguyễn Thị An", "year": 2023, "event": "initiative", "level": "province"}],
        "members": [{"subject": "Phòng Nội vụ", "year": 2023, "total": 10, "women": 6,
                     "completed_tasks": 10, "titles": {"lao_dong_tien_tien": 8}}]
    });
    f(&mut v);
    validated::<History>(&v, History::validate)
}

/// Today's validation errors of rule sets and histories (code, location, message), one per
/// rule of `RuleSet::validate` and `History::validate`.
const PINNED_VALIDATION: &str = include_str!("pins_validation.txt");

#[test]
fn validation_errors_are_pinned() {
    let nd = "vn-nd152-2025";
    let ex = "example-province";
    let block = json!({"id": "ky_luat_rieng", "event": "discipline", "within_years": 1,
        "text_vi": "x", "text_en": "x",
        "source": {"document": "Nghị định", "verification": {"status": "unverified", "basis": "a test"}}});
    let cases: Vec<(&str, String)> = vec![
        ("shipped national", rule_set_case(nd, |_| {})),
        ("shipped province", rule_set_case(ex, |_| {})),
        ("empty id", rule_set_case(nd, |v| v["id"] = json!(" "))),
        (
            "ends before it starts",
            rule_set_case(nd, |v| v["valid_until"] = json!("2020-01-01")),
        ),
        (
            "source without document",
            rule_set_case(nd, |v| v["sources"][1]["document"] = json!("")),
        ),
        (
            "verified source without its source",
            rule_set_case(nd, |v| {
                v["sources"][0]["verification"] = json!({"status": "verified"})
            }),
        ),
        (
            "unverified source without basis",
            rule_set_case(nd, |v| {
                v["sources"][0]["verification"] = json!({"status": "unverified"})
            }),
        ),
        (
            "title twice",
            rule_set_case(nd, |v| v["titles"][1]["id"] = v["titles"][0]["id"].clone()),
        ),
        (
            "title for nobody",
            rule_set_case(nd, |v| v["titles"][2]["subjects"] = json!([])),
        ),
        (
            "rule twice",
            rule_set_case(nd, |v| v["rules"][3]["id"] = v["rules"][0]["id"].clone()),
        ),
        (
            "rule before the set",
            rule_set_case(nd, |v| v["rules"][1]["valid_from"] = json!("2024-01-01")),
        ),
        (
            "rule open-ended in a closed set",
            rule_set_case(nd, |v| v["valid_until"] = json!("2030-12-31")),
        ),
        (
            "rule source",
            rule_set_case(nd, |v| v["rules"][2]["source"]["document"] = json!("")),
        ),
        (
            "rule without clauses",
            rule_set_case(nd, |v| v["rules"][0]["clauses"] = json!([])),
        ),
        (
            "clause twice",
            rule_set_case(nd, |v| {
                let c = v["rules"][1]["clauses"][0].clone();
                v["rules"][1]["clauses"]
                    .as_array_mut()
                    .expect("clauses")
                    .push(c);
            }),
        ),
        (
            "clause source",
            rule_set_case(nd, |v| {
                v["rules"][0]["clauses"][0]["source"]["document"] = json!("")
            }),
        ),
        (
            "clause tested and for the council",
            rule_set_case(nd, |v| {
                v["rules"][0]["clauses"][0]["for_council"] = json!(true)
            }),
        ),
        (
            "clause neither tested nor for the council",
            rule_set_case(nd, |v| {
                v["rules"][0]["clauses"][0]
                    .as_object_mut()
                    .expect("clause")
                    .remove("condition");
            }),
        ),
        (
            "clause condition",
            rule_set_case(nd, |v| {
                v["rules"][0]["clauses"][0]["condition"] = json!({"kind": "all", "of": []});
            }),
        ),
        (
            "rule blocking of 0 years",
            rule_set_case(nd, |v| {
                let mut b = block.clone();
                b["within_years"] = json!(0);
                v["rules"][0]["blocking"] = json!([b]);
            }),
        ),
        (
            "rule blocking named like a clause",
            rule_set_case(nd, |v| {
                let mut b = block.clone();
                b["id"] = v["rules"][0]["clauses"][0]["id"].clone();
                v["rules"][0]["blocking"] = json!([b]);
            }),
        ),
        (
            "rule blocking source",
            rule_set_case(nd, |v| {
                let mut b = block.clone();
                b["source"]["document"] = json!("");
                v["rules"][0]["blocking"] = json!([b]);
            }),
        ),
        (
            "blocking twice",
            rule_set_case(nd, |v| {
                v["blocking"][1]["id"] = v["blocking"][0]["id"].clone()
            }),
        ),
        (
            "blocking source",
            rule_set_case(nd, |v| v["blocking"][0]["source"]["document"] = json!("")),
        ),
        (
            "blocking of 0 years",
            rule_set_case(nd, |v| v["blocking"][2]["within_years"] = json!(0)),
        ),
        (
            "vote twice",
            rule_set_case(nd, |v| v["votes"][1]["id"] = v["votes"][0]["id"].clone()),
        ),
        (
            "vote before the set",
            rule_set_case(nd, |v| v["votes"][0]["valid_from"] = json!("2025-01-01")),
        ),
        (
            "vote source",
            rule_set_case(nd, |v| v["votes"][1]["source"]["document"] = json!("")),
        ),
        (
            "vote pass above 100 %",
            rule_set_case(nd, |v| v["votes"][0]["pass"] = json!({"percent": "150"})),
        ),
        (
            "vote quorum",
            rule_set_case(ex, |v| v["votes"][0]["quorum"] = json!({"percent": "-1"})),
        ),
        (
            "vote for no title",
            rule_set_case(nd, |v| v["votes"][0]["titles"] = json!([])),
        ),
        (
            "quota twice",
            rule_set_case(ex, |v| v["quotas"][1]["id"] = v["quotas"][0]["id"].clone()),
        ),
        (
            "quota before the set",
            rule_set_case(ex, |v| v["quotas"][0]["valid_from"] = json!("2020-01-01")),
        ),
        (
            "quota source",
            rule_set_case(ex, |v| v["quotas"][0]["source"]["document"] = json!("")),
        ),
        (
            "quota order source",
            rule_set_case(ex, |v| {
                v["quotas"][0]["order_source"] =
                    json!({"document": "x", "verification": {"status": "verified"}});
            }),
        ),
        (
            "quota without a cap",
            rule_set_case(ex, |v| {
                v["quotas"][0]
                    .as_object_mut()
                    .expect("quota")
                    .remove("max_count");
            }),
        ),
        (
            "quota above 100 %",
            rule_set_case(nd, |v| v["quotas"][0]["max_percent"] = json!("101")),
        ),
        (
            "quota percentage without base",
            rule_set_case(nd, |v| {
                v["quotas"][0]
                    .as_object_mut()
                    .expect("quota")
                    .remove("base");
            }),
        ),
        (
            "quota percentage without rounding",
            rule_set_case(nd, |v| {
                v["quotas"][0]
                    .as_object_mut()
                    .expect("quota")
                    .remove("rounding");
            }),
        ),
        (
            "money before the set",
            rule_set_case(nd, |v| v["money"][3]["valid_from"] = json!("2025-01-01")),
        ),
        (
            "money source",
            rule_set_case(nd, |v| v["money"][4]["source"]["document"] = json!("")),
        ),
        (
            "money negative",
            rule_set_case(nd, |v| v["money"][5]["multiple"] = json!("-1")),
        ),
        (
            "money twice",
            rule_set_case(nd, |v| {
                let m = v["money"][6].clone();
                v["money"].as_array_mut().expect("money").push(m);
            }),
        ),
        (
            "money rounding source",
            rule_set_case(nd, |v| {
                v["money_rounding"]["source"]["document"] = json!("")
            }),
        ),
        (
            "money rounding step",
            rule_set_case(nd, |v| v["money_rounding"]["to"] = json!("0")),
        ),
        ("history", history_case(|_| {})),
        (
            "subject without id",
            history_case(|v| v["subjects"][0]["id"] = json!("")),
        ),
        (
            "subject twice",
            history_case(|v| v["subjects"][1]["id"] = json!("Nguyễn Thị An")),
        ),
        (
            "collective with a gender",
            history_case(|v| v["subjects"][1]["gender"] = json!("male")),
        ),
        (
            "records from 1800",
            history_case(|v| v["subjects"][0]["records_from"] = json!(1800)),
        ),
        (
            "title of a stranger",
            history_case(|v| v["titles"][0]["subject"] = json!("X")),
        ),
        (
            "title in 2200",
            history_case(|v| v["titles"][0]["year"] = json!(2200)),
        ),
        (
            "title empty",
            history_case(|v| v["titles"][1]["title"] = json!(" ")),
        ),
        (
            "title twice",
            history_case(|v| {
                let t = v["titles"][0].clone();
                v["titles"].as_array_mut().expect("titles").push(t);
            }),
        ),
        (
            "decision without number",
            history_case(|v| v["titles"][0]["decision"]["number"] = json!("")),
        ),
        (
            "rating of a stranger",
            history_case(|v| v["ratings"][0]["subject"] = json!("X")),
        ),
        (
            "rating in 1900",
            history_case(|v| v["ratings"][0]["year"] = json!(1900)),
        ),
        (
            "rating twice",
            history_case(|v| {
                let r = v["ratings"][0].clone();
                v["ratings"].as_array_mut().expect("ratings").push(r);
            }),
        ),
        (
            "event of a stranger",
            history_case(|v| v["events"][0]["subject"] = json!("X")),
        ),
        (
            "event in 1900",
            history_case(|v| v["events"][0]["year"] = json!(1900)),
        ),
        (
            "members of a stranger",
            history_case(|v| v["members"][0]["subject"] = json!("X")),
        ),
        (
            "members in 1900",
            history_case(|v| v["members"][0]["year"] = json!(1900)),
        ),
        (
            "members of an individual",
            history_case(|v| v["members"][0]["subject"] = json!("Nguyễn Thị An")),
        ),
        (
            "members twice",
            history_case(|v| {
                let m = v["members"][0].clone();
                v["members"].as_array_mut().expect("members").push(m);
            }),
        ),
        (
            "members none",
            history_case(|v| v["members"][0]["total"] = json!(0)),
        ),
        (
            "members more women than members",
            history_case(|v| v["members"][0]["women"] = json!(11)),
        ),
        (
            "members more disciplined",
            history_case(|v| v["members"][0]["disciplined"] = json!(12)),
        ),
        (
            "members more with a title",
            history_case(|v| v["members"][0]["titles"]["lao_dong_tien_tien"] = json!(13)),
        ),
    ];
    let got: String = cases
        .iter()
        .map(|(name, out)| format!("## {name}\n{out}\n"))
        .collect();
    assert_pinned("pins_validation.txt", PINNED_VALIDATION, &got);
}

/// Every clause's outcome and explanation (and its parts', indented) of each decision.
fn clauses_of(v: &Value) -> String {
    let r = serde_json::from_value::<AwardInput>(v.clone())
        .map_err(|e| Error::json("input", &e))
        .and_then(|i| decide(&i));
    let r = match r {
        Err(e) => return format!("error {}: {e}\n", e.code()),
        Ok(r) => r,
    };
    fn part(s: &mut String, depth: usize, c: &ConditionResult) {
        *s += &format!(
            "{:w$}{:?} shortfall {} lacking {:?}: {} | {}\n",
            "",
            c.outcome,
            c.shortfall,
            c.lacking.as_ref().map(|l| &l.vi),
            c.explanation.vi,
            c.explanation.en,
            w = 4 + 2 * depth
        );
        for p in &c.parts {
            part(s, depth + 1, p);
        }
    }
    let mut s = String::new();
    for d in &r.decisions {
        s += &format!(
            "  {} / {}: {:?} — {}\n",
            d.subject, d.title, d.status, d.reason.vi
        );
        for c in &d.eligibility.clauses {
            s += &format!("   clause {}/{}: {:?}\n", c.rule, c.clause, c.outcome);
            if let Some(res) = &c.result {
                part(&mut s, 0, res);
            }
        }
    }
    s
}

/// Today's evaluation of the combinators `not` (no shipped rule uses it) and `any`/`all`
/// around it, clause by clause, before splitting `Condition::eval`.
const PINNED_CONDITIONS: &str = include_str!("pins_conditions.txt");

#[test]
fn combinators_are_pinned() {
    let three_years = |v: &mut Value| {
        v["history"]["titles"].as_array_mut().expect("titles").push(
            json!({"subject": "Nguyễn Văn Bình", "year": 2022, "title": "chien_si_thi_dua_co_so"}),
        );
    };
    let with_rules = |years3: bool, f: &dyn Fn(&mut Value)| {
        let mut set = shipped("vn-nd98-2023");
        f(&mut set["rules"][2]["clauses"]);
        let mut p = person();
        if years3 {
            three_years(&mut p);
        }
        p["rule_sets"] = json!([set]);
        p
    };
    let not_a = |c: &mut Value| {
        let a = c[0]["condition"].clone();
        c[0]["condition"] = json!({"kind": "not", "condition": a});
    };
    let any_not_a = |c: &mut Value| {
        let a = c[0]["condition"].clone();
        c[0]["condition"] =
            json!({"kind": "any", "of": [{"kind": "not", "condition": a.clone()}, a]});
    };
    let all_b_not_a = |c: &mut Value| {
        let (a, b) = (c[0]["condition"].clone(), c[1]["condition"].clone());
        c[1]["condition"] = json!({"kind": "all", "of": [b, {"kind": "not", "condition": a}]});
    };
    let rating_missing = |c: &mut Value| {
        c[0]["condition"] = json!({"kind": "any", "of": [
            {"kind": "this_year", "of": {"kind": "rating", "at_least": "good"}},
            {"kind": "not", "condition": {"kind": "this_year", "of": {"kind": "rating", "at_least": "good"}}}]});
    };
    let cases: Vec<(&str, String)> = vec![
        ("not, two years", clauses_of(&with_rules(false, &not_a))),
        ("not, three years", clauses_of(&with_rules(true, &not_a))),
        (
            "any of not and itself, two years",
            clauses_of(&with_rules(false, &any_not_a)),
        ),
        (
            "all with a not, three years",
            clauses_of(&with_rules(true, &all_b_not_a)),
        ),
        (
            "any on missing data",
            clauses_of(&with_rules(true, &rating_missing)),
        ),
        ("any none met", {
            let mut p = with_rules(true, &not_a);
            p["history"]["events"] = json!([]);
            clauses_of(&p)
        }),
    ];
    let got: String = cases
        .iter()
        .map(|(name, out)| format!("## {name}\n{out}"))
        .collect();
    assert_pinned("pins_conditions.txt", PINNED_CONDITIONS, &got);
}
