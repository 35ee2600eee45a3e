"""The small world the search contract tests search in: names in both scripts, every facet."""

from types import SimpleNamespace

from tests.factories import (
    BodyPageFactory,
    CityPageFactory,
    CountryFactory,
    ElectionFactory,
    EventFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
    home,
)


def make_world():
    home()
    kg = CountryFactory(name="Kyrgyzstan", code="KG")
    kz = CountryFactory(name="Kazakhstan", code="KZ")
    w = SimpleNamespace(kg=kg, kz=kz)
    add_places(w)
    add_actors_and_events(w)
    add_promises(w)
    w.news_ru, w.news_ky, w.news_hidden = make_news(w)
    return w


def add_places(w):
    """The four cities and five settlements, with their Cyrillic names."""
    w.bishkek = CityPageFactory(title="Bishkek", other_names="Бишкек", country=w.kg)
    w.osh = CityPageFactory(title="Osh", other_names="Ош", country=w.kg)
    w.almaty = CityPageFactory(title="Almaty", other_names="Алматы\nАлма-Ата", country=w.kz)
    w.astana = CityPageFactory(title="Astana", other_names="Астана", country=w.kz)
    w.akjar = SettlementPageFactory(
        title="Ak-Jar", other_names="Ак-Жар", parent=w.bishkek,
        summary="<p>The largest new settlement of Bishkek, without electricity.</p>")
    w.akbata = SettlementPageFactory(title="Ak-Bata", other_names="Ак-Бата", parent=w.bishkek)
    w.zhanyzher = SettlementPageFactory(title="Zhany-Zher", other_names="Жаңы-Жер",
                                        parent=w.bishkek)
    w.kelechek = SettlementPageFactory(title="Kelechek", other_names="Келечек", parent=w.osh)
    w.shanyrak = SettlementPageFactory(title="Shanyrak", other_names="Шанырак", parent=w.almaty)


def add_actors_and_events(w):
    """Two presidents, two bodies, the 2011 election and the Ak-Jar blockade."""
    w.atambaev = PersonPageFactory(title="Almazbek Atambaev",
                                   other_names="Алмазбек Атамбаев")
    w.bakiev = PersonPageFactory(title="Kurmanbek Bakiev", other_names="Курманбек Бакиев")
    w.cityhall = BodyPageFactory(title="Bishkek City Hall", other_names="Мэрия Бишкека",
                                 country=w.kg, city=w.bishkek)
    w.akimat = BodyPageFactory(title="Almaty akimat", other_names="Акимат Алматы", country=w.kz,
                               city=w.almaty)
    w.election = ElectionFactory(title="Presidential election", date="2011-10", country=w.kg)
    w.blockade = EventFactory(title="Road blockade at Ak-Jar", date="2010-11",
                              settlements=[w.akjar])


def add_promises(w):
    """Seven promises across scripts, statuses and deadlines."""
    w.p_electricity = PromisePageFactory(
        title="Electricity for Ak-Jar", made="2010-11", deadline="2011-11",
        text="Electricity poles and a supply line for Ak-Jar, promised after the road blockade.",
        people=[w.atambaev], bodies=[w.cityhall], settlements=[w.akjar],
        subjects=["electricity"], election=w.election, history=[("2011-06", "in_progress")])
    w.p_water = PromisePageFactory(
        title="Water for Ak-Bata", made="2011-08", deadline="2012", text="Water pipes for Ak-Bata.",
        people=[w.atambaev], bodies=[w.cityhall], settlements=[w.akbata], subjects=["water"],
        election=w.election, history=[("2012-03", "broken")])
    w.p_russian = PromisePageFactory(
        title="Электричество для Жаңы-Жер", made="2011-09",
        text="Мэрия обещала подвести электричество к новостройке Жаңы-Жер в Бишкеке.",
        bodies=[w.cityhall], settlements=[w.zhanyzher], subjects=["electricity"])
    w.p_shanyrak = PromisePageFactory(
        title="Legalise Shanyrak plots", made="2007-05", deadline="2008",
        text="The akimat promised to legalise the land plots in Shanyrak.",
        bodies=[w.akimat], settlements=[w.shanyrak], subjects=["legalisation"],
        history=[("2009", "broken")])
    w.p_kelechek = PromisePageFactory(
        title="No evictions in Kelechek", made="2010-06", deadline="2010-12",
        text="Road repairs were promised; a blockade followed later.",
        people=[w.bakiev], settlements=[w.kelechek], subjects=["evictions"],
        history=[("2010-08", "stalled")])
    w.p_school = PromisePageFactory(
        title="A school for Ak-Jar", made="2011-10", deadline="2012-09",
        text="<b>A school</b> & kindergarten <script>alert(1)</script> for Ak-Jar children.",
        people=[w.atambaev], settlements=[w.akjar], subjects=["school"], election=w.election,
        history=[("2012-10", "kept")])
    w.p_bishkek = PromisePageFactory(
        title="Electricity in Bishkek's settlements", made="2012-02", deadline="2012-12",
        text="Power for the new settlements of Bishkek.", bodies=[w.cityhall],
        settlements=[w.akjar, w.akbata], subjects=["electricity", "water"],
        history=[("2013", "partially_kept")])


def make_news(w):
    """Two cited news items (public) and one that is only scraped (not public)."""
    import datetime

    from scrapers.models import NewsItem, Outlet
    from sources.models import Source

    outlet = Outlet.objects.create(name="Test Vesti", slug="test-vesti",
                                   home_page="https://vesti.example.kg/")
    when = datetime.datetime(2011, 8, 20, 12, 0, tzinfo=datetime.UTC)

    def item(n, language, title, text, cited=True):
        source = Source.objects.create(kind="news", title=title) if cited else None
        return NewsItem.objects.create(
            outlet=outlet, canonical_url=f"https://vesti.example.kg/{n}",
            url=f"https://vesti.example.kg/{n}", title=title, published_at=when,
            language=language, text=text, first_seen_at=when, last_fetched_at=when,
            source=source)

    return (
        item(1, "ru", "Жители Ак-Жара перекрыли дорогу",
             "Жители новостройки Ак-Жар перекрыли дорогу, требуя электричества."),
        item(2, "ky", "Ак-Жардын тургундары жолду тосушту",
             "Ак-Жар конушунун тургундары электр жарыгын талап кылышты."),
        item(3, "ru", "Неопубликованная заметка про Ак-Жар", "Черновик.", cited=False),
    )


def translate(page, language, **fields):
    """A live translation of a page into `language` (its parents copied as drafts where they
    are not translated yet), with its text fields set to `fields`, published."""
    from wagtail.models import Locale

    locale, _created = Locale.objects.get_or_create(language_code=language)
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def add_translations(w):
    """Russian translations of Atambaev and two promises, a Kyrgyz one of the school; the water
    promise stays English in every language."""
    w.atambaev_ru = translate(w.atambaev, "ru", title="Алмазбек Шаршенович Атамбаев")
    w.electricity_ru = translate(
        w.p_electricity, "ru", title="Электричество для Ак-Жара",
        text="Столбы и линия электропередачи для Ак-Жара после перекрытия дороги.")
    w.school_ru = translate(w.p_school, "ru", title="Школа для Ак-Жара",
                            text="Школа и детский сад для детей Ак-Жара.")
    w.school_ky = translate(w.p_school, "ky", title="Ак-Жар үчүн мектеп",
                            text="Ак-Жардын балдары үчүн мектеп жана бала бакча.")
