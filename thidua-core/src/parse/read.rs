//! Reading one figure of a clause into a target: the predicate before the number (comparator,
//! "giảm", "tăng", "khoảng", "xuống còn"…), the kind, and the name.

use rust_decimal::Decimal;

use super::figure::ValueGroup;
use super::lexicon::*;
use super::scan::{capitalize, lower_first, lowercase, next_part, Kind};
use super::target::{Clause, Draft, ItemAnalyzer};
use super::Severity;
use crate::model::{AboveRange, Comparator, Measure, ReductionUnit, TargetSpec, Wording};
use crate::quantity::{Quantity, Scale, Unit};

/// What the words before a number say.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Predicate {
    /// First token of the predicate zone (the name ends here).
    pub start: usize,
    pub cmp: Option<Comparator>,
    pub reduction: bool,
    pub end_level: bool,
    pub growth: bool,
    pub share: bool,
    pub wording: Option<Wording>,
    /// An adding verb governs the figure ("Phát triển 3.000 hội viên mới"): a flow.
    pub adds: bool,
}

/// The facts a kind decision needs.
struct Facts {
    name: String,
    /// Token where the name starts (after fillers and a leading "Giảm").
    name_start: usize,
    /// Lowercase text of the whole clause (and of the name hint).
    lclause: String,
    /// Lowercase name.
    lname: String,
    per: Option<Decimal>,
    measure: Measure,
    lower_better: bool,
}

fn comparator_ending(zone: &[&str]) -> Option<Comparator> {
    for (list, c) in [
        (AT_MOST, Comparator::AtMost),
        (AT_LEAST, Comparator::AtLeast),
        (BELOW, Comparator::Below),
        (ABOVE, Comparator::Above),
    ] {
        if list.iter().any(|ph| zone_ends_with(zone, ph)) {
            return Some(c);
        }
    }
    None
}

fn comparator_inside(zone: &[&str]) -> Option<Comparator> {
    for (list, c) in [
        (AT_MOST, Comparator::AtMost),
        (AT_LEAST, Comparator::AtLeast),
        (BELOW, Comparator::Below),
        (ABOVE, Comparator::Above),
    ] {
        if list
            .iter()
            .any(|ph| *ph != "từ" && *ph != "hơn" && zone_has(zone, ph))
        {
            return Some(c);
        }
    }
    None
}

/// Whether the words of `phrase` (split on spaces) are consecutive tokens of `zone`: for a
/// phrase of letters, the same answer as `contains_word(&zone.join(" "), phrase)` (a token
/// is one run of letters and digits, a number or one other character, so a phrase of whole
/// words found in the joined text is found token by token), without joining or searching.
fn zone_has(zone: &[&str], phrase: &str) -> bool {
    (0..zone.len()).any(|k| words_at(&zone[k..], phrase))
}

/// Whether `zone` ends with the words of `phrase`: the same answer as the joined text ending
/// with `phrase` after a space or nothing (a token holds no space).
fn zone_ends_with(zone: &[&str], phrase: &str) -> bool {
    // The last token first: it ends the phrase when the zone ends with it.
    if !zone.last().is_some_and(|w| phrase.ends_with(w)) {
        return false;
    }
    let n = phrase.bytes().filter(|&b| b == b' ').count() + 1;
    zone.len() >= n && words_at(&zone[zone.len() - n..], phrase)
}

/// Whether the words of `phrase` are the first tokens of `zone`, one token a word.
fn words_at(zone: &[&str], phrase: &str) -> bool {
    let mut rest = phrase;
    for w in zone {
        match next_part(rest, w) {
            None => return false,
            Some("") => return true,
            Some(r) => rest = &r[1..],
        }
    }
    false
}

/// "… giảm bình quân/năm", "… tăng hàng năm" at the end of `a..b`: where the verb is, and
/// which.
fn trailing_verb(tk: &super::scan::Toks, a: usize, b: usize) -> Option<(usize, &'static str)> {
    let mut e = b;
    loop {
        let per_year = e >= a + 2
            && ((tk.is_punct(e - 2, '/') && tk.w(e - 1) == "năm")
                || (matches!(tk.w(e - 2), "hàng" | "hằng" | "mỗi") && tk.w(e - 1) == "năm")
                || (tk.w(e - 2) == "bình" && tk.w(e - 1) == "quân"));
        if e > a && (tk.is_punct(e - 1, ':') || tk.is_punct(e - 1, ',')) {
            e -= 1;
        } else if per_year {
            e -= 2;
        } else {
            break;
        }
    }
    if e == b || e <= a + 1 {
        return None;
    }
    match tk.w(e - 1) {
        "giảm" => Some((e - 1, "giảm")),
        "tăng" => Some((e - 1, "tăng")),
        _ => None,
    }
}

/// Whether an action verb stands right before the predicate zone at `p` ("hỗ trợ xây mới,
/// sửa chữa 120 căn nhà", "vận động thanh niên hoàn thành 100% chỉ tiêu"), not as part of a
/// name ("được tiêm", "qua đào tạo").
fn action_before(tk: &super::scan::Toks, a: usize, p: usize) -> bool {
    if p <= a {
        return false;
    }
    let last = tk.w(p - 1);
    ACTION_VERBS
        .iter()
        .filter(|v| v.ends_with(last))
        .find_map(|v| tk.phrase_before(p, v, a))
        .is_some_and(|v| v == a || !matches!(tk.w(v - 1), "được" | "qua" | "-" | "đã" | "đang"))
}

/// Whether the clause opens with the name of an indicator ("Tỷ lệ …", "Số …").
fn opens_with_indicator(tk: &super::scan::Toks, s: usize, p: usize) -> bool {
    tk.phrase(s, "tỷ lệ", p).is_some() || tk.phrase(s, "tỷ trọng", p).is_some() || tk.w(s) == "số"
}

