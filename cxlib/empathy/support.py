"""Empathy in support replies, whether it pays in CSAT, and how fast customers hear back.

Each agent reply is read for five moves of an empathetic answer:

- *acknowledges* the customer's situation ("Thanks for letting us know", "I can see why");
- *apologises* ("sorry", "I apologise");
- *takes ownership*, in the first person ("I've refunded", "I'll", "let me");
- *reassures* about what happens next ("You'll see it within three days", "I'll text you");
- *mirrors* the customer's own words: at least half of the content words of the customer's text
  (stopwords, numbers, contact details left out) come back in the reply.

The empathy score of a reply is 20 points per move (0-100). The *full pattern* is a reply that
acknowledges, takes ownership and reassures: the three moves that tell a customer "I heard you, I
own this, here is what happens next".
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from cxlib.empathy import lexicons
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation
from cxlib.text.pii import find_pii, redact
from cxlib.text.sentiment import compound
from cxlib.wording import chance, duration, percent, range95

# The channel targets, their vocabulary and the judgement against them are step 4's
# (cxlib.omnichannel), imported where used: cxlib.omnichannel reaches back to this package.
if TYPE_CHECKING:
    from cxlib.omnichannel.speed import SpeedResult

MOVES = ("acknowledges", "apologises", "takes_ownership", "reassures", "mirrors")
MOVE_LABELS = {"acknowledges": "Acknowledges", "apologises": "Apologises",
               "takes_ownership": "Takes ownership", "reassures": "Reassures",
               "mirrors": "Mirrors the customer's words"}
POINTS_PER_MOVE = 20
MIRROR_AT = 0.5  # share of the customer's content words the reply repeats
FULL = "Acknowledges, owns and reassures"
PARTIAL = "Some moves, not all three"
NONE = "None of the five moves"
LEVELS = (NONE, PARTIAL, FULL)
WITHIN_MINUTES = 60
# (above, up to and including, label) in minutes.
RESPONSE_BANDS = ((-math.inf, 60, "Within an hour"), (60, 480, "1 to 8 hours"),
                  (480, math.inf, "Over 8 hours"))
FAST_BAND, SLOW_BAND = RESPONSE_BANDS[0][2], RESPONSE_BANDS[-1][2]
# Rated tickets needed on each side of a CSAT comparison (full pattern or not, fast or slow answer):
# below 30 a mean of 1-5 ratings moves by a tenth of a point with a single ticket.
MIN_PER_SIDE = 30
LEVEL_NAMES = {"level": "Reply", "rated": "Rated tickets", "csat": "Average CSAT", "low": "95% range from",
               "high": "95% range to"}


def _numbers(tickets: pd.DataFrame, column: str) -> np.ndarray:
    """An optional numeric column as floats; all missing when the client's export lacks it."""
    if column not in tickets:
        return np.full(len(tickets), np.nan)
    return pd.to_numeric(tickets[column], errors="coerce").to_numpy(float)


def full_pattern(replies: pd.Series) -> pd.Series:
    """Whether each reply acknowledges, takes ownership and reassures (the full pattern)."""
    moves = [lexicons.EMPATHY_MOVES[m] for m in ("acknowledges", "takes_ownership", "reassures")]
    return pd.Series(lexicons.per_text(replies, lambda r: all(lexicons.count_terms(r, terms) > 0 for terms in moves),
                                       missing=False).astype(bool), index=replies.index, dtype=bool)


def response_band(minutes: pd.Series) -> pd.Series:
    """The band of :data:`RESPONSE_BANDS` each first-response time falls in (missing stays missing)."""
    minutes = pd.to_numeric(minutes, errors="coerce")
    band = pd.Series(pd.NA, index=minutes.index, dtype=object)
    for lo, hi, name in RESPONSE_BANDS:
        band[(minutes > lo) & (minutes <= hi)] = name
    return band


def mirroring(customer_text: str, reply: str) -> float:
    """Share of the customer's content words that the reply repeats (NaN when there are none).

    Contact details are removed from the customer's text first, so an e-mail address does not
    count as words the agent failed to repeat.
    """
    if not isinstance(customer_text, str) or not isinstance(reply, str):
        return float("nan")
    for pii in find_pii(customer_text):
        customer_text = customer_text.replace(pii, " ")
    theirs = lexicons.content_words(customer_text)
    if not theirs:
        return float("nan")
    return len(theirs & lexicons.content_words(reply)) / len(theirs)


