"""QR codes as inline SVG, drawn on the server: a printed page carries the address of its live
version (in the reader's language) for a phone to open, with no script and no image request."""

import xml.etree.ElementTree as ET
from functools import lru_cache

import qrcode
from django.utils.safestring import mark_safe
from qrcode.image.svg import SvgPathImage

# Printed size: large enough for a cheap phone's camera at arm's length on A4.
PRINTED_SIZE = "30mm"
# Codes kept drawn per process (a few kB each): every printable record page carries one, and
# drawing it cost a tenth of the page's render.
CODES_KEPT = 512


def qr_svg(data, label):
    """An <svg> drawing `data` as a QR code, read aloud as `label` (role="img"). Drawn once per
    address and label (the label may be lazy text: it is kept as the text it reads now)."""
    return _drawn(str(data), str(label))


@lru_cache(maxsize=CODES_KEPT)
def _drawn(data, label):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         image_factory=SvgPathImage)
    code.add_data(data)
    svg = code.make_image().get_image()
    svg.set("width", PRINTED_SIZE)
    svg.set("height", PRINTED_SIZE)
    svg.set("role", "img")
    svg.set("aria-label", label)
    svg.set("class", "qr")
    # ElementTree escapes the attribute values and the address: the markup is safe.
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308
