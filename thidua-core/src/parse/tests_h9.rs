//! Unit tests of general rules added in the session of the ninth held-out set: qualifiers
//! inside an indicator's name ("trẻ em dưới 1 tuổi", "lao động đã qua đào tạo") are not
//! targets and do not hide the indicator's own figure.

use super::tests_h4::described;

#[test]
fn an_age_in_the_name_does_not_make_the_comparator_of_the_value_a_scope() {
    // "trên 95%" after "đạt" compares the value; the age "dưới 1 tuổi" belongs to the name.
    let text = "Các chỉ tiêu chủ yếu:\n1. Tỷ lệ tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi đạt trên 95%.\n2. Doanh thu đạt 300 tỷ đồng trên 3 lĩnh vực.\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(t[0].0, "Tỷ lệ tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi");
    assert!(t[0].1.contains("95") && !t[0].1.contains("tuổi"), "{t:#?}");
    // Without a verb between them, "trên 3 lĩnh vực" still scopes the figure before it.
    assert!(t[1].1.contains("300") && !t[1].1.contains(" 3 "), "{t:#?}");
}

#[test]
fn trained_labour_is_a_name_not_a_result() {
    let text = "Các chỉ tiêu chủ yếu năm 2027:\n1. Tỷ lệ lao động từ 15 tuổi trở lên đã qua đào tạo đạt 70%.\n2. Tỷ lệ hộ nghèo giảm 1%.\n";
    let t = described(text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(t[0].0, "Tỷ lệ lao động từ 15 tuổi trở lên đã qua đào tạo");
    assert!(t[0].1.contains("70"), "{t:#?}");
}

#[test]
fn counted_nouns_of_several_syllables_come_whole() {
    // From the lexicon ("huy chương", "phiên chợ"), or because the same words stand in the
    // indicator's name ("Số nhà kho đạt chuẩn … 12 nhà kho").
    let text = "Các chỉ tiêu thi đua năm 2027:\n1. Giành ít nhất 12 huy chương các loại.\n2. Tổ chức ít nhất 04 phiên chợ hàng Việt về nông thôn.\n3. Số bể chứa nước sạch được xây mới đạt 30 bể chứa.\n4. Phát triển 500 hội viên mới.\n5. Vốn đăng ký bình quân đạt 9 tỷ đồng/doanh nghiệp.\n";
    let all = super::tests_h4::targets(text);
    let nouns: Vec<String> = all
        .iter()
        .map(|t| match &t.spec {
            crate::TargetSpec::Count { noun, .. } => noun.clone(),
            crate::TargetSpec::Amount { value, .. } => value.unit.to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        nouns,
        [
            "huy chương",
            "phiên chợ",
            "bể chứa",
            "hội viên",
            "đồng/doanh nghiệp"
        ],
        "{all:#?}"
    );
}

#[test]
fn a_bracketed_level_after_a_decrease_is_a_second_target() {
    let text = "Các chỉ tiêu chủ yếu năm 2027:\n1. Tỷ lệ hộ nghèo giảm 0,5% (còn dưới 1,2%).\n2. Tỷ lệ che phủ rừng ổn định ở mức 57%.\n3. Tỷ lệ thất nghiệp giảm 0,2% (năm 2026 còn 3%).\n";
    let t = described(text);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t[0].1.contains("0,5"), "{t:#?}");
    assert!(t[1].1.contains("1,2") && t[1].1.contains("dưới"), "{t:#?}");
    // "ổn định ở mức" keeps a level: at least, not a bare value.
    let all = super::tests_h4::targets(text);
    assert!(
        matches!(
            all[2].spec,
            crate::TargetSpec::Rate {
                comparator: crate::Comparator::AtLeast,
                ..
            }
        ) && all[2].wording.is_none(),
        "{all:#?}"
    );
    // A bracket that states last year's level is not a target.
    assert!(t[3].1.contains("0,2") && !t[3].1.contains(" 3%"), "{t:#?}");
}

#[test]
fn addressees_votes_schedules_and_deadline_tasks_are_not_targets() {
    let text = "Các chỉ tiêu chủ yếu năm 2027:\n1. Chủ tịch Ủy ban nhân dân 54 xã, phường chịu trách nhiệm về tiến độ; bảo đảm tỷ lệ hồ sơ giải quyết đúng hạn không thấp hơn 98%.\n2. Tỷ lệ che phủ rừng đạt 55%; vận hành Trung tâm Y tế khu vực số 2 trước ngày 30/6/2027.\n3. Diện tích lúa 2 vụ ổn định 1.050 ha.\n4. Giao chỉ tiêu cho 40 xã, phường; tỷ lệ hộ nghèo giảm 1%.\nTại kỳ họp, 100% đại biểu có mặt biểu quyết thông qua nghị quyết.\nTháng 3 - 4: Kiểm tra, giám sát 05 chi bộ.\n";
    let t = described(text);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t[0].1.contains("98"), "{t:#?}");
    assert!(t[1].1.contains("55"), "{t:#?}");
    assert_eq!(t[2].0, "Diện tích lúa 2 vụ");
    assert!(t[2].1.contains("1.050"), "{t:#?}");
    assert!(t[3].1.contains('1'), "{t:#?}");
}

