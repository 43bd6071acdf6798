"""Fixture writers for survey-tool exports, built from the vendors' documented formats.

Tests import them with ``from vendor_files import ...`` (tests/ is on ``sys.path`` through the
rootdir conftest). The formats are the ones :mod:`cxlib.data.exports` cites:

- Qualtrics current export ("Understanding Your Dataset"): row 1 field ids, row 2 texts in the
  survey's language, row 3 ``{"ImportId": ...}``. A multi-select question is one column of the
  chosen labels joined by commas ("Selected Choice" in row 2 when an "Other" choice takes text,
  whose words go to ``<qid>_<n>_TEXT``); a matrix is ``<qid>_1``, ``<qid>_2``... headed
  "stem - statement". CSV is UTF-8 with a BOM, TSV UTF-16 LE with a BOM and tabs (as Qualtrics
  writes it, for non-Latin text), XLSX one sheet of the same rows.
- Qualtrics legacy export: row 1 ``V1 .. V11`` then question ids, row 2 the system field names then
  the texts; multi-select is one ``1``-or-blank column per choice; Status and Finished are codes.
- SurveyMonkey "All Responses Data": row 1 metadata names and each question's text over its first
  column, row 2 blank under the metadata and the answer label under each question column.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from openpyxl import Workbook

KINDS = ("single", "multi", "matrix", "text", "embedded", "number")

# Qualtrics Status as choice text -> its code in a numeric-values export.
STATUS_CODES = {"IP Address": 0, "Survey Preview": 1, "Survey Test": 2, "Imported": 4, "Spam": 8,
                "Survey Preview Spam": 9, "Imported Spam": 12, "Offline": 16,
                "Offline Survey Preview": 17}

# Current export: field id, ImportId, row-2 label in English and in French.
_TZ = "America/Denver"
_SYSTEM = (
    ("StartDate", {"ImportId": "startDate", "timeZone": _TZ}, "Start Date", "Date de début"),
    ("EndDate", {"ImportId": "endDate", "timeZone": _TZ}, "End Date", "Date de fin"),
    ("Status", {"ImportId": "status"}, "Response Type", "Type de réponse"),
    ("IPAddress", {"ImportId": "ipAddress"}, "IP Address", "Adresse IP"),
    ("Progress", {"ImportId": "progress"}, "Progress", "Progression"),
    ("Duration (in seconds)", {"ImportId": "duration"}, "Duration (in seconds)",
     "Durée (en secondes)"),
    ("Finished", {"ImportId": "finished"}, "Finished", "Terminé"),
    ("RecordedDate", {"ImportId": "recordedDate", "timeZone": _TZ}, "Recorded Date",
     "Date d'enregistrement"),
    ("ResponseId", {"ImportId": "_recordId"}, "Response ID", "ID de réponse"),
    ("RecipientLastName", {"ImportId": "recipientLastName"}, "Recipient Last Name",
     "Nom du destinataire"),
    ("RecipientFirstName", {"ImportId": "recipientFirstName"}, "Recipient First Name",
     "Prénom du destinataire"),
    ("RecipientEmail", {"ImportId": "recipientEmail"}, "Recipient Email",
     "E-mail du destinataire"),
    ("ExternalReference", {"ImportId": "externalDataReference"}, "External Data Reference",
     "Référence de données externes"),
    ("LocationLatitude", {"ImportId": "locationLatitude"}, "Location Latitude",
     "Latitude de l'emplacement"),
    ("LocationLongitude", {"ImportId": "locationLongitude"}, "Location Longitude",
     "Longitude de l'emplacement"),
    ("DistributionChannel", {"ImportId": "distributionChannel"}, "Distribution Channel",
     "Canal de distribution"),
    ("UserLanguage", {"ImportId": "userLanguage"}, "User Language", "Langue de l'utilisateur"),
)
# Legacy export: the system fields under V1..V11, in the order of the legacy dataset page.
_LEGACY_SYSTEM = ("ResponseID", "ResponseSet", "IPAddress", "StartDate", "EndDate",
                  "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                  "ExternalDataReference", "Finished", "Status")
_SM_METADATA = ("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
                "Email Address", "First Name", "Last Name", "Custom Data 1")
_SM_COLLECTOR = "431276845"


@dataclass(frozen=True)
class Question:
    """One question of a fixture survey.

    kind is one of :data:`KINDS`; ``choices`` are the answer options (single, multi, matrix scale),
    ``rows`` the statements of a matrix. An "embedded" question is an embedded-data field
    (Qualtrics) or custom variable (SurveyMonkey) whose ``qid`` is its name. A choice whose label
    starts with "Other" takes typed text, given in a response under ``<qid>_TEXT``. ``text_fr`` is
    the French wording written by ``language="fr"``.
    """

    qid: str
    text: str
    kind: str
    choices: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    text_fr: str = ""


def _other(q: Question) -> int | None:
    """1-based position of the choice that takes typed text, if any."""
    for i, choice in enumerate(q.choices, 1):
        if choice.lower().startswith("other"):
            return i
    return None


def _code(q: Question, choice: str) -> str:
    """A choice's numeric-values code: its position, or itself for a 0-10 style scale of numbers
    (Qualtrics' NPS question recodes 0-10 to themselves)."""
    if all(c.lstrip("-").isdigit() for c in q.choices):
        return choice
    return str(q.choices.index(choice) + 1)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


# --- Qualtrics ------------------------------------------------------------------------------------

def _qualtrics_columns(questions, language, legacy):
    """(id, row-2 text, ImportId, cell function) for every question column, then embedded data."""
    cols, embedded = [], []
    for n, q in enumerate(questions, 1):
        text = q.text_fr if language == "fr" and q.text_fr else q.text
        qid_n = f"QID{n}"
        if q.kind == "embedded":
            embedded.append((q.qid, q.qid, {"ImportId": q.qid}, q, None))
        elif q.kind == "matrix":
            for j, statement in enumerate(q.rows, 1):
                cols.append((f"{q.qid}_{j}", f"{text} - {statement}", {"ImportId": f"{qid_n}_{j}"},
                             q, ("row", statement)))
        elif q.kind == "multi" and legacy:
            for j, choice in enumerate(q.choices, 1):
                cols.append((f"{q.qid}_{j}", f"{text}-{choice}", {"ImportId": f"{qid_n}_{j}"},
                             q, ("chose", choice)))
        elif q.kind == "multi":
            other = _other(q)
            label = f"{text} - Selected Choice" if other else text
            cols.append((q.qid, label, {"ImportId": qid_n}, q, ("list", None)))
        elif q.kind in ("text", "number"):
            cols.append((q.qid, text, {"ImportId": f"{qid_n}_TEXT"}, q, ("raw", None)))
        elif q.kind == "single":
            cols.append((q.qid, text, {"ImportId": qid_n}, q, ("one", None)))
        else:
            raise ValueError(f"unknown question kind {q.kind!r} for {q.qid}")
        if q.kind in ("single", "multi") and _other(q):
            j = _other(q)
            cols.append((f"{q.qid}_{j}_TEXT", f"{text} - {q.choices[j - 1]} - Text",
                         {"ImportId": f"{qid_n}_{j}_TEXT"}, q, ("other", None)))
    return cols + embedded


def _answer(q: Question, how, response: dict, numeric: bool) -> str:
    value = response.get(q.qid)
    kind, arg = how if how else ("raw", None)
    if kind == "other":
        return _text(response.get(f"{q.qid}_TEXT"))
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if kind == "row":
        chosen = value.get(arg)
        if chosen is None:
            return ""
        return _code(q, chosen) if numeric else chosen
    if kind == "chose":
        return "1" if arg in value else ""
    if kind == "list":
        ordered = [c for c in q.choices if c in value]
        return ",".join(_code(q, c) if numeric else c for c in ordered)
    if kind == "one":
        return _code(q, value) if numeric else value
    return _text(value)


def _system_value(field: str, response: dict, numeric: bool) -> str:
    value = response.get(field)
    if field == "Status" and numeric and value is not None:
        return str(STATUS_CODES[value])
    if field == "Finished" and value is not None and numeric:
        return "1" if value else "0"
    if field == "UserLanguage" and value is None:
        return "EN"
    return _text(value)


def qualtrics_rows(questions, responses, *, legacy=False, numeric=False,
                   language="en") -> list[list[str]]:
    """The cell rows of a Qualtrics export (headers then answers), before encoding."""
    cols = _qualtrics_columns(questions, language, legacy)
    if legacy:
        run = [f"V{i}" for i in range(1, len(_LEGACY_SYSTEM) + 1)]
        rows = [run + [c[0] for c in cols], list(_LEGACY_SYSTEM) + [c[1] for c in cols]]
        for r in responses:
            system = {"ResponseID": r.get("ResponseId"), "ResponseSet": "Default Response Set",
                      "Finished": "1" if r.get("Finished", True) else "0",
                      # the legacy exporter writes Status as a code: 0 normal, 1 preview...
                      "Status": str(STATUS_CODES[r.get("Status", "IP Address")])}
            cells = [_text(system.get(name, r.get(name))) for name in _LEGACY_SYSTEM]
            rows.append(cells + [_answer(q, how, r, numeric) for _, _, _, q, how in cols])
        return rows
    label = 3 if language == "fr" else 2
    rows = [[s[0] for s in _SYSTEM] + [c[0] for c in cols],
            [s[label] for s in _SYSTEM] + [c[1] for c in cols],
            [json.dumps(s[1], separators=(",", ":")) for s in _SYSTEM]
            + [json.dumps(c[2], separators=(",", ":")) for c in cols]]
    for r in responses:
        rows.append([_system_value(s[0], r, numeric) for s in _SYSTEM]
                    + [_answer(q, how, r, numeric) for _, _, _, q, how in cols])
    return rows


def write_qualtrics(path, questions, responses, *, legacy=False, numeric=False, fmt="csv",
                    language="en") -> Path:
    """Write a Qualtrics export of ``responses`` to ``path``.

    Parameters
    ----------
    questions : the survey's :class:`Question` list, in survey order.
    responses : dicts keyed by qid (matrix: qid -> {statement: choice}; multi: qid -> [choices];
        "Other" text: ``<qid>_TEXT``) plus system fields: Status (choice text, e.g. "Survey
        Preview"), Finished (bool), StartDate, EndDate, RecordedDate, ResponseId, IPAddress,
        Progress, "Duration (in seconds)", DistributionChannel, ExternalReference...
    legacy : the legacy exporter's two header rows instead of the current three.
    numeric : "Use numeric values" (choice codes, Status codes, Finished 1/0), not choice text.
    fmt : "csv" (UTF-8 with BOM), "tsv" (UTF-16 LE with BOM, tabs) or "xlsx".
    language : "en" or "fr"; French writes the system labels and the ``text_fr`` of questions in
        row 2 (row 1 ids stay as they are, as in Qualtrics).
    """
    rows = qualtrics_rows(questions, responses, legacy=legacy, numeric=numeric, language=language)
    return _write(Path(path), rows, fmt)


# --- SurveyMonkey ---------------------------------------------------------------------------------

def _sm_date(value) -> str:
    return value.strftime("%m/%d/%Y %I:%M:%S %p") if isinstance(value, datetime) else _text(value)


def surveymonkey_rows(questions, responses) -> list[list[str]]:
    """The cell rows of a SurveyMonkey "All Responses Data" export, before encoding."""
    top, sub, cells = list(_SM_METADATA), [""] * len(_SM_METADATA), []
    for q in questions:  # custom variables follow the metadata, with a blank second row
        if q.kind == "embedded":
            top.append(q.qid)
            sub.append("")
            cells.append(lambda r, q=q: _text(r.get(q.qid)))
    for q in questions:
        if q.kind == "embedded":
            continue
        if q.kind == "matrix":
            heads = list(q.rows)
            getters = [lambda r, q=q, s=s: _text((r.get(q.qid) or {}).get(s)) for s in q.rows]
        elif q.kind == "multi":
            heads, getters = [], []
            for choice in q.choices:
                if choice.lower().startswith("other"):
                    heads.append("Other (please specify)")
                    getters.append(lambda r, q=q, c=choice: _text(r.get(f"{q.qid}_TEXT"))
                                   if c in (r.get(q.qid) or []) else "")
                else:
                    heads.append(choice)
                    getters.append(lambda r, q=q, c=choice: c if c in (r.get(q.qid) or []) else "")
        elif q.kind == "single":
            heads = ["Response"]
            getters = [lambda r, q=q: _text(r.get(q.qid))]
            if _other(q):
                heads.append("Other (please specify)")
                getters.append(lambda r, q=q: _text(r.get(f"{q.qid}_TEXT")))
        elif q.kind in ("text", "number"):
            heads = ["Open-Ended Response"]
            getters = [lambda r, q=q: _text(r.get(q.qid))]
        else:
            raise ValueError(f"unknown question kind {q.kind!r} for {q.qid}")
        top += [q.text] + [""] * (len(heads) - 1)
        sub += heads
        cells += getters
    rows = [top, sub]
    for n, r in enumerate(responses):
        meta = [_text(r.get("RespondentID", 114000000000 + n)), _SM_COLLECTOR,
                _sm_date(r.get("StartDate")), _sm_date(r.get("EndDate")), _text(r.get("IPAddress")),
                "", "", "", ""]
        rows.append(meta + [get(r) for get in cells])
    return rows


def write_surveymonkey(path, questions, responses, *, fmt="csv") -> Path:
    """Write a SurveyMonkey "All Responses Data" export (CSV, UTF-8, or XLSX) to ``path``.

    A multi-select question has one column per option holding the option's label when chosen; an
    "Other" option becomes "Other (please specify)" holding the typed text (``<qid>_TEXT``).
    Every response given is written: SurveyMonkey's file has no status column to mark any of them.
    """
    if fmt == "tsv":
        raise ValueError("SurveyMonkey exports CSV or XLSX, not TSV")
    return _write(Path(path), surveymonkey_rows(questions, responses), fmt, bom=False)


# --- plain tables and encodings -------------------------------------------------------------------

def write_table(path, header, rows, *, fmt="csv") -> Path:
    """A client's own table: one header row, then the rows as given."""
    return _write(Path(path), [list(header)] + [list(r) for r in rows], fmt, bom=False)


def _write(path: Path, rows: list[list[str]], fmt: str, *, bom: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    elif fmt == "tsv":
        text = io.StringIO()
        csv.writer(text, delimiter="\t").writerows(rows)
        path.write_bytes(b"\xff\xfe" + text.getvalue().encode("utf-16-le"))  # LE byte-order mark
    elif fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        for row in rows:
            # Excel keeps whole numbers as numbers; everything else stays text.
            sheet.append([int(c) if c.isdigit() and len(c) < 10 else c for c in row])
        book.save(path)
    else:
        raise ValueError(f"unknown format {fmt!r}; use csv, tsv or xlsx")
    return path


# --- the demo client: Skylark Air -----------------------------------------------------------------

SAT = ("Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied",
       "Very satisfied")
AGREE = ("Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
         "Somewhat agree", "Agree", "Strongly agree")
RATING = ("Poor", "Fair", "Good", "Very good", "Excellent")
ASPECTS = ("Seat comfort", "Cabin crew", "Punctuality", "Booking website")
RIVALS = ("Northwind Airways", "Swift", "Bluecrest", "Aurora Jet", "Other")
CHANNELS = ("web", "app", "airport", "phone")
SEGMENTS = ("Economy", "Premium", "Business")

# How strongly each part of the experience moves the likelihood to recommend (latent scale).
_WEIGHTS = {"Seat comfort": 0.15, "Cabin crew": 0.25, "Punctuality": 0.55, "Booking website": 0.10,
            "ease": 0.35}
_COMMENTS = {
    "detractor": ("Two delays in a row and nobody told us why.", "The flight left an hour late.",
                  "Changing my booking online was a nightmare.", "Seats were cramped."),
    "passive": ("Fine overall, nothing special.", "On time, but the seat was uncomfortable.",
                "Good crew, average food."),
    "promoter": ("Friendly crew and we landed early!", "Always on time, easy to book.",
                 "Best short-haul airline I have flown."),
}


def passenger_questions() -> list[Question]:
    """The Skylark Air passenger survey: three embedded fields and seven questions."""
    return [
        Question("CustomerID", "CustomerID", "embedded"),
        Question("Channel", "Channel", "embedded"),
        Question("Segment", "Segment", "embedded"),
        Question("Q1", "How likely are you to recommend Skylark Air to a friend or colleague?",
                 "single", tuple(str(i) for i in range(11)),
                 text_fr="Quelle est la probabilité que vous recommandiez Skylark Air à un ami ou "
                         "un collègue ?"),
        Question("Q2", "Overall, how satisfied are you with Skylark Air?", "single", SAT,
                 text_fr="Dans l'ensemble, êtes-vous satisfait de Skylark Air ?"),
        Question("Q3", "Skylark Air made it easy to handle my booking.", "single", AGREE,
                 text_fr="Skylark Air m'a facilité la gestion de ma réservation."),
        Question("Q4", "How would you rate the following?", "matrix", RATING, ASPECTS,
                 text_fr="Comment évalueriez-vous les éléments suivants ?"),
        Question("Q5", "Which other airlines did you consider?", "multi", RIVALS,
                 text_fr="Quelles autres compagnies avez-vous envisagées ?"),
        Question("Q6", "What is the main reason for your score?", "text",
                 text_fr="Quelle est la raison principale de votre note ?"),
        Question("Q7", "What is your age?", "number", text_fr="Quel est votre âge ?"),
    ]


def _band(z: float, cuts: tuple[float, ...], labels: tuple[str, ...]) -> str:
    return labels[int(np.searchsorted(cuts, z))]


def passenger_survey(n: int = 300, seed: int = 7) -> tuple[list[Question], list[dict]]:
    """A fictional airline client's passenger survey: questions and ``n + 3`` responses.

    Deterministic per seed. What the answers contain (planted, each with a test):

    - 3 survey previews first (Status "Survey Preview", DistributionChannel "preview", Finished
      True, dated before fieldwork), then ``n`` real responses (Status "IP Address", channel
      "anonymous") from 1 March to 31 May 2025.
    - ``n // 20`` real responses are unfinished (15 of 300): Finished False, Progress 20-60, with
      Q1-Q3 answered, the first two Q4 rows at most, and nothing after.
    - NPS (Q1, 0-10) rises with punctuality most, then ease of booking (Q3), cabin crew, seat
      comfort and the booking website, so Punctuality is the Q4 rating most correlated with Q1.
      Q2 satisfaction follows the same latent experience.
    - Business passengers (15%) rate seat comfort and cabin crew higher; channel is web 40%,
      app 30%, airport 20%, phone 10%.
    - Q5 lists fictional rivals; "Swift" (an ordinary word) is ticked by about 30%, "Other" by
      about 6% with a name typed in ``Q5_TEXT``; some tick nothing.
    - Q6 comments match the NPS band; about 15% leave it blank. Q7 age is 18-85, about 3% blank.
    """
    rng = np.random.default_rng(seed)
    questions = passenger_questions()
    start = datetime(2025, 3, 1)
    responses = [_preview(i, rng) for i in range(3)]
    unfinished = set(rng.choice(n, size=n // 20, replace=False).tolist())
    for i in range(n):
        segment = SEGMENTS[int(rng.choice(3, p=(0.60, 0.25, 0.15)))]
        channel = CHANNELS[int(rng.choice(4, p=(0.4, 0.3, 0.2, 0.1)))]
        lift = 0.5 if segment == "Business" else 0.0
        z = {"Seat comfort": rng.normal(lift, 1), "Cabin crew": rng.normal(lift, 1),
             "Punctuality": rng.normal(0, 1), "Booking website": rng.normal(0, 1)}
        z["ease"] = 0.6 * z["Booking website"] + 0.8 * rng.normal(0, 1)
        latent = sum(_WEIGHTS[k] * v for k, v in z.items()) + rng.normal(0, 0.35)
        nps = int(np.clip(round(7.5 + 2.2 * latent), 0, 10))
        began = start + timedelta(minutes=int(rng.integers(0, 92 * 24 * 60)))
        seconds = int(rng.integers(150, 900))
        r = {
            "StartDate": began, "EndDate": began + timedelta(seconds=seconds),
            "RecordedDate": began + timedelta(seconds=seconds), "Status": "IP Address",
            "IPAddress": f"203.0.113.{int(rng.integers(1, 255))}", "Progress": 100,
            "Duration (in seconds)": seconds, "Finished": True, "ResponseId": _response_id(rng),
            "DistributionChannel": "anonymous", "UserLanguage": "EN",
            "CustomerID": f"SKY{100000 + i}", "Channel": channel, "Segment": segment,
            "Q1": str(nps),
            "Q2": _band(latent + rng.normal(0, 0.3), (-1.0, -0.4, 0.3, 0.9), SAT),
            "Q3": _band(z["ease"], (-1.5, -0.9, -0.4, 0.1, 0.6, 1.2), AGREE),
            "Q4": {a: _band(z[a], (-1.2, -0.4, 0.4, 1.2), RATING) for a in ASPECTS},
        }
        chosen = [c for c, p in zip(RIVALS, (0.25, 0.30, 0.20, 0.15, 0.06)) if rng.random() < p]
        r["Q5"] = chosen
        if "Other" in chosen:
            r["Q5_TEXT"] = str(rng.choice(("Coastal Hopper", "Pinewood Air", "Meridian Wings")))
        band = "promoter" if nps >= 9 else "passive" if nps >= 7 else "detractor"
        if rng.random() >= 0.15:
            r["Q6"] = str(rng.choice(_COMMENTS[band]))
        if rng.random() >= 0.03:
            r["Q7"] = int(rng.integers(18, 86))
        if i in unfinished:
            _cut_short(r, rng)
        responses.append(r)
    return questions, responses


def _response_id(rng) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "R_" + "".join(letters[int(k)] for k in rng.integers(0, len(letters), 15))


def _preview(i: int, rng) -> dict:
    began = datetime(2025, 2, 26, 10 + i, 5)
    return {"StartDate": began, "EndDate": began + timedelta(minutes=4),
            "RecordedDate": began + timedelta(minutes=4), "Status": "Survey Preview",
            "IPAddress": "", "Progress": 100, "Duration (in seconds)": 240, "Finished": True,
            "ResponseId": _response_id(rng), "DistributionChannel": "preview",
            "CustomerID": "", "Channel": "web", "Segment": "Economy", "Q1": "10",
            "Q2": "Very satisfied", "Q3": "Strongly agree",
            "Q4": {a: "Excellent" for a in ASPECTS}, "Q5": ["Swift"], "Q6": "test test", "Q7": 40}


def _cut_short(r: dict, rng) -> None:
    """Make a response unfinished: closed after Q3 and part of Q4."""
    r["Finished"] = False
    r["Progress"] = int(rng.integers(20, 61))
    kept = int(rng.integers(0, 3))
    r["Q4"] = {a: r["Q4"][a] for a in ASPECTS[:kept]}
    for key in ("Q5", "Q5_TEXT", "Q6", "Q7"):
        r.pop(key, None)
