"""True competitors: the brands customers also consider, and those the client does not list.

The obvious competitors are not always the real ones (Subway lost lunch to Chick-fil-A and the
delivery apps, not to other sandwich chains). The survey's ``also_considered`` answer names the
brands each respondent weighed against the client; the share of respondents naming a brand, with
a Wilson interval, says who the client really competes with. A brand named often that client.yml
does not list is a *hidden competitor*; the survey comments that name it (through
:func:`cxlib.text.pii.redact`) say why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.report.verdict import Figure, Finding
from cxlib.text.pii import redact

COLUMN = "also_considered"
MIN_COMMENTS = 30  # the share of comments naming a brand is stated on at least this many comments
_SPACE = re.compile(r"\s+")


def clean_brand(name) -> str:
    """A brand as written, with outer whitespace removed and inner runs collapsed: ' Orbit  Telecom'
    -> 'Orbit Telecom'; missing values give ''."""
    if not isinstance(name, str):
        return ""
    return _SPACE.sub(" ", name).strip()


def brand_key(name) -> str:
    """The key two spellings of one brand share: cleaned and case-folded ('ORBIT telecom ' ->
    'orbit telecom')."""
    return clean_brand(name).casefold()


def split_brands(answer) -> list[str]:
    """The distinct brands of one ``;``-separated answer, cleaned, in order ('A; a ;B' -> ['A', 'B'])."""
    seen, out = set(), []
    for part in str(answer).split(";") if isinstance(answer, str) else []:
        name = clean_brand(part)
        if name and brand_key(name) not in seen:
            seen.add(brand_key(name))
            out.append(name)
    return out


def canonical_brands(names: pd.Series) -> pd.Series:
    """Every spelling of a brand replaced by its most common cleaned spelling (ties: alphabetical),
    so 'orbit telecom' and 'Orbit  Telecom' both read 'Orbit Telecom' when that is the usual one."""
    cleaned = names.map(clean_brand)
    keys = cleaned.map(brand_key)
    usual = {key: _usual_spelling(group) for key, group in cleaned.groupby(keys)}
    return keys.map(usual).where(cleaned != "", "")


def _usual_spelling(spellings: pd.Series) -> str:
    """The most frequent of several spellings of one brand; ties go to the first alphabetically."""
    counts = spellings.value_counts()
    return min(counts.index[counts == counts.max()])


@dataclass(frozen=True)
class Consideration:
    """Who customers also consider.

    ``table`` has one row per brand, most considered first: ``brand``, ``listed`` (in client.yml),
    ``responses`` (naming it), ``share``, ``low``, ``high`` (percent of all responses, Wilson
    interval) and, when the survey has NPS, ``share_detractors`` / ``share_promoters`` (percent of
    detractors 0-6 and promoters 9-10 naming it).
    """

    table: pd.DataFrame
    n: int
    answered: int
    level: float
    listed: tuple[str, ...]
    voice: CommentsNaming | None = None

    @property
    def asked(self) -> bool:
        """Whether the survey carries any answer to the question."""
        return self.answered > 0

    @property
    def hidden(self) -> pd.DataFrame:
        """The rows of brands customers consider that client.yml does not list."""
        return self.table[~self.table["listed"]]

    @property
    def listed_coverage(self) -> float:
        """Share (0-1) of all brand mentions that go to listed competitors; NaN without mentions."""
        total = self.table["responses"].sum()
        return float(self.table.loc[self.table["listed"], "responses"].sum() / total) if total else np.nan

    def row(self, brand: str) -> pd.Series:
        """The table row of ``brand`` (matched case- and whitespace-insensitively)."""
        match = self.table[self.table["brand"].map(brand_key) == brand_key(brand)]
        if match.empty:
            raise KeyError(f"{brand!r} is not among the brands customers named")
        return match.iloc[0]

    def title(self) -> str:
        """A short action title for the exhibit."""
        if not self.asked:
            return "Who customers also consider is unknown"
        if len(self.hidden):
            top = self.hidden.iloc[0]
            return f"{top['brand']}, not on your list, is considered by {top['share']:.0f}% of respondents"
        return "Customers compare you with the brands you list"

    def for_report(self) -> pd.DataFrame:
        """The table as a client reads it: shares in %, the interval as text, detractors/promoters."""
        out = pd.DataFrame({
            "Brand": self.table["brand"],
            "On your list": self.table["listed"].map({True: "Yes", False: "No"}),
            "Named by": self.table["responses"].map("{:,}".format),
            "Share": self.table["share"].map("{:.0f}%".format),
            f"{self.level:.0%} interval": [f"{lo:.1f}–{hi:.1f}%" for lo, hi in
                                            zip(self.table["low"], self.table["high"])],
            "Of those who answered": self.table["share_answered"].map("{:.0f}%".format),
        })
        if "share_detractors" in self.table:
            out["Of detractors"] = self.table["share_detractors"].map("{:.0f}%".format)
            out["Of promoters"] = self.table["share_promoters"].map("{:.0f}%".format)
        return out

    def headline(self) -> str:
        """The hidden competitor named most, with its share, interval and the listed brands it beats."""
        if not self.asked:
            return ("The survey does not ask which other brands customers considered, so the true "
                    "competitors cannot be identified.")
        if self.hidden.empty:
            top = self.table.iloc[0]
            return (f"Customers compare you with the brands you list: {top['brand']} is considered "
                    f"most, by {top['share']:.0f}% of respondents (n = {self.n:,}){self._of_answered(top)}.")
        top = self.hidden.iloc[0]
        beaten = self.table[self.table["listed"] & (self.table["share"] < top["share"])]
        if self.table["listed"].any() and len(beaten) == self.table["listed"].sum():
            versus = ", more than any competitor you list"
        elif len(beaten):
            versus = ", more than " + _and(f"{b.brand} ({b.share:.0f}%)" for b in beaten.itertuples())
        else:
            versus = ""
        others = len(self.hidden) - 1
        more = f" {others} other unlisted brand{'s are' if others > 1 else ' is'} named too." if others else ""
        voice = (f" {self.voice.headline()}" if self.voice is not None and self.voice.count
                 and self.voice.comments >= MIN_COMMENTS else "")
        return (f"{top['brand']}, which is not on your competitor list, is considered by "
                f"{top['share']:.0f}% of respondents ({self.level:.0%} CI {top['low']:.1f}–"
                f"{top['high']:.1f}%, n = {self.n:,}){self._of_answered(top)}{versus}.{more}{voice}")

    def finding(self) -> Finding:
        """:meth:`headline` with the figures it states: the shares of respondents (and of those
        who named a brand) considering each brand it names, the interval, the comments naming it."""
        if not self.asked:
            return Finding(self.headline())
        everyone = f"survey answers (n = {self.n:,})"
        namers = f"survey answers naming any brand (n = {self.answered:,})"

        def considered(row) -> list[Figure]:
            figures = [Figure(f"respondents who also considered {row['brand']}", row["share"], "%", everyone)]
            if self.answered < self.n:
                figures.append(Figure(f"respondents naming a brand who named {row['brand']}", row["share_answered"],
                                      "%", namers))
            return figures

        top = self.hidden.iloc[0] if len(self.hidden) else self.table.iloc[0]
        figures = considered(top)
        if len(self.hidden):
            level = f"{self.level:.0%}"
            figures += [Figure(f"respondents who also considered {top['brand']}, {level} CI low", top["low"], "%",
                               everyone),
                        Figure(f"respondents who also considered {top['brand']}, {level} CI high", top["high"], "%",
                               everyone)]
            figures += [Figure(f"respondents who also considered {b['brand']}", b["share"], "%", everyone)
                        for _, b in self.table[self.table["listed"] & (self.table["share"] < top["share"])].iterrows()]
            if self.voice is not None and self.voice.count and self.voice.comments >= MIN_COMMENTS:
                comments = f"survey comments (n = {self.voice.comments:,})"
                figures += [Figure(f"survey comments naming {self.voice.brand}", self.voice.count, "", comments),
                            Figure(f"share of survey comments naming {self.voice.brand}",
                                   100 * self.voice.count / self.voice.comments, "%", comments)]
        return Finding(self.headline(), tuple(figures), "cxlib.competition.considered.true_competitors", "competition")

    def _of_answered(self, row) -> str:
        """', 45% of the 3,310 who named any brand' when some respondents left the question blank."""
        if self.answered >= self.n:
            return ""
        return f", {row['share_answered']:.0f}% of the {self.answered:,} who named any brand"

    def voice_quotes(self) -> pd.DataFrame:
        """Survey comments naming the most considered unlisted brand, as quote and attribution."""
        quotes = self.voice.quotes if self.voice is not None else ()
        return pd.DataFrame(list(quotes), columns=["quote", "attribution"])


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def true_competitors(survey: pd.DataFrame, listed, *, client: str | None = None,
                     column: str = COLUMN, level: float = 0.95) -> Consideration:
    """Share of respondents who also consider each brand, with a Wilson interval.

    Parameters
    ----------
    survey : one row per response; ``column`` holds ``;``-separated brand names. ``share`` is of
        all responses (a blank answer names no brand), ``share_answered`` of those that name any
        brand (a blank answer is unknown, not "considered no one").
    listed : the competitors client.yml lists; spellings match case- and whitespace-insensitively
        and the listed spelling is the one shown.
    client : the client's own name, left out if a respondent names it.
    column : the answer column.
    level : confidence level of the intervals.

    Returns
    -------
    Consideration
        An empty table (and ``asked`` False) when the column is absent or never answered.
    """
    listed = tuple(clean_brand(b) for b in listed if clean_brand(b))
    n = len(survey)
    answers = survey[column] if column in survey else pd.Series(np.nan, index=survey.index)
    brands = answers.map(split_brands)
    answered = int((brands.str.len() > 0).sum())
    names = {brand_key(b): b for b in listed}
    spellings = brands.explode().dropna()
    # Unlisted brands are shown as most respondents spell them (ties: alphabetical).
    for key, group in spellings.groupby(spellings.map(brand_key)):
        if key not in names:
            names[key] = _usual_spelling(group)
    if client:
        names.pop(brand_key(client), None)
    keys = brands.map(lambda bs: {brand_key(b) for b in bs})
    nps = survey.get("nps")
    rows = []
    for key, name in names.items():
        named = keys.map(lambda ks, k=key: k in ks).astype(bool)
        count = int(named.sum())
        if count == 0 and name not in listed:
            continue
        low, high = proportion_confint(count, n, alpha=1 - level, method="wilson") if n else (np.nan, np.nan)
        row = {"brand": name, "listed": name in listed, "responses": count,
               "share": 100 * count / n if n else np.nan, "low": 100 * low, "high": 100 * high,
               "share_answered": 100 * count / answered if answered else np.nan}
        if nps is not None:
            for label, mask in (("detractors", nps <= 6), ("promoters", nps >= 9)):
                row[f"share_{label}"] = 100 * named[mask].mean() if mask.any() else np.nan
        rows.append(row)
    columns = ["brand", "listed", "responses", "share", "low", "high", "share_answered"]
    if nps is not None:
        columns += ["share_detractors", "share_promoters"]
    table = pd.DataFrame(rows, columns=columns)
    if answered == 0:
        table = table.iloc[0:0]
    table = table.sort_values(["responses", "brand"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)
    hidden = table[~table["listed"]]
    voice = (comments_naming(survey, hidden.iloc[0]["brand"], k=2)
             if len(hidden) and "comment" in survey else None)
    return Consideration(table, n=n, answered=answered, level=level, listed=listed, voice=voice)


@dataclass(frozen=True)
class CommentsNaming:
    """Survey comments that name a brand: how many, and a few in the customers' words.

    ``quotes`` are (text with personal data removed, attribution) pairs, most repeated first,
    then shortest first.
    """

    brand: str
    count: int
    comments: int
    quotes: tuple[tuple[str, str], ...]

    def headline(self) -> str:
        if self.count == 0:
            return f"No survey comment names {self.brand}."
        return (f"{self.count:,} of the {self.comments:,} survey comments "
                f"({100 * self.count / self.comments:.1f}%) name {self.brand}.")


def comments_naming(survey: pd.DataFrame, brand: str, *, column: str = "comment",
                    k: int = 3) -> CommentsNaming:
    """Survey comments that mention ``brand`` by name (any case, any spacing), redacted.

    Parameters
    ----------
    survey : one row per response; ``column`` holds free text, ``nps`` (optional) the score
        used in the attribution.
    brand : the brand to look for.
    k : how many quotes to keep.
    """
    texts = survey[column] if column in survey else pd.Series(dtype=object)
    written = texts[texts.map(lambda t: isinstance(t, str) and bool(t.strip()))]
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, clean_brand(brand).split())) + r"\b",
                         re.IGNORECASE)
    naming = written[written.map(lambda t: bool(pattern.search(t)))]
    counts = naming.value_counts(sort=False)
    chosen = sorted(counts.index, key=lambda t: (-counts[t], len(t), t))[:k]
    quotes = []
    for text in chosen:
        row = survey.loc[naming.index[naming == text][0]]
        score = row.get("nps") if "nps" in survey else None
        who = (f"Respondent who scored {int(score)} out of 10" if score is not None and pd.notna(score)
               else "Survey respondent")
        quotes.append((redact(text), who))
    return CommentsNaming(brand=clean_brand(brand), count=len(naming), comments=len(written),
                          quotes=tuple(quotes))
