"""A PostgreSQL server of the test's own, for tests/stack/test_database_restart.py: the test
restarts and stops it, which it could not do to the suite's server (DATABASE_URL). Its database
is a copy of the test database (pg_dump), so it holds the migrated schema and the test's
records. Run as the `postgres` user when the tests run as root, as .ci/run does."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

from django.db import connection

from .nginx_stack import free_port


def postgres_binaries():
    """The directory of pg_ctl and initdb (Debian keeps them out of PATH), or None."""
    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                       key=lambda path: int(path.split("/")[4]))  # the newest major version
    pg_ctl = shutil.which("pg_ctl") or (installed[-1] if installed else None)
    return Path(pg_ctl).resolve().parent if pg_ctl else None


class PostgresServer:
    """One throwaway cluster on a free loopback port, trusting local connections."""

    def __init__(self, binaries):
        self.binaries, self.port = binaries, free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="ubada-pg-restart-"))
        self.run_as = []
        if os.geteuid() == 0:  # initdb refuses root: the server runs as postgres
            account = pwd.getpwnam("postgres")
            os.chown(self.directory, account.pw_uid, account.pw_gid)
            self.run_as = ["setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}",
                           "--clear-groups"]

    @property
    def url(self):
        return f"postgres://ubada@127.0.0.1:{self.port}/ubada"

    def _pg_ctl(self, *arguments):
        subprocess.run(
            [*self.run_as, str(self.binaries / "pg_ctl"), "-D", str(self.directory / "data"),
             "-l", str(self.directory / "log"), "-w", *arguments],
            check=True, stdout=subprocess.DEVNULL)

    def create(self, copy_of):
        """initdb, start, and a database `ubada` holding a copy of the database `copy_of`
        (a libpq URL)."""
        subprocess.run([*self.run_as, str(self.binaries / "initdb"), "-D",
                        str(self.directory / "data"), "-U", "ubada", "--auth=trust", "-E", "UTF8"],
                       check=True, stdout=subprocess.DEVNULL)
        self.start()
        subprocess.run([str(self.binaries / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", "ubada", "ubada"], check=True)
        dump = subprocess.run([str(self.binaries / "pg_dump"), "--no-owner", copy_of],
                              check=True, capture_output=True).stdout
        subprocess.run([str(self.binaries / "psql"), "-q", "-v", "ON_ERROR_STOP=1", self.url],
                       input=dump, check=True, stdout=subprocess.DEVNULL)

    def start(self):
        self._pg_ctl("-o", f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
                     "-c fsync=off", "start")

    def restart(self):
        """As the production stack check does: the sessions in flight are terminated."""
        self._pg_ctl("-m", "fast", "restart")

    def stop(self):
        self._pg_ctl("-m", "fast", "stop")

    def remove(self):
        """Stop the server if it runs, and delete its files."""
        subprocess.run(
            [*self.run_as, str(self.binaries / "pg_ctl"), "-D", str(self.directory / "data"),
             "-m", "fast", "stop"], check=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        shutil.rmtree(self.directory, ignore_errors=True)


def suite_database_url():
    """The suite's test database as a libpq URL, for processes the tests start."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (f"postgres://{quote(db['USER'])}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")
