//! Figures: which number tokens can be target values (and which are dates, codes, years,
//! ordinals, phone numbers…), parenthesis depth and population bases — all computed once per
//! text — and the value group read at a figure ("3-4%/năm", "1,5 triệu lượt khách", "từ 80
//! triệu đồng đến 81 triệu đồng", "19.000-20.000USD", "12 huyện, thị xã, thành phố").

use rust_decimal::Decimal;

use super::lexicon::*;
use super::scan::{Kind, Toks};
use crate::model::Comparator;
use crate::number::parse_vn;
use crate::quantity::{Currency, Scale, Unit};

/// What a number token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A possible target value.
    Value,
    /// A number before a time noun ("5 năm", "74,5 tuổi"): a value only when its clause has
    /// no other figure ("Tuổi thọ trung bình khoảng 74,5 tuổi").
    Weak,
    /// Part of a date, a code, a phone number, a year, an ordinal, a population base…
    Skip,
    /// Looks like a value but is not a valid Vietnamese number ("3.5").
    Bad,
    /// A number that compares with or scopes the figure before it ("cao hơn 1,2 điểm", "300
    /// tỷ đồng trên 3 lĩnh vực"): a value only when its clause has no other figure; when
    /// unread it is reported as `not_a_target` (info).
    Relative,
}

/// Per-token facts about the whole text, computed once (linear).
pub(crate) struct Figures {
    /// The role of every token (`Skip` for non-numbers).
    pub roles: Vec<Role>,
    /// Parenthesis depth of every token (reset at each line break).
    pub depth: Vec<u8>,
    /// Population bases ("trên một vạn dân", "/1 vạn dân", "bình quân đầu người"): token
    /// range and the base, in text order.
    pub bases: Vec<(usize, usize, Decimal)>,
    /// For each token, the index into `bases` of the base it belongs to.
    base_of: Vec<Option<u32>>,
    /// The text writes English-style decimals ("9.5%", "0.35"): a comma followed by three
    /// digits ("18,650 tỷ đồng", "2,100 lao động") then groups thousands, as its author meant.
    pub english: bool,
    /// In a scoring guide ("hướng dẫn chấm điểm", "thang điểm"): the numbers of points ("10
    /// điểm", "trừ 1 điểm", "từ 90 điểm trở lên"), in text order. They are never values.
    pub points: Vec<usize>,
    /// The text writes a percentage with three digits after the comma ("2,125%", where only
    /// a decimal can stand): then "2,100 lao động" is not read as 2100 ([`count_thousands`]).
    pub comma_decimals: bool,
}

impl Figures {
    /// Computes the roles, depths and population bases of every token.
    pub fn new(tk: &Toks) -> Figures {
        let len = tk.t.len();
        let bases = population_bases(tk, 0, len);
        let mut base_of = vec![None; len];
        for (k, (s, e, _)) in bases.iter().enumerate() {
            for slot in base_of.iter_mut().take(*e).skip(*s) {
                *slot = Some(k as u32);
            }
        }
        let mut english = false;
        let mut roles: Vec<Role> = (0..len)
            .map(|i| {
                let r = role(tk, i);
                if r == Role::Value && !english {
                    let w = tk.w(i);
                    english = english_decimal(w).is_some() && parse_vn(w).is_err();
                }
                r
            })
            .collect();
        let comma_decimals = (0..len).any(|i| {
            roles[i] == Role::Value
                && english_thousands(tk.w(i)).is_some()
                && tk.is_punct(i + 1, '%')
        });
        for (r, b) in roles.iter_mut().zip(&base_of) {
            if b.is_some() {
                *r = Role::Skip;
            }
        }
        let points = scoring_points(tk);
        for &k in &points {
            roles[k] = Role::Skip;
        }
        let quoted = short_quotes(tk);
        let mut depth = Vec::with_capacity(len);
        let mut d = 0u8;
        // Per open bracket: whether it is transparent (a target given in brackets).
        let mut open: Vec<bool> = Vec::new();
        for (i, t) in tk.t.iter().enumerate() {
            if t.newline_before {
                d = 0;
                open.clear();
            }
            if tk.is_punct(i, '(') || tk.is_punct(i, '[') {
                depth.push(d);
                let lead = tk.any_phrase(i + 1, PAREN_LEADS, len).is_some();
                open.push(lead);
                if !lead {
                    d = d.saturating_add(1);
                }
            } else if tk.is_punct(i, ')') || tk.is_punct(i, ']') {
                if !open.pop().unwrap_or(false) {
                    d = d.saturating_sub(1);
                }
                depth.push(d);
            } else {
                depth.push(d);
            }
        }
        for (x, q) in depth.iter_mut().zip(&quoted) {
            *x = x.saturating_add(u8::from(*q));
        }
        Figures {
            roles,
            depth,
            bases,
            base_of,
            english,
            points,
            comma_decimals,
        }
    }

    /// Where the reading of an item in a scoring guide ends: before the ":" that gives the
    /// points of its criterion ("… đạt từ 100% dự toán trở lên: 10 điểm; đạt dưới … trừ 1
    /// điểm …"); what follows are the points, lower tiers and deductions. `b` otherwise.
    pub fn criterion_end(&self, tk: &Toks, a: usize, b: usize) -> usize {
        let from = self.points.partition_point(|&k| k < a);
        match self.points.get(from) {
            Some(&k) if k < b && k > a && tk.is_punct(k - 1, ':') => k - 1,
            _ => b,
        }
    }

    /// The role of token `i`.
    pub fn role(&self, i: usize) -> Role {
        self.roles.get(i).copied().unwrap_or(Role::Skip)
    }

    /// Paren depth of token `i`.
    pub fn depth(&self, i: usize) -> u8 {
        self.depth.get(i).copied().unwrap_or(0)
    }

    /// Whether token `i` is a value outside parentheses.
    pub fn is_value(&self, i: usize) -> bool {
        self.role(i) == Role::Value && self.depth(i) == 0
    }

    /// Whether tokens `a..b` hold a value outside parentheses.
    pub fn has_value(&self, a: usize, b: usize) -> bool {
        (a..b.min(self.roles.len())).any(|k| self.is_value(k))
    }

    /// The population base that starts at token `i`, if any.
    pub fn base_at(&self, i: usize) -> Option<(usize, usize, Decimal)> {
        let k = (*self.base_of.get(i)?)? as usize;
        let b = self.bases[k];
        (b.0 == i).then_some(b)
    }

    /// The first population base inside `a..b`.
    pub fn base_in(&self, a: usize, b: usize) -> Option<(usize, usize, Decimal)> {
        let k = self.bases.partition_point(|x| x.0 < a);
        self.bases.get(k).copied().filter(|x| x.1 <= b)
    }
}

