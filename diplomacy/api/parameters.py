"""Query-string rules every list shares, checked before any filter runs.

Each refusal is a 400 naming the parameter, never a silently unfiltered table:
an unknown name (``countyr=AZE``), a blank or whitespace-only value
(``country=%20``), a value that is only separators (``country=,``), and a
single-valued parameter given twice (``country=ZZZ&country=AZE``; last-wins
would hide the first).
"""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework.exceptions import ValidationError

# Characters that separate or pad list items but carry no value of their own.
_EMPTY = " ,\t\r\n\x0b\x0c"


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
        elif any(not value.strip(_EMPTY) for value in values):
            errors[name] = ["Must not be blank; leave the parameter out to not filter."]
    if errors:
        raise ValidationError(errors)
