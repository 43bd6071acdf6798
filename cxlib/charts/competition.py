"""Step 2 exhibits: true competitors, the attribute benchmark and its trend, where to attack, social.

Each function takes the table of a ``cxlib.competition`` result and returns a
:class:`matplotlib.figure.Figure` built without pyplot, with an action title (``title=``) and a
grey subtitle that says how to read it. The client is always drawn in the brand's primary colour;
red means "behind".
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cxlib.charts import canvas
from cxlib import wording
from cxlib.report import theme
from cxlib.wording import signed

MARKERS = ("o", "D", "s", "^", "v", "P", "X")
DODGE = (0.18, 0.36)  # how far above and below the client's line competitors' markers sit, in rows


def _lanes(brands) -> dict[str, float]:
    """A vertical offset per competitor within a row, half above and half below the client's line and
    clear of it, so a marker never hides another or the client's."""
    brands = list(brands)
    above = (len(brands) + 1) // 2
    near, far = DODGE
    offsets = [*np.linspace(far, near, above), *(-np.linspace(near, far, len(brands) - above))]
    return dict(zip(brands, offsets))


def _gap_text(value: float) -> str:
    """A gap with its sign, one decimal: +0.8, −3.6, 0.0."""
    return signed(value, 1)


def _competitor_styles(brands) -> dict[str, tuple[str, str]]:
    """A (colour, marker) per competitor, stable in the order given."""
    colours = [theme.brand().secondary, theme.brand().accent, theme.MUTED,
               theme.tint(theme.brand().secondary, 0.5), theme.tint(theme.brand().accent, 0.4),
               theme.LIGHT]
    return {b: (colours[i % len(colours)], MARKERS[(i + 1) % len(MARKERS)])
            for i, b in enumerate(brands)}


