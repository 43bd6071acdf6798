"""The say-do gap: leadership's self-assessment of each practice against the evidence in the data.

The say-do gap is self-score minus evidence score, both on 1-5 and each rounded to the one decimal
the report prints, so that "self-assessment 4.5, evidence 3.5" is a say-do gap of 1.0 wherever it
is read. Leadership is *overconfident* on a practice when it rates itself :data:`OVERCONFIDENT_AT`
point or more above the evidence, *too modest* when it rates itself that much below, and *in line*
in between. A practice without evidence cannot be judged ("Not measured": the data provided do not
speak to it, or too thinly); one leadership did not rate is "Not rated".

The say-do gap is named apart from the *room to improve* of :mod:`cxlib.obsession.priorities` (5
minus the evidence score): the one compares leadership with the data, the other the data with best
practice.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from cxlib.obsession.evidence import SPEED_HOURS, EvidenceResult, evidence_population, evidence_source
from cxlib.obsession.practices import (
    SelfAssessment,
    noun,
    practices_count,
    self_assessment,
    share_of,
)
from cxlib.report.verdict import Figure, Finding
from cxlib.sections import Section, run_section
from cxlib.sections.step1 import SAY_DO_GAP, dataset_noun
from cxlib.wording import and_list, duration, signed

OVERCONFIDENT_AT = 1.0  # self-score minus evidence, points on the 1-5 scale
MODEST_AT = 0.5         # an in-line practice rated this far below its evidence is undersold
OVERCONFIDENT, IN_LINE, TOO_MODEST = "Overconfident", "In line", "Too modest"
NO_EVIDENCE, NOT_RATED = "Not measured", "Not rated"
COLUMNS = ["practice", "label", "self_score", "evidence", "low", "high", "gap", "status", "cited",
           "owner", "basis", "facts", "sources"]
SOURCE = "cxlib.obsession.gap.say_do_gap"


def constant(value: float) -> str:
    """A rule's constant as its sentence writes it, exactly as set: 1.0 -> "1", 0.5 -> "0.5", 80.0 -> "80"."""
    return f"{value:g}"


def margin(threshold: float = OVERCONFIDENT_AT) -> str:
    """The threshold as a sentence states it: 1.0 -> "1 point or more", 1.5 -> "1.5 points or more"."""
    return f"{constant(threshold)} point{'' if threshold == 1 else 's'} or more"


GAP_RULE_TEXT = (
    "Leadership scored each practice from 1 to 5; we scored the same practices again from the company's own "
    "data, wherever a dataset speaks to them. The **say-do gap** is leadership's score minus the evidence "
    f"score, on the same 1-5 scale. Where leadership sits {margin()} above the evidence it is "
    "*overconfident*, and the practice is a blind spot (nobody works on what everybody believes is done); "
    f"{margin()} below, it is *too modest*; in between, *in line* (an in-line practice rated "
    f"{constant(MODEST_AT)} point or more below its evidence is said to be undersold)."
)


def status(gap: float, *, threshold: float = OVERCONFIDENT_AT) -> str:
    """Overconfident (gap >= threshold), too modest (gap <= -threshold) or in line."""
    if gap >= threshold - 1e-9:
        return OVERCONFIDENT
    if gap <= -threshold + 1e-9:
        return TOO_MODEST
    return IN_LINE


def _both(s: float, e: float) -> str:
    return f"self-assessment {s:.1f}, evidence {e:.1f}"


def self_population() -> str:
    """Where leadership's scores come from, as a figure names it."""
    return f"leadership's {dataset_noun('practices')}, 1-5"


def both_figures(row) -> tuple[Figure, Figure]:
    """A practice's self-assessment and evidence score (a gap table row) as figures."""
    return (Figure(f"self-assessment, {noun(row.practice)}", row.self_score, "of 5", self_population()),
            Figure(f"evidence score, {noun(row.practice)}", row.evidence, "of 5", evidence_population(row.sources)))


def _join(parts: list[str]) -> str:
    return and_list(parts)


def _cell(value: float, *, sign: bool = False) -> str:
    """A score or say-do gap as a table cell: "3.1", "+1.4", "−0.6", "–" when missing."""
    if not np.isfinite(value):
        return "\u2013"
    return signed(value, 1) if sign else f"{value:.1f}"


