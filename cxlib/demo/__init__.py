"""Deterministic demo client: Northstar Mobile, a fictional mobile operator, with planted truths.

``generate(out_dir)`` writes ``client.yml`` and one CSV per dataset of docs/data-contract.md.
The same seed gives byte-identical files. :data:`PLANTED` documents what the data were built to
show (see :mod:`cxlib.demo.planted`); ``tests/test_demo.py`` checks every truth.

Modules: ``client`` (client.yml, calendar), ``customers``, ``survey`` and ``comments`` (the voice
of the customer), ``contact_details`` (planted PII), ``journey``, ``operations`` (channels,
interactions), ``tickets``, ``market`` (competitors, social), ``reviews``, ``brand`` (promise),
``messages``, ``people`` (employee survey) and ``governance`` (practices, metric catalog).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import (brand, customers, governance, journey, market, messages, operations, people, reviews,
               survey, tickets)
from .client import client_config
from .planted import PLANTED, Planted

__all__ = ["generate", "build", "as_text", "PLANTED", "Planted", "DATASETS"]

DATASETS = (
    "survey", "customers", "journey", "competitors", "social", "reviews", "brand_promise",
    "channels", "interactions", "messages", "tickets", "employees", "practices", "metrics",
)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ``true``/``false`` (also in a column that mixes them with blanks), datetimes as
    ``2026-03-14T09:30:00``, missing as empty: the frame as the CSV a client would send."""
    out = frame.copy()
    for name, column in out.items():
        if pd.api.types.is_bool_dtype(column.dtype):
            out[name] = column.map({True: "true", False: "false"}).astype(object)
        elif pd.api.types.is_datetime64_any_dtype(column.dtype):
            out[name] = column.dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object)
        elif column.dtype == object:
            out[name] = column.map(lambda v: "true" if v is True else "false" if v is False else v)
    return out


def build(seed: int = 2026) -> dict[str, pd.DataFrame]:
    """Every dataset of the demo client as frames, keyed by dataset name.

    Parameters
    ----------
    seed : seed of ``numpy.random.default_rng``; each dataset draws from its own child stream,
        so changing one generator does not reshuffle the others.
    """
    streams = iter(np.random.default_rng(seed).spawn(16))
    base = customers.customer_base(next(streams))
    answers = survey.responses(next(streams), base)
    clients = customers.settle(next(streams), base, answers)
    frames = {"survey": answers, "customers": clients}
    frames["journey"] = journey.events(next(streams), clients, answers)
    frames["competitors"] = market.competitor_scores(next(streams))
    frames["social"] = market.social_mentions(next(streams))
    frames["reviews"] = reviews.reviews(next(streams))
    frames["brand_promise"] = brand.promise()
    frames["channels"] = operations.channel_mix()
    frames["interactions"] = operations.interactions(next(streams), clients, answers)
    frames["messages"] = messages.messages()
    frames["tickets"] = tickets.tickets(next(streams))
    frames["employees"] = people.employees(next(streams))
    frames["practices"] = governance.practices()
    frames["metrics"] = governance.metric_catalog()
    return {name: frames[name] for name in DATASETS}


def generate(out_dir: Path, *, seed: int = 2026) -> Path:
    """Write the demo client (``client.yml`` and one CSV per dataset) into ``out_dir``.

    Parameters
    ----------
    out_dir : folder to write; created if missing, files of the same names are replaced.
    seed : random seed; the same seed gives byte-identical files.

    Returns
    -------
    Path
        ``out_dir``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_dump(client_config(), sort_keys=False, allow_unicode=True)
    (out_dir / "client.yml").write_text(config, encoding="utf-8")
    for name, frame in build(seed).items():
        as_text(frame).to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n",
                               encoding="utf-8")
    return out_dir
