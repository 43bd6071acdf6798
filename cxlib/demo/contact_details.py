"""Planted personal data: customers' contact, payment and name details left in free text.

Truth 5 of :mod:`cxlib.demo.planted`: the strings of ``PII`` are appended to a share of survey
comments and ticket texts, cycling through the tuple so that each string lands at least once.
"""
from __future__ import annotations

import numpy as np

from .planted import PII, PII_KINDS

# Sentences neutral in tone and theme ("refund" or "charged" would move sentiment and themes), so the
# other planted truths do not depend on which detail a row receives.
_CARD = ("My card is {pii}.", "Card on file: {pii}.")
_IBAN = ("My account is {pii}.", "Account number {pii}.")
_TITLED = ("Ask for Mrs {pii} about it.", "Dr {pii} has the details.")
_SIGNED = ("Regards, {pii}", "Regards,\n{pii}")

SURVEY_SENTENCES = {
    "email": (
        "You can reach me at {pii}.",
        "Please email me at {pii} about this.",
        "Contact me on {pii}, I am still waiting for an answer.",
    ),
    "phone": (
        "Please call me back on {pii}.",
        "My number is {pii} if someone can call.",
        "Call me on {pii}, nobody has replied so far.",
    ),
    "card": _CARD, "iban": _IBAN, "titled name": _TITLED, "signature": _SIGNED,
}
TICKET_SENTENCES = {
    "email": (
        "Please reply to {pii} rather than the account address.",
        "My email is {pii}.",
        "Send the confirmation to {pii} please.",
    ),
    "phone": (
        "Call me on {pii} after work.",
        "Best number to reach me: {pii}.",
        "You can text me on {pii}.",
    ),
    "card": _CARD, "iban": _IBAN, "titled name": _TITLED, "signature": _SIGNED,
}


def plant(
    rng: np.random.Generator,
    texts: list,
    eligible: np.ndarray,
    share: float,
    sentences: dict[str, tuple[str, ...]],
) -> tuple[list, np.ndarray]:
    """Append a contact detail to ``share`` of all texts, chosen among the eligible ones.

    Parameters
    ----------
    rng : random generator.
    texts : free texts, one per row.
    eligible : boolean mask of rows that may carry a contact detail (they must hold text).
    share : fraction of *all* rows to receive one; at least one row per PII string.
    sentences : templates with a ``{pii}`` slot, keyed by the kinds of :data:`PII_KINDS`.

    Returns
    -------
    (list, np.ndarray)
        The texts with contact details added, and the mask of rows that received one.
    """
    candidates = np.flatnonzero(eligible)
    count = min(len(candidates), max(len(PII), round(share * len(texts))))
    chosen = np.sort(rng.choice(candidates, size=count, replace=False))
    out = list(texts)
    for slot, row in enumerate(chosen):
        pii = PII[slot % len(PII)]
        bank = sentences[PII_KINDS[pii]]
        sentence = bank[rng.integers(len(bank))].format(pii=pii)
        out[row] = f"{out[row]} {sentence}"
    mask = np.zeros(len(texts), dtype=bool)
    mask[chosen] = True
    return out, mask
