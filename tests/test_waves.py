"""Every wave remembered: the history store's round trip and replacement rules (an earlier step record
is kept only on the same inputs), the change since the last wave with NPS and share tests worked by
hand, an initiative's first measure followed by its figure when its name changes, the first wave's
sentence and the overlapping waves' one, which wave counts as the last one, and the two-wave demo's
planted changes (NPS +8 points, step 7 +10 points) through ``cx demo --waves 2``, ``cx run`` and
``cx history``."""
from __future__ import annotations

import datetime as dt
import math
import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import CX, cx_run, outputs_text

from cxlib import waves
from cxlib.atomic import write_json
from cxlib.config import validate_config
from cxlib.data import ClientData
from cxlib.metrics.nps import nps_from_counts
from cxlib.metrics.portfolio import Headline
from cxlib.report.record import StepScore, verdict, write_result
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation
from cxlib.steps import STEPS
from cxlib.waves.change import MIN_ANSWERS, MeasureChange, previous_wave, share_change, step_change
from cxlib.waves.wave import KpiSource, Wave, kpi_source, sample_size

H1 = {"start": "2025-01-01", "end": "2025-06-30"}
H2 = {"start": "2025-07-01", "end": "2025-12-31"}
#: The input files' checksums a run's manifest states (file -> SHA-256), shortened.
INPUTS = {"client.yml": "aa11", "survey.csv": "bb22"}


# --- hand-built clients, records and runs ---------------------------------------------------------
def client(period: dict, survey: pd.DataFrame | None = None, root: Path = Path("acme")) -> ClientData:
    """A validated client in memory: Acme, with the given period and survey."""
    config = validate_config({"name": "Acme", "slug": "acme", "industry": "Retail", "consultant": "A",
                              "period": period})
    frames = {"survey": survey} if survey is not None else {}
    return ClientData(root=Path(root), config=config, frames=frames)


def survey(promoters: int, passives: int, detractors: int) -> pd.DataFrame:
    """Answers 10 (promoters), 8 (passives) and 3 (detractors), satisfaction 5, 4 or 2."""
    nps = [10] * promoters + [8] * passives + [3] * detractors
    return pd.DataFrame({"nps": nps, "csat": [5] * promoters + [4] * passives + [2] * detractors})


def record(step: int, score: float, *, share: float = 40.0, n: int = 200, kpi_now: float | None = None,
           theme: str = "social"):
    """A step record with one figure, a share of ``share`` % of ``n`` answers, and a move of ``theme``
    whose KPI is that share (higher is better)."""
    kpi = Kpi("Posts answered", share if kpi_now is None else kpi_now, 80, "%")
    findings = [Finding("Most posts go unanswered.", (Figure("posts answered", share, "%", f"social posts (n = {n:,})"),)),
                "b", "c"]
    move = Recommendation("Answer every post", "x", theme=theme, kpi=kpi)
    padding = [Recommendation(f"Collect data {k}", "x", theme="data", impact="Low", effort="Low") for k in range(3)]
    return verdict(step, StepScore.from_rows([("Part", score, 100, "basis")]), findings, [move],
                   score_rule="rule", reserve=padding).step


def run_folder(tmp: Path, run_id: str, scores: dict[int, float | object], failed: tuple[int, ...] = (),
               inputs: dict[str, str] | None = INPUTS) -> Path:
    """A finished run folder: each step's record (a score, or the record itself) and the manifest, as
    ``cx run`` writes it: the engagement (step 0) and each step with its status (``failed`` steps marked
    so), and the input files' checksums."""
    folder = tmp / run_id
    folder.mkdir(parents=True)
    for number, score in scores.items():
        result = record(number, score) if isinstance(score, (int, float)) else score
        write_result(result, folder / f"{STEPS[number - 1].slug}.result.json")
    steps = [{"step": 0, "status": "ok"}] + [{"step": n, "status": "failed" if n in failed else "ok"} for n in scores]
    write_json(folder / "manifest.json", {"run_id": run_id, "started_at": "2026-01-01T10:00:00",
                                          "status": "failed" if failed else "ok", "steps": steps,
                                          "inputs": {"sha256": inputs, "datasets_missing": []}})
    return folder


# --- the store ------------------------------------------------------------------------------------
def test_a_figures_sample_is_the_count_its_population_closes_on():
    assert sample_size("survey answers (n = 4,903)") == 4903
    assert sample_size("linked answers (n = 3,456), rated SIM activation (n = 317)") == 317
    assert sample_size("social export: 1,350 posts about Acme") == 1350
    assert sample_size("survey: the 2,833 customers who answered which brands they considered") == 2833
    assert sample_size("support replies of the ranked agents (n = 28 agents)") is None
    assert sample_size("brand promise list") is None


