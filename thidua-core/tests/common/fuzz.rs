//! What the two stable fuzzers (`parse_fuzz.rs`, `json_fuzz.rs`) share: the generator and the
//! time budget and seed of a timed run.

use std::time::Duration;

/// A xorshift generator: deterministic from its seed, so a failure can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The budget of a timed run (`THIDUA_FUZZ_SECS`, default 45 s; no cap here: the script that
/// runs it, `.ci/fuzz.sh`, bounds the time) and its seed (`THIDUA_FUZZ_SEED`, default the
/// clock).
pub fn timed_run_settings() -> (Duration, u64) {
    let secs: u64 = std::env::var("THIDUA_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(45);
    let seed: u64 = std::env::var("THIDUA_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    (Duration::from_secs(secs), seed)
}
