//! From the text of one item to its targets: clauses, every figure of a clause, plan figures
//! after "KH", ranks, composites, references, qualitative items, sub-targets and ids.

use super::figure::{value_group, Figures, Role, ValueGroup};
use super::lexicon::*;
use super::scan::{capitalize, lower_first, FirstBytes, Kind, Toks};
use super::table::{Col, Row, Table};
use super::{Diag, Severity};
use crate::model::{Comparator, Component, Horizon, Measure, Target, TargetSpec, Wording};
use crate::quantity::{Currency, Quantity, Scale, Unit};

/// The words that open a bracketed cumulative level ("(lũy kế 560 trường)"), both spellings.
const CUMULATIVE: &[&str] = &["lũy kế", "luỹ kế"];

/// One clause of an item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clause {
    pub a: usize,
    pub b: usize,
    /// A "trong đó" sub-target.
    pub sub: bool,
    /// The first clause of a group (after ';', a sentence end or a line marker): a later
    /// "trong đó" refers to the first target of the last group.
    pub head: bool,
    /// The name to use when the clause has none of its own ("tăng 7,2% so với …" after a
    /// named clause; the figure after "KH").
    pub hint: Option<(usize, usize)>,
}

impl Clause {
    fn new(a: usize, b: usize, sub: bool) -> Clause {
        Clause {
            a,
            b,
            sub,
            head: false,
            hint: None,
        }
    }
}

/// A unit cell wrapped over lines, joined: "Số bé trai/" + "100 bé gái" → "bé trai/100 bé
/// gái" (lowercase; a leading "số", "the number of", is not part of the unit).
fn joined_unit(tk: &Toks, first: (usize, usize), parts: &[(usize, usize)]) -> String {
    let mut u = tk.text(first.0, first.1).to_lowercase();
    for &(a, b) in parts {
        if !(u.ends_with('/') || u.ends_with('-')) {
            u.push(' ');
        }
        u.push_str(&tk.text(a, b).to_lowercase());
    }
    match u.strip_prefix("số ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => u,
    }
}

/// One figure stated for several listed indicators ([`ItemAnalyzer::spread`]).
struct Spread {
    /// Where the figure's own clause ends ("trên cả …").
    cut: usize,
    /// After the closing parenthesis of the list.
    end: usize,
    /// The common head of the indicators ("tai nạn giao thông" after "tiêu chí về").
    head: Option<String>,
    components: Vec<String>,
}

/// A target before ids are given.
pub(crate) struct Draft {
    pub name: String,
    pub spec: TargetSpec,
    pub sub: bool,
    pub head: bool,
    pub wording: Option<Wording>,
    pub horizon: Option<Horizon>,
    /// Token range of the name, for clauses that inherit it.
    pub name_range: Option<(usize, usize)>,
    /// Token range of the value group (0..0 when there is none).
    pub value_span: (usize, usize),
}

impl Draft {
    pub fn new(name: String, spec: TargetSpec, sub: bool) -> Draft {
        Draft {
            name,
            spec,
            sub,
            head: false,
            wording: None,
            horizon: None,
            name_range: None,
            value_span: (0, 0),
        }
    }
}

/// The analysis of one item, appended to the caller's diagnostics.
pub(crate) struct ItemAnalyzer<'a, 'b> {
    pub tk: &'b Toks<'a>,
    pub fig: &'b Figures,
    pub diags: &'b mut Vec<Diag>,
    /// The year before the directive's year, for "tăng N bậc" without "so với năm".
    pub default_baseline_year: Option<i32>,
    /// Token ranges read into targets (value groups, rank and composite phrases).
    pub consumed: &'b mut Vec<(usize, usize)>,
    /// The item is a report stating its plan after "KH": other figures are results.
    pub report: bool,
    /// '.' is the decimal mark (a table that writes "40.79").
    pub dot: bool,
    /// The sentence opens with "phấn đấu", which governs all its clauses (none is bare).
    pub strive: bool,
    /// A unit written apart from the figure (a table's unit column).
    pub unit_hint: Option<(usize, usize)>,
}

/// What the clauses of one item have produced so far.
#[derive(Default)]
struct ItemState {
    drafts: Vec<Draft>,
    pending_bare: Vec<Clause>,
    numeric_seen: bool,
    /// Name range of the last named numeric target.
    last_name: Option<(usize, usize)>,
}

impl ItemAnalyzer<'_, '_> {
    pub(crate) fn diag(
        &mut self,
        a: usize,
        b: usize,
        severity: Severity,
        code: &'static str,
        message: String,
    ) {
        let (s, e) = self.tk.span(a, b);
        self.diags.push(Diag {
            start: s,
            end: e,
            severity,
            code,
            message,
        });
    }

    /// Analyses the item in tokens `a..b` and returns its targets, ids included.
    pub fn analyze(&mut self, number: u32, a: usize, b: usize) -> Vec<Target> {
        let b = self.fig.criterion_end(self.tk, a, b);
        let clauses = self.clauses(a, b);
        let mut st = ItemState::default();
        for c in &clauses {
            let before = st.drafts.len();
            self.clause(number, c, &mut st);
            if c.head {
                if let Some(d) = st.drafts.get_mut(before) {
                    d.head = true;
                }
            }
        }
        // "Có 10 bác sĩ và 30 giường bệnh trên 1 vạn dân": the base is shared.
        for k in 1..st.drafts.len() {
            let (prev_end, at) = (st.drafts[k - 1].value_span.1, st.drafts[k].value_span.0);
            if at == prev_end + 1 && matches!(self.tk.w(prev_end), "và" | ",") {
                share_base(&mut st.drafts, k);
            }
        }
        // "phát triển mới 45.000 đoàn viên, bình quân mỗi năm 15.000 đoàn viên": the yearly
        // average of a flow is a flow of the same thing.
        for k in 1..st.drafts.len() {
            let (prev, cur) = (&st.drafts[k - 1], &st.drafts[k]);
            let same_unit = prev.spec.result_unit().is_some()
                && prev.spec.result_unit() == cur.spec.result_unit();
            if same_unit
                && prev.spec.measure() == Measure::Flow
                && cur.horizon.is_some_and(|h| h.per_year)
            {
                if let TargetSpec::Count { measure, .. } | TargetSpec::Amount { measure, .. } =
                    &mut st.drafts[k].spec
                {
                    *measure = Measure::Flow;
                }
            }
        }
        self.finish_pending(number, &mut st);
        if opens_yearly(self.tk, a, b) {
            every_year(&mut st.drafts);
        }
        assign_ids(number, st.drafts)
    }

    /// The targets of a table row: one per target column with a value ("Khoảng 6,5" under
    /// "Mục tiêu phấn đấu …"), named by the row (and the column when there are several);
    /// "Trong đó" rows give sub-targets in the same column. Result columns are reported.
    pub fn analyze_row(&mut self, number: u32, t: &Table, row: &Row) -> Vec<Target> {
        let n_targets = t.columns.iter().filter(|c| c.kind == Col::Target).count();
        self.dot = t.dot_decimal;
        let mut drafts = Vec::new();
        for (j, col) in t.columns.iter().enumerate() {
            let label = (n_targets > 1).then_some(col.label);
            let mut head = true;
            for (r, sub) in std::iter::once((row, false)).chain(row.subs.iter().map(|s| (s, true)))
            {
                let Some(cell) = r.cells.get(j).copied().flatten() else {
                    continue;
                };
                match col.kind {
                    // One row per unit: the target is the column's indicator, assigned to the
                    // row's unit ("Tỷ lệ dân số tham gia BHYT (Phường Đồng Hới)").
                    Col::Target if t.by_unit => {
                        // "Tỷ lệ hộ dùng nước sạch (%)": the brackets give the unit.
                        let (la, lb) = col.label;
                        let unit = self.unit_in_name(la, lb);
                        let name_end = unit.map_or(lb, |(ua, _)| ua - 1);
                        let indicator = Row {
                            name: (la, name_end),
                            unit,
                            cells: Vec::new(),
                            subs: Vec::new(),
                            ..r.clone()
                        };
                        let unit_name = (r.name.0 < r.name.1).then_some(r.name);
                        if let Some(d) = self.cell_target(cell, &indicator, None, unit_name, &[]) {
                            drafts.push(d);
                        }
                    }
                    Col::Target => {
                        let parent = sub.then_some(row);
                        let wrap_unit = t.wrap_of(r.a).map_or(&[][..], |w| &w.unit[..]);
                        if let Some(mut d) = self.cell_target(cell, r, parent, label, wrap_unit) {
                            if let Some(w) = t.wrap_of(r.a) {
                                d.name =
                                    super::table::wrapped_name(self.tk, &d.name, r.name, &w.name);
                            }
                            d.head = head && !sub;
                            head = false;
                            drafts.push(d);
                        }
                    }
                    Col::Result | Col::Other => self.report_cell(cell, col.label),
                    _ => {}
                }
            }
        }
        self.dot = false;
        self.unit_hint = None;
        assign_ids(number, drafts)
    }

