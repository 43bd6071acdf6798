"""Attribute benchmark: the client against each competitor and against the best, and the trend.

The ``competitors`` dataset holds scores 0-10 per brand and attribute from one or more sources
(a panel, an industry report), measured in waves. A source's scores share its own bias, so the
current position uses each source's *latest* measurement of a brand and attribute and averages
across sources; the trend compares brands within each wave (the month of ``measured_at``), where
the same sources measured everyone.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.competition.considered import brand_key, canonical_brands
from cxlib import wording
from cxlib.wording import and_list


def round_score(values):
    """Scores to one decimal, halves rounded up (7.15 -> 7.2, 7.25 -> 7.3): the precision the
    sources publish, so every gap shown is the difference of the scores shown."""
    return np.floor(np.asarray(values, dtype=float) * 10 + 0.5 + 1e-9) / 10


def _normalised(competitors: pd.DataFrame) -> pd.DataFrame:
    """Brands cleaned, attributes lower-case, dates as timestamps, unusable rows dropped."""
    data = competitors[["brand", "attribute", "score", "source", "measured_at"]].copy()
    data["brand"] = canonical_brands(data["brand"])
    data["attribute"] = data["attribute"].astype(str).str.strip().str.lower()
    data["source"] = data["source"].astype(str).str.strip()
    data["measured_at"] = pd.to_datetime(data["measured_at"])
    data["score"] = pd.to_numeric(data["score"], errors="coerce")
    data = data[data["brand"] != ""]
    return data.dropna(subset=["score", "measured_at"])


def _client_name(data: pd.DataFrame, client: str) -> str:
    """The client's spelling in the data; raise when the client was not benchmarked."""
    match = data.loc[data["brand"].map(brand_key) == brand_key(client), "brand"]
    if match.empty:
        raise ValueError(f"{client!r} does not appear in the competitors dataset: there is "
                         "nothing to compare the competitors with")
    return str(match.iloc[0])


def points(size: float) -> str:
    """A size in points of 10, one decimal: '2.0 points', '1.0 point'."""
    size = abs(round(float(size), 1))
    return f"{size:.1f} point{'s' if size != 1 else ''}"


def standing(gap: float, whom: str = "") -> str:
    """A gap to the best competitor in words, from its value to one decimal: '3.6 points behind',
    '0.8 points ahead of Orbit' (with ``whom``), 'level with Orbit'."""
    size = abs(round(float(gap), 1))
    if size == 0:
        return f"level with {whom}" if whom else "level"
    side = "behind" if gap < 0 else "ahead of" if whom else "ahead"
    return f"{points(size)} {side}" + (f" {whom}" if whom else "")


def attribute_label(attribute: str) -> str:
    """'value_for_money' -> 'Value for money'."""
    text = str(attribute).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def latest_scores(competitors: pd.DataFrame) -> pd.DataFrame:
    """Each brand's current score per attribute: each source's latest measurement, averaged.

    Parameters
    ----------
    competitors : the competitors dataset (brand, attribute, score, source, measured_at).

    Returns
    -------
    pd.DataFrame
        brand, attribute, score (mean over sources, to one decimal by :func:`round_score`),
        sources (how many), measured_at (the latest of the measurements used).
    """
    data = _normalised(competitors)
    latest = data.groupby(["brand", "attribute", "source"])["measured_at"].transform("max")
    current = (data[data["measured_at"] == latest]
               .groupby(["brand", "attribute", "source"], as_index=False)
               .agg(score=("score", "mean"), measured_at=("measured_at", "max")))
    out = (current.groupby(["brand", "attribute"], as_index=False)
           .agg(score=("score", "mean"), sources=("source", "nunique"),
                measured_at=("measured_at", "max")))
    out["score"] = round_score(out["score"])
    return out


def _position(wide: pd.DataFrame, client: str) -> pd.DataFrame:
    """Per attribute (rows of ``wide``): client score, best competitor, its score, gap, rank."""
    others = wide.drop(columns=client)
    has_other = others.notna().any(axis=1)
    if others.shape[1]:
        best = others.fillna(-np.inf).idxmax(axis=1).where(has_other)
    else:
        best = pd.Series(np.nan, index=wide.index, dtype=object)
    best_score = others.max(axis=1) if others.shape[1] else pd.Series(np.nan, index=wide.index)
    table = pd.DataFrame({
        "attribute": wide.index,
        "label": [attribute_label(a) for a in wide.index],
        "client": wide[client].to_numpy(),
        "best_competitor": best.to_numpy(),
        "best_score": best_score.to_numpy(),
    })
    table["gap"] = (table["client"] - table["best_score"]).round(1)
    ranks = wide.rank(axis=1, ascending=False, method="min")
    table["rank"] = ranks[client].to_numpy()
    table["brands"] = wide.notna().sum(axis=1).to_numpy()
    table["leads"] = table["gap"] > 0  # level (gap 0) is neither ahead nor behind
    return table


