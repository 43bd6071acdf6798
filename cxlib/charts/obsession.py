"""Step 1 exhibits: the say-do gap per practice, the impact-gap priority matrix (or the gap to best
practice when impact on NPS could not be read), the maturity scale.

Each drawing function takes the frame a ``cxlib.obsession`` function returns and gives back a
:class:`matplotlib.figure.Figure` built without pyplot, with an action title (``title=``) and a
grey subtitle that says how to read it. The ``*_of`` wrappers take a result whole, for
``report.show_result``.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from cxlib.charts import canvas
from cxlib.report import theme
from cxlib.report.record import MATURITY_BANDS


@canvas.house_style
def say_do_gap(table: pd.DataFrame, *, title: str = "Self-assessment against evidence",
               subtitle: str | None = None, threshold: float = 1.0) -> Figure:
    """Dumbbell per practice: leadership's self-score and the evidence score on one 1-5 line.

    Parameters
    ----------
    table : :func:`cxlib.obsession.gap.say_do_gap` ``.table`` (label, self_score, evidence, low,
        high, gap, status). Practices are drawn from the largest overconfidence down; a practice
        without evidence shows its self-score alone, one without a self-score its evidence alone.
    threshold : the overconfidence threshold, for the legend.
    """
    data = table.dropna(subset=["self_score", "evidence"], how="all").copy()
    if data.empty:
        return canvas.empty(title, "No practice has a self-assessment or evidence.")
    brand = theme.brand()
    data["_order"] = data["gap"].fillna(-np.inf)
    data = data.sort_values("_order", ascending=True, kind="stable").reset_index(drop=True)
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.36, 1.5))
    y = np.arange(len(data))
    over_colour = theme.DETRACTOR
    for yi, row in zip(y, data.itertuples()):
        s, e = row.self_score, row.evidence
        over = row.status == "Overconfident"
        colour = over_colour if over else theme.LIGHT
        if np.isfinite(s) and np.isfinite(e):
            ax.plot([s, e], [yi, yi], color=colour, linewidth=3.2 if over else 2.4,
                    solid_capstyle="round", zorder=1, alpha=0.9 if over else 1)
        if np.isfinite(row.low) and np.isfinite(row.high):
            ax.plot([row.low, row.high], [yi, yi], color=brand.primary, linewidth=1.0, zorder=2)
        if np.isfinite(e):
            ax.scatter([e], [yi], s=58, color=brand.primary, zorder=3, edgecolors="white",
                       linewidths=0.8)
        if np.isfinite(s):
            ax.scatter([s], [yi], s=54, facecolor="white", edgecolors=over_colour if over else theme.INK,
                       linewidths=1.6, zorder=4)
        if np.isfinite(s) and np.isfinite(e):
            text = f"{row.gap:+.1f}".replace("-", canvas.MINUS)
            ax.annotate(text, (5.0, yi), xytext=(14, 0), textcoords="offset points", va="center",
                        ha="left", fontsize=8, fontweight="bold" if over else "normal",
                        color=over_colour if over else theme.INK)
        elif np.isfinite(s):
            ax.annotate("not measured", (s, yi), xytext=(8, 0), textcoords="offset points",
                        va="center", fontsize=7.5, color=theme.MUTED, style="italic")
        else:
            right = row.high if np.isfinite(row.high) else e
            ax.annotate("not self-assessed", (right, yi), xytext=(8, 0), textcoords="offset points",
                        va="center", fontsize=7.5, color=theme.MUTED, style="italic")
    ax.set_yticks(y, [str(v) for v in data["label"]])
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlim(0.9, 5.1)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel("Score, 1 (not practised) to 5 (best practice)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left", "right")
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                      markeredgecolor=theme.INK, markeredgewidth=1.6, markersize=7,
                      label="Leadership's self-assessment"),
               Line2D([], [], marker="o", linestyle="-", color=brand.primary, linewidth=1.0,
                      markersize=7, label="Evidence in the data (line: 95% interval)"),
               Line2D([], [], color=over_colour, linewidth=3.2,
                      label=f"Overconfident: {threshold:.1f}+ points above the evidence")]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=7.5,
               handlelength=1.8, columnspacing=1.2, frameon=False)
    _titles_over_labels(ax, title, subtitle or "Leadership's self-assessment (circle) against the "
                                               "evidence (dot); on the right, the gap between them")
    return fig


def _titles_over_labels(ax, title: str, subtitle: str | None) -> None:
    """:func:`cxlib.charts.canvas.titles`, but starting above the row labels: a chart whose row
    names are long keeps its full width for the plot instead of squeezing it under the title."""
    fig = ax.figure
    fig.draw_without_rendering()
    boxes = [t.get_window_extent() for t in ax.get_yticklabels() if t.get_text()]
    shift = (ax.get_window_extent().x0 - min(b.x0 for b in boxes)) * 72 / fig.dpi if boxes else 0.0
    ax.annotate(title, xy=(0, 1), xycoords="axes fraction", xytext=(-shift, 19 if subtitle else 8),
                textcoords="offset points", ha="left", va="bottom", fontsize=11, fontweight="bold",
                color=theme.INK)
    if subtitle:
        ax.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(-shift, 6),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8.3,
                    color=theme.MUTED)


@canvas.house_style
def priority_matrix(table: pd.DataFrame, *, title: str = "Where to start",
                    subtitle: str | None = None, first: int = 3) -> Figure:
    """Scatter of impact (share of NPS explained) against gap to best practice, per practice.

    Parameters
    ----------
    table : :func:`cxlib.obsession.priorities.prioritise` ``.table`` (label, impact, gap, rank,
        verified, status).
    first : how many first moves to number and colour.
    """
    data = table.dropna(subset=["impact", "gap"]).reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "No practice could be placed.")
    brand = theme.brand()
    fig, ax = canvas.figure(4.1)
    x = data["gap"].astype(float).to_numpy()
    y = data["impact"].astype(float).to_numpy()
    top = data["rank"].to_numpy() <= first
    over = (data["status"] == "Overconfident").to_numpy()
    colours = [brand.primary if t else theme.tint(brand.primary, 0.55) for t in top]
    edges = [theme.DETRACTOR if o else "white" for o in over]
    ax.scatter(x, y, s=np.where(top, 140, 60), c=colours, edgecolors=edges,
               linewidths=np.where(over, 2.0, 0.8), zorder=3)
    for xi, yi, r, t in zip(x, y, data["rank"], top):
        if t:
            ax.annotate(str(int(r)), (xi, yi), ha="center", va="center", fontsize=7.2,
                        fontweight="bold", color=canvas_on(brand.primary), zorder=4)
    x_lo = max(0.0, float(np.floor((np.nanmin(x) - 0.3) * 2) / 2))
    x_hi = min(4.2, float(np.ceil((np.nanmax(x) + 0.45) * 2) / 2))
    y_hi = float(np.nanmax(y)) * 1.18
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(0, y_hi)
    ax.axvline(float(np.mean(x)), color=theme.MUTED, linestyle=(0, (4, 3)), linewidth=0.8, zorder=1)
    ax.axhline(float(np.mean(y)), color=theme.MUTED, linestyle=(0, (4, 3)), linewidth=0.8, zorder=1)
    ax.xaxis.set_major_locator(mpl.ticker.MultipleLocator(0.5))
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    canvas.percent_axis(ax.yaxis)
    ax.set_xlabel("Gap to best practice: 5 minus the score (points of 5)")
    ax.set_ylabel("Impact: share of NPS explained")
    canvas.grid(ax, "both")
    handles = [Line2D([], [], marker="o", linestyle="", color=brand.primary, markersize=9,
                      label=f"First {first} moves (numbered)"),
               Line2D([], [], marker="o", linestyle="", color=theme.tint(brand.primary, 0.55),
                      markersize=6, label="Other practices")]
    if over.any():
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                              markeredgecolor=theme.DETRACTOR, markeredgewidth=2.0, markersize=7,
                              label="Leadership overconfident"))
    legend = ax.legend(handles=handles, loc="lower left", fontsize=7.5, borderaxespad=0.3,
                       handletextpad=0.4)
    canvas.titles(ax, title, subtitle or "Priority = impact × gap: the higher and further right, "
                                         "the sooner; dashed lines are the averages")
    labels = data["label"].astype(str).to_numpy()
    fig.draw_without_rendering()
    obstacles = [tuple(legend.get_window_extent().extents)]
    pt = fig.dpi / 72
    centres = ax.transData.transform(np.column_stack([x, y]))
    markers = [(cx - 8 * pt, cy - 8 * pt, cx + 8 * pt, cy + 8 * pt) for cx, cy in centres[top]]
    obstacles += _move_labels(ax, x[top], y[top], labels[top], markers + obstacles)
    rest = ~top
    if rest.any():
        canvas.label_points(ax, x[rest], y[rest], labels[rest].tolist(), fontsize=7.6,
                            obstacles=obstacles)
    return fig


def _overlaps(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _move_labels(ax, xs, ys, texts, taken) -> list[tuple]:
    """Bold labels for the numbered first moves: right of the marker, else left, above or below,
    whichever first clears the other markers and labels. Returns the boxes they take."""
    spots = (((10, 0), "left", "center"), ((-10, 0), "right", "center"),
             ((0, 10), "center", "bottom"), ((0, -10), "center", "top"))
    pt = ax.figure.dpi / 72
    inside = ax.get_window_extent()
    taken, boxes = list(taken), []
    for (px, py), text in zip(ax.transData.transform(np.column_stack([xs, ys])), texts):
        width, height = (v * pt for v in canvas.text_size(str(text), 7.8, "bold"))
        for (dx, dy), ha, va in spots:
            x0 = px + dx * pt - {"left": 0, "center": width / 2, "right": width}[ha]
            y0 = py + dy * pt - {"bottom": 0, "center": height / 2, "top": height}[va]
            box = (x0, y0, x0 + width, y0 + height)
            clear = (not any(_overlaps(box, t) for t in taken)
                     and inside.x0 <= box[0] and box[2] <= inside.x1)
            if clear:
                break
        else:
            (dx, dy), ha, va = spots[0]
            box = (px + dx * pt, py - height / 2, px + dx * pt + width, py + height / 2)
        ax.annotate(str(text), ax.transData.inverted().transform((px, py)), xytext=(dx, dy),
                    textcoords="offset points", ha=ha, va=va, fontsize=7.8, fontweight="bold",
                    color=theme.INK, zorder=4)
        taken.append(box)
        boxes.append(box)
    return boxes


def canvas_on(colour: str) -> str:
    """White or ink, whichever reads better on ``colour``."""
    return "#FFFFFF" if theme.contrast("#FFFFFF", colour) >= theme.contrast(theme.INK, colour) \
        else theme.INK


@canvas.house_style
def maturity_scale(score: float, *, title: str = "CX maturity", subtitle: str | None = None
                   ) -> Figure:
    """The 0-100 score on the four maturity bands (Ignoring, Novice, Competent, Mature).

    Parameters
    ----------
    score : the step score, 0-100.
    """
    brand = theme.brand()
    fig, ax = canvas.figure(1.75)
    bands = sorted(MATURITY_BANDS)
    edges = [floor for floor, _ in bands] + [100.0]
    shades = [0.86, 0.72, 0.5, 0.25]
    for (floor, name), upper, shade in zip(bands, edges[1:], shades):
        ax.add_patch(Rectangle((floor, 0), upper - floor, 1, color=theme.tint(brand.primary, shade),
                               linewidth=0, zorder=1))
        ax.text((floor + upper) / 2, 0.5, name, ha="center", va="center", fontsize=8.5,
                fontweight="bold", color=canvas_on(theme.tint(brand.primary, shade)), zorder=2)
        ax.axvline(floor, color="white", linewidth=1.5, zorder=2)
    ax.scatter([score], [1.13], marker="v", s=120, color=theme.DETRACTOR, zorder=3, clip_on=False)
    ax.annotate(f"{score:.0f}", (score, 1.13), xytext=(0, 7), textcoords="offset points",
                ha="center", va="bottom", fontsize=9.5, fontweight="bold", color=theme.DETRACTOR)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.05, 1.7)
    ax.set_yticks([])
    ax.set_xticks(edges)
    canvas.hide_spines(ax, "left", "right", "top")
    ax.grid(False)
    canvas.titles(ax, title, subtitle or "Step score 0-100 on the four maturity bands")
    return fig


def say_do_gap_of(gap, *, title: str = "Self-assessment against evidence") -> Figure:
    """:func:`say_do_gap` of a :class:`cxlib.obsession.gap.SayDoGap` (its table and threshold)."""
    return say_do_gap(gap.table, title=title, threshold=gap.threshold)


def first_moves_of(priorities, *, title: str = "Where to start") -> Figure:
    """The first-moves exhibit of a :class:`cxlib.obsession.priorities.Priorities`: the impact-gap
    matrix when impact on NPS weighs the moves, else each measured practice's gap to best practice."""
    if priorities.weighted:
        return priority_matrix(priorities.table, title=title)
    return gap_to_best(priorities.table, title=title)