/// Whether a lower-case name opens with the word of an indicator ("tỷ lệ …", "tỷ suất …",
/// "tỷ trọng …", "tốc độ …", "chỉ số …", "hệ số …", a measured quantity "sản lượng …",
/// "diện tích …"): a name, not a verb before its object.
fn names_indicator(lname: &str) -> bool {
    [
        "tỷ lệ ",
        "tỷ suất ",
        "tỷ trọng ",
        "tốc độ ",
        "chỉ số ",
        "hệ số ",
        // "Sản lượng lương thực đạt 270.000 tấn": a measured quantity, not a verb.
        "sản lượng ",
        "diện tích ",
        "năng suất ",
        "giá trị ",
        "doanh thu ",
        "kim ngạch ",
        "thu nhập ",
    ]
    .iter()
    .any(|p| lname.starts_with(p))
}

/// Words before a number that state a direction (the value is not bare).
const EXPLICIT: &[&str] = &[
    "đạt", "phấn", "duy", "giữ", "ổn", "tăng", "giảm", "xuống", "còn", "vượt", "lên",
];

/// The first token of the predicate zone before the number at `at` (not before `a`): the
/// comparator and filler words, ':' and '>' / '<'. A word that is only half of a comparator
/// ("cao" of "cao hơn", "tối" of "tối đa") belongs to the zone only with its other half:
/// "nông thôn mới nâng cao 6,25%" keeps "nâng cao" in the name.
pub(crate) fn predicate_start(tk: &super::scan::Toks, a: usize, at: usize) -> usize {
    let mut p = at;
    while p > a {
        let w = tk.w(p - 1);
        let next = tk.w(p);
        let punct = [':', '>', '<', '≥', '≤']
            .iter()
            .any(|&c| tk.is_punct(p - 1, c));
        let in_zone = punct
            || (PREDICATE_WORDS.contains(&w)
                && match w {
                    "cao" | "thấp" | "lớn" | "nhỏ" | "nhiều" => next == "hơn",
                    "ít" => matches!(next, "nhất" | "hơn"),
                    "tối" => matches!(next, "thiểu" | "đa"),
                    "duy" => next == "trì",
                    // "giữ vững 52 đội hình" reads as "duy trì".
                    "giữ" => next == "vững",
                    "vững" => p >= 2 && tk.w(p - 2) == "giữ",
                    // "duy trì ổn định 65%", "ổn định ở mức 57%": keeping a level.
                    "ổn" => next == "định",
                    "định" => p >= 2 && tk.w(p - 2) == "ổn",
                    "phấn" => next == "đấu",
                    // "tỷ lệ sinh con thứ 3 trở lên 0,3%": "trở lên" closes the name's own
                    // figure; it is no comparator of the value after it.
                    "lên" => !(p >= 2 && tk.w(p - 2) == "trở"),
                    "bình" => next == "quân",
                    "không" => matches!(
                        next,
                        "quá" | "dưới" | "thấp" | "ít" | "vượt" | "cao" | "lớn" | "nhiều"
                    ),
                    _ => true,
                });
        if !in_zone {
            break;
        }
        p -= 1;
    }
    p
}

impl ItemAnalyzer<'_, '_> {
    /// The predicate zone before the figure of `g` and what it says.
    pub(crate) fn predicate(&self, c: &Clause, g: &ValueGroup) -> Predicate {
        let tk = self.tk;
        let p = predicate_start(tk, c.a, g.at);
        let zone: Vec<&str> = (p..g.at).map(|k| tk.w(k)).collect();
        let has = |ph: &str| zone_has(&zone, ph);
        let mut cmp = comparator_ending(&zone).or_else(|| comparator_inside(&zone));
        match zone.last() {
            Some(&">") => cmp = Some(Comparator::Above),
            Some(&"<") => cmp = Some(Comparator::Below),
            Some(&"≥") => cmp = Some(Comparator::AtLeast),
            Some(&"≤") => cmp = Some(Comparator::AtMost),
            _ => {}
        }
        if zone.last() == Some(&"từ") && g.after_cmp == Some(Comparator::AtMost) {
            cmp = Some(Comparator::AtMost);
        }
        if let Some(a) = g.after_cmp {
            if cmp.is_none() || cmp == Some(Comparator::AtLeast) {
                cmp = Some(a);
            }
        }
        // "Có thêm 12 xã", "tăng thêm 300 lao động": what is added, at least.
        let added = p > c.a && tk.w(p - 1) == "thêm";
        let (governs, adds) = self.action(c, p);
        let explicit = self.strive
            || added
            || governs
            || g.after_cmp.is_some()
            || cmp.is_some()
            || zone.iter().any(|w| EXPLICIT.contains(w))
            || (c.a..p).any(|k| tk.phrase(k, "phấn đấu", p).is_some());
        let wording = if has("khoảng") {
            Some(Wording::Approximate)
        } else if explicit {
            None
        } else {
            Some(Wording::Bare)
        };
        Predicate {
            start: p,
            cmp,
            reduction: has("giảm") && !has("xuống") && !has("còn"),
            end_level: has("xuống") || has("còn"),
            growth: has("tăng"),
            share: has("chiếm"),
            wording,
            adds,
        }
    }

