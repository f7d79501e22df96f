"""Every shared JSON test vector under tests/vectors/ (see tests/vectors/README.md), run
through the Python API: the output must equal the vector's ``expect`` exactly (deep JSON
equality, decimals as strings), or the error must have the expected code and message.

The Rust runner is thidua-core/tests/vectors/ (one runner for every kind)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

import thidua
from conftest import REPO

VECTOR_DIR = REPO / "tests" / "vectors"
VECTORS = sorted(VECTOR_DIR.rglob("*.json"))


def _text(value: Any) -> str:
    """A string is a path relative to the repository root; anything else is inline JSON."""
    if isinstance(value, str):
        return (REPO / value).read_text(encoding="utf-8")
    return json.dumps(value, ensure_ascii=False)


def _targets(inp: Dict[str, Any]) -> Any:
    return thidua.TargetTable.from_json(_text(inp["targets"])) if "targets" in inp else None


def run_evaluate(inp: Dict[str, Any]) -> Any:
    directive = thidua.Directive.from_json(_text(inp["directive"]))
    results = thidua.ResultSet.from_json(_text(inp["results"]))
    options = thidua.EvaluationOptions.from_json(json.dumps(inp["options"])) if "options" in inp else None
    return json.loads(thidua.evaluate(directive, results, options, targets=_targets(inp)).to_json())


def run_read_result(inp: Dict[str, Any]) -> Any:
    return json.loads(thidua.read_result(inp["text"]).to_json())


def run_score(inp: Dict[str, Any]) -> Any:
    return json.loads(thidua.score(inp, base_dir=REPO).to_json())


def run_parse(inp: Dict[str, Any]) -> Any:
    """``input`` has ``text`` (inline) or ``text_path`` (a file relative to the repository
    root, read byte for byte: no newline translation, since diagnostics carry offsets)."""
    if "text" in inp:
        text = inp["text"]
    else:
        text = (REPO / inp["text_path"]).read_bytes().decode("utf-8")
    return json.loads(thidua.parse_directive(text).to_json())


def run_award(inp: Dict[str, Any]) -> Any:
    return json.loads(thidua.decide_awards(inp, base_dir=REPO).to_json())


RUNNERS: Dict[str, Callable[[Any], Any]] = {
    "evaluate": run_evaluate,
    "score": run_score,
    "parse": run_parse,
    "read_result": run_read_result,
    "award": run_award,
}


def test_vectors_exist() -> None:
    assert len(VECTORS) >= 10, f"expected the shared vectors under {VECTOR_DIR}"
    kinds = {json.loads(p.read_text(encoding="utf-8"))["kind"] for p in VECTORS}
    assert "evaluate" in kinds


@pytest.mark.parametrize("path", VECTORS, ids=[str(p.relative_to(VECTOR_DIR)) for p in VECTORS])
def test_vector(path: Path) -> None:
    v = json.loads(path.read_text(encoding="utf-8"))
    kind = v["kind"]
    assert kind in RUNNERS, f"vector kind {kind!r} has no Python runner: bind it in thidua-py"
    run = RUNNERS[kind]
    if "expect_error" in v:
        want = v["expect_error"]
        with pytest.raises(thidua.ThiduaError) as info:
            run(v["input"])
        err = info.value
        assert err.code == want["code"], str(err)
        assert isinstance(err, thidua.ERROR_CLASSES[want["code"]])
        assert isinstance(err, ValueError)
        if "message_contains" in want:
            assert want["message_contains"] in str(err)
        return
    out = run(v["input"])
    assert out == v["expect"]


def test_every_error_code_is_produced_by_a_vector() -> None:
    """Each error code has an ``expect_error`` vector; ``test_vector`` checks that Python raises
    exactly that code for it, so every code is produced through the Python API."""
    declared = {
        v["expect_error"]["code"]
        for v in (json.loads(p.read_text(encoding="utf-8")) for p in VECTORS)
        if "expect_error" in v
    }
    missing = sorted(set(thidua.ERROR_CODES) - declared)
    assert not missing, f"error codes that no vector produces: {missing}"
    assert declared <= set(thidua.ERROR_CODES), sorted(declared - set(thidua.ERROR_CODES))


EVALUATE_OK = [
    p for p in VECTORS if (lambda v: v["kind"] == "evaluate" and "expect" in v)(json.loads(p.read_text(encoding="utf-8")))
]


@pytest.mark.parametrize("path", EVALUATE_OK, ids=[p.stem for p in EVALUATE_OK])
def test_evaluate_vector_through_dataframe_batch_path(path: Path) -> None:
    """The same vectors, with the results going JSON → DataFrame → batch column path."""
    pytest.importorskip("pandas")
    v = json.loads(path.read_text(encoding="utf-8"))
    inp = v["input"]
    directive = thidua.Directive.from_json(_text(inp["directive"]))
    original = thidua.ResultSet.from_json(_text(inp["results"]))
    df = original.to_dataframe()
    again = thidua.ResultSet.from_dataframe(df, directive=original.directive, description=original.description)
    assert again == original
    options = thidua.EvaluationOptions.from_dict(inp["options"]) if "options" in inp else None
    out = json.loads(thidua.evaluate(directive, again, options, targets=_targets(inp)).to_json())
    assert out == v["expect"]
