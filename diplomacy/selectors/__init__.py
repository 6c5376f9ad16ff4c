"""Read queries, by subdomain. Each returns a QuerySet already carrying the joins its
callers need, or narrows one it is given; the API's FilterSets, the admin and the
release writer call these rather than writing their own filters.

- ``access``: who sees drafts;
- ``dates``: dates at their precision read as periods (range overlap, in force on);
- ``actors``: countries, organisations, people, posts, tenures; lookups by id and name;
- ``events``: the timeline and its country, dyad, participant, date and topic rules;
- ``agreements``: parties and being in force;
- ``search``: full text;
- ``sources``: cited documents;
- ``changes``: the public changes feed;
- ``network``: agreements' parties and flows, as rows for the actor network.
"""

from .access import is_curator, shown_by_published, visible_statuses
from .actors import (
    ActorRef,
    actor_by_id,
    countries_matching,
    country_by_code,
    organisation_list,
    organisations_matching,
    people_holding,
    people_matching,
    people_of_countries,
    person_list,
    post_holders_on,
    post_list,
    posts_held,
    tenure_list,
    tenures_in_effect,
    tenures_on,
    unknown_ids,
)
from .agreements import (
    agreement_list,
    agreements_in_force_on,
    agreements_with_exchange,
    agreements_with_parties,
    agreements_with_party,
    countries_party_to_agreements,
    visible_agreements,
)
from .changes import changes_since
from .counts import event_counts
from .events import (
    Timeline,
    event_headlines,
    events_citing,
    events_in_dyad,
    events_in_period,
    events_involving,
    events_linked,
    events_of_agreement,
    events_overlapping,
    events_related_to,
    events_timeline,
    events_with_countries_in_roles,
    events_with_participant,
    events_with_topics,
    statements_about,
    statements_by,
    timeline_rows,
    topic_list,
    visible_events,
)
from .history import HistoryEntry, record_history
from .network import (
    agreement_rows,
    country_names,
    exchange_rows,
    organisation_party_rows,
)
from .search import events_matching, has_words, parse_query, texts_matching
from .sources import source_list, sources_published_by

__all__ = [
    "ActorRef",
    "HistoryEntry",
    "Timeline",
    "actor_by_id",
    "agreement_list",
    "agreement_rows",
    "agreements_in_force_on",
    "agreements_with_exchange",
    "agreements_with_parties",
    "agreements_with_party",
    "changes_since",
    "countries_matching",
    "countries_party_to_agreements",
    "country_by_code",
    "country_names",
    "event_counts",
    "event_headlines",
    "events_citing",
    "events_in_dyad",
    "events_in_period",
    "events_involving",
    "events_linked",
    "events_matching",
    "events_of_agreement",
    "events_overlapping",
    "events_related_to",
    "events_timeline",
    "events_with_countries_in_roles",
    "events_with_participant",
    "events_with_topics",
    "exchange_rows",
    "has_words",
    "is_curator",
    "organisation_list",
    "organisation_party_rows",
    "organisations_matching",
    "parse_query",
    "people_holding",
    "people_matching",
    "people_of_countries",
    "person_list",
    "post_holders_on",
    "post_list",
    "posts_held",
    "record_history",
    "shown_by_published",
    "source_list",
    "sources_published_by",
    "statements_about",
    "statements_by",
    "tenure_list",
    "tenures_in_effect",
    "tenures_on",
    "texts_matching",
    "timeline_rows",
    "topic_list",
    "unknown_ids",
    "visible_agreements",
    "visible_events",
    "visible_statuses",
]
