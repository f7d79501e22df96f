//! Reading directives from their Vietnamese text (đọc văn bản): text in, a directive draft
//! with its numbered targets out, plus diagnostics.
//!
//! [`parse_directive`] accepts any string — a web page copied as text, a PDF turned into text,
//! a Word file saved as text — and never fails or panics. It returns a [`ParseOutput`]: the
//! [`Directive`] draft (metadata the text states, content points, target items in order) and
//! [`Diagnostic`]s, each with a byte range **into the original input**, a severity, a stable
//! code and a message. Everything that looks like a target but could not be fully read is
//! reported; a partial target (a name without a number) is kept as a qualitative target and
//! flagged, never dropped.
//!
//! What it understands (details and the lexicon in `docs/parsing.md`):
//! * target lists "(1) … ; (2) …" (also "(13)Tỷ lệ" without a space), numbered lines "1. …"
//!   under a "chỉ tiêu" heading, "- Name: value" bullets and prose separated by ";";
//! * comparators "đạt", "từ … trở lên", "trên" (strict), "ít nhất", "không quá", "tối đa",
//!   "dưới", a bare number (≥), ranges "3-4%", "7–7,5%", "từ 5 đến 7%", "/năm";
//! * kinds: rates, growth rates, per-capita values ("bình quân đầu người", "/1 vạn dân",
//!   "trên một vạn dân" — a base, not the comparator "trên"), counts, amounts with scale and
//!   unit, ceilings, reductions ("giảm ít nhất 4%" of a rate = percentage points), ranks
//!   ("tăng 05 bậc so với năm 2023", shared by every index listed before it), composite
//!   decreases, threshold shares, qualitative items and targets by reference ("đạt dự toán
//!   được giao", "cao hơn năm 2022"), with "trong đó" sub-targets and several targets per item;
//! * noise: NBSP, CRLF, NFD, full-width punctuation, every dash, line breaks inside items.
//!
//! The draft may not pass [`Directive::validate`] (a missing title, a rate above 100 %…): fields
//! the text does not state stay empty (`None`, `""`, year `0`) with a diagnostic, and
//! [`ParseOutput::into_directive`] validates when you want a strict directive.
//!
//! ```
//! use thidua_core::parse::{parse_directive, Severity};
//! use thidua_core::{Comparator, TargetSpec};
//! let out = parse_directive(
//!     "Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động \
//!      phong trào thi đua năm 2025.\nCác chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt \
//!      từ 8% trở lên; (2) Thu nhập bình quân đầu người trên 75 triệu đồng; (3) Tỷ lệ hộ \
//!      nghèo giảm ít nhất 1,5%.",
//! );
//! let d = &out.directive;
//! assert_eq!(d.number.as_deref(), Some("05/CT-UBND"));
//! assert_eq!(d.coverage.year, 2025);
//! assert_eq!(d.items.len(), 3);
//! assert_eq!(d.target("2").unwrap().spec.describe_vi(), "trên 75 triệu đồng/người");
//! match &d.target("1").unwrap().spec {
//!     TargetSpec::GrowthRate { comparator, value } => {
//!         assert_eq!(*comparator, Comparator::AtLeast);
//!         assert_eq!(value.to_string(), "8");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! assert!(out.diagnostics.iter().all(|x| x.severity != Severity::Error));
//! ```

pub(crate) mod lexicon;
mod meta;
pub(crate) mod normalize;
mod scan;
mod target;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{ContentPoint, Coverage, Directive, DocumentKind, Issuer, TargetItem};
use normalize::Normalized;
use scan::{Kind, Toks};

/// How serious a diagnostic is.
///
/// ```
/// use thidua_core::parse::{parse_directive, Severity};
/// let out = parse_directive("(1) Tốc độ tăng trưởng đạt 7%."); // no title, issuer or year stated
/// assert!(out.diagnostics.iter().any(|d| d.severity == Severity::Error));
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A documented interpretation rule was applied (a qualitative item, a target by
    /// reference); worth a glance.
    Info,
    /// Something was guessed or is incomplete (an assumed ceiling, a number that could not be
    /// read, a clause without a number, a number read from an attachment name): check it.
    Warning,
    /// Required metadata is missing (no year, no issuer, no title): the draft does not
    /// validate until it is filled in.
    Error,
}

