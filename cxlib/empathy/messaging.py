"""Messaging audit: is the customer the hero of the copy, or the company?

Every asset gets four measures and one "customer-as-hero" score out of 100 (:data:`HERO_RULE_TEXT`):

- *customer focus* (40 points): the share of you/your among you/your plus we/our/us and the brand's
  name ("Northstar", "Northstar's"); half marks when the copy uses neither;
- *outcome language* (20): the share of problem and outcome words ("paperwork", "save", "in
  minutes") among those plus feature words ("platform", "5G", "portfolio"); half marks for neither;
- *plain words* (20): full marks without jargon, none when one word in four is jargon (25 terms
  per 100 words: buzzwords of :data:`~cxlib.empathy.lexicons.DEFAULT_JARGON` plus the consultant's
  own, and acronyms a customer may not know);
- *easy reading* (20): full marks at a Flesch-Kincaid grade of 8 or below, none at 20 or above.

Assets with the same score are ranked by jargon density, then reading grade (more jargon, harder
reading: worse).

Tone (VADER) is measured for every asset but kept out of the score: VADER reads "proud to announce
our operational excellence" as warm and "drown in paperwork" as negative, so it measures the mood of
the words, not who the hero is.

The seed's worked example, an HR-software company's two ways of saying the same thing, is
:data:`CHOICE_A` (company-centred) and :data:`CHOICE_B` (customer-centred).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.empathy import lexicons
from cxlib.empathy.readability import readability
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation
from cxlib.text.pii import redact
from cxlib.text.sentiment import compound

CHOICE_A = ("Our award-winning HR platform leverages best-in-class AI to streamline end-to-end "
            "workforce management for enterprises.")
CHOICE_B = ("You didn't start your business to drown in paperwork. Get your evenings back: hire, "
            "pay and look after your people in minutes.")

FOCUS_POINTS, OUTCOME_POINTS, PLAIN_POINTS, READING_POINTS = 40, 20, 20, 20
JARGON_CEILING = 25.0       # jargon terms per 100 words that cost every "plain words" point
EASY_GRADE, HARD_GRADE = 8.0, 20.0
MIN_ASSETS = 3  # a channel's copy is compared with the others' from this many assets
HERO_RULE_TEXT = (
    "**The customer-as-hero score (0-100).** *Customer focus*, 40 points × the share of "
    "\"you/your\" among \"you/your\" plus \"we/our/us\" and the brand's name. *Outcome language*, "
    "20 points × the share of problem and outcome words (\"paperwork\", \"save\", \"in minutes\") "
    "among those plus feature words (\"platform\", \"5G\", \"portfolio\"); copy with neither kind "
    "of word earns half marks on either measure. *Plain words*, 20 points, less 0.8 for every jargon "
    "term per 100 words, so nothing is left when one word in four is jargon (buzzwords such as "
    "\"leverage\" or \"end-to-end\", and acronyms a customer may not know). *Easy reading*, 20 "
    "points at a Flesch-Kincaid grade of 8 or below (the US school year that can read the text), "
    "nothing at 20 or above, in proportion between. Equal scores are ranked by jargon, then "
    "reading grade."
)
COMPONENTS = ("focus_points", "outcome_points", "plain_points", "reading_points")


@dataclass(frozen=True)
class HeroScore:
    """One text's measures and its customer-as-hero score."""

    customer_words: int
    company_words: int
    outcome_terms: tuple[str, ...]
    feature_terms: tuple[str, ...]
    jargon: tuple[str, ...]
    words: int
    reading_grade: float
    focus_points: float
    outcome_points: float
    plain_points: float
    reading_points: float

    @property
    def score(self) -> float:
        return self.focus_points + self.outcome_points + self.plain_points + self.reading_points

    @property
    def jargon_per_100(self) -> float:
        return 100 * len(self.jargon) / self.words if self.words else 0.0

    @property
    def orientation(self) -> str:
        """'customer' when you/your outnumber the company's words, 'company' when the reverse."""
        if self.customer_words > self.company_words:
            return "customer"
        return "company" if self.company_words > self.customer_words else "balanced"

    def headline(self) -> str:
        return (f"Customer-as-hero score {self.score:.0f}/100: {self.customer_words} you/your vs "
                f"{self.company_words} we/our/brand, {len(self.jargon)} jargon term"
                f"{'s' if len(self.jargon) != 1 else ''}, reading grade {self.reading_grade:.0f}.")


