"""Differential test (tests/differential/README.md): every generated valid case goes through the
JSON-text path, the dict paths (``json.loads`` output, once with ``parse_float=Decimal``) and the
DataFrame path; all outputs must be byte-identical, and the digest of the canonical output must
be the one recorded in expected.jsonl (which the JS and Rust runners check too)."""

from __future__ import annotations

import hashlib
import json
import math
from decimal import Decimal
from typing import Any, Dict, List, Optional

import pytest

import thidua
from conftest import REPO

DIR = REPO / "tests" / "differential"
CASES: List[Dict[str, Any]] = [json.loads(line) for line in (DIR / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
EXPECTED: Dict[str, Dict[str, Any]] = {
    e["id"]: e for e in (json.loads(line) for line in (DIR / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
}
FIELDS = list(thidua.RESULT_COLUMNS)


def _directive_text(case: Dict[str, Any]) -> str:
    d = case["directive"]
    return (REPO / d).read_text(encoding="utf-8") if isinstance(d, str) else json.dumps(d, ensure_ascii=False)


def _canonical(text: str) -> str:
    return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _frame(entries: List[Dict[str, Any]]) -> Any:
    pd = pytest.importorskip("pandas")
    cols: Dict[str, List[Any]] = {}
    present = [f for f in FIELDS if any(f in e for e in entries)]
    for f in present:
        cols[f] = [e.get(f, None) for e in entries]
    df = pd.DataFrame({f: pd.Series(v, dtype=object) for f, v in cols.items()})
    return df


def _paths(case: Dict[str, Any]) -> Dict[str, str]:
    dtext = _directive_text(case)
    rtext = json.dumps(case["results"], ensure_ascii=False)
    opts: Optional[Dict[str, Any]] = case.get("options")
    out: Dict[str, str] = {}
    d = thidua.Directive.from_json(dtext)
    o = thidua.EvaluationOptions.from_json(json.dumps(opts)) if opts is not None else None
    out["json text"] = thidua.evaluate(d, thidua.ResultSet.from_json(rtext), o).to_json()
    for name, parse_float in (("dict", float), ("dict (Decimal)", Decimal)):
        dd = thidua.Directive.from_dict(json.loads(dtext, parse_float=parse_float))
        entries = json.loads(rtext, parse_float=parse_float)["entries"]
        out[name] = thidua.evaluate(dd, thidua.ResultSet(entries), opts).to_json()
    out["DataFrame"] = thidua.evaluate(d, thidua.ResultSet.from_dataframe(_frame(case["results"]["entries"])), o).to_json()
    return out


def test_cases_are_enough_and_blessed() -> None:
    assert len(CASES) >= 1000
    assert [c["id"] for c in CASES] == list(EXPECTED), "expected.jsonl does not match cases.jsonl: run tests/differential/bless.py"


@pytest.mark.parametrize("start", range(0, 1200, 100))
def test_every_path_gives_the_core_answer(start: int) -> None:
    failures = []
    for case in CASES[start : start + 100]:
        outs = _paths(case)
        base = outs["json text"]
        for name, text in outs.items():
            if text != base:
                failures.append(f"{case['id']}: {name} differs from the JSON-text path")
        c = _canonical(base).encode("utf-8")
        want = EXPECTED[case["id"]]
        if hashlib.sha256(c).hexdigest() != want["sha256"]:
            failures.append(f"{case['id']}: output digest {len(c)} bytes ≠ expected ({want['bytes']} bytes, {want['units']} units)")
    assert not failures, "\n".join(failures[:20])


def test_the_cases_exercise_every_number_form() -> None:
    kinds = set()
    for case in CASES:
        for e in case["results"]["entries"]:
            v = e.get("value")
            if isinstance(v, bool) or v is None:
                continue
            if isinstance(v, int):
                kinds.add("int")
            elif isinstance(v, float):
                assert math.isfinite(v)
                kinds.add("float")
            elif "e" in v:
                kinds.add("scientific string")
            elif "." in v and v.endswith("0"):
                kinds.add("string with trailing zero")
            else:
                kinds.add("string")
            if isinstance(e["period"], int):
                kinds.add("int period")
    assert kinds >= {"int", "float", "scientific string", "string with trailing zero", "string", "int period"}, kinds
