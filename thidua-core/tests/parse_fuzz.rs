//! A bounded-time mutation fuzzer for `parse_directive` that runs on stable Rust (the
//! coverage-guided `cargo fuzz` target is `thidua-core/fuzz/fuzz_targets/parse.rs`).
//!
//! Inputs are the seed texts, the invented layout and held-out texts (`tests/texts/`), the
//! real corpus texts (`tests/corpus/`) and target-like fragments, mutated by
//! splicing, deleting, duplicating and inserting noise (combining marks, NBSP, full-width
//! punctuation, dashes, CR, digits). Every output must slice the input; every input must be
//! parsed in bounded time (a super-linear path shows up as a slow input).
//!
//! * `cargo test -p thidua-core --test parse_fuzz` — a short run (a few hundred inputs).
//! * `THIDUA_FUZZ_SECS=45 cargo test -p thidua-core --test parse_fuzz -- --ignored` — the
//!   timed run of `.ci/fuzz.sh`; `THIDUA_FUZZ_SEED` fixes the random seed. A failing input is
//!   written to `target/parse-fuzz-failure.txt`.
mod common;
use common::fuzz::Rng;

use std::time::{Duration, Instant};

use thidua_core::parse::parse_directive;

/// Texts built into the test (the seeds and the first invented texts).
const BUILT_IN: &[&str] = &[
    include_str!("../../tests/texts/seeds/000_kon-tum-2021.txt"),
    include_str!("../../tests/texts/seeds/001_binh-duong-2021.txt"),
    include_str!("../../tests/texts/seeds/002_kon-tum-2024.txt"),
    include_str!("../../tests/texts/seeds/003_bac-lieu-2021.txt"),
    include_str!("../../tests/texts/seeds/004_ha-giang-2024.txt"),
    include_str!("../../tests/texts/100_resolution-paren.txt"),
    include_str!("../../tests/texts/101_plan-bullets.txt"),
    include_str!("../../tests/texts/102_prose.txt"),
    include_str!("../../tests/texts/103_numbered-lines.txt"),
];

const FRAGMENTS: &[&str] = &[
    "(1) ",
    "(2)",
    "(13)",
    "; ",
    ";",
    ", trong đó ",
    " đạt ",
    " trên ",
    " từ ",
    " trở lên",
    " giảm ít nhất ",
    " tăng 05 bậc so với năm 2023",
    " giảm cả 3 tiêu chí (số vụ, người chết, bị thương)",
    "3-4%/năm",
    "3–4%",
    "39,6 giường/1 vạn dân",
    "trên một vạn dân",
    "3.500 tỷ đồng",
    "1,5 triệu lượt khách",
    "\u{00A0}",
    "\r\n",
    "\n\n",
    "\u{0301}",
    "\u{0323}",
    "（",
    "）",
    "；",
    "％",
    "—",
    "- ",
    "+ ",
    "1. ",
    "Một là, ",
    "số 01/CT-UBND",
    " ngày 07/4/2014",
    "chủ đề “",
    "”",
    "0291 2210 677",
    "0222.3822.648",
    "      ",
    " TT   Chỉ tiêu      Đơn vị tính   Ước thực hiện   Kế hoạch   Ghi chú\n",
    "Trang 2/6",
    "Chỉ tiêu 1: ",
    "2.10. ",
    "≥ ",
    "I. THỰC TRẠNG\n",
    "Hằng năm, ",
    "Hôm qua : 2.432",
    "đạt dự toán được giao",
    "cao hơn năm 2022",
    "không quá ",
    "dưới ",
    "Tỷ lệ ",
    "Các chỉ tiêu chủ yếu: ",
    "(",
    ")",
    "3.5",
    "99999999999999999999999999999",
    "a) ",
    "• ",
    "Hai là, ",
    " | ",
    "\t",
    "TT | Chỉ tiêu | Đơn vị | Kế hoạch năm 2025\n",
    "TTChỉ tiêuĐVTKết quảKế hoạch",
    "/KH ",
    "(KH tăng 8-9%)",
    " tăng 8-8,5%",
    " xuống còn 2,5%",
    " từ 80 triệu đồng đến 81 triệu đồng",
    "40,5 nghìn tỷ đồng",
    " bình quân giai đoạn 2026-2030",
    " có thêm ",
    "Năm 2024, ",
    " ước đạt ",
    " kết quả đạt ",
    "35 chỉ tiêu",
    "III. TỔ CHỨC THỰC HIỆN\n",
    "40.79",
];

/// Every text the fuzzer mutates: the built-in ones and the `.txt` files of the layout,
/// held-out and corpus directories (read at start-up, sorted, so a seed reproduces).
fn corpus() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests");
    let mut out: Vec<String> = BUILT_IN.iter().map(|s| s.to_string()).collect();
    for dir in ["texts", "texts/heldout", "corpus"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("tests/{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        out.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
    }
    assert!(out.len() >= 40, "{} fuzz seed texts", out.len());
    out
}

fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Rng, base: &str, corpus: &[String]) -> String {
    let mut s = base.to_string();
    for _ in 0..1 + rng.below(8) {
        let a = boundary(&s, rng.below(s.len() + 1));
        let b = boundary(&s, a + rng.below(200));
        match rng.below(6) {
            0 => s.insert_str(a, FRAGMENTS[rng.below(FRAGMENTS.len())]),
            1 => s.replace_range(a..b, ""),
            2 => {
                let piece = s[a..b].to_string();
                s.insert_str(b, &piece);
            }
            3 => {
                let other = corpus[rng.below(corpus.len())].as_str();
                let c = boundary(other, rng.below(other.len() + 1));
                let d = boundary(other, c + rng.below(400));
                s.insert_str(a, &other[c..d]);
            }
            4 => {
                let c = char::from_u32(rng.below(0x3000) as u32).unwrap_or('?');
                s.insert(a, c);
            }
            _ => {
                let piece: String = s[a..b].chars().rev().collect();
                s.replace_range(a..b, &piece);
            }
        }
        if s.len() > 64 * 1024 {
            let cut = boundary(&s, 64 * 1024);
            s.truncate(cut);
        }
    }
    s
}

fn run(budget: Duration, max_inputs: usize, seed: u64) -> usize {
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let corpus = corpus();
    let mut n = 0;
    while n < max_inputs && start.elapsed() < budget {
        let base = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, base, &corpus);
        let t = Instant::now();
        let result = std::panic::catch_unwind(|| parse_directive(&input));
        let elapsed = t.elapsed();
        let ok = match &result {
            Ok(out) => {
                out.diagnostics
                    .iter()
                    .all(|d| input.get(d.start..d.end).is_some())
                    && out
                        .item_spans
                        .iter()
                        .all(|s| input.get(s.start..s.end).is_some())
                    && elapsed < Duration::from_secs(5)
            }
            Err(_) => false,
        };
        if !ok {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../target/parse-fuzz-failure.txt"
            );
            let _ = std::fs::write(path, &input);
            panic!("input #{n} (seed {seed}) failed after {elapsed:?}; written to {path}");
        }
        n += 1;
    }
    n
}

#[test]
fn short_fuzz_run() {
    let n = run(Duration::from_secs(20), 300, 0x5eed_0004);
    assert!(n > 0);
}

#[test]
#[ignore = "timed run for .ci/fuzz.sh"]
fn timed_fuzz_run() {
    let (budget, seed) = common::fuzz::timed_run_settings();
    let secs = budget.as_secs();
    let n = run(budget, usize::MAX, seed);
    println!("fuzzed {n} inputs in {secs} s (seed {seed}): no panic, every range slices its input");
}