def _share(part: int, other: int) -> float:
    return part / (part + other) if part + other else 0.5


def score_text(text: str, *, brand: Sequence[str] = (), extra_jargon: Iterable[str] = ()) -> HeroScore:
    """Measure one piece of copy and score it 0-100 by :data:`HERO_RULE_TEXT`.

    Parameters
    ----------
    text : the copy.
    brand : terms that stand for the company (see :func:`cxlib.empathy.lexicons.brand_terms`).
    extra_jargon : client-specific jargon, counted on top of the default lexicon.
    """
    text = text if isinstance(text, str) else ""
    plain = re.sub(r"\bUS\b", "USA", text)  # the country is not "us"
    customer = lexicons.count_terms(plain, lexicons.CUSTOMER_WORDS)
    company = lexicons.count_terms(plain, (*lexicons.COMPANY_WORDS, *brand))
    outcome = tuple(lexicons.find_terms(text, lexicons.PROBLEM_OUTCOME))
    feature = tuple(lexicons.find_terms(text, lexicons.FEATURE))
    jargon = tuple(lexicons.find_terms(text, (*lexicons.DEFAULT_JARGON, *extra_jargon))
                   + lexicons.acronyms(text))
    read = readability(text)
    n_words = read.words
    grade = read.grade
    per_100 = 100 * len(jargon) / n_words if n_words else 0.0
    reading = float(np.clip((HARD_GRADE - grade) / (HARD_GRADE - EASY_GRADE), 0, 1)) \
        if np.isfinite(grade) else 0.5
    return HeroScore(
        customer_words=customer, company_words=company, outcome_terms=outcome,
        feature_terms=feature, jargon=jargon, words=n_words, reading_grade=grade,
        focus_points=FOCUS_POINTS * _share(customer, company),
        outcome_points=OUTCOME_POINTS * _share(len(outcome), len(feature)),
        plain_points=PLAIN_POINTS * max(0.0, 1 - per_100 / JARGON_CEILING),
        reading_points=READING_POINTS * reading,
    )


def score_messages(messages: pd.DataFrame, *, brand_name: str | None = None,
                   extra_company: Iterable[str] = (), extra_jargon: Iterable[str] = ()) -> pd.DataFrame:
    """Audit every asset of the ``messages`` dataset.

    Parameters
    ----------
    messages : asset_id, channel, audience, text.
    brand_name : the client's name (client.yml ``name``); it counts as talking about the company.
    extra_company : product or sub-brand names that also count as the company.
    extra_jargon : client-specific jargon on top of the default lexicon.

    Returns
    -------
    pd.DataFrame
        One row per asset: asset_id, channel, audience, text (contact details redacted),
        customer_words, company_words, orientation, jargon (the terms found, "; "-joined),
        jargon_per_100, reading_grade, outcome_terms, feature_terms, the four points columns,
        hero_score and tone (VADER compound).
    """
    brand = lexicons.brand_terms(brand_name, extra_company)
    extra = tuple(extra_jargon)
    rows = []
    for asset in messages.itertuples(index=False):
        s = score_text(asset.text, brand=brand, extra_jargon=extra)
        rows.append({
            "asset_id": asset.asset_id, "channel": asset.channel, "audience": asset.audience,
            "text": redact(asset.text), "customer_words": s.customer_words,
            "company_words": s.company_words, "orientation": s.orientation,
            "jargon": "; ".join(s.jargon), "jargon_terms": len(s.jargon),
            "jargon_per_100": s.jargon_per_100, "reading_grade": s.reading_grade,
            "outcome_terms": len(s.outcome_terms), "feature_terms": len(s.feature_terms),
            **{c: getattr(s, c) for c in COMPONENTS}, "hero_score": s.score,
        })
    table = pd.DataFrame(rows, columns=[
        "asset_id", "channel", "audience", "text", "customer_words", "company_words",
        "orientation", "jargon", "jargon_terms", "jargon_per_100", "reading_grade",
        "outcome_terms", "feature_terms", *COMPONENTS, "hero_score"])
    table["tone"] = compound(messages["text"].reset_index(drop=True)).to_numpy() if len(table) else []
    return table


