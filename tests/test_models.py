"""Small derived properties of the models."""

from __future__ import annotations

import datetime

import pytest

from diplomacy.models import Event, search_key


@pytest.mark.parametrize(("date", "precision", "approximate", "label"), [
    (datetime.date(2024, 3, 22), "day", False, "2024-03-22 Attack"),
    (datetime.date(2024, 3, 1), "month", False, "2024-03 Attack"),
    (datetime.date(2024, 1, 1), "year", True, "~2024 Attack"),
])
def test_an_event_reads_at_its_precision(date, precision, approximate, label):
    event = Event(title="Attack", date=date, date_precision=precision, approximate=approximate)
    assert str(event) == label


@pytest.mark.parametrize(("written", "folded"), [
    ("Sa’ar", "saar"), ("Sa'ar", "saar"), ("SAAR", "saar"), ("Tokaýev", "tokayev"),
    ("İlham Əliyev", "ilham əliyev"), ("Dövlət  Təhlükəsizliyi", "dovlət təhlukəsizliyi"),
])
def test_search_key_ignores_case_apostrophes_and_diacritics(written, folded):
    assert search_key(written) == folded