@dataclass(frozen=True)
class Benchmark:
    """Where the client stands, attribute by attribute, on the latest measurements.

    ``scores``: attributes x brands (client first, then competitors by mean score). ``table``: one
    row per attribute, biggest lead first: attribute, label, client, best_competitor, best_score,
    gap (client minus best competitor; positive = lead over the runner-up), rank (1 = best of
    ``brands`` brands), brands, leads.
    """

    client: str
    scores: pd.DataFrame
    table: pd.DataFrame
    as_of: pd.Timestamp
    sources: int
    source_names: tuple[str, ...] = ()

    @property
    def competitors(self) -> list[str]:
        return [b for b in self.scores.columns if b != self.client]

    @property
    def gaps(self) -> pd.DataFrame:
        """Attributes x competitors, plus ``Best competitor``: client score minus theirs."""
        gaps = self.scores[self.competitors].rsub(self.scores[self.client], axis=0)
        gaps["Best competitor"] = self.table.set_index("attribute")["gap"]
        return gaps.round(1)

    def instrument(self) -> str:
        """The benchmark as a sentence names it: "the competitor benchmark (Market pulse panel and
        Telecom benchmark report, scores 0-10)"."""
        names = and_list(list(self.source_names)) if self.source_names else f"{self.sources} sources"
        return f"the competitor benchmark ({names}, scores 0-10)"

    def population(self) -> str:
        """The benchmark as a figure names its data: sources and latest measurement."""
        names = and_list(list(self.source_names)) if self.source_names else f"{self.sources} sources"
        return f"competitor benchmark, 0-10 ({names}; latest {self.as_of:%b %Y})"

    @property
    def leading(self) -> pd.DataFrame:
        """Attributes where the client beats every competitor, largest lead first."""
        return self.table[self.table["leads"]]

    @property
    def trailing(self) -> pd.DataFrame:
        """Attributes where some competitor is ahead, largest gap first."""
        return self.table[self.table["gap"] < 0].sort_values("gap", kind="stable")

    def title(self) -> str:
        """A short action title: where the client leads and where it trails most."""
        lead = and_list(self.leading["label"].str.lower().head(2).tolist())
        trail = self.trailing["label"].str.lower().iloc[0] if len(self.trailing) else ""
        if lead and trail:
            return f"{self.client} leads on {lead} but trails most on {trail}"
        if lead:
            return f"{self.client} leads or matches every competitor on every attribute"
        if trail:
            return f"{self.client} leads on no attribute and trails most on {trail}"
        return f"{self.client} is level with the best competitor on every attribute"

    def gaps_title(self) -> str:
        """The heatmap's action title (:meth:`gap_title`), under the name ``show_result`` looks for."""
        return self.gap_title()

    def gap_title(self) -> str:
        """A short action title for the heatmap: the competitor ahead on the most attributes."""
        ahead = (self.gaps[self.competitors] < 0).sum()
        if ahead.max() == 0:
            return f"No competitor is ahead of {self.client} on any attribute"
        top = ahead.idxmax()
        return (f"{top} is ahead of {self.client} on {ahead.max()} of {len(self.gaps)} attributes")

    def headline(self) -> str:
        """Where the client leads most and trails most of the attributes compared, with the scores
        behind each gap."""
        parts = []
        if len(self.leading):
            lead = self.leading.iloc[0]
            parts.append(f"{self.client} leads most on {lead['label'].lower()} ({lead['client']:.1f} against "
                         f"{lead['best_score']:.1f} for {lead['best_competitor']}, {standing(lead['gap'])})")
        else:
            parts.append(f"{self.client} leads on none")
        if len(self.trailing):
            trail = self.trailing.iloc[0]
            parts.append(f"trails most on {trail['label'].lower()} ({trail['client']:.1f} against "
                         f"{trail['best_score']:.1f} for {trail['best_competitor']}, {standing(trail['gap'])})")
        else:
            parts.append("no competitor is ahead on any")
        sources = f"the average of {self.sources} sources" if self.sources > 1 else "one source"
        return (f"Of the {len(self.table)} attributes compared, " + " and ".join(parts)
                + f"; scores out of 10, {sources}, latest measurement {wording.date(self.as_of)}.")


def benchmark(competitors: pd.DataFrame, client: str) -> Benchmark:
    """The client against every competitor and the best one, on each attribute.

    Parameters
    ----------
    competitors : the competitors dataset (brand, attribute, score 0-10, source, measured_at);
        it must include the client's own scores.
    client : the client's name (matched case- and whitespace-insensitively).

    Raises
    ------
    ValueError
        When the client has no scores in the dataset.
    """
    data = _normalised(competitors)
    name = _client_name(data, client)
    current = latest_scores(data)
    wide = current.pivot_table(index="attribute", columns="brand", values="score", aggfunc="first")
    wide = wide[wide[name].notna()]
    others = wide.drop(columns=name).mean().sort_values(ascending=False, kind="stable").index
    wide = wide[[name, *others]]
    wide.columns.name = None
    table = _position(wide, name).sort_values(["gap", "attribute"], ascending=[False, True],
                                              kind="stable").reset_index(drop=True)
    return Benchmark(client=name, scores=wide, table=table,
                     as_of=pd.Timestamp(current["measured_at"].max()),
                     sources=int(data["source"].nunique()),
                     source_names=tuple(sorted(data["source"].unique())))


