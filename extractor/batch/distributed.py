"""The scale-out engine: the same per-file work on a Dask distributed cluster.

Why Dask distributed rather than Ray: it is pure Python (dask + distributed wheels, a few MB,
no native runtime to match the platform), its Client.submit / as_completed API mirrors the
concurrent.futures pool of the local engine, so both engines share the worker function and
the driver loop; a cluster is one `dask scheduler` plus `dask worker tcp://HOST:8786` on each
machine, and a LocalCluster starts in a couple of seconds, which keeps its test fast. Ray
brings a large binary wheel, its own object store and daemons, for features (actors, GPUs,
autoscaling) this embarrassingly parallel job does not use.

The driver reads each input and sends its bytes with the task, so workers need the
`extractor` package (same version) but no access to the input files; results come back to the
driver, which alone writes the dataset, so workers need no access to DATASET_DIR either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

SCATTER_BYTES = 1_000_000  # larger inputs go straight to a worker instead of through the scheduler
CONNECT_TIMEOUT = "10s"


class ClusterError(Exception):
    """The cluster cannot be used; str() says why."""


def worker_version() -> str:
    import extractor

    return extractor.__version__


def connect(scheduler: str | None, jobs: int):
    """A client of the cluster at `scheduler`, or of a LocalCluster of `jobs` worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--engine dask needs Dask distributed: pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def check_workers(client) -> int:
    """Every worker must run this extractor version (else records would mix versions); returns their threads."""
    import extractor

    try:
        versions = client.run(worker_version)
    except Exception as error:  # noqa: BLE001 - e.g. a worker without the package cannot unpickle the call
        raise ClusterError(f"the Dask workers cannot run extractor ({type(error).__name__}: {error}); "
                           "install the same extractor on every worker") from None
    if not versions:
        raise ClusterError("the Dask cluster has no workers")
    wrong = {address: version for address, version in versions.items() if version != extractor.__version__}
    if wrong:
        raise ClusterError(f"Dask workers run another extractor version than {extractor.__version__}: {wrong}")
    return sum(client.nthreads().values())


def run_dask(tasks: Iterator, jobs: int, scheduler: str | None, work: Callable):
    """Yield (task, result of work(task.path, task.data, task.unit) or the exception) as files finish."""
    from distributed import as_completed

    client, cluster = connect(scheduler, jobs)
    try:
        limit = 2 * check_workers(client)
        in_flight: dict = {}
        finished = as_completed()

        def fill() -> None:
            while len(in_flight) < limit:
                task = next(tasks, None)
                if task is None:
                    return
                data = client.scatter(task.data, hash=False) if len(task.data) > SCATTER_BYTES else task.data
                future = client.submit(work, task.path, data, task.unit, pure=False)
                in_flight[future.key] = task
                finished.add(future)

        fill()
        for future in finished:
            task = in_flight.pop(future.key)
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001 - e.g. KilledWorker after repeated worker deaths
                outcome = error
            future.release()
            yield task, outcome
            fill()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
