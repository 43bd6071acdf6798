"""The whole engagement end to end: every step's PDF states its planted truths with their numbers.

One `cx run demo --jobs 2` of all seven steps, shared with test_end_to_end.py and test_notebooks.py
(conftest's ``demo_run``); the PDFs are read as a client reads them, through their extracted text.
"""
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import pdf_text

from cxlib.demo import PLANTED

CX = str(Path(sys.executable).with_name("cx"))
FORBIDDEN = ("Traceback", "In [", "import ", "<Axes", "<Figure", "NaN", "DataFrame", "Warning")

# Step -> sentences (regular expressions over whitespace-normalised PDF text) that carry the
# planted truths of the demo client, with their numbers.
TRUTHS = {
    1: [r"Leadership is overconfident on 2 of 10 practices",
        r"social monitoring \(self-assessment 5\.0, evidence 2\.0\) and seamless transitions "
        r"\(self-assessment 4\.5, evidence 3\.1\)"],
    2: [r"Nimbus Mobile, which is not on your competitor list, is considered by 49% of the 2,833 customers who "
        r"answered",
        r"Ease, the survey rating that goes most closely with NPS \(41% of the 6 ratings' joint link\), is where "
        r"Northstar Mobile trails Nimbus Mobile by 3\.6 points on the 0.10 competitor benchmark \(5\.0 against 8\.6\)",
        r"Northstar Mobile answers 38% of the 1,350 posts about it"],
    3: [r"Leadership rates the ease promise 4\.8 of 5 while 4,836 surveyed customers rate it 2\.8: a gap of 2\.0 points",
        r"Customers who rated SIM activation 1-2 of 5 \(69 of 317\) gave an NPS of -32 against \+48 for the rest",
        r"a gap of 80 points: the largest of the 13 touchpoint gaps compared"],
    4: [r"Gen Z \(18-24\) start 60% of their contacts on app or chat",
        r"Email misses its response target badly",
        r"Customers had to repeat information in 47% of 1,463 channel switches"],
    5: [r"Choice A earns 4/100",
        r"Choice B earns 100/100",
        r"the best raw average \(100/100\) rests on 4 replies and ranks 2nd once shrunk",
        r"Support sounds coldest on email"],
    6: [r"Leaders and the frontline see different companies on Clarity: 4\.2 vs 2\.6 out of 5",
        r"All 40 Engineering respondents never meet customer feedback",
        r"2 groups with fewer than 5 respondents \(HR leadership and HR manager\) are not shown"],
}



@pytest.fixture(scope="module")
def engagement(demo_run):
    done, reports = demo_run
    assert done.returncode == 0, done.stdout + done.stderr
    return reports / "latest"


def test_every_step_renders_and_records(engagement):
    manifest = json.loads((engagement / "manifest.json").read_text())
    assert manifest["status"] == "ok"
    assert [s["step"] for s in manifest["steps"]] == [0, 1, 2, 3, 4, 5, 6, 7]  # the engagement report first
    for step in manifest["steps"]:
        assert (engagement / step["files"]["pdf"]).stat().st_size > 20_000
        if not step["step"]:
            assert step["result"] is None  # the engagement report reads the steps' results, records none
            continue
        assert 0 <= step["result"]["score"] <= 100
        assert 3 <= len(step["result"]["findings"]) <= 5


@pytest.mark.parametrize("step", sorted(TRUTHS))
def test_pdf_states_the_planted_truths(engagement, step):
    (pdf,) = engagement.glob(f"0{step}_*.pdf")
    text = pdf_text(pdf)
    missing = [pattern for pattern in TRUTHS[step] if not re.search(pattern, text)]
    assert missing == [], f"{pdf.name} does not state: {missing}"


def test_no_pdf_shows_code_reprs_or_personal_data(engagement):
    for pdf in sorted(engagement.glob("*.pdf")):
        text = pdf_text(pdf)
        shown = [bad for bad in FORBIDDEN if bad in text]
        leaked = [pii for pii in PLANTED.pii if pii in text]
        assert (shown, leaked) == ([], []), pdf.name
