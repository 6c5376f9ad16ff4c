"""A child process of ``manage.py bench``: stream one CSV export through the test client
and print its rows and time as JSON (its peak RSS is read by the parent)."""

from __future__ import annotations

import json
import os
import sys
import time


def main(query: str) -> None:
    sys.path[0] = os.getcwd()  # run as a script: the project, not this folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.test import Client

    started = time.perf_counter()
    response = Client(SERVER_NAME="127.0.0.1").get(f"/api/v1/events/?{query}&format=csv")
    if response.status_code != 200:
        raise SystemExit(f"CSV export answered {response.status_code}")
    lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
    print(json.dumps({"rows": max(lines - 1, 0),
                      "seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main(sys.argv[1])
