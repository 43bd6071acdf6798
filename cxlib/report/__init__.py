"""Client-facing report layer: notebook output helpers, chart theme, step record, HTML/PDF rendering.

``from cxlib import report`` gives the notebook helpers; the renderer (nbconvert, WeasyPrint) is
imported only where it is used: ``from cxlib.report.pdf import ReportMeta, render_step``.
"""
from cxlib.report import theme
from cxlib.report.display import (
    setup,
    show_figure,
    show_finding,
    show_findings,
    show_key_findings,
    show_kpis,
    show_missing,
    show_quote,
    show_quotes,
    show_reading_guide,
    show_result,
    show_source,
    show_table,
    show_text,
    show_unavailable,
)
from cxlib.report.record import (
    StepResult,
    record_step,
    show_recommendations,
    show_sources,
)
from cxlib.report.theme import apply_brand, palette

__all__ = [
    "StepResult",
    "apply_brand",
    "palette",
    "record_step",
    "setup",
    "show_finding",
    "show_figure",
    "show_findings",
    "show_key_findings",
    "show_kpis",
    "show_missing",
    "show_quote",
    "show_quotes",
    "show_reading_guide",
    "show_recommendations",
    "show_source",
    "show_sources",
    "show_result",
    "show_table",
    "show_text",
    "show_unavailable",
    "theme",
]
