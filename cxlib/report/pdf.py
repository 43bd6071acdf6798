"""Executed step notebook -> client HTML (nbconvert, template ``templates/cx``) -> PDF (WeasyPrint).

The client sees a cover page, the notebook's markdown and its rich outputs (charts, the
``display`` helpers' blocks) and nothing else: no code, prompts, stderr, errors, object reprs,
empty cells, or cells tagged ``parameters``, ``injected-parameters`` or ``remove-cell``.
"""
from __future__ import annotations

import base64
import copy
import mimetypes
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor

from cxlib import atomic, wording
from cxlib.report import pages, theme
from cxlib.report.display import COMPONENT_CSS, STYLE_MARKER, brand_css_vars, on_colour

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
TEMPLATE_NAME = "cx"

#: Cells with this tag open the client report, right after its title.
SUMMARY_TAG = "summary"
#: Cells with these tags never reach the client.
HIDDEN_CELL_TAGS = frozenset({"parameters", "injected-parameters", "remove-cell"})
#: The cell with this tag (the "How we measured" heading) starts the report's appendix on a new page.
APPENDIX_TAG = "appendix"
#: Cells with this tag name individual customers or agents: marked for internal use, and left out of
#: the pack when client.yml says ``internal_pages: false``.
INTERNAL_TAG = "internal"
#: Output types, best first, that a report may show. Anything else (text/plain reprs, JavaScript,
#: widgets) is dropped.
DISPLAY_PRIORITY = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg"]


@dataclass(frozen=True)
class ReportMeta:
    """What the cover, running header and footer of a step report say, and the client's colours.

    ``confidentiality`` defaults to "Confidential — prepared for <client_name>. Not for
    distribution."; colours are normalised to ``#RRGGBB`` (a bad colour raises ValueError).
    """

    client_name: str
    step_number: int
    step_title: str
    period_label: str
    prepared_on: str
    consultant: str
    primary: str
    secondary: str
    accent: str
    logo: Path | None = None
    confidentiality: str = ""
    placement: str = ""  # how a step report places itself in the engagement, on its cover
    locale: str = "en-GB"  # the spelling of everything the report says
    internal_pages: bool = True  # keep the cells tagged "internal" (marked for internal use)

    @property
    def kicker(self) -> str:
        """The line above the title: "Step 4", or "Engagement report" for step 0."""
        return f"Step {self.step_number}" if self.step_number else "Engagement report"

    def __post_init__(self):
        for name in ("primary", "secondary", "accent"):
            object.__setattr__(self, name, theme.hex_colour(getattr(self, name)))
        if not self.confidentiality:
            object.__setattr__(
                self, "confidentiality",
                f"Confidential — prepared for {self.client_name}. Not for distribution.")
        if self.logo is not None:
            object.__setattr__(self, "logo", Path(self.logo))


class ClientOutputFilter(Preprocessor):
    """Keep what a client should read: markdown and rich outputs; drop everything else.

    Drops stderr streams, error outputs, outputs with only a ``text/plain`` repr (``<Axes: >``,
    ``<Figure ...>``), JavaScript/widget-only outputs, the style block of ``display.setup``, then
    every code cell left without output and every empty markdown or raw cell. Marks a markdown
    cell followed by an output with ``metadata.cx_leads_output`` so the template keeps them together,
    the first cell after the summary and the appendix heading with ``metadata.cx_break`` (a new page
    and its bookmark), and cells tagged ``internal`` with ``metadata.cx_internal`` (or drops them when
    the pack leaves internal pages out). Every text is spelt for the report's locale.
    """

    def __init__(self, locale: str = "en-GB", internal_pages: bool = True, **kw):
        super().__init__(**kw)
        self.locale = locale
        self.internal_pages = internal_pages

    def preprocess(self, nb, resources):
        kept = []
        cells = summary_first(nb.cells)
        summary = [c for c in cells if SUMMARY_TAG in _tags(c)]
        for cell in cells:
            if INTERNAL_TAG in _tags(cell):
                if not self.internal_pages:
                    continue
                cell.metadata["cx_internal"] = True
            if cell.cell_type == "code":
                cell.outputs = [out for out in cell.get("outputs", []) if _for_client(out)]
                if not cell.outputs:
                    continue
            elif cell.cell_type == "markdown":
                if not cell.source.strip():
                    continue
            else:  # raw and unknown cells are authoring notes, not report content
                continue
            _spell(cell, self.locale)
            kept.append(cell)
        after_summary = next((c for c in kept[kept.index(summary[-1]) + 1:]), None) \
            if summary and summary[-1] in kept else None
        for cell in kept:
            if cell is after_summary:
                cell.metadata["cx_break"] = pages.SUMMARY_END
            elif APPENDIX_TAG in _tags(cell):
                cell.metadata["cx_break"] = pages.APPENDIX
        for cell, following in zip(kept, kept[1:]):
            # text or a key finding right before an output introduces it: the template keeps the
            # two on one page
            cell.metadata["cx_leads_output"] = following.cell_type == "code" and (
                cell.cell_type == "markdown" or _ends_with_finding(cell))
        for cell in kept:
            # a key finding introduces the output after it, in its cell or the next code cell; one that
            # ends a section must not drag the next section's heading back to its page
            outputs = cell.get("outputs", []) if cell.cell_type == "code" else []
            for i, out in enumerate(outputs):
                if _is_finding(out):
                    last = i == len(outputs) - 1
                    out.setdefault("metadata", {})["cx_lead"] = not last or bool(cell.metadata.get("cx_leads_output"))
        nb.cells = kept
        return nb, resources


