//! Matching a sheet's row to a target of the directive, by its number or by its name.

use std::collections::{BTreeSet, HashMap};

use super::header::normalize_header;
use crate::model::{Directive, Target, TargetRef};

/// What a row's number cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RowNumber {
    /// Nothing.
    None,
    /// An item number: "1", "01", "(1)", "1.".
    Item(u32),
    /// An exact id-like text: "10a", "6.1".
    Id(String),
    /// A section heading: "I", "II", "A", "B".
    Section,
    /// A sub-row mark: "-", "+", "a", "b", "*".
    Sub,
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| "IVXL".contains(c))
}

pub(crate) fn read_number(text: &str) -> RowNumber {
    let t = text
        .trim()
        .trim_end_matches(['.', ')', ':'])
        .trim_start_matches('(');
    let t = t.trim();
    if t.is_empty() {
        return RowNumber::None;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return match t.parse::<u32>() {
            Ok(n) => RowNumber::Item(n),
            Err(_) => RowNumber::Id(t.to_string()),
        };
    }
    if matches!(t, "-" | "+" | "*" | "•" | "–") {
        return RowNumber::Sub;
    }
    if t.chars().count() == 1 && t.chars().all(|c| c.is_lowercase()) {
        return RowNumber::Sub;
    }
    if is_roman(t) || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())) {
        return RowNumber::Section;
    }
    RowNumber::Id(t.to_string())
}

/// The name as words for matching: without a leading "-", "+", "trong đó:", "Tr.đó:",
/// without units in parentheses, normalised.
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let mut s = name.trim().to_string();
    // drop parenthesised parts: units "(tỷ đồng)", "(%)", notes "(KH …)"
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    s = out;
    let mut n = normalize_header(&s);
    for prefix in ["trong do ", "tr do ", "trd ", "td "] {
        if let Some(rest) = n.strip_prefix(prefix) {
            n = rest.to_string();
        }
    }
    n.split(' ')
        .filter(|w| !w.is_empty() && *w != "%")
        .map(str::to_string)
        .collect()
}

pub(crate) fn looks_like_sub_row(name: &str) -> bool {
    let t = name.trim_start();
    t.starts_with('-') || t.starts_with('+') || t.starts_with('–') || {
        let n = normalize_header(t);
        n.starts_with("trong do") || n.starts_with("tr do")
    }
}

