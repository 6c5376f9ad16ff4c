from django.core.management.base import BaseCommand

from diplomacy.services.accounts import reviewer_issue_login


class Command(BaseCommand):
    help = "Create or reset a reviewer login with a new random password and print it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="reviewer")

    def handle(self, *args, username: str, **options) -> None:
        login = reviewer_issue_login(username=username)
        verb = "Created" if login.created else "Reset"
        self.stdout.write(self.style.SUCCESS(
            f"{verb} reviewer login — username: {login.username}  password: {login.password}"
        ))
