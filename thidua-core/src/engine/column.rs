//! A compact column of exact decimals: 9 bytes a value instead of the 20 of an
//! `Option<Decimal>`.

use rust_decimal::Decimal;

use super::kernel::Fx;

/// 10⁰ … 10³⁸, the powers an `i128` holds.
#[cfg_attr(not(feature = "arrow"), allow(dead_code))]
const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `keep` of each value of `v`, packed into an Arrow bit buffer (64 values a word, no
/// bounds check per value).
#[cfg(feature = "arrow")]
pub(crate) fn bits<T>(v: &[T], keep: impl Fn(&T) -> bool) -> arrow_buffer::BooleanBuffer {
    let word = |c: &[T]| {
        c.iter()
            .enumerate()
            .fold(0u64, |w, (i, x)| w | (u64::from(keep(x)) << i))
    };
    let words: Vec<u64> = v.chunks(64).map(word).collect();
    arrow_buffer::BooleanBuffer::new(arrow_buffer::Buffer::from_vec(words), 0, v.len())
}

/// Whether each scale byte is not [`NULL`], packed into an Arrow bit buffer: eight bytes at
/// a time, read as one word (a byte of its complement is zero only for `NULL`), their eight
/// bits gathered into one byte by a multiplication.
#[cfg(feature = "arrow")]
fn present(s: &[u8]) -> arrow_buffer::BooleanBuffer {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut out: Vec<u8> = Vec::with_capacity(s.len().div_ceil(8));
    let chunks = s.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = !u64::from_le_bytes(w);
        // The top bit of each byte: set when the byte of `x` is not zero.
        let top = ((x & LOW7).wrapping_add(LOW7) | x) & !LOW7;
        out.push(((top >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8);
    }
    if !rest.is_empty() {
        let last = rest.iter().enumerate();
        out.push(last.fold(0u8, |w, (i, &b)| w | (u8::from(b != NULL) << i)));
    }
    arrow_buffer::BooleanBuffer::new(arrow_buffer::Buffer::from_vec(out), 0, s.len())
}

/// The scale byte of a missing value.
const NULL: u8 = u8::MAX;
/// The scale byte of a value beyond `i64` (held in `wide`).
const WIDE: u8 = u8::MAX - 1;

/// A column of optional exact decimals, as the engine writes them: each value's `i64`
/// mantissa and its scale, the rare value beyond `i64` (or a negative zero, which keeps its
/// sign in `rust_decimal`) kept aside whole. [`get`](DecimalColumn::get) gives back exactly
/// the `Decimal` that was written, scale included.
///
/// ```
/// use thidua_core::engine::CompiledDirective;
/// use thidua_core::{Directive, EvaluationOptions, ResultSet};
/// // Five targets of Chỉ thị 08/CT-UBND, Kon Tum 2024 (docs/examples/002_kon-tum-2024.json):
/// // (1) GRDP growth ≥ 10 %, (2) GRDP per capita > 63,7 triệu đồng, (3) budget revenue
/// // ≥ 4.600 tỷ đồng, (5) exports ≥ 320 triệu USD, (8) poverty rate −3 to −4 points a year.
/// # let d = Directive::from_json(r#"{"kind":"directive","number":"08/CT-UBND","issuer":{"name":"Chủ tịch UBND tỉnh Kon Tum","locality":"Kon Tum"},"coverage":{"year":2024},"title":"Phát động Phong trào thi đua yêu nước năm 2024","items":[
/// # {"number":1,"text":"Tốc độ tăng trưởng GRDP của tỉnh đạt từ 10% trở lên","targets":[{"id":"1","name":"Tốc độ tăng trưởng GRDP của tỉnh","spec":{"kind":"growth_rate","comparator":"at_least","value":"10"}}]},
/// # {"number":2,"text":"GRDP bình quân đầu người trên 63,7 triệu đồng","targets":[{"id":"2","name":"GRDP bình quân đầu người","spec":{"kind":"per_capita","comparator":"above","value":{"value":"63.7","scale":"million","unit":"đồng"},"per":"1"}}]},
/// # {"number":3,"text":"Thu ngân sách nhà nước trên địa bàn từ 4.600 tỷ đồng trở lên","targets":[{"id":"3","name":"Thu ngân sách nhà nước trên địa bàn","spec":{"kind":"amount","comparator":"at_least","value":{"value":"4600","scale":"billion","unit":"đồng"},"measure":"flow"}}]},
/// # {"number":5,"text":"Giá trị xuất khẩu 320 triệu USD","targets":[{"id":"5","name":"Giá trị xuất khẩu","spec":{"kind":"amount","comparator":"at_least","value":{"value":"320","scale":"million","unit":"USD"},"measure":"flow"}}]},
/// # {"number":8,"text":"Tỷ lệ hộ nghèo giảm ít nhất 3-4%/năm","targets":[{"id":"8","name":"Tỷ lệ hộ nghèo","spec":{"kind":"reduction","comparator":"at_least","value":"3","value_high":"4","unit":"percentage_points","per_year":true}}]}]}"#)?;
/// let b = CompiledDirective::new(&d, &EvaluationOptions::default())?
///     .evaluate(&ResultSet::from_json(r#"[{"unit": "A", "target": "1", "period": "2024", "value": "10.12"}]"#)?)?;
/// let ratio = b.ratio();
/// assert_eq!(ratio.len(), 5);
/// assert_eq!(ratio.get(0).map(|r| r.to_string()).as_deref(), Some("101.20"));
/// assert_eq!(ratio.get(1), None); // target 2: no data, no % of plan
/// assert_eq!(ratio.iter().flatten().count(), 1);
/// # Ok::<(), thidua_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecimalColumn {
    m: Vec<i64>,
    s: Vec<u8>,
    /// (row, value) of the values beyond `i64`, in row order.
    wide: Vec<(u32, Decimal)>,
    max_scale: u32,
}

impl DecimalColumn {
    /// Number of values (missing ones included).
    pub fn len(&self) -> usize {
        self.s.len()
    }

    /// Whether the column is empty.
    pub fn is_empty(&self) -> bool {
        self.s.is_empty()
    }

    /// The value of row `row`, exactly as written; `None` when missing.
    ///
    /// # Panics
    ///
    /// When `row` is out of bounds.
    #[inline]
    pub fn get(&self, row: usize) -> Option<Decimal> {
        match self.s[row] {
            NULL => None,
            WIDE => self.wide_at(row),
            s => Some(Decimal::new(self.m[row], u32::from(s))),
        }
    }

    /// Whether row `row` holds a value.
    #[inline]
    pub fn is_valid(&self, row: usize) -> bool {
        self.s[row] != NULL
    }

    /// Every value, in row order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<Decimal>> + '_ {
        (0..self.len()).map(|r| self.get(r))
    }

    /// The values as `Option<Decimal>`s (a copy).
    pub fn to_vec(&self) -> Vec<Option<Decimal>> {
        self.iter().collect()
    }

    /// The largest scale of a value of the column (0 when it has none).
    pub fn max_scale(&self) -> u32 {
        self.max_scale
    }

    /// Number of missing values.
    pub fn null_count(&self) -> usize {
        self.s.iter().filter(|&&s| s == NULL).count()
    }

    fn wide_at(&self, row: usize) -> Option<Decimal> {
        let r = row as u32;
        self.wide
            .binary_search_by_key(&r, |(i, _)| *i)
            .ok()
            .map(|k| self.wide[k].1)
    }

    /// The mantissa and scale of row `row`, exactly as written; `None` when missing.
    #[inline]
    pub(crate) fn parts(&self, row: usize) -> Option<(i128, u32)> {
        match self.s[row] {
            NULL => None,
            WIDE => self.wide_at(row).map(|d| (d.mantissa(), d.scale())),
            s => Some((i128::from(self.m[row]), u32::from(s))),
        }
    }

    /// The mantissa of row `row` at scale `scale` (≥ its own), as `i128`; `None` when
    /// missing, `Some(None)` when it does not fit.
    #[inline]
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    pub(crate) fn mantissa_at(&self, row: usize, scale: u32) -> Option<Option<i128>> {
        let (m, s) = match self.s[row] {
            NULL => return None,
            WIDE => {
                let d = self.wide_at(row)?;
                (d.mantissa(), d.scale())
            }
            s => (i128::from(self.m[row]), u32::from(s)),
        };
        Some(match scale.checked_sub(s) {
            Some(0) => Some(m),
            Some(k) => POW10.get(k as usize).and_then(|p| m.checked_mul(*p)),
            None => None,
        })
    }

    /// Every mantissa at scale `scale` (≥ each value's own), `0` for a missing value, in row
    /// order: what a `decimal128(38, scale)` column holds; `None` when a value is below 10³⁸
    /// only at a smaller scale. When every value is an `i64` at most 18 digits below `scale`
    /// (10¹⁸ fits `i64` and the product cannot reach 10³⁸), one pass multiplies each mantissa
    /// by the factor its scale byte picks from a table (0 for a missing value), one widening
    /// `i64 × i64` product; otherwise row by row, checked.
    #[cfg(feature = "arrow")]
    pub(crate) fn mantissas_at(&self, scale: u32) -> Option<Vec<i128>> {
        const LIMIT: u128 = 10u128.pow(38);
        let mut factor = [0i64; 256];
        let scale8 = scale.min(38);
        let low = scale8.saturating_sub(18);
        for s in low..=scale8 {
            factor[s as usize] = POW10[(scale - s) as usize] as i64;
        }
        // Every byte in low..=scale or NULL: each taken to its offset from `low` (NULL to 0),
        // the largest compared once (a reduction without an early exit, over bytes).
        let span = scale8 - low;
        let low8 = low as u8;
        let widest = self
            .s
            .iter()
            .map(|&b| if b == NULL { 0 } else { b.wrapping_sub(low8) })
            .fold(0u8, u8::max);
        if scale <= 38 && u32::from(widest) <= span {
            let m = self.m.iter().zip(&self.s);
            let lifted = |(&m, &s): (&i64, &u8)| i128::from(m) * i128::from(factor[usize::from(s)]);
            return Some(m.map(lifted).collect());
        }
        let mut out = Vec::with_capacity(self.len());
        for row in 0..self.len() {
            out.push(match self.mantissa_at(row, scale) {
                Some(Some(v)) if v.unsigned_abs() < LIMIT => v,
                Some(_) => return None,
                None => 0,
            });
        }
        Some(out)
    }

    /// Whether each row holds a value, as an Arrow validity buffer (`None` when every row
    /// does).
    #[cfg(feature = "arrow")]
    pub(crate) fn validity(&self) -> Option<arrow_buffer::NullBuffer> {
        let n = arrow_buffer::NullBuffer::new(present(&self.s));
        Some(n).filter(|b| b.null_count() > 0)
    }

    /// An empty column with room for `n` values, to be written by [`slots`](Self::slots).
    pub(crate) fn with_capacity(n: usize) -> DecimalColumn {
        DecimalColumn {
            m: Vec::with_capacity(n),
            s: Vec::with_capacity(n),
            wide: Vec::new(),
            max_scale: 0,
        }
    }

    /// The column to be written row by row, in row order.
    pub(crate) fn slots(&mut self) -> DecimalSlots<'_> {
        DecimalSlots { col: self }
    }
}

