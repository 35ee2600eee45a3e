"""The map of settlements: shown only where a settlement's coordinates are known and a tile
server is configured (settings.MAP_TILE_URL). The places are always listed as text too; the
map, drawn by JavaScript, only enhances that list."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("places/place_map.html", takes_context=True)
def place_map(context, settlements=(), place=None):
    """The map of those of `settlements` that have coordinates, above the list of them as text;
    or the map of one settlement, `place`, whose page states its location among its facts."""
    candidates = [place] if place is not None else settlements
    located = [settlement for settlement in candidates if settlement.has_coordinates]
    show_map = bool(settings.MAP_TILE_URL and located)
    list_places = place is None
    return {
        "request": context.get("request"),
        "located": located if (show_map or list_places) else [],
        "list_places": list_places,
        "show_map": show_map,
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }
