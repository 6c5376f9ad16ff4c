"""Figures measured in other processes: a streamed CSV export, the release and import
commands, loaddata for comparison, and 16 clients against a real gunicorn.

Each command runs as a grandchild, started by ``peak.py``, which reads its peak RSS
from the kernel's account of it (``os.wait4``): started from the benchmark directly,
a command would be charged with the benchmark's own peak (measured: 1.9 GB reported
for a CSV export that holds 115 MB). The
release commands are run as they stand, whatever their options grow into: a command
that fails or exceeds its time limit is reported as such, not fatal.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

MANAGE = str(Path(settings.BASE_DIR, "manage.py"))
# Settings for the child processes: production settings over plain HTTP on loopback,
# with rate limits out of the way (the benchmark is the only client).
CHILD_ENV = {"SECRET_KEY": "benchmark-only-secret-key", "HTTPS_ONLY": "0",
             "STATIC_MANIFEST": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost",
             "THROTTLE_ANON": "100000000/min", "THROTTLE_USER": "100000000/min",
             "THROTTLE_EXPORT": "100000000/min", "LOG_LEVEL": "ERROR"}


@dataclass
class Run:
    ok: bool
    seconds: float
    peak_mb: float
    output: str = ""


def child_env(database_url: str | None = None) -> dict:
    env = {**os.environ, **CHILD_ENV}
    env.pop("DEBUG", None)
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    return env


def run(args: list[str], *, env: dict, timeout: float) -> Run:
    """Run a child to the end (or kill it at ``timeout``): wall time, peak RSS, output."""
    started = time.monotonic()
    # Through peak.py, which records the command's own peak RSS (see there).
    handle, peak_file = tempfile.mkstemp(prefix="bench-peak-")
    os.close(handle)
    process = subprocess.Popen(  # noqa: S603 (our argv)
        [sys.executable, str(Path(__file__).with_name("peak.py")), peak_file, *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        cwd=settings.BASE_DIR)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()), daemon=True)
    reader.start()
    timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join(5)
    recorded = Path(peak_file).read_text(encoding="ascii")
    Path(peak_file).unlink()
    # A command stopped at its timeout leaves no record: the launcher's account is the
    # best left (an upper bound).
    peak_kb = int(recorded) if recorded else usage.ru_maxrss
    return Run(ok=process.returncode == 0, seconds=time.monotonic() - started,
               peak_mb=peak_kb / 1024, output=b"".join(chunks).decode(errors="replace"))


def manage(*args: str, env: dict, timeout: float) -> Run:
    return run([sys.executable, MANAGE, *args], env=env, timeout=timeout)


def csv_export(query: str, *, env: dict, timeout: float) -> tuple[Run, int]:
    """Stream ``events/?{query}&format=csv`` in a child (test client, no HTTP), counting
    rows: (run, rows)."""
    result = run([sys.executable, str(Path(__file__).with_name("probe.py")), query],
                 env=env, timeout=timeout)
    rows = 0
    if result.ok:
        rows = json.loads(result.output.strip().splitlines()[-1])["rows"]
    return result, rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def concurrency(urls: list[str], *, env: dict, clients: int, seconds: float) -> dict:
    """``clients`` threads reading ``urls`` round-robin from gunicorn (config/gunicorn.conf.py)
    for ``seconds``: requests, errors, req/s and p50."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (our argv)
        [sys.executable, "-m", "gunicorn", "-c", str(Path(settings.BASE_DIR, "config",
                                                          "gunicorn.conf.py")), "config.wsgi"],
        env={**env, "BIND": f"127.0.0.1:{port}"}, cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/v1/", server)
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        deadline = time.monotonic() + seconds

        def client(number: int) -> None:
            index = number
            while time.monotonic() < deadline:
                url = base + urls[index % len(urls)]
                index += 1
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
                        response.read()
                        good = response.status == 200
                except (urllib.error.URLError, OSError):
                    good = False
                with lock:
                    latencies.append(time.perf_counter() - started)
                    errors[0] += not good

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    latencies.sort()
    return {"requests": len(latencies), "errors": errors[0],
            "per_second": len(latencies) / elapsed,
            "p50": latencies[len(latencies) // 2] if latencies else float("nan"),
            "workers": env.get("WEB_CONCURRENCY", "config default")}


def _wait_for(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (loopback)
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer")