def _tags(cell) -> list:
    return cell.get("metadata", {}).get("tags", [])


_SPELT = ("text/html", "text/markdown", "image/svg+xml")


def _spell_markup(text: str, locale: str) -> str:
    # words between tags only: a style="color: ..." attribute is CSS, not English
    parts = re.split(r"(<[^>]*>)", text)
    return "".join(p if p.startswith("<") else wording.spelling(p, locale) for p in parts)


def _spell(cell, locale: str) -> None:
    """Spell a kept cell's text, and its outputs' text and chart labels, for ``locale``; customers'
    own words (quotes) are never respelt."""
    if cell.cell_type == "markdown":
        cell.source = _spell_markup(cell.source, locale)
        return
    for out in cell.outputs:
        data = out.get("data", {})
        if 'class="cx-quote' in str(data.get("text/html", "")):
            continue
        for mime in _SPELT:
            if isinstance(data.get(mime), str):
                data[mime] = _spell_markup(data[mime], locale)
        if out.get("output_type") == "stream":
            out["text"] = wording.spelling(str(out.get("text", "")), locale)


def summary_first(cells: list) -> list:
    """Cells tagged ``summary`` moved, in their order, to just after the report's ``#`` title.

    A step computes its scorecard last, but an executive reads it first. The title cell's
    introduction stays with the body (after the summary's page), so that the summary page holds the
    title and the summary only.
    """
    summary = [c for c in cells if SUMMARY_TAG in c.get("metadata", {}).get("tags", [])]
    if not summary:
        return list(cells)
    rest = [c for c in cells if c not in summary]
    title = next((i for i, c in enumerate(rest)
                  if c.cell_type == "markdown" and c.source.lstrip().startswith("# ")), None)
    if title is None:
        return summary + rest
    heading, _, intro = rest[title].source.lstrip().partition("\n")
    head = copy.deepcopy(rest[title])
    head.source = heading
    body = [head]
    if intro.strip():
        lead = copy.deepcopy(rest[title])
        lead.source = intro.strip()
        if "id" in lead:  # a notebook's cell ids are unique: the introduction is a cell of its own
            lead.id = f"{lead.id}-intro"
        body.append(lead)
    return rest[:title] + [head] + summary + body[1:] + rest[title + 1:]


def _is_finding(output) -> bool:
    return 'class="cx-finding"' in str(output.get("data", {}).get("text/html", ""))


def _ends_with_finding(cell) -> bool:
    last = cell.outputs[-1] if cell.get("outputs") else {}
    return 'class="cx-finding"' in str(last.get("data", {}).get("text/html", ""))


def _for_client(output) -> bool:
    kind = output.get("output_type")
    if kind == "stream":
        return output.get("name") == "stdout" and bool(str(output.get("text", "")).strip())
    if kind in ("display_data", "execute_result"):
        if output.get("metadata", {}).get(STYLE_MARKER):
            return False
        data = output.get("data", {})
        return any(str(data.get(mime, "")).strip() for mime in DISPLAY_PRIORITY)
    return False  # error, update_display_data, anything unknown


