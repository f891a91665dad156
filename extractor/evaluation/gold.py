"""Loading and validating gold files (format: ../shared/spec/RECORDS.md, rules: gold/README.md)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import regex

from extractor.cleaning.footnotes import SUPERSCRIPT_DIGITS  # markers of DOCX/PDF text
from extractor.quantities.parser import quantity_kinds

QUALIFIERS = {None, "approx", "over", "under", "at_least", "at_most"}
COMPARATORS = {"=", ">", ">=", "<", "<=", "~", "range"}
STATUSES = {None, "exceeded", "met", "mostly_met", "not_met"}
NON_QUANTITY_REASONS = {"date", "year", "term", "document_number", "name", "list_number", "heading_number",
                        "footnote_marker", "footnote_number", "page_number", "ordinal", "other"}
PLACE = regex.compile(r"^(xã|thị trấn|phường|huyện|tỉnh|thành phố|quận|thị xã) \S.*$")
DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")


class GoldError(Exception):
    pass


def gold_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.exists():
            files.append(path)
        else:
            raise GoldError(f"{path}: no such file or directory")
    return files


def load_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: cannot read gold: {error}") from None
    if not isinstance(gold, dict) or "doc_id" not in gold:
        raise GoldError(f"{path}: not a gold document (no doc_id)")
    return gold


def resolve_source(gold: dict, gold_path: Path) -> Path:
    """`source` is relative to the project root (the nearest folder above the gold file holding
    ``pyproject.toml``, else the gold folder's parent) or to the working directory."""
    source = Path(gold.get("source", ""))
    folders = gold_path.resolve().parents
    root = next((folder for folder in folders if (folder / "pyproject.toml").is_file()), folders[1] if len(folders) > 1 else folders[0])
    for candidate in (source, root / source):
        if candidate.is_file():
            return candidate
    raise GoldError(f"{gold_path}: source {str(source)!r} not found")


def read_raw(source: Path) -> tuple[str, str]:
    from extractor.reading import read_document

    document = read_document(str(source))
    return document.text, document.sha256


def check_gold(path: Path) -> list[str]:
    """Every problem found in one gold file, as messages naming the file and the item."""
    try:
        gold = load_gold(path)
        raw, sha256 = read_raw(resolve_source(gold, path))
    except GoldError as error:
        return [str(error)]
    problems: list[str] = []

    def problem(message: str) -> None:
        problems.append(f"{path}: {message}")

    if gold.get("sha256") != sha256:
        problem(f"sha256 {gold.get('sha256')!r} does not match the raw file ({sha256})")
    for key in ("sections", "quantities", "indicators"):
        if not isinstance(gold.get(key, []), list):
            problem(f"{key} must be a list")
            return problems
    _check_spans(gold.get("quantities", []), raw, "quantity", problem)
    _check_spans(gold.get("non_quantities", []), raw, "non_quantity", problem)
    for index, item in enumerate(gold.get("quantities", [])):
        where = f"quantity {index} {item.get('text')!r}"
        if item.get("kind") not in quantity_kinds():
            problem(f"{where}: kind {item.get('kind')!r}")
        if item.get("qualifier") not in QUALIFIERS:
            problem(f"{where}: qualifier {item.get('qualifier')!r}")
        if item.get("place") is not None and not PLACE.match(item["place"]):
            problem(f"{where}: place {item['place']!r} is not 'xã X'-style")
        if item.get("value") is None and (item.get("low") is None or item.get("high") is None):
            problem(f"{where}: no value and no low/high range")
        if item.get("unit") is not None and item["unit"] != unicodedata.normalize("NFC", item["unit"]).lower():
            problem(f"{where}: unit {item['unit']!r} is not NFC lower case")
    for index, item in enumerate(gold.get("non_quantities", [])):
        if item.get("reason") not in NON_QUANTITY_REASONS:
            problem(f"non_quantity {index} {item.get('text')!r}: reason {item.get('reason')!r}")
    _check_spans(gold.get("footnotes", []), raw, "footnote", problem)
    for index, item in enumerate(gold.get("footnotes", [])):
        ref_start, ref_end = item.get("ref_start"), item.get("ref_end")
        if not (isinstance(ref_start, int) and isinstance(ref_end, int) and 0 <= ref_start < ref_end <= len(raw)) \
                or str(item.get("marker")) not in raw[ref_start:ref_end].translate(SUPERSCRIPT_DIGITS):
            problem(f"footnote {index}: marker {item.get('marker')!r} is not at raw[{ref_start}:{ref_end}]")
    _check_overlaps(gold.get("quantities", []), "quantity", problem)
    _check_digit_coverage(gold, raw, problem)
    _check_sections(gold.get("sections", []), raw, problem)
    _check_indicators(gold.get("indicators", []), problem)
    return problems


def _check_spans(items, raw, name, problem) -> None:
    for index, item in enumerate(items):
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw)):
            problem(f"{name} {index}: bad offsets {start}..{end}")
        elif raw[start:end] != item.get("text"):
            problem(f"{name} {index}: text {item.get('text')!r} != raw[{start}:{end}] {raw[start:end]!r}")


