"""Representations for the v1 API: everything a researcher needs in one response.

Read serializers are plain Serializers over QuerySets that selectors have already
joined and prefetched; they never query on their own.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from diplomacy.models import (
    Agreement,
    Country,
    Event,
    EventParticipant,
    Organisation,
    Person,
    Source,
)

# --- Small shared pieces -----------------------------------------------------------------------


class ActorSerializer(serializers.Serializer):
    """A country, organisation or person, or a name the sources give for no known record."""

    type = serializers.ChoiceField(choices=["country", "organization", "person", "unresolved"])
    id = serializers.CharField(allow_null=True)
    name = serializers.CharField()


def actor_of(actor) -> dict | None:
    if actor is None:
        return None
    if isinstance(actor, Country):
        return {"type": "country", "id": actor.iso3, "name": actor.name}
    if isinstance(actor, Organisation):
        return {"type": "organization", "id": actor.slug, "name": actor.name}
    if isinstance(actor, Person):
        return {"type": "person", "id": actor.slug, "name": actor.name}
    return {"type": "unresolved", "id": None, "name": str(actor)}


class DetailUrlField(serializers.Field):
    """The absolute URL of a record's detail view, named by its public id."""

    def __init__(self, view_name: str, lookup: str = "uid", **kwargs) -> None:
        self.view_name = view_name
        self.lookup = lookup
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, record) -> str:
        return reverse(self.view_name, kwargs={"id": getattr(record, self.lookup)},
                       request=self.context.get("request"))


extend_schema_field({"type": "string", "format": "uri"})(DetailUrlField)


class SourceRefSerializer(serializers.Serializer):
    id = serializers.CharField(source="uid")
    title = serializers.CharField()
    publisher = serializers.CharField(source="publisher.name", default=None, allow_null=True)
    link = serializers.CharField(source="url", allow_blank=True,
                                 help_text="The document's own URL.")
    published_on = serializers.DateField(allow_null=True)


class CitationSerializer(serializers.Serializer):
    source = SourceRefSerializer()
    quote = serializers.CharField(allow_blank=True, help_text="The supporting passage.")
    note = serializers.CharField(allow_blank=True)


class ParticipantSerializer(serializers.Serializer):
    actor = serializers.SerializerMethodField()
    role = serializers.CharField()
    country = serializers.CharField(source="country_id", allow_null=True,
                                    help_text="Country the participant is counted under.")
    note = serializers.CharField(allow_blank=True,
                                 help_text="The curator's qualification, e.g. 'reportedly "
                                           "linked'.")

    @extend_schema_field(ActorSerializer)
    def get_actor(self, participant: EventParticipant) -> dict | None:
        return actor_of(participant.actor)


class RelationSerializer(serializers.Serializer):
    kind = serializers.CharField()
    direction = serializers.ChoiceField(choices=["outgoing", "incoming"],
                                        help_text="outgoing: this event <kind> the other; "
                                                  "incoming: the other <kind> this event.")
    event = serializers.CharField(help_text="The other event's id.")
    certainty = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class LocationSerializer(serializers.Serializer):
    place = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_null=True)


class CodesSerializer(serializers.Serializer):
    cameo = serializers.CharField(allow_null=True)
    cameo_name = serializers.CharField(allow_null=True)
    plover_type = serializers.CharField(allow_blank=True)
    plover_mode = serializers.CharField(allow_blank=True)
    plover_context = serializers.CharField(allow_blank=True)
    intensity = serializers.FloatField(allow_null=True, help_text="Goldstein intensity.")


class PostRefSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug")
    label = serializers.CharField()
    country = serializers.CharField(source="country_id")


# --- Events and statements ---------------------------------------------------------------------


