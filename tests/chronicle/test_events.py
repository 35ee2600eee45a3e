"""Events: what happened around a settlement, of which kind, known to the year, month or day."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from chronicle.models import Event, EventKind
from promises.models import PromisePage
from tests.factories import (
    ElectionFactory,
    EventFactory,
    PassageFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
)
from tests.test_public_pages import text_of


def section(text, heading, next_heading):
    """The text between a heading and the next one."""
    return text.split(heading, 1)[1].split(next_heading, 1)[0]


@pytest.mark.parametrize("date", ["2010", "2010-11", "2010-11-20", ""])
def test_an_event_is_dated_as_precisely_as_known(db, date):
    Event(kind=EventKind.PROTEST, title="Residents protest", date=date).full_clean()


@pytest.mark.parametrize("date", ["2010-13", "2011-02-30", "November 2010", "20.11.2010"])
def test_a_date_that_is_not_a_partial_date_is_refused(db, date):
    with pytest.raises(ValidationError) as error:
        Event(kind=EventKind.PROTEST, title="Residents protest", date=date).full_clean()
    assert "date" in error.value.message_dict


def test_an_event_is_named_with_its_date_as_precise_as_known(db):
    with translation.override("en"):
        assert str(EventFactory(title="Road blocked", date="2010-11")) == (
            "Road blocked (November 2010)")
        assert str(EventFactory(title="Road blocked", date="2010")) == "Road blocked (2010)"
        assert str(EventFactory(title="Eviction", date="")) == "Eviction"


def test_a_person_page_lists_their_events_oldest_first_with_their_kind(client, home):
    person = PersonPageFactory()
    for kind, title, date in [
        ("court_ruling", "The court rules for the residents", "2011-08-02"),
        ("protest", "Residents protest at the White House", "2010"),
        ("road_blockade", "Residents block the Dordoi road", "2010-11"),
    ]:
        EventFactory(kind=kind, title=title, date=date).people.add(person)
    events = section(text_of(client.get(person.url)), "Events", "Follow changes")
    assert events.strip() == (
        "November 2010 Road blockade Residents block the Dordoi road"
        " 2010, month not known Protest Residents protest at the White House"
        " 2 August 2011 Court ruling The court rules for the residents")


def test_event_kinds_are_shown_in_the_readers_language(client, home):
    person = PersonPageFactory()
    EventFactory(kind="road_blockade", title="Residents block the Dordoi road").people.add(person)
    assert "Перекрытие дороги Residents block the Dordoi road" in text_of(
        client.get(f"/ru{person.url}"))


def test_the_settlement_timeline_shows_an_event_with_its_summary_and_sources(client, home):
    passage = PassageFactory(title="Ak-Jar in the land study", section="Land tenure", page=9)
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    EventFactory(kind="road_blockade", title="Residents block the Dordoi road", date="2010-11-20",
                 summary="Hundreds of residents stop traffic for a day.",
                 settlements=[ak_jar], sources=[passage])
    timeline = section(text_of(client.get(ak_jar.url)), "oldest first.", "Cite this")
    assert ("20 November 2010 Road blockade Residents block the Dordoi road: Hundreds of residents "
            "stop traffic for a day. Sources: Ak-Jar in the land study (Land tenure, p. 9)"
            ) in timeline


def test_the_timeline_lists_a_less_precise_date_after_the_precise_ones_it_contains(
        client, home):
    """An event known only to the year comes after everything dated within that year, saying
    the month is not known; a day in November before the entries known only to November; on
    the same date the event comes first (promises are made in answer to events)."""
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    for title, date in [("Blockade on the 20th", "2010-11-20"), ("Protest that year", "2010"),
                        ("Uprising that month", "2010-11")]:
        EventFactory(title=title, date=date, settlements=[ak_jar])
    PromisePageFactory(title="Land in March", made="2010-03", settlements=[ak_jar])
    PromisePageFactory(title="Power in November", made="2010-11", settlements=[ak_jar])
    timeline = section(text_of(client.get(ak_jar.url)), "oldest first.", "Cite this")
    order = ["Land in March", "Blockade on the 20th", "Uprising that month", "Power in November",
             "2010, month not known"]
    positions = [timeline.index(title) for title in order]
    assert positions == sorted(positions)
    assert timeline.index("Protest that year") > positions[-1]


def test_a_promise_page_shows_its_related_events(client, home):
    passage = PassageFactory(title="Ak-Jar in the land study", section="Land tenure", page=9)
    blockade = EventFactory(title="Residents block the Dordoi road", date="2010-11",
                            summary="Traffic stops for a day.", sources=[passage])
    promise = PromisePageFactory(made="2010-11", events=[blockade])
    assert ("Related events November 2010 Road blockade Residents block the Dordoi road: "
            "Traffic stops for a day. Sources: Ak-Jar in the land study (Land tenure, p. 9)"
            ) in text_of(client.get(promise.url))


def test_only_elections_can_be_the_election_a_promise_was_made_before(client, home, admin_user):
    election = ElectionFactory(title="Presidential election", date="2011-10-30")
    EventFactory(kind="protest", title="Residents protest")
    assert list(Event.objects.elections()) == [election]
    form_class = PromisePage.get_edit_handler().get_form_class()
    form = form_class(instance=PromisePage(), for_user=admin_user)
    assert list(form.fields["election"].queryset) == [election]  # what the editor can pick
    promise = PromisePageFactory(made="2011-09", election=election)
    assert "Made in the run-up to the Presidential election (30 October 2011)" in text_of(
        client.get(promise.url))
