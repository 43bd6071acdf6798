"""Words and numbers shared by every report: lists of names as a sentence writes them, and figures
printed one way by their unit."""
from __future__ import annotations

import re
from collections.abc import Sequence


def and_list(names: Sequence[str]) -> str:
    """``["a"]`` -> "a"; ``["a", "b", "c"]`` -> "a, b and c"."""
    names = [str(n) for n in names]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


MINUS = "\u2212"  # the minus sign, never a hyphen, in front of a negative number


def decimal(value: float, digits: int = 1) -> str:
    """A number with ``digits`` decimals and thousands commas; a negative one with the minus sign, and
    never "−0.0" for a value that rounds to zero."""
    text = f"{float(value):,.{digits}f}"
    if not text.startswith("-"):
        return text
    return MINUS + text[1:] if float(text[1:].replace(",", "")) else text[1:]


def signed(value: float, digits: int = 0) -> str:
    """A number with its sign: ``+24``, ``−15``, ``0``; ``digits`` decimals."""
    text = f"{abs(value):,.{digits}f}"
    if float(text.replace(",", "")) == 0:
        return text
    return ("+" if value > 0 else MINUS) + text


def number(value: float, unit: str = "") -> str:
    """A figure as reports print it, by its unit; a negative number always with the minus sign.

    ``"%"`` -> ``42%``; ``"points"`` (NPS and other signed scores) -> ``+24``; ``"hours"`` -> the
    one duration style (``9 h 1 min``, ``47 h``); ``"of 5"`` and other scales -> ``3.4 of 5``;
    ``"x"`` -> ``2.5x``; ``""`` -> ``1,234`` for whole numbers, ``0.67`` below one, ``12.5`` otherwise; any other unit
    follows the number ("412 customers").
    """
    value = float(value)
    if unit == "points":
        return signed(value)
    if unit == "hours":
        return duration(value * 60)
    if unit == "%":
        return f"{decimal(value, 0)}%"
    if unit.startswith("of "):
        return f"{decimal(value, 1)} {unit}"
    if unit == "x":
        return f"{decimal(value, 1)}x"
    # a correlation or a coin-flip score (0.67) needs two decimals; a count or a mean one at most
    digits = 0 if value == round(value) else 2 if abs(value) < 1 else 1
    return f"{decimal(value, digits)} {unit}".strip()


_CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}


def money(value: float, currency: str | None, *, scale_of: float | None = None) -> str:
    """An amount as an executive reads it: ``$1.2m``, ``£850k``, ``CHF 9,400``; with no currency
    known, the number alone (the sentence says once that the currency is not stated). ``scale_of``
    prints the amount in the scale of another (the top of its range), so a range reads "£7k to £14k"."""
    value = float(value)
    size = abs(value)
    scale = abs(float(scale_of)) if scale_of is not None else size
    if scale >= 1e6:
        text = f"{size / 1e6:,.1f}m"
    elif scale >= 1e4:
        text = f"{size / 1e3:,.0f}k"
    else:
        text = f"{size:,.0f}"
    sign = MINUS if value < 0 and float(text.rstrip("mk").replace(",", "")) else ""
    if currency is None:
        return f"{sign}{text}"
    symbol = _CURRENCY_SIGNS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{currency} {text}"


def money_span(low: float, high: float, currency: str | None) -> str:
    """A range of amounts in one scale: "£7k to £14k", "$373k to $479k", "$0.9m to $1.2m"."""
    return f"{money(low, currency, scale_of=high)} to {money(high, currency)}"


def score(value: float) -> str:
    """A 0-100 score as every report prints it: a whole number, halves rounded up (36.5 -> "37"), so a
    step's tile, its sentences and the engagement scorecard never print one score two ways."""
    import math

    return f"{math.floor(float(value) + 0.5):d}"


def percent(share: float, digits: int = 0) -> str:
    """A share of 0-1 as a percentage: ``0.4213`` -> ``42%`` (``digits`` decimals)."""
    return f"{100 * float(share):.{digits}f}%"


