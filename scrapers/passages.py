"""The passages of a story shown to a reviewer: the sentences holding the linker's matches,
with the matches' offsets for highlighting."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

__all__ = ["MAX_PASSAGES", "MAX_PASSAGE_CHARS", "passages"]

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\s\u00a0]+(?=[\"«“(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n+")


class Mark(Protocol):
    """A match in the text (a :class:`scrapers.linking.Mention`)."""

    kind: str
    start: int
    end: int


MAX_PASSAGES = 3
MAX_PASSAGE_CHARS = 360


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def passages(text: str, marks: Sequence[Mark]) -> list[dict]:
    """Up to three sentences holding the most kinds of matches, with the match offsets."""
    if not marks:
        return []
    spans = _sentences(text)
    starts = [s for s, _e in spans]
    grouped: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        index = bisect.bisect_right(starts, mark.start) - 1
        if index >= 0:
            grouped[index].append(mark)
    ranked = sorted(
        grouped.items(),
        key=lambda item: (-len({m.kind for m in item[1]}), -len(item[1]), item[0]),
    )[:MAX_PASSAGES]
    result = []
    for index, found in sorted(ranked):
        start, end = spans[index]
        sentence_marks = sorted({(m.start, m.end) for m in found})
        if end - start > MAX_PASSAGE_CHARS:  # a window around the first match
            first = sentence_marks[0][0]
            start = max(start, first - MAX_PASSAGE_CHARS // 3)
            end = min(end, start + MAX_PASSAGE_CHARS)
        spans_in = [
            [s - start, e - start] for s, e in sentence_marks if s >= start and e <= end
        ]
        result.append({"text": text[start:end], "marks": _merge(spans_in)})
    return result


def _merge(spans: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