@dataclass(frozen=True)
class BenchmarkTrend:
    """The client's gap to the best competitor in each measurement wave.

    ``table``: wave (first day of the month measured), attribute, label, client, best_competitor,
    best_score, gap. ``changes``: per attribute, the first and last wave's gap and the change.
    """

    client: str
    table: pd.DataFrame
    changes: pd.DataFrame

    @property
    def waves(self) -> int:
        return int(self.table["wave"].nunique())

    def title(self) -> str:
        """A short action title: the attribute whose gap moved most."""
        if self.waves < 2 or self.changes.empty:
            return "One wave of measurement: no trend yet"
        top = self.changes.iloc[0]
        size = f"{points(top['change'])} over {self.waves} waves"
        if abs(top["change"]) < 0.05:
            return "The gaps to the best competitor have not moved"
        if top["first_gap"] <= 0 and top["last_gap"] <= 0:
            verb = "widened" if top["change"] < 0 else "narrowed"
            return f"The {top['label'].lower()} gap to the best competitor {verb} by {size}"
        if top["first_gap"] > 0 and top["last_gap"] > 0:
            verb = "shrank" if top["change"] < 0 else "grew"
            return f"The {top['label'].lower()} lead {verb} by {size}"
        return f"The {top['label'].lower()} position moved most: {size}"

    def headline(self) -> str:
        """The attribute whose gap to the best competitor moved most, from first to last wave, the
        change computed from the gaps as shown."""
        if self.waves < 2 or self.changes.empty:
            return "There is a single measurement wave, so the benchmark has no trend yet."
        top = self.changes.iloc[0]
        first, last = top["first_gap"], top["last_gap"]
        size = f"{points(top['change'])} over {self.waves} waves of measurement"
        if abs(top["change"]) < 0.05:
            what = f"the position did not move ({standing(last)})"
        elif first <= 0 and last <= 0:
            what = f"the gap {'widened' if top['change'] < 0 else 'narrowed'} by {size}"
        elif first > 0 and last > 0:
            what = f"the lead {'shrank' if top['change'] < 0 else 'grew'} by {size}"
        else:
            what = f"the position moved by {size}"
        best = top["last_best"] if last < 0 else "the best competitor"
        return (f"On {top['label'].lower()}, {self.client} went from {standing(first, 'the best competitor')} "
                f"in {top['first_wave']:%b %Y} to {standing(last, best)} in {top['last_wave']:%b %Y}: {what}.")


def benchmark_trend(competitors: pd.DataFrame, client: str) -> BenchmarkTrend:
    """The gap to the best competitor per attribute in every wave of measurement.

    Parameters
    ----------
    competitors : the competitors dataset; a wave is the month of ``measured_at``, and within a
        wave a brand's scores are averaged over sources.
    client : the client's name.

    Returns
    -------
    BenchmarkTrend
        ``changes`` is sorted by the size of the change, largest first.
    """
    data = _normalised(competitors)
    name = _client_name(data, client)
    data["wave"] = data["measured_at"].dt.to_period("M").dt.to_timestamp()
    means = data.groupby(["wave", "attribute", "brand"])["score"].mean()
    means = pd.Series(round_score(means), index=means.index)
    frames = []
    for wave, part in means.groupby(level="wave"):
        wide = part.droplevel("wave").unstack("brand")
        if name not in wide or wide.shape[1] < 2:
            continue
        wide = wide[wide[name].notna()]
        frames.append(_position(wide, name).assign(wave=wave))
    columns = ["wave", "attribute", "label", "client", "best_competitor", "best_score", "gap"]
    table = (pd.concat(frames, ignore_index=True)[columns] if frames
             else pd.DataFrame(columns=columns))
    table = table.sort_values(["attribute", "wave"], kind="stable").reset_index(drop=True)
    rows = []
    for attribute, part in table.groupby("attribute", sort=True):
        if len(part) < 2:
            continue
        first, last = part.iloc[0], part.iloc[-1]
        rows.append({"attribute": attribute, "label": first["label"], "first_wave": first["wave"],
                     "last_wave": last["wave"], "first_gap": first["gap"], "last_gap": last["gap"],
                     "last_best": last["best_competitor"],
                     "change": round(float(last["gap"] - first["gap"]), 1)})
    changes = pd.DataFrame(rows, columns=["attribute", "label", "first_wave", "last_wave",
                                          "first_gap", "last_gap", "last_best", "change"])
    if len(changes):
        order = changes["change"].abs().sort_values(ascending=False, kind="stable").index
        changes = changes.loc[order].reset_index(drop=True)
    return BenchmarkTrend(client=name, table=table, changes=changes)
