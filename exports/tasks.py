"""Background tasks (django-tasks), run by the worker as the scrapers' are: enqueue
``build_datapackage.enqueue()`` from cron (see exports/README.md) to rebuild the data package on
a schedule."""

import logging

from django_tasks import task

from . import datapackage

log = logging.getLogger(__name__)


@task()
def build_datapackage() -> dict:
    """Rebuild the data package at /data/ubada-datapackage.zip; returns what was stored."""
    report = datapackage.build()
    log.info("data package stored: %(name)s, %(bytes)s bytes", report)
    return report
