"""Editors translate in wagtail-localize and publish through the moderation workflow; an
English edit puts the translation out of date, and syncing brings its dates and status across."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from promises.models import PromisePage, StatusChange
from sources.models import Source

pytestmark = pytest.mark.django_db


def promise(language_code):
    return PromisePage.objects.get(slug="ak-jar-water", locale__language_code=language_code)


def login(client, django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def russian_translation():
    return Translation.objects.get(source__object_id=promise("en").translation_key,
                                   target_locale__language_code="ru")


def retitle(client, translation, title):
    """What the translation editor sends when a translator changes the title's string."""
    segment = translation.source.stringsegment_set.get(context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.generic("PUT", url, f"value={title}",
                              content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200, response.content


def test_a_translation_goes_through_moderation(translated, client, django_user_model):
    login(client, django_user_model, "editor", "Editors")
    translation = russian_translation()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[promise("ru").pk]))
    assert editor.status_code == 200 and "js-translation-editor" in editor.content.decode()
    retitle(client, translation, "Свет и вода для Ак-Жара")
    submit = reverse("submit_translation", args=[promise("ru").pk])
    listing = client.get(reverse("wagtailadmin_explore", args=[promise("ru").get_parent().pk]))
    assert submit in listing.content.decode()  # in the translated page's "More" menu
    assert "Submit for moderation" in client.get(submit).content.decode()
    client.post(submit)
    russian = promise("ru")
    assert russian.workflow_in_progress
    assert russian.title == "Электричество и вода для Ак-Жара"  # live: not yet approved
    assert russian.get_latest_revision_as_object().title == "Свет и вода для Ак-Жара"

    login(client, django_user_model, "moderator", "Moderators")
    approve = reverse("wagtailadmin_pages:workflow_action",
                      args=(russian.pk, "approve", russian.current_workflow_task_state.pk))
    client.post(approve, {"comment": ""})
    russian = promise("ru")
    assert russian.title == "Свет и вода для Ак-Жара" and russian.live
    assert not russian.workflow_in_progress


def test_an_editor_cannot_publish_a_translation_directly(translated, client, django_user_model):
    login(client, django_user_model, "editor", "Editors")
    retitle(client, russian_translation(), "Свет и вода для Ак-Жара")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[promise("ru").pk]),
                           {"action": "publish"})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert promise("ru").title == "Электричество и вода для Ак-Жара"


def test_an_english_edit_puts_the_translation_out_of_date_and_syncing_brings_the_status(
        translated, client, django_user_model):
    english = promise("en")
    english.text = "The mayor promised electricity, water and a road."
    english.status_changes.add(StatusChange(
        date="2012-01", status="kept", rationale="Electricity was supplied."))
    english.status_changes.last().sources.set([Source.objects.get(page=9, locale=english.locale)])
    english.save_revision().publish()
    translation = russian_translation()
    total, done = translation.get_progress()
    assert total == done  # the translation has not seen the English edit yet

    login(client, django_user_model, "moderator", "Moderators")
    source = TranslationSource.objects.get(object_id=english.translation_key,
                                           locale=english.locale)
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]),
                           {"publish_translations": "on"})
    assert response.status_code == 302
    total, done = translation.get_progress()
    assert done == total - 2  # the new text and the new rationale are missing
    russian = promise("ru")
    assert russian.status == "kept" and russian.deadline_due == english.deadline_due
    assert [(change.date, change.status) for change in russian.status_history()] == [
        ("2011-06", "in_progress"), ("2011-08", "broken"), ("2012-01", "kept")]
    rationales = [change.rationale for change in russian.status_history()]
    assert rationales == ["Поставили столбы.", "Электричество не подали.",
                          "Electricity was supplied."]  # English until translated
    assert russian.title == "Электричество и вода для Ак-Жара"


def test_the_source_chooser_offers_english_records_only(translated, client, django_user_model):
    login(client, django_user_model, "editor", "Editors")
    response = client.get(reverse("wagtailsnippetchoosers_sources_source:choose_results"),
                          {"q": "Bishkek"})
    assert "Study: Bishkek, p. 9" in response.content.decode()
    assert "Исследование" not in response.content.decode()