# --- true competitors -----------------------------------------------------------------------------
@canvas.house_style
def consideration(table: pd.DataFrame, *, title: str = "Who customers also consider",
                  subtitle: str | None = None, answered: int | None = None, unit: str = "customers") -> Figure:
    """Horizontal bars: share of those who answered that also consider each brand, with its 95% range.

    Brands the client does not list are drawn in the accent colour and marked.

    Parameters
    ----------
    table : ``true_competitors(...).table`` (brand, listed, named, share, low, high in %).
    answered : how many answered the question, for the subtitle.
    unit : what is counted, "customers" or "answers".
    """
    if table.empty:
        return canvas.empty(title, "The survey does not say which other brands customers considered.")
    brand = theme.brand()
    data = table.sort_values("share", kind="stable").reset_index(drop=True)  # largest at the top
    share = data["share"].astype(float).to_numpy()
    low, high = data["low"].astype(float).to_numpy(), data["high"].astype(float).to_numpy()
    listed = data["listed"].astype(bool).to_numpy()
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.42, 1.3))
    y = np.arange(len(data))
    ax.barh(y, share, height=0.6, color=[brand.primary if li else brand.accent for li in listed],
            zorder=2)
    ax.errorbar(share, y, xerr=[share - low, high - share], fmt="none", ecolor=theme.INK,
                elinewidth=0.9, capsize=2.5, capthick=0.9, zorder=3)
    for yi, s, h, r, li in zip(y, share, high, data["named"], listed):
        ax.annotate(f"{s:.0f}%  ({int(r):,} {unit})",
                    (h, yi), xytext=(5, 0), textcoords="offset points", va="center", fontsize=8,
                    fontweight="normal" if li else "bold", color=theme.INK)
    ax.set_yticks(y, [str(b) for b in data["brand"]])
    ax.set_xlim(0, max(np.nanmax(high), 1) * 1.55)
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    who = "customers who answered" if unit == "customers" else "answers to the question"
    ax.set_xlabel(f"Share of the {who} that name the brand (whiskers: 95% range)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Patch(color=brand.primary, label="On your competitor list")]
    if (~listed).any():
        handles.append(Patch(color=brand.accent, label="Not on your list"))
    ax.legend(handles=handles, loc="lower right", fontsize=7.8, handlelength=1.2, borderaxespad=0.2)
    one = "A customer" if unit == "customers" else "An answer"
    count = f"; {answered:,} {who}" if answered else ""
    canvas.titles(ax, title, subtitle or f"{one} can name several brands{count}")
    return fig


# --- benchmark ------------------------------------------------------------------------------------
@canvas.house_style
def benchmark_positions(scores: pd.DataFrame, client: str, *, order=None,
                        title: str = "Where we stand on each attribute",
                        subtitle: str | None = None) -> Figure:
    """Dot plot on the full 0-10 scale: every brand's score per attribute, the client's gap to the
    best marked. Each competitor keeps its own lane within a row, so equal scores never hide one
    another.

    Parameters
    ----------
    scores : ``benchmark(...).scores`` (attributes x brands, the client among the columns).
    client : the client's column.
    order : attributes from top to bottom (default: the client's largest gap to the best last).
    """
    if scores.empty or client not in scores:
        return canvas.empty(title, "No benchmark scores to compare.")
    brand = theme.brand()
    others = [b for b in scores.columns if b != client]
    best = scores[others].max(axis=1) if others else scores[client]
    gap = scores[client] - best
    rows = list(order) if order is not None else list(gap.sort_values(ascending=False, kind="stable").index)
    data = scores.loc[rows]
    gap = gap.loc[rows]
    best = best.loc[rows]
    styles = _competitor_styles(others)
    lanes = _lanes(others)
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.5, 1.5, high=6.5))
    y = np.arange(len(data))[::-1]  # first attribute at the top
    for yi, attribute in zip(y, data.index):
        mine, top = data.loc[attribute, client], best.loc[attribute]
        colour = theme.DETRACTOR if mine < top else brand.primary
        ax.plot([mine, top], [yi, yi], color=theme.tint(colour, 0.5 if mine < top else 0.35), linewidth=5,
                solid_capstyle="round", zorder=1)
    for b in others:
        colour, marker = styles[b]
        ax.scatter(data[b], y + lanes[b], color=colour, marker=marker, s=30, zorder=2, edgecolors="white",
                   linewidths=0.5, label=b)
    ax.scatter(data[client], y, color=brand.primary, marker="o", s=80, zorder=3,
               edgecolors="white", linewidths=1, label=client)
    ax.set_xlim(0, 14.2)  # the full 0-10 scale, then room for the gap labels
    ax.set_xticks(range(0, 11, 2))
    ax.spines["bottom"].set_bounds(0, 10)
    for yi, attribute in zip(y, data.index):
        g = gap.loc[attribute]
        who = (data.loc[attribute, others].astype(float).idxmax() if others else "")
        label = (f"{_gap_text(g)} vs {who}" if g < 0 else f"{_gap_text(g)} ahead of {who}")
        ax.annotate(label, (10, yi), xytext=(8, 0), textcoords="offset points", va="center",
                    fontsize=8, fontweight="bold",
                    color=theme.DETRACTOR if g < 0 else theme.readable(brand.primary))
    ax.set_yticks(y, [str(a).replace("_", " ").capitalize() for a in data.index])
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlabel("Benchmark score (0–10)", x=10 / 14.2 / 2)
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], color=brand.primary, marker="o", linestyle="", markersize=8, label=client)]
    handles += [Line2D([], [], color=styles[b][0], marker=styles[b][1], linestyle="", markersize=5.5,
                       label=b) for b in others]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16 - 0.1 / len(data)),
              ncol=min(len(handles), 5), fontsize=7.6, handletextpad=0.2, columnspacing=1.0,
              borderaxespad=0)
    canvas.titles(ax, title, subtitle or "Score per attribute; the bar spans our score and the best "
                                   "competitor's (red: behind, blue: ahead)")
    return fig


def _diverging() -> LinearSegmentedColormap:
    brand = theme.brand()
    return LinearSegmentedColormap.from_list(
        "gap", [theme.DETRACTOR, theme.tint(theme.DETRACTOR, 0.75), "#FFFFFF",
                theme.tint(brand.secondary, 0.6), brand.secondary])


