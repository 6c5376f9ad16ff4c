"""posts/: the offices people hold (Popolo's posts), by state, holder and day."""

from __future__ import annotations

import pytest

from tests import factories as f

from .helpers import API, D, assert_error, get, id_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices(countries):
    isr_fm = f.PostFactory(slug="isr-fm", label="Minister of Foreign Affairs",
                           country=countries["ISR"])
    aze_fm = f.PostFactory(slug="aze-fm", label="Minister of Foreign Affairs",
                           country=countries["AZE"])
    saar = f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar")
    f.TenureFactory(person=saar, post=isr_fm, start_date=D(2024, 11, 10))
    f.TenureFactory(post=aze_fm, start_date=D(2020, 7, 16))
    return {"isr_fm": isr_fm, "aze_fm": aze_fm}


def test_representation(anon, offices):
    body = get(anon, "posts/isr-fm/")
    assert body == {"id": "isr-fm", "url": "http://testserver/api/v1/posts/isr-fm/",
                    "label": "Minister of Foreign Affairs", "country": "ISR",
                    "organisation": None}


@pytest.mark.parametrize(("params", "expected"), [
    ({}, {"isr-fm", "aze-fm"}),
    ({"country": "ISR"}, {"isr-fm"}),
    ({"person": "gideon-saar"}, {"isr-fm"}),
    ({"on": "2024-01-01"}, {"aze-fm"}),
    ({"on": "2026-01-26"}, {"isr-fm", "aze-fm"}),
    ({"post": "aze-fm"}, {"aze-fm"}),
])
def test_filters(anon, offices, params, expected):
    assert id_set(anon, "posts/", params) == expected


@pytest.mark.parametrize(("params", "name"), [({"country": "XYZ"}, "country"),
                                              ({"person": "nobody"}, "person"),
                                              ({"on": "2026-02-30"}, "on")])
def test_bad_filters_are_named(anon, offices, params, name):
    assert_error(anon.get(f"{API}/posts/", params), name)
