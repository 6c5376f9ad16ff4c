"""Input for curators' writes. Only client-owned fields appear here: id, status,
retraction reason and history belong to the server, and are ignored when a client
sends them back (as a GET-edit-PUT round trip does). Any other field the input
does not declare is refused, naming it: a misspelt ``titel`` must not be dropped
in silence, nor a field a client hopes to set that it may not."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from diplomacy.models import (
    AgreementKind,
    AgreementStatus,
    AliasKind,
    CameoCode,
    Certainty,
    Country,
    DatePrecision,
    Event,
    EventKind,
    ExchangeCategory,
    Formality,
    IncidentType,
    Organisation,
    OrganisationKind,
    ParticipantRole,
    PartyRole,
    Person,
    PloverType,
    Post,
    RelationKind,
    Source,
    SourceKind,
    StatementMedium,
    Topic,
    Verification,
)

# Rows one write may carry in each list (participants, citations, topics…): far more
# than any real record has, and few enough that a hostile body cannot pin a worker.
ROWS_MAX = 100


# What a record's representation shows that the server alone sets.
SERVER_OWNED = frozenset({"id", "url", "status", "curation_status", "retraction_reason"})


class StrictInput(serializers.Serializer):
    """Refuses fields it does not declare (server-owned ones are ignored), and values of
    the wrong JSON type: DRF would read 0 as the text "0" and "yes" as true.
    ``elsewhere`` names fields a representation shows that are written at another
    endpoint, with the message saying where."""

    elsewhere: dict[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {name: [self.elsewhere.get(name, "Unknown field.")]
                      for name in sorted(set(data) - set(self.fields) - SERVER_OWNED)}
            for name, field in self.fields.items():
                value = data.get(name)
                if value is None or field.read_only:
                    continue
                expected = _json_type(field)
                if expected is not None and not isinstance(value, expected[0]):
                    errors[name] = [f"Must be {expected[1]}."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def _json_type(field: serializers.Field) -> tuple[type | tuple[type, ...], str] | None:
    """The JSON type a write field takes, where DRF would otherwise coerce another."""
    if isinstance(field, serializers.BooleanField):
        return bool, "true or false"
    if isinstance(field, serializers.CharField | serializers.ChoiceField
                  | serializers.RelatedField | serializers.DateField):
        return str, "a string"
    return None


class PublicIdField(serializers.SlugRelatedField):
    """A record named by its public id; an empty string is no id (use null for none)."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().run_validation(data)


def _by(model, field: str, **kwargs) -> serializers.SlugRelatedField:
    return PublicIdField(slug_field=field, queryset=model.objects.all(), **kwargs)


def _many(model, field: str, **kwargs) -> serializers.ListField:
    """A list of public ids of ``model``, each looked up, at most ROWS_MAX of them."""
    return serializers.ListField(child=_by(model, field), max_length=ROWS_MAX, **kwargs)


