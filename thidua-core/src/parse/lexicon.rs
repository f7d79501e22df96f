//! The parser's word lists (Vietnamese, lowercase, modern tone placement; see
//! `docs/parsing.md`). Multi-word entries are written with single spaces and matched token
//! by token; longer entries come first where one is a prefix of another.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// ≥ before the number.
pub(crate) const AT_LEAST: &[&str] = &[
    "không thấp hơn",
    "không ít hơn",
    "không dưới",
    "ít nhất",
    "tối thiểu",
    "từ",
];
/// > before the number.
pub(crate) const ABOVE: &[&str] = &[
    "vượt trên",
    "cao hơn",
    "lớn hơn",
    "nhiều hơn",
    "trên",
    "hơn",
    "vượt",
];
/// ≤ before the number.
pub(crate) const AT_MOST: &[&str] = &[
    "không vượt quá",
    "không cao hơn",
    "không lớn hơn",
    "không nhiều hơn",
    "không vượt",
    "không quá",
    "tối đa",
];
/// < before the number.
pub(crate) const BELOW: &[&str] = &["thấp hơn", "nhỏ hơn", "ít hơn", "dưới"];

/// Words that may sit between a target's name and its number without being part of the
/// name (comparators, predicates, fillers).
pub(crate) const PREDICATE_WORDS: &[&str] = &[
    "đạt", "từ", "trên", "dưới", "ít", "nhất", "tối", "thiểu", "đa", "không", "quá", "vượt", "hơn",
    "cao", "thấp", "lớn", "nhỏ", "nhiều", "là", "có", "ở", "mức", "khoảng", "bình", "quân", "duy",
    "trì", "giảm", "tăng", "chiếm", "còn", "xuống", "phấn", "đấu", "được", "bằng", "ước", "lên",
    "giữ", "vững", "ổn", "định",
];

/// Fillers stripped from the start of a name.
pub(crate) const LEADING_FILLERS: &[&str] = &[
    "phấn đấu",
    "duy trì",
    "giữ vững",
    "bình quân",
    "đạt được",
    "đạt",
    "ở mức",
    "khoảng",
    "là",
];

/// Action verbs: a figure right after one ("hoàn thành 100% …", "xử lý 100% vi phạm",
/// "kiểm tra 250 công trình", or after "cho" following one: "giải quyết việc làm cho 28.500
/// lượt") states what is to be done, at least (`at_least`, not a bare value).
pub(crate) const ACTION_VERBS: &[&str] = &[
    "hoàn thành",
    "xử lý",
    "giải quyết",
    "kiểm tra",
    "thanh tra",
    "dạy nghề",
    "đào tạo",
    "tập huấn",
    "bồi dưỡng",
    "tuyển sinh",
    "tuyển dụng",
    "hỗ trợ",
    "đưa",
    "tạo việc làm",
    "cấp",
    "tiếp nhận",
    "khám",
    "tiêm",
    "xóa",
    "sửa chữa",
    "chỉnh trang",
    "cải tạo",
    "nâng cấp",
    "vận động",
    "giới thiệu",
    // "Giải ngân 100% kế hoạch vốn đầu tư công được giao".
    "giải ngân",
    // "Phối hợp tổ chức 120 lớp dạy nghề": the verb (the noun "tổ chức" never stands right
    // before a figure).
    "tổ chức",
    // "đặt mục tiêu đón 9,5 triệu lượt khách": visitors to be received, at least.
    "đón",
];

/// Verbs of what is added to a stock ("Phát triển 3.000 hội viên mới", "Xây dựng 50 mô
/// hình", "bổ sung Quỹ … 5 tỷ đồng"): the figure is added in the period (a flow, at least).
pub(crate) const ADDING_VERBS: &[&str] = &[
    "phát triển mới",
    "phát triển",
    "xây dựng mới",
    "xây dựng",
    "xây mới",
    "bổ sung",
    "kết nạp mới",
    "kết nạp",
    "thành lập mới",
    "thành lập",
    "trồng",
    "trồng mới",
    // "Công nhận mới 15 trường đạt chuẩn quốc gia": newly recognised, added to the stock.
    "công nhận mới",
];

