"""The audit record of court-ordered removals (core.removal). (The page cache's versions live in
the cache itself: core.cache_scopes.)"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class TaskWorker(models.Model):
    """A running task worker (`manage.py task_worker`), as its heartbeat last showed it.

    django-tasks-db leaves a task RUNNING forever when its worker dies mid-task; the workers use
    these rows to tell a dead worker from a busy one and hand its task to another (core.workers).
    """

    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}, pid {self.pid})"


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
