"""The large client on demand (cxlib.demo.scale), and the fast CSV reader it needs to load.

Clients here are small (5,500 and 10,500 answers) so the file runs in seconds; the sizes are chosen
so one has whole tiles only for some datasets and a partial tile for the others.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxlib.data import load_client
from cxlib.data import read as read_module
from cxlib.demo.scale import scaled, scaled_sizes

DEMO_ROWS = {"survey": 5000, "customers": 6000, "journey": 50195, "competitors": 240, "social": 3000,
             "reviews": 1500, "brand_promise": 6, "channels": 8, "interactions": 8329, "messages": 40,
             "tickets": 2000, "employees": 300, "practices": 10, "metrics": 12}


@pytest.fixture(scope="module")
def clients(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scale")
    scaled(root / "big", responses=10_500)
    scaled(root / "odd", responses=5_500, events=6_000)
    return root


def _csv(root: Path, client: str, dataset: str) -> pd.DataFrame:
    return pd.read_csv(root / client / f"{dataset}.csv", dtype=str, keep_default_na=False)


def test_sizes_keep_the_demo_ratios():
    # 12,000 answers = 2.4 demos: customers 6,000 * 2.4 = 14,400; interactions 8,329 * 2.4 = 19,989.6 -> 19,990
    sizes = scaled_sizes(DEMO_ROWS, 12_000)
    assert sizes["survey"] == 12_000 and sizes["journey"] == 60_000
    assert sizes["customers"] == 14_400 and sizes["interactions"] == 19_990
    assert sizes["channels"] == 8 and sizes["metrics"] == 12


def test_files_have_exactly_the_rows_asked_for(clients):
    for client, responses, events in (("big", 10_500, 52_500), ("odd", 5_500, 6_000)):
        sizes = scaled_sizes(DEMO_ROWS, responses, events)
        for dataset, rows in sizes.items():
            assert len(_csv(clients, client, dataset)) == rows, (client, dataset)


def test_ids_are_unique_per_dataset(clients):
    for dataset, column in (("survey", "response_id"), ("customers", "customer_id"),
                            ("interactions", "interaction_id"), ("tickets", "ticket_id"),
                            ("employees", "respondent_id")):
        ids = _csv(clients, "big", dataset)[column]
        assert ids.is_unique and (ids != "").all(), dataset


def test_every_customer_reference_is_a_real_customer(clients):
    for client in ("big", "odd"):
        known = set(_csv(clients, client, "customers")["customer_id"])
        survey = _csv(clients, client, "survey")["customer_id"]
        assert set(survey[survey != ""]) <= known
        assert set(_csv(clients, client, "interactions")["customer_id"]) <= known
        journey = _csv(clients, client, "journey")["customer_id"]
        # prospects (P-) are in the journey before they are customers, as in the demo
        assert set(journey[journey.str.startswith("C-")]) <= known


def test_a_tile_repeats_the_demo_answers_under_new_ids(clients):
    survey = _csv(clients, "big", "survey")
    first, second = survey.iloc[:5000], survey.iloc[5000:10000].reset_index(drop=True)
    assert first.drop(columns=["response_id", "customer_id"]).equals(
        second.drop(columns=["response_id", "customer_id"]))
    assert not set(first["response_id"]) & set(second["response_id"])


def test_the_scaled_client_validates_without_problems(clients):
    data = load_client("odd", clients)
    assert data.ok and not data.problems
    assert len(data["survey"]) == 5_500 and len(data["journey"]) == 6_000


def test_same_seed_same_bytes(clients, tmp_path):
    again = scaled(tmp_path / "odd", responses=5_500, events=6_000)
    for path in sorted((clients / "odd").iterdir()):
        if path.name == "client.yml":
            continue
        assert hashlib.sha256(path.read_bytes()).digest() == \
            hashlib.sha256((again / path.name).read_bytes()).digest(), path.name


def test_fewer_answers_than_the_demo_are_refused(tmp_path):
    with pytest.raises(ValueError, match="at least the demo's 5,000"):
        scaled(tmp_path / "small", responses=4_999)


# The fast reader must give what the exact csv-module reader gives, or step aside for it.
FILES = {
    "plain": b"a,b,c\n1,2,3\n4,5,6\n",
    "crlf": b"a,b,c\r\n1,2,3\r\n4,5,6\r\n",
    "bom": b"\xef\xbb\xbfa,b\n1,2\n",
    "quoted line breaks": b'a,b\n1,"x\ny"\n2,"p,q"\n3,"say ""hi"""\n',
    "blank lines": b"a,b\n\n1,2\n\n\n3,4\n",
    "blank cells row": b"a,b\n,\n1,2\n",
    "spaces row": b"a,b\n   \n1,2\n",
    "padded cells": b"a , b\n 1 , 2\n\xc2\xa03\xc2\xa0, \n",
    "trailing delimiter": b"a,b,\n1,2,\n3,4,\n",
    "value past the header": b"a,b,\n1,2,x\n3,4,\n",
    "short row": b"a,b,c\n1,2\n3,4,5\n",
    "long row": b"a,b\n1,2,3\n",
    "stray quote": b'a,b\n1,x"y\n',
    "open quote": b'a,b\n1,"xy\n2,3\n',
    "text after quote": b'a,b\n1,"x"y\n',
    "no final line break": b"a,b\n1,2",
    "lone carriage return": b"a,b\r1,2\r",
    "semicolons": b"a;b\n1;2,5\n",
    "duplicate header": b"a,a\n1,2\n",
    "unnamed column with values": b"a,,c\n1,2,3\n",
    "quoted blanks": b'a,b\n"",""\n1,2\n',
    "qualtrics": (b'StartDate,Status,Finished,Q1\n"Start Date","Response Type","Finished","How likely"\n'
                  b'"{""ImportId"":""startDate""}","{""ImportId"":""status""}","{""ImportId"":""finished""}",'
                  b'"{""ImportId"":""QID1""}"\n2025-01-01,0,1,9\n2025-01-02,1,1,5\n2025-01-03,0,0,7\n'),
    "latin-1": b"a,b\n1,caf\xe9\n",
}
FAST = {"plain", "crlf", "bom", "quoted line breaks", "blank lines", "blank cells row", "padded cells",
        "trailing delimiter", "no final line break", "semicolons", "quoted blanks", "qualtrics"}