@canvas.house_style
def gap_heatmap(gaps: pd.DataFrame, *, title: str = "Our lead or gap against each competitor",
                subtitle: str | None = None) -> Figure:
    """Heatmap of the client's score minus each competitor's, per attribute (blue ahead, red behind).

    Parameters
    ----------
    gaps : ``benchmark(...).gaps`` (attributes x competitors, and a ``Best competitor`` column).
    """
    if gaps.empty:
        return canvas.empty(title, "No benchmark scores to compare.")
    data = gaps.sort_values(gaps.columns[-1], ascending=False, kind="stable")
    values = data.to_numpy(dtype=float)
    limit = max(np.nanmax(np.abs(values)), 0.5)
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.3, 1.2, high=5.0))
    ax.imshow(values, cmap=_diverging(), vmin=-limit, vmax=limit, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if np.isnan(v):
            continue
        dark = abs(v) > 0.55 * limit
        ax.text(j, i, _gap_text(v), ha="center", va="center", fontsize=8.5,
                fontweight="bold" if j == values.shape[1] - 1 else "normal",
                color="white" if dark else theme.INK)
    columns = [str(c) for c in data.columns]
    ax.set_xticks(range(len(columns)), [c.replace(" ", "\n", 1) for c in columns], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(data)), [str(a).replace("_", " ").capitalize() for a in data.index])
    ax.axvline(len(columns) - 1.5, color="white", linewidth=4)
    ax.grid(False)
    canvas.hide_spines(ax, "left", "bottom", "top", "right")
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold", color=theme.INK, pad=40).set_gid(canvas.TITLE_ID)
    note = ax.annotate(subtitle or "Our score minus theirs, in points out of 10 "
                       "(blue: we lead, red: they lead)",
                       xy=(0, 1), xycoords="axes fraction", xytext=(0, 30),
                       textcoords="offset points", ha="left", va="bottom", fontsize=8.3,
                       color=theme.MUTED)
    note.set_in_layout(False)  # may run past the heatmap, never past the page
    return fig


@canvas.house_style
def gap_trend(table: pd.DataFrame, *, highlight: str | None = None,
              title: str = "Our gap to the best competitor over time",
              subtitle: str | None = None) -> Figure:
    """Lines: the client's gap to the best competitor per attribute, wave by wave.

    Parameters
    ----------
    table : ``benchmark_trend(...).table`` (wave, attribute, label, gap, ...).
    highlight : the attribute to draw in colour (default: the one whose gap moved most).
    """
    if table.empty or table["wave"].nunique() < 2:
        return canvas.empty(title, "A trend needs at least two waves of measurement.")
    brand = theme.brand()
    wide = table.pivot_table(index="wave", columns="attribute", values="gap", aggfunc="first").sort_index()
    labels = table.drop_duplicates("attribute").set_index("attribute")["label"]
    if highlight is None:
        moved = (wide.ffill().iloc[-1] - wide.bfill().iloc[0]).abs()
        highlight = str(moved.idxmax())
    fig, ax = canvas.figure(3.0)
    x = np.arange(len(wide))
    ends = []
    for attribute in wide.columns:
        values = wide[attribute].to_numpy(dtype=float)
        focus = attribute == highlight
        last = values[~np.isnan(values)][-1]
        colour = (theme.DETRACTOR if last < 0 else brand.primary) if focus else theme.LIGHT
        ax.plot(x, values, color=colour, linewidth=2.4 if focus else 1.3, marker="o",
                markersize=4.5 if focus else 3, zorder=3 if focus else 2,
                markeredgecolor="white", markeredgewidth=0.6)
        ends.append((last, f"{labels[attribute]} {_gap_text(last)}", focus, colour))
        if focus:
            first = values[~np.isnan(values)][0]
            ax.annotate(_gap_text(first), (x[0], first), xytext=(-6, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=8.5, fontweight="bold", color=colour)
    ax.axhline(0, color=theme.INK, linewidth=0.9, zorder=1)
    ax.annotate("Level with the best competitor", (0, 0), xycoords=("axes fraction", "data"),
                xytext=(2, 3), textcoords="offset points", fontsize=7.5, color=theme.MUTED)
    # End labels, spread so they do not overlap.
    lo, hi = np.nanmin(wide.to_numpy()), np.nanmax(wide.to_numpy())
    span = max(hi - lo, 1.0)
    ax.set_ylim(min(lo, 0) - 0.12 * span, max(hi, 0) + 0.15 * span)
    ends.sort(key=lambda e: e[0])
    min_gap = 0.075 * (ax.get_ylim()[1] - ax.get_ylim()[0])
    placed = []
    for value, text, focus, colour in ends:
        spot = value if not placed else max(value, placed[-1] + min_gap)
        placed.append(spot)
        ax.annotate(text, (x[-1], value), xytext=(x[-1] + 0.12, spot), textcoords="data",
                    va="center", fontsize=8, fontweight="bold" if focus else "normal",
                    color=colour if focus else theme.MUTED)
    ax.set_xticks(x, canvas.period_labels(pd.Series(wide.index)))
    ax.set_xlim(-0.35, len(x) - 1 + 0.9)
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: _gap_text(v)))
    ax.set_ylabel("Our score minus the best\ncompetitor's (points of 10)")
    canvas.grid(ax, "y")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Gap to the best competitor per wave of measurement; "
                                   "below zero a competitor is ahead")
    return fig


