"""The columnar path: tables in, tables out, through the core's compiled engine.

``evaluate_table(directive, data)`` gives exactly the answers of :func:`thidua.evaluate`,
as columns, without building an explanation per row unless asked. ``score_table(scheme, data,
roster)`` goes on to score, classify and rank every roster unit through the core's compiled
scoring (:class:`CompiledScheme`), exactly the numbers of :func:`thidua.score`. The data crosses into
Rust by the Arrow PyCapsule interface (``__arrow_c_stream__``): a pyarrow Table or
RecordBatch, a polars DataFrame, a DuckDB relation's ``.arrow()``… are read in place; a
pandas DataFrame is converted by pyarrow (``Decimal`` object columns become exact
``decimal128``). The evaluation runs with the GIL released.

Numbers stay exact end to end: ``decimal128`` in the Arrow and polars outputs, and in pandas
either ``decimal128[pyarrow]`` columns (``decimals="arrow"``, the default: no Python object per
cell), ``decimal.Decimal`` objects (``decimals="object"``) or, only when asked,
``float64`` (``decimals="float"``, lossy).
"""

from __future__ import annotations

from typing import Any, Literal, Mapping, Optional, Tuple, Union

from . import _thidua
from ._thidua import CompiledDirective, CompiledScheme, Directive, EvaluationOptions, ResultSet

Output = Literal["pyarrow", "pandas", "polars"]
Decimals = Literal["arrow", "object", "float"]

_COLUMNS = set(_thidua.RESULT_COLUMNS)


def _is_pandas(data: Any) -> bool:
    t = type(data)
    return t.__module__.startswith("pandas") and t.__name__ == "DataFrame"


def _misaligned(chunk: Any) -> bool:
    # 16 bytes: the strictest alignment a buffer we read needs (decimal128 values); Arrow's own
    # allocations are 64-byte aligned, so only foreign memory is ever copied.
    return any(b is not None and b.address % 16 for b in chunk.buffers())


def _aligned(table: Any) -> Any:
    """The table with every column whose buffers are not aligned to their type copied into
    fresh (aligned) buffers; the same table, no copy, when all are aligned — the usual case.

    The Arrow C data interface allows unaligned buffers and pyarrow produces them (columns of a
    frame that went through pickle, as every Dask partition does, or IPC from a socket); the
    Rust Arrow import refuses them with an abort that takes the process down."""
    import pyarrow as pa

    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    if not isinstance(table, pa.Table):
        return table
    for i, col in enumerate(table.columns):
        if any(_misaligned(c) for c in col.chunks):
            chunks = [pa.concat_arrays([c]) if _misaligned(c) else c for c in col.chunks]
            table = table.set_column(i, table.field(i), pa.chunked_array(chunks, col.type))
    return table


def _from_pandas(df: Any) -> Any:
    """A pandas frame as a pyarrow Table. A column that pyarrow cannot give one type (ids
    written as ``1`` and ``"2"``, a value column mixing ``Decimal``, float and text, an int
    beyond 64 bits — what a workbook read with ``dtype=object`` holds) becomes text: ``str()``
    of each cell, done by NumPy (a ``Decimal`` keeps its digits, a float gives its shortest
    repr, an int its digits), which the core reads by the same rules as the typed cells."""
    import numpy as np
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        pass
    names, arrays = [], []
    for i in range(df.shape[1]):
        col = df.iloc[:, i]
        try:
            arr = pa.array(col, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            missing = np.asarray(col.isna(), dtype=bool)
            cells = col.to_numpy(dtype=object).copy()
            cells[missing] = ""
            arr = pa.array(cells.astype(str), type=pa.string(), mask=missing)
        names.append(str(df.columns[i]))
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, names=names)


def _to_arrow(data: Any) -> Any:
    """Anything tabular → something with the Arrow PyCapsule interface (pyarrow data with its
    buffers aligned, see ``_aligned``)."""
    if _is_pandas(data):
        import pyarrow as pa

        df = data
        names = [n for n in (df.index.names or []) if n is not None]
        if names and any(n in _COLUMNS for n in names):
            df = df.reset_index()  # a unit index (as Dask partitions often have) is a column
        return _aligned(_from_pandas(df))
    if hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"):
        if type(data).__module__.startswith("pyarrow"):
            return _aligned(data)
        return data
    if isinstance(data, dict):
        import pyarrow as pa

        return pa.table(data)
    raise TypeError(
        "results must be an Arrow table (pyarrow, polars, anything with __arrow_c_stream__), "
        f"a pandas DataFrame or a dict of columns, found {type(data).__name__}"
    )


