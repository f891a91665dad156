"""Aligning target indicators and key quantities across reports: by catalogue indicator code first
(``extractor.catalogue``), else by normalised metric, at a compatible unit.

A *measure* is one figure of one report: each target of each target item ("target"), or a key quantity
("reported": a quantity whose metric aligns with some report's target metric at a compatible unit).
Metrics are clustered across reports (greedy, most widespread spelling first, each joining the closest
cluster representative at or above the threshold), then split by unit class; a row is one cluster at
one unit and one measure kind. What cannot be put next to another report is kept as an unaligned row
with its reason, never forced into a row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extractor.catalogue.classify import PLAN_BASES
from extractor.compare.loading import Report
from extractor.compare.normalise import fold, load_rules, metric_key, token_similarity, unit_class

ALIGNED = "aligned"
ONLY_ONE = "only in one report"
INCOMPATIBLE = "incompatible units"
NO_FIGURE = "no numeric target"
NO_METRIC = "no metric named"
STATUS_ORDER = (ALIGNED, INCOMPATIBLE, ONLY_ONE, NO_METRIC, NO_FIGURE)


@dataclass
class Measure:
    report: str  # Report.key
    measure: str  # "target" or "reported"
    metric: str | None  # as written
    key: str  # metric_key(metric)
    unit: str | None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    comparator: str | None = None
    year: int | None = None
    place: str | None = None
    item: str | None = None  # "3.1(5)" for targets
    source: str = ""
    start: int | None = None
    end: int | None = None
    page: int | None = None
    text: str | None = None  # raw text of the figure
    record: str | None = None  # id of the quantity (or indicator) record
    change: str | None = None  # "increase"/"decrease": the figure is by how much the measure moves, no level
    basis: str | None = None  # what a share or change is measured against ("plan", "same_period", …)

    @property
    def _unit_note(self) -> str | None:
        """A change, or a share of a plan ("đạt 95% kế hoạch"), is no level of the measure."""
        if self.change:
            return self.change
        return "of plan" if self.basis in PLAN_BASES else None

    @property
    def aligned_unit(self) -> str:
        """The unit class it lines up in: a fall of 0,5 % is no poverty rate of 0,5 %."""
        unit = unit_class(self.unit)
        return f"{unit} ({self._unit_note})" if self._unit_note else unit

    @property
    def shown_unit(self) -> str:
        return f"{self.unit or ''} ({self._unit_note})".strip() if self._unit_note else self.unit or ""


@dataclass
class Row:
    metric: str
    measure: str
    unit: str
    status: str
    key: str
    variants: list[str]
    cells: dict[str, list[Measure]]  # Report.key → measures, in document order
    elsewhere: dict[str, list[str]] = field(default_factory=dict)  # incompatible units: unit → Report.keys using it

    @property
    def report_count(self) -> int:
        return len(self.cells)


@dataclass
class Comparison:
    reports: list[Report]
    rows: list[Row]
    threshold: float
    rules_version: int
    metric_filter: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def aligned(self) -> list[Row]:
        return [row for row in self.rows if row.status == ALIGNED]

    @property
    def unaligned(self) -> list[Row]:
        return [row for row in self.rows if row.status != ALIGNED]


def compare_reports(reports: list[Report], metric: str | None = None, threshold: float | None = None,
                    with_quantities: bool = True) -> Comparison:
    rules = load_rules()
    threshold = rules.threshold if threshold is None else float(threshold)
    targets, unmatched = [], []
    for report in reports:
        found, missing = target_measures(report)
        targets += found
        unmatched += missing
    clusters = cluster_metrics(targets, threshold)
    rows = target_rows(targets, clusters)
    if with_quantities:
        rows += reported_rows(reports, targets, clusters)
    rows += grouped_rows(unmatched, NO_FIGURE, lambda m: m.key or fold(m.text or ""))
    rows += grouped_rows([m for m in targets if not m.key], NO_METRIC, lambda m: unit_class(m.unit))
    if metric:
        rows = [row for row in rows if _matches(row, metric)]
    rows.sort(key=lambda row: (STATUS_ORDER.index(row.status), -row.report_count, fold(row.metric), row.measure != "target", row.unit))
    counts = Counter(row.status for row in rows)
    return Comparison(reports, rows, threshold, rules.version, metric, dict(counts))


def target_measures(report: Report) -> tuple[list[Measure], list[Measure]]:
    """Each target of each target item, and each goal the text sets in running text (a quantity
    record with ``goal``); items without a figure come back separately."""
    quantities = {q.get("id"): q for q in report.quantities}
    measures, without_figure = [], []
    for indicator in report.indicators:
        if indicator.get("role") != "target":
            continue
        item = _item_label(indicator)
        # a target stated without a figure ("đạt tiêu chuẩn …") has no value to line up
        targets = [t for t in indicator.get("targets") or [] if any(t.get(k) is not None for k in ("value", "low", "high"))]
        if not targets:
            without_figure.append(_located(Measure(report.key, "target", indicator.get("metric"), metric_key(indicator.get("metric")),
                                                   None, item=item, text=indicator.get("text")), report, indicator))
            continue
        for target in targets:
            # One figure: the item names it. Several: each names its own part where the text says which.
            if len(targets) == 1:
                name = indicator.get("metric") or target.get("metric")
            else:
                name = target.get("metric") or indicator.get("metric")
            quantity = quantities.get(target.get("quantity"))
            code = target.get("indicator_code") or (indicator.get("indicator_code") if len(targets) == 1 else None)
            measure = Measure(report.key, "target", name, measure_key(name, code), target.get("unit"), target.get("value"),
                              target.get("low"), target.get("high"), target.get("comparator"), _int(target.get("year")),
                              indicator.get("place"), item, change=target.get("change"), basis=target.get("basis"))
            measures.append(_located(measure, report, quantity or indicator))
    rules = load_rules()
    listed = {t.get("quantity") for i in report.indicators for t in (i.get("targets") or [])}
    for quantity in report.quantities:  # goals set in running text ("phấn đấu … đạt 95%"), not in a list
        key = measure_key(quantity.get("metric"), quantity.get("indicator_code"))
        if not quantity.get("goal") or quantity.get("id") in listed \
                or (not key.startswith(CODE_KEY) and len(key.split()) < rules.quantity_min_tokens):
            continue
        measure = Measure(report.key, "target", quantity.get("metric"), key, quantity.get("unit"), quantity.get("value"),
                          quantity.get("low"), quantity.get("high"), _qualifier_comparator(quantity), _int(quantity.get("goal_year")),
                          quantity.get("place"), change=quantity.get("change"), basis=quantity.get("basis"))
        measures.append(_located(measure, report, quantity))
    return measures, without_figure


@dataclass
class Clusters:
    """Metric keys grouped by similarity: each cluster is compared through its seed (first key)."""

    threshold: float
    seeds: list[set[str]] = field(default_factory=list)
    of_key: dict[str, int] = field(default_factory=dict)
    seeds_with_token: dict[str, set[int]] = field(default_factory=dict)  # only seeds sharing a syllable can match

    def closest(self, key: str) -> int | None:
        """The cluster whose seed is most similar to ``key`` at or above the threshold (oldest on ties)."""
        if key in self.of_key:
            return self.of_key[key]
        tokens = set(key.split())
        candidates = set().union(*(self.seeds_with_token.get(token, ()) for token in tokens)) if tokens else set()
        best, best_score = None, self.threshold
        for index in sorted(candidates):
            score = token_similarity(tokens, self.seeds[index])
            if score > best_score or (score == best_score and best is None):
                best, best_score = index, score
        return best

    def add(self, key: str) -> int:
        cluster = self.closest(key)
        if cluster is None:
            cluster = len(self.seeds)
            self.seeds.append(set(key.split()))
            for token in self.seeds[cluster]:
                self.seeds_with_token.setdefault(token, set()).add(cluster)
        self.of_key[key] = cluster
        return cluster


def cluster_metrics(measures: list[Measure], threshold: float) -> Clusters:
    """Keys found in more reports seed clusters first, so a widespread spelling is the one others are
    compared with; comparing with the seed only (not every member) avoids chains of small steps."""
    reports_by_key: dict[str, set] = {}
    uses = Counter()
    for measure in measures:
        if measure.key:
            reports_by_key.setdefault(measure.key, set()).add(measure.report)
            uses[measure.key] += 1
    clusters = Clusters(threshold)
    for key in sorted(reports_by_key, key=lambda k: (-len(reports_by_key[k]), -uses[k], k)):
        clusters.add(key)
    return clusters


def target_rows(measures: list[Measure], clusters: Clusters) -> list[Row]:
    groups: dict[int, dict[str, list[Measure]]] = {}
    for measure in measures:
        if measure.key:
            groups.setdefault(clusters.of_key[measure.key], {}).setdefault(measure.aligned_unit, []).append(measure)
    rows = []
    for by_unit in groups.values():
        reports_in_cluster = {m.report for found in by_unit.values() for m in found}
        for unit, found in by_unit.items():
            row = _row(found, "target")
            if row.report_count > 1:
                row.status = ALIGNED
            elif len(reports_in_cluster) > 1:
                row.status = INCOMPATIBLE
                row.elsewhere = {u: sorted({m.report for m in ms}) for u, ms in by_unit.items() if u != unit}
            else:
                row.status = ONLY_ONE
            rows.append(row)
    return rows


def reported_rows(reports: list[Report], targets: list[Measure], clusters: Clusters) -> list[Row]:
    """Key quantities: figures whose metric is some report's target metric, at a unit that target uses."""
    rules = load_rules()
    units_of_cluster: dict[int, set] = {}
    for measure in targets:
        if measure.key:
            units_of_cluster.setdefault(clusters.of_key[measure.key], set()).add(measure.aligned_unit)
    groups: dict[tuple[int, str], list[Measure]] = {}
    for report in reports:
        target_figures = {t.get("quantity") for i in report.indicators for t in (i.get("targets") or [])}
        for quantity in report.quantities:
            key = measure_key(quantity.get("metric"), quantity.get("indicator_code"))
            if quantity.get("id") in target_figures or quantity.get("goal") \
                    or (not key.startswith(CODE_KEY) and len(key.split()) < rules.quantity_min_tokens):
                continue
            cluster = clusters.closest(key)
            measure = Measure(report.key, "reported", quantity.get("metric"), key, quantity.get("unit"), quantity.get("value"),
                              quantity.get("low"), quantity.get("high"), _qualifier_comparator(quantity), None, quantity.get("place"),
                              change=quantity.get("change"), basis=quantity.get("basis"))
            if cluster is None or measure.aligned_unit not in units_of_cluster[cluster]:
                continue
            groups.setdefault((cluster, measure.aligned_unit), []).append(_located(measure, report, quantity))
    rows = []
    for found in groups.values():
        row = _row(found, "reported")
        row.status = ALIGNED if row.report_count > 1 else ONLY_ONE
        rows.append(row)
    return rows


