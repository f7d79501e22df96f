//! Readable differences between an expected and an actual output: where they first differ (a
//! JSON Pointer) and a unified diff of the two, pretty-printed (the `similar` crate, the diff
//! engine of `insta`).

use serde_json::Value;

/// At most this many lines of a unified diff are printed per failure.
const MAX_DIFF_LINES: usize = 80;

/// The JSON Pointer (RFC 6901) of the first place where `a` and `b` differ, with both values
/// there (`None` where one side has nothing).
pub fn first_difference<'a>(
    a: &'a Value,
    b: &'a Value,
) -> Option<(String, Option<&'a Value>, Option<&'a Value>)> {
    fn walk<'a>(
        a: Option<&'a Value>,
        b: Option<&'a Value>,
        path: &mut String,
    ) -> Option<(String, Option<&'a Value>, Option<&'a Value>)> {
        match (a, b) {
            (Some(Value::Object(x)), Some(Value::Object(y))) => {
                let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    if let Some(d) = walk(x.get(k), y.get(k), path) {
                        return Some(d);
                    }
                    path.truncate(len);
                }
                None
            }
            (Some(Value::Array(x)), Some(Value::Array(y))) => {
                for i in 0..x.len().max(y.len()) {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&i.to_string());
                    if let Some(d) = walk(x.get(i), y.get(i), path) {
                        return Some(d);
                    }
                    path.truncate(len);
                }
                None
            }
            (x, y) if x == y => None,
            (x, y) => Some((path.clone(), x, y)),
        }
    }
    walk(Some(a), Some(b), &mut String::new())
}

fn short(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "(absent)".to_string();
    };
    let s = v.to_string();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

/// A unified diff of two texts, line by line, cut to [`MAX_DIFF_LINES`] lines.
pub fn text_diff(old_label: &str, old: &str, new_label: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_label, new_label)
        .to_string();
    let lines: Vec<&str> = diff.lines().collect();
    let mut out = lines
        .iter()
        .take(MAX_DIFF_LINES)
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    if lines.len() > MAX_DIFF_LINES {
        out.push_str(&format!(
            "\n… {} more lines of diff",
            lines.len() - MAX_DIFF_LINES
        ));
    }
    out
}

/// Says where `got` first differs from `want` and shows the diff of their pretty JSON.
pub fn json_diff(want: &Value, got: &Value) -> String {
    let at = match first_difference(want, got) {
        Some((p, w, g)) => format!(
            "first difference at {}: expect {}, output {}",
            if p.is_empty() { "the root" } else { &p },
            short(w),
            short(g)
        ),
        None => "the values differ".to_string(),
    };
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    format!(
        "{at}\n{}",
        text_diff("expect", &pretty(want), "output", &pretty(got))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn first_difference_is_a_json_pointer() {
        let a = json!({"units": [{"ratio": "105.00", "a/b": 1}], "x": 1});
        let b = json!({"units": [{"ratio": "105.0", "a/b": 1}], "x": 1});
        let (p, w, g) = first_difference(&a, &b).unwrap();
        assert_eq!(p, "/units/0/ratio");
        assert_eq!(
            (w.unwrap(), g.unwrap()),
            (&json!("105.00"), &json!("105.0"))
        );
        let c = json!({"units": [{"ratio": "105.00", "a/b": 2}], "x": 1});
        assert_eq!(first_difference(&a, &c).unwrap().0, "/units/0/a~1b");
        let d = json!({"units": [], "x": 1});
        let (p, _, g) = first_difference(&a, &d).unwrap();
        assert_eq!((p.as_str(), g), ("/units/0", None));
        assert!(first_difference(&a, &a).is_none());
        assert_eq!(first_difference(&json!(1), &json!(2)).unwrap().0, "");
    }

    #[test]
    fn json_diff_shows_the_changed_lines() {
        let d = json_diff(&json!({"a": "1", "b": "2"}), &json!({"a": "1", "b": "3"}));
        assert!(d.starts_with("first difference at /b: expect \"2\", output \"3\""));
        assert!(
            d.contains("-  \"b\": \"2\"") && d.contains("+  \"b\": \"3\""),
            "{d}"
        );
    }
}
