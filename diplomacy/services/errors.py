"""Errors services raise that are neither validation nor permission problems."""

from __future__ import annotations


class StaleVersion(Exception):
    """The record changed since the version the writer read (optimistic concurrency)."""

    def __init__(self, *, current: int, expected: int) -> None:
        super().__init__(f"The record is at version {current}; the change was made to "
                         f"version {expected}.")
        self.current = current
        self.expected = expected
