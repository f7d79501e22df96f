"""The Python runner of the bench/ harness: thidua beside pandas float64, pandas ``Decimal``
objects and pure-Python ``Decimal``, on the SAME rows (``bench_peers write``, see
``bench/fixtures/MANIFEST.md``) and the SAME rule (``bench/README.md``). Peers adapted from the
project's bench-peers material.

  python peers.py path NAME CSV RULES [N]   one path per process, median/best of N runs -> JSON line
                                            NAME: thidua_arrow | thidua_df | thidua_records | thidua_json
                                                  | thidua_records_table | thidua_json_table
                                                  | pandas_float | pandas_dec | pydec
  python peers.py once NAME CSV RULES       one DataFrame -> DataFrame run (for /usr/bin/time -v)

Every path starts from the DataFrame ``pd.read_csv`` gives (float64 values) — or, for the
Decimal peers, the Decimal frame / rows they need — and ends with a DataFrame (or rows).
``thidua_arrow`` is ``thidua.evaluate_table(compiled, df, output="pandas")``: exact decimal128
columns, no explanation text; ``thidua_df`` the row path (``ResultSet.from_dataframe`` →
``evaluate`` → ``to_dataframe``, with explanations). ``thidua_records`` starts from the rows as
a list of dicts (``ResultSet.from_records``) and ``thidua_json`` from the ``results_N.json`` text
(``ResultSet.from_json``), both ending with ``evaluate(…).to_dataframe()``: the other input paths
a notebook uses, measured for their peak memory (issue 13: no input path past a few hundred MB
per million rows). ``thidua_records_table`` and ``thidua_json_table`` give the same records and
JSON text to ``evaluate_table`` (read row by row into the engine's packed columns, no
``ResultSet`` and no ``Evaluation``; pandas out).
"""
from __future__ import annotations

import csv
import gc
import json
import statistics
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
Q = Decimal("0.01")
HUNDRED = Decimal(100)
LABELS = ["not_met", "met", "exceeded"]


def load_rules(path):
    return pd.read_csv(path, dtype=str).set_index("target")


def read_float(path):
    return pd.read_csv(path, dtype={"unit": str, "target": str, "period": str})


