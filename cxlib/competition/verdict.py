"""Step 2's verdict: are you beating your competitors at CX? Score, findings and recommendations.

The score (0-100) rewards what the seed teaches: win on the experience that matters, answer
customers where they talk, and know who you really compete with. Every bar comes from the
client's own market (its competitors in its data) or from a benchmark client.yml gives for its
industry; examples from other industries are never a bar. The rule is :data:`SCORE_RULE_TEXT`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cxlib.competition.benchmark import Benchmark, BenchmarkTrend, points
from cxlib.competition.considered import Consideration
from cxlib.competition.priorities import UNKNOWN, AttackPlan, attack_priorities
from cxlib.competition.social import (
    HOURS_BENCHMARK,
    RATE_BENCHMARK,
    MentionTone,
    NamedElsewhere,
    Responsiveness,
    has_times,
)
from cxlib.report.record import (
    Assessment,
    Figure,
    Finding,
    Kpi,
    Recommendation,
    StepScore,
    verdict,
)
from cxlib.report.verdict import theme_of
from cxlib.wording import and_list, signed
from cxlib import wording

GAP_FOR_ZERO = 2.0        # points of 10 behind the best competitor that earn an attribute nothing
NET_TONE_FOR_ZERO = 50.0  # net-tone points behind the best competitor that earn tone nothing
POINTS = {"Benchmark position": 40, "Posts answered": 15, "Speed of answer": 15,
          "True competitors known": 20, "Tone of mentions": 10}
SCORE_RULE = "benchmark 40, social answers 15 + speed 15, true competitors 20, tone 10"
SCORE_RULE_TEXT = (
    f"**How the score is built.** Five parts add up to {sum(POINTS.values())} points. "
    f"*Benchmark position* ({POINTS['Benchmark position']}): each attribute earns its weight (its survey "
    "rating's share of the ratings' joint link to NPS) in full when you match or beat the best competitor "
    f"on it, nothing when you trail the best by {GAP_FOR_ZERO:.0f} points out of 10 or more, and "
    "proportionally in between. "
    f"*Posts answered* ({POINTS['Posts answered']}): the share of social posts about you that you answer, "
    "as a share of the bar: the best competitor's share in your social data, or the industry benchmark "
    f"you gave us, when there is one (\"{RATE_BENCHMARK}\"); full marks at or above it. "
    f"*Speed of answer* ({POINTS['Speed of answer']}): the bar's median time to answer divided by yours: "
    "the fastest competitor's median in your social data, or the industry benchmark you gave us, when "
    f"there is one (\"{HOURS_BENCHMARK}\"); full marks when you are as fast or faster. "
    f"*True competitors known* ({POINTS['True competitors known']}): the share of the brands customers "
    "also consider that your competitor list includes, counted over the times a brand is named. "
    f"*Tone of mentions* ({POINTS['Tone of mentions']}): your net tone (positive minus negative posts) "
    f"against the best competitor's; full marks when level or ahead, nothing when {NET_TONE_FOR_ZERO:.0f} "
    "points or more behind. "
    "A part that could not be assessed (its data is missing or below the minimum) is left out: the score "
    "is the assessed parts' points as a share of their maximum, and with no part assessed there is no score. "
    "Maturity: Mature from 75, Competent from 50, Novice from 25, below that Ignoring. "
    "Published examples from other industries are not used as a bar: Delta is reported to answer about "
    "30% of the social mentions it receives, and Sephora most messages within two hours, in markets "
    "unlike yours."
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
    basis = f"{share:.0%} of the credit, {'weighted by link to NPS' if known.any() else 'equally weighted'}"
    basis += f"; level or ahead on {', '.join(ahead) if ahead else 'none'}"
    if far:
        basis += f"; {GAP_FOR_ZERO:.0f}+ points behind on {', '.join(far)}"
    return POINTS["Benchmark position"] * share, basis


def _social_points(responsiveness: Responsiveness | None, why: str = "no social dataset provided"
                   ) -> list[tuple[str, float | None, str]]:
    answered, speed = "Posts answered", "Speed of answer"
    if responsiveness is None:
        return [(answered, None, f"not assessed: {_lower(why)}"), (speed, None, f"not assessed: {_lower(why)}")]
    me = responsiveness.client_row
    if me is None:
        return [(answered, None, "not assessed: no posts about the client"),
                (speed, None, "not assessed: no posts about the client")]
    rate, fast = responsiveness.rate_bar(), responsiveness.speed_bar()
    nobody = "no competitor with enough {} to compare with, and no industry benchmark given"
    if rate is None:
        rows = [(answered, None, "not assessed: " + nobody.format("posts"))]
    else:
        earned = min(1.0, me["response_rate"] / rate.value) if rate.value > 0 else 1.0
        rows = [(answered, POINTS[answered] * earned,
                 f"{me['response_rate']:.0f}% of posts answered vs {rate.value:.0f}% for {rate.name}")]
    if not has_times(me):
        rows.append((speed, None,
                     f"not assessed: fewer than {responsiveness.min_posts} answers with a response time"))
    elif fast is None:
        rows.append((speed, None, "not assessed: " + nobody.format("timed answers")))
    else:
        earned = min(1.0, fast.value / me["median_minutes"]) if me["median_minutes"] > 0 else 1.0
        rows.append((speed, POINTS[speed] * earned,
                     f"median time to answer {wording.duration(me['median_minutes'])} vs "
                     f"{wording.duration(fast.value)} for {fast.name}"))
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
            f"net tone {signed(me['net'])} vs {signed(best['net'])} for {best['brand']}")


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


def _trend(trend: BenchmarkTrend | None, attribute: str) -> tuple[str, list[Figure]]:
    """', up from 2.6 in Dec 2025' (how far behind the attribute was in the first wave) and its
    figure, or nothing when the gap did not move."""
    if trend is None or trend.changes.empty:
        return "", []
    row = trend.changes[trend.changes["attribute"] == attribute]
    if row.empty or abs(row.iloc[0]["change"]) < 0.05:
        return "", []
    row = row.iloc[0]
    first, last, wave = row["first_gap"], row["last_gap"], f"{row['first_wave']:%b %Y}"
    population = f"competitor benchmark, 0-10 (wave of {wave})"
    name = row["label"].lower()
    if first < 0:
        figure = Figure(f"{name}: points behind the best competitor, {wave}", -first, POINTS_OF_10, population)
        note = f", {'up' if abs(last) > abs(first) else 'down'} from {abs(first):.1f} in {wave}"
    elif first > 0:
        figure = Figure(f"{name}: points ahead of the best competitor, {wave}", first, POINTS_OF_10, population)
        note = f", after leading by {first:.1f} in {wave}"
    else:
        figure = Figure(f"{name}: gap to the best competitor, {wave}", 0.0, POINTS_OF_10, population)
        note = f", from level in {wave}"
    return note, [figure]


POINTS_OF_10 = "points of 10"


def _scores(row, bench: Benchmark) -> list[Figure]:
    """A benchmark row's client score, best competitor's score and the gap between them, as figures
    (the gap as the points behind or ahead, so no figure carries a sign)."""
    name = row["label"].lower()
    side = "behind" if row["gap"] < 0 else "ahead of"
    return [Figure(f"{name} benchmark score, {bench.client}", row["client"], "of 10", bench.population()),
            Figure(f"{name} benchmark score, {row['best_competitor']}", row["best_score"], "of 10",
                   bench.population()),
            Figure(f"{name}: points {side} the best competitor", abs(row["gap"]), POINTS_OF_10,
                   bench.population())]


def _share_figure(row, plan: AttackPlan) -> Figure:
    """An attribute's share of what explains NPS, named as step 7 names it."""
    return Figure(f"share of explained NPS variance, {row['label'].lower()}", row["importance"], "%",
                  f"survey answers (n = {plan.n:,})" if plan.n else "survey answers")


