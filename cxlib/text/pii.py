"""Find and redact personal data (e-mail addresses, phone numbers) in free text.

Every report shows free text only through :func:`redact` (docs/data-contract.md, Confidentiality).
The rules favour catching real contact details over keeping every digit: a phone number is a run
of digit groups (optionally with a ``+`` country code or an area code in parentheses) that holds
enough digits to dial. Prices ("$45"), years ("2026"), dates ("2026-03-14"), scores ("10/10") and
order numbers with fewer than 7 digits are left alone.
"""
from __future__ import annotations

import re

import pandas as pd

EMAIL_TOKEN = "[email removed]"
PHONE_TOKEN = "[phone removed]"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

# Candidate: optional "+CC", optional "(area)", then digit groups joined by one space, dot or dash.
# The candidate must end on a group of >= 3 digits, so "call 415 555 0142 10 times" stops at 0142.
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+.-])"
    r"(?:\+\d{1,3}[ .-]?)?"
    r"(?:\(\d{1,5}\)[ .-]?)?"
    r"\d{1,15}(?:[ .-]\d{1,8})*"
    r"(?<=\d{3})(?![\w]|[.-]\d)"
)
_US_LOCAL = re.compile(r"\d{3}[ .-]\d{4}")  # 555-0142: the only short form we accept


def _is_phone(candidate: str) -> bool:
    """Decide whether a digit-group candidate is a phone number, by how it is written."""
    digits = sum(ch.isdigit() for ch in candidate)
    if digits > 15:  # E.164 maximum; longer runs are ids, not phones
        return False
    if candidate.startswith("+") or candidate.startswith("("):
        return digits >= 7
    # Without a country or area code only dialable lengths count: 8-digit dates such as
    # 2026-03-14 or "2025 2026" stay, 415-555-0142 and 07700 900123 go.
    return digits >= 9 or bool(_US_LOCAL.fullmatch(candidate))


def _spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every e-mail and phone number, in text order."""
    spans = [(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    # Blank out e-mails first so digits inside an address are not read as a phone.
    masked = _EMAIL.sub(lambda m: " " * len(m.group()), text)
    spans += [
        (m.start(), m.end(), "phone")
        for m in _PHONE_CANDIDATE.finditer(masked)
        if _is_phone(m.group())
    ]
    return sorted(spans)


def find_pii(text: str | None) -> list[str]:
    """E-mail addresses and phone numbers found in a text, in order of appearance.

    Parameters
    ----------
    text : free text; ``None`` or a missing value gives an empty list.
    """
    if not isinstance(text, str):
        return []
    return [text[start:end] for start, end, _ in _spans(text)]


def redact(text: str | None) -> str | None:
    """Replace e-mail addresses with "[email removed]" and phone numbers with "[phone removed]".

    Parameters
    ----------
    text : free text; ``None`` and missing values are returned unchanged.
    """
    if not isinstance(text, str):
        return text
    out, last = [], 0
    for start, end, kind in _spans(text):
        out.append(text[last:start])
        out.append(EMAIL_TOKEN if kind == "email" else PHONE_TOKEN)
        last = end
    out.append(text[last:])
    return "".join(out)


def redact_series(texts: pd.Series) -> pd.Series:
    """:func:`redact` applied to every text of a Series; index, name and missing values kept.

    Parameters
    ----------
    texts : free-text column (object or string dtype).
    """
    redacted = pd.Series(
        [redact(t) if isinstance(t, str) else t for t in texts],
        index=texts.index,
        name=texts.name,
        dtype=object,
    )
    # Keep a string dtype a string dtype, so downstream .str calls behave the same.
    if isinstance(texts.dtype, pd.StringDtype):
        return redacted.astype(texts.dtype)
    return redacted
