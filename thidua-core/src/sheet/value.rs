//! Values in cells: numbers in numeric cells and in Vietnamese text, units of measure,
//! judgements.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::grid::Cell;
use super::header::normalize_header;
use crate::number::parse_vn;
use crate::quantity::{Scale, Unit};
use crate::results::{ChangeFrom, ChangeUnit, Judgement, Qualifier};

/// How numbers written as text are read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NumberStyle {
    /// Vietnamese ("3.500", "39,6") in workbooks; for CSV, plain when the file's numbers can
    /// only be plain ("39.6", "1234.5" and no decimal comma anywhere), else Vietnamese.
    #[default]
    Auto,
    /// Decimal comma, thousands dot ([`crate::number::parse_vn`]).
    Vietnamese,
    /// Decimal point, no thousands separator ("3500.5"), as machines write CSV.
    Plain,
    /// Both in one file — a spreadsheet program wrote its numeric cells with a decimal point
    /// while text cells keep the decimal comma: Vietnamese where the text reads as
    /// Vietnamese ("5,1", "1.250" = 1250), plain otherwise ("57.1"). Chosen by `Auto` for
    /// such CSV files, with a `mixed_number_notation` warning.
    Mixed,
}

/// What a value cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Empty,
    /// A number, with the unit written after it in a text cell ("94,15%", "3.500 tỷ đồng").
    Number(Decimal, Option<String>),
    Judgement(Judgement),
    NotApplicable,
    /// "Chưa có số liệu", "đang cập nhật": a cell that says there is no figure yet.
    NoData(String),
    /// Text that is not a plain number: a reported-result phrase ("hơn 290", "6,6-6,8").
    Phrase(String),
    /// A cell error (`#DIV/0!`) or an unusable value.
    Invalid(String),
}

fn judgement_word(n: &str) -> Option<Judgement> {
    Some(match n {
        "dat" | "met" | "hoan thanh" => Judgement::Met,
        "vuot" | "exceeded" | "vuot ke hoach" | "vuot chi tieu" => Judgement::Exceeded,
        "khong dat" | "chua dat" | "not met" | "khong hoan thanh" => Judgement::NotMet,
        _ => return None,
    })
}

/// Reads a verdict word ("Vượt", "Đạt", "Không đạt", "Chưa đạt").
pub(crate) fn read_judgement(text: &str) -> Option<Judgement> {
    judgement_word(&normalize_header(text))
}

fn no_data_words(n: &str) -> bool {
    matches!(
        n,
        "chua co so lieu"
            | "chua co"
            | "chua co so"
            | "dang cap nhat"
            | "dang tong hop"
            | "chua thong ke"
            | "chua bao cao"
            | "no data"
    )
}

fn not_applicable_word(n: &str) -> bool {
    matches!(
        n,
        "khong ap dung" | "kad" | "k a d" | "n a" | "na" | "not applicable" | "kxd"
    )
}

pub(crate) fn read_text_number(t: &str, style: NumberStyle) -> Option<Decimal> {
    match style {
        NumberStyle::Plain => {
            if t.contains(',') {
                None
            } else {
                Decimal::from_str(t).ok()
            }
        }
        NumberStyle::Mixed => parse_vn(t).ok().or_else(|| {
            if t.contains(',') {
                None
            } else {
                Decimal::from_str(t).ok()
            }
        }),
        _ => parse_vn(t).ok(),
    }
}

/// Reads a value cell.
pub(crate) fn read_value(cell: &Cell, style: NumberStyle) -> Value {
    match cell {
        Cell::Empty => Value::Empty,
        Cell::Number(d) => Value::Number(*d, None),
        Cell::Bool(_) | Cell::Date(_) => Value::Invalid(format!("{} is not a number", cell.text())),
        Cell::Error(e) => Value::Invalid(format!("cell error {e}")),
        Cell::Text(t) => read_text_value(t, style),
    }
}

fn read_text_value(text: &str, style: NumberStyle) -> Value {
    let t = text.trim().replace('\u{a0}', " ");
    let t = t.trim();
    if t.is_empty() || matches!(t, "-" | "—" | "–" | "…" | "...") {
        return Value::Empty;
    }
    let n = normalize_header(t);
    if let Some(j) = judgement_word(&n) {
        return Value::Judgement(j);
    }
    if not_applicable_word(&n) {
        return Value::NotApplicable;
    }
    if no_data_words(&n) {
        return Value::NoData(t.to_string());
    }
    // leading number, then an optional unit without digits
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '\u{2212}' | '+')))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let (num, rest) = (&t[..end], t[end..].trim());
    if !num.is_empty() && !rest.chars().any(|c| c.is_ascii_digit()) {
        if let Some(d) = read_text_number(num, style) {
            let unit = (!rest.is_empty()).then(|| rest.to_string());
            return Value::Number(d, unit);
        }
    }
    Value::Phrase(t.to_string())
}

