//! Header rows: finding them (merged and multi-row headers included) and mapping each column
//! to a [`Role`] by its header text.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::grid::{Cell, Grid};
use crate::results::{Period, Span};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Row number as printed (TT, STT): the item number "(n)" of the directive.
    Number,
    /// The target id exactly ("Mã chỉ tiêu": `1`, `10a`, `7.1`).
    TargetId,
    /// The target's name (Chỉ tiêu, Tên chỉ tiêu, Nội dung).
    Name,
    /// Unit of measure (ĐVT, Đơn vị tính).
    Measure,
    /// The plan figure (Kế hoạch, KH, Chỉ tiêu giao, Mục tiêu).
    Plan,
    /// The pledged figure (Đăng ký, Giao ước thi đua).
    Pledged,
    /// The result (Thực hiện, Kết quả, Ước thực hiện, Ước TH).
    Result,
    /// The baseline (Kỳ gốc, Cùng kỳ, Năm trước, or the earlier of two years' results).
    Baseline,
    /// Percent of plan (% so KH, Tỷ lệ hoàn thành).
    Ratio,
    /// A published verdict (Đánh giá: Vượt / Đạt / Không đạt).
    Verdict,
    /// Remarks (Ghi chú).
    Note,
    /// Reporting period (Kỳ báo cáo).
    Period,
    /// The reporting unit (Đơn vị, Địa phương, Huyện).
    Unit,
    /// A composite target's component (Thành phần).
    Component,
    /// Estimate or official (Loại số liệu).
    Provenance,
    /// A council's judgement for a qualitative target.
    Judgement,
    /// Number ranked (for ranks), this time.
    OutOf,
    /// Number ranked in the baseline year.
    BaselineOutOf,
    /// The scale of the value (Quy mô: nghìn, triệu, tỷ).
    Scale,
    /// Not applicable to the unit (Không áp dụng).
    NotApplicable,
    /// Cluster or bloc (Cụm, Khối).
    Group,
    /// In a wide table, what a row's figures are: "Kết quả" or "Kỳ gốc" (Số liệu là).
    Series,
    /// The upper end of a result reported as a range (Cận trên).
    ValueHigh,
    /// How approximate the result is: hơn, gần, khoảng, dưới, ít nhất, tối đa (Mức xấp xỉ).
    Qualifier,
    /// The plan level a share of plan refers to (Mức kế hoạch: "dự toán Trung ương giao").
    PlanLevel,
    /// A result reported as a change, signed (Tăng/giảm).
    Change,
    /// The unit of the change: %, điểm %, tuyệt đối (Đơn vị tăng/giảm).
    ChangeUnit,
    /// What the change is measured against: năm trước, cùng kỳ (So với kỳ).
    ChangeFrom,
    /// The date of the figure (Ngày số liệu).
    Date,
    /// The result as the report wrote it, verbatim (Cách ghi trong báo cáo).
    Reported,
    /// Where the figure comes from (Nguồn).
    Source,
    /// In a per-unit target table: assigned, pledged or a plan level id (Loại mức).
    Level,
    /// In a per-unit target table: the year a figure is for (Năm áp dụng).
    Year,
    /// In a per-unit target table: the comparator, when it differs from the directive's
    /// (Điều kiện: "từ … trở lên", "không quá").
    Comparator,
    /// In a per-unit target table: a whole target of another kind, as JSON (Chỉ tiêu riêng).
    Spec,
}

