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
//! assert_eq!(d.target("2").ok_or("no target 2")?.spec.describe_vi(), "trên 75 triệu đồng/người");
//! match &d.target("1").ok_or("no target 1")?.spec {
//!     TargetSpec::GrowthRate { comparator, value } => {
//!         assert_eq!(*comparator, Comparator::AtLeast);
//!         assert_eq!(value.to_string(), "8");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! assert!(out.diagnostics.iter().all(|x| x.severity != Severity::Error));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod account;
mod figure;
mod furniture;
mod layout;
pub(crate) mod lexicon;
mod markup;
mod meta;
pub(crate) mod normalize;
mod read;
mod scan;
mod table;
mod target;
#[cfg(test)]
mod tests_h10;
#[cfg(test)]
mod tests_h3;
#[cfg(test)]
mod tests_h4;
#[cfg(test)]
mod tests_h5;
#[cfg(test)]
mod tests_h7;
#[cfg(test)]
mod tests_h9;
#[cfg(test)]
mod tests_names;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{ContentPoint, Coverage, Directive, DocumentKind, Issuer, TargetItem};
use normalize::Normalized;
use scan::Toks;

/// How serious a diagnostic is.
///
/// ```
/// use thidua_core::parse::{parse_directive, Severity};
/// let out = parse_directive("(1) Tốc độ tăng trưởng đạt 7%."); // no title, issuer or year stated
/// assert!(out.diagnostics.iter().any(|d| d.severity == Severity::Error));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
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
/// let d = out.diagnostics.iter().find(|d| d.code == "assumed_ceiling").ok_or("not found")?;
/// assert!(text[d.start..d.end].contains("1,1%"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
    ("dot_decimal", Severity::Warning),
    ("unread_figure", Severity::Warning),
    ("targets_not_read", Severity::Warning),
    ("not_a_target", Severity::Info),
    ("restated_target", Severity::Info),
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

/// Parses Vietnamese directive text. Never panics; linear in the input length.
///
/// ```
/// use thidua_core::parse::parse_directive;
/// let out = parse_directive("Các chỉ tiêu chủ yếu: (1) Tỷ lệ lao động qua đào tạo đạt 58,5%, \
///     trong đó đào tạo nghề 43%; (2) Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm.");
/// let d = &out.directive;
/// assert_eq!(d.target("1.1").ok_or("no target 1.1")?.spec.describe_vi(), "từ 43% trở lên");
/// assert_eq!(d.target("2").ok_or("no target 2")?.spec.describe_vi(), "giảm ít nhất 3–4 điểm %/năm");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_directive(text: &str) -> ParseOutput {
    // CSV and Markdown markup made plain, at the same byte offsets as `text`.
    let plain = markup::plain(text);
    let mut n = Normalized::new(&plain);
    if matches!(plain, std::borrow::Cow::Owned(_)) {
        n.snap_to(text);
    }
    let n = n;
    let toks_vec = scan::tokenize(&n);
    let tk = Toks {
        n: &n,
        t: &toks_vec,
    };
    let mut diags: Vec<Diag> = Vec::new();
    let fig = figure::Figures::new(&tk);
    let meta = meta::extract(&n, &mut diags);
    let tables = table::find(&tk, &fig);
    let mut skip: Vec<(usize, usize)> = tables.iter().map(|t| (t.a, t.b)).collect();
    skip.extend(furniture::find(&tk));
    skip.sort_unstable();
    skip.dedup_by(|next, kept| {
        // Merge overlapping ranges (a furniture line inside a table).
        let overlaps = next.0 < kept.1;
        kept.1 = kept.1.max(if overlaps { next.1 } else { kept.1 });
        overlaps
    });
    for t in tables.iter().filter(|t| t.dot_decimal) {
        let (s, e) = tk.span(t.a, t.b);
        diags.push(Diag {
            start: s,
            end: e,
            severity: Severity::Warning,
            code: "dot_decimal",
            message: "this table writes decimals with '.' (\"40.79\"): its cells are read with '.' as the decimal mark".into(),
        });
    }
    let dot_tables: Vec<(usize, usize)> = tables
        .iter()
        .filter(|t| t.dot_decimal)
        .map(|t| (t.a, t.b))
        .collect();
    english_decimals(&tk, &fig, &dot_tables, &mut diags);
    let mut lay = layout::find(&tk, &fig, &skip, meta.year);
    add_table_rows(&mut lay.items, &tables);
    let mut read = read_items(&tk, &fig, text, &lay.items, &tables, meta.year, &mut diags);
    drop_restated(&n.text, &mut read.items, &mut diags);
    account::figures(&tk, &fig, &lay.read, &read.consumed, &mut diags);
    if read.items.is_empty() {
        account::no_targets(&tk, &fig, &lay.unread_target_like, &mut diags);
    }
    let content_points = content_points(&tk, text, &lay.items, lay.content_lines, meta.lead);
    missing_metadata(&meta, &mut diags);
    let (items, item_spans): (Vec<TargetItem>, Vec<ItemSpan>) =
        read.items.into_iter().map(|r| (r.item, r.span)).unzip();
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
    ParseOutput {
        directive,
        diagnostics: to_original(&n, diags),
        item_spans,
    }
}

