//! The issuer in the header of a document of an organisation other than a People's Committee
//! or Council, under its parent body: "BỘ CÔNG AN" / "CÔNG AN TỈNH THANH HÓA", "TỔNG LIÊN
//! ĐOÀN LAO ĐỘNG VIỆT NAM" / "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH" — the lower line is the
//! issuing body (the upper one is its "cơ quan chủ quản"), even after page chrome (a site
//! path, a date) above the header.

use super::{CORES, LEVELS};
use crate::model::Issuer;
use crate::parse::scan::capitalize;

/// A short line in capitals with two words or more.
fn caps_line(line: &str) -> bool {
    let t = line.trim();
    // The length first: a long line is not split into words.
    t.len() <= 90
        && t.split_whitespace().count() >= 2
        && t.chars().any(char::is_alphabetic)
        && !t.chars().any(char::is_lowercase)
}

/// Where a locality level ("tỉnh", "thành phố"…) starts in `words` (lowercase), after the
/// first word.
fn level_at(words: &[String]) -> Option<(usize, usize)> {
    (1..words.len()).find_map(|k| {
        LEVELS.iter().find_map(|l| {
            let n = l.split(' ').count();
            (k + n < words.len() && words[k..k + n].join(" ") == *l).then_some((k, n))
        })
    })
}

/// The issuer from a pair of header lines in capitals: a parent body over a body with a
/// locality, right above the own number ("Số: …") or the national motto.
pub(super) fn under_parent(text: &str) -> Option<Issuer> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(15)
        .collect();
    for k in 1..lines.len() {
        let (parent, body) = (lines[k - 1], lines[k]);
        if !caps_line(parent) || !caps_line(body) {
            continue;
        }
        let lower = body.to_lowercase();
        let plower = parent.to_lowercase();
        let committee = |l: &str| CORES.iter().any(|c| l.contains(c));
        if committee(&lower) || committee(&plower) || plower.starts_with("cộng hòa") {
            continue;
        }
        let header_follows = lines[k + 1..].iter().take(3).any(|l| {
            let l = l.to_lowercase();
            l.starts_with("số") || l.starts_with("cộng hòa") || l.starts_with("cộng hoà")
        });
        if !header_follows {
            continue;
        }
        let words: Vec<String> = lower.split_whitespace().map(str::to_string).collect();
        let Some((at, n)) = level_at(&words) else {
            continue;
        };
        let locality: Vec<String> = words[at + n..].iter().map(|w| capitalize(w)).collect();
        let mut name: Vec<String> = words[..at + n].to_vec();
        name[0] = capitalize(&name[0]);
        name.extend(locality.iter().cloned());
        return Some(Issuer {
            name: name.join(" "),
            locality: Some(locality.join(" ")),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::under_parent;

    #[test]
    fn the_body_under_its_parent_is_the_issuer() {
        let text = "Trang chủ > Tin tức\nCập nhật: 14/01/2026\n\nBỘ CÔNG AN\nCÔNG AN TỈNH HÀ TIÊN\nSố: 12/KH-CAT\n";
        let i = under_parent(text).expect("an issuer");
        assert_eq!(i.name, "Công an tỉnh Hà Tiên");
        assert_eq!(i.locality.as_deref(), Some("Hà Tiên"));
        let text = "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nLIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ CẦN THƠ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n";
        let i = under_parent(text).expect("an issuer");
        assert_eq!(i.name, "Liên đoàn lao động thành phố Cần Thơ");
        // A committee's header is left to the committee rules; a title is no header.
        assert!(under_parent("UBND TỈNH HÀ TIÊN\nSỞ Y TẾ TỈNH HÀ TIÊN\nSố: 1/KH-SYT\n").is_none());
        assert!(
            under_parent("KẾ HOẠCH\nPHÁT TRIỂN TỈNH HÀ TIÊN NĂM 2026\nI. MỤC TIÊU\n").is_none()
        );
    }
}
