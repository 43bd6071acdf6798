import datetime as dt

import pytest

from cxlib.config import ConfigError, read_config

GOOD = """\
name: Test Co
slug: test-co
industry: Retail
period: {start: 2026-01-01, end: 2026-06-30}
brand: {primary: "#112233", secondary: "#445566", accent: "#778899"}
competitors: [A, B]
channels: [web, phone]
consultant: Ann Lee
goals:
  - {goal: Lift NPS, metric: NPS, target: 30, due: 2026-12-31}
column_map:
  survey: {nps: LTR}
"""


def write(tmp_path, text):
    path = tmp_path / "client.yml"
    path.write_text(text)
    return path


def test_reads_a_complete_client_yml(tmp_path):
    cfg = read_config(write(tmp_path, GOOD))
    assert cfg.period.start == dt.date(2026, 1, 1)
    assert cfg.period.label() == "1 Jan – 30 Jun 2026"
    assert cfg.rules("survey")["nps"].source == "LTR"
    goals = cfg.goals_frame()
    assert list(goals.columns) == ["goal", "metric", "target", "due"]
    assert goals.loc[0, "target"] == 30.0


def test_bad_colour_names_the_key(tmp_path):
    with pytest.raises(ConfigError) as exc:
        read_config(write(tmp_path, GOOD.replace('"#112233"', '"navy"')))
    assert str(exc.value).startswith("client.yml key brand.primary:")
    assert "'navy' is not a colour" in str(exc.value)


def test_period_must_be_ordered_and_fields_present(tmp_path):
    text = GOOD.replace("end: 2026-06-30", "end: 2025-06-30").replace("consultant: Ann Lee\n", "")
    with pytest.raises(ConfigError) as exc:
        read_config(write(tmp_path, text))
    lines = str(exc.value).splitlines()
    assert any(line.startswith("client.yml key period:") and "before start" in line for line in lines)
    assert any(line.startswith("client.yml key consultant:") for line in lines)


def test_unknown_key_is_refused_so_typos_do_not_pass_silently(tmp_path):
    with pytest.raises(ConfigError, match="key competitor"):
        read_config(write(tmp_path, GOOD + "competitor: [C]\n"))


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(ConfigError, match=r"client.yml line \d+: not valid YAML"):
        read_config(write(tmp_path, "name: [unclosed\nslug: x\n"))


def test_client_themes_must_be_valid_word_patterns(tmp_path):
    with pytest.raises(ConfigError) as exc:
        read_config(write(tmp_path, GOOD + "themes:\n  Lounge access: ['lounge(']\n"))
    assert str(exc.value).startswith("client.yml key themes: theme 'Lounge access': 'lounge(' is not a valid "
                                     "word pattern")
    cfg = read_config(write(tmp_path, GOOD + "themes:\n  Lounge access: ['lounges?']\n"))
    assert cfg.themes == {"Lounge access": ["lounges?"]}