impl Role {
    /// Vietnamese label, as the template and the long-format writer print it.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Number => "TT",
            Role::TargetId => "Mã chỉ tiêu",
            Role::Name => "Chỉ tiêu",
            Role::Measure => "Đơn vị tính",
            Role::Plan => "Kế hoạch",
            Role::Pledged => "Đăng ký",
            Role::Result => "Kết quả",
            Role::Baseline => "Kỳ gốc",
            Role::Ratio => "% so KH",
            Role::Verdict => "Đánh giá",
            Role::Note => "Ghi chú",
            Role::Period => "Kỳ báo cáo",
            Role::Unit => "Đơn vị",
            Role::Component => "Thành phần",
            Role::Provenance => "Loại số liệu",
            Role::Judgement => "Hội đồng đánh giá",
            Role::OutOf => "Số được xếp hạng",
            Role::BaselineOutOf => "Số được xếp hạng kỳ gốc",
            Role::Scale => "Quy mô",
            Role::NotApplicable => "Không áp dụng",
            Role::Group => "Cụm, khối",
            Role::Series => "Số liệu là",
            Role::ValueHigh => "Cận trên",
            Role::Qualifier => "Mức xấp xỉ",
            Role::PlanLevel => "Mức kế hoạch",
            Role::Change => "Tăng/giảm",
            Role::ChangeUnit => "Đơn vị tăng/giảm",
            Role::ChangeFrom => "So với kỳ",
            Role::Date => "Ngày số liệu",
            Role::Reported => "Cách ghi trong báo cáo",
            Role::Source => "Nguồn",
            Role::Level => "Loại mức (giao, đăng ký)",
            Role::Year => "Năm áp dụng",
            Role::Comparator => "Điều kiện",
            Role::Spec => "Chỉ tiêu riêng (JSON)",
        }
    }

    /// snake_case name (as in [`crate::sheet::ReadOptions::columns`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Number => "number",
            Role::TargetId => "target",
            Role::Name => "name",
            Role::Measure => "measure",
            Role::Plan => "plan",
            Role::Pledged => "pledged",
            Role::Result => "value",
            Role::Baseline => "baseline",
            Role::Ratio => "ratio",
            Role::Verdict => "verdict",
            Role::Note => "note",
            Role::Period => "period",
            Role::Unit => "unit",
            Role::Component => "component",
            Role::Provenance => "provenance",
            Role::Judgement => "judgement",
            Role::OutOf => "out_of",
            Role::BaselineOutOf => "baseline_out_of",
            Role::Scale => "scale",
            Role::NotApplicable => "not_applicable",
            Role::Group => "group",
            Role::Series => "series",
            Role::ValueHigh => "value_high",
            Role::Qualifier => "qualifier",
            Role::PlanLevel => "plan_level",
            Role::Change => "change",
            Role::ChangeUnit => "change_unit",
            Role::ChangeFrom => "change_from",
            Role::Date => "date",
            Role::Reported => "reported",
            Role::Source => "source",
            Role::Level => "level",
            Role::Year => "year",
            Role::Comparator => "comparator",
            Role::Spec => "spec",
        }
    }

    /// The role of a snake_case name.
    pub fn from_name(s: &str) -> Option<Role> {
        ROLE_SYNONYMS
            .iter()
            .map(|(r, _)| *r)
            .find(|r| r.as_str() == s.trim())
    }
}

