"""Shared fixtures. The suite runs against the INSTALLED wheel: `.ci/python.sh` runs pytest
from a directory where ``thidua-py/python`` is not importable, and the check below fails the
run if ``thidua`` was imported from the source tree instead."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import thidua

REPO = Path(os.environ.get("THIDUA_REPO", Path(__file__).resolve().parents[2]))
SOURCE_TREE = (Path(__file__).resolve().parents[1] / "python").resolve()


def pytest_configure(config: pytest.Config) -> None:
    here = Path(thidua.__file__).resolve()
    if SOURCE_TREE in here.parents:
        raise pytest.UsageError(f"thidua was imported from the source tree ({here}), not from the installed wheel")


def read_json(rel: str) -> Any:
    return json.loads((REPO / rel).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def kon_tum() -> thidua.Directive:
    return thidua.Directive.load(REPO / "docs/examples/002_kon-tum-2024.json")


@pytest.fixture(scope="session")
def kon_tum_results() -> thidua.ResultSet:
    return thidua.ResultSet.load(REPO / "docs/examples/results/002_kon-tum-2024.illustrative.json")