@dataclass(frozen=True)
class SayDoGap:
    """Self-score against evidence per practice, in the seed's order (``table``: COLUMNS)."""

    table: pd.DataFrame
    threshold: float = OVERCONFIDENT_AT

    @property
    def compared(self) -> pd.DataFrame:
        """Practices with both a self-score and evidence."""
        return self.table.dropna(subset=["gap"])

    @property
    def overconfident(self) -> pd.DataFrame:
        """Overconfident practices, largest gap first."""
        rows = self.table[self.table["status"] == OVERCONFIDENT]
        return rows.sort_values("gap", ascending=False, kind="stable")

    @property
    def in_line(self) -> pd.DataFrame:
        """Practices rated within the threshold of the evidence, strongest evidence first."""
        rows = self.table[self.table["status"] == IN_LINE]
        return rows.sort_values("evidence", ascending=False, kind="stable")

    def title(self) -> str:
        """Action title for the dumbbell chart."""
        over = self.overconfident
        if self.compared.empty:
            return "Leadership's view cannot be checked against the data"
        if over.empty:
            return "Leadership's view of its practices matches the evidence"
        names = [noun(p) for p in over["practice"]]
        if len(names) > 2:
            return f"Leadership overrates {len(names)} of its practices, most of all {names[0]}"
        return f"Leadership overrates {_join(names)}"

    def headline(self) -> str:
        """Which practices leadership overrates, with both scores."""
        compared = self.compared
        if self.table["self_score"].isna().all():
            return "Leadership has not scored the practices, so the say-do gap cannot be measured."
        if compared.empty:
            return ("None of the practices leadership scored can be measured with the data provided, so "
                    "the say-do gap cannot be measured yet; the evidence section says what each would need.")
        over = self.overconfident
        mean_self, mean_evidence = compared["self_score"].mean(), compared["evidence"].mean()
        if len(compared) == 1:
            lead = (f"On {noun(compared.iloc[0]['practice'])}, the one practice the data speak to, leadership's "
                    f"self-assessment is {mean_self:.1f} of 5 and the evidence {mean_evidence:.1f}.")
        else:
            lead = (f"Across the {len(compared)} practices the data speak to, leadership's "
                    f"self-assessment averages {mean_self:.1f} of 5 and the evidence {mean_evidence:.1f}.")
        if over.empty:
            return lead + f" No practice is rated {margin(self.threshold)} above its evidence."
        parts = [f"{noun(r.practice)} ({_both(r.self_score, r.evidence)})" for r in over.itertuples()]
        count = "one practice" if len(over) == 1 else f"{len(over)} practices"
        return (f"{lead} Leadership is overconfident on {count}, rating "
                f"{'it' if len(over) == 1 else 'them'} {margin(self.threshold)} above the "
                f"evidence: {_join(parts)}.")

    def in_line_headline(self) -> str:
        """:meth:`in_line_finding`'s sentence, without the measures behind the evidence score."""
        return self.in_line_finding().text

    def in_line_finding(self, evidence: EvidenceResult | None = None) -> Finding:
        """Where leadership reads its practice right: of the practices in line, the one with the
        highest evidence score (on the 1-5 evidence scale: what the client's own data show, not a
        gap to anyone), and any practice it undersells. With ``evidence``, the sentence says what
        the data show on that practice and carries those measures as figures."""
        rows = self.in_line
        if rows.empty:
            return Finding("Leadership's self-assessment is in line with the evidence on no practice.",
                           source=SOURCE, theme="leadership")
        best = rows.iloc[0]
        facts = evidence.facts(best["practice"]) if evidence is not None else ""
        shown = f"{_both(best['self_score'], best['evidence'])}{f': {facts}' if facts else ''}"
        if len(self.compared) == 1:
            text = (f"Leadership's view is in line with the evidence on {noun(best['practice'])}, the one practice "
                    f"the data speak to ({shown})")
        else:
            text = (f"Leadership's view is in line with the evidence on {len(rows)} of {len(self.compared)} "
                    f"practices, best evidenced on {noun(best['practice'])} ({shown})")
        figures = [*both_figures(next(rows.head(1).itertuples())),
                   *(evidence.figures(best["practice"]) if evidence is not None else ())]
        modest = self.table[(self.table["status"] == TOO_MODEST)
                            | ((self.table["status"] == IN_LINE) & (self.table["gap"] <= -MODEST_AT)
                               & (self.table["practice"] != best["practice"]))]
        if len(modest):
            ordered = list(modest.sort_values("gap", kind="stable").itertuples())
            parts = [f"{noun(r.practice)} ({_both(r.self_score, r.evidence)})" for r in ordered]
            figures += [f for r in ordered for f in both_figures(r)]
            text += f"; it undersells {_join(parts)}"
        return Finding(text + ".", tuple(figures), SOURCE, "leadership")

    def overconfident_finding(self) -> Finding:
        """Where leadership rates itself a point or more above the evidence, with both scores."""
        over, compared = self.overconfident, self.compared
        if compared.empty:
            return Finding("None of the practices leadership scored could be measured with the data provided, so its "
                           "self-assessment could not be checked.")
        if over.empty:
            return Finding(f"Leadership rates no practice the data speak to {margin(self.threshold)} above the "
                           "evidence.", source=SOURCE, theme="leadership")
        parts = [f"{noun(r.practice)} ({_both(r.self_score, r.evidence)})" for r in over.itertuples()]
        figures = (Figure(f"practices rated {margin(self.threshold)} above the evidence", len(over),
                          "", self_population()),
                   Figure("practices with a self-assessment and an evidence score", len(compared), "",
                          self_population()),
                   *(f for r in over.itertuples() for f in both_figures(r)))
        return Finding(f"Leadership is overconfident on {share_of(len(over), len(compared))}, rating itself "
                       f"{margin(self.threshold)} above the evidence: {_join(parts)}.",
                       figures, SOURCE, "leadership")

    def tiles(self) -> list[tuple[str, str, str]]:
        """KPI tiles: mean evidence, mean self-assessment, practices overrated."""
        evidence = self.table["evidence"].dropna()
        rated = self.table["self_score"].dropna()
        tiles = []
        if len(evidence):
            tiles.append(("Evidence in the data", f"{evidence.mean():.1f} / 5",
                          "mean of the " + ("one practice" if len(evidence) == 1 else f"{len(evidence)} practices")
                          + " the data speak to"))
        if len(rated):
            tiles.append(("Leadership's view", f"{rated.mean():.1f} / 5",
                          f"mean self-assessment of {practices_count(len(rated))}"))
        if len(self.compared):
            tiles.append(("Overconfident", f"{len(self.overconfident)} of {len(self.compared)}",
                          f"practice{'' if len(self.compared) == 1 else 's'} rated {margin(self.threshold)} "
                          "above the evidence"))
        return tiles

    def for_report(self) -> pd.DataFrame:
        """The ten practices as a client reads them: owner, what leadership cites, both scores."""
        t = self.table
        return pd.DataFrame({
            "Practice": t["label"],
            "Owner": t["owner"].fillna("\u2013"),
            "What leadership cites": t["cited"].fillna("\u2013"),
            "Self": [_cell(v) for v in t["self_score"]],
            "Evidence": [_cell(v) for v in t["evidence"]],
            "Say-do gap": [_cell(v, sign=True) for v in t["gap"]],
            "Verdict": t["status"],
        })

    def no_stories_text(self) -> str:
        """What the overconfidence section says when it has no practice to name."""
        if self.table["self_score"].isna().all():
            return "Without leadership's own scores, no blind spot can be named."
        if self.compared.empty:
            return "No practice leadership scored can be checked against the data provided."
        if len(self.compared) == 1:
            return (f"Leadership does not rate {noun(self.compared.iloc[0]['practice'])}, the one practice the "
                    f"data speak to, {margin(self.threshold)} above its evidence.")
        return (f"Leadership rates none of the {len(self.compared)} practices the data speak to "
                f"{margin(self.threshold)} above its evidence.")

    def blind_spot_headline(self) -> str:
        """The widest blind spot in one sentence: the score, what leadership cites, the evidence."""
        over = self.overconfident
        if over.empty:
            return self.no_stories_text()
        r = over.iloc[0]
        cited = f", citing \u201c{str(r['cited']).rstrip('.')}\u201d" if r["cited"] else ""
        others = [noun(p) for p in over["practice"].iloc[1:]]
        more = (f" Leadership also rates {and_list(others)} {margin(self.threshold)} above "
                f"{'its' if len(others) == 1 else 'their'} evidence." if others else "")
        return (f"The widest blind spot is {noun(r['practice'])}: leadership scores itself "
                f"{r['self_score']:.1f} of 5{cited}, while the evidence says {r['evidence']:.1f}, "
                f"a say-do gap of {r['gap']:.1f} points.{more}")

    def blind_spots(self) -> pd.DataFrame:
        """The overconfident practices as a client reads them: what leadership cites, what the data
        show, both scores; widest gap first (empty when there is none)."""
        over = self.overconfident
        return pd.DataFrame({
            "Practice": over["label"].to_numpy(),
            "Owner": over["owner"].fillna("\u2013").to_numpy(),
            "What leadership cites": over["cited"].fillna("\u2013").to_numpy(),
            "What the data show": over["facts"].to_numpy(),
            "Self": [_cell(v) for v in over["self_score"]],
            "Evidence": [_cell(v) for v in over["evidence"]],
            "Say-do gap": [_cell(v, sign=True) for v in over["gap"]],
        })