def _halfway(row, bench: Benchmark) -> Kpi:
    """The attribute's benchmark score, with a target halfway to the best competitor's."""
    return Kpi(f"{row['label']} on the competitor benchmark (0-10)", row["client"],
               round((row["client"] + row["best_score"]) / 2, 1), "of 10",
               f"halfway to {row['best_competitor']}'s {row['best_score']:.1f} on {bench.instrument()}")


def _data_move(action: str, rationale: str, impact: str, effort: str) -> Recommendation:
    return Recommendation(action=action, rationale=rationale, theme="data", impact=impact, effort=effort)


# What the record says when a dataset is missing: (finding, recommendation).
NO_BENCHMARK = (
    "No competitor benchmark was provided, so where you lead and trail is unknown.",
    _data_move("Commission a competitor benchmark: your scores and your true competitors' on the "
               "attributes customers rate, twice a year",
               "Without it you cannot tell where you win or lose on experience.", "High", "Medium"))
NOT_ASKED = (
    ("The survey does not ask which other brands customers considered, so the true competitors "
     "are unknown."),
    _data_move("Ask every survey respondent which other brands they considered",
               "It is the cheapest way to learn who you really compete with.", "Medium", "Low"))
NO_SOCIAL = (
    "No social posts about the brand were provided, so responsiveness and tone are unknown.",
    _data_move("Collect social mentions of your brand and your competitors, with response times",
               "Customers compare how fast brands answer them in public.", "Medium", "Low"))
