"""Who acts: countries, organisations, people, and the posts people hold."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .common import (
    DatePrecision,
    SlugManager,
    Validated,
    Versioned,
    check,
    choices_constraint,
    new_tenure_id,
    period_end,
    precise_date_constraint,
    search_key,
    unique,
)


class CountryManager(models.Manager):
    def get_by_natural_key(self, iso3: str) -> Country:
        return self.get(iso3=iso3)


class Country(Validated):
    """A current ISO 3166-1 country. Its alpha-3 code is its public id everywhere.

    The code is the primary key itself, so fixtures refer to countries as plain
    "ISR" values that need no lookup and load in any file order.
    """

    iso3 = models.CharField(
        "ISO alpha-3", max_length=3, primary_key=True,
        help_text="ISO 3166-1 alpha-3 code, upper case (e.g. AZE). The public id.",
    )
    iso2 = models.CharField(
        "ISO alpha-2", max_length=2, unique=True, help_text="ISO 3166-1 alpha-2 code (e.g. AZ).",
    )
    numeric = models.CharField(max_length=3, blank=True, help_text="ISO 3166-1 numeric code.")
    name = models.CharField(max_length=100, help_text="Short English name as ISO 3166 gives it.")
    official_name = models.CharField(max_length=200, blank=True)
    wikidata_id = models.CharField(
        max_length=16, blank=True, help_text="Wikidata item id (e.g. Q227), where known.",
    )
    aliases = models.TextField(
        blank=True, help_text="Other names people type, one per line: common and former names "
                              "and abbreviations (UK, Turkey, Persia). Filled by "
                              "generate_countries.")
    search_names = models.TextField(
        editable=False, blank=True,
        help_text="Codes, names and aliases folded for matching (see search_key()), each "
                  "framed by '|': countries/?q= tells an exact name from a word's start.")

    objects = CountryManager()
    # Reference data: changed only by administrators or its importers, with history.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            check(Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3_upper_alpha3", field="iso3",
                  message="is three capital letters (ISO 3166-1 alpha-3, e.g. AZE)"),
            check(Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_upper_alpha2", field="iso2",
                  message="is two capital letters (ISO 3166-1 alpha-2, e.g. AZ)"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_names = country_search_names(self)
        super().save(*args, **kwargs)

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


def country_search_names(country: Country) -> str:
    """``|aze|az|azerbaijan|republic of azerbaijan|``: every code, name and alias folded."""
    names = [country.iso3, country.iso2, country.name, country.official_name,
             *country.alias_list]
    keys = list(dict.fromkeys(key for key in map(search_key, names) if key))
    return f"|{'|'.join(keys)}|" if keys else ""


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", "government"
    MINISTRY = "ministry", "ministry"
    EMBASSY = "embassy", "embassy"
    SECURITY_SERVICE = "security_service", "security service"
    MILITARY = "military", "military"
    STATE_COMPANY = "state_company", "state company"
    COMPANY = "company", "company"
    ARMED_GROUP = "armed_group", "armed group"
    MEDIA_OUTLET = "media_outlet", "media outlet"
    INTERNATIONAL_ORGANISATION = "international_organisation", "international organisation"
    POLITICAL_PARTY = "political_party", "political party"
    RELIGIOUS_BODY = "religious_body", "religious body"
    OTHER = "other", "other"


class Organisation(Versioned):
    """A ministry, security service, state company, armed group, media outlet, embassy…"""

    Kind = OrganisationKind

    slug = models.SlugField(max_length=100, unique=True, help_text="Public id, e.g. socar.")
    name = models.CharField(max_length=200, help_text="Name in English as commonly written.")
    acronym = models.CharField(max_length=32, blank=True, help_text="e.g. DTX, SOCAR, ISIS-K.")
    kind = models.CharField(max_length=32, choices=Kind.choices,
                            help_text="What sort of body it is.")
    # PROTECT: an organisation's country is part of how it is cited; never drop it silently.
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations",
        help_text="The state it belongs to (an embassy belongs to the sending state). "
                  "Empty for non-state and international bodies.",
    )
    # SET_NULL: removing a parent leaves the child standing on its own.
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
        help_text="The body it is part of, e.g. a ministry for an embassy.",
    )
    wikidata_id = models.CharField(max_length=16, blank=True)
    search_key = models.CharField(max_length=200, editable=False, db_index=True,
                                  help_text="Name folded for matching (see search_key()).")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_constraint("kind", OrganisationKind, "organisation_kind_valid"),
            check(~Q(parent=F("id")), name="organisation_not_own_parent", field="parent",
                  message="an organisation cannot be part of itself"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(f"{self.name} {self.acronym}")
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Person(Versioned):
    """A named individual. Aliases carry transliterations and handles."""

    slug = models.SlugField(max_length=100, unique=True, help_text="Public id, e.g. gideon-saar.")
    name = models.CharField(max_length=200, help_text="Name as most English sources write it.")
    sort_name = models.CharField(max_length=200, blank=True, help_text="e.g. Saar, Gideon.")
    # PROTECT: nationality is evidence in dyad coding; removing a country must not erase it.
    nationality = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="nationals",
        help_text="Citizenship, where known.",
    )
    wikidata_id = models.CharField(max_length=16, blank=True)
    search_key = models.CharField(max_length=200, editable=False, db_index=True,
                                  help_text="Name folded for matching (see search_key()).")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def countries_served_on(self, day: datetime.date) -> set[str]:
        """Countries whose posts this person held on ``day`` (ends widened by precision)."""
        tenures = self.tenures.select_related("post")
        return {tenure.post.country_id for tenure in tenures if tenure.covers(day)}


class AliasKind(models.TextChoices):
    ALIAS = "alias", "alias"
    TRANSLITERATION = "transliteration", "transliteration"
    NATIVE = "native", "native script"
    HANDLE = "handle", "social media handle"
    ACRONYM = "acronym", "acronym"


class AliasManager(models.Manager):
    owner_field = ""

    def get_by_natural_key(self, owner_slug: str, name: str):
        return self.get(**{f"{self.owner_field}__slug": owner_slug, "name": name})


class PersonAliasManager(AliasManager):
    owner_field = "person"


class OrganisationAliasManager(AliasManager):
    owner_field = "organisation"


class PersonAlias(Validated):
    # CASCADE: an alias means nothing without its person.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="e.g. Saar, Gidon Sa'ar, גדעון סער.")
    kind = models.CharField(max_length=16, choices=AliasKind.choices, default=AliasKind.ALIAS)
    language = models.CharField(max_length=16, blank=True, help_text="BCP 47 tag, e.g. he, az.")
    search_key = models.CharField(max_length=200, editable=False,
                                  help_text="Alias folded for matching (see search_key()).")

    objects = PersonAliasManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "name"]
        verbose_name_plural = "person aliases"
        constraints = [
            unique("person", "name", name="person_alias_unique", field="name",
                   message="this person already has this alias"),
            choices_constraint("kind", AliasKind, "person_alias_kind_valid"),
        ]
        indexes = [
            # people/?q= matches folded aliases.
            models.Index(fields=["search_key"], name="person_alias_search_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str, str]:
        return (self.person.slug, self.name)

    natural_key.dependencies = ["diplomacy.person"]


class OrganisationAlias(Validated):
    # CASCADE: an alias means nothing without its organisation.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="aliases",
    )
    name = models.CharField(max_length=200, help_text="e.g. @IsraelMFA, Dövlət Təhlükəsizliyi "
                                                      "Xidməti, ISKP.")
    kind = models.CharField(max_length=16, choices=AliasKind.choices, default=AliasKind.ALIAS)
    language = models.CharField(max_length=16, blank=True, help_text="BCP 47 tag.")
    search_key = models.CharField(max_length=200, editable=False,
                                  help_text="Alias folded for matching (see search_key()).")

    objects = OrganisationAliasManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name_plural = "organisation aliases"
        constraints = [
            unique("organisation", "name", name="organisation_alias_unique", field="name",
                   message="this organisation already has this alias"),
            choices_constraint("kind", AliasKind, "organisation_alias_kind_valid"),
        ]
        indexes = [
            # organizations/?q= matches folded aliases.
            models.Index(fields=["search_key"], name="org_alias_search_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str, str]:
        return (self.organisation.slug, self.name)

    natural_key.dependencies = ["diplomacy.organisation"]


class Post(Versioned):
    """An office that one person holds at a time (Popolo's Post)."""

    slug = models.SlugField(max_length=120, unique=True,
                            help_text="Public id, e.g. isr-minister-of-foreign-affairs.")
    label = models.CharField(max_length=200, help_text="e.g. Minister of Foreign Affairs.")
    # PROTECT: a post without its country is meaningless and tenures hang off it.
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="posts",
                                help_text="The state whose office this is.")
    # SET_NULL: the office outlives a reorganised ministry record.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts",
        help_text="The body the office heads or belongs to, where recorded.",
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "label"]
        constraints = [
            unique("country", "label", name="post_label_unique", field="label",
                   message="this country already has a post with this label"),
        ]

    def __str__(self) -> str:
        return f"{self.label}, {self.country_id}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class TenureManager(models.Manager):
    def get_by_natural_key(self, uid: str) -> Tenure:
        return self.get(uid=uid)


