"""What every test module shares: the personas, the shipped seed, fast logins.

Personas (one definition for the API, admin, workflow and browser tests):
- anonymous (``anon``): reads published records only and writes nothing.
- alice is a curator (group *curators*, staff): sees drafts and retracted records,
  creates and edits drafts, but may not publish or retract, nor edit a public record.
- bob is a reviewer (group *reviewers*, staff): everything alice may do, plus
  publish, retract and edit public records.
- carol is signed in but in no group: a reader like anonymous.
- root is a superuser: every permission, yet even root never hard-deletes a public
  record.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import Client, override_settings
from knox.models import AuthToken
from rest_framework.test import APIClient

from diplomacy.roles import CURATORS, REVIEWERS
from tests.helpers import PASSWORD, built_for_module

FIXTURE_FILES = sorted(str(p) for p in Path(settings.BASE_DIR, "fixtures").glob("*.json"))


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher() -> Iterator[None]:
    """MD5 instead of PBKDF2's million rounds: logins in tests prove nothing about hashing."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# --- Personas ------------------------------------------------------------------------------


def _member(django_user_model, username: str, group: str | None):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", PASSWORD, is_staff=group is not None)
    if group:
        user.groups.add(Group.objects.get(name=group))  # groups come from migration 0002_roles
    return user


@pytest.fixture
def alice(django_user_model):
    """A curator: creates and edits drafts, cannot publish or retract."""
    return _member(django_user_model, "alice", CURATORS)


@pytest.fixture
def bob(django_user_model):
    """A reviewer: publishes, retracts and edits public records."""
    return _member(django_user_model, "bob", REVIEWERS)


@pytest.fixture
def carol(django_user_model):
    """Signed in, but in no group: reads what anonymous reads."""
    return _member(django_user_model, "carol", None)


@pytest.fixture
def root(django_user_model):
    """A superuser: every permission, so tests exercise the screens themselves."""
    return django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)


def _api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anon(db) -> APIClient:
    """An anonymous reader: published records only."""
    return APIClient()


@pytest.fixture
def alice_client(alice) -> APIClient:
    """alice logged in with a session."""
    return _api_client(alice)


@pytest.fixture
def alice_token_client(alice) -> APIClient:
    """alice authenticating with an API token, as a script would."""
    _, token = AuthToken.objects.create(alice)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def bob_client(bob) -> APIClient:
    """bob logged in with a session."""
    return _api_client(bob)


@pytest.fixture
def carol_client(carol) -> APIClient:
    """carol logged in with a session."""
    return _api_client(carol)


@pytest.fixture
def root_client(client: Client, root) -> Client:
    """root logged in to the admin (Django's test client, for HTML pages)."""
    client.force_login(root)
    return client


# --- Data built once -----------------------------------------------------------------------


class _SeedRows:
    """The shipped fixtures, deserialised once per test process and replayed after.

    ``loaddata`` resolves natural keys and saves object by object (about two seconds
    for the seed); the first module that needs the seed pays that once, and every
    later one gets the same rows back with one bulk insert per table.
    """

    rows: dict[type, list[tuple]] | None = None

    @classmethod
    def load(cls) -> None:
        if cls.rows is None:
            call_command("loaddata", *FIXTURE_FILES, verbosity=0)
            call_command("refresh_derived", verbosity=0, stdout=StringIO())
            cls.rows = {model: list(model._base_manager.order_by("pk").values_list(
                *[f.attname for f in model._meta.concrete_fields])) for model in cls._models()}
            return
        for model, rows in cls.rows.items():
            names = [f.attname for f in model._meta.concrete_fields]
            model._base_manager.bulk_create(
                [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=500)
        # Later inserts must not collide with the replayed primary keys (PostgreSQL).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(cls.rows)):
                cursor.execute(sql)

    @staticmethod
    def _models() -> list[type]:
        return [model for model in apps.get_app_config("diplomacy").get_models(
            include_auto_created=True) if not model._meta.proxy]


@pytest.fixture(scope="class")
def _seed(django_db_setup, django_db_blocker):
    """The shipped fixtures, for one test class (or, outside a class, for one test)."""
    with built_for_module(django_db_blocker, _SeedRows.load):
        yield


@pytest.fixture
def seed_data(_seed, db):
    """The shipped fixtures: countries, taxonomy, topics and the curated seed dataset.

    Tests in a class share one load (each test's own changes are rolled back after
    it); a test outside a class gets its own. Either way no other test sees the seed,
    so seed tests and factory-built tests can share a module.
    """
