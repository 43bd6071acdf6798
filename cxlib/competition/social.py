"""Social responsiveness and tone: how fast each brand answers, and what people say about it.

The bar for answering is set by the client's own market: the best competitor in its social data,
or the benchmark client.yml gives for its industry (``social response rate``, ``social response
hours``). Published examples from other industries (Delta, Sephora) are never a bar here. Tone is
read by :mod:`cxlib.text.sentiment`; posts are shown only through ``cxlib.text.pii.redact``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cxlib import wording
from cxlib.competition.considered import brand_key, canonical_brands, each_value
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation
from cxlib.text import sentiment
from cxlib.text.pii import redact
from cxlib.wording import and_list

MIN_TONE_POSTS = 50  # a brand's tone is ranked on at least this many posts
MIN_RATE_POSTS = 30  # a brand's answer rate (or median time to answer) is stated on at least this many

# The metrics of client.yml ``benchmarks`` that set the bar for social care, when the client gives them.
RATE_BENCHMARK = "social response rate"    # % of posts answered
HOURS_BENCHMARK = "social response hours"  # median hours to answer

# The window of the table's ``within_2h`` column, which step 1 (cxlib.obsession) reads; step 2 holds
# the client's speed against its competitors' median times instead.
WITHIN_MINUTES = 120
# Words of a customer who leaves one brand for another.
SWITCH_WORDS = re.compile(r"\b(?:switch(?:ed|ing)?|leav(?:e|ing)|left|mov(?:e|ed|ing) to|bye)\b",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Bar:
    """What the client's social care is held against: a value and where it comes from.

    ``name`` is the competitor or "your industry benchmark (source)"; ``subject`` the name as the
    subject of a sentence ("Nimbus Mobile, the best of 4 competitors,"); ``own`` is True when
    client.yml gave it.
    """

    value: float
    name: str
    subject: str = ""
    own: bool = False

    def __post_init__(self):
        if not self.subject:
            object.__setattr__(self, "subject", self.name)


def client_benchmark(benchmark, *, unit: str) -> Bar | None:
    """A client.yml benchmark (:class:`cxlib.config.Benchmark`, or None) as a :class:`Bar`.

    ``unit`` "%" reads a value of 1 or less as a share (0.45 -> 45%); "minutes" reads the value
    as hours unless the benchmark's unit says minutes.
    """
    if benchmark is None:
        return None
    value = float(benchmark.value)
    if unit == "%":
        value = value * 100 if value <= 1 and str(benchmark.unit).strip() != "%" else value
    elif not str(benchmark.unit).strip().lower().startswith("min"):
        value = value * 60
    return Bar(value, f"your industry benchmark ({benchmark.source})", own=True)


def _unbroken(duration: str) -> str:
    """A duration whose number and unit stay on one line in a narrow tile: '4 h' / '20 min'."""
    return duration.replace(" h", "\u00a0h").replace(" min", "\u00a0min").replace(" days", "\u00a0days")


def _prepared(social: pd.DataFrame) -> pd.DataFrame:
    data = social.copy()
    data["brand"] = canonical_brands(data["brand"])
    return data[data["brand"] != ""]


def _client_name(data: pd.DataFrame, client: str) -> str | None:
    match = data.loc[each_value(data["brand"], brand_key) == brand_key(client), "brand"]
    return None if match.empty else str(match.iloc[0])


def response_minutes(social: pd.DataFrame) -> pd.Series:
    """Minutes from post to answer; NaN when unanswered, undated or answered 'before' posting."""
    if "responded" not in social or "responded_at" not in social:
        return pd.Series(np.nan, index=social.index)
    posted = pd.to_datetime(social["posted_at"])
    answered = pd.to_datetime(social["responded_at"]).where(social["responded"].eq(True))
    minutes = (answered - posted).dt.total_seconds() / 60
    return minutes.where(minutes >= 0)


@dataclass(frozen=True)
class Responsiveness:
    """How each brand answers the posts about it, against the bar of the client's own market.

    ``table``: brand, mentions, answered, response_rate (% of mentions answered), timed (answers
    with a time), median_minutes, within_2h (% of timed answers given within two hours, for step 1;
    both missing with fewer than ``min_posts`` timed answers), is_client; the client first, then
    by response rate. ``unknown``: brands whose answered flags are all blank; ``few``: competitors
    with fewer than ``min_posts`` posts whose flag is known, left out of the table.
    ``rate_benchmark`` / ``minutes_benchmark``: the client's own industry benchmarks
    (client.yml), which replace the best competitor as the bar when given.
    """

    client: str | None
    table: pd.DataFrame
    unknown: tuple[str, ...] = ()
    few: tuple[str, ...] = ()
    min_posts: int = MIN_RATE_POSTS
    rate_benchmark: Bar | None = None
    minutes_benchmark: Bar | None = None

    def row(self, brand: str) -> pd.Series:
        return self.table[self.table["brand"].map(brand_key) == brand_key(brand)].iloc[0]

    @property
    def client_row(self) -> pd.Series | None:
        if self.client is None or not self.table["is_client"].any():
            return None
        return self.row(self.client)

    @property
    def competitors(self) -> pd.DataFrame:
        return self.table[~self.table["is_client"]]

    @property
    def best_competitor(self) -> pd.Series | None:
        """The competitor that answers the largest share of its posts (ties: the faster one)."""
        others = self.competitors
        if others.empty:
            return None
        return others.sort_values(["response_rate", "median_minutes"], ascending=[False, True],
                                  kind="stable").iloc[0]

    @property
    def fastest_competitor(self) -> pd.Series | None:
        """The competitor with the shortest median time to answer (among those with enough times)."""
        timed = self.competitors.dropna(subset=["median_minutes"])
        if timed.empty:
            return None
        return timed.sort_values(["median_minutes", "response_rate"], ascending=[True, False],
                                 kind="stable").iloc[0]

    def _of(self, brand: str, rank: str) -> str:
        """'Nimbus Mobile, the best of 4 competitors,' as a subject ('Nimbus Mobile' when alone)."""
        n = len(self.competitors)
        return f"{brand}, the {rank} of {n} competitors," if n > 1 else brand

    def rate_bar(self) -> Bar | None:
        """The share answered to hold the client against: its own benchmark, else the best competitor's."""
        return self._bar(self.rate_benchmark, self.best_competitor, "response_rate", "best")

    def speed_bar(self) -> Bar | None:
        """The median minutes to hold the client against: its own benchmark, else the fastest competitor's."""
        return self._bar(self.minutes_benchmark, self.fastest_competitor, "median_minutes", "fastest")

    def _bar(self, benchmark: Bar | None, leader, column: str, rank: str) -> Bar | None:
        if benchmark is not None:
            return benchmark
        return None if leader is None else Bar(float(leader[column]), leader["brand"], self._of(leader["brand"], rank))

    def title(self) -> str:
        """A short action title: the client's rate and speed against the best competitor's."""
        me, best = self.client_row, self.best_competitor
        if me is None:
            return "How the brand answers on social is unknown"
        text = f"{self.client} answers {me['response_rate']:.0f}% of posts"
        if has_times(me):
            text += f" in {wording.duration(me['median_minutes'])}"
        if best is not None:
            text += f"; {best['brand']} {best['response_rate']:.0f}%"
            if has_times(best):
                text += f" in {wording.duration(best['median_minutes'])}"
        return text

    def kpis(self) -> list[tuple[str, str, str]]:
        """KPI tiles: the client's answer rate and median time, and the best competitor's."""
        me, best = self.client_row, self.best_competitor
        tiles = []
        for who, row in (("We", me), (best["brand"] if best is not None else "", best)):
            if row is None:
                continue
            own = who == "We"
            rate_note = f"{row['answered']:,} of {row['mentions']:,} posts"
            if own and self.rate_benchmark is not None:
                rate_note += f" · benchmark {self.rate_benchmark.value:.0f}%"
            tiles.append(("We answer" if own else f"{who} answers", f"{row['response_rate']:.0f}%", rate_note))
            if has_times(row):
                time_note = f"median of {row['timed']:,} answers"
                if own and self.minutes_benchmark is not None:
                    time_note += f" · benchmark {wording.duration(self.minutes_benchmark.value)}"
                tiles.append(("Our median time" if own else f"{who}'s median time",
                              _unbroken(wording.duration(row["median_minutes"])), time_note))
        return tiles

    def for_report(self) -> pd.DataFrame:
        """The table as a client reads it."""
        t = self.table
        return pd.DataFrame({
            "Brand": t["brand"],
            "Posts about it": t["mentions"].map("{:,}".format),
            "Answered": [f"{r:.0f}% ({a:,})" for r, a in zip(t["response_rate"], t["answered"])],
            "Median time to answer": t["median_minutes"].map(wording.duration),
        })

    def _benchmarks(self) -> str:
        """' Your industry benchmark (source): 45% answered, in a median of 2 h.' when client.yml gives one."""
        parts = []
        if self.rate_benchmark is not None:
            parts.append(f"{self.rate_benchmark.value:.0f}% answered")
        if self.minutes_benchmark is not None:
            parts.append(f"a median of {wording.duration(self.minutes_benchmark.value)}")
        if not parts:
            return ""
        bar = self.rate_benchmark or self.minutes_benchmark
        return f" {bar.name[:1].upper()}{bar.name[1:]}: {' in '.join(parts)}."

    def headline(self) -> str:
        """The client's answer rate and speed against the best and the fastest competitor (and the
        client's own benchmark when client.yml gives one)."""
        me, best, fast = self.client_row, self.best_competitor, self.fastest_competitor
        unknown = ""
        if self.unknown:
            verb = "answers" if len(self.unknown) == 1 else "answer"
            unknown = (f" The export does not say whether {and_list(self.unknown)} {verb} the posts about "
                       f"{'it' if len(self.unknown) == 1 else 'them'}, so "
                       f"{'it is' if len(self.unknown) == 1 else 'they are'} not compared.")
        if me is None:
            return ("The social dataset has no posts about the client with an answered flag, so its "
                    "responsiveness is unknown." + unknown)
        text = f"{self.client} answers {me['response_rate']:.0f}% of the {me['mentions']:,} posts about it"
        if has_times(me):
            text += f", in a median of {wording.duration(me['median_minutes'])}"
        text += "."
        if best is not None:
            text += f" {best['brand']} answers {best['response_rate']:.0f}% of its {best['mentions']:,} posts"
            if has_times(best):
                text += f", in a median of {wording.duration(best['median_minutes'])}"
            text += "."
        if fast is not None and best is not None and fast["brand"] != best["brand"]:
            text += f" {fast['brand']} answers fastest, in a median of {wording.duration(fast['median_minutes'])}."
        text += self._benchmarks()
        if self.few:
            text += (f" Not compared, with fewer than {self.min_posts} posts whose answer is known: "
                     f"{and_list(self.few)}.")
        return text + unknown

    def figures(self, row: pd.Series) -> list[Figure]:
        """A brand's answer rate and median time, as figures."""
        brand = row["brand"]
        figures = [Figure(f"social posts about {brand} answered", row["response_rate"], "%",
                          f"social export: {row['mentions']:,} posts about {brand}")]
        if has_times(row):
            figures.append(Figure(f"median time to answer a social post about {brand}", row["median_minutes"] / 60,
                                  "hours", f"social export: {row['timed']:,} answers to posts about {brand}"))
        return figures

    def finding(self) -> Finding:
        """The client's answer rate and speed against the bar: the best competitor in its data, or
        the client's own industry benchmark."""
        me, best = self.client_row, self.best_competitor
        text = f"{self.client} answers {me['response_rate']:.0f}% of the {me['mentions']:,} posts about it"
        if has_times(me):
            text += f", in a median of {wording.duration(me['median_minutes'])}"
        figures = self.figures(me)
        if best is not None:
            text += f"; {self._of(best['brand'], 'best')} {answering(best)}"
            figures += self.figures(best)
        text += "."
        for bar, unit, quantity in ((self.rate_benchmark, "%", "social posts answered"),
                                    (self.minutes_benchmark, "hours", "median time to answer a social post")):
            if bar is not None:
                figures.append(Figure(f"{quantity}, industry benchmark", bar.value / (60 if unit == "hours" else 1),
                                      unit, bar.name))
        text += self._benchmarks()
        return Finding(text, tuple(figures), "cxlib.competition.social.responsiveness", "social")

    def behind(self) -> tuple[bool, bool]:
        """(answers fewer posts than the bar, answers more slowly than the bar)."""
        me, rate, speed = self.client_row, self.rate_bar(), self.speed_bar()
        fewer = rate is not None and me["response_rate"] < rate.value
        slower = speed is not None and has_times(me) and me["median_minutes"] > speed.value
        return fewer, slower

    def moves(self) -> list[Recommendation]:
        """Staff social care when the client answers fewer posts, or more slowly, than the bar (the
        best competitor, or the client's own benchmark); the first measure is the share answered,
        halfway to the bar, or when only speed lags the median time, halfway to the bar."""
        me = self.client_row
        fewer, slower = self.behind()
        if not (fewer or slower):
            return []
        rate, speed = self.rate_bar(), self.speed_bar()
        parts = []
        if fewer and slower and not rate.own and not speed.own and rate.name == speed.name:
            parts.append(f"{rate.subject} answers {rate.value:.0f}% in a median of {wording.duration(speed.value)}")
        else:
            if fewer:
                parts.append(f"{rate.subject} is {rate.value:.0f}% answered" if rate.own
                             else f"{rate.subject} answers {rate.value:.0f}%")
            if slower:
                parts.append(f"{speed.subject} is a median of {wording.duration(speed.value)}" if speed.own
                             else f"{speed.subject} answers in a median of {wording.duration(speed.value)}")
        why = f"You {answering(me, 'answer')}; " + "; ".join(parts) + "."
        if fewer:
            kpi = Kpi("Share of social posts answered", me["response_rate"],
                      round((me["response_rate"] + rate.value) / 2), "%",
                      f"halfway to {rate.name}" + ("" if rate.own else f"'s {rate.value:.0f}%"))
        else:
            kpi = Kpi("Median time to answer a social post", round(me["median_minutes"] / 60, 1),
                      round((me["median_minutes"] + speed.value) / 2 / 60, 1), "hours",
                      f"halfway to {speed.name}" + ("" if speed.own else f"'s {wording.duration(speed.value)}"),
                      higher_is_better=False)
        action = ("Staff social care to answer more posts, faster, complaints first" if fewer and slower
                  else "Staff social care to answer more of the posts, complaints first" if fewer
                  else "Staff social care to answer posts faster, complaints first")
        return [Recommendation(action=action, rationale=why, theme="social", impact="High",
                               effort="Medium", kpi=kpi)]


