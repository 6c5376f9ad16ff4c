from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture
def seed_data(db):
    """The shipped fixtures: countries, taxonomy, topics and the curated seed dataset."""
    from pathlib import Path

    from django.conf import settings

    files = sorted(str(p) for p in Path(settings.BASE_DIR, "fixtures").glob("*.json"))
    call_command("loaddata", *files, verbosity=0)