class EventSerializer(serializers.Serializer):
    id = serializers.CharField(source="uid", read_only=True)
    url = DetailUrlField("api:event-detail")
    kind = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    date = serializers.DateField()
    date_end = serializers.DateField(allow_null=True)
    date_precision = serializers.CharField()
    approximate = serializers.BooleanField()
    location = serializers.SerializerMethodField()
    participants = ParticipantSerializer(many=True)
    topics = serializers.SerializerMethodField()
    verification = serializers.CharField()
    status = serializers.CharField(source="curation_status")
    retraction_reason = serializers.CharField(allow_blank=True)
    incident_type = serializers.CharField(allow_blank=True)
    codes = serializers.SerializerMethodField()
    citations = CitationSerializer(many=True)
    relations = serializers.SerializerMethodField()
    agreement = serializers.CharField(source="visible_agreement", default=None, allow_null=True,
                                      help_text="The agreement signed or announced, if "
                                                "visible to you.")
    statement = serializers.SerializerMethodField()
    note = serializers.CharField(allow_blank=True)

    @extend_schema_field(LocationSerializer)
    def get_location(self, event: Event) -> dict:
        return {"place": event.place, "country": event.location_country_id}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_topics(self, event: Event) -> list[str]:
        return [topic.slug for topic in event.topics.all()]

    @extend_schema_field(CodesSerializer)
    def get_codes(self, event: Event) -> dict:
        return {
            "cameo": event.cameo_id,
            "cameo_name": event.cameo.name if event.cameo_id else None,
            "plover_type": event.plover_type,
            "plover_mode": event.plover_mode,
            "plover_context": event.plover_context,
            "intensity": None if event.intensity is None else float(event.intensity),
        }

    @extend_schema_field(RelationSerializer(many=True))
    def get_relations(self, event: Event) -> list[dict]:
        outgoing = [{"kind": r.kind, "direction": "outgoing", "event": r.to_event.uid,
                     "certainty": r.certainty, "note": r.note} for r in event.relations.all()]
        incoming = [{"kind": r.kind, "direction": "incoming", "event": r.from_event.uid,
                     "certainty": r.certainty, "note": r.note} for r in event.related_from.all()]
        return outgoing + incoming

    @extend_schema_field(serializers.DictField(allow_null=True, help_text=(
        "For statements: speaker, post, quote, language, medium, about, occasion.")))
    def get_statement(self, event: Event) -> dict | None:
        if event.kind != Event.Kind.STATEMENT:
            return None
        return statement_fields(event)


def statement_fields(event: Event) -> dict:
    post = event.speaker_post
    return {
        "speaker": actor_of(event.speaker_person or event.speaker_organisation),
        "speaker_post": {"id": post.slug, "label": post.label, "country": post.country_id}
        if post else None,
        "quote": event.quote,
        "language": event.language,
        "medium": event.medium,
        "about": [actor_of(actor) for actor in (
            *event.about_countries.all(), *event.about_organisations.all(),
            *event.about_people.all())],
        "occasion": getattr(event, "visible_occasion", None),
    }


class StatementSerializer(EventSerializer):
    url = DetailUrlField("api:statement-detail")
    statement = None
    speaker = serializers.SerializerMethodField()
    speaker_post = serializers.SerializerMethodField()
    quote = serializers.CharField()
    language = serializers.CharField(allow_blank=True)
    medium = serializers.CharField(allow_blank=True)
    about = serializers.SerializerMethodField()
    occasion = serializers.CharField(source="visible_occasion", default=None, allow_null=True,
                                     help_text="The event it was said at, if visible to you.")

    @extend_schema_field(ActorSerializer)
    def get_speaker(self, event: Event) -> dict | None:
        return actor_of(event.speaker_person or event.speaker_organisation)

    @extend_schema_field(PostRefSerializer(allow_null=True))
    def get_speaker_post(self, event: Event) -> dict | None:
        return statement_fields(event)["speaker_post"]

    @extend_schema_field(ActorSerializer(many=True))
    def get_about(self, event: Event) -> list[dict]:
        return statement_fields(event)["about"]


class MeetingSerializer(EventSerializer):
    url = DetailUrlField("api:meeting-detail")


class IncidentSerializer(EventSerializer):
    url = DetailUrlField("api:incident-detail")


# --- Agreements --------------------------------------------------------------------------------


class AgreementPartySerializer(serializers.Serializer):
    actor = ActorSerializer()
    role = serializers.CharField()


class ExchangeSerializer(serializers.Serializer):
    # "from" is a Python keyword, hence the explicit field names below.
    category = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    via = serializers.CharField(source="via.slug", default=None, allow_null=True,
                                help_text="Organisation id the flow goes through.")
    quantity = serializers.CharField(allow_blank=True)
    value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    currency = serializers.CharField(allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.CharField(source="from_country_id",
                                               help_text="Supplying party (ISO alpha-3).")
        fields["to"] = serializers.CharField(source="to_country_id",
                                             help_text="Receiving party (ISO alpha-3).")
        return fields


class AgreementSerializer(serializers.Serializer):
    id = serializers.CharField(source="uid", read_only=True)
    url = DetailUrlField("api:agreement-detail")
    title = serializers.CharField()
    short_title = serializers.CharField(allow_blank=True)
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField(),
                                    help_text="Other names sources use.")
    summary = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    formality = serializers.CharField()
    status = serializers.CharField(help_text="The agreement's own status.")
    verification = serializers.CharField()
    curation_status = serializers.CharField()
    retraction_reason = serializers.CharField(allow_blank=True)
    parties = serializers.SerializerMethodField()
    exchanges = ExchangeSerializer(many=True)
    start_date = serializers.DateField(allow_null=True)
    start_precision = serializers.CharField()
    end_date = serializers.DateField(allow_null=True)
    end_precision = serializers.CharField()
    approximate = serializers.BooleanField()
    topics = serializers.SerializerMethodField()
    citations = CitationSerializer(many=True)
    note = serializers.CharField(allow_blank=True)

    @extend_schema_field(AgreementPartySerializer(many=True))
    def get_parties(self, agreement: Agreement) -> list[dict]:
        principal = [{"actor": actor_of(agreement.first_party), "role": "party"},
                     {"actor": actor_of(agreement.second_party), "role": "party"}]
        further = [{"actor": actor_of(party.country or party.organisation), "role": party.role}
                   for party in agreement.parties.all()]
        return principal + further

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_topics(self, agreement: Agreement) -> list[str]:
        return [topic.slug for topic in agreement.topics.all()]


