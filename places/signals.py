"""Keep a settlement's city in step with its place in the page tree."""

from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import SettlementPage


@receiver(post_page_move, dispatch_uid="settlement_follows_its_city")
def settlement_follows_its_city(sender, instance, parent_page_after, **kwargs):
    # Wagtail moves pages with a plain Page save, so SettlementPage.save() does not run.
    if issubclass(sender, SettlementPage):
        SettlementPage.objects.filter(pk=instance.pk).update(city_id=parent_page_after.pk)
