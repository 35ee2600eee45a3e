import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the demo superuser 'admin' if missing. Its password comes from "
        "UBADA_ADMIN_PASSWORD, or is generated and printed once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Demo admin account 'admin' already exists; password unchanged.")
            return
        password = os.environ.get("UBADA_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        shown = "from UBADA_ADMIN_PASSWORD" if os.environ.get("UBADA_ADMIN_PASSWORD") else password
        self.stdout.write(
            self.style.SUCCESS(f"Demo admin account: admin / {shown}  (http://127.0.0.1:8000/admin/)")
        )
