"""The compiled scoring path (``score_table`` / ``CompiledScheme``): results → evaluation →
scores → ranks as columns, the same numbers as the row-wise ``thidua.score`` — on every shared
scoring vector that fits the path, on random results, council points, bonuses and penalties
under random variants of the 1,000-point example scheme, from every input ``evaluate_table``
takes, with the same errors."""

from __future__ import annotations

import copy
import json
import pickle
import random
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import thidua

from conftest import REPO

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

VECTORS = sorted((REPO / "tests" / "vectors" / "scoring").glob("*.json"))
KON_TUM = REPO / "docs/examples/002_kon-tum-2024.json"
SCHEME_1000 = REPO / "docs/examples/scheme-1000.json"

# unit -> (total, criteria_total, {criterion: points}, band, rank, tied), decimals as text
Seen = Dict[str, Tuple[Any, ...]]


def _doc(v: Any) -> Any:
    """A document of a vector's input: a path relative to the repository root, or inline."""
    return json.loads((REPO / v).read_text(encoding="utf-8")) if isinstance(v, str) else v


def _text(d: Optional[Any]) -> Optional[str]:
    return None if d is None else str(d)


def row_wise(inp: Dict[str, Any], stage: Dict[str, Any]) -> Seen:
    """``thidua.score`` with ``stage`` as the only (final) stage: each unit's final numbers."""
    one = {k: v for k, v in inp.items() if k != "stages"}
    one["stages"] = [stage]
    rep = thidua.score(one).to_dict()
    out: Seen = {}
    for u in rep["units"]:
        card = u["scorecards"][-1]
        out[u["unit"]] = (
            card["total"],
            card["criteria_total"],
            {c["criterion"]: c["points"] for c in card["criteria"]},
            u["band"]["band"] if u["band"] else None,
            u["rank"],
            u["tied"],
        )
    return out


def compiled_seen(table: Any, criteria: List[str]) -> Seen:
    out: Seen = {}
    for r in table.to_pylist():
        out[r["unit"]] = (
            _text(r["total"]),
            _text(r["criteria_total"]),
            {c: _text(r[f"points_{c}"]) for c in criteria},
            r["band"],
            r["rank"],
            r["tied"],
        )
    return out


def _same(got: Seen, want: Seen, what: str) -> None:
    assert sorted(got) == sorted(want), what
    for unit, w in want.items():
        g = got[unit]
        # A bare 0 criteria total (scale 0) of the row-wise card reads 0 at the digits in a
        # decimal128 column: equal by value; every other number equal digit for digit.
        assert g[0] == w[0], (what, unit, g, w)
        assert Decimal(g[1]) == Decimal(w[1]), (what, unit, g, w)
        points = {c: p for c, p in g[2].items() if c in w[2]}
        assert points == w[2], (what, unit, g, w)
        assert g[3:] == w[3:], (what, unit, g, w)


def _fits(inp: Dict[str, Any]) -> bool:
    last = inp["stages"][-1] if inp.get("stages") else {}
    return (
        "directive" in inp
        and "results" in last
        and not inp.get("exclusions")
        and "targets" not in inp
    )


FITTING = [p for p in VECTORS if _fits(json.loads(p.read_text(encoding="utf-8"))["input"])]


_DOCS = {"scheme", "directive", "roster", "options", "targets", "exclusions"}
_STAGE_DOCS = {"evaluation", "results", "council_points", "bonuses", "penalties"}


def _resolved(inp: Dict[str, Any]) -> Dict[str, Any]:
    """The input with the file paths replaced by the files' JSON (as ``base_dir`` does)."""
    out = {k: _doc(v) if k in _DOCS else v for k, v in inp.items() if k != "stages"}
    out["stages"] = [{k: _doc(v) if k in _STAGE_DOCS else v for k, v in s.items()} for s in inp["stages"]]
    return out


def test_enough_vectors_fit() -> None:
    assert len(FITTING) >= 8, [p.name for p in FITTING]


