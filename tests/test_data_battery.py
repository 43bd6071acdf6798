"""`cx validate` on malformed client folders: one line per problem, naming file, row and column.

Every case starts from the same small valid client (``BASE``: client.yml and five datasets that
validate cleanly), makes one change, and lists every ``error``, ``warning`` and ``note`` line the
command must print. Row numbers are worked out by hand from the files written here: the header is
line 1 of a CSV, so the first data row is row 2; a spreadsheet row is the row Excel shows.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner
from vendor_files import Question, write_qualtrics, write_surveymonkey

from cxlib.cli import app

SLUG = "acme"
CLIENT_YML = """\
name: Battery Co
slug: acme
industry: Retail
period: {start: 2025-12-01, end: 2026-11-30}
consultant: Ann Lee
"""
# client.yml lines 1-5 above; a case's own settings start on line 6.
SURVEY = """\
response_id,customer_id,responded_at,channel,segment,age_band,nps,csat,ces,attr_ease,comment
R1,C1,2026-02-01 10:30,web,A,18-24,9,5,6,4,Great service
R2,C2,2026-02-02 11:00,phone,B,25-34,6,3,3,2,Too slow
R3,C3,2026-02-03 12:00,store,A,35-44,10,4,7,5,Fine
"""
CUSTOMERS = """\
customer_id,segment,signup_date,revenue_12m,churned,churned_at
C1,A,2025-01-10,120.5,no,
C2,B,2025-03-01,80,yes,2026-02-15
C3,A,2025-06-01,0,no,
"""
TICKETS = """\
ticket_id,channel,agent_id,opened_at,first_response_minutes,resolved_at,customer_text,agent_reply,csat
T1,email,AG1,2026-02-01 09:00,15,2026-02-01 12:00,My bill is wrong,Fixed it,4
T2,chat,AG2,2026-02-02 10:00,3,2026-02-02 10:30,Cannot log in,Reset sent,5
"""
SOCIAL = """\
brand,platform,posted_at,text,responded,responded_at
Acme,twitter,2026-02-01 08:00,Love it,yes,2026-02-01 09:00
Acme,facebook,2026-02-02 08:00,Meh,no,
"""
CHANNELS = """\
channel,offered,investment_share,target_response_minutes
web,yes,0.5,60
phone,yes,0.3,5
store,no,0.2,
"""
BASE = {"client.yml": CLIENT_YML, "survey.csv": SURVEY, "customers.csv": CUSTOMERS,
        "tickets.csv": TICKETS, "social.csv": SOCIAL, "channels.csv": CHANNELS}

DATASET_LIST = ("survey, customers, journey, competitors, social, reviews, brand_promise, channels, "
                "interactions, messages, tickets, employees, practices, metrics")
AGE_BANDS = "18-24, 25-34, 35-44, 45-54, 55-64, 65+, Not stated"
PERIOD = "1 Dec 2025 – 30 Nov 2026"
MAP_HINT = "see column_map in client.yml"
NUMBER_HINT = "recode word answers in client.yml (recode: {...})"
RAGGED_HINT = "a stray delimiter, an unquoted text or a missing cell"
NOT_READ = ("is not a dataset of the contract and not named under files: in client.yml, so it is not "
            "read (`cx map` tells what it holds)")

# What a consultant must never see: tracebacks, Python reprs, pydantic's internals, library names.
NOISE = re.compile(r"Traceback|object at 0x|PosixPath\(|Timestamp\(|np\.\w+\(|numpy|dtype|\bNaT\b|\bnan\b"
                   r"|<NA>|\bNone\b|input_value=|pydantic|[A-Z][a-z]+(?:Error|Exception)\b|BadZipFile"
                   r"|\\n|\\x[0-9a-f]{2}")
PROBLEM_LINE = re.compile(r"^(?:error|warning|note)[ :]")

Change = Callable[[Path], None]


def base_client(root: Path) -> Path:
    folder = root / SLUG
    folder.mkdir(parents=True)
    for name, text in BASE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- changes to the base client ------------------------------------------------------------------

def put(name: str, content: str | bytes) -> Change:
    """Write a file of the client folder (text as UTF-8, bytes as they are)."""
    def change(folder: Path) -> None:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return change


def drop(name: str) -> Change:
    return lambda folder: (folder / name).unlink()


def rename(old: str, new: str) -> Change:
    return lambda folder: (folder / old).rename(folder / new)


def settings(extra: str) -> Change:
    """Add lines to client.yml (they start on line 6)."""
    return put("client.yml", CLIENT_YML + extra)


def edit(name: str, old: str, new: str) -> Change:
    def change(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def cell(name: str, line: int, column: str, value: str) -> Change:
    """Set one cell of a base CSV, by file line (header = 1) and column name."""
    def change(folder: Path) -> None:
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\n")
        header = lines[0].split(",")
        cells = lines[line - 1].split(",")
        cells[header.index(column)] = value
        lines[line - 1] = ",".join(cells)
        path.write_text("\n".join(lines), encoding="utf-8")
    return change


def column(name: str, col: str, values: list[str], header: str | None = None) -> Change:
    """Replace a whole column of a base CSV (data rows in order), optionally renaming it."""
    def change(folder: Path) -> None:
        path = folder / name
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        rows = [line.split(",") for line in lines]
        i = rows[0].index(col)
        rows[0][i] = col if header is None else header
        for row, value in zip(rows[1:], values, strict=True):
            row[i] = value
        path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return change


def xlsx(name: str, rows: list[list]) -> Change:
    """Write a one-sheet workbook; ``None`` rows stay empty, so sheet row numbers are as listed."""
    def change(folder: Path) -> None:
        book = Workbook()
        sheet = book.active
        for number, row in enumerate(rows, start=1):
            for col, value in enumerate(row or [], start=1):
                sheet.cell(row=number, column=col, value=value)
        book.save(folder / name)
    return change


def survey_sheet() -> list[list]:
    """The base survey as spreadsheet rows, numbers as numbers."""
    rows = [line.split(",") for line in SURVEY.strip().split("\n")]
    return [rows[0]] + [[int(c) if c.isdigit() else c for c in row] for row in rows[1:]]


def _two_sheets(path: Path) -> None:
    book = Workbook()
    book.active.title = "Answers"
    for row in survey_sheet():
        book.active.append(row)
    book.create_sheet("Pivot").append(["segment", "mean nps"])
    book.save(path)


def all_of(*changes: Change) -> Change:
    def change(folder: Path) -> None:
        for c in changes:
            c(folder)
    return change


def outside_file(folder: Path) -> Path:
    """A valid survey file outside the client folder (in a sibling client's folder)."""
    other = folder.parent / "other"
    other.mkdir(exist_ok=True)
    (other / "survey.csv").write_text(SURVEY, encoding="utf-8")
    return other / "survey.csv"


def link_outside(folder: Path) -> None:
    (folder / "survey.csv").unlink()
    (folder / "survey.csv").symlink_to(outside_file(folder))


def link_to_nothing(folder: Path) -> None:
    (folder / "survey.csv").unlink()
    (folder / "survey.csv").symlink_to(folder / "gone.csv")


def settings_linked_outside(folder: Path) -> None:
    (folder.parent / "shared.yml").write_text(CLIENT_YML, encoding="utf-8")
    (folder / "client.yml").unlink()
    (folder / "client.yml").symlink_to(folder.parent / "shared.yml")


def file_outside(folder: Path) -> None:
    outside_file(folder)
    (folder / "survey.csv").unlink()


def mkdir(name: str) -> Change:
    def change(folder: Path) -> None:
        (folder / name).unlink(missing_ok=True)
        (folder / name).mkdir()
    return change


# --- survey-tool exports --------------------------------------------------------------------------

ZERO_TEN = tuple(str(i) for i in range(11))
LTR = Question("Q1", "How likely are you to recommend us?", "single", ZERO_TEN)
QUALTRICS_MAP = "column_map:\n  survey: {response_id: ResponseId, responded_at: EndDate, nps: Q1}\n"


def _answer(n: int, nps: str, status: str = "IP Address", channel: str = "anonymous",
            finished: bool = True) -> dict:
    return {"ResponseId": f"R_{n}", "RespondentID": 114000000000 + n, "EndDate": datetime(2026, 2, n, 10, 30),
            "Status": status, "Finished": finished, "DistributionChannel": channel, "Q1": nps}


SURVEYMONKEY_MAP = """\
column_map:
  survey:
    response_id: Respondent ID
    responded_at: {source: End Date, format: '%m/%d/%Y %I:%M:%S %p'}
    nps: How likely are you to recommend us?
"""


def surveymonkey(name: str, responses: list[dict], fmt: str) -> Change:
    def change(folder: Path) -> None:
        (folder / "survey.csv").unlink()
        write_surveymonkey(folder / name, [LTR], responses, fmt=fmt)
        (folder / "client.yml").write_text(CLIENT_YML + SURVEYMONKEY_MAP, encoding="utf-8")
    return change


def qualtrics(name: str, responses: list[dict], fmt: str) -> Change:
    def change(folder: Path) -> None:
        (folder / "survey.csv").unlink()
        write_qualtrics(folder / name, [LTR], responses, fmt=fmt)
        (folder / "client.yml").write_text(CLIENT_YML + QUALTRICS_MAP, encoding="utf-8")
    return change


# --- the cases ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One malformed client: a change to the base, and every problem line `cx validate` prints."""

    name: str
    change: Change
    lines: tuple[str, ...]
    client: str = SLUG
    also: tuple[str, ...] = ()  # other text the output must hold


def case(name: str, change: Change, *lines: str, client: str = SLUG, also: tuple[str, ...] = ()) -> Case:
    return Case(name, change, lines, client, also)


# Byte offsets of non-UTF-8 text, counted from the base files:
# client.yml: "name: Battery Co\n" 17 + "slug: acme\n" 11 + "industry: H" 11 = byte 39 on line 3
# survey.csv: header 93 bytes + row 2 "R1,...,Great service\n" 57 + "R2,C2,...,3,2,Tr" 47 = byte 197
SURVEY_ROW3_CP1252 = SURVEY.replace("Too slow", "Très lent").encode("cp1252")
YML_CP1252 = CLIENT_YML.replace("Retail", "Hôtellerie").encode("cp1252")

CASES = [
    # -- console markup in the data is printed as written ------------------------------------------
    case("cell_holding_markup_close_tag", cell("survey.csv", 3, "age_band", "[/]"),
         f"error survey.csv row 3 column age_band: '[/]' is not one of: {AGE_BANDS}"),
    case("bold_markup_in_nps", cell("survey.csv", 2, "nps", "[bold]10[/bold]"),
         f"error survey.csv row 2 column nps: '[bold]10[/bold]' is not a number; {NUMBER_HINT}"),
    case("slug_pattern_shown_literally", edit("client.yml", "slug: acme", "slug: Acme Co"),
         "error client.yml: key slug: String should match pattern '^[a-z0-9][a-z0-9_-]*$'"),
    case("colour_that_looks_like_markup", settings('brand: {primary: "[red]"}\n'),
         "error client.yml: key brand.primary: '[red]' is not a colour like '#0B3C5D'"),
    case("country_pattern_shown_literally", settings("country: uk\n"),
         "error client.yml: key country: String should match pattern '^[A-Z]{2}$'"),

    # -- client.yml --------------------------------------------------------------------------------
    case("impossible_date", edit("client.yml", "start: 2025-12-01", "start: 2025-13-01"),
         "error client.yml: key period.start: Input should be a valid date or datetime, month value is "
         "outside expected range of 1-12"),
    case("client_yml_in_cp1252", put("client.yml", YML_CP1252),
         "error client.yml: is not UTF-8 text (line 3, byte 39); save it as UTF-8"),
    case("missing_client_yml", drop("client.yml"),
         "error client.yml: not found in the client folder acme (every client folder needs one; "
         "`cx map` writes a first one)"),
    case("duplicate_yaml_key", settings("name: Other Co\n"),
         "error client.yml: line 6: key 'name' appears twice (first on line 1)"),
    case("same_contract_column_mapped_twice",
         settings("column_map:\n  survey:\n    nps: ces\n    nps: csat\n"),
         "error client.yml: line 9: key 'nps' appears twice (first on line 8)"),
    case("slug_differs_from_folder", edit("client.yml", "slug: acme", "slug: acme-corp"),
         "error client.yml: key slug: 'acme-corp' differs from the folder name 'acme'; make them the same"),
    case("unclosed_bracket", settings("competitors: [Orbit, Pulse\n"),
         # the parser finds out at the end of the file; the bracket opened on line 6
         "error client.yml: line 6: not valid YAML (expected ',' or ']', but got the end of the file)"),
    case("unclosed_quote_in_yaml", edit("client.yml", "name: Battery Co", 'name: "Battery Co'),
         "error client.yml: line 1: not valid YAML (a quote is never closed)"),
    case("tab_indentation", settings("brand:\n\tprimary: '#000000'\n"),
         "error client.yml: line 7: not valid YAML (a tab, where YAML needs spaces to indent)"),
    case("control_character_in_yaml", settings("competitors: [Orbit\x07]\n"),
         "error client.yml: line 6: not valid YAML (it holds the control character #x0007; delete it)"),
    case("client_yml_is_a_list", put("client.yml", "- name: Battery Co\n- slug: acme\n"),
         "error client.yml: expected a mapping of settings (name, slug, period, ...)"),
    case("client_yml_empty", put("client.yml", ""),
         "error client.yml: key name: Field required", "error client.yml: key slug: Field required",
         "error client.yml: key industry: Field required", "error client.yml: key period: Field required",
         "error client.yml: key consultant: Field required"),
    case("period_end_before_start", edit("client.yml", "end: 2026-11-30", "end: 2025-11-30"),
         "error client.yml: key period: end 2025-11-30 is before start 2025-12-01"),
    case("unknown_setting", settings("competitor: [Orbit]\n"),
         "error client.yml: key competitor: Extra inputs are not permitted"),
    case("keep_previews_maybe", settings("responses: {keep_previews: maybe}\n"),
         "error client.yml: key responses.keep_previews: Input should be a valid boolean, unable to "
         "interpret input"),
    case("rule_with_source_and_constant", settings("column_map:\n  survey: {channel: {source: channel, "
                                                  "constant: web}}\n"),
         "error client.yml: key column_map.survey.channel: give either source (a column of the file) or "
         "constant (one value for every row)"),
    case("rescale_upside_down", settings("column_map:\n  survey: {nps: {source: nps, rescale: [10, 0]}}\n"),
         "error client.yml: key column_map.survey.nps: rescale needs [low, high] with low below high, "
         "not [10, 0]"),
    case("date_format_without_percent",
         settings("column_map:\n  survey: {responded_at: {source: responded_at, format: DD/MM/YYYY}}\n"),
         "error client.yml: key column_map.survey.responded_at: format 'DD/MM/YYYY' is not a date format "
         "like '%d/%m/%Y %H:%M'"),

    # -- the column map ----------------------------------------------------------------------------
    case("map_onto_a_column_the_file_has", settings("column_map:\n  survey: {nps: ces}\n"),
         'error survey.csv column nps: has its own nps column and the column map also takes nps from "ces"; '
         f"keep one ({MAP_HINT})"),
    case("map_source_missing_close_name",
         all_of(column("survey.csv", "nps", ["9", "6", "10"], header="Likelihood"),
                settings("column_map:\n  survey: {nps: Likelyhood}\n")),
         'error survey.csv column nps: the column map takes nps from "Likelyhood", which is not a column '
         'of the file (did you mean "Likelihood"?)'),
    case("map_source_missing_nothing_close", settings("column_map:\n  survey: {segment: Q2}\n"),
         'error survey.csv column segment: the column map takes segment from "Q2", which is not a column '
         "of the file"),
    case("map_dataset_unknown_close_name", settings("column_map:\n  surveys: {nps: nps}\n"),
         'error client.yml: key column_map.surveys: not a dataset of the contract (did you mean "survey"?)'),
    case("map_dataset_unknown", settings("column_map:\n  feedback: {nps: nps}\n"),
         f"error client.yml: key column_map.feedback: not a dataset of the contract ({DATASET_LIST})"),
    case("map_contract_column_unknown", settings("column_map:\n  survey: {npss: nps}\n"),
         'error client.yml: key column_map.survey.npss: not a column of the survey contract '
         '(did you mean "nps"?)'),
    case("word_answer_without_recode", cell("survey.csv", 3, "nps", "Maybe"),
         f"error survey.csv row 3 column nps: 'Maybe' is not a number; {NUMBER_HINT}"),
    case("recode_leaves_a_value_out",
         all_of(column("survey.csv", "nps", ["Definitely", "Never", "Maybe"], header="Q7"),
                settings("column_map:\n  survey: {nps: {source: Q7, recode: {Definitely: 10, Maybe: 5}}}\n")),
         "error survey.csv row 3 column \"Q7\" (nps): 'Never' has no recode; add it under recode for nps "
         "in client.yml",
         'note nps comes from "Q7": answers recoded (Definitely = 10, Maybe = 5).'),
    case("rescale_outside_declared_range",
         all_of(column("survey.csv", "nps", ["5", "3", "7"], header="LTR"),
                settings("column_map:\n  survey: {nps: {source: LTR, rescale: [1, 5]}}\n")),
         f'error survey.csv row 4 column "LTR" (nps): 7 is outside the declared 1-5; {MAP_HINT}',
         'note nps comes from "LTR": rescaled linearly from 1-5 to 0-10, rounded to whole points.'),
    case("age_outside_every_band",
         all_of(column("survey.csv", "age_band", ["15", "30", "40"], header="Age"),
                settings("column_map:\n  survey:\n    age_band:\n      source: Age\n      bands: {18-24: [18, 24], "
                         "25-34: [25, 34], 35-44: [35, 44], 45-54: [45, 54], 55-64: [55, 64], 65+: [65, null]}\n")),
         'error survey.csv row 2 column "Age" (age_band): 15 falls in no band; add a band that holds it '
         "for age_band in client.yml",
         'note age_band comes from "Age": cut into bands 18-24, 25-34, 35-44, 45-54, 55-64, 65+.'),
    case("declared_date_format_does_not_fit",
         settings("column_map:\n  survey: {responded_at: {source: responded_at, format: '%d/%m/%Y %H:%M'}}\n"),
         "error survey.csv column responded_at: 3 values are not a date in the declared format "
         "%d/%m/%Y %H:%M, e.g. rows 2, 3, 4 ('2026-02-01 10:30', '2026-02-02 11:00', '2026-02-03 12:00')",
         'note responded_at comes from "responded_at": dates read as %d/%m/%Y %H:%M.'),
    case("constant_over_a_column_the_file_has", settings("column_map:\n  survey: {csat: {constant: 4}}\n"),
         "error survey.csv column csat: has its own csat column and the column map also gives csat the "
         f"constant '4'; keep one ({MAP_HINT})"),
    case("constant_that_is_not_a_number", settings("column_map:\n  survey: {attr_price: {constant: high}}\n"),
         "error client.yml: key column_map.survey.attr_price: constant 'high' is not a number"),

    # -- files of the folder -----------------------------------------------------------------------
    case("survey_csv_and_xlsx_side_by_side", xlsx("survey.xlsx", survey_sheet()),
         "error survey.csv: the survey dataset has 2 files (survey.csv, survey.xlsx); keep one, or name "
         "it under files: in client.yml"),
    case("same_name_in_two_cases", put("SURVEY.CSV", SURVEY),
         "error SURVEY.CSV: the survey dataset has 2 files (SURVEY.CSV, survey.csv); keep one, or name it "
         "under files: in client.yml"),
    case("capitalised_file_name", rename("survey.csv", "Survey.csv"),
         "warning Survey.csv: is read as the survey dataset", also=("OK: 5 datasets valid, 1 warning",)),
    case("old_excel_file", rename("survey.csv", "survey.xls"),
         "error survey.xls: is a .xls file; save it as .xlsx or CSV UTF-8"),
    case("folder_named_like_a_dataset", mkdir("survey.csv"),
         "error survey.csv: is a folder, not a data file"),
    case("unknown_table", put("notes.csv", "topic,note\nkickoff,call Ann\n"),
         f"warning notes.csv: {NOT_READ}"),
    case("declared_file_and_named_file",
         all_of(put("export.csv", SURVEY), settings("files: {survey: export.csv}\n")),
         "warning survey.csv: is not read: files.survey in client.yml names export.csv for the survey dataset"),
    case("declared_file_missing", settings("files: {survey: export.csv}\n"),
         "error client.yml: key files.survey: 'export.csv' is not a file in the client folder"),
    case("declared_file_not_a_table", all_of(put("export.txt", SURVEY), settings("files: {survey: export.txt}\n")),
         "error client.yml: key files.survey: 'export.txt' is not a CSV, TSV or XLSX file"),
    case("declared_dataset_unknown", all_of(put("export.csv", SURVEY), settings("files: {surveys: export.csv}\n")),
         'error client.yml: key files.surveys: not a dataset of the contract (did you mean "survey"?)',
         f"warning export.csv: {NOT_READ}"),
    case("empty_file", put("survey.csv", ""), "error survey.csv: is empty (no header row)"),
    case("blank_lines_only", put("survey.csv", "\n\n  \n"), "error survey.csv: is empty (no header row)"),
    case("header_only", put("survey.csv", SURVEY.split("\n")[0] + "\n"),
         "error survey.csv: has a header but no rows of data"),
    case("non_utf8_csv", put("survey.csv", SURVEY_ROW3_CP1252),
         "error survey.csv: is not UTF-8 text (line 3, byte 197); save it as CSV UTF-8"),
    case("binary_file_named_xlsx", all_of(drop("survey.csv"), put("survey.xlsx", bytes(range(256)) * 4)),
         "error survey.xlsx: cannot be opened as an Excel workbook; save it again as .xlsx, or as CSV UTF-8"),
    case("csv_named_xlsx", rename("survey.csv", "survey.xlsx"),
         "error survey.xlsx: cannot be opened as an Excel workbook; save it again as .xlsx, or as CSV UTF-8"),

    # -- security: nothing outside the client folder -----------------------------------------------
    case("logo_outside_folder", settings("brand: {logo: ../../../../etc/passwd}\n"),
         "error client.yml: key brand.logo: '../../../../etc/passwd' is outside the client folder; put the "
         "logo in the folder and name it there"),
    case("logo_that_is_text", all_of(put("logo.png", "not an image\n"), settings("brand: {logo: logo.png}\n")),
         "error client.yml: key brand.logo: 'logo.png' is not a PNG, JPEG or GIF image"),
    case("logo_missing", settings("brand: {logo: logo.png}\n"),
         "error client.yml: key brand.logo: 'logo.png' is not a file in the client folder"),
    case("client_yml_linked_outside", settings_linked_outside,
         "error client.yml: is a link to a file outside the client folder; copy the file in"),
    case("declared_file_absolute", settings("files: {survey: /etc/passwd}\n"),
         "error client.yml: key files.survey: '/etc/passwd' is outside the client folder"),
    case("dangling_link", link_to_nothing,
         "error survey.csv: is a link to a file that does not exist; copy the file in"),
    case("dataset_linked_outside", link_outside,
         "error survey.csv: is a link to a file outside the client folder; copy the file in"),
    case("declared_file_outside", all_of(file_outside, settings("files: {survey: ../other/survey.csv}\n")),
         "error client.yml: key files.survey: '../other/survey.csv' is outside the client folder"),
    case("client_argument_climbs_out", lambda folder: None,
         "error: '../x' is not a client folder name under client_data (a name like 'acme', without / or ..)",
         client="../x"),
    case("client_argument_absolute", lambda folder: None,
         "error: '/etc' is not a client folder name under client_data (a name like 'acme', without / or ..)",
         client="/etc"),
    case("client_argument_unknown", lambda folder: None,
         "error: no client folder client_data/nobody (expected client.yml and datasets there)",
         client="nobody"),

    # -- rows and columns of a CSV -----------------------------------------------------------------
    case("short_row", edit("survey.csv", ",Too slow\n", "\n"),
         f"error survey.csv row 3: has 10 fields where the header has 11; {RAGGED_HINT}"),
    case("long_row", edit("survey.csv", "Too slow", "Too slow, really"),
         f"error survey.csv row 3: has 12 fields where the header has 11; {RAGGED_HINT}"),
    case("long_row_ending_in_a_blank", edit("survey.csv", "R2,C2,2026-02-02 11:00,phone,B,25-34,6,3,3,2,Too slow",
                                            "R2,,C2,2026-02-02 11:00,phone,B,25-34,6,3,3,2,"),
         # one cell too many shifts the row even though the extra cell is blank
         f"error survey.csv row 3: has 12 fields where the header has 11; {RAGGED_HINT}"),
    case("trailing_delimiter_on_every_row",
         put("survey.csv", "".join(line + ("," if n else "") + "\n"
                                   for n, line in enumerate(SURVEY.strip().split("\n")))),
         # data rows of 12 fields under an 11-name header, the 12th always blank: a writer's habit
         also=("OK: 5 datasets valid",)),
    case("duplicate_header", edit("survey.csv", ",attr_ease,", ",nps,"),
         "error survey.csv row 1: the header names 'nps' twice (columns 7 and 10); rename one"),
    case("blank_header_over_values", edit("survey.csv", ",attr_ease,", ",,"),
         "error survey.csv row 1: column 10 has values but no name in the header"),
    case("required_column_missing", edit("customers.csv", ",churned,", ",left,"),
         "error customers.csv column churned: required column is missing; name it in the file or map it "
         f"({MAP_HINT}, `cx map` proposes one)"),
    case("required_survey_column_missing", edit("survey.csv", ",responded_at,", ",date,"),
         "error survey.csv column responded_at: required column is missing; name it in the file or map it "
         f"({MAP_HINT}, `cx map` proposes one)"),
    case("required_column_blank", column("customers.csv", "segment", ["", "", ""]),
         "error customers.csv column segment: is blank in every row; the column is required"),
    case("optional_column_blank", column("survey.csv", "comment", ["", "", ""]),
         'warning survey.csv: column "comment" is blank in every row, so treated as not provided'),
    case("blank_lines_and_quoted_newline_before_bad_row",
         put("survey.csv", SURVEY.replace("Great service", '"Great\nservice"')
             .replace("\nR2,", "\n\nR2,").replace("store,A,35-44,10,", "store,A,35-44,12,")),
         # header 1, R1 on lines 2-3 (quoted newline), blank line 4, R2 line 5, R3 line 6
         "error survey.csv row 6 column nps: 12 is outside 0-10"),
    case("unclosed_quote", edit("survey.csv", "Too slow", '"Too slow'),
         # the quote opens on line 3; without it R3 would vanish into R2's comment
         'error survey.csv row 3: has a quote (") that is never closed, so every line after it would be read '
         "as one cell; close it or remove it"),
    case("text_after_closing_quote", edit("survey.csv", "Too slow", '"Too" slow'),
         "error survey.csv row 3: has text after the closing quote of a cell; quote the whole cell or remove "
         "the quote"),

    # -- values ------------------------------------------------------------------------------------
    case("out_of_range", cell("survey.csv", 3, "nps", "12"),
         "error survey.csv row 3 column nps: 12 is outside 0-10", also=("1 error: fix them and validate again",)),
    case("csat_zero", cell("survey.csv", 4, "csat", "0"),
         "error survey.csv row 4 column csat: 0 is outside 1-5"),
    case("not_whole_number", cell("survey.csv", 2, "attr_ease", "4.5"),
         "error survey.csv row 2 column attr_ease: 4.5 is not a whole number"),
    case("not_allowed", cell("survey.csv", 4, "age_band", "teen"),
         f"error survey.csv row 4 column age_band: 'teen' is not one of: {AGE_BANDS}"),
    case("duplicate_id", cell("survey.csv", 3, "response_id", "R1"),
         "error survey.csv column response_id: 2 values appear more than once, e.g. rows 2, 3 ('R1', 'R1')"),
    case("missing_id", cell("survey.csv", 4, "response_id", ""),
         "error survey.csv row 4 column response_id: value is missing"),
    case("missing_required_value", cell("customers.csv", 3, "segment", ""),
         "error customers.csv row 3 column segment: value is missing"),
    case("negative_revenue", cell("customers.csv", 2, "revenue_12m", "-5"),
         "error customers.csv row 2 column revenue_12m: -5 is below 0"),
    case("share_above_one", cell("channels.csv", 2, "investment_share", "1.5"),
         "error channels.csv row 2 column investment_share: 1.5 is outside 0-1"),
    case("duplicate_channel", cell("channels.csv", 4, "channel", "web"),
         "error channels.csv column channel: 2 values appear more than once, e.g. rows 2, 4 ('web', 'web')"),
    case("negative_minutes", cell("tickets.csv", 3, "first_response_minutes", "-3"),
         "error tickets.csv row 3 column first_response_minutes: -3 is below 0"),
    case("bool_maybe", cell("channels.csv", 3, "offered", "maybe"),
         "error channels.csv row 3 column offered: 'maybe' is not yes or no (true/false, 1/0); recode other "
         "answers in client.yml (recode: {Maybe: null})"),
    case("long_text_in_number_column", cell("survey.csv", 2, "ces", "it was very easy to get my problem sorted out"),
         "error survey.csv row 2 column ces: 'it was very easy to get my problem so...' is not a number; "
         f"{NUMBER_HINT}"),

    # -- dates -------------------------------------------------------------------------------------
    case("mixed_time_zone_offsets",
         column("survey.csv", "responded_at", ["2026-02-01T10:30:00+01:00", "2026-02-02T11:00:00Z",
                                               "2026-02-03T12:00:00+01:00"]),
         "warning survey.csv column responded_at: mixes time-zone offsets (+0100, Z); all times were read as UTC"),
    case("offsets_and_none",
         column("survey.csv", "responded_at", ["2026-02-01T10:30:00+01:00", "2026-02-02 11:00",
                                               "2026-02-03T12:00:00+01:00"]),
         "warning survey.csv column responded_at: mixes time-zone offsets (+0100, and none); all times were "
         "read as UTC"),
    case("day_that_does_not_exist", cell("tickets.csv", 2, "opened_at", "2026-02-30 09:00"),
         "error tickets.csv row 2 column opened_at: '2026-02-30 09:00' is not a date-time (expected "
         "YYYY-MM-DD HH:MM); no such day exists; check the day and the month"),
    case("churned_before_signup", cell("customers.csv", 3, "churned_at", "2025-02-01"),
         "error customers.csv row 3 column churned_at: 2025-02-01 is before signup_date"),
    case("resolved_before_opened", cell("tickets.csv", 3, "resolved_at", "2026-02-02 09:00"),
         "error tickets.csv row 3 column resolved_at: 2026-02-02 09:00:00 is before opened_at"),
    case("responded_before_posted", cell("social.csv", 2, "responded_at", "2026-01-31 09:00"),
         "error social.csv row 2 column responded_at: 2026-01-31 09:00:00 is before posted_at"),
    case("date_years_in_the_future", cell("survey.csv", 2, "responded_at", "2062-02-01 10:30"),
         "error survey.csv row 2 column responded_at: 2062-02-01 10:30:00 is in the future; check the year "
         "and the date format"),
    case("signup_in_the_future", cell("customers.csv", 4, "signup_date", "2062-06-01"),
         "error customers.csv row 4 column signup_date: 2062-06-01 is in the future; check the year and the "
         "date format"),
    case("year_only_date", cell("customers.csv", 2, "signup_date", "2025"),
         "error customers.csv row 2 column signup_date: '2025' is not a date (expected YYYY-MM-DD); a year "
         "alone is not a date: give the month and day too"),
    case("day_first_dates",
         column("survey.csv", "responded_at", ["13/02/2026 10:30", "14/02/2026 11:00", "15/02/2026 12:00"]),
         "error survey.csv column responded_at: 3 values are not a date-time (expected YYYY-MM-DD HH:MM), "
         "e.g. rows 2, 3, 4 ('13/02/2026 10:30', '14/02/2026 11:00', '15/02/2026 12:00'); declare its "
         "format in client.yml (format: '%d/%m/%Y %H:%M')"),
    case("ambiguous_dates",
         column("survey.csv", "responded_at", ["01/02/2026 10:30", "02/02/2026 11:00", "03/02/2026 12:00"]),
         "error survey.csv column responded_at: 3 values are not a date-time (expected YYYY-MM-DD HH:MM), "
         "e.g. rows 2, 3, 4 ('01/02/2026 10:30', '02/02/2026 11:00', '03/02/2026 12:00'); declare its "
         "format in client.yml: '%d/%m/%Y %H:%M' and '%m/%d/%Y %H:%M' both read them (no day above 12)"),
    case("word_in_date_column", cell("tickets.csv", 2, "opened_at", "yesterday"),
         "error tickets.csv row 2 column opened_at: 'yesterday' is not a date-time (expected YYYY-MM-DD "
         "HH:MM); declare its format in client.yml (format: '%d/%m/%Y')"),
    case("response_outside_period", cell("survey.csv", 2, "responded_at", "2025-06-01 10:30"),
         f"warning survey.csv row 2 column responded_at: 2025-06-01 10:30:00 falls outside the period {PERIOD}"),
    case("unknown_customer", cell("survey.csv", 3, "customer_id", "C9"),
         "warning survey.csv row 3 column customer_id: 'C9' is not in customers.csv; such responses are "
         "left out of churn analyses"),

    # -- spreadsheets ------------------------------------------------------------------------------
    case("xlsx_bad_cell_below_a_blank_row",
         all_of(drop("survey.csv"),
                xlsx("survey.xlsx", [survey_sheet()[0], survey_sheet()[1], None, survey_sheet()[2],
                                     survey_sheet()[3][:6] + [12] + survey_sheet()[3][7:]])),
         # header row 1, R1 row 2, empty row 3, R2 row 4, R3 row 5
         "error survey.xlsx row 5 column nps: 12 is outside 0-10"),
    case("xlsx_header_below_a_blank_first_row",
         all_of(drop("survey.csv"),
                xlsx("survey.xlsx", [None] + survey_sheet()[:2]
                     + [survey_sheet()[2][:6] + ["#DIV/0!"] + survey_sheet()[2][7:]] + survey_sheet()[3:])),
         # empty row 1, header row 2, R1 row 3, R2 row 4
         f"error survey.xlsx row 4 column nps: '#DIV/0!' is not a number; {NUMBER_HINT}"),
    case("xlsx_second_sheet",
         all_of(drop("survey.csv"), lambda folder: _two_sheets(folder / "survey.xlsx")),
         "note survey.xlsx has 2 sheets; the first, 'Answers', is read"),
    case("xlsx_duplicate_header",
         all_of(drop("survey.csv"),
                xlsx("survey.xlsx", [survey_sheet()[0][:10] + ["nps"]] + survey_sheet()[1:])),
         "error survey.xlsx row 1: the header names 'nps' twice (columns 7 and 11); rename one"),

    # -- survey-tool exports -----------------------------------------------------------------------
    case("qualtrics_utf16_tsv_bad_value",
         qualtrics("survey.tsv", [_answer(1, "9"), _answer(2, "12"), _answer(3, "7")], "tsv"),
         # three header rows, answers from line 4: the second answer is line 5
         'error survey.tsv row 5 column "Q1" (nps): 12 is outside 0-10',
         "note survey.tsv is a Qualtrics export: 3 header rows, answers from line 4"),
    case("qualtrics_preview_rows",
         qualtrics("survey.csv", [_answer(1, "9"), _answer(2, "3", "Survey Preview", "preview"),
                                  _answer(3, "7"), _answer(4, "10", "Survey Test", "test"), _answer(5, "8")],
                   "csv"),
         "note survey.csv is a Qualtrics export: 3 header rows, answers from line 4",
         "note survey.csv 2 survey previews and tests set aside. Qualtrics: survey previews and tests "
         "(Status Survey Preview or Survey Test, or codes 1, 2, 9 or 17; DistributionChannel preview or "
         "test) and unfinished responses (Finished False or 0) are excluded."),
    case("qualtrics_only_previews",
         qualtrics("survey.csv", [_answer(1, "9", "Survey Preview", "preview"),
                                  _answer(2, "3", "Survey Preview", "preview")], "csv"),
         "error survey.csv: has no responses left once 2 survey previews and tests are set aside "
         "(see responses: in client.yml)"),
    case("qualtrics_unfinished_and_preview",
         qualtrics("survey.xlsx", [_answer(1, "9"), _answer(2, "3", finished=False),
                                   _answer(3, "7", "Survey Preview", "preview"), _answer(4, "10")], "xlsx"),
         "note survey.xlsx is a Qualtrics export: 3 header rows, answers from row 4",
         "note survey.xlsx 1 survey preview or test and 1 unfinished response set aside. Qualtrics: survey "
         "previews and tests (Status Survey Preview or Survey Test, or codes 1, 2, 9 or 17; "
         "DistributionChannel preview or test) and unfinished responses (Finished False or 0) are excluded."),
    case("surveymonkey_xlsx_word_answer",
         surveymonkey("survey.xlsx", [_answer(1, "9"), _answer(2, "eleven"), _answer(3, "7")], "xlsx"),
         # two header rows, answers from row 3: the second answer is row 4
         'error survey.xlsx row 4 column "How likely are you to recommend us?" (nps): \'eleven\' is not a '
         f"number; {NUMBER_HINT}",
         "note survey.xlsx is a SurveyMonkey export: 2 header rows, answers from row 3",
         'note responded_at comes from "End Date": dates read as %m/%d/%Y %I:%M:%S %p.'),
    case("qualtrics_bad_value_after_a_preview",
         qualtrics("survey.csv", [_answer(1, "9", "Survey Preview", "preview"), _answer(2, "11")], "csv"),
         # the preview is line 4 and set aside; the bad answer keeps its own line 5
         'error survey.csv row 5 column "Q1" (nps): 11 is outside 0-10',
         "note survey.csv is a Qualtrics export: 3 header rows, answers from line 4",
         "note survey.csv 1 survey preview or test set aside. Qualtrics: survey previews and tests "
         "(Status Survey Preview or Survey Test, or codes 1, 2, 9 or 17; DistributionChannel preview or "
         "test) and unfinished responses (Finished False or 0) are excluded."),
]


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if PROBLEM_LINE.match(line)]


