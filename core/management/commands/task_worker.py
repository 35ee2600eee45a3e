"""`manage.py task_worker`: django-tasks-db's db_worker (same options) with a heartbeat, so that
a task whose worker died is run again by another worker (see core.workers)."""

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from core.workers import Heartbeat


class Command(DBWorkerCommand):
    help = ("Run a database task worker that records its heartbeat and requeues the tasks of "
            "workers that died (run two or more on one queue).")

    def handle(self, *args, worker_id, **options):
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()
