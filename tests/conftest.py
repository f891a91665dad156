from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_REPORT = ROOT / "corpora" / "mai-son.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpus_raw() -> str:
    with open(CORPUS_REPORT, encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def corpus_clean(corpus_raw):
    from extractor.cleaning import clean_text

    return clean_text(corpus_raw)