@pytest.mark.parametrize("path", FITTING, ids=[p.stem for p in FITTING])
def test_every_fitting_vector_same_scores_or_same_error(path: Path) -> None:
    inp = _resolved(json.loads(path.read_text(encoding="utf-8"))["input"])
    final = dict(inp["stages"][-1])
    results = final.pop("results")
    directive = thidua.Directive.from_json(json.dumps(inp["directive"]))
    try:
        cd = thidua.CompiledDirective(directive, inp.get("options"))
    except thidua.ThiduaError:
        pytest.skip("the directive does not compile")
    try:
        want: Any = row_wise(inp, {**final, "results": results})
    except thidua.ThiduaError as e:
        want = e
    try:
        cs = thidua.CompiledScheme(inp["scheme"], cd)
    except thidua.ThiduaError as e:
        # Refused when compiling: the row-wise error (a scheme that is not JSON of a scheme is
        # read alone here, not inside a score input: same class, its own wording).
        assert isinstance(want, thidua.ThiduaError), f"{path.name}: {e}"
        assert type(e) is type(want)
        if not isinstance(e, thidua.JsonError):
            assert (str(e), e.loc) == (str(want), want.loc)
        return
    try:
        table = thidua.score_table(cs, json.dumps(results), inp["roster"], stage=final, period=inp.get("period"))
    except thidua.ThiduaError as e:
        assert isinstance(want, thidua.ThiduaError), f"{path.name}: {e}"
        assert (type(e), str(e), e.loc) == (type(want), str(want), want.loc)
        return
    assert not isinstance(want, Exception), f"{path.name}: compiled path scored, row-wise raised {want}"
    _same(compiled_seen(table, cs.criterion_ids), want, path.name)
    # the same numbers from every input evaluate_table takes
    rs = thidua.ResultSet.from_json(json.dumps(results))
    entries = json.loads(rs.to_json())["entries"]
    for source in (rs, json.dumps(results), entries, rs.to_dataframe()):
        again = thidua.score_table(cs, source, inp["roster"], stage=final, period=inp.get("period"))
        assert again.equals(table), path.name


# --- random cases: the Kon Tum 2024 directive, variants of the 1,000-point example scheme ---

def _targets(ts: List[Dict[str, Any]]) -> List[Tuple[str, str, Decimal]]:
    """(id, kind, target figure) of the targets and their sub-targets, in directive order."""
    out = []
    for t in ts:
        v = t["spec"].get("value", "10")
        out.append((t["id"], t["spec"]["kind"], Decimal(v["value"] if isinstance(v, dict) else v)))
        out += _targets(t.get("sub_targets", []))
    return out


_TARGETS = [t for item in json.loads(KON_TUM.read_text(encoding="utf-8"))["items"] for t in _targets(item.get("targets", []))]


def _results(rng: random.Random, units: List[str]) -> List[Dict[str, Any]]:
    rows: List[Dict[str, Any]] = []
    for u in units:
        for tid, kind, target in _TARGETS:
            roll = rng.random()
            if roll < 0.07:
                continue  # no data
            row: Dict[str, Any] = {"unit": u, "target": tid, "period": "2024"}
            if roll < 0.11:
                row["not_applicable"] = True
            elif kind == "reduction":
                row.update(value=str(Decimal(150 - rng.randrange(60)) / 10), baseline="15")
            elif kind == "rank_improvement":
                row.update(value=20 + rng.randrange(25), baseline=30 + rng.randrange(10))
            else:
                factor = Decimal(rng.randrange(40, 160)) / 100
                v = (target * factor).quantize(Decimal("0.01"))
                row["value"] = str(min(v, Decimal(100)) if kind in ("rate", "threshold_share") else v)
            rows.append(row)
    return rows


def _scheme(rng: random.Random) -> Dict[str, Any]:
    s = copy.deepcopy(json.loads(SCHEME_1000.read_text(encoding="utf-8")))
    s["rounding"] = {
        "digits": rng.choice([0, 1, 2, 3, 4]),
        "mode": rng.choice(["half_away_from_zero", "half_even", "down", "up"]),
    }
    policies = ["zero", "ineligible", "exclude_and_renormalise"]
    s["missing_result"] = {"no_data": rng.choice(policies), "not_applicable": rng.choice(policies)}
    ties = [{"kind": "targets_exceeded"}, {"kind": "targets_met_or_exceeded"},
            {"kind": "section_subtotal", "section": "A"}, {"kind": "criterion_points", "criterion": "A1"}]
    rng.shuffle(ties)
    s["tie_breakers"] = ties[: rng.randrange(len(ties) + 1)]
    if rng.random() < 0.5:
        s["classification"]["basis"] = "criteria_total"
    s.pop("awards", None)
    return s


def _stage(rng: random.Random, scheme: Dict[str, Any], units: List[str]) -> Dict[str, Any]:
    council = [c for sec in scheme["sections"] for c in sec["criteria"] if c["rule"]["kind"] == "council"]
    points = []
    for u in units:
        for c in council:
            if rng.random() < 0.85:
                points.append({"unit": u, "criterion": c["id"], "points": str(Decimal(rng.randrange(0, int(c["max"]) * 4 + 1)) / 4)})
    bonuses = [{"unit": u, "id": b["id"]} for u in units for b in scheme["bonus"]["fixed"] if rng.random() < 0.2]
    penalties = [{"unit": u, "id": p["id"]} for u in units for p in scheme["penalties"] if rng.random() < 0.15]
    stage = rng.choice(["self_assessment", "cluster_review", "board_appraisal"])
    return {"stage": stage, "council_points": points, "bonuses": bonuses, "penalties": penalties}


