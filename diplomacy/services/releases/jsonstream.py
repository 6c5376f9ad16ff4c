"""Reading a fixture one object at a time: a JSON list of objects, never held whole.

``json.JSONDecoder.raw_decode`` parses each object from a buffer refilled from the
file in blocks, so memory holds one block and one object, whatever the file's size.
No dependency: the fixture is always a flat list of small objects, which is all this
reader accepts (ijson would add a C extension for no gain here).
"""

from __future__ import annotations

import codecs
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

_BLOCK = 1 << 20
_WHITESPACE = " \t\n\r"
_decoder = json.JSONDecoder()


class StreamError(ValueError):
    """The file is not a JSON list; the message says where (as json's own errors do)."""


def _line_col(consumed: int, buffer: str, pos: int) -> str:
    return f"character {consumed + pos}"


def iter_json_list(stream: IO[str], *, block: int = _BLOCK) -> Iterator[Any]:
    """The items of the JSON list in ``stream``, one by one."""
    buffer = ""
    pos = 0
    consumed = 0  # characters dropped from the front of the buffer
    eof = False

    def fill() -> bool:
        nonlocal buffer, pos, consumed, eof
        if eof:
            return False
        data = stream.read(block)
        if not data:
            eof = True
            return False
        consumed += pos
        buffer = buffer[pos:] + data
        pos = 0
        return True

    def skip_whitespace() -> None:
        nonlocal pos
        while True:
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            if pos < len(buffer) or not fill():
                return

    skip_whitespace()
    if pos >= len(buffer) or buffer[pos] != "[":
        raise StreamError(f"expected '[' at {_line_col(consumed, buffer, pos)}")
    pos += 1
    skip_whitespace()
    if pos < len(buffer) and buffer[pos] == "]":
        pos += 1
    else:
        while True:
            skip_whitespace()
            while True:
                try:
                    item, end = _decoder.raw_decode(buffer, pos)
                except json.JSONDecodeError as exc:
                    # An object cut by the block boundary: read more and parse again.
                    if fill():
                        continue
                    raise StreamError(f"{exc.msg} at {_line_col(consumed, buffer, exc.pos)}"
                                      ) from exc
                # A number or literal may continue in the next block.
                if (end == len(buffer) and not eof and not isinstance(item, (dict, list))
                        and fill()):
                    continue
                break
            pos = end
            yield item
            skip_whitespace()
            if pos >= len(buffer):
                raise StreamError(f"the list is not closed at {_line_col(consumed, buffer, pos)}")
            if buffer[pos] == ",":
                pos += 1
                continue
            if buffer[pos] == "]":
                pos += 1
                break
            raise StreamError(f"expected ',' or ']' at {_line_col(consumed, buffer, pos)}")
    skip_whitespace()
    if pos < len(buffer):
        raise StreamError(f"extra data after the list at {_line_col(consumed, buffer, pos)}")


class HashingReader:
    """A text stream over a file that hashes the bytes as they are read; on leaving the
    block, the file must still match the checksum SHA256SUMS gave it when verified
    (it is read once, after verification, and never held whole)."""

    def __init__(self, raw: IO[bytes], expected: str, name: str) -> None:
        self._raw, self._expected, self._name = raw, expected, name
        self._digest = hashlib.sha256()
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    @classmethod
    @contextmanager
    def open(cls, path: Path, sums: bytes, name: str) -> Iterator[HashingReader]:
        expected = next((line.split()[0] for line in sums.decode("utf-8", "replace").splitlines()
                         if line.split()[1:] == [name]), "")
        with path.open("rb") as raw:
            reader = cls(raw, expected, name)
            yield reader
            reader.read_rest()
            if reader._digest.hexdigest() != expected:
                from .common import ReleaseError
                raise ReleaseError(f"{name}: changed while it was being imported; nothing was "
                                   "imported.")

    def read(self, size: int = -1) -> str:
        data = self._raw.read(size)
        self._digest.update(data)
        return self._decoder.decode(data, final=not data)

    def read_rest(self) -> None:
        while data := self._raw.read(_BLOCK):
            self._digest.update(data)
