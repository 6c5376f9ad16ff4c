"""The curated seed dataset holds every fact of seed/FACTS.md, queryable through the ORM.

The seed article (000_f8077bf5cf625217, dated Tuesday 2026-01-27) is the only document
the records rest on; "Monday" is 2026-01-26. These tests pin the curated records by their
public ids so a change to the seed is a deliberate, reviewed change.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Q

from diplomacy import models as m
from diplomacy.models import search_key

D = datetime.date
FIXTURES = Path(settings.BASE_DIR, "fixtures")
SEED = FIXTURES / "seed.json"
TOPICS = FIXTURES / "topics.json"

# Public ids of the curated events, one per FACTS.md item (3 and 8 are several events).
PLOT = "ev-5jv1fv6f"
VISIT_AZE = "ev-s44tte2r"
MEETING_ALIYEV = "ev-w733d3pf"
PRESS_CONFERENCE = "ev-pqvehdb8"
IRAN_STATEMENT = "ev-sfftmw0b"
VISIONARY_ALIYEV = "ev-pfqdwryf"
FASCINATING_MEETING = "ev-cz9ve531"
READOUT = "ev-fb7w0jev"
VISIT_KAZ = "ev-wfm9x0qx"
MEETING_TOKAYEV = "ev-8kjphmrc"
VISIONARY_TOKAYEV = "ev-w77tngf9"
CROCUS = "ev-7ywby6fq"
EMBASSY_ATTACK_IRAN = "ev-1e0y17p1"
RABBINICAL_CANCELLATION = "ev-3gvpjbzr"

AGREEMENT = "ag-jrd28ync"

SRC_DTX = "src-xnjnaq8t"
SRC_YNET = "src-hvgwjse1"
SRC_TOI = "src-t93zhqwy"
SRC_MFA_POST = "src-rggy7hph"
SRC_SAAR_POST = "src-am87nf1a"
SRC_READOUT = "src-6zr4kcbe"
SRC_ARTICLE = "src-w3trebdj"

IRAN_QUOTE = (
    "There is a massacre of unimaginable proportions taking place in Iran. A massacre of a "
    "people by the regime that rules them. If this is how they act toward their own people "
    "- how should they be expected to act toward other countries?"
)


def _entries(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _event(uid: str) -> m.Event:
    return m.Event.objects.get(uid=uid)


def _participants(uid: str) -> set[tuple]:
    """(role, actor id or reported name, attributed country) for an event's participants."""
    rows = m.EventParticipant.objects.filter(event__uid=uid).select_related(
        "actor_organisation", "actor_person")
    result = set()
    for p in rows:
        actor = (p.actor_country_id or (p.actor_organisation and p.actor_organisation.slug)
                 or (p.actor_person and p.actor_person.slug) or p.name)
        result.add((p.role, actor, p.country_id))
    return result


def _cited_sources(uid: str) -> set[str]:
    return set(m.Citation.objects.filter(event__uid=uid).values_list("source__uid", flat=True))


# --- the fixture files themselves -----------------------------------------------------------

@pytest.mark.parametrize("path", [SEED, TOPICS], ids=lambda p: p.name)
def test_no_numeric_primary_or_foreign_keys(path: Path):
    for entry in _entries(path):
        pk = entry.get("pk")
        assert pk is None or isinstance(pk, str), entry
        for name, value in entry["fields"].items():
            assert not isinstance(value, int) or isinstance(value, bool), (entry, name)
            if isinstance(value, list):
                assert all(not isinstance(v, int) for v in value), (entry, name)


def test_seed_carries_no_reference_or_history_rows():
    models = {entry["model"] for entry in _entries(SEED)}
    assert not models & {"diplomacy.country", "diplomacy.cameocode", "diplomacy.topic"}
    assert not any(label.startswith("diplomacy.historical") for label in models)
    assert all("pk" not in entry for entry in _entries(SEED))


def test_every_search_key_in_the_fixture_matches_its_row():
    """loaddata bypasses save(), so the stored keys must already be the folded names."""
    checked = 0
    for entry in _entries(SEED):
        fields = entry["fields"]
        if entry["model"] == "diplomacy.organisation":
            expected = search_key(f"{fields['name']} {fields['acronym']}")
        elif entry["model"] in {"diplomacy.person", "diplomacy.personalias",
                                "diplomacy.organisationalias"}:
            expected = search_key(fields["name"])
        else:
            continue
        assert fields["search_key"] == expected, entry
        checked += 1
    assert checked > 0


