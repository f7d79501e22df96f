"""Workbooks and CSV in and out: ResultSet.from_excel / to_excel, Evaluation.to_excel,
ScoreReport.to_excel, Directive.excel_template, inspect_excel (paths and bytes)."""

from __future__ import annotations

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
    a = thidua.ResultSet.from_excel(path, directive=kon_tum)
    b = thidua.ResultSet.from_excel(path.read_bytes(), sheet="Cụm 1", directive=kon_tum)
    assert a == b
    rows = a.to_records()
    # "Khoảng 400" is read by the core's phrase reader: 400, "about", the wording kept
    about = next(r for r in rows if r.get("reported") == "Khoảng 400")
    assert (about["value"], about["qualifier"]) == (Decimal("400"), "about")
    info = thidua.inspect_excel(path, directive=kon_tum)["diagnostics"]
    assert ("result_phrase", "'Cụm 1'!G6") in {(d["code"], d["location"]) for d in info}
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


def test_per_unit_targets_from_a_workbook_are_evaluated(kon_tum: thidua.Directive) -> None:
    csv = (
        "TT;Chỉ tiêu;ĐVT;Huyện Đắk Hà;Huyện Sa Thầy\n"
        "1;GRDP;%;từ 9,5% trở lên;không áp dụng\n"
        "3;Thu ngân sách;tỷ đồng;320;185,5\n"
    ).encode()
    table = thidua.TargetTable.from_excel(csv, directive=kon_tum)
    rows = {(r["unit"], r["target"]): r for r in table.to_records()}
    assert rows[("Huyện Đắk Hà", "1")]["comparator"] == "at_least"
    assert Decimal(rows[("Huyện Đắk Hà", "1")]["value"]) == Decimal("9.5")
    assert rows[("Huyện Sa Thầy", "1")]["not_applicable"] is True
    assert rows[("Huyện Sa Thầy", "3")]["source"] == "CSV!E3"
    results = thidua.ResultSet.from_records(
        [
            {"unit": "Huyện Đắk Hà", "target": "3", "period": "2024", "value": "300"},
            {"unit": "Huyện Sa Thầy", "target": "3", "period": "2024", "value": "190"},
        ]
    )
    e = thidua.evaluate(kon_tum, results, targets=table)
    status = {(u.unit, t.target): t.status for u in e.units for t in u.targets}
    assert status[("Huyện Đắk Hà", "3")] == "not_met"  # 300 against its own 320
    assert status[("Huyện Sa Thầy", "3")] == "exceeded"  # 190 against its own 185,5
    # a cell without a figure is an error naming the cell
    with pytest.raises(thidua.InvalidInputError) as err:
        thidua.TargetTable.from_excel(
            "TT;Chỉ tiêu;Huyện A\n3;Thu ngân sách;chưa giao\n".encode(), directive=kon_tum
        )
    assert "CSV!C2" in str(err.value)


def _xlsx_parts(data: bytes) -> dict[str, str]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_written_workbooks_are_print_ready(kon_tum: thidua.Directive) -> None:
    """What calamine cannot see, read from the xlsx XML: A4 landscape, frozen header rows,
    column widths, Vietnamese-style number formats with values kept numeric, status fills, the
    title block with the directive's number and date, data validation in the template."""
    import re

    rs = thidua.ResultSet.from_json((REPO / "docs/examples/results/002_kon-tum-2024.illustrative.json").read_text(encoding="utf-8"))
    ev = thidua.evaluate(kon_tum, rs)
    report = thidua.score(read_json("docs/examples/clusters-kon-tum-2024/input.json"), base_dir=REPO)
    template = kon_tum.excel_template(units=["Huyện A", "Huyện B"], period="2024")
    for name, data in [("scorecard", ev.to_excel(directive=kon_tum)), ("ranking", report.to_excel(directive=kon_tum)), ("template", template)]:
        parts = _xlsx_parts(data)
        sheet = parts["xl/worksheets/sheet1.xml"]
        setup = re.search(r"<pageSetup[^>]*>", sheet)
        assert setup and 'paperSize="9"' in setup.group(0) and 'orientation="landscape"' in setup.group(0), name
        assert re.search(r'<pane [^>]*state="frozen"', sheet), name
        assert re.search(r'<col [^>]*width="[0-9.]+"[^>]*customWidth="1"', sheet), name
        strings = parts.get("xl/sharedStrings.xml", "") + sheet
        assert "08/CT-UBND" in strings and "06/02/2024" in strings, name
        styles = parts["xl/styles.xml"]
        if name != "template":
            assert re.search(r'formatCode="#,##0(\.0+)?"', styles), name
            # values stay numbers: numeric cells (no t="s") exist
            assert re.search(r'<c r="[A-Z]+[0-9]+" s="[0-9]+"><v>', sheet), name
        if name == "scorecard":
            for rgb in ("FF9BD39B", "FFF4B6B6"):  # vượt green, không đạt red
                assert rgb in styles, rgb
        if name == "template":
            # numeric cells only take a number (Kon Tum has no qualitative target, so no
            # Vượt / Đạt / Không đạt list here)
            assert re.search(r'<dataValidation [^>]*type="decimal"', sheet)
