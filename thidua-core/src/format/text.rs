//! The model as words, in Vietnamese and English: document kinds, comparators, statuses,
//! targets, scales, units, quantities and periods.

use std::fmt;

use rust_decimal::Decimal;

use crate::evaluate::Status;
use crate::model::*;
use crate::number::{format_en_rounded, format_vn};
use crate::quantity::{Currency, Quantity, Scale, Unit};
use crate::results::{Period, Span};

impl DocumentKind {
    /// The Vietnamese name ("Chỉ thị", "Kế hoạch"…).
    pub fn name_vi(self) -> &'static str {
        match self {
            DocumentKind::Directive => "Chỉ thị",
            DocumentKind::Plan => "Kế hoạch",
            DocumentKind::Programme => "Chương trình",
            DocumentKind::OfficialLetter => "Công văn",
            DocumentKind::Resolution => "Nghị quyết",
            DocumentKind::Decision => "Quyết định",
            DocumentKind::Other => "Văn bản",
        }
    }
}

impl Comparator {
    /// Vietnamese wording placed before the number ("từ", "trên", "không quá", "dưới").
    pub fn word_vi(self) -> &'static str {
        match self {
            Comparator::AtLeast => "từ",
            Comparator::Above => "trên",
            Comparator::AtMost => "không quá",
            Comparator::Below => "dưới",
        }
    }

    /// Vietnamese wording placed after the number ("trở lên" for ≥, else "").
    pub fn suffix_vi(self) -> &'static str {
        match self {
            Comparator::AtLeast => " trở lên",
            _ => "",
        }
    }

    /// English wording ("at least", "above", "at most", "below").
    pub fn word_en(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at least",
            Comparator::Above => "above",
            Comparator::AtMost => "at most",
            Comparator::Below => "below",
        }
    }

    /// The symbol (≥, >, ≤, <).
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::Above => ">",
            Comparator::AtMost => "≤",
            Comparator::Below => "<",
        }
    }
}

/// A reduction target in Vietnamese ("giảm ít nhất 3–4%/năm", "giảm trên 2 điểm %").
fn reduction_vi(
    comparator: Comparator,
    value: &Decimal,
    value_high: Option<Decimal>,
    unit: ReductionUnit,
    per_year: bool,
) -> String {
    let amount = match value_high {
        Some(h) => format!(
            "{}–{}",
            format_vn(value.normalize()),
            format_vn(h.normalize())
        ),
        None => format_vn(value.normalize()),
    };
    let unit = match unit {
        ReductionUnit::PercentagePoints => " điểm %",
        ReductionUnit::PercentOfBaseline => "% so với kỳ gốc",
        ReductionUnit::Absolute => "",
    };
    let lead = match comparator {
        Comparator::AtLeast => "giảm ít nhất",
        Comparator::Above => "giảm trên",
        Comparator::AtMost => "giảm không quá",
        Comparator::Below => "giảm dưới",
    };
    format!(
        "{lead} {amount}{unit}{}",
        if per_year { "/năm" } else { "" }
    )
}

