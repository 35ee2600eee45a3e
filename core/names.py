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


def split_names(primary, other_names=""):
    """[primary, alias, ...] from a name and a one-per-line `other_names` text, without repeats.

    One function for pages (NamedMixin) and for rows read with .values() (search).
    """
    names = [primary] if primary else []
    for line in (other_names or "").splitlines():
        line = line.strip()
        if line and line not in names:
            names.append(line)
    return names


class NamedMixin:
    """For models with `title` or `name` and an `other_names` text field."""

    def name_list(self):
        primary = getattr(self, "title", None) or getattr(self, "name", "")
        return split_names(primary, self.other_names)

    def other_name_list(self):
        return self.name_list()[1:]
