"""Countries, cities, districts and the settlements in them."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.display import RECENT_PROMISES, prefetch_for_display
from core.names import NamedMixin, other_names_field
from core.partial_dates import PartialDateField
from core.tombstones import Retractable
from core.translation import synchronised
from core.view_restrictions import CachedViewRestrictions
from core.visibility import published

from .display import CitySettlements, SettlementDetails, fact_order


class Country(NamedMixin, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    other_names = other_names_field()

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("other_names")]

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CityPage(CachedViewRestrictions, Retractable, NamedMixin, Page):
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT)
    other_names = other_names_field()
    summary = RichTextField(_("summary"), max_length=5000, blank=True)
    summary_source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source of the summary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised("slug", "country", "other_names", "summary_source")
    content_panels = Page.content_panels + [
        FieldPanel("country"),
        FieldPanel("other_names"),
        FieldPanel("summary"),
        FieldPanel("summary_source"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("other_names"),
        index.SearchField("summary"),
        index.AutocompleteField("other_names"),
    ]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["places.SettlementPage"]

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")


    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_for_display(self, request, "country", "summary_source__part_of")
        context.update(
            self.promises_to_settlements().recent_rows(request, RECENT_PROMISES, record=self),
            all_promises_query=urlencode({"city": self.pk}),
            settlement_table=CitySettlements(self, request),
            bodies=published(self.bodies.all()).order_by("title"),
        )
        return context

    def promises_to_settlements(self):
        """The promises made to any settlement of the city.

        Their model is the one behind the settlements' reverse relation `promises`: places sit
        below promises and reach them only through the relations promises declare.
        """
        promise_model = SettlementPage._meta.get_field("promises").related_model
        return promise_model.objects.filter(settlements__city=self).distinct()


class District(NamedMixin, models.Model):
    city = models.ForeignKey(
        CityPage, verbose_name=_("city"), on_delete=models.PROTECT, related_name="districts"
    )
    name = models.CharField(_("name"), max_length=100)
    other_names = other_names_field()

    panels = [FieldPanel("city"), FieldPanel("name"), FieldPanel("other_names")]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="unique_district_per_city")
        ]

    def __str__(self):
        return f"{self.name} ({self.city.title})"


class LegalStatus(models.TextChoices):
    ILLEGAL = "illegal", _("Illegal")
    SEMI_LEGAL = "semi_legal", _("Semi-legal")
    LEGALISED = "legalised", _("Legalised")
    CONTESTED = "contested", _("Contested")
    MIXED = "mixed", _("Legal, with illegal homes")


class Service(models.TextChoices):
    ELECTRICITY = "electricity", _("Electricity")
    WATER = "water", _("Water")
    GAS = "gas", _("Gas")
    SEWAGE = "sewage", _("Sewage")
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    CLINIC = "clinic", _("Clinic")
    ROADS = "roads", _("Roads")


class ServiceLevel(models.TextChoices):
    NONE = "none", _("None")
    PARTIAL = "partial", _("Partial")
    FULL = "full", _("Full")


class LocationPrecision(models.TextChoices):
    """How closely a settlement's coordinates place it: a district-level point marks the
    district the settlement is in, not the settlement."""

    EXACT = "exact", _("Exact")
    APPROXIMATE = "approximate", _("Approximate")
    DISTRICT = "district", _("District-level")


class SettlementPage(CachedViewRestrictions, Retractable, NamedMixin, Page):
    """An informal settlement (novostroyka). Lives under its city in the page tree."""
    cached_as_record = True  # its cached page goes stale with what it shows (core.cache_scopes)

    city = models.ForeignKey(
        CityPage,
        verbose_name=_("city"),
        on_delete=models.PROTECT,
        related_name="settlements",
        editable=False,
        help_text=_("Set from the page's place in the tree."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="settlements",
    )
    other_names = other_names_field()
    summary = RichTextField(_("summary"), max_length=5000, blank=True)
    founded = PartialDateField(_("founded"), blank=True)
    founded_source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source for the founding date"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A location is optional (the study names districts, not points): never invent one.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    location_precision = models.CharField(
        _("precision of the location"), max_length=12, blank=True,
        choices=LocationPrecision.choices,
    )
    # A recorded source, like every other fact of a settlement: readers can follow it, and
    # the source's own page lists what rests on it.
    location_source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source of the location"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised(
        "slug", "district", "other_names", "founded", "founded_source", "latitude", "longitude")
    content_panels = Page.content_panels + [
        FieldPanel("district"),
        FieldPanel("other_names"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("founded"), FieldPanel("founded_source")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
             FieldRowPanel([FieldPanel("location_precision"), FieldPanel("location_source")])],
            heading=_("Location"),
        ),
        InlinePanel("legal_statuses", heading=_("Legal status history"), label=_("legal status")),
        InlinePanel("sizes", heading=_("Size"), label=_("size figure")),
        InlinePanel("services", heading=_("Services"), label=_("service level")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("other_names", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("other_names"),
        index.FilterField("city"),
    ]
    parent_page_types = ["places.CityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.has_coordinates and not self.location_precision:
            raise ValidationError({"location_precision": _(
                "Say how precise the coordinates are (exact, approximate or district-level).")})
        if self.has_coordinates and not self.location_source_id:
            raise ValidationError({"location_source": _("Give the source of the coordinates.")})
        if not self.has_coordinates and (self.location_precision or self.location_source_id):
            raise ValidationError(_("A precision or source of the location needs coordinates."))

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def save(self, *args, **kwargs):
        parent = self.get_parent()
        if parent is not None:
            self.city_id = parent.id
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The heading's city and district; the facts, events and timeline below the promises
        # are fetched only when their cached fragments are missing (places.display).
        prefetch_for_display(self, request, "city", "district")
        # Newest first, as on other records; the timeline and the printed dossier follow the
        # promises listed, and the promise list (filtered by the settlement) has the rest.
        listing = self.promises.recent_rows(request, RECENT_PROMISES, record=self,
                                           dossier=True)
        listed = self.promises.filter(pk__in=listing["promise_ids"])
        context.update(
            listing,
            all_promises_query=urlencode({"settlement": self.pk}),
            details=SettlementDetails(self, request, listed),
        )
        return context

    def current_legal_status(self):
        """The latest entry of the legal status history (uses any prefetched rows)."""
        statuses = sorted(self.legal_statuses.all(), key=fact_order)
        return statuses[-1] if statuses else None

    def current_size(self):
        sizes = sorted(self.sizes.all(), key=fact_order)
        return sizes[-1] if sizes else None

    def current_services(self):
        """The latest level of each service, in the order services are listed."""
        latest = {}
        for row in sorted(self.services.all(), key=fact_order):
            latest[row.service] = row
        order = list(Service.values)
        return sorted(latest.values(), key=lambda row: order.index(row.service))


class SettlementFact(TranslatableMixin, Orderable):
    """A fact about a settlement that holds as of a date, on the word of a source.

    Translatable with its settlement (wagtail-localize): a translation carries the note; the
    date, source and figures are the English row's."""

    as_of = PartialDateField(_("as of"), blank=True)
    source = models.ForeignKey(
        "sources.Source", verbose_name=_("source"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        abstract = True


class SettlementLegalStatus(SettlementFact):
    settlement = ParentalKey(
        SettlementPage, on_delete=models.CASCADE, related_name="legal_statuses"
    )
    status = models.CharField(_("legal status"), max_length=20, choices=LegalStatus.choices)

    panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("as_of")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]
    override_translatable_fields = synchronised("as_of", "source", "status")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("legal status")


class SettlementSize(SettlementFact):
    settlement = ParentalKey(SettlementPage, on_delete=models.CASCADE, related_name="sizes")
    people = models.PositiveIntegerField(_("people"), null=True, blank=True)
    families = models.PositiveIntegerField(_("families"), null=True, blank=True)
    homes = models.PositiveIntegerField(_("homes"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("people"), FieldPanel("families"), FieldPanel("homes")]),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("source")]),
        FieldPanel("note"),
    ]
    override_translatable_fields = synchronised("as_of", "source", "people", "families", "homes")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("size figure")

    def clean(self):
        super().clean()
        if self.people is None and self.families is None and self.homes is None:
            raise ValidationError(_("Give the number of people, families or homes."))


class SettlementService(SettlementFact):
    settlement = ParentalKey(SettlementPage, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    level = models.CharField(_("level"), max_length=10, choices=ServiceLevel.choices)

    panels = [
        FieldRowPanel([FieldPanel("service"), FieldPanel("level"), FieldPanel("as_of")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]
    override_translatable_fields = synchronised("as_of", "source", "service", "level")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("service level")
