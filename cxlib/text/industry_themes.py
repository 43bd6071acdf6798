"""Comment-theme lexicons per industry, chosen by client.yml's ``industry``.

An airline's "WiFi was not working" is about the cabin, a telecom's about the network: one lexicon for
every client reads the demo's industry into everyone's comments. Each lexicon is a few themes of
word patterns a consultant can read and extend (``themes:`` in client.yml adds or replaces themes).
A client whose industry matches none gets themes found in its own comments instead
(:func:`cxlib.text.themes.discovered_themes`).
"""
from __future__ import annotations

import re

_PRICE = (r"pric\w*", r"cost\w*", r"expensive", r"cheap\w*", r"fees?", r"charg\w*", r"overcharg\w*",
          r"refund\w*", r"paid", r"pay", r"paying", r"money", r"afford\w*", r"value")
_STAFF = (r"staff", r"agents?", r"employees?", r"friendly", r"helpful", r"rude", r"polite", r"knowledgeable",
          r"service", r"assist\w*", r"team", r"the person", r"people")
_WAIT = (r"wait\w*", r"queues?", r"on hold", r"slow\w*", r"quick\w*", r"fast", r"took (?:ages|forever)",
         r"forever", r"(?:nobody|no one|never) (?:answered|replied|called|got back)", r"call(?:ed)? back")
_DIGITAL = (r"apps?", r"website", r"online", r"log\s?in", r"password", r"portal", r"confus\w*", r"click\w*")

TELECOM: dict[str, tuple[str, ...]] = {
    "Price & billing": (
        r"pric\w*", r"bill\w*", r"cost\w*", r"expensive", r"cheap\w*", r"fees?", r"charg\w*",
        r"overcharg\w*", r"invoice\w*", r"refund\w*", r"paid", r"pay", r"paying", r"money",
        r"afford\w*", r"value", r"direct debit",
    ),
    "Ease & app": (
        r"apps?", r"easy", r"easier", r"eas(?:e|ily)", r"simple", r"website", r"online",
        r"log\s?in", r"logging", r"password", r"confus\w*", r"complicated", r"hassle\w*",
        r"self[- ]service", r"portal", r"click\w*", r"steps", r"attempts?", r"in circles",
    ),
    "Staff & service": (
        r"staff", r"agents?", r"rep(?:resentative)?s?", r"employees?", r"friendly", r"helpful",
        r"rude", r"polite", r"knowledgeable", r"service", r"support", r"assist\w*", r"advisors?",
        r"team", r"the person", r"people", r"ownership", r"passed (?:between|around|from)",
        r"nobody (?:helped|cared|took)",
    ),
    "Waiting & speed": (
        r"wait\w*", r"queues?", r"on hold", r"slow\w*", r"quick\w*", r"fast", r"delay\w*",
        r"took (?:ages|forever)", r"forever", r"ages", r"prompt\w*", r"speedy",
        # durations, but not "unlimited minutes" (a plan) or "opening hours"
        r"(?<!unlimited )minutes", r"(?<!opening )hours?", r"(?:a|one|two|three|four|five|ten"
        r"|\d+) (?:days|weeks?)", r"next day", r"same day",
        r"(?:nobody|no one|never) (?:answered|replied|called|got back)", r"call(?:ed)? back",
    ),
    "Network & reliability": (
        r"network", r"signal", r"coverage", r"reception", r"outages?", r"dropp(?:ed|ing) calls?",
        r"calls? (?:\w+ )?drop\w*", r"no bars", r"dead zones?", r"4g", r"5g", r"internet",
        r"wi-?fi", r"connection", r"connectivity", r"disconnect\w*", r"reliab\w*",
        r"unreliable", r"mobile data", r"data (?:speed|connection)s?",
    ),
    "Plans & personal offers": (
        r"plans?", r"contracts?", r"tariffs?", r"deals?", r"offers?", r"upgrades?", r"bundles?",
        r"discounts?", r"loyal\w*", r"personali[sz]\w*", r"tailored", r"promo(?:tion)?s?",
        r"roaming", r"unlimited", r"allowances?", r"sim only", r"data packs?", r"add-ons?",
    ),
}