def test_the_store_path_follows_the_reports_folder_rule(tmp_path):
    assert waves.store_path("acme", tmp_path) == tmp_path / "acme" / "history.sqlite"
    # cx run's rule: client.yml's slug when the folder carries it, else the folder's own name
    assert waves.client_folder(client(H1, root=tmp_path / "acme")) == "acme"
    assert waves.client_folder(client(H1, root=tmp_path / "acme-2025")) == "acme-2025"


def test_a_recorded_run_reads_back_as_its_wave(tmp_path):
    store = waves.store_path("acme", tmp_path)
    data = client(H1, survey(160, 160, 80))  # 400 answers: (160 - 80) / 400 = +20
    waves.record_run(store, data, run_folder(tmp_path, "run-a", {1: 40.0, 7: 62.0}))
    (wave,) = waves.read_waves(store)
    assert (wave.start, wave.end, wave.label) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30), "1 Jan – 30 Jun 2025")
    assert wave.run_id == "run-a" and wave.status == "ok" and wave.client == "Acme"
    assert (wave.headline.nps.score, wave.headline.nps.n, wave.headline.nps.promoters,
            wave.headline.nps.detractors) == (20.0, 400, 160, 80)
    assert wave.headline.csat.share == pytest.approx(80.0)  # 320 of 400 rate 4 or 5
    assert wave.headline.ces is None  # the survey does not ask effort
    assert {n: r.score for n, r in wave.results.items()} == {1: 40.0, 7: 62.0}
    assert wave.figure(1, "Posts answered").value == 40.0
    (social,) = wave.initiatives  # the roadmap of the two records: one theme
    assert social.name == "Answer customers on social media" and social.kpi.baseline == 40.0
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT n FROM figures WHERE step = 1").fetchone() == (200,)
        assert conn.execute("SELECT metric, baseline FROM kpis WHERE step = 7").fetchone() == ("Posts answered", 40.0)
    table = waves.history_table(store)
    assert list(table.columns[:6]) == ["Wave", "Run", "NPS", "NPS answers", "CSAT (4-5 of 5)", "CES (1-7)"]
    assert table.iloc[0][["NPS", "NPS answers", "CSAT (4-5 of 5)", "CES (1-7)", "Customer obsession",
                          "Competitors", "CX metrics"]].tolist() == ["+20", "400", "80%", "–", "40", "–", "62"]


def test_a_rerun_of_a_wave_replaces_it_but_a_failed_step_keeps_its_earlier_record(tmp_path):
    store = waves.store_path("acme", tmp_path)
    data = client(H1, survey(160, 160, 80))
    waves.record_run(store, data, run_folder(tmp_path, "run-a", {1: 40.0, 2: 50.0}))
    # the same period again, on the same input files: step 1 re-scored, step 2 failed (its record,
    # written before the failure, is not taken), step 3 new
    waves.record_run(store, data, run_folder(tmp_path, "run-b", {1: 45.0, 2: 10.0, 3: 70.0}, failed=(2,)))
    (wave,) = waves.read_waves(store)
    assert wave.run_id == "run-b" and wave.status == "failed"
    assert {n: r.score for n, r in wave.results.items()} == {1: 45.0, 2: 50.0, 3: 70.0}
    assert wave.step_runs == {1: "run-b", 2: "run-a", 3: "run-b"}
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM waves").fetchone() == (1,)
        assert conn.execute("SELECT COUNT(*) FROM steps").fetchone() == (3,)
        assert conn.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall() == [
            ("run-a", "ok"), ("run-b", "failed")]
    # a step that failed with no earlier record of the wave is simply absent
    waves.record_run(store, client(H2, survey(10, 10, 10)), run_folder(tmp_path, "run-c", {4: 30.0}, failed=(4,)))
    assert waves.read_waves(store)[1].results == {}