    /// The target of one table cell.
    fn cell_target(
        &mut self,
        (a, b): (usize, usize),
        row: &Row,
        parent: Option<&Row>,
        label: Option<(usize, usize)>,
        wrap_unit: &[(usize, usize)],
    ) -> Option<Draft> {
        let sub = parent.is_some();
        let tk = self.tk;
        // In a cell every number is a value ("512,4 520" are two cells, not a phone number).
        let f = (a..b).find(|&k| {
            tk.is_num(k)
                && self.fig.base_at(k).is_none()
                && super::figure::number(tk, k, self.dot).is_some()
        })?;
        let name_end = super::table::english_free(tk, row.name.0, row.name.1);
        // "(%0)", "‰" anywhere in the name, even after its English gloss.
        let per_mille = (row.name.0..row.name.1).find(|&k| {
            (tk.is_punct(k, '%') && tk.w(k + 1) == "0" && tk.glued(k + 1)) || tk.is_punct(k, '‰')
        });
        self.unit_hint = row
            .unit
            .or(per_mille.map(|k| (k, k + 1)))
            .or_else(|| self.unit_in_name(row.name.0, name_end))
            .or_else(|| parent.and_then(|p| p.unit));
        let mut g = value_group(tk, self.fig, f, b, self.dot)?;
        if let Some((ua, ub)) = self.unit_hint {
            super::figure::apply_unit(tk, &mut g, ua, ub);
            if let (Some((Unit::Count(u), _, _)), Some(&(_, last))) =
                (&mut g.unit, wrap_unit.last())
            {
                *u = joined_unit(tk, (ua, ub), wrap_unit);
                self.consumed.push((wrap_unit[0].0, last));
            }
        }
        // A rate named "Tỷ lệ …" with no unit written is in percent.
        let rate_name = tk.phrase(row.name.0, "tỷ lệ", name_end).is_some()
            || tk.phrase(row.name.0, "tỷ trọng", name_end).is_some()
            || (row.name.0..name_end).any(|k| tk.is_punct(k, '%'));
        if g.unit.is_none() && !g.percent && rate_name {
            g.percent = true;
        }
        // A "Trong đó" row is counted on its parent's population base.
        if let (Some(p), None, false) = (parent, g.per, g.percent) {
            if self.fig.base_in(row.name.0, row.name.1).is_none() {
                g.per = self.fig.base_in(p.name.0, p.name.1).map(|x| x.2);
            }
        }
        let c = Clause {
            a,
            b,
            sub,
            head: false,
            hint: Some((row.name.0, name_end)),
        };
        let mut d = self.numeric(&c, &g);
        d.name = self.make_name(row.name.0, name_end, sub);
        if let Some((la, lb)) = label {
            d.name = format!("{} ({})", d.name, tk.text(la, lb));
        }
        d.value_span = (g.at, g.end);
        self.consumed.push((g.at, g.end));
        let h = self.horizon(&c, g.per_year);
        if h != Horizon::default() {
            d.horizon = Some(h);
        }
        Some(d)
    }

    /// "(%)", "(năm)" at the end of a row name: the unit of its cells.
    fn unit_in_name(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let tk = self.tk;
        let close = (a..b).rev().find(|&k| tk.is_punct(k, ')'))?;
        let open = (a..close).rev().find(|&k| tk.is_punct(k, '('))?;
        let unit = (open + 1, close);
        let w = tk.text(unit.0, unit.1);
        let ok = w == "%" || w == "%0" || w == "‰" || w.chars().all(char::is_alphabetic);
        (close > open + 1 && close - open <= 4 && ok).then_some(unit)
    }

    /// Figures in a result column are results, not targets.
    fn report_cell(&mut self, (a, b): (usize, usize), label: (usize, usize)) {
        let tk = self.tk;
        let col = tk.text(label.0, label.1);
        for k in a..b {
            if tk.is_num(k)
                && self.fig.base_at(k).is_none()
                && !matches!(self.fig.role(k), Role::Weak)
            {
                self.consumed.push((k, k + 1));
                self.diag(
                    k,
                    k + 1,
                    Severity::Info,
                    "not_a_target",
                    format!(
                        "{:?} is in the column {col:?} (a result), not a target",
                        tk.raw(k)
                    ),
                );
            }
        }
    }

    /// Clauses without any number at the end of the item: one qualitative target.
    fn finish_pending(&mut self, number: u32, st: &mut ItemState) {
        if st.pending_bare.is_empty() {
            return;
        }
        let s = st.pending_bare[0].a;
        let e = st.pending_bare[st.pending_bare.len() - 1].b;
        let sub = st.pending_bare[0].sub && !st.drafts.is_empty();
        // A duty of an agency with a deadline, or "7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam
        // tỉnh … tuyên truyền, vận động …" (a request to another body): no target of the issuer.
        let why = if !st.drafts.is_empty() || self.has_comparator_words(s, e) {
            None
        } else if self.agency_duty(s, e) && self.deadline_task(s, e) {
            Some("a duty of an agency with a deadline")
        } else if self.tk.phrase(s, "đề nghị", e).is_some()
            && self.tk.raw(s).starts_with(char::is_uppercase)
        {
            Some("a request to another body (\"Đề nghị …\")")
        } else {
            None
        };
        if let Some(why) = why {
            self.diag(
                s,
                e,
                Severity::Info,
                "not_a_target",
                format!("item ({number}): {why} and no figure; not a target"),
            );
            st.pending_bare.clear();
            return;
        }
        if self.has_comparator_words(s, e) {
            self.diag(
                s,
                e,
                Severity::Warning,
                "partial_target",
                format!(
                    "item ({number}): a comparison without a number; kept as a qualitative target"
                ),
            );
        } else {
            self.diag(
                s,
                e,
                Severity::Info,
                "qualitative",
                format!("item ({number}) has no number: read as a qualitative target"),
            );
        }
        let name = self.qualitative_name(s, e, sub);
        let mut d = Draft::new(name, TargetSpec::Qualitative {}, sub);
        let h = self.horizon(&Clause::new(s, e, sub), false);
        d.horizon = (h != Horizon::default()).then_some(h);
        st.drafts.push(d);
    }

    /// The figures of clause `c` outside parentheses (the weak and relative ones when there is
    /// no other).
    fn clause_figures(&self, a: usize, b: usize, depth: u8) -> Vec<usize> {
        let dot = self.dot;
        let strong: Vec<usize> = (a..b)
            .filter(|&k| {
                let r = self.fig.role(k);
                (r == Role::Value || (dot && r == Role::Bad)) && self.fig.depth(k) == depth
            })
            .collect();
        if !strong.is_empty() {
            return strong;
        }
        (a..b)
            .filter(|&k| {
                matches!(self.fig.role(k), Role::Weak | Role::Relative)
                    && self.fig.depth(k) == depth
            })
            .collect()
    }

    /// The targets of one clause.
    fn clause(&mut self, number: u32, c: &Clause, st: &mut ItemState) {
        let mut c = *c;
        if let Some((after, at)) = self.plan_marker(&c) {
            return self.plan_clause(&c, after, at, st);
        }
        let figs = self.clause_figures(c.a, c.b, self.fig.depth(c.a));
        if self.report {
            return self.result_clause(&c, &figs, st);
        }
        // Rank improvement: "tăng 05 bậc so với năm 2023".
        if let Some(&v) = figs.first() {
            if matches!(self.tk.w(v + 1), "bậc" | "hạng")
                && !matches!(self.tk.w(v.wrapping_sub(1)), "top" | "tốp")
            {
                let mut parts = std::mem::take(&mut st.pending_bare);
                parts.push(Clause::new(c.a, v, c.sub));
                self.rank_targets(&parts, v, &c, &mut st.drafts);
                self.consumed.push((v, v + 2));
                st.numeric_seen = true;
                return;
            }
        }
        // Composite decrease: "giảm cả 3 tiêu chí (số vụ, người chết, bị thương)".
        if let Some(d) = self.composite(&c) {
            self.consumed.push((c.a, c.b));
            st.drafts.push(d);
            st.numeric_seen = true;
            return;
        }
        if figs.is_empty() {
            return self.clause_without_figure(number, &c, st);
        }
        if c.hint.is_none() {
            c.hint = st.last_name;
        }
        let before = st.drafts.len();
        if let Some(sp) = self.spread(&c, &figs) {
            let cut = Clause { b: sp.cut, ..c };
            let figs: Vec<usize> = figs.iter().copied().filter(|&f| f < sp.cut).collect();
            self.figure_targets(&cut, &figs, st);
            self.consumed.push((sp.cut, sp.end));
            if st.drafts.len() == before + 1 {
                if let Some(d) = st.drafts.pop() {
                    let head = sp.head.unwrap_or_else(|| d.name.clone());
                    for comp in &sp.components {
                        let name = if head.is_empty() {
                            comp.clone()
                        } else {
                            format!("{head}: {comp}")
                        };
                        st.drafts.push(Draft {
                            name: if c.sub { name } else { capitalize(&name) },
                            spec: d.spec.clone(),
                            ..d
                        });
                    }
                }
            }
            st.numeric_seen = true;
            return;
        }
        self.figure_targets(&c, &figs, st);
        self.bracketed_rates(&c, st);
        if !st.pending_bare.is_empty() {
            if let Some(d) = st.drafts.get_mut(before) {
                let prefix: Vec<String> = st
                    .pending_bare
                    .iter()
                    .map(|p| self.tk.text(p.a, p.b))
                    .collect();
                d.name = format!("{}; {}", prefix.join("; "), lower_first(&d.name));
                if !c.sub {
                    d.name = capitalize(&d.name);
                }
            }
            st.pending_bare.clear();
        }
        st.numeric_seen = true;
    }

