"""Records shared by the v1 API tests; the personas are in tests/conftest.py."""

from __future__ import annotations

import pytest

from diplomacy import models as m
from tests import factories as f


@pytest.fixture
def countries(db) -> dict[str, m.Country]:
    """A handful of real ISO codes without loading the whole country fixture."""
    names = {"AZE": ("AZ", "Azerbaijan"), "ISR": ("IL", "Israel"), "IRN": ("IR", "Iran"),
             "KAZ": ("KZ", "Kazakhstan"), "RUS": ("RU", "Russian Federation")}
    return {iso3: f.CountryFactory(iso3=iso3, iso2=iso2, name=name)
            for iso3, (iso2, name) in names.items()}
