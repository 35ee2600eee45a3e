"""Sources: whole documents, the passages cited from them (section, page), and their pages."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sources.models import Source
from tests.factories import PassageFactory, PersonPageFactory, SourceFactory
from tests.test_public_pages import html_of, text_of


@pytest.fixture
def study(db):
    return SourceFactory(kind="study", title="Informal settlements of Bishkek",
                         publisher="Land research group", published="2012", url="")


@pytest.mark.parametrize(("section", "page", "locator"), [
    ("Land tenure", 9, "Land tenure, p. 9"),
    ("Land tenure", None, "Land tenure"),
    ("", 12, "p. 12"),
    ("", None, ""),
])
def test_a_passage_is_located_by_section_and_page(section, page, locator):
    with translation.override("en"):
        assert Source(section=section, page=page).locator() == locator


def test_a_passage_belongs_to_its_document(study):
    passage = PassageFactory(part_of=study)
    assert passage.document == study
    assert study.document == study
    assert list(study.passages.all()) == [passage]


def test_a_source_cannot_be_part_of_itself(study):
    study.part_of = study
    with pytest.raises(ValidationError) as error:
        study.clean()
    assert "part_of" in error.value.message_dict


def test_a_cited_passage_shows_where_it_is_in_its_document(client, home, study):
    passage = PassageFactory(part_of=study, title="Ak-Jar's land", section="Land tenure", page=9)
    person = PersonPageFactory(summary="<p>An official.</p>", summary_source=passage)
    html = html_of(client.get(person.url))
    assert f'<a href="/sources/{passage.pk}/">Ak-Jar&#x27;s land</a> (Land tenure, p. 9)' in html


def test_a_section_already_in_the_title_is_not_repeated(client, home, study):
    passage = PassageFactory(part_of=study, title="Land tenure in Ak-Jar", section="Land tenure",
                             page=9)
    person = PersonPageFactory(summary="<p>An official.</p>", summary_source=passage)
    text = text_of(client.get(person.url))
    assert "Source: Land tenure in Ak-Jar" in text
    assert "(Land tenure" not in text


def test_a_whole_document_is_cited_by_its_title_alone(client, home):
    report = SourceFactory(title="Mayor promises roads", section="Politics", page=3)
    person = PersonPageFactory(summary="<p>An official.</p>", summary_source=report)
    text = text_of(client.get(person.url))
    assert "Source: Mayor promises roads" in text
    assert "(Politics" not in text


def test_sources_page_lists_documents_with_their_passages_by_page(client, home, study):
    PassageFactory(part_of=study, title="Electricity in Ak-Jar", section="Services", page=31)
    PassageFactory(part_of=study, title="Plots in Ak-Jar", section="Land tenure", page=9)
    SourceFactory(title="Residents block the road", publisher="AKIpress", published="2010-11")
    text = text_of(client.get("/sources/"))
    assert ("Informal settlements of Bishkek Study, Land research group, 2012 "
            "2 passages cited Plots in Ak-Jar (Land tenure, p. 9) "
            "Electricity in Ak-Jar (Services, p. 31)") in text
    assert "Residents block the road News item, AKIpress, November 2010" in text
    assert text.count("Electricity in Ak-Jar") == 1  # a passage is not listed as a document


def test_sources_page_without_sources_says_so(client, home):
    assert "No sources recorded yet." in text_of(client.get("/sources/"))


def test_document_page_lists_its_passages(client, home, study):
    passage = PassageFactory(part_of=study, title="Ak-Jar's land", section="Land tenure", page=9)
    response = client.get(f"/sources/{study.pk}/")
    text = text_of(response)
    assert "Kind Study Publisher Land research group Published 2012" in text
    assert "Part of" not in text and "Where" not in text
    assert "Passages cited Ak-Jar's land (Land tenure, p. 9)" in text
    assert f'href="/sources/{passage.pk}/"' in html_of(response)


def test_passage_page_links_to_its_document(client, home, study):
    passage = PassageFactory(part_of=study, title="Ak-Jar's land", section="Land tenure", page=9,
                             excerpt="Plots were never registered.")
    response = client.get(f"/sources/{passage.pk}/")
    text = text_of(response)
    assert "Part of Informal settlements of Bishkek Where Land tenure, p. 9" in text
    assert "Excerpt Plots were never registered." in text
    assert "Passages cited" not in text
    assert f'<a href="/sources/{study.pk}/">Informal settlements of Bishkek</a>' in html_of(
        response)


def test_the_page_number_is_in_the_readers_language(client, home, study):
    passage = PassageFactory(part_of=study, section="Land tenure", page=9)
    assert "Land tenure, с. 9" in text_of(client.get(f"/ru/sources/{passage.pk}/"))
    assert "Land tenure, 9-бет" in text_of(client.get(f"/ky/sources/{passage.pk}/"))


def test_a_web_source_shows_its_address_and_when_it_was_retrieved(client, home):
    report = SourceFactory(url="https://news.example.org/ak-jar", retrieved="2011-09-14")
    assert "Address https://news.example.org/ak-jar (retrieved on 14 September 2011)" in text_of(
        client.get(f"/sources/{report.pk}/"))


def test_an_unknown_source_is_not_found(client, home):
    assert client.get("/sources/999999/").status_code == 404


@pytest.fixture
def five_documents(db, monkeypatch):
    monkeypatch.setattr("sources.models.DOCUMENTS_PER_PAGE", 2)
    return [SourceFactory(title=f"Report {n}") for n in range(1, 6)]


@pytest.mark.usefixtures("five_documents")
def test_sources_page_shows_a_page_of_documents_and_links_to_the_next(client, home):
    first = text_of(client.get("/sources/"))
    assert "Report 1" in first and "Report 2" in first and "Report 3" not in first
    assert "Documents 1 to 2 of 5." in first and "Page 1 of 3" in first
    assert 'href="?page=2"' in html_of(client.get("/sources/"))
    last = text_of(client.get("/sources/?page=3"))
    assert "Report 5" in last and "Report 4" not in last


@pytest.mark.usefixtures("five_documents")
@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("99999", 3), ("0", 1), ("²", 1)])
def test_sources_page_answers_a_page_that_does_not_exist_with_the_nearest_one(
        client, home, asked, shown):
    text = text_of(client.get("/sources/", {"page": asked}))
    assert f"There is no page “{asked}”; showing page {shown} of 3." in text
    assert f"Page {shown} of 3" in text
