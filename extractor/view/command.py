"""`extractor view`: one report as a self-contained HTML page with its records highlighted."""

from __future__ import annotations

import click

from extractor.limits import Limits, limit_options


@click.command("view")
@click.argument("file")
@click.option("-o", "--output", default="-", show_default=True, help="HTML file to write, '-' for stdout.")
@limit_options
def view_command(file: str, output: str, limits: Limits) -> None:
    """Show FILE's clean text with sections, indicators, places and quantities highlighted (hover: the record),
    footnote markers linked to their bodies and back. The page needs no network and no other file."""
    from extractor.console import fail, write_output
    from extractor.errors import InputError
    from extractor.reading import read_document
    from extractor.records import extract
    from extractor.view.render import render_page

    try:
        extraction = extract(read_document(file, limits=limits))
    except InputError as error:
        fail(str(error))
    write_output(render_page(extraction), output)
