"""Answer scales written in words, and how they become the contract's numbers.

Survey tools export the words respondents saw ("Very satisfied", "Strongly agree") unless numeric
values were asked for. A word scale is recognised only when every answer in the column belongs to
one known scale and no other known scale fits as well: two scales that fit equally ("Agree" is on the
5- and the 7-point agreement scale) are ambiguous, and a person decides.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Each scale lowest first; the code of a word is its position from 1.
WORD_SCALES: dict[str, tuple[str, ...]] = {
    "5-point satisfaction": ("Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
                             "Satisfied", "Very satisfied"),
    "5-point satisfaction (somewhat)": ("Very dissatisfied", "Somewhat dissatisfied",
                                        "Neither satisfied nor dissatisfied", "Somewhat satisfied",
                                        "Very satisfied"),
    "7-point agreement": ("Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
                          "Somewhat agree", "Agree", "Strongly agree"),
    "5-point agreement": ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                          "Strongly agree"),
    "5-point quality": ("Poor", "Fair", "Good", "Very good", "Excellent"),
    "4-point quality": ("Poor", "Fair", "Good", "Excellent"),
    "7-point ease": ("Very difficult", "Difficult", "Somewhat difficult", "Neither easy nor difficult",
                     "Somewhat easy", "Easy", "Very easy"),
    "5-point ease": ("Very difficult", "Difficult", "Neither easy nor difficult", "Easy", "Very easy"),
    "5-point mood": ("Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"),
    "5-point likelihood": ("Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely", "Very likely"),
}
YES_NO: dict[str, bool | None] = {"yes": True, "no": False, "y": True, "n": False, "maybe": None,
                                  "not sure": None, "don't know": None, "unsure": None}
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})\s*(?:[-–=:.)]\s*)?\D*$")
_TRAILING_NUMBER = re.compile(r"^\D*?\s(\d{1,2})\s*$")


@dataclass(frozen=True)
class ScaleMatch:
    """A column's answers read as a known scale: each answer word and its code."""

    name: str
    codes: dict[str, int]
    points: int

    @property
    def low(self) -> int:
        return 1

    @property
    def high(self) -> int:
        return self.points


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def match_word_scale(values: Iterable[str]) -> tuple[ScaleMatch | None, str]:
    """The one known word scale holding every answer, and why (or why none).

    Several scales may hold the answers seen ("Poor, Fair, Good, Excellent" are on the 4- and the
    5-point quality scale); when they would code an answer differently the match is ambiguous and
    a person declares the recode.

    Parameters
    ----------
    values : the distinct non-blank answers of a column.
    """
    answers = {str(v).strip() for v in values if str(v).strip()}
    if not answers:
        return None, "no answers"
    fits = []
    for name, words in WORD_SCALES.items():
        position = {_fold(w): i for i, w in enumerate(words, start=1)}
        if all(_fold(a) in position for a in answers):
            codes = {a: position[_fold(a)] for a in sorted(answers, key=lambda a: position[_fold(a)])}
            fits.append((name, codes, len(words)))
    if not fits:
        return None, "not a known word scale"
    codings = {tuple(sorted(codes.items())) + (points,) for _, codes, points in fits}
    if len(codings) > 1:
        names = " or the ".join(name for name, _, _ in fits[:3])
        return None, f"the answers fit the {names} scale, which code them differently; declare the recode"
    name, codes, points = fits[0]
    return ScaleMatch(name, codes, points), f"answers are the {name} scale"


def numbered_labels(values: Iterable[str]) -> dict[str, int] | None:
    """Labels that carry their number ("0 - Not at all likely", "Extremely likely 10"), read as it."""
    codes = {}
    for value in values:
        text = str(value).strip()
        if text.isdigit():
            continue
        match = _LEADING_NUMBER.match(text) or _TRAILING_NUMBER.match(text)
        if not match:
            return None
        codes[text] = int(match.group(1))
    return dict(sorted(codes.items(), key=lambda kv: kv[1])) or None


def yes_no(values: Iterable[str]) -> dict[str, None] | None:
    """For yes/no answers, the recode of the undecided ones (maybe, don't know) to blank.

    Returns None when some answer is not a yes/no word, and an empty recode when none is undecided
    (the loader reads yes, no, true, false, 1 and 0 as they are).
    """
    folded = {str(v).strip(): _fold(v) for v in values if str(v).strip()}
    known = set(YES_NO) | {"true", "false", "1", "0", "t", "f"}
    if not folded or not all(f in known for f in folded.values()):
        return None
    return {original: None for original, f in folded.items() if f in YES_NO and YES_NO[f] is None}
