"""The operator's files in deploy/ stay in step with the code: the environment template names
every variable the settings read, and render-nginx refuses what would break nginx later."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RENDER = REPO / "deploy" / "render-nginx"
EXAMPLE_PARAMS = REPO / "deploy" / "nginx" / "ubada.params.example"
INSTALLED_VENV_BIN = "/srv/ubada/.venv/bin/"  # where deploy/README.md installs the virtualenv


@pytest.fixture(scope="session", autouse=True)
def migrated_snapshot():
    """Overrides tests/conftest.py's: these tests read files and never use the database."""


def settings_variables():
    """The environment variables the base and production settings read (DATABASE_URL through
    dj_database_url)."""
    pattern = re.compile(r"""(?:environ(?:\.get)?[\[(]|_require\()\s*["']([A-Z0-9_]+)["']""")
    names = {"DATABASE_URL"}
    for module in ("base.py", "production.py"):
        names |= set(pattern.findall((REPO / "ubada" / "settings" / module).read_text()))
    return names


def test_the_environment_template_names_every_variable_the_settings_read():
    template = (REPO / "deploy" / "ubada.env.example").read_text()
    named = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, flags=re.MULTILINE))
    assert {"DJANGO_SECRET_KEY", "SITE_URL", "CLIENT_IP_HEADER"} <= settings_variables()
    assert settings_variables() - named == set()


def render(tmp_path, params):
    path = tmp_path / "nginx.params"
    path.write_text(params)
    return subprocess.run([sys.executable, RENDER, path], capture_output=True, text=True,
                          timeout=60)


def test_the_example_params_render_one_server_line_per_gunicorn(tmp_path):
    result = render(tmp_path, EXAMPLE_PARAMS.read_text())
    assert result.returncode == 0, result.stderr
    assert not re.search(r"\$\{UBADA_[A-Z0-9_]+\}", result.stdout)
    assert "server unix:/run/ubada/web-1.sock;" in result.stdout
    assert "server unix:/run/ubada/web-2.sock;" in result.stdout
    assert "listen [::]:443 ssl http2;" in result.stdout
    assert "alias /srv/ubada/static/;" in result.stdout


def test_a_missing_value_is_named_before_nginx_sees_the_file(tmp_path):
    params = re.sub(r"^UBADA_MAX_BODY_SIZE=.*$", "", EXAMPLE_PARAMS.read_text(),
                    flags=re.MULTILINE)
    result = render(tmp_path, params)
    assert result.returncode != 0
    assert "UBADA_MAX_BODY_SIZE" in result.stderr
    assert result.stdout == ""


def test_a_misspelt_parameter_is_refused(tmp_path):
    result = render(tmp_path, EXAMPLE_PARAMS.read_text() + "UBADA_MAX_BODYSIZE=1m\n")
    assert result.returncode != 0
    assert "UBADA_MAX_BODYSIZE" in result.stderr


def test_systemd_accepts_every_unit(tmp_path):
    """systemd-analyze reads the units as systemd would: an unknown or misspelt directive, a bad
    calendar or a missing program is reported (the venv path points at this checkout's)."""
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    for unit in (REPO / "deploy" / "systemd").iterdir():
        text = unit.read_text().replace(INSTALLED_VENV_BIN, f"{Path(sys.executable).parent}/")
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", "--man=no",
                             *sorted(tmp_path.iterdir())],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
