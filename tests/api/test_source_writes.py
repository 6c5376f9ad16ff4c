"""Curators add and correct sources; readers cannot."""

from __future__ import annotations

import pytest

from diplomacy.models import Source
from tests import factories as f

from .helpers import API

pytestmark = pytest.mark.django_db

REPORT = {"kind": "news_report", "title": "Plot foiled in Baku", "publisher": "ynet",
          "link": "https://www.ynetnews.com/article/example", "published_on": "2026-01-27",
          "language": "en"}


@pytest.fixture
def ynet(countries):
    return f.OrganisationFactory(slug="ynet", name="Ynet", kind="media_outlet",
                                 country=countries["ISR"])


def test_curator_adds_and_corrects_a_source(alice_client, ynet):
    created = alice_client.post(f"{API}/sources/", REPORT, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["publisher"]["id"] == "ynet"
    assert body["link"] == REPORT["link"]

    fixed = alice_client.patch(f"{API}/sources/{body['id']}/", {"published_on": "2026-01-26"},
                               format="json")
    assert fixed.json()["published_on"] == "2026-01-26"
    assert Source.objects.get(uid=body["id"]).history.count() == 2


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "rumour"}, "kind"),
    ({"publisher": "nobody"}, "publisher"),
    ({"link": "not a url"}, "link"),
    ({"published_on": "27/01/2026"}, "published_on"),
    ({"title": "a\x00b"}, "title"),
])
def test_bad_sources_are_refused(alice_client, ynet, change, field):
    response = alice_client.post(f"{API}/sources/", {**REPORT, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Source.objects.exists()


def test_readers_cannot_add_sources(anon, ynet):
    assert anon.post(f"{API}/sources/", REPORT, format="json").status_code in (401, 403)
    assert not Source.objects.exists()