SCALE = "on the 0–10 competitor benchmark"


def _versus(row) -> str:
    """'8.0 against 7.2 for Orbit Telecom'."""
    return f"{row['client']:.1f} against {row['best_score']:.1f} for {row['best_competitor']}"


def _benchmark_story(bench: Benchmark | None, plan: AttackPlan | None, trend: BenchmarkTrend | None,
                     reason: str | None = None) -> tuple[list[Finding | str], list[Recommendation]]:
    """Findings and recommendations of the benchmark and the driver-gap view; ``plan`` may rank by
    the benchmark alone (every importance unknown) when importance could not be assessed. Every
    benchmark score names the instrument's 0-10 scale; the largest gap is said to be the largest
    of the attributes compared."""
    if bench is None or plan is None:
        missing = reason is None or reason.endswith(NOT_PROVIDED)
        return [NO_BENCHMARK[0] if missing else reason], [NO_BENCHMARK[1]]
    findings, recs = [], []
    client, source = bench.client, "cxlib.competition.priorities.attack_priorities"
    compared = len(bench.table)
    if len(plan.attack):
        top = plan.attack.iloc[0]
        name = top["label"].lower()
        note, moved = _trend(trend, top["attribute"])
        findings.append(Finding(
            f"{top['label']}, {plan.link(top)}, is where {client} trails {top['best_competitor']} by "
            f"{points(top['gap'])} {SCALE} ({top['client']:.1f} against {top['best_score']:.1f}){note}.",
            (_share_figure(top, plan), *_scores(top, bench), *moved), source, theme_of(name, "competition")))
        recs.append(Recommendation(
            action=f"Close the {name} gap to {top['best_competitor']}: make it the first improvement programme",
            rationale=(f"{top['label']} is {plan.link(top)}, and you trail {top['best_competitor']} by "
                       f"{points(top['gap'])} {SCALE} ({top['client']:.1f} against "
                       f"{top['best_score']:.1f})."),
            theme=theme_of(name, "competition"), impact="High", effort="High", kpi=_halfway(top, bench)))
    elif len(bench.trailing):
        trail = bench.trailing.iloc[0]
        quadrant = plan.table.set_index("attribute")["quadrant"].get(trail["attribute"])
        weight = ("how closely it goes with NPS is unknown" if quadrant in (None, UNKNOWN)
                  else "its survey rating goes less closely with NPS than average")
        note, moved = _trend(trend, trail["attribute"])
        largest = (f"the largest gap of the {compared} attributes compared" if compared > 1
                   else "the only attribute compared")
        findings.append(Finding(
            f"{client} trails most on {trail['label'].lower()}, {largest}: {_versus(trail)} out of 10{note}; "
            f"{weight}.",
            (*_scores(trail, bench), *moved), "cxlib.competition.benchmark.benchmark", "competition"))
    if len(bench.leading):
        rows = list(bench.leading.head(2).iterrows())
        parts = and_list([f"{r['label'].lower()} ({_versus(r)})" for _, r in rows])
        lead = (f"leads every competitor on {parts}" if len(bench.leading) <= 2 else
                f"leads every competitor on {len(bench.leading)} of them, most on {parts}")
        findings.append(Finding(
            f"Of the {compared} attributes compared {SCALE}, {client} {lead}.",
            tuple(f for _, r in rows for f in _scores(r, bench)[:2]), "cxlib.competition.benchmark.benchmark",
            "competition"))
    else:
        findings.append(Finding(f"{client} leads no competitor on any of the {compared} attributes compared {SCALE}.",
                                source="cxlib.competition.benchmark.benchmark", theme="competition"))
    if len(plan.defend):
        top = plan.defend.iloc[0]
        recs.append(Recommendation(
            action=f"Defend the {top['label'].lower()} lead and make it the proof point of your marketing",
            rationale=(f"{top['label']} is {plan.link(top)}, and you lead {top['best_competitor']} by "
                       f"{points(top['gap'])} {SCALE}."),
            theme="competition", impact="Medium", effort="Low",
            kpi=Kpi(f"{top['label']} on the competitor benchmark (0-10)", top["client"], None, "of 10",
                    f"keep ahead of {top['best_competitor']} ({top['best_score']:.1f})")))
    return findings, recs


