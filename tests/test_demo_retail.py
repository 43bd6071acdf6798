"""The second demo profile, Fernway Home: its files, its mapping and each planted truth, checked
with plain pandas on the written files and through the cxlib functions the steps call."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cxlib.competition import social
from cxlib.demo.retail import ABSENT, DATASETS, TRUTHS, generate
from cxlib.metrics import drivers as key_drivers
from cxlib.metrics import prediction
from cxlib.text import sentiment

CX = str(Path(sys.executable).with_name("cx"))


def test_the_profile_writes_only_its_datasets_and_validates_with_warnings_only(fernway_dir, fernway):
    assert sorted(p.name for p in fernway_dir.iterdir()) == sorted(["client.yml", *(f"{d}.csv" for d in DATASETS)])
    assert fernway.ok and not [p for p in fernway.problems if p.severity == "error"]
    assert set(ABSENT) == set(TRUTHS.absent_datasets)
    assert all(fernway.get(name) is None for name in ABSENT)


def test_the_same_seed_gives_the_same_bytes_and_the_slug_is_the_folder(tmp_path):
    first, second = generate(tmp_path / "a" / "shopco"), generate(tmp_path / "b" / "shopco")
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    assert "slug: shopco" in (first / "client.yml").read_text()


def test_cx_demo_writes_the_retail_profile_and_refuses_an_unknown_one(tmp_path):
    done = subprocess.run([CX, "demo", "--profile", "retail", "--out", str(tmp_path / "fernway")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and (tmp_path / "fernway" / "survey.csv").exists(), done.stdout + done.stderr
    wrong = subprocess.run([CX, "demo", "--profile", "bakery", "--out", str(tmp_path / "x")],
                           capture_output=True, text=True)
    assert wrong.returncode == 2 and "mobile, retail" in wrong.stdout


def test_one_wave_of_412_answers_in_october(fernway):
    survey = fernway["survey"]
    assert len(survey) == TRUTHS.answers == 412
    assert survey["responded_at"].dt.to_period("M").nunique() == TRUTHS.months == 1


def test_satisfaction_on_1_to_10_is_rescaled_half_up_onto_1_to_5(fernway_dir, fernway):
    raw = pd.read_csv(fernway_dir / "survey.csv")["Overall satisfaction (1-10)"]
    # 1 + (x - 1) * 4 / 9, half up: 1->1, 2->1.44->1, 3->1.89->2, 6->3.22->3, 7->3.67->4, 10->5
    expected = np.floor(1 + (raw - 1) * 4 / 9 + 0.5).astype(int)
    assert fernway["survey"]["csat"].astype(int).tolist() == expected.tolist()


def test_blank_optional_columns_are_treated_as_not_provided(fernway):
    assert not {"segment", "age_band", "ces"} & set(fernway["survey"].columns)
    assert "touchpoint" not in fernway["reviews"] and "csat" not in fernway["tickets"]


def test_delivery_is_the_top_driver_and_returns_the_weakest_rating(fernway):
    survey = fernway["survey"]
    ratings = survey.filter(like="attr_")
    assert ratings.mean().idxmin() == TRUTHS.weakest_rating
    result = key_drivers.key_drivers(survey)
    assert result.top_driver == TRUTHS.top_driver and result.table.iloc[0]["driver"] == "attr_delivery"


def test_detractors_churn_at_least_twice_as_often_as_promoters(fernway):
    joined = fernway["survey"].merge(fernway["customers"], on="customer_id")
    detractor = joined.loc[joined["nps"] <= 6, "churned"].mean()
    promoter = joined.loc[joined["nps"] >= 9, "churned"].mean()
    assert detractor > 2 * promoter
    link = prediction.churn_link(fernway["survey"], fernway["customers"])
    assert link.band_metric == "NPS class" and link.bands_title() == "Churn by NPS class"
    assert link.band_clause().startswith("detractors (NPS 0-6) churn ")


def test_joy_is_the_most_criticised_brand_once_names_are_masked(fernway):
    posts = fernway["social"]
    ranked = social.mention_tone(posts, "Fernway Home")
    assert ranked.table.iloc[-1]["brand"] == TRUTHS.most_criticised_brand
    # Read word by word, "joy" is a positive word (+2.8 in VADER's lexicon): unmasked, Joy's posts
    # read far more kindly than they are, which is the error masking exists to prevent.
    joy = posts[posts["brand"] == "Joy"]["text"]

    def net(scores):
        tones = sentiment.tone(scores)
        return 100 * ((tones == "positive").mean() - (tones == "negative").mean())

    assert net(sentiment.compound(joy)) > net(sentiment.compound(joy, names=fernway.brand_names)) + 20


def test_only_the_clients_answers_are_known_on_social(fernway):
    care = social.responsiveness(fernway["social"], "Fernway Home")
    assert care.table["brand"].tolist() == ["Fernway Home"]
    assert care.unknown == ("Bright", "Harbour", "Joy")
    assert care.client_row["response_rate"] == pytest.approx(100 * TRUTHS.client_answer_share, abs=0.5)
    assert "does not say whether Bright, Harbour and Joy answer" in care.headline()
