"""FilterSets for the v1 API. Every filter names its field and lookup explicitly, and
every malformed value is a 400 naming the parameter (django-filter's form errors)."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from diplomacy import selectors
from diplomacy.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Country,
    CurationStatus,
    Event,
    EventKind,
    Organisation,
    OrganisationKind,
    Person,
    Post,
    Source,
    SourceKind,
    StatementMedium,
    Topic,
    Verification,
)

# --- Fields that parse and check a parameter ---------------------------------------------------


class CommaListField(forms.CharField):
    """``a,b,c`` → ['a', 'b', 'c'], each checked against ``allowed`` when given."""

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs) -> None:
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        items = [item.strip() for item in value.split(",") if item.strip()]
        if self.allowed is not None:
            unknown = [item for item in items if item not in self.allowed]
            if unknown:
                raise ValidationError(
                    f"Unknown value(s): {', '.join(unknown)}. "
                    f"Allowed: {', '.join(self.allowed)}.")
        return items


class CountryCodesField(CommaListField):
    """ISO 3166-1 alpha-3 codes, any case; unknown codes are refused, not ignored."""

    def clean(self, value):
        codes = [code.upper() for code in super().clean(value)]
        if codes:
            unknown = selectors.unknown_ids(Country, "iso3", codes)
            if unknown:
                raise ValidationError(
                    f"Unknown country code(s): {', '.join(unknown)}. "
                    "Use ISO 3166-1 alpha-3 codes such as AZE.")
        return codes


class DyadField(CountryCodesField):
    def clean(self, value):
        codes = super().clean(value)
        if codes and len(set(codes)) != 2:
            raise ValidationError("A dyad is two different ISO alpha-3 codes, e.g. AZE,ISR.")
        return codes


class SlugsField(CommaListField):
    """Public ids of some model, checked to exist."""

    def __init__(self, *args, model=None, id_field: str = "slug", **kwargs) -> None:
        self.model = model
        self.id_field = id_field
        super().__init__(*args, **kwargs)

    def clean(self, value):
        ids = super().clean(value)
        if ids:
            unknown = selectors.unknown_ids(self.model, self.id_field, ids)
            if unknown:
                raise ValidationError(f"Unknown id(s): {', '.join(unknown)}.")
        return ids


class ActorIdField(forms.CharField):
    """A person or organisation slug (or, where allowed, a country code) → ActorRef."""

    def __init__(self, *args, countries: bool = False, **kwargs) -> None:
        self.types = ("country", "person", "organisation") if countries else (
            "person", "organisation")
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        actor = selectors.actor_by_id(value, types=self.types)
        if actor is None:
            kinds = ("country, organisation or person" if "country" in self.types
                     else "person or organisation")
            raise ValidationError(f"No {kinds} has the id {value!r}.")
        return actor


class SearchTextField(forms.CharField):
    """A full-text query (selectors.search): it must hold at least one word."""

    def clean(self, value):
        value = super().clean(value)
        if value and not selectors.has_words(value):
            raise ValidationError("Give at least one word (letters or digits) to search for.")
        return value


@extend_schema_field(OpenApiTypes.STR)
class SearchFilter(filters.CharFilter):
    field_class = SearchTextField


# The schema shows each of these as one string parameter (a comma list where noted).
@extend_schema_field(OpenApiTypes.STR)
class CommaListFilter(filters.Filter):
    field_class = CommaListField


@extend_schema_field(OpenApiTypes.STR)
class CountryCodesFilter(filters.Filter):
    field_class = CountryCodesField


@extend_schema_field(OpenApiTypes.STR)
class DyadFilter(filters.Filter):
    field_class = DyadField


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(filters.Filter):
    field_class = SlugsField


@extend_schema_field(OpenApiTypes.STR)
class ActorFilter(filters.Filter):
    field_class = ActorIdField


def _text(queryset: QuerySet, text: str, fields: list[str]) -> QuerySet:
    return selectors.texts_matching(queryset, text=text, fields=fields) if text else queryset


# --- Events ------------------------------------------------------------------------------------


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
    participant = ActorFilter(method="filter_participant",
                              help_text="Person or organisation id taking part.")
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
    ordering = filters.OrderingFilter(method="timeline", fields=(("date", "date"),),
                                      help_text="date or -date (ties broken by id).")

    class Meta:
        model = Event
        fields: list[str] = []

    def timeline(self, queryset, name, value):
        return queryset  # applied together, in filter_queryset

    def filter_participant(self, queryset, name, actor):
        if actor is None:
            return queryset
        return selectors.events_with_participant(queryset, actor=actor)

    def filter_topic(self, queryset, name, slugs):
        return selectors.events_with_topics(queryset, topics=slugs) if slugs else queryset

    def filter_q(self, queryset, name, text):
        return selectors.events_matching(queryset, text=text) if text else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        timeline = self.timeline_of(self.form.cleaned_data)
        if timeline is None:
            return queryset.none()
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
        return selectors.Timeline(
            statuses=tuple(statuses), kinds=tuple(kinds),
            countries=tuple(data.get("country") or ()),
            dyad=tuple(data["dyad"]) if data.get("dyad") else None,
            date_from=data.get("date_from"), date_to=data.get("date_to"),
            descending=data.get("ordering") == ["-date"],
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


# --- Agreements ------------------------------------------------------------------------------


class PartyField(forms.MultipleChoiceField):
    """Repeatable ``party``: country codes or organisation ids, all of which must take part."""

    def valid_value(self, value) -> bool:
        return True

    def clean(self, value):
        values = super().clean(value)
        for item in values:
            if "\x00" in item:
                raise ValidationError("Null characters are not allowed.")
        parties = []
        for item in values:
            party = selectors.actor_by_id(item, types=("country", "organisation"))
            if party is None:
                raise ValidationError(f"No country or organisation has the id {item!r}.")
            parties.append(party)
        return parties


@extend_schema_field(OpenApiTypes.STR)  # one id per value; drf-spectacular adds the array
class PartyFilter(filters.MultipleChoiceFilter):
    field_class = PartyField


class AgreementFilter(filters.FilterSet):
    # party may be repeated: every party named must take part.
    repeatable = frozenset({"party"})

    party = PartyFilter(method="filter_party",
                        help_text="Repeat for several: agreements all of them are party to.")
    kind = filters.ChoiceFilter(field_name="kind", lookup_expr="exact",
                                choices=AgreementKind.choices)
    status = filters.ChoiceFilter(field_name="status", lookup_expr="exact",
                                  choices=AgreementStatus.choices,
                                  help_text="The agreement's own status (in_force, …).")
    in_force_on = filters.DateFilter(method="filter_in_force_on",
                                     help_text="Agreements in force on this day; an unknown "
                                               "start or end counts as open.")
    q = filters.CharFilter(method="filter_q", max_length=200)

    class Meta:
        model = Agreement
        fields: list[str] = []

    def filter_party(self, queryset, name, parties):
        return selectors.agreements_with_parties(queryset, parties=parties)

    def filter_in_force_on(self, queryset, name, day):
        return selectors.agreements_in_force_on(queryset, day=day)

    def filter_q(self, queryset, name, text):
        return _text(queryset, text, ["title", "summary"])

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by("uid")


# --- Actors and sources ------------------------------------------------------------------------


class CountryFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", max_length=200,
                           help_text="Name or ISO code, ignoring case.")

    class Meta:
        model = Country
        fields: list[str] = []

    def filter_q(self, queryset, name, text):
        return selectors.countries_matching(queryset, text=text)


class OrganisationFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", max_length=200,
                           help_text="Name, acronym or any alias, ignoring case, apostrophes "
                                     "and diacritics.")
    country = CountryCodesFilter(method="filter_country")
    kind = filters.ChoiceFilter(field_name="kind", lookup_expr="exact",
                                choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_q(self, queryset, name, text):
        matching = selectors.organisations_matching(text=text).values("id")
        return queryset.filter(id__in=matching)

    def filter_country(self, queryset, name, codes):
        return queryset.filter(country__in=codes) if codes else queryset


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", max_length=200,
                           help_text="Name or any alias, ignoring case, apostrophes and "
                                     "diacritics (saar finds Sa’ar).")
    country = CountryCodesFilter(method="filter_country",
                                 help_text="Nationality, or a post held in that country.")
    post = SlugsFilter(method="filter_noop", model=Post, help_text="Post id held (at any time, "
                                                                  "or on in_office_on).")
    in_office_on = filters.DateFilter(method="filter_noop",
                                      help_text="People holding a post (the post given, if any) "
                                                "on this day; unknown ends count as open.")

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_q(self, queryset, name, text):
        return queryset.filter(id__in=selectors.people_matching(text=text).values("id"))

    def filter_country(self, queryset, name, codes):
        return selectors.people_of_countries(queryset, codes=codes) if codes else queryset

    def filter_noop(self, queryset, name, value):
        return queryset  # post and in_office_on apply together, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        queryset = selectors.people_holding(queryset, posts=self.form.cleaned_data.get("post"),
                                            on=self.form.cleaned_data.get("in_office_on"))
        return queryset.order_by("name", "slug")


class SourceFilter(filters.FilterSet):
    publisher = SlugsFilter(method="filter_publisher", model=Organisation,
                            help_text="Organisation id of the publisher.")
    kind = filters.ChoiceFilter(field_name="kind", lookup_expr="exact", choices=SourceKind.choices)
    published_from = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_to = filters.DateFilter(field_name="published_on", lookup_expr="lte")
    q = filters.CharFilter(method="filter_q", max_length=200)

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_publisher(self, queryset, name, slugs):
        return queryset.filter(publisher__slug__in=slugs) if slugs else queryset

    def filter_q(self, queryset, name, text):
        return _text(queryset, text, ["title", "author"])

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by("uid")
