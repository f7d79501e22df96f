//! Column output: Rust values → Python lists (one per column), ready for
//! `pandas.DataFrame(dict)`. Repeated strings and decimals share one Python object.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::convert::decimal_type;

/// How decimals are written into columns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DecimalMode {
    /// `decimal.Decimal` objects (exact; the default).
    Decimal,
    /// `float` (for plotting; not exact).
    Float,
    /// Decimal strings (`"52.50"`), exactly as in JSON.
    Str,
}

impl DecimalMode {
    pub fn parse(s: &str) -> PyResult<DecimalMode> {
        match s {
            "decimal" => Ok(DecimalMode::Decimal),
            "float" => Ok(DecimalMode::Float),
            "str" => Ok(DecimalMode::Str),
            other => Err(crate::error::core_err(thidua_core::Error::InvalidInput {
                location: "decimals".into(),
                reason: format!(
                    "expected \"decimal\", \"float\" or \"str\", found {:?}",
                    crate::convert::cap(other, 40)
                ),
            })),
        }
    }
}

/// A fast hasher for the 16-byte decimal keys (multiply-rotate, as FxHash): SipHash's
/// resistance to chosen keys is not needed for a cache local to one call.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds Python objects for column cells, sharing repeated ones.
pub struct Out<'py> {
    py: Python<'py>,
    mode: DecimalMode,
    decimal: Bound<'py, PyAny>,
    decimals: HashMap<[u8; 16], Bound<'py, PyAny>, BuildHasherDefault<KeyHasher>>,
    strings: HashMap<String, Bound<'py, PyAny>>,
    none: Bound<'py, PyAny>,
    nan: Bound<'py, PyAny>,
}

impl<'py> Out<'py> {
    pub fn new(py: Python<'py>, mode: DecimalMode) -> PyResult<Out<'py>> {
        Ok(Out {
            py,
            mode,
            decimal: decimal_type(py)?.clone().into_any(),
            decimals: HashMap::default(),
            strings: HashMap::new(),
            none: py.None().into_bound(py),
            nan: PyFloat::new(py, f64::NAN).into_any(),
        })
    }

    /// A decimal cell (`None` stays `None`, or NaN in float mode).
    pub fn dec(&mut self, d: Option<Decimal>) -> PyResult<Bound<'py, PyAny>> {
        let Some(d) = d else {
            return Ok(if self.mode == DecimalMode::Float {
                self.nan.clone()
            } else {
                self.none.clone()
            });
        };
        let key = d.serialize();
        if let Some(o) = self.decimals.get(&key) {
            return Ok(o.clone());
        }
        let o = match self.mode {
            DecimalMode::Decimal => self.decimal.call1((d.to_string(),))?,
            DecimalMode::Float => PyFloat::new(self.py, d.to_f64().unwrap_or(f64::NAN)).into_any(),
            DecimalMode::Str => PyString::new(self.py, &d.to_string()).into_any(),
        };
        if self.decimals.len() < 1 << 16 {
            self.decimals.insert(key, o.clone());
        }
        Ok(o)
    }

    /// A repeated string cell (ids, names, kinds, statuses).
    pub fn s(&mut self, s: &str) -> Bound<'py, PyAny> {
        if let Some(o) = self.strings.get(s) {
            return o.clone();
        }
        let o = PyString::new(self.py, s).into_any();
        if self.strings.len() < 1 << 16 {
            self.strings.insert(s.to_string(), o.clone());
        }
        o
    }

    /// An optional repeated string.
    pub fn opt_s(&mut self, s: Option<&str>) -> Bound<'py, PyAny> {
        match s {
            Some(s) => self.s(s),
            None => self.none.clone(),
        }
    }

    /// A unique string cell (explanations).
    pub fn text(&self, s: &str) -> Bound<'py, PyAny> {
        PyString::new(self.py, s).into_any()
    }

    /// `None`.
    pub fn none(&self) -> Bound<'py, PyAny> {
        self.none.clone()
    }
}

/// Named columns under construction.
pub struct Columns<'py> {
    names: Vec<&'static str>,
    cells: Vec<Vec<Bound<'py, PyAny>>>,
}

