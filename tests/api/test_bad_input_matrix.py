"""Bad input, across every list endpoint and every parameter: a 4xx JSON body naming
the parameter or field, never a 500, never a silently unfiltered table, nothing written.

test_bad_input.py holds the named cases; this module runs the same refusals over the
whole matrix (each events-like list, each parameter) and checks that a refused write
leaves no row and no history entry. Reads are anonymous; writes are alice's (a
curator, who may create and edit drafts).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error

pytestmark = pytest.mark.django_db

LISTS = ["countries", "organizations", "people", "events", "meetings", "statements",
         "incidents", "agreements", "sources"]
EVENT_LISTS = ["events", "meetings", "statements", "incidents"]


@pytest.fixture
def world(countries):
    """A little of everything, so a filter ignored by mistake would show rows."""
    person = f.PersonFactory(slug="saar", nationality=countries["ISR"])
    f.TopicFactory(slug="energy")
    f.OrganisationFactory(slug="dtx", country=countries["AZE"])
    f.PostFactory(slug="isr-fm", country=countries["ISR"])
    f.EventFactory()
    f.StatementFactory(speaker_person=person)
    f.AgreementFactory(first_party=countries["AZE"], second_party=countries["ISR"])
    f.SourceFactory()
    return countries


# --- Query parameters ----------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", EVENT_LISTS)
@pytest.mark.parametrize(("param", "value"), [
    ("date_from", "2026-1-x"),
    ("date_from", "26/01/2026"),
    ("date_to", "2026-02-30"),       # impossible
    ("date_to", "2026-13-01"),
    ("country", "XYZ"),
    ("country", "AZE,XYZ"),
    ("country", "AZERBAIJAN"),
    ("dyad", "AZE"),                 # one country
    ("dyad", "AZE,AZE"),             # the same country twice
    ("dyad", "AZE,ISR,KAZ"),
    ("dyad", "AZE,XYZ"),
    ("ordering", "title"),
    ("ordering", "-id"),
    ("kind", "party"),
    ("verification", "rumoured"),
    ("status", "deleted"),
    ("topic", "no_such_topic"),
    ("participant", "nobody"),
    ("q", "x" * 201),
])
def test_bad_event_filters_on_every_events_list(anon, world, endpoint, param, value):
    assert_error(anon.get(f"{API}/{endpoint}/", {param: value}), param)


@pytest.mark.parametrize("endpoint", LISTS)
@pytest.mark.parametrize("page_size", ["1000000", "501", "0", "-1", "abc", "1.5", "\x00"])
def test_unusable_page_size_on_every_list(anon, world, endpoint, page_size):
    assert_error(anon.get(f"{API}/{endpoint}/", {"page_size": page_size}), "page_size")


@pytest.mark.parametrize("endpoint", LISTS)
def test_the_largest_page_size_is_accepted_on_every_list(anon, world, endpoint):
    assert anon.get(f"{API}/{endpoint}/", {"page_size": 500}).status_code == 200


@pytest.mark.parametrize(("endpoint", "param"), [
    *((endpoint, "q") for endpoint in LISTS),
    *((endpoint, param) for endpoint in EVENT_LISTS
      for param in ("kind", "country", "dyad", "participant", "topic", "date_from")),
    ("statements", "speaker"), ("statements", "about"), ("statements", "medium"),
    ("agreements", "party"), ("agreements", "kind"), ("agreements", "in_force_on"),
    ("people", "post"), ("people", "country"), ("people", "in_office_on"),
    ("organizations", "country"), ("organizations", "kind"),
    ("sources", "publisher"), ("sources", "published_to"), ("sources", "kind"),
])
def test_nul_byte_in_any_parameter(anon, world, endpoint, param):
    assert_error(anon.get(f"{API}/{endpoint}/", {param: "a\x00b"}), param)


@pytest.mark.parametrize("endpoint", LISTS)
def test_nul_byte_in_a_path_id_is_a_400_naming_the_id(anon, world, endpoint):
    # PostgreSQL refuses NUL in a query; the API refuses it first, on every database.
    assert_error(anon.get(f"{API}/{endpoint}/ev-%00x/"), "id")


def test_nul_byte_in_the_id_of_a_write(alice_client, world):
    before = m.Event.objects.count()
    assert_error(alice_client.patch(f"{API}/events/ev-%00x/", {"title": "x"}, format="json"),
                 "id")
    assert_error(alice_client.post(f"{API}/events/ev-%00x/publish/"), "id")
    assert m.Event.objects.count() == before


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


@pytest.mark.parametrize(("change", "names"), [
    ({"date_end": "2026-01-01"}, ["event_date_end_not_before_date"]),
    ({"date": "not a date"}, ["date"]),
    ({"kind": "statement"}, ["event_statement_has_one_speaker_and_quote"]),  # no speaker
    ({"participants": [{"role": "host", "actor_country": "XYZ"}]},
     ["participants", "actor_country", "XYZ"]),
    ({"participants": [{"role": "host", "actor_person": "nobody"}]},
     ["participants", "actor_person"]),
    ({"participants": [{"role": "emperor", "actor_country": "AZE"}]}, ["participants", "role"]),
    ({"participants": [{"role": "host"}]}, ["participant_one_actor_or_name"]),
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


def test_a_bad_edit_changes_nothing(alice_client, meeting):
    uid = alice_client.post(f"{API}/events/", meeting, format="json").json()["id"]
    before = _counts()
    response = alice_client.patch(f"{API}/events/{uid}/", {"date_end": "2025-01-01"},
                                  format="json")
    assert_error(response, "event_date_end_not_before_date")
    response = alice_client.patch(
        f"{API}/events/{uid}/", {"title": "New", "participants": [
            {"role": "host", "actor_country": "XYZ"}]}, format="json")
    assert_error(response, "participants")
    assert _counts() == before
    event = m.Event.objects.get(uid=uid)
    assert (event.title, event.date_end, event.participants.count()) == (
        "Talks in Baku", None, 2)


def test_server_owned_fields_are_ignored_on_edit(alice_client, meeting):
    uid = alice_client.post(f"{API}/events/", meeting, format="json").json()["id"]
    response = alice_client.patch(f"{API}/events/{uid}/", {
        "id": "ev-other000", "uid": "ev-other000", "status": "published",
        "curation_status": "published", "retraction_reason": "because", "title": "Edited"},
        format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == uid
    event = m.Event.objects.get(uid=uid)
    assert (event.title, event.curation_status, event.retraction_reason) == (
        "Edited", m.CurationStatus.DRAFT, "")
    assert not m.Event.objects.filter(uid="ev-other000").exists()
