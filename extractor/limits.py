"""Limits on one input file, checked before the work they guard: settings with safe defaults.

Each limit is far above any real report and well below what exhausts a machine. A file past one
is refused with one line naming the limit and the option that raises it::

    extractor: error: bomb.docx: XML part word/document.xml inflates to 310,000,000 bytes
    (limit 200,000,000; raise with --max-part-bytes)

The command-line options are made from the fields below (``limit_options``), so a new limit
is one field here and one check where the work happens.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from extractor.errors import InputError


def limit(default: int, help: str):
    """A limit's default and the help of its option."""
    return dataclasses.field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Limits:
    part_bytes: int = limit(200_000_000, "Bytes a DOCX/.doc XML part may inflate to (more is a ZIP bomb, not a report)")
    stream_bytes: int = limit(100_000_000, "Bytes a compressed PDF stream may inflate to")
    pages: int = limit(2_000, "Pages (or image frames) of one document")
    ocr_pages: int = limit(300, "Pages of one document to OCR (scanned PDF pages, image frames)")
    image_pixels: int = limit(150_000_000, "Pixels of an image frame (about an A0 sheet at 300 dpi)")
    render_pixels: int = limit(60_000_000, "Pixels of a PDF page drawn for OCR (a larger page is drawn at a lower resolution)")
    chars: int = limit(30_000_000, "Characters of text in one document (a 24 M-character line of figures peaks at 1.2 GB)")
    list_number: int = limit(32_767, "Largest DOCX list number (Word's own largest start value)")

    def check(self, path: str, name: str, value: int, what: str) -> None:
        """Raise the limit's InputError when ``value`` is over limit ``name``; ``what`` says what was measured."""
        bound = getattr(self, name)
        if value > bound:
            raise InputError(path, f"{what} (limit {bound:,}; raise with {option_name(name)})")

    def refusal(self, path: str, name: str, what: str) -> InputError:
        """The error for a limit found exceeded where the value itself is unknown (e.g. a bomb guard)."""
        return InputError(path, f"{what} (limit {getattr(self, name):,}; raise with {option_name(name)})")


DEFAULT_LIMITS = Limits()


def option_name(field_name: str) -> str:
    return "--max-" + field_name.replace("_", "-")


def limit_options(command):
    """Add a ``--max-…`` option per limit to a click command; it receives them as ``limits``."""
    import functools

    import click

    fields = dataclasses.fields(Limits)

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        given = {field.name: kwargs.pop(f"max_{field.name}") for field in fields}
        kwargs["limits"] = Limits(**{name: value for name, value in given.items() if value is not None})
        return command(*args, **kwargs)

    for field in reversed(fields):
        wrapper = click.option(option_name(field.name), f"max_{field.name}", type=click.IntRange(min=1), default=None,
                               metavar="N", help=f"{field.metadata['help']} [default: {field.default:,}].")(wrapper)
    return wrapper
