#!/usr/bin/env python3
"""Generates tests/differential/cases.jsonl: valid evaluation inputs (see README.md here).

Standard library only, fixed seed: the same file comes out on every machine. It reads the
directives with targets in docs/examples/ (plus the small inline directive of the
`edges-inline` vector, which has the range, ceiling and reference kinds) and writes, per case,
result rows that fit each chosen target's kind, with numbers in every form all input paths must
read identically (decimal strings with their scale, JSON integers, shortest-repr floats,
scientific strings), all period spellings, provenance, notes, not-applicable and no-data rows,
and random options.

    python3 tests/differential/generate.py           # rewrite cases.jsonl
    python3 tests/differential/generate.py --check   # exit 1 if cases.jsonl is not what the seed gives
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEED = 20250609
CASES = 1200
DIRECTIVES = [
    "docs/examples/000_kon-tum-2021.json",
    "docs/examples/002_kon-tum-2024.json",
    "docs/examples/004_ha-giang-2024.json",
]
INLINE_FROM = "tests/vectors/evaluate/edges-inline.json"
UNITS = [
    "Huyện Sa Thầy", "Huyện Đăk Hà", "TP. Kon Tum", "Xã Ia Chim", "Sở Y tế", "Sở Giáo dục và Đào tạo",
    "Phường Quyết Thắng", "Huyện Ngọc Hồi", "Thị xã A", "Ban Quản lý KKT", "Huyện Đắk Tô", "Xã Hòa Bình",
]
NOTES = ["Số liệu ước thực hiện", "Theo báo cáo của Cục Thống kê", "Đã rà soát", "số liệu 6 tháng", "—"]
OPTIONS = {
    "ceiling_ratio": ["inverse", "complement"],
    "range_basis": ["lower", "upper", "midpoint"],
    "in_year_flows": ["pro_rata", "annual_target"],
    "headline_basis": ["items", "targets"],
    "ratio_digits": [0, 1, 2, 3, 4],
}


def targets_of(directive: Dict[str, Any]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []

    def walk(ts: List[Dict[str, Any]]) -> None:
        for t in ts:
            out.append(t)
            walk(t.get("sub_targets", []))

    for item in directive.get("items", []):
        walk(item["targets"])
    return out


def number(rng: random.Random, d: Decimal) -> Any:
    """`d` in one of the forms every path reads as the same decimal (README: numbers)."""
    text = format(d, "f")
    r = rng.random()
    if d == d.to_integral_value() and "." not in text and abs(d) < 10**15 and r < 0.3:
        return int(d)
    if r < 0.55:
        as_float = float(text)
        # A JSON number that is its own shortest repr; not an integral one ("2615.0"): which
        # scale a float with nothing after the point has is not settled yet (README).
        if repr(as_float) == text and "e" not in text and d != d.to_integral_value():
            return as_float
    if r < 0.62 and d != 0:
        sign, digits, exp = d.as_tuple()
        mantissa = "".join(map(str, digits))
        return ("-" if sign else "") + mantissa + "e" + str(exp)  # "1250e-2"
    return text


def dec(rng: random.Random, lo: float, hi: float, places: int) -> Decimal:
    q = Decimal(1).scaleb(-places)
    return Decimal(str(rng.uniform(lo, hi))).quantize(q)


def target_value(spec: Dict[str, Any]) -> Decimal:
    v = spec.get("value")
    if isinstance(v, dict):
        v = v.get("value")
    try:
        return Decimal(str(v)) if v is not None else Decimal(50)
    except Exception:
        return Decimal(50)


def rows_for(rng: random.Random, t: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The value fields of the row(s) of one target (no unit/target/period yet)."""
    spec = t["spec"]
    kind = spec["kind"]
    places = rng.choice([0, 1, 2, 2, 3])
    if kind in ("rate", "threshold_share"):
        return [{"value": dec(rng, 0, 100, places)}]
    if kind == "growth_rate":
        return [{"value": dec(rng, -15, 25, places)}]
    if kind == "count":
        tv = float(target_value(spec))
        return [{"value": Decimal(rng.randint(0, max(1, int(tv * 1.6))))}]
    if kind in ("per_capita", "amount", "ceiling"):
        tv = float(target_value(spec)) or 1.0
        return [{"value": dec(rng, tv * 0.4, tv * 1.6, places)}]
    if kind == "range":
        lo = float(Decimal(spec["low"]["value"]))
        hi = float(Decimal(spec["high"]["value"]))
        return [{"value": dec(rng, lo - 2, hi + 2, places)}]
    if kind == "reduction":
        if spec.get("unit") == "percentage_points":
            base = dec(rng, 5, 60, places)
            return [{"baseline": base, "value": max(Decimal(0), base - dec(rng, -2, 8, places))}]
        base = dec(rng, 20, 2000, places)
        return [{"baseline": base, "value": dec(rng, float(base) * 0.5, float(base) * 1.1, places)}]
    if kind == "rank_improvement":
        base = rng.randint(2, 63)
        row: Dict[str, Any] = {"baseline": Decimal(base), "value": Decimal(rng.randint(1, 63))}
        if rng.random() < 0.3:
            row["out_of"] = 63
            row["baseline_out_of"] = 63
        return [row]
    if kind == "composite_decrease":
        out = []
        for c in spec["components"]:
            base = Decimal(rng.randint(5, 500))
            out.append({"component": c["id"], "baseline": base, "value": Decimal(rng.randint(0, int(base) + 20))})
        return out
    if kind == "qualitative":
        return [{"judgement": rng.choice(["exceeded", "met", "not_met"])}]
    if kind == "reference":
        base = dec(rng, 100, 5000, places)
        return [{"baseline": base, "value": dec(rng, float(base) * 0.8, float(base) * 1.2, places)}]
    return [{}]


