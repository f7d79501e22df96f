"""Each unit's own targets (TargetTable), reported phrases (read_result) and the evaluation's
warnings, through the Python API. The rules are the core's; these tests check the conversion:
records, DataFrames, the batch path for the new result columns, character offsets."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal

import pytest

import thidua
from conftest import REPO

UNITS = REPO / "docs" / "examples" / "units"


def directive() -> thidua.Directive:
    return thidua.Directive.load(UNITS / "directive.json")


def test_target_table_from_json_records_and_dataframe_agree() -> None:
    pd = pytest.importorskip("pandas")
    table = thidua.TargetTable.load(UNITS / "targets.json")
    assert len(table) == 16
    again = thidua.TargetTable.from_records(table.to_records(), description=table.description)
    assert again == table
    df = table.to_dataframe()
    assert list(df.columns[:3]) == ["unit", "target", "level"]
    assert thidua.TargetTable.from_dataframe(df, description=table.description) == table
    # A DataFrame with Vietnamese column names, NaN for missing cells and numbers as floats.
    vi = pd.DataFrame(
        {
            "don_vi": ["Huyện A", "Huyện A", "Huyện B"],
            "chi_tieu": ["3", "3", "4"],
            "muc": ["assigned", "pledged", None],
            "gia_tri": [420.0, 450.5, float("nan")],
            "khong_ap_dung": [False, False, True],
        }
    )
    t = thidua.TargetTable.from_dataframe(
        vi,
        columns={"don_vi": "unit", "chi_tieu": "target", "muc": "level", "gia_tri": "value", "khong_ap_dung": "not_applicable"},
    )
    rows = t.to_records()
    assert rows[1]["value"] == "450.5" and rows[1]["level"] == "pledged"
    assert rows[2] == {"unit": "Huyện B", "target": "4", "not_applicable": True}
    assert pickle.loads(pickle.dumps(t)) == t


def test_evaluate_with_targets_says_which_level_applied() -> None:
    d = directive()
    results = thidua.ResultSet(
        [
            {"unit": "Huyện A", "target": "3", "period": "2024", "value": Decimal("430")},
            {"unit": "Huyện A", "target": "4", "period": "2024", "value": 5},
            {"unit": "Thị xã D", "target": "1", "period": "2024", "value": "7.2"},
        ]
    )
    e = thidua.evaluate(d, results, targets=thidua.TargetTable.load(UNITS / "targets.json"))
    t = e.unit("Huyện A").target("3")
    assert t.status == "exceeded"
    assert "giao cho Huyện A" in t.explanation_vi
    as_json = json.loads(e.to_json())
    a3 = as_json["units"][0]["targets"][2]
    assert (a3["level"], a3["threshold"]) == ("assigned", "420")
    assert {l["level"]: l["status"] for l in a3["levels"]} == {"tw": "exceeded", "pledged": "not_met"}
    assert e.unit("Huyện A").target("4").status == "not_applicable"
    # Records work as well as a TargetTable; warnings are returned and shown in the repr.
    e2 = thidua.evaluate(d, results, targets=[{"unit": "Huyện A", "target": "3", "value": "420"}])
    assert e2.unit("Huyện A").target("3").status == "exceeded"
    codes = {w["code"] for w in e.warnings}
    assert {"not_applicable_reported", "unassigned_fallback"} <= codes
    assert "not_applicable_reported" in repr(e)
    with pytest.raises(thidua.UnitMismatchError) as info:
        thidua.evaluate(d, results, targets=[{"unit": "Huyện A", "target": "3", "value": "1", "value_unit": "USD"}])
    assert "targets[0]" in str(info.value)


def test_new_result_columns_go_through_the_batch_path() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "unit": ["T", "T", "T", "T"],
            "target": ["4", "4", "6", "9"],
            "period": ["2024", "2024", "2024", "2024"],
            "value": [295.0, 301.2, None, None],
            "provenance": ["estimate", "official", None, None],
            "date": ["2024-12-10", "2025-03-02", None, None],
            "change": [None, None, -1.2, None],
            "change_unit": [None, None, "percentage_points", None],
            "reported": [None, None, None, "tăng 13,1% so với cùng kỳ"],
            "qualifier": [None, "over", None, None],
        }
    )
    rs = thidua.ResultSet.from_dataframe(df)
    assert thidua.ResultSet.from_dataframe(rs.to_dataframe()) == rs
    e = thidua.evaluate(directive(), rs)
    u = json.loads(e.to_json())["units"][0]
    t4 = next(t for t in u["targets"] if t["target"] == "4")
    assert (t4["status"], t4["provenance"], t4["status_changed"]) == ("exceeded", "official", True)
    t6 = next(t for t in u["targets"] if t["target"] == "6")
    assert (t6["status"], t6["form"], t6["achieved"]) == ("met", "change", "1.2")
    t9 = next(t for t in u["targets"] if t["target"] == "9")
    assert (t9["status"], t9["form"]) == ("exceeded", "change")
    assert any(w["code"] == "provenance_missing" for w in e.warnings)


def test_read_result_offsets_are_characters_and_json_bytes() -> None:
    text = "ước đạt hơn 290 triệu USD (KH 300 triệu USD)"
    r = thidua.read_result(text)
    assert r.ok
    v = r.reading["value"]
    assert text[v["start"] : v["end"]] == "290 triệu USD"
    assert (v["value"], v["qualifier"], v["scale"], v["unit"]) == ("290", "over", "million", "USD")
    assert r.reading["provenance"] == "estimate"
    as_bytes = json.loads(r.to_json())["reading"]["value"]
    assert text.encode("utf-8")[as_bytes["start"] : as_bytes["end"]].decode("utf-8") == "290 triệu USD"
    assert "value=290" in repr(r)
    nothing = thidua.read_result("đang tổng hợp")
    assert not nothing.ok
    assert [d["code"] for d in nothing.diagnostics] == ["no_result"]


def test_score_with_targets_and_per_status_policy() -> None:
    v = json.loads((REPO / "tests" / "vectors" / "scoring" / "units-own-targets.json").read_text(encoding="utf-8"))
    report = json.loads(thidua.score(v["input"], base_dir=REPO).to_json())
    assert report == v["expect"]
