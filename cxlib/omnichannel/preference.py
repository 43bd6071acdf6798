"""Which channel each generation chooses: contacts joined to the customer's age band.

The interactions dataset says where customers made contact; the survey says how old they are. A
customer's age band is the one of their latest survey answer. Preference is read on the contacts a
customer *opens* (no ``previous_channel``): follow-ups go where the previous contact sent them,
not where the customer would have started.

Generations are named from birth years (Pew Research Center's boundaries) as of a reference year,
so "25-34" is "Millennials / Gen Z" in 2026: a band is named after every generation that holds at
least 30 % of its birth years, the larger first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from cxlib.omnichannel.channels import MIN_CASES, join_labels, normalise
from cxlib.report.verdict import Figure, Finding
from cxlib.wording import ALPHA, p_value as p_text

# First and last birth year of each generation (Pew Research Center).
GENERATIONS = (("Silent", 1928, 1945), ("Boomers", 1946, 1964), ("Gen X", 1965, 1980),
               ("Millennials", 1981, 1996), ("Gen Z", 1997, 2012), ("Gen Alpha", 2013, 2030))
OLDEST_AGE = 85        # upper end of an open band such as "65+"
NAMING_SHARE = 0.30    # a generation names a band when it holds this share of its birth years
OLDER_FROM = 55        # bands starting at this age or above form the "older customers" group
_BAND = re.compile(r"^(\d+)\s*(?:-|–|to)\s*(\d+)$|^(\d+)\s*\+$")


def band_ages(band: str) -> tuple[int, int] | None:
    """First and last age of a band: ``"25-34"`` -> (25, 34), ``"65+"`` -> (65, 85); None for a band
    that names no ages ("Not stated")."""
    found = _BAND.match(str(band).strip())
    if found is None:
        return None
    if found.group(3):
        return int(found.group(3)), OLDEST_AGE
    return int(found.group(1)), int(found.group(2))


def generation(band: str, year: int) -> str:
    """The generation(s) of an age band in ``year``: ``generation("55-64", 2026)`` -> "Gen X / Boomers".

    Someone aged ``a`` during ``year`` was born in ``year - a - 1`` or ``year - a``; a band covers
    the birth years from ``year - high - 1`` to ``year - low``.
    """
    ages = band_ages(band)
    if ages is None:
        return "–"
    low, high = ages
    years = np.arange(year - high - 1, year - low + 1)
    shares = [(name, float(((years >= first) & (years <= last)).mean()))
              for name, first, last in GENERATIONS]
    named = sorted([s for s in shares if s[1] >= NAMING_SHARE], key=lambda s: -s[1])
    return " / ".join(name for name, _ in named) or "–"


def band_label(band: str, year: int) -> str:
    """``"18-24 · Gen Z"``: the band and its generation, as a chart row says it."""
    name = generation(band, year)
    return str(band) if name == "–" else f"{band} · {name}"


def age_of_customers(survey: pd.DataFrame) -> pd.Series:
    """Each respondent's age band from their latest answer that names one (index customer_id);
    "Not stated" and other bands without ages are left out."""
    answered = survey.dropna(subset=["age_band", "customer_id"])
    # a survey repeats a few bands: read each band's ages once
    aged = {b for b in answered["age_band"].unique() if band_ages(b) is not None}
    answered = answered[answered["age_band"].isin(aged)]
    order = [c for c in ("responded_at", "response_id") if c in answered]
    latest = answered.sort_values(order, kind="stable").groupby("customer_id").tail(1)
    return latest.set_index("customer_id")["age_band"].astype(str)


def opening_contacts_by_band(interactions: pd.DataFrame, survey: pd.DataFrame, *,
                             opening_only: bool = True) -> pd.DataFrame:
    """The contacts customers opened, with the age band of their latest survey answer.

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, channel, previous_channel?).
    survey : the survey dataset (customer_id, age_band, responded_at).
    opening_only : keep only contacts without a previous channel; without a ``previous_channel``
        column every contact is an opening one.

    Returns
    -------
    pd.DataFrame
        The matched contacts (channel normalised, ``age_band`` added), and in ``attrs["opening"]``
        how many opening contacts there were before the match.
    """
    contacts = interactions.assign(channel=normalise(interactions["channel"]))
    contacts = contacts[contacts["channel"].notna()]
    if opening_only and "previous_channel" in contacts:
        contacts = contacts[normalise(contacts["previous_channel"]).isna()]
    ages = age_of_customers(survey) if "age_band" in survey else pd.Series(dtype=str)
    matched = contacts.join(ages.rename("age_band"), on="customer_id", how="inner")
    matched.attrs["opening"] = len(contacts)
    return matched


@dataclass(frozen=True)
class GroupChoice:
    """Share of a group's opening contacts on a set of channels, with a Wilson 95% interval."""

    group: str
    channels: tuple[str, ...]
    contacts: int
    hits: int
    share: float
    low: float
    high: float


