"""Step 7 exhibits: NPS trend, group comparison, drivers, churn prediction, score integrity, themes.

Each function takes the frame a ``cxlib.metrics`` (or ``cxlib.text``) function returns and gives
back a :class:`matplotlib.figure.Figure` built without pyplot, so a notebook cell ending with the
call shows it exactly once. Titles are action titles ("Effort, not price, drives detractors") passed
as ``title=``; the grey subtitle says how to read the chart. Colours come from the brand applied by
``cxlib.report.theme.apply_brand`` (``report.setup``).
"""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cxlib.charts import canvas
from cxlib.report import theme

# --- NPS ----------------------------------------------------------------------------------------
@canvas.house_style
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
        return canvas.empty(title, "No scored responses in the period.")
    brand = theme.brand()
    fig, ax = canvas.figure()
    x = np.arange(len(data))
    n = data["n"].fillna(0).astype(float).to_numpy()
    nps = data["nps"].astype(float).to_numpy()
    low, high = data["low"].astype(float).to_numpy(), data["high"].astype(float).to_numpy()

    bars = ax.twinx()
    bars.bar(x, n, width=0.62, color=theme.tint(brand.secondary, 0.82), zorder=0)
    bars.set_ylim(0, max(n.max(), 1) * 5.2)  # responses sit in the bottom fifth
    bars.set_yticks([])
    bars.grid(False)
    canvas.hide_spines(bars, "top", "right", "left", "bottom")
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
        ax.annotate(canvas.signed(nps[i]), (x[i], nps[i]), xytext=(0, 8), textcoords="offset points",
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
    labels = canvas.period_labels(data["period"])
    step = max(1, int(np.ceil(len(x) / 14)))
    ax.set_xticks(x[::step], labels[::step])
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: canvas.signed(v)))
    ax.set_ylabel("NPS (points, −100 to +100)")
    canvas.grid(ax, "y")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], color=brand.primary, linewidth=2.2, marker="o", markersize=4.5,
                      label="NPS"),
               Patch(color=theme.tint(brand.primary, 0.8), label="95% range"),
               Patch(color=theme.tint(brand.secondary, 0.82), label="Responses (number on bar)")]
    ax.legend(handles=handles, loc="upper right", ncol=3, fontsize=7.8, handlelength=1.6,
              borderaxespad=0.2, bbox_to_anchor=(1, 1.0))
    canvas.titles(ax, title, subtitle or "Monthly NPS; the band is its 95% range, where the true score plausibly lies")
    return fig


@canvas.house_style
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
        return canvas.empty(title, "No group has enough answers to compare.")
    brand = theme.brand()
    data = groups.sort_values("nps", kind="stable").reset_index(drop=True)  # best at the top
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.27, 1.05))
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
        ax.annotate(f"{canvas.signed(row.nps)}  ({int(row.n):,} answers)", (right, yi), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=8,
                    color=colour if colour != theme.MUTED else theme.INK,
                    fontweight="bold" if colour != theme.MUTED else "normal")
    if overall is not None and np.isfinite(overall):
        ax.axvline(overall, color=theme.INK, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
        ax.annotate(f"Overall {canvas.signed(overall)}", (overall, 1), xycoords=("data", "axes fraction"),
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
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: canvas.signed(v)))
    ax.set_xlabel("NPS (points) with its 95% range")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = []
    if higher.any():
        handles.append(Line2D([], [], color=brand.primary, marker="o", linestyle="",
                              label="Higher than the rest"))
    if lower.any():
        handles.append(Line2D([], [], color=theme.DETRACTOR, marker="o", linestyle="",
                              label="Lower than the rest"))
    handles.append(Line2D([], [], color=theme.MUTED, marker="o", linestyle="",
                          label="Within chance of the rest"))
    # under the axis, in one row: inside the plot it would sit on the value labels of the lowest rows
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=7.8,
               handletextpad=0.3, frameon=False)
    canvas.titles(ax, title, subtitle or "Coloured groups differ from everyone else by more than chance")
    return fig


def group_comparison(result, *, title: str = "NPS by group", subtitle: str | None = None) -> Figure:
    """:func:`group_nps` of a :class:`cxlib.metrics.segments.GroupComparison`, with its overall NPS."""
    return group_nps(result.table, title=title, subtitle=subtitle, overall=result.overall)