def _decimal_columns(table: Any) -> list:
    import pyarrow as pa

    return [f.name for f in table.schema if pa.types.is_decimal(f.type)]


def _convert(table: Any, output: str, decimals: str) -> Any:
    if decimals not in ("arrow", "object", "float"):
        raise ValueError(f"decimals must be 'arrow', 'object' or 'float', found {decimals!r}")
    if decimals == "float":
        import pyarrow as pa

        for name in _decimal_columns(table):
            i = table.schema.get_field_index(name)
            table = table.set_column(i, name, table.column(name).cast(pa.float64()))
    if output == "pyarrow":
        return table
    if output == "polars":
        import polars as pl

        return pl.from_arrow(table)
    if output == "pandas":
        if decimals == "arrow":
            import pandas as pd

            return table.to_pandas(types_mapper=pd.ArrowDtype)
        return table.to_pandas()
    raise ValueError(f"output must be 'pyarrow', 'pandas' or 'polars', found {output!r}")


def evaluate_table(
    directive: Union[Directive, CompiledDirective],
    results: Any,
    options: Union[EvaluationOptions, dict, None] = None,
    *,
    output: Output = "pyarrow",
    decimals: Decimals = "arrow",
    explanations: bool = False,
    summary: bool = False,
    headlines: bool = False,
    ignore_extra: bool = False,
) -> Any:
    """Evaluates a table of results (one row per unit × target × period: ``unit``,
    ``target``, ``period``, ``value``, ``baseline``… — the columns of
    :data:`thidua.RESULT_COLUMNS`) — an Arrow table, a polars or pandas DataFrame, a dict of
    columns, a :class:`ResultSet`, JSON text (``str`` or UTF-8 ``bytes``: a bare array of rows or ``{"entries":
    [...]}``, read as ``ResultSet.from_json``) or a list of records (dicts, read as
    ``ResultSet.from_records``) — and returns one row per unit × period × target: ``unit``,
    ``period``, ``target``, ``item``, ``name``, ``kind``, ``target_text``, ``status``,
    ``ratio``, ``gap``, ``result``, ``baseline``, ``achieved``, ``threshold``, ``pro_rata``,
    ``provenance`` (and ``explanation_vi`` / ``explanation_en`` with ``explanations=True``).

    ``directive`` is a :class:`Directive` (compiled on each call) or a
    :class:`CompiledDirective` (compile once, evaluate many tables — its options are used
    and ``options`` must be ``None``). ``output`` is ``"pyarrow"`` (a Table), ``"pandas"`` or
    ``"polars"``; see the module documentation for ``decimals``. With ``summary=True`` the
    result is a pair ``(rows, summary)``, the summary having one row per unit × period with the
    headline counts (and the sentences with ``headlines=True``).

    The answers are those of :func:`thidua.evaluate`, with the same errors naming the row.
    Every input goes to the same compiled engine and no :class:`Evaluation` is built; JSON
    text and records are read row by row straight into columns (about 60 bytes a row, no
    :class:`ResultSet`), so they need little more memory than the input and the output columns
    (``ignore_extra`` applies to tables only: a record's unknown key is an error, as in
    ``ResultSet.from_records``).
    """
    compiled = _compiled(directive, options)
    if isinstance(results, (list, tuple)):
        rows, summ = compiled.evaluate_records(
            results, explanations=explanations, headlines=headlines
        )
    elif isinstance(results, (str, bytes)):
        rows, summ = compiled.evaluate_json(
            results, explanations=explanations, headlines=headlines
        )
    elif isinstance(results, ResultSet):
        rows, summ = compiled.evaluate_results(
            results, explanations=explanations, headlines=headlines
        )
    else:
        rows, summ = compiled.evaluate_arrow(
            _to_arrow(results),
            explanations=explanations,
            headlines=headlines,
            ignore_extra=ignore_extra,
        )
    out = _convert(rows, output, decimals)
    if summary:
        return out, _convert(summ, output, decimals)
    return out