/// Tokens inside a short quotation on one line — the name of a movement, a model or a title:
/// "Chi hội nông dân 5 không, 3 sạch", "Mỗi năm 1 triệu cây xanh". Their figures belong to the
/// name (read like figures in brackets, as asides). A long quotation (a speaker's words) is
/// not marked: a report's quote that restates a target is handled where items are compared.
fn short_quotes(tk: &Toks) -> Vec<bool> {
    const LONGEST: usize = 12;
    let len = tk.t.len();
    let mut out = vec![false; len];
    let is_quote = |i: usize| tk.is_punct(i, '"') || tk.is_punct(i, '“') || tk.is_punct(i, '”');
    let mut i = 0;
    while i < len {
        if !is_quote(i) {
            i += 1;
            continue;
        }
        let close = (i + 1..len.min(i + 2 + LONGEST))
            .take_while(|&k| !tk.t[k].newline_before)
            .find(|&k| is_quote(k));
        match close {
            Some(c) => {
                let words = (i + 1..c)
                    .filter(|&k| tk.kind(k) == Some(Kind::Word))
                    .count();
                if (1..=LONGEST).contains(&words) {
                    for q in &mut out[i + 1..c] {
                        *q = true;
                    }
                }
                i = c + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Words opening a bracket that gives the target of the words before it: "Vận động Quỹ …
/// (chỉ tiêu: tối thiểu 45 tỷ đồng)", "hiến đất làm đường (khoảng 35 ha)". Its figures are
/// read like figures outside brackets; other brackets are asides ("(lũy kế đến nay 41 xã)",
/// "(năm 2026: 2.480 căn)").
pub(crate) const PAREN_LEADS: &[&str] = &[
    "chỉ tiêu",
    "mục tiêu",
    "khoảng",
    "tối thiểu",
    "ít nhất",
    "phấn đấu",
];

/// Units that may be glued to their number ("3.000ha", "20.000USD", "1.031.200con").
fn glued_unit(w: &str) -> bool {
    MEASURE_UNITS.contains(&w)
        || SCALES.contains(&w)
        || matches!(w, "ha" | "usd" | "vnd" | "vnđ" | "con" | "tạ" | "kg" | "tỉ")
}

fn is_year(tk: &Toks, k: usize) -> bool {
    let r = tk.w(k);
    tk.is_num(k)
        && r.len() == 4
        && r.bytes().all(|b| b.is_ascii_digit())
        && ("1900"..="2100").contains(&r)
}

/// Classifies number token `i` from its neighbours.
fn role(tk: &Toks, i: usize) -> Role {
    if !tk.is_num(i) {
        return Role::Skip;
    }
    if fraction_of_noun(tk, i) {
        return Role::Value;
    }
    // Also "👍 14  ❤️ 3": the counters of reactions under a post or a chat message.
    if part_of_code_or_date(tk, i) || dash_date(tk, i) || after_pictograph(tk, i) {
        return Role::Skip;
    }
    let raw = tk.w(i);
    // A footnote marker glued after a sign: "chiếm trên 60%2" ("%0" is per mille).
    if i > 0 && tk.is_punct(i - 1, '%') && tk.glued(i) && raw.len() == 1 && raw != "0" {
        return Role::Skip;
    }
    // Phone numbers and other digit groups separated by spaces: "0291 2210 677".
    let same_line_num = |k: usize| tk.is_num(k) && !tk.t[k].newline_before;
    if same_line_num(i + 1) || (i > 0 && tk.is_num(i - 1) && !tk.t[i].newline_before) {
        return Role::Skip;
    }
    // A page number of a printed copy: a line "- 2 -".
    let line_end_at = |k: usize| tk.t.get(k).is_none_or(|t| t.newline_before);
    if i > 0
        && tk.is_punct(i - 1, '-')
        && (i == 1 || tk.t[i - 1].newline_before)
        && tk.is_punct(i + 1, '-')
        && line_end_at(i + 2)
    {
        return Role::Skip;
    }
    // A section number at a line start: "1.1 - Chỉ tiêu mục tiêu", "2.3. Về …".
    let line_start = i == 0 || tk.t[i].newline_before;
    let section = raw.split('.').count() == 2 && raw.split('.').all(|p| (1..=2).contains(&p.len()));
    if line_start && section && (tk.is_punct(i + 1, '-') || tk.is_punct(i + 1, '.')) {
        return Role::Skip;
    }
    let digits_only = raw.bytes().all(|b| b.is_ascii_digit());
    if digits_only && raw.len() >= 4 && raw.starts_with('0') {
        return Role::Skip;
    }
    if phone_number(raw) || item_label_number(tk, i) {
        return Role::Skip;
    }
    let prev_word = if i > 0 { tk.w(i - 1) } else { "" };
    // "số 5" is a number, but "dân số 42%" is a population.
    let dan_so = prev_word == "số" && i >= 2 && tk.w(i - 2) == "dân";
    // "trang 3" is a page, but "chỉnh trang 04 tuyến phố" is a verb (to embellish).
    let chinh_trang = prev_word == "trang" && i >= 2 && tk.w(i - 2) == "chỉnh";
    // "tháng 10" is October, but in "6 tháng 10 dự án" (six months: 10 projects) the months
    // are a span and the figure counts a noun — not in a date ("ngày 20 tháng 10", "tháng 10
    // năm 2027").
    let month_span = prev_word == "tháng"
        && i >= 2
        && tk.is_num(i - 2)
        && !(i >= 3 && tk.w(i - 3) == "ngày")
        && tk.w(i + 1) != "năm"
        && tk.kind(i + 1) == Some(Kind::Word);
    let not_after = NOT_VALUE_AFTER.contains(&prev_word) && !dan_so && !chinh_trang && !month_span;
    if not_after || built_capacity(tk, i, prev_word) || road_number(tk, i) {
        return Role::Skip;
    }
    if i >= 2
        && DOCUMENT_NAMES
            .iter()
            .any(|p| tk.phrase(i - 2, p, i) == Some(i))
    {
        return Role::Skip;
    }
    // "trên 1 ha đất trồng trọt": an area base, not a value.
    if matches!(prev_word, "trên" | "cho" | "mỗi" | "/")
        && raw == "1"
        && matches!(tk.w(i + 1), "ha" | "hécta" | "hecta")
    {
        return Role::Skip;
    }
    if i > 0 && tk.is_punct(i - 1, '(') && digits_only && raw.len() == 4 {
        // "(2021 – 2025)" and other parenthesised years.
        return Role::Skip;
    }
    if is_year(tk, i) && year_not_figure(tk, i, prev_word) {
        return Role::Skip;
    }
    if code_chain(tk, i) || dash_chain(tk, i) {
        return Role::Skip;
    }
    let next = tk.w(i + 1);
    if matches!(next, "năm" | "tuổi") {
        return Role::Weak;
    }
    // "trẻ từ 3 đến 5 tuổi": the low end of an age or time range is part of the name too.
    if matches!(next, "đến" | "tới" | "-")
        && tk.is_num(i + 2)
        && matches!(tk.w(i + 3), "năm" | "tuổi")
    {
        return Role::Weak;
    }
    // "đạt chuẩn phổ cập giáo dục tiểu học mức độ 3": a grade of a standard, not a figure.
    if i >= 2 && matches!(tk.w(i - 2), "mức" | "cấp") && prev_word == "độ" {
        return Role::Skip;
    }
    // "sản phẩm OCOP đạt 3 sao trở lên", "khách sạn 4 sao": a star rating is a grade; so is
    // the rating of equipment ("lưới điện 110 kV", "trạm biến áp 2x63 MVA").
    if matches!(next, "sao" | "kv" | "mva" | "kva") {
        return Role::Skip;
    }
    if let Some(r) = time_role(tk, i, prev_word, next) {
        return r;
    }
    if counted_or_listed(tk, i, line_start) {
        return Role::Skip;
    }
    if parse_vn(raw).is_err() && english_decimal(raw).is_none() {
        return Role::Bad;
    }
    if relative(tk, i, prev_word) || qualifier_size(tk, i, prev_word) {
        return Role::Relative;
    }
    Role::Value
}

/// Whether the number at `i` comes right after a pictograph (an emoji, spaces between
/// allowed) and ends its line or comes before another one: a reaction or view counter ("👍 14
/// ❤️ 3"), never a figure. A pictograph bullet before a target ("✅ 04/06 thôn …") is not.
fn after_pictograph(tk: &Toks, i: usize) -> bool {
    let pictograph = |c: char| matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF);
    let before = tk.n.text[..tk.t[i].start].trim_end_matches(' ');
    let mut chars = before.chars().rev();
    let mut c = chars.next();
    if c == Some('\u{FE0F}') {
        c = chars.next();
    }
    if !c.is_some_and(pictograph) {
        return false;
    }
    match tk.t.get(i + 1) {
        None => true,
        Some(next) => {
            next.newline_before
                || tk.n.slice(tk.t[i].end, next.start).chars().any(pictograph)
                || tk.raw(i + 1).chars().next().is_some_and(pictograph)
        }
    }
}

/// A number before a noun of time: "thời gian giải quyết hồ sơ … tối đa 5 ngày làm việc", a
/// duration under an upper bound in a clause about a time, is a value; other days and hours
/// are dates and spans ("trong vòng 48 giờ").
fn time_role(tk: &Toks, i: usize, prev_word: &str, next: &str) -> Option<Role> {
    if matches!(next, "ngày" | "giờ" | "phút") && bounded_duration(tk, i, prev_word) {
        return Some(Role::Value);
    }
    TIME_NOUNS.contains(&next).then_some(Role::Skip)
}

/// Whether the number at `i` follows an upper bound ("tối đa", "không quá", "dưới") and a
/// "thời gian" (or "số" and the same time noun: "Số ngày điều trị …") earlier on its line
/// (within 16 tokens): "thời gian giải quyết … tối đa 5 ngày".
fn bounded_duration(tk: &Toks, i: usize, prev_word: &str) -> bool {
    let bound = (i >= 2 && prev_word == "đa" && tk.w(i - 2) == "tối")
        || (i >= 2 && prev_word == "quá" && tk.w(i - 2) == "không")
        || prev_word == "dưới"
        // "thời gian lưu trú bình quân của khách đạt 2,3 ngày": a level of a time.
        || prev_word == "đạt";
    if !bound {
        return false;
    }
    let mut k = i;
    while k > 0 && i - k < 16 && !tk.t[k].newline_before {
        k -= 1;
        // "Số ngày điều trị nội trú trung bình không quá 6,5 ngày": the indicator counts
        // the same time noun.
        let counted = tk.w(k) == "số" && tk.w(k + 1) == tk.w(i + 1);
        if (tk.w(k) == "thời" && tk.w(k + 1) == "gian") || counted {
            return true;
        }
    }
    false
}

/// The numbers of points of a scoring guide: a text that speaks of "chấm điểm" or "thang
/// điểm" (a scale of points), each number followed by "điểm" that is not "điểm %" / "điểm
/// phần trăm" (percentage points of an indicator). Empty for any other text, where "đạt 68
/// điểm" of an index stays a value.
fn scoring_points(tk: &Toks) -> Vec<usize> {
    let len = tk.t.len();
    let scoring = (1..len).any(|i| tk.w(i) == "điểm" && matches!(tk.w(i - 1), "chấm" | "thang"));
    if !scoring {
        return Vec::new();
    }
    (0..len.saturating_sub(1))
        .filter(|&i| {
            tk.is_num(i)
                && tk.w(i + 1) == "điểm"
                && !tk.is_punct(i + 2, '%')
                && tk.phrase(i + 2, "phần trăm", len).is_none()
        })
        .collect()
}

/// A number that opens a code of numbers glued by '-', ':' or '/' and ending in letters or
/// holding a ':' — the number of a standard or a regulation ("QCVN 01-1:2018/BYT",
/// "TCVN 5687-2010/BXD"); a range "5-10%" or a fraction "3/5" has neither.
fn code_chain(tk: &Toks, i: usize) -> bool {
    let mut k = i + 1;
    let mut colon = false;
    // At most a few parts: "01-1:2018/BYT" is seven tokens.
    while k < i + 8 && tk.glued(k) && tk.kind(k) == Some(Kind::Punct) {
        let sep = tk.w(k);
        if !matches!(sep, "-" | ":" | "/") || !tk.glued(k + 1) {
            return false;
        }
        colon |= sep == ":";
        match tk.kind(k + 1) {
            Some(Kind::Num) => k += 2,
            Some(Kind::Word) => {
                return k > i + 1
                    && !matches!(tk.w(k + 1), "năm" | "người" | "dân" | "ha" | "tháng");
            }
            _ => return false,
        }
    }
    colon && k > i + 3
}

/// "Mục tiêu 95 - 95 - 95", "chiến lược 90-90-90": three or more numbers joined by dashes name a
/// goal or a code; a range has two ends.
fn dash_chain(tk: &Toks, i: usize) -> bool {
    let dash = |k: usize| tk.kind(k) == Some(Kind::Punct) && tk.w(k) == "-";
    let mut first = i;
    while first >= 2 && dash(first - 1) && tk.kind(first - 2) == Some(Kind::Num) {
        first -= 2;
    }
    let mut last = i;
    while dash(last + 1) && tk.kind(last + 2) == Some(Kind::Num) {
        last += 2;
    }
    (last - first) / 2 + 1 >= 3
}

/// "có từ 25 lao động trở lên", "có trên 50 giường": a size that qualifies a noun named
/// earlier in a clause that has already stated a figure ("Thành lập 150 công đoàn cơ sở tại
/// doanh nghiệp có từ 25 lao động trở lên"), not a figure of its own.
fn qualifier_size(tk: &Toks, i: usize, prev_word: &str) -> bool {
    let has = if prev_word == "có" {
        i.checked_sub(1)
    } else if matches!(prev_word, "từ" | "trên" | "dưới") && i >= 2 && tk.w(i - 2) == "có" {
        i.checked_sub(2)
    } else {
        None
    };
    let Some(co) = has else { return false };
    if co == 0 || tk.t[co].newline_before || tk.kind(co - 1) != Some(Kind::Word) {
        return false;
    }
    // A size is a count of things ("25 lao động"), never a share ("có từ 65% trở lên"), and
    // "trong đó có …" opens a sub-target, not a qualifier.
    if tk.is_punct(i + 1, '%') || (co >= 2 && tk.w(co - 1) == "đó" && tk.w(co - 2) == "trong") {
        return false;
    }
    // A figure earlier in the same clause (bounded look-back).
    let floor = co.saturating_sub(30);
    let mut k = co;
    while k > floor {
        k -= 1;
        if tk.is_punct(k, ';') || tk.is_punct(k, '.') || tk.is_punct(k, ':') {
            return false;
        }
        if tk.is_num(k) {
            return true;
        }
        if tk.t[k].newline_before {
            return false;
        }
    }
    false
}

/// "đầu tư nhà máy xử lý nước thải công suất 20.000 m³/ngày đêm", "tuyến đường … dài 28,6
/// km": the size of what is built, right after its name — no figure (not "tổng công suất
/// 1.200 MW", "nâng công suất lên …", "chiều dài").
fn built_capacity(tk: &Toks, i: usize, prev_word: &str) -> bool {
    let capacity = prev_word == "suất"
        && i >= 3
        && tk.w(i - 2) == "công"
        && tk.kind(i - 3) == Some(Kind::Word)
        && !matches!(tk.w(i - 3), "tổng" | "nâng" | "tăng" | "đạt" | "có")
        && !tk.t[i - 2].newline_before;
    // "tuyến đường kết nối Khu kinh tế … dài 28,6 km": the length of what is built, right
    // after its name (not "chiều dài", "dài thêm").
    let length = prev_word == "dài"
        && i >= 2
        && tk.kind(i - 2) == Some(Kind::Word)
        && !matches!(tk.w(i - 2), "chiều" | "độ" | "tổng" | "kéo" | "đạt" | "là")
        && !tk.t[i - 1].newline_before;
    capacity || length
}

/// "trên các tuyến Quốc lộ 6, 4G, 37 và 279", "Tỉnh lộ 12": the numbers of roads (a list
/// after "quốc lộ", "tỉnh lộ", "đường tỉnh", "QL", "ĐT"), no figures.
fn road_number(tk: &Toks, i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 16 {
        k -= 1;
        let w = tk.w(k);
        if matches!(w, "ql" | "đt" | "tl")
            || (w == "lộ" && k > 0 && matches!(tk.w(k - 1), "quốc" | "tỉnh" | "huyện"))
            || (w == "tỉnh" && k > 0 && tk.w(k - 1) == "đường")
        {
            return true;
        }
        let listed = tk.is_num(k) || tk.is_punct(k, ',') || w == "và" || tk.glued(k + 1);
        if !listed || tk.t[k + 1].newline_before {
            return false;
        }
    }
    false
}

/// Whether year-like number `i` is a year, not a figure: after "năm", "đến", "so sánh"…, in
/// a range of years, with nothing after it, or inside a name.
fn year_not_figure(tk: &Toks, i: usize, prev_word: &str) -> bool {
    if matches!(prev_word, "năm" | "niên" | "đến" | "từ" | "và" | "sánh") {
        return true;
    }
    if tk.is_punct(i + 1, '-') && is_year(tk, i + 2) {
        return true;
    }
    if i >= 2 && tk.is_punct(i - 1, '-') && is_year(tk, i - 2) {
        return true;
    }
    // The year of an event or a name in capitals: "APEC 2027", "SEA Games 2027", "Festival
    // Huế 2026" (a word with a capital right before it).
    if i >= 1 && tk.kind(i - 1) == Some(Kind::Word) && tk.raw(i - 1).starts_with(char::is_uppercase)
    {
        return true;
    }
    // A year with nothing after it: "… 2017, thành phố".
    let line_end = tk.t.get(i + 1).is_none_or(|t| t.newline_before);
    if line_end || (tk.kind(i + 1) != Some(Kind::Word) && !tk.is_punct(i + 1, '%')) {
        return true;
    }
    // The year of a name: "Chương trình giáo dục phổ thông 2018 ở các lớp", "Chiến lược
    // 2030 và …": a word before it and a word after it that cannot be a counted noun.
    let next = tk.w(i + 1);
    if tk.kind(i.wrapping_sub(1)) == Some(Kind::Word)
        && (NOT_NOUNS.contains(&next) || matches!(next, "ở" | "về" | "đối" | "nhằm"))
    {
        return true;
    }
    false
}

/// Numbers that are not figures by what is around them (phone numbers are [`phone_number`]):
/// a count of targets, content points or tasks, the row number of a separated row.
fn counted_or_listed(tk: &Toks, i: usize, line_start: bool) -> bool {
    let raw = tk.w(i);
    let digits_only = raw.bytes().all(|b| b.is_ascii_digit());
    // A count of targets, content points or tasks: "15 chỉ tiêu", "06 nội dung", "11 nhóm
    // nhiệm vụ, giải pháp".
    let counted = |w: &str| tk.phrase(i + 1, w, usize::MAX).is_some();
    let noun = matches!(
        tk.w(i + 1),
        "chỉ" | "nội" | "mục" | "nhiệm" | "nhóm" | "giải"
    );
    // "với 22 nghị quyết được thông qua": the documents a session passed.
    if tk.phrase(i + 1, "nghị quyết", usize::MAX).is_some_and(|e| {
        tk.phrase(e, "được thông qua", usize::MAX).is_some()
            || tk.phrase(e, "thông qua", usize::MAX).is_some()
    }) {
        return true;
    }
    // "Chủ tịch Ủy ban nhân dân 54 xã, phường", "giao chỉ tiêu cho 40 xã, phường": the
    // bodies a duty or an assignment is addressed to, not a figure.
    let admin_next = tk.any_phrase(i + 1, ADMIN_UNITS, usize::MAX).is_some();
    let people = i >= 2 && tk.w(i - 1) == "dân" && tk.w(i - 2) == "nhân";
    let council = i >= 1 && matches!(tk.w(i - 1), "ubnd" | "hđnd");
    // "Tỉnh hiện có 45 xã, phường": the units there are, not a figure to reach.
    let existing = i >= 2 && tk.w(i - 1) == "có" && tk.w(i - 2) == "hiện";
    // (also after "và" in the list of addressees: "giao nhiệm vụ cho các sở, ngành và 168 xã").
    let assigned = i >= 1
        && (tk.w(i - 1) == "cho"
            || (tk.w(i - 1) == "và" && (i.saturating_sub(8)..i).any(|k| tk.w(k) == "cho")))
        && (i.saturating_sub(12)..i).any(|k| tk.w(k) == "giao" && !tk.t[k + 1].newline_before);
    // "Giao Phòng Nghiệp vụ phân bổ chỉ tiêu cho 12 Thuế cơ sở": a count of bodies named
    // with a capital after "giao … cho".
    let org_next = tk.kind(i + 1) == Some(Kind::Word)
        && tk.raw(i + 1).starts_with(char::is_uppercase)
        && !tk.t[i + 1].newline_before;
    if (admin_next && (people || council || assigned || existing)) || (org_next && assigned) {
        return true;
    }
    // "trên cả 3 tiêu chí (số vụ, …)": the count of the indicators a figure applies to.
    if tk.w(i.wrapping_sub(1)) == "cả" && tk.phrase(i + 1, "tiêu chí", usize::MAX).is_some() {
        return true;
    }
    if noun
        && [
            "chỉ tiêu",
            "nội dung",
            "mục tiêu",
            "nhiệm vụ",
            "nhóm nhiệm vụ",
            "giải pháp",
            "nhóm giải pháp",
        ]
        .iter()
        .any(|w| counted(w))
    {
        return true;
    }
    // The row number of a row whose cells are separated by tabs or '|': "1\tBan hành …".
    if line_start
        && digits_only
        && raw.len() <= 3
        && tk.t.get(i + 1).is_some_and(|t| !t.newline_before)
        && (tk.is_punct(i + 1, '|') || tk.n.has_tab(tk.t[i].end, tk.t[i + 1].start))
    {
        return true;
    }
    false
}

/// The number of an item label at a line start: "Chỉ tiêu 1:", "Mục tiêu 2:", "Nhiệm vụ 3."
/// (a list marker, [`ITEM_LABELS`]).
fn item_label_number(tk: &Toks, i: usize) -> bool {
    let punct = [':', '.', ')'].iter().any(|&c| tk.is_punct(i + 1, c)) && tk.glued(i + 1);
    punct
        && i >= 2
        && (i == 2 || tk.t[i - 2].newline_before)
        && ITEM_LABELS
            .iter()
            .any(|l| tk.phrase(i - 2, l, i) == Some(i))
}

/// A telephone number written with separators ("0222.3822.648", "0238.3844.215",
/// "024.3825.1234"): it opens with 0 and has nine digits or more; no Vietnamese figure does
/// (a figure opening with 0 is "0,5" or "08").
fn phone_number(raw: &str) -> bool {
    raw.starts_with('0') && raw.contains('.') && raw.bytes().filter(u8::is_ascii_digit).count() >= 9
}

/// Whether number `i` compares with or scopes the figure before it: "cao hơn 1,2 điểm", or a
/// preposition right after the unit of a number on the same line with no punctuation between
/// ("300 tỷ đồng trên 3 lĩnh vực"; but "bình quân đầu người trên 63,7 triệu đồng" is a level).
fn relative(tk: &Toks, i: usize, prev_word: &str) -> bool {
    if prev_word == "hơn" && i >= 2 && COMPARED_BY.contains(&tk.w(i - 2)) {
        return true;
    }
    // "từ 10% trở lên, cao hơn mức 8,6% của năm 2026": the level compared with.
    if prev_word == "mức" && i >= 3 && tk.w(i - 2) == "hơn" && COMPARED_BY.contains(&tk.w(i - 3))
    {
        return true;
    }
    if !SCOPE_AFTER_FIGURE.contains(&prev_word) || tk.t[i - 1].newline_before {
        return false;
    }
    // Back from the preposition over at most three words (or "%") of a unit to a number.
    let mut k = i - 1;
    for _ in 0..4 {
        if k == 0 || tk.t[k].newline_before {
            return false;
        }
        k -= 1;
        if tk.is_num(k) {
            return k + 1 < i - 1;
        }
        if tk.kind(k) != Some(Kind::Word) && !tk.is_punct(k, '%') {
            return false;
        }
        // "trẻ em dưới 1 tuổi đạt trên 95%": a predicate verb between the number and the
        // preposition makes it a comparator of the value, not a scope of the number before.
        if matches!(tk.w(k), "đạt" | "là" | "còn" | "tăng" | "giảm" | "duy") {
            return false;
        }
    }
    false
}

/// "04/09 thôn, làng", "10/10 thôn văn hóa": 4 of 9 counted things; the first number is
/// the value (the second is skipped as part of a fraction).
fn fraction_of_noun(tk: &Toks, i: usize) -> bool {
    let small = |k: usize| {
        tk.is_num(k) && tk.w(k).len() <= 4 && tk.w(k).bytes().all(|b| b.is_ascii_digit())
    };
    small(i)
        && tk.is_punct(i + 1, '/')
        && tk.glued(i + 1)
        && tk.glued(i + 2)
        && small(i + 2)
        && !tk.is_punct(i + 3, '/')
        && !(i > 0 && tk.is_punct(i - 1, '/') && tk.glued(i))
        && tk
            .t
            .get(i + 3)
            .is_some_and(|t| t.space_before && !t.newline_before)
        && tk.any_phrase(i + 3, COUNT_NOUNS, usize::MAX).is_some()
        && !matches!(tk.w(i + 3), "chỉ" | "nội")
}

/// "15-10-2020", "29-5": day-month(-year) with dashes.
fn dash_date(tk: &Toks, i: usize) -> bool {
    let dm = |k: usize| {
        tk.is_num(k) && tk.w(k).len() <= 2 && tk.w(k).bytes().all(|b| b.is_ascii_digit())
    };
    let year = |k: usize| is_year(tk, k);
    let dash = |k: usize| tk.is_punct(k, '-') && tk.glued(k) && tk.glued(k + 1);
    // i is the day, the month or the year of D-M-YYYY.
    (dm(i) && dash(i + 1) && dm(i + 2) && dash(i + 3) && year(i + 4))
        || (i >= 2 && dm(i - 2) && dash(i - 1) && dm(i) && dash(i + 1) && year(i + 2))
        || (i >= 4 && dm(i - 4) && dash(i - 3) && dm(i - 2) && dash(i - 1) && year(i))
}

/// Whether the number at `k` is a population base: a power of ten ("1.000", "100.000") before
/// "dân", "người" or "trẻ".
fn per_population(tk: &Toks, k: usize) -> bool {
    let w = tk.w(k).replace('.', "");
    let power_of_ten = w.len() >= 2 && w.starts_with('1') && w[1..].bytes().all(|b| b == b'0');
    power_of_ten && matches!(tk.w(k + 1), "dân" | "người" | "trẻ")
}

/// Dates, fractions, times, document codes, "5G", "PM2", "COVID-19".
fn part_of_code_or_date(tk: &Toks, i: usize) -> bool {
    let glued_next = tk.glued(i + 1);
    if glued_next && tk.kind(i + 1) == Some(Kind::Word) && !glued_unit(tk.w(i + 1)) {
        return true;
    }
    if tk.glued(i) && i > 0 {
        if tk.kind(i - 1) == Some(Kind::Word) {
            return true;
        }
        let before = tk.kind(i.wrapping_sub(2));
        let glued_sep = tk.glued(i - 1);
        let code_dash = tk.is_punct(i - 1, '-') && before == Some(Kind::Word);
        let slash = tk.is_punct(i - 1, '/') && matches!(before, Some(Kind::Word | Kind::Num));
        let time = tk.is_punct(i - 1, ':') && before == Some(Kind::Num);
        if (code_dash || slash || time) && glued_sep {
            return true;
        }
    }
    // Dates and fractions "07/4/2014", "12/14"; times "14:28" — not a rate per a population
    // base, "0,02/1.000 dân", "120/100.000 dân".
    if glued_next
        && (tk.is_punct(i + 1, '/') || tk.is_punct(i + 1, ':'))
        && tk.glued(i + 2)
        && tk.is_num(i + 2)
        && !(tk.is_punct(i + 1, '/') && per_population(tk, i + 2))
    {
        return true;
    }
    // Codes "34-CT/TW", "02/GP-TTĐT" (but "3%/năm" never reaches here: '%' comes first).
    if glued_next && tk.glued(i + 2) && tk.kind(i + 2) == Some(Kind::Word) {
        if tk.is_punct(i + 1, '-') {
            return true;
        }
        if tk.is_punct(i + 1, '/') && !matches!(tk.w(i + 2), "năm" | "người" | "dân" | "ha") {
            return true;
        }
    }
    false
}

/// Token ranges of population bases in `a..b`, with the base.
fn population_bases(tk: &Toks, a: usize, b: usize) -> Vec<(usize, usize, Decimal)> {
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let w = tk.w(i);
        if w == "đầu" && tk.w(i + 1) == "người" && i + 1 < b {
            out.push((i, i + 2, Decimal::ONE));
            i += 2;
            continue;
        }
        if let Some((e, per)) = base_after_lead(tk, i, b) {
            out.push((i, e, per));
            i = e;
            continue;
        }
        // "Số dược sỹ ĐH 10000 dân": a round base with no lead word.
        if tk.is_num(i) && tk.w(i + 1) == "dân" && i + 1 < b {
            if let Ok(per) = parse_vn(tk.w(i)) {
                if [100, 1000, 10_000, 100_000]
                    .iter()
                    .any(|&p| per == Decimal::from(p))
                {
                    out.push((i, i + 2, per));
                    i += 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// "trên một vạn dân", "/1 vạn dân", "cho 10000 dân", "trên 10.000 dân", "/người": the end
/// of the base starting at `i` and the base. "trên 50 người" is a comparator, not a base.
fn base_after_lead(tk: &Toks, i: usize, b: usize) -> Option<(usize, Decimal)> {
    let w = tk.w(i);
    let slash = tk.is_punct(i, '/');
    if !(w == "trên" || w == "cho" || w == "mỗi" || slash) {
        return None;
    }
    let mut k = i + 1;
    let mut base = Decimal::ONE;
    let mut seen_num = false;
    if tk.is_num(k) && k < b {
        base = parse_vn(tk.w(k)).ok()?;
        seen_num = true;
        k += 1;
    } else if tk.w(k) == "một" || tk.w(k) == "mười" {
        base = if tk.w(k) == "một" {
            Decimal::ONE
        } else {
            Decimal::TEN
        };
        seen_num = true;
        k += 1;
    }
    let mut factor = Decimal::ONE;
    if let Some(s) = Scale::from_word(tk.w(k)).filter(|s| *s != Scale::One) {
        if k < b {
            factor = s.factor();
            k += 1;
        }
    }
    // "/100.000 trẻ đẻ sống": births as the base of a maternal mortality ratio.
    let births = tk.w(k) == "trẻ" && seen_num;
    if k >= b || !(matches!(tk.w(k), "dân" | "người") || births) {
        return None;
    }
    let per = base.checked_mul(factor).unwrap_or(base);
    let round = [10, 100, 1000, 10_000, 100_000]
        .iter()
        .any(|&p| per == Decimal::from(p));
    let is_base = slash
        || factor != Decimal::ONE
        || !seen_num
        || tk.w(i + 1) == "một"
        || (round && matches!(tk.w(k), "dân" | "trẻ"));
    if !is_base {
        return None;
    }
    let mut e = k + 1;
    if births {
        while e < b && matches!(tk.w(e), "em" | "đẻ" | "ra" | "sống" | "sơ" | "sinh") {
            e += 1;
        }
    }
    if tk.w(e) == "số" && e < b {
        e += 1;
    }
    Some((e, per))
}

/// A value with its unit as read after the number.
#[derive(Debug, Clone)]
pub(crate) struct ValueGroup {
    /// Token index of the number.
    pub at: usize,
    /// Token index after the group.
    pub end: usize,
    pub low: Decimal,
    pub high: Option<Decimal>,
    pub percent: bool,
    pub points: bool,
    pub scale: Scale,
    /// The unit as read (currency, ha, counted noun), with the token range of the noun.
    pub unit: Option<(Unit, usize, usize)>,
    pub per: Option<Decimal>,
    /// Token range of "/1 vạn dân".
    pub per_span: Option<(usize, usize)>,
    pub per_year: bool,
    /// "/tháng", "/năm" after a population base ("triệu đồng/người/tháng").
    pub per_time: Option<crate::model::TimeBase>,
    /// "trở lên" / "trở xuống" after the value.
    pub after_cmp: Option<Comparator>,
    /// Token of a "trở lên" written after the counted noun ("75% hộ nông dân trở lên"): not
    /// part of the name read after the value.
    pub after_noun: Option<usize>,
}

/// Reads the value group starting at number token `i` (a value), not past token `b`.
pub(crate) fn value_group(
    tk: &Toks,
    fig: &Figures,
    i: usize,
    b: usize,
    dot: bool,
) -> Option<ValueGroup> {
    let low = number_in(tk, fig, i, dot)?;
    let mut g = ValueGroup {
        at: i,
        end: i + 1,
        low,
        high: None,
        percent: false,
        points: false,
        scale: Scale::One,
        unit: None,
        per: None,
        per_span: None,
        per_year: false,
        per_time: None,
        after_cmp: None,
        after_noun: None,
    };
    let mut j = i + 1;
    if fraction_of_noun(tk, i) {
        j += 2; // "04/09 thôn": the "/09" is the whole
    }
    let low_pct = tk.is_punct(j, '%') && j < b;
    if low_pct {
        j += 1;
    }
    // Range: "3-4%", "7 – 7,5%", "từ 5 đến 7%", "24,1% - 24,2%".
    if let Some((h, e)) = range_high(tk, fig, j, b, dot) {
        g.high = Some(h);
        j = e;
    } else if low_pct {
        g.percent = true;
    }
    if !g.percent {
        j = percent_unit(tk, &mut g, j, b, low_pct);
    }
    // A duration read as a value ("không quá 6,5 ngày", see `bounded_duration`) is in its
    // time noun ("5 ngày làm việc" whole).
    let duration = matches!(tk.w(j), "ngày" | "giờ" | "phút");
    if duration && !g.percent && tk.phrase(j + 1, "làm việc", b).is_some() {
        g.unit = Some((Unit::Count(tk.text(j, j + 3)), j, j + 3));
        j += 3;
    } else if !g.percent && (fig.role(i) == Role::Weak || duration) && j < b {
        // "74,5 tuổi", "67 năm", "6,5 ngày".
        g.unit = Some((Unit::Count(tk.w(j).to_string()), j, j + 1));
        j += 1;
    } else if !g.percent {
        j = scale_and_unit(tk, &mut g, j, b);
        // A range with the unit on both ends: "từ 80 triệu đồng đến 81 triệu đồng".
        if g.high.is_none() && g.unit.is_some() {
            if let Some((h, e)) = range_high(tk, fig, j, b, dot) {
                let mut k = e;
                if g.scale != Scale::One && Scale::from_word(tk.w(k)) == Some(g.scale) {
                    k += 1;
                }
                if let Some((_, us, ue)) = &g.unit {
                    if tk.text(*us, *ue).to_lowercase() == tk.text(k, k + (ue - us)).to_lowercase()
                    {
                        k += ue - us;
                    }
                }
                g.high = Some(h);
                j = k;
            }
        }
        j = compound_unit(tk, &mut g, j, b);
    }
    j = base_and_year(tk, fig, &mut g, j, b);
    if let Some(e) = tk.phrase(j, "trở lên", b) {
        g.after_cmp = Some(Comparator::AtLeast);
        j = e;
    } else if let Some((_, e)) = tk.any_phrase(j, &["trở xuống", "trở lại"], b) {
        g.after_cmp = Some(Comparator::AtMost);
        j = e;
    } else if let Some(k) = g.percent.then(|| at_least_after_noun(tk, j, b)).flatten() {
        // The noun stays in the name ("Hộ nông dân là hội viên …"): `end` does not move.
        g.after_cmp = Some(Comparator::AtLeast);
        g.after_noun = Some(k);
    }
    g.end = j;
    Some(g)
}

/// "có 75% hộ nông dân trở lên là hội viên", "Có 80% chi hội trở lên xếp loại …": "trở lên"
/// after the counted noun a share is taken of (a noun of whole things at `j`, then at most
/// four more words, no figure or punctuation between) makes the share a floor; the token of
/// "trở lên".
fn at_least_after_noun(tk: &Toks, j: usize, b: usize) -> Option<usize> {
    if !integer_noun_at(tk, j) {
        return None;
    }
    for k in j + 1..(j + 6).min(b) {
        if tk.kind(k) != Some(Kind::Word) {
            return None;
        }
        if tk.phrase(k, "trở lên", b).is_some() {
            return Some(k);
        }
    }
    None
}

/// "- 4", "đến 7,5", "tới 9" at `j`: the upper bound and the index after it (and its '%').
fn range_high(tk: &Toks, fig: &Figures, j: usize, b: usize, dot: bool) -> Option<(Decimal, usize)> {
    let usable = match fig.role(j + 1) {
        Role::Value | Role::Weak | Role::Relative => true,
        Role::Bad => dot,
        Role::Skip => false,
    };
    if j + 1 < b
        && (tk.is_punct(j, '-') || tk.w(j) == "đến" || tk.w(j) == "tới")
        && tk.is_num(j + 1)
        && usable
    {
        let h = number_in(tk, fig, j + 1, dot)?;
        return Some((h, j + 2));
    }
    None
}

/// The number at token `i` as its text writes numbers: [`number`], but in a text with
/// English-style decimals ([`Figures::english`]) "18,650" is 18650 ([`english_thousands`]).
pub(crate) fn number_in(tk: &Toks, fig: &Figures, i: usize, dot: bool) -> Option<Decimal> {
    // Not a percentage: "2,125%" is a decimal in any style.
    if fig.english && !tk.is_punct(i + 1, '%') {
        if let Some(v) = english_thousands(tk.w(i)) {
            return Some(v);
        }
    }
    if let Some(v) = count_thousands(tk, fig, i) {
        return Some(v);
    }
    number(tk, i, dot)
}

/// "2,100 lao động", "1,500 hộ" in a text that never writes a percentage with three digits
/// after the comma ([`Figures::comma_decimals`]): a count of whole things
/// (people, households, firms…) cannot be 2,1, so the comma groups thousands — read as 2100
/// (with a `dot_decimal` warning). "2,100%", "2,1 lao động", "2,100 tỷ đồng", "2,125 ha" and
/// "10,200 bác sĩ/1 vạn dân" (a rate per population) stay decimals.
pub(crate) fn count_thousands(tk: &Toks, fig: &Figures, i: usize) -> Option<Decimal> {
    if fig.comma_decimals || !tk.w(i).contains(',') {
        return None;
    }
    let v = english_thousands(tk.w(i))?;
    let base_after = (i + 1..i + 6).any(|k| fig.base_at(k).is_some() || tk.is_punct(k, '/'));
    (integer_noun_at(tk, i + 1) && !base_after).then_some(v)
}

/// Whether a noun of whole things starts at token `i` ("lao động", "hộ", "doanh nghiệp",
/// "lượt khách"; not a measure, a score or a scale: "km", "tấn", "điểm", "tỷ").
fn integer_noun_at(tk: &Toks, i: usize) -> bool {
    tk.any_phrase(i, COUNT_NOUNS, usize::MAX)
        .is_some_and(|(n, _)| !DIVISIBLE_NOUNS.contains(&COUNT_NOUNS[n]))
}

/// "18,650", "1,250,000": groups of three digits after commas, no point, not "0,…" — an
/// English thousands separator when the text writes English decimals.
pub(crate) fn english_thousands(w: &str) -> Option<Decimal> {
    let mut groups = w.split(',');
    let first = groups.next()?;
    let lead_ok = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && !first.starts_with('0');
    let mut n = 0;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        n += 1;
    }
    (lead_ok && n > 0)
        .then(|| w.replace(',', "").parse().ok())
        .flatten()
}

/// The number at token `i`; with `dot`, '.' is the decimal mark (a table that writes
/// "40.79").
pub(crate) fn number(tk: &Toks, i: usize, dot: bool) -> Option<Decimal> {
    let w = tk.w(i);
    if dot && !w.contains(',') {
        parse_vn(&w.replace('.', ",")).ok()
    } else {
        parse_vn(w).ok().or_else(|| english_decimal(w))
    }
}

/// A number that can only be an English-style decimal ("9.5", "0.35", "1,234.56": a point
/// followed by one or two digits, commas only in groups of three before it) — never a valid
/// Vietnamese number, which would read "9.5" as nothing. OCR copies and text pasted from
/// English software write them; the parser reads them with a `dot_decimal` warning. A point
/// followed by three digits ("1.250") stays a Vietnamese thousands separator.
pub(crate) fn english_decimal(w: &str) -> Option<Decimal> {
    let (int, frac) = w.split_once('.')?;
    if frac.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    let grouped = int.contains(',');
    if first.is_empty()
        || !first.bytes().all(|b| b.is_ascii_digit())
        || (grouped && first.len() > 3)
    {
        return None;
    }
    if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    parse_vn(&format!("{},{frac}", int.replace(',', ""))).ok()
}

/// A unit written elsewhere (a table's unit column "%", "Điểm %", "tỷ đồng", "xã") for a
/// value group that has none of its own.
pub(crate) fn apply_unit(tk: &Toks, g: &mut ValueGroup, a: usize, b: usize) {
    if g.percent || g.unit.is_some() || a >= b {
        return;
    }
    if (tk.is_punct(a, '%') && tk.w(a + 1) == "0" && tk.glued(a + 1)) || tk.is_punct(a, '‰') {
        g.unit = Some((Unit::Count("‰".into()), a, b));
        return;
    }
    if tk.is_punct(a, '%') {
        g.percent = true;
        return;
    }
    if tk.w(a) == "điểm" && tk.is_punct(a + 1, '%') {
        g.percent = true;
        g.points = true;
        return;
    }
    let mut h = g.clone();
    scale_and_unit(tk, &mut h, a, b);
    // A unit cell of words is one noun ("huy chương", "di tích"), not its first word.
    if let Some((Unit::Count(_), us, ue)) = &h.unit {
        let (us, ue) = (*us, *ue);
        if ue < b && (ue..b).all(|k| tk.kind(k) == Some(Kind::Word)) {
            let noun = super::scan::collapse(&tk.text(us, b).to_lowercase());
            h.unit = Some((Unit::Count(noun), us, b));
        }
    }
    if h.unit.is_none() && a < b {
        h.unit = Some((
            Unit::Count(super::scan::collapse(&tk.text(a, b).to_lowercase())),
            a,
            b,
        ));
    }
    g.scale = h.scale;
    g.unit = h.unit;
}

/// "%", "điểm %", "điểm phần trăm", "phần trăm" at `j`.
fn percent_unit(tk: &Toks, g: &mut ValueGroup, j: usize, b: usize, low_pct: bool) -> usize {
    if tk.is_punct(j, '%') && j < b {
        g.percent = true;
        return j + 1;
    }
    if tk.w(j) == "điểm" && (tk.is_punct(j + 1, '%') || tk.phrase(j + 1, "phần trăm", b).is_some())
    {
        g.percent = true;
        g.points = true;
        return j + if tk.is_punct(j + 1, '%') { 2 } else { 3 };
    }
    if tk.phrase(j, "phần trăm", b).is_some() {
        g.percent = true;
        return j + 2;
    }
    if low_pct {
        g.percent = true;
    }
    j
}

/// The scale word (also "nghìn tỷ", "triệu tỷ") and the unit after the number.
fn scale_and_unit(tk: &Toks, g: &mut ValueGroup, mut j: usize, b: usize) -> usize {
    // "6,5 tr.đ/người/tháng", "62 trđ": the shorthand of "triệu đồng".
    if tk.w(j) == "tr" && j + 2 < b && tk.is_punct(j + 1, '.') && tk.w(j + 2) == "đ" {
        g.scale = Scale::Million;
        j += 2;
    }
    if let Some(s) = Scale::from_word(tk.w(j)).filter(|s| *s != Scale::One) {
        let is_base = s == Scale::TenThousand && matches!(tk.w(j + 1), "dân" | "người");
        if j < b && SCALES.contains(&tk.w(j)) && !is_base {
            g.scale = s;
            j += 1;
            let compound = format!("{} {}", tk.w(j - 1), tk.w(j));
            if let Some(c) = Scale::from_word(&compound).filter(|_| j < b) {
                g.scale = c;
                j += 1;
            }
        }
    }
    if j >= b {
        return j;
    }
    let w = tk.w(j);
    let (unit, e) = if tk.is_punct(j, '‰') {
        (Unit::Count("‰".into()), j + 1)
    } else if matches!(w, "đồng" | "vnd" | "vnđ") || (w == "đ" && g.scale != Scale::One) {
        // "38,5 tỷ đ", "62 triệu đ/người": "đ" after a scale word is the đồng.
        (Unit::Currency(Currency::Vnd), j + 1)
    } else if w == "usd" {
        (Unit::Currency(Currency::Usd), j + 1)
    } else if let Some(e) = tk
        .phrase(j, "đô la mỹ", b)
        .or_else(|| tk.phrase(j, "đô la", b))
    {
        (Unit::Currency(Currency::Usd), e)
    } else if matches!(w, "ha" | "hecta") {
        (Unit::Hectare, j + 1)
    } else if let Some(e) = tk.phrase(j, "héc ta", b) {
        (Unit::Hectare, e)
    } else if let Some((k, e)) = tk.any_phrase(j, COUNT_NOUNS, b) {
        let mut e = admin_list(tk, j, e, b, COUNT_NOUNS[k]);
        // "300 lượt lao động": visits of a counted noun.
        if COUNT_NOUNS[k] == "lượt" {
            if let Some((_, e2)) = tk.any_phrase(e, COUNT_NOUNS, b) {
                e = e2;
            }
        }
        let lexical = e;
        if COUNT_NOUNS[k] != "lượt" && !ADMIN_UNITS.contains(&COUNT_NOUNS[k]) {
            e = noun_from_name(tk, j, e, b);
        }
        let noun = if e == j + COUNT_NOUNS[k].split(' ').count() {
            canonical_noun(COUNT_NOUNS[k]).to_string()
        } else if e == lexical {
            super::scan::collapse(&tk.text(j, e).to_lowercase())
        } else {
            noun_words(tk, j, e)
        };
        (Unit::Count(noun), e)
    } else if tk.kind(j) == Some(Kind::Word)
        && !NOT_NOUNS.contains(&w)
        && !PREDICATE_WORDS.contains(&w)
    {
        let e = noun_from_name(tk, j, j + 1, b);
        (Unit::Count(noun_words(tk, j, e)), e)
    } else {
        return j;
    };
    g.unit = Some((unit, j, e));
    e
}

/// How far before a counted noun its indicator's name is looked for (tokens).
const NAME_WINDOW: usize = 40;

/// A counted noun of several syllables that no lexicon lists ("12.000 gia đình", "45 huy
/// chương", "6 phiên chợ", "120 hộ kinh doanh"): the noun read at `j..e` grows word by word
/// (to four syllables) while the words so far also stand together in the text just before
/// the figure — the indicator's name ("Số gia đình thể thao … đạt 12.000 gia đình"). Bounded
/// by [`NAME_WINDOW`], so linear.
fn noun_from_name(tk: &Toks, j: usize, mut e: usize, b: usize) -> usize {
    let from = j.saturating_sub(NAME_WINDOW);
    let to = (j + NAME_WINDOW).min(tk.t.len());
    while e < b && e - j < 4 && tk.kind(e) == Some(Kind::Word) && !tk.t[e].newline_before {
        let w = tk.w(e);
        if NOT_NOUNS.contains(&w) || PREDICATE_WORDS.contains(&w) || NOUN_MODIFIERS.contains(&w) {
            break;
        }
        let n = e + 1 - j;
        let same = |s: usize| {
            (0..n).all(|x| {
                tk.kind(s + x) == Some(Kind::Word)
                    && !(x > 0 && tk.t[s + x].newline_before)
                    && tk.w(s + x) == tk.w(j + x)
            })
        };
        // Elsewhere in the name: before the figure, or after this noun ("12 huy chương các
        // loại, trong đó 2 huy chương vàng").
        let seen = (from..j.saturating_sub(n - 1)).any(same)
            || (e + 1..to.saturating_sub(n - 1)).any(same);
        if !seen {
            break;
        }
        e += 1;
    }
    e
}

/// Words after a counted noun that qualify it and are not part of it ("hội viên mới").
const NOUN_MODIFIERS: &[&str] = &["mới", "thêm", "các", "những", "khác", "cả", "đều", "loại"];

/// The lower-case words `j..e` joined by single spaces.
fn noun_words(tk: &Toks, j: usize, e: usize) -> String {
    (j..e).map(|k| tk.w(k)).collect::<Vec<_>>().join(" ")
}

/// After an administrative unit noun, the others listed with it: "xã, phường, thị trấn",
/// "huyện/thị xã". Returns the end of the list.
fn admin_list(tk: &Toks, _start: usize, mut e: usize, b: usize, first: &str) -> usize {
    if !ADMIN_UNITS.contains(&first) {
        return e;
    }
    while e + 1 < b && (tk.is_punct(e, ',') || tk.is_punct(e, '/')) {
        match tk.any_phrase(e + 1, ADMIN_UNITS, b) {
            Some((_, e2)) => e = e2,
            None => break,
        }
    }
    e
}

/// A unit with a denominator written after it: "tạ/ha", "triệu đồng/ha", "lần/…". Population
/// bases and "/năm" are read by [`base_and_year`]; "/KH" starts a plan figure.
fn compound_unit(tk: &Toks, g: &mut ValueGroup, j: usize, b: usize) -> usize {
    let Some((unit, us, _)) = g.unit.clone() else {
        return j;
    };
    if !(tk.is_punct(j, '/') && tk.glued(j + 1) && j + 1 < b && tk.kind(j + 1) == Some(Kind::Word))
    {
        return j;
    }
    let w = tk.w(j + 1);
    // "/vạn dân", "/nghìn dân": a population base, read with the base.
    let base_word = matches!(w, "vạn" | "nghìn" | "ngàn") && tk.w(j + 2) == "dân";
    if base_word
        || matches!(w, "năm" | "người" | "dân" | "kh")
        || w.starts_with("kh") && tk.raw(j + 1) == "KH"
    {
        return j;
    }
    let base = match &unit {
        Unit::Count(n) => n.clone(),
        other => other.to_string(),
    };
    // "500 triệu đồng/doanh nghiệp": a denominator of several syllables is read whole.
    let (den, e) = match tk.any_phrase(j + 1, COUNT_NOUNS, b) {
        Some((k, e)) => (canonical_noun(COUNT_NOUNS[k]).to_string(), e),
        None => (w.to_string(), j + 2),
    };
    g.unit = Some((Unit::Count(format!("{base}/{den}")), us, e));
    e
}

/// A population base right after the unit ("/1 vạn dân", "/người") and a per-year mark
/// ("/năm", "mỗi năm", "hằng năm"). A "/năm" after a currency or a per-person base is part
/// of an income's unit ("triệu đồng/người/năm"), not a per-year target.
fn base_and_year(tk: &Toks, fig: &Figures, g: &mut ValueGroup, mut j: usize, b: usize) -> usize {
    if let Some((s, e, per)) = fig.base_at(j) {
        if e <= b {
            g.per = Some(per);
            g.per_span = Some((s, e));
            j = e;
        }
    }
    if tk.is_punct(j, '/') && tk.w(j + 1) == "năm" && j + 1 < b {
        let income = g.per.is_some() || matches!(g.unit, Some((Unit::Currency(_), _, _)));
        if !income {
            g.per_year = true;
        }
        if g.per.is_some() {
            g.per_time = Some(crate::model::TimeBase::Year);
        }
        return j + 2;
    }
    // "6,5 triệu đồng/người/tháng": the time a per-capita value is counted over.
    if g.per.is_some() && tk.is_punct(j, '/') && j + 1 < b {
        if let Some(t) = crate::model::TimeBase::from_vi(tk.w(j + 1)) {
            g.per_time = Some(t);
            return j + 2;
        }
    }
    if let Some((_, e)) = tk.any_phrase(j, &["mỗi năm", "hằng năm", "hàng năm", "một năm"], b)
    {
        g.per_year = true;
        return e;
    }
    j
}
