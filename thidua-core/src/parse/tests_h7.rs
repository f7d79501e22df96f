//! Unit tests of general rules added after the seventh held-out set: spreadsheets saved as
//! CSV, Markdown written by pandoc, blank cells of tab-separated rows, and tables with one row
//! per unit and one column per indicator under a two-row header.

use super::tests_h4::{described, targets};

#[test]
fn a_semicolon_csv_sheet_is_read_as_a_table() {
    let text = "UBND HUYỆN A;;;;\nPHÒNG KINH TẾ;;;;\n\"CHỈ TIÊU KẾ HOẠCH NĂM 2029\";;;;\nTT;Chỉ tiêu;Đơn vị tính;Ước thực hiện năm 2028;Kế hoạch năm 2029\n1;Tốc độ tăng giá trị sản xuất nông nghiệp;%;3,1;\"3,5 - 4\"\n2;\"Số hợp tác xã, tổ hợp tác thành lập mới\";hợp tác xã;;Tối thiểu 6\n3;Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao;%;40;50\n;;;;\n";
    let t = described(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t[0].1.contains("3,5") && t[0].1.contains('4'), "{t:#?}");
    // The quotes of a cell are not part of its text; the empty result cell keeps the columns
    // in place, so "Tối thiểu 6" is the plan's cell, not the estimate's.
    assert_eq!(t[1].0, "Số hợp tác xã, tổ hợp tác thành lập mới");
    assert!(t[1].1.contains('6'), "{t:#?}");
    assert!(t[2].1.contains("50") && !t[2].1.contains("40"), "{t:#?}");
}

#[test]
fn pandoc_markdown_reads_as_its_text() {
    let text = "# KẾ HOẠCH\n\n## Công tác y tế năm 2029\n\n### II. CHỈ TIÊU\n\n-   Tỷ lệ trẻ em được tiêm chủng đầy đủ: **≥ 96%**.\n-   Tỷ lệ mắc sốt xuất huyết **\\< 100 ca/100.000 dân**.\n\n*Trang 2/5*\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("96"), "{t:#?}");
    assert!(!t[0].0.contains('*') && !t[1].0.contains('*'), "{t:#?}");
    assert!(t[1].1.contains("100"), "{t:#?}");
}

#[test]
fn a_table_with_one_row_per_unit_assigns_each_indicator_to_the_unit() {
    let text = "PHỤ LỤC\nCHỈ TIÊU GIAO CHO CÁC PHƯỜNG NĂM 2029\n\nTT\tPhường\tChỉ tiêu giao năm 2029\t\t\tGhi chú\n\t\tTỷ lệ giảm hộ cận nghèo (%)\tTỷ lệ hộ dùng nước sạch (%)\tSố việc làm mới (người)\t\n1\tPhường An Bình\t0,5\t99\t600\t\n2\tPhường Hòa Lạc\t-\t97,5\t\tPhường mới, 6 tổ dân phố\n";
    let all = targets(text);
    let t = described(text);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert_eq!(t[0].0, "Tỷ lệ giảm hộ cận nghèo (Phường An Bình)");
    // A bare cell under a "Tỷ lệ giảm …" header is the decrease (points of a rate).
    assert!(t[0].1.starts_with("giảm"), "{t:#?}");
    assert_eq!(t[1].0, "Tỷ lệ hộ dùng nước sạch (Phường An Bình)");
    assert!(t[1].1.contains("99") && t[1].1.contains('%'), "{t:#?}");
    assert!(t[2].1.contains("600") && t[2].1.contains("người"), "{t:#?}");
    // The "-" and the empty cell give no target; the note's "6 tổ dân phố" is no target.
    assert_eq!(t[3].0, "Tỷ lệ hộ dùng nước sạch (Phường Hòa Lạc)");
    assert!(
        all.iter().all(|x| !x.spec.describe_vi().contains(" 6 ")),
        "{all:#?}"
    );
}

#[test]
fn a_tab_table_without_a_units_column_is_not_read_by_unit() {
    // The same two-row header, but the first column names indicators: an ordinary table.
    let text = "TT\tChỉ tiêu\tKế hoạch năm 2029\t\tGhi chú\n\t\tQuý I\tCả năm\t\n1\tTỷ lệ thu hội phí (%)\t30\t100\t\n";
    let t = described(text);
    assert!(
        t.iter().all(|(n, _)| n.starts_with("Tỷ lệ thu hội phí")),
        "{t:#?}"
    );
}

#[test]
fn a_lead_line_phan_dau_over_a_list_is_no_header_and_governs_its_bare_figures() {
    let text = "BÁO CÁO CHÍNH TRỊ\n\nII. CÁC CHỈ TIÊU CHỦ YẾU\nPhấn đấu đến năm 2030:\n1. Tỷ lệ tập hợp thanh niên vào Đoàn đạt 80% trở lên; kết nạp mới ít nhất 300 đoàn viên.\n2. 100% chi đoàn được tập huấn nghiệp vụ.\n3. Hằng năm giới thiệu ít nhất 20 đoàn viên ưu tú cho Đảng.\n";
    let all = targets(text);
    let t = described(text);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t[0].1.contains("80") && t[1].1.contains("300"), "{t:#?}");
    // The bare 100% under the lead is a level to reach at least, not a bare figure.
    assert!(t[2].1.contains("100"), "{t:#?}");
    assert_eq!(all[2].wording, None, "{all:#?}");
    assert!(t[3].1.contains("20"), "{t:#?}");
}

