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

from cxlib.report.record import Assessment, StepScore, verdict
from cxlib.report.verdict import Figure, Finding, Kpi, Recommendation
from cxlib.sections import Section
from cxlib.wording import ALPHA, chance, percent

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
            rows.append((dim, 20 * share, f"{percent(share)} of answers agree"))
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
                     f"{percent(regular_contact)} of staff meet customer feedback at least monthly"))
    return StepScore.from_rows(rows, max_points=20, subject="The culture")


def _not_assessed(reason: str) -> str:
    return "not assessed: " + reason[0].lower() + reason[1:].rstrip(".")


def _agree(items: pd.DataFrame, item: str, level: str) -> float | None:
    row = items[items["item"] == item] if items is not None and len(items) else pd.DataFrame()
    if row.empty or level not in row or pd.isna(row.iloc[0][level]):
        return None
    return float(row.iloc[0][level])


_SURVEY_RECS = (
    Recommendation(action="Run a short employee survey on People, Values and Clarity",
                   rationale=("Agreement statements on the three dimensions, with department, level and customer "
                              "contact, are enough to score the culture and find where it breaks."),
                   theme="data", impact="High", effort="Low", kpi=Kpi("Steps fully assessed")),
    Recommendation(action="Record how often each team meets customer feedback",
                   rationale="Everyone should be customer-facing; nobody knows today who is not.",
                   theme="data", impact="High", effort="Low", kpi=Kpi("Staff who meet customer feedback monthly")),
    Recommendation(action="Report culture only for groups of five or more",
                   rationale="Staff answer honestly only when they cannot be singled out.",
                   theme="culture", impact="Medium", effort="Low"),
)
UNKNOWN = ("Whether leaders and the frontline see the same company is unknown.",
           "How often each department meets customer feedback is unknown.")


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
    recs = list(_SURVEY_RECS)
    if why:
        recs[0] = Recommendation(
            action="Survey every department and level, with at least 30 leaders and 30 frontline staff",
            rationale="Fewer answers cannot carry a share, a mean or a comparison the client could act on.",
            theme="data", impact="High", effort="Low", kpi=Kpi("Steps fully assessed"))
    return verdict(6, score, [first, *UNKNOWN], recs, score_rule=SCORE_RULE)


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
    findings: list[Finding | str] = [
        _gap_finding(gaps, items) if widest is not None else (levels.reason if not levels.ran else gaps.headline()),
        _profile_finding(prof, agree) if agree else (profile.reason if not profile.ran else None),
        reach.finding() if reach is not None else contact.reason,
        themes.finding() if themes is not None and themes.top_theme("Leaders") and themes.top_theme("Frontline")
        else None,
        joined.finding() if joined is not None else link.reason,
    ]
    findings = _merge_reasons([f for f in findings if f], [s.reason for s in (levels, profile, contact, link)
                                                          if not s.ran])
    recs = _ranked_recs(agree, items, widest, reach)[:4] + [_link_rec(joined, link)]
    shown = view.value() if view is not None else None
    return verdict(6, score, findings, recs, score_rule=SCORE_RULE, gaps=UNKNOWN[:max(0, 3 - len(findings))],
                   reserve=[r for r in _SURVEY_RECS if not (r.action.startswith("Run") and profile.ran)],
                   extras={"hidden_groups": shown.hidden_groups()} if shown is not None else {})


