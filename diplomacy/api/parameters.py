"""Query-string rules every list shares, checked before any filter runs.

Each refusal is a 400 naming the parameter, never a silently unfiltered table:
an unknown name (``countyr=AZE``), a blank or whitespace-only value
(``country=%20``), a value that is only separators (``country=,``), and a
single-valued parameter given twice (``country=ZZZ&country=AZE``; last-wins
would hide the first). ``page`` and ``page_size`` must be whole numbers even
where a format ignores them (a CSV export is never paginated).
"""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework.exceptions import ValidationError

_WHOLE_NUMBERS = frozenset({"page", "page_size"})


def _whole(value: str) -> bool:
    # isascii: str.isdigit() also accepts '²' and other digits int() refuses.
    return value.isascii() and value.isdigit() and int(value) >= 1


def check_query_parameters(query_params, *, known: Iterable[str],
                           repeatable: Iterable[str] = ()) -> None:
    known, repeatable = set(known), set(repeatable)
    errors: dict[str, list[str]] = {}
    for name in sorted(query_params):
        values = query_params.getlist(name)
        if name not in known:
            errors[name] = [f"Unknown parameter. Known: {', '.join(sorted(known))}."]
        elif len(values) > 1 and name not in repeatable:
            errors[name] = ["Give this parameter once (a comma list where it takes several "
                            "values)."]
        elif any(not value.replace(",", "").strip() or "\x00" in value for value in values):
            errors[name] = ["Must not be blank (nor hold a NUL character); leave the "
                            "parameter out to not filter."]
        elif name in _WHOLE_NUMBERS and not all(_whole(value) for value in values):
            errors[name] = ["Must be a whole number from 1."]
    if errors:
        raise ValidationError(errors)
