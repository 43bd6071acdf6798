"""Step 2's verdict: are you beating your competitors at CX? Score, findings and recommendations.

The score (0-100) rewards what the seed teaches: win on the experience that matters, answer
customers where they talk, and know who you really compete with.

* *Benchmark position* (40): each benchmark attribute earns its importance weight (its share of
  what explains NPS) in full when the client matches or beats the best competitor on it, nothing
  when it trails the best by 2 points (of 10) or more, and linearly in between.
* *Posts answered* (15): the client's social response rate against the higher of the best
  competitor's rate and Delta's 30 %.
* *Speed of answer* (15): the share of the client's answers given within two hours, against
  Sephora's standard of most (half or more) within two hours.
* *True competitors known* (20): the share of the brands customers also consider that
  client.yml lists.
* *Tone of mentions* (10): the client's net tone (positive minus negative posts) against the best
  competitor's: full marks when level or ahead, nothing when 50 points or more behind.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.competition.benchmark import Benchmark, BenchmarkTrend, signed
from cxlib.competition.considered import Consideration
from cxlib.competition.priorities import UNKNOWN, AttackPlan, attack_priorities
from cxlib.competition.social import (
    DELTA_RESPONSE_RATE,
    SEPHORA_HOURS,
    SEPHORA_SHARE,
    MentionTone,
    NamedElsewhere,
    Responsiveness,
    duration_text,
    has_times,
)
from cxlib.report.record import Assessment, Recommendation, StepResult, StepScore

STEP, TITLE = 2, "Are you beating your competitors at CX?"
GAP_FOR_ZERO = 2.0        # points of 10 behind the best competitor that earn an attribute nothing
NET_TONE_FOR_ZERO = 50.0  # net-tone points behind the best competitor that earn tone nothing
POINTS = {"Benchmark position": 40, "Posts answered": 15, "Speed of answer": 15,
          "True competitors known": 20, "Tone of mentions": 10}
SCORE_RULE = "benchmark 40, social answers 15 + speed 15, true competitors 20, tone 10"
SCORE_RULE_TEXT = (
    "**How the score is built.** Five parts add up to 100 points. "
    "*Benchmark position* (40): each attribute earns its weight (its share of what explains NPS) "
    "in full when you match or beat the best competitor on it, nothing when you trail the best by "
    "2 points out of 10 or more, and proportionally in between. "
    "*Posts answered* (15): your social response rate as a share of the best competitor's rate "
    "(or Delta's 30%, if higher). "
    "*Speed of answer* (15): the share of your answers given within two hours, with full marks "
    "when it is half or more (Sephora replies to most messages within two hours). "
    "*True competitors known* (20): the share of the brands customers also consider that your "
    "competitor list includes. "
    "*Tone of mentions* (10): your net tone (positive minus negative posts) against the best "
    "competitor's; full marks when level or ahead, nothing when 50 points or more behind. "
    "A part that could not be assessed (its data is missing or below the minimum) is left out: the score "
    "is the assessed parts' points as a share of their maximum, and with no part assessed there is no score. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring."
)


DEFAULT_REASONS = {"plan": "no competitor benchmark provided", "responsiveness": "no social dataset provided",
                   "consideration": "the survey does not ask which brands customers also considered",
                   "tone": "no social dataset provided"}


def _lower(sentence: str) -> str:
    """A reason sentence as a clause: first letter lower-case (unless a name), no final stop."""
    text = str(sentence).strip().rstrip(".")
    first = text.split(" ", 1)[0]
    return text if first[1:2].isupper() or first in ("NPS", "CSAT") else text[:1].lower() + text[1:]


def attribute_credit(gap: float) -> float:
    """Share (0-1) of an attribute's weight earned at a given gap to the best competitor:
    1 at a gap of 0 or more, 0 at -2 or less, linear in between (-0.5 -> 0.75)."""
    return float(np.clip(1 + gap / GAP_FOR_ZERO, 0, 1))


def _benchmark_points(plan: AttackPlan | None, why: str = "no competitor benchmark provided"
                      ) -> tuple[float | None, str]:
    if plan is None or plan.table.empty:
        return None, f"not assessed: {_lower(why)}"
    table = plan.table
    known = table["importance"].notna()
    weights = table["importance"].where(known, 0.0) if known.any() else pd.Series(1.0, index=table.index)
    credit = table["gap"].map(attribute_credit)
    share = float((weights * credit).sum() / weights.sum())
    ahead = table.loc[table["gap"] >= 0, "label"].str.lower().tolist()
    far = table.loc[table["gap"] <= -GAP_FOR_ZERO, "label"].str.lower().tolist()
    basis = f"{share:.0%} of the {'importance-weighted' if known.any() else 'equally weighted'} credit"
    basis += f"; level or ahead on {', '.join(ahead) if ahead else 'none'}"
    if far:
        basis += f"; {GAP_FOR_ZERO:.0f}+ points behind on {', '.join(far)}"
    return POINTS["Benchmark position"] * share, basis


def _social_points(responsiveness: Responsiveness | None, why: str = "no social dataset provided"
                   ) -> list[tuple[str, float | None, str]]:
    answered, speed = "Posts answered", "Speed of answer"
    if responsiveness is None:
        return [(answered, None, f"not assessed: {_lower(why)}"), (speed, None, f"not assessed: {_lower(why)}")]
    me, best = responsiveness.client_row, responsiveness.best_competitor
    if me is None:
        return [(answered, None, "not assessed: no posts about the client"),
                (speed, None, "not assessed: no posts about the client")]
    bar = max(DELTA_RESPONSE_RATE, best["response_rate"] if best is not None else 0.0)
    who = (f"{best['brand']} {best['response_rate']:.0f}%" if best is not None
           and best["response_rate"] >= DELTA_RESPONSE_RATE else f"Delta {DELTA_RESPONSE_RATE:.0f}%")
    rows = [(answered, POINTS[answered] * min(1.0, me["response_rate"] / bar),
             f"{me['response_rate']:.0f}% of posts answered vs {who}")]
    if has_times(me):
        rows.append((speed, POINTS[speed] * min(1.0, me["within_2h"] / SEPHORA_SHARE),
                     (f"{me['within_2h']:.0f}% of answers within {SEPHORA_HOURS:.0f} hours "
                     f"(full marks at {SEPHORA_SHARE:.0f}%)")))
    else:
        rows.append((speed, None,
                     f"not assessed: fewer than {responsiveness.min_posts} answers with a response time"))
    return rows


def _known_points(consideration: Consideration | None,
                  why: str = "the survey does not ask which brands customers also considered"
                  ) -> tuple[float | None, str]:
    if consideration is None or not consideration.asked:
        return None, f"not assessed: {_lower(why)}"
    coverage = consideration.listed_coverage
    hidden = consideration.hidden
    basis = f"listed competitors get {coverage:.0%} of the times a brand is named"
    if len(hidden):
        basis += "; not listed: " + ", ".join(f"{r.brand} ({r.share:.0f}%)" for r in hidden.head(3).itertuples())
    return POINTS["True competitors known"] * coverage, basis


def _tone_points(tone: MentionTone | None, why: str = "no social dataset provided") -> tuple[float | None, str]:
    if tone is None:
        return None, f"not assessed: {_lower(why)}"
    table = tone.table
    if not table["is_client"].any():
        return None, "not assessed: too few posts about the client"
    me = table[table["is_client"]].iloc[0]
    others = table[~table["is_client"]]
    if others.empty:
        return None, "not assessed: no competitor with enough posts to compare with"
    best = others.iloc[0]
    share = float(np.clip(1 + (me["net"] - best["net"]) / NET_TONE_FOR_ZERO, 0, 1))
    return (POINTS["Tone of mentions"] * share,
            f"net tone {signed(me['net'], 0)} vs {signed(best['net'], 0)} for {best['brand']}")


def competition_score(*, plan: AttackPlan | None, responsiveness: Responsiveness | None,
                      consideration: Consideration | None, tone: MentionTone | None,
                      reasons: dict[str, str] | None = None) -> StepScore:
    """Score competitive CX 0-100 by the rule in :data:`SCORE_RULE_TEXT`.

    Parameters
    ----------
    plan : :func:`cxlib.competition.priorities.attack_priorities` (importance and gap per
        attribute), or None without a benchmark.
    responsiveness, tone : :mod:`cxlib.competition.social` results, or None without social data.
    consideration : :func:`cxlib.competition.considered.true_competitors`, or None.
    reasons : why a part given as None could not run (keys ``plan``, ``responsiveness``,
        ``consideration``, ``tone``), for the basis column; a part that did not run is "not
        assessed" and the score counts only the parts that did.
    """
    why = {**DEFAULT_REASONS, **{k: v for k, v in (reasons or {}).items() if v}}
    rows = [("Benchmark position", *_benchmark_points(plan, why["plan"])),
            *_social_points(responsiveness, why["responsiveness"]),
            ("True competitors known", *_known_points(consideration, why["consideration"])),
            ("Tone of mentions", *_tone_points(tone, why["tone"]))]
    return StepScore.from_rows([(name, points, POINTS[name], basis) for name, points, basis in rows],
                               points_decimals=1, subject="Competitive CX")


def _trend_note(trend: BenchmarkTrend | None, attribute: str) -> str:
    if trend is None or trend.changes.empty:
        return ""
    row = trend.changes[trend.changes["attribute"] == attribute]
    if row.empty or abs(row.iloc[0]["change"]) < 0.05:
        return ""
    row = row.iloc[0]
    verb = "widened" if row["change"] < 0 else "narrowed"
    return f"; the gap {verb} from {signed(row['first_gap'])} in {row['first_wave']:%b %Y}"


# What the record says when a dataset is missing: (finding, (action, rationale, impact, effort)).
NO_BENCHMARK = (
    "No competitor benchmark was provided, so where you lead and trail is unknown.",
    (("Commission a competitor benchmark: your scores and your true competitors' on the "
      "attributes customers rate, twice a year"),
     "Without it you cannot tell where you win or lose on experience.", "High", "Medium"))
NOT_ASKED = (
    ("The survey does not ask which other brands customers considered, so the true competitors "
     "are unknown."),
    ("Ask every survey respondent which other brands they considered",
     "It is the cheapest way to learn who you really compete with.", "Medium", "Low"))
NO_SOCIAL = (
    "No social posts about the brand were provided, so responsiveness and tone are unknown.",
    ("Collect social mentions of your brand and your competitors, with response times",
     "Customers compare how fast brands answer them in public.", "Medium", "Low"))


def _benchmark_story(bench: Benchmark | None, plan: AttackPlan | None, trend: BenchmarkTrend | None,
                     reason: str | None = None):
    """Findings and recommendations of the benchmark and the driver-gap view; ``plan`` may rank by
    the benchmark alone (every importance unknown) when importance could not be assessed."""
    if bench is None or plan is None:
        missing = reason is None or reason.endswith(NOT_PROVIDED)
        return [NO_BENCHMARK[0] if missing else reason], [NO_BENCHMARK[1]]
    findings, recs = [], []
    client = bench.client
    if len(plan.attack):
        top = plan.attack.iloc[0]
        name, importance = top["label"].lower(), f"{top['importance']:.0f}%"
        findings.append(
            f"On {name}, which carries {importance} of what explains NPS, {client} scores "
            f"{top['client']:.1f} out of 10 against {top['best_score']:.1f} for "
            f"{top['best_competitor']} ({signed(top['gap'])}){_trend_note(trend, top['attribute'])}.")
        action = f"Close the {name} gap to {top['best_competitor']}: make it the first improvement programme"
        why = (f"It carries {importance} of what explains NPS and you trail by {abs(top['gap']):.1f} "
               f"points ({top['client']:.1f} vs {top['best_score']:.1f}).")
        recs.append((action, why, "High", "High"))
    elif len(bench.trailing):
        trail = bench.trailing.iloc[0]
        quadrant = plan.table.set_index("attribute")["quadrant"].get(trail["attribute"])
        weight = ("whose weight for NPS is unknown" if quadrant in (None, UNKNOWN)
                  else "an attribute that matters less for NPS")
        findings.append(f"{client} trails most on {trail['label'].lower()} ({trail['client']:.1f} vs "
                        f"{trail['best_score']:.1f} for {trail['best_competitor']}"
                        f"{_trend_note(trend, trail['attribute'])}), {weight}.")
    if len(bench.leading):
        parts = [f"{r.label.lower()} ({r.client:.1f} vs {r.best_score:.1f} for {r.best_competitor})"
                 for r in bench.leading.head(2).itertuples()]
        findings.append(f"{client} leads every competitor on " + " and ".join(parts) + ".")
    else:
        findings.append(f"{client} leads no competitor on any benchmarked attribute.")
    if len(plan.defend):
        top = plan.defend.iloc[0]
        action = f"Defend the {top['label'].lower()} lead and make it the proof point of your marketing"
        why = (f"It carries {top['importance']:.0f}% of what explains NPS and you lead "
               f"{top['best_competitor']} by {top['gap']:.1f} points.")
        recs.append((action, why, "Medium", "Low"))
    return findings, recs


def _consideration_story(consideration: Consideration | None, reason: str | None = None):
    if consideration is None or not consideration.asked:
        return [reason or NOT_ASKED[0]], [NOT_ASKED[1]]
    recs = []
    if len(consideration.hidden):
        top = consideration.hidden.iloc[0]
        among = (f" ({top['share_detractors']:.0f}% of detractors)"
                 if pd.notna(top.get("share_detractors")) else "")
        action = f"Add {top['brand']} to the competitor list: benchmark it and watch its social channels"
        why = (f"{top['share']:.0f}% of respondents consider it{among}; the brands you list get only "
               f"{consideration.listed_coverage:.0%} of the mentions when customers name a competitor.")
        recs.append((action, why, "High", "Low"))
    return [consideration.headline()], recs


def _answering(row, verb: str = "answers") -> str:
    """'answers 38% in a median of 4 h 20 min' (the time only when known)."""
    text = f"{verb} {row['response_rate']:.0f}%"
    return text + (f" in a median of {duration_text(row['median_minutes'])}" if has_times(row) else "")


NOT_PROVIDED = "which was not provided."  # how a section's reason ends when its dataset is absent
NO_ANSWER_FLAGS = (
    "The social export does not say which posts were answered, so responsiveness is unknown.",
    ("Export social mentions with whether and when each was answered",
     "Customers compare how fast brands answer them in public.", "Medium", "Low"))


def _social_story(responsiveness: Responsiveness | None, tone: MentionTone | None,
                  elsewhere: NamedElsewhere | None, care_reason: str | None = None,
                  tone_reason: str | None = None):
    if responsiveness is None and tone is None and (care_reason is None or care_reason.endswith(NOT_PROVIDED)):
        return [NO_SOCIAL[0]], [NO_SOCIAL[1]]
    findings, recs = [], []
    if responsiveness is None:
        findings.append(care_reason or NO_ANSWER_FLAGS[0])
        recs.append(NO_ANSWER_FLAGS[1])
    elif responsiveness.client_row is not None:
        findings_care, recs_care = _care_story(responsiveness)
        findings += findings_care
        recs += recs_care
    if tone is not None and tone.table["is_client"].any():
        findings.append(_tone_story(tone, elsewhere))
    elif tone_reason and len(findings) < 2:
        findings.append(tone_reason)
    if not findings:
        return [NO_SOCIAL[0]], [NO_SOCIAL[1]]
    return findings, recs


def _care_story(responsiveness: Responsiveness):
    me, best = responsiveness.client_row, responsiveness.best_competitor
    finding = (f"{responsiveness.client} answers {me['response_rate']:.0f}% of the "
               f"{me['mentions']:,} posts about it (Delta's reference: {DELTA_RESPONSE_RATE:.0f}%)")
    if has_times(me):
        finding += (f", in a median of {duration_text(me['median_minutes'])}, "
                    f"{me['within_2h']:.0f}% within two hours")
    if best is not None:
        finding += f"; {best['brand']} {_answering(best)}"
    recs = []
    slow = has_times(me) and me["within_2h"] < SEPHORA_SHARE
    behind = best is not None and me["response_rate"] < best["response_rate"]
    if slow or behind:
        why = f"You {_answering(me, 'answer')}"
        if best is not None:
            why += f"; {best['brand']} {_answering(best)}"
        recs.append(("Staff social care to answer most posts within two hours, complaints first",
                     why + "; Sephora answers most within two hours.", "High", "Medium"))
    return [finding + "."], recs


def _tone_story(tone: MentionTone, elsewhere: NamedElsewhere | None) -> str:
    mine = tone.table[tone.table["is_client"]].iloc[0]
    text = (f"Posts about {tone.client} are {mine['positive']:.0f}% positive and "
            f"{mine['negative']:.0f}% negative (net {signed(mine['net'], 0)})")
    top = tone.table.iloc[0]
    if top["brand"] != tone.client:
        text += f" against net {signed(top['net'], 0)} for {top['brand']}"
    if elsewhere is not None and elsewhere.clause():
        text += f"; {elsewhere.clause()}"
    return text + "."


FALLBACK_RECS = (
    ("Repeat the consideration question, the benchmark and the social audit every quarter",
     "Competitive positions move: a challenger can gain ground in a single quarter.", "Medium", "Low"),
    ("Share the competitive scorecard with every team that shapes the experience",
     "Teams improve what they can compare.", "Medium", "Low"),
)


def _part(part) -> tuple[object, str | None]:
    """(result, reason it could not run) of a :class:`cxlib.sections.Section`, a bare result or None."""
    if hasattr(part, "ran") and hasattr(part, "needs"):
        return part.value(), part.reason
    return part, None


def assess(*, consideration, bench, trend, plan, responsiveness, tone, elsewhere=None) -> Assessment:
    """Score step 2 and write its findings and recommendations, in priority order.

    Parameters
    ----------
    consideration, bench, trend, plan, responsiveness, tone, elsewhere : the step's sections
        (:mod:`cxlib.sections`), or their results (None for one that could not run). A section that
        could not run is "not assessed" in the score and its reason stands in the findings; no
        finding or recommendation rests on it. Without ``plan`` (importance for NPS unknown) the
        benchmark is scored with every attribute weighing the same.
    """
    consideration, known_why = _part(consideration)
    bench, bench_why = _part(bench)
    trend, _ = _part(trend)
    plan, _ = _part(plan)
    responsiveness, care_why = _part(responsiveness)
    tone, tone_why = _part(tone)
    elsewhere, _ = _part(elsewhere)
    if plan is None and bench is not None:
        plan = attack_priorities(None, bench)
    score = competition_score(plan=plan, responsiveness=responsiveness, consideration=consideration, tone=tone,
                              reasons={"plan": bench_why, "responsiveness": care_why,
                                       "consideration": known_why, "tone": tone_why})
    known_f, known_r = _consideration_story(consideration, known_why)
    bench_f, bench_r = _benchmark_story(bench, plan, trend, bench_why)
    social_f, social_r = _social_story(responsiveness, tone, elsewhere, care_why, tone_why)
    findings = (known_f + bench_f + social_f)[:5]
    # Attack the gap that matters, then widen the lens, then answer faster, then defend.
    ordered = bench_r[:1] + known_r + social_r + bench_r[1:]
    for fallback in FALLBACK_RECS:
        if len(ordered) >= 3:
            break
        ordered.append(fallback)
    recommendations = tuple(Recommendation(i, action, why, impact=impact, effort=effort)
                            for i, (action, why, impact, effort) in enumerate(ordered[:5], 1))
    step = StepResult(step=STEP, title=TITLE, score=score.score, findings=tuple(findings),
                      recommendations=recommendations, score_rule=SCORE_RULE)
    return Assessment(score, step)