/// A unit of measure as written in a table (ĐVT column, "(tỷ đồng)" in a name), read by the
/// core's one lexicon of units and scales ([`crate::quantity::parse_unit_phrase`]: "tr.đồng",
/// "trđ", "tỷ đ", "1.000 USD", "%", "ha", "người"…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Measure {
    pub scale: Scale,
    pub unit: Option<Unit>,
    pub raw: String,
}

/// Reads a unit-of-measure text. `None` for texts that are not a unit: too long, or with
/// digits other than a leading "1.000" (thousands) — a cell of figures, not a unit.
pub(crate) fn read_measure(text: &str) -> Option<Measure> {
    let raw = text.trim().trim_matches(|c| c == '(' || c == ')').trim();
    if raw.is_empty() || raw.chars().count() > 30 {
        return None;
    }
    let rest = ["1.000", "1000", "1,000", "1.000.000"]
        .iter()
        .find_map(|p| {
            raw.strip_prefix(p)
                .filter(|r| r.starts_with(char::is_whitespace))
        })
        .unwrap_or(raw);
    if rest.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    match crate::quantity::parse_unit_phrase(raw) {
        Ok((scale, unit)) => Some(Measure {
            scale: scale.unwrap_or(Scale::One),
            unit: Some(unit),
            raw: raw.into(),
        }),
        // A scale word alone ("Tỷ", "Triệu"): the scale of a figure without a unit.
        Err(_) => Scale::from_word(raw)
            .filter(|s| *s != Scale::One)
            .map(|scale| Measure {
                scale,
                unit: None,
                raw: raw.into(),
            }),
    }
}

/// A unit in parentheses at the end of a name: "Thu ngân sách (tỷ đồng)" → "tỷ đồng".
pub(crate) fn measure_in_name(name: &str) -> Option<Measure> {
    let t = name.trim_end();
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    read_measure(&inner[open + 1..])
}

/// Two counted nouns name the same unit when their normalised words agree, or one is the
/// start of the other ("lượt" / "lượt khách").
pub(crate) fn same_noun(a: &str, b: &str) -> bool {
    let (x, y) = (normalize_header(a), normalize_header(b));
    x == y || x.starts_with(&format!("{y} ")) || y.starts_with(&format!("{x} "))
}

/// Reads a qualifier word as the long layout writes it ("hơn", "khoảng", "ít nhất"), its
/// English word or snake_case name; other words through the phrase reader's own lexicon
/// ("trên", "xấp xỉ", "tối thiểu", "không quá").
pub(crate) fn read_qualifier(text: &str) -> Option<Qualifier> {
    let t = text.trim();
    let n = normalize_header(t);
    const ALL: [Qualifier; 6] = [
        Qualifier::About,
        Qualifier::Over,
        Qualifier::Under,
        Qualifier::Nearly,
        Qualifier::AtLeast,
        Qualifier::AtMost,
    ];
    ALL.into_iter()
        .find(|q| {
            normalize_header(q.word_vi()) == n
                || normalize_header(q.word_en()) == n
                || serde_json::to_value(q)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    == Some(t.to_string())
        })
        .or_else(|| {
            // The phrase reader decides for any other word: "<word> 1" read as a figure.
            let r = crate::reported::read_result(&format!("{t} 1"));
            r.reading.value.and_then(|f| f.qualifier)
        })
}

/// "%", "điểm %", "tuyệt đối" (and the snake_case names).
pub(crate) fn change_unit_label(u: ChangeUnit) -> &'static str {
    match u {
        ChangeUnit::Percent => "%",
        ChangeUnit::PercentagePoints => "điểm %",
        ChangeUnit::Absolute => "tuyệt đối",
    }
}