def read_dec(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["value"] = df["value"].map(Decimal).astype(object)
    df["baseline"] = df["baseline"].map(lambda s: Decimal(s) if s else None).astype(object)
    return df


# ---------------------------------------------------------------- peers
def pandas_float(df, rules):
    """Vectorised float64: DataFrame in -> DataFrame out (unit, period, target, status, ratio, gap)."""
    ti = rules.index.get_indexer(df["target"])
    lo = rules["lo"].astype(float).to_numpy()[ti]
    hi = rules["hi"].astype(float).to_numpy()[ti]
    strict = (rules["cmp"] == ">").to_numpy()[ti]
    decrease = (rules["mode"] == "decrease").to_numpy()[ti]
    v = df["value"].to_numpy()
    ach = np.where(decrease, df["baseline"].to_numpy() - v, v)
    ok = np.where(strict, ach > lo, ach >= lo)
    code = np.where(ok, np.where(ach > hi, 2, 1), 0).astype(np.int8)
    out = df.loc[:, ["unit", "period", "target"]].copy()
    out["status"] = pd.Categorical.from_codes(code, LABELS)
    out["ratio"] = np.round(ach / lo * 100, 2)
    out["gap"] = ach - lo
    return out


def pandas_dec(df, rules):
    """The same rule on object columns of decimal.Decimal (numpy object ops + quantize)."""
    ti = rules.index.get_indexer(df["target"])
    lo = np.array([Decimal(x) for x in rules["lo"]], dtype=object)[ti]
    hi = np.array([Decimal(x) for x in rules["hi"]], dtype=object)[ti]
    strict = (rules["cmp"] == ">").to_numpy()[ti]
    decrease = (rules["mode"] == "decrease").to_numpy()[ti]
    v = df["value"].to_numpy()
    ach = v.copy()
    ach[decrease] = df["baseline"].to_numpy()[decrease] - v[decrease]
    ok = np.where(strict, (ach > lo).astype(bool), (ach >= lo).astype(bool))
    code = np.where(ok, np.where((ach > hi).astype(bool), 2, 1), 0).astype(np.int8)
    out = df.loc[:, ["unit", "period", "target"]].copy()
    out["status"] = pd.Categorical.from_codes(code, LABELS)
    out["ratio"] = np.array([x.quantize(Q, ROUND_HALF_UP) for x in ach * HUNDRED / lo], dtype=object)
    out["gap"] = ach - lo
    return out


def read_rows(path):
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        return [(u, t, p, Decimal(v), Decimal(b) if b else None) for u, t, p, v, b in r]


def pydec(rows, rules):
    """Pure Python, decimal.Decimal, one loop; list of tuples in -> list of tuples out."""
    rt = {t: (m == "decrease", c == ">", Decimal(lo), Decimal(hi))
          for t, m, c, lo, hi in zip(rules.index, rules["mode"], rules["cmp"], rules["lo"], rules["hi"])}
    out = []
    app = out.append
    for u, t, p, v, b in rows:
        dec, strict, lo, hi = rt[t]
        ach = b - v if dec else v
        ok = ach > lo if strict else ach >= lo
        st = "not_met" if not ok else "exceeded" if ach > hi else "met"
        app((u, p, t, st, (ach * HUNDRED / lo).quantize(Q, ROUND_HALF_UP), ach - lo))
    return out


# ---------------------------------------------------------------- thidua
def directive():
    import thidua

    return thidua, thidua.Directive.load(REPO / "docs/examples/002_kon-tum-2024.json")


class Sized:
    """A JSON text whose len() is its number of rows (for the per-row figures)."""

    def __init__(self, text):
        self.text = text
        self.rows = text.count('"unit"')

    def __len__(self):
        return self.rows


def make(name, csv_path, rules_path):
    """(input, function) of one path."""
    rules = load_rules(rules_path)
    if name == "thidua_arrow":
        thidua, d = directive()
        compiled = thidua.CompiledDirective(d)
        return read_float(csv_path), lambda df: thidua.evaluate_table(compiled, df, output="pandas")
    if name == "thidua_df":
        thidua, d = directive()
        return read_float(csv_path), lambda df: thidua.evaluate(d, thidua.ResultSet.from_dataframe(df)).to_dataframe()
    if name == "thidua_records":
        thidua, d = directive()
        # Records as a notebook builds them: no key for an empty cell (a NaN is not a value).
        records = [{k: v for k, v in r.items() if v == v} for r in read_float(csv_path).to_dict("records")]
        return records, lambda rs: thidua.evaluate(d, thidua.ResultSet.from_records(rs)).to_dataframe()
    if name == "thidua_json":
        thidua, d = directive()
        text = Path(csv_path).with_suffix(".json").read_text(encoding="utf-8")
        return Sized(text), lambda t: thidua.evaluate(d, thidua.ResultSet.from_json(t.text)).to_dataframe()
    if name == "thidua_records_table":
        thidua, d = directive()
        compiled = thidua.CompiledDirective(d)
        records = [{k: v for k, v in r.items() if v == v} for r in read_float(csv_path).to_dict("records")]
        return records, lambda rs: thidua.evaluate_table(compiled, rs, output="pandas")
    if name == "thidua_json_table":
        thidua, d = directive()
        compiled = thidua.CompiledDirective(d)
        text = Path(csv_path).with_suffix(".json").read_text(encoding="utf-8")
        return Sized(text), lambda t: thidua.evaluate_table(compiled, t.text, output="pandas")
    if name == "pandas_float":
        return read_float(csv_path), lambda df: pandas_float(df, rules)
    if name == "pandas_dec":
        return read_dec(csv_path), lambda df: pandas_dec(df, rules)
    if name == "pydec":
        return read_rows(csv_path), lambda rows: pydec(rows, rules)
    raise SystemExit(f"unknown path {name}")


def path(name, csv_path, rules_path, repeat):
    inp, f = make(name, csv_path, rules_path)
    ts = []
    for _ in range(repeat):
        gc.collect()
        s = time.perf_counter()
        out = f(inp)
        ts.append(time.perf_counter() - s)
        del out
    n = len(inp)
    print(json.dumps({"path": name, "rows": n, "median_s": statistics.median(ts), "best_s": min(ts),
                      "ns_per_row": statistics.median(ts) / n * 1e9}))


def once(name, csv_path, rules_path):
    inp, f = make(name, csv_path, rules_path)
    print(len(f(inp)))


if __name__ == "__main__":
    if sys.argv[1] == "path":
        path(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 3)
    else:
        once(sys.argv[2], sys.argv[3], sys.argv[4])
