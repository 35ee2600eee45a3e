"""Admin warnings that help rather than block: a promise saves, and the editor hears what the
site could not read from it."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from .deadlines import unparsed_deadline_phrase
from .models import PromisePage


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_an_unread_deadline(request, page):
    """The edit and create views pass the page with the values just saved."""
    phrase = isinstance(page, PromisePage) and unparsed_deadline_phrase(page)
    if phrase:
        messages.warning(request, _(
            "The deadline “%(phrase)s” was not understood, so this promise has no deadline "
            "and can never show as overdue. Enter the stated deadline, or word it as "
            "“by September 2013”, “by the end of 2013” or “within a year”."
        ) % {"phrase": phrase})