    /// Whether an action verb opening clause `c` governs its figure, whose predicate zone
    /// starts at `p` — right before it ("Xử lý 100% vi phạm", "Kiểm tra ít nhất 250 công
    /// trình"), before "cho" ("Giải quyết việc làm cho 28.500 lượt"), or an adding verb with
    /// its object between ("Vận động bổ sung Quỹ … 5 tỷ đồng"); a verb inside a name ("Tỷ lệ
    /// lao động qua đào tạo: 70%") does not open the clause — and whether the verb adds to a
    /// stock, also when it stands right before the zone inside the clause ("Mỗi cơ sở Hội xây
    /// dựng ít nhất 01 công trình"; not "gieo trồng", "công nghiệp - xây dựng").
    pub(crate) fn action(&self, c: &Clause, p: usize) -> (bool, bool) {
        const LEADS: &[&str] = &[
            "trong đó",
            "phối hợp",
            "tham mưu",
            "vận động",
            "phấn đấu",
            "tiếp tục",
            "đặt mục tiêu",
            "đặt chỉ tiêu",
        ];
        let tk = self.tk;
        if p <= c.a {
            return (false, false);
        }
        let mut s = c.a;
        let mut last_lead = None;
        // A paragraph headed "Về quốc phòng, an ninh: Hoàn thành 100% …": the verb opens the
        // clause after the heading.
        if tk.w(s) == "về" {
            if let Some(colon) = (s..p).find(|&k| tk.is_punct(k, ':')) {
                s = colon + 1;
            }
        }
        loop {
            while s < p && matches!(tk.w(s), "-" | "+" | "," | ":") {
                s += 1;
            }
            match tk.any_phrase(s, LEADS, p) {
                Some((_, e)) => {
                    last_lead = Some(s);
                    s = e;
                }
                None => break,
            }
        }
        // "Vận động 25.000 đơn vị máu": the lead is the verb itself.
        if s == p && last_lead.is_some_and(|l| tk.any_phrase(l, ACTION_VERBS, p).is_some()) {
            return (true, false);
        }
        if let Some((_, e)) = tk.any_phrase(s, ADDING_VERBS, p) {
            // Not a heading word before ':' ("Xây dựng nông thôn mới: 5 xã" is bare).
            let governs = !(e..=p).any(|k| tk.is_punct(k, ':'));
            return (governs, governs);
        }
        if let Some((_, e)) = tk.any_phrase(s, ACTION_VERBS, p) {
            // "Tiếp nhận, phân loại 100% tin báo": a second verb after a comma.
            let second_verb = tk.is_punct(e, ',')
                && (2..=4).contains(&(p - e))
                && (e + 1..p).all(|k| tk.kind(k) == Some(Kind::Word));
            // "Hỗ trợ xây mới, sửa chữa 300 nhà", "Chỉnh trang, xây dựng 03 tuyến phố": a chain
            // of known verbs; it adds to a stock when its last verb, right before the figure,
            // is an adding verb (repairs add nothing).
            let (mut k, mut adds) = (e, false);
            while k < p {
                if tk.is_punct(k, ',') || tk.w(k) == "và" {
                    k += 1;
                } else if let Some((_, v)) = tk.any_phrase(k, ADDING_VERBS, p) {
                    (k, adds) = (v, true);
                } else if let Some((_, v)) = tk.any_phrase(k, ACTION_VERBS, p) {
                    (k, adds) = (v, false);
                } else {
                    break;
                }
            }
            let chain = k == p && p > e;
            return (
                e == p
                    || second_verb
                    || chain
                    || (p > e && tk.w(p - 1) == "cho")
                    || action_before(tk, c.a, p),
                chain && adds,
            );
        }
        if action_before(tk, c.a, p) && !opens_with_indicator(tk, s, p) {
            return (true, false);
        }
        if p >= tk.t.len() || tk.is_punct(p, ':') {
            return (false, false);
        }
        // The word before the zone must end an adding verb (a cheap test first).
        let last = tk.w(p - 1);
        let before = |k: usize| (k > c.a).then(|| tk.w(k - 1));
        let adds = ADDING_VERBS
            .iter()
            .filter(|v| v.ends_with(last))
            .find_map(|v| tk.phrase_before(p, v, c.a))
            .is_some_and(|v| !matches!(before(v), Some("-" | "gieo" | "nuôi" | "qua" | "được")));
        // "Giai đoạn 2026 - 2028 phát triển mới 45.000 đoàn viên": the verb right before the
        // figure states what is to be added, at least (not a bare value).
        (adds, adds)
    }

