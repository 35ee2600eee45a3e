"""The seed data from the study loads, loads idempotently, and every fact cites the study."""

from django.conf import settings
from django.core.management import call_command
from wagtail.models import Revision

from actors.models import PersonPage
from chronicle.models import Event
from core.visibility import default_locale
from places.models import SettlementPage
from promises.models import PromisePage, StatusChange
from sources.models import Source

SEED_TRANSLATIONS = True  # loading twice must change nothing, translations included

STUDY_PROMISES = {
    # key: status the study supports
    "bishkek-ak-jar-electricity-water-2010": "broken",
    "ak-jar-electricity-water-2011-08": "stalled",
    "ak-jar-bishkek-city-council-2011-08": "kept",
    "bishkek-mayor-other-settlements-infrastructure": "stalled",
    "osh-zapadnyj-land-within-a-year-2010": "stalled",
    "osh-zapadnyj-land-repeated-2011-09": "stalled",
    "osh-land-for-waiting-list": "stalled",
    "oshskij-new-apartments-2011-07": "not_rated",
    "osh-condemned-dormitories-rehousing": "not_rated",
    "almaty-shanyrak-no-eviction": "not_rated",
    "alatau-legalise-remaining-plots": "stalled",
    "almaty-talgar-land-elsewhere-2011-05": "not_rated",
    "astana-triangle-legalisation-2012": "stalled",
    "kazakhstan-oralmans-house-and-job": "partially_kept",
    "almaty-shanyrak-no-force-2006-08": "broken",
    "altyn-kazyk-alga-elim-legalisation-assurance": "broken",
    "unregistered-residents-vote-2011": "broken",
}


def test_every_promise_the_study_describes_is_loaded_with_its_status(seeded):
    statuses = dict(PromisePage.objects.live().values_list("slug", "status"))
    for key, status in STUDY_PROMISES.items():
        assert statuses.get(key) == status, key


def test_every_status_change_and_fact_cites_the_study(seeded):
    study = default_locale(Source.objects).get(part_of=None, kind="study")
    assert StatusChange.objects.exists()
    for change in StatusChange.objects.prefetch_related("sources__part_of"):  # translations too
        assert {source.document for source in change.sources.all()} == {study}
    for settlement in SettlementPage.objects.prefetch_related("legal_statuses__source"):
        for fact in settlement.legal_statuses.all():
            assert fact.source.document == study
    sources = default_locale(Source.objects)
    assert sources.exclude(pk=study.pk).exclude(part_of=study).count() == 0


def test_seed_facts_match_the_study(seeded):
    ak_jar = SettlementPage.objects.get(slug="ak-jar", locale__language_code="en")
    assert ak_jar.city.title == "Bishkek"
    assert "Ак-Жар" in ak_jar.name_list()
    assert ak_jar.current_size().people == 15000
    zapadnyj = PromisePage.objects.get(
        slug="osh-zapadnyj-land-within-a-year-2010", locale__language_code="en")
    assert zapadnyj.effective_deadline().iso() == "2011-11"
    assert zapadnyj.deadline_is_derived
    repeat = PromisePage.objects.get(
        slug="osh-zapadnyj-land-repeated-2011-09", locale__language_code="en")
    assert repeat.restates == zapadnyj
    atambaev = PersonPage.objects.get(slug="atambaev", locale__language_code="en")
    council = PromisePage.objects.get(
        slug="ak-jar-bishkek-city-council-2011-08", locale__language_code="en")
    assert atambaev in council.people.all()
    assert Event.objects.elections().filter(date="2011-10").exists()


def test_loading_twice_changes_nothing(seeded):
    counts = (PromisePage.objects.count(), Source.objects.count(), Event.objects.count(),
              StatusChange.objects.count(), Revision.objects.count())
    call_command("load_seed", verbosity=0)
    assert counts == (PromisePage.objects.count(), Source.objects.count(),
                      Event.objects.count(), StatusChange.objects.count(),
                      Revision.objects.count())


def test_seed_directory_exists():
    assert list((settings.BASE_DIR / "fixtures" / "seed").glob("*.yaml"))
