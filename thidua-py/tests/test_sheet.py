"""Workbooks and CSV in and out: ResultSet.from_excel / to_excel, Evaluation.to_excel,
ScoreReport.to_excel, Directive.excel_template, inspect_excel (paths and bytes)."""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import pytest

import thidua

from conftest import REPO, read_json

FIXTURES = REPO / "tests" / "sheets" / "fixtures"


@pytest.fixture(scope="module")
def kon_tum() -> thidua.Directive:
    return thidua.Directive.load(REPO / "docs" / "examples" / "002_kon-tum-2024.json")


def test_from_excel_path_and_bytes_agree(kon_tum: thidua.Directive) -> None:
    path = FIXTURES / "cluster-2024-H1.libreoffice.ods"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        a = thidua.ResultSet.from_excel(path, directive=kon_tum)
    # "Khoảng 400" is kept as a note, with a warning naming its cell
    assert any("'Cụm 1'!G6" in str(w.message) for w in caught)
    b = thidua.ResultSet.from_excel(path.read_bytes(), sheet="Cụm 1", directive=kon_tum)
    assert a == b
    rows = a.to_records()
    first = next(r for r in rows if r["target"] == "3" and r.get("value") is not None)
    assert first["value"] == Decimal("1250")  # the text cell "1.250"
    assert {r["period"] for r in rows} == {"2024-H1"}


def test_errors_name_the_cell(kon_tum: thidua.Directive) -> None:
    csv = "TT;Chỉ tiêu;KH;TH năm 2024\n1;GRDP;10;9,5\n;Số con mèo;1;2\n".encode()
    with pytest.raises(thidua.InvalidInputError) as e:
        thidua.ResultSet.from_excel(csv, directive=kon_tum, unit="Kon Tum")
    assert "CSV!B3" in str(e.value)
    out = thidua.inspect_excel(csv, directive=kon_tum, unit="Kon Tum")
    codes = {(d["code"], d["location"]) for d in out["diagnostics"]}
    assert ("no_target_match", "CSV!B3") in codes
    assert out["tables"][0]["layout"] == "report"
    assert len(out["results"]) == 1


def test_result_set_round_trip_through_a_workbook(kon_tum: thidua.Directive, tmp_path: Path) -> None:
    rs = thidua.ResultSet.from_json((REPO / "docs/examples/results/002_kon-tum-2024.illustrative.json").read_text(encoding="utf-8"))
    data = rs.to_excel(directive=kon_tum)
    assert isinstance(data, bytes) and data[:2] == b"PK"
    back = thidua.ResultSet.from_excel(data, directive=kon_tum)
    assert back.to_records() == rs.to_records()
    # the wide layout holds one provenance: the illustrative set mixes estimates and official figures
    with pytest.raises(thidua.InvalidInputError):
        rs.to_excel(directive=kon_tum, layout="wide")
    official = thidua.ResultSet.from_records([
        {"unit": "Huyện A", "target": "1", "period": "2024", "value": Decimal("10.5")},
        {"unit": "Huyện B", "target": "8", "period": "2024", "value": Decimal("2.1"), "baseline": Decimal("5.6")},
    ])
    p = tmp_path / "ket-qua.xlsx"
    assert official.to_excel(p, directive=kon_tum, layout="wide") is None
    wide = thidua.ResultSet.from_excel(p, directive=kon_tum)
    assert wide.to_records() == official.to_records()


def test_scorecard_template_and_ranking_workbooks(kon_tum: thidua.Directive, tmp_path: Path) -> None:
    rs = thidua.ResultSet.from_json((REPO / "docs/examples/results/002_kon-tum-2024.illustrative.json").read_text(encoding="utf-8"))
    ev = thidua.evaluate(kon_tum, rs)
    assert ev.to_excel(directive=kon_tum)[:2] == b"PK"
    ev.to_excel(tmp_path / "scorecard.xlsx", per_unit=True)
    assert (tmp_path / "scorecard.xlsx").stat().st_size > 1000
    template = kon_tum.excel_template(units=["Huyện A", "Huyện B"], period="2024-H1")
    empty = thidua.inspect_excel(template, directive=kon_tum)
    assert empty["tables"][0]["units"] == ["Huyện A", "Huyện B"]
    assert not [d for d in empty["diagnostics"] if d["severity"] == "error"]
    report = thidua.score(read_json("docs/examples/clusters-kon-tum-2024/input.json"), base_dir=REPO)
    data = report.to_excel(directive=kon_tum)
    assert data[:2] == b"PK"
    with pytest.raises(ValueError):
        rs.to_excel(layout="sideways")
