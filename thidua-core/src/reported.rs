//! Reading a reported result as provinces write it (kết quả thực hiện): "ước đạt 6,5%", "hơn
//! 290 triệu USD", "đạt 102,6% kế hoạch", "giảm 1,2 điểm %", "vượt kế hoạch", "Xuất siêu",
//! "6,6-6,8%", "9,40% (KH tăng 10-11%)", "đạt 3,88% (số đã báo cáo là 4,39%)", "đạt 135,6% dự
//! toán Trung ương giao".
//!
//! [`read_result`] turns one phrase into a [`Reading`]: every figure it holds, each with its
//! role — the level reported, a share of plan (with the plan level it names), a change (with
//! what it is measured against), an excess over plan, a printed verdict, a plan figure or an
//! earlier estimate quoted in the phrase, the remaining level of a reduction, an equivalent in
//! another unit, a trade surplus or deficit — and its provenance (ước, dự kiến → estimate; sơ
//! bộ; chính thức). Every piece carries its byte range in the caller's string, and
//! [`ReadOutput::diagnostics`] says what was read where and what could not be read. The
//! reader does not know the target; [`Reading::to_entry`] applies a target's context (a
//! reduction's figure is the decrease; "xuất siêu" against a deficit target is a negative
//! deficit; an equivalent in the target's unit is preferred) and gives a [`ResultEntry`]
//! that the evaluation uses. The rules are listed in `docs/evaluation.md` §10.
//!
//! ```
//! use thidua_core::reported::read_result;
//! use thidua_core::{Provenance, Qualifier};
//! let r = read_result("ước đạt hơn 39.883 tỷ đồng (đạt 94,95% so với kế hoạch và tăng 3,77% so với năm 2022)");
//! let v = r.reading.value.as_ref().ok_or("not found")?;
//! assert_eq!((v.value.to_string().as_str(), v.qualifier), ("39883", Some(Qualifier::Over)));
//! assert_eq!(r.reading.provenance, Some(Provenance::Estimate));
//! assert_eq!(r.reading.shares[0].share.to_string(), "94.95");
//! assert_eq!(r.reading.changes[0].change.to_string(), "3.77");
//!
//! let r = read_result("đạt 3,88% (số đã báo cáo là 4,39%)");
//! assert_eq!(r.reading.earlier.as_ref().ok_or("not found")?.value.as_ref().ok_or("not found")?.value.to_string(), "4.39");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{ReductionUnit, Target, TargetSpec};
use crate::parse::lexicon::{COUNT_NOUNS, TIME_NOUNS};
use crate::parse::normalize::Normalized;
use crate::parse::{Diagnostic, Severity};
use crate::quantity::{Currency, Scale, Unit};
use crate::results::{ChangeFrom, ChangeUnit, Judgement, Provenance, Qualifier, ResultEntry};

/// One figure of a phrase: a value (or a range), how approximate, its scale and unit, where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Figure {
    /// The value (the lower end of a range).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub value: Decimal,
    /// The upper end of a range ("6,6-6,8%").
    #[serde(default, deserialize_with = "crate::decimal::deserialize_option")]
    pub value_high: Option<Decimal>,
    /// "hơn", "gần", "khoảng"…
    pub qualifier: Option<Qualifier>,
    /// The scale word after it ("tỷ", "triệu").
    pub scale: Option<Scale>,
    /// The unit after it ("%", "USD", "lao động"); `None` for a bare number.
    pub unit: Option<Unit>,
    /// Start byte offset in the phrase.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// A result as a percentage of plan ("đạt 102,6% kế hoạch", "vượt 17,6% kế hoạch" = 117,6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PlanShare {
    /// The share in % of plan.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub share: Decimal,
    /// How approximate ("đạt gần 39% kế hoạch").
    pub qualifier: Option<Qualifier>,
    /// The plan level as written after the share ("dự toán Trung ương giao", "kế hoạch").
    pub level: Option<String>,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

/// A result as a change ("tăng 8,8% so với cùng kỳ", "giảm 1,2 điểm %").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Change {
    /// Signed: positive = increase.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub change: Decimal,
    /// Its unit.
    pub unit: ChangeUnit,
    /// What it is measured against, when the phrase says.
    pub from: Option<ChangeFrom>,
    /// How approximate.
    pub qualifier: Option<Qualifier>,
    /// The scale of an absolute change.
    pub scale: Option<Scale>,
    /// The unit of an absolute change.
    pub value_unit: Option<Unit>,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

/// An amount above plan with the plan words before it ("vượt mức chỉ tiêu Trung ương giao
/// 22,2%", "vượt mục tiêu Nghị quyết 0,36%", "vượt 50 USD so với kế hoạch"). For a target
/// in %, a % excess is in percentage points; for any other target a % excess is relative to
/// the plan (122,2 % of plan); an excess in the target's unit is added to the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PlanExcess {
    /// The excess (a figure with its unit).
    pub amount: Figure,
    /// The plan level named ("Trung ương giao").
    pub level: Option<String>,
}

/// A verdict printed in the phrase ("vượt kế hoạch", "không đạt", "ở các cấp đều vượt").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Verdict {
    /// The verdict.
    pub verdict: Judgement,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
}

/// A trade balance stated as words ("xuất siêu", "nhập siêu").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    /// Xuất siêu — exports above imports.
    Surplus,
    /// Nhập siêu — imports above exports.
    Deficit,
}

/// Everything one phrase says. See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Reading {
    /// Estimate (ước, dự kiến…), preliminary (sơ bộ) or official (chính thức), when it says.
    pub provenance: Option<Provenance>,
    /// The level reported ("đạt 8,8%", "hơn 290 triệu USD", "61-62").
    pub value: Option<Figure>,
    /// Further levels in the phrase ("7,6 / 10,4"), not used.
    pub other_values: Vec<Figure>,
    /// Shares of plan, in order.
    pub shares: Vec<PlanShare>,
    /// Changes, in order.
    pub changes: Vec<Change>,
    /// Amounts above plan, in order.
    pub excesses: Vec<PlanExcess>,
    /// A verdict printed in the phrase.
    pub verdict: Option<Verdict>,
    /// A plan figure quoted in the phrase ("(KH tăng 10-11%)", "so với kế hoạch là 6,8%").
    pub stated_plan: Option<Figure>,
    /// An earlier figure quoted in the phrase ("(số đã báo cáo là 4,39%)"), read as a phrase.
    pub earlier: Option<Box<Reading>>,
    /// The level that remains after a reduction ("(còn 4,17%)").
    pub remaining: Option<Figure>,
    /// Equivalents in another unit ("tương đương 2,6% tổng kim ngạch xuất khẩu").
    pub equivalents: Vec<Figure>,
    /// A trade surplus or deficit stated as a word.
    pub balance: Option<Balance>,
    /// A previous-year figure quoted for comparison ("cao hơn so với năm 2021 (5,04%)").
    pub previous: Option<Figure>,
}

/// The output of [`read_result`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ReadOutput {
    /// What was read.
    pub reading: Reading,
    /// What was read where (info), and what could not be read (warnings, errors), with byte
    /// ranges into the phrase.
    pub diagnostics: Vec<Diagnostic>,
}

/// The diagnostic codes of [`read_result`] and their severities.
///
/// ```
/// use thidua_core::reported::READ_CODES;
/// assert!(READ_CODES.iter().any(|(c, _)| *c == "share_of_plan"));
/// ```
pub const READ_CODES: &[(&str, Severity)] = &[
    ("provenance", Severity::Info),
    ("value", Severity::Info),
    ("qualifier", Severity::Info),
    ("share_of_plan", Severity::Info),
    ("change", Severity::Info),
    ("plan_excess", Severity::Info),
    ("verdict", Severity::Info),
    ("stated_plan", Severity::Info),
    ("earlier_figure", Severity::Info),
    ("remaining_level", Severity::Info),
    ("equivalent", Severity::Info),
    ("balance", Severity::Info),
    ("previous_figure", Severity::Info),
    ("several_values", Severity::Warning),
    ("invalid_number", Severity::Warning),
    ("unclosed_parenthesis", Severity::Warning),
    ("unread_figure", Severity::Warning),
    ("basically_met_verdict", Severity::Warning),
    ("no_result", Severity::Error),
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Word(String),
    Punct(char),
}

#[derive(Debug, Clone)]
struct T {
    tok: Tok,
    start: usize,
    end: usize,
}

