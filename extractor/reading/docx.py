"""DOCX → the text of each page: paragraphs in order, numbering as shown, footnotes linked.

Parsed with the standard library (zipfile + ElementTree): python-docx hides the parts we need
(footnotes, numbering, rendered page breaks) and would add a dependency for little.

What the text looks like:
- One line per paragraph, in document order (paragraphs inside content controls and tables
  too; a table row is one line with its cells separated by tabs). Empty paragraphs, deleted
  text, field codes, drawings and text boxes are left out.
- Auto-numbering (numbering.xml, from the paragraph or its style) becomes the label Word
  shows: "%1.%2." → "2.1.", decimal, upper/lower Roman, upper/lower letters, zero-padded;
  bullets become "•" (symbol-font bullets) or stay as typed ("-", "+"). Counters run per
  abstract numbering, deeper levels restart after a higher one, `startOverride` restarts.
- Footnotes (footnotes.xml): a reference becomes its number in superscript digits glued to
  the word before it ("đàn ong³", as Word shows it; superscripts are markers to the cleaner
  wherever they stand, even after "95%"); the bodies come as lines "3 Trong đó: …"
  (a plain number and a space: a body start to the cleaner) before the next page break, the
  next heading, or the end of the document, whichever comes first: a body runs until
  something the cleaner recognises stops it (a page break, a heading, the next body).
  Footnotes are numbered 1, 2, 3… in reference order, as Word shows them by default.
- Pages: where Word saved its rendered page breaks (`lastRenderedPageBreak`, written by Word
  on save), those split the pages, so page numbers match what the user saw; otherwise
  explicit page breaks and section breaks do. Pages are joined with a form feed by the caller.
- Legacy fonts: runs whose font (.VnTime, VNI-Times… or any font whose text detects as
  legacy) holds TCVN3/VNI text are converted, as for PDF.
- A superscript digit run that is not a footnote reference (a typed marker, "m²") becomes
  superscript digits glued to the word before it too.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

from extractor.errors import InputError
from extractor.limits import DEFAULT_LIMITS, Limits
from extractor.numbers.roman import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DEFAULT_MAIN_PART = "word/document.xml"

# Elements whose children hold the paragraph's visible runs.
INLINE_CONTAINERS = {
    f"{W}hyperlink", f"{W}smartTag", f"{W}ins", f"{W}moveTo", f"{W}fldSimple", f"{W}customXml",
    f"{W}bdo", f"{W}dir", f"{W}sdtContent", f"{M}oMathPara", f"{M}oMath", f"{M}r",
    f"{M}e", f"{M}num", f"{M}den", f"{M}sup", f"{M}sub",
}
BLOCK_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"}
LABEL = "\x00label"  # font slot of a footnote number opening a body: a space follows it
MARKER = "\x00marker"  # font slot of a marker: glued to the word before it
TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class DocxPages:
    texts: list[str]  # one per page, lines joined with "\n"
    encoding: str  # "docx", with "+tcvn3"/"+vni" when legacy-font runs were converted


# ---------------------------------------------------------------------------------------
# the package


def read_docx(path: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> DocxPages:
    package = open_package(path, data)
    with package:
        main = main_part_name(path, package, limits)
        related = related_parts(path, package, main, limits)
        document = parse_part(path, package, main, limits)
        styles = Styles(parse_part(path, package, related["styles"], limits) if "styles" in related else None)
        numbering = Numbering(parse_part(path, package, related["numbering"], limits) if "numbering" in related else None, styles,
                              limits.list_number)
        notes = footnote_bodies(parse_part(path, package, related["footnotes"], limits) if "footnotes" in related else None)
    body = document.find(f"{W}body")
    if body is None:
        raise InputError(path, f"corrupt DOCX: {main} has no document body")
    rendered = any(True for _ in body.iter(f"{W}lastRenderedPageBreak"))
    writer = _Writer(_Renderer(styles, numbering, rendered))
    try:
        writer.write_blocks(body, notes)
        writer.end_document(notes)
    except RecursionError:
        raise InputError(path, "corrupt DOCX: content nested too deeply") from None
    except ListNumberTooLarge as error:
        raise limits.refusal(path, "list_number", f"list numbering reaches {error.number:,}") from None
    pages = writer.render_pages()
    if not any(text.strip() for text in pages.texts):
        raise InputError(path, "no text in the document (empty pages)")
    return pages


def open_package(path: str, data: bytes) -> zipfile.ZipFile:
    if not data:
        raise InputError(path, "empty file")
    if data.startswith(OLE_SIGNATURE):
        raise InputError(path, "not a DOCX: an encrypted (password-protected) or legacy Word .doc file")
    import io

    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        reason = "truncated or corrupt ZIP" if data.startswith(b"PK") else "not a ZIP archive"
        raise InputError(path, f"not a DOCX ({reason})") from None


def read_part(path: str, package: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError:
        raise InputError(path, f"corrupt DOCX: part {name} is missing") from None
    limits.check(path, "part_bytes", info.file_size, f"XML part {name} inflates to {info.file_size:,} bytes")
    try:
        return package.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise InputError(path, f"corrupt DOCX: cannot read {name} ({error})") from None


def parse_part(path: str, package: zipfile.ZipFile, name: str, limits: Limits) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(read_part(path, package, name, limits))
    except ElementTree.ParseError as error:
        raise InputError(path, f"corrupt DOCX: {name} is not well-formed XML ({error})") from None


def main_part_name(path: str, package: zipfile.ZipFile, limits: Limits) -> str:
    names = set(package.namelist())
    if "_rels/.rels" in names:
        for target in relationship_targets(path, package, "_rels/.rels", "", limits):
            if target[0].endswith("/officeDocument") and target[1] in names:
                return target[1]
    if DEFAULT_MAIN_PART in names:
        return DEFAULT_MAIN_PART
    shown = ", ".join(sorted(names)[:5]) or "nothing"
    raise InputError(path, f"not a Word document: the ZIP holds no {DEFAULT_MAIN_PART} (it holds {shown})")


def related_parts(path: str, package: zipfile.ZipFile, main: str, limits: Limits) -> dict[str, str]:
    """'styles', 'numbering', 'footnotes' → part name, from the main part's relationships."""
    folder, name = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    names = set(package.namelist())
    found = {}
    if rels in names:
        for kind, target in relationship_targets(path, package, rels, folder, limits):
            short = kind.rsplit("/", 1)[-1]
            if short in ("styles", "numbering", "footnotes") and target in names:
                found[short] = target
    for short in ("styles", "numbering", "footnotes"):  # files written without relationships
        default = posixpath.join(folder, f"{short}.xml")
        if short not in found and default in names:
            found[short] = default
    return found


