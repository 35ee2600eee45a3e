"""Find the settlements, people, bodies and subjects a news story mentions, and score the story
against promises.

Names are matched in a folded form: lower case, transliterated to Latin with anyascii, with
spelling variants folded together (zh/dzh/j, kh/h, q/k, y/i, "y" between vowels dropped,
doubled letters single), so Ак-Жар, Ak-Jar, Ak-Zhar and Akzhar are one key. Russian, Kyrgyz and
Kazakh case endings are stripped from the last word (Ак-Жаре, Атамбаеву, Ак-Жарда,
Шаңырақта), and rapidfuzz allows one or two letters' difference in longer names.

Names come from the records (countries, cities, settlements, people and bodies with their
other names); subject keywords, generic names of bodies ("мэрия", "акимат") and words for
informal settlements from the vocabulary file (:mod:`scrapers.vocabulary`); a subject tag that
the vocabulary does not know is looked for by its own name, folded like the other names.

Everything is compiled once per run (:class:`Linker`): a dict from folded name keys to
entities, a set of multi-word name prefixes, one regex for every subject keyword and one for
the generic names of bodies. Each story is then read once, word by word,
with per-word results memoised; promises are scored through inverted indexes, so the cost per
story does not grow with the number of promises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from actors.models import BodyPage, PersonPage
from core.folding import DOUBLE_LETTERS as _DOUBLE
from core.folding import name_key as fold
from core.partial_dates import PartialDate, parse_or_none
from core.visibility import default_locale
from places.models import CityPage, Country, SettlementPage
from promises.models import PromisePage

from .passages import passages
from .vocabulary import normalise_subject, subjects_in, vocabulary

__all__ = [
    "Analysis",
    "Entity",
    "Linker",
    "Match",
    "Mention",
    "PromiseSpec",
    "fold",
    "normalise_subject",
    "stems",
]

# --- folding ----------------------------------------------------------------------------------

# `fold` (imported above) is core.folding.name_key, the key search uses too: Ак-Жар, Ak-Jar,
# Ak-Zhar, Akzhar → "akjar".


# Case endings (and a few derivational ones) of Russian, Kyrgyz and Kazakh, folded like names.
_RAW_SUFFIXES = (
    # Russian nouns and adjectives
    "а", "я", "у", "ю", "е", "и", "ы", "о", "ом", "ем", "ой", "ей", "ым", "им", "ого", "его",
    "ому", "ему", "ах", "ях", "ам", "ям", "ами", "ями", "ую", "ая", "ое", "ые", "ий", "ых",
    "ских", "ский", "ская", "ское", "ские", "ского", "ской", "скую", "ском", "скому",
    "цы", "цев", "цам", "цами", "ец", "ке", "ку", "ка",
    # Kyrgyz and Kazakh case endings and plurals
    "да", "де", "та", "те", "до", "дө", "то", "тө", "га", "ге", "ка", "ке", "го", "гө", "ко",
    "кө", "ға", "ге", "қа", "ке", "на", "не", "ны", "ни", "ды", "ди", "ты", "ти", "ну", "нү",
    "ду", "дү", "ту", "тү", "дун", "дүн", "дын", "дин", "тын", "тин", "нын", "нин", "ның",
    "нің", "дың", "дің", "тың", "тің", "дан", "ден", "тан", "тен", "нан", "нен", "дон", "дөн",
    "тон", "төн", "дагы", "деги", "тагы", "теги", "дағы", "дегі", "тағы", "тегі", "лар",
    "лер", "дар", "дер", "тар", "тер", "лор", "лөр", "дор", "дөр", "тор", "төр", "сы", "си",
    "су", "сү", "сі", "лык", "лик", "лук", "лүк", "дык", "дик", "дук", "дүк", "тык", "тик",
    "тук", "түк", "лық", "лік", "дық", "дік", "тық", "тік", "мен", "менен",
)
SUFFIXES = tuple(sorted({fold(s) for s in _RAW_SUFFIXES} - {""}, key=len, reverse=True))
#: Endings a name may have in its own (nominative) form: Западный, Коянды, Абдирасулова.
NAME_ENDINGS = tuple(sorted(
    {fold(s) for s in ("а", "я", "ы", "и", "ий", "ый", "ой", "ая", "ое", "ые", "о", "е")} - {""},
    key=len, reverse=True,
))
#: Adjectives made from names are written in lower case: бишкекских, алматинской.
ADJECTIVE_ENDINGS = tuple({fold(s) for s in (
    "ский", "ская", "ское", "ские", "ского", "ской", "скую", "ском", "скому", "ских", "скими",
    "инский", "инская", "инской", "инских", "инского",
)})
MIN_STEM = 3


def stems(key: str, depth: int = 2) -> set[str]:
    """``key`` without one or two case endings (never shorter than MIN_STEM letters)."""
    found: set[str] = set()
    frontier = {key}
    for _ in range(depth):
        nxt = set()
        for word in frontier:
            for suffix in SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                    nxt.add(word[: -len(suffix)])
        nxt -= found
        found |= nxt
        frontier = nxt
    # stripping a suffix can leave a doubled letter's twin: "шаңыраққа" → "shanirak"
    return found | {_DOUBLE.sub(r"\1", s) for s in found}


# --- data the linker works on ------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """Something with names to look for: a settlement, person, body, city or country, or a
    subject tag the vocabulary does not know."""

    kind: str  # "settlement", "person", "body", "city", "country"; "subject" for a tag
    id: int | str
    label: str
    names: tuple[str, ...]
    city_id: int | None = None
    country_id: int | str | None = None
    body_kind: str = ""


@dataclass(frozen=True)
class PromiseSpec:
    id: int
    title: str
    made: PartialDate | None
    settlements: frozenset = frozenset()
    people: frozenset = frozenset()
    bodies: frozenset = frozenset()
    subjects: frozenset = frozenset()


@dataclass(frozen=True)
class Mention:
    kind: str
    id: int | str
    label: str
    start: int
    end: int
    matched: str
    fuzzy: bool = False
    generic: bool = False


@dataclass
class Analysis:
    """What one story mentions."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    #: subject → mentions of it (kind "subject")
    subjects: dict[str, list[Mention]] = field(default_factory=dict)
    #: body id → generic mentions ("мэрия" with the body's city mentioned)
    generic_bodies: dict[int, list[Mention]] = field(default_factory=dict)
    generic_settlement: list[Mention] = field(default_factory=list)
    title_length: int = 0

    def ids(self, kind: str) -> set:
        return {m.id for m in self.mentions if m.kind == kind}

    def of(self, kind: str, entity_id) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind and m.id == entity_id]


