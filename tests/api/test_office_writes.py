"""Writing posts and tenures at posts/ and tenures/, and the rule tying them to statements:
a speaker speaking in a post holds a tenure of it covering the statement's dates.

alice (curator) writes; bob (reviewer) also changes what a published record shows
(a post spoken from, a tenure of a person it shows, a new tenure for such a person);
carol and anonymous readers write nothing.
"""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f

from .helpers import API, D, assert_error, edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def saar(countries) -> m.Person:
    return f.PersonFactory(slug="gideon-saar", name="Gideon Sa'ar", nationality=countries["ISR"])


@pytest.fixture
def isr_fm(countries) -> m.Post:
    return f.PostFactory(slug="isr-fm", label="Minister of Foreign Affairs",
                         country=countries["ISR"])


def _statement(person, post, *, status=m.CurationStatus.DRAFT, **fields) -> m.Event:
    return f.StatementFactory(speaker_person=person, speaker_post=post, curation_status=status,
                              **fields)


def test_curator_adds_a_post_and_a_tenure(alice_client, saar, countries):
    post = alice_client.post(f"{API}/posts/", {"label": "Minister of Foreign Affairs",
                                               "country": "ISR"}, format="json")
    assert post.status_code == 201, post.content
    assert post.json()["id"] == "isr-minister-of-foreign-affairs"
    tenure = alice_client.post(f"{API}/tenures/", {
        "person": "gideon-saar", "post": "isr-minister-of-foreign-affairs",
        "start_date": "2024-11-01", "start_precision": "month"}, format="json")
    assert tenure.status_code == 201, tenure.content
    body = tenure.json()
    assert (body["person"]["id"], body["post"]["id"], body["start_date"]) == (
        "gideon-saar", "isr-minister-of-foreign-affairs", "2024-11-01")
    assert tenure["ETag"] == '"1"'
    assert m.Tenure.objects.get(uid=body["id"]).history.get().history_user.username == "alice"


def test_a_tenure_edit_needs_if_match_and_bumps_the_version(alice_client, saar, isr_fm):
    tenure = f.TenureFactory(person=saar, post=isr_fm, start_date=D(2024, 11, 10))
    url = f"{API}/tenures/{tenure.uid}/"
    assert alice_client.patch(url, {"note": "x"}, format="json").status_code == 428
    response = edit(alice_client).patch(url, {"end_date": "2025-01-31"}, format="json")
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'
    tenure.refresh_from_db()
    assert (tenure.end_date, tenure.version) == (D(2025, 1, 31), 2)


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"end_date": "2024-01-01"}, "end_date", "ends before it starts"),
    ({"start_date": "2024-11-10", "start_precision": "month"}, "start_date",
     "at month precision the date is the month's first day"),
    ({"post": "no-such-post"}, "post", ""),
    ({"person": None}, "person", ""),
    ({"tenant": "x"}, "tenant", "Unknown field."),
])
def test_bad_tenures_are_refused_naming_the_field(alice_client, saar, isr_fm, body, field,
                                                  message):
    sent = {"person": "gideon-saar", "post": "isr-fm", "start_date": "2024-11-01"} | body
    response = alice_client.post(f"{API}/tenures/", sent, format="json")
    errors = assert_error(response, field, message)
    assert field in errors
    assert not m.Tenure.objects.exists()


def test_a_duplicate_post_label_is_refused_on_the_label(alice_client, isr_fm):
    response = alice_client.post(f"{API}/posts/", {"label": isr_fm.label, "country": "ISR",
                                                   "id": "other"}, format="json")
    assert assert_error(response, "label") == {
        "label": ["this country already has a post with this label"]}
    assert m.Post.objects.count() == 1


@pytest.mark.parametrize("path", ["posts/", "tenures/"])
def test_only_curators_write(anon, carol_client, saar, isr_fm, path):
    body = ({"label": "President", "country": "ISR"} if path == "posts/"
            else {"person": "gideon-saar", "post": "isr-fm"})
    assert anon.post(f"{API}/{path}", body, format="json").status_code == 401
    assert carol_client.post(f"{API}/{path}", body, format="json").status_code == 403
    assert (m.Post.objects.count(), m.Tenure.objects.count()) == (1, 0)


