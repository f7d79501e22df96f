//! Equality of the short texts the engine compares on every row (unit names, target ids,
//! periods of a long table), without a `memcmp` call.

/// Whether `a` and `b` hold the same bytes. Up to 16 bytes by two overlapping loads of each
/// (they cover every byte: equal lengths, equal words, equal texts); longer by `==`.
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        _ => a == b,
    }
}

/// [`same_bytes`] of two texts.
#[inline(always)]
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

#[inline(always)]
fn word4(a: &[u8], at: usize) -> u32 {
    a.get(at..at + 4)
        .and_then(|w| <[u8; 4]>::try_from(w).ok())
        .map_or(0, u32::from_le_bytes)
}

#[inline(always)]
fn word8(a: &[u8], at: usize) -> u64 {
    a.get(at..at + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
        .map_or(0, u64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of texts of up to 20 bytes differing in one byte (or in length) is told
    /// apart, and every equal pair is equal.
    #[test]
    fn tells_every_one_byte_difference() {
        for n in 0..=20usize {
            let a: Vec<u8> = (0..n as u8).map(|k| b'a' + k).collect();
            assert!(same_bytes(&a, &a.clone()), "{n}");
            for k in 0..n {
                let mut b = a.clone();
                b[k] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n} {k}");
            }
            let mut longer = a.clone();
            longer.push(b'z');
            assert!(!same_bytes(&a, &longer), "{n}");
        }
        assert!(same_text("Đơn vị 12", "Đơn vị 12"));
        assert!(!same_text("Đơn vị 12", "Đơn vị 13"));
    }
}