@dataclass
class Match:
    promise: PromiseSpec
    score: float
    reasons: str
    details: dict


# --- weights -------------------------------------------------------------------------------

W_SETTLEMENT = 0.4
W_SETTLEMENT_IN_TITLE = 0.05
#: the promise names no settlement, and the story speaks of settlements of its city or country
W_PLACE = 0.3
#: ... or of its city or country only
W_PLACE_ONLY = 0.15
W_PERSON = 0.25
W_BODY = 0.2
#: "мэрия" with the body's city named counts as the body's name; "правительство" with only the
#: country named is weaker
W_BODY_GENERIC = 0.1
W_SUBJECT_ONE = 0.15
W_SUBJECT_MORE = 0.25
#: the story is about other subjects than the promise (water, not land)
W_OTHER_SUBJECTS = -0.3
W_DATE_AFTER = 0.1
DEFAULT_THRESHOLD = 0.6


# --- the linker ----------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")
_JOINABLE_GAP = re.compile(r"^[\s\-\u2010-\u2015\u00a0'’]{1,3}$")


@dataclass
class _Target:
    entity: int  # index into Linker.entities
    needs_capital: bool


@dataclass(frozen=True)
class _Words:
    """A text's words: (word, start, end) and each word's folded key."""

    text: str
    tokens: list[tuple[str, int, int]]
    folded: list[str]

    @classmethod
    def of(cls, text: str, fold_word: Callable[[str], str]) -> _Words:
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        return cls(text, tokens, [fold_word(word) for word, _start, _end in tokens])