/// Verbs stripped from the start of a qualitative target's name.
pub(crate) const QUALITATIVE_LEADS: &[&str] = &["phấn đấu", "đảm bảo", "bảo đảm", "thực hiện tốt"];

/// Scale words.
pub(crate) const SCALES: &[&str] = &["nghìn", "ngàn", "vạn", "triệu", "tỷ"];

/// Counted nouns and measurement units recognised after a number (longest first).
pub(crate) const COUNT_NOUNS: &[&str] = &[
    "lượt khách",
    "lượt người",
    "lượt",
    "doanh nghiệp",
    "hợp tác xã",
    "sản phẩm",
    "tiêu chí",
    "giường bệnh",
    "giường",
    "bác sĩ",
    "bác sỹ",
    "dược sĩ",
    "dược sỹ",
    "đảng viên",
    "hội viên",
    "hội nghị",
    "hội thảo",
    "sự kiện",
    "tổ hợp tác",
    "kỹ thuật",
    "đội hình",
    "câu lạc bộ",
    "chi hội",
    "chi bộ",
    "hồ sơ",
    "khách hàng",
    "bệnh nhân",
    "cán bộ",
    "giáo viên",
    "công chức",
    "viên chức",
    "cựu chiến binh",
    "thanh niên",
    "tình nguyện viên",
    "doanh nhân",
    "hợp đồng",
    "ngày làm việc",
    "công đoàn cơ sở",
    "tuyến phố",
    "tuyến đường",
    "đoàn viên",
    "đơn vị cấp huyện",
    "đơn vị cấp xã",
    "thành phố",
    "thị xã",
    "tổ dân phố",
    "khu phố",
    "quận",
    "ấp",
    "nhân viên y tế",
    "xã",
    "phường",
    "thị trấn",
    "huyện",
    "thôn",
    "bản",
    "làng nghề",
    "làng",
    "hộ gia đình",
    "hộ kinh doanh",
    "hộ",
    "gia đình",
    "huy chương",
    "hiện vật",
    "chương trình",
    "phiên chợ",
    "di tích",
    "lễ hội",
    "tác phẩm",
    "giải thưởng",
    "thư viện",
    "nhà văn hóa",
    "trạm y tế",
    "phòng học",
    "lớp học",
    "điểm trường",
    "cụm công nghiệp",
    "khu công nghiệp",
    "văn bản",
    "thủ tục hành chính",
    "thủ tục",
    "phương tiện",
    "tàu cá",
    "trang trại",
    "tin bài",
    "người",
    "lao động",
    "học sinh",
    "sinh viên",
    "trường học",
    "trường",
    "công trình",
    "dự án",
    "cơ sở",
    "đơn vị",
    "chợ",
    "căn nhà",
    "căn hộ",
    "căn",
    "ngôi nhà",
    "nhà",
    "việc làm",
    "thương hiệu",
    "nhãn hiệu",
    "mô hình",
    "sáng kiến",
    "đề tài",
    "vụ",
    "ca",
    "bậc",
    "hạng",
    "thuê bao",
    "cơ quan",
    "km",
    "tấn",
    "con",
    "m2",
    "m3",
    "mw",
    "kwh",
    "lít",
    "điểm",
];

/// Administrative units, listed together after one number ("94 xã, phường, thị trấn",
/// "6 huyện/thị xã").
pub(crate) const ADMIN_UNITS: &[&str] = &[
    "xã",
    "phường",
    "thị trấn",
    "thị xã",
    "huyện",
    "quận",
    "thành phố",
    "tỉnh",
    "thôn",
    "làng",
    "bản",
    "ấp",
    "tổ dân phố",
    "khu phố",
];

/// Spelling variants of counted nouns, with the spelling used in units.
const NOUN_VARIANTS: &[(&str, &str)] = &[("bác sỹ", "bác sĩ"), ("dược sỹ", "dược sĩ")];

/// The spelling of a counted noun used in units ("bác sỹ" → "bác sĩ").
pub(crate) fn canonical_noun(noun: &str) -> &str {
    NOUN_VARIANTS
        .iter()
        .find(|(v, _)| *v == noun)
        .map_or(noun, |(_, c)| c)
}

/// Entries of [`COUNT_NOUNS`] whose figures may have decimals (measures, scores, ranks).
pub(crate) const DIVISIBLE_NOUNS: &[&str] = &[
    "km", "tấn", "m2", "m3", "mw", "kwh", "lít", "điểm", "bậc", "hạng",
];