impl<'py> Columns<'py> {
    pub fn new(names: &[&'static str], rows: usize) -> Columns<'py> {
        Columns {
            names: names.to_vec(),
            cells: names.iter().map(|_| Vec::with_capacity(rows)).collect(),
        }
    }

    /// Appends one row (cells in column order).
    pub fn push(&mut self, row: Vec<Bound<'py, PyAny>>) {
        for (c, v) in self.cells.iter_mut().zip(row) {
            c.push(v);
        }
    }

    /// `{name: list}` in column order.
    pub fn into_dict(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (n, c) in self.names.into_iter().zip(self.cells) {
            d.set_item(n, PyList::new(py, c)?)?;
        }
        Ok(d)
    }
}

/// `pandas.DataFrame(columns)` (pandas imported only here).
pub fn dataframe<'py>(py: Python<'py>, columns: Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
    let pd = py.import("pandas").map_err(|e| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "pandas is needed for DataFrames (pip install pandas): {e}"
        ))
    })?;
    pd.getattr("DataFrame")?.call1((columns,))
}

/// A text column kept as Arrow `large_string` buffers (offsets, UTF-8 bytes, validity), so a
/// DataFrame gets its string columns without one Python `str` per cell.
#[derive(Default)]
pub struct Text {
    /// `i64` offsets, native-endian bytes (as Arrow reads them).
    offsets: Vec<u8>,
    data: Vec<u8>,
    valid: Vec<u8>,
    len: usize,
    nulls: usize,
}

impl Text {
    /// An empty column for `rows` cells of `bytes` UTF-8 bytes in all (a hint: exact sizes
    /// spare the reallocation copies of a large column).
    pub fn with_capacity(rows: usize, bytes: usize) -> Text {
        let mut offsets = Vec::with_capacity((rows + 1) * 8);
        offsets.extend_from_slice(&0i64.to_ne_bytes());
        Text {
            offsets,
            data: Vec::with_capacity(bytes),
            valid: Vec::with_capacity(rows / 8 + 1),
            ..Text::default()
        }
    }

    fn mark(&mut self, valid: bool) {
        if self.len % 8 == 0 {
            self.valid.push(0);
        }
        if valid {
            *self.valid.last_mut().expect("pushed above") |= 1 << (self.len % 8);
        } else {
            self.nulls += 1;
        }
        self.len += 1;
        self.offsets
            .extend_from_slice(&(self.data.len() as i64).to_ne_bytes());
    }

    /// Appends a string.
    pub fn push(&mut self, s: &str) {
        self.data.extend_from_slice(s.as_bytes());
        self.mark(true);
    }

    /// Appends `Display` output (periods, decimal strings) without an intermediate `String`.
    pub fn push_display(&mut self, v: &dyn std::fmt::Display) {
        use std::io::Write;
        let _ = write!(self.data, "{v}");
        self.mark(true);
    }

    /// Appends a string or a missing value.
    pub fn push_opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.push(s),
            None => self.mark(false),
        }
    }

    fn get(&self, i: usize) -> Option<&str> {
        if self.valid[i / 8] & (1 << (i % 8)) == 0 {
            return None;
        }
        let at = |k: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&self.offsets[k * 8..k * 8 + 8]);
            i64::from_ne_bytes(b) as usize
        };
        let (a, b) = (at(i), at(i + 1));
        // Only whole `&str`s were appended, so every cell is valid UTF-8.
        std::str::from_utf8(&self.data[a..b]).ok()
    }
}

/// One DataFrame column, in the layout that converts to pandas fastest while giving the dtype
/// pandas infers for the equivalent list of Python objects.
pub enum Col<'py> {
    /// `str` cells (or `None`): pandas' default string dtype.
    Text(Text),
    /// Python objects (`Decimal` / `None`): object dtype.
    Obj(Vec<Bound<'py, PyAny>>),
    /// `int` cells: int64.
    Int(Vec<i64>),
    /// `bool` cells: bool.
    Bool(Vec<bool>),
    /// `float` cells (NaN for missing): float64.
    Float(Vec<f64>),
}

/// The name of a serde-named enum value, computed once per distinct value.
pub struct Names<T>(Vec<(T, String)>);

impl<T: Copy + PartialEq + serde::Serialize> Names<T> {
    pub fn new() -> Names<T> {
        Names(Vec::new())
    }

    pub fn get(&mut self, v: T) -> &str {
        let i = match self.0.iter().position(|(k, _)| *k == v) {
            Some(i) => i,
            None => {
                self.0.push((v, crate::directive::serde_name(&v)));
                self.0.len() - 1
            }
        };
        &self.0[i].1
    }
}

