//! Pins of today's outputs of the award pipeline on the paths the shared vectors do not reach:
//! every input error of `prepare`/`decide` (code and full message, location included), and
//! the quota arithmetic and tie rules the shipped rule sets do not use (a base of candidates
//! or of an approved title, rounding up or half up, ties taking all or none), with their
//! bilingual notes, the decisions' reasons and the warnings in order.

use serde_json::{json, Value};

use super::*;
use crate::error::{Error, Result};

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
    if let Some(f) = std::env::var_os("THIDUA_PRINT_PINS") {
        std::fs::write(f, &got).unwrap();
    }
    if got != PINNED {
        let diff: Vec<String> = got
            .lines()
            .zip(PINNED.lines().chain(std::iter::repeat("<missing>")))
            .filter(|(a, b)| a != b)
            .take(6)
            .map(|(a, b)| format!("got  {a}\nwant {b}"))
            .collect();
        panic!("the award outputs changed:\n{}", diff.join("\n"));
    }
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
    if let Some(f) = std::env::var_os("THIDUA_PRINT_PINS") {
        std::fs::write(f, &got).unwrap();
    }
    assert!(
        got == PINNED_PROPOSALS,
        "the award proposals changed:\n{got}"
    );
}
