"""Section tree: headings from the clean paragraphs, levels from the order schemes appear in.

Levels are not a fixed table: "Phần" is level 1; any other numbering scheme takes the next level
below the schemes currently open, and returns to its own level when it appears again (so "I."
under "Phần", or "1.1" directly under "I", nest as the document nests them). Arabic numbers nest
by depth ("2.1" under "2."). "(1)", "a)" and "*" items count as headings only when a document
uses them as such: a short title paragraph followed by its own body.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.cleaning import CleanText, Paragraph
from extractor.rules import load_rules

SCHEME_KEYS = {"id", "family", "pattern", "note"}
SENTENCE_BREAK = regex.compile(r"(?<=[^\s.]{2}[.!?…][”\"’)]?)\s+(?=[\p{Lu}“\"])")
COLON_BODY = regex.compile(r":\s+(?=\p{Lu}|\d)")  # body text or a figure ("Tổng số giường bệnh: 540, trong đó:")
TRAILING = regex.compile(r"[\s:.;,]+$")
SENTENCE_END = regex.compile(r"[.!?…][”\"’)]*$")
FULL_STOP = regex.compile(r"[.!?][”\"’)]*$")
ITEM_FAMILIES = ("paren", "lower-letter", "star")  # list items that a document may use as sub-headings
TITLE_BLOCK_PARAGRAPHS = 3  # a title in capitals on the next line may run over this many paragraphs
SHORT_TITLE = 160  # characters (two lines): a "(1)" item longer than this is a list item, not a sub-heading


@dataclass(frozen=True)
class Scheme:
    id: str
    family: str
    pattern: "regex.Pattern[str]"


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    title: str
    level: int
    parent: str | None
    start: int  # raw offsets: first character of the label, end of the title
    end: int
    clean_start: int  # clean-text range of the heading (label to end of title)
    clean_end: int
    scheme: str


@lru_cache(maxsize=1)
def schemes() -> tuple[Scheme, ...]:
    rows = load_rules("extractor.sections", "schemes.json")
    loaded = []
    for row in rows:
        if set(row) - SCHEME_KEYS:
            raise ValueError(f"schemes.json: unknown keys in {row.get('id')}")
        loaded.append(Scheme(row["id"], row["family"], regex.compile(row["pattern"])))
    return tuple(loaded)


def parse_label(text: str) -> tuple[Scheme, str, int] | None:
    """(scheme, normalised label, end of the label and its punctuation) for a heading's text."""
    for scheme in schemes():
        match = scheme.pattern.match(text)
        if match:
            label = match.group("label") or (match.groupdict().get("label2") or "")
            if not label:
                label = match.group("label2")
            return scheme, " ".join(unicodedata.normalize("NFC", label).split()), match.end()
    return None


def scheme_key(scheme: Scheme, label: str) -> tuple[str, int]:
    """Arabic labels form one scheme per depth: "2.1" is depth 2."""
    if scheme.family == "arabic":
        return ("arabic", label.count(".") + 1)
    return (scheme.family, 0)


class Sections(list):
    """A document's sections in text order, with their clean starts for binary search (kept
    while the list is unchanged: stages ask for them once per item)."""

    def starts(self) -> list[int]:
        cached = self.__dict__.get("_starts")
        if cached is None or len(cached) != len(self):
            cached = self.__dict__["_starts"] = [section.clean_start for section in self]
        return cached


def find_sections(clean: CleanText) -> Sections:
    text = clean.text
    body = [p for p in clean.paragraphs if p.kind != "footnote"]
    sections = Sections()
    open_schemes: list[tuple[tuple[str, int], str]] = []  # (scheme key, section id), outermost first
    nested_list: tuple[tuple[str, int], int] | None = None  # (scheme key, next number) of a list run in under a heading
    last_heading: tuple[tuple[str, int], str] | None = None  # (scheme key, label) of the last section
    for index, paragraph in enumerate(body):
        heading = _heading(paragraph, body[index + 1:index + 1 + TITLE_BLOCK_PARAGRAPHS], text)
        if heading is None:
            continue
        scheme, label, label_end, title_start, title_end, title_paragraph = heading
        key = scheme_key(scheme, label)
        if nested_list and nested_list[0] == key and (_number(label) or 0) >= nested_list[1]:
            nested_list = (key, _number(label) + 1)  # the list goes on (items stating a figure were no headings)
            continue
        if scheme.family == "arabic" and _number(label) is not None and _states_a_measure(text[title_start:title_end]):
            nested_list = (key, _number(label) + 1)  # "1. Giá trị sản xuất … đạt 272 triệu đồng.": a list item, and the list goes on
            continue
        if last_heading and _restarts_under(last_heading, (key, label)):
            nested_list = (key, 2)  # "2. Các chỉ tiêu chủ yếu" then "1. …", "2. …": its list, not sections
            continue
        nested_list, last_heading = None, (key, label)
        open_schemes = _close_to(open_schemes, key)
        level = len(open_schemes) + 1
        parent = open_schemes[-1][1] if open_schemes else None
        section_id = f"s{len(sections) + 1}"
        title = _clean_title(text[title_start:title_end])
        start, _ = clean.raw_span(paragraph.start, paragraph.start + 1)
        heading_end = title_end if title_end > title_start else paragraph.start + len(text[paragraph.start:paragraph.start + label_end].rstrip())
        _, end = clean.raw_span(heading_end - 1, heading_end)  # a heading without a title ends with its label
        sections.append(Section(section_id, label, title, level, parent, start, end, paragraph.start, title_end, scheme.id))
        open_schemes.append((key, section_id))
    return sections


