//! Accounting for every figure: each figure inside a passage read as targets is either read
//! into a target or reported with its span, so that a person sees exactly what was not read.

use super::figure::{Figures, Role};
use super::scan::Toks;
use super::{Diag, Severity};

/// Sorted, merged token ranges.
fn merged(mut r: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    r.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(r.len());
    for (a, b) in r {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Reports every figure of the read ranges that no target consumed: `unread_figure`
/// (warning) outside parentheses, `not_a_target` (info) inside them ("(8 xã)", an equivalent
/// or a note) and for a figure that only compares with or scopes the one before it
/// ([`Role::Relative`]). Figures already explained by another diagnostic (a result before "KH") are
/// not reported twice.
pub(crate) fn figures(
    tk: &Toks,
    fig: &Figures,
    read: &[(usize, usize)],
    consumed: &[(usize, usize)],
    diags: &mut Vec<Diag>,
) {
    let read = merged(read.to_vec());
    let consumed = merged(consumed.to_vec());
    let mut explained: Vec<usize> = diags
        .iter()
        .filter(|d| matches!(d.code, "not_a_target" | "unreadable_number"))
        .map(|d| d.start)
        .collect();
    explained.sort_unstable();
    let mut c = 0;
    for &(a, b) in &read {
        for k in a..b.min(tk.t.len()) {
            let relative = fig.role(k) == Role::Relative;
            if fig.role(k) != Role::Value && !relative {
                continue;
            }
            while c < consumed.len() && consumed[c].1 <= k {
                c += 1;
            }
            if consumed.get(c).is_some_and(|r| r.0 <= k) {
                continue;
            }
            let start = tk.t[k].start;
            if explained.binary_search(&start).is_ok() {
                continue;
            }
            let (severity, code, message) = if relative {
                (
                    Severity::Info,
                    "not_a_target",
                    format!(
                        "{:?} compares with or scopes the figure before it, not read as a target",
                        tk.raw(k)
                    ),
                )
            } else if fig.depth(k) > 0 {
                (
                    Severity::Info,
                    "not_a_target",
                    format!(
                        "{:?} is in parentheses (an equivalent or a note), not read as a target",
                        tk.raw(k)
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    "unread_figure",
                    format!(
                        "the figure {:?} in a passage of targets was not read into a target",
                        tk.raw(k)
                    ),
                )
            };
            diags.push(Diag {
                start,
                end: tk.t[k].end,
                severity,
                code,
                message,
            });
        }
    }
}

/// When no target was read: a warning for each sentence that holds figures in target-like
/// phrasing (with its span), else the info `no_targets`.
pub(crate) fn no_targets(
    tk: &Toks,
    fig: &Figures,
    target_like: &[(usize, usize)],
    diags: &mut Vec<Diag>,
) {
    if target_like.is_empty() {
        diags.push(Diag {
            start: 0,
            end: 0,
            severity: Severity::Info,
            code: "no_targets",
            message: "no list of targets was found".into(),
        });
        return;
    }
    for &(a, b) in target_like {
        let (s, e) = tk.span(a, b);
        let figures: Vec<&str> = (a..b)
            .filter(|&k| fig.role(k) == Role::Value)
            .map(|k| tk.raw(k))
            .collect();
        diags.push(Diag {
            start: s,
            end: e,
            severity: Severity::Warning,
            code: "targets_not_read",
            message: format!(
                "no target was read, but this sentence speaks of targets with figures ({}); it reads as a result or as narrative",
                figures.join(", ")
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::{parse_directive, Severity};

    const HEAD: &str = "Kế hoạch năm 2025 của UBND huyện Tân An. Các chỉ tiêu chủ yếu: ";

    /// The warnings of `code` on `text`, as the slices they point at.
    fn spans<'t>(text: &'t str, code: &str) -> Vec<&'t str> {
        let out = parse_directive(text);
        out.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .inspect(|d| assert_eq!(d.severity, Severity::Warning, "{code}"))
            .map(|d| &text[d.start..d.end])
            .collect()
    }

    #[test]
    fn an_item_that_reads_as_a_result_reports_its_figures() {
        let text = format!(
            "{HEAD}(1) Tốc độ tăng trưởng GRDP đạt 8%; (2) Thu ngân sách đạt 300 tỷ đồng; kết quả đạt 280 tỷ đồng."
        );
        let out = parse_directive(&text);
        assert_eq!(out.directive.items.len(), 1);
        assert_eq!(spans(&text, "unread_figure"), ["300", "280"]);
        // The item marker "(2)" is not a figure of the item.
        assert!(!out.diagnostics.iter().any(|d| d.code == "not_a_target"));
    }

    #[test]
    fn results_only_give_a_warning_with_the_sentence_not_an_info() {
        let text = "Báo cáo năm 2025 của UBND huyện Tân An. Năm 2024, tốc độ tăng trưởng GRDP đạt 7,2%, thu ngân sách đạt 310 tỷ đồng.";
        let out = parse_directive(text);
        assert!(out.directive.items.is_empty());
        let s = spans(text, "targets_not_read");
        assert_eq!(s.len(), 1);
        assert!(
            s[0].starts_with("Năm 2024") && s[0].contains("310 tỷ đồng"),
            "{s:?}"
        );
        assert!(!out.diagnostics.iter().any(|d| d.code == "no_targets"));
    }

    #[test]
    fn last_years_results_under_a_heading_with_a_year_still_give_the_warning() {
        // The heading line gives the text its year (2025), so "Năm 2024, …" is a past year's
        // result: no target, but the sentence is reported, not an info "no targets".
        let text = "Báo cáo số 20/BC-UBND năm 2025 của UBND huyện Tân An.\nNăm 2024, tốc độ tăng trưởng GRDP đạt 7,2%, thu ngân sách đạt 310 tỷ đồng.";
        let out = parse_directive(text);
        assert!(out.directive.items.is_empty());
        let s = spans(text, "targets_not_read");
        assert_eq!(s.len(), 1, "{:?}", out.diagnostics);
        assert!(
            s[0].starts_with("Năm 2024") && s[0].contains("310 tỷ đồng"),
            "{s:?}"
        );
        assert!(!out.diagnostics.iter().any(|d| d.code == "no_targets"));
    }

    #[test]
    fn a_text_without_figures_of_targets_gets_the_info_no_targets() {
        let text = "Thông báo của UBND huyện Tân An năm 2025 về lịch họp ngày 12/3/2025 tại hội trường số 2.";
        let out = parse_directive(text);
        let d: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.code == "no_targets")
            .collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(spans(text, "targets_not_read").is_empty());
    }
}
