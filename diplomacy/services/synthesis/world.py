"""The world synthetic events happen in: reference data, actors, offices and sources.

Countries come from the Country table (the shipped fixture is loaded when the table is
empty, as are the CAMEO taxonomy and the topics); every country gets a government,
ministries and a security service, four offices held by a succession of people since
1988 (so "who was foreign minister then" has one answer on every day), and the world
gets armed groups, media outlets and the sources events cite.
"""

from __future__ import annotations

import bisect
import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from diplomacy.models import (
    CameoCode,
    Country,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Post,
    Source,
    Tenure,
    Topic,
    search_key,
)
from diplomacy.services.bulk import BulkWriter

from .common import Skewed, full_row, name_word, stable_uid, weighted

FIRST_DAY = datetime.date(1988, 1, 1)
LAST_DAY = datetime.date(2026, 2, 28)
# The organisations every country has, by role: (kind, name pattern, acronym pattern).
STATE_BODIES = {
    "government": ("government", "Government of {}", ""),
    "foreign": ("ministry", "Ministry of Foreign Affairs of {}", "MFA-{}"),
    "defence": ("ministry", "Ministry of Defence of {}", "MOD-{}"),
    "security": ("security_service", "State Security Service of {}", "SSS-{}"),
}
# Offices: (key, label, the body the office belongs to).
OFFICES = (("head_of_state", "President", "government"),
           ("head_of_government", "Prime Minister", "government"),
           ("foreign", "Minister of Foreign Affairs", "foreign"),
           ("defence", "Minister of Defence", "defence"))
SOURCE_KINDS = (("news_report", 60), ("official_statement", 20), ("readout", 8),
                ("social_media_post", 8), ("transcript", 2), ("document", 2))
# CAMEO code prefixes that fit each kind of event.
CAMEO_PREFIXES = {
    "meeting": ("04",), "visit": ("042", "043"), "press_conference": ("01", "02", "05"),
    "statement": ("01", "02", "05", "10", "11", "12", "13"), "agreement": ("03", "057", "06"),
    "incident": ("17", "18", "19"), "cancellation": ("16", "12"),
}
REFERENCE_FIXTURES = ((Country, "countries.json"), (CameoCode, "taxonomy.json"),
                      (Topic, "topics.json"))


@dataclass
class World:
    salt: int
    countries: Skewed
    names: dict[str, str]
    cities: dict[str, str]
    bodies: dict[str, dict[str, int]] = field(default_factory=dict)
    armed_groups: list[int] = field(default_factory=list)
    outlets: list[int] = field(default_factory=list)
    posts: dict[tuple[str, str], int] = field(default_factory=dict)
    # post → (start days, [(end day or None, person)]), in order.
    terms: dict[int, tuple[list[datetime.date], list[tuple]]] = field(default_factory=dict)
    person_names: dict[int, str] = field(default_factory=dict)
    sources: range = range(0)
    cameo: dict[str, list[tuple]] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)

    def holder(self, country: str, office: str, day: datetime.date) -> tuple[int, int] | None:
        """(person, post) of whoever held ``office`` of ``country`` on ``day``."""
        post = self.posts[(country, office)]
        starts, spans = self.terms[post]
        index = bisect.bisect_right(starts, day) - 1
        if index < 0:
            return None
        end, person = spans[index]
        return (person, post) if end is None or end >= day else None


def ensure_reference_data(progress=None) -> None:
    """Load the shipped countries, taxonomy and topics where their tables are empty."""
    for model, name in REFERENCE_FIXTURES:
        if not model.objects.exists():
            if progress:
                progress(f"loading fixtures/{name}")
            call_command("loaddata", str(Path(settings.BASE_DIR, "fixtures", name)),
                         verbosity=0)


def build_world(writer: BulkWriter, rng: random.Random, *, salt: int, sources: int,
                countries: int | None = None) -> World:
    """The world, with at most ``countries`` acting states (all of them when None)."""
    codes = list(Country.objects.order_by("iso3").values_list("iso3", "name"))
    ranked = [code for code, _ in codes]
    rng.shuffle(ranked)
    world = World(salt=salt, countries=Skewed(ranked[:countries], exponent=1.1),
                  names=dict(codes), cities={code: name_word(rng) for code, _ in codes})
    acting = set(world.countries.items)
    codes = [(code, name) for code, name in codes if code in acting]
    world.topics = list(Topic.objects.order_by("slug").values_list("slug", flat=True))
    cameo = list(CameoCode.objects.order_by("code").values_list(
        "code", "plover_type", "plover_mode", "plover_context"))
    for kind, prefixes in CAMEO_PREFIXES.items():
        world.cameo[kind] = [c for c in cameo if c[0].startswith(prefixes)] or cameo
    _organisations(writer, rng, world, [code for code, _ in codes])
    _offices(writer, rng, world, [code for code, _ in codes])
    _sources(writer, rng, world, sources)
    return world


