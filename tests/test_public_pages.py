"""What a visitor sees on each public page."""

import re
from html import unescape
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from places.models import SettlementService, SettlementSize
from promises import listing
from promises.models import PromisePage
from promises.status import DEFINITIONS, OVERDUE_DEFINITION
from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    ElectionFactory,
    EventFactory,
    PassageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
)


def text_of(response):
    """The page as a visitor reads it: tags removed, whitespace collapsed."""
    assert response.status_code == 200
    html = response.content.decode()
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    return re.sub(r" ([,.;:)])", r"\1", text).replace("( ", "(")


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def _ak_jar(bishkek, study_passage):
    """Ak-Jar as the study describes it in 2011: contested, 15,000 people, no electricity."""
    return SettlementPageFactory(
        title="Ak-Jar",
        parent=bishkek,
        other_names="Ак-Жар\nAkzhar",
        founded="2005-03",
        founded_source=study_passage,
        legal_status=("contested", "2011-02"),
        children={
            "sizes": [SettlementSize(people=15000, as_of="2011", source=study_passage)],
            "services": [SettlementService(service="electricity", level="none", as_of="2011",
                                           source=study_passage, note="Small generators.")],
        },
    )


def _restatement(original, person, ak_jar):
    """Atambaev's September 2011 restatement, before the presidential election."""
    return PromisePageFactory(
        title="Atambaev repeats the electricity promise",
        made="2011-09",
        deadline="2011-12",
        restates=original,
        people=[person],
        settlements=[ak_jar],
        election=ElectionFactory(title="Presidential election", date="2011-10-30"),
        subjects=["electricity", "water"],
        history=[("2011-10", "kept")],
    )


@pytest.fixture
def world(home):
    """Ak-Jar, its 2010 electricity promise and the 2011 restatement of it."""
    study_passage = PassageFactory(title="Ak-Jar in the land study", section="Land tenure",
                                   page=9)
    ruling_passage = PassageFactory(title="The city court ruling", section="Access to justice",
                                    page=29)
    government = BodyPageFactory(title="Government of Kyrgyzstan", kind="government")
    city_hall = BodyPageFactory(title="Bishkek city administration")
    person = PersonPageFactory(
        title="Almazbek Atambaev",
        roles=[
            {"body": government, "title": "First Deputy Prime Minister", "start": "2010-07",
             "end": "2010-12"},
            {"body": government, "title": "Prime Minister", "start": "2010-12"},
        ],
    )
    bishkek = CityPageFactory(title="Bishkek")
    ak_jar = _ak_jar(bishkek, study_passage)
    blockade = EventFactory(title="Ak-Jar residents block the road to Dordoi", date="2010-11-20",
                            settlements=[ak_jar], sources=[study_passage])
    original = PromisePageFactory(
        title="Electricity and water for Ak-Jar",
        text="The city will supply electricity and water.",
        quote="You will have light by next winter.",
        quote_kind="quote",
        made="2010-11",
        deadline_phrase="within a year",
        people=[person],
        bodies=[city_hall],
        settlements=[ak_jar],
        subjects=["electricity"],
        events=[blockade],
        source=study_passage,
        history=[
            {"date": "2011-08", "status": "broken", "rationale": "Poles but no power.",
             "sources": [ruling_passage]},
            {"date": "2011-09", "status": "stalled", "is_correction": True,
             "rationale": "Corrects the August entry: works resumed."},
        ],
    )
    restatement = _restatement(original, person, ak_jar)
    return SimpleNamespace(**locals())


# Layout ---------------------------------------------------------------------------------


def test_every_page_has_the_site_layout(client, world):
    html = html_of(client.get(world.original.url))
    assert '<html lang="en">' in html
    assert '<a class="skip" href="#main">' in html and '<main id="main"' in html
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    labels = re.findall(r">([^<]+)</a>", nav)
    assert labels == ["Promises", "Bishkek", "People", "Bodies", "Methodology", "Sources"]
    assert re.search(r'<form class="search" role="search" method="get" action="/search/">', html)
    assert 'name="q"' in html and '<label class="vh" for="search-q">' in html
    for code in ("ru", "ky", "kk"):
        assert f'href="/{code}{world.original.url}" lang="{code}"' in html
    assert 'href="/methodology/">How we record and rate promises' in html


def test_the_language_links_work_without_javascript_or_a_token(world):
    browser = Client(enforce_csrf_checks=True)
    page = html_of(browser.get("/ru" + world.original.url))
    assert '<html lang="ru">' in page
    assert f'href="/ru{world.ak_jar.url}"' in page  # links stay in the chosen language
    assert 'action="/ru/search/"' in page
    assert f'href="{world.original.url}" lang="en"' in page  # and lead back to English
    assert "csrftoken" not in browser.cookies  # nothing stops the page cache


