"""people/: aliases and tenures in the representation; q over any alias ignoring case,
apostrophes and diacritics; country, post and in_office_on, where one tenure must
satisfy both post and in_office_on."""

from __future__ import annotations

import datetime

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error, get, id_set, ids

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = "2026-01-26"


def _tenure(person, post, start, end=None, start_precision="day", end_precision="day"):
    return f.TenureFactory(person=person, post=post, start_date=start, end_date=end,
                           start_precision=start_precision, end_precision=end_precision)


@pytest.fixture
def people(countries):
    aze, isr, kaz, rus = (countries[c] for c in ("AZE", "ISR", "KAZ", "RUS"))
    isr_fm = f.PostFactory(slug="isr-fm", label="Minister of Foreign Affairs", country=isr)
    aze_fm = f.PostFactory(slug="aze-fm", label="Minister of Foreign Affairs", country=aze)
    aze_envoy = f.PostFactory(slug="aze-envoy", label="Special Envoy", country=aze)
    kaz_president = f.PostFactory(slug="kaz-president", label="President", country=kaz)

    saar = f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar", sort_name="Sa'ar, Gideon",
                           nationality=isr)
    m.PersonAlias.objects.create(person=saar, name="Sa’ar", kind=m.AliasKind.ALIAS,
                                 language="en")
    m.PersonAlias.objects.create(person=saar, name="גדעון סער", kind=m.AliasKind.NATIVE,
                                 language="he")
    _tenure(saar, isr_fm, D(2024, 11, 1), start_precision="month")

    katz = f.PersonFactory(slug="israel-katz", name="Israel Katz", nationality=isr)
    _tenure(katz, isr_fm, D(2022, 12, 29), D(2024, 11, 5))          # ended

    tokayev = f.PersonFactory(slug="kassym-jomart-tokayev", name="Kassym-Jomart Tokayev",
                              nationality=kaz)
    m.PersonAlias.objects.create(person=tokayev, name="Tokaev",
                                 kind=m.AliasKind.TRANSLITERATION, language="en")
    m.PersonAlias.objects.create(person=tokayev, name="Toqaev",
                                 kind=m.AliasKind.TRANSLITERATION, language="kk-Latn")
    _tenure(tokayev, kaz_president, None)                             # start unknown, open

    # Held aze-fm in 2020 and aze-envoy from 2026: a Russian national in Azerbaijani posts.
    mover = f.PersonFactory(slug="mover", name="Ivan Mover", nationality=rus)
    _tenure(mover, aze_fm, D(2020, 1, 1), D(2020, 12, 31))
    _tenure(mover, aze_envoy, D(2026, 1, 1))

    # Unknown start, known end after the day: in office then.
    f_end = f.PersonFactory(slug="until-2030", name="Una Until", nationality=aze)
    _tenure(f_end, aze_envoy, None, D(2030, 1, 1))
    # Starts after the day.
    later = f.PersonFactory(slug="later", name="Lara Later", nationality=aze)
    _tenure(later, aze_fm, D(2027, 3, 1))
    # No tenure at all.
    f.PersonFactory(slug="nobody", name="Noah Body", nationality=kaz)
    return {"isr_fm": isr_fm, "aze_fm": aze_fm, "aze_envoy": aze_envoy}


def test_representation_with_aliases_and_tenures(anon, people):
    body = get(anon, "people/gideon-saar/")
    tenure = m.Tenure.objects.get(person__slug="gideon-saar")
    assert {k: body[k] for k in ("id", "url", "name", "sort_name", "nationality")} == {
        "id": "gideon-saar",
        "url": "http://testserver/api/v1/people/gideon-saar/",
        "name": "Gideon Sa'ar",
        "sort_name": "Sa'ar, Gideon",
        "nationality": "ISR",
    }
    assert sorted(body["aliases"], key=lambda a: a["name"]) == [
        {"name": "Sa’ar", "kind": "alias", "language": "en"},
        {"name": "גדעון סער", "kind": "native", "language": "he"},
    ]
    assert body["tenures"] == [{
        "id": tenure.uid,
        "post": {"id": "isr-fm", "label": "Minister of Foreign Affairs", "country": "ISR"},
        "start_date": "2024-11-01",
        "start_precision": "month",
        "end_date": None,
        "end_precision": "day",
        "note": "",
    }]


def test_tenures_are_listed_in_date_order_with_their_ends(anon, people):
    tenures = get(anon, "people/mover/")["tenures"]
    assert [(t["post"]["id"], t["start_date"], t["end_date"]) for t in tenures] == [
        ("aze-fm", "2020-01-01", "2020-12-31"), ("aze-envoy", "2026-01-01", None)]
    assert tenures[1]["post"]["country"] == "AZE"


def test_list_is_ordered_by_name_and_unknown_slug_is_404(anon, people):
    assert ids(get(anon, "people/")) == [
        "gideon-saar", "israel-katz", "mover", "kassym-jomart-tokayev", "later", "nobody",
        "until-2030"]
    assert anon.get(f"{API}/people/no-one/").status_code == 404


@pytest.mark.parametrize(("q", "expected"), [
    ("saar", {"gideon-saar"}),
    ("SA’AR", {"gideon-saar"}),
    ("sa'ar", {"gideon-saar"}),
    ("Sa`ar", {"gideon-saar"}),
    ("gideon", {"gideon-saar"}),
    ("סער", {"gideon-saar"}),             # native-script alias
    ("tokaev", {"kassym-jomart-tokayev"}),  # only an alias has this spelling
    ("TOQAEV", {"kassym-jomart-tokayev"}),
    ("Tokayev", {"kassym-jomart-tokayev"}),
    ("Tokaýev", {"kassym-jomart-tokayev"}),  # diacritic ignored
    ("israel", {"israel-katz"}),
    ("zzz", set()),
])
def test_q_matches_any_alias_ignoring_case_apostrophes_and_diacritics(anon, people, q,
                                                                      expected):
    assert id_set(anon, "people/", {"q": q}) == expected