@dataclass(frozen=True)
class PreferenceResult:
    """Channel choice per age band and the contrast between the youngest and older customers.

    ``table`` has one row per band and channel: age_band, generation, label, channel, contacts,
    band_contacts, share (of the band's opening contacts, 0-1). ``young_on_young`` and
    ``older_on_young`` are the youngest band's and the older group's shares on the youngest
    band's two favourite channels; ``older_on_older`` and ``young_on_older`` the same for the older
    group's favourites. ``p_value`` and ``cramers_v`` test whether channel choice depends on age
    (chi-square test of independence on the band x channel counts).
    """

    table: pd.DataFrame
    contacts: int
    customers: int
    matched_share: float
    young_on_young: GroupChoice | None
    older_on_young: GroupChoice | None
    older_on_older: GroupChoice | None
    young_on_older: GroupChoice | None
    p_value: float
    cramers_v: float

    def title(self) -> str:
        """An action title for the exhibit: who reaches us where."""
        y, o = self.young_on_young, self.older_on_older
        if y is None or o is None:
            return "Channel choice by age band"
        young = self.table.loc[self.table["age_band"] == y.group, "generation"].iloc[0]
        young = young if young != "–" else f"Customers {y.group}"
        return (f"{young} reach us by {join_labels(y.channels, 'and')}; customers {o.group} by "
                f"{join_labels(o.channels, 'and')}")

    def headline(self) -> str:
        """The contrast in one sentence: each group's share on its own favourites and the other's."""
        y, oy, o, yo = self.young_on_young, self.older_on_young, self.older_on_older, self.young_on_older
        if y is None or o is None:
            return (f"Channel choice could only be read for one age group ({self.contacts:,} opening "
                    f"contacts): there is no contrast between generations to show.")
        young = self.table.loc[self.table["age_band"] == y.group, "generation"].iloc[0]
        who = f"{young} ({y.group})" if young != "–" else f"Customers aged {y.group}"
        them = young if young != "–" else "the youngest"
        return (f"{who} start {y.share:.0%} of their contacts on {join_labels(y.channels)} ({y.contacts:,} "
                f"contact{'s' if y.contacts != 1 else ''}), customers aged {o.group} {oy.share:.0%}; customers aged "
                f"{o.group} start {o.share:.0%} of theirs on {join_labels(o.channels)} ({o.contacts:,}), "
                f"{them} {yo.share:.0%}.")

    def young_name(self) -> str:
        """The youngest band as a sentence names it: its generation ("Gen Z"), else "customers 18-24"."""
        y = self.young_on_young
        young = self.table.loc[self.table["age_band"] == y.group, "generation"].iloc[0]
        return young if young != "–" else f"customers {y.group}"

    def finding(self) -> Finding:
        """:meth:`headline` with its figures: each group's share on its own and the other's channels."""
        figures = []
        for who, choice in ((self.young_on_young.group, self.young_on_young),
                            (self.older_on_young.group, self.older_on_young),
                            (self.older_on_older.group, self.older_on_older),
                            (self.young_on_older.group, self.young_on_older)):
            figures.append(Figure(f"opening contacts on {join_labels(choice.channels)}, customers {who}",
                                  100 * choice.share, "%",
                                  f"contact log joined to survey age bands, customers {who} (n = {choice.contacts:,})",
                                  100 * choice.low, 100 * choice.high))
        return Finding(self.headline(), tuple(figures), "cxlib.omnichannel.preference.channel_preference", "channels")

    def in_words(self) -> str:
        """How many contacts the shares rest on, and whether choice depends on age beyond chance."""
        test = ("" if np.isnan(self.p_value) else
                "; channel choice differs by age band by more than chance" if self.p_value < ALPHA else
                "; the differences between age bands are within what chance alone produces")
        return (f"{self.contacts:,} opening contacts from {self.customers:,} customers matched to an age band "
                f"({self.matched_share:.0%} of opening contacts){test}")

    def method(self) -> str:
        """The test behind :meth:`in_words`, for the appendix."""
        if np.isnan(self.p_value):
            return f"{self.in_words()}; too few bands or channels to test."
        return (f"Chi-square test of independence on the age band × channel counts of {self.contacts:,} opening "
                f"contacts, {p_text(self.p_value)}; Cramér's V = {self.cramers_v:.2f} (0: no link, 1: a perfect "
                "one). Each group's share has a Wilson 95% interval.")