def say_do_gap(assessment: SelfAssessment, evidence: EvidenceResult, *,
               threshold: float = OVERCONFIDENT_AT) -> SayDoGap:
    """Join the self-assessment and the evidence and classify every practice.

    Parameters
    ----------
    assessment : :func:`cxlib.obsession.practices.self_assessment`.
    evidence : :func:`cxlib.obsession.evidence.gather_evidence`.
    threshold : points of self-score above the evidence that make leadership overconfident.
    """
    table = assessment.table.merge(evidence.practices[["practice", "evidence", "low", "high",
                                                       "basis", "sources"]], on="practice", how="left")
    # from the scores as printed, so that the gap a reader subtracts is the gap that classifies
    table["gap"] = (table["self_score"].round(1) - table["evidence"].round(1)).round(1)
    table["status"] = [
        NOT_RATED if np.isnan(s) else NO_EVIDENCE if np.isnan(e) else status(g, threshold=threshold)
        for s, e, g in zip(table["self_score"], table["evidence"], table["gap"])]
    table["facts"] = [evidence.facts(k) if np.isfinite(e) else "" for k, e in zip(table["practice"],
                                                                                 table["evidence"])]
    return SayDoGap(table[COLUMNS], threshold)


def audit(practices: pd.DataFrame, evidence: EvidenceResult, *,
          threshold: float = OVERCONFIDENT_AT) -> SayDoGap:
    """The say-do gap of a client: its ``practices`` dataset (leadership's self-assessment) against
    the evidence; the analysis of the say-do gap section (:data:`cxlib.sections.SAY_DO_GAP`).

    Parameters
    ----------
    practices : the ``practices`` dataset (practice, self_score, evidence, owner).
    evidence : :func:`cxlib.obsession.evidence.gather_evidence`.
    threshold : points of self-score above the evidence that make leadership overconfident.
    """
    return say_do_gap(self_assessment(practices), evidence, threshold=threshold)