def channel_summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Per channel: assets, company-centred assets, mean hero score, jargon, reading grade, tone.

    Sorted from the most to the least customer-centred channel (highest mean hero score first).
    """
    grouped = scored.groupby("channel", observed=True)
    table = pd.DataFrame({
        "assets": grouped.size(),
        "company_centred": grouped["orientation"].apply(lambda o: int((o == "company").sum())),
        "hero_score": grouped["hero_score"].mean(),
        "jargon_per_100": grouped["jargon_per_100"].mean(),
        "reading_grade": grouped["reading_grade"].mean(),
        "tone": grouped["tone"].mean(),
    }).reset_index()
    return table.sort_values(["hero_score", "channel"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def rank_assets(scored: pd.DataFrame) -> pd.DataFrame:
    """Assets from best to worst: hero score, then less jargon, then easier reading."""
    return scored.sort_values(["hero_score", "jargon_per_100", "reading_grade", "asset_id"],
                              ascending=[False, True, True, True], kind="stable")


@dataclass(frozen=True)
class MessagingAudit:
    """The audit of all assets: per asset, per channel, and the extremes."""

    assets: pd.DataFrame      # score_messages output
    by_channel: pd.DataFrame  # channel_summary output
    brand_name: str = "the company"

    @property
    def mean_score(self) -> float:
        return float(self.assets["hero_score"].mean()) if len(self.assets) else float("nan")

    @property
    def company_centred(self) -> int:
        return int((self.assets["orientation"] == "company").sum())

    @property
    def best(self) -> pd.Series:
        return rank_assets(self.assets).iloc[0]

    @property
    def worst(self) -> pd.Series:
        return rank_assets(self.assets).iloc[-1]

    def extremes_by_channel(self) -> pd.DataFrame:
        """The best and the worst asset of every channel, one row per channel, best channel first.

        Returns
        -------
        pd.DataFrame
            channel, best_score, best_text, worst_score, worst_text (the worst is missing for a
            channel with a single asset).
        """
        ranked = rank_assets(self.assets)
        rows = []
        for channel in self.by_channel["channel"]:
            mine = ranked[ranked["channel"] == channel]
            best, worst = mine.iloc[0], mine.iloc[-1]
            several = len(mine) > 1
            rows.append({"channel": channel, "best_score": best["hero_score"], "best_text": best["text"],
                         "worst_score": worst["hero_score"] if several else np.nan,
                         "worst_text": worst["text"] if several else None})
        return pd.DataFrame(rows, columns=["channel", "best_score", "best_text", "worst_score",
                                           "worst_text"])

    def channel(self, which: str) -> pd.Series:
        """The most ('best') or least ('worst') customer-centred channel with at least
        :data:`MIN_ASSETS` assets (any channel when none has that many)."""
        eligible = self.by_channel[self.by_channel["assets"] >= MIN_ASSETS]
        eligible = eligible if len(eligible) else self.by_channel
        return eligible.iloc[0] if which == "best" else eligible.iloc[-1]

    def plain_language(self) -> str:
        """One sentence on jargon and reading grade across all assets."""
        with_jargon = self.assets[self.assets["jargon_terms"] > 0]
        terms = (self.assets["jargon"].str.split("; ").explode().replace("", np.nan).dropna()
                 .value_counts())
        common = ", ".join(f"\"{t}\"" for t in terms.index[:3])
        grade = float(self.assets["reading_grade"].mean())
        hard = int((self.assets["reading_grade"] > EASY_GRADE).sum())
        lead = (f"{len(with_jargon)} of {len(self.assets)} assets use jargon"
                + (f" (most often {common})" if common else ""))
        return (f"{lead}; {hard} read above grade {EASY_GRADE:.0f}, the level that suits the "
                f"general public, and the average reading grade is {grade:.0f}.")

    def title(self) -> str:
        """Action title for the hero-by-channel exhibit."""
        worst, best = self.channel("worst"), self.channel("best")
        if worst["channel"] == best["channel"]:
            return f"Who is the hero of {self.brand_name}'s copy"
        return (f"The {worst['channel']} copy talks about {self.brand_name}, the {best['channel']} "
                f"copy talks to the customer")

    def headline(self) -> str:
        """How many assets put the company first, the average score, and the plain-language sentence."""
        return (f"{self.company_centred} of {len(self.assets)} assets talk more about {self.brand_name} "
                f"than about the customer; the average customer-as-hero score is {self.mean_score:.0f}/100. "
                + self.plain_language())

    def finding(self) -> Finding:
        """The first sentence of :meth:`headline`, with the average hero score."""
        return Finding(self.headline().split(". ")[0] + ".", _audit_figures(self),
                       source="cxlib.empathy.messaging.audit_messages", theme="empathy")

    def recommendation(self) -> Recommendation:
        return Recommendation(
            action="Rewrite the copy with the customer as the hero, lowest-scoring assets first",
            rationale=f"The copy averages {self.mean_score:.0f}/100 on customer-as-hero.",
            theme="empathy", impact="High", effort="Medium",
            kpi=Kpi("Customer-as-hero score of the copy (0-100)", round(self.mean_score), None, "",
                    "no target: no channel's copy to compare with"))

    def compare_channels(self) -> str:
        """The most company-centred and the most customer-centred channel, with their scores."""
        worst, best = self.channel("worst"), self.channel("best")
        return (f"The {worst['channel']} copy is the most company-centred "
                f"({worst['hero_score']:.0f}/100: {self._first(worst)}, with "
                f"{worst['jargon_per_100']:.0f} jargon terms per 100 words), the {best['channel']} "
                f"copy the most customer-centred ({best['hero_score']:.0f}/100: {self._first(best)}).")

    def kpis(self) -> list[tuple[str, str, str]]:
        """The audit's tiles: assets audited, how many put the company first, the average score."""
        n = len(self.assets)
        return [("Assets audited", f"{n:,}", "every piece of copy in the export"),
                ("About the company", f"{self.company_centred:,}", f"of {n:,} put {self.brand_name} first"),
                ("Customer as hero", f"{self.mean_score:.0f} / 100", "average score of the copy")]

    def quotes(self) -> pd.DataFrame:
        """The best and the worst asset as quotes (quote, attribution)."""
        rows = []
        for label, row in (("Best asset", self.best), ("Worst asset", self.worst)):
            jargon = f"; jargon: {row['jargon']}" if label == "Worst asset" and row["jargon"] else ""
            who = f"{label}: {row['channel']} copy for {row['audience']}"
            rows.append((row["text"], f"{who}, {row['hero_score']:.0f}/100{jargon}"))
        return pd.DataFrame(rows[:len(self.assets)], columns=["quote", "attribution"])

    def _first(self, row: pd.Series) -> str:
        k, n = int(row["company_centred"]), int(row["assets"])
        if k == 0:
            return f"none of its {n} assets puts {self.brand_name} first"
        return f"{k} of its {n} assets put{'s' if k == 1 else ''} {self.brand_name} first"


