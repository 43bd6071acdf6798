"""The charts of a run's client reports, as pictures for slides.

Each chart a report shows carries, in its notebook output's metadata, which chart it is
(:data:`cxlib.report.display.EXHIBIT_KEY`: its source id, its title and the source line under it);
:func:`report_charts` reads them from the executed notebooks of a run folder, keeping only the
outputs that reach the client's PDF (the renderer's own filter, :func:`cxlib.exports.tables.client_notebook`).
:func:`slide_picture` lifts the title out of a chart's SVG (``<g id="cx-title">``, set by
:func:`cxlib.charts.canvas.titles`) and draws the rest as a PNG (:func:`rasterize`). No chart is
drawn again from the data: the slide shows the picture the report shows.
"""
from __future__ import annotations

import base64
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cxlib.charts.canvas import TITLE_ID
from cxlib.steps import ENGAGEMENT, STEPS

DPI = 200
#: Room kept above a chart whose title was lifted out, inches (the notebook's crop keeps 0.1 in).
TOP_MARGIN = 0.1
_UNITS = {"pt": 1.0, "px": 0.75, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "": 0.75}


@dataclass(frozen=True)
class ReportChart:
    """A chart as a client report shows it.

    Attributes
    ----------
    svg : the drawing, spelt for the report's locale as the report prints it.
    title : its title as the report prints it.
    source : the source line printed under it.
    """

    svg: str
    title: str
    source: str


@dataclass(frozen=True)
class Picture:
    """A chart ready for a slide: the PNG at :data:`DPI` without its title, and its size in pixels."""

    png: bytes
    width: int
    height: int


def report_charts(run_dir: str | os.PathLike, *, locale: str = "en-GB") -> dict[tuple[int, str], ReportChart]:
    """The first chart of each source id in each client report of a run folder, keyed by the
    report's step number (0 the engagement report) and the source id, so that a finding gets the
    chart of its own step.

    Only charts that reach the client's PDF count, never one on a page for internal use (those name
    customers or agents), and only charts with a title (the slide sets it as its own).

    Parameters
    ----------
    run_dir : the run folder, holding the executed notebooks (``NN_name.ipynb``).
    locale : the reports' spelling.
    """
    import nbformat

    from cxlib.exports.tables import client_notebook, failed
    from cxlib.report.display import EXHIBIT_KEY

    found: dict[str, ReportChart] = {}
    for step in (ENGAGEMENT, *STEPS):
        path = Path(run_dir) / step.notebook
        if not path.is_file():
            continue
        executed = nbformat.read(path, as_version=4)
        if failed(executed):  # a report that failed has no PDF: none of its charts go on a slide
            continue
        nb = client_notebook(executed, locale=locale, internal_pages=False)
        for cell in nb.cells:
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                tag = output.get("metadata", {}).get(EXHIBIT_KEY) or {}
                svg = output.get("data", {}).get("image/svg+xml")
                if not (tag.get("title") and svg):
                    continue
                # a finding names the function behind its figures: the finding the section's
                # result states, or the analysis the section ran; the first chart of each is kept
                for key in (tag.get("source"), tag.get("analysis")):
                    if key and (step.number, key) not in found:
                        found[(step.number, key)] = ReportChart(svg, tag["title"], tag.get("source_line", ""))
    return found


def untitled(svg: str) -> str:
    """The SVG without its title group (``<g id="cx-title">`` and all it holds); unchanged when it
    has none."""
    start = svg.find(f'<g id="{TITLE_ID}"')
    if start < 0:
        return svg
    depth = 0
    for tag in re.finditer(r"<g[\s>]|</g>", svg[start:]):
        depth += -1 if tag.group() == "</g>" else 1
        if depth == 0:
            return svg[:start] + svg[start + tag.end():]
    return svg


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height of an SVG drawing in points, from its root's ``width`` and ``height``
    (pt, px, in, mm, cm; a bare number is px), else its ``viewBox`` in px."""
    root = re.search(r"<svg\b[^>]*>", svg)
    if root is None:
        raise ValueError("not an SVG drawing")
    attrs = dict(re.findall(r'([\w:-]+)="([^"]*)"', root.group()))
    sizes = [re.fullmatch(r"\s*([\d.]+)\s*(pt|px|in|mm|cm|)\s*", attrs.get(name, "")) for name in ("width", "height")]
    if all(sizes):
        return tuple(float(m.group(1)) * _UNITS[m.group(2)] for m in sizes)
    box = [float(v) for v in re.split(r"[\s,]+", attrs.get("viewBox", "").strip()) if v]
    if len(box) != 4:
        raise ValueError("the SVG drawing states no size")
    return box[2] * _UNITS["px"], box[3] * _UNITS["px"]


def rasterize(svg: str, *, dpi: int = DPI) -> bytes:
    """An SVG drawing as a PNG of ``dpi`` pixels an inch, drawn as the PDF reports draw it.

    WeasyPrint lays the drawing out alone on a page of its own size (margin 0) and pdfium paints
    that page, on white.
    """
    import pypdfium2 as pdfium
    from weasyprint import HTML

    width, height = svg_size(svg)
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    page = (f"<style>@page {{ size: {width}pt {height}pt; margin: 0 }} html, body {{ margin: 0; padding: 0 }} "
            f"img {{ display: block; width: {width}pt; height: {height}pt }}</style><img src=\"{uri}\" alt=\"\">")
    document = pdfium.PdfDocument(HTML(string=page).write_pdf())
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def slide_picture(chart: ReportChart, *, dpi: int = DPI) -> Picture:
    """The chart without its title, as a PNG: the blank band the title leaves is cut down to
    :data:`TOP_MARGIN`."""
    from PIL import Image, ImageChops

    image = Image.open(io.BytesIO(rasterize(untitled(chart.svg), dpi=dpi))).convert("RGB")
    drawn = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
    top = max(0, drawn[1] - round(TOP_MARGIN * dpi)) if drawn else 0
    if top:
        image = image.crop((0, top, image.width, image.height))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return Picture(buffer.getvalue(), image.width, image.height)