fn tokenize(n: &Normalized, diags: &mut Vec<(usize, usize, &'static str, String)>) -> Vec<T> {
    let s = n.lower.as_str();
    let b = s.as_bytes();
    let mut out: Vec<T> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        let prev_is_num = matches!(
            out.last(),
            Some(T {
                tok: Tok::Num(_),
                ..
            })
        ) || matches!(
            out.last(),
            Some(T {
                tok: Tok::Punct('%'),
                ..
            })
        );
        let minus = (c == '-' || c == '+')
            && !prev_is_num
            && b.get(i + 1).is_some_and(|x| x.is_ascii_digit());
        if c.is_ascii_digit() || minus {
            let start = i;
            let mut j = i + 1;
            while j < s.len() && (b[j].is_ascii_digit() || b[j] == b'.' || b[j] == b',') {
                j += 1;
            }
            // Trailing separators are punctuation ("8,8," / "2022.").
            let mut end = j;
            while end > start + 1 && (b[end - 1] == b'.' || b[end - 1] == b',') {
                end -= 1;
            }
            let raw = &s[start..end];
            match crate::number::parse_vn(raw) {
                Ok(d) => out.push(T {
                    tok: Tok::Num(d),
                    start,
                    end,
                }),
                Err(e) => {
                    diags.push((start, end, "invalid_number", e.to_string()));
                    // A figure that cannot be read still stands for a figure (the clause
                    // is not a bare verdict).
                    out.push(T {
                        tok: Tok::Word("#".to_string()),
                        start,
                        end,
                    });
                }
            }
            i = end;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i;
            for ch in s[i..].chars() {
                if ch.is_alphanumeric() || ch == '\'' {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            out.push(T {
                tok: Tok::Word(s[start..j].to_string()),
                start,
                end: j,
            });
            i = j;
            continue;
        }
        let p = match c {
            '‰' => '‰',
            '–' | '—' => '-',
            ';' => ';',
            ':' => ':',
            _ => c,
        };
        out.push(T {
            tok: Tok::Punct(p),
            start: i,
            end: i + cl,
        });
        i += cl;
    }
    out
}

fn word(t: &T) -> Option<&str> {
    match &t.tok {
        Tok::Word(w) => Some(w),
        _ => None,
    }
}

fn is_boundary(t: &T) -> bool {
    matches!(t.tok, Tok::Punct(',' | ';' | ':' | '(' | ')' | '.')) || word(t) == Some("và")
}

/// A parsed number with its unit and position.
#[derive(Debug, Clone)]
struct Mention {
    fig: Figure,
    /// Token indices: the first word of the lead, the number, the end of unit, the end of trail.
    lead: Vec<String>,
    trail: Vec<String>,
    trail_orig: (usize, usize),
    /// The enclosing parenthesis' lead (words between "(" and the first number).
    paren: Option<Vec<String>>,
    /// Words just before the "(" of the enclosing parenthesis.
    before_paren: Vec<String>,
    /// Whether the parenthesis holds nothing but figures.
    paren_bare: bool,
    index: usize,
}

const SCALE_WORDS: &[(&str, Scale)] = &[
    ("nghìn", Scale::Thousand),
    ("ngàn", Scale::Thousand),
    ("vạn", Scale::TenThousand),
    ("triệu", Scale::Million),
    ("tỷ", Scale::Billion),
];

/// Reads the scale and unit after a number at token `k`; returns them and the next index.
fn read_unit(toks: &[T], mut k: usize) -> (Option<Scale>, Option<Unit>, usize) {
    let mut scale = None;
    if let Some(w) = toks.get(k).and_then(word) {
        if let Some((_, s)) = SCALE_WORDS.iter().find(|(x, _)| *x == w) {
            scale = Some(*s);
            k += 1;
            // nghìn tỷ / triệu tỷ
            if let Some(w2) = toks.get(k).and_then(word) {
                if w2 == "tỷ" {
                    if let Some(s2) = Scale::from_word(&format!("{w} tỷ")) {
                        scale = Some(s2);
                        k += 1;
                    }
                }
            }
        }
    }
    let unit = match toks.get(k).map(|t| &t.tok) {
        Some(Tok::Punct('%')) => {
            k += 1;
            Some(Unit::Percent)
        }
        Some(Tok::Punct('‰')) => {
            k += 1;
            Some(Unit::Count("‰".into()))
        }
        Some(Tok::Word(w)) => {
            let w = w.as_str();
            if w == "điểm" {
                match toks.get(k + 1).map(|t| &t.tok) {
                    Some(Tok::Punct('%')) => {
                        k += 2;
                        Some(Unit::PercentagePoint)
                    }
                    Some(Tok::Word(x)) if x == "phần" => {
                        k += 3;
                        Some(Unit::PercentagePoint)
                    }
                    _ => {
                        k += 1;
                        Some(Unit::Count("điểm".into()))
                    }
                }
            } else if w == "đồng" || w == "vnđ" || w == "vnd" || w == "đ" {
                k += 1;
                Some(Unit::Currency(Currency::Vnd))
            } else if w == "usd" {
                k += 1;
                Some(Unit::Currency(Currency::Usd))
            } else if w == "ha" || w == "hecta" {
                k += 1;
                Some(Unit::Hectare)
            } else if w == "lần" {
                k += 1;
                Some(Unit::Count("lần".into()))
            } else {
                // The longest counted noun of the lexicon that matches the next words.
                let mut best: Option<(&str, usize)> = None;
                for noun in COUNT_NOUNS {
                    let parts: Vec<&str> = noun.split(' ').collect();
                    let ok = parts
                        .iter()
                        .enumerate()
                        .all(|(o, p)| toks.get(k + o).and_then(word) == Some(*p));
                    if ok && best.is_none_or(|(_, n)| parts.len() > n) {
                        best = Some((noun, parts.len()));
                    }
                }
                match best {
                    Some((noun, n)) => {
                        k += n;
                        Some(Unit::Count(noun.to_string()))
                    }
                    None => None,
                }
            }
        }
        _ => None,
    };
    // A population base after the unit ("/người", "/1 vạn dân").
    if unit.is_some() && matches!(toks.get(k).map(|t| &t.tok), Some(Tok::Punct('/'))) {
        let mut j = k + 1;
        if matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Num(_))) {
            j += 1;
        }
        let mut took = false;
        while let Some(w) = toks.get(j).and_then(word) {
            if ["người", "vạn", "dân", "năm"].contains(&w) {
                j += 1;
                took = true;
            } else {
                break;
            }
        }
        if took {
            k = j;
        }
    }
    (scale, unit, k)
}

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("không quá", Qualifier::AtMost),
    ("tối đa", Qualifier::AtMost),
    ("ít nhất", Qualifier::AtLeast),
    ("tối thiểu", Qualifier::AtLeast),
    ("xấp xỉ", Qualifier::About),
    ("khoảng", Qualifier::About),
    ("chừng", Qualifier::About),
    ("gần", Qualifier::Nearly),
    ("hơn", Qualifier::Over),
    ("trên", Qualifier::Over),
    ("dưới", Qualifier::Under),
];

fn plan_word_at(words: &[String], i: usize) -> bool {
    let w = words.get(i).map(String::as_str).unwrap_or("");
    let next = words.get(i + 1).map(String::as_str).unwrap_or("");
    matches!(
        (w, next),
        ("kế", "hoạch") | ("dự", "toán") | ("chỉ", "tiêu") | ("nghị", "quyết") | ("mục", "tiêu")
    ) || w == "kh"
        || w == "nq"
}

fn has_plan_word(words: &[String]) -> bool {
    (0..words.len()).any(|i| plan_word_at(words, i))
}

/// The trail starts with plan words (possibly after "so với" / "so").
fn plan_trail(trail: &[String]) -> bool {
    let mut i = 0;
    if trail.first().map(String::as_str) == Some("so") {
        i = 1;
        if trail.get(1).map(String::as_str) == Some("với") {
            i = 2;
        }
    }
    plan_word_at(trail, i)
}

fn ends_with(words: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    words.len() >= p.len()
        && words[words.len() - p.len()..]
            .iter()
            .zip(&p)
            .all(|(a, b)| a == b)
}

fn contains_seq(words: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(p.len())
        .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

/// The qualifier written right before the number (after dropping "đạt", "là", "ở mức").
fn lead_qualifier(lead: &[String]) -> Option<Qualifier> {
    let mut l: Vec<String> = lead.to_vec();
    while let Some(last) = l.last() {
        if ["đạt", "là", "ở", "mức", "được"].contains(&last.as_str()) {
            l.pop();
        } else {
            break;
        }
    }
    QUALIFIERS
        .iter()
        .find(|(w, _)| ends_with(&l, w))
        .map(|(_, q)| *q)
        .or_else(|| {
            // "đạt khoảng" / "ước đạt hơn": the qualifier is right before the number.
            QUALIFIERS
                .iter()
                .find(|(w, _)| ends_with(lead, w))
                .map(|(_, q)| *q)
        })
}

/// Whether a lead holds nothing but "là" and qualifier words ("là dưới", "khoảng").
fn only_qualifier(lead: &[String]) -> bool {
    lead.iter()
        .all(|w| w == "là" || QUALIFIERS.iter().any(|(q, _)| q.split(' ').any(|p| p == w)))
}

/// The last verb of the lead that decides the role of the number.
fn lead_verb(lead: &[String]) -> Option<&'static str> {
    for w in lead.iter().rev() {
        match w.as_str() {
            "tăng" => return Some("tăng"),
            "giảm" => return Some("giảm"),
            "vượt" => return Some("vượt"),
            "bằng" => return Some("bằng"),
            "gấp" => return Some("gấp"),
            "đạt" | "là" | "hoàn" => return Some("đạt"),
            "còn" => return Some("còn"),
            _ => {}
        }
    }
    None
}

fn change_from(trail: &[String]) -> Option<ChangeFrom> {
    if contains_seq(trail, "cùng kỳ") || trail.iter().any(|w| w == "ck") {
        Some(ChangeFrom::SamePeriod)
    } else if contains_seq(trail, "năm trước")
        || contains_seq(trail, "so với năm")
        || contains_seq(trail, "so năm")
        || contains_seq(trail, "thực hiện năm")
    {
        Some(ChangeFrom::PreviousYear)
    } else {
        None
    }
}

fn provenance_of(words: &[String]) -> Option<(Provenance, usize)> {
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(String::as_str).unwrap_or("");
        match (w.as_str(), next) {
            ("ước", _) => return Some((Provenance::Estimate, i)),
            ("dự", "kiến") | ("dự", "ước") => return Some((Provenance::Estimate, i)),
            ("sơ", "bộ") => return Some((Provenance::Preliminary, i)),
            ("chính", "thức") => return Some((Provenance::Official, i)),
            _ => {}
        }
    }
    None
}

/// "cơ bản đạt", "cơ bản hoàn thành": a printed verdict below đạt (basically met).
fn basically_met_words(words: &[String]) -> bool {
    contains_seq(words, "cơ bản đạt") || contains_seq(words, "cơ bản hoàn thành")
}

fn verdict_of(words: &[String]) -> Option<Judgement> {
    let has = |p: &str| contains_seq(words, p);
    // "Cơ bản đạt" is not đạt: read literally (không đạt), with a warning (`read_tokens`).
    if has("không đạt")
        || has("chưa đạt")
        || has("không hoàn thành")
        || has("chưa hoàn thành")
        || basically_met_words(words)
    {
        return Some(Judgement::NotMet);
    }
    if words.iter().any(|w| w == "vượt") {
        return Some(Judgement::Exceeded);
    }
    if has("hoàn thành") || words.iter().any(|w| w == "đạt") {
        return Some(Judgement::Met);
    }
    None
}