# --- where to attack --------------------------------------------------------------------------------
QUADRANT_CORNERS = {  # (x, y, ha, va) in axes fraction
    "Attack first": (0.99, 0.02, "right", "bottom"),
    "Defend the lead": (0.99, 0.98, "right", "top"),
    "Maintain": (0.01, 0.98, "left", "top"),
    "Catch up later": (0.01, 0.02, "left", "bottom"),
}


def _quadrant_colour(quadrant: str) -> str:
    return {"Attack first": theme.DETRACTOR, "Defend the lead": theme.brand().primary}.get(
        quadrant, theme.MUTED)


@canvas.house_style
def driver_gap(table: pd.DataFrame, *, threshold: float | None = None,
               title: str = "Where to attack first", subtitle: str | None = None) -> Figure:
    """Link to NPS (x: the rating's share of the ratings' joint link) against the gap to the best
    competitor (y), one point per attribute; labels keep clear of the reference lines.

    Parameters
    ----------
    table : ``attack_priorities(...).table`` (label, importance in %, gap, best_competitor,
        quadrant); attributes without importance are left out.
    threshold : the share above which an attribute counts as closely linked (dashed line).
    """
    data = table.dropna(subset=["importance"]).reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "How closely each rating goes with NPS is unknown: the survey has no "
                                   "attribute ratings.")
    x = data["importance"].astype(float).to_numpy()
    y = data["gap"].astype(float).to_numpy()
    colours = [_quadrant_colour(q) for q in data["quadrant"]]
    fig, ax = canvas.figure(4.2)
    if threshold is not None and np.isfinite(threshold):
        ax.axvline(threshold, color=theme.MUTED, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
    ax.axhline(0, color=theme.INK, linewidth=0.9, zorder=1)
    ax.scatter(x, y, c=colours, s=80, zorder=3, edgecolors="white", linewidths=1)
    span = max(np.abs(y).max(), 0.5)
    ax.set_ylim(-span * 1.3, span * 1.3)
    ax.set_xlim(0, max(x.max() * 1.2, (threshold or 0) * 2))
    corners = []
    for name, (cx, cy, ha, va) in QUADRANT_CORNERS.items():
        # a lighter colour, not transparency: the PDF renderer drops right-aligned text drawn with opacity
        light = theme.tint(_quadrant_colour(name), 0.15 if name in ("Attack first", "Defend the lead") else 0.35)
        corners.append(ax.text(cx, cy, name.upper(), transform=ax.transAxes, ha=ha, va=va,
                               fontsize=7.5, fontweight="bold", color=light))
    canvas.percent_axis(ax.xaxis)
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: _gap_text(v)))
    ax.set_xlabel("Link to NPS: the rating's share of the survey ratings' joint link")
    ax.set_ylabel("Our score minus the best\ncompetitor's (points of 10)")
    canvas.grid(ax, "both")
    canvas.titles(ax, title, subtitle or "Lower right: goes closely with NPS and a competitor is ahead; "
                                   "dashed line: the average share")
    labels = [f"{r.label} ({_gap_text(r.gap)} vs {r.best_competitor})" if r.gap < 0
              else f"{r.label} ({_gap_text(r.gap)})" for r in data.itertuples()]
    fig.draw_without_rendering()
    obstacles = [tuple(t.get_window_extent().extents) for t in corners]
    box = ax.get_window_extent()
    line_x, zero_y = ax.transData.transform((threshold if threshold is not None and np.isfinite(threshold)
                                             else -1, 0))
    obstacles.append((box.x0, zero_y - 1.5, box.x1, zero_y + 1.5))  # no label across the zero line
    if box.x0 <= line_x <= box.x1:
        obstacles.append((line_x - 1.5, box.y0, line_x + 1.5, box.y1))  # nor across the dashed line
    before = len(ax.texts)
    canvas.label_points(ax, x, y, labels, obstacles=obstacles, fontsize=7.8)
    for text in ax.texts[before:]:  # where a label must cross a line (a point close to it), it stays legible
        text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    return fig