impl TargetSpec {
    /// The target as a short Vietnamese phrase ("từ 10% trở lên", "trên 50 triệu đồng/người",
    /// "giảm ít nhất 3–4 điểm %/năm").
    pub fn describe_vi(&self) -> String {
        let pct = |c: Comparator, v: &Decimal| {
            format!(
                "{} {}%{}",
                c.word_vi(),
                format_vn(v.normalize()),
                c.suffix_vi()
            )
        };
        match self {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::GrowthRate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => pct(*comparator, value),
            TargetSpec::PerCapita {
                comparator,
                value,
                per,
                per_time,
            } => format!(
                "{} {}/{}{}{}",
                comparator.word_vi(),
                value,
                per_label_vi(*per),
                per_time.map_or(String::new(), |t| format!("/{}", t.vi())),
                comparator.suffix_vi()
            ),
            TargetSpec::Count {
                comparator,
                value,
                noun,
                ..
            } => format!(
                "{} {} {}{}",
                comparator.word_vi(),
                format_vn(value.normalize()),
                noun,
                comparator.suffix_vi()
            ),
            TargetSpec::Amount {
                comparator, value, ..
            }
            | TargetSpec::Ceiling { comparator, value } => {
                format!(
                    "{} {}{}",
                    comparator.word_vi(),
                    value,
                    comparator.suffix_vi()
                )
            }
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                unit,
                per_year,
            } => reduction_vi(*comparator, value, *value_high, *unit, *per_year),
            TargetSpec::Range { low, high, .. } => format!("từ {low} đến {high}"),
            TargetSpec::RankImprovement {
                index,
                places,
                baseline_year,
            } => format!("{index} tăng {places} bậc so với năm {baseline_year}"),
            TargetSpec::CompositeDecrease { components } => format!(
                "giảm cả {} tiêu chí ({})",
                components.len(),
                components
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            TargetSpec::Qualitative {} => "đánh giá định tính".into(),
            TargetSpec::Reference {
                comparator,
                reference,
                value,
                unit,
                scale,
                ..
            } => match value {
                Some(v) => format!(
                    "{} {}{}",
                    comparator.word_vi(),
                    Quantity::scaled(*v, *scale, unit.clone()),
                    comparator.suffix_vi()
                ),
                None => {
                    let lead = match comparator {
                        Comparator::AtLeast => "đạt",
                        Comparator::Above => "cao hơn",
                        Comparator::AtMost => "không vượt",
                        Comparator::Below => "thấp hơn",
                    };
                    format!("{lead} {reference}")
                }
            },
        }
    }

    /// The target as a short English phrase ("at least 10%", "above 50 million VND per person").
    pub fn describe_en(&self) -> String {
        let num = |v: &Decimal| crate::number::format_en_rounded(*v, 10);
        match self {
            TargetSpec::Rate { comparator, value }
            | TargetSpec::GrowthRate { comparator, value }
            | TargetSpec::ThresholdShare {
                comparator, value, ..
            } => format!("{} {}%", comparator.word_en(), num(value)),
            TargetSpec::PerCapita {
                comparator,
                value,
                per,
                per_time,
            } => format!(
                "{} {} per {}{}",
                comparator.word_en(),
                value.to_string_en(),
                if *per == Decimal::ONE {
                    "person".to_string()
                } else {
                    format!("{} people", num(per))
                },
                per_time.map_or(String::new(), |t| format!(" per {}", t.en()))
            ),
            TargetSpec::Count {
                comparator,
                value,
                noun,
                ..
            } => format!(
                "{} {} {}",
                comparator.word_en(),
                num(value),
                counted_noun_en(noun)
            ),
            TargetSpec::Amount {
                comparator, value, ..
            }
            | TargetSpec::Ceiling { comparator, value } => {
                format!("{} {}", comparator.word_en(), value.to_string_en())
            }
            TargetSpec::Reduction {
                comparator,
                value,
                value_high,
                unit,
                per_year,
            } => {
                let amount = match value_high {
                    Some(h) => format!("{}–{}", num(value), num(h)),
                    None => num(value),
                };
                let unit = match unit {
                    ReductionUnit::PercentagePoints => " percentage points",
                    ReductionUnit::PercentOfBaseline => "% of the baseline",
                    ReductionUnit::Absolute => "",
                };
                format!(
                    "a decrease of {} {amount}{unit}{}",
                    comparator.word_en(),
                    if *per_year { " per year" } else { "" }
                )
            }
            TargetSpec::Range { low, high, .. } => {
                format!("between {} and {}", low.to_string_en(), high.to_string_en())
            }
            TargetSpec::RankImprovement {
                index,
                places,
                baseline_year,
            } => format!("{index} up {places} places on {baseline_year}"),
            TargetSpec::CompositeDecrease { components } => {
                format!("a decrease in all {} components", components.len())
            }
            TargetSpec::Qualitative {} => "qualitative assessment".into(),
            TargetSpec::Reference {
                comparator,
                reference,
                value,
                unit,
                scale,
                ..
            } => match value {
                Some(v) => format!(
                    "{} {}",
                    comparator.word_en(),
                    Quantity::scaled(*v, *scale, unit.clone()).to_string_en()
                ),
                None => format!("{} {}", comparator.word_en(), reference),
            },
        }
    }
}

