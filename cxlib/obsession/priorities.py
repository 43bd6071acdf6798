"""Link to NPS against room to improve: which practices to improve first.

*Link to NPS* (the ``impact`` column) says how closely the rating a practice shapes goes with NPS.
It is read from step 7's key-driver analysis of NPS (:func:`cxlib.metrics.drivers.key_drivers`) on
the client's own ``attr_*`` ratings: a practice shapes the ratings whose name carries one of its
words (:data:`IMPACT_WORDS`: "ease" or "effort" for simplifying contact, "staff" for hiring ...), and
its link is those ratings' share of what the ratings together explain of NPS (their mean share when
it shapes several). It is an association within one survey, never proof that raising the rating
raises NPS, and the sentences say so ("goes with", never "drives" or "impact"). A practice no rating
of this survey speaks to gets the average share, so it neither leads nor trails. When no rating
speaks to any practice, or the driver analysis cannot run (:data:`cxlib.sections.PRACTICE_IMPACT`),
the link is not read at all and the moves are ranked by the room to improve alone.

*Room to improve* (the ``room`` column) is the distance to best practice: 5 minus the evidence score
as printed (one decimal). It is named apart from the *say-do gap* of :mod:`cxlib.obsession.gap`
(leadership's score minus the evidence). Only practices the data measure are ranked: a self-score is
a claim, not a measure. *Priority* = link (as a share, 0-1) x room to improve; the
:data:`FIRST_MOVES` highest among the practices at least :data:`MIN_ROOM` point from best practice
are the first moves, each with the playbook action of :data:`MOVES`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.empathy.messaging import EASY_GRADE
from cxlib.metrics.drivers import DriverResult, key_drivers
from cxlib.obsession.evidence import SPEED_HOURS, EvidenceResult, evidence_source
from cxlib.obsession.gap import OVERCONFIDENT, SayDoGap, constant, say_do_gap
from cxlib.obsession.practices import PRACTICES, label, noun, self_assessment
from cxlib.report.verdict import Finding, Recommendation
from cxlib.sections import Section
from cxlib.sections.step1 import FIRST_MOVES as FIRST_MOVES_NEEDS
from cxlib.wording import and_list

BEST = 5.0
FIRST_MOVES = 3
# A practice this close to best practice is no first move: what is left to gain is within what a
# 1-5 conversion of sampled data can tell apart from nothing.
MIN_ROOM = 1.0
# Practice -> the word stems of the ratings customers judge it by, matched against the words of the
# survey's attr_* names ("attr_ease_of_use" has the words ease, of, use).
IMPACT_WORDS: dict[str, tuple[str, ...]] = {
    "hire_for_mindset": ("staff", "employee", "friendl", "courte"),
    "educate_retrain": ("staff", "employee", "knowledg", "expert"),
    "simplify_contact": ("ease", "easy", "effort", "simpl"),
    "social_monitoring": ("speed", "respons"),
    "over_deliver": ("delight", "surpris"),
    "personalize": ("personal",),
    "reduce_jargon": ("clarity", "clear", "jargon", "plain"),
    "seamless_transitions": ("ease", "easy", "continuity", "seamless", "handover"),
    "omnichannel_convenience": ("ease", "easy", "speed", "convenien"),
    "consistent_experience": ("reliab", "consisten"),
}
# Practice -> (the move, its usual effort).
MOVES: dict[str, tuple[str, str]] = {
    "hire_for_mindset": ("Hire for customer focus in every team: customer-focus questions and a "
                         "customer role-play in every interview loop", "Low"),
    "educate_retrain": ("Retrain every team on real customer feedback each quarter and give back-office "
                        "teams regular contact with customers", "Medium"),
    "simplify_contact": ("Take steps out of the highest-effort contacts, starting with those "
                         "customers rate hardest, and measure customer effort after each change", "Medium"),
    "social_monitoring": ("Staff social care to answer every post about the brand, seven days a "
                          f"week, answering within {SPEED_HOURS:.0f} hours", "Low"),
    "over_deliver": ("Fund small unexpected gestures at the moments customers rate best, and track "
                     "the share of top marks", "Low"),
    "personalize": ("Use what is known about each customer: offers, advice and service that fit "
                    "their plan and history", "High"),
    "reduce_jargon": ("Rewrite customer-facing copy in plain words: no jargon or unexplained "
                      f"acronyms, reading grade {EASY_GRADE:.0f} or below", "Low"),
    "seamless_transitions": ("Give every agent and channel the customer's full contact history, so "
                             "nobody repeats themselves after switching channel", "High"),
    "omnichannel_convenience": ("Bring every channel up to its response target and let customers "
                                "finish in the channel they chose", "Medium"),
    "consistent_experience": ("Set one service standard for all channels and lift the channel that "
                              "satisfies least to it", "Medium"),
}
# Practice -> the roadmap initiative (:data:`cxlib.report.verdict.THEMES`) its move belongs to.
MOVE_THEMES: dict[str, str] = {
    "hire_for_mindset": "culture",
    "educate_retrain": "culture",
    "simplify_contact": "ease",
    "social_monitoring": "social",
    "over_deliver": "journey",
    "personalize": "empathy",
    "reduce_jargon": "empathy",
    "seamless_transitions": "channels",
    "omnichannel_convenience": "channels",
    "consistent_experience": "channels",
}
SOURCE = "cxlib.obsession.priorities.prioritise"
COLUMNS = ["practice", "label", "attributes", "impact", "impact_basis", "score", "verified",
           "room", "priority", "rank", "first", "status", "self_score", "move", "effort"]
LINK = "link to NPS"


def room_text(room: float = MIN_ROOM) -> str:
    """:data:`MIN_ROOM` as a sentence states it: "1 point"."""
    return f"{constant(room)} point{'' if room == 1 else 's'}"


def _attribute_name(column: str) -> str:
    return column.removeprefix("attr_").replace("_", " ")


def shaped_by(practice: str, attributes) -> list[str]:
    """The rating columns among ``attributes`` that ``practice`` shapes, by :data:`IMPACT_WORDS`."""
    stems = IMPACT_WORDS.get(practice, ())
    return [c for c in attributes
            if any(word.startswith(stem) for word in c.removeprefix("attr_").lower().split("_") for stem in stems)]


def _listed(names: list[str]) -> str:
    return and_list(names)


def impact_weights(drivers: DriverResult | None) -> pd.DataFrame:
    """Link to NPS of each practice: the NPS driver share (%) of the rating(s) it shapes.

    Parameters
    ----------
    drivers : step 7's :func:`cxlib.metrics.drivers.key_drivers` on the survey, or None when it
        could not be run: every practice then weighs the same (10%).

    Returns
    -------
    pd.DataFrame
        practice, label, attributes (readable names), impact (the link to NPS: % of explained NPS
        variance), impact_basis (in words), matched (a rating of this survey speaks to the practice);
        in the seed's order.
    """
    rows = []
    shares = (drivers.table.set_index("driver")["share"].astype(float) if drivers is not None
              else pd.Series(dtype=float))
    average = float(shares.mean()) if len(shares) else np.nan
    for p in PRACTICES:
        found = shaped_by(p.key, shares.index)
        if not len(shares):
            rows.append((p.key, p.label, "", 100 / len(PRACTICES), f"no {LINK} could be read: equal weight", False))
        elif found:
            value = float(shares[found].mean())
            names = " and ".join(_attribute_name(c) for c in found)
            rows.append((p.key, p.label, names, value,
                         f"{LINK} {value:.0f}% ({names}{', on average' if len(found) > 1 else ''})", True))
        else:
            rows.append((p.key, p.label, "", average,
                         f"no rating of the survey measures it: the average {LINK} of the {len(shares)} ratings, "
                         f"{average:.0f}%", False))
    return pd.DataFrame(rows, columns=["practice", "label", "attributes", "impact", "impact_basis", "matched"])


@dataclass(frozen=True)
class Impact:
    """How closely each practice goes with NPS, through the survey's ratings it shapes.

    ``drivers``: step 7's key drivers; ``table``: :func:`impact_weights`.
    """

    drivers: DriverResult
    table: pd.DataFrame

    @property
    def matched(self) -> int:
        """Practices a rating of this survey speaks to."""
        return int(self.table["matched"].sum())

    def unmatched_reason(self) -> str:
        """Why the link to NPS cannot weigh the moves although the driver analysis ran ("" when it can)."""
        if self.matched:
            return ""
        ratings = [_attribute_name(c) for c in self.drivers.table["driver"]]
        return (f"none of the survey's {len(ratings)} ratings ({_listed(ratings)}) measures one of the ten "
                "practices")

    def rule_text(self) -> str:
        """How the link to NPS was read for this client, naming its own ratings."""
        matched = self.table[self.table["matched"]]
        pairs = [f"{a} for {noun(k)}" for k, a in zip(matched["practice"], matched["attributes"])]
        rest = [noun(k) for k in self.table.loc[~self.table["matched"], "practice"]]
        average = float(self.drivers.table["share"].mean())
        text = (f"**Link to NPS** is how closely the survey rating a practice shapes goes with NPS: the rating's "
                f"share of what the survey's {len(self.drivers.table)} ratings together explain of NPS, from the "
                f"key-driver analysis of step 7 ({'; '.join(pairs)}). It is an association within one survey, "
                "not proof that raising the rating would raise NPS.")
        if rest:
            text += (f" {_listed(rest)[0].upper()}{_listed(rest)[1:]} match{'es' if len(rest) == 1 else ''} "
                     f"no rating and get{'s' if len(rest) == 1 else ''} the average share ({average:.0f}%).")
        return text


def nps_impact(survey: pd.DataFrame) -> Impact:
    """Step 7's key drivers of NPS on the survey's ``attr_*`` ratings, and each practice's share of
    them (its link to NPS); the analysis of the impact section (:data:`cxlib.sections.PRACTICE_IMPACT`)."""
    drivers = key_drivers(survey)
    return Impact(drivers, impact_weights(drivers))


@dataclass(frozen=True)
class Priorities:
    """Link to NPS, room to improve and priority per measured practice (``table``: COLUMNS, highest
    priority first; ``first`` marks the first moves).

    ``weighted``: the link to NPS weighs the room to improve (``impact``, when given, says how it was
    read); when False, ``unweighted`` says why not and the priority is the room to improve alone.
    """

    table: pd.DataFrame
    weighted: bool = True
    unweighted: str = ""
    impact: Impact | None = None

    @property
    def first_moves(self) -> pd.DataFrame:
        return self.table[self.table["first"]]

    def title(self) -> str:
        """Action title for the priority exhibit."""
        moves = self.first_moves
        if moves.empty:
            return "No practice can be prioritised"
        why = f"room to improve × {LINK}" if self.weighted else "the most room to improve"
        return f"Start with {noun(moves.iloc[0]['practice'])}: {why}"

    def headline(self) -> str:
        """The first moves and why (:meth:`finding`'s sentence)."""
        return self.finding().text

    def _why(self) -> str:
        """Why these practices come first, in one clause."""
        moves, measured = self.first_moves, len(self.table)
        they = len(moves) > 1
        if measured == len(moves):
            why = ("they are the practices the data measure" if they else "it is the one practice the data measure")
            if they:
                why += f", ranked by {'room to improve times ' + LINK if self.weighted else 'room to improve'}"
        elif self.weighted:
            why = (f"of the {measured} practices measured, {'they score' if they else 'it scores'} highest on room "
                   f"to improve times {LINK}")
        else:
            why = f"of the {measured} practices measured, {'they have' if they else 'it has'} the most room to improve"
        close = measured - int((self.table["room"] >= MIN_ROOM - 1e-9).sum())
        if close and len(moves) < FIRST_MOVES:
            why += (f"; the other {'one is' if close == 1 else f'{close} are'} less than {room_text()} from "
                    "best practice")
        return why

    def finding(self, evidence: EvidenceResult | None = None) -> Finding:
        """The first moves and why, with each move's evidence score (1-5) as a figure (the sentence states
        no link to NPS: the moves table and the recommendations do)."""
        moves = self.first_moves
        if moves.empty:
            if len(self.table):
                return Finding(f"Every practice the data measure is less than {room_text()} from best practice, so "
                               "none is singled out as a first move.", source=SOURCE)
            return Finding("No practice has a score, so none can be prioritised.")
        figures = [evidence.evidence_figure(r.practice) for r in moves.itertuples()] if evidence is not None else []
        parts = [f"{noun(r.practice)} ({'evidence ' if i == 0 else ''}{r.score:.1f}{' of 5' if i == 0 else ''})"
                 for i, r in enumerate(moves.itertuples())]
        lead = f"The first move{'s are' if len(parts) > 1 else ' is'} {_listed(parts)}"
        return Finding(f"{lead}: {self._why()}.", tuple(dict.fromkeys(figures)), SOURCE,
                       MOVE_THEMES.get(moves.iloc[0]["practice"], ""))

    def recommendations(self, evidence: EvidenceResult) -> list[Recommendation]:
        """The first moves as recommendations: the playbook action, why (evidence score, room to
        improve, link to NPS, leadership's score when it overrates the practice), the practice's theme
        and first KPI. Impact is High for a move whose link to NPS is at least the average (the first
        move when the link could not be read)."""
        mean_impact = float(self.table["impact"].mean()) if self.weighted else 0.0
        recs = []
        for row in self.first_moves.itertuples():
            why = f"Evidence {row.score:.1f} of 5, {row.room:.1f} below best practice"
            why += f"; {row.impact_basis}" if self.weighted else ""
            if row.status == OVERCONFIDENT:
                why += f"; leadership rates it {row.self_score:.1f}"
            high = row.impact >= mean_impact if self.weighted else row.rank == 1
            recs.append(Recommendation(action=row.move, rationale=why + ".", theme=MOVE_THEMES[row.practice],
                                       impact="High" if high else "Medium", effort=row.effort,
                                       kpi=evidence.kpi(row.practice)))
        return recs

    def moves_table(self) -> pd.DataFrame:
        """The first moves as a client reads them."""
        m = self.first_moves
        table = pd.DataFrame({
            "Move": m["rank"].astype(int).to_numpy(),
            "Practice": m["label"].to_numpy(),
            "What to do": m["move"].to_numpy(),
            "Evidence (1-5)": [f"{s:.1f}" for s in m["score"]],
            "Room to improve": [f"{g:.1f}" for g in m["room"]],
        })
        if self.weighted:
            table["Link to NPS"] = [f"{i:.0f}%" for i in m["impact"]]
        return table

    def rule_text(self) -> str:
        """How the moves were ranked, naming the client's own ratings when the link to NPS weighs them."""
        room = (f"**Room to improve** is 5 minus the evidence score; only practices the data measure are ranked, "
                f"and one less than {room_text()} from best practice is no first move. ")
        if self.weighted:
            read = self.impact.rule_text() + " " if self.impact is not None else ""
            return (f"{read}{room}**Priority** = {LINK} × room to improve; the {constant(FIRST_MOVES)} highest are the "
                    "first moves.")
        return (f"The {LINK} could not be read: {self.unweighted}. The moves are therefore ranked by the room to "
                f"improve alone. {room.strip()}")


def blind_spot_moves(gap: SayDoGap, evidence: EvidenceResult, *, skip=()) -> list[Recommendation]:
    """A move for each practice leadership overrates (widest say-do gap first), but those in ``skip``
    (already a first move): a blind spot nobody works on, because everybody believes it done."""
    recs = []
    for row in gap.overconfident.itertuples():
        if row.practice in skip:
            continue
        action, effort = MOVES[row.practice]
        recs.append(Recommendation(
            action=action, rationale=(f"Leadership rates {noun(row.practice)} {row.self_score:.1f} of 5 but the "
                                      f"evidence says {row.evidence:.1f} ({row.facts}): a blind spot nobody is "
                                      "working on."),
            theme=MOVE_THEMES[row.practice], impact="High", effort=effort, kpi=evidence.kpi(row.practice)))
    return recs


def prioritise(gap: SayDoGap, impact: pd.DataFrame | None, *, unweighted: str = "",
               read: Impact | None = None) -> Priorities:
    """Rank the measured practices by link to NPS x room to improve (by the room alone without a link).

    Parameters
    ----------
    gap : :func:`cxlib.obsession.gap.say_do_gap` (self-score, evidence and status per practice).
    impact : :func:`impact_weights`, or None when the link to NPS could not be read.
    unweighted : why the link could not be read, when ``impact`` is None.
    read : the impact analysis ``impact`` comes from, for the rule text.

    Returns
    -------
    Priorities
        Practices without evidence are left out. Ties keep the seed's order. The first moves are
        the :data:`FIRST_MOVES` highest of those at least :data:`MIN_ROOM` from best practice.
    """
    table = gap.table[["practice", "label", "self_score", "evidence", "status"]].copy()
    weighted = impact is not None
    if weighted:
        table = table.merge(impact[["practice", "attributes", "impact", "impact_basis"]], on="practice",
                            how="left")
    else:
        table = table.assign(attributes="", impact=np.nan, impact_basis="")
    table["verified"] = table["evidence"].notna()
    table["score"] = table["evidence"]
    table = table.dropna(subset=["score"]).copy()
    # from the score as printed, so that "3.1 of 5, 1.9 below best practice" adds up
    table["room"] = (BEST - table["score"].round(1)).round(1)
    table["priority"] = table["impact"] / 100 * table["room"] if weighted else table["room"]
    table["move"] = table["practice"].map(lambda k: MOVES.get(k, (f"Improve {label(k).lower()}", ""))[0])
    table["effort"] = table["practice"].map(lambda k: MOVES.get(k, ("", "Medium"))[1])
    table = table.sort_values("priority", ascending=False, kind="stable").reset_index(drop=True)
    table["rank"] = np.arange(1, len(table) + 1)
    eligible = table["room"] >= MIN_ROOM - 1e-9
    table["first"] = eligible & (eligible.cumsum() <= FIRST_MOVES)
    return Priorities(table[COLUMNS], weighted, unweighted, read if weighted else None)


def first_moves(evidence: EvidenceResult, impact: Section, gap: Section, *,
                frames: Mapping[str, pd.DataFrame | None] | None = None) -> Section:
    """The first-moves section: the measured practices ranked, weighted by the link to NPS when it was read.

    Parameters
    ----------
    evidence : :func:`cxlib.obsession.evidence.gather_evidence`.
    impact : the impact section (:func:`nps_impact`); when it could not run, or no rating of the
        survey speaks to a practice, the moves are ranked by the room to improve alone and say why.
    gap : the say-do gap section, for which practices leadership overrates (the evidence alone
        when it could not run).
    frames : the client's datasets by name, for the source line under the exhibit (the survey, when
        the link to NPS weighs the moves, and every dataset the evidence was read from).
    """
    said = gap.value() or say_do_gap(self_assessment(None), evidence)
    read = impact.value()
    why = impact.reason or (read.unmatched_reason() if read is not None else "")
    why = why[0].lower() + why[1:].rstrip(".") if why else ""
    usable = read is not None and read.matched > 0
    ranked = prioritise(said, read.table if usable else None, unweighted=why, read=read if usable else None)
    if ranked.table.empty:
        return Section(FIRST_MOVES_NEEDS, None, "The first moves need evidence on at least one practice; the data "
                                                "provided measure none of the ten.")
    if ranked.first_moves.empty:
        return Section(FIRST_MOVES_NEEDS, None, f"Every practice the data measure is less than {room_text()} from "
                                                "best practice, so none is singled out as a first move.")
    return Section(FIRST_MOVES_NEEDS, ranked, source=evidence_source(frames, evidence, *(("survey",) if usable else ())))


def rule_text(moves: Section) -> str:
    """How the first moves were ranked; the method alone when there are none."""
    if moves.ran:
        return moves.result.rule_text()
    return (f"**Priority** = {LINK} (the share of what explains NPS resting on the ratings a practice shapes) × "
            "room to improve (5 minus the evidence score), over the practices the data measure.")
