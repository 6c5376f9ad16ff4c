"""Read queries over the seed: the questions DESIGN §3 says are one query each."""

from __future__ import annotations

import datetime

import pytest

from diplomacy import selectors
from diplomacy.models import Post

pytestmark = pytest.mark.usefixtures("seed_data")


def test_who_was_israels_foreign_minister_on_a_day(django_assert_num_queries):
    post = Post.objects.get(slug="isr-minister-of-foreign-affairs")
    with django_assert_num_queries(1):
        holders = list(selectors.post_holders_on(post=post, on=datetime.date(2026, 1, 26)))
    assert [person.slug for person in holders] == ["gideon-saar"]


def test_nobody_held_it_before_the_recorded_tenure():
    post = Post.objects.get(slug="isr-minister-of-foreign-affairs")
    assert not selectors.post_holders_on(post=post, on=datetime.date(2020, 1, 1)).exists()


@pytest.mark.parametrize(("text", "slug"), [
    ("saar", "gideon-saar"), ("SA’AR", "gideon-saar"), ("tokaev", "kassym-jomart-tokayev"),
    ("aliev", "ilham-aliyev"),
])
def test_people_match_any_spelling(text, slug):
    assert slug in set(selectors.people_matching(text=text).values_list("slug", flat=True))
