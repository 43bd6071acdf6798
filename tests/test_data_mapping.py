"""`cx map`: which dataset a file holds and the proposed column map, on vendor-format fixtures."""
import datetime as dt

import pandas as pd
import pytest
from vendor_files import (
    AGREE,
    RATING,
    RIVALS,
    SAT,
    passenger_survey,
    write_qualtrics,
    write_surveymonkey,
    write_table,
)

from cxlib.config import ColumnRule
from cxlib.data.mapfile import dump, merge_proposal, read_settings, write_settings
from cxlib.data.mapping import propose
from cxlib.data.read import read_table
from cxlib.data.scales import match_word_scale, numbered_labels, yes_no
from cxlib.data.types import suggest_date_format

SAT_CODES = {word: i for i, word in enumerate(SAT, start=1)}
AGREE_CODES = {word: i for i, word in enumerate(AGREE, start=1)}
RATING_CODES = {word: i for i, word in enumerate(RATING, start=1)}
BANDS = {"18-24": [18, 24], "25-34": [25, 34], "35-44": [35, 44], "45-54": [45, 54], "55-64": [55, 64],
         "65+": [65, None]}


@pytest.fixture(scope="module")
def survey():
    return passenger_survey(300, seed=7)


def proposal(path):
    raw, problems = read_table(path)
    assert raw is not None, problems
    return propose(raw, path.name)


def rules(file_map):
    return {p.column: p.rule.short() for p in file_map.proposals}


def test_a_qualtrics_export_gets_every_survey_column_proposed(tmp_path, survey):
    m = proposal(write_qualtrics(tmp_path / "Passenger survey_May 2025.csv", *survey))
    assert (m.dataset, m.vendor, m.rows) == ("survey", "Qualtrics", 285)  # 303 - 3 previews - 15 unfinished
    assert rules(m) == {
        "response_id": "ResponseId", "customer_id": "CustomerID", "responded_at": "RecordedDate",
        "channel": "Channel", "segment": "Segment", "nps": "Q1",
        "csat": {"source": "Q2", "recode": SAT_CODES},
        "ces": {"source": "Q3", "recode": AGREE_CODES},
        "age_band": {"source": "Q7", "bands": BANDS},
        "comment": "Q6",
        "also_considered": {"source": "Q5", "separator": ","},
        "attr_seat_comfort": {"source": "Q4_1", "recode": RATING_CODES},
        "attr_cabin_crew": {"source": "Q4_2", "recode": RATING_CODES},
        "attr_punctuality": {"source": "Q4_3", "recode": RATING_CODES},
        "attr_booking_website": {"source": "Q4_4", "recode": RATING_CODES},
    }
    evidence = {p.column: p.evidence for p in m.proposals}
    assert evidence["nps"].startswith('question "How likely are you to recommend Skylark Air')
    assert evidence["csat"].endswith("answers are the 5-point satisfaction scale")
    # the Qualtrics distribution channel ("anonymous") is never the customer's channel
    assert "DistributionChannel" in m.unused
    assert ("agent_id", "optional: no column's name or question points to it") in m.unmapped


def test_question_texts_in_french_still_map(tmp_path, survey):
    m = proposal(write_qualtrics(tmp_path / "enquete.csv", *survey, language="fr"))
    got = rules(m)
    assert got["nps"] == "Q1" and got["csat"]["recode"] == SAT_CODES and got["ces"]["recode"] == AGREE_CODES
    assert got["age_band"] == {"source": "Q7", "bands": BANDS} and got["comment"] == "Q6"


def test_numeric_values_need_no_recode(tmp_path, survey):
    m = proposal(write_qualtrics(tmp_path / "survey.tsv", *survey, numeric=True, fmt="tsv"))
    got = rules(m)
    assert (got["csat"], got["ces"], got["attr_punctuality"]) == ("Q2", "Q3", "Q4_3")


