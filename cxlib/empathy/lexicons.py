"""The word lists of step 5 and the one way they are matched against a text.

A lexicon is a tuple of lower-case terms; a term matches whole words, case-insensitively, so
"solution" does not match "solutions" (list both when both matter) and "our" does not match
"hour". A multi-word term ("end-to-end", "thanks for letting us know") counts once. Terms may use
the straight apostrophe; curly apostrophes in a text are read as straight ones.

The consultant extends a lexicon per client by passing extra terms to the function that uses it
(e.g. ``extra_jargon`` of :func:`cxlib.empathy.messaging.score_text`): the defaults here are meant
to hold for any company.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

# --- who the copy is about ------------------------------------------------------------------------
CUSTOMER_WORDS: tuple[str, ...] = (
    "you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd",
)
COMPANY_WORDS: tuple[str, ...] = (
    "we", "our", "ours", "us", "ourselves", "we're", "we've", "we'll", "we'd",
)
# First words of a brand name that are too common to stand for the brand on their own.
GENERIC_NAME_WORDS: tuple[str, ...] = (
    "the", "a", "an", "first", "national", "united", "general", "american", "british", "global",
    "city", "bank", "new", "royal", "international", "mobile",
)

# --- jargon -----------------------------------------------------------------------------------
DEFAULT_JARGON: tuple[str, ...] = (
    # corporate buzzwords
    "leverage", "leverages", "leveraging", "synergy", "synergies", "synergistic", "best-in-class",
    "world-class", "industry-leading", "market-leading", "market leader", "cutting-edge",
    "next-generation", "state-of-the-art", "end-to-end", "seamless", "holistic", "paradigm",
    "ecosystem", "solution", "solutions", "empower", "empowers", "empowering", "optimise",
    "optimises", "optimising", "optimize", "optimizes", "optimizing", "streamline", "streamlines",
    "robust", "scalable", "value-added", "value chain", "proposition", "propositions",
    "mission-critical", "operational excellence", "digital transformation", "at scale",
    "disruptive", "actionable", "stakeholders", "deliverables", "utilise", "utilize",
    "facilitate", "going forward", "roadmap", "strategic", "omnichannel", "cloud-native",
    "ai-driven", "ai-powered", "one-stop-shop", "pioneering", "forefront", "ubiquitous",
    "underpin", "underpinned", "frameworks", "governance", "customer-centric", "experiential",
    "lifecycle", "proprietary", "award-winning", "workforce management", "enterprises",
    # officialese
    "in accordance with", "in due course", "in line with", "subject to", "applicable",
    "provisioned", "rationalised", "rationalized", "escalated", "verification purposes",
    "please be advised", "action your request",
    # telecom terms customers do not use
    "throughput", "traffic management", "tariff", "tariffs", "subscriber", "carrier-grade",
    "converged", "fixed-mobile", "connectivity", "infrastructure", "low-latency", "mobility",
    "uptime", "overlay", "deployments", "allocation",
)
# Acronyms every customer knows; any other word with two or more capitals that make up at least
# half of its letters ("MNO", "QoS", "IoT", "KPIs", "T&Cs") counts as jargon.
PLAIN_ACRONYMS: tuple[str, ...] = (
    "SIM", "GB", "MB", "TV", "PIN", "OK", "ID", "UK", "US", "USA", "EU", "FAQ", "PDF", "SMS",
    "PC", "DIY", "VIP", "ATM", "PM", "AM",
)

# --- problem and outcome vs feature language ------------------------------------------------------
PROBLEM_OUTCOME: tuple[str, ...] = (
    # the customer's problem
    "problem", "problems", "hassle", "worry", "stress", "paperwork", "wait", "waiting", "queue",
    "stuck", "frustrating", "broken", "lost", "confusing", "run out", "slow", "trouble", "drown",
    "can't find", "need help", "hidden fees", "leaving", "fix", "fixed", "fixing", "issue",
    # what changes for them
    "save", "saves", "saving", "get back", "back", "minutes", "in two taps", "one tap", "free",
    "easy", "simple", "nothing to do", "no action needed", "your choice", "you decide", "decide",
    "control", "peace of mind", "done", "evenings", "your time", "money", "lower", "cheaper",
    "look after", "in minutes", "next day", "within an hour", "real person", "exactly",
    "the price you see", "set limits", "works in", "we do the paperwork", "switching",
)
FEATURE: tuple[str, ...] = (
    "platform", "infrastructure", "technology", "portfolio", "feature", "features",
    "functionality", "capability", "capabilities", "solution", "solutions", "product",
    "offering", "proposition", "propositions", "ecosystem", "architecture", "award-winning",
    "ai", "5g", "cloud-native", "engineered", "innovation", "innovative", "system", "suite",
    "services", "managed", "deployments", "network", "unified communications", "overlay",
    "catalogue", "loyalty proposition", "service offering", "retail estate", "flagship",
    "partnerships", "uptime", "best-in-class", "industry-leading", "market-leading",
    "next-generation", "world-class", "carrier-grade",
)

# --- empathy in support replies -------------------------------------------------------------------
ACKNOWLEDGEMENT: tuple[str, ...] = (
    "i understand", "i completely understand", "i can see why", "i can see how", "i can imagine",
    "that must be", "that must have been", "you're right", "you are right", "i hear you",
    "thanks for letting us know", "thank you for letting us know", "thanks for telling us",
    "thank you for telling us", "right to raise", "that's frustrating", "that is frustrating",
    "that shouldn't have happened", "that should not have happened", "i know how",
)
APOLOGY: tuple[str, ...] = (
    "sorry", "apologise", "apologize", "apologies", "my mistake", "our mistake",
)
OWNERSHIP: tuple[str, ...] = (
    "i've", "i have", "i'll", "i will", "let me", "i'm going to", "i am going to", "i'm on it",
    "i personally", "myself", "i'm taking care", "i am taking care",
)
REASSURANCE: tuple[str, ...] = (
    "you're all set", "you are all set", "all set", "you'll see", "you will see", "don't worry",
    "do not worry", "no need to", "nothing else to do", "rest assured", "i'll text you",
    "i'll let you know", "i'll keep you posted", "on its way", "will be live", "back to normal",
    "you're covered", "you won't be charged", "you will not be charged", "won't pay",
    "up and running", "will work", "it's sorted", "is sorted",
)
EMPATHY_MOVES: dict[str, tuple[str, ...]] = {
    "acknowledges": ACKNOWLEDGEMENT,
    "apologises": APOLOGY,
    "takes_ownership": OWNERSHIP,
    "reassures": REASSURANCE,
}

# Words that carry no content, left out when comparing the customer's words with the reply.
STOPWORDS: frozenset[str] = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further get got had hadn't has hasn't have haven't having he her here
hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just
let me more most my myself no nor not now of off on once only or other ought our ours ourselves out
over own please same she should shouldn't so some still such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've this those through to too
under until up us very was wasn't we we'd we'll we're we've were weren't what what's when where
which while who whom why will with won't would wouldn't you you'd you'll you're you've your yours
yourself yourselves hi hello thanks thank yes also even every ever really
""".split())

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def normalise(text: str) -> str:
    """Lower case with curly apostrophes made straight, for matching."""
    return str(text).replace("\u2019", "'").replace("\u2018", "'").lower()


