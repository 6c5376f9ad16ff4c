"""Logins for curators and scripts: the reviewer login of a new installation, and API
tokens that are stored hashed and expire."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from diplomacy.roles import CURATORS, REVIEWERS

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_issue_login_creates_a_staff_reviewer_with_a_random_password():
    first = _run("issue_login", "--role", "reviewer", "reviewer")
    password = first.rsplit("password: ", 1)[1].strip()
    user = User.objects.get(username="reviewer")

    assert first.startswith("Created reviewer login")
    assert user.is_staff and user.groups.filter(name=REVIEWERS).exists()
    assert user.check_password(password) and len(password) >= 16

    again = _run("issue_login", "--role", "reviewer", "reviewer")
    assert again.startswith("Reset reviewer login")
    assert again.rsplit("password: ", 1)[1].strip() != password


def test_issue_login_makes_a_curator_and_moves_a_reviewer_to_curator():
    _run("issue_login", "--role", "reviewer", "dana")
    _run("issue_login", "--role", "curator", "dana")
    groups = set(User.objects.get(username="dana").groups.values_list("name", flat=True))
    assert groups == {CURATORS}


def test_setup_keeps_an_existing_login():
    """make setup runs issue_login --keep-existing: running it again resets nothing."""
    first = _run("issue_login", "--role", "reviewer", "reviewer")
    password = first.rsplit("password: ", 1)[1].strip()
    kept = _run("issue_login", "--role", "reviewer", "--keep-existing", "reviewer")
    assert "kept as it is" in kept
    assert User.objects.get(username="reviewer").check_password(password)


def test_an_issued_token_authenticates_and_only_its_hash_is_stored(alice):
    output = _run("issue_token", "alice", "--days", "7")
    token = output.rsplit(": ", 1)[1].strip()
    stored = AuthToken.objects.get(user=alice)

    assert token not in (stored.digest, stored.token_key)
    assert stored.digest != token and len(stored.digest) == 128  # SHA-512, hex
    assert stored.expiry - timezone.now() > datetime.timedelta(days=6, hours=23)

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    body = {"kind": "meeting", "title": "Ministers meet", "date": "2026-02-01"}
    assert client.post("/api/v1/events/", body, format="json").status_code == 201


def test_an_expired_token_is_refused_with_a_401(alice):
    instance, token = AuthToken.objects.create(alice, expiry=datetime.timedelta(days=1))
    AuthToken.objects.filter(pk=instance.pk).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = client.post("/api/v1/events/", {"kind": "meeting", "title": "t",
                                               "date": "2026-02-01"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_tokens_expire_by_default():
    from django.conf import settings

    assert settings.REST_KNOX["TOKEN_TTL"] == datetime.timedelta(days=30)


@pytest.mark.parametrize("args", [("issue_token", "nobody"), ("issue_token", "alice", "--days",
                                                               "0")])
def test_issue_token_refuses_unknown_users_and_bad_lifetimes(alice, args):
    with pytest.raises(CommandError):
        _run(*args)
    assert not AuthToken.objects.exists()
