"""Dated happenings around settlements: protests, blockades, rulings, elections, evictions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core.partial_dates import PartialDateField, parse_or_none
from core.translation import synchronised


class EventKind(models.TextChoices):
    PROTEST = "protest", _("Protest")
    ROAD_BLOCKADE = "road_blockade", _("Road blockade")
    PICKET = "picket", _("Picket")
    UPRISING = "uprising", _("Uprising")
    COURT_RULING = "court_ruling", _("Court ruling")
    ELECTION = "election", _("Election")
    EVICTION = "eviction", _("Eviction")
    DEMOLITION = "demolition", _("Demolition")
    LAND_OCCUPATION = "land_occupation", _("Land occupation")
    CEREMONY = "ceremony", _("Ceremony")
    OTHER = "other", _("Other")


class EventQuerySet(models.QuerySet):
    def elections(self):
        return self.filter(kind=EventKind.ELECTION)


class Event(TranslatableMixin, index.Indexed, models.Model):
    """Translatable (wagtail-localize): a translation carries the title and summary; its date,
    kind and country are the English record's, and its relations (settlements, people, bodies,
    sources) are read from the English record alone."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = PartialDateField(_("date"), blank=True)
    summary = models.TextField(_("summary"), max_length=3000, blank=True)
    country = models.ForeignKey(
        "places.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )
    settlements = models.ManyToManyField(
        "places.SettlementPage", verbose_name=_("settlements"), blank=True, related_name="events"
    )
    people = models.ManyToManyField(
        "actors.PersonPage", verbose_name=_("people"), blank=True, related_name="events"
    )
    bodies = models.ManyToManyField(
        "actors.BodyPage", verbose_name=_("bodies"), blank=True, related_name="events"
    )
    sources = models.ManyToManyField(
        "sources.Source", verbose_name=_("sources"), blank=True, related_name="events"
    )

    objects = EventQuerySet.as_manager()
    override_translatable_fields = synchronised("kind", "date", "country")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("country")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("settlements"),
        FieldPanel("people"),
        FieldPanel("bodies"),
        FieldPanel("sources"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("locale"),  # the admin choosers offer English records only
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date", "title"]

    def __str__(self):
        when = parse_or_none(self.date)
        return f"{self.title} ({when})" if when else self.title
