"""Whole-database commands run without the web's statement timeout (on their own session)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the statement timeout is PostgreSQL's"),
]


def _timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def test_web_connections_start_with_a_statement_timeout():
    assert "statement_timeout=" in connection.settings_dict["OPTIONS"]["options"]


def test_a_batch_command_lifts_it_for_its_session():
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '30s'")
    call_command("refresh_derived", stdout=io.StringIO())
    assert _timeout() == "0"
    with connection.cursor() as cursor:  # the test's session goes on as the web's
        cursor.execute("RESET statement_timeout")
