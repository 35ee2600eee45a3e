"""Outlets: the seed configuration, validation, and their health in the admin listing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from scrapers.adapters import AdapterError, load_adapter
from scrapers.models import Outlet

pytestmark = pytest.mark.django_db

SEED_SLUGS = {"24kg", "akipress", "kloop", "kaktus", "azattyk", "vlast", "tengrinews",
              "azattyq", "eurasianet"}


def test_load_outlets_loads_the_region_disabled_and_is_idempotent():
    out = StringIO()
    call_command("load_outlets", stdout=out)
    assert "9 new (disabled)" in out.getvalue()
    assert set(Outlet.objects.values_list("slug", flat=True)) == SEED_SLUGS
    assert not Outlet.objects.filter(enabled=True).exists()
    for outlet in Outlet.objects.all():
        assert outlet.feed_list() and all(url.startswith("https://") for url in
                                          outlet.feed_list())
        outlet.full_clean()
    assert Outlet.objects.get(slug="azattyk").adapter == "rferl"
    assert Outlet.objects.get(slug="eurasianet").language_list() == ["en"]

    Outlet.objects.filter(slug="kloop").update(enabled=True, feed_urls="https://kloop.kg/x")
    out = StringIO()
    call_command("load_outlets", stdout=out)
    assert "0 new (disabled), 0 updated, 9 left as they were" in out.getvalue()
    kloop = Outlet.objects.get(slug="kloop")
    assert kloop.enabled and kloop.feed_urls == "https://kloop.kg/x"

    call_command("load_outlets", "--update", stdout=StringIO())
    kloop.refresh_from_db()
    assert kloop.enabled and kloop.feed_urls == "https://kloop.kg/feed/"


def test_load_outlets_refuses_a_bad_file(tmp_path):
    bad = tmp_path / "outlets.yaml"
    bad.write_text("- name: X\n  slug: x\n  home_page: https://x.example/\n"
                   "  languages: fr\n  feed_urls: [not-a-url]\n", encoding="utf-8")
    with pytest.raises(CommandError, match="invalid"):
        call_command("load_outlets", "--file", str(bad))
    assert not Outlet.objects.exists()
    with pytest.raises(CommandError, match="No outlet file"):
        call_command("load_outlets", "--file", str(tmp_path / "missing.yaml"))


def test_outlet_validation():
    outlet = Outlet(name="X", slug="x", home_page="https://x.example/", languages="ru, de",
                    time_zone="Mars/Olympus", feed_urls="ftp://x.example/feed",
                    body_selector="div[[", adapter="../etc")
    with pytest.raises(ValidationError) as error:
        outlet.full_clean()
    assert set(error.value.message_dict) >= {"languages", "time_zone", "feed_urls",
                                              "body_selector", "adapter"}
    listing = Outlet(name="Y", slug="y", home_page="https://y.example/",
                     listing_urls="https://y.example/news/")
    with pytest.raises(ValidationError, match="link selector"):
        listing.full_clean()


def test_adapters_load_by_short_or_dotted_name():
    assert load_adapter("rferl") is load_adapter("scrapers.adapters.rferl")
    assert load_adapter("") is None
    with pytest.raises(AdapterError):
        load_adapter("nope")
    with pytest.raises(AdapterError):
        load_adapter("os.path")


def test_outlet_health_is_shown_in_the_snippet_listing(client, django_user_model, home):
    now = timezone.now()
    Outlet.objects.create(name="Healthy", slug="healthy", home_page="https://a.example/",
                          feed_urls="https://a.example/rss", enabled=True, last_run_at=now,
                          last_success_at=now)
    Outlet.objects.create(name="Failing", slug="failing", home_page="https://b.example/",
                          feed_urls="https://b.example/rss", last_run_at=now,
                          last_error_at=now, consecutive_failures=3,
                          last_error="feed https://b.example/rss: timeout: deadline exceeded")
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/snippets/scrapers/outlet/")
    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("Health", "Last success", "Last error", "Failures in a row",
                    "Last error message"):
        assert heading in html
    assert "failing (3 in a row)" in html and "deadline exceeded" in html
    assert client.get("/admin/snippets/scrapers/newsitem/").status_code == 200
    assert client.get("/admin/snippets/scrapers/newsitem/add/").status_code in (302, 403)
