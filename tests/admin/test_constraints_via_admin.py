"""A form that breaks a database invariant comes back with an error and writes nothing.

Admin forms run model validation, which checks Meta.constraints, so the curator
sees what is wrong instead of a 500 from an IntegrityError. Runs on SQLite and on
PostgreSQL (DATABASE_URL) like the rest of the suite.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.db import models
from django.test import Client
from django.urls import reverse

from diplomacy import models as m
from tests import factories as f

from .helpers import add_inline_rows, form_data, form_errors

D = datetime.date


def _url(model: type[models.Model], view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _countries() -> tuple[m.Country, m.Country]:
    return (f.CountryFactory(iso3="AZE", iso2="AZ", name="Azerbaijan"),
            f.CountryFactory(iso3="ISR", iso2="IL", name="Israel"))


def _add(client: Client, model: type[models.Model], **fields: Any) -> tuple[str, dict]:
    url = _url(model, "add")
    return url, form_data(client.get(url)) | fields


def _event_ending_before_it_starts(client: Client) -> tuple[str, dict]:
    return _add(client, m.Event, kind=m.EventKind.MEETING, title="Talks",
                date="2026-01-27", date_end="2026-01-26")


def _event_dated_month_first(client: Client) -> tuple[str, dict]:
    # 2 March or 3 February? Refused, never guessed.
    return _add(client, m.Event, kind=m.EventKind.MEETING, title="Talks", date="03/02/2026")


def _event_ending_at_another_precision(client: Client) -> tuple[str, dict]:
    return _add(client, m.Event, kind=m.EventKind.MEETING, title="Talks",
                date="2024-06", date_end="2024-06-05")


def _statement_without_quote(client: Client) -> tuple[str, dict]:
    return _add(client, m.Statement, title="Said nothing", date="2026-01-26",
                speaker_person=f.PersonFactory().pk)


def _tenure_ending_before_it_starts(client: Client) -> tuple[str, dict]:
    return _add(client, m.Tenure, person=f.PersonFactory().pk, post=f.PostFactory().pk,
                start_date="2024-11-10", end_date="2024-01-01")


def _agreement_with_one_country(client: Client) -> tuple[str, dict]:
    aze, _ = _countries()
    return _add(client, m.Agreement, title="With itself", kind=m.AgreementKind.TRADE,
                formality=m.Formality.INFORMAL, first_party=aze.pk, second_party=aze.pk)


def _exchange_to_itself(client: Client) -> tuple[str, dict]:
    agreement = f.AgreementFactory(curation_status=m.CurationStatus.DRAFT)
    return _add(client, m.Exchange, agreement=agreement.pk, from_country=agreement.first_party_id,
                to_country=agreement.first_party_id, category=m.ExchangeCategory.ENERGY)


def _exchange_to_itself_inline(client: Client) -> tuple[str, dict]:
    agreement = f.AgreementFactory(curation_status=m.CurationStatus.DRAFT)
    url = _url(m.Agreement, "change", agreement.pk)
    data = add_inline_rows(form_data(client.get(url)), "exchanges", {
        "from_country": agreement.first_party_id, "to_country": agreement.first_party_id,
        "category": m.ExchangeCategory.ENERGY,
    })
    return url, data


def _participant_counted_under_another_country(client: Client) -> tuple[str, dict]:
    aze, isr = _countries()
    url, data = _add(client, m.Event, kind=m.EventKind.MEETING, title="Talks",
                     date="2026-01-26")
    add_inline_rows(data, "participants",
                    {"role": m.ParticipantRole.HOST, "actor": f"country:{aze.pk}",
                     "country": isr.pk})
    return url, data


def _the_same_participant_twice(client: Client) -> tuple[str, dict]:
    aze, _ = _countries()
    url, data = _add(client, m.Event, kind=m.EventKind.MEETING, title="Talks",
                     date="2026-01-26")
    row = {"role": m.ParticipantRole.HOST, "actor": f"country:{aze.pk}", "country": aze.pk}
    add_inline_rows(data, "participants", row, row)
    return url, data


@dataclass
class Case:
    build: Callable[[Client], tuple[str, dict]]
    # Tables that must not gain a row, with their history tables.
    untouched: tuple[type[models.Model], ...]

    def __str__(self) -> str:
        return self.build.__name__.lstrip("_")


CASES = [
    Case(_event_ending_before_it_starts, (m.Event,)),
    Case(_event_dated_month_first, (m.Event,)),
    Case(_event_ending_at_another_precision, (m.Event,)),
    Case(_statement_without_quote, (m.Event,)),
    Case(_tenure_ending_before_it_starts, (m.Tenure,)),
    Case(_agreement_with_one_country, (m.Agreement,)),
    Case(_exchange_to_itself, (m.Exchange,)),
    Case(_exchange_to_itself_inline, (m.Exchange, m.Agreement)),
    Case(_participant_counted_under_another_country, (m.Event, m.EventParticipant)),
    Case(_the_same_participant_twice, (m.Event, m.EventParticipant)),
]


def _counts(tables: tuple[type[models.Model], ...]) -> dict[str, int]:
    counts = {"log entries": LogEntry.objects.count()}
    for model in tables:
        counts[model.__name__] = model._base_manager.count()
        counts[f"history of {model.__name__}"] = model.history.count()
    return counts


@pytest.mark.parametrize("case", CASES, ids=str)
def test_invalid_form_shows_errors_and_writes_nothing(db, root_client, case: Case):
    url, data = case.build(root_client)
    before = _counts(case.untouched)

    response = root_client.post(url, data)

    assert response.status_code == 200
    assert form_errors(response)
    assert _counts(case.untouched) == before


def test_a_valid_form_from_the_same_builder_saves(db, root_client):
    """The cases above fail for their one broken value, not for a badly built form."""
    url, data = _event_ending_before_it_starts(root_client)
    data["date_end"] = "2026-01-28"

    response = root_client.post(url, data)

    assert response.status_code == 302
    assert m.Event.objects.get(title="Talks").date_end == D(2026, 1, 28)


def test_a_country_participant_saved_with_the_country_column_empty_is_counted(db, root_client):
    """The counted country is filled from the actor, so the event shows under the country."""
    aze, isr = _countries()
    url, data = _add(root_client, m.Event, kind=m.EventKind.MEETING, title="Talks",
                     date="2026-01-26")
    add_inline_rows(data, "participants",
                    {"role": m.ParticipantRole.HOST, "actor": f"country:{aze.pk}", "country": ""},
                    {"role": m.ParticipantRole.GUEST, "actor": f"country:{isr.pk}", "country": ""})

    assert root_client.post(url, data).status_code == 302

    event = m.Event.objects.get(title="Talks")
    assert sorted(event.participants.values_list("country", flat=True)) == ["AZE", "ISR"]