/// A [`DecimalColumn`] being written: rows are added missing a few at a time
/// ([`open`](Self::open), a group's rows), then each written at most once, in row order (the
/// values beyond `i64` are kept aside in row order); a row not written stays missing.
pub(crate) struct DecimalSlots<'a> {
    col: &'a mut DecimalColumn,
}

impl DecimalSlots<'_> {
    /// Adds `n` missing rows at the end.
    #[inline]
    pub(crate) fn open(&mut self, n: usize) {
        let len = self.col.s.len() + n;
        self.col.m.resize(len, 0);
        self.col.s.resize(len, NULL);
    }

    /// Writes a fixed-point value (nothing for `None`: the row stays missing).
    #[inline(always)]
    pub(crate) fn fx(&mut self, row: usize, f: Option<Fx>) {
        if let Some(f) = f {
            self.col.m[row] = f.m;
            self.col.s[row] = f.s as u8;
            self.col.max_scale = self.col.max_scale.max(f.s);
        }
    }

    /// Writes a decimal, exactly (nothing for `None`).
    pub(crate) fn dec(&mut self, row: usize, d: Option<Decimal>) {
        let Some(d) = d else { return };
        match Fx::of(d) {
            Some(f) => self.fx(row, Some(f)),
            None => {
                self.col.wide.push((row as u32, d));
                self.col.s[row] = WIDE;
                self.col.max_scale = self.col.max_scale.max(d.scale());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn gives_back_what_was_written() {
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        let vals: Vec<Option<Decimal>> = [
            Some("1.50"),
            None,
            Some("0.000"),
            Some("79228162514264337593543950335"),
            Some("0"),
            Some("-7.25"),
            Some("9223372036854775808"),
        ]
        .iter()
        .map(|v| v.map(|s| Decimal::from_str(s).unwrap()))
        .chain([Some(negative_zero)])
        .collect();
        let mut c = DecimalColumn::with_capacity(vals.len());
        let mut w = c.slots();
        w.open(vals.len());
        for (i, v) in vals.iter().enumerate() {
            w.dec(i, *v);
        }
        assert_eq!(c.len(), vals.len());
        let show = |d: Option<Decimal>| d.map(|d| (d.to_string(), d.is_sign_negative(), d.scale()));
        for (i, v) in vals.iter().enumerate() {
            assert_eq!(show(c.get(i)), show(*v), "{i}");
        }
        assert!(c.get(7).unwrap().is_sign_negative());
        assert_eq!(c.null_count(), 1);
        assert_eq!(c.max_scale(), 3);
        assert_eq!(c.mantissa_at(0, 3), Some(Some(1500)));
        assert_eq!(c.mantissa_at(1, 3), None);
        assert_eq!(c.mantissa_at(3, 20), Some(None));
        // at its own scale, at a larger one, beyond 10³⁸, below its own scale
        assert_eq!(c.mantissa_at(5, 2), Some(Some(-725)));
        assert_eq!(c.mantissa_at(5, 4), Some(Some(-72_500)));
        assert_eq!(c.mantissa_at(4, 38), Some(Some(0)));
        assert_eq!(c.mantissa_at(4, 39), Some(None));
        assert_eq!(c.mantissa_at(0, 1), Some(None));
        assert_eq!(
            c.mantissa_at(6, 19),
            Some(Some(9_223_372_036_854_775_808 * 10i128.pow(19)))
        );
        assert_eq!(c.mantissa_at(6, 20), Some(None));
        #[cfg(feature = "arrow")]
        {
            // The row-by-row way (values beyond i64 in the column), then the table's.
            let wide = 79_228_162_514_264_337_593_543_950_335i128;
            let at3 = [
                1500,
                0,
                0,
                wide * 1000,
                0,
                -7250,
                9_223_372_036_854_775_808_000,
                0,
            ];
            assert_eq!(c.mantissas_at(3), Some(at3.to_vec()));
            assert_eq!(c.mantissas_at(2), None);
            assert_eq!(c.mantissas_at(10), None); // 10³⁸ reached
            let mut d = DecimalColumn::with_capacity(4);
            let mut w = d.slots();
            w.open(4);
            for (i, v) in [(0, "1.5"), (2, "-7.25"), (3, "-9223372036854775808")] {
                w.dec(i, Some(Decimal::from_str(v).unwrap()));
            }
            let p = |k: u32| 10i128.pow(k);
            assert_eq!(
                d.mantissas_at(4),
                Some(vec![15_000, 0, -72_500, -9_223_372_036_854_775_808 * p(4)])
            );
            // 18 digits above the smallest scale: the table; 19: row by row, the same
            // integers; 20: row by row, beyond 10³⁸.
            let want = vec![
                15 * p(17),
                0,
                -725 * p(16),
                -9_223_372_036_854_775_808 * p(18),
            ];
            assert_eq!(d.mantissas_at(18), Some(want));
            let want = vec![
                15 * p(18),
                0,
                -725 * p(17),
                -9_223_372_036_854_775_808 * p(19),
            ];
            assert_eq!(d.mantissas_at(19), Some(want));
            assert_eq!(d.mantissas_at(20), None);
            let v = d.validity().unwrap();
            assert_eq!(
                (v.is_valid(0), v.is_valid(1), v.null_count()),
                (true, false, 1)
            );
            let many: Vec<bool> = (0..130).map(|i| i % 3 == 0).collect();
            let b = bits(&many, |&x| x);
            assert_eq!(b.iter().collect::<Vec<_>>(), many);
            // Missing values among 8-byte words and a remainder, scale bytes 0 and 254 kept.
            let mut e = DecimalColumn::with_capacity(many.len());
            let mut w = e.slots();
            w.open(many.len());
            for (i, _) in many.iter().enumerate().filter(|(_, k)| **k) {
                let v = if i % 2 == 0 {
                    "7"
                } else {
                    "79228162514264337593543950335"
                };
                w.dec(i, Some(Decimal::from_str(v).unwrap()));
            }
            let v = e.validity().unwrap();
            assert_eq!(
                (0..many.len()).map(|i| v.is_valid(i)).collect::<Vec<_>>(),
                many
            );
            assert!(c.validity().is_some() && d.validity().is_some());
            e.s.iter_mut().for_each(|s| *s = 0);
            assert!(e.validity().is_none());
        }
    }
}
