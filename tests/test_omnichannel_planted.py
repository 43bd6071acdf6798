"""The planted truths of the demo (cxlib.demo.operations.TRUTHS), found by cxlib.omnichannel."""
import pytest

from cxlib import omnichannel
from cxlib.demo.operations import TRUTHS
from cxlib.metrics.satisfaction import ces
from cxlib.wording import method_words


@pytest.fixture(scope="module")
def data(demo):
    return demo["survey"], demo["interactions"], demo["channels"]


def test_finds_gen_z_in_the_app_and_chat_and_older_customers_on_phone_and_in_store(data):
    survey, interactions, _ = data
    result = omnichannel.preference.channel_preference(interactions, survey, year=2026)
    assert set(result.young_on_young.channels) == set(TRUTHS.young_channels)
    assert set(result.older_on_older.channels) == set(TRUTHS.old_channels)
    assert result.young_on_young.share == pytest.approx(TRUTHS.young_share, abs=0.02)
    assert result.older_on_older.share == pytest.approx(TRUTHS.old_share, abs=0.02)
    assert result.older_on_older.group == "55+" and result.p_value < 0.001
    assert result.headline().startswith("Gen Z (18-24) start 60% of their contacts on app or chat (473 contacts)")
    assert method_words(result.headline()) == [] and "CI" not in result.headline()


def test_finds_chat_under_funded_stores_over_funded_and_whatsapp_unoffered(data):
    _, interactions, channels = data
    result = omnichannel.presence.presence_gap(interactions, channels)
    assert result.under["channel"] == TRUTHS.under_invested
    assert result.over["channel"] == TRUTHS.over_invested
    assert result.under["usage_share"] == pytest.approx(TRUTHS.under_invested_usage, abs=0.01)
    assert result.over["investment_share"] == pytest.approx(TRUTHS.over_invested_budget)
    top = result.unoffered.iloc[0]
    assert top["channel"] == TRUTHS.unoffered_tried
    assert top["usage_share"] == pytest.approx(TRUTHS.unoffered_tried_share, abs=0.005)
    assert top["unanswered_share"] == pytest.approx(TRUTHS.unoffered_tried_unanswered, abs=0.04)


def test_finds_email_missing_its_target_badly(data):
    _, interactions, channels = data
    result = omnichannel.speed.response_speed(interactions, channels)
    assert result.worst["channel"] == TRUTHS.slow_channel
    assert result.worst["in_time_share"] == pytest.approx(TRUTHS.slow_channel_in_time, abs=0.02)
    assert result.worst["median_minutes"] == pytest.approx(TRUTHS.slow_channel_median, rel=0.05)
    others = result.table[result.table["target_set"] & (result.table["channel"] != TRUTHS.slow_channel)]
    assert others["in_time_share"].min() >= TRUTHS.other_channels_in_time
    assert "misses its response target badly" in result.headline()


def test_finds_repeated_information_after_switches_and_what_it_costs(data):
    survey, interactions, _ = data
    result = omnichannel.continuity.switch_continuity(interactions, survey)
    assert result.repeat_share == pytest.approx(TRUTHS.switch_repeat_share, abs=0.02)
    shares = result.resolution.set_index("group")["share"]
    assert shares["repeated"] == pytest.approx(TRUTHS.resolved_if_repeated, abs=0.02)
    assert shares["carried over"] == pytest.approx(TRUTHS.resolved_if_not_repeated, abs=0.02)
    assert result.resolution_high < -0.25 and result.resolution_p < 0.001
    # the planted gap (CES 0.8 lower, NPS 24) is in customers' *latest* answers, most of them given before or
    # long after the switch; on answers given within 30 days after it (tests/test_demo_omnichannel.py recomputes
    # them with plain pandas) the groups cannot be told apart
    scores = result.scores
    assert (scores.answered, scores.surveyed) == (95, 664)
    assert (result.ces.n_repeated, result.ces.n_carried) == (47, 43)
    assert (round(result.ces.repeated, 1), round(result.ces.carried, 1)) == (4.9, 5.0)
    assert (round(result.nps.repeated), round(result.nps.carried)) == (33, 36)
    assert result.ces.p_value > 0.05 and result.nps.p_value > 0.05
    assert "0.8 lower" not in result.finding().text and "NPS" not in result.finding().text
    assert "a gap within what chance alone produces" in scores.headline()


def test_the_step_verdict_on_the_demo(data):
    survey, interactions, channels = data
    preference = omnichannel.preference.channel_preference(interactions, survey, year=2026)
    presence = omnichannel.presence.presence_gap(interactions, channels)
    speed = omnichannel.speed.response_speed(interactions, channels)
    continuity = omnichannel.continuity.switch_continuity(interactions, survey)
    effort = omnichannel.effort.effort_by_channel(survey)
    result = omnichannel.scorecard.assess(
        preference=preference, presence=presence, speed=speed, continuity=continuity,
        effort=effort, ease=ces(survey["ces"]))
    assert result.score.score == pytest.approx(result.components["points"].sum(), abs=0.05)
    assert 50 <= result.score.score < 75 and result.step.maturity == "Competent"
    assert len(result.step.sentences) == 5 and len(result.step.recommendations) == 5
    text = " ".join(result.step.sentences)
    for name in ("Gen Z", "Chat", "WhatsApp", "Email", "repeat information"):
        assert name in text


def test_the_verdict_names_datasets_targets_and_the_budgeted_social_channel(data):
    survey, interactions, channels = data
    presence = omnichannel.presence.presence_gap(interactions, channels)
    speed = omnichannel.speed.response_speed(interactions, channels)
    result = omnichannel.scorecard.assess(presence=presence, speed=speed)
    findings = {f.source.rsplit(".", 1)[-1] + ":" + f.theme: f for f in result.step.findings}
    # truth 4: email's median first response in the contact log is about 47 h against the channel list's 24 h
    speed_finding = findings["speed_against_targets:speed"]
    figures = {f.quantity: f for f in speed_finding.figures}
    median = figures["first response, email (median)"]
    assert median.value == pytest.approx(47, abs=1.5) and median.unit == "hours"
    assert median.population.startswith("contact log, email contacts answered (n = ")
    assert (figures["first-response target, email"].value, figures["first-response target, email"].population) \
        == (24.0, "channel list")
    assert speed_finding.text.startswith("Email misses its response target badly: only 14% of 690 contacts")
    # social media: 2% of the budget, yet marked not offered for service; the move to answer it is social care
    unoffered = findings["presence_gap:social"]
    assert "Social media holds 2% of the service budget, yet the channel list marks it not offered" in unoffered.text
    assert {f.quantity: f.value for f in unoffered.figures}["share of the service budget, social media"] == 2.0
    social = next(r for r in result.step.recommendations if r.theme == "social")
    assert social.action == "Open WhatsApp and social media as supported service channels, answered by the chat team"
    assert social.kpi.target > social.kpi.baseline  # the offered channels answer more of their contacts
    # chat 21% of contacts on 8% of the budget, store 16% on 34%: the sum a formula would move is stated as
    # an assumption, from the rounded shares (21 - 8 = 13, 34 - 16 = 18), and the move is a review
    budget = next(r for r in result.step.recommendations if r.action.startswith("Review the service budget"))
    assert budget.theme == "channels" and budget.kpi.metric == "Channels costed per contact"
    assert "If budget followed contacts, chat's share would rise 13 points and store's fall 18" in budget.rationale
    assert "13%" not in budget.action
    email = next(r for r in result.step.recommendations if r.theme == "speed")
    assert email.kpi.baseline == pytest.approx(14, abs=2) and email.kpi.metric == "Email contacts answered within target"
