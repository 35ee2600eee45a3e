"""The content locales: English, the canonical one, and the languages it is translated into.

Each translation locale synchronises from English (wagtail-localize's LocaleSynchronization):
every English page has a page in that locale, an alias of the English one until an editor (or
the seed) translates it, so `/ru/<path>/` of any page resolves. wagtail-localize creates the
aliases of a page made in the admin itself; a page made in code (the site skeleton, the seed,
a script) gets them when it is published (`alias_published_page`), and `sync_locale_trees()`
catches up whatever predates a locale.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.signals import page_published
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


def translation_languages():
    """The content languages other than the default one, in the settings' order."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != default]


def ensure_locales():
    """Create the default locale and each translation locale, synchronised from the default
    one, if missing. Idempotent (the migration website/0002 does the same on `migrate`)."""
    default, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    for language_code in translation_languages():
        locale, _created = Locale.objects.get_or_create(language_code=language_code)
        # A new synchronisation aliases the whole tree at once (wagtail-localize's signal).
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})


def sync_locale_trees():
    """Give every page not yet in a synchronised locale its alias there."""
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale)


def alias_published_page(sender, instance, **kwargs):
    """page_published: give the page its alias in each locale synchronised from its own, where
    it has no page yet (wagtail-localize does this only for pages created in the admin)."""
    for sync in LocaleSynchronization.objects.filter(
            sync_from_id=instance.locale_id).select_related("locale"):
        if not instance.has_translation(sync.locale):
            instance.copy_for_translation(sync.locale, copy_parents=True, alias=True)


def connect():
    page_published.connect(alias_published_page, dispatch_uid="website_alias_published_page")
