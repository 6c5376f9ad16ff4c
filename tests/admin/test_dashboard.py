"""The index: review at a glance, grouped navigation without child tables, and the filters
its links lead to (cited, counted country, date range)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from diplomacy import models as m
from diplomacy.services import curation
from tests import factories as f

D = datetime.date


@pytest.fixture
def records(db, bob):
    cited = f.EventFactory(title="Cited draft", curation_status=m.CurationStatus.DRAFT,
                           date=D(2024, 3, 5))
    f.CitationFactory(event=cited)
    uncited = f.EventFactory(title="Uncited draft", curation_status=m.CurationStatus.DRAFT,
                             date=D(2025, 6, 1))
    f.ParticipantFactory(event=uncited)
    published = f.EventFactory(title="Talks published", curation_status=m.CurationStatus.DRAFT,
                               date=D(2026, 1, 26))
    f.CitationFactory(event=published)
    curation.record_publish(record=published, actor=bob)
    return {"cited": cited, "uncited": uncited, "published": published}


def _titles(response) -> set[str]:
    return {event.title for event in response.context["cl"].result_list}


def test_the_index_counts_what_awaits_review_and_links_to_it(records, root_client):
    response = root_client.get(reverse("admin:index"))
    checks = {label: (count, url) for label, count, url in response.context["review"]["checks"]}
    assert checks["Event drafts awaiting review"][0] == 2
    assert checks["Events citing no source"][0] == 1
    # Only the uncited draft has a participant counted under a country.
    assert checks["Events counted under no country"][0] == 2
    for _count, url in checks.values():
        assert root_client.get(url).status_code == 200
    uncited = root_client.get(checks["Events citing no source"][1])
    assert _titles(uncited) == {"Uncited draft"}
    recent = response.context["review"]["recent"]
    assert [(row["title"], row["what"]) for row in recent] == [("Talks published",
                                                                "published")]
    assert recent[0]["who"].username == "bob"


def test_navigation_is_grouped_and_child_tables_are_not_listed(db, root_client):
    response = root_client.get(reverse("admin:index"))
    groups = {app["name"]: [entry["object_name"] for entry in app["models"]]
              for app in response.context["app_list"]}
    assert groups["Timeline"] == ["Event", "Statement", "Meeting", "Incident"]
    assert groups["Who acts"] == ["Country", "Organisation", "Person", "Post"]
    listed = {name for names in groups.values() for name in names}
    for child in ("Citation", "EventParticipant", "EventRelation", "PersonAlias",
                  "OrganisationAlias", "Exchange", "AgreementParty", "Tenure"):
        assert child not in listed
    # Still reachable where a link leads (history, "change" links of inlines).
    assert root_client.get(reverse("admin:diplomacy_citation_changelist")).status_code == 200


def test_a_curator_without_review_rights_still_sees_the_dashboard(records, alice, client):
    client.force_login(alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["review"] is not None


def test_the_event_list_filters_by_a_date_range(records, root_client):
    url = reverse("admin:diplomacy_event_changelist")
    response = root_client.get(url, {"date__gte": "2024-01-01", "date__lte": "2025-12-31"})
    assert _titles(response) == {"Cited draft", "Uncited draft"}
    response = root_client.get(url, {"date__gte": "2025-01-01", "date__lte": ""})
    assert _titles(response) == {"Uncited draft", "Talks published"}
    page = response.content.decode()
    assert 'type="date" name="date__gte" value="2025-01-01"' in page


def test_the_counted_filter_finds_events_under_no_country(records, root_client):
    response = root_client.get(reverse("admin:diplomacy_event_changelist"), {"counted": "none"})
    assert _titles(response) == {"Cited draft", "Talks published"}
