"""The content version, under which anonymous pages are cached (core.page_cache), and the audit
record of court-ordered removals (core.removal)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class RemovalRecord(models.Model):
    """The audit trail of court-ordered removals (`manage.py remove_record`): what was removed,
    why, by whom and when. The removed record itself is gone; this row says it existed."""

    record_type = models.CharField(_("record type"), max_length=100)
    record_id = models.PositiveBigIntegerField(_("record id"))
    title = models.CharField(_("title"), max_length=500)
    reason = models.TextField(_("reason"))
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("removed by"), on_delete=models.PROTECT,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("removed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("removal record")
        verbose_name_plural = _("removal records")
        ordering = ["-removed_at", "-pk"]

    def __str__(self):
        return f"{self.record_type} {self.record_id}: {self.title}"


class TranslationNote(models.Model):
    """What readers are shown beside translated study text, one per translation locale (in its
    language: "Ubada's translation of the English study"). `load_seed` sets it from the
    translation files' `translation_note`; core.translation.translation_note() reads it."""

    locale = models.OneToOneField("wagtailcore.Locale", verbose_name=_("locale"),
                                  on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("note"), max_length=300)

    class Meta:
        verbose_name = _("translation note")

    def __str__(self):
        return self.text
