import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def editor(client, django_user_model, home):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client
