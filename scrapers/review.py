"""Accepting and rejecting suggestions. Accepting makes (or reuses) the citable Source, and
may draft the status change the story is evidence for (`draft_status_change`)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.safe_urls import is_safe_public_url
from core.visibility import default_locale
from promises.models import StatusChange
from sources.models import Source, SourceKind

from .models import NewsItem, Suggestion, SuggestionState

REVIEW_PERMISSION = "scrapers.review_suggestion"


class AlreadyReviewed(Exception):
    def __init__(self, suggestion):
        super().__init__(f"suggestion #{suggestion.pk} is already {suggestion.state}")
        self.suggestion = suggestion


def can_review(user):
    return bool(user and user.is_active and user.has_perm(REVIEW_PERMISSION))


def source_for(item: NewsItem) -> Source:
    """The news item's Source: its own, one an editor already made for the same address,
    or a new one with the archived version's date and SHA-256. An address that could not be a
    link (not http(s)) is not copied: the source then cites the archived copy only."""
    if item.source_id:
        return item.source
    url = item.url if is_safe_public_url(item.url) else ""
    existing = url and default_locale(
        Source.objects.filter(kind=SourceKind.NEWS, url=url, part_of=None)).first()
    if existing:
        return existing
    version = item.latest_version()
    published = ""
    if item.published_at:
        published = timezone.localtime(item.published_at, item.outlet.tzinfo()).date().isoformat()
    retrieved = timezone.localtime(version.fetched_at).date() if version else None
    archive = reverse("news_item", args=[item.pk])
    return Source.objects.create(
        kind=SourceKind.NEWS,
        title=item.title[:300],
        publisher=item.outlet.name[:200],
        url=url,
        published=published,
        retrieved=retrieved,
        content_hash=version.raw_sha256 if version else "",
        notes=(("Sample data, not a real news report. " if item.is_sample else "")
               + f"Archived by Ubada as news item #{item.pk}"
               + (f", version {version.number}" if version else "") + f": {archive}"),
    )


def accept(suggestion_id: int, user) -> Suggestion:
    with transaction.atomic():
        suggestion = (Suggestion.objects.select_for_update(of=("self",))
                      .select_related("news_item__outlet", "news_item__source")
                      .get(pk=suggestion_id))
        if suggestion.state != SuggestionState.PENDING:
            raise AlreadyReviewed(suggestion)
        item = suggestion.news_item
        source = source_for(item)
        if item.source_id != source.pk:
            item.source = source
            item.save(update_fields=["source"])
        suggestion.state = SuggestionState.ACCEPTED
        suggestion.source = source
        suggestion.reviewed_by = user
        suggestion.reviewed_at = timezone.now()
        suggestion.save(update_fields=["state", "source", "reviewed_by", "reviewed_at"])
    return suggestion


def reject(suggestion_id: int, user) -> Suggestion:
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion_id)
        if suggestion.state != SuggestionState.PENDING:
            raise AlreadyReviewed(suggestion)
        suggestion.state = SuggestionState.REJECTED
        suggestion.reviewed_by = user
        suggestion.reviewed_at = timezone.now()
        suggestion.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    return suggestion


def story_date(item: NewsItem) -> str:
    """The story's date (ISO, in its outlet's time zone): when it was published, else when it
    was first archived."""
    when = item.published_at or item.first_seen_at
    return timezone.localtime(when, item.outlet.tzinfo()).date().isoformat()


def rationale_draft(suggestion: Suggestion) -> str:
    """The matched passages (or the headline), quoted, with the outlet and date: the editor
    rewrites it into the reason for the status."""
    item = suggestion.news_item
    passages = [p["text"].strip() for p in (suggestion.details or {}).get("passages", [])
                if p.get("text", "").strip()]
    quoted = " … ".join(passages) or item.title
    return f"{item.outlet.name}, {story_date(item)}: «{quoted}»"


def proposed_status(suggestion: Suggestion) -> str:
    """The status to propose. The linker finds who and what a story speaks of, not whether
    the promise was kept: the promise's current status, for the editor to change."""
    return suggestion.promise.status


def draft_status_change(suggestion: Suggestion, user):
    """Add a status change drafted from an accepted suggestion to a new draft revision of its
    promise (never published here: it goes through moderation like any edit). The revision."""
    promise = suggestion.promise.get_latest_revision_as_object()
    change = StatusChange(date=story_date(suggestion.news_item),
                          status=proposed_status(suggestion),
                          rationale=rationale_draft(suggestion), editor=user)
    change.sources = [suggestion.source]
    promise.status_changes.add(change)
    return promise.save_revision(user=user, log_action=True)
