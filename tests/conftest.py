from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

FIXTURE_FILES = sorted(str(p) for p in Path(settings.BASE_DIR, "fixtures").glob("*.json"))


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


@pytest.fixture(scope="module")
def _seed_for_module(django_db_setup, django_db_blocker):
    """The shipped fixtures, loaded once per test module."""
    with built_for_module(django_db_blocker,
                          lambda: call_command("loaddata", *FIXTURE_FILES, verbosity=0)):
        yield


@pytest.fixture
def seed_data(_seed_for_module, db):
    """The shipped fixtures: countries, taxonomy, topics and the curated seed dataset.

    Loaded once per module: a module that uses it sees the seed in every test that
    runs after the first one asking for it.
    """
