"""Settings as a deployment sees them, checked in a fresh process with its own environment."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def run_manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL"}}
    return subprocess.run(  # noqa: S603 (fixed arguments, our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_mode_with_a_generated_secret_key(tmp_path):
    result = run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "SIGAP_ENV": "production",
            "SIGAP_VAR_DIR": str(tmp_path),
            "ALLOWED_HOSTS": "sigap.babussalam.desa.id",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_debug(tmp_path):
    result = run_manage(
        ["check"],
        {"SIGAP_ENV": "production", "DEBUG": "1", "SIGAP_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_a_fresh_machine_gets_private_generated_secrets_and_a_wal_sqlite(tmp_path):
    result = run_manage(
        [
            "shell",
            "--verbosity=0",
            "-c",
            "from django.db import connection; c = connection.cursor(); "
            "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]); "
            "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])",
        ],
        {"SIGAP_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]
    for name in ("secret_key", "field_keys", "sigap.sqlite3"):
        assert (tmp_path / name).exists(), name
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert (tmp_path / "field_keys").stat().st_mode & 0o077 == 0


def test_defaults_are_safe_for_a_village_laptop():
    assert settings.TIME_ZONE == "Asia/Makassar"
    assert settings.LANGUAGE_CODE == "id"
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.X_FRAME_OPTIONS == "DENY"