@canvas.house_style
def churn_auc(table: pd.DataFrame, *, title: str = "How well each metric tells customers who left from those who stayed",
              subtitle: str | None = None) -> Figure:
    """Horizontal bars of each metric's AUC for churn with its interval and a 0.5 coin-flip line; the
    words say what it measures, the name AUC is left to the appendix.

    Parameters
    ----------
    table : one row per metric: metric, n, auc, low, high, revenue_rho, revenue_p.
    """
    if table.empty:
        return canvas.empty(title, "No metric could be linked to churn.")
    brand = theme.brand()
    data = table.sort_values("auc", kind="stable").reset_index(drop=True)  # best at the top
    auc = data["auc"].astype(float).to_numpy()
    low = data["low"].astype(float).to_numpy() if "low" in data else auc
    high = data["high"].astype(float).to_numpy() if "high" in data else auc
    best = int(np.nanargmax(auc))
    colours = [brand.primary if i == best else theme.tint(brand.primary, 0.55)
               for i in range(len(data))]
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.36, 1.3))
    y = np.arange(len(data))
    ax.barh(y, auc, height=0.6, color=colours, zorder=2)
    ax.errorbar(auc, y, xerr=[np.clip(auc - low, 0, None), np.clip(high - auc, 0, None)],
                fmt="none", ecolor=theme.INK, elinewidth=0.9, capsize=2.5, capthick=0.9, zorder=3)
    for yi, a, h, n in zip(y, auc, high, data["n"] if "n" in data else [None] * len(y)):
        label = f"{a:.2f}" + (f"  ({int(n):,} customers)" if n is not None and pd.notna(n) else "")
        ax.annotate(label, (h if np.isfinite(h) else a, yi), xytext=(5, 0),
                    textcoords="offset points", va="center", fontsize=8,
                    fontweight="bold" if yi == best else "normal", color=theme.INK)
    ax.axvline(0.5, color=theme.DETRACTOR, linewidth=1, linestyle=(0, (4, 3)), zorder=4)
    ax.annotate("Coin flip (0.5)", (0.5, 1), xycoords=("data", "axes fraction"), xytext=(-3, -1),
                textcoords="offset points", ha="right", va="top", fontsize=7.5,
                color=theme.DETRACTOR)
    ax.set_yticks(y, [canvas.pretty(m) for m in data["metric"]])
    ax.set_xlim(0, 1.12)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlabel("Chance it ranks a customer who left below one who stayed (0.5 = a coin flip)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Latest answer per customer; whiskers: 95% range; higher tells "
                                   "them apart better")
    return fig


_CLASS_COLOURS = {"detractor": "detractor", "detractors": "detractor", "passive": "passive",
                  "passives": "passive", "promoter": "promoter", "promoters": "promoter"}


def _class_colour(name) -> str | None:
    kind = _CLASS_COLOURS.get(str(name).strip().lower())
    return {"detractor": theme.DETRACTOR, "passive": theme.PASSIVE,
            "promoter": theme.brand().primary}.get(kind) if kind else None


@canvas.house_style
def churn_bands(table: pd.DataFrame, *, title: str = "Churn rate by score band",
                subtitle: str | None = None) -> Figure:
    """Vertical bars of the churn rate per band (bands keep their order), labelled with the rate.

    Parameters
    ----------
    table : band, customers, churned, churn_rate (a fraction 0-1 or a percentage 0-100).
    """
    if table.empty or table["churn_rate"].isna().all():
        return canvas.empty(title, "No customers to compare.")
    brand = theme.brand()
    data = table.reset_index(drop=True)
    rate = canvas.percent_scale(data["churn_rate"])
    top = int(np.nanargmax(rate))
    semantic = [_class_colour(b) for b in data["band"]]
    if all(semantic):
        colours = semantic
    else:
        colours = [theme.DETRACTOR if i == top else theme.tint(brand.primary, 0.4)
                   for i in range(len(data))]
    fig, ax = canvas.figure(3.4)
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
    canvas.percent_axis(ax.yaxis)
    ax.set_ylabel("Customers who churned")
    canvas.grid(ax, "y")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Share of each band's customers who left during the period")
    return fig


