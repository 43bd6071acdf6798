"""The pack a partner signs unedited: full pages, the summary on one page, no method words before the
appendix, a source line under every chart, the client's spelling, and no individual named in a summary.

Every check reads the reports of one ``cx run`` of each demo profile (the session fixtures)."""
import re

import pandas as pd
import pytest

from cxlib.report import pages
from cxlib.report.pdf import ClientOutputFilter
from cxlib.report.record import read_result
from cxlib.steps import STEPS

REPORTS = ["00_engagement"] + [s.slug for s in STEPS]


@pytest.fixture(scope="module", params=["demo", "fernway"])
def run(request):
    done, client_reports = request.getfixturevalue(f"{request.param}_run")
    assert done.returncode == 0, done.stdout + done.stderr
    return request.param, client_reports / "latest"


def test_every_report_fills_its_pages_keeps_its_summary_on_one_page_and_its_methods_in_the_appendix(run):
    client, folder = run
    found = [line for name in REPORTS for line in pages.problems(folder / f"{name}.pdf")]
    assert found == [], f"{client}:\n" + "\n".join(found)


def test_every_chart_has_a_source_line_under_it(run):
    client, folder = run
    for name in REPORTS:
        html = (folder / f"{name}.html").read_text(encoding="utf-8")
        charts = html.count('class="cx-output cx-figure"')
        sources = re.findall(r'<p class="cx-source">Source: ([^<]+)</p>', html)
        assert len(sources) == charts, f"{client} {name}: {charts} charts, {len(sources)} source lines"
        assert all(re.search(r"\d", s) for s in sources), f"{client} {name}: a source line without a count"


def test_the_reports_are_spelt_for_the_client_locale(run):
    client, folder = run
    # step 1's title: "How to become a customer-obsessed organisation"; demo is en-US, Fernway en-GB
    text = (folder / "01_obsession_audit.html").read_text(encoding="utf-8")
    want, not_want = ("organization", "organisation") if client == "demo" else ("organisation", "organization")
    assert want in text and not_want not in text.lower()


def test_no_summary_finding_or_recommendation_names_a_customer_or_an_agent(run, request):
    client, folder = run
    data = request.getfixturevalue(client)
    ids = set()
    for dataset, column in [("customers", "customer_id"), ("survey", "customer_id"), ("tickets", "agent_id"),
                            ("survey", "agent_id"), ("interactions", "customer_id")]:
        frame = data.frames.get(dataset)
        if frame is not None and column in frame:
            ids |= set(frame[column].dropna().astype(str))
    assert len(ids) > 100
    texts = [pages.page_texts(folder / f"{name}.pdf")[1] for name in REPORTS]
    for step in STEPS:
        result = read_result(folder / f"{step.slug}.result.json")
        texts += [f.text for f in result.findings]
        texts += [f"{r.action} {r.rationale}" for r in result.recommendations]
    named = {token for text in texts for token in re.findall(r"[A-Z]{1,3}-?\d{3,}", text) if token in ids}
    assert named == set()


def _notebook(*cells):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def test_internal_cells_are_marked_or_left_out_as_client_yml_says():
    import nbformat

    title = nbformat.v4.new_markdown_cell("# Title\n\nThe introduction.")
    agents = nbformat.v4.new_markdown_cell("Agent AG-117 answered 40 tickets.")
    agents.metadata["tags"] = ["internal"]
    summary = nbformat.v4.new_markdown_cell("## Summary")
    summary.metadata["tags"] = ["summary"]
    appendix = nbformat.v4.new_markdown_cell("## How we measured")
    appendix.metadata["tags"] = ["appendix"]
    kept, _ = ClientOutputFilter().preprocess(_notebook(title, agents, summary, appendix), {})
    sources = [c.source for c in kept.cells]
    # the title alone opens the summary page; its introduction opens the body, after a forced break
    assert sources == ["# Title", "## Summary", "The introduction.", "Agent AG-117 answered 40 tickets.",
                       "## How we measured"]
    assert kept.cells[2].metadata["cx_break"] == pages.SUMMARY_END
    assert kept.cells[3].metadata["cx_internal"] is True
    assert kept.cells[4].metadata["cx_break"] == pages.APPENDIX
    left, _ = ClientOutputFilter(internal_pages=False).preprocess(
        _notebook(title, agents, summary, appendix), {})
    assert "AG-117" not in " ".join(c.source for c in left.cells)


def test_spelling_changes_words_but_never_markup_or_quotes():
    import nbformat

    chart = nbformat.v4.new_code_cell("")
    chart.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<p style="color: red">The organization favors color</p>'})]
    quote = nbformat.v4.new_code_cell("")
    quote.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<blockquote class="cx-quote"><p>“The color of the box was wrong”</p></blockquote>'})]
    kept, _ = ClientOutputFilter(locale="en-GB").preprocess(_notebook(chart, quote), {})
    assert kept.cells[0].outputs[0]["data"]["text/html"] == '<p style="color: red">The organisation favours colour</p>'
    assert "The color of the box" in kept.cells[1].outputs[0]["data"]["text/html"]


def test_the_page_check_finds_a_short_page_and_allows_one_before_a_forced_break():
    fills = [pages.PageFill(1, 0.7, False), pages.PageFill(2, 0.3, False), pages.PageFill(3, 0.2, True),
             pages.PageFill(4, 0.9, False), pages.PageFill(5, 0.4, False), pages.PageFill(6, 0.1, False)]
    # page 2 ends where a forced break starts page 3, and page 6 is the last; page 3 itself is short
    assert [p.page for p in pages.short_pages(fills)] == [3, 5]