class Linker:
    """Compiled matchers for one run. Build with :meth:`from_db` or from plain specs.

    ``subject_tags`` are the names of subject tags editors gave promises in the CMS; a tag the
    vocabulary does not know is found in stories by its own name, folded like other names.
    """

    def __init__(
        self,
        entities: Iterable[Entity],
        promises: Iterable[PromiseSpec] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        subject_tags: Iterable[str] = (),
    ) -> None:
        known = vocabulary()
        self.entities: list[Entity] = [*entities, *_tag_entities(subject_tags)]
        self.promises: list[PromiseSpec] = list(promises)
        self.threshold = threshold
        self._keys: dict[str, list[_Target]] = defaultdict(list)
        self._stem_keys: dict[str, list[_Target]] = defaultdict(list)
        self._prefixes: set[str] = set()
        self._max_tokens = 1
        self._fuzzy: dict[str, list[str]] = defaultdict(list)
        self._fold_memo: dict[str, str] = {}
        self._lookup_memo: dict[str, tuple[tuple[_Target, ...], bool]] = {}
        for index, entity in enumerate(self.entities):
            for name in entity.names:
                self._add_name(index, name)
        for key in list(self._keys):
            if len(key) >= 6:
                self._fuzzy[key[0]].append(key)
        self._subject_re, self._subject_groups = known.subject_pattern
        self._body_term_re, self._body_term_groups = known.body_term_pattern
        self._generic_settlement_re = known.generic_settlement_pattern
        self._index_promises()

    # -- building -------------------------------------------------------------------------

    def _add_name(self, index: int, name: str) -> None:
        words = [w for w in _TOKEN.findall(name) if w]
        folded = [fold(w) for w in words]
        folded = [f for f in folded if f]
        if not folded:
            return
        key = "".join(folded)
        if len(key) < MIN_STEM:
            return
        # a proper name in capitals is looked for in capitals; a subject in any case
        is_subject = self.entities[index].kind == "subject"
        target = _Target(index, not is_subject and name.strip()[:1].isupper())
        if not any(t.entity == index for t in self._keys[key]):
            self._keys[key].append(target)
        if len(key) >= 5:
            for ending in NAME_ENDINGS:
                stem = key[: -len(ending)]
                if (
                    key.endswith(ending)
                    and len(stem) >= 4
                    and not any(t.entity == index for t in self._stem_keys[stem])
                ):
                    self._stem_keys[stem].append(target)
        for count in range(1, len(folded)):
            self._prefixes.add("".join(folded[:count]))
        self._max_tokens = max(self._max_tokens, len(folded) + 1)

    def _index_promises(self) -> None:
        self._by_settlement: dict = defaultdict(list)
        self._by_person: dict = defaultdict(list)
        self._by_body: dict = defaultdict(list)
        self._unnamed: list[PromiseSpec] = []  # promises to no named settlement
        for promise in self.promises:
            for sid in promise.settlements:
                self._by_settlement[sid].append(promise)
            for pid in promise.people:
                self._by_person[pid].append(promise)
            for bid in promise.bodies:
                self._by_body[bid].append(promise)
            if not promise.settlements:
                self._unnamed.append(promise)
        self._body_entities = {
            e.id: e for e in self.entities if e.kind == "body"
        }
        self._bodies_by_kind: dict[str, list[Entity]] = defaultdict(list)
        for body in self._body_entities.values():
            self._bodies_by_kind[body.body_kind].append(body)
        self._city_country = {e.id: e.country_id for e in self.entities if e.kind == "city"}
        self._settlement_city = {
            e.id: e.city_id for e in self.entities if e.kind == "settlement"
        }

    @classmethod
    def from_db(cls, threshold: float = DEFAULT_THRESHOLD) -> Linker:
        """Every settlement, person, body, city and country (by all its names), every live
        canonical promise (a translation is the same promise), and the subject tags of those
        promises."""
        promises = list(default_locale(PromisePage.objects.live()).prefetch_related(
            "people", "bodies", "settlements", "subjects"
        ))
        tags = {tag.name for promise in promises for tag in promise.subjects.all()}
        return cls(_entities_from_db(), [_promise_spec(promise) for promise in promises],
                   threshold=threshold, subject_tags=tags)

    # -- reading a story --------------------------------------------------------------------

    def _fold(self, word: str) -> str:
        folded = self._fold_memo.get(word)
        if folded is None:
            folded = fold(word)
            if len(self._fold_memo) > 500_000:
                self._fold_memo.clear()
            self._fold_memo[word] = folded
        return folded

    def _lookup(self, key: str) -> tuple[tuple[_Target, ...], bool]:
        """Targets for a folded key (exact, then case endings, then fuzzy); memoised."""
        cached = self._lookup_memo.get(key)
        if cached is not None:
            return cached
        result: tuple[tuple[_Target, ...], bool] = ((), False)
        if len(key) >= MIN_STEM:
            hits = list(self._keys.get(key, ()))
            if not hits and len(key) >= 4:
                for stem in stems(key):
                    hits.extend(self._keys.get(stem, ()))
                    if len(stem) >= 4:
                        hits.extend(self._stem_keys.get(stem, ()))
                if not hits:
                    hits.extend(self._stem_keys.get(key, ()))
            if hits:
                result = (tuple(_dedupe(hits)), False)
            elif len(key) >= 6:
                fuzzy = self._fuzzy_hits(key)
                if fuzzy:
                    result = (fuzzy, True)
        if len(self._lookup_memo) > 500_000:
            self._lookup_memo.clear()
        self._lookup_memo[key] = result
        return result

    def _fuzzy_hits(self, key: str) -> tuple[_Target, ...]:
        pool = self._fuzzy.get(key[0], ())
        if not pool:
            return ()
        best: list[_Target] = []
        best_distance = 99
        candidates = {key} | {s for s in stems(key, depth=1) if len(s) >= 6}
        for candidate in candidates:
            limit = 1 if len(candidate) < 10 else 2
            for name_key in pool:
                if abs(len(name_key) - len(candidate)) > limit:
                    continue
                distance = Levenshtein.distance(candidate, name_key, score_cutoff=limit)
                if distance <= limit:
                    if distance < best_distance:
                        best, best_distance = list(self._keys[name_key]), distance
                    elif distance == best_distance:
                        best.extend(self._keys[name_key])
        return tuple(_dedupe(best))

    def analyse(self, text: str, title: str = "") -> Analysis:
        """Every mention in ``title`` and ``text`` (the title first, separated by a blank line)."""
        full = f"{title}\n\n{text}" if title else text
        analysis = Analysis(text=full, title_length=len(title) if title else 0)
        self._find_names(_Words.of(full, self._fold), analysis)
        for match in self._subject_re.finditer(full):
            subject = self._subject_groups[match.lastgroup]
            analysis.subjects.setdefault(subject, []).append(Mention(
                "subject", subject, subject, match.start(), match.end(), match.group()
            ))
        self._generic_bodies(full, analysis)
        for match in self._generic_settlement_re.finditer(full):
            analysis.generic_settlement.append(Mention(
                "settlement", 0, match.group(), match.start(), match.end(), match.group(),
                generic=True,
            ))
        return analysis

    def _find_names(self, words: _Words, analysis: Analysis) -> None:
        """Read word by word; at each word take the longest name that starts there."""
        i, count = 0, len(words.tokens)
        while i < count:
            if not words.folded[i]:
                i += 1
                continue
            end, hits = self._longest_name_at(words, i)
            if hits is not None and self._record_name(analysis, words, (i, end), hits):
                i = end + 1
            else:
                i += 1

    def _longest_name_at(
        self, words: _Words, first: int
    ) -> tuple[int, tuple[tuple[_Target, ...], bool] | None]:
        """The last word of the longest name starting at word ``first``, and its targets."""
        tokens, folded = words.tokens, words.folded
        best_end, best_hits = -1, None
        hits, fuzzy = self._lookup(folded[first])
        if hits:
            best_end, best_hits = first, (hits, fuzzy)
        joined, j = folded[first], first
        while (
            joined in self._prefixes
            and j + 1 < len(tokens)
            and j - first + 1 < self._max_tokens
            and _JOINABLE_GAP.match(words.text[tokens[j][2]:tokens[j + 1][1]])
        ):
            j += 1
            joined += folded[j]
            hits, fuzzy = self._lookup(joined)
            if hits:
                best_end, best_hits = j, (hits, fuzzy)
        return best_end, best_hits

    def _record_name(self, analysis: Analysis, words: _Words, span: tuple[int, int],
                     hits: tuple[tuple[_Target, ...], bool]) -> bool:
        """Record the mentions of the name over words ``span``; whether there was any (a
        proper name must be written with a capital, or as a lower-case adjective)."""
        first, last = span
        start, end = words.tokens[first][1], words.tokens[last][2]
        matched = words.text[start:end]
        capital = words.tokens[first][0][:1].isupper() or words.folded[last].endswith(
            ADJECTIVE_ENDINGS
        )
        targets, fuzzy = hits
        recorded = False
        for target in targets:
            if target.needs_capital and not capital:
                continue
            entity = self.entities[target.entity]
            mention = Mention(entity.kind, entity.id, entity.label, start, end, matched, fuzzy)
            if entity.kind == "subject":
                analysis.subjects.setdefault(entity.id, []).append(mention)
            else:
                analysis.mentions.append(mention)
            recorded = True
        return recorded

    def _generic_bodies(self, full: str, analysis: Analysis) -> None:
        terms: dict[str, list[Mention]] = defaultdict(list)
        for match in self._body_term_re.finditer(full):
            kind = self._body_term_groups[match.lastgroup]
            terms[kind].append(Mention("body", 0, kind, match.start(), match.end(),
                                       match.group(), generic=True))
        if not terms:
            return
        cities = analysis.ids("city")
        cities |= {self._settlement_city.get(s) for s in analysis.ids("settlement")}
        countries = analysis.ids("country") | {self._city_country.get(c) for c in cities}
        for kind, mentions in terms.items():
            for body in self._bodies_by_kind.get(kind, ()):
                in_context = (
                    body.city_id in cities if body.city_id else body.country_id in countries
                )
                if in_context:
                    analysis.generic_bodies[body.id] = [
                        Mention("body", body.id, body.label, m.start, m.end, m.matched,
                                generic=True)
                        for m in mentions
                    ]

    # -- scoring ------------------------------------------------------------------------------

    def match(
        self, analysis: Analysis, published: dt.date | None = None
    ) -> list[Match]:
        """Promises the story may report on, best first, at or above the threshold."""
        settlements = analysis.ids("settlement")
        people = analysis.ids("person")
        bodies = analysis.ids("body")
        candidates: dict[int, PromiseSpec] = {}
        for sid in settlements:
            for promise in self._by_settlement.get(sid, ()):
                candidates[promise.id] = promise
        for pid in people:
            for promise in self._by_person.get(pid, ()):
                candidates[promise.id] = promise
        for bid in bodies | set(analysis.generic_bodies):
            for promise in self._by_body.get(bid, ()):
                candidates[promise.id] = promise
        if analysis.generic_settlement or settlements:
            for promise in self._unnamed:
                candidates[promise.id] = promise
        matches = []
        for promise in candidates.values():
            match = self._score(promise, analysis, published)
            if match is not None and match.score >= self.threshold - 1e-9:
                matches.append(match)
        matches = _explain_away(matches)
        matches.sort(key=lambda m: (-m.score, m.promise.id))
        return matches

    def _places(self, analysis: Analysis) -> tuple[set, set]:
        """Cities and countries the story speaks of (directly or through a settlement)."""
        cities = analysis.ids("city") | {
            self._settlement_city.get(s) for s in analysis.ids("settlement")
        }
        cities.discard(None)
        countries = analysis.ids("country") | {self._city_country.get(c) for c in cities}
        countries.discard(None)
        return cities, countries

    def _promise_places(self, promise: PromiseSpec) -> tuple[set, set]:
        bodies = [self._body_entities[b] for b in promise.bodies if b in self._body_entities]
        cities = {b.city_id for b in bodies if b.city_id}
        countries = {b.country_id for b in bodies if b.country_id}
        return cities, countries

    def _score(
        self, promise: PromiseSpec, analysis: Analysis, published: dt.date | None
    ) -> Match | None:
        """The promise's score for the story, with the reasons; None when the story cannot
        be about it (published before it was made, or naming neither its place nor its
        promisor)."""
        sheet = _ScoreSheet()
        if not _date_part(sheet, promise, published):
            return None
        named_settlement = self._settlement_part(sheet, promise, analysis)
        promisor = self._promisor_part(sheet, promise, analysis)
        if not (named_settlement or "place" in sheet.parts or promisor):
            return None
        _subject_part(sheet, promise, analysis)
        score = round(min(1.0, sum(sheet.parts.values())), 3)
        details = sheet.details
        details["score_parts"] = sheet.parts
        details["passages"] = passages(analysis.text, sheet.marks)
        return Match(promise, score, _reasons_text(details), details)

    def _settlement_part(
        self, sheet: _ScoreSheet, promise: PromiseSpec, analysis: Analysis
    ) -> bool:
        """A settlement of the promise named (more in the title); for a promise to unnamed
        settlements, its place. Whether a settlement of the promise was named."""
        hit_settlements = [s for s in promise.settlements if analysis.of("settlement", s)]
        if hit_settlements:
            sheet.parts["settlement"] = W_SETTLEMENT
            in_title = False
            for sid in hit_settlements:
                found = analysis.of("settlement", sid)
                sheet.marks.extend(found)
                in_title = in_title or any(m.start < analysis.title_length for m in found)
                sheet.details["settlements"].append(_described(found))
            if in_title:
                sheet.parts["settlement_in_title"] = W_SETTLEMENT_IN_TITLE
        elif not promise.settlements:
            self._place_part(sheet, promise, analysis)
        return bool(hit_settlements)

    def _place_part(self, sheet: _ScoreSheet, promise: PromiseSpec, analysis: Analysis) -> None:
        """Promised to settlements it does not name (or to a group): the place counts."""
        cities, countries = self._places(analysis)
        promise_cities, promise_countries = self._promise_places(promise)
        in_place = (promise_cities & cities) if promise_cities else (
            promise_countries & countries
        )
        if not in_place:
            return
        named = [m for m in analysis.mentions if m.kind == "settlement"]
        found = (analysis.generic_settlement or named)[:3]
        if not found:
            sheet.parts["place"] = W_PLACE_ONLY
            return
        sheet.parts["place"] = W_PLACE
        sheet.marks.extend(found)
        sheet.details["settlements"].append({
            "label": "", "matched": sorted({m.matched for m in found}),
            "generic": True, "fuzzy": False,
        })

    def _promisor_part(
        self, sheet: _ScoreSheet, promise: PromiseSpec, analysis: Analysis
    ) -> float:
        """The strongest mention of whoever made the promise: a person, a body by name, or a
        body by its generic name in its city (or country)."""
        hit_people = [p for p in promise.people if analysis.of("person", p)]
        hit_bodies = [b for b in promise.bodies if analysis.of("body", b)]
        generic_bodies = [b for b in promise.bodies
                          if b not in hit_bodies and b in analysis.generic_bodies]
        promisor = 0.0
        for pid in hit_people:
            promisor = max(promisor, W_PERSON)
            sheet.add(analysis.of("person", pid), "people")
        for bid in hit_bodies:
            promisor = max(promisor, W_BODY)
            sheet.add(analysis.of("body", bid), "bodies")
        for bid in generic_bodies:
            city_body = bool(self._body_entities[bid].city_id)
            promisor = max(promisor, W_BODY if city_body else W_BODY_GENERIC)
            sheet.add(analysis.generic_bodies[bid], "bodies", generic=True)
        if promisor:
            sheet.parts["promisor"] = promisor
        return promisor


