"""A large client on demand: the demo client tiled to any number of survey responses.

``scaled(out_dir, responses=1_000_000)`` writes a client folder whose person-level datasets are the
demo's (:func:`cxlib.demo.build`) repeated as whole tiles plus one partial tile, each tile with its
own ids, so a client of a million answers has the demo's shapes, planted truths and validation
result at 200 times the rows. Every reference stays real: a survey answer, journey event or
interaction of tile ``t`` names a customer of tile ``t`` (or, when the last partial tile of
customers left that customer out, the same customer of an earlier full tile).

Sizes: survey rows are ``responses``; journey events are ``events`` (5 per response by default);
customers, interactions, tickets, social posts, reviews, employees and competitor scores keep the
demo's ratio to its survey answers; the small reference tables (brand promise, channels, messages,
practices, metrics) are written as they are.

Speed: each demo dataset is rendered to CSV text once; a tile is its rows' text with fresh ids in
front (every tiled id column leads its row), so writing costs a string join per row, not a
``DataFrame.to_csv`` of the whole client.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import DATASETS, as_text, build
from .client import client_config

__all__ = ["scaled", "scaled_sizes", "EVENTS_PER_RESPONSE", "FIXED"]

EVENTS_PER_RESPONSE = 5
# Reference tables a bigger client does not have more of: one row per channel, practice, metric...
FIXED = ("brand_promise", "channels", "messages", "practices", "metrics")
# Id columns made unique per tile, by dataset; each leads its rows, in this order.
_OWN_IDS = {"survey": "response_id", "customers": "customer_id", "interactions": "interaction_id",
            "tickets": "ticket_id", "employees": "respondent_id"}
# Columns that name a customer (or a prospect) of the customers dataset.
_CUSTOMER_REFS = {"survey": "customer_id", "journey": "customer_id", "interactions": "customer_id"}
# The journey is ordered by customer: a head slice keeps each customer's events whole, where a
# spread of rows would cut paths in the middle. Other datasets are ordered by time, and a spread
# keeps every month in the partial tile.
_HEAD_SLICED = ("journey",)
_ID = re.compile(r"^([A-Za-z]+-)(\d+)$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def scaled_sizes(demo_rows: dict[str, int], responses: int, events: int | None = None) -> dict[str, int]:
    """Rows per dataset of a client of ``responses`` survey answers.

    Parameters
    ----------
    demo_rows : rows per dataset of the demo client.
    responses : survey rows wanted.
    events : journey rows wanted; ``EVENTS_PER_RESPONSE`` per response when None.

    Returns
    -------
    dict
        Dataset -> rows; fixed reference tables keep their demo size, the others their demo ratio to
        the survey, rounded half up.
    """
    base = demo_rows["survey"]
    sizes = {}
    for name, rows in demo_rows.items():
        if name in FIXED:
            sizes[name] = rows
        elif name == "survey":
            sizes[name] = responses
        elif name == "journey":
            sizes[name] = EVENTS_PER_RESPONSE * responses if events is None else events
        else:
            sizes[name] = (2 * rows * responses + base) // (2 * base)
    return sizes


def _partial(n: int, m: int, head: bool) -> np.ndarray:
    """Positions of ``m`` of ``n`` demo rows for the last, partial tile (sorted, distinct)."""
    if head:
        return np.arange(m)
    return (np.arange(m) * n) // m  # evenly spaced; distinct because m < n


def _tiles(n: int, total: int, head: bool) -> list[np.ndarray]:
    """Demo row positions of each tile: whole tiles, then the partial one if ``total`` is not a multiple."""
    whole, rest = divmod(total, n)
    tiles = [np.arange(n)] * whole
    if rest:
        tiles.append(_partial(n, rest, head))
    return tiles


@dataclass(frozen=True)
class _Family:
    """Ids of one prefix (``C-``, ``P-``, ``R-``): tile ``t`` adds ``t * span`` to each number."""

    prefix: str
    span: int
    width: int

    def render(self, numbers: np.ndarray, tile: np.ndarray | int) -> list[str]:
        new = numbers + np.asarray(tile, dtype=np.int64) * self.span
        fmt = f"{self.prefix}{{:0{self.width}d}}".format
        return [fmt(n) for n in new.tolist()]


def _split_ids(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prefix, number and presence of each id; blank ids have prefix "" and number 0."""
    text = values.astype(object).where(values.notna(), None)
    present = text.notna().to_numpy()
    parts = text[present].astype(str).str.extract(_ID)
    if parts.isna().any().any():
        bad = text[present][parts[0].isna().to_numpy()].iloc[0]
        raise ValueError(f"demo id {bad!r} is not a prefix and a number; scale.py cannot tile it")
    prefix = np.full(len(text), "", dtype=object)
    number = np.zeros(len(text), dtype=np.int64)
    prefix[present] = parts[0].to_numpy()
    number[present] = parts[1].astype(np.int64).to_numpy()
    return prefix, number, present


