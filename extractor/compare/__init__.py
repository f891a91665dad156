"""Comparing reports: target indicators and key figures aligned by normalised metric and unit.

Only the click command is imported here, so registering it keeps `extractor --help` fast.
"""

from extractor.compare.command import compare_command

__all__ = ["compare_command"]