@dataclass
class _ScoreSheet:
    """A promise's score being made: its parts, the mentions to show, the reasons."""

    parts: dict[str, float] = field(default_factory=dict)
    marks: list[Mention] = field(default_factory=list)
    details: dict = field(default_factory=lambda: {
        "settlements": [], "people": [], "bodies": [], "subjects": []})

    def add(self, found: list[Mention], group: str, generic: bool = False) -> None:
        self.marks.extend(found)
        self.details[group].append(_described(found, generic=generic))


def _date_part(sheet: _ScoreSheet, promise: PromiseSpec, published: dt.date | None) -> bool:
    """A story published after the promise was made counts; one published before it cannot
    report on it (False)."""
    made = promise.made
    sheet.details["date"] = {
        "published": published.isoformat() if published else "",
        "made": made.iso() if made else "",
        "after": None,
    }
    if published and made:
        if published < made.earliest():
            return False
        sheet.parts["date"] = W_DATE_AFTER
        sheet.details["date"]["after"] = True
    return True


def _subject_part(sheet: _ScoreSheet, promise: PromiseSpec, analysis: Analysis) -> None:
    """Subjects shared with the promise count; a story about other subjects only counts
    against it."""
    shared = sorted(promise.subjects & set(analysis.subjects))
    if shared:
        sheet.parts["subjects"] = W_SUBJECT_ONE if len(shared) == 1 else W_SUBJECT_MORE
        for subject in shared:
            found = analysis.subjects[subject]
            sheet.marks.extend(found[:3])
            sheet.details["subjects"].append(
                {"label": subject, "matched": sorted({m.matched for m in found})[:5]}
            )
    elif promise.subjects and analysis.subjects:
        sheet.parts["other_subjects"] = W_OTHER_SUBJECTS
        sheet.details["other_subjects"] = sorted(analysis.subjects)


