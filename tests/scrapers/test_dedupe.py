"""Near-duplicate detection of article texts."""

from __future__ import annotations

import random

from rapidfuzz.distance import Indel

from scrapers.fetching.articles import extract_article
from scrapers.fetching.decoding import decode_html
from scrapers.fetching.dedupe import (
    NearDuplicateIndex,
    find_near_duplicate,
    fingerprint,
    normalise_text,
    similarity,
)

ORIGINAL = (
    "Жители новостройки Ак-Жар на северной окраине Бишкека впервые за несколько лет получили "
    "постоянное электричество. По словам активистов, свет подключили к сорока домам на трёх "
    "улицах. Вода по-прежнему остаётся главной заботой: её привозят в цистернах дважды в "
    "неделю, а уличная колонка работает с перебоями. Многие семьи получили участки ещё при "
    "Атамбаеве, однако документы на землю есть не у всех. В мэрии обещают, что легализация "
    "домов завершится до конца года."
)
# the same story re-published elsewhere: new punctuation and case, a word changed, an extra line
REPOST = (
    "ЖИТЕЛИ новостройки Ак-Жар на северной окраине Бишкека впервые за несколько лет получили "
    "постоянное электричество! По словам активистов, свет подключили к сорока домам на трех "
    "улицах. Вода по-прежнему остается главной проблемой: её привозят в цистернах дважды в "
    "неделю, а уличная колонка работает с перебоями. Многие семьи получили участки еще при "
    "Атамбаеве, однако документы на землю есть не у всех. В мэрии обещают, что легализация "
    "домов завершится до конца года. Фото: читатели."
)
OTHER = (
    "Акимат Алматы пообещал жителям микрорайона Шанырак завершить легализацию земельных "
    "участков к весне. Речь идёт о нескольких сотнях домов, построенных без разрешений. Жители "
    "говорят, что электричество и вода в микрорайоне есть, но дороги разбиты, а школа "
    "переполнена."
)


def test_normalise_text():
    assert normalise_text("  Ёлки, «СВЕТ» — и вода!\n") == "елки свет и вода"


def test_similarity_bounds():
    assert similarity(ORIGINAL, ORIGINAL) == 1.0
    assert similarity("", "") == 1.0
    assert similarity(ORIGINAL, "") == 0.0
    assert 0.0 <= similarity(ORIGINAL, OTHER) <= 1.0


def test_repost_is_a_near_duplicate_and_other_story_is_not():
    assert similarity(ORIGINAL, REPOST) > 0.9
    assert similarity(ORIGINAL, OTHER) < 0.6
    assert similarity(fingerprint(ORIGINAL), REPOST) == similarity(ORIGINAL, REPOST)


def test_find_near_duplicate_with_mapping():
    candidates = {"shanyrak": OTHER, "ak-jar": ORIGINAL}
    match = find_near_duplicate(REPOST, candidates)
    assert match is not None
    assert match.key == "ak-jar"
    assert match.score > 0.9
    assert find_near_duplicate(REPOST, {"shanyrak": OTHER}) is None


def test_find_near_duplicate_with_list_and_threshold():
    match = find_near_duplicate(REPOST, [OTHER, ORIGINAL])
    assert match is not None and match.key == 1
    assert find_near_duplicate(REPOST, [ORIGINAL], threshold=0.999) is None
    assert find_near_duplicate(REPOST, []) is None


def test_short_texts_are_compared_too():
    match = find_near_duplicate("Свет в Ак-Жаре!", ["Вода в Шаныраке", "свет в ак-жаре"])
    assert match is not None and match.key == 1 and match.score == 1.0


def test_fetched_articles_are_matched(server, fetcher):
    """A page fetched over HTTP matches its own text re-published with changes."""
    result = fetcher.fetch(server.url("/articles/ru-ak-jar.html"))
    text = extract_article(decode_html(result.body, result.content_type)[0], result.url).text
    index = NearDuplicateIndex()
    index.add("ak-jar", text)
    for name in ("ru-shanyrak-cp1251-meta.html", "ru-zapadnyj-koi8r-meta.html"):
        other = fetcher.fetch(server.url(f"/articles/{name}"))
        index.add(
            name, extract_article(decode_html(other.body, other.content_type)[0], other.url).text
        )
    edited = text.replace("сорока", "сорока пяти").upper() + " Фото автора."
    match = index.find(edited)
    assert match is not None and match.key == "ak-jar"


def test_index_add_replace_remove():
    index = NearDuplicateIndex()
    index.add(1, ORIGINAL)
    index.add(2, OTHER)
    assert len(index) == 2 and 1 in index
    assert index.find(REPOST).key == 1
    index.add(1, "совсем другой короткий текст про погоду")
    assert index.find(REPOST) is None
    index.remove(1)
    index.remove(99)
    assert len(index) == 1 and 1 not in index


def _random_article(rng: random.Random, vocabulary: list[str], words: int = 300) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_index_stays_fast_over_thousands_of_articles(monkeypatch):
    """What keeps look-ups fast on any machine: adding a text compares it with nothing, and a
    look-up compares it in full only with the few texts that share sampled shingles with it,
    not with all 3,000 (counted, not timed, so a busy machine cannot fail it)."""
    compared: list[int] = []
    compare = Indel.normalized_similarity
    monkeypatch.setattr(Indel, "normalized_similarity",
                        lambda a, b, **kwargs: compared.append(1) or compare(a, b, **kwargs))
    rng = random.Random(20240601)
    vocabulary = normalise_text(ORIGINAL + " " + OTHER).split() + [f"слово{i}" for i in range(3000)]
    texts = [_random_article(rng, vocabulary) for _ in range(3000)]
    index = NearDuplicateIndex()

    for key, text in enumerate(texts):
        index.add(key, text)
    assert compared == []

    words = texts[1234].split()
    for position in range(0, len(words), 25):  # change every 25th word
        words[position] = "изменено"
    matches = [index.find(" ".join(words)) for _ in range(20)]

    assert all(m is not None and m.key == 1234 for m in matches)
    assert len(compared) <= 20 * 3, len(compared)
    assert index.find(_random_article(rng, vocabulary)) is None
