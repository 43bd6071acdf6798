"""The canvas every exhibit is drawn on: figure, titles, grids, number formats, point labels.

Shared by the chart modules of every step, so all exhibits of a report look like one family.
Figures are built without pyplot (a notebook cell ending with the call shows the figure once) and
inside the house rcParams (:func:`house_style`).
"""
from __future__ import annotations

import functools
import io

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from cxlib.report import theme
from cxlib.wording import MINUS, signed  # noqa: F401  (charts label NPS as canvas.signed)

WIDTH = theme.FIGSIZE[0]
#: The SVG id of a chart's title (``<g id="cx-title">``), so that a slide can lift the title out of
#: the picture and set it as editable text (:mod:`cxlib.exports.deck`).
TITLE_ID = "cx-title"


def house_style(build):
    """Build the figure inside the house rcParams, lay it out there once, and draw it as SVG.

    The layout (ticks, fonts, spacing) is then fixed, so no later drawing (a PNG, a slide) computes
    it again, and the SVG is kept with the figure: a report shows it without drawing again
    (:func:`svg`) unless the figure was changed since. The figure, and the chart function, keep the
    chart's name (``cx_chart``: "cxlib.charts.summary.step_scores").
    """

    name = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with mpl.rc_context(theme.rc()):
            fig = build(*args, **kwargs)
            # laid out at the figure's own resolution, where the chart modules measure their text
            fig.draw_without_rendering()
            fig.set_layout_engine("none")
            fig.cx_svg = _tight_svg(fig)
            fig.cx_chart = name
            # savefig marks the figure changed when it puts its own resolution back; nothing moved
            fig.stale = False
        return fig

    wrapper.cx_chart = name
    return wrapper


def svg(fig: Figure) -> str:
    """The figure as SVG: the drawing :func:`house_style` made, or a new one if the figure changed.

    Parameters
    ----------
    fig : any matplotlib figure; one changed through its artists since it was drawn (a title, a
        size, a new line) is drawn again. Its layout is not computed again.

    Returns
    -------
    str
        The SVG document.
    """
    kept = getattr(fig, "cx_svg", None)
    if kept is not None and not fig.stale:
        return kept
    return _tight_svg(fig)


def _tight_svg(fig: Figure) -> str:
    """The figure as SVG, cropped to what it draws plus the usual margin, as a notebook shows a
    figure: a title that runs past the figure's edge is kept whole. The crop is measured as the
    SVG draws its text (at 72 dpi), where text comes out wider than at the figure's resolution."""
    drawing = io.StringIO()
    fig.savefig(drawing, format="svg", bbox_inches="tight")
    return drawing.getvalue()


def figure(height: float = theme.FIGSIZE[1]):
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    fig.get_layout_engine().set(w_pad=0.06, h_pad=0.06)
    return fig, fig.add_subplot()


def titles(ax, title: str, subtitle: str | None) -> None:
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold", color=theme.INK,
                 pad=19 if subtitle else 8).set_gid(TITLE_ID)
    if subtitle:
        ax.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 6),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8.3,
                    color=theme.MUTED)


def empty(title: str, message: str) -> Figure:
    fig, ax = figure(1.6)
    titles(ax, title, None)
    ax.axis("off")
    ax.text(0.5, 0.45, message, ha="center", va="center", fontsize=9.5, color=theme.MUTED,
            transform=ax.transAxes)
    return fig


def grid(ax, axis: str) -> None:
    ax.grid(False)
    ax.grid(True, axis=axis, color=theme.GRID, linewidth=0.7)
    ax.set_axisbelow(True)


def hide_spines(ax, *names: str) -> None:
    for name in names:
        ax.spines[name].set_visible(False)


def period_labels(periods: pd.Series) -> list[str]:
    try:
        stamps = pd.to_datetime(periods.astype(str) if isinstance(periods.dtype, pd.PeriodDtype)
                                else periods)
    except (ValueError, TypeError):
        return [str(p) for p in periods]
    labels, last_year = [], None
    for stamp in stamps:
        if pd.isna(stamp):
            labels.append("")
            continue
        labels.append(f"{stamp:%b}\n{stamp:%Y}" if stamp.year != last_year else f"{stamp:%b}")
        last_year = stamp.year
    return labels


