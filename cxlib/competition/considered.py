"""True competitors: the brands customers also consider, and those the client does not list.

The obvious competitors are not always the real ones. The survey's ``also_considered`` answer
names the brands each customer weighed against the client; the share of those who answered that
name a brand, with a Wilson 95% range, says who the client really competes with. Each customer
counts once when the survey carries customer ids, and a blank answer is unknown, so it is left
out of the denominator. A brand named often that client.yml does not list is a *hidden
competitor*; the survey comments that name it (through :func:`cxlib.text.pii.redact`) say why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from cxlib.report.verdict import Figure, Finding
from cxlib.text.pii import redact
from cxlib.wording import and_list

COLUMN = "also_considered"
CUSTOMERS, ANSWERS = "customers", "answers"  # what a share counts: each customer once, or each answer
# Answers that name no brand: the customer answered, and considered no one else.
NO_BRAND = frozenset({"none", "no one", "nobody", "nothing", "n/a", "-", "no other brand", "no other brands"})
MIN_COMMENTS = 30  # the share of comments naming a brand is stated on at least this many comments
_SPACE = re.compile(r"\s+")


def each_value(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)``, calling ``fn`` once per distinct value rather than once per row.

    Survey and social columns repeat a few spellings and templated texts across thousands of
    rows; the per-row Python call, not the work, is what grows with the client. Missing values
    are passed to ``fn`` as the first missing value met.
    """
    if values.empty:
        return values.map(fn)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    distinct = list(uniques)
    if (codes < 0).any():
        distinct.append(values[codes < 0].iloc[0])
        codes = np.where(codes < 0, len(uniques), codes)
    mapped = pd.Series(distinct, dtype=object).map(fn)  # the dtype map infers from the results
    return pd.Series(mapped.take(codes).to_numpy(), index=values.index, name=values.name, dtype=mapped.dtype)


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
    """The distinct brands of one ``;``-separated answer, cleaned, in order ('A; a ;B' -> ['A', 'B']);
    'none' and the like (:data:`NO_BRAND`) name no brand."""
    seen, out = set(), []
    for part in str(answer).split(";") if isinstance(answer, str) else []:
        name = clean_brand(part)
        if name and brand_key(name) not in seen and brand_key(name) not in NO_BRAND:
            seen.add(brand_key(name))
            out.append(name)
    return out


def canonical_brands(names: pd.Series) -> pd.Series:
    """Every spelling of a brand replaced by its most common cleaned spelling (ties: alphabetical),
    so 'orbit telecom' and 'Orbit  Telecom' both read 'Orbit Telecom' when that is the usual one."""
    cleaned = each_value(names, clean_brand)
    keys = each_value(cleaned, brand_key)
    usual = {key: _usual_spelling(group) for key, group in cleaned.groupby(keys)}
    return each_value(keys, usual.get).where(cleaned != "", "")


def _usual_spelling(spellings: pd.Series) -> str:
    """The most frequent of several spellings of one brand; ties go to the first alphabetically."""
    counts = spellings.value_counts()
    return min(counts.index[counts == counts.max()])


