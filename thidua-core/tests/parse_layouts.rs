//! The parser on invented texts (`tests/texts/12x`, `13x`) in the layouts of the real corpus
//! but with other wording: tables (cells one per line, '|' rows, tab rows, flattened rows,
//! '.' decimals), prose with one target per sentence, numbered paragraphs run together,
//! bullets under numbered headings, a) b) lists, "Một là" lists and a report with its plan
//! after "KH". Every target is rendered on one line (id, kind, comparator, value, upper
//! bound, unit, wording, per-year) and compared with the reviewed expectation; so are the
//! diagnostics that account for figures not read.

use rust_decimal::Decimal;
use thidua_core::parse::{parse_directive, ParseOutput};
use thidua_core::{Quantity, Target, TargetSpec};

fn q(x: &Quantity) -> String {
    let scale = x.scale.word_vi();
    if scale.is_empty() {
        format!("{} {}", x.value, x.unit)
    } else {
        format!("{} {} {}", x.value, scale, x.unit)
    }
}

fn render(t: &Target, out: &mut Vec<String>) {
    let d = |v: &Decimal| v.normalize().to_string();
    let spec = match &t.spec {
        TargetSpec::Rate { comparator, value } => format!("rate {comparator:?} {}%", d(value)),
        TargetSpec::GrowthRate { comparator, value } => {
            format!("growth {comparator:?} {}%", d(value))
        }
        TargetSpec::ThresholdShare {
            comparator, value, ..
        } => format!("share {comparator:?} {}%", d(value)),
        TargetSpec::PerCapita {
            comparator,
            value,
            per,
            ..
        } => format!("per_capita {comparator:?} {} per {}", q(value), d(per)),
        TargetSpec::Count {
            comparator,
            value,
            noun,
            ..
        } => format!("count {comparator:?} {} {noun}", d(value)),
        TargetSpec::Amount {
            comparator, value, ..
        } => format!("amount {comparator:?} {}", q(value)),
        TargetSpec::Ceiling { comparator, value } => format!("ceiling {comparator:?} {}", q(value)),
        TargetSpec::Reduction {
            value,
            value_high,
            unit,
            ..
        } => format!(
            "reduction {}{} {unit:?}",
            d(value),
            value_high
                .map(|h| format!("-{}", d(&h)))
                .unwrap_or_default()
        ),
        TargetSpec::Range { low, high, .. } => format!("range {} .. {}", q(low), q(high)),
        TargetSpec::Qualitative {} => "qualitative".into(),
        other => format!("{other:?}"),
    };
    let wording = t.wording.map(|w| format!(" {w:?}")).unwrap_or_default();
    let py = if t.per_year() { " /năm" } else { "" };
    out.push(format!("{} {spec}{wording}{py}", t.id));
    for s in &t.sub_targets {
        render(s, out);
    }
}

fn targets(out: &ParseOutput) -> Vec<String> {
    let mut v = Vec::new();
    for it in &out.directive.items {
        for t in &it.targets {
            render(t, &mut v);
        }
    }
    v
}

fn check(file: &str, want: &[&str]) -> ParseOutput {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/texts")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let out = parse_directive(&text);
    for x in &out.diagnostics {
        assert!(text.get(x.start..x.end).is_some(), "{file}: {x:?}");
    }
    let got = targets(&out);
    assert_eq!(got, want, "{file}:\n{}", got.join("\n"));
    out
}

fn codes(out: &ParseOutput, code: &str) -> usize {
    out.diagnostics.iter().filter(|d| d.code == code).count()
}

#[test]
fn table_one_cell_per_line() {
    let out = check(
        "120_table-cells.txt",
        &[
            "1 amount AtLeast 9150 tỷ đồng Bare",
            "2 growth Above 8.5%",
            "3 amount AtLeast 340 tỷ đồng Approximate",
            "4 reduction 1.5-2 PercentagePoints Bare",
            "5 rate AtLeast 94%",
            "5.1 rate AtLeast 100% Bare",
            "6 count AtLeast 5 xã Bare",
        ],
    );
    // Every figure of the result column is reported, none is read.
    assert_eq!(codes(&out, "not_a_target"), 7);
}

#[test]
fn table_with_one_column_per_unit() {
    // PDF extraction of an appendix: one cell per line, a column per unit (the district total
    // and three communes), header and row names wrapped over two lines, the header printed
    // again after the page number "3", a "-" cell (no target for that commune).
    let out = check(
        "125_table-unit-columns.txt",
        &[
            "1a amount AtLeast 640 ha Bare",
            "1b amount AtLeast 220 ha Bare",
            "1c amount AtLeast 260 ha Bare",
            "1d amount AtLeast 160 ha Bare",
            "2a ceiling AtMost 18.5 % Bare",
            "2b ceiling AtMost 21 % Bare",
            "2c ceiling AtMost 19.5 % Bare",
            "2d ceiling AtMost 16 % Bare",
            "3a count AtLeast 9 thôn Bare",
            "3b count AtLeast 4 thôn Bare",
            "3c count AtLeast 5 thôn Bare",
        ],
    );
    let names: Vec<&str> = out.directive.items[0]
        .targets
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names[0], "Diện tích trồng rừng tập trung mới (Toàn huyện)");
    assert_eq!(names[3], "Diện tích trồng rừng tập trung mới (Xã Hóa Sơn)");
    assert_eq!(
        out.directive.items.len(),
        3,
        "the page number is not an item"
    );
}