/// The header texts recognised for each role, normalised (lower case, without diacritics,
/// `đ` → `d`, punctuation as spaces; see [`normalize_header`]). A header matches a synonym
/// when it is the synonym, or starts with it followed by more words ("KH năm 2024",
/// "Ước TH năm 2019"); the longest match wins. Vietnamese and English.
pub const ROLE_SYNONYMS: &[(Role, &[&str])] = &[
    (
        Role::Number,
        &[
            "tt",
            "stt",
            "so tt",
            "so thu tu",
            "thu tu",
            "no",
            "#",
            "muc",
        ],
    ),
    (
        Role::TargetId,
        &[
            "ma chi tieu",
            "ma so chi tieu",
            "ma",
            "target id",
            "target",
            "id",
        ],
    ),
    (
        Role::Name,
        &[
            "chi tieu",
            "ten chi tieu",
            "chi tieu chu yeu",
            "cac chi tieu",
            "cac chi tieu chu yeu",
            "noi dung",
            "noi dung chi tieu",
            "chi tieu kinh te xa hoi",
            "indicator",
            "target name",
            "name",
        ],
    ),
    (
        Role::Measure,
        &[
            "dvt",
            "don vi tinh",
            "don vi do",
            "don vi tinh dvt",
            "unit of measure",
            "uom",
            "value unit",
            "measure",
        ],
    ),
    (
        Role::Plan,
        &[
            "ke hoach",
            "kh",
            "chi tieu ke hoach",
            "chi tieu giao",
            "muc tieu",
            "giao",
            "ke hoach giao",
            "tinh giao",
            "chi tieu tinh giao",
            "huyen giao",
            "nghi quyet",
            "nq",
            "chi tieu nghi quyet",
            "du toan",
            "plan",
            "target value",
            "assigned",
        ],
    ),
    (
        Role::Pledged,
        &[
            "dang ky",
            "muc dang ky",
            "chi tieu dang ky",
            "giao uoc",
            "giao uoc thi dua",
            "dang ky thi dua",
            "pledged",
            "pledge",
        ],
    ),
    (
        Role::Result,
        &[
            "thuc hien",
            "th",
            "ket qua",
            "ket qua thuc hien",
            "uoc thuc hien",
            "uoc th",
            "uoc dat",
            "uoc tinh",
            "uoc",
            "so bo",
            "chinh thuc",
            "so lieu",
            "gia tri",
            "result",
            "actual",
            "value",
            "estimate",
        ],
    ),
    (
        Role::Baseline,
        &[
            "ky goc",
            "cung ky",
            "cung ky nam truoc",
            "nam truoc",
            "nam goc",
            "thuc hien nam truoc",
            "gia tri ky goc",
            "baseline",
        ],
    ),
    (
        Role::Ratio,
        &[
            "% so kh",
            "% kh",
            "% so ke hoach",
            "% so voi ke hoach",
            "ty le % so kh",
            "ty le so kh",
            "ty le hoan thanh",
            "so sanh",
            "so sanh %",
            "dat % kh",
            "% of plan",
            "ratio",
        ],
    ),
    (
        Role::Verdict,
        &[
            "danh gia",
            "ket qua danh gia",
            "muc do hoan thanh",
            "verdict",
            "status",
        ],
    ),
    (Role::Note, &["ghi chu", "note", "notes", "remarks"]),
    (
        Role::Period,
        &["ky bao cao", "ky", "period", "nam bao cao", "thoi gian"],
    ),
    (
        Role::Unit,
        &[
            "don vi",
            "ten don vi",
            "don vi bao cao",
            "dia phuong",
            "co quan don vi",
            "unit",
            "reporting unit",
        ],
    ),
    (
        Role::Component,
        &["thanh phan", "tieu chi thanh phan", "component"],
    ),
    (
        Role::Provenance,
        &["loai so lieu", "tinh chat so lieu", "provenance"],
    ),
    (
        Role::Judgement,
        &["hoi dong danh gia", "danh gia cua hoi dong", "judgement"],
    ),
    (
        Role::OutOf,
        &["so duoc xep hang", "so xep hang", "xep hang tren", "out of"],
    ),
    (
        Role::BaselineOutOf,
        &[
            "so duoc xep hang ky goc",
            "so xep hang ky goc",
            "baseline out of",
        ],
    ),
    (Role::Scale, &["quy mo", "scale"]),
    (
        Role::Series,
        &["so lieu la", "loai gia tri", "noi dung so lieu", "series"],
    ),
    (Role::NotApplicable, &["khong ap dung", "not applicable"]),
    (
        Role::ValueHigh,
        &["can tren", "gia tri can tren", "value high", "upper end"],
    ),
    (
        Role::Qualifier,
        &["muc xap xi", "xap xi", "hon gan khoang", "qualifier"],
    ),
    (
        Role::PlanLevel,
        &["muc ke hoach", "cap ke hoach", "plan level"],
    ),
    (
        Role::Change,
        &["tang giam", "muc tang giam", "thay doi", "change"],
    ),
    (
        Role::ChangeUnit,
        &["don vi tang giam", "don vi thay doi", "change unit"],
    ),
    (
        Role::ChangeFrom,
        &["so voi ky", "tang giam so voi", "change from"],
    ),
    (
        Role::Date,
        &["ngay so lieu", "ngay bao cao", "ngay", "date"],
    ),
    (
        Role::Reported,
        &[
            "cach ghi trong bao cao",
            "cach ghi",
            "nguyen van",
            "so lieu nguyen van",
            "reported",
        ],
    ),
    (
        Role::Source,
        &["nguon", "nguon so lieu", "can cu", "source"],
    ),
    (Role::Level, &["loai muc", "loai muc chi tieu", "level"]),
    (Role::Year, &["nam ap dung", "ap dung nam", "year"]),
    (
        Role::Comparator,
        &["dieu kien", "dieu kien so sanh", "comparator"],
    ),
    (
        Role::Spec,
        &["chi tieu rieng", "chi tieu rieng json", "spec"],
    ),
    (
        Role::Group,
        &[
            "cum",
            "khoi",
            "cum khoi",
            "cum thi dua",
            "khoi thi dua",
            "group",
        ],
    ),
];

/// Normalises header (or name) text for matching: NFD, diacritics removed, `đ` → `d`, lower
/// case, punctuation as spaces (`%` and `#` kept as words), spaces collapsed.
///
/// ```
/// use thidua_core::sheet::normalize_header;
/// assert_eq!(normalize_header("Ước TH\nnăm 2019"), "uoc th nam 2019");
/// assert_eq!(normalize_header("Đơn vị tính (ĐVT)"), "don vi tinh dvt");
/// assert_eq!(normalize_header("% so KH"), "% so kh");
/// ```
pub fn normalize_header(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            '\u{300}'..='\u{36f}' => continue,
            c => c,
        };
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if c == '%' || c == '#' {
            if !space {
                out.push(' ');
            }
            out.push(c);
            out.push(' ');
            space = true;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim().to_string()
}