    /// Every figure of a clause, one target each: "Thu hút 30-35 dự án với tổng vốn đăng ký
    /// khoảng 10.000-12.000 tỷ đồng" gives two.
    fn figure_targets(&mut self, c: &Clause, figs: &[usize], st: &mut ItemState) {
        let tk = self.tk;
        let mut start = c.a;
        let mut k = 0;
        let mut hint = c.hint;
        let mut prev: Option<(Option<Wording>, Measure)> = None;
        while k < figs.len() {
            let f = figs[k];
            let Some(mut g) = value_group(tk, self.fig, f, c.b, self.dot) else {
                k += 1;
                continue;
            };
            while k < figs.len() && figs[k] < g.end {
                k += 1;
            }
            if let Some(&next) = figs.get(k) {
                if self.count_in_name(start, &g, next) {
                    self.consumed.push((g.at, g.end));
                    continue;
                }
            }
            if let Some((ua, ub)) = self.unit_hint {
                super::figure::apply_unit(tk, &mut g, ua, ub);
            }
            let value_first = self.strip_leading(start, g.at, LEADING_FILLERS) == g.at;
            if value_first && g.percent {
                k = self.figures_in_name(&g, figs, k, c.b);
            }
            let (sub_end, next_start) = match figs.get(k) {
                Some(&next) => self.split_between(g.end, next),
                None => (c.b, c.b),
            };
            let b = sub_end.max(g.end);
            let sc = Clause {
                a: start,
                b,
                hint,
                ..*c
            };
            let mut d = self.numeric(&sc, &g);
            self.finish_draft(&sc, &g, &mut d, hint);
            if value_first {
                keep_stated_verb(&mut d, prev);
            }
            prev = Some((d.wording, d.spec.measure()));
            d.value_span = (g.at, g.end);
            if let Some(r) = d.name_range {
                hint = Some(r);
                st.last_name = Some(r);
            }
            self.consumed.push((g.at, g.end));
            st.drafts.push(d);
            start = next_start;
        }
    }

    /// "diện tích lúa 2 vụ ổn định 1.050 ha": a bare count right after the words of a name,
    /// with no connector before the next figure and a predicate of that figure's own, is part
    /// of the name (consumed, not a target).
    fn count_in_name(&self, start: usize, g: &ValueGroup, next: usize) -> bool {
        let tk = self.tk;
        if g.percent || g.scale != Scale::One || g.at <= start {
            return false;
        }
        let bare = super::read::predicate_start(tk, start, g.at) == g.at
            && tk.kind(g.at - 1) == Some(Kind::Word)
            && !matches!(tk.w(g.at - 1), "có" | "thêm" | "là" | "được");
        let (sub_end, next_start) = self.split_between(g.end, next);
        let joined = sub_end == next_start && sub_end >= g.end;
        let own = (sub_end..next).any(|k| {
            matches!(
                tk.w(k),
                "đạt" | "ổn" | "duy" | "giữ" | "trên" | "từ" | "tối" | "ít" | "không"
            )
        });
        bare && joined && own && !tk.t[next].newline_before
    }

    /// "100% trường tiểu học tổ chức dạy học 2 buổi/ngày": after a share written value first,
    /// the figures with no connector and no predicate of their own are in the name (consumed,
    /// not targets). Returns the index of the next figure to read.
    fn figures_in_name(&mut self, g: &ValueGroup, figs: &[usize], mut k: usize, b: usize) -> usize {
        while let Some(&next) = figs.get(k) {
            let (sub_end, _) = self.split_between(g.end, next);
            if sub_end != next || self.fig.base_at(next).is_some() {
                break;
            }
            let e = value_group(self.tk, self.fig, next, b, self.dot).map_or(next + 1, |x| x.end);
            self.consumed.push((next, e));
            while k < figs.len() && figs[k] < e {
                k += 1;
            }
        }
        k
    }

    /// A growth or decrease rate in brackets after a figure: "từ 3,1 đến 3,2 triệu tỷ đồng
    /// (theo giá hiện hành, tăng từ 12,5 đến 13,5%/năm)" is a second target of the same
    /// indicator. Bracketed equivalents ("(8 xã)", "(tăng thêm 20 thôn)") are not.
    fn bracketed_rates(&mut self, c: &Clause, st: &mut ItemState) {
        let tk = self.tk;
        let base = self.fig.depth(c.a);
        let mut k = c.a;
        while k < c.b {
            if !(self.fig.role(k) == Role::Value && self.fig.depth(k) == base + 1) {
                k += 1;
                continue;
            }
            let mut z = k;
            while z > c.a
                && matches!(
                    tk.w(z - 1),
                    "từ" | "khoảng"
                        | "bình"
                        | "quân"
                        | "trên"
                        | "ít"
                        | "nhất"
                        | "dưới"
                        | "xuống"
                        | "quá"
                        | "không"
                )
            {
                z -= 1;
            }
            // "giảm 0,5% (còn dưới 1,2%)": the level reached, a ceiling of the same rate.
            let verb = z > c.a
                && (matches!(tk.w(z - 1), "tăng" | "giảm")
                    || (tk.w(z - 1) == "còn" && z >= 2 && tk.is_punct(z - 2, '(')));
            let end = (k..c.b).find(|&e| self.fig.depth(e) <= base).unwrap_or(c.b);
            if let Some(after) = self.cumulative_lead(c.a, k) {
                self.cumulative(c, after, k, end, st);
                k = end.max(k + 1);
                continue;
            }
            let pct = (k..end).any(|e| tk.is_punct(e, '%'));
            if verb && pct {
                let sc = Clause {
                    a: z - 1,
                    b: end,
                    hint: st.last_name,
                    ..*c
                };
                let figs: Vec<usize> = vec![k];
                self.figure_targets(&sc, &figs, st);
            }
            k = end.max(k + 1);
        }
    }

    /// "(lũy kế 560 trường)", "(lũy kế đến năm 2027 đạt 4.620 km)" with the bracket's first
    /// figure at `k`: the token after "lũy kế" when the bracket opens with it.
    fn cumulative_lead(&self, a: usize, k: usize) -> Option<usize> {
        let tk = self.tk;
        let depth = self.fig.depth(k);
        let mut o = k;
        while o > a && !tk.is_punct(o, '(') {
            o -= 1;
            if self.fig.depth(o) < depth - 1 {
                return None;
            }
        }
        if !tk.is_punct(o, '(') {
            return None;
        }
        tk.any_phrase(o + 1, CUMULATIVE, k).map(|(_, e)| e)
    }

    /// The cumulative level in brackets after a target ("Công nhận mới 15 trường đạt chuẩn
    /// quốc gia (lũy kế 560 trường)"): a target of its own, the stock reached, named after
    /// the target before it with "(lũy kế)" — bare, or with the comparator its words give
    /// ("lũy kế đến năm 2027 đạt 4.620 km").
    fn cumulative(&mut self, c: &Clause, after: usize, k: usize, end: usize, st: &mut ItemState) {
        let Some(last) = st.drafts.last_mut() else {
            return;
        };
        // The bracket is no part of the parent's name ("Trường đạt chuẩn quốc gia").
        if let Some(cut) = CUMULATIVE
            .iter()
            .find_map(|p| last.name.find(&format!("({p}")))
        {
            let rest = last.name[cut..]
                .find(')')
                .map_or("", |e| &last.name[cut + e + 1..]);
            last.name = format!("{} {}", last.name[..cut].trim_end(), rest.trim_start())
                .trim_end()
                .to_string();
            last.name_range = None;
        }
        let parent = last.name.clone();
        let before = st.drafts.len();
        let sc = Clause {
            a: after,
            b: end,
            hint: None,
            ..*c
        };
        self.figure_targets(&sc, &[k], st);
        for d in &mut st.drafts[before..] {
            d.name = format!("{parent} (lũy kế)");
            d.name_range = None;
        }
    }

    /// Where the text of one figure ends and the next one's begins, between the end of a
    /// value group and the next figure: at a connector (',', ';', "và", "với"), else where
    /// the next figure's predicate starts.
    fn split_between(&self, end: usize, next: usize) -> (usize, usize) {
        let tk = self.tk;
        let mut zone = next;
        zone = super::read::predicate_start(tk, end, zone);
        for k in end..zone {
            if tk.is_punct(k, ',') || tk.is_punct(k, ';') || matches!(tk.w(k), "và" | "với") {
                return (k, k + 1);
            }
        }
        (zone, zone)
    }

