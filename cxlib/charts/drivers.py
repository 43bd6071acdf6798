"""Key-driver exhibits: importance with intervals, and importance against performance.

Take the table of :func:`cxlib.metrics.drivers.key_drivers` (driver, label, weight, low, high,
share, performance, quadrant); used by step 7 and by step 2's competitive driver-gap view.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from cxlib.charts import canvas
from cxlib.report import theme

SCALE = (1, 5)  # the rating scale the performance axis shows in full

QUADRANT_CORNERS = {  # (x, y, ha, va) in axes fraction
    "Fix first": (0.99, 0.02, "right", "bottom"),
    "Keep it up": (0.99, 0.98, "right", "top"),
    "Possible overkill": (0.01, 0.98, "left", "top"),
    "Lower priority": (0.01, 0.02, "left", "bottom"),
}


def _quadrant_colour(quadrant: str) -> str:
    brand = theme.brand()
    return {"Fix first": theme.DETRACTOR, "Keep it up": brand.primary}.get(quadrant, theme.MUTED)


@canvas.house_style
def driver_quadrant(table: pd.DataFrame, *, title: str = "What matters most, and how we perform on it",
                    subtitle: str | None = None) -> Figure:
    """Importance-performance map: share of explained variance (x) against mean rating (y).

    Lines at the means split the map into quadrants; "Fix first" (important, below-average
    performance) is where to act. The rating axis shows the whole 1-5 scale, so a gap of a few
    tenths looks as small as it is. When the table carries the weights' 95% range (low, high, weight),
    each point has it as a horizontal whisker, so the map alone carries what
    :func:`driver_importance` shows.

    Parameters
    ----------
    table : ``cxlib.metrics.drivers.key_drivers(...).table`` (driver, label, weight, low, high,
        share in %, performance, quadrant).
    """
    if table.empty:
        return canvas.empty(title, "No driver ratings to analyse.")
    data = table.reset_index(drop=True)
    x = data["share"].astype(float).to_numpy()
    y = data["performance"].astype(float).to_numpy()
    mx, my = float(np.mean(x)), float(np.mean(y))
    quadrants = [("Keep it up" if yi >= my else "Fix first") if xi >= mx else
                 ("Possible overkill" if yi >= my else "Lower priority") for xi, yi in zip(x, y)]
    colours = [_quadrant_colour(q) for q in quadrants]
    fig, ax = canvas.figure(3.3)
    ax.axvline(mx, color=theme.MUTED, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
    ax.axhline(my, color=theme.MUTED, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
    low = high = x
    if {"low", "high", "weight"} <= set(data.columns):
        weight = data["weight"].astype(float).to_numpy()
        scale = np.divide(x, weight, out=np.zeros_like(x), where=weight > 0)
        low = np.clip(data["low"].astype(float).to_numpy() * scale, 0, None)
        high = np.fmax(data["high"].astype(float).to_numpy() * scale, x)
        ax.hlines(y, low, high, colors=colours, linewidth=1.6, alpha=0.45, zorder=2)
    ax.scatter(x, y, c=colours, s=70, zorder=3, edgecolors="white", linewidths=1)
    x_max = max(np.nanmax(high) * 1.1, x.max() * 1.15, mx * 2)
    ax.set_xlim(0, x_max)
    ax.set_ylim(SCALE[0] - 0.2, SCALE[1] + 0.2)  # the whole rating scale, with room for the corner labels
    ax.set_yticks(np.arange(SCALE[0], SCALE[1] + 1))
    corners = []
    for name, (cx, cy, ha, va) in QUADRANT_CORNERS.items():
        corners.append(ax.text(cx, cy, name.upper(), transform=ax.transAxes, ha=ha, va=va,
                               fontsize=7.5, fontweight="bold", color=_quadrant_colour(name),
                               alpha=0.8 if name in ("Fix first", "Keep it up") else 0.65))
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Importance: share of what the ratings explain of NPS")
    ax.set_ylabel("Performance: mean rating (1–5)")
    canvas.grid(ax, "both")
    canvas.titles(ax, title, subtitle or "Dashed lines are the averages; whiskers: 95% range of the importance; "
                                   "act first on the lower right")
    labels = (data["label"] if "label" in data else data["driver"]).astype(str).tolist()
    fig.draw_without_rendering()
    obstacles = [tuple(t.get_window_extent().extents) for t in corners]
    # the whiskers too: a label on a whisker hides the range it draws
    pt = fig.dpi / 72
    for (x0, y0), (x1, _) in zip(ax.transData.transform(np.column_stack([low, y])),
                                 ax.transData.transform(np.column_stack([high, y]))):
        obstacles.append((x0, y0 - 2 * pt, x1, y0 + 2 * pt))
    canvas.label_points(ax, x, y, labels, obstacles=obstacles)
    return fig


@canvas.house_style
def driver_importance(table: pd.DataFrame, *, title: str = "What drives NPS",
                      subtitle: str | None = None) -> Figure:
    """Horizontal bars of each driver's share of explained variance, with its 95% range as whiskers.

    Parameters
    ----------
    table : ``cxlib.metrics.drivers.key_drivers(...).table``; the bootstrap interval (low, high,
        on the weight scale) is converted to the share scale.
    """
    if table.empty:
        return canvas.empty(title, "No driver ratings to analyse.")
    brand = theme.brand()
    data = table.sort_values("share", kind="stable").reset_index(drop=True)  # largest at the top
    share = data["share"].astype(float).to_numpy()
    weight = data["weight"].astype(float).to_numpy()
    scale = np.divide(share, weight, out=np.zeros_like(share), where=weight > 0)
    low = np.clip(data["low"].astype(float).to_numpy() * scale, 0, None)
    high = data["high"].astype(float).to_numpy() * scale
    quadrant = data["quadrant"] if "quadrant" in data else pd.Series("", index=data.index)
    colours = [theme.DETRACTOR if q == "Fix first" else brand.primary if q == "Keep it up"
               else theme.tint(brand.primary, 0.55) for q in quadrant]
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.25, 1.0))
    y = np.arange(len(data))
    ax.barh(y, share, height=0.62, color=colours, zorder=2)
    ax.errorbar(share, y, xerr=[np.clip(share - low, 0, None), np.clip(high - share, 0, None)],
                fmt="none", ecolor=theme.INK, elinewidth=0.9, capsize=2.5, capthick=0.9, zorder=3)
    top = np.nanmax(np.append(high, share))
    for yi, s, h in zip(y, share, high):
        ax.annotate(f"{s:.0f}%", (max(s, h if np.isfinite(h) else s), yi), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=8, fontweight="bold",
                    color=theme.INK)
    labels = data["label"] if "label" in data else data["driver"]
    ax.set_yticks(y, [str(v) for v in labels])
    ax.set_xlim(0, top * 1.14)
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of what the ratings explain of NPS (whiskers: 95% range)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    present = set(quadrant)
    handles = [Patch(color=c, label=q) for q, c in (("Fix first", theme.DETRACTOR),
                                                     ("Keep it up", brand.primary)) if q in present]
    if present - {"Fix first", "Keep it up"}:
        handles.append(Patch(color=theme.tint(brand.primary, 0.55), label="Less important"))
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=7.8, handlelength=1.2,
                  borderaxespad=0.2)
    canvas.titles(ax, title, subtitle or "How much of what the ratings explain together each one carries")
    return fig


# --- churn --------------------------------------------------------------------------------------
