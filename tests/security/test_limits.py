"""Per-client limits (issue 10, item 5): searches and autocompletes beyond the configured rate
get a 429 that says when to come back; repeated wrong admin passwords lock the login, even for
the right password afterwards."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings

# Hourly windows: a slow machine's requests cross a window's end (and start over) 60 times less
# often than with per-minute ones.
RATES = {"search": "3/h", "autocomplete": "4/h"}


@pytest.fixture
def limits():
    cache.clear()
    with override_settings(RATELIMIT_ENABLE=True, RATE_LIMITS=RATES):
        yield
    cache.clear()


@pytest.mark.usefixtures("limits")
def test_too_many_searches_get_a_429_with_retry_after(client, home):
    for number in range(3):
        assert client.get("/search/", {"q": f"water {number}"}).status_code == 200

    response = client.get("/search/", {"q": "water again"})

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "Too many requests" in response.content.decode()
    assert "Please try again in" in response.content.decode()


@pytest.mark.usefixtures("limits")
def test_too_many_autocompletes_get_a_429(client, home):
    for _ in range(4):
        assert client.get("/search/autocomplete/", {"q": "ak"}).status_code == 200

    response = client.get("/search/autocomplete/", {"q": "ak"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1


@pytest.mark.usefixtures("limits")
def test_another_client_is_not_limited(client, home):
    for _ in range(4):
        client.get("/search/", {"q": "water"})

    assert client.get("/search/", {"q": "water"}, REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.usefixtures("limits")
@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_clients_are_told_apart_by_the_trusted_header(client, home):
    for _ in range(3):
        client.get("/search/", {"q": "water"}, HTTP_X_FORWARDED_FOR="198.51.100.1")

    limited = client.get("/search/", {"q": "water"}, HTTP_X_FORWARDED_FOR="198.51.100.1")
    # a forged first entry does not make the proxy's own (last) entry a new client
    forged = client.get("/search/", {"q": "water"},
                        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1")
    other = client.get("/search/", {"q": "water"}, HTTP_X_FORWARDED_FOR="198.51.100.2")
    garbage = client.get("/search/", {"q": "water"}, HTTP_X_FORWARDED_FOR="not-an-address")

    assert (limited.status_code, forged.status_code, other.status_code) == (429, 429, 200)
    assert garbage.status_code == 200  # counted under REMOTE_ADDR, not an error


@pytest.fixture
def lockout(db):
    cache.clear()
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3):
        yield get_user_model().objects.create_superuser("boss", "boss@example.org", "right-pw")
    cache.clear()


@pytest.mark.usefixtures("lockout")
@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_wrong_passwords_lock_the_admin_login_even_for_the_right_one(client, home, login_url):
    for _ in range(3):
        client.post(login_url, {"username": "boss", "password": "wrong"})

    response = client.post(login_url, {"username": "boss", "password": "right-pw"})

    assert response.status_code == 429
    assert "Login locked" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the login page


@pytest.mark.usefixtures("lockout")
def test_the_right_password_works_before_the_limit(client, home):
    for _ in range(2):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"})

    client.post("/admin/login/", {"username": "boss", "password": "right-pw"})

    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("limits")
@override_settings(RATE_LIMITS={**RATES, "password_reset": "2/h"})
def test_too_many_password_reset_requests_get_a_429(client, home, mailoutbox):
    get_user_model().objects.create_superuser("boss", "boss@example.org", "right-pw")
    assert client.get("/admin/password_reset/").status_code == 200
    for _ in range(2):
        client.post("/admin/password_reset/", {"email": "boss@example.org"})

    response = client.post("/admin/password_reset/", {"email": "boss@example.org"})

    assert response.status_code == 429
    assert len(mailoutbox) == 2
