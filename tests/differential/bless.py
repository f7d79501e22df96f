#!/usr/bin/env python3
"""Writes tests/differential/expected.jsonl: the digest of the core's output for every case of
cases.jsonl, through the JSON-text path only (see README.md here). Needs the `thidua` wheel.

    python3 tests/differential/bless.py          # rewrite expected.jsonl
    python3 tests/differential/bless.py --check  # exit 1 if it differs (e.g. after a core change)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def cases() -> Iterator[Dict[str, Any]]:
    with open(HERE / "cases.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def directive_text(case: Dict[str, Any]) -> str:
    d = case["directive"]
    if isinstance(d, str):
        return (REPO / d).read_text(encoding="utf-8")
    return json.dumps(d, ensure_ascii=False)


def canonical(text: str) -> str:
    """The README's canonical JSON of an output text."""
    return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(text: str) -> Dict[str, Any]:
    c = canonical(text)
    b = c.encode("utf-8")
    return {"sha256": hashlib.sha256(b).hexdigest(), "bytes": len(b), "units": len(json.loads(c)["units"])}


def text_path(case: Dict[str, Any]) -> str:
    import thidua

    d = thidua.Directive.from_json(directive_text(case))
    r = thidua.ResultSet.from_json(json.dumps(case["results"], ensure_ascii=False))
    o = thidua.EvaluationOptions.from_json(json.dumps(case["options"])) if "options" in case else None
    return thidua.evaluate(d, r, o).to_json()


def expected_lines() -> List[str]:
    out = []
    for case in cases():
        row = {"id": case["id"], **digest(text_path(case))}
        out.append(json.dumps(row, separators=(",", ":")))
    return out


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    text = "\n".join(expected_lines()) + "\n"
    path = HERE / "expected.jsonl"
    if args.check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} differs from the core's output; review, then run bless.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