def _compiled(
    directive: Union[Directive, CompiledDirective], options: Union[EvaluationOptions, dict, None]
) -> CompiledDirective:
    if isinstance(directive, CompiledDirective):
        if options is not None:
            raise ValueError("a CompiledDirective carries its options: pass options=None")
        return directive
    return CompiledDirective(directive, options)


def _records(table: Any, what: str) -> Any:
    """A small table (a roster) as a list of dicts: pandas and polars DataFrames, pyarrow
    Tables; a list of dicts as it is. Missing pandas cells become ``None``."""
    if _is_pandas(table):
        return table.astype(object).where(table.notna(), None).to_dict(orient="records")
    if hasattr(table, "to_pylist"):  # pyarrow Table / RecordBatch
        return table.to_pylist()
    if hasattr(table, "to_dicts"):  # polars DataFrame
        return table.to_dicts()
    if isinstance(table, (list, tuple)):
        return list(table)
    raise TypeError(f"{what} must be a list of dicts or a DataFrame / Arrow table, found {type(table).__name__}")


def score_table(
    scheme: Union[CompiledScheme, Mapping[str, Any], str, bytes],
    results: Any,
    roster: Any,
    directive: Union[Directive, CompiledDirective, None] = None,
    options: Union[EvaluationOptions, dict, None] = None,
    *,
    stage: Optional[Mapping[str, Any]] = None,
    period: Optional[str] = None,
    output: Output = "pyarrow",
    decimals: Decimals = "arrow",
    points: bool = True,
    evaluation: bool = False,
    explanations: bool = False,
    ignore_extra: bool = False,
) -> Any:
    """Evaluates a table of results and scores, classifies and ranks every unit of
    ``roster`` through the core's compiled scoring: one row per roster unit, in roster order —
    ``unit``, ``group``, ``total``, ``criteria_total`` (exact decimals at the scheme's
    ``rounding.digits``), ``band`` (null when not eligible), ``rank`` (inside the unit's
    cluster or bloc; null when not ranked), ``tied`` and, with ``points=True``, one
    ``points_<criterion>`` column per criterion (null for a criterion left out).

    The numbers, bands, ranks and errors are those of :func:`thidua.score` for the same
    results as a single stage (``docs/scoring.md``, §13); several stages, ``exclusions``,
    per-unit ``targets`` and award proposals are not inputs or outputs of this path.

    ``scheme`` is a :class:`CompiledScheme` (compile once, score many tables; ``directive``
    and ``options`` must then be ``None``) or a scheme (dict or JSON text) compiled on each
    call for ``directive`` (a :class:`Directive` with ``options``, or a
    :class:`CompiledDirective`). ``results`` is anything :func:`evaluate_table` takes (an
    Arrow table, a pandas or polars DataFrame, a dict of columns, a :class:`ResultSet`, JSON
    text, a list of records). ``roster`` is a list of ``{"unit", "group", "kind"}`` dicts or a
    DataFrame / Arrow table with those columns. ``stage`` is one stage's ``council_points``,
    ``bonuses`` and ``penalties`` with its ``stage`` name (as in :func:`thidua.score`'s input,
    without ``evaluation`` or ``results``); ``period`` is required when the results hold
    several periods. ``output`` and ``decimals`` are as for :func:`evaluate_table`; with
    ``evaluation=True`` the result is a pair ``(scores, rows)``, ``rows`` the evaluation rows
    of :func:`evaluate_table` (with ``explanations``). The work runs with the GIL released.
    """
    if isinstance(scheme, CompiledScheme):
        if directive is not None or options is not None:
            raise ValueError("a CompiledScheme carries its directive and options: pass neither")
        compiled = scheme
    else:
        if directive is None:
            raise ValueError("scoring a scheme that is not compiled needs its directive")
        compiled = CompiledScheme(scheme, _compiled(directive, options))
    if not isinstance(results, (list, tuple, str, bytes, ResultSet)):
        results = _to_arrow(results)
    scores, rows = compiled.score(
        results,
        _records(roster, "roster"),
        stage=stage,
        period=period,
        points=points,
        evaluation=evaluation,
        explanations=explanations,
        ignore_extra=ignore_extra,
    )
    out = _convert(scores, output, decimals)
    if evaluation:
        return out, _convert(rows, output, decimals)
    return out


__all__ = ["CompiledDirective", "CompiledScheme", "evaluate_table", "score_table"]
