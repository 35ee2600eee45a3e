"""Benchmark of the news pipeline: fetch over loopback, parse, extract, deduplicate, link.

A local server (its own process, so it does not share our CPU) serves a few thousand
generated story pages from several fake outlets, each with an RSS feed. The script runs the
real pipeline against a temporary SQLite database holding the seed data (fixtures/seed), then
times parse + extract + link alone on the same pages in one thread, and prints articles per
second and peak memory.

    .venv/bin/python bench/scrape_bench.py                 # 3,000 pages, 10 outlets
    .venv/bin/python bench/scrape_bench.py --pages 500     # quicker

Pages are generated from short sentences written for this benchmark (no real articles); each
carries the furniture of a real news page (menus, sidebars, scripts, JSON-LD) so that parsing
costs what it would.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETTLEMENTS = {
    "ru": ["Ак-Жаре", "Ак-Жара", "Алтын-Казыке", "Шаныраке", "Треугольнике", "Западном",
           "Бакае", "Ак-Ордо", "Тынчтыке", "Черёмушках", "Курылысшы", "Арча-Бешике"],
    "ky": ["Ак-Жарда", "Ак-Жардын", "Алтын-Казыкта", "Тынчтыкта", "Арча-Бешикте"],
    "kk": ["Шаңырақта", "Бақайда", "Құрылысшыда", "Өндірісте", "Қоянды"],
    "en": ["Ak-Jar", "Altyn Kazyk", "Shanyrak", "Triangle", "Bakai", "Koyandy"],
}
SUBJECT_SENTENCES = {
    "ru": ["Жители {s} снова остались без света и воды.",
           "Мэрия Бишкека обещает провести водопровод в {s} до конца года.",
           "В {s} начали узаконивать земельные участки.",
           "Акимат Алматы заверил, что дома в {s} не будут сносить.",
           "Дороги в {s} до сих пор не заасфальтированы, а школы переполнены.",
           "Активисты из {s} требуют прописки для всех жителей."],
    "ky": ["{s} тургундары суу жана жарык талап кылышты.",
           "Мэрия {s} жолдорду оңдоону убада кылды.",
           "{s} жер тилкелерин мыйзамдаштыруу уланууда."],
    "kk": ["{s} тұрғындары су мен жарық сұрады.",
           "Әкімдік {s} жерді заңдастыруды уәде етті.",
           "{s} үйлер бұзылмайды, деді әкімдік."],
    "en": ["Residents of {s} are still waiting for electricity and water.",
           "The akimat promised to legalise the plots in {s}.",
           "Officials said homes in {s} would not be demolished."],
}
FILLER = {
    "ru": ["Погода в выходные будет солнечной.", "Цены на хлеб выросли на два процента.",
           "В городе открылась новая библиотека.", "Футбольный клуб сыграл вничью.",
           "Автобусы будут ходить по новому расписанию.",
           "Депутаты обсудили бюджет на следующий год.",
           "В парке высадили сто молодых деревьев."],
    "ky": ["Дем алыш күндөрү аба ырайы жылуу болот.", "Шаарда жаңы китепкана ачылды.",
           "Автобустар жаңы график боюнча жүрөт."],
    "kk": ["Демалыс күндері ауа райы жылы болады.", "Қалада жаңа кітапхана ашылды.",
           "Автобустар жаңа кесте бойынша жүреді."],
    "en": ["The weather will be sunny at the weekend.", "Bread prices rose by two per cent.",
           "A new library opened in the city centre.", "The bus timetable will change."],
}
MENU = "".join(f'<li><a href="/section/{i}/">Раздел {i}</a></li>' for i in range(80))
SIDEBAR = "".join(
    f'<div class="related-item"><a href="/news/related-{i}">Читайте также: новость {i}</a>'
    f"<p>Краткое описание другой новости номер {i}.</p></div>" for i in range(25)
)
SCRIPTS = "".join(f"<script>var s{i} = {{a: {i}, b: 'x'}};</script>" for i in range(15))


def story(rng: random.Random, number: int) -> tuple[str, str, str, datetime]:
    language = rng.choice(["ru", "ru", "ru", "ky", "kk", "en"])
    settlement = rng.choice(SETTLEMENTS[language])
    sentences = [rng.choice(SUBJECT_SENTENCES[language]).format(s=settlement)]
    sentences += [rng.choice(FILLER[language]) for _ in range(rng.randint(6, 14))]
    rng.shuffle(sentences)
    paragraphs = [" ".join(sentences[i:i + 3]) + f" ({number})"
                  for i in range(0, len(sentences), 3)]
    title = sentences[0][:90]
    published = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=number)
    return language, title, "".join(f"<p>{escape(p)}</p>" for p in paragraphs), published


def page(language: str, title: str, body: str, published: datetime) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta property="og:title" content="{escape(title)}">'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", '
        f'"headline": "x", "datePublished": "{published.isoformat()}"}}</script>'
        f"{SCRIPTS}<style>body{{font-family:sans-serif}}</style></head><body>"
        f'<header><nav class="menu"><ul>{MENU}</ul></nav></header>'
        f'<main><article><h1>{escape(title)}</h1><div class="date">{published:%d.%m.%Y}</div>'
        f'<div class="article-body">{body}</div>'
        f'<div class="share-buttons"><a href="#">Facebook</a><a href="#">Telegram</a></div>'
        f'</article><aside class="sidebar">{SIDEBAR}</aside></main>'
        f"<footer><p>© Бенчмарк-Ньюс</p><ul>{MENU}</ul></footer></body></html>"
    ).encode()


def build_site(pages: int, outlets: int, seed: int = 7) -> dict[str, bytes]:
    rng = random.Random(seed)
    routes: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nDisallow: /private/\n"}
    feeds: dict[int, list[str]] = {n: [] for n in range(outlets)}
    originals: list[tuple[str, str, str, datetime]] = []
    for number in range(pages):
        outlet = number % outlets
        if originals and rng.random() < 0.05:  # a republished copy of an earlier story
            language, title, body, published = rng.choice(originals)
            body += "<p>Перепечатка.</p>"
        else:
            language, title, body, published = story(rng, number)
            originals.append((language, title, body, published))
        path = f"/o{outlet}/news/{number}"
        routes[path] = page(language, title, body, published)
        feeds[outlet].append(
            f"<item><title>{escape(title)}</title><link>{{base}}{path}</link>"
            f"<pubDate>{format_datetime(published)}</pubDate></item>"
        )
    for outlet, items in feeds.items():
        routes[f"/o{outlet}/rss.xml"] = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Outlet {outlet}</title><link>/</link><description>bench</description>"
            + "".join(items) + "</channel></rss>"
        ).encode()
    return routes


def serve(routes: dict[str, bytes], port_queue) -> None:
    base: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and
        # the client's delayed ACK add 40 ms to every response (real servers do not)
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_GET(self):
            body = routes.get(self.path.split("?", 1)[0])
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path.endswith("rss.xml"):
                body = body.replace(b"{base}", base[0].encode())
                kind = "application/rss+xml; charset=utf-8"
            elif self.path == "/robots.txt":
                kind = "text/plain"
            else:
                kind = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass

    httpd = Server(("127.0.0.1", 0), Handler)
    base.append(f"http://127.0.0.1:{httpd.server_address[1]}")
    port_queue.put(httpd.server_address[1])
    httpd.serve_forever(poll_interval=0.1)


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ubada.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    from website.seed import load_seed

    load_seed(settings.BASE_DIR / "fixtures" / "seed")


def parse_extract_link(routes: dict[str, bytes], linker) -> tuple[int, float, float]:
    """Decode, extract and link every story page in one thread. Returns (pages, wall s,
    cpu s)."""
    from scrapers.fetching.articles import extract_article
    from scrapers.fetching.decoding import decode_html

    bodies = [(path, body) for path, body in routes.items() if "/news/" in path]
    wall, cpu = time.perf_counter(), time.process_time()
    for path, body in bodies:
        html, _encoding = decode_html(body, "text/html; charset=utf-8")
        article = extract_article(html, "http://bench.example" + path)
        analysis = linker.analyse(article.text, article.title)
        linker.match(analysis, article.published.date() if article.published else None)
    return len(bodies), time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--outlets", type=int, default=10)
    args = parser.parse_args()

    routes = build_site(args.pages, args.outlets)
    html_bytes = sum(len(b) for p, b in routes.items() if "/news/" in p)
    queue: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(routes, queue), daemon=True)
    server.start()
    port = queue.get(timeout=30)
    base = f"http://127.0.0.1:{port}"

    with tempfile.TemporaryDirectory() as tmp:
        print(f"Generated {args.pages} pages ({html_bytes / args.pages / 1024:.0f} KB each on "
              f"average) for {args.outlets} outlets; setting up a temporary database...",
              flush=True)
        setup_django(Path(tmp) / "bench.sqlite3")
        from scrapers.linking import Linker
        from scrapers.models import NewsItem, Outlet, Suggestion
        from scrapers.pipeline import Pipeline, make_fetcher

        outlets = [
            Outlet.objects.create(name=f"Bench {n}", slug=f"bench-{n}", home_page=base + "/",
                                  languages="ru, ky, kk, en",
                                  feed_urls=f"{base}/o{n}/rss.xml", enabled=True)
            for n in range(args.outlets)
        ]
        rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        wall, cpu = time.perf_counter(), time.process_time()
        pipeline = Pipeline(fetcher=make_fetcher(), limit=args.pages)
        summary = pipeline.run(outlets)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        processed = summary.new + summary.duplicates
        print("\nWhole pipeline (fetch over loopback, parse, extract, dedupe, link, store):")
        print(f"  {processed} pages in {wall:.1f} s: {processed / wall:.0f} articles/s "
              f"(CPU {cpu:.1f} s: {processed / cpu:.0f} articles per CPU-second)")
        print(f"  new {summary.new}, duplicates {summary.duplicates}, rejected "
              f"{summary.rejected}, suggestions {summary.suggestions} "
              f"(in the database: {NewsItem.objects.count()} items, "
              f"{Suggestion.objects.count()} suggestions)")

        linker = Linker.from_db()
        tracemalloc.start()
        count, stage_wall, stage_cpu = parse_extract_link(routes, linker)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        count, stage_wall, stage_cpu = parse_extract_link(routes, linker)  # untraced timing
        print("\nParse + extract + link alone (one thread, pages in memory):")
        print(f"  {count} pages in {stage_wall:.1f} s: {count / stage_wall:.0f} articles/s "
              f"per core (CPU {count / stage_cpu:.0f} articles per CPU-second)")
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print("\nMemory:")
        print(f"  peak resident set size of this process: {rss_peak / 1024:.0f} MB "
              f"({rss_start / 1024:.0f} MB before the run)")
        print(f"  peak Python allocations during parse + extract + link: "
              f"{peak / 1024 / 1024:.1f} MB (tracemalloc)")
    server.terminate()
    server.join(timeout=5)


if __name__ == "__main__":
    main()
