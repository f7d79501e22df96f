//! Every `Decimal` field of a type that derives `Deserialize` is read by the one exact rule
//! (`crate::decimal::deserialize*`), never by rust_decimal's own (which rounds beyond 28
//! digits). A source scan, so that a new field cannot forget it.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

const TYPES: [&str; 4] = [
    "Decimal,",
    "Option<Decimal>,",
    "Vec<Decimal>,",
    "Vec<Option<Decimal>>,",
];

#[test]
fn every_decimal_field_uses_the_exact_rule() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    let mut checked = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let (mut derive, mut deser, mut depth, mut in_item) = (String::new(), false, 0i32, false);
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim();
            if t.starts_with("#[derive(") {
                derive = t.to_string();
                let mut j = i;
                while !lines[j].trim_end().ends_with(")]") && j + 1 < lines.len() {
                    j += 1;
                    derive.push_str(lines[j].trim());
                }
            }
            let item = ["struct ", "enum "].iter().any(|k| {
                t.starts_with(k)
                    || t.starts_with(&format!("pub {k}"))
                    || t.starts_with(&format!("pub(crate) {k}"))
            });
            if item && !in_item && t.contains('{') {
                in_item = true;
                depth = 0;
                deser = derive.contains("Deserialize");
                derive.clear();
            }
            if in_item {
                let field = t.split_once(": ");
                if let Some((name, ty)) = field {
                    let name = name.trim_start_matches("pub ");
                    if deser
                        && TYPES.contains(&ty)
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    {
                        checked += 1;
                        let mut k = i;
                        let mut ok = false;
                        while k > 0 && lines[k - 1].trim().starts_with("#[") {
                            k -= 1;
                            ok |= lines[k].contains("decimal::deserialize")
                                || lines[k].contains("deserialize_with = \"deserialize");
                        }
                        if !ok {
                            missing.push(format!("{}:{}: {t}", f.display(), i + 1));
                        }
                    }
                }
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                if depth <= 0 && l.contains('}') {
                    in_item = false;
                }
            }
        }
    }
    assert!(checked > 50, "the scan found only {checked} fields");
    assert!(
        missing.is_empty(),
        "Decimal fields read without the exact rule:\n{}",
        missing.join("\n")
    );
}