/// Units that make a quantity an amount even without a scale word.
pub(crate) const MEASURE_UNITS: &[&str] = &["km", "tấn", "tạ", "m2", "m3", "mw", "kwh", "lít"];

/// Words that never start a counted noun after a number.
pub(crate) const NOT_NOUNS: &[&str] = &[
    "đạt", "trở", "lên", "xuống", "trên", "dưới", "so", "với", "và", "hoặc", "của", "trong", "là",
    "được", "có", "thì", "mà", "để", "theo", "tại", "từ", "đến", "tới", "cho", "năm", "tháng",
    "ngày", "giờ", "phút", "tuần", "quý", "mỗi", "hằng", "hàng", "bình", "trong", "kế", "dự",
    "trở", "so", "nhất", "ít", "tối",
];

/// Nouns of time: a number followed by one of these is not a target value.
pub(crate) const TIME_NOUNS: &[&str] =
    &["năm", "tháng", "ngày", "giờ", "phút", "tuần", "quý", "tuổi"];

/// A number right after the name of a kind of document is that document's number ("theo
/// Quyết định 45", "Nghị quyết 11"), never a figure.
pub(crate) const DOCUMENT_NAMES: &[&str] = &[
    "quyết định",
    "nghị định",
    "nghị quyết",
    "chỉ thị",
    "thông tư",
    "công văn",
    "văn bản",
    "thông báo",
    "tờ trình",
    "quy định",
    "kết luận",
];

/// Comparison words before "hơn": a number after "cao hơn", "thấp hơn"… is a difference from
/// another figure ("đạt 8%, cao hơn 1,2 điểm so với năm trước"), not a level to reach.
pub(crate) const COMPARED_BY: &[&str] = &["cao", "thấp", "nhiều", "ít", "lớn", "nhỏ"];

/// Prepositions that attach a number to the figure just before it ("300 tỷ đồng trên 3 lĩnh
/// vực", "95% tại 12 xã"): a scope of that figure, not a figure of its own.
pub(crate) const SCOPE_AFTER_FIGURE: &[&str] = &["trên", "tại", "ở", "thuộc", "trong"];

/// A number right after one of these is a date part, an ordinal, an address or a year.
/// Words that label an item with a number after them ("Chỉ tiêu 1:", "Mục tiêu 2:",
/// "Nhiệm vụ 3."): list markers, never figures.
pub(crate) const ITEM_LABELS: &[&str] = &[
    "chỉ tiêu",
    "mục tiêu",
    "nhiệm vụ",
    "nội dung",
    "giải pháp",
    "tiêu chí",
];

pub(crate) const NOT_VALUE_AFTER: &[&str] = &[
    // "cán bộ, công chức của 114 xã, phường": the scope a figure belongs to.
    "của",
    "ngày",
    "tháng",
    "quý",
    "lần",
    "thứ",
    "khóa",
    "điều",
    "khoản",
    "mục",
    "chương",
    "phần",
    "đợt",
    "tuần",
    "lúc",
    "số",
    "phường",
    "đường",
    "phòng",
    "tổ",
    "ấp",
    "khu",
    "kỳ",
    "giai",
    "đoạn",
    "lớp",
    "sáng",
    "chiều",
    "tối",
    "trưa",
    "hôm",
    "trang",
    // "bắn súng bài 1 (AK)": the number of an exercise.
    "bài",
];

/// Units that count as a share's population: "tỷ lệ <noun> … đạt tiêu chuẩn".
pub(crate) const SHARE_UNITS: &[&str] = &[
    "khu công nghiệp",
    "cụm công nghiệp",
    "cơ sở",
    "xã",
    "phường",
    "thị trấn",
    "cơ quan",
    "đơn vị",
    "doanh nghiệp",
    "hợp tác xã",
    "tổ chức",
    "chi bộ",
    "đảng bộ",
    "thôn",
    "bản",
    "làng",
    "tổ dân phố",
    "khu dân cư",
    "huyện",
    "bệnh viện",
    "trạm y tế",
    "chợ",
    "trường",
];

