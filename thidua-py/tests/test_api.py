"""The Python API: objects, numbers, errors, pickling."""

from __future__ import annotations

import datetime
import json
import math
import pickle
import typing
import random
from decimal import Decimal

import pytest

import thidua
from conftest import REPO, read_json

# ---- numbers -------------------------------------------------------------------------


def test_parse_and_format_vn() -> None:
    assert thidua.parse_vn("3.500") == Decimal("3500")
    assert str(thidua.parse_vn("39,6")) == "39.6"
    assert str(thidua.parse_vn("000,50")) == "0.50"  # scale kept
    assert isinstance(thidua.parse_vn("08"), Decimal)
    assert thidua.format_vn(3500) == "3.500"
    assert thidua.format_vn(Decimal("94.10")) == "94,10"
    assert thidua.format_vn("1234567.89") == "1.234.567,89"
    assert thidua.format_vn_rounded(Decimal("105.125"), 2) == "105,13"
    assert thidua.format_vn_fixed(Decimal("9.52"), 3) == "9,520"
    with pytest.raises(thidua.InvalidNumberError) as e:
        thidua.parse_vn("3.5")
    assert e.value.code == "invalid_number"
    assert e.value.data["input"] == "3.5"


def test_number_input_rule() -> None:
    exact = thidua.to_decimal_exact
    assert exact(0.1) == Decimal("0.1")  # shortest repr, not the binary expansion
    assert str(exact(52.5)) == "52.5"
    assert exact(1e-7) == Decimal("0.0000001") and exact(1e-7).as_tuple().exponent == -7
    assert str(exact(Decimal("52.50"))) == "52.50"
    assert exact(10**20) == Decimal(10**20)
    assert exact("1.5e3") == Decimal(1500)
    assert exact(-3) == Decimal(-3)
    for bad in [math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("-Infinity"), "nan", "inf"]:
        with pytest.raises(thidua.InvalidNumberError):
            exact(bad)
        with pytest.raises(ValueError):
            thidua.format_vn(bad)
    with pytest.raises(thidua.InvalidNumberError):
        exact("39,6")  # Vietnamese text goes through parse_vn
    with pytest.raises(TypeError):
        exact(True)
    with pytest.raises(TypeError):
        exact([1])
    with pytest.raises(thidua.InvalidNumberError):
        exact(1e300)  # beyond exact decimals


