"""Name folding and query parsing: plain functions, no database or engine."""

import pytest

from search.names import compact_key, fold, latin, name_keys
from search.query import MAX_QUERY_LENGTH, MAX_WORDS, split_text


@pytest.mark.parametrize("spellings", [
    ["Ak-Jar", "Ак-Жар", "Akzhar", "Ak Zhar", "Акжар", "AK JAR"],
    ["Atambaev", "Atambayev", "Атамбаев"],
    ["Bakiev", "Bakiyev", "Бакиев"],
    ["Zapadnyj", "Zapadnyy", "Западный"],
    ["Жаңы-Жер", "Жаны-Жер", "Zhany-Zher"],
])
def test_spellings_share_a_key(spellings):
    assert len({compact_key(spelling) for spelling in spellings}) == 1


def test_folding_and_transliteration():
    assert fold("Жаңы-Жер Өрнөк Қазақ ҮЙ") == "жаны-жер орнок казак уй"
    assert latin("Ак-Жар") == "Ak-Zhar"
    assert name_keys("Ak-Jar") == {"ak", "jar", "akjar"}


@pytest.mark.parametrize("text, words, phrases, unmatched", [
    ('electricity "road blockade" Ak-Jar', ["electricity", "Ak-Jar"], ["road blockade"], False),
    ('"Ak-Jar', ["Ak-Jar"], [], True),
    ('a "b c" "d', ["a", "d"], ["b c"], True),
    ("«Ак-Жар» свет", ["Ак-Жар", "свет"], [], False),
    ("+ - && || ( ) ~ * ?", [], [], False),
    ("(Ak-Jar), title:x", ["Ak-Jar", "title:x"], [], False),
])
def test_split_text(text, words, phrases, unmatched):
    assert split_text(text) == (words, phrases, unmatched)


def test_limits_are_sane():
    assert MAX_QUERY_LENGTH == 200 and MAX_WORDS >= 10
