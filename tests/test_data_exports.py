"""Survey-tool exports recognised from their first rows, and the preview/unfinished rule.

Each fixture is written with the writers in vendor_files (built from the vendors' documented
formats), read back the way a loader would (csv, UTF-16 for Qualtrics TSV, openpyxl for XLSX), and
checked against column names and counts worked out by hand from the rows written here.
"""
from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from vendor_files import (
    ASPECTS,
    RATING,
    Question,
    passenger_survey,
    write_qualtrics,
    write_surveymonkey,
    write_table,
)

from cxlib.data.exports import (
    PREVIEWS,
    QUALTRICS,
    QUALTRICS_LEGACY,
    SURVEYMONKEY,
    UNFINISHED,
    Export,
    exclusions,
    recognise,
)

# --- reading files as the loader would ------------------------------------------------------------


def read_rows(path, fmt="csv", limit=None):
    if fmt == "xlsx":
        sheet = load_workbook(path, read_only=True).active
        rows = [["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)]
    else:
        # Qualtrics CSV is UTF-8 with a BOM; its TSV is UTF-16 (the codec reads the BOM).
        encoding, delimiter = ("utf-16", "\t") if fmt == "tsv" else ("utf-8-sig", ",")
        with open(path, encoding=encoding, newline="") as fh:
            rows = list(csv.reader(fh, delimiter=delimiter))
    return rows[:limit] if limit else rows


def frame_of(rows, export: Export) -> pd.DataFrame:
    """The answer rows under the export's column names, padded to its width."""
    width = len(export.columns)
    body = [(r + [""] * width)[:width] for r in rows[export.header_rows:]]
    return pd.DataFrame(body, columns=list(export.columns))


def recognised(path, fmt="csv"):
    rows = read_rows(path, fmt)
    export = recognise(rows[:5])
    return export, frame_of(rows, export)


# --- a small survey, answers chosen so every count can be checked by eye --------------------------

ZERO_TEN = tuple(str(i) for i in range(11))
QUESTIONS = [
    Question("Q1", "How likely are you to recommend us?", "single", ZERO_TEN,
             text_fr="Recommanderiez-vous notre entreprise ?"),
    Question("Q2", "Which did you use?", "multi", ("Website", "App", "Other"),
             text_fr="Qu'avez-vous utilisé ?"),
    Question("Q3", "Rate us", "matrix", ("Poor", "Good"), ("Speed", "Price"),
             text_fr="Évaluez-nous"),
    Question("Q4", "Anything else?", "text", text_fr="Autre chose ?"),
    Question("Segment", "Segment", "embedded"),
]


def _response(n, status="IP Address", finished=True, channel="anonymous", **answers):
    base = {"ResponseId": f"R_{n:03d}", "Status": status, "Finished": finished,
            "DistributionChannel": channel, "Progress": 100 if finished else 40,
            "Q1": "9", "Q2": ["Website", "App"], "Q3": {"Speed": "Good", "Price": "Poor"},
            "Q4": "Fine", "Segment": "Retail"}
    base.update(answers)
    return base


# 7 rows: previews and tests are rows 3, 5 and 6 (row 6 also unfinished); unfinished are 4 and 7.
RESPONSES = [
    _response(1),
    _response(2, Q2=["Other"], Q2_TEXT="Phone"),
    _response(3, status="Survey Preview", channel="preview"),
    _response(4, finished=False, Q3={}, Q4=None),
    _response(5, status="Survey Test", channel="test"),
    _response(6, status="Survey Preview", finished=False, channel="preview"),
    _response(7, finished=False, Q2=[], Q4=None),
]
DROPPED = [False, False, True, True, True, True, True]

QUALTRICS_SYSTEM = (
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel",
    "UserLanguage")
QUALTRICS_COLUMNS = QUALTRICS_SYSTEM + ("Q1", "Q2", "Q2_3_TEXT", "Q3_1", "Q3_2", "Q4", "Segment")


# --- Qualtrics, current export --------------------------------------------------------------------

def test_qualtrics_csv_has_three_header_rows_and_row1_ids_as_names(tmp_path):
    export, _ = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES))
    assert export.vendor == QUALTRICS
    assert export.header_rows == 3
    assert export.columns == QUALTRICS_COLUMNS


def test_qualtrics_labels_are_the_row2_question_texts(tmp_path):
    export, _ = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES))
    # A multi-select with an "Other" text box is "Selected Choice"; its text box "Other - Text";
    # a matrix row is "stem - statement".
    assert export.labels["Q1"] == "How likely are you to recommend us?"
    assert export.labels["Q2"] == "Which did you use? - Selected Choice"
    assert export.labels["Q2_3_TEXT"] == "Which did you use? - Other - Text"
    assert export.labels["Q3_2"] == "Rate us - Price"
    assert export.labels["Status"] == "Response Type"
    assert export.labels["Segment"] == "Segment"
    assert len(export.labels) == len(QUALTRICS_COLUMNS)


