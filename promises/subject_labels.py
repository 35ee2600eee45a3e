"""Subjects' labels in the reader's language (promises.models.SubjectLabel).

Every subject (a taggit tag) has an English label equal to its name, kept so by
`keep_english_label` whenever the tag is saved; editors translate it in wagtail-localize's
editor, and `subject_labels()` reads the labels a page shows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_save
from taggit.models import Tag
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from core.localized import default_language, reader_language
from core.scoped_cache import scoped
from core.translation import translations_of
from core.visibility import default_locale


def keep_english_label(sender, instance, **kwargs):
    """post_save of a tag: its English label is its name (the source wagtail-localize
    translates; a renamed subject's translations then show as out of date)."""
    from .models import SubjectLabel

    english = Locale.objects.get(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    SubjectLabel.objects.update_or_create(subject=instance, locale=english,
                                          defaults={"label": instance.name})


def subject_labels(subjects, language_code=None):
    """{tag id: label} of `subjects` in `language_code` (default: the reader's language): the
    translated label where there is one, else the subject's name (English)."""
    language_code = language_code or reader_language()
    if language_code == default_language():  # the English label is the subject's name
        return {subject.pk: subject.name for subject in subjects}
    translated = scoped(f"subject-labels:{language_code}",
                        lambda: _translated_labels(language_code))
    return {subject.pk: translated.get(subject.pk, subject.name) for subject in subjects}


def _translated_labels(language_code):
    """{tag id: label} of every subject with a label in `language_code`: a few dozen, kept
    under the site and lists versions (core.scoped_cache), so pages read them without a query
    (a label saved, or a tag renamed, which saves its English label, bumps "lists")."""
    from .models import SubjectLabel

    english = list(default_locale(SubjectLabel.objects.all()))
    translated = translations_of(english, language_code)
    return {label.subject_id: translated[label.translation_key].label for label in english
            if label.translation_key in translated}


@dataclass(frozen=True)
class ShownSubject:
    """A subject as a page shows it: its tag (for the filter link) and its label in the
    reader's language; `english` when no translated label exists for a non-English reader."""

    subject: Tag
    label: str
    english: bool


def shown_subjects(subjects, language_code=None):
    """`subjects` with their labels in the reader's language, in the given order."""
    language_code = language_code or reader_language()
    subjects = list(subjects)
    labels = subject_labels(subjects, language_code)
    english = language_code != default_language()
    return [ShownSubject(subject, labels[subject.pk],
                         english and labels[subject.pk] == subject.name)
            for subject in subjects]


def connect():
    post_save.connect(keep_english_label, sender=Tag, dispatch_uid="promises_subject_label")