def test_topics_vocabulary():
    entries = _entries(TOPICS)
    assert 12 <= len(entries) <= 15
    assert {e["model"] for e in entries} == {"diplomacy.topic"}
    for entry in entries:
        assert entry["pk"] == entry["pk"].lower() and entry["pk"].replace("_", "").isalpha()
        assert entry["fields"]["name"] and entry["fields"]["description"]
    slugs = {e["pk"] for e in entries}
    assert {"energy", "trade", "security", "tourism", "religion", "human_rights",
            "terrorism", "defence", "diplomacy", "economy"} <= slugs


# --- actors ---------------------------------------------------------------------------------

def test_countries_of_the_seed_exist(seed_data):
    assert set(m.Country.objects.filter(iso3__in=["ISR", "AZE", "IRN", "KAZ", "RUS"])
               .values_list("iso3", flat=True)) == {"ISR", "AZE", "IRN", "KAZ", "RUS"}


@pytest.mark.parametrize(("slug", "kind", "country", "parent"), [
    ("dtx", "security_service", "AZE", None),
    ("islamic-state-khorasan", "armed_group", None, None),
    ("socar", "state_company", "AZE", None),
    ("israel-mfa", "ministry", "ISR", None),
    ("ynet", "media_outlet", "ISR", None),
    ("times-of-israel", "media_outlet", "ISR", None),
    ("israeli-embassy-baku", "embassy", "ISR", "israel-mfa"),
    ("azerbaijan-embassy-iran", "embassy", "AZE", None),
])
def test_organisations(seed_data, slug, kind, country, parent):
    org = m.Organisation.objects.get(slug=slug)
    assert (org.kind, org.country_id) == (kind, country)
    assert (org.parent.slug if org.parent else None) == parent


@pytest.mark.parametrize(("text", "slug"), [
    ("DTX", "dtx"),
    ("Dövlət Təhlükəsizliyi Xidməti", "dtx"),
    ("ISKP", "islamic-state-khorasan"),
    ("isis-k", "islamic-state-khorasan"),
    ("Islamic State Khorasan", "islamic-state-khorasan"),
    ("@IsraelMFA", "israel-mfa"),
    ("israel foreign ministry", "israel-mfa"),
    ("State Oil Company of Azerbaijan Republic", "socar"),
    ("SOCAR", "socar"),
    ("Yedioth Ahronoth’s ynet", "ynet"),
])
def test_organisation_found_by_any_name(seed_data, text, slug):
    key = search_key(text)
    found = m.Organisation.objects.filter(
        Q(search_key__contains=key) | Q(aliases__search_key__contains=key)).distinct()
    assert slug in set(found.values_list("slug", flat=True))


@pytest.mark.parametrize(("text", "slug"), [
    ("saar", "gideon-saar"),
    ("Sa’ar", "gideon-saar"),
    ("SA'AR", "gideon-saar"),
    ("גדעון סער", "gideon-saar"),
    ("@gidonsaar", "gideon-saar"),
    ("aliev", "ilham-aliyev"),
    ("İlham Əliyev", "ilham-aliyev"),
    ("Ceyhun Bayramov", "jeyhun-bayramov"),
    ("tokaev", "kassym-jomart-tokayev"),
    ("Toqaev", "kassym-jomart-tokayev"),
])
def test_person_alias_search_key(seed_data, text, slug):
    aliases = m.PersonAlias.objects.filter(search_key__contains=search_key(text))
    assert set(aliases.values_list("person__slug", flat=True)) == {slug}


def test_alias_kinds_and_languages(seed_data):
    saar = {(a.name, a.kind, a.language)
            for a in m.PersonAlias.objects.filter(person__slug="gideon-saar")}
    assert {("Saar", "transliteration", "en"), ("Sa’ar", "alias", "en"),
            ("גדעון סער", "native", "he"), ("@gidonsaar", "handle", "")} <= saar
    assert m.PersonAlias.objects.get(name="Qasym-Jomart Toqaev").kind == "transliteration"
    assert m.OrganisationAlias.objects.get(name="@IsraelMFA").kind == "handle"
    assert m.OrganisationAlias.objects.get(name="Dövlət Təhlükəsizliyi Xidməti").language == "az"


