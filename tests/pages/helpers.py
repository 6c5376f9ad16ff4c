"""Helpers for the pages' tests: reading what a page shows and links to."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from urllib.parse import parse_qsl, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Public ids of seed records (fixtures/seed.json), shared with the API's tests.
from tests.api.helpers import SEED  # noqa: F401

_HREF = re.compile(r'href="([^"]*)"')
_WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")


def html(response) -> str:
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return response.content.decode()


def page(client, path: str, params: dict | None = None, *, status: int = 200) -> str:
    """GET a page, check its status and return its HTML."""
    response = client.get(path, params or {})
    assert response.status_code == status, response.content[:3000]
    return html(response)


def json_script(text: str, element_id: str):
    """The data a page hands its script in ``{{ value|json_script:element_id }}``."""
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>',
                      text, re.S)
    assert match, f"no json_script {element_id!r} on the page"
    return json.loads(match.group(1))


def hrefs(text: str) -> list[str]:
    return [unescape(href) for href in _HREF.findall(text)]


def link_to(text: str, path: str) -> list[tuple[str, str]]:
    """The query (as pairs) of the one link on the page to ``path`` with a query string,
    not counting its CSV link (``csv_link``)."""
    found = [href for href in hrefs(text)
             if urlsplit(href).path == path and "format=csv" not in href and "?" in href]
    assert len(found) == 1, (path, found)
    return parse_qsl(urlsplit(found[0]).query)


def csv_link(text: str, path: str) -> list[tuple[str, str]]:
    found = [href for href in hrefs(text)
             if urlsplit(href).path == path and "format=csv" in href]
    assert len(found) == 1, (path, found)
    return parse_qsl(urlsplit(found[0]).query)


def event_links(text: str) -> list[str]:
    """The ids of the events a page links to, in order, each once."""
    seen: dict[str, None] = {}
    for href in hrefs(text):
        match = re.fullmatch(r"/events/([^/]+)/", href)
        if match:
            seen.setdefault(match.group(1))
    return list(seen)


@contextmanager
def writes_nothing() -> Iterator[None]:
    """The block runs no statement that writes (a page is a read, even a refused one)."""
    with CaptureQueriesContext(connection) as queries:
        yield
    written = [q["sql"] for q in queries.captured_queries
               if q["sql"].lstrip().upper().startswith(_WRITES)]
    assert written == [], written