/// Similarity of two names in 0..=1: 1 for equal word lists; otherwise the Jaccard index of
/// the word sets, raised when one name's words all appear in the other.
pub(crate) fn similarity(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let sa: BTreeSet<&str> = a.iter().map(String::as_str).collect();
    let sb: BTreeSet<&str> = b.iter().map(String::as_str).collect();
    let inter = sa.intersection(&sb).count() as f32;
    let union = sa.union(&sb).count() as f32;
    let mut s = inter / union;
    let (small, large) = if sa.len() <= sb.len() {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    if small.is_subset(large) {
        s = s.max(0.5 + 0.45 * small.len() as f32 / large.len() as f32);
    }
    s
}

/// The outcome of matching one row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Match {
    /// Matched, with how ("số thứ tự (3)", "tên").
    Target { id: String, how: &'static str },
    /// Several targets fit the name equally well.
    Ambiguous(Vec<String>),
    /// Nothing fits.
    None,
}

/// The directive's targets, indexed once per read so that matching a row costs the same
/// whatever the number of rows (by id, by item and by parent in one lookup each).
pub(crate) struct Matcher<'a> {
    targets: Vec<TargetRef<'a>>,
    words: Vec<Vec<String>>,
    /// Index in `targets` by id (the first, as [`Directive::target`]).
    by_id: HashMap<&'a str, usize>,
    /// Indices of each item's targets, in order.
    by_item: HashMap<u32, Vec<usize>>,
    /// Indices of each target's sub-targets, in order.
    by_parent: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Matcher<'a> {
    pub fn new(directive: &'a Directive) -> Matcher<'a> {
        let targets: Vec<_> = directive.targets().collect();
        let words = targets.iter().map(|t| name_words(&t.target.name)).collect();
        let mut by_id = HashMap::with_capacity(targets.len());
        let mut by_item: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut by_parent: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, t) in targets.iter().enumerate() {
            by_id.entry(t.target.id.as_str()).or_insert(i);
            by_item.entry(t.item).or_default().push(i);
            if let Some(p) = t.parent {
                by_parent.entry(p).or_default().push(i);
            }
        }
        Matcher {
            targets,
            words,
            by_id,
            by_item,
            by_parent,
        }
    }

    pub fn has(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The target with this id ([`Directive::target`] without its scan).
    pub fn target(&self, id: &str) -> Option<&'a Target> {
        self.by_id.get(id).map(|&i| self.targets[i].target)
    }

    fn best_by_name(&self, words: &[String], among: &[usize]) -> Match {
        let mut scored: Vec<(f32, usize)> = among
            .iter()
            .map(|&i| (similarity(words, &self.words[i]), i))
            .filter(|(s, _)| *s >= 0.5)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        match scored.as_slice() {
            [] => Match::None,
            [(_, i)] => Match::Target {
                id: self.targets[*i].target.id.clone(),
                how: "tên chỉ tiêu",
            },
            [(s0, i0), (s1, _), ..] => {
                if *s0 >= 0.999 || s0 - s1 >= 0.15 {
                    Match::Target {
                        id: self.targets[*i0].target.id.clone(),
                        how: "tên chỉ tiêu",
                    }
                } else {
                    Match::Ambiguous(
                        scored
                            .iter()
                            .filter(|(s, _)| s0 - s < 0.15)
                            .map(|(_, i)| self.targets[*i].target.id.clone())
                            .collect(),
                    )
                }
            }
        }
    }

    /// Matches a row: by exact id, by item number (the name decides between several targets
    /// of one item), else by name (a sub-row first among the previous target's
    /// sub-targets).
    pub fn match_row(
        &self,
        number: &RowNumber,
        name: Option<&str>,
        previous: Option<&str>,
    ) -> Match {
        let words = name.map(name_words).unwrap_or_default();
        match number {
            RowNumber::Id(id) => {
                if self.has(id) {
                    return Match::Target {
                        id: id.clone(),
                        how: "mã chỉ tiêu",
                    };
                }
                // "6.1" written as a number cell 6.1 and the like fall through to the name
            }
            RowNumber::Item(n) => {
                let of_item: &[usize] = self.by_item.get(n).map_or(&[], Vec::as_slice);
                if self.has(&n.to_string()) && words.is_empty() {
                    return Match::Target {
                        id: n.to_string(),
                        how: "số thứ tự",
                    };
                }
                if !of_item.is_empty() {
                    if !words.is_empty() {
                        if let Match::Target { id, .. } = self.best_by_name(&words, of_item) {
                            return Match::Target {
                                id,
                                how: "số thứ tự và tên",
                            };
                        }
                    }
                    let top: Vec<usize> = of_item
                        .iter()
                        .copied()
                        .filter(|&i| self.targets[i].parent.is_none())
                        .collect();
                    if top.len() == 1 {
                        return Match::Target {
                            id: self.targets[top[0]].target.id.clone(),
                            how: "số thứ tự",
                        };
                    }
                    return Match::Ambiguous(
                        top.iter()
                            .map(|&i| self.targets[i].target.id.clone())
                            .collect(),
                    );
                }
            }
            RowNumber::Section => return Match::None,
            RowNumber::None | RowNumber::Sub => {}
        }
        if words.is_empty() {
            return Match::None;
        }
        let sub_row = matches!(number, RowNumber::Sub) || name.is_some_and(looks_like_sub_row);
        if let (true, Some(prev)) = (sub_row, previous) {
            let parent = self
                .by_id
                .get(prev)
                .and_then(|&i| self.targets[i].parent)
                .unwrap_or(prev);
            let subs: &[usize] = self.by_parent.get(parent).map_or(&[], Vec::as_slice);
            if let m @ Match::Target { .. } = self.best_by_name(&words, subs) {
                return m;
            }
        }
        let all: Vec<usize> = (0..self.targets.len()).collect();
        self.best_by_name(&words, &all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kt() -> Directive {
        Directive::from_json(include_str!("../../../docs/examples/002_kon-tum-2024.json")).unwrap()
    }

    #[test]
    fn numbers() {
        assert_eq!(read_number("(3)"), RowNumber::Item(3));
        assert_eq!(read_number("03."), RowNumber::Item(3));
        assert_eq!(read_number("II"), RowNumber::Section);
        assert_eq!(read_number("-"), RowNumber::Sub);
        assert_eq!(read_number("10a"), RowNumber::Id("10a".into()));
    }

    #[test]
    fn by_number_and_by_name() {
        let d = kt();
        let m = Matcher::new(&d);
        assert!(
            matches!(m.match_row(&RowNumber::Item(1), None, None), Match::Target { ref id, .. } if id == "1")
        );
        let name = &d.target("3").unwrap().name.clone();
        let upper = name.to_uppercase();
        assert!(
            matches!(m.match_row(&RowNumber::None, Some(&upper), None), Match::Target { ref id, .. } if id == "3"),
            "{name}"
        );
        assert_eq!(
            m.match_row(&RowNumber::None, Some("Số con mèo trong tỉnh"), None),
            Match::None
        );
    }

    #[test]
    fn similarity_ignores_units_and_diacritics() {
        let a = name_words("Thu ngân sách nhà nước (tỷ đồng)");
        let b = name_words("thu ngan sach nha nuoc");
        assert_eq!(similarity(&a, &b), 1.0);
    }
}
