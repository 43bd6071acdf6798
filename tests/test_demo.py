"""The demo client: files, contract, determinism and every planted truth, checked with plain maths.

The planted truths are computed here with numpy/pandas on purpose (not with cxlib.metrics), so a
bug in an analysis cannot hide a bug in the data, or the other way round.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
import yaml

from cxlib.demo import PLANTED, generate

ATTRS = ["attr_ease", "attr_speed", "attr_price", "attr_staff", "attr_reliability",
         "attr_personalization"]
Q_ITEMS = [
    "q_hired_for_customer_focus", "q_team_puts_customer_first", "q_know_our_customers",
    "q_curious_about_customers", "q_encouraged_to_experiment", "q_learn_from_failures",
    "q_understand_cx_roi", "q_clear_cx_goals", "q_see_my_impact_on_customers",
    "q_received_cx_training",
]
# docs/data-contract.md, written out again so the test states the contract on its own.
CONTRACT = {
    "survey": ["response_id", "customer_id", "responded_at", "channel", "segment", "age_band",
               "nps", "csat", "ces", *ATTRS, "comment", "also_considered", "agent_id",
               "location_id"],
    "customers": ["customer_id", "segment", "signup_date", "revenue_12m", "churned", "churned_at"],
    "journey": ["customer_id", "occurred_at", "stage", "touchpoint", "channel", "satisfaction",
                "effort"],
    "competitors": ["brand", "attribute", "score", "source", "measured_at"],
    "social": ["brand", "platform", "posted_at", "text", "responded", "responded_at"],
    "reviews": ["platform", "posted_at", "rating", "text", "touchpoint"],
    "brand_promise": ["attribute", "promise", "survey_column", "internal_rating"],
    "channels": ["channel", "offered", "investment_share", "target_response_minutes"],
    "interactions": ["interaction_id", "customer_id", "channel", "started_at", "previous_channel",
                     "first_response_minutes", "resolved", "repeated_info"],
    "messages": ["asset_id", "channel", "audience", "text"],
    "tickets": ["ticket_id", "channel", "agent_id", "opened_at", "first_response_minutes",
                "resolved_at", "customer_text", "agent_reply", "csat"],
    "employees": ["respondent_id", "department", "level", "customer_contact", *Q_ITEMS, "comment"],
    "practices": ["practice", "self_score", "evidence", "owner"],
    "metrics": ["metric", "definition", "owner", "cadence", "linked_goal", "target",
                "last_reviewed", "dashboard_views_90d"],
}
ROWS = {
    "survey": (4500, 5500), "customers": (5500, 6500), "journey": (45_000, 55_000),
    "competitors": (100, 400), "social": (2700, 3300), "reviews": (1300, 1700),
    "brand_promise": (6, 6), "channels": (8, 8), "interactions": (7000, 9000),
    "messages": (35, 45), "tickets": (1800, 2200), "employees": (280, 320), "practices": (10, 10),
    "metrics": (10, 14),
}
DATETIMES = {"survey": ["responded_at"], "journey": ["occurred_at"],
             "social": ["posted_at", "responded_at"], "reviews": ["posted_at"],
             "interactions": ["started_at"], "tickets": ["opened_at", "resolved_at"]}
DATES = {"customers": ["signup_date", "churned_at"], "competitors": ["measured_at"],
         "metrics": ["last_reviewed"]}
BOOLS = {"customers": ["churned"], "channels": ["offered"], "social": ["responded"],
         "interactions": ["resolved", "repeated_info"]}
PERIOD_END = pd.Timestamp("2026-10-31")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def data(folder) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(folder / f"{name}.csv") for name in CONTRACT}


@pytest.fixture(scope="module")
def raw(folder) -> dict[str, pd.DataFrame]:
    """Every file as text, to check formats exactly as written."""
    return {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in CONTRACT}


@pytest.fixture(scope="module")
def survey(data) -> pd.DataFrame:
    return data["survey"].assign(responded_at=pd.to_datetime(data["survey"]["responded_at"]))


@pytest.fixture(scope="module")
def latest(survey, data) -> pd.DataFrame:
    """Each respondent's latest response joined with their customer record."""
    last = survey.sort_values(["responded_at", "response_id"]).groupby("customer_id").tail(1)
    return last.drop(columns="segment").merge(data["customers"], on="customer_id")


def _nps(scores: pd.Series) -> float:
    scores = scores.dropna()
    return 100 * ((scores >= 9).mean() - (scores <= 6).mean())


def _auc(churned: np.ndarray, risk: np.ndarray) -> float:
    """Probability that a churner has a higher risk than a stayer (ties count half)."""
    ranks = pd.Series(risk).rank().to_numpy()
    n1, n0 = churned.sum(), (~churned).sum()
    return (ranks[churned].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


# --- files, contract, determinism -----------------------------------------------------------

def test_writes_client_yml_and_one_csv_per_dataset(folder):
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["client.yml", *(f"{name}.csv" for name in CONTRACT)])


