//! Explanations of evaluations, in Vietnamese and English.

use rust_decimal::prelude::*;

use crate::evaluate::*;
use crate::model::{ReductionUnit, TargetSpec};
use crate::number::{format_en_rounded, format_vn_rounded};
use crate::quantity::Quantity;
use crate::results::Period;

/// The value with the target's unit, Vietnamese and English ("10,5%", "2.415 tỷ đồng").
fn show(spec: &TargetSpec, v: Decimal) -> (String, String) {
    let v = v.normalize();
    match spec {
        TargetSpec::PerCapita { value, per, .. } => {
            let q = Quantity::scaled(v, value.scale, value.unit.clone());
            let per_vi = if *per == Decimal::ONE {
                "người".to_string()
            } else if *per == Decimal::from(10_000) {
                "1 vạn dân".into()
            } else {
                format!("{} dân", format_vn_rounded(*per, 0))
            };
            let per_en = if *per == Decimal::ONE {
                "person".to_string()
            } else {
                format!("{} people", format_en_rounded(*per, 0))
            };
            (
                format!("{q}/{per_vi}"),
                format!("{} per {per_en}", q.to_string_en()),
            )
        }
        _ => match (spec.result_unit(), spec) {
            (_, TargetSpec::RankImprovement { .. }) => (
                format!("hạng {}", format_vn_rounded(v, 4)),
                format!("rank {}", format_en_rounded(v, 4)),
            ),
            (Some(u), _) => {
                let q = Quantity::scaled(v, spec.result_scale(), u);
                (q.to_string(), q.to_string_en())
            }
            (None, _) => (format_vn_rounded(v, 10), format_en_rounded(v, 10)),
        },
    }
}

/// The words every explanation of one assessment shares.
struct Words<'a> {
    st_vi: &'a str,
    st_en: &'a str,
    ratio_vi: String,
    ratio_en: String,
    t_vi: &'a str,
    t_en: &'a str,
    period: Period,
    opts: &'a EvaluationOptions,
}

/// The one-line explanation of an assessment, in Vietnamese and English.
pub(crate) fn explain(
    spec: &TargetSpec,
    obs: &Observation,
    a: &Assessment,
    period: Period,
    t_vi: &str,
    t_en: &str,
    opts: &EvaluationOptions,
) -> Explanation {
    match a.status {
        Status::NotApplicable => {
            return Explanation {
                vi: "Không áp dụng cho đơn vị này.".into(),
                en: "Not applicable to this unit.".into(),
            }
        }
        Status::NoData => {
            return Explanation {
                vi: format!("Chưa có số liệu {} (chỉ tiêu: {t_vi}).", period.label_vi()),
                en: format!(
                    "No data reported for {} (target: {t_en}).",
                    period.label_en()
                ),
            }
        }
        _ => {}
    }
    let w = Words {
        st_vi: a.status.label_vi(),
        st_en: a.status.label_en(),
        ratio_vi: a
            .ratio
            .map(|r| format!(", {}% kế hoạch", format_vn_rounded(r, opts.ratio_digits)))
            .unwrap_or_default(),
        ratio_en: a
            .ratio
            .map(|r| format!(", {}% of plan", format_en_rounded(r, opts.ratio_digits)))
            .unwrap_or_default(),
        t_vi,
        t_en,
        period,
        opts,
    };
    match spec {
        TargetSpec::Qualitative {} => Explanation {
            vi: format!("Hội đồng đánh giá: {}.", w.st_vi),
            en: format!("Judged by the council: {}.", w.st_en),
        },
        TargetSpec::CompositeDecrease { components } => {
            explain_composite(&w, components, spec, obs, a)
        }
        TargetSpec::Reduction { unit, .. } => explain_reduction(&w, unit, spec, obs, a),
        TargetSpec::RankImprovement {
            index,
            baseline_year,
            ..
        } => explain_rank(&w, index, baseline_year, spec, obs, a),
        _ => explain_value(&w, spec, obs, a),
    }
}

