"""How a step report places itself in the engagement, in one sentence on its cover."""
from __future__ import annotations

from cxlib import wording
from cxlib.summary.roadmap import Roadmap
from cxlib.summary.scorecard import Scorecard


def placement(card: Scorecard, plan: Roadmap, step: int) -> str:
    """The step's score among the seven and the roadmap initiatives it feeds, e.g. "In this
    engagement, step 4 scores 52/100, 2nd highest of the 7 steps scored; it feeds roadmap
    initiatives 1. Make every contact easy and 3. Answer every channel on time."
    """
    row = card.table[card.table["step"] == step]
    score = row.iloc[0]["score"] if len(row) else float("nan")
    text = f"In this engagement, step {step} " + (
        "could not be scored" if score != score else f"scores {wording.score(score)}/100, {card.rank_of(step)}")
    feeds = [f"{i}. {item.name}" for i, item in enumerate(plan.initiatives, 1) if step in item.steps]
    if feeds:
        listed = feeds[0] if len(feeds) == 1 else ", ".join(feeds[:-1]) + " and " + feeds[-1]
        text += f"; it feeds roadmap initiative{'s' if len(feeds) > 1 else ''} {listed}"
    return text + "."
