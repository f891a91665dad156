"""OCR with Tesseract's Vietnamese model: scanned PDF pages and image files → text per page.

We call the ``tesseract`` command (Debian packages ``tesseract-ocr`` and ``tesseract-ocr-vie``)
directly rather than through a wrapper library: one subprocess per page, the page image piped
in as PNG, TSV out. The TSV gives the words with their block/paragraph/line numbers (so lines
are rebuilt in Tesseract's reading order) and a confidence per word, whose mean is the page's
confidence (0–100; 0 for a page where nothing was recognised).

Images: PNG, JPEG, TIFF (every frame of a multi-page TIFF is a page). Images are flattened to
greyscale on white; their own resolution is passed to Tesseract when they state one.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import warnings
from collections import Counter
from dataclasses import dataclass

from extractor.errors import InputError
from extractor.limits import DEFAULT_LIMITS, Limits
from extractor.numbers.roman import from_roman, to_roman

LANGUAGE = "vie"
DEFAULT_DPI = 300  # what scanners default to; used when an image states no resolution
MIN_DPI, MAX_DPI = 70, 1200  # stated resolutions outside this are junk metadata
PAGE_SEGMENTATION = "3"  # fully automatic page segmentation (Tesseract's default)
# The LSTM engine alone: on a 200-dpi report page it gave the same words as Tesseract's default
# (legacy + LSTM) in 0.8 s instead of 7.3 s (Tesseract 5.3, `vie`, measured here).
ENGINE = "1"
THREADS_PER_PAGE = "1"  # one OpenMP thread per Tesseract: pages run in parallel instead (OMP_THREAD_LIMIT)
JOBS_VARIABLE = "EXTRACTOR_OCR_JOBS"  # pages OCR'd at once; default: the machine's cores
TIMEOUT_SECONDS = 300  # one page; a hung Tesseract must not hang a batch

INSTALL_HINT = (
    "install Tesseract with its Vietnamese model: "
    "sudo apt-get install tesseract-ocr tesseract-ocr-vie (Debian/Ubuntu), "
    "brew install tesseract tesseract-lang (macOS)"
)


@dataclass(frozen=True)
class OcrPage:
    text: str  # lines joined with "\n"; no trailing newline
    confidence: float  # mean word confidence, 0–100


class TesseractMissing(Exception):
    """Tesseract or its Vietnamese model is not installed (the reason says which)."""


# ---------------------------------------------------------------------------------------
# Tesseract


@functools.lru_cache(maxsize=1)
def tesseract_command() -> str:
    """Path of the tesseract program that has the Vietnamese model; TesseractMissing if none."""
    command = shutil.which("tesseract")
    if command is None:
        raise TesseractMissing(f"OCR needs Tesseract, which is not installed; {INSTALL_HINT}")
    languages = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=60)
    if LANGUAGE not in languages.stdout.split():
        raise TesseractMissing(f"Tesseract has no Vietnamese model ({LANGUAGE!r}); {INSTALL_HINT}")
    return command


def require_tesseract(path: str) -> str:
    try:
        return tesseract_command()
    except TesseractMissing as missing:
        raise InputError(path, str(missing)) from None


def ocr_image(image, path: str, dpi: int = DEFAULT_DPI) -> OcrPage:
    """OCR one PIL image (a page); InputError naming ``path`` if Tesseract is missing or fails."""
    command = require_tesseract(path)
    prepared = prepare(image)
    tsv = _run_tesseract(command, prepared, path, dpi, PAGE_SEGMENTATION)
    return page_from_tsv(tsv, RaisedMarkers(command, prepared, path, dpi))


def _run_tesseract(command: str, image, path: str, dpi: int, segmentation: str, extra: tuple[str, ...] = ()) -> str:
    png = io.BytesIO()
    image.save(png, format="PNG")
    args = [command, "stdin", "stdout", "-l", LANGUAGE, "--oem", ENGINE, "--psm", segmentation, "--dpi", str(dpi), *extra, "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": THREADS_PER_PAGE}
    try:
        done = subprocess.run(args, input=png.getvalue(), capture_output=True, timeout=TIMEOUT_SECONDS, env=env)
    except subprocess.TimeoutExpired:
        raise InputError(path, f"OCR of a page took more than {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(path, f"Tesseract failed: {message[-1] if message else done.returncode}")
    return done.stdout.decode("utf-8", "replace")


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MARKER_CONFIDENCE = 92  # Tesseract is less sure of a word that swallowed or misread a raised digit
INK = 140  # grey level under which a pixel is ink
TRAILING_MARK = re.compile(r"[.,:;'\"’”°*]+$")
PERCENT_THEN_DIGITS = re.compile(r"%\d+$")


def _components(ink) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the 8-connected ink components of a small boolean array."""
    height, width = ink.shape
    seen = ink.copy()
    boxes = []
    for y, x in zip(*ink.nonzero()):
        if not seen[y, x]:
            continue
        seen[y, x] = False
        stack, x0, y0, x1, y1 = [(y, x)], x, y, x, y
        while stack:
            cy, cx = stack.pop()
            x0, y0, x1, y1 = min(x0, cx), min(y0, cy), max(x1, cx), max(y1, cy)
            for ny in (cy - 1, cy, cy + 1):
                for nx in (cx - 1, cx, cx + 1):
                    if 0 <= ny < height and 0 <= nx < width and seen[ny, nx]:
                        seen[ny, nx] = False
                        stack.append((ny, nx))
        boxes.append((int(x0), int(y0), int(x1), int(y1)))
    return boxes


