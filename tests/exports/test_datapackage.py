"""The full dataset download: a valid Frictionless Data Package of the public record."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from frictionless import Package

from exports import datapackage
from exports.tasks import build_datapackage


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_the_seed_builds_into_a_valid_package_with_foreign_keys(seeded, tmp_path):
    package = datapackage.write_package(tmp_path)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["sources"] == [{"title": "Illegal Settlements and City Registration in "
                                            "Almaty, Astana, Bishkek and Osh"}]
    names = [resource["name"] for resource in package["resources"]]
    assert {"promises", "status_changes", "settlements", "people", "bodies", "sources",
            "events", "cities"} <= set(names)
    changes = next(r for r in package["resources"] if r["name"] == "status_changes")
    assert {"fields": "promise_id", "reference": {"resource": "promises", "fields": "id"}} in (
        changes["schema"]["foreignKeys"])


def test_the_package_holds_only_published_records(seeded, tmp_path):
    from promises.models import PromisePage

    private = PromisePage.objects.live().order_by("pk").first()
    private.unpublish()
    datapackage.write_package(tmp_path)
    ids = (tmp_path / "promises.csv").read_text().splitlines()[1:]
    assert str(private.pk) not in {line.split(",")[0] for line in ids}
    assert len(ids) == PromisePage.objects.live().count()
    assert f"\r\n{private.pk}," not in (tmp_path / "status_changes.csv").read_text()


def test_the_command_stores_the_zip_served_at_a_stable_url(seeded, media, client):
    assert client.get("/data/ubada-datapackage.zip").status_code == 404  # not built yet
    call_command("build_datapackage", stdout=io.StringIO())
    response = client.get("/data/ubada-datapackage.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    descriptor = json.loads(archive.read("datapackage.json"))
    assert {f"{resource['path']}" for resource in descriptor["resources"]} | {
        "datapackage.json"} == set(archive.namelist())
    assert "ubada-datapackage.zip" in client.get("/data/").content.decode()


def test_the_scheduled_task_rebuilds_the_package(seeded, media):
    result = build_datapackage.enqueue()  # the immediate backend in tests: it runs now
    assert result.return_value["name"] == datapackage.ARCHIVE_NAME
    assert (media / datapackage.ARCHIVE_NAME).exists()


def test_the_data_page_documents_every_column(client, home):
    from exports.columns import PROMISE_COLUMNS, STATUS_CHANGE_COLUMNS

    html = client.get("/data/").content.decode()
    for column in PROMISE_COLUMNS + STATUS_CHANGE_COLUMNS:
        assert f"<code>{column.name}</code>" in html
    assert "CC" in html or "Creative Commons" in html
