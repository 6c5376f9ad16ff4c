"""The streamed release writes what Django's own serializer writes, rows in natural-key
order as Python sorts them, and leaves out local bookkeeping fields."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core import serializers
from django.db.models import DecimalField

from diplomacy import models as m
from diplomacy.services.releases import release_write
from diplomacy.services.releases.contents import FIXTURE_MODELS, release_selection
from diplomacy.services.releases.keys import LOCAL_FIELDS, released_fields
from diplomacy.services.releases.rows import iter_rows

pytestmark = pytest.mark.usefixtures("seed_data")


def _instances(model, pks: list) -> list:
    """The rows ``pks`` as model instances, in that order, as a release shows them: related
    lists by public id, decimals at their fixed places, links to unpublished records
    empty."""
    lists = [field.name for field in model._meta.local_many_to_many]
    by_pk = model._base_manager.prefetch_related(*lists).in_bulk(pks)
    objects = [by_pk[pk] for pk in pks]
    for obj in objects:
        for name in lists:
            obj._prefetched_objects_cache[name]._result_cache.sort(
                key=lambda related: getattr(related, "slug", None) or related.pk)
        for field in model._meta.concrete_fields:
            value = getattr(obj, field.attname)
            if isinstance(field, DecimalField) and value is not None:
                setattr(obj, field.attname,
                        Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
        if isinstance(obj, m.Event):
            for name in ("occasion", "agreement"):
                if getattr(obj, f"{name}_id") and not getattr(obj, name).is_published:
                    setattr(obj, name, None)
    return objects


def _natural_order(obj) -> tuple[str, ...]:
    key = obj.natural_key() if hasattr(obj, "natural_key") else (obj.pk,)
    return tuple("" if part is None else str(part) for part in key)


def _django_fixture() -> bytes:
    """The seed's release fixture as Django's own ``serializers.serialize`` writes it,
    from model instances sorted by natural key in Python (what the database's ordering
    must agree with)."""
    selection = release_selection()
    objects = []
    for model in FIXTURE_MODELS:
        pks = [pk for pk, _row in iter_rows(selection, model)]
        objects += sorted(_instances(model, pks), key=_natural_order)
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