@pytest.mark.parametrize("seed", range(30))
def test_random_cases_same_scores_as_row_wise(seed: int, kon_tum: thidua.Directive) -> None:
    rng = random.Random(seed)
    units = [f"Huyện {i:02d}" for i in range(rng.randrange(2, 14))]
    groups = ["Cụm 1", "Cụm 2", "Khối A"]
    roster = [{"unit": u, "group": g, "kind": "bloc" if g.startswith("Khối") else "cluster"}
              for u in units for g in [rng.choice(groups)]]
    scheme = _scheme(rng)
    stage = _stage(rng, scheme, units)
    rows = _results(rng, units)
    want = row_wise({"scheme": scheme, "directive": kon_tum, "roster": roster}, {**stage, "results": rows})
    cs = thidua.CompiledScheme(scheme, thidua.CompiledDirective(kon_tum))
    got = thidua.score_table(cs, pd.DataFrame(rows), pd.DataFrame(roster), stage=stage)
    _same(compiled_seen(got, cs.criterion_ids), want, f"seed {seed}")


# --- the API: inputs, outputs, errors ---


@pytest.fixture(scope="module")
def case() -> Dict[str, Any]:
    rng = random.Random(7)
    units = [f"Xã {i}" for i in range(6)]
    roster = [{"unit": u, "group": "Cụm 1" if i % 2 else "Cụm 2", "kind": "cluster"} for i, u in enumerate(units)]
    scheme = json.loads(SCHEME_1000.read_text(encoding="utf-8"))
    return {"scheme": scheme, "roster": roster, "rows": _results(rng, units), "stage": _stage(rng, scheme, units)}


def test_columns_types_and_outputs(kon_tum: thidua.Directive, case: Dict[str, Any]) -> None:
    cs = thidua.CompiledScheme(case["scheme"], thidua.CompiledDirective(kon_tum))
    assert cs.digits == 3 and cs.criterion_ids[0] == "A1" and cs.directive.target_count == len(_TARGETS)
    t = thidua.score_table(cs, case["rows"], case["roster"], stage=case["stage"])
    names = t.column_names
    assert names[:7] == ["unit", "group", "total", "criteria_total", "band", "rank", "tied"]
    assert names[7:] == [f"points_{c}" for c in cs.criterion_ids]
    assert t.schema.field("total").type == pa.decimal128(38, 3)
    assert t.column("unit").to_pylist() == [r["unit"] for r in case["roster"]]
    lean = thidua.score_table(cs, case["rows"], case["roster"], stage=case["stage"], points=False)
    assert lean.column_names == names[:7] and lean.column("total").equals(t.column("total"))
    df = thidua.score_table(cs, case["rows"], case["roster"], stage=case["stage"], output="pandas")
    assert str(df["total"].dtype).startswith("decimal128")
    obj = thidua.score_table(cs, case["rows"], case["roster"], stage=case["stage"], output="pandas", decimals="object")
    assert [Decimal(str(x)) for x in obj["total"]] == t.column("total").to_pylist()
    assert all(isinstance(x, Decimal) for x in obj["total"])
    scores, rows = thidua.score_table(cs, case["rows"], case["roster"], stage=case["stage"], evaluation=True)
    assert scores.equals(t)
    assert rows.equals(thidua.evaluate_table(cs.directive, case["rows"]))
    # a scheme compiled on each call, for a Directive and options
    assert thidua.score_table(case["scheme"], case["rows"], case["roster"], kon_tum, stage=case["stage"]).equals(t)
    assert thidua.score_table(json.dumps(case["scheme"]), case["rows"], case["roster"], cs.directive, stage=case["stage"]).equals(t)
    # a roster as a pyarrow table
    assert thidua.score_table(cs, case["rows"], pa.Table.from_pylist(case["roster"]), stage=case["stage"]).equals(t)


def test_polars_output(kon_tum: thidua.Directive, case: Dict[str, Any]) -> None:
    pl = pytest.importorskip("polars")
    cs = thidua.CompiledScheme(case["scheme"], thidua.CompiledDirective(kon_tum))
    out = thidua.score_table(cs, pl.from_arrow(pa.Table.from_pylist(case["rows"])), case["roster"], output="polars")
    assert isinstance(out, pl.DataFrame) and out.height == len(case["roster"])