def test_a_rerun_on_other_inputs_drops_the_earlier_record_of_a_step_it_did_not_finish(tmp_path):
    store = waves.store_path("acme", tmp_path)
    data = client(H1, survey(160, 160, 80))
    # run-a: step 1 (a social move) and step 2 (an empathy move), both finished, on INPUTS
    waves.record_run(store, data, run_folder(tmp_path, "run-a", {1: 40.0, 2: record(2, 50.0, theme="empathy")}))
    assert {i.theme for i in waves.read_waves(store)[0].initiatives} == {"social", "empathy"}
    # run-b: the survey file changed; step 2 failed this time, so its record of the old survey is dropped
    changed = {**INPUTS, "survey.csv": "cc33"}
    waves.record_run(store, data, run_folder(tmp_path, "run-b", {1: 45.0, 2: 10.0}, failed=(2,), inputs=changed))
    (wave,) = waves.read_waves(store)
    assert {n: r.score for n, r in wave.results.items()} == {1: 45.0} and wave.step_runs == {1: "run-b"}
    assert [i.theme for i in wave.initiatives] == ["social"]  # the roadmap is rebuilt without step 2
    assert wave.steps_run == {1, 2}  # step 2 was run on these inputs and did not finish
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM steps").fetchone() == (1,)
        assert conn.execute("SELECT COUNT(*) FROM kpis WHERE step = 2").fetchone() == (0,)
        assert conn.execute("SELECT inputs, steps_run FROM runs WHERE run_id = 'run-b'").fetchone() == (
            '{"client.yml": "aa11", "survey.csv": "cc33"}', "1,2")
    # a run whose inputs are not known cannot show they are the same: the earlier record is dropped too
    waves.record_run(store, data, run_folder(tmp_path, "run-c", {1: 47.0, 2: 10.0}, failed=(2,), inputs=changed))
    waves.record_run(store, data, run_folder(tmp_path, "run-d", {2: 10.0}, failed=(2,), inputs=None))
    assert waves.read_waves(store)[0].results == {}


def test_a_notebook_finds_the_store_where_it_finds_the_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("CX_REPORTS", str(tmp_path))
    assert waves.read_waves(tmp_path / "none.sqlite") == ()
    assert waves.find_store("acme") is None and waves.history("acme") == ()
    assert not (tmp_path / "none.sqlite").exists()  # reading never creates a store
    store = waves.store_path("acme", tmp_path)
    waves.record_run(store, client(H2, survey(5, 5, 5)), run_folder(tmp_path, "run-b", {1: 50.0}))
    waves.record_run(store, client(H1, survey(5, 5, 5)), run_folder(tmp_path, "run-a", {1: 40.0}))
    assert waves.find_store("acme") == store  # under $CX_REPORTS, as the latest run is found
    assert [w.run_id for w in waves.history("acme")] == ["run-a", "run-b"]  # oldest period first
    assert waves.find_store("acme", tmp_path / "given.sqlite") == tmp_path / "given.sqlite"  # cx run's path wins


# --- which wave is the last one -------------------------------------------------------------------
def _wave(start: str, end: str, run_at: str = "") -> Wave:
    return Wave(label=f"{start} – {end}", start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end),
                run_at=run_at)


def test_the_last_wave_is_the_latest_that_ended_before_this_one_started():
    h1, h2, h2b = _wave("2025-01-01", "2025-06-30"), _wave("2025-07-01", "2025-12-31"), _wave("2024-07-01", "2024-12-31")
    overlapping = _wave("2025-03-01", "2025-08-31")
    assert previous_wave([h2b, h1, h2, overlapping], dt.date(2025, 7, 1)) == h1
    # a re-run of the current period (recorded as the same wave) is never its own last wave
    assert previous_wave([h2], dt.date(2025, 7, 1)) is None
    assert previous_wave([], dt.date(2025, 7, 1)) is None


def test_the_first_wave_says_so_in_one_sentence():
    data = client(H1, survey(10, 10, 10))
    change = step_change([], data, record(7, 60.0))
    assert change.headline() == ("This is the first wave recorded for Acme, so there is nothing to compare yet; "
                                 "changes since the last wave show from the next wave.")
    section = waves.since_last_wave([_wave("2025-01-01", "2025-06-30")], data, {7: record(7, 60.0)})
    assert not section.ran and section.reason == change.headline()  # the same period is not a last wave
    # a step report shows it as the section's reason, never as a finding
    step = waves.step_since_last_wave([], data, record(7, 60.0))
    assert not step.ran and step.reason == change.headline()