    /// Name inheritance, horizon and the name range of a draft.
    fn finish_draft(
        &self,
        c: &Clause,
        g: &ValueGroup,
        d: &mut Draft,
        hint: Option<(usize, usize)>,
    ) {
        let tk = self.tk;
        if d.name.trim().is_empty() {
            if let Some((ha, hb)) = hint {
                d.name = self.make_name(ha, hb, c.sub);
            }
        } else if d.name_range.is_none() {
            let pr = self.predicate(c, g);
            let ns = self.strip_leading(c.a, pr.start, LEADING_FILLERS);
            if pr.start > ns && tk.text(ns, pr.start).len() >= 2 {
                d.name_range = Some((ns, pr.start));
            }
        }
        let h = self.horizon(c, g.per_year);
        if h.per_year {
            if let TargetSpec::Reduction { per_year, .. } = &mut d.spec {
                *per_year = true;
            }
        }
        if h != Horizon::default() {
            d.horizon = Some(h);
        }
    }

    /// Per-year and years of a clause: "/năm", "hằng năm", "bình quân 5 năm", "bình quân
    /// giai đoạn 2021-2030", "so năm trước"; "giai đoạn 2021-2025", "đến năm 2030".
    fn horizon(&self, c: &Clause, per_year: bool) -> Horizon {
        const PER_YEAR: &[&str] = &[
            "hàng năm",
            "hằng năm",
            "mỗi năm",
            "so năm trước",
            "so với năm trước",
        ];
        // Asked at every token of the clause: the first bytes first.
        static PER_YEAR_FIRST: FirstBytes = FirstBytes::of(PER_YEAR);
        let tk = self.tk;
        let mut h = Horizon {
            per_year,
            ..Horizon::default()
        };
        let mut k = c.a;
        let mut average = false;
        let mut period = false;
        while k < c.b {
            let w = tk.w(k);
            if w == "bình" && tk.w(k + 1) == "quân" {
                average = true;
            }
            if (matches!(w, "đoạn" | "kỳ") && is_year_at(tk, k + 1))
                || (tk.is_num(k) && tk.w(k + 1) == "năm" && !tk.is_num(k + 2))
            {
                period = true;
            }
            // "cây hằng năm" (annual crops, as against "cây lâu năm") is a kind of crop.
            let crop = k > c.a && tk.w(k - 1) == "cây" && matches!(w, "hàng" | "hằng");
            if !crop
                && tk
                    .any_phrase_in(k, PER_YEAR, &PER_YEAR_FIRST, c.b)
                    .is_some()
                || (w == "bình" && tk.w(k + 1) == "quân" && {
                    let n = tk.w(k + 2);
                    (tk.is_punct(k + 2, '/') && tk.w(k + 3) == "năm")
                        || (tk.is_num(k + 2) && tk.w(k + 3) == "năm")
                        || matches!(n, "giai" | "thời")
                })
            {
                h.per_year = true;
            }
            if matches!(w, "đoạn" | "kỳ")
                && is_year_at(tk, k + 1)
                && tk.is_punct(k + 2, '-')
                && is_year_at(tk, k + 3)
            {
                h.from_year = tk.w(k + 1).parse().ok();
                h.until_year = tk.w(k + 3).parse().ok();
            } else if w == "đến" && tk.w(k + 1) == "năm" && is_year_at(tk, k + 2) {
                h.until_year = tk.w(k + 2).parse().ok();
            }
            k += 1;
        }
        // "giai đoạn 2021-2025 bình quân 3,7% GDP": an average over the period.
        if average && period {
            h.per_year = true;
        }
        h
    }

    fn plan_marker(&self, c: &Clause) -> Option<(usize, usize)> {
        plan_figure(self.tk, self.fig, c.a, c.b)
    }

    /// A clause of a report that states its plan after "KH": the figures before the marker
    /// are results (reported), the one after it is the target, named by the clause.
    fn plan_clause(&mut self, c: &Clause, after: usize, at: usize, st: &mut ItemState) {
        let tk = self.tk;
        let depth = self.fig.depth(at);
        let mut end = at;
        while end < c.b && self.fig.depth(end) >= depth && !(depth > 0 && tk.is_punct(end, ')')) {
            end += 1;
        }
        let marker = after - if tk.raw(after - 1) == "KH" { 1 } else { 2 };
        let after = if depth > self.fig.depth(after) {
            at
        } else {
            after
        };
        // The name: the clause up to the first result figure's predicate.
        let results: Vec<usize> = (c.a..marker)
            .filter(|&k| self.fig.role(k) == Role::Value)
            .collect();
        let mut name_end = marker;
        if let Some(&r) = results.first() {
            name_end = super::read::predicate_start(tk, c.a, r);
        }
        for r in results {
            self.diag(
                r,
                r + 1,
                Severity::Info,
                "not_a_target",
                format!(
                    "{:?} is a result reported before the plan figure (KH), not a target",
                    tk.raw(r)
                ),
            );
        }
        let hint = if name_end > c.a {
            Some((c.a, name_end))
        } else {
            st.last_name
        };
        let figs = self.clause_figures(after, end, depth);
        let sc = Clause {
            a: after,
            b: end,
            hint,
            ..*c
        };
        if !figs.is_empty() {
            let before = st.drafts.len();
            self.figure_targets(&sc, &figs, st);
            // The plan figure is named by its clause ("Thu ngân sách ước đạt 412 tỷ đồng/KH
            // 380 tỷ đồng"), never by its unit.
            if let Some((ha, hb)) = hint {
                let name = self.make_name(self.strip_leading(ha, hb, LEADING_FILLERS), hb, c.sub);
                for d in &mut st.drafts[before..] {
                    if !name.is_empty() {
                        d.name = name.clone();
                    }
                }
            }
        }
        if let Some(h) = hint {
            st.last_name = Some(h);
        }
        st.numeric_seen = true;
    }

    /// A clause of a report without a plan figure: its figures are results (reported); its
    /// name is kept for a following "tăng …/KH …".
    fn result_clause(&mut self, c: &Clause, figs: &[usize], st: &mut ItemState) {
        let tk = self.tk;
        if let Some(&f) = figs.first() {
            let e = super::read::predicate_start(tk, c.a, f);
            let s = self.strip_leading(c.a, e, LEADING_FILLERS);
            if e > s {
                st.last_name = Some((s, e));
            }
        }
        for &f in figs {
            self.diag(
                f,
                f + 1,
                Severity::Info,
                "not_a_target",
                format!("{:?} is a result of the report (no plan figure \"KH\" in its clause), not a target", tk.raw(f)),
            );
        }
    }

    /// A clause with no figure: by reference, an unreadable number, a qualitative clause
    /// after a numeric one, or a lead that names the next numeric clause.
    /// Whether clause `c` ends with a lone dash after its name ("tỷ lệ tham gia BHTN -."),
    /// the mark of a figure not given, as in a table's empty cell.
    fn dash_for_figure(&self, c: &Clause) -> bool {
        let tk = self.tk;
        let e = super::trim_end(tk, c.a, c.b);
        e >= c.a + 2
            && tk.is_punct(e - 1, '-')
            && tk.t[e - 1].space_before
            && tk.kind(e - 2) == Some(Kind::Word)
    }

    fn clause_without_figure(&mut self, number: u32, c: &Clause, st: &mut ItemState) {
        let bad = (c.a..c.b).find(|&k| self.fig.role(k) == Role::Bad && self.fig.depth(k) == 0);
        if let Some(k) = bad {
            self.diag(
                k,
                k + 1,
                Severity::Warning,
                "unreadable_number",
                format!(
                    "{:?} is not a Vietnamese number (write thousands with '.' in groups of three and decimals with ','); the clause is kept as a partial target",
                    self.tk.raw(k)
                ),
            );
        }
        if let Some(d) = self.reference(c) {
            st.drafts.push(d);
            st.numeric_seen = true;
        } else if bad.is_some() {
            let name = self.clean_name(c.a, c.b, c.sub);
            st.drafts
                .push(Draft::new(name, TargetSpec::Qualitative {}, c.sub));
        } else if st.numeric_seen && self.dash_for_figure(c) {
            // "tỷ lệ tham gia BHXH 52%; tỷ lệ tham gia BHTN -": no figure is given.
            self.diag(
                c.a,
                c.b,
                Severity::Info,
                "not_a_target",
                format!("item ({number}): '-' stands in place of a figure; no target"),
            );
        } else if st.numeric_seen && self.deadline_task(c.a, c.b) {
            // "…; vận hành Trung tâm Y tế khu vực số 2 trước ngày 30/6/2027": a task with its
            // deadline beside the targets of the item, not one more target.
            self.diag(
                c.a,
                c.b,
                Severity::Info,
                "not_a_target",
                format!("item ({number}): a task with a deadline and no figure; not a target"),
            );
        } else if st.numeric_seen && self.negative_condition(c.a, c.b) {
            // "Phấn đấu 100% hồ sơ được giải quyết đúng hạn; không có hồ sơ quá hạn": the
            // condition qualifies the target before it, it is not one more target.
            self.diag(
                c.a,
                c.b,
                Severity::Warning,
                "clause_without_value",
                format!("item ({number}): this clause has no number; a condition (\"không có …\") on the target before it, not read as a target"),
            );
        } else if st.numeric_seen {
            let (s, e) = (c.a, c.b);
            if self.has_comparator_words(s, e) {
                self.diag(
                    s,
                    e,
                    Severity::Warning,
                    "partial_target",
                    format!("item ({number}): a comparison without a number; kept as a qualitative target"),
                );
            } else {
                self.diag(
                    s,
                    e,
                    Severity::Warning,
                    "clause_without_value",
                    format!(
                        "item ({number}): this clause has no number; kept as a qualitative target"
                    ),
                );
            }
            let name = self.qualitative_name(s, e, c.sub);
            st.drafts
                .push(Draft::new(name, TargetSpec::Qualitative {}, c.sub));
        } else {
            st.pending_bare.push(*c);
        }
    }