/// One remark about the input, with the byte range it concerns **in the original input**
/// (`&text[start..end]` is always a valid slice).
///
/// ```
/// use thidua_core::parse::parse_directive;
/// let text = "Kế hoạch năm 2025 của UBND huyện Tân An. Chỉ tiêu: (1) Tỷ lệ tăng dân số tự nhiên 1,1%.";
/// let out = parse_directive(text);
/// let d = out.diagnostics.iter().find(|d| d.code == "assumed_ceiling").unwrap();
/// assert!(text[d.start..d.end].contains("1,1%"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// Start byte offset in the original input.
    pub start: usize,
    /// End byte offset (exclusive) in the original input.
    pub end: usize,
    /// How serious it is.
    pub severity: Severity,
    /// Stable machine-readable code (see [`DIAGNOSTIC_CODES`]).
    pub code: String,
    /// Explanation in English.
    pub message: String,
}

/// Where a target item is in the original input.
///
/// ```
/// use thidua_core::parse::parse_directive;
/// let text = "Kế hoạch năm 2025 của UBND huyện Tân An. Chỉ tiêu: (1) Trồng mới 500 ha rừng; (2) Thu ngân sách đạt 300 tỷ đồng.";
/// let out = parse_directive(text);
/// let s = &out.item_spans[1];
/// assert_eq!(s.number, 2);
/// assert!(text[s.start..s.end].starts_with("Thu ngân sách"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemSpan {
    /// The item number (as in [`TargetItem::number`]).
    pub number: u32,
    /// Start byte offset of the item's text in the original input.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// The result of [`parse_directive`].
///
/// ```
/// use thidua_core::parse::parse_directive;
/// let out = parse_directive("không có gì");
/// assert!(out.directive.items.is_empty());
/// assert!(out.into_directive().is_err()); // no title, issuer or year: not a valid directive
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParseOutput {
    /// The directive draft: what the text states; see the module docs for missing fields.
    pub directive: Directive,
    /// Remarks, in input order.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each target item is in the input, in the order of `directive.items`.
    pub item_spans: Vec<ItemSpan>,
}

impl ParseOutput {
    /// The draft as a validated [`Directive`] (fails on a missing title, a rate above 100 %,
    /// decreasing item numbers…).
    pub fn into_directive(self) -> Result<Directive> {
        self.directive.validate()?;
        Ok(self.directive)
    }