    /// The name and the facts the kind decision needs.
    fn facts(&self, c: &Clause, g: &ValueGroup, pr: &mut Predicate) -> Facts {
        let tk = self.tk;
        let mut p = pr.start;
        let mut ns = self.strip_leading(c.a, p, LEADING_FILLERS);
        // "Năm 2027, tỉnh phấn đấu tốc độ tăng trưởng …", "Tỉnh cũng đặt chỉ tiêu có thêm 10
        // xã …": a subject and its lead verb before the indicator are not its name.
        let lead = (ns..(ns + 6).min(p))
            .find_map(|k| tk.any_phrase(k, &["phấn đấu", "đặt mục tiêu", "đặt chỉ tiêu"], p));
        if let Some((_, e)) = lead.filter(|&(_, e)| e < p) {
            ns = e;
        }
        // "đưa tỷ lệ hộ nghèo xuống dưới 1,5%", "nâng tỷ lệ … lên 97,5%": the verb moves the
        // indicator named after it.
        if matches!(tk.w(ns), "đưa" | "nâng")
            && ns + 2 < p
            && (tk.phrase(ns + 1, "tỷ lệ", p).is_some() || tk.w(ns + 1) == "số")
        {
            ns += 1;
        }
        // "Tỷ lệ hộ nghèo giảm bình quân/năm: trên 10%", "… giảm hàng năm 0,5%-0,8%": the
        // verb ends the name, before a per-year phrase.
        if let Some((v, w)) = trailing_verb(tk, ns, p) {
            p = v;
            if w == "giảm" && !pr.end_level {
                pr.reduction = true;
            } else if w == "tăng" {
                pr.growth = true;
            }
        }
        let mut name = self.make_name(ns, p, c.sub);
        let mut name_start = ns;
        // "Giảm tỷ lệ hộ nghèo 2%": the verb leads the name. "Mức giảm tỷ lệ hộ nghèo": the
        // value is the decrease. "Giảm tỷ lệ hộ nghèo xuống dưới 4,22%" is an end level.
        // "…, giảm tỷ lệ hộ nghèo … từ 1 - 1,2%": the verb opens a phrase inside the clause;
        // "kéo giảm" is the same verb.
        let verb_at = (ns..p).rev().find(|&k| {
            // "Kéo giảm số người chết do tai nạn giao thông từ 5% trở lên".
            tk.w(k) == "giảm"
                && k + 1 < p
                && (k == ns || matches!(tk.w(k - 1), "," | ":" | "đấu" | "kéo"))
        });
        let lead_reduction = !pr.end_level
            && (verb_at.is_some() || (tk.phrase(ns, "mức giảm", p).is_some() && p > ns + 2));
        if let Some(v) = verb_at {
            name_start = v + 1;
            name = self.make_name(v + 1, p, c.sub);
        }
        // "nâng tỷ lệ trường đạt chuẩn quốc gia lên 78%": the level to reach.
        if p > ns + 1 && tk.w(pr.start) == "lên" && matches!(tk.w(ns), "nâng" | "tăng") {
            name_start = ns + 1;
            name = self.make_name(ns + 1, p, c.sub);
            pr.growth = false;
        }
        pr.reduction = pr.reduction || lead_reduction;
        if pr.reduction && name.is_empty() {
            // "Giảm 10% số vụ cháy nổ so với năm 2025" → "Số vụ cháy nổ".
            let e = (g.end..c.b)
                .find(|&k| tk.phrase(k, "so với", c.b).is_some())
                .unwrap_or(c.b);
            name = self.make_name(g.end, e, c.sub);
        }
        let mut lclause = lowercase(&tk.text(c.a, c.b));
        let mut lname = lowercase(&name);
        if let (true, Some((ha, hb))) = (name.is_empty(), c.hint) {
            let hint = lowercase(&tk.text(ha, hb));
            lclause = format!("{hint} {lclause}");
            lname = hint;
        }
        let hint_base = c
            .hint
            .filter(|_| name.is_empty())
            .and_then(|(ha, hb)| self.fig.base_in(ha, hb));
        let per = g
            .per
            .or_else(|| self.fig.base_in(c.a, c.b).map(|b| b.2))
            .or(hint_base.map(|b| b.2));
        if name.is_empty() {
            if let Some((ha, hb)) = c.hint {
                let h = self.strip_leading(ha, hb, LEADING_FILLERS);
                // "Giảm tỷ lệ hộ nghèo", "Mức giảm …", "Tỷ lệ giảm hộ nghèo (%)" naming a
                // bare cell: the cell is the decrease.
                if tk.phrase(h, "mức giảm", hb).is_some()
                    || tk.phrase(h, "tỷ lệ giảm", hb).is_some()
                    || tk.w(h) == "giảm"
                {
                    pr.reduction = true;
                }
            }
        }
        Facts {
            measure: if FLOW_SET.any_in_not_after(&lclause, FLOW_NOT_AFTER) || pr.adds {
                Measure::Flow
            } else {
                Measure::Level
            },
            lower_better: lower_is_better(&lname),
            name,
            name_start,
            lclause,
            lname,
            per,
        }
    }

    /// A numeric target from its clause and value group.
    pub(crate) fn numeric(&mut self, c: &Clause, g: &ValueGroup) -> Draft {
        let mut pr = self.predicate(c, g);
        let f = self.facts(c, g, &mut pr);
        let mut d = if let Some(d) = self.rank_ceiling(c, g, &f) {
            d
        } else if g.percent {
            self.percent_draft(c, g, &pr, &f)
        } else {
            self.quantity_draft(c, g, &pr, &f)
        };
        let rank = matches!(&d.spec, TargetSpec::Ceiling { value, .. } if value.unit == Unit::Count("hạng".into()));
        if d.wording.is_none() && !rank {
            d.wording = pr.wording;
        }
        d
    }

    /// "nằm trong Top 5", "ở nhóm 5 tỉnh … đứng đầu": a rank to reach, a ceiling in "hạng".
    fn rank_ceiling(&self, c: &Clause, g: &ValueGroup, f: &Facts) -> Option<Draft> {
        let tk = self.tk;
        // "Top 5", "xếp trong tốp 10 toàn quốc" (the Vietnamese spelling).
        let top = g.at > c.a && matches!(tk.w(g.at - 1), "top" | "tốp");
        let group = g.at > c.a
            && tk.w(g.at - 1) == "nhóm"
            && (g.end..c.b).any(|k| matches!(tk.w(k), "đầu" | "dẫn") && k > g.end);
        if !(top || group) || g.percent || g.high.is_some() {
            return None;
        }
        let mut e = g.at - 1;
        while e > c.a && matches!(tk.w(e - 1), "nằm" | "trong" | "ở" | "thuộc" | "vào" | "xếp")
        {
            e -= 1;
        }
        let s = self.strip_leading(c.a, e, &["duy trì và nâng cao", "duy trì", "nâng cao"]);
        let name = self.make_name(s, e, c.sub);
        let _ = f;
        Some(Draft::new(
            name,
            TargetSpec::Ceiling {
                comparator: Comparator::AtMost,
                value: Quantity::new(g.low, Unit::Count("hạng".into())),
            },
            c.sub,
        ))
    }

