"""Who follows what by email, which status changes have been announced, and what was sent.

A subscription holds only what sending needs: the address, its language and the reader's
choices (the followed page, immediate or daily). Unsubscribing deletes the row, and with it
its deliveries; an unconfirmed subscription is deleted after settings.FOLLOWING_CONFIRM_DAYS.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as a status changes")
    DAILY = "daily", _("A daily digest")


class Subscription(models.Model):
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=10)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("followed page"), on_delete=models.CASCADE,
        related_name="+")
    created_at = models.DateTimeField(_("asked for at"), default=timezone.now)
    # Null until the reader follows the link in the confirmation email: nothing is sent before.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("email subscription")
        verbose_name_plural = _("email subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["email", "page"], name="one_subscription_per_page"),
        ]

    def __str__(self):
        return f"{self.email} → {self.page_id} ({self.frequency})"


class ChangeNotice(models.Model):
    """A status change the site has announced: written the first time the change is seen
    published, so a later publish of the same promise finds it and announces nothing again."""

    status_change = models.OneToOneField(
        "promises.StatusChange", on_delete=models.CASCADE, related_name="notice")
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("announced status change")
        verbose_name_plural = _("announced status changes")

    def __str__(self):
        return f"{self.status_change_id} @ {self.published_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """One status change sent to one subscription. Written in the transaction that sends it:
    the unique constraint is what keeps a change from being sent twice, even by two workers."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries")
    status_change = models.ForeignKey(
        "promises.StatusChange", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "status_change"],
                                    name="one_delivery_per_change"),
        ]

    def __str__(self):
        return f"{self.status_change_id} → {self.subscription_id}"