    /// The output as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Every diagnostic code the parser emits, with its severity.
///
/// ```
/// use thidua_core::parse::{Severity, DIAGNOSTIC_CODES};
/// assert!(DIAGNOSTIC_CODES.contains(&("assumed_ceiling", Severity::Warning)));
/// ```
pub const DIAGNOSTIC_CODES: &[(&str, Severity)] = &[
    ("qualitative", Severity::Info),
    ("reference_target", Severity::Info),
    ("band_range", Severity::Info),
    ("locality_not_stated", Severity::Info),
    ("no_targets", Severity::Info),
    ("assumed_ceiling", Severity::Warning),
    ("direction_conflict", Severity::Warning),
    ("unreadable_number", Severity::Warning),
    ("partial_target", Severity::Warning),
    ("clause_without_value", Severity::Warning),
    ("extra_value", Severity::Warning),
    ("missing_unit", Severity::Warning),
    ("rate_above_100", Severity::Warning),
    ("assumed_baseline_year", Severity::Warning),
    ("assumed_year", Severity::Warning),
    ("number_from_attachment", Severity::Warning),
    ("renumbered_item", Severity::Warning),
    ("missing_title", Severity::Error),
    ("missing_issuer", Severity::Error),
    ("missing_year", Severity::Error),
];

/// A diagnostic on the normalised text (mapped to the original at the end).
pub(crate) struct Diag {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

/// One item found in the text: token range of its content.
#[derive(Debug, Clone, Copy)]
struct RawItem {
    printed: Option<u32>,
    a: usize,
    b: usize,
}

/// Parses Vietnamese directive text. Never panics; linear in the input length.
///
/// ```
/// use thidua_core::parse::parse_directive;
/// let out = parse_directive("Các chỉ tiêu chủ yếu: (1) Tỷ lệ lao động qua đào tạo đạt 58,5%, \
///     trong đó đào tạo nghề 43%; (2) Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm.");
/// let d = &out.directive;
/// assert_eq!(d.target("1.1").unwrap().spec.describe_vi(), "từ 43% trở lên");
/// assert_eq!(d.target("2").unwrap().spec.describe_vi(), "giảm ít nhất 3–4 điểm %/năm");
/// ```
pub fn parse_directive(text: &str) -> ParseOutput {
    let n = Normalized::new(text);
    let toks_vec = scan::tokenize(&n);
    let tk = Toks {
        n: &n,
        t: &toks_vec,
    };
    let mut diags: Vec<Diag> = Vec::new();

    let meta = meta::extract(&n, &mut diags);
    let (raw_items, line_points) = find_items(&tk);

    let default_baseline_year = meta.year.map(|y| y - 1);
    let mut items = Vec::new();
    let mut spans = Vec::new();
    let mut last = 0u32;
    for it in &raw_items {
        let number = match it.printed {
            Some(p) if p > last => p,
            Some(p) => {
                let (s, e) = tk.span(it.a, it.b);
                diags.push(Diag {
                    start: s,
                    end: e,
                    severity: Severity::Warning,
                    code: "renumbered_item",
                    message: format!("item ({p}) of a second list is numbered {}", last + 1),
                });
                last + 1
            }
            None => last + 1,
        };
        last = number;
        let mut az = target::ItemAnalyzer {
            tk: &tk,
            diags: &mut diags,
            default_baseline_year,
        };
        let targets = az.analyze(number, it.a, it.b);
        let (s, e) = tk.span(it.a, it.b);
        let (os, oe) = n.to_orig(s, e);
        let item_text = text.get(os..oe).unwrap_or("").trim().to_string();
        spans.push(ItemSpan {
            number,
            start: os,
            end: oe,
        });
        items.push(TargetItem {
            number,
            text: item_text,
            targets,
        });
    }
    if items.is_empty() {
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Info,
            code: "no_targets",
            message: "no list of targets was found".into(),
        });
    }

    let content_points = content_points(&tk, text, &raw_items, line_points, meta.lead);

    if meta.title.is_none() {
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Error,
            code: "missing_title",
            message: "no title (trích yếu) found; `title` is empty".into(),
        });
    }
    if meta.issuer.is_none() {
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Error,
            code: "missing_issuer",
            message: "no issuer (UBND / Chủ tịch UBND / HĐND …) found; `issuer.name` is empty"
                .into(),
        });
    }
    if meta.year.is_none() {
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Error,
            code: "missing_year",
            message: "no year found; `coverage.year` is 0".into(),
        });
    }

    let directive = Directive {
        kind: meta.kind.unwrap_or(DocumentKind::Other),
        number: meta.number,
        issuer: meta.issuer.unwrap_or(Issuer {
            name: String::new(),
            locality: None,
        }),
        issued: meta.issued,
        published: meta.published,
        coverage: Coverage {
            year: meta.year.unwrap_or(0),
            until_year: meta.until_year,
        },
        title: meta.title.unwrap_or_default(),
        theme: meta.theme,
        legal_bases: meta.legal_bases,
        content_points,
        items,
        source: None,
    };
    let mut diagnostics: Vec<Diagnostic> = diags
        .into_iter()
        .map(|d| {
            let (s, e) = n.to_orig(d.start, d.end);
            Diagnostic {
                start: s,
                end: e,
                severity: d.severity,
                code: d.code.to_string(),
                message: d.message,
            }
        })
        .collect();
    diagnostics.sort_by_key(|d| (d.start, d.end));
    ParseOutput {
        directive,
        diagnostics,
        item_spans: spans,
    }
}

/// Whether whitespace before token `i` contains a blank line.
fn blank_line_before(tk: &Toks, i: usize) -> bool {
    if i == 0 || i >= tk.t.len() {
        return false;
    }
    let gap = tk.n.slice(tk.t[i - 1].end, tk.t[i].start);
    gap.matches('\n').count() >= 2
}

/// Whether token `i` is at the start of a line.
fn line_start(tk: &Toks, i: usize) -> bool {
    i == 0 || tk.t.get(i).is_some_and(|t| t.newline_before)
}

