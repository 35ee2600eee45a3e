"""The home page's places stay the size of a page however many settlements are recorded."""

from tests.factories import CityPageFactory, PromisePageFactory, SettlementPageFactory
from website.home import SETTLEMENTS_SHOWN


def test_home_lists_each_citys_biggest_settlements_and_links_to_all(client, home):
    city = CityPageFactory(title="Bishkek")
    big = SettlementPageFactory(parent=city, title="Ak-Jar")
    PromisePageFactory.create_batch(2, settlements=[big])
    for number in range(SETTLEMENTS_SHOWN):
        SettlementPageFactory(parent=city, title=f"Small {number}")
    html = client.get("/").content.decode()
    places = html.split('id="places"', 1)[1]
    assert places.count("<li>") == SETTLEMENTS_SHOWN
    assert "Ak-Jar" in places  # the one with the most promises comes first
    assert f"All {SETTLEMENTS_SHOWN + 1} settlements of Bishkek" in places
