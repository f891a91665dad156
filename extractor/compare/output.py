"""The comparison as CSV (one table, unaligned rows after the aligned ones) or a self-contained HTML page."""

from __future__ import annotations

import csv
import io
from html import escape

from extractor.compare.charts import row_chart
from extractor.compare.align import ALIGNED, Comparison, Measure, Row

COMPARATOR_SIGNS = {"=": "", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "~": "≈", "range": ""}
FIXED_COLUMNS = ("metric", "measure", "unit", "status", "reports", "note", "variants", "metric_key")


def column_labels(comparison: Comparison) -> dict[str, str]:
    """Report.key → column header: the reporting unit the document names (its doc_id when it names
    none), with the doc_id added where two reports share a name."""
    names = [report.label for report in comparison.reports]
    return {r.key: r.label if names.count(r.label) == 1 else f"{r.label} ({r.doc_id})" for r in comparison.reports}


def to_csv(comparison: Comparison) -> str:
    labels = column_labels(comparison)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*FIXED_COLUMNS, *labels.values()])
    for row in comparison.rows:
        writer.writerow([row.metric, row.measure, row.unit, row.status, row.report_count, note_text(row, labels), " | ".join(row.variants), row.key,
                         *(" | ".join(cell_text(m) for m in row.cells.get(key, [])) for key in labels)])
    return buffer.getvalue()


def to_frame(comparison: Comparison):
    """The comparison in long form, one row per row × report × figure (what Parquet holds):
    typed values instead of the CSV's text cells."""
    import pandas

    labels = column_labels(comparison)
    rows = []
    for row in comparison.rows:
        for key, label in labels.items():
            for measure in row.cells.get(key, []):
                rows.append({
                    "metric": row.metric, "key": row.key, "measure": row.measure, "unit": row.unit, "status": row.status,
                    "report": label, "value": measure.value, "low": measure.low, "high": measure.high,
                    "comparator": measure.comparator, "year": measure.year, "place": measure.place, "item": measure.item,
                    "metric_as_written": measure.metric, "source": measure.source, "start": measure.start, "end": measure.end,
                    "page": measure.page, "record": measure.record,
                })
    frame = pandas.DataFrame(rows, columns=["metric", "key", "measure", "unit", "status", "report", "value", "low", "high",
                                             "comparator", "year", "place", "item", "metric_as_written", "source", "start",
                                             "end", "page", "record"])
    for column in ("year", "start", "end", "page"):
        frame[column] = frame[column].astype("Int64")
    return frame


def note_text(row: Row, labels: dict[str, str]) -> str:
    """Why an incompatible-units row stands alone: "also as % in mai-son"."""
    return "; ".join(f"also as {unit or 'no unit'} in {', '.join(labels.get(key, key) for key in keys)}" for unit, keys in row.elsewhere.items())


def value_text(measure: Measure, grouped: bool = False) -> str:
    """"≥ 90 % (2030)", "15–20 % (2030)", "xã Hát Lót: 95 %"; ``grouped`` writes 45 000 000 for reading."""
    if measure.value is None and measure.low is None and measure.high is None:
        return "no figure"
    if measure.value is None:
        number = f"{number_text(measure.low, grouped)}–{number_text(measure.high, grouped)}"
    else:
        number = number_text(measure.value, grouped)
    sign = COMPARATOR_SIGNS.get(measure.comparator or "=", measure.comparator or "")
    shown = f"{sign} {number}".strip() + (f" {measure.unit}" if measure.unit else "")
    if measure.year:
        shown += f" ({measure.year})"
    if measure.place:
        shown = f"{measure.place}: {shown}"
    return shown


def location_text(measure: Measure) -> str:
    """"corpora/mai-son.txt:40100-40103 p.4 item 3.1(5)"."""
    where = measure.source
    if measure.start is not None:
        where += f":{measure.start}-{measure.end}"
    if measure.page is not None:
        where += f" p.{measure.page}"
    if measure.item:
        where += f" item {measure.item}"
    return where


def cell_text(measure: Measure) -> str:
    return f"{value_text(measure)} @ {location_text(measure)}"


def number_text(number, grouped: bool = False) -> str:
    if number is None:
        return "?"
    number = float(number)
    if number.is_integer() or abs(number) >= 1e6:
        text = f"{round(number):,}" if grouped else str(round(number))
        return text.replace(",", "\u202f")  # narrow no-break space between thousands
    return f"{number:.6g}"


