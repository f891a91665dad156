"""The visual report: a report's clean text with its records highlighted, as one self-contained HTML page.

Only the click command is imported here, so registering it keeps `extractor --help` fast.
"""

from extractor.view.command import view_command

__all__ = ["view_command"]
