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

from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore
from cxlib.sections import Section

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
    "monthly. A part whose data is missing or too thin is not assessed: the score is then the "
    "assessed parts' points as a share of their maximum, on the same 0-100 scale, and the table says "
    "which parts; with no part assessed there is no score. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


def culture_score(*, agree: dict[str, float] | None, widest_gap: float | None,
                  regular_contact: float | None, missing: dict[str, str] | None = None) -> StepScore:
    """Score the culture 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    agree : dimension -> share (0-1) of its answers that agree; None when the culture scores could
        not be read. A dimension missing from it is not assessed.
    widest_gap : the largest absolute leadership-minus-frontline gap (1-5 scale points), or None
        when the two levels cannot be compared.
    regular_contact : share (0-1) of staff meeting customer feedback at least monthly, or None.
    missing : why a part could not be assessed, by part ("profile", "levels", "contact"); the
        sentence a section gave when it could not run.
    """
    missing = missing or {}
    rows = []
    for dim in DIMENSION_NAMES:
        share = None if agree is None else agree.get(dim)
        if share is None or not np.isfinite(share):
            basis = missing.get("profile") or ("no employee survey" if agree is None
                                               else "no items answered for this dimension")
            rows.append((dim, None, _not_assessed(basis)))
        else:
            rows.append((dim, 20 * share, f"{share:.0%} of answers agree"))
    if widest_gap is None or not np.isfinite(widest_gap):
        basis = missing.get("levels") or "leaders and frontline cannot be compared"
        rows.append(("One culture", None, _not_assessed(basis)))
    else:
        fraction = float(np.clip((GAP_NONE - abs(widest_gap)) / (GAP_NONE - GAP_FULL), 0, 1))
        rows.append(("One culture", 20 * fraction,
                     f"widest leadership-frontline gap {abs(widest_gap):.2f} points"))
    if regular_contact is None or not np.isfinite(regular_contact):
        basis = missing.get("contact") or "customer contact not known"
        rows.append(("Everyone customer-facing", None, _not_assessed(basis)))
    else:
        rows.append(("Everyone customer-facing", 20 * regular_contact,
                     f"{regular_contact:.0%} of staff meet customer feedback at least monthly"))
    return StepScore.from_rows(rows, max_points=20, subject="The culture")


def _not_assessed(reason: str) -> str:
    return "not assessed: " + reason[0].lower() + reason[1:].rstrip(".")


def _agree(items: pd.DataFrame, item: str, level: str) -> float | None:
    row = items[items["item"] == item] if items is not None and len(items) else pd.DataFrame()
    if row.empty or level not in row or pd.isna(row.iloc[0][level]):
        return None
    return float(row.iloc[0][level])


def _pct(x: float | None) -> str:
    return "an unknown share" if x is None else f"{x:.0%}"


_SURVEY_RECS = (
    ("Run a short employee survey on People, Values and Clarity",
     ("Agreement statements on the three dimensions, with department, level and customer contact, are "
      "enough to score the culture and find where it breaks."), "High", "Low"),
    ("Record how often each team meets customer feedback",
     "Everyone should be customer-facing; nobody knows today who is not.", "High", "Low"),
    ("Report culture only for groups of five or more",
     "Staff answer honestly only when they cannot be singled out.", "Medium", "Low"),
)


def missing_survey_assessment(reason: str = "No employee survey was provided", *,
                              why: str | None = None, missing: dict[str, str] | None = None) -> Assessment:
    """The verdict when the culture cannot be measured at all.

    Parameters
    ----------
    reason : the first finding's opening, e.g. "The employee survey asked none of the culture
        statements".
    why : instead of ``reason``, the sentence a section gave for not running (the survey is too
        small, say); the first finding then quotes it.
    missing : why each scored part could not be assessed (see :func:`culture_score`); ``why`` by
        default.
    """
    missing = missing or ({part: why for part in ("profile", "levels", "contact")} if why else None)
    score = culture_score(agree=None, widest_gap=None, regular_contact=None, missing=missing)
    first = (f"The culture could not be measured: {why[0].lower()}{why[1:]}" if why
             else f"{reason}, so the culture could not be measured.")
    findings = (
        first,
        "Whether leaders and the frontline see the same company is unknown.",
        "How often each department meets customer feedback is unknown.",
    )
    recs = list(_SURVEY_RECS)
    if why:
        recs[0] = ("Survey every department and level, with at least 30 leaders and 30 frontline staff",
                   "Fewer answers cannot carry a share, a mean or a comparison the client could act on.",
                   "High", "Low")
    step = StepResult(step=6, title="How to become a customer-obsessed organizational culture",
                      score=score.score, findings=findings,
                      recommendations=tuple(Recommendation(i, *rec) for i, rec in enumerate(recs, 1)),
                      score_rule=SCORE_RULE)
    return Assessment(score, step)


