"""Near-duplicate detection for article texts.

Texts are normalised (lower case, ё→е, punctuation dropped, whitespace collapsed). The score
is rapidfuzz's normalised Indel similarity of the normalised texts (0..1). To stay fast over
thousands of stored articles, :class:`NearDuplicateIndex` compares a text only with
candidates that share at least one sampled 5-word shingle and whose length allows the
threshold to be reached.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import Indel

__all__ = [
    "DuplicateMatch",
    "Fingerprint",
    "NearDuplicateIndex",
    "fingerprint",
    "find_near_duplicate",
    "normalise_text",
    "similarity",
]

SHINGLE_WORDS = 5
_SAMPLE_MODULUS = 8  # keep shingle hashes divisible by this ...
_BOTTOM_K = 8  # ... plus the smallest few, so short texts are indexed too
_SHORT_WORDS = 12  # texts with fewer words are compared with every other short text
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_text(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("ё", "е")))


@dataclass(frozen=True)
class Fingerprint:
    normalised: str
    #: crc32 hashes of a sample of the text's 5-word shingles, for the inverted index
    sample: frozenset[int]
    words: int


def fingerprint(text: str) -> Fingerprint:
    normalised = normalise_text(text)
    words = normalised.split()
    if len(words) < SHINGLE_WORDS:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - 4)]
    hashes = frozenset(zlib.crc32(g.encode("utf-8")) for g in grams)
    sample = {h for h in hashes if h % _SAMPLE_MODULUS == 0}
    sample.update(sorted(hashes)[:_BOTTOM_K])
    return Fingerprint(normalised, frozenset(sample), len(words))


def _as_fingerprint(value: str | Fingerprint) -> Fingerprint:
    return value if isinstance(value, Fingerprint) else fingerprint(value)


def similarity(a: str | Fingerprint, b: str | Fingerprint) -> float:
    """Similarity of two texts in 0..1 (1: identical after normalisation)."""
    fa, fb = _as_fingerprint(a), _as_fingerprint(b)
    if not fa.normalised and not fb.normalised:
        return 1.0
    return Indel.normalized_similarity(fa.normalised, fb.normalised)


def _length_allows(a: int, b: int, threshold: float) -> bool:
    # Indel similarity <= 2 * min / (min + max): skip pairs that cannot reach the threshold
    shorter, longer = sorted((a, b))
    return longer == 0 or 2 * shorter / (shorter + longer) >= threshold


@dataclass(frozen=True)
class DuplicateMatch:
    key: Hashable
    score: float


class NearDuplicateIndex:
    """An in-memory index of texts to find near-duplicates of new texts quickly."""

    def __init__(self) -> None:
        self._items: dict[Hashable, Fingerprint] = {}
        self._postings: defaultdict[int, set[Hashable]] = defaultdict(set)
        self._short: set[Hashable] = set()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, key: Hashable, text: str | Fingerprint) -> Fingerprint:
        if key in self._items:
            self.remove(key)
        fp = _as_fingerprint(text)
        self._items[key] = fp
        for h in fp.sample:
            self._postings[h].add(key)
        if fp.words < _SHORT_WORDS:
            self._short.add(key)
        return fp

    def remove(self, key: Hashable) -> None:
        fp = self._items.pop(key, None)
        if fp is None:
            return
        for h in fp.sample:
            keys = self._postings.get(h)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._postings[h]
        self._short.discard(key)

    def candidates(self, fp: Fingerprint) -> list[Hashable]:
        """Keys sharing sampled shingles with ``fp``, most shared first."""
        shared: Counter[Hashable] = Counter()
        for h in fp.sample:
            for key in self._postings.get(h, ()):
                shared[key] += 1
        if fp.words < _SHORT_WORDS:
            for key in self._short:
                shared[key] += 0
        return [key for key, _count in shared.most_common()]

    def find_all(self, text: str | Fingerprint, threshold: float = 0.8) -> list[DuplicateMatch]:
        """All indexed texts at least ``threshold`` similar, best first."""
        fp = _as_fingerprint(text)
        matches = []
        for key in self.candidates(fp):
            other = self._items[key]
            if not _length_allows(len(fp.normalised), len(other.normalised), threshold):
                continue
            score = Indel.normalized_similarity(
                fp.normalised, other.normalised, score_cutoff=threshold
            )
            if score >= threshold:
                matches.append(DuplicateMatch(key, score))
        matches.sort(key=lambda m: m.score, reverse=True)
        return matches

    def find(self, text: str | Fingerprint, threshold: float = 0.8) -> DuplicateMatch | None:
        """The most similar indexed text at least ``threshold`` similar, or ``None``."""
        matches = self.find_all(text, threshold)
        return matches[0] if matches else None


def find_near_duplicate(
    text: str,
    candidates: Mapping[Hashable, str | Fingerprint] | Iterable[str | Fingerprint],
    threshold: float = 0.8,
) -> DuplicateMatch | None:
    """Best near-duplicate of ``text`` among ``candidates`` (similarity >= ``threshold``).

    ``candidates`` is a mapping (the match's ``key`` is the mapping key) or an iterable
    (the ``key`` is the position). For repeated look-ups keep a :class:`NearDuplicateIndex`.
    """
    items = candidates.items() if isinstance(candidates, Mapping) else enumerate(candidates)
    index = NearDuplicateIndex()
    for key, value in items:
        index.add(key, value)
    return index.find(text, threshold)
