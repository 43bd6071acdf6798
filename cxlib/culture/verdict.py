"""Step 6's verdict on the client's culture: score, findings and recommendations.

The score rewards what the seed asks of a customer-obsessed culture, 20 points each: the right
*People*, the right *Values* and absolute *Clarity* (each earns 20 times the share of its answers
that agree), *One culture* (leaders and frontline agree: full points when the widest gap between
their dimension means is at most 0.25 on the 1-5 scale, none from 1.25) and *Everyone
customer-facing* (20 times the share of staff who meet customer feedback at least monthly).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.culture.alignment import LevelGaps
from cxlib.culture.anonymity import Protection
from cxlib.culture.contact import ContactResult
from cxlib.culture.customer_link import LinkResult
from cxlib.culture.dimensions import CultureProfile
from cxlib.culture.voices import VoicesResult
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore

DIMENSION_NAMES = ("People", "Values", "Clarity")
GAP_FULL, GAP_NONE = 0.25, 1.25
SCORE_RULE = "people, values, clarity, one culture, everyone customer-facing: 20 points each"
SCORE_RULE_TEXT = (
    "**How the score is built.** Five qualities of a customer-obsessed culture earn up to 20 points "
    "each. *People*, *Values* and *Clarity*: 20 points times the share of the dimension's answers "
    "that agree (4 or 5 on the 1-5 scale), so a dimension everyone agrees with earns all 20. "
    "*One culture*: leaders and the frontline see the same company; 20 points when the widest gap "
    "between their dimension scores is at most 0.25 points, nothing when it reaches 1.25, in "
    "proportion between. *Everyone customer-facing*: 20 points times the share of staff who meet "
    "customer feedback (support e-mails, chat logs, reviews, customers themselves) at least "
    "monthly. A part that cannot be assessed because its data is missing earns no points. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


def culture_score(*, agree: dict[str, float] | None, widest_gap: float | None,
                  regular_contact: float | None) -> StepScore:
    """Score the culture 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    agree : dimension -> share (0-1) of its answers that agree; None without an employee survey.
        A dimension missing from it earns nothing.
    widest_gap : the largest absolute leadership-minus-frontline gap (1-5 scale points), or None
        when the two levels cannot be compared.
    regular_contact : share (0-1) of staff meeting customer feedback at least monthly, or None.
    """
    rows = []
    for dim in DIMENSION_NAMES:
        share = None if agree is None else agree.get(dim)
        if share is None or not np.isfinite(share):
            basis = "no employee survey" if agree is None else "no items answered for this dimension"
            rows.append((dim, None, "not assessed: " + basis))
        else:
            rows.append((dim, 20 * share, f"{share:.0%} of answers agree"))
    if widest_gap is None or not np.isfinite(widest_gap):
        rows.append(("One culture", None, "not assessed: leaders and frontline cannot be compared"))
    else:
        fraction = float(np.clip((GAP_NONE - abs(widest_gap)) / (GAP_NONE - GAP_FULL), 0, 1))
        rows.append(("One culture", 20 * fraction,
                     f"widest leadership-frontline gap {abs(widest_gap):.2f} points"))
    if regular_contact is None or not np.isfinite(regular_contact):
        rows.append(("Everyone customer-facing", None, "not assessed: customer contact not known"))
    else:
        rows.append(("Everyone customer-facing", 20 * regular_contact,
                     f"{regular_contact:.0%} of staff meet customer feedback at least monthly"))
    return StepScore.from_rows(rows, max_points=20, subject="The culture")


def _agree(items: pd.DataFrame, item: str, level: str) -> float | None:
    row = items[items["item"] == item] if items is not None and len(items) else pd.DataFrame()
    if row.empty or level not in row or pd.isna(row.iloc[0][level]):
        return None
    return float(row.iloc[0][level])


def _pct(x: float | None) -> str:
    return "an unknown share" if x is None else f"{x:.0%}"


def missing_survey_assessment(reason: str = "No employee survey was provided") -> Assessment:
    """The verdict when the culture cannot be measured (no survey, or none of its statements).

    Parameters
    ----------
    reason : the first finding's opening, e.g. "The employee survey asked none of the culture
        statements".
    """
    score = culture_score(agree=None, widest_gap=None, regular_contact=None)
    findings = (
        f"{reason}, so the culture could not be measured.",
        "Whether leaders and the frontline see the same company is unknown.",
        "How often each department meets customer feedback is unknown.",
    )
    recs = (
        Recommendation(1, "Run a short employee survey on People, Values and Clarity",
                       "Ten agreement statements, department, level and customer contact are enough "
                       "to score the culture and find where it breaks.", "High", "Low"),
        Recommendation(2, "Record how often each team meets customer feedback",
                       "Everyone should be customer-facing; nobody knows today who is not.",
                       "High", "Low"),
        Recommendation(3, "Report culture only for groups of five or more",
                       "Staff answer honestly only when they cannot be singled out.",
                       "Medium", "Low"),
    )
    step = StepResult(step=6, title="How to become a customer-obsessed organizational culture",
                      score=score.score, findings=findings, recommendations=recs,
                      score_rule=SCORE_RULE)
    return Assessment(score, step)


def assess(*, profile: CultureProfile, gaps: LevelGaps, items: pd.DataFrame,
           contact: ContactResult | None, voices: VoicesResult, link: LinkResult,
           protection: Protection) -> Assessment:
    """Score the culture and write the step-6 findings and recommendations, in priority order.

    The arguments are the results of the step's analyses: ``culture_profile``, ``level_gaps``,
    ``item_agreement`` (leadership and frontline), ``contact_by_department`` (None when the
    contact question was not asked), ``comment_themes``, ``culture_customer_link`` and
    ``protect_groups``.
    """
    table = profile.table.set_index("dimension")
    agree = {d: float(table.loc[d, "agree"]) for d in table.index}
    widest = gaps.widest()
    score = culture_score(agree=agree, widest_gap=None if widest is None else float(widest["gap"]),
                          regular_contact=None if contact is None else contact.overall_regular)
    findings, candidates = [], []

    # 1. The gap between leaders and the frontline.
    roi_lead = _agree(items, "q_understand_cx_roi", "leadership")
    roi_front = _agree(items, "q_understand_cx_roi", "frontline")
    if widest is not None:
        roi = ""
        if roi_lead is not None and roi_front is not None:
            roi = (f"; {_pct(roi_lead)} of leaders but {_pct(roi_front)} of the frontline say "
                   "they understand how CX pays back")
        findings.append(
            f"Leaders and the frontline see different companies on {widest['dimension']}: "
            f"{widest['upper']:.1f} vs {widest['lower']:.1f} out of 5, a gap of {widest['gap']:.1f} "
            f"points (95% CI {widest['low']:.1f} to {widest['high']:.1f}; n = "
            f"{int(widest['n_upper'])} leaders, {int(widest['n_lower'])} frontline){roi}.")
    else:
        findings.append(gaps.headline())

    # 2. Where the culture stands.
    weakest = profile.weakest()
    parts = ", ".join(f"{d} {agree[d]:.0%}" for d in table.index)
    findings.append(f"Few staff agree that the culture is customer-obsessed: {parts} of answers "
                    f"agree (4 or 5 out of 5; n = {int(table['n'].max()):,} staff); {weakest} is "
                    "the weakest dimension.")

    # 3. Customer contact.
    if contact is not None:
        findings.append(contact.headline())

    # 4. What staff write.
    lead_theme, front_theme = voices.top_theme("Leaders"), voices.top_theme("Frontline")
    if lead_theme and front_theme:
        findings.append(voices.headline())

    # 5. The link to customers.
    findings.append(link.headline())

    # Recommendations, each with a severity; the most severe first.
    gap_size = 0.0 if widest is None else abs(float(widest["gap"]))
    for dim in table.index:
        severity = 1 - agree[dim] + (gap_size if widest is not None and widest["dimension"] == dim
                                     else 0.0)
        candidates.append((severity, *_dimension_rec(dim, agree[dim], items, widest)))
    if contact is not None:
        never = contact.never_departments()
        severity = (1 - contact.overall_regular) + (0.5 if never else 0.0)
        who = ", ".join(never) if never else "the departments furthest from customers"
        nobody = ""
        if len(never) == 1:
            nobody = f" and every {never[0]} respondent never does"
        elif never:
            nobody = f" and {who} never do"
        why = (f"{1 - contact.overall_regular:.0%} of staff meet customer feedback less than "
               f"monthly{nobody}; engineers and back-office teams should read support e-mails, "
               "chat logs and reviews like anyone in a store.")
        action = ("Put every department in front of customer feedback at least monthly, "
                  f"starting with {who}")
        candidates.append((severity, action, why))
    ranked = sorted(candidates, key=lambda c: -c[0])[:4]
    recs = [(action, why) for _, action, why in ranked]
    if not link.has_survey:
        recs.append(("Read culture next to customer scores, channel by channel",
                     ("No customer survey was provided, so nobody can see yet whether the culture "
                      "shows in what customers say.")))
    elif not link.supported:
        units = len(link.table)
        owners = (f"the {units} department that owns" if units == 1
                  else f"the {units} departments that own")
        recs.append(("Code next year's employee survey by store and team",
                     ("Linking each unit's culture to the NPS of its own customers needs more units "
                      f"than {owners} a channel today.")))
    else:
        recs.append(("Review culture and customer scores together every quarter, unit by unit",
                     "The units that own a channel are numerous enough to track the link."))
    recommendations = tuple(
        Recommendation(i, action, why, impact="High" if i <= 2 else "Medium",
                       effort="Medium" if i <= 3 else "Low")
        for i, (action, why) in enumerate(recs[:5], 1))
    step = StepResult(step=6, title="How to become a customer-obsessed organizational culture",
                      score=score.score, findings=tuple(findings[:5]),
                      recommendations=recommendations, score_rule=SCORE_RULE,
                      extras={"hidden_groups": len(protection.primary())
                              + len(protection.complementary())})
    return Assessment(score, step)


def _dimension_rec(dim: str, agree: float, items: pd.DataFrame, widest) -> tuple[str, str]:
    """The recommended move for a dimension, with its reason in numbers."""
    if dim == "Clarity":
        lead, front = (_agree(items, "q_understand_cx_roi", lv) for lv in ("leadership", "frontline"))
        gap = ""
        if widest is not None and widest["dimension"] == "Clarity":
            gap = (f"Leaders rate Clarity {widest['upper']:.1f} of 5, the frontline "
                   f"{widest['lower']:.1f}; ")
        return ("Show every department how CX pays back and give each one a CX goal it owns",
                (f"{gap}{_pct(front)} of frontline staff understand how CX pays back "
                 f"(leaders: {_pct(lead)}). Start each initiative from the customer and work "
                 "backwards to the value it creates."))
    if dim == "Values":
        exp = _agree(items, "q_encouraged_to_experiment", "frontline")
        fail = _agree(items, "q_learn_from_failures", "frontline")
        only = "Only " if exp is not None and exp < 0.5 else ""
        return ("Make small customer experiments everyone's job, and share what failed",
                (f"{only}{_pct(exp)} of the frontline feel encouraged to experiment and "
                 f"{_pct(fail)} say we learn from failures; curiosity and experimentation keep a "
                 "culture close to its customers."))
    if dim == "People":
        hired = _agree(items, "q_hired_for_customer_focus", "frontline")
        trained = _agree(items, "q_received_cx_training", "frontline")
        return ("Hire for customer focus and train every new joiner in CX",
                (f"{_pct(hired)} of the frontline say they were hired for their customer focus "
                 f"and {_pct(trained)} received CX training."))
    return (f"Raise the {dim} score", f"{agree:.0%} of its answers agree.")
