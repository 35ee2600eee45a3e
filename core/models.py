"""The home page and plain content pages (methodology, about)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context())
        return context


class StandardPage(Page):
    """A page of text. With `show_status_scale` it also prints the status definitions."""

    body = RichTextField(_("body"))
    show_status_scale = models.BooleanField(
        _("show the status scale"),
        default=False,
        help_text=_("For the methodology page: lists every status with its definition."),
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("show_status_scale")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        from promises.status import DEFINITIONS, OVERDUE_DEFINITION

        context = super().get_context(request, *args, **kwargs)
        if self.show_status_scale:
            context["status_scale"] = [(status, DEFINITIONS[status]) for status in DEFINITIONS]
            context["overdue_definition"] = OVERDUE_DEFINITION
        return context


class ContentVersion(models.Model):
    """One row counting content changes: the key under which anonymous pages are cached.

    Every publish, unpublish, move, delete and record save bumps it (core.signals), so a cached
    page is never served after the content behind it changed, in any worker process.
    """

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self):
        return str(self.number)

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls):
        updated = cls.objects.filter(pk=1).update(number=models.F("number") + 1)
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
