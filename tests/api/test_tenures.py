"""tenures/: who held which post from when to when, each end at its precision."""

from __future__ import annotations

import pytest

from tests import factories as f

from .helpers import API, D, assert_error, get, id_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenures(countries):
    post = f.PostFactory(slug="isr-fm", country=countries["ISR"])
    before = f.TenureFactory(uid="tn-before00", post=post, start_date=D(2023, 1, 1),
                             end_date=D(2024, 11, 1), end_precision="month")
    now = f.TenureFactory(uid="tn-now00000", post=post, start_date=D(2024, 11, 10),
                          person=f.PersonFactory(slug="gideon-saar"))
    return {"before": before, "now": now}


def test_representation(anon, tenures):
    body = get(anon, "tenures/tn-before00/")
    assert body["url"] == "http://testserver/api/v1/tenures/tn-before00/"
    assert body["post"]["id"] == "isr-fm"
    assert (body["start_date"], body["end_date"], body["end_precision"]) == (
        "2023-01-01", "2024-11-01", "month")
    assert set(body["person"]) == {"id", "name"}


@pytest.mark.parametrize(("params", "expected"), [
    ({"on": "2024-11-05"}, {"tn-before00"}),     # "until November 2024" covers the 5th
    ({"on": "2024-11-10"}, {"tn-before00", "tn-now00000"}),
    ({"on": "2026-01-26"}, {"tn-now00000"}),
    ({"person": "gideon-saar"}, {"tn-now00000"}),
    ({"country": "ISR", "post": "isr-fm"}, {"tn-before00", "tn-now00000"}),
])
def test_filters(anon, tenures, params, expected):
    assert id_set(anon, "tenures/", params) == expected


def test_bad_day_is_named(anon, tenures):
    assert_error(anon.get(f"{API}/tenures/", {"on": "yesterday"}), "on")