def test_qualtrics_answers_start_at_line_4(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES))
    assert len(frame) == 7
    assert frame["ResponseId"].tolist()[:2] == ["R_001", "R_002"]
    # multi-select is one column of the chosen labels joined by commas; "Other" text on its own
    assert frame.loc[0, "Q2"] == "Website,App"
    assert (frame.loc[1, "Q2"], frame.loc[1, "Q2_3_TEXT"]) == ("Other", "Phone")


def test_qualtrics_exclusions_count_previews_and_tests_then_unfinished(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES))
    result = exclusions(frame, export)
    # rows 3, 5, 6 are previews/tests; 4 and 7 unfinished (6 is both and counts as a preview)
    assert result.counts == {PREVIEWS: 3, UNFINISHED: 2}
    assert result.mask.tolist() == DROPPED
    assert result.mask.index.equals(frame.index)
    assert result.rule.startswith("Qualtrics: survey previews and tests")
    assert "unfinished responses (Finished False or 0) are excluded" in result.rule


def test_keep_unfinished_drops_only_previews_and_says_so(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES))
    result = exclusions(frame, export, keep_unfinished=True)
    assert result.counts == {PREVIEWS: 3}
    assert result.mask.tolist() == [False, False, True, False, True, True, False]
    assert "unfinished responses (Finished False or 0) are kept, as configured" in result.rule


def test_keep_previews_drops_only_unfinished_including_the_unfinished_preview(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES))
    result = exclusions(frame, export, keep_previews=True)
    assert result.counts == {UNFINISHED: 3}  # rows 4, 6 and 7
    assert result.mask.tolist() == [False, False, False, True, False, True, True]


def test_qualtrics_tsv_is_utf16_with_a_bom_and_reads_the_same(tmp_path):
    path = write_qualtrics(tmp_path / "s.tsv", QUESTIONS, RESPONSES, fmt="tsv")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    export, frame = recognised(path, "tsv")
    assert (export.vendor, export.header_rows, export.columns) == (QUALTRICS, 3, QUALTRICS_COLUMNS)
    assert exclusions(frame, export).counts == {PREVIEWS: 3, UNFINISHED: 2}


def test_qualtrics_xlsx_reads_the_same(tmp_path):
    export, frame = recognised(
        write_qualtrics(tmp_path / "s.xlsx", QUESTIONS, RESPONSES, fmt="xlsx"), "xlsx")
    assert (export.vendor, export.header_rows, export.columns) == (QUALTRICS, 3, QUALTRICS_COLUMNS)
    assert frame.loc[0, "Q1"] == "9"  # stored as a number by Excel, read back as text
    assert exclusions(frame, export).counts == {PREVIEWS: 3, UNFINISHED: 2}


def test_qualtrics_numeric_values_export_uses_status_codes_and_finished_1_0(tmp_path):
    path = write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES, numeric=True)
    export, frame = recognised(path)
    assert export.columns == QUALTRICS_COLUMNS
    # Status codes: 0 IP Address, 1 Survey Preview, 2 Survey Test; Finished 1/0; choices as codes
    assert frame["Status"].tolist() == ["0", "0", "1", "0", "2", "1", "0"]
    assert frame["Finished"].tolist() == ["1", "1", "1", "0", "1", "0", "0"]
    assert frame.loc[0, "Q2"] == "1,2"
    assert exclusions(frame, export).counts == {PREVIEWS: 3, UNFINISHED: 2}


def test_numeric_status_alone_marks_previews_without_a_distribution_channel(tmp_path):
    path = write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES, numeric=True)
    export, frame = recognised(path)
    frame["DistributionChannel"] = "anonymous"  # only Status is left to tell previews apart
    assert exclusions(frame, export).counts == {PREVIEWS: 3, UNFINISHED: 2}


def test_codes_read_from_a_spreadsheet_as_floats_still_count(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES,
                                               numeric=True))
    frame["Status"] = frame["Status"] + ".0"
    frame["Finished"] = frame["Finished"] + ".0"
    frame["DistributionChannel"] = ""
    assert exclusions(frame, export).counts == {PREVIEWS: 3, UNFINISHED: 2}


def test_french_export_is_recognised_by_its_import_id_row_not_its_english(tmp_path):
    path = write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES, language="fr")
    assert read_rows(path)[1][0] == "Date de début"
    export, frame = recognised(path)
    assert (export.vendor, export.header_rows, export.columns) == (QUALTRICS, 3, QUALTRICS_COLUMNS)
    assert export.labels["Status"] == "Type de réponse"
    assert export.labels["Q3_1"] == "Évaluez-nous - Speed"
    assert exclusions(frame, export).counts == {PREVIEWS: 3, UNFINISHED: 2}


