from __future__ import annotations

import pytest
from django.test import Client

from .helpers import use_plain_static_storage


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    use_plain_static_storage(settings)


@pytest.fixture
def root(django_user_model):
    """A superuser: every permission, so these tests exercise the screens themselves."""
    return django_user_model.objects.create_superuser("root", "root@example.org", "x")


@pytest.fixture
def root_client(client: Client, root) -> Client:
    client.force_login(root)
    return client