def assess(*, profile: Section, levels: Section, contact: Section, voices: Section, link: Section,
           view: Section | None = None) -> Assessment:
    """Score the culture and write the step-6 findings and recommendations, in priority order.

    The arguments are step 6's sections (:mod:`cxlib.sections`): ``profile`` (culture_profile),
    ``levels`` (compare_levels), ``contact`` (customer_contact), ``voices`` (comment_themes),
    ``link`` (link_to_customers) and ``view`` (department_view). A part whose section could not
    run is not assessed, and no finding or recommendation rests on its numbers.
    """
    if not (profile.ran or levels.ran or contact.ran):
        if profile.reason.endswith("the employee survey, which was not provided."):
            return missing_survey_assessment()
        return missing_survey_assessment(why=profile.reason, missing={
            "profile": profile.reason, "levels": levels.reason, "contact": contact.reason})
    prof, comparison, reach = profile.value(), levels.value(), contact.value()
    themes, joined = voices.value(), link.value()
    agree = ({d: float(a) for d, a in zip(prof.table["dimension"], prof.table["agree"])}
             if prof is not None else None)
    gaps = comparison.gaps if comparison is not None else None
    items = comparison.items if comparison is not None else None
    widest = gaps.widest() if gaps is not None else None
    score = culture_score(agree=agree, widest_gap=None if widest is None else float(widest["gap"]),
                          regular_contact=None if reach is None else reach.overall_regular,
                          missing={"profile": profile.reason or "", "levels": levels.reason or "",
                                   "contact": contact.reason or ""})
    findings, candidates = [], []

    # 1. The gap between leaders and the frontline.
    if widest is not None:
        roi_lead = _agree(items, "q_understand_cx_roi", "leadership")
        roi_front = _agree(items, "q_understand_cx_roi", "frontline")
        roi = ""
        if roi_lead is not None and roi_front is not None:
            roi = (f"; {_pct(roi_lead)} of leaders but {_pct(roi_front)} of the frontline say "
                   "they understand how CX pays back")
        split = "see different companies on" if abs(widest["gap"]) >= 0.5 else "differ most on"
        findings.append(
            f"Leaders and the frontline {split} {widest['dimension']}: "
            f"{widest['upper']:.1f} vs {widest['lower']:.1f} out of 5, a gap of {widest['gap']:.1f} "
            f"points (95% CI {widest['low']:.1f} to {widest['high']:.1f}; n = "
            f"{int(widest['n_upper'])} leaders, {int(widest['n_lower'])} frontline){roi}.")
    else:
        findings.append(levels.reason if not levels.ran else gaps.headline())

    # 2. Where the culture stands.
    if agree:
        parts = ", ".join(f"{d} {a:.0%}" for d, a in agree.items())
        weakest = f"; {prof.weakest()} is the weakest dimension" if len(agree) > 1 else ""
        opening = ("Few staff agree that the culture is customer-obsessed" if max(agree.values()) < 0.5
                   else "Most staff see a customer-obsessed culture" if min(agree.values()) >= 0.7
                   else "Staff are divided on the culture")
        findings.append(f"{opening}: {parts} of answers agree (4 or 5 out of 5; n = "
                        f"{int(prof.table['n'].max()):,} staff){weakest}.")
    elif not profile.ran:
        findings.append(profile.reason)

    # 3. Customer contact.
    findings.append(reach.headline() if reach is not None else contact.reason)

    # 4. What staff write.
    if themes is not None and themes.top_theme("Leaders") and themes.top_theme("Frontline"):
        findings.append(themes.headline())

    # 5. The link to customers.
    findings.append(joined.headline() if joined is not None else link.reason)

    # Recommendations, each with a severity; the most severe first.
    gap_size = 0.0 if widest is None else abs(float(widest["gap"]))
    for dim, share in (agree or {}).items():
        severity = 1 - share + (gap_size if widest is not None and widest["dimension"] == dim else 0.0)
        candidates.append((severity, *_dimension_rec(dim, share, items, widest)))
    if reach is not None:
        never = reach.never_departments()
        severity = (1 - reach.overall_regular) + (0.5 if never else 0.0)
        who = ", ".join(never) if never else "the departments furthest from customers"
        nobody = ""
        if len(never) == 1:
            nobody = f" and every {never[0]} respondent never does"
        elif never:
            nobody = f" and {who} never do"
        why = (f"{1 - reach.overall_regular:.0%} of staff meet customer feedback less than "
               f"monthly{nobody}; engineers and back-office teams should read support e-mails, "
               "chat logs and reviews like anyone in a store.")
        action = ("Put every department in front of customer feedback at least monthly, "
                  f"starting with {who}")
        candidates.append((severity, action, why))
    ranked = sorted(candidates, key=lambda c: -c[0])[:4]
    recs = [(action, why) for _, action, why in ranked]
    if joined is None:
        if link.reason.endswith("the survey, which was not provided."):
            recs.append(("Read culture next to customer scores, channel by channel",
                         ("No customer survey was provided, so nobody can see yet whether the culture "
                          "shows in what customers say.")))
        else:
            recs.append(("Code next year's employee survey by the team behind each customer channel", link.reason))
    elif not joined.supported:
        units = len(joined.table)
        owners = (f"the {units} department that owns" if units == 1
                  else f"the {units} departments that own")
        recs.append(("Code next year's employee survey by the team behind each customer channel",
                     ("Linking each unit's culture to the NPS of its own customers needs more units "
                      f"than {owners} a channel today.")))
    else:
        recs.append(("Review culture and customer scores together every quarter, unit by unit",
                     "The units that own a channel are numerous enough to track the link."))
    for action, why, _, _ in _SURVEY_RECS:  # a thin survey still leaves 3 moves to make
        if len(recs) >= 3:
            break
        if not (action.startswith("Run") and profile.ran) and action not in {a for a, _ in recs}:
            recs.append((action, why))
    findings = _merge_reasons(findings, [s.reason for s in (levels, profile, contact, link) if not s.ran])
    for extra in ("Whether leaders and the frontline see the same company is unknown.",
                  "How often each department meets customer feedback is unknown."):
        if len(findings) < 3:
            findings.append(extra)
    recommendations = tuple(
        Recommendation(i, action, why, impact="High" if i <= 2 else "Medium",
                       effort="Medium" if i <= 3 else "Low")
        for i, (action, why) in enumerate(recs[:5], 1))
    shown = view.value() if view is not None else None
    step = StepResult(step=6, title="How to become a customer-obsessed organizational culture",
                      score=score.score, findings=tuple(findings[:5]),
                      recommendations=recommendations, score_rule=SCORE_RULE,
                      extras={"hidden_groups": shown.hidden_groups()} if shown is not None else {})
    return Assessment(score, step)