/// Reads one reported-result phrase. Never fails: what cannot be read is a diagnostic.
///
/// ```
/// use thidua_core::reported::read_result;
/// use thidua_core::{ChangeUnit, Judgement};
/// let r = read_result("giảm 1,2 điểm %");
/// assert_eq!((r.reading.changes[0].change.to_string().as_str(), r.reading.changes[0].unit), ("-1.2", ChangeUnit::PercentagePoints));
/// let r = read_result("9,40% (KH tăng 10-11%)");
/// let plan = r.reading.stated_plan.as_ref().ok_or("not found")?;
/// assert_eq!((plan.value.to_string().as_str(), plan.value_high.ok_or("not found")?.to_string().as_str()), ("10", "11"));
/// assert_eq!(read_result("vượt kế hoạch").reading.verdict.ok_or("not found")?.verdict, Judgement::Exceeded);
/// let r = read_result("đạt 135,6% dự toán Trung ương giao");
/// assert_eq!(r.reading.shares[0].level.as_deref(), Some("dự toán Trung ương giao"));
/// assert_eq!(read_result("").diagnostics[0].code, "no_result");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_result(text: &str) -> ReadOutput {
    let n = Normalized::new(text);
    let mut raw_diags = Vec::new();
    let toks = tokenize(&n, &mut raw_diags);
    let mut diags: Vec<Diagnostic> = raw_diags
        .into_iter()
        .map(|(a, b, code, msg)| {
            let (s, e) = n.to_orig(a, b);
            Diagnostic {
                start: s,
                end: e,
                severity: Severity::Warning,
                code: code.into(),
                message: msg,
            }
        })
        .collect();
    let reading = read_tokens(&n, &toks, 0, toks.len(), &mut diags);
    let empty = reading.value.is_none()
        && reading.shares.is_empty()
        && reading.changes.is_empty()
        && reading.excesses.is_empty()
        && reading.verdict.is_none()
        && reading.balance.is_none();
    if empty {
        diags.push(Diagnostic {
            start: 0,
            end: text.len(),
            severity: Severity::Error,
            code: "no_result".into(),
            message: "no figure, share of plan, change or verdict could be read".into(),
        });
    }
    diags.sort_by_key(|d| (d.start, d.end));
    ReadOutput {
        reading,
        diagnostics: diags,
    }
}

/// The normalised text between two offsets, trimmed: the level of plan a share names
/// ("dự toán Trung ương giao") is kept in this form (spaces unified, NFC), as the target's
/// levels are matched against it.
fn normalized_text(n: &Normalized, a: usize, b: usize) -> String {
    n.slice(a, b).trim().to_string()
}

fn read_tokens(
    n: &Normalized,
    toks: &[T],
    from: usize,
    to: usize,
    diags: &mut Vec<Diagnostic>,
) -> Reading {
    let mut r = Reading::default();
    let diag = |diags: &mut Vec<Diagnostic>, a: usize, b: usize, code: &str, msg: String| {
        let (s, e) = n.to_orig(a, b);
        let severity = READ_CODES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, s)| *s)
            .unwrap_or(Severity::Info);
        diags.push(Diagnostic {
            start: s,
            end: e,
            severity,
            code: code.into(),
            message: msg,
        });
    };
    let (mentions, clause_words) = scan_mentions(n, toks, from, to, &mut r, diags, &diag);
    read_provenance_and_balance(toks, from, to, &clause_words, &mut r, diags, &diag);
    assign_roles(n, &mentions, &mut r, diags, &diag);
    read_verdict(n, &clause_words, &mut r, diags);
    spans_to_original(n, &mut r);
    r
}

/// The words of one clause of a phrase: (words, start, end, parenthesis depth).
type ClauseWords = (Vec<String>, usize, usize, usize);

/// Pass 1 of [`read_tokens`]: the figures mentioned (with their lead and trail words), the
/// words of each clause, parentheses; an earlier figure quoted in parentheses is read into
/// `r.earlier`.
fn scan_mentions(
    n: &Normalized,
    toks: &[T],
    from: usize,
    to: usize,
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) -> (Vec<Mention>, Vec<ClauseWords>) {
    let start = toks.get(from).map(|t| t.start).unwrap_or(0);
    let mut s = Scan {
        n,
        toks,
        to,
        diag,
        mentions: Vec::new(),
        lead: Vec::new(),
        parens: Vec::new(),
        clause_words: Vec::new(),
        cur_clause: Vec::new(),
        cur_start: start,
        cur_end: start,
        last_words: Vec::new(),
    };
    let mut k = from;
    while k < to {
        let t = &toks[k];
        k = match &t.tok {
            Tok::Punct('(') => s.open_paren(k, r, diags),
            Tok::Punct(')') => {
                s.close_clause();
                s.parens.pop();
                s.lead.clear();
                s.cur_start = toks.get(k + 1).map(|t| t.start).unwrap_or(t.end);
                k + 1
            }
            Tok::Num(v) if is_time_number(toks, k, from, *v) => {
                // A year or a number of months is a word of the clause, not a figure.
                s.lead.push(v.to_string());
                s.cur_clause.push(v.to_string());
                s.cur_end = t.end;
                k + 1
            }
            Tok::Num(v) => s.figure(k, *v),
            Tok::Word(w) => {
                s.word(w, t.end);
                k + 1
            }
            Tok::Punct(c) => {
                if is_boundary(t) {
                    s.close_clause();
                    s.lead.clear();
                    s.last_words.clear();
                    s.cur_start = toks.get(k + 1).map(|x| x.start).unwrap_or(t.end);
                } else if *c == '/' {
                    s.lead.push("/".into());
                }
                k + 1
            }
        };
    }
    s.close_clause();
    (s.mentions, s.clause_words)
}

/// The state of [`scan_mentions`] as it walks the tokens `from..to` of a phrase.
struct Scan<'a> {
    n: &'a Normalized,
    toks: &'a [T],
    to: usize,
    diag: &'a DiagFn<'a>,
    /// The figures read so far.
    mentions: Vec<Mention>,
    /// The words since the last figure or boundary: the lead of the next figure.
    lead: Vec<String>,
    /// The open parentheses, innermost last.
    parens: Vec<Paren>,
    /// The clauses closed so far.
    clause_words: Vec<ClauseWords>,
    /// The words of the clause being read ("#" for a figure), its start and end.
    cur_clause: Vec<String>,
    cur_start: usize,
    cur_end: usize,
    /// The words since the last boundary (a figure's trail, then the words after it).
    last_words: Vec<String>,
}

/// An open parenthesis while a phrase is scanned.
struct Paren {
    /// The words between "(" and its first figure.
    lead: Vec<String>,
    /// The words just before the "(".
    before: Vec<String>,
    /// Whether it holds nothing but figures.
    bare: bool,
    /// Whether a figure has been read inside it.
    seen_figure: bool,
}

/// Whether the number at token `k` is a year ("năm 2022") or a number of months or other
/// time nouns ("9 tháng"): a word of the clause, not a figure.
fn is_time_number(toks: &[T], k: usize, from: usize, v: Decimal) -> bool {
    let prev = if k > from { word(&toks[k - 1]) } else { None };
    let next = toks.get(k + 1).and_then(word);
    let is_year = prev.is_some_and(|p| p == "năm" || p == "kỳ")
        && v.fract().is_zero()
        && v >= Decimal::from(1900)
        && v <= Decimal::from(2200);
    let is_time = next.is_some_and(|w| TIME_NOUNS.contains(&w)) && v.fract().is_zero();
    is_year || is_time
}

/// The index of the ")" that closes the "(" at token `k`, if any before `to`.
fn closing_paren(toks: &[T], k: usize, to: usize) -> Option<usize> {
    (k + 1..to)
        .scan(1i32, |d, j| {
            match toks[j].tok {
                Tok::Punct('(') => *d += 1,
                Tok::Punct(')') => *d -= 1,
                _ => {}
            }
            Some((j, *d))
        })
        .find(|(_, d)| *d == 0)
        .map(|(j, _)| j)
}

/// Whether a parenthesis whose first words are `inner` quotes an earlier figure ("(số đã báo
/// cáo là …)").
fn quotes_earlier(inner: &[String]) -> bool {
    contains_seq(inner, "đã báo cáo")
        || contains_seq(inner, "báo cáo trước")
        || contains_seq(inner, "số ước trước")
}

/// A figure's trail: the words after its unit up to a boundary, a number or a verb.
struct Trail {
    words: Vec<String>,
    start: usize,
    end: usize,
    /// The token after the trail.
    next: usize,
}

