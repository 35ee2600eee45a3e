"""Translated records: what a translation carries, and how a canonical record finds its own.

The English (default-locale) record is the canonical one: every relation, date, status, number,
slug and URL lives there, and a translation (a page or snippet in the ru/ky/kk locale with the
same `translation_key`, made with wagtail-localize) carries only text. `synchronised()` names
the fields wagtail-localize must copy from the English record and never offer for translation;
a model lists them in `override_translatable_fields`.

For display, `translation_of()` finds one record's translation in the reader's language and
`translations_of()` those of a list in one query; both return only what a reader may see (a live
page), and nothing for a language that has none.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import DraftStateMixin
from wagtail_localize.fields import SynchronizedField

from .models import TranslationNote


def synchronised(*field_names):
    """wagtail-localize fields copied from the English record on every sync, never translated
    and never overridden: dates, slugs, numbers and links to other (canonical) records."""
    return [SynchronizedField(name, overridable=False) for name in field_names]


def _language_code(language_code=None):
    """The content language of `language_code` (default: the active language)."""
    return get_supported_content_language_variant(language_code or get_language())


def _visible(queryset):
    """Only what a reader may see: a translated page or publishable snippet must be live, and
    a page's translated child (a status change) hangs off a live translated page."""
    if issubclass(queryset.model, DraftStateMixin):
        return queryset.filter(live=True)
    for field in queryset.model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, DraftStateMixin):
            queryset = queryset.filter(**{f"{field.name}__live": True})
    return queryset


def translation_of(record, language_code=None):
    """`record`'s translation in `language_code` (default: the reader's language), or None
    when it has none (or it is the record itself, in its own language)."""
    language_code = _language_code(language_code)
    if record.locale.language_code == language_code:
        return None
    return _visible(type(record).objects.filter(
        translation_key=record.translation_key, locale__language_code=language_code)).first()


def translations_of(records, language_code=None):
    """{translation_key: translation} of `records` (canonical records of one model) in
    `language_code` (default: the reader's language), in one query."""
    records = list(records)
    if not records:
        return {}
    model = type(records[0])
    found = _visible(model.objects.filter(
        Q(translation_key__in={record.translation_key for record in records}),
        locale__language_code=_language_code(language_code)))
    return {translation.translation_key: translation for translation in found}


def translation_note(language_code=None):
    """The note shown beside translated text in `language_code` (default: the reader's
    language), e.g. "Ubada's translation of the English study"; empty when there is none."""
    note = TranslationNote.objects.filter(
        locale__language_code=_language_code(language_code)).first()
    return note.text if note else ""


def canonical(record):
    """The English (canonical) record of `record`, itself when it is one: a translation's or
    alias's relations, dates and statuses are read from it (a Russian person page's promises
    are the English page's)."""
    if record.locale.language_code == _language_code(settings.LANGUAGE_CODE):
        return record
    return record.get_translations().get(locale__language_code=_language_code(
        settings.LANGUAGE_CODE))
