#!/usr/bin/env bash
# Python stage: builds the thidua wheel (maturin, abi3; debug profile to keep CI fast — the
# benchmark script builds its own release wheel), installs it into a fresh
# virtual environment, checks the type stubs with mypy.stubtest, checks that the files generated
# from the core's definitions are up to date (thidua-py/tools/gen_types.py --check) and runs the pytest suite
# (incl. every shared JSON vector and the Dask LocalCluster test) against the INSTALLED wheel.
# Needs CPython >= 3.9 with pip and venv, and a Rust toolchain. Called by tests/run-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null || { echo "python3 is required" >&2; exit 1; }
command -v cargo >/dev/null || { echo "cargo is required (rustup toolchain)" >&2; exit 1; }

WORK="$REPO/target/python-ci"
VENV="$WORK/venv"
WHEELS="$WORK/wheels"
rm -rf "$VENV" "$WHEELS"
mkdir -p "$WORK"
"$PY" -m venv "$VENV"
VPY="$VENV/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_PROGRESS_BAR=off
"$VPY" -m pip install -q --upgrade pip
"$VPY" -m pip install -q "maturin>=1.9.4,<2" pytest pandas numpy pyarrow "dask[distributed]" mypy

echo "--- building the wheel (${THIDUA_PY_PROFILE:-dev} profile)"
profile_flag=()
[ "${THIDUA_PY_PROFILE:-dev}" = "release" ] && profile_flag=(--release)
(cd thidua-py && "$VENV/bin/maturin" build "${profile_flag[@]}" --locked --interpreter "$VPY" -o "$WHEELS")
"$VPY" -m pip install -q --force-reinstall "$WHEELS"/thidua-*.whl

# Run from outside the repository so that thidua-py/python is never importable: the tests
# must exercise the installed wheel (conftest.py also checks it).
RUN="$(mktemp -d)"
trap 'rm -rf "$RUN"' EXIT
cd "$RUN"
"$VPY" - <<'PY'
import pathlib, thidua
files = {p.name for p in pathlib.Path(thidua.__file__).parent.iterdir()}
missing = {"_thidua.pyi", "py.typed"} - files
assert not missing, f"not shipped in the wheel: {missing}"
print("installed:", thidua.__file__, thidua.__version__)
PY

echo "--- mypy.stubtest thidua._thidua"
"$VPY" -m mypy.stubtest thidua._thidua

echo "--- generated files (exception classes, Literal types) match the compiled core"
"$VPY" "$REPO/thidua-py/tools/gen_types.py" --check

echo "--- tests/differential/cases.jsonl is what its generator's fixed seed gives"
"$VPY" "$REPO/tests/differential/generate.py" --check

echo "--- pytest"
set +e
THIDUA_REPO="$REPO" "$VPY" -m pytest -p no:cacheprovider -q -ra "$REPO/thidua-py/tests"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$code"
