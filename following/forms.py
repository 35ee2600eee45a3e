from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    frequency = forms.ChoiceField(label=_("Send me"), choices=Frequency.choices,
                                  initial=Frequency.IMMEDIATE, widget=forms.RadioSelect)

    def clean_email(self):
        """One subscription per address and page, however the domain's case was typed."""
        return BaseUserManager.normalize_email(self.cleaned_data["email"])
