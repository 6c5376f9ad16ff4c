"""Bad input never reaches a 500: every refusal is a 4xx JSON body naming the parameter.

Covers the query string of every list endpoint, path ids, pagination and curators'
writes (nothing is written when a write is refused). Runs on factory data only.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, full_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(countries):
    """A little of everything, so a filter that silently fails would show rows."""
    event = full_event(countries=[countries["AZE"], countries["ISR"]])
    f.StatementFactory(speaker_person=f.PersonFactory(nationality=countries["ISR"]))
    f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"])
    f.TopicFactory(slug="energy")
    return event


# --- Query parameters on events/ -----------------------------------------------------------


@pytest.mark.parametrize(("params", "name"), [
    ({"date_from": "yesterday"}, "date_from"),
    ({"date_to": "yesterday"}, "date_to"),
    ({"date_from": "2026-02-30"}, "date_from"),
    ({"date_to": "2026-13-01"}, "date_to"),
    ({"country": "XXX"}, "country"),
    ({"country": "AZE,XXX"}, "country"),
    ({"dyad": "AZE"}, "dyad"),
    ({"dyad": "AZE,AZE"}, "dyad"),
    ({"dyad": "AZE,aze"}, "dyad"),
    ({"dyad": "AZE,ISR,IRN"}, "dyad"),
    ({"dyad": "AZE,XXX"}, "dyad"),
    ({"ordering": "title"}, "ordering"),
    ({"ordering": "date,title"}, "ordering"),
    ({"kind": "summit"}, "kind"),
    ({"kind": "meeting,summit"}, "kind"),
    ({"verification": "rumoured"}, "verification"),
    ({"status": "deleted"}, "status"),
    ({"topic": "no_such_topic"}, "topic"),
    ({"participant": "nobody-at-all"}, "participant"),
    ({"participant": "AZE"}, "participant"),  # a country is not a person or organisation
    ({"q": "x" * 201}, "q"),
])
def test_bad_event_filters_are_named(anon, world, params, name):
    body = assert_error(anon.get(f"{API}/events/", params), name)
    assert name in body


@pytest.mark.parametrize("name", ["q", "country", "kind", "dyad", "participant", "topic",
                                  "date_from", "status", "verification", "ordering"])
def test_a_nul_byte_in_any_parameter_is_a_400_naming_it(anon, world, name):
    value = {"country": "AZ\x00E", "kind": "meet\x00ing", "dyad": "AZE,IS\x00R",
             "date_from": "2026-01-01\x00", "status": "draft\x00"}.get(name, "a\x00b")
    body = assert_error(anon.get(f"{API}/events/", {name: value}), name)
    assert name in body


def test_a_nul_byte_in_a_path_id_is_not_a_500(anon, world):
    for path in ("events", "meetings", "statements", "incidents", "agreements", "sources",
                 "countries", "organizations", "people"):
        response = anon.get(f"{API}/{path}/ev%00x/")
        assert response.status_code in (400, 404), (path, response.status_code)
        assert response["Content-Type"].startswith("application/json")


def test_an_unknown_path_id_is_a_json_404(anon, world):
    response = anon.get(f"{API}/events/ev-00000000/")
    assert response.status_code == 404
    assert "detail" in response.json()


# --- Pagination ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["1000000", "501", "0", "-1", "abc", "1.5", "", " 5", "²",
                                  "\x00"])
def test_unusable_page_sizes_are_refused(anon, world, size):
    body = assert_error(anon.get(f"{API}/events/", {"page_size": size}), "page_size")
    assert "page_size" in body


def test_the_largest_page_size_is_accepted(anon, world):
    response = anon.get(f"{API}/events/", {"page_size": 500})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


@pytest.mark.parametrize("page", ["999", "0", "abc", "-1"])
def test_a_page_past_the_end_is_a_404(anon, world, page):
    response = anon.get(f"{API}/events/", {"page": page})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


# --- One bad parameter on every list endpoint ----------------------------------------------


@pytest.mark.parametrize(("path", "params", "name"), [
    ("countries", {"q": "a\x00b"}, "q"),
    ("organizations", {"country": "XXX"}, "country"),
    ("organizations", {"kind": "cabal"}, "kind"),
    ("people", {"in_office_on": "yesterday"}, "in_office_on"),
    ("people", {"post": "no-such-post"}, "post"),
    ("people", {"country": "XXX"}, "country"),
    ("events", {"date_from": "2026-02-30"}, "date_from"),
    ("meetings", {"dyad": "AZE"}, "dyad"),
    ("statements", {"speaker": "nobody-at-all"}, "speaker"),
    ("statements", {"about": "XXX"}, "about"),
    ("statements", {"medium": "telepathy"}, "medium"),
    ("incidents", {"kind": "summit"}, "kind"),
    ("incidents", {"country": "XXX"}, "country"),
    ("agreements", {"party": "XXX"}, "party"),
    ("agreements", {"in_force_on": "2026-02-30"}, "in_force_on"),
    ("agreements", {"status": "imagined"}, "status"),
    ("sources", {"published_from": "yesterday"}, "published_from"),
    ("sources", {"publisher": "no-such-org"}, "publisher"),
    ("sources", {"kind": "rumour"}, "kind"),
])
def test_every_list_endpoint_names_its_bad_parameter(anon, world, path, params, name):
    body = assert_error(anon.get(f"{API}/{path}/", params), name)
    assert name in body


@pytest.mark.parametrize("path", ["countries", "organizations", "people", "events", "meetings",
                                  "statements", "incidents", "agreements", "sources"])
def test_every_list_endpoint_refuses_a_huge_page_and_a_nul_page_size(anon, world, path):
    assert_error(anon.get(f"{API}/{path}/", {"page_size": 1000000}), "page_size")
    assert_error(anon.get(f"{API}/{path}/", {"page_size": "-1"}), "page_size")


@pytest.mark.parametrize("path", ["events", "statements", "agreements", "sources"])
def test_a_nul_byte_in_q_is_named_on_every_searchable_endpoint(anon, world, path):
    assert_error(anon.get(f"{API}/{path}/", {"q": "visionary\x00leader"}), "q")


@pytest.mark.parametrize("path", ["events", "agreements", "countries"])
def test_a_bad_parameter_with_format_csv_is_still_a_json_error(anon, world, path):
    params = {"events": {"country": "XXX"}, "agreements": {"party": "XXX"},
              "countries": {"q": "\x00"}}[path]
    name = next(iter(params))
    assert_error(anon.get(f"{API}/{path}/", {**params, "format": "csv"}), name)


# --- Writes --------------------------------------------------------------------------------


MEETING = {
    "kind": "meeting",
    "title": "Foreign ministers meet",
    "date": "2026-01-26",
    "participants": [{"role": "host", "actor_country": "AZE"},
                     {"role": "guest", "actor_country": "ISR"}],
}


def test_a_valid_post_is_accepted(alice_client, countries):
    response = alice_client.post(f"{API}/events/", MEETING, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert sorted(p["country"] for p in body["participants"]) == ["AZE", "ISR"]


@pytest.mark.parametrize(("change", "name"), [
    ({"date_end": "2026-01-20"}, "date_end"),
    ({"kind": "statement", "quote": "We had a fascinating meeting."}, "speaker"),
    ({"participants": [{"role": "host", "actor_country": "XXX"}]}, "participants"),
    ({"participants": [{"role": "host", "actor_country": "AZE", "country": "XXX"}]},
     "participants"),
    ({"title": "nul\x00byte"}, "title"),
    ({"date": "2026-01-15", "date_precision": "month"}, "date"),
    ({"date": "2026-03-01", "date_precision": "year"}, "date"),
    ({"date": "2026-02-30"}, "date"),
    ({"date": "yesterday"}, "date"),
    ({"kind": "summit"}, "kind"),
    ({"location_country": "XXX"}, "location_country"),
    ({"topics": ["no_such_topic"]}, "topics"),
])
def test_a_refused_write_is_named_and_writes_nothing(alice_client, countries, change, name):
    before = m.Event.objects.count()
    response = alice_client.post(f"{API}/events/", {**MEETING, **change}, format="json")
    assert_error(response, name)
    assert m.Event.objects.count() == before
    assert not m.EventParticipant.objects.exists()


def test_a_statement_without_a_speaker_is_refused(alice_client, countries):
    payload = {"kind": "statement", "title": "Who said it?", "date": "2026-01-26",
               "quote": "visionary leader", "medium": "social_media"}
    assert_error(alice_client.post(f"{API}/events/", payload, format="json"), "speaker")
    assert not m.Event.objects.exists()


def test_two_identical_participants_are_a_4xx_and_nothing_is_written(alice_client, countries):
    payload = {**MEETING, "participants": [{"role": "host", "actor_country": "AZE"},
                                           {"role": "host", "actor_country": "AZE"}]}
    response = alice_client.post(f"{API}/events/", payload, format="json")
    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    assert not m.Event.objects.exists()
    assert not m.EventParticipant.objects.exists()


def test_two_identical_unresolved_participants_are_refused(alice_client, countries):
    same = {"role": "arrested", "name": "three nationals", "country": "AZE"}
    response = alice_client.post(f"{API}/events/", {**MEETING, "participants": [same, same]},
                                 format="json")
    assert 400 <= response.status_code < 500, response.content
    assert not m.Event.objects.exists()


def test_a_refused_edit_changes_nothing(alice_client, countries):
    uid = alice_client.post(f"{API}/events/", MEETING, format="json").json()["id"]
    response = alice_client.patch(
        f"{API}/events/{uid}/",
        {"title": "Renamed", "participants": [{"role": "host", "actor_country": "AZE"},
                                              {"role": "host", "actor_country": "AZE"}]},
        format="json")
    assert 400 <= response.status_code < 500, response.content
    event = m.Event.objects.get(uid=uid)
    assert event.title == "Foreign ministers meet"
    assert sorted(event.participants.values_list("country", flat=True)) == ["AZE", "ISR"]


def test_server_owned_fields_are_ignored(alice_client, countries):
    payload = {**MEETING, "id": "ev-chosen00", "status": "published",
               "curation_status": "published", "retraction_reason": "because"}
    response = alice_client.post(f"{API}/events/", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] != "ev-chosen00"
    assert body["id"].startswith("ev-")
    assert body["status"] == "draft"
    assert body["retraction_reason"] == ""
    event = m.Event.objects.get(uid=body["id"])
    assert event.curation_status == m.CurationStatus.DRAFT
    assert not m.Event.objects.filter(uid="ev-chosen00").exists()


def test_anonymous_and_malformed_bodies(anon, alice_client, countries):
    assert anon.post(f"{API}/events/", MEETING, format="json").status_code in (401, 403)
    response = alice_client.post(f"{API}/events/", "{not json",
                                 content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert not m.Event.objects.exists()
