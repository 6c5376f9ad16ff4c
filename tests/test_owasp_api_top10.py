"""One attack per risk of the OWASP API Security Top 10 (2023), each asserting the
refusal and that nothing was written.

Personas (tests/conftest.py): anonymous, alice the curator, bob the reviewer, carol
signed in with no role, root the superuser.
"""

from __future__ import annotations

import copy
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import get_resolver
from rest_framework.test import APIClient

from diplomacy import models as m
from diplomacy.api.write_serializers import ROWS_MAX
from diplomacy.services.releases import ReleaseError, release_import, release_write
from tests import factories as f
from tests.api.helpers import edit
from tests.helpers import PASSWORD

API = "/api/v1"
pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    """Rows of every curated table and its history: 'nothing was written' means equal."""
    models = (m.Event, m.EventParticipant, m.Citation, m.Agreement, m.Source, m.Person,
              m.Organisation)
    counts = {model.__name__: model._base_manager.count() for model in models}
    counts |= {f"history {model.__name__}": model.history.count() for model in models}
    return counts


@pytest.fixture
def world(db):
    aze = f.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan")
    isr = f.CountryFactory(iso3="ISR", iso2="IL", name="Israel")
    published = f.cited(f.EventFactory(title="Published talks"))
    f.ParticipantFactory(event=published, actor_country=aze)
    draft = f.cited(f.EventFactory(title="Draft talks", curation_status=m.CurationStatus.DRAFT))
    return {"aze": aze, "isr": isr, "published": published, "draft": draft}


def _event_body(**extra) -> dict:
    return {"kind": "meeting", "title": "Ministers meet", "date": "2026-02-01", **extra}


# --- API1: Broken Object Level Authorization --------------------------------------------------


def test_api1_a_draft_is_invisible_to_readers_by_id_list_or_filter(anon, carol_client, world):
    draft = world["draft"].uid
    for client in (anon, carol_client):
        assert client.get(f"{API}/events/{draft}/").status_code == 404
        listed = client.get(f"{API}/events/", {"status": "draft"}).json()
        assert listed["count"] == 0
        csv = b"".join(client.get(f"{API}/events/", {"format": "csv"}).streaming_content)
        assert draft.encode() not in csv


def test_api1_a_curator_cannot_change_a_published_record(alice_client, world):
    before = _counts()
    response = edit(alice_client).patch(f"{API}/events/{world['published'].uid}/",
                                  {"title": "Rewritten"}, format="json")
    assert response.status_code == 403
    assert m.Event.objects.get(pk=world["published"].pk).title == "Published talks"
    assert _counts() == before


# --- API2: Broken Authentication ----------------------------------------------------------------