def periods(rng: random.Random, year: int) -> List[Any]:
    spellings: List[Any] = [
        str(year), year, f"{year}-H1", f"{year}-H2", f"{year}-Q{rng.randint(1, 4)}",
        f"{year}-M{rng.randint(1, 12):02d}", f"{year}-{rng.randint(1, 12)}M",
    ]
    chosen: List[Any] = []
    seen = set()
    for p in rng.sample(spellings, rng.randint(1, 2)):
        if str(p) not in seen:
            seen.add(str(p))
            chosen.append(p)
    return chosen


def case(rng: random.Random, n: int, directives: List[Tuple[Any, Dict[str, Any]]]) -> Dict[str, Any]:
    ref, directive = directives[0] if n % 25 == 0 else rng.choice(directives[1:])
    targets = targets_of(directive)
    year = directive["coverage"]["year"]
    entries: List[Dict[str, Any]] = []
    for unit in rng.sample(UNITS, rng.randint(1, 3)):
        for period in periods(rng, year):
            for t in rng.sample(targets, rng.randint(1, min(6, len(targets)))):
                r = rng.random()
                if t["spec"]["kind"] == "composite_decrease":
                    fields_list = rows_for(rng, t)  # needs one row per component
                elif r < 0.05:
                    fields_list: List[Dict[str, Any]] = [{"not_applicable": True}]
                elif r < 0.1:
                    fields_list = [{}]  # a row with no figure yet: no data
                else:
                    fields_list = rows_for(rng, t)
                for fields in fields_list:
                    row: Dict[str, Any] = {"unit": unit, "target": t["id"], "period": period}
                    for k, v in fields.items():
                        row[k] = number(rng, v) if isinstance(v, Decimal) else v
                    if rng.random() < 0.25:
                        row["provenance"] = rng.choice(["official", "estimate"])
                    if rng.random() < 0.1:
                        row["note"] = rng.choice(NOTES)
                    entries.append(row)
    rng.shuffle(entries)
    out: Dict[str, Any] = {"id": f"c{n:04d}", "directive": ref, "results": {"entries": entries}}
    if rng.random() < 0.5:
        keys = rng.sample(sorted(OPTIONS), rng.randint(1, len(OPTIONS)))
        out["options"] = {k: rng.choice(OPTIONS[k]) for k in sorted(keys)}
    return out


def generate() -> str:
    rng = random.Random(SEED)
    inline = json.loads((REPO / INLINE_FROM).read_text(encoding="utf-8"))["input"]["directive"]
    directives: List[Tuple[Any, Dict[str, Any]]] = [(inline, inline)]
    for path in DIRECTIVES:
        d = json.loads((REPO / path).read_text(encoding="utf-8"))
        if targets_of(d):
            directives.append((path, d))
    lines = [json.dumps(case(rng, n, directives), ensure_ascii=False, separators=(",", ":")) for n in range(1, CASES + 1)]
    return "\n".join(lines) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    text = generate()
    path = HERE / "cases.jsonl"
    if args.check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is not what generate.py gives; run python3 tests/differential/generate.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({CASES} cases, {len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
