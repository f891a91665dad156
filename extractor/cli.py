"""Command-line interface: thin click commands over functions that return data.

Heavy libraries (spaCy, underthesea, pandas) are imported inside commands so ``--help`` is fast.
"""

from __future__ import annotations

import json
import sys

import click

from extractor import __version__
from extractor.batch.local import DEFAULT_MEMORY_MB
from extractor.console import UNIT_HELP, check_units, configure_logging, fail, logger, write_output
from extractor.errors import InputError
from extractor.limits import Limits, limit_options


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
@click.option("-v", "--verbose", count=True, help="More on stderr: -v a line per file, -vv details.")
@click.option("-q", "--quiet", is_flag=True, help="Errors only on stderr (no warnings).")
@click.option("--rules", "rules_folder", type=click.Path(exists=True, file_okay=False), default=None, metavar="DIR",
              help="Folder of your own rule files (<component>/<name>.json, e.g. indicators/rules.json) read instead "
                   "of the shipped ones; same as EXTRACTOR_RULES.")
def main(verbose: int, quiet: bool, rules_folder: str | None) -> None:
    """Turn Vietnamese government reports into traceable data."""
    configure_logging(-1 if quiet else verbose)
    if rules_folder:
        from extractor.rules import RuleFileError, check_rule_files, use_rules_folder

        use_rules_folder(rules_folder)
        try:
            check_rule_files()  # a bad file of the user's is one line now, not a failure on every input
        except RuleFileError as error:
            fail(str(error))


@main.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="JSON with raw offsets instead of plain paragraphs.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, '-' for stdout.")
@limit_options
def clean(file: str, as_json: bool, output: str, limits: Limits) -> None:
    """Print the clean paragraphs and footnotes of FILE ('-' reads stdin)."""
    from extractor.cleaning import clean_document
    from extractor.reading import read_document

    try:
        raw = read_document(file, limits=limits)
    except InputError as error:
        fail(str(error))
    cleaned = clean_document(raw)
    if as_json:
        write_output(json.dumps(clean_report(raw, cleaned), ensure_ascii=False, indent=1) + "\n", output)
    else:
        write_output(clean_listing(cleaned), output)


def clean_report(raw, cleaned) -> dict:
    text = cleaned.text
    return {
        "doc_id": raw.doc_id,
        "source": raw.source,
        "encoding": raw.encoding,
        "sha256": raw.sha256,
        "chars": len(raw.text),
        "paragraphs": [
            {"start": p.raw_start, "end": p.raw_end, "kind": p.kind, "text": text[p.start:p.end]}
            for p in cleaned.paragraphs
            if p.kind != "footnote"
        ],
        "footnotes": [
            {
                "type": "footnote", "doc_id": raw.doc_id, "id": f.id, "marker": f.marker,
                "start": f.start, "end": f.end, "ref_start": f.ref_start, "ref_end": f.ref_end,
                "text": text[f.clean_start:f.clean_end],
            }
            for f in cleaned.footnotes
        ],
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason} for r in cleaned.removed],
    }


def clean_listing(cleaned) -> str:
    text = cleaned.text
    body = [text[p.start:p.end] for p in cleaned.paragraphs if p.kind != "footnote"]
    notes = [f"[{f.marker}] {text[f.clean_start:f.clean_end]}" for f in cleaned.footnotes]
    parts = ["\n\n".join(body)]
    if notes:
        parts.append("Footnotes:\n" + "\n".join(notes))
    return "\n\n".join(parts) + "\n"


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", show_default=True,
              help="jsonl: a file or '-' for stdout; csv/parquet: a directory (one table per record type).")
@click.option("--memory-limit", "memory_mb", type=click.IntRange(min=64), default=DEFAULT_MEMORY_MB, show_default=True,
              metavar="MB", help="Memory this process may take for a file; a file past it fails and the others go on.")
@click.option("--unit", default=None, metavar="UNIT", help=UNIT_HELP)
@limit_options
def extract(files: tuple[str, ...], output_format: str, output: str, memory_mb: int, unit: str | None, limits: Limits) -> None:
    """Extract all records of FILES. A bad file is reported and the others go on; exit 1 if any failed."""
    import time

    from extractor.batch.local import memory_capped
    from extractor.batch.worker import memory_message
    from extractor.places.document import UnitError
    from extractor.reading import read_document
    from extractor.records import extract_records
    from extractor.writing import write_records

    if output_format != "jsonl" and output == "-":
        raise click.UsageError(f"--format {output_format} writes one table per record type: give a directory with -o DIR")
    if unit is not None:
        check_units([unit], "--unit")
    records, failures = [], 0
    for path in files:
        try:
            started = time.perf_counter()
            with memory_capped(memory_mb):
                found = extract_records(read_document(path, limits=limits), unit=unit)
            records.extend(found)
            logger().info(f"{path}: {len(found)} records in {time.perf_counter() - started:.2f} s")
        except InputError as error:
            failures += 1
            click.echo(f"extractor: error: {error}", err=True)
        except UnitError as error:  # the unit given fits several units of this document's vintage
            failures += 1
            click.echo(f"extractor: error: {path}: {error}", err=True)
        except MemoryError:
            failures += 1
            click.echo(f"extractor: error: {path}: {memory_message(memory_mb)}; the other files go on", err=True)
        except Exception as error:  # noqa: BLE001 - a bug on one file must not lose the others' records
            failures += 1
            click.echo(f"extractor: error: {path}: internal error ({type(error).__name__}: {error}); the other files go on", err=True)
    try:
        write_records(records, output_format, output)
    except OSError as error:
        fail(f"{output}: cannot write: {error.strerror or error}")
    if failures:
        sys.exit(1)