impl Scan<'_> {
    /// Ends the clause being read, if it has words.
    fn close_clause(&mut self) {
        if !self.cur_clause.is_empty() {
            self.clause_words.push((
                std::mem::take(&mut self.cur_clause),
                self.cur_start,
                self.cur_end,
                self.parens.len(),
            ));
        }
    }

    /// A word: part of the lead, of the clause and of the open parenthesis' lead.
    fn word(&mut self, w: &str, end: usize) {
        self.lead.push(w.to_string());
        self.last_words.push(w.to_string());
        if let Some(p) = self.parens.last_mut() {
            if !p.seen_figure {
                p.lead.push(w.to_string());
            }
        }
        self.cur_clause.push(w.to_string());
        self.cur_end = end;
    }

    /// The "(" at token `k`: an earlier figure read as a phrase of its own (then skipped), or
    /// a parenthesis opened. Returns the next token to read.
    fn open_paren(&mut self, k: usize, r: &mut Reading, diags: &mut Vec<Diagnostic>) -> usize {
        let (toks, to) = (self.toks, self.to);
        let t = &toks[k];
        self.close_clause();
        let close = closing_paren(toks, k, to);
        let inner: Vec<String> = toks[k + 1..close.unwrap_or(to)]
            .iter()
            .take(6)
            .filter_map(|t| word(t).map(str::to_string))
            .collect();
        if quotes_earlier(&inner) {
            let end = close.unwrap_or(to);
            self.read_earlier(k, end, r, diags);
            self.lead.clear();
            self.cur_start = toks.get(end + 1).map(|t| t.start).unwrap_or(self.cur_end);
            return end + 1;
        }
        let bare = toks[k + 1..close.unwrap_or(to)]
            .iter()
            .all(|t| !matches!(t.tok, Tok::Word(_)));
        if close.is_none() {
            (self.diag)(
                diags,
                t.start,
                t.end,
                "unclosed_parenthesis",
                "a parenthesis is not closed".into(),
            );
        }
        self.parens.push(Paren {
            lead: Vec::new(),
            before: self.last_words.clone(),
            bare,
            seen_figure: false,
        });
        self.lead.clear();
        self.cur_start = toks.get(k + 1).map(|t| t.start).unwrap_or(t.end);
        k + 1
    }

    /// "(số đã báo cáo là …)" from token `k` to `end`: the earlier figure, read as a phrase
    /// of its own (after the lead words up to "là" or the first figure) into `r.earlier`.
    fn read_earlier(&self, k: usize, end: usize, r: &mut Reading, diags: &mut Vec<Diagnostic>) {
        let toks = self.toks;
        let mut s = k + 1;
        while s < end && !matches!(toks[s].tok, Tok::Num(_)) {
            if word(&toks[s]) == Some("là") {
                s += 1;
                break;
            }
            s += 1;
        }
        let sub = read_tokens(self.n, toks, s, end, diags);
        (self.diag)(
            diags,
            toks[k].start,
            toks.get(end).map(|t| t.end).unwrap_or(toks[end - 1].end),
            "earlier_figure",
            "an earlier figure quoted in the phrase".into(),
        );
        r.earlier = Some(Box::new(sub));
    }

    /// The figure whose number is at token `k`: its range, scale, unit and trail, with the
    /// lead and the parenthesis it is in. Returns the next token to read.
    fn figure(&mut self, k: usize, v: Decimal) -> usize {
        let toks = self.toks;
        let (scale, unit, value_high, j) = read_amount(toks, k);
        let end = toks[j - 1].end;
        let tr = read_trail(toks, j, self.to, end);
        let paren = self
            .parens
            .last()
            .map(|p| (p.lead.clone(), p.before.clone(), p.bare));
        if let Some(p) = self.parens.last_mut() {
            p.seen_figure = true;
        }
        let (paren, before_paren, paren_bare) = match paren {
            Some((lead, before, bare)) => (Some(lead), before, bare),
            None => (None, Vec::new(), false),
        };
        self.mentions.push(Mention {
            fig: Figure {
                value: v,
                value_high,
                qualifier: lead_qualifier(&self.lead),
                scale,
                unit,
                start: toks[k].start,
                end,
            },
            lead: self.lead.clone(),
            trail: tr.words.clone(),
            trail_orig: (tr.start, tr.end),
            paren,
            before_paren,
            paren_bare,
            index: self.mentions.len(),
        });
        let next = tr.next.max(j);
        self.cur_clause.push("#".into());
        self.cur_clause.extend(tr.words.iter().cloned());
        self.cur_end = toks[next - 1].end;
        self.lead.clear();
        self.last_words = tr.words;
        next
    }
}

/// The scale and unit after the number at token `k`, and a range's upper figure ("6,6-6,8%",
/// "7 - 7,5%", "139 - 141 triệu đồng", "từ 2 đến 3"); with the token after them.
fn read_amount(toks: &[T], k: usize) -> (Option<Scale>, Option<Unit>, Option<Decimal>, usize) {
    let (mut scale, mut unit, mut j) = read_unit(toks, k + 1);
    let mut value_high = None;
    let dash = matches!(toks.get(j).map(|x| &x.tok), Some(Tok::Punct('-')))
        || toks.get(j).and_then(word) == Some("đến");
    if dash {
        if let Some(T {
            tok: Tok::Num(h), ..
        }) = toks.get(j + 1)
        {
            let (s2, u2, j2) = read_unit(toks, j + 2);
            value_high = Some(*h);
            scale = scale.or(s2);
            unit = unit.or(u2);
            j = j2;
        }
    }
    (scale, unit, value_high, j)
}

/// The trail of a figure whose unit ends before token `j` (at byte `end`): the words up to a
/// boundary, a number (but a year, "so với năm 2022") or a verb; qualifier words right
/// before a next number belong to it ("là dưới 4%").
fn read_trail(toks: &[T], j: usize, to: usize, end: usize) -> Trail {
    let mut tr = Vec::new();
    let mut m = j;
    let tr_start = toks.get(j).map(|x| x.start).unwrap_or(end);
    let mut tr_end = tr_start;
    while m < to {
        let x = &toks[m];
        if is_boundary(x) {
            break;
        }
        match &x.tok {
            Tok::Word(w) => {
                if !tr.is_empty()
                    && ["tăng", "giảm", "đạt", "bằng", "vượt", "ước", "cao"].contains(&w.as_str())
                {
                    break;
                }
                tr.push(w.clone());
                tr_end = x.end;
            }
            Tok::Num(d) => {
                // A year inside the trail ("so với năm 2022").
                let p = if m > 0 { word(&toks[m - 1]) } else { None };
                if p.is_some_and(|p| p == "năm") && d.fract().is_zero() {
                    tr.push(d.to_string());
                    tr_end = x.end;
                } else {
                    break;
                }
            }
            Tok::Punct(_) => break,
        }
        m += 1;
    }
    if matches!(toks.get(m).map(|x| &x.tok), Some(Tok::Num(_))) {
        while m > j
            && tr.last().is_some_and(|w: &String| {
                QUALIFIERS.iter().any(|(q, _)| q.split(' ').any(|p| p == w))
            })
        {
            tr.pop();
            m -= 1;
        }
        tr_end = if m > j { toks[m - 1].end } else { tr_start };
    }
    Trail {
        words: tr,
        start: tr_start,
        end: tr_end,
        next: m,
    }
}

/// The provenance (ước thực hiện, sơ bộ…) and a trade balance (xuất siêu, nhập siêu) stated
/// in the words of a phrase.
fn read_provenance_and_balance(
    toks: &[T],
    from: usize,
    to: usize,
    clause_words: &[ClauseWords],
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) {
    // Provenance: the first estimate word outside an earlier figure.
    let all_words: Vec<String> = clause_words
        .iter()
        .flat_map(|c| c.0.iter().cloned())
        .collect();
    if let Some((p, _)) = provenance_of(&all_words) {
        r.provenance = Some(p);
        diag(
            diags,
            toks.get(from).map(|t| t.start).unwrap_or(0),
            toks.get(to.saturating_sub(1)).map(|t| t.end).unwrap_or(0),
            "provenance",
            format!("read as {}", p.label_en()),
        );
    }
    // Trade balance.
    if let Some(i) = all_words
        .windows(2)
        .position(|w| (w[0] == "xuất" || w[0] == "nhập") && w[1] == "siêu")
    {
        let b = if all_words[i] == "xuất" {
            Balance::Surplus
        } else {
            Balance::Deficit
        };
        r.balance = Some(b);
        let (a, e) = clause_words
            .iter()
            .find(|c| {
                contains_seq(
                    &c.0,
                    if b == Balance::Surplus {
                        "xuất siêu"
                    } else {
                        "nhập siêu"
                    },
                )
            })
            .map(|c| (c.1, c.2))
            .unwrap_or((0, 0));
        diag(
            diags,
            a,
            e,
            "balance",
            format!(
                "a trade {}",
                if b == Balance::Surplus {
                    "surplus"
                } else {
                    "deficit"
                }
            ),
        );
    }
}

/// Pass 2 of [`read_tokens`]: the role of each mentioned figure (the value, the plan, a share,
/// a change, an excess, an equivalent…).
fn assign_roles(
    n: &Normalized,
    mentions: &[Mention],
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) {
    let mut force_plan: Option<usize> = None;
    for m in mentions {
        if force_plan == Some(m.index) {
            put_quoted(r, m.fig.clone(), Quoted::StatedPlan, diags, diag);
            continue;
        }
        // "so với kế hoạch là 6,8%": the next figure is the plan.
        if (ends_with(&m.trail, "là")
            || ends_with(&m.trail, "kế hoạch")
            || ends_with(&m.trail, "mục tiêu"))
            && has_plan_word(&m.trail)
            && mentions
                .get(m.index + 1)
                .is_some_and(|x| only_qualifier(&x.lead))
        {
            force_plan = Some(m.index + 1);
            push_value(r, m.fig.clone(), diags, diag);
            continue;
        }
        if let Some(role) = quoted_role(m) {
            put_quoted(r, m.fig.clone(), role, diags, diag);
            continue;
        }
        if read_by_verb(n, m, r, diags, diag) {
            continue;
        }
        if m.lead
            .windows(2)
            .any(|w| (w[0] == "xuất" || w[0] == "nhập") && w[1] == "siêu")
        {
            let f = &m.fig;
            diag(
                diags,
                f.start,
                f.end,
                "balance",
                "the size of the trade balance".into(),
            );
        }
        push_value(r, m.fig.clone(), diags, diag);
    }
}

/// A figure quoted beside the result rather than reported as it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoted {
    /// A plan figure ("(KH tăng 10-11%)", "kế hoạch là 139 - 141").
    StatedPlan,
    /// The level that remains after a reduction ("(còn 4,17%)").
    Remaining,
    /// A previous-year figure ("so với năm 2021 (5,04%)").
    Previous,
    /// The same figure in another unit ("tương đương 2,6%").
    Equivalent,
}

