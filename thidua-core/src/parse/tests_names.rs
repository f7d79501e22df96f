//! Unit tests of general rules added after the third held-out set (branch `parser4`):
//! figures inside names (years of programmes, codes of standards, sizes qualifying a noun),
//! one figure for several listed indicators, annual crops and fish farming as levels. Every
//! sentence here is invented for the test.

use crate::parse::parse_directive;
use crate::{Measure, Target, TargetSpec};

const HEAD: &str = "KẾ HOẠCH\nPhát triển nông nghiệp và y tế năm 2027\n\n";

fn targets(text: &str) -> Vec<Target> {
    parse_directive(text)
        .directive
        .items
        .into_iter()
        .flat_map(|i| i.targets)
        .collect()
}

fn described(text: &str) -> Vec<String> {
    targets(text).iter().map(|t| t.spec.describe_vi()).collect()
}

#[test]
fn the_year_of_a_programme_or_strategy_is_part_of_its_name() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Triển khai Chiến lược chuyển đổi số 2030 ở tất cả các xã; tỷ lệ hồ sơ trực tuyến toàn trình đạt 70%.\n- Áp dụng Bộ tiêu chí xã nông thôn mới 2026 về môi trường cho 15 xã.\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 2, "{t:?}");
    assert!(t[0].contains("70"), "{t:?}");
    assert!(t[1].contains("15"), "{t:?}");
    assert!(
        t.iter().all(|d| !d.contains("2030") && !d.contains("2026")),
        "{t:?}"
    );
}

#[test]
fn the_code_of_a_standard_is_never_a_figure() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Tỷ lệ trạm cấp nước đạt tiêu chuẩn TCVN 02-3:2021/BXD đạt 85%.\n- Số cơ sở áp dụng ISO 9001:2015 đạt 40 cơ sở.\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 2, "{t:?}");
    assert!(t[0].contains("85%"), "{t:?}");
    assert!(t[1].contains("40"), "{t:?}");
    let out = parse_directive(&text);
    assert!(
        out.diagnostics.iter().all(|d| d.code != "unread_figure"),
        "{:#?}",
        out.diagnostics
    );
}

#[test]
fn a_size_that_qualifies_a_noun_after_a_figure_is_not_a_target() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Hỗ trợ 60 hợp tác xã có từ 20 thành viên trở lên xây dựng mã vùng trồng.\n- Tỷ lệ trang trại có trên 500 con gia súc được cấp mã số đạt 90%.\n- Phấn đấu có từ 12 sản phẩm OCOP trở lên.\n"
    );
    let t = described(&text);
    // The second clause names its size before the figure: the size is still part of it, and
    // with no earlier figure in the clause a lone "có từ 12 … trở lên" stays the target.
    assert_eq!(t.len(), 4, "{t:?}");
    assert!(t[0].contains("60"), "{t:?}");
    assert!(t.iter().all(|d| !d.contains("20 thành viên")), "{t:?}");
    assert!(t[3].contains("12"), "{t:?}");
}

#[test]
fn one_figure_for_several_listed_indicators_gives_one_target_each() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n1. Giảm từ 3% đến 5% trên cả 3 tiêu chí về dịch bệnh trên đàn vật nuôi (số ổ dịch, số con mắc bệnh, số con chết) so với năm 2026.\n2. Tỷ lệ tiêm phòng đạt 95%.\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 4, "{t:#?}");
    for (k, comp) in ["số ổ dịch", "số con mắc bệnh", "số con chết"]
        .iter()
        .enumerate()
    {
        assert!(t[k].name.ends_with(comp), "{}", t[k].name);
        assert!(
            t[k].name.starts_with("Dịch bệnh trên đàn vật nuôi"),
            "{}",
            t[k].name
        );
        match &t[k].spec {
            TargetSpec::Reduction {
                value, value_high, ..
            } => {
                assert_eq!(value.to_string(), "3");
                assert_eq!(value_high.map(|v| v.to_string()).as_deref(), Some("5"));
            }
            other => panic!("{other:?}"),
        }
    }
    // The count of the indicators is never a figure.
    assert!(parse_directive(&text)
        .diagnostics
        .iter()
        .all(|d| d.code != "unread_figure"));
}

#[test]
fn fish_farming_and_sown_areas_are_levels_not_flows() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Diện tích nuôi trồng thủy sản đạt 1.250 ha.\n- Trồng mới 300 ha rừng.\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 2, "{t:#?}");
    assert_eq!(t[0].spec.measure(), Measure::Level, "{t:#?}");
    assert_eq!(t[1].spec.measure(), Measure::Flow, "{t:#?}");
}

