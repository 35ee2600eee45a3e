"""The scrapers' settings: one object per run, whose defaults are the site's defaults."""

from __future__ import annotations

import os
from dataclasses import fields

from django.test import override_settings

from scrapers.fetching.settings import FetchSettings
from scrapers.pipeline import ScraperSettings
from ubada.settings import base


def _defaults(kind: type) -> dict:
    """Field defaults of ``kind`` that base.py sets (and the environment does not)."""
    names = {item.name: f"SCRAPER_{item.name.upper()}" for item in fields(kind)}
    return {item.name: item.default for item in fields(kind)
            if hasattr(base, names[item.name]) and names[item.name] not in os.environ}


def test_the_defaults_in_code_are_the_site_defaults():
    """A value left out of the settings behaves as ubada/settings/base.py says."""
    compared = {**_defaults(FetchSettings), **_defaults(ScraperSettings)}
    compared.pop("contact_url")  # no default: required
    assert {"connect_timeout", "deadline", "politeness_delay", "min_text_chars"} <= set(compared)
    for name, default in compared.items():
        assert getattr(base, f"SCRAPER_{name.upper()}") == default, name


def test_the_settings_are_read_from_django_settings():
    with override_settings(SCRAPER_MIN_TEXT_CHARS=42, SCRAPER_DEADLINE=7.5,
                           SCRAPER_CONTACT_URL="https://bot.example/about"):
        read = ScraperSettings.from_django()
    assert read.min_text_chars == 42
    assert read.fetch.deadline == 7.5
    assert read.fetch.contact_url == "https://bot.example/about"


def test_without_a_contact_url_the_admin_address_is_named():
    with override_settings(SCRAPER_CONTACT_URL="", WAGTAILADMIN_BASE_URL="https://ubada.example"):
        assert ScraperSettings.from_django().fetch.contact_url == "https://ubada.example"
