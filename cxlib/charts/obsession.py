"""Step 1 exhibits: the say-do gap per practice, the priority matrix of link to NPS against room to
improve (or the room to improve alone when the link to NPS could not be read), the maturity scale.

Each drawing function takes the frame a ``cxlib.obsession`` function returns and gives back a
:class:`matplotlib.figure.Figure` built without pyplot, with an action title (``title=``) and a
grey subtitle that says how to read it. The ``*_of`` wrappers take a result whole, for
``report.show_result``.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from cxlib.charts import canvas
from cxlib.obsession.gap import margin
from cxlib.report import theme
from cxlib.report.record import MATURITY_BANDS
from cxlib.wording import signed


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
            text = signed(row.gap, 1)
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
                      markersize=7, label="Evidence in the data (line: 95% range)"),
               Line2D([], [], color=over_colour, linewidth=3.2,
                      label=f"Overconfident: {margin(threshold)} above the evidence")]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=7.5,
               handlelength=1.8, columnspacing=1.2, frameon=False)
    _titles_over_labels(ax, title, subtitle or "Leadership's self-assessment (circle) against the "
                                               "evidence (dot); on the right, the say-do gap between them")
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
                color=theme.INK).set_gid(canvas.TITLE_ID)
    if subtitle:
        ax.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(-shift, 6),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8.3,
                    color=theme.MUTED)


@canvas.house_style
def priority_matrix(table: pd.DataFrame, *, title: str = "Where to start",
                    subtitle: str | None = None, first: int = 3) -> Figure:
    """Scatter of the link to NPS (share of what the ratings explain of NPS) against room to improve,
    per practice, on the full 0-4 scale of room to improve and from 0% up.

    Every practice is named; a name that cannot sit next to its point without covering another
    name, a point or the legend moves further out, joined to its point by a thin line.

    Parameters
    ----------
    table : :func:`cxlib.obsession.priorities.prioritise` ``.table`` (label, impact, room, rank,
        first, status).
    first : how many first moves to number and colour, when the table has no ``first`` column.
    """
    data = table.dropna(subset=["impact", "room"]).reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "No practice could be placed.")
    brand = theme.brand()
    fig, ax = canvas.figure(4.1)
    x = data["room"].astype(float).to_numpy()
    y = data["impact"].astype(float).to_numpy()
    top = (data["first"].to_numpy(dtype=bool) if "first" in data else data["rank"].to_numpy() <= first)
    over = (data["status"] == "Overconfident").to_numpy()
    colours = [brand.primary if t else theme.tint(brand.primary, 0.55) for t in top]
    edges = [theme.DETRACTOR if o else "white" for o in over]
    sizes = np.where(top, 140, 60)
    ax.scatter(x, y, s=sizes, c=colours, edgecolors=edges, linewidths=np.where(over, 2.0, 0.8), zorder=3)
    for xi, yi, r, t in zip(x, y, data["rank"], top):
        if t:
            ax.annotate(str(int(r)), (xi, yi), ha="center", va="center", fontsize=7.2,
                        fontweight="bold", color=canvas_on(brand.primary), zorder=4)
    ax.set_xlim(0, 4)  # room to improve runs from 0 (best practice) to 4 (an evidence score of 1)
    ax.set_ylim(0, float(np.nanmax(y)) * 1.22)
    ax.axvline(float(np.mean(x)), color=theme.MUTED, linestyle=(0, (4, 3)), linewidth=0.8, zorder=1)
    ax.axhline(float(np.mean(y)), color=theme.MUTED, linestyle=(0, (4, 3)), linewidth=0.8, zorder=1)
    ax.xaxis.set_major_locator(mpl.ticker.MultipleLocator(0.5))
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    canvas.percent_axis(ax.yaxis)
    ax.set_xlabel("Room to improve: 5 minus the evidence score (points of 5)")
    ax.set_ylabel("Link to NPS: share of what the ratings explain")
    canvas.grid(ax, "both")
    handles = [Line2D([], [], marker="o", linestyle="", color=brand.primary, markersize=9,
                      label=f"First {int(top.sum())} moves (numbered)" if top.sum() != 1 else "First move"),
               Line2D([], [], marker="o", linestyle="", color=theme.tint(brand.primary, 0.55),
                      markersize=6, label="Other practices")]
    if over.any():
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                              markeredgecolor=theme.DETRACTOR, markeredgewidth=2.0, markersize=7,
                              label="Leadership overconfident"))
    legend = ax.legend(handles=handles, loc="upper right", fontsize=7.5, borderaxespad=0.3,
                       handletextpad=0.4)
    canvas.titles(ax, title, subtitle or "Priority = link to NPS × room to improve: the higher and further "
                                         "right, the sooner; dashed: averages")
    fig.draw_without_rendering()
    pt = fig.dpi / 72
    centres = ax.transData.transform(np.column_stack([x, y]))
    markers = [(cx - r * pt, cy - r * pt, cx + r * pt, cy + r * pt)
               for (cx, cy), r in zip(centres, np.sqrt(sizes) / 2 + 1.5)]
    inside = ax.get_window_extent()
    lines = [(centres[:, 0].mean() - pt, inside.y0, centres[:, 0].mean() + pt, inside.y1),
             (inside.x0, centres[:, 1].mean() - pt, inside.x1, centres[:, 1].mean() + pt)]
    place_labels(ax, x, y, data["label"].astype(str).to_numpy(), top,
                 [*markers, tuple(legend.get_window_extent().extents)], soft=lines)
    fig.set_layout_engine("none")  # the names were placed on this layout: keep it
    return fig


def _overlaps(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


# Where a label may go around its point: rings of growing radius (points), each tried at these angles
# (degrees; right first, then left, above, below and the diagonals).
RINGS = (10, 17, 26, 36, 48, 62, 78, 96)
ANGLES = (0, 180, 90, 270, 35, 145, 325, 215, 60, 120, 300, 240, 15, 165, 345, 195, 75, 105,
          285, 255)


def _distance(box, x: float, y: float) -> float:
    """Display-space distance from the point (x, y) to the box (0 inside it)."""
    return float(np.hypot(max(box[0] - x, 0, x - box[2]), max(box[1] - y, 0, y - box[3])))


def _crosses(segment, box) -> bool:
    """Whether the segment ((x0, y0), (x1, y1)) passes through the inside of the box (Liang-Barsky)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def _cut(a, b) -> bool:
    """Whether two segments cross."""
    (p1, p2), (p3, p4) = np.asarray(a, float), np.asarray(b, float)

    def side(o, p, q):
        return np.sign((p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]))

    return side(p1, p2, p3) * side(p1, p2, p4) < 0 and side(p3, p4, p1) * side(p3, p4, p2) < 0