/// The quoted role of a figure, from its parenthesis and its lead: a plan figure, a
/// remaining level, a previous-year figure or an equivalent; `None` for a figure reported.
fn quoted_role(m: &Mention) -> Option<Quoted> {
    let verb = lead_verb(&m.lead);
    // Inside a parenthesis: "(KH tăng 10-11%)", "(còn 4,17%)", "(7,0% - 7,5%)" after a verdict.
    if let Some(pl) = m.paren.as_deref() {
        if has_plan_word(pl) || has_plan_word(&m.lead) {
            return Some(Quoted::StatedPlan);
        }
        if pl.iter().any(|w| w == "còn") || m.lead.iter().any(|w| w == "còn") {
            return Some(Quoted::Remaining);
        }
        if m.paren_bare {
            if has_plan_word(&m.before_paren)
                || m.before_paren.iter().any(|w| w == "vượt" || w == "đề")
            {
                return Some(Quoted::StatedPlan);
            }
            if contains_seq(&m.before_paren, "so với năm")
                || contains_seq(&m.before_paren, "năm trước")
                || m.before_paren
                    .iter()
                    .any(|w| w.len() == 4 && w.starts_with("20"))
            {
                return Some(Quoted::Previous);
            }
        }
    }
    if m.lead.iter().any(|w| w == "còn") && verb == Some("còn") {
        return Some(Quoted::Remaining);
    }
    if contains_seq(&m.lead, "tương đương") {
        return Some(Quoted::Equivalent);
    }
    // "kế hoạch là 139 - 141", "mục tiêu là 6 - 6,5%" (not after "vượt").
    if has_plan_word(&m.lead)
        && verb != Some("vượt")
        && verb != Some("tăng")
        && verb != Some("giảm")
    {
        return Some(Quoted::StatedPlan);
    }
    None
}

/// Records a quoted figure in its place, with its diagnostic.
fn put_quoted(
    r: &mut Reading,
    f: Figure,
    role: Quoted,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) {
    let (code, message) = match role {
        Quoted::StatedPlan => ("stated_plan", "a plan figure quoted in the phrase"),
        Quoted::Remaining => ("remaining_level", "the level that remains"),
        Quoted::Previous => (
            "previous_figure",
            "a previous-year figure quoted for comparison",
        ),
        Quoted::Equivalent => ("equivalent", "the same figure in another unit"),
    };
    diag(diags, f.start, f.end, code, message.into());
    match role {
        Quoted::StatedPlan => r.stated_plan = Some(f),
        Quoted::Remaining => r.remaining = Some(f),
        Quoted::Previous => r.previous = Some(f),
        Quoted::Equivalent => r.equivalents.push(f),
    }
}

/// A figure read by its verb and trail: a share of plan ("đạt 102% kế hoạch", "vượt 2%
/// kế hoạch", "gấp 2,46 lần so kế hoạch"), an excess over plan or a change. False when they
/// give it no such role.
fn read_by_verb(
    n: &Normalized,
    m: &Mention,
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) -> bool {
    let f = &m.fig;
    let verb = lead_verb(&m.lead);
    let pct = f.unit == Some(Unit::Percent);
    let to_plan = plan_trail(&m.trail);
    let hundred = Decimal::ONE_HUNDRED;
    match verb {
        Some("vượt") if has_plan_word(&m.lead) => {
            // "vượt mức chỉ tiêu Trung ương giao 22,2%": an amount above plan.
            let pos = (0..m.lead.len())
                .find(|i| plan_word_at(&m.lead, *i))
                .unwrap_or(0);
            let lvl = m.lead[pos..].join(" ");
            diag(
                diags,
                f.start,
                f.end,
                "plan_excess",
                "an amount above plan".into(),
            );
            r.excesses.push(PlanExcess {
                amount: f.clone(),
                level: Some(lvl).filter(|s| !s.is_empty()),
            });
        }
        Some("vượt") if pct && to_plan => {
            push_share(n, m, hundred.checked_add(f.value), r, diags, diag)
        }
        Some("vượt") if to_plan => {
            diag(
                diags,
                f.start,
                f.end,
                "plan_excess",
                "an amount above plan".into(),
            );
            r.excesses.push(PlanExcess {
                amount: f.clone(),
                level: level_text(n, m),
            });
        }
        Some("tăng") if pct && to_plan => {
            push_share(n, m, hundred.checked_add(f.value), r, diags, diag)
        }
        Some("giảm") if pct && to_plan => {
            push_share(n, m, hundred.checked_sub(f.value), r, diags, diag)
        }
        Some("tăng") | Some("giảm") => push_change(m, verb == Some("giảm"), r, diags, diag),
        Some("gấp") if to_plan => push_share(n, m, f.value.checked_mul(hundred), r, diags, diag),
        Some("bằng") if pct && !to_plan && change_from(&m.trail).is_some() => {
            push_change_on_last_year(m, r, diags, diag)
        }
        _ if pct && to_plan => push_share(n, m, Some(f.value), r, diags, diag),
        _ => return false,
    }
    true
}

/// The level of plan a share or an excess names: its trail ("so với kế hoạch" → "kế hoạch").
fn level_text(n: &Normalized, m: &Mention) -> Option<String> {
    let (x, y) = m.trail_orig;
    let t = normalized_text(n, x, y);
    let t = t
        .trim_start_matches("so với ")
        .trim_start_matches("So với ")
        .trim_start_matches("so ")
        .to_string();
    if t.is_empty() {
        None
    } else {
        Some(t)
    }
}

/// "tăng 8,8% so với cùng kỳ", "giảm 1,2 điểm %": a change, negative for a decrease.
fn push_change(
    m: &Mention,
    down: bool,
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) {
    let f = &m.fig;
    let sign = if down { -Decimal::ONE } else { Decimal::ONE };
    let unit = match &f.unit {
        Some(Unit::Percent) => ChangeUnit::Percent,
        Some(Unit::PercentagePoint) => ChangeUnit::PercentagePoints,
        _ => ChangeUnit::Absolute,
    };
    diag(diags, f.start, f.end, "change", "a change".into());
    r.changes.push(Change {
        change: f.value * sign,
        unit,
        from: change_from(&m.trail),
        qualifier: f.qualifier,
        scale: f.scale,
        value_unit: if unit == ChangeUnit::Absolute {
            f.unit.clone()
        } else {
            None
        },
        start: f.start,
        end: m.trail_orig.1.max(f.end),
    });
}

/// "bằng 110% so với cùng kỳ": a change of +10 %.
fn push_change_on_last_year(
    m: &Mention,
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) {
    let f = &m.fig;
    let Some(change) = f.value.checked_sub(Decimal::ONE_HUNDRED) else {
        too_large(diags, f.start, f.end, diag);
        return;
    };
    diag(
        diags,
        f.start,
        f.end,
        "change",
        "a change (as a share of last year)".into(),
    );
    r.changes.push(Change {
        change,
        unit: ChangeUnit::Percent,
        from: change_from(&m.trail),
        qualifier: f.qualifier,
        scale: None,
        value_unit: None,
        start: f.start,
        end: m.trail_orig.1.max(f.end),
    });
}

/// The verdict of a phrase: a clause with a verdict word and no figure of its own.
fn read_verdict(
    n: &Normalized,
    clause_words: &[ClauseWords],
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
) {
    // Verdict: a clause with a verdict word and no figure of its own.
    for (words, s, e, _) in clause_words {
        if words.iter().any(|w| w == "#") {
            // "đạt 8,8%": the verb is a predicate. A verdict may still follow in the same
            // clause after the figure ("tăng 9,22% vượt mục tiêu").
            let after: Vec<String> = words
                .iter()
                .rev()
                .take_while(|w| *w != "#")
                .cloned()
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if after.iter().any(|w| w == "vượt") && has_plan_word(&after) {
                r.verdict.get_or_insert(Verdict {
                    verdict: Judgement::Exceeded,
                    start: *s,
                    end: *e,
                });
            }
            continue;
        }
        if let Some(v) = verdict_of(words) {
            if r.verdict.is_none() {
                let (a, b) = n.to_orig(*s, *e);
                diags.push(Diagnostic {
                    start: a,
                    end: b,
                    severity: Severity::Info,
                    code: "verdict".into(),
                    message: format!("a printed verdict: {v:?}"),
                });
                if basically_met_words(words) {
                    diags.push(Diagnostic {
                        start: a,
                        end: b,
                        severity: Severity::Warning,
                        code: "basically_met_verdict".into(),
                        message: "“cơ bản đạt” (basically met) is not đạt: a judgement has no \
                                  basically-met level, so it is read literally as not met \
                                  (not counted in “đạt và vượt”)"
                            .into(),
                    });
                }
                let (a, b) = (*s, *e);
                r.verdict = Some(Verdict {
                    verdict: v,
                    start: a,
                    end: b,
                });
            }
        }
    }
}

/// Moves the spans of the figures, shares, changes and verdict from the normalised text to the
/// original.
fn spans_to_original(n: &Normalized, r: &mut Reading) {
    // Spans of verdicts and figures in the original.
    let fix = |f: &mut Figure| {
        let (a, b) = n.to_orig(f.start, f.end);
        f.start = a;
        f.end = b;
    };
    if let Some(f) = r.value.as_mut() {
        fix(f);
    }
    for f in &mut r.other_values {
        fix(f);
    }
    for f in &mut r.equivalents {
        fix(f);
    }
    for f in [&mut r.stated_plan, &mut r.remaining, &mut r.previous]
        .into_iter()
        .flatten()
    {
        fix(f);
    }
    for x in &mut r.excesses {
        fix(&mut x.amount);
    }
    for s in &mut r.shares {
        let (a, b) = n.to_orig(s.start, s.end);
        s.start = a;
        s.end = b;
    }
    for c in &mut r.changes {
        let (a, b) = n.to_orig(c.start, c.end);
        c.start = a;
        c.end = b;
    }
    if let Some(v) = r.verdict.as_mut() {
        let (a, b) = n.to_orig(v.start, v.end);
        v.start = a;
        v.end = b;
    }
}

type DiagFn<'a> = dyn Fn(&mut Vec<Diagnostic>, usize, usize, &str, String) + 'a;

fn push_value(r: &mut Reading, f: Figure, diags: &mut Vec<Diagnostic>, diag: &DiagFn<'_>) {
    if r.value.is_none() {
        diag(diags, f.start, f.end, "value", "the level reported".into());
        if let Some(q) = f.qualifier {
            diag(
                diags,
                f.start,
                f.end,
                "qualifier",
                format!("approximate: {}", q.word_en()),
            );
        }
        r.value = Some(f);
    } else {
        diag(
            diags,
            f.start,
            f.end,
            "several_values",
            "a further value in the phrase; only the first is used".into(),
        );
        r.other_values.push(f);
    }
}