@dataclass(frozen=True)
class Consideration:
    """Who customers also consider.

    ``table`` has one row per brand, most considered first: ``brand``, ``listed`` (in client.yml),
    ``named`` (how many of those who answered name it), ``share``, ``low``, ``high`` (percent of
    those who answered, with its Wilson 95% range) and, when the survey has NPS,
    ``share_detractors`` / ``share_promoters`` (percent of the detractors 0-6 and promoters 9-10
    who answered that name it).

    ``unit`` is what is counted: "customers" (each customer once, however often they answered)
    when every answer carries a customer id, else "answers". ``n`` is how many there are in the
    survey, ``answered`` how many answered the question: only they are the denominator, since a
    blank answer is unknown, not "considered no one".
    """

    table: pd.DataFrame
    n: int
    answered: int
    level: float
    listed: tuple[str, ...]
    voice: CommentsNaming | None = None
    unit: str = ANSWERS

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
        total = self.table["named"].sum()
        return float(self.table.loc[self.table["listed"], "named"].sum() / total) if total else np.nan

    def row(self, brand: str) -> pd.Series:
        """The table row of ``brand`` (matched case- and whitespace-insensitively)."""
        match = self.table[self.table["brand"].map(brand_key) == brand_key(brand)]
        if match.empty:
            raise KeyError(f"{brand!r} is not among the brands customers named")
        return match.iloc[0]

    def denominator(self) -> str:
        """Who the shares are of, in words: "the 2,833 customers who answered" or "the 3,310 answers
        to the question"."""
        if self.unit == CUSTOMERS:
            return f"the {self.answered:,} customer{'s' if self.answered != 1 else ''} who answered"
        return f"the {self.answered:,} answer{'s' if self.answered != 1 else ''} to the question"

    def considered_by(self, row) -> str:
        """'is considered by 47% of the 2,833 customers who answered' (or, counting answers, 'is
        named in 45% of the 3,310 answers to the question')."""
        verb = "is considered by" if self.unit == CUSTOMERS else "is named in"
        return f"{verb} {row['share']:.0f}% of {self.denominator()}"

    def title(self) -> str:
        """A short action title for the exhibit."""
        if not self.asked:
            return "Who customers also consider is unknown"
        if len(self.hidden):
            top = self.hidden.iloc[0]
            who = "customers who answered" if self.unit == CUSTOMERS else "answers"
            verb = "considered by" if self.unit == CUSTOMERS else "named in"
            return f"{top['brand']}, not on your list, is {verb} {top['share']:.0f}% of {who}"
        return "Customers compare you with the brands you list"

    def for_report(self) -> pd.DataFrame:
        """The table as a client reads it: shares of those who answered, their 95% range, and the
        shares among detractors and promoters."""
        noun = "Customers" if self.unit == CUSTOMERS else "Answers"
        out = pd.DataFrame({
            "Brand": self.table["brand"],
            "On your list": self.table["listed"].map({True: "Yes", False: "No"}),
            f"{noun} naming it": self.table["named"].map("{:,}".format),
            "Share of those who answered": self.table["share"].map("{:.0f}%".format),
            f"{self.level:.0%} range": [f"{lo:.0f}–{hi:.0f}%" for lo, hi in
                                        zip(self.table["low"], self.table["high"])],
        })
        if "share_detractors" in self.table:
            out["Of detractors"] = self.table["share_detractors"].map(_percent)
            out["Of promoters"] = self.table["share_promoters"].map(_percent)
        return out

    def headline(self) -> str:
        """The hidden competitor named most, with its share of those who answered and the listed
        brands it is named more often than."""
        if not self.asked:
            return ("The survey does not ask which other brands customers considered, so the true "
                    "competitors cannot be identified.")
        if self.hidden.empty:
            top = self.table.iloc[0]
            verb = "considered most, by" if self.unit == CUSTOMERS else "named most, in"
            return (f"Customers compare you with the brands you list: {top['brand']} is {verb} "
                    f"{top['share']:.0f}% of {self.denominator()}.")
        top = self.hidden.iloc[0]
        beaten = self.table[self.table["listed"] & (self.table["share"] < top["share"])]
        if self.table["listed"].any() and len(beaten) == self.table["listed"].sum():
            versus = ", more than any competitor you list"
        elif len(beaten):
            versus = ", more than " + and_list([f"{b.brand} ({b.share:.0f}%)" for b in beaten.itertuples()])
        else:
            versus = ""
        others = len(self.hidden) - 1
        more = f" {others} other unlisted brand{'s are' if others > 1 else ' is'} named too." if others else ""
        voice = (f" {self.voice.headline()}" if self.voice is not None and self.voice.count
                 and self.voice.comments >= MIN_COMMENTS else "")
        return (f"{top['brand']}, which is not on your competitor list, {self.considered_by(top)}"
                f"{versus}.{more}{voice}")

    def population(self) -> str:
        """The data behind every share, as the figures name it."""
        return f"survey: {self.denominator()} which other brands they considered"

    def finding(self) -> Finding:
        """:meth:`headline` with the figures it states: the share of those who answered considering
        each brand it names (the top one with its 95% range) and the comments naming it."""
        if not self.asked:
            return Finding(self.headline())
        who = "customers who answered" if self.unit == CUSTOMERS else "answers"

        def considered(row, with_range: bool = False) -> Figure:
            bounds = {"low": row["low"], "high": row["high"]} if with_range else {}
            return Figure(f"{who} who also considered {row['brand']}", row["share"], "%", self.population(),
                          **bounds)

        top = self.hidden.iloc[0] if len(self.hidden) else self.table.iloc[0]
        figures = [considered(top, with_range=True)]
        if len(self.hidden):
            figures += [considered(b) for _, b in
                        self.table[self.table["listed"] & (self.table["share"] < top["share"])].iterrows()]
            if self.voice is not None and self.voice.count and self.voice.comments >= MIN_COMMENTS:
                comments = f"survey: {self.voice.comments:,} comments"
                figures += [Figure(f"survey comments naming {self.voice.brand}", self.voice.count, "", comments),
                            Figure(f"share of survey comments naming {self.voice.brand}",
                                   100 * self.voice.count / self.voice.comments, "%", comments)]
        return Finding(self.headline(), tuple(figures), "cxlib.competition.considered.true_competitors", "competition")

    def voice_quotes(self) -> pd.DataFrame:
        """Survey comments naming the most considered unlisted brand, as quote and attribution."""
        quotes = self.voice.quotes if self.voice is not None else ()
        return pd.DataFrame(list(quotes), columns=["quote", "attribution"])


def _percent(value) -> str:
    return "–" if pd.isna(value) else f"{value:.0f}%"


def _units(survey: pd.DataFrame, given: pd.Series, id_column: str) -> tuple[pd.Series, str]:
    """Who each row belongs to, and what is counted: the customer id when every answer to the
    question carries one (a customer who answered twice counts once), else the row itself."""
    if id_column in survey and given.any():
        ids = each_value(survey[id_column], lambda v: str(v).strip() if pd.notna(v) else "")
        if (ids[given] != "").all():
            return ids, CUSTOMERS
    return pd.Series(survey.index, index=survey.index).map(lambda i: f"row {i}"), ANSWERS


