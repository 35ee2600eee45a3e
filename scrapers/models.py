"""News outlets, the stories scraped from them, what happened to every URL met, and the
suggestions that link a story to a promise for an editor to accept or reject."""

import gzip
import hashlib
import zoneinfo

import soupsieve
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.safe_urls import is_safe_public_url, validate_safe_public_url
from scrapers.adapters import AdapterError, load_adapter

LANGUAGE_CODES = ("ru", "ky", "kk", "en")


class Language(models.TextChoices):
    RUSSIAN = "ru", _("Russian")
    KYRGYZ = "ky", _("Kyrgyz")
    KAZAKH = "kk", _("Kazakh")
    ENGLISH = "en", _("English")
    OTHER = "", _("Other or unknown")


def split_lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def validate_url_lines(value):
    bad = [line for line in split_lines(value) if not is_safe_public_url(line)]
    if bad:
        raise ValidationError(
            _("Not a whole address starting with http:// or https://: %(lines)s"),
            params={"lines": ", ".join(bad)},
        )


def validate_languages(value):
    codes = [code.strip() for code in (value or "").split(",") if code.strip()]
    bad = [code for code in codes if code not in LANGUAGE_CODES]
    if bad or not codes:
        raise ValidationError(
            _("Give one or more of %(known)s, separated by commas."),
            params={"known": ", ".join(LANGUAGE_CODES)},
        )


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(_("Unknown time zone %(zone)s."), params={"zone": value}) from error


def validate_selector(value):
    if not value:
        return
    try:
        soupsieve.compile(value)
    except Exception as error:  # soupsieve raises its own error types
        raise ValidationError(
            _("Not a valid CSS selector: %(error)s"), params={"error": error}
        ) from error


def validate_adapter(value):
    if not value:
        return
    try:
        load_adapter(value)
    except AdapterError as error:
        raise ValidationError(str(error)) from error