/// Verbs saying that a unit meets a standard (threshold share). "đạt chuẩn" (an
/// accreditation such as "đạt chuẩn quốc gia") is deliberately not one: such targets are read
/// as rates, as the seed data does.
pub(crate) const STANDARD_VERBS: &[&str] = &[
    "đạt tiêu chuẩn",
    "được xếp loại",
    "xếp loại",
    "được công nhận",
    "có",
    "hoàn thành",
];

/// Indicators where lower is better: a bare value is read as a ceiling (with a diagnostic).
pub(crate) const LOWER_IS_BETTER: &[&str] = &[
    "tăng dân số",
    "hộ nghèo",
    "cận nghèo",
    "tái nghèo",
    "thất nghiệp",
    "suy dinh dưỡng",
    "tử vong",
    "tỷ suất chết",
    "lạm phát",
    "chỉ số giá",
    "cpi",
    "nợ xấu",
    "nợ đọng",
    "sinh con thứ",
    "mất cân bằng giới tính",
    "tỷ số giới tính",
    "tai nạn",
    "bỏ học",
    "tội phạm",
    "ô nhiễm",
    "thất thoát",
    "tồn đọng",
    "trễ hạn",
    "quá hạn",
    "nhà tạm",
];

/// Words after which a lower-is-better phrase names who is helped or what is removed, not the
/// indicator: "xây dựng 650 căn nhà cho hộ nghèo", "hỗ trợ hộ nghèo", "xóa nhà tạm" count
/// something good (more is better).
/// ("bảo hiểm thất nghiệp" is an insurance: its participants are more is better).
pub(crate) const LOWER_NOT_AFTER: &[&str] = &["cho", "trợ", "giúp", "tặng", "xóa", "xoá", "hiểm"];

/// Indicators whose range is a band (above the upper bound is not met).
pub(crate) const BAND: &[&str] = &[
    "lạm phát",
    "chỉ số giá",
    "cpi",
    "tăng dân số",
    "tỷ số giới tính",
    "mất cân bằng giới tính",
];

/// Words in a name that mark a growth rate.
pub(crate) const GROWTH: &[&str] = &["tăng trưởng", "tốc độ tăng", "tốc độ phát triển"];

/// Words in a target that mark a flow (accumulates over the year).
pub(crate) const FLOW: &[&str] = &[
    "thu ngân sách",
    "thu nội địa",
    "chi ngân sách",
    "xuất khẩu",
    "nhập khẩu",
    "kim ngạch",
    "khách",
    "lượt",
    "thành lập",
    "thêm",
    "mới",
    "tăng trong năm",
    "trồng",
    "thu hút",
    "vốn",
    "giải ngân",
    "doanh thu",
    "sản lượng",
    "giá trị sản xuất",
    "tổng mức bán lẻ",
    "việc làm",
    "đón",
    "grdp",
    "tổng sản phẩm",
    "thu",
];

/// Words before a [`FLOW`] entry that make it a level: "nuôi trồng thủy sản" (fish farming,
/// an area or an output that stands), "gieo trồng" (a sown area).
pub(crate) const FLOW_NOT_AFTER: &[&str] = &["nuôi", "gieo"];

/// Where a target is stated only by reference.
pub(crate) const REFERENCES: &[&str] = &[
    "dự toán",
    "kế hoạch được giao",
    "kế hoạch giao",
    "chỉ tiêu được giao",
    "chỉ tiêu giao",
    "nghị quyết",
    "cùng kỳ",
    "năm học trước",
    "năm trước",
    "kỳ trước",
    "năm",
];

/// Composite-decrease components with stable ids.
pub(crate) const COMPONENT_IDS: &[(&str, &str)] = &[
    ("số vụ", "cases"),
    ("vụ", "cases"),
    ("số người chết", "deaths"),
    ("người chết", "deaths"),
    ("số người bị thương", "injuries"),
    ("người bị thương", "injuries"),
    ("bị thương", "injuries"),
];

/// Document kinds as written before "số", with their [`crate::DocumentKind`].
pub(crate) const DOC_KINDS: &[(&str, crate::DocumentKind)] = &[
    ("chỉ thị", crate::DocumentKind::Directive),
    ("kế hoạch", crate::DocumentKind::Plan),
    ("chương trình", crate::DocumentKind::Programme),
    ("công văn", crate::DocumentKind::OfficialLetter),
    ("văn bản", crate::DocumentKind::OfficialLetter),
    ("nghị quyết", crate::DocumentKind::Resolution),
    ("quyết định", crate::DocumentKind::Decision),
];