/// The best role for a header text: (role, match length), exact matches before prefixes.
pub(crate) fn role_of(header: &str) -> Option<(Role, usize)> {
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    let mut best: Option<(Role, usize, u8)> = None;
    for (role, syns) in ROLE_SYNONYMS {
        for s in syns.iter() {
            let quality = if h == *s {
                2
            } else if h.starts_with(s) && h.as_bytes().get(s.len()) == Some(&b' ') {
                1
            } else {
                continue;
            };
            let better = match best {
                None => true,
                Some((_, len, q)) => (quality, s.len()) > (q, len),
            };
            if better {
                best = Some((*role, s.len(), quality));
            }
        }
    }
    best.map(|(r, l, _)| (r, l))
}

/// Whether a header says "estimate" (ước, dự kiến, sơ bộ, estimate).
pub(crate) fn says_estimate(header: &str) -> bool {
    let h = normalize_header(header);
    h.split(' ')
        .any(|w| matches!(w, "uoc" | "estimate" | "estimated"))
        || h.contains("du kien")
        || h.contains("so bo")
        || h.contains("du uoc")
}

/// A period named in a header or title ("năm 2024", "6 tháng đầu năm 2024", "9 tháng 2024",
/// "quý III/2024", "2024-H1").
pub(crate) fn period_in(text: &str) -> Option<Period> {
    for token in text.split(|c: char| c.is_whitespace() || "():;,".contains(c)) {
        if token.len() >= 4 && token.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            if let Ok(p) = token.parse::<Period>() {
                if token.len() > 4 {
                    return Some(p);
                }
            }
        }
    }
    if let Ok(p) = text.trim().parse::<Period>() {
        return Some(p);
    }
    let h = normalize_header(text);
    let words: Vec<&str> = h.split(' ').collect();
    let year = words.iter().rev().find_map(|w| {
        (w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<i32>().ok())
            .flatten()
    })?;
    if !(1945..=2200).contains(&year) {
        return None;
    }
    let mut span = Span::Year;
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let after = words.get(i + 2).copied().unwrap_or("");
        if next == "thang" {
            if let Ok(n) = w.parse::<u8>() {
                if (1..=12).contains(&n) {
                    span = if n == 6 && after == "cuoi" {
                        Span::Half(2)
                    } else if n == 6 {
                        Span::Half(1)
                    } else if n == 12 {
                        Span::Year
                    } else {
                        Span::MonthsToDate(n)
                    };
                }
            }
        }
        if *w == "quy" {
            let q = match next {
                "i" | "1" => 1,
                "ii" | "2" => 2,
                "iii" | "3" => 3,
                "iv" | "4" => 4,
                _ => 0,
            };
            if q > 0 {
                span = Span::Quarter(q);
            }
        }
    }
    Some(Period { year, span })
}

/// One column of a detected header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnHeader {
    pub col: u32,
    /// The header text, rows joined top to bottom.
    pub text: String,
    pub role: Option<Role>,
}

/// A detected header: its rows and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub first_row: u32,
    pub last_row: u32,
    /// A row of column numbers right under the header ("(1) (2) (3)", "A B 1 2"), skipped.
    pub numbering_row: Option<u32>,
    pub columns: Vec<ColumnHeader>,
}

fn cell_text(c: &Cell) -> Option<String> {
    match c {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    }
}

fn row_score(grid: &Grid, row: u32) -> usize {
    (0..grid.width())
        .filter_map(|c| cell_text(grid.get(row, c)))
        .filter(|t| role_of(t).is_some())
        .count()
}

fn is_numbering_row(grid: &Grid, row: u32) -> bool {
    let mut n = 0;
    for c in 0..grid.width() {
        match grid.get(row, c) {
            Cell::Empty => {}
            Cell::Number(d) if d.fract().is_zero() && *d < rust_decimal::Decimal::from(100) => {
                n += 1
            }
            Cell::Text(t) => {
                let t = t.trim();
                // "(1)", "3", "A", "(3)=(2)/(1)", "5=4-3": digits, operators and single
                // letters, never a word
                let chars: Vec<char> = t.chars().collect();
                let short = chars.len() <= 12
                    && chars
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || "()=/*+-x., ".contains(*c))
                    && !chars
                        .windows(2)
                        .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic());
                if !short {
                    return false;
                }
                n += 1;
            }
            _ => return false,
        }
    }
    n >= 3
}