def audit_section(frames: Mapping[str, pd.DataFrame | None], evidence: EvidenceResult, *,
                  threshold: float = OVERCONFIDENT_AT) -> Section:
    """The say-do gap section (:data:`cxlib.sections.SAY_DO_GAP`) on the client's datasets: :func:`audit`
    when the self-assessment meets its needs, else the sentence saying why not. Its source line names
    the self-assessment and every dataset the evidence was read from, since its exhibit shows both.

    Parameters
    ----------
    frames : the client's datasets by name (``ClientData.frames``).
    evidence : :func:`cxlib.obsession.evidence.gather_evidence`.
    threshold : points of self-score above the evidence that make leadership overconfident.
    """
    section = run_section(frames, audit, evidence, needs=SAY_DO_GAP, threshold=threshold)
    return replace(section, source=evidence_source(frames, evidence, "practices"))


def blind_spot_evidence(gap: Section, frames: Mapping[str, pd.DataFrame | None], *, client: str) -> list[str]:
    """What the competitors in the client's own data show beside a blind spot: when leadership
    overrates social monitoring and a competitor in the social export answers a larger share of the
    posts about it, the client's answer rate and speed against that competitor's (step 2's
    :func:`cxlib.competition.social.responsiveness`). The comparison is with the client's own market,
    never with a company of another industry.

    Seamless transitions get no sentence here: the blind-spot table already states the share of
    switches where customers repeat themselves, and how repeating goes with effort and NPS is step 4's
    finding, stated there with its population.

    Parameters
    ----------
    gap : the say-do gap section; nothing is said when it could not run.
    frames : the client's datasets by name (social is read).
    client : the client's name, whose social posts count.
    """
    from cxlib.competition.social import responsiveness

    blind = set(gap.value().overconfident["practice"]) if gap.ran else set()
    social = frames.get("social")
    if "social_monitoring" not in blind or social is None or "responded" not in social:
        return []
    table = responsiveness(social, client).table
    mine = table[table["is_client"]]
    others = table[~table["is_client"] & table["response_rate"].notna()]
    if mine.empty or others.empty:
        return []
    me = mine.iloc[0]
    best = others.sort_values("response_rate", ascending=False, kind="stable").iloc[0]
    if best["response_rate"] <= me["response_rate"]:
        return []

    def speed(row: pd.Series, its: str) -> str:
        if pd.isna(row.get("within_2h")) or pd.isna(row.get("median_minutes")):
            return ""
        return (f", {row['within_2h']:.0f}% of {its} answers within {SPEED_HOURS:.0f} hours (median "
                f"{duration(row['median_minutes'])})")

    return [f"{me['brand']} answers {me['response_rate']:.0f}% of the {int(me['mentions']):,} posts about it"
            f"{speed(me, 'its')}; {best['brand']}, the competitor in the social export that answers the most, "
            f"answers {best['response_rate']:.0f}% of its {int(best['mentions']):,} posts{speed(best, 'its')}."]