def test_surveymonkey_dates_get_their_format_and_a_question_over_several_columns_is_one_list(tmp_path, survey):
    m = proposal(write_surveymonkey(tmp_path / "sm.csv", *survey))
    got = rules(m)
    assert m.vendor == "SurveyMonkey" and m.rows == 303  # no preview flag in a SurveyMonkey export
    assert got["response_id"] == "Respondent ID"
    assert got["responded_at"] == {"source": "End Date", "format": "%m/%d/%Y %I:%M:%S %p"}
    assert got["nps"] == "How likely are you to recommend Skylark Air to a friend or colleague?"
    assert got["attr_booking_website"]["source"] == "How would you rate the following? - Booking website"
    assert "location_id" not in got  # "website" is not a site
    question = "Which other airlines did you consider? - "
    assert got["also_considered"] == [question + option for option in
                                      ("Northwind Airways", "Swift", "Bluecrest", "Aurora Jet", "Other (please specify)")]


def test_surveymonkey_options_load_as_one_list_of_brands(tmp_path, survey):
    folder = tmp_path / "skylark"
    folder.mkdir()
    write_surveymonkey(folder / "sm.csv", *survey)
    m = proposal(folder / "sm.csv")
    change = merge_proposal({}, [m], "skylark", {"name": "Skylark Air", "industry": "Airlines", "consultant": "A"})
    write_settings(folder / "client.yml", dump(change.settings))
    from cxlib.data import load_client

    data = load_client(folder)
    assert data.errors == [], [str(p) for p in data.errors]
    got = dict(zip(data["survey"]["response_id"], data["survey"]["also_considered"]))
    # the options ticked, in the order of the columns, then the name typed under "Other"
    for n, r in enumerate(survey[1]):
        ticked = [c for c in RIVALS[:-1] if c in r.get("Q5", [])] + ([r["Q5_TEXT"]] if "Q5_TEXT" in r else [])
        assert got[str(114000000000 + n)] == (";".join(ticked) or None), n


def test_two_equally_good_sources_are_not_chosen_silently(tmp_path):
    path = write_table(tmp_path / "survey.csv", ["id", "recommend_friend", "recommend_family", "date"],
                       [[f"R{i}", str(i % 11), str((i * 3) % 11), "2025-03-01"] for i in range(40)])
    m = proposal(path)
    assert "nps" not in rules(m)
    assert dict(m.unmapped)["nps"] == '"recommend_friend" and "recommend_family" fit equally; choose one in client.yml'


def test_day_first_dates_get_a_format_and_ambiguous_ones_do_not():
    assert suggest_date_format(pd.Series(["13/11/2025 09:12", "02/12/2025 17:40"])) == (
        "%d/%m/%Y %H:%M", "reads all 2 values checked")
    fmt, why = suggest_date_format(pd.Series(["03/04/2025", "05/06/2025"]))
    assert fmt is None and why.startswith("ambiguous: %d/%m/%Y and %m/%d/%Y")
    assert suggest_date_format(pd.Series(["2025-03-04 10:00:00"])) == (None, "already ISO 8601")


def test_word_scales_are_recognised_only_when_their_codes_are_certain():
    match, _ = match_word_scale(["Very satisfied", "Dissatisfied", "Satisfied"])
    assert match.codes == {"Dissatisfied": 2, "Satisfied": 4, "Very satisfied": 5} and match.points == 5
    # Excellent is 4 on the 4-point quality scale and 5 on the 5-point one
    match, why = match_word_scale(["Poor", "Fair", "Good", "Excellent"])
    assert match is None and "code them differently" in why
    match, _ = match_word_scale(["Poor", "Very good", "Excellent"])
    assert match.codes == {"Poor": 1, "Very good": 4, "Excellent": 5}
    # Agree is 4 of 5 or 6 of 7
    assert match_word_scale(["Agree", "Disagree"])[0] is None
    assert match_word_scale(["Blue", "Green"]) == (None, "not a known word scale")


