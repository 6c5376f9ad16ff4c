"""``/``: the explorer. It takes the events/ parameters, checked by the same FilterSet, and
lists the same events as the API in the same order, newest first unless asked.

Personas (tests/conftest.py): anonymous sees published events only; alice, a curator,
sees drafts too, as in the API.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import SEED, csv_link, event_links, hrefs, link_to, page, writes_nothing

pytestmark = pytest.mark.usefixtures("seed_data")

EVENTS = "/api/v1/events/"


def _api_ids(client, params: list[tuple[str, str]]) -> list[str]:
    body = client.get(EVENTS, [*params, ("page_size", "500")]).json()
    return [row["id"] for row in body["results"]]


class TestSeed:
    def test_lists_every_published_event_newest_first(self, client):
        text = page(client, "/")
        shown = event_links(text)
        assert len(shown) == 14
        assert shown[0] in {SEED["visit_kaz"], SEED["meeting_tokayev"],
                            SEED["visionary_tokayev"]}
        assert shown[-1] == SEED["embassy_attack_iran"]  # 2023, the oldest
        assert "14 events" in text

    def test_dates_are_shown_at_their_precision(self, client):
        text = page(client, "/")
        assert ">2024</time>" in text   # the Crocus City Hall attack: a year
        assert ">2023</time>" in text   # the attack on the embassy in Iran
        assert ">~2025</time>" in text  # the cancellation: "months before", approximate
        assert ">2026-01-27</time>" in text

    def test_search_and_filters_give_what_the_api_gives(self, client):
        params = {"q": '"visionary leader"', "country": "KAZ"}
        text = page(client, "/", params)
        # The statement, and the meeting whose cited passage holds the phrase.
        assert event_links(text) == [SEED["visionary_tokayev"], SEED["meeting_tokayev"]]
        query = link_to(text, EVENTS)
        assert dict(query) == {**params, "ordering": "-date"}
        assert _api_ids(client, query) == event_links(text)

    def test_links_to_the_same_query_in_the_api_and_as_csv(self, client):
        params = {"dyad": "AZE,ISR", "kind": "statement", "date_from": "2026-01-01"}
        text = page(client, "/", params)
        expected = {**params, "ordering": "-date"}
        assert dict(link_to(text, EVENTS)) == expected
        assert dict(csv_link(text, EVENTS)) == {**expected, "format": "csv"}
        assert _api_ids(client, link_to(text, EVENTS)) == event_links(text)
        assert len(event_links(text)) == 4

    def test_every_events_filter_applies(self, client):
        text = page(client, "/", {"participant": "islamic-state-khorasan",
                                  "role": "perpetrator", "ordering": "date"})
        assert event_links(text) == [SEED["crocus"], SEED["plot"]]
        # A filter the form has no field for is kept as a hidden field.
        assert '<input type="hidden" name="participant" value="islamic-state-khorasan">' in text

    def test_empty_form_fields_are_ignored(self, client):
        text = page(client, "/", {"q": "", "country": "", "kind": "incident", "topic": ""})
        assert len(event_links(text)) == 3
        assert dict(link_to(text, EVENTS)) == {"kind": "incident", "ordering": "-date"}

    def test_a_single_country_or_dyad_links_to_its_timeline(self, client):
        assert 'href="/dyads/AZE-ISR/"' in page(client, "/", {"dyad": "ISR,AZE"})
        assert 'href="/countries/KAZ/"' in page(client, "/", {"country": "kaz"})

    def test_pages_follow_the_api_cursor(self, client):
        first = page(client, "/", {"page_size": "5"})
        assert len(event_links(first)) == 5
        next_url = next(href for href in hrefs(first) if "cursor=" in href)
        second = page(client, next_url)
        assert len(event_links(second)) == 5
        assert not set(event_links(first)) & set(event_links(second))

    @pytest.mark.parametrize("ordering", ["intensity", "-intensity", "-updated"])
    def test_orders_and_pages_as_the_api_does(self, client, ordering):
        expected = _api_ids(client, [("ordering", ordering)])
        first = page(client, "/", {"ordering": ordering, "page_size": "8"})
        next_url = next(href for href in hrefs(first) if "cursor=" in href)
        assert event_links(first) + event_links(page(client, next_url)) == expected
        assert f'value="{ordering}"' in first

    @pytest.mark.parametrize(("params", "name", "message"), [
        ({"country": "ZZZ"}, "country", "Unknown country code(s): ZZZ"),
        ({"dyad": "AZE"}, "dyad", "A dyad is two different ISO alpha-3 codes"),
        ({"date_from": "2026-13-01"}, "date_from", "Enter a valid date"),
        ({"kind": "picnic"}, "kind", "Unknown value(s): picnic"),
        ({"countyr": "AZE"}, "countyr", "Unknown parameter"),
        ({"country": ","}, "country", "Must not be blank"),
        ({"q": "a\x00b"}, "q", "NUL character"),
        ({"q": "!!!"}, "q", "Give at least one word"),
        ({"role": "host"}, "role", "role narrows country or participant"),
        ({"topic": "a%d"}, "topic", "Unknown id(s): a%d"),
        ({"cursor": "abc"}, "cursor", "Not a cursor this API gave"),
        ({"page_size": "100000"}, "page_size", "At most 500 per page"),
    ])
    def test_bad_input_is_a_400_page_naming_it_and_writes_nothing(self, client, params, name,
                                                                  message):
        with writes_nothing():
            text = page(client, "/", params, status=400)
        assert f"<code>{name}</code>" in text
        assert message in text.replace("&#x27;", "'")
        assert event_links(text) == []
        # The API refuses the same query the same way.
        assert client.get(EVENTS, params).status_code == 400

    def test_a_repeated_parameter_is_refused(self, client):
        text = page(client, "/?country=ZZZ&country=AZE", status=400)
        assert "Give this parameter once" in text


class TestVisibility:
    @pytest.fixture
    def draft(self, db):
        event = f.EventFactory(title="A draft meeting nobody may see yet",
                               curation_status=m.CurationStatus.DRAFT)
        f.ParticipantFactory(event=event, actor_country=m.Country.objects.get(iso3="AZE"))
        return event

    def test_anonymous_never_sees_drafts(self, client, draft):
        text = page(client, "/", {"country": "AZE"})
        assert draft.uid not in event_links(text)
        assert draft.uid not in event_links(page(client, "/", {"status": "draft"}))

    def test_a_curator_sees_drafts_as_in_the_api(self, alice_client, draft):
        text = page(alice_client, "/", {"country": "AZE"})
        assert draft.uid in event_links(text)
        assert "A draft meeting nobody may see yet" in text
        assert event_links(page(alice_client, "/", {"status": "draft"})) == [draft.uid]


class TestQueries:
    @pytest.mark.parametrize("page_size", ["1", "5", "50"])
    def test_anonymous_queries_do_not_grow_with_the_page(self, client, page_size,
                                                         django_assert_num_queries):
        params = {"country": "AZE,ISR,KAZ", "topic": "diplomacy"}
        # country codes checked, topic ids checked, COUNT (capped), the page's ids (keyset),
        # the page's events, the form's topics
        with django_assert_num_queries(6):
            response = client.get("/", {**params, "page_size": page_size})
        assert response.status_code == 200
        matching = client.get(EVENTS, params).json()["count"]
        assert matching > 5
        assert len(event_links(response.content.decode())) == min(int(page_size), matching)

    def test_a_curator_adds_who_she_is(self, alice_client, django_assert_num_queries):
        # the session, the user, whether she is a curator; COUNT, the page's ids, the
        # page's events, the form's topics
        with django_assert_num_queries(7):
            response = alice_client.get("/")
        assert response.status_code == 200
