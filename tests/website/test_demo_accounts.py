"""`make run` gives an evaluator an Editor and a Moderator to try the workflow with, never
production."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings


def run_command(capsys):
    call_command("ensure_demo_accounts")
    return capsys.readouterr().out


@override_settings(DEBUG=True)
def test_creates_an_editor_and_a_moderator_and_prints_their_passwords(db, capsys, monkeypatch):
    monkeypatch.delenv("UBADA_DEMO_PASSWORD", raising=False)
    printed = run_command(capsys)
    for username, group in (("editor", "Editors"), ("moderator", "Moderators")):
        password = printed.split(f"{username} / ", 1)[1].split()[0]
        user = authenticate(username=username, password=password)
        assert user is not None
        assert [g.name for g in user.groups.all()] == [group]
        assert not user.is_superuser
        assert user.has_perm("wagtailadmin.access_admin")


@override_settings(DEBUG=True)
def test_running_again_keeps_one_account_each_with_the_password_it_prints(
    db, capsys, monkeypatch, django_user_model
):
    monkeypatch.setenv("UBADA_DEMO_PASSWORD", "first-demo-password")
    run_command(capsys)
    monkeypatch.setenv("UBADA_DEMO_PASSWORD", "second-demo-password")
    printed = run_command(capsys)
    assert "editor / second-demo-password" in printed
    assert django_user_model.objects.filter(username="editor").count() == 1
    assert authenticate(username="editor", password="second-demo-password") is not None
    assert authenticate(username="editor", password="first-demo-password") is None


@override_settings(DEBUG=False)
def test_refused_without_debug(db, django_user_model):
    with pytest.raises(CommandError, match="development only"):
        call_command("ensure_demo_accounts")
    assert not django_user_model.objects.filter(username__in=["editor", "moderator"]).exists()


@override_settings(DEBUG=True, SETTINGS_MODULE="ubada.settings.production")
def test_refused_under_production_settings_even_with_debug(db, django_user_model):
    with pytest.raises(CommandError, match="development only"):
        call_command("ensure_demo_accounts")
    assert not django_user_model.objects.filter(username="editor").exists()
