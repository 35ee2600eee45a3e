"""The content locales: English, the canonical one, and the languages it is translated into.

Each translation locale synchronises from English (wagtail-localize's LocaleSynchronization):
every English page has a page in that locale, an alias of the English one until an editor (or
the seed) translates it, so `/ru/<path>/` of any page resolves. wagtail-localize creates the
aliases of a page made in the admin itself; pages made in code (the site skeleton, the seed)
get theirs from `sync_locale_trees()`.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
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