# --- score integrity ----------------------------------------------------------------------------
@canvas.house_style
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
        return canvas.empty(title, "No unit has enough scored responses to test.")
    brand = theme.brand()
    data = (table.sort_values("share_tens", ascending=False, kind="stable").head(top)
            .iloc[::-1].reset_index(drop=True))
    flagged = data["flagged"].eq(True).to_numpy()
    share = data["share_tens"].astype(float).to_numpy()
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.27, 1.3))
    y = np.arange(len(data))
    ax.barh(y, share, height=0.64, color=[brand.accent if f else theme.LIGHT for f in flagged],
            zorder=2)
    peer = data["peer_share"].astype(float).to_numpy()
    ax.scatter(peer, y, marker="|", s=150, color=theme.INK, linewidths=1.6, zorder=3)
    for yi, s, p, n, f in zip(y, share, peer, data["n"], flagged):
        end = max(s, p) if np.isfinite(p) else s
        ax.annotate(f"{s:.0f}% of {int(n):,}", (end, yi), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=7.6, fontweight="bold" if f else "normal",
                    color=theme.INK if f else theme.MUTED)
    ax.set_yticks(y, [str(u) for u in data["unit"]])
    ax.set_xlim(0, max(np.nanmax(share), np.nanmax(peer) if np.isfinite(peer).any() else 0) * 1.3)
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of the unit's NPS answers that are a 10")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], color=theme.INK, marker="|", linestyle="", markersize=10,
                      markeredgewidth=1.6, label="Everyone else's share")]
    if flagged.any():
        handles.insert(0, Patch(color=brand.accent, label="Implausibly many 10s"))
    ax.legend(handles=handles, loc="lower right", fontsize=7.8, borderaxespad=0.2)
    shown = f"top {len(data)} of {len(table)} units" if len(table) > len(data) else f"{len(data)} units"
    canvas.titles(ax, title, subtitle or f"Share of 10s, {shown}; flagged: more 10s than chance explains")
    return fig


# --- comments -----------------------------------------------------------------------------------
@canvas.house_style
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
        return canvas.empty(title, "No comments to compare.")
    wide = data.pivot_table(index="theme", columns="group", values="share", aggfunc="first",
                            observed=True)
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reindex(columns=[str(g) for g in present]).fillna(0.0)
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=True, kind="stable").index]
    fig, ax = canvas.figure(canvas.bar_height(len(wide), 0.26 * max(1, len(present) * 0.8), 1.3))
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
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of the group's comments that mention the theme")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    ax.legend(loc="lower right", fontsize=7.8, borderaxespad=0.2, handlelength=1.2)
    canvas.titles(ax, title, subtitle or "Comment themes per group (a comment can mention several)")
    return fig


@canvas.house_style
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
        return canvas.empty(title, "No scored responses.")
    brand = theme.brand()
    counts = values.value_counts().reindex(range(11), fill_value=0)
    pct = counts.to_numpy() / len(values) * 100
    colours = [theme.DETRACTOR] * 7 + [theme.PASSIVE] * 2 + [brand.primary] * 2
    fig, ax = canvas.figure(3.3)
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
    canvas.percent_axis(ax.yaxis)
    ax.set_xlabel("How likely are you to recommend us? (0 = not at all, 10 = extremely)")
    ax.set_ylabel("Share of responses")
    canvas.grid(ax, "y")
    canvas.hide_spines(ax, "left")
    handles = [Patch(color=theme.DETRACTOR, label=f"Detractors 0–6: {detractors:.0f}%"),
               Patch(color=theme.PASSIVE, label=f"Passives 7–8: {passives:.0f}%"),
               Patch(color=brand.primary, label=f"Promoters 9–10: {promoters:.0f}%")]
    ax.legend(handles=handles, loc="upper left", fontsize=7.8, borderaxespad=0.2,
              handlelength=1.2)
    canvas.titles(ax, title, subtitle or f"NPS {canvas.signed(promoters - detractors)} = promoters minus "
                                   f"detractors; {len(values):,} answers")
    return fig