def _gap_finding(gaps, items: pd.DataFrame | None) -> Finding:
    """Where leaders and the frontline differ most, whether by more than chance, and the ROI statement.

    The sentence states both means and their gap as the difference of the printed means; the gap's
    95% range and each mean's are in the figures (the report's appendix prints them).
    """
    widest = gaps.widest()
    dim, n_up, n_low = widest["dimension"], int(widest["n_upper"]), int(widest["n_lower"])
    leaders, front = f"employee survey, leaders (n = {n_up:,})", f"employee survey, frontline (n = {n_low:,})"
    both = f"employee survey, leaders and frontline (n = {n_up + n_low:,})"
    high, low = round(float(widest["upper"]), 1), round(float(widest["lower"]), 1)
    gap = round(high - low, 1)
    figures = [Figure(f"{dim} score, leaders", widest["upper"], "of 5", leaders, *_level_range(gaps, dim, gaps.upper)),
               Figure(f"{dim} score, frontline", widest["lower"], "of 5", front, *_level_range(gaps, dim, gaps.lower)),
               Figure(f"{dim} gap, leaders minus frontline", widest["gap"], "", both, widest["low"], widest["high"]),
               Figure("leaders answering", n_up, "respondents", leaders),
               Figure("frontline staff answering", n_low, "respondents", front)]
    roi = ""
    answers = {lv: _agree_row(items, "q_understand_cx_roi", lv) for lv in ("leadership", "frontline")}
    if all(a is not None for a in answers.values()):
        (lead, *lead_range, lead_n), (frontline, *front_range, front_n) = answers.values()
        roi = (f"; {percent(lead)} of leaders but {percent(frontline)} of the frontline say "
               "they understand how CX pays back")
        figures += [Figure("understand how CX pays back, leaders", 100 * lead, "%",
                           f"employee survey, leaders answering the statement (n = {lead_n:,})",
                           *(100 * b for b in lead_range)),
                    Figure("understand how CX pays back, frontline", 100 * frontline, "%",
                           f"employee survey, frontline answering the statement (n = {front_n:,})",
                           *(100 * b for b in front_range))]
    beyond_chance = widest["p_value"] < ALPHA
    split = "see different companies on" if abs(gap) >= 0.5 and beyond_chance else "differ most on"
    return Finding(
        f"Leaders and the frontline {split} {dim}: {high:.1f} vs {low:.1f} out of 5, a gap of {abs(gap):.1f} points "
        f"({n_up:,} leaders, {n_low:,} frontline staff), {chance(widest['p_value'])}{roi}.",
        tuple(figures), source="cxlib.culture.alignment.compare_levels", theme="culture")


def _level_range(gaps, dim: str, level: str) -> tuple[float | None, float | None]:
    """The 95% range of one level's mean on ``dim`` in ``gaps.levels``; (None, None) without one."""
    rows = gaps.levels[(gaps.levels["dimension"] == dim) & (gaps.levels["level"] == level)]
    if rows.empty or pd.isna(rows.iloc[0]["low"]):
        return None, None
    return float(rows.iloc[0]["low"]), float(rows.iloc[0]["high"])


def _agree_row(items: pd.DataFrame | None, item: str, level: str) -> tuple[float, float, float, int] | None:
    """(share agreeing, low, high, answers) of one level on one statement, or None when not asked."""
    share = _agree(items, item, level)
    if share is None:
        return None
    row = items[items["item"] == item].iloc[0]
    return share, float(row[f"{level}_low"]), float(row[f"{level}_high"]), int(row[f"n_{level}"])


def _profile_finding(prof, agree: dict[str, float]) -> Finding:
    """Each dimension's share of agreeing answers, and the weakest."""
    n = int(prof.table["n"].max())
    staff = f"employee survey (n = {n:,})"
    parts = ", ".join(f"{d} {percent(a)}" for d, a in agree.items())
    weakest = f"; {prof.weakest()} is the weakest dimension" if len(agree) > 1 else ""
    opening = ("Few staff agree that the culture is customer-obsessed" if max(agree.values()) < 0.5
               else "Most staff see a customer-obsessed culture" if min(agree.values()) >= 0.7
               else "Staff are divided on the culture")
    figures = [Figure(f"answers agreeing, {d}", 100 * a, "%", staff) for d, a in agree.items()]
    figures.append(Figure("employee survey respondents", n, "respondents", staff))
    return Finding(f"{opening}: {parts} of answers agree (4 or 5 out of 5, from {n:,} staff){weakest}.",
                   tuple(figures), source="cxlib.culture.dimensions.culture_profile", theme="culture")


