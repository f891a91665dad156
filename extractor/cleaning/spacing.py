"""Undo three PDF spacing artefacts, keeping the map back to the source:

- letter-spaced text, a space after every character, whole lines or one word per line
  ("1 . V i ệ c s ắ p x ế p", "V ề\\nt h ự c\\nh i ệ n"): the characters are joined into words,
  cut where Vietnamese syllables cut best (``syllables.split_syllables``); consecutive
  letter-spaced lines of one heading or sentence become one line;
- syllables run together ("chỉtiêu", "Đảng bộxã", "vụĐảng"): a token that is no Vietnamese
  syllable but splits into dictionary syllables gets a space (an inserted character with an
  empty source range);
- a number split by a stray space at its separator ("1 .250 hộ", "12. 456 triệu", "2, 5%"): the
  space is dropped.

Runs on the normalised text; returns the new text and its map to the normalised positions.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from extractor.offsets import OffsetMap
from extractor.syllables import is_syllable, split_syllables

# a line segment of single characters each followed by one space: "V i ệ c", "1 . 1 ."
SPACED_RUN = regex.compile(r"(?<![^\s])\S(?: \S){3,}(?![^\s])")
SPACED_LINE = regex.compile(r"[ \t]*\S(?: \S)+[ \t]*")
SPACED_PAIR = regex.compile(r"(?<=\s)\S \S(?=\s)")  # two single characters (text padded with spaces): letter-spacing may be there
# a number split by a stray space at its separator (PDF justification, OCR): "1 .250 hộ", "12. 456
# triệu", "2, 5%"; a space after the separator joins only before a unit word or "%" (not a list
# "thôn 2, 5" nor a sentence end "năm 2012. 456 hộ": four digits before the dot)
@lru_cache(maxsize=1)
def split_number() -> "regex.Pattern[str]":
    """The pattern above; the measure words after a split decimal ("71, 4 tỉ đồng", "1, 5 ha") are
    the units and magnitudes of the quantities stage (their one home)."""
    from extractor.numbers.lexicon import lexicon
    from extractor.quantities.parser import unit_table

    words = {form for form in unit_table()["by_form"] if form.isalpha()}
    words |= {form for form, word in lexicon().by_form.items() if word.kind == "magnitude"}
    measure = "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))
    return regex.compile(r"(?<![\d.,])\d{1,3}(?:(?P<gap> )\.\d{3}(?!\d)|\.(?P<gap> )\d{3}(?![\d.,])(?=\s*\p{L})"
                         rf"|,(?P<gap> )\d{{1,2}}(?=\s?%|\s(?i:{measure})(?![\p{{L}}\p{{M}}])))")
@lru_cache(maxsize=1)
def glued_figure() -> "regex.Pattern[str]":
    """A linking or change verb glued to the figure after it ("tăng1,36%", "đạt8,5%"): a space goes
    between (the verbs are the metric rules' linking verbs, their one home)."""
    from extractor.quantities.metric import metric_rules

    verbs = "|".join(regex.escape(verb) for verb in sorted(metric_rules()["linking_verbs"], key=len, reverse=True))
    # (a figure with a decimal or a percent sign: a bare number glued to a word is a footnote marker, "chưa đạt1")
    return regex.compile(rf"(?i:{verbs})(?=\d+(?:[.,]\d+)*(?:[.,]\d|\s?%))")


# a square or cubic metre whose superscript the text layer put after a space: "35.000 m 2 sàn", "117,7 ngàn m 3"
SPLIT_POWER = regex.compile(r"(?<=\d(?:\s*(?:nghìn|ngàn|triệu))?\s*k?m)(?P<gap> )[23](?![\d%\p{L}]|[.,]\d)")
GLUED_WORD = regex.compile(r"\p{L}{4,}")  # ASCII words are skipped by _glued_cuts (cached)
LABEL = regex.compile(r"(?:\d+|[IVXLC]+)(?:\.\d+)*\.")  # "1.", "1.1.", "II."
ROMAN = regex.compile(r"[IVXLC]+")
ATTACH_LEFT = set(",.;:)%!?…”’]")
JOINERS = set("/-–")
NUMBER_INNER = set(".,")
COMMON_ENOUGH = 5  # dictionary entries a syllable of a split glued word must appear in


def respace(text: str) -> tuple[str, OffsetMap | None]:
    """``text`` with letter-spacing and run-together syllables undone, and a map from each
    character of the result to its range in ``text`` (None when nothing changed)."""
    # position in text -> "" (drop that character), " " (insert a space before it) or "\x00" (keep
    # that character of a gap as the one space standing for the whole gap)
    edits: dict[int, str] = {}
    for start, end in _letter_spaced_spans(text):
        _join_letters(text, start, end, edits)
    for match in GLUED_WORD.finditer(text):
        _split_glued(text, match, edits)
    for match in split_number().finditer(text):
        edits[match.start("gap")] = ""
    for match in glued_figure().finditer(text):
        edits.setdefault(match.end(), " ")
    for match in SPLIT_POWER.finditer(text):
        edits[match.start("gap")] = ""
    if not edits:
        return text, None
    return _apply(text, edits)


def _letter_spaced_spans(text: str) -> list[tuple[int, int]]:
    """Spans of letter-spaced text; a line break between two letter-spaced lines is inside
    the span (it becomes a space) unless the first line ends a sentence that is no label."""
    spans, spaced_lines = _spaced_lines(text)
    return _spans_of_lines(text, spans, spaced_lines)


def _spaced_lines(text: str) -> tuple[list[list[int]], dict[int, tuple[int, int, int]]]:
    """Letter-spaced runs of every line holding a spaced pair, and the lines that are letter-spaced
    all through: line start -> (content start, content end, line end)."""
    spans: list[list[int]] = []
    spaced_lines = {}
    padded = f" {text} "  # two single characters need white space around them: the text's ends count
    line_end = -1  # end of the last line looked at: lines are met in order, each once
    # only lines holding two single characters in a row can be letter-spaced: look at those alone,
    # and after one, search on from its end (on a line of megabytes, every pair of it is one line)
    while (pair := SPACED_PAIR.search(padded, line_end + 2)) is not None:
        position = max(pair.start() - 1, 0)  # the padded text is one ahead
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        spans.extend([run.start(), run.end()] for run in SPACED_RUN.finditer(text, line_start, line_end))
        line = text[line_start:line_end]
        if SPACED_LINE.fullmatch(line):
            content = line.strip(" \t")  # what SPACED_LINE allows around it (str.strip would also take "\x1f")
            start = line_start + len(line) - len(line.lstrip(" \t"))
            spaced_lines[line_start] = (start, start + len(content), line_end)
    return spans, spaced_lines


def _spans_of_lines(text: str, spans: list[list[int]], spaced_lines: dict[int, tuple[int, int, int]]) -> list[tuple[int, int]]:
    for line_start, (start, end, line_end) in spaced_lines.items():
        previous_line = text.rfind("\n", 0, max(line_start - 1, 0)) + 1 if line_start else None
        has_neighbour = line_end + 1 in spaced_lines or (previous_line is not None and previous_line in spaced_lines)
        if end - start < 7 and not has_neighbour:
            continue  # a lone "a b" line is no letter-spacing
        spans.append([start, end])
    # join a span that ends a line with the next line's span when the heading or sentence goes on
    merged: list[list[int]] = []
    for span in sorted(spans):
        if merged and span[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
            continue
        if merged and text[merged[-1][1]:span[0]] == "\n" and _continues(text, merged[-1], span):
            merged[-1][1] = span[1]
            continue
        merged.append(span)
    return [(a, b) for a, b in merged]


def _continues(text: str, span: list[int], following: list[int]) -> bool:
    """A letter-spaced line goes on into the next one unless it ends a sentence or the next one
    opens a numbered heading; a heading label goes on into its title ("1.1." + "Về …")."""
    joined = text[span[0]:span[1]].replace(" ", "")
    last_line = joined.rsplit("\n", 1)[-1]
    if LABEL.fullmatch(last_line):
        return True
    next_line = text[following[0]:following[1]].replace(" ", "").split("\n", 1)[0]
    return not joined.endswith((".", ":", ";")) and not LABEL.fullmatch(next_line)


def _join_letters(text: str, start: int, end: int, edits: dict[int, str]) -> None:
    """Decide every gap of a letter-spaced span: drop it, keep it as a space, or turn a line
    break into a space."""
    chars = [(i, text[i]) for i in range(start, end) if not text[i].isspace()]
    position = 0
    while position < len(chars):
        if chars[position][1].isalpha():
            group_end = position
            while group_end + 1 < len(chars) and chars[group_end + 1][1].isalpha():
                group_end += 1
            letters = "".join(c for _, c in chars[position:group_end + 1])
            split = None if ROMAN.fullmatch(letters) else split_syllables(letters)
            cuts = set(split.cuts) if split else set()
            for k in range(position + 1, group_end + 1):
                _set_gap(text, chars[k - 1][0], chars[k][0], keep=(k - position) in cuts, edits=edits)
            position = group_end
        if position + 1 < len(chars):
            _set_gap(text, chars[position][0], chars[position + 1][0], keep=_keeps_space(chars, position), edits=edits)
        position += 1


def _keeps_space(chars: list[tuple[int, str]], position: int) -> bool:
    """Between two characters that are not both letters."""
    left, right = chars[position][1], chars[position + 1][1]
    if right in ATTACH_LEFT or left in "(“‘[" or left in JOINERS or right in JOINERS:
        return False  # "l à m ." is "làm.", "4 5 - C T" is "45-CT", "1 3 , 3 6" is "13,36"
    if left in NUMBER_INNER and right.isdigit():
        previous = chars[position - 1][1] if position else ""
        return not previous.isdigit()  # "1 . 1" is 1.1, but ". 1" after a word is a new figure
    if left.isdigit() and right.isdigit():
        return False
    return True  # letter and digit, or after punctuation


def _set_gap(text: str, left_at: int, right_at: int, keep: bool, edits: dict[int, str]) -> None:
    for gap in range(left_at + 1, right_at):
        edits[gap] = ""
    if keep:
        edits[left_at + 1] = "\x00"  # one space stands for the whole gap


def _split_glued(text: str, match, edits: dict[int, str]) -> None:
    word = match.group()
    cuts = _glued_cuts(word)
    if cuts is None:
        return
    if match.start() - 1 in edits or match.end() in edits:
        return  # touches a letter-spaced span: already decided
    if not cuts:
        # a name ("Lênin") reads as syllables only by chance; "Côngtác" is a word, and so is
        # "Vềvận" when the next word completes one ("Về vận hành")
        cuts = _cuts_completed_by_next_word(text, match)
    for cut in cuts:
        edits[match.start() + cut] = " "


@lru_cache(maxsize=32768)
def _glued_cuts(word: str) -> tuple[int, ...] | None:
    """Where a glued word splits: None when it stays whole; () when only the next word can
    tell (a capitalised word that forms no dictionary word alone)."""
    if word.isascii() or word.isupper() or is_syllable(word.lower()):
        return None
    split = split_syllables(word)
    if split is None or not split.cuts:
        return None
    if any(word[cut].isupper() for cut in split.cuts) or split.compounds:
        return split.cuts
    if word[0].isupper():
        return ()
    return split.cuts if split.rarest >= COMMON_ENOUGH else None


NEXT_WORD = regex.compile(r" (\p{Ll}+)")


def _cuts_completed_by_next_word(text: str, match) -> tuple[int, ...]:
    following = NEXT_WORD.match(text, match.end())
    if not following:
        return ()
    word = match.group()
    split = split_syllables(word + following.group(1))
    if split is None or not split.compounds or len(word) not in split.cuts:
        return ()
    return tuple(cut for cut in split.cuts if cut < len(word))


def _apply(text: str, edits: dict[int, str]) -> tuple[str, OffsetMap]:
    pieces: list[str] = []
    offsets = OffsetMap()
    position = 0
    for at in sorted(edits):
        if at > position:
            pieces.append(text[position:at])
            offsets.extend_identity(position, at - position)
            position = at
        edit = edits[at]
        if edit == " ":  # inserted before text[at]
            pieces.append(" ")
            offsets.append(at, at)
        elif edit == "\x00":  # the gap's first character, kept as a space
            pieces.append(" ")
            offsets.append(at, at + 1)
            position = at + 1
        else:  # dropped
            position = at + 1
    if position < len(text):
        pieces.append(text[position:])
        offsets.extend_identity(position, len(text) - position)
    return "".join(pieces), offsets
