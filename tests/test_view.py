"""`extractor view`: the HTML page, checked as rendered by headless Chromium (Debian's chromium)."""

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.records import extract_records
from extractor.view import view_command
from extractor.view.highlights import Highlight, resolve_overlaps
from extractor.view.render import render_span
from tests.conftest import CORPUS_REPORT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict, parent):
        self.tag, self.attrs, self.parent, self.text = tag, attrs, parent, ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class DomCollector(HTMLParser):
    """Every element with its attributes and its whole text content; checks that tags nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.open[-1] if self.open else None)
        self.elements.append(element)
        if tag not in VOID_TAGS:
            self.open.append(element)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        assert self.open and self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag if self.open else None}>"
        self.open.pop()

    def handle_data(self, data):
        for element in self.open:
            element.text += data

    def by_id(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == element_id), None)

    def with_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.classes]


def parse(html: str) -> DomCollector:
    collector = DomCollector()
    collector.feed(html)
    collector.close()
    return collector


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return extract_records(str(CORPUS_REPORT))


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("view") / "report.html"
    result = CliRunner().invoke(view_command, [str(CORPUS_REPORT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def known_quantity(records) -> dict:
    return next(r for r in records if r["type"] == "quantity" and r["text"] == "1.866 ha")


@pytest.fixture(scope="module")
def rendered(page, known_quantity, tmp_path_factory) -> DomCollector:
    """The DOM after Chromium ran the page's script, opened at #<id of 1.866 ha> (which pins its record)."""
    if not CHROMIUM.exists():
        pytest.skip("headless check needs Debian's chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    command = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
               f"{page.resolve().as_uri()}#{known_quantity['id']}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "</html>" in result.stdout, result.stderr[-2000:]
    return parse(result.stdout)


def first_pieces(dom: DomCollector, category: str) -> list[Element]:
    return [e for e in dom.with_class(f"hl-{category}") if "hl" in e.classes and "cont" not in e.classes]


def test_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert "<link" not in html and "src=" not in html and "@import" not in html and "url(" not in html
    assert "http://" not in html and "https://" not in html
    parse(html)  # tags nest properly


def test_every_quantity_record_is_one_highlight(rendered, records):
    quantities = [r for r in records if r["type"] == "quantity"]
    shown = first_pieces(rendered, "quantity")
    assert len(shown) == len(quantities)
    assert [e.attrs["id"] for e in shown] == [r["id"] for r in quantities]
    assert not [e for e in rendered.with_class("hl-quantity") if "cont" in e.classes]  # never cut in pieces
    texts = {r["id"]: " ".join(r["text"].split()) for r in quantities}
    assert all(" ".join(e.text.split()) == texts[e.attrs["id"]] for e in shown)


def test_known_quantity_shows_its_record(rendered, known_quantity):
    element = rendered.by_id(known_quantity["id"])
    assert element.text == "1.866 ha" and {"hl", "hl-quantity", "kind-area", "pinned"} <= element.classes
    record_lines = element.attrs["data-tip"].splitlines()  # the script moved the title here
    for line in ("value: 1866", "unit: ha", "kind: area", "qualifier: —", f"place: {known_quantity['place']}",
                 f"metric: {known_quantity['metric']}", f"raw: {known_quantity['start']}–{known_quantity['end']}"):
        assert line in record_lines
    tip = rendered.by_id("tip")
    assert tip.attrs.get("data-for") == known_quantity["id"] and "hidden" not in tip.attrs
    assert "value: 1866" in tip.text and "kind: area" in tip.text


def test_footnote_markers_link_both_ways(rendered, records):
    notes = [r for r in records if r["type"] == "footnote"]
    links = [e for e in rendered.elements if e.tag == "a" and e.parent is not None and "fn-ref" in e.parent.classes]
    assert len(links) == len(notes) == 11
    for link in links:
        body = rendered.by_id(link.attrs["href"].lstrip("#"))
        assert body is not None and "footnote" in body.classes
        back = next(e for e in rendered.elements if e.tag == "a" and e.parent is body and "fn-back" in e.classes)
        assert back.attrs["href"] == f"#{link.attrs['id']}"
    third = rendered.by_id("fn-f3")
    assert "Trong đó: Đàn Trâu 327 con" in " ".join(third.text.split())


def test_sections_indicators_and_places_are_highlighted(rendered, records):
    sections = [r for r in records if r["type"] == "section"]
    headings = first_pieces(rendered, "section")
    assert [e.attrs["id"] for e in headings] == [r["id"] for r in sections]
    heading = rendered.by_id(next(r["id"] for r in sections if r["label"] == "2.1.1"))
    assert "Sản xuất nông nghiệp, lâm nghiệp và chăn nuôi" in heading.text
    assert "label: 2.1.1" in heading.attrs["data-tip"]
    indicators = [r for r in records if r["type"] == "indicator"]
    assert len(first_pieces(rendered, "indicator")) == len(indicators)
    places = first_pieces(rendered, "place")
    assert places and any(e.text == "xã Hát Lót" for e in places)
    legend = [e.attrs["data-category"] for e in rendered.elements if e.tag == "input" and "data-category" in e.attrs]
    assert legend == ["section", "indicator", "place", "quantity"]


def test_crossing_highlights_nest_and_keep_quantities_whole():
    text = "Đạt 12/19 chỉ tiêu, xã Hát Lót 99,8%."
    highlights = [
        Highlight(0, 12, "indicator", "i1", "indicator i1"),  # ends inside the quantity "12/19 chỉ tiêu"
        Highlight(4, 18, "quantity", "q1", "quantity q1"),
        Highlight(20, 30, "place", "p1", "place"),
        Highlight(28, 36, "quantity", "q2", "quantity q2"),  # overlaps the place: the place is dropped
    ]
    html = render_span(text, 0, len(text), resolve_overlaps(highlights), [])
    dom = parse(f"<p>{html}</p>")
    assert [e.attrs.get("id") for e in dom.elements if e.tag == "span"] == ["i1", "q1", "q2"]
    assert dom.by_id("i1").text == "Đạt 12/19 chỉ tiêu" and dom.by_id("q1").text == "12/19 chỉ tiêu"
