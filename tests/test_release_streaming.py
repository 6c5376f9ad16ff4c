"""The streamed release writes what Django's own serializer writes, rows in the order the
old whole-table sort gave, and leaves out local bookkeeping fields."""

from __future__ import annotations

import json

import pytest
from django.core import serializers

from diplomacy import models as m
from diplomacy.services.releases import release_write
from diplomacy.services.releases.contents import (
    FIXTURE_MODELS,
    fetch_pks,
    iter_rows,
    release_selection,
)
from diplomacy.services.releases.keys import LOCAL_FIELDS, released_fields

pytestmark = pytest.mark.usefixtures("seed_data")


def _django_fixture() -> bytes:
    """The seed's release fixture as ``serializers.serialize`` writes it, from rows
    fetched whole and sorted in Python by natural key (the former way)."""
    selection = release_selection()
    objects = []
    for model in FIXTURE_MODELS:
        pks = [obj.pk for obj in iter_rows(selection, model)]
        objects += fetch_pks(model, pks)
    for obj in objects:
        if isinstance(obj, m.Event) and obj.occasion_id and not obj.occasion.is_published:
            obj.occasion = None
    fields = sorted({name for model in FIXTURE_MODELS for name in released_fields(model)})
    text = serializers.serialize("json", objects, indent=2, use_natural_foreign_keys=True,
                                 use_natural_primary_keys=True, fields=fields)
    return (text.rstrip("\n") + "\n").encode("utf-8")


def test_the_streamed_fixture_is_byte_identical_to_djangos_serializer(tmp_path):
    release_write(out_dir=tmp_path / "r", version="1.0")

    assert (tmp_path / "r/fixture.json").read_bytes() == _django_fixture()


def test_local_bookkeeping_fields_never_reach_a_release(tmp_path):
    m.Event.objects.update(version=7)
    release_write(out_dir=tmp_path / "r", version="1.0")

    objects = json.loads((tmp_path / "r/fixture.json").read_text(encoding="utf-8"))
    assert objects and not any(LOCAL_FIELDS & set(obj["fields"]) for obj in objects)
    for path in (tmp_path / "r/data").glob("*.csv"):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert not LOCAL_FIELDS & set(header), path
