"""Scopes of the page cache: which cached pages a content change makes stale.

A cached page is stored under the versions of the scopes it shows. A record's page (a promise, a
settlement, a person...) shows that record and the records it links to or that link to it; any
other page (home, lists, search, the API, cities with their tallies) shows "lists", which every
change makes stale. Publishing a promise therefore drops its own page, the pages of the people,
bodies, settlements, events and sources it links to (in every language), the pages that link to
it, and the list pages; every other record's page stays cached. Moving, unpublishing or deleting
a page drops everything ("site"): menus, tombstones and addresses may change.

Versions are random tokens kept in the cache itself, so checking them costs no database query;
a token that is missing (evicted, or a Redis restarted empty) is replaced by a new one, which
only ever makes a page look stale. With several web processes the cache must be shared
(CACHE_URL, Redis): a per-process cache would keep another process's pages past a publish.
Which records link to which comes from Wagtail's reference index, the same index that tells
editors where an object is used, plus the changed object's own links before and after the
change (the index may be updated by a task after this runs).
"""

import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import ReferenceIndex

SITE = "site"
LISTS = "lists"
VERSION_KEY = "page-scope:{}"


def scope_of(obj):
    """A record's scope: its translation key where it has one (so every language's page of
    the record goes stale together), else its model and primary key."""
    translation_key = getattr(obj, "translation_key", None)
    return str(translation_key) if translation_key else f"{obj._meta.label_lower}:{obj.pk}"


def version_key(scope):
    """The cache key of a scope's token (read with the page in one round trip: core.page_cache)."""
    return VERSION_KEY.format(scope)


def versions(scopes, found=None):
    """{scope: token}, giving a new token to a scope that has none. `found`: tokens already
    read ({version key: token}), so that only the others are read."""
    keys = {scope: version_key(scope) for scope in scopes}
    found = found or {}
    missing = [key for key in keys.values() if key not in found]
    found = {**found, **(cache.get_many(missing) if missing else {})}
    tokens = {}
    for scope, key in keys.items():
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            cache.add(key, token, timeout=None)  # a concurrent request's token may win:
            token = cache.get(key, token)  # then use it, so both store under one version
        tokens[scope] = token
    return tokens


def bump(scopes):
    """Make every page stored under these scopes stale, in every process sharing the cache."""
    cache.set_many({version_key(scope): uuid.uuid4().hex for scope in scopes},
                   timeout=None)


def _referenced(obj):
    """(content type id, object id) of every record `obj` links to, read from the object
    itself (the index may be updated by a task after this runs)."""
    if ReferenceIndex.is_indexed(type(obj)):
        for content_type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(obj):
            yield content_type_id, object_id


def _referencing(obj):
    """(content type id, object id) of every record that links to `obj`, from the index."""
    return ReferenceIndex.get_references_to(obj).values_list("content_type_id", "object_id")


def _scopes_of_references(references):
    """The scopes of referenced records: one query per model, translation keys included."""
    ids_by_type = defaultdict(set)
    for content_type_id, object_id in references:
        ids_by_type[content_type_id].add(object_id)
    scopes = set()
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        rows = model._base_manager.filter(pk__in=ids)
        scopes.update(scope_of(row) for row in rows.only("pk", *_translation_fields(model)))
    return scopes


def _translation_fields(model):
    return ["translation_key"] if any(
        field.name == "translation_key" for field in model._meta.get_fields()) else []


def scopes_changed_by(obj, earlier_links=()):
    """Every scope a change of `obj` makes stale: its own, the lists, the records it links to
    now and linked to before (`earlier_links`: (content type id, object id) pairs), and the
    records that link to it."""
    references = {*_referenced(obj), *earlier_links}
    if obj.pk is not None:
        references.update(_referencing(obj))
    return {LISTS, scope_of(obj), *_scopes_of_references(references)}