def _families(frames: dict[str, pd.DataFrame], most_tiles: int) -> dict[str, _Family]:
    """One id family per prefix seen in the tiled id columns, wide enough for the last tile."""
    numbers: dict[str, list[np.ndarray]] = {}
    widths: dict[str, int] = {}
    columns = [(d, c) for d, c in _OWN_IDS.items()] + [(d, c) for d, c in _CUSTOMER_REFS.items()]
    for dataset, column in columns:
        values = frames[dataset][column]
        prefix, number, present = _split_ids(values)
        digits = values[present].astype(str).str.len().to_numpy() - np.char.str_len(prefix[present].astype(str))
        for p in set(prefix[present]):
            numbers.setdefault(p, []).append(number[present & (prefix == p)])
            widths[p] = max(widths.get(p, 0), int(digits[prefix[present] == p].max()))
    families = {}
    for p, parts in numbers.items():
        every = np.concatenate(parts)
        span = int(every.max() - every.min() + 1)
        last = int(every.max()) + (most_tiles - 1) * span
        families[p] = _Family(p, span, max(widths[p], len(str(last))))
    return families


class _Rows:
    """A file-like sink that keeps each row ``csv.writer`` writes as one string."""

    def __init__(self):
        self.rows: list[str] = []

    def write(self, text: str) -> None:
        self.rows.append(text)


def _row_texts(frame: pd.DataFrame, lead: int) -> tuple[str, list[str]]:
    """The CSV header, and per row the text of every column after the first ``lead`` ones.

    Rendered exactly as :func:`cxlib.demo.generate` writes the demo (pandas' own CSV writer), then
    read back record by record, so quoted cells holding commas or line breaks stay whole.
    """
    text = as_text(frame).to_csv(index=False, lineterminator="\n")
    records = list(csv.reader(io.StringIO(text, newline="")))
    sink = _Rows()
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(records[0])
    header = sink.rows.pop()
    for record in records[1:]:
        writer.writerow(record[lead:])
    if len(sink.rows) != len(frame):  # pragma: no cover - a guard on the csv round trip
        raise RuntimeError("the demo's CSV did not read back one record per row")
    return header, sink.rows


@dataclass(frozen=True)
class _CustomerTiles:
    """Which customer of which tile exists in the scaled customers dataset."""

    position: dict[str, int]  # demo customer id -> row in the demo's customers
    whole: int                # tiles holding every demo customer
    kept: np.ndarray          # per demo customer: present in the partial tile (tile ``whole``)

    def tile_of(self, ids: pd.Series, tile: int) -> np.ndarray:
        """The tile each referenced customer is taken from: ``tile`` when that customer exists there,
        else the same customer in an earlier whole tile. Prospects (not customers) keep ``tile``."""
        where = ids.map(self.position).to_numpy(dtype=float)
        is_customer = ~np.isnan(where)
        missing = np.zeros(len(ids), dtype=bool)
        if tile > self.whole:
            missing = is_customer
        elif tile == self.whole:
            missing[is_customer] = ~self.kept[where[is_customer].astype(int)]
        out = np.full(len(ids), tile, dtype=np.int64)
        out[missing] = tile % self.whole
        return out