def test_what_a_published_statement_shows_is_changed_by_a_reviewer_only(
        alice_client, bob_client, saar, isr_fm):
    tenure = f.TenureFactory(person=saar, post=isr_fm, start_date=D(2024, 11, 10))
    _statement(saar, isr_fm, status=m.CurationStatus.PUBLISHED)
    tenure_url, post_url = f"{API}/tenures/{tenure.uid}/", f"{API}/posts/isr-fm/"
    assert edit(alice_client).patch(tenure_url, {"note": "x"}, format="json").status_code == 403
    assert edit(alice_client).patch(post_url, {"label": "FM"}, format="json").status_code == 403
    new = {"person": "gideon-saar", "post": "isr-fm", "start_date": "2020-01-01",
           "end_date": "2020-12-31"}
    assert alice_client.post(f"{API}/tenures/", new, format="json").status_code == 403
    assert m.Tenure.objects.count() == 1 and m.Post.objects.get().label != "FM"
    assert edit(bob_client).patch(tenure_url, {"note": "x"}, format="json").status_code == 200
    assert edit(bob_client).patch(post_url, {"label": "FM"}, format="json").status_code == 200
    assert bob_client.post(f"{API}/tenures/", new, format="json").status_code == 201


def test_moving_a_tenure_to_a_person_a_published_record_shows_needs_a_reviewer(
        alice_client, saar, isr_fm, countries):
    shown = f.PersonFactory(slug="shown")
    f.ParticipantFactory(actor_country=None, actor_person=shown, country=countries["ISR"])
    tenure = f.TenureFactory(person=saar, post=isr_fm)
    response = edit(alice_client).patch(f"{API}/tenures/{tenure.uid}/", {"person": "shown"},
                                        format="json")
    assert response.status_code == 403
    assert m.Tenure.objects.get().person == saar


# --- The speaker holds the post they speak in -----------------------------------------------


def _statement_body(date: str, precision: str = "day", **fields) -> dict:
    return {"kind": "statement", "title": "Sa'ar speaks", "date": date,
            "date_precision": precision, "speaker_person": "gideon-saar",
            "speaker_post": "isr-fm", "quote": "words", "medium": "speech"} | fields


@pytest.mark.parametrize(("date", "precision", "accepted"), [
    ("2024-11-10", "day", True),     # the first day in office
    ("2024-11-09", "day", False),    # the day before
    ("2024-11-01", "month", True),   # a month-precision statement overlapping the tenure
    ("2024-10-01", "month", False),  # the month before
    ("2024-01-01", "year", True),
    ("2023-01-01", "year", False),
])
def test_a_speaker_speaks_in_a_post_they_held_then(alice_client, saar, isr_fm, date,
                                                    precision, accepted):
    f.TenureFactory(person=saar, post=isr_fm, start_date=D(2024, 11, 10))
    response = alice_client.post(f"{API}/events/", _statement_body(date, precision),
                                 format="json")
    if accepted:
        assert response.status_code == 201, response.content
    else:
        body = assert_error(response, "speaker_post", "held no tenure of this post")
        assert set(body) == {"speaker_post"}
        assert not m.Event.objects.exists()


def test_a_tenure_ending_at_month_precision_covers_its_whole_month(alice_client, saar, isr_fm):
    f.TenureFactory(person=saar, post=isr_fm, start_date=D(2022, 12, 29),
                    end_date=D(2024, 11, 1), end_precision="month")
    response = alice_client.post(f"{API}/events/", _statement_body("2024-11-30"), format="json")
    assert response.status_code == 201, response.content


def test_a_statement_moved_outside_the_tenure_is_refused(alice_client, saar, isr_fm):
    f.TenureFactory(person=saar, post=isr_fm, start_date=D(2024, 11, 10))
    statement = _statement(saar, isr_fm, date=D(2025, 1, 1))
    response = edit(alice_client).patch(f"{API}/events/{statement.uid}/",
                                        {"date": "2020-01-01"}, format="json")
    assert_error(response, "speaker_post")
    statement.refresh_from_db()
    assert statement.date == D(2025, 1, 1)


def test_a_tenure_edit_may_not_strand_a_statement(alice_client, saar, isr_fm):
    tenure = f.TenureFactory(person=saar, post=isr_fm, start_date=D(2024, 11, 10))
    statement = _statement(saar, isr_fm, date=D(2025, 1, 1))
    response = edit(alice_client).patch(f"{API}/tenures/{tenure.uid}/",
                                        {"end_date": "2024-12-31"}, format="json")
    body = assert_error(response, "end_date", statement.uid)
    assert set(body) == {"end_date"}
    tenure.refresh_from_db()
    assert (tenure.end_date, tenure.version) == (None, 1)


def test_the_rule_holds_in_model_validation_too(saar, isr_fm):
    """What the admin's forms run: Event.full_clean."""
    from django.core.exceptions import ValidationError

    statement = f.StatementFactory.build(speaker_person=saar, speaker_post=isr_fm,
                                         date=D(2026, 1, 26))
    with pytest.raises(ValidationError) as refused:
        statement.full_clean()
    assert "speaker_post" in refused.value.message_dict
    f.TenureFactory(person=saar, post=isr_fm, start_date=None, end_date=None)
    statement.full_clean()
