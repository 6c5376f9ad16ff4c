"""Helpers any test module may import (fixtures live in conftest.py files)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction

# Every persona's password (tests/conftest.py); the browser tests type it.
PASSWORD = "a-long-test-passphrase"


@contextmanager
def built_for_module(django_db_blocker, build: Callable[[], None]) -> Iterator[None]:
    """Run ``build`` once inside an outer transaction, rolled back when the block ends.

    Each test then runs in a savepoint within it (pytest-django's ``db``), like
    Django's ``setUpTestData``. Use from a module-scoped fixture.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        build()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
