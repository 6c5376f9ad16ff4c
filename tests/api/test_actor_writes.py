"""Writing people and organisations (with their aliases) at people/ and organizations/.

alice (curator) adds and corrects them; bob (reviewer) also changes one a published
record shows; carol (no group) and anonymous readers write nothing. Every edit needs
If-Match, bumps the version, leaves a history row naming who, and rebuilds the search
documents of the events naming the actor. There is no DELETE (405): a mistaken record is
corrected, and removing one is an administrator's call in the admin.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from diplomacy.api.write_serializers import ROWS_MAX
from tests import factories as f

from .helpers import API, assert_error, edit, full_event, get

pytestmark = pytest.mark.django_db

SAAR = {"name": "Gideon Sa'ar", "sort_name": "Sa'ar, Gideon", "nationality": "ISR",
        "aliases": [{"name": "גדעון סער", "kind": "native", "language": "he"}, "Sa’ar"]}
SOCAR = {"name": "State Oil Company of Azerbaijan Republic", "acronym": "SOCAR",
         "kind": "state_company", "country": "AZE", "aliases": ["Azərbaycan Respublikası "
                                                               "Dövlət Neft Şirkəti"]}


def _shown_person(countries, **fields) -> m.Person:
    """A person a published event shows (as a participant)."""
    event = full_event(countries=[countries["AZE"]])
    person = event.participants.get(actor_person__isnull=False).actor_person
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()
    return person


def test_curator_adds_a_person_with_aliases(alice_client, countries):
    response = alice_client.post(f"{API}/people/", SAAR, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] == "gideon-saar"  # made from the name
    assert body["nationality"] == "ISR"
    assert [(a["name"], a["kind"]) for a in body["aliases"]] == [
        ("Sa’ar", "alias"), ("גדעון סער", "native")]
    assert response["ETag"] == '"1"'
    person = m.Person.objects.get(slug="gideon-saar")
    assert person.history.get().history_user.username == "alice"


def test_curator_adds_an_organisation_with_a_chosen_id(alice_client, countries):
    response = alice_client.post(f"{API}/organizations/", {**SOCAR, "id": "socar"},
                                 format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["id"], body["acronym"], body["country"]) == ("socar", "SOCAR", "AZE")
    assert body["aliases"] == ["Azərbaycan Respublikası Dövlət Neft Şirkəti"]


def test_an_edit_replaces_aliases_bumps_the_version_and_keeps_history(alice_client,
                                                                       countries):
    alice_client.post(f"{API}/people/", SAAR, format="json")
    url = f"{API}/people/gideon-saar/"
    response = edit(alice_client).patch(url, {"aliases": ["Saar"], "sort_name": "Saar"},
                                        format="json")
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'
    body = response.json()
    assert [a["name"] for a in body["aliases"]] == ["Saar"]
    assert body["name"] == "Gideon Sa'ar"  # not sent, kept
    person = m.Person.objects.get(slug="gideon-saar")
    assert person.version == 2
    assert person.history.first().history_change_reason == "edited: aliases, sort_name"


def test_a_patch_without_aliases_keeps_them(alice_client, countries):
    alice_client.post(f"{API}/organizations/", {**SOCAR, "id": "socar"}, format="json")
    response = edit(alice_client).patch(f"{API}/organizations/socar/", {"acronym": "SOCAR."},
                                        format="json")
    assert response.json()["aliases"] == SOCAR["aliases"]


def test_an_edit_needs_if_match(alice_client, countries):
    person = f.PersonFactory()
    response = alice_client.patch(f"{API}/people/{person.slug}/", {"name": "X"}, format="json")
    assert response.status_code == 428
    stale = alice_client.patch(f"{API}/people/{person.slug}/", {"name": "X"}, format="json",
                               HTTP_IF_MATCH='"7"')
    assert stale.status_code == 412
    person.refresh_from_db()
    assert person.name != "X"


def test_the_public_id_never_changes(alice_client, countries):
    person = f.PersonFactory(slug="gideon-saar")
    url = f"{API}/people/gideon-saar/"
    assert edit(alice_client).patch(url, {"id": "gideon-saar"}, format="json").status_code == 200
    body = assert_error(edit(alice_client).patch(url, {"id": "saar"}, format="json"), "id")
    assert "never changes" in str(body["id"])
    assert m.Person.objects.get(pk=person.pk).slug == "gideon-saar"


def test_renaming_an_actor_rebuilds_the_search_of_events_naming_it(alice_client, countries):
    event = full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT)
    organisation = event.participants.get(actor_organisation__isnull=False).actor_organisation
    response = edit(alice_client).patch(f"{API}/organizations/{organisation.slug}/",
                                        {"aliases": ["Zyxwvut"]}, format="json")
    assert response.status_code == 200, response.content
    assert "zyxwvut" in m.EventText.objects.get(event=event).document


@pytest.mark.parametrize(("body", "name"), [
    ({**SAAR, "titel": "x"}, "titel"),
    ({**SAAR, "tenures": []}, "tenures"),
    ({**SAAR, "nationality": "XXX"}, "nationality"),
    ({**SAAR, "aliases": [{"name": "a", "kind": "nickname"}]}, "aliases"),
    ({**SAAR, "aliases": [{"name": "a", "script": "x"}]}, "script"),
    ({**SAAR, "aliases": ["same", "same"]}, "this person already has this alias"),
    ({**SAAR, "aliases": ["x"] * (ROWS_MAX + 1)}, "aliases"),
    ({**SAAR, "id": "not a slug"}, "id"),
    ({"sort_name": "x"}, "name"),
])
def test_bad_people_are_refused_naming_the_field(alice_client, countries, body, name):
    assert_error(alice_client.post(f"{API}/people/", body, format="json"), name)
    assert not m.Person.objects.exists()
    assert not m.PersonAlias.objects.exists()


def test_a_taken_id_is_refused_naming_it(alice_client, countries):
    f.PersonFactory(slug="gideon-saar")
    body = assert_error(alice_client.post(f"{API}/people/", SAAR, format="json"), "id")
    assert set(body) == {"id"}
    assert m.Person.objects.count() == 1


def test_an_organisation_cannot_be_its_own_parent(alice_client, countries):
    alice_client.post(f"{API}/organizations/", {**SOCAR, "id": "socar"}, format="json")
    response = edit(alice_client).patch(f"{API}/organizations/socar/", {"parent": "socar"},
                                        format="json")
    body = assert_error(response, "parent")
    assert body == {"parent": ["an organisation cannot be part of itself"]}


@pytest.mark.parametrize("path", ["people/", "organizations/"])
def test_only_curators_write(anon, carol_client, countries, path):
    body = SAAR if path == "people/" else SOCAR
    assert anon.post(f"{API}/{path}", body, format="json").status_code == 401
    assert carol_client.post(f"{API}/{path}", body, format="json").status_code == 403
    assert not m.Person.objects.exists() and not m.Organisation.objects.exists()


def test_there_is_no_delete(alice_client, countries):
    person = f.PersonFactory()
    response = edit(alice_client).client.delete(f"{API}/people/{person.slug}/",
                                                HTTP_IF_MATCH='"1"')
    assert response.status_code == 405
    assert m.Person.objects.filter(pk=person.pk).exists()


def test_a_person_a_published_record_shows_is_changed_by_a_reviewer_only(
        alice_client, bob_client, countries):
    person = _shown_person(countries, name="Before")
    url = f"{API}/people/{person.slug}/"
    refused = edit(alice_client).patch(url, {"name": "After"}, format="json")
    assert refused.status_code == 403
    assert edit(alice_client).patch(url, {"aliases": ["x"]}, format="json").status_code == 403
    person.refresh_from_db()
    assert (person.name, person.version, person.aliases.count()) == ("Before", 1, 0)
    accepted = edit(bob_client).patch(url, {"name": "After"}, format="json")
    assert accepted.status_code == 200, accepted.content
    assert get(alice_client, f"people/{person.slug}/")["name"] == "After"


def test_an_organisation_only_drafts_show_is_edited_by_curators(alice_client, countries):
    event = full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT)
    organisation = event.participants.get(actor_organisation__isnull=False).actor_organisation
    response = edit(alice_client).patch(f"{API}/organizations/{organisation.slug}/",
                                        {"acronym": "NEW"}, format="json")
    assert response.status_code == 200, response.content


def test_an_alias_is_shown_by_a_published_record_when_its_owner_is(countries):
    """The rule the admin's alias screens and the services ask (selectors.shown_by_published)."""
    from diplomacy.selectors import shown_by_published

    shown = m.PersonAlias.objects.create(person=_shown_person(countries), name="shown")
    draft = full_event(countries=[countries["AZE"]], status=m.CurationStatus.DRAFT)
    organisation = draft.participants.get(actor_organisation__isnull=False).actor_organisation
    hidden = m.OrganisationAlias.objects.create(organisation=organisation, name="hidden")
    assert (shown_by_published(shown), shown_by_published(hidden)) == (True, False)
