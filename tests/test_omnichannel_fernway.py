"""Step 4 on the second demo profile (Fernway Home: no contact log, no CES, no age band): the sections
that cannot run say why, speed is read from the tickets, and the verdict scores only what ran."""
import pytest

from cxlib import omnichannel, sections
from cxlib.data import load_client
from cxlib.demo import retail


@pytest.fixture(scope="module")
def fernway(tmp_path_factory):
    folder = tmp_path_factory.mktemp("retail") / "fernway"
    retail.generate(folder)
    return load_client(folder)


def test_email_misses_its_target_in_the_tickets(fernway):
    # service.py truth 1: email's median first response is about 9 hours against a 4-hour target
    speed = fernway.section(omnichannel.speed.speed_against_targets, tickets=fernway.get("tickets"),
                            interactions=fernway.get("interactions"), needs=sections.CHANNEL_SPEED)
    assert speed.ran and speed.result.unit == "tickets"
    worst = speed.result.worst
    assert worst["channel"] == "email" and worst["target_minutes"] == 240
    assert worst["median_minutes"] == pytest.approx(540, rel=0.15)
    assert speed.result.headline().startswith("Email misses its response target badly: only ")
    assert "tickets are answered within its 4 h target, at a median of 9 h" in speed.result.headline()


def test_sections_without_their_data_say_why_and_the_verdict_scores_only_speed(fernway):
    run = {name: fernway.section(lambda *frames: None, needs=needs) for name, needs in (
        ("preference", sections.CHANNEL_CHOICE), ("presence", sections.CHANNEL_BUDGET),
        ("continuity", sections.SWITCH_CONTINUITY), ("effort", sections.CHANNEL_EFFORT),
        ("ease", sections.EASE_SHARE))}
    assert run["presence"].reason == "The comparison of usage and budget needs the contact log, which was not provided."
    assert run["effort"].reason == "Effort by channel needs effort (CES) answers; this survey has none."
    speed = fernway.section(omnichannel.speed.speed_against_targets, tickets=fernway.get("tickets"),
                            needs=sections.CHANNEL_SPEED)
    result = omnichannel.scorecard.assess(speed=speed, **run)
    assert result.score.not_assessed == ["Present", "Funded where used", "Continuous", "Easy"]
    fast = result.components.set_index("component").loc["Fast", "points"]
    assert result.score.score == pytest.approx(round(5 * fast, 1))  # one part of five, rescaled to 100
    assert result.step.maturity == "Partly assessed"
    assert result.step.sentences[1] == ("Channel choice by age, the comparison of usage and budget and the "
                                       "channel-switch analysis need the contact log, which was not provided.")
