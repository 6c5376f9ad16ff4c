"""The actor network: who acts on whom in events, and what flows under agreements.

Nodes are actors: countries, organisations and people. Edges are of three kinds:

- ``acts_on``: a source actor acting on a target actor in events, paired by the role
  table (``services/roles.py``: the guest visits the host, the speaker speaks of the
  subject, the perpetrator attacks the target), one edge per pair with the number of
  events. A participant the sources do not name (``three Azerbaijani nationals``)
  stands for the country it is counted under, so an arrest or an attack on unnamed
  people still links the actors to a state.
- ``exchange``: an agreement's directed flow from one country to another, labelled
  by its category (energy AZE → ISR, arms ISR → AZE), one edge per flow.
- ``belongs_to``: an organisation or person to the country it is counted under (in
  the events shown) or belongs to (organisations in agreements), so that the graph
  reads as states with their people and bodies around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from diplomacy.models import EventKind
from diplomacy.services import roles

# Events a network is drawn from at most (the newest first); the page says when more match.
NETWORK_EVENTS = 500


def node_id(actor_type: str, key: str) -> str:
    return f"{actor_type}:{key}"


def actor_url(actor_type: str, key: str | None) -> str | None:
    """The page of a country, organisation or person; None for a name without a record."""
    if not key:
        return None
    route = {"country": "pages:country", "organization": "pages:organisation",
             "person": "pages:person"}.get(actor_type)
    argument = {"country": "code", "organization": "slug", "person": "slug"}.get(actor_type)
    return reverse(route, kwargs={argument: key}) if route else None


@dataclass
class Network:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[str, dict[str, Any]] = field(default_factory=dict)

    def node(self, actor_type: str, key: str, name: str) -> str:
        identifier = node_id(actor_type, key)
        self.nodes.setdefault(identifier, {"id": identifier, "type": actor_type, "key": key,
                                           "label": name or key,
                                           "url": actor_url(actor_type, key)})
        return identifier

    def edge(self, kind: str, source: str, target: str, *, label: str = "",
             event: str | None = None, agreement: str | None = None) -> None:
        identifier = f"{kind}:{source}>{target}" + (f":{label}" if kind == "exchange" else "")
        edge = self.edges.setdefault(identifier, {
            "id": identifier, "kind": kind, "source": source, "target": target,
            "label": label, "events": [], "agreements": []})
        if event and event not in edge["events"]:
            edge["events"].append(event)
        if agreement and agreement not in edge["agreements"]:
            edge["agreements"].append(agreement)

    def as_data(self) -> dict[str, list[dict[str, Any]]]:
        """Nodes (countries first, then organisations, then people, each by name) and
        edges in a stable order; ``acts_on`` edges labelled with their event count."""
        order = {"country": 0, "organization": 1, "person": 2}
        nodes = sorted(self.nodes.values(), key=lambda n: (order[n["type"]], n["label"]))
        edges = sorted(self.edges.values(), key=lambda e: (e["kind"], e["source"],
                                                          e["target"], e["label"]))
        for edge in edges:
            edge["count"] = len(edge["events"]) or len(edge["agreements"])
            edge["source_label"] = self.nodes[edge["source"]]["label"]
            edge["target_label"] = self.nodes[edge["target"]]["label"]
            if edge["kind"] == "acts_on":
                edge["label"] = str(edge["count"])
        return {"nodes": nodes, "edges": edges}


def _side_entry(participant: dict[str, Any]) -> dict[str, Any]:
    """A participant as the role table reads it; a name without a record stands for the
    country it is counted under (or is left out of the pairs when it has none)."""
    entry = {"role": participant["role"], "country": participant["country_id"], "name": ""}
    if participant["actor_country_id"]:
        return {**entry, "type": "country", "id": participant["actor_country_id"],
                "label": participant["actor_country__name"]}
    if participant["actor_organisation__slug"]:
        return {**entry, "type": "organization", "id": participant["actor_organisation__slug"],
                "label": participant["actor_organisation__name"]}
    if participant["actor_person__slug"]:
        return {**entry, "type": "person", "id": participant["actor_person__slug"],
                "label": participant["actor_person__name"]}
    if participant["country_id"]:
        return {**entry, "type": "country", "id": participant["country_id"], "label": ""}
    return {**entry, "type": "unresolved", "id": None, "label": participant["name"],
            "name": participant["name"]}


def _speaker(event: dict[str, Any]) -> list[dict[str, Any]]:
    for actor_type, prefix in (("person", "speaker_person"),
                               ("organization", "speaker_organisation")):
        if event[f"{prefix}__slug"]:
            return [{"role": "speaker", "type": actor_type, "id": event[f"{prefix}__slug"],
                     "label": event[f"{prefix}__name"], "name": "", "country": None}]
    return []


def _add_events(network: Network, events: list[dict[str, Any]]) -> None:
    for event in events:
        participants = [_side_entry(p) for p in event["participants"]]
        about = [{"role": roles.ABOUT, "type": a["type"], "id": a["id"], "label": a["name"],
                  "name": "", "country": a["id"] if a["type"] == "country" else None}
                 for a in event["about"]]
        actors, recipients = roles.sides(participants,
                                         is_statement=event["kind"] == EventKind.STATEMENT,
                                         speaker=_speaker(event), about=about)
        for entry in [*participants, *actors, *recipients]:
            if entry["id"] is None:
                continue
            node = network.node(entry["type"], entry["id"], entry["label"])
            if entry["type"] != "country" and entry["country"]:
                home = network.node("country", entry["country"], "")
                network.edge("belongs_to", node, home)
        for source, target in roles.pairs(actors, recipients):
            if source["id"] is None or target["id"] is None:
                continue
            network.edge("acts_on", node_id(source["type"], source["id"]),
                         node_id(target["type"], target["id"]), event=event["uid"])


def _add_agreements(network: Network, agreements: list[dict[str, Any]],
                    exchanges: list[dict[str, Any]], organisations: list[dict[str, Any]]
                    ) -> None:
    flowing = {row["agreement__uid"] for row in exchanges}
    for row in agreements:
        first = network.node("country", row["first_party_id"], row["first_party__name"])
        second = network.node("country", row["second_party_id"], row["second_party__name"])
        if row["uid"] not in flowing:  # no recorded flows: the parties are still bound
            network.edge("agreement", first, second, label=row["kind"], agreement=row["uid"])
    for row in exchanges:
        source = network.node("country", row["from_country_id"], row["from_country__name"])
        target = network.node("country", row["to_country_id"], row["to_country__name"])
        network.edge("exchange", source, target, label=row["category"],
                     agreement=row["agreement__uid"])
        if row["via__slug"]:
            via = network.node("organization", row["via__slug"], row["via__name"])
            if row["via__country_id"]:
                network.edge("belongs_to", via, network.node("country", row["via__country_id"],
                                                             ""))
    for row in organisations:
        organisation = network.node("organization", row["organisation__slug"],
                                    row["organisation__name"])
        if row["organisation__country_id"]:
            network.edge("belongs_to", organisation,
                         network.node("country", row["organisation__country_id"], ""))


def build_network(*, events: list[dict[str, Any]], agreements: list[dict[str, Any]],
                  exchanges: list[dict[str, Any]], organisations: list[dict[str, Any]]
                  ) -> Network:
    """The network of ``events`` (``event_facts`` rows) and agreements (``selectors``'
    agreement, exchange and organisation-party rows). Country nodes first seen without a
    name (a counted country) get it from ``name_countries``."""
    network = Network()
    _add_events(network, events)
    _add_agreements(network, agreements, exchanges, organisations)
    return network


def name_countries(network: Network, names: dict[str, str]) -> None:
    for node in network.nodes.values():
        if node["type"] == "country":
            node["label"] = names.get(node["key"], node["label"])