def test_q_lists_a_person_once_however_many_aliases_match(anon, people):
    assert ids(get(anon, "people/", {"q": "a"})).count("gideon-saar") == 1


@pytest.mark.parametrize(("country", "expected"), [
    ("ISR", {"gideon-saar", "israel-katz"}),
    ("KAZ", {"kassym-jomart-tokayev", "nobody"}),
    # Nationality AZE, or a Russian who held Azerbaijani posts.
    ("AZE", {"until-2030", "later", "mover"}),
    ("RUS", {"mover"}),
    ("ISR,KAZ", {"gideon-saar", "israel-katz", "kassym-jomart-tokayev", "nobody"}),
])
def test_country_is_nationality_or_a_posts_country(anon, people, country, expected):
    assert id_set(anon, "people/", {"country": country}) == expected


def test_post_alone_means_at_any_time(anon, people):
    assert id_set(anon, "people/", {"post": "isr-fm"}) == {"gideon-saar", "israel-katz"}
    assert id_set(anon, "people/", {"post": "aze-fm"}) == {"mover", "later"}
    assert id_set(anon, "people/", {"post": "aze-fm,kaz-president"}) == {
        "mover", "later", "kassym-jomart-tokayev"}


def test_in_office_on_alone(anon, people):
    # Open ends and unknown starts count as open; ended tenures and future ones do not.
    assert id_set(anon, "people/", {"in_office_on": DAY}) == {
        "gideon-saar", "kassym-jomart-tokayev", "mover", "until-2030"}
    assert id_set(anon, "people/", {"in_office_on": "2020-06-01"}) == {
        "kassym-jomart-tokayev", "mover", "until-2030"}
    assert id_set(anon, "people/", {"in_office_on": "2023-06-01"}) == {
        "israel-katz", "kassym-jomart-tokayev", "until-2030"}


def test_tenure_bounds_are_inclusive(anon, people):
    assert "israel-katz" in id_set(anon, "people/", {"in_office_on": "2024-11-05"})
    assert "israel-katz" not in id_set(anon, "people/", {"in_office_on": "2024-11-06"})
    assert "israel-katz" in id_set(anon, "people/", {"in_office_on": "2022-12-29"})
    assert "israel-katz" not in id_set(anon, "people/", {"in_office_on": "2022-12-28"})


def test_month_precision_start_counts_from_the_first_of_the_month(anon, people):
    assert "gideon-saar" in id_set(anon, "people/", {"in_office_on": "2024-11-01"})
    assert "gideon-saar" not in id_set(anon, "people/", {"in_office_on": "2024-10-31"})


def test_month_precision_end_covers_the_whole_month(anon, people, countries):
    # A year-precision end likewise covers its year.
    year_person = f.PersonFactory(slug="left-in-2026", name="Yara Year",
                                  nationality=countries["AZE"])
    _tenure(year_person, people["aze_fm"], D(2025, 1, 1), D(2026, 1, 1), end_precision="year")
    assert "left-in-2026" in id_set(anon, "people/", {"in_office_on": "2026-12-31"})
    assert "left-in-2026" not in id_set(anon, "people/", {"in_office_on": "2027-01-01"})
    # Left "in January 2026": stored as 2026-01-01, still possibly in office on the 26th.
    person = f.PersonFactory(slug="left-in-january", name="Leo Left",
                             nationality=countries["AZE"])
    _tenure(person, people["aze_fm"], D(2025, 1, 1), D(2026, 1, 1), end_precision="month")
    assert "left-in-january" in id_set(anon, "people/", {"in_office_on": DAY})
    assert "left-in-january" not in id_set(anon, "people/", {"in_office_on": "2026-02-01"})


def test_post_and_in_office_on_must_hold_for_the_same_tenure(anon, people):
    assert id_set(anon, "people/", {"post": "isr-fm", "in_office_on": DAY}) == {"gideon-saar"}
    # mover held aze-fm in 2020 and aze-envoy in 2026: neither combination crosses over.
    assert id_set(anon, "people/", {"post": "aze-fm", "in_office_on": DAY}) == set()
    assert id_set(anon, "people/", {"post": "aze-envoy", "in_office_on": DAY}) == {
        "mover", "until-2030"}
    assert id_set(anon, "people/", {"post": "aze-envoy", "in_office_on": "2020-06-01"}) == {
        "until-2030"}
    assert id_set(anon, "people/", {"post": "aze-fm", "in_office_on": "2020-06-01"}) == {
        "mover"}
    assert id_set(anon, "people/", {"post": "isr-fm", "in_office_on": "2023-06-01"}) == {
        "israel-katz"}


def test_post_in_office_on_and_country_combine(anon, people):
    assert id_set(anon, "people/", {"post": "aze-envoy", "in_office_on": DAY,
                                    "country": "RUS"}) == {"mover"}
    assert id_set(anon, "people/", {"q": "una", "in_office_on": DAY}) == {"until-2030"}


@pytest.mark.parametrize(("params", "name"), [
    ({"post": "no-such-post"}, "post"),
    ({"country": "XXX"}, "country"),
    ({"in_office_on": "2026-02-30"}, "in_office_on"),
    ({"in_office_on": "yesterday"}, "in_office_on"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_filters_are_400s_naming_the_parameter(anon, people, params, name):
    assert_error(anon.get(f"{API}/people/", params), name)