#[test]
fn a_news_headline_and_a_quote_restating_a_target_are_read_once() {
    let text = "Báo Hòa Bình điện tử > Kinh tế\n\nHĐND thành phố thông qua kế hoạch năm 2027: Thu ngân sách phấn đấu đạt 4.800 tỷ đồng\n\nHBĐT - Sáng 12/12, HĐND thành phố khóa X đã thông qua Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2027. Theo đó, thu ngân sách nhà nước trên địa bàn phấn đấu đạt 4.800 tỷ đồng; tỷ lệ hộ nghèo giảm 1,2%; tỷ lệ trẻ em dưới 5 tuổi được tiêm chủng đầy đủ đạt 98% và tỷ lệ người dân được quản lý sức khỏe đạt 98%.\n\nTrả lời báo chí, Chủ tịch UBND thành phố cho biết: \"Thu ngân sách 4.800 tỷ đồng là mục tiêu cao, đòi hỏi nhiều nỗ lực.\"\n";
    let out = parse_directive(text);
    let t: Vec<Target> = out
        .directive
        .items
        .iter()
        .flat_map(|i| i.targets.clone())
        .collect();
    let budget = t
        .iter()
        .filter(|x| x.spec.describe_vi().contains("4.800"))
        .count();
    assert_eq!(budget, 1, "{t:#?}");
    // Two different indicators with the same figure in the body are both kept.
    let share = t
        .iter()
        .filter(|x| x.spec.describe_vi().contains("98%"))
        .count();
    assert_eq!(share, 2, "{t:#?}");
    assert_eq!(
        out.diagnostics
            .iter()
            .filter(|d| d.code == "restated_target")
            .count(),
        2
    );
}

#[test]
fn a_dash_in_place_of_a_figure_gives_no_target() {
    let text = format!(
        "{HEAD}Chỉ tiêu giao cho các xã:\n1. Xã Tân Lập: tỷ lệ hộ dùng nước sạch 92%; tỷ lệ hộ có nhà tiêu hợp vệ sinh 88%; tỷ lệ hộ nuôi trồng theo VietGAP -.\n2. Xã Đông Hòa: tỷ lệ hộ dùng nước sạch 85%; tỷ lệ hộ có nhà tiêu hợp vệ sinh -; tỷ lệ hộ nuôi trồng theo VietGAP 12%.\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 4, "{t:#?}");
    assert!(t
        .iter()
        .all(|x| !matches!(x.spec, TargetSpec::Qualitative {})));
}

#[test]
fn a_comma_before_three_digits_groups_thousands_in_a_count_of_whole_things() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Tạo việc làm mới cho 3,250 lao động.\n- Hỗ trợ 1,400 hộ cải tạo vườn tạp.\n- Tỷ lệ hộ nghèo giảm 1,250%.\n- Sản lượng lương thực đạt 2,5 nghìn tấn.\n- Bình quân 10,200 bác sĩ/1 vạn dân.\n"
    );
    let t = described(&text);
    assert_eq!(t.len(), 5, "{t:?}");
    // Without a three-decimal percentage elsewhere the counts group thousands …
    let plain = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n- Tạo việc làm mới cho 3,250 lao động.\n- Hỗ trợ 1,400 hộ cải tạo vườn tạp.\n- Tỷ lệ hộ nghèo giảm 1,25%.\n- Sản lượng lương thực đạt 2,500 tấn.\n- Bình quân 10,200 bác sĩ/1 vạn dân.\n"
    );
    let p = described(&plain);
    assert!(p[0].contains("3.250 lao động"), "{p:?}");
    assert!(p[1].contains("1.400 hộ"), "{p:?}");
    // … while a measure and a rate per population stay decimals.
    assert!(p[3].contains("2,5 tấn"), "{p:?}");
    assert!(p[4].contains("10,2"), "{p:?}");
    assert!(parse_directive(&plain)
        .diagnostics
        .iter()
        .any(|d| d.code == "dot_decimal"));
    // … and a text with "1,250%" keeps "3,250 lao động" a decimal as written.
    assert!(t[0].contains("3,25 lao động"), "{t:?}");
}

/// The values of the targets, in order.
fn values(text: &str) -> Vec<String> {
    let mut v = described(text);
    v.sort();
    v
}

