"""Flat CSV columns per endpoint: stable names, ISO dates with their precision,
lists joined by ';' (participants as type:id:role)."""

from __future__ import annotations

from .csv import joined
from .event_rows import actor as event_actor


def _actor_id(actor) -> str:
    for attr in ("iso3", "slug"):
        if hasattr(actor, attr):
            return getattr(actor, attr)
    return str(actor)


# Events are read as plain rows (event_rows.event_facts), not model instances.

def _participants(event: dict) -> str:
    return joined(f"{actor['type']}:{actor['id'] or actor['name']}:{p['role']}"
                  for p in event["participants"] for actor in [event_actor(p)])


def _speaker(event: dict) -> str:
    return event["speaker_person__slug"] or event["speaker_organisation__slug"] or ""


def _iso(day) -> str:
    return day.isoformat() if day else ""


EVENT = [
    ("id", lambda e: e["uid"]),
    ("kind", lambda e: e["kind"]),
    ("title", lambda e: e["title"]),
    ("date", lambda e: _iso(e["date"])),
    ("date_end", lambda e: _iso(e["date_end"])),
    ("date_precision", lambda e: e["date_precision"]),
    ("approximate", lambda e: str(e["approximate"]).lower()),
    ("place", lambda e: e["place"]),
    ("location_country", lambda e: e["location_country_id"]),
    ("countries", lambda e: joined(sorted({p["country_id"] for p in e["participants"]
                                           if p["country_id"]}))),
    ("participants", _participants),
    ("topics", lambda e: joined(e["topics"])),
    ("verification", lambda e: e["verification"]),
    ("status", lambda e: e["curation_status"]),
    ("incident_type", lambda e: e["incident_type"]),
    ("cameo", lambda e: e["cameo_id"]),
    ("plover_type", lambda e: e["plover_type"]),
    ("plover_mode", lambda e: e["plover_mode"]),
    ("plover_context", lambda e: e["plover_context"]),
    ("intensity", lambda e: e["cameo__goldstein"]),
    ("source_ids", lambda e: joined(c["source__uid"] for c in e["citations"])),
    ("summary", lambda e: e["summary"]),
]

STATEMENT = [
    *EVENT[:4],
    ("speaker", _speaker),
    ("speaker_post", lambda e: e["speaker_post__slug"] or ""),
    ("quote", lambda e: e["quote"]),
    ("language", lambda e: e["language"]),
    ("medium", lambda e: e["medium"]),
    ("about", lambda e: joined(a["id"] for a in e["about"])),
    ("occasion", lambda e: e["visible_occasion"] or ""),
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

POST = [
    ("id", lambda p: p.slug),
    ("label", lambda p: p.label),
    ("country", lambda p: p.country_id),
    ("organisation", lambda p: p.organisation.slug if p.organisation_id else ""),
]

TENURE = [
    ("id", lambda t: t.uid),
    ("person", lambda t: t.person.slug),
    ("post", lambda t: t.post.slug),
    ("country", lambda t: t.post.country_id),
    ("start_date", lambda t: t.start_date.isoformat() if t.start_date else ""),
    ("start_precision", lambda t: t.start_precision),
    ("end_date", lambda t: t.end_date.isoformat() if t.end_date else ""),
    ("end_precision", lambda t: t.end_precision),
    ("note", lambda t: t.note),
]

TOPIC = [
    ("id", lambda t: t.slug),
    ("name", lambda t: t.name),
    ("description", lambda t: t.description),
]

CAMEO_CODE = [
    ("id", lambda c: c.code),
    ("name", lambda c: c.name),
    ("goldstein", lambda c: c.goldstein),
    ("root", lambda c: c.root_id),
    ("plover_type", lambda c: c.plover_type),
    ("plover_mode", lambda c: c.plover_mode),
    ("plover_context", lambda c: c.plover_context),
]
