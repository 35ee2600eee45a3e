"""Load the seed's translations (fixtures/seed/translations/<lang>/*.yaml) as wagtail-localize
translations of the English seed records. Idempotent.

Each file holds some of study.yaml's sections; each record is named as in study.yaml and
carries only translated text. The text goes where an editor's would: a TranslationSource of the
English record, a Translation into the language and one StringTranslation per segment, and
the translation is then saved (and a page published) with wagtail-localize's own
`Translation.save_target`. Editors later see these segments in wagtail-localize's editor, what
is missing, and what an English edit put out of date. A field or record the files leave out
stays English; a second run with unchanged files changes nothing, and a changed string
updates the translation.

Each language's `translation_note` ("Ubada's translation of the English study", in that
language) is kept in core.models.TranslationNote, one per locale.
"""

from pathlib import Path

import yaml
from taggit.models import Tag
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue, extract_strings

from core.models import TranslationNote
from core.visibility import default_locale
from promises.models import SubjectLabel
from promises.subject_labels import keep_english_label

from .locales import translation_languages
from .study_text import paragraphs, paragraphs_html

# section -> {field in the translation file: field of the record it translates}. Rich text
# fields (page summaries, the methodology's body) are HTML built paragraph by paragraph.
FIELDS = {
    "cities": {"name": "title", "summary": "summary"},
    "settlements": {"name": "title", "summary": "summary"},
    "people": {"name": "title", "summary": "summary"},
    "bodies": {"name": "title", "summary": "summary"},
    "sources": {"title": "title", "section": "section", "excerpt": "excerpt"},
    "events": {"title": "title", "summary": "summary"},
    "promises": {"title": "title", "text": "text", "quote": "quote",
                 "beneficiary_group": "beneficiary_group", "deadline_phrase": "deadline_phrase"},
    "pages": {"title": "title", "body": "body"},
}
# The loader's kind of record (SeedLoader.keys) in each section keyed by `key`.
KINDS = {"cities": "city", "settlements": "settlement", "people": "person", "bodies": "body",
         "sources": "source", "events": "event", "promises": "promise"}
# Sections whose records are not translatable (yet): their text stays English.
NOT_TRANSLATABLE = {"countries", "districts", "roles"}
# section -> {list in a record: (the English record's child relation, its translated field)}:
# child rows translated with their record, one entry per English row in study.yaml's order.
CHILD_ROWS = {
    "promises": {"status_history": ("status_changes", "rationale")},
    "settlements": {"legal_status": ("legal_statuses", "note"), "size": ("sizes", "note"),
                    "services": ("services", "note")},
}


class TranslationFileError(Exception):
    """A translation file that does not fit the English study (website.seed turns it into a
    SeedError)."""


def read_translations(directory):
    """{section: records, "translation_note": text} from one language's *.yaml files."""
    data = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise TranslationFileError(f"{path}: not valid YAML: {error}") from error
        if not isinstance(content, dict):
            raise TranslationFileError(f"{path}: expected sections at the top level")
        for section, records in content.items():
            if section == "translation_note":
                data[section] = str(records).strip()
            elif section in ("subjects", "pages"):
                data.setdefault(section, {}).update(records or {})
            elif section in FIELDS or section in NOT_TRANSLATABLE:
                data.setdefault(section, []).extend(records or [])
            else:
                raise TranslationFileError(f"{path}: unknown section {section!r}")
    return data


