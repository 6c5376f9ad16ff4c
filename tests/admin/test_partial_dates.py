"""Dates as people write them: one parser for admin and API, and the admin fields using it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from diplomacy import models as m
from diplomacy.models.partial_dates import (
    PartialDate,
    parse_partial_date,
    partial_date_text,
    partial_date_words,
)
from tests import factories as f

from .helpers import form_data, form_errors

D = datetime.date


@pytest.mark.parametrize("text, expected", [
    ("2024", PartialDate(D(2024, 1, 1), "year", False)),
    ("2024-03", PartialDate(D(2024, 3, 1), "month", False)),
    ("2024-3", PartialDate(D(2024, 3, 1), "month", False)),
    ("2024-03-15", PartialDate(D(2024, 3, 15), "day", False)),
    ("~2025", PartialDate(D(2025, 1, 1), "year", True)),
    (" ~2025-07 ", PartialDate(D(2025, 7, 1), "month", True)),
])
def test_written_dates_parse_to_date_precision_and_approximate(text, expected):
    assert parse_partial_date(text) == expected
    assert str(parse_partial_date(text)) == text.strip().replace("-3", "-03")


@pytest.mark.parametrize("text", ["03/02/2026", "2/3/2026", "March 2024", "24-03", "2024-13",
                                  "2024-02-30", "", "2024/03/15", "15.03.2024"])
def test_anything_else_is_refused_with_the_accepted_forms(text):
    with pytest.raises(ValidationError) as caught:
        parse_partial_date(text)
    assert "2024-03-15" in caught.value.messages[0]


def test_dates_read_back_at_their_precision():
    assert partial_date_text(D(2024, 3, 1), "month") == "2024-03"
    assert partial_date_text(D(2023, 1, 1), "year", approximate=True) == "~2023"
    assert partial_date_words(D(2023, 1, 1), "year") == "2023"
    assert partial_date_words(D(2024, 3, 1), "month") == "March 2024"
    assert partial_date_words(D(2024, 3, 15), "day", approximate=True) == "c. 2024-03-15"
    assert partial_date_words(None, "day") == "—"


@pytest.mark.parametrize("written, date, precision, approximate", [
    ("2024", D(2024, 1, 1), "year", False),
    ("2026-02", D(2026, 2, 1), "month", False),
    ("~2025", D(2025, 1, 1), "year", True),
    ("2026-01-26", D(2026, 1, 26), "day", False),
])
def test_the_event_form_sets_date_precision_and_approximate(db, root_client, written, date,
                                                           precision, approximate):
    url = reverse("admin:diplomacy_meeting_add")
    data = form_data(root_client.get(url)) | {"title": "Talks", "date": written}
    response = root_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    event = m.Event.objects.get(title="Talks")
    assert (event.date, event.date_precision, event.approximate) == (date, precision,
                                                                     approximate)


def test_a_month_first_date_is_refused_next_to_the_field(db, root_client):
    url = reverse("admin:diplomacy_meeting_add")
    data = form_data(root_client.get(url)) | {"title": "Talks", "date": "03/02/2026"}
    response = root_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "2024-03-15" in errors["date"][0]
    assert not m.Event.objects.exists()


def test_the_change_form_shows_the_date_as_written_and_lists_show_its_precision(db,
                                                                              root_client):
    event = f.EventFactory(date=D(2023, 1, 1), date_precision="year", approximate=True,
                           curation_status=m.CurationStatus.DRAFT)
    f.EventFactory(date=D(2024, 3, 1), date_precision="month")
    response = root_client.get(reverse("admin:diplomacy_event_change", args=[event.pk]))
    assert form_data(response)["date"] == "~2023"
    listing = root_client.get(reverse("admin:diplomacy_event_changelist")).content.decode()
    assert "c. 2023" in listing
    assert "March 2024" in listing
    assert "Jan. 1, 2023" not in listing


def test_agreement_dates_each_keep_their_precision(db, root_client):
    agreement = f.AgreementFactory(curation_status=m.CurationStatus.DRAFT)
    url = reverse("admin:diplomacy_agreement_change", args=[agreement.pk])
    data = form_data(root_client.get(url)) | {"start_date": "2024-03", "end_date": "2026"}
    response = root_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    agreement.refresh_from_db()
    assert (agreement.start_date, agreement.start_precision) == (D(2024, 3, 1), "month")
    assert (agreement.end_date, agreement.end_precision) == (D(2026, 1, 1), "year")