/// A `dot_decimal` warning on every English-style decimal outside the tables that already
/// have one (`dot_tables`): "9.5%" is read as 9,5 % ([`figure::english_decimal`]).
fn english_decimals(
    tk: &Toks,
    fig: &figure::Figures,
    tables: &[(usize, usize)],
    diags: &mut Vec<Diag>,
) {
    for k in 0..tk.t.len() {
        if fig.role(k) != figure::Role::Value || tables.iter().any(|&(a, b)| (a..b).contains(&k)) {
            continue;
        }
        let w = tk.w(k);
        let pct = tk.is_punct(k + 1, '%');
        // A comma grouping thousands: `why` says what shows it.
        let thousands = |v, why: &str| Diag {
            start: tk.t[k].start,
            end: tk.t[k].end,
            severity: Severity::Warning,
            code: "dot_decimal",
            message: format!(
                "{:?}{why}, so the comma groups thousands: read as {}",
                tk.raw(k),
                crate::format::format_vn(v)
            ),
        };
        if let Some(v) = (fig.english && !pct)
            .then(|| figure::english_thousands(w))
            .flatten()
        {
            diags.push(thousands(
                v,
                ": this text writes decimals with '.' (English style)",
            ));
            continue;
        }
        if let Some(v) = figure::count_thousands(tk, fig, k) {
            let mut d = thousands(v, " counts whole things");
            d.message
                .push_str(" (Vietnamese groups thousands with '.')");
            diags.push(d);
            continue;
        }
        if crate::number::parse_vn(w).is_ok() {
            continue;
        }
        if let Some(v) = figure::english_decimal(w) {
            let (start, end) = (tk.t[k].start, tk.t[k].end);
            diags.push(Diag {
                start,
                end,
                severity: Severity::Warning,
                code: "dot_decimal",
                message: format!(
                    "{:?} has a decimal point (English style): read as {} (Vietnamese writes the decimal with a comma)",
                    tk.raw(k),
                    crate::format::format_vn(v)
                ),
            });
        }
    }
}

/// Diagnostics mapped to the original input, sorted by position.
fn to_original(n: &Normalized, diags: Vec<Diag>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = diags
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
    out.sort_by_key(|d| (d.start, d.end));
    out
}

/// An item read into targets, with where it is.
struct ReadItem {
    item: TargetItem,
    span: ItemSpan,
    /// Byte range in the normalised text.
    norm: (usize, usize),
}

/// The items read and the token ranges their targets consumed.
struct Read {
    items: Vec<ReadItem>,
    consumed: Vec<(usize, usize)>,
}

/// Numbers the items (a second list restarting at (1) is renumbered) and reads their targets.
fn read_items(
    tk: &Toks,
    fig: &figure::Figures,
    text: &str,
    raw: &[layout::RawItem],
    tables: &[table::Table],
    year: Option<i32>,
    diags: &mut Vec<Diag>,
) -> Read {
    let mut out = Read {
        items: Vec::new(),
        consumed: Vec::new(),
    };
    let mut last = 0u32;
    for it in raw {
        let (s, e) = tk.span(it.a, it.b);
        let number = match it.printed {
            Some(p) if p > last => p,
            Some(p) => {
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
            tk,
            fig,
            diags,
            default_baseline_year: year.map(|y| y - 1),
            consumed: &mut out.consumed,
            report: it.report,
            dot: false,
            strive: it.strive,
            unit_hint: None,
        };
        let targets = match it.table {
            Some((t, r)) => az.analyze_row(number, &tables[t], &tables[t].rows[r]),
            None => az.analyze(number, it.a, it.b),
        };
        if targets.is_empty() && it.table.is_some() {
            continue; // a row with no target cell (blank, or results only)
        }
        let (os, oe) = tk.n.to_orig(s, e);
        out.items.push(ReadItem {
            item: TargetItem {
                number,
                text: text.get(os..oe).unwrap_or("").trim().to_string(),
                targets,
            },
            span: ItemSpan {
                number,
                start: os,
                end: oe,
            },
            norm: (s, e),
        });
    }
    out
}

/// The rows of the tables as items, in text order with the others.
fn add_table_rows(items: &mut Vec<layout::RawItem>, tables: &[table::Table]) {
    for (t, table) in tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            items.push(layout::RawItem {
                printed: row.number,
                mark: row.a,
                a: row.a,
                b: row.b,
                report: false,
                strive: false,
                table: Some((t, r)),
            });
        }
    }
    items.sort_by_key(|it| it.a);
}

