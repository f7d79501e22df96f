#!/usr/bin/env python3
"""Writes the spreadsheet fixtures of tests/sheets/fixtures/ with programs other than thidua:
openpyxl (xlsx) and LibreOffice in headless mode (ods, xls and CSV converted from an xlsx).

    python3 -m pip install openpyxl==3.1.5
    apt-get install -y libreoffice-calc
    python3 tests/sheets/make_fixtures.py

The figures are ILLUSTRATIVE (invented for the tests, not official results), laid out the way
district and provincial tables are: merged two-row headers, a row of column numbers, section
rows, numbers typed as text ("3.500", "10,12"), units in the names, result phrases
("hơn 290"), a sheet in the legacy TCVN3 (ABC) encoding, and the published Thừa Thiên Huế 2019
table (Báo cáo 330/BC-UBND, 06/12/2019, as quoted in shared/results/04_thuathienhue_2019.md)
cell for cell. The directive is Kon Tum's Chỉ thị 08/CT-UBND (docs/examples/002_kon-tum-2024.json).
The tests are thidua-core/tests/sheet_fixtures.rs; CI reads the committed files and needs
neither openpyxl nor LibreOffice.
"""
import os
import shutil
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")

# TCVN 5712:1993 bytes 0x80-0xFF (GNU libiconv tcvn.h), reversed for encoding.
TCVN3_HIGH = [
    0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0, 0x1eb6, 0x1eac, 0x00c8, 0x1eba, 0x1ebc, 0x00c9, 0x1eb8, 0x1ec6, 0x00cc, 0x1ec8, 0x0128,
    0x00cd, 0x1eca, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc, 0x1ed8, 0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2, 0x00d9, 0x1ee6, 0x0168,
    0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0,
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4,
    0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, 0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd,
    0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, 0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2,
    0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9,
    0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0,
]
TO_TCVN3 = {chr(u): bytes([0x80 + i]) for i, u in enumerate(TCVN3_HIGH) if i >= 0x21}


def tcvn3(text):
    """Unicode -> TCVN3 as an ABC-font workbook stores it (bytes read as Windows-1252);
    capitals with tone marks are typed in lower case, as with the .VnTime fonts."""
    out = b""
    for ch in text:
        if ch in TO_TCVN3:
            out += TO_TCVN3[ch]
        elif ord(ch) < 0x80:
            out += ch.encode()
        elif ch.lower() in TO_TCVN3:
            out += TO_TCVN3[ch.lower()]
        else:
            raise ValueError(ch)
    return out.decode("cp1252")


BOLD = Font(bold=True, name="Times New Roman")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

# (TT, name as a district writes it, ĐVT, plan, result) — illustrative
DISTRICT_ROWS = [
    ("I", "KINH TẾ", None, None, None),
    ("1", "Tốc độ tăng trưởng GRDP", "%", "10", "10,12"),
    ("2", "GRDP bình quân đầu người (triệu đồng)", "Triệu đồng", 63.7, 64.1),
    ("3", "THU NGÂN SÁCH NHÀ NƯỚC TRÊN ĐỊA BÀN", "Tỷ đồng", "4.600", "4.750,5"),
    ("", "Doanh nghiệp thành lập mới", "DN", 360, "hơn 290"),
    ("II", "XÃ HỘI", None, None, None),
    ("", "Ty le bao phu bao hiem y te", "%", 94.15, 94.3),
    ("", "Số giường bệnh/1 vạn dân", "giường", 39.3, 40),
]


