"""The QR code a printed record page carries: drawn once per address, read aloud in the reader's
language."""

from django.utils.translation import gettext_lazy, override

from core.qr import qr_svg

ADDRESS = "http://testserver/bishkek/ak-jar/"


def test_a_code_drawn_once_is_read_aloud_in_each_readers_language():
    label = gettext_lazy("Search")
    with override("en"):
        english = qr_svg(ADDRESS, label)
    with override("ru"):
        russian = qr_svg(ADDRESS, label)
    assert 'aria-label="Search"' in english
    assert 'aria-label="Поиск"' in russian


def test_each_address_has_its_own_code():
    drawn = qr_svg(ADDRESS, "QR code")
    assert qr_svg(ADDRESS, "QR code") == drawn
    assert qr_svg(ADDRESS.replace("ak-jar", "ala-jol"), "QR code") != drawn
