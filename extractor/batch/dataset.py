"""The on-disk layout of a dataset directory, and building its tables from per-input parts.

    DATASET_DIR/
      parts/<key>/manifest.json   one manifest row of one input (key = hash of its real path)
      parts/<key>/<type>.jsonl.gz that input's records of one type, one JSON object a line
      raw/<doc_id>-<sha8>.txt     the raw text the offsets index (UTF-8)
      <type>.parquet              consolidated tables: document section footnote quantity indicator manifest
      dataset.duckdb              the same tables in an embedded DuckDB database
      .lock                       held while a batch writes

A part is written in parts/.tmp/ and renamed into place, so a part either exists whole or not
at all: a batch killed at any moment leaves no partial rows, and the next run redoes only the
inputs without a part. The consolidated files are rebuilt from all parts at the end of every
run (written beside, then renamed), so they never mix rows of a half-finished run.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from extractor.rules import load_rules

DATABASE_NAME = "dataset.duckdb"
MANIFEST_FILE = "manifest.json"
PART_SUFFIX = ".jsonl.gz"
SAFE_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class DatasetError(Exception):
    """A dataset directory that cannot be used; str() names the directory and the reason."""


class BatchRunning(DatasetError):
    """Another batch holds the dataset's lock."""


LOCK_TRIES = 20
LOCK_WAIT_SECONDS = 0.1


MARKER_FILE = ".extractor-dataset"
LEGACY_ENTRIES = {"parts", "raw", ".lock", DATABASE_NAME, "manifest.parquet", "document.parquet", "section.parquet",
                  "footnote.parquet", "quantity.parquet", "indicator.parquet"}
PART_KEY = re.compile(r"[0-9a-f]{32}")
RAW_TEMPORARY = re.compile(r".+\.txt\.tmp\d+")


@functools.cache
def schema() -> dict:
    return load_rules("extractor.batch", "schema.json")


def record_types() -> tuple[str, ...]:
    return tuple(schema()["tables"])


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def parts(self) -> Path:
        return self.root / "parts"

    @property
    def parts_tmp(self) -> Path:
        return self.parts / ".tmp"

    @property
    def parts_trash(self) -> Path:
        return self.parts / ".trash"

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    def table_file(self, table: str) -> Path:
        return self.root / f"{table}.parquet"

    @property
    def marker(self) -> Path:
        return self.root / MARKER_FILE

    def check_owned(self) -> None:
        """A batch writes only into a folder it made (its marker file), a new one or an empty one:
        anything else is refused before a single file is touched."""
        if self.root.exists() and not self.root.is_dir():
            raise DatasetError(f"{self.root}: is a file, not a dataset folder")
        if not self.root.exists() or self.marker.is_file():
            return
        entries = {entry.name for entry in self.root.iterdir()} - {".lock"}  # a batch's own lock file
        if entries and not (entries <= LEGACY_ENTRIES and "parts" in entries):  # made by an earlier version
            raise DatasetError(f"{self.root}: the folder is not empty and was not made by extractor batch; "
                               "choose a new or empty folder (nothing was changed)")

    def prepare(self) -> None:
        for folder in (self.root, self.parts, self.parts_tmp, self.parts_trash, self.raw):
            folder.mkdir(parents=True, exist_ok=True)
        if not self.marker.is_file():
            self.marker.write_text(json.dumps({"made_by": "extractor batch", "format": 1}) + "\n", encoding="utf-8")

    def remove_leftovers(self) -> None:
        """Temporary files of a run that was killed, by the exact names a run gives them: never
        part of the dataset, safe to drop. Nothing else in the folder is touched."""
        leftovers = [*self.parts_tmp.iterdir(), *self.parts_trash.iterdir()]
        tables = [*record_types(), "manifest"]
        names = {f"{DATABASE_NAME}.tmp", f"{DATABASE_NAME}.tmp.wal"} | {f"{table}.parquet.tmp" for table in tables}
        names |= {f"staged-{table}.jsonl.tmp" for table in tables}
        leftovers += [self.root / name for name in names if (self.root / name).exists()]  # also DuckDB's spill folder
        leftovers += [path for path in self.raw.iterdir() if RAW_TEMPORARY.fullmatch(path.name) and path.is_file()]
        for leftover in leftovers:
            shutil.rmtree(leftover) if leftover.is_dir() and not leftover.is_symlink() else leftover.unlink()


