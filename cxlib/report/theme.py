"""Brand palette and the matplotlib/seaborn style of every exhibit.

Charts are drawn for an A4 page (about 7 x 3.6 inches), exported as SVG with text drawn as paths so
WeasyPrint renders them exactly as matplotlib does, whatever fonts the reader has.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import matplotlib as mpl

DEFAULT_PRIMARY = "#0B3C5D"
DEFAULT_SECONDARY = "#328CC1"
DEFAULT_ACCENT = "#D9B310"

INK = "#1F2A33"         # body text, axis labels
MUTED = "#6B7680"       # secondary text, reference lines
LIGHT = "#C9D0D6"       # neutral bars, de-emphasised points
GRID = "#E6E9EC"
DETRACTOR = "#C44E52"   # NPS classes keep their meaning whatever the brand
PASSIVE = "#B8C0C8"

FIGSIZE = (7.0, 3.6)
FONT = "DejaVu Sans"

_HEX = re.compile(r"^#?([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")


@dataclass(frozen=True)
class Brand:
    """The three brand colours of a client, as ``#rrggbb``."""

    primary: str = DEFAULT_PRIMARY
    secondary: str = DEFAULT_SECONDARY
    accent: str = DEFAULT_ACCENT

    @property
    def promoter(self) -> str:
        return self.primary


_brand = Brand()


def hex_colour(value: str) -> str:
    """``value`` as ``#rrggbb``; accepts ``#rgb``, ``#rrggbb`` and the same without ``#``.

    Raises
    ------
    ValueError
        When ``value`` is not a hex colour.
    """
    match = _HEX.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a colour like '#0B3C5D'")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 0 keeps it, 1 gives white."""
    rgb = mpl.colors.to_rgb(hex_colour(colour))
    mixed = tuple(c + (1 - c) * amount for c in rgb)
    return mpl.colors.to_hex(mixed).upper()


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``colour`` (0 black, 1 white)."""
    rgb = mpl.colors.to_rgb(hex_colour(colour))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(colour: str, background: str = "#FFFFFF", ratio: float = 4.5) -> str:
    """``colour``, darkened just enough to be read as text on ``background`` (WCAG AA 4.5:1)."""
    colour = hex_colour(colour)
    rgb = mpl.colors.to_rgb(colour)
    for step in range(0, 21):
        shade = mpl.colors.to_hex(tuple(c * (1 - step / 20) for c in rgb)).upper()
        if contrast(shade, background) >= ratio:
            return shade
    return INK


def brand() -> Brand:
    """The brand applied last (defaults until :func:`apply_brand` is called)."""
    return _brand


def palette() -> list[str]:
    """Categorical colours in order: primary, secondary, accent, then muted tints and greys."""
    b = _brand
    return [b.primary, b.secondary, b.accent, MUTED, tint(b.primary, 0.45), tint(b.secondary, 0.5),
            tint(b.accent, 0.5), LIGHT]


def rc() -> dict:
    """The house rcParams in the current brand colours (charts build their figures inside it)."""
    return {
        "figure.figsize": FIGSIZE,
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "axes.edgecolor": LIGHT,
        "axes.linewidth": 0.8,
        "axes.labelcolor": INK,
        "axes.titlecolor": INK,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.prop_cycle": mpl.cycler(color=palette()),
        "grid.color": GRID,
        "grid.linewidth": 0.7,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "xtick.color": INK,
        "ytick.color": INK,
        "xtick.major.size": 0,
        "ytick.major.size": 0,
        "legend.fontsize": 8.5,
        "legend.frameon": False,
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "font.size": 9,
        "text.color": INK,
        "svg.fonttype": "none",
        "svg.hashsalt": "cx-report",
        "savefig.facecolor": "white",
    }


def apply_brand(primary: str = DEFAULT_PRIMARY, secondary: str = DEFAULT_SECONDARY,
                accent: str = DEFAULT_ACCENT) -> list[str]:
    """Set the house chart style in the client's colours and return the palette.

    White background, light grid, no top/right spines, DejaVu Sans at sizes readable at A4 width,
    SVG text drawn as paths (so WeasyPrint shows it exactly). Changes matplotlib's global rcParams:
    this is the style of the whole notebook.

    Parameters
    ----------
    primary, secondary, accent : brand colours like ``"#0B3C5D"``.
    """
    import seaborn as sns  # slow to import; only pay when styling

    global _brand
    _brand = Brand(hex_colour(primary), hex_colour(secondary), hex_colour(accent))
    colours = palette()
    sns.set_theme(context="notebook", style="whitegrid", palette=colours, font=FONT)
    mpl.rcParams.update(rc())
    return colours
