"""Canonical records shown through their translations, in the reader's language.

The English (default-locale) record is the canonical record: every relation, list, count and link
is computed from it. A translation (a page or snippet of another locale with the same
`translation_key`) carries text only. For display, `Translations.show(record)` gives a copy of the
canonical record whose text fields hold its live translation's text in the reader's language, and
whose prefetched relations are shown the same way; everything else (pk, dates, statuses, links)
stays the canonical record's.

Where a text is still English (no live translation, an alias, or a translated field left equal to
the English), the copy says so: `english_fields` names those fields, and templates wrap them in
`lang="en"` with one short note per block (core.templatetags.localized_tags). Works for any model
with `locale` and `translation_key` (Wagtail pages and TranslatableMixin snippets).
"""

import copy
import dataclasses
from collections import defaultdict
from functools import cache, cached_property

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Page

from . import scoped_cache
from .cache_scopes import LISTS, SITE, versions
from .partial_dates import PartialDateField

# Text-like fields that are synchronised between a record and its translations, never translated.
NOT_TEXT = (models.SlugField, models.URLField, models.EmailField, PartialDateField)
# How deep the relations of a shown record are shown too (a promise's settlements' city).
RELATION_DEPTH = 2
TRANSLATION_KEY = "translation:{versions}:{language}:{model}:{key}"


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def reader_language():
    """The content language for the interface language in use (the default one if unknown)."""
    try:
        return get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return default_language()


def is_translatable(record):
    return isinstance(record, models.Model) and hasattr(record, "translation_key") and hasattr(
        record, "locale_id")


@cache
def text_fields(model):
    """The fields of `model` a translation gives in its own language: editable text without
    choices (titles, summaries, rich text, stream blocks), not slugs, addresses or dates."""
    return tuple(
        field.name for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | StreamField)
        and not isinstance(field, NOT_TEXT)
        and field.editable and not field.choices and not field.primary_key
    )


def _field_text(record, name):
    return record._meta.get_field(name).value_to_string(record)


def _related(records, depth):
    """The records and, `depth` levels down, the related records already loaded with them."""
    for record in records:
        yield record
        if depth and isinstance(record, models.Model):
            prefetched = getattr(record, "_prefetched_objects_cache", {}).values()
            yield from _related([item for queryset in prefetched for item in queryset], depth - 1)
            yield from _related(list(record._state.fields_cache.values()), depth - 1)


