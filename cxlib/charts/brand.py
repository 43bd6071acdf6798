"""Step 3 brand exhibits: the promise as leadership and customers see it, and the public reviews.

Each function takes a frame from :mod:`cxlib.brand` and returns a Figure built without pyplot,
with an action title (``title=``) and a grey subtitle that says how to read it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cxlib.charts import canvas
from cxlib.report import theme


def _star_colour(rating: int) -> str:
    if rating <= 2:
        return theme.DETRACTOR
    return theme.PASSIVE if rating == 3 else theme.brand().primary


@canvas.house_style
def promise_gap(table: pd.DataFrame, *, title: str = "How leadership and customers rate each promise",
                subtitle: str | None = None) -> Figure:
    """Dumbbells: leadership's rating and the customers' mean (with interval) per promise.

    Parameters
    ----------
    table : ``cxlib.brand.promise.promise_gaps(...).table`` (attribute, internal, customer, low,
        high, n, gap), largest gap first; promises without a gap (too few customer ratings to
        compare) are left out.
    """
    data = table[table["gap"].notna()].reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "Customers rated none of the promises.")
    brand = theme.brand()
    data = data.iloc[::-1].reset_index(drop=True)  # largest gap at the top
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.36, 1.2))
    y = np.arange(len(data))
    largest = len(data) - 1
    for yi, row in zip(y, data.itertuples()):
        colour = theme.DETRACTOR if yi == largest else theme.LIGHT
        ax.plot([row.customer, row.internal], [yi, yi], color=colour, linewidth=3.2,
                solid_capstyle="butt", zorder=1, alpha=0.9 if yi == largest else 1)
        # the gap between the two rounded ratings printed beside the dots, so the three add up
        gap = round(row.internal, 1) - round(row.customer, 1)
        ax.annotate(f"gap {gap:.1f}", ((row.customer + row.internal) / 2, yi), xytext=(0, 5),
                    textcoords="offset points", ha="center", va="bottom", fontsize=7.6,
                    color=theme.DETRACTOR if yi == largest else theme.MUTED,
                    fontweight="bold" if yi == largest else "normal")
    ax.hlines(y, data["low"], data["high"], colors=brand.primary, linewidth=1.2, zorder=2)
    ax.scatter(data["customer"], y, s=60, color=brand.primary, zorder=3, edgecolors="white",
               linewidths=0.8)
    ax.scatter(data["internal"], y, s=70, marker="D", color=brand.accent, zorder=3,
               edgecolors=theme.INK, linewidths=0.6)
    for yi, row in zip(y, data.itertuples()):
        left = row.low if pd.notna(row.low) else row.customer  # clear of the range's whisker
        ax.annotate(f"{row.customer:.1f}", (min(left, row.customer), yi), xytext=(-8, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=8,
                    color=brand.primary, fontweight="bold")
        ax.annotate(f"{row.internal:.1f}", (row.internal, yi), xytext=(8, 0),
                    textcoords="offset points", ha="left", va="center", fontsize=8,
                    color=theme.INK)
    ax.set_yticks(y, [str(a).replace("_", " ").capitalize() for a in data["attribute"]])
    ax.set_xlim(1, 5.35)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_ylim(-0.6, len(data) - 0.3)
    ax.set_xlabel("Rating, 1 (poor) to 5 (excellent)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], marker="o", linestyle="", color=brand.primary, markersize=7,
                      label="Customers (mean, 95% range)"),
               Line2D([], [], marker="D", linestyle="", color=brand.accent, markersize=6.5,
                      markeredgecolor=theme.INK, markeredgewidth=0.6, label="Leadership")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2,
              fontsize=7.8)
    canvas.titles(ax, title, subtitle or "Leadership's own rating of each brand promise against "
                                   "the customers' survey rating of the same attribute")
    return fig


@canvas.house_style
def star_distribution(distribution: pd.DataFrame, *, title: str = "How the public rates us",
                      subtitle: str | None = None) -> Figure:
    """Bars of the share of reviews at each star rating, complaints in red, praise in the brand.

    Parameters
    ----------
    distribution : ``rating_summary(...).distribution`` (rating 1-5, reviews, share in %).
    """
    if distribution.empty or distribution["reviews"].sum() == 0:
        return canvas.empty(title, "No rated reviews.")
    data = distribution.reset_index(drop=True)
    fig, ax = canvas.figure(2.5)
    x = data["rating"].astype(int).to_numpy()
    share = data["share"].astype(float).to_numpy()
    ax.bar(x, share, width=0.66, color=[_star_colour(r) for r in x], zorder=2)
    for xi, s, n in zip(x, share, data["reviews"]):
        ax.annotate(f"{s:.0f}%", (xi, s), xytext=(0, 3), textcoords="offset points", ha="center",
                    va="bottom", fontsize=9, fontweight="bold", color=theme.INK)
        ax.annotate(f"{int(n):,} reviews", (xi, 0), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=7,
                    color=theme.INK if xi == 3 else "white")
    ax.set_xticks(x, [f"{r} star" + ("s" if r > 1 else "") for r in x])
    ax.set_ylim(0, share.max() * 1.32)
    canvas.percent_axis(ax.yaxis)
    ax.set_ylabel("Share of reviews")
    canvas.grid(ax, "y")
    canvas.hide_spines(ax, "left")
    complaints, praise = share[x <= 2].sum(), share[x >= 4].sum()
    handles = [Patch(color=theme.DETRACTOR, label=f"Complaints 1–2 stars: {complaints:.0f}%"),
               Patch(color=theme.PASSIVE, label="Mixed 3 stars"),
               Patch(color=theme.brand().primary, label=f"Praise 4–5 stars: {praise:.0f}%")]
    ax.legend(handles=handles, loc="upper center", ncol=3, fontsize=7.8, borderaxespad=0.2,
              handlelength=1.2)
    canvas.titles(ax, title, subtitle or f"Share of {int(data['reviews'].sum()):,} public reviews "
                                   "at each star rating")
    return fig


@canvas.house_style
def rating_trend(monthly: pd.DataFrame, *, title: str = "Review ratings month by month",
                 subtitle: str | None = None) -> Figure:
    """Mean stars per month with its interval as a band; reviews per month as light bars.

    Parameters
    ----------
    monthly : ``cxlib.brand.reviews.monthly_ratings`` output (period, reviews, mean, low, high).
    """
    data = monthly.reset_index(drop=True)
    if data.empty or data["mean"].notna().sum() == 0:
        return canvas.empty(title, "No dated reviews.")
    brand = theme.brand()
    fig, ax = canvas.figure(2.9)
    x = np.arange(len(data))
    n = data["reviews"].astype(float).to_numpy()
    bars = ax.twinx()
    bars.bar(x, n, width=0.62, color=theme.tint(brand.secondary, 0.82), zorder=0)
    bars.set_ylim(0, max(n.max(), 1) * 9)  # low bars: the month labels above them stay clear of the line
    bars.set_yticks([])
    bars.grid(False)
    canvas.hide_spines(bars, "top", "right", "left", "bottom")
    for xi, ni in zip(x, n):
        bars.annotate(f"{ni:,.0f}", (xi, ni), xytext=(0, 2), textcoords="offset points",
                      ha="center", va="bottom", fontsize=6.8, color=theme.MUTED)
    ax.set_zorder(bars.get_zorder() + 1)
    ax.patch.set_visible(False)
    mean = data["mean"].astype(float).to_numpy()
    ax.fill_between(x, data["low"].astype(float), data["high"].astype(float),
                    color=theme.tint(brand.primary, 0.8), linewidth=0, zorder=1)
    ax.plot(x, mean, color=brand.primary, linewidth=2.2, marker="o", markersize=4.5, zorder=3,
            markeredgecolor="white", markeredgewidth=0.8)
    low_month = int(np.nanargmin(mean))
    for i in {0, len(x) - 1, low_month}:
        ax.annotate(f"{mean[i]:.1f}", (x[i], mean[i]), xytext=(0, -12 if i == low_month else 8),
                    textcoords="offset points", ha="center", va="top" if i == low_month else "bottom",
                    fontsize=9, fontweight="bold",
                    color=theme.DETRACTOR if i == low_month else brand.primary)
    # the whole 1-5 scale: a cut axis would make a tenth of a star look like a collapse
    ax.set_ylim(1, 5.4)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_xticks(x, canvas.period_labels(data["period"]))
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_ylabel("Mean stars (1–5)")
    canvas.grid(ax, "y")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], color=brand.primary, linewidth=2.2, marker="o", markersize=4.5,
                      label="Mean stars"),
               Patch(color=theme.tint(brand.primary, 0.8), label="95% range"),
               Patch(color=theme.tint(brand.secondary, 0.82), label="Reviews (number on bar)")]
    ax.legend(handles=handles, loc="upper right", ncol=3, fontsize=7.8, handlelength=1.6,
              borderaxespad=0.2)
    canvas.titles(ax, title, subtitle or "Average star rating of the month's public reviews")
    return fig


@canvas.house_style
def complaint_touchpoints(table: pd.DataFrame, *, title: str = "What the complaints are about",
                          subtitle: str | None = None, top: int = 10,
                          min_reviews: int = 30) -> Figure:
    """Two panels per touchpoint: its share of all complaints, and its own complaint rate.

    Parameters
    ----------
    table : ``cxlib.brand.reviews.complaint_touchpoints(...).table`` (touchpoint, reviews,
        complaints, complaint_share, rate, low, high).
    top : touchpoints shown, most complaints first.
    min_reviews : touchpoints with fewer reviews show no rate (too few to judge).
    """
    if table.empty:
        return canvas.empty(title, "No complaint names a touchpoint.")
    brand = theme.brand()
    data = (table.sort_values("complaints", ascending=False, kind="stable").head(top)
            .iloc[::-1].reset_index(drop=True))
    fig = Figure(figsize=(canvas.WIDTH, canvas.bar_height(len(data), 0.3, 1.4)),
                 layout="constrained")
    fig.get_layout_engine().set(w_pad=0.06, h_pad=0.06, wspace=0.08)
    left, right = fig.subplots(1, 2, sharey=True, width_ratios=[1, 1])
    y = np.arange(len(data))
    share = data["complaint_share"].astype(float).to_numpy()
    top_share = int(np.argmax(share))
    left.barh(y, share, height=0.62, zorder=2,
              color=[theme.DETRACTOR if i == top_share else theme.tint(brand.primary, 0.45)
                     for i in range(len(data))])
    for yi, s, c in zip(y, share, data["complaints"]):
        left.annotate(f"{s:.0f}%  ({int(c):,})", (s, yi), xytext=(4, 0), textcoords="offset points",
                      va="center", fontsize=7.6, color=theme.INK)
    left.set_xlim(0, share.max() * 1.45)
    canvas.percent_axis(left.xaxis)
    left.set_xlabel("Share of all complaints (number)")
    left.set_yticks(y, data["touchpoint"].astype(str).tolist())
    left.set_ylim(-0.6, len(data) - 0.4)
    canvas.grid(left, "x")
    canvas.hide_spines(left, "left")

    enough = data["reviews"].to_numpy() >= min_reviews
    rate = data["rate"].astype(float).to_numpy()
    worst = int(np.nanargmax(np.where(enough, rate, -1)))
    colours = [theme.DETRACTOR if i == worst else (theme.MUTED if enough[i] else theme.LIGHT)
               for i in range(len(data))]
    right.hlines(y[enough], data["low"][enough], data["high"][enough],
                 colors=[c for c, e in zip(colours, enough) if e], linewidth=2, alpha=0.6, zorder=2)
    right.scatter(rate[enough], y[enough], s=40, zorder=3, edgecolors="white", linewidths=0.8,
                  c=[c for c, e in zip(colours, enough) if e])
    for yi, r, h, n, e in zip(y, rate, data["high"], data["reviews"], enough):
        text = f"{r:.0f}%  ({int(n):,} reviews)" if e else f"too few reviews ({int(n):,})"
        right.annotate(text, (h if e else 0, yi), xytext=(5, 0), textcoords="offset points",
                       va="center", fontsize=7.4, color=theme.INK if e else theme.MUTED,
                       fontweight="bold" if yi == worst else "normal")
    right.set_xlim(0, 130)
    right.set_xticks([0, 25, 50, 75, 100])
    canvas.percent_axis(right.xaxis)
    right.set_xlabel("Complaint rate: % of its reviews at 1–2 stars (95% range)")
    right.tick_params(axis="y", left=False)
    canvas.grid(right, "x")
    canvas.hide_spines(right, "left")
    canvas.titles(left, title, subtitle or "Left: where the 1–2-star reviews point. Right: how "
                                     "often each touchpoint's reviews are complaints")
    for text in left.texts:  # the subtitle spans both panels: keep it out of the left's layout
        if text.get_text() and text.xycoords == "axes fraction":
            text.set_in_layout(False)
    return fig
