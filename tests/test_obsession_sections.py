"""Step 1's section rules (cxlib.sections.step1): one sentence each when a section cannot run."""
from __future__ import annotations

import pandas as pd

from cxlib import sections
from cxlib.sections.step1 import MIN_PER_CHANNEL, StepNeeds, dataset_noun

# the datasets as the shared noun list names them
LOG, MESSAGES, PRACTICES = (dataset_noun(d) for d in ("interactions", "messages", "practices"))


def test_the_rules_are_star_imported_without_shadowing_the_shared_needs():
    assert sections.Needs is not StepNeeds
    assert sections.SAY_DO_GAP in sections.STEP_1 and sections.FIRST_MOVES in sections.STEP_1
    assert len(sections.PRACTICE_EVIDENCE) == 15      # one rule per measure of the evidence
    assert all(n in sections.STEP_1 for n in sections.PRACTICE_EVIDENCE.values())


def test_the_say_do_gap_needs_the_self_assessment():
    assert sections.SAY_DO_GAP.shortfall({}) == \
        f"The say-do gap needs the {PRACTICES}, which was not provided."
    blank = pd.DataFrame({"practice": ["personalize"], "self_score": [None]})
    assert sections.SAY_DO_GAP.shortfall({"practices": blank}) == \
        f"The say-do gap needs self-score answers; this {PRACTICES} has none."
    rated = pd.DataFrame({"practice": ["personalize"], "self_score": [3.0]})
    assert sections.SAY_DO_GAP.shortfall({"practices": rated}) is None


def test_impact_reuses_the_key_driver_minimum_of_step_7():
    assert (sections.PRACTICE_IMPACT.min_rows, sections.PRACTICE_IMPACT.per_column) == \
        (sections.KEY_DRIVERS.min_rows, sections.KEY_DRIVERS.per_column) == (100, 10)
    # 5 ratings need 10 x 5 = 50 complete answers, and 100 overall: 60 answers fall short
    survey = pd.DataFrame({"nps": [9] * 60, **{f"attr_{a}": [4] * 60 for a in "abcde"}})
    assert sections.PRACTICE_IMPACT.shortfall({"survey": survey}) == (
        "The link to NPS needs at least 100 complete answers for 5 ratings; this survey has 60.")


def test_a_measure_counts_its_own_rows_in_its_own_words():
    social = sections.PRACTICE_EVIDENCE["social_answered"]
    assert social.count_shortfall(29) == ("The social answer rate needs at least 30 posts about the company "
                                          "that say whether they were answered; this social export has 29.")
    assert social.count_shortfall(30) is None
    switches = sections.PRACTICE_EVIDENCE["no_repeat"]
    assert switches.shortfall({}) == f"Seamless switches need the {LOG}, which was not provided."
    copy = sections.PRACTICE_EVIDENCE["jargon_free"]
    assert copy.shortfall({"messages": pd.DataFrame({"text": ["Hello"] * 29})}) == \
        f"Jargon-free copy needs at least 30 messages; this {MESSAGES} has 29."


def test_channel_consistency_needs_two_channels_of_30():
    rule = sections.PRACTICE_EVIDENCE["survey_consistency"]
    survey = pd.DataFrame({"csat": [5] * 60, "channel": ["chat"] * 30 + ["web"] * 29 + ["app"]})
    assert MIN_PER_CHANNEL == 30
    assert rule.shortfall({"survey": survey}) == (
        "Channel consistency needs at least 2 channels with 30 answers or more; this survey has 1 of 3.")


def test_the_method_notes_state_each_rule_once_in_the_clients_words():
    notes = sections.method_notes(sections.STEP_1)
    assert f"The say-do gap: the {PRACTICES}." in notes
    assert f"Seamless switches: the {LOG} with at least 30 channel switches" in notes
    assert "The first moves: evidence on at least one practice." in notes
    assert "The maturity level: at least half of the score's weight assessed." in notes
    assert "interactions" not in notes and "journey log log" not in notes
