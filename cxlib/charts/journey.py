"""Step 3 journey exhibits: the journey map, reach, transitions, common paths, moments of truth.

Each function takes a frame from :mod:`cxlib.journey` and returns a Figure built without pyplot,
with an action title (``title=``) and a grey subtitle that says how to read it.
"""
from __future__ import annotations

import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch, Rectangle

from cxlib.charts import canvas
from cxlib.journey.mapping import HOT_EFFORT, HOT_SATISFACTION, STAGES
from cxlib.journey.moments import stated_gap
from cxlib.report import theme


def satisfaction_colours() -> tuple[LinearSegmentedColormap, TwoSlopeNorm]:
    """Colour scale of mean satisfaction: red at 2.5 or below, pale at 3.5, the brand at 4.5."""
    brand = theme.brand()
    cmap = LinearSegmentedColormap.from_list(
        "satisfaction", [theme.DETRACTOR, "#F6F4F0", brand.primary])
    return cmap, TwoSlopeNorm(vmin=2.5, vcenter=3.5, vmax=4.5)


def _ink_on(colour) -> str:
    return "white" if theme.luminance(mpl.colors.to_hex(colour)) < 0.4 else theme.INK


@canvas.house_style
def journey_map(table: pd.DataFrame, stages: pd.DataFrame, *,
                title: str = "The customer journey, stage by stage",
                subtitle: str | None = None) -> Figure:
    """The journey map: one column per stage, one box per touchpoint coloured by satisfaction.

    Each box shows the touchpoint, its mean satisfaction (1-5) and effort (1-7) and its number of
    events; hot spots (satisfaction below 3 or effort 5 or more) get a dark outline.

    Parameters
    ----------
    table : ``cxlib.journey.mapping.journey_map(...).table``.
    stages : ``cxlib.journey.mapping.journey_map(...).stages``.
    """
    if table.empty:
        return canvas.empty(title, "No touchpoint events.")
    cmap, norm = satisfaction_colours()
    present = [s for s in STAGES if s in set(table["stage"])]
    present += [s for s in dict.fromkeys(table["stage"]) if s not in present]
    rows = max(int((table["stage"] == s).sum()) for s in present)
    header, box_h, gap = 1.15, 1.0, 0.12
    height = header + rows * (box_h + gap)
    fig, ax = canvas.figure(1.35 + 0.58 * height)
    ax.set_xlim(0, len(present))
    ax.set_ylim(height, -0.05)
    ax.axis("off")
    by_stage = stages.set_index("stage") if len(stages) else pd.DataFrame()
    for col, stage in enumerate(present):
        x0 = col + 0.04
        width = 0.92
        ax.add_patch(Rectangle((x0, 0), width, header - 0.12, color=theme.brand().primary,
                               zorder=1))
        ax.text(col + 0.5, 0.36, stage.capitalize(), ha="center", va="center", fontsize=7.6,
                fontweight="bold", color=_ink_on(theme.brand().primary), zorder=2)
        if stage in by_stage.index:
            s = by_stage.loc[stage]
            means = [f"{label} {s[c]:.1f}" for label, c in (("sat", "satisfaction"), ("effort", "effort"))
                     if pd.notna(s[c])]  # a rating nobody gave is left out, never shown as nan
            ax.text(col + 0.5, 0.76, " · ".join(means),
                    ha="center", va="center", fontsize=5.9, color=_ink_on(theme.brand().primary),
                    zorder=2)
        points = table[table["stage"] == stage].sort_values("events", ascending=False,
                                                             kind="stable")
        for k, row in enumerate(points.itertuples()):
            y0 = header + k * (box_h + gap)
            sat = row.satisfaction
            face = cmap(norm(np.clip(sat, 2.5, 4.5))) if pd.notna(sat) else theme.GRID
            ink = _ink_on(face)
            ax.add_patch(FancyBboxPatch((x0, y0), width, box_h, boxstyle="round,pad=0,rounding_size=0.06",
                                        facecolor=face, edgecolor=theme.INK if row.hot_spot else "none",
                                        linewidth=1.6 if row.hot_spot else 0, zorder=2))
            name = "\n".join(textwrap.wrap(str(row.touchpoint), 13, break_long_words=False)[:2])
            ax.text(col + 0.5, y0 + 0.3, name, ha="center", va="center", fontsize=6.3,
                    fontweight="bold", color=ink, zorder=3, linespacing=0.95)
            sat_text = f"{sat:.1f}" if pd.notna(sat) else "–"
            eff_text = f"{row.effort:.1f}" if pd.notna(row.effort) else "–"
            ax.text(col + 0.5, y0 + 0.68, f"sat {sat_text} · effort {eff_text}", ha="center",
                    va="center", fontsize=5.8, color=ink, zorder=3,
                    fontweight="bold" if pd.notna(row.effort) and row.effort >= HOT_EFFORT else "normal")
            ax.text(col + 0.5, y0 + 0.88, f"{int(row.events):,} events", ha="center", va="center",
                    fontsize=5.3, color=ink, zorder=3, alpha=0.85)
    bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, orientation="horizontal",
                       fraction=0.045, pad=0.02, aspect=40, shrink=0.55, anchor=(0.0, 1.0))
    bar.set_ticks([2.5, 3.0, 3.5, 4.0, 4.5])
    bar.ax.tick_params(labelsize=7)
    bar.outline.set_visible(False)
    bar.set_label("Mean satisfaction, 1 to 5 (box colour)", fontsize=7.5)
    ax.legend(handles=[Patch(facecolor="white", edgecolor=theme.INK, linewidth=1.6,
                             label=f"Hot spot: satisfaction below {HOT_SATISFACTION:.0f} or "
                                   f"effort {HOT_EFFORT:.0f}+ of 7")],
              loc="upper right", bbox_to_anchor=(1.0, -0.005), fontsize=7.3, frameon=False,
              handlelength=1.4)
    canvas.titles(ax, title, subtitle or "Touchpoints per stage, busiest first; sat = mean "
                                   "satisfaction (1–5), effort = mean effort (1–7, higher is harder)")
    return fig