def _consideration_story(consideration: Consideration | None, reason: str | None = None):
    if consideration is None or not consideration.asked:
        return [reason or NOT_ASKED[0]], [NOT_ASKED[1]]
    recs = []
    if len(consideration.hidden):
        top = consideration.hidden.iloc[0]
        among = (f" ({top['share_detractors']:.0f}% of detractors)"
                 if pd.notna(top.get("share_detractors")) else "")
        coverage = 100 * consideration.listed_coverage
        mentions = consideration.table["named"].sum()
        recs.append(Recommendation(
            action=f"Add {top['brand']} to the competitor list: benchmark it and watch its social channels",
            rationale=(f"It {consideration.considered_by(top)}{among}; the brands you list get only "
                       f"{coverage:.0f}% of the mentions when customers name a competitor."),
            theme="competition", impact="High", effort="Low",
            kpi=Kpi("Competitor mentions that go to listed brands", coverage,
                    coverage + 100 * top["named"] / mentions, "%", f"{top['brand']} on the list")))
    return [consideration.finding()], recs


# Without a competitor's answers or an industry benchmark in client.yml, nothing says what good looks like.
NO_COMPETITOR_FLAGS = _data_move(
    "Track whether and how fast your competitors answer the posts about them",
    "Without that, or a published benchmark for your own industry, your social care has no bar to meet.",
    "Medium", "Low")
NOT_PROVIDED = "which was not provided."  # how a section's reason ends when its dataset is absent
NO_ANSWER_FLAGS = (
    "The social export does not say which posts were answered, so responsiveness is unknown.",
    _data_move("Export social mentions with whether and when each was answered",
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
        findings.append(responsiveness.finding())
        recs += responsiveness.moves()
        if responsiveness.rate_bar() is None:
            recs.append(NO_COMPETITOR_FLAGS)
    if tone is not None and tone.table["is_client"].any():
        findings.append(tone.finding(elsewhere))
    elif tone_reason and len(findings) < 2:
        findings.append(tone_reason)
    if not findings:
        return [NO_SOCIAL[0]], [NO_SOCIAL[1]]
    return findings, recs


FALLBACK_RECS = (
    Recommendation(action="Repeat the consideration question, the benchmark and the social audit every quarter",
                   rationale="Competitive positions move: a challenger can gain ground in a single quarter.",
                   theme="measurement", impact="Medium", effort="Low"),
    Recommendation(action="Share the competitive scorecard with every team that shapes the experience",
                   rationale="Teams improve what they can compare.", theme="competition", impact="Medium",
                   effort="Low"),
    Recommendation(action="Give each attribute customers compare you on an owner and a date to close or defend it",
                   rationale="A gap nobody owns does not close.", theme="competition", impact="Medium",
                   effort="Low"),
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
    (consideration, known_why), (bench, bench_why), (responsiveness, care_why), (tone, tone_why) = (
        _part(consideration), _part(bench), _part(responsiveness), _part(tone))
    trend, plan, elsewhere = _part(trend)[0], _part(plan)[0], _part(elsewhere)[0]
    if plan is None and bench is not None:
        plan = attack_priorities(None, bench)
    score = competition_score(plan=plan, responsiveness=responsiveness, consideration=consideration, tone=tone,
                              reasons={"plan": bench_why, "responsiveness": care_why,
                                       "consideration": known_why, "tone": tone_why})
    known_f, known_r = _consideration_story(consideration, known_why)
    bench_f, bench_r = _benchmark_story(bench, plan, trend, bench_why)
    social_f, social_r = _social_story(responsiveness, tone, elsewhere, care_why, tone_why)
    findings = known_f + bench_f + social_f
    # the parts not assessed stand in only when the sections' reasons repeat one another
    gaps = ([f"{c.component} was not assessed: {c.basis.removeprefix('not assessed: ')}."
             for c in score.components.itertuples() if pd.isna(c.points)]
            if len({str(f) for f in findings}) < 3 else [])
    # Attack the gap that matters, then widen the lens, then answer faster, then defend.
    return verdict(2, score, findings, bench_r[:1] + known_r + social_r + bench_r[1:], score_rule=SCORE_RULE,
                   gaps=gaps, reserve=FALLBACK_RECS)
