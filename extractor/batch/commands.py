"""Click commands `batch` and `query` (registered on the main group by extractor.cli).

Only click is imported at module level: DuckDB, tqdm and Dask load when a command runs.
"""

from __future__ import annotations

import sys

import click

from extractor.batch.local import DEFAULT_MEMORY_MB
from extractor.console import UNIT_HELP, check_units, fail, write_output
from extractor.limits import limit_options


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "dataset_dir", required=True, metavar="DATASET_DIR",
              help="Dataset directory (created, or resumed when it exists).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (local) or workers of a new LocalCluster (dask). [default: CPU count]")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask distributed cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a LocalCluster.")
@click.option("--force", is_flag=True, help="Extract every input again, even those already done.")
@click.option("--follow-links", is_flag=True, help="Take files that links inside an input folder point to outside it.")
@click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Stop a file after SECONDS (local engine) [default: 120 s + 120 s per MB of the file].")
@click.option("--memory-limit", "memory_mb", type=click.IntRange(min=64), default=DEFAULT_MEMORY_MB, show_default=True,
              metavar="MB", help="Memory of each worker process (local engine); a file past it fails as MemoryLimit.")
@click.option("--unit", default=None, metavar="UNIT", help=UNIT_HELP)
@click.option("--units", "units_file", default=None, metavar="CSV",
              help="The reporting unit of each input: a CSV file with the columns path,unit (paths relative "
                   "to the CSV file); it wins over --unit for the inputs it lists.")
@limit_options
def batch(inputs: tuple[str, ...], dataset_dir: str, jobs: int | None, engine: str, scheduler: str | None,
          force: bool, follow_links: bool, timeout: float | None, memory_mb: int, unit: str | None,
          units_file: str | None, limits) -> None:
    """Extract INPUTS (files, folders, globs) into the dataset DATASET_DIR.

    Writes a Parquet file per table (document, section, footnote, quantity, indicator,
    manifest) and DATASET_DIR/dataset.duckdb. Re-running resumes: inputs done before with the
    same bytes, extractor version and unit given are skipped. Exit 1 if any input failed (see
    the manifest table); the others are in the dataset all the same.
    """
    from extractor.batch.dataset import DatasetError
    from extractor.batch.inputs import UnitsFileError, read_units_file
    from extractor.batch.runner import BatchError, run_batch

    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask")
    try:
        units = read_units_file(units_file) if units_file else {}
    except UnitsFileError as error:
        raise click.BadParameter(str(error), param_hint="--units") from None
    check_units([unit, *units.values()] if unit else units.values(), "--unit/--units")
    try:
        summary = run_batch(list(inputs), dataset_dir, jobs=jobs, engine=engine, scheduler=scheduler, force=force,
                            notify=lambda line: click.echo(line, err=True), follow_links=follow_links, timeout=timeout,
                            limits=limits, memory_mb=memory_mb, unit=unit, units=units)
    except (BatchError, DatasetError) as error:
        fail(str(error))
    except KeyboardInterrupt:
        click.echo(f"extractor: interrupted; finished inputs are kept in {dataset_dir}: "
                   "run the same command again to resume", err=True)
        sys.exit(130)
    for problem in summary.problems:
        click.echo(f"extractor: error: {problem}", err=True)
    click.echo(summary_line(summary), err=True)
    if summary.failed or summary.problems:
        sys.exit(1)


def summary_line(summary) -> str:
    tables = summary.tables
    return (f"extractor batch: {summary.inputs} input(s): {summary.ok} ok, {summary.failed} failed, "
            f"{summary.skipped} skipped, {summary.done_before} already done; "
            f"dataset {summary.dataset}: {tables.get('document', 0)} documents, {tables.get('quantity', 0)} quantities, "
            f"{tables.get('indicator', 0)} indicators ({summary.seconds:.1f} s)")


@click.command()
@click.argument("dataset_dir")
@click.argument("sql")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="json: an array of row objects, nested fields kept nested.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, '-' for stdout.")
def query(dataset_dir: str, sql: str, output_format: str, output: str) -> None:
    """Run SQL on DATASET_DIR/dataset.duckdb (read-only): tables document, section, footnote,
    quantity, indicator, manifest.

    Example: extractor query out/dataset "SELECT unit, count(*) FROM quantity GROUP BY unit"
    """
    from extractor.batch.query import FORMATTERS, QueryError, run_query

    try:
        columns, rows = run_query(dataset_dir, sql, notify=lambda line: click.echo(line, err=True))
    except QueryError as error:
        fail(str(error))
    write_output(FORMATTERS[output_format](columns, rows), output)