def _check_overlaps(items, name, problem) -> None:
    spans = sorted((i["start"], i["end"], i.get("text")) for i in items if isinstance(i.get("start"), int))
    for (s1, e1, t1), (s2, e2, t2) in zip(spans, spans[1:]):
        if s2 < e1:
            problem(f"{name} spans overlap: {t1!r} at {s1} and {t2!r} at {s2}")


def _check_digit_coverage(gold, raw, problem) -> None:
    """With `non_quantities` present, every digit sequence in a covered range must be decided."""
    if "non_quantities" not in gold:
        return
    decided = sorted((i["start"], i["end"]) for i in gold.get("quantities", []) + gold["non_quantities"])
    ranges = gold.get("coverage", {}).get("quantities", [])
    for match in DIGITS.finditer(raw):
        start = match.start()
        if not any(a <= start < b for a, b in ranges):
            continue
        if not any(a <= start < b for a, b in decided):
            problem(f"digits {match.group()!r} at {start} are neither a quantity nor a listed non-quantity")


def _check_sections(sections, raw, problem) -> None:
    previous_start = -1
    for index, section in enumerate(sections):
        where = f"section {index} {section.get('label')!r}"
        start, level = section.get("start"), section.get("level")
        if not isinstance(start, int) or not 0 <= start < len(raw):
            problem(f"{where}: bad start {start!r}")
            continue
        if not isinstance(level, int) or level < 1:
            problem(f"{where}: bad level {level!r}")
        if start <= previous_start:
            problem(f"{where}: sections are not in document order")
        previous_start = start
        # letter-spaced headings write "1 . 1 ." for the label "1.1", and "(1)" is labelled "1":
        # compare without white space and the opening bracket
        label = "".join(section.get("label", "").split()).lower()
        label_text = "".join(unicodedata.normalize("NFC", raw[start:start + 3 * len(label) + 8]).split()).lower().lstrip("(")
        if not label_text.startswith(label):
            problem(f"{where}: raw text at {start} does not start with the label ({label_text!r})")
        if not section.get("title"):
            problem(f"{where}: empty title")


def _check_indicators(indicators, problem) -> None:
    seen = set()
    for index, item in enumerate(indicators):
        where = f"indicator {index}"
        if item.get("role") not in ("target", "result"):
            problem(f"{where}: role {item.get('role')!r}")
            continue
        if item["role"] == "target":
            key = (item.get("group"), item.get("number"))
            if key in seen:
                problem(f"{where}: duplicate target {key}")
            seen.add(key)
            for target in item.get("targets", []):
                if target.get("comparator") not in COMPARATORS:
                    problem(f"{where}: comparator {target.get('comparator')!r}")
        elif item.get("status") not in STATUSES:
            problem(f"{where}: status {item.get('status')!r}")
