"""Review at a glance: list filters the dashboard links to, and the dashboard itself.

The index shows what awaits review (drafts), what was recently published or
retracted (from the records' history, so API actions count too), records with no
cited source and events counted under no country, each a link to the filtered list.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.urls import reverse

from diplomacy.models import Agreement, Citation, CurationStatus, Event, EventParticipant


class CitedFilter(admin.SimpleListFilter):
    """Records with or without a cited source (nothing uncited is published)."""

    title = "cited"
    parameter_name = "cited"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", "cites a source"), ("no", "no source yet")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() not in ("yes", "no"):
            return queryset
        field = "event" if queryset.model._meta.concrete_model is Event else "agreement"
        cited = Exists(Citation.objects.filter(**{field: OuterRef("pk")}))
        return queryset.filter(cited) if self.value() == "yes" else queryset.filter(~cited)


class CountedFilter(admin.SimpleListFilter):
    """Events with no participant counted under a country: invisible to country queries."""

    title = "counted country"
    parameter_name = "counted"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("none", "no counted country")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() != "none":
            return queryset
        counted = EventParticipant.objects.filter(event=OuterRef("pk"), country__isnull=False)
        return queryset.filter(~Exists(counted))


class DateRangeFilter(admin.FieldListFilter):
    """From … to … dates (inclusive), typed into the sidebar; no script needed."""

    template = "admin/diplomacy/date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path) -> None:
        self.lookup_from = f"{field_path}__gte"
        self.lookup_to = f"{field_path}__lte"
        for name in (self.lookup_from, self.lookup_to):
            if name in params and not any(params[name]):
                del params[name]  # an empty box filters nothing
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = f"{self.title} between"

    def expected_parameters(self) -> list[str]:
        return [self.lookup_from, self.lookup_to]

    def choices(self, changelist) -> list[dict]:
        current = {name: (self.used_parameters.get(name) or [""])[-1]
                   for name in self.expected_parameters()}
        keep = [(name, value) for name, values in changelist.params.items()
                if name not in current
                for value in (values if isinstance(values, list) else [values])]
        reset = changelist.get_query_string(remove=self.expected_parameters())
        # query_string / selected / display: the protocol every list filter's choices keep.
        return [{"from_name": self.lookup_from, "from": current[self.lookup_from],
                 "to_name": self.lookup_to, "to": current[self.lookup_to], "keep": keep,
                 "reset": reset, "query_string": reset, "display": "any date",
                 "selected": not any(current.values())}]


def _link(model, **params: str) -> str:
    url = reverse(f"admin:diplomacy_{model._meta.model_name}_changelist")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _recent_transitions(limit: int = 8) -> list[dict]:
    rows = []
    for model in (Event, Agreement):
        changes = (model.history.filter(history_change_reason__regex=r"^(publish|retract)ed")
                   .select_related("history_user").order_by("-history_date")[:limit])
        for change in changes:
            rows.append({
                "when": change.history_date, "what": change.history_change_reason,
                "who": change.history_user, "title": change.title,
                "url": reverse(f"admin:diplomacy_{model._meta.model_name}_change",
                               args=[change.id]),
            })
    return sorted(rows, key=lambda row: row["when"], reverse=True)[:limit]


def dashboard(request: HttpRequest) -> dict | None:
    """The index's review panel, for those who may see events."""
    if not request.user.has_perm("diplomacy.view_event"):
        return None
    draft = CurationStatus.DRAFT
    events, agreements = Event.objects.all(), Agreement.objects.all()
    uncited_event = ~Exists(Citation.objects.filter(event=OuterRef("pk")))
    uncited_agreement = ~Exists(Citation.objects.filter(agreement=OuterRef("pk")))
    counted = Exists(EventParticipant.objects.filter(event=OuterRef("pk"),
                                                     country__isnull=False))
    return {
        "checks": [
            ("Event drafts awaiting review", events.filter(curation_status=draft).count(),
             _link(Event, curation_status__exact=draft)),
            ("Agreement drafts awaiting review",
             agreements.filter(curation_status=draft).count(),
             _link(Agreement, curation_status__exact=draft)),
            ("Events citing no source", events.filter(uncited_event).count(),
             _link(Event, cited="no")),
            ("Agreements citing no source", agreements.filter(uncited_agreement).count(),
             _link(Agreement, cited="no")),
            ("Events counted under no country", events.filter(~counted).count(),
             _link(Event, counted="none")),
        ],
        "recent": _recent_transitions(),
    }
