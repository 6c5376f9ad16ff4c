from __future__ import annotations

import pytest

from .helpers import use_plain_static_storage


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    use_plain_static_storage(settings)
