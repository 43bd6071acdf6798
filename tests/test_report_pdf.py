"""The client PDF: cover, running header and footer, and nothing a client should not see.

The fixture notebook (tests/fixtures/report_step.ipynb) holds every kind of cell a step notebook
can have; it is executed once per session with a real kernel, then rendered with render_step.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from pypdf import PdfReader

from cxlib.report.pdf import ReportMeta, render_html, render_step, write_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "report_step.ipynb"

META = ReportMeta(
    client_name="Northstar Mobile", step_number=7, step_title="Measure what matters",
    period_label="1 Nov 2025 – 31 Oct 2026", prepared_on="14 November 2026",
    consultant="Dana Whitfield, CX Nirvana Partners",
    primary="#0B3C5D", secondary="#328CC1", accent="#D9B310",
)

# Text that exists only in places the client must never see.
HIDDEN = [
    "INJECTED_PARAMETER_MARKER",   # injected-parameters cell
    "client_root",                 # parameters cell
    "REMOVED_CELL",                # remove-cell cell (source and output)
    "STDERR_NOISE_MARKER",         # stderr stream
    "ERROR_OUTPUT_MARKER",         # error output
    "Traceback",
    "ValueError",
    "In [",
    "Out[",
    "NaN",
    "<Axes", "&lt;Axes",
    "<Figure", "&lt;Figure",
    "<object", "&lt;object",
    "report.setup",                # code
    "unused = 41",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    nb = nbformat.read(FIXTURE, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(FIXTURE.parent)}}).execute()
    executed = out / "07_metrics.ipynb"
    nbformat.write(nb, executed)
    html_path, pdf_path = out / "07_metrics.html", out / "07_metrics.pdf"
    render_step(executed, html_path, pdf_path, META)
    pages = [page.extract_text() for page in PdfReader(pdf_path).pages]
    html = html_path.read_text(encoding="utf-8")
    return {"html": html, "text_html": re.sub(r"data:[^\"]+", "", html),  # base64 can spell "NaN"
            "pages": pages,
            "executed": nb, "dir": out}


def test_the_fixture_really_has_the_noise_we_filter(rendered):
    # Guards the other tests: the executed notebook holds stderr, an error and raw reprs.
    outputs = [o for c in rendered["executed"].cells for o in c.get("outputs", [])]
    assert any(o.output_type == "stream" and o.name == "stderr" for o in outputs)
    assert any(o.output_type == "error" for o in outputs)
    assert any(o.get("data", {}).keys() == {"text/plain"} for o in outputs)


def test_cover_names_client_step_period_and_consultant(rendered):
    cover = rendered["pages"][0]
    for text in ("Northstar Mobile", "Measure what matters", "1 Nov 2025 – 31 Oct 2026",
                 "14 November 2026", "Dana Whitfield, CX Nirvana Partners"):
        assert text in cover
    assert "STEP 7" in cover  # set in small capitals


def test_cover_has_no_running_header_or_page_number(rendered):
    assert "Page 1 of" not in rendered["pages"][0]


def test_every_body_page_says_page_x_of_y_and_is_confidential(rendered):
    pages = rendered["pages"]
    assert len(pages) >= 2
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in text
        assert "Confidential — prepared for Northstar Mobile. Not for distribution." in text


def test_running_header_names_the_section_and_client(rendered):
    body = "\n".join(rendered["pages"][1:])
    # the ## headings are in sentence case; the header sets the current one in capitals
    sections = ("Customer loyalty", "Score distribution", "Data we could not use")
    assert any(section.upper() in body for section in sections)
    assert "Northstar Mobile · Step 7" in body


def test_finding_table_and_notes_reach_the_client(rendered):
    body = "\n".join(rendered["pages"][1:])
    assert "six points above last year" in body
    assert "NPS by segment" in body and "Consumer" in body and "1,204" in body
    assert "+26" in body and "75%" in body            # formats applied
    assert "which was not provided" in body
    assert "waited 40 minutes" in body


@pytest.mark.parametrize("text", HIDDEN)
def test_nothing_hidden_reaches_pdf_or_html(rendered, text):
    assert text not in "\n".join(rendered["pages"])
    assert text not in rendered["text_html"]


def test_chart_is_embedded_as_svg(rendered):
    assert rendered["html"].count('src="data:image/svg+xml;base64,') == 1


def test_chart_text_is_text_a_reader_can_search_and_copy(rendered):
    # matplotlib writes the chart's words as SVG text, not glyph outlines, so they reach the PDF's text
    text = re.sub(r"\s+", " ", " ".join(rendered["pages"]))
    assert "Promoters outnumber detractors two to one" in text


def test_cells_without_client_output_leave_no_block(rendered):
    # finding+table, KPIs, chart, missing note, quote, text: six output cells, nothing else
    assert rendered["html"].count('<div class="cx-cell">') == 6
    assert 'class="cx-output cx-stdout"' not in rendered["html"]


def test_brand_colours_reach_the_html(rendered):
    assert "--cx-primary: #0B3C5D" in rendered["html"]
    assert "--cx-accent: #D9B310" in rendered["html"]


# --- without a kernel ---------------------------------------------------------------------------
def _hand_made_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("secret = 'PARAM_SOURCE'", metadata={"tags": ["parameters"]})
    noisy = nbformat.v4.new_code_cell("noisy()")
    noisy.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="STDERR_TEXT\n"),
        nbformat.v4.new_output("error", ename="KeyError", evalue="ERR_VALUE",
                               traceback=["Traceback (most recent call last)", "KeyError: ERR_VALUE"]),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<Axes: >"}, execution_count=3),
    ]
    shown = nbformat.v4.new_code_cell("show()")
    shown.outputs = [nbformat.v4.new_output(
        "display_data", data={"text/html": '<div class="cx-finding">HAND_FINDING</div>',
                              "text/plain": "<IPython.core.display.HTML object>"})]
    nb.cells = [params, nbformat.v4.new_markdown_cell("## Hand section"), noisy, shown,
                nbformat.v4.new_markdown_cell("   ")]
    return nb


def test_hand_made_outputs_are_filtered_without_a_kernel():
    nb = _hand_made_notebook()
    html = render_html(nb, META)
    assert "HAND_FINDING" in html and "Hand section" in html
    for text in ("PARAM_SOURCE", "STDERR_TEXT", "ERR_VALUE", "Traceback", "&lt;Axes", "<Axes",
                 "IPython.core.display"):
        assert text not in html
    assert html.count('<div class="cx-cell">') == 1
    assert '<div class="cx-md cx-lead">' in html  # the heading stays on the page of its output
    assert len(nb.cells[2].outputs) == 3  # the caller's notebook is left alone


def test_failed_render_keeps_the_previous_pdf_and_leaves_no_temp_file(tmp_path, monkeypatch):
    import weasyprint

    pdf = tmp_path / "07_metrics.pdf"
    pdf.write_bytes(b"%PDF-previous")

    def broken(self, *args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(RuntimeError):
        write_pdf("<html><body>x</body></html>", pdf)
    assert pdf.read_bytes() == b"%PDF-previous"
    assert [p.name for p in tmp_path.iterdir()] == ["07_metrics.pdf"]


def test_meta_defaults_confidentiality_and_normalises_colours():
    meta = ReportMeta(client_name="Acme", step_number=1, step_title="Listen", period_label="2026",
                      prepared_on="1 May 2026", consultant="C", primary="0b3c5d",
                      secondary="#abc", accent="#D9B310")
    assert meta.confidentiality == "Confidential — prepared for Acme. Not for distribution."
    assert (meta.primary, meta.secondary) == ("#0B3C5D", "#AABBCC")


def test_meta_rejects_a_colour_that_would_break_the_css():
    with pytest.raises(ValueError):
        ReportMeta(client_name="Acme", step_number=1, step_title="Listen", period_label="2026",
                   prepared_on="1 May 2026", consultant="C", primary="red; } body {",
                   secondary="#abc", accent="#D9B310")


def test_logo_is_embedded_in_the_cover(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"/>')
    meta = ReportMeta(**{**META.__dict__, "logo": logo})
    html = render_html(_hand_made_notebook(), meta)
    assert re.search(r'class="cx-cover-logo">\s*<img[^>]* src="data:image/svg\+xml;base64,', html)


def test_summary_cells_open_the_report_right_after_the_title():
    from nbformat.v4 import new_code_cell, new_markdown_cell

    from cxlib.report.pdf import summary_first

    cells = [new_code_cell("params"), new_markdown_cell("# Title"), new_markdown_cell("## A"),
             new_markdown_cell("## Scorecard", metadata={"tags": ["summary"]}),
             new_code_cell("record", metadata={"tags": ["summary"]}), new_markdown_cell("## B")]
    assert [c.source for c in summary_first(cells)] == ["params", "# Title", "## Scorecard", "record",
                                                        "## A", "## B"]
    assert [c.source for c in summary_first(cells[:3])] == ["params", "# Title", "## A"]
