"""pandas in and out, and the batch column path (NumPy / pandas / pyarrow columns)."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import numpy as np
import pytest

import thidua

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")


def long_frame(units: int = 3) -> "pd.DataFrame":
    rows = []
    for u in range(units):
        name = f"Huyện {u}"
        rows += [
            {"unit": name, "target": "1", "period": "2024", "value": 10 + u * 0.5, "baseline": np.nan},
            {"unit": name, "target": "2", "period": "2024", "value": 63.7 + u, "baseline": np.nan},
            {"unit": name, "target": "8", "period": "2024", "value": 12.0, "baseline": 15.5},
            {"unit": name, "target": "12a", "period": "2024", "value": 40 - u, "baseline": 45.0},
            {"unit": name, "target": "13", "period": "2024", "value": np.nan, "baseline": np.nan},
        ]
    return pd.DataFrame(rows)


def records_of(df: "pd.DataFrame") -> thidua.ResultSet:
    recs = []
    for r in df.to_dict("records"):
        r = {k: v for k, v in r.items() if not (isinstance(v, float) and np.isnan(v))}
        recs.append(r)
    return thidua.ResultSet(recs)


def test_dataframe_in_matches_records(kon_tum: thidua.Directive) -> None:
    df = long_frame()
    rs = thidua.ResultSet.from_dataframe(df)
    assert rs == records_of(df)
    e = thidua.evaluate(kon_tum, rs)
    out = e.to_dataframe()
    assert len(out) == 3 * kon_tum.target_count
    assert list(out.columns[:3]) == ["unit", "period", "target"]
    first = out[(out.unit == "Huyện 0") & (out.target == "1")].iloc[0]
    assert first.status == "met" and first.status_vi == "đạt"
    assert isinstance(first.ratio, Decimal) and str(first.ratio) == "100.00"
    # NaN value = no data (pandas' missing marker), never zero
    row13 = out[(out.unit == "Huyện 0") & (out.target == "13")].iloc[0]
    assert row13.status == "no_data" and row13.ratio is None
    s = e.summary_dataframe()
    assert list(s.unit) == ["Huyện 0", "Huyện 1", "Huyện 2"]
    assert (s.total == 14).all()
    floats = e.to_dataframe(decimals="float")
    assert floats.ratio.dtype == np.float64
    strs = e.to_dataframe(decimals="str")
    assert strs.loc[0, "ratio"] == "100.00"
    with pytest.raises(ValueError):
        e.to_dataframe(decimals="double")


@pytest.mark.parametrize(
    "convert",
    [
        "object",
        "string[pyarrow]",
        "string[python]",
        "category",
        "arrow",
    ],
)
def test_text_column_dtypes(kon_tum: thidua.Directive, convert: str) -> None:
    df = long_frame()
    want = thidua.ResultSet.from_dataframe(df)
    df2 = df.copy()
    for c in ["unit", "target", "period"]:
        if convert == "arrow":
            df2[c] = df2[c].astype(pd.ArrowDtype(pa.string()))
        else:
            df2[c] = df2[c].astype(convert)
    assert thidua.ResultSet.from_dataframe(df2) == want


def test_value_column_dtypes() -> None:
    df = pd.DataFrame(
        {
            "unit": ["A", "A", "A"],
            "target": ["1", "2", "3"],
            "period": [2024, 2024, 2024],  # int periods are read as years
            "value": [Decimal("10.50"), "63.70", 5020],
        }
    )
    rs = thidua.ResultSet.from_dataframe(df)
    assert [e["value"] for e in rs.to_dict()["entries"]] == ["10.50", "63.70", "5020"]
    df["value"] = pd.array([10, None, 3], dtype="Int64")
    assert [e.get("value") for e in thidua.ResultSet.from_dataframe(df).to_dict()["entries"]] == ["10", None, "3"]
    df["value"] = pd.array([0.1, None, 2.5], dtype="Float64")
    assert [e.get("value") for e in thidua.ResultSet.from_dataframe(df).to_dict()["entries"]] == ["0.1", None, "2.5"]
    df["value"] = pd.array([Decimal("0.10"), None, Decimal("2.500")], dtype=pd.ArrowDtype(pa.decimal128(10, 3)))
    assert [e.get("value") for e in thidua.ResultSet.from_dataframe(df).to_dict()["entries"]] == ["0.100", None, "2.500"]


def test_column_errors() -> None:
    base = {"unit": ["A"], "target": ["1"], "period": ["2024"]}
    with pytest.raises(thidua.InvalidNumberError) as e:
        thidua.ResultSet.from_columns({**base, "value": np.array([np.inf])})
    assert "results[0].value" in str(e.value) and e.value.loc == ("results", 0, "value")
    with pytest.raises(thidua.InvalidNumberError):
        thidua.ResultSet.from_columns({**base, "value": ["ten"]})
    with pytest.raises(thidua.InvalidPeriodError) as e2:
        thidua.ResultSet.from_columns({**base, "period": ["2024-H3"]})
    assert "results[0].period" in str(e2.value) and e2.value.loc == ("results", 0, "period")
    with pytest.raises(thidua.InvalidInputError) as e3:
        thidua.ResultSet.from_columns({**base, "region": ["Tây Nguyên"]})
    assert "region" in str(e3.value)
    assert len(thidua.ResultSet.from_columns({**base, "region": ["x"]}, ignore_extra=True)) == 1
    with pytest.raises(thidua.InvalidInputError):
        thidua.ResultSet.from_columns({"unit": ["A"], "period": ["2024"]})  # no target column
    # A null cell of a required column is a missing field, as a row without it in JSON.
    with pytest.raises(thidua.JsonError) as e4:
        thidua.ResultSet.from_columns({**base, "unit": [None]})
    assert e4.value.loc == ("results", 0, "unit")
    with pytest.raises(thidua.JsonError) as e5:
        thidua.ResultSet.from_columns({**base, "period": [None]})
    assert e5.value.loc == ("results", 0, "period") and "missing field `period`" in str(e5.value)
    with pytest.raises(thidua.JsonError) as e6:
        thidua.ResultSet([{"unit": "A", "target": "1"}])
    assert e6.value.loc == ("results", 0, "period")
    # A count is read by its type (u32), as JSON reads it.
    for bad in ([-1], [2**32], [1.5]):
        with pytest.raises(thidua.JsonError) as e7:
            thidua.ResultSet.from_columns({**base, "out_of": bad})
        assert e7.value.loc == ("results", 0, "out_of")
        with pytest.raises(thidua.JsonError):
            thidua.ResultSet([{"unit": "A", "target": "1", "period": "2024", "out_of": bad[0]}])
    # An empty value_unit is an absent unit on every path.
    assert thidua.ResultSet.from_columns({**base, "value_unit": [""]}).to_records() == \
        thidua.ResultSet([{"unit": "A", "target": "1", "period": "2024", "value_unit": ""}]).to_records()
    with pytest.raises(thidua.InvalidInputError):
        thidua.ResultSet.from_columns({**base, "target": np.array([7.1])})  # ids are text
    with pytest.raises(ValueError):
        thidua.ResultSet.from_columns({**base, "value": [1, 2]})  # lengths differ
    with pytest.raises(TypeError):
        thidua.ResultSet.from_columns({**base, "value": 5})
    with pytest.raises(thidua.InvalidInputError):
        thidua.ResultSet.from_columns({**base, "status": ["estimate"], "provenance": ["official"]})


def test_rename_status_alias_and_optional_columns(kon_tum: thidua.Directive) -> None:
    df = pd.DataFrame(
        {
            "don_vi": ["A", "A", "A"],
            "chi_tieu": ["12a", "3", "6"],
            "ky": ["2024", "2024-H1", "2024"],
            "value": [44, 2415, None],
            "baseline": [50, None, None],
            "out_of": [63, None, None],
            "baseline_out_of": [63, None, None],
            "status": ["official", "estimate", None],
            "not_applicable": [False, False, True],
            "scale": [None, "tỷ", None],
            "note": ["x", None, None],
        }
    )
    rs = thidua.ResultSet.from_dataframe(df, columns={"don_vi": "unit", "chi_tieu": "target", "ky": "period"})
    entries = rs.to_dict()["entries"]
    assert entries[0]["out_of"] == 63 and entries[0]["note"] == "x"
    assert entries[1]["provenance"] == "estimate" and entries[1]["scale"] == "billion"
    assert entries[2]["not_applicable"] is True
    e = thidua.evaluate(kon_tum, rs)
    assert e.unit("A", "2024").target("6").status == "not_applicable"
    assert e.unit("A", "2024-H1").target("3").status == "exceeded"  # 2.415 > pro-rata 2.300
    # round trip through to_dataframe
    assert thidua.ResultSet.from_dataframe(rs.to_dataframe()) == rs


def test_columns_numpy_pyarrow_and_lists_agree() -> None:
    n = 1000
    units = np.array([f"Đơn vị {i // 10}" for i in range(n)])
    targets = np.array([str(1 + i % 10) for i in range(n)])
    values = np.round(np.linspace(0, 99.99, n), 2)
    a = thidua.ResultSet.from_columns({"unit": units, "target": targets, "period": np.full(n, 2024), "value": values})
    b = thidua.ResultSet.from_columns(
        {"unit": pa.array(units), "target": pa.chunked_array([targets[:300], targets[300:]]), "period": pa.array(np.full(n, 2024)), "value": pa.array(values)}
    )
    c = thidua.ResultSet.from_columns({"unit": list(units), "target": list(targets), "period": ["2024"] * n, "value": list(values)})
    d = thidua.ResultSet.from_columns({"unit": units.astype(object), "target": targets, "period": np.full(n, "2024"), "value": values.astype(object)})
    assert a == b == c == d
    assert a.to_dict()["entries"][1]["value"] == str(Decimal(repr(float(values[1]))))


def test_batch_path_releases_the_gil(kon_tum: thidua.Directive) -> None:
    n = 120_000
    ids = np.array(kon_tum.target_ids()[:12])
    cols = {
        "unit": np.repeat(np.array([f"U{i}" for i in range(n // 12)]), 12),
        "target": np.tile(ids, n // 12),
        "period": np.full(n, "2024"),
        "value": np.full(n, 50.0),
        "baseline": np.full(n, 60.0),
    }
    rs = thidua.ResultSet.from_columns(cols)
    ticks = 0
    done = threading.Event()

    def work() -> None:
        thidua.evaluate(kon_tum, rs)
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0)
    t.join()
    elapsed = time.perf_counter() - start
    # With the GIL held for the whole evaluation the main thread would barely run.
    assert elapsed > 0.05 and ticks > 100, (elapsed, ticks)


def test_pandas_is_optional_for_the_core_api(kon_tum: thidua.Directive) -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import thidua\n"
        f"d = thidua.Directive.load({str(thidua.__file__)!r}.rsplit('/', 3)[0] and {repr(str(__import__('conftest').REPO / 'docs/examples/002_kon-tum-2024.json'))})\n"
        "rs = thidua.ResultSet([{'unit': 'A', 'target': '1', 'period': '2024', 'value': '10'}])\n"
        "e = thidua.evaluate(d, rs)\n"
        "assert e.to_columns()['status'][0] == 'met'\n"
        "try:\n    e.to_dataframe()\nexcept ImportError as x:\n    print('ok', x)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("ok")


def _per_row_frame(e: thidua.Evaluation) -> "pd.DataFrame":
    """The straightforward construction: one dict per row from the objects, then pandas."""
    rows = []
    for u in e.units:
        for t in u.targets:
            rows.append(
                {
                    "unit": u.unit,
                    "period": u.period,
                    "target": t.target,
                    "item": t.item,
                    "parent": t.parent,
                    "name": t.name,
                    "kind": t.kind,
                    "direction": t.to_dict()["direction"],
                    "measure": t.to_dict()["measure"],
                    "target_text": t.target_text,
                    "status": t.status,
                    "status_vi": t.status_vi,
                    "ratio": t.ratio,
                    "gap": t.gap,
                    "result": t.result,
                    "baseline": t.baseline,
                    "achieved": t.achieved,
                    "threshold": t.threshold,
                    "pro_rata": t.pro_rata,
                    "provenance": t.provenance,
                    "explanation_vi": t.explanation_vi,
                    "explanation_en": t.explanation_en,
                }
            )
    return pd.DataFrame({k: [r[k] for r in rows] for k in rows[0]})


def _assert_same_frame(got: "pd.DataFrame", want: "pd.DataFrame") -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert list(got.dtypes) == list(want.dtypes)
    assert got.index.equals(want.index) and type(got.index) is type(want.index)
    for c in got.columns:
        if got[c].dtype == object:
            for a, b in zip(got[c], want[c]):
                assert type(a) is type(b), (c, a, b)
                if isinstance(a, Decimal):
                    assert a.as_tuple() == b.as_tuple(), (c, a, b)


def test_to_dataframe_equals_per_row_construction(kon_tum: thidua.Directive) -> None:
    df = long_frame()
    e = thidua.evaluate(kon_tum, thidua.ResultSet.from_dataframe(df))
    out = e.to_dataframe()
    _assert_same_frame(out, _per_row_frame(e))
    assert out.parent.isna().any() and out.parent.notna().any()
    for decimals in ("decimal", "float", "str"):
        _assert_same_frame(e.to_dataframe(decimals=decimals), pd.DataFrame(e.to_columns(decimals=decimals)))
    _assert_same_frame(e.summary_dataframe(), pd.DataFrame(e.summary_columns()))
    u = e.units[1]
    _assert_same_frame(u.to_dataframe(), pd.DataFrame(u.to_columns()))
    # a column with no value at all stays an object column of None, as pandas infers it
    one = thidua.evaluate(kon_tum, thidua.ResultSet([{"unit": "A", "target": "1", "period": "2024", "value": "10"}]))
    _assert_same_frame(one.to_dataframe(), _per_row_frame(one))
    _assert_same_frame(one.to_dataframe(decimals="str"), pd.DataFrame(one.to_columns(decimals="str")))


def test_to_dataframe_text_outlives_the_evaluation(kon_tum: thidua.Directive) -> None:
    import gc

    e = thidua.evaluate(kon_tum, thidua.ResultSet.from_dataframe(long_frame()))
    want = pd.DataFrame(e.to_columns())
    out = e.to_dataframe()
    del e
    gc.collect()
    pd.testing.assert_frame_equal(out, want, check_exact=True)
    assert out.explanation_vi.str.len().sum() == want.explanation_vi.str.len().sum()
