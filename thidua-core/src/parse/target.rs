//! From the text of one numbered item to its targets: clauses, values, comparators, kinds
//! and names.

use rust_decimal::Decimal;

use super::lexicon::*;
use super::scan::{capitalize, collapse, lower_first, Kind, Toks};
use super::{Diag, Severity};
use crate::model::{AboveRange, Comparator, Component, Measure, ReductionUnit, Target, TargetSpec};
use crate::number::parse_vn;
use crate::quantity::{Currency, Quantity, Scale, Unit};

/// What a number token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A possible target value.
    Value,
    /// Part of a date, a code, a phone number, a year, an ordinal…
    Skip,
    /// Looks like a value but is not a valid Vietnamese number ("3.5").
    Bad,
}

/// A value with its unit as read after the number.
#[derive(Debug, Clone)]
struct ValueGroup {
    /// Token index of the number.
    at: usize,
    /// Token index after the group.
    end: usize,
    low: Decimal,
    high: Option<Decimal>,
    percent: bool,
    points: bool,
    scale: Scale,
    /// The unit as read (currency, ha, counted noun), with the token range of the noun.
    unit: Option<(Unit, usize, usize)>,
    per: Option<Decimal>,
    /// Token range of "/1 vạn dân".
    per_span: Option<(usize, usize)>,
    per_year: bool,
    /// "trở lên" / "trở xuống" after the value.
    after_cmp: Option<Comparator>,
}

/// One clause of an item.
#[derive(Debug, Clone, Copy)]
struct Clause {
    a: usize,
    b: usize,
    sub: bool,
}

/// The analysis of one item, appended to the caller's diagnostics.
pub(crate) struct ItemAnalyzer<'a, 'b> {
    pub tk: &'b Toks<'a>,
    pub diags: &'b mut Vec<Diag>,
    /// The year before the directive's year, for "tăng N bậc" without "so với năm".
    pub default_baseline_year: Option<i32>,
}

/// A target before ids are given.
struct Draft {
    name: String,
    spec: TargetSpec,
    sub: bool,
}

