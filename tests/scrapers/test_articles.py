"""extract_article over HTTP, plus dates, languages and sanitising."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from scrapers.fetching import articles as articles_module
from scrapers.fetching.articles import (
    extract_article,
    guess_language,
    html_to_text,
    parse_date_text,
    sanitise_html,
)
from scrapers.fetching.decoding import decode_html
from scrapers.fetching.http import Outcome

BISHKEK = ZoneInfo("Asia/Bishkek")
PLUS6 = timezone(timedelta(hours=6))


def fetch_article(server, fetcher, path, **kwargs):
    result = fetcher.fetch(server.url(path))
    assert result.outcome is Outcome.OK, result.error
    text, _encoding = decode_html(result.body, result.content_type)
    return extract_article(text, result.final_url, **kwargs)


def test_russian_utf8_article(server, fetcher):
    article = fetch_article(server, fetcher, "/articles/ru-ak-jar.html")

    assert article.title == "В Ак-Жаре дали свет, но не воду"  # og:title, not <title>
    assert article.published == datetime(2023, 6, 14, 9, 30, tzinfo=PLUS6)
    assert article.author == "Айгуль Осмонова"
    assert article.language == "ru"
    assert article.description.startswith("Жители новостройки")
    assert article.canonical_url == server.url("/articles/ru-ak-jar.html?utm_source=rss")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Жители новостройки Ак-Жар на северной окраине Бишкека")
    assert "постоянное электричество" in article.text
    assert "при Атамбаеве" in article.text
    assert "легализация домов" in article.text
    assert "«Мы платим за свет" in paragraphs[-1]
    for noise in (
        "СКРИПТ",
        "Меню сайта",
        "Реклама",
        "Поделиться",
        "Читайте также",
        "©",
        "14 июня 2023",
        "font-family",
    ):
        assert noise not in article.text
    assert "  " not in article.text
    # sanitised HTML: allowed tags only, links absolute, handlers gone
    assert f'<a href="{server.url("/tags/ak-jar")}"' in article.html
    assert "onclick" not in article.html
    assert "<blockquote>" in article.html
    assert "<div" not in article.html and "<h1" not in article.html


def test_cp1251_article_with_meta_charset(server, fetcher):
    article = fetch_article(
        server, fetcher, "/articles/ru-shanyrak-cp1251-meta.html", default_tz=BISHKEK
    )

    assert article.title == "Шанырак: участки узаконят к весне"
    # visible date "15 ноября 2011 г., 14:30" in the outlet's time zone
    assert article.published == datetime(2011, 11, 15, 14, 30, tzinfo=BISHKEK)
    assert article.language == "ru"
    assert article.text.startswith("Акимат Алматы пообещал жителям микрорайона Шанырак")
    assert "легализацию земельных участков" in article.text
    assert "Главная" not in article.text


def test_koi8r_article_with_meta_http_equiv(server, fetcher):
    article = fetch_article(server, fetcher, "/articles/ru-zapadnyj-koi8r-meta.html")

    assert article.title == "Западный ждёт водопровод"
    assert article.published == datetime(2019, 3, 2, 11, 0, tzinfo=PLUS6)  # <time datetime>
    assert article.language == "ru"
    assert "окраине Оша" in article.text
    assert "Землю под насосную станцию" in article.text


@pytest.mark.parametrize(
    ("path", "title", "published", "words"),
    [
        (
            "/articles/ru-altyn-kazyk-cp1251-nocharset.html",
            "Алтын-Казык остался без света",
            datetime(2020, 5, 3, tzinfo=UTC),
            ["без электричества", "при Атамбаеве", "подачу света"],
        ),
        (
            "/articles/ru-triangle-koi8r-nocharset.html",
            "Треугольник просит воду и газ",
            datetime(2021, 9, 21, tzinfo=UTC),
            ["Треугольник в Астане", "без\nлегализации"],
        ),
    ],
)
def test_articles_without_any_charset(server, fetcher, path, title, published, words):
    article = fetch_article(server, fetcher, path)
    assert article.title == title
    assert article.published == published
    assert article.language == "ru"
    for word in words:
        assert word.replace("\n", " ") in article.text


def test_kyrgyz_article(server, fetcher):
    article = fetch_article(server, fetcher, "/articles/ky-ak-jar.html", default_tz=BISHKEK)

    assert article.title == "Ак-Жардагы үйлөргө жарык берилди"
    assert article.language == "ky"  # no lang attribute: guessed from ң, ө, ү
    assert article.published == datetime(2023, 10, 5, tzinfo=BISHKEK)  # "2023-жылдын 5-октябры"
    assert "Атамбаевдин убагында" in article.text
    assert "2023-жылдын" not in article.text


def test_kazakh_article(server, fetcher):
    article = fetch_article(server, fetcher, "/articles/kk-shanyrak.html")

    assert article.title == "Шаңырақ тұрғындары жер құжаттарын күтіп отыр"
    assert article.language == "kk"
    assert article.published == datetime(2023, 3, 12, tzinfo=UTC)  # "2023 жылғы 12 наурыз"
    assert article.text.startswith("Алматыдағы Шаңырақ шағынауданының тұрғындары")


def test_english_article(server, fetcher):
    article = fetch_article(server, fetcher, "/articles/en-triangle.html")

    assert article.title == "Astana's Triangle settlement still waits for water mains"
    assert article.published == datetime(2022, 8, 9, 8, 0, tzinfo=UTC)  # JSON-LD
    assert article.author == "Dana Serikova"  # rel=author
    assert article.language == "en"  # lang="en-GB"
    assert article.text.startswith("Residents of Triangle")
    assert "legalisation" in article.text
    assert "horoscopes" not in article.text  # .related-links dropped


def test_broken_html_does_not_crash(server, fetcher):
    article = fetch_article(server, fetcher, "/articles/broken.html")

    assert article.title == "Западный: страница с ошибками"
    assert article.language == "ru"
    assert "отключили электричество на три дня" in article.text
    assert "перебои с водой" in article.text
    assert "до сих пор не оформлены" in article.text
    assert "Мэрия обещала легализацию" in article.text
    assert "Этого абзаца нет" not in article.text  # inside the unterminated comment
    assert "javascript" not in article.html
    assert article.published is None


def test_selectors_override_heuristics():
    html = """
    <html><head><title>Site</title></head><body>
    <div class="headline">Ак-Жар: вода будет к осени</div>
    <span class="when">Опубликовано: 3 мая 2020 г. в 10:15</span>
    <span class="who">Бакыт Асанов</span>
    <div class="ad-block"><p>Реклама реклама реклама реклама реклама реклама</p></div>
    <div class="text-body"><p>Мэрия обещала провести воду.</p>
      <p class="promo-inline">Подпишитесь на канал</p></div>
    </body></html>
    """
    article = extract_article(
        html,
        "https://example.org/news/1",
        {
            "title": ".headline",
            "published": ".when",
            "author": ".who",
            "body": ".text-body",
            "remove": ".promo-inline",
        },
    )
    assert article.title == "Ак-Жар: вода будет к осени"
    assert article.published == datetime(2020, 5, 3, 10, 15, tzinfo=UTC)
    assert article.author == "Бакыт Асанов"
    assert article.text == "Мэрия обещала провести воду."


def test_bad_selectors_are_ignored():
    article = extract_article(
        "<h1>Вода</h1><p>Текст про воду.</p>",
        "https://example.org/",
        {"body": "p[[[", "title": ":::"},
    )
    assert article.title == "Вода"
    assert article.text == "Текст про воду."


def test_title_falls_back_to_h1_then_title_tag():
    assert extract_article("<h1> Свет  в Ак-Жаре </h1>", "https://e.org/").title == (
        "Свет в Ак-Жаре"
    )
    assert extract_article("<title>Вода</title><p>x</p>", "https://e.org/").title == "Вода"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<",
        "<<<>>>",
        "\x00\x01",
        "<html><body>" + "<div>" * 3000 + "вода",
        "<p>" * 500,
        "<table><td><p>x</table></p></td>",
        "<?xml version='1.0'?><rss/>",
        "<script>only a script</script>",
    ],
)
def test_garbage_never_crashes(html):
    article = extract_article(html, "https://example.org/x")
    assert isinstance(article.text, str)


def test_deeply_nested_text_is_extracted():
    html = "<html><body>" + "<div>" * 3000 + "<p>Вода в Западном</p>" + "</div>" * 3000
    assert "Вода в Западном" in extract_article(html, "https://example.org/").text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 ноября 2011", datetime(2011, 11, 15, tzinfo=UTC)),
        ("Опубликовано 15 ноября 2011 г., 14:30", datetime(2011, 11, 15, 14, 30, tzinfo=UTC)),
        ("обновлено 3 мая 2020 года в 09:05", datetime(2020, 5, 3, 9, 5, tzinfo=UTC)),
        ("2023 жылғы 12 наурыз", datetime(2023, 3, 12, tzinfo=UTC)),
        ("12 наурыз 2023 ж.", datetime(2023, 3, 12, tzinfo=UTC)),
        ("1 сәуір 2024", datetime(2024, 4, 1, tzinfo=UTC)),
        ("2023-жылдын 5-октябры", datetime(2023, 10, 5, tzinfo=UTC)),
        ("5-октябрь 2022", datetime(2022, 10, 5, tzinfo=UTC)),
        ("12-марты 2024", datetime(2024, 3, 12, tzinfo=UTC)),
        ("November 15, 2011", datetime(2011, 11, 15, tzinfo=UTC)),
        ("15 November 2011, 10:00", datetime(2011, 11, 15, 10, 0, tzinfo=UTC)),
        ("21.09.2021 18:40", datetime(2021, 9, 21, 18, 40, tzinfo=UTC)),
        ("в 2011 году", None),
        ("15 попугаев 2011", None),
        ("31.02.2020", None),
        ("", None),
    ],
)
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected


def test_parse_date_text_uses_the_default_zone():
    assert parse_date_text("15 ноября 2011", BISHKEK) == datetime(2011, 11, 15, tzinfo=BISHKEK)


def test_dates_survive_an_unsupported_language(monkeypatch):
    """dateparser may not know 'ky': unsupported languages are skipped, not fatal."""
    monkeypatch.setattr(articles_module, "DATE_LANGUAGES", ("ru", "xx-no-such", "en"))
    monkeypatch.setattr(articles_module._DateParser, "_parser", None)
    assert parse_date_text("15 ноября 2011") == datetime(2011, 11, 15, tzinfo=UTC)
    assert articles_module._DateParser.get().languages == ["ru", "en"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Жители Ак-Жара получили свет, но воды всё ещё нет.", "ru"),
        ("Тұрғындар жер учаскелерін заңдастыруды күтіп отыр, әкімдік уәде берді.", "kk"),
        ("Тургундар жаңы көчөлөргө жарык тартылат деп күтүшөт.", "ky"),
        ("Residents of Triangle still wait for water.", "en"),
        (
            "Жители микрорайона Шаңырақ ждут документы на землю уже много лет подряд, "
            "и акимат обещает ускорить легализацию участков.",
            "ru",
        ),
        ("12345 !!!", ""),
    ],
)
def test_guess_language(text, language):
    assert guess_language(text) == language


def test_lang_attribute_wins_but_not_against_kazakh_letters():
    page = "<html lang='{}'><body><p>{}</p></body></html>"
    kk_text = "Тұрғындар жер учаскелерін заңдастыруды күтіп отыр. Әкімдік уәде берді."
    assert extract_article(page.format("kk-KZ", "Вода"), "https://e.org/").language == "kk"
    assert extract_article(page.format("kz", "Вода"), "https://e.org/").language == "kk"
    assert extract_article(page.format("ru", kk_text), "https://e.org/").language == "kk"
    assert extract_article(page.format("en", "Свет"), "https://e.org/").language == "en"


def test_sanitise_html():
    dirty = (
        '<p class="x" style="color:red" onclick="evil()">Свет <b>и</b> <em>вода</em></p>'
        "<script>alert(1)</script><style>p{}</style>"
        '<a href="javascript:alert(1)">плохая</a> <a href="/news/1" target="_blank">хорошая</a>'
        "<ul><li>земля</li></ul><ol><li>легализация</li></ol><br>"
        "<blockquote>цитата</blockquote><strong>важно</strong><img src=x onerror=alert(1)>"
        "<iframe src='https://evil.example'></iframe><!-- comment -->"
    )
    clean = sanitise_html(dirty, base_url="https://example.org/a/")
    assert clean == (
        "<p>Свет и <em>вода</em></p>"
        '<a rel="nofollow noopener noreferrer">плохая</a> '
        '<a href="https://example.org/news/1" rel="nofollow noopener noreferrer">хорошая</a>'
        "<ul><li>земля</li></ul><ol><li>легализация</li></ol><br>"
        "<blockquote>цитата</blockquote><strong>важно</strong>"
    )
    assert sanitise_html("") == ""
    assert sanitise_html('<a href="/x">x</a>') == (
        '<a href="/x" rel="nofollow noopener noreferrer">x</a>'
    )


def test_html_to_text():
    assert html_to_text("<p>Свет</p><p>и <b>вода</b></p><script>x()</script>") == "Свет и вода"
    assert html_to_text("просто  текст") == "просто текст"