#[test]
fn a_table_of_results_by_unit_gives_no_targets() {
    // The same layout under a title of results: its cells are reported, never read.
    let text = "KẾT QUẢ THỰC HIỆN NĂM 2025 CỦA CÁC XÃ\nTT\nChỉ tiêu\nĐơn vị\ntính\nToàn huyện\n\
                Xã Dân Hóa\nXã Hóa Sơn\n1\nDiện tích trồng rừng tập\ntrung mới\nha\n610\n\
                230\n150\n";
    let out = parse_directive(text);
    assert!(out.directive.items.is_empty(), "{:?}", out.directive.items);
    assert_eq!(codes(&out, "not_a_target"), 3);
}

#[test]
fn table_pipes_tabs_and_flattened_rows() {
    check(
        "121_table-pipes.txt",
        &[
            "1 range 8 % .. 8.5 % Bare",
            "2 per_capita AtLeast 74 triệu đồng per 1 Bare",
            "3 ceiling Below 1.5 %",
            "4 count AtLeast 160 doanh nghiệp Bare",
            "5 rate AtLeast 42% Bare",
        ],
    );
    check(
        "122_table-tabs.txt",
        &[
            "1 amount AtLeast 1450 triệu USD Bare",
            "2 amount AtLeast 40.5 nghìn tỷ đồng Bare",
            "3 amount AtLeast 3.2 triệu lượt Bare",
            "4 rate AtLeast 46% Bare",
        ],
    );
    check(
        "123_table-flattened.txt",
        &[
            "1 amount AtLeast 520 nghìn tấn Bare",
            "2 amount AtLeast 2300 ha Bare",
            "3 rate AtLeast 70% Bare",
            "4 count AtLeast 135 sản phẩm Bare",
            "5 count AtLeast 450 htx Bare",
        ],
    );
}

#[test]
fn table_with_dot_decimals_and_a_blank_cell() {
    let out = check(
        "124_table-dot-decimals.txt",
        &[
            "1 rate Above 97%",
            "2 per_capita AtLeast 30 giường bệnh per 10000 Bare",
            "4 count AtLeast 75 năm Bare",
        ],
    );
    assert_eq!(codes(&out, "dot_decimal"), 1);
}

#[test]
fn prose_one_target_per_sentence() {
    let out = check(
        "130_prose-sentences.txt",
        &[
            "1 growth AtLeast 8.2%",
            "2 range 96 triệu đồng .. 98 triệu đồng Approximate",
            "3 amount AtLeast 42.5 nghìn tỷ đồng Approximate",
            "4 amount AtLeast 9850 tỷ đồng Bare",
            "5 reduction 0.8-1 PercentagePoints",
            "6 rate AtLeast 72%",
            "6.1 rate AtLeast 34%",
            "7 per_capita AtLeast 12 bác sĩ per 10000",
            "8 ceiling Below 3.5 %",
            "9 rate AtLeast 38.5%",
        ],
    );
    // The vote count before the passage and last year's results after it are not read and
    // not reported as unread figures of a passage.
    assert_eq!(codes(&out, "unread_figure"), 0);
}

#[test]
fn numbered_paragraph_run_together() {
    check(
        "131_numbered-run-together.txt",
        &[
            "1 growth AtLeast 12% /năm",
            "1.1 growth AtLeast 4.5% /năm",
            "1.2 growth AtLeast 15% /năm",
            "1.3 growth AtLeast 13.5% /năm",
            "2 per_capita AtLeast 95 triệu đồng per 1 Bare",
            "3 amount AtLeast 12000 tỷ đồng Bare",
            "4 count AtLeast 6 xã", // "có thêm": what is added, at least (stated, not bare)
            "5 reduction 1.5 PercentagePoints Bare /năm",
            "6 rate AtLeast 85% Bare",
            "7 qualitative",
        ],
    );
}

#[test]
fn bullets_under_numbered_headings_and_letter_lists() {
    check(
        "132_headed-bullets.txt",
        &[
            "1a amount AtLeast 185 tỷ đồng Bare",
            "1b growth AtLeast 8%",
            "2 growth AtLeast 9%",
            "3 count AtLeast 120 doanh nghiệp Bare",
            "4 rate AtLeast 92% Bare",
            "5 count AtLeast 650 lao động",
            "6 rate Above 95%",
            "7 rate AtLeast 100% Bare",
        ],
    );
    check(
        "133_letter-list.txt",
        &[
            "1 range 9 % .. 9.5 %",
            "2 per_capita AtLeast 72 triệu đồng per 1",
            "3 ceiling AtMost 2.5 %",
            "4 rate AtLeast 100% Bare",
            "5a amount AtLeast 210 triệu USD",
            "5b growth AtLeast 12%",
        ],
    );
    check(
        "135_ordinals.txt",
        &[
            "1 growth AtLeast 7%",
            "2 amount AtLeast 3200 tỷ đồng",
            "3 count AtLeast 10 xã", // "có thêm"
            "4 reduction 2 PercentagePoints",
        ],
    );
}

