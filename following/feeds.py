"""Atom feeds of new promises and status changes: the whole site, a followed page (settlement,
city, person, body, promise) or a subject, in the reader's language (the URL's prefix).

Entries link to the permanent /record/<id>/ address, built on settings.SITE_URL (never the
request's Host: the page cache serves a feed to every reader of its language).
"""

from dataclasses import dataclass
from datetime import datetime
from heapq import nlargest
from urllib.parse import urlencode, urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _

from core.localized import Translations
from core.partial_dates import parse_or_none
from core.templatetags.ubada_tags import local_url
from core.visibility import published
from promises.models import PromiseIndexPage, PromisePage

from .scopes import (
    followable_page,
    promises_of,
    promises_of_subject,
    published_status_changes,
    subject_or_404,
)

ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    """One feed entry: a new promise or a status change, with what Atom needs of it."""

    title: str
    summary: str
    link: str
    guid: str
    updated: datetime


def _absolute(path):
    return urljoin(settings.SITE_URL, path)


def _promise_link(promise_id):
    return _absolute(reverse("permalink", args=[promise_id]))


def promise_entry(promise):
    link = _promise_link(promise.pk)
    return Entry(
        title=_("New promise: %(promise)s") % {"promise": promise.title},
        summary=linebreaks(promise.text, autoescape=True),
        link=link, guid=f"{link}#promise", updated=promise.first_published_at,
    )


def status_change_entry(change):
    link = _promise_link(change.promise_id)
    when = parse_or_none(change.date)
    title = (_("Correction: %(promise)s is now “%(status)s”") if change.is_correction
             else _("%(promise)s is now “%(status)s”"))
    summary = format_html("<p>{}</p>{}", when.display() if when else _("date not known"),
                          linebreaks(change.rationale, autoescape=True))
    return Entry(
        title=title % {"promise": change.promise.title, "status": change.get_status_display()},
        summary=summary, link=link, guid=f"{link}#status-change-{change.pk}",
        updated=change.recorded_at,
    )


def entries(promises):
    """The latest new promises and status changes among these (published) promises."""
    new_promises = promises.filter(first_published_at__isnull=False).order_by(
        "-first_published_at")[:ENTRIES]
    changes = (published_status_changes(promises).select_related("promise")
               .order_by("-recorded_at", "-pk")[:ENTRIES])
    translations = Translations()  # titles and text in the feed's language
    all_entries = [promise_entry(promise) for promise in translations.show_all(new_promises)]
    all_entries += [status_change_entry(change) for change in translations.show_all(changes)]
    return nlargest(ENTRIES, all_entries, key=lambda entry: entry.updated)


def promise_list_path():
    """The promise list's address in the reader's language (the home page without one)."""
    promise_list = published(PromiseIndexPage.objects.all()).first()
    return local_url(promise_list) if promise_list else "/"


class Scope:
    """What a feed covers: its title, page, own URL and promises."""

    def __init__(self, title, page_path, feed_path, promises):
        self.title, self.page_path, self.feed_path = title, page_path, feed_path
        self.promises = promises


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    author_name = "Ubada"
    item_guid_is_permalink = False

    def get_object(self, request, page_id=None, slug=None):
        if page_id is not None:
            page = followable_page(page_id)
            shown = Translations().show(page)  # its title in the feed's language
            return Scope(_("Ubada: %(record)s") % {"record": shown.title}, local_url(page),
                         reverse("following:page_feed", args=[page.pk]), promises_of(page))
        if slug is not None:
            subject = subject_or_404(slug)
            return Scope(_("Ubada: promises on %(subject)s") % {"subject": subject.name},
                         f"{promise_list_path()}?{urlencode({'subject': subject.slug})}",
                         reverse("following:subject_feed", args=[subject.slug]),
                         promises_of_subject(subject))
        return Scope(_("Ubada: every promise"), promise_list_path(),
                     reverse("following:site_feed"), published(PromisePage.objects.all()))

    def title(self, scope):
        return scope.title

    def subtitle(self, scope):
        return _("New promises and status changes")

    def link(self, scope):
        return _absolute(scope.page_path)

    def feed_url(self, scope):
        return _absolute(scope.feed_path)

    def items(self, scope):
        return entries(scope.promises)

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    def item_updateddate(self, entry):
        return entry.updated

    def item_pubdate(self, entry):
        return entry.updated