def _explain_away(matches: list[Match]) -> list[Match]:
    """Drop promises to unnamed settlements whose shared subjects are all covered by a
    promise to a settlement the story names: the story is about that settlement's promise
    ("Ak-Jar got water" is not news about "water for other new settlements")."""
    named = [m for m in matches if m.details.get("settlements") and not any(
        s.get("generic") for s in m.details["settlements"])]
    if not named:
        return matches
    covered = set()
    for match in named:
        covered |= {s["label"] for s in match.details["subjects"]}
    kept = []
    for match in matches:
        if match.promise.settlements or match in named:
            kept.append(match)
            continue
        shared = {s["label"] for s in match.details["subjects"]}
        if shared and shared <= covered:
            continue
        kept.append(match)
    return kept




def _entities_from_db() -> list[Entity]:
    entities = [Entity("country", country.pk, country.name, tuple(country.name_list()))
                for country in Country.objects.all()]
    entities += [Entity("city", city.pk, city.title, tuple(city.name_list()),
                        country_id=city.country_id)
                 for city in CityPage.objects.all()]
    entities += [Entity("settlement", settlement.pk, settlement.title,
                        tuple(settlement.name_list()), city_id=settlement.city_id)
                 for settlement in SettlementPage.objects.all()]
    entities += [Entity("person", person.pk, person.title, tuple(person.name_list()))
                 for person in PersonPage.objects.all()]
    entities += [Entity("body", body.pk, body.title, tuple(body.name_list()),
                        city_id=body.city_id, country_id=body.country_id, body_kind=body.kind)
                 for body in BodyPage.objects.all()]
    return entities


