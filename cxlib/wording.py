"""Words shared by every report: lists of names as a sentence writes them."""
from __future__ import annotations

from collections.abc import Sequence


def and_list(names: Sequence[str]) -> str:
    """``["a"]`` -> "a"; ``["a", "b", "c"]`` -> "a, b and c"."""
    names = [str(n) for n in names]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
