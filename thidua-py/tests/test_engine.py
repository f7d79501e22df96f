"""The columnar path (``evaluate_table`` / ``CompiledDirective``): Arrow in and out, the same
answers as ``thidua.evaluate`` — on every shared evaluation vector, on random-ish rows of the
Kon Tum 2024 directive, from pyarrow, pandas and polars, with the same errors."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import thidua

from conftest import REPO

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

VECTORS = sorted((REPO / "tests" / "vectors" / "evaluate").glob("*.json"))


def _text(v: Any) -> str:
    return (REPO / v).read_text(encoding="utf-8") if isinstance(v, str) else json.dumps(v)


def _norm(v: Any) -> Any:
    """Decimal values by value (a decimal128 column has one scale: 1.5 reads 1.50)."""
    if v is None:
        return None
    if isinstance(v, Decimal):
        return v.normalize()
    if isinstance(v, str):
        try:
            return Decimal(v).normalize()
        except Exception:
            return v
    return v


FIELDS = ["status", "ratio", "gap", "result", "baseline", "achieved", "threshold", "pro_rata", "provenance"]


def _expected_rows(ev: thidua.Evaluation) -> List[Dict[str, Any]]:
    out = []
    for u in json.loads(ev.to_json())["units"]:
        for t in u["targets"]:
            out.append({"unit": u["unit"], "period": u["period"], "target": t["target"], **{f: t[f] for f in FIELDS},
                        "explanation_vi": t["explanation"]["vi"]})
    return out


def _table_rows(table: Any) -> List[Dict[str, Any]]:
    return table.to_pylist()


def _same(got: List[Dict[str, Any]], want: List[Dict[str, Any]]) -> None:
    assert len(got) == len(want)
    for g, w in zip(got, want):
        for k in ["unit", "period", "target", "explanation_vi"] + FIELDS:
            if k in g:
                assert _norm(g[k]) == _norm(w[k]), (k, g, w)


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_every_vector_same_answer_or_same_error(path: Path) -> None:
    v = json.loads(path.read_text(encoding="utf-8"))
    inp = v["input"]
    try:
        d = thidua.Directive.from_json(_text(inp["directive"]))
        rs = thidua.ResultSet.from_json(_text(inp["results"]))
        opts = thidua.EvaluationOptions.from_json(json.dumps(inp["options"])) if "options" in inp else None
    except thidua.ThiduaError:
        pytest.skip("the vector's input does not load")
    entries = json.loads(rs.to_json())["entries"]
    keys = sorted({k for e in entries for k in e})
    table = pa.table({k: [e.get(k) for e in entries] for k in keys}) if entries else pa.table({"unit": pa.array([], pa.string()), "target": pa.array([], pa.string()), "period": pa.array([], pa.string())})
    try:
        want = thidua.evaluate(d, rs, opts)
    except thidua.ThiduaError as e:
        with pytest.raises(thidua.ThiduaError) as got:
            thidua.evaluate_table(d, table, opts)
        assert type(got.value) is type(e)
        assert str(got.value) == str(e)
        # a ResultSet (from JSON) goes to the same engine and gives the same error
        # so do the JSON text and the records, read straight into columns
        for results in (_text(inp["results"]), entries):
            with pytest.raises(thidua.ThiduaError) as got:
                thidua.evaluate_table(d, results, opts)
            assert type(got.value) is type(e)
            assert str(got.value) == str(e)
        return
    # Every field of the rows is a column (range, qualifier, share of plan, change, date,
    # reported wording, source…): the core's Arrow reader reads them all, so every vector
    # agrees exactly.
    got = thidua.evaluate_table(d, table, opts, explanations=True)
    _same(_table_rows(got), _expected_rows(want))
    # the same results as a ResultSet read from JSON: no Evaluation built, same rows
    from_set = _table_rows(thidua.evaluate_table(d, rs, opts, explanations=True))
    _same(from_set, _expected_rows(want))
    assert from_set == _table_rows(got)
    # JSON text and records: read row by row into columns, the same rows again
    assert _table_rows(thidua.evaluate_table(d, _text(inp["results"]), opts, explanations=True)) == from_set
    assert _table_rows(thidua.evaluate_table(d, entries, opts, explanations=True)) == from_set


def _kon_tum_frame(n_units: int) -> "pd.DataFrame":
    d = thidua.Directive.load(REPO / "docs/examples/002_kon-tum-2024.json")
    rows = []
    for u in range(n_units):
        for k, t in enumerate(d.targets):
            j = Decimal((u * 19 + k) % 200 - 100) / 100
            if t.kind in ("reduction", "rank_improvement"):
                rows.append({"unit": f"Xã {u:03d}", "target": t.id, "period": "2024",
                             "value": Decimal(40 - u % 10), "baseline": Decimal(45)})
            else:
                rows.append({"unit": f"Xã {u:03d}", "target": t.id, "period": "2024",
                             "value": Decimal("50") + j, "baseline": None})
    return pd.DataFrame(rows)


def test_pandas_pyarrow_polars_inputs_and_outputs(kon_tum: thidua.Directive) -> None:
    df = _kon_tum_frame(40)
    want = _expected_rows(thidua.evaluate(kon_tum, thidua.ResultSet.from_dataframe(df)))
    compiled = thidua.CompiledDirective(kon_tum)
    assert compiled.row_wise_targets == []
    # pandas in (Decimal object columns → decimal128), pyarrow out
    _same(_table_rows(thidua.evaluate_table(compiled, df, explanations=True)), want)
    # pandas out: decimal128[pyarrow] columns, exact, no Python object per cell
    out = thidua.evaluate_table(compiled, df, output="pandas")
    assert str(out["ratio"].dtype).startswith("decimal128")
    assert [_norm(x) for x in out["ratio"].tolist()] == [_norm(w["ratio"]) for w in want]
    # Decimal objects only when asked; floats only when asked
    obj = thidua.evaluate_table(compiled, df, output="pandas", decimals="object")
    assert isinstance(obj["ratio"].iloc[0], Decimal)
    flt = thidua.evaluate_table(compiled, df, output="pandas", decimals="float")
    assert flt["ratio"].dtype == "float64"
    # float64 input is read as the shortest decimal (10.1 → 10.1, never 10.0999…)
    dff = df.copy()
    dff["value"] = dff["value"].astype(float)
    dff["baseline"] = dff["baseline"].astype(float)
    _same(_table_rows(thidua.evaluate_table(compiled, dff)), want)
    pl = pytest.importorskip("polars")
    pdf = pl.from_pandas(dff)
    pout = thidua.evaluate_table(compiled, pdf, output="polars")
    assert isinstance(pout, pl.DataFrame)
    assert pout.height == len(want)
    assert [_norm(x) for x in pout["ratio"].to_list()] == [_norm(w["ratio"]) for w in want]


_FORMS = [
    {"unit": "A", "target": "1", "period": "2024", "value": "10.5"},
    {"unit": "A", "target": "2", "period": "2024", "value": "63.7", "qualifier": "over", "note": "sơ bộ"},
    {"unit": "B", "target": "1", "period": "2024", "value": "10", "value_high": "11"},
    {"unit": "B", "target": "2", "period": "2024", "share_of_plan": "102.6", "plan_level": "kế hoạch"},
    {"unit": "C", "target": "1", "period": "2024", "reported": "hơn 10,2%"},
    {"unit": "C", "target": "2", "period": "2024", "value": "60", "date": "2025-03-15", "source": "Báo cáo",
     "provenance": "official"},
    {"unit": "C", "target": "2", "period": "2024", "value": "65", "date": "2024-12-15", "provenance": "estimate"},
]


def test_every_result_form_from_pandas_as_an_analyst_has_it(kon_tum: thidua.Directive) -> None:
    """Ranges, qualifiers, shares of plan, reported wordings, dates, sources and notes in a
    pandas frame as it comes from a workbook — a datetime64 date column, a categorical
    qualifier, Decimal objects — give the answer of ``thidua.evaluate`` on the same rows."""
    records = thidua.ResultSet.from_records(_FORMS)
    want = _expected_rows(thidua.evaluate(kon_tum, records))
    cols = sorted({k for r in _FORMS for k in r})
    df = pd.DataFrame([{k: r.get(k) for k in cols} for r in _FORMS])
    for c in ("value", "value_high", "share_of_plan"):
        df[c] = [None if x is None else Decimal(x) for x in df[c]]
    df["date"] = pd.to_datetime(df["date"])
    df["qualifier"] = df["qualifier"].astype("category")
    _same(_table_rows(thidua.evaluate_table(kon_tum, df, explanations=True)), want)
    # records (a list of dicts) and a ResultSet go to the same engine
    _same(_table_rows(thidua.evaluate_table(kon_tum, _FORMS, explanations=True)), want)
    _same(_table_rows(thidua.evaluate_table(kon_tum, records, explanations=True)), want)
    with pytest.raises(thidua.JsonError) as e:
        thidua.evaluate_table(kon_tum, _FORMS[:1] + [{**_FORMS[1], "qualifer": "over"}])
    assert e.value.loc[:2] == ("results", 1)
    # the row path reads the same frame (a datetime64 date at midnight is its ISO date)
    assert thidua.ResultSet.from_dataframe(df).to_json() == records.to_json()
    with pytest.raises(thidua.InvalidInputError):
        thidua.ResultSet.from_dataframe(df.assign(date=df["date"] + pd.Timedelta(hours=9)))
    # the same rows as text columns (a CSV read as strings)
    text = pa.table({k: [r.get(k) for r in _FORMS] for k in cols})
    _same(_table_rows(thidua.evaluate_table(kon_tum, text, explanations=True)), want)
    # a cell the JSON path refuses is refused here too, naming the row and the column
    bad = text.set_column(text.schema.get_field_index("qualifier"), "qualifier",
                          pa.array([None, "hơn"] + [None] * (len(_FORMS) - 2), pa.string()))
    with pytest.raises(thidua.JsonError) as e:
        thidua.evaluate_table(kon_tum, bad)
    assert e.value.loc == ("results", 1, "qualifier") and "hơn" in str(e.value)
    # polars (a Date column, text as polars exports it)
    pl = pytest.importorskip("polars")
    pdf = pl.from_arrow(text).with_columns(pl.col("date").str.to_date())
    _same(_table_rows(thidua.evaluate_table(kon_tum, pdf, explanations=True)), want)


def test_object_columns_pyarrow_cannot_type_are_read_as_text(kon_tum: thidua.Directive) -> None:
    """A frame as a workbook read with ``dtype=object`` gives it: ids as ``1`` and ``"2"``,
    values mixing ``Decimal``, float, int and text, periods as ``2024`` and ``"2024-H1"``.
    pyarrow refuses to type such columns; they are read as the text of each cell, which gives
    the answer (and the errors) of ``evaluate`` on ``ResultSet.from_dataframe``."""
    df = pd.DataFrame({"unit": ["A", "A", "B", "B"], "target": [1, "2", 1, "3"],
                       "period": [2024, "2024", "2024-H1", 2024],
                       "value": [Decimal("10.5"), 63.7, "5", 2**70],
                       "note": [None, "sơ bộ", float("nan"), None]})
    with pytest.raises(pa.ArrowInvalid):
        pa.Table.from_pandas(df)
    want = _expected_rows(thidua.evaluate(kon_tum, thidua.ResultSet.from_dataframe(df)))
    _same(_table_rows(thidua.evaluate_table(kon_tum, df, explanations=True)), want)
    bad = df.assign(value=[Decimal("10.5"), 63.7, "6,5", 1])
    with pytest.raises(thidua.InvalidNumberError) as e:
        thidua.evaluate_table(kon_tum, bad)
    assert e.value.loc == ("results", 2, "value") and "results[2].value" in str(e.value)


@pytest.mark.parametrize(
    "column, bad, error",
    [
        ("value", "6,5", thidua.InvalidNumberError),
        ("baseline", "abc", thidua.InvalidNumberError),
        ("period", "2024-H3", thidua.InvalidPeriodError),
        ("qualifier", "hơn", thidua.JsonError),
        ("date", "15/03/2025", thidua.JsonError),
        ("value_unit", "  ", thidua.JsonError),
        ("provenance", "rumour", thidua.JsonError),
        ("status", "rumour", thidua.JsonError),
        ("scale", "zillion", thidua.JsonError),
    ],
)
def test_a_bad_cell_is_located_alike_on_every_path(
    kon_tum: thidua.Directive, column: str, bad: str, error: type
) -> None:
    """The same bad cell gives the same error class and the same ``loc``,
    ``("results", i, column)``, from ``evaluate_table``, from ``ResultSet.from_dataframe`` and
    from the JSON text of the same rows."""
    rows = [{"unit": u, "target": "1", "period": "2024", "value": "10"} for u in ("A", "B", "C")]
    for r in rows:
        r.setdefault(column, None)
    rows[2][column] = bad
    df = pd.DataFrame(rows)
    got = []
    with pytest.raises(error) as by_table:
        thidua.evaluate_table(kon_tum, df)
    with pytest.raises(error) as by_frame:
        thidua.evaluate(kon_tum, thidua.ResultSet.from_dataframe(df))
    with pytest.raises(error) as by_json:
        thidua.evaluate(kon_tum, thidua.ResultSet.from_json(
            json.dumps([{k: v for k, v in r.items() if v is not None} for r in rows])))
    for e in (by_table, by_frame, by_json):
        got.append((e.value.code, e.value.loc))
        assert f"results[2].{column}" in str(e.value), str(e.value)
    assert got == [(got[0][0], ("results", 2, column))] * 3


def test_summary_and_headlines(kon_tum: thidua.Directive) -> None:
    df = _kon_tum_frame(3)
    ev = thidua.evaluate(kon_tum, thidua.ResultSet.from_dataframe(df))
    rows, summ = thidua.evaluate_table(kon_tum, df, summary=True, headlines=True)
    assert rows.num_rows == 3 * kon_tum.target_count
    s = summ.to_pylist()
    assert [x["headline_vi"] for x in s] == [u.summary.headline_vi for u in ev.units]
    assert [x["met_or_exceeded"] for x in s] == [u.summary.met_or_exceeded for u in ev.units]


def test_errors_name_the_row_like_evaluate(kon_tum: thidua.Directive) -> None:
    table = pa.table({"unit": ["A", "A"], "target": ["1", "no-such"], "period": ["2024", "2024"],
                      "value": [Decimal("10.5"), Decimal("1")]})
    with pytest.raises(thidua.UnknownTargetError) as e:
        thidua.evaluate_table(kon_tum, table)
    assert "results[1]" in str(e.value)
    with pytest.raises(thidua.InvalidInputError):
        thidua.evaluate_table(kon_tum, pa.table({"unit": ["A"], "target": ["1"], "period": ["2024"], "colour": ["x"]}))
    assert thidua.evaluate_table(kon_tum, pa.table({"unit": ["A"], "target": ["1"], "period": ["2024"], "colour": ["x"]}),
                                 ignore_extra=True).num_rows == kon_tum.target_count
    with pytest.raises(TypeError):
        thidua.evaluate_table(kon_tum, 42)


def test_compiled_directive_pickles(kon_tum: thidua.Directive) -> None:
    c = thidua.CompiledDirective(kon_tum, {"ratio_digits": 1})
    c2 = pickle.loads(pickle.dumps(c))
    t = pa.table({"unit": ["A"], "target": ["1"], "period": ["2024"], "value": [Decimal("10.55")]})
    a = c.evaluate_arrow(t)[0].column("ratio").to_pylist()
    b = c2.evaluate_arrow(t)[0].column("ratio").to_pylist()
    assert a == b == [Decimal("105.5")] + [None] * (kon_tum.target_count - 1)
    assert "19 targets" in repr(c2)


def test_unaligned_arrow_buffers_are_copied_not_fatal(kon_tum: thidua.Directive) -> None:
    """Buffers at an odd address (what pyarrow gives after pickle — every Dask partition — or
    from IPC on a socket) are legal Arrow; the Rust import aborts the process on them, so the
    Python layer copies just those columns. Same answer as the aligned table."""
    pa = pytest.importorskip("pyarrow")
    units = ["Xã A", "Xã Bb", "Xã Ccc"]
    aligned = pa.table({"unit": units, "target": ["1"] * 3, "period": ["2024"] * 3, "value": ["9.5", "10", "12.25"]})

    def shifted(arr: Any) -> Any:
        # the same bytes one address further: every buffer of the copy is misaligned
        bufs = []
        for b in arr.buffers():
            if b is None:
                bufs.append(None)
                continue
            raw = pa.py_buffer(b"\0" + b.to_pybytes())
            bufs.append(raw.slice(1))
        return pa.Array.from_buffers(arr.type, len(arr), bufs, offset=arr.offset)

    odd = pa.table({name: shifted(aligned.column(name).combine_chunks()) for name in aligned.column_names})
    assert any(b is not None and b.address % 4 for b in odd.column("unit").chunks[0].buffers())
    compiled = thidua.CompiledDirective(kon_tum)
    want = thidua.evaluate_table(compiled, aligned)
    for data in (odd, odd.to_batches()[0], odd.to_pandas(types_mapper=pd_arrow_dtype(pa))):
        got = thidua.evaluate_table(compiled, data)
        assert got.column("status").to_pylist() == want.column("status").to_pylist()
        assert got.column("ratio").to_pylist() == want.column("ratio").to_pylist()


def pd_arrow_dtype(pa: Any) -> Any:
    pd = pytest.importorskip("pandas")
    return pd.ArrowDtype


def test_json_text_and_bytes_go_to_the_packed_rows(kon_tum: thidua.Directive) -> None:
    """JSON text (``str`` or UTF-8 ``bytes``) is read straight into the engine's columns:
    the same rows as through a ``ResultSet``, and the same errors at the same ``loc``."""
    rows = [{"unit": "Xã A", "target": "1", "period": "2024", "value": "10.5"},
            {"unit": "Xã A", "target": "2", "period": "2024", "value": "64", "note": "ước"}]
    text = json.dumps(rows, ensure_ascii=False)
    want = _table_rows(thidua.evaluate_table(kon_tum, thidua.ResultSet.from_json(text)))
    assert _table_rows(thidua.evaluate_table(kon_tum, text)) == want
    assert _table_rows(thidua.evaluate_table(kon_tum, text.encode())) == want
    assert _table_rows(thidua.evaluate_table(kon_tum, json.dumps({"entries": rows}))) == want
    bad = json.dumps([rows[0], {**rows[1], "value": "6,4"}])
    with pytest.raises(thidua.ThiduaError) as e:
        thidua.evaluate_table(kon_tum, bad)
    with pytest.raises(thidua.ThiduaError) as e2:
        thidua.ResultSet.from_json(bad)
    assert (type(e.value), e.value.loc, str(e.value)) == (type(e2.value), e2.value.loc, str(e2.value))
    assert e.value.loc == ("results", 1, "value")
    with pytest.raises(thidua.ThiduaError):
        thidua.evaluate_table(kon_tum, b"\xff[]")
