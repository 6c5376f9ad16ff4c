"""Countries, organisations, people, posts and tenures: lookups by public id and by name."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, Model, Prefetch, Q, QuerySet

from diplomacy.models import (
    Country,
    Organisation,
    Person,
    Post,
    Tenure,
    search_key,
)

from .dates import open_span_includes


@dataclass(frozen=True)
class ActorRef:
    """An actor named by its public id: a country (ISO alpha-3), organisation or person (slug)."""

    type: str  # "country", "organisation" or "person"
    id: str


def actor_by_id(identifier: str, *, types: Iterable[str]) -> ActorRef | None:
    """The actor of one of ``types`` whose public id is ``identifier``, or None.

    Country codes are read in any case; slugs exactly. Countries are tried first,
    then people, then organisations (their ids never overlap: codes are upper case).
    """
    types = set(types)
    if "country" in types and Country.objects.filter(iso3=identifier.upper()).exists():
        return ActorRef("country", identifier.upper())
    if "person" in types and Person.objects.filter(slug=identifier).exists():
        return ActorRef("person", identifier)
    if "organisation" in types and Organisation.objects.filter(slug=identifier).exists():
        return ActorRef("organisation", identifier)
    return None


def country_by_code(code: str) -> Country | None:
    """The country whose ISO alpha-3 code is ``code`` (exactly, upper case), or None."""
    return Country.objects.filter(iso3=code).first()


def unknown_ids(model: type[Model], field: str, ids: Iterable[str]) -> list[str]:
    """The ids among ``ids`` that no ``model`` row has in ``field``, in the order given."""
    ids = list(ids)
    known = set(model.objects.filter(**{f"{field}__in": ids}).values_list(field, flat=True))
    return [item for item in ids if item not in known]


def tenures_in_effect(tenures: QuerySet[Tenure], *, on: datetime.date) -> QuerySet[Tenure]:
    """Tenures in effect on a day; an unknown start or end counts as open, and an end
    "January 2026" (month precision) still covers 26 January."""
    return tenures.filter(
        open_span_includes(on, start="start_date", end="end_date", end_precision="end_precision"),
    )


def tenures_on(*, on: datetime.date, post: Post | None = None) -> QuerySet[Tenure]:
    """Tenures in effect on a day (see tenures_in_effect), with person and post joined."""
    tenures = tenures_in_effect(Tenure.objects.all(), on=on)
    if post is not None:
        tenures = tenures.filter(post=post)
    return tenures.select_related("person", "post", "post__country")


def post_holders_on(*, post: Post, on: datetime.date) -> QuerySet[Person]:
    """Who held ``post`` on ``on`` (one query) — usually one person, more if unsure."""
    return Person.objects.filter(id__in=tenures_on(on=on, post=post).values("person_id"))


def people_holding(people: QuerySet[Person], *, posts: list[str] | None = None,
                   on: datetime.date | None = None) -> QuerySet[Person]:
    """People holding one of ``posts`` (slugs; any post when empty) on ``on`` (any time when
    None). One tenure must satisfy both conditions, hence a single subquery."""
    if not posts and on is None:
        return people
    tenures = tenures_on(on=on) if on is not None else Tenure.objects.all()
    if posts:
        tenures = tenures.filter(post__slug__in=posts)
    return people.filter(id__in=tenures.values("person_id"))


def posts_held(posts: QuerySet[Post], *, people: list[str] | None = None,
               on: datetime.date | None = None) -> QuerySet[Post]:
    """Posts held by one of ``people`` (slugs) and/or by anyone on ``on``."""
    tenures = tenures_in_effect(Tenure.objects.all(), on=on) if on else Tenure.objects.all()
    if people:
        tenures = tenures.filter(person__slug__in=people)
    return posts.filter(id__in=tenures.values("post_id"))


def post_list() -> QuerySet[Post]:
    return Post.objects.select_related("country", "organisation")


def tenure_list() -> QuerySet[Tenure]:
    return Tenure.objects.select_related("person", "post", "post__country")


def people_of_countries(people: QuerySet[Person], *, codes: list[str]) -> QuerySet[Person]:
    """People of these nationalities, or who held a post of one of these countries."""
    return people.filter(Q(nationality__in=codes) | Q(
        id__in=Tenure.objects.filter(post__country__in=codes).values("person_id")))


def people_matching(*, text: str) -> QuerySet[Person]:
    """People whose name or any alias contains ``text``, ignoring case, apostrophes
    and diacritics (``saar`` finds Sa’ar, ``tokaev`` finds Tokayev)."""
    key = search_key(text)
    return Person.objects.filter(
        Q(search_key__contains=key) | Q(aliases__search_key__contains=key),
    ).distinct()


def organisations_matching(*, text: str) -> QuerySet[Organisation]:
    """Organisations whose name, acronym or any alias contains ``text`` (folded)."""
    key = search_key(text)
    return Organisation.objects.filter(
        Q(search_key__contains=key) | Q(aliases__search_key__contains=key),
    ).distinct()


def countries_matching(countries: QuerySet[Country], *, text: str) -> QuerySet[Country]:
    """Countries by code, name, official name or alias, folded (``turkiye`` is Türkiye).

    The rule: when ``text`` is exactly one of some country's codes, names or aliases
    (``UK``, ``US``, ``Turkey``, ``Iran``), only those countries match; otherwise every
    country with a name or alias that has a word starting with ``text`` (``ukr``
    finds Ukraine). So ``UK`` is the United Kingdom, never Ukraine. One query on
    SQLite and PostgreSQL alike: both compare the same folded text.
    """
    key = search_key(text)
    if not key:
        return countries.none()
    exact = Q(search_names__contains=f"|{key}|")
    starts = Q(search_names__contains=f"|{key}") | Q(search_names__contains=f" {key}")
    any_exact = Country.objects.filter(exact)
    return countries.filter(exact | (starts & ~Exists(any_exact)))


def person_list() -> QuerySet[Person]:
    return Person.objects.select_related("nationality").prefetch_related(
        "aliases",
        Prefetch("tenures", queryset=Tenure.objects.select_related(
            "post", "post__country").order_by("start_date", "id")),
    )


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("country", "parent").prefetch_related("aliases")