def _read(path: Path):
    table, problems = read_module.read_table(path)
    shown = [str(p) for p in problems]
    if table is None:
        return None, shown
    return table.frame.to_dict("list"), table.lines.tolist(), list(table.notes), table.export, shown


@pytest.mark.parametrize("name", sorted(FILES))
def test_fast_reader_reads_as_the_exact_reader(name, tmp_path, monkeypatch):
    path = tmp_path / "survey.csv"
    path.write_bytes(FILES[name])
    assert (read_module._plain_csv(path) is not None) == (name in FAST)
    fast = _read(path)
    monkeypatch.setattr(read_module, "_plain_csv", lambda path: None)
    assert fast == _read(path)


def test_fast_reader_counts_lines_as_an_editor_does(tmp_path):
    # header line 1; a blank line 2; "x\ny" spans lines 3-4; the next row starts on line 5
    path = tmp_path / "survey.csv"
    path.write_bytes(b'a,b\n\n1,"x\ny"\n2,z\n')
    frame, lines, *_ = read_module._plain_csv(path)
    assert lines.tolist() == [3, 5]
    assert frame["b"].tolist() == ["x\ny", "z"]
    assert np.all(frame.dtypes == object)


def test_cx_demo_scale_writes_the_large_client_and_refuses_less_than_the_demo(tmp_path):
    import subprocess
    import sys

    cx = str(Path(sys.executable).with_name("cx"))
    done = subprocess.run([cx, "demo", "--scale", "2.1", "--out", str(tmp_path / "big")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "10,500 survey answers" in done.stdout
    assert len(pd.read_csv(tmp_path / "big" / "survey.csv", dtype=str)) == 10_500
    refused = subprocess.run([cx, "demo", "--responses", "4999", "--out", str(tmp_path / "small")],
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "at least the demo's 5,000" in refused.stderr
    assert "Traceback" not in refused.stderr