/// Bytes handed to Arrow without a copy (the `base` of a `pyarrow.foreign_buffer`).
#[pyclass(module = "thidua._thidua", frozen)]
struct Owned(#[allow(dead_code)] Vec<u8>); // held only to be kept alive

fn numpy_array<'py>(py: Python<'py>, bytes: &[u8], dtype: &str) -> PyResult<Bound<'py, PyAny>> {
    let np = py.import("numpy")?;
    // A bytearray, so that the array is writable like one pandas builds from a list.
    let buf = pyo3::types::PyByteArray::new(py, bytes);
    np.getattr("frombuffer")?.call1((buf, dtype))
}

/// `pandas.DataFrame({name: column})`, each column converted without per-cell Python work
/// where pandas' own inference would give the same dtype: text as Arrow buffers when pandas'
/// default string dtype is the pyarrow-backed one, numbers and booleans as NumPy arrays.
/// Otherwise (older pandas, no pyarrow, `future.infer_string` off) text goes in as lists of
/// shared `str` objects, exactly as before.
pub fn frame<'py>(
    py: Python<'py>,
    names: &[&'static str],
    cols: Vec<Col<'py>>,
) -> PyResult<Bound<'py, PyAny>> {
    let pd = py.import("pandas").map_err(|e| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "pandas is needed for DataFrames (pip install pandas): {e}"
        ))
    })?;
    // The dtype pandas infers for a list of `str` / `None`, and whether Arrow buffers give it.
    let probe = PyList::new(py, [Some("a"), None])?;
    let str_dtype = pd.getattr("Series")?.call1((probe,))?.getattr("dtype")?;
    let pa = if str_dtype.is_instance(&pd.getattr("StringDtype")?)?
        && str_dtype.getattr("storage")?.extract::<String>()? == "pyarrow"
    {
        py.import("pyarrow").ok()
    } else {
        None
    };
    let d = PyDict::new(py);
    let none = py.None().into_bound(py);
    for (name, col) in names.iter().zip(cols) {
        let v = match col {
            Col::Obj(c) => PyList::new(py, c)?.into_any(),
            Col::Int(c) => {
                let b: Vec<u8> = c.iter().flat_map(|x| x.to_ne_bytes()).collect();
                numpy_array(py, &b, "int64")?
            }
            Col::Float(c) => {
                let b: Vec<u8> = c.iter().flat_map(|x| x.to_ne_bytes()).collect();
                numpy_array(py, &b, "float64")?
            }
            Col::Bool(c) => {
                let b: Vec<u8> = c.iter().map(|&x| x as u8).collect();
                numpy_array(py, &b, "bool")?
            }
            Col::Text(t) if t.nulls == t.len => {
                // pandas keeps an all-`None` column as object.
                PyList::new(py, vec![none.clone(); t.len])?.into_any()
            }
            Col::Text(t) => match &pa {
                Some(pa) => {
                    let foreign = pa.getattr("foreign_buffer")?;
                    let buffer = |b: Vec<u8>| -> PyResult<Bound<'py, PyAny>> {
                        let (address, size) = (b.as_ptr() as usize, b.len());
                        // The Arrow buffer points into the Vec, which `base` owns and never
                        // changes; Arrow keeps `base` alive as long as the buffer.
                        let base = Bound::new(py, Owned(b))?;
                        foreign.call1((address, size, base))
                    };
                    let Text {
                        offsets,
                        data,
                        valid,
                        len,
                        nulls,
                    } = t;
                    let valid = if nulls == 0 {
                        none.clone()
                    } else {
                        buffer(valid)?
                    };
                    let arr = pa
                        .getattr("LargeStringArray")?
                        .getattr("from_buffers")?
                        .call1((len, buffer(offsets)?, buffer(data)?, valid))?;
                    pd.getattr("array")?.call1((arr, &str_dtype))?
                }
                None => {
                    let mut strings: HashMap<&str, Bound<'py, PyAny>> = HashMap::new();
                    let mut cells = Vec::with_capacity(t.len);
                    for i in 0..t.len {
                        cells.push(match t.get(i) {
                            Some(s) => strings
                                .entry(s)
                                .or_insert_with(|| PyString::new(py, s).into_any())
                                .clone(),
                            None => none.clone(),
                        });
                    }
                    PyList::new(py, cells)?.into_any()
                }
            },
        };
        d.set_item(*name, v)?;
    }
    pd.getattr("DataFrame")?.call1((d,))
}