@canvas.house_style
def stage_reach(table: pd.DataFrame, *, cohort: int, entry: str = "awareness", who: str | None = None,
                title: str = "How far people get", subtitle: str | None = None) -> Figure:
    """Bars of the share of the entry cohort reaching each stage, the drop between funnel stages.

    Parameters
    ----------
    table : ``cxlib.journey.mapping.stage_reach(...).table`` (stage, people, share, next_stage,
        continued_share, drop_share).
    cohort : people in the entry cohort.
    who : the cohort in words ("people first seen at awareness by 28 May 2026"); by default
        "people first seen at <entry>".
    """
    if table.empty or cohort == 0:
        return canvas.empty(title, f"Nobody entered the journey at {entry}.")
    brand = theme.brand()
    data = table.reset_index(drop=True)
    fig, ax = canvas.figure(3.5)
    y = np.arange(len(data))[::-1]
    share = data["share"].astype(float).to_numpy()
    drops = data["drop_share"].astype(float)
    worst = drops.idxmax() if drops.notna().any() else None
    funnel = data["next_stage"].notna() | data["stage"].isin(data["next_stage"].dropna())
    ax.barh(y, share, height=0.62, zorder=2,
            color=[brand.primary if f else theme.tint(brand.primary, 0.6) for f in funnel])
    for yi, s, n in zip(y, share, data["people"]):
        ax.annotate(f"{s:.0f}%  ({int(n):,})", (s, yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=7.8, color=theme.INK)
    for i, row in data.iterrows():
        if pd.isna(row["drop_share"]):
            continue
        strong = i == worst
        ax.annotate(f"{row['drop_share']:.0f}% go no further", (114, y[i] - 0.5), ha="left",
                    va="center", fontsize=7.6, annotation_clip=False,
                    color=theme.DETRACTOR if strong else theme.MUTED,
                    fontweight="bold" if strong else "normal")
    ax.set_yticks(y, [str(s).capitalize() for s in data["stage"]])
    ax.set_xlim(0, 113)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel(f"Share of the {cohort:,} {who or f'people first seen at {entry}'} who reached the stage")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Dark bars are the way to first use; on the right, the "
                                   "share of those at a stage who never reach the next one")
    return fig


