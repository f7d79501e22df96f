//! Unit tests of general rules added with the fourth held-out set: HTML tables copied one
//! cell per line with empty lines for empty cells, scoring criteria, PDF copies with line
//! breaks inside phrases and footnote markers.

use crate::parse::parse_directive;
use crate::Target;

const HEAD: &str = "KẾ HOẠCH\nPhát triển thư viện năm 2028\n\n";

fn targets(text: &str) -> Vec<Target> {
    let out = parse_directive(text);
    out.directive
        .items
        .into_iter()
        .flat_map(|i| i.targets)
        .collect()
}

/// Name and Vietnamese description of every target, sub-targets after their parent.
fn described(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for t in targets(text) {
        out.push((t.name.clone(), t.spec.describe_vi()));
        for s in &t.sub_targets {
            out.push((s.name.clone(), s.spec.describe_vi()));
        }
    }
    out
}

#[test]
fn an_html_table_with_empty_lines_for_empty_cells_is_read_row_by_row() {
    // Five columns; a section row "I" with three empty cells; an empty number cell before
    // "Trong đó"; a unit of two words; an empty last cell before the next row.
    let text = format!(
        "{HEAD}TT\nNội dung\nĐơn vị tính\nKế hoạch năm 2028\nGhi chú\nI\nThư viện\n\n\n\n1\nSố lượt bạn đọc\nnghìn lượt\n≥ 640\n\n \nTrong đó: bạn đọc thiếu nhi\nnghìn lượt\n210\n\n2\nSố đầu sách số hóa\nđầu sách\n12.500\nTheo Đề án số 12\nII\nBảo tàng\n\n\n\n3\nSố hiện vật được tu sửa\nhiện vật\n80 - 90\n\n"
    );
    let t = described(&text);
    assert_eq!(
        t,
        [
            ("Số lượt bạn đọc".into(), "từ 640 nghìn lượt trở lên".into()),
            (
                "bạn đọc thiếu nhi".into(),
                "từ 210 nghìn lượt trở lên".into()
            ),
            (
                "Số đầu sách số hóa".into(),
                "từ 12.500 đầu sách trở lên".into()
            ),
            (
                "Số hiện vật được tu sửa".into(),
                "từ 80 hiện vật đến 90 hiện vật".into()
            ),
        ] as [(String, String); 4],
        "{t:#?}"
    );
}