def true_competitors(survey: pd.DataFrame, listed, *, client: str | None = None,
                     column: str = COLUMN, id_column: str = "customer_id", level: float = 0.95) -> Consideration:
    """Share of those who answered the question that also consider each brand, with a Wilson 95% range.

    Parameters
    ----------
    survey : one row per response; ``column`` holds ``;``-separated brand names. Only those who
        answered are counted: a blank answer is unknown, not "considered no one" (an answer of
        "none" is an answer that names no brand). When every answer carries ``id_column``, each
        customer counts once, with every brand any of their answers names, and their NPS group
        (detractor 0-6, promoter 9-10) is that of their latest answer; otherwise each answer counts.
    listed : the competitors client.yml lists; spellings match case- and whitespace-insensitively
        and the listed spelling is the one shown.
    client : the client's own name, left out if a respondent names it.
    column : the answer column.
    id_column : the customer id column.
    level : confidence level of the ranges.

    Returns
    -------
    Consideration
        An empty table (and ``asked`` False) when the column is absent or never answered.
    """
    listed = tuple(clean_brand(b) for b in listed if clean_brand(b))
    answers = survey[column] if column in survey else pd.Series(np.nan, index=survey.index)
    given = each_value(answers, lambda a: isinstance(a, str) and bool(clean_brand(a.replace(";", " "))))
    brands = each_value(answers, split_brands)
    units, unit = _units(survey, given, id_column)
    n = int(units[units != ""].nunique())
    names = {brand_key(b): b for b in listed}
    spellings = brands.explode().dropna()
    # Unlisted brands are shown as most respondents spell them (ties: alphabetical).
    for key, group in spellings.groupby(each_value(spellings, brand_key)):
        if key not in names:
            names[key] = _usual_spelling(group)
    if client:
        names.pop(brand_key(client), None)
    # each row's brands as keys, one (row, key) pair per brand named
    keys_of_answer = each_value(answers, lambda a: sorted({brand_key(b) for b in split_brands(a)}))
    rows_answered = pd.DataFrame({"unit": units, "keys": keys_of_answer})
    if "nps" in survey:
        rows_answered["nps"] = pd.to_numeric(survey["nps"], errors="coerce")
    if "responded_at" in survey:  # a customer's NPS group is that of their latest answer
        when = pd.to_datetime(survey["responded_at"], errors="coerce")
        rows_answered = rows_answered.assign(_when=when).sort_values("_when", kind="stable", na_position="first")
    rows_answered = rows_answered[given.reindex(rows_answered.index)]
    grouped = rows_answered.groupby("unit", sort=False)
    unit_of_row, unit_names = pd.factorize(rows_answered["unit"])
    answered = len(unit_names)
    nps = grouped["nps"].last().reindex(unit_names) if "nps" in rows_answered else None
    # who named what: one (unit, brand key) pair per customer (or answer) and brand, counted once
    # per brand with one pass instead of testing every customer's brands once per brand
    named_keys = rows_answered["keys"].explode()
    pairs = pd.DataFrame({"unit": np.repeat(unit_of_row, rows_answered["keys"].map(len).to_numpy(dtype=np.int64)),
                          "key": named_keys.dropna().to_numpy(dtype=object)}).drop_duplicates()
    naming = pairs["key"].value_counts()
    groups = {}
    if nps is not None:
        for label, mask in (("detractors", nps <= 6), ("promoters", nps >= 9)):
            in_group = mask.to_numpy(dtype=bool)
            groups[label] = (int(in_group.sum()), pairs.loc[in_group[pairs["unit"].to_numpy()], "key"].value_counts())
    rows = []
    for key, name in names.items():
        count = int(naming.get(key, 0))
        if count == 0 and name not in listed:
            continue
        low, high = (proportion_confint(count, answered, alpha=1 - level, method="wilson") if answered
                     else (np.nan, np.nan))
        row = {"brand": name, "listed": name in listed, "named": count,
               "share": 100 * count / answered if answered else np.nan, "low": 100 * low, "high": 100 * high}
        if nps is not None:
            for label, (size, counts) in groups.items():
                row[f"share_{label}"] = 100 * (int(counts.get(key, 0)) / size) if size else np.nan
        rows.append(row)
    columns = ["brand", "listed", "named", "share", "low", "high"]
    if nps is not None:
        columns += ["share_detractors", "share_promoters"]
    table = pd.DataFrame(rows, columns=columns)
    if answered == 0:
        table = table.iloc[0:0]
    table = table.sort_values(["named", "brand"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)
    hidden = table[~table["listed"]]
    voice = (comments_naming(survey, hidden.iloc[0]["brand"], k=2)
             if len(hidden) and "comment" in survey else None)
    return Consideration(table, n=n, answered=answered, level=level, listed=listed, voice=voice, unit=unit)


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
    written = texts[each_value(texts, lambda t: isinstance(t, str) and bool(t.strip())).astype(bool)]
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, clean_brand(brand).split())) + r"\b",
                         re.IGNORECASE)
    naming = written[each_value(written, lambda t: bool(pattern.search(t))).astype(bool)]
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