def _mirroring_per_pair(customer_texts: pd.Series, replies: pd.Series) -> np.ndarray:
    """:func:`mirroring` of each ticket, computed once per distinct (customer text, reply) pair."""
    theirs, their_texts = pd.factorize(customer_texts.to_numpy(dtype=object), use_na_sentinel=True)
    ours, our_texts = pd.factorize(replies.to_numpy(dtype=object), use_na_sentinel=True)
    # A pair's number; a missing side (code -1) gets a code of its own and gives NaN below.
    pairs, first = np.unique((theirs + 1) * (len(our_texts) + 1) + (ours + 1), return_inverse=True)
    customer = np.append(np.asarray(their_texts, dtype=object), None)  # code -1 -> None
    reply = np.append(np.asarray(our_texts, dtype=object), None)
    values = np.array([mirroring(customer[p // (len(our_texts) + 1) - 1], reply[p % (len(our_texts) + 1) - 1])
                       for p in pairs], dtype=float)
    return values[first.ravel()]


def score_replies(tickets: pd.DataFrame, *, names: Sequence[str] = ()) -> pd.DataFrame:
    """Read every agent reply for the five moves and score it.

    Parameters
    ----------
    tickets : the tickets dataset (ticket_id, channel, agent_id, customer_text, agent_reply, and
        the optional first_response_minutes and csat, missing when absent).
    names : the client's and competitors' names, masked before the tone is read
        (:func:`cxlib.text.sentiment.compound`).

    Returns
    -------
    pd.DataFrame
        One row per ticket: ticket_id, channel, agent_id, first_response_minutes, csat, the five
        move flags, mirroring (0-1), moves (0-5), empathy_score (0-100), full_pattern, level
        (one of :data:`LEVELS`) and tone (VADER compound of the reply). No free text.
    """
    replies = tickets["agent_reply"]
    out = pd.DataFrame({
        "ticket_id": tickets["ticket_id"].to_numpy(),
        "channel": tickets["channel"].to_numpy(),
        "agent_id": tickets["agent_id"].to_numpy(),
        "first_response_minutes": _numbers(tickets, "first_response_minutes"),
        "csat": _numbers(tickets, "csat"),
    })
    for move, terms in lexicons.EMPATHY_MOVES.items():
        out[move] = lexicons.per_text(replies, lambda r: lexicons.count_terms(r, terms) > 0,
                                      missing=False).astype(bool)
    out["mirroring"] = _mirroring_per_pair(tickets["customer_text"], replies)
    out["mirrors"] = out["mirroring"].fillna(0) >= MIRROR_AT
    out["moves"] = out[list(MOVES)].sum(axis=1).astype(int)
    out["empathy_score"] = POINTS_PER_MOVE * out["moves"].astype(float)
    out["full_pattern"] = out["acknowledges"] & out["takes_ownership"] & out["reassures"]
    out["level"] = np.select([out["full_pattern"], out["moves"] > 0], [FULL, PARTIAL], NONE)
    out["tone"] = compound(replies.reset_index(drop=True), names=names).to_numpy()
    return out


def move_shares(scored: pd.DataFrame) -> pd.DataFrame:
    """Share of replies making each move, and of full-pattern replies.

    Returns
    -------
    pd.DataFrame
        move (label), replies, with_move, share (%), in the order of :data:`MOVES`, then the
        full pattern.
    """
    n = len(scored)
    rows = [(MOVE_LABELS[m], n, int(scored[m].sum())) for m in MOVES]
    rows.append((FULL, n, int(scored["full_pattern"].sum())))
    table = pd.DataFrame(rows, columns=["move", "replies", "with_move"])
    table["share"] = 100 * table["with_move"] / n if n else np.nan
    return table


def mean_interval(values: pd.Series, level: float = 0.95) -> tuple[float, float, float]:
    """Mean of the non-missing values with its t interval: (mean, low, high); NaN where undefined."""
    values = values.dropna().astype(float)
    n = len(values)
    if n == 0:
        return (np.nan, np.nan, np.nan)
    mean = float(values.mean())
    if n < 2:
        return (mean, np.nan, np.nan)
    half = stats.t.ppf(0.5 + level / 2, n - 1) * values.std(ddof=1) / math.sqrt(n)
    return (mean, mean - half, mean + half)


@dataclass(frozen=True)
class CsatLink:
    """Does empathy relate to ticket CSAT? Raw and adjusted for first-response time."""

    levels: pd.DataFrame   # level, rated, csat, low, high
    lift: float            # mean CSAT, full pattern minus the rest
    lift_low: float
    lift_high: float
    lift_p: float
    adjusted: float        # full-pattern coefficient at equal first-response time
    adjusted_low: float
    adjusted_high: float
    adjusted_p: float
    per_log_hour: float    # CSAT change per unit of log(1 + first response in hours)
    rated: int             # tickets with CSAT (and a first-response time for the adjusted model)
    level: float = 0.95

    @property
    def significant(self) -> bool:
        return bool(self.adjusted_p < 1 - self.level)

    def _gap(self) -> str:
        """"0.8 higher" or "0.3 lower": the difference at equal wait, one decimal as CSAT is printed."""
        size = f"{abs(self.adjusted):.1f}"
        if float(size) == 0:
            return "no higher"
        return f"{size} {'higher' if self.adjusted > 0 else 'lower'}"

    def finding(self, replies: ReplyReading) -> Finding:
        """The ticket rating of full-pattern replies against the rest's at equal first-response time,
        worded as an association, and the share of replies that have the pattern. The difference's
        95% range goes with its figure, for the report's "Where each number comes from"."""
        full = replies.full_share
        if self.significant:
            text = (f"Tickets whose reply acknowledges, takes ownership and reassures are rated {self._gap()} "
                    f"(1-5 scale) than others answered after the same wait, across {self.rated:,} rated "
                    f"tickets; only {percent(full / 100)} of replies do all three.")
        else:
            text = (f"Tickets whose reply acknowledges, takes ownership and reassures are rated no differently "
                    f"from others answered after the same wait, beyond what chance alone produces "
                    f"({self.rated:,} rated tickets); {percent(full / 100)} of replies do all three.")
        rated = f"rated support tickets with a first-response time (n = {self.rated:,})"
        quantity = "ticket CSAT difference, full-pattern replies vs the rest, at equal first response (1-5 scale)"
        return Finding(text, (
            Figure(quantity, self.adjusted, "", rated, low=self.adjusted_low, high=self.adjusted_high),
            Figure("rated tickets in the model", self.rated, "tickets", rated),
            replies.full_figure()), source="cxlib.empathy.support.empathy_csat", theme="empathy")

    def recommendation(self, replies: ReplyReading, target: float | None = None,
                       basis: str = "") -> Recommendation | None:
        """Make the full pattern the standard reply, when it goes with a higher rating."""
        if not self.significant or self.adjusted <= 0:
            return None
        return Recommendation(
            action="Make acknowledge, own, reassure the standard shape of every support reply",
            rationale=(f"Tickets with replies of that shape are rated {self._gap()} at the same wait; only "
                       f"{percent(replies.full_share / 100)} of replies have it today."),
            theme="empathy", impact="High", effort="Low",
            kpi=Kpi("Replies that acknowledge, own and reassure", replies.full_share, target, "%", basis))

    def table(self) -> pd.DataFrame:
        """Ticket CSAT by empathy of the reply, with client-facing column names."""
        return self.levels.rename(columns=LEVEL_NAMES)

    def title(self) -> str:
        """Action title for the CSAT-by-empathy exhibit: what goes with what, never "worth"."""
        if not self.significant:
            return "Empathetic replies and ticket ratings: no difference beyond chance"
        return f"Tickets with acknowledge, own, reassure replies are rated {self._gap()}"

    def headline(self) -> str:
        """Both ratings, and the difference at the same wait with its 95% range, in words."""
        table = self.levels.set_index("level")
        full, rest = table.loc[FULL], self.levels[self.levels["level"] != FULL]
        rest_mean = float((rest["csat"] * rest["rated"]).sum() / rest["rated"].sum())
        low, high = self.adjusted_low, self.adjusted_high
        spread = range95(low, high, digits=1)
        return (f"Tickets whose reply acknowledges, takes ownership and reassures are rated "
                f"{full['csat']:.1f} out of 5, the rest {rest_mean:.1f}. Among tickets answered after the "
                f"same wait they are rated {self._gap()}, {spread}: "
                f"{chance(self.adjusted_p, 1 - self.level)} ({self.rated:,} rated tickets).")


def empathy_csat(scored: pd.DataFrame, *, level: float = 0.95) -> CsatLink:
    """Ticket CSAT by empathy level, the full pattern's lift, and the lift at equal response time.

    The adjusted lift is the coefficient of the full pattern in an ordinary least-squares
    regression ``csat ~ full_pattern + log(1 + first response in hours)`` with heteroskedasticity-
    robust (HC3) standard errors, on the rated tickets with a first-response time.

    Parameters
    ----------
    scored : :func:`score_replies` output.
    level : confidence level of the intervals.

    Raises
    ------
    ValueError
        When fewer than :data:`MIN_PER_SIDE` rated tickets are on either side of the full pattern
        (the section's needs, ``cxlib.sections.CSAT_LINK``, keep a report from getting here).
    """
    rated = scored[scored["csat"].notna()]
    full, rest = rated.loc[rated["full_pattern"], "csat"], rated.loc[~rated["full_pattern"], "csat"]
    if len(full) < MIN_PER_SIDE or len(rest) < MIN_PER_SIDE:
        raise ValueError(f"too few rated tickets to compare: {len(full)} with the full pattern, "
                         f"{len(rest)} without ({MIN_PER_SIDE} each needed)")
    rows = []
    for name in LEVELS:
        mean, low, high = mean_interval(rated.loc[rated["level"] == name, "csat"], level)
        rows.append((name, int((rated["level"] == name).sum()), mean, low, high))
    levels = pd.DataFrame(rows, columns=["level", "rated", "csat", "low", "high"])
    levels = levels[levels["rated"] > 0].reset_index(drop=True)

    welch = stats.ttest_ind(full, rest, equal_var=False)
    ci = welch.confidence_interval(confidence_level=level)
    model_data = rated[rated["first_response_minutes"].notna()]
    x = pd.DataFrame({"full_pattern": model_data["full_pattern"].astype(float),
                      "log_hours": np.log1p(model_data["first_response_minutes"] / 60)})
    import statsmodels.api as sm  # imported here: the slowest import of step 5, and only this model needs it

    fit = sm.OLS(model_data["csat"].astype(float), sm.add_constant(x)).fit(cov_type="HC3")
    bounds = fit.conf_int(alpha=1 - level).loc["full_pattern"]
    return CsatLink(
        levels=levels, lift=float(full.mean() - rest.mean()), lift_low=float(ci.low),
        lift_high=float(ci.high), lift_p=float(welch.pvalue),
        adjusted=float(fit.params["full_pattern"]), adjusted_low=float(bounds.iloc[0]),
        adjusted_high=float(bounds.iloc[1]), adjusted_p=float(fit.pvalues["full_pattern"]),
        per_log_hour=float(fit.params["log_hours"]), rated=int(fit.nobs), level=level)


@dataclass(frozen=True)
class ResponseSpeed:
    """How fast customers hear back, by channel (``by_band`` feeds :class:`WaitCost`).

    ``targets`` judges every channel's tickets against its target in the channel list, the one
    source of response targets (:func:`cxlib.omnichannel.speed.response_speed`; a channel the list
    sets no target for is held to its default, a working day). The hour of ``within_hour`` and
    ``share`` describes how fast customers hear back; it is no target.
    """

    by_channel: pd.DataFrame  # channel, tickets, answered, median_minutes, within_hour, share, low, high
    by_band: pd.DataFrame     # band, rated, csat, low, high
    answered: int
    within_hour: int
    targets: SpeedResult | None = None

    @property
    def tickets(self) -> int:
        """Tickets with a channel, answered or not."""
        return int(self.targets.table["contacts"].sum()) if self.targets is not None else self.answered

    @property
    def in_target(self) -> float:
        """Share (%) of tickets answered within their channel's target; a ticket never answered missed it."""
        if self.targets is None or self.targets.table.empty:
            return float("nan")
        table = self.targets.table
        return 100 * float(table["in_time"].sum() / table["contacts"].sum())

    def late(self) -> pd.DataFrame:
        """Channels with enough tickets that answer fewer than half of them within their target."""
        from cxlib.omnichannel import speed as channel_speed
        from cxlib.omnichannel.channels import MIN_CASES

        if self.targets is None:
            return pd.DataFrame(columns=channel_speed.COLUMNS)
        t = self.targets.table
        return t[(t["contacts"] >= MIN_CASES) & (t["in_time_share"] < channel_speed.MISSING_BADLY)]

    def slowest(self) -> pd.Series | None:
        """The channel with the longest median first response (of those with enough tickets)."""
        from cxlib.omnichannel.channels import MIN_CASES

        if self.targets is None:
            return None
        t = self.targets.table[(self.targets.table["contacts"] >= MIN_CASES) & self.targets.table["answered"].gt(0)]
        return t.loc[t["median_minutes"].idxmax()] if len(t) else None

    def finding(self, wait: WaitCost | None = None) -> Finding:
        """The share of tickets answered within their channel's target, the channel furthest off it,
        the slowest channel's median and, when rated, how the ticket rating goes with the wait."""
        from cxlib.omnichannel.channels import in_text

        pop = f"support tickets (n = {self.tickets:,})"
        figures = [Figure("tickets answered within their channel's target", self.in_target, "%", pop)]
        text = (f"{percent(self.in_target / 100)} of {self.tickets:,} support tickets get a first response within "
                f"their channel's target")
        worst = self.targets.worst if self.targets is not None else None
        if worst is not None:
            figures.append(Figure(f"answered within target, {in_text(worst['channel'])}",
                                  100 * worst["in_time_share"], "%", _ticket_population(worst)))
            text += (f"; {in_text(worst['channel'])} meets its {duration(worst['target_minutes'])} target for "
                     f"{percent(worst['in_time_share'])} of {int(worst['contacts']):,}")
        slow = self.slowest()
        if slow is not None:
            figures.append(Figure(f"first response, {in_text(slow['channel'])} (median)",
                                  slow["median_minutes"] / 60, "hours", _ticket_population(slow, answered=True)))
            if worst is not None and slow["channel"] == worst["channel"]:
                text += f", with a median wait of {duration(slow['median_minutes'])}"
            else:
                text += (f"{',' if worst is not None else ';'} and {in_text(slow['channel'])}'s median wait is "
                         f"{duration(slow['median_minutes'])}")
        text += "."
        if wait is not None:
            text += wait.clause(figures)
        return Finding(text, tuple(figures), source="cxlib.omnichannel.speed.response_speed", theme="speed")

    def recommendation(self) -> Recommendation | None:
        """Answer the channels that miss their targets in time; None when none does."""
        from cxlib.omnichannel import speed as channel_speed
        from cxlib.omnichannel.channels import MIN_CASES, in_text, join_labels

        late = self.late()
        if late.empty:
            return None
        t = self.targets.table
        on_time = t[(t["contacts"] >= MIN_CASES) & (t["in_time_share"] >= channel_speed.MISSING_BADLY)]
        baseline = 100 * float(late["in_time"].sum() / late["contacts"].sum())
        best = on_time.loc[on_time["in_time_share"].idxmax()] if len(on_time) else None
        targets = ", ".join(f"{in_text(r.channel)} {duration(r.target_minutes)}" for r in late.itertuples())
        return Recommendation(
            action=f"Answer {join_labels(late['channel'], 'and')} tickets within the channel list's targets ({targets})",
            rationale=(f"Only {baseline:.0f}% of their {int(late['contacts'].sum()):,} tickets get a first response "
                       "within target today."),
            theme="speed", impact="High", effort="High",
            kpi=Kpi(f"First response within target ({join_labels(late['channel'], 'and')})", baseline,
                    None if best is None else 100 * float(best["in_time_share"]), "%",
                    "the channel list's targets" if best is None else
                    f"what {in_text(best['channel'])} achieves against its own target today",
                    higher_is_better=True))

    @property
    def against_targets(self) -> pd.DataFrame:
        """Each channel's tickets against its own target, for the chart and the table: channel (as a
        sentence writes it), tickets, answered, target_minutes, median_minutes, share (% of tickets
        answered within the target; a ticket never answered missed it); the best channel first."""
        from cxlib.omnichannel.channels import in_text

        columns = ["channel", "tickets", "answered", "target_minutes", "median_minutes", "share"]
        if self.targets is None or self.targets.table.empty:
            return pd.DataFrame(columns=columns)
        t = self.targets.table
        frame = pd.DataFrame({"channel": [in_text(c) for c in t["channel"]], "tickets": t["contacts"].astype(int),
                              "answered": t["answered"].astype(int), "target_minutes": t["target_minutes"],
                              "median_minutes": t["median_minutes"], "share": 100 * t["in_time_share"]})
        return frame.sort_values(["share", "channel"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def table(self) -> pd.DataFrame:
        """First response by channel against its own target, with client-facing column names."""
        frame = self.against_targets
        return pd.DataFrame({"Channel": frame["channel"], "Tickets": frame["tickets"],
                             "Target": [duration(m) for m in frame["target_minutes"]],
                             "Median wait": [duration(m) if pd.notna(m) else "–" for m in frame["median_minutes"]],
                             "Within target (%)": frame["share"]})

    @property
    def share(self) -> float:
        """Share (%) of answered tickets with a first response within :data:`WITHIN_MINUTES` (a
        description of the wait, kept for the record; the report judges speed by the targets)."""
        return 100 * self.within_hour / self.answered if self.answered else float("nan")

    def title(self) -> str:
        """Action title for the first-response exhibit: the channels that miss their own target."""
        from cxlib.omnichannel.channels import join_labels

        late = self.late()
        if self.targets is None or self.targets.table.empty:
            return "First response by channel"
        if late.empty:
            return "Every channel answers most of its tickets within its own target"
        names = join_labels(late["channel"], "and")
        return (f"{names[:1].upper() + names[1:]} answer{'s' if len(late) == 1 else ''} fewer than half "
                f"{'its' if len(late) == 1 else 'their'} tickets within target")

    def headline(self) -> str:
        """The finding's sentence without the rating clause (the wait table has its own)."""
        return self.finding().text


@dataclass(frozen=True)
class WaitCost:
    """Ticket CSAT by how long the customer waited for the first response."""

    by_band: pd.DataFrame  # band, rated, csat, low, high

    def _band(self, name: str) -> pd.Series:
        return self.by_band.set_index("band").loc[name]

    def title(self) -> str:
        return "Waiting for the first answer goes with a lower ticket rating"

    def clause(self, figures: list[Figure]) -> str:
        """" Tickets answered within an hour are rated 4.1, those waiting over 8 hours 3.2.",
        a sentence of its own, when both bands have enough rated tickets (their figures are added to
        ``figures``); else ""."""
        fast, slow = self._band(FAST_BAND), self._band(SLOW_BAND)
        if min(fast["rated"], slow["rated"]) < MIN_PER_SIDE:
            return ""
        figures += [Figure("ticket CSAT, first response within an hour", fast["csat"], "of 5",
                           f"rated support tickets answered within an hour (n = {int(fast['rated']):,})"),
                    Figure("ticket CSAT, first response after more than 8 hours", slow["csat"], "of 5",
                           f"rated support tickets answered after more than 8 hours (n = {int(slow['rated']):,})")]
        return (f" Tickets answered within an hour are rated {fast['csat']:.1f}, those waiting over 8 hours "
                f"{slow['csat']:.1f}.")

    def headline(self) -> str:
        fast, slow = self._band(FAST_BAND), self._band(SLOW_BAND)
        rated = self.by_band[self.by_band["rated"] >= MIN_PER_SIDE]
        if fast["rated"] < MIN_PER_SIDE or slow["rated"] < MIN_PER_SIDE:
            best, worst = rated.loc[rated["csat"].idxmax()], rated.loc[rated["csat"].idxmin()]
            return (f"Tickets answered {str(best['band']).lower()} are rated {best['csat']:.1f} out of 5, "
                    f"those answered {str(worst['band']).lower()} {worst['csat']:.1f}.")
        return (f"Customers answered within an hour rate the ticket {fast['csat']:.1f} out of 5, those "
                f"who waited over 8 hours {slow['csat']:.1f}.")

    def table(self) -> pd.DataFrame:
        """Ticket CSAT by time to the first response, with client-facing column names."""
        return self.by_band[self.by_band["rated"] > 0].rename(columns={**LEVEL_NAMES, "band": "First response"})


def csat_by_wait(tickets: pd.DataFrame, *, level: float = 0.95) -> WaitCost:
    """Mean ticket CSAT with its t interval in each band of :data:`RESPONSE_BANDS`.

    Parameters
    ----------
    tickets : first_response_minutes and csat.
    level : confidence level.
    """
    return WaitCost(response_speed(tickets, level=level).by_band)


def _ticket_population(row: pd.Series, *, answered: bool = False) -> str:
    """A channel's tickets as a figure's population, worded as step 4 words them when it reads the
    tickets (:meth:`cxlib.omnichannel.speed.SpeedResult.finding`), so one fact has one key:
    "support tickets, email (n = 433)", or "support tickets, email tickets answered (n = 423)"."""
    from cxlib.omnichannel.channels import in_text

    name = in_text(row["channel"])
    if answered:
        return f"support tickets, {name} tickets answered (n = {int(row['answered']):,})"
    return f"support tickets, {name} (n = {int(row['contacts']):,})"


def response_speed(tickets: pd.DataFrame, *, channels: pd.DataFrame | None = None,
                   within: float = WITHIN_MINUTES, level: float = 0.95) -> ResponseSpeed:
    """First-response time by channel (share answered within ``within`` minutes, Wilson CI) and
    ticket CSAT by response band.

    Parameters
    ----------
    tickets : channel, first_response_minutes and, when the client has it, csat
        (``score_replies`` output works too).
    channels : the channels dataset; its ``target_response_minutes`` are the targets each
        channel's tickets are judged against (:func:`cxlib.omnichannel.speed.response_speed`);
        None holds every channel to the default target.
    within : the minutes ``within_hour`` counts (an hour: a description, not a target).
    level : confidence level.
    """
    frame = pd.DataFrame({"channel": tickets["channel"].to_numpy(),
                          "frt": _numbers(tickets, "first_response_minutes"),
                          "csat": _numbers(tickets, "csat")})
    rows = []
    for channel, group in frame.groupby("channel", sort=True):
        answered = group["frt"].dropna()
        if answered.empty:  # a channel without response times says nothing about speed
            continue
        k = int((answered <= within).sum())
        low, high = (proportion_confint(k, len(answered), alpha=1 - level, method="wilson")
                     if len(answered) else (np.nan, np.nan))
        rows.append((channel, len(group), len(answered), float(answered.median()), k,
                     100 * k / len(answered) if len(answered) else np.nan, 100 * low, 100 * high))
    by_channel = pd.DataFrame(rows, columns=["channel", "tickets", "answered", "median_minutes",
                                             "within_hour", "share", "low", "high"])
    by_channel = by_channel.sort_values(["share", "channel"], ascending=[False, True]).reset_index(drop=True)
    band_rows = []
    for lo, hi, name in RESPONSE_BANDS:
        in_band = frame[(frame["frt"] > lo) & (frame["frt"] <= hi)]
        mean, low, high = mean_interval(in_band["csat"], level)
        band_rows.append((name, int(in_band["csat"].notna().sum()), mean, low, high))
    by_band = pd.DataFrame(band_rows, columns=["band", "rated", "csat", "low", "high"])
    answered = int(frame["frt"].notna().sum())
    from cxlib.omnichannel import speed as channel_speed

    targets = channel_speed.response_speed(tickets, channels)
    return ResponseSpeed(by_channel, by_band, answered, int((frame["frt"] <= within).sum()), targets)


def moves_title(scored: pd.DataFrame) -> str:
    """Action title for the empathy-moves exhibit."""
    share = 100 * scored["full_pattern"].mean()
    if share < 50:
        return f"Only {share:.0f}% of replies acknowledge, own and reassure"
    return f"{share:.0f}% of replies acknowledge, own and reassure; the rest leave the customer guessing"


@dataclass(frozen=True)
class ReplyReading:
    """Every support reply read for the five moves, with two replies that show the difference."""

    table: pd.DataFrame  # score_replies output
    pair: pd.DataFrame   # contrasting_replies output (0 or 2 rows)

    @property
    def moves(self) -> pd.DataFrame:
        """Share of replies making each move (:func:`move_shares`)."""
        return move_shares(self.table)

    @property
    def full_share(self) -> float:
        """Share of replies with the full pattern, in %."""
        return 100 * float(self.table["full_pattern"].mean())

    @property
    def mean_score(self) -> float:
        """Average empathy score of the replies (0-100)."""
        return float(self.table["empathy_score"].mean())

    def title(self) -> str:
        return moves_title(self.table)

    def full_figure(self) -> Figure:
        """The share of replies with the full pattern, as a finding states it."""
        return Figure("replies that acknowledge, take ownership and reassure", self.full_share, "%",
                      f"support replies (n = {len(self.table):,})")

    def unlinked_finding(self, reason: str) -> Finding:
        """The full pattern's share when its link with satisfaction cannot be measured, and why."""
        return Finding(f"{self.full_share:.0f}% of {len(self.table):,} replies acknowledge, take ownership and "
                       f"reassure; whether that goes with higher satisfaction is not known: "
                       f"{reason[:1].lower()}{reason[1:]}",
                       (self.full_figure(), Figure("support replies read", len(self.table), "replies",
                                                   f"support replies (n = {len(self.table):,})")),
                       source="cxlib.empathy.support.score_replies", theme="empathy")

    def headline(self) -> str:
        return (f"{self.full_share:.0f}% of {len(self.table):,} replies acknowledge the customer, take "
                f"ownership and say what happens next; the average reply makes "
                f"{self.table['moves'].mean():.1f} of the five moves (empathy score {self.mean_score:.0f}/100).")

    def quotes(self) -> pd.DataFrame:
        """The two contrasting exchanges as quotes (quote, attribution); empty without a contrast."""
        if len(self.pair) < 2:
            return pd.DataFrame(columns=["quote", "attribution"])
        warm, cold = self.pair.iloc[0], self.pair.iloc[1]
        rows = [(warm["customer_text"], "A customer writes in"),
                (warm["agent_reply"], f"The agent's reply, with {_moves(warm['moves'])} ({warm['channel']})"),
                (cold["customer_text"], "Another customer, the same kind of problem"),
                (cold["agent_reply"], f"The agent's reply, with none of the moves ({cold['channel']})")]
        return pd.DataFrame(rows, columns=["quote", "attribution"])


def _moves(k: int) -> str:
    return "all five moves" if int(k) == len(MOVES) else f"{int(k)} of the five moves"


def read_replies(tickets: pd.DataFrame, *, names: Sequence[str] = ()) -> ReplyReading:
    """Read every reply for the five moves (:func:`score_replies`) and pick the contrasting pair.

    Parameters
    ----------
    tickets : the tickets dataset; csat and first_response_minutes may be absent.
    names : the client's and competitors' names, masked before the tone is read
        (:func:`cxlib.text.sentiment.compound`).
    """
    scored = score_replies(tickets, names=names)
    return ReplyReading(scored, contrasting_replies(tickets, scored))


def csat_link(tickets: pd.DataFrame, *, replies: ReplyReading | None = None,
              level: float = 0.95) -> CsatLink:
    """:func:`empathy_csat` on the tickets, reusing ``replies`` when they were already read."""
    return empathy_csat(replies.table if replies is not None else score_replies(tickets), level=level)


def contrasting_replies(tickets: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """Two replies to the same kind of request: one with all five moves, one with none.

    The empathetic example is the first ticket (by ticket_id) whose reply makes all five moves
    (or, when no reply does, the full pattern with most moves) and whose customer text holds no
    contact details; the contrast is the reply with no move whose customer text shares most
    content words with it. Only rated tickets are drawn from when any ticket is rated, so the pair
    is one the ratings speak about. Texts are redacted.

    Returns
    -------
    pd.DataFrame
        Up to two rows: level, moves, ticket_id, channel, agent_id, csat, customer_text,
        agent_reply.
    """
    frame = scored[["ticket_id", "level", "moves", "csat", "channel", "agent_id"]].assign(
        customer_text=tickets["customer_text"].to_numpy(), agent_reply=tickets["agent_reply"].to_numpy())
    rated = frame["csat"].notna() if frame["csat"].notna().any() else True
    no_pii = lexicons.per_text(frame["customer_text"], lambda t: not find_pii(t), missing=True).astype(bool)
    clean = frame[rated & no_pii].sort_values("ticket_id")
    rows = []
    best = clean[clean["moves"] == len(MOVES)]
    if best.empty:
        best = clean[clean["level"] == FULL].sort_values("moves", ascending=False, kind="stable")
    if len(best):
        first = best.iloc[0]
        rows.append(first)
        mine = lexicons.content_words(first["customer_text"])
        cold = clean[clean["level"] == NONE]
        if len(cold) and mine:
            def shared(t) -> float:
                return len(mine & lexicons.content_words(t)) / len(mine | lexicons.content_words(t))

            # a missing text reads as the word "nan", as pandas' map handed it over before
            overlap = pd.Series(lexicons.per_text(cold["customer_text"], shared, missing=shared(np.nan)).astype(float),
                                index=cold.index)
            rows.append(cold.loc[overlap.idxmax()])
    out = pd.DataFrame(rows, columns=["level", "moves", "ticket_id", "channel", "agent_id", "csat",
                                      "customer_text", "agent_reply"]).reset_index(drop=True)
    for column in ("customer_text", "agent_reply"):
        out[column] = out[column].map(redact)
    return out
