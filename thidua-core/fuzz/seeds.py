#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the repository's own texts, examples and
shared vectors (nothing is copied into the repository): target/fuzz-seeds/<target>/.

    python3 thidua-core/fuzz/seeds.py            # from the repository root

Each seed is a whole input of its target, with every file the vector names read in (the
fuzz targets read JSON text only, never a file).
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "target" / "fuzz-seeds"

# Keys whose string value names a file (relative to the repository root) in each kind.
SCORE_KEYS = {"scheme", "roster", "directive", "options", "results", "council", "evaluation"}
AWARD_KEYS = {"history", "score", "score_report", "base_salary", "facts", "candidates", "ballots"}


def inline(v, keys):
    """The value with each file it names (under one of `keys`) read in, at any depth."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k in keys and isinstance(x, str) and x.endswith(".json") and (ROOT / x).is_file():
                x = json.loads((ROOT / x).read_text(encoding="utf-8"))
            out[k] = inline(x, keys)
        return out
    if isinstance(v, list):
        return [inline(x, keys) for x in v]
    return v


def write(target, name, value):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def main():
    n = 0
    for p in sorted((ROOT / "tests" / "texts").rglob("*.txt")):
        d = OUT / "parse"
        d.mkdir(parents=True, exist_ok=True)
        (d / p.name).write_bytes(p.read_bytes())
        n += 1
    for p in sorted((ROOT / "docs" / "examples").glob("0*.json")):
        write("directive", p.name, json.loads(p.read_text(encoding="utf-8")))
        n += 1
    for p in sorted((ROOT / "docs" / "examples" / "results").glob("*.json")):
        write("results", p.name, json.loads(p.read_text(encoding="utf-8")))
        n += 1
    for p in sorted((ROOT / "tests" / "vectors").rglob("*.json")):
        v = json.loads(p.read_text(encoding="utf-8"))
        kind, inp = v.get("kind"), v.get("input")
        if kind == "evaluate" and isinstance(inp, dict):
            d, r = inp.get("directive"), inp.get("results")
            if isinstance(d, dict):
                write("directive", p.name, d)
                n += 1
            if isinstance(r, (dict, list)):
                write("results", p.name, r)
                n += 1
        elif kind == "score" and isinstance(inp, dict):
            write("score", p.name, inline(inp, SCORE_KEYS | AWARD_KEYS))
            n += 1
        elif kind in ("award", "awards", "decide_awards", "check_awards") and isinstance(inp, dict):
            write("award", p.name, inline(inp, SCORE_KEYS | AWARD_KEYS))
            n += 1
    print(f"wrote {n} seeds under {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