#[test]
fn a_shareholders_resolution_reads_the_plan_not_last_years_results_or_the_votes() {
    let text = "NGHỊ QUYẾT\nĐẠI HỘI ĐỒNG CỔ ĐÔNG THƯỜNG NIÊN NĂM 2029\n\nĐiều 1. Thông qua Báo cáo kết quả kinh doanh năm 2028: doanh thu 310 tỷ đồng; lợi nhuận trước thuế 41 tỷ đồng.\nTỷ lệ biểu quyết tán thành: 99,3% tổng số cổ phần có quyền biểu quyết dự họp.\n\nĐiều 2. Thông qua Kế hoạch kinh doanh năm 2029 với các chỉ tiêu chủ yếu sau:\n1. Doanh thu: 335 tỷ đồng.\n2. Lợi nhuận trước thuế tối thiểu 45 tỷ đồng.\nTỷ lệ biểu quyết tán thành: 98,1%.\n\nĐiều 3. Thông qua phương án phân phối lợi nhuận năm 2028: chia cổ tức 8% bằng tiền mặt.\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("335") && t[1].1.contains("45"), "{t:#?}");
}

#[test]
fn header_metadata_of_markdown_companies_and_mass_organisations() {
    use super::parse_directive;
    use crate::model::DocumentKind;
    // A header copied as a Markdown table, the lines of a cell stacked with <br>.
    let md = "| **UBND TỈNH HẬU GIANG**<br>**SỞ NỘI VỤ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |\n|----|----|\n| Số: 45/KH-SNV | *Hậu Giang, ngày 10 tháng 01 năm 2029* |\n\n# KẾ HOẠCH\n\nTỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.\n";
    let d = parse_directive(md).directive;
    assert_eq!(d.number.as_deref(), Some("45/KH-SNV"));
    assert!(
        d.issuer.name.to_lowercase().starts_with("sở nội vụ"),
        "{:?}",
        d.issuer
    );
    // One line of a company's name, a detail line, then "Số:".
    let co = "CÔNG TY CỔ PHẦN MÔI TRƯỜNG ĐÔ THỊ HÀ TĨNH\nMã chứng khoán: MTH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 02/2029/NQ-ĐHĐCĐ\nHà Tĩnh, ngày 20 tháng 4 năm 2029\n\nNGHỊ QUYẾT\n";
    let d = parse_directive(co).directive;
    assert!(
        d.issuer
            .name
            .to_lowercase()
            .starts_with("công ty cổ phần môi trường"),
        "{:?}",
        d.issuer
    );
    // No "Số:" line: the bodies above a "***" rule, the place and date ending the block; a
    // report is of its own kind, whatever resolutions it mentions.
    let hoi = "HỘI LHPN HUYỆN A\nBCH HỘI LHPN XÃ B\n***\nĐẠI HỘI ĐẠI BIỂU PHỤ NỮ XÃ B\nLẦN THỨ II\nXã B, ngày 02 tháng 3 năm 2029\n\nBÁO CÁO CHÍNH TRỊ\ntrình Đại hội, thực hiện Nghị quyết Đại hội lần thứ I\n";
    let d = parse_directive(hoi).directive;
    assert!(
        d.issuer.name.to_lowercase().contains("hội lhpn xã b"),
        "{:?}",
        d.issuer
    );
    assert_eq!(d.kind, DocumentKind::Other);
}

#[test]
fn bounded_durations_dash_chains_and_rates_per_population() {
    let text = "II. CHỈ TIÊU NĂM 2029\n- Thời gian giải quyết hồ sơ đăng ký đất đai tối đa 7 ngày làm việc; 100% hồ sơ được trả đúng hạn.\n- Chiến lược 90 - 90 - 90: 90% người nhiễm HIV được điều trị.\n- Tỷ lệ mắc bệnh dại dưới 0,05/100.000 dân.\n- Tổ chức 12 buổi tập huấn trong 3 ngày.\n";
    let t = described(text);
    let all: Vec<String> = t.iter().map(|x| x.1.clone()).collect();
    // "tối đa 7 ngày làm việc" after "Thời gian …" is a target; "trong 3 ngày" is not.
    assert!(
        all.iter()
            .any(|d| d.contains('7') && d.contains("ngày làm việc")),
        "{t:#?}"
    );
    assert!(all.iter().all(|d| !d.contains("3 ngày")), "{t:#?}");
    // "90 - 90 - 90" names the strategy: one target of 90 %, no range.
    assert_eq!(all.iter().filter(|d| d.contains("90")).count(), 1, "{t:#?}");
    assert!(all.iter().all(|d| !d.contains('–')), "{t:#?}");
    // "0,05/100.000 dân" is a value, not a fraction or a date.
    assert!(all.iter().any(|d| d.contains("0,05")), "{t:#?}");
}

#[test]
fn a_two_row_header_with_one_column_per_year_gives_a_target_per_year() {
    let text = "STT\tChỉ tiêu\tĐơn vị tính\tƯớc thực hiện năm 2025\tKế hoạch các năm\t\t\tGhi chú\n\t\t\t\tNăm 2026\tNăm 2027\tNăm 2028\t\n1\tTổng lượt khách du lịch\ttriệu lượt\t17,2\t18,5\t20\t21,5\t\n2\tTỷ lệ lao động qua đào tạo\t%\t68,5\t> 70\t\t≥ 80\t\n";
    let t = described(text);
    assert_eq!(t.len(), 5, "{t:#?}");
    assert!(
        t[0].0.contains("Năm 2026") && t[0].1.contains("18,5"),
        "{t:#?}"
    );
    assert!(
        t[2].0.contains("Năm 2028") && t[2].1.contains("21,5"),
        "{t:#?}"
    );
    // The estimate of 2025 is a result, never a target.
    assert!(
        t.iter()
            .all(|x| !x.1.contains("17,2") && !x.1.contains("68,5")),
        "{t:#?}"
    );
    assert!(
        t[4].0.contains("Năm 2028") && t[4].1.contains("80"),
        "{t:#?}"
    );
}

#[test]
fn a_chat_message_lists_targets_and_the_replies_and_reactions_do_not() {
    let text = "Trần Văn An - VP UBND xã  07:58\nCHỈ TIÊU CHÍNH NĂM 2029 CỦA XÃ:\n1/ Thu NS trên địa bàn: 40 tỷ đ\n2/ BHYT ≥ 97% dân số\n👍 12  ❤️ 4\n\nLê Thị Bình - Thôn 2  08:10\nDạ thôn em năm 2028 BHYT mới được 91% thôi ạ\n\nPhạm Văn Cường - Thôn 5  08:12\nChỉ tiêu thu là 40 hay 45 tỷ vậy a?\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("40 tỷ đồng"), "{t:#?}");
    assert!(t[1].1.contains("97"), "{t:#?}");
}

#[test]
fn a_pledge_form_reads_ticked_items_with_their_blanks_and_not_the_award_part() {
    let text = "PHIẾU ĐĂNG KÝ THI ĐUA\nNăm học 2028 - 2029\n\nA. ĐĂNG KÝ CHỈ TIÊU THI ĐUA\n☒ 1. Tỷ lệ học sinh lên lớp: ≥ ....98,5.... %\n☐ 2. Số học sinh đạt giải quốc gia: ............ giải\n☒ 3. Tỷ lệ học sinh bỏ học: không quá ....0,2.... %\n\nB. ĐĂNG KÝ DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG\n1. Cá nhân:\n- Lao động tiên tiến: ....40.... người\n- Chiến sĩ thi đua cơ sở: ....6.... người\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("98,5%"), "{t:#?}");
    assert!(t[1].1.contains("0,2%"), "{t:#?}");
}

#[test]
fn a_slide_deck_reads_its_targets_not_its_slide_markers_footers_or_results() {
    let text = "--- Slide 1 ---\nHỘI NGHỊ TRIỂN KHAI KẾ HOẠCH NĂM 2029\n\n--- Slide 2 ---\nKẾT QUẢ NỔI BẬT NĂM 2028\n▪ Thành lập mới 40 HTX\nLiên minh HTX tỉnh | 2029                                   2\n\n--- Slide 3 ---\nMỤC TIÊU NĂM 2029\n▪ Phát triển mới ít nhất 45 HTX\n▪ Quỹ hỗ trợ:\n   o Giải ngân ≥ 20 tỷ đồng\n   o Nợ quá hạn < 1%\nLiên minh HTX tỉnh | 2029                                   3\n";
    let t = described(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t[0].1.contains("45"), "{t:#?}");
    assert!(t[1].1.contains("20 tỷ đồng"), "{t:#?}");
    assert!(t[2].1.contains("1%"), "{t:#?}");
}

#[test]
fn equipment_ratings_and_mixed_case_units_are_not_figures() {
    let text = "MỤC TIÊU NĂM 2029\n- Hoàn thành đóng điện 06 công trình lưới điện 110 kV.\n- Điện thương phẩm đạt 2.950 triệu kWh.\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains('6') && !t[0].1.contains("110"), "{t:#?}");
    assert!(t[0].0.contains("110 kV"), "{t:#?}");
    assert!(t[1].1.contains("kwh") || t[1].1.contains("kWh"), "{t:#?}");
}

#[test]
fn a_box_drawn_table_is_read_row_by_row() {
    let text = "┌──────┬──────────────────────────┬────────┬──────────┬──────────┐\n│ Mã số│ Chỉ tiêu                 │ Đơn vị │ Ước thực │ Kế hoạch │\n│      │                          │ tính   │ hiện 2028│ năm 2029 │\n├──────┼──────────────────────────┼────────┼──────────┼──────────┤\n│ 01   │ Tỷ lệ hồ sơ được giải    │ %      │ 92,5     │ ≥ 95     │\n│      │ quyết trực tuyến         │        │          │          │\n├──────┼──────────────────────────┼────────┼──────────┼──────────┤\n│ 02   │ Số phiếu được cấp        │ nghìn  │ 1.215    │ Khoảng   │\n│      │                          │ phiếu  │          │ 1.300    │\n└──────┴──────────────────────────┴────────┴──────────┴──────────┘\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    // The row's name goes on over its lines; the estimate of 2028 is a result.
    assert_eq!(t[0].0, "Tỷ lệ hồ sơ được giải quyết trực tuyến");
    assert!(t[0].1.contains("95") && !t[0].1.contains("92,5"), "{t:#?}");
    // "Khoảng" over "1.300": one cell.
    assert!(
        t[1].1.contains("1.300") || t[1].1.contains("1300"),
        "{t:#?}"
    );
}

proptest::proptest! {
    /// Markup written over characters longer than one byte (box drawing, ballots, ellipses)
    /// leaves every span on a character boundary of the caller's text.
    #[test]
    fn spans_stay_on_character_boundaries(s in "[│┼─┌☒☐…\\.aăđ1-9;,\\n|*#<> -]{0,160}") {
        let out = super::parse_directive(&s);
        for d in &out.diagnostics {
            proptest::prop_assert!(s.get(d.start..d.end).is_some(), "{d:?}");
        }
        for sp in &out.item_spans {
            proptest::prop_assert!(s.get(sp.start..sp.end).is_some(), "{sp:?}");
        }
    }
}

#[test]
fn a_form_without_a_number_has_its_issuer_over_the_title_and_its_date_at_the_foot() {
    use super::parse_directive;
    let text = "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH GIA LAI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG THPT PLEIKU                            Độc lập - Tự do - Hạnh phúc\n\n                                              Mẫu số 02\nPHIẾU ĐĂNG KÝ THI ĐUA\n\n1. Tỷ lệ học sinh lên lớp: 98%\n\n                                  Pleiku, ngày 20 tháng 9 năm 2028\n                                          HIỆU TRƯỞNG\n";
    let d = parse_directive(text).directive;
    assert!(
        d.issuer
            .name
            .to_lowercase()
            .starts_with("trường thpt pleiku"),
        "{:?}",
        d.issuer
    );
    assert_eq!(
        d.issued.map(|x| x.to_string()).as_deref(),
        Some("2028-09-20")
    );
}

#[test]
fn the_shorthand_tr_d_is_million_dong() {
    let t = described(
        "MỤC TIÊU NĂM 2029\n▪ Thu nhập bình quân của thành viên HTX: ≥ 6,8 tr.đ/người/tháng\n",
    );
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(t[0].1.contains("6,8 triệu đồng"), "{t:#?}");
}
