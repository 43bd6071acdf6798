"""Words and numbers shared by every report: lists of names as a sentence writes them, and figures
printed one way by their unit."""
from __future__ import annotations

from collections.abc import Sequence


def and_list(names: Sequence[str]) -> str:
    """``["a"]`` -> "a"; ``["a", "b", "c"]`` -> "a, b and c"."""
    names = [str(n) for n in names]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


MINUS = "\u2212"  # the minus sign, never a hyphen, in front of a negative number


def signed(value: float, digits: int = 0) -> str:
    """A number with its sign: ``+24``, ``−15``, ``0``; ``digits`` decimals."""
    text = f"{abs(value):,.{digits}f}"
    if float(text.replace(",", "")) == 0:
        return text
    return ("+" if value > 0 else MINUS) + text


def number(value: float, unit: str = "") -> str:
    """A figure as reports print it, by its unit.

    ``"%"`` -> ``42%``; ``"points"`` (NPS and other signed scores) -> ``+24``; ``"hours"`` ->
    ``8.5 h`` below ten, ``47 h`` above; ``"of 5"`` and other scales -> ``3.4 of 5``; ``"x"`` ->
    ``2.5x``; ``""`` -> ``1,234`` for whole numbers, ``12.5`` otherwise; any other unit follows the
    number ("412 customers").
    """
    value = float(value)
    if unit == "%":
        return f"{value:.0f}%"
    if unit == "points":
        return signed(value)
    if unit == "hours":
        return f"{value:.1f} h" if abs(value) < 10 else f"{value:,.0f} h"
    if unit.startswith("of "):
        return f"{value:.1f} {unit}"
    if unit == "x":
        return f"{value:.1f}x"
    plain = f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"
    return f"{plain} {unit}".strip()


_CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}


def money(value: float, currency: str | None) -> str:
    """An amount as an executive reads it: ``$1.2m``, ``£850k``, ``CHF 9,400``; with no currency
    known, the number alone (the sentence says once that the currency is not stated)."""
    value = float(value)
    size = abs(value)
    if size >= 1e6:
        text = f"{size / 1e6:,.1f}m"
    elif size >= 1e4:
        text = f"{size / 1e3:,.0f}k"
    else:
        text = f"{size:,.0f}"
    sign = MINUS if value < 0 and float(text.rstrip("mk").replace(",", "")) else ""
    if currency is None:
        return f"{sign}{text}"
    symbol = _CURRENCY_SIGNS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{currency} {text}"
