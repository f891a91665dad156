"""extractor: Vietnamese government reports → clean text, sections, quantities and indicators,
every record traceable to the raw source by offsets."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("extractor")  # one home: pyproject.toml
except PackageNotFoundError:  # a checkout run without installing it
    __version__ = "0+unknown"
