"""Where a fact comes from: the study (with section and page), a news item, a ruling..."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from core import page_cache
from core.params import clamp_page, parse_int
from core.partial_dates import PartialDateField, parse_or_none
from core.safe_urls import validate_safe_public_url
from core.translation import synchronised
from core.view_restrictions import CachedViewRestrictions
from core.visibility import default_locale

# How many of an excerpt's words a source's label shows.
EXCERPT_WORDS = 8
# Documents (with their passages) on one page of the public list of sources.
DOCUMENTS_PER_PAGE = 50
MAX_ECHOED_PAGE = 30  # characters of an unreadable ?page= shown back in the message


class SourceKind(models.TextChoices):
    STUDY = "study", _("Study")
    NEWS = "news", _("News item")
    COURT_RULING = "court_ruling", _("Court ruling")
    OFFICIAL_DOCUMENT = "official_document", _("Official document")
    INTERVIEW = "interview", _("Interview")
    OTHER = "other", _("Other")


class Source(TranslatableMixin, index.Indexed, models.Model):
    """A citable document, or a passage of one (section and page) with `part_of` set.

    Translatable (wagtail-localize): a translation carries the title, section, excerpt and notes;
    the rest is the English record's."""

    kind = models.CharField(_("kind"), max_length=32, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=300)
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="passages",
        help_text=_("For a passage: the document it is taken from."),
    )
    section = models.CharField(_("section"), max_length=300, blank=True)
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    excerpt = models.TextField(_("excerpt"), max_length=5000, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True,
                          validators=[validate_safe_public_url])
    published = PartialDateField(_("date published"), blank=True)
    retrieved = models.DateField(_("date retrieved"), null=True, blank=True)
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 of the archived web page, for web sources."),
    )
    notes = models.TextField(_("notes"), max_length=3000, blank=True)

    override_translatable_fields = synchronised(
        "kind", "part_of", "page", "publisher", "url", "published", "retrieved", "content_hash")

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("part_of"),
                FieldPanel("section"),
                FieldPanel("page"),
                FieldPanel("excerpt"),
            ],
            heading=_("Passage"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("url"),
                FieldPanel("published"),
                FieldPanel("retrieved"),
                FieldPanel("content_hash"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("notes"),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("section"),
        index.SearchField("excerpt"),
        index.SearchField("publisher"),
        index.FilterField("kind"),
        index.FilterField("locale"),  # the admin choosers offer English records only
        # The admin's chooser searches as one types (autocomplete): passages of one page share
        # a title, so their words must be found too.
        index.AutocompleteField("title"),
        index.AutocompleteField("section"),
        index.AutocompleteField("excerpt"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["part_of_id", "page", "title"]

    def __str__(self):
        """What the admin's choosers and lists show: the title alone would not tell apart the
        passages cited from one page ("Study: ... › Bishkek, p. 9" eight times), so the
        locator, the excerpt's opening words and the date follow it when the title lacks them."""
        label = self.title
        locator = self.locator()
        if locator and locator not in label:
            label = f"{label} › {locator}"
        if self.excerpt:
            label = f"{label}: “{Truncator(self.excerpt).words(EXCERPT_WORDS, truncate='…')}”"
        published = parse_or_none(self.published)
        if published:
            label = f"{label} ({published})"
        return label

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.pk])

    def clean(self):
        if self.part_of_id and self.part_of_id == self.pk:
            raise ValidationError({"part_of": _("A source cannot be part of itself.")})

    @property
    def document(self):
        """The whole document a passage belongs to (itself when it is one)."""
        return self.part_of or self

    def locator(self):
        """"Section, p. 7" for a passage; empty for a whole document."""
        parts = [self.section] if self.section else []
        if self.page:
            parts.append(_("p. %(page)s") % {"page": self.page})
        return ", ".join(str(part) for part in parts)


class SourceIndexPage(CachedViewRestrictions, Page):
    """The public list of sources: every document and the passages cited from it."""

    intro = RichTextField(_("introduction"), blank=True)

    # Translations (wagtail-localize) copy these from the English page.
    override_translatable_fields = synchronised("slug")
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("sources page")

    def get_context(self, request, *args, **kwargs):
        """One page of documents, each with its passages: the list costs the same with 50
        sources or 5,000. A page number that is not one (?page=abc, ?page=99999) shows the
        nearest page that exists, and says so."""
        context = super().get_context(request, *args, **kwargs)
        page_cache.depends_on_query(request, ("page",))
        documents = default_locale(Source.objects.filter(part_of=None)).prefetch_related(
            models.Prefetch("passages", queryset=default_locale(Source.objects.all()))
        ).order_by("title", "pk")
        paginator = Paginator(documents, DOCUMENTS_PER_PAGE)
        asked = request.GET.get("page")
        page_obj = paginator.get_page(clamp_page(parse_int(asked) or 1, paginator.num_pages))
        context.update(
            page_obj=page_obj,
            documents=page_obj.object_list,
            page_message=self.page_message(asked, page_obj),
            canonical_params=QueryDict(),  # for the pagination links
            canonical_query=f"page={page_obj.number}" if page_obj.number > 1 else "",
        )
        return context

    @staticmethod
    def page_message(asked, page_obj):
        """What to say when the page shown is not the page asked for; empty when it is."""
        if asked in (None, "") or asked == str(page_obj.number):
            return ""
        return _("There is no page “%(asked)s”; showing page %(shown)s of %(total)s.") % {
            "asked": asked[:MAX_ECHOED_PAGE], "shown": page_obj.number,
            "total": page_obj.paginator.num_pages}
