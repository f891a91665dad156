"""Rule and lexicon files shipped beside each component (``<package>/<name>.json``), read as UTF-8."""

from __future__ import annotations

import json
from importlib import resources


def load_rules(package: str, name: str):
    """The parsed JSON file ``name`` of ``package`` (callers cache the compiled form)."""
    return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
