"""Property-based fuzzing of every GET operation in the published schema, in-process.

Schemathesis generates parameters from the OpenAPI document (valid and invalid
dates, codes, page sizes, strings with odd characters) and checks that no
response is a server error and that every documented response matches its
schema. Examples are derandomised so a CI failure reproduces locally.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application


def _get_operations() -> schemathesis.BaseSchema:
    """The schema the service publishes, generated in-process, calling the WSGI app."""
    document = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True),
                                     default=str))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application
    return loaded.include(method="GET")


schema = _get_operations()


@pytest.mark.usefixtures("seed_data")
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much],
)
def test_get_operations_never_fail(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