/// Kinds of documents cited as legal basis (as written, capitalised).
pub(crate) const BASIS_KINDS: &[(&str, &str)] = &[
    ("nghị quyết", "Nghị quyết"),
    ("chỉ thị", "Chỉ thị"),
    ("kế hoạch", "Kế hoạch"),
    ("quyết định", "Quyết định"),
    ("nghị định", "Nghị định"),
    ("thông tư", "Thông tư"),
    ("kết luận", "Kết luận"),
    ("chương trình", "Chương trình"),
    ("luật", "Luật"),
    ("hướng dẫn", "Hướng dẫn"),
    ("thông báo", "Thông báo"),
    ("công văn", "Công văn"),
];

/// Whether `hay` (lowercase) contains any entry of `list` as whole words.
pub(crate) fn contains_any(hay: &str, list: &[&str]) -> bool {
    list.iter().any(|w| contains_word(hay, w))
}

/// A word list compiled once into one automaton, so that a text is scanned once for all
/// entries instead of once per entry ([`contains_any`] builds a searcher per entry per call).
pub(crate) struct WordSet {
    list: &'static [&'static str],
    automaton: OnceLock<AhoCorasick>,
}

impl WordSet {
    /// The set of `list`; its automaton is built at first use.
    pub(crate) const fn new(list: &'static [&'static str]) -> WordSet {
        WordSet {
            list,
            automaton: OnceLock::new(),
        }
    }

    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| {
            // Standard semantics report every occurrence of every entry (overlapping), so
            // that the word-boundary test sees what the per-entry search saw.
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(self.list)
                .expect("a small static word list always compiles")
        })
    }

    /// Whether `hay` (lowercase) contains any entry as whole words; the same answer as
    /// [`contains_any`] on the same list.
    pub(crate) fn any_in(&self, hay: &str) -> bool {
        self.automaton()
            .find_overlapping_iter(hay)
            .any(|m| word_bounded(hay, m.start(), m.end()))
    }

    /// Whether `hay` (lowercase) contains any entry as whole words that is not right after
    /// one of the words `not_after` ("nuôi trồng", "gieo trồng" are not "trồng").
    pub(crate) fn any_in_not_after(&self, hay: &str, not_after: &[&str]) -> bool {
        self.automaton()
            .find_overlapping_iter(hay)
            .filter(|m| word_bounded(hay, m.start(), m.end()))
            .any(|m| {
                let before = hay[..m.start()].trim_end();
                let word = before
                    .rsplit(|c: char| !super::scan::is_alnum(c))
                    .next()
                    .unwrap_or("");
                !not_after.contains(&word)
            })
    }

    /// The first entry of the list (in list order) that `hay` contains as whole words; the
    /// same answer as `list.iter().find(|w| contains_word(hay, w))`.
    pub(crate) fn first_in(&self, hay: &str) -> Option<&'static str> {
        self.automaton()
            .find_overlapping_iter(hay)
            .filter(|m| word_bounded(hay, m.start(), m.end()))
            .map(|m| m.pattern().as_usize())
            .min()
            .map(|k| self.list[k])
    }
}

/// Automata of the lists matched against whole passages.
pub(crate) static CLUTTER_SET: WordSet = WordSet::new(CLUTTER);
pub(crate) static INDICATORS_SET: WordSet = WordSet::new(INDICATORS);
pub(crate) static CLOSING_HEADINGS_SET: WordSet = WordSet::new(CLOSING_HEADINGS);
pub(crate) static FLOW_SET: WordSet = WordSet::new(FLOW);
pub(crate) static LOWER_IS_BETTER_SET: WordSet = WordSet::new(LOWER_IS_BETTER);
pub(crate) static GROWTH_SET: WordSet = WordSet::new(GROWTH);
pub(crate) static BAND_SET: WordSet = WordSet::new(BAND);
pub(crate) static COUNT_NOUNS_SET: WordSet = WordSet::new(COUNT_NOUNS);