def maturity_of(maturity, *, title: str = "CX maturity") -> Figure:
    """:func:`maturity_scale` of a :class:`cxlib.obsession.verdict.Maturity`."""
    return maturity_scale(maturity.score.score, title=title)


@canvas.house_style
def gap_to_best(table: pd.DataFrame, *, title: str = "Where to start", subtitle: str | None = None,
                first: int = 3) -> Figure:
    """Horizontal bars of each measured practice's gap to best practice (5 minus its evidence score).

    Parameters
    ----------
    table : :func:`cxlib.obsession.priorities.prioritise` ``.table`` (label, gap, rank), highest
        priority first.
    first : how many first moves to colour.
    """
    data = table.dropna(subset=["gap"]).reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "No practice could be placed.")
    brand = theme.brand()
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.36, 1.5))
    y = np.arange(len(data))[::-1]
    colours = [brand.primary if r <= first else theme.tint(brand.primary, 0.55) for r in data["rank"]]
    ax.barh(y, data["gap"].astype(float), color=colours, height=0.6, zorder=2)
    for yi, g in zip(y, data["gap"]):
        ax.annotate(f"{g:.1f}", (g, yi), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize=8, color=theme.INK)
    ax.set_yticks(y, [str(v) for v in data["label"]])
    ax.set_xlim(0, 4.4)
    ax.set_xlabel("Gap to best practice: 5 minus the evidence score (points of 5)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left", "right")
    _titles_over_labels(ax, title, subtitle or f"The first {min(first, len(data))} moves in the darker "
                                               "colour; impact on NPS could not be read")
    return fig