#[test]
fn report_with_the_plan_after_kh() {
    let out = check(
        "134_report-plan.txt",
        &[
            "1 range 9 % .. 10 %",
            "2 amount AtLeast 380 tỷ đồng Bare",
            "3 range 60000 tấn .. 62000 tấn Bare",
            "4 count AtLeast 5 xã Bare",
            "5 ceiling Below 3 %",
        ],
    );
    let names: Vec<&str> = out
        .directive
        .items
        .iter()
        .map(|i| i.targets[0].name.as_str())
        .collect();
    assert_eq!(names[1], "Thu ngân sách");
    // The estimates are results, each reported with its span.
    assert_eq!(codes(&out, "not_a_target"), 6);
}

fn parse_file(file: &str) -> ParseOutput {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/texts")
        .join(file);
    parse_directive(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn metadata_of_a_council_resolution_header() {
    let d = parse_file("136_resolution-header.txt").directive;
    assert_eq!(d.kind, thidua_core::DocumentKind::Resolution);
    assert_eq!(d.number.as_deref(), Some("11/NQ-HĐND"));
    assert_eq!(d.issuer.name, "HĐND thành phố Cần Thơ");
    assert_eq!(
        d.issued.map(|x| x.to_string()).as_deref(),
        Some("2025-12-08")
    );
    assert_eq!(d.coverage.year, 2026);
    // The cited resolution is a legal basis; the Tờ trình is not a basis and not the number.
    let bases: Vec<&str> = d.legal_bases.iter().map(|b| b.number.as_str()).collect();
    assert_eq!(bases, ["158/2024/QH15"]);
    assert_eq!(d.target_count(), 3);
}

#[test]
fn metadata_of_news_about_a_national_assembly_resolution() {
    let d = parse_file("137_national-news.txt").directive;
    assert_eq!(d.kind, thidua_core::DocumentKind::Resolution);
    // The resolution adopted is the document's own number, not a legal basis.
    assert_eq!(d.number.as_deref(), Some("160/2025/QH15"));
    assert!(d.legal_bases.is_empty());
    assert_eq!(d.issuer.name, "Quốc hội");
    assert_eq!(
        d.issued.map(|x| x.to_string()).as_deref(),
        Some("2025-11-10")
    );
    assert_eq!(d.title, "Kế hoạch phát triển kinh tế - xã hội năm 2026");
    assert_eq!(d.coverage.year, 2026);
    assert_eq!(d.target_count(), 3);
}

#[test]
fn metadata_of_a_department_plan() {
    let d = parse_file("138_department-plan.txt").directive;
    assert_eq!(d.kind, thidua_core::DocumentKind::Plan);
    assert_eq!(d.number.as_deref(), Some("312/KH-SCT"));
    assert_eq!(d.issuer.name, "Sở Công Thương tỉnh Bình Phong");
    assert_eq!(d.issuer.locality.as_deref(), Some("Bình Phong"));
    assert_eq!(
        d.issued.map(|x| x.to_string()).as_deref(),
        Some("2026-01-05")
    );
    assert_eq!(d.legal_bases[0].number, "45/QĐ-UBND");
    assert_eq!(d.target_count(), 2);
}

#[test]
fn table_laid_out_in_columns_of_spaces() {
    // `pdftotext -layout`: a two-line header, names wrapped onto the next line, a "Trong đó:"
    // row, comparison signs in the cells, a page footer and the header repeated on the next
    // page; the "Thực hiện" and "Ghi chú" columns are not read, the phone number is no figure.
    let out = check(
        "160_table-spaced-columns.txt",
        &[
            "1 growth AtLeast 3.8%",
            "2 amount AtLeast 1230 nghìn tấn Bare",
            "3 rate Above 43%",
            "4 rate AtLeast 95%",
            "4.1 rate AtLeast 50%",
            "5 count AtLeast 52 xã Bare",
            "6 rate AtLeast 65%",
            "7 ceiling Below 5 %",
            "8 ceiling AtMost 1 %",
        ],
    );
    let names: Vec<&str> = out
        .directive
        .items
        .iter()
        .map(|i| i.targets[0].name.as_str())
        .collect();
    assert_eq!(
        names[0],
        "Tốc độ tăng giá trị sản xuất nông, lâm nghiệp và thủy sản"
    );
    assert_eq!(
        names[5],
        "Tỷ lệ hộ dân nông thôn dùng nước sạch theo quy chuẩn"
    );
    assert_eq!(
        out.directive.items[3].targets[0].sub_targets[0].name,
        "xử lý bằng công nghệ đốt phát điện"
    );
    // Ten result cells and one note are reported; nothing else is.
    assert_eq!(codes(&out, "not_a_target"), 10);
    assert_eq!(codes(&out, "unread_figure"), 0);
    assert_eq!(codes(&out, "unreadable_number"), 0);
}