def to_html(comparison: Comparison) -> str:
    labels = column_labels(comparison)
    aligned, unaligned = comparison.aligned, comparison.unaligned
    parts = [
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Comparison of target indicators</title>",
        f"<style>{STYLE}</style>\n</head>\n<body>",
        "<h1>Target indicators and key figures across reports</h1>",
        _summary(comparison),
        _reports_table(comparison, labels),
        f"<h2 id=\"aligned\">Aligned metrics ({len(aligned)})</h2>",
        _rows_table(aligned, labels, "aligned") if aligned else "<p class=\"empty\">No metric is in two reports.</p>",
        f"<h2 id=\"unaligned\">Could not be aligned ({len(unaligned)})</h2>",
        "<p>Metrics in only one report, with units that do not match the same metric elsewhere, with no figure, or with no "
        "metric named. Nothing here was forced into a row.</p>",
        _rows_table(unaligned, labels, "unaligned") if unaligned else "<p class=\"empty\">Everything aligned.</p>",
        "</body>\n</html>\n",
    ]
    return "\n".join(parts)


def _summary(comparison: Comparison) -> str:
    counts = ", ".join(f"{count} {status}" for status, count in comparison.counts.items())
    chosen = f"; metrics matching “{escape(comparison.metric_filter)}”" if comparison.metric_filter else ""
    return (f"<p class=\"summary\">{len(comparison.reports)} reports, {len(comparison.rows)} rows ({escape(counts) or 'none'}){chosen}. "
            f"Metrics align at a similarity ≥ {comparison.threshold:g} (rules v{comparison.rules_version}) and only with equal units. "
            "Hover a cell for the figure's text and record.</p>")


def _reports_table(comparison: Comparison, labels: dict[str, str]) -> str:
    lines = ["<table class=\"reports\"><thead><tr><th>column</th><th>source</th><th>term</th><th>places</th><th>sha256</th></tr></thead><tbody>"]
    for report in comparison.reports:
        places = report.document.get("places") or []
        lines.append(f"<tr><td>{escape(labels[report.key])}</td><td>{escape(report.source)}</td>"
                     f"<td>{escape(str(report.document.get('term') or ''))}</td><td>{escape(', '.join(map(str, places)))}</td>"
                     f"<td><code>{escape(str(report.document.get('sha256') or '')[:12])}</code></td></tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _rows_table(rows: list[Row], labels: dict[str, str], kind: str) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label in labels.values())
    lines = [f"<table class=\"compare {kind}\"><thead><tr><th>metric</th><th>measure</th><th>unit</th><th>status</th>{head}</tr></thead><tbody>"]
    for row in rows:
        variants = f"<div class=\"variants\">also: {escape(' · '.join(row.variants))}</div>" if row.variants else ""
        note = f"<div class=\"note\">{escape(note_text(row, labels))}</div>" if row.elsewhere else ""
        cells = "".join(_cell(row.cells.get(key, [])) for key in labels)
        status_class = "ok" if row.status == ALIGNED else "warn"
        chart = row_chart(row, labels) if row.status == ALIGNED else ""
        lines.append(f"<tr><th scope=\"row\" class=\"metric\">{escape(row.metric or '—')}{variants}{chart}</th><td>{escape(row.measure)}</td>"
                     f"<td>{escape(row.unit)}</td><td class=\"{status_class}\">{escape(row.status)}{note}</td>{cells}</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _cell(measures: list[Measure]) -> str:
    if not measures:
        return "<td class=\"missing\">—</td>"
    entries = []
    for measure in measures:
        detail = "\n".join(part for part in (
            f"metric: {measure.metric or ''}", f"text: {measure.text or ''}", f"record: {measure.record or ''}",
            f"source: {location_text(measure)}") if part)
        entries.append(f"<div class=\"figure\" title=\"{escape(detail)}\"><span class=\"value\">{escape(value_text(measure, grouped=True))}</span>"
                       f"<span class=\"where\">{escape(location_text(measure))}</span></div>")
    return f"<td>{''.join(entries)}</td>"


STYLE = """
body { font: 14px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; margin: 1.5em; color: #1d232a; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #d5dbe1; padding: .3em .5em; vertical-align: top; text-align: left; }
thead th { background: #eef2f6; position: sticky; top: 0; }
th.metric { font-weight: 600; min-width: 14em; max-width: 28em; position: sticky; left: 0; background: #fff; z-index: 1; }
.variants, .note { font-weight: normal; font-size: .85em; color: #5a6673; }
.figure + .figure { border-top: 1px dotted #c7cfd8; margin-top: .25em; padding-top: .25em; }
.value { display: block; white-space: nowrap; font-variant-numeric: tabular-nums; }
.where { display: block; font-size: .78em; color: #6b7785; word-break: break-all; }
td.missing { color: #a0a9b3; text-align: center; }
td.ok { color: #1f7a3a; } td.warn { color: #9a5b00; }
table.unaligned { opacity: .92; }
figure.chart { margin: .4em 0 0; } figure.chart svg { max-width: 26em; height: auto; }
.summary { color: #39434d; } .empty { font-style: italic; }
"""
