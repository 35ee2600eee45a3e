"""Staff see the records whose index update failed."""

import pytest
from django.contrib.auth import get_user_model

from search.models import IndexingFailure

pytestmark = pytest.mark.django_db


def test_failures_are_listed_for_staff(client, home):
    IndexingFailure.objects.create(record_type="settlement", record_pk=12345,
                                   error="The search engine did not answer")
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/snippets/search/indexingfailure/")
    assert response.status_code == 200
    assert "12345" in response.content.decode()
    reports = client.get("/admin/").content.decode()
    assert "Search index failures" in reports