/// Finds the header in the first 40 rows: the row with the most cells naming a role (at
/// least two), extended up and down over rows that belong to the same header (merged cells
/// spanning several columns above, sub-headers below), then the column texts joined top to
/// bottom with merged values repeated across their range.
pub(crate) fn detect(grid: &Grid, forced_row: Option<u32>) -> Option<Header> {
    let best = match forced_row {
        Some(r) => r,
        None => best_header_row(grid)?,
    };
    let first = if forced_row.is_none() {
        header_top(grid, best)
    } else {
        best
    };
    let last = header_bottom(grid, first, best);
    let columns = (0..grid.width())
        .filter_map(|c| column_header(grid, c, first, last))
        .collect();
    let numbering_row =
        (last + 1 < grid.height() && is_numbering_row(grid, last + 1)).then_some(last + 1);
    Some(Header {
        first_row: first,
        last_row: last,
        numbering_row,
        columns,
    })
}

/// The row among the first 40 that names the most column roles (at least two).
fn best_header_row(grid: &Grid) -> Option<u32> {
    let limit = grid.height().min(40);
    let mut best: Option<(u32, usize)> = None;
    for r in 0..limit {
        let s = row_score(grid, r);
        if s >= 2 && best.is_none_or_lower(s) {
            best = Some((r, s));
        }
    }
    Some(best?.0)
}

/// Whether a row could be part of a header: text cells, and numbers only as years.
fn is_header_like(grid: &Grid, row: u32) -> bool {
    let mut texts = 0;
    for c in 0..grid.width() {
        match grid.get(row, c) {
            Cell::Empty => {}
            Cell::Text(_) => texts += 1,
            // a number in a header row is a year ("2024") at most
            Cell::Number(d) => {
                if !(d.fract().is_zero()
                    && *d >= rust_decimal::Decimal::from(1945)
                    && *d <= rust_decimal::Decimal::from(2200))
                {
                    return false;
                }
            }
            _ => return false,
        }
    }
    texts > 0
}

/// The first header row: upward from `best`, rows with merged cells spanning columns right
/// above (a group header such as "Năm 2024" over "Kế hoạch | Thực hiện").
fn header_top(grid: &Grid, best: u32) -> u32 {
    let mut first = best;
    while first > 0 {
        let up = first - 1;
        let merged_over = grid.merges.iter().any(|m| {
            m.first_row <= up
                && m.last_row >= up
                && (m.last_col > m.first_col || m.last_row >= first)
        });
        if merged_over && is_header_like(grid, up) && row_score(grid, up) > 0 {
            first = up;
        } else {
            break;
        }
    }
    first
}

/// The last header row: downward from `best`, sub-header rows under merged group headers,
/// or rows naming roles (at most four header rows).
fn header_bottom(grid: &Grid, first: u32, best: u32) -> u32 {
    let width = grid.width();
    let spans_columns = |row: u32| -> bool {
        grid.merges
            .iter()
            .any(|m| m.first_row <= row && m.last_row >= row && m.last_col > m.first_col)
    };
    let mut last = best;
    while last + 1 < grid.height() && last - first < 3 {
        let down = last + 1;
        let vertical_merge_from_above = grid
            .merges
            .iter()
            .any(|m| m.first_row <= last && m.last_row >= down);
        // Without merge information (ODS, CSV): a row with text under a blank header cell
        // that has a header to its left (a group header over sub-headers).
        let unmerged_sub = grid.merges.is_empty()
            && (1..width).any(|c| {
                cell_text(grid.get(last, c)).is_none()
                    && cell_text(grid.get(down, c)).is_some()
                    && (0..c).any(|k| cell_text(grid.get(last, k)).is_some())
            });
        let sub = (spans_columns(last) || vertical_merge_from_above || unmerged_sub)
            && is_header_like(grid, down)
            && !is_numbering_row(grid, down);
        if sub {
            last = down;
        } else {
            break;
        }
    }
    last
}