def _plan(points, sizes, order, taken, soft, inside, pt):
    """Spots for the names in ``order`` (see :func:`place_labels`): {index: (dx, dy, ha, va, box,
    ring)}, with the number of faults and the summed distance of the plan."""
    taken, leaders, plan = list(taken), [], {}
    faults_total, cost_total = 0, 0.0
    for index in order:
        px, py = points[index]
        width, height = sizes[index]
        others = np.delete(points, index, axis=0)
        best = None
        for ring in RINGS:
            for angle in ANGLES:
                dx, dy = ring * np.cos(np.radians(angle)), ring * np.sin(np.radians(angle))
                ha = "left" if dx > 3 else "right" if dx < -3 else "center"
                va = "bottom" if dy > 3 else "top" if dy < -3 else "center"
                x0 = px + dx * pt - {"left": 0, "center": width / 2, "right": width}[ha]
                y0 = py + dy * pt - {"bottom": 0, "center": height / 2, "top": height}[va]
                pad = 2.5 * pt  # names that touch read as one
                box = (x0 - pad, y0 - pad, x0 + width + pad, y0 + height + pad)
                line = ((px, py), (px + dx * pt, py + dy * pt))
                near = min((_distance(box, ox, oy) for ox, oy in others), default=np.inf)
                # what would make the name misleading or unreadable, each counted once
                faults = sum((
                    not (inside.x0 <= box[0] and box[2] <= inside.x1 and inside.y0 <= box[1] and box[3] <= inside.y1),
                    any(_overlaps(box, t) for t in taken),
                    any(_crosses(seg, box) for seg in leaders),
                    # next to its point, a name nearer another point would read as that point's
                    ring == RINGS[0] and near < _distance(box, px, py) + 3 * pt,
                    ring > RINGS[0] and near < 6 * pt,
                    ring > RINGS[0] and any(_cut(line, seg) for seg in leaders),
                    ring > RINGS[0] and any(_crosses(line, t) for t in taken if _distance(t, px, py) > 0),
                ))
                cost = (faults, ring + 30 * sum(_overlaps(box, b) for b in soft))
                if best is None or cost < best[0]:
                    best = (cost, (dx, dy, ha, va, box, ring), line)
            if best[0][0] == 0 and best[0][1] <= ring:
                break
        (faults, cost), spot, line = best
        faults_total, cost_total = faults_total + faults, cost_total + cost
        plan[index] = spot
        taken.append(spot[4])
        if spot[5] > RINGS[0]:
            leaders.append(line)
    return plan, faults_total, cost_total


