"""Durable relations between states: agreements, their parties and what flows between them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .actors import Country, Organisation
from .common import (
    CuratedRecord,
    DatePrecision,
    UidManager,
    Validated,
    Verification,
    check,
    choices_constraint,
    curation_constraints,
    new_agreement_id,
    precise_date_constraint,
    unique,
)
from .taxonomy import Topic


class AgreementKind(models.TextChoices):
    ENERGY_FOR_ARMS = "energy_for_arms", "energy for arms"
    TRADE = "trade", "trade"
    ENERGY = "energy", "energy"
    DEFENCE = "defence", "defence"
    SECURITY = "security", "security"
    DIPLOMATIC = "diplomatic", "diplomatic"
    CULTURAL = "cultural", "cultural"
    OTHER = "other", "other"


class Formality(models.TextChoices):
    TREATY = "treaty", "treaty"
    MEMORANDUM = "memorandum", "memorandum of understanding"
    CONTRACT = "contract", "contract"
    INFORMAL = "informal", "informal arrangement"


class AgreementStatus(models.TextChoices):
    REPORTED = "reported", "reported"
    SIGNED = "signed", "signed"
    IN_FORCE = "in_force", "in force"
    SUSPENDED = "suspended", "suspended"
    TERMINATED = "terminated", "terminated"


class Agreement(CuratedRecord):
    """An agreement binding two or more states, formal or not.

    The two principal country parties are columns so the database itself can
    guarantee two distinct countries; further countries and implementing
    organisations are AgreementParty rows.
    """

    Kind = AgreementKind
    Formality = Formality
    Status = AgreementStatus

    uid = models.CharField("id", max_length=16, unique=True, default=new_agreement_id,
                           help_text="Stable public id, e.g. ag-7k3m9q2x.")
    title = models.CharField(max_length=300, help_text="One line a researcher can scan.")
    short_title = models.CharField(
        max_length=80, blank=True,
        help_text="The name sources use for it, if any (e.g. BTC, JCPOA, energy-for-arms).")
    aliases = models.TextField(
        blank=True, help_text="Other names sources use, one per line (translations, "
                              "former or informal names). agreements/?q= searches them.")
    summary = models.TextField(blank=True, help_text="What is agreed, in the curator's words.")
    kind = models.CharField(max_length=24, choices=AgreementKind.choices,
                            help_text="What the agreement is about.")
    formality = models.CharField(max_length=16, choices=Formality.choices,
                                 help_text="How formal the commitment is.")
    status = models.CharField(max_length=16, choices=AgreementStatus.choices,
                              default=AgreementStatus.REPORTED,
                              help_text="Where the agreement stands in its own life.")
    verification = models.CharField(max_length=16, choices=Verification.choices,
                                    default=Verification.REPORTED,
                                    help_text="How well the sources establish it exists.")
    # PROTECT: parties define the agreement.
    first_party = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+",
                                    help_text="One principal country party (order carries no "
                                              "meaning).")
    second_party = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+",
                                     help_text="The other principal country party.")
    start_date = models.DateField(null=True, blank=True,
                                  help_text="Signed or began; empty when unknown (open).")
    start_precision = models.CharField(max_length=8, choices=DatePrecision.choices,
                                       default=DatePrecision.DAY)
    end_date = models.DateField(null=True, blank=True,
                                help_text="Expired or ended; empty when open or unknown.")
    end_precision = models.CharField(max_length=8, choices=DatePrecision.choices,
                                     default=DatePrecision.DAY)
    approximate = models.BooleanField(default=False,
                                      help_text="The sources only place the dates roughly.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="agreements")
    note = models.TextField(blank=True, help_text="Curator's note: doubts, general-knowledge "
                                                  "additions, coding decisions.")

    objects = UidManager()
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        ordering = ["uid"]
        constraints = [
            *curation_constraints("agreement"),
            choices_constraint("kind", AgreementKind, "agreement_kind_valid"),
            choices_constraint("formality", Formality, "agreement_formality_valid"),
            choices_constraint("status", AgreementStatus, "agreement_status_valid"),
            choices_constraint("verification", Verification, "agreement_verification_valid"),
            choices_constraint("start_precision", DatePrecision,
                               "agreement_start_precision_valid"),
            choices_constraint("end_precision", DatePrecision, "agreement_end_precision_valid"),
            check(~Q(first_party=F("second_party")),
                  name="agreement_two_distinct_country_parties", field="second_party",
                  message="the two principal parties are different countries"),
            check(Q(start_date__isnull=True) | Q(end_date__isnull=True)
                  | Q(end_date__gte=F("start_date")),
                  name="agreement_ends_after_start", field="end_date",
                  message="ends before it starts"),
            precise_date_constraint("start_date", "start_precision",
                                    "agreement_start_at_precision"),
            precise_date_constraint("end_date", "end_precision", "agreement_end_at_precision"),
        ]
        indexes = [
            # agreements/?party=: the two principal party columns.
            models.Index(fields=["first_party", "second_party"], name="agreement_parties_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.uid,)

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def party_countries(self) -> set[str]:
        """Its principal and further country parties (ISO codes)."""
        further = self.parties.exclude(country=None).values_list("country_id", flat=True)
        return {self.first_party_id, self.second_party_id, *further} if self.pk else {
            self.first_party_id, self.second_party_id}

    def countries_outside_parties(self) -> list[str]:
        """Countries its exchanges flow from or to that are not its parties."""
        parties = self.party_countries()
        ends = self.exchanges.values_list("from_country_id", "to_country_id")
        return sorted({end for pair in ends for end in pair} - parties)


class PartyRole(models.TextChoices):
    PARTY = "party", "party"
    IMPLEMENTING = "implementing", "implementing organisation"
    GUARANTOR = "guarantor", "guarantor"
    OBSERVER = "observer", "observer"


class AgreementPartyManager(models.Manager):
    def get_by_natural_key(self, agreement_uid: str, country: str | None,
                           organisation: str | None) -> AgreementParty:
        return self.get(agreement__uid=agreement_uid, country=country,
                        organisation__slug=organisation)


class AgreementParty(Validated):
    """A further party to an agreement: another country or an implementing organisation."""

    Role = PartyRole

    # CASCADE: a party row exists only within its agreement.
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    # PROTECT: an actor cannot be deleted while bound by an agreement.
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="agreement_parties")
    role = models.CharField(max_length=16, choices=PartyRole.choices, default=PartyRole.PARTY,
                            help_text="How the party takes part.")
    note = models.TextField(blank=True)

    objects = AgreementPartyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name_plural = "agreement parties"
        constraints = [
            choices_constraint("role", PartyRole, "agreement_party_role_valid"),
            check(Q(country__isnull=False, organisation__isnull=True)
                  | Q(country__isnull=True, organisation__isnull=False),
                  name="agreement_party_one_actor", field="country",
                  message="a party is one country or one organisation"),
            unique("agreement", "country", condition=Q(country__isnull=False),
                   name="agreement_party_unique_country", field="country",
                   message="this country is already a party"),
            unique("agreement", "organisation", condition=Q(organisation__isnull=False),
                   name="agreement_party_unique_organisation", field="organisation",
                   message="this organisation is already a party"),
        ]
        indexes = [
            # agreements/?party= for further parties.
            models.Index(fields=["country", "agreement"], name="agreement_party_country_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.country or self.organisation} ({self.role})"

    def clean(self) -> None:
        # Rules the database cannot state across two tables, checked by every door that
        # validates (the API's services, the admin's forms and inlines).
        if self.country_id and self.agreement_id and self.country_id in (
                self.agreement.first_party_id, self.agreement.second_party_id):
            raise ValidationError({"country": "Already a principal party of this agreement."})

    def natural_key(self) -> tuple[str, str | None, str | None]:
        return (
            self.agreement.uid,
            self.country_id,
            self.organisation.slug if self.organisation_id else None,
        )

    natural_key.dependencies = ["diplomacy.agreement", "diplomacy.organisation"]


class ExchangeCategory(models.TextChoices):
    ENERGY = "energy", "energy"
    ARMS = "arms", "arms"
    MONEY = "money", "money"
    TECHNOLOGY = "technology", "technology"
    GOODS = "goods", "goods"
    SERVICES = "services", "services"
    INTELLIGENCE = "intelligence", "intelligence"
    POLITICAL_SUPPORT = "political_support", "political support"
    OTHER = "other", "other"


class ExchangeManager(models.Manager):
    def get_by_natural_key(self, agreement_uid: str, from_country: str, to_country: str,
                           category: str) -> Exchange:
        return self.get(agreement__uid=agreement_uid, from_country=from_country,
                        to_country=to_country, category=category)


class Exchange(Validated):
    """A directed flow under an agreement: energy from A to B, arms from B to A."""

    Category = ExchangeCategory

    # CASCADE: an exchange exists only within its agreement.
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="exchanges")
    # PROTECT: the ends of a flow are the claim itself.
    from_country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+",
                                     verbose_name="from", help_text="The party that supplies.")
    to_country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="to", help_text="The party that receives.")
    category = models.CharField(max_length=24, choices=ExchangeCategory.choices,
                                help_text="What flows.")
    description = models.TextField(blank=True, help_text="e.g. 'modern weapons'.")
    # SET_NULL: the flow is still a fact if the intermediary record goes.
    via = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="exchanges_via",
                            help_text="Organisation the flow goes through, e.g. SOCAR.")
    quantity = models.CharField(max_length=100, blank=True,
                                help_text="As reported, with its unit (e.g. '40% of oil').")
    value = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True,
                                help_text="Monetary value, where reported.")
    currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code of value.")

    objects = ExchangeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "id"]
        constraints = [
            choices_constraint("category", ExchangeCategory, "exchange_category_valid"),
            check(~Q(from_country=F("to_country")), name="exchange_from_differs_from_to",
                  field="to_country", message="a flow goes from one party to another"),
            check(Q(value__isnull=True) | ~Q(currency=""), name="exchange_value_has_currency",
                  field="currency", message="a value needs its currency"),
            unique("agreement", "from_country", "to_country", "category",
                   name="exchange_unique_flow", field="category",
                   message="this flow between these parties is already recorded"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.from_country_id} → {self.to_country_id}"

    def clean(self) -> None:
        # A flow runs between parties of its agreement (principal or further countries).
        if not self.agreement_id:
            return
        parties = self.agreement.party_countries()
        errors = {name: f"{code} is not a party to this agreement."
                  for name, code in (("from_country", self.from_country_id),
                                     ("to_country", self.to_country_id))
                  if code and code not in parties}
        if errors:
            raise ValidationError(errors)

    def natural_key(self) -> tuple[str, str, str, str]:
        return (self.agreement.uid, self.from_country_id, self.to_country_id, self.category)

    natural_key.dependencies = ["diplomacy.agreement"]