@main.group()
def gold() -> None:
    """Gold annotation files."""


@gold.command("check")
@click.argument("paths", nargs=-1, required=True)
def gold_check(paths: tuple[str, ...]) -> None:
    """Validate gold files (schema, raw slices, overlaps, sha256, digit coverage)."""
    from extractor.evaluation import GoldError, check_gold, gold_files

    try:
        files = gold_files(list(paths))
    except GoldError as error:
        fail(str(error))
    problems = [message for path in files for message in check_gold(path)]
    for message in problems:
        click.echo(message, err=True)
    click.echo(f"{len(files)} gold file(s) checked, {len(problems)} problem(s)")
    if problems or not files:
        sys.exit(1)


@main.command()
@click.option("--gold", "gold_paths", multiple=True, required=True, help="Gold file or directory (repeatable).")
@click.option("--pred", "predictions", default=None, help="Records (JSONL) to score; default: run the extractor.")
@click.option("--json", "as_json", is_flag=True, help="Scores and errors as JSON.")
@click.option("--errors", "error_count", default=0, show_default=True, help="List up to N errors per task.")
def evaluate(gold_paths: tuple[str, ...], predictions: str | None, as_json: bool, error_count: int) -> None:
    """Score extraction against gold: per document and micro-averaged."""
    from extractor.evaluation import GoldError
    from extractor.evaluation.report import evaluate_gold, format_table

    try:
        report = evaluate_gold(list(gold_paths), predictions)
    except (GoldError, InputError) as error:
        fail(str(error))
    if as_json:
        click.echo(json.dumps(report.to_json(error_count), ensure_ascii=False, indent=1))
    else:
        click.echo(format_table(report, error_count))


@main.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Section records (JSON Lines) instead of the tree.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, '-' for stdout.")
@limit_options
def sections(file: str, as_json: bool, output: str, limits: Limits) -> None:
    """Print the section tree of FILE: label, title and level, indented by nesting."""
    from extractor.cleaning import clean_document
    from extractor.reading import read_document
    from extractor.records import section_records
    from extractor.sections import find_sections

    try:
        raw = read_document(file, limits=limits)
    except InputError as error:
        fail(str(error))
    found = find_sections(clean_document(raw))
    if as_json:
        write_output("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in section_records(raw, found)), output)
        return
    lines = [f"{'  ' * (s.level - 1)}{s.label}  {s.title}  [level {s.level}]" for s in found]
    write_output("\n".join(lines) + ("\n" if lines else ""), output)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Indicator records (JSON Lines) instead of the table.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file (all FILES together), '-' for stdout.")
@limit_options
def indicators(files: tuple[str, ...], as_json: bool, output: str, limits: Limits) -> None:
    """Targets and results of FILES as a readable table (metric, target, unit, comparator, year, place)."""
    from extractor.reading import read_document
    from extractor.records import extract_records

    failures, parts = 0, []
    for path in files:
        try:
            records = extract_records(read_document(path, limits=limits))
        except InputError as error:
            failures += 1
            click.echo(f"extractor: error: {error}", err=True)
            continue
        found = [r for r in records if r["type"] == "indicator"]
        if as_json:
            parts.append("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in found))
            continue
        for warning in records[0].get("warnings", []):
            logger().warning(f"{path}: {warning}")
        parts.append(indicator_table(path, found))
    write_output("".join(parts), output)
    if failures:
        sys.exit(1)


def indicator_table(path: str, found: list[dict]) -> str:
    rows = [f"== {path}", f"{'item':<16} {'metric':<58} {'target':>16} {'unit':<12} {'cmp':<5} {'year':<5} place"]
    for record in found:
        if record["role"] != "target":
            continue
        item = f"{str(record['group'])[:11]}({record['number']})"
        metric = (record.get("metric") or "")[:58]
        for target in record["targets"] or [{}]:
            value = target.get("value")
            shown = f"{target.get('low')}-{target.get('high')}" if value is None and target.get("low") is not None else _number(value)
            rows.append(f"{item:<16} {metric:<58} {shown:>16} {str(target.get('unit') or ''):<12} "
                        f"{str(target.get('comparator') or ''):<5} {str(target.get('year') or ''):<5} {record.get('place') or ''}")
            item, metric = "", ""
    results = [r for r in found if r["role"] == "result"]
    if results:
        rows.append(f"{'result':<16} {'statement':<58} {'status':>16} {'target':>12} {'actual':>12} {'unit':<12} place")
        for record in results:
            if record.get("source_table"):  # a results-table row: its metric, with target and actual side by side
                label, statement = f"row {record.get('row') or record['number']}", record.get("metric") or ""
            else:
                label, statement = str(record["number"]), (f"{record['metric']}: " if record.get("metric") else "") + record["text"]
            statement = " ".join(statement.split())[:58]
            target = record.get("target_text") or (_number(record["target_value"]) if record.get("target_value") is not None else "")
            actual = record.get("actual_text") or (_number(record.get("value")) if record.get("value") is not None else "")
            rows.append(f"{label:<16} {statement:<58} {str(record['status'] or ''):>16} {target[:12]:>12} {actual[:12]:>12} "
                        f"{str(record.get('unit') or '')[:12]:<12} {record.get('place') or ''}")
    return "\n".join(rows) + "\n"


def _number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".replace(",", " ")
    return f"{int(value):,}".replace(",", " ")


def _register_commands() -> None:
    """Commands that live with their subpackage (they import only click at module level)."""
    from extractor.batch.commands import batch, query
    from extractor.compare import compare_command
    from extractor.view import view_command

    for command in (batch, query, compare_command, view_command):
        main.add_command(command)


_register_commands()
