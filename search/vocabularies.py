"""The published records facets refer to (cities, settlements, promisors, subjects, elections).

A vocabulary maps a record id to its URL value (a slug), its label and every name it is known
by. Facets store ids; labels are looked up here when a page is shown, so renaming a settlement
never leaves a stale label in the index. The same names feed the `context` of the records that
refer to them (a promise's settlements, cities and promisors), and the database fallback matches
query words against them in any script (see search.names).

Vocabularies are small (thousands of rows at most) and kept per process for as long as the
data's version holds (search.versions: tokens in the shared cache that every publish and every
change of a searchable record bumps), so a publish shows in every process at once.
"""

import difflib
from dataclasses import dataclass, field

from actors.models import BodyPage, PersonPage
from chronicle.models import Event, EventKind
from core.localized import default_language
from core.names import split_names
from core.params import parse_int
from core.partial_dates import parse_or_none
from core.visibility import published
from places.models import CityPage, SettlementPage
from promises.models import published_subjects
from promises.subject_labels import subject_labels

from . import versions
from .names import all_keys, compact_key, compact_prefix_key, fold, latin, words
from .records import TRANSLATED_LANGUAGES, canonical, public_translations
from .versions import PerVersion

MATCHES_KEPT = 1000  # query words whose matching entries a vocabulary remembers


@dataclass
class Entry:
    id: int
    value: str  # what the URL carries (?city=bishkek)
    label: str
    names: list = field(default_factory=list)
    kind: str = ""  # the record type, for promisors: "person" or "body"
    translated: dict = field(default_factory=dict)  # {language: label} of live translations

    def __post_init__(self):
        self.folded = [fold(name) for name in self.names]
        self.latin_folded = [fold(latin(name)) for name in self.names]
        self.keys = set(all_keys(self.names))
        self.word_prefixes = {
            fold(word) for name in self.names + [latin(name) for name in self.names]
            for word in words(name)
        }

    def label_in(self, language):
        """(label, English?): the label in `language`, else the English one, saying so."""
        if language == default_language() or language in self.translated:
            return self.translated.get(language, self.label), False
        return self.label, True

    def matches(self, term):
        """Whether `term` (a word or phrase from a query) names this record."""
        folded = fold(term)
        if not folded:
            return False
        if any(folded in name for name in self.folded):
            return True
        folded_latin = fold(latin(term))
        if any(folded_latin in name for name in self.latin_folded):
            return True
        key = compact_key(term)
        return bool(key) and key in self.keys

    def completes(self, text):
        """Whether the name starts with `text` (autocomplete), in any script."""
        folded = fold(text)
        if not folded:
            return False
        if any(name.startswith(folded) for name in self.folded + self.latin_folded):
            return True
        if any(word.startswith(folded) or word.startswith(fold(latin(text)))
               for word in self.word_prefixes):
            return True
        key = compact_prefix_key(text)
        return len(key) >= 3 and any(k.startswith(key) for k in self.keys)

    def matched_name(self, text):
        """The name `text` matched, for "Ak-Jar (Ак-Жар)" in suggestions."""
        folded, folded_latin = fold(text), fold(latin(text))
        for name, name_folded, name_latin in zip(
            self.names, self.folded, self.latin_folded, strict=True
        ):
            if name_folded.startswith(folded) or name_latin.startswith(folded_latin):
                return name
        return self.names[0] if self.names else self.label


class Vocabulary:
    def __init__(self, name, loader):
        self.name = name
        self._data = PerVersion(lambda: _indexed(loader()))

    def entries(self):
        return self._data.get()

    def get(self, ids):
        by_id = self.entries()["by_id"]
        return {id_: by_id[id_] for id_ in ids if id_ in by_id}

    def resolve(self, value):
        """The ids a URL value stands for: a slug (maybe several records) or an id."""
        data = self.entries()
        ids = data["by_value"].get(str(value).strip().lower())
        if ids:
            return ids
        record_id = parse_int(value)
        return [record_id] if record_id in data["by_id"] else []

    def match(self, term):
        """The ids of the entries `term` names (remembered: every record type asks)."""
        data = self.entries()
        matches = data["matches"]
        if term not in matches:
            if len(matches) >= MATCHES_KEPT:
                matches.clear()
            matches[term] = {entry.id for entry in data["by_id"].values() if entry.matches(term)}
        return matches[term]

    def complete(self, text):
        return [entry for entry in self.entries()["by_id"].values() if entry.completes(text)]

    def all(self):
        return list(self.entries()["by_id"].values())

    def clear(self):
        self._data.clear()


