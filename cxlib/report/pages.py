"""How full each page of a rendered report is: the check behind "no page left half empty".

A report page is drawn at low resolution and the lowest inked row of its body (inside the margins of
``templates/cx/static/cx.css``, so the running header and footer do not count) gives the share of the
body the page uses. A page may be short only where the layout forces a break after it: the cover, the
summary's page, the page before the appendix, and the last page. Forced breaks carry a PDF bookmark
(:data:`BREAK_BOOKMARKS`), which is how this check finds them in the PDF itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: A4, and the page margins of cx.css (top, bottom), in millimetres.
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 25.0
MARGIN_BOTTOM_MM = 22.0
#: The least share of the body a page must fill unless a forced break follows it.
MIN_FILL = 0.5
#: Bookmarks the template sets on the elements that start a page by force.
SUMMARY_END = "The findings in detail"
APPENDIX = "How we measured"
BREAK_BOOKMARKS = (SUMMARY_END, APPENDIX)


@dataclass(frozen=True)
class PageFill:
    """One page: its number (1 = cover), the share of its body in use, and whether a forced break
    starts it."""

    page: int
    used: float
    forced: bool


def page_fill(pdf_path: str | Path, dpi: int = 36) -> list[PageFill]:
    """Every page of a report PDF with the share of its body in use.

    Parameters
    ----------
    pdf_path : a report written by :func:`cxlib.report.pdf.write_pdf`.
    dpi : drawing resolution; 36 dpi places the lowest line within 0.7 mm.
    """
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        forced = set()
        for item in pdf.get_toc():
            dest = item.get_dest()
            if item.get_title().strip() in BREAK_BOOKMARKS and dest is not None:
                forced.add(dest.get_index())
        pages = []
        for index in range(len(pdf)):
            ink = pdf[index].render(scale=dpi / 72, grayscale=True).to_numpy()
            ink = ink if ink.ndim == 2 else ink[..., 0]
            mm = ink.shape[0] / PAGE_HEIGHT_MM
            # a millimetre inside each margin: the header rule sits on the margin's edge
            top, bottom = round((MARGIN_TOP_MM + 1) * mm), round((PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM - 1) * mm)
            rows = np.flatnonzero((ink[top:bottom] < 235).any(axis=1))
            used = (rows[-1] + 1) / (bottom - top) if len(rows) else 0.0
            pages.append(PageFill(index + 1, round(float(used), 3), index in forced))
        return pages
    finally:
        pdf.close()


def short_pages(fills: list[PageFill], minimum: float = MIN_FILL) -> list[PageFill]:
    """The pages under ``minimum`` that no forced break explains: not the cover, not the last page,
    not a page the next page's forced break ends."""
    short = []
    for fill, after in zip(fills[1:-1], fills[2:]):
        if fill.used < minimum and not after.forced:
            short.append(fill)
    return short


def page_texts(pdf_path: str | Path) -> list[str]:
    """The text of every page of a PDF, in page order."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        texts = []
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
        return texts
    finally:
        pdf.close()


def problems(pdf_path: str | Path) -> list[str]:
    """What keeps a report from going out as it is, one line a problem (an empty list: none).

    - a page under :data:`MIN_FILL` that no forced break explains;
    - a summary longer than its one page (the body's forced break is not on page 3);
    - a method word (:data:`cxlib.wording.METHOD_WORDS`) on a page before "How we measured";
    - a snake_case name (a column or code name) anywhere; a file name ("brand_promise.csv") is fine.
    """
    from cxlib.wording import method_words

    name = Path(pdf_path).name
    fills = page_fill(pdf_path)
    found = [f"{name}: page {p.page} of {len(fills)} is {p.used:.0%} full" for p in short_pages(fills)]
    forced = [p.page for p in fills if p.forced]
    if not forced or forced[0] != 3:
        found.append(f"{name}: the summary does not end on page 2 (forced breaks on pages {forced})")
    appendix = forced[-1] if len(forced) > 1 else len(fills) + 1
    for number, text in enumerate(page_texts(pdf_path)[1:], 2):
        words = method_words(text) if number < appendix else []
        if words:
            found.append(f"{name}: page {number} uses method words {', '.join(words)}")
        code = sorted(set(re.findall(r"\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b(?!\.\w)", text)))
        if code:
            found.append(f"{name}: page {number} prints code names {', '.join(code)}")
    return found