#[test]
fn a_table_header_printed_again_in_other_words_does_not_end_the_table() {
    // One cell per line (PDF copy): "STT" / "Kế hoạch năm 2027" on page 1, "TT" / "ĐVT" /
    // "KH năm 2027" after the page number.
    let cells = "KẾ HOẠCH\nPhát triển y tế năm 2027\n\nBiểu: Các chỉ tiêu chủ yếu năm 2027\n\nSTT\nChỉ tiêu\nĐơn vị tính\nƯớc thực hiện năm 2026\nKế hoạch năm 2027\n1\nSố giường bệnh trên 1 vạn dân\ngiường\n31\n32\n2\nTỷ lệ trạm y tế có bác sĩ làm việc\n%\n88\n92\n2\nTT\nChỉ tiêu\nĐVT\nƯớc TH năm 2026\nKH năm 2027\n3\nTỷ lệ người dân có hồ sơ sức khỏe điện tử\n%\n75\n85\n4\nSố xã đạt Bộ tiêu chí quốc gia về y tế\nxã\n40\n46\n";
    let v = values(cells);
    assert_eq!(v.len(), 4, "{v:?}");
    assert!(v.iter().any(|d| d.contains("46")), "{v:?}");
    // Rows separated by '|': the header again in other words is not a row.
    let pipes = "KẾ HOẠCH\nPhát triển y tế năm 2027\n\nCác chỉ tiêu chủ yếu:\n| STT | Tên chỉ tiêu | Đơn vị tính | Kế hoạch năm 2027 |\n| 1 | Tỷ lệ trạm y tế có bác sĩ làm việc | % | 92 |\n| 2 | Số giường bệnh trên 1 vạn dân | giường | 32 |\n| TT | Chỉ tiêu | ĐVT | KH năm 2027 |\n| 3 | Tỷ lệ người dân có hồ sơ sức khỏe điện tử | % | 85 |\n";
    let out = parse_directive(pipes);
    let t: Vec<&Target> = out
        .directive
        .items
        .iter()
        .flat_map(|i| &i.targets)
        .collect();
    assert_eq!(t.len(), 3, "{t:#?}");
    assert!(t
        .iter()
        .all(|x| !matches!(x.spec, TargetSpec::Qualitative {}) && !x.name.contains("Chỉ tiêu")));
    // Columns of spaces: "STT … Kế hoạch" then "TT … KH" on the next page.
    let spaced = "KẾ HOẠCH\nPhát triển y tế năm 2027\n\n I. CÁC CHỈ TIÊU CHỦ YẾU\n\n STT  Tên chỉ tiêu                               Đơn vị tính    Ước thực hiện   Kế hoạch\n                                                                 năm 2026        năm 2027\n 1    Tỷ lệ trạm y tế có bác sĩ làm việc         %              88              92\n 2    Số giường bệnh trên 1 vạn dân               giường         31              32\n\n                                                                              Trang 2/3\n\n TT   Chỉ tiêu                                    ĐVT            Ước TH 2026     KH 2027\n 3    Tỷ lệ người dân có hồ sơ sức khỏe điện tử  %              75              85\n 4    Số xã đạt Bộ tiêu chí quốc gia về y tế      xã             40              46\n";
    let v = values(spaced);
    assert_eq!(v.len(), 4, "{v:?}");
    assert!(v.iter().any(|d| d.contains("46")), "{v:?}");
}

#[test]
fn a_unit_wrapped_over_two_lines_of_a_space_aligned_table_is_joined() {
    let text = "KẾ HOẠCH\nPhát triển nông nghiệp năm 2027\n\n I. CÁC CHỈ TIÊU CHỦ YẾU\n\n TT   Chỉ tiêu                              Đơn vị tính     Ước thực hiện   Kế hoạch\n                                                            năm 2026        năm 2027\n 1    Năng suất lúa bình quân               Tạ/             58,2            ≥ 59\n                                            ha/vụ\n 2    Tỷ lệ diện tích lúa chất lượng cao    %               46              ≥ 50\n 3    Mật độ chăn nuôi                      Con gia súc/    1,8             ≤ 2\n                                            ha đất nông\n                                            nghiệp\n";
    let out = parse_directive(text);
    let t: Vec<String> = out
        .directive
        .items
        .iter()
        .flat_map(|i| &i.targets)
        .map(|t| t.spec.describe_vi())
        .collect();
    assert_eq!(t.len(), 3, "{t:?}");
    assert!(t[0].contains("tạ/ha/vụ"), "{t:?}");
    assert!(t[2].contains("con gia súc/ha đất nông nghiệp"), "{t:?}");
    assert!(out.diagnostics.iter().all(|d| d.code != "unread_figure"));
}