TRAVEL: dict[str, tuple[str, ...]] = {
    "Delays & punctuality": (r"delay\w*", r"late", r"on time", r"punctual\w*", r"cancel\w*", r"missed (?:my )?connection",
                             r"rebook\w*", r"diverted", r"stranded", r"(?:an|one|two|three|\d+) hours?"),
    "Baggage": (r"bags?", r"baggage", r"luggage", r"suitcases?", r"carousel", r"lost (?:my )?(?:bag|luggage)"),
    "Crew & staff": (r"crew", r"cabin crew", r"flight attendants?", r"pilots?", r"staff", r"friendly", r"helpful",
                     r"rude", r"polite", r"service"),
    "Seat & cabin comfort": (r"seats?", r"legroom", r"cramped", r"comfort\w*", r"uncomfortable", r"food", r"meals?",
                             r"snacks?", r"drinks?", r"wi-?fi", r"entertainment", r"clean\w*", r"dirty", r"toilets?"),
    "Booking & check-in": (r"book\w*", r"website", r"apps?", r"check[- ]?in", r"boarding pass\w*", r"online",
                           r"reservation\w*", r"change (?:my )?(?:flight|booking)"),
    "Airport & boarding": (r"gates?", r"boarding", r"queues?", r"security", r"lounges?", r"airport", r"terminal"),
    "Price & fees": _PRICE + (r"fares?", r"tickets?"),
}

RETAIL: dict[str, tuple[str, ...]] = {
    "Delivery": (r"deliver\w*", r"shipping", r"shipped", r"courier", r"parcels?", r"packages?", r"arriv\w*",
                 r"dispatch\w*", r"tracking", r"late"),
    "Returns & refunds": (r"returns?", r"returned", r"refund\w*", r"exchange\w*", r"send (?:it )?back"),
    "Product quality": (r"quality", r"broken", r"damaged", r"faulty", r"defect\w*", r"sizes?", r"fit", r"fits",
                        r"cheaply made", r"fell apart"),
    "Website & checkout": _DIGITAL + (r"checkout", r"basket", r"cart", r"payment", r"search"),
    "Stock & range": (r"out of stock", r"in stock", r"stock", r"range", r"choice", r"selection", r"available"),
    "Staff & service": _STAFF + (r"store", r"shop", r"customer service"),
    "Price & value": _PRICE + (r"discounts?", r"offers?", r"sale"),
}

BANKING: dict[str, tuple[str, ...]] = {
    "Fees & rates": (r"fees?", r"charg\w*", r"interest", r"rates?", r"premiums?", r"overdraft", r"expensive",
                     r"cost\w*", r"pric\w*"),
    "Claims": (r"claims?", r"claimed", r"payout", r"assessor", r"excess", r"settle\w*"),
    "App & online banking": _DIGITAL + (r"transfers?", r"online banking", r"mobile banking"),
    "Fraud & security": (r"fraud\w*", r"scam\w*", r"blocked", r"frozen", r"security", r"stolen", r"suspicious"),
    "Cards & accounts": (r"cards?", r"accounts?", r"statements?", r"pin", r"open(?:ing)? an account"),
    "Staff & service": _STAFF + (r"branch\w*", r"advisers?", r"advisors?"),
    "Waiting & speed": _WAIT,
}

