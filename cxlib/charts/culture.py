"""Step 6 exhibits: how staff answer, leaders vs frontline, departments by level, customer contact.

Each function takes the frame a :mod:`cxlib.culture` function returns and gives back a
:class:`matplotlib.figure.Figure` built without pyplot. Groups that the anonymity rules hide
arrive with missing values and are drawn as grey "hidden" cells, never with a number.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from cxlib.charts import canvas
from cxlib.report import theme
from cxlib.wording import signed

LEVEL_NAMES = {"leadership": "Leaders", "manager": "Managers", "frontline": "Frontline",
               "All levels": "All"}
SHORT_LEVEL_NAMES = {"leadership": "Lead", "manager": "Mgr", "frontline": "Front",
                     "All levels": "All"}
HIDDEN_FILL = "#ECEEF0"


@functools.lru_cache(maxsize=2048)
def _width(text: str, fontsize: float, weight: str) -> float:
    """Width in points of a word in the house font (measured once: measuring is slow)."""
    return canvas.text_size(text, fontsize, weight)[0]


def _wrap(text: str, width_pt: float, fontsize: float, weight: str = "normal") -> list[str]:
    """Greedy word wrap of ``text`` to lines no wider than ``width_pt`` in the house font.

    A line's width is the sum of its words' and spaces' widths, each measured once.
    """
    space = _width("a a", fontsize, weight) - 2 * _width("a", fontsize, weight)
    lines, line, used = [], "", 0.0
    for word in text.split():
        size = _width(word, fontsize, weight)
        if line and used + space + size > width_pt:
            lines.append(line)
            line, used = word, size
        else:
            line, used = (f"{line} {word}", used + space + size) if line else (word, size)
    return [*lines, line] if line else lines or [""]


def _titles_over_legend(ax, title: str, subtitle: str, *, legend: bool = True) -> None:
    """Action title and reading guide above the plot (and above a legend sitting on top of it).

    Both start at the plot's left edge and are wrapped to the width left to the figure's right
    edge, so nothing spills out of the exhibit.
    """
    fig = ax.figure
    fig.draw_without_rendering()
    room = (1 - ax.get_position().x0) * fig.get_figwidth() * 72 - 6
    notes = _wrap(subtitle, room, 8.3)
    heads = _wrap(title, room, 11, "bold")
    base = 21 if legend else 6
    ax.set_title("\n".join(heads), loc="left", fontsize=11, fontweight="bold", color=theme.INK,
                 pad=base + 13 + 10.5 * (len(notes) - 1), linespacing=1.1).set_gid(canvas.TITLE_ID)
    note = ax.annotate("\n".join(notes), xy=(0, 1), xycoords="axes fraction", xytext=(0, base),
                       textcoords="offset points", ha="left", va="bottom", fontsize=8.3,
                       color=theme.MUTED, linespacing=1.15)
    note.set_in_layout(False)


def _level_colours() -> dict[str, str]:
    brand = theme.brand()
    return {"leadership": brand.primary, "manager": theme.tint(brand.secondary, 0.2),
            "frontline": brand.accent}


# --- how staff answer ---------------------------------------------------------------------------
@canvas.house_style
def answer_split(table: pd.DataFrame, *, title: str = "How staff answer each culture statement",
                 subtitle: str | None = None) -> Figure:
    """100% bars per statement: disagree (1-2), neutral (3), agree (4-5), grouped by dimension.

    Parameters
    ----------
    table : :func:`cxlib.culture.dimensions.answer_distribution` output (dimension, item,
        statement, n, disagree, neutral, agree as shares 0-1).
    """
    if table.empty:
        return canvas.empty(title, "No culture statement was answered.")
    brand = theme.brand()
    labels, rows, heads = [], [], []
    for dim, group in table.groupby("dimension", sort=False):
        heads.append((len(labels), dim))
        labels.append(dim)
        rows.append(None)
        for row in group.sort_values("agree", ascending=False, kind="stable").itertuples():
            labels.append(row.statement)
            rows.append(row)
    fig, ax = canvas.figure(canvas.bar_height(len(labels), 0.24, 1.2))
    y = np.arange(len(labels))[::-1]
    parts = (("disagree", theme.DETRACTOR, "Disagree (1-2)"),
             ("neutral", theme.PASSIVE, "Neutral (3)"), ("agree", brand.primary, "Agree (4-5)"))
    for yi, row in zip(y, rows):
        if row is None:
            continue
        left = 0.0
        for key, colour, _ in parts:
            value = 100 * float(getattr(row, key))
            ax.barh(yi, value, left=left, height=0.66, color=colour, zorder=2, linewidth=0)
            if value >= 7:
                ax.annotate(f"{value:.0f}%", (left + value / 2, yi), ha="center", va="center",
                            fontsize=7.2, color="white" if key != "neutral" else theme.INK)
            left += value
        ax.annotate(f"n = {int(row.n):,}", (100, yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=7, color=theme.MUTED)
    ax.set_yticks(y, labels)
    for tick, row in zip(ax.get_yticklabels(), rows):
        if row is None:
            tick.set_fontweight("bold")
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of answers")
    ax.grid(False)
    canvas.hide_spines(ax, "left", "bottom")
    handles = [Patch(color=c, label=lab) for _, c, lab in parts]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=7.8,
              handlelength=1.2, borderaxespad=0.1)
    _titles_over_legend(ax, title, subtitle or "Answers to each statement, grouped by the "
                                               "dimension it measures")
    return fig


# --- leaders vs frontline -----------------------------------------------------------------------
@canvas.house_style
def statement_gap(items: pd.DataFrame, *, groups: Sequence[str] = ("leadership", "frontline"),
                  title: str = "Where leaders and the frontline disagree",
                  subtitle: str | None = None) -> Figure:
    """Dumbbells: share of each of two groups that agrees with each statement, widest gap first.

    Parameters
    ----------
    items : :func:`cxlib.culture.alignment.item_agreement` output (statement, per group a share
        0-1 and its n, gap in percentage points).
    """
    if items.empty:
        return canvas.empty(title, "No statement was answered by both groups.")
    colours = _level_colours()
    first, second = groups
    data = items.dropna(subset=[first, second]).sort_values("gap", ascending=True, kind="stable")
    data = data.reset_index(drop=True)
    if data.empty:
        return canvas.empty(title, "No statement was answered by both groups.")
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.26, 1.3))
    y = np.arange(len(data))
    a, b = 100 * data[first].to_numpy(float), 100 * data[second].to_numpy(float)
    ax.hlines(y, np.minimum(a, b), np.maximum(a, b), color=theme.LIGHT, linewidth=3, zorder=1)
    ax.scatter(b, y, s=46, color=colours.get(second, theme.MUTED), zorder=3, edgecolors="white",
               linewidths=0.8, label=LEVEL_NAMES.get(second, second))
    ax.scatter(a, y, s=46, color=colours.get(first, theme.MUTED), zorder=3, edgecolors="white",
               linewidths=0.8, label=LEVEL_NAMES.get(first, first))
    top = int(np.argmax(np.abs(a - b)))
    for yi, ai, bi in zip(y, a, b):
        ax.annotate(f"{signed(ai - bi)} pts", (max(ai, bi), yi), xytext=(7, 0),
                    textcoords="offset points", va="center", fontsize=7.6,
                    fontweight="bold" if yi == top else "normal",
                    color=theme.DETRACTOR if yi == top else theme.INK)
    ax.set_yticks(y, list(data["statement"]))
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100])
    canvas.percent_axis(ax.xaxis)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlabel("Share who agree (4 or 5 out of 5)")
    canvas.grid(ax, "x")
    canvas.hide_spines(ax, "left")
    n_first = int(data[f"n_{first}"].max()) if f"n_{first}" in data else None
    n_second = int(data[f"n_{second}"].max()) if f"n_{second}" in data else None
    handles = [Line2D([], [], color=colours.get(g, theme.MUTED), marker="o", linestyle="",
                      label=LEVEL_NAMES.get(g, g)) for g in (first, second)]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, fontsize=7.8,
              handletextpad=0.3, borderaxespad=0.1)
    sizes = f" (n up to {n_first} and {n_second})" if n_first and n_second else ""
    _titles_over_legend(ax, title, subtitle or f"Share of {LEVEL_NAMES.get(first, first).lower()} "
                                               f"and of the {LEVEL_NAMES.get(second, second).lower()}"
                                               f" who agree{sizes}; pts = percentage points")
    return fig


# --- departments by level -----------------------------------------------------------------------
def _score_cmap() -> LinearSegmentedColormap:
    brand = theme.brand()
    return LinearSegmentedColormap.from_list(
        "cx-agreement", [theme.DETRACTOR, theme.tint(theme.DETRACTOR, 0.75), "#FFFFFF",
                         theme.tint(brand.primary, 0.7), brand.primary])


@canvas.house_style
def department_heatmap(table: pd.DataFrame, *, rows: str = "department", columns: str = "level",
                       title: str = "Culture by department and level",
                       subtitle: str | None = None) -> Figure:
    """Mean score per department and level, one block of columns per dimension; hidden cells grey.

    Parameters
    ----------
    table : :func:`cxlib.culture.alignment.breakdown` output (rows, columns, dimension, n, mean,
        hidden); the row and column totals it carries are drawn as the last row and column.
    """
    if table.empty:
        return canvas.empty(title, "No group can be shown.")
    dims = list(dict.fromkeys(table["dimension"]))
    row_keys = list(dict.fromkeys(table[rows]))
    col_keys = list(dict.fromkeys(table[columns]))
    nrow, ncol = len(row_keys), len(col_keys)
    fig, ax = canvas.figure(max(2.6, 0.27 * nrow + 1.6))
    cmap, norm = _score_cmap(), mpl.colors.Normalize(1.5, 4.5)
    width = ncol + 0.5  # a gap between dimension blocks
    lookup = table.set_index([rows, columns, "dimension"])
    for d, dim in enumerate(dims):
        for j, col in enumerate(col_keys):
            x0 = d * width + j
            for i, row in enumerate(row_keys):
                y0 = nrow - 1 - i + (0 if i < nrow - 1 else -0.25)  # totals a little apart
                cell = lookup.loc[(row, col, dim)]
                hidden = bool(cell["hidden"])
                empty = not hidden and pd.isna(cell["mean"])  # nobody in the group
                colour = HIDDEN_FILL if hidden else "#FFFFFF" if empty else cmap(norm(cell["mean"]))
                ax.add_patch(Rectangle((x0, y0), 0.96, 0.92, facecolor=colour, edgecolor="white",
                                       linewidth=0.6))
                if hidden:
                    text, ink, style = "hidden", theme.MUTED, "italic"
                elif empty:
                    text, ink, style = "–", theme.MUTED, "normal"
                else:
                    text, style = f"{cell['mean']:.1f}", "normal"
                    ink = "white" if abs(cell["mean"] - 3) > 0.95 else theme.INK
                total = col == col_keys[-1] or i == nrow - 1
                ax.text(x0 + 0.48, y0 + 0.46, text, ha="center", va="center",
                        fontsize=7 if hidden else 7.8, color=ink, style=style,
                        fontweight="bold" if total and not hidden else "normal")
            ax.text(x0 + 0.48, nrow + 0.12, SHORT_LEVEL_NAMES.get(col, str(col)), ha="center",
                    va="bottom", fontsize=7.2, color=theme.INK)
        ax.text(d * width + ncol / 2 - 0.02, nrow + 0.62, dim, ha="center", va="bottom",
                fontsize=9, fontweight="bold", color=theme.INK)
    labels = []
    for i, row in enumerate(row_keys):
        sample = lookup.loc[(row, col_keys[-1], dims[0])]
        n = "n hidden" if pd.isna(sample["n"]) else f"n = {int(sample['n']):,}"
        labels.append(f"{row} ({n})")
    ax.set_yticks([nrow - 1 - i + 0.46 + (0 if i < nrow - 1 else -0.25) for i in range(nrow)], labels)
    ax.set_xticks([])
    ax.set_xlim(-0.1, len(dims) * width - 0.5)
    ax.set_ylim(-0.35, nrow + 1.2)
    ax.grid(False)
    canvas.hide_spines(ax, "left", "bottom")
    guide = ("Mean score out of 5 (red below 3 = neutral, blue above) for leaders (Lead), "
             "managers (Mgr), the frontline (Front) and all levels; grey cells are hidden so that "
             "no group of fewer than 5 people can be identified")
    if (~table["hidden"] & table["mean"].isna()).any():
        guide += "; – no respondents"
    _titles_over_legend(ax, title, subtitle or guide, legend=False)
    return fig


# --- customer contact ---------------------------------------------------------------------------
CONTACT_LABELS = {"never": "Never", "yearly": "Yearly", "quarterly": "Quarterly",
                  "monthly": "Monthly", "weekly": "Weekly", "daily": "Daily"}


def _contact_colours() -> dict[str, str]:
    brand = theme.brand()
    return {"never": theme.DETRACTOR, "yearly": theme.tint(theme.DETRACTOR, 0.55),
            "quarterly": theme.PASSIVE, "monthly": theme.tint(brand.primary, 0.6),
            "weekly": theme.tint(brand.primary, 0.3), "daily": brand.primary}


@canvas.house_style
def contact_mix(table: pd.DataFrame, *,
                title: str = "How often each department meets customer feedback",
                subtitle: str | None = None) -> Figure:
    """100% bars per department of how often staff meet customer feedback, most regular on top.

    Parameters
    ----------
    table : ``ContactResult.table`` (department, n, never ... daily as shares 0-1, regular);
        hidden departments have every number missing and are drawn as a grey "hidden" bar.
    """
    if table.empty:
        return canvas.empty(title, "No department answered the customer-contact question.")
    colours = _contact_colours()
    data = table.reset_index(drop=True)
    fig, ax = canvas.figure(canvas.bar_height(len(data), 0.32, 1.3))
    y = np.arange(len(data))[::-1]
    for yi, row in zip(y, data.itertuples(index=False)):
        row = row._asdict()
        if pd.isna(row["n"]):
            ax.barh(yi, 100, height=0.66, color=HIDDEN_FILL, zorder=2)
            ax.annotate("hidden to protect anonymity", (50, yi), ha="center", va="center",
                        fontsize=7.2, color=theme.MUTED, style="italic")
            continue
        left = 0.0
        for key in CONTACT_LABELS:
            value = 100 * float(row[key])
            if value <= 0:
                continue
            ax.barh(yi, value, left=left, height=0.66, color=colours[key], zorder=2, linewidth=0)
            if value >= 8:
                dark = key in ("never", "daily", "weekly")
                ax.annotate(f"{value:.0f}%", (left + value / 2, yi), ha="center", va="center",
                            fontsize=7.2, color="white" if dark else theme.INK)
            left += value
        ax.annotate(f"n = {int(row['n']):,}", (100, yi), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=7.2, color=theme.MUTED)
    ax.set_yticks(y, list(data["department"]))
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(data) - 0.4)
    canvas.percent_axis(ax.xaxis)
    ax.set_xlabel("Share of the department's respondents")
    ax.grid(False)
    canvas.hide_spines(ax, "left", "bottom")
    handles = [Patch(color=colours[k], label=lab) for k, lab in CONTACT_LABELS.items()]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=6, fontsize=7.6,
              handlelength=1.1, columnspacing=1.0, borderaxespad=0.1)
    _titles_over_legend(ax, title, subtitle or "How often staff read or hear customer feedback "
                                               "(e-mails, chats, reviews, customers themselves)")
    return fig


# --- comments -----------------------------------------------------------------------------------
@canvas.house_style
def theme_grid(table: pd.DataFrame, *, title: str = "What each level writes about",
               subtitle: str | None = None) -> Figure:
    """Share of each group's comments that mention each theme, as a shaded grid.

    Parameters
    ----------
    table : :func:`cxlib.text.themes.themes_by_group` output (group, theme, comments, mentions,
        share in %), e.g. ``VoicesResult.table``; groups keep their order.
    """
    data = table[table["comments"] > 0]
    if data.empty:
        return canvas.empty(title, "No comments to read.")
    brand = theme.brand()
    groups = list(dict.fromkeys(data["group"].astype(str)))
    wide = data.pivot_table(index="theme", columns="group", values="share", aggfunc="first",
                            observed=True)
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reindex(columns=groups).fillna(0.0)
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=False, kind="stable").index]
    comments = data.groupby(data["group"].astype(str), sort=False)["comments"].first()
    fig, ax = canvas.figure(max(2.4, 0.3 * len(wide) + 1.4))
    cmap = LinearSegmentedColormap.from_list("cx-share", ["#FFFFFF", brand.primary])
    top = max(float(wide.to_numpy().max()), 1.0)
    for j, group in enumerate(groups):
        for i, th in enumerate(wide.index):
            value = float(wide.loc[th, group])
            yi = len(wide) - 1 - i
            ax.add_patch(Rectangle((j, yi), 0.97, 0.9, facecolor=cmap(0.85 * value / top),
                                   edgecolor="white"))
            ax.text(j + 0.485, yi + 0.45, f"{value:.0f}%" if value else "–", ha="center",
                    va="center", fontsize=8,
                    color="white" if value / top > 0.55 else (theme.INK if value else theme.MUTED),
                    fontweight="bold" if value and value == wide[group].max() else "normal")
        ax.text(j + 0.485, len(wide) + 0.1, f"{group}\n({int(comments[group]):,} comments)",
                ha="center", va="bottom", fontsize=8, color=theme.INK)
    ax.set_yticks([len(wide) - 1 - i + 0.45 for i in range(len(wide))], list(wide.index))
    ax.set_xticks([])
    ax.set_xlim(-0.05, len(groups))
    ax.set_ylim(-0.1, len(wide) + 1.1)
    ax.grid(False)
    canvas.hide_spines(ax, "left", "bottom")
    _titles_over_legend(ax, title, subtitle or "Share of each group's comments that mention the "
                                               "theme (a comment can mention several); the most "
                                               "frequent theme of each group in bold", legend=False)
    return fig


# --- culture next to customer scores ------------------------------------------------------------
@canvas.house_style
def culture_and_customers(result, *, title: str | None = None, subtitle: str | None = None) -> Figure:
    """Each channel-running department's culture (left, 1-5) beside its customers' NPS (right).

    Both scales are shown whole (1 to 5, and -100 to +100), so a difference looks as large as it
    is; the NPS carries its 95% range. The dimension the finding names is drawn in the brand
    colour, the others in grey.

    Parameters
    ----------
    result : :class:`cxlib.culture.customer_link.LinkResult` (its ``table``: department, channels,
        staff, one mean per dimension, responses, nps, nps_low, nps_high; and its ``focus``).
    """
    table = result.table
    title = title or result.title()
    if table.empty:
        return canvas.empty(title, "No department runs a customer channel.")
    brand = theme.brand()
    dims = [c for c in table.columns if c not in ("department", "channels", "staff", "responses", "nps",
                                                  "nps_low", "nps_high", "ces")]
    rows = []  # (label, department row, dimension or None)
    for unit in table.itertuples(index=False):
        rows.append((f"{unit.department} ({unit.channels})", unit, None))
        rows += [(dim, unit, dim) for dim in dims]
    fig = Figure(figsize=(canvas.WIDTH, canvas.bar_height(len(rows), 0.22, 1.5)), layout="constrained")
    fig.get_layout_engine().set(w_pad=0.06, h_pad=0.06, wspace=0.1)
    left, right = fig.subplots(1, 2, sharey=True, width_ratios=[1.15, 1])
    y = np.arange(len(rows))[::-1]
    for yi, (_, unit, dim) in zip(y, rows):
        if dim is None:
            low, high = unit.nps_low, unit.nps_high
            if pd.notna(low):
                right.hlines(yi, low, high, color=brand.primary, linewidth=2.2, alpha=0.45, zorder=2)
            right.scatter([unit.nps], [yi], s=44, color=brand.primary, zorder=3, edgecolors="white",
                          linewidths=0.8)
            # the label on the side with room: right of the range, or left of it in the upper half
            top = high if pd.notna(high) else unit.nps
            rightwards = top < 20
            end = (top if rightwards else low) if pd.notna(low) else unit.nps
            label = right.annotate(f"{signed(unit.nps)}  ({int(unit.responses):,} answers)",
                                   (end, yi), xytext=(5 if rightwards else -5, 0), textcoords="offset points",
                                   ha="left" if rightwards else "right", va="center", fontsize=7.4,
                                   color=theme.INK)
            label.set_in_layout(False)
            continue
        value = getattr(unit, dim) if dim.isidentifier() else unit._asdict()[dim]
        colour = brand.primary if dim == result.focus else theme.MUTED
        left.hlines(yi, 1, value, color=theme.GRID, linewidth=1, zorder=1)
        left.scatter([value], [yi], s=40, color=colour, zorder=3, edgecolors="white", linewidths=0.8)
        left.annotate(f"{value:.1f}", (value, yi), xytext=(5, 0), textcoords="offset points", va="center",
                      fontsize=7.4, color=theme.INK, fontweight="bold" if dim == result.focus else "normal")
    left.set_yticks(y, [label for label, _, _ in rows])
    for tick, (_, _, dim) in zip(left.get_yticklabels(), rows):
        if dim is None:
            tick.set_fontweight("bold")
    left.set_ylim(-0.6, len(rows) - 0.4)
    left.set_xlim(1, 5)
    left.set_xticks([1, 2, 3, 4, 5])
    left.set_xlabel("Staff's mean score, 1 to 5")
    right.set_xlim(-100, 100)
    right.set_xticks([-100, -50, 0, 50, 100], [signed(v) for v in (-100, -50, 0, 50, 100)])
    right.axvline(0, color=theme.LIGHT, linewidth=0.8, zorder=1)
    right.set_xlabel("Customers' NPS, \u2212100 to +100")
    right.tick_params(axis="y", left=False)
    for ax in (left, right):
        canvas.grid(ax, "x")
        canvas.hide_spines(ax, "left")
    _titles_over_legend(left, title, subtitle or "Left: how each department's staff rate the culture "
                                                  "(1 = strongly disagree, 5 = strongly agree). Right: the NPS "
                                                  "its customers give, the line its 95% range", legend=False)
    return fig
