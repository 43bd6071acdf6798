"""What Northstar says about itself: 40 marketing and website assets.

Half the assets talk about the company in jargon, half talk to the customer in plain words.
"""
from __future__ import annotations

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
    ("app", "customers",
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
     "Proud to be recognised as a market leader in network KPIs for the third consecutive "
     "year. #NorthstarLeads"),
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
    ("web", "customers",
     "Legacy tariffs are being migrated to our rationalised product catalogue as part of our "
     "simplification programme."),
    ("email", "families",
     "Northstar is delighted to unveil our enhanced loyalty proposition, reflecting our "
     "customer-centric corporate values."),
    ("app", "prospects",
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
    ("web", "families",
     "One bill for the whole family, and you decide how much data each person gets."),
    ("app", "customers",
     "Heading abroad? Your travel pass works in 40 countries. Tap here to turn it on before "
     "you fly."),
    ("email", "customers",
     "Your bill is $4 lower this month because you used less data. Nothing to do."),
    ("social", "customers",
     "Signal problems near Riverside? We know, and engineers are fixing it today. Sorry for "
     "the trouble."),
    ("web", "customers",
     "Can't find what you need? Chat with a real person, usually in under two minutes."),
    ("store", "prospects",
     "Try before you switch: borrow a Northstar SIM for a week, free."),
    ("app", "families",
     "See who in the family is using the most data, and set limits for the kids."),
    ("email", "business",
     "Add a new starter to your company plan from your phone. Their SIM arrives the next day."),
    ("web", "customers",
     "Leaving us? You can cancel online in three steps, and we'll tell you exactly what you "
     "owe."),
    ("app", "customers",
     "Your contract ends next month. Here are two plans that would save you money."),
    ("social", "prospects",
     "No hidden fees. The price you see is the price you pay, every month."),
    ("email", "customers",
     "We fixed the issue you reported on Tuesday. Thanks for telling us."),
    ("store", "customers",
     "Broken screen? Bring it in and we'll give you a phone to use while yours is repaired."),
    ("web", "business",
     "Questions about your account? Your own account manager answers within an hour."),
    ("app", "customers",
     "Paying your bill takes one tap. Or let us do it automatically, your choice."),
    ("email", "families",
     "Your kids' plans renew next week. Want to keep them the same? No action needed."),
)


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
