"""What readers may not see does not leak: links to drafts read as empty, and a
misspelt filter is refused instead of returning the whole table."""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, assert_error

pytestmark = pytest.mark.django_db


def test_a_draft_occasion_or_agreement_is_not_shown_to_readers(anon, alice_client):
    draft_occasion = f.EventFactory(kind=m.EventKind.PRESS_CONFERENCE,
                                    curation_status=m.CurationStatus.DRAFT)
    statement = f.StatementFactory(occasion=draft_occasion)
    draft_agreement = f.AgreementFactory(curation_status=m.CurationStatus.DRAFT)
    signing = f.EventFactory(kind=m.EventKind.AGREEMENT, agreement=draft_agreement)

    assert anon.get(f"{API}/statements/{statement.uid}/").json()["occasion"] is None
    assert anon.get(f"{API}/events/{statement.uid}/").json()["statement"]["occasion"] is None
    assert anon.get(f"{API}/events/{signing.uid}/").json()["agreement"] is None
    csv = b"".join(anon.get(f"{API}/statements/", {"format": "csv"}).streaming_content)
    assert draft_occasion.uid.encode() not in csv

    # A curator sees both links.
    assert alice_client.get(f"{API}/statements/{statement.uid}/").json()["occasion"] == \
        draft_occasion.uid
    assert alice_client.get(f"{API}/events/{signing.uid}/").json()["agreement"] == \
        draft_agreement.uid


@pytest.mark.parametrize("path", ["countries", "organizations", "people", "events", "meetings",
                                  "statements", "incidents", "agreements", "sources"])
def test_a_misspelt_filter_is_refused(anon, path):
    assert_error(anon.get(f"{API}/{path}/", {"countyr": "AZE"}), "countyr")


@pytest.mark.parametrize("fmt", ["csv", "plover", "icews"])
def test_a_misspelt_filter_is_refused_in_every_format(anon, fmt):
    assert_error(anon.get(f"{API}/events/", {"countyr": "AZE", "format": fmt}), "countyr")
