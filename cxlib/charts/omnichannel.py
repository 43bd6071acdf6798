"""Step 4 exhibits: channel choice by generation, usage against budget, speed against target,
the cost of repeating information, effort by channel and the convenience index.

Each function takes a table (or result) of :mod:`cxlib.omnichannel` and returns a
:class:`matplotlib.figure.Figure` built without pyplot, with the action title passed as ``title=``
and a grey subtitle that says how to read the chart.
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cxlib.charts import canvas
from cxlib.omnichannel.channels import label
from cxlib.wording import duration
from cxlib.report import theme
from cxlib.wording import signed


def _percent_axis(axis) -> None:
    canvas.percent_axis(axis)


# --- preference -----------------------------------------------------------------------------------
@canvas.house_style
def preference_heatmap(table: pd.DataFrame, *, title: str = "Where each generation starts a contact",
                       subtitle: str | None = None, note: str | None = None) -> Figure:
    """Heatmap of each age band's share of opening contacts per channel (rows add up to 100%).

    Parameters
    ----------
    table : ``cxlib.omnichannel.preference.channel_preference(...).table`` (age_band, label,
        channel, contacts, band_contacts, share 0-1), bands in order, youngest first.
    note : a line under the chart (what the shares rest on), wrapped to the chart's width.
    """
    if table.empty:
        return canvas.empty(title, "No contacts could be matched to an age band.")
    brand = theme.brand()
    rows = list(dict.fromkeys(table["label"]))
    overall = table.groupby("channel")["contacts"].sum().sort_values(ascending=False)
    columns = list(overall.index)
    grid = (table.pivot_table(index="label", columns="channel", values="share", aggfunc="first")
            .reindex(index=rows, columns=columns).fillna(0.0).to_numpy() * 100)
    sizes = table.drop_duplicates("label").set_index("label")["band_contacts"].reindex(rows)
    cmap = LinearSegmentedColormap.from_list("brand", ["#FFFFFF", theme.tint(brand.primary, 0.55),
                                                        brand.primary])
    fig, ax = canvas.figure(canvas.bar_height(len(rows), 0.42, 1.5, low=2.8))
    top = max(float(grid.max()), 1.0)
    ax.imshow(grid, cmap=cmap, vmin=0, vmax=top, aspect="auto")
    for (r, c), value in np.ndenumerate(grid):
        dark = value / top > 0.55
        ax.text(c, r, f"{value:.0f}%", ha="center", va="center", fontsize=8.5,
                fontweight="bold" if value / top > 0.55 else "normal",
                color="white" if dark else theme.INK)
    ax.set_xticks(range(len(columns)), [label(c).replace(" ", "\n") for c in columns])
    ax.set_yticks(range(len(rows)), rows)
    counts = ax.secondary_yaxis("right")
    counts.set_yticks(range(len(rows)), [f"{int(n):,} contacts" for n in sizes])
    counts.tick_params(length=0, labelsize=7.6, labelcolor=theme.MUTED)
    counts.spines["right"].set_visible(False)
    ax.grid(False)
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    ax.grid(True, which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    canvas.hide_spines(ax, "left", "bottom", "top", "right")
    canvas.titles(ax, title, subtitle or "Share of each age band's opening contacts by channel; "
                                   "each row adds up to 100%")
    if note:
        ax.set_xlabel(textwrap.fill(note, 120), fontsize=7.6, color=theme.MUTED, labelpad=8)
    return fig


def channel_choice(result, *, title: str = "Where each generation starts a contact") -> Figure:
    """The heatmap of :func:`preference_heatmap` for a ``PreferenceResult``, its subtitle saying how
    many contacts the shares rest on and whether choice depends on age beyond chance."""
    words = result.in_words()
    return preference_heatmap(result.table, title=title, note=f"{words[:1].upper()}{words[1:]}.")


# --- presence -------------------------------------------------------------------------------------
@canvas.house_style
def usage_vs_budget(table: pd.DataFrame, *, title: str = "Share of contacts against share of budget",
                    subtitle: str | None = None) -> Figure:
    """Paired horizontal bars per channel: share of contacts and share of the service budget.

    Parameters
    ----------
    table : ``cxlib.omnichannel.presence.presence_gap(...).table`` (channel, label, offered,
        contacts, usage_share, investment_share, gap, ...; shares 0-1).
    """
    if table.empty:
        return canvas.empty(title, "No channels to compare.")
    brand = theme.brand()
    data = table.sort_values("usage_share", kind="stable").reset_index(drop=True)
    usage = data["usage_share"].astype(float).to_numpy() * 100
    budget = data["investment_share"].astype(float).to_numpy() * 100
    offered = data["offered"].astype(bool).to_numpy()
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.42, 1.4))
    y = np.arange(len(data))
    h = 0.38
    ax.barh(y + h / 2, usage, height=h, color=brand.primary, zorder=2, label="Share of contacts")
    ax.barh(y - h / 2, budget, height=h, color=theme.tint(brand.secondary, 0.45), zorder=2,
            label="Share of service budget")
    for yi, u, b in zip(y, usage, budget):
        ax.annotate(f"{u:.0f}%", (u, yi + h / 2), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7.6, color=theme.INK, fontweight="bold")
        ax.annotate(f"{b:.0f}%", (b, yi - h / 2), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7.6, color=theme.MUTED)
    right = max(usage.max(), budget.max())
    for yi, row, u, b in zip(y, data.itertuples(), usage, budget):
        gap = u - b
        if not row.offered:
            continue
        if abs(gap) >= 5:
            note = f"{abs(round(u) - round(b)):.0f} points more\n" + ("contacts than budget" if gap > 0
                                                                       else "budget than contacts")
            colour = theme.DETRACTOR if gap > 0 else theme.MUTED
        else:
            continue
        ax.annotate(note, (right * 1.15, yi), va="center", ha="left", fontsize=7.4, color=colour,
                    linespacing=1.1,
                    fontweight="bold" if colour == theme.DETRACTOR else "normal")
    ax.set_yticks(y, [str(lbl) if o else f"{lbl}\n(not offered)" for lbl, o in zip(data["label"], offered)])
    for tick, is_offered in zip(ax.get_yticklabels(), offered):
        if not is_offered:
            tick.set_color(theme.DETRACTOR)
    ax.set_xlim(0, right * 1.7)
    ax.set_ylim(-0.6, len(data) - 0.4)
    _percent_axis(ax.xaxis)
    ax.set_xlabel("Share of all customer contacts / of the service budget")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    ax.legend(loc="lower right", fontsize=7.8, borderaxespad=0.2, handlelength=1.2)
    canvas.titles(ax, title, subtitle or "Where customers contact us against where the money goes; gaps of 5 "
                                   "points or more named")
    return fig


# --- speed ----------------------------------------------------------------------------------------
@canvas.house_style
def answered_in_time(table: pd.DataFrame, *, title: str = "Share of contacts answered within target",
                     subtitle: str | None = None) -> Figure:
    """Horizontal bars of the share answered within target per channel, with 95% intervals.

    Parameters
    ----------
    table : ``cxlib.omnichannel.speed.response_speed(...).table`` (channel, label, contacts,
        median_minutes, target_minutes, target_set, in_time_share, low, high; shares 0-1).
    """
    if table.empty:
        return canvas.empty(title, "No contacts with a first response.")
    brand = theme.brand()
    data = table.sort_values(["target_set", "in_time_share"], ascending=[True, True],
                             kind="stable").reset_index(drop=True)
    share = data["in_time_share"].astype(float).to_numpy() * 100
    low = data["low"].astype(float).to_numpy() * 100
    high = data["high"].astype(float).to_numpy() * 100
    judged = data["target_set"].astype(bool).to_numpy()
    colours = [theme.LIGHT if not j else theme.DETRACTOR if s < 50 else brand.primary
               for j, s in zip(judged, share)]
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.36, 1.4))
    y = np.arange(len(data))
    ax.barh(y, share, height=0.62, color=colours, zorder=2)
    ax.errorbar(share, y, xerr=[np.clip(share - low, 0, None), np.clip(high - share, 0, None)],
                fmt="none", ecolor=theme.INK, elinewidth=0.8, capsize=2.2, capthick=0.8, zorder=3)
    for yi, s, h, row in zip(y, share, high, data.itertuples()):
        target = duration(row.target_minutes) + ("" if row.target_set else " (default)")
        ax.annotate(f"{s:.0f}%   median {duration(row.median_minutes)} · target {target}",
                    (h, yi), xytext=(5, 0), textcoords="offset points", va="center", fontsize=7.6,
                    color=theme.INK if row.target_set else theme.MUTED,
                    fontweight="bold" if s < 50 and row.target_set else "normal",
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"}, zorder=4)
    ax.axvline(50, color=theme.MUTED, linewidth=0.8, linestyle=(0, (4, 3)), zorder=1)
    ax.set_yticks(y, [str(lbl) for lbl in data["label"]])
    ax.set_xlim(0, 175)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_ylim(-0.6, len(data) - 0.4)
    _percent_axis(ax.xaxis)
    ax.set_xlabel("Contacts first answered within the channel's target (never answered = missed)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Patch(color=brand.primary, label="Half or more in time"),
               Patch(color=theme.DETRACTOR, label="Less than half in time")]
    if (~judged).any():
        handles.append(Patch(color=theme.LIGHT, label="No target set: held to one day"))
    ax.legend(handles=handles, loc="lower right", fontsize=7.6, borderaxespad=0.2,
              handlelength=1.2)
    canvas.titles(ax, title, subtitle or "Share answered within target with its 95% range; median "
                                   "first response and target on the right")
    return fig


# --- continuity -----------------------------------------------------------------------------------
@canvas.house_style
def cost_of_repeating(continuity, *, title: str = "Resolution and scores after a channel switch",
                      subtitle: str | None = None) -> Figure:
    """Up to three panels, repeated against carried over: resolution, CES and NPS, each group with its
    95% range and, under each panel's name, the gap (from the rounded values shown) and its range.

    Parameters
    ----------
    continuity : ``cxlib.omnichannel.continuity.switch_continuity(...)`` (its ``resolution``
        table and ``ces`` / ``nps`` gaps, from survey answers given soon after a switch; a panel
        without data is left out).
    """
    if continuity.recorded == 0:
        return canvas.empty(title, "Repeated information was not recorded on any channel switch.")
    brand = theme.brand()
    res = continuity.resolution.set_index("group")
    panels, names = [], []
    if np.isfinite(continuity.resolution_diff):  # both groups large enough to compare
        shares = [100 * res.loc[g, "share"] for g in ("repeated", "carried over")]
        panels.append(("Contacts resolved", "%", shares,
                       [(100 * res.loc[g, "low"], 100 * res.loc[g, "high"]) for g in ("repeated", "carried over")],
                       [int(res.loc[g, "contacts"]) for g in ("repeated", "carried over")], "contacts"))
        names.append(f"Contacts resolved\n{signed(round(shares[0]) - round(shares[1]))} points "
                     f"({signed(100 * continuity.resolution_low)} to {signed(100 * continuity.resolution_high)})")
    for gap, name, digits in ((continuity.ces, "Effort (CES, 1-7)", 1), (continuity.nps, "NPS", 0)):
        if gap is None:
            continue
        panels.append((name, "", [gap.repeated, gap.carried],
                       [(gap.repeated_low, gap.repeated_high), (gap.carried_low, gap.carried_high)],
                       [gap.n_repeated, gap.n_carried], "customers"))
        shown = round(round(gap.repeated, digits) - round(gap.carried, digits), digits)
        names.append(f"{name}\n{signed(shown, digits)} ({signed(gap.low, digits)} to {signed(gap.high, digits)})")
    if not panels:
        return canvas.empty(title, "Neither group is large enough to compare resolution or scores.")
    fig = Figure(figsize=(canvas.WIDTH, 2.9), layout="constrained")
    fig.get_layout_engine().set(w_pad=0.06, h_pad=0.06)
    grid = fig.add_gridspec(2, len(panels), height_ratios=[0.02, 1])
    head = fig.add_subplot(grid[0, :])
    head.axis("off")
    colours = [theme.DETRACTOR, brand.primary]
    for i, (name, unit, values, bounds, ns, noun) in enumerate(panels):
        ax = fig.add_subplot(grid[1, i])
        x = np.arange(2)
        ax.bar(x, values, width=0.6, color=colours, zorder=2)
        bounds = [(v, v) if not np.isfinite(b[0]) else b for v, b in zip(values, bounds)]
        ax.errorbar(x, values, yerr=[[v - b[0] for v, b in zip(values, bounds)],
                                     [b[1] - v for v, b in zip(values, bounds)]],
                    fmt="none", ecolor=theme.INK, elinewidth=0.8, capsize=2.5, capthick=0.8, zorder=3)
        top = max(max(values), max(b[1] for b in bounds), 0)
        bottom = min(min(values), min(b[0] for b in bounds), 0)
        for xi, v, b in zip(x, values, bounds):
            text = f"{v:.0f}{unit}" if unit else (f"{v:.1f}" if name.startswith("Effort") else signed(v))
            ax.annotate(text, (xi, max(b[1], 0)), xytext=(0, 3), textcoords="offset points",
                        ha="center", va="bottom", fontsize=9.5, fontweight="bold", color=theme.INK)
        span = top - bottom if top > bottom else 1
        ax.set_ylim(bottom - 0.02 * span, top + 0.22 * span)
        ax.set_xticks(x, [f"Repeated\n{ns[0]:,} {noun}", f"Carried over\n{ns[1]:,} {noun}"])
        ax.tick_params(axis="x", labelsize=7.6)
        ax.set_yticks([])
        ax.set_title(names[i], fontsize=8.5, fontweight="bold", loc="center", color=theme.INK, pad=4,
                     linespacing=1.5)
        canvas.grid(ax, "y")
        ax.grid(False)
        canvas.hide_spines(ax, "left")
        ax.axhline(0, color=theme.LIGHT, linewidth=0.8)
    scores = getattr(continuity, "scores", None)
    survey = (f"; scores from survey answers within {scores.days} days after the switch"
              if scores is not None and len(panels) > 1 else "")
    canvas.titles(head, title, subtitle or f"Each group with its 95% range{survey}")
    return fig


# --- effort ---------------------------------------------------------------------------------------
@canvas.house_style
def effort_by_channel(table: pd.DataFrame, *, title: str = "How easy each channel is",
                      subtitle: str | None = None, overall: float | None = None) -> Figure:
    """Dot plot of mean CES per channel with its 95% range, easiest at the top, on the whole 1-7 scale
    so that a difference of a tenth looks like one.

    Parameters
    ----------
    table : ``cxlib.omnichannel.effort.effort_by_channel(...).table`` (channel, label, n, mean,
        low, high, share_easy).
    subtitle : what the comparison says (:meth:`cxlib.omnichannel.effort.EffortResult.in_words`).
    overall : overall mean CES, drawn as a dashed line.
    """
    if table.empty:
        return canvas.empty(title, "No channel has enough CES answers.")
    brand = theme.brand()
    data = table.sort_values("mean", kind="stable").reset_index(drop=True)
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.3, 1.3))
    y = np.arange(len(data))
    ax.hlines(y, data["low"], data["high"], colors=brand.primary, linewidth=2.2, alpha=0.5, zorder=2)
    ax.scatter(data["mean"], y, color=brand.primary, s=44, zorder=3, edgecolors="white",
               linewidths=0.8)
    for yi, row in zip(y, data.itertuples()):
        # the label goes on the side of the scale with more room, so it never runs off the axis
        right = (SCALE[1] - row.high) >= (row.low - SCALE[0])
        ax.annotate(f"{row.mean:.1f}  ({row.share_easy:.0%} easy, {int(row.n):,} answers)",
                    (row.high if right else row.low, yi), xytext=(6 if right else -6, 0), textcoords="offset points",
                    va="center", ha="left" if right else "right", fontsize=7.8, color=theme.INK)
    if overall is not None and np.isfinite(overall):
        ax.axvline(overall, color=theme.INK, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
        ax.annotate(f"All channels {overall:.1f}", (overall, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -2), textcoords="offset points", ha="left", va="top", fontsize=7.6,
                    color=theme.INK)
    ax.set_xlim(*SCALE)
    ax.set_xticks(range(SCALE[0], SCALE[1] + 1))
    ax.set_yticks(y, [str(lbl) for lbl in data["label"]])
    ax.set_ylim(-0.6, len(data) + 0.1)  # room at the top for the reference line's label
    ax.set_xlabel("Mean CES on its whole 1-7 scale (7: the company made it very easy), with its 95% range")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Mean CES per channel with its 95% range")
    return fig


SCALE = (1, 7)  # the CES answer scale, shown whole


def channel_effort(result, *, title: str = "How easy each channel is") -> Figure:
    """The dot plot of :func:`effort_by_channel` for an ``EffortResult``, with its overall mean and, as
    its subtitle, whether the channels differ by more than chance."""
    return effort_by_channel(result.table, title=title, subtitle=result.in_words(), overall=result.overall)


# --- convenience ----------------------------------------------------------------------------------
@canvas.house_style
def convenience_index(table: pd.DataFrame, *, title: str = "Convenience index by channel",
                      subtitle: str | None = None) -> Figure:
    """Horizontal bars of the convenience index (0-100) per channel, most convenient on top.

    Parameters
    ----------
    table : ``cxlib.omnichannel.convenience.convenience_index(...).table`` (channel, label,
        contacts, in_time, resolved, easy, continuous, parts, index).
    """
    data = table.dropna(subset=["index"])
    if data.empty:
        return canvas.empty(title, "No channel could be scored.")
    brand = theme.brand()
    data = data.sort_values("index", kind="stable").reset_index(drop=True)
    index = data["index"].astype(float).to_numpy()
    worst = int(np.argmin(index))
    colours = [theme.DETRACTOR if i == worst else brand.primary if p == 4
               else theme.tint(brand.primary, 0.5) for i, p in enumerate(data["parts"])]
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.34, 1.3))
    y = np.arange(len(data))
    ax.barh(y, index, height=0.62, color=colours, zorder=2)
    for yi, v, p, n in zip(y, index, data["parts"], data["contacts"]):
        note = "" if p == 4 else f"  ({p} of 4 parts)"
        ax.annotate(f"{v:.0f}{note}", (v, yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=8, color=theme.INK,
                    fontweight="bold" if p == 4 else "normal")
    ax.set_yticks(y, [str(lbl) for lbl in data["label"]])
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlabel("Convenience index, 0-100 (average of the four parts)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Patch(color=brand.primary, label="All four parts measured")]
    if (data["parts"] < 4).any():
        handles.append(Patch(color=theme.tint(brand.primary, 0.5), label="Some parts without data"))
    handles.append(Line2D([], [], color=theme.DETRACTOR, linewidth=6, label="Least convenient"))
    ax.legend(handles=handles, loc="lower right", fontsize=7.6, borderaxespad=0.2,
              handlelength=1.2)
    canvas.titles(ax, title, subtitle or "In time, resolved, easy and without repeating, averaged; "
                                   "100 would be perfect on every part")
    return fig
