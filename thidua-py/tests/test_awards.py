"""The award API: history in and out (JSON, records, DataFrames), rule sets, eligibility, the
pipeline with votes, quotas and money, and typed errors. The shared vectors of
tests/vectors/awards are run by test_vectors.py."""

from __future__ import annotations

import copy
import json
import pickle
from decimal import Decimal

import pytest

import thidua
from conftest import REPO, read_json

HISTORY = "docs/examples/awards-2024/history.json"
EXAMPLE = "docs/examples/awards-2024/input.json"


def individual_input(**extra):
    inp = {
        "date": "2024-12-20",
        "year": 2024,
        "rule_sets": ["vn-nd98-2023"],
        "history": {
            "subjects": [{"id": "an", "kind": "individual", "name": "Nguyễn Thị An", "gender": "female", "records_from": 2021}],
            "titles": [
                {"subject": "an", "year": y, "title": "chien_si_thi_dua_co_so", "level": "grassroots"} for y in (2023, 2024)
            ],
            "events": [{"subject": "an", "year": 2024, "event": "initiative", "level": "province"}],
        },
        "candidates": [{"subject": "an", "title": "chien_si_thi_dua_tinh"}],
    }
    inp.update(extra)
    return inp


def test_history_round_trips_through_json_records_and_dataframes() -> None:
    pd = pytest.importorskip("pandas")
    h = thidua.AwardHistory.from_json((REPO / HISTORY).read_text(encoding="utf-8"))
    assert len(h) == 17
    assert thidua.AwardHistory.from_json(h.to_json()) == h
    assert pickle.loads(pickle.dumps(h)) == h and copy.deepcopy(h) == h
    frames = h.to_dataframes()
    titles = frames["titles"]
    assert list(titles.columns[:3]) == ["subject", "year", "title"]
    assert titles.loc[0, "decision_number"] == "125/QĐ-UBND"
    # Back from DataFrames (members as records with titles.<id> columns).
    d = h.to_dict()
    members = pd.DataFrame(
        [
            {"subject": m["subject"], "year": m["year"], "total": m["total"], "completed_tasks": m["completed_tasks"],
             "women": m["women"], "disciplined": m["disciplined"],
             **{f"titles.{k}": v for k, v in m["titles"].items()}}
            for m in d["members"]
        ]
    )
    again = thidua.AwardHistory.from_records(
        subjects=frames["subjects"], titles=titles, ratings=frames["ratings"], events=frames["events"], members=members
    )
    assert again == h


def test_history_errors_are_typed_with_their_place() -> None:
    with pytest.raises(thidua.DuplicateIdError) as e:
        thidua.AwardHistory.from_records(
            subjects=[{"id": "a", "kind": "individual"}],
            ratings=[{"subject": "a", "year": 2024, "rating": "good"}, {"subject": "a", "year": 2024, "rating": "good"}],
        )
    assert "ratings[1]" in str(e.value)
    with pytest.raises(thidua.InvalidInputError) as e:
        thidua.AwardHistory.from_records(subjects=[{"id": "a", "kind": "individual"}],
                                         titles=[{"subject": "b", "year": 2024, "title": "lao_dong_tien_tien"}])
    assert "titles[0].subject" in str(e.value)
    with pytest.raises(TypeError):
        thidua.AwardHistory.from_records(subjects=42)


def test_missing_cells_of_a_dataframe_are_absent_fields() -> None:
    pd = pytest.importorskip("pandas")
    subjects = pd.DataFrame([{"id": "a", "kind": "individual", "gender": "female", "records_from": 2020},
                             {"id": "u", "kind": "collective", "gender": None, "records_from": None}])
    h = thidua.AwardHistory.from_records(subjects=subjects)
    assert h.to_dict()["subjects"][1] == {"id": "u", "kind": "collective"}