@dataclass(frozen=True)
class CopyChannels:
    """The copy audit channel by channel: which channel's copy puts the customer first."""

    audit: MessagingAudit

    @property
    def assets(self) -> pd.DataFrame:
        """Every asset's scores (the hero-by-channel exhibit draws one dot per asset)."""
        return self.audit.assets

    def finding(self) -> Finding:
        """The company-centred assets and the worst channel's copy against the best's."""
        copy = self.audit
        worst, best = copy.channel("worst"), copy.channel("best")
        n = len(copy.assets)
        text = (f"{copy.company_centred} of {n} marketing and website assets talk more about "
                f"{copy.brand_name} than about the customer; the {worst['channel']} copy scores "
                f"{worst['hero_score']:.0f}/100 on customer-as-hero ({int(worst['company_centred'])} of "
                f"{int(worst['assets'])} assets company-centred), the {best['channel']} copy "
                f"{best['hero_score']:.0f}/100.")
        every = f"marketing and website copy (n = {n:,} assets)"
        figures = (Figure("assets talking more about the company than the customer", copy.company_centred, "assets", every),
                   Figure("assets audited", n, "assets", every),
                   *_channel_figures(worst, with_detail=True)[:3], *_channel_figures(best))
        return Finding(text, figures, source="cxlib.empathy.messaging.copy_by_channel", theme="empathy")

    def recommendation(self) -> Recommendation:
        worst, best = self.audit.channel("worst"), self.audit.channel("best")
        return Recommendation(
            action=f"Rewrite the {worst['channel']} copy with the customer as the hero, worst-scoring assets first",
            rationale=(f"It scores {worst['hero_score']:.0f}/100; the {best['channel']} copy "
                       f"({best['hero_score']:.0f}/100) shows the voice that works."),
            theme="empathy", impact="High", effort="Medium",
            # whole points, as every sentence prints the score
            kpi=Kpi(f"Customer-as-hero score of the {worst['channel']} copy (0-100)", round(float(worst["hero_score"])),
                    round(float(best["hero_score"])), "", f"the {best['channel']} copy's score today"))

    @property
    def hero_spread(self) -> float:
        """Best minus worst mean hero score among channels with :data:`MIN_ASSETS` assets or more."""
        hero = self.audit.by_channel.loc[self.audit.by_channel["assets"] >= MIN_ASSETS, "hero_score"]
        return float(hero.max() - hero.min()) if len(hero) else float("nan")

    def title(self) -> str:
        return self.audit.title()

    def headline(self) -> str:
        return self.audit.compare_channels()

    def table(self) -> pd.DataFrame:
        """The copy by channel, most customer-centred first, with client-facing column names."""
        return self.audit.by_channel[["channel", "assets", "company_centred", "hero_score", "jargon_per_100",
                                      "reading_grade"]].rename(columns={
            "channel": "Channel", "assets": "Assets", "company_centred": "About the company",
            "hero_score": "Customer-as-hero score", "jargon_per_100": "Jargon per 100 words",
            "reading_grade": "Reading grade"})

    def extremes(self) -> pd.DataFrame:
        """The best and the worst asset of every channel, with client-facing column names."""
        return self.audit.extremes_by_channel()[["channel", "best_text", "best_score", "worst_text",
                                                 "worst_score"]].rename(columns={
            "channel": "Channel", "best_text": "Best asset", "best_score": "Best score",
            "worst_text": "Worst asset", "worst_score": "Worst score"})


