"""What a run did, counted by the stages as they go."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields

__all__ = ["Summary"]


@dataclass
class Summary:
    """Counts of one outlet's run, or (merged) of a whole run. Every stage adds to the count
    of what it did; nothing is taken back."""

    outlets: int = 0
    outlets_failed: list[str] = field(default_factory=list)
    urls: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: int = 0
    retries: int = 0
    deferred: int = 0
    known: int = 0
    waiting: int = 0
    suggestions: int = 0
    #: reason → URLs (or feeds, or outlets) that failed for it
    failures: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @classmethod
    def _count_names(cls) -> list[str]:
        return [item.name for item in fields(cls) if item.type == "int"]

    def merge(self, other: Summary) -> None:
        for name in self._count_names():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.outlets_failed.extend(other.outlets_failed)
        self.failures.update(other.failures)

    def as_dict(self) -> dict:
        data: dict = {name: getattr(self, name) for name in self._count_names()}
        data["outlets_failed"] = list(self.outlets_failed)
        data["failures"] = dict(sorted(self.failures.items()))
        data["seconds"] = round(self.seconds, 2)
        return data

    def lines(self) -> list[str]:
        """The summary as the ``scrape`` command prints it."""
        failed = f": {', '.join(self.outlets_failed)}" if self.outlets_failed else ""
        lines = [
            f"Outlets: {self.outlets} ({len(self.outlets_failed)} failed{failed})",
            f"URLs met: {self.urls}; fetched: {self.fetched}; new: {self.new}; "
            f"updated: {self.updated}; unchanged: {self.unchanged}; "
            f"duplicates: {self.duplicates}; already known: {self.known}",
            f"Rejected: {self.rejected}; retries scheduled: {self.retries} "
            f"(+{self.deferred} deferred by --limit, {self.waiting} not yet due); "
            f"suggestions: {self.suggestions}",
        ]
        if self.failures:
            lines.append("Failures by reason: " + ", ".join(
                f"{reason}: {count}" for reason, count in sorted(self.failures.items())))
        else:
            lines.append("Failures by reason: none")
        lines.append(f"Time: {self.seconds:.1f} s")
        return lines