def answering(row: pd.Series, verb: str = "answers") -> str:
    """'answers 38% in a median of 4 h 20 min' (the time only when known)."""
    text = f"{verb} {row['response_rate']:.0f}%"
    return text + (f" in a median of {wording.duration(row['median_minutes'])}" if has_times(row) else "")


def has_times(row: pd.Series) -> bool:
    """Whether a brand's row of :class:`Responsiveness` carries a median time (it has at least the
    minimum of timed answers)."""
    return bool(pd.notna(row["median_minutes"]))


def responsiveness(social: pd.DataFrame, client: str, *, min_posts: int | None = None,
                   rate_benchmark=None, hours_benchmark=None) -> Responsiveness:
    """Response rate and median response time per brand.

    Parameters
    ----------
    social : the social dataset (brand, platform, posted_at, text, responded, responded_at).
    client : the client's name (matched case- and whitespace-insensitively).
    min_posts : a competitor's rate is shown on at least this many posts with a known answered
        flag, and any brand's time to answer on at least this many timed answers (default
        :data:`MIN_RATE_POSTS`).
    rate_benchmark, hours_benchmark : the client's own industry benchmarks from client.yml
        (``cx.config.benchmark(RATE_BENCHMARK)`` and ``(HOURS_BENCHMARK)``), or None; when given they
        replace the best competitor as the bar.
    """
    min_posts = MIN_RATE_POSTS if min_posts is None else min_posts
    data = _prepared(social)
    data["minutes"] = response_minutes(data)
    # A listening tool knows whether the client answered, rarely whether a competitor did: a blank
    # flag is unknown, so a brand is rated only on the posts whose flag is given, never as 0%.
    known = data["responded"].notna()
    unknown = tuple(sorted(set(data["brand"]) - set(data.loc[known, "brand"])))
    data = data[known].assign(responded=lambda d: d["responded"].eq(True))
    rows = []
    for brand, part in data.groupby("brand", sort=True):
        timed = part["minutes"].dropna()
        enough = len(timed) >= min_posts
        rows.append({
            "brand": brand, "mentions": len(part), "answered": int(part["responded"].sum()),
            "response_rate": 100 * part["responded"].mean(), "timed": len(timed),
            "median_minutes": float(timed.median()) if enough else np.nan,
            "within_2h": 100 * float((timed <= WITHIN_MINUTES).mean()) if enough else np.nan,
        })
    table = pd.DataFrame(rows, columns=["brand", "mentions", "answered", "response_rate", "timed",
                                        "median_minutes", "within_2h"])
    name = _client_name(data, client)
    table["is_client"] = table["brand"] == name
    thin = ~table["is_client"] & (table["mentions"] < min_posts)
    few = tuple(sorted(table.loc[thin, "brand"]))
    table = table[~thin].sort_values(["is_client", "response_rate", "brand"], ascending=[False, False, True],
                                     kind="stable").reset_index(drop=True)
    return Responsiveness(client=name, table=table, unknown=unknown, few=few, min_posts=min_posts,
                          rate_benchmark=client_benchmark(rate_benchmark, unit="%"),
                          minutes_benchmark=client_benchmark(hours_benchmark, unit="minutes"))


