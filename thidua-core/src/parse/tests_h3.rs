//! Unit tests of general rules added with the third held-out set: phone numbers, item markers
//! written as words, status-quo sections, "Hằng năm" opening an item, tables in columns of
//! spaces.

use crate::parse::parse_directive;
use crate::Target;

const HEAD: &str = "KẾ HOẠCH\nPhát triển hội viên năm 2026\n\n";

fn targets(text: &str) -> Vec<Target> {
    let out = parse_directive(text);
    out.directive
        .items
        .into_iter()
        .flat_map(|i| i.targets)
        .collect()
}

#[test]
fn a_phone_number_with_dots_is_never_a_figure() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Tỷ lệ hội viên tham gia sinh hoạt đạt 90%.\n- Đường dây nóng: 0222.3822.648.\nLiên hệ: 024.3825.1234"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 1, "{t:#?}");
    let out = parse_directive(&text);
    assert!(out
        .diagnostics
        .iter()
        .all(|d| d.code != "unreadable_number" && d.code != "unread_figure"));
}

#[test]
fn item_labels_written_as_words_are_markers_not_figures() {
    let text = format!(
        "{HEAD}II. CHỈ TIÊU\nChỉ tiêu 1: Kết nạp mới ít nhất 1.200 hội viên.\nChỉ tiêu 2: Tỷ lệ chi hội xếp loại khá trở lên đạt 80%.\nMục tiêu 3. Thu hội phí đạt 100% kế hoạch giao.\n"
    );
    let out = parse_directive(&text);
    let items = &out.directive.items;
    assert_eq!(
        items.iter().map(|i| i.number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let values: Vec<String> = items
        .iter()
        .flat_map(|i| &i.targets)
        .map(|t| t.spec.describe_vi())
        .collect();
    assert_eq!(values.len(), 3, "{values:?}");
    assert!(values[0].contains("1.200"), "{values:?}");
    // No label number is read or reported as a figure.
    assert!(out.diagnostics.iter().all(|d| d.code != "unread_figure"));
}

#[test]
fn a_status_quo_section_gives_no_targets() {
    let text = format!(
        "{HEAD}I. THỰC TRẠNG\nĐến ngày 31/12/2025, toàn tỉnh có 1.350 chi hội với 41.200 hội viên; năm 2025 kết nạp 2.100 hội viên, đạt 105% kế hoạch.\nII. CHỈ TIÊU\n1. Kết nạp mới ít nhất 2.500 hội viên.\n2. Tỷ lệ chi hội xếp loại khá trở lên đạt 80%.\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 2, "{t:#?}");
    // "Kết quả thực hiện năm 2025" as a numbered heading is a status-quo section too.
    let text = format!(
        "{HEAD}1. Kết quả thực hiện năm 2025\n- Tỷ lệ hội viên tham gia bảo hiểm đạt 62%.\n- Kết nạp 2.100 hội viên.\n2. Chỉ tiêu năm 2026\n- Tỷ lệ hội viên tham gia bảo hiểm đạt 70%.\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 1, "{t:#?}");
}

#[test]
fn hang_nam_opening_an_item_makes_every_target_yearly() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n1. Hằng năm, 100% chi hội tổ chức sinh hoạt định kỳ; tối thiểu 80% hội viên tham gia tập huấn.\n2. Mỗi năm kết nạp ít nhất 500 hội viên mới; giảm 5% số chi hội yếu kém.\n3. Tỷ lệ hội viên tham gia bảo hiểm đạt 70%.\n"
    );
    let t = targets(&text);
    let yearly: Vec<bool> = t.iter().map(Target::per_year).collect();
    assert_eq!(yearly, [true, true, true, true, false], "{t:#?}");
}

#[test]
fn a_law_named_before_its_number_is_a_legal_basis_and_an_aligned_header_gives_the_date() {
    let text = "      UBND TỈNH HÀ TIÊN                        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n         SỞ Y TẾ                                      Độc lập - Tự do - Hạnh phúc\n\n      Số: 88/KH-SYT                             Hà Tiên, ngày 05 tháng 12 năm 2026\n\nKẾ HOẠCH\nPhát triển y tế năm 2027\n\nCăn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n";
    let d = parse_directive(text).directive;
    let bases: Vec<&str> = d.legal_bases.iter().map(|b| b.number.as_str()).collect();
    assert_eq!(bases, ["06/2022/QH15", "72/2025/QH15"]);
    assert_eq!(
        d.issued.map(|x| x.to_string()).as_deref(),
        Some("2026-12-05")
    );
    assert_eq!(d.number.as_deref(), Some("88/KH-SYT"));
}

#[test]
fn decimal_labels_purpose_sections_and_results_as_an_object() {
    let text = format!(
        "{HEAD}I. MỤC ĐÍCH, YÊU CẦU\n1. Triển khai phong trào đến 100% chi hội.\n2. Chào mừng 80 năm ngày thành lập Hội.\nII. CHỈ TIÊU THI ĐUA\n2.1. Kết nạp mới ít nhất 900 hội viên.\n2.2. Tỷ lệ hội viên hài lòng với kết quả giải quyết kiến nghị đạt từ 90% trở lên.\n2.3. Không để xảy ra khiếu kiện đông người.\n2.10. Số chi hội yếu kém giảm 10% so với năm 2025.\n"
    );
    let out = parse_directive(&text);
    let t: Vec<String> = out
        .directive
        .items
        .iter()
        .flat_map(|i| &i.targets)
        .map(|t| t.spec.describe_vi())
        .collect();
    // Nothing of "Mục đích, yêu cầu"; the item after "hài lòng với kết quả …" and the
    // qualitative one are still read; "2.10." is a label, not the value 2,1.
    assert_eq!(t.len(), 4, "{t:?}");
    assert!(t[1].contains("90"), "{t:?}");
    assert_eq!(t[2], "đánh giá định tính");
    assert!(t[3].contains("10"), "{t:?}");
}

#[test]
fn an_age_range_and_a_grade_are_part_of_the_name() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Huy động trẻ từ 3 đến 5 tuổi ra lớp đạt 98,5% trở lên.\n- Duy trì 100% xã, phường đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.\n"
    );
    let t: Vec<String> = targets(&text)
        .iter()
        .map(|t| t.spec.describe_vi())
        .collect();
    assert_eq!(t, ["từ 98,5% trở lên", "từ 100% trở lên"]);
}

#[test]
fn three_level_decimal_labels_are_markers_not_figures() {
    // "2.1.1." under "2.1. Heading": a label of three levels, never the figure 2,1 or 2.11,
    // and the heading above it keeps no figure of its own.
    let text = "KẾ HOẠCH\nThi đua huấn luyện năm 2027\n\nII. CHỈ TIÊU\n2.1. Huấn luyện\n2.1.1. Tỷ lệ quân số tham gia huấn luyện đạt 98% trở lên.\n2.1.2. Tỷ lệ đạt khá, giỏi trên 70%.\n2.2. Hậu cần\n2.2.1. Tăng gia sản xuất đạt 40 kg/người/năm.\n2.2.10. Tỷ lệ phương tiện kỹ thuật sẵn sàng đạt 95%.\n";
    let out = parse_directive(text);
    let t: Vec<String> = out
        .directive
        .items
        .iter()
        .flat_map(|i| &i.targets)
        .map(|t| format!("{} | {}", t.name, t.spec.describe_vi()))
        .collect();
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(
        t[0].contains("98%") && t[1].contains("70%") && t[2].contains("40") && t[3].contains("95%"),
        "{t:#?}"
    );
    assert!(
        out.diagnostics.iter().all(|d| d.code != "unread_figure"),
        "{:#?}",
        out.diagnostics
    );
}

#[test]
fn an_activity_heading_a_share_after_trong_do_and_an_exercise_number() {
    // "Kết quả <activity>:" opening an item of targets names what is measured (not last
    // year's result); "trong đó có từ 40% trở lên" is a sub-target, not a size qualifying a
    // noun; "bài 2" numbers an exercise.
    let text = "KẾ HOẠCH\nThi đua huấn luyện năm 2027\n\nII. CHỈ TIÊU\n1. Kết quả kiểm tra bắn: 100% quân số đạt yêu cầu, trong đó có từ 40% trở lên đạt khá, giỏi; bắn súng bài 2 đạt 75% khá, giỏi trở lên.\n2. Kết quả thực hiện năm 2026: 90% quân số đạt yêu cầu.\n";
    let out = parse_directive(text);
    let items = &out.directive.items;
    let shown: Vec<String> = items
        .iter()
        .flat_map(|i| &i.targets)
        .flat_map(|t| std::iter::once(t).chain(&t.sub_targets))
        .map(|t| t.spec.describe_vi())
        .collect();
    assert_eq!(
        shown,
        ["từ 100% trở lên", "từ 40% trở lên", "từ 75% trở lên"],
        "{shown:#?}"
    );
}

#[test]
fn a_figure_after_a_span_of_months_is_read() {
    // "6 tháng 12 công trình": six months, twelve works — not the month of December; a date
    // ("ngày 15 tháng 10", "tháng 10 năm 2027") stays a date.
    let text = "KẾ HOẠCH\nĐầu tư công năm 2027\n\nII. CHỈ TIÊU\n1. Số công trình khởi công mới: quý I tối thiểu 5 công trình; 6 tháng 12 công trình; cả năm ít nhất 30 công trình.\n2. Hoàn thành quyết toán trước ngày 15 tháng 10 năm 2027 đạt 100% số dự án.\n";
    let t: Vec<String> = targets(text).iter().map(|t| t.spec.describe_vi()).collect();
    assert!(t.iter().any(|s| s.contains("12 công trình")), "{t:#?}");
    assert!(
        !t.iter().any(|s| s.contains("10 ") || s.contains("15")),
        "{t:#?}"
    );
}
