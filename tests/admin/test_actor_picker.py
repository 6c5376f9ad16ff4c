"""One picker per participant across countries, organisations and people (aliases too);
the counted country filled from the actor, or from the person's post on the event's date."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from diplomacy import models as m
from tests import factories as f

from .helpers import add_inline_rows, form_data, form_errors

SEARCH = "admin:diplomacy_actor_search"


@pytest.fixture
def actors(db):
    isr = f.CountryFactory(iso3="ISR", iso2="IL", name="Israel")
    aze = f.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan")
    saar = f.PersonFactory(name="Gideon Sa'ar", nationality=aze)  # nationality deliberately off
    f.PersonAliasFactory(person=saar, name="Gideon Saar", kind=m.AliasKind.TRANSLITERATION)
    minister = f.PostFactory(label="Foreign Minister of Israel", country=isr)
    f.TenureFactory(person=saar, post=minister, start_date=datetime.date(2024, 11, 1))
    socar = f.OrganisationFactory(name="State Oil Company of Azerbaijan", acronym="SOCAR",
                                  country=aze)
    return {"isr": isr, "aze": aze, "saar": saar, "socar": socar}


def test_one_search_finds_each_kind_of_actor_by_name_or_alias(actors, root_client):
    def ids(term: str) -> list[str]:
        data = root_client.get(reverse(SEARCH), {"term": term}).json()
        return [child["id"] for group in data["results"] for child in group["children"]]

    assert ids("Saar") == [f"person:{actors['saar'].pk}"]
    assert ids("SOCAR") == [f"organisation:{actors['socar'].pk}"]
    assert ids("isr") == ["country:ISR"]
    assert ids("") == []


def test_the_search_is_for_people_who_may_see_participants(actors):
    client = Client()
    assert client.get(reverse(SEARCH), {"term": "Saar"}).status_code == 302  # to the login


def _add_meeting(client: Client, *rows: dict, date: str = "2026-01-26"):
    url = reverse("admin:diplomacy_meeting_add")
    data = form_data(client.get(url)) | {"title": "Talks in Baku", "date": date}
    add_inline_rows(data, "participants", *rows)
    return client.post(url, data)


def test_picked_actors_are_saved_with_their_counted_country(actors, root_client):
    response = _add_meeting(
        root_client,
        {"role": m.ParticipantRole.HOST, "actor": "country:AZE", "country": ""},
        {"role": m.ParticipantRole.GUEST, "actor": f"person:{actors['saar'].pk}",
         "country": ""},
        {"role": m.ParticipantRole.PARTICIPANT, "actor": f"organisation:{actors['socar'].pk}",
         "country": ""},
        {"role": m.ParticipantRole.PARTICIPANT, "actor": "", "name": "three nationals",
         "country": ""},
    )
    assert response.status_code == 302, form_errors(response)
    event = m.Event.objects.get(title="Talks in Baku")
    rows = {(p.actor_type, str(p.actor), p.country_id) for p in event.participants.all()}
    assert rows == {
        ("country", "Azerbaijan", "AZE"),
        # His post on the event's date, not his nationality.
        ("person", "Gideon Sa'ar", "ISR"),
        ("organization", "State Oil Company of Azerbaijan (SOCAR)", "AZE"),
        ("unresolved", "three nationals", None),
    }


def test_before_his_tenure_a_person_counts_under_his_nationality(actors, root_client):
    response = _add_meeting(root_client, {"role": m.ParticipantRole.GUEST,
                                          "actor": f"person:{actors['saar'].pk}",
                                          "country": ""}, date="2023")
    assert response.status_code == 302, form_errors(response)
    assert m.EventParticipant.objects.get().country_id == "AZE"


@pytest.mark.parametrize("row, message", [
    ({"actor": "", "name": ""}, "Pick an actor"),
    ({"actor": "planet:Mars"}, "Pick the actor from the list"),
    ({"actor": "person:999999"}, "no longer exists"),
])
def test_a_row_without_a_usable_actor_is_refused_next_to_the_picker(actors, root_client, row,
                                                                    message):
    response = _add_meeting(root_client, {"role": m.ParticipantRole.HOST, "country": "", **row})
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0].formset
    assert any(message in error for error in inline.forms[0].errors.get("actor", []))
    assert not m.Event.objects.exists()


def test_the_change_form_shows_the_current_actor(actors, root_client):
    event = f.EventFactory(curation_status=m.CurationStatus.DRAFT)
    f.ParticipantFactory(event=event, actor_country=None, country=None,
                         actor_person=actors["saar"])
    page = root_client.get(reverse("admin:diplomacy_event_change", args=[event.pk]))
    assert f'value="person:{actors["saar"].pk}" selected' in page.content.decode()