/// The header of column `c` over rows `first..=last`: its parts joined, and its role (None
/// for a column without header text).
fn column_header(grid: &Grid, c: u32, first: u32, last: u32) -> Option<ColumnHeader> {
    // Fill gaps of multi-row headers without merge information (ODS, CSV): an empty top
    // cell over a sub-header inherits from the left.
    let mut parts: Vec<String> = Vec::new();
    // whether the upper parts are group headers over several columns
    let mut grouped = false;
    for r in first..=last {
        if r < last
            && grid
                .merge_at(r, c)
                .is_some_and(|m| m.last_col > m.first_col && m.last_row < last)
        {
            grouped = true;
        }
        // Without merge information: a text with blank cells to its right over
        // sub-headers starts a group.
        if r < last
            && grid.merges.is_empty()
            && cell_text(grid.get(r, c)).is_some()
            && cell_text(grid.get(r, c + 1)).is_none()
            && cell_text(grid.get(r + 1, c + 1)).is_some()
            && cell_text(grid.get(r + 1, c)).is_some()
        {
            grouped = true;
        }
        let mut t = cell_text(grid.get_merged(r, c));
        if t.is_none() && r < last && grid.merges.is_empty() && c > 0 {
            let below = cell_text(grid.get(r + 1, c));
            if below.is_some() {
                // inherit from the nearest non-empty cell to the left on this row
                let mut k = c;
                while k > 0 && t.is_none() {
                    k -= 1;
                    t = cell_text(grid.get(r, k));
                    if cell_text(grid.get(r + 1, k)).is_none() {
                        // the left cell is a single-row header: not a group
                        t = None;
                        break;
                    }
                    if t.is_some() {
                        grouped = true;
                    }
                }
            }
        }
        if let Some(t) = t {
            if parts.last() != Some(&t) {
                parts.push(t);
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    let text = parts.join(" ");
    // The role comes from the most specific part that names one (the lowest row), else
    // from the joined text.
    // A column under a group header whose own text names no role ("Thực hiện" over
    // "Huyện A | Huyện B") is a unit column of a wide table.
    let own = parts.last().and_then(|p| role_of(p)).map(|(r, _)| r);
    let role = if own.is_none() && grouped && parts.len() > 1 {
        None
    } else {
        own.or_else(|| parts.iter().rev().find_map(|p| role_of(p)).map(|(r, _)| r))
    };
    Some(ColumnHeader { col: c, text, role })
}

trait LowerBest {
    fn is_none_or_lower(&self, s: usize) -> bool;
}

impl LowerBest for Option<(u32, usize)> {
    fn is_none_or_lower(&self, s: usize) -> bool {
        match self {
            None => true,
            Some((_, b)) => s > *b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_of_real_headers() {
        let cases = [
            ("Stt", Role::Number),
            ("TT", Role::Number),
            ("Chỉ tiêu chủ yếu", Role::Name),
            ("Chi tieu", Role::Name),
            ("ĐVT", Role::Measure),
            ("Đơn vị tính", Role::Measure),
            ("Đơn vị", Role::Unit),
            ("KH năm 2019", Role::Plan),
            ("Kế hoạch 2024", Role::Plan),
            ("Chỉ tiêu kế hoạch", Role::Plan),
            ("Ước TH năm 2019", Role::Result),
            ("TH năm 2018", Role::Result),
            ("Thực hiện", Role::Result),
            ("Ước thực hiện năm 2024", Role::Result),
            ("% so KH", Role::Ratio),
            ("Đánh giá", Role::Verdict),
            ("Ghi chú", Role::Note),
            ("Result", Role::Result),
            ("Plan", Role::Plan),
            ("Mã chỉ tiêu", Role::TargetId),
            ("Đăng ký thi đua", Role::Pledged),
            ("Kỳ báo cáo", Role::Period),
        ];
        for (h, r) in cases {
            assert_eq!(role_of(h).map(|x| x.0), Some(r), "{h}");
        }
        assert_eq!(role_of("Huyện Đắk Hà"), None);
        assert_eq!(role_of("Sa Thầy"), None);
    }

    #[test]
    fn periods_in_headers() {
        assert_eq!(period_in("Ước TH năm 2019"), Some(Period::year(2019)));
        assert_eq!(
            period_in("Thực hiện 6 tháng đầu năm 2024").map(|p| p.to_string()),
            Some("2024-H1".into())
        );
        assert_eq!(
            period_in("9 tháng năm 2024").map(|p| p.to_string()),
            Some("2024-9M".into())
        );
        assert_eq!(
            period_in("Quý III/2024").map(|p| p.to_string()),
            Some("2024-Q3".into())
        );
        assert_eq!(period_in("Kế hoạch"), None);
        assert!(says_estimate("Ước TH năm 2019"));
        assert!(!says_estimate("Thực hiện"));
    }
}