def _number(label: str) -> int | None:
    return int(label) if label.isdigit() else None


def _restarts_under(last_heading: tuple[tuple[str, int], str], heading: tuple[tuple[str, int], str]) -> bool:
    """A heading numbered 1 right after a heading of the same scheme numbered 2 or more, with no
    other heading between: the list of that heading ("2. Các chỉ tiêu chủ yếu" over "1. Duy trì
    …"), since a new run of sibling sections would open under a higher heading first."""
    (last_key, last_label), (key, label) = last_heading, heading
    return key == last_key and _number(label) == 1 and (_number(last_label) or 0) >= 2


def _close_to(open_schemes, key):
    """Pop the schemes a new heading with ``key`` closes: its own level and anything deeper."""
    if key[0] in ("part", "appendix"):
        return []  # "Phần" and "Phụ lục" start the tree again
    for position, (open_key, _) in enumerate(open_schemes):
        if open_key == key:
            return open_schemes[:position]
        if key[0] == "arabic" and open_key[0] == "arabic" and open_key[1] > key[1]:
            return open_schemes[:position]  # "2." after "1.1": back above the deeper arabic level
    return open_schemes


def _heading(paragraph: Paragraph, after: list[Paragraph], text: str):
    """The heading a paragraph opens, or None; ``after`` holds the next few paragraphs."""
    following = after[0] if after else None
    content = text[paragraph.start:paragraph.end]
    if paragraph.kind not in ("heading", "item"):
        return None
    parsed = parse_label(content)
    if parsed is None:
        return None
    scheme, label, label_end = parsed
    if paragraph.kind == "item" and not _item_used_as_heading(scheme, content, following, text):
        return None
    if paragraph.kind == "heading" and scheme.family in ITEM_FAMILIES:
        return None
    title_start = paragraph.start + label_end
    title_end = paragraph.start + _title_end(content, label_end)
    title_paragraph = paragraph
    if title_end <= title_start and following is not None and scheme.family in ("part", "appendix", "chapter", "roman", "letter"):
        title_start, title_end, title_paragraph = following.start, following.end, following  # title on the next line
        for more in after[1:]:  # a capitals title block goes on over paragraphs (DOCX gives one per line)
            block = text[more.start:more.end]
            if more.kind not in ("text", "heading") or parse_label(block) or not _is_capitals(block) or not _is_capitals(text[title_start:title_end]):
                break
            title_end, title_paragraph = more.end, more
    return scheme, label, label_end, title_start, title_end, title_paragraph


MEASURED_KINDS = frozenset({"percent", "money", "area", "mass", "length", "rate"})


def _states_a_measure(title: str) -> bool:
    """A title holding a measured amount ("đạt 272 triệu đồng", "207 ha") is a list item's
    sentence: headings name subjects and may count ("(24 chỉ tiêu)"), they do not measure."""
    from extractor.quantities.parser import find_quantities  # the quantity grammar; imported late (it imports sections)

    return any(quantity.kind in MEASURED_KINDS for quantity in find_quantities(title, 0, len(title)))


def _item_used_as_heading(scheme: Scheme, content: str, following: Paragraph | None, text: str) -> bool:
    """A "(1)" or "a)" line is a sub-heading when it is short, ends no sentence, and its own body
    follows: a text paragraph or a list of another kind ("- …"), not the next item of its list."""
    if scheme.family not in ITEM_FAMILIES or following is None:
        return False
    if len(content) > SHORT_TITLE or FULL_STOP.search(content.rstrip()):
        return False  # "… xử lý trụ sở dôi dư…" ends with "etc.", not a sentence
    if _states_a_measure(content):
        return False  # "b) Thu vay bù đắp bội chi : 141.900 triệu đồng": an item stating its value
    if scheme.family == "star" and content.rstrip().endswith(":") and following.kind != "text":
        return False  # "* Khối Nhà nước:" leads into its list; "* Về Văn hóa - Xã hội:" over prose heads it
    if following.kind == "text":
        return True
    return following.kind in ("item", "weak_item") and parse_label(text[following.start:following.end]) is None


def _title_end(content: str, label_end: int) -> int:
    """Where the title stops inside a heading paragraph (offset into ``content``)."""
    colon = COLON_BODY.search(content, label_end)
    if colon:
        return colon.start()
    breaks = list(SENTENCE_BREAK.finditer(content, label_end))
    # The body runs on after the title's sentence when the paragraph ends a sentence or holds more
    # than two; a standalone heading of two sentences ("1.5. … điều kiện. Từng bước …") stays whole.
    if breaks and (SENTENCE_END.search(content.rstrip()) or len(breaks) >= 2):
        return len(TRAILING.sub("", content[:breaks[0].start()]))
    return len(TRAILING.sub("", content)) if TRAILING.sub("", content) else label_end


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _clean_title(title: str) -> str:
    return TRAILING.sub("", " ".join(unicodedata.normalize("NFC", title).split()))
