"""The scrapers' news items in the public search, once cited as a source (what the public may
see). Registered from ScrapersConfig.ready(): search knows no scrapers."""

from django.utils.translation import gettext_lazy as _

from search.records import RecordType, register

from .models import NewsItem


def register_news_items():
    register(RecordType(
        name="news", label=_("News item"), label_plural=_("News"), model=NewsItem,
        priority=70, queryset=lambda: NewsItem.objects.filter(source__isnull=False),
        text_fields=("text", "author"), date_field="published_at", language_field="language",
        url_name="news_item", url_field="url",
    ))
