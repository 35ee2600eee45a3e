"""Numbers in the URL: only plain ASCII digits count (core.params), on search and the list.

"²".isdigit() is true but int("²") fails: such values used to end in a server error.
"""

import pytest

from core.folding import name_key, prefix_key
from core.params import clamp_page, parse_int

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", "①", "٣", "+3", "3_0", " ", "x", "1" * 13])
def test_search_ignores_numbers_that_are_not_plain_digits(backend, world, client, value):
    response = client.get("/search/", {"year": value, "city": value, "page": value})
    assert response.status_code == 200
    text = response.content.decode()
    if value.strip():
        assert f"There is no page “{value}”" in text
        assert f"“{value}” is not a known year" in text
        assert f"“{value}” is not a known city" in text


@pytest.mark.parametrize("value", ["²", "-3", "٣"])
def test_the_promise_list_shows_the_first_page_for_a_page_that_is_no_number(seeded, client,
                                                                           value):
    response = client.get("/promises/", {"page": value})
    assert response.status_code == 200
    assert f"There is no page “{value}”; showing page 1 of" in response.content.decode()


def test_parse_int_accepts_ascii_digits_within_bounds_only():
    assert parse_int(" 2010 ", minimum=1000, maximum=2999) == 2010
    assert parse_int("999", minimum=1000) is None
    assert parse_int("3000", maximum=2999) is None
    assert [parse_int(value) for value in ("²", "٣", "+1", "-1", "1_0", "", None)] == [None] * 7
    assert clamp_page(0, 5) == 1 and clamp_page(9, 5) == 5 and clamp_page(3, 0) == 1


@pytest.mark.parametrize("typed, name", [("Акж", "Ак-Жар"), ("Ak Zh", "Akzhar"),
                                         ("Zapadnyj", "Западный"), ("Черём", "Cheryomushki")])
def test_what_is_typed_so_far_has_a_key_that_starts_the_names_key(typed, name):
    assert name_key(name).startswith(prefix_key(typed))
