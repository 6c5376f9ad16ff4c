"""Input for curators' writes. Only client-owned fields appear here: id, status,
retraction reason and history belong to the server."""

from __future__ import annotations

from rest_framework import serializers

from diplomacy.models import (
    AgreementKind,
    AgreementStatus,
    CameoCode,
    Country,
    DatePrecision,
    Event,
    EventKind,
    ExchangeCategory,
    Formality,
    IncidentType,
    Organisation,
    ParticipantRole,
    PartyRole,
    Person,
    PloverType,
    Post,
    Source,
    SourceKind,
    StatementMedium,
    Topic,
    Verification,
)


def _by(model, field: str, **kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field=field, queryset=model.objects.all(), **kwargs)


class ParticipantInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=ParticipantRole.choices)
    actor_country = _by(Country, "iso3", required=False, allow_null=True)
    actor_organisation = _by(Organisation, "slug", required=False, allow_null=True)
    actor_person = _by(Person, "slug", required=False, allow_null=True)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    country = _by(Country, "iso3", required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


class CitationInput(serializers.Serializer):
    source = _by(Source, "uid")
    quote = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


class EventInput(serializers.Serializer):
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
    topics = _by(Topic, "slug", many=True, required=False)
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
    about_countries = _by(Country, "iso3", many=True, required=False)
    about_organisations = _by(Organisation, "slug", many=True, required=False)
    about_people = _by(Person, "slug", many=True, required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    participants = ParticipantInput(many=True, required=False)
    citations = CitationInput(many=True, required=False)


class AgreementPartyInput(serializers.Serializer):
    country = _by(Country, "iso3", required=False, allow_null=True)
    organisation = _by(Organisation, "slug", required=False, allow_null=True)
    role = serializers.ChoiceField(choices=PartyRole.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True)


class ExchangeInput(serializers.Serializer):
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


class AgreementInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
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
    topics = _by(Topic, "slug", many=True, required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    parties = AgreementPartyInput(many=True, required=False)
    exchanges = ExchangeInput(many=True, required=False)
    citations = CitationInput(many=True, required=False)


class SourceInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    title = serializers.CharField(max_length=300)
    publisher = _by(Organisation, "slug", required=False, allow_null=True)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    link = serializers.URLField(source="url", required=False, allow_blank=True, max_length=500)
    published_on = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(required=False, allow_blank=True, max_length=16)
    note = serializers.CharField(required=False, allow_blank=True)
