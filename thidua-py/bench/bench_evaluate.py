"""Evaluating a 1,000,000-row long DataFrame: thidua (batch path) vs the core alone vs pandas.

Data: the Kon Tum 2024 directive (08/CT-UBND, 19 targets), 52,632 units × 19 targets
(1,000,008 rows) with values around each target (jitter −1.00 … +0.99, as in the core's
``benches/evaluate.rs``), baselines for reductions and ranks.

Measured:
1. thidua, DataFrame → DataFrame: ``ResultSet.from_dataframe`` (columns encoded with NumPy /
   pyarrow, rows built in Rust with the GIL released) + ``evaluate`` + ``to_dataframe()``
   (exact ``Decimal`` cells, and ``decimals="float"``);
2. the core alone: the ``evaluate`` call on an already-built ``ResultSet`` — pure Rust, GIL
   released, no conversion (the core's own criterion bench is
   ``cargo bench -p thidua-core --bench evaluate``);
3. a straightforward pandas implementation of the same rule for the higher-is-better kinds
   (rate, growth rate, per-capita, count, amount, threshold share) and reductions: status
   (vượt / đạt / không đạt) and % of plan with float64, no explanations, no validation.

Run (from the repository root, with thidua, pandas, numpy and pyarrow installed):
    python thidua-py/bench/bench_evaluate.py [--rows 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import numpy as np
import pandas as pd

import thidua

REPO = Path(__file__).resolve().parents[2]


def make_frame(directive: thidua.Directive, rows: int) -> Tuple[pd.DataFrame, Dict[str, Any]]:
    targets = directive.targets
    k = len(targets)
    n_units = -(-rows // k)
    n = n_units * k
    i = np.arange(n)
    jitter = ((i % 200) - 100) / 100.0
    target_ids = np.array([t.id for t in targets], dtype=object)
    value = np.empty(n)
    baseline = np.full(n, np.nan)
    meta: Dict[str, Any] = {}
    for j, t in enumerate(targets):
        rows_j = slice(j, n, k)
        spec = t.spec
        v = spec.get("value")
        base = float(v["value"] if isinstance(v, dict) else v) if v is not None else 0.0
        high = spec.get("value_high")
        meta[t.id] = (t.kind, spec.get("comparator"), base, float(high) if high is not None else base)
        if t.kind == "reduction":
            value[rows_j] = 15 - base + jitter[rows_j]
            baseline[rows_j] = 15.0
        elif t.kind == "rank_improvement":
            value[rows_j] = 40 - (i[rows_j] % 10)
            baseline[rows_j] = 45.0
        else:
            x = base + jitter[rows_j]
            if t.kind in ("rate", "threshold_share"):
                x = np.clip(x, 0, 100)
            value[rows_j] = np.maximum(x, 0)
    value = np.round(value, 2)
    df = pd.DataFrame(
        {
            "unit": np.repeat(np.array([f"Xã {u:05d}" for u in range(n_units)], dtype=object), k),
            "target": np.tile(target_ids, n_units),
            "period": "2024",
            "value": value,
            "baseline": baseline,
        }
    )
    return df, meta


def pandas_evaluate(df: pd.DataFrame, meta: Dict[str, Any]) -> pd.DataFrame:
    """The rule for the higher-is-better kinds and reductions, vectorised with float64."""
    kinds = df["target"].map({t: m[0] for t, m in meta.items()})
    strict = df["target"].map({t: m[1] == "above" for t, m in meta.items()})
    goal = df["target"].map({t: m[2] for t, m in meta.items()}).astype(float)
    # "giảm 3-4%": met from 3, exceeded only above 4
    goal_high = df["target"].map({t: m[3] for t, m in meta.items()}).astype(float)
    higher = kinds.isin(["rate", "growth_rate", "per_capita", "count", "amount", "threshold_share"])
    reduction = kinds.eq("reduction")
    achieved = np.where(reduction, df["baseline"] - df["value"], df["value"])
    ok = np.where(strict, achieved > goal, achieved >= goal)
    status = np.where(ok, np.where(achieved > goal_high, "vượt", "đạt"), "không đạt")
    ratio = np.round(achieved / goal.replace(0, np.nan) * 100, 2)
    out = df.loc[:, ["unit", "period", "target"]].copy()
    supported = higher | reduction
    out["status"] = np.where(supported, status, None)
    out["ratio"] = np.where(supported, ratio, np.nan)
    out["gap"] = np.where(supported, achieved - goal, np.nan)
    return out


def timed(fn: Callable[[], Any], repeat: int) -> Tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args()

    directive = thidua.Directive.load(REPO / "docs/examples/002_kon-tum-2024.json")
    df, meta = make_frame(directive, args.rows)
    n = len(df)
    numbers: Dict[str, float] = {}

    t, rs = timed(lambda: thidua.ResultSet.from_dataframe(df), args.repeat)
    numbers["from_dataframe"] = t
    t, ev = timed(lambda: thidua.evaluate(directive, rs), args.repeat)
    numbers["evaluate (core alone)"] = t
    t, out = timed(lambda: ev.to_dataframe(), args.repeat)
    numbers["to_dataframe (Decimal)"] = t
    t, _ = timed(lambda: ev.to_dataframe(decimals="float"), args.repeat)
    numbers["to_dataframe (float)"] = t
    t, _ = timed(lambda: ev.summary_dataframe(), args.repeat)
    numbers["summary_dataframe"] = t
    numbers["thidua DataFrame → DataFrame (Decimal)"] = (
        numbers["from_dataframe"] + numbers["evaluate (core alone)"] + numbers["to_dataframe (Decimal)"]
    )
    numbers["thidua DataFrame → DataFrame (float)"] = (
        numbers["from_dataframe"] + numbers["evaluate (core alone)"] + numbers["to_dataframe (float)"]
    )
    t, pdout = timed(lambda: pandas_evaluate(df, meta), args.repeat)
    numbers["pandas (6 kinds + reductions, float64, no text)"] = t

    # The two agree on status wherever the pandas rule applies (values have 2 decimals, so
    # float64 does not flip an edge here; in general it can).
    supported = pdout["status"].notna()
    merged = out.loc[:, ["unit", "target", "status_vi"]].merge(
        pdout.loc[supported, ["unit", "target", "status"]], on=["unit", "target"]
    )
    agree = float((merged["status_vi"] == merged["status"]).mean())

    if args.json:
        print(json.dumps({"rows": n, "numbers": numbers, "status_agreement": agree}, ensure_ascii=False, indent=2))
        return
    print(f"rows: {n:,} ({n // directive.target_count:,} units × {directive.target_count} targets); best of {args.repeat}")
    for name, secs in numbers.items():
        print(f"  {name:<50} {secs:8.3f} s   {n / secs / 1e6:6.2f} M rows/s")
    print(f"  status agreement thidua vs pandas on the pandas-supported rows: {agree:.4%}")


if __name__ == "__main__":
    main()