def test_client_yml_describes_northstar(folder):
    config = yaml.safe_load((folder / "client.yml").read_text(encoding="utf-8"))
    assert list(config) == ["name", "slug", "industry", "currency", "locale", "period", "brand", "competitors",
                            "channels", "consultant", "goals"]
    assert config["name"] == "Northstar Mobile" and config["slug"] == "demo"
    assert {k: str(v) for k, v in config["period"].items()} == {"start": "2025-11-01",
                                                                 "end": "2026-10-31"}
    assert config["brand"] == {"primary": "#0B3C5D", "secondary": "#328CC1", "accent": "#D9B310"}
    assert config["competitors"] == ["Orbit Telecom", "Pulse Wireless", "Zenith Connect"]
    assert config["channels"] == ["store", "phone", "chat", "email", "app", "web"]
    assert config["consultant"] == "Dana Whitfield, CX Nirvana Partners"
    assert 3 <= len(config["goals"]) <= 4
    assert all(set(g) == {"goal", "metric", "target", "due"} for g in config["goals"])
    assert {g["metric"] for g in config["goals"]} >= {"NPS", "CES"}


@pytest.mark.parametrize("name", list(CONTRACT))
def test_row_count_is_realistic(data, name):
    low, high = ROWS[name]
    assert low <= len(data[name]) <= high


@pytest.mark.parametrize("name", list(CONTRACT))
def test_every_contract_column_is_present(data, name):
    assert list(data[name].columns) == CONTRACT[name]


def test_same_seed_gives_identical_bytes(folder, tmp_path):
    again = generate(tmp_path / "again", seed=2026)
    for path in folder.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_another_seed_gives_other_data_but_the_same_truths(folder, tmp_path):
    other = generate(tmp_path / "other", seed=7)
    assert (other / "survey.csv").read_bytes() != (folder / "survey.csv").read_bytes()
    survey = pd.read_csv(other / "survey.csv")
    share = survey["also_considered"].fillna("").str.contains(PLANTED.hidden_competitor).mean()
    assert share == pytest.approx(PLANTED.hidden_competitor_share, abs=0.001)


def test_booleans_dates_and_datetimes_are_written_as_the_contract_says(raw):
    iso_datetime = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
    iso_date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for checks, pattern in ((DATETIMES, iso_datetime), (DATES, iso_date)):
        for name, columns in checks.items():
            for column in columns:
                values = raw[name][column]
                assert values[values != ""].str.match(pattern).all(), (name, column)
    for name, columns in BOOLS.items():
        for column in columns:
            assert set(raw[name][column]) <= {"true", "false", ""}, (name, column)
    assert (raw["customers"]["churned"] != "").all()


# --- values -----------------------------------------------------------------------------------

