"""topics/ and cameo-codes/: the vocabularies events are coded with, so a client can
discover the values the topic and cameo filters take."""

from __future__ import annotations

from decimal import Decimal

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, get, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def codes(db):
    root = m.CameoCode.objects.create(code="04", name="Consult", goldstein=Decimal("1.0"))
    m.CameoCode.objects.create(code="042", name="Make a visit", root=root,
                               goldstein=Decimal("1.9"), plover_type="CONSULT",
                               plover_mode="visit")
    m.CameoCode.objects.create(code="18", name="Assault", goldstein=Decimal("-9.0"))


def test_topics_list_every_topic(anon, db):
    f.TopicFactory(slug="energy", name="Energy")
    f.TopicFactory(slug="trade", name="Trade")
    body = get(anon, "topics/")
    assert ids(body) == ["energy", "trade"]
    assert body["results"][0]["url"] == "http://testserver/api/v1/topics/energy/"


def test_cameo_codes_by_prefix_and_plover_type(anon, codes):
    assert ids(get(anon, "cameo-codes/")) == ["04", "042", "18"]
    assert ids(get(anon, "cameo-codes/", {"code": "04"})) == ["04", "042"]
    assert ids(get(anon, "cameo-codes/", {"plover_type": "CONSULT"})) == ["042"]
    assert get(anon, "cameo-codes/042/") == {
        "id": "042", "url": "http://testserver/api/v1/cameo-codes/042/", "name": "Make a visit",
        "goldstein": 1.9, "root": "04", "plover_type": "CONSULT", "plover_mode": "visit",
        "plover_context": ""}


def test_bad_code_is_named(anon, codes):
    assert_error(anon.get(f"{API}/cameo-codes/", {"code": "x"}), "code")
