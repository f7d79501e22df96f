//! Explanations of evaluations, in Vietnamese and English.

use rust_decimal::prelude::*;

use crate::evaluate::*;
use crate::model::{ReductionUnit, TargetSpec};
use crate::number::{format_en_rounded, format_vn_rounded};
use crate::quantity::Quantity;
use crate::results::Period;

/// The value with the target's unit, Vietnamese and English ("10,5%", "2.415 tỷ đồng").
pub(crate) fn show(spec: &TargetSpec, v: Decimal) -> (String, String) {
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
    /// The result in words when it is not a plain value ("hơn 290 triệu USD").
    shown: Option<&'a (String, String)>,
}

/// The one-line explanation of an assessment, in Vietnamese and English. `shown` is the
/// result in words when it is not a plain value (a share of plan, a change, a range).
#[allow(clippy::too_many_arguments)]
pub(crate) fn explain(
    spec: &TargetSpec,
    obs: &Observation,
    a: &Assessment,
    period: Period,
    t_vi: &str,
    t_en: &str,
    opts: &EvaluationOptions,
    shown: Option<&(String, String)>,
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
        shown,
    };
    match spec {
        TargetSpec::Qualitative {} => Explanation {
            vi: format!("Hội đồng đánh giá: {}.", w.st_vi),
            en: format!("Judged by the council: {}.", w.st_en),
        },
        TargetSpec::CompositeDecrease { components } => {
            explain_composite(&w, components, spec, obs, a)
        }
        TargetSpec::Reduction { .. } if obs.value.is_none() || obs.baseline.is_none() => {
            explain_decrease_reported(&w, a)
        }
        TargetSpec::RankImprovement { index, .. } if obs.value.is_none() => {
            explain_places_reported(&w, index, a)
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

/// A reduction reported as the decrease itself ("giảm 1,2 điểm %"), without the two levels.
fn explain_decrease_reported(w: &Words<'_>, a: &Assessment) -> Explanation {
    let ach = a.achieved.unwrap_or_default();
    let (s_vi, s_en) = w.shown.cloned().unwrap_or_else(|| {
        (
            format!("giảm {}", format_vn_rounded(ach, 4)),
            format!("down {}", format_en_rounded(ach, 4)),
        )
    });
    let (t_vi, t_en, st_vi, st_en) = (w.t_vi, w.t_en, w.st_vi, w.st_en);
    let (ratio_vi, ratio_en) = (&w.ratio_vi, &w.ratio_en);
    Explanation {
        vi: format!(
            "Kết quả {}: {s_vi} so với chỉ tiêu {t_vi}: {st_vi}{ratio_vi}.",
            w.period.label_vi()
        ),
        en: format!(
            "Result for {}: {s_en} against a target of {t_en}: {st_en}{ratio_en}.",
            w.period.label_en()
        ),
    }
}

/// A rank improvement reported as the places gained ("tăng 6 bậc"), without the two ranks.
fn explain_places_reported(w: &Words<'_>, index: &str, a: &Assessment) -> Explanation {
    let g = a.achieved.unwrap_or_default();
    let (st_vi, st_en) = (w.st_vi, w.st_en);
    let (ratio_vi, ratio_en) = (&w.ratio_vi, &w.ratio_en);
    Explanation {
        vi: format!(
            "{index}: tăng {} bậc so với chỉ tiêu tăng {} bậc: {st_vi}{ratio_vi}.",
            format_vn_rounded(g, 0),
            a.threshold.unwrap_or_default()
        ),
        en: format!(
            "{index}: up {} places against a target of {}: {st_en}{ratio_en}.",
            format_en_rounded(g, 0),
            a.threshold.unwrap_or_default()
        ),
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
        ..
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
        ..
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
        ..
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
        ..
    } = w;

    let r = obs.value.unwrap_or_default();
    let (r_vi, r_en) = match w.shown {
        Some(s) => s.clone(),
        None => show(spec, r),
    };
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
    // (Not when a share of plan was compared with 100 % because the reference value is not
    // known: there is no value to show.)
    let share_only = w.shown.is_some() && obs.baseline == Some(Decimal::ONE_HUNDRED);
    if let (
        TargetSpec::Reference {
            value: None,
            reference,
            ..
        },
        false,
    ) = (spec, share_only)
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

/// What the explanation adds after its main sentence.
pub(crate) struct Extras<'a> {
    pub spec: &'a TargetSpec,
    pub prepared_entry: Option<&'a crate::results::ResultEntry>,
    pub notes: &'a [(String, String)],
    pub fallback: bool,
    pub levels: &'a [LevelEvaluation],
    pub revisions: &'a [Revision],
    pub status: Status,
    pub literal: Option<Status>,
    pub conventions: &'a [String],
    pub band: Option<Decimal>,
    pub ratio: Option<Decimal>,
    pub reported_verdict: Option<crate::results::Judgement>,
    pub digits: u32,
}

fn ratio_text(r: Option<Decimal>, digits: u32) -> (String, String) {
    match r {
        Some(r) => (
            format!(", {}% kế hoạch", format_vn_rounded(r, digits)),
            format!(", {}% of plan", format_en_rounded(r, digits)),
        ),
        None => (String::new(), String::new()),
    }
}

fn date_vi(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Appends the wording as reported and the provenance and date of the figure used: nothing
/// for a row that states neither (and is not one of several), "Số ước." for an estimate.
pub(crate) fn provenance_words(
    x: &mut Explanation,
    stated: Option<crate::results::Provenance>,
    date: Option<chrono::NaiveDate>,
    reported: Option<&str>,
    revised: bool,
) {
    let (vi, en) = (&mut x.vi, &mut x.en);
    let p = stated.unwrap_or(crate::results::Provenance::Official);
    let mut p_vi = Vec::new();
    let mut p_en = Vec::new();
    if stated.is_some() || revised {
        p_vi.push(format!("số {}", p.label_vi()));
        p_en.push(p.label_en().to_string());
    }
    if let Some(d) = date {
        p_vi.push(date_vi(d));
        p_en.push(d.to_string());
    }
    let par_vi = if p_vi.is_empty() {
        String::new()
    } else {
        format!(" ({})", p_vi.join(", "))
    };
    let par_en = if p_en.is_empty() {
        String::new()
    } else {
        format!(" ({})", p_en.join(", "))
    };
    match reported {
        Some(w) => {
            vi.push_str(&format!(" Số liệu báo cáo: “{w}”{par_vi}."));
            en.push_str(&format!(" As reported: “{w}”{par_en}."));
        }
        None if stated.is_some() || revised || date.is_some() => {
            let d_vi = date
                .map(|d| format!(" ngày {}", date_vi(d)))
                .unwrap_or_default();
            let d_en = date.map(|d| format!(" of {d}")).unwrap_or_default();
            vi.push_str(&format!(" Số {}{d_vi}.", p.label_vi()));
            let mut pe = p.label_en().to_string();
            if let Some(c) = pe.get_mut(0..1) {
                c.make_ascii_uppercase();
            }
            en.push_str(&format!(" {pe} figure{d_en}."));
        }
        None => {}
    }
}

/// Appends what the main sentence does not say: the wording as reported and its provenance,
/// the rules applied, the level that applied when there was no unit figure, the other levels,
/// the reporting conventions or band that changed the status, the revisions, the printed
/// verdict, the note and the source.
pub(crate) fn explain_extras(x: &mut Explanation, e: &Extras<'_>) {
    if let Some(r) = e.prepared_entry {
        provenance_words(
            x,
            r.provenance,
            r.date,
            r.reported.as_deref(),
            !e.revisions.is_empty(),
        );
    }
    if !e.notes.is_empty() {
        rule_notes(x, e.notes);
    }
    if e.fallback {
        x.vi.push_str(" Đơn vị không có chỉ tiêu giao riêng: áp dụng chỉ tiêu chung.");
        x.en.push_str(" The unit has no assigned figure: the directive's figure applies.");
    }
    if let Some(lit) = e.literal {
        convention_words(x, e, lit);
    }
    for l in e.levels {
        level_words(x, l, e.digits);
    }
    for r in e.revisions {
        revision_words(x, e, r);
    }
    if let Some(j) = e.reported_verdict {
        verdict_words(x, j, e.status);
    }
    if let Some(r) = e.prepared_entry {
        entry_note_and_source(x, r);
    }
}

/// Appends the notes on how the figure was computed ("Cách tính: …"; "Rule: …").
fn rule_notes(x: &mut Explanation, notes: &[(String, String)]) {
    x.vi.push_str(&format!(
        " Cách tính: {}.",
        notes
            .iter()
            .map(|n| n.0.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    ));
    x.en.push_str(&format!(
        " Rule: {}.",
        notes
            .iter()
            .map(|n| n.1.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    ));
}

/// Appends the reporting convention that made the status differ from the literal reading.
fn convention_words(x: &mut Explanation, e: &Extras<'_>, lit: Status) {
    let (vi, en) = (&mut x.vi, &mut x.en);
    let names = e.conventions.join(", ");
    if e.conventions.iter().any(|c| c == "basically_met_at") {
        let band = e.band.unwrap_or_default();
        vi.push_str(&format!(
            " Cơ bản đạt: {}% kế hoạch, từ mức {}% (đọc nguyên văn: {}).",
            format_vn_rounded(e.ratio.unwrap_or_default(), e.digits),
            format_vn_rounded(band, 4),
            lit.label_vi()
        ));
        en.push_str(&format!(
            " Basically met: {}% of plan, at least the band's {}% (literal reading: {}).",
            format_en_rounded(e.ratio.unwrap_or_default(), e.digits),
            format_en_rounded(band, 4),
            lit.label_en()
        ));
    } else {
        vi.push_str(&format!(
            " Theo quy ước báo cáo {names}: {} (đọc nguyên văn: {}).",
            e.status.label_vi(),
            lit.label_vi()
        ));
        en.push_str(&format!(
            " Under the reporting convention {names}: {} (literal reading: {}).",
            e.status.label_en(),
            lit.label_en()
        ));
    }
}

/// Appends the status against one more level of the target ("So với chỉ tiêu …").
fn level_words(x: &mut Explanation, l: &LevelEvaluation, digits: u32) {
    let (r_vi, r_en) = ratio_text(l.ratio, digits);
    x.vi.push_str(&format!(
        " So với chỉ tiêu {} ({}): {}{r_vi}.",
        l.label,
        l.target_text,
        l.status.label_vi()
    ));
    x.en.push_str(&format!(
        " Against the level {} ({}): {}{r_en}.",
        if l.label_en.is_empty() {
            &l.label
        } else {
            &l.label_en
        },
        l.target_text,
        l.status.label_en()
    ));
}

/// Appends a superseded figure: its provenance, wording or value, date and row, and the
/// change of status it makes ("Thay cho số ước …: không đạt → vượt").
fn revision_words(x: &mut Explanation, e: &Extras<'_>, r: &Revision) {
    use crate::results::Provenance;
    let (vi, en) = (&mut x.vi, &mut x.en);
    let what_vi = match (&r.reported, r.result) {
        (Some(w), _) => format!("“{w}”"),
        (None, Some(v)) => show(e.spec, v).0,
        (None, None) => "không có số".into(),
    };
    let what_en = match (&r.reported, r.result) {
        (Some(w), _) => format!("“{w}”"),
        (None, Some(v)) => show(e.spec, v).1,
        (None, None) => "no figure".into(),
    };
    let row = r.row.map(|i| format!(", results[{i}]")).unwrap_or_default();
    let date = r
        .date
        .map(|d| format!(", {}", date_vi(d)))
        .unwrap_or_default();
    let date_en = r.date.map(|d| format!(", {d}")).unwrap_or_default();
    let prov_vi = match r.provenance {
        Provenance::Estimate => "số ước",
        Provenance::Preliminary => "số sơ bộ",
        Provenance::Official => "số chính thức",
    };
    match r.status {
        Some(s) if s != e.status => {
            vi.push_str(&format!(
                " Thay cho {prov_vi} {what_vi}{date}{row}: {} → {}.",
                s.label_vi(),
                e.status.label_vi()
            ));
            en.push_str(&format!(
                " Supersedes the {} figure {what_en}{date_en}{row}: {} → {}.",
                r.provenance.label_en(),
                s.label_en(),
                e.status.label_en()
            ));
        }
        Some(s) => {
            vi.push_str(&format!(
                " Thay cho {prov_vi} {what_vi}{date}{row} (cũng {}).",
                s.label_vi()
            ));
            en.push_str(&format!(
                " Supersedes the {} figure {what_en}{date_en}{row} (also {}).",
                r.provenance.label_en(),
                s.label_en()
            ));
        }
        None => {
            vi.push_str(&format!(" Thay cho {prov_vi} {what_vi}{date}{row}."));
            en.push_str(&format!(
                " Supersedes the {} figure {what_en}{date_en}{row}.",
                r.provenance.label_en()
            ));
        }
    }
}

/// Appends the verdict the report states, and whether the figures agree with it.
fn verdict_words(x: &mut Explanation, j: crate::results::Judgement, status: Status) {
    let s = match j {
        crate::results::Judgement::Exceeded => Status::Exceeded,
        crate::results::Judgement::Met => Status::Met,
        crate::results::Judgement::NotMet => Status::NotMet,
    };
    if s == status {
        x.vi.push_str(&format!(" Báo cáo đánh giá: {}.", s.label_vi()));
        x.en.push_str(&format!(" The report says: {}.", s.label_en()));
    } else {
        x.vi.push_str(&format!(
            " Báo cáo đánh giá: {} — khác với đánh giá theo số liệu.",
            s.label_vi()
        ));
        x.en.push_str(&format!(
            " The report says: {} — not what the figures give.",
            s.label_en()
        ));
    }
}

/// Appends the used row's note and source.
fn entry_note_and_source(x: &mut Explanation, r: &crate::results::ResultEntry) {
    if let Some(n) = &r.note {
        x.vi.push_str(&format!(" Ghi chú: {n}."));
        x.en.push_str(&format!(" Note: {n}."));
    }
    if let Some(src) = &r.source {
        x.vi.push_str(&format!(" Nguồn: {src}."));
        x.en.push_str(&format!(" Source: {src}."));
    }
}

/// The headline in one of the declared forms; `c` = [exceeded, met, basically met, not met,
/// no data, not applicable].
pub(crate) fn headlines_in(
    count: HeadlineCount,
    form: HeadlineForm,
    c: [u32; 6],
) -> (String, String) {
    let [e, m, b, n, d, a] = c;
    let with_data = count == HeadlineCount::WithData;
    let y = e + m + b + n + if with_data { 0 } else { d };
    let x = e + m;
    let (of_vi, of_en) = if with_data {
        (" có số liệu", " with data")
    } else {
        ("", "")
    };
    // What follows the main clause: no data (when counted apart), not applicable.
    let mut tail_vi = String::new();
    let mut tail_en = String::new();
    if with_data && d > 0 {
        tail_vi.push_str(&format!("; {d} chỉ tiêu chưa có số liệu"));
        tail_en.push_str(&format!("; {d} without data"));
    }
    match form {
        HeadlineForm::MetAndExceeded => {
            let mut vi = vec![format!("vượt {e}"), format!("đạt {m}")];
            let mut en = vec![format!("{e} exceeded"), format!("{m} met")];
            if b > 0 {
                vi.push(format!("cơ bản đạt {b}"));
                en.push(format!("{b} basically met"));
            }
            vi.push(format!("không đạt {n}"));
            en.push(format!("{n} not met"));
            if d > 0 && !with_data {
                vi.push(format!("chưa có số liệu {d}"));
                en.push(format!("{d} no data"));
            }
            if a > 0 {
                vi.push(format!("không áp dụng {a}"));
                en.push(format!("{a} not applicable"));
            }
            (
                format!(
                    "đạt và vượt {x}/{y} chỉ tiêu{of_vi} ({}){tail_vi}",
                    vi.join(", ")
                ),
                format!(
                    "{x} of {y} targets{of_en} met or exceeded ({}){tail_en}",
                    en.join(", ")
                ),
            )
        }
        HeadlineForm::OfWhichExceeded => {
            let mut vi = format!("{x}/{y} chỉ tiêu{of_vi} đạt, trong đó {e} chỉ tiêu vượt");
            let mut en = format!("{x} of {y} targets{of_en} met, of which {e} exceeded");
            if b > 0 {
                vi.push_str(&format!("; {b} chỉ tiêu cơ bản đạt"));
                en.push_str(&format!("; {b} basically met"));
            }
            if n > 0 {
                vi.push_str(&format!("; {n} chỉ tiêu không đạt"));
                en.push_str(&format!("; {n} not met"));
            }
            if d > 0 && !with_data {
                vi.push_str(&format!("; {d} chỉ tiêu chưa có số liệu"));
                en.push_str(&format!("; {d} without data"));
            }
            (vi + &tail_vi, en + &tail_en)
        }
        HeadlineForm::NotMet => {
            let mut vi = format!("có {}/{y} chỉ tiêu{of_vi} chưa đạt", n + b);
            let mut en = format!("{} of {y} targets{of_en} not met", n + b);
            if b > 0 {
                vi.push_str(&format!(" (trong đó {b} chỉ tiêu cơ bản đạt)"));
                en.push_str(&format!(" ({b} of them basically met)"));
            }
            if d > 0 && !with_data {
                vi.push_str(&format!("; {d} chỉ tiêu chưa có số liệu"));
                en.push_str(&format!("; {d} without data"));
            }
            (vi + &tail_vi, en + &tail_en)
        }
    }
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

#[cfg(test)]
mod tests {
    use crate::{evaluate, Directive, EvaluationOptions, ResultSet};

    /// The explanations of target "1" of a one-target directive (rate ≥ 50%) for `results`.
    fn explanation(results: &str) -> (String, String) {
        let d = Directive::from_json(
            r#"{"kind": "plan", "issuer": {"name": "UBND huyện X"}, "coverage": {"year": 2024},
                "title": "Kế hoạch thi đua năm 2024", "items": [{"number": 1,
                "text": "Tỷ lệ đạt từ 50% trở lên", "targets": [{"id": "1", "name": "Tỷ lệ",
                "spec": {"kind": "rate", "comparator": "at_least", "value": "50"}}]}]}"#,
        )
        .unwrap();
        let rs = ResultSet::from_json(results).unwrap();
        let e = evaluate(&d, &rs, &EvaluationOptions::default()).unwrap();
        let t = &e.units[0].targets[0];
        (t.explanation.vi.clone(), t.explanation.en.clone())
    }

    /// Pins the extras the shared vectors do not reach: a superseded figure of the same
    /// status, the reported verdict, the note and the source, in both languages.
    #[test]
    fn extras_of_a_revision_of_the_same_status_a_verdict_a_note_and_a_source() {
        let (vi, en) = explanation(
            r#"[{"unit": "Xã A", "target": "1", "period": "2024", "value": "55",
                 "provenance": "estimate", "date": "2024-12-10"},
                {"unit": "Xã A", "target": "1", "period": "2024", "value": "61.5",
                 "provenance": "official", "date": "2025-03-02", "judgement": "met",
                 "note": "số liệu Cục Thống kê", "source": "Báo cáo 12/BC-UBND"}]"#,
        );
        assert_eq!(
            vi,
            "Kết quả năm 2024: 61,5% so với chỉ tiêu từ 50% trở lên: vượt, 123% kế hoạch. \
             Số chính thức ngày 02/03/2025. Thay cho số ước 55%, 10/12/2024, results[0] (cũng \
             vượt). Báo cáo đánh giá: đạt — khác với đánh giá theo số liệu. Ghi chú: số liệu \
             Cục Thống kê. Nguồn: Báo cáo 12/BC-UBND."
        );
        assert_eq!(
            en,
            "Result for 2024: 61.5% against a target of at least 50%: exceeded, 123% of plan. \
             Official figure of 2025-03-02. Supersedes the estimate figure 55%, 2024-12-10, \
             results[0] (also exceeded). The report says: met — not what the figures give. \
             Note: số liệu Cục Thống kê. Source: Báo cáo 12/BC-UBND."
        );
        let (vi, en) = explanation(
            r#"[{"unit": "Xã A", "target": "1", "period": "2024", "value": "49",
                 "judgement": "not_met"}]"#,
        );
        assert_eq!(
            vi,
            "Kết quả năm 2024: 49% so với chỉ tiêu từ 50% trở lên: không đạt, 98% kế hoạch. \
             Báo cáo đánh giá: không đạt."
        );
        assert_eq!(
            en,
            "Result for 2024: 49% against a target of at least 50%: not met, 98% of plan. \
             The report says: not met."
        );
    }
}
