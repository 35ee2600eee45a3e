"""Promises, their subjects, and their append-only status history."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from actors.models import BodyPage, PersonPage, Role
from chronicle.models import Event
from core.display import in_true_order, prefetch_for_display, with_their_sources
from core.partial_dates import (
    PartialDate,
    PartialDateField,
    parse_or_none,
    valid_or_none,
)
from core.partial_dates import sort_key as partial_date_sort_key
from core.scoped_cache import scoped
from core.tombstones import Retractable
from core.translation import synchronised
from core.view_restrictions import CachedViewRestrictions
from core.visibility import published, published_q
from places.models import SettlementPage

from .deadlines import as_stated, derive_deadline
from .forms import PromisePageForm
from .scorecard import SCORED_FIELDS, scorecard_of, scorecard_of_values
from .status import Status, definition, is_overdue, overdue_q
from .subject_labels import shown_subjects


class Occasion(models.TextChoices):
    ROAD_BLOCKADE = "road_blockade", _("Road-blockade negotiation")
    PICKET = "picket", _("Picket")
    ELECTION_CAMPAIGN = "election_campaign", _("Election campaign")
    CEREMONY = "ceremony", _("Ceremony")
    MEETING = "meeting", _("Meeting")
    STATEMENT = "statement", _("Statement")
    NEGOTIATION = "negotiation", _("Negotiation")
    OTHER = "other", _("Other")


class QuoteKind(models.TextChoices):
    QUOTE = "quote", _("Verbatim quote")
    PARAPHRASE = "paraphrase", _("Paraphrase")


class PromiseSubject(TaggedItemBase):
    content_object = ParentalKey(
        "promises.PromisePage", on_delete=models.CASCADE, related_name="subject_items"
    )


def published_promisors(roles=False):
    """Prefetches of a promise's people and bodies that leave out private pages."""
    people = published(PersonPage.objects.all())
    if roles:
        people = people.prefetch_related(
            models.Prefetch("roles", queryset=Role.objects.select_related("body")))
    return (models.Prefetch("people", queryset=people),
            models.Prefetch("bodies", queryset=published(BodyPage.objects.all())))


def published_settlements():
    """The prefetch of a promise's settlements (with their city) that leaves out private ones."""
    return models.Prefetch(
        "settlements", queryset=published(SettlementPage.objects.select_related("city")))


def published_subjects():
    """The subjects of published promises: a subject only private promises carry stays private."""
    return Tag.objects.filter(
        published_q("promises_promisesubject_items__content_object")).distinct()


