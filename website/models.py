"""The home page and plain content pages (methodology, about)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.translation import synchronised
from core.view_restrictions import CachedViewRestrictions
from promises.status import DEFINITIONS, OVERDUE_DEFINITION

from .home import home_context


class HomePage(CachedViewRestrictions, Page):
    intro = RichTextField(_("introduction"), blank=True)

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised("slug")
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(request))
        return context


class StandardPage(CachedViewRestrictions, Page):
    """A page of text. With `show_status_scale` it also prints the status definitions."""
    cached_as_record = True  # its cached page goes stale with what it shows (core.cache_scopes)

    body = RichTextField(_("body"))
    show_status_scale = models.BooleanField(
        _("show the status scale"),
        default=False,
        help_text=_("For the methodology page: lists every status with its definition."),
    )

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised("slug", "show_status_scale")
    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("show_status_scale")]
    parent_page_types = ["website.HomePage", "website.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.show_status_scale:
            context["status_scale"] = list(DEFINITIONS.items())
            context["overdue_definition"] = OVERDUE_DEFINITION
        return context
