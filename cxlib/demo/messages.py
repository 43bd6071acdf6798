"""What Northstar says about itself: 40 marketing and website assets.

Half the assets talk about the company in jargon ("Northstar leverages its best-in-class 5G SA
infrastructure..."), half talk to the customer in plain words about their problem and what changes
for them ("Change your plan in two taps. We'll text you when it's done."). The two kinds are not
spread evenly over the channels: that is what step 5's messaging audit must find.

Planted truths (values in :data:`TRUTHS`, checked by ``tests/test_demo_empathy.py``):

1. The website talks about Northstar. 8 of the 10 ``web`` assets are company-centred: the brand
   and we/our/us outnumber you/your, and each carries jargon (buzzwords such as "leverage",
   "end-to-end", "best-in-class", or unexplained acronyms such as "MNO", "QoS", "ARPU").
2. The app talks to the customer. 8 of the 9 ``app`` assets are customer-centred (you/your
   outnumber the brand and we/our/us) and none is company-centred; the ninth addresses nobody in
   particular ("See who in the family is using the most data..."). One of the eight, "Your MSISDN
   has been provisioned...", says "your" but buries it in acronyms. The words tell the same story:
   web copy uses the longest words of any channel (5.8 letters on average), app copy the shortest
   (4.1).
3. So on the customer-as-hero score of the audit ``web`` is the lowest channel and ``app`` the
   highest, at least :attr:`MessageTruths.min_channel_gap` points apart; the worst asset of all
   is on the web (:attr:`MessageTruths.worst_asset`, "Leverage our proprietary SD-WAN overlay and
   MEC capabilities...": 8 jargon terms in 12 words) and the best in the app
   (:attr:`MessageTruths.best_asset`, "Your kids' plans renew next week. ... No action needed.").

``email`` (5 of 9 company-centred), ``store`` and ``social`` (3 of 6 each) sit in between.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# (channel, audience, text). Company-centred, jargon-heavy copy first.
COMPANY_CENTRED = (
    ("web", "prospects",
     "Northstar Mobile leverages its best-in-class 5G SA infrastructure to deliver "
     "synergistic, end-to-end connectivity solutions."),
    ("web", "business",
     "Our industry-leading unified communications portfolio empowers enterprises to drive "
     "digital transformation at scale."),
    ("email", "customers",
     "Northstar is proud to announce the roll-out of our next-generation OSS/BSS platform, "
     "optimising our operational excellence."),
    ("web", "prospects",
     "As a tier-one MNO, Northstar delivers carrier-grade QoS across a converged fixed-mobile "
     "value chain."),
    ("web", "customers",
     "Northstar's award-winning digital ecosystem provides a seamless omnichannel paradigm for"
     " subscriber lifecycle management."),
    ("store", "prospects",
     "Northstar: pioneering the future of connectivity since 1998. Ask about our "
     "market-leading propositions."),
    ("email", "business",
     "Maximise ROI with Northstar's scalable IoT-enabled managed mobility services and "
     "SLA-backed uptime."),
    ("web", "customers",
     "In accordance with our Fair Usage Policy, throughput may be subject to traffic "
     "management during periods of network congestion."),
    ("email", "customers",
     "Northstar is committed to continuous improvement of our value-added service offering in "
     "line with our strategic roadmap."),
    ("social", "prospects",
     "Proud to see our network recognised as a market leader in KPIs for the third "
     "consecutive year. #NorthstarLeads"),
    ("web", "families",
     "Our multi-line bundled tariff architecture enables households to optimise ARPU-efficient"
     " data allocation."),
    ("app", "customers",
     "Your MSISDN has been provisioned. Please refer to the T&Cs for applicable OOB charges "
     "and roaming tariffs."),
    ("store", "customers",
     "Northstar's retail estate is being transformed into experiential flagship destinations "
     "showcasing our brand values."),
    ("email", "prospects",
     "Northstar's strategic partnerships position us at the forefront of the evolving "
     "telecommunications landscape."),
    ("web", "business",
     "Leverage our proprietary SD-WAN overlay and MEC capabilities for mission-critical, "
     "low-latency deployments."),
    ("social", "customers",
     "Northstar has invested heavily in our world-class infrastructure to underpin our vision "
     "of ubiquitous connectivity."),
    ("email", "customers",
     "Legacy tariffs are being migrated to our rationalised product catalogue as part of our "
     "simplification programme."),
    ("social", "families",
     "Northstar is delighted to unveil our enhanced loyalty proposition, reflecting our "
     "customer-centric corporate values."),
    ("web", "prospects",
     "Experience Northstar's holistic, AI-driven, cloud-native platform, engineered for "
     "tomorrow's connected lifestyles."),
    ("store", "business",
     "Northstar Business: a one-stop-shop for end-to-end ICT solutions underpinned by robust "
     "governance frameworks."),
)
CUSTOMER_CENTRED = (
    ("app", "customers",
     "Change your plan in two taps. We'll text you when it's done."),
    ("web", "prospects",
     "Bring your number with you. Switching takes about ten minutes and we do the paperwork."),
    ("email", "customers",
     "You're about to run out of data. Add 5 GB for $5, or we'll slow things down, never "
     "charge extra."),
    ("store", "customers",
     "Need help setting up your new phone? Grab a seat, we'll move your photos and contacts "
     "for free."),
    ("app", "families",
     "One bill for the whole family, and you decide how much data each person gets."),
    ("app", "customers",
     "Heading abroad? Your travel pass works in 40 countries. Tap here to turn it on before "
     "you fly."),
    ("email", "customers",
     "Your bill is $4 lower this month because you used less data. Nothing to do."),
    ("social", "customers",
     "Signal problems near Riverside? We know, and engineers are fixing it today. Sorry for "
     "the trouble: your next bill shows a credit."),
    ("web", "customers",
     "Can't find what you need? Chat with a real person, usually in under two minutes."),
    ("store", "prospects",
     "Try before you switch: borrow a Northstar SIM for a week, free."),
    ("app", "families",
     "See who in the family is using the most data, and set limits for the kids."),
    ("email", "business",
     "Add a new starter to your company plan from your phone. Their SIM arrives the next day."),
    ("email", "customers",
     "Leaving us? You can cancel online in three steps, and we'll tell you exactly what you "
     "owe."),
    ("app", "customers",
     "Your contract ends next month. Here are two plans that would save you money."),
    ("social", "prospects",
     "No hidden fees. The price you see is the price you pay, every month."),
    ("app", "customers",
     "The signal issue you reported on Tuesday is fixed. Thank you for helping your "
     "neighbours too."),
    ("store", "customers",
     "Broken screen? Bring it in and we'll give you a phone to use while yours is repaired."),
    ("social", "business",
     "Questions about your account? Your own account manager answers within an hour."),
    ("app", "customers",
     "Paying your bill takes one tap. Or let us do it automatically, your choice."),
    ("app", "families",
     "Your kids' plans renew next week. Want to keep them the same? No action needed."),
)


@dataclass(frozen=True)
class MessageTruths:
    """What the messages were built to show (see the module docstring)."""

    assets: int = 40
    company_channel: str = "web"       # most company-centred, jargon-heavy channel
    company_channel_assets: int = 10
    company_channel_company_centred: int = 8
    hero_channel: str = "app"          # most customer-centred channel
    hero_channel_assets: int = 9
    hero_channel_customer_centred: int = 8
    worst_asset: str = "MSG-29"        # "Leverage our proprietary SD-WAN overlay and MEC capabilities..."
    best_asset: str = "MSG-40"         # "Your kids' plans renew next week. ... No action needed."
    min_channel_gap: float = 40.0      # app's mean hero score exceeds web's by at least this


TRUTHS = MessageTruths()


def messages() -> pd.DataFrame:
    """The messages dataset: 40 assets, company-centred and customer-centred interleaved.

    Returns
    -------
    pd.DataFrame
        asset_id, channel, audience, text.
    """
    assets = [a for pair in zip(COMPANY_CENTRED, CUSTOMER_CENTRED) for a in pair]
    return pd.DataFrame({
        "asset_id": [f"MSG-{i + 1:02d}" for i in range(len(assets))],
        "channel": [a[0] for a in assets],
        "audience": [a[1] for a in assets],
        "text": [a[2] for a in assets],
    })