def validate(client: str, root: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", client, "--root", root])
    # typer.Exit surfaces as SystemExit; anything else escaped the command
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def test_the_battery_is_large_and_every_case_is_named_once():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)) and len(names) >= 70


def test_the_base_client_is_valid(tmp_path, monkeypatch):
    base_client(tmp_path / "client_data")
    monkeypatch.chdir(tmp_path)
    code, output = validate(SLUG, "client_data")
    assert (code, problem_lines(output)) == (0, []), output
    assert "OK: 5 datasets valid" in output


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_validate_names_the_problem_in_one_line(case, tmp_path, monkeypatch):
    case.change(base_client(tmp_path / "client_data"))
    monkeypatch.chdir(tmp_path)
    code, output = validate(case.client, "client_data")
    assert sorted(problem_lines(output)) == sorted(case.lines), output
    assert code == (1 if any(line.startswith("error") for line in case.lines) else 0), output
    assert not NOISE.search(output), output
    assert "client_data/client_data" not in output
    assert all(text in output for text in case.also), output


def test_a_missing_client_yml_names_the_folder_once_whatever_the_root(tmp_path, monkeypatch):
    # run from a project that has its own client_data, with the client root given as an absolute path
    base_client(tmp_path / "clients")
    (tmp_path / "clients" / SLUG / "client.yml").unlink()
    (tmp_path / "project" / "client_data").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "project")
    code, output = validate(SLUG, str(tmp_path / "clients"))
    assert code == 1
    assert problem_lines(output) == [
        "error client.yml: not found in the client folder acme (every client folder needs one; "
        "`cx map` writes a first one)"]
    assert "client_data/client_data" not in output and not NOISE.search(output)


