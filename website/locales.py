"""The content locales: English, the canonical one, and the languages it is translated into.

A page needs no copy in another locale to be read in that language: `/ru/<path>/` is routed
through the English tree (core.views.serve) and shows the live Russian translation where there
is one, the English text marked as such where there is none. Translations are made when an
editor (or the seed) translates a record: wagtail-localize copies the parent pages it needs.
There are no standing aliases (wagtail-localize's locale synchronisation): they would triple the
page tree and the cost of every publish for nothing a reader sees.
"""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


def translation_languages():
    """The content languages other than the default one, in the settings' order."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != default]


def ensure_locales():
    """Create the default locale and each translation locale if missing. Idempotent (the
    migration website/0002 does the same on `migrate`)."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    for language_code in translation_languages():
        Locale.objects.get_or_create(language_code=language_code)
