import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# Username, e-mail and the Wagtail group whose workflow role the account plays.
DEMO_ACCOUNTS = (
    ("editor", "editor@example.org", "Editors"),
    ("moderator", "moderator@example.org", "Moderators"),
)


class Command(BaseCommand):
    help = (
        "Development only: create or refresh the demo accounts 'editor' (Editors group) and "
        "'moderator' (Moderators group) so the editorial workflow can be tried without a shell, "
        "and print their passwords (UBADA_DEMO_PASSWORD, or new ones generated on every run)."
    )

    def handle(self, *args, **options):
        module = getattr(settings, "SETTINGS_MODULE", None) or os.environ["DJANGO_SETTINGS_MODULE"]
        if not settings.DEBUG or module.endswith(".production"):
            raise CommandError(
                "Demo accounts are for development only: refused without DEBUG or under the "
                "production settings."
            )
        for username, email, group_name in DEMO_ACCOUNTS:
            password = self._ensure(username, email, group_name)
            self.stdout.write(self.style.SUCCESS(
                f"Demo {group_name[:-1].lower()} account: {username} / {password}  "
                "(http://127.0.0.1:8000/admin/)"
            ))

    def _ensure(self, username, email, group_name):
        """The account in exactly its group, with a password that is printed, hence renewed:
        a stored hash cannot be shown again."""
        try:
            group = Group.objects.get(name=group_name)
        except Group.DoesNotExist:
            raise CommandError(f"The group {group_name!r} is missing: run migrate first.") from None
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email}
        )
        password = os.environ.get("UBADA_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_superuser = False
        user.is_active = True
        user.save()
        user.groups.set([group])
        return password