@dataclass(frozen=True)
class MentionTone:
    """Tone of the posts about each brand (:mod:`cxlib.text.sentiment`).

    ``table``: brand, mentions (posts with text), positive, neutral, negative (% of them), net
    (positive minus negative, points), is_client; most positive (by net) first.
    """

    client: str | None
    table: pd.DataFrame
    quotes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["quote", "attribution"]))
    unranked: tuple[str, ...] = ()
    min_posts: int = MIN_TONE_POSTS

    def title(self) -> str:
        """A short action title: where the client's tone ranks."""
        if self.client is None or not self.table["is_client"].any():
            return "What people say about each brand"
        me = self.table[self.table["is_client"]].iloc[0]
        rank = int((self.table["net"] > me["net"]).sum()) + 1
        if rank == 1:
            return f"People talk about {self.client} more positively than about any competitor"
        if rank == len(self.table):
            return f"People talk about {self.client} more negatively than about any competitor"
        return f"{self.client}'s tone ranks {rank} of {len(self.table)} brands"

    def headline(self) -> str:
        """The client's tone, its rank, and the most positive brand."""
        if self.client is None or not self.table["is_client"].any():
            few = f" (fewer than {self.min_posts} posts)" if self.client in self.unranked else ""
            return f"The social dataset has too few posts about the client{few}, so its tone is not ranked."
        me = self.table[self.table["is_client"]].iloc[0]
        rank = int((self.table["net"] > me["net"]).sum()) + 1
        place = ("the most positive" if rank == 1 else "the least positive" if rank == len(self.table)
                 else f"number {rank}")
        text = (f"The {me['mentions']:,} posts about {self.client} are {me['positive']:.0f}% positive and "
                f"{me['negative']:.0f}% negative (net {_net(me['net'])}, {place} of "
                f"{len(self.table)} brands).")
        top = self.table.iloc[0]
        if top["brand"] != self.client:
            text += (f" {top['brand']} is talked about most positively: {top['positive']:.0f}% "
                     f"positive, {top['negative']:.0f}% negative (net {_net(top['net'])}) of "
                     f"{top['mentions']:,} posts.")
        low = self.table.iloc[-1]
        if len(self.table) > 2 and low["brand"] != self.client:
            text += (f" {low['brand']} is talked about least positively: {low['positive']:.0f}% positive, "
                     f"{low['negative']:.0f}% negative (net {_net(low['net'])}) of {low['mentions']:,} posts.")
        if self.unranked:
            text += (f" Not ranked, with fewer than {self.min_posts} posts: "
                     + ", ".join(self.unranked) + ".")
        return text

    def _figures(self, row: pd.Series, *, net_only: bool = False) -> list[Figure]:
        population = f"social export: {row['mentions']:,} posts with text about {row['brand']}"
        net = Figure(f"net tone of social posts about {row['brand']}", row["net"], "points", population)
        if net_only:
            return [net]
        return [Figure(f"positive social posts about {row['brand']}", row["positive"], "%", population),
                Figure(f"negative social posts about {row['brand']}", row["negative"], "%", population), net]

    def finding(self, elsewhere: NamedElsewhere | None = None) -> Finding:
        """The client's tone against the most positive brand's, and the posts about competitors that
        name the client (``elsewhere``), in one sentence with its figures."""
        mine = self.table[self.table["is_client"]].iloc[0]
        text = (f"Posts about {self.client} are {mine['positive']:.0f}% positive and "
                f"{mine['negative']:.0f}% negative (net {_net(mine['net'])})")
        figures = self._figures(mine)
        top = self.table.iloc[0]
        if top["brand"] != self.client:
            best = f", the most positive of {len(self.table)} brands" if len(self.table) > 2 else ""
            text += f" against net {_net(top['net'])} for {top['brand']}{best}"
            figures += self._figures(top, net_only=True)
        if elsewhere is not None and elsewhere.clause():
            text += f"; {elsewhere.clause()}"
            figures += elsewhere.figures()
        return Finding(text + ".", tuple(figures), "cxlib.competition.social.mention_tone", "competition")


