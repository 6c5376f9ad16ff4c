"""Accounts for the people who curate: one-off logins for a new installation."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

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