def test_waves_overlapping_this_period_are_named_not_called_a_first_wave(tmp_path):
    store = waves.store_path("acme", tmp_path)
    for run_id, period in (("run-q", {"start": "2025-03-01", "end": "2025-08-31"}), ("run-h2", H2),
                           ("run-next", {"start": "2026-01-01", "end": "2026-06-30"})):
        waves.record_run(store, client(period, survey(5, 5, 5)), run_folder(tmp_path, run_id, {7: 50.0}))
    history = waves.read_waves(store)
    # H2 (1 Jul - 31 Dec 2025): 1 Mar - 31 Aug 2025 ends after it starts; its own earlier run is the same wave
    data = client(H2, survey(10, 10, 10))
    expected = ("The wave of 1 Mar – 31 Aug 2025 recorded for Acme overlaps this period, so it is not compared "
                "with it, and no other wave recorded ends before this one starts: there is no last wave to "
                "compare with yet.")
    assert step_change(history, data, record(7, 60.0)).headline() == expected
    section = waves.since_last_wave(history, data, {7: record(7, 60.0)})
    assert not section.ran and section.reason == expected and "first wave" not in section.reason
    # two overlapping waves are both named
    wide = client({"start": "2025-06-01", "end": "2026-03-31"}, survey(10, 10, 10))
    assert step_change(history, wide, record(7, 60.0)).headline().startswith(
        "The waves of 1 Mar – 31 Aug 2025, 1 Jul – 31 Dec 2025 and 1 Jan – 30 Jun 2026 recorded for Acme overlap "
        "this period, so they are not compared with it")
    # only later waves recorded
    early = client({"start": "2024-01-01", "end": "2024-06-30"}, survey(10, 10, 10))
    assert step_change(history, early, record(7, 60.0)).headline().startswith(
        "No wave recorded for Acme ends before this one starts (the waves of 1 Mar – 31 Aug 2025, ")


def test_a_step_not_run_in_the_last_wave_is_not_said_to_have_failed(tmp_path):
    store = waves.store_path("acme", tmp_path)
    data = client(H1, survey(160, 160, 80))
    # the last wave: a full run where step 3 failed, then `cx run --steps 7` on the same inputs
    waves.record_run(store, data, run_folder(tmp_path, "run-a", {1: 40.0, 2: 50.0, 3: 10.0, 7: 45.0}, failed=(3,)))
    waves.record_run(store, data, run_folder(tmp_path, "run-b", {7: 47.0}))
    assert waves.read_waves(store)[0].steps_run == {1, 2, 3, 7}
    # another client's last wave recorded by `cx run --steps 7` alone: steps 1-6 were not run
    only7 = tmp_path / "only7"
    waves.record_run(waves.store_path("acme", only7), data, run_folder(only7, "run-c", {7: 47.0}))
    history7 = waves.read_waves(waves.store_path("acme", only7))
    now = client(H2, survey(250, 175, 75))
    assert step_change(history7, now, record(3, 60.0)).score.clause() == "this step was not run in the last wave"
    assert step_change(waves.read_waves(store), now, record(3, 60.0)).score.clause() == (
        "this step has no record from the last wave (it did not finish then)")
    assert step_change(waves.read_waves(store), now, record(4, 60.0)).score.clause() == (
        "this step was not run in the last wave")
    table = waves.wave_change(waves.read_waves(store)[0],
                              waves.wave_of(now, {3: record(3, 60.0), 4: record(4, 61.0)})).scores_table()
    assert table.set_index("Step")["Last wave"].to_dict() == {
        "1. Customer obsession": "40", "2. Competitors": "50", "3. Brand and journey": "did not finish",
        "4. Omnichannel": "not run", "7. CX metrics": "47"}
    # a wave held only in memory does not know what was run: its missing steps have "no record"
    assert table.set_index("Step")["This wave"]["7. CX metrics"] == "no record"


# --- the change, with the tests worked by hand ----------------------------------------------------
def test_nps_change_is_tested_with_both_answer_counts_stated():
    then, now = Headline(nps_from_counts(400, 160, 80), None, None), Headline(nps_from_counts(500, 250, 75), None, None)
    change = waves.change.nps_change(then, now)
    # +20 (160 - 80 of 400) to +35 (250 - 75 of 500); variances (0.4 + 0.2 - 0.2²) / 400 = 0.0014 and
    # (0.5 + 0.15 - 0.35²) / 500 = 0.001055; z = 0.15 / sqrt(0.002455) = 3.03, p = 0.0025
    z = 0.15 / math.sqrt(0.0014 + 0.001055)
    assert z == pytest.approx(3.027, abs=0.001)
    assert change.p_value == pytest.approx(math.erfc(z / math.sqrt(2)))
    assert change.sentence() == ("NPS rose from +20 to +35, +15 points (400 answers then and 500 now; the test "
                                 "needs 30 a wave): larger than chance.")
    # +20 to +24 on 100 answers each: variances 0.56 / 100 and (0.42 + 0.18 - 0.24²) / 100 = 0.005424,
    # z = 0.04 / sqrt(0.011024) = 0.38, within chance
    small = waves.change.nps_change(Headline(nps_from_counts(100, 40, 20), None, None),
                                    Headline(nps_from_counts(100, 42, 18), None, None))
    assert small.p_value == pytest.approx(math.erfc(0.04 / math.sqrt(0.0056 + 0.005424) / math.sqrt(2)))
    assert small.sentence().endswith("(100 answers then and 100 now; the test needs 30 a wave): within what "
                                      "chance alone produces.")
    few = waves.change.nps_change(Headline(nps_from_counts(20, 8, 4), None, None), now)
    assert few.p_value is None and f"too few to test against chance, which needs at least {MIN_ANSWERS} a wave" in \
        few.sentence()


