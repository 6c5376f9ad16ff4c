"""The published OpenAPI document is valid and the interactive docs work offline."""

from __future__ import annotations

import pytest
from django.core.management import call_command


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    # --fail-on-warn turns any drf-spectacular warning (an unguessable type, a
    # missing serializer) into a failure, so the schema never silently degrades.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in ("/api/v1/events/", "/api/v1/meetings/", "/api/v1/statements/",
                 "/api/v1/incidents/", "/api/v1/agreements/", "/api/v1/sources/",
                 "/api/v1/people/", "/api/v1/organizations/", "/api/v1/countries/"):
        assert f"{path}:" in text
        assert f"{path}{{id}}/:" in text
    for parameter in ("dyad", "date_from", "date_to", "in_force_on", "in_office_on", "party",
                      "speaker", "about", "medium", "published_from", "page_size"):
        assert f"name: {parameter}" in text


@pytest.mark.django_db
def test_schema_endpoint_serves_openapi_3(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.django_db
def test_docs_page_uses_only_local_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    # Every script and stylesheet comes from our own static files (the sidecar package),
    # since the service may run where no CDN is reachable.
    assert "cdn." not in html and "unpkg.com" not in html and "jsdelivr" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html


def test_schema_documents_curators_writes(tmp_path):
    """people/, organizations/, posts/ and tenures/ take POST, PUT and PATCH (with If-Match),
    and an event body takes relations, as events/, agreements/ and sources/ do."""
    import yaml

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    for name in ("people", "organizations", "posts", "tenures"):
        assert "post" in schema["paths"][f"/api/v1/{name}/"]
        detail = schema["paths"][f"/api/v1/{name}/{{id}}/"]
        for method in ("put", "patch"):
            assert "If-Match" in {p["name"] for p in detail[method]["parameters"]}
        assert "delete" not in detail
    components = schema["components"]["schemas"]
    assert components["EventInputRequest"]["properties"]["relations"]["type"] == "array"
    assert "aliases" in components["PersonInputRequest"]["properties"]
    assert "aliases" in components["OrganisationInputRequest"]["properties"]