fn per_label_vi(per: Decimal) -> String {
    if per == Decimal::ONE {
        "người".into()
    } else if per == Decimal::from(10_000) {
        "1 vạn dân".into()
    } else {
        format!("{} dân", format_vn(per.normalize()))
    }
}

impl Directive {
    /// A short label: "Chỉ thị 08/CT-UBND", or the kind and title when there is no number.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{} {n}", self.kind.name_vi()),
            None => format!("{} \"{}\"", self.kind.name_vi(), self.title),
        }
    }
}

impl Status {
    /// Vietnamese label: "vượt", "đạt", "cơ bản đạt", "không đạt", "chưa có số liệu", "không áp dụng".
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Exceeded => "vượt",
            Status::Met => "đạt",
            Status::BasicallyMet => "cơ bản đạt",
            Status::NotMet => "không đạt",
            Status::NoData => "chưa có số liệu",
            Status::NotApplicable => "không áp dụng",
        }
    }

    /// English label: "exceeded", "met", "not met", "no data", "not applicable".
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Exceeded => "exceeded",
            Status::Met => "met",
            Status::BasicallyMet => "basically met",
            Status::NotMet => "not met",
            Status::NoData => "no data",
            Status::NotApplicable => "not applicable",
        }
    }
}

impl Scale {
    /// The Vietnamese word (`""` for [`Scale::One`]).
    pub fn word_vi(self) -> &'static str {
        match self {
            Scale::One => "",
            Scale::Thousand => "nghìn",
            Scale::TenThousand => "vạn",
            Scale::Million => "triệu",
            Scale::Billion => "tỷ",
            Scale::ThousandBillion => "nghìn tỷ",
            Scale::MillionBillion => "triệu tỷ",
        }
    }

    /// The English word (`""` for [`Scale::One`]).
    pub fn word_en(self) -> &'static str {
        match self {
            Scale::One => "",
            Scale::Thousand => "thousand",
            Scale::TenThousand => "ten thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
            Scale::ThousandBillion => "trillion",
            Scale::MillionBillion => "quadrillion",
        }
    }
}

impl Unit {
    /// The unit as written in English text.
    pub fn label_en(&self) -> String {
        match self {
            Unit::Percent => "%".into(),
            Unit::PercentagePoint => "percentage points".into(),
            Unit::Currency(Currency::Vnd) => "VND".into(),
            Unit::Currency(Currency::Usd) => "USD".into(),
            Unit::Hectare => "ha".into(),
            Unit::Count(n) => counted_noun_en(n).into_owned(),
        }
    }
}

/// The table of [`counted_noun_en`], sorted by the Vietnamese noun (byte order).
const COUNTED_NOUNS_EN: &[(&str, &str)] = &[
    ("bác sĩ", "doctors"),
    ("bác sỹ", "doctors"),
    ("bậc", "places"),
    ("chợ", "markets"),
    ("câu lạc bộ", "clubs"),
    ("cây", "trees"),
    ("công trình", "works"),
    ("cơ quan", "agencies"),
    ("cơ sở", "establishments"),
    ("doanh nghiệp", "enterprises"),
    ("dược sĩ", "pharmacists"),
    ("dược sỹ", "pharmacists"),
    ("dự án", "projects"),
    ("giường bệnh", "hospital beds"),
    ("huyện", "districts"),
    ("hạng", "places"),
    ("học sinh", "pupils"),
    ("hộ", "households"),
    ("hộ gia đình", "households"),
    ("hợp tác xã", "cooperatives"),
    ("khách", "visitors"),
    ("lao động", "workers"),
    ("làng", "villages"),
    ("lượt khách", "visitor arrivals"),
    ("lớp", "classes"),
    ("mô hình", "models"),
    ("người", "people"),
    ("nhà", "houses"),
    ("phường", "wards"),
    ("sinh viên", "students"),
    ("sản phẩm", "products"),
    ("sản phẩm ocop", "OCOP products"),
    ("thôn", "villages"),
    ("thị trấn", "townships"),
    ("trường", "schools"),
    ("trường học", "schools"),
    ("trạm y tế", "health stations"),
    ("tấn", "tonnes"),
    ("tổ chức", "organisations"),
    ("việc làm", "jobs"),
    ("xã", "communes"),
    ("điểm", "points"),
    ("đơn vị", "units"),
];