/// A composite decrease: each component from its baseline to its value.
#[allow(unused_variables)]
fn explain_composite(
    w: &Words<'_>,
    components: &[crate::model::Component],
    spec: &TargetSpec,
    obs: &Observation,
    a: &Assessment,
) -> Explanation {
    let Words {
        st_vi,
        st_en,
        ratio_vi,
        ratio_en,
        t_vi,
        t_en,
        period,
        opts,
    } = w;

    let mut vi = Vec::new();
    let mut en = Vec::new();
    for c in components {
        match obs.components.iter().find(|x| x.component == c.id) {
            Some(ComponentResult {
                value: Some(v),
                baseline: Some(b),
                ..
            }) => {
                let (w_vi, w_en) = if v < b {
                    ("giảm", "down")
                } else if v == b {
                    ("không đổi", "unchanged")
                } else {
                    ("tăng", "up")
                };
                vi.push(format!(
                    "{} {} → {} ({w_vi})",
                    c.name,
                    format_vn_rounded(*b, 10),
                    format_vn_rounded(*v, 10)
                ));
                en.push(format!(
                    "{} {} → {} ({w_en})",
                    c.id,
                    format_en_rounded(*b, 10),
                    format_en_rounded(*v, 10)
                ));
            }
            _ => {
                vi.push(format!("{}: chưa có số liệu", c.name));
                en.push(format!("{}: no data", c.id));
            }
        }
    }
    let fell = a.achieved.unwrap_or_default();
    Explanation {
        vi: format!(
            "Giảm {}/{} tiêu chí so với cùng kỳ: {}: {st_vi}.",
            fell,
            components.len(),
            vi.join("; ")
        ),
        en: format!(
            "{} of {} components fell versus the same period last year: {}: {st_en}.",
            fell,
            components.len(),
            en.join("; ")
        ),
    }
}

/// A reduction: the decrease achieved, from the baseline to the result.
#[allow(unused_variables)]
fn explain_reduction(
    w: &Words<'_>,
    unit: &ReductionUnit,
    spec: &TargetSpec,
    obs: &Observation,
    a: &Assessment,
) -> Explanation {
    let Words {
        st_vi,
        st_en,
        ratio_vi,
        ratio_en,
        t_vi,
        t_en,
        period,
        opts,
    } = w;

    let r = obs.value.unwrap_or_default();
    let b = obs.baseline.unwrap_or_default();
    let ach = a.achieved.unwrap_or_default();
    let (u_vi, u_en) = match unit {
        ReductionUnit::PercentagePoints => (" điểm %", " percentage points"),
        ReductionUnit::PercentOfBaseline => ("% so với kỳ gốc", "% of the baseline"),
        ReductionUnit::Absolute => ("", ""),
    };
    let lvl = |v: Decimal| {
        if matches!(unit, ReductionUnit::Absolute) {
            format_vn_rounded(v, 10)
        } else {
            format!("{}%", format_vn_rounded(v, 10))
        }
    };
    let lvl_en = |v: Decimal| {
        if matches!(unit, ReductionUnit::Absolute) {
            format_en_rounded(v, 10)
        } else {
            format!("{}%", format_en_rounded(v, 10))
        }
    };
    Explanation {
        vi: format!(
            "Giảm {}{u_vi} (từ {} xuống {}) so với chỉ tiêu {t_vi}: {st_vi}{ratio_vi}.",
            format_vn_rounded(ach, 4),
            lvl(b),
            lvl(r)
        ),
        en: format!(
            "Down {}{u_en} (from {} to {}) against a target of {t_en}: {st_en}{ratio_en}.",
            format_en_rounded(ach, 4),
            lvl_en(b),
            lvl_en(r)
        ),
    }
}

/// A rank improvement: the places gained.
#[allow(unused_variables)]
fn explain_rank(
    w: &Words<'_>,
    index: &str,
    baseline_year: &i32,
    spec: &TargetSpec,
    obs: &Observation,
    a: &Assessment,
) -> Explanation {
    let Words {
        st_vi,
        st_en,
        ratio_vi,
        ratio_en,
        t_vi,
        t_en,
        period,
        opts,
    } = w;

    let r = obs.value.unwrap_or_default();
    let b = obs.baseline.unwrap_or_default();
    let g = a.achieved.unwrap_or_default();
    let (w_vi, w_en) = if g >= Decimal::ZERO {
        ("tăng", "up")
    } else {
        ("giảm", "down")
    };
    Explanation {
                vi: format!("{index}: hạng {} (năm {baseline_year}) → hạng {}, {w_vi} {} bậc so với chỉ tiêu tăng {} bậc: {st_vi}{ratio_vi}.",
                    format_vn_rounded(b, 0), format_vn_rounded(r, 0), format_vn_rounded(g.abs(), 0), a.threshold.unwrap_or_default()),
                en: format!("{index}: rank {} ({baseline_year}) → rank {}, {w_en} {} places against a target of {}: {st_en}{ratio_en}.",
                    format_en_rounded(b, 0), format_en_rounded(r, 0), format_en_rounded(g.abs(), 0), a.threshold.unwrap_or_default()),
            }
}

