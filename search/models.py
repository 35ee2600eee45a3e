"""Records whose index update failed: kept until a retry succeeds, listed for staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexingFailure(models.Model):
    """A record the search index may show wrongly. The database is right; the index is behind.

    Retried by every later successful index write, by `manage.py retry_search_indexing` and
    repaired by `manage.py check_search_index --repair`. One row per record: a retry re-reads the
    record from the database and indexes it, or removes it from the index if it is not public.
    """

    record_type = models.CharField(_("record type"), max_length=30)
    record_pk = models.BigIntegerField(_("record id"))
    error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    first_failed_at = models.DateTimeField(_("first failed at"), auto_now_add=True)
    last_failed_at = models.DateTimeField(_("last failed at"), auto_now=True)

    class Meta:
        verbose_name = _("search indexing failure")
        verbose_name_plural = _("search indexing failures")
        ordering = ["first_failed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_pk"],
                                    name="unique_indexing_failure_per_record")
        ]

    def __str__(self):
        return f"{self.record_type} {self.record_pk}"
