"""A small study and its Russian translation, written under tmp_path in the seed's format."""

import textwrap

import pytest

STUDY = """
sources:
  - {key: study, kind: study, title: "The study"}
  - key: study-p9
    part_of: study
    kind: study
    title: "Study: Bishkek, p. 9"
    section: "Bishkek"
    page: 9
    excerpt: "Ak-Jar settlement is the largest."
countries:
  - {key: kg, name: Kyrgyzstan}
cities:
  - key: bishkek
    country: kg
    name: Bishkek
    summary: "Bishkek has 53 new settlements.\\n\\nAk-Jar is the largest."
    source: study-p9
settlements:
  - key: ak-jar
    city: bishkek
    name: Ak-Jar
    summary: "Ak-Jar is the largest settlement."
    legal_status:
      - {status: illegal, as_of: "2005-03", source: study-p9, note: "Migrants seized the land."}
      - {status: contested, as_of: "2011-02", source: study-p9, note: "A court ruled for them."}
    size:
      - {people: 15000, as_of: "2011", source: study-p9, note: "around 15,000"}
    services:
      - {service: electricity, level: none, as_of: "2011", source: study-p9, note: "No supply."}
      - {service: water, level: none, as_of: "2011", source: study-p9}
bodies:
  - {key: city-hall, name: Bishkek city administration, kind: city_administration, country: kg,
     city: bishkek}
people:
  - {key: atambaev, name: Almazbek Atambaev, kind: politician}
events:
  - key: blockade
    kind: road_blockade
    title: "Ak-Jar residents block a road"
    date: "2011-08"
    summary: "Residents blocked a main road."
    settlements: [ak-jar]
    source: study-p9
promises:
  - key: ak-jar-water
    title: "Electricity and water for Ak-Jar"
    text: "The mayor promised electricity and water."
    made: "2010-11"
    occasion: road_blockade
    people: [atambaev]
    bodies: [city-hall]
    settlements: [ak-jar]
    subjects: [electricity, water]
    deadline: "2011"
    events: [blockade]
    source: study-p9
    status_history:
      - {date: "2011-06", status: in_progress, rationale: "Poles were put up.", sources: [study-p9]}
      - {date: "2011-08", status: broken, rationale: "No electricity was supplied.",
         sources: [study-p9]}
"""

RUSSIAN = """
translation_note: "Перевод Ubada английского текста исследования"
cities:
  - key: bishkek
    name: Бишкек
    summary: "В Бишкеке 53 новостройки.\\n\\nАк-Жар — крупнейшая."
settlements:
  - key: ak-jar
    name: Ак-Жар
    legal_status:
      - {note: "Мигранты захватили землю."}
      - {note: "Суд решил в их пользу."}
    size:
      - {}
    services:
      - {note: "Подачи нет."}
      - {}
people:
  - {key: atambaev, name: Алмазбек Атамбаев}
sources:
  - {key: study-p9, title: "Исследование: Бишкек, с. 9", excerpt: "Ак-Жар — крупнейшее поселение."}
events:
  - {key: blockade, title: "Жители Ак-Жара перекрывают дорогу"}
promises:
  - key: ak-jar-water
    title: "Электричество и вода для Ак-Жара"
    text: "Мэр обещал электричество и воду."
    status_history:
      - {rationale: "Поставили столбы."}
      - {rationale: "Электричество не подали."}
subjects:
  electricity: электричество
pages:
  methodology:
    title: Методология
"""


def write_study(directory, russian=RUSSIAN):
    """The study in `directory`/seed, its Russian translation in `directory`/translations/ru
    (no ky or kk directory: those languages are skipped)."""
    seed, translations = directory / "seed", directory / "translations"
    seed.mkdir(exist_ok=True)
    (seed / "study.yaml").write_text(textwrap.dedent(STUDY), encoding="utf-8")
    (translations / "ru").mkdir(parents=True, exist_ok=True)
    (translations / "ru" / "study.yaml").write_text(russian, encoding="utf-8")
    return seed, translations


@pytest.fixture(scope="module")
def _translated_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small study loaded with its translation once per module, rolled back at its end."""
    from django.db import transaction

    from website.seed import load_seed

    seed, translations = write_study(tmp_path_factory.mktemp("study"))
    with django_db_blocker.unblock(), transaction.atomic():
        load_seed(seed, translations=translations)
        yield seed
        transaction.set_rollback(True)


@pytest.fixture
def translated(_translated_for_module, db):
    """The small study's English records and their Russian translations."""
    return _translated_for_module