# --- social -----------------------------------------------------------------------------------------
_TIME_TICKS = (5, 10, 15, 30, 60, 120, 240, 480, 960, 1440, 2880)


def _minutes_label(v: float, _=None) -> str:
    """A time tick in the report's one duration style: '30 min', '2 h', '24 h'."""
    return wording.duration(v)


@canvas.house_style
def responsiveness(table: pd.DataFrame, *, rate_benchmark: float | None = None,
                   minutes_benchmark: float | None = None,
                   title: str = "How often and how fast each brand answers on social",
                   subtitle: str | None = None) -> Figure:
    """Scatter: share of posts answered (x) against the median time to answer (y, log, fast on top).

    The client's own industry benchmarks, when client.yml gives them, are drawn as dashed lines;
    no other reference is drawn.

    Parameters
    ----------
    table : ``responsiveness(...).table`` (brand, mentions, response_rate in %, median_minutes,
        is_client).
    rate_benchmark, minutes_benchmark : the client's benchmarks (% answered, median minutes), or None.
    """
    data = table.dropna(subset=["median_minutes"]).reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "No answered posts with a response time.")
    brand = theme.brand()
    x = data["response_rate"].astype(float).to_numpy()
    y = data["median_minutes"].astype(float).to_numpy()
    mine = data["is_client"].astype(bool).to_numpy()
    fig, ax = canvas.figure(3.6)
    ax.set_yscale("log")
    y_lo = min(y.min(), minutes_benchmark or np.inf) / 1.8
    y_hi = max(y.max(), minutes_benchmark or 0) * 1.8
    ax.set_ylim(y_hi, y_lo)  # fast answers at the top
    ax.set_xlim(0, 100)
    references = []
    if rate_benchmark is not None:
        ax.axvline(rate_benchmark, color=theme.MUTED, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
        references.append(ax.annotate(f"Industry benchmark: {rate_benchmark:.0f}% answered", (rate_benchmark, 0),
                                      xycoords=("data", "axes fraction"), xytext=(4, 4),
                                      textcoords="offset points", fontsize=7.5, color=theme.MUTED))
    if minutes_benchmark is not None:
        ax.axhline(minutes_benchmark, color=theme.MUTED, linewidth=0.9, linestyle=(0, (4, 3)), zorder=1)
        references.append(ax.annotate(f"Industry benchmark: a median of {wording.duration(minutes_benchmark)}",
                                      (100, minutes_benchmark), xytext=(-3, 4), textcoords="offset points",
                                      ha="right", va="bottom", fontsize=7.5, color=theme.MUTED))
    ax.scatter(x[~mine], y[~mine], s=60, color=theme.MUTED, zorder=3, edgecolors="white", linewidths=1)
    ax.scatter(x[mine], y[mine], s=95, color=brand.primary, zorder=4, edgecolors="white", linewidths=1)
    ticks = [t for t in _TIME_TICKS if y_lo <= t <= y_hi]
    ax.yaxis.set_major_locator(mpl.ticker.FixedLocator(ticks))
    ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(_minutes_label))
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of posts about the brand that it answered")
    ax.set_ylabel("Median time to answer (log scale)")
    canvas.grid(ax, "both")
    canvas.titles(ax, title, subtitle or "Top right is best: most posts answered, fastest")
    labels = [f"{b}: {r:.0f}% in {wording.duration(m)}" for b, r, m in
              zip(data["brand"], data["response_rate"], data["median_minutes"])]
    fig.draw_without_rendering()
    obstacles = [tuple(t.get_window_extent().extents) for t in references]
    box = ax.get_window_extent()
    if rate_benchmark is not None:
        line_x = ax.transData.transform((rate_benchmark, y_lo))[0]
        obstacles.append((line_x - 1, box.y0, line_x + 1, box.y1))  # keep labels off the references
    if minutes_benchmark is not None:
        line_y = ax.transData.transform((0, minutes_benchmark))[1]
        obstacles.append((box.x0, line_y - 1, box.x1, line_y + 1))
    canvas.label_points(ax, x, y, labels, obstacles=obstacles, fontsize=7.8)
    return fig


