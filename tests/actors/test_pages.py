"""What a visitor sees on a person's and a body's page."""

from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    EventFactory,
    PassageFactory,
    PersonPageFactory,
    PromisePageFactory,
)
from tests.test_public_pages import text_of


def section(text, heading, next_heading):
    """The text between a heading and the next one."""
    return text.split(heading, 1)[1].split(next_heading, 1)[0]


def test_person_page_shows_who_they_are(client, home):
    passage = PassageFactory(title="Profiles of officials", section="Mayors", page=4)
    person = PersonPageFactory(
        title="Isa Omurkulov", kind="official", other_names="Иса Омуркулов\nI. Omurkulov",
        summary="<p>Mayor of Bishkek.</p>", summary_source=passage)
    text = text_of(client.get(person.url))
    assert "Isa Omurkulov Also known as: Иса Омуркулов, I. Omurkulov Official Mayor of Bishkek." \
        in text
    assert "Source: Profiles of officials (Mayors, p. 4)" in text


def test_person_page_shows_roles_with_their_dates_notes_and_sources(client, home):
    city_hall = BodyPageFactory(title="Bishkek city administration")
    council = BodyPageFactory(title="Bishkek city council", kind="council")
    passage = PassageFactory(title="Council minutes", section="Appointments", page=2)
    person = PersonPageFactory(title="Isa Omurkulov", roles=[
        {"body": city_hall, "title": "Mayor", "start": "2014-03-15", "note": "Acting at first"},
        {"body": council, "title": "Deputy", "start": "2008", "end": "2014-03",
         "source": passage},
    ])
    roles = section(text_of(client.get(person.url)), "Roles over time", "Scorecard")
    assert roles.index("Deputy, Bishkek city council") < roles.index("Mayor, Bishkek city adm")
    assert ("Deputy, Bishkek city council from 2008 until March 2014 "
            "Source: Council minutes (Appointments, p. 2)") in roles
    mayor = roles.split("Mayor, Bishkek city administration")[1]
    assert "from 15 March 2014 Acting at first" in mayor
    assert "until" not in mayor  # still in office


def test_person_without_roles_says_so(client, home):
    text = text_of(client.get(PersonPageFactory().url))
    assert "Roles over time No roles recorded." in text
    assert "0 promises recorded." in text


def test_person_page_shows_their_promises_and_the_events_they_took_part_in(client, home):
    person = PersonPageFactory(title="Isa Omurkulov")
    promise = PromisePageFactory(title="Roads for Ak-Jar", made="2015-04", people=[person],
                                 history=[("2016-01", "kept")])
    blockade = EventFactory(title="Residents block the Dordoi road", date="2015-03")
    blockade.people.add(person)
    text = text_of(client.get(person.url))
    assert "1 promise recorded." in text
    assert promise.title in section(text, "Promises", "Events")
    assert "Events March 2015 Road blockade Residents block the Dordoi road" in text


def test_events_are_left_out_when_there_are_none(client, home):
    person = PersonPageFactory()
    PromisePageFactory(people=[person])
    assert "Events" not in text_of(client.get(person.url))


def test_body_page_shows_where_it_is_and_who_held_office_there(client, home):
    bishkek = CityPageFactory(title="Bishkek")
    city_hall = BodyPageFactory(title="Bishkek city administration", city=bishkek,
                                other_names="Мэрия Бишкека")
    PersonPageFactory(title="Nariman Tuleev", roles=[
        {"body": city_hall, "title": "Mayor", "start": "2008", "end": "2011-01"}])
    PersonPageFactory(title="Isa Omurkulov", roles=[
        {"body": city_hall, "title": "Mayor", "start": "2014-03"}])
    hidden = PersonPageFactory(title="Unpublished official", roles=[
        {"body": city_hall, "title": "Deputy mayor", "start": "2012"}])
    hidden.unpublish()
    text = text_of(client.get(city_hall.url))
    assert ("Bishkek city administration Also known as: Мэрия Бишкека "
            "City administration, Bishkek, Kyrgyzstan") in text
    people = section(text, "People who held office here", "Scorecard")
    assert people.index("Nariman Tuleev, Mayor from 2008 until January 2011") < people.index(
        "Isa Omurkulov, Mayor from March 2014")
    assert "Unpublished official" not in text


def test_body_without_office_holders_shows_no_such_section(client, home):
    body = BodyPageFactory(title="Ak-Jar organising committee", kind="organising_committee")
    PromisePageFactory(bodies=[body], history=[("2011-08", "broken")])
    text = text_of(client.get(body.url))
    assert "People who held office here" not in text
    assert "Organising committee, Kyrgyzstan" in text
    assert "1 promise recorded." in text and "Broken 1" in text
