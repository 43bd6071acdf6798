"""The channel vocabulary: one spelling per channel, a label a reader knows.

Clients write channels as they like ("WhatsApp", " chat "); every analysis of step 4 compares them
in one normalised spelling (stripped, lower case) and shows them with :func:`label`.
"""
from __future__ import annotations


import numpy as np
import pandas as pd


# Names whose readable form is not just a capital first letter.
LABELS = {"whatsapp": "WhatsApp", "sms": "SMS", "ivr": "IVR", "app": "App", "web": "Web",
          "email": "Email", "e-mail": "Email", "social": "Social media", "chat": "Chat",
          "phone": "Phone", "store": "Store", "imessage": "iMessage", "faq": "FAQ"}
PROPER = {"whatsapp", "sms", "ivr", "imessage", "faq"}  # keep their capitals inside a sentence
# A share, a channel's figure, or each group of a comparison rests on at least this many cases; the
# step's sections (cxlib.sections.step4) hold their data to the same bar.
MIN_CASES = 30


def normalise(channels: pd.Series) -> pd.Series:
    """Channel names stripped and in lower case; a missing or blank name stays missing."""
    # a log names a handful of channels over and over: clean each spelling once, then spread it
    codes, spellings = pd.factorize(channels)
    text = pd.Series(spellings, dtype=object).astype("str").str.strip().str.lower()
    text = text.where(text != "")
    return pd.Series(text.array.take(codes, allow_fill=True), index=channels.index, name=channels.name)


def label(channel: str) -> str:
    """The name a reader knows: ``whatsapp`` -> ``WhatsApp``, ``store`` -> ``Store``."""
    key = str(channel).strip().lower()
    return LABELS.get(key, key[:1].upper() + key[1:])


def in_text(channel: str) -> str:
    """The channel as a sentence writes it: ``whatsapp`` -> ``WhatsApp``, ``store`` -> ``store``."""
    key = str(channel).strip().lower()
    return label(key) if key in PROPER else label(key).lower()


def join_labels(channels, conjunction: str = "or") -> str:
    """``["app", "chat"]`` -> ``"app or chat"``; three or more get commas."""
    names = [in_text(c) for c in channels]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def channel_table(channels: pd.DataFrame) -> pd.DataFrame:
    """The client's channels dataset, cleaned for comparison.

    Parameters
    ----------
    channels : the ``channels`` dataset (channel, offered, investment_share,
        target_response_minutes).

    Returns
    -------
    pd.DataFrame
        Indexed by normalised channel: ``offered`` (bool), ``investment_share`` (rescaled to sum
        to 1 when the shares sum to more than 0) and ``target_minutes`` (float, NaN when none).
    """
    names = normalise(channels["channel"])
    table = pd.DataFrame({
        "offered": channels["offered"].astype("boolean").fillna(False).astype(bool).to_numpy(),
        "investment_share": pd.to_numeric(channels["investment_share"], errors="coerce")
        .fillna(0.0).to_numpy(float),
        "target_minutes": pd.to_numeric(channels.get("target_response_minutes"), errors="coerce")
        .to_numpy(float) if "target_response_minutes" in channels else np.nan,
    }, index=pd.Index(names, name="channel"))
    table = table[table.index.notna()]
    total = table["investment_share"].sum()
    if total > 0:
        table["investment_share"] = table["investment_share"] / total
    return table


