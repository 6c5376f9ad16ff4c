"""A model's ValidationError shows next to the field it names; a field the screen does not
show gets the message on top, named — never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from diplomacy import models as m
from tests import factories as f

from .helpers import form_data


@pytest.fixture
def post_rule(monkeypatch):
    """Stands in for the model rule "speaker post against tenure" (another branch)."""
    def clean(self) -> None:
        raise ValidationError({"speaker_post": "Gideon Sa'ar did not hold this post then."})

    monkeypatch.setattr(m.Event, "clean", clean)


def test_an_error_on_a_shown_field_is_next_to_it(db, root_client, post_rule):
    url = reverse("admin:diplomacy_statement_add")
    data = form_data(root_client.get(url)) | {
        "title": "Said", "date": "2026-01-26", "quote": "Words",
        "speaker_person": f.PersonFactory().pk, "speaker_post": f.PostFactory().pk}
    response = root_client.post(url, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["speaker_post"] == ["Gideon Sa'ar did not hold this post then."]
    assert not m.Event.objects.exists()


def test_an_error_on_a_field_the_screen_lacks_is_on_top(db, root_client, post_rule):
    url = reverse("admin:diplomacy_meeting_add")
    data = form_data(root_client.get(url)) | {"title": "Talks", "date": "2026-01-26"}
    response = root_client.post(url, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == ["Speaker post: Gideon Sa'ar did not hold this post "
                                       "then."]
    assert not m.Event.objects.exists()


def test_a_precision_error_shows_next_to_the_date(db, root_client, monkeypatch):
    def clean(self) -> None:
        raise ValidationError({"date_precision": "Too precise for these sources."})

    monkeypatch.setattr(m.Event, "clean", clean)
    url = reverse("admin:diplomacy_meeting_add")
    data = form_data(root_client.get(url)) | {"title": "Talks", "date": "2026-01-26"}
    response = root_client.post(url, data)
    assert response.context["adminform"].form.errors["date"] == [
        "Too precise for these sources."]
