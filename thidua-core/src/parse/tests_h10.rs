//! Unit tests of general rules added in the session after the tenth held-out set: a floor
//! written after the counted noun, action verbs that open a clause, and a sentence that turns
//! from last year's result to the plan year at a ';'.

use super::tests_h4::{described, targets};

/// Whether each target is a floor as written ("từ … trở lên", "ít nhất", an action verb's
/// figure), not a bare level.
fn floors(text: &str) -> Vec<bool> {
    targets(text)
        .iter()
        .map(|t| t.wording.is_none() && t.spec.describe_vi().contains("trở lên"))
        .collect()
}

#[test]
fn trở_lên_after_the_counted_noun_makes_a_share_a_floor() {
    let text = "Chỉ tiêu thi đua năm 2027:\n- Có 80% chi hội trở lên xếp loại hoàn thành tốt nhiệm vụ.\n- Có 75% hộ nông dân trở lên là hội viên.\n- 60% hộ gia đình đạt danh hiệu gia đình văn hóa.\n";
    let t = described(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    // Without "trở lên" the share stays a plain level.
    assert_eq!(floors(text), [true, true, false], "{t:#?}");
    // The noun stays in the name, "trở lên" does not.
    assert!(
        t[1].0.contains("hộ nông dân") && !t[1].0.contains("trở lên"),
        "{t:#?}"
    );
}

#[test]
fn organising_welcoming_and_newly_recognising_are_verbs_of_what_is_done() {
    let text = "Chỉ tiêu năm 2027:\n- Phối hợp tổ chức 120 lớp dạy nghề cho nông dân.\n- Ngành du lịch đặt mục tiêu đón 9,5 triệu lượt khách quốc tế.\n- Công nhận mới 15 trường đạt chuẩn quốc gia.\n";
    let all = targets(text);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_eq!(floors(text)[..2], [true, true], "{all:#?}");
    // Newly recognised: added to the stock in the year.
    assert_eq!(all[2].spec.measure(), crate::Measure::Flow, "{all:#?}");
}

#[test]
fn a_sentence_turning_from_last_year_to_the_plan_year_keeps_its_target() {
    let text = "Kế hoạch năm 2027 của thành phố.\nVề xã hội, tỷ lệ thất nghiệp dưới 3%. Năm 2026, thành phố đã hoàn thành 4.120 căn nhà ở xã hội; năm 2027 phấn đấu hoàn thành thêm ít nhất 6.500 căn.\n";
    let t = described(text);
    assert!(t.iter().any(|(_, d)| d.contains("6.500")), "{t:#?}");
    // What was done in 2026 is no target.
    assert!(t.iter().all(|(_, d)| !d.contains("4.120")), "{t:#?}");
    // A ';' without a later year does not split a result sentence.
    let text = "Kế hoạch năm 2027.\nTỷ lệ thất nghiệp dưới 3%. Năm 2026, thành phố đã hoàn thành 4.120 căn nhà; đã giải quyết việc làm cho 5.000 lao động.\n";
    let t = described(text);
    assert!(
        t.iter()
            .all(|(_, d)| !d.contains("5.000") && !d.contains("4.120")),
        "{t:#?}"
    );
}

#[test]
fn a_bracketed_cumulative_level_is_a_target_of_its_own() {
    let text = "Chỉ tiêu năm học 2026 - 2027:\n- Công nhận mới 15 trường đạt chuẩn quốc gia (lũy kế 560 trường).\n- Đầu tư xây dựng mới 185 km đường giao thông nông thôn (lũy kế đến năm 2027 đạt 4.620 km).\n- Có thêm 06 xã đạt chuẩn (tăng thêm 20 thôn).\n";
    let all = targets(text);
    let seen: Vec<(String, String, crate::Measure)> = all
        .iter()
        .map(|t| (t.name.clone(), t.spec.describe_vi(), t.spec.measure()))
        .collect();
    assert_eq!(all.len(), 5, "{seen:#?}");
    // The flow, then the stock reached, named after it; the bracket leaves the name.
    assert_eq!(
        seen[0].0, "Trường đạt chuẩn quốc gia công nhận mới",
        "{seen:#?}"
    );
    assert_eq!(seen[0].2, crate::Measure::Flow, "{seen:#?}");
    assert_eq!(
        seen[1].0, "Trường đạt chuẩn quốc gia công nhận mới (lũy kế)",
        "{seen:#?}"
    );
    assert!(seen[1].1.contains("560"), "{seen:#?}");
    assert_eq!(seen[1].2, crate::Measure::Level, "{seen:#?}");
    // A bare cumulative level is bare; "đạt" gives a floor.
    assert!(all[1].wording.is_some(), "{seen:#?}");
    assert!(
        seen[3].1.contains("4.620") && all[3].wording.is_none(),
        "{seen:#?}"
    );
    // Other bracketed figures are no target.
    assert!(seen.iter().all(|s| !s.1.contains("thôn")), "{seen:#?}");
}

#[test]
fn a_rank_in_the_vietnamese_spelling_tốp_is_a_ceiling_in_ranks() {
    let t = described(
        "Chỉ tiêu năm học 2026 - 2027:\n- Học sinh giỏi quốc gia xếp trong tốp 10 toàn quốc.\n",
    );
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(t[0].1.contains("10") && t[0].1.contains("hạng"), "{t:#?}");
}

#[test]
fn a_bounded_number_of_days_of_an_indicator_counting_days_is_a_ceiling_in_days() {
    let text = "Chỉ tiêu chuyên môn năm 2027:\n1. Số ngày điều trị nội trú trung bình không quá 6,5 ngày.\n2. Thời gian cấp điện trung áp không quá 3 ngày.\n3. Thời gian giải quyết thủ tục tối đa 5 ngày làm việc.\n4. Tổ chức hội nghị trong 3 ngày.\n";
    let all = targets(text);
    let seen: Vec<String> = all.iter().map(|t| t.spec.describe_vi()).collect();
    assert_eq!(all.len(), 4, "{seen:#?}");
    assert!(seen[0].contains("6,5 ngày"), "{seen:#?}");
    assert!(seen[1].contains("3 ngày"), "{seen:#?}");
    assert!(seen[2].contains("5 ngày làm việc"), "{seen:#?}");
    // A span of days with no bound is no value: the item stays without a figure.
    assert!(!seen[3].contains('3'), "{seen:#?}");
}

#[test]
fn requests_to_other_bodies_and_counts_of_named_bodies_addressed_are_no_targets() {
    let text = "Các chỉ tiêu chủ yếu năm 2027:\n1. Sản lượng lương thực đạt 270.000 tấn.\n2. Giao Phòng Nghiệp vụ phân bổ chỉ tiêu cho 12 Thuế cơ sở trước ngày 15/01/2027.\n3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tuyên truyền, vận động nhân dân tham gia.\n4. Bảo đảm an ninh trật tự trên địa bàn.\n";
    let t = described(text);
    // The figure, and the figureless item that is the issuer's own.
    assert_eq!(t.len(), 2, "{t:#?}");
    assert!(t[0].1.contains("270.000"), "{t:#?}");
    assert!(t[1].0.to_lowercase().contains("an ninh"), "{t:#?}");
    assert_eq!(t[0].0, "Sản lượng lương thực", "{t:#?}");
    let out = super::parse_directive(text);
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.code == "not_a_target" && d.message.contains("Đề nghị")),
        "{:#?}",
        out.diagnostics
    );
}

