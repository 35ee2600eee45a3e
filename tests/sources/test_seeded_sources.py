"""The study's passages, as loaded by the seed, on the sources list and their own pages."""

from django.utils import translation

from sources.models import Source
from tests.test_public_pages import text_of


def test_every_seeded_passage_is_listed_under_its_document(client, seeded):
    listing = text_of(client.get("/sources/"))
    passages = Source.objects.exclude(part_of=None).select_related("part_of")
    assert passages.count() > 10
    for passage in passages:
        under_document = listing.split(passage.part_of.title, 1)[1]
        assert passage.title in under_document, passage.title


@translation.override("en")  # whatever language an earlier test left active
def test_every_seeded_passage_names_its_document_and_where_it_is(client, seeded):
    for passage in Source.objects.exclude(part_of=None).select_related("part_of"):
        text = text_of(client.get(passage.get_absolute_url()))
        assert f"Part of {passage.part_of.title}" in text, passage.title
        if passage.locator():
            assert f"Where {passage.locator()}" in text, passage.title
