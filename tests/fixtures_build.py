"""Build small PDF, image and DOCX fixtures at test time from passages of the corpus report.

Each builder also gives the plain text of the same passage (the "twin"), so a test can check
that extraction on the fixture matches extraction on the text.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core
FONT = FONT_DIR / "DejaVuSerif.ttf"
HEADER = "Báo cáo chính trị Đảng bộ huyện Mai Sơn"
FOOTNOTE_3 = "3 Trong đó: Đàn Trâu 327 con, đàn Bò 1.893 con, đàn Lợn 15.620 con, đàn Dê 6.250 con; tổng đàn gia cầm 108.452 con."
SUP = "^"  # in passage lines, "^3" is a superscript marker


@dataclass(frozen=True)
class Passages:
    farming: list[str]  # "* Phát triển sản xuất nông nghiệp: …", as the corpus wraps it
    livestock: list[str]  # "* Phát triển chăn nuôi: …", with marker 3 as "^3" and marker 4 dropped
    footnote: str  # footnote 3, one line


def corpus_passages(corpus_raw: str) -> Passages:
    lines = [unicodedata.normalize("NFC", line.strip()) for line in corpus_raw.splitlines() if line.strip()]
    farming = _block(lines, "* Phát triển sản xuất nông nghiệp:", "* Phát triển chăn nuôi:")
    livestock = _block(lines, "* Phát triển chăn nuôi:", "* Phát triển mô hình kinh tế")
    livestock = [line.replace("đàn ong3.", f"đàn ong{SUP}3.").replace("đàn ong4,", "đàn ong,") for line in livestock]
    assert any(f"ong{SUP}3" in line for line in livestock) and "1.866 ha" in " ".join(farming)
    footnote = next(line for line in lines if line.startswith("3 Trong đó: Đàn Trâu"))
    assert footnote == FOOTNOTE_3, footnote
    return Passages(farming, livestock, footnote)


def _block(lines: list[str], first: str, stop: str) -> list[str]:
    start = next(index for index, line in enumerate(lines) if line.startswith(first))
    end = next(index for index in range(start + 1, len(lines)) if lines[index].startswith(stop))
    return lines[start:end]


def plain(line: str) -> str:
    return line.replace(SUP, "")


def twin_text(passages: Passages) -> str:
    """The passage as a plain text report: both paragraphs, then footnote 3."""
    return "\n".join([*map(plain, passages.farming), *map(plain, passages.livestock), passages.footnote]) + "\n"


# ---------------------------------------------------------------------------------------
# PDF


def _new_pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    return pdf


def _write_line(pdf, x: float, y: float, line: str, size: float) -> None:
    """One line at (x, y); "^n" parts are drawn as superscripts."""
    pdf.set_font("DejaVu", size=size)
    # fpdf2 wraps a line that overflows the page, and the wrapped part overprints the next line
    assert pdf.get_string_width(line.replace(SUP, "")) < pdf.w - x - 20, f"line too long for the page: {line!r}"
    pdf.set_xy(x, y)
    for number, part in enumerate(line.split(SUP)):
        if number:  # starts with the superscript digits
            digits = part[: len(part) - len(part.lstrip("0123456789"))]
            pdf.char_vpos = "SUP"
            pdf.write(size * 1.4, digits)
            pdf.char_vpos = "LINE"
            part = part[len(digits):]
        pdf.write(size * 1.4, part)


def _page_with_body(pdf, header: str, body: list[str]) -> None:
    """A new page: the running header, then the body lines from the top margin down."""
    pdf.add_page()
    _write_line(pdf, 60, 30, header, 9)
    y = 70
    for line in body:
        _write_line(pdf, 50, y, line, 11)
        y += 18


def build_pdf(passages: Passages) -> bytes:
    """Two pages: header, the farming paragraph (its "75-95" split over a line end with a hyphen),
    the livestock paragraph up to "ong³"; footnote 3 in small print under a rule; page number.
    Page 2: header, the rest of the livestock paragraph, page number."""
    pdf = _new_pdf()
    farming = []
    for line in passages.farming:
        if "75-95" in line:
            head, tail = line.split("75-95", 1)
            farming += [head + "75-", "95" + tail]
        else:
            farming.append(line)
    split = next(index for index, line in enumerate(passages.livestock) if f"ong{SUP}3" in line) + 1
    pages = [farming + passages.livestock[:split], passages.livestock[split:]]
    for number, body in enumerate(pages, 1):
        _page_with_body(pdf, HEADER, body)
        if number == 1:
            pdf.line(50, 700, 200, 700)
            head, tail = FOOTNOTE_3[2:].split("tổng đàn ", 1)
            _write_line(pdf, 50, 706, f"{SUP}3 {head}tổng đàn", 9)
            _write_line(pdf, 50, 720, tail, 9)
        _write_line(pdf, 290, 800, str(number), 10)
    return bytes(pdf.output())


def build_text_pdf(lines: list[str], size: float = 12) -> bytes:
    pdf = _new_pdf()
    pdf.add_page()
    for index, line in enumerate(lines):
        _write_line(pdf, 50, 60 + index * size * 1.6, line, size)
    return bytes(pdf.output())


def build_blank_pdf(pages: int = 2) -> bytes:
    pdf = _new_pdf()
    for _ in range(pages):
        pdf.add_page()
    return bytes(pdf.output())


def build_encrypted_pdf(lines: list[str]) -> bytes:
    pdf = _new_pdf()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    _write_line(pdf, 50, 60, lines[0], 12)
    return bytes(pdf.output())


def build_scanned_pdf(image) -> bytes:
    """A page holding only a scanned image (no text layer)."""
    pdf = _new_pdf()
    pdf.add_page()
    width_pt = image.width * 72 / 300
    pdf.image(image, x=20, y=40, w=width_pt)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------
# images


def render_image(lines: list[str], dpi: int = 300, points: float = 12):
    """Lines rendered black on white at ``dpi``, as a scanner would give a printed page."""
    from PIL import Image, ImageDraw, ImageFont

    pixels = round(points * dpi / 72)
    font = ImageFont.truetype(str(FONT), pixels)
    margin = pixels * 2
    width = max(round(font.getlength(line)) for line in lines) + 2 * margin
    height = len(lines) * round(pixels * 1.6) + 2 * margin
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((margin, margin + index * round(pixels * 1.6)), line, font=font, fill=0)
    return image


def image_bytes(image, format: str, dpi: int = 300, frames: list | None = None) -> bytes:
    out = io.BytesIO()
    extra = {"save_all": True, "append_images": frames} if frames else {}
    image.save(out, format=format, dpi=(dpi, dpi), **extra)
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# DOCX

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    "</Relationships>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
    "</w:styles>"
)


def _level(ilvl: int, fmt: str, text: str, start: int = 1, suffix: str = "space") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
    '<w:abstractNum w:abstractNumId="10">'
    + _level(0, "decimal", "%1.", start=2)
    + _level(1, "decimal", "%1.%2.", suffix="tab")
    + _level(2, "decimal", "%1.%2.%3-")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="20">' + _level(0, "upperRoman", "%1.") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="30">' + _level(0, "lowerLetter", "%1)") + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>'
    "</w:numbering>"
)


def _run(text: str, font: str | None = None) -> str:
    props = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(runs: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    props = ""
    if style or num:
        props = "<w:pPr>"
        props += f'<w:pStyle w:val="{style}"/>' if style else ""
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        props += "</w:pPr>"
    return f"<w:p>{props}{runs}</w:p>"


FOOTNOTE_REFERENCE = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
RENDERED_BREAK = "<w:r><w:lastRenderedPageBreak/></w:r>"


def docx_parts(passages: Passages, rendered_break: bool = False, legacy_run: tuple[str, str] | None = None) -> dict[str, str]:
    """document.xml etc. for: I. (upperRoman), 2. / 2.1. (from heading styles), 2.1.1- (direct),
    the two paragraphs (footnote 1 cited after "đàn ong"), 2.2., 2.2.1-, items a) b).
    ``rendered_break`` puts Word's rendered page break after "Xã Cò Nòi tổng"."""
    livestock = " ".join(passages.livestock)
    before, after = livestock.split(f"đàn ong{SUP}3", 1)
    break_at = "Xã Cò Nòi tổng "
    after_runs = _run(after)
    if rendered_break:
        first, second = after.split(break_at, 1)
        after_runs = _run(first + break_at) + RENDERED_BREAK + _run(second)
    body = [
        _paragraph(_run("KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT"), num=(2, 0)),
        _paragraph(_run("Kết quả thực hiện các nhiệm vụ trên các lĩnh vực"), style="Heading1"),
        _paragraph(_run("Về Kinh tế"), style="Heading2"),
        _paragraph(_run("Sản xuất nông nghiệp, lâm nghiệp và chăn nuôi"), num=(1, 2)),
        _paragraph(_run(" ".join(passages.farming))),
        _paragraph(_run(before + "đàn ong") + FOOTNOTE_REFERENCE + after_runs),
        _paragraph(""),  # an empty paragraph: no line
        _paragraph(_run("Về văn hoá - xã hội"), style="Heading2"),
        _paragraph(_run("Giáo dục và đào tạo"), num=(1, 2)),
        _paragraph(_run("Về trường học"), num=(3, 0)),
        _paragraph(_run("Về đội ngũ giáo viên"), num=(3, 0)),
    ]
    if legacy_run:
        body.append(_paragraph(_run(legacy_run[0], font=legacy_run[1])))
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        + _run(" " + passages.footnote[2:])
        + "</w:p></w:footnote></w:footnotes>"
    )
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/document.xml": document,
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "word/footnotes.xml": footnotes,
    }