def test_labels_that_carry_their_number_and_yes_no_answers():
    assert numbered_labels(["0 - Not at all likely", "5", "10 - Extremely likely"]) == {
        "0 - Not at all likely": 0, "10 - Extremely likely": 10}
    assert numbered_labels(["Sometimes", "10"]) is None
    assert yes_no(["Yes", "No", "Maybe"]) == {"Maybe": None}
    assert yes_no(["Yes", "no"]) == {}
    assert yes_no(["Yes", "Often"]) is None


def test_the_proposal_keeps_what_the_consultant_wrote_and_fills_the_period(tmp_path, survey):
    path = write_qualtrics(tmp_path / "Passenger survey.csv", *survey)
    m = proposal(path)
    existing = {"name": "Skylark Air", "column_map": {"survey": {"nps": "Q1", "segment": {"constant": "Economy"}}}}
    change = merge_proposal(existing, [m], "skylark", {"industry": "Airline", "consultant": "Ann Lee"})
    assert change.settings["column_map"]["survey"]["segment"] == {"constant": "Economy"}
    assert "column_map.survey.segment" in change.kept and "column_map.survey.csat" in change.added
    assert change.settings["files"] == {"survey": "Passenger survey.csv"}
    finished = [r["RecordedDate"] for r in survey[1] if r.get("Finished") and r["Status"] == "IP Address"]
    assert change.settings["period"] == {"start": min(finished).date().isoformat(),
                                         "end": max(finished).date().isoformat()}
    assert change.missing == ()


def test_writing_the_proposal_shows_the_change_and_keeps_a_backup(tmp_path):
    path = tmp_path / "client.yml"
    path.write_text("name: Skylark Air\nslug: skylark\n")
    settings = read_settings(path) | {"column_map": {"survey": {"csat": ColumnRule(source="Q2", rescale=(0, 10)).short()}}}
    diff, backup = write_settings(path, dump(settings))
    assert backup.read_text() == "name: Skylark Air\nslug: skylark\n"
    assert "+    csat: {source: Q2, rescale: [0, 10]}" not in diff  # rescale is a list, the rule a block
    assert "+      rescale: [0, 10]" in diff and "+      source: Q2" in diff
    assert read_settings(path)["column_map"]["survey"]["csat"] == {"source": "Q2", "rescale": [0, 10]}
    assert write_settings(path, dump(read_settings(path))) == ("", None)  # nothing to change, no new backup


def test_period_dates_survive_the_round_trip_as_dates(tmp_path):
    path = tmp_path / "client.yml"
    write_settings(path, dump({"name": "A", "period": {"start": "2025-03-01", "end": "2025-05-31"}}))
    from cxlib.config import ClientConfig

    period = ClientConfig.model_validate(read_settings(path) | {"slug": "a", "industry": "x",
                                                                  "consultant": "c"}).period
    assert (period.start, period.end) == (dt.date(2025, 3, 1), dt.date(2025, 5, 31))


def test_a_social_export_is_recognised_by_its_columns_with_a_day_first_date(tmp_path):
    rows = [[f"{d:02d}/11/2025 0{d % 10}:15", "Skylark Air", "Lost my bag again", ("Yes", "No", "Maybe", "")[d % 4]]
            for d in range(1, 29)]
    m = proposal(write_table(tmp_path / "twitter_export.csv", ["Date", "Brand", "Tweet", "Replied"], rows))
    assert m.dataset == "social" and m.vendor is None
    assert rules(m) == {"brand": "Brand", "text": "Tweet",
                        "posted_at": {"source": "Date", "format": "%d/%m/%Y %H:%M"},
                        "responded": {"source": "Replied", "recode": {"Maybe": None}}}
    assert dict(m.unmapped)["platform"] == ("required: no column's name or question points to it (if every "
                                            "row has the same platform, write platform: {constant: ...})")
