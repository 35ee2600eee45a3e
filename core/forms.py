"""Form fields every admin model form uses in place of Django's own (registered with Wagtail's
`register_form_field_override` in core/wagtail_hooks.py), and the site's form renderer.

- Web addresses are taken as typed: one without http:// or https:// is refused with a message,
  never saved with a guessed "https://" (Django 5.2's URLField, as Wagtail configures it, adds
  one silently).
- A chosen record's number that no database key can hold ("99999999999999999999") is an unknown
  choice: SQLite cannot bind it, and a page's key is looked up through its `page_ptr`, which
  Django's integer range check does not cover, so the lookup would be a server error.
- Rich text that is not the editor's JSON (only a hand-made post sends that) is kept as the
  plain text it is (`RichTextArea`), where Wagtail's converter would fail with a server error.
- A refused choice is shown again as nothing chosen (`FormRenderer`): Wagtail's chooser widgets
  look the posted value up as a key to show its title, and a value that is not a number
  ("March 2013" posted as a source) would be a server error there.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea

WEB_SCHEMES = ("http://", "https://")
LARGEST_KEY = 2**63 - 1  # a 64-bit signed integer, the widest key any backend stores


class WebAddressField(forms.URLField):
    default_error_messages = {
        "no_scheme": _("Type the whole address, starting with http:// or https:// "
                       "(for example https://%(example)s)."),
    }

    def __init__(self, **kwargs):
        # Never reached for a value without a scheme (to_python refuses it first); set so that
        # Django 5.2 does not warn about its coming default.
        kwargs["assume_scheme"] = "https"
        super().__init__(**kwargs)

    def to_python(self, value):
        typed = forms.CharField.to_python(self, value)
        if typed and not typed.lower().startswith(WEB_SCHEMES):
            raise ValidationError(self.error_messages["no_scheme"], code="no_scheme",
                                  params={"example": typed[:80]})
        return super().to_python(typed)


def _beyond_any_key(value):
    """True for an integer, as typed or posted, that no database key can hold."""
    try:
        return abs(int(str(value).strip())) > LARGEST_KEY
    except ValueError:
        return False


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if _beyond_any_key(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for key in value if isinstance(value, list | tuple | set | frozenset) else ():
            if _beyond_any_key(key):
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": key})
        return super()._check_values(value)


class BoundField(forms.BoundField):
    def value(self):
        """Nothing chosen, for a single choice of a record that the form refused."""
        refused_choice = (isinstance(self.field, forms.ModelChoiceField)
                          and not isinstance(self.field, forms.ModelMultipleChoiceField)
                          and self.form.is_bound and self.errors)
        return None if refused_choice else super().value()


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with the bound field above for every form (FORM_RENDERER)."""

    bound_field_class = BoundField


class RichTextArea(DraftailRichTextArea):
    """Wagtail's editor (WAGTAILADMIN_RICH_TEXT_EDITORS), reading a value it cannot convert as
    plain text."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError):
            return format_html("<p>{}</p>", data.get(name))
