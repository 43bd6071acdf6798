"""One shape for every step's verdict: findings that carry the figures they rest on, and
recommendations that carry a theme, an owner, a first KPI and a start quarter.

Every step's ``assess()`` states its findings and recommendations in priority order and hands them
to :func:`cxlib.report.record.verdict`, which numbers, trims, pads and records them the same way
for all seven steps. The engagement report merges the recommendations by :data:`THEMES` into one
roadmap, and reads the figures to check that no two steps state one quantity two ways.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from cxlib.wording import number, span


@dataclass(frozen=True)
class Figure:
    """One number a finding states.

    Attributes
    ----------
    quantity : what is measured, in the report's words ("NPS", "email first response, median").
    value : the number as computed (not rounded for print).
    unit : "points", "%", "hours", "of 5", "of 7", "x", "customers", "" for a plain count.
    population : whose data, in words a reader can check: the dataset, the filter and the count
        ("survey answers, Nov 2025-Oct 2026, n = 5,000"). Two figures of one quantity and one
        population must agree; two populations of one quantity must be named apart.
    low, high : the figure's 95% range, when it has one. The sentence states the value and its n;
        the range is printed in the report's "Where each number comes from" table, so a summary
        reads in words and the evidence is one table away.
    """

    quantity: str
    value: float
    unit: str = ""
    population: str = ""
    low: float | None = None
    high: float | None = None

    def __post_init__(self):
        if not self.quantity.strip():
            raise ValueError("a figure needs the quantity it measures")
        value = float(self.value)
        if math.isnan(value):
            raise ValueError(f"figure {self.quantity!r} has no value")
        object.__setattr__(self, "value", value)
        bounds = [None if b is None or math.isnan(float(b)) else float(b) for b in (self.low, self.high)]
        if (bounds[0] is None) != (bounds[1] is None):
            raise ValueError(f"figure {self.quantity!r} has one end of its range only")
        if bounds[0] is not None and bounds[0] > bounds[1]:
            raise ValueError(f"figure {self.quantity!r}: its range runs from {bounds[0]} down to {bounds[1]}")
        object.__setattr__(self, "low", bounds[0])
        object.__setattr__(self, "high", bounds[1])

    def range_text(self) -> str:
        """The 95% range as a table prints it ("56% to 65%"), or "–" without one."""
        if self.low is None:
            return "–"
        return span(self.low, self.high, self.unit)

    @property
    def key(self) -> tuple[str, str]:
        """The quantity and population, case-folded: two figures with one key state one fact."""
        return self.quantity.strip().casefold(), self.population.strip().casefold()


@dataclass(frozen=True)
class Finding:
    """One sentence a step concludes, with the figures it rests on and where they come from.

    Attributes
    ----------
    text : the sentence, as the client reads it.
    figures : the numbers the sentence states.
    source : the cxlib function that computed them ("cxlib.metrics.nps.nps_score"); carried in
        the HTML and the record, never printed for the client.
    theme : the :data:`THEMES` key the finding speaks to, so the engagement report can put it
        next to the initiative it supports; "" for a finding about the data itself.
    step : the step that states it (the builder fills it in).
    """

    text: str
    figures: tuple[Figure, ...] = ()
    source: str = ""
    theme: str = ""
    step: int = 0

    def __post_init__(self):
        if not self.text.strip():
            raise ValueError("a finding needs its sentence")
        if self.theme and self.theme not in THEMES:
            raise ValueError(f"unknown theme {self.theme!r}; themes are {', '.join(THEMES)}")
        object.__setattr__(self, "figures", tuple(self.figures))

    def __str__(self) -> str:
        return self.text

    @classmethod
    def from_dict(cls, data: dict | str) -> Finding:
        if isinstance(data, str):  # a record written before findings carried their figures
            return cls(data)
        return cls(**{**data, "figures": tuple(Figure(**f) for f in data.get("figures", ()))})


@dataclass(frozen=True)
class Kpi:
    """The first measure an initiative moves, where it stands and where it should get to.

    Attributes
    ----------
    metric : the measure's name; matched, case-folded, against the ``metric`` of the client's
        goals in client.yml, whose target and date then replace ``target`` and ``basis``.
    baseline : today's value, None when the data do not give it.
    target : the value to reach, None when no target can be set honestly.
    unit : as in :class:`Figure`.
    basis : where the target comes from ("halfway to the best competitor").
    higher_is_better : False for times, churn and other measures to bring down.
    """

    metric: str
    baseline: float | None = None
    target: float | None = None
    unit: str = ""
    basis: str = ""
    higher_is_better: bool = True

    def __post_init__(self):
        for name in ("baseline", "target"):
            value = getattr(self, name)
            if value is not None:
                if math.isnan(float(value)):
                    raise ValueError(f"KPI {self.metric!r}: {name} is not a number")
                object.__setattr__(self, name, float(value))

    def text(self) -> str:
        """The measure, baseline and target as a table cell: "Customer effort (CES): 3.9 of 7 → 5.5"."""
        if self.baseline is None and self.target is None:
            return self.metric
        now = number(self.baseline, self.unit) if self.baseline is not None else "not measured yet"
        goal = f" → {number(self.target, self.unit)}" if self.target is not None else ""
        return f"{self.metric}: {now}{goal}"


@dataclass(frozen=True)
class Theme:
    """One initiative of the roadmap: the recommendations of every step that share its theme."""

    name: str
    owner: str
    kpi: str


#: The initiatives every recommendation belongs to, with the role that owns each and the measure
#: it moves first. Recommendations of one theme from several steps become one initiative.
THEMES: dict[str, Theme] = {
    "ease": Theme("Make every contact easy", "Chief Customer Officer", "Customer effort (CES)"),
    "speed": Theme("Answer every channel on time", "Head of Customer Service", "First response within target"),
    "social": Theme("Answer customers on social media", "Head of Social Media", "Share of posts answered"),
    "empathy": Theme("Speak to customers with empathy", "Head of Customer Service", "Support satisfaction (CSAT)"),
    "digital": Theme("Fix the digital experience", "Chief Digital Officer", "App and web ratings"),
    "journey": Theme("Repair the journey's weakest moments", "Chief Customer Officer", "Touchpoint satisfaction"),
    "channels": Theme("Serve customers in the channels they choose", "Chief Operating Officer",
                      "Contacts resolved in the first channel"),
    "brand": Theme("Keep the brand's promise", "Chief Marketing Officer", "Promise kept, in customers' ratings"),
    "competition": Theme("Win where customers compare", "Chief Marketing Officer", "NPS gap to the best competitor"),
    "culture": Theme("Bring every team closer to customers", "Chief People Officer",
                     "Staff who meet customer feedback monthly"),
    "leadership": Theme("Lead customer obsession from the top", "Chief Executive Officer",
                        "Practices lived, in the evidence"),
    "measurement": Theme("Measure what predicts results, and act on it", "Head of CX Insight",
                         "Metrics with an owner and a SMART goal"),
    "data": Theme("Collect the data the next wave needs", "Head of CX Insight", "Steps fully assessed"),
}

IMPACTS = ("High", "Medium", "Low")
EFFORTS = ("Low", "Medium", "High")


@dataclass(frozen=True)
class Recommendation:
    """One recommended move.

    Attributes
    ----------
    action : what to do, as an imperative sentence.
    rationale : why, with the numbers from the findings.
    theme : the :data:`THEMES` key of the initiative it belongs to.
    impact, effort : "High", "Medium" or "Low".
    kpi : the first measure it moves, with baseline and target.
    owner : the role that owns it; the theme's owner when not given.
    quarter : the quarter (1-4) to start it; by impact and effort when not given (quick wins
        first, large efforts after the first quarter's groundwork).
    priority : its place in the step's list, 1 first; the builder numbers them.
    """

    action: str
    rationale: str
    theme: str = "measurement"
    impact: str = "High"
    effort: str = "Medium"
    kpi: Kpi | None = None
    owner: str = ""
    quarter: int = 0
    priority: int = 0

    def __post_init__(self):
        if self.theme not in THEMES:
            raise ValueError(f"unknown theme {self.theme!r}; themes are {', '.join(THEMES)}")
        if self.impact not in IMPACTS or self.effort not in EFFORTS:
            raise ValueError(f"impact and effort are High, Medium or Low, not {self.impact!r}/{self.effort!r}")
        if not self.owner:
            object.__setattr__(self, "owner", THEMES[self.theme].owner)
        if not self.quarter:
            object.__setattr__(self, "quarter", start_quarter(self.impact, self.effort))
        if not 1 <= self.quarter <= 4:
            raise ValueError(f"a recommendation starts in quarter 1-4, not {self.quarter}")

    @classmethod
    def from_dict(cls, data: dict) -> Recommendation:
        kpi = data.get("kpi")
        return cls(**{**data, "kpi": Kpi(**kpi) if kpi else None})


def start_quarter(impact: str, effort: str) -> int:
    """The quarter to start a move: quick wins (not low impact, low effort) and high-impact moves
    in the first, medium ones in the second, large or low-impact efforts in the third."""
    if impact == "High" or (impact == "Medium" and effort == "Low"):
        return 1
    if impact == "Medium" and effort == "Medium":
        return 2
    return 3


# What a rating or touchpoint is about, by the words of its label, first match wins; the order
# puts "app speed" under digital and "delivery speed" under journey, not under speed.
_LABEL_THEMES = (
    (r"\b(ease|easy|effort|hassle|steps)\b", "ease"),
    (r"\b(app|apps|web|website|online|digital|site|login)\b", "digital"),
    (r"\b(deliver\w*|return\w*|onboard\w*|activation|billing|bill|checkout|install\w*)\b", "journey"),
    (r"\b(speed|wait\w*|response|quick\w*|fast)\b", "speed"),
    (r"\b(staff|agent\w*|support|service|empathy|friendl\w*|care)\b", "empathy"),
    (r"\b(social)\b", "social"),
    (r"\b(price|value|quality|reliab\w*|coverage|network|product\w*|personal\w*|brand)\b", "brand"),
)


def theme_of(label: str, default: str = "journey") -> str:
    """The :data:`THEMES` key a rating, driver or touchpoint label speaks to: "Ease" -> "ease",
    "App login" -> "digital", "Delivery" -> "journey", "Speed" -> "speed", "Staff" -> "empathy",
    "Price" -> "brand"; ``default`` when no word matches."""
    text = str(label).casefold().replace("_", " ")
    return next((theme for pattern, theme in _LABEL_THEMES if re.search(pattern, text)), default)
