"""Keeping the derived tables (models/derived.py) in step with the events.

``events_refresh`` recomputes the country rows, dyad rows and search document of
the events it is given (or of every event) in batches: a few queries per batch of
2,000 events, whatever their participants, citations and names.

Every save or delete through the ORM reaches it (``connect_signals``, wired in the
app config): an event, a participant, a citation, whom a statement is about, and
the names of actors that search documents hold. That covers the API's services,
the admin, the curation workflow and tests' factories alike, so no door can leave
an event's rows stale. Rows loaded raw (``loaddata``) and bulk inserts (imports,
``synthesize``) send no signals: their callers refresh what they loaded, and
``manage.py refresh_derived`` rebuilds everything. A service that touches one event
many times wraps its work in ``refresh_once()`` so the event is rebuilt once.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save

from diplomacy.models import (
    CameoCode,
    Citation,
    Country,
    Event,
    EventCountry,
    EventDirectedPair,
    EventKind,
    EventPair,
    EventParticipant,
    EventText,
    Organisation,
    OrganisationAlias,
    ParticipantRole,
    Person,
    PersonAlias,
    period_end,
    search_words,
)

from . import roles
from .batches import in_batch
from .bulk import _insert

BATCH = 2000
# The tables an event's refresh rewrites.
DERIVED_MODELS = (EventCountry, EventPair, EventDirectedPair, EventText)

Progress = Callable[[str], None] | None


def search_document(texts: Iterable[str]) -> str:
    """One document of words, framed by spaces: `` w1 w2 … ``."""
    words = [word for text in texts if text for word in search_words(text)]
    return f" {' '.join(words)} " if words else " "


@dataclass
class _EventFacts:
    event: dict
    countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    texts: list[str] = field(default_factory=list)
    # For the role table: participants (role, identity, country) and whom it is about.
    participants: list[dict] = field(default_factory=list)
    about: list[_Ref] = field(default_factory=list)


def events_refresh(*, event_ids: Iterable[int] | None = None, new: bool = False,
                   progress: Progress = None) -> int:
    """Rebuild the derived rows of ``event_ids`` (every event when None). Returns how many
    events were refreshed. Runs in one transaction per batch. ``new``: the events were
    just written by ``BulkWriter``, so they have no derived rows yet (none to delete)
    and already hold their intensity copy."""
    ids = iter(event_ids) if event_ids is not None else _all_event_ids()
    done = 0
    while batch := list(itertools.islice(ids, BATCH)):
        with transaction.atomic():
            _refresh_batch(batch, new=new)
        done += len(batch)
        if progress is not None:
            progress(f"derived rows: {done} events refreshed")
    return done


def event_refresh(event: Event) -> None:
    """Rebuild one event's derived rows (after any change to it or its children)."""
    events_refresh(event_ids=[event.pk])


def _all_event_ids() -> Iterator[int]:
    last = 0
    while True:
        chunk = list(Event._base_manager.filter(pk__gt=last).order_by("pk")
                     .values_list("pk", flat=True)[:BATCH * 5])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1]