@canvas.house_style
def transition_heatmap(shares: pd.DataFrame, *, title: str = "Where people go next",
                       subtitle: str | None = None) -> Figure:
    """Heat map of the stage transition matrix; the textbook next step of each stage is outlined.

    Parameters
    ----------
    shares : ``cxlib.journey.paths.transition_matrix(...).shares`` (from-stage rows, to-stage
        columns, % of each row's moves); a stage's own cell shows a dash, since staying is not a move.
    """
    if shares.empty or shares.isna().all().all():
        return canvas.empty(title, "Nobody moved between touchpoints.")
    brand = theme.brand()
    values = shares.astype(float).to_numpy()
    cmap = LinearSegmentedColormap.from_list("share", ["#FFFFFF", brand.primary])
    fig, ax = canvas.figure(3.7)
    ax.imshow(np.nan_to_num(values), cmap=cmap, vmin=0, vmax=100, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            if np.isfinite(v) and v >= 0.5:
                ax.text(j, i, f"{v:.0f}%", ha="center", va="center", fontsize=7.6,
                        color="white" if v >= 45 else theme.INK,
                        fontweight="bold" if j == i + 1 or v >= 30 else "normal")
    for i in range(min(values.shape[0], values.shape[1]) - 1):
        ax.add_patch(Rectangle((i + 0.5, i - 0.5), 1, 1, fill=False, edgecolor=brand.accent,
                               linewidth=2, zorder=3))
    for i in range(min(values.shape)):  # staying in a stage is not a move: its cell is left blank
        ax.add_patch(Rectangle((i - 0.5, i - 0.5), 1, 1, color="white", zorder=2))
        ax.text(i, i, "–", ha="center", va="center", fontsize=7.6, color=theme.MUTED, zorder=3)
    labels = [str(s).capitalize() for s in shares.columns]
    ax.set_xticks(np.arange(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(np.arange(len(shares.index)), [str(s).capitalize() for s in shares.index])
    ax.tick_params(axis="x", labeltop=False)
    ax.set_xlabel("Stage moved to")
    ax.set_ylabel("From stage")
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    canvas.titles(ax, title, subtitle or "Share of the moves out of each stage (row) that go to each "
                                   "stage (column); outlined: the textbook step")
    return fig


@canvas.house_style
def common_paths(table: pd.DataFrame, *, reached: int, top: int = 6,
                 title: str = "The paths new customers take to first use",
                 subtitle: str | None = None) -> Figure:
    """The most common paths as labelled bars, the textbook path in the brand colour.

    Parameters
    ----------
    table : ``cxlib.journey.paths.common_paths(...).table`` (path, people, share, textbook).
    reached : people who reached the end stage (the bars' base).
    top : paths shown.
    """
    if table.empty:
        return canvas.empty(title, "Nobody reached the end of the path yet.")
    brand = theme.brand()
    data = table.head(top).reset_index(drop=True)
    fig, ax = canvas.figure(0.9 + 0.48 * len(data))
    y = np.arange(len(data))[::-1].astype(float)
    share = data["share"].astype(float).to_numpy()
    ax.barh(y - 0.12, share, height=0.36, zorder=2,
            color=[brand.primary if t else theme.tint(brand.primary, 0.55) for t in data["textbook"]])
    for yi, s, n, path, textbook in zip(y, share, data["people"], data["path"], data["textbook"]):
        ax.annotate(f"{s:.0f}%  ({int(n):,})", (s, yi - 0.12), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=7.8, color=theme.INK)
        ax.annotate(path + ("   ← the textbook path" if textbook else ""), (0, yi + 0.2),
                    va="center", ha="left", fontsize=7.6, color=theme.INK,
                    fontweight="bold" if textbook else "normal")
    ax.set_yticks([])
    ax.set_xlim(0, max(share.max() * 1.25, 10))
    ax.set_ylim(-0.55, len(data) - 0.45)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel(f"Share of the {reached:,} new customers who reached first use")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    canvas.titles(ax, title, subtitle or "Stages in the order each person went through them, "
                                   "repeats merged")
    return fig


@canvas.house_style
def moments_of_truth(table: pd.DataFrame, *, title: str = "The touchpoints whose failure goes with a lower NPS",
                     subtitle: str | None = None, top: int = 10) -> Figure:
    """Forest plot: NPS gap between customers with a bad and a fine experience, per touchpoint.

    Parameters
    ----------
    table : ``cxlib.journey.moments.moments_of_truth(...).tested`` (stage, touchpoint, customers,
        bad, gap, low, high, significant), largest gap first.
    top : touchpoints shown.
    """
    compared = int(table["gap"].notna().sum())
    data = table.dropna(subset=["gap"]).head(top)
    if data.empty:
        return canvas.empty(title, "Too few customers to compare at any touchpoint.")
    brand = theme.brand()
    data = data.iloc[::-1].reset_index(drop=True)
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.3, 1.4))
    y = np.arange(len(data))
    significant = data["significant"].eq(True).to_numpy()
    worst = len(data) - 1 if significant[-1] else None
    colours = [theme.DETRACTOR if i == worst else brand.primary if s else theme.MUTED
               for i, s in enumerate(significant)]
    ax.hlines(y, data["low"], data["high"], colors=colours, linewidth=2.4, alpha=0.5, zorder=2)
    ax.scatter(data["gap"], y, c=colours, s=50, zorder=3, edgecolors="white", linewidths=0.8)
    for yi, row, colour in zip(y, data.itertuples(), colours):
        label = ax.annotate(f"{stated_gap(pd.Series(row._asdict()))} points  ({int(row.bad):,} of "
                            f"{int(row.customers):,} rated it 1–2)",
                            (row.high, yi), xytext=(6, 0),
                            textcoords="offset points", va="center", fontsize=7.4,
                            color=theme.INK if colour != theme.MUTED else theme.MUTED,
                            fontweight="bold" if yi == worst else "normal")
        label.set_in_layout(False)  # the x limits leave room for it
    ax.axvline(0, color=theme.INK, linewidth=0.8, zorder=1)
    ax.set_yticks(y, [str(r.touchpoint) for r in data.itertuples()])
    lo = min(0.0, float(np.nanmin(data["low"])))
    hi = float(np.nanmax(data["high"]))
    ax.set_xlim(lo - 5, hi + (hi - lo) * 0.8)
    ax.set_ylim(-0.6, len(data) - 0.4)
    shown = f"; the {len(data)} largest of {compared}" if compared > len(data) else ""
    ax.set_xlabel(f"Gap in NPS points (fine minus bad experience), with 95% range{shown}")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    handles = [Line2D([], [], color=theme.DETRACTOR, marker="o", linestyle="",
                      label="Worst moment of truth")] if worst is not None else []
    handles += [Line2D([], [], color=brand.primary, marker="o", linestyle="",
                       label="Gap larger than chance"),
                Line2D([], [], color=theme.MUTED, marker="o", linestyle="",
                       label="Within what chance produces")]
    ax.legend(handles=handles, loc="lower right", fontsize=7.6, borderaxespad=0.2)
    canvas.titles(ax, title, subtitle or "NPS gap when a customer rated the touchpoint 1–2 of 5; "
                                   "coloured: larger than chance")
    return fig


# --- exhibits of a whole result (show_result passes the result when a chart needs several parts) --
def journey_map_of(result, **options) -> Figure:
    """:func:`journey_map` of a :class:`cxlib.journey.mapping.JourneyMap` (its table and stages)."""
    return journey_map(result.table, result.stages, **options)


def stage_reach_of(result, **options) -> Figure:
    """:func:`stage_reach` of a :class:`cxlib.journey.mapping.Reach` (table, cohort and entry)."""
    return stage_reach(result.table, cohort=result.cohort, entry=result.entry, who=result.who(), **options)


def common_paths_of(result, **options) -> Figure:
    """:func:`common_paths` of a :class:`cxlib.journey.paths.CommonPaths` (table and people reached)."""
    return common_paths(result.table, reached=result.reached, **options)