class Translations:
    """The live translations in one language of the canonical records shown on one page,
    loaded once per model by `translation_key` (one query per model, not per record)."""

    def __init__(self, language=None):
        self.language = language or reader_language()
        self.found = {}  # (model, translation_key) -> the translation, or None

    @classmethod
    def for_request(cls, request):
        """The translations shown for a request, in its interface language, kept on it."""
        language = reader_language()
        kept = getattr(request, "_ubada_translations", None) if request is not None else None
        if kept is None or kept.language != language:
            kept = cls(language)
            if request is not None:
                request._ubada_translations = kept
        return kept

    @property
    def needed(self):
        return self.language != default_language()

    def _key(self, record):
        model = Page if isinstance(record, Page) else type(record)
        return model, record.translation_key

    def load(self, records):
        """Fetch the translations of these records and their loaded relations, one query per
        model."""
        if not self.needed:
            return
        wanted = defaultdict(set)
        for record in _related(records, RELATION_DEPTH):
            if is_translatable(record) and self._key(record) not in self.found:
                wanted[type(record)].add(record.translation_key)
        for model, keys in wanted.items():
            base = Page if issubclass(model, Page) else model
            for key, translation in self._translations_of(model, keys).items():
                self.found.setdefault((base, key), translation)

    def _translations_of(self, model, keys):
        """{translation key: its live translation, or None}: kept in the cache under the
        versions of the site and lists scopes (core.scoped_cache), which every publish, saved
        snippet or deletion changes, so a kept translation is never older than the live one;
        the ones not kept in one query."""
        seconds = settings.FRAGMENT_CACHE_SECONDS
        cache_keys = {key: TRANSLATION_KEY.format(
            versions=self._versions, language=self.language, model=model._meta.label_lower,
            key=key) for key in keys} if seconds else {}
        kept = shared_cache.get_many(cache_keys.values()) if cache_keys else {}
        found = {key: kept[name][0] for key, name in cache_keys.items() if name in kept}
        missing = [key for key in keys if key not in found]
        if missing:
            fetched = {translation.translation_key: translation
                       for translation in self._live_translations(model, missing)}
            fetched = {key: fetched.get(key) for key in missing}
            if cache_keys:  # in a tuple: "no translation" is kept too
                shared_cache.set_many({cache_keys[key]: (translation,)
                                for key, translation in fetched.items()}, seconds)
            found.update(fetched)
        return found

    @cached_property
    def _versions(self):
        return ":".join(versions([SITE, LISTS]).values())

    def _live_translations(self, model, keys):
        """Translations the public may read: live pages that are not aliases (an alias is the
        English text again), live snippets where snippets have drafts."""
        translations = model._default_manager.filter(
            translation_key__in=keys, locale__language_code=self.language)
        if issubclass(model, Page):
            return translations.live().filter(alias_of__isnull=True)
        if any(field.name == "live" for field in model._meta.concrete_fields):
            return translations.filter(live=True)
        return translations

    def translation_of(self, record):
        if not self.needed or not is_translatable(record):
            return None
        if self._key(record) not in self.found:
            self.load([record])
        return self.found[self._key(record)]

    @cached_property
    def default_locale_id(self):
        return scoped_cache.default_locale_id(default_language())

    def show(self, record, depth=RELATION_DEPTH):
        """`record` as the reader sees it (see the module's docstring); itself in English. A
        record that is not translatable itself (a status change) shows its relations."""
        if not self.needed or not isinstance(record, models.Model):
            return record
        translatable = is_translatable(record)
        if translatable and record.locale_id != self.default_locale_id:
            return record  # a translation already (a preview): its own text
        shown = copy.copy(record)
        translation = self.translation_of(record) if translatable else None
        shown.translation = translation
        shown.english_fields = frozenset(self._apply_text(shown, record, translation))
        if depth:
            self._show_relations(shown, depth - 1)
        return shown

    @staticmethod
    def _apply_text(shown, record, translation):
        """Put the translation's text on `shown`; yield the fields that stay English."""
        for name in text_fields(type(record)):
            english = _field_text(record, name)
            if translation is not None:
                setattr(shown, name, getattr(translation, name))
            if english and (translation is None or _field_text(translation, name) == english):
                yield name

    def _show_relations(self, shown, depth):
        prefetched = getattr(shown, "_prefetched_objects_cache", None)
        if prefetched:
            shown._prefetched_objects_cache = {
                name: self._show_queryset(queryset, depth) for name, queryset in prefetched.items()
            }
        shown._state.fields_cache = {
            name: self.show(value, depth) for name, value in shown._state.fields_cache.items()}

    def _show_queryset(self, queryset, depth):
        """A prefetched queryset whose rows are shown: `.all()` on the relation reads it."""
        rows = [self.show(row, depth) for row in queryset]
        if not isinstance(queryset, models.QuerySet):
            return rows
        return _holding(queryset, rows)

    def show_all(self, records):
        records = list(records)
        self.load(records)
        return [self.show(record) for record in records]

    def show_context(self, context):
        """Show every record a page's template context holds (the page, its lists, paginated
        lists and timeline entries) through its translation: one query per model in all."""
        if not self.needed:
            return
        self.load([record for value in context.values() for record in _records_in(value)])
        for name, value in list(context.items()):
            context[name] = self._show_value(value)

    def _show_value(self, value):
        if isinstance(value, models.Model):
            return self.show(value)
        if isinstance(value, PaginatorPage):
            value.object_list = [self._show_value(item) for item in value.object_list]
            return value
        if _is_record_list(value):
            return [self._show_value(item) for item in value]
        if dataclasses.is_dataclass(value) and isinstance(getattr(value, "record", None),
                                                          models.Model):
            return dataclasses.replace(value, record=self.show(value.record))
        return value


def _holding(queryset, rows):
    """A fetched queryset holding other rows. It shares the original's query rather than chaining
    a clone with its filter applied (that, per relation of every record shown, was a third of a
    long list's rendering): a queryset chains a clone before it changes its query, so a
    `.filter()` on the copy still means what it meant on the original."""
    shown = object.__new__(type(queryset))
    shown.__dict__.update(queryset.__dict__)
    if queryset._deferred_filter:  # a related manager's filter, added in place when first read:
        shown._query = queryset._query.clone()  # each adds it to its own query
    shown._result_cache = rows
    shown._prefetch_done = True
    return shown


def _is_record_list(value):
    """A list, tuple or queryset of records (or of timeline entries holding records). A queryset
    of records is told without running it: one of values (`values_list`) is never run here."""
    if isinstance(value, models.QuerySet):
        return value._fields is None
    if not isinstance(value, list | tuple):
        return False
    return any(isinstance(getattr(item, "record", item), models.Model) for item in value)


def _records_in(value):
    if isinstance(value, models.Model):
        return [value]
    if isinstance(value, PaginatorPage):
        value = value.object_list
    if _is_record_list(value):
        return [getattr(item, "record", item) for item in value]
    return []


def english_fields(record, *names):
    """Which of these fields of a record are English in a page of another language. A record
    not shown through `Translations` (a record that is not translatable, like an office held,
    or one fetched by a template) is English wherever it has text, unless it is a translation."""
    marked = getattr(record, "english_fields", None)
    if marked is None:
        marked = _english_unless_translation(record)
    return [name for name in names if name in marked]


def _english_unless_translation(record):
    if not isinstance(record, models.Model) or reader_language() == default_language():
        return ()
    if is_translatable(record) and record.locale_id != scoped_cache.default_locale_id(
            default_language()):  # a translation (the locale's id is kept: no query)
        return ()
    return {name for name in text_fields(type(record)) if _field_text(record, name)}


def translation_note(record):
    """The note that goes with translated study text: "Ubada's translation of the English
    study", in the translation's language. The hook for the translation's own note: a
    `translation_note` the translation carries, else none."""
    translation = getattr(record, "translation", None)
    return getattr(translation, "translation_note", "") if translation is not None else ""