#[test]
fn action_and_adding_verbs_in_headed_paragraphs_and_second_verbs() {
    use crate::{Comparator, Wording};
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\nVề an toàn thực phẩm: Kiểm tra 100% bếp ăn tập thể; xử lý, khắc phục 100% vụ ngộ độc được phát hiện.\nVề hội viên: Năm 2027 kết nạp mới 5.400 hội viên, bình quân mỗi năm 1.800 hội viên trở lên; chỉnh trang 04 tuyến phố và thành lập mới 12 công đoàn cơ sở.\nVề nhà ở: Hỗ trợ xây mới, sửa chữa 120 nhà cho hội viên nghèo; chỉnh trang, xây dựng 06 nhà văn hóa.\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 8, "{t:#?}");
    // Every figure after a verb is "at least", none bare.
    for x in &t {
        assert_ne!(x.wording, Some(Wording::Bare), "{x:#?}");
    }
    let comparator = |x: &Target| match &x.spec {
        TargetSpec::Rate { comparator, .. }
        | TargetSpec::ThresholdShare { comparator, .. }
        | TargetSpec::Count { comparator, .. } => Some(*comparator),
        _ => None,
    };
    assert!(
        t.iter().all(|x| comparator(x) == Some(Comparator::AtLeast)),
        "{t:#?}"
    );
    // What is added, and its average per period, are flows.
    assert_eq!(t[2].spec.measure(), Measure::Flow, "{:#?}", t[2]);
    assert_eq!(t[3].spec.measure(), Measure::Flow, "{:#?}", t[3]);
    assert!(t[3].per_year(), "{:#?}", t[3]);
    // Building adds to a stock.
    assert_eq!(t[7].spec.measure(), Measure::Flow, "{:#?}", t[7]);
    let units: Vec<String> = t
        .iter()
        .filter_map(|x| x.spec.result_unit())
        .map(|u| u.to_string())
        .collect();
    assert!(units.iter().any(|u| u == "tuyến phố"), "{units:?}");
    assert!(units.iter().any(|u| u == "công đoàn cơ sở"), "{units:?}");
}

#[test]
fn trong_do_phan_dau_with_a_figure_is_a_sub_target() {
    let text = format!(
        "{HEAD}Các chỉ tiêu chủ yếu:\n1. Đào tạo nghề cho ít nhất 2.000 lao động nông thôn; trong đó phấn đấu 70% có việc làm sau đào tạo.\n"
    );
    let t = targets(&text);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].sub_targets.len(), 1, "{t:#?}");
    assert!(
        t[0].sub_targets[0].spec.describe_vi().contains("70%"),
        "{t:#?}"
    );
}

#[test]
fn the_term_of_a_council_is_not_the_coverage_of_its_resolution() {
    let text = "Báo Yên Bái điện tử > Chính trị\n\nBế mạc kỳ họp cuối năm của HĐND tỉnh\n\nYBĐT - Sáng 10/12, Kỳ họp thứ Tám, HĐND tỉnh Yên Bái khóa XVIII, nhiệm kỳ 2026 - 2031 đã bế mạc. Kỳ họp đã thông qua 19 nghị quyết, trong đó có Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2028.\n\nTheo đó, tỷ lệ hộ nghèo giảm 2%; tỷ lệ che phủ rừng đạt 64%.\n";
    let d = parse_directive(text).directive;
    assert_eq!(d.coverage.year, 2028);
    assert_eq!(d.coverage.until_year, None);
}

#[test]
fn a_curly_quote_before_a_restated_figure_is_read_safely() {
    // '“' is three bytes: the name after it is cut at a character boundary.
    let text = "Tin tức\n\nHĐND tỉnh: Thu ngân sách đạt 4.800 tỷ đồng\n\nTheo nghị quyết, thu ngân sách nhà nước phấn đấu đạt 4.800 tỷ đồng; tỷ lệ hộ nghèo giảm 1%.\n\nChủ tịch nhấn mạnh: “Thu ngân sách 4.800 tỷ đồng là mục tiêu cao.”\n";
    let out = parse_directive(text);
    let budget = out
        .directive
        .items
        .iter()
        .flat_map(|i| &i.targets)
        .filter(|t| t.spec.describe_vi().contains("4.800"))
        .count();
    assert_eq!(budget, 1);
}
