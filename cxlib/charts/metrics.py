"""Step 7 exhibits: NPS trend, group comparison, drivers, churn prediction, score integrity, themes.

Each function takes the frame a ``cxlib.metrics`` (or ``cxlib.text``) function returns and gives
back a :class:`matplotlib.figure.Figure` built without pyplot, so a notebook cell ending with the
call shows it exactly once. Titles are action titles ("Effort, not price, drives detractors") passed
as ``title=``; the grey subtitle says how to read the chart. Colours come from the brand applied by
``cxlib.report.theme.apply_brand`` (``report.setup``).
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cxlib.report import theme

WIDTH = theme.FIGSIZE[0]
MINUS = "\u2212"


# --- shared pieces ------------------------------------------------------------------------------
def _house_style(build):
    """Build the figure inside the house rcParams and lay it out there (ticks, fonts, spacing)."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with mpl.rc_context(theme.rc()):
            fig = build(*args, **kwargs)
            fig.draw_without_rendering()
        return fig

    return wrapper


def _figure(height: float = theme.FIGSIZE[1]):
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    fig.get_layout_engine().set(w_pad=0.06, h_pad=0.06)
    return fig, fig.add_subplot()


def _titles(ax, title: str, subtitle: str | None) -> None:
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold", color=theme.INK,
                 pad=19 if subtitle else 8)
    if subtitle:
        ax.annotate(subtitle, xy=(0, 1), xycoords="axes fraction", xytext=(0, 6),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8.3,
                    color=theme.MUTED)


def _empty(title: str, message: str) -> Figure:
    fig, ax = _figure(1.6)
    _titles(ax, title, None)
    ax.axis("off")
    ax.text(0.5, 0.45, message, ha="center", va="center", fontsize=9.5, color=theme.MUTED,
            transform=ax.transAxes)
    return fig


def _signed(value: float) -> str:
    """An NPS as a reader writes it: +24, −5, 0."""
    text = f"{value:+.0f}"
    return "0" if text in ("+0", "-0") else text.replace("-", MINUS)


def _grid(ax, axis: str) -> None:
    ax.grid(False)
    ax.grid(True, axis=axis, color=theme.GRID, linewidth=0.7)
    ax.set_axisbelow(True)


def _hide_spines(ax, *names: str) -> None:
    for name in names:
        ax.spines[name].set_visible(False)


def _period_labels(periods: pd.Series) -> list[str]:
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


def _bar_height(n: int, per_bar: float = 0.3, base: float = 1.0, low: float = 2.2,
                high: float = 7.5) -> float:
    return float(min(max(base + per_bar * n, low), high))


def _pretty(name) -> str:
    from cxlib.report.display import prettify

    return prettify(name)


