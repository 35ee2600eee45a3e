"""Test data. Seed data is real (fixtures/seed); everything a test makes comes from here."""

import factory
from django.utils.text import slugify
from wagtail.models import Locale, PageViewRestriction

from actors.models import ActorIndexPage, BodyPage, PersonPage, Role
from chronicle.models import Event
from places.models import CityPage, Country, SettlementLegalStatus, SettlementPage
from promises.models import PromiseIndexPage, PromisePage, StatusChange, promise_links
from sources.models import Source
from website.site_tree import ensure_site_tree


def home():
    return ensure_site_tree()


def index(slug):
    return ActorIndexPage.objects.child_of(home()).get(slug=slug)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    kind = "news"
    title = factory.Sequence(lambda n: f"Report number {n}")
    publisher = "Test Gazette"
    url = factory.Sequence(lambda n: f"https://news.example.org/story/{n}")
    published = "2011-09"


class PassageFactory(SourceFactory):
    """A passage of a study, cited by section and page."""

    kind = "study"
    title = factory.Sequence(lambda n: f"Study passage {n}")
    part_of = factory.SubFactory(SourceFactory, kind="study", title=factory.Sequence(
        lambda n: f"Land study {n}"))
    section = "Land tenure"
    page = 9
    url = ""


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    name = "Kyrgyzstan"
    code = "KG"


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page under `parent` and publishes it, so it has a revision like an edited page."""

    class Meta:
        abstract = True

    slug = factory.LazyAttribute(lambda page: slugify(page.title)[:50] or "page")

    @classmethod
    def _create(cls, model_class, *args, parent=None, m2m=None, children=None, **kwargs):
        page = model_class(*args, **kwargs)
        for name, value in (m2m or {}).items():
            setattr(page, name, value)
        for name, value in (children or {}).items():
            setattr(page, name, value)
        parent = parent or cls.default_parent()
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class CityPageFactory(PageFactory):
    class Meta:
        model = CityPage

    title = factory.Sequence(lambda n: f"City {n}")
    country = factory.SubFactory(CountryFactory)

    @classmethod
    def default_parent(cls):
        return home()


class SettlementPageFactory(PageFactory):
    class Meta:
        model = SettlementPage

    title = factory.Sequence(lambda n: f"Settlement {n}")
    parent = factory.SubFactory(CityPageFactory)

    @classmethod
    def _create(cls, model_class, *args, legal_status=None, **kwargs):
        if legal_status:
            status, as_of = legal_status
            kwargs.setdefault("children", {})["legal_statuses"] = [
                SettlementLegalStatus(status=status, as_of=as_of, source=SourceFactory())
            ]
        return super()._create(model_class, *args, **kwargs)


class BodyPageFactory(PageFactory):
    class Meta:
        model = BodyPage

    title = factory.Sequence(lambda n: f"City administration {n}")
    kind = "city_administration"
    country = factory.SubFactory(CountryFactory)

    @classmethod
    def default_parent(cls):
        return index("bodies")


class PersonPageFactory(PageFactory):
    class Meta:
        model = PersonPage

    title = factory.Sequence(lambda n: f"Official {n}")
    kind = "politician"

    @classmethod
    def default_parent(cls):
        return index("people")

    @classmethod
    def _create(cls, model_class, *args, roles=(), **kwargs):
        if roles:
            kwargs.setdefault("children", {})["roles"] = [Role(**role) for role in roles]
        return super()._create(model_class, *args, **kwargs)


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = "election"
    title = factory.Sequence(lambda n: f"Presidential election {n}")
    date = "2011-10"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = "road_blockade"
    title = factory.Sequence(lambda n: f"Road blockade {n}")
    date = "2010-11"

    @factory.post_generation
    def settlements(self, create, extracted, **kwargs):
        if create and extracted:
            self.settlements.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            self.sources.set(extracted)


class PromisePageFactory(PageFactory):
    """Promise with one body as promisor and one settlement as beneficiary unless given.

    `history` is a list of (date, status) pairs, oldest first; each cites a new source. An
    entry may also be a dict of StatusChange fields, with `sources` to cite particular ones.
    """

    class Meta:
        model = PromisePage

    title = factory.Sequence(lambda n: f"Electricity promise {n}")
    text = "Electricity will be supplied."
    made = "2010-11"
    occasion = "road_blockade"
    source = factory.SubFactory(SourceFactory)

    @classmethod
    def default_parent(cls):
        return PromiseIndexPage.objects.child_of(home()).get()

    @classmethod
    def _create(
        cls, model_class, *args, people=None, bodies=None, settlements=None, history=(),
        subjects=(), events=None, **kwargs,
    ):
        if people is None and bodies is None:
            bodies = [BodyPageFactory()]
        if settlements is None and not kwargs.get("beneficiary_group"):
            settlements = [SettlementPageFactory()]
        changes = []
        for entry in history:
            if isinstance(entry, dict):
                fields = dict(entry)
            else:
                fields = {"date": entry[0], "status": entry[1]}
            sources = fields.pop("sources", None) or [SourceFactory()]
            fields.setdefault("rationale", f"Became {fields['status']}.")
            change = StatusChange(**fields)
            change.sources = sources
            changes.append(change)
        links = promise_links(people=people, bodies=bodies, settlements=settlements,
                              events=events)
        page = model_class(*args, **{k: v for k, v in kwargs.items() if k != "parent"})
        page.subjects.set(list(subjects))
        for name, value in links.items():
            setattr(page, name, value)
        page.status_changes = changes
        parent = kwargs.get("parent") or cls.default_parent()
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


def restrict(page):
    """A password on the page, as the admin's Privacy setting saves it: the page and every page
    below it are private."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="swordfish")


def translate(page, language, publish=True, **text):
    """The page's translation into `language` (its parents translated too, as Wagtail's
    "Translate" does), with the given text fields, published unless `publish=False`."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in text.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
    translation.refresh_from_db()
    return translation
