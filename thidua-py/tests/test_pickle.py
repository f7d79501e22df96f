"""Every public class pickles and (deep-)copies, and comes back equal in content."""

from __future__ import annotations

import copy
import pickle
from typing import Any, Callable, List, Tuple

import pytest

import thidua
from conftest import REPO

PARSE_TEXT = "Chỉ thị số 05/CT-UBND ngày 3/1/2025 của UBND tỉnh X về thi đua năm 2025\n(1) Tốc độ tăng trưởng GRDP đạt từ 8% trở lên.\n(2) Đảm bảo an ninh."


def _objects() -> List[Tuple[str, Any, Callable[[Any], Any]]]:
    d = thidua.Directive.load(REPO / "docs/examples/002_kon-tum-2024.json")
    rs = thidua.ResultSet.load(REPO / "docs/examples/results/002_kon-tum-2024.illustrative.json")
    e = thidua.evaluate(d, rs)
    u = e.units[-1]
    t = u.targets[3]
    p = thidua.parse_directive(PARSE_TEXT)
    vector = __import__("json").loads((REPO / "tests/vectors/scoring/kon-tum-2024-clusters.json").read_text(encoding="utf-8"))
    report = thidua.score(vector["input"], base_dir=REPO)
    sub = d["7"].sub_targets[0]

    def view(x: Any) -> Any:  # what makes two views equal in content
        return (type(x).__name__, x.to_dict() if hasattr(x, "to_dict") else None, repr(x))

    return [
        ("Directive", d, lambda x: x),
        ("TargetItem", d.items[6], lambda x: (x.number, x.text, [t.to_dict() for t in x.targets], repr(x))),
        ("Target", d["7"], lambda x: (x.to_dict(), x.item, x.parent, x.text_vi, x.spec)),
        ("Target (sub-target)", sub, lambda x: (x.to_dict(), x.item, x.parent)),
        ("ResultSet", rs, lambda x: x),
        ("EvaluationOptions", thidua.EvaluationOptions(ratio_digits=3), lambda x: x),
        ("Evaluation", e, lambda x: x),
        ("UnitEvaluation", u, lambda x: (view(x), x.unit, x.period, x.items, x.summary, x.scorecard_vi())),
        ("TargetEvaluation", t, lambda x: (view(x), x.status, x.ratio, x.explanation_vi, x.item, x.parent)),
        ("Summary", u.summary, lambda x: x),
        ("ScoreReport", report, lambda x: x),
        ("ParseResult", p, lambda x: (x.to_dict(), x.item_spans, [(g.code, g.start, g.end) for g in x.diagnostics])),
        ("Diagnostic", p.diagnostics[0], lambda x: x),
        ("CompiledDirective", thidua.CompiledDirective(d), lambda x: (x.target_count, x.target_ids, x.row_wise_targets, repr(x))),
        ("CompiledScheme", thidua.CompiledScheme((REPO / "docs/examples/scheme-1000.json").read_text(encoding="utf-8"), thidua.CompiledDirective(d)),
         lambda x: (x.scheme_json(), x.criterion_ids, x.digits, repr(x), x.directive.target_ids)),
        ("TargetTable", thidua.TargetTable.load(REPO / "docs/examples/units/targets.json"), lambda x: x),
        ("ReadResult", thidua.read_result("ước đạt hơn 290 triệu USD"), lambda x: (x.to_json(), x.reading, repr(x))),
        *_award_objects(),
    ]


def _award_objects() -> List[Tuple[str, Any, Callable[[Any], Any]]]:
    """The award classes (thidua-py/src/awards.rs)."""
    inp = __import__("json").loads((REPO / "docs/examples/awards-2024/input.json").read_text(encoding="utf-8"))
    history = thidua.AwardHistory.from_json((REPO / inp["history"]).read_text(encoding="utf-8"))
    return [
        ("AwardHistory", history, lambda x: x),
        ("AwardRuleSet", thidua.AwardRuleSet.builtin("vn-nd98-2023"), lambda x: x),
        ("EligibilityReport", thidua.check_awards(inp, base_dir=REPO), lambda x: x),
        ("AwardReport", thidua.decide_awards(inp, base_dir=REPO), lambda x: x),
    ]


OBJECTS = _objects()


@pytest.mark.parametrize("name,obj,key", OBJECTS, ids=[o[0] for o in OBJECTS])
def test_pickles_and_copies(name: str, obj: Any, key: Callable[[Any], Any]) -> None:
    for proto in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(obj, protocol=proto))
        assert type(back) is type(obj)
        assert key(back) == key(obj), name
    assert key(copy.copy(obj)) == key(obj)
    assert key(copy.deepcopy(obj)) == key(obj)
    # a container of objects deep-copies too (memo handling)
    both = copy.deepcopy([obj, obj])
    assert key(both[0]) == key(obj)


def test_every_public_class_is_covered() -> None:
    public = {n for n in thidua.__all__ if isinstance(getattr(thidua, n), type) and not issubclass(getattr(thidua, n), BaseException)}
    covered = {o[0].split(" ")[0] for o in OBJECTS}
    assert public == covered, public ^ covered


def test_errors_pickle_with_code_loc_and_data() -> None:
    d = {"a": 1}
    d["self"] = d
    with pytest.raises(thidua.InvalidInputError) as e:
        thidua.Directive.from_dict(d)
    err = e.value
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert (str(back), back.code, back.loc, back.data) == (str(err), err.code, err.loc, err.data)
    assert copy.deepcopy(err).loc == ("self",)