# --- NPS ----------------------------------------------------------------------------------------
@_house_style
def nps_trend(trend: pd.DataFrame, *, title: str = "NPS month by month",
              subtitle: str | None = None) -> Figure:
    """NPS per period as a line with its confidence band; responses per period as light bars.

    Parameters
    ----------
    trend : ``cxlib.metrics.nps.nps_trend`` output: period, n, nps, low, high (a period without
        answers has n = 0 and missing NPS; the line skips it).
    """
    data = trend.reset_index(drop=True)
    if data.empty or data["nps"].notna().sum() == 0:
        return _empty(title, "No scored responses in the period.")
    brand = theme.brand()
    fig, ax = _figure()
    x = np.arange(len(data))
    n = data["n"].fillna(0).astype(float).to_numpy()
    nps = data["nps"].astype(float).to_numpy()
    low, high = data["low"].astype(float).to_numpy(), data["high"].astype(float).to_numpy()

    bars = ax.twinx()
    bars.bar(x, n, width=0.62, color=theme.tint(brand.secondary, 0.82), zorder=0)
    bars.set_ylim(0, max(n.max(), 1) * 5.2)  # responses sit in the bottom fifth
    bars.set_yticks([])
    bars.grid(False)
    _hide_spines(bars, "top", "right", "left", "bottom")
    for xi, ni in zip(x, n):
        bars.annotate(f"{ni:,.0f}", (xi, ni), xytext=(0, 2), textcoords="offset points",
                      ha="center", va="bottom", fontsize=6.8, color=theme.MUTED)
    ax.set_zorder(bars.get_zorder() + 1)
    ax.patch.set_visible(False)

    ax.fill_between(x, low, high, color=theme.tint(brand.primary, 0.8), linewidth=0, zorder=1)
    ax.plot(x, nps, color=brand.primary, linewidth=2.2, marker="o", markersize=4.5, zorder=3,
            markeredgecolor="white", markeredgewidth=0.8)
    valid = np.flatnonzero(~np.isnan(nps))
    for i in {int(valid[0]), int(valid[-1])}:
        ax.annotate(_signed(nps[i]), (x[i], nps[i]), xytext=(0, 8), textcoords="offset points",
                    ha="center", va="bottom", fontsize=9, fontweight="bold", color=brand.primary,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    lo = np.nanmin(low) if np.isfinite(np.nanmin(low)) else np.nanmin(nps)
    hi = np.nanmax(high) if np.isfinite(np.nanmax(high)) else np.nanmax(nps)
    span = max(hi - lo, 10)
    ax.set_ylim(lo - 0.62 * span, hi + 0.2 * span)  # room below for the bars, above for labels
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
    ax.set_yticks([t for t in ax.get_yticks() if lo - 0.08 * span <= t <= ax.get_ylim()[1]])
    if lo - 0.08 * span < 0 < ax.get_ylim()[1]:
        ax.axhline(0, color=theme.MUTED, linewidth=0.8, zorder=2)
    labels = _period_labels(data["period"])
    step = max(1, int(np.ceil(len(x) / 14)))
    ax.set_xticks(x[::step], labels[::step])
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: _signed(v)))
    ax.set_ylabel("NPS (points, −100 to +100)")
    _grid(ax, "y")
    _hide_spines(ax, "left")
    handles = [Line2D([], [], color=brand.primary, linewidth=2.2, marker="o", markersize=4.5,
                      label="NPS"),
               Patch(color=theme.tint(brand.primary, 0.8), label="95% confidence interval"),
               Patch(color=theme.tint(brand.secondary, 0.82), label="Responses (number on bar)")]
    ax.legend(handles=handles, loc="upper right", ncol=3, fontsize=7.8, handlelength=1.6,
              borderaxespad=0.2, bbox_to_anchor=(1, 1.0))
    _titles(ax, title, subtitle or "Monthly NPS; the band shows where the true score plausibly lies")
    return fig


