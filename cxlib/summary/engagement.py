"""The engagement read whole: the recorded step results and the client's data, put together into
the executive summary, the value at stake, the roadmap, what to measure next and the appendix.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cxlib import sections, wording
from cxlib.data import ClientData
from cxlib.report.record import StepResult, read_result
from cxlib.report.verdict import Finding
from cxlib.sections import Section
from cxlib.steps import STEPS
from cxlib.summary.roadmap import Roadmap, next_wave, roadmap
from cxlib.summary.scorecard import Scorecard, scorecard, scorecard_table  # noqa: F401 (the notebook's table)
from cxlib.summary.story import MonthStory, key_findings, month_story
from cxlib.summary.value import value_at_stake
from cxlib.waves.change import METHOD as WAVE_METHOD
from cxlib.waves.store import REPORTS_ROOT

REPORTS = REPORTS_ROOT  # the project's reports/, where cx run writes (one rule with the history store)


def results_folder(client: str, results_dir: str | os.PathLike | None = None) -> Path | None:
    """Where the step results of ``client``'s engagement are recorded.

    ``results_dir`` when given (``cx run`` gives the run folder); else the latest run under
    ``$CX_REPORTS`` or the project's ``reports/``; None when there is none.
    """
    if results_dir:
        return Path(results_dir)
    for root in (os.environ.get("CX_REPORTS"), REPORTS):
        if root and (Path(root) / client / "latest").is_dir():
            return (Path(root) / client / "latest").resolve()
    return None


def load_results(folder: Path | None) -> dict[int, StepResult]:
    """The recorded results in ``folder`` (``<slug>.result.json`` per step), by step number."""
    if folder is None:
        return {}
    found = {}
    for step in STEPS:
        path = Path(folder) / f"{step.slug}.result.json"
        if path.is_file():
            found[step.number] = read_result(path)
    return found


def gather(client: str, client_root: str | os.PathLike, results_dir: str | os.PathLike | None = None
           ) -> dict[int, StepResult]:
    """The step results of ``client``'s engagement: recorded by a run (:func:`results_folder`), or,
    when the client has never been run, computed now by running the step notebooks (which takes
    about a minute) so the report reads the same as after ``cx run``. A ``results_dir`` given (as
    ``cx run`` gives its run folder) is read as it is, never replaced by a new run."""
    found = load_results(results_folder(client, results_dir))
    if found or results_dir is not None:  # a run's own folder is read as it is, even when its steps failed
        return found
    import tempfile

    from cxlib.engagement.runner import execute_steps

    with tempfile.TemporaryDirectory(prefix="cx-steps-") as scratch:
        execute_steps(client, Path(client_root), Path(scratch))
        return load_results(Path(scratch))


@dataclass(frozen=True)
class Engagement:
    """Everything the engagement report shows.

    Attributes
    ----------
    client : the client's name.
    results : step number -> recorded result of the steps that ran.
    card, plan : the scorecard and the roadmap.
    story : the last month's story, or None.
    findings : the three to five findings of the executive summary.
    value : the value-at-stake section (its reason when it could not run).
    """

    client: str
    results: Mapping[int, StepResult]
    card: Scorecard
    plan: Roadmap
    story: MonthStory | None
    findings: tuple[Finding, ...]
    value: Section
    period: str

    def situation(self) -> str:
        """The opening paragraph: what was read, over which period, and the overall verdict."""
        ran = len(self.results)
        text = (f"We read {self.client}'s customer data for {self.period} through the seven steps to CX "
                f"excellence. {self.card.headline(self.client)}")
        if ran < len(STEPS):
            missing = len(STEPS) - ran
            text += (f" {missing} of the seven step reports {'is' if missing == 1 else 'are'} missing from this run "
                     "because the step did not finish.")
        return text

    def value_sentence(self) -> str:
        """The value at stake in one sentence, or why it could not be computed."""
        return self.value.result.short() if self.value.ran else self.value.reason

    def kpis(self) -> list[tuple[str, str, str]]:
        """The summary's tiles: overall score, steps scored, value at stake."""
        score = "–" if self.card.score is None else f"{wording.score(self.card.score)} / 100"
        counted = len(self.card.counted)
        note = ("every step had the data it needs" if counted == len(STEPS) else
                "the others lacked the data for a full score" if self.card.table["ran"].all() else
                "the others lacked the data or did not finish")
        tiles = [("Overall score", score, self.card.maturity), ("Steps in the score", f"{counted} of 7", note)]
        if self.value.ran:
            v = self.value.result
            tiles.append(("Revenue at risk", v.money(v.at_risk),
                          f"{wording.money_span(v.at_risk_low, v.at_risk_high, v.currency)} over 12 months"))
        return tiles

    def assumptions(self) -> str:
        """The value at stake's assumptions as a list, or nothing to add when it could not run."""
        if not self.value.ran:
            return "Without the value at stake there are no assumptions to state."
        return "**Assumptions.**\n\n" + "\n".join(f"- {a}" for a in self.value.result.assumptions())

    def next_wave(self) -> pd.DataFrame:
        return next_wave(self.results, self.plan)