    /// A target whose value is a percentage.
    fn percent_draft(&mut self, c: &Clause, g: &ValueGroup, pr: &Predicate, f: &Facts) -> Draft {
        let tk = self.tk;
        let comparator = pr.cmp.unwrap_or(Comparator::AtLeast);
        if pr.reduction {
            let unit = if g.points || contains_any(&f.lname, &["tỷ lệ", "tỷ suất"]) {
                ReductionUnit::PercentagePoints
            } else {
                ReductionUnit::PercentOfBaseline
            };
            return Draft::new(
                f.name.clone(),
                TargetSpec::Reduction {
                    comparator,
                    value: g.low,
                    value_high: g.high,
                    unit,
                    per_year: g.per_year,
                },
                c.sub,
            );
        }
        if let Some(h) = g.high {
            return self.range_draft(
                c,
                f,
                Quantity::new(g.low, Unit::Percent),
                Quantity::new(h, Unit::Percent),
            );
        }
        if let Some(d) = self.ceiling(
            &f.name,
            pr.cmp,
            pr.end_level,
            f.lower_better,
            Quantity::new(g.low, Unit::Percent),
            (c.a, c.b),
            c.sub,
        ) {
            return d;
        }
        if f.lower_better {
            self.diag(
                c.a,
                c.b,
                Severity::Warning,
                "direction_conflict",
                format!(
                    "{:?} is usually lower-is-better but the text says {:?}",
                    f.name,
                    comparator.word_vi()
                ),
            );
        }
        let rest_start = g.end;
        // Value first: "Trên 90% tổ chức cơ sở đảng xếp loại …".
        if f.name.is_empty() && c.hint.is_none() {
            let rest_name = match g.after_noun {
                // "Có 75% hộ nông dân trở lên là hội viên": "Tỷ lệ hộ nông dân là hội viên".
                Some(k) => format!("{} {}", tk.text(rest_start, k), tk.text(k + 2, c.b)),
                None => tk.text(rest_start, c.b),
            };
            let of_end = self.share_of_end(rest_start, c.b);
            let of = of_end.map(|e| tk.text(rest_start, e));
            let name = if rest_name.is_empty() {
                String::new()
            } else {
                format!("Tỷ lệ {rest_name}")
            };
            let name = if c.sub { lower_first(&name) } else { name };
            if of.is_some() && !pr.share {
                return Draft::new(
                    name,
                    TargetSpec::ThresholdShare {
                        comparator,
                        value: g.low,
                        of,
                    },
                    c.sub,
                );
            }
            return self.rate_or_growth(name, comparator, g.low, pr.growth, c);
        }
        // "Tỷ lệ <units> … đạt tiêu chuẩn …".
        if let Some(e) = tk.phrase(f.name_start, "tỷ lệ", pr.start) {
            if let Some(of_end) = self.share_of_end(e, pr.start) {
                if !pr.share {
                    return Draft::new(
                        f.name.clone(),
                        TargetSpec::ThresholdShare {
                            comparator,
                            value: g.low,
                            of: Some(tk.text(e, of_end)),
                        },
                        c.sub,
                    );
                }
            }
        }
        let growth = pr.growth || (f.name.is_empty() && GROWTH_SET.any_in(&f.lname));
        let name = if growth || pr.share {
            f.name.clone()
        } else {
            self.verb_and_object(&f.name, rest_start, c)
        };
        self.rate_or_growth(name, comparator, g.low, growth, c)
    }

    /// "Xử lý 100% vi phạm hành chính", "Tiêm chủng đầy đủ cho 98% trẻ em dưới 1 tuổi": a
    /// share written after a verb names the target by the verb and the object after the
    /// figure ("Xử lý vi phạm hành chính"), not by the verb alone. An indicator's name ("Tỷ lệ
    /// …") or a tail that is no object ("so với …", "tại …", "trở lên") stays as it is.
    fn verb_and_object(&self, name: &str, from: usize, c: &Clause) -> String {
        let tk = self.tk;
        let lname = lowercase(name);
        let indicator = names_indicator(&lname) || lname.starts_with("mức");
        let mut s = from;
        while s < c.b && matches!(tk.w(s), "trở" | "lên") {
            s += 1;
        }
        let first = tk.w(s);
        // The base of a share is no object: "20% GDP", "120% dự toán", "100% chỉ tiêu" (but
        // "Hoàn thành 100% chỉ tiêu giao quân" is the duty and its object).
        let raw = tk.raw(s);
        let acronym = raw.chars().count() >= 2 && raw.chars().all(|ch| ch.is_uppercase());
        let base = acronym
            || matches!(first, "kế" | "dự" | "so" | "giá" | "tổng" | "dân")
            || (first == "chỉ" && !lname.ends_with("hoàn thành"));
        if name.is_empty()
            || indicator
            || base
            || s >= c.b
            || tk.kind(s) != Some(Kind::Word)
            || NOT_NOUNS.contains(&first)
            || PREDICATE_WORDS.contains(&first)
        {
            return name.to_string();
        }
        let mut e = s;
        while e < c.b
            && self.fig.depth(e) == self.fig.depth(s)
            && !tk.is_punct(e, ';')
            && !tk.is_punct(e, '(')
            && tk.phrase(e, "so với", c.b).is_none()
            && tk.phrase(e, "trong đó", c.b).is_none()
        {
            e += 1;
        }
        let e = super::trim_end(tk, s, e);
        if e <= s {
            return name.to_string();
        }
        format!("{name} {}", tk.text(s, e))
    }

    fn range_draft(
        &mut self,
        c: &Clause,
        f: &Facts,
        mut low: Quantity,
        mut high: Quantity,
    ) -> Draft {
        // "Số giường bệnh/vạn dân đạt từ 30 đến 35 giường": a range per population base.
        if let (Some(per), Unit::Count(noun)) = (f.per, &low.unit) {
            let base = if per == Decimal::ONE {
                "người".to_string()
            } else if per == Decimal::from(10_000) {
                "vạn dân".to_string()
            } else {
                format!("{} dân", crate::number::format_vn(per.normalize()))
            };
            let unit = Unit::Count(format!("{noun}/{base}"));
            low.unit = unit.clone();
            high.unit = unit;
        }
        let band = BAND_SET.any_in(&f.lclause);
        if band && low.unit == Unit::Percent {
            self.diag(
                c.a,
                c.b,
                Severity::Info,
                "band_range",
                "a band (lexicon): above the upper bound is not met".into(),
            );
        }
        Draft::new(
            f.name.clone(),
            TargetSpec::Range {
                low,
                high,
                above_high: if band {
                    AboveRange::NotMet
                } else {
                    AboveRange::Exceeded
                },
            },
            c.sub,
        )
    }

    /// The unit with the population base written after it ("ca/100.000 dân", "/100.000 trẻ
    /// đẻ sống"): the noun read after the number (if any), '/', and the base as written from
    /// its number on.
    fn base_unit(&self, g: &ValueGroup, unit: Option<&Unit>) -> Option<Unit> {
        let tk = self.tk;
        let (s, e) = g.per_span?;
        let from = (s..e).find(|&k| tk.is_num(k) || matches!(tk.w(k), "một" | "vạn"))?;
        let base = super::scan::collapse(&tk.text(from, e).to_lowercase());
        let noun = match unit {
            Some(Unit::Count(n)) if n != "đơn vị" => n.clone(),
            Some(Unit::Count(_)) | None => String::new(),
            Some(other) => other.to_string(),
        };
        Some(Unit::Count(format!("{noun}/{base}")))
    }