    /// Whether clause `a..b` (without a figure) sets a deadline ("trước ngày 30/6/2027",
    /// "trong Quý III/2027", "trước tháng 9") and no comparison: a task, not a target.
    fn deadline_task(&self, a: usize, b: usize) -> bool {
        let tk = self.tk;
        !self.has_comparator_words(a, b)
            && (a..b).any(|k| {
                matches!(tk.w(k), "trước" | "trong")
                    && matches!(tk.w(k + 1), "ngày" | "quý" | "tháng")
                    && k + 2 < b
                    && (tk.is_num(k + 2) || tk.kind(k + 2) == Some(Kind::Word))
            })
    }

    /// Whether the clause at `a` opens with the agency a duty is given to ("Văn phòng Ủy
    /// ban nhân dân tỉnh theo dõi …", "Giám đốc Sở Y tế …", "Công an tỉnh …"): in a
    /// directive's list of duties, such a clause without a figure is a task.
    fn agency_duty(&self, a: usize, b: usize) -> bool {
        let tk = self.tk;
        let first = tk.raw(a).chars().next().is_some_and(char::is_uppercase);
        // "Giao Phòng Nghiệp vụ phân bổ chỉ tiêu …": an assignment to a named body.
        let assigns = tk.w(a) == "giao"
            && tk.w(a + 1) != "thông"
            && tk.raw(a + 1).starts_with(char::is_uppercase);
        let agency = [
            "văn phòng",
            "giám đốc",
            "thủ trưởng",
            "chủ tịch",
            "công an",
            "bộ chỉ huy",
            "các sở",
            "sở",
            "ủy ban nhân dân",
        ]
        .iter()
        .any(|p| tk.phrase(a, p, b).is_some());
        first && (assigns || agency)
    }

    /// Whether clause `a..b` opens with a negation of the bad case ("không có …", "không để
    /// …", "không xảy ra …", "không còn …").
    fn negative_condition(&self, a: usize, b: usize) -> bool {
        let tk = self.tk;
        let mut k = a;
        while k < b && (tk.is_punct(k, ',') || tk.is_punct(k, '-')) {
            k += 1;
        }
        tk.w(k) == "không" && matches!(tk.w(k + 1), "có" | "để" | "xảy" | "còn") && k + 2 < b
    }

