"""Benchmark of the full pipeline (read → clean → sections → quantities → indicators → records).

One command, run from the repository root:

    python benchmarks/run.py            # ≈ 2.5 minutes on 2 cores; writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # ≈ 20 s with small sizes: checks that the benchmark works

It measures, on the corpus report replicated to --docs documents:
- latency of one report after start-up, with the caches of tokenized and POS-tagged windows
  emptied (as for a new report) and with them warm (the same report again);
- a single-process sample and the whole batch through --workers processes: documents/s,
  characters/s and MB/s of raw UTF-8 input;
- peak memory: peak resident set size (VmHWM, the per-program ru_maxrss) of the parent and each
  worker, and the Python heap peak of one report (tracemalloc);
- `extractor --help` start-up time (median of several runs) and the first report in a fresh
  process (imports and model loading included);
- 1 vs 2 worker scaling on the same documents;
- linearity: a ~10 MB report (the corpus concatenated) against a ~100 KB one, each in a fresh
  process with its own peak memory;
- the same text through underthesea.word_tokenize and underthesea.ner (line by line, ner on a
  sample), printed as ratios to our throughput.
Results go to stdout and, with the machine description, to benchmarks/RESULTS.md.

Every batch document is processed "cold": the caches of tokenized and POS-tagged windows are
emptied before each one, because a replicated corpus would otherwise hit them for every window
after the first copy and overstate the throughput of distinct reports. --warm-caches keeps them.
Other processes on the machine distort every figure, the 2-worker ones most: run it on a quiet
machine (the load average is recorded with the results).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing: `python benchmarks/run.py`
DEFAULT_CORPUS = ROOT / "corpora" / "mai-son.txt"
DEFAULT_RESULTS = ROOT / "benchmarks" / "RESULTS.md"
MB = 1_000_000

TARGETS = {
    "bytes_per_second_per_core": 1 * MB,  # a 100 KB report in ≤ 0.1 s after start-up
    "bytes_per_second_per_core_both_sizes": 2 * MB,  # issue 17: on a 100 KB and on a 2.5 MB report, cold
    "linearity": 1.25,  # (time ratio) / (size ratio) for a 10 MB vs a 100 KB report
    "help_seconds": 0.5,
    "batch_peak_mb": 400,
    "scaling": 1.8,
}


# ---- the work itself (runs in workers too) ---------------------------------------------------

def peak_rss_mb() -> float:
    """Peak resident set size of this process: VmHWM of /proc/self/status, which starts afresh
    with each program (getrusage's ru_maxrss carries a forking parent's peak over exec), else
    ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def forget_tagged_windows() -> None:
    """Empty the caches of tokenized and POS-tagged windows so that the next report pays for its
    own analysis."""
    from extractor.tagging import forget_windows

    forget_windows()


def process_file(path: str, cold: bool = True) -> tuple[int, int, int, float]:
    """(characters, records, worker pid, worker peak RSS in MB) for one report."""
    from extractor.records import extract_records

    if cold:
        forget_tagged_windows()
    records = extract_records(path)
    return records[0]["chars"], len(records), os.getpid(), peak_rss_mb()


def warm_up_worker() -> int:
    """Load the pipeline (imports, rule tables, the tagger) before timing starts."""
    from extractor.api import records_from_text

    records_from_text("Năm 2024, xã Hát Lót có 1.200 hộ, đạt 95% kế hoạch; 12 ha lúa.")
    return os.getpid()


# ---- measurements ---------------------------------------------------------------------------