    /// The unit of a quantity: as read after the number, else the noun in the name, else
    /// "đơn vị" (reported).
    fn quantity_unit(&mut self, g: &ValueGroup, f: &Facts) -> Unit {
        if let Some((u, _, _)) = &g.unit {
            return u.clone();
        }
        // "dưới 46/100.000 trẻ đẻ sống": the base names what is counted against.
        if g.per_span.is_some_and(|(s, _)| self.tk.is_punct(s, '/')) {
            if let Some(u) = self.base_unit(g, None) {
                return u;
            }
        }
        if let Some(n) = COUNT_NOUNS_SET.first_in(&f.lname) {
            return Unit::Count(canonical_noun(n).to_string());
        }
        self.diag(
            g.at,
            g.end,
            Severity::Warning,
            "missing_unit",
            format!(
                "the number {:?} has no unit; counted as \"đơn vị\"",
                self.tk.raw(g.at)
            ),
        );
        Unit::Count("đơn vị".into())
    }

    /// A target whose value is a quantity (amount, count, per-capita value, ceiling…).
    fn quantity_draft(&mut self, c: &Clause, g: &ValueGroup, pr: &Predicate, f: &Facts) -> Draft {
        let comparator = pr.cmp.unwrap_or(Comparator::AtLeast);
        let unit = self.quantity_unit(g, f);
        let value = Quantity::scaled(g.low, g.scale, unit.clone());
        if pr.reduction {
            // "Giảm ít nhất 30 hộ nghèo": the name is what is counted.
            let name = if f.name.trim().is_empty() && g.unit.is_some() {
                self.quantity_name(c, g, f, &unit)
            } else {
                f.name.clone()
            };
            return Draft::new(
                name,
                TargetSpec::Reduction {
                    comparator,
                    value: g.low,
                    value_high: g.high,
                    unit: ReductionUnit::Absolute,
                    per_year: g.per_year,
                },
                c.sub,
            );
        }
        if let Some(h) = g.high {
            let high = Quantity::scaled(h, g.scale, unit);
            return self.range_draft(c, f, value, high);
        }
        // "dưới 120 ca/100.000 dân": a ceiling keeps its population base in the unit.
        let ceiling_value = match self.base_unit(g, g.unit.as_ref().map(|u| &u.0)) {
            Some(u) if f.per.is_some() => Quantity::scaled(g.low, g.scale, u),
            _ => value.clone(),
        };
        if let Some(d) = self.ceiling(
            &f.name,
            pr.cmp,
            pr.end_level,
            f.lower_better,
            ceiling_value,
            (c.a, c.b),
            c.sub,
        ) {
            return d;
        }
        let name = self.quantity_name(c, g, f, &unit);
        if let Some(per) = f.per {
            return Draft::new(
                name,
                TargetSpec::PerCapita {
                    comparator,
                    value,
                    per,
                    per_time: g.per_time,
                },
                c.sub,
            );
        }
        let unit_text = g
            .unit
            .as_ref()
            .map(|(_, s, e)| self.tk.text(*s, *e).to_lowercase())
            .unwrap_or_default();
        let is_amount = g.scale != Scale::One
            || matches!(unit, Unit::Currency(_) | Unit::Hectare)
            || MEASURE_UNITS.contains(&unit_text.as_str())
            || unit_text.contains('/');
        if is_amount {
            Draft::new(
                name,
                TargetSpec::Amount {
                    comparator,
                    value,
                    measure: f.measure,
                },
                c.sub,
            )
        } else {
            let noun = match unit {
                Unit::Count(n) => n,
                other => other.to_string(),
            };
            Draft::new(
                name,
                TargetSpec::Count {
                    comparator,
                    value: g.low,
                    noun,
                    measure: f.measure,
                },
                c.sub,
            )
        }
    }

    /// The name of a quantity target, rebuilt from the noun when the text starts with a verb:
    /// "Phấn đấu thành lập mới 380 doanh nghiệp" → "Doanh nghiệp thành lập mới".
    fn quantity_name(&self, c: &Clause, g: &ValueGroup, f: &Facts, unit: &Unit) -> String {
        let tk = self.tk;
        let pre_name = &f.name;
        let lpre = lowercase(pre_name);
        let unit_text = g
            .unit
            .as_ref()
            .map(|(_, s, e)| tk.text(*s, *e))
            .unwrap_or_default();
        let rest_name = tk.text(g.end, c.b);
        let pre_has_noun = !unit_text.is_empty() && lpre.contains(&unit_text.to_lowercase());
        let noun_rest = {
            let s = g.unit.as_ref().map(|(_, s, _)| *s).unwrap_or(g.end);
            let e = match g.per_span {
                Some((_, pe)) => pe,
                None => c.b,
            };
            let mut e2 = e;
            while e2 >= s + 2 && tk.phrase_before(e2, "trở lên", s).is_some() {
                e2 -= 2;
            }
            tk.text(s, e2)
        };
        if f.per.is_some() {
            return if !pre_name.is_empty() {
                pre_name.clone()
            } else if c.sub {
                noun_rest
            } else {
                capitalize(&noun_rest)
            };
        }
        let is_amount = g.scale != Scale::One
            || matches!(unit, Unit::Currency(_) | Unit::Hectare)
            || MEASURE_UNITS.contains(&unit_text.to_lowercase().as_str());
        // "Tỷ lệ giảm sinh 0,2‰", "Tỷ suất chết mẹ …": an indicator's name, not a verb
        // before its object; a symbol ('‰') is no noun to name the target by.
        let indicator = names_indicator(&lpre);
        let pre_is_verb = !pre_name.is_empty()
            && !pre_has_noun
            && !indicator
            && unit_text.chars().any(char::is_alphabetic)
            && !lpre.starts_with("số ")
            && !lpre.starts_with("tổng ");
        let ends_with_preposition = ["cho", "của", "với", "tại", "ở", "về"]
            .iter()
            .any(|w| lpre.ends_with(&format!(" {w}")));
        if pre_name.is_empty() {
            capitalize_if(&noun_rest, !c.sub)
        } else if ends_with_preposition {
            // "Giải quyết việc làm cho 25.000 lao động" → "Giải quyết việc làm cho lao động".
            format!("{pre_name} {noun_rest}")
        } else if !pre_is_verb {
            pre_name.clone()
        } else if is_amount && !matches!(unit, Unit::Count(_)) || !is_amount && g.unit.is_none() {
            // "Trồng mới 3.000 ha rừng" → "Trồng mới rừng".
            if rest_name.is_empty() {
                pre_name.clone()
            } else {
                format!("{pre_name} {rest_name}")
            }
        } else if is_amount {
            // "Thu hút 3,2 triệu lượt khách du lịch" → "Lượt khách du lịch".
            capitalize_if(&noun_rest, !c.sub)
        } else if lpre == "có thêm" {
            // "có thêm 08 xã đạt chuẩn nông thôn mới" → "Số xã đạt chuẩn nông thôn mới tăng thêm".
            capitalize_if(&format!("số {noun_rest} tăng thêm"), !c.sub)
        } else {
            // "thành lập mới 380 doanh nghiệp" → "Doanh nghiệp thành lập mới".
            capitalize_if(&format!("{noun_rest} {}", lower_first(pre_name)), !c.sub)
        }
    }