SOFTWARE: dict[str, tuple[str, ...]] = {
    "Bugs & reliability": (r"bugs?", r"buggy", r"crash\w*", r"errors?", r"down", r"downtime", r"outages?", r"slow\w*",
                           r"glitch\w*", r"broken", r"not working"),
    "Features": (r"features?", r"missing", r"integrations?", r"roadmap", r"functionality", r"export\w*", r"api"),
    "Ease of use": (r"easy", r"intuitive", r"confus\w*", r"ui", r"ux", r"interface", r"user[- ]friendly",
                    r"complicated", r"clunky"),
    "Support": (r"support", r"tickets?", r"response", r"responsive", r"help\w*", r"customer success"),
    "Onboarding & docs": (r"documentation", r"docs", r"setup", r"set up", r"onboarding", r"tutorials?", r"guides?",
                          r"training"),
    "Pricing & plans": (r"pric\w*", r"plans?", r"licen[cs]\w*", r"subscription\w*", r"expensive", r"seats?",
                        r"cost\w*", r"value"),
}

UTILITIES: dict[str, tuple[str, ...]] = {
    "Bills & tariffs": (r"bill\w*", r"tariffs?", r"pric\w*", r"charg\w*", r"direct debit", r"estimat\w*",
                        r"expensive", r"cost\w*", r"refund\w*", r"credit"),
    "Outages & supply": (r"outages?", r"power cuts?", r"supply", r"no (?:water|power|gas|electricity)", r"leaks?",
                         r"pressure", r"interrupt\w*"),
    "Meters & readings": (r"meters?", r"smart meter\w*", r"readings?"),
    "Ease & online": _DIGITAL,
    "Staff & service": _STAFF + (r"engineers?", r"technicians?"),
    "Waiting & speed": _WAIT,
}

HEALTHCARE: dict[str, tuple[str, ...]] = {
    "Appointments & waiting": (r"appointments?", r"wait\w*", r"waiting list", r"cancel\w*", r"resched\w*", r"delay\w*",
                               r"booking", r"referrals?"),
    "Staff & care": (r"doctors?", r"nurses?", r"staff", r"care", r"caring", r"kind", r"rude", r"listened",
                     r"compassion\w*", r"gp", r"consultant"),
    "Communication": (r"explain\w*", r"told", r"information", r"results?", r"letters?", r"call(?:ed)? back",
                      r"nobody (?:told|called)", r"updates?"),
    "Cost & billing": (r"bill\w*", r"costs?", r"insurance", r"charg\w*", r"co-?pay\w*", r"expensive"),
    "Facilities": (r"clean\w*", r"dirty", r"parking", r"rooms?", r"wards?", r"waiting room", r"food"),
    "Treatment": (r"treatment", r"medication", r"prescriptions?", r"diagnos\w*", r"pain", r"surgery", r"recovery"),
}

INDUSTRY_THEMES: dict[str, dict[str, tuple[str, ...]]] = {
    "telecom": TELECOM, "airline and travel": TRAVEL, "retail and e-commerce": RETAIL,
    "banking and insurance": BANKING, "software": SOFTWARE, "utilities": UTILITIES, "healthcare": HEALTHCARE,
}
# Words in client.yml's industry that choose a lexicon; checked in this order.
_INDUSTRY_WORDS: tuple[tuple[str, str], ...] = (
    ("telecom", r"telecom\w*|mobile|broadband|wireless|cable|isp|telco|network operator"),
    ("airline and travel", r"airlines?|aviation|travel|hotels?|hospitality|tour\w*|cruise\w*|rail\w*|transport"),
    ("banking and insurance", r"bank\w*|insur\w*|financ\w*|lending|credit union|wealth|pensions?"),
    ("retail and e-commerce", r"retail\w*|e-?commerce|shop\w*|stores?|fashion|grocer\w*|marketplace"),
    ("software", r"software|saas|tech\w*|platform|apps?"),
    ("utilities", r"utilit\w*|energy|electricity|water|gas"),
    ("healthcare", r"health\w*|hospital\w*|clinic\w*|medical|pharma\w*|dental|care home"),
)


def industry_key(industry: str | None) -> str | None:
    """The lexicon for client.yml's ``industry`` ("Mobile telecommunications" -> "telecom"), or None."""
    text = str(industry or "").casefold()
    return next((key for key, words in _INDUSTRY_WORDS if re.search(rf"\b(?:{words})\b", text)), None)
