"""The local engine: a pool of worker processes on this machine.

A worker that dies (a crash in a native library, the out-of-memory killer) breaks the whole
pool and every file in flight with it. The files in flight are then run again one by one,
each in a fresh single-worker pool, so only the file that kills its worker is a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

IN_FLIGHT_PER_WORKER = 2  # enough to keep workers busy, few enough to bound the bytes held
PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal the kernel sends the process when its parent dies


def die_with_parent() -> None:
    """Worker initializer: on Linux, the worker gets SIGKILL when the batch process dies (a
    SIGKILL or a service manager's SIGTERM to the parent alone), so no orphan keeps working or
    holds the dataset's lock (inherited with the fork). Elsewhere nothing happens."""
    import ctypes
    import os
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the signal was armed
        os._exit(1)


class WorkerDied(Exception):
    """The worker process ended while extracting this file."""


def run_local(tasks: Iterator, jobs: int, work: Callable) -> Iterator[tuple[object, dict | Exception]]:
    """Yield (task, result of work(task.path, task.data) or the exception) as files finish."""
    suspects: list = []
    broken = True
    while broken:  # a broken pool is replaced by a fresh one for the files not yet started
        broken = yield from run_pool(tasks, jobs, work, suspects)
    for task in suspects:
        yield from run_alone(task, work)


def run_pool(tasks: Iterator, jobs: int, work: Callable, suspects: list):
    """One pool until the tasks run out (returns False) or the pool breaks (returns True)."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent)
    in_flight: dict = {}
    try:
        broken = fill(pool, tasks, work, in_flight, jobs * IN_FLIGHT_PER_WORKER, suspects)
        while in_flight and not broken:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                task = in_flight.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    suspects.append(task)
                    broken = True
                    continue
                except Exception as error:  # noqa: BLE001 - e.g. a result that cannot be sent back
                    outcome = error
                yield task, outcome
            if not broken:
                broken = fill(pool, tasks, work, in_flight, jobs * IN_FLIGHT_PER_WORKER, suspects)
        suspects.extend(in_flight.values())
        return broken
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def fill(pool, tasks: Iterator, work: Callable, in_flight: dict, limit: int, suspects: list) -> bool:
    """Submit tasks until `limit` are in flight; True if the pool turned out to be broken."""
    while len(in_flight) < limit:
        task = next(tasks, None)
        if task is None:
            return False
        try:
            in_flight[pool.submit(work, task.path, task.data)] = task
        except BrokenProcessPool:
            suspects.append(task)
            return True
    return False


def run_alone(task, work: Callable):
    pool = ProcessPoolExecutor(max_workers=1, initializer=die_with_parent)
    try:
        outcome = pool.submit(work, task.path, task.data).result()
    except BrokenProcessPool:
        outcome = WorkerDied("the worker process died on this file (a crash, or out of memory)")
    except Exception as error:  # noqa: BLE001
        outcome = error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    yield task, outcome