/// A share computed from a figure ("vượt X%" = 100 + X) that leaves the decimal range.
fn too_large(diags: &mut Vec<Diagnostic>, start: usize, end: usize, diag: &DiagFn<'_>) {
    diag(
        diags,
        start,
        end,
        "invalid_number",
        "the figure is too large to compute a share or change from".into(),
    );
}

/// A share of plan read from figure `m` (`share` is `None` when computing it left the
/// decimal range), with the figure's qualifier and the level its trail names.
fn push_share(
    n: &Normalized,
    m: &Mention,
    share: Option<Decimal>,
    r: &mut Reading,
    diags: &mut Vec<Diagnostic>,
    diag: &DiagFn<'_>,
) {
    let (start, end) = (m.fig.start, m.trail_orig.1.max(m.fig.end));
    let Some(share) = share else {
        too_large(diags, start, end, diag);
        return;
    };
    diag(
        diags,
        start,
        end,
        "share_of_plan",
        format!("{share}% of plan"),
    );
    r.shares.push(PlanShare {
        share,
        qualifier: m.fig.qualifier,
        level: level_text(n, m),
        start,
        end,
    });
}

impl Reading {
    /// Whether the phrase holds a result (a figure, a share, a change, an excess, a verdict
    /// or a trade balance).
    pub fn has_result(&self) -> bool {
        self.value.is_some()
            || !self.shares.is_empty()
            || !self.changes.is_empty()
            || !self.excesses.is_empty()
            || self.verdict.is_some()
            || self.balance.is_some()
    }

    /// The result fields of a row for `target`, filled from this reading into a copy of
    /// `base` (whose unit, target, period, provenance, date, source and note are kept; a
    /// provenance read from the phrase is used when `base` has none). The target's context
    /// decides (`docs/evaluation.md` §10):
    ///
    /// * for a **reduction**, the figure reported is the decrease achieved (as the target
    ///   itself is stated), and a remaining level ("còn 4,17%") is the level now;
    /// * "xuất siêu" (surplus) against a target on the deficit ("nhập siêu"), or the reverse,
    ///   is a negative figure, and "xuất siêu" with no figure is a deficit below 0;
    /// * a figure whose unit does not fit the target is replaced by an equivalent that does
    ///   ("7 tỷ USD, tương đương 2,6%" for a target in %);
    /// * an excess over plan ("vượt mức chỉ tiêu … 22,2%") is points above plan for a target in
    ///   %, else a share of plan (122,2);
    /// * otherwise the level, else the first share of plan, else the first change, else the
    ///   verdict (then the row is a verdict only).
    ///
    /// Errors say why the phrase gives no result for the target.
    ///
    /// ```
    /// use thidua_core::reported::read_result;
    /// use thidua_core::{Directive, Period, ResultEntry};
    /// // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
    /// // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
    /// // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
    /// # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
    /// # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
    /// # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
    /// # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
    /// # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
    /// # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
    /// let base = ResultEntry::new("Kon Tum", "8", Period::year(2024)); // poverty rate, a reduction
    /// let e = read_result("giảm 4,1%").reading.to_entry(d.target("8").ok_or("no target 8")?, &base)?;
    /// assert_eq!(e.change.ok_or("not found")?.to_string(), "-4.1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_entry(&self, target: &Target, base: &ResultEntry) -> Result<ResultEntry, String> {
        let mut e = self.cleared(base);
        let spec = &target.spec;
        let target_unit = entry_unit(spec);
        let flip = self.flips(target);
        // The figure that fits the target.
        let fig = self.fitting_figure(target_unit.as_ref())?;
        if let Some(v) = &self.verdict {
            e.judgement = Some(v.verdict);
        }
        if let Some(f) = fig {
            match spec {
                TargetSpec::Reduction { unit: ru, .. } => self.put_decrease(&mut e, f, *ru),
                _ => put_level(&mut e, f, flip),
            }
            return Ok(e);
        }
        if flip {
            // "Xuất siêu" against a deficit target: the deficit is below 0.
            e.value = Some(Decimal::ZERO);
            e.qualifier = Some(Qualifier::Under);
            e.value_unit = target_unit.filter(|u| *u == Unit::Percent);
            return Ok(e);
        }
        if let Some(s) = self.shares.first() {
            e.share_of_plan = Some(s.share);
            e.qualifier = s.qualifier;
            e.plan_level = s.level.clone();
            return Ok(e);
        }
        if let Some(x) = self.excesses.first() {
            put_excess(&mut e, x, spec, target_unit.as_ref())?;
            return Ok(e);
        }
        if let Some(c) = self.changes.first() {
            put_change(&mut e, c);
            return Ok(e);
        }
        if self.verdict.is_some() {
            return Ok(e);
        }
        if self.balance.is_some() {
            return Err(format!(
                "the phrase states a trade {} without a figure; the target {:?} is not named as a trade surplus or deficit",
                if self.balance == Some(Balance::Surplus) { "surplus (xuất siêu)" } else { "deficit (nhập siêu)" },
                target.name
            ));
        }
        Err("no figure, share of plan, change or verdict could be read".into())
    }

    /// A copy of `base` without its result fields; the provenance read from the phrase when
    /// `base` has none.
    fn cleared(&self, base: &ResultEntry) -> ResultEntry {
        let mut e = base.clone();
        e.value = None;
        e.value_high = None;
        e.qualifier = None;
        e.share_of_plan = None;
        e.plan_level = None;
        e.change = None;
        e.change_unit = None;
        e.change_from = None;
        e.judgement = None;
        if e.provenance.is_none() {
            e.provenance = self.provenance;
        }
        e
    }

    /// Whether the trade balance of the phrase is the opposite of the one the target is
    /// named on ("xuất siêu" against "nhập siêu"): its figure is then negative.
    fn flips(&self, target: &Target) -> bool {
        let name = target.name.to_lowercase();
        let on_deficit = name.contains("nhập siêu");
        let on_surplus = name.contains("xuất siêu");
        match self.balance {
            Some(Balance::Surplus) => on_deficit,
            Some(Balance::Deficit) => on_surplus,
            None => false,
        }
    }

    /// The level, or else an equivalent, whose unit fits the target's; an error when the
    /// level's unit does not fit and no equivalent does.
    fn fitting_figure(&self, target_unit: Option<&Unit>) -> Result<Option<&Figure>, String> {
        let fits = |f: &&Figure| fits_unit(f.unit.as_ref(), target_unit);
        match &self.value {
            Some(f) if fits(&f) => Ok(Some(f)),
            Some(f) => match self.equivalents.iter().find(fits) {
                Some(x) => Ok(Some(x)),
                None => Err(format!(
                    "the figure is in {} but the target is measured in {}",
                    f.unit.as_ref().map(|u| u.to_string()).unwrap_or_default(),
                    target_unit
                        .map(|u| u.to_string())
                        .unwrap_or_else(|| "a judgement".into())
                )),
            },
            None => Ok(self.equivalents.iter().find(fits)),
        }
    }

    /// A reduction's figure is the decrease achieved; a remaining level is the level now.
    fn put_decrease(&self, e: &mut ResultEntry, f: &Figure, ru: ReductionUnit) {
        e.change = Some(-f.value);
        e.change_unit = Some(match (ru, &f.unit) {
            (ReductionUnit::Absolute, _) => ChangeUnit::Absolute,
            (_, Some(Unit::PercentagePoint)) => ChangeUnit::PercentagePoints,
            (ReductionUnit::PercentagePoints, _) => ChangeUnit::PercentagePoints,
            (ReductionUnit::PercentOfBaseline, _) => ChangeUnit::Percent,
        });
        e.qualifier = f.qualifier;
        if ru == ReductionUnit::Absolute {
            e.scale = stated_scale(f.scale, f.unit.as_ref()).or(e.scale);
        }
        if let Some(rem) = &self.remaining {
            e.value = Some(rem.value);
        }
    }
}

/// The unit a target's figure is read in: % for a reduction in points, else its result unit.
fn entry_unit(spec: &TargetSpec) -> Option<Unit> {
    match spec {
        TargetSpec::Reduction {
            unit: ReductionUnit::PercentagePoints,
            ..
        } => Some(Unit::Percent),
        _ => spec.result_unit(),
    }
}

/// Whether a figure's unit fits the target's (no unit on either side fits; điểm % fits %).
fn fits_unit(u: Option<&Unit>, target_unit: Option<&Unit>) -> bool {
    match (u, target_unit) {
        (None, _) | (_, None) => true,
        (Some(u), Some(t)) => {
            t.compatibility(u) != crate::quantity::UnitMatch::Mismatch
                || (*t == Unit::Percent && *u == Unit::PercentagePoint)
        }
    }
}

/// The level (or range) reported, negated when the trade balance flips; its scale and unit.
fn put_level(e: &mut ResultEntry, f: &Figure, flip: bool) {
    let sign = if flip { -Decimal::ONE } else { Decimal::ONE };
    e.value = Some(f.value * sign);
    e.value_high = f.value_high.map(|h| h * sign);
    if let (Some(lo), Some(hi)) = (e.value, e.value_high) {
        if hi < lo {
            e.value = Some(hi);
            e.value_high = Some(lo);
        }
    }
    e.qualifier = if flip {
        f.qualifier.map(Qualifier::reversed)
    } else {
        f.qualifier
    };
    e.scale = stated_scale(f.scale, f.unit.as_ref()).or(e.scale);
    if let Some(u) = &f.unit {
        if *u != Unit::PercentagePoint {
            e.value_unit = Some(u.clone());
        }
    }
}

