"""Safe to deploy: production settings pass Django's deployment checks, every response
carries a Content-Security-Policy, the API speaks JSON even when things go wrong, and
a database that is down or never answers costs a client a quick JSON 503, not a hung
worker or an HTML page."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

ROOT = Path(settings.BASE_DIR)


def _production_env(**extra: str) -> dict[str, str]:
    """The environment of a real deployment: DEBUG off, a real key, HTTPS only."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    return {**keep, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "events.example.org", **extra}


def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_are_https_only():
    script = ("from django.conf import settings as s; import json; print(json.dumps({"
              "'redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, "
              "'session': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE}))")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT,
        env=_production_env(), capture_output=True, text=True, check=True)
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {"redirect": True, "hsts": 31536000, "session": True, "csrf": True}


# --- Headers and error bodies --------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/events/", "/api/docs/", "/admin/login/",
                                  "/api/v1/no-such-route/"])
def test_every_response_carries_a_content_security_policy(db, path):
    policy = Client().get(path)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_browsable_api_is_off_in_production(db):
    response = Client().get("/api/v1/events/", {"format": "api"})
    assert response.status_code == 400
    assert "format" in response.json()
    response = Client().get("/api/v1/events/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")


def test_an_unknown_api_route_is_a_json_404(db):
    response = Client().get("/api/v1/no-such-route/")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("No such route")


def test_an_unexpected_error_is_a_json_500_without_a_traceback(db, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("diplomacy.api.views.CountryViewSet.list", explode)
    response = Client(raise_request_exception=False).get("/api/v1/countries/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error. It has been logged."}
    assert b"secret internals" not in response.content


@override_settings(ALLOWED_HOSTS=["events.example.org"])
def test_a_request_django_refuses_is_a_json_400_under_the_api(db):
    response = Client(HTTP_HOST="evil.example.com").get("/api/v1/events/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}


# --- The database away -----------------------------------------------------------------------

_REQUEST = """
import json, time
import django
django.setup()
from django.test import Client
started = time.monotonic()
response = Client(raise_request_exception=False).get("/api/v1/events/")
print(json.dumps({"status": response.status_code, "type": response["Content-Type"],
                  "retry": response.get("Retry-After"), "seconds": time.monotonic() - started,
                  "body": response.content.decode()}))
"""


class _SilentServer:
    """Accepts TCP connections and never says a word, like a hung database."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self) -> None:
        self.sock.close()
        for connection in self.held:
            connection.close()


def _request_with_database_at(port: int) -> dict:
    env = _production_env(HTTPS_ONLY="0", ALLOWED_HOSTS="testserver",
                          DJANGO_SETTINGS_MODULE="config.settings",
                          DATABASE_URL=f"postgres://nobody@127.0.0.1:{port}/events",
                          DATABASE_CONNECT_TIMEOUT="2")
    result = subprocess.run([sys.executable, "-c", _REQUEST], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, check=True, timeout=60)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.once
def test_a_database_that_never_answers_is_a_quick_json_503():
    server = _SilentServer()
    try:
        answer = _request_with_database_at(server.port)
    finally:
        server.close()
    assert answer["status"] == 503, answer
    assert answer["type"].startswith("application/json")
    assert answer["retry"] == "30"
    assert answer["seconds"] < 10  # connect_timeout is 2 s; a hung worker would take 40–60 s
    assert "database" in json.loads(answer["body"])["detail"]


@pytest.mark.once
def test_a_database_that_is_down_is_a_json_503():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again: nothing listens there
    started = time.monotonic()
    answer = _request_with_database_at(port)
    assert answer["status"] == 503, answer
    assert time.monotonic() - started < 30