def relationship_targets(path: str, package: zipfile.ZipFile, rels: str, folder: str, limits: Limits):
    for relationship in parse_part(path, package, rels, limits).iter(PACKAGE_RELS):
        if relationship.get("TargetMode") == "External":
            continue
        target = relationship.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        yield relationship.get("Type", ""), name


def footnote_bodies(root: ElementTree.Element | None) -> dict[str, ElementTree.Element]:
    if root is None:
        return {}
    return {
        note.get(f"{W}id"): note
        for note in root.findall(f"{W}footnote")
        if note.get(f"{W}type") in (None, "normal")  # not the separator lines
    }


def on(element: ElementTree.Element | None) -> bool:
    """A WordprocessingML toggle: present and not switched off."""
    return element is not None and element.get(f"{W}val", "true") not in ("false", "0", "off")


# ---------------------------------------------------------------------------------------
# styles and numbering


class Styles:
    def __init__(self, root: ElementTree.Element | None):
        self.by_id: dict[str, ElementTree.Element] = {}
        self.default_paragraph: str | None = None
        self.default_font: str = ""
        if root is None:
            return
        for style in root.findall(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            self.by_id[style_id] = style
            if style.get(f"{W}type") == "paragraph" and on_default(style):
                self.default_paragraph = style_id
        fonts = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        self.default_font = font_of(fonts) or ""

    def chain(self, style_id: str | None):
        """The style and the styles it is based on, nearest first."""
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        num_id = level = None
        for style in self.chain(style_id):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is None:
                continue
            num_id = num_id or value_of(num_pr.find(f"{W}numId"))
            level = level or value_of(num_pr.find(f"{W}ilvl"))
        return num_id, level

    def font(self, *style_ids: str | None) -> str:
        for style_id in style_ids:
            for style in self.chain(style_id):
                found = font_of(style.find(f"{W}rPr/{W}rFonts"))
                if found:
                    return found
        return self.default_font


def on_default(style: ElementTree.Element) -> bool:
    return style.get(f"{W}default") in ("1", "true", "on")


def as_int(value: str | None, default):
    """An integer attribute; a malformed one (hand-edited files) counts as absent."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def value_of(element: ElementTree.Element | None) -> str | None:
    return element.get(f"{W}val") if element is not None else None


def font_of(fonts: ElementTree.Element | None) -> str | None:
    """The font of non-ASCII Latin text (hAnsi), else of ASCII text."""
    if fonts is None:
        return None
    return fonts.get(f"{W}hAnsi") or fonts.get(f"{W}ascii")


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # isLgl: every level shown in decimal
    suffix: str = " "
    style: str | None = None  # a paragraph style linked to this level


@dataclass
class _List:
    levels: dict[int, Level] = field(default_factory=dict)
    counters: dict[int, int] = field(default_factory=dict)


class ListNumberTooLarge(Exception):
    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


class Numbering:
    """Visible labels of numbered paragraphs, counted in document order."""

    def __init__(self, root: ElementTree.Element | None, styles: Styles, max_number: int = DEFAULT_LIMITS.list_number):
        self.max_number = max_number  # a counter past it is a numbering bomb (a Roman 10^13 is 10^10 letters)
        self.abstract: dict[str, _List] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.overrides_applied: set[str] = set()
        self.style_links: dict[str, str] = {}
        if root is None:
            return
        for abstract in root.findall(f"{W}abstractNum"):
            abstract_id = abstract.get(f"{W}abstractNumId")
            self.abstract[abstract_id] = _List({as_int(lvl.get(f"{W}ilvl"), 0): parse_level(lvl) for lvl in abstract.findall(f"{W}lvl")})
            link = value_of(abstract.find(f"{W}numStyleLink"))
            if link:
                self.style_links[abstract_id] = styles.numbering(link)[0] or ""
        for num in root.findall(f"{W}num"):
            overrides = {}
            for override in num.findall(f"{W}lvlOverride"):
                start = as_int(value_of(override.find(f"{W}startOverride")), None)
                if start is not None:
                    overrides[as_int(override.get(f"{W}ilvl"), 0)] = start
            self.nums[num.get(f"{W}numId")] = (value_of(num.find(f"{W}abstractNumId")), overrides)

    def _list_for(self, num_id: str) -> tuple[str | None, _List | None, dict[int, int]]:
        abstract_id, overrides = self.nums.get(num_id, (None, {}))
        linked = self.style_links.get(abstract_id or "")
        if linked and linked in self.nums:  # a list defined by a numbering style
            abstract_id = self.nums[linked][0]
        return abstract_id, self.abstract.get(abstract_id or ""), overrides

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        _, numbered, _ = self._list_for(num_id)
        if numbered is None or style_id is None:
            return None
        return next((ilvl for ilvl, level in numbered.levels.items() if level.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label (with its suffix) of the next paragraph of list ``num_id`` at level ``ilvl``."""
        abstract_id, numbered, overrides = self._list_for(num_id)
        if numbered is None or ilvl not in numbered.levels:
            return None
        if num_id not in self.overrides_applied:
            self.overrides_applied.add(num_id)
            for level in overrides:
                numbered.counters.pop(level, None)
        start = overrides.get(ilvl, numbered.levels[ilvl].start)
        numbered.counters[ilvl] = numbered.counters[ilvl] + 1 if ilvl in numbered.counters else start
        for deeper in [level for level in numbered.counters if level > ilvl]:
            del numbered.counters[deeper]
        level = numbered.levels[ilvl]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return bullet(level.text) + level.suffix
        text = level.text
        for shown in range(9):
            slot = f"%{shown + 1}"
            if slot not in text:
                continue
            shown_level = numbered.levels.get(shown, Level())
            count = numbered.counters.get(shown, overrides.get(shown, shown_level.start))
            fmt = "decimal" if level.legal and shown != ilvl else shown_level.fmt
            if abs(count) > self.max_number:
                raise ListNumberTooLarge(count)
            text = text.replace(slot, format_number(count, fmt))
        return text + level.suffix if text else ""


def parse_level(lvl: ElementTree.Element) -> Level:
    start = value_of(lvl.find(f"{W}start"))
    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(value_of(lvl.find(f"{W}suff")) or "tab", " ")
    return Level(
        start=as_int(start, 1),
        fmt=value_of(lvl.find(f"{W}numFmt")) or "decimal",
        text=value_of(lvl.find(f"{W}lvlText")) or "",
        legal=on(lvl.find(f"{W}isLgl")),
        suffix=suffix,
        style=value_of(lvl.find(f"{W}pStyle")),
    )


def bullet(text: str) -> str:
    # Symbol/Wingdings bullets are private-use code points that mean nothing as text.
    if not text or any(0xF000 <= ord(char) <= 0xF0FF for char in text):
        return "•"
    return text


def format_number(number: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and number > 0:
        return to_roman(number) if fmt == "upperRoman" else to_roman(number).lower()
    if fmt in ("upperLetter", "lowerLetter") and number > 0:
        # Word repeats the letter past z: a … z, aa … zz, aaa …
        letter = "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({number})"
    return str(number)  # decimal, and formats we do not draw (ordinal, vietnameseCounting…)


# ---------------------------------------------------------------------------------------
# paragraphs → events


@dataclass
class _Paragraph:
    """A paragraph as events: ("text", text, font), ("newline",), ("page",), ("note", id)."""

    events: list[tuple] = field(default_factory=list)

    def first_line(self) -> str:
        text = []
        for event in self.events:
            if event[0] != "text":
                break
            text.append(event[1])
        return "".join(text)


class _Renderer:
    def __init__(self, styles: Styles, numbering: Numbering, rendered_breaks: bool):
        self.styles = styles
        self.numbering = numbering
        self.rendered_breaks = rendered_breaks
        self.note_numbers: dict[str, int] = {}

    def paragraph(self, p: ElementTree.Element, in_note: str | None = None) -> _Paragraph:
        out = _Paragraph()
        props = p.find(f"{W}pPr")
        style_id = value_of(props.find(f"{W}pStyle")) if props is not None else None
        style_id = style_id or self.styles.default_paragraph
        if not self.rendered_breaks and in_note is None and props is not None and on(props.find(f"{W}pageBreakBefore")):
            out.events.append(("page",))
        label = self.label(props, style_id)
        if label:
            out.events.append(("text", label, ""))
        self.inline(p, out, style_id, in_note)
        if not self.rendered_breaks and in_note is None and props is not None:
            section = props.find(f"{W}sectPr")
            if section is not None and value_of(section.find(f"{W}type")) != "continuous":
                out.events.append(("page",))
        return out

    def label(self, props: ElementTree.Element | None, style_id: str | None) -> str | None:
        num_pr = props.find(f"{W}numPr") if props is not None else None
        style_num, style_level = self.styles.numbering(style_id)
        num_id = value_of(num_pr.find(f"{W}numId")) if num_pr is not None else None
        level = value_of(num_pr.find(f"{W}ilvl")) if num_pr is not None else None
        num_id = num_id or style_num
        if not num_id or num_id == "0":
            return None
        if level is None:
            level = style_level
        ilvl = int(level) if level and level.isdigit() else self.numbering.level_for_style(num_id, style_id) or 0
        return self.numbering.label(num_id, ilvl)

    def inline(self, element: ElementTree.Element, out: _Paragraph, style_id: str | None, in_note: str | None) -> None:
        for child in element:
            if child.tag == f"{W}r":
                self.run(child, out, style_id, in_note)
            elif child.tag in INLINE_CONTAINERS or child.tag == f"{W}sdt":
                self.inline(child, out, style_id, in_note)
            elif child.tag == f"{M}t":
                out.events.append(("text", child.text or "", ""))

    def run(self, run: ElementTree.Element, out: _Paragraph, style_id: str | None, in_note: str | None) -> None:
        props = run.find(f"{W}rPr")
        run_style = value_of(props.find(f"{W}rStyle")) if props is not None else None
        font = font_of(props.find(f"{W}rFonts")) if props is not None else None
        font = font or self.styles.font(run_style, style_id)
        superscript = props is not None and value_of(props.find(f"{W}vertAlign")) == "superscript"
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                text = child.text or ""
                if superscript and text.strip().isdigit():
                    out.events.append(("text", text.strip().translate(TO_SUPERSCRIPT), MARKER))
                else:
                    out.events.append(("text", text, font))
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.events.append(("text", "\t", ""))
            elif tag == f"{W}noBreakHyphen":
                out.events.append(("text", "-", font))
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") == "page":
                    if not self.rendered_breaks and in_note is None:
                        out.events.append(("page",))
                else:
                    out.events.append(("newline",))
            elif tag == f"{W}lastRenderedPageBreak" and in_note is None:
                out.events.append(("page",))
            elif tag == f"{W}footnoteReference" and in_note is None:
                self.reference(child, out)
            elif tag == f"{W}footnoteRef" and in_note is not None:
                out.events.append(("text", str(self.note_numbers.get(in_note, "")), LABEL))
            elif tag == f"{W}sym":
                char = child.get(f"{W}char", "")
                code = int(char, 16) if char and all(c in "0123456789abcdefABCDEF" for c in char) else 0
                if code and not 0xF000 <= code <= 0xF0FF:
                    out.events.append(("text", chr(code), ""))

    def reference(self, reference: ElementTree.Element, out: _Paragraph) -> None:
        note_id = reference.get(f"{W}id")
        if reference.get(f"{W}customMarkFollows") in ("1", "true", "on"):
            return  # the mark is typed in the next run; no number to show
        self.note_numbers[note_id] = len(self.note_numbers) + 1
        out.events.append(("text", str(self.note_numbers[note_id]).translate(TO_SUPERSCRIPT), MARKER))
        out.events.append(("note", note_id))


# ---------------------------------------------------------------------------------------
# events → pages of lines


class _Writer:
    def __init__(self, renderer: _Renderer):
        self.renderer = renderer
        self.pages: list[list[list[tuple[str, str]]]] = [[]]  # pages → lines → (text, font) pieces
        self.line: list[tuple[str, str]] = []
        self.pending: list[str] = []  # footnotes referenced whose bodies are not written yet

    # blocks

    def write_blocks(self, container: ElementTree.Element, notes: dict) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self.write_paragraph(self.renderer.paragraph(child), notes)
            elif child.tag == f"{W}tbl":
                self.write_table(child, notes)
            elif child.tag in BLOCK_CONTAINERS:
                self.write_blocks(child, notes)

    def write_paragraph(self, paragraph: _Paragraph, notes: dict) -> None:
        if self.pending and is_heading(paragraph.first_line()):
            self.end_line()
            self.write_notes(notes)
        self.end_line()
        self.play(paragraph.events, notes)
        self.end_line()

    def write_table(self, table: ElementTree.Element, notes: dict) -> None:
        for row in table.findall(f"{W}tr"):
            self.end_line()
            for number, cell in enumerate(row.findall(f"{W}tc")):
                if number:
                    self.line.append(("\t", ""))
                for index, paragraph in enumerate(cell_paragraphs(cell)):
                    events = self.renderer.paragraph(paragraph).events
                    if index and events:
                        self.line.append((" ", ""))
                    self.play([("text", " ", "") if event[0] == "newline" else event for event in events], notes)
            self.end_line()

    def play(self, events: list[tuple], notes: dict) -> None:
        for event in events:
            if event[0] == "text":
                self.add(event[1], event[2])
            elif event[0] == "newline":
                self.end_line()
            elif event[0] == "page":
                self.page_break(notes)
            elif event[0] == "note" and event[1] in notes:
                self.pending.append(event[1])

    def add(self, text: str, font: str) -> None:
        if font == MARKER:  # glued to the word before it
            while self.line and not self.line[-1][0].strip():
                self.line.pop()
            if self.line:
                self.line[-1] = (self.line[-1][0].rstrip(), self.line[-1][1])
        if text:
            self.line.append((text, font))

    def end_line(self) -> None:
        if "".join(text for text, _ in self.line).strip():
            self.pages[-1].append(self.line)
        self.line = []

    def page_break(self, notes: dict) -> None:
        self.end_line()
        if not self.pages[-1]:
            return  # a break at the top of a page (explicit and rendered breaks often coincide)
        self.write_notes(notes)
        self.pages.append([])

    def write_notes(self, notes: dict) -> None:
        for note_id in self.pending:
            for paragraph in notes[note_id].findall(f".//{W}p"):
                self.play([e for e in self.renderer.paragraph(paragraph, in_note=note_id).events if e[0] != "page"], notes)
                self.end_line()
        self.pending = []

    def end_document(self, notes: dict) -> None:
        self.end_line()
        self.write_notes(notes)

    # text

    def render_pages(self) -> DocxPages:
        from extractor.reading.pdf import convert_font_text, legacy_font_encodings

        by_font: dict[str, list[str]] = {}
        for page in self.pages:
            for line in page:
                for text, font in line:
                    by_font.setdefault(font, []).append(text)
        encodings = legacy_font_encodings({font: "".join(texts) for font, texts in by_font.items() if font and not font.startswith("\x00")})
        texts = ["\n".join(render_line(line, encodings, convert_font_text) for line in page) for page in self.pages]
        encoding = "+".join(["docx", *sorted(set(encodings.values()))])
        return DocxPages(texts, encoding)


def cell_paragraphs(cell: ElementTree.Element):
    for child in cell:
        if child.tag == f"{W}p":
            yield child
        elif child.tag in BLOCK_CONTAINERS:
            yield from cell_paragraphs(child)


def render_line(pieces: list[tuple[str, str]], encodings: dict[str, str], convert) -> str:
    merged: list[tuple[str, str]] = []
    for index, (text, font) in enumerate(pieces):
        if font == LABEL:
            following = pieces[index + 1][0] if index + 1 < len(pieces) else " "
            text += "" if following[:1].isspace() else " "
        if merged and merged[-1][1] == font:
            merged[-1] = (merged[-1][0] + text, font)
        else:
            merged.append((text, font))
    line = "".join(convert(text, font, encodings[font]) if font in encodings else text for text, font in merged)
    return line.rstrip()


def is_heading(line: str) -> bool:
    from extractor.cleaning.lines import classify

    return classify(line)[0] == "heading"
