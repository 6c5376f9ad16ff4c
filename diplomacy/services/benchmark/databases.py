"""Scratch databases for the import and loaddata figures: created, migrated, dropped."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from . import processes


@contextmanager
def scratch(purpose: str) -> Iterator[str]:
    """A freshly migrated database beside the measured one; its URL, dropped after."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{settings['NAME']}_bench_{purpose}"[:63]
        user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"]
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        url = f"postgres://{user}{password}@{host}:{port or 5432}/{name}"
        _admin(f'DROP DATABASE IF EXISTS "{name}"')
        _admin(f'CREATE DATABASE "{name}"')
        cleanup = lambda: _admin(f'DROP DATABASE IF EXISTS "{name}"')  # noqa: E731
    else:
        handle, path = tempfile.mkstemp(prefix=f"bench-{purpose}-", suffix=".sqlite3")
        os.close(handle)
        url = f"sqlite:///{path}"
        cleanup = lambda: Path(path).unlink(missing_ok=True)  # noqa: E731
    try:
        migrated = processes.manage("migrate", "--no-input", env=processes.child_env(url),
                                    timeout=600)
        if not migrated.ok:
            raise RuntimeError(f"migrate failed: {migrated.output[-500:]}")
        yield url
    finally:
        cleanup()


def _admin(sql: str) -> None:
    """CREATE/DROP DATABASE run outside a transaction, on the server's own connection."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)