    /// The ceiling reading shared by percentages and quantities: a ceiling when the text says
    /// so ("không quá", "dưới"), states an end level ("xuống còn"), or writes no comparator for
    /// an indicator the lexicon knows as lower-is-better (then with an `assumed_ceiling`
    /// warning). `None` when none of these holds.
    #[allow(clippy::too_many_arguments)]
    fn ceiling(
        &mut self,
        name: &str,
        cmp: Option<Comparator>,
        end_level: bool,
        lower_better: bool,
        value: Quantity,
        (span_a, span_b): (usize, usize),
        sub: bool,
    ) -> Option<Draft> {
        let explicit = match cmp {
            Some(c @ (Comparator::AtMost | Comparator::Below)) => Some(c),
            _ => None,
        };
        if explicit.is_none() && !end_level && !(lower_better && cmp.is_none()) {
            return None;
        }
        if explicit.is_none() && !end_level {
            self.diag(
                span_a,
                span_b,
                Severity::Warning,
                "assumed_ceiling",
                if name.is_empty() {
                    // A table cell: the name is the row's, set after this.
                    "the indicator of this row is lower-is-better (lexicon) and no comparator is written: read as a ceiling (≤)".to_string()
                } else {
                    format!("{name:?} is a lower-is-better indicator (lexicon) and no comparator is written: read as a ceiling (≤)")
                },
            );
        }
        Some(Draft::new(
            name.to_string(),
            TargetSpec::Ceiling {
                comparator: explicit.unwrap_or(Comparator::AtMost),
                value,
            },
            sub,
        ))
    }

    /// If tokens from `a` start with a share unit followed (before `b`) by a standard verb,
    /// the index where the unit phrase ends.
    fn share_of_end(&self, a: usize, b: usize) -> Option<usize> {
        let tk = self.tk;
        tk.any_phrase(a, SHARE_UNITS, b)?;
        (a + 1..b).find(|&k| {
            tk.any_phrase(k, STANDARD_VERBS, b).is_some() && tk.phrase(k, "đạt chuẩn", b).is_none()
        })
    }

    fn rate_or_growth(
        &mut self,
        name: String,
        comparator: Comparator,
        value: Decimal,
        growth_pred: bool,
        c: &Clause,
    ) -> Draft {
        let lname = lowercase(&name);
        let growth = growth_pred || GROWTH_SET.any_in(&lname);
        if !growth && value > Decimal::ONE_HUNDRED {
            self.diag(
                c.a,
                c.b,
                Severity::Warning,
                "rate_above_100",
                format!("a rate of {value}% is above 100%"),
            );
        }
        let spec = if growth {
            TargetSpec::GrowthRate { comparator, value }
        } else {
            TargetSpec::Rate { comparator, value }
        };
        Draft::new(name, spec, c.sub)
    }

    /// The first token after leading fillers of `list` in `a..b`.
    pub(crate) fn strip_leading(&self, a: usize, b: usize, list: &[&str]) -> usize {
        let mut s = a;
        loop {
            while s < b
                && (self.tk.is_punct(s, '-')
                    || self.tk.is_punct(s, '+')
                    || self.tk.is_punct(s, ':')
                    || self.tk.is_punct(s, ',')
                    || self.tk.is_punct(s, '•'))
            {
                s += 1;
            }
            if let Some(e) = self.time_lead(s, b) {
                s = e;
                continue;
            }
            match self.tk.any_phrase(s, list, b) {
                Some((_, e)) if e <= b => s = e,
                _ => return s,
            }
        }
    }

    /// A leading time phrase followed by a comma: "Đến năm 2025, …", "Năm 2024, …", "Đến
    /// cuối nhiệm kỳ, …". Returns the token after the comma.
    fn time_lead(&self, s: usize, b: usize) -> Option<usize> {
        let tk = self.tk;
        let mut k = s;
        if tk.w(k) == "đến" {
            k += 1;
        }
        if tk.w(k) == "cuối" {
            k += 1;
        }
        let year = tk.w(k) == "năm" && tk.is_num(k + 1) && tk.w(k + 1).len() == 4;
        if year || (tk.phrase(k, "nhiệm kỳ", b).is_some() && k > s) {
            k += 2;
        } else {
            return None;
        }
        if k < b && tk.is_punct(k, ',') {
            return Some(k + 1);
        }
        // "Đến năm 2030 có thêm 6 xã …": the deadline before the verb.
        (tk.w(s) == "đến" && k < b && tk.kind(k) == Some(super::scan::Kind::Word)).then_some(k)
    }

