"""people/: named individuals with their aliases and the posts they held (tenures).

Filters: q over the name and any alias, ignoring case, apostrophes and diacritics;
country (nationality, or a post held in that country); post and in_office_on, which one
tenure must satisfy together (unknown starts and ends are open, ends widened by their
precision). People are not curated records, so anonymous readers see them all. The seed
questions run on the shipped seed, loaded for their class only.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, D, assert_error, get, id_set, ids

pytestmark = pytest.mark.django_db

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

    # A native-script alias with letters of its own (İ, ə); no tenure.
    aliyev = f.PersonFactory(slug="ilham-aliyev", name="Ilham Aliyev", nationality=aze)
    m.PersonAlias.objects.create(person=aliyev, name="İlham Əliyev", kind=m.AliasKind.NATIVE,
                                 language="az")

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


# --- Representation --------------------------------------------------------------------------


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
    assert tenure.uid.startswith("tn-")
    assert body["tenures"] == [{
        "id": tenure.uid,
        "post": {"id": "isr-fm", "label": "Minister of Foreign Affairs", "country": "ISR"},
        "start_date": "2024-11-01",
        "start_precision": "month",
        "end_date": None,
        "end_precision": "day",
        "note": "",
    }]
    # The list shows each row exactly as its detail does, on one page.
    listed = get(anon, "people/")
    assert listed["next"] is None and listed["previous"] is None
    assert {row["id"]: row for row in listed["results"]}["gideon-saar"] == body


def test_tenures_are_listed_in_date_order_with_their_ends(anon, people):
    tenures = get(anon, "people/mover/")["tenures"]
    assert [(t["post"]["id"], t["start_date"], t["end_date"]) for t in tenures] == [
        ("aze-fm", "2020-01-01", "2020-12-31"), ("aze-envoy", "2026-01-01", None)]
    assert tenures[1]["post"]["country"] == "AZE"


def test_list_is_ordered_by_name_and_unknown_slug_is_404(anon, people):
    assert ids(get(anon, "people/")) == [
        "gideon-saar", "ilham-aliyev", "israel-katz", "mover", "kassym-jomart-tokayev",
        "later", "nobody", "until-2030"]
    assert anon.get(f"{API}/people/no-one/").status_code == 404


# --- q ---------------------------------------------------------------------------------------


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
    ("Əliyev", {"ilham-aliyev"}),          # ə is a letter of its own, kept
    ("ilham", {"ilham-aliyev"}),
    ("israel", {"israel-katz"}),
    ("zzz", set()),
])
def test_q_matches_any_alias_ignoring_case_apostrophes_and_diacritics(anon, people, q,
                                                                      expected):
    assert id_set(anon, "people/", {"q": q}) == expected


def test_q_lists_a_person_once_however_many_aliases_match(anon, people):
    # saar matches both the name and the alias Sa’ar.
    assert ids(get(anon, "people/", {"q": "saar"})) == ["gideon-saar"]
    assert ids(get(anon, "people/", {"q": "a"})).count("gideon-saar") == 1


# --- country ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("country", "expected"), [
    ("ISR", {"gideon-saar", "israel-katz"}),
    ("KAZ", {"kassym-jomart-tokayev", "nobody"}),
    # Nationality AZE, or a Russian who held Azerbaijani posts.
    ("AZE", {"ilham-aliyev", "until-2030", "later", "mover"}),
    ("RUS", {"mover"}),
    ("ISR,KAZ", {"gideon-saar", "israel-katz", "kassym-jomart-tokayev", "nobody"}),
])
def test_country_is_nationality_or_a_posts_country(anon, people, country, expected):
    assert id_set(anon, "people/", {"country": country}) == expected


# --- post and in_office_on ---------------------------------------------------------------


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


@pytest.mark.parametrize(("post", "day", "expected"), [
    ("isr-fm", DAY, {"gideon-saar"}),
    # mover held aze-fm in 2020 and aze-envoy in 2026: neither combination crosses over.
    ("aze-fm", DAY, set()),
    ("aze-envoy", DAY, {"mover", "until-2030"}),
    ("aze-envoy", "2020-06-01", {"until-2030"}),
    ("aze-fm", "2020-06-01", {"mover"}),
    ("isr-fm", "2023-06-01", {"israel-katz"}),
    # Both ends of a tenure are inclusive, also with a post given.
    ("isr-fm", "2022-12-28", set()),
    ("isr-fm", "2022-12-29", {"israel-katz"}),
    ("isr-fm", "2024-10-31", {"israel-katz"}),
    ("isr-fm", "2024-11-05", {"israel-katz", "gideon-saar"}),  # the handover month
    ("isr-fm", "2024-11-06", {"gideon-saar"}),
])
def test_post_and_in_office_on_must_hold_for_the_same_tenure(anon, people, post, day,
                                                             expected):
    assert id_set(anon, "people/", {"post": post, "in_office_on": day}) == expected


def test_post_in_office_on_and_country_combine(anon, people):
    assert id_set(anon, "people/", {"post": "aze-envoy", "in_office_on": DAY,
                                    "country": "RUS"}) == {"mover"}
    assert id_set(anon, "people/", {"q": "una", "in_office_on": DAY}) == {"until-2030"}


# --- Bad filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "name"), [
    ({"post": "no-such-post"}, "post"),
    ({"country": "XXX"}, "country"),
    ({"country": "ISRAEL"}, "country"),          # a name, not a code
    ({"in_office_on": "2026-02-30"}, "in_office_on"),
    ({"in_office_on": "26/01/2026"}, "in_office_on"),
    ({"in_office_on": "yesterday"}, "in_office_on"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_filters_are_400s_naming_the_parameter(anon, people, params, name):
    body = assert_error(anon.get(f"{API}/people/", params), name)
    assert name in body


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_israels_foreign_minister_on_2026_01_26(self, anon):
        body = get(anon, "people/", {"post": "isr-minister-of-foreign-affairs",
                                     "in_office_on": DAY})
        assert ids(body) == ["gideon-saar"]

    @pytest.mark.parametrize(("q", "expected"), [
        ("saar", "gideon-saar"), ("SA’AR", "gideon-saar"),
        ("tokaev", "kassym-jomart-tokayev")])
    def test_name_search(self, anon, q, expected):
        assert id_set(anon, "people/", {"q": q}) == {expected}

    def test_israels_foreign_minister_on_the_day(self, anon):
        body = get(anon, "people/", {"post": "isr-minister-of-foreign-affairs",
                                     "in_office_on": DAY})
        assert ids(body) == ["gideon-saar"]
        person = body["results"][0]
        assert person["name"] == "Gideon Sa'ar"
        assert [t["post"]["id"] for t in person["tenures"]] == ["isr-minister-of-foreign-affairs"]

    def test_azerbaijan_and_kazakhstan_office_holders_on_the_day(self, anon):
        assert id_set(anon, "people/", {"in_office_on": DAY, "country": "AZE"}) == {
            "ilham-aliyev", "jeyhun-bayramov"}
        assert id_set(anon, "people/", {"post": "kaz-president", "in_office_on": DAY}) == {
            "kassym-jomart-tokayev"}

    @pytest.mark.parametrize(("q", "expected"), [
        ("saar", {"gideon-saar"}),
        ("Sa’ar", {"gideon-saar"}),
        ("SA'AR", {"gideon-saar"}),
        ("tokaev", {"kassym-jomart-tokayev"}),
        ("Toqaev", {"kassym-jomart-tokayev"}),
        ("aliev", {"ilham-aliyev"}),
    ])
    def test_people_by_any_spelling(self, anon, q, expected):
        assert id_set(anon, "people/", {"q": q}) == expected