def test_rule_sets() -> None:
    assert thidua.AwardRuleSet.builtin_ids() == ["vn-nd98-2023", "vn-nd152-2025", "example-province"]
    nd98 = thidua.AwardRuleSet.builtin("vn-nd98-2023")
    assert str(nd98.valid_from) == "2024-01-01" and str(nd98.valid_until) == "2025-06-30"
    assert thidua.AwardRuleSet.builtin("example-province").example
    with pytest.raises(KeyError):
        thidua.AwardRuleSet.builtin("nope")
    # Every clause says whether its source was read.
    for rule in nd98.to_dict()["rules"]:
        for c in rule["clauses"]:
            assert c["source"]["verification"]["status"] in ("verified", "unverified")


def test_check_explains_each_clause_and_the_closest_title() -> None:
    r = thidua.check_awards(individual_input())
    e = r.to_dict()["eligibility"][0]
    assert e["status"] == "not_eligible"
    assert any("còn thiếu 1 năm \"Chiến sĩ thi đua cơ sở\"" in l["vi"] for l in e["lacking"])
    a = next(c for c in e["clauses"] if c["clause"] == "a")
    assert a["outcome"] == "not_met" and a["source"]["article"] == "Điều 21 khoản 2 điểm a"
    assert r.closest()[0]["title"] == "chien_si_thi_dua_tinh"
    df = r.to_dataframe()
    assert df.loc[0, "status"] == "not_eligible"


def test_objects_stand_in_the_input_dict() -> None:
    h = thidua.AwardHistory.from_json(json.dumps(individual_input()["history"]))
    rs = thidua.AwardRuleSet.builtin("vn-nd98-2023")
    a = thidua.decide_awards(individual_input(history=h, rule_sets=[rs]))
    b = thidua.decide_awards(individual_input())
    assert a == b


def test_the_worked_example_decides_with_money() -> None:
    r = thidua.decide_awards(read_json(EXAMPLE), base_dir=REPO)
    an = r.decision("nguyen-thi-an", "chien_si_thi_dua_tinh")
    assert an["status"] == "approved" and an["money"]["amount"] == "7020000"
    assert r.total_amount == Decimal("16380000")
    assert r.totals["approved"] == 4
    df = r.to_dataframe()
    row = df[(df.subject == "Huyện Đắk Lâm") & (df.title == "co_thi_dua_tinh")].iloc[0]
    assert row.status == "not_eligible"
    assert df[df.subject == "le-thi-cuc"].iloc[0].money == Decimal("2340000")
    clauses = r.clauses_dataframe()
    assert {"met", "not_met", "for_council"} <= set(clauses.outcome)
    assert set(clauses.verified) == {True, False}
    assert "TỔNG CỘNG" in r.render_vi()
    assert thidua.AwardReport.from_json(r.to_json()) == r
    assert pickle.loads(pickle.dumps(r)) == r
    # A score report can stand for the scoring.
    inp = read_json(EXAMPLE)
    report = thidua.score(read_json(inp.pop("score")), base_dir=REPO)
    inp["score_report"] = report
    again = thidua.decide_awards(inp, base_dir=REPO)
    assert again.decision("Huyện Ngọc Tân", "bang_khen_tinh")["status"] == "approved"


def test_errors_are_typed() -> None:
    with pytest.raises(thidua.InvalidInputError) as e:
        thidua.decide_awards(individual_input(date="2023-06-01", year=2023))
    assert "no national rule set applies on 2023-06-01" in str(e.value)
    assert e.value.code == "invalid_input"
    with pytest.raises(thidua.JsonError):
        thidua.decide_awards("{")
    with pytest.raises(thidua.InvalidInputError) as e:
        thidua.decide_awards(individual_input(council={"members": 20, "present": 15},
                                              ballots=[{"subject": "an", "title": "chien_si_thi_dua_tinh", "yes": 16}]))
    assert "ballots[0].yes" in str(e.value)
    with pytest.raises(TypeError):
        thidua.decide_awards(42)  # type: ignore[arg-type]