def district_sheet(ws, name, rows, encode=lambda s: s):
    ws.title = name
    ws.merge_cells("A1:G1")
    ws["A1"] = encode("BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024")
    ws["A1"].font = BOLD
    ws["A2"] = encode("(Số liệu minh họa)")
    for col, text in (("A", "TT"), ("B", "Chỉ tiêu"), ("C", "ĐVT"), ("F", "% so KH"), ("G", "Ghi chú")):
        ws.merge_cells(f"{col}4:{col}5")
        ws[f"{col}4"] = encode(text)
    ws.merge_cells("D4:E4")
    ws["D4"] = encode("Năm 2024")
    ws["D5"] = encode("Kế hoạch")
    ws["E5"] = encode("Ước thực hiện")
    for c in "ABCDEFG":
        ws[f"{c}4"].font = BOLD
        ws[f"{c}4"].alignment = CENTER
        ws[f"{c}5"].font = BOLD
    for i, c in enumerate("ABCDEFG"):
        ws[f"{c}6"] = f"({i + 1})"
    r = 7
    for tt, label, unit, plan, result in rows:
        ws[f"A{r}"] = tt
        ws[f"B{r}"] = encode(label)
        if unit:
            ws[f"C{r}"] = encode(unit)
        if plan is not None:
            ws[f"D{r}"] = plan
        if result is not None:
            ws[f"E{r}"] = encode(result) if isinstance(result, str) else result
        r += 1
    ws.column_dimensions["B"].width = 40


def districts_xlsx(path):
    wb = Workbook()
    district_sheet(wb.active, "Huyện Đắk Hà", DISTRICT_ROWS)
    other = [(a, b, c, d, e) for (a, b, c, d, e) in DISTRICT_ROWS]
    other[1] = ("1", "Tốc độ tăng trưởng GRDP", "%", "10", 9.4)
    other[4] = ("", "Doanh nghiệp thành lập mới", "DN", 360, 301)
    district_sheet(wb.create_sheet(), "Huyện Sa Thầy", other)
    # An older office's sheet typed with ABC (.VnTime) fonts.
    tc = [(a, b, c, d, e) for (a, b, c, d, e) in DISTRICT_ROWS if not b.startswith("Ty le")]
    tc = [(a, b.replace("hơn 290", "290"), c, d, (e if e != "hơn 290" else 280)) for (a, b, c, d, e) in tc]
    district_sheet(wb.create_sheet(), "Huyen Kon Ray", tc, encode=tcvn3)
    for ws in wb.worksheets[2:]:
        for row in ws.iter_rows():
            for c in row:
                c.font = Font(name=".VnTime")
    wb.save(path)


