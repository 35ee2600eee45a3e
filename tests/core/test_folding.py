"""One name key for the news linker and for search, checked on every name of the seed records.

The linker (scrapers.linking.fold) and search (search.names: the keys indexed in `name_keys` and
matched by the database fallback) must agree on whether two spellings are one name, or a story
linked to Ak-Jar would not be found by searching for "Акжар".
"""

import pytest

from actors.models import BodyPage, PersonPage
from places.models import CityPage, Country, District, SettlementPage
from scrapers.linking import fold as linker_key
from search.names import compact_key as search_key
from search.names import name_keys

pytestmark = pytest.mark.django_db

NAMED_MODELS = (Country, District, CityPage, SettlementPage, PersonPage, BodyPage)

# Seed records whose every name is the same name spelt another way (the other records also list
# translations, former names and descriptions, which are not meant to fold together).
ONE_NAME_IN_MANY_SPELLINGS = [
    "bishkek", "osh", "astana", "ak-jar", "altyn-kazyk", "adylet-ayry", "bugu-ene", "tynchtyk",
    "jumgal-ata", "ak-bata", "ak-ordo", "archa-beshik", "shanyrak", "bakai", "kurilisshy",
    "ondiris", "kirpichny", "koyandy", "ata-jurt",
]


def seed_names():
    """(record, [title and every alias]) for every named seed record."""
    return [(record, record.name_list()) for model in NAMED_MODELS
            for record in model.objects.all()]


def test_the_linker_and_search_give_every_seed_name_the_same_key(seeded):
    records = seed_names()
    assert sum(len(names) for _record, names in records) > 100  # the seed was loaded
    disagreements = [(name, linker_key(name), search_key(name))
                     for _record, names in records for name in names
                     if linker_key(name) != search_key(name)]
    assert disagreements == []


def test_spellings_of_one_name_fold_to_one_key_on_both_paths(seeded):
    pages = {page.slug: page for model in (CityPage, SettlementPage, BodyPage)
             for page in model.objects.filter(slug__in=ONE_NAME_IN_MANY_SPELLINGS)}
    assert sorted(pages) == sorted(ONE_NAME_IN_MANY_SPELLINGS)
    for slug, page in pages.items():
        names = page.name_list()
        assert len(names) > 1, slug
        assert len({linker_key(name) for name in names}) == 1, (slug, names)
        assert len({search_key(name) for name in names}) == 1, (slug, names)


@pytest.mark.parametrize("spellings", [
    ["Atambaev", "Atambayev", "Атамбаев"],
    ["Bakiev", "Bakiyev", "Бакиев"],
    ["Nazarbayev", "Nazarbaev", "Назарбаев"],
    ["Cheremushki dormitories", "Cheryomushki dormitories"],
    ["Черемушки", "Черёмушки"],
    ["Zapadnyj", "Zapadny", "Западный"],
])
def test_transliterated_aliases_share_every_key(seeded, spellings):
    """Each group is listed among one record's names in the seed (Cheryomushki once split them)."""
    assert any(set(spellings) <= set(names) for _record, names in seed_names())
    assert len({linker_key(spelling) for spelling in spellings}) == 1
    assert len({frozenset(name_keys(spelling)) for spelling in spellings}) == 1