/// Sentence and paragraph ends, precomputed so that looking one up is O(1).
struct Breaks {
    /// Smallest `j >= i` with a blank line before token `j` (or the token count).
    next_blank: Vec<usize>,
    /// Smallest `j >= i` that is a sentence-ending '.' (or the token count).
    next_dot: Vec<usize>,
}

impl Breaks {
    fn new(tk: &Toks) -> Breaks {
        let len = tk.t.len();
        let mut next_blank = vec![len; len + 1];
        let mut next_dot = vec![len; len + 1];
        for i in (0..len).rev() {
            next_blank[i] = if blank_line_before(tk, i) {
                i
            } else {
                next_blank[i + 1]
            };
            let ends = tk.is_punct(i, '.') && {
                let next = i + 1;
                // A sentence ends at '.' before a line break, the end or a capital letter.
                next >= len
                    || tk.t[next].newline_before
                    || (tk.t[next].space_before
                        && tk
                            .raw(next)
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase()))
            };
            next_dot[i] = if ends { i } else { next_dot[i + 1] };
        }
        Breaks {
            next_blank,
            next_dot,
        }
    }

    /// End of the sentence or paragraph that starts at token `a` (exclusive token index).
    fn sentence_end(&self, a: usize) -> usize {
        let blank = self.next_blank.get(a + 1).copied().unwrap_or(usize::MAX);
        let dot = self.next_dot.get(a).copied().unwrap_or(usize::MAX);
        blank.min(dot).min(self.next_dot.len() - 1)
    }
}

/// Whether the text before token `a` (same paragraph, up to 300 bytes) speaks of targets.
fn target_context(tk: &Toks, a: usize) -> bool {
    let end = tk.t.get(a).map_or(tk.n.text.len(), |t| t.start);
    let mut start = end.saturating_sub(300);
    while start > 0 && !tk.n.text.is_char_boundary(start) {
        start -= 1;
    }
    let before = tk.n.lslice(start, end);
    meta::has_word(before, "chỉ tiêu") || meta::has_word(before, "mục tiêu")
}