/// Every other kind: the result against the target (and the in-year bar, the reference
/// value, the ceiling convention where they apply).
#[allow(unused_variables)]
fn explain_value(
    w: &Words<'_>,
    spec: &TargetSpec,
    obs: &Observation,
    a: &Assessment,
) -> Explanation {
    let Words {
        st_vi,
        st_en,
        ratio_vi,
        ratio_en,
        t_vi,
        t_en,
        period,
        opts,
    } = w;

    let r = obs.value.unwrap_or_default();
    let (r_vi, r_en) = show(spec, r);
    let prefix_vi = format!("Kết quả {}", period.label_vi());
    let prefix_en = format!("Result for {}", period.label_en());
    let mut vi = format!("{prefix_vi}: {r_vi} so với chỉ tiêu {t_vi}: {st_vi}{ratio_vi}");
    let mut en = format!("{prefix_en}: {r_en} against a target of {t_en}: {st_en}{ratio_en}");
    if a.pro_rata {
        let th = a.threshold.unwrap_or_default();
        let (th_vi, th_en) = show(spec, th);
        vi = format!("{prefix_vi}: {r_vi}{ratio_vi} năm (chỉ tiêu {t_vi}); mốc tiến độ {} tháng là {th_vi}: {st_vi}", period.months(), ratio_vi = ratio_vi.replacen(", ", " = ", 1));
        en = format!("{prefix_en}: {r_en}{ratio_en} for the year (target {t_en}); the {}-month pro-rata bar is {th_en}: {st_en}", period.months(), ratio_en = ratio_en.replacen(", ", " = ", 1));
    }
    if let TargetSpec::Reference {
        value: None,
        reference,
        ..
    } = spec
    {
        let th = a.threshold.unwrap_or_default();
        let (th_vi, th_en) = show(spec, th);
        vi.push_str(&format!(" ({reference} = {th_vi})"));
        en.push_str(&format!(" ({reference} = {th_en})"));
    }
    if let TargetSpec::Ceiling { .. } = spec {
        let conv = match opts.ceiling_ratio {
            CeilingRatio::Inverse => ("chỉ tiêu ÷ kết quả", "target ÷ result"),
            CeilingRatio::Complement => (
                "100 + (chỉ tiêu − kết quả) ÷ chỉ tiêu",
                "100 + (target − result) ÷ target",
            ),
        };
        if a.ratio.is_some() {
            vi.push_str(&format!(" (tỷ lệ tính theo {})", conv.0));
            en.push_str(&format!(" (ratio as {})", conv.1));
        } else {
            vi.push_str(" (không tính được % kế hoạch: mẫu số bằng 0)");
            en.push_str(" (% of plan undefined: zero divisor)");
        }
    }
    vi.push('.');
    en.push('.');
    Explanation { vi, en }
}

/// The headline "đạt và vượt X/Y chỉ tiêu (vượt e, đạt m, không đạt n[, chưa có số liệu d][,
/// không áp dụng a])" and its English counterpart.
pub(crate) fn headlines(e: u32, m: u32, n: u32, d: u32, a: u32) -> (String, String) {
    let total = e + m + n + d;
    let x = e + m;
    let mut vi_parts = vec![
        format!("vượt {e}"),
        format!("đạt {m}"),
        format!("không đạt {n}"),
    ];
    let mut en_parts = vec![
        format!("{e} exceeded"),
        format!("{m} met"),
        format!("{n} not met"),
    ];
    if d > 0 {
        vi_parts.push(format!("chưa có số liệu {d}"));
        en_parts.push(format!("{d} no data"));
    }
    if a > 0 {
        vi_parts.push(format!("không áp dụng {a}"));
        en_parts.push(format!("{a} not applicable"));
    }
    (
        format!("đạt và vượt {x}/{total} chỉ tiêu ({})", vi_parts.join(", ")),
        format!(
            "{x} of {total} targets met or exceeded ({})",
            en_parts.join(", ")
        ),
    )
}

impl UnitEvaluation {
    /// A plain-text scorecard in Vietnamese: one line per target, then the headline.
    pub fn scorecard_vi(&self) -> String {
        let mut s = format!("Đơn vị: {} — kỳ: {}\n", self.unit, self.period.label_vi());
        for t in &self.targets {
            let ratio = t
                .ratio
                .map(|r| format!("{}%", format_vn_rounded(r, 2)))
                .unwrap_or_else(|| "—".into());
            let id = if t.parent.is_some() {
                format!("  └ ({})", t.target)
            } else {
                format!("({})", t.target)
            };
            s.push_str(&format!(
                "  {id:<9} {:<16} {ratio:>9}  {}\n",
                t.status.label_vi(),
                t.explanation.vi
            ));
        }
        s.push_str(&format!("  ⇒ {}\n", self.summary.headline_vi));
        s
    }
}
