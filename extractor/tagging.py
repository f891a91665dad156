"""underthesea's part-of-speech tags for short windows of text, cached (windows repeat)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def pos_tags(window: str) -> tuple[tuple[str, str], ...]:
    from underthesea import pos_tag

    return tuple(tuple(pair) for pair in pos_tag(window))
