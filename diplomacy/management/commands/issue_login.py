from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from diplomacy.roles import CURATORS, REVIEWERS
from diplomacy.services.accounts import login_issue

ROLES = {"curator": CURATORS, "reviewer": REVIEWERS}


class Command(BaseCommand):
    help = ("Create or reset a curator's or reviewer's admin login with a new random "
            "password, and print it once.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True,
                            help="curator: records drafts; reviewer: also publishes and "
                                 "retracts.")
        parser.add_argument("--keep-existing", action="store_true",
                            help="Leave an existing user as it is (for setup scripts).")

    def handle(self, *args, username: str, role: str, keep_existing: bool, **options) -> None:
        try:
            login = login_issue(username=username, role=ROLES[role],
                                keep_existing=keep_existing)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if login.password is None:
            self.stdout.write(f"{role.capitalize()} login {username!r} exists; kept as it "
                              "is (run without --keep-existing for a new password).")
            return
        verb = "Created" if login.created else "Reset"
        self.stdout.write(self.style.SUCCESS(
            f"{verb} {role} login — username: {login.username}  password: {login.password}"))