def machine() -> dict:
    info = {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gb": _ram_gb(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
    for package in ("underthesea", "regex"):
        try:
            from importlib.metadata import version

            info[package] = version(package)
        except Exception:  # noqa: BLE001 - a missing version is only a blank in the report
            info[package] = "?"
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def help_startup(runs: int) -> dict:
    """`extractor --help` in fresh processes: median and range of wall time."""
    command = [shutil.which("extractor")] if shutil.which("extractor") else [sys.executable, "-m", "extractor"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command + ["--help"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return {"command": " ".join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command)) + " --help",
            "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "runs": runs}


GAZETTEER_LOAD_CODE = """
import time
from extractor.records import extract_records
from extractor.places import load_gazetteer
start = time.perf_counter(); load_gazetteer(); load = time.perf_counter() - start
start = time.perf_counter(); extract_records(__import__("sys").argv[1]); report = time.perf_counter() - start
print(load, report)
"""


def gazetteer_load(corpus: Path, runs: int) -> dict:
    """Loading the gazetteer once (fresh process each run), and as a ratio to extracting one
    report in the same process right after (the gazetteer is then loaded)."""
    loads, ratios = [], []
    for _ in range(runs):
        output = subprocess.run([sys.executable, "-c", GAZETTEER_LOAD_CODE, str(corpus)], check=True,
                                capture_output=True, text=True).stdout.split()
        load, report = float(output[0]), float(output[1])
        loads.append(load)
        ratios.append(load / report)
    return {"median_s": statistics.median(loads), "max_s": max(loads), "ratio_to_one_report": statistics.median(ratios), "runs": runs}


OCR_SPEED_CODE = """
import os, sys, time
sys.path.insert(0, sys.argv[1])
from tests import fixtures_build as build
from tests.test_archive_inputs import SCANNED_REPORT
from extractor.reading import read_document
scanned = build.scan(build.build_footnoted_pdf(SCANNED_REPORT * int(sys.argv[2])))
path = os.path.join(sys.argv[3], "scan.pdf")
open(path, "wb").write(scanned)
start = time.perf_counter(); document = read_document(path); seconds = time.perf_counter() - start
print(seconds, len(document.pages))
"""


def ocr_speed(copies: int) -> dict:
    """A speckled 200-dpi scan of a typeset report (2 pages × ``copies``) read through OCR, with
    pages OCR'd one at a time and as many at once as there are cores: seconds per page, and the
    speed-up of the parallel run (baseline: the one-at-a-time run, same process kind, same input)."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="extractor-ocr-") as directory:
        for name, jobs in (("one_at_a_time", "1"), ("parallel", "")):
            env = {**os.environ, "EXTRACTOR_OCR_JOBS": jobs} if jobs else {k: v for k, v in os.environ.items() if k != "EXTRACTOR_OCR_JOBS"}
            output = subprocess.run([sys.executable, "-c", OCR_SPEED_CODE, str(ROOT), str(copies), directory],
                                    check=True, capture_output=True, text=True, env=env).stdout.split()
            seconds, pages = float(output[0]), int(output[1])
            results[name] = {"seconds": seconds, "pages": pages, "seconds_per_page": seconds / pages}
    results["parallel_speedup"] = results["one_at_a_time"]["seconds"] / results["parallel"]["seconds"]
    return results


def first_report_in_fresh_process(corpus: Path) -> float:
    """Wall time of a fresh interpreter that imports the pipeline and extracts one report."""
    code = "from extractor.records import extract_records; import sys; extract_records(sys.argv[1])"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(corpus)], check=True)
    return time.perf_counter() - start


def single_report_latency(corpus: Path, runs: int) -> dict:
    """One report after start-up (pipeline loaded): cold and warm tagger cache, wall and CPU."""
    from extractor.records import extract_records

    warm_up_worker()
    extract_records(str(corpus))
    result = {}
    for label, cold in (("cold", True), ("warm", False)):
        walls, cpus = [], []
        for _ in range(runs):
            if cold:
                forget_tagged_windows()
            wall, cpu = time.perf_counter(), time.process_time()
            extract_records(str(corpus))
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        result[label] = {"median_s": statistics.median(walls), "min_s": min(walls), "cpu_median_s": statistics.median(cpus)}
    return result


def python_heap_peak(corpus: Path) -> float:
    """Peak of Python allocations (tracemalloc) while one report is processed, in MB."""
    import tracemalloc

    from extractor.records import extract_records

    warm_up_worker()
    forget_tagged_windows()
    tracemalloc.start()
    extract_records(str(corpus))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / MB


def sequential_sample(paths: list[str], cold: bool) -> dict:
    """The first documents one after another in this process."""
    warm_up_worker()
    chars = 0
    start = time.perf_counter()
    for path in paths:
        chars += process_file(path, cold)[0]
    seconds = time.perf_counter() - start
    return _throughput(paths, chars, seconds)


def pool_run(paths: list[str], workers: int, cold: bool, listing: Path) -> dict:
    """All documents through ``workers`` processes, run from a fresh, light parent process (this
    script with --pool-run) whose workers are spawned, not forked: each peak RSS is then the
    process's own, not pages shared with a parent that has loaded the pipeline."""
    listing.write_text("\n".join(paths), encoding="utf-8")
    command = [sys.executable, __file__, "--pool-run", str(listing), "--workers", str(workers)]
    output = subprocess.run(command + ([] if cold else ["--warm-caches"]), check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def pool_run_here(paths: list[str], workers: int, cold: bool) -> dict:
    """(--pool-run) The pool itself; workers load the pipeline before timing starts."""
    import multiprocessing

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_warm_up_slowly, range(workers)))  # every worker loads the pipeline first
        chars, peaks = 0, {}
        start = time.perf_counter()
        for document_chars, _, pid, peak_mb in pool.map(process_file, paths, [cold] * len(paths), chunksize=4):
            chars += document_chars
            peaks[pid] = max(peaks.get(pid, 0), peak_mb)
        seconds = time.perf_counter() - start
    result = _throughput(paths, chars, seconds)
    result["workers"] = workers
    result["worker_peak_mb"] = max(peaks.values()) if peaks else 0.0
    result["parent_peak_mb"] = peak_rss_mb()
    result["total_peak_mb"] = result["parent_peak_mb"] + sum(peaks.values())
    return result


def _warm_up_slowly(_: int) -> int:
    pid = warm_up_worker()
    time.sleep(0.5)  # keep this worker busy so that the next warm-up lands on another one
    return pid


def _throughput(paths: list[str], chars: int, seconds: float) -> dict:
    raw_bytes = sum(os.path.getsize(p) for p in paths)
    return {"documents": len(paths), "seconds": seconds, "docs_per_s": len(paths) / seconds,
            "chars_per_s": chars / seconds, "mb_per_s": raw_bytes / MB / seconds, "chars": chars, "bytes": raw_bytes}


def measure_in_fresh_process(path: Path, repeat: int) -> dict:
    """Time one file in a new interpreter (this script with --measure-file): the peak RSS is then
    that file's own."""
    output = subprocess.run([sys.executable, __file__, "--measure-file", str(path), "--repeat", str(repeat)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_file(path: str, repeat: int) -> dict:
    """(--measure-file) Best of ``repeat`` cold runs of one file after warming up, and peak RSS."""
    from extractor.records import extract_records

    warm_up_worker()
    times = []
    for _ in range(repeat):
        forget_tagged_windows()
        start = time.perf_counter()
        records = extract_records(path)
        times.append(time.perf_counter() - start)
    return {"seconds": min(times), "chars": records[0]["chars"], "bytes": os.path.getsize(path), "records": len(records),
            "peak_rss_mb": peak_rss_mb()}


def linearity(corpus: Path, workdir: Path, small_chars: int, big_chars: int, medium_bytes: int) -> dict:
    text = corpus.read_text(encoding="utf-8")
    small = workdir / "small.txt"
    big = workdir / "big.txt"
    small.write_text(_cut_at_line(text, small_chars), encoding="utf-8")
    copies = -(-big_chars // len(text))
    big.write_text("\n".join([text] * copies), encoding="utf-8")
    medium = workdir / "medium.txt"
    data = "\n".join([text] * -(-medium_bytes // len(text.encode("utf-8")))).encode("utf-8")
    medium.write_bytes(data[: data.rfind(b"\n", 0, medium_bytes)])  # whole lines, just under the size
    small_result = measure_in_fresh_process(small, repeat=5)
    medium_result = measure_in_fresh_process(medium, repeat=2)
    big_result = measure_in_fresh_process(big, repeat=1)
    size_ratio = big_result["chars"] / small_result["chars"]
    time_ratio = big_result["seconds"] / small_result["seconds"]
    return {"small": small_result, "medium": medium_result, "big": big_result, "size_ratio": size_ratio,
            "time_ratio": time_ratio, "factor": time_ratio / size_ratio}


SCALING_CASES = {  # name → (builder of `size` bytes, sizes in MB; the --quick sizes)
    "one line (line breaks lost)": ("long_line", (1, 2, 4, 8, 30), (0.25, 0.5, 1)),
    "footnote-like lines": ("footnote_lines", (0.5, 1, 2.3), (0.1, 0.2, 0.4)),
    "digits, separators and ranges": ("digit_runs", (1, 2, 5.5), (0.2, 0.4, 0.8)),
}


def scaling_inputs(kind: str, size: int) -> bytes:
    """The inputs of issue 18's scaling cases, built as the hostile-input suite builds them."""
    from tests import test_robustness as hostile

    if kind == "long_line":
        return hostile._one_long_line(size)
    if kind == "footnote_lines":
        data = hostile._footnote_lines(max(2, size // 46))  # about 46 bytes a line
        return data[:size].rsplit(b"\n", 1)[0]
    return hostile._repeat_to("12.345,67 / 89-10; 1,2.3:4 (5) 2020 - 2025 0,5% từ 3 - 5 ha; 10-15% ", size).encode("utf-8")


def hostile_scaling(workdir: Path, quick: bool) -> dict:
    """Time and peak memory against input size for the scaling cases, each size in a fresh
    process (its own VmHWM); ``factor`` is (time ratio) ÷ (size ratio) of the largest to the
    smallest: 1 is linear."""
    results = {}
    for name, (kind, sizes, quick_sizes) in SCALING_CASES.items():
        rows = []
        for size_mb in quick_sizes if quick else sizes:
            path = workdir / f"{kind}-{size_mb}.txt"
            path.write_bytes(scaling_inputs(kind, int(size_mb * MB)))
            rows.append(measure_in_fresh_process(path, repeat=1))
        first, last = rows[0], rows[-1]
        results[name] = {"runs": rows, "factor": (last["seconds"] / first["seconds"]) / (last["bytes"] / first["bytes"])}
    return results


def _cut_at_line(text: str, chars: int) -> str:
    cut = text.rfind("\n", 0, chars)
    return text[: cut if cut > 0 else chars]


def underthesea_baseline(corpus: Path, ner_chars: int) -> dict:
    """underthesea.word_tokenize on every line of the report and underthesea.ner on the first
    lines up to ``ner_chars`` characters (it is far slower), both after a warm-up call."""
    from underthesea import ner, word_tokenize

    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    word_tokenize(lines[0])
    ner(lines[0])
    result = {}
    for name, function, limit in (("word_tokenize", word_tokenize, None), ("ner", ner, ner_chars)):
        sample, chars = [], 0
        for line in lines:
            if limit is not None and chars >= limit:
                break
            sample.append(line)
            chars += len(line)
        start = time.perf_counter()
        for line in sample:
            function(line)
        seconds = time.perf_counter() - start
        result[name] = {"chars": chars, "seconds": seconds, "chars_per_s": chars / seconds,
                        "sample": "whole report" if limit is None or chars < limit else f"first {chars:,} characters"}
    return result


# ---- report ----------------------------------------------------------------------------------

def run(args) -> dict:
    corpus = Path(args.corpus).resolve()
    results = {"started": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(), "corpus": {"path": str(corpus.relative_to(ROOT)) if corpus.is_relative_to(ROOT) else str(corpus),
               "bytes": corpus.stat().st_size, "chars": len(corpus.read_text(encoding="utf-8"))},
               "cold": not args.warm_caches, "settings": vars(args)}
    step = _progress()
    results["help"] = help_startup(args.help_runs)
    step("start-up")
    results["gazetteer_load"] = gazetteer_load(corpus, args.help_runs)
    if shutil.which("tesseract"):
        results["ocr"] = ocr_speed(2 if args.quick else 4)
        step("OCR of a scanned report")
    results["first_report_fresh_process_s"] = first_report_in_fresh_process(corpus)
    results["latency"] = single_report_latency(corpus, args.latency_runs)
    results["heap_peak_mb"] = python_heap_peak(corpus)
    step("single report")
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as directory:
        workdir = Path(directory)
        paths = _replicate(corpus, workdir / "docs", args.docs)
        cold = not args.warm_caches
        results["sample"] = sequential_sample(paths[: args.sample], cold)
        step(f"single-process sample of {args.sample}")
        listing = workdir / "paths.txt"
        results["scaling"] = {
            "one": pool_run(paths[: args.scaling_docs], 1, cold, listing),
            "two": pool_run(paths[: args.scaling_docs], 2, cold, listing),
        }
        results["scaling"]["speedup"] = results["scaling"]["one"]["seconds"] / results["scaling"]["two"]["seconds"]
        step(f"1 vs 2 workers on {args.scaling_docs}")
        results["batch"] = pool_run(paths, args.workers, cold, listing)
        step(f"batch of {args.docs} through {args.workers} workers")
        results["linearity"] = linearity(corpus, workdir, args.small_chars, args.big_chars, args.medium_bytes)
        step("linearity")
        results["hostile_scaling"] = hostile_scaling(workdir, args.quick)
        step("scaling of hostile inputs")
    results["baseline"] = underthesea_baseline(corpus, args.ner_chars)
    step("underthesea baseline")
    return results


def _replicate(corpus: Path, folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True)
    data = corpus.read_bytes()
    paths = []
    for index in range(count):
        path = folder / f"{corpus.stem}-{index:04d}.txt"
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def _progress():
    start = time.perf_counter()

    def step(what: str) -> None:
        print(f"[{time.perf_counter() - start:6.1f}s] {what} done", file=sys.stderr, flush=True)

    return step


def markdown(results: dict) -> str:
    m, c = results["machine"], results["corpus"]
    latency, sample, batch = results["latency"], results["sample"], results["batch"]
    scaling, linear, baseline = results["scaling"], results["linearity"], results["baseline"]
    per_core_bytes = c["bytes"] / latency["cold"]["median_s"]
    ours_chars = c["chars"] / latency["cold"]["median_s"]
    load = m["load_average"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py` (run started {results.get('started', '?')}). Re-run it to refresh this file.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}; {m['cores']} logical cores ({m['usable_cores']} usable)",
        f"- RAM: {m['ram_gb']} GB",
        f"- Python {m['python']} on {m['platform']}; underthesea {m['underthesea']}, regex {m['regex']}",
        f"- Load average when the run started: {', '.join(f'{x:.2f}' for x in load) if load else 'n/a'}"
        " (other processes on the machine slow every figure below, the 2-worker ones most)",
        "",
        f"Corpus: `{c['path']}`, {c['chars']:,} characters, {c['bytes']:,} bytes of UTF-8. "
        + ("Documents are processed cold unless marked warm: the caches of tokenized and POS-tagged windows are emptied before each."
           if results["cold"] else "Caches are kept warm between documents (--warm-caches)."),
        "",
        "## Against the targets",
        "",
        "| target | goal | measured | met |",
        "|---|---|---|---|",
        _row("raw text per second per core (one report after start-up, cold cache)", "≥ 1.00 MB/s",
             f"{per_core_bytes / MB:.2f} MB/s ({c['bytes'] / 1000:.0f} KB in {latency['cold']['median_s'] * 1000:.0f} ms)",
             per_core_bytes >= TARGETS["bytes_per_second_per_core"]),
        _row(f"a {linear['small']['chars'] / 1000:.0f} K-character report after start-up, cold cache (best of 5, fresh process)",
             "≤ 0.10 s", f"{linear['small']['seconds']:.3f} s ({linear['small']['bytes'] / 1000:.0f} KB of UTF-8)",
             linear["small"]["seconds"] <= 0.1),
        *(_row(f"raw text per second per core, {run_['bytes'] / MB:.2f} MB report after start-up, cold cache (fresh process)",
               "≥ 2.00 MB/s", f"{run_['bytes'] / MB / run_['seconds']:.2f} MB/s ({run_['seconds']:.3f} s)",
               run_["bytes"] / run_["seconds"] >= TARGETS["bytes_per_second_per_core_both_sizes"])
          for run_ in (linear["small"], linear["medium"])),
        _row("linear in size (10 MB vs 100 KB: time ratio ÷ size ratio)", f"≤ {TARGETS['linearity']}",
             f"{linear['factor']:.2f} ({linear['time_ratio']:.0f}× the time for {linear['size_ratio']:.0f}× the text)",
             linear["factor"] <= TARGETS["linearity"]),
        _row("`extractor --help`", "≤ 0.5 s", f"{results['help']['median_s']:.2f} s (median of {results['help']['runs']})",
             results["help"]["median_s"] <= TARGETS["help_seconds"]),
        _row(f"peak memory, batch of {batch['documents']:,} (parent + workers, peak RSS)", "< 400 MB",
             f"{batch['total_peak_mb']:.0f} MB", batch["total_peak_mb"] < TARGETS["batch_peak_mb"]),
        _row("2 workers vs 1", f"≥ {TARGETS['scaling']}×", f"{scaling['speedup']:.2f}×", scaling["speedup"] >= TARGETS["scaling"]),
        "",
        "## Throughput",
        "",
        "| run | documents | seconds | documents/s | characters/s | MB/s (UTF-8 input) |",
        "|---|---|---|---|---|---|",
        _throughput_row("one report after start-up, cold cache (median)", 1, latency["cold"]["median_s"], c),
        _throughput_row("one report after start-up, warm cache (median)", 1, latency["warm"]["median_s"], c),
        _throughput_row("single-process sample", sample["documents"], sample["seconds"], c),
        _throughput_row(f"1 worker process ({scaling['one']['documents']} documents)", scaling["one"]["documents"], scaling["one"]["seconds"], c),
        _throughput_row(f"2 worker processes ({scaling['two']['documents']} documents)", scaling["two"]["documents"], scaling["two"]["seconds"], c),
        _throughput_row(f"batch, {batch['workers']} worker processes", batch["documents"], batch["seconds"], c),
        "",
        f"CPU time of one report: {latency['cold']['cpu_median_s'] * 1000:.0f} ms cold, {latency['warm']['cpu_median_s'] * 1000:.0f} ms warm. "
        f"First report in a fresh process (interpreter, imports, rule tables and tagger model included): "
        f"{results['first_report_fresh_process_s']:.2f} s.",
        "",
        "## Memory",
        "",
        f"- Batch of {batch['documents']:,}: largest worker {batch['worker_peak_mb']:.0f} MB, parent {batch['parent_peak_mb']:.0f} MB, "
        f"sum {batch['total_peak_mb']:.0f} MB (peak resident set size of each process, VmHWM in /proc/PID/status, the per-program form of "
        "`getrusage().ru_maxrss`; the orchestrating parent spawns its workers and loads no pipeline; the sum of the peaks bounds the batch's peak).",
        f"- One report: Python heap peak {results['heap_peak_mb']:.1f} MB (`tracemalloc`, allocations made while extracting it).",
        f"- Linearity runs, each in a fresh process: {linear['small']['peak_rss_mb']:.0f} MB for the {linear['small']['bytes'] / 1000:.0f} KB report, "
        f"{linear['big']['peak_rss_mb']:.0f} MB for the {linear['big']['bytes'] / MB:.1f} MB one (VmHWM).",
        "",
        "## Linearity",
        "",
        "| report | characters | bytes | seconds | characters/s | records |",
        "|---|---|---|---|---|---|",
        *(f"| {name} | {r['chars']:,} | {r['bytes']:,} | {r['seconds']:.3f} | {r['chars'] / r['seconds']:,.0f} | {r['records']:,} |"
          for name, r in (("~100 KB (corpus cut at a line)", linear["small"]), ("~10 MB (corpus concatenated)", linear["big"]))),
        "",
        "## Hostile inputs: time and memory against size",
        "",
        "Each size in a fresh process (time of the pipeline after start-up; peak RSS of the whole process). "
        "Factor: (time ratio) ÷ (size ratio), largest against smallest; 1.0 is linear. Issue 18's bound: a 30 MB line in ≤ 30 s, "
        "no process over 1.5 GB.",
        "",
        "| input | bytes | seconds | MB/s | peak RSS | records |",
        "|---|---|---|---|---|---|",
        *(f"| {name} | {r['bytes']:,} | {r['seconds']:.2f} | {r['bytes'] / MB / r['seconds']:.2f} | {r['peak_rss_mb']:.0f} MB | {r['records']:,} |"
          for name, case in results.get("hostile_scaling", {}).items() for r in case["runs"]),
        "",
        *(f"- {name}: factor {case['factor']:.2f}" for name, case in results.get("hostile_scaling", {}).items()),
        "",
        "## Baseline: underthesea on the same text",
        "",
        "| tool | text | characters/s | ours (cold, one process) ÷ tool |",
        "|---|---|---|---|",
        *(f"| `underthesea.{name}` (line by line) | {b['sample']} | {b['chars_per_s']:,.0f} | {ours_chars / b['chars_per_s']:.1f}× |"
          for name, b in baseline.items()),
        f"| this pipeline (all stages) | whole report | {ours_chars:,.0f} | 1.0× |",
        "",
        "## Gazetteer and OCR",
        "",
        f"- Gazetteer load (fresh process): {results['gazetteer_load']['median_s']:.2f} s median, "
        f"{results['gazetteer_load']['ratio_to_one_report']:.2f}× one report's extraction in the same process (goal ≤ 0.3 s).",
    ]
    if "ocr" in results:
        ocr = results["ocr"]
        lines.append(
            f"- OCR of a speckled 200-dpi scan of a typeset report ({ocr['parallel']['pages']} pages, rendered at 300 dpi): "
            f"{ocr['parallel']['seconds_per_page']:.2f} s per page with pages OCR'd in parallel, "
            f"{ocr['one_at_a_time']['seconds_per_page']:.2f} s one at a time ({ocr['parallel_speedup']:.2f}×; goal ≤ 3 s per page on 2 cores).")
    lines.append("")
    return "\n".join(lines)


def _row(what: str, goal: str, measured: str, met: bool) -> str:
    return f"| {what} | {goal} | {measured} | {'yes' if met else '**no**'} |"


def _throughput_row(label: str, documents: int, seconds: float, corpus: dict) -> str:
    return (f"| {label} | {documents:,} | {seconds:.3f} | {documents / seconds:.2f} | {documents * corpus['chars'] / seconds:,.0f} "
            f"| {documents * corpus['bytes'] / MB / seconds:.2f} |")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="report to replicate (default: %(default)s)")
    parser.add_argument("--docs", type=int, default=1000, help="documents in the batch (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for the batch (default: %(default)s)")
    parser.add_argument("--sample", type=int, default=50, help="documents in the single-process sample (default: %(default)s)")
    parser.add_argument("--scaling-docs", type=int, default=200, help="documents for 1 vs 2 workers (default: %(default)s)")
    parser.add_argument("--latency-runs", type=int, default=7, help="runs of one report (default: %(default)s)")
    parser.add_argument("--help-runs", type=int, default=7, help="runs of `extractor --help` (default: %(default)s)")
    parser.add_argument("--small-chars", type=int, default=100_000, help="size of the small report (default: %(default)s)")
    parser.add_argument("--medium-bytes", type=int, default=2_500_000, help="UTF-8 size of the medium report (default: %(default)s)")
    parser.add_argument("--big-chars", type=int, default=10_000_000, help="size of the big report (default: %(default)s)")
    parser.add_argument("--ner-chars", type=int, default=20_000, help="characters given to underthesea.ner (default: %(default)s)")
    parser.add_argument("--warm-caches", action="store_true", help="keep the tokenizer and POS-tag caches between documents")
    parser.add_argument("--quick", action="store_true", help="small sizes: checks that the benchmark runs")
    parser.add_argument("--output", default=str(DEFAULT_RESULTS), help="markdown results file (default: %(default)s)")
    parser.add_argument("--no-write", action="store_true", help="print the results without writing the file")
    parser.add_argument("--json", action="store_true", help="also print the raw measurements as JSON")
    parser.add_argument("--measure-file", help=argparse.SUPPRESS)
    parser.add_argument("--pool-run", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.sample, args.scaling_docs = 40, 10, 20
        args.latency_runs, args.help_runs, args.big_chars, args.ner_chars = 3, 3, 1_000_000, 5_000
        args.medium_bytes = 500_000
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    if args.measure_file:
        print(json.dumps(measure_file(args.measure_file, args.repeat)))
        return
    if args.pool_run:
        paths = Path(args.pool_run).read_text(encoding="utf-8").splitlines()
        print(json.dumps(pool_run_here(paths, args.workers, not args.warm_caches)))
        return
    results = run(args)
    report = markdown(results)
    print(report)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    if not args.no_write:
        Path(args.output).write_text(report, encoding="utf-8")
        print(f"written: {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