def copy_by_channel(messages: pd.DataFrame, *, brand_name: str | None = None,
                    extra_company: Iterable[str] = (), extra_jargon: Iterable[str] = ()) -> CopyChannels:
    """The copy audit compared across channels (parameters as :func:`score_messages`)."""
    return CopyChannels(audit_messages(messages, brand_name=brand_name, extra_company=extra_company,
                                       extra_jargon=extra_jargon))


def audit_messages(messages: pd.DataFrame, *, brand_name: str | None = None,
                   extra_company: Iterable[str] = (), extra_jargon: Iterable[str] = ()) -> MessagingAudit:
    """Score every asset and summarise by channel (parameters as :func:`score_messages`)."""
    scored = score_messages(messages, brand_name=brand_name, extra_company=extra_company,
                            extra_jargon=extra_jargon)
    return MessagingAudit(scored, channel_summary(scored), brand_name or "the company")


def worked_example(choice_a: str = CHOICE_A, choice_b: str = CHOICE_B) -> pd.DataFrame:
    """The seed's two ways of saying the same thing, scored side by side.

    Returns
    -------
    pd.DataFrame
        One row per choice: choice, text, the four points columns, hero_score, customer_words,
        company_words, jargon (terms found), reading_grade.
    """
    rows = []
    for label, text in (("Choice A", choice_a), ("Choice B", choice_b)):
        s = score_text(text)
        rows.append({"choice": label, "text": text, **{c: getattr(s, c) for c in COMPONENTS},
                     "hero_score": s.score, "customer_words": s.customer_words,
                     "company_words": s.company_words, "jargon": "; ".join(s.jargon),
                     "reading_grade": s.reading_grade})
    return pd.DataFrame(rows)


