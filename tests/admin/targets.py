"""The admin forms the generated tests post to: each record kind's create and edit page.

Each target makes one valid record with the factories (with a row in each inline panel it has,
so the edit form carries real inline values) and names the admin's create and edit addresses.
"""

from dataclasses import dataclass

from django.urls import reverse

from chronicle.models import Event
from sources.models import Source
from tests.factories import (
    BodyPageFactory,
    EventFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    SourceFactory,
)


@dataclass(frozen=True)
class Target:
    name: str
    make: object  # () -> a saved record

    def urls(self, record):
        """(create address, edit address) for `record`'s kind."""
        if isinstance(record, Source | Event):
            viewset = record.snippet_viewset
            return (reverse(viewset.get_url_name("add")),
                    reverse(viewset.get_url_name("edit"), args=[record.pk]))
        parent = record.get_parent()
        meta = record._meta
        return (reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name,
                                                        parent.pk)),
                reverse("wagtailadmin_pages:edit", args=[record.pk]))


def _promise():
    person = PersonPageFactory(roles=[{"body": BodyPageFactory(), "title": "Mayor",
                                       "start": "2010", "end": ""}])
    return PromisePageFactory(people=[person], made="2011-03", deadline_phrase="within a year",
                              quote="We will build a school.", subjects=["schools"],
                              history=[("2012-01", "in_progress")])


def _person():
    return PersonPageFactory(roles=[{"body": BodyPageFactory(), "title": "Mayor",
                                     "start": "2011-01", "end": "2014"}])


def _event():
    return EventFactory(settlements=[SettlementPageFactory()], sources=[SourceFactory()])


TARGETS = [
    Target("promise", _promise),
    Target("person", _person),
    Target("body", BodyPageFactory),
    Target("settlement", lambda: SettlementPageFactory(legal_status=("illegal", "2010"))),
    Target("source", SourceFactory),
    Target("event", _event),
]