def test_a_share_with_known_answers_is_tested_and_other_figures_are_not():
    # 40% of 200 then, 50% of 200 now: pooled 45%, z = 0.10 / sqrt(0.45 x 0.55 x 2 / 200) = 2.01, p = 0.044
    change = share_change("the share of posts answered", 40.0, 50.0, 200, 200)
    assert change.p_value == pytest.approx(math.erfc(0.10 / math.sqrt(0.45 * 0.55 * 2 / 200) / math.sqrt(2)))
    assert change.sentence() == ("The share of posts answered rose from 40% to 50% (n = 200 then and 200 now; the "
                                 "test needs 30 a wave): larger than chance.")
    stars = MeasureChange("the mean review rating", "of 5", 3.0, 3.2)
    assert stars.sentence() == "The mean review rating rose from 3.0 to 3.2 of 5 (not tested against chance)."
    assert MeasureChange("the mean review rating", "of 5", 3.01, 2.98).sentence() == \
        "The mean review rating stayed at 3.0 of 5."


def test_an_initiatives_first_measure_is_followed_as_association_not_cause():
    last = waves.wave_of(client(H1, survey(160, 160, 80)), {1: record(1, 40.0, share=40.0, n=200)})
    now = waves.wave_of(client(H2, survey(250, 175, 75)), {1: record(1, 55.0, share=50.0, n=200)})
    change = waves.wave_change(last, now)
    (posts,) = change.initiatives
    assert (posts.then, posts.now, posts.n_then, posts.n_now) == (40.0, 50.0, 200, 200)
    assert posts.aimed() is True and posts.verdict() == "Rose, the way it aims; larger than chance"
    assert change.initiatives_headline() == ("Of the first measures of last wave's 1 initiative, 1 moved the way its "
                                             "initiative aims (1 by more than chance).")
    assert change.headline().startswith("Against the last wave (1 Jan – 30 Jun 2025), NPS rose from +20 to +35")
    for text in (change.headline(), posts.sentence()):
        assert not any(word in text for word in ("raised", "caused", "because", "drove", "lifted"))
    assert change.scores_table().iloc[0].tolist() == ["1. Customer obsession", "40", "55", "+15", "Novice",
                                                      "Competent"]
    assert change.initiatives_table().iloc[0].tolist() == ["Answer customers on social media", "Posts answered",
                                                           "40%", "50%", "Rose, the way it aims; larger than chance"]
    # a measure this wave neither names nor states is no longer tracked, and the table says so
    gone = waves.wave_change(last, waves.wave_of(client(H2, survey(1, 1, 1)), {}))
    assert gone.initiatives[0].verdict() == "No longer tracked this wave"
    assert gone.initiatives_table().iloc[0]["This wave"] == "no longer tracked"
    assert gone.scores_table().iloc[0][["This wave", "Change"]].tolist() == ["no record", "–"]


def touchpoint_record(step: int, worst: str, rated_badly: dict[str, tuple[float, int]]):
    """A step-3-like record: a finding stating, for each touchpoint, the share of customers who rated it
    1-2 of 5 and of how many, and the move to fix the worst, whose KPI is named by it ("SIM activation
    rated 1-2 of 5", lower is better) and takes its value from the worst's figure."""
    figures = tuple(Figure(f"customers who rated {name} 1-2 of 5", share, "%", f"journey ratings of {name} (n = {n:,})")
                    for name, (share, n) in rated_badly.items())
    kpi = Kpi(f"{worst} rated 1-2 of 5", rated_badly[worst][0], 10.0, "%", "x", higher_is_better=False)
    move = Recommendation(f"Fix {worst} first", "x", theme="journey", kpi=kpi)
    padding = [Recommendation(f"Collect data {k}", "x", theme="data", impact="Low", effort="Low") for k in range(3)]
    return verdict(step, StepScore.from_rows([("Part", 50.0, 100, "basis")]),
                   [Finding("Touchpoints rated badly.", figures), "b", "c"], [move], score_rule="rule",
                   reserve=padding).step