#[test]
fn a_table_copied_one_cell_per_line_reads_only_the_plan_of_the_year_ahead() {
    // Last year's plan next to its estimate is a baseline; a lone page number between rows
    // is no cell; a lower-case line right before a figure is the unit, not a wrapped name.
    let text = "PHỤ LỤC\nCHỈ TIÊU CHỦ YẾU NĂM 2027\nTT\nChỉ tiêu\nĐơn vị tính\nKế hoạch năm 2026\nƯớc thực hiện năm 2026\nKế hoạch năm 2027\n1\nTỷ lệ hồ sơ giải quyết đúng hạn\n%\n99\n99,6\n≥ 99,5\n2\nSố phiếu lý lịch tư pháp được cấp\nphiếu\n26.000\n27.350\n≥ 28.000\n2\n3\nSố cuộc kiểm tra\ncuộc\n4\n4\nTối thiểu 6\n";
    let all = targets(text);
    let seen: Vec<(String, String)> = all
        .iter()
        .map(|t| (t.name.clone(), t.spec.describe_vi()))
        .collect();
    assert_eq!(seen.len(), 3, "{seen:#?}");
    assert!(seen[0].1.contains("99,5"), "{seen:#?}");
    assert_eq!(seen[1].0, "Số phiếu lý lịch tư pháp được cấp", "{seen:#?}");
    assert!(seen[1].1.contains("28.000 phiếu"), "{seen:#?}");
    assert!(seen[2].1.contains("6 cuộc"), "{seen:#?}");
}

