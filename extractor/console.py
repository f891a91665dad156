"""What every command shares: the one-line error, output to a file or stdout, logging.

The commands of subpackages (`batch`, `query`, `compare`, `view`) import this module, not
``extractor.cli``, so the CLI module only registers them: no import circle.
"""

from __future__ import annotations

import logging
import sys
from typing import NoReturn

import click

LOGGER_NAME = "extractor"


class CommandError(click.ClickException):
    """A failure reported on one line, ``extractor: error: …``, with exit status 1."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"extractor: error: {self.format_message()}", err=True)


def fail(message: str) -> NoReturn:
    raise CommandError(message)


def write_output(text: str, output: str) -> None:
    """Write to a file path, or to stdout for ``-``, always as UTF-8; a file is written whole or not at all."""
    from extractor.writing import write_text_file

    if output == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    try:
        write_text_file(output, text)
    except OSError as error:
        fail(f"{output}: cannot write: {error.strerror or error}")


def configure_logging(verbosity: int) -> None:
    """The ``extractor`` logger (and only it) to stderr: -q errors only, default warnings, -v
    progress per file, -vv details. Called once by the command group."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG if verbosity > 1 else logging.ERROR)
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        logger.addHandler(_StderrHandler())
        logger.propagate = False


class _StderrHandler(logging.Handler):
    """``extractor: warning: …`` lines on whatever stderr is when the record is emitted."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"extractor: {record.levelname.lower()}: {record.getMessage()}", err=True)


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


UNIT_HELP = ("The reporting unit of the inputs as you know it (a catalogue, the page's address): "
             "'xã Tam Hợp, tỉnh Nghệ An'. It replaces the unit read from the text.")


def check_units(units, param_hint: str) -> None:
    """Usage error before any file is read when a unit given fits no unit of the gazetteer, or several."""
    from extractor.places.document import UnitError, resolve_unit
    from extractor.places.gazetteer import load_gazetteer

    problems = []
    for unit in sorted(set(units)):
        try:
            resolve_unit(unit, load_gazetteer())
        except UnitError as error:
            problems.append(str(error))
    if problems:
        raise click.BadParameter("; ".join(problems), param_hint=param_hint)