def test_an_initiative_whose_kpi_is_renamed_is_followed_by_the_figure_it_came_from():
    # last wave: SIM activation the worst touchpoint, 22% of 300 rated it 1-2 of 5
    last = waves.wave_of(client(H1, survey(160, 160, 80)), {
        3: touchpoint_record(3, "SIM activation", {"SIM activation": (22.0, 300), "billing": (15.0, 400)})})
    # this wave it improved to 12% of 310, billing (18%) is now the worst: no KPI names SIM activation
    now = waves.wave_of(client(H2, survey(250, 175, 75)), {
        3: touchpoint_record(3, "billing", {"SIM activation": (12.0, 310), "billing": (18.0, 400)})})
    (sim,) = waves.wave_change(last, now).initiatives
    assert (sim.then, sim.now, sim.n_then, sim.n_now) == (22.0, 12.0, 300, 310)  # never billing's 18%
    # the figure the KPI was taken from, recognised when the last wave was recorded
    assert last.source_of(last.initiatives[0].kpi) == KpiSource(
        "SIM activation rated 1-2 of 5", 22.0, 3, 1, "customers who rated SIM activation 1-2 of 5", "%", 300)
    # 66 of 300 then, 37 of 310 now: pooled 103 / 610 = 16.9%; z = 0.1006 / sqrt(0.169 x 0.831 x (1/300 + 1/310))
    pooled = 103 / 610
    z = (66 / 300 - 37 / 310) / math.sqrt(pooled * (1 - pooled) * (1 / 300 + 1 / 310))
    assert sim.p_value == pytest.approx(math.erfc(z / math.sqrt(2)))
    assert sim.aimed() is True and sim.verdict() == "Fell, the way it aims; larger than chance"
    assert sim.sentence() == ("SIM activation rated 1-2 of 5 fell from 22% to 12% (n = 300 then and 310 now; the "
                              "test needs 30 a wave): larger than chance.")
    # the figure gone too: no longer tracked this wave, never "not measured", never billing's figure
    gone = waves.wave_of(client(H2, survey(250, 175, 75)), {
        3: touchpoint_record(3, "billing", {"billing": (18.0, 400)})})
    change = waves.wave_change(last, gone)
    (sim,) = change.initiatives
    assert sim.now is None and sim.verdict() == "No longer tracked this wave"
    assert sim.sentence() == "SIM activation rated 1-2 of 5 is no longer tracked this wave, so its change is unknown."
    assert change.initiatives_headline() == ("Of the first measures of last wave's 1 initiative, 1 is no longer "
                                             "tracked this wave.")
    assert "not measured" not in change.initiatives_table().iloc[0].to_string()


def test_the_kpi_source_is_recognised_through_the_store(tmp_path):
    store = waves.store_path("acme", tmp_path)
    result = touchpoint_record(3, "SIM activation", {"SIM activation": (22.0, 300), "billing": (15.0, 400)})
    waves.record_run(store, client(H1, survey(160, 160, 80)), run_folder(tmp_path, "run-a", {3: result}))
    (wave,) = waves.read_waves(store)
    assert wave.sources == (KpiSource("SIM activation rated 1-2 of 5", 22.0, 3, 1,
                                      "customers who rated SIM activation 1-2 of 5", "%", 300),)
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT metric, source_finding, source_quantity, source_unit, source_n FROM kpis").fetchall() \
            == [("SIM activation rated 1-2 of 5", 1, "customers who rated SIM activation 1-2 of 5", "%", 300)]


