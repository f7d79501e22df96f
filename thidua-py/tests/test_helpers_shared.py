"""The shared number-helper cases (tests/helpers/numbers.json, also run by the Rust and
JavaScript runners): to_decimal_exact, format_vn, format_vn_rounded, format_vn_fixed, parse_vn
and period_label_vi give the same answer, or the same error code, for the same input — a
``str``, an ``int`` (any size) or a ``float``."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any, Dict

import pytest

import thidua
from conftest import REPO

CASES = json.loads((REPO / "tests" / "helpers" / "numbers.json").read_text(encoding="utf-8"))["cases"]


def _value(inp: Dict[str, Any]) -> Any:
    if "str" in inp:
        return inp["str"]
    if "int" in inp:
        return int(inp["int"])
    f = inp["float"]
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(f, f) if isinstance(f, str) else float(f)


def _run(case: Dict[str, Any]) -> Any:
    fn = getattr(thidua, case["fn"])
    args = [_value(case["input"])]
    if "digits" in case:
        args.append(case["digits"])
    out = fn(*args)
    # positional notation, as the core writes it (str() of a Decimal may use an exponent: 1E-28)
    return format(out, "f") if isinstance(out, Decimal) else out


@pytest.mark.parametrize("case", CASES, ids=[f"{c['fn']}-{json.dumps(c['input'], ensure_ascii=False)}-{c.get('digits', '')}" for c in CASES])
def test_shared_helper_case(case: Dict[str, Any]) -> None:
    want = case["expect"]
    if "error" in want:
        with pytest.raises(thidua.ThiduaError) as e:
            _run(case)
        assert e.value.code == want["error"], e.value
    else:
        assert _run(case) == want["ok"]


def test_a_decimal_reads_like_its_string() -> None:
    """``decimal.Decimal`` (a Python-only input) is read by its digits and scale, as the string."""
    for case in CASES:
        if case["fn"] != "to_decimal_exact" or "str" not in case["input"]:
            continue
        text = case["input"]["str"]
        # Python's Decimal() also reads "1_000" and non-ASCII digits ("١٢"), which the core's text
        # rule refuses: those strings name a different literal, so there is nothing to compare.
        if not text.isascii() or "_" in text:
            continue
        try:
            d = Decimal(text)
        except Exception:  # not a Decimal literal ("12,5", "0x10"…): nothing to compare
            continue
        want = case["expect"]
        if "ok" in want:
            assert format(thidua.to_decimal_exact(d), "f") == want["ok"], case
        else:
            with pytest.raises(thidua.ThiduaError):
                thidua.to_decimal_exact(d)
