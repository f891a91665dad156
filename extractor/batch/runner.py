"""`extractor batch`: many inputs → one dataset, in parallel, resumable, nothing silently lost.

The driver (this process) lists the inputs, decides which are already done, reads each
remaining file and hands its bytes to an engine (local process pool or Dask); as results come
back it writes each input's part (records, manifest row) and raw text, and at the end it
rebuilds the Parquet tables and the DuckDB database from all parts. Only the driver writes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import extractor
from extractor.batch.dataset import Layout, build_dataset, load_parts, locked, part_key, raw_file_name, write_part, write_raw
from extractor.batch.inputs import SUPPORTED_SUFFIXES, InputFile, expand_inputs
from extractor.batch.worker import empty_manifest_row, process_input
from extractor.batch.local import DEFAULT_MEMORY_MB
from extractor.errors import InputError
from extractor.reading import printable_path
from extractor.limits import DEFAULT_LIMITS, Limits

ENGINES = ("local", "dask")


class BatchError(Exception):
    """The batch cannot run at all (no inputs, dataset locked, cluster unreachable)."""


@dataclass
class Task:
    path: str
    key: str
    data: bytes
    unit: str | None = None  # the reporting unit the user gave for this input


@dataclass
class BatchSummary:
    dataset: Path
    inputs: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0  # files in folders that no reader takes
    done_before: int = 0  # ok in an earlier run with the same bytes and extractor version
    failures: list[str] = field(default_factory=list)  # "path: reason" of this run's failures
    problems: list[str] = field(default_factory=list)  # inputs that name no file
    tables: dict[str, int] = field(default_factory=dict)  # rows per table of the whole dataset
    seconds: float = 0.0


def run_batch(inputs: list[str], dataset_dir: str, jobs: int | None = None, engine: str = "local",
              scheduler: str | None = None, force: bool = False, extract: Callable | None = None,
              progress: bool | None = None, notify: Callable[[str], None] | None = None,
              follow_links: bool = False, timeout: float | None = None, limits: Limits = DEFAULT_LIMITS,
              memory_mb: int | None = DEFAULT_MEMORY_MB, unit: str | None = None,
              units: dict[str, str] | None = None) -> BatchSummary:
    """Extract every input into DATASET_DIR; see the module docstring.

    extract: replaces extractor.records.extract_records ((RawDocument, unit) → records), for tests.
    unit, units: the reporting unit of every input, and of single inputs by real path (``units``
    wins); an input extracted before with another unit given is extracted again.
    progress: show a progress bar on stderr (default: only when stderr is a terminal).
    notify: receives one line per failure as it happens.
    timeout, memory_mb: each file's time budget (default: sized from its bytes) and each worker's memory cap.
    limits: what one input file may hold (pages, inflated bytes, pixels, …; extractor.limits).
    """
    started = time.perf_counter()
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    jobs = max(1, jobs or os.cpu_count() or 1)
    layout = Layout(Path(dataset_dir))
    layout.check_owned()
    expanded = expand_inputs(list(inputs), exclude=str(layout.root), follow_links=follow_links)  # never its own output
    summary = BatchSummary(Path(dataset_dir), inputs=len(expanded.files), problems=expanded.problems)
    units = units or {}

    def unit_of(file: InputFile) -> str | None:
        return units.get(file.real_path, unit)

    listed = {file.real_path for file in expanded.files}
    summary.problems += [f"{printable_path(path)}: in the units file but no input" for path in sorted(set(units) - listed)]
    if not expanded.files:
        raise BatchError("no input files" + (f" ({'; '.join(expanded.problems)})" if expanded.problems else ""))
    with locked(layout):
        layout.prepare()
        layout.remove_leftovers()
        rows = load_parts(layout)
        todo = plan(expanded.files, rows, force, layout, summary, unit_of)
        bar = progress_bar(len(todo), sys.stderr.isatty() if progress is None else progress)
        say = (lambda line: bar.write(line, file=sys.stderr)) if bar else (notify or (lambda line: None))
        work = functools.partial(process_input, extract=extract, limits=limits, memory_mb=memory_mb)

        def finish(task: Task, outcome) -> None:
            count_result(summary, store_result(layout, rows, task, outcome), say)
            if bar:
                bar.set_postfix(failed=summary.failed, refresh=False)
                bar.update(1)

        try:
            tasks = read_tasks(todo, finish)
            for task, outcome in run_engine(engine, tasks, min(jobs, len(todo)), scheduler, work, timeout, memory_mb) if todo else ():
                finish(task, outcome)
        finally:
            if bar:
                bar.close()
        summary.tables = build_dataset(layout, rows)
    summary.seconds = time.perf_counter() - started
    return summary


# ---------------------------------------------------------------------------------------
# which inputs to run


def plan(files: list[InputFile], rows: dict[str, dict], force: bool, layout: Layout, summary: BatchSummary,
         unit_of: Callable[[InputFile], str | None]) -> list[tuple[InputFile, str, str | None]]:
    """(input, key, unit given) of the inputs to extract; files no reader takes are recorded here as skipped."""
    todo = []
    for file in files:
        key = part_key(file.real_path)
        if not file.supported:
            summary.skipped += 1
            suffix = os.path.splitext(file.path)[1] or "(none)"
            if file.skip_reason:
                record_without_records(layout, rows, key, file.path, None, "skipped", "NotTaken", file.skip_reason)
            else:
                record_without_records(layout, rows, key, file.path, None, "skipped", "UnsupportedType",
                                       f"unsupported file type {suffix} (batch takes {' '.join(SUPPORTED_SUFFIXES)})")
            continue
        unit = unit_of(file)
        sha256 = file_sha256(file.path)
        if sha256 is None:  # unreadable: read_tasks records the reader's message
            todo.append((file, key, unit))
            continue
        earlier = rows.get(key)
        if not force and earlier and earlier["status"] == "ok" and earlier["sha256"] == sha256 \
                and earlier["extractor_version"] == extractor.__version__ and earlier.get("unit_given") == unit:
            summary.done_before += 1
            continue
        todo.append((file, key, unit))
    return todo


def file_sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def read_tasks(todo: list[tuple[InputFile, str, str | None]], finish: Callable) -> Iterator[Task]:
    """Read each input just before it is sent, so only the files in flight are held in memory.

    A file that cannot be read is finished here, as a failure with the reader's message.
    """
    from extractor.reading import read_bytes

    for file, key, unit in todo:
        try:
            data = read_bytes(file.path)
        except InputError as error:
            finish(Task(file.path, key, b"", unit), error)
            continue
        yield Task(file.path, key, data, unit)


def run_engine(engine: str, tasks: Iterator[Task], jobs: int, scheduler: str | None, work: Callable,
               timeout: float | None = None, memory_mb: int | None = DEFAULT_MEMORY_MB):
    if engine == "local":
        from extractor.batch.local import run_local

        yield from run_local(tasks, jobs, work, timeout, memory_mb)
        return
    from extractor.batch.distributed import ClusterError, run_dask

    try:
        yield from run_dask(tasks, jobs, scheduler, work)
    except ClusterError as error:
        raise BatchError(str(error)) from None


# ---------------------------------------------------------------------------------------
# results → parts


def store_result(layout: Layout, rows: dict[str, dict], task: Task, outcome) -> dict:
    if isinstance(outcome, dict):
        row, tables = outcome["manifest"], outcome["tables"]
        if row["status"] == "ok":
            name = raw_file_name(row["doc_id"], row["sha256"])
            write_raw(layout, name, outcome["raw_text"])
            row["raw_file"] = f"raw/{name}"
    else:
        row, tables = empty_manifest_row(task.path, None if isinstance(outcome, InputError) else task.data, task.unit), {}
        if isinstance(outcome, InputError):
            row["error_type"], row["error"] = "InputError", outcome.reason
        else:
            row["error_type"] = type(outcome).__name__
            row["error"] = f"worker failure: {type(outcome).__name__}: {outcome}"
    write_part(layout, task.key, row, tables)
    rows[task.key] = row
    return row


def record_without_records(layout, rows, key, path, data, status, error_type, error) -> None:
    row = empty_manifest_row(path, data)
    row.update(status=status, error_type=error_type, error=error)
    earlier = rows.get(key)
    if earlier and {**earlier, "seconds": 0.0} == row:
        return
    write_part(layout, key, row, {})
    rows[key] = row


def count_result(summary: BatchSummary, row: dict, say: Callable[[str], None]) -> None:
    if row["status"] == "ok":
        summary.ok += 1
        return
    summary.failed += 1
    message = f"{row['path']}: {row['error']}"
    summary.failures.append(message)
    say(f"extractor: error: {message}")


def progress_bar(total: int, enabled: bool):
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked while the bar runs
    return tqdm(total=total, unit="file", desc="extracting", file=sys.stderr, dynamic_ncols=True, smoothing=0.05)
