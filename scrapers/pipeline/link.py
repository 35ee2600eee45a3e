"""Stage 5, link: suggest the promises a stored story may report on, for an editor to
review."""

from __future__ import annotations

from ..models import NewsItem, Suggestion
from .job import ScrapeContext, local_date

__all__ = ["suggest"]


def suggest(ctx: ScrapeContext, item: NewsItem) -> int:
    """Suggestions made for ``item`` (none twice for one promise); how many are new."""
    analysis = ctx.linker.analyse(item.text, item.title)
    when = item.published_at or item.last_fetched_at
    matches = ctx.linker.match(analysis, local_date(when) if when else None)
    if not matches:
        return 0
    known = set(Suggestion.objects.filter(news_item=item).values_list("promise_id", flat=True))
    new = [
        Suggestion(news_item=item, promise_id=match.promise.id, score=match.score,
                   reasons=match.reasons, details=match.details)
        for match in matches if match.promise.id not in known
    ]
    Suggestion.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
