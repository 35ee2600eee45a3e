from places.models import SettlementPage
from tests.factories import CityPageFactory, SettlementPageFactory


def test_moving_a_settlement_to_another_city_changes_its_city(home):
    bishkek, osh = CityPageFactory(title="Bishkek"), CityPageFactory(title="Osh")
    settlement = SettlementPageFactory(title="Ak-Jar", parent=bishkek)
    settlement.move(osh, pos="last-child")
    assert SettlementPage.objects.get(pk=settlement.pk).city == osh


def test_a_settlement_can_be_unpublished(home):
    settlement = SettlementPageFactory(title="Ak-Jar", other_names="Ак-Жар")
    settlement.unpublish()
    assert not SettlementPage.objects.get(pk=settlement.pk).live
    assert settlement.other_name_list() == ["Ак-Жар"]