@lru_cache(maxsize=8)
def _exporter(locale: str = "en-GB", internal_pages: bool = True):
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TemplateExporter.exclude_raw = True
    config.TemplateExporter.exclude_unknown = True
    config.HTMLExporter.exclude_anchor_links = True
    config.NbConvertBase.display_data_priority = [*DISPLAY_PRIORITY, "text/plain"]
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_CELL_TAGS)
    config.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    exporter = HTMLExporter(config=config, template_name=TEMPLATE_NAME)
    exporter.register_preprocessor(ClientOutputFilter(locale=locale, internal_pages=internal_pages),
                                   enabled=True)
    return exporter


def _data_uri(path: Path) -> str | None:
    if not path.is_file():
        warnings.warn(f"logo {path} not found; the cover is drawn without it", stacklevel=3)
        return None
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _cover(meta: ReportMeta) -> dict:
    return {
        "client_name": meta.client_name,
        "step_number": meta.step_number,
        "kicker": meta.kicker,
        "placement": wording.spelling(meta.placement, meta.locale),
        "step_title": wording.spelling(meta.step_title, meta.locale),
        "period_label": meta.period_label,
        "prepared_on": meta.prepared_on,
        "consultant": meta.consultant,
        "confidentiality": meta.confidentiality,
        "primary": meta.primary,
        "secondary": meta.secondary,
        "accent": meta.accent,
        "on_primary": on_colour(meta.primary),
        "primary_text": theme.readable(meta.primary),
        "brand_vars": brand_css_vars(meta.primary, meta.secondary, meta.accent),
        "component_css": COMPONENT_CSS,
        "logo": _data_uri(meta.logo) if meta.logo is not None else None,
    }


def render_html(nb: nbformat.NotebookNode, meta: ReportMeta) -> str:
    """The client HTML of an executed notebook: cover page, then markdown and rich outputs only.

    Parameters
    ----------
    nb : the executed notebook (not modified).
    meta : cover, header/footer text and brand colours.
    """
    resources = {"cx": _cover(meta),
                 "metadata": {"name": f"{meta.client_name} — {meta.kicker}"}}
    html, _ = _exporter(meta.locale, meta.internal_pages).from_notebook_node(copy.deepcopy(nb), resources=resources)
    return html


def warm() -> None:
    """Build the exporters, compile the report template and lay out a small page once, before
    ``cx run`` forks the processes that render (each then starts with them ready)."""
    from weasyprint import HTML

    for locale in ("en-GB", "en-US"):
        render_html(nbformat.v4.new_notebook(), ReportMeta("", 1, "", "", "", "", theme.DEFAULT_PRIMARY,
                                                           theme.DEFAULT_SECONDARY, theme.DEFAULT_ACCENT,
                                                           locale=locale))
    HTML(string=f"<p style='font-family: {theme.FONT}'>Warm <b>up</b> <i>and</i> <code>go</code></p>").write_pdf()


def write_pdf(html: str, pdf_path: Path, *, base_url: Path | None = None) -> None:
    """Render ``html`` to ``pdf_path`` with WeasyPrint, atomically (no half-written PDF on failure).

    Parameters
    ----------
    html : a document from :func:`render_html`.
    pdf_path : the PDF to write; its folder is created.
    base_url : folder relative links and images resolve against.
    """
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=str(base_url) if base_url is not None else None).write_pdf()
    atomic.write_bytes(pdf_path, pdf)


def render_step(executed_nb: Path, html_path: Path, pdf_path: Path, meta: ReportMeta) -> None:
    """Write a step's client HTML and PDF from its executed notebook.

    Parameters
    ----------
    executed_nb : the notebook papermill wrote.
    html_path, pdf_path : the two deliverables; written atomically.
    meta : cover, header/footer text and brand colours.
    """
    executed_nb = Path(executed_nb)
    nb = nbformat.read(executed_nb, as_version=4)
    html = render_html(nb, meta)
    atomic.write_bytes(html_path, html.encode("utf-8"))
    write_pdf(html, Path(pdf_path), base_url=executed_nb.parent)