def test_who_held_israels_foreign_ministry_on_2026_01_26(seed_data):
    on = D(2026, 1, 26)
    holders = m.Tenure.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=on),
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        post__country="ISR", post__label="Minister of Foreign Affairs",
    )
    assert [t.person.slug for t in holders] == ["gideon-saar"]
    assert holders.get().post.organisation.slug == "israel-mfa"


@pytest.mark.parametrize(("person", "post", "country", "start", "precision"), [
    ("gideon-saar", "isr-minister-of-foreign-affairs", "ISR", D(2024, 11, 1), "month"),
    ("ilham-aliyev", "aze-president", "AZE", D(2003, 10, 31), "day"),
    ("jeyhun-bayramov", "aze-minister-of-foreign-affairs", "AZE", D(2020, 7, 16), "day"),
    ("kassym-jomart-tokayev", "kaz-president", "KAZ", D(2019, 3, 20), "day"),
])
def test_posts_held_then(seed_data, person, post, country, start, precision):
    tenure = m.Tenure.objects.get(person__slug=person, post__slug=post)
    assert tenure.post.country_id == country
    assert (tenure.start_date, tenure.start_precision) == (start, precision)
    assert tenure.end_date is None
    assert "general knowledge" in tenure.note.lower()
    assert m.Tenure.objects.filter(post__slug=post, end_date__isnull=True).count() == 1


# --- sources --------------------------------------------------------------------------------

@pytest.mark.parametrize(("uid", "kind", "publisher", "published_on"), [
    (SRC_DTX, "official_statement", "dtx", D(2026, 1, 26)),
    (SRC_YNET, "news_report", "ynet", D(2026, 1, 27)),
    (SRC_TOI, "news_report", "times-of-israel", None),
    (SRC_MFA_POST, "social_media_post", "israel-mfa", D(2026, 1, 26)),
    (SRC_SAAR_POST, "social_media_post", None, None),
    (SRC_READOUT, "readout", "azerbaijan-presidential-administration", None),
    (SRC_ARTICLE, "news_report", None, D(2026, 1, 27)),
])
def test_sources_named_by_the_article(seed_data, uid, kind, publisher, published_on):
    source = m.Source.objects.get(uid=uid)
    assert source.kind == kind
    assert (source.publisher.slug if source.publisher else None) == publisher
    assert source.published_on == published_on
    assert source.title


def test_source_details(seed_data):
    assert m.Source.objects.get(uid=SRC_SAAR_POST).author == "Gideon Sa'ar"
    assert m.Source.objects.get(uid=SRC_MFA_POST).url == "https://pic.twitter.com/myAJU351tW"
    article = m.Source.objects.get(uid=SRC_ARTICLE)
    assert "000_f8077bf5cf625217" in article.note and article.url == ""
    assert m.Source.objects.count() == 7


# --- events ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("uid", "kind", "date", "precision", "approximate", "country", "verification"), [
        (PLOT, "incident", D(2026, 1, 26), "day", True, "AZE", "alleged"),
        (VISIT_AZE, "visit", D(2026, 1, 26), "day", True, "AZE", "reported"),
        (MEETING_ALIYEV, "meeting", D(2026, 1, 26), "day", True, "AZE", "reported"),
        (PRESS_CONFERENCE, "press_conference", D(2026, 1, 26), "day", True, "AZE", "reported"),
        (IRAN_STATEMENT, "statement", D(2026, 1, 26), "day", True, "AZE", "confirmed"),
        (VISIONARY_ALIYEV, "statement", D(2026, 1, 26), "day", True, None, "reported"),
        (FASCINATING_MEETING, "statement", D(2026, 1, 26), "day", True, None, "reported"),
        (READOUT, "statement", D(2026, 1, 26), "day", True, None, "reported"),
        (VISIT_KAZ, "visit", D(2026, 1, 27), "day", False, "KAZ", "reported"),
        (MEETING_TOKAYEV, "meeting", D(2026, 1, 27), "day", False, "KAZ", "reported"),
        (VISIONARY_TOKAYEV, "statement", D(2026, 1, 27), "day", False, "KAZ", "reported"),
        (CROCUS, "incident", D(2024, 1, 1), "year", False, "RUS", "reported"),
        (EMBASSY_ATTACK_IRAN, "incident", D(2023, 1, 1), "year", False, "IRN", "reported"),
        (RABBINICAL_CANCELLATION, "cancellation", D(2025, 1, 1), "year", True, "AZE",
         "reported"),
    ])
