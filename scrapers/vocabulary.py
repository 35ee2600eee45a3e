"""The linker's vocabulary: subject keywords, generic names of bodies and words for informal
settlements, in ``fixtures/linking_vocabulary.yaml`` so that editors can extend them without
touching code. Read and compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml

__all__ = ["VOCABULARY_FILE", "Vocabulary", "normalise_subject", "subjects_in", "vocabulary"]

VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "linking_vocabulary.yaml"


@dataclass(frozen=True)
class Vocabulary:
    """The file's tables, and the regexes compiled from them on first use."""

    #: subject → regex fragments, each matched case-blind at the start of a word
    subjects: dict[str, list[str]]
    #: tag name (lower case) → the subject it means
    subject_synonyms: dict[str, str]
    #: kind of body → regex fragments of its generic names ("мэрия", "акимат")
    body_terms: dict[str, list[str]]
    #: regex fragments of words for informal settlements in general
    generic_settlement: list[str]

    @cached_property
    def subject_pattern(self) -> tuple[re.Pattern, dict[str, str]]:
        """One regex for every subject keyword, and its group names → subjects."""
        return _named_alternation(self.subjects)

    @cached_property
    def body_term_pattern(self) -> tuple[re.Pattern, dict[str, str]]:
        return _named_alternation(self.body_terms)

    @cached_property
    def generic_settlement_pattern(self) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(self.generic_settlement) + ")", re.IGNORECASE)


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Vocabulary(
        subjects={str(k): list(v) for k, v in data["subjects"].items()},
        subject_synonyms={str(k): str(v) for k, v in data["subject_synonyms"].items()},
        body_terms={str(k): list(v) for k, v in data["body_terms"].items()},
        generic_settlement=list(data["generic_settlement"]),
    )


def normalise_subject(name: str) -> str:
    """The subject a tag name means: a vocabulary key, or the name in lower case with
    hyphens ("Street lighting" → "street-lighting")."""
    words = vocabulary()
    key = " ".join(name.lower().replace("_", " ").split())
    key = words.subject_synonyms.get(key, key)
    return key.replace(" ", "-") if key not in words.subjects else key


def subjects_in(text: str) -> set[str]:
    """The vocabulary's subjects that ``text`` speaks of."""
    pattern, groups = vocabulary().subject_pattern
    return {groups[m.lastgroup] for m in pattern.finditer(text)}


def _named_alternation(table: dict[str, list[str]]) -> tuple[re.Pattern, dict[str, str]]:
    groups, names = [], {}
    for index, (key, fragments) in enumerate(table.items()):
        group = f"g{index}"
        names[group] = key
        groups.append(f"(?P<{group}>{'|'.join(fragments)})")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + ")", re.IGNORECASE), names
