"""The pages' ways in to following: feed links for the head, and the box on a record's page
with the subscribe form, its feed and (settlements and people) the embeddable widget's snippet.
"""

from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from actors.models import PersonPage
from places.models import SettlementPage

from ..forms import SubscribeForm
from ..scopes import is_followable

register = template.Library()

EMBED_VIEWS = {SettlementPage: "following:embed_settlement", PersonPage: "following:embed_person"}


@register.simple_tag
def feed_links(page=None):
    """The feeds a page's head announces (rel="alternate"): the whole site's, and the page's
    own when it can be followed."""
    links = [{"title": _("Ubada: every promise"), "url": reverse("following:site_feed")}]
    if is_followable(page):
        links.append({"title": _("Ubada: %(record)s") % {"record": page.title},
                      "url": reverse("following:page_feed", args=[page.pk])})
    return links


@register.inclusion_tag("following/follow_box.html")
def follow_box(page):
    """Subscribe form, feed and embed snippet for a followable page."""
    embed_view = EMBED_VIEWS.get(type(page))
    return {
        "page": page,
        "form": SubscribeForm(auto_id=f"follow-{page.pk}-%s"),
        "feed_url": reverse("following:page_feed", args=[page.pk]),
        "embed_snippet": embed_snippet(page, embed_view) if embed_view else "",
    }


def embed_snippet(page, embed_view):
    """The <iframe> a reader copies onto their own site."""
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="480" loading="lazy"></iframe>',
        urljoin(settings.SITE_URL, reverse(embed_view, args=[page.pk])),
        _("%(record)s on Ubada") % {"record": page.title},
    )