def docx_twin_text(passages: Passages) -> str:
    """What the DOCX shows, as a plain text report (footnote numbered 1, as Word numbers it,
    its marker in superscript digits)."""
    livestock = " ".join(plain(line) for line in passages.livestock).replace("đàn ong3", "đàn ong¹")
    return "\n".join([
        "I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT",
        "2. Kết quả thực hiện các nhiệm vụ trên các lĩnh vực",
        "2.1. Về Kinh tế",
        "2.1.1- Sản xuất nông nghiệp, lâm nghiệp và chăn nuôi",
        " ".join(passages.farming),
        livestock,
        "1 " + passages.footnote[2:],
        "2.2. Về văn hoá - xã hội",
        "2.2.1- Giáo dục và đào tạo",
        "a) Về trường học",
        "b) Về đội ngũ giáo viên",
    ])


def zip_bytes(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return out.getvalue()


def _table(rows: list[list[str]]) -> str:
    cells = lambda row: "".join(f"<w:tc>{_paragraph(_run(cell))}</w:tc>" for cell in row)
    return "<w:tbl>" + "".join(f"<w:tr>{cells(row)}</w:tr>" for row in rows) + "</w:tbl>"


def results_table_docx(paragraphs_before: list[str], rows: list[list[str]]) -> bytes:
    """A DOCX whose body is some paragraphs and one table (a results appendix)."""
    return docx_bytes("".join(_paragraph(_run(text)) for text in paragraphs_before) + _table(rows))


def docx_bytes(body: str, numbering: str = NUMBERING) -> bytes:
    """A whole DOCX package around ``body`` (paragraphs and tables), with our styles and ``numbering``."""
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>'
    return zip_bytes({
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
        "word/_rels/document.xml.rels": DOCUMENT_RELS, "word/document.xml": document,
        "word/styles.xml": STYLES, "word/numbering.xml": numbering,
        "word/footnotes.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}></w:footnotes>',
    })


def build_table_pdf(lines_before: list[str], rows: list[list[str]], widths: list[float], pages: int = 1) -> bytes:
    """Text lines, then a table ruled cell by cell (boxes drawn around each cell), spread over
    ``pages`` pages with the header row (rows[0]) repeated at the top of each next page."""
    pdf = _new_pdf()
    header, data = rows[0], rows[1:]
    per_page = -(-len(data) // pages)
    for page in range(pages):
        pdf.add_page()
        y = 50
        if page == 0:
            for line in lines_before:
                _write_line(pdf, 50, y, line, 11)
                y += 18
        for row in [header] + data[page * per_page:(page + 1) * per_page]:
            x = 40
            for width, cell in zip(widths, row):
                pdf.rect(x, y, width, 22)
                pdf.set_font("DejaVu", size=9)
                pdf.set_xy(x + 3, y + 5)
                pdf.cell(width - 6, 12, cell)
                x += width
            y += 22
        _write_line(pdf, 290, 800, str(page + 1), 10)
    return bytes(pdf.output())


def build_footnoted_pdf(pages: list[tuple[list[str], list[str]]], header: str = HEADER) -> bytes:
    """Pages of body lines ("^n" parts are superscript markers) with their footnotes in small print
    under a rule at the page foot, a running header and a page number: a typeset report."""
    pdf = _new_pdf()
    for number, (body, notes) in enumerate(pages, 1):
        _page_with_body(pdf, header, body)
        y = 800 - 16 - 13 * len(notes)
        pdf.line(50, y - 6, 200, y - 6)
        for note in notes:
            _write_line(pdf, 50, y, note, 9)
            y += 13
        _write_line(pdf, 290, 800, str(number), 10)
    return bytes(pdf.output())


def scan(pdf: bytes, dpi: int = 200, skew: float = 0.6, noise: int = 400, seed: int = 7) -> bytes:
    """The PDF as a scanner gives it back: pages rendered at ``dpi``, turned by ``skew`` degrees,
    speckled (one pixel in ``noise``), saved as an image-only PDF."""
    import random

    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    rng = random.Random(seed)
    images = []
    for index in range(len(document)):
        image = document[index].render(scale=dpi / 72).to_pil().convert("L")
        image = image.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
        pixels = image.load()
        width, height = image.size
        for _ in range(width * height // noise):
            pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 90, 200))
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# files that expand (hostile inputs: small on disk, huge once read)


def numbering_bomb_docx(start: int, fmt: str) -> bytes:
    """A DOCX whose one list starts at ``start`` in format ``fmt`` (a Roman 10^13 is 10^10 letters)."""
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
                 f'<w:abstractNum w:abstractNumId="10">{_level(0, fmt, "%1.", start=start)}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num></w:numbering>')
    return docx_bytes("".join(_paragraph(_run(f"Xã có {i} hộ nghèo."), num=(1, 0)) for i in range(3)), numbering)


def stream_bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces (300 MB from 300 KB)."""
    import zlib

    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    stream = b"".join(compressor.compress(block) for _ in range(inflated >> 20)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def many_frame_tiff(frames: int, size: tuple[int, int]) -> bytes:
    """A multi-page TIFF of blank frames (bilevel, compressed: a 17,000² frame is a few KB)."""
    from PIL import Image

    first = Image.new("1", size, 1)
    out = io.BytesIO()
    first.save(out, format="TIFF", compression="group4", save_all=True, append_images=[first] * (frames - 1))
    return out.getvalue()
