"""manage.py synthesize: valid, skewed, reproducible data with history and derived rows.

One small synthetic database is built once for the class (on whichever backend the suite
runs: SQLite or PostgreSQL); determinism and the command build their own and roll back.
"""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from diplomacy import models as m
from diplomacy.services.derived import events_refresh
from diplomacy.services.synthesis import synthesize
from tests.api.helpers import get
from tests.helpers import built_for_module

EVENTS = 400
CURATED = [m.Event, m.EventParticipant, m.Citation, m.EventRelation, m.Agreement,
           m.AgreementParty, m.Exchange, m.Source, m.Person, m.PersonAlias, m.Organisation,
           m.OrganisationAlias, m.Post, m.Tenure]
DERIVED = {m.EventCountry: ("event_id", "country_id", "by_participant", "by_location",
                            "curation_status", "kind", "date", "span_end", "uid"),
           m.EventPair: ("event_id", "first_id", "second_id", "curation_status", "kind", "date",
                         "span_end", "uid"),
           m.EventDirectedPair: ("event_id", "source_id", "target_id", "curation_status",
                                 "kind", "date", "span_end", "uid"),
           m.EventText: ("event_id", "document")}


def canonical_dump() -> str:
    """A digest of every curated row's key fields, in key order."""
    digest = hashlib.sha256()
    for model in CURATED:
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model._base_manager.order_by("pk").values_list(*names):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def derived_rows() -> dict:
    return {model: sorted(model.objects.values_list(*columns))
            for model, columns in DERIVED.items()}


@pytest.fixture(scope="class")
def _synthesized(django_db_setup, django_db_blocker):
    with built_for_module(django_db_blocker, lambda: synthesize(events=EVENTS, seed=11)):
        yield


@pytest.mark.usefixtures("_synthesized")
@pytest.mark.django_db
class TestSynthesizedDatabase:
    def test_counts_and_shape(self):
        assert m.Event.objects.count() == EVENTS
        assert m.Agreement.objects.count() == EVENTS // 100
        per_event = {}
        for event_id in m.EventParticipant.objects.values_list("event_id", flat=True):
            per_event[event_id] = per_event.get(event_id, 0) + 1
        assert len(per_event) == EVENTS and set(per_event.values()) <= {2, 3, 4}
        cited = {}
        for event_id in m.Citation.objects.exclude(event=None).values_list("event_id",
                                                                          flat=True):
            cited[event_id] = cited.get(event_id, 0) + 1
        assert len(cited) == EVENTS and set(cited.values()) <= {1, 2, 3}
        statements = m.Event.objects.filter(kind="statement").count()
        assert 0.12 * EVENTS < statements < 0.28 * EVENTS
        statuses = set(m.Event.objects.values_list("curation_status", flat=True))
        assert statuses == {"published", "draft", "retracted"}
        assert not m.Event.objects.filter(curation_status="retracted", retraction_reason="")
        assert set(m.Event.objects.values_list("date_precision", flat=True)) == {
            "day", "month", "year"}
        assert all(a.exchanges.exists() for a in m.Agreement.objects.all())
        # Skew: the most frequent dyad holds many events, most dyads one or two.
        pairs = {}
        for pair in m.EventPair.objects.values_list("first_id", "second_id"):
            pairs[pair] = pairs.get(pair, 0) + 1
        counts = sorted(pairs.values(), reverse=True)
        assert counts[0] >= 10 * counts[len(counts) // 2]

    def test_every_record_passes_full_clean(self):
        for model in CURATED:
            for record in model._base_manager.order_by("pk")[:: max(1, model._base_manager
                                                                    .count() // 40)]:
                record.full_clean()

    def test_every_record_has_its_first_history_row(self):
        for model in CURATED:
            first = model.history.filter(history_type="+").values("id").distinct().count()
            assert first == model._base_manager.count(), model
        snapshots = apps.get_model("diplomacy", "HistoricalEvent_topics")
        assert snapshots.objects.count() == m.Event.topics.through.objects.count() > 0
        published = (m.Event.objects.filter(curation_status="published").count()
                     + m.Agreement.objects.filter(curation_status="published").count())
        assert m.Change.objects.filter(change="created").count() == published

    def test_derived_tables_equal_what_refresh_derived_builds(self):
        written = derived_rows()
        assert all(written.values())
        events_refresh()
        assert derived_rows() == written

    def test_the_api_answers_what_the_dyad_table_holds(self, anon):
        first, second = _top_dyad()
        expected = set(m.EventPair.objects.filter(
            first_id=first, second_id=second, curation_status="published")
            .values_list("uid", flat=True))
        body = get(anon, "events/", {"dyad": f"{first},{second}", "page_size": 500})
        assert {row["id"] for row in body["results"]} == expected
        meetings = get(anon, "events/", {"dyad": f"{second},{first}", "kind": "meeting",
                                         "page_size": 500})
        assert {row["id"] for row in meetings["results"]} == set(m.EventPair.objects.filter(
            first_id=first, second_id=second, curation_status="published", kind="meeting")
            .values_list("uid", flat=True))


def _top_dyad() -> tuple[str, str]:
    from django.db.models import Count

    row = (m.EventPair.objects.filter(curation_status="published")
           .values("first_id", "second_id").annotate(n=Count("id")).order_by("-n").first())
    return row["first_id"], row["second_id"]


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    dumps = []
    for seed in (5, 5, 6):
        with transaction.atomic():
            synthesize(events=60, seed=seed)
            dumps.append(canonical_dump())
            transaction.set_rollback(True)
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]


@pytest.mark.django_db
def test_the_command_shows_progress_unless_quiet():
    out, err = StringIO(), StringIO()
    call_command("synthesize", events=30, seed=2, stdout=out, stderr=err)
    assert "Synthesized 30 events" in out.getvalue()
    assert "rows/s" in out.getvalue() and "peak RSS" in out.getvalue()
    assert "events: 30/30 written" in err.getvalue()
    quiet_out, quiet_err = StringIO(), StringIO()
    call_command("synthesize", events=10, seed=3, quiet=True, stdout=quiet_out,
                 stderr=quiet_err)
    assert m.Event.objects.count() == 40
    assert quiet_err.getvalue() == ""
