"""Flat CSV columns per endpoint: stable names, ISO dates with their precision,
lists joined by ';' (participants as type:id:role)."""

from __future__ import annotations

from .csv import joined


def _actor_id(actor) -> str:
    for attr in ("iso3", "slug"):
        if hasattr(actor, attr):
            return getattr(actor, attr)
    return str(actor)


def _participants(event) -> str:
    return joined(f"{p.actor_type}:{_actor_id(p.actor)}:{p.role}" for p in event.participants.all())


def _speaker(event) -> str:
    actor = event.speaker_person or event.speaker_organisation
    return _actor_id(actor) if actor else ""


def _about(event) -> str:
    return joined([*(c.iso3 for c in event.about_countries.all()),
                   *(o.slug for o in event.about_organisations.all()),
                   *(p.slug for p in event.about_people.all())])


EVENT = [
    ("id", lambda e: e.uid),
    ("kind", lambda e: e.kind),
    ("title", lambda e: e.title),
    ("date", lambda e: e.date.isoformat()),
    ("date_end", lambda e: e.date_end.isoformat() if e.date_end else ""),
    ("date_precision", lambda e: e.date_precision),
    ("approximate", lambda e: str(e.approximate).lower()),
    ("place", lambda e: e.place),
    ("location_country", lambda e: e.location_country_id),
    ("countries", lambda e: joined(sorted({p.country_id for p in e.participants.all()
                                           if p.country_id}))),
    ("participants", _participants),
    ("topics", lambda e: joined(t.slug for t in e.topics.all())),
    ("verification", lambda e: e.verification),
    ("status", lambda e: e.curation_status),
    ("incident_type", lambda e: e.incident_type),
    ("cameo", lambda e: e.cameo_id),
    ("plover_type", lambda e: e.plover_type),
    ("plover_mode", lambda e: e.plover_mode),
    ("plover_context", lambda e: e.plover_context),
    ("intensity", lambda e: e.intensity),
    ("source_ids", lambda e: joined(c.source.uid for c in e.citations.all())),
    ("summary", lambda e: e.summary),
]

STATEMENT = [
    *EVENT[:4],
    ("speaker", _speaker),
    ("speaker_post", lambda e: e.speaker_post.slug if e.speaker_post_id else ""),
    ("quote", lambda e: e.quote),
    ("language", lambda e: e.language),
    ("medium", lambda e: e.medium),
    ("about", _about),
    ("occasion", lambda e: e.visible_occasion or ""),
    *EVENT[4:],
]

AGREEMENT = [
    ("id", lambda a: a.uid),
    ("title", lambda a: a.title),
    ("kind", lambda a: a.kind),
    ("formality", lambda a: a.formality),
    ("status", lambda a: a.status),
    ("verification", lambda a: a.verification),
    ("curation_status", lambda a: a.curation_status),
    ("parties", lambda a: joined([a.first_party_id, a.second_party_id,
                                  *(_actor_id(p.country or p.organisation)
                                    for p in a.parties.all())])),
    ("exchanges", lambda a: joined(f"{x.from_country_id}>{x.to_country_id}:{x.category}"
                                   for x in a.exchanges.all())),
    ("start_date", lambda a: a.start_date.isoformat() if a.start_date else ""),
    ("start_precision", lambda a: a.start_precision),
    ("end_date", lambda a: a.end_date.isoformat() if a.end_date else ""),
    ("end_precision", lambda a: a.end_precision),
    ("topics", lambda a: joined(t.slug for t in a.topics.all())),
    ("source_ids", lambda a: joined(c.source.uid for c in a.citations.all())),
    ("summary", lambda a: a.summary),
]

COUNTRY = [
    ("id", lambda c: c.iso3),
    ("iso2", lambda c: c.iso2),
    ("numeric", lambda c: c.numeric),
    ("name", lambda c: c.name),
    ("official_name", lambda c: c.official_name),
    ("wikidata_id", lambda c: c.wikidata_id),
]

ORGANISATION = [
    ("id", lambda o: o.slug),
    ("name", lambda o: o.name),
    ("acronym", lambda o: o.acronym),
    ("kind", lambda o: o.kind),
    ("country", lambda o: o.country_id),
    ("parent", lambda o: o.parent.slug if o.parent_id else ""),
    ("aliases", lambda o: joined(a.name for a in o.aliases.all())),
    ("wikidata_id", lambda o: o.wikidata_id),
]

PERSON = [
    ("id", lambda p: p.slug),
    ("name", lambda p: p.name),
    ("nationality", lambda p: p.nationality_id),
    ("aliases", lambda p: joined(a.name for a in p.aliases.all())),
    ("posts", lambda p: joined(t.post.slug for t in p.tenures.all())),
    ("wikidata_id", lambda p: p.wikidata_id),
]

SOURCE = [
    ("id", lambda s: s.uid),
    ("kind", lambda s: s.kind),
    ("title", lambda s: s.title),
    ("publisher", lambda s: s.publisher.slug if s.publisher_id else ""),
    ("author", lambda s: s.author),
    ("link", lambda s: s.url),
    ("published_on", lambda s: s.published_on.isoformat() if s.published_on else ""),
    ("language", lambda s: s.language),
]
