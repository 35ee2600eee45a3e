"""Benchmark of the public search: corpus → database → index rebuild → queries through Django.

    bin/search-node exec -- .venv/bin/python bench/search_bench.py                # issue size
    bin/search-node exec -- .venv/bin/python bench/search_bench.py --promises 20000 --news 100000

1. Generates a corpus with realistic names in both scripts (settlements such as Ak-Jar with
   Ак-Жар and Ak-Zhar as other names, people such as Almazbek Atambaev / Алмазбек Атамбаев,
   promise and news texts in English, Russian, Kyrgyz and Kazakh) into a throwaway SQLite
   database (--db). Wagtail's page creation costs ~30 ms a page, so pages are bulk-inserted:
   wagtailcore_page rows with computed treebeard paths (bulk_create), the page-type tables by
   executemany, the many-to-many and tag tables by bulk_create; news items (scrapers.NewsItem,
   cited as a source so that they are public) by bulk_create. No revisions are made.
2. Rebuilds the index from that database with search.engine.rebuild (what
   `manage.py rebuild_search_index` runs) and prints documents per second.
3. Runs a mix of searches through search.service.run (the function the /search/ view calls:
   parsing, backend choice, facets, labels, highlights) at several concurrencies, once with
   the engine and once with the database fallback (OPENSEARCH_URL emptied), and prints
   p50/p95/p99 side by side, for all searches and for the facet searches alone.

Targets (issue #5): rebuild at 5,000 docs/s or more; facet search p95 at most 100 ms at
concurrency 8 on the engine. Needs OPENSEARCH_URL (bin/search-node exec sets it).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVICES = [  # (English, Russian, Kyrgyz)
    ("electricity", "электричество", "электр жарыгы"), ("water", "вода", "суу"),
    ("gas", "газ", "газ"), ("a school", "школа", "мектеп"), ("roads", "дороги", "жолдор"),
    ("a clinic", "поликлиника", "клиника"),
    ("land titles", "документы на землю", "жер документтери"),
    ("legalisation", "легализация", "мыйзамдаштыруу"),
    ("a kindergarten", "детский сад", "бала бакча"),
]
SUBJECTS = ["electricity", "water", "gas", "school", "roads", "clinic", "land", "legalisation",
            "registration", "evictions"]
PREFIXES = [("Ak", "Ак"), ("Kok", "Көк"), ("Kara", "Кара"), ("Sary", "Сары"), ("Jany", "Жаңы"),
            ("Ala", "Ала"), ("Ata", "Ата"), ("Kyzyl", "Кызыл"), ("Orto", "Орто"), ("Bel", "Бел"),
            ("Tash", "Таш"), ("Altyn", "Алтын"), ("Kum", "Кум"), ("Chon", "Чоң"), ("Ai", "Ай")]
ROOTS = [("Jar", "Жар"), ("Bata", "Бата"), ("Orgo", "Өргө"), ("Jol", "Жол"), ("Dobo", "Дөбө"),
         ("Kul", "Көл"), ("Sai", "Сай"), ("Tilek", "Тилек"), ("Bulak", "Булак"), ("Ordo", "Ордо"),
         ("Kazyk", "Казык"), ("Elim", "Элим"), ("Keme", "Кеме"), ("Tuu", "Туу"),
         ("Beshik", "Бешик"), ("Zher", "Жер"), ("Kainar", "Кайнар"), ("Shanyrak", "Шанырак"),
         ("Nurly", "Нурлы")]
FIRST = [("Almazbek", "Алмазбек"), ("Kurmanbek", "Курманбек"), ("Sadyr", "Садыр"),
         ("Nursultan", "Нурсултан"), ("Aziza", "Азиза"), ("Zauresh", "Зауреш"), ("Roza", "Роза"),
         ("Temir", "Темир"), ("Askar", "Аскар"), ("Bakyt", "Бакыт"), ("Dinara", "Динара"),
         ("Aigul", "Айгүл"), ("Ermek", "Эрмек"), ("Kanat", "Канат"), ("Nurlan", "Нурлан"),
         ("Gulnara", "Гульнара"), ("Kassym-Jomart", "Касым-Жомарт"), ("Omurbek", "Өмүрбек")]
LAST = [("Atambaev", "Атамбаев", "Atambayev"), ("Bakiev", "Бакиев", "Bakiyev"),
        ("Japarov", "Жапаров", "Zhaparov"), ("Nazarbayev", "Назарбаев", "Nazarbaev"),
        ("Abdirasulova", "Абдирасулова", ""), ("Battalova", "Батталова", ""),
        ("Otunbaeva", "Отунбаева", "Otunbayeva"), ("Tashiev", "Ташиев", "Tashiyev"),
        ("Sariev", "Сариев", "Sariyev"), ("Akaev", "Акаев", "Akayev"),
        ("Omurbekov", "Омурбеков", ""), ("Tokaev", "Токаев", "Tokayev"),
        ("Mamytov", "Мамытов", ""), ("Usenov", "Усенов", ""), ("Isakov", "Исаков", ""),
        ("Jeenbekov", "Жээнбеков", "Zheenbekov"), ("Esenaliev", "Эсеналиев", "Yesenaliyev")]
CITIES = [("Bishkek", "Бишкек", "KG"), ("Osh", "Ош", "KG"), ("Almaty", "Алматы\nАлма-Ата", "KZ"),
          ("Astana", "Астана", "KZ")]
OCCASIONS = [("road blockade", "перекрытия дороги"), ("picket", "пикета"),
             ("election campaign", "предвыборной кампании"), ("meeting", "встречи с жителями")]
STATUSES = ["not_rated", "in_progress", "stalled", "partially_kept", "kept", "broken"]


def setup_django(db_path, prefix):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ubada.settings.dev")
    os.environ["OPENSEARCH_INDEX_PREFIX"] = prefix
    os.environ.setdefault("OPENSEARCH_TIMEOUT", "10")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log
    settings.LOGGING = {}


def variant(latin):
    """Another romanisation: Jar → Zhar, Dzh/Zh → J and back, y ↔ i."""
    swapped = latin.replace("J", "Zh").replace("j", "zh") if "j" in latin.lower() else latin
    return swapped if swapped != latin else latin.replace("y", "i")


# Corpus ------------------------------------------------------------------------------------


class Corpus:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.now = datetime.now(tz=UTC)

    def build(self):
        from django.db import transaction

        from website.site_tree import ensure_site_tree

        started = time.monotonic()
        with transaction.atomic():
            self.home = ensure_site_tree()
            self._countries()
            self._sources()
            self.cities = self._pages(self.home, "places.CityPage", [
                {"title": name, "slug": name.lower(), "fields": {
                    "country_id": self.countries[code], "other_names": other, "summary": ""}}
                for name, other, code in CITIES])
            self._settlements()
            self._actors()
            self._events()
            self._promises()
            self._news()
        return time.monotonic() - started

    def _countries(self):
        from places.models import Country

        self.countries = {}
        for name, code in (("Kyrgyzstan", "KG"), ("Kazakhstan", "KZ")):
            self.countries[code] = Country.objects.get_or_create(code=code,
                                                                 defaults={"name": name})[0].pk

    def _sources(self):
        from wagtail.models import Locale

        from sources.models import Source

        locale = Locale.get_default()  # bulk_create skips the save() that sets it
        Source.objects.bulk_create([
            Source(kind="news", title=f"Report {n} on the novostroyki", publisher="24.kg",
                   published=f"{2005 + n % 18}-{1 + n % 12:02d}", locale=locale)
            for n in range(self.args.sources)], batch_size=2000)
        self.sources = list(Source.objects.values_list("pk", flat=True))

    def _pages(self, parent, label, items):
        """Bulk-insert pages of a type under `parent`: [{'title', 'slug', 'fields'}] → pks."""
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.db import connection
        from wagtail.models import Locale, Page

        model = apps.get_model(label)
        parent = Page.objects.get(pk=parent.pk)
        content_type = ContentType.objects.get_for_model(model)
        locale = Locale.get_default()
        start = parent.numchild
        rows = []
        for offset, item in enumerate(items, start=1):
            slug = item["slug"]
            rows.append(Page(
                path=Page._get_path(parent.path, parent.depth + 1, start + offset),
                depth=parent.depth + 1, numchild=0, translation_key=uuid.uuid4(), locale=locale,
                live=True, has_unpublished_changes=False, first_published_at=self.now,
                last_published_at=self.now, title=item["title"], draft_title=item["title"],
                slug=slug, content_type=content_type, url_path=f"{parent.url_path}{slug}/"))
        created = Page.objects.bulk_create(rows, batch_size=2000)
        Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
        fields = [f for f in model._meta.local_concrete_fields if f.name != "page_ptr"]
        columns = ["page_ptr_id"] + [f.column for f in fields]
        # table and column names come from the model's metadata, never from input
        sql = (f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
               f"VALUES ({', '.join(['%s'] * len(columns))})")
        values = []
        for page, item in zip(created, items, strict=True):
            row = [page.pk]
            for field in fields:
                value = item["fields"].get(field.attname, item["fields"].get(field.name))
                if value is None and not field.null:
                    value = field.get_default()
                row.append(field.get_db_prep_save(value, connection))
            values.append(row)
        with connection.cursor() as cursor:
            for start_row in range(0, len(values), 5000):
                cursor.executemany(sql, values[start_row:start_row + 5000])
        return [page.pk for page in created]

    def _settlements(self):
        rng = self.rng
        items, self.settlement_names = [], []
        count = self.args.settlements
        combos = [(p, r) for p in PREFIXES for r in ROOTS]
        rng.shuffle(combos)
        by_city = {pk: [] for pk in self.cities}
        for n in range(count):
            (pl, pc), (rl, rc) = combos[n % len(combos)]
            suffix = "" if n < len(combos) else f" {n // len(combos) + 1}"
            latin, cyrillic = f"{pl}-{rl}{suffix}", f"{pc}-{rc}{suffix}"
            aliases = [cyrillic, variant(latin), f"{pl}{rl.lower()}{suffix}"]
            city = self.cities[n % len(self.cities)]
            by_city[city].append({"title": latin, "slug": f"s{n}-{latin.lower()}"[:50].replace(
                " ", "-"), "fields": {
                "city_id": city, "other_names": "\n".join(dict.fromkeys(aliases)),
                "summary": f"<p>{latin} is a new settlement without {SERVICES[n % 9][0]}.</p>",
                "founded": f"{1995 + n % 20}"}})
            self.settlement_names.append((latin, cyrillic, aliases[1]))
        from wagtail.models import Page

        self.settlements = []
        for city, items in by_city.items():
            self.settlements += self._pages(Page.objects.get(pk=city), "places.SettlementPage",
                                            items)

    def _actors(self):
        from actors.models import ActorIndexPage

        people_index = ActorIndexPage.objects.get(slug="people")
        bodies_index = ActorIndexPage.objects.get(slug="bodies")
        people, self.person_names = [], []
        for n in range(self.args.people):
            (fl, fc), (ll, lc, lv) = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
            suffix = "" if n < len(FIRST) * len(LAST) else f" ({n})"
            title = f"{fl} {ll}{suffix}"
            aliases = [f"{fc} {lc}", lc] + ([f"{fl} {lv}", lv] if lv else [])
            people.append({"title": title, "slug": f"p{n}", "fields": {
                "kind": "politician", "other_names": "\n".join(aliases),
                "summary": f"<p>{title} promised {SERVICES[n % 9][0]} to settlers.</p>"}})
            self.person_names.append((title, lc, lv or ll))
        self.people = self._pages(people_index, "actors.PersonPage", people)
        bodies = []
        kinds = ["city_administration", "district_authority", "ministry", "council"]
        for n in range(self.args.bodies):
            city_name = CITIES[n % 4][0]
            title = f"{city_name} {kinds[n % 4].replace('_', ' ')} {n}"
            bodies.append({"title": title, "slug": f"b{n}", "fields": {
                "kind": kinds[n % 4], "country_id": self.countries[CITIES[n % 4][2]],
                "city_id": self.cities[n % 4],
                "other_names": f"Мэрия {CITIES[n % 4][1].splitlines()[0]} {n}"}})
        self.bodies = self._pages(bodies_index, "actors.BodyPage", bodies)

    def _events(self):
        from wagtail.models import Locale

        from chronicle.models import Event

        rng = self.rng
        locale = Locale.get_default()  # bulk_create skips the save() that sets it
        elections = [Event(kind="election", title=f"Presidential election {2005 + 2 * n}",
                           date=f"{2005 + 2 * n}-10", locale=locale) for n in range(8)]
        Event.objects.bulk_create(elections)
        self.elections = list(Event.objects.filter(kind="election").values_list("pk", flat=True))
        events = []
        for n in range(self.args.events):
            latin, cyrillic, _v = self.settlement_names[n % len(self.settlement_names)]
            events.append(Event(kind=rng.choice(["protest", "road_blockade", "picket"]),
                                title=f"Residents of {latin} block a road ({n})",
                                summary=f"Жители {cyrillic} перекрыли дорогу.",
                                date=f"{2005 + n % 18}-{1 + n % 12:02d}", locale=locale))
        Event.objects.bulk_create(events, batch_size=5000)
        through = Event.settlements.through
        ids = list(Event.objects.exclude(kind="election").values_list("pk", flat=True))
        through.objects.bulk_create([
            through(event_id=pk, settlementpage_id=rng.choice(self.settlements)) for pk in ids],
            batch_size=5000)

    def _promises(self):
        from taggit.models import Tag

        from promises.models import PromiseIndexPage, PromisePage, PromiseSubject

        rng = self.rng
        index = PromiseIndexPage.objects.get()
        items, links = [], []
        for n in range(self.args.promises):
            s_index = rng.randrange(len(self.settlements))
            latin, cyrillic, _v = self.settlement_names[s_index]
            service = SERVICES[n % len(SERVICES)]
            occasion = rng.choice(OCCASIONS)
            year = rng.randint(2005, 2022)
            made = f"{year}-{rng.randint(1, 12):02d}"
            if n % 2:
                title = f"{service[0].capitalize()} for {latin}"
                text = (f"Officials promised {service[0]} to the residents of {latin} after the "
                        f"{occasion[0]}, within a year.")
            else:
                title = f"{service[1].capitalize()} для {cyrillic}"
                text = (f"Чиновники пообещали жителям новостройки {cyrillic} {service[1]} после "
                        f"{occasion[1]}. {service[2].capitalize()} убада кылынды.")
            deadline = f"{year + rng.randint(0, 3)}" if n % 3 else ""
            due = date(int(deadline), 12, 31) if deadline else None
            status = rng.choice(STATUSES)
            items.append({"title": title, "slug": f"promise-{n}", "fields": {
                "text": text, "quote_kind": "paraphrase", "made": made, "occasion": "meeting",
                "deadline": deadline, "source_id": rng.choice(self.sources), "status": status,
                "deadline_due": due,
                "election_id": rng.choice(self.elections) if n % 4 == 0 else None}})
            links.append((self.settlements[s_index], n))
        pks = self._pages(index, "promises.PromisePage", items)
        tags = {name: Tag.objects.get_or_create(name=name, slug=name)[0].pk for name in SUBJECTS}
        people = PromisePage.people.through
        bodies = PromisePage.bodies.through
        settlements = PromisePage.settlements.through
        people_rows, body_rows, settlement_rows, subject_rows = [], [], [], []
        for pk, (settlement, n) in zip(pks, links, strict=True):
            settlement_rows.append(settlements(promise_id=pk, settlement_id=settlement))
            if n % 5 == 0:
                settlement_rows.append(settlements(promise_id=pk,
                                                   settlement_id=rng.choice(self.settlements)))
            if n % 2:
                people_rows.append(people(promise_id=pk, person_id=rng.choice(self.people)))
            else:
                body_rows.append(bodies(promise_id=pk, body_id=rng.choice(self.bodies)))
            subject_rows.append(PromiseSubject(content_object_id=pk,
                                               tag_id=tags[SUBJECTS[n % len(SUBJECTS)]]))
        for model, rows in ((settlements, settlement_rows), (people, people_rows),
                            (bodies, body_rows), (PromiseSubject, subject_rows)):
            model.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)

    def _news(self):
        from scrapers.models import NewsItem, Outlet

        rng = self.rng
        outlets = [Outlet.objects.create(name=f"Outlet {n}", slug=f"outlet-{n}",
                                         home_page=f"https://outlet{n}.example/")
                   for n in range(5)]
        languages = ["ru", "ru", "ky", "kk", "en"]
        batch = []
        for n in range(self.args.news):
            latin, cyrillic, _v = self.settlement_names[n % len(self.settlement_names)]
            service = SERVICES[n % len(SERVICES)]
            language = languages[n % len(languages)]
            if language == "en":
                title = f"{latin} residents demand {service[0]}"
                text = (f"Residents of {latin} blocked a road on Monday, demanding {service[0]}. "
                        f"Officials promised to act within a month. " * 3)
            elif language == "ky":
                title = f"{cyrillic} тургундары {service[2]} талап кылышты"
                text = f"{cyrillic} конушунун тургундары {service[2]} талап кылышты. " * 4
            else:
                title = f"Жители {cyrillic} требуют: {service[1]}"
                text = (f"Жители новостройки {cyrillic} перекрыли дорогу, требуя "
                        f"{service[1]}. Власти обещали решить вопрос. " * 3)
            when = self.now - timedelta(days=rng.randint(0, 6000), minutes=n % 1440)
            batch.append(NewsItem(
                outlet=outlets[n % 5], canonical_url=f"https://outlet{n % 5}.example/{n}",
                url=f"https://outlet{n % 5}.example/{n}", title=title, published_at=when,
                language=language, text=text, first_seen_at=when, last_fetched_at=when,
                source_id=self.sources[n % len(self.sources)]))
            if len(batch) == 10_000:
                NewsItem.objects.bulk_create(batch)
                batch = []
        if batch:
            NewsItem.objects.bulk_create(batch)


# Queries -----------------------------------------------------------------------------------


def query_mix(rng, corpus_names, count):
    """[(kind, params)] — "text" searches and "facet" searches (filters, maybe with text)."""
    settlements, people = corpus_names
    cities = ["bishkek", "osh", "almaty", "astana"]
    mix = []
    for n in range(count):
        latin, cyrillic, alias = rng.choice(settlements)
        person, _person_ru, person_variant = rng.choice(people)
        kind = n % 10
        if kind == 0:
            mix.append(("text", {"q": [latin]}))
        elif kind == 1:
            mix.append(("text", {"q": [cyrillic]}))
        elif kind == 2:
            mix.append(("text", {"q": [person_variant]}))
        elif kind == 3:
            mix.append(("text", {"q": [rng.choice(["electricity", "электричество", "вода",
                                                   "water Bishkek", '"road blockade"'])]}))
        elif kind == 4:
            mix.append(("text", {"q": [alias[:-1] + "k" if len(alias) > 5 else alias]}))
        elif kind == 5:
            mix.append(("facet", {"status": ["broken"], "city": [rng.choice(cities)]}))
        elif kind == 6:
            mix.append(("facet", {"q": ["electricity"], "city": [rng.choice(cities)],
                                  "type": ["promise"], "status": ["broken", "stalled"]}))
        elif kind == 7:
            mix.append(("facet", {"overdue": ["yes"], "year": [str(rng.randint(2006, 2020))]}))
        elif kind == 8:
            mix.append(("facet", {"q": [cyrillic], "type": ["promise", "news"],
                                  "sort": ["made"]}))
        else:
            mix.append(("facet", {"q": [latin], "language": [rng.choice(["ru", "ky"])],
                                  "page": [str(rng.randint(1, 3))]}))
    return mix


def measure(mix, concurrency, language="en"):
    from django.utils import translation

    from search import service
    from search.query import parse_query

    timings = {"all": [], "facet": [], "text": []}
    lock = threading.Lock()
    backends = set()

    def one(item):
        kind, params = item
        translation.activate(language)  # as LocaleMiddleware does for a request
        started = time.perf_counter()
        page = service.run(parse_query(params))
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            timings["all"].append(elapsed)
            timings[kind].append(elapsed)
            backends.add(page.backend)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, mix))
    wall = time.perf_counter() - started
    return timings, backends, len(mix) / wall


def percentiles(values):
    if not values:
        return "      -      -      -"
    ordered = sorted(values)

    def at(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return f"{at(50):7.0f}{at(95):7.0f}{at(99):7.0f}"


# Main --------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--news", type=int, default=1_000_000)
    parser.add_argument("--settlements", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--sources", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=400, help="engine searches per level")
    parser.add_argument("--db-queries", type=int, default=40,
                        help="database-fallback searches per level (they are slow)")
    parser.add_argument("--concurrency", default="1,4,8")
    parser.add_argument("--threads", type=int, default=2, help="bulk threads for the rebuild")
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "ubada-bench.sqlite3"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus database")
    parser.add_argument("--keep-index", action="store_true")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--language", default="en",
                        help="the reader's language: its translated text is searched first")
    args = parser.parse_args()
    if not os.environ.get("OPENSEARCH_URL"):
        sys.exit("OPENSEARCH_URL is not set: run inside `bin/search-node exec -- ...`")

    db_path = Path(args.db)
    if not args.reuse and db_path.exists():
        db_path.unlink()
    setup_django(db_path, "ubada-bench")
    from django.core.management import call_command
    from django.test.utils import override_settings

    from search import engine, vocabularies
    from search.records import REGISTRY

    corpus = Corpus(args)
    if not (args.reuse and db_path.exists() and db_path.stat().st_size > 1_000_000):
        call_command("migrate", verbosity=0)
        seconds = corpus.build()
        print(f"corpus: {args.promises:,} promises, {args.news:,} news items, "
              f"{args.settlements:,} settlements, {args.people:,} people, {args.bodies:,} "
              f"bodies, {args.events:,} events, {args.sources:,} sources; inserted in "
              f"{seconds:.0f} s into {db_path}")
    else:
        print(f"corpus: reusing {db_path}")
    counts = {name: rt.records().count() for name, rt in REGISTRY.items()}
    print("public records: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))

    ok, message = engine.health()
    print(message)
    if not ok:
        sys.exit(1)
    report = engine.rebuild(chunk_size=1000, threads=args.threads, grace=0)
    print(f"rebuild: {report['documents']:,} documents in {report['seconds']:.1f} s = "
          f"{report['docs_per_second']:,.0f} docs/s (target >= 5,000), "
          f"{len(report['failures'])} failures")

    from places.models import SettlementPage

    rng = random.Random(args.seed)
    vocabularies.clear_all()
    names = list(SettlementPage.objects.values_list("title", "other_names")[:2000])
    settlement_names = [(t, o.splitlines()[0], (o.splitlines() + [t])[1]) for t, o in names]
    corpus_names = (settlement_names, corpus_person_names())
    levels = [int(level) for level in args.concurrency.split(",")]
    warm = query_mix(rng, corpus_names, 40)
    measure(warm, 4, args.language)  # warm caches, vocabularies and JIT in the engine
    rows = []
    for level in levels:
        engine_timings, engine_backends, engine_qps = measure(
            query_mix(rng, corpus_names, args.queries), level, args.language)
        with override_settings(OPENSEARCH_URL=""):
            measure(query_mix(rng, corpus_names, 4), 1, args.language)
            db_timings, db_backends, db_qps = measure(
                query_mix(rng, corpus_names, args.db_queries), level, args.language)
        assert engine_backends == {"engine"}, engine_backends
        assert db_backends == {"database"}, db_backends
        rows.append((level, engine_timings, engine_qps, db_timings, db_qps))

    print()
    print("latency in ms through search.service.run (parse, search, facets, labels, highlights)")
    print(f"{'concurrency':>11} {'searches':>8} | {'engine p50':>10}{'p95':>7}{'p99':>7}"
          f"{'q/s':>7} | {'database p50':>12}{'p95':>7}{'p99':>7}{'q/s':>7}")
    for level, engine_timings, engine_qps, db_timings, db_qps in rows:
        for kind in ("all", "facet", "text"):
            print(f"{level:>11} {kind:>8} | {percentiles(engine_timings[kind]):>24}"
                  f"{engine_qps if kind == 'all' else 0:7.0f} | "
                  f"{percentiles(db_timings[kind]):>26}{db_qps if kind == 'all' else 0:7.1f}")
    facet_p95 = sorted(rows[-1][1]["facet"])[int(0.95 * (len(rows[-1][1]["facet"]) - 1))]
    print(f"\nengine facet-search p95 at concurrency {rows[-1][0]}: {facet_p95:.0f} ms "
          f"(target <= 100 ms)")
    if not args.keep_index:
        engine.delete_all_indexes()


def corpus_person_names():
    from actors.models import PersonPage

    people = []
    for title, other in PersonPage.objects.values_list("title", "other_names")[:1000]:
        lines = other.splitlines()
        people.append((title, lines[0] if lines else title, lines[-1] if lines else title))
    return people


if __name__ == "__main__":
    main()
