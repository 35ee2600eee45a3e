"""People who make promises, the bodies they speak for, and the offices they hold."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.display import RECENT_PROMISES, in_true_order, prefetch_for_display
from core.names import NamedMixin, other_names_field
from core.partial_dates import PartialDate, PartialDateField, parse_or_none, valid_or_none
from core.tombstones import Retractable
from core.translation import synchronised
from core.view_restrictions import CachedViewRestrictions
from core.visibility import published, published_q


class PersonKind(models.TextChoices):
    POLITICIAN = "politician", _("Politician")
    OFFICIAL = "official", _("Official")
    ACTIVIST = "activist", _("Activist")
    OTHER = "other", _("Other")


class BodyKind(models.TextChoices):
    CITY_ADMINISTRATION = "city_administration", _("City administration")
    DISTRICT_AUTHORITY = "district_authority", _("District authority")
    MINISTRY = "ministry", _("Ministry")
    GOVERNMENT = "government", _("Government")
    COURT = "court", _("Court")
    COUNCIL = "council", _("Council")
    ORGANISING_COMMITTEE = "organising_committee", _("Organising committee")
    NGO = "ngo", _("NGO")
    DELEGATION = "delegation", _("Official delegation")
    OTHER = "other", _("Other")


class ActorIndexPage(CachedViewRestrictions, Page):
    """The list of people (/people/) or of bodies (/bodies/), by its child page type."""

    intro = RichTextField(_("introduction"), blank=True)

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised("slug")
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["actors.PersonPage", "actors.BodyPage"]

    class Meta:
        verbose_name = _("people or bodies index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        promise_count = Count("promises", filter=published_q("promises"))
        context["people"] = (
            published(PersonPage.objects.child_of(self)).annotate(promise_count=promise_count)
            .prefetch_related(Prefetch("roles", queryset=Role.objects.select_related("body")))
            .order_by("title")
        )
        context["bodies"] = (
            published(BodyPage.objects.child_of(self)).annotate(promise_count=promise_count)
            .select_related("city").order_by("title")
        )
        return context


class PersonPage(CachedViewRestrictions, Retractable, NamedMixin, Page):
    cached_as_record = True  # its cached page goes stale with what it shows (core.cache_scopes)
    kind = models.CharField(_("kind"), max_length=20, choices=PersonKind.choices)
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
    override_translatable_fields = synchronised("slug", "other_names", "summary_source")
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("other_names"),
        FieldPanel("summary"),
        FieldPanel("summary_source"),
        InlinePanel("roles", heading=_("Roles"), label=_("role")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("other_names", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("other_names"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["actors.ActorIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_for_display(
            self, request, "summary_source__part_of",
            Prefetch("roles", queryset=Role.objects.select_related("body", "source__part_of")),
        )
        context.update(self.promises.recent_rows(request, RECENT_PROMISES, record=self),
                       all_promises_query=urlencode({"promisor": self.pk}),
                       events=in_true_order(self.events.all()))
        return context

    def roles_over_time(self):
        """Roles, earliest first (uses prefetched roles)."""
        return sorted(self.roles.all(), key=lambda role: (role.start or "", role.end or "9999"))

    def role_on(self, when):
        """The role held on a date or partial date (uses prefetched roles)."""
        if not when:
            return None
        when = PartialDate.parse(when)
        held = [role for role in self.roles.all() if role.covers(when)]
        return max(held, key=lambda role: role.start or "", default=None)


class BodyPage(CachedViewRestrictions, Retractable, NamedMixin, Page):
    cached_as_record = True  # its cached page goes stale with what it shows (core.cache_scopes)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    other_names = other_names_field()
    country = models.ForeignKey(
        "places.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty for international bodies."),
    )
    city = models.ForeignKey(
        "places.CityPage",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    summary = RichTextField(_("summary"), max_length=5000, blank=True)

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised("slug", "other_names", "country", "city")
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("other_names"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
        FieldPanel("summary"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("other_names", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("other_names"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["actors.ActorIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_for_display(self, request, "country", "city")
        context.update(
            self.promises.recent_rows(request, RECENT_PROMISES, record=self),
            all_promises_query=urlencode({"promisor": self.pk}),
            office_holders=self.roles.filter(published_q("person")).select_related("person")
            .order_by("start", "pk"),
            events=in_true_order(self.events.all()),
        )
        return context


class Role(Orderable):
    """A person holding an office in a body between two (partial) dates."""

    person = ParentalKey(PersonPage, on_delete=models.CASCADE, related_name="roles")
    body = models.ForeignKey(
        BodyPage, verbose_name=_("body"), on_delete=models.PROTECT, related_name="roles"
    )
    title = models.CharField(_("office"), max_length=200)
    start = PartialDateField(_("from"), blank=True)
    end = PartialDateField(_("until"), blank=True)
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldPanel("body"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("role")

    def __str__(self):
        return f"{self.title}, {self.body.title}"

    def clean(self):
        super().clean()
        start, end = valid_or_none(self.start), valid_or_none(self.end)
        if start and end and end.latest() < start.earliest():
            raise ValidationError(
                {"end": _("A role cannot end (%(end)s) before it starts (%(start)s).")
                 % {"end": end, "start": start}}
            )

    def covers(self, when):
        """Whether the role could have been held at the partial date `when`."""
        start, end = parse_or_none(self.start), parse_or_none(self.end)
        if start and when.latest() < start.earliest():
            return False
        return not (end and when.earliest() > end.latest())