def build(cx: ClientData, results: Mapping[int, StepResult]) -> Engagement:
    """Read the recorded step results and the client's data together.

    Parameters
    ----------
    cx : the validated client data.
    results : step number -> recorded result (:func:`load_results`).
    """
    goals = cx.config.goals_frame()
    plan = roadmap(results, goals)
    story = month_story(cx.get("survey"), cx.get("reviews"))
    value = cx.section(value_at_stake, needs=sections.VALUE_AT_STAKE, currency=cx.config.currency,
                       period=cx.config.period.label())
    return Engagement(client=cx.config.name, results=dict(results), card=scorecard(results), plan=plan,
                      story=story, findings=key_findings(results, plan, story), value=value,
                      period=cx.config.period.label())


def data_used(cx: ClientData) -> pd.DataFrame:
    """The datasets the engagement read: file, rows and the dates they cover."""
    rows = [{"Data": sections.dataset_noun(name).capitalize(), "File": Path(cx.files[name]).name,
             "Rows": len(frame), "Dates covered": sections.covered(frame) or "–"}
            for name, frame in cx.frames.items()]
    return pd.DataFrame(rows, columns=["Data", "File", "Rows", "Dates covered"])


# The module holding each step's score rule (SCORE_RULE_TEXT), for the appendix.
SCORE_RULES = {1: "cxlib.obsession.verdict", 2: "cxlib.competition.verdict", 3: "cxlib.brand.verdict",
               4: "cxlib.omnichannel.scorecard", 5: "cxlib.empathy.verdict", 6: "cxlib.culture.verdict",
               7: "cxlib.metrics.portfolio"}


def method_notes() -> str:
    """Every step's score rule and section minimums, one block a step, for the appendix."""
    import importlib

    parts = []
    for step in STEPS:
        needs = getattr(sections, f"STEP_{step.number}")
        rule = importlib.import_module(SCORE_RULES[step.number]).SCORE_RULE_TEXT
        parts.append(f"### Step {step.number}: {step.short}\n\n{rule}\n\n" + sections.method_notes(needs))
    parts.append("### This report\n\n" + WAVE_METHOD + "\n\n" + sections.method_notes(sections.ENGAGEMENT))
    return "\n\n".join(parts)


GLOSSARY = {
    "NPS (Net Promoter Score)": "The share of customers who answer 9-10 to \u201chow likely are you to "
                                "recommend us?\u201d (promoters) minus the share who answer 0-6 (detractors), "
                                "from \u2212100 to +100.",
    "CSAT (customer satisfaction)": "The share of customers who rate their satisfaction 4 or 5 of 5.",
    "CES (customer effort score)": "How easy customers found it to deal with the company, on the survey's "
                                   "scale (1-7 in most surveys: higher is easier).",
    "Churn": "A customer who left during the period, as the customer base records it.",
    "AUC": "How well a score separates customers who left from those who stayed: 0.5 is a coin flip, "
           "1.0 perfect.",
    "Driver": "A rating that goes with the overall score in the same answers; a correlate, not a proven "
              "cause.",
    "Maturity": "Mature from 75 of 100, Competent from 50, Novice from 25, Ignoring below.",
    "95% range": "The values the true figure lies within 19 times in 20, given how many answers it rests on "
                 "(a 95% confidence interval).",
    "Wave": "One round of the engagement; the next wave re-measures the same figures.",
}


def glossary() -> pd.DataFrame:
    """The terms the pack uses, in plain words."""
    return pd.DataFrame(list(GLOSSARY.items()), columns=["Term", "Meaning"])
