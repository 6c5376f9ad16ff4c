"""Run a command and write its peak RSS (kB) to a file: ``python peak.py FILE ARGV…``.

The kernel's account of a child (``wait4``'s ``ru_maxrss``) also holds the peak of the
process that started it, as it was before ``exec``: a child of the benchmark, whose
own peak after a million-event count reaches gigabytes, would report that peak as its
own. Started from this small process instead, a command's figure is its own (plus at
most this launcher's few megabytes).
"""

from __future__ import annotations

import os
import subprocess
import sys


def main(peak_file: str, argv: list[str]) -> int:
    process = subprocess.Popen(argv)  # noqa: S603 (the benchmark's own argv)
    _, status, usage = os.wait4(process.pid, 0)
    with open(peak_file, "w", encoding="ascii") as out:
        out.write(str(usage.ru_maxrss))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