impl ItemAnalyzer<'_, '_> {
    fn diag(
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
                format!("{name:?} is a lower-is-better indicator (lexicon) and no comparator is written: read as a ceiling (≤)"),
            );
        }
        Some(Draft {
            name: name.to_string(),
            spec: TargetSpec::Ceiling {
                comparator: explicit.unwrap_or(Comparator::AtMost),
                value,
            },
            sub,
        })
    }

    /// Classifies number token `i`.
    fn role(&self, i: usize) -> Role {
        let tk = self.tk;
        if !tk.is_num(i) {
            return Role::Skip;
        }
        let raw = tk.w(i);
        let glued_next = tk.glued(i + 1);
        // Glued to letters after: "5G", but "3.000ha" is fine.
        if glued_next && tk.kind(i + 1) == Some(Kind::Word) {
            let w = tk.w(i + 1);
            if !(MEASURE_UNITS.contains(&w) || w == "ha" || SCALES.contains(&w)) {
                return Role::Skip;
            }
        }
        // Glued to letters before: "PM2", "COVID-19", "CT/TW".
        if tk.glued(i) && i > 0 {
            if tk.kind(i - 1) == Some(Kind::Word) {
                return Role::Skip;
            }
            let before = tk.kind(i.wrapping_sub(2));
            let code_dash = tk.is_punct(i - 1, '-') && before == Some(Kind::Word);
            let slash = (tk.is_punct(i - 1, '/') || tk.is_punct(i - 1, ':'))
                && matches!(before, Some(Kind::Word) | Some(Kind::Num));
            if (code_dash || slash) && tk.glued(i - 1) {
                // "giường/1 vạn dân" is a population base, handled separately; a date part,
                // a code or a time otherwise.
                return Role::Skip;
            }
        }
        // Dates and fractions "07/4/2014", "12/14"; codes "34-CT/TW"; times "14:28".
        if glued_next
            && (tk.is_punct(i + 1, '/') || tk.is_punct(i + 1, ':'))
            && tk.glued(i + 2)
            && tk.is_num(i + 2)
        {
            return Role::Skip;
        }
        if glued_next
            && tk.is_punct(i + 1, '-')
            && tk.glued(i + 2)
            && tk.kind(i + 2) == Some(Kind::Word)
        {
            return Role::Skip;
        }
        if glued_next
            && tk.is_punct(i + 1, '/')
            && tk.glued(i + 2)
            && tk.kind(i + 2) == Some(Kind::Word)
        {
            // "02/GP-TTĐT", but "3%/năm" never reaches here (the '%' comes first).
            let w = tk.w(i + 2);
            if !(w == "năm" || w == "người" || w == "dân") {
                return Role::Skip;
            }
        }
        // Phone numbers and other digit groups separated by spaces: "0291 2210 677".
        let same_line_num = |k: usize| tk.is_num(k) && !tk.t[k].newline_before;
        if same_line_num(i + 1) || (i > 0 && tk.is_num(i - 1) && !tk.t[i].newline_before) {
            return Role::Skip;
        }
        let digits_only = raw.bytes().all(|b| b.is_ascii_digit());
        if digits_only && raw.len() >= 4 && raw.starts_with('0') {
            return Role::Skip;
        }
        let prev_word = if i > 0 { tk.w(i - 1) } else { "" };
        if NOT_VALUE_AFTER.contains(&prev_word) {
            return Role::Skip;
        }
        if i > 0 && tk.is_punct(i - 1, '(') {
            // "(2021 – 2025)" and other parenthesised numbers.
            if digits_only && raw.len() == 4 {
                return Role::Skip;
            }
        }
        let is_year = |k: usize| {
            let r = tk.w(k);
            tk.is_num(k)
                && r.len() == 4
                && r.bytes().all(|b| b.is_ascii_digit())
                && ("1900"..="2100").contains(&r)
        };
        if is_year(i) {
            if matches!(prev_word, "năm" | "niên" | "đến" | "từ" | "và") {
                return Role::Skip;
            }
            if tk.is_punct(i + 1, '-') && is_year(i + 2) {
                return Role::Skip;
            }
            if i >= 2 && tk.is_punct(i - 1, '-') && is_year(i - 2) {
                return Role::Skip;
            }
        }
        if TIME_NOUNS.contains(&tk.w(i + 1)) && !tk.is_punct(i + 1, '/') {
            return Role::Skip;
        }
        if parse_vn(raw).is_err() {
            return Role::Bad;
        }
        Role::Value
    }

    /// Whether tokens `a..b` hold a target value (outside parentheses and population bases).
    pub fn has_value(&self, a: usize, b: usize) -> bool {
        let bases = self.population_bases(a, b);
        let depth = self.depths(a, b);
        (a..b).any(|k| {
            depth.get(k - a) == Some(&0)
                && self.role(k) == Role::Value
                && !bases.iter().any(|(s, e, _)| k >= *s && k < *e)
        })
    }

    /// Paren depth of each token of `a..b` (relative to `a`).
    fn depths(&self, a: usize, b: usize) -> Vec<u32> {
        let mut d = 0u32;
        let mut out = Vec::with_capacity(b.saturating_sub(a));
        for i in a..b {
            if self.tk.is_punct(i, '(') || self.tk.is_punct(i, '[') {
                out.push(d);
                d = d.saturating_add(1);
            } else if self.tk.is_punct(i, ')') || self.tk.is_punct(i, ']') {
                d = d.saturating_sub(1);
                out.push(d);
            } else {
                out.push(d);
            }
        }
        out
    }

    /// Token ranges of population bases ("trên một vạn dân", "/1 vạn dân", "bình quân đầu
    /// người") in `a..b`, with the base.
    fn population_bases(&self, a: usize, b: usize) -> Vec<(usize, usize, Decimal)> {
        let tk = self.tk;
        let mut out = Vec::new();
        let mut i = a;
        while i < b {
            let w = tk.w(i);
            if w == "đầu" && tk.w(i + 1) == "người" && i + 1 < b {
                out.push((i, i + 2, Decimal::ONE));
                i += 2;
                continue;
            }
            let lead = w == "trên" || w == "cho" || w == "mỗi" || tk.is_punct(i, '/');
            if lead {
                let mut k = i + 1;
                let mut base = Decimal::ONE;
                let mut seen_num = false;
                if tk.is_num(k) && k < b {
                    if let Ok(v) = parse_vn(tk.w(k)) {
                        base = v;
                        seen_num = true;
                        k += 1;
                    }
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
                if k < b && matches!(tk.w(k), "dân" | "người") {
                    let per = base.checked_mul(factor).unwrap_or(base);
                    // "trên 50 người" is a comparator, not a base: require a scale word or
                    // a '/' or "một".
                    if tk.is_punct(i, '/')
                        || factor != Decimal::ONE
                        || !seen_num
                        || tk.w(i + 1) == "một"
                    {
                        let mut e = k + 1;
                        if tk.w(e) == "số" && e < b {
                            e += 1;
                        }
                        out.push((i, e, per));
                        i = e;
                        continue;
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// Reads the value group starting at number token `i` (a [`Role::Value`]).
    fn value_group(&self, i: usize, b: usize) -> Option<ValueGroup> {
        let tk = self.tk;
        let low = parse_vn(tk.w(i)).ok()?;
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
            after_cmp: None,
        };
        let mut j = i + 1;
        let mut low_pct = false;
        if tk.is_punct(j, '%') && j < b {
            low_pct = true;
            j += 1;
        }
        // Range: "3-4%", "7 – 7,5%", "từ 5 đến 7%".
        if j + 1 < b
            && (tk.is_punct(j, '-') || tk.w(j) == "đến" || tk.w(j) == "tới")
            && tk.is_num(j + 1)
            && self.role(j + 1) == Role::Value
        {
            if let Ok(h) = parse_vn(tk.w(j + 1)) {
                g.high = Some(h);
                j += 2;
            }
        } else if low_pct {
            g.percent = true;
        }
        if !g.percent {
            if tk.is_punct(j, '%') && j < b {
                g.percent = true;
                j += 1;
            } else if tk.w(j) == "điểm"
                && (tk.is_punct(j + 1, '%') || tk.phrase(j + 1, "phần trăm", b).is_some())
            {
                g.percent = true;
                g.points = true;
                j += if tk.is_punct(j + 1, '%') { 2 } else { 3 };
            } else if tk.phrase(j, "phần trăm", b).is_some() {
                g.percent = true;
                j += 2;
            } else if low_pct {
                g.percent = true;
            }
        }
        if !g.percent {
            if let Some(s) = Scale::from_word(tk.w(j)).filter(|s| *s != Scale::One) {
                let is_base = s == Scale::TenThousand && matches!(tk.w(j + 1), "dân" | "người");
                if j < b && SCALES.contains(&tk.w(j)) && !is_base {
                    g.scale = s;
                    j += 1;
                }
            }
            // Unit.
            let w = tk.w(j);
            if j < b {
                if matches!(w, "đồng" | "vnd" | "vnđ") {
                    g.unit = Some((Unit::Currency(Currency::Vnd), j, j + 1));
                    j += 1;
                } else if w == "usd" {
                    g.unit = Some((Unit::Currency(Currency::Usd), j, j + 1));
                    j += 1;
                } else if let Some(e) = tk
                    .phrase(j, "đô la mỹ", b)
                    .or_else(|| tk.phrase(j, "đô la", b))
                {
                    g.unit = Some((Unit::Currency(Currency::Usd), j, e));
                    j = e;
                } else if matches!(w, "ha" | "hecta") {
                    g.unit = Some((Unit::Hectare, j, j + 1));
                    j += 1;
                } else if let Some(e) = tk.phrase(j, "héc ta", b) {
                    g.unit = Some((Unit::Hectare, j, e));
                    j = e;
                } else if let Some((_, e)) = tk.any_phrase(j, COUNT_NOUNS, b) {
                    let noun = collapse(&tk.text(j, e).to_lowercase());
                    g.unit = Some((Unit::Count(noun), j, e));
                    j = e;
                } else if tk.kind(j) == Some(Kind::Word)
                    && !NOT_NOUNS.contains(&w)
                    && !PREDICATE_WORDS.contains(&w)
                {
                    g.unit = Some((Unit::Count(w.to_string()), j, j + 1));
                    j += 1;
                }
            }
        }
        // Population base right after: "/1 vạn dân", "/người".
        if let Some(&(s, e, per)) = self.population_bases(j, b.min(j + 6)).first() {
            if s == j {
                g.per = Some(per);
                g.per_span = Some((s, e));
                j = e;
            }
        }
        // Per year.
        if tk.is_punct(j, '/') && tk.w(j + 1) == "năm" && j + 1 < b {
            g.per_year = true;
            j += 2;
        } else if let Some((_, e)) =
            tk.any_phrase(j, &["mỗi năm", "hằng năm", "hàng năm", "một năm"], b)
        {
            g.per_year = true;
            j = e;
        }
        if let Some(e) = tk.phrase(j, "trở lên", b) {
            g.after_cmp = Some(Comparator::AtLeast);
            j = e;
        } else if let Some((_, e)) = tk.any_phrase(j, &["trở xuống", "trở lại"], b) {
            g.after_cmp = Some(Comparator::AtMost);
            j = e;
        }
        g.end = j;
        Some(g)
    }

    /// Splits an item into clauses: at ';', at "trong đó" (sub-targets) and at ',' / "và"
    /// when both sides hold a value.
    fn clauses(&self, a: usize, b: usize, roles: &[Role]) -> Vec<Clause> {
        let tk = self.tk;
        let depth = self.depths(a, b);
        let d = |i: usize| depth.get(i - a).copied().unwrap_or(0);
        let mut out = Vec::new();
        let mut start = a;
        let mut sub = false;
        let mut i = a;
        while i < b {
            if d(i) == 0 && tk.is_punct(i, ';') {
                out.push(Clause {
                    a: start,
                    b: i,
                    sub,
                });
                start = i + 1;
                i += 1;
                if tk.phrase(start, "trong đó", b).is_none() {
                    sub = false;
                }
                continue;
            }
            if d(i) == 0 && tk.phrase(i, "trong đó", b).is_some() {
                if i > start {
                    let mut e = i;
                    while e > start && (tk.is_punct(e - 1, ',') || tk.is_punct(e - 1, ':')) {
                        e -= 1;
                    }
                    out.push(Clause {
                        a: start,
                        b: e,
                        sub,
                    });
                }
                let mut s = i + 2;
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
        out.push(Clause { a: start, b, sub });
        // Second pass: ',' and "và" between two valued parts (prefix counts keep it linear).
        let mut prefix = Vec::with_capacity(b - a + 1);
        prefix.push(0usize);
        for k in a..b {
            let v = usize::from(roles.get(k - a) == Some(&Role::Value));
            prefix.push(prefix[prefix.len() - 1] + v);
        }
        let count = |x: usize| prefix.get(x - a).copied().unwrap_or(0);
        let has_value = |x: usize, y: usize| y > x && count(y) > count(x);
        let mut split = Vec::new();
        for c in out {
            let mut s = c.a;
            for k in c.a..c.b {
                let sep = tk.is_punct(k, ',') || tk.w(k) == "và";
                if sep
                    && d(k) == 0
                    && k > s
                    && tk.kind(k + 1) == Some(Kind::Word)
                    && has_value(s, k)
                    && has_value(k + 1, c.b)
                {
                    split.push(Clause {
                        a: s,
                        b: k,
                        sub: c.sub,
                    });
                    s = k + 1;
                }
            }
            split.push(Clause {
                a: s,
                b: c.b,
                sub: c.sub,
            });
        }
        split.retain(|c| c.b > c.a);
        split
    }

    /// Analyses the item in tokens `a..b` and returns its targets, ids included.
    pub fn analyze(&mut self, number: u32, a: usize, b: usize) -> Vec<Target> {
        let roles: Vec<Role> = (a..b).map(|i| self.role(i)).collect();
        // Numbers inside population bases are not values.
        let mut roles = roles;
        for (s, e, _) in self.population_bases(a, b) {
            for k in s..e {
                if let Some(r) = roles.get_mut(k - a) {
                    *r = Role::Skip;
                }
            }
        }
        let depth = self.depths(a, b);
        for (k, dep) in depth.iter().enumerate() {
            if *dep > 0 {
                if let Some(r) = roles.get_mut(k) {
                    *r = Role::Skip;
                }
            }
        }
        let clauses = self.clauses(a, b, &roles);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut pending_bare: Vec<Clause> = Vec::new();
        let mut numeric_seen = false;
        for c in &clauses {
            let role_of = |k: usize| roles.get(k - a).copied().unwrap_or(Role::Skip);
            let first_value = (c.a..c.b).find(|&k| role_of(k) == Role::Value);
            let bad = (c.a..c.b).find(|&k| role_of(k) == Role::Bad);
            // Rank improvement: "tăng 05 bậc so với năm 2023".
            if let Some(v) = first_value {
                if matches!(self.tk.w(v + 1), "bậc" | "hạng") {
                    let mut parts = std::mem::take(&mut pending_bare);
                    parts.push(Clause {
                        a: c.a,
                        b: v,
                        sub: c.sub,
                    });
                    self.rank_targets(&parts, v, c, &mut drafts);
                    numeric_seen = true;
                    continue;
                }
            }
            // Composite decrease: "giảm cả 3 tiêu chí (số vụ, người chết, bị thương)".
            if let Some(d) = self.composite(c) {
                drafts.push(d);
                numeric_seen = true;
                continue;
            }
            match first_value {
                Some(v) => {
                    let Some(g) = self.value_group(v, c.b) else {
                        continue;
                    };
                    let mut draft = self.numeric(c, &g);
                    if !pending_bare.is_empty() {
                        let prefix: Vec<String> = pending_bare
                            .iter()
                            .map(|p| self.tk.text(p.a, p.b))
                            .collect();
                        draft.name = format!("{}; {}", prefix.join("; "), lower_first(&draft.name));
                        if !c.sub {
                            draft.name = capitalize(&draft.name);
                        }
                        pending_bare.clear();
                    }
                    // A second value in the clause is reported, not silently dropped.
                    if let Some(x) = (g.end..c.b).find(|&k| role_of(k) == Role::Value) {
                        self.diag(
                            x,
                            x + 1,
                            Severity::Warning,
                            "extra_value",
                            format!(
                                "a second number {:?} in the same clause was not used for item ({number})",
                                self.tk.raw(x)
                            ),
                        );
                    }
                    drafts.push(draft);
                    numeric_seen = true;
                }
                None => {
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
                        drafts.push(d);
                        numeric_seen = true;
                    } else if bad.is_some() {
                        let name = self.clean_name(c.a, c.b, c.sub);
                        drafts.push(Draft {
                            name,
                            spec: TargetSpec::Qualitative {},
                            sub: c.sub,
                        });
                    } else if numeric_seen {
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
                                format!("item ({number}): this clause has no number; kept as a qualitative target"),
                            );
                        }
                        let name = self.qualitative_name(s, e, c.sub);
                        drafts.push(Draft {
                            name,
                            spec: TargetSpec::Qualitative {},
                            sub: c.sub,
                        });
                    } else {
                        pending_bare.push(*c);
                    }
                }
            }
        }
        if !pending_bare.is_empty() {
            // Only clauses without numbers: one qualitative target for all of them.
            let s = pending_bare[0].a;
            let e = pending_bare[pending_bare.len() - 1].b;
            let sub = pending_bare[0].sub && !drafts.is_empty();
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
                    Severity::Info,
                    "qualitative",
                    format!("item ({number}) has no number: read as a qualitative target"),
                );
            }
            let name = self.qualitative_name(s, e, sub);
            drafts.push(Draft {
                name,
                spec: TargetSpec::Qualitative {},
                sub,
            });
        }
        assign_ids(number, drafts)
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
            let depth = self.depths(p.a, p.b);
            let mut s = p.a;
            for k in p.a..p.b {
                if tk.is_punct(k, ',') && depth.get(k - p.a) == Some(&0) {
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
            drafts.push(Draft {
                name,
                spec: TargetSpec::RankImprovement {
                    index,
                    places,
                    baseline_year: year,
                },
                sub: c.sub,
            });
        }
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
                    return Some(Draft {
                        name,
                        spec: TargetSpec::CompositeDecrease { components: comps },
                        sub: c.sub,
                    });
                }
            }
            k += 1;
        }
        None
    }

    /// A target stated only by reference ("đạt dự toán được giao", "cao hơn năm 2022").
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
            let Some((_, _)) = tk.any_phrase(k, REFERENCES, c.b) else {
                continue;
            };
            // "năm" only with a year after it.
            if tk.w(k) == "năm" && !tk.is_num(k + 1) {
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
                } else if let Some(n) = COUNT_NOUNS.iter().find(|n| contains_word(&lname, n)) {
                    (Unit::Count((*n).to_string()), Scale::One, true)
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
            let measure = if contains_any(&lname, FLOW) {
                Measure::Flow
            } else {
                Measure::Level
            };
            return Some(Draft {
                name,
                spec: TargetSpec::Reference {
                    comparator: cmp,
                    reference,
                    unit,
                    scale,
                    measure,
                    value: None,
                },
                sub: c.sub,
            });
        }
        None
    }

    /// The first token after leading fillers of `list` in `a..b`.
    fn strip_leading(&self, a: usize, b: usize, list: &[&str]) -> usize {
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
            match self.tk.any_phrase(s, list, b) {
                Some((_, e)) if e <= b => s = e,
                _ => return s,
            }
        }
    }

    /// Name text of tokens `a..b`, trailing punctuation dropped, capitalised unless a
    /// sub-target.
    fn make_name(&self, a: usize, b: usize, sub: bool) -> String {
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

    fn clean_name(&self, a: usize, b: usize, sub: bool) -> String {
        let s = self.strip_leading(a, b, LEADING_FILLERS);
        self.make_name(s, b, sub)
    }

    fn qualitative_name(&self, a: usize, b: usize, sub: bool) -> String {
        let s = self.strip_leading(a, b, QUALITATIVE_LEADS);
        self.make_name(s, b, sub)
    }

    /// A numeric target from its clause and value group.
    fn numeric(&mut self, c: &Clause, g: &ValueGroup) -> Draft {
        let tk = self.tk;
        // The predicate zone: walk back from the number over comparator / filler words.
        let mut p = g.at;
        while p > c.a && (PREDICATE_WORDS.contains(&tk.w(p - 1)) || tk.is_punct(p - 1, ':')) {
            p -= 1;
        }
        // Do not eat a population base ("đầu người") or a name that is only predicate words.
        let zone: Vec<&str> = (p..g.at).map(|k| tk.w(k)).collect();
        let zone_text = zone.join(" ");
        let has = |ph: &str| contains_word(&zone_text, ph);
        let mut cmp: Option<Comparator> = None;
        for (list, c) in [
            (AT_MOST, Comparator::AtMost),
            (AT_LEAST, Comparator::AtLeast),
            (BELOW, Comparator::Below),
            (ABOVE, Comparator::Above),
        ] {
            if list.iter().any(|ph| {
                zone_text.ends_with(ph)
                    && (zone_text.len() == ph.len()
                        || zone_text[..zone_text.len() - ph.len()].ends_with(' '))
            }) {
                cmp = Some(c);
                break;
            }
        }
        if cmp.is_none() {
            // A comparator followed by a filler ("trên mức 5%") or by "đạt".
            for (list, c) in [
                (AT_MOST, Comparator::AtMost),
                (AT_LEAST, Comparator::AtLeast),
                (BELOW, Comparator::Below),
                (ABOVE, Comparator::Above),
            ] {
                if list.iter().any(|ph| *ph != "từ" && *ph != "hơn" && has(ph)) {
                    cmp = Some(c);
                    break;
                }
            }
        }
        if zone.last() == Some(&"từ") && g.after_cmp == Some(Comparator::AtMost) {
            cmp = Some(Comparator::AtMost);
        }
        if let Some(a) = g.after_cmp {
            if cmp.is_none() || cmp == Some(Comparator::AtLeast) {
                cmp = Some(a);
            }
        }
        let reduction = has("giảm") && !has("xuống") && !has("còn");
        let end_level = has("xuống") || has("còn");
        let growth_pred = has("tăng");
        let share_pred = has("chiếm");
        // Name.
        let ns = self.strip_leading(c.a, p, LEADING_FILLERS);
        let mut pre_name = self.make_name(ns, p, c.sub);
        let mut name_start = ns;
        // "Giảm tỷ lệ hộ nghèo 2%": the verb leads the name.
        let lead_reduction = tk.w(ns) == "giảm" && p > ns + 1;
        if lead_reduction {
            name_start = ns + 1;
            pre_name = self.make_name(ns + 1, p, c.sub);
        }
        let reduction = reduction || lead_reduction;
        if reduction && pre_name.is_empty() {
            // "Giảm 10% số vụ cháy nổ so với năm 2025" → "Số vụ cháy nổ".
            let mut e = c.b;
            for k in g.end..c.b {
                if tk.phrase(k, "so với", c.b).is_some() {
                    e = k;
                    break;
                }
            }
            pre_name = self.make_name(g.end, e, c.sub);
        }
        let lname = self.tk.text(c.a, c.b).to_lowercase();
        let lpre = pre_name.to_lowercase();
        let bases = self.population_bases(c.a, c.b);
        let per = g.per.or_else(|| bases.first().map(|b| b.2));
        let rest_start = g.end;
        let rest_name = self.tk.text(rest_start, c.b);
        let unit_noun = g.unit.as_ref().map(|(u, s, e)| (u.clone(), *s, *e));
        let unit_text = unit_noun
            .as_ref()
            .map(|(_, s, e)| tk.text(*s, *e))
            .unwrap_or_default();
        let measure = if contains_any(&lname, FLOW) {
            Measure::Flow
        } else {
            Measure::Level
        };
        let lower_better = contains_any(&lpre, LOWER_IS_BETTER);
        let comparator = cmp.unwrap_or(Comparator::AtLeast);
        let (span_a, span_b) = (c.a, c.b);

        // Percent values.
        if g.percent {
            if reduction {
                let unit = if g.points || contains_any(&lpre, &["tỷ lệ", "tỷ suất"]) {
                    ReductionUnit::PercentagePoints
                } else {
                    ReductionUnit::PercentOfBaseline
                };
                return Draft {
                    name: pre_name,
                    spec: TargetSpec::Reduction {
                        comparator: cmp.unwrap_or(Comparator::AtLeast),
                        value: g.low,
                        value_high: g.high,
                        unit,
                        per_year: g.per_year,
                    },
                    sub: c.sub,
                };
            }
            if let Some(h) = g.high {
                let band = contains_any(&lname, BAND);
                if band {
                    self.diag(
                        span_a,
                        span_b,
                        Severity::Info,
                        "band_range",
                        "a band (lexicon): above the upper bound is not met".into(),
                    );
                }
                return Draft {
                    name: pre_name,
                    spec: TargetSpec::Range {
                        low: Quantity::new(g.low, Unit::Percent),
                        high: Quantity::new(h, Unit::Percent),
                        above_high: if band {
                            AboveRange::NotMet
                        } else {
                            AboveRange::Exceeded
                        },
                    },
                    sub: c.sub,
                };
            }
            if let Some(d) = self.ceiling(
                &pre_name,
                cmp,
                end_level,
                lower_better,
                Quantity::new(g.low, Unit::Percent),
                (span_a, span_b),
                c.sub,
            ) {
                return d;
            }
            if lower_better {
                self.diag(
                    span_a,
                    span_b,
                    Severity::Warning,
                    "direction_conflict",
                    format!(
                        "{pre_name:?} is usually lower-is-better but the text says {:?}",
                        comparator.word_vi()
                    ),
                );
            }
            // Value first: "Trên 90% tổ chức cơ sở đảng xếp loại …".
            let value_first = pre_name.is_empty();
            if value_first {
                let of_end = self.share_of_end(rest_start, c.b);
                let of = of_end.map(|e| tk.text(rest_start, e));
                let name = if rest_name.is_empty() {
                    String::new()
                } else {
                    format!("Tỷ lệ {rest_name}")
                };
                let name = if c.sub { lower_first(&name) } else { name };
                if of.is_some() && !share_pred {
                    return Draft {
                        name,
                        spec: TargetSpec::ThresholdShare {
                            comparator,
                            value: g.low,
                            of,
                        },
                        sub: c.sub,
                    };
                }
                return self.rate_or_growth(
                    name,
                    comparator,
                    g.low,
                    growth_pred,
                    c,
                    span_a,
                    span_b,
                );
            }
            // "Tỷ lệ <units> … đạt tiêu chuẩn …".
            if let Some(e) = tk.phrase(name_start, "tỷ lệ", p) {
                if let Some(of_end) = self.share_of_end(e, p) {
                    if !share_pred {
                        return Draft {
                            name: pre_name,
                            spec: TargetSpec::ThresholdShare {
                                comparator,
                                value: g.low,
                                of: Some(tk.text(e, of_end)),
                            },
                            sub: c.sub,
                        };
                    }
                }
            }
            return self.rate_or_growth(
                pre_name,
                comparator,
                g.low,
                growth_pred,
                c,
                span_a,
                span_b,
            );
        }

        // Quantities with a unit (or none).
        let unit = match &unit_noun {
            Some((u, _, _)) => u.clone(),
            None => {
                // "Số doanh nghiệp thành lập mới: 380" — the noun is in the name.
                let noun = COUNT_NOUNS
                    .iter()
                    .find(|n| contains_word(&lpre, n))
                    .map(|n| n.to_string());
                match noun {
                    Some(n) => Unit::Count(n),
                    None => {
                        self.diag(
                            g.at,
                            g.end,
                            Severity::Warning,
                            "missing_unit",
                            format!(
                                "the number {:?} has no unit; counted as \"đơn vị\"",
                                tk.raw(g.at)
                            ),
                        );
                        Unit::Count("đơn vị".into())
                    }
                }
            }
        };
        let value = Quantity::scaled(g.low, g.scale, unit.clone());
        if reduction {
            return Draft {
                name: pre_name,
                spec: TargetSpec::Reduction {
                    comparator: cmp.unwrap_or(Comparator::AtLeast),
                    value: g.low,
                    value_high: g.high,
                    unit: ReductionUnit::Absolute,
                    per_year: g.per_year,
                },
                sub: c.sub,
            };
        }
        if let Some(h) = g.high {
            let band = contains_any(&lname, BAND);
            return Draft {
                name: pre_name,
                spec: TargetSpec::Range {
                    low: value,
                    high: Quantity::scaled(h, g.scale, unit),
                    above_high: if band {
                        AboveRange::NotMet
                    } else {
                        AboveRange::Exceeded
                    },
                },
                sub: c.sub,
            };
        }
        if let Some(d) = self.ceiling(
            &pre_name,
            cmp,
            end_level,
            lower_better,
            value.clone(),
            (span_a, span_b),
            c.sub,
        ) {
            return d;
        }
        // The name when the text starts with a verb: "Phấn đấu thành lập mới 380 doanh nghiệp".
        let pre_has_noun = !unit_text.is_empty() && lpre.contains(&unit_text.to_lowercase());
        let noun_rest = {
            let s = unit_noun.as_ref().map(|(_, s, _)| *s).unwrap_or(g.end);
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
        if let Some(per) = per {
            let name = if pre_name.is_empty() {
                if c.sub {
                    noun_rest.clone()
                } else {
                    capitalize(&noun_rest)
                }
            } else {
                pre_name
            };
            return Draft {
                name,
                spec: TargetSpec::PerCapita {
                    comparator,
                    value,
                    per,
                },
                sub: c.sub,
            };
        }
        let is_amount = g.scale != Scale::One
            || matches!(unit, Unit::Currency(_) | Unit::Hectare)
            || MEASURE_UNITS.contains(&unit_text.to_lowercase().as_str());
        let pre_is_verb = !pre_name.is_empty()
            && !pre_has_noun
            && !lpre.starts_with("số ")
            && !lpre.starts_with("tổng ");
        let ends_with_preposition = ["cho", "của", "với", "tại", "ở", "về"]
            .iter()
            .any(|w| lpre.ends_with(&format!(" {w}")));
        let name = if pre_name.is_empty() {
            capitalize_if(&noun_rest, !c.sub)
        } else if ends_with_preposition {
            // "Giải quyết việc làm cho 25.000 lao động" → "Giải quyết việc làm cho lao động".
            format!("{pre_name} {noun_rest}")
        } else if !pre_is_verb {
            pre_name.clone()
        } else if is_amount && !matches!(unit, Unit::Count(_)) || !is_amount && unit_noun.is_none()
        {
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
            capitalize_if(&format!("{noun_rest} {}", lower_first(&pre_name)), !c.sub)
        };
        if is_amount {
            Draft {
                name,
                spec: TargetSpec::Amount {
                    comparator,
                    value,
                    measure,
                },
                sub: c.sub,
            }
        } else {
            let noun = match unit {
                Unit::Count(n) => n,
                other => other.to_string(),
            };
            Draft {
                name,
                spec: TargetSpec::Count {
                    comparator,
                    value: g.low,
                    noun,
                    measure,
                },
                sub: c.sub,
            }
        }
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

    #[allow(clippy::too_many_arguments)]
    fn rate_or_growth(
        &mut self,
        name: String,
        comparator: Comparator,
        value: Decimal,
        growth_pred: bool,
        c: &Clause,
        a: usize,
        b: usize,
    ) -> Draft {
        let lname = name.to_lowercase();
        let growth = growth_pred || contains_any(&lname, GROWTH);
        if !growth && value > Decimal::ONE_HUNDRED {
            self.diag(
                a,
                b,
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
        Draft {
            name,
            spec,
            sub: c.sub,
        }
    }
}

fn capitalize_if(s: &str, cap: bool) -> String {
    if cap {
        capitalize(s)
    } else {
        s.to_string()
    }
}

/// Ids: "N" for a single target, "Na", "Nb"… for several; sub-targets "N.1", "Na.1".
fn assign_ids(number: u32, drafts: Vec<Draft>) -> Vec<Target> {
    let top = drafts.iter().filter(|d| !d.sub).count().max(1);
    let mut out: Vec<Target> = Vec::new();
    let mut k = 0usize;
    for d in drafts {
        if d.sub {
            if let Some(parent) = out.last_mut() {
                let id = format!("{}.{}", parent.id, parent.sub_targets.len() + 1);
                parent.sub_targets.push(Target::new(id, d.name, d.spec));
                continue;
            }
        }
        let id = if top == 1 {
            number.to_string()
        } else {
            format!("{number}{}", letter(k))
        };
        k += 1;
        out.push(Target::new(id, d.name, d.spec));
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