def _merge_reasons(findings: list[str], reasons: list[str]) -> list[str]:
    """Say once what several sections lack: "The culture scores and the department view need ...".

    Findings that are sections' reasons sharing one cause (the words after "need(s)") become one
    sentence, where the first of them stood.
    """
    causes: dict[str, list[str]] = {}
    for reason in reasons:
        what, _, cause = reason.partition(" needs ") if " needs " in reason else reason.partition(" need ")
        causes.setdefault(cause, []).append(what)
    out, said = [], set()
    for text in findings:
        if text not in reasons:
            out.append(text)
            continue
        what, _, cause = text.partition(" needs ") if " needs " in text else text.partition(" need ")
        if cause in said:
            continue
        said.add(cause)
        names = causes[cause]
        if len(names) == 1:
            out.append(text)
        else:
            names = [names[0]] + [n[0].lower() + n[1:] for n in names[1:]]
            out.append(f"{', '.join(names[:-1])} and {names[-1]} need {cause}")
    return out


def _dimension_rec(dim: str, agree: float, items: pd.DataFrame | None, widest) -> tuple[str, str]:
    """The recommended move for a dimension, with its reason in numbers.

    The reason quotes the frontline's answers to the dimension's telling statements when leaders
    and the frontline could be compared and the statements were asked; otherwise the dimension's
    overall share of agreeing answers.
    """
    overall = f"{'Only ' if agree < 0.5 else ''}{agree:.0%} of answers on {dim} agree (4 or 5 out of 5)."
    if dim == "Clarity":
        lead, front = (_agree(items, "q_understand_cx_roi", lv) for lv in ("leadership", "frontline"))
        gap = ""
        if widest is not None and widest["dimension"] == "Clarity":
            gap = (f"Leaders rate Clarity {widest['upper']:.1f} of 5, the frontline "
                   f"{widest['lower']:.1f}; ")
        why = (f"{gap}{_pct(front)} of frontline staff understand how CX pays back (leaders: {_pct(lead)})."
               if lead is not None and front is not None else overall)
        return ("Show every department how CX pays back and give each one a CX goal it owns",
                f"{why} Start each initiative from the customer and work backwards to the value it creates.")
    if dim == "Values":
        exp = _agree(items, "q_encouraged_to_experiment", "frontline")
        fail = _agree(items, "q_learn_from_failures", "frontline")
        only = "Only " if exp is not None and exp < 0.5 else ""
        why = (f"{only}{_pct(exp)} of the frontline feel encouraged to experiment and {_pct(fail)} say we "
               "learn from failures;" if exp is not None and fail is not None else overall[:-1] + ";")
        return ("Make small customer experiments everyone's job, and share what failed",
                f"{why} curiosity and experimentation keep a culture close to its customers.")
    if dim == "People":
        hired = _agree(items, "q_hired_for_customer_focus", "frontline")
        trained = _agree(items, "q_received_cx_training", "frontline")
        why = (f"{_pct(hired)} of the frontline say they were hired for their customer focus and "
               f"{_pct(trained)} received CX training." if hired is not None and trained is not None
               else overall)
        return ("Hire for customer focus and train every new joiner in CX", why)
    return (f"Raise the {dim} score", overall)
