"""?format=csv on every list: a streamed text/csv body, header row first with stable
column names, lists joined by ';', filters applied, never paginated; a bad filter is
still a JSON 400."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from diplomacy import models as m
from tests import factories as f
from tests.helpers import built_for_module

from .helpers import API, assert_error, full_agreement, full_event, get

pytestmark = pytest.mark.django_db

D = datetime.date
MEETINGS = 53  # more than the default page size of 50

EVENT_HEADER = [
    "id", "kind", "title", "date", "date_end", "date_precision", "approximate", "place",
    "location_country", "countries", "participants", "topics", "verification", "status",
    "incident_type", "cameo", "plover_type", "plover_mode", "plover_context", "intensity",
    "source_ids", "summary",
]
STATEMENT_HEADER = [
    "id", "kind", "title", "date", "speaker", "speaker_post", "quote", "language", "medium",
    "about", "occasion", "date_end", "date_precision", "approximate", "place",
    "location_country", "countries", "participants", "topics", "verification", "status",
    "incident_type", "cameo", "plover_type", "plover_mode", "plover_context", "intensity",
    "source_ids", "summary",
]
AGREEMENT_HEADER = [
    "id", "title", "kind", "formality", "status", "verification", "curation_status",
    "parties", "exchanges", "start_date", "start_precision", "end_date", "end_precision",
    "topics", "source_ids", "summary",
]
HEADERS = {
    "countries": ["id", "iso2", "numeric", "name", "official_name", "wikidata_id"],
    "organizations": ["id", "name", "acronym", "kind", "country", "parent", "aliases",
                      "wikidata_id"],
    "people": ["id", "name", "nationality", "aliases", "posts", "wikidata_id"],
    "events": EVENT_HEADER,
    "meetings": EVENT_HEADER,
    "statements": STATEMENT_HEADER,
    "incidents": EVENT_HEADER,
    "agreements": AGREEMENT_HEADER,
    "sources": ["id", "kind", "title", "publisher", "author", "link", "published_on",
                "language"],
}


@pytest.fixture(scope="module")
def _data_for_module(django_db_setup, django_db_blocker):
    """Built once for the module in an outer transaction rolled back afterwards."""
    with built_for_module(django_db_blocker, _build):
        yield


@pytest.fixture
def data(_data_for_module, db):
    return {"full": m.Event.objects.get(title="The full meeting").uid,
            "kaz": m.Event.objects.get(title="Astana visit").uid,
            "agreement": m.Agreement.objects.get(title="Energy for arms").uid}


def _build() -> None:
    names = {"AZE": ("AZ", "Azerbaijan"), "ISR": ("IL", "Israel"), "KAZ": ("KZ", "Kazakhstan")}
    aze, isr, kaz = (f.CountryFactory(iso3=c, iso2=a, name=n) for c, (a, n) in names.items())
    security, energy = f.TopicFactory(slug="security"), f.TopicFactory(slug="energy")
    full_event(countries=[aze, isr], title="The full meeting", date=D(2026, 1, 26),
               topics=[security, energy])
    for n in range(MEETINGS - 1):
        event = f.EventFactory(title=f"Meeting {n}", date=D(2025, 1, 1) + datetime.timedelta(n))
        f.ParticipantFactory(event=event, actor_country=aze, role=m.ParticipantRole.HOST)
    f.EventFactory(title="Draft meeting", curation_status=m.CurationStatus.DRAFT)
    kaz_event = f.EventFactory(kind=m.EventKind.INCIDENT, title="Astana visit",
                               incident_type=m.IncidentType.values[0])
    f.ParticipantFactory(event=kaz_event, actor_country=kaz, role=m.ParticipantRole.TARGET)
    f.EventFactory(kind=m.EventKind.INCIDENT, title="Second incident")
    f.EventFactory(kind=m.EventKind.INCIDENT, title="Third incident")
    saar = f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar", nationality=isr)
    m.PersonAlias.objects.create(person=saar, name="Sa’ar")
    m.PersonAlias.objects.create(person=saar, name="Gidon Saar")
    f.TenureFactory(person=saar, post=f.PostFactory(slug="isr-fm", country=isr))
    statement = f.StatementFactory(title="Sa'ar on Iran", speaker_person=saar)
    statement.about_countries.set([aze, isr])
    f.StatementFactory(title="Another statement")
    f.StatementFactory(title="A third statement")
    socar = f.OrganisationFactory(slug="socar", name="SOCAR", country=aze,
                                  kind=m.OrganisationKind.STATE_COMPANY)
    m.OrganisationAlias.objects.create(organisation=socar, name="State Oil Company")
    m.OrganisationAlias.objects.create(organisation=socar, name="Neft Şirkəti")
    ynet = f.OrganisationFactory(slug="ynet", name="Ynet", country=isr,
                                 kind=m.OrganisationKind.MEDIA_OUTLET)
    f.SourceFactory(title="Ynet report", publisher=ynet)
    agreement = full_agreement(first=aze, second=isr, title="Energy for arms",
                               kind=m.AgreementKind.ENERGY_FOR_ARMS,
                               status=m.AgreementStatus.IN_FORCE)
    agreement.topics.set([energy, security])
    f.AgreementFactory(first_party=aze, second_party=kaz, title="Trade deal")
    f.AgreementFactory(first_party=isr, second_party=kaz, title="Another deal")


TIMELINE = {"events", "meetings", "statements", "incidents"}


def _csv(client, path: str, params: dict | list | None = None
         ) -> tuple[list[dict[str, str]], list[str]]:
    """GET path as CSV, check it streams text/csv, return (rows as dicts, header row)."""
    query = [("format", "csv"), *(params.items() if isinstance(params, dict)
                                  else params or [])]
    response = client.get(f"{API}/{path}", query)
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], rows[0]


def _json_ids(client, path: str, params: dict | None = None) -> set[str]:
    return {row["id"] for row in get(client, path, {"page_size": 500, **(params or {})})[
        "results"]}


@pytest.mark.parametrize("endpoint", list(HEADERS))
def test_every_list_streams_csv_with_its_header_first(anon, data, endpoint):
    rows, header = _csv(anon, f"{endpoint}/")
    assert header == HEADERS[endpoint]
    assert {row["id"] for row in rows} == _json_ids(anon, f"{endpoint}/")
    assert len(rows) == len({row["id"] for row in rows})


@pytest.mark.parametrize("endpoint", list(HEADERS))
def test_csv_ignores_pagination(anon, data, endpoint):
    # The timeline pages with cursors, the other lists with page numbers.
    paging = {"page_size": 2} if endpoint in TIMELINE else {"page_size": 2, "page": 2}
    rows, _ = _csv(anon, f"{endpoint}/", paging)
    assert len(rows) > 2
    assert len(rows) == len(_json_ids(anon, f"{endpoint}/"))


def test_events_csv_has_more_rows_than_a_json_page(anon, data):
    page = get(anon, "events/")
    assert len(page["results"]) == 50
    assert page["next"] is not None
    rows, _ = _csv(anon, "events/")
    assert len(rows) == MEETINGS + 6          # meetings, three incidents, three statements
    assert len(_csv(anon, "meetings/")[0]) == MEETINGS


def test_content_disposition_names_the_file(anon, data):
    response = anon.get(f"{API}/agreements/", {"format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="agreement.csv"'


def test_event_row_joins_lists_with_semicolons(anon, data):
    rows, _ = _csv(anon, "events/")
    row = next(r for r in rows if r["id"] == data["full"])
    event = m.Event.objects.get(uid=data["full"])
    organisation = event.participants.get(actor_organisation__isnull=False).actor_organisation
    person = event.participants.get(actor_person__isnull=False).actor_person
    source = event.citations.get().source
    assert row["kind"] == "meeting"
    assert row["date"] == "2026-01-26"
    assert row["date_precision"] == "day"
    assert row["approximate"] == "false"
    assert row["countries"] == "AZE;ISR"
    assert sorted(row["participants"].split(";")) == sorted([
        "country:AZE:host", "country:ISR:guest", f"organization:{organisation.slug}:organiser",
        f"person:{person.slug}:speaker", "unresolved:three nationals:arrested"])
    assert sorted(row["topics"].split(";")) == ["energy", "security"]
    assert row["source_ids"] == source.uid
    assert row["status"] == "published"
    assert row["date_end"] == ""


def test_statement_row_has_speaker_and_about(anon, data):
    rows, _ = _csv(anon, "statements/", {"speaker": "gideon-saar"})
    assert [row["title"] for row in rows] == ["Sa'ar on Iran"]
    assert rows[0]["speaker"] == "gideon-saar"
    assert sorted(rows[0]["about"].split(";")) == ["AZE", "ISR"]
    assert rows[0]["medium"] == "press_conference"


def test_agreement_row_joins_parties_and_exchanges(anon, data):
    rows, _ = _csv(anon, "agreements/", [("party", "AZE"), ("party", "ISR")])
    assert [row["id"] for row in rows] == [data["agreement"]]
    row = rows[0]
    assert row["parties"].split(";")[:2] == ["AZE", "ISR"]
    assert len(row["parties"].split(";")) == 3          # plus the implementing company
    assert row["exchanges"] == "AZE>ISR:energy;ISR>AZE:arms"
    assert sorted(row["topics"].split(";")) == ["energy", "security"]
    assert (row["kind"], row["status"], row["curation_status"]) == (
        "energy_for_arms", "in_force", "published")


def test_actor_rows_join_aliases_and_posts(anon, data):
    people, _ = _csv(anon, "people/", {"q": "saar"})
    assert len(people) == 1
    assert sorted(people[0]["aliases"].split(";")) == ["Gidon Saar", "Sa’ar"]
    assert people[0]["posts"] == "isr-fm"
    assert people[0]["nationality"] == "ISR"
    orgs, _ = _csv(anon, "organizations/", {"q": "socar", "kind": "state_company"})
    assert [o["id"] for o in orgs] == ["socar"]
    assert sorted(orgs[0]["aliases"].split(";")) == ["Neft Şirkəti", "State Oil Company"]
    assert orgs[0]["country"] == "AZE"


@pytest.mark.parametrize(("path", "params"), [
    ("events/", {"country": "KAZ"}),
    ("events/", {"kind": "incident,statement"}),
    ("events/", {"date_from": "2026-01-26", "date_to": "2026-01-26"}),
    ("meetings/", {"country": "ISR"}),
    ("incidents/", {"country": "KAZ"}),
    ("statements/", {"about": "AZE"}),
    ("agreements/", {"party": "KAZ"}),
    ("countries/", {"q": "kaz"}),
    ("organizations/", {"country": "ISR"}),
    ("people/", {"country": "ISR"}),
    ("sources/", {"publisher": "ynet"}),
])
def test_csv_applies_the_filters(anon, data, path, params):
    rows, _ = _csv(anon, path, params)
    expected = _json_ids(anon, path, params)
    assert {row["id"] for row in rows} == expected
    assert 0 < len(rows) < len(_json_ids(anon, path))


def test_country_filter_in_csv(anon, data):
    rows, _ = _csv(anon, "events/", {"country": "KAZ"})
    assert [(row["id"], row["countries"]) for row in rows] == [(data["kaz"], "KAZ")]


def test_csv_shows_drafts_to_curators_only(anon, alice_client, data):
    assert "Draft meeting" not in {row["title"] for row in _csv(anon, "events/")[0]}
    assert "Draft meeting" in {row["title"] for row in _csv(alice_client, "events/")[0]}


@pytest.mark.parametrize(("path", "params", "name"), [
    ("events/", {"country": "XXX"}, "country"),
    ("events/", {"date_from": "2026-02-30"}, "date_from"),
    ("meetings/", {"dyad": "AZE"}, "dyad"),
    ("statements/", {"speaker": "nobody"}, "speaker"),
    ("incidents/", {"kind": "party"}, "kind"),
    ("agreements/", {"party": "XXX"}, "party"),
    ("countries/", {"q": "x" * 201}, "q"),
    ("organizations/", {"kind": "militia"}, "kind"),
    ("people/", {"in_office_on": "soon"}, "in_office_on"),
    ("sources/", {"published_from": "2026-13-01"}, "published_from"),
])
def test_a_bad_filter_is_still_a_json_400(anon, data, path, params, name):
    response = anon.get(f"{API}/{path}", {"format": "csv", **params})
    assert not response.streaming
    assert_error(response, name)
