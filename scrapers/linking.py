"""Find the settlements, people, bodies and subjects a news story mentions, and score the story
against promises.

Names are matched in a folded form: lower case, transliterated to Latin with anyascii, with
spelling variants folded together (zh/dzh/j, kh/h, q/k, y/i, "y" between vowels dropped,
doubled letters single), so Ак-Жар, Ak-Jar, Ak-Zhar and Akzhar are one key. Russian, Kyrgyz and
Kazakh case endings are stripped from the last word (Ак-Жаре, Атамбаеву, Ак-Жарда,
Шаңырақта), and rapidfuzz allows one or two letters' difference in longer names.

Everything is compiled once per run (:class:`Linker`): a dict from folded name keys to
entities, a set of multi-word name prefixes, one regex for every subject keyword and one for
the generic names of bodies ("мэрия", "акимат"). Each story is then read once, word by word,
with per-word results memoised; promises are scored through inverted indexes, so the cost per
story does not grow with the number of promises.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from core.folding import DOUBLE_LETTERS as _DOUBLE
from core.folding import name_key as fold
from core.partial_dates import PartialDate

__all__ = [
    "BODY_TERMS",
    "SUBJECT_KEYWORDS",
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


# --- subjects and generic body names ----------------------------------------------------------

#: Keywords per subject; each is a regex fragment matched at the start of a word, case-blind.
SUBJECT_KEYWORDS: dict[str, list[str]] = {
    "electricity": [
        r"электр\w*", r"свет(?:а|у|ом|е)?\b", r"энергоснабж\w*", r"подстанц\w*", r"лэп\b",
        r"жарык\w*", r"жарық\w*", r"electric\w*", r"power (?:lines?|supply|grid)",
        r"blackouts?\b",
    ],
    "water": [
        r"вод(?:а|ы|у|ой|е|ою)\b", r"водопровод\w*", r"водоснабж\w*", r"питьев\w*",
        r"колонк(?:а|и|у|ой|е|ах)\b", r"суу(?:су|га|да|дан|ну|нун|сун|сүз)?\b",
        r"су(?:ы|ға|да|дан|ды|дың|мен|сыз)?\b", r"water\w*",
    ],
    "gas": [r"газ(?:а|у|ом|е)?\b", r"газиф\w*", r"газоснабж\w*", r"газопровод\w*",
            r"gas\b", r"gasif\w*"],
    "land": [
        r"земл\w*", r"земельн\w*",
        r"участ(?:ок|ка|ку|ком|ке|ки|ков|кам|ками|ках)\b",
        r"жер(?:и|ге|ди|де|ден|лер|лерди|лерин|ін|і|дің|ді|лерді)?\b",
        r"land\b", r"lands\b", r"plots?\b",
    ],
    "legalisation": [
        r"легализ\w*", r"узакон\w*", r"мыйзамдаштыр\w*", r"заңдастыр\w*", r"legali[sz]\w*",
        r"title deeds?\b",
    ],
    "housing": [
        r"жиль\w*", r"жилищ\w*", r"квартир\w*", r"жил(?:ой|ые|ых|ом|ого|ым|ая)\b",
        r"үй(?:лөр|лер|ү|і|ге|гө|дө|де|дү|ді|лерді|лөрдү|лердің|үн|ін|ден|дөн)?\b",
        r"пересел\w*", r"housing\b", r"apartments?\b", r"flats?\b", r"rehous\w*",
    ],
    "schools": [r"школ\w*", r"мектеп\w*", r"schools?\b"],
    "kindergarten": [r"детск\w* сад\w*", r"бала бакча\w*", r"балабақша\w*",
                     r"kindergartens?\b"],
    "clinic": [r"поликлиник\w*", r"больниц\w*", r"медпункт\w*", r"оорукана\w*",
               r"емхана\w*", r"clinics?\b", r"hospitals?\b"],
    "roads": [
        r"дорог(?:а|и|у|е|ам|ами|ах)?\b", r"асфальт\w*",
        r"жол(?:у|ду|дор|дар|дарды|ға|го|ы)?\b", r"roads?\b", r"asphalt\w*", r"paved\b",
    ],
    "sewage": [r"канализац\w*", r"сточн\w*", r"sewage\b", r"sewers?\b", r"sewerage\b",
               r"sanitation\b"],
    "eviction": [
        r"выселен\w*", r"выселя\w*", r"высел\w*", r"снос(?:а|у|ом|е|ят|ить)?\b",
        r"снес(?:ти|ут|ёт|ет|ли|ено|ены)\b", r"демонтаж\w*", r"көчүр\w*", r"көшір\w*",
        r"бузул\w*", r"бұзыл\w*", r"evict\w*", r"demoli\w*", r"bulldoz\w*",
    ],
    "registration": [r"прописк\w*", r"регистрац\w*", r"каттоо\w*", r"тіркеу\w*",
                     r"registration\b", r"propiska\b", r"residence permits?\b"],
    "voting": [
        r"выбор(?:ы|ов|ах|ам)\b", r"голосован\w*", r"голосова\w*", r"избирател\w*",
        r"шайлоо\w*", r"сайлау\w*", r"vot(?:e|es|ed|ing|ers?)\b", r"elections?\b",
        r"ballots?\b",
    ],
    "use-of-force": [r"применени\w* сил\w*", r"силовик\w*", r"омон\w*", r"күш қолдан\w*",
                     r"күч колдон\w*", r"use of force", r"riot police"],
    "jobs": [r"рабоч\w* мест\w*", r"трудоустро\w*", r"жумуш\w*", r"жұмыс\w*", r"jobs?\b",
             r"employment\b"],
    "administration": [r"черт\w* город\w*", r"город\w* черт\w*", r"city (?:limits|boundar\w*)",
                       r"шаардын чек\w*", r"горкенеш\w*"],
}
_SUBJECT_SYNONYMS = {
    "school": "schools", "road": "roads", "legalization": "legalisation",
    "legalise": "legalisation", "legalize": "legalisation", "house": "housing",
    "houses": "housing", "power": "electricity", "sewer": "sewage", "sewerage": "sewage",
    "evictions": "eviction", "demolition": "eviction", "vote": "voting", "election": "voting",
    "elections": "voting", "job": "jobs", "kindergartens": "kindergarten",
    "clinics": "clinic", "use of force": "use-of-force",
}

#: Words that name a body of a kind without its name ("the mayor's office"). They count only
#: when the body's city (or, for national bodies, its country) is mentioned too.
BODY_TERMS: dict[str, list[str]] = {
    "city_administration": [
        r"мэри(?:я|и|ю|ей|ей|ясы|ясынын|ясына)\b", r"мэр(?:а|у|ом|е)?\b", r"акимат\w*",
        r"аким(?:а|у|ом|е)?\b", r"әкімдік\w*", r"әкімдіг\w*", r"әкім\b", r"mayor\w*",
        r"city hall\b", r"city administration\b", r"municipality\b",
    ],
    "district_authority": [
        r"район\w*\s+(?:администрац|акимат)\w*", r"аким\w* район\w*",
        r"аудан\w*\s+әкімдіг\w*", r"district (?:administration|authority|akimat)\b",
    ],
    "government": [
        r"правительств\w*", r"кабинет\w* министр\w*", r"өкмөт\w*", r"үкімет\w*",
        r"президент\w*", r"government\b", r"cabinet\b", r"president\b",
    ],
    "council": [r"кенеш\w*", r"кеңес\w*", r"маслихат\w*", r"council\b"],
    "court": [r"суд(?:а|у|ом|е|ы|ов)?\b", r"сот(?:ы|қа|та|тың)?\b", r"court\b"],
    "ministry": [r"министерств\w*", r"министрлиг\w*", r"министрлі\w*", r"ministry\b"],
}

#: Extra names for countries, which the seed names only in English.
COUNTRY_NAMES = {
    "KG": ["Кыргызстан", "Киргизия", "Kyrgyz Republic", "Кыргыз Республикасы", "Кыргызская"],
    "KZ": ["Казахстан", "Қазақстан", "Kazakhstan", "Казахстанская"],
}

#: Words for informal settlements in general; they stand in for a named settlement when a
#: promise was made to settlements without naming them.
GENERIC_SETTLEMENT = re.compile(
    r"\b(?:новостро\w*|самостро\w*|жаңы конуш\w*|жаңа қоныс\w*|жаңы конуштар\w*|"
    r"(?:informal|new|illegal) settlements?\b|squatter\w*|shanty\w*)",
    re.IGNORECASE,
)


def normalise_subject(name: str) -> str:
    key = " ".join(name.lower().replace("_", " ").split())
    key = _SUBJECT_SYNONYMS.get(key, key)
    return key.replace(" ", "-") if key not in SUBJECT_KEYWORDS else key


def _named_alternation(table: dict[str, list[str]]) -> tuple[re.Pattern, dict[str, str]]:
    groups, names = [], {}
    for index, (key, fragments) in enumerate(table.items()):
        group = f"g{index}"
        names[group] = key
        groups.append(f"(?P<{group}>{'|'.join(fragments)})")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + ")", re.IGNORECASE), names


# --- data the linker works on ------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """Something with names to look for: a settlement, person, body, city or country."""

    kind: str  # "settlement", "person", "body", "city", "country"
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
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\s\u00a0]+(?=[\"«“(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n+")


@dataclass
class _Target:
    entity: int  # index into Linker.entities
    needs_capital: bool


class Linker:
    """Compiled matchers for one run. Build with :meth:`from_db` or from plain specs."""

    def __init__(
        self,
        entities: Iterable[Entity],
        promises: Iterable[PromiseSpec] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.entities: list[Entity] = list(entities)
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
        self._subject_re, self._subject_groups = _named_alternation(SUBJECT_KEYWORDS)
        self._body_term_re, self._body_term_groups = _named_alternation(BODY_TERMS)
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
        needs_capital = name.strip()[:1].isupper()
        target = _Target(index, needs_capital)
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
    def from_db(cls, threshold: float | None = None) -> Linker:
        """Every settlement, person, body, city and country, and every live promise."""
        from django.conf import settings

        from actors.models import BodyPage, PersonPage
        from core.partial_dates import parse_or_none
        from places.models import CityPage, Country, SettlementPage
        from promises.models import PromisePage

        entities: list[Entity] = []
        for country in Country.objects.all():
            names = (*country.name_list(), *COUNTRY_NAMES.get(country.code.upper(), ()))
            entities.append(Entity("country", country.pk, country.name, tuple(names)))
        for city in CityPage.objects.all():
            entities.append(Entity("city", city.pk, city.title, tuple(city.name_list()),
                                   country_id=city.country_id))
        for settlement in SettlementPage.objects.all():
            entities.append(Entity("settlement", settlement.pk, settlement.title,
                                   tuple(settlement.name_list()), city_id=settlement.city_id))
        for person in PersonPage.objects.all():
            entities.append(Entity("person", person.pk, person.title, tuple(person.name_list())))
        for body in BodyPage.objects.all():
            entities.append(Entity("body", body.pk, body.title, tuple(body.name_list()),
                                   city_id=body.city_id, country_id=body.country_id,
                                   body_kind=body.kind))
        promises = []
        for promise in PromisePage.objects.live().prefetch_related(
            "people", "bodies", "settlements", "subjects"
        ):
            subjects = {normalise_subject(tag.name) for tag in promise.subjects.all()}
            made = None
            try:
                made = parse_or_none(promise.made)
            except ValueError:
                made = None
            promises.append(PromiseSpec(
                id=promise.pk,
                title=promise.title,
                made=made,
                settlements=frozenset(s.pk for s in promise.settlements.all()),
                people=frozenset(p.pk for p in promise.people.all()),
                bodies=frozenset(b.pk for b in promise.bodies.all()),
                subjects=frozenset(subjects) or frozenset(
                    subjects_in(f"{promise.title}. {promise.text}")
                ),
            ))
        if threshold is None:
            threshold = getattr(settings, "SCRAPER_SUGGESTION_THRESHOLD", DEFAULT_THRESHOLD)
        return cls(entities, promises, threshold=threshold)

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
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(full)]
        folded = [self._fold(word) for word, _s, _e in tokens]
        count = len(tokens)
        i = 0
        while i < count:
            key = folded[i]
            if not key:
                i += 1
                continue
            best_end, best_hits = -1, None
            hits, fuzzy = self._lookup(key)
            if hits:
                best_end, best_hits = i, (hits, fuzzy)
            joined, j = key, i
            while (
                joined in self._prefixes
                and j + 1 < count
                and j - i + 1 < self._max_tokens
                and _JOINABLE_GAP.match(full[tokens[j][2]:tokens[j + 1][1]])
            ):
                j += 1
                joined += folded[j]
                hits, fuzzy = self._lookup(joined)
                if hits:
                    best_end, best_hits = j, (hits, fuzzy)
            if best_hits is None:
                i += 1
                continue
            start, end = tokens[i][1], tokens[best_end][2]
            capital = tokens[i][0][:1].isupper() or folded[best_end].endswith(
                ADJECTIVE_ENDINGS
            )
            targets, fuzzy = best_hits
            recorded = False
            for target in targets:
                if target.needs_capital and not capital:
                    continue
                entity = self.entities[target.entity]
                analysis.mentions.append(Mention(
                    entity.kind, entity.id, entity.label, start, end, full[start:end], fuzzy
                ))
                recorded = True
            i = best_end + 1 if recorded else i + 1

        for match in self._subject_re.finditer(full):
            subject = self._subject_groups[match.lastgroup]
            analysis.subjects.setdefault(subject, []).append(Mention(
                "subject", subject, subject, match.start(), match.end(), match.group()
            ))
        self._generic_bodies(full, analysis)
        for match in GENERIC_SETTLEMENT.finditer(full):
            analysis.generic_settlement.append(Mention(
                "settlement", 0, match.group(), match.start(), match.end(), match.group(),
                generic=True,
            ))
        return analysis

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
        parts: dict[str, float] = {}
        marks: list[Mention] = []
        details: dict = {"settlements": [], "people": [], "bodies": [], "subjects": []}

        made = promise.made
        details["date"] = {
            "published": published.isoformat() if published else "",
            "made": made.iso() if made else "",
            "after": None,
        }
        if published and made:
            if published < made.earliest():
                return None  # a story cannot report on a promise not yet made
            parts["date"] = W_DATE_AFTER
            details["date"]["after"] = True

        hit_settlements = [s for s in promise.settlements if analysis.of("settlement", s)]
        if hit_settlements:
            parts["settlement"] = W_SETTLEMENT
            in_title = False
            for sid in hit_settlements:
                found = analysis.of("settlement", sid)
                marks.extend(found)
                in_title = in_title or any(m.start < analysis.title_length for m in found)
                details["settlements"].append(_described(found))
            if in_title:
                parts["settlement_in_title"] = W_SETTLEMENT_IN_TITLE
        elif not promise.settlements:
            # promised to settlements it does not name (or to a group): the place counts
            cities, countries = self._places(analysis)
            promise_cities, promise_countries = self._promise_places(promise)
            in_place = (promise_cities & cities) if promise_cities else (
                promise_countries & countries
            )
            if in_place:
                named = [m for m in analysis.mentions if m.kind == "settlement"]
                found = (analysis.generic_settlement or named)[:3]
                if found:
                    parts["place"] = W_PLACE
                    marks.extend(found)
                    details["settlements"].append({
                        "label": "", "matched": sorted({m.matched for m in found}),
                        "generic": True, "fuzzy": False,
                    })
                else:
                    parts["place"] = W_PLACE_ONLY

        hit_people = [p for p in promise.people if analysis.of("person", p)]
        hit_bodies = [b for b in promise.bodies if analysis.of("body", b)]
        generic_bodies = [b for b in promise.bodies
                          if b not in hit_bodies and b in analysis.generic_bodies]
        promisor = 0.0
        for pid in hit_people:
            found = analysis.of("person", pid)
            marks.extend(found)
            details["people"].append(_described(found))
            promisor = max(promisor, W_PERSON)
        for bid in hit_bodies:
            found = analysis.of("body", bid)
            marks.extend(found)
            details["bodies"].append(_described(found))
            promisor = max(promisor, W_BODY)
        for bid in generic_bodies:
            found = analysis.generic_bodies[bid]
            marks.extend(found)
            details["bodies"].append(_described(found, generic=True))
            city_body = bool(self._body_entities[bid].city_id)
            promisor = max(promisor, W_BODY if city_body else W_BODY_GENERIC)
        if promisor:
            parts["promisor"] = promisor
        if not (hit_settlements or "place" in parts or promisor):
            return None

        shared = sorted(promise.subjects & set(analysis.subjects))
        if shared:
            parts["subjects"] = W_SUBJECT_ONE if len(shared) == 1 else W_SUBJECT_MORE
            for subject in shared:
                found = analysis.subjects[subject]
                marks.extend(found[:3])
                details["subjects"].append(
                    {"label": subject, "matched": sorted({m.matched for m in found})[:5]}
                )
        elif promise.subjects and analysis.subjects:
            parts["other_subjects"] = W_OTHER_SUBJECTS
            details["other_subjects"] = sorted(analysis.subjects)

        score = round(min(1.0, sum(parts.values())), 3)
        details["score_parts"] = parts
        details["passages"] = passages(analysis.text, marks)
        return Match(promise, score, _reasons_text(details), details)


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


def subjects_in(text: str) -> set[str]:
    pattern, groups = _SUBJECTS_COMPILED
    return {groups[m.lastgroup] for m in pattern.finditer(text)}


_SUBJECTS_COMPILED = _named_alternation(SUBJECT_KEYWORDS)


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


# --- passages ----------------------------------------------------------------------------------

MAX_PASSAGES = 3
MAX_PASSAGE_CHARS = 360


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def passages(text: str, marks: list[Mention]) -> list[dict]:
    """Up to three sentences holding the most kinds of matches, with the match offsets."""
    if not marks:
        return []
    spans = _sentences(text)
    starts = [s for s, _e in spans]
    grouped: dict[int, list[Mention]] = defaultdict(list)
    for mark in marks:
        index = bisect.bisect_right(starts, mark.start) - 1
        if index >= 0:
            grouped[index].append(mark)
    ranked = sorted(
        grouped.items(),
        key=lambda item: (-len({m.kind for m in item[1]}), -len(item[1]), item[0]),
    )[:MAX_PASSAGES]
    result = []
    for index, found in sorted(ranked):
        start, end = spans[index]
        sentence_marks = sorted({(m.start, m.end) for m in found})
        if end - start > MAX_PASSAGE_CHARS:  # a window around the first match
            first = sentence_marks[0][0]
            start = max(start, first - MAX_PASSAGE_CHARS // 3)
            end = min(end, start + MAX_PASSAGE_CHARS)
        spans_in = [
            [s - start, e - start] for s, e in sentence_marks if s >= start and e <= end
        ]
        result.append({"text": text[start:end], "marks": _merge(spans_in)})
    return result


def _merge(spans: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


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
