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

from diplomacy.roles import REVIEWERS


@dataclass(frozen=True)
class IssuedLogin:
    username: str
    password: str
    created: bool


@transaction.atomic
def reviewer_issue_login(*, username: str) -> IssuedLogin:
    """Create (or reset) a reviewer with staff access and a fresh random password.

    The password is returned once so the caller can show it; it is never fixed,
    so no two installations share a login.
    """
    password = secrets.token_urlsafe(12)
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    user.is_staff = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return IssuedLogin(username=username, password=password, created=created)


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
