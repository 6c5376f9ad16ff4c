"""The events/ filters (and meetings/, statements/, incidents/)."""

from __future__ import annotations

import django_filters as filters

from diplomacy import selectors
from diplomacy.models import (
    CurationStatus,
    DatePrecision,
    Event,
    EventKind,
    ParticipantRole,
    Person,
    PloverType,
    Source,
    StatementMedium,
    Topic,
    Verification,
)

from .fields import (
    ActorFilter,
    CameoPrefixFilter,
    CommaListFilter,
    CountryCodesFilter,
    DyadFilter,
    IntensityFilter,
    SearchFilter,
    SlugsFilter,
    StrictBooleanFilter,
)


class EventFilter(filters.FilterSet):
    """The events/ filters. Kind, country, dyad, dates, status and ordering together
    choose the index that answers the page (``selectors.events_timeline``); the rest
    narrow it further."""

    # The kind an endpoint lists (meetings/, statements/, incidents/); "" for events/.
    endpoint_kind = ""

    kind = CommaListFilter(method="timeline", allowed=list(EventKind.values),
                           help_text="Event kind; a comma list matches any of them.")
    country = CountryCodesFilter(method="timeline",
                                 help_text="ISO alpha-3 code(s); events involving any of them: "
                                           "a participant counts under it, or it happened "
                                           "there.")
    dyad = DyadFilter(method="timeline",
                      help_text="Two ISO alpha-3 codes, e.g. AZE,ISR: events with participants "
                                "counted under both (order does not matter).")
    location = CountryCodesFilter(method="filter_location",
                                  help_text="ISO alpha-3 code(s): events that happened there.")
    participant = ActorFilter(method="filter_participant",
                              help_text="Person or organisation id taking part.")
    role = CommaListFilter(method="filter_role", allowed=list(ParticipantRole.values),
                           help_text="With country or participant: only participants in these "
                                     "roles count (e.g. participant=islamic-state-khorasan"
                                     "&role=perpetrator).")
    precision = CommaListFilter(field_name="date_precision", lookup_expr="in",
                                allowed=list(DatePrecision.values),
                                help_text="Date precision(s): day, month, year.")
    approximate = StrictBooleanFilter(field_name="approximate", lookup_expr="exact",
                                      help_text="true: only roughly dated events; false: only "
                                                "the others.")
    cameo = CameoPrefixFilter(field_name="cameo__code", lookup_expr="startswith",
                              help_text="CAMEO code or prefix (04: the whole root).")
    plover_type = CommaListFilter(field_name="plover_type", lookup_expr="in",
                                  allowed=list(PloverType.values),
                                  help_text="PLOVER event type(s).")
    intensity_min = IntensityFilter(field_name="cameo__goldstein", lookup_expr="gte",
                                    help_text="Goldstein intensity at least this (-10 to 10).")
    intensity_max = IntensityFilter(field_name="cameo__goldstein", lookup_expr="lte",
                                    help_text="Goldstein intensity at most this (-10 to 10).")
    source = SlugsFilter(method="filter_source", model=Source, id_field="uid",
                         help_text="Source id(s): events citing any of them.")
    related_to = SlugsFilter(method="filter_related_to", model=Event, id_field="uid",
                             help_text="Event id: events with a relation to or from it.")
    date_from = filters.DateFilter(method="timeline",
                                   help_text="Inclusive. Matches events whose span, widened by "
                                             "its precision, reaches this day.")
    date_to = filters.DateFilter(method="timeline",
                                 help_text="Inclusive. Matches events whose span, widened by its "
                                           "precision, starts by this day.")
    topic = SlugsFilter(method="filter_topic", model=Topic,
                        help_text="Topic id(s), comma list = any of.")
    verification = filters.ChoiceFilter(field_name="verification", lookup_expr="exact",
                                        choices=Verification.choices)
    status = filters.ChoiceFilter(method="timeline", choices=CurationStatus.choices,
                                  help_text="Curation status; only curators see drafts and "
                                            "retracted records.")
    q = SearchFilter(method="filter_q", max_length=200,
                     help_text='Words in titles, summaries, quotes, cited passages and '
                                     'the names of those taking part; "quoted phrases", '
                                     'OR between alternatives, -word to exclude.')
    ordering = filters.OrderingFilter(
        method="timeline",
        fields=(("date", "date"), ("intensity", "intensity"), ("updated", "updated")),
        help_text="date, intensity (the Goldstein value of the event's CAMEO code) or updated "
                  "(when the event, its participants, citations or relations last changed); "
                  "a leading - reverses. Ties are broken by id; events without an intensity "
                  "(no CAMEO code) come last both ways. CSV exports use the same order.")

    class Meta:
        model = Event
        fields: list[str] = []

    def timeline(self, queryset, name, value):
        return queryset  # applied together, in filter_queryset

    def filter_participant(self, queryset, name, actor):
        if actor is None:
            return queryset
        return selectors.events_with_participant(queryset, actor=actor,
                                                 roles=self.form.cleaned_data.get("role"))

    def filter_location(self, queryset, name, codes):
        return queryset.filter(location_country__in=codes) if codes else queryset

    def filter_role(self, queryset, name, roles):
        # Roles narrow country (here) and participant (in filter_participant).
        codes = self.form.cleaned_data.get("country")
        if roles and codes:
            return selectors.events_with_countries_in_roles(queryset, countries=codes,
                                                           roles=roles)
        return queryset

    def filter_source(self, queryset, name, uids):
        return selectors.events_citing(queryset, sources=uids) if uids else queryset

    def filter_related_to(self, queryset, name, uids):
        return selectors.events_related_to(queryset, related=uids) if uids else queryset

    def is_valid(self) -> bool:
        valid = super().is_valid()
        data = self.form.cleaned_data if valid else {}
        if valid and data.get("role") and not (data.get("country") or data.get("participant")):
            self.form.add_error("role", "role narrows country or participant: give one too.")
            return False
        return valid

    def filter_topic(self, queryset, name, slugs):
        return selectors.events_with_topics(queryset, topics=slugs) if slugs else queryset

    def filter_q(self, queryset, name, text):
        return selectors.events_matching(queryset, text=text) if text else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        timeline = self.timeline_of(self.form.cleaned_data)
        if timeline is None:
            return queryset.none()
        # The filters applied together as the timeline (method "timeline") and the rest.
        narrowed = any(value not in (None, "", [], ()) for name, value
                       in self.form.cleaned_data.items()
                       if self.filters[name].method != "timeline")
        # When nothing but the timeline narrows the list, counts may read derived rows
        # instead of the events: the list's count (api/pagination.py) and events/counts/.
        self.plain_timeline = None if narrowed else timeline
        return selectors.events_timeline(queryset, timeline=timeline)

    def timeline_of(self, data: dict) -> selectors.Timeline | None:
        """The timeline the parameters ask for, within what this user and endpoint may
        show; None when that is nothing at all (a kind another endpoint lists)."""
        statuses = selectors.visible_statuses(user=getattr(self.request, "user", None))
        if data.get("status"):
            statuses = [status for status in statuses if status == data["status"]]
        kinds = data.get("kind") or []
        if self.endpoint_kind:
            if kinds and self.endpoint_kind not in kinds:
                return None
            kinds = [self.endpoint_kind]
        if not statuses:
            return None
        ordering = (data.get("ordering") or ["date"])[0]
        return selectors.Timeline(
            statuses=tuple(statuses), kinds=tuple(kinds),
            countries=tuple(data.get("country") or ()),
            dyad=tuple(data["dyad"]) if data.get("dyad") else None,
            date_from=data.get("date_from"), date_to=data.get("date_to"),
            descending=ordering.startswith("-"), ordering=ordering.lstrip("-"),
        )


class MeetingFilter(EventFilter):
    endpoint_kind = EventKind.MEETING


class IncidentFilter(EventFilter):
    endpoint_kind = EventKind.INCIDENT


class StatementFilter(EventFilter):
    endpoint_kind = EventKind.STATEMENT

    speaker = SlugsFilter(method="filter_speaker", model=Person,
                          help_text="Person id of the speaker.")
    about = ActorFilter(method="filter_about", countries=True,
                        help_text="Country, organisation or person id the statement is about.")
    medium = filters.ChoiceFilter(field_name="medium", lookup_expr="exact",
                                  choices=StatementMedium.choices)

    def filter_speaker(self, queryset, name, slugs):
        return selectors.statements_by(queryset, speakers=slugs) if slugs else queryset

    def filter_about(self, queryset, name, actor):
        return selectors.statements_about(queryset, actor=actor) if actor else queryset


