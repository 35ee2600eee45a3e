"""Tombstones: what a reader finds where a record the public saw used to be.

A record's address and its `/record/<id>/` permalink promise to stay. When an editor takes a
published record off the site (Wagtail's "Unpublish", with the reason the admin asks for), both
answer 410 Gone with its title, "retracted on <date>" and the reason; when a court orders a record
removed (`manage.py remove_record`), the permalink answers 410 with a notice that it was removed
and nothing of what was removed. Never a silent 404.

The reason is kept in the page's history (Wagtail's log, action RETRACT_ACTION), beside Wagtail's
own "Unpublished" entry: no second record of the same fact. A tombstone is a page that is not
live, so it stays out of every list, count, search, feed, export and sitemap by core.visibility's
one rule (`retracted()` is its complement, for this module alone).
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, PageLogEntry
from wagtail.url_routing import RouteResult

from .models import RemovalRecord
from .visibility import retracted

RETRACT_ACTION = "ubada.retract"
PUBLISH_ACTION = "wagtail.publish"
UNPUBLISH_ACTIONS = ("wagtail.unpublish", "wagtail.unpublish.scheduled", RETRACT_ACTION)
REASON_FIELD = "retraction_reason"
REASON_MAX_LENGTH = 1000
# Entries read back from a page's history to find its last retraction: the retraction, Wagtail's
# "Unpublished" beside it, and the publish before them are within the newest few.
HISTORY_ENTRIES_READ = 6


class RetractionFormatter(LogFormatter):
    """How the page's history shows a retraction: with its reason."""

    label = _("Retract")

    def format_message(self, log_entry):
        return _("Retracted: %(reason)s") % {"reason": log_entry.data.get("reason", "")}


def log_retraction(page, user, reason):
    log(instance=page, action=RETRACT_ACTION, user=user, data={"reason": reason})


@dataclass
class Tombstone:
    """A record gone from the site: `removed` (a court order) shows no title and no reason."""

    title: str = ""
    gone_on: datetime | None = None
    reason: str = ""
    removed: bool = False


def retraction_of(page):
    """The tombstone of a retracted page: the date and reason of its last unpublishing (the
    history after its last publish; "" when it was unpublished without one, e.g. on expiry)."""
    tombstone = Tombstone(title=page.title)
    entries = (PageLogEntry.objects.filter(page=page,
                                           action__in=(PUBLISH_ACTION, *UNPUBLISH_ACTIONS))
               .order_by("-timestamp", "-pk")[:HISTORY_ENTRIES_READ])
    for entry in entries:
        if entry.action == PUBLISH_ACTION:
            break
        tombstone.gone_on = tombstone.gone_on or entry.timestamp
        if entry.action == RETRACT_ACTION and not tombstone.reason:
            tombstone.reason = entry.data.get("reason", "")
    return tombstone


def _is_a(label, model):
    try:
        return issubclass(apps.get_model(label), model)
    except (LookupError, ValueError):
        return False


def removal_of(record_id, model=Page):
    """The tombstone of a record of `model` (any page type by default) a court ordered removed,
    or None. Pages and other records number their ids apart: the type tells them apart."""
    for removal in RemovalRecord.objects.filter(record_id=record_id):
        if _is_a(removal.record_type, model):
            return Tombstone(gone_on=removal.removed_at, removed=True)
    return None


def tombstone_for(page_id):
    """What the permalink of a page that is not published shows, or None (a 404)."""
    page = retracted(Page.objects.all()).filter(pk=page_id).first()
    if page is not None:
        return retraction_of(page.specific)
    return removal_of(page_id)


def tombstone_response(request, tombstone):
    response = TemplateResponse(request, "core/tombstone.html", {"tombstone": tombstone},
                                status=410)
    response["X-Robots-Tag"] = "noindex"
    return response


class Retractable:
    """A page type whose address keeps answering, with its tombstone, once it is retracted.

    Wagtail's routing answers 404 for a page that is not live; this routes a retracted page to
    itself and serves its tombstone. Previews and the admin never pass `tombstone`.
    """

    asks_retraction_reason = True  # the admin's unpublish confirmation asks why

    def route(self, request, path_components):
        if (not path_components and not self.live and self.first_published_at
                and retracted(Page.objects.filter(pk=self.pk)).exists()):
            return RouteResult(self, kwargs={"tombstone": True})
        return super().route(request, path_components)

    def serve(self, request, *args, tombstone=False, **kwargs):
        if tombstone:
            return tombstone_response(request, retraction_of(self))
        return super().serve(request, *args, **kwargs)
