"""INPUTS... of a batch → the list of input files: files as named, folders walked, globs expanded."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass

from extractor.reading import READABLE_SUFFIXES

# Suffixes taken from folders. Files named on the command line (or matched by a glob) are
# always tried: the reader decides and says why it cannot read one.
SUPPORTED_SUFFIXES = READABLE_SUFFIXES
GLOB_CHARACTERS = set("*?[")


@dataclass(frozen=True)
class InputFile:
    path: str  # as the user spelled it (normalised): the `source` of its records
    real_path: str  # identifies the input across runs, whatever the spelling
    supported: bool  # False: a file found in a folder with a suffix no reader takes


@dataclass
class Expanded:
    files: list[InputFile]
    problems: list[str]  # "INPUT: reason" for inputs that name no file


def expand_inputs(inputs: list[str], exclude: str | None = None) -> Expanded:
    """``exclude``: a folder whose files are never inputs (the dataset being written)."""
    files: list[InputFile] = []
    problems: list[str] = []
    seen: set[str] = set()
    excluded = os.path.realpath(exclude) if exclude else None

    def add(path: str, supported: bool) -> None:
        real = os.path.realpath(path)
        if excluded and (real == excluded or real.startswith(excluded + os.sep)):
            return
        if real not in seen:
            seen.add(real)
            files.append(InputFile(os.path.normpath(path), real, supported))

    for given in inputs:
        if GLOB_CHARACTERS & set(given) and not os.path.exists(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                problems.append(f"{given}: no file matches")
            for match in matches:
                walk_folder(match, add) if os.path.isdir(match) else add(match, True)
        elif os.path.isdir(given):
            walk_folder(given, add)
        elif os.path.exists(given):
            add(given, True)
        else:
            problems.append(f"{given}: no such file or folder")
    return Expanded(files, problems)


def walk_folder(folder: str, add) -> None:
    """Every file under folder, in a stable order; hidden files and folders (.git, .DS_Store) are left out."""
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                add(os.path.join(directory, name), name.lower().endswith(SUPPORTED_SUFFIXES))