/// `error` diagnostics for the required metadata the text does not state.
fn missing_metadata(meta: &meta::Meta, diags: &mut Vec<Diag>) {
    let mut missing = |code: &'static str, message: &str| {
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Error,
            code,
            message: message.into(),
        })
    };
    if meta.title.is_none() {
        missing(
            "missing_title",
            "no title (trích yếu) found; `title` is empty",
        );
    }
    if meta.issuer.is_none() {
        missing(
            "missing_issuer",
            "no issuer (UBND / Chủ tịch UBND / HĐND …) found; `issuer.name` is empty",
        );
    }
    if meta.year.is_none() {
        missing("missing_year", "no year found; `coverage.year` is 0");
    }
}

/// A target restated in a headline or caption ("Năm 2024, ngành Công thương phấn đấu kim
/// ngạch xuất khẩu đạt 7,5 tỷ USD" above the list that says "kim ngạch xuất khẩu 7,5 tỷ
/// USD") is read once: an item whose only target has the spec of a target of an item with
/// several, and whose name holds every word of that target's name (or the reverse), is
/// dropped (info `restated_target`). So is an item in a **restating position** — a headline
/// (an unmarked line standing alone, with no sentence end) or a quotation — whose only
/// target has the spec of a target stated elsewhere, when the words of its name after the
/// headline's last ':' or the opening quote (without "năm YYYY", "phấn đấu", "mục tiêu")
/// are all in that target's name: a news report's headline "…: Năm 2027 phấn đấu tăng
/// trưởng từ 9% trở lên" and a quote "\"Mục tiêu tăng trưởng từ 9% trở lên là …\"" restate
/// "mục tiêu tốc độ tăng trưởng GRDP đạt từ 9% trở lên" of the report's body.
fn drop_restated(text: &str, items: &mut Vec<ReadItem>, diags: &mut Vec<Diag>) {
    fn words(s: &str) -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }
    let contains = |a: &[String], b: &[String]| !b.is_empty() && b.iter().all(|w| a.contains(w));
    let mut by_spec: std::collections::HashMap<String, Vec<(usize, usize)>> =
        std::collections::HashMap::new();
    for (i, it) in items.iter().enumerate() {
        for (j, t) in it.item.targets.iter().enumerate() {
            if !matches!(t.spec, crate::TargetSpec::Qualitative {}) {
                let key = serde_json::to_string(&t.spec).unwrap_or_default();
                by_spec.entry(key).or_default().push((i, j));
            }
        }
    }
    // Only computed when some spec is stated more than once.
    let repeated = by_spec.values().any(|l| l.len() >= 2);
    let restating: Vec<bool> = if repeated {
        let spans: Vec<(usize, usize)> = items.iter().map(|it| it.norm).collect();
        restating_positions(text, &spans)
    } else {
        vec![false; items.len()]
    };
    let core = |i: usize, drop_subject: bool| -> Vec<String> {
        let Some(t) = items[i].item.targets.first().filter(|_| restating[i]) else {
            return Vec::new();
        };
        let name = &t.name;
        let tail = match name.split_once(['"', '“']) {
            Some((_, after)) => after,
            None => name.rsplit(':').next().unwrap_or(name),
        };
        let mut w = words(tail);
        // "Quảng Ngãi đặt mục tiêu tăng trưởng 9%": the subject before the lead is no part of
        // what is restated (tried as a second reading).
        if drop_subject {
            let lead = w.windows(2).rposition(|p| {
                matches!(
                    (p[0].as_str(), p[1].as_str()),
                    ("mục" | "chỉ", "tiêu") | ("phấn", "đấu")
                )
            });
            match lead {
                Some(p) => {
                    w.drain(..p + 2);
                }
                None => return Vec::new(),
            }
        }
        w.retain(|x| {
            !matches!(x.as_str(), "năm" | "phấn" | "đấu" | "mục" | "tiêu")
                && !x.bytes().all(|b| b.is_ascii_digit())
        });
        w
    };
    let cores: Vec<[Vec<String>; 2]> = (0..items.len())
        .map(|i| [core(i, false), core(i, true)])
        .collect();
    // Every word of the restatement's name, or its first two or more (a quote's name runs on
    // after the figure: "Thu ngân sách 4.800 tỷ đồng là mục tiêu cao").
    let restates = |theirs: &[String], cores: &[Vec<String>; 2]| {
        cores.iter().any(|core| {
            let lead = core.iter().take_while(|w| theirs.contains(w)).count();
            !core.is_empty() && (lead == core.len() || lead >= 2)
        })
    };
    let mut drop = vec![false; items.len()];
    for list in by_spec.values().filter(|l| (2..=4).contains(&l.len())) {
        for &(i, _) in list {
            if items[i].item.targets.len() != 1 || drop[i] {
                continue;
            }
            let mine = words(&items[i].item.targets[0].name);
            let other = list.iter().find(|&&(k, m)| {
                k != i && !drop[k] && {
                    let theirs = words(&items[k].item.targets[m].name);
                    (items[k].item.targets.len() > 1
                        && (contains(&mine, &theirs) || contains(&theirs, &mine)))
                        || (restating[i] && !restating[k] && restates(&theirs, &cores[i]))
                }
            });
            if let Some(&(k, m)) = other {
                drop[i] = true;
                // The restatement's explicit comparator ("đạt") qualifies a bare statement.
                let said = items[i].item.targets[0].wording;
                let kept = &mut items[k].item.targets[m];
                if kept.wording == Some(crate::Wording::Bare) && said.is_none() {
                    kept.wording = None;
                }
                diags.push(Diag {
                    start: items[i].norm.0,
                    end: items[i].norm.1,
                    severity: Severity::Info,
                    code: "restated_target",
                    message: format!(
                        "restates a target of item ({}); read once, there",
                        items[k].item.number
                    ),
                });
            }
        }
    }
    let mut k = 0;
    items.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// For each item span (normalised bytes), whether it stands where a report restates a