def bar_height(n: int, per_bar: float = 0.3, base: float = 1.0, low: float = 2.2,
                high: float = 7.5) -> float:
    return float(min(max(base + per_bar * n, low), high))


def pretty(name) -> str:
    from cxlib.report.display import prettify

    return prettify(name)


LABEL_SPOTS = (  # (dx, dy) in points from the point, ha, va: right first, then around it
    ((7, 0), "left", "center"), ((-7, 0), "right", "center"), ((0, 7), "center", "bottom"),
    ((0, -7), "center", "top"), ((6, 6), "left", "bottom"), ((6, -6), "left", "top"),
    ((-6, 6), "right", "bottom"), ((-6, -6), "right", "top"), ((7, 11), "left", "center"),
    ((7, -11), "left", "center"), ((-7, 11), "right", "center"), ((-7, -11), "right", "center"),
)


def text_size(text: str, fontsize: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height of ``text`` in points, as the house font draws it."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    extents = TextPath((0, 0), text, size=fontsize,
                       prop=FontProperties(family=theme.FONT, weight=weight)).get_extents()
    return extents.width, fontsize * 1.25


def label_points(ax, xs, ys, texts, *, fontsize: float = 8.0, obstacles=()) -> None:
    """Label scatter points, each at the first spot around it that hides no other label or point.

    Works in display units after the final layout; ``obstacles`` are extra display-space boxes
    (x0, y0, x1, y1) to keep clear of.
    """
    fig = ax.figure
    fig.draw_without_rendering()
    pt = fig.dpi / 72
    points = ax.transData.transform(np.column_stack([xs, ys]))
    box = ax.get_window_extent()
    taken = [tuple(o) for o in obstacles]
    taken += [(px - 5 * pt, py - 5 * pt, px + 5 * pt, py + 5 * pt) for px, py in points]

    def overlap(a, b):
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    order = np.argsort(-np.asarray(xs, dtype=float), kind="stable")
    for i in order:
        px, py = points[i]
        width, height = (v * pt for v in text_size(str(texts[i]), fontsize))
        own = (px - 5 * pt, py - 5 * pt, px + 5 * pt, py + 5 * pt)
        best, best_cost = None, None
        for (dx, dy), ha, va in LABEL_SPOTS:
            x0 = px + dx * pt - {"left": 0, "center": width / 2, "right": width}[ha]
            y0 = py + dy * pt - {"bottom": 0, "center": height / 2, "top": height}[va]
            cand = (x0, y0, x0 + width, y0 + height)
            outside = (max(box.x0 - cand[0], 0) + max(cand[2] - box.x1, 0)
                       + max(box.y0 - cand[1], 0) + max(cand[3] - box.y1, 0)) * height
            cost = outside * 4 + sum(overlap(cand, t) for t in taken if t != own)
            if best_cost is None or cost < best_cost - 1e-9:
                best, best_cost = ((dx, dy), ha, va, cand), cost
            if cost == 0:
                break
        (dx, dy), ha, va, cand = best
        taken.append(cand)
        ax.annotate(str(texts[i]), (xs[i], ys[i]), xytext=(dx, dy), textcoords="offset points",
                    ha=ha, va=va, fontsize=fontsize, color=theme.INK, zorder=4)


def percent_scale(values: pd.Series) -> np.ndarray:
    """Values as percentages: a column that never exceeds 1 is read as fractions."""
    arr = values.astype(float).to_numpy()
    finite = arr[np.isfinite(arr)]
    return arr * 100 if finite.size and finite.max() <= 1 else arr


def percent_axis(axis) -> None:
    """Tick labels of ``axis`` (``ax.xaxis`` or ``ax.yaxis``) as whole percentages: 0%, 25%, ..."""
    axis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