def test_a_qualtrics_export_with_no_responses_is_still_recognised(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, []))
    assert (export.vendor, export.columns) == (QUALTRICS, QUALTRICS_COLUMNS)
    assert len(frame) == 0
    result = exclusions(frame, export)
    assert result.counts == {}  # nothing found, but the rule still says what was looked for
    assert "survey previews and tests" in result.rule and "unfinished responses" in result.rule


def test_an_export_without_finished_says_unfinished_cannot_be_told(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES))
    result = exclusions(frame.drop(columns="Finished"), export)
    assert result.counts == {PREVIEWS: 3}
    assert "the export has no Finished column to show unfinished responses" in result.rule


# --- Qualtrics, legacy export ---------------------------------------------------------------------

LEGACY_COLUMNS = ("ResponseID", "ResponseSet", "IPAddress", "StartDate", "EndDate",
                  "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                  "ExternalDataReference", "Finished", "Status",
                  "Q1", "Q2_1", "Q2_2", "Q2_3", "Q2_3_TEXT", "Q3_1", "Q3_2", "Q4", "Segment")


def test_legacy_export_names_the_v_columns_by_their_row2_system_names(tmp_path):
    path = write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES, legacy=True)
    rows = read_rows(path)
    assert rows[0][:3] == ["V1", "V2", "V3"]
    export = recognise(rows[:5])
    assert export.vendor == QUALTRICS_LEGACY
    assert export.header_rows == 2
    assert export.columns == LEGACY_COLUMNS
    assert export.labels["ResponseID"] == "ResponseID"
    assert export.labels["Q2_1"] == "Which did you use?-Website"
    assert export.labels["Q3_1"] == "Rate us - Speed"


def test_legacy_export_excludes_by_status_and_finished_codes(tmp_path):
    export, frame = recognised(write_qualtrics(tmp_path / "s.csv", QUESTIONS, RESPONSES,
                                               legacy=True))
    # legacy Status 1 (preview) and 2 (test); Finished 0; no DistributionChannel column
    assert frame["Status"].tolist() == ["0", "0", "1", "0", "2", "1", "0"]
    result = exclusions(frame, export)
    assert result.counts == {PREVIEWS: 3, UNFINISHED: 2}
    assert result.mask.tolist() == DROPPED
    assert "DistributionChannel" not in result.rule


def test_a_client_table_headed_v1_v2_with_numbers_below_is_not_a_legacy_export():
    head = [["V1", "V2", "V3", "V4", "V5", "Amount"], ["0.1", "-1.2", "3", "0.5", "2.2", "10"]]
    export = recognise(head)
    assert (export.vendor, export.header_rows) == (None, 1)
    assert export.columns == ("V1", "V2", "V3", "V4", "V5", "Amount")


# --- SurveyMonkey ---------------------------------------------------------------------------------

SM_QUESTIONS = [
    Question("Q1", "How likely are you to recommend us?", "single", ZERO_TEN),
    Question("Q2", "Anything else?", "text"),
    Question("Q3", "Rate us", "matrix", ("Poor", "Good"), ("Speed", "Price")),
    Question("Q4", "Anything else?", "text"),  # the same wording twice, as surveys do
    # last, so row 1 ends in blank continuation cells
    Question("Q5", "Which did you use?", "multi", ("Website", "App", "Other")),
]
SM_RESPONSES = [
    {"Q1": "9", "Q2": "Quick", "Q3": {"Speed": "Good", "Price": "Poor"}, "Q4": "No",
     "Q5": ["Website", "Other"], "Q5_TEXT": "Phone"},
    {"Q1": "3", "Q3": {"Speed": "Poor"}, "Q5": ["App"]},
    {"Q1": "10"},
]
SM_COLUMNS = ("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
              "Email Address", "First Name", "Last Name", "Custom Data 1",
              "How likely are you to recommend us?", "Anything else?", "Rate us - Speed",
              "Rate us - Price", "Anything else? (2)", "Which did you use? - Website",
              "Which did you use? - App", "Which did you use? - Other (please specify)")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_surveymonkey_names_questions_by_text_and_options(tmp_path, fmt):
    path = write_surveymonkey(tmp_path / f"sm.{fmt}", SM_QUESTIONS, SM_RESPONSES, fmt=fmt)
    rows = read_rows(path, fmt)
    assert rows[1][:9] == [""] * 9 and rows[1][9] == "Response"  # the sub-answer row
    export = recognise(rows[:5])
    assert export.vendor == SURVEYMONKEY
    assert export.header_rows == 2
    assert export.columns == SM_COLUMNS
    assert export.labels["Anything else? (2)"] == "Anything else?"
    assert export.labels["Rate us - Price"] == "Rate us - Price"
    assert "Respondent ID" not in export.labels
    assert len(export.labels) == len(SM_COLUMNS) - 9