/// An excess over plan: points above plan for a target in % (or an amount in the target's
/// unit, added to its plan figure in its scale), else a share of plan (100 + X).
fn put_excess(
    e: &mut ResultEntry,
    x: &PlanExcess,
    spec: &TargetSpec,
    target_unit: Option<&Unit>,
) -> Result<(), String> {
    let in_pct = target_unit == Some(&Unit::Percent);
    match &x.amount.unit {
        Some(Unit::Percent) if !in_pct => {
            e.share_of_plan = Some(
                Decimal::ONE_HUNDRED
                    .checked_add(x.amount.value)
                    .ok_or_else(|| "the excess over plan is too large".to_string())?,
            );
        }
        _ => {
            // An amount above the plan figure, in the target's unit: converted into
            // the target's scale first ("vượt 0,5 nghìn tỷ" against 4.600 tỷ).
            let plan = spec_figure(spec)
                .ok_or_else(|| "an excess over plan needs a target with a figure".to_string())?;
            let target_scale = spec.result_scale();
            let amount = match stated_scale(x.amount.scale, x.amount.unit.as_ref()) {
                Some(from) => crate::quantity::rescale(x.amount.value, from, target_scale, "")
                    .map_err(|_| "the excess over plan is too large".to_string())?,
                None => x.amount.value,
            };
            e.value = Some(
                plan.checked_add(amount)
                    .ok_or_else(|| "the excess over plan is too large".to_string())?,
            );
            e.scale = Some(target_scale);
        }
    }
    e.qualifier = x.amount.qualifier;
    e.plan_level = x.level.clone();
    Ok(())
}

/// A change: its size, unit, base period and qualifier; the scale and unit of an absolute one.
fn put_change(e: &mut ResultEntry, c: &Change) {
    e.change = Some(c.change);
    e.change_unit = Some(c.unit);
    e.change_from = c.from;
    e.qualifier = c.qualifier;
    if c.unit == ChangeUnit::Absolute {
        e.scale = stated_scale(c.scale, c.value_unit.as_ref()).or(e.scale);
        e.value_unit = c.value_unit.clone();
    }
}

/// The scale a phrase states for a figure: its scale word; a unit written without one
/// ("290.000.000 USD", "trên 5.200 người") is in units (scale one); a bare number ("2.007")
/// or a percentage states none (it is read in the target's scale).
fn stated_scale(scale: Option<Scale>, unit: Option<&Unit>) -> Option<Scale> {
    match (scale, unit) {
        (Some(s), _) => Some(s),
        (None, Some(Unit::Percent | Unit::PercentagePoint)) | (None, None) => None,
        (None, Some(_)) => Some(Scale::One),
    }
}

