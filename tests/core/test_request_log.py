"""Every request leaves one JSON log line with its timing, for operators and load tests."""

import json
import logging

from core.request_log import JsonFormatter


def test_each_request_is_logged_with_its_timing(client, home, caplog):
    with caplog.at_level(logging.INFO, logger="ubada.requests"):
        client.get("/search/?q=Ak-Jar+eviction")
        client.get("/no-such-page/")
    records = [record for record in caplog.records if record.name == "ubada.requests"]
    first, second = (json.loads(JsonFormatter().format(record)) for record in records)
    assert (first["method"], first["path"], first["status"]) == ("GET", "/search/", 200)
    assert (second["path"], second["status"]) == ("/no-such-page/", 404)
    assert first["ms"] > 0 and first["cpu_ms"] > 0
    assert first["time"].endswith("+00:00")
    assert "eviction" not in json.dumps(first)  # what readers search for stays out of logs
