"""`extractor compare`: target indicators and key figures side by side across reports."""

from __future__ import annotations

import click


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--metric", default=None, help="Only metrics matching TEXT (accent- and case-insensitive).")
@click.option("-o", "--output", default="-", show_default=True,
              help="FILE.csv, FILE.html (with a chart per aligned row) or FILE.parquet (long form); '-' writes CSV to stdout.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None,
              help="Similarity (0-100) at which two metric names align [default: from rules.json, 85].")
@click.option("--targets-only", is_flag=True, help="Leave out key quantities (reported figures).")
def compare_command(inputs: tuple[str, ...], metric: str | None, output: str, threshold: float | None, targets_only: bool) -> None:
    """Align target indicators and key figures of several reports by metric, one column per report.

    INPUTS: a dataset directory (from `extractor batch`, or `extract --format csv|parquet -o DIR`), a
    records file from `extractor extract -o records.jsonl`, or report files (extracted on the fly).
    Metrics that cannot be aligned are listed separately, never guessed.
    """
    from extractor.console import fail, write_output
    from extractor.compare.align import compare_reports
    from extractor.compare.loading import load_reports
    from extractor.compare.output import to_csv, to_frame, to_html
    from extractor.errors import InputError

    suffix = output.lower().rsplit(".", 1)[-1] if "." in output else ""
    if output != "-" and suffix not in ("csv", "html", "htm", "parquet"):
        fail(f"{output}: the output must end in .csv, .html or .parquet")
    try:
        reports = load_reports(list(inputs))
    except InputError as error:
        fail(str(error))
    if len(reports) < 2:
        click.echo(f"extractor: warning: only {len(reports)} report to compare; every metric will be unaligned", err=True)
    comparison = compare_reports(reports, metric=metric, threshold=threshold, with_quantities=not targets_only)
    if suffix == "parquet":
        try:
            to_frame(comparison).to_parquet(output, index=False)
        except OSError as error:
            fail(f"{output}: cannot write: {error.strerror or error}")
    else:
        write_output(to_html(comparison) if suffix in ("html", "htm") else to_csv(comparison), output)
    if output != "-":
        counts = comparison.counts
        click.echo(f"{output}: {len(reports)} reports, {counts.get('aligned', 0)} aligned rows, "
                   f"{len(comparison.rows) - counts.get('aligned', 0)} unaligned", err=True)