    /// Name text of tokens `a..b`, trailing punctuation dropped, capitalised unless a
    /// sub-target.
    pub(crate) fn make_name(&self, a: usize, b: usize, sub: bool) -> String {
        let mut e = b;
        while e > a
            && (self.tk.is_punct(e - 1, ',')
                || self.tk.is_punct(e - 1, ':')
                || self.tk.is_punct(e - 1, '-')
                || self.tk.is_punct(e - 1, '.'))
        {
            e -= 1;
        }
        let t = self.tk.text(a, e);
        if sub {
            t
        } else {
            capitalize(&t)
        }
    }

    pub(crate) fn clean_name(&self, a: usize, b: usize, sub: bool) -> String {
        let s = self.strip_leading(a, b, LEADING_FILLERS);
        self.make_name(s, b, sub)
    }

    pub(crate) fn qualitative_name(&self, a: usize, b: usize, sub: bool) -> String {
        let s = self.strip_leading(a, b, QUALITATIVE_LEADS);
        self.make_name(s, b, sub)
    }
}

/// Whether a name (lowercase) names a lower-is-better indicator: a phrase of the lexicon,
/// not after a word naming who is helped or what is removed, and not among the beneficiaries
/// after "cho" ("… nhà cho hộ nghèo, hộ cận nghèo").
fn lower_is_better(lname: &str) -> bool {
    let head = lname.find(" cho ").map_or(lname, |k| &lname[..k]);
    LOWER_IS_BETTER_SET.any_in_not_after(head, LOWER_NOT_AFTER)
}

/// A name without the brackets it does not close: a target given in brackets ("Vận động Quỹ
/// … các cấp (chỉ tiêu: tối thiểu 45 tỷ đồng)") leaves "… các cấp (chỉ tiêu" before its
/// figure and ")" after it. The text from an unclosed "(" is dropped, a ")" that closes
/// nothing removed; balanced brackets are kept ("(GRDP)").
pub(crate) fn balanced(t: String) -> String {
    if !t.contains(['(', ')']) {
        return t;
    }
    let mut open: Vec<usize> = Vec::new();
    let mut stray: Vec<usize> = Vec::new();
    // '(' and ')' are ASCII: a byte scan finds them at char boundaries.
    for (i, b) in t.bytes().enumerate() {
        match b {
            b'(' => open.push(i),
            b')' if open.pop().is_none() => stray.push(i),
            _ => {}
        }
    }
    // Balanced, and the last group is not a figure's lead alone: the name as it is.
    let lead_only = |s: &str| {
        s.rfind('(').is_some_and(|o| {
            s[o..].find(')').is_some_and(|c| {
                let inner = s[o + 1..o + c].trim_matches([' ', ':']).to_lowercase();
                inner.is_empty() || super::figure::PAREN_LEADS.contains(&inner.as_str())
            })
        })
    };
    if open.is_empty() && stray.is_empty() && !lead_only(&t) {
        return t;
    }
    let cut = open.first().copied().unwrap_or(t.len());
    let mut out = String::with_capacity(cut);
    let mut from = 0;
    for &i in stray.iter().filter(|&&i| i < cut) {
        out.push_str(&t[from..i]);
        from = i + 1;
    }
    out.push_str(&t[from..cut]);
    let mut out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // "… các cấp (chỉ tiêu )": the brackets of the figure, left with their lead words only.
    while lead_only(&out) {
        let o = out.rfind('(').unwrap_or(0);
        let c = out[o..].find(')').map_or(out.len() - 1, |c| o + c);
        out = format!("{} {}", out[..o].trim_end(), out[c + 1..].trim_start());
    }
    out.trim_end_matches([',', ':', '-', ';', ' '])
        .trim_start_matches([',', ':', ';', ' '])
        .to_string()
}

fn capitalize_if(s: &str, cap: bool) -> String {
    if cap {
        capitalize(s)
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod zone_tests {
    use super::*;
    use crate::parse::normalize::Normalized;
    use crate::parse::scan::{tokenize, Toks};

    /// The token-wise zone tests give the answers of the text searches they replaced, on
    /// every short run of tokens of texts with numbers, punctuation and glued words.
    #[test]
    fn zone_tests_match_the_joined_text_searches() {
        let texts = [
            "Tỷ lệ hộ nghèo giảm không dưới 1,5%/năm; không vượt quá 3 vụ, tối đa 2; từ 8% trở \
             lên, cao hơn 5% (không thấp hơn 4,2%) - tăng thêm; còn dưới 2%. Khoảng 300 hộ",
            "kỳđạt ít nhất 90%, nhiều hơn năm trước; TTChỉ tiêu: giảm xuống còn ≤ 3; chiếm \
             trên 40% hơn nữa, không ít hơn 12 xã; vượt trên 10%. Đạt từ 80 - 90% ít hơn",
        ];
        let words: Vec<&str> = [AT_MOST, AT_LEAST, BELOW, ABOVE]
            .concat()
            .into_iter()
            .chain(["khoảng", "giảm", "xuống", "còn", "tăng", "chiếm"])
            .collect();
        let (mut found, mut ends) = (0, 0);
        for text in texts {
            let n = Normalized::new(text);
            let t = tokenize(&n);
            let tk = Toks { n: &n, t: &t };
            for p in 0..t.len() {
                for q in p..(p + 7).min(t.len() + 1) {
                    let zone: Vec<&str> = (p..q).map(|k| tk.w(k)).collect();
                    let joined = zone.join(" ");
                    for ph in &words {
                        let want = contains_word(&joined, ph);
                        assert_eq!(zone_has(&zone, ph), want, "{ph:?} in {joined:?}");
                        found += usize::from(want);
                        let want = joined.ends_with(ph)
                            && (joined.len() == ph.len()
                                || joined[..joined.len() - ph.len()].ends_with(' '));
                        assert_eq!(zone_ends_with(&zone, ph), want, "{ph:?} ends {joined:?}");
                        ends += usize::from(want);
                    }
                }
            }
        }
        assert!(
            found > 100 && ends > 20,
            "the texts exercise matches: {found} {ends}"
        );
    }
}
