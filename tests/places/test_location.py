"""Where a settlement is: coordinates only with their precision and source, said in words on
the page (or the district, when that is all we know), and a map only where a tile server is
configured (issue 11, "Map of settlements")."""

import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from places.models import District, SettlementPage
from tests.factories import CityPageFactory, SettlementPageFactory, SourceFactory

TILES = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"


@pytest.fixture
def city(home):
    return CityPageFactory(title="Bishkek")


def located(city, precision="approximate", **fields):
    return SettlementPageFactory(
        title="Ak-Jar", parent=city, latitude=Decimal("42.8221"), longitude=Decimal("74.5205"),
        location_precision=precision, location_source=SourceFactory(title="Field survey"),
        **fields)


@pytest.mark.parametrize("fields", [
    {"latitude": Decimal("42.8"), "longitude": Decimal("74.5")},  # no precision
    {"latitude": Decimal("42.8"), "longitude": Decimal("74.5"), "location_precision": "exact"},
    {"location_precision": "district"},  # a precision of nothing
    {"latitude": Decimal("91"), "longitude": Decimal("74.5"), "location_precision": "exact"},
])
def test_coordinates_need_their_precision_and_source_and_to_be_on_earth(city, fields):
    if fields.get("location_precision") == "exact":
        fields["location_source"] = SourceFactory()
    settlement = SettlementPage(title="Ak-Jar", slug="ak-jar", city=city, **fields)
    with pytest.raises(ValidationError):
        settlement.full_clean()


def test_a_settlement_known_only_by_its_district_says_so(city, client, settings):
    settings.MAP_TILE_URL = TILES
    district = District.objects.create(city=city, name="Sverdlovsky")
    settlement = SettlementPageFactory(title="Ak-Jar", parent=city, district=district)
    html = client.get(settlement.url).content.decode()
    assert "Known only by its district, Sverdlovsky: no coordinates recorded." in html
    assert "leaflet" not in html


def test_a_district_level_point_says_it_marks_the_district(city, client):
    district = District.objects.create(city=city, name="Sverdlovsky")
    settlement = located(city, precision="district", district=district)
    html = client.get(settlement.url).content.decode()
    assert "42.8221, 74.5205" in html
    assert "the point marks Sverdlovsky district, not the settlement itself" in html
    assert "Field survey" in html


def test_without_a_tile_server_places_are_text_without_leaflet(city, client, settings):
    settings.MAP_TILE_URL = ""
    settlement = located(city)
    for url in (settlement.url, city.url):
        html = client.get(url).content.decode()
        assert "42.8221, 74.5205" in html
        assert "(approximate)" in html
        assert "leaflet" not in html


def test_with_a_tile_server_the_city_and_settlement_load_the_map(city, client, settings):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = "© Example tiles"
    settlement = located(city)
    for url in (settlement.url, city.url):
        html = client.get(url).content.decode()
        assert 'id="place-map"' in html
        assert 'data-lat="42.822100"' in html
        assert "vendor/leaflet/leaflet.js" in html


def test_the_policy_admits_images_from_the_tile_host_only_when_configured(monkeypatch):
    base = importlib.import_module("ubada.settings.base")
    try:
        monkeypatch.setenv("MAP_TILE_URL", TILES)
        img_src = importlib.reload(base).CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        assert img_src == ["'self'", "data:", "https://*.tiles.example.org"]
        monkeypatch.delenv("MAP_TILE_URL")
        img_src = importlib.reload(base).CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        assert img_src == ["'self'", "data:"]
    finally:
        monkeypatch.delenv("MAP_TILE_URL", raising=False)
        importlib.reload(base)