def cluster_xlsx(path):
    """A wide table: targets as rows, one column per district under a merged group header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Cụm 1"
    ws.merge_cells("A1:G1")
    ws["A1"] = "TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2024 - CỤM THI ĐUA SỐ 1"
    for col, text in (("A", "STT"), ("B", "Tên chỉ tiêu"), ("C", "Đơn vị tính"), ("D", "Chỉ tiêu tỉnh giao")):
        ws.merge_cells(f"{col}3:{col}4")
        ws[f"{col}3"] = text
    ws.merge_cells("E3:G3")
    ws["E3"] = "Kết quả thực hiện của các đơn vị"
    ws["E4"], ws["F4"], ws["G4"] = "Huyện Đắk Hà", "Huyện Sa Thầy", "Huyện Ia H'Drai"
    rows = [
        ("1", "Tốc độ tăng trưởng GRDP", "%", 10, "5,1", 4.8, 6.02),
        ("3", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 4600, "1.250", 980.25, "Khoảng 400"),
        ("5", "Giá trị xuất khẩu", "triệu USD", 320, "12,5", "không áp dụng", "-"),
        ("7", "Tỷ lệ lao động qua đào tạo", "%", 58.5, 57.1, 59, 52),
        ("-", "Trong đó: lao động được đào tạo nghề", "%", 43, 41.5, 44.2, 40),
    ]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.cell(row=5 + i, column=1 + j, value=v)
    wb.save(path)


def tth_2019_xlsx(path):
    """The published Thừa Thiên Huế 2019 table, cell for cell (shared/results/04)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu 2019"
    ws.merge_cells("A1:F1")
    ws["A1"] = ("CÁC CHỈ TIÊU KINH TẾ XÃ HỘI CHỦ YẾU ĐẠT ĐƯỢC TRONG NĂM 2019 "
                "(Theo báo cáo số 330/BC-UBND ngày 06/12/2019)")
    head = ["Stt", "Chỉ tiêu chủ yếu", "TH năm 2018", "KH năm 2019", "Ước TH năm 2019", "Ghi chú"]
    for j, h in enumerate(head):
        ws.cell(row=3, column=1 + j, value=h).font = BOLD
    rows = [
        ["I", "Kinh tế"],
        ["1", "Tốc độ tăng tổng sản phẩm trong tỉnh (GRDP) (%)", "6,61", "7,5-8,0", "7,18", "Không đạt"],
        ["", "Tr.đó: - Nông Lâm Ngư nghiệp (%)", "3,46", "2,28", "-4,13%", "Không đạt"],
        ["", "- Công nghiệp-Xây dựng (%)", "8,24", "10,56", "11,32%"],
        ["", "- Dịch vụ (%)", "6,78", "6,9", "7,39%"],
        ["", "- Thuế sản phẩm (%)", "4,23", "5,58", "8,37%"],
        ["2", "Tổng sản phẩm trong tỉnh bình quân đầu người (USD)", "1.839", "1.915", "2.007", "Đạt"],
        ["3", "Giá trị xuất khẩu (triệu USD)", "864", "1.055", "950", "Không đạt"],
        ["4", "Tổng vốn đầu tư toàn xã hội (Tỷ đồng)", "19.770", "22.700", "22.700", "Đạt"],
        ["5", "Thu ngân sách Nhà nước (Tỷ đồng)", "7.788", "7.213,5", "7.787", "Vượt"],
        ["II", "Xã hội"],
        ["6", "Mức giảm tỷ suất sinh (‰)", "2", "2", "2", "Đạt"],
        ["", "Tỷ lệ tăng dân số tự nhiên (‰)", "10,8", "10,8", "10,8", "Đạt"],
        ["7", "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng: -Theo cân nặng (%) -Theo chiều cao (%)", "7,6 / 10,4", "< 7,6 / <10,4", "7,6 / 10,4", "Đạt"],
        ["8", "Tỷ lệ hộ nghèo giảm (%)", "1,06", "0,7% (còn 4,33%)", "0,86% (còn 4,17%)", "Đạt"],
        ["9", "Tỷ lệ người dân tham gia bảo hiểm y tế (%)", "95", "98,07", "98,5%", "Đạt"],
        ["10", "Tỷ lệ lao động được đào tạo nghề (%)", "62", "64", "64", "Đạt"],
        ["11", "Tạo việc làm mới (nghìn người)", "16,6", "16", "16", "Đạt"],
        ["III", "Môi trường"],
        ["12", "Tỷ lệ dân số nông thôn sử dụng nước sạch (%)", "80", "85", "85", "Đạt"],
        ["13", "Độ che phủ rừng (%)", "57,3", "57,3", "57,3", "Đạt"],
        ["14", "Tỷ lệ chất thải rắn ở đô thị được thu gom (%)", "94", "96", "96", "Đạt"],
    ]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.cell(row=4 + i, column=1 + j, value=v)
    wb.save(path)


def libreoffice(src, fmt, outdir):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        sys.exit("LibreOffice is needed: apt-get install -y libreoffice-calc")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
             "--outdir", outdir, src],
            check=True, stdout=subprocess.DEVNULL)


def main():
    os.makedirs(HERE, exist_ok=True)
    districts_xlsx(os.path.join(HERE, "districts-2024.openpyxl.xlsx"))
    tth_2019_xlsx(os.path.join(HERE, "thua-thien-hue-2019.openpyxl.xlsx"))
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "cluster-2024-H1.xlsx")
        cluster_xlsx(src)
        libreoffice(src, "ods", tmp)
        libreoffice(src, "xls", tmp)
        # CSV: ';' separated, '"' quoted, UTF-8 (filter options 59,34,76)
        libreoffice(src, 'csv:Text - txt - csv (StarCalc):59,34,76,1', tmp)
        for ext in ("ods", "xls", "csv"):
            shutil.copy(os.path.join(tmp, f"cluster-2024-H1.{ext}"),
                        os.path.join(HERE, f"cluster-2024-H1.libreoffice.{ext}"))
    for f in sorted(os.listdir(HERE)):
        print(f, os.path.getsize(os.path.join(HERE, f)))


if __name__ == "__main__":
    main()
