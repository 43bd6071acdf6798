"""Fernway Home, the second demo profile: a fictional online retailer of homewares, one month of data.

Where Northstar Mobile (the first profile) has every dataset, twelve months and 5,000 answers,
Fernway is shaped like a real first engagement: 412 survey answers in one month, satisfaction asked
on 1-10 and mapped onto the contract's 1-5 in client.yml, its own five ``attr_`` ratings, blank
optional columns (segment, age band and effort are columns with no answers), competitors named with
ordinary words ("Joy", "Bright", "Harbour") and five datasets absent: no journey log, no
interactions, no employee survey, no message assets and no metric catalog.

``generate(out_dir)`` writes client.yml and the CSVs; the slug is the folder's name, so the profile
can be written anywhere. The same seed gives byte-identical files. :data:`TRUTHS` lists what the
data were built to show; ``tests/test_demo_retail.py`` checks each with plain pandas and through
the steps' cxlib functions.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from cxlib.demo import as_text

from . import market, service, voice
from .voice import TRUTHS, RetailTruths

__all__ = ["generate", "build", "client_config", "TRUTHS", "RetailTruths", "DATASETS", "ABSENT"]

NAME = "Fernway Home"
INDUSTRY = "Online retail (homewares)"
DATASETS = ("survey", "customers", "competitors", "social", "reviews", "brand_promise", "channels",
            "tickets", "practices")
ABSENT = ("journey", "interactions", "messages", "employees", "metrics")


def client_config(slug: str = "fernway") -> dict:
    """The content of Fernway's client.yml: the survey's own column names are mapped, and
    satisfaction's 1-10 answers are rescaled onto the contract's 1-5."""
    return {
        "name": NAME,
        "slug": slug,
        "industry": INDUSTRY,
        "currency": "GBP",
        "locale": "en-GB",
        "period": {"start": voice.PERIOD_START, "end": voice.PERIOD_END},
        "brand": {"primary": "#2F4B3A", "secondary": "#7FA37A", "accent": "#D98E32"},
        "competitors": list(market.COMPETITORS),
        "channels": list(service.CHANNELS),
        "consultant": "Priya Raman, CX Nirvana Partners",
        "goals": [
            {"goal": "Lift relationship NPS", "metric": "NPS", "target": 25,
             "due": voice.PERIOD_END.replace(year=voice.PERIOD_END.year + 1)},
            {"goal": "Deliver on the promised day", "metric": "On-time delivery", "target": 95,
             "due": voice.PERIOD_END.replace(year=voice.PERIOD_END.year + 1)},
        ],
        "column_map": {"survey": {
            "response_id": "Response ID",
            "responded_at": {"source": "Submitted", "format": "%d/%m/%Y %H:%M"},
            "nps": "How likely are you to recommend Fernway Home?",
            "csat": {"source": "Overall satisfaction (1-10)", "rescale": [1, 10]},
        }},
    }


def build(seed: int = 2027) -> dict[str, pd.DataFrame]:
    """Every dataset of the profile as frames in the files' own shape (the survey with its own
    column names and 1-10 satisfaction), keyed by dataset name."""
    streams = iter(np.random.default_rng(seed).spawn(8))
    answers, customers = voice.survey_and_customers(next(streams))
    frames = {
        "survey": voice.as_export(answers),
        "customers": customers,
        "competitors": market.competitor_scores(next(streams)),
        "social": market.social_posts(next(streams)),
        "reviews": market.reviews(next(streams)),
        "brand_promise": service.promise(),
        "channels": service.channels(),
        "tickets": service.tickets(next(streams)),
        "practices": service.practices(),
    }
    return {name: frames[name] for name in DATASETS}


def generate(out_dir: Path, *, seed: int = 2027) -> Path:
    """Write the Fernway profile (client.yml and one CSV per present dataset) into ``out_dir``.

    Parameters
    ----------
    out_dir : folder to write; its name becomes the client's slug.
    seed : random seed; the same seed gives byte-identical files.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_dump(client_config(out_dir.resolve().name), sort_keys=False, allow_unicode=True)
    (out_dir / "client.yml").write_text(config, encoding="utf-8")
    for name, frame in build(seed).items():
        as_text(frame).to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
    return out_dir