/// Whether `hay[s..e]` has word boundaries on both sides.
fn word_bounded(hay: &str, s: usize, e: usize) -> bool {
    let before_ok = hay[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !super::scan::is_alnum(c));
    let after_ok = hay[e..]
        .chars()
        .next()
        .is_none_or(|c| !super::scan::is_alnum(c));
    before_ok && after_ok
}

/// Whether `hay` contains `w` with word boundaries on both sides.
pub(crate) fn contains_word(hay: &str, w: &str) -> bool {
    let mut from = 0;
    // `memchr::memmem` (SIMD, no searcher to build per call) finds the same first match as
    // `str::find` for a non-empty needle; an empty one keeps `str::find`.
    let find = |h: &str| {
        if w.is_empty() {
            h.find(w)
        } else {
            memchr::memmem::find(h.as_bytes(), w.as_bytes())
        }
    };
    while let Some(p) = hay.get(from..).and_then(find) {
        let s = from + p;
        if word_bounded(hay, s, s + w.len()) {
            return true;
        }
        from = s + w.chars().next().map(|c| c.len_utf8()).unwrap_or(1);
    }
    false
}

/// Words of a passage about targets: a heading or lead with one of them opens it.
pub(crate) const TRIGGERS: &[&str] = &[
    "chỉ tiêu",
    "mục tiêu",
    "phấn đấu",
    "kế hoạch",
    "cam kết",
    "định hướng",
];

/// Words of a result, not a target (checked outside "so với …" phrases; "đã" separately).
pub(crate) const STRONG_RESULTS: &[&str] = &[
    "kết quả",
    "ước thực hiện",
    "ước tính",
    "nhiệm kỳ qua",
    "năm qua",
    "vừa qua",
    "thực hiện được",
];

/// Estimates of what was done ("GRDP ước tăng 7,2%"): results when they are in prose.
pub(crate) const ESTIMATES: &[&str] = &["ước đạt", "ước tăng", "ước giảm", "ước cả năm"];

/// Openings of the heading of a status-quo section, which states no targets ("I. THỰC
/// TRẠNG", "1. Kết quả thực hiện năm 2025", "Đánh giá tình hình …").
pub(crate) const STATUS_QUO: &[&str] = &[
    "thực trạng",
    "đánh giá tình hình",
    "đánh giá kết quả",
    "kết quả thực hiện",
    "kết quả đạt được",
    "tình hình thực hiện",
];

/// Headings of the sections of a plan or letter that are not about targets.
pub(crate) const CLOSING_HEADINGS: &[&str] = &[
    "khen thưởng",
    "mục đích",
    "bối cảnh",
    "đăng ký danh hiệu",
    "danh hiệu thi đua",
    "tổ chức thực hiện",
    "kinh phí",
    "chế độ báo cáo",
    "chế độ thông tin",
    "phân công",
    "trách nhiệm",
    "hiệu lực thi hành",
    "thang điểm",
    // A news page's sidebar or footer of links ("TIN MỚI NHẤT", "Tin liên quan").
    "tin mới nhất",
    "tin liên quan",
    "tin khác",
    "tin cùng chuyên mục",
    "bài viết liên quan",
    "xem thêm",
];

/// Page furniture: view counters, addresses, licences.
pub(crate) const CLUTTER: &[&str] = &[
    "lượt xem",
    "lượt đọc",
    "lượt truy cập",
    "truy cập",
    "hôm nay",
    "hôm qua",
    "điện thoại",
    "đường dây nóng",
    "hotline",
    "email",
    "giấy phép",
    "địa chỉ",
    "fax",
    "bản quyền",
    // The vote under each article of a resolution ("Tỷ lệ biểu quyết tán thành: 98,76% …").
    "biểu quyết tán thành",
    "tỷ lệ biểu quyết",
    "số phiếu tán thành",
    // A news report of the vote: "100% đại biểu có mặt biểu quyết thông qua nghị quyết".
    "biểu quyết thông qua",
    "đại biểu có mặt",
];

/// Words of an indicator: a sentence with one and a figure is target-like.
pub(crate) const INDICATORS: &[&str] = &[
    "tỷ lệ",
    "tốc độ",
    "tăng trưởng",
    "bình quân",
    "thu ngân sách",
    "kim ngạch",
    "sản lượng",
    "giá trị sản xuất",
    "grdp",
    "gdp",
];