class TranslationLoader:
    """Translates the records a SeedLoader loaded (its `keys`) into one language."""

    def __init__(self, seed_loader, language_code, data):
        self.seed = seed_loader
        self.locale = Locale.objects.get(language_code=language_code)
        self.data = data
        self.report = seed_loader.report
        self.kind = f"{language_code} translation"

    def load(self):
        if self.data.get("translation_note"):
            TranslationNote.objects.update_or_create(
                locale=self.locale, defaults={"text": self.data["translation_note"]})
        for section, kind in KINDS.items():
            for record in self.data.get(section) or []:
                self.translate_record(section, kind, record)
        for tag, label in (self.data.get("subjects") or {}).items():
            self.translate_subject(tag, label)
        for slug, record in (self.data.get("pages") or {}).items():
            self.translate_page(slug, record or {})
        for section in NOT_TRANSLATABLE & set(self.data):
            self.report.count(f"{self.kind} of {section} (not translatable, left English)",
                              created=False)

    def translate_record(self, section, kind, record):
        name = f"{kind} {record.get('key')!r}"
        child_rows = CHILD_ROWS.get(section, {})
        unknown = set(record) - set(FIELDS[section]) - set(child_rows) - {"key"}
        if unknown:
            raise TranslationFileError(f"{name}: unknown fields {sorted(unknown)}")
        try:
            english = self.seed.keys[kind][record["key"]]
        except KeyError:
            raise TranslationFileError(f"{name}: no such record in the study") from None
        texts = {FIELDS[section][field]: value for field, value in record.items()
                 if field in FIELDS[section]}
        strings = self.field_strings(english, texts, name)
        for rows_name, (relation, field) in child_rows.items():
            if rows_name in record:
                strings.update(self.child_strings(
                    english, relation, field, record[rows_name], f"{name}: {rows_name}"))
        self.translate(english, strings, name)

    def translate_subject(self, tag_name, label):
        tag = Tag.objects.filter(name=tag_name).first()
        if tag is None:
            raise TranslationFileError(f"subject {tag_name!r}: no such subject in the study")
        english = default_locale(SubjectLabel.objects.filter(subject=tag)).first()
        if english is None:
            keep_english_label(Tag, tag)
            english = default_locale(SubjectLabel.objects.filter(subject=tag)).get()
        self.translate(english, {"label": [StringValue.from_plaintext(str(label)).data]},
                       f"subject {tag_name!r}")

    def translate_page(self, slug, record):
        name = f"page {slug!r}"
        page = Page.objects.child_of(self.seed.home).filter(slug=slug).first()
        if page is None:
            raise TranslationFileError(f"{name}: no such page under the home page")
        page = page.specific
        unknown = set(record) - set(FIELDS["pages"])
        if unknown:
            raise TranslationFileError(f"{name}: unknown fields {sorted(unknown)}")
        if "body" in record and not hasattr(page, "body"):
            raise TranslationFileError(f"{name}: has no body to translate")
        self.translate(page, self.field_strings(page, record, name), name)

    def field_strings(self, english, texts, name):
        """{field: [translated strings, one per English segment]}. Plain text keeps the
        English paragraphs one to one; rich text is split as wagtail-localize splits it (one
        string per block), and store_strings checks the count."""
        strings = {}
        for field, value in texts.items():
            if field == "body":  # HTML with the English page's blocks
                strings[field] = _html_strings(str(value))
            elif isinstance(type(english)._meta.get_field(field), RichTextField):
                strings[field] = _html_strings(paragraphs_html(value))
            else:
                self.check_paragraphs(getattr(english, field), value, f"{name}: {field}")
                strings[field] = [StringValue.from_plaintext(str(value).strip()).data]
        return strings

    @staticmethod
    def check_paragraphs(original, translated, label):
        if len(paragraphs(original)) != len(paragraphs(translated)):
            raise TranslationFileError(
                f"{label} has {len(paragraphs(translated))} paragraphs, the English "
                f"{len(paragraphs(original))}: keep the study's paragraph breaks one to one")

    def child_strings(self, english, relation, field, rows, name):
        """The translated `field` of the English record's child rows (a promise's status
        changes, a settlement's facts), one entry per row in the study's (and the seed's
        creation) order; an entry without the field leaves its row English."""
        children = list(getattr(english, relation).order_by("pk"))
        if not isinstance(rows, list) or len(rows) != len(children):
            raise TranslationFileError(
                f"{name} has {len(rows) if isinstance(rows, list) else 0} entries, the "
                f"English {len(children)}")
        strings = {}
        for child, row in zip(children, rows, strict=True):
            unknown = set(row or {}) - {field}
            if unknown:
                raise TranslationFileError(f"{name}: unknown {sorted(unknown)}")
            if (row or {}).get(field):
                self.check_paragraphs(getattr(child, field), row[field], f"{name}: {field}")
                strings[f"{relation}.{child.translation_key}.{field}"] = [
                    StringValue.from_plaintext(str(row[field]).strip()).data]
        return strings

    def translate(self, english, strings, name):
        """Store `strings` ({segment path: [data]}) as the translation of `english` and save
        the translated record, unless it is already so."""
        source, source_changed = TranslationSource.update_or_create_from_instance(english)
        translation, created = Translation.objects.get_or_create(
            source=source, target_locale=self.locale)
        changed = store_strings(source, self.locale, strings, name)
        target = _target(source, self.locale)
        if source_changed or created or changed or _needs_saving(target):
            translation.save_target(publish=not isinstance(english, Page))
            target = _target(source, self.locale)
            if isinstance(target, Page):
                # save_target publishes a page when the transaction commits: publish it now,
                # so the loader (in one transaction, or in a test's) sees it live.
                target.get_latest_revision().publish()
        self.report.count(self.kind, created=created)


def _html_strings(html):
    """The translatable strings of an HTML fragment, as wagtail-localize extracts them."""
    _template, strings = extract_strings(html)
    return [string.data for string, _attrs in strings]


def _target(source, locale):
    try:
        return source.get_translated_instance(locale)
    except source.get_source_instance().__class__.DoesNotExist:
        return None


def _needs_saving(target):
    """No translation yet, an alias still standing in for one, or an unpublished draft."""
    if target is None:
        return True
    if isinstance(target, Page):
        return bool(target.alias_of_id or not target.live or target.has_unpublished_changes)
    return False


def store_strings(source, locale, strings, name):
    """Write the StringTranslations of `strings` against the source's segments; True if any
    was new or changed."""
    segments = {}
    for segment in (StringSegment.objects.filter(source=source)
                    .select_related("context", "string").order_by("order")):
        segments.setdefault(segment.context.path, []).append(segment)
    changed = False
    for path, values in strings.items():
        english = segments.get(path, [])
        if len(english) != len(values):
            raise TranslationFileError(
                f"{name}: {path.rsplit('.', 1)[-1]} has {len(values)} paragraphs, the English "
                f"{len(english)}" if english else
                f"{name}: {path.rsplit('.', 1)[-1]} has no English text to translate")
        for segment, data in zip(english, values, strict=True):
            existing = StringTranslation.objects.filter(
                translation_of=segment.string, locale=locale, context=segment.context).first()
            if existing is None or existing.data != data:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string, locale=locale, context=segment.context,
                    defaults={"data": data,
                              "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL})
                changed = True
    return changed


def load_translations(seed_loader, directory):
    """Translate the seed records into every language that has a directory under
    `directory`; languages without one are skipped."""
    for language_code in translation_languages():
        language_dir = Path(directory) / language_code
        if language_dir.is_dir():
            data = read_translations(language_dir)
            TranslationLoader(seed_loader, language_code, data).load()
