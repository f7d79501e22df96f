//! Unit tests of general rules added after the fifth held-out set: targets given in brackets
//! ("(chỉ tiêu: …)", "(khoảng …)"), lettered items "a." at line starts, a section of a past
//! period's results, notes, the distribution list of a letter, beneficiaries after a
//! lower-is-better phrase.

use super::tests_h4::{described, targets};

const HEAD: &str = "KẾ HOẠCH\nCông tác hội năm 2028\n\n";

#[test]
fn a_target_given_in_brackets_is_read_and_its_brackets_leave_the_name() {
    let text = format!(
        "{HEAD}II. CHỈ TIÊU NĂM 2028\na. Vận động xây dựng Quỹ khuyến học (chỉ tiêu: tối thiểu 3 tỷ đồng).\nb. Trồng cây phân tán trên các tuyến đường (khoảng 12.000 cây).\nc. Thăm hỏi hội viên (năm 2027: 1.200 lượt).\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert_eq!(t[0].0, "Vận động xây dựng Quỹ khuyến học");
    assert_eq!(t[0].1, "từ 3 tỷ đồng trở lên");
    assert!(t[1].1.contains("12.000"), "{t:#?}");
    assert!(!t[1].0.contains('('), "{t:#?}");
    // An aside in brackets is not a target: item c has no figure of its own.
    assert!(!t[2].1.contains("1.200"), "{t:#?}");
}

#[test]
fn a_section_of_last_years_results_holds_no_targets() {
    // No year in the header: "Năm 2027," is not known to be a past year; the heading says so.
    let text = "CHƯƠNG TRÌNH CÔNG TÁC HỘI\n\nI. KẾT QUẢ NĂM 2027\nNăm 2027, Quỹ khuyến học vận động được 2,5 tỷ đồng; kết nạp 350 hội viên mới; 92% chi hội đạt vững mạnh.\n\nII. CHỈ TIÊU NĂM 2028\n1. Kết nạp ít nhất 400 hội viên mới.\n2. Tỷ lệ chi hội vững mạnh đạt từ 95% trở lên.\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("400") && t[1].1.contains("95"), "{t:#?}");
}

#[test]
fn a_note_and_a_distribution_list_hold_no_targets() {
    let text = format!(
        "{HEAD}1. Thu hội phí đạt 100% kế hoạch.\n2. Kết nạp 150 hội viên.\nGhi chú: chỉ tiêu 2 chưa tính hội viên danh dự (khoảng 20 người).\n\nNơi nhận:\n- Như trên;\n- Ban Thường vụ (02 bản);\n- Lưu: VP.\nTM. BAN THƯỜNG VỤ\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 2, "{t:#?}");
}

#[test]
fn a_count_built_for_the_poor_is_not_a_ceiling() {
    let text = format!(
        "{HEAD}1. Nhà Đại đoàn kết xây mới cho hộ nghèo, hộ cận nghèo: 120 căn.\n2. Tỷ lệ hộ nghèo còn 1,5%.\n3. Hộ được hỗ trợ xóa nhà tạm: 300 hộ.\n"
    );
    let t = described(&text);
    assert!(
        t[0].1.contains("120") && !t[0].1.contains("không quá"),
        "{t:#?}"
    );
    assert!(t[1].1.contains("không quá"), "{t:#?}");
    assert!(!t[2].1.contains("không quá"), "{t:#?}");
}

/// The issuer's name and the kind read from a header and one target.
fn issuer_of(header: &str) -> (String, Option<String>, Option<crate::model::DocumentKind>) {
    let text = format!("{header}\n\n1. Tỷ lệ hồ sơ trực tuyến đạt 70%.\n");
    let d = crate::parse::parse_directive(&text).directive;
    (d.issuer.name, d.issuer.locality, Some(d.kind))
}

#[test]
fn the_lowest_body_of_a_header_block_is_the_issuer() {
    // A body under its parent (a hospital under its department, a company under its group).
    let (name, _, _) = issuer_of(
        "SỞ Y TẾ TỈNH HÒA BÌNH\nTRUNG TÂM Y TẾ KHU VỰC MAI CHÂU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-TTYT\nMai Châu, ngày 05 tháng 01 năm 2028\nKẾ HOẠCH\nCông tác năm 2028",
    );
    assert_eq!(name, "Trung Tâm Y Tế Khu Vực Mai Châu");
    let (name, _, _) = issuer_of(
        "TỔNG CÔNG TY LƯƠNG THỰC MIỀN NAM\nCÔNG TY TNHH MTV LƯƠNG THỰC SÓC TRĂNG\nSố: 7/KH-LTST\nKẾ HOẠCH\nSản xuất kinh doanh năm 2028",
    );
    assert_eq!(name, "Công Ty TNHH MTV Lương Thực Sóc Trăng");
    // A two-column header written with '|', and a portal's breadcrumb before it.
    let (name, loc, kind) = issuer_of(
        "Trang chủ > Văn bản\nUBND TỈNH ĐIỆN BIÊN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ | Độc lập - Tự do - Hạnh phúc\nSố: 88/SNV-TĐKT | Điện Biên, ngày 10 tháng 01 năm 2028\nV/v hướng dẫn đăng ký thi đua năm 2028\n\nKính gửi: Các sở, ban, ngành.\nĐề nghị các đơn vị ban hành kế hoạch thi đua.",
    );
    assert_eq!(name, "Sở Nội vụ tỉnh Điện Biên");
    assert_eq!(loc.as_deref(), Some("Điện Biên"));
    assert_eq!(kind, Some(crate::model::DocumentKind::OfficialLetter));
    // A standing board acts for the body above it.
    let (name, _, _) = issuer_of(
        "HỘI CỰU CHIẾN BINH VIỆT NAM\nTỈNH CAO BẰNG\nBAN THƯỜNG VỤ\nSố: 03-CTr/HCCB\nCHƯƠNG TRÌNH\nCông tác hội năm 2028",
    );
    assert_eq!(name, "Hội Cựu Chiến Binh Việt Nam tỉnh Cao Bằng");
    // So does a congress, and a number line without ':' ends the block.
    let (name, _, _) = issuer_of(
        "ĐẢNG BỘ TỈNH SƠN LA\nĐẠI HỘI ĐẠI BIỂU LẦN THỨ XVI\n*\nSố 01-NQ/ĐH\nĐẢNG CỘNG SẢN VIỆT NAM\nNGHỊ QUYẾT\nĐại hội đại biểu Đảng bộ tỉnh",
    );
    assert_eq!(name.to_lowercase(), "đảng bộ tỉnh sơn la");
}

#[test]
fn the_basis_of_a_plan_and_its_general_objective_hold_no_targets() {
    let text = format!(
        "{HEAD}I. CƠ SỞ XÂY DỰNG KẾ HOẠCH\n- Giá bán cà phê bình quân dự kiến 95 triệu đồng/tấn.\n- Lao động bình quân 640 người.\nII. MỤC TIÊU\n1. Mục tiêu tổng quát\nPhát triển bền vững, góp phần đưa phát thải ròng về 0 vào năm 2050.\n2. Mục tiêu cụ thể\n- Sản lượng đạt 4.200 tấn.\n- Lợi nhuận trước thuế đạt 35 tỷ đồng.\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("4.200") && t[1].1.contains("35"), "{t:#?}");
}

#[test]
fn an_organising_paragraph_and_the_rest_of_a_past_paragraph_hold_no_targets() {
    let text = format!(
        "{HEAD}Năm 2027, tổng doanh thu đạt 120 tỷ đồng. Tuy nhiên, tỷ lệ nợ xấu còn 3,2%; lợi nhuận mới đạt 80% kế hoạch.\n\n1. Phấn đấu doanh thu năm 2028 đạt 130 tỷ đồng.\n2. Tỷ lệ nợ xấu dưới 2%.\n3. Tổ chức thực hiện: các phòng xây dựng kế hoạch trước ngày 15/01/2028, báo cáo 6 tháng một lần.\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("130") && t[1].1.contains('2'), "{t:#?}");
}

#[test]
fn figures_in_a_short_quotation_and_a_star_rating_belong_to_the_name() {
    let text = format!(
        "{HEAD}1. Xây dựng mới 04 mô hình \"Gia đình 5 không, 3 sạch\".\n2. Hưởng ứng phong trào \"Mỗi năm 1 triệu cây xanh\", trồng 2.000 cây.\n3. Có thêm 03 sản phẩm OCOP đạt 4 sao trở lên.\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(
        t[0].1.contains('4') && t[0].0.contains("5 không, 3 sạch"),
        "{t:#?}"
    );
    assert!(t[1].1.contains("2.000"), "{t:#?}");
    assert!(t[2].1.contains('3') && !t[2].1.contains("sao"), "{t:#?}");
}

#[test]
fn a_tab_table_with_wrapped_cells_and_an_empty_first_cell_is_read_row_by_row() {
    let text = format!(
        "{HEAD}STT\tChỉ tiêu\tĐơn vị tính\tƯớc thực hiện 2027\tKế hoạch 2028\tGhi chú\n1\tSố hội viên được tập huấn\nkỹ thuật sản xuất\tngười\t1.100\t1.300\t\n\tTrong đó: hội viên nữ\tngười\t400\t500\t\n2\tSố mô hình kinh tế tập thể\tmô hình\t12\t15\tKhông tính 3 mô hình\ncũ chuyển tiếp\n3\tSố chi hội vững mạnh\tchi hội\t20\t22\t\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert_eq!(t[0].0, "Số hội viên được tập huấn kỹ thuật sản xuất");
    assert!(t[0].1.contains("1.300") && t[1].1.contains("500"), "{t:#?}");
    assert!(t[2].1.contains("15") && t[3].1.contains("22"), "{t:#?}");
}

#[test]
fn a_lead_strive_governs_bare_figures_and_keeping_steady_is_at_least() {
    let text = format!(
        "{HEAD}1. Về môi trường, phấn đấu: (i) tỷ lệ chất thải rắn được thu gom đạt 95%; (ii) 100% khu dân cư có tổ tự quản.\n2. Tỷ lệ che phủ rừng duy trì ổn định 42%.\n"
    );
    let t = targets(&text);
    let mut all: Vec<&crate::Target> = Vec::new();
    for x in &t {
        all.push(x);
        all.extend(x.sub_targets.iter());
    }
    assert_eq!(all.len(), 3, "{t:#?}");
    // Not a bare value (read as "equal to" by a scorer): stated, at least.
    for x in &all[1..] {
        assert_ne!(x.wording, Some(crate::Wording::Bare), "{x:#?}");
    }
}

#[test]
fn counted_nouns_of_two_or_three_syllables_are_kept_whole() {
    let text = format!(
        "{HEAD}1. Tổ chức ít nhất 06 hội nghị chuyên đề.\n2. Thành lập mới 04 tổ hợp tác.\n3. Triển khai 03 kỹ thuật mới.\n"
    );
    let units: Vec<String> = targets(&text)
        .iter()
        .map(|t| t.spec.describe_vi())
        .collect();
    assert!(units[0].contains("hội nghị"), "{units:?}");
    assert!(units[1].contains("tổ hợp tác"), "{units:?}");
    assert!(units[2].contains("kỹ thuật"), "{units:?}");
}
