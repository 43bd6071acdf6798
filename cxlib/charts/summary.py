"""Engagement report exhibits: the seven steps' scorecard and the roadmap as a four-quarter plan."""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from cxlib import wording
from cxlib.charts import canvas
from cxlib.report import theme
from cxlib.report.record import MATURITY_BANDS


@canvas.house_style
def step_scores(card, *, title: str = "Score of each step, 0-100") -> Figure:
    """One bar a step on the 0-100 scale over the maturity bands; a step not scored says so.

    Parameters
    ----------
    card : a :class:`cxlib.summary.scorecard.Scorecard`.
    """
    table = card.table.iloc[::-1].reset_index(drop=True)
    brand = theme.brand()
    fig, ax = canvas.figure(canvas.bar_height(len(table), 0.2, 0.8))
    bands = sorted(MATURITY_BANDS)
    edges = [floor for floor, _ in bands] + [100.0]
    for (floor, name), upper, shade in zip(bands, edges[1:], (0.97, 0.93, 0.89, 0.85)):
        ax.axvspan(floor, upper, color=str(shade), zorder=0, linewidth=0)
    y = np.arange(len(table))
    for yi, row in zip(y, table.itertuples()):
        label = f"Step {row.step}  {row.name}"
        if np.isnan(row.score):
            ax.annotate("not scored: " + ("the data provided could not assess it" if row.ran else "not run"),
                        (1, yi), va="center", fontsize=8, color=theme.MUTED, style="italic")
        else:
            ax.barh(yi, row.score, height=0.56, color=brand.primary, zorder=2)
            ax.annotate(wording.score(row.score), (row.score, yi), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=8.5, fontweight="bold", color=theme.INK)
        ax.annotate(label, (0, yi), xytext=(-6, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=8.5, color=theme.INK, annotation_clip=False)
    if card.score is not None:
        ax.axvline(card.score, color=theme.DETRACTOR, linewidth=1.2, linestyle="--", zorder=3)
    ax.set_yticks([])
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(table) - 0.4)
    ax.set_xticks([0, 25, 50, 75, 100])
    canvas.hide_spines(ax, "left", "right", "top")
    average = "; dashed: the average" if card.score is not None else ""
    canvas.titles(ax, title, "Bands: Ignoring <25, Novice 25-49, Competent 50-74, Mature 75+" + average)
    return fig


@canvas.house_style
def quarter_plan(plan, *, title: str = "The roadmap over the next four quarters") -> Figure:
    """One bar an initiative from its start quarter to its end quarter, darker for higher impact.

    Parameters
    ----------
    plan : a :class:`cxlib.summary.roadmap.Roadmap`.
    """
    items = list(plan.initiatives)
    if not items:
        return canvas.empty(title, "No initiative: the step reports asked only for more data.")
    brand = theme.brand()
    shade = {"High": brand.primary, "Medium": brand.secondary, "Low": theme.LIGHT}
    fig, ax = canvas.figure(canvas.bar_height(len(items), 0.4, 1.3))
    for yi, item in enumerate(reversed(items)):
        ax.barh(yi, item.end - item.start + 1, left=item.start - 0.5, height=0.6, color=shade[item.impact],
                zorder=2)
    ax.set_xlim(0.5, 4.5)
    ax.set_xticks([1, 2, 3, 4], ["Q1", "Q2", "Q3", "Q4"])
    ax.set_yticks(range(len(items)), [f"{len(items) - k}. {item.name}" for k, item in enumerate(reversed(items))])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(items) - 0.4)
    # the owners as the right-hand axis labels: text outside the axes that a layout engine makes room for
    owners = ax.twinx()
    owners.set_ylim(ax.get_ylim())
    owners.set_yticks(range(len(items)), [item.owner for item in reversed(items)], fontsize=7.3, color=theme.MUTED)
    owners.tick_params(axis="y", length=0)
    owners.grid(False)
    canvas.hide_spines(owners, "left", "right", "top")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left", "right", "top")
    canvas.titles(ax, title, "From the programme's start; darker bars: higher impact")
    return fig