def test_a_kpis_sample_comes_only_from_its_own_figure():
    # 50% answered, from no stated figure; another step states an unrelated 50.0% of 40 staff
    kpi = Kpi("Posts answered", 50.0, 80, "%")
    move = Recommendation("Answer every post", "x", theme="social", kpi=kpi)
    padding = [Recommendation(f"Collect data {k}", "x", theme="data", impact="Low", effort="Low") for k in range(3)]
    posts = verdict(2, StepScore.from_rows([("Part", 50.0, 100, "basis")]), ["a", "b", "c"], [move],
                    score_rule="rule", reserve=padding).step
    staff = verdict(6, StepScore.from_rows([("Part", 50.0, 100, "basis")]),
                    [Finding("Half the staff agree.", (Figure("staff who agree", 50.0, "%", "employee survey (n = 40)"),)),
                     "b", "c"], [], score_rule="rule", reserve=padding).step
    last = waves.wave_of(client(H1, survey(160, 160, 80)), {2: posts, 6: staff})
    assert last.kpi_sample(kpi) is None  # not the staff figure's 40
    now = waves.wave_of(client(H2, survey(250, 175, 75)), {2: record(2, 60.0, share=65.0, n=300)})
    (answered,) = waves.wave_change(last, now).initiatives
    assert (answered.then, answered.now, answered.n_then, answered.n_now) == (50.0, 65.0, None, 300)
    assert not answered.testable and answered.p_value is None
    assert answered.sentence() == "Posts answered rose from 50% to 65% (not tested against chance)."
    # two figures of one step stating the KPI's value, equally close to its name: neither is guessed
    twice = (Figure("posts answered, email", 50.0, "%", "email (n = 90)"),
             Figure("posts answered, chat", 50.0, "%", "chat (n = 70)"))
    ambiguous = verdict(2, StepScore.from_rows([("Part", 50.0, 100, "basis")]),
                        [Finding("Half answered.", twice), "b", "c"], [move], score_rule="rule", reserve=padding).step
    assert kpi_source(2, ambiguous, kpi) is None
    # of two figures with the value, the one whose quantity shares the KPI's words is its own
    clarity = Kpi("Answers agreeing on Clarity", 30.0, None, "%")
    dims = (Figure("answers agreeing, Values", 30.0, "%", "employee survey (n = 300)"),
            Figure("answers agreeing, Clarity", 30.0, "%", "employee survey (n = 300)"))
    culture = verdict(6, StepScore.from_rows([("Part", 50.0, 100, "basis")]),
                      [Finding("Agreement.", dims), "b", "c"],
                      [Recommendation("Clarify", "x", theme="culture", kpi=clarity)], score_rule="rule",
                      reserve=padding).step
    assert kpi_source(6, culture, clarity).quantity == "answers agreeing, Clarity"


def test_a_store_of_the_first_schema_is_read_and_upgraded(tmp_path):
    store = waves.store_path("acme", tmp_path)
    result = touchpoint_record(3, "SIM activation", {"SIM activation": (22.0, 300), "billing": (15.0, 400)})
    waves.record_run(store, client(H1, survey(160, 160, 80)), run_folder(tmp_path, "run-a", {3: result}))
    with sqlite3.connect(store) as conn:  # back to the first schema: the columns added since dropped
        for table, column in (("runs", "steps_run"), ("runs", "inputs"), ("waves", "steps_run"),
                              ("kpis", "source_finding"), ("kpis", "source_quantity"), ("kpis", "source_unit"),
                              ("kpis", "source_n")):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute("PRAGMA user_version = 1")
    (old,) = waves.read_waves(store)  # read as it is: sources from the records, steps run not known
    assert old.sources[0].quantity == "customers who rated SIM activation 1-2 of 5" and old.steps_run is None
    waves.record_run(store, client(H2, survey(5, 5, 5)), run_folder(tmp_path, "run-b", {7: 50.0}))
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (2,)
        assert conn.execute("SELECT source_quantity, source_n FROM kpis WHERE step = 3").fetchone() == (
            "customers who rated SIM activation 1-2 of 5", 300)


def test_a_step_states_its_score_and_its_headline_figure_since_the_last_wave():
    last = waves.wave_of(client(H1, survey(160, 160, 80)), {7: record(7, 45.0)})
    data = client(H2, survey(250, 175, 75))
    text = step_change([last], data, record(7, 69.0)).headline()
    assert text == ("Against the last wave (1 Jan – 30 Jun 2025), this step's score rose from 45 to 69 of 100 (Novice "
                    "then, Competent now); NPS rose from +20 to +35, +15 points (400 answers then and 500 now; the "
                    "test needs 30 a wave): larger than chance.")


# --- the two-wave demo ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_waves():
    from cxlib.demo.waves import build_wave

    return build_wave(1, 2), build_wave(2, 2)


def test_the_demo_waves_are_one_client_over_consecutive_years(demo_waves):
    from cxlib.demo import client as demo_client
    from cxlib.demo.waves import NAME, SLUG

    (first, frames1), (second, frames2) = demo_waves
    assert first["name"] == second["name"] == NAME and first["slug"] == second["slug"] == SLUG
    assert second["period"] == {"start": demo_client.PERIOD_START, "end": demo_client.PERIOD_END}
    assert first["period"]["end"] + dt.timedelta(days=1) == second["period"]["start"]
    assert frames1["survey"]["responded_at"].max() <= pd.Timestamp(first["period"]["end"]) + pd.Timedelta(days=1)
    assert len(frames1["survey"]) == len(frames2["survey"])


