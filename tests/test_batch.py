"""`extractor batch` and `extractor query`: datasets at scale, resume after a kill, Dask scale-out."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.batch.commands import batch, query
from extractor.batch.runner import BatchError, run_batch
from tests.conftest import CORPUS_REPORT, ROOT

RECORD_TABLES = ("document", "section", "footnote", "quantity", "indicator")
EXCERPT_FIRST_LINE = 200  # from here ~10 KB of the report hold every record type
EXCERPT_BYTES = 10_000


# --- helpers ------------------------------------------------------------------------------


def report_text() -> str:
    with open(CORPUS_REPORT, encoding="utf-8", newline="") as handle:
        return handle.read()


def excerpt_text() -> str:
    lines, size = [], 0
    for line in report_text().splitlines(keepends=True)[EXCERPT_FIRST_LINE:]:
        size += len(line.encode("utf-8"))
        if size > EXCERPT_BYTES:
            break
        lines.append(line)
    return "".join(lines)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def single_counts(text: str) -> Counter:
    """Records per type of one copy, extracted directly (what every copy must contribute)."""
    from extractor.reading import read_document
    from extractor.records import extract_records

    return Counter(r["type"] for r in extract_records(read_document("one.txt", text.encode("utf-8"))))


CORRUPT_FILES = {
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "undecodable": bytes(random.Random(0).randrange(0x80, 0x100) for _ in range(400)),
}


def replicated_inputs(root: Path, text: str, copies: int) -> tuple[list[str], dict[str, Path]]:
    """Copies in nested folders (all with doc_id "mai-son") and flat ones matched by a glob,
    plus the three corrupt files: in the tree, in the glob, and named on the command line."""
    in_tree = copies * 3 // 4
    for number in range(in_tree):
        write(root / "tree" / f"group{number % 7}" / f"copy{number:03d}" / "mai-son.txt", text)
    for number in range(in_tree, copies):
        write(root / "flat" / f"mai-son-{number:03d}.txt", text)
    corrupt = {
        "empty": write(root / "tree" / "group0" / "empty.txt", CORRUPT_FILES["empty"]),
        "binary": write(root / "flat" / "binary.txt", CORRUPT_FILES["binary"]),
        "undecodable": write(root / "named" / "undecodable.txt", CORRUPT_FILES["undecodable"]),
    }
    return [str(root / "tree"), str(root / "flat" / "*.txt"), str(corrupt["undecodable"])], corrupt


def tables(dataset: Path) -> dict:
    """Every Parquet table, sorted by a stable key; manifest without its timing column."""
    import pyarrow.parquet as pq

    found = {}
    for name in RECORD_TABLES:
        table = pq.read_table(dataset / f"{name}.parquet")
        keys = [("source", "ascending")] + ([("id", "ascending")] if "id" in table.column_names else [])
        found[name] = table.sort_by(keys)
    manifest = pq.read_table(dataset / "manifest.parquet")
    found["manifest"] = manifest.drop_columns(["seconds"]).sort_by([("path", "ascending")])
    return found


def assert_same_dataset(first: Path, second: Path) -> None:
    left, right = tables(first), tables(second)
    for name in left:
        assert left[name].schema == right[name].schema, name
        assert left[name].equals(right[name]), f"table {name} differs"
    assert sorted(p.name for p in (first / "raw").iterdir()) == sorted(p.name for p in (second / "raw").iterdir())


def check_no_lost_rows(dataset: Path, copies: int, per_copy: Counter) -> None:
    import duckdb

    found = tables(dataset)
    manifest = found["manifest"].to_pylist()
    assert Counter(row["status"] for row in manifest) == {"ok": copies, "failed": 3}
    ok_paths = {row["path"] for row in manifest if row["status"] == "ok"}
    for name in RECORD_TABLES:
        rows = found[name].to_pylist()
        assert len(rows) == copies * per_copy[name], name
        assert sum(row[f"n_{name}"] for row in manifest) == len(rows), name
        assert {row["source"] for row in rows} == (ok_paths if per_copy[name] else set()), name
        keys = [(row["source"], row.get("id")) for row in rows]
        assert len(set(keys)) == len(keys), f"duplicate rows in {name}"
    with duckdb.connect(str(dataset / "dataset.duckdb"), read_only=True) as con:
        for name in RECORD_TABLES + ("manifest",):
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == found[name].num_rows
    assert not list((dataset / "parts" / ".tmp").iterdir())


def check_failures(dataset: Path, corrupt: dict[str, Path]) -> None:
    import pyarrow.parquet as pq

    failed = {row["path"]: row for row in pq.read_table(dataset / "manifest.parquet").to_pylist() if row["status"] == "failed"}
    assert set(failed) == {os.path.normpath(str(path)) for path in corrupt.values()}
    for kind, path in corrupt.items():
        row = failed[os.path.normpath(str(path))]
        assert row["error_type"] == "InputError"
        assert {"empty": "empty file", "binary": "binary", "undecodable": "undecodable"}[kind] in row["error"], row
        assert "Traceback" not in row["error"]


def check_offsets(dataset: Path, sample: int = 50) -> None:
    import pyarrow.parquet as pq

    raw_of = {row["path"]: row["raw_file"] for row in pq.read_table(dataset / "manifest.parquet").to_pylist()}
    quantities = pq.read_table(dataset / "quantity.parquet").to_pylist()
    for row in quantities[:: max(1, len(quantities) // sample)]:
        text = (dataset / raw_of[row["source"]]).read_text(encoding="utf-8")
        assert text[row["start"]:row["end"]] == row["text"]


def run_replicated(tmp_path: Path, text: str, copies: int = 200) -> None:
    inputs, corrupt = replicated_inputs(tmp_path / "in", text, copies)
    dataset = tmp_path / "dataset"
    summary = run_batch(inputs, str(dataset), jobs=2, progress=False)
    assert (summary.ok, summary.failed, summary.skipped, summary.inputs) == (copies, 3, 0, copies + 3)
    assert len(summary.failures) == 3
    per_copy = single_counts(text)
    assert all(per_copy[name] for name in RECORD_TABLES), per_copy  # the sample exercises every table
    check_no_lost_rows(dataset, copies, per_copy)
    check_failures(dataset, corrupt)
    check_offsets(dataset)
    doc_ids = {row["doc_id"] for row in tables(dataset)["document"].to_pylist()}
    assert len(list((dataset / "raw").iterdir())) == len(doc_ids)  # same doc_id and bytes: one raw file


# --- done-when checks ---------------------------------------------------------------------


def test_excerpt_200_copies_and_3_corrupt_files_lose_nothing(tmp_path):
    """200 copies of a ~10 KB excerpt of the report (fast); the full report is the slow test below."""
    run_replicated(tmp_path, excerpt_text())


@pytest.mark.slow
def test_full_report_200_copies_and_3_corrupt_files_lose_nothing(tmp_path):
    """The report itself ×200 (about 30-40 s on 2 cores)."""
    run_replicated(tmp_path, report_text())


def extractor_command() -> list[str]:
    """`python -m extractor` once `batch` is registered on the main group; the subpackage's own group before."""
    from extractor.cli import main

    return [sys.executable, "-m", "extractor" if "batch" in main.commands else "extractor.batch"]


def batch_process(inputs: Path, dataset: Path) -> subprocess.Popen:
    return subprocess.Popen(
        extractor_command() + ["batch", str(inputs), "-o", str(dataset), "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def wait_for_parts(process: subprocess.Popen, parts: Path, count: int) -> None:
    """Until the running batch has finished ``count`` inputs (its parts), to kill it mid-run."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if parts.is_dir() and len([p for p in parts.iterdir() if not p.name.startswith(".")]) >= count:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the batch ended before it could be killed"


def test_killed_batch_resumes_to_the_same_dataset(tmp_path):
    inputs = tmp_path / "in"
    copies = 24
    for number in range(copies):
        write(inputs / f"c{number % 3}" / f"report-{number:02d}.txt", report_text())
    write(inputs / "broken.txt", CORRUPT_FILES["binary"])

    killed = tmp_path / "killed"
    process = batch_process(inputs, killed)
    parts = killed / "parts"
    wait_for_parts(process, parts, 5)
    os.killpg(process.pid, signal.SIGKILL)  # the driver and its worker processes, mid-run
    process.wait()
    process.stdout.close(), process.stderr.close()
    done_at_kill = len([p for p in parts.iterdir() if not p.name.startswith(".")])
    assert done_at_kill < copies + 1
    assert not (killed / "quantity.parquet").exists()
    # what finished before the kill can be queried at once, without running the batch again
    seen = CliRunner().invoke(query, [str(killed), "SELECT count(*) AS n FROM manifest", "--format", "json"])
    assert seen.exit_code == 0, seen.output
    assert "a batch stopped before its end" in seen.output
    assert json.loads(seen.stdout)[0]["n"] == done_at_kill

    resumed = batch_process(inputs, killed)
    _, resumed_err = resumed.communicate(timeout=300)
    assert resumed.returncode == 1, resumed_err  # the broken file
    assert "Traceback" not in resumed_err.decode("utf-8")
    already = int(resumed_err.decode("utf-8").split(" already done")[0].rsplit(" ", 1)[1])
    assert already >= done_at_kill - 1  # every file done before the kill (the broken one is retried)

    uninterrupted = tmp_path / "uninterrupted"
    reference = batch_process(inputs, uninterrupted)
    reference.communicate(timeout=300)
    assert reference.returncode == 1
    assert_same_dataset(killed, uninterrupted)
    assert tables(killed)["document"].num_rows == copies


def test_dask_cluster_run_matches_local_run(tmp_path):
    distributed = pytest.importorskip("distributed")
    inputs = tmp_path / "in"
    for number in range(6):
        write(inputs / f"d{number % 2}" / "mai-son.txt" if number < 2 else inputs / f"x{number}.txt", excerpt_text())
    write(inputs / "full" / "mai-son.txt", report_text())
    write(inputs / "empty.txt", b"")

    local = tmp_path / "local"
    run_batch([str(inputs)], str(local), jobs=2, progress=False)
    on_dask = tmp_path / "dask"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_batch([str(inputs)], str(on_dask), engine="dask", scheduler=cluster.scheduler_address,
                            progress=False)
    assert (summary.ok, summary.failed) == (7, 1)
    assert_same_dataset(local, on_dask)


# --- robustness ---------------------------------------------------------------------------


def explode_on_boom(raw, unit=None):
    """An extractor with a bug on one file."""
    from extractor.records import extract_records

    if "boom" in raw.source:
        raise ZeroDivisionError("division by zero in a rule")
    return extract_records(raw)


def die_on_crash(raw, unit=None):
    """An extractor whose process dies on one file (as a native crash or the OOM killer would)."""
    from extractor.records import extract_records

    if "crash" in raw.source:
        os._exit(3)
    return extract_records(raw)


def test_a_bug_on_one_file_is_recorded_with_its_type(tmp_path):
    for name in ("a", "boom", "b"):
        write(tmp_path / "in" / f"{name}.txt", excerpt_text())
    summary = run_batch([str(tmp_path / "in")], str(tmp_path / "ds"), jobs=2, extract=explode_on_boom, progress=False)
    assert (summary.ok, summary.failed) == (2, 1)
    row = next(r for r in tables(tmp_path / "ds")["manifest"].to_pylist() if r["status"] == "failed")
    assert row["error_type"] == "ZeroDivisionError"
    assert row["error"] == "internal error: ZeroDivisionError: division by zero in a rule"


def test_a_worker_that_dies_fails_only_its_file(tmp_path):
    for name in ("a", "b", "crash", "c", "d", "e"):
        write(tmp_path / "in" / f"{name}.txt", excerpt_text())
    summary = run_batch([str(tmp_path / "in")], str(tmp_path / "ds"), jobs=2, extract=die_on_crash, progress=False)
    assert (summary.ok, summary.failed) == (5, 1)
    row = next(r for r in tables(tmp_path / "ds")["manifest"].to_pylist() if r["status"] == "failed")
    assert row["path"].endswith("crash.txt") and row["error_type"] == "WorkerDied"


def test_rerun_skips_done_inputs_and_redoes_changed_ones(tmp_path):
    inputs = tmp_path / "in"
    for name in ("a", "b", "c"):
        write(inputs / f"{name}.txt", excerpt_text())
    dataset = tmp_path / "ds"
    run_batch([str(inputs)], str(dataset), jobs=1, progress=False)
    write(inputs / "b.txt", excerpt_text()[: EXCERPT_BYTES // 2])
    again = run_batch([str(inputs)], str(dataset), jobs=1, progress=False)
    assert (again.done_before, again.ok) == (2, 1)
    documents = tables(dataset)["document"].to_pylist()
    assert len(documents) == 3  # b's rows replaced, not added
    forced = run_batch([str(inputs / "a.txt"), str(inputs)], str(dataset), jobs=1, force=True, progress=False)
    assert (forced.done_before, forced.ok, forced.inputs) == (0, 3, 3)  # a named twice is one input


def test_new_extractor_version_redoes_inputs(tmp_path, monkeypatch):
    import extractor

    write(tmp_path / "in" / "a.txt", excerpt_text())
    run_batch([str(tmp_path / "in")], str(tmp_path / "ds"), jobs=1, progress=False)
    monkeypatch.setattr(extractor, "__version__", "99.0")
    again = run_batch([str(tmp_path / "in")], str(tmp_path / "ds"), jobs=1, progress=False)
    assert (again.done_before, again.ok) == (0, 1)
    assert tables(tmp_path / "ds")["manifest"].to_pylist()[0]["extractor_version"] == "99.0"


def test_folders_skip_unsupported_and_hidden_files(tmp_path):
    write(tmp_path / "in" / "a.txt", excerpt_text())
    write(tmp_path / "in" / "notes.md", "# notes")
    write(tmp_path / "in" / ".hidden.txt", excerpt_text())
    write(tmp_path / "in" / ".git" / "x.txt", excerpt_text())
    summary = run_batch([str(tmp_path / "in"), str(tmp_path / "nothing*.txt")], str(tmp_path / "ds"), progress=False)
    assert (summary.ok, summary.skipped, summary.inputs) == (1, 1, 2)
    assert summary.problems == [f"{tmp_path / 'nothing*.txt'}: no file matches"]
    skipped = [r for r in tables(tmp_path / "ds")["manifest"].to_pylist() if r["status"] == "skipped"]
    assert skipped[0]["path"].endswith("notes.md") and "unsupported file type .md" in skipped[0]["error"]


def test_no_inputs_and_locked_dataset_are_clear_errors(tmp_path):
    from extractor.batch.dataset import DatasetError, Layout, locked

    with pytest.raises(BatchError, match="no input files"):
        run_batch([str(tmp_path / "missing.txt")], str(tmp_path / "ds"))
    write(tmp_path / "a.txt", excerpt_text())
    with locked(Layout(tmp_path / "ds")), pytest.raises(DatasetError, match="another batch"):
        run_batch([str(tmp_path / "a.txt")], str(tmp_path / "ds"))


def test_leftovers_of_a_killed_run_are_removed(tmp_path):
    write(tmp_path / "a.txt", excerpt_text())
    dataset = tmp_path / "ds"
    run_batch([str(tmp_path / "a.txt")], str(dataset), progress=False)
    half_written = dataset / "parts" / ".tmp" / "0123-99"
    write(half_written / "quantity.jsonl.gz", '{"type": "quantity", "doc_id": "ghost"')
    write(dataset / "raw" / "ghost.txt.tmp99", "partial")
    run_batch([str(tmp_path / "a.txt")], str(dataset), progress=False)
    assert not half_written.exists() and not (dataset / "raw" / "ghost.txt.tmp99").exists()
    assert tables(dataset)["document"].num_rows == 1


# --- the commands -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("small")
    write(root / "in" / "a" / "mai-son.txt", report_text())
    write(root / "in" / "b" / "mai-son.txt", excerpt_text())
    write(root / "in" / "bad.txt", b"")
    result = CliRunner().invoke(batch, [str(root / "in"), "-o", str(root / "ds"), "-j", "2"])
    assert result.exit_code == 1  # bad.txt
    assert f"extractor: error: {root / 'in' / 'bad.txt'}: empty file" in result.output
    assert "3 input(s): 2 ok, 1 failed" in result.output and "Traceback" not in result.output
    return root / "ds"


def test_dataset_files(small_dataset):
    names = {p.name for p in small_dataset.iterdir()}
    assert {f"{t}.parquet" for t in RECORD_TABLES + ("manifest",)} | {"dataset.duckdb", "parts", "raw"} <= names


def test_nested_fields_are_native_lists_and_structs(small_dataset):
    result = CliRunner().invoke(query, [str(small_dataset), (
        "SELECT i.id, t.value, t.unit, t.year FROM indicator i, unnest(i.targets) AS u(t) "
        "WHERE i.role = 'target' AND i.source LIKE '%a%mai-son.txt' ORDER BY i.start LIMIT 1"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"id": "i1", "value": 10.0, "unit": "%", "year": 2030}]
    places = CliRunner().invoke(query, [str(small_dataset), "SELECT list_contains(places, 'xã Hát Lót') AS p FROM document"])
    assert places.output.split()[2:4] == ["true", "true"]


def test_query_formats(small_dataset):
    sql = "SELECT source, count(*) AS n FROM quantity GROUP BY source ORDER BY source"
    table = CliRunner().invoke(query, [str(small_dataset), sql])
    assert table.exit_code == 0 and table.output.splitlines()[0].split() == ["source", "n"]
    assert table.output.rstrip().endswith("(2 rows)")
    csv_out = CliRunner().invoke(query, [str(small_dataset), sql, "--format", "csv"]).output.splitlines()
    assert csv_out[0] == "source,n" and len(csv_out) == 3
    rows = json.loads(CliRunner().invoke(query, [str(small_dataset), sql, "--format", "json"]).output)
    assert [row["source"].split(os.sep)[-2] for row in rows] == ["a", "b"] and rows[0]["n"] > rows[1]["n"]


def test_query_errors_are_one_line(small_dataset, tmp_path):
    bad_sql = CliRunner().invoke(query, [str(small_dataset), "SELECT nope FROM quantity"])
    assert bad_sql.exit_code == 1 and bad_sql.output.startswith("extractor: error: query failed: Binder Error")
    assert len(bad_sql.output.strip().splitlines()) == 1
    read_only = CliRunner().invoke(query, [str(small_dataset), "DELETE FROM quantity"])
    assert read_only.exit_code == 1 and "read-only" in read_only.output
    missing = CliRunner().invoke(query, [str(tmp_path), "SELECT 1"])
    assert missing.exit_code == 1 and "no dataset.duckdb" in missing.output


@pytest.mark.parametrize("sql, reason", [
    ("SELECT * FROM read_text('/etc/passwd')", "Permission Error"),  # no file outside the database
    ("COPY document TO '{dataset}/document.parquet'", "Permission Error"),  # nor over the dataset's own tables
    ("INSTALL httpfs", "Permission Error"),  # no downloads
    ("SET enable_external_access = true", "Cannot change configuration"),  # and no way back
])
def test_query_reads_the_dataset_and_nothing_else(small_dataset, sql, reason):
    before = (small_dataset / "document.parquet").read_bytes()
    result = CliRunner().invoke(query, [str(small_dataset), sql.format(dataset=small_dataset)])
    assert result.exit_code == 1 and reason in result.output and len(result.output.strip().splitlines()) == 1
    assert (small_dataset / "document.parquet").read_bytes() == before


def test_query_json_has_no_nan(small_dataset):
    rows = json.loads(CliRunner().invoke(query, [str(small_dataset), "SELECT 'nan'::DOUBLE AS x, 1 AS y", "--format", "json"]).output)
    assert rows == [{"x": None, "y": 1}]


def test_scheduler_needs_dask_engine(tmp_path):
    result = CliRunner().invoke(batch, [str(tmp_path), "-o", str(tmp_path / "ds"), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1 and "--scheduler needs --engine dask" in result.output


def test_commands_import_no_heavy_library():
    code = ("import sys, extractor.batch.commands; "
            "print([m for m in ('duckdb', 'distributed', 'tqdm', 'pandas', 'spacy') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


def test_extract_writes_every_good_file_when_one_crashes(tmp_path, monkeypatch):
    """A bug on one file (not an input error) is reported on one line; the others' records are
    written, and the output replaces an old file only whole."""
    import extractor.records as records_module
    from extractor.cli import main

    good = tmp_path / "good.txt"
    good.write_text("Xã có 1.866 ha cây ăn quả.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Xã có 5 hộ.\n", encoding="utf-8")
    real = records_module.extract_records

    def crashing(document, unit=None):  # a path or a document already read
        if str(getattr(document, "source", document)).endswith("bad.txt"):
            raise RuntimeError("simulated bug")
        return real(document, unit=unit)

    monkeypatch.setattr(records_module, "extract_records", crashing)
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(bad), str(good), "-o", str(out)])
    assert result.exit_code == 1 and "bad.txt: internal error (RuntimeError: simulated bug)" in result.output
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["doc_id"] for r in written} == {"good"} and any(r["type"] == "quantity" for r in written)


def test_output_into_a_missing_folder_is_one_line(tmp_path):
    from extractor.cli import main

    report = tmp_path / "r.txt"
    report.write_text("Xã có 1.866 ha cây ăn quả.\n", encoding="utf-8")
    for command in (["extract", str(report), "-o", str(tmp_path / "no" / "out.jsonl")],
                    ["view", str(report), "-o", str(tmp_path / "no" / "v.html")],
                    ["clean", str(report), "-o", str(tmp_path / "no" / "c.txt")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and "cannot write: No such file or directory" in result.output, command
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_batch_owns_only_what_it_made(tmp_path):
    """A non-empty folder the tool did not make is refused untouched; in its own dataset, cleanup
    removes only the temporary names it gives, never a user's look-alike."""
    from extractor.batch.runner import run_batch
    from extractor.batch.dataset import DatasetError

    report = tmp_path / "in" / "r.txt"
    report.parent.mkdir()
    report.write_text("Xã có 1.866 ha cây ăn quả.\n", encoding="utf-8")
    foreign = tmp_path / "photos"
    (foreign / "old.tmp.backup").mkdir(parents=True)
    (foreign / "old.tmp.backup" / "a.jpg").write_bytes(b"x")
    with pytest.raises(DatasetError, match="not empty and was not made by extractor batch"):
        run_batch([str(report.parent)], str(foreign))
    assert sorted(p.relative_to(foreign).as_posix() for p in foreign.rglob("*")) == ["old.tmp.backup", "old.tmp.backup/a.jpg"]
    dataset = tmp_path / "ds"
    run_batch([str(report.parent)], str(dataset))
    lookalikes = [dataset / "notes.tmp.backup", dataset / "raw" / "mine.tmp.txt", dataset / "parts" / "my-folder"]
    for path in lookalikes:
        path.mkdir(parents=True) if path.suffix != ".txt" else path.write_text("keep", encoding="utf-8")
    run_batch([str(report.parent)], str(dataset))
    assert all(path.exists() for path in lookalikes)


def test_batch_never_reads_its_own_output(tmp_path):
    from extractor.batch.runner import run_batch

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r.txt").write_text("Xã có 1.866 ha cây ăn quả.\n", encoding="utf-8")
    for _ in range(3):
        summary = run_batch([str(folder)], str(folder / "dataset"))
    assert summary.inputs == 1 and summary.tables["document"] == 1


def test_special_files_and_links_out_of_the_folder_are_skipped_with_a_reason(tmp_path):
    from extractor.batch.runner import run_batch

    folder = tmp_path / "shelf"
    folder.mkdir()
    (folder / "r.txt").write_text("Xã có 1.866 ha cây ăn quả.\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Mật khẩu 1234.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    os.mkfifo(folder / "pipe.txt")
    summary = run_batch([str(folder)], str(tmp_path / "ds"))
    assert summary.tables["document"] == 1 and summary.skipped == 2
    skipped = {Path(r["path"]).name: r["error"] for r in tables(tmp_path / "ds")["manifest"].to_pylist() if r["status"] == "skipped"}
    assert skipped["pipe.txt"] == "a FIFO, not a file"
    assert skipped["passwd.txt"].startswith("a link to") and "--follow-links" in skipped["passwd.txt"]
    followed = run_batch([str(folder)], str(tmp_path / "ds2"), follow_links=True)
    assert followed.tables["document"] == 2


def test_odd_file_names_never_fail_a_batch(tmp_path):
    from extractor.batch.runner import run_batch

    folder = tmp_path / "names"
    folder.mkdir()
    cp1258_name = os.fsencode(folder) + b"/b\xe1o-c\xe1o.txt"  # not UTF-8: a Windows archive's name
    with open(cp1258_name, "wb") as handle:
        handle.write("Xã có 5 hộ.\n".encode("utf-8"))
    (folder / ("x" * 240 + ".txt")).write_text("Xã có 7 hộ.\n", encoding="utf-8")
    summary = run_batch([str(folder)], str(tmp_path / "ds"))
    assert summary.failed == 0 and summary.tables["document"] == 2
    assert all(len(os.fsencode(path.name)) <= 255 for path in (tmp_path / "ds" / "raw").iterdir())


def test_killing_only_the_batch_process_leaves_no_orphan_holding_the_lock(tmp_path):
    """SIGKILL to the batch process alone (not its group): its workers die with it, so the next
    batch on the same dataset takes the lock and resumes."""
    inputs = tmp_path / "in"
    for number in range(16):
        write(inputs / f"report-{number:02d}.txt", report_text())
    dataset = tmp_path / "ds"
    process = batch_process(inputs, dataset)
    wait_for_parts(process, dataset / "parts", 2)
    os.kill(process.pid, signal.SIGKILL)  # the parent only
    process.wait()
    process.stdout.close(), process.stderr.close()
    time.sleep(1)  # the kernel delivers the workers' parent-death signal
    resumed = batch_process(inputs, dataset)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode("utf-8")
    assert "another batch" not in err.decode("utf-8") and tables(dataset)["document"].num_rows == 16


def _tree_digest(root: Path, skip: Path) -> dict[str, str]:
    """Path → sha256 (or link target, or kind) of everything under root, the dataset folder aside."""
    import hashlib
    import stat as stat_module

    digest = {}
    for directory, folders, names in os.walk(root):
        folders[:] = [f for f in folders if Path(directory, f) != skip]
        for name in names:
            path = Path(directory, name)
            mode = os.lstat(path).st_mode
            if stat_module.S_ISLNK(mode):
                digest[os.fsdecode(path)] = "link:" + os.readlink(path)
            elif stat_module.S_ISREG(mode):
                digest[os.fsdecode(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                digest[os.fsdecode(path)] = "special"
    return digest


def test_shelf_of_reports_with_hostile_files_odd_names_and_links(tmp_path):
    """50 reports beside hostile files, odd names and links: 50 ok rows, one reasoned row per bad
    input, and nothing outside the dataset folder changed."""
    from extractor.batch.runner import run_batch

    shelf = tmp_path / "shelf"
    text = excerpt_text()
    for number in range(48):
        write(shelf / f"d{number % 4}" / f"report-{number:02d}.txt", text)
    with open(os.fsencode(shelf) + b"/b\xe1o-c\xe1o.txt", "wb") as handle:  # a cp1258 name
        handle.write(text.encode("utf-8"))
    write(shelf / ("r" * 240 + ".txt"), text)  # a 244-byte name
    bad = {"empty.txt": b"", "binary.txt": CORRUPT_FILES["binary"], "undecodable.txt": CORRUPT_FILES["undecodable"],
           "bom-only.txt": b"\xef\xbb\xbf", "notes.md": b"# not a report\n"}
    for name, content in bad.items():
        write(shelf / "bad" / name, content)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(text, encoding="utf-8")
    (shelf / "bad" / "link-out.txt").symlink_to(outside)
    os.mkfifo(shelf / "bad" / "pipe.txt")
    (shelf / "bad" / "old.tmp.backup").mkdir()
    (shelf / "bad" / "old.tmp.backup" / "keep.txt").write_text("Xã có 3 hộ.\n", encoding="utf-8")  # a 51st report
    before = _tree_digest(tmp_path, tmp_path / "shelf" / "dataset")
    run_batch([str(shelf)], str(shelf / "dataset"), jobs=2)  # the output inside the input
    assert _tree_digest(tmp_path, tmp_path / "shelf" / "dataset") == before
    manifest = tables(shelf / "dataset")["manifest"].to_pylist()
    ok = [row for row in manifest if row["status"] == "ok"]
    assert len(ok) == 48 + 2 + 1  # the reports, the two odd names, the report inside "old.tmp.backup"
    reasons = {Path(row["path"]).name: row["error"] for row in manifest if row["status"] != "ok"}
    assert set(reasons) == {"empty.txt", "binary.txt", "undecodable.txt", "bom-only.txt", "notes.md", "link-out.txt", "pipe.txt"}
    assert all(reason for reason in reasons.values())
    assert any("b\\xe1o-c\\xe1o.txt" in row["path"] for row in ok)


def _slow_on_hang(raw, unit=None):
    """A test extractor: a document whose text says "HANG" takes a minute; the others are quick."""
    if "HANG" in raw.text:
        time.sleep(60)
    from extractor.records import extract_records

    return extract_records(raw)


def _good_reports_and_one(folder: Path, good: int, name: str, text: str) -> Path:
    for number in range(good):
        write(folder / f"r{number}.txt", "Xã có 1.866 ha cây ăn quả.\n")
    write(folder / name, text)
    return folder


def _manifest_by_name(dataset: Path) -> dict:
    return {Path(r["path"]).name: r for r in tables(dataset)["manifest"].to_pylist()}


def test_a_file_over_its_time_budget_is_stopped_and_the_batch_goes_on(tmp_path):
    folder = _good_reports_and_one(tmp_path / "in", 6, "stuck.txt", "HANG: Xã có 5 hộ.\n")
    started = time.monotonic()
    summary = run_batch([str(folder)], str(tmp_path / "ds"), jobs=2, timeout=3, extract=_slow_on_hang)
    assert time.monotonic() - started < 40
    manifest = _manifest_by_name(tmp_path / "ds")
    assert manifest["stuck.txt"]["status"] == "failed" and manifest["stuck.txt"]["error_type"] == "Timeout"
    assert "stopped after 3 s" in manifest["stuck.txt"]["error"]
    assert sum(1 for row in manifest.values() if row["status"] == "ok") == 6 and summary.failed == 1


def _greedy_on_hog(raw, unit=None):
    """A test extractor: a document whose text says "HOG" takes memory until it runs out."""
    if "HOG" in raw.text:
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    from extractor.records import extract_records

    return extract_records(raw)


def test_a_file_over_its_memory_budget_fails_as_memory_limit_and_the_batch_goes_on(tmp_path):
    folder = _good_reports_and_one(tmp_path / "in", 4, "hog.txt", "HOG: Xã có 5 hộ.\n")
    summary = run_batch([str(folder)], str(tmp_path / "ds"), jobs=2, memory_mb=600, extract=_greedy_on_hog)
    manifest = _manifest_by_name(tmp_path / "ds")
    assert manifest["hog.txt"]["error_type"] == "MemoryLimit"
    assert "memory limit (600 MB; --memory-limit sets another)" in manifest["hog.txt"]["error"]
    assert (summary.ok, summary.failed) == (4, 1)


def test_a_shelf_with_bombs_finishes_every_good_report_and_gives_each_bomb_its_reason(tmp_path):
    """Reports mixed with files that expand (numbering, stream, pixel and frame bombs, a ZIP bomb,
    a long digit string): every report ok, every bomb a failed row naming its limit, no process
    over the memory cap."""
    from tests import fixtures_build as build

    folder = tmp_path / "shelf"
    text = excerpt_text()
    for number in range(40):
        write(folder / f"report-{number:02d}.txt", text[number * 50:] + f"\nXã có {number} hộ.\n")
    bombs = {
        "roman.docx": (build.numbering_bomb_docx(10**13, "upperRoman"), "--max-list-number"),
        "letters.docx": (build.numbering_bomb_docx(10**30, "lowerLetter"), "--max-list-number"),
        "stream.pdf": (build.stream_bomb_pdf(300 << 20), "--max-stream-bytes"),
        "frames.tif": (build.many_frame_tiff(12, (17_000, 17_000)), "--max-image-pixels"),
        "many-frames.tif": (build.many_frame_tiff(400, (64, 64)), "--max-ocr-pages"),
        "zip.docx": (build.zip_bytes({"[Content_Types].xml": build.CONTENT_TYPES, "_rels/.rels": build.PACKAGE_RELS,
                                      "word/document.xml": b" " * 250_000_000}), "--max-part-bytes"),
    }
    for name, (data, _) in bombs.items():
        write(folder / name, data)
    summary = run_batch([str(folder)], str(tmp_path / "ds"), jobs=2, memory_mb=1000)
    manifest = _manifest_by_name(tmp_path / "ds")
    assert (summary.ok, summary.failed) == (40, len(bombs))
    for name, (_, option) in bombs.items():
        assert manifest[name]["error_type"] == "InputError" and f"raise with {option})" in manifest[name]["error"], manifest[name]


# --- the reporting unit the user knows ------------------------------------------------------

UNITLESS_PAGE = "Năm 2024, toàn xã có 1.250 hộ, tỷ lệ hộ nghèo còn 2,5%.\n"


def test_units_file_gives_each_input_its_unit_and_a_changed_unit_is_extracted_again(tmp_path):
    import pyarrow.parquet as pq

    write(tmp_path / "in" / "tamhop.txt", UNITLESS_PAGE)
    write(tmp_path / "in" / "other.txt", UNITLESS_PAGE.replace("1.250", "980"))
    write(tmp_path / "in" / "units.csv", "path,unit\ntamhop.txt,\"xã Tam Hợp, tỉnh Nghệ An\"\n")
    arguments = [str(tmp_path / "in" / "tamhop.txt"), str(tmp_path / "in" / "other.txt"), "-o", str(tmp_path / "ds"),
                 "-j", "1", "--units", str(tmp_path / "in" / "units.csv")]
    result = CliRunner().invoke(batch, arguments)
    assert result.exit_code == 0, result.output

    def documents():
        return {Path(row["source"]).name: row for row in pq.read_table(tmp_path / "ds" / "document.parquet").to_pylist()}

    def manifest():
        return {Path(row["path"]).name: row for row in pq.read_table(tmp_path / "ds" / "manifest.parquet").to_pylist()}

    assert (documents()["tamhop.txt"]["unit"], documents()["tamhop.txt"]["unit_source"]) == ("xã Tam Hợp", "given")
    assert documents()["other.txt"]["unit"] is None
    assert manifest()["tamhop.txt"]["unit_given"] == "xã Tam Hợp, tỉnh Nghệ An" and manifest()["other.txt"]["unit_given"] is None
    places = {row["text"]: row["place"] for row in pq.read_table(tmp_path / "ds" / "quantity.parquet").to_pylist()}
    assert places["1.250 hộ"] == "xã Tam Hợp" and places["980 hộ"] is None  # 'toàn xã' resolves to the unit given

    again = CliRunner().invoke(batch, arguments)
    assert "2 already done" in again.output, again.output
    result = CliRunner().invoke(batch, arguments + ["--unit", "xã Văn Lang, tỉnh Phú Thọ"])
    assert result.exit_code == 0 and "1 already done" in result.output, result.output  # only other.txt changed its unit
    assert documents()["other.txt"]["unit"] == "xã Văn Lang" and documents()["tamhop.txt"]["unit"] == "xã Tam Hợp"


def test_bad_units_are_usage_errors_before_any_file_is_read(tmp_path):
    write(tmp_path / "a.txt", UNITLESS_PAGE)
    write(tmp_path / "units.csv", "path,unit\na.txt,xã Văn Lang\nb.txt,xã Không Có Tên\n")
    result = CliRunner().invoke(batch, [str(tmp_path / "a.txt"), "-o", str(tmp_path / "ds"), "--units", str(tmp_path / "units.csv")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "'xã Văn Lang' fits 2 units" in result.output and "'xã Không Có Tên': no unit of that name in the gazetteer" in result.output
    assert not (tmp_path / "ds").exists()
    write(tmp_path / "columns.csv", "file,unit\na.txt,xã Tam Hợp\n")
    result = CliRunner().invoke(batch, [str(tmp_path / "a.txt"), "-o", str(tmp_path / "ds"), "--units", str(tmp_path / "columns.csv")])
    assert result.exit_code == 2 and "needs the columns path, unit" in result.output


def test_a_units_file_row_that_names_no_input_is_reported(tmp_path):
    write(tmp_path / "a.txt", UNITLESS_PAGE)
    write(tmp_path / "units.csv", "path,unit\na.txt,\"xã Tam Hợp, tỉnh Nghệ An\"\nmissing.txt,\"xã Tam Hợp, tỉnh Nghệ An\"\n")
    result = CliRunner().invoke(batch, [str(tmp_path / "a.txt"), "-o", str(tmp_path / "ds"), "--units", str(tmp_path / "units.csv")])
    assert result.exit_code == 1 and "missing.txt: in the units file but no input" in result.output, result.output
    assert "1 ok" in result.output
