"""The local engine: a pool of worker processes on this machine.

A worker that dies (a crash in a native library, the out-of-memory killer) breaks the whole
pool and every file in flight with it. The files in flight are then run again one by one,
each in a fresh single-worker pool, so only the file that kills its worker is a failure.

A file that runs past its time budget (``time_budget``: a base plus a share per megabyte, or a
fixed ``--timeout``) is a failure of its own (``Timeout``): the pool's workers are stopped, the
other files in flight run again, and a fresh pool takes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import itertools
import time
from contextlib import contextmanager

from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

try:
    import resource  # POSIX only
except ImportError:  # Windows: no per-process data cap
    resource = None

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


DEFAULT_MEMORY_MB = 1536  # a worker's own data; the largest real report takes about 250 MB


def start_worker(memory_mb: int | None = DEFAULT_MEMORY_MB) -> None:
    """Worker initializer: die with the batch process, and hold the worker's memory to ``memory_mb``."""
    die_with_parent()
    if memory_mb:
        limit_memory(memory_mb)


def limit_memory(memory_mb: int) -> None:
    """Let this process's data (heap and private mappings: RLIMIT_DATA) grow by ``memory_mb`` at
    most: past it an allocation fails (MemoryError in Python) instead of the machine swapping.
    Counted from what the process holds now (a forked worker starts with its parent's data).
    Children (Tesseract, LibreOffice) inherit the cap. Where the process's data cannot be read
    (no /proc: not Linux) or capped (no `resource`: Windows), nothing is capped."""
    current = data_bytes()
    if resource is None or not current:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    wanted = current + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def data_bytes() -> int:
    """This process's data segment now (VmData), 0 where /proc is not there."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next((int(line.split()[1]) * 1024 for line in status if line.startswith("VmData:")), 0)
    except OSError:
        return 0


@contextmanager
def memory_capped(memory_mb: int | None):
    """The memory cap of ``limit_memory`` for a block of this process, lifted again after it."""
    if resource is None:
        yield
        return
    before = resource.getrlimit(resource.RLIMIT_DATA)
    if memory_mb:
        limit_memory(memory_mb)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, before)


class WorkerDied(Exception):
    """The worker process ended while extracting this file."""


class Timeout(Exception):
    """The file ran past its time budget and its worker was stopped."""


BASE_SECONDS = 120  # any file: reading, OCR of a page or two, the pipeline
SECONDS_PER_MB = 120  # more per megabyte of input (a scanned PDF's pages, a long text)
POLL_SECONDS = 0.5


def time_budget(size: int, fixed: float | None = None) -> float:
    """Seconds a file of ``size`` bytes may take before it is stopped."""
    return fixed if fixed else BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000


def run_local(tasks: Iterator, jobs: int, work: Callable, timeout: float | None = None,
              memory_mb: int | None = DEFAULT_MEMORY_MB) -> Iterator[tuple[object, dict | Exception]]:
    """Yield (task, result of work(task.path, task.data, task.unit) or the exception) as files finish."""
    suspects: list = []
    requeued: list = []  # files in flight when another one ran out of time: innocent, run again
    broken = True
    while broken:  # a broken pool is replaced by a fresh one for the files not yet started
        pending, requeued[:] = list(requeued), []
        broken = yield from run_pool(itertools.chain(pending, tasks), jobs, work, suspects, timeout, requeued, memory_mb)
    for task in suspects:
        yield from run_alone(task, work, timeout, memory_mb)


def run_pool(tasks: Iterator, jobs: int, work: Callable, suspects: list, timeout: float | None = None,
             requeued: list | None = None, memory_mb: int | None = DEFAULT_MEMORY_MB):
    """One pool until the tasks run out (returns False) or the pool breaks (returns True)."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=start_worker, initargs=(memory_mb,))
    in_flight: dict = {}
    started: dict = {}  # future → when it was first seen running
    try:
        broken = fill(pool, tasks, work, in_flight, jobs * IN_FLIGHT_PER_WORKER, suspects)
        while in_flight and not broken:
            done, _ = wait(in_flight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            late = _late(in_flight, started, timeout)
            if late and not done:
                for future in late:
                    yield in_flight.pop(future), Timeout(_timeout_message(late[future]))
                _stop_workers(pool)
                (requeued if requeued is not None else suspects).extend(in_flight.values())
                in_flight.clear()
                return True
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


def _late(in_flight: dict, started: dict, timeout: float | None) -> dict:
    """The running futures past their budget → the budget they had."""
    now = time.monotonic()
    late = {}
    for future, task in in_flight.items():
        if future.running():
            started.setdefault(future, now)
            budget = time_budget(len(task.data or b""), timeout)
            if now - started[future] > budget:
                late[future] = budget
    return late


def _timeout_message(budget: float) -> str:
    return f"stopped after {budget:.0f} s (its time budget; --timeout sets another)"


def _stop_workers(pool) -> None:
    """Kill the pool's worker processes (the pool is broken after this; a fresh one follows)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        try:
            process.kill()
        except (OSError, AttributeError):
            pass


def fill(pool, tasks: Iterator, work: Callable, in_flight: dict, limit: int, suspects: list) -> bool:
    """Submit tasks until `limit` are in flight; True if the pool turned out to be broken."""
    while len(in_flight) < limit:
        task = next(tasks, None)
        if task is None:
            return False
        try:
            in_flight[pool.submit(work, task.path, task.data, task.unit)] = task
        except BrokenProcessPool:
            suspects.append(task)
            return True
    return False


def run_alone(task, work: Callable, timeout: float | None = None, memory_mb: int | None = DEFAULT_MEMORY_MB):
    pool = ProcessPoolExecutor(max_workers=1, initializer=start_worker, initargs=(memory_mb,))
    budget = time_budget(len(task.data or b""), timeout)
    try:
        outcome = pool.submit(work, task.path, task.data, task.unit).result(timeout=budget)
    except FutureTimeout:
        outcome = Timeout(_timeout_message(budget))
        _stop_workers(pool)
    except BrokenProcessPool:
        outcome = WorkerDied(f"the worker process died on this file (a crash in a native library, or past its memory "
                             f"limit of {memory_mb} MB: --memory-limit sets another)" if memory_mb else
                             "the worker process died on this file (a crash, or out of memory)")
    except Exception as error:  # noqa: BLE001
        outcome = error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    yield task, outcome
