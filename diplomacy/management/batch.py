"""Commands that read or write a whole database: no web statement timeout for them.

The settings give every PostgreSQL connection a statement timeout (30 s by default)
so that a runaway query cannot hold a web worker. A release, an import or a build
of a million events legitimately runs statements longer than that (the first fetch
of two million participants in release order), and such a command is its own
process: it lifts the limit for its own session only.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection


class BatchCommand(BaseCommand):
    def execute(self, *args, **options):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        return super().execute(*args, **options)