    /// Splits an item into clauses: at ';', sentence ends and line markers; at "trong đó"
    /// (sub-targets: to the next ';' or, after "trong đó:", to the end of the item); and at
    /// ',' / "và" when both sides hold a value.
    fn clauses(&self, a: usize, b: usize) -> Vec<Clause> {
        let tk = self.tk;
        let d = |i: usize| self.fig.depth(i);
        let mut out = Vec::new();
        let mut start = a;
        let mut sub = false;
        let mut sub_to_end = false;
        let mut head = true;
        let mut i = a;
        let mut enumeration = false;
        while i < b {
            // "12 huyện, thị xã, thành phố: Thành phố Thanh Hoá, …; các huyện: …": what
            // follows a counted noun and ':' names the things counted, to the sentence end.
            if d(i) == 0 && tk.is_punct(i, ':') && i > start && self.fig.has_value(start, i) {
                let upper = tk
                    .raw(i + 1)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase());
                enumeration = upper && !self.fig.has_value(i + 1, (i + 4).min(b));
            }
            if enumeration && (tk.is_punct(i, ';') || tk.is_punct(i, ',')) {
                i += 1;
                continue;
            }
            if d(i) == 0 && is_sentence_end(tk, i, b) {
                enumeration = false;
            }
            let boundary = d(i) == 0
                && (tk.is_punct(i, ';')
                    || (i > a && is_sentence_end(tk, i, b))
                    || (i > a && tk.t[i].newline_before && is_line_marker(tk, i)));
            if boundary {
                let mut c = Clause::new(start, i, sub);
                c.head = head;
                out.push(c);
                head = true;
                start = i + 1;
                i += 1;
                if tk.phrase(start, "trong đó", b).is_none() && !sub_to_end {
                    sub = false;
                }
                continue;
            }
            if d(i) == 0 && tk.phrase(i, "trong đó", b).is_some() && !self.lead_after(i + 2, b) {
                if i > start {
                    let mut e = i;
                    while e > start && (tk.is_punct(e - 1, ',') || tk.is_punct(e - 1, ':')) {
                        e -= 1;
                    }
                    let mut c = Clause::new(start, e, sub);
                    c.head = head;
                    out.push(c);
                    head = false;
                }
                let mut s = i + 2;
                if tk.is_punct(s, ':') {
                    sub_to_end = true;
                }
                while s < b && (tk.is_punct(s, ',') || tk.is_punct(s, ':') || tk.w(s) == "có") {
                    s += 1;
                }
                start = s;
                sub = true;
                i = s;
                continue;
            }
            i += 1;
        }
        let mut c = Clause::new(start, b, sub);
        c.head = head;
        out.push(c);
        self.split_coordinated(out)
    }

    /// Whether "trong đó" at `i - 2` opens a list rather than a sub-target: "Trong đó, mục
    /// tiêu cụ thể … là", "Trong đó có một số chỉ tiêu cơ bản như:", "Trong đó, phấn đấu:" —
    /// but not when a figure follows within a few words ("trong đó phấn đấu 50% được kết
    /// nạp", a sub-target).
    fn lead_after(&self, i: usize, b: usize) -> bool {
        let tk = self.tk;
        let mut k = i;
        while k < b && (tk.is_punct(k, ',') || tk.is_punct(k, ':')) {
            k += 1;
        }
        let end = (k + 6).min(b);
        (k..end).any(|j| {
            tk.any_phrase(j, &["mục tiêu", "chỉ tiêu", "phấn đấu"], b)
                .is_some()
        }) && !(k..end).any(|j| self.fig.is_value(j) && j < k + 5)
    }

    /// Second pass: ',' and "và" between two valued parts (prefix counts keep it linear).
    fn split_coordinated(&self, out: Vec<Clause>) -> Vec<Clause> {
        let tk = self.tk;
        let (Some(first), Some(last)) = (out.first(), out.last()) else {
            return out;
        };
        let (a, b) = (first.a, last.b.max(first.a));
        let mut prefix = Vec::with_capacity(b - a + 1);
        prefix.push(0usize);
        for k in a..b {
            let v = usize::from(self.fig.is_value(k));
            prefix.push(prefix[prefix.len() - 1] + v);
        }
        let count = |x: usize| prefix.get(x.saturating_sub(a)).copied().unwrap_or(0);
        let has_value = |x: usize, y: usize| y > x && count(y) > count(x);
        let mut split = Vec::new();
        for c in out {
            let mut s = c.a;
            let mut head = c.head;
            for k in c.a..c.b {
                let sep = tk.is_punct(k, ',') || tk.w(k) == "và";
                if sep
                    && self.fig.depth(k) == 0
                    && k > s
                    && tk.kind(k + 1) == Some(Kind::Word)
                    && has_value(s, k)
                    && has_value(k + 1, c.b)
                {
                    split.push(Clause {
                        a: s,
                        b: k,
                        head,
                        ..c
                    });
                    head = false;
                    s = k + 1;
                }
            }
            split.push(Clause { a: s, head, ..c });
        }
        split.retain(|c| c.b > c.a);
        split
    }

    fn has_comparator_words(&self, a: usize, b: usize) -> bool {
        // A comparator at the very end: "đạt trên", "không quá".
        let mut e = b;
        while e > a && self.tk.kind(e - 1) == Some(Kind::Punct) {
            e -= 1;
        }
        if e > a
            && matches!(
                self.tk.w(e - 1),
                "đạt" | "trên" | "dưới" | "từ" | "nhất" | "quá" | "đa" | "thiểu" | "hơn"
            )
        {
            return true;
        }
        (a..b).any(|k| {
            [AT_LEAST, ABOVE, AT_MOST, BELOW].iter().any(|l| {
                l.iter()
                    .any(|p| p.contains(' ') && self.tk.phrase(k, p, b).is_some())
            }) || self.tk.phrase(k, "trở lên", b).is_some()
                || self.tk.is_punct(k, '%')
        })
    }
    fn rank_targets(&mut self, parts: &[Clause], v: usize, c: &Clause, drafts: &mut Vec<Draft>) {
        let tk = self.tk;
        let places = tk.w(v).trim_start_matches('0').parse::<u32>().unwrap_or(0);
        let mut year = None;
        for k in v..c.b {
            if tk.phrase(k, "so với năm", c.b).is_some() {
                year = tk.w(k + 3).parse::<i32>().ok();
                break;
            }
        }
        let year = match year.or(self.default_baseline_year) {
            Some(y) => {
                if year.is_none() {
                    self.diag(
                        v,
                        v + 2,
                        Severity::Warning,
                        "assumed_baseline_year",
                        format!("no \"so với năm …\": the rank improvement is taken against {y}"),
                    );
                }
                y
            }
            None => {
                self.diag(
                    v,
                    v + 2,
                    Severity::Warning,
                    "assumed_baseline_year",
                    "no baseline year stated".into(),
                );
                0
            }
        };
        // Index names: comma-separated segments of the preceding text.
        let mut segments: Vec<(usize, usize)> = Vec::new();
        for p in parts {
            let base = self.fig.depth(p.a);
            let mut s = p.a;
            for k in p.a..p.b {
                if tk.is_punct(k, ',') && self.fig.depth(k) == base {
                    segments.push((s, k));
                    s = k + 1;
                }
            }
            segments.push((s, p.b));
        }
        let mut found = Vec::new();
        for (s, e) in segments {
            let mut s = s;
            while let Some((_, ne)) =
                tk.any_phrase(s, &["phấn đấu", "nâng", "cải thiện", "tăng"], e)
            {
                s = ne;
            }
            let mut e2 = e;
            while e2 > s
                && (tk.is_punct(e2 - 1, ',') || tk.w(e2 - 1) == "tăng" || tk.w(e2 - 1) == "nâng")
            {
                e2 -= 1;
            }
            if e2 <= s {
                continue;
            }
            let name = tk.text(s, e2);
            // The index: the last parenthesised group, else the name.
            let index = match (name.rfind('('), name.rfind(')')) {
                (Some(o), Some(cl)) if cl > o => {
                    name.get(o + 1..cl).unwrap_or("").trim().to_string()
                }
                _ => name.clone(),
            };
            if index.is_empty() {
                continue;
            }
            found.push((capitalize(&name), index));
        }
        if found.is_empty() {
            self.diag(
                c.a,
                c.b,
                Severity::Warning,
                "partial_target",
                "a rank improvement without an index name".into(),
            );
            found.push(("Thứ hạng".to_string(), "?".to_string()));
        }
        for (name, index) in found {
            drafts.push(Draft::new(
                name,
                TargetSpec::RankImprovement {
                    index,
                    places,
                    baseline_year: year,
                },
                c.sub,
            ));
        }
    }
    /// One figure for several indicators: "Kéo giảm từ 5% đến 10% trên cả 3 tiêu chí về tai
    /// nạn giao thông (số vụ, số người chết, số người bị thương)" — the figure's clause ends
    /// before "trên cả"; each listed indicator gets the same target.
    fn spread(&self, c: &Clause, figs: &[usize]) -> Option<Spread> {
        let tk = self.tk;
        let first = *figs.first()?;
        let at = (first + 1..c.b).find(|&k| {
            tk.w(k) == "cả" && tk.is_num(k + 1) && tk.phrase(k + 2, "tiêu chí", c.b).is_some()
        })?;
        let cut = if tk.w(at - 1) == "trên" { at - 1 } else { at };
        let mut p = at + 4;
        let mut head = None;
        if tk.w(p) == "về" {
            let open = (p + 1..c.b).find(|&k| tk.is_punct(k, '('))?;
            head = Some(self.make_name(p + 1, open, c.sub));
            p = open;
        }
        if !tk.is_punct(p, '(') {
            return None;
        }
        let mut components = Vec::new();
        let mut s = p + 1;
        let mut k = s;
        while k < c.b {
            let close = tk.is_punct(k, ')');
            if close || tk.is_punct(k, ',') || tk.w(k) == "và" {
                if k > s {
                    components.push(tk.text(s, k));
                }
                s = k + 1;
                if close {
                    break;
                }
            }
            k += 1;
        }
        let n: usize = tk.w(at + 1).parse().ok()?;
        (k < c.b && components.len() == n && n > 1).then_some(Spread {
            cut,
            end: k + 1,
            head,
            components,
        })
    }

    fn composite(&mut self, c: &Clause) -> Option<Draft> {
        let tk = self.tk;
        let mut k = c.a;
        while k < c.b {
            if tk.w(k) == "giảm" {
                let mut j = k + 1;
                if tk.w(j) == "trên" {
                    j += 1;
                }
                if tk.w(j) == "cả" {
                    j += 1;
                }
                if tk.is_num(j) && tk.w(j + 1) == "tiêu" && tk.w(j + 2) == "chí" {
                    let n = tk.w(j).parse::<usize>().unwrap_or(0);
                    let mut comps = Vec::new();
                    let mut p = j + 3;
                    if tk.is_punct(p, '(') || tk.is_punct(p, ':') {
                        p += 1;
                        let mut s = p;
                        while p <= c.b {
                            let end = p == c.b || tk.is_punct(p, ')');
                            if end || tk.is_punct(p, ',') || tk.w(p) == "và" {
                                if p > s {
                                    let name = tk.text(s, p).to_lowercase();
                                    let id = COMPONENT_IDS
                                        .iter()
                                        .find(|(n, _)| *n == name)
                                        .map(|(_, id)| id.to_string())
                                        .unwrap_or_else(|| format!("c{}", comps.len() + 1));
                                    comps.push(Component { id, name });
                                }
                                s = p + 1;
                                if end {
                                    break;
                                }
                            }
                            p += 1;
                        }
                    }
                    if comps.len() != n {
                        self.diag(
                            k,
                            j + 3,
                            Severity::Warning,
                            "partial_target",
                            format!("\"giảm cả {n} tiêu chí\" lists {} components", comps.len()),
                        );
                    }
                    let mut ns = self.strip_leading(c.a, k, LEADING_FILLERS);
                    if let Some(e) = tk.phrase(ns, "tỷ lệ", k) {
                        ns = e;
                    }
                    let name = self.make_name(ns, k, c.sub);
                    return Some(Draft::new(
                        name,
                        TargetSpec::CompositeDecrease { components: comps },
                        c.sub,
                    ));
                }
            }
            k += 1;
        }
        None
    }
    fn reference(&mut self, c: &Clause) -> Option<Draft> {
        let tk = self.tk;
        for k in c.a..c.b {
            let before = |p: &str| tk.phrase_before(k, p, c.a).is_some();
            let cmp = if before("không thấp hơn")
                || before("không giảm so với")
                || before("bằng")
                || before("đạt và vượt")
                || before("đạt")
            {
                Comparator::AtLeast
            } else if before("không cao hơn") || before("không vượt") || before("không vượt quá")
            {
                Comparator::AtMost
            } else if before("cao hơn")
                || before("vượt")
                || before("tăng so với")
                || before("lớn hơn")
                || before("hơn")
            {
                Comparator::Above
            } else if before("thấp hơn") || before("giảm so với") {
                Comparator::Below
            } else {
                continue;
            };
            let Some((_, e)) = tk.any_phrase(k, REFERENCES, c.b) else {
                continue;
            };
            // "năm" alone only with a year after it ("năm trước" is a reference).
            if e == k + 1 && tk.w(k) == "năm" && !tk.is_num(k + 1) {
                continue;
            }
            let reference = tk.text(k, c.b);
            // The predicate starts where the comparator phrase starts.
            let mut p = k;
            while p > c.a && PREDICATE_WORDS.contains(&tk.w(p - 1)) {
                p -= 1;
            }
            let ns = self.strip_leading(c.a, p, LEADING_FILLERS);
            let name = self.make_name(ns, p, c.sub);
            let lname = name.to_lowercase();
            let (unit, scale, guessed) =
                if contains_any(&lname, &["tỷ lệ", "tốc độ", "tăng trưởng"]) {
                    (Unit::Percent, Scale::One, false)
                } else if contains_any(&lname, &["xuất khẩu", "nhập khẩu", "kim ngạch"]) {
                    (Unit::Currency(Currency::Usd), Scale::Million, true)
                } else if contains_any(
                    &lname,
                    &[
                        "thu",
                        "chi",
                        "ngân sách",
                        "vốn",
                        "doanh thu",
                        "giá trị",
                        "giải ngân",
                    ],
                ) {
                    (Unit::Currency(Currency::Vnd), Scale::Billion, true)
                } else if let Some(n) = COUNT_NOUNS_SET.first_in(&lname) {
                    (Unit::Count(n.to_string()), Scale::One, true)
                } else {
                    (Unit::Count("đơn vị".into()), Scale::One, true)
                };
            self.diag(
                c.a,
                c.b,
                Severity::Info,
                "reference_target",
                format!(
                    "stated by reference ({reference:?}): the value is filled in later{}",
                    if guessed {
                        format!(
                            "; results are assumed in {}{}",
                            scale.word_vi().to_string()
                                + if scale == Scale::One { "" } else { " " },
                            unit
                        )
                    } else {
                        String::new()
                    }
                ),
            );
            let measure = if FLOW_SET.any_in_not_after(&lname, FLOW_NOT_AFTER) {
                Measure::Flow
            } else {
                Measure::Level
            };
            return Some(Draft::new(
                name,
                TargetSpec::Reference {
                    comparator: cmp,
                    reference,
                    unit,
                    scale,
                    measure,
                    value: None,
                },
                c.sub,
            ));
        }
        None
    }
}