@canvas.house_style
def mention_tone(table: pd.DataFrame, *, title: str = "What people say about each brand",
                 subtitle: str | None = None) -> Figure:
    """100 % bars per brand: negative, neutral and positive posts, net tone on the right.

    Parameters
    ----------
    table : ``mention_tone(...).table`` (brand, mentions, positive, neutral, negative in %, net,
        is_client).
    """
    if table.empty:
        return canvas.empty(title, "No posts to read.")
    brand = theme.brand()
    data = table.sort_values("net", kind="stable").reset_index(drop=True)  # most positive on top
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.42, 1.4))
    y = np.arange(len(data))
    left = np.zeros(len(data))
    parts = (("negative", theme.DETRACTOR, "Negative"), ("neutral", theme.PASSIVE, "Neutral"),
             ("positive", brand.primary, "Positive"))
    for column, colour, label in parts:
        values = data[column].astype(float).to_numpy()
        ax.barh(y, values, left=left, height=0.62, color=colour, label=label, zorder=2)
        for yi, l, v in zip(y, left, values):
            if v >= 7:
                ax.text(l + v / 2, yi, f"{v:.0f}%", ha="center", va="center", fontsize=7.8,
                        color="white" if column != "neutral" else theme.INK)
        left += values
    for yi, net, n in zip(y, data["net"], data["mentions"]):
        text = f"net {signed(net)}"
        ax.annotate(text, (100, yi), xytext=(6, 2), textcoords="offset points", va="bottom",
                    fontsize=8, fontweight="bold",
                    color=theme.DETRACTOR if net < 0 else theme.readable(brand.primary))
        ax.annotate(f"{int(n):,} posts", (100, yi), xytext=(6, -2), textcoords="offset points",
                    va="top", fontsize=7, color=theme.MUTED)
    ax.set_yticks(y, [str(b) for b in data["brand"]])
    for tick, mine in zip(ax.get_yticklabels(), data["is_client"].astype(bool)):
        if mine:
            tick.set_fontweight("bold")
    ax.set_xlim(0, 116)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of the posts about the brand, by tone")
    ax.grid(False)
    canvas.hide_spines(ax, "left", "bottom")
    ax.legend(loc="upper center", bbox_to_anchor=(0.43, -0.22 - 0.12 / len(data)), ncol=3,
              fontsize=7.8, handlelength=1.2, borderaxespad=0)
    canvas.titles(ax, title, subtitle or "Net tone = positive minus negative share, in points")
    return fig


# --- one result, one exhibit (for ``report.show_result``) ---------------------------------------------
def considered(result, *, title: str | None = None) -> Figure:
    """:func:`consideration` of a ``true_competitors`` result, with who answered and what is counted."""
    return consideration(result.table, answered=result.answered, unit=result.unit, title=title or result.title())


def care(result, *, title: str | None = None) -> Figure:
    """:func:`responsiveness` of a ``responsiveness`` result, with the client's own benchmarks when given."""
    rate, minutes = result.rate_benchmark, result.minutes_benchmark
    return responsiveness(result.table, rate_benchmark=rate.value if rate else None,
                          minutes_benchmark=minutes.value if minutes else None, title=title or result.title())


def benchmark(result, *, title: str | None = None) -> Figure:
    """:func:`benchmark_positions` of a ``benchmark`` result."""
    return benchmark_positions(result.scores, result.client, title=title or result.title())


def attack(result, *, title: str | None = None) -> Figure:
    """:func:`driver_gap` of an ``attack_priorities`` result, with its importance threshold."""
    return driver_gap(result.table, threshold=result.threshold, title=title or result.title())
