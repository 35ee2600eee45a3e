"""The admin's "Records" menu: the plain models editors manage beside the pages.

Each app describes its own records' admin views (sources/views.py, chronicle/views.py,
places/views.py); the site decides how the menu groups them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from chronicle.views import EventViewSet
from places.views import CountryViewSet, DistrictViewSet
from sources.views import SourceViewSet


class RecordsGroup(SnippetViewSetGroup):
    menu_label = _("Records")
    menu_icon = "folder-open-inverse"
    items = (SourceViewSet, EventViewSet, CountryViewSet, DistrictViewSet)


register_snippet(RecordsGroup)