def _refresh_batch(ids: list[int], *, new: bool = False) -> None:
    facts = {row["id"]: _EventFacts(event=row) for row in Event._base_manager.filter(
        _among("pk", ids)).values("id", "uid", "kind", "curation_status", "date", "date_end",
                            "date_precision", "location_country_id", "title", "summary",
                            "quote", "place", "speaker_person_id", "speaker_organisation_id",
                            "speaker_post__country_id", "speaker_organisation__country_id",
                            "speaker_person__nationality_id", "cameo__goldstein")}
    people, organisations, countries = set(), set(), set()
    for fact in facts.values():
        event = fact.event
        fact.texts += [event["title"], event["summary"], event["quote"], event["place"]]
        if event["location_country_id"]:
            fact.countries[event["location_country_id"]].add("location")
            countries.add(event["location_country_id"])
        _remember(fact, people, organisations, countries, person=event["speaker_person_id"],
                  organisation=event["speaker_organisation_id"])

    participants = EventParticipant.objects.filter(_among("event_id", facts))
    for row in participants.order_by("role", "id").values(
            "event_id", "role", "country_id", "actor_country_id", "actor_organisation_id",
            "actor_person_id", "name"):
        fact = facts[row["event_id"]]
        if row["country_id"]:
            fact.countries[row["country_id"]].add("participant")
        fact.texts.append(row["name"])
        fact.participants.append(_side_entry(row))
        _remember(fact, people, organisations, countries, person=row["actor_person_id"],
                  organisation=row["actor_organisation_id"], country=row["actor_country_id"])
    for event_id, quote in Citation.objects.filter(_among("event_id", facts)).values_list(
            "event_id", "quote"):
        facts[event_id].texts.append(quote)
    for link, column, found in (
            (Event.about_people.through, "person_id", people),
            (Event.about_organisations.through, "organisation_id", organisations),
            (Event.about_countries.through, "country_id", countries)):
        for event_id, actor in link.objects.filter(_among("event_id", facts)).values_list(
                "event_id", column):
            facts[event_id].texts.append(_Ref(column, actor))
            facts[event_id].about.append(_Ref(column, actor))
            found.add(actor)

    names = _names(people=people, organisations=organisations, countries=countries)
    homes = _homes(people=people, organisations=organisations)
    if not new:
        for model in DERIVED_MODELS:
            model.objects.filter(_among("event_id", facts)).delete()
    # Rows as dicts of column values, every column given (the tables have no defaults):
    # model instances would cost more to build than the rest of the refresh.
    country_rows, pair_rows, directed_rows, text_rows = [], [], [], []
    for event_id, fact in facts.items():
        columns = _timeline_columns(fact.event)
        for code, reasons in sorted(fact.countries.items()):
            country_rows.append({"event_id": event_id, "country_id": code,
                                 "by_participant": "participant" in reasons,
                                 "by_location": "location" in reasons, **columns})
        counted = sorted(code for code, reasons in fact.countries.items()
                         if "participant" in reasons)
        pair_rows += [{"event_id": event_id, "first_id": first, "second_id": second, **columns}
                      for first, second in itertools.combinations(counted, 2)]
        directed_rows += [{"event_id": event_id, "source_id": source, "target_id": target,
                           **columns} for source, target in _directed(fact, homes)]
        texts = [names.get(text, ()) if isinstance(text, _Ref) else (text,)
                 for text in fact.texts]
        text_rows.append({"event_id": event_id, "document": search_document(
            itertools.chain.from_iterable(texts))})
    # The bulk path's COPY (PostgreSQL) or multi-row INSERT: several times faster than
    # bulk_create at a million events, and the rows are the same.
    for model, rows in ((EventCountry, country_rows), (EventPair, pair_rows),
                        (EventDirectedPair, directed_rows), (EventText, text_rows)):
        _insert(model, rows)
    if not new:
        _copy_intensity(list(facts))


def _among(path: str, ids: Iterable) -> Q:
    """Rows whose ``path`` is one of ``ids``, the ids sent as one parameter (``in_batch``):
    a batch's thousands of placeholders cost the driver more than the query. No ids:
    an empty IN, which Django answers without a query."""
    ids = list(ids)
    return Q(in_batch(path, ids)) if ids else Q(**{f"{path}__in": []})


def _copy_intensity(ids: list[int]) -> None:
    """Copy each event's Goldstein intensity from its CAMEO code onto the event row (what
    ``ordering=intensity`` reads and indexes): one UPDATE, which sends no signals and
    leaves the event's version, history and ``updated_at`` alone."""
    Event._base_manager.filter(_among("pk", ids)).update(sort_intensity=Subquery(
        CameoCode.objects.filter(pk=OuterRef("cameo_id")).values("goldstein")[:1]))


