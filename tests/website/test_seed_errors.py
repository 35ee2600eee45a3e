"""A malformed seed file is refused whole, with a message saying why; an English-only load
leaves the translations for a later run."""

import pytest
from django.core.management import CommandError, call_command

from promises.models import PromisePage
from sources.models import Source


def test_a_broken_seed_file_is_refused_and_saves_nothing(db, tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "sources:\n  - {key: s, kind: study, title: T}\n"
        "promises:\n  - {key: p, title: P, text: x, made: '2010-13', bodies: [nobody],"
        " source: s}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("load_seed", dir=str(tmp_path), verbosity=0)
    assert not Source.objects.exists()
    assert not PromisePage.objects.exists()


def test_an_english_only_load_leaves_the_translations_for_later(db):
    call_command("load_seed", "--no-translations", verbosity=0)
    promises = PromisePage.objects.filter(locale__language_code="en")
    assert promises.count() == 20
    assert not PromisePage.objects.exclude(locale__language_code="en").exists()
