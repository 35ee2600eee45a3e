"""Backup and restore end to end on PostgreSQL (as production runs): the seed with its
revisions and status history, dumped by deploy/ubada-backup and restored by deploy/ubada-restore
into an empty database, comes back identical, table by table and row by row."""

import subprocess

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from website.seed import load_seed

DEPLOY = settings.BASE_DIR / "deploy"
EVERY_TABLE = ("SELECT table_name FROM information_schema.tables "
               "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")


def fingerprint(cursor):
    """{table: (row count, md5 of its rows in a fixed order)} for every table."""
    cursor.execute(EVERY_TABLE)
    tables = [name for (name,) in cursor.fetchall()]
    result = {}
    for table in tables:
        cursor.execute(f'SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) '  # noqa: S608
                       f'ORDER BY t::text), \'\')) FROM "{table}" t')
        result[table] = cursor.fetchone()
    return result


def url_of(database):
    params = connection.settings_dict
    return (f"postgresql://{params['USER']}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{database}")


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield url_of(name)
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_every_record_revision_and_status(tmp_path, empty_database):
    load_seed(settings.BASE_DIR / "fixtures" / "seed")
    with connection.cursor() as cursor:
        original = fingerprint(cursor)
    assert original["promises_statuschange"][0] > 0 and original["wagtailcore_revision"][0] > 0

    backup = tmp_path / "ubada.dump"
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run([DEPLOY / "ubada-backup", backup, url_of(connection.settings_dict["NAME"])],
                   **run)
    subprocess.run([DEPLOY / "ubada-restore", backup, empty_database], **run)
    with psycopg.connect(empty_database) as restored, restored.cursor() as cursor:
        assert fingerprint(cursor) == original

    again = subprocess.run([DEPLOY / "ubada-restore", backup, empty_database],
                           capture_output=True, text=True)
    assert again.returncode == 3 and "already has" in again.stderr  # never over live data
