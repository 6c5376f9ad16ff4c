from __future__ import annotations

import pytest
from django.test import Client

from .helpers import use_plain_static_storage


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    use_plain_static_storage(settings)


def _logged_in(user) -> Client:
    """A plain browser-like client (form posts, sessions) logged in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_admin(alice) -> Client:
    return _logged_in(alice)


@pytest.fixture
def bob_admin(bob) -> Client:
    return _logged_in(bob)


@pytest.fixture
def root_admin(root) -> Client:
    return _logged_in(root)
