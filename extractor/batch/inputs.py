"""INPUTS... of a batch → the list of input files: files as named, folders walked, globs expanded."""

from __future__ import annotations

import glob
import itertools
import os
import stat
from dataclasses import dataclass

from extractor.reading import READABLE_SUFFIXES, printable_path

# Suffixes taken from folders. Files named on the command line (or matched by a glob) are
# always tried: the reader decides and says why it cannot read one.
SUPPORTED_SUFFIXES = READABLE_SUFFIXES
GLOB_CHARACTERS = set("*?[")


@dataclass(frozen=True)
class InputFile:
    path: str  # as the user spelled it (normalised): the `source` of its records
    real_path: str  # identifies the input across runs, whatever the spelling
    supported: bool  # False: a file found in a folder with a suffix no reader takes, or skipped (below)
    skip_reason: str | None = None  # why it is skipped whatever its suffix: a FIFO, a link out of its folder


@dataclass
class Expanded:
    files: list[InputFile]
    problems: list[str]  # "INPUT: reason" for inputs that name no file


MAX_GLOB_MATCHES = 1_000_000  # a '**' over self-linking folders stops here instead of running on


def expand_inputs(inputs: list[str], exclude: str | None = None, follow_links: bool = False) -> Expanded:
    """``exclude``: a folder whose files are never inputs (the dataset being written).
    ``follow_links``: take files that a link inside a folder points to outside it (default: no)."""
    files: list[InputFile] = []
    problems: list[str] = []
    seen: set[str] = set()
    excluded = os.path.realpath(exclude) if exclude else None

    def add(path: str, supported: bool, folder: str | None = None) -> None:
        real = os.path.realpath(path)
        if excluded and (real == excluded or real.startswith(excluded + os.sep)):
            return
        kind = special_kind(real)
        reason = f"{kind}, not a file" if kind else None
        if reason is None and folder is not None and not follow_links and not _inside(real, os.path.realpath(folder)):
            reason = f"a link to {printable_path(real)}, outside the input folder (--follow-links takes it)"
        if reason is not None:  # a row of the manifest says why; its key is the link's own path
            path_key = os.path.abspath(path)
            if path_key not in seen:
                seen.add(path_key)
                files.append(InputFile(os.path.normpath(path), path_key, False, reason))
            return
        if real not in seen:
            seen.add(real)
            files.append(InputFile(os.path.normpath(path), real, supported))

    for given in inputs:
        if GLOB_CHARACTERS & set(given) and not os.path.exists(given):
            matches = sorted(itertools.islice(glob.iglob(given, recursive=True), MAX_GLOB_MATCHES))
            if not matches:
                problems.append(f"{given}: no file matches")
            for match in matches:
                walk_folder(match, add) if os.path.isdir(match) else add(match, True)
        elif os.path.isdir(given):
            walk_folder(given, lambda path, supported: add(path, supported, given))
        elif os.path.exists(given):
            add(given, True)
        else:
            problems.append(f"{given}: no such file or folder")
    return Expanded(files, problems)


def special_kind(path: str) -> str | None:
    """"FIFO", "device", "socket" for what is no regular file (reading one could hang or never end)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the reader reports a missing or unreadable file itself
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def _inside(real: str, folder: str) -> bool:
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def walk_folder(folder: str, add) -> None:
    """Every file under folder, in a stable order; hidden files and folders (.git, .DS_Store) are left out."""
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                add(os.path.join(directory, name), name.lower().endswith(SUPPORTED_SUFFIXES))


class UnitsFileError(Exception):
    """A units file (--units) that cannot be read or has a bad row."""


UNITS_FILE_COLUMNS = ("path", "unit")


def read_units_file(path: str) -> dict[str, str]:
    """Real path of each input → its reporting unit, from a CSV file with the columns ``path`` and
    ``unit`` (paths relative to the CSV file's folder, or absolute)."""
    import csv

    folder = os.path.dirname(os.path.abspath(path))
    units: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or not set(UNITS_FILE_COLUMNS) <= set(reader.fieldnames):
                raise UnitsFileError(f"{path}: needs the columns {', '.join(UNITS_FILE_COLUMNS)} in its first line")
            for number, row in enumerate(reader, 2):
                written, unit = (row["path"] or "").strip(), (row["unit"] or "").strip()
                if not written or not unit:
                    raise UnitsFileError(f"{path}, line {number}: a path and a unit are both needed")
                real = os.path.realpath(os.path.join(folder, written))
                if units.get(real, unit) != unit:
                    raise UnitsFileError(f"{path}, line {number}: {written} is given two units ({units[real]!r}, {unit!r})")
                units[real] = unit
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UnitsFileError(f"{path}: cannot read it ({error})") from None
    return units
