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
