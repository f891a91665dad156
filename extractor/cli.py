"""Command-line interface: thin click commands over functions that return data.

Heavy libraries (spaCy, underthesea, pandas) are imported inside commands so ``--help`` is fast.
"""

from __future__ import annotations

import json
import sys

import click

from extractor import __version__
from extractor.errors import InputError


def fail(message: str) -> None:
    click.echo(f"extractor: error: {message}", err=True)
    sys.exit(1)


def write_output(text: str, output: str) -> None:
    """Write to a file path, or to stdout for ``-``, always as UTF-8."""
    if output == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
def main() -> None:
    """Turn Vietnamese government reports into traceable data."""


@main.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="JSON with raw offsets instead of plain paragraphs.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file, '-' for stdout.")
def clean(file: str, as_json: bool, output: str) -> None:
    """Print the clean paragraphs and footnotes of FILE ('-' reads stdin)."""
    from extractor.cleaning import clean_text
    from extractor.reading import read_document

    try:
        raw = read_document(file)
    except InputError as error:
        fail(str(error))
    cleaned = clean_text(raw.text)
    if as_json:
        write_output(json.dumps(clean_report(raw, cleaned), ensure_ascii=False, indent=1) + "\n", output)
    else:
        write_output(clean_listing(cleaned), output)


def clean_report(raw, cleaned) -> dict:
    text = cleaned.text
    return {
        "doc_id": raw.doc_id,
        "source": raw.source,
        "encoding": raw.encoding,
        "sha256": raw.sha256,
        "chars": len(raw.text),
        "paragraphs": [
            {"start": p.raw_start, "end": p.raw_end, "kind": p.kind, "text": text[p.start:p.end]}
            for p in cleaned.paragraphs
            if p.kind != "footnote"
        ],
        "footnotes": [
            {
                "type": "footnote", "doc_id": raw.doc_id, "id": f.id, "marker": f.marker,
                "start": f.start, "end": f.end, "ref_start": f.ref_start, "ref_end": f.ref_end,
                "text": text[f.clean_start:f.clean_end],
            }
            for f in cleaned.footnotes
        ],
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason} for r in cleaned.removed],
    }


def clean_listing(cleaned) -> str:
    text = cleaned.text
    body = [text[p.start:p.end] for p in cleaned.paragraphs if p.kind != "footnote"]
    notes = [f"[{f.marker}] {text[f.clean_start:f.clean_end]}" for f in cleaned.footnotes]
    parts = ["\n\n".join(body)]
    if notes:
        parts.append("Footnotes:\n" + "\n".join(notes))
    return "\n\n".join(parts) + "\n"
