"""Accounts for the people who curate: one-off logins for a new installation."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from knox.models import AuthToken

from diplomacy.roles import CURATION_GROUPS


@dataclass(frozen=True)
class IssuedLogin:
    username: str
    role: str
    password: str | None  # None when an existing login was kept as it was
    created: bool


@transaction.atomic
def login_issue(*, username: str, role: str, keep_existing: bool = False) -> IssuedLogin:
    """Create (or reset) a curator or reviewer with staff access and a fresh random
    password, in exactly that role's group.

    The password is returned once so the caller can show it; it is never fixed, so
    no two installations share a login. With ``keep_existing`` an existing user is
    left untouched (setting an installation up again does not reset its logins).
    """
    if role not in CURATION_GROUPS:
        raise ValidationError({"role": f"Choose one of: {', '.join(CURATION_GROUPS)}."})
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if not created and keep_existing:
        return IssuedLogin(username=username, role=role, password=None, created=False)
    password = secrets.token_urlsafe(12)
    user.is_staff = True
    user.set_password(password)
    user.save()
    user.groups.remove(*Group.objects.filter(name__in=CURATION_GROUPS))
    user.groups.add(Group.objects.get(name=role))
    return IssuedLogin(username=username, role=role, password=password, created=created)


@dataclass(frozen=True)
class IssuedToken:
    username: str
    token: str
    expires: datetime.datetime | None


@transaction.atomic
def token_issue(*, username: str, ttl: datetime.timedelta | None = None) -> IssuedToken:
    """Issue an API token for an existing, active user; only its hash is stored.

    The token is returned once so the caller can show it. It expires after ``ttl``
    (default: the REST_KNOX TOKEN_TTL setting, 30 days unless configured).
    """
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ValidationError({"username": f"No active user is called {username!r}."})
    kwargs = {} if ttl is None else {"expiry": ttl}
    instance, token = AuthToken.objects.create(user, **kwargs)
    return IssuedToken(username=username, token=token, expires=instance.expiry)


# Who wrote rows no person wrote: imports of releases, the shipped data at setup.
SYSTEM_USERNAME = "system"


def system_user():
    """The ``system`` account that history names for machine writes: no password, never
    able to log in, in no group. Created on first use."""
    user, created = get_user_model()._default_manager.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
