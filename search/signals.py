"""Signals that keep the search index in step with the database (after commit).

- Wagtail's page_published, page_unpublished and post_page_move for the page types in the registry
  (a move re-indexes the page's indexed descendants too);
- pre_delete for every registered model (pages included: the record and the records that name
  it are looked up while they still exist, and re-indexed once the deletion commits);
- post_save and m2m_changed for registered models that are not pages (events, sources, news);
- post_save of a StatusChange re-indexes its promise;
- post_save and post_delete of a PageViewRestriction (the admin's Privacy setting) re-index the
  page and its indexed descendants: core.visibility keeps private pages out of the index.

A change to a translation (publishing, unpublishing, deleting it) re-indexes its canonical
record, whose document carries every language's text (search.documents).

A change to a named record (settlement, city, person, body, election, subject) also re-indexes
the records whose `context` carries its names. Every change makes the vocabularies and the
database fallback's table of records reload (search.versions).
No handler ever raises: an index problem must not stop an edit.
"""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Locale, Page, PageViewRestriction, TranslatableMixin
from wagtail.signals import page_published, page_unpublished, post_page_move

from .indexing import engine_configured, schedule
from .records import REGISTRY, dependents, for_instance, for_model
from .versions import bump as bump_version

logger = logging.getLogger("ubada.search")


def _safely(handler):
    def wrapper(*args, **kwargs):
        try:
            handler(*args, **kwargs)
        except Exception:
            logger.exception("search index signal handler %s failed", handler.__name__)

    wrapper.__name__ = handler.__name__
    return wrapper


def _vocabulary_of(rt, instance):
    if rt.vocabulary:
        return rt.vocabulary
    if rt.name == "event" and getattr(instance, "kind", "") == "election":
        return "election"
    return None


def _canonical(instance):
    """The record a translation translates (itself for a canonical record; None if a
    translation has lost it): only canonical records are indexed."""
    if not isinstance(instance, TranslatableMixin):
        return instance
    default = Locale.get_default()
    if instance.locale_id == default.pk:
        return instance
    return instance.get_translation_or_none(default)


def _bump_now_and_on_commit():
    """The searchable data changed: now for this transaction, after commit for the others."""
    bump_version()
    transaction.on_commit(bump_version, robust=True)


def _changed(instance, rt=None):
    """Schedule a record and the records that carry its names."""
    rt = rt or for_instance(instance)
    instance = _canonical(instance)
    if rt is None or instance is None:
        return
    records = [(rt.name, instance.pk)]
    vocabulary_name = _vocabulary_of(rt, instance)
    _bump_now_and_on_commit()
    if not engine_configured():
        return
    if vocabulary_name:
        records += dependents(vocabulary_name, [instance.pk])
    schedule(records)


@_safely
def on_page_published(sender, instance, **kwargs):
    _changed(instance)


@_safely
def on_page_unpublished(sender, instance, **kwargs):
    _changed(instance)


def _changed_with_descendants(page):
    _changed(page)
    models = [rt.model for rt in REGISTRY.values() if rt.is_page]
    for descendant in Page.objects.descendant_of(page).type(*models).specific().iterator():
        _changed(descendant)


@_safely
def on_page_moved(sender, instance, **kwargs):
    _changed_with_descendants(instance.specific if hasattr(instance, "specific") else instance)


@_safely
def on_privacy_changed(sender, instance, raw=False, **kwargs):
    """A page got, changed or lost a view restriction: it and the pages below it change."""
    page = Page.objects.filter(pk=instance.page_id).specific().first()
    if raw or page is None:  # loading fixtures, or the page itself was deleted
        return
    _bump_now_and_on_commit()  # vocabularies and table leave out private pages (and subjects)
    _changed_with_descendants(page)


@_safely
def on_pre_delete(sender, instance, **kwargs):
    rt = for_model(sender)
    if rt is not None:
        _changed(instance, rt)
    elif sender.__name__ == "StatusChange" and sender._meta.app_label == "promises":
        schedule([("promise", instance.promise_id)])


@_safely
def on_post_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    rt = for_model(sender)
    if rt is not None and not rt.is_page:
        _changed(instance, rt)
    elif sender.__name__ == "StatusChange" and sender._meta.app_label == "promises":
        _bump_now_and_on_commit()
        schedule([("promise", instance.promise_id)])
    elif sender._meta.label == "taggit.Tag":
        bump_version()
        if engine_configured():
            schedule(dependents("subject", [instance.pk]))


@_safely
def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    rt = for_instance(instance)
    record = _canonical(instance)
    if rt is not None or for_model(model) is not None:
        _bump_now_and_on_commit()
    if rt is not None and not rt.is_page and record is not None:
        schedule([(rt.name, record.pk)])
    target = for_model(model)
    if target is not None and not target.is_page and pk_set:
        schedule([(target.name, pk) for pk in pk_set])


def connect():
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    pre_delete.connect(on_pre_delete, dispatch_uid="search_pre_delete")
    post_save.connect(on_post_save, dispatch_uid="search_post_save")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="search_m2m_changed")
    post_save.connect(on_privacy_changed, sender=PageViewRestriction,
                      dispatch_uid="search_privacy_saved")
    post_delete.connect(on_privacy_changed, sender=PageViewRestriction,
                        dispatch_uid="search_privacy_deleted")
