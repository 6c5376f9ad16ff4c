"""Write bodies are JSON, bounded in size and depth, and hold only valid text.

A body that is too large, nested deeper than any record needs, or carries a lone
surrogate (which no UTF-8 response could echo back) is refused with a 400 before
a serializer sees it.
"""

from __future__ import annotations

import json
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_BODY_BYTES = 1_000_000
# A write body is a record with lists of rows (participants, citations…): four levels.
MAX_DEPTH = 6
MAX_ITEMS = 2_000


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        raw = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BODY_BYTES:
            raise ParseError(f"The body is larger than {MAX_BODY_BYTES} bytes.")
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
        except RecursionError as exc:
            raise ParseError("The JSON body is nested too deeply.") from exc
        except (UnicodeDecodeError, ValueError) as exc:
            raise ParseError(f"The body is not valid JSON: {exc}") from exc
        _check(data, depth=0, counter=[0])
        return data


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _check(value: Any, *, depth: int, counter: list[int]) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(f"The JSON body is nested more than {MAX_DEPTH} levels deep.")
    counter[0] += 1
    if counter[0] > MAX_ITEMS:
        raise ParseError(f"The JSON body holds more than {MAX_ITEMS} values.")
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check(item, depth=depth + 1, counter=counter)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth=depth + 1, counter=counter)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError("The body holds a lone surrogate (\\ud800–\\udfff), which is "
                         "not text.") from exc
