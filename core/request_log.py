"""One structured log line per request, with its timing, for operators and load tests.

Written to the `ubada.requests` logger as JSON (`core.request_log.JsonFormatter`): method,
path (no query string: it may hold what a reader searched for), status, wall and CPU time in
milliseconds, whether the page cache answered, and how often a lost database connection made
the request run again (core.database_outage). Outermost middleware, so the time covers every
other middleware.
"""

import json
import logging
import time
from datetime import UTC, datetime

logger = logging.getLogger("ubada.requests")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = self.get_response(request)
        logger.info("request", extra={"request_fields": {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "cpu_ms": round((time.process_time() - cpu_started) * 1000, 1),
            "page_cache": response.get("X-Page-Cache", ""),
            # runs again after a lost database connection (core.database_outage)
            "db_retries": getattr(request, "database_retries", 0),
        }})
        return response


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object per line: time, level, logger, message and the
    record's structured fields."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "request_fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