/// Finds the target items of every list, in text order, and numbered lines that are content
/// points (label, token range).
fn find_items(tk: &Toks) -> (Vec<RawItem>, Vec<(String, usize, usize)>) {
    let len = tk.t.len();
    let breaks = Breaks::new(tk);
    let mut items: Vec<RawItem> = Vec::new();
    let mut used = vec![false; len];
    let value_in = |a: usize, b: usize| -> bool {
        let mut diags = Vec::new();
        let az = target::ItemAnalyzer {
            tk,
            diags: &mut diags,
            default_baseline_year: None,
        };
        az.has_value(a, b)
    };

    // 1. "(n)" markers.
    let mut markers: Vec<(u32, usize, usize)> = Vec::new(); // (n, '(' index, content start)
    for i in 0..len.saturating_sub(2) {
        if tk.is_punct(i, '(') && tk.is_num(i + 1) && tk.is_punct(i + 2, ')') {
            let raw = tk.w(i + 1);
            if raw.len() <= 3 && raw.bytes().all(|b| b.is_ascii_digit()) {
                let prev_ok =
                    i == 0 || tk.t[i].space_before || matches!(tk.w(i - 1), ":" | ";" | "." | ",");
                if let (true, Ok(v)) = (prev_ok, raw.parse::<u32>()) {
                    markers.push((v, i, i + 3));
                }
            }
        }
    }
    let all_markers: Vec<usize> = markers.iter().map(|m| m.1).collect();
    let mut lists: Vec<Vec<(u32, usize, usize)>> = Vec::new();
    for m in markers {
        let continues = lists
            .last()
            .and_then(|l| l.last())
            .is_some_and(|last| m.0 == last.0 + 1);
        if continues {
            if let Some(l) = lists.last_mut() {
                l.push(m);
            }
        } else if m.0 == 1 {
            lists.push(vec![m]);
        }
    }
    for l in lists {
        let mut list_items = Vec::new();
        for (k, &(v, _, cs)) in l.iter().enumerate() {
            let end = match l.get(k + 1) {
                Some(next) => next.1,
                // The last item ends with its sentence, and never runs into another list.
                None => breaks
                    .sentence_end(cs)
                    .min(next_marker_after(&all_markers, cs)),
            };
            list_items.push(RawItem {
                printed: Some(v),
                a: cs,
                b: trim_end(tk, cs, end),
            });
        }
        let first = l[0].1;
        let valued = list_items.iter().filter(|it| value_in(it.a, it.b)).count();
        if target_context(tk, first) || (valued * 2 >= list_items.len() && valued > 0) {
            for (it, m) in list_items.iter().zip(l.iter()) {
                for u in used.iter_mut().take(it.b).skip(m.1) {
                    *u = true;
                }
            }
            items.extend(list_items);
        }
    }

    // 2. Numbered lines "1. …" / "1) …".
    let mut line_markers: Vec<(u32, usize)> = Vec::new();
    for (i, &in_list) in used.iter().enumerate().take(len.saturating_sub(1)) {
        if line_start(tk, i) && tk.is_num(i) && !in_list {
            let raw = tk.w(i);
            if raw.len() <= 2
                && raw.bytes().all(|b| b.is_ascii_digit())
                && (tk.is_punct(i + 1, '.') || tk.is_punct(i + 1, ')'))
                && tk.glued(i + 1)
                && tk.t.get(i + 2).is_some_and(|t| t.space_before)
            {
                if let Ok(v) = raw.parse::<u32>() {
                    line_markers.push((v, i));
                }
            }
        }
    }
    let mut line_lists: Vec<Vec<(u32, usize)>> = Vec::new();
    for m in line_markers {
        let continues = line_lists
            .last()
            .and_then(|l| l.last())
            .is_some_and(|last| m.0 == last.0 + 1);
        if continues {
            if let Some(l) = line_lists.last_mut() {
                l.push(m);
            }
        } else if m.0 == 1 {
            line_lists.push(vec![m]);
        }
    }
    let mut content: Vec<(String, usize, usize)> = Vec::new();
    for l in line_lists {
        let mut list_items = Vec::new();
        for (k, &(v, i)) in l.iter().enumerate() {
            let cs = i + 2;
            let end = match l.get(k + 1) {
                Some(next) => next.1,
                None => {
                    // The last item ends at the end of its line.
                    let mut e = cs + 1;
                    while e < len && !tk.t[e].newline_before {
                        e += 1;
                    }
                    e.min(len)
                }
            };
            list_items.push((v, cs, end));
        }
        let valued = list_items
            .iter()
            .filter(|x| value_in(x.1, trim_end(tk, x.1, x.2)))
            .count();
        let is_targets = (target_context(tk, l[0].1) && valued > 0)
            || (valued * 2 > list_items.len() && valued >= 2);
        for (v, a, b) in list_items {
            if is_targets {
                items.push(RawItem {
                    printed: Some(v),
                    a,
                    b: trim_end(tk, a, b),
                });
                for u in used.iter_mut().take(b).skip(a.saturating_sub(2)) {
                    *u = true;
                }
            } else {
                content.push((v.to_string(), a, b));
            }
        }
    }

    // 3. Bullet lines "- …", "+ …", "• …".
    let mut i = 0;
    while i < len {
        if line_start(tk, i) && !used[i] && is_bullet(tk, i) {
            let mut group = Vec::new();
            let mut k = i;
            while k < len && line_start(tk, k) && is_bullet(tk, k) && !used[k] {
                let mut e = k + 1;
                while e < len && !tk.t[e].newline_before {
                    e += 1;
                }
                group.push((k + 1, e));
                k = e;
            }
            let valued = group.iter().filter(|g| value_in(g.0, g.1)).count();
            if (target_context(tk, i) && valued > 0) || (valued * 2 >= group.len() && valued >= 2) {
                for (a, b) in &group {
                    if value_in(*a, *b) || target_context(tk, i) {
                        items.push(RawItem {
                            printed: None,
                            a: *a,
                            b: trim_end(tk, *a, *b),
                        });
                    }
                    for u in used.iter_mut().take(*b).skip(a.saturating_sub(1)) {
                        *u = true;
                    }
                }
            }
            i = k.max(i + 1);
            continue;
        }
        i += 1;
    }

    // 4. Prose: a sentence of ';'-separated targets after "chỉ tiêu" / "phấn đấu".
    let mut s = 0;
    while s < len {
        let e = breaks.sentence_end(s).max(s + 1).min(len);
        if !(s..e).any(|k| used[k]) {
            let sentence = tk.n.lslice(tk.t[s].start, tk.t[e - 1].end);
            let context = meta::has_word(sentence, "chỉ tiêu")
                || meta::has_word(sentence, "mục tiêu")
                || meta::has_word(sentence, "phấn đấu");
            if context {
                let mut parts = Vec::new();
                let mut a = s;
                for k in s..=e {
                    if k == e || tk.is_punct(k, ';') {
                        parts.push((a, k));
                        a = k + 1;
                    }
                }
                let is_reference = |a: usize, b: usize| -> bool {
                    let t = tk.n.lslice(tk.t[a].start, tk.t[b.max(a + 1) - 1].end);
                    [
                        "dự toán",
                        "cao hơn",
                        "thấp hơn",
                        "so với",
                        "được giao",
                        "bằng năm",
                    ]
                    .iter()
                    .any(|w| t.contains(w))
                };
                let valued: Vec<(usize, usize)> = parts
                    .iter()
                    .copied()
                    .filter(|p| p.1 > p.0 && (value_in(p.0, p.1) || is_reference(p.0, p.1)))
                    .collect();
                let numeric = parts
                    .iter()
                    .filter(|p| p.1 > p.0 && value_in(p.0, p.1))
                    .count();
                let lead =
                    tk.n.lslice(tk.t[s].start, tk.t[e - 1].end)
                        .starts_with("phấn đấu");
                if numeric >= 2 || (numeric == 1 && parts.len() == 1 && lead) {
                    for (pa, pb) in valued {
                        // Drop a lead-in up to the last ':' or "phấn đấu" before the first
                        // number.
                        let mut a2 = pa;
                        for k in pa..pb {
                            if tk.is_punct(k, ':') {
                                a2 = k + 1;
                            }
                            if let Some(e2) = tk.phrase(k, "phấn đấu", pb) {
                                a2 = e2;
                            }
                            if tk.is_num(k) {
                                break;
                            }
                        }
                        items.push(RawItem {
                            printed: None,
                            a: a2,
                            b: trim_end(tk, a2, pb),
                        });
                    }
                }
            }
        }
        s = e + 1;
    }

    items.sort_by_key(|it| it.a);
    items.retain(|it| it.b > it.a);
    (items, content)
}