def points(difference: float, digits: int = 0) -> str:
    """A difference between two percentages or scores: ``+12 points``, ``−3 points``, ``1 point``."""
    text = signed(difference, digits)
    return f"{text} point" + ("" if text.lstrip("+" + MINUS) == "1" else "s")


def change(before: float, after: float, digits: int = 1, unit: str = "") -> str:
    """A move from one value to another, its size computed from the rounded values so that it reads
    as the subtraction it is: ``change(3.14, 2.56)`` -> "from 3.1 to 2.6, 0.5 lower"; a negative
    value with the minus sign ("from −12 to +4" for ``unit="points"`` keeps NPS signs)."""
    first, last = round(float(before), digits), round(float(after), digits)
    size = round(abs(last - first), digits)
    tail = f" {unit}" if unit and unit != "points" else ""

    def shown(value: float) -> str:
        if unit == "points":
            return signed(value, digits)
        return decimal(value, digits)

    if size == 0:
        return f"unchanged at {shown(first)}{tail}"
    way = "higher" if last > first else "lower"
    return f"from {shown(first)} to {shown(last)}{tail}, {size:,.{digits}f}{' points' if unit == 'points' else ''} {way}"


def p_value(p: float) -> str:
    """A p-value as a method note writes it (never in a summary): ``p = 0.004``, ``p < 0.001``."""
    p = float(p)
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


#: The significance level every step tests at.
ALPHA = 0.05


def chance(p: float, alpha: float = ALPHA) -> str:
    """What a test says, in the words of a report's body: "larger than chance" when ``p < alpha``,
    else "within what chance alone produces"."""
    return "larger than chance" if float(p) < alpha else "within what chance alone produces"


def span(low: float, high: float, unit: str = "", digits: int | None = None) -> str:
    """Two ends of a range: "56% to 65%", "4.4 to 4.8 of 7" (a scale is named once), "−3 to +12";
    ``digits`` gives both ends the decimals of the value they surround ("0.7 to 0.9")."""
    if digits is not None:
        ends = [decimal(v, digits) for v in (low, high)]
        tail = f" {unit}" if unit and unit != "points" else ""
        return f"{ends[0]} to {ends[1]}{tail}"
    if unit.startswith("of "):
        return f"{low:.1f} to {high:.1f} {unit}"
    return f"{number(low, unit)} to {number(high, unit)}"


def range95(low: float, high: float, unit: str = "", digits: int | None = None) -> str:
    """A 95% interval as the body states it: "a 95% range of 3.1 to 3.6" (``unit`` as in :func:`number`,
    ``digits`` as in :func:`span`)."""
    return f"a 95% range of {span(low, high, unit, digits)}"


#: What a table or sentence prints where a figure is missing.
DASH = "\u2013"


def duration(minutes: float | None) -> str:
    """A waiting time, one style for every report: ``45 min``, ``4 h 20 min``, ``47 h``, ``6 days``;
    a dash when there is none."""
    if minutes is None or minutes != minutes:  # None or NaN (pd.NA compares as NA, caught below)
        return DASH
    try:
        minutes = float(minutes)
    except TypeError:
        return DASH
    if minutes < 1:
        return "under 1 min"
    if minutes < 60:
        return f"{minutes:.0f} min"
    hours, rest = divmod(round(minutes), 60)
    if hours < 10:
        return f"{hours} h" + (f" {rest} min" if rest else "")
    if minutes < 72 * 60:
        return f"{minutes / 60:,.0f} h"
    return f"{minutes / 1440:,.0f} days"


def date(value) -> str:
    """A date, one style for every report and both spellings: ``31 Aug 2024``."""
    import pandas as pd

    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%b %Y}"


def moment(value) -> str:
    """A date and time: ``11 Dec 2025, 15:11`` (the date alone at midnight)."""
    import pandas as pd

    stamp = pd.Timestamp(value)
    return date(stamp) + (f", {stamp:%H:%M}" if (stamp.hour, stamp.minute) != (0, 0) else "")