@_house_style
def group_nps(groups: pd.DataFrame, *, title: str = "NPS by group",
              subtitle: str | None = None, overall: float | None = None) -> Figure:
    """Forest plot: each group's NPS with its interval, groups that differ from the rest in colour.

    Parameters
    ----------
    groups : ``cxlib.metrics.segments.nps_by_group`` output (group, n, nps, low, high, rest_nps,
        diff, z, p_value, q_value, significant).
    overall : overall NPS, drawn as a dashed reference line.
    """
    if groups.empty:
        return _empty(title, "No group has enough answers to compare.")
    brand = theme.brand()
    data = groups.sort_values("nps", kind="stable").reset_index(drop=True)  # best at the top
    fig, ax = _figure(_bar_height(len(data), 0.34, 1.3))
    y = np.arange(len(data))
    significant = (data["significant"].eq(True) if "significant" in data
                   else pd.Series(False, index=data.index))
    diff = data["diff"] if "diff" in data else pd.Series(np.nan, index=data.index)
    higher = significant & (diff > 0)
    lower = significant & (diff < 0)
    colours = np.where(higher, brand.primary, np.where(lower, theme.DETRACTOR, theme.MUTED))
    ax.hlines(y, data["low"], data["high"], colors=colours, linewidth=2.4, alpha=0.55, zorder=2)
    ax.scatter(data["nps"], y, c=list(colours), s=48, zorder=3, edgecolors="white", linewidths=0.8)
    for yi, row, colour in zip(y, data.itertuples(), colours):
        right = row.high if pd.notna(row.high) else row.nps
        ax.annotate(f"{_signed(row.nps)}  (n = {int(row.n):,})", (right, yi), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8,
                    color=colour if colour != theme.MUTED else theme.INK,
                    fontweight="bold" if colour != theme.MUTED else "normal")
    if overall is not None and np.isfinite(overall):
        ax.axvline(overall, color=theme.INK, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
        ax.annotate(f"Overall {_signed(overall)}", (overall, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -2), textcoords="offset points", ha="left", va="top", fontsize=7.8,
                    color=theme.INK)
    ax.set_yticks(y, [str(g) for g in data["group"]])
    ax.set_ylim(-0.7, len(data) - 0.3)
    lo = np.nanmin(data["low"].to_numpy(dtype=float))
    hi = np.nanmax(data["high"].to_numpy(dtype=float))
    if overall is not None and np.isfinite(overall):
        lo, hi = min(lo, overall), max(hi, overall)
    span = max(hi - lo, 10)
    ax.set_xlim(lo - 0.05 * span, hi + 0.3 * span)  # room for the value labels
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: _signed(v)))
    ax.set_xlabel("NPS (points) with 95% confidence interval")
    _grid(ax, "x")
    _hide_spines(ax, "left")
    handles = []
    if higher.any():
        handles.append(Line2D([], [], color=brand.primary, marker="o", linestyle="",
                              label="Higher than the rest"))
    if lower.any():
        handles.append(Line2D([], [], color=theme.DETRACTOR, marker="o", linestyle="",
                              label="Lower than the rest"))
    handles.append(Line2D([], [], color=theme.MUTED, marker="o", linestyle="",
                          label="No significant difference"))
    ax.legend(handles=handles, loc="lower right", fontsize=7.8, handletextpad=0.3,
              borderaxespad=0.2)
    _titles(ax, title, subtitle or "Coloured groups differ from everyone else "
                                   "(two-sample test, false discovery rate 5%)")
    return fig


# --- drivers ------------------------------------------------------------------------------------
QUADRANT_CORNERS = {  # (x, y, ha, va) in axes fraction
    "Fix first": (0.99, 0.02, "right", "bottom"),
    "Keep it up": (0.99, 0.98, "right", "top"),
    "Possible overkill": (0.01, 0.98, "left", "top"),
    "Lower priority": (0.01, 0.02, "left", "bottom"),
}


def _quadrant_colour(quadrant: str) -> str:
    brand = theme.brand()
    return {"Fix first": theme.DETRACTOR, "Keep it up": brand.primary}.get(quadrant, theme.MUTED)


_LABEL_SPOTS = (  # (dx, dy) in points from the point, ha, va: right first, then around it
    ((7, 0), "left", "center"), ((-7, 0), "right", "center"), ((0, 7), "center", "bottom"),
    ((0, -7), "center", "top"), ((6, 6), "left", "bottom"), ((6, -6), "left", "top"),
    ((-6, 6), "right", "bottom"), ((-6, -6), "right", "top"), ((7, 11), "left", "center"),
    ((7, -11), "left", "center"), ((-7, 11), "right", "center"), ((-7, -11), "right", "center"),
)


def _text_size(text: str, fontsize: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height of ``text`` in points, as the house font draws it."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    extents = TextPath((0, 0), text, size=fontsize,
                       prop=FontProperties(family=theme.FONT, weight=weight)).get_extents()
    return extents.width, fontsize * 1.25


def _label_points(ax, xs, ys, texts, *, fontsize: float = 8.0, obstacles=()) -> None:
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
        width, height = (v * pt for v in _text_size(str(texts[i]), fontsize))
        own = (px - 5 * pt, py - 5 * pt, px + 5 * pt, py + 5 * pt)
        best, best_cost = None, None
        for (dx, dy), ha, va in _LABEL_SPOTS:
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


