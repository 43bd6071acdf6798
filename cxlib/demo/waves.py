"""Northstar Mobile over several waves: the demo client as it was a year, two years... before, with
planted changes from one wave to the next that the history store and its comparison must find.

Wave ``waves`` (the latest) is exactly the demo client (:func:`cxlib.demo.generate`). Each earlier
wave is the same client one year earlier (every date and the period shifted back a year per wave,
so consecutive waves have consecutive periods: 1 Nov 2024 – 31 Oct 2025, then 1 Nov 2025 – 31 Oct
2026), with two planted differences per year back:

1. NPS :data:`NPS_RISE` points lower: that many percent of the answers that were a 9 (never agent
   AG-117's, whose planted 10s stay) are an 8, so from each wave to the next NPS rises by exactly
   ``NPS_RISE`` points on the same number of answers (about 4,900), far beyond chance.
2. A worse metric catalog, so step 7's score is :data:`STEP7_RISE` points lower: the metrics of
   :data:`GOALS_ADDED` were not yet linked to a goal (2 of 12 metrics tied to a SMART goal instead
   of 5: 5 points of "goal-driven") and those of :data:`REVIEWS_ADDED` not reviewed within 90 days
   (3 of 12 metrics in use instead of 6: 5 points of "in use").

Everything else is the demo's, shifted in time, so each other step's score moves only as far as
the NPS change carries it.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from cxlib.demo import as_text, build, generate
from cxlib.demo.client import NAME, SLUG, client_config
from cxlib.demo.planted import PLANTED

__all__ = ["GOALS_ADDED", "NAME", "NPS_RISE", "REVIEWS_ADDED", "SLUG", "STEP7_RISE", "build_wave", "write_wave"]

#: NPS points gained from one wave to the next.
NPS_RISE = 8.0
#: Catalog metrics linked to a goal only in the latest wave.
GOALS_ADDED = ("Churn rate", "First contact resolution", "Digital containment")
#: Catalog metrics reviewed within 90 days only in the latest wave.
REVIEWS_ADDED = ("First contact resolution", "CSAT (post-contact)", "Digital containment")
#: Step 7 points gained from one wave to the next: 20 points x 3 of 12 metrics, twice.
STEP7_RISE = 10.0
#: The most waves the demo makes: earlier ones would need more 9s than the survey has.
MAX_WAVES = 4


def _check(wave: int, waves: int) -> int:
    if not 1 <= waves <= MAX_WAVES:
        raise ValueError(f"the demo has 1 to {MAX_WAVES} waves, not {waves}")
    if not 1 <= wave <= waves:
        raise ValueError(f"wave {wave} is not one of waves 1 to {waves}")
    return waves - wave


def _earlier(value, years: int):
    """A date (``datetime64`` series, or ``YYYY-MM-DD`` text) ``years`` years earlier."""
    offset = pd.DateOffset(years=years)
    if pd.api.types.is_datetime64_any_dtype(value.dtype):
        return (value - offset).astype(value.dtype)
    dates = pd.to_datetime(value, format="%Y-%m-%d", errors="coerce")
    return (dates - offset).dt.strftime("%Y-%m-%d").where(dates.notna(), None)


_TEXT_DATES = {"customers": ("signup_date", "churned_at"), "competitors": ("measured_at",),
               "metrics": ("last_reviewed",)}


def build_wave(wave: int, waves: int, *, seed: int = 2026) -> tuple[dict, dict[str, pd.DataFrame]]:
    """Wave ``wave`` of ``waves`` of the demo client: its ``client.yml`` content and its frames.

    Parameters
    ----------
    wave : 1 for the earliest, ``waves`` for the latest (the demo client itself).
    waves : how many waves, 1 to :data:`MAX_WAVES`.
    seed : the demo's seed; every wave is built from the same.
    """
    years = _check(wave, waves)
    config, frames = client_config(), build(seed)
    if not years:
        return config, frames
    config["period"] = {key: (pd.Timestamp(day) - pd.DateOffset(years=years)).date()
                        for key, day in config["period"].items()}
    for name, frame in frames.items():
        frame = frame.copy()
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column].dtype) or column in _TEXT_DATES.get(name, ()):
                frame[column] = _earlier(frame[column], years)
        frames[name] = frame
    frames["survey"] = _lower_nps(frames["survey"], NPS_RISE * years, np.random.default_rng([seed, wave]))
    frames["metrics"] = _earlier_catalog(frames["metrics"], config["period"]["end"])
    return config, frames


def _lower_nps(survey: pd.DataFrame, drop: float, rng: np.random.Generator) -> pd.DataFrame:
    """The survey with NPS ``drop`` points lower: that share of the answers, taken from the 9s
    outside the inflated agent's, answered 8 instead."""
    answered = survey["nps"].notna()
    k = round(drop / 100 * int(answered.sum()))
    nines = np.flatnonzero((survey["nps"] == 9).fillna(False).to_numpy()
                           & (survey["agent_id"] != PLANTED.inflated_agent).fillna(True).to_numpy())
    if k > len(nines):
        raise ValueError(f"NPS cannot drop {drop:g} points: the survey has {len(nines)} 9s to lower")
    out = survey.copy()
    out.loc[out.index[np.sort(rng.choice(nines, k, replace=False))], "nps"] = 8
    return out


def _earlier_catalog(metrics: pd.DataFrame, period_end) -> pd.DataFrame:
    """The catalog before the goals of :data:`GOALS_ADDED` and the reviews of :data:`REVIEWS_ADDED`."""
    out = metrics.copy()
    out.loc[out["metric"].isin(GOALS_ADDED), "linked_goal"] = None
    stale = (pd.Timestamp(period_end) - pd.Timedelta(days=200)).strftime("%Y-%m-%d")
    out.loc[out["metric"].isin(REVIEWS_ADDED), "last_reviewed"] = stale
    return out


def write_wave(out: Path, wave: int, waves: int, *, seed: int = 2026) -> Path:
    """Write wave ``wave`` of ``waves`` of the demo client into ``out`` (``client.yml`` and one CSV
    per dataset), as :func:`cxlib.demo.generate` writes the demo; the latest wave is the demo itself.

    Name the folder :data:`SLUG` so that every wave's reports and history land under one client.
    """
    years = _check(wave, waves)
    if not years:
        return generate(out, seed=seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    config, frames = build_wave(wave, waves, seed=seed)
    (out / "client.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for name, frame in frames.items():
        as_text(frame).to_csv(out / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
    return out
