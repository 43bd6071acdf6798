"""Support tickets: ~2,000 written requests with the agent's first reply.

About half the replies are scripted, company-centred boilerplate; those tickets take longer to
close and earn lower CSAT than the empathetic, specific replies. 5 % of the customers' texts hold
a phone number or e-mail address (truth 5 of :mod:`cxlib.demo.planted`).
"""
from __future__ import annotations

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
REQUESTS = {
    "billing": (
        "Hi, I was charged twice for my {month} bill. Can you refund the extra {amount}?",
        "My bill for {month} is {amount} higher than usual and I don't understand why.",
        "I cancelled the streaming add-on but I'm still paying {amount} a month for it.",
    ),
    "network": (
        "No signal at my home since {weekday}, calls drop after a few seconds.",
        "Mobile data is very slow every evening. Is there a problem in my area?",
        "I can't make calls at work anymore, it says network busy.",
    ),
    "app": (
        "The app logs me out every time I try to pay my bill.",
        "I can't see my usage in the app since the last update.",
        "The app says my payment failed but the money left my account.",
    ),
    "porting": (
        "My number transfer from {competitor} has been pending for {days} days.",
        "I moved to Northstar but my old number still isn't working.",
    ),
    "roaming": (
        "I was charged roaming fees in {country} even though I bought the travel pass.",
        "My phone had no data at all in {country}, the travel pass didn't work.",
    ),
    "device": (
        "My new phone won't activate the SIM, it keeps saying invalid.",
        "The replacement phone you sent has a cracked screen.",
    ),
    "contract": (
        "I want to leave, how much is the exit fee on my contract?",
        "I was promised a discount when I renewed but it isn't on my bill.",
    ),
}
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
EMPATHETIC = {
    "billing": "I'm sorry about that. I've refunded the extra charge today; you'll see it within "
               "three days.",
    "network": "Thanks for telling us. There is a fault on the mast near you, engineers are on it "
               "and I've added a credit to your account.",
    "app": "Sorry for the hassle. I've reset your login and your payment went through, you're "
           "all set.",
    "porting": "I've chased the transfer with your old provider and your number will be live by "
               "tonight. I'll text you when it is.",
    "roaming": "You're right, the travel pass should have covered that. I've removed the roaming "
               "charges.",
    "device": "I'm sorry about this. A new device is on its way for delivery tomorrow and a "
              "courier will collect the old one.",
    "contract": "Thanks for asking. I've checked your account and applied the renewal discount you "
                "were promised, backdated.",
}
MONTHS = ("November", "December", "January", "February", "March", "April", "May", "June",
          "July", "August", "September", "October")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNTRIES = ("Spain", "Italy", "Mexico", "Canada", "Portugal", "Greece")
# channel -> median first response in minutes.
FIRST_RESPONSE = {"phone": 6, "chat": 3, "email": 480, "web": 720, "app": 300}


def _request(rng: np.random.Generator, theme: str) -> str:
    template = REQUESTS[theme][rng.integers(len(REQUESTS[theme]))]
    return template.format(
        month=MONTHS[rng.integers(12)], amount=f"${rng.integers(8, 60)}.{rng.integers(0, 100):02d}",
        weekday=WEEKDAYS[rng.integers(7)], competitor=COMPETITORS[rng.integers(len(COMPETITORS))],
        days=int(rng.integers(3, 15)), country=COUNTRIES[rng.integers(len(COUNTRIES))],
    )


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
    agent = rng.choice(CONTACT_CENTRE_AGENTS, size=n)
    text = [_request(rng, t) for t in theme]
    text, _ = contact_details.plant(rng, text, np.ones(n, dtype=bool), PLANTED.ticket_pii_share,
                                    contact_details.TICKET_SENTENCES)
    scripted = rng.random(n) < 0.5
    reply = [SCRIPTED[rng.integers(len(SCRIPTED))] if s else EMPATHETIC[t]
             for s, t in zip(scripted, theme)]

    median = pd.Series(channel).map(FIRST_RESPONSE).to_numpy(float)
    first = np.round(median * np.exp(rng.normal(0.0, 0.8, n)), 1)
    first[rng.random(n) < 0.03] = np.nan
    resolved = rng.random(n) < np.where(scripted, 0.78, 0.93)
    hours = np.exp(rng.normal(np.where(scripted, 3.6, 2.3), 0.9))  # medians ~37 h vs ~10 h
    resolved_at = pd.Series(later(opened, hours * 60)).where(resolved)
    quality = np.where(resolved, 0.8, -1.2) + np.where(scripted, -0.6, 0.5) \
        - 0.25 * np.log1p(hours / 24) + rng.normal(0.0, 0.9, n)
    csat = np.clip(np.round(3.4 + quality), 1, 5)
    csat[rng.random(n) > 0.55] = np.nan
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
