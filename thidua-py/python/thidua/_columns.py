"""Column encoding for the batch path (internal).

Whole columns (NumPy arrays, pandas Series, pyarrow Arrays/ChunkedArrays, lists) are turned
into a few flat buffer layouts with vectorised NumPy / pyarrow operations only — no Python
loop per row. The extension module (``thidua._thidua``) decodes the buffers and builds the
rows in Rust with the GIL released.

Layouts (each a tuple whose first item names it):

* ``("utf8", offsets, data, valid)`` — Arrow-style: ``offsets`` little-endian int64
  (``n + 1`` values), ``data`` UTF-8 bytes;
* ``("utf32", data, width, valid)`` — NumPy ``<U{width}`` fixed-width UCS-4 text;
* ``("f64", data, valid)`` — little-endian float64;
* ``("i64", data, valid)`` — little-endian int64;
* ``("bool", data, valid)`` — one byte per row (0 or 1);
* ``("null",)`` — every row missing.

``valid`` is ``None`` (every row present) or one byte per row (0 = missing). Missing means
``None``, ``NaN``, ``pd.NA`` or ``NaT`` — pandas' own convention for an absent cell.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping as _Mapping
from typing import Any, Dict, Mapping, NoReturn, Optional, Tuple

import numpy as np

from ._errors import InvalidInputError, InvalidNumberError

Layout = Tuple[Any, ...]


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - exercised when pyarrow is absent
        return None
    return pyarrow


def _valid_bytes(mask_valid: np.ndarray) -> Optional[bytes]:
    if mask_valid.all():
        return None
    return np.ascontiguousarray(mask_valid, dtype=np.uint8).tobytes()


def _encode_arrow(arr: Any, pa: Any) -> Layout:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    t = arr.type
    n = len(arr)
    valid = None
    if arr.null_count:
        if arr.null_count == n:
            return ("null",)
        valid = _valid_bytes(arr.is_valid().to_numpy(zero_copy_only=False))
    if pa.types.is_dictionary(t):
        arr = arr.dictionary_decode()
        t = arr.type
    if pa.types.is_floating(t):
        data = arr.cast(pa.float64()).fill_null(0.0).to_numpy(zero_copy_only=False)
        return ("f64", np.ascontiguousarray(data, dtype="<f8").tobytes(), valid)
    if pa.types.is_integer(t):
        if pa.types.is_uint64(t) and n and pa.compute.max(arr).as_py() > np.iinfo(np.int64).max:
            # beyond int64: the exact digits, which the core's number rule reads exactly
            return _digits(arr.fill_null(0).to_numpy(zero_copy_only=False), valid)
        data = arr.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        return ("i64", np.ascontiguousarray(data, dtype="<i8").tobytes(), valid)
    if pa.types.is_boolean(t):
        data = arr.fill_null(False).to_numpy(zero_copy_only=False)
        return ("bool", np.ascontiguousarray(data, dtype=np.uint8).tobytes(), valid)
    if pa.types.is_null(t):
        return ("null",)
    # Text, decimals (exact: Arrow prints them with their scale) and anything else castable.
    s = arr.cast(pa.large_string())
    bufs = s.buffers()
    offsets = np.frombuffer(bufs[1], dtype="<i8")[s.offset : s.offset + n + 1]
    data = bufs[2].to_pybytes() if bufs[2] is not None else b""
    return ("utf8", np.ascontiguousarray(offsets).tobytes(), data, valid)


def _encode_numpy(arr: np.ndarray, isna: Any) -> Layout:
    if arr.ndim != 1:
        raise TypeError(f"a column must be one-dimensional, found shape {arr.shape}")
    kind = arr.dtype.kind
    if kind == "f":
        valid = _valid_bytes(~np.isnan(arr))
        return ("f64", np.ascontiguousarray(arr, dtype="<f8").tobytes(), valid)
    if kind == "i":
        return ("i64", np.ascontiguousarray(arr, dtype="<i8").tobytes(), None)
    if kind == "u":
        if arr.size and arr.max() > np.iinfo(np.int64).max:
            return _digits(arr, None)
        return ("i64", np.ascontiguousarray(arr, dtype="<i8").tobytes(), None)
    if kind == "b":
        return ("bool", np.ascontiguousarray(arr, dtype=np.uint8).tobytes(), None)
    if kind == "M":
        # datetime64 (``pd.to_datetime``): a day at midnight is its ISO date, as a date is
        # written in JSON; a time of day stays in the text, which the core refuses as a date.
        missing = np.isnat(arr)
        days = arr.astype("datetime64[D]")
        whole = bool(((days == arr) | missing).all())
        text = np.datetime_as_string(days if whole else arr, unit="D" if whole else "auto")
        width = text.dtype.itemsize // 4
        return ("utf32", np.ascontiguousarray(text).tobytes(), width, _valid_bytes(~missing))
    if kind == "U":
        width = arr.dtype.itemsize // 4
        return ("utf32", np.ascontiguousarray(arr).tobytes(), width, None)
    if kind == "O":
        try:
            missing = np.asarray(isna(arr), dtype=bool)
        except (decimal.InvalidOperation, ValueError, TypeError) as e:
            _bad_cell(arr, e)
        if missing.all() and len(arr):
            return ("null",)
        if missing.any():
            arr = arr.copy()
            arr[missing] = ""
        # str() of each element (Decimal keeps its digits, float gives its shortest repr)
        # is done by NumPy in C.
        try:
            text = arr.astype(str) if len(arr) else np.zeros(0, dtype="<U1")
        except Exception as e:  # only on bad input: find the cell and say what is wrong
            _bad_cell(arr, e)
        width = text.dtype.itemsize // 4
        return ("utf32", np.ascontiguousarray(text).tobytes(), width, _valid_bytes(~missing))
    raise TypeError(f"unsupported column dtype {arr.dtype} (expected text, numbers or booleans)")


def _digits(arr: np.ndarray, valid: Optional[bytes]) -> Layout:
    """Unsigned integers beyond int64 as their exact digits (``utf32`` text)."""
    text = arr.astype(str)
    return ("utf32", np.ascontiguousarray(text).tobytes(), text.dtype.itemsize // 4, valid)


def _bad_cell(arr: np.ndarray, error: BaseException) -> NoReturn:
    """Raises a typed error for the first cell of an object column that cannot become text
    (called only after the vectorised conversion failed)."""
    for i, x in enumerate(arr):
        if isinstance(x, (np.ndarray, list, tuple, dict, set)):
            raise TypeError(f"rows[{i}]: a cell must be a single value, found a {type(x).__name__}")
        if isinstance(x, (bytes, bytearray, memoryview)):
            raise TypeError(f"rows[{i}]: bytes are not text (decode them first)")
        if isinstance(x, (decimal.Decimal, int)) and not isinstance(x, bool):
            # a number that cannot become text (an sNaN Decimal, an int beyond Python's
            # str() limit): the core's number rule refuses it with its own error
            from ._thidua import to_decimal_exact

            try:
                to_decimal_exact(x)
            except InvalidNumberError as e:
                e.loc = ("rows", i)
                raise
        try:
            str(x)
        except Exception as e:
            raise TypeError(f"rows[{i}]: a {type(x).__name__} cannot be read as a cell ({e})") from None
    raise TypeError(f"a column could not be converted to text: {error}") from None


def _isna_numpy(arr: np.ndarray) -> np.ndarray:
    # Without pandas: None and float NaN (x != x) are missing; both comparisons run in C.
    try:
        none = arr == None  # noqa: E711 - elementwise comparison
        nan = arr != arr
    except (decimal.InvalidOperation, ValueError, TypeError) as e:
        # a signalling-NaN Decimal cannot be compared; an array cell has no single truth value
        _bad_cell(arr, e)
    return np.asarray(none, dtype=bool) | np.asarray(nan, dtype=bool)


def encode_column(col: Any) -> Layout:
    """Encodes one column into a buffer layout (see the module docstring)."""
    pa = _pyarrow()
    if pa is not None and isinstance(col, (pa.Array, pa.ChunkedArray)):
        return _encode_arrow(col, pa)
    isna: Any = _isna_numpy
    if hasattr(col, "dtype") and hasattr(col, "array") and hasattr(col, "to_numpy"):
        # A pandas Series or Index.
        import pandas as pd

        isna = pd.isna
        dtype = col.dtype
        if pa is not None and (
            isinstance(dtype, pd.ArrowDtype)
            or (isinstance(dtype, pd.StringDtype) and getattr(dtype, "storage", "") == "pyarrow")
        ):
            return _encode_arrow(pa.array(col.array), pa)
        if isinstance(dtype, pd.CategoricalDtype):
            return encode_column(col.astype(object))
        if isinstance(dtype, np.dtype) and dtype.kind in "fiubUOM":
            return _encode_numpy(col.to_numpy(), isna)
        # pandas extension dtypes (Int64, Float64, boolean, string[python]…)
        missing = np.asarray(col.isna(), dtype=bool)
        if isinstance(dtype, pd.BooleanDtype):
            data = col.to_numpy(dtype=bool, na_value=False)
            return ("bool", data.astype(np.uint8).tobytes(), _valid_bytes(~missing))
        if dtype.kind in "iu":
            data = col.to_numpy(dtype="int64", na_value=0)
            return ("i64", data.astype("<i8").tobytes(), _valid_bytes(~missing))
        if dtype.kind == "f":
            data = col.to_numpy(dtype="float64", na_value=0.0)
            return ("f64", data.astype("<f8").tobytes(), _valid_bytes(~missing))
        return _encode_numpy(col.to_numpy(dtype=object), isna)
    if isinstance(col, np.ndarray):
        return _encode_numpy(col, isna)
    if isinstance(col, (list, tuple)):
        arr = np.empty(len(col), dtype=object)
        arr[:] = col
        return _encode_numpy(arr, isna)
    raise TypeError(
        f"a column must be a NumPy array, pandas Series, pyarrow Array or list, found {type(col).__name__}"
    )


def encode_columns(columns: Mapping[str, Any]) -> Tuple[int, Dict[str, Layout]]:
    """Encodes every column; returns the common length and the layouts."""
    if not isinstance(columns, _Mapping):
        raise TypeError(f"columns must be a mapping of column name → column, found {type(columns).__name__}")
    out: Dict[str, Layout] = {}
    n: Optional[int] = None
    for name, col in columns.items():
        if not isinstance(name, str):
            raise TypeError(f"column names must be str, found {type(name).__name__}")
        try:
            length = len(col)
        except TypeError:
            raise TypeError(
                f"column {name[:40]!r}: a column must be a NumPy array, pandas Series, pyarrow Array or list, found {type(col).__name__}"
            ) from None
        if n is None:
            n = length
        elif length != n:
            reason = f"has {length} rows, expected {n} (the length of the first column)"
            raise InvalidInputError(
                f"invalid input at column {name[:40]!r}: {reason}",
                loc=("columns", name),
                data={"code": "invalid_input", "location": f"column {name[:40]!r}", "reason": reason},
            )
        try:
            out[name] = encode_column(col)
        except (InvalidNumberError, TypeError) as e:
            # name the column (the cell's row is in the message already)
            if isinstance(e, InvalidNumberError):
                # a cell's row: ("results", i, column), as the Rust side locates a number
                e.loc = ("results",) + tuple(e.loc[1:2]) + (name,) if e.loc[:1] == ("rows",) else ("columns", name)
                raise
            raise TypeError(f"column {name[:40]!r}: {e}") from None
    return (n or 0), out


def frame_columns(df: Any) -> Dict[str, Any]:
    """The columns of a pandas DataFrame (or anything with ``.columns`` and ``[name]``)."""
    if not hasattr(df, "columns") or not hasattr(df, "__getitem__"):
        raise TypeError(f"expected a pandas DataFrame, found {type(df).__name__}")
    cols = {}
    for name in df.columns:
        cols[str(name)] = df[name]
    return cols