/// Reads a change unit ("%", "điểm %", "tuyệt đối", `percentage_points`…).
pub(crate) fn read_change_unit(text: &str) -> Option<ChangeUnit> {
    let t = text.trim();
    if let Ok(u) = serde_json::from_value(serde_json::Value::String(t.to_string())) {
        return Some(u);
    }
    match normalize_header(t).as_str() {
        "%" | "phan tram" | "percent" => Some(ChangeUnit::Percent),
        "diem %" | "diem phan tram" | "diem" | "pp" | "percentage points" => {
            Some(ChangeUnit::PercentagePoints)
        }
        "tuyet doi" | "so tuyet doi" | "absolute" => Some(ChangeUnit::Absolute),
        _ => None,
    }
}

/// "năm trước", "cùng kỳ".
pub(crate) fn change_from_label(f: ChangeFrom) -> &'static str {
    match f {
        ChangeFrom::PreviousYear => "năm trước",
        ChangeFrom::SamePeriod => "cùng kỳ",
    }
}

/// Reads what a change is measured against ("năm trước", "cùng kỳ", `same_period`…).
pub(crate) fn read_change_from(text: &str) -> Option<ChangeFrom> {
    let t = text.trim();
    if let Ok(u) = serde_json::from_value(serde_json::Value::String(t.to_string())) {
        return Some(u);
    }
    let n = normalize_header(t);
    let n = n.strip_prefix("so voi ").unwrap_or(&n);
    if n.starts_with("cung ky") || n == "same period" {
        Some(ChangeFrom::SamePeriod)
    } else if n.starts_with("nam truoc") || n == "previous year" {
        Some(ChangeFrom::PreviousYear)
    } else {
        None
    }
}

/// Reads a date cell: an ISO date (what a date cell becomes), "dd/mm/yyyy" or "dd-mm-yyyy".
pub(crate) fn read_date(cell: &Cell) -> Option<chrono::NaiveDate> {
    let t = cell.text();
    let t = t.trim();
    let iso = t.get(..10).unwrap_or(t);
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn text_values() {
        let v = NumberStyle::Vietnamese;
        assert_eq!(read_text_value("3.500", v), Value::Number(d("3500"), None));
        assert_eq!(read_text_value("39,6", v), Value::Number(d("39.6"), None));
        assert_eq!(
            read_text_value("98,5%", v),
            Value::Number(d("98.5"), Some("%".into()))
        );
        assert_eq!(
            read_text_value("-4,13%", v),
            Value::Number(d("-4.13"), Some("%".into()))
        );
        assert_eq!(
            read_text_value("Không đạt", v),
            Value::Judgement(Judgement::NotMet)
        );
        assert_eq!(
            read_text_value("Vượt", v),
            Value::Judgement(Judgement::Exceeded)
        );
        assert_eq!(
            read_text_value("hơn 290", v),
            Value::Phrase("hơn 290".into())
        );
        assert_eq!(
            read_text_value("6,6-6,8", v),
            Value::Phrase("6,6-6,8".into())
        );
        assert_eq!(
            read_text_value("Khoảng 4", v),
            Value::Phrase("Khoảng 4".into())
        );
        assert_eq!(read_text_value("3.5", v), Value::Phrase("3.5".into()));
        assert_eq!(
            read_text_value("3.5", NumberStyle::Plain),
            Value::Number(d("3.5"), None)
        );
        assert_eq!(read_text_value("-", v), Value::Empty);
        assert_eq!(read_text_value("KAD", v), Value::NotApplicable);
    }

    #[test]
    fn measures() {
        let m = read_measure("tỷ đồng").unwrap();
        assert_eq!(
            (m.scale, m.unit),
            (Scale::Billion, Some("đồng".parse().unwrap()))
        );
        let m = read_measure("Tr.đồng").unwrap();
        assert_eq!(m.scale, Scale::Million);
        let m = read_measure("triệu USD").unwrap();
        assert_eq!(m.unit, Some("USD".parse().unwrap()));
        assert_eq!(read_measure("%").unwrap().unit, Some(Unit::Percent));
        assert_eq!(
            read_measure("nghìn người").unwrap().unit,
            Some(Unit::Count("người".into()))
        );
        assert_eq!(
            read_measure("doanh nghiệp").unwrap().unit,
            Some(Unit::Count("doanh nghiệp".into()))
        );
        assert_eq!(
            measure_in_name("Thu ngân sách (Tỷ đồng)").unwrap().scale,
            Scale::Billion
        );
        assert_eq!(
            measure_in_name("Độ che phủ rừng (%)").unwrap().unit,
            Some(Unit::Percent)
        );
        assert!(measure_in_name("GRDP").is_none());
        assert!(same_noun("lượt", "lượt khách"));
    }
}