#[test]
fn documents_passed_at_a_session_are_not_targets() {
    let text = "Kỳ họp bế mạc với 22 nghị quyết được thông qua.\nTheo Nghị quyết, năm 2027 thành phố phấn đấu tốc độ tăng trưởng GRDP từ 10% trở lên.\n";
    let t = described(text);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert!(t[0].1.contains("10"), "{t:#?}");
}

#[test]
fn a_row_opening_with_a_bar_in_a_table_without_outer_bars_has_an_empty_first_cell() {
    let text = "TT | Chỉ tiêu | Đơn vị tính | Ước thực hiện năm 2026 | Kế hoạch năm 2027\n1 | Tổng thu ngân sách nhà nước trên địa bàn | tỷ đồng | 12.860 | 13.500\n | Trong đó: Thu nội địa | tỷ đồng | 11.920 | 12.650\n2 | Tỷ lệ lao động qua đào tạo | % | 71,5 | 73\n";
    let t = described(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t[1].0.contains("Thu nội địa"), "{t:#?}");
    assert!(
        t[1].1.contains("12.650") && !t[1].1.contains("11.920"),
        "{t:#?}"
    );
}

#[test]
fn a_basis_named_with_qualifying_words_or_as_a_letter_is_read() {
    let text = "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nSố: 215/KH-UBND\n\nKẾ HOẠCH\nThực hiện Chương trình hành động số 25-CTr/TU ngày 20/7/2026 của Ban Chấp hành Đảng bộ tỉnh và Công văn số 8450/UBND-TH ngày 10/11/2026 của Ủy ban nhân dân tỉnh.\n1. Tỷ lệ hộ nghèo giảm 1%.\n";
    let out = crate::parse::parse_directive(text);
    let numbers: Vec<&str> = out
        .directive
        .legal_bases
        .iter()
        .map(|b| b.number.as_str())
        .collect();
    assert_eq!(numbers, ["25-CTr/TU", "8450/UBND-TH"], "{out:#?}");
}

#[test]
fn a_per_capita_value_keeps_the_time_it_is_counted_over() {
    let text = "Các chỉ tiêu chủ yếu năm 2027:\n1. Thu nhập bình quân của người lao động đạt 8,5 triệu đồng/người/tháng trở lên.\n2. GRDP bình quân đầu người đạt 120 triệu đồng/người/năm.\n3. Số bác sĩ đạt 12 bác sĩ/vạn dân.\n";
    let t = described(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t[0].1.contains("đồng/người/tháng"), "{t:#?}");
    assert!(t[1].1.contains("đồng/người/năm"), "{t:#?}");
    let all = super::tests_h4::targets(text);
    assert!(
        matches!(
            all[0].spec,
            crate::TargetSpec::PerCapita {
                per_time: Some(crate::TimeBase::Month),
                ..
            }
        ),
        "{all:#?}"
    );
    // Per month is not per year: the target does not hold for each year.
    assert!(!all[0].per_year() && !all[1].per_year(), "{all:#?}");
    assert!(
        matches!(
            all[2].spec,
            crate::TargetSpec::PerCapita { per_time: None, .. }
        ),
        "{all:#?}"
    );
}

#[test]
fn an_agency_in_capitals_is_written_as_the_state_writes_it() {
    let text = "UBND TỈNH GIA LAI\nSỞ Y TẾ\nSố: 45/KH-SYT\nGia Lai, ngày 15 tháng 01 năm 2027\n\nKẾ HOẠCH\nPhát động thi đua năm 2027\n\n1. Tỷ lệ hài lòng của người bệnh đạt trên 90%.\n";
    let out = crate::parse::parse_directive(text);
    assert_eq!(
        out.directive.issuer.name, "Sở Y tế tỉnh Gia Lai",
        "{out:#?}"
    );
    let text = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH AN GIANG\nSố: 12/KH-SLĐTBXH\nAn Giang, ngày 15 tháng 01 năm 2027\n\nKẾ HOẠCH\nnăm 2027\n\n1. Tỷ lệ lao động qua đào tạo đạt 70%.\n";
    let out = crate::parse::parse_directive(text);
    assert_eq!(
        out.directive.issuer.name, "Sở Lao động - Thương binh và Xã hội tỉnh An Giang",
        "{out:#?}"
    );
}