/// The plan figure of a target (the lower bound of a range), in its own scale.
pub(crate) fn spec_figure(spec: &TargetSpec) -> Option<Decimal> {
    match spec {
        TargetSpec::Rate { value, .. }
        | TargetSpec::GrowthRate { value, .. }
        | TargetSpec::ThresholdShare { value, .. }
        | TargetSpec::Count { value, .. }
        | TargetSpec::Reduction { value, .. } => Some(*value),
        TargetSpec::PerCapita { value, .. }
        | TargetSpec::Amount { value, .. }
        | TargetSpec::Ceiling { value, .. } => Some(value.value),
        TargetSpec::Range { low, .. } => Some(low.value),
        TargetSpec::RankImprovement { places, .. } => Some(Decimal::from(*places)),
        TargetSpec::Reference { value, .. } => *value,
        TargetSpec::CompositeDecrease { .. } | TargetSpec::Qualitative {} => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn approximate_values_and_units() {
        let r = read_result("hơn 290 triệu USD").reading;
        let v = r.value.unwrap();
        assert_eq!(v.value, d("290"));
        assert_eq!(v.qualifier, Some(Qualifier::Over));
        assert_eq!(v.scale, Some(Scale::Million));
        assert_eq!(v.unit, Some(Unit::Currency(Currency::Usd)));
        let r = read_result("trên 3,2 triệu lượt").reading;
        assert_eq!(r.value.unwrap().unit, Some(Unit::Count("lượt".into())));
        let r = read_result("gần 14.500 lao động").reading;
        assert_eq!(r.value.as_ref().unwrap().qualifier, Some(Qualifier::Nearly));
        assert_eq!(r.value.unwrap().value, d("14500"));
        let r = read_result("ước đạt 8,2%").reading;
        assert_eq!(r.provenance, Some(Provenance::Estimate));
        assert_eq!(r.value.unwrap().qualifier, None);
        let r = read_result("Khoảng 24").reading;
        assert_eq!(r.value.unwrap().qualifier, Some(Qualifier::About));
        let r = read_result("-4,13%").reading;
        assert_eq!(r.value.unwrap().value, d("-4.13"));
        let r = read_result("đạt 4.283 USD/người").reading;
        assert_eq!(r.value.unwrap().unit, Some(Unit::Currency(Currency::Usd)));
    }

    #[test]
    fn ranges() {
        for (text, lo, hi) in [
            ("6,6-6,8%", "6.6", "6.8"),
            ("61-62", "61", "62"),
            ("cả năm ước đạt 2 - 3%", "2", "3"),
            ("7,0% - 7,5%", "7.0", "7.5"),
        ] {
            let v = read_result(text).reading.value.unwrap();
            assert_eq!((v.value, v.value_high), (d(lo), Some(d(hi))), "{text}");
        }
    }

    #[test]
    fn shares_and_levels() {
        let r = read_result("đạt 102,6% kế hoạch").reading;
        assert_eq!(r.shares[0].share, d("102.6"));
        assert!(r.value.is_none());
        let r = read_result("vượt 17,6% kế hoạch năm").reading;
        assert_eq!(r.shares[0].share, d("117.6"));
        let r = read_result("tăng 1,9% so với dự toán Trung ương giao").reading;
        assert_eq!(r.shares[0].share, d("101.9"));
        assert_eq!(
            r.shares[0].level.as_deref(),
            Some("dự toán Trung ương giao")
        );
        let r = read_result("ước đạt 5.533 tỷ đồng (đạt 101,9% so với dự toán Trung ương giao, đạt 93,6% so với dự toán HĐND tỉnh giao, giảm 2,6% so với năm 2022)").reading;
        assert_eq!(r.value.unwrap().value, d("5533"));
        assert_eq!(r.shares.len(), 2);
        assert_eq!(r.shares[1].level.as_deref(), Some("dự toán HĐND tỉnh giao"));
        assert_eq!(r.changes[0].change, d("-2.6"));
        assert_eq!(r.changes[0].from, Some(ChangeFrom::PreviousYear));
        let r = read_result("thu ngân sách vượt mức chỉ tiêu Trung ương giao 22,2%").reading;
        assert_eq!(r.excesses[0].amount.value, d("22.2"));
        assert!(r.verdict.is_none());
        let r = read_result("đạt gần 39% kế hoạch").reading;
        assert_eq!(r.shares[0].qualifier, Some(Qualifier::Nearly));
    }

    #[test]
    fn changes() {
        let r = read_result("tăng 8,8% so với cùng kỳ").reading;
        assert_eq!(
            (r.changes[0].change, r.changes[0].from),
            (d("8.8"), Some(ChangeFrom::SamePeriod))
        );
        let r = read_result("tăng 8,95 triệu đồng so với năm 2023").reading;
        let c = &r.changes[0];
        assert_eq!(
            (c.unit, c.scale, c.from),
            (
                ChangeUnit::Absolute,
                Some(Scale::Million),
                Some(ChangeFrom::PreviousYear)
            )
        );
        let r = read_result("giảm 4%").reading;
        assert_eq!(
            (r.changes[0].change, r.changes[0].unit),
            (d("-4"), ChangeUnit::Percent)
        );
        let r = read_result("bằng 110% so với cùng kỳ").reading;
        assert_eq!(r.changes[0].change, d("10"));
    }

    #[test]
    fn embedded_figures() {
        let r = read_result("đạt khoảng 2% so với kế hoạch là 6,8%").reading;
        assert_eq!(r.value.as_ref().unwrap().value, d("2"));
        assert_eq!(r.stated_plan.unwrap().value, d("6.8"));
        let r = read_result("đạt 142,3 triệu đồng, kế hoạch là 139 - 141 triệu đồng").reading;
        assert_eq!(r.value.unwrap().value, d("142.3"));
        assert_eq!(r.stated_plan.unwrap().value_high, Some(d("141")));
        let r = read_result("4,39% so với kế hoạch là dưới 4%").reading;
        assert_eq!(r.value.unwrap().value, d("4.39"));
        assert_eq!(r.stated_plan.unwrap().qualifier, Some(Qualifier::Under));
        let r = read_result("0,86% (còn 4,17%)").reading;
        assert_eq!(r.remaining.unwrap().value, d("4.17"));
        let r =
            read_result("Tốc độ tăng tổng kim ngạch xuất khẩu đạt 7% (số đã báo cáo là khoảng 1%)")
                .reading;
        assert_eq!(r.value.unwrap().value, d("7"));
        let e = r.earlier.unwrap();
        assert_eq!(e.value.unwrap().qualifier, Some(Qualifier::About));
        let r =
            read_result("ước tính tăng 8,89% so với năm 2021, vượt kế hoạch đề ra (7,0% - 7,5%)")
                .reading;
        assert_eq!(r.changes[0].change, d("8.89"));
        assert_eq!(r.verdict.unwrap().verdict, Judgement::Exceeded);
        assert_eq!(r.stated_plan.unwrap().value_high, Some(d("7.5")));
        let r = read_result("tăng 11,2% cao hơn so với năm 2021 (5,04%)").reading;
        assert_eq!(r.changes[0].change, d("11.2"));
        assert_eq!(r.previous.unwrap().value, d("5.04"));
    }

    #[test]
    fn verdicts_and_balance() {
        assert_eq!(
            read_result("Vượt").reading.verdict.unwrap().verdict,
            Judgement::Exceeded
        );
        assert_eq!(
            read_result("không đạt").reading.verdict.unwrap().verdict,
            Judgement::NotMet
        );
        assert_eq!(
            read_result("chưa đạt").reading.verdict.unwrap().verdict,
            Judgement::NotMet
        );
        assert_eq!(
            read_result("tỷ lệ trường đạt chuẩn Quốc gia ở các cấp đều vượt")
                .reading
                .verdict
                .unwrap()
                .verdict,
            Judgement::Exceeded
        );
        assert!(read_result("đạt 8,8%").reading.verdict.is_none());
        // "Cơ bản đạt" / "cơ bản hoàn thành" is below đạt: read literally as not met, and said.
        for text in ["Cơ bản đạt", "cơ bản hoàn thành kế hoạch"] {
            let out = read_result(text);
            assert_eq!(
                out.reading.verdict.unwrap().verdict,
                Judgement::NotMet,
                "{text}"
            );
            let w = out
                .diagnostics
                .iter()
                .find(|d| d.code == "basically_met_verdict")
                .unwrap_or_else(|| panic!("{text}: {:?}", out.diagnostics));
            assert_eq!(w.severity, Severity::Warning);
            assert_eq!(&text[w.start..w.end], text);
        }
        assert!(read_result("đạt")
            .diagnostics
            .iter()
            .all(|d| d.code != "basically_met_verdict"));
        let r = read_result("Xuất siêu").reading;
        assert_eq!(r.balance, Some(Balance::Surplus));
        let r =
            read_result("xuất siêu 7 tỷ USD, tương đương 2,6% tổng kim ngạch xuất khẩu").reading;
        assert_eq!(r.value.unwrap().unit, Some(Unit::Currency(Currency::Usd)));
        assert_eq!(r.equivalents[0].value, d("2.6"));
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "Ước đạt  hơn 290 triệu USD (KH 300 triệu USD)";
        let out = read_result(text);
        let v = out.reading.value.unwrap();
        assert_eq!(&text[v.start..v.end], "290 triệu USD");
        let plan = out.reading.stated_plan.unwrap();
        assert_eq!(&text[plan.start..plan.end], "300 triệu USD");
        assert!(out
            .diagnostics
            .iter()
            .all(|d| d.end <= text.len() && d.start <= d.end));
    }

    /// A target from its JSON (id "t").
    fn target(name: &str, spec: &str) -> Target {
        serde_json::from_str(&format!(r#"{{"id":"t","name":"{name}","spec":{spec}}}"#)).unwrap()
    }

    /// Pins today's output of [`Reading::to_entry`] for each of its branches (the reduction,
    /// the unit that fits, a trade balance against a deficit target, shares, excesses over
    /// plan, changes, a verdict only, and the errors), so that its restructuring can be
    /// checked to change nothing.
    #[test]
    fn pinned_entries() {
        let rate = r#"{"kind":"rate","comparator":"at_least","value":"60"}"#;
        let amount = r#"{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}"#;
        let red = |u: &str| {
            format!(r#"{{"kind":"reduction","comparator":"at_least","value":"2","unit":"{u}"}}"#)
        };
        let ceiling = r#"{"kind":"ceiling","comparator":"below","value":{"value":"3","unit":"%"}}"#;
        let qual = r#"{"kind":"qualitative"}"#;
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "x",
                &red("percentage_points"),
                "giảm 1,2 điểm % (còn 4,17%)",
                r#"{"unit":"U","target":"t","period":"2024","change":"-1.2","change_unit":"percentage_points"}"#,
            ),
            (
                "x",
                &red("percentage_points"),
                "1,2 điểm % (còn 4,17%)",
                r#"{"unit":"U","target":"t","period":"2024","value":"4.17","change":"-1.2","change_unit":"percentage_points"}"#,
            ),
            (
                "x",
                &red("percentage_points"),
                "giảm hơn 1,5%",
                r#"{"unit":"U","target":"t","period":"2024","qualifier":"over","change":"-1.5","change_unit":"percent"}"#,
            ),
            (
                "x",
                &red("percent_of_baseline"),
                "giảm 3%",
                r#"{"unit":"U","target":"t","period":"2024","change":"-3","change_unit":"percent"}"#,
            ),
            (
                "x",
                &red("absolute"),
                "giảm 3 nghìn người",
                r#"{"unit":"U","target":"t","period":"2024","change":"-3","change_unit":"absolute","scale":"thousand","value_unit":"người"}"#,
            ),
            (
                "x",
                rate,
                "ước đạt 61-62%",
                r#"{"unit":"U","target":"t","period":"2024","value":"61","value_high":"62","value_unit":"%","provenance":"estimate"}"#,
            ),
            (
                "x",
                rate,
                "7 tỷ USD, tương đương 2,6% tổng kim ngạch",
                r#"{"unit":"U","target":"t","period":"2024","value":"2.6","value_unit":"%"}"#,
            ),
            (
                "x",
                rate,
                "7 tỷ USD",
                "error: the figure is in USD but the target is measured in %",
            ),
            (
                "x",
                qual,
                "7 tỷ USD",
                r#"{"unit":"U","target":"t","period":"2024","value":"7","scale":"billion","value_unit":"USD"}"#,
            ),
            (
                "Tỷ lệ nhập siêu",
                ceiling,
                "xuất siêu 2,5-3%",
                r#"{"unit":"U","target":"t","period":"2024","value":"-3","value_high":"-2.5","value_unit":"%"}"#,
            ),
            (
                "Tỷ lệ nhập siêu",
                ceiling,
                "Xuất siêu",
                r#"{"unit":"U","target":"t","period":"2024","value":"0","qualifier":"under","value_unit":"%"}"#,
            ),
            (
                "x",
                ceiling,
                "Xuất siêu",
                r#"error: the phrase states a trade surplus (xuất siêu) without a figure; the target "x" is not named as a trade surplus or deficit"#,
            ),
            (
                "x",
                amount,
                "đạt hơn 102,6% dự toán Trung ương giao",
                r#"{"unit":"U","target":"t","period":"2024","qualifier":"over","share_of_plan":"102.6","plan_level":"dự toán Trung ương giao"}"#,
            ),
            (
                "x",
                amount,
                "vượt mức chỉ tiêu Trung ương giao 22,2%",
                r#"{"unit":"U","target":"t","period":"2024","share_of_plan":"122.2","plan_level":"chỉ tiêu trung ương giao"}"#,
            ),
            (
                "x",
                rate,
                "vượt mức chỉ tiêu 2,5%",
                r#"{"unit":"U","target":"t","period":"2024","value":"62.5","plan_level":"chỉ tiêu","scale":"one"}"#,
            ),
            (
                "x",
                amount,
                "vượt kế hoạch 0,5 nghìn tỷ đồng",
                r#"{"unit":"U","target":"t","period":"2024","value":"5100.0","plan_level":"kế hoạch","scale":"billion"}"#,
            ),
            (
                "x",
                qual,
                "vượt kế hoạch 0,5 nghìn tỷ đồng",
                "error: an excess over plan needs a target with a figure",
            ),
            (
                "x",
                amount,
                "tăng khoảng 12,5 tỷ đồng so với cùng kỳ",
                r#"{"unit":"U","target":"t","period":"2024","qualifier":"about","change":"12.5","change_unit":"absolute","change_from":"same_period","scale":"billion","value_unit":"đồng"}"#,
            ),
            (
                "x",
                rate,
                "giảm 1,2 điểm %",
                r#"{"unit":"U","target":"t","period":"2024","change":"-1.2","change_unit":"percentage_points"}"#,
            ),
            (
                "x",
                rate,
                "vượt kế hoạch",
                r#"{"unit":"U","target":"t","period":"2024","judgement":"exceeded"}"#,
            ),
            (
                "x",
                rate,
                "",
                "error: no figure, share of plan, change or verdict could be read",
            ),
            (
                "x",
                rate,
                "sơ bộ đạt 61%, vượt kế hoạch",
                r#"{"unit":"U","target":"t","period":"2024","value":"61","value_unit":"%","judgement":"exceeded","provenance":"preliminary"}"#,
            ),
        ];
        let base = ResultEntry::new("U", "t", crate::results::Period::year(2024));
        for (name, spec, text, want) in cases {
            let got = match read_result(text)
                .reading
                .to_entry(&target(name, spec), &base)
            {
                Ok(e) => serde_json::to_string(&e).unwrap(),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(got, *want, "{name} {spec} {text}");
        }
    }

    #[test]
    fn a_level_of_plan_is_the_normalised_text() {
        // The level named after a share is the normalised text (a no-break space read as a
        // space, a decomposed letter composed), so it matches the target's levels as written.
        let r = read_result("đạt 101%\u{00A0}dự toán Trung ương giao\u{200B}").reading;
        assert_eq!(
            r.shares[0].level.as_deref(),
            Some("dự toán Trung ương giao")
        );
        let r = read_result("đạt 101% so với ke\u{302}\u{301} hoạch ").reading;
        assert_eq!(r.shares[0].level.as_deref(), Some("kế hoạch"));
    }

    #[test]
    fn verdict_spans_point_into_the_original() {
        // Zero-width characters are dropped and a decomposed "ư" is composed by the
        // normalisation, so the normalised offsets differ from the caller's.
        for text in [
            "Ước\u{200B} đạt 61%, vượt kế hoạch",
            "Ước đạt 61%, vu\u{031B}o\u{031B}\u{0323}t kế hoạch",
            "tăng 9,22% vượt\u{00AD} mục tiêu",
            "(1)\u{FEFF} Không đạt",
        ] {
            let out = read_result(text);
            let v = out.reading.verdict.expect(text);
            let verdict = out.diagnostics.iter().find(|d| d.code == "verdict");
            let span = &text[v.start..v.end];
            assert!(
                span.ends_with("kế hoạch") || span.ends_with("mục tiêu") || span.ends_with("đạt"),
                "{text:?}: {span:?}"
            );
            if let Some(d) = verdict {
                assert_eq!((d.start, d.end), (v.start, v.end), "{text:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_valid(s in "\\PC{0,60}") {
            let out = read_result(&s);
            for d in &out.diagnostics {
                prop_assert!(d.start <= d.end && d.end <= s.len());
                prop_assert!(s.is_char_boundary(d.start) && s.is_char_boundary(d.end));
            }
        }

        #[test]
        fn vietnamese_phrases_never_panic(v in 0u32..100000, q in 0usize..6, w in 0usize..5) {
            let qs = ["", "hơn ", "gần ", "khoảng ", "ước đạt ", "trên "];
            let ws = ["%", " tỷ đồng", "% kế hoạch", " (số đã báo cáo là 3,5%)", "-9%"];
            let text = format!("{}{},{}{}", qs[q], v / 100, v % 100, ws[w]);
            let out = read_result(&text);
            prop_assert!(out.reading.has_result(), "{}", text);
        }
    }
}
