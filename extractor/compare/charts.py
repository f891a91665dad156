"""One small chart per aligned row of a comparison: each report's target figure as a bar (a range
as a bar from low to high), result figures as dots, drawn with matplotlib as inline SVG (text kept
as text, no external resources, the same bytes for the same input).

matplotlib is imported only when a chart is drawn; without it the HTML has no charts and says so.
"""

from __future__ import annotations

import io
import json
from html import escape

import regex

from extractor.compare.align import Row

SVG_METADATA = regex.compile(r"\s*<metadata>.*?</metadata>", regex.DOTALL)
SVG_NAMESPACES = regex.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
CHART_WIDTH_INCHES = 5.2
BAR_HEIGHT_INCHES = 0.34


def chart_values(row: Row, labels: dict[str, str]) -> list[dict]:
    """The figures a row's chart draws, one entry per report and measure (what a test or a user
    reading the page's data attributes gets)."""
    values = []
    for key, label in labels.items():
        for measure in row.cells.get(key, []):
            if measure.value is None and measure.low is None:
                continue
            values.append({"report": label, "measure": row.measure, "value": measure.value, "low": measure.low,
                           "high": measure.high, "year": measure.year, "unit": measure.unit})
    return values


def row_chart(row: Row, labels: dict[str, str]) -> str:
    """A <figure> holding the row's SVG chart and its values as data; "" when nothing to draw."""
    values = chart_values(row, labels)
    if len({v["report"] for v in values}) < 2:
        return ""
    try:
        svg = _draw(values, row.unit)
    except ImportError:
        return "<figure class=\"chart\"><figcaption>charts need matplotlib (pip install matplotlib)</figcaption></figure>"
    data = escape(json.dumps(values, ensure_ascii=False))
    return f"<figure class=\"chart\" data-values=\"{data}\">{svg}</figure>"


def _draw(values: list[dict], unit: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.ticker
    from matplotlib import pyplot
    from matplotlib.figure import Figure

    figure = Figure(figsize=(CHART_WIDTH_INCHES, 0.5 + BAR_HEIGHT_INCHES * len(values)))
    axes = figure.subplots()
    names = [f"{v['report']} ({v['year']})" if v.get("year") else v["report"] for v in values]
    positions = list(range(len(values)))[::-1]
    for position, value in zip(positions, values):
        low, high = (value["low"], value["high"]) if value["value"] is None else (0, value["value"])
        if value["measure"] == "reported":
            axes.plot([high], [position], "o", color="#9a5b00")
        else:
            axes.barh(position, high - low, left=low, color="#2f6fae", height=0.6)
        axes.text(high, position, f" {_number(high)}", va="center", fontsize=8)
    axes.set_yticks(positions, names, fontsize=8)
    if all((v["low"] if v["value"] is None else v["value"]) >= 0 for v in values):
        axes.set_xlim(left=0)  # bars and dots measured from zero
    axes.ticklabel_format(axis="x", style="plain", useOffset=False)
    axes.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: _number(value)))
    axes.set_xlabel(unit or "", fontsize=8)
    axes.tick_params(axis="x", labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.18)
    figure.tight_layout()
    buffer = io.StringIO()
    with pyplot.rc_context({"svg.fonttype": "none", "svg.hashsalt": "extractor"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    # inline in HTML: no namespace declarations or metadata (their URLs are names, but a page that
    # holds no address at all is simpler to trust), plain href for the marks it reuses
    svg = SVG_METADATA.sub("", svg)
    svg = SVG_NAMESPACES.sub("", svg)
    return svg.replace("xlink:href=", "href=")


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if float(value).is_integer() or abs(value) >= 1000 else f"{value:g}"
