"""Support tickets: 2,000 written requests with the agent's first reply.

A reply is put together from the moves of an empathetic answer, each present or not: an
acknowledgement ("Thanks for letting us know."), an apology ("I'm sorry about this."), a sentence
that mirrors the customer's own words ("Your mobile data is very slow every evening in your area."),
ownership ("I've logged a fault on the mast near you...") and reassurance ("I'll text you when it
is."). A reply with none of them is scripted boilerplate. How often an agent writes the full
answer depends on the agent and on the channel. 5 % of the customers' texts hold a phone number or
e-mail address (truth 5 of :mod:`cxlib.demo.planted`).

Planted truths (values in :data:`TRUTHS`, checked by ``tests/test_demo_empathy.py``):

1. Empathy pays. A reply that acknowledges, owns *and* reassures (the full pattern) adds
   :attr:`TicketTruths.csat_lift` (0.8) to ticket CSAT on the 1-5 scale at the same first-response
   time; slower first responses cost CSAT too (about 0.2 per log-hour). Resolution does not depend
   on the reply, so the lift is the reply's own.
2. A small sample must not win. :attr:`TicketTruths.newcomer` joined in October and wrote only
   :attr:`TicketTruths.newcomer_tickets` (4) replies, all five moves, all rated 5: the best raw
   average of any agent. :attr:`TicketTruths.star_agent` writes the full pattern in about 90 % of
   about 70 replies and is the best agent once averages are shrunk towards the team mean.
3. One channel is colder. On ``email`` (:attr:`TicketTruths.cold_channel`) most replies are cold
   boilerplate ("Unfortunately we are unable to process your request..."), so email replies have
   the lowest average VADER tone of any channel by a wide margin and the fewest full-pattern replies.

First responses keep each channel's usual speed (medians: chat 3 min, phone 6, app 5 h, email 8 h,
web 12 h), so only phone and chat answer within the hour.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import contact_details
from .client import COMPETITORS, later, times_in_period
from .planted import PLANTED
from .survey import CONTACT_CENTRE_AGENTS

N_TICKETS = 2000
CHANNELS = {"phone": 0.32, "chat": 0.26, "email": 0.22, "web": 0.10, "app": 0.10}
THEMES = {"billing": 0.28, "network": 0.22, "app": 0.16, "porting": 0.10, "roaming": 0.08,
          "device": 0.08, "contract": 0.08}
# theme -> (customer's request, the reply sentence that mirrors it in the customer's words).
REQUESTS = {
    "billing": (
        ("Hi, I was charged twice for my {month} bill. Can you refund the extra {amount}?",
         "You were charged twice for your {month} bill and want the extra {amount} refunded."),
        ("My bill for {month} is {amount} higher than usual and I don't understand why.",
         "Your {month} bill is {amount} higher than usual with no explanation."),
        ("I cancelled the streaming add-on but I'm still paying {amount} a month for it.",
         "You cancelled the streaming add-on and are still paying {amount} a month for it."),
    ),
    "network": (
        ("No signal at my home since {weekday}, calls drop after a few seconds.",
         "Since {weekday} there is no signal at your home and calls drop after a few seconds."),
        ("Mobile data is very slow every evening. Is there a problem in my area?",
         "Your mobile data is very slow every evening in your area."),
        ("I can't make calls at work anymore, it says network busy.",
         "You can't make calls at work anymore because the network says busy."),
    ),
    "app": (
        ("The app logs me out every time I try to pay my bill.",
         "The app logs you out every time you try to pay your bill."),
        ("I can't see my usage in the app since the last update.",
         "Since the last update you can't see your usage in the app."),
        ("The app says my payment failed but the money left my account.",
         "The app says your payment failed, yet the money left your account."),
    ),
    "porting": (
        ("My number transfer from {competitor} has been pending for {days} days.",
         "Your number transfer from {competitor} has been pending for {days} days."),
        ("I moved to Northstar but my old number still isn't working.",
         "You moved to Northstar and your old number still isn't working."),
    ),
    "roaming": (
        ("I was charged roaming fees in {country} even though I bought the travel pass.",
         "You were charged roaming fees in {country} even though you bought the travel pass."),
        ("My phone had no data at all in {country}, the travel pass didn't work.",
         "Your phone had no data at all in {country} and the travel pass didn't work."),
    ),
    "device": (
        ("My new phone won't activate the SIM, it keeps saying invalid.",
         "Your new phone won't activate the SIM and keeps saying invalid."),
        ("The replacement phone you sent has a cracked screen.",
         "The replacement phone we sent you has a cracked screen."),
    ),
    "contract": (
        ("I want to leave, how much is the exit fee on my contract?",
         "You want to know the exit fee on your contract before you leave."),
        ("I was promised a discount when I renewed but it isn't on my bill.",
         "You were promised a discount when you renewed and it isn't on your bill."),
    ),
}
OWNERSHIP = {
    "billing": "I've corrected the bill and refunded the difference to your card today.",
    "network": "I've logged a fault on the mast near you with our engineers and added a credit "
               "to your account.",
    "app": "I've reset your login and checked that your payment went through.",
    "porting": "I've chased the transfer with your old provider myself.",
    "roaming": "I've removed the roaming charges and fixed the pass on your line.",
    "device": "I've ordered a replacement for you and a courier will collect the old one.",
    "contract": "I've checked your contract and applied everything you were promised.",
}
REASSURANCE = {
    "billing": "You'll see the money back within three days, and I'm happy to help with anything else.",
    "network": "It should be back to normal by tomorrow, and I'll text you when it is.",
    "app": "You're all set, nothing else to do on your side. Glad we could sort it.",
    "porting": "Your number will be live by tonight and I'll text you when it is.",
    "roaming": "You won't be charged for it, and the pass will work fine on your next trip.",
    "device": "The new phone is on its way for delivery tomorrow. Enjoy it!",
    "contract": "You won't pay anything you weren't told about, and I'll send it in writing.",
}
ACKNOWLEDGEMENT = (
    "Thanks for letting us know.",
    "I understand how annoying that is.",
    "You're right to raise this.",
    "I can see why that's frustrating.",
    "Thanks for telling us about this.",
)
APOLOGY = ("I'm sorry about this.", "Sorry for the hassle.", "I apologise for the trouble.")
SCRIPTED = (
    "Thank you for contacting Northstar Mobile. Your request has been escalated to the relevant "
    "team in line with our policy. Please allow five to seven working days for a response.",
    "We apologise for any inconvenience caused. Please refer to our Terms and Conditions for "
    "details of applicable charges.",
    "Your case has been logged in our system. A member of the relevant department will action "
    "your request in due course.",
    "Thank you for your patience. To progress your query please complete the online form and "
    "provide your account details for verification purposes.",
)
COLD_EMAIL = (
    "Unfortunately we are unable to process your request at this time. No further action can be "
    "taken until verification is complete.",
    "Please be advised that your complaint has been noted. Charges are applied under the Terms "
    "and Conditions and cannot be reversed.",
    "Please do not reply to this email. Unfortunately we cannot discuss account matters by email; "
    "your request has been closed and no refund is due.",
)
MONTHS = ("November", "December", "January", "February", "March", "April", "May", "June",
          "July", "August", "September", "October")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNTRIES = ("Spain", "Italy", "Mexico", "Canada", "Portugal", "Greece")
# channel -> median first response in minutes.
FIRST_RESPONSE = {"phone": 6, "chat": 3, "email": 480, "web": 720, "app": 300}
# channel -> factor on an agent's chance to write the full empathetic pattern.
CHANNEL_WARMTH = {"phone": 1.0, "chat": 1.0, "email": 0.35, "web": 0.9, "app": 0.9}
CSAT_BASE = 3.3
CSAT_LIFT_LATENT = 0.95  # on the latent scale; rounding and the 1-5 bounds leave about 0.8
CSAT_PER_LOG_HOUR = 0.2


@dataclass(frozen=True)
class TicketTruths:
    """What the tickets were built to show (see the module docstring)."""

    tickets: int = N_TICKETS
    csat_lift: float = 0.8          # full pattern vs the rest, same first-response time
    csat_lift_tolerance: float = 0.2
    newcomer: str = "AG-141"        # 4 replies, all five moves, all CSAT 5
    newcomer_tickets: int = 4
    star_agent: str = "AG-112"      # full pattern in ~90 % of ~70 replies
    star_full_share: float = 0.9
    cold_channel: str = "email"
    cold_channel_gap: float = 0.3   # email's mean reply tone is below every other channel's by this
    hour_channels: tuple[str, ...] = ("chat", "phone")  # the channels that answer within the hour


TRUTHS = TicketTruths()


def _request(rng: np.random.Generator, theme: str) -> tuple[str, str]:
    request, mirror = REQUESTS[theme][rng.integers(len(REQUESTS[theme]))]
    slots = {
        "month": MONTHS[rng.integers(12)],
        "amount": f"${rng.integers(8, 60)}.{rng.integers(0, 100):02d}",
        "weekday": WEEKDAYS[rng.integers(7)],
        "competitor": COMPETITORS[rng.integers(len(COMPETITORS))],
        "days": int(rng.integers(3, 15)),
        "country": COUNTRIES[rng.integers(len(COUNTRIES))],
    }
    return request.format(**slots), mirror.format(**slots)


def _moves(rng: np.random.Generator, full_chance: float) -> dict[str, bool]:
    """Which moves a reply makes: the full pattern with ``full_chance``, otherwise a few at random."""
    if rng.random() < full_chance:
        return {"ack": True, "own": True, "reassure": True,
                "apology": rng.random() < 0.6, "mirror": rng.random() < 0.75}
    moves = {"ack": rng.random() < 0.3, "own": rng.random() < 0.3, "reassure": rng.random() < 0.3,
             "apology": rng.random() < 0.3, "mirror": rng.random() < 0.25}
    if moves["ack"] and moves["own"] and moves["reassure"]:
        moves["reassure"] = False  # a partial reply never completes the pattern
    return moves


def _reply(rng: np.random.Generator, theme: str, mirror: str, moves: dict[str, bool],
           channel: str) -> str:
    """The reply text: the chosen moves in a natural order, boilerplate where nothing is owned."""
    parts = []
    if moves["ack"]:
        parts.append(ACKNOWLEDGEMENT[rng.integers(len(ACKNOWLEDGEMENT))])
    if moves["apology"]:
        parts.append(APOLOGY[rng.integers(len(APOLOGY))])
    if moves["mirror"]:
        parts.append(mirror)
    if moves["own"]:
        parts.append(OWNERSHIP[theme])
    else:
        bank = COLD_EMAIL if channel == "email" else SCRIPTED
        parts.append(bank[rng.integers(len(bank))])
    if moves["reassure"]:
        parts.append(REASSURANCE[theme])
    return " ".join(parts)


def tickets(rng: np.random.Generator) -> pd.DataFrame:
    """The tickets dataset, columns as in docs/data-contract.md.

    Parameters
    ----------
    rng : random generator.

    Returns
    -------
    pd.DataFrame
        One row per ticket in time order; ``csat`` answered for about 55 %.
    """
    n = N_TICKETS
    opened = times_in_period(rng, n)
    channel = rng.choice(list(CHANNELS), size=n, p=list(CHANNELS.values()))
    theme = rng.choice(list(THEMES), size=n, p=list(THEMES.values()))
    agent = rng.choice(CONTACT_CENTRE_AGENTS, size=n).astype(object)
    # The newcomer answers four chat/phone tickets in the last fortnight.
    late = np.flatnonzero((opened >= np.datetime64("2026-10-17")) & np.isin(channel, ["chat", "phone"]))
    newcomer = np.sort(rng.choice(late, TRUTHS.newcomer_tickets, replace=False))
    agent[newcomer] = TRUTHS.newcomer
    pairs = [_request(rng, t) for t in theme]
    text, _ = contact_details.plant(rng, [p[0] for p in pairs], np.ones(n, dtype=bool),
                                    PLANTED.ticket_pii_share, contact_details.TICKET_SENTENCES)

    # Each agent's habit: how often they write the full pattern (on a warm channel).
    habit = dict(zip(CONTACT_CENTRE_AGENTS,
                     np.clip(rng.normal(0.38, 0.14, len(CONTACT_CENTRE_AGENTS)), 0.05, 0.7)))
    habit[TRUTHS.star_agent] = TRUTHS.star_full_share
    moves = []
    for i in range(n):
        if agent[i] == TRUTHS.newcomer:
            moves.append(dict.fromkeys(("ack", "own", "reassure", "apology", "mirror"), True))
        else:
            moves.append(_moves(rng, habit[agent[i]] * CHANNEL_WARMTH[channel[i]]))
    reply = [_reply(rng, t, p[1], m, c) for t, p, m, c in zip(theme, pairs, moves, channel)]
    full = np.array([m["ack"] and m["own"] and m["reassure"] for m in moves])

    median = pd.Series(channel).map(FIRST_RESPONSE).to_numpy(float)
    first = np.round(median * np.exp(rng.normal(0.0, 0.8, n)), 1)
    missing_first = rng.random(n) < 0.03
    resolved = rng.random(n) < 0.86
    hours = np.exp(rng.normal(2.9, 0.9, n))  # median ~18 h to resolve, whatever the reply
    resolved_at = pd.Series(later(opened, hours * 60)).where(resolved)
    latent = (CSAT_BASE + CSAT_LIFT_LATENT * full + np.where(resolved, 0.35, -0.9)
              - CSAT_PER_LOG_HOUR * np.log1p(first / 60) + rng.normal(0.0, 0.85, n))
    csat = np.clip(np.round(latent), 1, 5)
    csat[np.isin(np.arange(n), newcomer)] = 5
    csat[(rng.random(n) > 0.55) & ~np.isin(np.arange(n), newcomer)] = np.nan
    first[missing_first & ~np.isin(np.arange(n), newcomer)] = np.nan
    return pd.DataFrame({
        "ticket_id": [f"TK-{i + 1:05d}" for i in range(n)],
        "channel": channel,
        "agent_id": agent,
        "opened_at": pd.to_datetime(opened),
        "first_response_minutes": first,
        "resolved_at": pd.to_datetime(resolved_at),
        "customer_text": text,
        "agent_reply": reply,
        "csat": pd.array(csat, dtype="Int64"),
    })
