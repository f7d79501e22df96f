"""Hostile inputs (issue "no input crashes, hangs or escapes"): for each, a typed error
(a ``ThiduaError`` subclass, or ``TypeError`` for a wrong Python type; ``KeyError`` for a
lookup) or a correct result — never a crash, a hang, a leaked ``AttributeError`` /
``OverflowError`` / ``decimal.InvalidOperation``, or a file read from data.

Each group runs in a child interpreter under a memory limit (address space 4 GiB) and a time
limit (generous, for a debug wheel on a shared 2-core machine), so that a segfault, a runaway
allocation or an endless read fails the test instead of killing the run."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from typing import Any, Dict, List

import pytest

from conftest import REPO

MEMORY_LIMIT = 4 << 30
TIME_LIMIT = 240

PRELUDE = r'''
import json, math, sys, time, decimal, datetime, os
from decimal import Decimal
import thidua
REPO = sys.argv[1]
DIRECTIVE = thidua.Directive.load(os.path.join(REPO, "docs/examples/002_kon-tum-2024.json"))
RESULTS = thidua.ResultSet.load(os.path.join(REPO, "docs/examples/results/002_kon-tum-2024.illustrative.json"))
OUT = []
def row(**kw):
    r = {"unit": "A", "target": "1", "period": "2024"}
    r.update(kw)
    return r
def case(name, fn):
    t = time.perf_counter()
    try:
        v = fn()
        rec = {"name": name, "ok": True, "value": v if isinstance(v, (str, int, float, bool, type(None), list)) else type(v).__name__}
    except BaseException as e:  # noqa: BLE001 - the point is to see every kind
        rec = {"name": name, "ok": False, "error": type(e).__name__, "typed": isinstance(e, (thidua.ThiduaError, TypeError, KeyError)),
               "code": getattr(e, "code", None), "loc": list(getattr(e, "loc", ()) or ())[:6],
               "message_len": len(str(e)), "message": str(e)[:300]}
    rec["seconds"] = round(time.perf_counter() - t, 3)
    OUT.append(rec)
'''


def run_isolated(body: str) -> List[Dict[str, Any]]:
    code = PRELUDE + textwrap.dedent(body) + "\nprint('\\n' + json.dumps(OUT))\n"

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    p = subprocess.run(
        [sys.executable, "-c", code, str(REPO)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=limits,
        cwd=os.path.dirname(__file__),
    )
    assert p.returncode == 0, f"child died (code {p.returncode}): {p.stderr[-2000:]}"
    return json.loads(p.stdout.strip().splitlines()[-1])


def by_name(out: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {r["name"]: r for r in out}


def assert_typed(out: List[Dict[str, Any]]) -> None:
    bad = [r for r in out if not r["ok"] and not r["typed"]]
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


# ---- cycles and depth ------------------------------------------------------------------


def test_cycles_and_depth_raise_invalid_input_with_the_path() -> None:
    out = run_isolated(
        r'''
        d = {"kind": "plan"}; d["issuer"] = d
        l = []; l.append(l)
        a = {}; b = {"a": a}; a["b"] = b
        deep_list = 0
        for _ in range(20000): deep_list = [deep_list]
        deep_dict = {}
        for _ in range(20000): deep_dict = {"a": deep_dict}
        sub = {"id": "x", "name": "x", "spec": {"kind": "qualitative"}}
        for i in range(10000): sub = {"id": f"t{i}", "name": "x", "spec": {"kind": "qualitative"}, "sub_targets": [sub]}
        deep_directive = {"kind": "plan", "issuer": {"name": "UBND"}, "coverage": {"year": 2024}, "title": "t",
                          "items": [{"number": 1, "text": "x", "targets": [sub]}]}
        case("Directive.from_dict cycle", lambda: thidua.Directive.from_dict(d))
        case("Directive.from_dict mutual cycle", lambda: thidua.Directive.from_dict(a))
        case("ResultSet cycle", lambda: thidua.ResultSet([row(note=l)]))
        case("from_records deep list", lambda: thidua.ResultSet.from_records([row(note=deep_list)]))
        case("EvaluationOptions.from_dict deep", lambda: thidua.EvaluationOptions.from_dict(deep_dict))
        case("evaluate options cycle", lambda: thidua.evaluate(DIRECTIVE, RESULTS, d))
        case("score deep", lambda: thidua.score(deep_dict))
        case("score cycle", lambda: thidua.score(d))
        case("sub_targets 10000 deep (dict)", lambda: thidua.Directive.from_dict(deep_directive))
        case("100000 brackets (JSON text)", lambda: thidua.Directive.from_json("[" * 100000))
        at_limit = {}
        for _ in range(94): at_limit = {"a": at_limit}  # 95 dicts; with the outer one, 96 (the core's MAX_NESTING_DEPTH)
        case("options 96 levels: not a depth error", lambda: thidua.EvaluationOptions.from_dict({"x": at_limit}))
        over = {"z": {"x": at_limit}}  # 97
        case("options 97 levels", lambda: thidua.EvaluationOptions.from_dict(over))
        '''
    )
    assert_typed(out)
    r = by_name(out)
    for name in [
        "Directive.from_dict cycle",
        "Directive.from_dict mutual cycle",
        "ResultSet cycle",
        "evaluate options cycle",
        "score cycle",
    ]:
        assert r[name]["error"] == "InvalidInputError", r[name]
        assert "cycle" in r[name]["message"], r[name]
    assert r["Directive.from_dict cycle"]["loc"] == ["issuer"]
    assert r["ResultSet cycle"]["loc"] == ["results", 0, "note", 0]
    for name in ["from_records deep list", "EvaluationOptions.from_dict deep", "score deep", "sub_targets 10000 deep (dict)", "options 97 levels"]:
        assert r[name]["error"] == "InvalidInputError" and "deeper than 96" in r[name]["message"], r[name]
        assert r[name]["message_len"] < 1000, r[name]
    assert r["from_records deep list"]["loc"][:3] == ["results", 0, "note"]
    assert r["100000 brackets (JSON text)"]["error"] == "LimitExceededError"
    # 96 levels is not refused for its depth (it fails as an unknown option field instead)
    assert "deeper than" not in r["options 96 levels: not a depth error"].get("message", "")


# ---- numbers ---------------------------------------------------------------------------


def test_nan_infinities_and_huge_numbers_are_refused_or_exact() -> None:
    out = run_isolated(
        r'''
        for label, v in [("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf), ("Decimal NaN", Decimal("NaN")),
                         ("Decimal sNaN", Decimal("sNaN")), ("Decimal Infinity", Decimal("-Infinity")),
                         ("2**200", 2**200), ("2**20000", 2**20000)]:
            case("records " + label, lambda v=v: thidua.ResultSet([row(value=v)]))
            case("to_decimal_exact " + label, lambda v=v: thidua.to_decimal_exact(v))
            case("format_vn " + label, lambda v=v: thidua.format_vn(v))
            case("Directive.from_dict " + label, lambda v=v: thidua.Directive.from_dict({"kind": "plan", "x": v}))
            if label not in ("nan", "Decimal NaN"):  # NaN in a column is a missing cell (pandas' convention)
                case("columns " + label, lambda v=v: thidua.ResultSet.from_columns({"unit": ["A"], "target": ["1"], "period": ["2024"], "value": [v]}))
        case("columns nan is absent", lambda: [e["value"] for e in thidua.ResultSet.from_columns({"unit": ["A"], "target": ["1"], "period": ["2024"], "value": [math.nan]}).to_dict()["entries"] if "value" in e])
        case("records 2**70 exact", lambda: thidua.ResultSet([row(value=2**70)]).to_dict()["entries"][0]["value"])
        case("to_decimal_exact 2**90", lambda: str(thidua.to_decimal_exact(2**90)))
        case("uint64 column beyond int64", lambda: str(thidua.ResultSet.from_columns({"unit": ["A"], "target": ["1"], "period": ["2024"], "value": __import__("numpy").array([2**64 - 1], dtype="uint64")}).to_records()[0]["value"]))
        case("format_vn_rounded digits -1", lambda: thidua.format_vn_rounded(1, -1))
        case("format_vn_rounded digits 2**70", lambda: thidua.format_vn_rounded(1, 2**70))
        case("format_vn_fixed digits 29", lambda: thidua.format_vn_fixed(1, 29))
        case("EvaluationOptions ratio_digits -1", lambda: thidua.EvaluationOptions(ratio_digits=-1))
        case("EvaluationOptions ratio_digits 2**70", lambda: thidua.EvaluationOptions(ratio_digits=2**70))
        case("1e400 string", lambda: thidua.ResultSet([row(value="1e400")]))
        case("40 nines", lambda: thidua.ResultSet([row(value="9" * 40)]))
        '''
    )
    assert_typed(out)
    r = by_name(out)
    for label in ["nan", "inf", "-inf", "Decimal NaN", "Decimal sNaN", "Decimal Infinity", "2**200", "2**20000"]:
        for path in ["records", "to_decimal_exact", "format_vn", "Directive.from_dict"] + ([] if "NaN" in label or label == "nan" else ["columns"]):
            rec = r[f"{path} {label}"]
            assert not rec["ok"] and rec["error"] == "InvalidNumberError", rec
            assert rec["message_len"] < 500, rec
    assert r["records nan"]["loc"] == ["results", 0, "value"]
    assert r["columns inf"]["loc"] == ["results", 0, "value"]
    assert r["Directive.from_dict inf"]["loc"] == ["x"]
    assert r["columns nan is absent"]["value"] == []
    assert r["records 2**70 exact"]["value"] == str(2**70)
    assert r["to_decimal_exact 2**90"]["value"] == str(2**90)
    assert r["uint64 column beyond int64"]["value"] == str(2**64 - 1)
    for name in ["format_vn_rounded digits -1", "format_vn_rounded digits 2**70", "format_vn_fixed digits 29"]:
        assert r[name]["error"] == "InvalidInputError", r[name]
    for name in ["EvaluationOptions ratio_digits -1", "EvaluationOptions ratio_digits 2**70"]:
        assert not r[name]["ok"] and r[name]["error"] in ("JsonError", "InvalidInputError"), r[name]
    assert not r["1e400 string"]["ok"] and not r["40 nines"]["ok"]


def test_more_than_28_significant_digits_is_an_error() -> None:
    """Never rounded, on every path, with the location of the value."""
    out = run_isolated(
        r'''
        v = "9.99999999999999999999999999999999"
        case("records", lambda: thidua.ResultSet([row(value=v)]))
        case("records Decimal", lambda: thidua.ResultSet([row(value=Decimal(v))]))
        case("json text", lambda: thidua.ResultSet.from_json(json.dumps({"entries": [row(value=v)]})))
        case("columns", lambda: thidua.ResultSet.from_columns({"unit": ["A", "A"], "target": ["1", "1"], "period": ["2024", "2024"], "value": ["1", v]}))
        case("DataFrame", lambda: thidua.ResultSet.from_dataframe(__import__("pandas").DataFrame([row(value="1"), row(value=v)])))
        case("to_decimal_exact", lambda: thidua.to_decimal_exact(v))
        case("format_vn", lambda: thidua.format_vn(Decimal(v)))
        case("29 digits records", lambda: thidua.ResultSet([row(value="9.9999999999999999999999999999")]))
        case("1e-29 records", lambda: thidua.ResultSet([row(value="1e-29")]))
        case("28 decimals fit", lambda: str(thidua.ResultSet([row(value="0.1234567890123456789012345678")]).to_records()[0]["value"]))
        case("directive dict", lambda: thidua.Directive.from_dict({**json.loads(DIRECTIVE.to_json()), "items": [
            {**json.loads(DIRECTIVE.to_json())["items"][0], "targets": [{**json.loads(DIRECTIVE.to_json())["items"][0]["targets"][0], "spec": {**json.loads(DIRECTIVE.to_json())["items"][0]["targets"][0]["spec"], "value": v}}]}]}))
        '''
    )
    assert_typed(out)
    r = by_name(out)
    for name in ["records", "records Decimal", "json text", "columns", "DataFrame", "to_decimal_exact", "format_vn", "29 digits records", "directive dict"]:
        assert not r[name]["ok"] and r[name]["error"] == "InvalidNumberError", r[name]
        assert "significant digits" in r[name]["message"], r[name]
    for name in ["records", "records Decimal", "json text", "29 digits records"]:
        assert r[name]["loc"] == ["results", 0, "value"], r[name]
    for name in ["columns", "DataFrame"]:
        assert r[name]["loc"] == ["results", 1, "value"], r[name]
    # the path goes as deep as serde can follow (into the target, whose spec is a tagged enum)
    assert r["directive dict"]["loc"][:4] == ["items", 0, "targets", 0], r["directive dict"]
    assert r["1e-29 records"]["error"] == "InvalidNumberError" and "too small" in r["1e-29 records"]["message"]
    assert r["28 decimals fit"]["value"] == "0.1234567890123456789012345678"


# ---- text ------------------------------------------------------------------------------


def test_lone_surrogates_invalid_utf8_and_huge_strings() -> None:
    out = run_isolated(
        r'''
        big = "x" * (10 * 1024 * 1024)
        case("from_json surrogate", lambda: thidua.Directive.from_json('{"kind": "\ud800"}'))
        case("records surrogate value", lambda: thidua.ResultSet([row(unit="S\ud800")]))
        case("records surrogate key", lambda: thidua.ResultSet([{"\udc80": 1}]))
        case("parse_directive surrogate", lambda: thidua.parse_directive("(1) \ud800"))
        case("parse_vn surrogate", lambda: thidua.parse_vn("3\ud800"))
        case("lookup surrogate", lambda: DIRECTIVE.target("\ud800"))
        case("getitem surrogate", lambda: DIRECTIVE["\ud800"])
        case("contains surrogate", lambda: "\ud800" in DIRECTIVE)
        case("from_json invalid utf-8", lambda: thidua.ResultSet.from_json(b'{"entries": ["\xff"]}'))
        case("parse_directive invalid utf-8", lambda: thidua.parse_directive(b"\xff\xfe(1)"))
        case("from_json utf-8 bytes", lambda: len(thidua.ResultSet.from_json('{"entries": [{"unit": "Đăk Hà", "target": "1", "period": "2024"}]}'.encode())))
        case("columns bytes cells", lambda: thidua.ResultSet.from_columns({"unit": [b"\xff\xfe"], "target": ["1"], "period": ["2024"]}))
        case("10 MB unit name", lambda: thidua.evaluate(DIRECTIVE, thidua.ResultSet([row(unit=big, value="9")])).units[0].unit == big)
        case("10 MB bad number", lambda: thidua.ResultSet([row(value=big)]))
        case("10 MB parse", lambda: len(thidua.parse_directive("(1) Tăng trưởng đạt 8%. " * 200000).diagnostics) >= 0)
        '''
    )
    assert_typed(out)
    r = by_name(out)
    for name in ["from_json surrogate", "records surrogate value", "records surrogate key", "parse_directive surrogate", "parse_vn surrogate",
                 "from_json invalid utf-8", "parse_directive invalid utf-8"]:
        assert r[name]["error"] == "InvalidInputError", r[name]
    assert r["records surrogate value"]["loc"] == ["results", 0, "unit"]
    assert r["lookup surrogate"] == {**r["lookup surrogate"], "ok": True, "value": None}
    assert r["getitem surrogate"]["error"] == "KeyError"
    assert r["contains surrogate"]["value"] is False
    assert r["from_json utf-8 bytes"]["value"] == 1
    assert r["columns bytes cells"]["error"] == "TypeError"
    assert r["10 MB unit name"]["value"] is True
    assert r["10 MB parse"]["ok"]
    assert not r["10 MB bad number"]["ok"]


def test_messages_cap_echoed_input() -> None:
    """A 10 MB bad string is never echoed whole, whichever error repeats it (the core caps
    every variant's message)."""
    out = run_isolated(
        r'''
        big = "x" * (10 * 1024 * 1024)
        case("10 MB bad number", lambda: thidua.ResultSet([row(value=big)]))
        case("10 MB bad number (JSON text)", lambda: thidua.ResultSet.from_json(json.dumps([row(value=big)])))
        case("10 MB bad number (columns)", lambda: thidua.ResultSet.from_columns({"unit": ["A"], "target": ["1"], "period": ["2024"], "value": [big]}))
        case("10 MB judgement", lambda: thidua.ResultSet([row(judgement=big)]))
        case("10 MB scale", lambda: thidua.ResultSet([row(value="1", scale=big)]))
        case("10 MB scale (columns)", lambda: thidua.ResultSet.from_columns({"unit": ["A"], "target": ["1"], "period": ["2024"], "scale": [big]}))
        case("10 MB period", lambda: thidua.ResultSet([row(period=big)]))
        case("10 MB key", lambda: thidua.ResultSet([{**row(), big: 1}]))
        case("10 MB unknown target", lambda: thidua.evaluate(DIRECTIVE, thidua.ResultSet([row(target=big, value="1")])))
        case("10 MB parse_vn", lambda: thidua.parse_vn(big))
        case("10 MB directive kind", lambda: thidua.Directive.from_dict({**json.loads(DIRECTIVE.to_json()), "kind": big}))
        '''
    )
    assert_typed(out)
    for rec in out:
        assert not rec["ok"], rec
        assert rec["message_len"] < 2000, (rec["name"], rec["message_len"], rec["message"][:200])


# ---- wrong types -----------------------------------------------------------------------


def test_wrong_types_never_leak_other_exceptions() -> None:
    """Every entry point × a battery of odd values: a ThiduaError, TypeError or (lookups)
    KeyError, or a result — never AttributeError, OverflowError, InvalidOperation…"""
    out = run_isolated(
        r'''
        import numpy as np
        e = thidua.evaluate(DIRECTIVE, RESULTS)
        weird = [None, True, 0, -1, 2**64, 2**20000, 1.5, math.nan, math.inf, "", "x", "nan", "1e400", "9" * 40,
                 b"\xff\xfe", bytearray(b"{}"), Decimal("NaN"), Decimal("sNaN"), Decimal("1e-40"), [], {}, [1], {"a": 1},
                 object(), datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1), (1, 2), {1, 2}, frozenset(), range(3),
                 DIRECTIVE, RESULTS, e, type, len, memoryview(b"x"), complex(1, 2), "2024-H1", np.array([[1, 2]]), np.float64("nan")]
        calls = {
            "Directive.from_json": lambda a: thidua.Directive.from_json(a),
            "Directive.from_dict": lambda a: thidua.Directive.from_dict(a),
            "Directive.target": lambda a: DIRECTIVE.target(a),
            "ResultSet": lambda a: thidua.ResultSet(a),
            "ResultSet value": lambda a: thidua.ResultSet([row(value=a)]),
            "ResultSet period": lambda a: thidua.ResultSet([row(period=a)]),
            "ResultSet.from_json": lambda a: thidua.ResultSet.from_json(a),
            "ResultSet.from_records": lambda a: thidua.ResultSet.from_records(a),
            "ResultSet.from_columns": lambda a: thidua.ResultSet.from_columns(a),
            "from_columns cell": lambda a: thidua.ResultSet.from_columns({"unit": ["A"], "target": ["1"], "period": ["2024"], "value": [a]}),
            "from_columns column": lambda a: thidua.ResultSet.from_columns({"unit": ["A"], "target": ["1"], "period": ["2024"], "value": a}),
            "ResultSet.from_dataframe": lambda a: thidua.ResultSet.from_dataframe(a),
            "ResultSet.concat": lambda a: thidua.ResultSet.concat(a),
            "EvaluationOptions ratio_digits": lambda a: thidua.EvaluationOptions(ratio_digits=a),
            "EvaluationOptions.from_dict": lambda a: thidua.EvaluationOptions.from_dict(a),
            "EvaluationOptions.from_json": lambda a: thidua.EvaluationOptions.from_json(a),
            "evaluate options": lambda a: thidua.evaluate(DIRECTIVE, RESULTS, a),
            "evaluate directive": lambda a: thidua.evaluate(a, RESULTS),
            "Evaluation.from_json": lambda a: thidua.Evaluation.from_json(a),
            "Evaluation.unit": lambda a: e.unit(a),
            "Evaluation.unit period": lambda a: e.unit("Tỉnh Kon Tum", a),
            "to_dataframe decimals": lambda a: e.to_dataframe(decimals=a),
            "UnitEvaluation.target": lambda a: e.units[0].target(a),
            "score": lambda a: thidua.score(a),
            "score parts": lambda a: thidua.score({"scheme": a, "roster": a, "stages": a}),
            "ScoreReport.from_json": lambda a: thidua.ScoreReport.from_json(a),
            "parse_directive": lambda a: thidua.parse_directive(a),
            "ParseResult.from_json": lambda a: thidua.ParseResult.from_json(a),
            "parse_vn": lambda a: thidua.parse_vn(a),
            "format_vn": lambda a: thidua.format_vn(a),
            "format_vn_rounded digits": lambda a: thidua.format_vn_rounded(Decimal("1.5"), a),
            "format_vn_fixed": lambda a: thidua.format_vn_fixed(a),
            "to_decimal_exact": lambda a: thidua.to_decimal_exact(a),
            "period_label_vi": lambda a: thidua.period_label_vi(a),
            "json_schema": lambda a: thidua.json_schema(a),
        }
        for name, f in calls.items():
            for i, a in enumerate(weird):
                case(f"{name} #{i} {type(a).__name__}", lambda f=f, a=a: (f(a), None)[1])
        '''
    )
    bad = [r for r in out if not r["ok"] and not r["typed"]]
    assert not bad, json.dumps(bad[:10], ensure_ascii=False, indent=1)
    assert len(out) > 1000
    # a KeyError only from lookups
    lookups = ("Directive.target", "Evaluation.unit", "UnitEvaluation.target", "json_schema")
    stray = [r["name"] for r in out if not r["ok"] and r["error"] == "KeyError" and not r["name"].startswith(lookups)]
    assert not stray, stray


# ---- size ------------------------------------------------------------------------------


def test_100k_units_through_every_input_path() -> None:
    out = run_isolated(
        r'''
        n = 100_000
        d = thidua.Directive.from_json(json.dumps({"kind": "plan", "issuer": {"name": "UBND huyện X"}, "coverage": {"year": 2024},
            "title": "t", "items": [{"number": 1, "text": "Tỷ lệ che phủ rừng đạt 59,3%", "targets": [{"id": "1", "name": "Che phủ rừng",
            "spec": {"kind": "rate", "comparator": "at_least", "value": "59.3"}}]}]}))
        units = [f"Xã {i}" for i in range(n)]
        values = [f"{50 + i % 20}.{i % 10}" for i in range(n)]
        records = [{"unit": u, "target": "1", "period": "2024", "value": v} for u, v in zip(units, values)]
        text = json.dumps({"entries": records})
        def check(rs):
            ev = thidua.evaluate(d, rs)
            return [len(ev), ev.units[n - 1].targets[0].status, ev.units[0].targets[0].status]
        case("JSON text", lambda: check(thidua.ResultSet.from_json(text)))
        case("records", lambda: check(thidua.ResultSet(records)))
        case("columns", lambda: check(thidua.ResultSet.from_columns({"unit": units, "target": ["1"] * n, "period": ["2024"] * n, "value": values})))
        '''
    )
    assert_typed(out)
    for r in out:
        assert r["ok"], r
        assert r["value"][0] == 100_000, r
        assert r["value"][1] == "exceeded" and r["value"][2] == "not_met", r  # 69.9 ≥ 59.3; 50.0 < 59.3


# ---- files -----------------------------------------------------------------------------


def test_score_input_never_reads_files_outside_base_dir(tmp_path: Any) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (tmp_path / "secret.json").write_text('{"secret": "do-not-echo"}', encoding="utf-8")
    (base / "link.json").symlink_to(tmp_path / "secret.json")
    (base / "dir.json").mkdir()
    os.mkfifo(base / "fifo.json")
    (base / "latin1.json").write_bytes(b'{"x": "\xe9"}')
    out = run_isolated(
        rf'''
        base = {str(base)!r}
        for label, p in [("absolute", {str(tmp_path / "secret.json")!r}), ("dotdot", "../secret.json"), ("symlink out", "link.json"),
                         ("directory", "dir.json"), ("fifo", "fifo.json"), ("dev zero", "/dev/zero"), ("missing", "nope.json"),
                         ("not utf-8", "latin1.json"), ("empty", "")]:
            case(label, lambda p=p: thidua.score({{"scheme": p, "roster": [], "stages": []}}, base_dir=base))
        case("no base_dir", lambda: thidua.score({{"scheme": "/etc/passwd", "roster": [], "stages": []}}))
        '''
    )
    assert_typed(out)
    for r in out:
        assert not r["ok"], r
        assert "do-not-echo" not in r["message"] and "root:" not in r["message"], r
        assert r["seconds"] < 30, r  # no blocking read on the FIFO, no endless read of /dev/zero
    r = by_name(out)
    for name in ["absolute", "dotdot", "symlink out", "directory", "fifo", "dev zero", "missing", "not utf-8", "empty"]:
        assert r[name]["error"] == "InvalidInputError", r[name]


def test_award_input_never_reads_files_outside_base_dir(tmp_path: Any) -> None:
    """check_awards / decide_awards read files named in their input through the same confined
    reader as score: every hostile path is refused with InvalidInputError, never echoing a
    file's content, never blocking; a file inside base_dir is read."""
    base = tmp_path / "base"
    base.mkdir()
    (tmp_path / "secret.json").write_text('{"secret": "do-not-echo"}', encoding="utf-8")
    (base / "link.json").symlink_to(tmp_path / "secret.json")
    (base / "dir.json").mkdir()
    os.mkfifo(base / "fifo.json")
    (base / "latin1.json").write_bytes(b'{"x": "\xe9"}')
    (base / "sub").mkdir()
    (base / "sub" / "history.json").write_text('{"subjects": []}', encoding="utf-8")
    out = run_isolated(
        rf'''
        base = {str(base)!r}
        hostile = [("absolute", {str(tmp_path / "secret.json")!r}), ("dotdot", "../secret.json"), ("dotdot inside", "sub/../../secret.json"),
                   ("symlink out", "link.json"), ("directory", "dir.json"), ("fifo", "fifo.json"), ("dev zero", "/dev/zero"),
                   ("missing", "nope.json"), ("not utf-8", "latin1.json"), ("empty", "")]
        for fn in ("check_awards", "decide_awards"):
            f = getattr(thidua, fn)
            for label, p in hostile:
                case(f"{{fn}} history {{label}}", lambda f=f, p=p: f({{"date": "2024-12-20", "history": p}}, base_dir=base))
                case(f"{{fn}} score {{label}}", lambda f=f, p=p: f({{"date": "2024-12-20", "score": p}}, base_dir=base))
                case(f"{{fn}} rule set {{label}}", lambda f=f, p=p: f({{"date": "2024-12-20", "rule_sets": [p + ".json" if p else "x.json"]}}, base_dir=base))
                case(f"{{fn}} nested score {{label}}", lambda f=f, p=p: f({{"date": "2024-12-20", "score": {{"scheme": p, "roster": [], "stages": []}}}}, base_dir=base))
            case(f"{{fn}} no base_dir", lambda f=f: f({{"date": "2024-12-20", "history": "/etc/passwd"}}))
            case(f"{{fn}} inside base_dir", lambda f=f: type(f({{"date": "2024-12-20", "year": 2024, "rule_sets": ["vn-nd98-2023"], "history": "sub/history.json"}}, base_dir=base)).__name__)
        '''
    )
    assert_typed(out)
    r = by_name(out)
    for rec in out:
        assert "do-not-echo" not in rec.get("message", "") and "root:" not in rec.get("message", ""), rec
        assert rec["seconds"] < 30, rec  # no blocking read on the FIFO, no endless read of /dev/zero
    for fn in ("check_awards", "decide_awards"):
        for label in ["absolute", "dotdot", "dotdot inside", "symlink out", "directory", "fifo", "dev zero", "missing", "not utf-8", "empty"]:
            for key in ("history", "score", "nested score"):
                rec = r[f"{fn} {key} {label}"]
                assert not rec["ok"] and rec["error"] == "InvalidInputError", rec
            if label not in ("empty",):
                rec = r[f"{fn} rule set {label}"]
                assert not rec["ok"] and rec["error"] == "InvalidInputError", rec
        # without base_dir, a string is never opened as a path (it is refused as a document)
        assert not r[f"{fn} no base_dir"]["ok"] and r[f"{fn} no base_dir"]["error"] == "JsonError", r[f"{fn} no base_dir"]
        assert r[f"{fn} inside base_dir"]["ok"], r[f"{fn} inside base_dir"]