def test_pickle_and_repr(kon_tum: thidua.Directive, case: Dict[str, Any]) -> None:
    cs = thidua.CompiledScheme(case["scheme"], thidua.CompiledDirective(kon_tum))
    again = pickle.loads(pickle.dumps(cs))
    a = thidua.score_table(cs, case["rows"], case["roster"], stage=case["stage"])
    assert thidua.score_table(again, case["rows"], case["roster"], stage=case["stage"]).equals(a)
    assert json.loads(again.scheme_json()) == json.loads(cs.scheme_json())
    assert repr(cs) == f"CompiledScheme({case['scheme']['name']!r}, {len(cs.criterion_ids)} criteria)".replace("'", '"')


def test_uncovered_and_refused() -> None:
    huge = "79228162514264337593543950"
    s = {"name": "x", "scale": huge, "rounding": {"digits": 2, "mode": "half_even"}, "missing_result": "zero",
         "sections": [{"id": "A", "name": "A", "criteria": [
             {"id": "A1", "name": "a", "max": huge, "targets": ["1"], "rule": {"kind": "all_or_nothing"}}]}],
         "classification": {"basis": "total", "bands": [{"id": "k", "label_vi": "k", "label_en": "k"}]}}
    u = thidua.CompiledScheme.uncovered(s)
    assert u == [{"location": "sections[0].criteria[0].max", "reason": "the maximum is beyond the fixed-point range"}]
    assert thidua.CompiledScheme.uncovered(SCHEME_1000.read_text(encoding="utf-8")) == []
    cd = thidua.CompiledDirective(thidua.Directive.load(KON_TUM))
    with pytest.raises(thidua.InvalidSchemeError) as e:
        thidua.CompiledScheme(s, cd)
    assert "not covered by the compiled scoring path" in str(e.value)
    assert e.value.loc == ("sections", 0, "criteria", 0, "max")
    bad = dict(s, rounding={"digits": 2, "mode": "sideways"})
    with pytest.raises(thidua.ThiduaError):
        thidua.CompiledScheme.uncovered(bad)


def test_errors_are_the_row_wise_errors(kon_tum: thidua.Directive, case: Dict[str, Any]) -> None:
    cs = thidua.CompiledScheme(case["scheme"], thidua.CompiledDirective(kon_tum))
    # a unit with results but not on the roster
    roster = case["roster"][1:]
    with pytest.raises(thidua.ThiduaError) as row:
        thidua.score({"scheme": case["scheme"], "directive": kon_tum, "roster": roster,
                      "stages": [{**case["stage"], "results": case["rows"]}]})
    with pytest.raises(thidua.ThiduaError) as col:
        thidua.score_table(cs, case["rows"], roster, stage=case["stage"])
    assert (type(col.value), str(col.value)) == (type(row.value), str(row.value))
    # a bad roster entry and a bad stage are located under their argument
    with pytest.raises(thidua.ThiduaError) as e:
        thidua.score_table(cs, case["rows"], [dict(case["roster"][0], kind="town")] + case["roster"][1:])
    assert e.value.loc[:2] == ("roster", 0)
    with pytest.raises(thidua.ThiduaError) as e:
        thidua.score_table(cs, case["rows"], case["roster"], stage={"bonuses": []})
    assert e.value.loc == ("stage", "stage")
    # a bonus the scheme does not declare: the row-wise error, word for word
    stage = {"stage": "board_appraisal", "bonuses": [{"unit": "Xã 0", "id": "nope"}]}
    with pytest.raises(thidua.ThiduaError) as row:
        thidua.score({"scheme": case["scheme"], "directive": kon_tum, "roster": case["roster"],
                      "stages": [{**stage, "results": case["rows"]}]})
    with pytest.raises(thidua.ThiduaError) as col:
        thidua.score_table(cs, case["rows"], case["roster"], stage=stage)
    assert (type(col.value), str(col.value), col.value.loc) == (type(row.value), str(row.value), row.value.loc)
    # a bad result row names the row, as evaluate_table does
    rows = [dict(r) for r in case["rows"]]
    rows[3]["value"] = "NaN"
    with pytest.raises(thidua.InvalidNumberError):
        thidua.score_table(cs, rows, case["roster"])
    with pytest.raises(thidua.InvalidPeriodError):
        thidua.score_table(cs, case["rows"], case["roster"], period="not a period")
    with pytest.raises(ValueError, match="carries its directive"):
        thidua.score_table(cs, case["rows"], case["roster"], kon_tum)
    with pytest.raises(ValueError, match="needs its directive"):
        thidua.score_table(case["scheme"], case["rows"], case["roster"])
    with pytest.raises(TypeError):
        thidua.score_table(cs, case["rows"], 42)
    with pytest.raises(TypeError):
        cs.score(object(), case["roster"])