/// English for the counted nouns directives use most ("lượt khách" → "visitor arrivals",
/// "doanh nghiệp" → "enterprises", "bác sỹ" → "doctors"), compared without regard to case or
/// spacing; any other noun is kept as written (a name is never guessed).
pub fn counted_noun_en(noun: &str) -> std::borrow::Cow<'_, str> {
    let key = noun
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    match COUNTED_NOUNS_EN.binary_search_by(|(vi, _)| (*vi).cmp(key.as_str())) {
        Ok(i) => std::borrow::Cow::Borrowed(COUNTED_NOUNS_EN[i].1),
        Err(_) => std::borrow::Cow::Borrowed(noun),
    }
}

impl Quantity {
    /// English rendering ("3,500 billion VND").
    pub fn to_string_en(&self) -> String {
        let mut s = format_en_rounded(self.value, 10);
        if self.scale != Scale::One {
            s.push(' ');
            s.push_str(self.scale.word_en());
        }
        if self.unit == Unit::Percent {
            s.push('%');
        } else {
            s.push(' ');
            s.push_str(&self.unit.label_en());
        }
        s
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_vn(self.value.normalize()))?;
        if self.scale != Scale::One {
            write!(f, " {}", self.scale.word_vi())?;
        }
        match &self.unit {
            Unit::Percent => f.write_str("%"),
            u => write!(f, " {u}"),
        }
    }
}

impl Period {
    /// Vietnamese label ("năm 2024", "6 tháng đầu năm 2024", "quý III/2024", "tháng 6/2024",
    /// "9 tháng năm 2024").
    pub fn label_vi(&self) -> String {
        let y = self.year;
        match self.span {
            Span::Year => format!("năm {y}"),
            Span::Half(1) => format!("6 tháng đầu năm {y}"),
            Span::Half(_) => format!("6 tháng cuối năm {y}"),
            Span::Quarter(q) => format!(
                "quý {}/{y}",
                ["I", "II", "III", "IV"][usize::from(q.clamp(1, 4)) - 1]
            ),
            Span::Month(m) => format!("tháng {m}/{y}"),
            Span::MonthsToDate(n) => format!("{n} tháng năm {y}"),
        }
    }

    /// English label ("2024", "first half of 2024", "Q3 2024", "June 2024", "first 9 months of 2024").
    pub fn label_en(&self) -> String {
        let y = self.year;
        match self.span {
            Span::Year => format!("{y}"),
            Span::Half(1) => format!("first half of {y}"),
            Span::Half(_) => format!("second half of {y}"),
            Span::Quarter(q) => format!("Q{q} {y}"),
            Span::Month(m) => format!("{y}-{m:02}"),
            Span::MonthsToDate(n) => format!("first {n} months of {y}"),
        }
    }
}

#[cfg(test)]
mod noun_tests {
    use super::{counted_noun_en, COUNTED_NOUNS_EN};

    #[test]
    fn the_noun_table_is_sorted_for_its_binary_search() {
        assert!(COUNTED_NOUNS_EN.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn counted_nouns_in_english_and_unknown_ones_kept() {
        assert_eq!(counted_noun_en("lượt khách"), "visitor arrivals");
        assert_eq!(counted_noun_en("Doanh  nghiệp"), "enterprises");
        assert_eq!(counted_noun_en("bác sỹ"), "doctors");
        assert_eq!(counted_noun_en("bác sĩ"), "doctors");
        assert_eq!(
            counted_noun_en("hộ dân tộc thiểu số"),
            "hộ dân tộc thiểu số"
        );
    }
}