def _organisation(writer: BulkWriter, world: World, *, kind: str, name: str, acronym: str,
                  country: str | None, alias: str = "") -> int:
    pk = writer.allocate(Organisation, 1)[0]
    writer.add(Organisation, full_row(
        Organisation, id=pk, slug=f"syn-{pk}-{kind.replace('_', '-')}", name=name,
        acronym=acronym, kind=kind, country_id=country,
        search_key=search_key(f"{name} {acronym}")))
    if alias:
        writer.add(OrganisationAlias, full_row(
            OrganisationAlias, id=writer.allocate(OrganisationAlias, 1)[0],
            organisation_id=pk, name=alias, kind="alias", search_key=search_key(alias)))
    return pk


def _organisations(writer: BulkWriter, rng: random.Random, world: World, codes: list[str]
                   ) -> None:
    for code in codes:
        name = world.names[code]
        world.bodies[code] = {
            role: _organisation(writer, world, kind=kind, name=pattern.format(name),
                                acronym=acronym.format(code) if acronym else "", country=code)
            for role, (kind, pattern, acronym) in STATE_BODIES.items()}
    for _ in range(40):
        word = name_word(rng)
        world.armed_groups.append(_organisation(
            writer, world, kind="armed_group", name=f"{word} Brigades", acronym="",
            country=None, alias=f"{word} Front"))
    for _ in range(80):
        word = name_word(rng, 2)
        world.outlets.append(_organisation(
            writer, world, kind="media_outlet", name=f"The {word} Times", acronym="",
            country=world.countries.pick(rng), alias=f"{word} News"))


def _offices(writer: BulkWriter, rng: random.Random, world: World, codes: list[str]) -> None:
    taken = set(Post.objects.values_list("country_id", "label"))
    for code in codes:
        for office, label, body in OFFICES:
            if (code, label) in taken:
                label = f"{label} (synthetic)"
            post = writer.allocate(Post, 1)[0]
            writer.add(Post, full_row(Post, id=post, slug=f"syn-{post}-{code.lower()}-{office}",
                                      label=label, country_id=code,
                                      organisation_id=world.bodies[code][body]))
            world.posts[(code, office)] = post
            starts, spans = [], []
            start = FIRST_DAY + datetime.timedelta(days=rng.randrange(0, 1500))
            while start <= LAST_DAY:
                end = start + datetime.timedelta(days=rng.randrange(700, 3000))
                end = None if end > LAST_DAY else end
                person = _person(writer, rng, world, code)
                writer.add(Tenure, full_row(
                    Tenure, id=(tenure := writer.allocate(Tenure, 1)[0]),
                    uid=stable_uid("tn", tenure, world.salt), person_id=person, post_id=post,
                    start_date=start, start_precision="day", end_date=end,
                    end_precision="day", note=""))
                starts.append(start)
                spans.append((end, person))
                if end is None:
                    break
                start = end + datetime.timedelta(days=1)
            world.terms[post] = (starts, spans)


def _person(writer: BulkWriter, rng: random.Random, world: World, country: str) -> int:
    pk = writer.allocate(Person, 1)[0]
    first, last = name_word(rng, 2), name_word(rng, 3)
    name = f"{first} {last}"
    writer.add(Person, full_row(Person, id=pk, slug=f"syn-{pk}-{first.lower()}-{last.lower()}",
                                name=name, sort_name=f"{last}, {first}", nationality_id=country,
                                search_key=search_key(name)))
    world.person_names[pk] = name
    if rng.random() < 0.3:  # a transliteration, as Sa'ar / Saar
        alias = f"{first} {last.replace('a', 'o', 1)}'"
        if alias != name:
            writer.add(PersonAlias, full_row(
                PersonAlias, id=writer.allocate(PersonAlias, 1)[0], person_id=pk, name=alias,
                kind="transliteration", language="en", search_key=search_key(alias)))
    return pk


def _sources(writer: BulkWriter, rng: random.Random, world: World, count: int) -> None:
    world.sources = writer.allocate(Source, count)
    span = (LAST_DAY - datetime.date(1990, 1, 1)).days
    for pk in world.sources:
        kind = weighted(rng, SOURCE_KINDS)
        uid = stable_uid("src", pk, world.salt)
        if kind in ("official_statement", "readout"):
            publisher = world.bodies[world.countries.pick(rng)]["foreign"]
        else:
            publisher = rng.choice(world.outlets)
        writer.add(Source, full_row(
            Source, id=pk, uid=uid, kind=kind, title=f"{name_word(rng)} report {uid}",
            publisher_id=publisher, author="", url=f"https://example.org/{kind}/{uid}",
            published_on=datetime.date(1990, 1, 1) + datetime.timedelta(
                days=rng.randrange(span)), language="en", note="synthetic"))
