"""The loader: typed frames, and one line per problem naming file, row and column."""
import pandas as pd
import pytest
from typer.testing import CliRunner

from cxlib.cli import app
from cxlib.data import DataError, load_client, read_dataset

CLIENT_YML = """\
name: Test Co
slug: t
industry: Retail
period: {start: 2026-01-01, end: 2026-06-30}
consultant: Ann Lee
"""
SURVEY_HEADER = ("response_id,customer_id,responded_at,channel,segment,age_band,nps,csat,ces,"
                 "attr_ease,comment,also_considered,agent_id,location_id\n")


def client(tmp_path, survey_rows, yml=CLIENT_YML, name="survey.csv"):
    folder = tmp_path / "t"
    folder.mkdir(exist_ok=True)
    (folder / "client.yml").write_text(yml)
    (folder / name).write_text(SURVEY_HEADER + "".join(survey_rows))
    return folder


def messages(data):
    return [str(p) for p in data.problems]


def errors(data):
    return [str(p) for p in data.errors]


def test_good_rows_are_parsed_to_types(tmp_path):
    data = load_client(client(tmp_path, ["R1,C1,2026-02-01T10:30:00,web,A,18-24,9,5,6,4,great,,AG-1,\n",
                                         "R2,C2,2026-02-02,web,A,65+,,,,,,,,\n"]))
    # optional columns blank in every row are dropped, with one warning naming them
    assert data.ok and messages(data) == [
        'survey.csv: columns "also_considered" and "location_id" are blank in every row, so treated as not provided']
    assert "location_id" not in data["survey"]
    survey = data["survey"]
    assert survey["responded_at"].dtype == "datetime64[ns]"
    assert survey["nps"].tolist()[0] == 9.0 and pd.isna(survey["nps"].tolist()[1])
    assert survey["comment"].tolist() == ["great", None]


def test_out_of_range_value_is_one_line_with_the_file_line_number(tmp_path):
    # header is line 1, so the second data row is row 3
    data = load_client(client(tmp_path, ["R1,C1,2026-02-01,web,A,18-24,9,5,6,4,,,,\n",
                                         "R2,C2,2026-02-01,web,A,18-24,12,5,6,4,,,,\n"]))
    assert errors(data) == ["survey.csv row 3 column nps: 12 is outside 0-10"]
    assert not data.ok


def test_each_kind_of_bad_value_is_explained(tmp_path):
    rows = ["R1,C1,2026-02-01,web,A,18-24,x,5,6,4.5,,,,\n",
            "R1,C2,someday,web,A,teen,9,0,6,4,,,,\n"]
    got = messages(load_client(client(tmp_path, rows)))
    assert ("survey.csv row 2 column nps: 'x' is not a number; recode word answers in client.yml "
            "(recode: {...})") in got
    assert "survey.csv row 2 column attr_ease: 4.5 is not a whole number" in got
    assert ("survey.csv row 3 column responded_at: 'someday' is not a date-time (expected YYYY-MM-DD HH:MM); "
            "declare its format in client.yml (format: '%d/%m/%Y')") in got
    assert ("survey.csv row 3 column age_band: 'teen' is not one of: 18-24, 25-34, 35-44, 45-54, 55-64, 65+, "
            "Not stated") in got
    assert "survey.csv row 3 column csat: 0 is outside 1-5" in got
    assert "survey.csv column response_id: 2 values appear more than once, e.g. rows 2, 3 ('R1', 'R1')" in got


def test_missing_column_is_named(tmp_path):
    folder = client(tmp_path, [])
    (folder / "survey.csv").write_text("response_id,customer_id\nR1,C1\n")
    got = messages(load_client(folder))
    # responded_at is required; nps, channel, segment, age band and the attr_* ratings are optional
    assert got == ["survey.csv column responded_at: required column is missing; name it in the file or map it "
                   "(see column_map in client.yml, `cx map` proposes one)"]


def test_many_bad_rows_are_capped_and_counted(tmp_path):
    rows = [f"R{i},C{i},2026-02-01,web,A,18-24,11,5,6,4,,,,\n" for i in range(12)]
    got = errors(load_client(client(tmp_path, rows)))
    assert got == ["survey.csv column nps: 12 values are outside 0-10, e.g. rows 2, 3, 4 (11, 11, 11)"]


