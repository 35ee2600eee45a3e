"""The rows of promise lists (templates/includes/promise_row.html), kept in the cache.

A row shows a promise with its promisors, settlements and cities, in the reader's language: to
render it takes four prefetch queries, a query per translated model and a template of links.
A list shows the same rows again and again (the list's pages and filters, the home page), so
each row's HTML is kept under the versions of the "site" and "lists" scopes and of the
promise's own scope (core.cache_scopes), the interface language and the day (a row says
"Overdue" from the day after the deadline): any publish changes these versions, so a list shows
a published change at once, and a list whose rows are all kept costs one query, for the page of
ids, whatever it shows.

A record page (settlement, city, person, body) lists its newest promises through the same rows
(PromiseQuerySet.recent_rows). A settlement's page is also a printed dossier: its rows carry
each promise's sources (print only), kept as "dossier" rows under the same versions.
"""

from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache_scopes import LISTS, SITE, scope_of, versions
from core.localized import Translations, default_language

from .models import PromisePage, StatusChange

ROW_TEMPLATE = "includes/promise_row.html"
ROW_KEY = "promise-{kind}:{site}:{lists}:{record}:{language}:{day}:{pk}"
ROW_FIELDS = ("pk", "translation_key")  # what a list query reads of each promise


def row_keys(promises, kind="row"):
    """{promise id: cache key} for (id, translation key) pairs; `kind`: "row" or "dossier"."""
    tokens = versions({SITE, LISTS, *(scope_of(promise) for promise in promises)})
    shared = {"site": tokens[SITE], "lists": tokens[LISTS], "language": get_language(),
              "day": timezone.localdate().isoformat(), "kind": kind}
    return {promise.pk: ROW_KEY.format(record=tokens[scope_of(promise)], pk=promise.pk,
                                       **shared)
            for promise in promises}


def promise_rows(request, id_pairs, *, dossier=False):
    """The HTML of each promise's row, in the order given: from the cache where kept, else
    rendered (the missing promises fetched with what a row shows, through their translations)
    and kept. `id_pairs`: (id, translation key) of live, public promises, as a list query
    gives them with `values_list(*ROW_FIELDS)`. `dossier`: rows that name their sources."""
    promises = [SimpleNamespace(pk=pk, translation_key=key) for pk, key in id_pairs]
    keys = row_keys(promises, "dossier" if dossier else "row")
    found = cache.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        rendered = render_rows(request, missing, dossier=dossier)
        kept = {keys[pk]: html for pk, html in rendered.items()}
        cache.set_many(kept, settings.FRAGMENT_CACHE_SECONDS)
        found.update(kept)
    return [mark_safe(found[keys[promise.pk]]) for promise in promises]  # noqa: S308 - our HTML


def any_english(rows):
    """Whether a row shows a text not yet translated into the reader's language: the list
    then says so once, under the rows (as `english_note` does under records)."""
    mark = f'<span lang="{default_language()}">'  # what the `text` tag wraps it in
    return any(mark in row for row in rows)


def render_rows(request, ids, *, dossier=False):
    """{id: row HTML} for these promises, rendered in the reader's language. The template gets
    the request (for the pages' URLs) but no context processor runs: a row needs none."""
    template = get_template(ROW_TEMPLATE).template
    fetched = list(PromisePage.objects.filter(pk__in=ids).for_listing())
    if dossier:
        attach_cited_sources(fetched)
    shown = Translations().show_all(fetched)  # its own: a page's may hold other records as Page
    return {promise.pk: template.render(Context({"promise": promise, "request": request}))
            for promise in shown}


def attach_cited_sources(promises):
    """Give each promise `cited_sources`: the source it was reported in, then those of its
    status history in order, once each, for the printed dossier (every promise with its
    sources). Two queries for all the promises."""
    changes = (StatusChange.objects.filter(promise__in=[promise.pk for promise in promises])
               .prefetch_related("sources__part_of"))
    history = {}
    for change in sorted(changes, key=StatusChange.timeline_key):
        history.setdefault(change.promise_id, []).extend(change.sources.all())
    for promise in promises:
        cited = [promise.source] if promise.source_id else []
        cited += history.get(promise.pk, [])
        promise.cited_sources = list(dict.fromkeys(cited))