# --- Actors and sources ------------------------------------------------------------------------


class CountrySerializer(serializers.Serializer):
    id = serializers.CharField(source="iso3")
    url = DetailUrlField("api:country-detail", lookup="iso3")
    iso2 = serializers.CharField()
    numeric = serializers.CharField(allow_blank=True)
    name = serializers.CharField()
    official_name = serializers.CharField(allow_blank=True)
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField(),
                                    help_text="Common and former names and abbreviations "
                                              "(UK, Turkey) that countries/?q= finds.")
    wikidata_id = serializers.CharField(allow_blank=True)


class OrganisationSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug")
    url = DetailUrlField("api:organization-detail", lookup="slug")
    name = serializers.CharField()
    acronym = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    country = serializers.CharField(source="country_id", allow_null=True)
    parent = serializers.CharField(source="parent.slug", default=None, allow_null=True)
    aliases = serializers.SerializerMethodField()
    wikidata_id = serializers.CharField(allow_blank=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_aliases(self, organisation: Organisation) -> list[str]:
        return [alias.name for alias in organisation.aliases.all()]


class TenureSerializer(serializers.Serializer):
    id = serializers.CharField(source="uid")
    post = PostRefSerializer()
    start_date = serializers.DateField(allow_null=True)
    start_precision = serializers.CharField()
    end_date = serializers.DateField(allow_null=True)
    end_precision = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class AliasSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    language = serializers.CharField(allow_blank=True)


class PersonSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug")
    url = DetailUrlField("api:person-detail", lookup="slug")
    name = serializers.CharField()
    sort_name = serializers.CharField(allow_blank=True)
    nationality = serializers.CharField(source="nationality_id", allow_null=True)
    aliases = AliasSerializer(many=True)
    tenures = TenureSerializer(many=True)
    wikidata_id = serializers.CharField(allow_blank=True)


class SourceSerializer(serializers.Serializer):
    id = serializers.CharField(source="uid")
    url = DetailUrlField("api:source-detail")
    kind = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.SerializerMethodField()
    author = serializers.CharField(allow_blank=True)
    link = serializers.CharField(source="url", allow_blank=True,
                                 help_text="Where the document is published.")
    published_on = serializers.DateField(allow_null=True)
    language = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)

    @extend_schema_field(ActorSerializer(allow_null=True))
    def get_publisher(self, source: Source) -> dict | None:
        return actor_of(source.publisher)


# --- Offices and vocabularies ------------------------------------------------------------------


class PostSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug")
    url = DetailUrlField("api:post-detail", lookup="slug")
    label = serializers.CharField()
    country = serializers.CharField(source="country_id")
    organisation = serializers.CharField(source="organisation.slug", default=None,
                                         allow_null=True)


class PersonRefSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug")
    name = serializers.CharField()


class TenureDetailSerializer(TenureSerializer):
    url = DetailUrlField("api:tenure-detail")
    person = PersonRefSerializer()


class TopicSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug")
    url = DetailUrlField("api:topic-detail", lookup="slug")
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)


class CameoCodeSerializer(serializers.Serializer):
    id = serializers.CharField(source="code")
    url = DetailUrlField("api:cameo-code-detail", lookup="code")
    name = serializers.CharField()
    goldstein = serializers.FloatField(allow_null=True, help_text="Goldstein intensity.")
    root = serializers.CharField(source="root_id", allow_null=True)
    plover_type = serializers.CharField(allow_blank=True)
    plover_mode = serializers.CharField(allow_blank=True)
    plover_context = serializers.CharField(allow_blank=True)