def intensities_refresh(*, codes: list[str] | None = None) -> int:
    """Copy the Goldstein intensity again onto every event coded with ``codes`` (all
    when None), after the taxonomy changed. Returns how many events were updated."""
    events = Event._base_manager.all()
    if codes is not None:
        events = events.filter(cameo_id__in=codes)
    # The derived rows' copies too (what counts per period sum).
    for model in (EventCountry, EventPair, EventDirectedPair):
        rows = model.objects.all()
        if codes is not None:
            rows = rows.filter(event__cameo_id__in=codes)
        rows.update(intensity=Subquery(Event._base_manager.filter(
            pk=OuterRef("event_id")).values("cameo__goldstein")[:1]))
    return events.update(sort_intensity=Subquery(
        CameoCode.objects.filter(pk=OuterRef("cameo_id")).values("goldstein")[:1]))


_TYPE_OF_COLUMN = {"person_id": "person", "organisation_id": "organization",
                   "country_id": "country"}


def _side_entry(row: dict) -> dict:
    """A participant as the role table reads it: role, identity and counted country."""
    if row["actor_country_id"]:
        identity = ("country", row["actor_country_id"])
    elif row["actor_organisation_id"]:
        identity = ("organization", row["actor_organisation_id"])
    elif row["actor_person_id"]:
        identity = ("person", row["actor_person_id"])
    else:
        identity = ("unresolved", None)
    return {"role": row["role"], "type": identity[0], "id": identity[1], "name": row["name"],
            "country": row["country_id"]}


def _directed(fact: _EventFacts, homes: dict[_Ref, str | None]) -> list[tuple[str, str]]:
    """The event's directed country pairs by the role table (services/roles.py)."""
    event = fact.event
    speaker = []
    if event["speaker_person_id"] or event["speaker_organisation_id"]:
        person = event["speaker_person_id"]
        speaker = [{"role": ParticipantRole.SPEAKER,
                    "type": "person" if person else "organization",
                    "id": person or event["speaker_organisation_id"], "name": "",
                    "country": event["speaker_post__country_id"]
                    or event["speaker_organisation__country_id"]
                    or event["speaker_person__nationality_id"]}]
    about = [{"role": roles.ABOUT, "type": _TYPE_OF_COLUMN[ref.column], "id": ref.pk, "name": "",
              "country": ref.pk if ref.column == "country_id" else homes.get(ref)}
             for ref in fact.about]
    actors, recipients = roles.sides(fact.participants,
                                     is_statement=event["kind"] == EventKind.STATEMENT,
                                     speaker=speaker, about=about)
    return roles.country_pairs(actors, recipients)


def _homes(*, people: set, organisations: set) -> dict[_Ref, str | None]:
    """The country each person (nationality) and organisation of a batch belongs to."""
    homes: dict[_Ref, str | None] = {}
    for pk, country in Person.objects.filter(_among("pk", people)).values_list(
            "pk", "nationality_id"):
        homes[_Ref("person_id", pk)] = country
    for pk, country in Organisation.objects.filter(_among("pk", organisations)).values_list(
            "pk", "country_id"):
        homes[_Ref("organisation_id", pk)] = country
    return homes


@dataclass(frozen=True)
class _Ref:
    """A name to look up once per batch: (``person_id``, 7) → the person's names."""

    column: str
    pk: object


def _remember(fact: _EventFacts, people: set, organisations: set, countries: set, *,
              person=None, organisation=None, country=None) -> None:
    for column, pk, found in (("person_id", person, people),
                              ("organisation_id", organisation, organisations),
                              ("country_id", country, countries)):
        if pk is not None:
            fact.texts.append(_Ref(column, pk))
            found.add(pk)


