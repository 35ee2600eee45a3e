"""Helpers for records known under several names (Ak-Jar, Ак-Жар, Akzhar)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def other_names_field():
    return models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Every other name people use, one per line: Cyrillic and Latin spellings, "
            "variant spellings, former names."
        ),
    )


class NamedMixin:
    """For models with `title` or `name` and an `other_names` text field."""

    def name_list(self):
        primary = getattr(self, "title", None) or getattr(self, "name", "")
        others = [line.strip() for line in (self.other_names or "").splitlines() if line.strip()]
        return [primary] + [name for name in others if name != primary]

    def other_name_list(self):
        return self.name_list()[1:]