def test_the_demo_nps_rises_eight_points_between_waves_beyond_chance(demo_waves):
    from cxlib.demo.waves import NPS_RISE

    (_, frames1), (_, frames2) = demo_waves
    # with plain pandas: (promoters - detractors) / answers, each wave
    shares = [100 * ((f["survey"]["nps"] >= 9).sum() - (f["survey"]["nps"] <= 6).sum()) / f["survey"]["nps"].notna().sum()
              for f in (frames1, frames2)]
    assert shares[1] - shares[0] == pytest.approx(NPS_RISE, abs=0.05)
    # through the history's own change test
    heads = [waves.wave.survey_headline(f["survey"]) for f in (frames1, frames2)]
    change = waves.change.nps_change(*heads)
    assert change.shown_change == 8 and change.beyond_chance and change.p_value < 1e-6
    # the inflated agent's planted 10s are untouched
    agent = [f["survey"].loc[f["survey"]["agent_id"] == "AG-117", "nps"].tolist() for f in (frames1, frames2)]
    assert agent[0] == agent[1]


def test_the_demo_step_7_scores_ten_points_more_in_the_second_wave(demo_waves):
    from cxlib.demo.waves import STEP7_RISE
    from cxlib.metrics.catalog import audit_catalog
    from cxlib.metrics.portfolio import portfolio_score

    parts = []
    for config, frames in demo_waves:
        goals = validate_config(config).goals_frame()
        table = audit_catalog(frames["metrics"], goals, as_of=pd.Timestamp(config["period"]["end"]))
        parts.append((int(table["smart_goal"].sum()), int(table["in_use"].sum())))
        # the other parts held equal: only the catalog moves the score
        score = portfolio_score(responses={"nps": 5000, "csat": 5000, "ces": 5000}, catalog=table, reported_nps=27,
                                adjusted_nps=26, best_auc=0.67)
        parts[-1] += (score.score,)
    assert [p[:2] for p in parts] == [(2, 3), (5, 6)]  # tied to a SMART goal, in use: of 12
    assert parts[1][2] - parts[0][2] == pytest.approx(STEP7_RISE, abs=0.1)


def test_two_demo_waves_run_through_cx_demo_and_cx_run_and_cx_history_lists_them(tmp_path):
    """Wave 1 through ``cx demo --waves 2`` (its whole engagement, about 60 s), wave 2's step 7 through
    ``cx run`` (about 20 s): each run recorded by the command itself, the store read as they left it."""
    import nbformat

    from cxlib.demo.waves import SLUG

    clients, reports = tmp_path / "client_data", tmp_path / "reports"
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("CX_REPORTS", None)  # the reports find the history where cx run says, nowhere else
    demo = subprocess.run([CX, "demo", "--waves", "2", "--out", str(clients / SLUG), "--reports", str(reports)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    store = waves.store_path(SLUG, reports)
    assert [w.label for w in waves.read_waves(store)] == ["1 Nov 2024 – 31 Oct 2025"]
    done = cx_run(clients / SLUG, reports, "--steps", "7", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    first, second = waves.read_waves(store)
    assert (first.steps_run, second.steps_run) == (frozenset(range(1, 8)), frozenset({7}))
    assert second.run_id == (reports / SLUG / "latest").resolve().name
    table = waves.history_table(store)
    assert table["Wave"].tolist() == ["1 Nov 2024 – 31 Oct 2025", "1 Nov 2025 – 31 Oct 2026"]
    assert table["NPS"].tolist() == ["+19", "+27"]
    assert int(table["CX metrics"][1]) - int(table["CX metrics"][0]) == 10
    listed = subprocess.run([CX, "history", SLUG, "--reports", str(reports)], capture_output=True, text=True,
                            timeout=120, env=env)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    rows = [line for line in listed.stdout.splitlines() if "Oct 202" in line]
    assert len(rows) == 2 and "+19" in rows[0] and "+27" in rows[1], listed.stdout
    shown = outputs_text(nbformat.read(reports / SLUG / "latest" / "07_metrics.ipynb", as_version=4))
    moved = re.search(r"Against the last wave \(1 Nov 2024 – 31 Oct 2025\), this step's score rose from (\d+) to (\d+) "
                      r"of 100.*; NPS rose from \+19 to \+27, \+8 points \(4,903 answers then and 4,903 now; the test "
                      r"needs 30 a wave\): larger than chance\.", shown)
    assert moved and int(moved[2]) - int(moved[1]) == 10, shown[-3000:]