/// "Có 10 bác sĩ và 30 giường bệnh trên 1 vạn dân": a count joined to a per-capita value
/// shares its population base.
fn share_base(drafts: &mut [Draft], at: usize) {
    let (per, per_time) = match &drafts[at].spec {
        TargetSpec::PerCapita { per, per_time, .. } => (*per, *per_time),
        _ => return,
    };
    let prev = &mut drafts[at - 1];
    if let TargetSpec::Count {
        comparator,
        value,
        noun,
        ..
    } = &prev.spec
    {
        prev.spec = TargetSpec::PerCapita {
            comparator: *comparator,
            value: Quantity::new(*value, Unit::Count(noun.clone())),
            per,
            per_time,
        };
    }
}

fn is_year_at(tk: &Toks, k: usize) -> bool {
    let w = tk.w(k);
    tk.is_num(k) && w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

/// A figure after "KH" (kế hoạch) in a report: "ước đạt 55,3 triệu đồng/KH 55-56 triệu
/// đồng", "(KH tăng 8-9%)", "KH đề ra là 95%", "vượt kế hoạch giao (3.800 ha)". Returns
/// the token after the marker and the plan figure.
pub(crate) fn plan_figure(tk: &Toks, fig: &Figures, a: usize, b: usize) -> Option<(usize, usize)> {
    (a..b).find_map(|k| {
        let written = tk.phrase(k, "kế hoạch", b).is_some();
        let kh = tk.raw(k) == "KH"
            || (written
                && (tk.is_punct(k.wrapping_sub(1), '/')
                    || tk.is_punct(k.wrapping_sub(1), '(')
                    || matches!(tk.w(k + 2), "giao" | "đề" | "được")));
        if !kh {
            return None;
        }
        let after = if tk.raw(k) == "KH" { k + 1 } else { k + 2 };
        let mut j = after;
        while j < b {
            let w = tk.w(j);
            let skip = matches!(
                w,
                "tăng" | "đạt" | "giảm" | "khoảng" | "là" | ":" | "đề" | "ra" | "giao" | "được"
            ) || PREDICATE_WORDS.contains(&w)
                || (tk.is_punct(j, '(') && tk.is_num(j + 1))
                || (w == "năm" && is_year_at(tk, j + 1) && j + 2 < b && !tk.is_num(j + 2));
            if !skip {
                break;
            }
            j += if w == "năm" { 2 } else { 1 };
        }
        (j < b && tk.is_num(j) && fig.role(j) == Role::Value).then_some((after, j))
    })
}

/// "Có thêm 12 xã …, 5 xã …": a clause written value first after a stated one keeps its verb
/// (what is added, at least; not a bare value).
fn keep_stated_verb(d: &mut Draft, prev: Option<(Option<Wording>, Measure)>) {
    if let (Some((None, measure)), Some(Wording::Bare)) = (prev, d.wording) {
        d.wording = None;
        set_measure(&mut d.spec, measure);
    }
}

/// Sets the flow/level measure of a count or amount.
fn set_measure(spec: &mut TargetSpec, m: Measure) {
    if let TargetSpec::Count { measure, .. } | TargetSpec::Amount { measure, .. } = spec {
        *measure = m;
    }
}

/// Whether token `i` ends a sentence: a '.' (or '…', '?', '!') followed by a line break, the
/// end, a capital letter or a list marker.
pub(crate) fn is_sentence_end(tk: &Toks, i: usize, b: usize) -> bool {
    if !(tk.is_punct(i, '.') || tk.is_punct(i, '…') || tk.is_punct(i, '?') || tk.is_punct(i, '!'))
    {
        return false;
    }
    let next = i + 1;
    if next >= b || next >= tk.t.len() || tk.t[next].newline_before {
        return true;
    }
    if tk.is_punct(next, '.') || tk.is_punct(next, '…') {
        return false;
    }
    let starts_upper = tk
        .raw(next)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase());
    (tk.t[next].space_before && starts_upper)
        || (tk.is_punct(next, '(') && tk.is_num(next + 1) && tk.is_punct(next + 2, ')'))
}

/// Whether token `i` is a bullet or numbering marker at a line start ("-", "+", "•", "(3)",
/// "3.", "a)").
pub(crate) fn is_line_marker(tk: &Toks, i: usize) -> bool {
    let on_line = tk.t.get(i + 1).is_some_and(|t| !t.newline_before);
    // "o Giải ngân ≥ 35 tỷ đồng": the second-level bullet of Word and slide exports, a lone
    // "o" at a line start before a capital.
    let letter_o = tk.raw(i) == "o"
        && (i == 0 || tk.t[i].newline_before)
        && on_line
        && tk.raw(i + 1).chars().next().is_some_and(char::is_uppercase);
    letter_o
        || ['-', '+', '•', '*', '·', '●', '▪', '◦']
            .iter()
            .any(|&c| tk.is_punct(i, c))
            && on_line
}

/// Whether the item opens with "Hằng năm", "Mỗi năm", "Bình quân mỗi năm" (after an optional
/// "Phấn đấu"): every figure of it is yearly.
fn opens_yearly(tk: &Toks, a: usize, b: usize) -> bool {
    const YEARLY: &[&str] = &[
        "hằng năm",
        "hàng năm",
        "mỗi năm",
        "bình quân mỗi năm",
        "bình quân hằng năm",
        "bình quân hàng năm",
    ];
    let mut k = a;
    while k < b && tk.kind(k) == Some(Kind::Punct) {
        k += 1;
    }
    if let Some(e) = tk.phrase(k, "phấn đấu", b) {
        k = e;
    }
    tk.any_phrase(k, YEARLY, b).is_some()
}

/// Marks every numeric target of an item as yearly.
fn every_year(drafts: &mut [Draft]) {
    for d in drafts {
        match &mut d.spec {
            TargetSpec::Qualitative {} | TargetSpec::Reference { .. } => continue,
            TargetSpec::Reduction { per_year, .. } => *per_year = true,
            _ => {}
        }
        d.horizon.get_or_insert_with(Horizon::default).per_year = true;
    }
}

/// Ids: "N" for a single target, "Na", "Nb"… for several; sub-targets "N.1", "Na.1". A
/// sub-target belongs to the first target of the last group of clauses before it, and takes
/// its horizon when it states none.
fn assign_ids(number: u32, drafts: Vec<Draft>) -> Vec<Target> {
    let top = drafts.iter().filter(|d| !d.sub).count().max(1);
    let mut out: Vec<Target> = Vec::new();
    let mut head: Option<usize> = None;
    let mut k = 0usize;
    for d in drafts {
        if d.sub {
            if let Some(parent) = head.and_then(|h| out.get_mut(h)) {
                let id = format!("{}.{}", parent.id, parent.sub_targets.len() + 1);
                let mut t = Target::new(id, super::read::balanced(d.name), d.spec);
                t.wording = d.wording;
                t.horizon = d.horizon.or(parent.horizon);
                if let (Some(h), TargetSpec::Reduction { per_year, .. }) = (t.horizon, &mut t.spec)
                {
                    *per_year |= h.per_year;
                }
                parent.sub_targets.push(t);
                continue;
            }
        }
        let id = if top == 1 {
            number.to_string()
        } else {
            format!("{number}{}", letter(k))
        };
        k += 1;
        if d.head || head.is_none() {
            head = Some(out.len());
        }
        let mut t = Target::new(id, super::read::balanced(d.name), d.spec);
        t.wording = d.wording;
        t.horizon = d.horizon;
        out.push(t);
    }
    out
}

