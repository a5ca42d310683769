"""Property-based API tests generated from our own OpenAPI schema, in process: no server errors, and every
response (including errors) matches the documented status codes, content types and schemas."""

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.main import create_app

schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_as_county_admin(case, api):  # type: ignore[no-untyped-def]
    token = api.as_("county_admin").tokens["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    if case.path == "/api/v1/auth/password":
        return  # would revoke the token this test runs on; covered in tests/auth
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS)
