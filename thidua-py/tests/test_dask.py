"""An evaluation over a partitioned DataFrame on a real Dask cluster (worker processes) gives
exactly the single-process result. The directive travels to the workers by pickle.

No timing dependence: one cluster serves the module, every Dask timeout that could expire on a
loaded machine (connecting, an unresponsive connection, the worker heartbeat, closing) is far
longer than any start-up, and the tests wait for both workers before they compute — a slow
machine makes the test slower, never red. (It once failed under a load of 15 on 2 cores with
Dask's 30 s defaults.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import numpy as np
import pytest

import thidua

pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

PATIENCE = "600s"


@pytest.fixture(scope="module")
def client() -> Iterator["distributed.Client"]:
    cfg = {
        "distributed.comm.timeouts.connect": PATIENCE,
        "distributed.comm.timeouts.tcp": PATIENCE,
        "distributed.scheduler.worker-ttl": None,
        "distributed.deploy.lost-worker-timeout": PATIENCE,
    }
    with dask.config.set(cfg):
        cluster = distributed.LocalCluster(
            processes=True,
            n_workers=2,
            threads_per_worker=1,
            memory_limit=0,  # no memory-based pausing or restarts on a shared machine
            host="127.0.0.1",
            dashboard_address=None,
        )
        c = distributed.Client(cluster, timeout=PATIENCE)
        try:
            c.wait_for_workers(2, timeout=PATIENCE)
            yield c
        finally:
            c.close(timeout=PATIENCE)
            cluster.close(timeout=600)


def evaluate_partition(part: "pd.DataFrame", directive: thidua.Directive) -> "pd.DataFrame":
    results = thidua.ResultSet.from_dataframe(part.reset_index())
    return thidua.evaluate(directive, results).to_dataframe()


def test_dask_local_cluster_matches_single_process(kon_tum: thidua.Directive, client: "distributed.Client") -> None:
    rng = np.random.default_rng(7)
    ids = [t.id for t in kon_tum.targets if t.kind in ("rate", "growth_rate", "amount", "count", "threshold_share")]
    units = [f"Xã {i:03d}" for i in range(120)]
    rows = []
    for u in units:
        for t in ids:
            rows.append({"unit": u, "target": t, "period": "2024", "value": Decimal(str(round(rng.uniform(0, 100), 2)))})
    df = pd.DataFrame(rows)

    expected = thidua.evaluate(kon_tum, thidua.ResultSet.from_dataframe(df)).to_dataframe()

    with dask.config.set({"dataframe.convert-string": False}):
        # One unit never straddles two partitions: partition on the sorted unit index.
        ddf = dd.from_pandas(df.set_index("unit").sort_index(), npartitions=4)
        assert ddf.npartitions > 1
        meta = evaluate_partition(df.iloc[:0].set_index("unit"), kon_tum)
        out = ddf.map_partitions(evaluate_partition, kon_tum, meta=meta).compute(scheduler=client)
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2

    key = ["unit", "period", "target"]
    got = out.sort_values(key).reset_index(drop=True)
    want = expected.sort_values(key).reset_index(drop=True)
    assert len(got) == len(units) * kon_tum.target_count
    pd.testing.assert_frame_equal(got, want)
    # exact decimals survived the trip (Decimal objects, same scale)
    assert all(isinstance(x, Decimal) for x in got["ratio"].dropna())
    assert list(got["ratio"].map(str)) == list(want["ratio"].map(str))


def evaluate_partition_arrow(part: "pd.DataFrame", compiled: thidua.CompiledDirective) -> "pd.DataFrame":
    # The columnar path on each partition: Arrow-backed pandas in, Arrow-backed pandas out
    # (decimal128[pyarrow] numbers, no Python object per cell).
    return thidua.evaluate_table(compiled, part, output="pandas")


def test_dask_columnar_path_on_arrow_backed_frames(kon_tum: thidua.Directive, client: "distributed.Client") -> None:
    pa = pytest.importorskip("pyarrow")
    rng = np.random.default_rng(11)
    ids = [t.id for t in kon_tum.targets if t.kind in ("rate", "growth_rate", "amount", "count", "threshold_share")]
    units = [f"Xã {i:03d}" for i in range(90)]
    rows = [{"unit": u, "target": t, "period": "2024", "value": Decimal(str(round(rng.uniform(0, 100), 2)))}
            for u in units for t in ids]
    table = pa.Table.from_pylist(rows)
    df = table.to_pandas(types_mapper=pd.ArrowDtype)  # string[pyarrow], decimal128[pyarrow]
    compiled = thidua.CompiledDirective(kon_tum)
    expected = thidua.evaluate_table(compiled, table, output="pandas")

    ddf = dd.from_pandas(df.set_index("unit").sort_index(), npartitions=3)
    assert ddf.npartitions > 1
    meta = evaluate_partition_arrow(df.iloc[:0].set_index("unit"), compiled)
    out = ddf.map_partitions(evaluate_partition_arrow, compiled, meta=meta).compute(scheduler=client)
    key = ["unit", "period", "target"]
    norm = lambda f: f.astype({k: str for k in key}).sort_values(key).reset_index(drop=True)
    got, want = norm(out), norm(expected)
    assert len(got) == len(units) * kon_tum.target_count
    assert str(got["ratio"].dtype).startswith("decimal128")
    assert got["ratio"].tolist() == want["ratio"].tolist()
    assert got["status"].astype(str).tolist() == want["status"].astype(str).tolist()