def words(text: str) -> list[str]:
    """The words of a text, lower case: letters and digits with inner apostrophes ("don't")."""
    return _WORD.findall(normalise(text))


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    cleaned = sorted({normalise(t).strip() for t in terms if str(t).strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    # Whole words: no letter, digit or apostrophe-joined letter on either side of a term.
    body = "|".join(re.escape(t) for t in cleaned)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w]|'[a-z]|-\w)")


def find_terms(text: str, terms: Iterable[str]) -> list[str]:
    """The terms of a lexicon found in a text, in order, longest match first, each match once.

    Parameters
    ----------
    text : free text.
    terms : the lexicon; matched whole-word and case-insensitively.
    """
    pattern = _pattern(tuple(terms))
    if pattern is None or not isinstance(text, str):
        return []
    return pattern.findall(normalise(text))


def count_terms(text: str, terms: Iterable[str]) -> int:
    """How many times the terms of a lexicon occur in a text (see :func:`find_terms`)."""
    return len(find_terms(text, terms))


def _is_acronym(token: str, allowed: set[str]) -> bool:
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    core = token[:-1] if token.endswith("s") and capitals >= 2 else token
    return capitals >= 2 and capitals * 2 >= len(letters) and core.upper() not in allowed


def acronyms(text: str, plain: Iterable[str] = PLAIN_ACRONYMS) -> list[str]:
    """Acronyms a customer may not know: words with >= 2 capitals making up >= half their letters.

    A hyphenated word made only of acronyms counts once ("SD-WAN"); otherwise its acronym parts
    count ("SLA-backed" gives "SLA"). Slashes separate ("OSS/BSS" gives two). A trailing plural
    "s" is allowed ("KPIs"); acronyms in ``plain`` are left out.
    """
    if not isinstance(text, str):
        return []
    allowed = {a.upper() for a in plain}
    found = []
    for word in re.findall(r"[A-Za-z&]+(?:-[A-Za-z&]+)*", text.replace("\u2019", "'")):
        parts = word.split("-")
        flags = [_is_acronym(p, allowed) for p in parts]
        if len(parts) > 1 and all(flags):
            found.append(word)
        else:
            found += [p for p, flag in zip(parts, flags) if flag]
    return found


def brand_terms(name: str | None, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The words that stand for the company: its full name, its distinctive first word, extras.

    ``"Northstar Mobile"`` gives "northstar mobile" and "northstar" (and their possessives
    "northstar mobile's", "northstar's"); ``"The Home Depot"`` gives only the full name and its
    possessive, because "the" cannot stand for a brand.

    Parameters
    ----------
    name : the client's name from client.yml (None gives only the extras).
    extra : product or sub-brand names that also count as talking about the company.
    """
    terms: list[str] = []
    if name and str(name).strip():
        full = normalise(name).strip()
        terms.append(full)
        first = full.split()[0]
        if " " in full and first not in GENERIC_NAME_WORDS and len(first) >= 3:
            terms.append(first)
    terms += [normalise(e).strip() for e in extra if str(e).strip()]
    terms += [f"{t}'s" for t in terms]  # possessives: "Northstar's"
    return tuple(dict.fromkeys(terms))


def content_words(text: str) -> set[str]:
    """Distinct content words of a text (stopwords, numbers and words under 3 letters left out)."""
    return {w for w in words(text)
            if w not in STOPWORDS and len(w) >= 3 and not w.isdigit() and not w.endswith("'s")}


def per_text(texts: Iterable, read: Callable[[object], object], *, missing: object = None) -> np.ndarray:
    """``read`` of every text, computed once per distinct text and spread back over the rows.

    Tickets and copy repeat the same text (templates, "Thanks!"), and a large export repeats it
    thousands of times; a regex lexicon read per distinct text costs as much as the distinct texts,
    not the rows. A missing value (None, NaN) gives ``missing`` without calling ``read``.

    Parameters
    ----------
    texts : a column of texts.
    read : a function of one text.
    missing : the value for a missing text.

    Returns
    -------
    np.ndarray
        object array, one value per row of ``texts``.
    """
    codes, distinct = pd.factorize(pd.Series(texts, copy=False).to_numpy(dtype=object), use_na_sentinel=True)
    values = np.empty(len(distinct) + 1, dtype=object)
    values[:-1] = [read(t) for t in distinct]
    values[-1] = missing
    return values[codes]  # code -1 (missing) -> the last slot
