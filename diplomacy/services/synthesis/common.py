"""Pieces every part of the generator shares: stable ids, full rows, skewed choices."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence

from django.db import models

from diplomacy.models.common import _ID_ALPHABET

# 32**8 public ids: an affine map with an odd multiplier is a permutation of them, so
# distinct keys give distinct ids that still look random.
_ID_SPACE = 32 ** 8
_MULTIPLIER = 0x9E3779B1


def stable_uid(prefix: str, key: int, salt: int) -> str:
    """The public id of the row with primary key ``key``: unique per key, fixed per seed."""
    value = (key * _MULTIPLIER + salt) % _ID_SPACE
    chars = []
    for _ in range(8):
        value, digit = divmod(value, 32)
        chars.append(_ID_ALPHABET[digit])
    return f"{prefix}-{''.join(reversed(chars))}"


_DEFAULTS: dict[type[models.Model], dict] = {}


def full_row(model: type[models.Model], **values) -> dict:
    """Every concrete column of ``model``: the values given, the field defaults for the
    rest (COPY and multi-row INSERTs write every column they are given, nothing more)."""
    if model not in _DEFAULTS:
        _DEFAULTS[model] = {
            f.attname: None if f.has_default() and callable(f.default) else f.get_default()
            for f in model._meta.concrete_fields}
    row = dict(_DEFAULTS[model])
    row.update(values)
    return row


class Skewed:
    """Zipf-like choices: the item at rank r is drawn with weight 1 / r**exponent, so a
    few are frequent and most are rare (as a few dyads dominate real event data)."""

    def __init__(self, items: Sequence, exponent: float) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(
            1.0 / (rank ** exponent) for rank in range(1, len(self.items) + 1)))

    def pick(self, rng: random.Random):
        point = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, point)]

    def pick_other(self, rng: random.Random, *avoid):
        while True:
            item = self.pick(rng)
            if item not in avoid:
                return item


def weighted(rng: random.Random, table: Sequence[tuple[object, float]]):
    """One value from ``(value, weight)`` pairs."""
    point = rng.random() * sum(weight for _, weight in table)
    for value, weight in table:
        point -= weight
        if point < 0:
            return value
    return table[-1][0]


_SYLLABLES = ("ka", "ri", "mo", "ta", "len", "sar", "vi", "do", "na", "bek", "ul", "ha", "mir",
              "zo", "el", "an", "ko", "te", "ya", "rus", "di", "om", "sha", "gu", "lev", "ar")


def name_word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()
