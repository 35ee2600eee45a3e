"""What can be followed, and which promises each followed thing covers.

A reader follows a settlement, a city (the promises to its settlements), a person, a body or a
single promise; feeds add a subject (a tag) and the whole site. Every answer keeps to the public
record: only live, public pages (core.visibility), and a private followed page covers nothing.
"""

from django.db.models import Q
from django.http import Http404
from taggit.models import Tag
from wagtail.models import Page

from actors.models import BodyPage, PersonPage
from core.visibility import default_locale, published
from places.models import CityPage, SettlementPage
from promises.models import PromisePage, StatusChange, published_subjects

FOLLOWABLE_MODELS = (SettlementPage, CityPage, PersonPage, BodyPage, PromisePage)


def followable_page(page_id):
    """The published page with this id if it can be followed, else Http404."""
    page = published(Page.objects.filter(pk=page_id)).specific().first()
    if not isinstance(page, FOLLOWABLE_MODELS):
        raise Http404
    return page


def is_followable(page):
    return isinstance(page, FOLLOWABLE_MODELS)


def promises_of(page):
    """The published promises a followed page covers."""
    promises = published(PromisePage.objects.all())
    if isinstance(page, PromisePage):
        return promises.filter(pk=page.pk)
    if isinstance(page, CityPage):
        return promises.filter(settlements__city=page).distinct()
    relation = {SettlementPage: "settlements", PersonPage: "people", BodyPage: "bodies"}
    return promises.filter(**{relation[type(page)]: page}).distinct()


def subject_or_404(slug):
    """A subject that published promises carry; a subject only private promises carry is 404."""
    subject = published_subjects().filter(slug=slug).first()
    if subject is None:
        raise Http404
    return subject


def promises_of_subject(subject: Tag):
    return published(PromisePage.objects.filter(subjects=subject)).distinct()


def published_status_changes(promises):
    """Status changes of these promises (already restricted to published ones)."""
    return default_locale(StatusChange.objects.filter(promise__in=promises.values("pk")))


def followers_pages(promise):
    """The ids of the published pages whose followers hear of a change to `promise`: the
    promise, its settlements and their cities, its people and bodies."""
    settlements = published(SettlementPage.objects.filter(promises=promise))
    cities = published(CityPage.objects.filter(settlements__in=settlements.values("pk")))
    people = published(PersonPage.objects.filter(promises=promise))
    bodies = published(BodyPage.objects.filter(promises=promise))
    return Page.objects.filter(
        Q(pk=promise.pk) | Q(pk__in=settlements.values("pk")) | Q(pk__in=cities.values("pk"))
        | Q(pk__in=people.values("pk")) | Q(pk__in=bodies.values("pk"))
    ).values("pk")
