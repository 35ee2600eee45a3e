"""A small fake news outlet on 127.0.0.1 for the pipeline tests: routes that tests set and
change (pages, feeds, redirects, errors), a robots.txt, conditional GET, and a hit log.

Pages are built from SHORT ORIGINAL texts written for these tests (see ``STORIES``).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: NewsSite

    def handle_error(self, request, client_address) -> None:
        pass  # clients closing kept-alive connections are not errors here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        site = self.server.site
        path = urlsplit(self.path).path
        site.record(self.path)
        route = site.routes.get(self.path) or site.routes.get(path)
        if route is None and path == "/robots.txt":
            route = Route(body=ROBOTS, content_type="text/plain")
        if route is None:
            route = Route(status=404, body=b"<h1>Not found</h1>")
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.end_headers()
            return
        self.send_response(route.status)
        if route.content_type and route.status not in (204, 304):
            self.send_header("Content-Type", route.content_type)
        if route.etag:
            self.send_header("ETag", route.etag)
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body)


class NewsSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.site = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> NewsSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def record(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1

    def hits_for(self, path: str) -> int:
        with self._lock:
            return sum(count for key, count in self.hits.items()
                       if urlsplit(key).path == path)

    # -- setting routes ----------------------------------------------------------------------

    def page(self, path: str, html: str | bytes, *, content_type: str | None = None,
             encoding: str = "utf-8", status: int = 200, etag: str | None = None,
             headers: dict[str, str] | None = None) -> str:
        body = html.encode(encoding) if isinstance(html, str) else html
        if content_type is None:
            content_type = f"text/html; charset={encoding}"
        self.routes[path] = Route(status, body, content_type, dict(headers or {}), etag)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 301) -> str:
        self.routes[path] = Route(status, b"", None, {"Location": location})
        return self.url(path)

    def error(self, path: str, status: int, headers: dict[str, str] | None = None) -> str:
        self.routes[path] = Route(status, f"<h1>{status}</h1>".encode(), "text/html",
                                  dict(headers or {}))
        return self.url(path)


def article_html(title: str, paragraphs: list[str], *, published: str = "", lang: str = "ru",
                 author: str = "", canonical: str = "", script: bool = True,
                 charset_meta: str | None = "utf-8") -> str:
    """A news page with the usual furniture around the story (menu, share box, footer)."""
    head = [f'<meta charset="{charset_meta}">' if charset_meta else "",
            f"<title>{escape(title)} | Окраина-Ньюс</title>",
            f'<meta property="og:title" content="{escape(title)}">']
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        head.append(f'<meta name="author" content="{escape(author)}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    if script:
        head.append('<script>window.tracker = "ТРЕКЕР НЕ ДОЛЖЕН ПОПАСТЬ В АРХИВ";</script>')
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    if script:
        body += '<script>document.write("ВНЕДРЁННЫЙ СКРИПТ")</script>'
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}</head><body>'
        '<nav><a href="/">Главная</a> <a href="/news/">Новости</a></nav>'
        f"<article><h1>{escape(title)}</h1>{body}"
        '<div class="share-buttons"><p>Поделиться в соцсетях</p></div></article>'
        "<footer><p>© Окраина-Ньюс</p></footer></body></html>"
    )


def rss(items: list[dict], *, title: str = "Окраина-Ньюс") -> str:
    """An RSS 2.0 feed; each item: link, title, published (datetime), description."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
             f"<title>{escape(title)}</title><link>/</link><description>test</description>"]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.get('title', ''))}</title>")
        parts.append(f"<link>{escape(item['link'])}</link>")
        if item.get("published") is not None:
            parts.append(f"<pubDate>{format_datetime(item['published'])}</pubDate>")
        if item.get("description"):
            parts.append(f"<description>{escape(item['description'])}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts)


#: Short original stories about the seed settlements, one per language and case.
STORIES = {
    "ak-jar-light": {
        "lang": "ru",
        "title": "В Ак-Жаре дали свет, но не воду",
        "published": "2023-06-14T09:30:00+06:00",
        "author": "Айгуль Осмонова",
        "paragraphs": [
            "Жители новостройки Ак-Жар на северной окраине Бишкека впервые получили "
            "постоянное электричество: мэрия Бишкека подключила к сети сорок домов на трёх "
            "улицах.",
            "Вода по-прежнему остаётся главной заботой. Её привозят в цистернах дважды в "
            "неделю, а водопровод, обещанный ещё в 2010 году, так и не проложен.",
        ],
    },
    "ak-jar-ky": {
        "lang": "ky",
        "title": "Ак-Жарга ичүүчү суу түтүгү тартылды",
        "published": "2024-03-02T11:00:00+06:00",
        "paragraphs": [
            "Бишкек шаарынын мэриясы Ак-Жар конушуна ичүүчү суу түтүгүн тартып бүттү. "
            "Тургундар бул убаданы он жылдан ашык күтүшкөнүн айтышты.",
            "Эми көчөлөрдө жарык да күйүп турат, бирок жолдор дагы эле асфальтталган эмес.",
        ],
    },
    "shanyrak-kk": {
        "lang": "kk",
        "title": "Шаңырақ тұрғындарының үйлері бұзылмайды",
        "published": "2025-02-11T10:00:00+05:00",
        "paragraphs": [
            "Алматы қаласының әкімдігі Шаңырақ шағынауданындағы үйлер бұзылмайтынын тағы да "
            "мәлімдеді. Тұрғындар көшіру туралы қауесеттен кейін әкімдікке жиналған болатын.",
            "Әкімдік өкілі жер учаскелерін заңдастыру жұмысы жалғасып жатқанын айтты.",
        ],
    },
    "triangle-en": {
        "lang": "en",
        "title": "Triangle residents receive their first title deeds",
        "published": "2024-05-17T08:00:00+05:00",
        "paragraphs": [
            "Forty families in Astana's Triangle settlement received title deeds this week, "
            "more than a decade after the city akimat promised to legalise their plots.",
            "Residents said hundreds of households were still waiting for their papers.",
        ],
    },
    "zapadnyj-koi8": {
        "lang": "ru",
        "title": "Участки для жителей Западного так и не выделены",
        "published": "2023-10-03T12:00:00+06:00",
        "paragraphs": [
            "Семьи, которые в 2010 году заняли поле в Западном районе Оша, до сих пор не "
            "получили обещанной земли.",
            "В мэрии Оша говорят, что участки распределят после инвентаризации, но сроков не "
            "называют.",
        ],
    },
    "ak-jar-football": {
        "lang": "ru",
        "title": "Команда из Ак-Жара выиграла турнир по мини-футболу",
        "published": "2024-08-20T18:00:00+06:00",
        "paragraphs": [
            "Юношеская команда новостройки Ак-Жар стала победителем городского турнира по "
            "мини-футболу. В финале ребята обыграли сверстников со счётом 4:2.",
            "Тренер команды поблагодарил родителей, которые возили игроков на тренировки.",
        ],
    },
}
