//! Throughput of `parse::parse_directive` on the twenty real texts of `tests/corpus/`, on the
//! five seed texts and on a large synthetic directive (a long "(n) …;" target list with prose,
//! dates and noise), in MB/s; beside a floor on the corpus (lowercase + word count) measured
//! in the same run, so that the ratio is comparable on a loaded machine.
//!
//! Run: `cargo bench -p thidua-core --bench parse` (results in docs/benchmarks.md).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use thidua_core::parse::parse_directive;

#[path = "common/corpus.rs"]
mod corpus;
use corpus::corpus;

const SEEDS: [(&str, &str); 5] = [
    (
        "000_kon-tum-2021",
        include_str!("../../tests/texts/seeds/000_kon-tum-2021.txt"),
    ),
    (
        "001_binh-duong-2021",
        include_str!("../../tests/texts/seeds/001_binh-duong-2021.txt"),
    ),
    (
        "002_kon-tum-2024",
        include_str!("../../tests/texts/seeds/002_kon-tum-2024.txt"),
    ),
    (
        "003_bac-lieu-2021",
        include_str!("../../tests/texts/seeds/003_bac-lieu-2021.txt"),
    ),
    (
        "004_ha-giang-2024",
        include_str!("../../tests/texts/seeds/004_ha-giang-2024.txt"),
    ),
];

/// About 280 KiB: a target list of 4,000 items of ten styles, with clutter (dates, phone
/// numbers, view counters, licence numbers) every 50 items.
fn synthetic() -> String {
    let mut s = String::from(
        "Chỉ thị số 12/CT-UBND ngày 05/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động phong trào thi đua năm 2025.\n\nCác chỉ tiêu chủ yếu: ",
    );
    let forms = [
        "Tốc độ tăng trưởng GRDP đạt từ 8% trở lên",
        "GRDP bình quân đầu người trên 75,5 triệu đồng",
        "Thu ngân sách nhà nước trên địa bàn đạt 4.600 tỷ đồng",
        "Tỷ lệ hộ nghèo giảm ít nhất 1-1,5%/năm",
        "Số giường bệnh đạt 32,5 giường/1 vạn dân",
        "Tỷ lệ lao động qua đào tạo đạt 70%, trong đó có bằng cấp, chứng chỉ 30%",
        "Phấn đấu thành lập mới 450 doanh nghiệp",
        "Tỷ lệ tăng dân số tự nhiên 1,1%",
        "Đảm bảo công tác quốc phòng và quân sự địa phương",
        "Thu ngân sách đạt dự toán được giao",
    ];
    for i in 0..4000 {
        s.push_str(&format!("({}) {}; ", i + 1, forms[i % forms.len()]));
        if i % 50 == 49 {
            s.push_str("\n\nNgày 14/01/2025, Văn phòng (điện thoại 0291 2210 677) ghi nhận Hôm qua : 2.432 lượt xem; Giấy phép số 02/GP-TTĐT. ");
        }
    }
    s.push('.');
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g.sample_size(20);
    let texts = corpus();
    g.throughput(Throughput::Bytes(
        texts.iter().map(|t| t.len() as u64).sum(),
    ));
    g.bench_function(format!("corpus ({} texts)", texts.len()), |b| {
        b.iter(|| {
            for t in &texts {
                black_box(parse_directive(black_box(t)));
            }
        })
    });
    // A floor measured in the same run, so that the ratio survives a loaded machine: one
    // lowercased copy of each text and a count of its words (less than any reading needs).
    g.bench_function("reference: lowercase + split_whitespace (corpus)", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(black_box(t).to_lowercase().split_whitespace().count());
            }
        })
    });
    let all: String = SEEDS.iter().map(|x| x.1).collect::<Vec<_>>().join("\n\n");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_function("seeds (5 texts)", |b| {
        b.iter(|| {
            for (_, t) in SEEDS {
                black_box(parse_directive(black_box(t)));
            }
        })
    });
    let big = synthetic();
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function(format!("synthetic ({} KiB)", big.len() / 1024), |b| {
        b.iter(|| black_box(parse_directive(black_box(&big))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