@_house_style
def driver_quadrant(table: pd.DataFrame, *, title: str = "What matters most, and how we perform on it",
                    subtitle: str | None = None) -> Figure:
    """Importance-performance map: share of explained variance (x) against mean rating (y).

    Lines at the means split the map into quadrants; "Fix first" (important, below-average
    performance) is where to act.

    Parameters
    ----------
    table : ``cxlib.metrics.drivers.key_drivers(...).table`` (driver, label, weight, low, high,
        share in %, performance, quadrant).
    """
    if table.empty:
        return _empty(title, "No driver ratings to analyse.")
    data = table.reset_index(drop=True)
    x = data["share"].astype(float).to_numpy()
    y = data["performance"].astype(float).to_numpy()
    mx, my = float(np.mean(x)), float(np.mean(y))
    quadrants = [("Keep it up" if yi >= my else "Fix first") if xi >= mx else
                 ("Possible overkill" if yi >= my else "Lower priority") for xi, yi in zip(x, y)]
    colours = [_quadrant_colour(q) for q in quadrants]
    fig, ax = _figure(4.2)
    ax.axvline(mx, color=theme.MUTED, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
    ax.axhline(my, color=theme.MUTED, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
    ax.scatter(x, y, c=colours, s=70, zorder=3, edgecolors="white", linewidths=1)
    x_max = max(x.max() * 1.15, mx * 2)
    y_span = max(y.max() - y.min(), 0.4)
    ax.set_xlim(0, x_max)
    ax.set_ylim(y.min() - 0.25 * y_span, y.max() + 0.25 * y_span)
    corners = []
    for name, (cx, cy, ha, va) in QUADRANT_CORNERS.items():
        corners.append(ax.text(cx, cy, name.upper(), transform=ax.transAxes, ha=ha, va=va,
                               fontsize=7.5, fontweight="bold", color=_quadrant_colour(name),
                               alpha=0.8 if name in ("Fix first", "Keep it up") else 0.65))
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_xlabel("Importance: share of the explained variance in NPS")
    ax.set_ylabel("Performance: mean rating (1–5)")
    _grid(ax, "both")
    _titles(ax, title, subtitle or "Dashed lines are the averages; act first on the lower right")
    labels = (data["label"] if "label" in data else data["driver"]).astype(str).tolist()
    fig.draw_without_rendering()
    obstacles = [tuple(t.get_window_extent().extents) for t in corners]
    _label_points(ax, x, y, labels, obstacles=obstacles)
    return fig


@_house_style
def driver_importance(table: pd.DataFrame, *, title: str = "What drives NPS",
                      subtitle: str | None = None) -> Figure:
    """Horizontal bars of each driver's share of explained variance, with bootstrap whiskers.

    Parameters
    ----------
    table : ``cxlib.metrics.drivers.key_drivers(...).table``; the bootstrap interval (low, high,
        on the weight scale) is converted to the share scale.
    """
    if table.empty:
        return _empty(title, "No driver ratings to analyse.")
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
    fig, ax = _figure(_bar_height(len(data), 0.3, 1.2))
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
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_xlabel("Share of the explained variance (whiskers: 95% bootstrap interval)")
    _grid(ax, "x")
    _hide_spines(ax, "left")
    present = set(quadrant)
    handles = [Patch(color=c, label=q) for q, c in (("Fix first", theme.DETRACTOR),
                                                     ("Keep it up", brand.primary)) if q in present]
    if present - {"Fix first", "Keep it up"}:
        handles.append(Patch(color=theme.tint(brand.primary, 0.55), label="Less important"))
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=7.8, handlelength=1.2,
                  borderaxespad=0.2)
    _titles(ax, title, subtitle or "Relative weights: how much of what the ratings explain "
                                   "each one carries")
    return fig


# --- churn --------------------------------------------------------------------------------------
@_house_style
def churn_auc(table: pd.DataFrame, *, title: str = "Which metric predicts churn",
              subtitle: str | None = None) -> Figure:
    """Horizontal bars of each metric's AUC for churn with its interval and a 0.5 coin-flip line.

    Parameters
    ----------
    table : one row per metric: metric, n, auc, low, high, revenue_rho, revenue_p.
    """
    if table.empty:
        return _empty(title, "No metric could be linked to churn.")
    brand = theme.brand()
    data = table.sort_values("auc", kind="stable").reset_index(drop=True)  # best at the top
    auc = data["auc"].astype(float).to_numpy()
    low = data["low"].astype(float).to_numpy() if "low" in data else auc
    high = data["high"].astype(float).to_numpy() if "high" in data else auc
    best = int(np.nanargmax(auc))
    colours = [brand.primary if i == best else theme.tint(brand.primary, 0.55)
               for i in range(len(data))]
    fig, ax = _figure(_bar_height(len(data), 0.36, 1.3))
    y = np.arange(len(data))
    ax.barh(y, auc, height=0.6, color=colours, zorder=2)
    ax.errorbar(auc, y, xerr=[np.clip(auc - low, 0, None), np.clip(high - auc, 0, None)],
                fmt="none", ecolor=theme.INK, elinewidth=0.9, capsize=2.5, capthick=0.9, zorder=3)
    for yi, a, h, n in zip(y, auc, high, data["n"] if "n" in data else [None] * len(y)):
        label = f"{a:.2f}" + (f"  (n = {int(n):,})" if n is not None and pd.notna(n) else "")
        ax.annotate(label, (h if np.isfinite(h) else a, yi), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=8,
                    fontweight="bold" if yi == best else "normal", color=theme.INK)
    ax.axvline(0.5, color=theme.DETRACTOR, linewidth=1, linestyle=(0, (4, 3)), zorder=4)
    ax.annotate("Coin flip (0.5)", (0.5, 1), xycoords=("data", "axes fraction"), xytext=(-3, -1),
                textcoords="offset points", ha="right", va="top", fontsize=7.5,
                color=theme.DETRACTOR)
    ax.set_yticks(y, [_pretty(m) for m in data["metric"]])
    ax.set_xlim(0, 1.12)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlabel("AUC: chance the metric ranks a churner below a customer who stayed "
                  "(0.5 = no better than chance)")
    _grid(ax, "x")
    _hide_spines(ax, "left")
    _titles(ax, title, subtitle or "Area under the ROC curve with 95% interval; higher predicts "
                                   "churn better")
    return fig


_CLASS_COLOURS = {"detractor": "detractor", "detractors": "detractor", "passive": "passive",
                  "passives": "passive", "promoter": "promoter", "promoters": "promoter"}


def _class_colour(name) -> str | None:
    kind = _CLASS_COLOURS.get(str(name).strip().lower())
    return {"detractor": theme.DETRACTOR, "passive": theme.PASSIVE,
            "promoter": theme.brand().primary}.get(kind) if kind else None


def _percent_scale(values: pd.Series) -> np.ndarray:
    """Values as percentages: a column that never exceeds 1 is read as fractions."""
    arr = values.astype(float).to_numpy()
    finite = arr[np.isfinite(arr)]
    return arr * 100 if finite.size and finite.max() <= 1 else arr


@_house_style
def churn_bands(table: pd.DataFrame, *, title: str = "Churn rate by score band",
                subtitle: str | None = None) -> Figure:
    """Vertical bars of the churn rate per band (bands keep their order), labelled with the rate.

    Parameters
    ----------
    table : band, customers, churned, churn_rate (a fraction 0-1 or a percentage 0-100).
    """
    if table.empty:
        return _empty(title, "No customers to compare.")
    brand = theme.brand()
    data = table.reset_index(drop=True)
    rate = _percent_scale(data["churn_rate"])
    top = int(np.nanargmax(rate))
    semantic = [_class_colour(b) for b in data["band"]]
    if all(semantic):
        colours = semantic
    else:
        colours = [theme.DETRACTOR if i == top else theme.tint(brand.primary, 0.4)
                   for i in range(len(data))]
    fig, ax = _figure(3.4)
    x = np.arange(len(data))
    ax.bar(x, rate, width=0.62, color=colours, zorder=2)
    for xi, r, churned, customers in zip(x, rate, data["churned"], data["customers"]):
        ax.annotate(f"{r:.0f}%", (xi, r), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=10, fontweight="bold", color=theme.INK)
        ax.annotate(f"{int(churned):,} of {int(customers):,}", (xi, r), xytext=(0, 17),
                    textcoords="offset points", ha="center", va="bottom", fontsize=7.3,
                    color=theme.MUTED)
    ax.set_xticks(x, [str(b).capitalize() if str(b).islower() else str(b) for b in data["band"]])
    ax.set_ylim(0, np.nanmax(rate) * 1.32 if np.nanmax(rate) > 0 else 1)
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_ylabel("Customers who churned")
    _grid(ax, "y")
    _hide_spines(ax, "left")
    _titles(ax, title, subtitle or "Share of each band's customers who left during the period")
    return fig


# --- score integrity ----------------------------------------------------------------------------
@_house_style
def tens_share(table: pd.DataFrame, *, title: str = "Share of 10s by unit",
               subtitle: str | None = None, top: int = 15) -> Figure:
    """Share of 10s per unit (highest first), implausible ones in the accent colour, peers marked.

    Parameters
    ----------
    table : ``cxlib.metrics.integrity.tens_outliers`` output (unit, n, tens, share_tens,
        peer_share, p_value, q_value, flagged; shares in %).
    top : how many units to show, highest share first.
    """
    if table.empty:
        return _empty(title, "No unit has enough scored responses to test.")
    brand = theme.brand()
    data = (table.sort_values("share_tens", ascending=False, kind="stable").head(top)
            .iloc[::-1].reset_index(drop=True))
    flagged = data["flagged"].eq(True).to_numpy()
    share = data["share_tens"].astype(float).to_numpy()
    fig, ax = _figure(_bar_height(len(data), 0.27, 1.3))
    y = np.arange(len(data))
    ax.barh(y, share, height=0.64, color=[brand.accent if f else theme.LIGHT for f in flagged],
            zorder=2)
    peer = data["peer_share"].astype(float).to_numpy()
    ax.scatter(peer, y, marker="|", s=150, color=theme.INK, linewidths=1.6, zorder=3)
    for yi, s, p, n, f in zip(y, share, peer, data["n"], flagged):
        end = max(s, p) if np.isfinite(p) else s
        ax.annotate(f"{s:.0f}%  (n = {int(n):,})", (end, yi), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=7.6, fontweight="bold" if f else "normal",
                    color=theme.INK if f else theme.MUTED)
    ax.set_yticks(y, [str(u) for u in data["unit"]])
    ax.set_xlim(0, max(np.nanmax(share), np.nanmax(peer) if np.isfinite(peer).any() else 0) * 1.3)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_xlabel("Share of the unit's NPS answers that are a 10")
    _grid(ax, "x")
    _hide_spines(ax, "left")
    handles = [Line2D([], [], color=theme.INK, marker="|", linestyle="", markersize=10,
                      markeredgewidth=1.6, label="Everyone else's share")]
    if flagged.any():
        handles.insert(0, Patch(color=brand.accent, label="Implausibly many 10s"))
    ax.legend(handles=handles, loc="lower right", fontsize=7.8, borderaxespad=0.2)
    shown = f"top {len(data)} of {len(table)} units" if len(table) > len(data) else f"{len(data)} units"
    _titles(ax, title, subtitle or f"Share of 10s, {shown}; flagged = exact binomial test, "
                                   "false discovery rate 5%")
    return fig


# --- comments -----------------------------------------------------------------------------------
@_house_style
def theme_share(table: pd.DataFrame, *, groups: Sequence[str] = ("promoter", "detractor"),
                title: str = "What promoters and detractors talk about",
                subtitle: str | None = None) -> Figure:
    """Grouped horizontal bars: share of each group's comments that mention each theme.

    Parameters
    ----------
    table : ``cxlib.text.themes.themes_by_group`` output (group, theme, comments, mentions,
        share in %, mean_sentiment).
    groups : which groups to compare, in legend order.
    """
    data = table[table["group"].astype(str).isin([str(g) for g in groups])]
    present = [g for g in groups if (data["group"].astype(str) == str(g)).any()]
    if data.empty or not present:
        return _empty(title, "No comments to compare.")
    wide = data.pivot_table(index="theme", columns="group", values="share", aggfunc="first",
                            observed=True)
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reindex(columns=[str(g) for g in present]).fillna(0.0)
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=True, kind="stable").index]
    fig, ax = _figure(_bar_height(len(wide), 0.26 * max(1, len(present) * 0.8), 1.3))
    y = np.arange(len(wide))
    height = 0.8 / len(present)
    fallback = iter(theme.palette())
    for i, group in enumerate(present):
        colour = _class_colour(group) or next(fallback)
        offset = (len(present) - 1 - i - (len(present) - 1) / 2) * height  # first group on top
        values = wide[str(group)].to_numpy()
        ax.barh(y + offset, values, height=height * 0.92, color=colour, zorder=2,
                label=str(group).capitalize() + ("s" if str(group).islower() and
                                                 not str(group).endswith("s") else ""))
        for yi, v in zip(y + offset, values):
            ax.annotate(f"{v:.0f}%", (v, yi), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=6.8, color=theme.MUTED)
    ax.set_yticks(y, [str(t) for t in wide.index])
    ax.set_xlim(0, max(wide.to_numpy().max(), 1) * 1.15)
    ax.set_ylim(-0.6, len(wide) - 0.4)
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_xlabel("Share of the group's comments that mention the theme")
    _grid(ax, "x")
    _hide_spines(ax, "left")
    ax.legend(loc="lower right", fontsize=7.8, borderaxespad=0.2, handlelength=1.2)
    _titles(ax, title, subtitle or "Comment themes per group (a comment can mention several)")
    return fig


