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
/// or a note). Figures already explained by another diagnostic (a result before "KH") are
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
            if fig.role(k) != Role::Value {
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
            let (severity, code, message) = if fig.depth(k) > 0 {
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
