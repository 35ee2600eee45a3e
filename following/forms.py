from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    frequency = forms.ChoiceField(label=_("Send me"), choices=Frequency.choices,
                                  initial=Frequency.IMMEDIATE, widget=forms.RadioSelect)
