"""The content version, under which anonymous pages are cached (core.page_cache)."""

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
