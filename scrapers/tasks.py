"""Background tasks (django-tasks). Enqueue with ``scrape_outlets.enqueue()``; a worker
(``manage.py db_worker`` with django-tasks-db) runs them. See scrapers/README.md."""

import datetime as dt
import logging

from django_tasks import task

from .pipeline import ScrapeLocked, run_scrape

log = logging.getLogger(__name__)


@task()
def scrape_outlets(outlet: str | None = None, since: str | None = None,
                   limit: int | None = None) -> dict:
    """Scrape the enabled outlets (or one, by slug or id). Returns the run's summary.

    Arguments are JSON values (the database backend stores them): ``since`` as YYYY-MM-DD.
    """
    since_date = dt.date.fromisoformat(since) if since else None
    try:
        run, summary = run_scrape(trigger="task", outlet=outlet, since=since_date, limit=limit,
                                  progress=log.info)
    except ScrapeLocked as error:
        log.warning("scrape task not started: %s", error)
        return {"skipped": str(error)}
    return {"run": run.pk, "ok": run.ok, **summary.as_dict()}