def test_column_map_renames_the_clients_columns(tmp_path):
    yml = CLIENT_YML + "column_map:\n  survey: {nps: LTR}\n"
    folder = client(tmp_path, [], yml=yml)
    (folder / "survey.csv").write_text(
        SURVEY_HEADER.replace(",nps,", ",LTR,") + "R1,C1,2026-02-01,web,A,18-24,7,5,6,4,,,,\n")
    data = load_client(folder)
    assert data.ok, messages(data)
    assert data["survey"]["nps"].tolist() == [7.0]


def test_xlsx_is_read_like_csv(tmp_path):
    folder = client(tmp_path, [])
    (folder / "survey.csv").unlink()
    frame = pd.DataFrame({"channel": ["store", "web"], "offered": ["yes", "No"],
                          "investment_share": [0.7, 0.3], "target_response_minutes": [5, None]})
    frame.to_excel(folder / "channels.xlsx", index=False)
    data = load_client(folder)
    assert data.ok, messages(data)
    assert data["channels"]["offered"].tolist() == [True, False]
    assert not data.has("survey") and data.get("survey") is None


def test_bad_boolean_is_explained(tmp_path):
    path = tmp_path / "channels.csv"
    path.write_text("channel,offered,investment_share,target_response_minutes\nweb,maybe,0.5,\n")
    problems = read_dataset(path, "channels").problems
    assert [str(p) for p in problems if p.severity == "error"] == [
        "channels.csv row 2 column offered: 'maybe' is not yes or no (true/false, 1/0); recode other answers "
        "in client.yml (recode: {Maybe: null})"]


def test_bad_client_yml_is_a_problem_not_a_crash(tmp_path):
    folder = client(tmp_path, [], yml=CLIENT_YML.replace("period: {start: 2026-01-01, end: 2026-06-30}\n", ""))
    data = load_client(folder)
    assert "client.yml: key period: Field required" in messages(data)
    with pytest.raises(DataError, match="client.yml: key period"):
        load_client(folder, strict=True)


def test_demo_client_is_valid(demo):
    assert demo.errors == [], [str(p) for p in demo.errors[:5]]
    assert set(demo.frames) == {"survey", "customers", "journey", "competitors", "social", "reviews",
                                "brand_promise", "channels", "interactions", "messages", "tickets",
                                "employees", "practices", "metrics"}
    assert demo["customers"]["churned"].dtype == bool


def test_cx_validate_explains_a_broken_dataset_in_one_line(demo_copy):
    survey = demo_copy / "survey.csv"
    lines = survey.read_text().splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    row = lines[811].rstrip("\n").split(",")  # file row 812
    row[header.index("nps")] = "12"
    lines[811] = ",".join(row) + "\n"
    survey.write_text("".join(lines))
    result = CliRunner().invoke(app, ["validate", "demo", "--root", str(demo_copy.parent)])
    assert result.exit_code == 1
    assert "error survey.csv row 812 column nps: 12 is outside 0-10" in result.output
    assert "Traceback" not in result.output


def test_cx_validate_passes_the_demo(demo_dir):
    result = CliRunner().invoke(app, ["validate", "demo", "--root", str(demo_dir.parent)])
    assert result.exit_code == 0, result.output
    assert "OK: 14 datasets valid" in result.output


def test_unreadable_files_are_explained(tmp_path):
    path = tmp_path / "channels.csv"
    path.write_text("channel,offered,investment_share,target_response_minutes\nweb,true,0.5,,extra\n")
    assert [str(p) for p in read_dataset(path, "channels").problems] == [
        "channels.csv row 2: has 5 fields where the header has 4; a stray delimiter, an unquoted text "
        "or a missing cell"]
    path.write_text("")
    assert [str(p) for p in read_dataset(path, "channels").problems] == ["channels.csv: is empty (no header row)"]
    path.write_bytes("channel,offered,investment_share\ncaf\xe9,true,1\n".encode("latin-1"))
    assert [str(p) for p in read_dataset(path, "channels").problems] == [
        "channels.csv: is not UTF-8 text (line 2, byte 36); save it as CSV UTF-8"]  # 33-byte header + "caf"