class ParticipantInput(StrictInput):
    role = serializers.ChoiceField(choices=ParticipantRole.choices)
    actor_country = _by(Country, "iso3", required=False, allow_null=True)
    actor_organisation = _by(Organisation, "slug", required=False, allow_null=True)
    actor_person = _by(Person, "slug", required=False, allow_null=True)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    country = _by(Country, "iso3", required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


class CitationInput(StrictInput):
    source = _by(Source, "uid")
    quote = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class RelationInput(StrictInput):
    kind = serializers.ChoiceField(choices=RelationKind.choices,
                                   help_text="How this event relates to the other.")
    to = _by(Event, "uid", source="to_event", help_text="The other event's id.")
    certainty = serializers.ChoiceField(choices=Certainty.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True)


class EventInput(StrictInput):
    kind = serializers.ChoiceField(choices=EventKind.choices)
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True)
    date = serializers.DateField()
    date_end = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    approximate = serializers.BooleanField(required=False)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200)
    location_country = _by(Country, "iso3", required=False, allow_null=True)
    verification = serializers.ChoiceField(choices=Verification.choices, required=False)
    topics = _many(Topic, "slug", required=False)
    incident_type = serializers.ChoiceField(choices=IncidentType.choices, required=False,
                                            allow_blank=True)
    cameo = serializers.PrimaryKeyRelatedField(queryset=CameoCode.objects.all(), required=False,
                                               allow_null=True)
    plover_type = serializers.ChoiceField(choices=PloverType.choices, required=False,
                                          allow_blank=True)
    plover_mode = serializers.CharField(required=False, allow_blank=True, max_length=40)
    plover_context = serializers.CharField(required=False, allow_blank=True, max_length=40)
    speaker_person = _by(Person, "slug", required=False, allow_null=True)
    speaker_organisation = _by(Organisation, "slug", required=False, allow_null=True)
    speaker_post = _by(Post, "slug", required=False, allow_null=True)
    quote = serializers.CharField(required=False, allow_blank=True)
    language = serializers.CharField(required=False, allow_blank=True, max_length=16)
    medium = serializers.ChoiceField(choices=StatementMedium.choices, required=False,
                                     allow_blank=True)
    occasion = _by(Event, "uid", required=False, allow_null=True)
    about_countries = _many(Country, "iso3", required=False)
    about_organisations = _many(Organisation, "slug", required=False)
    about_people = _many(Person, "slug", required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    participants = ParticipantInput(many=True, required=False, max_length=ROWS_MAX)
    citations = CitationInput(many=True, required=False, max_length=ROWS_MAX)
    relations = RelationInput(
        many=True, required=False, max_length=ROWS_MAX,
        help_text="This event's links to other events (outgoing), replaced as a whole when "
                  "sent. A link another event makes to this one is written on that event.")


class AgreementPartyInput(StrictInput):
    country = _by(Country, "iso3", required=False, allow_null=True)
    organisation = _by(Organisation, "slug", required=False, allow_null=True)
    role = serializers.ChoiceField(choices=PartyRole.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True)


class ExchangeInput(StrictInput):
    category = serializers.ChoiceField(choices=ExchangeCategory.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    via = _by(Organisation, "slug", required=False, allow_null=True)
    quantity = serializers.CharField(required=False, allow_blank=True, max_length=100)
    value = serializers.DecimalField(max_digits=18, decimal_places=2, required=False,
                                     allow_null=True)
    currency = serializers.CharField(required=False, allow_blank=True, max_length=3)

    def get_fields(self):
        # "from" is a Python keyword; the API names the ends of a flow from and to.
        fields = super().get_fields()
        fields["from"] = _by(Country, "iso3", source="from_country",
                             help_text="Supplying party (ISO alpha-3).")
        fields["to"] = _by(Country, "iso3", source="to_country",
                           help_text="Receiving party (ISO alpha-3).")
        return fields


class AgreementInput(StrictInput):
    title = serializers.CharField(max_length=300)
    short_title = serializers.CharField(required=False, allow_blank=True, max_length=80)
    aliases = serializers.CharField(required=False, allow_blank=True,
                                    help_text="Other names, one per line.")
    summary = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=AgreementKind.choices)
    formality = serializers.ChoiceField(choices=Formality.choices)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, required=False,
                                     help_text="The agreement's own status (not curation).")
    verification = serializers.ChoiceField(choices=Verification.choices, required=False)
    first_party = _by(Country, "iso3")
    second_party = _by(Country, "iso3")
    start_date = serializers.DateField(required=False, allow_null=True)
    start_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    end_date = serializers.DateField(required=False, allow_null=True)
    end_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    approximate = serializers.BooleanField(required=False)
    topics = _many(Topic, "slug", required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    parties = AgreementPartyInput(many=True, required=False, max_length=ROWS_MAX)
    exchanges = ExchangeInput(many=True, required=False, max_length=ROWS_MAX)
    citations = CitationInput(many=True, required=False, max_length=ROWS_MAX)


@extend_schema_field({"type": "string", "maxLength": 500, "pattern": r"^(https?://\S+)?$"})
class OptionalLinkField(serializers.CharField):
    """An http(s) address (the only kind the model keeps), or blank for a source with
    none: one pattern says both, where a URI format beside a blank alternative reads to
    fuzzers as a URI that a blank fails."""

    def to_internal_value(self, data) -> str:
        value = super().to_internal_value(data)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return value


class SourceInput(StrictInput):
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    title = serializers.CharField(max_length=300)
    publisher = _by(Organisation, "slug", required=False, allow_null=True)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    link = OptionalLinkField(source="url", required=False, allow_blank=True, max_length=500)
    published_on = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(required=False, allow_blank=True, max_length=16)
    note = serializers.CharField(required=False, allow_blank=True)


class AliasInput(StrictInput):
    """An alias; a plain string is shorthand for ``{"name": …}`` (organisations show
    their aliases as names)."""

    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=AliasKind.choices, required=False)
    language = serializers.CharField(required=False, allow_blank=True, max_length=16)

    def to_internal_value(self, data):
        return super().to_internal_value({"name": data} if isinstance(data, str) else data)


def _public_id(max_length: int) -> serializers.SlugField:
    return serializers.SlugField(
        source="slug", required=False, max_length=max_length,
        help_text="Public id, chosen once on creation (made from the name when left out); "
                  "it never changes.")


class PersonInput(StrictInput):
    elsewhere = {"tenures": "Tenures are written at tenures/."}

    id = _public_id(100)
    name = serializers.CharField(max_length=200)
    sort_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    nationality = _by(Country, "iso3", required=False, allow_null=True)
    wikidata_id = serializers.CharField(required=False, allow_blank=True, max_length=16)
    aliases = AliasInput(many=True, required=False, max_length=ROWS_MAX,
                         help_text="Replaced as a whole when sent; a plain string is "
                                   "shorthand for {\"name\": …}.")


class OrganisationInput(StrictInput):
    id = _public_id(100)
    name = serializers.CharField(max_length=200)
    acronym = serializers.CharField(required=False, allow_blank=True, max_length=32)
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    country = _by(Country, "iso3", required=False, allow_null=True)
    parent = _by(Organisation, "slug", required=False, allow_null=True)
    wikidata_id = serializers.CharField(required=False, allow_blank=True, max_length=16)
    aliases = AliasInput(many=True, required=False, max_length=ROWS_MAX,
                         help_text="Replaced as a whole when sent; a plain string is "
                                   "shorthand for {\"name\": …}.")


class PostInput(StrictInput):
    id = _public_id(120)
    label = serializers.CharField(max_length=200)
    country = _by(Country, "iso3")
    organisation = _by(Organisation, "slug", required=False, allow_null=True)


class TenureInput(StrictInput):
    person = _by(Person, "slug")
    post = _by(Post, "slug")
    start_date = serializers.DateField(required=False, allow_null=True)
    start_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    end_date = serializers.DateField(required=False, allow_null=True)
    end_precision = serializers.ChoiceField(choices=DatePrecision.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True)
