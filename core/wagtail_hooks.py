"""Admin registration for the plain models that editors manage beside the pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from chronicle.models import Event
from places.models import Country, District
from sources.models import Source


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    list_display = ["title", "kind", "publisher", "published", "page"]
    list_filter = ["kind"]
    search_fields = ["title", "section", "publisher"]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    list_display = ["title", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "summary"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "city"]


class RecordsGroup(SnippetViewSetGroup):
    menu_label = _("Records")
    menu_icon = "folder-open-inverse"
    items = (SourceViewSet, EventViewSet, CountryViewSet, DistrictViewSet)


register_snippet(RecordsGroup)
