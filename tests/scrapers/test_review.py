"""The editors' review queue in the Wagtail admin, and the public archive page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scrapers.models import NewsItem, NewsItemVersion, Outlet, Suggestion, compress, sha256
from scrapers.pipeline import Pipeline, make_fetcher
from scrapers.pipeline.link import suggest
from sources.models import Source

from .news_site import STORIES, article_html, rss
from .world import *  # noqa: F403 - fixtures: site, world, outlet
from .world import publish

pytestmark = pytest.mark.django_db

RAW = article_html(
    "Ак-Жар ждёт воду", [
        "Жители новостройки Ак-Жар снова попросили мэрию Бишкека провести водопровод.",
        "Свет в домах появился в прошлом году, а воду по-прежнему возят в цистернах.",
    ], published="2024-04-01T10:00:00+06:00",
).replace("</article>", '<p onclick="steal()">Подпись <script>alert("xss")</script></p>'
                        "</article>")


@pytest.fixture
def pending(world, db):
    """One news item with a pending suggestion for the Ak-Jar promise (made by the linker)."""
    outlet = Outlet.objects.create(name="Окраина-Ньюс", slug="okraina",
                                   home_page="https://okraina.example/", feed_urls="")
    body = RAW.encode()
    from scrapers.fetching.articles import extract_article

    article = extract_article(RAW, "https://okraina.example/news/ak-jar-water")
    item = NewsItem.objects.create(
        outlet=outlet, canonical_url="https://okraina.example/news/ak-jar-water",
        url="https://okraina.example/news/ak-jar-water", title=article.title,
        published_at=article.published, language="ru", text=article.text,
        first_seen_at=timezone.now(), last_fetched_at=timezone.now(),
    )
    NewsItemVersion.objects.create(
        item=item, number=1, raw=compress(body), raw_sha256=sha256(body), raw_size=len(body),
        title=article.title, text=article.text, html=article.html,
        fetched_at=timezone.now(), final_url=item.url, http_status=200,
    )
    made = suggest(Pipeline(fetcher=make_fetcher()).context, item)
    assert made == 2
    return Suggestion.objects.get(news_item=item, promise=world["promises"]["ak-jar"])


def login(client, django_user_model, *, groups=(), superuser=False, name="editor"):
    if superuser:
        user = django_user_model.objects.create_superuser(name, f"{name}@example.org", "pw")
    else:
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


QUEUE = "/admin/news-suggestions/"


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_see_the_queue_with_marked_passages(
    client, django_user_model, pending, group
):
    login(client, django_user_model, groups=[group])
    response = client.get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ак-Жар ждёт воду" in html and pending.promise.title in html
    assert "<mark>Ак-Жар</mark>" in html
    assert "<mark>водопровод</mark>" in html
    assert reverse("scrapers_suggestion_accept", args=[pending.pk]) in html
    assert reverse("news_item", args=[pending.news_item_id]) in html
    # the admin menu offers the queue
    home = client.get("/admin/").content.decode()
    assert "News suggestions" in home


def test_the_queue_is_closed_to_users_without_the_review_permission(client, django_user_model,
                                                                    pending):
    user = login(client, django_user_model)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    # Wagtail answers PermissionDenied in the admin with a redirect to the dashboard
    response = client.get(QUEUE)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(reverse("scrapers_suggestion_accept", args=[pending.pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "News suggestions" not in client.get("/admin/").content.decode()
    pending.refresh_from_db()
    assert pending.state == "pending"
    assert not Source.objects.filter(url=pending.news_item.url).exists()

    anonymous = Client()
    assert anonymous.post(reverse("scrapers_suggestion_accept", args=[pending.pk])
                          ).status_code == 302  # to the login page
    pending.refresh_from_db()
    assert pending.state == "pending"


def test_accept_creates_the_news_source_and_links_it(client, django_user_model, pending):
    user = login(client, django_user_model, groups=["Editors"])
    item = pending.news_item

    response = client.post(reverse("scrapers_suggestion_accept", args=[pending.pk]),
                           {"next": QUEUE})

    assert response.status_code == 302 and response["Location"] == QUEUE
    pending.refresh_from_db()
    item.refresh_from_db()
    source = item.source
    assert pending.state == "accepted" and pending.source == source
    assert pending.reviewed_by == user and pending.reviewed_at is not None
    assert source.kind == "news" and source.title == "Ак-Жар ждёт воду"
    assert source.publisher == "Окраина-Ньюс" and source.url == item.url
    assert source.published == "2024-04-01" and source.retrieved == timezone.localdate()
    assert source.content_hash == item.versions.get().raw_sha256 == sha256(RAW.encode())
    assert f"/news/{item.pk}/" in source.notes

    # a second accepted suggestion for the same story reuses the Source
    other = Suggestion.objects.exclude(pk=pending.pk).get(news_item=item)
    client.post(reverse("scrapers_suggestion_accept", args=[other.pk]))
    other.refresh_from_db()
    assert other.state == "accepted" and other.source == source
    assert Source.objects.filter(url=item.url).count() == 1

    # reviewing twice is refused politely
    response = client.post(reverse("scrapers_suggestion_reject", args=[pending.pk]),
                           follow=True)
    pending.refresh_from_db()
    assert pending.state == "accepted"
    assert "already accepted" in response.content.decode()


def test_reject_is_remembered_and_never_suggested_again(client, django_user_model, pending):
    login(client, django_user_model, groups=["Moderators"])
    client.post(reverse("scrapers_suggestion_reject", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.state == "rejected"
    assert not Source.objects.filter(url=pending.news_item.url).exists()

    made = suggest(Pipeline(fetcher=make_fetcher()).context, pending.news_item)  # the story again

    assert made == 0
    assert Suggestion.objects.filter(news_item=pending.news_item,
                                     promise=pending.promise).count() == 1
    pending.refresh_from_db()
    assert pending.state == "rejected"
    queue = client.get(QUEUE).content.decode()
    assert reverse("scrapers_suggestion_reject", args=[pending.pk]) not in queue
    rejected = client.get(QUEUE + "?state=rejected").content.decode()
    assert pending.promise.title in rejected


def test_review_buttons_need_post_and_a_csrf_token(django_user_model, pending):
    client = Client(enforce_csrf_checks=True)
    login(client, django_user_model, groups=["Editors"])
    url = reverse("scrapers_suggestion_accept", args=[pending.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no CSRF token
    pending.refresh_from_db()
    assert pending.state == "pending"
    page = client.get(QUEUE).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def test_public_page_shows_the_archived_text_sanitised(client, django_user_model, pending):
    url = reverse("news_item", args=[pending.news_item_id])
    assert client.get(url).status_code == 404  # not cited yet: not public

    editor = Client()
    login(editor, django_user_model, groups=["Editors"])
    preview = editor.get(url)
    assert preview.status_code == 200
    assert "Only editors see this copy" in preview.content.decode()
    editor.post(reverse("scrapers_suggestion_accept", args=[pending.pk]))

    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "Жители новостройки Ак-Жар снова попросили мэрию Бишкека" in html
    assert "Подпись" in html
    for unsafe in ('alert("xss")', "alert(&quot;xss&quot;)", "steal()", "onclick",
                   "ТРЕКЕР", "ВНЕДРЁННЫЙ"):
        assert unsafe not in html
    # the site's own progressive-enhancement script is the only one on the page
    assert html.count("<script") == 1 and "js/autocomplete.js" in html
    assert sha256(RAW.encode()) in html
    assert "Окраина-Ньюс" in html


def test_public_page_is_served_under_each_language_prefix(client, django_user_model, pending):
    editor = Client()
    login(editor, django_user_model, groups=["Editors"])
    editor.post(reverse("scrapers_suggestion_accept", args=[pending.pk]))
    for prefix in ("", "/ru", "/ky", "/kk"):
        response = client.get(f"{prefix}/news/{pending.news_item_id}/")
        assert response.status_code == 200, prefix
        assert 'lang="ru"' in response.content.decode()  # the story's own language


def test_the_pipeline_feeds_the_queue_end_to_end(client, django_user_model, site, world,
                                                 outlet):
    url = publish(site, "ak-jar-light", "/news/ak-jar-light")
    site.page("/rss.xml", rss([{"link": url, "title": "Ак-Жар",
                                "published": dt.datetime(2023, 6, 14, tzinfo=dt.UTC)}]),
              content_type="application/rss+xml")
    Pipeline(fetcher=make_fetcher()).run([outlet])
    login(client, django_user_model, superuser=True, name="admin")
    page = client.get(QUEUE).content.decode()
    assert STORIES["ak-jar-light"]["title"] in page
    suggestion = Suggestion.objects.first()
    client.post(reverse("scrapers_suggestion_accept", args=[suggestion.pk]))
    item = NewsItem.objects.get()
    public = Client().get(reverse("news_item", args=[item.pk])).content.decode()
    assert "сорок домов на трёх улицах" in public
    assert "ТРЕКЕР" not in public and "ВНЕДРЁННЫЙ" not in public
    assert public.count("<script") == 1  # only the site's own autocomplete.js


def test_accept_drafts_a_status_change_from_the_story_for_moderation(client, django_user_model,
                                                                     pending):
    editor = login(client, django_user_model, groups=["Editors"])
    promise = pending.promise
    revisions_before = promise.revisions.count()

    response = client.post(reverse("scrapers_suggestion_accept", args=[pending.pk]),
                           {"next": QUEUE, "draft": "1"}, follow=True)

    edit_url = reverse("wagtailadmin_pages:edit", args=[promise.pk])
    assert response.redirect_chain[-1][0] == edit_url
    pending.refresh_from_db()
    assert pending.state == "accepted"
    promise.refresh_from_db()
    # a draft revision, not published: the live promise has no new entry yet
    assert promise.revisions.count() == revisions_before + 1
    assert promise.has_unpublished_changes and not promise.status_changes.exists()
    draft = promise.get_latest_revision_as_object()
    change = draft.status_history()[-1]
    assert change.date == "2024-04-01"  # the story's date
    assert change.status == promise.status  # proposed: the current one, for the editor to set
    assert list(change.sources.all()) == [pending.source]
    assert "Жители новостройки Ак-Жар снова попросили мэрию Бишкека" in change.rationale
    assert change.editor == editor
    # the edit page opens on it, editable, with the message saying what to do
    html = response.content.decode()
    assert "drafted at the end of the status history" in html
    assert "Жители новостройки Ак-Жар снова попросили" in html
    assert pending.source.title in html

    # until a moderator publishes it, readers do not see it
    public = Client().get(promise.url).content.decode()
    assert "Жители новостройки Ак-Жар снова попросили" not in public


def test_the_queue_offers_both_ways_to_accept(client, django_user_model, pending):
    login(client, django_user_model, groups=["Editors"])
    html = client.get(QUEUE).content.decode()
    assert "Accept and draft a status change" in html and 'name="draft"' in html
    assert "Accept as a source only" in html
