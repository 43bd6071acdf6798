"""Step 5 exhibits: customer-as-hero copy, empathy in replies, response speed, one voice.

Each function takes the frame a ``cxlib.empathy`` function returns and gives back a
:class:`matplotlib.figure.Figure` built without pyplot, with an action title passed as ``title=``
and a grey subtitle that says how to read the chart.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from cxlib.charts import canvas
from cxlib.report import theme
from cxlib.wording import duration

HERO_COMPONENTS = (("focus_points", "Customer focus", 40), ("outcome_points", "Outcome language", 20),
                   ("plain_points", "Plain words", 20), ("reading_points", "Easy reading", 20))


def _component_colours() -> list[str]:
    brand = theme.brand()
    return [brand.primary, brand.secondary, brand.accent, theme.tint(brand.primary, 0.55)]


@canvas.house_style
def choice_comparison(example: pd.DataFrame, *, title: str = "The customer as hero, scored",
                      subtitle: str | None = None) -> Figure:
    """Stacked bars of the customer-as-hero points of each choice, by component.

    Parameters
    ----------
    example : :func:`cxlib.empathy.messaging.worked_example` output (choice, the four points
        columns, hero_score).
    """
    if example.empty:
        return canvas.empty(title, "Nothing to compare.")
    data = example.iloc[::-1].reset_index(drop=True)  # first choice on top
    fig, ax = canvas.figure(2.5)
    y = np.arange(len(data))
    left = np.zeros(len(data))
    for (column, label, most), colour in zip(HERO_COMPONENTS, _component_colours()):
        values = data[column].astype(float).to_numpy()
        ax.barh(y, values, left=left, height=0.56, color=colour, label=f"{label} (max {most})",
                zorder=2, edgecolor="white", linewidth=0.8)
        for yi, lo, v in zip(y, left, values):
            if v >= 6:
                ax.text(lo + v / 2, yi, f"{v:.0f}", ha="center", va="center", fontsize=8,
                        color="white" if colour != theme.brand().accent else theme.INK,
                        fontweight="bold", zorder=3)
        left += values
    for yi, total in zip(y, data["hero_score"].astype(float)):
        ax.annotate(f"{total:.0f}/100", (total, yi), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=10, fontweight="bold", color=theme.INK)
    ax.set_yticks(y, [str(c) for c in data["choice"]])
    ax.set_xlim(0, 112)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel("Customer-as-hero points (0-100)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=4, fontsize=7.6,
              handlelength=1.1, columnspacing=1.2)
    canvas.titles(ax, title, subtitle or "Points earned on each of the four parts of the score")
    return fig


@canvas.house_style
def hero_by_channel(assets: pd.DataFrame, *, title: str = "Who is the hero, channel by channel",
                    subtitle: str | None = None) -> Figure:
    """One dot per asset on the 0-100 customer-as-hero scale, one row per channel, mean marked.

    Parameters
    ----------
    assets : :func:`cxlib.empathy.messaging.score_messages` output (channel, hero_score,
        orientation).
    """
    if assets.empty:
        return canvas.empty(title, "No assets to audit.")
    brand = theme.brand()
    means = assets.groupby("channel")["hero_score"].mean().sort_values()  # best on top
    fig, ax = canvas.figure(canvas.bar_height(len(means), 0.42, 1.4))
    colours = {"company": theme.DETRACTOR, "customer": brand.primary, "balanced": theme.MUTED}
    for row, channel in enumerate(means.index):
        mine = assets[assets["channel"] == channel].sort_values("hero_score").reset_index(drop=True)
        # Spread equal scores vertically so every asset stays visible.
        offsets = np.zeros(len(mine))
        for score, group in mine.groupby(mine["hero_score"].round(0)):
            k = len(group)
            offsets[group.index] = (np.arange(k) - (k - 1) / 2) * min(0.12, 0.6 / max(k, 1))
        ax.scatter(mine["hero_score"], row + offsets, s=34, zorder=3, edgecolors="white",
                   linewidths=0.6, c=[colours.get(o, theme.MUTED) for o in mine["orientation"]])
        mean = means[channel]
        ax.plot([mean, mean], [row - 0.34, row + 0.34], color=theme.INK, linewidth=2, zorder=4)
        ax.annotate(f"{mean:.0f}", (mean, row + 0.34), xytext=(0, 1), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, fontweight="bold", color=theme.INK)
    counts = assets.groupby("channel").size()
    ax.set_yticks(np.arange(len(means)), [f"{c} ({counts[c]})" for c in means.index])
    ax.set_xlim(-3, 103)
    ax.set_ylim(-0.6, len(means) - 0.25)
    ax.set_xlabel("Customer-as-hero score of each asset (0-100)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], color=theme.DETRACTOR, marker="o", linestyle="", label="About the company"),
               Line2D([], [], color=brand.primary, marker="o", linestyle="", label="About the customer"),
               Line2D([], [], color=theme.MUTED, marker="o", linestyle="", label="Balanced"),
               Line2D([], [], color=theme.INK, marker="|", linestyle="", markersize=10,
                      markeredgewidth=2, label="Channel average")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4,
              fontsize=7.6, handletextpad=0.3, columnspacing=1.2)
    canvas.titles(ax, title, subtitle or "Each dot is one asset; number of assets in brackets")
    return fig


@canvas.house_style
def empathy_moves(shares: pd.DataFrame, *, title: str = "What agents' replies do",
                  subtitle: str | None = None) -> Figure:
    """Horizontal bars: share of replies making each empathy move; the full pattern highlighted.

    Parameters
    ----------
    shares : :func:`cxlib.empathy.support.move_shares` output (move, replies, with_move, share);
        the last row is the full pattern.
    """
    if shares.empty:
        return canvas.empty(title, "No replies to read.")
    brand = theme.brand()
    data = shares.iloc[::-1].reset_index(drop=True)  # first move on top, full pattern last
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.36, 1.2))
    y = np.arange(len(data))
    colours = [brand.accent if i == 0 else theme.tint(brand.primary, 0.15) for i in range(len(data))]
    ax.barh(y, data["share"], height=0.62, color=colours, zorder=2)
    for yi, share, k in zip(y, data["share"], data["with_move"]):
        ax.annotate(f"{share:.0f}%  ({int(k):,})", (share, yi), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=8, color=theme.INK, fontweight="bold" if yi == 0 else "normal")
    ax.axhline(0.5, color=theme.LIGHT, linewidth=0.8)
    ax.set_yticks(y, [str(m) for m in data["move"]])
    ax.set_xlim(0, 112)
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of agent replies")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    n = int(data["replies"].iloc[0])
    canvas.titles(ax, title, subtitle or f"Share of {n:,} first replies making each move; in yellow, "
                                   "replies that make all three")
    return fig


def _dot_intervals(ax, labels, means, lows, highs, notes, colours) -> None:
    y = np.arange(len(labels))
    for yi, lo, hi, c in zip(y, lows, highs, colours):
        if np.isfinite(lo) and np.isfinite(hi):
            ax.plot([lo, hi], [yi, yi], color=c, linewidth=2.4, alpha=0.55, zorder=2,
                    solid_capstyle="round")
    ax.scatter(means, y, c=colours, s=52, zorder=3, edgecolors="white", linewidths=0.8)
    for yi, m, hi, note, c in zip(y, means, highs, notes, colours):
        right = hi if np.isfinite(hi) else m
        ax.annotate(note, (right, yi), xytext=(7, 0), textcoords="offset points", va="center",
                    fontsize=8, color=theme.INK)
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.6, len(labels) - 0.4)


@canvas.house_style
def csat_by_empathy(levels: pd.DataFrame, *, title: str = "Ticket CSAT by empathy of the reply",
                    subtitle: str | None = None) -> Figure:
    """Mean ticket CSAT with its 95% interval for each empathy level of the reply.

    Parameters
    ----------
    levels : ``cxlib.empathy.support.empathy_csat(...).levels`` (level, rated, csat, low, high),
        from least to most empathetic.
    """
    if levels.empty:
        return canvas.empty(title, "No rated tickets.")
    brand = theme.brand()
    data = levels.reset_index(drop=True)
    top = int(data["csat"].astype(float).idxmax())
    colours = [brand.primary if i == top else theme.MUTED for i in range(len(data))]
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.42, 1.3))
    means = data["csat"].astype(float).to_numpy()
    lows, highs = data["low"].astype(float).to_numpy(), data["high"].astype(float).to_numpy()
    notes = [f"{m:.1f}  ({int(n):,} tickets)" for m, n in zip(means, data["rated"])]
    _dot_intervals(ax, [str(v) for v in data["level"]], means, lows, highs, notes, colours)
    # the whole 1-5 scale, so a gap of a few tenths looks its size; the labels sit right of 5
    ax.set_xlim(1, 6.3)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.spines["bottom"].set_bounds(1, 5)
    ax.set_xlabel("Average ticket CSAT (1-5), with its 95% range")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Rated tickets only; the line is the 95% range of each average")
    return fig


@canvas.house_style
def agent_ranking(table: pd.DataFrame, *, team_mean: float, top: int = 10,
                  title: str = "Agents ranked by the empathy of their replies",
                  subtitle: str | None = None) -> Figure:
    """Raw and shrunk empathy score of the leading agents (and of the raw leader, if not among them).

    Parameters
    ----------
    table : ``cxlib.empathy.agents.rank_agents(...).table`` (agent_id, replies, raw_score,
        shrunk_score, raw_rank, rank and, when given, full_share in %).
    team_mean : the mean the scores are shrunk towards.
    top : how many agents to show by shrunk rank.
    """
    if table.empty:
        return canvas.empty(title, "No agents to rank.")
    brand = theme.brand()
    shown = table[(table["rank"] <= top) | (table["raw_rank"] == 1)]
    data = shown.sort_values("rank", ascending=False).reset_index(drop=True)  # rank 1 on top
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.3, 1.3))
    y = np.arange(len(data))
    raw, shrunk = data["raw_score"].astype(float).to_numpy(), data["shrunk_score"].astype(float).to_numpy()
    for yi, r, s in zip(y, raw, shrunk):
        ax.annotate("", xy=(s, yi), xytext=(r, yi), zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": theme.LIGHT, "linewidth": 1.2,
                                "shrinkA": 4, "shrinkB": 4, "mutation_scale": 8})
    ax.scatter(raw, y, s=34, facecolors="white", edgecolors=theme.MUTED, linewidths=1.2, zorder=3)
    ax.scatter(shrunk, y, s=44, color=brand.primary, zorder=4, edgecolors="white", linewidths=0.6)
    ax.axvline(team_mean, color=theme.INK, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
    ax.annotate(f"Team average {team_mean:.0f}", (team_mean, 1), xycoords=("data", "axes fraction"),
                xytext=(-3, -2), textcoords="offset points", ha="right", va="top", fontsize=7.6)
    # the share of full-pattern replies rides on the label, so the chart is the ranking's one exhibit
    full = data["full_share"] if "full_share" in data else pd.Series(np.nan, index=data.index)
    labels = [f"{int(k)}. {a}  ({int(n)} replies" + (f", {f:.0f}% full pattern)" if pd.notna(f) else ")")
              for k, a, n, f in zip(data["rank"], data["agent_id"], data["replies"], full)]
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 104)  # the whole 0-100 scale
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlabel("Empathy score of the agent's replies (0-100)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                      markeredgecolor=theme.MUTED, label="Raw average"),
               Line2D([], [], marker="o", linestyle="", color=brand.primary,
                      label="Shrunk towards the team average (ranked on this)")]
    # below the axis: inside it, the legend would sit on the lowest agents' dots
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=7.6,
              handletextpad=0.3, columnspacing=1.2)
    canvas.titles(ax, title, subtitle or "Few replies, more shrinkage: the arrow shows how far each "
                                   "average moves")
    return fig


def ranking_chart(ranking, *, top: int = 8, title: str = "Agents ranked by the empathy of their replies",
                  subtitle: str | None = None) -> Figure:
    """:func:`agent_ranking` of a :class:`cxlib.empathy.agents.AgentRanking` (its table and team mean)."""
    return agent_ranking(ranking.table, team_mean=ranking.shrinkage.team_mean, top=top, title=title,
                         subtitle=subtitle)


@canvas.house_style
def first_response(channels: pd.DataFrame, *, title: str = "Who answers within target",
                   subtitle: str | None = None) -> Figure:
    """Share of each channel's tickets with a first response within the channel's own target, the
    target and the median wait noted.

    Parameters
    ----------
    channels : ``cxlib.empathy.support.response_speed(...).against_targets`` (channel, tickets,
        target_minutes, median_minutes, share in %).
    """
    if channels.empty:
        return canvas.empty(title, "No first-response times.")
    brand = theme.brand()
    data = channels.sort_values("share", kind="stable").reset_index(drop=True)  # best on top
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.4, 1.3))
    y = np.arange(len(data))
    share = data["share"].astype(float).to_numpy()
    colours = [brand.primary if s >= 50 else theme.DETRACTOR for s in share]
    ax.barh(y, share, height=0.6, color=colours, zorder=2)
    for yi, s, target, med, n in zip(y, share, data["target_minutes"], data["median_minutes"], data["tickets"]):
        wait = f"median wait {duration(float(med))}" if np.isfinite(float(med)) else "never answered"
        ax.annotate(f"{s:.0f}% within {duration(float(target))} · {wait}  ({int(n):,} tickets)", (s, yi),
                    xytext=(5, 0), textcoords="offset points", va="center", fontsize=8, color=theme.INK)
    ax.set_yticks(y, [str(c) for c in data["channel"]])
    ax.set_xlim(0, 175)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Tickets with a first response within the channel's own target")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Targets from the channel list; red: fewer than half the "
                                   "tickets answered within target")
    return fig


@canvas.house_style
def reply_tone(table: pd.DataFrame, *, title: str = "How support sounds, channel by channel",
               subtitle: str | None = None) -> Figure:
    """Average tone of the agents' replies per channel with its 95% interval, on the whole scale.

    Parameters
    ----------
    table : ``cxlib.empathy.consistency.channel_voice`` output (channel, replies, reply_tone,
        reply_tone_low, reply_tone_high, colder).
    """
    data = table[table["replies"].fillna(0) > 0]
    if data.empty:
        return canvas.empty(title, "No replies to read.")
    brand = theme.brand()
    data = data.sort_values("reply_tone", kind="stable").reset_index(drop=True)  # warmest on top
    colours = [theme.DETRACTOR if bool(c) else brand.primary for c in data["colder"]]
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.4, 1.3))
    means = data["reply_tone"].astype(float).to_numpy()
    lows = data["reply_tone_low"].astype(float).to_numpy()
    highs = data["reply_tone_high"].astype(float).to_numpy()
    notes = [canvas.signed(m, 2) + f"  ({int(n):,} replies)"
             for m, n in zip(means, data["replies"])]
    _dot_intervals(ax, [str(c) for c in data["channel"]], means, lows, highs, notes, colours)
    ax.axvline(0, color=theme.MUTED, linewidth=0.8, zorder=1)
    ax.set_xlim(-1.02, 1.02)  # the whole scale, so a small gap looks its size
    ax.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(
        lambda v, _: f"{v:+.1f}".replace("-", canvas.MINUS) if abs(v) > 1e-9 else "0"))
    ax.set_xlabel("Average tone of the replies (\u22121 very negative, +1 very positive)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], color=theme.DETRACTOR, marker="o", linestyle="",
                      label="Colder than the other channels, beyond chance")]
    if data["colder"].any():
        # below the axis: inside it, the legend would sit on the coldest channel's label
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.25), fontsize=7.6,
                  handletextpad=0.3)
    canvas.titles(ax, title, subtitle or "Average tone of each channel's replies, with its 95% range")
    return fig
