"""The README's "Querying" examples, run against the seed data, so they never rot.

Every ``curl "$API/…"`` line of the section must answer 200; where it says
``# → N`` the list's ``count`` (or, for ``events/counts/``, its number of ``rows``)
must be N, and ids after a colon must be the page's first ids, in order.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings

from .helpers import API

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR, "README.md")
_EXAMPLE = re.compile(
    r'^curl (?:-s )?(?:-o \S+ )?"\$API/(?P<path>[^"]+)"'
    r'(?:\s+#\s*→\s*(?P<count>\d+)(?::\s*(?P<ids>[\w-]+(?:,\s*[\w-]+)*))?)?')


def _querying_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Querying")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _examples() -> list[tuple[str, int | None, list[str]]]:
    found = []
    for line in _querying_section().splitlines():
        match = _EXAMPLE.match(line.strip())
        if match:
            count = int(match["count"]) if match["count"] else None
            listed = [part.strip() for part in (match["ids"] or "").split(",") if part.strip()]
            found.append((match["path"], count, listed))
    return found


EXAMPLES = _examples()


def test_the_section_has_its_examples():
    paths = [path for path, _, _ in EXAMPLES]
    assert len(paths) >= 30
    for expected in ("ordering=intensity", "exchange_to=AZE", "location=IRN", "precision=",
                     "source=", "counts/?by=month,dyad", "q="):
        assert any(expected in path for path in paths), expected
    # Every JSON example states what it answers.
    for path, count, _ in EXAMPLES:
        assert count is not None or "format=" in path, path


@pytest.mark.usefixtures("seed_data")
class TestReadmeExamples:
    @pytest.mark.parametrize(("path", "count", "listed"), EXAMPLES,
                             ids=[path for path, _, _ in EXAMPLES])
    def test_example_answers_what_the_readme_says(self, anon, path, count, listed):
        response = anon.get(f"{API}/{path}")
        assert response.status_code == 200, response.content[:500]
        if count is None:
            return
        body = response.json()
        if "rows" in body:
            assert len(body["rows"]) == count
            return
        assert body["count"] == count
        assert [row["id"] for row in body["results"]][:len(listed)] == listed

    def test_the_single_source_recipe_finds_eight_events(self, anon):
        response = anon.get(f"{API}/events/", {"format": "csv"})
        assert response.status_code == 200
        rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
        single = [row["id"] for row in rows if len(row["source_ids"].split(";")) == 1]
        assert len(single) == 8
        assert "prints the 8 seed events that rest on one source" in _querying_section()