def dates(start, end) -> str:
    """A period: ``1 Jan – 31 Dec 2025``, or ``1 Dec 2024 – 31 Jan 2025`` across years."""
    import pandas as pd

    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if first.normalize() == last.normalize():
        return date(first)
    if first.year == last.year:
        return f"{first.day} {first:%b} – {date(last)}"
    return f"{date(first)} – {date(last)}"


# British spelling -> American, for the words our sentences use; client.yml's ``locale`` picks one.
# Only words with one meaning are listed ("program" stays: software in both).
_GB_US = {"organisation": "organization", "organisations": "organizations", "organise": "organize",
          "organised": "organized", "behaviour": "behavior", "behaviours": "behaviors", "colour": "color",
          "colours": "colors", "favour": "favor", "favours": "favors", "favoured": "favored", "favourite": "favorite",
          "organisational": "organizational", "prioritisation": "prioritization", "optimised": "optimized",
          "minimised": "minimized", "recognises": "recognizes", "centred": "centered", "centre": "center",
          "centres": "centers", "prioritise": "prioritize", "prioritised": "prioritized",
          "prioritising": "prioritizing", "analyse": "analyze", "analysed": "analyzed",
          "analysing": "analyzing", "recognise": "recognize", "recognised": "recognized",
          "personalise": "personalize", "personalised": "personalized", "personalisation":
          "personalization", "apologise": "apologize", "apologised": "apologized", "apologises":
          "apologizes", "emphasise": "emphasize", "summarise": "summarize", "summarised": "summarized",
          "standardise": "standardize", "standardised": "standardized", "optimise": "optimize",
          "minimise": "minimize", "maximise": "maximize", "utilise": "utilize", "catalogue": "catalog",
          "programme": "program", "programmes": "programs", "labour": "labor", "honour": "honor",
          "licence": "license", "judgement": "judgment", "fulfil": "fulfill", "enrol": "enroll",
          "cancelled": "canceled", "cancelling": "canceling", "modelled": "modeled", "modelling":
          "modeling", "labelled": "labeled", "travelled": "traveled", "neighbour": "neighbor",
          "rumour": "rumor", "endeavour": "endeavor", "defence": "defense"}
_US_GB = {us: gb for gb, us in _GB_US.items() if gb not in ("catalogue", "programme", "programmes")}


def spelling(text: str, locale: str) -> str:
    """``text`` spelt for ``locale`` ("en-US" or "en-GB"), keeping each word's capitals."""

    table = _GB_US if locale == "en-US" else _US_GB

    def swap(match: re.Match) -> str:
        word = match.group(0)
        new = table[word.lower()]
        if word.isupper():
            return new.upper()
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return re.sub(r"\b(?:" + "|".join(sorted(table, key=len, reverse=True)) + r")\b", swap, text,
                  flags=re.IGNORECASE)


# Method names and test statistics: they belong in each report's "How we measured" appendix, never in
# its summary or body, where "larger than chance" and "a 95% range" say what a reader needs.
METHOD_WORDS = ("Cronbach", "Kruskal", "Wallis", "Welch", "chi-square", "chi-squared", "χ²",
                "Cramér", "Cramer's V", "VADER", "AUC", "R²", "R-squared", "Benjamini", "Hochberg",
                "empirical Bayes", "p-value", "p-values", "p =", "p <", "p>", "t-test", "z-test",
                "Mann-Whitney", "Spearman", "Pearson correlation", "bootstrap", "Wilson interval", "Wilson score",
                "logistic regression",
                "Flesch", "Brier", "Fisher's exact", "statistically significant", "eta squared", "η²",
                "confidence interval", "CI", "standard error", "Holm", "Bonferroni", "Fleiss", "kappa")


def method_words(text: str) -> list[str]:
    """The method words of :data:`METHOD_WORDS` that ``text`` uses, in their order in that list."""

    found = []
    for word in METHOD_WORDS:
        # whole words only ("AUC" is not in "AUCTION"); "p =" also matches "p=0.3"
        pattern = re.escape(word).replace(r"\ ", r"\s*")
        if re.search(r"(?<!\w)" + pattern + (r"(?!\w)" if word[-1].isalnum() else ""), text,
                     flags=re.IGNORECASE if word.islower() else 0):
            found.append(word)
    return found
