"""The shape of a record read back from JSON Lines (records files for `compare` and `evaluate`):
one home for what each field may hold, so a malformed line is refused with its line number and
reason instead of failing deep inside."""

from __future__ import annotations

NUMBER_FIELDS = ("start", "end", "value", "low", "high", "denominator", "number", "level", "ref_start", "ref_end", "year",
                 "target_value", "actual", "page", "goal_year", "basis_year")
TEXT_FIELDS = ("type", "doc_id", "source", "id", "text", "unit", "kind", "qualifier", "place", "metric", "role", "status",
               "label", "title", "term", "marker", "comparator", "indicator_code", "period", "basis")
LIST_FIELDS = ("targets", "quantities", "places", "targets_not_met", "warnings")


def shape_problem(record) -> str | None:
    """Why ``record`` is no record (None when it is one): an object with a text ``type``, numbers
    where numbers go, text where text goes, lists of objects where targets go."""
    if not isinstance(record, dict):
        return f"a record is a JSON object, not {type(record).__name__}"
    if not isinstance(record.get("type"), str):
        return "a record needs a text field 'type'"
    for name in NUMBER_FIELDS:
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return f"field '{name}' must be a number, not {type(value).__name__}"
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return f"field '{name}' must be text, not {type(value).__name__}"
    for name in LIST_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, list):
            return f"field '{name}' must be a list, not {type(value).__name__}"
    for target in record.get("targets") or []:
        problem = "a target must be an object" if not isinstance(target, dict) else shape_problem({"type": "target", **target})
        if problem:
            return f"in 'targets': {problem}"
    return None