def scaled(out_dir: Path, *, responses: int, events: int | None = None, seed: int = 2026) -> Path:
    """Write a large client, the demo client tiled to ``responses`` survey answers, into ``out_dir``.

    Parameters
    ----------
    out_dir : folder to write; created if missing, files of the same names are replaced. Its name
        becomes the client's slug when it is a valid one (``scale-100000``).
    responses : survey rows; at least the demo's 5,000, so that every customer has a whole tile.
    events : journey rows; ``EVENTS_PER_RESPONSE`` per response when None.
    seed : seed of the demo client tiled; the same arguments give byte-identical files.

    Returns
    -------
    Path
        ``out_dir``.
    """
    frames = _demo(seed)
    demo_rows = {name: len(frame) for name, frame in frames.items()}
    if responses < demo_rows["survey"]:
        raise ValueError(f"a scaled client has at least the demo's {demo_rows['survey']:,} responses "
                         f"(asked for {responses:,}); `cx demo` without --scale writes the demo itself")
    if events is not None and events < 1:
        raise ValueError(f"events must be at least 1 (asked for {events:,})")
    sizes = scaled_sizes(demo_rows, responses, events)
    most_tiles = max(-(-sizes[n] // demo_rows[n]) for n in DATASETS)
    families = _families(frames, most_tiles)
    customers = frames["customers"]
    whole, rest = divmod(sizes["customers"], len(customers))
    kept = np.zeros(len(customers), dtype=bool)
    if rest:
        kept[_partial(len(customers), rest, head=False)] = True
    tiles_of_customers = _CustomerTiles(dict(zip(customers["customer_id"], range(len(customers)))), whole, kept)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    config = client_config()
    if _SLUG.match(out_dir.name):  # the loader wants the slug to be the folder's name
        config["slug"] = out_dir.name
    for name in DATASETS:
        _write_dataset(out_dir / f"{name}.csv", name, frames[name], sizes[name], families, tiles_of_customers)
    # client.yml last: a folder without it is an interrupted write, never a client
    (out_dir / "client.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")
    return out_dir


@lru_cache(maxsize=2)
def _demo(seed: int) -> dict[str, pd.DataFrame]:
    # The demo is built once per seed and process: several sizes from one seed share it (read only).
    return build(seed)


def _write_dataset(path: Path, name: str, frame: pd.DataFrame, total: int, families: dict[str, _Family],
                   customers: _CustomerTiles) -> None:
    """Write one dataset of the scaled client: ``total`` rows as tiles of the demo's rows."""
    if name in FIXED:
        as_text(frame).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        return
    lead = [c for c in (_OWN_IDS.get(name), _CUSTOMER_REFS.get(name)) if c is not None]
    if list(frame.columns[:len(lead)]) != lead:  # pragma: no cover - the demo's column order
        raise RuntimeError(f"{name}: tiled id columns {lead} must lead the row")
    header, rest = _row_texts(frame, len(lead))
    split = {column: _split_ids(frame[column]) for column in lead}
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        for tile, rows in enumerate(_tiles(len(frame), total, head=name in _HEAD_SLICED)):
            columns = [_tiled_ids(frame[c].iloc[rows], *(part[rows] for part in split[c]), tile, families,
                                  customers if c == _CUSTOMER_REFS.get(name) else None) for c in lead]
            texts = [rest[i] for i in rows.tolist()]
            if columns:
                fh.write("".join([",".join(ids) + "," + text for *ids, text in zip(*columns, texts)]))
            else:
                fh.write("".join(texts))


def _tiled_ids(values: pd.Series, prefix: np.ndarray, number: np.ndarray, present: np.ndarray, tile: int,
               families: dict[str, _Family], customers: _CustomerTiles | None) -> list[str]:
    """The ids of one column in one tile; blank stays blank, references follow the customer's tile."""
    tiles = customers.tile_of(values, tile) if customers is not None else np.full(len(values), tile)
    out = np.full(len(values), "", dtype=object)
    for p in set(prefix[present]):
        rows = present & (prefix == p)
        out[rows] = families[p].render(number[rows], tiles[rows])
    return out.tolist()