class RaisedMarkers:
    """Footnote markers are small digits raised after a word ("đàn ong³."); Tesseract drops them
    or reads them as punctuation. For a word it is unsure of, the ink of its box is split into
    glyphs (columns of ink between blank columns); a glyph whose ink ends above the middle of the
    word's lower-case band is raised. Such a glyph is read alone (digits only) and written back as
    superscript digits, which the cleaner takes as a marker, before any punctuation after it."""

    def __init__(self, command: str, image, path: str, dpi: int):
        import numpy

        self.command, self.image, self.path, self.dpi = command, image, path, dpi
        self.ink = numpy.asarray(image) < INK

    def __call__(self, word: _Word) -> str:
        if not word.text or (word.text[0].isdigit() and "%" not in word.text) or not self._may_end_raised(word):
            return word.text
        raised = self._raised_glyph(word)
        if raised is None:
            return word.text
        digits = self._read_digits(*raised)
        if not digits:
            return word.text
        trailing = TRAILING_MARK.search(word.text)
        core = word.text[:trailing.start()] if trailing else word.text
        core = PERCENT_THEN_DIGITS.sub("%", core)  # "95,6%6": the raised digit read as a plain one
        tail = trailing.group() if trailing and len(trailing.group()) > 1 or (trailing and trailing.group() in ".,;") else ""
        return core + digits.translate(SUPERSCRIPT) + tail

    def _may_end_raised(self, word: _Word) -> bool:
        """Cheap test before the glyph analysis: ink in the upper half of the word's last quarter
        (and a little beyond) and none in its lower third."""
        width = word.right - word.left
        x0, x1 = word.right - max(width // 4, 2), min(self.ink.shape[1], word.right + word.height // 4)
        top, bottom = max(0, word.top), word.top + word.height
        if x1 <= x0 or bottom <= top:
            return False
        slice_ = self.ink[top:bottom, x0:x1]
        height = slice_.shape[0]
        upper, lower = slice_[: height // 2], slice_[height * 2 // 3:]
        columns = upper.any(axis=0) & ~slice_[height // 2:].any(axis=0)
        return bool(columns.sum() >= 2) or (word.confidence < MARKER_CONFIDENCE and bool(upper.any()) and not lower.all())

    def _raised_glyph(self, word: _Word):
        top, bottom = max(0, word.top), word.top + word.height
        left, right = max(0, word.left), min(self.ink.shape[1], word.right + word.height // 3)
        box = self.ink[top:bottom, left:right]
        if box.size == 0:
            return None
        glyphs = _components(box)
        letters = [g for g in glyphs if g[3] - g[1] >= word.height * 0.3]  # not dots, specks, accents
        if len(letters) < 3:
            return None
        bottoms = sorted(g[3] for g in letters)
        tops = sorted(g[1] for g in letters)
        baseline, band_top = bottoms[len(bottoms) // 2], tops[len(tops) // 2]
        middle = (band_top + baseline) / 2
        def raised(glyph) -> bool:
            x0, y0, x1, y1 = glyph
            return y1 < middle and (y1 - y0) >= 0.6 * (baseline - band_top) and (y1 - y0) >= 1.1 * (x1 - x0 + 1)

        ordered = sorted(letters, key=lambda g: g[0])
        run = []
        for glyph in reversed(ordered[1:]):  # a marker ends the word (a dot may follow): "ong³", "đạt¹²"
            if not raised(glyph):
                break
            run.append(glyph)
        if not run:
            return None
        return (left + min(g[0] for g in run), top + min(g[1] for g in run),
                left + max(g[2] for g in run), top + max(g[3] for g in run))

    def _read_digits(self, x0: int, y0: int, x1: int, y1: int) -> str:
        from PIL import ImageOps

        crop = self.image.crop((x0, y0, x1 + 1, y1 + 1))
        crop = ImageOps.expand(crop.resize((crop.width * 3, crop.height * 3)), border=20, fill=255)
        tsv = _run_tesseract(self.command, crop, self.path, self.dpi, "8", ("-c", "tessedit_char_whitelist=0123456789"))
        words = [row.split("\t")[11].strip() for row in tsv.splitlines()[1:] if row.split("\t")[0] == "5" and len(row.split("\t")) >= 12]
        digits = "".join(words)
        return digits if digits.isdigit() and len(digits) <= 3 and not digits.startswith("0") else ""


SPECKLED = 0.01  # share of ink pixels standing alone above which a page is despeckled


def prepare(image):
    """Greyscale on white (transparency would otherwise turn black in Tesseract's binarisation),
    and a 3×3 median filter on a speckled page: scanner noise otherwise reads as dashes, quotes and
    letters at line starts (on a speckled 200-dpi scan, mean confidence 88 → 95)."""
    from PIL import Image, ImageFilter

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    image = image.convert("L")
    return image.filter(ImageFilter.MedianFilter(3)) if speckle_share(image) > SPECKLED else image


def speckle_share(image) -> float:
    """Share of ink pixels with no ink among their eight neighbours."""
    import numpy

    ink = numpy.asarray(image) < INK
    total = int(ink.sum())
    if total == 0:
        return 0.0
    padded = numpy.pad(ink, 1)
    neighbours = sum(padded[1 + dy:padded.shape[0] - 1 + dy, 1 + dx:padded.shape[1] - 1 + dx]
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
    return float((ink & (neighbours == 0)).sum()) / total


SPLIT_NUMBER_GAP = 0.12  # of the word height: a gap this narrow inside "108. 452" is no space
NUMBER_HEAD = re.compile(r"\d[.,]$")  # "108." / "514,": digits then a separator
NUMBER_TAIL = re.compile(r"^\d")


@dataclass
class _Word:
    text: str
    left: int
    right: int
    height: int
    top: int = 0
    confidence: float = 100.0


def page_from_tsv(tsv: str, markers=None) -> OcrPage:
    """Rebuild lines (words of one block/paragraph/line, in order) and the mean word confidence.
    Tesseract splits a number at its separator ("108. 452", "514, 9") where the separator leaves a
    little room; two words of one line that read as the two halves of a number and stand almost
    touching (a gap under SPLIT_NUMBER_GAP of their height; spaces between words measure 0.17 and
    more) are one word again."""
    lines: dict[tuple[int, int, int], list[_Word]] = {}
    confidences = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":  # level 5: a word
            continue
        text = fields[11].strip()
        try:
            confidence = float(fields[10])
            key = (int(fields[2]), int(fields[3]), int(fields[4]))
            left, width, height = int(fields[6]), int(fields[8]), int(fields[9])
        except ValueError:
            continue  # a malformed row: Tesseract writes none, but a batch must not stop on one
        if not text or confidence < 0:
            continue
        words = lines.setdefault(key, [])
        word = _Word(text, left, left + width, height, int(fields[7]) if fields[7].lstrip("-").isdigit() else 0, confidence)
        if markers is not None:
            word.text = markers(word)
        if words and _halves_of_a_number(words[-1], word):
            words[-1] = _Word(words[-1].text + word.text, words[-1].left, word.right, max(words[-1].height, height))
        else:
            words.append(word)
        confidences.append(confidence)
    text = "\n".join(" ".join(word.text for word in words) for words in lines.values())
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrPage(text, round(mean, 2))


def _halves_of_a_number(before: _Word, word: _Word) -> bool:
    gap = word.left - before.right
    return (bool(NUMBER_HEAD.search(before.text)) and bool(NUMBER_TAIL.match(word.text))
            and gap < SPLIT_NUMBER_GAP * max(before.height, word.height, 1))


# ---------------------------------------------------------------------------------------
# image files


def ocr_jobs() -> int:
    """How many pages to OCR at once: EXTRACTOR_OCR_JOBS, else the machine's cores."""
    try:
        return max(1, int(os.environ.get(JOBS_VARIABLE, "0"))) if os.environ.get(JOBS_VARIABLE) else max(1, os.cpu_count() or 1)
    except ValueError:
        return 1


def ocr_images(frames, path: str) -> list[OcrPage]:
    """OCR (image, dpi) pairs, several at once (each a Tesseract process), results in order."""
    frames = list(frames)
    if len(frames) <= 1 or ocr_jobs() == 1:
        return [ocr_image(frame, path, dpi) for frame, dpi in frames]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(ocr_jobs(), len(frames))) as pool:
        return list(pool.map(lambda pair: ocr_image(pair[0], path, pair[1]), frames))


def read_image_pages(path: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[OcrPage]:
    """OCR every frame of an image file; InputError for what is not a readable image. Frames are
    decoded a few at a time, as they are read (a 12-frame scan holds a few frames, not twelve)."""
    pages: list[OcrPage] = []
    chunk: list = []
    for frame in image_frames(path, data, limits):  # a bad image is reported as such, Tesseract or not
        chunk.append(frame)
        if len(chunk) == ocr_jobs():
            pages.extend(ocr_images(chunk, path))
            chunk = []
    return pages + ocr_images(chunk, path) if chunk else pages


def image_frames(path: str, data: bytes, limits: Limits = DEFAULT_LIMITS):
    """(frame, dpi) for each frame, each fully decoded as it is yielded (so a truncated file
    fails here); the frame count and every frame's size are checked before any is decoded."""
    if not data:
        raise InputError(path, "empty file")
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns on odd metadata; we only need the pixels
        try:
            image = _opened(path, data, limits)
            yield from _decoded_frames(path, image, limits)
        except Image.DecompressionBombError:
            raise limits.refusal(path, "image_pixels", "image too large") from None
        except InputError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow's decoders raise many kinds on bad data
            raise InputError(path, f"truncated or corrupt image ({error})") from None


def _opened(path: str, data: bytes, limits: Limits):
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = limits.image_pixels  # Pillow's own guard: it refuses at twice this, before decoding
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise InputError(path, f"not a readable image ({what_it_is(data)})") from None
    count = 0
    for frame in ImageSequence.Iterator(image):  # sizes only: nothing is decoded yet
        count += 1
        limits.check(path, "ocr_pages", count, f"image has over {count - 1:,} frames to OCR")
        width, height = frame.size
        limits.check(path, "image_pixels", width * height, f"image frame {count} is {width:,} × {height:,} pixels")
    if not count:
        raise InputError(path, "image has no frames")
    image.seek(0)
    return image


def _decoded_frames(path: str, image, limits: Limits):
    from PIL import ImageSequence

    for frame in ImageSequence.Iterator(image):
        frame.load()
        yield frame.copy(), stated_dpi(frame)


def what_it_is(data: bytes) -> str:
    from extractor.reading.encodings import _BINARY_SIGNATURES

    kind = next((kind for signature, kind in _BINARY_SIGNATURES if data.startswith(signature)), None)
    return f"the data is a {kind}" if kind else "not PNG, JPEG or TIFF data"


def stated_dpi(image) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if MIN_DPI <= value <= MAX_DPI else DEFAULT_DPI


# ---------------------------------------------------------------------------------------
# heading labels misread by OCR

# what OCR reads for the strokes of a roman numeral: "H" for "II", "l"/"1"/"|" for "I", "U" for "II"
ROMAN_LOOKALIKES = str.maketrans({"l": "I", "1": "I", "|": "I", "!": "I", "í": "I", "Í": "I"})
ROMAN_LABEL = re.compile(r"^(\s*)([IVXLCHUlí|!1]{1,6})(\s*[.\-–/)]\s*)(?=\S)")
DOTTED_LABEL = re.compile(r"^(\s*)(\d{1,2})((?:\.\d{1,2})+)(\.?\s*[-–]?\s*)(?=[^\W\d_])")
DIGIT_LOOKALIKES = {"5": "9", "9": "5", "3": "8", "8": "3", "1": "7", "7": "1", "0": "8", "6": "8"}


MAX_PART_NUMBER = 39  # a report's parts and chapters: "I" … "XXXIX"


def _roman(text: str) -> int | None:
    """The value of a well-formed roman numeral up to 39 (report parts), else None."""
    value = from_roman(text)
    return value if value is not None and value <= MAX_PART_NUMBER else None


def repair_heading_labels(texts: list[str], ocr_pages: set[int]) -> list[str]:
    """Heading labels OCR misread, mended from their sequence: an "H-" between "I-" and "III-" is
    "II-", a "9.4." after "5.3." (and before "5.5." or a new part) is "5.4.". Only lines of OCR'd
    pages change, only where the neighbours on both sides fix the value, never a figure in a
    sentence (a label stands at the start of a line with a title after it)."""
    lines = [(page, index, line) for page, text in enumerate(texts) for index, line in enumerate(text.split("\n"))]
    fixed = {}
    romans = [(n, ROMAN_LABEL.match(line)) for n, (_, _, line) in enumerate(lines)]
    romans = [(n, match) for n, match in romans if match]
    for position, (n, match) in enumerate(romans):
        page = lines[n][0]
        if page not in ocr_pages or _roman(match.group(2)) is not None:
            continue
        before = next((_roman(m.group(2)) for _, m in reversed(romans[:position]) if _roman(m.group(2))), None)
        after = next((_roman(m.group(2)) for _, m in romans[position + 1:] if _roman(m.group(2))), None)
        if before is not None and after == before + 2:
            wanted = to_roman(before + 1)
            read = match.group(2).translate(ROMAN_LOOKALIKES).replace("H", "II").replace("U", "II")
            if read == wanted or len(match.group(2)) <= len(wanted):
                fixed[n] = match.group(1) + wanted + match.group(3) + lines[n][2][match.end():]
    dotted = [(n, DOTTED_LABEL.match(line)) for n, (_, _, line) in enumerate(lines)]
    dotted = [(n, match) for n, match in dotted if match]
    heads = [match.group(2) for _, match in dotted]  # as mended so far
    for position, (n, match) in enumerate(dotted):
        if lines[n][0] not in ocr_pages or position == 0:
            continue
        previous, head, rest = dotted[position - 1][1], heads[position], match.group(3)
        previous_head = heads[position - 1]
        if previous_head == head or previous.group(3).count(".") != rest.count(".") or len(head) != len(previous_head):
            continue
        following = dotted[position + 1][1] if position + 1 < len(dotted) else None
        if following is not None and following.group(2) == head:
            continue  # "9.4." then "9.5.": a part 9 of its own
        consecutive = int(rest.rsplit(".", 1)[1]) == int(previous.group(3).rsplit(".", 1)[1]) + 1
        mended = "".join(DIGIT_LOOKALIKES.get(c, c) if c != p else c for c, p in zip(head, previous_head))
        if consecutive and mended == previous_head:
            heads[position] = previous_head
            fixed[n] = match.group(1) + previous_head + rest + match.group(4) + lines[n][2][match.end():]
    if not fixed:
        return texts
    out: dict[int, list[str]] = {}
    for n, (page, _, line) in enumerate(lines):
        out.setdefault(page, []).append(fixed.get(n, line))
    return ["\n".join(out.get(page, [])) for page in range(len(texts))]


# ---------------------------------------------------------------------------------------
# tone marks misread by OCR

TONE_COMBINING = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # none, huyền, sắc, ngã, hỏi, nặng
OCR_WORD = re.compile(r"[^\W\d_]+")


def _tone_variants(word: str) -> list[str]:
    """The word with each other tone mark (on the vowel that carries one, or the main vowel)."""
    import unicodedata

    from extractor.syllables import TONE_MARKS, is_syllable

    decomposed = unicodedata.normalize("NFD", word)
    marks = [i for i, c in enumerate(decomposed) if c in TONE_MARKS]
    if len(marks) > 1:
        return []
    if marks:
        position, base = marks[0], decomposed[:marks[0]] + decomposed[marks[0] + 1:]
    else:
        vowels = [i for i, c in enumerate(decomposed) if c.lower() in "aăâeêioôơuưy"]
        if not vowels:
            return []
        base, position = decomposed, vowels[-1] + 1 if len(vowels) == 1 else vowels[len(vowels) // 2] + 1
        while position < len(base) and unicodedata.combining(base[position]):
            position += 1  # after the vowel's own marks (circumflex, horn, breve)
    variants = []
    for mark in TONE_COMBINING:
        candidate = unicodedata.normalize("NFC", base[:position] + mark + base[position:])
        if candidate != unicodedata.normalize("NFC", word) and is_syllable(candidate.lower()):
            variants.append(candidate)
    return variants


RARE_SYLLABLE = 2  # dictionary entries: a syllable this rare that OCR gives is suspect
FAR_MORE_LIKELY = 20  # a variant this many times more frequent replaces a rare reading
MAX_WORD_SYLLABLES = 4
COMMON_COUNT = 50  # dictionary entries holding a syllable (ASCII ones too: "trong")
DOCUMENT_MAJORITY = 2  # without a word to show for it, the variant must be twice as frequent in the document


def repair_tone_marks(text: str, document: str | None = None) -> str:
    """A lower-case word whose tone mark OCR confused ("tống số" for "tổng số", "hộ nghẻo"):
    replaced by the one tone variant that forms a longer dictionary word with its neighbours when
    the document (``document``, default this text) writes that word elsewhere; or, when the
    neighbours say nothing, by the one variant far more frequent than a reading that is rare or no
    syllable at all (underthesea's dictionary), if the document also writes it more often. Common
    syllables, capitalised words (names) and digits are never touched."""
    lowered = " " + " ".join(OCR_WORD.findall((document if document is not None else text).lower())) + " "
    words_in_document = Counter(lowered.split())
    out_lines = []
    for line in text.split("\n"):
        words = list(OCR_WORD.finditer(line))
        tokens = [m.group() for m in words]
        joined = [index > 0 and line[words[index - 1].end():m.start()].strip() == "" for index, m in enumerate(words)]
        pieces, cursor = [], 0
        for index, match in enumerate(words):
            word = match.group()
            if not word.islower() or len(word) < 2:
                continue  # names, and the letters of letter-spaced headings
            replacement = _better_tone(tokens, joined, index, lowered, words_in_document)
            if replacement:
                pieces.append(line[cursor:match.start()] + replacement)
                cursor = match.end()
                tokens[index] = replacement
        pieces.append(line[cursor:])
        out_lines.append("".join(pieces))
    return "\n".join(out_lines)


def _better_tone(tokens: list[str], joined: list[bool], index: int, lowered: str, words_in_document: Counter) -> str | None:
    from extractor.syllables import common_syllables, is_syllable, syllable_counts

    word = tokens[index]
    counts = syllable_counts()
    if word in common_syllables() or counts.get(word, 0) >= COMMON_COUNT:
        return None  # a common syllable read as itself is far likelier than a misread mark
    variants = _tone_variants(word)
    if not variants:
        return None
    own, _ = _longest_word(tokens, joined, index, word)
    scored = {variant: _longest_word(tokens, joined, index, variant) for variant in variants}
    best = max(size for size, _ in scored.values())
    winners = [variant for variant, (size, _) in scored.items() if size == best]
    if best > own and len(winners) == 1:
        compound = scored[winners[0]][1]
        return winners[0] if f" {compound} " in lowered else None  # "tổng số" written elsewhere in the report
    if own > 1 or best > 1:
        return None  # the neighbours speak for the reading as it is (or for several variants)
    count = counts.get(word, 0) if is_syllable(word) else 0
    if count > RARE_SYLLABLE:
        return None
    ranked = sorted(variants, key=lambda v: -counts.get(v, 0))
    top = counts.get(ranked[0], 0)
    runner_up = counts.get(ranked[1], 0) if len(ranked) > 1 else 0
    if (top >= FAR_MORE_LIKELY * max(count, 1) and top >= FAR_MORE_LIKELY * max(runner_up, 1) / 4
            and words_in_document[ranked[0]] >= DOCUMENT_MAJORITY * max(words_in_document[word], 1)):
        return ranked[0]
    return None


def _longest_word(tokens: list[str], joined: list[bool], index: int, word: str) -> tuple[int, str]:
    """(syllables, text) of the longest dictionary word through ``index`` with ``word`` there."""
    from extractor.syllables import is_compound_word

    longest, text = 1, word
    for size in range(2, MAX_WORD_SYLLABLES + 1):
        for start in range(index - size + 1, index + 1):
            end = start + size
            if start < 0 or end > len(tokens) or not all(joined[k] for k in range(start + 1, end)):
                continue
            window = tokens[start:end]
            window[index - start] = word
            candidate = " ".join(window)
            if is_compound_word(candidate):
                longest, text = size, candidate.lower()
    return longest, text


def repair_ocr_pages(texts: list[str], ocr_pages: set[int]) -> list[str]:
    """What OCR misreads, mended on the OCR'd pages only: heading labels from their sequence, then
    tone marks by the dictionary and the document's own words."""
    texts = repair_heading_labels(texts, ocr_pages)
    document = "\n".join(texts)
    return [repair_tone_marks(text, document) if page in ocr_pages else text for page, text in enumerate(texts)]
