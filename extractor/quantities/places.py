"""Place attribution: which administrative unit each figure is about.

Mentions are "xã X", "thị trấn X", … (and bare names the document has introduced with a type).
A mention in subject position — at the start of a paragraph, sentence or clause, possibly after
"Đảng bộ", "UBND", … — opens a scope that runs until the next subject in the same paragraph; a
name written right before a figure ("Hát Lót 99,8%") holds for that figure; a plural subject
("Các xã, thị trấn …") or several units named together close the scope. Footnotes inherit the
place at their marker.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

NAME_SYLLABLE = r"[\p{Lu}][\p{Ll}\p{M}]*"
IMMEDIATE_GAP = regex.compile(r"[\s:]*$")


@dataclass(frozen=True)
class Mention:
    start: int  # clean-text span of the mention
    end: int
    place: str | None  # normalised "xã X"; None for a plural or unnamed subject that closes scope
    subject: bool


@lru_cache(maxsize=1)
def place_rules() -> dict:
    data = json.loads(resources.files("extractor.quantities").joinpath("place_rules.json").read_text(encoding="utf-8"))
    types = sorted(data["unit_types"], key=len, reverse=True)
    type_pattern = "|".join(regex.escape(t) for t in types)
    return {
        "typed": regex.compile(rf"(?<![\p{{L}}])((?i:{type_pattern}))\s+({NAME_SYLLABLE}(?:\s+{NAME_SYLLABLE}){{0,2}})(?![\p{{L}}\p{{M}}])"),
        "subject_lead": regex.compile(data["subject_lead"], regex.IGNORECASE),
        "boundary": regex.compile(data["clause_boundary"]),
        "plural_subject": regex.compile(data["plural_subject"], regex.IGNORECASE),
        "types": {t.lower() for t in types},
    }


def normalise_place(unit_type: str, name: str) -> str:
    return unicodedata.normalize("NFC", f"{unit_type.lower()} {' '.join(name.split())}")


def find_mentions(text: str, start: int, end: int, bare_names: dict[str, str]) -> list[Mention]:
    """Mentions in one paragraph, in order; ``bare_names`` maps a name to its resolved place."""
    rules = place_rules()
    found: list[tuple[int, int, str | None]] = []
    for match in rules["typed"].finditer(text, start, end):
        name = _trim_name(match.group(2))
        if name:
            found.append((match.start(), match.start(1) + len(match.group(1)) + 1 + len(name), normalise_place(match.group(1), name)))
    for name, place in bare_names.items():
        for match in regex.finditer(rf"(?<![\p{{L}}]){regex.escape(name)}(?![\p{{L}}])", text[start:end]):
            position = start + match.start()
            if not any(a <= position < b for a, b, _ in found) and not _typed_before(text, position):
                found.append((position, position + len(name), place))
    for match in rules["plural_subject"].finditer(text, start, end):
        found.append((match.start(), match.end(), None))
    found.sort()
    mentions = []
    for mention_start, mention_end, place in found:
        labels_what_follows = text[mention_end:mention_end + 2].lstrip().startswith(":")  # "Xã Cò Nòi: …"
        subject = labels_what_follows or _in_subject_position(text, start, mention_start)
        mentions.append(Mention(mention_start, mention_end, place, subject))
    return _mark_joint_subjects(text, mentions)


def _trim_name(name: str) -> str:
    """Drop capitalised words that start a new phrase after the name ("xã Cò Nòi Tổ chức …")."""
    words = name.split()
    return " ".join(words[:3])


def _typed_before(text: str, position: int) -> bool:
    before = text[max(0, position - 12):position].lower().rstrip()
    return any(before.endswith(t) for t in place_rules()["types"])


def _in_subject_position(text: str, paragraph_start: int, position: int) -> bool:
    rules = place_rules()
    clause_start = paragraph_start
    for boundary in rules["boundary"].finditer(text, paragraph_start, position):
        clause_start = boundary.end()
    lead = text[clause_start:position]
    return bool(rules["subject_lead"].fullmatch(lead))


def _mark_joint_subjects(text: str, mentions: list[Mention]) -> list[Mention]:
    """Several units named together as one subject ("Thị trấn Hát Lót, xã Cò Nòi: …") close the scope."""
    result = list(mentions)
    for index, mention in enumerate(mentions):
        if not mention.subject:
            continue
        run = [mention]
        for later in mentions[index + 1:]:
            gap = text[run[-1].end:later.start]
            if regex.fullmatch(r"\s*(?:,|và|;)\s*", gap) and later.place != run[-1].place:
                run.append(later)
            else:
                break
        if len(run) > 1:
            for member in run:
                position = result.index(member)
                result[position] = Mention(member.start, member.end, None, True)
    return result


def place_at(mentions: list[Mention], text: str, position: int) -> str | None:
    """The place for a figure at ``position`` given the paragraph's mentions."""
    before = [m for m in mentions if m.end <= position]
    if before and before[-1].place and IMMEDIATE_GAP.fullmatch(text, before[-1].end, position):
        return before[-1].place  # "Hát Lót 99,8%", "Xã Hát Lót: 100%"
    scope = None
    for mention in before:
        if mention.subject:
            scope = mention.place
    return scope


def resolve_bare_names(text: str) -> dict[str, str]:
    """Names introduced with a type anywhere in the document; an ambiguous name ("Hát Lót" is a
    xã and a thị trấn) resolves to its most frequent type, ties to the lower-level unit listed first."""
    rules = place_rules()
    types_by_name: dict[str, Counter] = {}
    for match in rules["typed"].finditer(text):
        name = _trim_name(match.group(2))
        types_by_name.setdefault(name, Counter())[match.group(1).lower()] += 1
    resolved = {}
    for name, types in types_by_name.items():
        if len(name.split()) < 2:
            continue  # one-syllable names are too ambiguous to match bare
        resolved[name] = f"{types.most_common(1)[0][0]} {name}"
    return resolved


def document_places(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for match in place_rules()["typed"].finditer(text):
        name = _trim_name(match.group(2))
        seen.setdefault(normalise_place(match.group(1), name), None)
    return list(seen)