def test_event_kind_date_and_precision(seed_data, uid, kind, date, precision, approximate,
                                       country, verification):
    event = _event(uid)
    assert event.kind == kind
    assert (event.date, event.date_end) == (date, None)
    assert (event.date_precision, event.approximate) == (precision, approximate)
    assert event.location_country_id == country
    assert event.verification == verification
    assert event.curation_status == "published"


def test_the_seed_holds_exactly_the_curated_events(seed_data):
    assert m.Event.objects.count() == 14
    assert m.Agreement.objects.count() == 1


def test_foiled_plot(seed_data):
    plot = m.Incident.objects.get(uid=PLOT)
    assert plot.incident_type == "foiled_plot"
    assert plot.place == "Baku"
    assert (plot.cameo_id, plot.plover_type, plot.plover_mode) == ("173", "COERCE", "arrest")
    assert _participants(PLOT) == {
        ("authority", "dtx", "AZE"),
        ("arrested", "three Azerbaijani nationals", "AZE"),
        ("target", "israeli-embassy-baku", "ISR"),
        ("perpetrator", "islamic-state-khorasan", None),
    }
    perpetrator = plot.participants.get(role="perpetrator")
    assert "reportedly linked" in perpetrator.note.lower()
    assert _cited_sources(PLOT) == {SRC_DTX, SRC_YNET, SRC_TOI, SRC_ARTICLE}
    dtx_quote = plot.citations.get(source__uid=SRC_DTX).quote
    assert dtx_quote == ("preparing to commit a terrorist attack to the embassy of the foreign "
                         "country in Baku on the grounds of religious hostility")
    assert set(plot.topics.values_list("slug", flat=True)) >= {"security", "terrorism"}


def test_plot_coincided_with_the_visit_with_unclear_certainty(seed_data):
    relation = m.EventRelation.objects.get(from_event__uid=PLOT, to_event__uid=VISIT_AZE)
    assert relation.kind == "coincided_with"
    assert relation.certainty == "unclear"
    assert "unclear whether the plot was connected to the visit" in relation.note


@pytest.mark.parametrize(("part", "whole"), [
    (MEETING_ALIYEV, VISIT_AZE),
    (PRESS_CONFERENCE, VISIT_AZE),
    (MEETING_TOKAYEV, VISIT_KAZ),
])
def test_part_of_relations(seed_data, part, whole):
    relation = m.EventRelation.objects.get(from_event__uid=part, to_event__uid=whole)
    assert (relation.kind, relation.certainty) == ("part_of", "certain")


def test_visits_and_meetings(seed_data):
    visit = _event(VISIT_AZE)
    assert visit.place == "Baku"
    assert (visit.cameo_id, visit.plover_type, visit.plover_mode) == ("042", "CONSULT", "visit")
    assert _participants(VISIT_AZE) == {("guest", "gideon-saar", "ISR"), ("host", "AZE", "AZE")}
    assert _participants(MEETING_ALIYEV) == {("guest", "gideon-saar", "ISR"),
                                             ("host", "ilham-aliyev", "AZE")}
    assert _participants(PRESS_CONFERENCE) == {("participant", "gideon-saar", "ISR"),
                                               ("participant", "jeyhun-bayramov", "AZE")}
    assert _participants(VISIT_KAZ) == {("guest", "gideon-saar", "ISR"), ("host", "KAZ", "KAZ")}
    assert _participants(MEETING_TOKAYEV) == {("guest", "gideon-saar", "ISR"),
                                              ("host", "kassym-jomart-tokayev", "KAZ")}
    assert m.Meeting.objects.filter(uid__in=[MEETING_ALIYEV, MEETING_TOKAYEV]).count() == 2


def test_dyad_azerbaijan_israel_finds_the_baku_events(seed_data):
    aze = m.EventParticipant.objects.filter(country="AZE").values("event")
    isr = m.EventParticipant.objects.filter(country="ISR").values("event")
    uids = set(m.Event.objects.filter(id__in=aze).filter(id__in=isr)
               .values_list("uid", flat=True))
    assert {PLOT, VISIT_AZE, MEETING_ALIYEV, PRESS_CONFERENCE, IRAN_STATEMENT,
            VISIONARY_ALIYEV, FASCINATING_MEETING, READOUT} <= uids
    assert VISIT_KAZ not in uids