def test_the_client_benchmarks_are_read_from_client_yml():
    from cxlib.config import validate_config

    raw = {"name": "Acme", "slug": "acme", "industry": "Retail", "consultant": "A",
           "period": {"start": "2026-01-01", "end": "2026-03-31"},
           "benchmarks": [{"metric": "Social response rate", "value": 42, "unit": "%", "source": "Ofcom 2026"}]}
    config = validate_config(raw)
    assert config.benchmark("social response rate").value == 42
    assert config.benchmark("csat") is None
    assert config.locale == "en-GB" and config.internal_pages is True
    with pytest.raises(Exception, match="locale"):
        validate_config({**raw, "locale": "fr-FR"})


@pytest.mark.parametrize("lead", [30, 34, 38, 42])
def test_tables_never_leave_one_or_two_rows_alone_on_a_page(lead):
    from weasyprint import HTML

    from cxlib.report.display import COMPONENT_CSS, table_html

    # enough paragraphs before a 60-row table to put its natural break at varying rows
    filler = "".join(f"<p>Paragraph {i}</p>" for i in range(lead))
    table = table_html(pd.DataFrame({"Row": [f"row{i:02d}" for i in range(60)], "Value": range(60)}), max_rows=60)
    document = HTML(string=f"<style>{COMPONENT_CSS} @page {{ size: A6 }}</style>{filler}{table}").render()
    counts = [len(re.findall(r"row\d\d", page_text)) for page_text in _texts(document)]
    assert sum(counts) == 60
    assert all(n == 0 or n >= 3 for n in counts), counts


def _texts(document) -> list[str]:
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(io.BytesIO(document.write_pdf()))
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


@pytest.mark.parametrize("name", REPORTS)
def test_every_notebook_has_the_reading_guide_and_ends_with_its_methods_appendix(name):
    import nbformat

    from cxlib.steps import WORKBOOKS

    cells = nbformat.read(WORKBOOKS / f"{name}.ipynb", as_version=4).cells
    sources = [c.source for c in cells]
    assert sum("report.show_reading_guide()" in s for s in sources) == 1
    appendix = [i for i, c in enumerate(cells) if "appendix" in c.metadata.get("tags", [])]
    assert len(appendix) == 1 and sources[appendix[0]] == "## How we measured"
    # after the appendix heading: method sections only (### headings), the summary and the sources
    later = [s for c, s in zip(cells[appendix[0] + 1:], sources[appendix[0] + 1:])
             if c.cell_type == "markdown" and "summary" not in c.metadata.get("tags", [])]
    assert all(s.startswith("### ") for s in later), later
    if name != "00_engagement":
        assert any("report.show_recommendations(result.step)" in s for s in sources[:appendix[0]])


def test_a_source_line_names_every_dataset_the_analysis_reads():
    from cxlib import sections

    survey = pd.DataFrame({"responded_at": pd.to_datetime(["2026-01-05", "2026-03-30"]), "nps": [9, 3]})
    contacts = pd.DataFrame({"occurred_at": pd.to_datetime(["2026-02-01"] * 3), "channel": ["chat"] * 3})
    frames = {"survey": survey, "interactions": contacts, "tickets": None}
    needs = sections.Needs("A test section", datasets=("survey",), columns=("nps",))
    section = sections.run_section(frames, lambda s, interactions=None, tickets=None: len(s), needs=needs,
                                   interactions=contacts, tickets=None)
    assert section.source == ("Source: survey, 2 answers, 5 Jan – 30 Mar 2026; contact log, 3 contacts, "
                              "1 Feb 2026.")


def test_a_table_caption_is_never_left_at_the_foot_of_a_page():
    from weasyprint import HTML

    from cxlib.report.display import COMPONENT_CSS, table_html

    table = table_html(pd.DataFrame({"Row": [f"row{i:02d}" for i in range(30)], "Value": range(30)}),
                       caption="The caption")
    for lead in (20, 22, 27, 33):  # table starts near an A6 page foot (20-22, 32-34 orphan the caption without the rule)
        filler = "".join(f"<p>Paragraph {i}</p>" for i in range(lead))
        texts = _texts(HTML(string=f"<style>{COMPONENT_CSS} @page {{ size: A6 }}</style>{filler}{table}").render())
        caption_page = next(i for i, t in enumerate(texts) if "The caption" in t)
        assert "row00" in texts[caption_page], f"caption alone at the foot of page {caption_page + 1} (lead {lead})"


def test_a_finding_stays_with_the_exhibit_it_introduces_but_not_with_the_next_section():
    import nbformat

    from cxlib.report.display import finding_html

    def outputs(*htmls):
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": h}) for h in htmls]
        return cell

    finding = finding_html("Email misses its target.")
    with_chart = outputs(finding, "<p>the chart</p>")
    ends_section = outputs(finding)
    next_section = nbformat.v4.new_markdown_cell("## The next section")
    kept, _ = ClientOutputFilter().preprocess(_notebook(with_chart, ends_section, next_section), {})
    assert kept.cells[0].outputs[0]["metadata"]["cx_lead"] is True
    assert kept.cells[1].outputs[0]["metadata"]["cx_lead"] is False