/// target: at the end of a headline — an unmarked line opening with a capital, with no
/// sentence end and a blank line after it — or in a quotation (an odd number of quote marks
/// on its line before its figure). One pass over the text for all items (a text may be one
/// long line).
fn restating_positions(text: &str, spans: &[(usize, usize)]) -> Vec<bool> {
    let is_quote = |c: char| matches!(c, '"' | '“' | '”');
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].0);
    let mut out = vec![false; spans.len()];
    let (mut pos, mut line_start, mut quotes) = (0usize, 0usize, 0usize);
    for i in order {
        let (a, b) = (spans[i].0.min(text.len()), spans[i].1.min(text.len()));
        let (Some(gap), Some(item)) = (text.get(pos.min(a)..a), text.get(a..b)) else {
            continue;
        };
        for (k, c) in gap.char_indices() {
            if c == '\n' {
                (line_start, quotes) = (pos + k + 1, 0);
            } else if is_quote(c) {
                quotes += 1;
            }
        }
        pos = pos.max(a);
        // Up to the first digit of the item, where its figure starts at the latest.
        let to_figure = item
            .find(|c: char| c.is_ascii_digit())
            .map_or(item, |p| &item[..p]);
        if (quotes + to_figure.chars().filter(|&c| is_quote(c)).count()) % 2 == 1 {
            out[i] = true;
            continue;
        }
        let rest = &text[b..];
        let stop = rest.find(|c: char| c == '\n' || !c.is_whitespace());
        let ends_line = stop.is_none_or(|p| rest[p..].starts_with('\n'));
        let next = stop.map_or("", |p| rest[p..].strip_prefix('\n').unwrap_or(""));
        let blank_after = next.trim_start_matches([' ', '\t']).starts_with('\n') || next.is_empty();
        let line = text.get(line_start..b).unwrap_or("").trim();
        out[i] = ends_line
            && blank_after
            && line.chars().next().is_some_and(char::is_uppercase)
            && !line.ends_with(['.', ';', ':']);
    }
    out
}