def test_missing_page_uses_the_site_template(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert '<nav aria-label="Main">' in response.content.decode()


def test_server_error_page_needs_no_request():
    with translation.override("en"):
        html = render_to_string("500.html")
    assert "Something went wrong" in html and '<html lang="en">' in html


# Home -------------------------------------------------------------------------------------


def test_home_shows_counts_changes_overdue_promises_and_places(client, world):
    overdue = PromisePageFactory(title="Water by 2012", made="2011-05", deadline="2012",
                                 settlements=[world.ak_jar])
    html = html_of(client.get("/"))
    text = text_of(client.get("/"))
    assert "3 promises recorded" in text
    assert re.search(r'href="/promises/\?status=stalled">.*?Stalled.*?class="count">1<', html,
                     re.S)
    assert re.search(r'href="/promises/\?status=not_rated">.*?class="count">1<', html, re.S)
    overdue_section = html.split('id="overdue"')[1].split('id="latest"')[0]
    assert overdue.title in overdue_section and world.original.title in overdue_section
    assert world.restatement.title not in overdue_section  # kept: settled
    changes = html.split('id="latest"')[1].split('id="places"')[0]
    assert changes.index("October 2011") < changes.index("September 2011") < changes.index(
        "August 2011")
    assert "Correction" in changes
    places = text_of(client.get("/")).split("Settlements by city")[1]
    assert "Bishkek" in places and "Ak-Jar 3 promises" in places


# Promise ----------------------------------------------------------------------------------


def test_promise_page_shows_the_whole_record(client, world):
    response = client.get(world.original.url)
    text, html = text_of(response), html_of(response)
    assert "Electricity and water for Ak-Jar" in text
    assert '<time datetime="2010-11">November 2010</time>' in html
    assert "Stalled" in text and escape(str(DEFINITIONS["stalled"])) in html
    assert "Overdue" in text
    assert "November 2011 (derived from “within a year”)" in text
    assert "<blockquote><p>You will have light by next winter.</p></blockquote>" in html
    assert "Verbatim quote" in text
    assert "Almazbek Atambaev, First Deputy Prime Minister, Government of Kyrgyzstan" in text
    assert "Bishkek city administration" in text
    assert "Ak-Jar, Bishkek" in text
    assert 'href="/promises/?subject=electricity"' in html
    assert "Road-blockade negotiation" in text
    assert f'href="{world.restatement.url}">{world.restatement.title}</a>' in html
    history = text.split("Status history")[1]
    assert history.index("August 2011 Broken") < history.index("September 2011 Stalled")
    assert "Correction" in history
    assert (f'<a href="/sources/{world.ruling_passage.pk}/">The city court ruling</a> '
            "(Access to justice, p. 29)") in html
    assert "Ak-Jar residents block the road to Dordoi" in text.split("Related events")[1]
    assert f'href="/sources/{world.study_passage.pk}/"' in html.split("Reported in")[1]


def test_promise_page_has_a_cite_block(client, world):
    text = text_of(client.get(world.original.url))
    permalink = f"http://testserver/record/{world.original.pk}/"
    assert "Cite this" in text
    assert f"“Electricity and water for Ak-Jar”. Ubada: promises to informal settlements. " \
           f"{permalink} (retrieved on" in text
    assert client.get(permalink).url == world.original.url


def test_restatement_links_back_and_shows_the_role_at_its_own_time(client, world):
    text = text_of(client.get(world.restatement.url))
    html = html_of(client.get(world.restatement.url))
    assert "This restates an earlier promise: Electricity and water for Ak-Jar (November 2010)" \
        in text
    assert f'href="{world.original.url}"' in html
    assert "Almazbek Atambaev, Prime Minister, Government of Kyrgyzstan" in text
    assert "December 2011" in text and "derived from" not in text
    assert "Presidential election" in text
    assert "Paraphrase" not in text  # no quote given
    assert "Overdue" not in text  # kept


def test_paraphrase_is_marked_as_such(client, home):
    promise = PromisePageFactory(quote="They said the land would be theirs.")
    assert "Paraphrase: not the promisor’s exact words" in text_of(client.get(promise.url))


def test_unpublished_restatements_are_not_shown(client, world):
    world.restatement.unpublish()
    assert world.restatement.title not in text_of(client.get(world.original.url))


def test_promise_preview_renders(world):
    response = world.original.make_preview_request()
    assert response.status_code == 200
    assert "November 2010" in response.rendered_content


# Promise list -----------------------------------------------------------------------------


def titles(response):
    html = html_of(response)
    return re.findall(r'<li class="promise-row">\s*<h3><a href="[^"]+">([^<]+)</a>', html)


def test_promise_list_shows_every_live_promise_newest_first(client, world):
    response = client.get("/promises/")
    assert titles(response) == [world.restatement.title, world.original.title]
    assert "2 promises" in text_of(response)


FILTERS = [
    ("status=kept", ["restatement"]),
    ("status=stalled", ["original"]),
    ("city={bishkek.pk}", ["restatement", "other", "original"]),
    ("settlement={ak_jar.pk}", ["restatement", "original"]),
    ("promisor={person.pk}", ["restatement", "original"]),
    ("promisor={city_hall.pk}", ["original"]),
    ("subject=water", ["restatement"]),
    ("year=2010", ["original"]),
    ("overdue=on", ["original"]),
    ("sort=oldest", ["original", "other", "restatement"]),
    ("sort=deadline", ["original", "restatement", "other"]),
]


def test_filters_narrow_the_promise_list(client, world):
    other = PromisePageFactory(
        title="Gas for Tynchtyk", made="2011-02",
        settlements=[SettlementPageFactory(title="Tynchtyk", parent=world.bishkek)],
    )
    records = {"original": world.original, "restatement": world.restatement, "other": other}
    for query, expected in FILTERS:
        response = client.get("/promises/?" + query.format(**vars(world)))
        assert titles(response) == [records[key].title for key in expected], query


def test_active_filters_are_described(client, world):
    text = text_of(client.get(f"/promises/?status=stalled&city={world.bishkek.pk}&overdue=on"))
    assert "1 promise: Status — Stalled; City — Bishkek; Only overdue promises — yes" in text


def test_bad_filter_values_give_a_message_and_are_ignored(client, world):
    for query in ["status=finished", "year=last", "year=99999", "city=999999",
                  "promisor=someone", "settlement=1.5", "sort=random", "subject=nothing"]:
        response = client.get("/promises/?" + query)
        assert "Some filters were not understood and were ignored" in text_of(response), query
        assert len(titles(response)) == 2, query


def test_bad_and_good_filters_together(client, world):
    response = client.get("/promises/?status=kept&year=last")
    assert titles(response) == [world.restatement.title]
    assert "ignored: Year made" in text_of(response)


def test_pages_out_of_range_show_the_nearest_page(client, world, monkeypatch):
    monkeypatch.setattr(listing, "PER_PAGE", 1)
    response = client.get("/promises/?status=&page=9")
    assert titles(response) == [world.original.title]
    assert "There is no page “9”; showing page 2 of 2." in text_of(response)
    for first in ("first", "0", "-3"):
        response = client.get(f"/promises/?page={first}")
        assert titles(response) == [world.restatement.title]
        assert f"There is no page “{first}”; showing page 1 of 2." in text_of(response)
    html = html_of(client.get("/promises/?sort=oldest&page=1"))
    assert 'href="?sort=oldest&amp;page=2" rel="next"' in html


# Places -----------------------------------------------------------------------------------


def test_settlement_page_shows_names_facts_promises_and_one_timeline(client, world):
    response = client.get(world.ak_jar.url)
    text, html = text_of(response), html_of(response)
    assert "Also known as: Ак-Жар, Akzhar" in text
    assert "City Bishkek" in text
    assert "Founded March 2005. Source: Ak-Jar in the land study (Land tenure, p. 9)" in text
    assert "Contested, as of February 2011. Source:" in text
    assert "Deadline November 2011 (derived)" in text
    assert "15,000 people, as of 2011. Source: Ak-Jar in the land study" in text
    assert "Electricity: None, as of 2011. Small generators. Source:" in text
    promises = text.split("Promises made to this settlement")[1].split("Timeline")[0]
    assert world.original.title in promises and world.restatement.title in promises
    assert "Stalled" in promises and "Kept" in promises
    timeline = text.split("oldest first.")[1].split("Cite this")[0]
    order = [
        # a day before the month that contains it: "November 2010" may be its last day
        "20 November 2010 Road blockade Ak-Jar residents block the road to Dordoi",
        "November 2010 Promise made Electricity and water for Ak-Jar",
        "August 2011 Status change Electricity and water for Ak-Jar: Broken",
        "September 2011 Promise made Atambaev repeats",
        "September 2011 Status change Electricity and water for Ak-Jar: Stalled Correction",
        "October 2011 Status change Atambaev repeats the electricity promise: Kept",
    ]
    positions = [timeline.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert f'href="http://testserver/record/{world.ak_jar.pk}/"' in html


def test_undated_records_are_shown_last_as_date_not_known(client, world):
    EventFactory(title="An eviction nobody dated", date="", settlements=[world.ak_jar])
    PromisePageFactory(title="A promise nobody dated", made="", people=[world.person],
                       settlements=[world.ak_jar])
    text = text_of(client.get(world.ak_jar.url))
    timeline = text.split("oldest first.")[1]
    assert timeline.index("October 2011") < timeline.index("date not known Promise made A pro")
    assert "date not known Road blockade An eviction nobody dated" in timeline
    assert "When date not known" in text_of(
        client.get(PromisePage.objects.get(title="A promise nobody dated").url))


def test_city_page_lists_settlements_with_size_status_and_promises(client, world):
    SettlementPageFactory(title="Tynchtyk", parent=world.bishkek)
    text = text_of(client.get(world.bishkek.url))
    assert "Ak-Jar 15,000 people (2011) Contested (February 2011) 2" in text
    assert "Tynchtyk — — 0" in text
    promises = text.split("Promises to its settlements")[1]
    assert world.original.title in promises and world.restatement.title in promises
    assert "Cite this" in text


# People and bodies ------------------------------------------------------------------------


def test_person_page_shows_roles_scorecard_and_promises(client, world):
    text = text_of(client.get(world.person.url))
    roles = text.split("Roles over time")[1].split("Scorecard")[0]
    assert roles.index("First Deputy Prime Minister") < roles.index("Prime Minister, Gov")
    assert "from July 2010 until December 2010" in roles
    scorecard = text.split("Scorecard")[1].split("Overdue")[0]
    assert "2 promises recorded. 1 is overdue." in scorecard
    assert "Stalled 1" in scorecard and "Kept 1" in scorecard and "Broken 0" in scorecard
    assert world.original.title in text and world.restatement.title in text
    assert "Cite this" in text


def test_body_page_shows_scorecard_promises_and_office_holders(client, world):
    text = text_of(client.get(world.government.url))
    assert "Almazbek Atambaev, First Deputy Prime Minister" in text
    assert "0 promises recorded." in text
    text = text_of(client.get(world.city_hall.url))
    assert "1 promise recorded. 1 is overdue." in text and world.original.title in text


def test_people_and_bodies_indexes_list_their_pages_with_promise_counts(client, world):
    assert "Almazbek Atambaev Prime Minister, Government of Kyrgyzstan (December 2010–) " \
           "2 promises" in text_of(client.get("/people/"))
    bodies = text_of(client.get("/bodies/"))
    assert "Bishkek city administration City administration 1 promise" in bodies
    assert "Government of Kyrgyzstan Government 0 promises" in bodies


# Methodology and sources ------------------------------------------------------------------


def test_methodology_prints_the_status_scale(client, home):
    html = html_of(client.get("/methodology/"))
    for definition in DEFINITIONS.values():
        assert escape(str(definition)) in html
    assert escape(str(OVERDUE_DEFINITION)) in html


def test_sources_page_lists_documents_with_their_passages(client, world):
    text = text_of(client.get("/sources/"))
    document = world.study_passage.part_of
    assert document.title in text
    assert "1 passage cited Ak-Jar in the land study (Land tenure, p. 9)" in text


def test_source_page_lists_what_cites_it(client, world):
    response = client.get(f"/sources/{world.study_passage.pk}/")
    text = text_of(response)
    assert "Part of " + world.study_passage.part_of.title in text
    assert "Where Land tenure, p. 9" in text
    assert "Promises reported here Electricity and water for Ak-Jar (November 2010)" in text
    assert "Ak-Jar residents block the road to Dordoi" in text
    assert f"http://testserver/sources/{world.study_passage.pk}/" in text  # cite block
    ruling = text_of(client.get(f"/sources/{world.ruling_passage.pk}/"))
    assert "Status changes August 2011 Electricity and water for Ak-Jar: Broken" in ruling


def test_source_without_citations_says_so(client, home):
    source = SourceFactory()
    assert "No public record cites this source yet." in text_of(
        client.get(f"/sources/{source.pk}/"))


def test_language_links_lead_to_the_same_page_in_each_language(client, home):
    settlement = SettlementPageFactory(title="Ak-Jar")
    html = client.get(settlement.url).content.decode()
    assert f'href="/ru{settlement.url}"' in html
    assert f'href="/kk{settlement.url}"' in html
    assert client.get(f"/ky{settlement.url}").status_code == 200