def test_statement_on_iran_at_the_press_conference(seed_data):
    statement = m.Statement.objects.get(uid=IRAN_STATEMENT)
    assert statement.quote == IRAN_QUOTE
    assert statement.speaker_person.slug == "gideon-saar"
    assert statement.speaker_post.slug == "isr-minister-of-foreign-affairs"
    assert statement.speaker_organisation is None
    assert (statement.language, statement.medium) == ("en", "press_conference")
    assert statement.occasion.uid == PRESS_CONFERENCE
    assert list(statement.about_countries.values_list("iso3", flat=True)) == ["IRN"]
    assert (statement.cameo_id, statement.plover_type) == ("111", "ACCUSE")
    assert ("participant", "jeyhun-bayramov", "AZE") in _participants(IRAN_STATEMENT)
    assert _cited_sources(IRAN_STATEMENT) == {SRC_MFA_POST, SRC_ARTICLE}
    assert statement.citations.get(source__uid=SRC_MFA_POST).quote == IRAN_QUOTE


def test_the_two_visionary_leader_statements_are_distinct(seed_data):
    aliyev = m.Statement.objects.get(uid=VISIONARY_ALIYEV)
    tokayev = m.Statement.objects.get(uid=VISIONARY_TOKAYEV)
    assert aliyev.pk != tokayev.pk
    assert aliyev.quote == tokayev.quote == "visionary leader"
    assert list(aliyev.about_people.values_list("slug", flat=True)) == ["ilham-aliyev"]
    assert list(tokayev.about_people.values_list("slug", flat=True)) == ["kassym-jomart-tokayev"]
    for statement in (aliyev, tokayev):
        assert statement.speaker_person.slug == "gideon-saar"
        assert statement.speaker_post.slug == "isr-minister-of-foreign-affairs"
    assert aliyev.medium == "social_media"
    assert aliyev.occasion.uid == MEETING_ALIYEV
    assert tokayev.occasion.uid == VISIT_KAZ
    assert aliyev.date < tokayev.date
    assert _cited_sources(VISIONARY_ALIYEV) == {SRC_SAAR_POST, SRC_ARTICLE}
    assert m.Statement.objects.filter(quote="visionary leader").count() == 2


def test_thanks_for_support_for_jewish_life(seed_data):
    statement = m.Statement.objects.get(uid=FASCINATING_MEETING)
    assert statement.quote == (
        "We had a fascinating meeting in Baku, and I thanked the president for his friendship "
        "and support for Jewish life in Azerbaijan")
    assert statement.speaker_person.slug == "gideon-saar"
    assert list(statement.about_people.values_list("slug", flat=True)) == ["ilham-aliyev"]
    assert list(statement.about_countries.values_list("iso3", flat=True)) == ["AZE"]
    assert statement.occasion.uid == MEETING_ALIYEV
    assert "religion" in set(statement.topics.values_list("slug", flat=True))


def test_azerbaijani_readout(seed_data):
    readout = m.Statement.objects.get(uid=READOUT)
    assert readout.speaker_person is None and readout.speaker_post is None
    assert readout.speaker_organisation.slug == "azerbaijan-presidential-administration"
    assert readout.speaker_organisation.country_id == "AZE"
    assert readout.medium == "readout"
    assert readout.occasion.uid == MEETING_ALIYEV
    assert "economic, trade, energy, tourism, and other fields" in readout.quote
    assert set(readout.topics.values_list("slug", flat=True)) == {
        "economy", "trade", "energy", "tourism"}
    assert set(readout.about_countries.values_list("iso3", flat=True)) == {"AZE", "ISR"}
    assert _cited_sources(READOUT) == {SRC_READOUT, SRC_ARTICLE}


def test_crocus_city_hall_attack(seed_data):
    attack = m.Incident.objects.get(uid=CROCUS)
    assert attack.incident_type == "attack"
    assert attack.place == "Crocus City Hall, outskirts of Moscow"
    assert "almost 150 people" in attack.summary
    assert "22 March 2024" in attack.note
    assert ("perpetrator", "islamic-state-khorasan", None) in _participants(CROCUS)