def test_api2_admin_logins_lock_out_after_repeated_failures(bob):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": "bob", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    response = client.post("/admin/login/", {"username": "bob", "password": "wrong"})
    assert response.status_code == 429  # locked out at the limit
    # Even the right password is refused now: guessing cannot go on.
    response = client.post("/admin/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_api2_a_wrong_or_missing_token_is_a_401_asking_for_one(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    before = _counts()
    for response in (client.post(f"{API}/events/", _event_body(), format="json"),
                     APIClient().post(f"{API}/events/", _event_body(), format="json")):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
    assert _counts() == before


# --- API3: Broken Object Property Level Authorization --------------------------------------------


def test_api3_server_owned_fields_cannot_be_set_by_a_client(alice_client, world):
    response = alice_client.post(f"{API}/events/", _event_body(
        id="ev-chosen1", curation_status="published", status="published",
        retraction_reason="none"), format="json")
    assert response.status_code == 201
    created = m.Event.objects.get(uid=response.json()["id"])
    assert created.uid != "ev-chosen1"
    assert created.curation_status == m.CurationStatus.DRAFT
    assert created.retraction_reason == ""


@pytest.mark.parametrize("body", [
    _event_body(titel="typo"),
    _event_body(history=[{"user": "root"}]),
    _event_body(participants=[{"role": "host", "actor_country": "AZE", "admin": True}]),
])
def test_api3_an_undeclared_field_is_a_400_naming_it(alice_client, world, body):
    before = _counts()
    response = alice_client.post(f"{API}/events/", body, format="json")
    assert response.status_code == 400
    assert "Unknown field" in json.dumps(response.json())
    assert _counts() == before


# --- API4: Unrestricted Resource Consumption -----------------------------------------------------


def test_api4_lists_and_bodies_are_bounded(alice_client, world):
    before = _counts()
    assert alice_client.get(f"{API}/events/", {"page_size": 1_000_000}).status_code == 400
    many = [{"role": "guest", "name": f"person {n}"} for n in range(ROWS_MAX + 1)]
    response = alice_client.post(f"{API}/events/", _event_body(participants=many),
                                 format="json")
    assert response.status_code == 400
    assert "participants" in response.json()
    deep = _event_body(note="x")
    for _ in range(50):
        deep = {"nested": deep}
    assert alice_client.post(f"{API}/events/", deep, format="json").status_code == 400
    huge = json.dumps(_event_body(summary="x" * 1_100_000))
    response = alice_client.post(f"{API}/events/", huge, content_type="application/json")
    assert response.status_code == 400
    assert _counts() == before


def _rates(**rates: str) -> dict:
    framework = copy.deepcopy(settings.REST_FRAMEWORK)
    framework["DEFAULT_THROTTLE_RATES"].update(rates)
    return framework


def test_api4_anonymous_clients_are_throttled(anon, world):
    cache.clear()
    with override_settings(REST_FRAMEWORK=_rates(anon="3/min")):
        codes = [anon.get(f"{API}/countries/").status_code for _ in range(4)]
        response = anon.get(f"{API}/countries/")
    cache.clear()
    assert codes == [200, 200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"].startswith("application/json")


# --- API5: Broken Function Level Authorization ---------------------------------------------------


@pytest.mark.parametrize("client_name", ["anon", "carol_client", "alice_client"])
def test_api5_only_reviewers_publish_or_retract(request, world, client_name):
    client = request.getfixturevalue(client_name)
    before = _counts()
    publish = edit(client).post(f"{API}/events/{world['draft'].uid}/publish/")
    retract = edit(client).post(f"{API}/events/{world['published'].uid}/retract/",
                          {"reason": "test"}, format="json")
    assert publish.status_code in (401, 403, 404)
    assert retract.status_code in (401, 403, 404)
    draft = m.Event.objects.get(pk=world["draft"].pk)
    assert draft.curation_status == m.CurationStatus.DRAFT
    assert _counts() == before


# --- API6: Unrestricted Access to Sensitive Business Flows ---------------------------------------


def test_api6_a_reviewer_cannot_publish_their_own_uncited_draft(bob_client, world):
    created = bob_client.post(f"{API}/events/", _event_body(), format="json").json()
    response = edit(bob_client).post(f"{API}/events/{created['id']}/publish/")
    assert response.status_code == 400
    body = json.dumps(response.json())
    assert "citations" in body or "another reviewer" in body
    assert m.Event.objects.get(uid=created["id"]).curation_status == m.CurationStatus.DRAFT


def test_api6_full_exports_have_a_tighter_budget_than_pages(anon, world):
    cache.clear()
    with override_settings(REST_FRAMEWORK=_rates(export="2/hour")):
        exports = [anon.get(f"{API}/events/", {"format": "csv"}).status_code for _ in range(3)]
        page = anon.get(f"{API}/events/")
    cache.clear()
    assert exports == [200, 200, 429]
    assert page.status_code == 200


# --- API7: Server Side Request Forgery -----------------------------------------------------------


@pytest.mark.parametrize("link", ["file:///etc/passwd", "javascript:alert(1)",
                                  "ftp://internal.example/secret", "gopher://127.0.0.1:6379/"])
def test_api7_a_source_link_is_a_web_link_only(alice_client, world, link):
    """The service never fetches links, but readers follow them: only http(s) is stored."""
    before = _counts()
    body = {"kind": "news_report", "title": "t", "link": link}
    response = alice_client.post(f"{API}/sources/", body, format="json")
    assert response.status_code == 400
    assert "link" in response.json() or "url" in response.json()
    assert _counts() == before


# --- API8: Security Misconfiguration -------------------------------------------------------------


def test_api8_responses_carry_security_headers_and_no_cors(anon, world):
    response = anon.get(f"{API}/events/", HTTP_ORIGIN="https://evil.example")
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Access-Control-Allow-Origin" not in response
    assert anon.get(f"{API}/events/", {"format": "api"}).status_code == 400  # no browsable API


# --- API9: Improper Inventory Management ---------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/events.csv", "/api/v1/events.json",
                                  "/api/v1/events.api", "/api/v1/events.plover",
                                  "/api/v2/events/"])
def test_api9_no_undocumented_routes(anon, path):
    assert anon.get(path).status_code == 404


def test_api9_the_root_and_the_schema_list_every_route(anon):
    root = anon.get(f"{API}/").json()
    schema = anon.get("/api/schema/", {"format": "json"}).json()
    served = {pattern.pattern.describe().split("'")[1] for pattern in
              get_resolver().url_patterns if "api/v1" in str(pattern.pattern)}
    assert served == {"api/v1/"}
    documented = {path.split("/")[3] for path in schema["paths"] if path.startswith(API)}
    assert set(root) == documented
    assert "changes" in root


# --- API10: Unsafe Consumption of APIs -----------------------------------------------------------


def test_api10_an_import_refuses_links_out_of_the_release_folder(seed_data, tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the release")
    (tmp_path / "r" / "extra.txt").symlink_to(secret)
    before = _counts()

    with pytest.raises(ReleaseError, match="symbolic link"):
        release_import(release_dir=tmp_path / "r")
    assert _counts() == before


def test_api10_an_import_refuses_a_fixture_nested_too_deeply(seed_data, tmp_path):
    import hashlib

    release_write(out_dir=tmp_path / "r", version="1.0")
    fixture = tmp_path / "r" / "fixture.json"
    fixture.write_text("[" * 100_000 + "]" * 100_000)
    m.Release.objects.all().delete()  # as if importing someone else's release
    sums = tmp_path / "r" / "SHA256SUMS"
    digest = hashlib.sha256(fixture.read_bytes()).hexdigest()
    sums.write_text("".join(f"{digest}  fixture.json\n" if line.endswith(" fixture.json")
                            else f"{line}\n" for line in sums.read_text().splitlines()))
    before = _counts()

    with pytest.raises(ReleaseError, match="nested too deeply"):
        release_import(release_dir=tmp_path / "r")
    assert _counts() == before