#[test]
fn a_ceiling_per_population_base_keeps_the_base_in_its_unit() {
    let text = "Các chỉ tiêu chủ yếu năm 2027:\n1. Tỷ suất chết mẹ dưới 46/100.000 trẻ đẻ sống.\n2. Tỷ lệ mắc sốt xuất huyết dưới 120 ca/100.000 dân.\n3. Giảm tỷ lệ sinh con thứ 3 trở lên 0,3% so với năm 2026.\n";
    let all = super::tests_h4::targets(text);
    let units: Vec<String> = all
        .iter()
        .filter_map(|t| match &t.spec {
            crate::TargetSpec::Ceiling { value, .. } => Some(value.unit.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        units,
        ["/100.000 trẻ đẻ sống", "ca/100.000 dân"],
        "{all:#?}"
    );
    // "trở lên" after the name's own ordinal is no comparator of the value.
    assert_eq!(all[2].name, "Tỷ lệ sinh con thứ 3 trở lên", "{all:#?}");
}

#[test]
fn an_indicator_name_is_not_prefixed_by_a_symbol_unit() {
    let t = described("Các chỉ tiêu chủ yếu năm 2027:\n1. Tỷ lệ giảm sinh 0,2‰.\n");
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].0, "Tỷ lệ giảm sinh");
}

#[test]
fn a_decrease_written_verb_first_is_named_by_what_it_counts() {
    let t = described("Chỉ tiêu cụ thể năm 2027:\n- Giảm ít nhất 30 hộ nghèo, đưa tỷ lệ hộ nghèo xuống dưới 1,5%.\n");
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(t[0].0, "Hộ nghèo");
    assert!(t[0].1.contains("30"), "{t:#?}");
    assert_eq!(t[1].0, "Tỷ lệ hộ nghèo");
}

#[test]
fn a_share_after_a_verb_is_named_by_the_verb_and_its_object() {
    let text = "Các chỉ tiêu năm 2027:\n1. Xử lý 100% vi phạm hành chính được phát hiện.\n2. Tiêm chủng đầy đủ cho 98% trẻ em dưới 1 tuổi.\n3. Kinh tế số chiếm 20% GRDP.\n4. Tỷ lệ che phủ rừng đạt 42%.\n5. Hoàn thành 100% chỉ tiêu giao quân.\n6. Thu ngân sách đạt 110% dự toán.\n";
    let names: Vec<String> = described(text).into_iter().map(|t| t.0).collect();
    assert_eq!(
        names,
        [
            "Xử lý vi phạm hành chính được phát hiện",
            "Tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi",
            "Kinh tế số",
            "Tỷ lệ che phủ rừng",
            "Hoàn thành chỉ tiêu giao quân",
            "Thu ngân sách",
        ]
    );
}

#[test]
fn a_news_report_reads_its_targets_once_and_not_its_speeches() {
    let text = "Quảng Ngãi đặt mục tiêu tăng trưởng 9% năm 2027\n\n(QNgO) - Sáng 8/12, HĐND tỉnh khai mạc kỳ họp.\n\nNăm 2027, tỉnh phấn đấu tốc độ tăng trưởng GRDP đạt 9% trở lên; tạo việc làm mới cho 25.000 lao động. Tỉnh cũng đặt chỉ tiêu có thêm 10 xã đạt chuẩn nông thôn mới.\n\nPhát biểu tại kỳ họp, Chủ tịch UBND tỉnh cho biết sẽ tập trung tháo gỡ khó khăn cho 15 dự án trọng điểm.\n";
    let t = described(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert_eq!(t[0].0, "Tốc độ tăng trưởng GRDP");
    assert_eq!(t[2].0, "Số xã đạt chuẩn nông thôn mới tăng thêm");
}

#[test]
fn a_bracketed_estimate_and_a_compared_level_do_not_hide_the_targets() {
    let text = "Theo kế hoạch, năm 2027 thành phố phấn đấu tốc độ tăng trưởng GRDP từ 10% trở lên, cao hơn mức 8,6% của năm 2026.\n\nTổng thu ngân sách nhà nước trên địa bàn năm 2027 phấn đấu đạt 720.000 tỷ đồng, tăng 8% so với ước thực hiện năm 2026 (năm 2026 ước đạt 666.500 tỷ đồng, vượt 4,1% dự toán). Kim ngạch xuất khẩu hàng hóa tăng 7 - 8%.\n\nKế hoạch giao nhiệm vụ cụ thể cho các sở, ngành và 168 xã, phường, đặc khu.\n";
    let t = described(text);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t[0].1.contains("10") && !t[0].1.contains("8,6"), "{t:#?}");
    assert!(t[1].1.contains("720.000"), "{t:#?}");
    assert!(t[3].1.contains('7') && t[3].1.contains('8'), "{t:#?}");
}

#[test]
fn a_party_committee_under_its_party_organisation_is_the_issuer() {
    let text = "ĐẢNG BỘ TỈNH NGHỆ AN\nTỈNH ỦY\n*\nSố 09-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nNghệ An, ngày 28 tháng 11 năm 2026\n\nNGHỊ QUYẾT\nvề phát triển nông nghiệp giai đoạn 2026 - 2030\n\n1. Tốc độ tăng trưởng giá trị sản xuất nông nghiệp bình quân đạt 3,5%/năm.\n";
    let out = crate::parse::parse_directive(text);
    assert_eq!(out.directive.issuer.name, "Tỉnh ủy Nghệ An", "{out:#?}");
    assert_eq!(out.directive.issuer.locality.as_deref(), Some("Nghệ An"));
}
