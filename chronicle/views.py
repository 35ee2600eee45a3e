from wagtail.snippets.views.snippets import SnippetViewSet

from core.choosers import CanonicalChooserViewSet

from .models import Event


class EventViewSet(SnippetViewSet):
    """Events in the admin (registered under "Records" by website/wagtail_hooks.py)."""

    model = Event
    chooser_viewset_class = CanonicalChooserViewSet
    icon = "date"
    list_display = ["title", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "summary"]
