"""sources/: the documents claims rest on.

Read as anonymous; sources are not curated records, so everyone sees all.
Seed tests come last (the seed stays loaded for the rest of the module).
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, D, get, id_set, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(countries) -> dict[str, m.Source]:
    ynet = f.OrganisationFactory(slug="ynet", name="Ynet", kind=m.OrganisationKind.MEDIA_OUTLET,
                                 country=countries["ISR"])
    dtx = f.OrganisationFactory(slug="dtx", name="DTX", kind=m.OrganisationKind.SECURITY_SERVICE,
                                country=countries["AZE"])
    return {
        "report": f.SourceFactory(publisher=ynet, title="Embassy named as the target",
                                  author="A Reporter", published_on=D(2026, 1, 27),
                                  url="https://ynet.example/1", language="he"),
        "statement": f.SourceFactory(publisher=dtx, kind=m.SourceKind.OFFICIAL_STATEMENT,
                                     title="Three nationals arrested",
                                     published_on=D(2026, 1, 26)),
        "undated": f.SourceFactory(publisher=None, kind=m.SourceKind.SOCIAL_MEDIA_POST,
                                   title="A post about the meetings", published_on=None,
                                   author="Gideon Sa'ar"),
    }


def test_list_and_detail_show_id_url_publisher_and_link(anon, docs):
    report = docs["report"]
    body = get(anon, "sources/")
    assert set(ids(body)) == {source.uid for source in docs.values()}
    assert body["next"] is None and body["previous"] is None
    detail = get(anon, f"sources/{report.uid}/")
    assert {row["id"]: row for row in body["results"]}[report.uid] == detail
    assert detail["id"] == report.uid
    assert detail["url"] == f"http://testserver/api/v1/sources/{report.uid}/"
    assert detail["link"] == "https://ynet.example/1"
    assert detail["publisher"] == {"type": "organization", "id": "ynet", "name": "Ynet"}
    assert (detail["kind"], detail["title"], detail["author"], detail["published_on"],
            detail["language"]) == ("news_report", "Embassy named as the target", "A Reporter",
                                    "2026-01-27", "he")
    assert get(anon, f"sources/{docs['undated'].uid}/")["publisher"] is None


def test_unknown_source_is_a_404(anon, docs):
    assert anon.get(f"{API}/sources/src-00000000/").status_code == 404


def test_publisher_and_kind(anon, docs):
    assert id_set(anon, "sources/", {"publisher": "ynet"}) == {docs["report"].uid}
    assert id_set(anon, "sources/", {"publisher": "ynet,dtx"}) == {
        docs["report"].uid, docs["statement"].uid}
    assert id_set(anon, "sources/", {"kind": "official_statement"}) == {docs["statement"].uid}


def test_published_from_and_to_are_inclusive_and_skip_undated(anon, docs):
    assert id_set(anon, "sources/", {"published_from": "2026-01-27"}) == {docs["report"].uid}
    assert id_set(anon, "sources/", {"published_to": "2026-01-26"}) == {docs["statement"].uid}
    assert id_set(anon, "sources/", {"published_from": "2026-01-26",
                                     "published_to": "2026-01-27"}) == {
        docs["report"].uid, docs["statement"].uid}


def test_q_searches_title_and_author(anon, docs):
    assert id_set(anon, "sources/", {"q": "embassy"}) == {docs["report"].uid}
    assert id_set(anon, "sources/", {"q": "reporter"}) == {docs["report"].uid}
    assert id_set(anon, "sources/", {"q": '"three nationals"'}) == {docs["statement"].uid}


@pytest.mark.parametrize(("params", "name"), [
    ({"publisher": "nobody"}, "publisher"),
    ({"kind": "rumour"}, "kind"),
    ({"published_from": "2026-02-30"}, "published_from"),
    ({"published_to": "yesterday"}, "published_to"),
])
def test_bad_filters_are_refused(anon, docs, params, name):
    response = anon.get(f"{API}/sources/", params)
    assert response.status_code == 400
    assert name in response.json()


def test_seed_sources_published_by_ynet(anon, seed_data):
    assert id_set(anon, "sources/", {"publisher": "ynet"}) == {"src-hvgwjse1"}
    assert "src-hvgwjse1" in id_set(anon, "sources/", {"q": "Ynet"})