#[test]
fn a_review_of_the_last_period_event_years_and_sizes_of_what_is_built_are_no_targets() {
    let text = "NGHỊ QUYẾT\nvề phát triển đặc khu giai đoạn 2026 - 2030\n\nI. TÌNH HÌNH\nGiai đoạn 2021 - 2025, đặc khu đón 31,2 triệu lượt khách; thu ngân sách năm 2025 đạt 8.950 tỷ đồng. Tuy nhiên, mới có 46% chất thải rắn được xử lý.\n\nII. MỤC TIÊU\n2. Mục tiêu cụ thể đến năm 2030\n+ Thu ngân sách nhà nước đến năm 2030 đạt trên 15.000 tỷ đồng.\n+ Tỷ lệ che phủ rừng duy trì ổn định trên 50%.\n\nIII. NHIỆM VỤ, GIẢI PHÁP\n1. Hoàn thành các công trình phục vụ APEC 2027 trước Quý IV/2027; đầu tư nhà máy xử lý nước thải công suất 20.000 m³/ngày đêm.\n";
    let t = described(text);
    let all: Vec<&str> = t.iter().map(|(_, d)| d.as_str()).collect();
    assert!(all.iter().any(|d| d.contains("15.000")), "{t:#?}");
    assert!(all.iter().any(|d| d.contains("50%")), "{t:#?}");
    for gone in ["31,2", "8.950", "46%", "2027", "20.000"] {
        assert!(all.iter().all(|d| !d.contains(gone)), "{gone}: {t:#?}");
    }
    // "tổng công suất … đạt" and "nâng công suất lên" stay targets.
    let t =
        described("Chỉ tiêu năm 2027:\n- Nâng công suất lên 500 MW.\n- Tổng công suất 1.200 MW.\n");
    assert_eq!(t.len(), 2, "{t:#?}");
}

#[test]
fn road_numbers_are_no_figures_and_a_stay_in_days_and_events_are_read() {
    let text = "Chỉ tiêu năm 2027:\n1. Xử lý dứt điểm ít nhất 15 điểm đen trên các tuyến Quốc lộ 6, 4G, 37 và 279.\n2. Thời gian lưu trú bình quân của khách đạt 2,3 ngày.\n3. Tổ chức không dưới 12 sự kiện văn hóa cấp tỉnh.\n";
    let t = described(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t[0].1.contains("15"), "{t:#?}");
    assert!(t[1].1.contains("2,3 ngày"), "{t:#?}");
    assert!(t[2].1.contains("12 sự kiện"), "{t:#?}");
}

#[test]
fn disbursing_is_an_action_unemployment_insurance_is_more_is_better_and_a_length_of_a_road_is_no_target(
) {
    let text = "Các chỉ tiêu chủ yếu năm 2027:\n1. Giải ngân 100% kế hoạch vốn đầu tư công được giao.\n2. Số người tham gia bảo hiểm thất nghiệp đạt 78.500 người.\n3. Tỷ lệ thất nghiệp khu vực thành thị 3%.\n4. Tập trung hoàn thành tuyến đường kết nối khu kinh tế dài 28,6 km.\n";
    let t = described(text);
    assert_eq!(floors(text)[..2], [true, true], "{t:#?}");
    // Unemployment itself stays lower-is-better.
    assert!(
        t[2].1.contains("3%") && !t[2].1.contains("trở lên"),
        "{t:#?}"
    );
    assert!(t.iter().all(|(_, d)| !d.contains("28,6")), "{t:#?}");
}

#[test]
fn background_clauses_of_a_news_report_are_no_targets() {
    let text = "Kế hoạch năm 2027 của tỉnh.\nTỉnh đặt mục tiêu đón 1,6 triệu lượt khách du lịch. Tỉnh hiện có 45 xã, phường; năm 2026 đón 12 đoàn famtrip với hơn 300 doanh nghiệp lữ hành.\n";
    let t = described(text);
    assert!(t.iter().any(|(_, d)| d.contains("1,6")), "{t:#?}");
    for gone in ["45", "12 đoàn", "300"] {
        assert!(t.iter().all(|(_, d)| !d.contains(gone)), "{gone}: {t:#?}");
    }
}
