from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Event


class EventViewSet(SnippetViewSet):
    """Events in the admin (registered under "Records" by website/wagtail_hooks.py)."""

    model = Event
    icon = "date"
    list_display = ["title", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "summary"]
