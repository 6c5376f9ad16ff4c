"""Input for curators' writes. Only client-owned fields appear here: id, status,
retraction reason and history belong to the server."""

from __future__ import annotations

from rest_framework import serializers

from diplomacy.models import (
    CameoCode,
    Country,
    DatePrecision,
    Event,
    EventKind,
    IncidentType,
    Organisation,
    ParticipantRole,
    Person,
    PloverType,
    Post,
    Source,
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