class Tenure(Versioned):
    """A person holding a post from a start to an end date; either may be unknown."""

    uid = models.CharField("id", max_length=16, unique=True, default=new_tenure_id,
                           help_text="Stable public id.")
    # PROTECT: tenures are evidence for "who held the post then"; delete them explicitly.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="tenures")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="tenures")
    start_date = models.DateField(null=True, blank=True,
                                  help_text="First day in office; empty when unknown.")
    start_precision = models.CharField(max_length=8, choices=DatePrecision.choices,
                                       default=DatePrecision.DAY)
    end_date = models.DateField(null=True, blank=True,
                                help_text="Last day in office; empty while serving or unknown.")
    end_precision = models.CharField(max_length=8, choices=DatePrecision.choices,
                                     default=DatePrecision.DAY)
    note = models.TextField(blank=True, help_text="Where the dates come from, e.g. general "
                                                  "knowledge rather than a cited source.")

    objects = TenureManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["post", "start_date"]
        constraints = [
            check(Q(start_date__isnull=True) | Q(end_date__isnull=True)
                  | Q(end_date__gte=F("start_date")),
                  name="tenure_ends_after_start", field="end_date",
                  message="ends before it starts"),
            choices_constraint("start_precision", DatePrecision, "tenure_start_precision_valid"),
            choices_constraint("end_precision", DatePrecision, "tenure_end_precision_valid"),
            precise_date_constraint("start_date", "start_precision", "tenure_start_at_precision"),
            precise_date_constraint("end_date", "end_precision", "tenure_end_at_precision"),
        ]
        indexes = [
            # people/?in_office_on= and "who held this post on D".
            models.Index(fields=["post", "start_date", "end_date"], name="tenure_post_span_idx"),
        ]

    def __str__(self) -> str:
        start = self.start_date or "?"
        end = self.end_date or "…"
        return f"{self.person} — {self.post} ({start} – {end})"

    def natural_key(self) -> tuple[str]:
        return (self.uid,)

    def overlaps(self, first: datetime.date, last: datetime.date) -> bool:
        """Whether the tenure shares a day with the period ``first``–``last`` (an event's
        dates widened by their precision; unknown ends are open)."""
        started = self.start_date is None or self.start_date <= last
        ended = self.end_date is not None and period_end(self.end_date,
                                                         self.end_precision) < first
        return started and not ended

    @classmethod
    def held(cls, *, person_id: int, post_id: int, first: datetime.date,
             last: datetime.date) -> bool:
        """Whether the person held the post at some time within ``first``–``last``."""
        return any(tenure.overlaps(first, last)
                   for tenure in cls.objects.filter(person_id=person_id, post_id=post_id))

    def covers(self, day: datetime.date) -> bool:
        """Whether the tenure includes ``day``; unknown ends are open, ends widened by
        precision (the selectors ask the same question of many tenures in SQL)."""
        started = self.start_date is None or self.start_date <= day
        ended = self.end_date is not None and period_end(self.end_date, self.end_precision) < day
        return started and not ended
