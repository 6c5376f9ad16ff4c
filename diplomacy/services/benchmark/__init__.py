"""``manage.py bench``: the performance figures of DESIGN.md §7, measured in one run.

The benchmark lives beside the services because it drives them (``synthesize`` builds
the data) and the commands (release, import) as a user would; it writes nothing to the
database it measures except when it builds it. Request timings go through Django's
test client in this process, beside hand-written SQL for the same rows on the same
connection; CSV, release, import and loaddata run as child processes (peak RSS from the
kernel); concurrency runs 16 clients against gunicorn with config/gunicorn.conf.py.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection
from django.test import Client, override_settings
from rest_framework.settings import api_settings

from diplomacy.models import Event

from . import databases, processes
from .reads import choose, measure, p50, p95

Say = Callable[[str], None]
LOADDATA_LIMIT = 300


PARTS = ("requests", "csv", "release", "concurrency")


def bench(*, events: int, reuse: bool, duration: float, quick: bool, seed: int = 1,
          explain: str | None = None, clients: int = 16, timeout: float = 1800,
          skip: frozenset[str] = frozenset(), say: Say, note: Say) -> None:
    """Print every figure through ``say`` (progress notes through ``note``)."""
    from diplomacy.services.synthesis import synthesize

    existing = Event._base_manager.count()
    if existing and not reuse:
        raise ValueError("The database already holds events: pass --reuse to measure them, "
                         "or point DATABASE_URL at an empty, migrated database.")
    if not existing:
        note(f"building {events:,} synthetic events (seed {seed})")
        synthesize(events=events, seed=seed, progress=note)
    total = Event._base_manager.count()
    say(f"database: {connection.vendor} {connection.settings_dict['NAME']}, "
        f"{total:,} events")
    probes = choose(text_word="pipeline")
    if "requests" not in skip:
        _requests(probes, repeat=5 if quick else 30, say=say, note=note)
        if explain:
            _explain(probes, Path(explain), say=say)
    if "csv" not in skip:
        _csv(total, quick=quick, timeout=timeout, say=say, note=note)
    if "release" not in skip:
        _release_and_import(timeout=timeout, say=say, note=note)
    if "concurrency" in skip:
        return
    # Mixed reads: every list request (counts over all events is an analysis query,
    # measured above, not part of the browsing mix).
    urls = [f"/api/v1/{p.path}?{urlencode(p.params, doseq=True)}" for p in probes
            if p.path != "events/counts/"]
    note(f"concurrency: {clients} clients for {duration:g} s against gunicorn")
    result = processes.concurrency(urls, env=processes.child_env(), clients=clients,
                                   seconds=duration)
    say(f"concurrency: {clients} clients x {duration:g} s against gunicorn "
        f"(config/gunicorn.conf.py, workers {result['workers']}): "
        f"{result['requests']} requests, errors {result['errors']}, "
        f"{result['per_second']:.1f} req/s, p50 {result['p50'] * 1000:.1f} ms")


def _requests(probes, *, repeat: int, say: Say, note: Say) -> None:
    rates = api_settings.DEFAULT_THROTTLE_RATES
    saved = dict(rates)
    rates.update({scope: "100000000/min" for scope in rates})
    try:
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
            client = Client()
            for probe in probes:
                note(f"request: {probe.name}")
                measure(probe, client, repeat=repeat)
    finally:
        rates.clear()
        rates.update(saved)
    say(f"requests (test client, {repeat} runs each; raw SQL on the same connection):")
    say(f"  {'request':42} {'queries':>7} {'API p50':>9} {'API p95':>9} {'SQL p50':>9} "
        f"{'API/SQL':>7} {'own SQL':>9}  same rows")
    for probe in probes:
        api, raw = p50(probe.api), p50(probe.raw)
        tail = p95(probe.api)
        say(f"  {probe.name:42} {probe.queries:>7} {api * 1000:>7.2f}ms {tail * 1000:>7.2f}ms "
            f"{raw * 1000:>7.2f}ms {api / raw:>7.1f} {p50(probe.own) * 1000:>7.2f}ms  "
            f"{probe.same_rows}")
    say("own SQL: the API's own queries replayed on the same connection (the database's "
        "share of the API's time)")
    first, deep = probes[1], probes[2]
    say(f"deep page / first page (API p50): {p50(deep.api) / p50(first.api):.2f}")
    say(f"dyad+kind+range SQL p50: {p50(probes[0].raw) * 1000:.2f} ms")


def _explain(probes, path: Path, *, say: Say) -> None:
    if connection.vendor != "postgresql":
        say("explain: skipped (EXPLAIN ANALYZE, BUFFERS is PostgreSQL's)")
        return
    parts = []
    with connection.cursor() as cursor:
        for probe in probes:
            parts.append(f"## {probe.name}: GET /api/v1/{probe.path}?"
                         f"{urlencode(probe.params, doseq=True)}\n")
            for sql in probe.explained:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                parts.append(f"```sql\n{sql}\n```\n\n```\n{plan}\n```\n")
    path.write_text("\n".join(parts), encoding="utf-8")
    say(f"explain: {sum(len(probe.explained) for probe in probes)} plans written to {path}")


def _csv(total: int, *, quick: bool, timeout: float, say: Say, note: Say) -> None:
    query = "ordering=date"
    if total > 150_000:  # about 100k rows and more: the newest published events
        day = (Event.objects.filter(curation_status="published").order_by("-date")
               .values_list("date", flat=True)[100_000])
        query = f"date_from={day.isoformat()}"
    note(f"CSV export: events/?{query}&format=csv")
    result, rows = processes.csv_export(query, env=processes.child_env(), timeout=timeout)
    if not result.ok:
        say(f"CSV export: failed or timed out after {result.seconds:.0f} s")
        return
    say(f"CSV export (events/?{query}&format=csv, streamed): {rows:,} rows in "
        f"{result.seconds:.1f} s, {rows / result.seconds:,.0f} rows/s, "
        f"peak RSS {result.peak_mb:.0f} MB")


def _release_and_import(*, timeout: float, say: Say, note: Say) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-release-"))
    target = folder / "release"
    try:
        note("release: running manage.py release")
        release = processes.manage("release", str(target), "--version", "bench",
                                   env=processes.child_env(), timeout=timeout)
        rows = _release_rows(target)
        _report(say, "release", release, rows)
        if not release.ok:
            say("import_release: skipped (no release)")
            say("loaddata: skipped (no release)")
            return
        with databases.scratch("import") as url:
            note("import_release: into a fresh database")
            imported = processes.manage("import_release", str(target),
                                        env=processes.child_env(url), timeout=timeout)
            _report(say, "import_release", imported, rows)
        with databases.scratch("loaddata") as url:
            note("loaddata: the release's fixture into a fresh database")
            # loaddata runs at a few hundred rows a second: past LOADDATA_LIMIT it is
            # stopped, and the ratio below becomes a lower bound.
            loaded = processes.manage("loaddata", str(target / "fixture.json"),
                                      env=processes.child_env(url),
                                      timeout=min(timeout, LOADDATA_LIMIT))
            _report(say, "loaddata", loaded, rows)
        if imported.ok and loaded.seconds > 0:
            bound = "" if loaded.ok else "at least "
            say(f"import speed / loaddata speed: {bound}{loaded.seconds / imported.seconds:.1f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _release_rows(target: Path) -> int:
    rows = 0
    for table in sorted((target / "data").glob("*.csv")):
        with table.open("rb") as lines:
            rows += max(sum(1 for _ in lines) - 1, 0)
    return rows


def _report(say: Say, name: str, run: processes.Run, rows: int) -> None:
    if run.ok:
        say(f"{name}: ok, {rows:,} rows in {run.seconds:.1f} s, "
            f"{rows / run.seconds:,.0f} rows/s, peak RSS {run.peak_mb:.0f} MB")
        return
    say(f"{name}: FAILED or stopped after {run.seconds:.1f} s (fewer than "
        f"{rows / run.seconds:,.0f} rows/s), peak RSS {run.peak_mb:.0f} MB; "
        f"last output: {run.output.strip()[-300:]!r}")
