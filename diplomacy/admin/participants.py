"""One actor picker per participant: a single autocomplete over countries, organisations
and people (aliases included), instead of three pickers and a name box side by side.

The picker's value is ``country:AZE``, ``organisation:12`` or ``person:7``; the form
sets the matching actor field and, when the curator leaves the counted country
empty, fills it from the actor (a person: the post held on the event's date).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.urls import reverse_lazy

from diplomacy.models import Country, EventParticipant, Organisation, Person

from .base import CuratedChildInline
from .forms import ModelErrorsForm

ACTOR_FIELDS = {"country": "actor_country", "organisation": "actor_organisation",
                "person": "actor_person"}
ACTOR_MODELS = {"country": Country, "organisation": Organisation, "person": Person}
PER_KIND = 8


def actor_value(participant: EventParticipant) -> tuple[str, str] | None:
    """The picker's (value, label) for a participant's current actor."""
    for kind, field in ACTOR_FIELDS.items():
        actor = getattr(participant, field)
        if actor is not None:
            return f"{kind}:{actor.pk}", f"{actor} ({kind})"
    return None


def actor_search(term: str) -> list[dict]:
    """select2 groups of countries, organisations and people matching ``term``."""
    term = term.strip()
    if not term:
        return []
    countries = Country.objects.filter(
        Q(name__icontains=term) | Q(iso3__iexact=term) | Q(iso2__iexact=term)
        | Q(official_name__icontains=term)).order_by("name")[:PER_KIND]
    organisations = Organisation.objects.filter(
        Q(name__icontains=term) | Q(acronym__icontains=term) | Q(aliases__name__icontains=term)
    ).distinct().order_by("name")[:PER_KIND]
    people = Person.objects.filter(
        Q(name__icontains=term) | Q(aliases__name__icontains=term)
    ).distinct().order_by("name")[:PER_KIND]
    groups = []
    for label, kind, rows in (("Countries", "country", countries),
                              ("Organisations", "organisation", organisations),
                              ("People", "person", people)):
        children = [{"id": f"{kind}:{row.pk}", "text": f"{row} ({kind})"} for row in rows]
        if children:
            groups.append({"text": label, "children": children})
    return groups


def actor_search_view(request: HttpRequest) -> JsonResponse:
    """The picker's source; open to anyone who may view participants."""
    if not request.user.has_perm("diplomacy.view_eventparticipant"):
        raise PermissionDenied
    return JsonResponse({"results": actor_search(request.GET.get("term", "")),
                         "pagination": {"more": False}})


class ActorSelect(forms.Select):
    """A select2 widget (the admin's own autocomplete.js) over ``actor_search_view``."""

    url = reverse_lazy("admin:diplomacy_actor_search")

    def build_attrs(self, base_attrs: dict, extra_attrs: dict | None = None) -> dict:
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.update({
            "class": "admin-autocomplete actor-picker",
            "data-ajax--url": str(self.url),
            "data-ajax--cache": "true",
            "data-ajax--delay": 250,
            "data-ajax--type": "GET",
            "data-theme": "admin-autocomplete",
            "data-allow-clear": "true",
            "data-placeholder": "Country, organisation or person",
            "lang": "en",
        })
        return attrs

    @property
    def media(self) -> forms.Media:
        extra = "" if settings.DEBUG else ".min"
        return forms.Media(
            js=(f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js", "admin/js/autocomplete.js"),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css",
                            "admin/css/autocomplete.css")},
        )


class ActorField(forms.CharField):
    widget = ActorSelect

    def clean(self, value: str):
        value = super().clean(value)
        if not value:
            return None
        kind, _, key = value.partition(":")
        model = ACTOR_MODELS.get(kind)
        if model is None:
            raise ValidationError("Pick the actor from the list.", code="invalid_actor")
        try:
            return model._default_manager.get(pk=key)
        except (model.DoesNotExist, ValueError, ValidationError) as exc:
            raise ValidationError("That actor no longer exists; pick again.",
                                  code="invalid_actor") from exc


class ParticipantForm(ModelErrorsForm):
    error_fields = {field: "actor" for field in ACTOR_FIELDS.values()}
    actor = ActorField(required=False, label="Actor",
                       help_text="A country, organisation or person, by name or alias.")

    class Meta:
        model = EventParticipant
        fields = ("role", "actor", "country", "name", "note")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = actor_value(self.instance)
        posted = self.data.get(self.add_prefix("actor")) if self.is_bound else None
        choices = [("", "")]
        if current:
            choices.append(current)
            self.initial["actor"] = current[0]
        if posted and posted != (current or ("",))[0]:
            choices.append((posted, posted))
        self.fields["actor"].widget.choices = choices
        self.fields["name"].help_text = "Only when no record matches: the sources' words."
        self.fields["country"].help_text = "Left empty, filled from the actor."

    def clean(self) -> dict:
        cleaned = super().clean()
        actor = cleaned.get("actor")
        if actor is None and not cleaned.get("name") and "actor" not in self.errors:
            self.add_error("actor", "Pick an actor, or write the name the sources use.")
        for kind, field in ACTOR_FIELDS.items():
            setattr(self.instance, field, actor if isinstance(actor, ACTOR_MODELS[kind])
                    else None)
        if cleaned.get("country") is None and actor is not None:
            cleaned["country"] = self._counted_country(actor)
        return cleaned

    def _counted_country(self, actor) -> Country | None:
        if isinstance(actor, Country):
            return actor
        if isinstance(actor, Organisation):
            return actor.country
        # The parent event, which on its add page is not saved yet: the inline's key
        # field holds it (with the date its own form just cleaned).
        link = self.fields.get("event")
        event = getattr(link, "parent_instance", None) or getattr(self.instance, "event", None)
        day = getattr(event, "date", None)
        held = actor.countries_served_on(day) if day else set()
        code = held.pop() if len(held) == 1 else actor.nationality_id
        return Country.objects.filter(pk=code).first() if code else None


class ParticipantInline(CuratedChildInline):
    model = EventParticipant
    form = ParticipantForm
    fields = ("role", "actor", "country", "name", "note")
    autocomplete_fields = ("country",)
    formfield_overrides = {
        EventParticipant._meta.get_field("note").__class__: {
            "widget": forms.Textarea(attrs={"rows": 1, "cols": 28})},
    }


__all__ = ["ParticipantForm", "ParticipantInline", "actor_search", "actor_search_view"]
