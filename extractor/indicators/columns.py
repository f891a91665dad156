"""The header of a results table: which column holds the metric, the target, the actual figure and
the status ("STT | Chỉ tiêu | ĐVT | Kế hoạch năm 2023 | ƯTH năm 2023 | Tỷ lệ TH so với KH (%)"),
by the ``table_columns`` rules. Both the results-table reader and the target lists ask it: the
rows under such a header review past targets, they set none."""

from __future__ import annotations

from functools import lru_cache

import regex

from extractor.cleaning.lines import cell_spans
from extractor.rules import load_rules


@lru_cache(maxsize=1)
def column_rules() -> list[tuple[str, str, "regex.Pattern[str]"]]:
    data = load_rules("extractor.indicators", "rules.json")
    return [(row["id"], row["role"], regex.compile(row["pattern"])) for row in data["table_columns"]]


def header_roles(texts: list[str]) -> dict[int, str] | None:
    """Column index → role when ``texts`` read as a results table's header, else None."""
    roles: dict[int, str] = {}
    for index, text in enumerate(texts):
        folded = " ".join(text.split())
        for _, role, pattern in column_rules():
            if role not in roles.values() and pattern.search(folded):
                roles[index] = role
                break
    if {"metric", "target", "actual"} <= set(roles.values()):
        return roles
    return None


def names_a_column(text: str) -> bool:
    """Whether a cell reads as a column's name ("Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Đánh giá")."""
    folded = " ".join(text.split())
    return any(pattern.search(folded) for _, _, pattern in column_rules())


def is_results_header(raw: str, paragraph) -> bool:
    """Whether a table-row paragraph is the header of a results table."""
    spans = cell_spans(raw, paragraph.raw_start, paragraph.raw_end, paragraph.rule)
    return header_roles([" ".join(raw[start:end].split()) for start, end in spans]) is not None