class ChooserPanelWithOneBlank(MultipleChooserPanel):
    """Wagtail's MultipleChooserPanel with one empty chooser ready: most promises name one
    promisor and one settlement, picked with "Choose", a search and a click, without first
    adding a row or confirming a selection. An untouched blank row is not saved."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["extra"] = 1
        return options


class PromiseQuerySet(PageQuerySet):
    def overdue(self, on=None):
        """Deadline passed on `on` (default today) and neither kept nor broken."""
        return self.filter(overdue_q(on))

    def for_listing(self):
        """What a list of promises shows, fetched in a fixed number of queries."""
        return published(self).select_related("election", "source__part_of").prefetch_related(
            *published_promisors(), published_settlements(), "subjects"
        )

    # The pages of the apps below promises (people, bodies, cities, settlements) reach these
    # through their reverse relation (`self.promises`), without importing promises.
    def recent_rows(self, request, limit, *, record, dossier=False):
        """Context for `record`'s page listing the `limit` newest of these promises, with the
        scorecard of them all: `promise_rows`, each row's HTML (promises.rows: from the cache
        where kept), `promise_rows_in_english` (a row shows untranslated text: the page says
        so once), `promise_ids` and `scorecard`. `dossier`: rows that name their sources, for
        a printed page (promises.rows).

        The ids and the scorecard are kept in the cache like the rows (core.scoped_cache:
        until the next publish, and for the day, as "overdue" moves with it): a record page
        whose rows are kept reads no promise from the database."""
        from .rows import any_english, promise_rows  # rows.py imports this module

        name = (f"recent-promises:{record._meta.label_lower}:{record.pk}:{limit}:"
                f"{timezone.localdate().isoformat()}")
        id_pairs, card = scoped(name, lambda: self.newest_with_scorecard(limit), request)
        rows = promise_rows(request, id_pairs, dossier=dossier)
        return {"promise_rows": rows, "promise_rows_in_english": any_english(rows),
                "promise_ids": [pk for pk, _key in id_pairs], "scorecard": card}

    def newest_with_scorecard(self, limit):
        """((id, translation key) of the `limit` newest of these promises, their scorecard).

        One query reads the ids with what the scorecard counts; the scorecard of more promises
        than listed is one aggregate query: the same cost for 10 promises or 1,250."""
        from .rows import ROW_FIELDS  # rows.py imports this module

        newest = published(self).order_by("-made", "-pk")
        values = list(newest.values_list(*ROW_FIELDS, *SCORED_FIELDS)[:limit])
        id_pairs = [value[:len(ROW_FIELDS)] for value in values]
        if len(values) < limit:  # all of them: counted without a query
            return id_pairs, scorecard_of_values([value[len(ROW_FIELDS):] for value in values])
        return id_pairs, scorecard_of(published(self))

    def status_changes(self):
        """The status history of these promises, with what a timeline shows of each change."""
        return (StatusChange.objects.filter(promise__in=self).select_related("promise")
                .prefetch_related("sources__part_of"))


class PromiseIndexPage(CachedViewRestrictions, Page):
    """/promises/: every promise, with filters. The list itself is built in promises.listing."""

    intro = RichTextField(_("introduction"), blank=True)

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised("slug")
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["promises.PromisePage"]
    max_count = 1

    class Meta:
        verbose_name = _("promise list")

    def get_context(self, request, *args, **kwargs):
        # Not at the top: the list's form builds its querysets when imported, which needs every
        # model loaded, and this module is imported while models load.
        from .listing import promise_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(promise_listing(request, PromisePage.objects.child_of(self)))
        return context


class PromisePage(CachedViewRestrictions, Retractable, Page):
    cached_as_record = True  # its cached page goes stale with what it shows (core.cache_scopes)
    # Fetched with the page when core.routing loads it: what its page shows of them.
    route_select_related = ("election", "source__part_of")
    text = models.TextField(_("what was promised"), max_length=1000,
                            help_text=_("In plain words."))
    quote = models.TextField(_("quote"), max_length=3000, blank=True)
    quote_kind = models.CharField(
        _("the quote is"),
        max_length=20,
        choices=QuoteKind.choices,
        default=QuoteKind.PARAPHRASE,
    )
    made = PartialDateField(
        _("made on"), blank=True,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD. Leave empty only when no source dates it."),
    )
    # "Other" until the editor knows better: a source often names no occasion.
    occasion = models.CharField(_("occasion"), max_length=30, choices=Occasion.choices,
                                default=Occasion.OTHER)
    where_said = models.CharField(
        _("where it was said"), max_length=300, blank=True,
        help_text=_("The place or venue, e.g. “Ak-Jar, at the road blockade”, “Bishkek city "
                    "hall”. Optional."),
    )
    # Stored through the Promise* link models below, which the form edits with Wagtail's
    # searchable choosers (MultipleChooserPanel); read them here as plain many-to-many fields.
    people = models.ManyToManyField(
        "actors.PersonPage", through="PromisePerson", verbose_name=_("promised by (people)"),
        blank=True, related_name="promises",
    )
    bodies = models.ManyToManyField(
        "actors.BodyPage", through="PromiseBody", verbose_name=_("promised by (bodies)"),
        blank=True, related_name="promises",
    )
    settlements = models.ManyToManyField(
        "places.SettlementPage", through="PromiseSettlement",
        verbose_name=_("made to (settlements)"), blank=True, related_name="promises",
    )
    beneficiary_group = models.CharField(
        _("made to (group)"),
        max_length=300,
        blank=True,
        help_text=_('For example "42,000 people on Osh\'s land waiting list".'),
    )
    subjects = ClusterTaggableManager(
        through=PromiseSubject, verbose_name=_("subjects"), blank=True
    )
    deadline = PartialDateField(
        _("stated deadline"), blank=True,
        help_text=_("Only a date the promisor stated. Leave empty to derive it from a phrase."),
    )
    deadline_phrase = models.CharField(
        _("deadline as said"), max_length=200, blank=True,
        help_text=_('The words used, e.g. "within a year", "within two days".'),
    )
    election = models.ForeignKey(
        "chronicle.Event",
        verbose_name=_("in the run-up to the election"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": "election"},
        related_name="election_promises",
    )
    restates = models.ForeignKey(
        "self",
        verbose_name=_("restates the earlier promise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="restatements",
    )
    events = models.ManyToManyField(
        "chronicle.Event", through="PromiseEvent", verbose_name=_("related events"), blank=True,
        related_name="promises",
    )
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("reported in"),
        on_delete=models.PROTECT,
        related_name="reported_promises",
    )
    # Kept in step by save(): the latest status change and the deadline's last day.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_RATED,
        editable=False, db_index=True,
    )
    deadline_due = models.DateField(_("due by"), null=True, editable=False, db_index=True)

    objects = PageManager.from_queryset(PromiseQuerySet)()
    base_form_class = PromisePageForm

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised(
        "slug", "made", "deadline", "election", "restates", "source")
    content_panels = Page.content_panels + [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("quote_kind")]),
        FieldPanel("quote"),
        FieldRowPanel([FieldPanel("made"), FieldPanel("occasion"), FieldPanel("where_said")]),
        MultiFieldPanel([
            ChooserPanelWithOneBlank("promisor_people", chooser_field_name="person",
                                 label=_("person"), heading=_("People")),
            ChooserPanelWithOneBlank("promisor_bodies", chooser_field_name="body",
                                 label=_("body"), heading=_("Bodies")),
        ], heading=_("Who promised")),
        MultiFieldPanel([
            ChooserPanelWithOneBlank("beneficiary_settlements", chooser_field_name="settlement",
                                 label=_("settlement"), heading=_("Settlements")),
            FieldPanel("beneficiary_group"),
        ], heading=_("To whom")),
        FieldPanel("subjects"),
        MultiFieldPanel(
            [FieldPanel("deadline"), FieldPanel("deadline_phrase")], heading=_("Deadline")
        ),
        FieldRowPanel([FieldPanel("election"), FieldPanel("restates")]),
        MultipleChooserPanel("related_events", chooser_field_name="event", label=_("event"),
                             heading=_("Related events")),
        FieldPanel("source"),
        InlinePanel(
            "status_changes",
            heading=_("Status history"),
            label=_("status change"),
            help_text=_(
                "Append-only: add a new entry for every change or correction; "
                "published entries cannot be edited or removed."
            ),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("text", boost=2),
        index.SearchField("quote"),
        index.SearchField("beneficiary_group"),
        index.FilterField("status"),
        index.FilterField("made"),
        index.RelatedFields("subjects", [index.SearchField("name")]),
    ]
    parent_page_types = ["promises.PromiseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")

    # Dates -----------------------------------------------------------------
    @property
    def made_date(self):
        return parse_or_none(self.made)

    def effective_deadline(self):
        """The stated deadline, else the one derived from the phrase, else None."""
        if self.deadline:
            return as_stated(PartialDate.parse(self.deadline), self.deadline_phrase)
        if self.deadline_phrase:
            return derive_deadline(self.made, self.deadline_phrase)
        return None

    @property
    def deadline_is_derived(self):
        return not self.deadline and self.effective_deadline() is not None

    def is_overdue(self, on=None):
        due = self.effective_deadline()
        return is_overdue(self.status, due.latest() if due else None, on)

    # Status ------------------------------------------------------------------
    def status_history(self):
        """Oldest first; uses prefetched or in-memory (unsaved) rows."""
        return sorted(self.status_changes.all(), key=StatusChange.sort_key)

    def status_timeline(self):
        """The status history as the promise page lists it, in true order."""
        return sorted(self.status_changes.all(), key=StatusChange.timeline_key)

    def current_status_change(self):
        history = self.status_history()
        return history[-1] if history else None

    @property
    def status_definition(self):
        return definition(self.status)

    def clean(self):
        super().clean()
        made, due = valid_or_none(self.made), None
        try:
            due = self.effective_deadline()
        except ValueError:
            return  # the field validators report the malformed date
        if made and due and due.latest() < made.earliest():
            raise ValidationError(
                {"deadline": _("The deadline (%(deadline)s) is before the promise was made "
                               "(%(made)s).") % {"deadline": due, "made": made}}
            )

    def save(self, *args, **kwargs):
        latest = self.current_status_change()
        self.status = latest.status if latest else Status.NOT_RATED
        due = self.effective_deadline()
        self.deadline_due = due.latest() if due else None
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_for_display(
            self, request,
            *published_promisors(roles=True), published_settlements(), "subjects", "election",
            "source__part_of",
            models.Prefetch("events", queryset=with_their_sources(Event.objects.all())),
            models.Prefetch("status_changes",
                            queryset=with_their_sources(StatusChange.objects.all())),
        )
        context["restates"] = (published(PromisePage.objects.filter(pk=self.restates_id)).first()
                               if self.restates_id else None)
        context["restatements"] = published(self.restatements.all()).order_by("made", "pk")
        context["events"] = in_true_order(self.events.all())
        context["subjects"] = shown_subjects(self.subjects.all())
        return context

    def roles_at_time(self):
        """Each promising person with the role they held when the promise was made."""
        return [(person, person.role_on(self.made) if self.made else None)
                for person in self.people.all()]


# The records a promise names, one row per pair. Wagtail's form edits them with its searchable
# choosers (MultipleChooserPanel) and keeps them in drafts and revisions until publication; the
# promise reads them through its many-to-many fields (people, bodies, settlements, events).
class PromiseLink(models.Model):
    chosen_field = ""  # the link's field naming the chosen record

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.chosen)

    @property
    def chosen(self):
        """The record this row links the promise to."""
        return getattr(self, self.chosen_field)


class PromisePerson(PromiseLink):
    promise = ParentalKey(PromisePage, on_delete=models.CASCADE, related_name="promisor_people")
    person = models.ForeignKey("actors.PersonPage", verbose_name=_("person"),
                               on_delete=models.CASCADE, related_name="+")

    chosen_field = "person"
    panels = [FieldPanel("person")]

    class Meta:
        unique_together = [("promise", "person")]


class PromiseBody(PromiseLink):
    promise = ParentalKey(PromisePage, on_delete=models.CASCADE, related_name="promisor_bodies")
    body = models.ForeignKey("actors.BodyPage", verbose_name=_("body"),
                             on_delete=models.CASCADE, related_name="+")

    chosen_field = "body"
    panels = [FieldPanel("body")]

    class Meta:
        unique_together = [("promise", "body")]


class PromiseSettlement(PromiseLink):
    promise = ParentalKey(PromisePage, on_delete=models.CASCADE,
                          related_name="beneficiary_settlements")
    settlement = models.ForeignKey("places.SettlementPage", verbose_name=_("settlement"),
                                   on_delete=models.CASCADE, related_name="+")

    chosen_field = "settlement"
    panels = [FieldPanel("settlement")]

    class Meta:
        unique_together = [("promise", "settlement")]


class PromiseEvent(PromiseLink):
    promise = ParentalKey(PromisePage, on_delete=models.CASCADE, related_name="related_events")
    event = models.ForeignKey("chronicle.Event", verbose_name=_("event"),
                              on_delete=models.CASCADE, related_name="+")

    chosen_field = "event"
    panels = [FieldPanel("event")]

    class Meta:
        unique_together = [("promise", "event")]


def promise_links(people=(), bodies=(), settlements=(), events=()):
    """The child relations naming these records, to set on a promise (new or not) before it is
    saved or a revision of it published: `page.promisor_people = ...` and so on."""
    return {
        "promisor_people": [PromisePerson(person=person) for person in people or ()],
        "promisor_bodies": [PromiseBody(body=body) for body in bodies or ()],
        "beneficiary_settlements": [PromiseSettlement(settlement=settlement)
                                    for settlement in settlements or ()],
        "related_events": [PromiseEvent(event=event) for event in events or ()],
    }


class StatusChange(TranslatableMixin, ClusterableModel):
    """One entry of a promise's status history. Never edited once published.

    Translatable with its promise (wagtail-localize): a translation carries the rationale; the
    date, status and sources are the English entry's."""

    promise = ParentalKey(PromisePage, on_delete=models.CASCADE, related_name="status_changes")
    date = PartialDateField(_("date"), help_text=_("When the new status became known."))
    status = models.CharField(_("new status"), max_length=20, choices=Status.choices)
    rationale = models.TextField(_("rationale"), max_length=3000)
    # Required: PromisePageForm refuses a change without one, with a message that says so.
    sources = ParentalManyToManyField(
        "sources.Source", verbose_name=_("sources"), blank=True, related_name="status_changes"
    )
    is_correction = models.BooleanField(
        _("corrects an earlier entry"), default=False,
        help_text=_("Tick when this entry corrects a mistake in an earlier one; say which."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    # Set when a revision holding this entry is first published (promises.publishing): from
    # then on it is locked (append-only); until then the editor may fix or remove it.
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)

    override_translatable_fields = synchronised("date", "status", "is_correction")

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("status"), FieldPanel("is_correction")]),
        FieldPanel("rationale"),
        FieldPanel("sources"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["date", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} ({parse_or_none(self.date) or ''})"

    def save(self, *args, **kwargs):
        """Never forget that an entry was published: a revision serialised before its first
        publication carries no `published_at`, and publishing it again must not clear it."""
        if self.pk and self.published_at is None:
            self.published_at = (StatusChange.objects.filter(pk=self.pk)
                                 .values_list("published_at", flat=True).first())
        super().save(*args, **kwargs)

    @staticmethod
    def sort_key(change):
        """The order that decides the current status: by the first day the date could mean,
        then as recorded (the CSV export and the charts follow the same rule)."""
        when = parse_or_none(change.date)
        return (
            when.earliest() if when else datetime.date.min,
            change.recorded_at or timezone.now(),
            change.pk or 0,
        )

    @staticmethod
    def timeline_key(change):
        """The order a reader sees on a timeline: "2011" after the changes of August 2011, as
        core.partial_dates.sort_key puts every less precise date."""
        return (partial_date_sort_key(change.date), change.recorded_at or timezone.now(),
                change.pk or 0)

class SubjectLabel(TranslatableMixin, models.Model):
    """A subject's label, in English and in each language it is translated to.

    Subjects are django-taggit tags, whose one `name` is unique and cannot be translated. Each
    tag has an English label (kept equal to its name, promises.subject_labels) that editors
    translate in wagtail-localize's editor like any translatable snippet; the tag stays the one
    canonical subject that promises carry and filters and facets count."""

    subject = models.ForeignKey(Tag, verbose_name=_("subject"), on_delete=models.CASCADE,
                                related_name="labels")
    label = models.CharField(_("label"), max_length=100)

    override_translatable_fields = synchronised("subject")
    panels = [FieldPanel("subject"), FieldPanel("label")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("subject label")
        verbose_name_plural = _("subject labels")
        unique_together = [("translation_key", "locale"), ("subject", "locale")]

    def __str__(self):
        return self.label
