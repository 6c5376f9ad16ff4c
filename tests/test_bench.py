"""manage.py bench --quick: every figure is printed (their values are not judged)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

FIGURES = [
    "database: sqlite", "dyad+kind+range", "country first page", "country deep page",
    "agreements in force, two parties", "changes since", "full text q=pipeline",
    "counts by month,kind of a dyad", "counts by year,country", "own SQL: ",
    "deep page / first page (API p50):", "dyad+kind+range SQL p50:",
    "CSV export (events/?", "rows/s, peak RSS", "release: ok", "import_release: ok",
    "loaddata:", "import speed / loaddata speed:", "concurrency: 16 clients", "errors 0",
    "req/s, p50",
]


@pytest.mark.once
def test_quick_bench_prints_every_figure(tmp_path: Path):
    # A subprocess on its own SQLite file: bench starts gunicorn and child commands,
    # which must see the data (the test database is in this process only).
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.db'}"}
    manage = [sys.executable, str(Path(settings.BASE_DIR, "manage.py"))]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=300)  # noqa: S603
    result = subprocess.run(  # noqa: S603 (our own argv)
        [*manage, "bench", "--quick", "--events", "400", "--duration", "2"],
        env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    for figure in FIGURES:
        assert figure in result.stdout, (figure, result.stdout)
    # Every request returned the rows its hand-written SQL returns.
    table = [line for line in result.stdout.splitlines() if line.startswith("  ")][1:]
    assert len(table) == 8 and all(line.rstrip().endswith("True") for line in table), table
