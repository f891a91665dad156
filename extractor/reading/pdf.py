"""PDF → the text of each page, in reading order (pages without a text layer are OCR'd).

Library: pdfplumber (on pdfminer.six), with pypdfium2 for rendering pages to OCR. We chose
pdfplumber over reading text with pypdfium2 because the problems here are all about layout:
a footnote marker is a raised, smaller glyph glued to a word; a footnote zone is small print
at the page bottom; a running header is a line at a fixed position. pdfplumber gives every
glyph with its font name, size and box, so those are decided from geometry, and pdfminer
raises distinct errors for encrypted and malformed files. pypdfium2's text API gives the
glyphs too but would have us rebuild pdfplumber's glyph records by hand; pdfium renders
faster and more faithfully, so it is what draws a scanned page for Tesseract (pdfplumber
itself depends on it). Both are maintained and install as wheels (no system libraries).
pdfplumber is pure Python and slower (about 0.1 s for a dense page): fine for reports of
tens of pages.

What a page's text looks like:
- Glyphs are grouped into lines by vertical overlap (so a raised marker stays on its line),
  lines go top to bottom, glyphs left to right; a gap wider than a fifth of the font size
  is a space. Single column only: two-column pages interleave their columns.
- A raised, smaller digit run (a superscript footnote marker) becomes Unicode superscript
  digits glued to the word before it ("đàn ong³", "95%³", "km²"): the cleaner's footnote
  detector takes superscript digits as markers wherever they stand, and a plain "3" after
  "95%" or "10" would read as part of a number. At the start of a line (a footnote body in
  the small print at the page bottom) the number stays plain and gets a space ("3 Trong
  đó"), the body start the detector looks for. Footnote zones need no other treatment: they
  sit at the bottom of the page, so top-to-bottom order already puts them after the body
  text and before a page number in the footer.
- Running headers, footers and page numbers are kept, each on its own line (they are lines
  at their own positions): the raw text stays what the PDF shows. The cleaner drops page
  numbers ("8", "- 8 -", "Trang 8/40") and stops footnote bodies at them and at the page
  break; `extractor.reading.pages.running_lines` finds repeated header/footer lines for a cleaner that wants to drop
  those as well.
- Hyphenation: a line ending in a hyphen glued to a letter or digit is joined to the next
  line when that one goes on in lower case or with a digit ("75-" / "95 triệu" → "75-95
  triệu"), or when both sides are upper-case codes ("NQ-" / "HĐND"); the hyphen is kept, as
  Vietnamese hyphens join syllables rather than split them. A soft hyphen (U+00AD) at a line
  end is dropped and the lines joined.
- Legacy fonts: the text of each font is checked with `detect_legacy_text`; a font whose
  text is TCVN3 (ABC, .VnTime…) or VNI read as Latin-1 is converted with `convert_legacy`
  (font names .Vn… and VNI-… are a hint for short texts). TCVN3 upper-case fonts
  (.VnTimeH…) reuse lower-case codes, so their text is upper-cased after conversion.
- Pages are joined by the caller with a form feed. A page with (almost) no text and an
  image, or whose text is mostly unmapped glyphs ("(cid:12)"), is rendered at 300 dpi and
  OCR'd; its confidence is Tesseract's, text-layer pages count as 100.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import statistics
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import regex

from extractor.errors import InputError
from extractor.limits import DEFAULT_LIMITS, Limits

PDF_SIGNATURE = b"%PDF-"
SIGNATURE_WINDOW = 1024  # the header may follow some junk bytes (the spec allows 1 KB)
EOF_WINDOW = 2048  # "%%EOF" must be near the end; further back means the file was cut
OCR_DPI = 300
MIN_RENDER_DPI = 50  # below this nothing would be legible: a page that needs less is refused
MIN_TEXT_LAYER_CHARS = 10  # fewer non-space glyphs on a page with an image: a scan
MAX_UNMAPPED_SHARE = 0.3  # more "(cid:n)" glyphs than this: the text layer is unusable
SPACE_GAP = 0.2  # of the font size: a wider gap between glyphs is a space
SUPERSCRIPT_SIZE = 0.85  # of the line's font size, at most
SUPERSCRIPT_RISE = 0.15  # of the line's font size: the glyph's bottom sits this much higher
DUPLICATE_DISTANCE = 1.0  # points
LINE_OVERLAP = 0.5  # of the smaller glyph height, for a glyph to join a line
TEXT_LAYER_CONFIDENCE = 100.0

UNMAPPED_GLYPH = regex.compile(r"\(cid:\d+\)")
HYPHEN_END = regex.compile(r"[\p{L}\d][-\u2010\u00ad]$")
LOWER_OR_DIGIT_START = regex.compile(r"^[\p{Ll}\d]")
CODE_HYPHEN_END = regex.compile(r"(?:^|\s)[\p{Lu}\d/]*\p{Lu}[\p{Lu}\d/]*-$")
CODE_START = regex.compile(r"^\p{Lu}[\p{Lu}\d]+(?:\b|$)")
SUBSET_PREFIX = regex.compile(r"^[A-Z]{6}\+")
TCVN3_FONT = regex.compile(r"^\.?Vn", regex.IGNORECASE)
TCVN3_UPPER_FONT = regex.compile(r"^\.?Vn\w*H(?:$|[-,])", regex.IGNORECASE)
VNI_FONT = regex.compile(r"^VNI[-_ ]", regex.IGNORECASE)
NOT_LATIN1 = regex.compile(r"[^\x00-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]")
SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_CHARS)


@dataclass(frozen=True)
class PdfPages:
    texts: list[str]  # one per page, lines joined with "\n"
    confidences: list[float]  # one per page when any page was OCR'd, else empty
    encoding: str  # "pdf", with "+tcvn3"/"+vni" for converted legacy fonts, "+ocr" for OCR'd pages


@dataclass
class _Line:
    top: float
    bottom: float
    chars: list[dict] = field(default_factory=list)
    text: str = ""
    size: float = 0.0

    @property
    def height(self) -> float:
        return self.bottom - self.top


# ---------------------------------------------------------------------------------------
# the document


def read_pdf(path: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> PdfPages:
    check_pdf_bytes(path, data)
    check_streams(path, data, limits)
    with _quiet_logger("pdfminer"):
        return _read_pages(path, data, limits)


@contextlib.contextmanager
def _quiet_logger(name: str):
    """pdfminer logs every repair of a damaged file as a warning on stderr; we report the file
    once, as an InputError, or read it. Its level is put back afterwards (no lasting change)."""
    logger = logging.getLogger(name)
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(before)


def _read_pages(path: str, data: bytes, limits: Limits) -> PdfPages:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            pages = list(document.pages)
            if not pages:
                raise InputError(path, "PDF has no pages")
            limits.check(path, "pages", len(pages), f"PDF has {len(pages):,} pages")
            page_chars, has_images, page_tables = [], [], []
            for page in pages:
                page_chars.append(text_layer(page))
                has_images.append(bool(page.images))
                page_tables.append(ruled_tables(page))
                page.close()  # drop the page's parsed objects: long reports stay small in memory
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds on bad files
        raise InputError(path, pdf_error_reason(error)) from None
    return pages_text(path, data, page_chars, has_images, page_tables, limits)


MIN_TABLE_COLUMNS = 3  # a ruled box of one or two columns is a frame or a letterhead, not a table


def ruled_tables(page) -> list[list[list[tuple]]]:
    """Tables drawn with ruling lines (pdfplumber's table finder, lines strategy), as rows of
    cell boxes; pages without drawn lines or boxes are not searched (the finder costs time)."""
    if not (page.lines or page.rects):
        return []
    tables = []
    for table in page.find_tables():
        rows = [[cell for cell in row.cells] for row in table.rows]
        if rows and max(sum(1 for cell in row if cell) for row in rows) >= MIN_TABLE_COLUMNS:
            tables.append(rows)
    return tables


def check_pdf_bytes(path: str, data: bytes) -> None:
    from extractor.reading.encodings import _BINARY_SIGNATURES

    if not data:
        raise InputError(path, "empty file")
    if PDF_SIGNATURE not in data[:SIGNATURE_WINDOW]:
        kind = next((kind for signature, kind in _BINARY_SIGNATURES if data.startswith(signature)), None)
        raise InputError(path, f"not a PDF ({kind or 'no %PDF- header'})")
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise InputError(path, "truncated PDF (no end-of-file marker: the file was cut short)")


STREAM_START = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
INFLATE_CHUNK = 1 << 24


def check_streams(path: str, data: bytes, limits: Limits) -> None:
    """Refuse a PDF with a compressed stream that inflates past the stream_bytes limit, before
    pdfminer or pdfium inflate it whole (a 900 KB file with a 300 MB stream took 4 GB and a
    segfault there). Streams are inflated in chunks and dropped; what is not Flate data is skipped."""
    view = memoryview(data)
    for match in STREAM_START.finditer(data):
        end = data.find(b"endstream", match.end())
        if end < 0:
            return
        inflater, total = zlib.decompressobj(), 0
        pending = view[match.end():end]
        try:
            while pending and total <= limits.stream_bytes:
                total += len(inflater.decompress(pending, INFLATE_CHUNK))
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # an image codec's data, an encrypted or raw stream: not ours to measure
        limits.check(path, "stream_bytes", total, f"a compressed stream at byte {match.start():,} inflates to over {total:,} bytes")


def pdf_error_reason(error: Exception) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    if isinstance(cause, PDFPasswordIncorrect):
        return "encrypted PDF: it needs a password to open"
    if isinstance(cause, PDFEncryptionError):
        return f"encrypted PDF with an unsupported protection ({cause})"
    detail = str(cause).strip() or type(cause).__name__
    return f"corrupt PDF ({detail[:200]})"


def text_layer(page) -> list[dict]:
    """The page's upright glyphs inside the page box, drawn-twice duplicates (fake bold) removed."""
    x0, top, x1, bottom = page.bbox
    inside = [
        {**char, "order": order}  # content-stream order, for combining marks
        for order, char in enumerate(page.chars)
        if char.get("upright", True)
        and char["text"]
        and char["x1"] > x0 and char["x0"] < x1 and char["bottom"] > top and char["top"] < bottom
    ]
    return without_duplicates(inside)


def without_duplicates(chars: list[dict]) -> list[dict]:
    """Drop a glyph drawn again within a point of an earlier same glyph (fake bold, shadows).
    pdfplumber's dedupe_chars does this too but sorts per glyph: half the reading time."""
    seen: dict[tuple[str, int, int], list[dict]] = defaultdict(list)
    kept = []
    for char in chars:
        bin_x, bin_y = int(char["x0"]), int(char["top"])
        duplicate = any(
            abs(other["x0"] - char["x0"]) <= DUPLICATE_DISTANCE and abs(other["top"] - char["top"]) <= DUPLICATE_DISTANCE
            for dx in (-1, 0, 1) for dy in (-1, 0, 1)
            for other in seen.get((char["text"], bin_x + dx, bin_y + dy), ())
        )
        if not duplicate:
            seen[(char["text"], bin_x, bin_y)].append(char)
            kept.append(char)
    return kept


def pages_text(path: str, data: bytes, page_chars: list[list[dict]], has_images: list[bool],
               page_tables: list[list] | None = None, limits: Limits = DEFAULT_LIMITS) -> PdfPages:
    needs_ocr = [not usable_text_layer(chars, image) and bool(image or chars) for chars, image in zip(page_chars, has_images)]
    encodings = legacy_font_encodings(text_by_font(chars for chars, ocr in zip(page_chars, needs_ocr) if not ocr))
    texts, confidences = [], []
    to_ocr = [index for index, ocr in enumerate(needs_ocr) if ocr]
    limits.check(path, "ocr_pages", len(to_ocr), f"{len(to_ocr):,} pages need OCR (no usable text layer)")
    ocr_pages = ocr_pdf_pages(path, data, to_ocr, limits)
    for index, chars in enumerate(page_chars):
        if index in ocr_pages:
            texts.append(ocr_pages[index].text)
            confidences.append(ocr_pages[index].confidence)
        else:
            tables = page_tables[index] if page_tables else []
            texts.append(page_text(chars, encodings, tables) if chars else "")
            confidences.append(TEXT_LAYER_CONFIDENCE)
    if not any(text.strip() for text in texts):
        what = "recognised on" if ocr_pages else "in"
        raise InputError(path, f"no text {what} any of its {len(texts)} page(s) (empty pages)")
    if ocr_pages:
        from extractor.reading.ocr import repair_ocr_pages

        texts = repair_ocr_pages(texts, set(ocr_pages))
    encoding = "+".join(["pdf", *sorted(set(encodings.values())), *(["ocr"] if ocr_pages else [])])
    return PdfPages(texts, confidences if ocr_pages else [], encoding)


def usable_text_layer(chars: list[dict], has_image: bool) -> bool:
    visible = [char for char in chars if not char["text"].isspace()]
    unmapped = sum(1 for char in visible if UNMAPPED_GLYPH.fullmatch(char["text"]))
    if visible and unmapped > MAX_UNMAPPED_SHARE * len(visible):
        return False
    return not (has_image and len(visible) < MIN_TEXT_LAYER_CHARS)


def ocr_pdf_pages(path: str, data: bytes, indexes: list[int], limits: Limits = DEFAULT_LIMITS) -> dict:
    """Render the pages at ``indexes`` with pdfium and OCR them: index → OcrPage."""
    if not indexes:
        return {}
    from extractor.reading.ocr import ocr_images, ocr_jobs, require_tesseract

    require_tesseract(path)
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise InputError(path, f"corrupt PDF (cannot render pages for OCR: {error})") from None
    try:
        pages = {}
        chunk = ocr_jobs()  # render a few pages, OCR them at once: memory stays at a few page images
        for first in range(0, len(indexes), chunk):
            batch = indexes[first:first + chunk]
            images = [(render_page(path, document, index, limits), OCR_DPI) for index in batch]
            pages.update(zip(batch, ocr_images(images, path)))
        return pages
    finally:
        document.close()


def render_page(path: str, document, index: int, limits: Limits = DEFAULT_LIMITS):
    """The page as an image for OCR, at OCR_DPI unless that would exceed the render_pixels limit (a huge
    media box or user unit): then at the resolution that fits, never allocating more."""
    import pypdfium2

    try:
        page = document[index]
        width, height = page.get_size()  # points
        scale = OCR_DPI / 72
        if width * height * scale * scale > limits.render_pixels:
            scale = (limits.render_pixels / max(width * height, 1.0)) ** 0.5
        if scale * 72 < MIN_RENDER_DPI:
            raise limits.refusal(path, "render_pixels", f"page {index + 1} is too large to OCR ({width / 72:.0f} × {height / 72:.0f} inches "
                                 f"at {MIN_RENDER_DPI} dpi)")
        return page.render(scale=scale).to_pil()
    except pypdfium2.PdfiumError as error:
        raise InputError(path, f"corrupt PDF (cannot render page {index + 1} for OCR: {error})") from None


# ---------------------------------------------------------------------------------------
# legacy fonts


def font_key(char: dict) -> str:
    return SUBSET_PREFIX.sub("", char.get("fontname") or "")


def text_by_font(pages) -> dict[str, str]:
    pieces: dict[str, list[str]] = defaultdict(list)
    for chars in pages:
        for char in chars:
            pieces[font_key(char)].append(char["text"])
    return {font: "".join(text) for font, text in pieces.items()}


def legacy_font_encodings(texts: dict[str, str]) -> dict[str, str]:
    """Font name → "tcvn3"/"vni" for the fonts whose text is legacy Vietnamese read as Latin-1.
    (Also used for DOCX runs, whose fonts are named in the run properties.)"""
    from extractor.reading.encodings import detect_legacy_text

    found = {}
    for font, text in texts.items():
        if text.isascii() or NOT_LATIN1.search(text):
            continue  # nothing to convert, or Unicode letters no legacy font produces
        encoding = detect_legacy_text(text) or encoding_named_by_font(font)
        if encoding:
            found[font] = encoding
    return found


def encoding_named_by_font(font: str) -> str | None:
    if VNI_FONT.match(font):
        return "vni"
    if TCVN3_FONT.match(font):
        return "tcvn3"
    return None


def convert_font_text(text: str, font: str, encoding: str) -> str:
    from extractor.reading.encodings import convert_legacy

    converted = convert_legacy(text, encoding)
    if encoding == "tcvn3" and TCVN3_UPPER_FONT.match(font):
        converted = converted.upper()
    return converted


# ---------------------------------------------------------------------------------------
# one page


def page_text(chars: list[dict], encodings: dict[str, str], tables: list = ()) -> str:
    """The page's lines top to bottom; a ruled table gives one line per row, its cells in order
    separated by tabs (a cell's own lines joined by spaces), where the table stands."""
    row_lines, flowing = [], chars
    for rows in tables:
        for cells in rows:
            boxes = [cell for cell in cells if cell]
            if not boxes:
                continue
            texts = []
            for box in boxes:
                inside = [c for c in flowing if _centre_in(c, box)]
                cell_lines = group_lines(inside)
                for line in cell_lines:
                    line.size = dominant_size(line.chars)
                    line.text = line_text(line.chars, line.size, encodings)
                texts.append(" ".join(line.text for line in cell_lines if line.text))
                flowing = [c for c in flowing if not _centre_in(c, box)]
            if any(texts):
                top = min(box[1] for box in boxes)
                bottom = max(box[3] for box in boxes)
                row_lines.append(_Line(top, bottom, [], "\t".join(texts), 0.0))
    lines = group_lines(flowing)
    for line in lines:
        line.size = dominant_size(line.chars)
        line.text = line_text(line.chars, line.size, encodings)
    lines = sorted([line for line in lines if line.text] + row_lines, key=lambda line: line.top)
    return "\n".join(join_hyphenated(lines))


def _centre_in(char: dict, box: tuple) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def group_lines(chars: list[dict]) -> list[_Line]:
    """Glyphs → lines, top to bottom; a glyph joins a line it overlaps vertically by half the
    smaller height, so a raised marker stays on its line. A line's extent is its tallest glyph's."""
    lines: list[_Line] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        height = max(char["bottom"] - char["top"], 0.1)
        line = next((line for line in reversed(lines[-3:]) if _overlaps(line, char, height)), None)
        if line is None:
            lines.append(_Line(char["top"], char["bottom"], [char]))
            continue
        line.chars.append(char)
        if height > line.height:
            line.top, line.bottom = char["top"], char["bottom"]
    lines.sort(key=lambda line: line.top)
    return lines


def _overlaps(line: _Line, char: dict, height: float) -> bool:
    overlap = min(line.bottom, char["bottom"]) - max(line.top, char["top"])
    return overlap >= LINE_OVERLAP * min(height, max(line.height, 0.1))


def dominant_size(chars: list[dict]) -> float:
    sizes = Counter(round(char["size"], 1) for char in chars if not char["text"].isspace())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def reading_order(chars: list[dict]) -> list[dict]:
    """Left to right; a combining mark (decomposed text) stays right after the glyph before it
    in the content stream, whatever its own box says."""
    keyed, key = [], (0.0, 0)
    for char in sorted(chars, key=lambda c: c.get("order", 0)):
        if unicodedata.combining(char["text"][0]) and keyed:
            key = (key[0], key[1] + 1)
        else:
            key = (char["x0"], 0)
        keyed.append((key, len(keyed), char))
    return [char for _, _, char in sorted(keyed, key=lambda item: (item[0], item[1]))]


def line_text(chars: list[dict], size: float, encodings: dict[str, str]) -> str:
    """Glyphs of one line → text: gaps as spaces, superscript digits as glued markers or as a
    leading footnote number, legacy-font runs converted."""
    ordered = reading_order(chars)
    baseline = statistics.median(c["bottom"] for c in ordered if abs(c["size"] - size) < 0.5 or size == 0)
    runs: list[list[str]] = []  # [text, font] pieces, merged per font later
    previous, right = None, None  # the glyph before and the right edge of the text so far
    for char in ordered:
        text = char["text"]
        superscript = _is_superscript_digit(char, size, baseline)
        mark = unicodedata.combining(text[0]) > 0
        if previous is not None and not (text.isspace() or previous["text"].isspace() or superscript or mark):
            if char["x0"] - right > SPACE_GAP * min(char["size"], previous["size"]):
                runs.append([" ", ""])
        if superscript:
            _add_marker(runs, text)
        else:
            runs.append([text, font_key(char)])
        previous, right = char, char["x1"] if right is None else max(right, char["x1"])
    return _join_runs(runs, encodings).rstrip()


def _is_superscript_digit(char: dict, size: float, baseline: float) -> bool:
    text = char["text"]
    if not (text.isdigit() or text in SUPERSCRIPT_CHARS):
        return False
    return char["size"] <= SUPERSCRIPT_SIZE * size and char["bottom"] < baseline - SUPERSCRIPT_RISE * size


LABEL = "label"  # the font slot of a leading footnote number: a space follows it


def _add_marker(runs: list[list[str]], digit: str) -> None:
    if runs and runs[-1][1] == LABEL:  # the next digit of a leading number
        runs[-1][0] += digit
    elif not "".join(text for text, _ in runs).strip():  # a footnote number opening small print
        runs.append([digit, LABEL])
    else:
        while runs and runs[-1][0].isspace():  # glue the marker to the word before it
            runs.pop()
        runs.append([digit.translate(TO_SUPERSCRIPT), ""])


def _join_runs(runs: list[list[str]], encodings: dict[str, str]) -> str:
    pieces: list[tuple[str, str]] = []
    for index, (text, font) in enumerate(runs):
        if font == LABEL:
            following = runs[index + 1][0] if index + 1 < len(runs) else " "
            text += "" if following[:1].isspace() else " "
        if pieces and pieces[-1][1] == font:
            pieces[-1] = (pieces[-1][0] + text, font)
        else:
            pieces.append((text, font))
    return "".join(
        convert_font_text(text, font, encodings[font]) if font in encodings else text for text, font in pieces
    )


def join_hyphenated(lines: list[_Line]) -> list[str]:
    """Line texts, with words hyphenated at a line end joined to their next line."""
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if out and previous is not None and _continues_hyphenated(previous, line, out[-1]):
            joined = out[-1][:-1] if out[-1].endswith("\u00ad") else out[-1]
            out[-1] = joined + line.text
        else:
            out.append(line.text)
        previous = line
    return out


def _continues_hyphenated(previous: _Line, line: _Line, previous_text: str) -> bool:
    if not HYPHEN_END.search(previous_text):
        return False
    if abs(previous.size - line.size) > 0.5 or line.top - previous.bottom > previous.height:
        return False  # a footnote zone or a new block, not the next line of the same text
    if previous_text.endswith("\u00ad") or LOWER_OR_DIGIT_START.match(line.text):
        return True
    return bool(CODE_HYPHEN_END.search(previous_text) and CODE_START.match(line.text))


# ---------------------------------------------------------------------------------------
# pages of any paged document (PDF, image, DOCX): helpers for records and the cleaner


