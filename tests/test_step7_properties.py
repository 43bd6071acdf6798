"""Step 7 on generated surveys of every shape: no exception, and no sentence that a thin sample
would make wrong ("from +5 to +5", "across 1 segments", "nan", a finding from an unmet minimum)."""
import re

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlib import sections
from cxlib.metrics import (
    catalog,
    drivers,
    integrity,
    nps,
    portfolio,
    precision,
    prediction,
    segments,
)
from cxlib.sections import run_section
from cxlib.text import themes
from cxlib.wording import method_words

BAD = (re.compile(r"\bnan\b", re.IGNORECASE), re.compile(r"across (the )?1 \w+s\b"), re.compile(r"\bNone\b"),
       re.compile(r"from ([+−-]?\d+) \(([^)]*)\) to \1 \(\2\)"),
       # a negative number written with a hyphen ("-8 points"), not the minus sign; "1-3" is a range
       re.compile(r"(?<![\w)])-\d"))


@st.composite
def surveys(draw) -> pd.DataFrame:
    n = draw(st.integers(min_value=30, max_value=400))
    months = draw(st.integers(min_value=1, max_value=4))
    ratings = draw(st.integers(min_value=0, max_value=5))
    seed = draw(st.integers(min_value=0, max_value=10_000))
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-01-01")
    frame = pd.DataFrame({
        "response_id": [f"R{i}" for i in range(n)],
        "responded_at": start + pd.to_timedelta(rng.integers(0, 28 * months, n), unit="D"),
        "nps": rng.integers(0, 11, n).astype(float),
    })
    if draw(st.booleans()):
        frame["segment"] = rng.choice(draw(st.sampled_from([["Only"], ["A", "B"], ["A", "B", "C", "D"]])), n)
    if draw(st.booleans()):
        frame["channel"] = rng.choice(["web", "app"], n)
    if draw(st.booleans()):
        frame["csat"] = rng.integers(1, 6, n).astype(float)
    if draw(st.booleans()):
        frame["comment"] = rng.choice(["Late again", "Great crew", "Too expensive", None, "Fine"], n)
    if draw(st.booleans()):
        frame["agent_id"] = rng.choice([f"AG-{k}" for k in range(draw(st.integers(1, 6)))], n)
    for k in range(ratings):
        frame[f"attr_r{k}"] = rng.integers(1, 6, n).astype(float)
    blank = draw(st.floats(min_value=0, max_value=0.5))
    frame.loc[rng.random(n) < blank, "nps"] = np.nan
    return frame


def assert_clean(sentence: str) -> None:
    for pattern in BAD:
        assert not pattern.search(sentence), (pattern.pattern, sentence)
    # the summary and body say "larger than chance", "a 95% range"; test names stay in the appendix
    assert not method_words(sentence), (method_words(sentence), sentence)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(surveys())
def test_step_7_says_only_what_its_data_supports(survey):
    frames = {"survey": survey}

    def run(fn, needs, *args, **kwargs):
        return run_section(frames, fn, *args, needs=needs, **kwargs)

    if sections.NPS_LEVEL.shortfall(frames) is not None:
        return  # too few scored answers for any NPS: the step is not run (stated by the section)
    parts = {
        "headline": run(portfolio.headline_metrics, sections.HEADLINE),
        "change": run(nps.last_period_change, sections.NPS_CHANGE),
        "trend": run(nps.nps_trend, sections.NPS_TREND),
        "precision": run(precision.precision_summary, sections.PRECISION),
        "segment": run(segments.group_comparison, sections.BY_SEGMENT, "segment"),
        "channel": run(segments.group_comparison, sections.BY_CHANNEL, "channel"),
        "drivers": run(drivers.key_drivers, sections.KEY_DRIVERS, n_boot=20),
        "reasons": run(themes.reasons_for_score, sections.REASONS, themes=themes.client_themes("Airlines", None).themes),
        "integrity": run(integrity.integrity_audit, sections.INTEGRITY),
        "churn": run(prediction.churn_link, sections.CHURN),
        "catalog": run(catalog.catalog_audit, sections.CATALOG, pd.DataFrame(), as_of=pd.Timestamp("2026-06-30")),
    }
    for name, part in parts.items():
        if not part.ran:
            assert_clean(part.reason)
            assert part.reason.endswith(".")
        elif hasattr(part.result, "headline"):
            assert_clean(part.result.headline())
    # a comparison that ran compares at least two groups of at least 30
    for key in ("segment", "channel"):
        if parts[key].ran:
            table = parts[key].result.table
            assert len(table) >= 2 and (table["n"] >= 30).all()
    if parts["drivers"].ran:
        complete = survey.dropna(subset=["nps", *[c for c in survey if c.startswith("attr_")]])
        assert len(complete) >= max(100, 10 * sum(c.startswith("attr_") for c in survey))
    verdict = portfolio.assess(headline=parts["headline"], change=parts["change"], precision=parts["precision"],
                               drivers=parts["drivers"], integrity=parts["integrity"], churn=parts["churn"],
                               catalog=parts["catalog"], goals=pd.DataFrame(columns=["goal", "metric", "target", "due"]))
    step = verdict.step
    for sentence in (*step.sentences, *(r.action for r in step.recommendations), *(r.rationale for r in step.recommendations)):
        assert_clean(sentence)
    assert step.score is not None and 0 <= step.score <= 100
    assert verdict.score.not_assessed[-1] == "Predictive"  # no customer base in a survey-only client
