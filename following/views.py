"""Subscribing (double opt-in), confirming, unsubscribing (RFC 8058 one-click), and the
embeddable widgets."""

from csp.decorators import csp_replace
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from actors.models import PersonPage
from core.limits import UNSAFE, limit_rate
from core.localized import Translations
from core.visibility import published
from places.models import SettlementPage
from promises.scorecard import scorecard

from .forms import SubscribeForm
from .models import Subscription
from .scopes import followable_page
from .tasks import send_confirmation_email
from .tokens import read_confirmation, read_unsubscribe


# No CSRF token: the form sits on cached record pages, which a token (and its cookie) would
# make uncacheable. A forged submission can do no more than a direct one: ask for a
# confirmation email, which subscribes nobody; the rate limit bounds how many.
@csrf_exempt
@require_POST
@limit_rate("subscribe", method=UNSAFE)
def subscribe(request, page_id):
    page = followable_page(page_id)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "following/subscribe.html", {"page": page, "form": form},
                      status=400)
    subscription, _created = Subscription.objects.get_or_create(
        email=form.cleaned_data["email"], page=page,
        defaults={"language": get_language(), "frequency": form.cleaned_data["frequency"]},
    )
    send_confirmation_email.enqueue(subscription.pk, form.cleaned_data["frequency"],
                                    get_language())
    # The same answer whether the address was new, waiting or confirmed: the page tells nobody
    # who follows what.
    return render(request, "following/subscribe_sent.html", {"page": page})


@never_cache
def confirm(request, token):
    """The link in the confirmation email: confirms, applying the choices it carries."""
    choices = read_confirmation(token)
    subscription = choices and Subscription.objects.filter(pk=choices["id"]).first()
    if not subscription:
        return render(request, "following/link_invalid.html", status=404)
    subscription.frequency, subscription.language = choices["frequency"], choices["language"]
    subscription.confirmed_at = subscription.confirmed_at or timezone.now()
    subscription.save()
    return render(request, "following/confirmed.html",
                  {"subscription": subscription, "page": subscription.page.specific})


# RFC 8058: the mail provider POSTs to the List-Unsubscribe URL, with no cookie and no token.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows a button (mail scanners follow links); POST deletes the subscription."""
    subscription_id = read_unsubscribe(token)
    if subscription_id is None:
        return render(request, "following/link_invalid.html", status=404)
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if request.method != "POST":
        return render(request, "following/unsubscribe.html", {"subscription": subscription})
    if subscription:
        subscription.delete()  # the address goes with it: nothing is kept
    return render(request, "following/unsubscribed.html")


def _embeddable(view):
    """Any site may frame this view (CSP frame-ancestors *, no X-Frame-Options); every other
    page keeps the site's policy ('self' only, and X-Frame-Options)."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


@_embeddable
def embed_settlement(request, page_id):
    """The promises made to a settlement, for other sites to show in an iframe."""
    settlement = get_object_or_404(published(SettlementPage.objects.all()), pk=page_id)
    promises = list(settlement.promises.for_listing().order_by("made", "pk"))
    return _render_embed(request, {
        "record": settlement, "promises": promises, "scorecard": scorecard(promises)})


@_embeddable
def embed_person(request, page_id):
    """A person's scorecard and promises, for other sites to show in an iframe."""
    person = get_object_or_404(published(PersonPage.objects.all()), pk=page_id)
    promises = list(person.promises.for_listing().order_by("-made", "-pk"))
    return _render_embed(request, {
        "record": person, "promises": promises, "scorecard": scorecard(promises)})


def _render_embed(request, context):
    """An embed in the language of its address (/ru/embed/...), its records translated."""
    Translations.for_request(request).show_context(context)
    return render(request, "following/embed.html", context)
