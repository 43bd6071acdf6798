"""The say-do gap: leadership's self-assessment of each practice against the evidence in the data.

The gap is self-score minus evidence score, both on 1-5. Leadership is *overconfident* on a
practice when it rates itself :data:`OVERCONFIDENT_AT` point or more above the evidence, *too
modest* when it rates itself that much below, and *in line* in between. A practice without
evidence cannot be judged ("Not measured": the data provided do not speak to it, or too thinly); one
leadership did not rate is "Not rated".
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.obsession.evidence import EvidenceResult, evidence_population
from cxlib.obsession.practices import (
    SelfAssessment,
    noun,
    practices_count,
    self_assessment,
    share_of,
)
from cxlib.report.verdict import Figure, Finding
from cxlib.sections import Section
from cxlib.sections.step1 import dataset_noun

OVERCONFIDENT_AT = 1.0  # self-score minus evidence, points on the 1-5 scale
MODEST_AT = 0.5         # an in-line practice rated this far below its evidence is undersold
OVERCONFIDENT, IN_LINE, TOO_MODEST = "Overconfident", "In line", "Too modest"
NO_EVIDENCE, NOT_RATED = "Not measured", "Not rated"
COLUMNS = ["practice", "label", "self_score", "evidence", "low", "high", "gap", "status", "cited",
           "owner", "basis", "facts", "sources"]
SOURCE = "cxlib.obsession.gap.say_do_gap"
GAP_RULE_TEXT = (
    f"**Reading the gap.** Gap = leadership's self-assessment minus the evidence score, on the same "
    f"1-5 scale. Leadership is *overconfident* on a practice when it rates itself "
    f"{OVERCONFIDENT_AT:.1f} point or more above the evidence, *too modest* when {OVERCONFIDENT_AT:.1f} "
    f"point or more below, and *in line* in between."
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
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


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
            return lead + (f" No practice is rated {self.threshold:.1f} point or more above its "
                           "evidence.")
        parts = [f"{noun(r.practice)} ({_both(r.self_score, r.evidence)})" for r in over.itertuples()]
        count = "one practice" if len(over) == 1 else f"{len(over)} practices"
        return (f"{lead} Leadership is overconfident on {count}, rating "
                f"{'it' if len(over) == 1 else 'them'} {self.threshold:.1f} point or more above the "
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
        shown = (f"{best['evidence']:.1f} of 5 on the 1-5 evidence scale{f' ({facts})' if facts else ''}, "
                 f"against leadership's {best['self_score']:.1f}")
        if len(self.compared) == 1:
            text = (f"Leadership's view is in line with the evidence on {noun(best['practice'])}, the one practice "
                    f"the data speak to: evidence score {shown}")
        else:
            text = (f"Leadership's view is in line with the evidence on {len(rows)} of {len(self.compared)} "
                    f"practices; of these, {noun(best['practice'])} has the highest evidence score: {shown}")
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
            return Finding(f"Leadership rates every practice the data speak to within {self.threshold:.1f} point "
                           "of the evidence, or below it.", source=SOURCE, theme="leadership")
        parts = [f"{noun(r.practice)} (self-assessment {r.self_score:.1f}, evidence {r.evidence:.1f})"
                 for r in over.itertuples()]
        figures = (Figure(f"practices rated {self.threshold:.1f} point or more above the evidence", len(over),
                          "", self_population()),
                   Figure("practices with a self-assessment and an evidence score", len(compared), "",
                          self_population()),
                   *(f for r in over.itertuples() for f in both_figures(r)))
        return Finding(f"Leadership is overconfident on {share_of(len(over), len(compared))}, rating itself "
                       f"{self.threshold:.1f} point or more above the evidence: {_join(parts)}.",
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
                          f"practice{'' if len(self.compared) == 1 else 's'} rated {self.threshold:.1f}+ points "
                          "above the evidence"))
        return tiles

    def for_report(self) -> pd.DataFrame:
        """The ten practices as a client reads them: owner, what leadership cites, both scores."""
        t = self.table

        def number(values, signed=False):
            fmt = "{:+.1f}" if signed else "{:.1f}"
            return [fmt.format(v).replace("-", "\u2212") if np.isfinite(v) else "\u2013" for v in values]

        return pd.DataFrame({
            "Practice": t["label"],
            "Owner": t["owner"].fillna("\u2013"),
            "What leadership cites": t["cited"].fillna("\u2013"),
            "Self": number(t["self_score"]),
            "Evidence": number(t["evidence"]),
            "Gap": number(t["gap"], signed=True),
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
                    f"data speak to, {self.threshold:.1f} point or more above its evidence.")
        return (f"Leadership rates none of the {len(self.compared)} practices the data speak to "
                f"{self.threshold:.1f} point or more above its evidence.")

    def blind_spot_headline(self) -> str:
        """The widest blind spot in one sentence: the score, what leadership cites, the evidence."""
        over = self.overconfident
        if over.empty:
            return self.no_stories_text()
        r = over.iloc[0]
        cited = f", citing \u201c{str(r['cited']).rstrip('.')}\u201d" if r["cited"] else ""
        more = (f" {len(over) - 1} more practice{'s are' if len(over) > 2 else ' is'} rated "
                f"{self.threshold:.1f} point or more above its evidence." if len(over) > 1 else "")
        return (f"The widest blind spot is {noun(r['practice'])}: leadership scores itself "
                f"{r['self_score']:.1f} of 5{cited}, while the evidence says {r['evidence']:.1f}, "
                f"a gap of {r['gap']:.1f} points.{more}")

    def blind_spots(self) -> pd.DataFrame:
        """The overconfident practices as a client reads them: what leadership cites, what the data
        show, both scores; widest gap first (empty when there is none)."""
        over = self.overconfident
        return pd.DataFrame({
            "Practice": over["label"].to_numpy(),
            "Owner": over["owner"].fillna("\u2013").to_numpy(),
            "What leadership cites": over["cited"].fillna("\u2013").to_numpy(),
            "What the data show": over["facts"].to_numpy(),
            "Self": [f"{v:.1f}" for v in over["self_score"]],
            "Evidence": [f"{v:.1f}" for v in over["evidence"]],
            "Gap": [f"{v:+.1f}" for v in over["gap"]],
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
    table["gap"] = table["self_score"] - table["evidence"]
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


def blind_spot_evidence(gap: Section, frames: Mapping[str, pd.DataFrame | None], *, client: str) -> list[str]:
    """The evidence, in the words of the step that measured it, behind the practices leadership
    overrates: social care (step 2) and channel switches (step 4), where the data hold them.

    Parameters
    ----------
    gap : the say-do gap section; nothing is said when it could not run.
    frames : the client's datasets by name (social, interactions and survey are read).
    client : the client's name, whose social posts count.
    """
    from cxlib.competition.social import responsiveness
    from cxlib.omnichannel.continuity import switch_continuity

    blind = set(gap.value().overconfident["practice"]) if gap.ran else set()
    social, interactions = frames.get("social"), frames.get("interactions")
    # an overconfident practice has evidence, so its dataset met the measure's minimum
    sentences = []
    if "social_monitoring" in blind and social is not None and "responded" in social:
        sentences.append(responsiveness(social, client).headline())
    if "seamless_transitions" in blind and interactions is not None:
        sentences.append(switch_continuity(interactions, frames.get("survey")).score_headline())
    return sentences
