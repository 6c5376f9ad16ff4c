"""The OpenAPI schema says what each route can answer, and who may call it.

drf-spectacular documents the success response of each operation; a client (or a
fuzzer such as schemathesis) also needs the errors: a 400 naming a bad parameter,
401/403 for writes, 404 for an unknown id, 429 when throttled, 503 when the
database is down. It also treats our own permission class as "login required";
public reads are marked as open to anonymous callers.
"""

from __future__ import annotations

import re

from drf_spectacular import openapi
from rest_framework.permissions import SAFE_METHODS

from .pagination import Pagination

# Every error body is a JSON object: {"detail": "..."} or {"<parameter>": ["..."]}.
ERROR_SCHEMA = {
    "type": "object",
    "description": '{"detail": "…"} or, for bad input, {"<parameter or field>": ["…"]}.',
    "additionalProperties": True,
}

_ALWAYS = {
    "406": "The Accept header names no format this route gives (use ?format=).",
    "414": "The URL is longer than the server accepts (gunicorn: 4094 bytes of request "
           "line); send fewer or shorter parameters.",
    "429": "Too many requests: wait for the number of seconds in Retry-After.",
    "503": "The database is unavailable or did not answer in time; retry later.",
}
_READ = {"400": "A parameter is malformed or unknown; the body names it."}
_ONE = {"404": "No record with this id, or none you may see."}
_CONDITIONAL = {
    "412": "If-Match names another version than the record's: it changed since you read it "
           "(the response's ETag is the current one).",
    "428": "If-Match is missing: send the ETag of the version you edited.",
}
_WRITE = {
    "400": "The body breaks a rule; the body names each field at fault.",
    "401": "No credentials: send a session cookie or 'Authorization: Token …'.",
    "403": "Your role does not allow this (curators write drafts; reviewers publish).",
    "409": "The change conflicts with an existing record.",
    "415": "Write bodies are JSON (Content-Type: application/json).",
}


class AutoSchema(openapi.AutoSchema):
    def get_auth(self) -> list[dict]:
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})  # anonymous callers read published records
        return auths

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, description in sorted(self._error_codes().items()):
            # The serving layer answers 414 before the application runs, in its own words.
            content = {} if code == "414" else {
                "content": {"application/json": {"schema": ERROR_SCHEMA}}}
            responses.setdefault(code, {"description": description, **content,
                                        **self._error_headers(code)})
        return responses

    def _error_codes(self) -> dict[str, str]:
        codes = dict(_ALWAYS)
        codes.update(_READ if self.method in SAFE_METHODS else _WRITE)
        if "{" in self.path:
            codes.update(_ONE)
            codes.setdefault("400", "The id is malformed (e.g. holds a NUL byte).")
            if self.method not in SAFE_METHODS:
                codes.update(_CONDITIONAL)
        return codes

    @staticmethod
    def _error_headers(code: str) -> dict:
        headers = {
            "401": {"WWW-Authenticate": {"schema": {"type": "string"},
                                         "description": "Token"}},
            "429": {"Retry-After": {"schema": {"type": "integer"},
                                    "description": "Seconds to wait."}},
        }
        return {"headers": headers[code]} if code in headers else {}


# A query value the API accepts holds a character other than spaces, separators and
# NUL (parameters.py refuses the rest): the schema says so, so clients and fuzzers
# know a blank value is an error rather than "no filter".
NON_BLANK = r"^[^\x00]*[^\s,\x00][^\x00]*$"
# Free-text parameters are capped (filters.py): longer is a 400.
TEXT_MAX = {"q": 200}


def tighten_query_parameters(result: dict, generator, request, public) -> dict:
    """A drf-spectacular postprocessing hook: state in the schema what the API enforces
    on query parameters (non-blank values, page bounds, text caps) and on path ids."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                _tighten(parameter)
    return result


def merge_blank_alternatives(result: dict, generator, request, public) -> dict:
    """A drf-spectacular postprocessing hook: a field that may be blank is documented as
    ``oneOf: [its schema, {maxLength: 0}]``; where its own pattern already admits the
    empty string, a blank matches both branches and a ``oneOf`` would call it invalid.
    Such a field keeps its own schema alone."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for name, schema in component.get("properties", {}).items():
            branches = schema.get("oneOf") or []
            if (len(branches) == 2 and branches[1] == {"type": "string", "maxLength": 0}
                    and re.fullmatch(branches[0].get("pattern", "(?!)"), "")):
                component["properties"][name] = branches[0]
    return result


def _tighten(parameter: dict) -> None:
    schema = parameter.get("schema", {})
    name = parameter["name"]
    if parameter["in"] == "path":
        schema["pattern"] = "^[^/\\x00]+$"
    elif name == "page":
        schema["minimum"] = 1
    elif name == "page_size":
        schema.update(minimum=1, maximum=Pagination.max_page_size)
    elif schema.get("type") == "array":
        schema["minItems"] = 1
        _tighten_text(schema.get("items", {}), name)
    else:
        _tighten_text(schema, name)


def _tighten_text(schema: dict, name: str) -> None:
    if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
        schema.update(minLength=1, pattern=NON_BLANK)
        if name in TEXT_MAX:
            schema["maxLength"] = TEXT_MAX[name]