def _promise_spec(promise: PromisePage) -> PromiseSpec:
    """A promise as the linker sees it; without subject tags, the subjects its text names."""
    subjects = {normalise_subject(tag.name) for tag in promise.subjects.all()}
    try:
        made = parse_or_none(promise.made)
    except ValueError:
        made = None
    return PromiseSpec(
        id=promise.pk,
        title=promise.title,
        made=made,
        settlements=frozenset(s.pk for s in promise.settlements.all()),
        people=frozenset(p.pk for p in promise.people.all()),
        bodies=frozenset(b.pk for b in promise.bodies.all()),
        subjects=frozenset(subjects) or frozenset(subjects_in(f"{promise.title}. {promise.text}")),
    )


def _tag_entities(names: Iterable[str]) -> list[Entity]:
    """Subject tags the vocabulary does not know, to be found by their own names."""
    known = vocabulary().subjects
    entities = {}
    for name in names:
        subject = normalise_subject(name)
        if subject not in known and name.strip():
            entities.setdefault(subject, Entity("subject", subject, subject, (name,)))
    return list(entities.values())


def _dedupe(targets: Iterable[_Target]) -> list[_Target]:
    seen: dict[int, _Target] = {}
    for target in targets:
        known = seen.get(target.entity)
        if known is None or (known.needs_capital and not target.needs_capital):
            seen[target.entity] = target
    return list(seen.values())


def _described(found: list[Mention], generic: bool = False) -> dict:
    return {
        "label": found[0].label,
        "matched": sorted({m.matched for m in found})[:5],
        "fuzzy": any(m.fuzzy for m in found),
        "generic": generic,
    }


def _reasons_text(details: dict) -> str:
    lines = []
    for key, label in (("settlements", "Settlement"), ("people", "Person"),
                       ("bodies", "Body")):
        for item in details[key]:
            matched = ", ".join(f"“{m}”" for m in item["matched"])
            how = " (generic term)" if item.get("generic") else ""
            how += " (approximate spelling)" if item.get("fuzzy") else ""
            lines.append(f"{label}: {item['label'] or 'informal settlements'}{how}: {matched}")
    if details["subjects"]:
        lines.append("Subjects: " + ", ".join(item["label"] for item in details["subjects"]))
    date = details["date"]
    if date["after"]:
        lines.append(f"Published {date['published']}, after the promise ({date['made']})")
    return "\n".join(lines)