def test_attack_on_azerbaijans_embassy_in_iran(seed_data):
    attack = m.Incident.objects.get(uid=EMBASSY_ATTACK_IRAN)
    assert attack.incident_type == "attack"
    assert _participants(EMBASSY_ATTACK_IRAN) == {("target", "azerbaijan-embassy-iran", "AZE")}
    assert "general knowledge" in attack.note.lower()


def test_rabbinical_conference_cancellation(seed_data):
    event = _event(RABBINICAL_CANCELLATION)
    assert event.place == "Baku"
    assert "months before January 2026" in event.note
    assert set(event.topics.values_list("slug", flat=True)) == {"religion", "security"}


def test_statements_have_one_speaker_and_incidents_a_type(seed_data):
    for statement in m.Statement.objects.all():
        assert statement.quote
        assert bool(statement.speaker_person_id) != bool(statement.speaker_organisation_id)
    assert set(m.Incident.objects.values_list("incident_type", flat=True)) == {
        "foiled_plot", "attack"}
    assert not m.Event.objects.exclude(kind="incident").exclude(incident_type="").exists()


def test_plover_coding_follows_the_cameo_table(seed_data):
    for event in m.Event.objects.select_related("cameo"):
        if event.cameo is None:
            assert (event.plover_type, event.plover_mode, event.plover_context) == ("", "", "")
            continue
        assert event.plover_type == event.cameo.plover_type, event.uid
        assert event.plover_mode == event.cameo.plover_mode, event.uid
        assert event.plover_context == event.cameo.plover_context, event.uid
    assert _event(VISIONARY_ALIYEV).intensity == Decimal("3.4")


# --- agreement ------------------------------------------------------------------------------

def test_energy_for_arms_agreement(seed_data):
    agreement = m.Agreement.objects.get(uid=AGREEMENT)
    assert (agreement.kind, agreement.formality, agreement.status, agreement.verification) == (
        "energy_for_arms", "informal", "in_force", "reported")
    assert {agreement.first_party_id, agreement.second_party_id} == {"AZE", "ISR"}
    assert agreement.start_date is None and agreement.end_date is None
    assert "growing international condemnation" in agreement.summary
    assert "war in Gaza" in agreement.summary
    assert [(p.organisation.slug, p.role) for p in agreement.parties.all()] == [
        ("socar", "implementing")]

    energy = agreement.exchanges.get(category="energy")
    assert (energy.from_country_id, energy.to_country_id) == ("AZE", "ISR")
    assert energy.via.slug == "socar"
    arms = agreement.exchanges.get(category="arms")
    assert (arms.from_country_id, arms.to_country_id) == ("ISR", "AZE")
    assert arms.description == "modern weapons"
    assert agreement.exchanges.count() == 2

    citation = agreement.citations.get()
    assert citation.source.uid == SRC_ARTICLE
    assert "supplying it with energy and receiving modern weapons in return" in citation.quote


def test_agreement_in_force_on_the_article_date(seed_data):
    on = D(2026, 1, 27)
    in_force = m.Agreement.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=on),
        Q(end_date__isnull=True) | Q(end_date__gte=on),
        status="in_force", kind="energy_for_arms",
    )
    assert list(in_force.values_list("uid", flat=True)) == [AGREEMENT]


# --- provenance -----------------------------------------------------------------------------

def test_every_published_claim_is_cited(seed_data):
    uncited_events = m.Event.objects.filter(curation_status="published", citations__isnull=True)
    assert not uncited_events.exists()
    uncited = m.Agreement.objects.filter(curation_status="published", citations__isnull=True)
    assert not uncited.exists()
    assert not m.Event.objects.exclude(curation_status="published").exists()
    assert not m.Agreement.objects.exclude(curation_status="published").exists()


def test_every_fact_is_cited_to_the_article(seed_data):
    for event in m.Event.objects.all():
        assert SRC_ARTICLE in _cited_sources(event.uid), event.uid


def test_stored_search_keys_match_after_loading(seed_data):
    for org in m.Organisation.objects.all():
        assert org.search_key == search_key(f"{org.name} {org.acronym}")
    for model in (m.Person, m.PersonAlias, m.OrganisationAlias):
        for row in model.objects.all():
            assert row.search_key == search_key(row.name)
