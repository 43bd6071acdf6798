"""The truths planted in the demo client, with the values a correct analysis should find.

Every later step of the engagement is checked against the demo: when a notebook reports the
number below, the analysis works. ``tests/test_demo.py`` asserts each truth with a plain
computation.

1. Top driver. NPS is generated from the six ``attr_*`` ratings with ``attr_ease`` weighted most
   (about twice the next attribute) and ``attr_price`` / ``attr_personalization`` least, so every
   driver method (standardized regression, relative weights, correlation) ranks ease first.
   Monthly NPS follows :attr:`Planted.monthly_nps` (overall about +26); October 2026 drops about
   14 points on September (an app update made things harder: October's ease ratings fall too),
   large enough for a two-sample z test at 5 %.
2. Low effort keeps customers. A customer's churn is drawn from the CES of their latest survey
   response: exactly 30 % of customers at CES 1-3 churn against 10 % at CES 5-7 (ratio 3.0),
   churned_at falls 3-90 days after that response. NPS tracks churn only through its link with
   ease, so CES is the better churn predictor; revenue_12m rises mildly with NPS.
3. Inflated agent. Contact-centre agent ``AG-117`` has 140 responses, 60 % of them a 10 (peers
   about 15 %); most of the extra 10s carry a comment that contradicts the score ("Agent asked
   me to give a 10 but the problem is still not fixed").
4. Hidden competitor. ``Nimbus Mobile`` is not among client.yml's competitors, yet exactly 30 %
   of survey responses name it in also_considered (more than Zenith Connect or Pulse Wireless);
   it is benchmarked in ``competitors`` and talked about in ``social``.
5. Personal data. The personal details in :data:`PII` (e-mails, phones, card numbers, IBANs, titled
   names and names under a sign-off, kinds in :data:`PII_KINDS`) are written into the comments of
   2 % of survey responses and 5 % of ticket texts; every string appears at least once in each file.
6. Governance. Four catalog metrics are "set and forget" (no owner, no goal, not reviewed in 90
   days, fewer than 10 dashboard views in 90 days); Engineering never meets a customer; staff
   rate the ease promise highest (4.8/5) while customers rate ease second lowest of the six.
"""
from __future__ import annotations

from dataclasses import dataclass

# Personal data customers leave in free text, each string the part that must never reach a report:
# e-mail addresses on reserved domains, phone numbers as people type them, test card numbers (Luhn
# valid), example IBANs (checksum valid), and names written after a title or under a sign-off.
PII_KINDS: dict[str, str] = {
    "jane.doe@example.com": "email", "+1 415 555 0142": "phone", "m.okafor@example.net": "email",
    "(212) 555-0199": "phone", "carlos_ruiz82@example.org": "email", "646-555-0113": "phone",
    "priya.n@example.com": "email", "+44 20 7946 0958": "phone", "tom.becker@mail.example.com": "email",
    "415.555.0166": "phone", "lee.wong+bills@example.com": "email", "+1 (312) 555-0187": "phone",
    "4111 1111 1111 1111": "card", "5500-0000-0000-0004": "card",
    "GB82 WEST 1234 5698 7654 32": "iban", "DE89370400440532013000": "iban",
    "Jane Doe": "titled name", "Omar Haddad": "titled name",
    "Priya Natarajan": "signature", "Tom Becker": "signature",
}
PII: tuple[str, ...] = tuple(PII_KINDS)


@dataclass(frozen=True)
class Planted:
    """The planted truths of the demo client and the values they were built to show.

    Exact values (``ces_churn_ratio``, ``inflated_agent_ten_share``, ``hidden_competitor_share``)
    hold for every seed because they are planted as exact counts; the others are targets the
    generated data lands near.
    """

    top_driver: str = "attr_ease"
    weakest_drivers: tuple[str, ...] = ("attr_price", "attr_personalization")
    # Target NPS per month, November 2025 to October 2026.
    monthly_nps: tuple[float, ...] = (24, 27, 22, 25, 28, 24, 27, 30, 26, 28, 30, 16)
    overall_nps: float = 26.0
    last_month: str = "2026-10"
    last_month_nps_change: float = -14.0
    ces_churn_ratio: float = 3.0
    low_ces_churn_rate: float = 0.30
    high_ces_churn_rate: float = 0.10
    inflated_agent: str = "AG-117"
    inflated_agent_responses: int = 140
    inflated_agent_ten_share: float = 0.60
    peer_ten_share: float = 0.15
    hidden_competitor: str = "Nimbus Mobile"
    hidden_competitor_share: float = 0.30
    pii: tuple[str, ...] = PII
    survey_pii_share: float = 0.02
    ticket_pii_share: float = 0.05
    set_and_forget_metrics: tuple[str, ...] = (
        "App store rating", "Social share of voice", "Store footfall", "Email open rate",
    )
    no_contact_department: str = "Engineering"
    promise_gap_attribute: str = "ease"


PLANTED = Planted()
