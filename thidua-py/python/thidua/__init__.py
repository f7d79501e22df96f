"""thidua — Vietnamese emulation movements (phong trào thi đua) in Python.

A thin binding of the Rust core ``thidua-core``: directives with numbered targets, reported
results, and their exact evaluation (vượt / đạt / không đạt, % of plan, gap, explanation).
Every rule lives in the core; this package converts values and maps errors.

Quick start::

    import thidua
    directive = thidua.Directive.load("docs/examples/002_kon-tum-2024.json")
    results = thidua.ResultSet.from_dataframe(df)          # long table: unit, target, period, value…
    evaluation = thidua.evaluate(directive, results)
    evaluation.to_dataframe()                              # one row per unit × period × target
    evaluation.summary_dataframe()                         # "đạt và vượt X/Y chỉ tiêu" per unit

Numbers
    Values come out as ``decimal.Decimal`` (exact, with the core's scale: ``Decimal("52.50")``)
    and dates as ``datetime.date``. Inputs accept ``int`` and ``decimal.Decimal`` (exact), a
    plain decimal ``str`` (``"10.5"``; Vietnamese text such as ``"39,6"`` goes through
    :func:`parse_vn`), and ``float``, read as the decimal of its shortest repr (``0.1`` →
    ``Decimal("0.1")``, never the binary expansion). NaN and ±infinity raise
    :class:`InvalidNumberError` (a ``ValueError``). In column input (DataFrames, arrays) a missing
    cell — ``None``, ``NaN``, ``pd.NA`` — means the field is absent (pandas' own convention);
    an infinity still raises.

Errors
    :class:`ThiduaError` (a ``ValueError``) is the base of one subclass per core error code,
    named by the code in CamelCase plus ``Error`` (``"unknown_target"`` →
    :class:`UnknownTargetError`, ``"json"`` → :class:`JsonError`; ``"overflow"`` →
    :class:`ThiduaOverflowError`, prefixed so as not to shadow the builtin). The classes are
    declared in ``thidua/_errors.py``, generated from the core's error codes. Each error carries
    the core's message (``str(err)``), ``.code``, ``.loc`` (where, as a tuple of keys and
    indices: ``("entries", 3, "value")``) and ``.data`` (the error's fields as a dict).
    :data:`ERROR_CLASSES` maps every code to its class. Wrong Python types raise ``TypeError``.
    Inputs nested deeper than 128 levels, or that contain themselves, raise
    :class:`InvalidInputError`; no input crashes the interpreter.

pandas is optional and imported only by the DataFrame methods.
"""

from __future__ import annotations

from . import _thidua
from ._thidua import (
    DIAGNOSTIC_CODES,
    ERROR_CODES,
    RESULT_COLUMNS,
    STATUS_LABELS_VI,
    AwardHistory,
    AwardReport,
    AwardRuleSet,
    Diagnostic,
    Directive,
    EligibilityReport,
    Evaluation,
    EvaluationOptions,
    ParseResult,
    ReadResult,
    ResultSet,
    ScoreReport,
    Summary,
    Target,
    TargetEvaluation,
    TargetItem,
    TargetTable,
    UnitEvaluation,
    check_awards,
    decide_awards,
    evaluate,
    format_vn,
    format_vn_fixed,
    format_vn_rounded,
    json_schema,
    parse_directive,
    parse_vn,
    period_label_vi,
    read_result,
    score,
    inspect_excel,
    to_decimal_exact,
)
from ._engine import CompiledDirective, CompiledScheme, evaluate_table, score_table
from . import _errors
from ._errors import *  # noqa: F401,F403 - ThiduaError and one class per core error code
from ._errors import ERROR_CLASSES, ThiduaError
from . import _types
from ._types import *  # noqa: F401,F403 - Literal types: Status, TargetKind, ErrorCode…

__version__: str = _thidua.__version__


def error_class(code: str) -> type:
    """The exception class raised for a core error ``code`` (``"unknown_target"`` →
    :class:`UnknownTargetError`); :class:`ThiduaError` for an unknown code."""
    cls: type = ERROR_CLASSES.get(code, ThiduaError)
    return cls


__all__ = [
    "AwardHistory",
    "AwardReport",
    "AwardRuleSet",
    "EligibilityReport",
    "check_awards",
    "decide_awards",
    "CompiledDirective",
    "CompiledScheme",
    "evaluate_table",
    "score_table",
    "DIAGNOSTIC_CODES",
    "Diagnostic",
    "Directive",
    "ERROR_CODES",
    "Evaluation",
    "EvaluationOptions",
    "ParseResult",
    "ReadResult",
    "RESULT_COLUMNS",
    "ResultSet",
    "ScoreReport",
    "STATUS_LABELS_VI",
    "Summary",
    "Target",
    "TargetEvaluation",
    "TargetItem",
    "TargetTable",
    "UnitEvaluation",
    "error_class",
    "evaluate",
    "format_vn",
    "format_vn_fixed",
    "format_vn_rounded",
    "json_schema",
    "parse_directive",
    "parse_vn",
    "period_label_vi",
    "read_result",
    "score",
    "inspect_excel",
    "to_decimal_exact",
] + list(_errors.__all__) + list(_types.__all__)
