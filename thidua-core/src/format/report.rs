//! Plain-text rendering of a score report and of scorecards, in Vietnamese.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::number::{format_vn_fixed, format_vn_rounded};

use crate::scoring::{ScoreReport, Scorecard, UnitScore};

/// Pads to `w` characters (not bytes), left-aligned.
fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// Pads to `w` characters, right-aligned.
fn rpad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(w - n))
    }
}

fn signed(d: Decimal, digits: u32) -> String {
    if d > Decimal::ZERO {
        format!("+{}", format_vn_fixed(d, digits))
    } else if d < Decimal::ZERO {
        format!("−{}", format_vn_fixed(-d, digits))
    } else {
        format_vn_fixed(d, digits)
    }
}

impl ScoreReport {
    /// The report as text in Vietnamese: per cluster or bloc, the ranking table with a column
    /// per stage, the change between the first and the final stage and the band; then the
    /// award proposals with their reasons and near misses.
    ///
    /// ```
    /// # use thidua_core::scoring::score_json;
    /// # let report = score_json(r#"{"scheme": {"name": "Ví dụ", "scale": "10",
    /// #   "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero",
    /// #   "sections": [{"id": "A", "name": "A", "criteria": [{"id": "A1", "name": "Công tác thi đua",
    /// #     "max": "10", "rule": {"kind": "council"}}]}],
    /// #   "classification": {"basis": "total", "bands": [{"id": "ht", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "completed"}]}},
    /// #   "roster": [{"unit": "Huyện A", "group": "Cụm 1", "kind": "cluster"}],
    /// #   "stages": [{"stage": "board_appraisal", "council_points": [{"unit": "Huyện A", "criterion": "A1", "points": "8.5"}]}]}"#)?;
    /// let text = report.render_vi();
    /// assert!(text.contains("Cụm 1"));
    /// assert!(text.contains("8,500"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render_vi(&self) -> String {
        let d = self.digits;
        let mut s = String::new();
        let _ = writeln!(s, "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA — {}", self.scheme);
        let period = self
            .period
            .map(|p| p.label_vi())
            .unwrap_or_else(|| "—".into());
        let _ = writeln!(
            s,
            "Kỳ đánh giá: {period} · Thang điểm: {} · Làm tròn: {d} chữ số thập phân",
            format_vn_rounded(self.scale, d)
        );
        let _ = writeln!(
            s,
            "Các bước chấm: {} (kết quả cuối cùng: {})",
            self.stages
                .iter()
                .map(|x| x.label_vi())
                .collect::<Vec<_>>()
                .join(" → "),
            self.final_stage.label_vi()
        );
        let multi = self.stages.len() > 1;
        let of_unit: std::collections::HashMap<&str, &UnitScore> =
            self.units.iter().map(|u| (u.unit.as_str(), u)).collect();
        for g in &self.groups {
            let kind = g.kind.label_vi();
            let _ = writeln!(s, "\n== {} ({kind}) ==", g.group);
            let mut header = format!("{}  {}", pad("Hạng", 5), pad("Đơn vị", 24));
            for st in &self.stages {
                header.push_str(&format!("  {}", rpad(st.label_vi(), 18)));
            }
            if multi {
                header.push_str(&format!("  {}", rpad("Chênh lệch", 10)));
            }
            header.push_str("  Xếp loại");
            let _ = writeln!(s, "{header}");
            for row in &g.ranking {
                let Some(&u) = of_unit.get(row.unit.as_str()) else {
                    continue;
                };
                let _ = writeln!(s, "{}", self.ranking_line_vi(row, u));
            }
            let notes: Vec<_> = g
                .ranking
                .iter()
                .filter_map(|r| r.decided_by.as_ref().map(|x| (r, x)))
                .collect();
            if !notes.is_empty() {
                let _ = writeln!(s, "  Phân định khi bằng tổng điểm:");
                for (r, x) in notes {
                    let _ = writeln!(s, "    - {}: {}", r.unit, x.vi);
                }
            }
            if g.ranking.iter().any(|r| r.tied) {
                let _ = writeln!(s, "  (\"=\": đồng hạng — bằng điểm sau mọi tiêu chí phụ; thứ tự dòng theo tên, không phải thứ hạng)");
            }
            if !g.not_ranked.is_empty() {
                let _ = writeln!(s, "  Không xếp hạng:");
                for n in &g.not_ranked {
                    let _ = writeln!(s, "    - {}: {}", n.unit, n.reason.vi);
                }
            }
        }
        let _ = writeln!(s, "\n== Xếp loại ==");
        for u in &self.units {
            if let Some(b) = &u.band {
                let _ = writeln!(
                    s,
                    "- {} ({}): {} — {}",
                    u.unit, u.group, b.label_vi, b.reason.vi
                );
            }
        }
        if !self.awards.is_empty() {
            let _ = writeln!(s, "\n== Đề nghị khen thưởng ==");
        }
        for a in &self.awards {
            let _ = writeln!(s, "{} ({} đơn vị)", a.label_vi, a.proposals.len());
            if let Some(n) = &a.note {
                let _ = writeln!(s, "  {}", n.vi);
            }
            for (i, p) in a.proposals.iter().enumerate() {
                let _ = writeln!(s, "  {}. {} ({}): {}", i + 1, p.unit, p.group, p.reason.vi);
            }
            if !a.near_misses.is_empty() {
                let _ = writeln!(s, "  Chưa được đề nghị (sát nút):");
                for p in &a.near_misses {
                    let _ = writeln!(
                        s,
                        "    - {} ({}, {} điểm): {}",
                        p.unit,
                        p.group,
                        format_vn_fixed(p.total, d),
                        p.reason.vi
                    );
                }
            }
        }
        s
    }

    /// A ranked unit's line of [`render_vi`](Self::render_vi): rank ("2=" when tied), unit,
    /// the total of each stage, the change (several stages) and the band.
    fn ranking_line_vi(&self, row: &crate::scoring::RankEntry, u: &UnitScore) -> String {
        let d = self.digits;
        let multi = self.stages.len() > 1;
        let rank = if row.tied {
            format!("{}=", row.rank)
        } else {
            row.rank.to_string()
        };
        let mut line = format!("{}  {}", pad(&rank, 5), pad(&row.unit, 24));
        for st in &self.stages {
            let v = u
                .card(*st)
                .map(|c| format_vn_fixed(c.total, d))
                .unwrap_or_else(|| "—".into());
            line.push_str(&format!("  {}", rpad(&v, 18)));
        }
        if multi {
            let ch = u
                .comparison
                .iter()
                .find(|r| r.item == "total")
                .and_then(|r| r.change)
                .map(|c| signed(c, d))
                .unwrap_or_else(|| "—".into());
            line.push_str(&format!("  {}", rpad(&ch, 10)));
        }
        let band = u.band.as_ref().map(|b| b.label_vi.as_str()).unwrap_or("—");
        line.push_str(&format!("  {band}"));
        line
    }

    /// Every unit's scorecard as text (see [`UnitScore::render_vi`]).
    pub fn render_scorecards_vi(&self) -> String {
        self.units
            .iter()
            .map(|u| u.render_vi(self.digits))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl UnitScore {
    /// The unit's scorecard as text in Vietnamese: one line per criterion with the points of
    /// each stage and the final stage's explanation, then subtotals, bonuses, penalties and
    /// the total. `digits` is the scheme's rounding digits ([`ScoreReport::digits`]).
    pub fn render_vi(&self, digits: u32) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Phiếu chấm điểm: {} ({})", self.unit, self.group);
        let Some(fin) = self.final_card() else {
            return s;
        };
        let show = |v: Option<Decimal>| {
            v.map(|x| format_vn_fixed(x, digits))
                .unwrap_or_else(|| "—".into())
        };
        let cols = |f: &dyn Fn(&Scorecard) -> Option<Decimal>| {
            self.scorecards
                .iter()
                .map(|c| format!("{}: {}", c.stage.label_vi(), show(f(c))))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        for c in &fin.criteria {
            let id = c.criterion.clone();
            let _ = writeln!(
                s,
                "  {} {} [{}] — {}",
                c.criterion,
                c.name,
                cols(&|k| k.criterion_points(&id)),
                c.explanation.vi
            );
        }
        for sec in &fin.sections {
            let id = sec.section.clone();
            let _ = writeln!(
                s,
                "  Cộng phần {} ({}/{}): [{}]",
                sec.section,
                sec.name,
                format_vn_rounded(sec.max, digits),
                cols(&|k| k.section_subtotal(&id))
            );
        }
        if let Some(r) = &fin.renormalised {
            let _ = writeln!(s, "  {}", r.vi);
        }
        for b in &fin.bonuses {
            let _ = writeln!(s, "  Điểm thưởng: {}", b.explanation.vi);
        }
        if let Some(b) = &fin.bonus_capped {
            let _ = writeln!(s, "  {}", b.vi);
        }
        for p in &fin.penalties {
            let _ = writeln!(s, "  Điểm trừ: {}", p.explanation.vi);
        }
        let _ = writeln!(s, "  TỔNG: [{}]", cols(&|k| Some(k.total)));
        if let Some(r) = &fin.ineligible_reason {
            let _ = writeln!(s, "  {}", r.vi);
        }
        s
    }
}