def _ranked_recs(agree: dict[str, float] | None, items, widest, reach) -> list[Recommendation]:
    """The dimension and contact moves, most severe first: a dimension's severity is its share of
    answers not agreeing, plus the leadership-frontline gap when it is the widest; contact's is
    the share of staff meeting customer feedback less than monthly, plus a half when a whole
    department never does."""
    candidates = []
    gap_size = 0.0 if widest is None else abs(float(widest["gap"]))
    for dim, share in (agree or {}).items():
        severity = 1 - share + (gap_size if widest is not None and widest["dimension"] == dim else 0.0)
        action, why = _dimension_rec(dim, share, items, widest)
        candidates.append((severity, Recommendation(
            action=action, rationale=why, theme="culture", impact="High" if severity >= 0.5 else "Medium",
            effort="Medium", kpi=Kpi(f"Answers agreeing on {dim}", 100 * share, None, "%",
                                     "no target: the next employee survey sets the trend"))))
    if reach is not None:
        never = reach.never_departments()
        who = ", ".join(never) if never else "the departments furthest from customers"
        nobody = (f" and every {never[0]} respondent never does" if len(never) == 1
                  else f" and {who} never do" if never else "")
        candidates.append(((1 - reach.overall_regular) + (0.5 if never else 0.0), Recommendation(
            action=f"Put every department in front of customer feedback at least monthly, starting with {who}",
            rationale=(f"{percent(1 - reach.overall_regular)} of staff meet customer feedback less than monthly{nobody}; "
                       "engineers and back-office teams should read support e-mails, chat logs and reviews like "
                       "anyone in a store."),
            theme="culture", impact="High", effort="Medium",
            kpi=Kpi("Staff who meet customer feedback monthly", 100 * reach.overall_regular, None, "%",
                    "no target: the next employee survey sets the trend"))))
    return [rec for _, rec in sorted(candidates, key=lambda c: -c[0])]


def _link_rec(joined, link: Section) -> Recommendation:
    """The move on linking culture to customer scores: collect what is missing, or track it."""
    if joined is None and link.reason.endswith("the survey, which was not provided."):
        return Recommendation(action="Read culture next to customer scores, channel by channel",
                              rationale=("No customer survey was provided, so nobody can see yet whether the "
                                         "culture shows in what customers say."),
                              theme="data", impact="Medium", effort="Low", kpi=Kpi("Steps fully assessed"))
    if joined is None or not joined.supported:
        why = link.reason if joined is None else (
            "Telling whether a team's culture goes with its own customers' NPS needs more teams than "
            + (f"the {len(joined.table)} department that runs" if len(joined.table) == 1
               else f"the {len(joined.table)} departments that run") + " a customer channel today.")
        return Recommendation(action="Code next year's employee survey by the team behind each customer channel",
                              rationale=why, theme="data", impact="Medium", effort="Low",
                              kpi=Kpi("Steps fully assessed"))
    return Recommendation(action="Review culture and customer scores together every quarter, unit by unit",
                          rationale=(f"The {len(joined.table)} departments that run a customer channel are enough "
                                     "to track whether culture and customer scores move together."),
                          theme="culture", impact="Medium", effort="Low")


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
    overall = f"{'Only ' if agree < 0.5 else ''}{percent(agree)} of answers on {dim} agree (4 or 5 out of 5)."
    if dim == "Clarity":
        lead, front = (_agree(items, "q_understand_cx_roi", lv) for lv in ("leadership", "frontline"))
        gap = ""
        if widest is not None and widest["dimension"] == "Clarity":
            gap = (f"Leaders rate Clarity {widest['upper']:.1f} of 5, the frontline "
                   f"{widest['lower']:.1f}; ")
        why = (f"{gap}{percent(front)} of frontline staff understand how CX pays back (leaders: {percent(lead)})."
               if lead is not None and front is not None else overall)
        return ("Show every department how CX pays back and give each one a CX goal it owns",
                f"{why} Start each initiative from the customer and work backwards to the value it creates.")
    if dim == "Values":
        exp = _agree(items, "q_encouraged_to_experiment", "frontline")
        fail = _agree(items, "q_learn_from_failures", "frontline")
        only = "Only " if exp is not None and exp < 0.5 else ""
        why = (f"{only}{percent(exp)} of the frontline feel encouraged to experiment and {percent(fail)} say we "
               "learn from failures;" if exp is not None and fail is not None else overall[:-1] + ";")
        return ("Make small customer experiments everyone's job, and share what failed",
                f"{why} a customer-obsessed culture tries small things with customers and learns from what fails.")
    if dim == "People":
        hired = _agree(items, "q_hired_for_customer_focus", "frontline")
        trained = _agree(items, "q_received_cx_training", "frontline")
        why = (f"{percent(hired)} of the frontline say they were hired for their customer focus and "
               f"{percent(trained)} received CX training." if hired is not None and trained is not None
               else overall)
        return ("Hire for customer focus and train every new joiner in CX", why)
    return (f"Raise the {dim} score", overall)
