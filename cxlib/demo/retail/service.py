"""Fernway's service: its channels and their targets, a month of support tickets, the brand
promise and leadership's self-assessment.

Planted truths:

1. Email is slow: median first response about 9 hours against a 4-hour target; chat answers in
   about 3 minutes.
2. Two styles of reply. Agents AG-01 to AG-04 acknowledge the customer's problem, own it and say
   what happens next; AG-05 and AG-06 answer with a scripted line that points to the terms. The
   tickets' CSAT column is blank, so replies can be read but not scored against satisfaction.
3. Leadership rates social monitoring 4.5 of 5 ("we answer every post within the hour") while the
   social export shows 30% of posts about Fernway answered (truth 2 of :mod:`.market`).
4. The brand promise rates returns 4.5 of 5; customers rate returns about 2.6 (the largest gap).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .voice import _times

CHANNELS = ("web", "app", "email", "chat", "phone", "social")
# channel -> (offered, budget share, target first response in minutes or None)
CHANNEL_SETUP = {"web": (True, 0.22, None), "app": (True, 0.18, None), "email": (True, 0.20, 240),
                 "chat": (True, 0.25, 2), "phone": (True, 0.15, 5), "social": (False, 0.0, None)}
N_TICKETS = 360
TICKET_CHANNELS = {"email": 0.45, "chat": 0.40, "phone": 0.15}
FIRST_RESPONSE = {"email": 540, "chat": 3, "phone": 4}
WARM_AGENTS = ("AG-01", "AG-02", "AG-03", "AG-04")
SCRIPTED_AGENTS = ("AG-05", "AG-06")

REQUESTS = [
    ("My order FH{n} was due on Tuesday and still hasn't arrived.", "your order hasn't arrived"),
    ("I returned the mirror two weeks ago and there is no refund yet.", "your refund hasn't come through"),
    ("The table arrived with a cracked leg.", "the table arrived damaged"),
    ("I was charged twice for one order.", "you were charged twice"),
    ("The checkout keeps failing when I pay by card.", "the checkout fails when you pay"),
]
WARM = ("Thanks for telling us, and I'm sorry {issue}. I've checked it myself and {fix}. "
        "I'll email you by tomorrow to confirm it's sorted.")
FIXES = ("booked a new delivery for Thursday", "issued the refund today", "arranged a replacement",
         "reversed the second charge", "passed the error to our web team and placed the order for you")
SCRIPTED = ("We apologise for any inconvenience caused. Please refer to our Terms and Conditions for "
            "delivery and returns timescales.",
            "Your request has been logged. Please allow 10 working days for a response.")

PROMISE = {
    "delivery": ("On your doorstep on the day we promise.", 4.4),
    "product_quality": ("Homewares made to last.", 4.2),
    "returns": ("Changed your mind? Returns are free and refunds take three days.", 4.5),
    "website": ("Find it, order it, done.", 4.0),
    "value": ("Good design at a fair price.", 3.8),
}
PRACTICES = {
    "hire_for_mindset": (3.0, "Service questions in every interview.", "People Director"),
    "educate_retrain": (3.0, "Induction module on the returns policy.", "People Director"),
    "simplify_contact": (3.5, "Live chat on every page.", "Head of Customer Service"),
    "social_monitoring": (4.5, "We answer every post within the hour.", "Head of Marketing"),
    "over_deliver": (2.5, "Hand-written notes in some parcels.", "Head of Operations"),
    "personalize": (3.0, "Recommendations by browsing history.", "Head of Digital"),
    "reduce_jargon": (3.5, "Plain-English product pages.", "Head of Marketing"),
    "seamless_transitions": (3.0, "Order history visible to chat agents.", "Head of Customer Service"),
    "omnichannel_convenience": (3.5, "Web, app, email, chat and phone.", "Chief Operating Officer"),
    "consistent_experience": (3.0, "Monthly review of complaint themes.", "Head of Customer Service"),
}


def channels() -> pd.DataFrame:
    """The channels dataset; social is not offered and has no budget, web and app no target."""
    return pd.DataFrame({
        "channel": list(CHANNEL_SETUP),
        "offered": [o for o, _, _ in CHANNEL_SETUP.values()],
        "investment_share": [s for _, s, _ in CHANNEL_SETUP.values()],
        "target_response_minutes": [t for _, _, t in CHANNEL_SETUP.values()],
    })


def tickets(rng: np.random.Generator) -> pd.DataFrame:
    """The tickets dataset: a month of email, chat and phone tickets; the CSAT column is blank."""
    n = N_TICKETS
    channel = rng.choice(list(TICKET_CHANNELS), n, p=list(TICKET_CHANNELS.values()))
    agents = np.array(WARM_AGENTS + SCRIPTED_AGENTS)
    agent = agents[rng.integers(len(agents), size=n)]
    opened = pd.to_datetime(_times(rng, n))
    first = np.array([max(1.0, round(FIRST_RESPONSE[c] * float(np.exp(rng.normal(0, 0.5))), 1)) for c in channel])
    hours = rng.uniform(2, 72, n)
    resolved = (opened + pd.to_timedelta(np.round(first + hours * 60), unit="m")).where(rng.random(n) < 0.85)
    texts, replies = [], []
    for i in range(n):
        k = int(rng.integers(len(REQUESTS)))
        request, issue = REQUESTS[k]
        texts.append(request.format(n=40_000 + i))
        replies.append(WARM.format(issue=issue, fix=FIXES[k]) if agent[i] in WARM_AGENTS
                       else SCRIPTED[int(rng.integers(len(SCRIPTED)))])
    return pd.DataFrame({
        "ticket_id": [f"T-{i:05d}" for i in range(1, n + 1)], "channel": channel, "agent_id": agent,
        "opened_at": opened, "first_response_minutes": first, "resolved_at": resolved,
        "customer_text": texts, "agent_reply": replies, "csat": None,
    })


def promise() -> pd.DataFrame:
    """The brand_promise dataset: one row per survey rating."""
    return pd.DataFrame({"attribute": list(PROMISE), "promise": [p for p, _ in PROMISE.values()],
                         "survey_column": [f"attr_{a}" for a in PROMISE],
                         "internal_rating": [r for _, r in PROMISE.values()]})


def practices() -> pd.DataFrame:
    """The practices dataset: leadership's 1-5 self-assessment with the evidence it cites."""
    return pd.DataFrame([(k, s, e, o) for k, (s, e, o) in PRACTICES.items()],
                        columns=["practice", "self_score", "evidence", "owner"])