def test_a_client_folder_named_with_console_markup_is_printed_as_written(tmp_path, monkeypatch):
    # a folder name is not a slug, so client.yml's slug is not compared with it
    base_client(tmp_path / "client_data").rename(tmp_path / "client_data" / "acme[bold]")
    monkeypatch.chdir(tmp_path)
    code, output = validate("acme[bold]", "client_data")
    assert code == 0, output
    assert "Client data in client_data/acme[bold]" in output and not NOISE.search(output)


# --- one wrong column in a large survey -----------------------------------------------------------

BIG = 15_000


@pytest.fixture(scope="module")
def big_survey_root(tmp_path_factory) -> Path:
    """A client whose 15,000-row survey has every responded_at written day first (13/02/2026 10:30)."""
    root = tmp_path_factory.mktemp("big") / "client_data"
    folder = base_client(root)
    rows = [f"R{i},C{1 + i % 3},{13 + i % 16}/02/2026 10:30,web,A,18-24,{i % 11},4,5,3,ok\n"
            for i in range(BIG)]
    (folder / "survey.csv").write_text(SURVEY.split("\n")[0] + "\n" + "".join(rows), encoding="utf-8")
    return root


def test_a_column_wrong_in_every_row_of_a_large_survey_is_one_grouped_line(big_survey_root):
    code, output = validate(SLUG, str(big_survey_root))
    assert code == 1
    about = [line for line in output.splitlines() if "responded_at" in line]
    assert len(about) <= 10
    # rows 2, 3, 4 hold i = 0, 1, 2: days 13, 14, 15; no day above 12 is ambiguous, so the hint is sure
    assert problem_lines(output) == [
        "error survey.csv column responded_at: 15,000 values are not a date-time (expected YYYY-MM-DD HH:MM), "
        "e.g. rows 2, 3, 4 ('13/02/2026 10:30', '14/02/2026 10:30', '15/02/2026 10:30'); declare its format "
        "in client.yml (format: '%d/%m/%Y %H:%M')"]
    assert not NOISE.search(output)