/// The first marker position after token `a` (markers are sorted), or `usize::MAX`.
fn next_marker_after(markers: &[usize], a: usize) -> usize {
    let k = markers.partition_point(|&m| m <= a);
    markers.get(k).copied().unwrap_or(usize::MAX)
}

fn is_bullet(tk: &Toks, i: usize) -> bool {
    (tk.is_punct(i, '-')
        || tk.is_punct(i, '+')
        || tk.is_punct(i, '•')
        || tk.is_punct(i, '*')
        || tk.is_punct(i, '·'))
        && tk
            .t
            .get(i + 1)
            .is_some_and(|t| t.space_before && !t.newline_before)
}

/// Drops trailing ';', '.', ',' tokens.
fn trim_end(tk: &Toks, a: usize, b: usize) -> usize {
    let mut e = b.min(tk.t.len());
    while e > a && (tk.is_punct(e - 1, ';') || tk.is_punct(e - 1, '.') || tk.is_punct(e - 1, ',')) {
        e -= 1;
    }
    e
}

/// Content points: "Một là, …" paragraphs, numbered lines that are not targets, a
/// ";"-separated list after "nội dung thi đua … như:", or the body paragraphs.
fn content_points(
    tk: &Toks,
    orig: &str,
    items: &[RawItem],
    lines: Vec<(String, usize, usize)>,
    lead: Option<usize>,
) -> Vec<ContentPoint> {
    let n = tk.n;
    let text = &n.text;
    let lower = &n.lower;
    let orig_text = |s: usize, e: usize| -> String {
        let (os, oe) = n.to_orig(s, e);
        orig.get(os..oe).unwrap_or("").trim().to_string()
    };
    let mut item_starts: Vec<usize> = items
        .iter()
        .filter_map(|it| {
            it.a.checked_sub(3)
                .and_then(|k| tk.t.get(k))
                .map(|t| t.start)
        })
        .collect();
    item_starts.sort_unstable();

    // 1. "Một là", "Hai là"…
    const ORDINALS: &[&str] = &[
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    let mut out = Vec::new();
    let mut line_at = 0;
    for line in text.split('\n') {
        let l_lower = lower.get(line_at..line_at + line.len()).unwrap_or("");
        let t = l_lower.trim_start();
        let off = line_at + (l_lower.len() - t.len());
        for (k, o) in ORDINALS.iter().enumerate() {
            let head = format!("{o} là");
            if t.starts_with(&head)
                && t.get(head.len()..)
                    .is_some_and(|r| r.starts_with(',') || r.starts_with(':') || r.starts_with(' '))
            {
                let label = scan::capitalize(&head);
                let mut s = off + head.len();
                while text
                    .get(s..)
                    .is_some_and(|r| r.starts_with([',', ':', ' ']))
                {
                    s += 1;
                }
                let mut e = line_at + line.len();
                let next = item_starts.partition_point(|&p| p <= s);
                if let Some(&cut) = item_starts.get(next) {
                    if cut < e {
                        e = cut;
                    }
                }
                if k == out.len() {
                    out.push(ContentPoint {
                        label: Some(label),
                        text: orig_text(s, e),
                    });
                }
                break;
            }
        }
        line_at += line.len() + 1;
    }
    if out.len() >= 2 {
        return out;
    }
    out.clear();

    // 2. Numbered lines that are not targets.
    if lines.len() >= 2 {
        for (label, a, b) in lines {
            let (s, _) = tk.span(a, b);
            let (_, e) = tk.span(a, b);
            out.push(ContentPoint {
                label: Some(label),
                text: orig_text(s, e),
            });
        }
        return out;
    }

    // 3. "nội dung thi đua … như: A; B; C".
    if let Some(at) = lower.find("nội dung thi đua") {
        let rest = lower.get(at..).unwrap_or("");
        let line_end = rest.find('\n').map_or(lower.len(), |k| at + k);
        let seg = lower.get(at..line_end).unwrap_or("");
        if let Some(colon) = seg.find(':') {
            let start = at + colon + 1;
            let body = text.get(start..line_end).unwrap_or("");
            let mut parts: Vec<(usize, usize)> = Vec::new();
            let mut s = start;
            for (k, c) in body.char_indices() {
                if c == ';' {
                    parts.push((s, start + k));
                    s = start + k + 1;
                }
            }
            parts.push((s, line_end));
            let mut merged: Vec<(usize, usize)> = Vec::new();
            for (s, e) in parts {
                let t = lower.get(s..e).unwrap_or("").trim_start();
                let doc_ref = lexicon::BASIS_KINDS
                    .iter()
                    .any(|(w, _)| t.starts_with(&format!("{w} số")));
                match merged.last_mut() {
                    Some(last) if doc_ref => last.1 = e,
                    _ => merged.push((s, e)),
                }
            }
            if merged.len() >= 2 {
                for (s, e) in merged {
                    out.push(ContentPoint {
                        label: None,
                        text: orig_text(s, e),
                    });
                }
                return out;
            }
        }
    }

    // 4. Body paragraphs: long lines ending a sentence, after the lead, outside target lists.
    let item_ranges: Vec<(usize, usize)> = items.iter().map(|it| tk.span(it.a, it.b)).collect();
    let mut range_at = 0;
    let mut line_at = 0;
    for line in text.split('\n') {
        let s = line_at;
        let e = line_at + line.len();
        line_at = e + 1;
        let t = line.trim();
        if t.chars().count() < 80 || !(t.ends_with('.') || t.ends_with('…')) || t.ends_with("./.")
        {
            continue;
        }
        if lead.is_some_and(|l| s <= l) {
            continue;
        }
        if lead.is_none() {
            continue;
        }
        // Items are in text order: skip those that end before this line.
        while range_at < item_ranges.len() && item_ranges[range_at].1 <= s {
            range_at += 1;
        }
        if item_ranges[range_at..]
            .iter()
            .take(4)
            .any(|&(a, b)| a < e && b > s)
        {
            continue;
        }
        let lead_start = line.len() - line.trim_start().len();
        out.push(ContentPoint {
            label: None,
            text: orig_text(s + lead_start, e),
        });
    }
    let _ = Kind::Word;
    out
}
