"""sources/: the documents claims rest on, with their publisher.

Filters: publisher (comma list), kind, published_from and published_to (inclusive; an
undated source is never in a range) and q over titles and authors. Sources are not
curated records, so anonymous readers see them all; alice (curator) adds and corrects
them, anonymous readers may not. The seed questions run on the shipped seed, loaded for
their class only.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, D, assert_error, edit, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(countries):
    isr = countries["ISR"]
    ynet = f.OrganisationFactory(slug="ynet", name="Ynet", kind=m.OrganisationKind.MEDIA_OUTLET,
                                 country=isr)
    toi = f.OrganisationFactory(slug="times-of-israel", name="The Times of Israel",
                                kind=m.OrganisationKind.MEDIA_OUTLET, country=isr)
    dtx = f.OrganisationFactory(slug="dtx", name="State Security Service",
                                kind=m.OrganisationKind.SECURITY_SERVICE, country=countries["AZE"])
    return {
        "ynet_plot": f.SourceFactory(kind=m.SourceKind.NEWS_REPORT, publisher=ynet,
                                     title="Embassy named as the target of the foiled plot",
                                     author="Itamar Eichner", url="https://www.ynet.co.il/1",
                                     published_on=D(2026, 1, 27), language="he").uid,
        "ynet_visit": f.SourceFactory(kind=m.SourceKind.NEWS_REPORT, publisher=ynet,
                                      title="Foreign minister lands in Baku",
                                      published_on=D(2026, 1, 28), language="he").uid,
        "toi": f.SourceFactory(kind=m.SourceKind.NEWS_REPORT, publisher=toi,
                               title="Report corroborates the embassy target",
                               published_on=D(2026, 1, 26), language="en").uid,
        "dtx": f.SourceFactory(kind=m.SourceKind.OFFICIAL_STATEMENT, publisher=dtx,
                               title="Statement on the arrest of three nationals",
                               published_on=D(2026, 1, 26), language="az").uid,
        "undated": f.SourceFactory(kind=m.SourceKind.SOCIAL_MEDIA_POST, publisher=None,
                                   title="A post about meetings in Baku", author="Gideon Sa'ar",
                                   url="", published_on=None, language="").uid,
    }


# --- Representation --------------------------------------------------------------------------


def test_representation(anon, sources):
    uid = sources["ynet_plot"]
    body = get(anon, f"sources/{uid}/")
    assert body == {
        "id": uid,
        "url": f"http://testserver/api/v1/sources/{uid}/",
        "kind": "news_report",
        "title": "Embassy named as the target of the foiled plot",
        "publisher": {"type": "organization", "id": "ynet", "name": "Ynet"},
        "author": "Itamar Eichner",
        "link": "https://www.ynet.co.il/1",
        "published_on": "2026-01-27",
        "language": "he",
        "note": "",
    }
    # The list shows each row exactly as its detail does, on one page.
    listed = get(anon, "sources/")
    assert listed["next"] is None and listed["previous"] is None
    assert {row["id"]: row for row in listed["results"]}[uid] == body


def test_source_without_publisher_or_date(anon, sources):
    body = get(anon, f"sources/{sources['undated']}/")
    assert body["publisher"] is None
    assert body["published_on"] is None
    assert body["link"] == ""
    assert body["author"] == "Gideon Sa'ar"


def test_list_has_every_source_in_id_order_and_unknown_id_is_404(anon, sources):
    listed = ids(get(anon, "sources/"))
    assert sorted(listed) == listed
    assert set(listed) == set(sources.values())
    assert anon.get(f"{API}/sources/src-00000000/").status_code == 404


# --- publisher and kind ----------------------------------------------------------------------


@pytest.mark.parametrize(("publisher", "expected"), [
    ("ynet", {"ynet_plot", "ynet_visit"}),
    ("times-of-israel", {"toi"}),
    ("ynet,dtx", {"ynet_plot", "ynet_visit", "dtx"}),
])
def test_publisher(anon, sources, publisher, expected):
    assert id_set(anon, "sources/", {"publisher": publisher}) == {sources[k] for k in expected}


def test_kind(anon, sources):
    assert id_set(anon, "sources/", {"kind": "official_statement"}) == {sources["dtx"]}
    assert id_set(anon, "sources/", {"kind": "news_report"}) == {
        sources["ynet_plot"], sources["ynet_visit"], sources["toi"]}
    assert id_set(anon, "sources/", {"kind": "readout"}) == set()


# --- published_from and published_to ----------------------------------------------------


@pytest.mark.parametrize(("params", "expected"), [
    ({"published_from": "2026-01-27"}, {"ynet_plot", "ynet_visit"}),
    ({"published_to": "2026-01-26"}, {"toi", "dtx"}),
    ({"published_from": "2026-01-27", "published_to": "2026-01-27"}, {"ynet_plot"}),
    ({"published_from": "2026-01-26", "published_to": "2026-01-28"},
     {"ynet_plot", "ynet_visit", "toi", "dtx"}),                  # undated is never in a range
    ({"published_from": "2026-01-29"}, set()),
])
def test_published_range_is_inclusive(anon, sources, params, expected):
    assert id_set(anon, "sources/", params) == {sources[k] for k in expected}


# --- q ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("q", "expected"), [
    ("plot", {"ynet_plot"}),
    ("embassy", {"ynet_plot", "toi"}),
    ("Eichner", {"ynet_plot"}),              # author
    ("Baku", {"ynet_visit", "undated"}),
    ("embassy target", {"ynet_plot", "toi"}),  # every term, anywhere
    ('"embassy target"', {"toi"}),           # a quoted phrase: its words adjacent
    ('"three nationals"', {"dtx"}),
    ("zeppelin", set()),
])
def test_q_searches_title_and_author(anon, sources, q, expected):
    assert id_set(anon, "sources/", {"q": q}) == {sources[k] for k in expected}


def test_filters_combine(anon, sources):
    params = {"publisher": "ynet", "published_from": "2026-01-28", "kind": "news_report"}
    assert id_set(anon, "sources/", params) == {sources["ynet_visit"]}
    assert id_set(anon, "sources/", {"publisher": "ynet", "q": "embassy"}) == {
        sources["ynet_plot"]}


# --- Bad filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "name"), [
    ({"publisher": "no-such-outlet"}, "publisher"),
    ({"kind": "tweet"}, "kind"),
    ({"published_from": "2026-02-30"}, "published_from"),
    ({"published_to": "last week"}, "published_to"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_filters_are_400s_naming_the_parameter(anon, sources, params, name):
    body = assert_error(anon.get(f"{API}/sources/", params), name)
    assert name in body


# --- Writes ----------------------------------------------------------------------------------


REPORT = {"kind": "news_report", "title": "Plot foiled in Baku", "publisher": "ynet",
          "link": "https://www.ynetnews.com/article/example", "published_on": "2026-01-27",
          "language": "en"}


@pytest.fixture
def ynet(countries):
    return f.OrganisationFactory(slug="ynet", name="Ynet", kind="media_outlet",
                                 country=countries["ISR"])


def test_curator_adds_and_corrects_a_source(alice_client, ynet):
    created = alice_client.post(f"{API}/sources/", REPORT, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["publisher"]["id"] == "ynet"
    assert body["link"] == REPORT["link"]

    fixed = edit(alice_client).patch(f"{API}/sources/{body['id']}/", {"published_on": "2026-01-26"},
                               format="json")
    assert fixed.json()["published_on"] == "2026-01-26"
    assert m.Source.objects.get(uid=body["id"]).history.count() == 2


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "rumour"}, "kind"),
    ({"publisher": "nobody"}, "publisher"),
    ({"link": "not a url"}, "link"),
    ({"published_on": "27/01/2026"}, "published_on"),
    ({"title": "a\x00b"}, "title"),
])
def test_bad_sources_are_refused(alice_client, ynet, change, field):
    response = alice_client.post(f"{API}/sources/", {**REPORT, **change}, format="json")
    body = assert_error(response, field)
    assert field in body
    assert not m.Source.objects.exists()


def test_readers_cannot_add_sources(anon, ynet):
    assert anon.post(f"{API}/sources/", REPORT, format="json").status_code in (401, 403)
    assert not m.Source.objects.exists()


# --- Seed questions --------------------------------------------------------------------------


@pytest.mark.usefixtures("seed_data")
class TestSeedQuestions:
    def test_sources_published_by_ynet(self, anon):
        body = get(anon, "sources/", {"publisher": "ynet"})
        assert ids(body) == ["src-hvgwjse1"]
        source = body["results"][0]
        assert source["publisher"] == {"type": "organization", "id": "ynet", "name": "Ynet"}
        assert source["published_on"] == "2026-01-27"
        assert "src-hvgwjse1" in id_set(anon, "sources/", {"q": "Ynet"})
