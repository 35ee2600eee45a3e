"""What deleting a record would erase from the published record, and the refusal that says so.

The history is append-only: a promise once published, its status changes, and whatever published
promises and the chronicle's events cite (people, bodies, settlements, the pages above them,
sources) stay. Taking a page off the site is unpublishing it. Only `manage.py remove_record`, an
administrator's court-ordered removal, deletes them (core.removal).

`refusal(record)` is the one rule. The admin hooks (website.wagtail_hooks) show it instead of
deleting and hide the delete buttons; `guard_deletion`, a pre_delete receiver, raises it on every
other path (a cascade, a queryset delete, the shell).
"""

from django.db.models import Q
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from actors.models import BodyPage, PersonPage
from chronicle.models import Event
from core.removal import HistoryProtected, removal_ordered
from places.models import CityPage, SettlementPage
from promises.models import PromisePage, StatusChange
from sources.models import Source

NAMED = 5  # citing records named in a message; the others are counted


def _published_promises():
    """Promises that were ever published: unpublishing keeps them and their history."""
    return PromisePage.objects.filter(first_published_at__isnull=False)


def _citing_a_page(page):
    """Published promises and events at, below or naming `page` or a page below it."""
    below = {"path__startswith": page.path}
    naming = Q()
    for relation in ("people", "bodies", "settlements"):
        naming |= Q(**{f"{relation}__path__startswith": page.path})
    promises = _published_promises().filter(Q(**below) | naming)
    return promises, Event.objects.filter(naming)


def _citing_a_source(source):
    """Published promises (as their report or in their status history) and events citing the
    source or one of its passages."""
    promises = _published_promises().filter(
        Q(source=source) | Q(source__part_of=source)
        | Q(status_changes__sources=source) | Q(status_changes__sources__part_of=source))
    return promises, Event.objects.filter(Q(sources=source) | Q(sources__part_of=source))


def _names(promises, events):
    titles = [_("promise “%(title)s”") % {"title": title}
              for title in promises.distinct().order_by("title").values_list("title", flat=True)]
    titles += [_("event “%(title)s”") % {"title": title}
               for title in events.distinct().order_by("title").values_list("title", flat=True)]
    named = ", ".join(titles[:NAMED])
    if len(titles) > NAMED:
        named += _(" and %(count)s more") % {"count": len(titles) - NAMED}
    return named


def _refusal_for_page(page):
    if isinstance(page, PromisePage) and page.first_published_at:
        return _("“%(title)s” cannot be deleted: it is a published promise, and its status "
                 "history stays on the record. Unpublish it to take it off the site.") % {
            "title": page.title}
    cited_by = _names(*_citing_a_page(page))
    if cited_by:
        return _("“%(title)s” cannot be deleted: published records cite it: %(records)s. "
                 "Unpublish it to take it off the site.") % {
            "title": page.title, "records": cited_by}
    return ""


def _refusal_for_source(source):
    cited_by = _names(*_citing_a_source(source))
    if cited_by:
        return _("“%(title)s” cannot be deleted: published records cite it: %(records)s. "
                 "Sources of the published record stay.") % {
            "title": source.title, "records": cited_by}
    return ""


def _refusal_for_status_change(change):
    if change.locale_id != Locale.get_default().pk:
        # A translation's (or alias's) copy of the English entry: Wagtail and wagtail-localize
        # replace it whenever they bring the English history across; the English is the record.
        return ""
    promise = PromisePage.objects.filter(pk=change.promise_id).first()
    if promise and change.published_at:  # a draft's entry may go until it is published
        return _("This status change of “%(title)s” cannot be deleted: the status history of a "
                 "published promise is append-only. Add a correcting entry instead.") % {
            "title": promise.title}
    return ""


def refusal(record):
    """Why `record` must not be deleted, in words for the admin; "" when it may be."""
    if isinstance(record, Page):
        return _refusal_for_page(record.specific if type(record) is Page else record)
    if isinstance(record, Source):
        return _refusal_for_source(record)
    if isinstance(record, StatusChange):
        return _refusal_for_status_change(record)
    return ""


def guard_deletion(sender, instance, **kwargs):
    """pre_delete: refuse to delete published history on any path but remove_record."""
    if removal_ordered():
        return
    message = refusal(instance)
    if message:
        raise HistoryProtected(message)


GUARDED_MODELS = (PromisePage, StatusChange, PersonPage, BodyPage, SettlementPage, CityPage,
                  Source)


def connect():
    for model in GUARDED_MODELS:
        pre_delete.connect(guard_deletion, sender=model,
                           dispatch_uid=f"history_guard_{model._meta.label_lower}")