def place_labels(ax, xs, ys, texts, bold, taken, *, soft=(), fontsize: float = 7.6) -> list[tuple]:
    """Name each point at the nearest spot where the name is clearly its point's, stays inside the
    axes and covers no other name, point, line to a name or ``taken`` box.

    Next to its point (the first ring), a name must be nearer its own point than any other; further
    out it is joined to its point by a thin line, keeps clear of every other point and crosses no
    other name's line. A spot crossing a ``soft`` box (a reference line) is taken only when no spot
    about as near is free of it. Bold names choose first; the others in whichever of a few orders
    (most crowded first, by position) leaves the fewest faults, then the nearest names.

    Parameters
    ----------
    xs, ys : the points, in data units.
    texts : the names; ``bold`` marks those set in bold.
    taken : display-space boxes (x0, y0, x1, y1) already in use (the markers, the legend).
    soft : display-space boxes to avoid when a spot nearly as near is free of them.

    Returns the boxes the names take (padded), in display space, in the order of the points.
    """
    fig = ax.figure
    pt = fig.dpi / 72
    inside = ax.get_window_extent()
    points = ax.transData.transform(np.column_stack([xs, ys]))
    weights = ["bold" if b else "normal" for b in bold]
    renderer = RendererAgg(1, 1, fig.dpi)  # measures text as the figure draws it
    sizes = [(renderer.get_text_width_height_descent(str(t), FontProperties(family=theme.FONT, size=fontsize, weight=w),
                                                     ismath=False)[0], fontsize * 1.25 * pt)
             for t, w in zip(texts, weights)]
    gaps = np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    crowd = (gaps < 30 * pt).sum(axis=1)
    heavy = [i for i in range(len(points)) if bold[i]]
    light = [i for i in range(len(points)) if not bold[i]]
    orders = [sorted(light, key=lambda i: (-crowd[i], i)), sorted(light, key=lambda i: (crowd[i], i)),
              sorted(light, key=lambda i: points[i][0]), sorted(light, key=lambda i: -points[i][0]),
              sorted(light, key=lambda i: points[i][1]), sorted(light, key=lambda i: -points[i][1])]
    plans = []
    for order in orders:  # until one leaves no fault
        plans.append(_plan(points, sizes, heavy + order, [tuple(t) for t in taken], soft, inside, pt))
        if plans[-1][1] == 0:
            break
    plan = min(plans, key=lambda p: (p[1], p[2]))[0]
    for index, (dx, dy, ha, va, box, ring) in plan.items():
        leader = None
        if ring > RINGS[0]:
            # the line leaves the name at the corner or edge it was placed by, as the checks assumed
            relpos = ({"left": 0, "center": 0.5, "right": 1}[ha], {"bottom": 0, "center": 0.5, "top": 1}[va])
            leader = dict(arrowstyle="-", color=theme.MUTED, linewidth=0.6, shrinkA=0, shrinkB=4, relpos=relpos)
        ax.annotate(str(texts[index]), (xs[index], ys[index]), xytext=(dx, dy), textcoords="offset points",
                    ha=ha, va=va, fontsize=fontsize, fontweight=weights[index], color=theme.INK, zorder=4,
                    arrowprops=leader)
    return [plan[i][4] for i in range(len(points))]


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
    """The first-moves exhibit of a :class:`cxlib.obsession.priorities.Priorities`: the matrix of link
    to NPS against room to improve when the link weighs the moves, else each measured practice's room
    to improve."""
    if priorities.weighted:
        return priority_matrix(priorities.table, title=title)
    return gap_to_best(priorities.table, title=title)


def maturity_of(maturity, *, title: str = "CX maturity") -> Figure:
    """:func:`maturity_scale` of a :class:`cxlib.obsession.verdict.Maturity`."""
    return maturity_scale(maturity.score.score, title=title)


@canvas.house_style
def gap_to_best(table: pd.DataFrame, *, title: str = "Where to start", subtitle: str | None = None,
                first: int = 3) -> Figure:
    """Horizontal bars of each measured practice's room to improve (5 minus its evidence score), from 0.

    Parameters
    ----------
    table : :func:`cxlib.obsession.priorities.prioritise` ``.table`` (label, room, rank, first),
        highest priority first.
    first : how many first moves to colour, when the table has no ``first`` column.
    """
    data = table.dropna(subset=["room"]).reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "No practice could be placed.")
    brand = theme.brand()
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.36, 1.5))
    y = np.arange(len(data))[::-1]
    top = data["first"].to_numpy(dtype=bool) if "first" in data else data["rank"].to_numpy() <= first
    colours = [brand.primary if t else theme.tint(brand.primary, 0.55) for t in top]
    ax.barh(y, data["room"].astype(float), color=colours, height=0.6, zorder=2)
    for yi, g in zip(y, data["room"]):
        ax.annotate(f"{g:.1f}", (g, yi), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize=8, color=theme.INK)
    ax.set_yticks(y, [str(v) for v in data["label"]])
    ax.set_xlim(0, 4.4)
    ax.set_xlabel("Room to improve: 5 minus the evidence score (points of 5)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left", "right")
    moves = int(top.sum())
    which = "The first move" if moves == 1 else f"The first {moves} moves"
    _titles_over_labels(ax, title, subtitle or f"{which} in the darker colour; the link to NPS could not be read")
    return fig
