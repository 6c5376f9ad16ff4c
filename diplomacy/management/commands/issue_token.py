from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from diplomacy.services.accounts import token_issue


class Command(BaseCommand):
    help = ("Issue an API token for a user and print it once (only a hash is stored; it "
            "expires after --days, default the API_TOKEN_TTL_DAYS setting).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None,
                            help="Days until the token expires.")

    def handle(self, *args, username: str, days: int | None, **options) -> None:
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        ttl = datetime.timedelta(days=days) if days is not None else None
        try:
            issued = token_issue(username=username, ttl=ttl)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        until = f" (expires {issued.expires:%Y-%m-%d %H:%M} UTC)" if issued.expires else ""
        self.stdout.write(self.style.SUCCESS(
            f"API token for {issued.username}{until}: {issued.token}"))