class Outlet(models.Model):
    """A news outlet the scrapers read. Disabled until an operator enables it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True,
        help_text=_("Short name for the command line: manage.py scrape --outlet SLUG"),
    )
    home_page = models.URLField(_("home page"), max_length=500,
                                validators=[validate_safe_public_url])
    languages = models.CharField(
        _("languages"), max_length=50, default="ru", validators=[validate_languages],
        help_text=_("Languages it publishes in, separated by commas: ru, ky, kk, en."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Bishkek", validators=[validate_time_zone],
        help_text=_("For dates the outlet prints without a zone, e.g. Asia/Bishkek, Asia/Almaty."),
    )
    feed_urls = models.TextField(
        _("feed addresses"), blank=True, validators=[validate_url_lines],
        help_text=_("RSS or Atom feeds, one address per line."),
    )
    listing_urls = models.TextField(
        _("listing page addresses"), blank=True, validators=[validate_url_lines],
        help_text=_("For outlets without a usable feed: pages that list recent stories, "
                    "one address per line. Needs the link selector below."),
    )
    listing_link_selector = models.CharField(
        _("story link selector"), max_length=300, blank=True, validators=[validate_selector],
        help_text=_('CSS selector of the story links on a listing page, e.g. "h2.title a".'),
    )
    title_selector = models.CharField(
        _("title selector"), max_length=300, blank=True, validators=[validate_selector]
    )
    date_selector = models.CharField(
        _("date selector"), max_length=300, blank=True, validators=[validate_selector]
    )
    author_selector = models.CharField(
        _("author selector"), max_length=300, blank=True, validators=[validate_selector]
    )
    body_selector = models.CharField(
        _("body selector"), max_length=300, blank=True, validators=[validate_selector],
        help_text=_("CSS selector of the element holding the story's text."),
    )
    remove_selectors = models.CharField(
        _("remove before extracting"), max_length=500, blank=True,
        validators=[validate_selector],
        help_text=_('CSS selectors of boxes to drop from the text, e.g. ".read-also, .tags".'),
    )
    adapter = models.CharField(
        _("adapter"), max_length=100, blank=True, validators=[validate_adapter],
        help_text=_("Optional: name of a module in scrapers/adapters/ for outlets with "
                    "special needs, e.g. rferl."),
    )
    enabled = models.BooleanField(
        _("enabled"), default=False,
        help_text=_("Only enabled outlets are scraped by scheduled runs."),
    )
    notes = models.TextField(_("notes for operators"), blank=True)

    # Health, kept by the pipeline.
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(
        _("last success"), null=True, blank=True, editable=False
    )
    last_error_at = models.DateTimeField(_("last error"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error message"), blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(
        _("consecutive failures"), default=0, editable=False
    )
    #: {feed URL: {"etag": ..., "last_modified": ...}} for conditional GET
    feed_state = models.JSONField(_("feed validators"), default=dict, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("home_page"),
        FieldRowPanel([FieldPanel("languages"), FieldPanel("time_zone")]),
        FieldPanel("enabled"),
        FieldPanel("feed_urls"),
        MultiFieldPanel(
            [FieldPanel("listing_urls"), FieldPanel("listing_link_selector")],
            heading=_("Listing pages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("title_selector"),
                FieldPanel("date_selector"),
                FieldPanel("author_selector"),
                FieldPanel("body_selector"),
                FieldPanel("remove_selectors"),
            ],
            heading=_("Story page selectors (optional)"),
        ),
        FieldPanel("adapter"),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("news outlet")
        verbose_name_plural = _("news outlets")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not split_lines(self.feed_urls) and not split_lines(self.listing_urls) and not (
            self.adapter
        ):
            raise ValidationError(_("Give at least one feed or listing page address."))
        if split_lines(self.listing_urls) and not self.listing_link_selector and not self.adapter:
            raise ValidationError(
                {"listing_link_selector": _("Listing pages need a story link selector.")}
            )

    # helpers -------------------------------------------------------------------------------
    def feed_list(self):
        return split_lines(self.feed_urls)

    def listing_list(self):
        return split_lines(self.listing_urls)

    def language_list(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    def selectors(self):
        """The selectors in the form extract_article() takes."""
        selectors = {
            "title": self.title_selector,
            "published": self.date_selector,
            "author": self.author_selector,
            "body": self.body_selector,
        }
        selectors = {key: value for key, value in selectors.items() if value}
        if self.remove_selectors:
            selectors["remove"] = [s.strip() for s in self.remove_selectors.split(",")
                                   if s.strip()]
        return selectors

    def health(self):
        if not self.last_run_at:
            return _("never run")
        if self.consecutive_failures:
            return _("failing (%(count)s in a row)") % {"count": self.consecutive_failures}
        return _("ok")

    health.short_description = _("health")


class NewsItem(models.Model):
    """One story, identified by its canonical URL. Its text is that of the latest version."""

    outlet = models.ForeignKey(
        Outlet, verbose_name=_("outlet"), on_delete=models.PROTECT, related_name="news_items"
    )
    canonical_url = models.CharField(_("canonical URL"), max_length=1000, unique=True)
    url = models.URLField(_("address"), max_length=1000, validators=[validate_safe_public_url])
    title = models.CharField(_("title"), max_length=500)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, blank=True
    )
    text = models.TextField(_("text"))
    first_seen_at = models.DateTimeField(_("first seen"), db_index=True)
    last_fetched_at = models.DateTimeField(_("last fetched"))
    version_count = models.PositiveIntegerField(_("versions"), default=1)
    source = models.ForeignKey(
        "sources.Source",
        verbose_name=_("source record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text=_("The citable source made when an editor accepted a suggestion."),
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, editable=False,
        help_text=_("A story written for trying Ubada out (manage.py load_sample_news), not a "
                    "real report."),
    )

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news_item", args=[self.pk])

    def latest_version(self):
        return self.versions.order_by("-number").first()


def compress(raw):
    return gzip.compress(raw, compresslevel=6, mtime=0)


def sha256(raw):
    return hashlib.sha256(raw).hexdigest()


class NewsItemVersion(models.Model):
    """The archived page as fetched: gzip-compressed bytes, their hash and the text found."""

    item = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    raw = models.BinaryField(_("archived page (gzip)"))
    raw_sha256 = models.CharField(_("SHA-256 of the page"), max_length=64, db_index=True)
    raw_size = models.PositiveIntegerField(_("page size in bytes"))
    encoding = models.CharField(_("character encoding"), max_length=40, blank=True)
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"))
    html = models.TextField(_("sanitised HTML"), blank=True)
    fetched_at = models.DateTimeField(_("fetched"))
    final_url = models.URLField(_("final address"), max_length=1000,
                                validators=[validate_safe_public_url])
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True)

    class Meta:
        verbose_name = _("news item version")
        verbose_name_plural = _("news item versions")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_news_version_number")
        ]

    def __str__(self):
        return f"{self.item_id} v{self.number}"

    def raw_bytes(self):
        return gzip.decompress(bytes(self.raw))


class UrlState(models.TextChoices):
    STORED = "stored", _("Stored")
    DUPLICATE = "duplicate", _("Duplicate")
    REJECTED = "rejected", _("Rejected")
    RETRY = "retry", _("Retry scheduled")


class DuplicateKind(models.TextChoices):
    SAME_URL = "same_url", _("Same canonical address")
    NEAR_DUPLICATE = "near_duplicate", _("Near-duplicate text")


class UrlRecord(models.Model):
    """What became of one URL the scrapers met: exactly one state, updated on reruns."""

    canonical_url = models.CharField(_("canonical URL"), max_length=1000, unique=True)
    url = models.CharField(_("address as met"), max_length=2000)
    outlet = models.ForeignKey(
        Outlet, verbose_name=_("outlet"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="url_records",
    )
    state = models.CharField(_("state"), max_length=12, choices=UrlState.choices,
                             db_index=True)
    reason = models.CharField(
        _("reason"), max_length=40, blank=True, db_index=True,
        help_text=_("For rejections and retries: the fetch outcome or pipeline check."),
    )
    detail = models.TextField(_("detail"), blank=True)
    news_item = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="url_records",
        help_text=_("Stored: the item made from it. Duplicate: the item it duplicates."),
    )
    duplicate_kind = models.CharField(
        _("duplicate by"), max_length=20, choices=DuplicateKind.choices, blank=True
    )
    similarity = models.FloatField(_("similarity"), null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("fetch attempts"), default=0)
    retry_after = models.DateTimeField(_("retry after"), null=True, blank=True, db_index=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"))
    last_seen_at = models.DateTimeField(_("last seen"))
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("URL record")
        verbose_name_plural = _("URL records")
        ordering = ["-last_seen_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="retry") | models.Q(retry_after__isnull=False),
                name="url_retry_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["stored", "duplicate"])
                | models.Q(news_item__isnull=False),
                name="url_stored_or_duplicate_has_item",
            ),
        ]

    def __str__(self):
        return f"{self.canonical_url} ({self.get_state_display()})"


class SuggestionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Suggestion(models.Model):
    """A news item that may report on a promise, waiting for an editor's decision.

    One per (news item, promise): a rejected suggestion stays, so it is never made again.
    """

    news_item = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE,
        related_name="suggestions",
    )
    promise = models.ForeignKey(
        "promises.PromisePage", verbose_name=_("promise"), on_delete=models.CASCADE,
        related_name="news_suggestions",
    )
    score = models.FloatField(_("score"))
    reasons = models.TextField(_("reasons"))
    details = models.JSONField(_("matches"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SuggestionState.choices,
        default=SuggestionState.PENDING, db_index=True,
    )
    created_at = models.DateTimeField(_("suggested at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    source = models.ForeignKey(
        "sources.Source", verbose_name=_("source"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="news_suggestions",
        help_text=_("The source made (or reused) when the suggestion was accepted."),
    )

    class Meta:
        verbose_name = _("news suggestion")
        verbose_name_plural = _("news suggestions")
        ordering = ["-score", "-pk"]
        permissions = [("review_suggestion", "Can accept or reject news suggestions")]
        constraints = [
            models.UniqueConstraint(
                fields=["news_item", "promise"], name="unique_suggestion_per_item_and_promise"
            )
        ]

    def __str__(self):
        return f"{self.news_item} → {self.promise}"


class ScrapeRun(models.Model):
    """One run of the scrapers (command or task), with its summary."""

    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    trigger = models.CharField(_("started by"), max_length=20)
    options = models.JSONField(_("options"), default=dict, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    ok = models.BooleanField(_("succeeded"), null=True)

    class Meta:
        verbose_name = _("scrape run")
        verbose_name_plural = _("scrape runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.trigger} {self.started_at:%Y-%m-%d %H:%M}"
