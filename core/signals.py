"""Signal handlers for site-wide concerns: dropping cached pages when content changes.

What goes stale is decided by core.cache_scopes: publishing a page drops the pages that show it;
a record saved outside the page tree (a source, an event, a district) drops the pages that link
to it and the lists; moving, unpublishing or deleting a page, a privacy change, a site setting
or a migration drops everything. Every bump waits for the transaction to commit.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache_scopes

# Wagtail's bookkeeping rows, saved beside every edit or workflow step: they change no public
# page by themselves.
BOOKKEEPING_MODELS = {
    "revision", "pagelogentry", "modellogentry", "referenceindex", "workflowstate", "taskstate",
    "pagesubscription", "comment", "commentreply", "uploadedfile",
}


def _bump_later(scopes):
    transaction.on_commit(lambda: cache_scopes.bump(scopes))


def _bump_everything(**kwargs):
    _bump_later({cache_scopes.SITE})


page_unpublished.connect(_bump_everything, dispatch_uid="page_cache_unpublished")
post_page_move.connect(_bump_everything, dispatch_uid="page_cache_moved")
post_migrate.connect(_bump_everything, dispatch_uid="page_cache_migrated")


@receiver(pre_save, dispatch_uid="page_cache_links_before")
def _remember_links_before(sender, instance, **kwargs):
    """The links of the live page as the reference index holds them before a publish, so a
    link the publish removes still drops the page it pointed to."""
    if isinstance(instance, Page) and instance.pk is not None:
        instance._page_cache_links_before = list(
            ReferenceIndex.get_references_for_object(instance)
            .values_list("to_content_type_id", "to_object_id"))


@receiver(page_published, dispatch_uid="page_cache_published")
def _page_published(sender, instance, **kwargs):
    scopes = cache_scopes.scopes_changed_by(
        instance, earlier_links=getattr(instance, "_page_cache_links_before", ()))
    _bump_later(scopes)


def _is_content(model):
    return (model._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS
            and model._meta.model_name not in BOOKKEEPING_MODELS)


def _is_part_of_a_page(model):
    """Pages and their inline rows change the public site only when published (above)."""
    return issubclass(model, Page) or any(
        isinstance(field, ParentalKey) for field in model._meta.fields)


@receiver(post_save, dispatch_uid="page_cache_saved")
@receiver(post_delete, dispatch_uid="page_cache_deleted")
@receiver(m2m_changed, dispatch_uid="page_cache_m2m")
def _record_changed(sender, instance=None, **kwargs):
    if sender.__module__ == "__fake__" or not _is_content(sender):  # "__fake__": migrations
        return
    if sender._meta.app_label == "wagtailcore" or kwargs.get("signal") is post_delete and (
            isinstance(instance, Page)):
        _bump_later({cache_scopes.SITE})  # privacy, sites, locales, a deleted page
    elif not _is_part_of_a_page(sender) and instance is not None:
        _bump_later(cache_scopes.scopes_changed_by(instance))