def _net(value: float) -> str:
    """Net tone with its sign: +50, −20, 0."""
    return wording.signed(value, 0)


def mention_tone(social: pd.DataFrame, client: str, *, min_posts: int | None = None) -> MentionTone:
    """Share of positive, neutral and negative posts per brand (VADER compound, cut-offs ±0.05,
    brand names masked and service-failure language scored: :mod:`cxlib.text.sentiment`).

    Parameters
    ----------
    social : the social dataset; posts without text are left out.
    client : the client's name.
    min_posts : brands with fewer posts are not ranked (default :data:`MIN_TONE_POSTS`).

    Returns
    -------
    MentionTone
        The ranked brands, the brands too thin to rank, and two posts behind the finding (the
        most positive post about the best-rated brand and the most negative about the client),
        so a reader can check the tone against what people wrote.
    """
    min_posts = MIN_TONE_POSTS if min_posts is None else min_posts
    data = _prepared(social)
    # every brand's name is masked, so a brand called "Swift" is not praised by its own name
    names = [*data["brand"].dropna().unique(), client]
    data["score"] = sentiment.compound(data["text"], names=names)
    data["tone"] = sentiment.tone(data["score"])
    data = data[data["tone"].notna()]
    name = _client_name(data, client)
    counts = data.groupby("brand").size()
    unranked = tuple(sorted(counts[counts < min_posts].index))
    data = data[~data["brand"].isin(unranked)]
    shares = pd.crosstab(data["brand"], data["tone"], normalize="index") * 100
    shares = shares.reindex(columns=["positive", "neutral", "negative"], fill_value=0.0)
    table = shares.reset_index()
    table.columns.name = None
    table.insert(1, "mentions", data.groupby("brand").size().reindex(table["brand"]).to_numpy())
    table["net"] = table["positive"] - table["negative"]
    table["is_client"] = table["brand"] == name
    table = table.sort_values(["net", "brand"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return MentionTone(client=name, table=table, quotes=_tone_quotes(data, table, name), unranked=unranked,
                       min_posts=min_posts)


def _tone_quotes(data: pd.DataFrame, table: pd.DataFrame, client: str | None) -> pd.DataFrame:
    picks = []
    if len(table):
        top = data[data["brand"] == table.iloc[0]["brand"]]
        picks.append((top.loc[top["score"].idxmax()], "most positive post about"))
    if client is not None and (data["brand"] == client).any():
        mine = data[data["brand"] == client]
        picks.append((mine.loc[mine["score"].idxmin()], "most negative post about"))
    rows = [(redact(row["text"]), f"The {what} {row['brand']}, {row['platform']}") for row, what in picks]
    return pd.DataFrame(rows, columns=["quote", "attribution"]).drop_duplicates("quote")


@dataclass(frozen=True)
class NamedElsewhere:
    """Posts about competitors that name the client: comparisons and customers switching.

    ``table``: per competitor, brand, mentions, naming_client, share (% of its posts naming the
    client), switching (of those, posts that talk about leaving or switching).
    ``posts``: those posts (brand, platform, posted_at, text with personal data removed,
    switching), newest first.
    """

    client: str
    table: pd.DataFrame
    posts: pd.DataFrame
    min_posts: int = MIN_RATE_POSTS

    def quotes(self, k: int = 3) -> list[tuple[str, str]]:
        """Up to ``k`` distinct posts (most repeated first) as (text, 'brand, platform')."""
        if self.posts.empty:
            return []
        counts = self.posts["text"].value_counts(sort=False)
        order = sorted(counts.index, key=lambda t: (-counts[t], t))[:k]
        firsts = self.posts.drop_duplicates("text").set_index("text")
        return [(t, f"Post about {firsts.loc[t, 'brand']}, {firsts.loc[t, 'platform']}") for t in order]

    def examples(self) -> pd.DataFrame:
        """:meth:`quotes` as a frame of quote and attribution, for the report."""
        return pd.DataFrame(self.quotes(3), columns=["quote", "attribution"])

    def clause(self) -> str:
        """The finding as part of a longer sentence ("12 posts about Joy name Fernway Home, all of
        them about leaving or switching"), or "" when no post about a competitor names the client."""
        if self.table.empty or not self.table["naming_client"].iloc[0]:
            return ""
        first = self.table.iloc[0]
        text = f"{first['naming_client']:,} posts about {first['brand']} name {self.client}"
        if first["switching"]:
            which = ("all of them" if first["switching"] == first["naming_client"]
                     else f"{first['switching']:,} of them")
            text += f", {which} about leaving or switching"
        return text

    def figures(self) -> list[Figure]:
        """The figures of :meth:`clause`: the posts about the first competitor that name the client,
        and those about leaving or switching."""
        if not self.clause():
            return []
        first = self.table.iloc[0]
        population = f"social export: {first['mentions']:,} posts about {first['brand']}"
        figures = [Figure(f"social posts about {first['brand']} naming {self.client}", first["naming_client"], "",
                          population)]
        if first["switching"] and first["switching"] != first["naming_client"]:
            figures.append(Figure(f"social posts about {first['brand']} naming {self.client} about leaving or "
                                  "switching", first["switching"], "", population))
        return figures

    def headline(self) -> str:
        if self.table.empty or self.table["naming_client"].sum() == 0:
            return f"No post about a competitor names {self.client}."
        top = self.table.iloc[0]
        share = f" ({top['share']:.0f}%)" if top["mentions"] >= self.min_posts else ""
        text = (f"{top['naming_client']:,} of the {top['mentions']:,} posts about {top['brand']}"
                f"{share} name {self.client}")
        if top["switching"]:
            who = ("every one of them" if top["switching"] == top["naming_client"]
                   else f"{top['switching']:,} of them")
            text += f"; {who} talks about leaving or switching"
        return text + "."


def named_elsewhere(social: pd.DataFrame, client: str, *, aliases=(), min_posts: int | None = None
                    ) -> NamedElsewhere:
    """Posts about other brands that mention the client by name.

    Parameters
    ----------
    social : the social dataset.
    client : the client's name; matched as a whole phrase, any case, any spacing.
    aliases : other names customers use for the client (e.g. a short form).
    min_posts : a brand's share of posts naming the client is stated on at least this many posts
        about it (default :data:`MIN_RATE_POSTS`).
    """
    data = _prepared(social)
    names = [client, *aliases]
    pattern = re.compile("|".join(r"\b" + r"\s+".join(map(re.escape, n.split())) + r"\b"
                                  for n in names if n.strip()), re.IGNORECASE)
    # each distinct text is searched once: posts repeat (shares, templates), brands repeat a lot
    others = data[each_value(data["brand"], brand_key) != brand_key(client)].copy()
    others["names_client"] = each_value(others["text"], lambda t: isinstance(t, str) and bool(pattern.search(t)))
    others["switching"] = others["names_client"] & each_value(
        others["text"], lambda t: isinstance(t, str) and bool(SWITCH_WORDS.search(t)))
    table = (others.groupby("brand").agg(mentions=("brand", "size"), naming_client=("names_client", "sum"),
                                         switching=("switching", "sum"))
             .reset_index())
    table[["naming_client", "switching"]] = table[["naming_client", "switching"]].astype(int)
    table["share"] = 100 * table["naming_client"] / table["mentions"]
    table = table[["brand", "mentions", "naming_client", "share", "switching"]]
    table = table.sort_values(["naming_client", "brand"], ascending=[False, True], kind="stable")
    posts = others[others["names_client"]].sort_values("posted_at", ascending=False, kind="stable")
    posts = (posts[["brand", "platform", "posted_at", "text", "switching"]]
             .assign(text=lambda d: each_value(d["text"], redact)))
    return NamedElsewhere(client=client, table=table.reset_index(drop=True),
                          posts=posts.reset_index(drop=True),
                          min_posts=MIN_RATE_POSTS if min_posts is None else min_posts)
