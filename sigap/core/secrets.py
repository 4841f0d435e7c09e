"""Secrets from the environment, a ``*_FILE``, or generated once into ``var/``.

Pure module (no Django imports): settings.py uses it before Django is configured.
"""

import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet


def read_secret(name: str) -> str:
    """Return the secret ``name`` from the environment or from the file ``$<name>_FILE``.

    Returns an empty string when neither is set. A ``*_FILE`` that cannot be read is an error:
    a deployment that names a file means to use it.
    """
    value = os.environ.get(name, "").strip()
    if value:
        return value
    path = os.environ.get(f"{name}_FILE", "").strip()
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise RuntimeError(f"{name}_FILE={path} cannot be read: {exc}") from exc
    return ""


def _new_secret(kind: str) -> str:
    if kind == "fernet":
        return Fernet.generate_key().decode("ascii")
    return secrets.token_urlsafe(50)


def generated_secret(path: Path, *, kind: str) -> str:
    """Return the secret kept in ``path``, creating it with mode 0600 when it does not exist.

    Creation uses O_EXCL so two processes starting at once cannot write different secrets.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(_new_secret(kind) + "\n")
    return path.read_text(encoding="utf-8").strip()
