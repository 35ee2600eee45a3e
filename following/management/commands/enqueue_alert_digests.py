from django.core.management.base import BaseCommand

from following.tasks import send_daily_digests


class Command(BaseCommand):
    help = ("Queue today's digest of status changes for the daily email subscribers (run it "
            "once a day, e.g. from cron; the task worker sends the emails).")

    def handle(self, *args, **options):
        result = send_daily_digests.enqueue()
        self.stdout.write(f"Digest task queued: {result.id}")
