"""What a backend answers, before labels and URLs are added (see search.service)."""

from dataclasses import dataclass, field


@dataclass
class RawResults:
    total: int = 0
    # documents as search.documents builds them, each with a "highlight" dict (field -> [html])
    docs: list = field(default_factory=list)
    # facet name -> [(index value, count)], every value with a count above zero
    facet_counts: dict = field(default_factory=dict)
    suggestion: str = ""
    # no record matched every word: these are the records that match most of them
    relaxed: bool = False


@dataclass
class Completion:
    type: str
    pk: int
    title: str
    matched: str = ""  # the alias the typed text matched, when not the title


class EngineUnavailable(Exception):
    """The engine could not answer (down, slow, index missing); the database answers instead."""

    def __init__(self, message, reason="unavailable"):
        super().__init__(message)
        self.reason = reason  # "unconfigured", "unavailable", "circuit_open", "missing", "error"