@pytest.mark.parametrize("seed", range(3))
def test_float_rule_matches_repr(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        f = rng.uniform(-1e6, 1e6) if rng.random() < 0.5 else round(rng.uniform(0, 200), rng.randint(0, 6))
        assert thidua.to_decimal_exact(f) == Decimal(repr(f)), f


# ---- directive ------------------------------------------------------------------------


def test_directive_properties(kon_tum: thidua.Directive) -> None:
    d = kon_tum
    assert d.label == "Chỉ thị 08/CT-UBND"
    assert d.kind == "directive"
    assert d.year == 2024
    assert isinstance(d.issued, datetime.date) and d.issued == datetime.date(2024, 2, 6)
    ids = d.target_ids()
    for i in ["1", "14", "7.1", "11a", "11b", "12a", "12d"]:
        assert i in ids
    assert len(d) == d.target_count == len(ids)
    assert [i.number for i in d.items] == list(range(1, 15))
    t = d["7.1"]
    assert t.parent == "7" and t.item == 7
    assert d.target("nope") is None
    assert "11a" in d and "99" not in d
    with pytest.raises(KeyError):
        d["99"]
    assert d["1"].kind == "growth_rate"
    assert d["1"].text_vi == "từ 10% trở lên"
    assert d["1"].spec["comparator"] == "at_least"
    assert "Directive" in repr(d) and "08/CT-UBND" in repr(d)
    assert d["1"] == d.target("1")
    assert d["1"] != d["2"]


def test_directive_round_trips(kon_tum: thidua.Directive, tmp_path) -> None:
    d = kon_tum
    assert thidua.Directive.from_json(d.to_json()) == d
    assert thidua.Directive.from_dict(d.to_dict()) == d
    assert d.to_dict() == read_json("docs/examples/002_kon-tum-2024.json")
    p = tmp_path / "d.json"
    d.save(p)
    assert thidua.Directive.load(str(p)) == d
    assert pickle.loads(pickle.dumps(d)) == d
    other = d.to_dict()
    other["title"] = "khác"
    assert thidua.Directive.from_dict(other) != d


def test_directive_from_dict_accepts_python_values() -> None:
    d = thidua.Directive.from_dict(
        {
            "kind": "directive",
            "issuer": {"name": "UBND tỉnh X"},
            "issued": datetime.date(2024, 1, 2),
            "coverage": {"year": 2024},
            "title": "t",
            "items": [
                {
                    "number": 1,
                    "text": "…",
                    "targets": [
                        {"id": "1", "name": "GRDP", "spec": {"kind": "growth_rate", "comparator": "at_least", "value": 7.5}},
                        {"id": "2", "name": "BHYT", "spec": {"kind": "rate", "comparator": "above", "value": Decimal("94.15")}},
                    ],
                }
            ],
        }
    )
    assert d.issued == datetime.date(2024, 1, 2)
    assert d["1"].spec["value"] == "7.5"
    assert d["2"].spec["value"] == "94.15"


# ---- results and evaluation -----------------------------------------------------------


def test_evaluate_basic(kon_tum: thidua.Directive) -> None:
    rs = thidua.ResultSet(
        [
            {"unit": "Kon Tum", "target": "1", "period": "2024", "value": "10.12"},
            {"unit": "Kon Tum", "target": "2", "period": 2024, "value": 63.7},
            {"unit": "Kon Tum", "target": "3", "period": "2024", "value": Decimal("2415"), "provenance": "estimate"},
        ]
    )
    e = thidua.evaluate(kon_tum, rs)
    u = e.unit("Kon Tum")
    assert u.unit == "Kon Tum" and u.period == "2024" and u.period_vi == "năm 2024"
    t1 = u.target("1")
    assert t1.status == "exceeded" and t1.status_vi == "vượt"
    assert t1.ratio == Decimal("101.20") and str(t1.ratio) == "101.20"
    assert isinstance(t1.gap, Decimal)
    assert u.target("2").status == "not_met"  # "trên 63,7": 63,7 is not enough
    assert u.target("4").status == "no_data" and u.target("4").ratio is None
    assert u.target("3").provenance == "estimate"
    assert len(u.targets) == kon_tum.target_count
    assert u.summary.total == 14
    assert "đạt và vượt" in u.summary.headline_vi
    assert isinstance(u.items[0], tuple)
    assert "Kon Tum" in u.scorecard_vi()
    with pytest.raises(KeyError):
        e.unit("Sa Thầy")
    with pytest.raises(KeyError):
        u.target("99")
    assert e.unit("Kon Tum", "2024").unit == "Kon Tum"
    assert e.options == thidua.EvaluationOptions()
    assert e.directive == "Chỉ thị 08/CT-UBND"


def test_options(kon_tum: thidua.Directive, kon_tum_results: thidua.ResultSet) -> None:
    o = thidua.EvaluationOptions(ceiling_ratio="complement", ratio_digits=3)
    assert o.ceiling_ratio == "complement" and o.ratio_digits == 3 and o.range_basis == "lower"
    assert o == thidua.EvaluationOptions.from_dict({"ceiling_ratio": "complement", "ratio_digits": 3})
    assert o == thidua.EvaluationOptions.from_json(o.to_json())
    assert hash(o) == hash(thidua.EvaluationOptions.from_dict(o.to_dict()))
    assert pickle.loads(pickle.dumps(o)) == o
    assert "complement" in repr(o)
    e1 = thidua.evaluate(kon_tum, kon_tum_results, o)
    e2 = thidua.evaluate(kon_tum, kon_tum_results, {"ceiling_ratio": "complement", "ratio_digits": 3})
    assert e1 == e2
    assert e1 != thidua.evaluate(kon_tum, kon_tum_results)
    with pytest.raises(thidua.JsonError):
        thidua.EvaluationOptions(ceiling_ratio="sideways")
    with pytest.raises(thidua.InvalidInputError):
        thidua.EvaluationOptions(ratio_digits=11)
    with pytest.raises(TypeError):
        thidua.evaluate(kon_tum, kon_tum_results, "complement")  # type: ignore[arg-type]


def test_evaluation_round_trips(kon_tum: thidua.Directive, kon_tum_results: thidua.ResultSet) -> None:
    e = thidua.evaluate(kon_tum, kon_tum_results)
    assert pickle.loads(pickle.dumps(e)) == e
    assert thidua.Evaluation.from_json(e.to_json()) == e
    assert e.to_dict() == json.loads(e.to_json())
    rs = kon_tum_results
    assert pickle.loads(pickle.dumps(rs)) == rs
    assert thidua.ResultSet.from_json(rs.to_json()) == rs
    assert thidua.ResultSet(rs.to_records(), directive=rs.directive, description=rs.description) == rs
    assert thidua.ResultSet.from_records(rs.to_dict()["entries"], directive=rs.directive, description=rs.description) == rs
    assert len(rs) == len(rs.to_dict()["entries"])
    assert rs.units == ["Tỉnh Kon Tum"]
    both = thidua.ResultSet.concat([rs, rs])
    assert len(both) == 2 * len(rs)


def test_status_labels_match_core(kon_tum: thidua.Directive, kon_tum_results: thidua.ResultSet) -> None:
    assert thidua.STATUS_LABELS_VI["exceeded"] == "vượt"
    assert thidua.STATUS_LABELS_VI["met"] == "đạt"
    assert thidua.STATUS_LABELS_VI["not_met"] == "không đạt"
    e = thidua.evaluate(kon_tum, kon_tum_results)
    for u, ud in zip(e.units, e.to_dict()["units"]):
        for t, td in zip(u.targets, ud["targets"]):
            assert t.status == td["status"]  # the binding's names are the core's JSON names
            assert thidua.STATUS_LABELS_VI[t.status] == t.status_vi


def test_repr_html(kon_tum: thidua.Directive) -> None:
    rs = thidua.ResultSet(
        [
            {"unit": "A <b>", "target": "1", "period": "2024", "value": "10.5"},
            {"unit": "A <b>", "target": "2", "period": "2024", "value": "60"},
            {"unit": "A <b>", "target": "13", "period": "2024", "value": "95"},
            {"unit": "B", "target": "1", "period": "2024", "value": "9"},
        ]
    )
    e = thidua.evaluate(kon_tum, rs)
    h = e._repr_html_()
    assert "<table>" in h and "A &lt;b&gt;" in h and "A <b>" not in h
    hu = e.unit("A <b>")._repr_html_()
    for label in ["vượt", "không đạt", "chưa có số liệu"]:
        assert label in hu
    assert "đạt và vượt" in hu


def test_every_public_name_has_a_docstring() -> None:
    missing = []
    for name in thidua.__all__:
        obj = getattr(thidua, name)
        if isinstance(obj, (dict, list, str)) or typing.get_origin(obj) is typing.Literal:
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if isinstance(obj, type) and not issubclass(obj, BaseException):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if not (getattr(member, "__doc__", None) or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing, missing
    assert "evaluate" in (thidua.evaluate.__doc__ or "").lower() or "results" in (thidua.evaluate.__doc__ or "")


# ---- errors ---------------------------------------------------------------------------


def test_error_classes() -> None:
    assert issubclass(thidua.ThiduaError, ValueError)
    assert set(thidua.ERROR_CODES) == set(thidua.ERROR_CLASSES)
    for code, cls in thidua.ERROR_CLASSES.items():
        assert issubclass(cls, thidua.ThiduaError)
        assert cls.code == code
        assert cls.__module__ == "thidua"
        assert getattr(thidua, cls.__name__) is cls
        assert cls.__doc__
        assert thidua.error_class(code) is cls
    assert thidua.UnknownTargetError.code == "unknown_target"
    assert thidua.error_class("no_such_code") is thidua.ThiduaError
    assert thidua.ERROR_CLASSES["overflow"] is thidua.ThiduaOverflowError


def test_core_errors_carry_code_message_and_data(kon_tum: thidua.Directive) -> None:
    with pytest.raises(thidua.JsonError) as e:
        thidua.Directive.from_json("{ not json")
    assert "line 1" in str(e.value) and e.value.code == "json"
    rs = thidua.ResultSet([{"unit": "A", "target": "99", "period": "2024", "value": "1"}])
    with pytest.raises(thidua.UnknownTargetError) as e2:
        thidua.evaluate(kon_tum, rs)
    err = e2.value
    assert isinstance(err, ValueError)
    assert err.code == "unknown_target"
    assert err.data == {"code": "unknown_target", "target": "99", "location": err.data["location"],
                        "loc": ["results", 0, "target"]}
    assert "results[0]" in str(err)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is thidua.UnknownTargetError and back.code == "unknown_target" and back.data == err.data
    with pytest.raises(thidua.InvalidNumberError):
        thidua.ResultSet([{"unit": "A", "target": "1", "period": "2024", "value": math.nan}])
    with pytest.raises(thidua.InvalidNumberError):
        thidua.ResultSet([{"unit": "A", "target": "1", "period": "2024", "value": Decimal("Infinity")}])
    with pytest.raises(thidua.InvalidPeriodError) as bad_period:
        thidua.ResultSet([{"unit": "A", "target": "1", "period": "2024-H3"}])
    assert bad_period.value.loc == ("results", 0, "period")
    with pytest.raises(thidua.JsonError):
        thidua.ResultSet([{"unit": "A", "target": "1", "period": "2024", "colour": "red"}])


def test_wrong_types_raise_type_errors(kon_tum: thidua.Directive) -> None:
    with pytest.raises(TypeError):
        thidua.evaluate("directive", thidua.ResultSet())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        thidua.evaluate(kon_tum, [{"unit": "A"}])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        thidua.ResultSet(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        thidua.ResultSet([{"unit": object()}])
    with pytest.raises(TypeError):
        thidua.Directive.from_dict({1: 2})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        thidua.Directive.from_json(5)  # type: ignore[arg-type]
    with pytest.raises(thidua.JsonError):  # UTF-8 bytes are JSON text too, as for json.loads
        thidua.Directive.from_json(b"{}")
    with pytest.raises(FileNotFoundError):
        thidua.Directive.load(REPO / "no-such-file.json")


def _mutate(rng: random.Random, v):  # type: ignore[no-untyped-def]
    choice = rng.random()
    if isinstance(v, dict) and v and choice < 0.5:
        k = rng.choice(list(v))
        v = dict(v)
        v[k] = _mutate(rng, v[k])
        return v
    if isinstance(v, list) and v and choice < 0.5:
        v = list(v)
        i = rng.randrange(len(v))
        v[i] = _mutate(rng, v[i])
        return v
    return rng.choice(
        [None, True, -1, 0, 2**70, "", "x", "-0", "1e400", "nan", "2024-H3", "99", 1.5, [], {}, "7.1", "12a", "9" * 40]
    )


def test_garbage_never_panics(kon_tum: thidua.Directive) -> None:
    """Random mutations of valid inputs: every failure is a ThiduaError or TypeError, never a
    PanicException (a BaseException) or a crash."""
    rng = random.Random(5)
    directive_json = kon_tum.to_dict()
    results_json = read_json("docs/examples/results/002_kon-tum-2024.illustrative.json")
    raised = 0
    for _ in range(600):
        try:
            d = thidua.Directive.from_dict(_mutate(rng, directive_json)) if rng.random() < 0.3 else kon_tum
            r = thidua.ResultSet.from_json(json.dumps(_mutate(rng, results_json)))
            thidua.evaluate(d, r).to_dataframe
        except (thidua.ThiduaError, TypeError):
            raised += 1
    assert raised > 50


# ---- scoring --------------------------------------------------------------------------


def test_score_with_binding_objects(kon_tum: thidua.Directive, kon_tum_results: thidua.ResultSet) -> None:
    vector = read_json("tests/vectors/scoring/kon-tum-2024-clusters.json")
    inp = vector["input"]
    by_paths = thidua.score(inp, base_dir=REPO)
    assert json.loads(by_paths.to_json()) == vector["expect"]
    # The same input with documents loaded in Python and objects standing in for JSON.
    inp2 = dict(inp)
    inp2["scheme"] = read_json(inp["scheme"])
    inp2["roster"] = read_json(inp["roster"])
    inp2["directive"] = kon_tum
    stages = []
    for s in inp["stages"]:
        s2 = dict(s)
        for k in ["evaluation", "results", "council_points", "bonuses", "penalties"]:
            if isinstance(s2.get(k), str):
                s2[k] = read_json(s2[k])
        if isinstance(s2.get("results"), dict):
            s2["results"] = thidua.ResultSet.from_json(json.dumps(s2["results"]))
        stages.append(s2)
    inp2["stages"] = stages
    report = thidua.score(inp2)
    assert report == by_paths
    assert pickle.loads(pickle.dumps(report)) == report
    assert report.stages and report.scheme
    assert "Cụm" in report.render_vi() or "Khối" in report.render_vi()
    assert "<table>" in report._repr_html_()
    first = report.to_dict()["units"][0]["unit"]
    assert report.unit(first)["unit"] == first
    with pytest.raises(KeyError):
        report.unit("no such unit")
    with pytest.raises(thidua.JsonError):
        thidua.score("{")
    with pytest.raises(thidua.InvalidInputError):
        thidua.score({"scheme": "missing.json", "roster": [], "stages": []}, base_dir=REPO)


# ---- parsing --------------------------------------------------------------------------

PARSE_TEXT = (
    "Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động phong trào "
    "thi đua năm 2025.\nCác chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt từ 8% trở lên; "
    "(2) Thu nhập bình quân đầu người trên 75 triệu đồng; (3) Tỷ lệ hộ nghèo giảm ít nhất 1,5%; "
    "(4) Đảm bảo an ninh."
)


def test_parse_directive() -> None:
    r = thidua.parse_directive(PARSE_TEXT)
    d = r.directive
    assert d.number == "05/CT-UBND" and d.year == 2025
    assert d.target_ids() == ["1", "2", "3", "4"]
    assert d["1"].kind == "growth_rate" and d["3"].kind == "reduction" and d["4"].kind == "qualitative"
    # spans are str indices (the core counts UTF-8 bytes): slicing gives the item's text
    spans = r.item_spans
    assert [n for n, _, _ in spans] == [1, 2, 3, 4]
    assert PARSE_TEXT[spans[3][1] : spans[3][2]] == "Đảm bảo an ninh"
    qual = [x for x in r.diagnostics if x.code == "qualitative"]
    assert qual and PARSE_TEXT[qual[0].start : qual[0].end] == "Đảm bảo an ninh"
    assert all(x.severity in ("info", "warning", "error") for x in r.diagnostics)
    assert set(x.code for x in r.diagnostics) <= set(thidua.DIAGNOSTIC_CODES)
    assert json.loads(r.to_json()) == r.to_dict()
    back = pickle.loads(pickle.dumps(r))
    assert back.to_dict() == r.to_dict()
    assert r.to_directive() == d  # this draft passes the core's validation
    df = r.diagnostics_dataframe()
    assert list(df.columns) == ["severity", "code", "message", "start", "end"]


def test_parse_never_fails_on_garbage() -> None:
    rng = random.Random(3)
    alphabet = "(1);:.,%- \n\t\u00a0–—trênđạtgiảmtừ trở lên 0123456789 triệu tỷ đồng Chỉ thị số/CT-UBND"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        r = thidua.parse_directive(text)
        for x in r.diagnostics:
            assert 0 <= x.start <= x.end <= len(text)
