from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Country, District


class CountryViewSet(SnippetViewSet):
    """Countries in the admin (registered under "Records" by website/wagtail_hooks.py)."""

    model = Country
    icon = "globe"


class DistrictViewSet(SnippetViewSet):
    """Districts in the admin (registered under "Records" by website/wagtail_hooks.py)."""

    model = District
    icon = "site"
    list_display = ["name", "city"]