@contextlib.contextmanager
def locked(layout: Layout):
    """One writer per dataset; the lock dies with its process, so a killed batch never blocks the next."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, one batch at a time is then the user's care
        yield
        return
    layout.root.mkdir(parents=True, exist_ok=True)
    with open(layout.root / ".lock", "w", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BatchRunning(f"{layout.root}: another batch is writing this dataset") from None
        yield


def part_key(real_path: str) -> str:
    return hashlib.sha256(real_path.encode("utf-8", "surrogateescape")).hexdigest()[:32]


MAX_RAW_STEM_BYTES = 150  # with "-<sha8>.txt.tmp<pid>" the name stays under 255 bytes


def raw_file_name(doc_id: str, sha256: str) -> str:
    """``<doc_id>-<sha8>.txt``; a long doc_id is cut (on a character boundary) and told apart by a
    hash of the whole, so every name the file system allows makes a name it takes."""
    stem = doc_id.encode("utf-8", "surrogateescape")
    if len(stem) > MAX_RAW_STEM_BYTES:
        digest = hashlib.sha256(stem).hexdigest()[:8]
        cut = stem[:MAX_RAW_STEM_BYTES].decode("utf-8", "ignore")
        doc_id = f"{cut}~{digest}"
    return f"{doc_id}-{sha256[:8]}.txt"


def load_parts(layout: Layout) -> dict[str, dict]:
    """Manifest row of every complete part, by key."""
    rows = {}
    for folder in layout.parts.iterdir():
        if folder.name.startswith(".") or not PART_KEY.fullmatch(folder.name) or not folder.is_dir():
            continue  # not a part this tool named: left alone
        try:
            with open(folder / MANIFEST_FILE, encoding="utf-8") as handle:
                rows[folder.name] = json.load(handle)
        except (OSError, ValueError):  # not written by a batch (parts are renamed in whole): redo that input
            shutil.rmtree(folder)
    return rows


def write_raw(layout: Layout, name: str, text: str) -> None:
    """Raw texts are named by content (doc_id + sha), so an existing file already holds this text."""
    target = layout.raw / name
    if target.exists():
        return
    temporary = layout.raw / f"{name}.tmp{os.getpid()}"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(temporary, target)


def write_part(layout: Layout, key: str, manifest: dict, tables: dict[str, bytes]) -> None:
    """Write one input's manifest row and records, then make them visible in one rename."""
    temporary = layout.parts_tmp / f"{key}-{os.getpid()}"
    temporary.mkdir()
    for table, lines in tables.items():
        (temporary / f"{table}{PART_SUFFIX}").write_bytes(lines)
    (temporary / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    target = layout.parts / key
    if target.exists():  # an outdated part (file changed, new extractor version, failed before)
        target.rename(layout.parts_trash / f"{key}-{os.getpid()}")
    temporary.rename(target)
    for outdated in layout.parts_trash.iterdir():
        shutil.rmtree(outdated)


# ---------------------------------------------------------------------------------------
# consolidation


def build_dataset(layout: Layout, rows: dict[str, dict]) -> dict[str, int]:
    """Rebuild every table from the parts (DuckDB reads them), write Parquet and the database.

    Returns the row count of each table. Rows are ordered by source, then position in the text.
    """
    import duckdb

    keys = sorted(rows, key=lambda key: (rows[key]["path"], key))
    files_of = {key: set(os.listdir(layout.parts / key)) for key in keys}
    temporary_db = layout.root / f"{DATABASE_NAME}.tmp"
    con = duckdb.connect(str(temporary_db))
    counts = {}
    try:
        for table in tables_to_build(files_of):
            name = f"{table}{PART_SUFFIX}"
            parts = [layout.parts / key / name for key in keys if name in files_of[key]]
            with staged_lines(layout, table, (gzip.decompress(path.read_bytes()) for path in parts)) as staged:
                counts[table] = build_record_table(con, table, staged if parts else None)
        manifest_lines = (json.dumps(rows[key], ensure_ascii=False).encode("utf-8") + b"\n" for key in keys)
        with staged_lines(layout, "manifest", manifest_lines) as staged:
            counts["manifest"] = build_manifest_table(con, staged)
        for table in counts:
            con.execute(f"COPY {quote(table)} TO {literal(f'{layout.table_file(table)}.tmp')} (FORMAT parquet, COMPRESSION zstd)")
        if {"document", "indicator"} <= set(counts):
            con.execute(INDICATOR_VALUES_VIEW)
        con.execute("CHECKPOINT")
    except duckdb.Error as error:
        raise DatasetError(f"{layout.root}: building the tables failed: {first_line(error)}") from None
    finally:
        con.close()
    for table in counts:
        os.replace(f"{layout.table_file(table)}.tmp", layout.table_file(table))
    os.replace(temporary_db, layout.database)
    return counts


def tables_behind(layout: Layout) -> bool:
    """Parts written after the tables were last built: a batch stopped (killed) before its end."""
    if not layout.marker.is_file() or not layout.parts.is_dir():
        return False
    if not layout.database.is_file():
        return any(PART_KEY.fullmatch(entry.name) for entry in layout.parts.iterdir())
    return layout.parts.stat().st_mtime_ns > layout.database.stat().st_mtime_ns  # a part renamed in touches parts/


def catch_up(layout: Layout) -> dict[str, int] | None:
    """Build the tables from the parts a stopped batch left, when they are behind and no batch is
    writing: what finished before a kill can be queried without running the batch again. Returns
    the row counts built, or None when nothing was to be done (or a batch holds the dataset)."""
    if not tables_behind(layout):
        return None
    for _ in range(LOCK_TRIES):  # the processes of a batch killed a moment ago may still be exiting
        try:
            with locked(layout):
                layout.remove_leftovers()
                rows = load_parts(layout)
                return build_dataset(layout, rows) if rows else None
        except BatchRunning:
            time.sleep(LOCK_WAIT_SECONDS)
    raise BatchRunning(f"{layout.root}: a batch is writing this dataset; its tables are built when it ends")


# One row per report × indicator × year × measure (a target's figure, a result), for SQL users
# comparing reports without unnesting `indicator.targets`.
INDICATOR_VALUES_VIEW = """
CREATE OR REPLACE VIEW indicator_values AS
WITH targets AS (
    SELECT source, doc_id, id, "start", "end", place_resolved, place_code, unnest(targets) AS t
    FROM indicator WHERE role = 'target'
)
SELECT d.unit AS report_unit, d.unit_code AS report_unit_code, d.term, x.source, x.doc_id,
       x.indicator_code, x.indicator_name, x."year", x.measure, x.comparator, x.change, x.basis, x."value", x.low, x.high,
       x.target_value, x.unit, x.status, x.metric, x.place, x.place_code, x.record, x."start", x."end"
FROM (
    SELECT source, doc_id, t.indicator_code, t.indicator_name, t."year", 'target' AS measure, t.comparator, t.change, t.basis,
           t."value", t.low, t.high, NULL::DOUBLE AS target_value, t.unit, NULL::VARCHAR AS status, t.metric,
           place_resolved AS place, place_code, id AS record, "start", "end"
    FROM targets
    UNION ALL
    SELECT source, doc_id, indicator_code, indicator_name, NULL::BIGINT, 'result', NULL, NULL, NULL, "value", NULL, NULL,
           target_value, unit, status, metric, place_resolved, place_code, id, "start", "end"
    FROM indicator WHERE role = 'result'
) AS x JOIN document AS d USING (source)
"""


@contextlib.contextmanager
def staged_lines(layout: Layout, table: str, chunks):
    """All parts of one table in one JSON Lines file: DuckDB reading thousands of small files
    at once (union_by_name) holds a buffer per file and runs out of memory."""
    staged = layout.root / f"staged-{table}.jsonl.tmp"
    try:
        with open(staged, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        yield str(staged)
    finally:
        staged.unlink(missing_ok=True)


def tables_to_build(files_of: dict[str, set[str]]) -> list[str]:
    """The contract's record types always; any other record type a future extractor writes, too."""
    found = {name[: -len(PART_SUFFIX)] for names in files_of.values() for name in names if name.endswith(PART_SUFFIX)}
    extra = sorted(name for name in found - set(record_types()) if SAFE_TABLE_NAME.match(name) and name != "manifest")
    return list(record_types()) + extra


def build_record_table(con, table: str, staged: str | None) -> int:
    """The table from a JSON Lines file of its records (None: no record of this type anywhere)."""
    declared = schema()["tables"].get(table, {})
    inferred = {}
    if staged:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE staged AS SELECT * FROM read_json(?, format = 'newline_delimited', "
            "sample_size = -1)",
            [staged],
        )
        relation = con.table("staged")
        inferred = {name: kind for name, kind in zip(relation.columns, relation.types) if name != "type"}
    columns = [column_expression(name, declared.get(name), inferred.get(name)) for name in declared]
    columns += [column_expression(name, None, inferred[name]) for name in sorted(set(inferred) - set(declared))]
    names = list(declared) + sorted(set(inferred) - set(declared))
    order = ", ".join(f"{quote(name)} NULLS FIRST" for name in schema()["order_by"] if name in names)
    source = "staged" if staged else "(SELECT 1) AS nothing WHERE false"
    con.execute(f"CREATE TABLE {quote(table)} AS SELECT {', '.join(columns)} FROM {source} ORDER BY {order}")
    if staged:
        con.execute("DROP TABLE staged")
    return con.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]


def column_expression(name: str, declared: str | None, inferred) -> str:
    """Declared scalars are cast; nested columns keep what was read unless the declared type holds it all."""
    import duckdb

    column = quote(name)
    if inferred is None:
        return f"CAST(NULL AS {declared}) AS {column}"
    if declared is None:
        return f"CAST({column} AS VARCHAR) AS {column}" if inferred.id == "null" else column
    declared_type = duckdb.sqltype(declared)
    if declared_type.id not in ("list", "struct") or fits(inferred, declared_type):
        return f"CAST({column} AS {declared}) AS {column}"
    return column


def fits(inferred, declared) -> bool:
    """True when every list/struct field of the inferred type has a place in the declared one."""
    if inferred.id == "null" or str(inferred).startswith("JSON"):
        return True
    if inferred.id != declared.id:
        return inferred.id not in ("list", "struct") and declared.id not in ("list", "struct")
    if inferred.id == "list":
        return fits(inferred.children[0][1], declared.children[0][1])
    if inferred.id == "struct":
        declared_fields = dict(declared.children)
        return all(name in declared_fields and fits(kind, declared_fields[name]) for name, kind in inferred.children)
    return True


def build_manifest_table(con, staged: str) -> int:
    declared = schema()["manifest"]
    con.execute("CREATE TABLE manifest (" + ", ".join(f"{quote(n)} {k}" for n, k in declared.items()) + ")")
    columns = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in declared.items()) + "}"
    con.execute(f"INSERT INTO manifest SELECT * FROM read_json(?, format = 'newline_delimited', columns = {columns}) "
                "ORDER BY path", [staged])
    return con.execute("SELECT count(*) FROM manifest").fetchone()[0]


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