def _names(*, people: set, organisations: set, countries: set) -> dict[_Ref, list[str]]:
    """Every name and alias of the actors a batch refers to, keyed by _Ref."""
    names: dict[_Ref, list[str]] = defaultdict(list)
    for pk, name in Person.objects.filter(_among("pk", people)).values_list("pk", "name"):
        names[_Ref("person_id", pk)].append(name)
    for pk, name in PersonAlias.objects.filter(_among("person_id", people)).values_list(
            "person_id", "name"):
        names[_Ref("person_id", pk)].append(name)
    for pk, name, acronym in Organisation.objects.filter(_among("pk", organisations)).values_list(
            "pk", "name", "acronym"):
        names[_Ref("organisation_id", pk)] += [name, acronym]
    for pk, name in OrganisationAlias.objects.filter(
            _among("organisation_id", organisations)).values_list("organisation_id", "name"):
        names[_Ref("organisation_id", pk)].append(name)
    for pk, name in Country.objects.filter(_among("pk", countries)).values_list("pk", "name"):
        names[_Ref("country_id", pk)].append(name)
    return names


def _timeline_columns(event: dict) -> dict:
    last = event["date_end"] or event["date"]
    return {"curation_status": event["curation_status"], "kind": event["kind"],
            "date": event["date"], "span_end": period_end(last, event["date_precision"]),
            "uid": event["uid"], "date_precision": event["date_precision"],
            "intensity": event["cameo__goldstein"]}


# --- Following every change -------------------------------------------------------------

_pending: ContextVar[set[int] | None] = ContextVar("derived_pending", default=None)


@contextmanager
def refresh_once() -> Iterator[None]:
    """Collect the events touched inside the block and rebuild each once at its end."""
    if _pending.get() is not None:  # an outer block rebuilds them
        yield
        return
    token = _pending.set(set())
    try:
        yield
        touched = _pending.get()
    finally:
        _pending.reset(token)
    if touched:
        events_refresh(event_ids=sorted(touched))


def touch(event_ids: Iterable[int]) -> None:
    """Rebuild these events now, or at the end of the enclosing ``refresh_once``."""
    pending = _pending.get()
    ids = [pk for pk in event_ids if pk is not None]
    if pending is not None:
        pending.update(ids)
    elif ids:
        events_refresh(event_ids=ids)


def _events_naming(*, person=None, organisation=None, country=None) -> list[int]:
    """Events whose search document holds this actor's names."""
    if person is not None:
        condition = (Q(participants__actor_person=person) | Q(speaker_person=person)
                     | Q(about_people=person))
    elif organisation is not None:
        condition = (Q(participants__actor_organisation=organisation)
                     | Q(speaker_organisation=organisation) | Q(about_organisations=organisation))
    else:
        condition = (Q(participants__actor_country=country) | Q(location_country=country)
                     | Q(about_countries=country))
    return list(Event._base_manager.filter(condition).values_list("pk", flat=True).distinct())


def _on_event(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # (a deleted event takes its rows with it: CASCADE)
        touch([instance.pk])


def _on_event_row(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        touch([getattr(instance, "event_id", None)])


def _on_about(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        # reverse: an actor's statements changed (pk_set holds events), else an event's.
        touch((pk_set or []) if reverse else [instance.pk])


def _on_actor(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if isinstance(instance, PersonAlias):
        touch(_events_naming(person=instance.person_id))
    elif isinstance(instance, OrganisationAlias):
        touch(_events_naming(organisation=instance.organisation_id))
    elif isinstance(instance, Person):
        touch(_events_naming(person=instance.pk))
    elif isinstance(instance, Organisation):
        touch(_events_naming(organisation=instance.pk))
    elif isinstance(instance, Country):
        touch(_events_naming(country=instance.pk))


def connect_signals() -> None:
    post_save.connect(_on_event, sender=Event, dispatch_uid="derived-event")
    for model in (EventParticipant, Citation):
        for signal in (post_save, post_delete):
            signal.connect(_on_event_row, sender=model,
                           dispatch_uid=f"derived-{signal}-{model._meta.label}")
    for field_name in ("about_people", "about_organisations", "about_countries"):
        m2m_changed.connect(_on_about, sender=getattr(Event, field_name).through,
                            dispatch_uid=f"derived-{field_name}")
    for model in (Person, PersonAlias, Organisation, OrganisationAlias, Country):
        for signal in (post_save, post_delete):
            signal.connect(_on_actor, sender=model,
                           dispatch_uid=f"derived-{signal}-{model._meta.label}")