def _choice(rows: pd.DataFrame, group: str, channels: tuple[str, ...]) -> GroupChoice:
    n = len(rows)
    hits = int(rows["channel"].isin(channels).sum())
    low, high = proportion_confint(hits, n, alpha=0.05, method="wilson") if n else (np.nan, np.nan)
    return GroupChoice(group, channels, n, hits, hits / n if n else np.nan, float(low), float(high))


def channel_preference(interactions: pd.DataFrame, survey: pd.DataFrame, *, year: int,
                       opening_only: bool = True, min_contacts: int = MIN_CASES) -> PreferenceResult:
    """Share of each age band's contacts per channel, and young against older customers.

    Parameters
    ----------
    interactions : the interactions dataset (customer_id, channel, previous_channel?).
    survey : the survey dataset (customer_id, age_band, responded_at).
    year : reference year that names the generations (the end of the engagement period).
    opening_only : read only contacts without a previous channel (the customer's own choice);
        when no contact has a previous channel, every contact is an opening one.
    min_contacts : an age band with fewer matched contacts is left out: its shares would be noise.

    Returns
    -------
    PreferenceResult
        The "older" group pools the bands from 55 up (the oldest band when none starts at 55);
        the youngest band is the one with the lowest starting age. Favourites are each group's
        two most used channels.
    """
    matched = opening_contacts_by_band(interactions, survey, opening_only=opening_only)
    opening = matched.attrs["opening"]
    sizes = matched["age_band"].value_counts()
    matched = matched[matched["age_band"].isin(sizes.index[sizes >= min_contacts])]
    bands = sorted(matched["age_band"].unique(), key=lambda b: band_ages(b)[0])
    counts = pd.crosstab(matched["age_band"], matched["channel"]).reindex(bands)
    long = counts.stack().rename("contacts").reset_index()
    long["band_contacts"] = long["age_band"].map(counts.sum(axis=1))
    long["share"] = long["contacts"] / long["band_contacts"]
    long["generation"] = [generation(b, year) for b in long["age_band"]]
    long["label"] = [band_label(b, year) for b in long["age_band"]]
    long = long[["age_band", "generation", "label", "channel", "contacts", "band_contacts", "share"]]

    older_bands = [b for b in bands if band_ages(b)[0] >= OLDER_FROM] or bands[-1:]
    young_band = bands[0] if bands else None
    choices: list[GroupChoice | None] = [None] * 4
    if young_band is not None and older_bands and young_band not in older_bands:
        young = matched[matched["age_band"] == young_band]
        older = matched[matched["age_band"].isin(older_bands)]
        first, last = band_ages(older_bands[0])[0], band_ages(older_bands[-1])[1]
        older_name = (older_bands[0] if len(older_bands) == 1
                      else f"{first}+" if last >= OLDEST_AGE else f"{first}-{last}")
        fav_young = tuple(young["channel"].value_counts().index[:2])
        fav_older = tuple(older["channel"].value_counts().index[:2])
        choices = [_choice(young, young_band, fav_young), _choice(older, older_name, fav_young),
                   _choice(older, older_name, fav_older), _choice(young, young_band, fav_older)]
    if counts.shape[0] >= 2 and counts.shape[1] >= 2:
        chi2, p_value, _, _ = stats.chi2_contingency(counts.to_numpy(), correction=False)
        v = float(np.sqrt(chi2 / (counts.to_numpy().sum() * (min(counts.shape) - 1))))
    else:
        p_value, v = np.nan, np.nan
    return PreferenceResult(
        table=long.reset_index(drop=True), contacts=len(matched),
        customers=int(matched["customer_id"].nunique()),
        matched_share=len(matched) / opening if opening else np.nan,
        young_on_young=choices[0], older_on_young=choices[1], older_on_older=choices[2],
        young_on_older=choices[3], p_value=float(p_value), cramers_v=v)