@_house_style
def score_distribution(scores: pd.Series, *, title: str = "How customers score us",
                       subtitle: str | None = None) -> Figure:
    """Bars of the 0-10 answers (share of responses), coloured detractor / passive / promoter.

    Parameters
    ----------
    scores : 0-10 likelihood-to-recommend answers; missing and out-of-range values are ignored.
    """
    values = pd.to_numeric(pd.Series(scores), errors="coerce").dropna()
    values = values[(values >= 0) & (values <= 10)].round().astype(int)
    if values.empty:
        return _empty(title, "No scored responses.")
    brand = theme.brand()
    counts = values.value_counts().reindex(range(11), fill_value=0)
    pct = counts.to_numpy() / len(values) * 100
    colours = [theme.DETRACTOR] * 7 + [theme.PASSIVE] * 2 + [brand.primary] * 2
    fig, ax = _figure(3.3)
    x = np.arange(11)
    ax.bar(x, pct, width=0.72, color=colours, zorder=2)
    for xi, p in zip(x, pct):
        if p >= 0.5:
            ax.annotate(f"{p:.0f}%", (xi, p), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7.8, color=theme.INK)
    detractors, passives, promoters = pct[:7].sum(), pct[7:9].sum(), pct[9:].sum()
    ax.set_xticks(x, [str(i) for i in x])
    ax.set_xlim(-0.6, 10.6)
    ax.set_ylim(0, pct.max() * 1.18)
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_xlabel("How likely are you to recommend us? (0 = not at all, 10 = extremely)")
    ax.set_ylabel("Share of responses")
    _grid(ax, "y")
    _hide_spines(ax, "left")
    handles = [Patch(color=theme.DETRACTOR, label=f"Detractors 0–6: {detractors:.0f}%"),
               Patch(color=theme.PASSIVE, label=f"Passives 7–8: {passives:.0f}%"),
               Patch(color=brand.primary, label=f"Promoters 9–10: {promoters:.0f}%")]
    ax.legend(handles=handles, loc="upper left", fontsize=7.8, borderaxespad=0.2,
              handlelength=1.2)
    _titles(ax, title, subtitle or f"NPS {_signed(promoters - detractors)} = promoters minus "
                                   f"detractors; n = {len(values):,} responses")
    return fig