def grouped_rows(measures: list[Measure], status: str, group_key) -> list[Row]:
    """Rows of one status, one per group (items without a figure by metric; figures without a metric by unit)."""
    groups: dict[str, list[Measure]] = {}
    for measure in measures:
        groups.setdefault(group_key(measure), []).append(measure)
    rows = []
    for found in groups.values():
        row = _row(found, "target")
        row.status = status
        rows.append(row)
    return rows


CODE_KEY = "code:"


def measure_key(metric: str | None, code: str | None) -> str:
    """What a measure aligns on: its catalogue code when it has one (one token, so only the same
    code joins it), else the normalised metric."""
    return f"{CODE_KEY}{code}" if code else metric_key(metric)


def _row(measures: list[Measure], kind: str) -> Row:
    if measures[0].key.startswith(CODE_KEY):  # the catalogue's name heads the row; the spellings follow
        from extractor.catalogue import catalogue

        code = measures[0].key[len(CODE_KEY):]
        name = next((e["name"] for e in catalogue()["indicators"] if e["id"] == code), code)
        cells: dict[str, list[Measure]] = {}
        for measure in measures:
            cells.setdefault(measure.report, []).append(measure)
        variants = list(dict.fromkeys(_display(m.metric) for m in measures if _display(m.metric)))
        return Row(name, kind, measures[0].shown_unit, "", measures[0].key, variants, cells)
    names = [_display(m.metric) for m in measures]
    spellings = Counter(names)
    first_seen = {name: position for position, name in reversed(list(enumerate(names)))}
    ranked = sorted(spellings, key=lambda name: (-spellings[name], first_seen[name]))
    cells: dict[str, list[Measure]] = {}
    for measure in measures:
        cells.setdefault(measure.report, []).append(measure)
    return Row(ranked[0], kind, measures[0].shown_unit, "", measures[0].key, ranked[1:], cells)


def _display(metric: str | None) -> str:
    """The metric as written, without list dashes or a trailing colon around it ("- Số hộ …:" → "Số hộ …")."""
    return " ".join((metric or "").split()).strip(" -–+*•:=;,.")


def _located(measure: Measure, report: Report, record: dict) -> Measure:
    measure.source = report.source
    measure.start, measure.end = _int(record.get("start")), _int(record.get("end"))
    measure.page = _int(record.get("page"))
    measure.text = record.get("text") if measure.text is None else measure.text
    measure.record = record.get("id")
    return measure


def _matches(row: Row, text: str) -> bool:
    wanted, wanted_key = fold(text), metric_key(text)
    names = [row.metric, *row.variants]
    return any(wanted in fold(name or "") for name in names) or bool(wanted_key and wanted_key in row.key)


def _item_label(indicator: dict) -> str:
    group, number = indicator.get("group"), _int(indicator.get("number"))
    return f"{group}({number})" if group else f"({number})"


def _qualifier_comparator(quantity: dict) -> str | None:
    if quantity.get("low") is not None and quantity.get("value") is None:
        return "range"
    return {"approx": "~", "over": ">", "under": "<", "at_least": ">=", "at_most": "<="}.get(quantity.get("qualifier"), "=")


def _int(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