def _indexed(entries):
    return {"by_id": {entry.id: entry for entry in entries},
            "by_value": _group_by_value(entries), "matches": {}}


def _group_by_value(entries):
    grouped = {}
    for entry in entries:
        grouped.setdefault(entry.value.lower(), []).append(entry.id)
    return grouped


def _translated_titles(model):
    """{translation key: {language: title of its live translation}}: a record is named by them
    too, and shown by them in facets."""
    found = {}
    for key, language, title in public_translations(model).values_list(
            "translation_key", "locale__language_code", "title"):
        found.setdefault(key, {})[language] = title
    return found


def _named_pages(model, *fields):
    """(row, names, {language: title}) for the canonical published pages of a model; names are
    the title, aliases and translations."""
    translated = _translated_titles(model)
    rows = canonical(published(model.objects.all())).values(
        "pk", "slug", "title", "other_names", "translation_key", *fields)
    named = []
    for row in rows:
        titles = translated.get(row["translation_key"], {})
        names = split_names(row["title"], row["other_names"]) + list(titles.values())
        named.append((row, list(dict.fromkeys(names)), titles))
    return named


def _cities():
    return [Entry(row["pk"], row["slug"], row["title"], names, "city", titles)
            for row, names, titles in _named_pages(CityPage)]


def _settlements():
    """Settlements labelled with their city, "Ak-Jar (Bishkek)", in each language."""
    cities = _translated_titles(CityPage)
    entries = []
    for row, names, titles in _named_pages(SettlementPage, "city__title",
                                          "city__translation_key"):
        city = cities.get(row["city__translation_key"], {})
        labels = {language: f"{title} ({city.get(language, row['city__title'])})"
                  for language, title in titles.items()}
        entries.append(Entry(row["pk"], row["slug"], f"{row['title']} ({row['city__title']})",
                             names, "settlement", labels))
    return entries


def _promisors():
    return [Entry(row["pk"], row["slug"], row["title"], names, kind, titles)
            for model, kind in ((PersonPage, "person"), (BodyPage, "body"))
            for row, names, titles in _named_pages(model)]


def _subjects():
    subjects = list(published_subjects())
    labels = {language: subject_labels(subjects, language) for language in TRANSLATED_LANGUAGES}
    return [Entry(subject.pk, subject.slug, subject.name, [subject.name], "subject",
                  {language: labels[language][subject.pk] for language in TRANSLATED_LANGUAGES
                   if labels[language][subject.pk] != subject.name})
            for subject in subjects]


def _elections():
    entries = []
    elections = canonical(Event.objects.filter(kind=EventKind.ELECTION))
    for row in elections.values("pk", "title", "date"):
        when = parse_or_none(row["date"])
        label = f"{row['title']} ({when})" if when else row["title"]
        entries.append(Entry(row["pk"], str(row["pk"]), label, [row["title"]], "event"))
    return entries


VOCABULARIES = {
    "city": Vocabulary("city", _cities),
    "settlement": Vocabulary("settlement", _settlements),
    "promisor": Vocabulary("promisor", _promisors),
    "subject": Vocabulary("subject", _subjects),
    "election": Vocabulary("election", _elections),
}


def vocabulary(name):
    return VOCABULARIES[name]


def clear_all():
    """Forget the vocabularies and everything else kept per version (search.versions)."""
    versions.clear_all()


def close_words(word, limit=1):
    """Names' words close to a misspelt word, for the database's "did you mean"."""
    folded = fold(word)
    if len(folded) < 3:
        return []
    candidates = {fold(w) for vocab in VOCABULARIES.values() for entry in vocab.all()
                  for name in entry.names for w in words(name) if len(w) >= 3}
    return difflib.get_close_matches(folded, candidates, n=limit, cutoff=0.75)