def test_surveymonkey_multi_select_holds_the_label_when_chosen(tmp_path):
    export, frame = recognised(write_surveymonkey(tmp_path / "sm.csv", SM_QUESTIONS, SM_RESPONSES))
    assert len(frame) == 3
    assert frame["Which did you use? - Website"].tolist() == ["Website", "", ""]
    assert frame["Which did you use? - App"].tolist() == ["", "App", ""]
    assert frame["Which did you use? - Other (please specify)"].tolist() == ["Phone", "", ""]


def test_surveymonkey_keeps_every_response_and_says_why(tmp_path):
    export, frame = recognised(write_surveymonkey(tmp_path / "sm.csv", SM_QUESTIONS, SM_RESPONSES))
    result = exclusions(frame, export)
    assert result.counts == {}
    assert result.mask.tolist() == [False, False, False]
    assert result.rule == ("SurveyMonkey exports carry no completion, preview or test flag, "
                           "so every response is kept.")


# --- plain tables ---------------------------------------------------------------------------------

def test_a_plain_table_is_one_header_row_stripped_with_trailing_blank_columns_dropped(tmp_path):
    path = write_table(tmp_path / "t.csv", [" response_id ", "nps", "", ""],
                       [["r1", "9", "", ""], ["r2", "3", "", ""]])
    export, frame = recognised(path)
    assert export == Export(None, 1, ("response_id", "nps"), {})
    assert frame["nps"].tolist() == ["9", "3"]
    result = exclusions(frame, export)
    assert (result.counts, result.rule, result.mask.tolist()) == ({}, "", [False, False])


def test_a_plain_table_keeps_duplicate_and_blank_names_for_the_loader_to_report(tmp_path):
    path = write_table(tmp_path / "t.csv", ["id", "nps", "", "nps"], [["r1", "9", "x", "8"]])
    export, _ = recognised(path)
    assert export.vendor is None
    assert export.columns == ("id", "nps", "", "nps")


def test_a_plain_xlsx_table_reads_numbers_as_text(tmp_path):
    export, frame = recognised(write_table(tmp_path / "t.xlsx", ["id", "nps"], [["r1", "10"]],
                                           fmt="xlsx"), "xlsx")
    assert export.columns == ("id", "nps")
    assert frame.loc[0, "nps"] == "10"


def test_a_bom_left_on_the_first_cell_is_not_part_of_the_name():
    assert recognise([["\ufeffid", "nps"], ["r1", "9"]]).columns == ("id", "nps")


def test_nothing_to_read_is_an_empty_plain_table():
    assert recognise([]) == Export(None, 1, (), {})


# --- the Skylark Air demo survey: its planted truths ----------------------------------------------

def test_passenger_survey_is_the_same_for_a_seed_and_differs_across_seeds():
    assert passenger_survey(seed=7)[1] == passenger_survey(seed=7)[1]
    assert passenger_survey(seed=7)[1] != passenger_survey(seed=8)[1]


def test_passenger_survey_has_3_previews_and_15_unfinished_of_300(tmp_path):
    questions, responses = passenger_survey()
    assert len(responses) == 303
    export, frame = recognised(write_qualtrics(tmp_path / "skylark.csv", questions, responses))
    assert export.vendor == QUALTRICS
    assert exclusions(frame, export).counts == {PREVIEWS: 3, UNFINISHED: 15}


def test_passenger_survey_punctuality_is_the_rating_most_tied_to_nps():
    _, responses = passenger_survey()
    done = [r for r in responses if r["Finished"] and r["Status"] == "IP Address"]
    nps = np.array([int(r["Q1"]) for r in done])
    tie = {a: np.corrcoef([RATING.index(r["Q4"][a]) for r in done], nps)[0, 1] for a in ASPECTS}
    assert max(tie, key=tie.get) == "Punctuality"
    assert tie["Punctuality"] > 0.5


def test_passenger_survey_swift_is_ticked_by_about_a_third_and_other_has_text():
    _, responses = passenger_survey()
    done = [r for r in responses[3:] if r["Finished"]]
    swift = np.mean(["Swift" in r["Q5"] for r in done])
    assert 0.2 < swift < 0.4
    assert all(r.get("Q5_TEXT") for r in done if "Other" in r["Q5"])
    assert all(18 <= r["Q7"] <= 85 for r in done if "Q7" in r)