fn letter(k: usize) -> String {
    let mut k = k;
    let mut s = Vec::new();
    loop {
        s.push((b'a' + (k % 26) as u8) as char);
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    s.iter().rev().collect()
}

#[cfg(test)]
mod context_tests {
    use crate::parse::parse_directive;

    /// "id kind" of every target (sub-targets included) of `text`.
    fn read(text: &str) -> Vec<String> {
        fn walk(t: &crate::Target, out: &mut Vec<String>) {
            out.push(format!("{} {}", t.id, t.spec.kind()));
            for s in &t.sub_targets {
                walk(s, out);
            }
        }
        let mut out = Vec::new();
        for it in &parse_directive(text).directive.items {
            for t in &it.targets {
                walk(t, &mut out);
            }
        }
        out
    }

    const HEAD: &str = "KẾ HOẠCH năm 2026 của UBND tỉnh Bến Tre\nI. CHỈ TIÊU\n";

    #[test]
    fn a_numbered_target_about_permits_is_not_page_furniture() {
        let text = format!(
            "{HEAD}1. Tỷ lệ hồ sơ trực tuyến đạt 70%.\n2. Phấn đấu 98% hồ sơ cấp giấy phép kinh doanh được trả đúng hạn.\n3. Có thêm 4 chợ đạt chuẩn.\n"
        );
        assert_eq!(read(&text), ["1 rate", "2 rate", "3 count"]);
        // A licence line of a portal still is.
        let text = format!("{HEAD}- Tỷ lệ hồ sơ trực tuyến đạt 70%.\nGiấy phép số 45 cấp ngày 2/3/2020, 12 trang.\n");
        assert_eq!(read(&text), ["1 rate"]);
    }

    #[test]
    fn a_phone_number_written_with_dots_is_not_a_figure() {
        let text = format!(
            "{HEAD}- Tỷ lệ hồ sơ trực tuyến đạt 70%.\nĐầu mối liên hệ: Văn phòng Sở, ĐT: 0275.3822.190.\n"
        );
        let out = parse_directive(&text);
        assert_eq!(out.directive.items.len(), 1, "{:?}", out.directive.items);
        assert!(out
            .diagnostics
            .iter()
            .all(|d| d.code != "unreadable_number"));
    }

    #[test]
    fn a_negative_condition_after_a_figure_is_not_another_target() {
        let text = format!(
            "{HEAD}1. Phấn đấu 100% hồ sơ được giải quyết đúng hạn; không có hồ sơ quá hạn.\n2. Có 90% chi bộ vững mạnh; xây dựng văn hóa công sở.\n"
        );
        // The second clause of item 2 is not a negation: still a qualitative target.
        assert_eq!(read(&text), ["1 rate", "2a rate", "2b qualitative"]);
        let out = parse_directive(&text);
        let conds = out
            .diagnostics
            .iter()
            .filter(|d| d.code == "clause_without_value")
            .map(|d| &text[d.start..d.end])
            .collect::<Vec<_>>();
        assert_eq!(
            conds,
            ["không có hồ sơ quá hạn", "xây dựng văn hóa công sở"]
        );
    }

    #[test]
    fn an_award_registration_section_holds_no_targets() {
        let text = format!(
            "{HEAD}1. Tỷ lệ hồ sơ trực tuyến đạt 70%.\n2. Thu ngân sách đạt 500 tỷ đồng.\nII. ĐĂNG KÝ DANH HIỆU THI ĐUA\n1. Đề nghị tặng Bằng khen cho 02 tập thể.\n2. Đề nghị tặng Cờ thi đua cho 01 tập thể.\n"
        );
        assert_eq!(read(&text), ["1 rate", "2 amount"]);
    }

    /// "id wording measure" of the first target of each item.
    fn wording(text: &str) -> Vec<String> {
        parse_directive(text)
            .directive
            .items
            .iter()
            .map(|it| {
                let t = &it.targets[0];
                let w = t.wording.map_or("-".to_string(), |w| format!("{w:?}"));
                format!("{} {w} {:?}", t.id, t.spec.measure())
            })
            .collect()
    }

    #[test]
    fn a_figure_after_an_action_verb_is_at_least_and_one_added_to_a_stock_is_a_flow() {
        let text = format!(
            "{HEAD}1. Xử lý 100% đơn thư khiếu nại đúng hạn.\n2. 100% đơn thư được xử lý đúng hạn.\n3. Phối hợp giải quyết việc làm cho 1.500 lao động.\n4. Kết nạp 400 đoàn viên.\n5. Mỗi chi hội xây dựng ít nhất 01 mô hình dân vận khéo.\n6. Vận động bổ sung Quỹ khuyến học 2 tỷ đồng.\n7. Tỷ lệ lao động qua đào tạo: 68%.\n8. Giá trị ngành công nghiệp - xây dựng 4.500 tỷ đồng.\n9. Xây dựng nông thôn mới: 5 xã.\n"
        );
        assert_eq!(
            wording(&text),
            [
                "1 - Level",
                "2 Bare Level",
                "3 - Flow",
                "4 - Flow",
                "5 - Flow",
                "6 - Flow",
                "7 Bare Level",
                "8 Bare Level",
                "9 Bare Flow",
            ]
        );
    }

    #[test]
    fn background_tasks_and_assignment_rows_hold_no_targets() {
        let text = "KẾ HOẠCH năm 2026 của UBND tỉnh Bến Tre\n\
            I. BỐI CẢNH\n\
            Năm 2025, GRDP ước tăng 7,1%; thu ngân sách đạt 9.800 tỷ đồng.\n\
            II. CHỈ TIÊU\n\
            - Tỷ lệ hồ sơ trực tuyến đạt 70%.\n\
            - Thu ngân sách đạt 10.500 tỷ đồng.\n\
            III. NHIỆM VỤ, GIẢI PHÁP\n\
            Các sở, ngành thực hiện 8 nhóm nhiệm vụ, giải pháp sau:\n\
            1. Sở Tài chính hướng dẫn các xã lập dự toán năm 2026.\n\
            2. 100% xã hoàn thành kiểm kê và công nhận kết quả trước ngày 30/11/2026.\n\
            3. Phân công:\n\
            TT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn\n\
            1\tBan hành kế hoạch kiểm kê\tSở Tài chính\tTháng 7/2026\n\
            2\tTổng kết năm\tSở Tài chính\tTháng 12/2026\n";
        // The background paragraph is a result, the tasks without a figure and the rows of
        // the assignment table are not targets, "8 nhóm nhiệm vụ" counts tasks; the figure
        // of task 2 is a target although it "công nhận kết quả".
        assert_eq!(read(text), ["1 rate", "2 amount", "3 threshold_share"]);
        let out = parse_directive(text);
        assert!(out.directive.items[2]
            .text
            .starts_with("100% xã hoàn thành"));
        assert!(
            out.diagnostics.iter().all(|d| d.code != "unread_figure"),
            "{:?}",
            out.diagnostics
        );
    }

    /// "id value" of every target with a value.
    fn values(text: &str) -> Vec<String> {
        let out = parse_directive(text);
        let mut v = Vec::new();
        for it in &out.directive.items {
            for t in &it.targets {
                let x = match &t.spec {
                    crate::TargetSpec::Rate { value, .. }
                    | crate::TargetSpec::Count { value, .. } => *value,
                    crate::TargetSpec::Amount { value, .. } => value.value,
                    other => panic!("{other:?}"),
                };
                v.push(format!("{} {}", t.id, x.normalize()));
            }
        }
        v
    }

    #[test]
    fn a_comma_groups_thousands_in_a_text_that_writes_english_decimals() {
        let body = "1. Giá trị sản xuất đạt 18,650 tỷ đồng.\n2. Giải quyết việc làm cho 2,100 lao động.\n3. Thu ngân sách đạt 1.250,5 tỷ đồng.\n";
        // With "9.5%" elsewhere in the text, "18,650" and "2,100" are thousands; the
        // Vietnamese "1.250,5" keeps its reading.
        let text = format!(
            "{HEAD}{body}4. Tỷ lệ hộ có nước sạch đạt 9.5%.\n5. Tỷ lệ che phủ rừng đạt 1,125%.\n"
        );
        // A percentage is never in the thousands.
        assert_eq!(
            values(&text),
            ["1 18650", "2 2100", "3 1250.5", "4 9.5", "5 1.125"]
        );
        let warned = parse_directive(&text)
            .diagnostics
            .iter()
            .filter(|d| d.code == "dot_decimal")
            .count();
        assert_eq!(warned, 3);
        // A Vietnamese text: "18,650" is 18,65.
        let text = format!("{HEAD}{body}4. Tỷ lệ hộ có nước sạch đạt 9,5%.\n");
        let v = values(&text);
        assert_eq!((v[0].as_str(), v[2].as_str()), ("1 18.65", "3 1250.5"));
    }

    #[test]
    fn annual_crops_are_not_a_per_year_target() {
        let text = format!(
            "{HEAD}- Diện tích gieo trồng cây hằng năm đạt 3.250 ha.\n- Trồng rừng hằng năm 500 ha.\n"
        );
        let per_year: Vec<bool> = parse_directive(&text)
            .directive
            .items
            .iter()
            .map(|it| it.targets[0].per_year())
            .collect();
        assert_eq!(per_year, [false, true]);
    }

    #[test]
    fn a_purposes_section_holds_no_targets() {
        let text = "KẾ HOẠCH thi đua năm 2026 của UBND xã Hòa Bình\n\
            I. MỤC ĐÍCH, YÊU CẦU\n\
            - Động viên Nhân dân thi đua hoàn thành 18 chỉ tiêu năm 2026.\n\
            - Kết quả năm 2025: thu ngân sách ước đạt 41 tỷ đồng.\n\
            II. CHỈ TIÊU THI ĐUA\n\
            - Thu ngân sách đạt 45 tỷ đồng.\n\
            - Tỷ lệ hộ có nước sạch đạt 96%.\n";
        assert_eq!(read(text), ["1 amount", "2 rate"]);
    }
}
