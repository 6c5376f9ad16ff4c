"""The shipped fixtures: natural keys only, load in one call in any order, load twice
without change, and survive a dump → load → dump round trip unchanged."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

FIXTURES = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))


def _entries(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _canonical(entry: dict) -> str:
    """One fixture entry as a comparable string; many-to-many lists are unordered."""
    model = apps.get_model(entry["model"])
    fields = dict(entry["fields"])
    # A record's version counts edits made here; the shipped data starts every record at 1.
    fields.pop("version", None)
    for field in model._meta.many_to_many:
        if field.name in fields:
            fields[field.name] = sorted(fields[field.name], key=json.dumps)
    return json.dumps({"model": entry["model"], "pk": entry.get("pk"), "fields": fields},
                      sort_keys=True, ensure_ascii=False)


def _dump(model_labels: set[str]) -> list[dict]:
    objects = [
        obj
        for label in sorted(model_labels)
        for obj in apps.get_model(label)._default_manager.order_by("pk")
    ]
    return json.loads(serializers.serialize(
        "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True,
    ))


def _database_snapshot() -> Counter:
    labels = {entry["model"] for path in FIXTURES for entry in _entries(path)}
    return Counter(_canonical(entry) for entry in _dump(labels))


def test_fixtures_are_shipped():
    names = {path.name for path in FIXTURES}
    assert {"countries.json", "taxonomy.json", "topics.json", "seed.json"} <= names


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_uses_natural_keys_only(path: Path):
    """A numeric primary key would tie the file to one database's sequence."""
    for entry in _entries(path):
        pk = entry.get("pk")
        assert pk is None or isinstance(pk, str), entry
        model = apps.get_model(entry["model"])
        for field in model._meta.concrete_fields:
            if field.is_relation and field.name in entry["fields"]:
                value = entry["fields"][field.name]
                assert not isinstance(value, int), (entry["model"], field.name, value)


@pytest.mark.django_db
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_round_trip_reproduces_each_fixture(path: Path):
    """Load everything into an empty database, dump this file's models: same objects."""
    call_command("loaddata", *map(str, FIXTURES), verbosity=0)
    expected = [_canonical(entry) for entry in _entries(path)]
    labels = {entry["model"] for entry in _entries(path)}
    dumped = [_canonical(entry) for entry in _dump(labels)]
    assert Counter(dumped) == Counter(expected)


@pytest.mark.django_db
def test_any_order_and_a_second_load_change_nothing():
    call_command("loaddata", *map(str, reversed(FIXTURES)), verbosity=0)
    first = _database_snapshot()
    # Loading data is not editing it: no change history, not even for many-to-many sets.
    assert _history_rows() == 0

    call_command("loaddata", *map(str, FIXTURES), verbosity=0)

    assert _database_snapshot() == first
    assert _history_rows() == 0


def _history_rows() -> int:
    historical = [model for model in apps.get_app_config("diplomacy").get_models()
                  if model.__name__.startswith("Historical")]
    return sum(model.objects.count() for model in historical)
