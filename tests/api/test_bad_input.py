"""Bad input never reaches a 500 nor a silently unfiltered table: every refusal is a 4xx
JSON body naming the parameter or field, and a refused write leaves no row and no history
entry.

Covers the query string of every list endpoint (each events-like list with each of its
parameters, one bad value for each other list), NUL bytes anywhere, path ids, pagination,
format=csv, and curators' writes. Reads are anonymous; writes are alice's (a curator, who
may create and edit drafts). Runs on factory data only.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, edit, full_event

pytestmark = pytest.mark.django_db

LISTS = ["countries", "organizations", "people", "events", "meetings", "statements",
         "incidents", "agreements", "sources"]
EVENT_LISTS = ["events", "meetings", "statements", "incidents"]


@pytest.fixture
def world(countries):
    """A little of everything on every list, so a filter ignored by mistake would show rows."""
    person = f.PersonFactory(slug="saar", nationality=countries["ISR"])
    f.TopicFactory(slug="energy")
    f.OrganisationFactory(slug="dtx", country=countries["AZE"])
    f.PostFactory(slug="isr-fm", country=countries["ISR"])
    full_event(countries=[countries["AZE"], countries["ISR"]])
    f.EventFactory(kind=m.EventKind.INCIDENT)
    f.StatementFactory(speaker_person=person)
    f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"])
    f.SourceFactory()
    return countries


# --- Query parameters on the events-like lists -------------------------------------------------


@pytest.mark.parametrize("endpoint", EVENT_LISTS)
@pytest.mark.parametrize(("param", "value"), [
    ("date_from", "2026-1-x"),
    ("date_from", "26/01/2026"),
    ("date_from", "2026-02-30"),     # no such day
    ("date_to", "yesterday"),
    ("date_to", "2026-02-30"),
    ("date_to", "2026-13-01"),
    ("country", "XYZ"),
    ("country", "AZE,XYZ"),          # one unknown code in a comma list
    ("country", "AZERBAIJAN"),
    ("dyad", "AZE"),                 # one country
    ("dyad", "AZE,AZE"),             # the same country twice
    ("dyad", "AZE,aze"),             # ... in another case
    ("dyad", "AZE,ISR,KAZ"),
    ("dyad", "AZE,XYZ"),
    ("ordering", "title"),
    ("ordering", "-id"),
    ("ordering", "date,title"),
    ("kind", "summit"),
    ("kind", "meeting,summit"),      # one unknown kind in a comma list
    ("verification", "rumoured"),
    ("status", "deleted"),
    ("topic", "no_such_topic"),
    ("participant", "nobody"),
    ("participant", "AZE"),          # a country is not a person or organisation
    ("q", "x" * 201),
])
def test_bad_event_filters_on_every_events_list(anon, world, endpoint, param, value):
    body = assert_error(anon.get(f"{API}/{endpoint}/", {param: value}), param)
    assert param in body


# --- One bad parameter on each other list ------------------------------------------------------


@pytest.mark.parametrize(("path", "params", "name"), [
    ("organizations", {"country": "XXX"}, "country"),
    ("organizations", {"kind": "cabal"}, "kind"),
    ("people", {"in_office_on": "yesterday"}, "in_office_on"),
    ("people", {"post": "no-such-post"}, "post"),
    ("people", {"country": "XXX"}, "country"),
    ("statements", {"speaker": "nobody-at-all"}, "speaker"),
    ("statements", {"about": "XXX"}, "about"),
    ("statements", {"medium": "telepathy"}, "medium"),
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


@pytest.mark.parametrize(("path", "params"), [
    ("events", {"country": "XXX"}),
    ("agreements", {"party": "XXX"}),
    ("countries", {"q": "\x00"}),
])
def test_a_bad_parameter_with_format_csv_is_still_a_json_error(anon, world, path, params):
    name = next(iter(params))
    assert_error(anon.get(f"{API}/{path}/", {**params, "format": "csv"}), name)


# --- NUL bytes ---------------------------------------------------------------------------------

# Values that would be valid but for their NUL byte; any other parameter gets "a\x00b".
NUL_VALUES = {"country": "AZ\x00E", "kind": "meet\x00ing", "dyad": "AZE,IS\x00R",
              "date_from": "2026-01-01\x00", "status": "draft\x00"}


@pytest.mark.parametrize(("endpoint", "param"), [
    *((endpoint, "q") for endpoint in LISTS),
    *((endpoint, param) for endpoint in EVENT_LISTS
      for param in ("kind", "country", "dyad", "participant", "topic", "date_from")),
    ("events", "status"), ("events", "verification"), ("events", "ordering"),
    ("statements", "speaker"), ("statements", "about"), ("statements", "medium"),
    ("agreements", "party"), ("agreements", "kind"), ("agreements", "in_force_on"),
    ("people", "post"), ("people", "country"), ("people", "in_office_on"),
    ("organizations", "country"), ("organizations", "kind"),
    ("sources", "publisher"), ("sources", "published_to"), ("sources", "kind"),
])
def test_nul_byte_in_any_parameter_is_a_400_naming_it(anon, world, endpoint, param):
    value = NUL_VALUES.get(param, "a\x00b")
    body = assert_error(anon.get(f"{API}/{endpoint}/", {param: value}), param)
    assert param in body


@pytest.mark.parametrize("endpoint", LISTS)
def test_nul_byte_in_a_path_id_is_a_400_naming_the_id(anon, world, endpoint):
    # PostgreSQL refuses NUL in a query; the API refuses it first, on every database.
    assert_error(anon.get(f"{API}/{endpoint}/ev-%00x/"), "id")


def test_nul_byte_in_the_id_of_a_write(alice_client, world):
    before = m.Event.objects.count()
    assert_error(edit(alice_client).patch(f"{API}/events/ev-%00x/", {"title": "x"}, format="json"),
                 "id")
    assert_error(edit(alice_client).post(f"{API}/events/ev-%00x/publish/"), "id")
    assert m.Event.objects.count() == before


# --- Path ids ----------------------------------------------------------------------------------


def test_an_unknown_path_id_is_a_json_404(anon, world):
    response = anon.get(f"{API}/events/ev-00000000/")
    assert response.status_code == 404
    assert "detail" in response.json()


# --- Pagination --------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("page_size", ["1000000", "501", "0", "-1", "abc", "1.5", "", " 5",
                                       "²", "\x00"])
def test_unusable_page_size_on_every_list(anon, world, endpoint, page_size):
    body = assert_error(anon.get(f"{API}/{endpoint}/", {"page_size": page_size}), "page_size")
    assert "page_size" in body


@pytest.mark.parametrize("endpoint", LISTS)
def test_the_largest_page_size_is_accepted_on_every_list(anon, world, endpoint):
    response = anon.get(f"{API}/{endpoint}/", {"page_size": 500})
    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) == body["count"] > 0


@pytest.mark.parametrize("page", ["999", "0", "abc", "-1", "1.5", "²"])
def test_a_page_that_is_not_a_page_is_a_400_naming_it(anon, world, page):
    """Not a 404, which would read as "no such endpoint"."""
    assert_error(anon.get(f"{API}/events/", {"page": page}), "page")


# --- Writes ------------------------------------------------------------------------------------


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (
        m.Event, m.EventParticipant, m.Citation, m.Event.history.model,
        m.EventParticipant.history.model)}


@pytest.fixture
def meeting(world) -> dict:
    source = f.SourceFactory()
    return {"kind": "meeting", "title": "Talks in Baku", "date": "2026-01-26",
            "participants": [{"role": "host", "actor_country": "AZE"},
                             {"role": "guest", "actor_person": "saar", "country": "ISR"}],
            "citations": [{"source": source.uid, "quote": "they met"}]}


def test_a_valid_post_is_accepted(alice_client, meeting):
    response = alice_client.post(f"{API}/events/", meeting, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert sorted(p["country"] for p in body["participants"]) == ["AZE", "ISR"]


@pytest.mark.parametrize(("change", "names"), [
    ({"date_end": "2026-01-01"}, ["date_end", "ends before it starts"]),
    ({"date": "not a date"}, ["date"]),
    ({"date": "2026-02-30"}, ["date"]),
    ({"date": "2026-01-15", "date_precision": "month"}, ["date"]),  # not its month's first day
    ({"date": "2026-03-01", "date_precision": "year"}, ["date"]),   # not its year's first day
    ({"kind": "summit"}, ["kind"]),
    ({"kind": "statement"}, ["speaker_person", "a statement has a quote and one speaker"]),
    ({"kind": "statement", "quote": "visionary leader", "medium": "social_media"},
     ["speaker"]),                                                   # a quote, no speaker
    ({"location_country": "XXX"}, ["location_country"]),
    ({"topics": ["no_such_topic"]}, ["topics"]),
    ({"participants": [{"role": "host", "actor_country": "XYZ"}]},
     ["participants", "actor_country", "XYZ"]),
    ({"participants": [{"role": "host", "actor_country": "AZE", "country": "XXX"}]},
     ["participants"]),
    ({"participants": [{"role": "host", "actor_person": "nobody"}]},
     ["participants", "actor_person"]),
    ({"participants": [{"role": "emperor", "actor_country": "AZE"}]}, ["participants", "role"]),
    ({"participants": [{"role": "host"}]},
     ["participants", "name", "a participant is one country, organisation or person"]),
    ({"citations": [{"source": "src-00000000"}]}, ["citations", "source"]),
    ({"citations": [{"quote": "no source"}]}, ["citations", "source"]),
    ({"title": "Talks\x00in Baku"}, ["title"]),
    ({"summary": "nul\x00"}, ["summary"]),
    ({"speaker_person": "nobody"}, ["speaker_person"]),
    ({"occasion": "ev-00000000"}, ["occasion"]),
    ({"cameo": "9999"}, ["cameo"]),
    ({"title": ""}, ["title"]),
    ({"title": "x" * 301}, ["title"]),
])
def test_a_bad_event_writes_nothing(alice_client, meeting, change, names):
    before = _counts()
    response = alice_client.post(f"{API}/events/", {**meeting, **change}, format="json")
    assert_error(response, *names)
    assert _counts() == before


@pytest.mark.parametrize(("participant", "rule"), [
    ({"role": "host", "actor_country": "AZE"},
     "Row 2: actor_country: this country already takes part in this role"),
    ({"role": "arrested", "name": "three nationals", "country": "AZE"},   # unresolved
     "Row 2: name: this name already takes part in this role"),
])
def test_two_identical_participants_are_a_4xx_and_nothing_is_written(alice_client, meeting,
                                                                      participant, rule):
    before = _counts()
    response = alice_client.post(f"{API}/events/",
                                 {**meeting, "participants": [participant, participant]},
                                 format="json")
    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    assert rule in str(response.json())
    assert _counts() == before


def test_a_bad_edit_changes_nothing(alice_client, meeting):
    uid = alice_client.post(f"{API}/events/", meeting, format="json").json()["id"]
    before = _counts()
    response = edit(alice_client).patch(f"{API}/events/{uid}/", {"date_end": "2025-01-01"},
                                  format="json")
    assert assert_error(response, "date_end") == {"date_end": ["ends before it starts"]}
    response = edit(alice_client).patch(
        f"{API}/events/{uid}/", {"title": "New", "participants": [
            {"role": "host", "actor_country": "XYZ"}]}, format="json")
    assert_error(response, "participants")
    response = edit(alice_client).patch(
        f"{API}/events/{uid}/", {"title": "Renamed", "participants": [
            {"role": "host", "actor_country": "AZE"},
            {"role": "host", "actor_country": "AZE"}]}, format="json")
    assert 400 <= response.status_code < 500, response.content
    assert _counts() == before
    event = m.Event.objects.get(uid=uid)
    assert (event.title, event.date_end) == ("Talks in Baku", None)
    assert sorted(event.participants.values_list("country", flat=True)) == ["AZE", "ISR"]


def test_server_owned_fields_are_ignored_on_create(alice_client, meeting):
    payload = {**meeting, "id": "ev-chosen00", "status": "published",
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


def test_server_owned_fields_are_ignored_on_edit(alice_client, meeting):
    uid = alice_client.post(f"{API}/events/", meeting, format="json").json()["id"]
    response = edit(alice_client).patch(f"{API}/events/{uid}/", {
        "id": "ev-other000", "status": "published", "url": "https://elsewhere.example/",
        "curation_status": "published", "retraction_reason": "because", "title": "Edited"},
        format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == uid
    event = m.Event.objects.get(uid=uid)
    assert (event.title, event.curation_status, event.retraction_reason) == (
        "Edited", m.CurationStatus.DRAFT, "")
    assert not m.Event.objects.filter(uid="ev-other000").exists()
    # The model's own name for the id is no API field: refused, not silently dropped.
    assert_error(edit(alice_client).patch(f"{API}/events/{uid}/", {"uid": "ev-other000"},
                                    format="json"), "uid")


def test_anonymous_and_malformed_bodies(anon, alice_client, meeting):
    before = _counts()
    assert anon.post(f"{API}/events/", meeting, format="json").status_code in (401, 403)
    response = alice_client.post(f"{API}/events/", "{not json",
                                 content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert _counts() == before