def worked_example_headline(example: pd.DataFrame) -> str:
    """One sentence comparing the two choices' scores: a side note on an example from another
    industry (HR software), never a finding or a benchmark for the client."""
    a, b = example.iloc[0], example.iloc[1]

    def described(row) -> str:
        jargon = len(str(row["jargon"]).split("; ")) if row["jargon"] else 0
        return (f"{_count(row['customer_words'], 'you/your')} against "
                f"{_count(row['company_words'], 'company word')}, "
                f"{_count(jargon, 'jargon term') if jargon else 'no jargon'}, reading grade "
                f"{row['reading_grade']:.0f}")

    return (f"Scored the way this report scores any piece of copy, the company-centred Choice A earns "
            f"{a['hero_score']:.0f}/100 ({described(a)}); the customer-centred Choice B earns "
            f"{b['hero_score']:.0f}/100 ({described(b)}).")


def worked_example_title(example: pd.DataFrame) -> str:
    """Action title of the worked-example exhibit, with both scores."""
    return (f"Choice B puts the reader first and scores {example.loc[1, 'hero_score']:.0f}; "
            f"Choice A scores {example.loc[0, 'hero_score']:.0f}")


#: The worked example's source line: two published texts, not the client's data.
WORKED_EXAMPLE_SOURCE = ("Source: 2 published texts of an HR-software company (an example from another "
                         "industry), scored by this report's copy rule.")


def worked_example_quotes(example: pd.DataFrame) -> pd.DataFrame:
    """The two choices as quotes (quote, attribution)."""
    return pd.DataFrame({"quote": example["text"].tolist(),
                         "attribution": ["Choice A: the company is the hero", "Choice B: the customer is the hero"]})


def _channel_figures(row: pd.Series, *, with_detail: bool = False) -> tuple[Figure, ...]:
    """The figures a finding states about one channel's copy."""
    pop = f"marketing and website copy, {row['channel']} (n = {int(row['assets']):,} assets)"
    figures = (Figure(f"customer-as-hero score, {row['channel']} copy", row["hero_score"], "of 100", pop),)
    if with_detail:
        figures += (Figure(f"company-centred assets, {row['channel']} copy", int(row["company_centred"]), "assets", pop),
                    Figure(f"assets, {row['channel']} copy", int(row["assets"]), "assets", pop),
                    Figure(f"jargon terms per 100 words, {row['channel']} copy", row["jargon_per_100"], "", pop))
    return figures


def _audit_figures(audit: MessagingAudit) -> tuple[Figure, ...]:
    pop = f"marketing and website copy (n = {len(audit.assets):,} assets)"
    figures = [Figure("customer-as-hero score of the copy", audit.mean_score, "of 100", pop)]
    sentence = audit.headline().split(". ")[0]
    if str(audit.company_centred) in re.findall(r"\d+", sentence):
        figures.append(Figure("assets talking more about the company than the customer",
                              audit.company_centred, "assets", pop))
    return tuple(figures)


def _count(n, noun: str) -> str:
    n = int(n)
    plural = noun if n == 1 or noun.endswith("/your") else noun + "s"
    return f"{n} {plural}"