def test_survey_values_stay_in_range(survey, data):
    assert survey["response_id"].is_unique
    assert survey["customer_id"].isin(data["customers"]["customer_id"]).all()
    assert set(survey["age_band"]) == {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"}
    assert set(survey["channel"]) == {"store", "phone", "chat", "email", "app", "web"}
    ranges = [("nps", 0, 10), ("csat", 1, 5), ("ces", 1, 7)] + [(a, 1, 5) for a in ATTRS]
    for column, low, high in ranges:
        values = survey[column].dropna()
        assert values.between(low, high).all() and (values == values.round()).all(), column
        assert 0.005 <= survey[column].isna().mean() <= 0.08, column  # a few % missing
    assert survey["responded_at"].between("2025-11-01", "2026-11-01").all()
    assert survey["responded_at"].dt.to_period("M").value_counts().min() >= 300  # all 12 months
    assert 0.5 <= survey["comment"].notna().mean() <= 0.7


def test_agents_on_personal_channels_and_stores_on_store_responses(survey):
    personal = survey["channel"].isin(["phone", "chat", "store"])
    assert survey["agent_id"].notna().eq(personal).all()
    assert survey["location_id"].notna().eq(survey["channel"] == "store").all()
    assert 35 <= survey["agent_id"].nunique() <= 45
    assert survey["location_id"].nunique() == 12


def test_customers_churn_dates_agree(data):
    customers = data["customers"]
    assert customers["customer_id"].is_unique
    assert (customers["revenue_12m"] >= 0).all()
    assert customers["churned_at"].notna().eq(customers["churned"]).all()
    assert (pd.to_datetime(customers["signup_date"]) <= PERIOD_END).all()


def test_other_datasets_stay_in_range(data, survey):
    journey = data["journey"]
    assert set(journey["stage"]) == {"awareness", "consideration", "purchase", "onboarding",
                                     "usage", "support", "advocacy"}
    assert journey["satisfaction"].dropna().between(1, 5).all()
    assert journey["effort"].dropna().between(1, 7).all()
    assert data["competitors"]["score"].between(0, 10).all()
    assert set(data["competitors"]["attribute"]) == {a.removeprefix("attr_") for a in ATTRS}
    assert data["reviews"]["rating"].between(1, 5).all()
    assert data["tickets"]["csat"].dropna().between(1, 5).all()
    assert data["tickets"]["ticket_id"].is_unique
    assert data["interactions"]["interaction_id"].is_unique
    assert data["interactions"]["customer_id"].isin(data["customers"]["customer_id"]).all()
    assert set(data["brand_promise"]["survey_column"]) == set(ATTRS) <= set(survey.columns)
    channels = data["channels"].set_index("channel")
    assert channels["investment_share"].sum() == pytest.approx(1.0)
    offered = set(channels.index[channels["offered"]])
    assert offered == {"store", "phone", "chat", "email", "app", "web"}
    assert set(channels.index[~channels["offered"]]) == {"social", "whatsapp"}
    employees = data["employees"]
    assert employees[Q_ITEMS].stack().dropna().between(1, 5).all()
    assert set(employees["level"]) == {"leadership", "manager", "frontline"}
    assert set(data["practices"]["practice"]) == {
        "hire_for_mindset", "educate_retrain", "simplify_contact", "social_monitoring",
        "over_deliver", "personalize", "reduce_jargon", "seamless_transitions",
        "omnichannel_convenience", "consistent_experience"}
    assert data["practices"]["self_score"].between(1, 5).all()


# --- planted truths ---------------------------------------------------------------------------

def test_planted_1_ease_is_the_top_driver_of_nps(survey):
    rows = survey[ATTRS + ["nps"]].dropna()
    x = (rows[ATTRS] - rows[ATTRS].mean()) / rows[ATTRS].std()
    y = (rows["nps"] - rows["nps"].mean()) / rows["nps"].std()
    beta = pd.Series(np.linalg.lstsq(x.to_numpy(), y.to_numpy(), rcond=None)[0], index=ATTRS)
    ranked = beta.sort_values(ascending=False)
    assert ranked.index[0] == PLANTED.top_driver
    assert ranked.iloc[0] >= 1.5 * ranked.iloc[1]  # clear margin: roughly 0.40 vs 0.20
    assert set(ranked.index[-2:]) == set(PLANTED.weakest_drivers)
    assert rows[ATTRS].corrwith(rows["nps"]).idxmax() == PLANTED.top_driver


def test_planted_1_overall_nps_and_monthly_movement(survey):
    assert 20 <= _nps(survey["nps"]) <= 30
    monthly = survey.groupby(survey["responded_at"].dt.to_period("M"))["nps"].apply(_nps)
    assert len(monthly) == 12
    assert monthly.iloc[:11].std() >= 1.5  # visible month-to-month variation
    assert np.abs(monthly.to_numpy() - np.array(PLANTED.monthly_nps)).max() <= 5


def test_planted_1_last_month_drop_passes_a_two_sample_z_test(survey):
    month = survey["responded_at"].dt.to_period("M").astype(str)
    last, previous = (survey.loc[month == m, "nps"].dropna() for m in ("2026-10", "2026-09"))
    # Per response: +1 promoter, -1 detractor, 0 passive; NPS is 100 x its mean.
    a, b = ((s >= 9).astype(int) - (s <= 6).astype(int) for s in (last, previous))
    z = (a.mean() - b.mean()) / np.sqrt(a.var(ddof=0) / len(a) + b.var(ddof=0) / len(b))
    assert 100 * (a.mean() - b.mean()) <= -8
    assert z <= -1.96


def test_planted_2_low_ces_churns_three_times_as_often(latest):
    low = latest.loc[latest["ces"] <= 3, "churned"].mean()
    high = latest.loc[latest["ces"] >= 5, "churned"].mean()
    assert low == pytest.approx(PLANTED.low_ces_churn_rate, abs=0.01)
    assert high == pytest.approx(PLANTED.high_ces_churn_rate, abs=0.01)
    assert 2.5 <= low / high <= 3.5


def test_planted_2_churn_follows_the_latest_response(latest):
    churners = latest[latest["churned"]]
    assert (pd.to_datetime(churners["churned_at"]) > churners["responded_at"]).all()


def test_planted_2_ces_predicts_churn_better_than_nps(latest):
    aucs = {}
    for score in ("ces", "nps", "csat"):
        rows = latest[latest[score].notna()]
        aucs[score] = _auc(rows["churned"].to_numpy(bool), -rows[score].to_numpy(float))
    assert aucs["ces"] >= 0.62
    assert aucs["ces"] > aucs["nps"] + 0.04 and aucs["ces"] > aucs["csat"]


def test_planted_2_revenue_rises_mildly_with_nps(survey, data):
    mean_nps = survey.groupby("customer_id")["nps"].mean().rename("mean_nps")
    joined = data["customers"].join(mean_nps, on="customer_id").dropna(subset=["mean_nps"])
    rho = joined["revenue_12m"].rank().corr(joined["mean_nps"].rank())
    assert 0.03 <= rho <= 0.35


def test_planted_3_one_agent_collects_far_too_many_tens(survey):
    scored = survey[survey["agent_id"].notna() & survey["nps"].notna()]
    tens = (scored["nps"] == 10).groupby(scored["agent_id"]).agg(["mean", "size"])
    agent = tens.loc[PLANTED.inflated_agent]
    peers = tens.drop(index=PLANTED.inflated_agent)
    assert survey["agent_id"].eq(PLANTED.inflated_agent).sum() >= 120
    assert agent["mean"] == pytest.approx(PLANTED.inflated_agent_ten_share, abs=0.01)
    assert peers["mean"].median() <= 0.25 and peers["mean"].max() <= 0.40
    assert agent["mean"] - peers["mean"].median() >= 0.35


def test_planted_3_many_of_the_agents_tens_contradict_their_comment(survey):
    asked = r"\b10\b.*\b(?:still|not fixed|terrible|awful|angry|nothing changed|doesn't work)\b"
    tens = survey[survey["nps"] == 10]
    contradicted = tens["comment"].fillna("").str.contains(asked, regex=True)
    mine = tens["agent_id"] == PLANTED.inflated_agent
    assert contradicted[mine].mean() >= 0.35
    assert contradicted[~mine].mean() <= 0.01


def test_planted_4_a_hidden_competitor_is_often_considered(survey, data, folder):
    config = yaml.safe_load((folder / "client.yml").read_text(encoding="utf-8"))
    hidden = PLANTED.hidden_competitor
    assert hidden not in config["competitors"]
    considered = survey["also_considered"].fillna("").str.split(";")
    share = {brand: considered.apply(lambda brands, b=brand: b in brands).mean()
             for brand in [*config["competitors"], hidden]}
    assert 0.25 <= share[hidden] <= 0.35
    assert share[hidden] > min(share[b] for b in config["competitors"])
    assert hidden in set(data["competitors"]["brand"]) and hidden in set(data["social"]["brand"])
    assert "Northstar Mobile" in set(data["competitors"]["brand"])


def test_planted_5_every_pii_string_is_in_the_free_text(data):
    comments = data["survey"]["comment"].fillna("")
    requests = data["tickets"]["customer_text"]
    for pii in PLANTED.pii:
        assert comments.str.contains(pii, regex=False).any(), pii
        assert requests.str.contains(pii, regex=False).any(), pii

    def share(texts: pd.Series) -> float:
        return texts.apply(lambda t: any(p in t for p in PLANTED.pii)).mean()

    assert 0.01 <= share(comments) <= 0.03
    assert 0.03 <= share(requests) <= 0.07


def test_planted_5_no_personal_detail_survives_loading(demo):
    # the files hold every string (above); the loaded frames, which every report reads, hold none
    texts = pd.concat([demo["survey"]["comment"], demo["tickets"]["customer_text"],
                       demo["tickets"]["agent_reply"]]).dropna()
    leaked = [pii for pii in PLANTED.pii if texts.str.contains(pii, regex=False).any()]
    assert leaked == []
    for token in ("[email removed]", "[phone removed]", "[card number removed]", "[IBAN removed]",
                  "[name removed]"):
        assert texts.str.contains(token, regex=False).any(), token


def test_planted_6_set_and_forget_metrics(data):
    metrics = data["metrics"]
    stale = (PERIOD_END - pd.to_datetime(metrics["last_reviewed"])).dt.days.fillna(np.inf) > 90
    forgotten = (metrics["owner"].isna() & metrics["linked_goal"].isna() & stale
                 & (metrics["dashboard_views_90d"] < 10))
    assert set(metrics.loc[forgotten, "metric"]) == set(PLANTED.set_and_forget_metrics)
    assert forgotten.sum() >= 3


def test_planted_6_one_department_never_meets_customers(data):
    contact = data["employees"].groupby("department")["customer_contact"].agg(set)
    assert contact[PLANTED.no_contact_department] == {"never"}
    never = [d for d, seen in contact.items() if seen == {"never"}]
    assert never == [PLANTED.no_contact_department]


def test_planted_6_staff_overrate_the_ease_promise(data, survey):
    promise = data["brand_promise"].set_index("attribute")["internal_rating"]
    assert promise.idxmax() == PLANTED.promise_gap_attribute
    customer_means = survey[ATTRS].mean().sort_values()
    assert f"attr_{PLANTED.promise_gap_attribute}" in customer_means.index[:2]
