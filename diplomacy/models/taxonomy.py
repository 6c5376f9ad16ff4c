"""Controlled vocabularies: CAMEO/PLOVER event codes and research topics."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .common import Validated, check, choices_constraint


class PloverType(models.TextChoices):
    """The sixteen PLOVER event types (PLOVER manual, draft 0.8)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class CameoCodeManager(models.Manager):
    def get_by_natural_key(self, code: str) -> CameoCode:
        return self.get(code=code)


class CameoCode(Validated):
    """One CAMEO event code with its Goldstein intensity and PLOVER mapping.

    Like Country and Topic, the public code is the primary key: fixtures refer to
    it as a plain value, with no natural-key lookup, in any file order.
    """

    code = models.CharField(
        max_length=4, primary_key=True,
        help_text="CAMEO code as a string with its leading zeros (e.g. 042, 0874).",
    )
    name = models.CharField(max_length=200, help_text="Short CAMEO name, e.g. Make a visit.")
    goldstein = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True,
        help_text="Goldstein conflict–cooperation intensity, -10 (most hostile) to +10.",
    )
    # PROTECT: a root code is referenced by every code beneath it.
    root = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="descendants",
        help_text="The two-digit root category; empty for a root itself.",
    )
    plover_type = models.CharField(max_length=16, choices=PloverType.choices, blank=True,
                                   help_text="PLOVER event type this code converts to.")
    plover_mode = models.CharField(max_length=40, blank=True,
                                   help_text="PLOVER mode token, e.g. visit, phone.")
    plover_context = models.CharField(max_length=40, blank=True,
                                      help_text="PLOVER context token, e.g. diplomatic.")

    objects = CameoCodeManager()
    # Reference data: changed only by administrators or import_taxonomy, with history
    # (a code's Goldstein value is every coded event's intensity).
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = "CAMEO code"
        constraints = [
            check(Q(code__regex=r"^[0-9]{2,4}$"), name="cameo_code_digits", field="code",
                  message="is two to four digits"),
            check(Q(goldstein__isnull=True) | Q(goldstein__gte=-10, goldstein__lte=10),
                  name="cameo_goldstein_range", field="goldstein",
                  message="lies between -10 and 10"),
            check(~Q(root=F("code")), name="cameo_not_own_root", field="root",
                  message="a code is not its own root"),
            choices_constraint("plover_type", PloverType, "cameo_plover_type_valid", blank=True),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Topic(Validated):
    """A subject an event concerns: energy, trade, security, tourism, religion…"""

    slug = models.SlugField(max_length=50, primary_key=True,
                            help_text="snake_case token used in filters, e.g. human_rights.")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        constraints = [
            check(Q(slug__regex=r"^[a-z][a-z0-9_]*$"), name="topic_slug_snake_case",
                  field="slug", message="is lower-case letters, digits and underscores, "
                                        "starting with a letter"),
        ]

    def __str__(self) -> str:
        return self.name
