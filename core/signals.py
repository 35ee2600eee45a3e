"""Signal handlers for site-wide concerns: dropping cached pages when content changes."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ContentVersion

# Wagtail's bookkeeping rows, saved beside every edit: they change no public page by themselves.
BOOKKEEPING_MODELS = {"revision", "pagelogentry", "modellogentry", "referenceindex"}


def _bump(**kwargs):
    transaction.on_commit(ContentVersion.bump)


page_published.connect(_bump, dispatch_uid="page_cache_published")
page_unpublished.connect(_bump, dispatch_uid="page_cache_unpublished")
post_page_move.connect(_bump, dispatch_uid="page_cache_moved")


@receiver(post_save, dispatch_uid="page_cache_saved")
@receiver(post_delete, dispatch_uid="page_cache_deleted")
@receiver(m2m_changed, dispatch_uid="page_cache_m2m")
def _record_changed(sender, **kwargs):
    """Bump for records of the apps that settings.PAGE_CACHE_CONTENT_APPS names."""
    if sender is ContentVersion or sender.__module__ == "__fake__":  # "__fake__": migrations
        return
    if (sender._meta.app_label in settings.PAGE_CACHE_CONTENT_APPS
            and sender._meta.model_name not in BOOKKEEPING_MODELS):
        _bump()