/// Drops trailing ';', '.', ',' tokens.
pub(crate) fn trim_end(tk: &Toks, a: usize, b: usize) -> usize {
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
    items: &[layout::RawItem],
    lines: Vec<(String, usize, usize)>,
    lead: Option<usize>,
) -> Vec<ContentPoint> {
    let ordinal = ordinal_points(tk, orig, items);
    if ordinal.len() >= 2 {
        return ordinal;
    }
    if lines.len() >= 2 {
        return numbered_points(tk, orig, lines);
    }
    if let Some(listed) = listed_points(tk, orig) {
        return listed;
    }
    body_points(tk, orig, items, lead)
}

/// The original text of the normalised span `s..e`, trimmed.
fn orig_text(tk: &Toks, orig: &str, s: usize, e: usize) -> String {
    let (os, oe) = tk.n.to_orig(s, e);
    orig.get(os..oe).unwrap_or("").trim().to_string()
}

/// Step 1: "Một là, …", "Hai là: …" lines, in order from "Một", each cut at the next target item.
fn ordinal_points(tk: &Toks, orig: &str, items: &[layout::RawItem]) -> Vec<ContentPoint> {
    const ORDINALS: &[&str] = &[
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    let text = &tk.n.text;
    let lower = &tk.n.lower;
    let mut item_starts: Vec<usize> = items
        .iter()
        .filter_map(|it| tk.t.get(it.mark).map(|t| t.start))
        .collect();
    item_starts.sort_unstable();
    let mut out = Vec::new();
    let mut line_at = 0;
    for line in text.split('\n') {
        let l_lower = lower.get(line_at..line_at + line.len()).unwrap_or("");
        let t = l_lower.trim_start();
        let off = line_at + (l_lower.len() - t.len());
        for (k, o) in ORDINALS.iter().enumerate() {
            // The test before the label string: this runs for every line and ordinal.
            let opens = t
                .strip_prefix(o)
                .and_then(|r| r.strip_prefix(" là"))
                .is_some_and(|r| r.starts_with(',') || r.starts_with(':') || r.starts_with(' '));
            if opens {
                let head = format!("{o} là");
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
                        text: orig_text(tk, orig, s, e),
                    });
                }
                break;
            }
        }
        line_at += line.len() + 1;
    }
    out
}

/// Step 2: numbered lines that are not targets, with their labels.
fn numbered_points(tk: &Toks, orig: &str, lines: Vec<(String, usize, usize)>) -> Vec<ContentPoint> {
    lines
        .into_iter()
        .map(|(label, a, b)| {
            let (s, e) = tk.span(a, b);
            ContentPoint {
                label: Some(label),
                text: orig_text(tk, orig, s, e),
            }
        })
        .collect()
}

/// Step 3: "nội dung thi đua … như: A; B; C": the parts of the line after the colon, a part that
/// starts with a document reference ("Nghị quyết số …") joined to the one before; at least
/// two parts, or `None`.
fn listed_points(tk: &Toks, orig: &str) -> Option<Vec<ContentPoint>> {
    let text = &tk.n.text;
    let lower = &tk.n.lower;
    let at = lower.find("nội dung thi đua")?;
    let rest = lower.get(at..).unwrap_or("");
    let line_end = rest.find('\n').map_or(lower.len(), |k| at + k);
    let seg = lower.get(at..line_end).unwrap_or("");
    let colon = seg.find(':')?;
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
    (merged.len() >= 2).then(|| {
        merged
            .into_iter()
            .map(|(s, e)| ContentPoint {
                label: None,
                text: orig_text(tk, orig, s, e),
            })
            .collect()
    })
}

/// Step 4: body paragraphs: long lines ending a sentence, after the lead, outside target lists.
fn body_points(
    tk: &Toks,
    orig: &str,
    items: &[layout::RawItem],
    lead: Option<usize>,
) -> Vec<ContentPoint> {
    let mut out = Vec::new();
    let item_ranges: Vec<(usize, usize)> = items.iter().map(|it| tk.span(it.a, it.b)).collect();
    let mut range_at = 0;
    let mut line_at = 0;
    for line in tk.n.text.split('\n') {
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
            text: orig_text(tk, orig, s + lead_start, e),
        });
    }
    out
}
