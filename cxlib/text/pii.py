"""Find and redact personal data in free text, so that none of it reaches a client report.

Every report shows free text only through :func:`redact` (docs/data-contract.md, Confidentiality).
The rules favour catching personal data over keeping every word: a false alarm costs a quote a
few words, a miss puts a customer's details in front of the client.

What is removed, in order of priority. Each rule reads the text with the finds of the rules
before it blanked out, so spans never overlap and nothing is half-redacted (an IBAN or a card is
never cut into a "phone number"):

1. E-mail addresses -> "[email removed]".
2. IBANs -> "[IBAN removed]": two capital letters, two check digits and the account, compact
   ("DE89370400440532013000") or in groups of four ("GB82 WEST 1234 5698 7654 32"), whose
   checksum and country format pass ``stdnum.iban``.
3. Payment cards -> "[card number removed]": 13-19 digits, contiguous or grouped by spaces or
   dashes as printed on cards (4-4-4-4, 4-4-4-4-3, Amex 4-6-5, Diners 4-6-4), passing the Luhn
   check (``stdnum.luhn``). A run that fails Luhn is a reference number, not a card.
4. Phone numbers -> "[phone removed]": every valid number the ``phonenumbers`` library finds,
   national numbers of the client's ``region`` ("020 7946 0018" in GB, "01 23 45 67 89" in FR)
   and "+" numbers from any country. The library rejects fictional and unusual numbers
   (555-0142, Ofcom's drama ranges), so a safety net also takes a run of digit groups, with an
   optional "+CC" or "(area)", holding 9 to 15 digits (7 after "+" or "(", or "555-0142").
5. Names -> "[name removed]": (a) a title (Mr, Mrs, Ms, Mx, Dr, Prof with or without a dot;
   in any case; Miss, Sir, Dame capitalised only, since "I miss London" is no name) with the one to three capitalised words after it,
   title included; (b) one to three capitalised words after a sign-off ("Regards", "Kind
   regards", "Best", "Best wishes", "Thanks", "Many thanks", "Thank you", "Cheers",
   "Sincerely", "Yours sincerely" followed by a comma or a line break, or "-- "), on the same or
   the next line (one blank line allowed); the sign-off itself stays: "Kind regards, [name
   removed]".

Phones need the client's ``region`` for national numbers: without it "01 23 45 67 89" (France)
stays, as the safety net only takes numbers ending on a group of three or more digits.

What stays: prices ("$45", "$1,299.99"), years and lists of years ("2019 2020"), dates
("2026-03-14", "14.03.2026"), scores ("10/10"), percentages and order numbers under 7 digits;
a 16-digit run failing Luhn (too long to dial, not a card); lower-case words and common
capitalised function words ("The", "I", "We", ...), which are never names, so "Thanks for
nothing" and "Thanks, The team was great" stay. Any other capitalised word right after a
sign-off comma is taken for a name ("Thanks, Great service" loses "Great service"), and so is a
capitalised word after a title whose dot ended a sentence ("ask for the Mr. Nobody came" loses "Mr. Nobody"): we accept
those false alarms.

Left alone on purpose: an IBAN-shaped string with a wrong check digit is not an IBAN (its digit
groups may still go as a phone number); a name after a sign-off without a comma or line break
("Thanks Jane") is not taken, as that reads as running text; of a name of four or more words
only the first three go.

Redaction is idempotent: the tokens hold no digits, "@" or capitalised name words, and tokens
already in a text are blanked out before matching, so they are never matched again.
"""
from __future__ import annotations

import re

import pandas as pd
import phonenumbers
from stdnum import iban, luhn

EMAIL_TOKEN = "[email removed]"
PHONE_TOKEN = "[phone removed]"
CARD_TOKEN = "[card number removed]"
IBAN_TOKEN = "[IBAN removed]"
NAME_TOKEN = "[name removed]"
TOKENS = {"email": EMAIL_TOKEN, "iban": IBAN_TOKEN, "card": CARD_TOKEN, "phone": PHONE_TOKEN,
          "name": NAME_TOKEN}

# Blanked-out finds become this character: not a word character, digit, space or separator, so
# nothing joins across it and nothing starts inside it.
_BLANK = "\x00"
_TOKEN = re.compile("|".join(re.escape(token) for token in TOKENS.values()))

# Cheap tests that let most comments skip the matchers: every name rule needs one of these words
# (searched in the lower-cased text, much faster than a case-insensitive pattern) or "--".
_NAME_HINT = re.compile(r"\b(?:m(?:rs?|s|x|iss)|d(?:r|ame)|prof|s(?:ir|incerely)|regards|best"
                        r"|thanks?|cheers)\b|--")
_DIGIT = re.compile(r"\d")
# Seven digits joined only by punctuation: anything the phonenumbers matcher (the slowest step by
# far) can accept holds such a run, so a text without one left is not given to it.
_DIALLABLE = re.compile(r"\d(?:\W{0,3}\d){6}")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

# Compact, or printed in groups of four with a shorter last group; 15 to 34 characters.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}"
                   r"(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])")

# Zero-width lookahead so that candidates may overlap: in "1234 4111 1111 1111 1111" the card
# starts at the second group, which a plain left-to-right search would have consumed.
_CARD = re.compile(
    r"(?=(?<![\w.+-])("
    r"\d{13,19}"
    r"|\d{4}(?P<s>[ -])\d{4}(?:(?P=s)\d{4}){1,2}(?:(?P=s)\d{1,3})?"
    r"|\d{4}(?P<t>[ -])\d{6}(?P=t)\d{4,5}"
    r")(?!\w|[.-]\d))"
)

# Candidate: optional "+CC", optional "(area)", then digit groups joined by one space, dot or dash.
# The candidate must end on a group of >= 3 digits, so "call 415 555 0142 10 times" stops at 0142.
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+.-])"
    r"(?:\+\d{1,3}[ .-]?)?"
    r"(?:\(\d{1,5}\)[ .-]?)?"
    r"\d{1,15}(?:[ .-]\d{1,8})*"
    r"(?<=\d{3})(?![\w]|[.-]\d)"
)
_US_LOCAL = re.compile(r"\d{3}[ .-]\d{4}")  # 555-0142: the only short form we accept
_YEAR = re.compile(r"(?:19|20)\d\d")

# Capitalised words that start sentences but are never names ("Thanks, The team was great").
_NOT_NAMES = ("The|A|An|I|We|You|He|She|It|They|This|That|These|Those|My|Our|Your|His|Her|Their"
              "|And|But|Or|So|If|In|On|At|To|For|Of|With|Not|No|Yes|Please|Hi|Hello|Dear|All")
# Upper-case letters of Latin-1 and Latin Extended-A/B, so "Łukasz" and "Émile" count.
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper())
# An initial ("J.") or a capitalised word, possibly with apostrophes or hyphens ("O'Neil",
# "Anne-Marie"); a stop word counts only when it stands alone, so the initial "A." is a name.
_WORD = (rf"(?!(?:{_NOT_NAMES})(?![\w'’.-]))"
         rf"[{_UPPER}](?:\.|[^\W\d_]*(?:['’-][^\W\d_]+)*)(?!\w)")
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
# Miss, Sir and Dame are ordinary words in lower case ("I miss London"), so they count capitalised only.
_TITLE = r"\b(?:(?:[Mm](?:rs|r|s|x)|[Dd]r|[Pp]rof)\b\.?|(?:Miss|Sir|Dame)\b)"
# Titles may pile up ("Prof. Dr. Müller"): all of them go with the name.
_TITLED_NAME = re.compile(rf"{_TITLE}(?:[ \t]+{_TITLE})*[ \t]+{_NAME}")
_SIGNED_NAME = re.compile(
    r"(?:\b(?i:(?:kind |best |warm )?regards|best(?: wishes)?|(?:many )?thanks|thank you|cheers"
    r"|(?:yours )?sincerely)[ \t]*(?:,[ \t]*(?:\r?\n[ \t]*){0,2}|(?:\r?\n[ \t]*){1,2})"
    r"|(?<!\S)--(?:[ \t]+|[ \t]*\r?\n[ \t]*))"
    rf"(?P<name>{_NAME})"
)


def _is_phone(candidate: str) -> bool:
    """Decide whether a digit-group candidate is a phone number, by how it is written."""
    digits = sum(ch.isdigit() for ch in candidate)
    if digits > 15:  # E.164 maximum; longer runs are ids, not phones
        return False
    if candidate.startswith("+") or candidate.startswith("("):
        return digits >= 7
    if all(_YEAR.fullmatch(group) for group in re.split(r"[ .-]", candidate)):
        return False  # "2019 2020 2021" lists years
    # Without a country or area code only dialable lengths count: 8-digit dates such as
    # 2026-03-14 or "2025 2026" stay, 415-555-0142 and 07700 900123 go.
    return digits >= 9 or bool(_US_LOCAL.fullmatch(candidate))


def _emails(text: str, region: str | None) -> list[tuple[int, int]]:
    """Spans of e-mail addresses (``region`` unused: every finder takes the same arguments)."""
    return [m.span() for m in _EMAIL.finditer(text)]


def _ibans(text: str, region: str | None) -> list[tuple[int, int]]:
    """Spans of IBANs whose checksum and country format are right."""
    spans = []
    for m in _IBAN.finditer(text):
        groups = m.group().split(" ")
        # Drop trailing groups until the checksum passes: a capitalised word or a number after
        # the IBAN looks like one more group ("GB82 WEST 1234 5698 7654 32 CALL").
        for n in range(len(groups), 0, -1):
            candidate = " ".join(groups[:n])
            if len(candidate) >= 15 and iban.is_valid(candidate):
                spans.append((m.start(), m.start() + len(candidate)))
                break
    return spans


def _cards(text: str, region: str | None) -> list[tuple[int, int]]:
    """Spans of 13-19 digit card numbers passing Luhn; the first of overlapping ones wins."""
    spans: list[tuple[int, int]] = []
    for m in _CARD.finditer(text):
        start, end = m.span(1)
        digits = re.sub(r"\D", "", m.group(1))
        overlaps = bool(spans) and start < spans[-1][1]
        if not overlaps and 13 <= len(digits) <= 19 and luhn.is_valid(digits):
            spans.append((start, end))
    return spans


def _phones(text: str, region: str | None) -> list[tuple[int, int]]:
    """Spans of phone numbers: the safety net's and the library's, overlapping ones merged."""
    spans = [m.span() for m in _PHONE_CANDIDATE.finditer(text) if _is_phone(m.group())]
    # The library is asked only when a run of digits is left that the safety net did not take.
    if _DIALLABLE.search(_blank(text, spans)):
        spans += [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, region)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # both finders may see the same number: one span each
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _names(text: str, region: str | None) -> list[tuple[int, int]]:
    """Spans of titled names (title included) and of names after a sign-off (name only)."""
    titled = [m.span() for m in _TITLED_NAME.finditer(text)]
    # "Thanks, Mrs Jane Doe" is one titled name; the sign-off rule reads what is left.
    signed = [m.span("name") for m in _SIGNED_NAME.finditer(_blank(text, titled))]
    return titled + signed


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span replaced by as many blank characters (positions kept)."""
    out, last = [], 0
    for start, end in sorted(spans):
        out += [text[last:start], _BLANK * (end - start)]
        last = end
    out.append(text[last:])
    return "".join(out)


def _check_region(region: str | None) -> str | None:
    """The region in upper case; an unknown one is refused rather than silently ignored."""
    if region is None:
        return None
    code = str(region).upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"Unknown region {region!r}: give the client's ISO 3166 alpha-2 country "
                         "code, such as 'GB' (not 'UK'), 'US', 'DE' or 'FR'.")
    return code


def _spans(text: str, region: str | None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every find, in text order; spans never overlap."""
    digits = len(_DIGIT.findall(text))
    # Each finder runs only where its kind can be: an IBAN has check digits, a card 13 digits,
    # a phone 7, a name a title or sign-off word. A comment without any is left at once.
    finders = [("email", _emails)] if "@" in text else []
    finders += [("iban", _ibans)] if digits >= 2 else []
    finders += [("card", _cards)] if digits >= 13 else []
    finders += [("phone", _phones)] if digits >= 7 else []
    finders += [("name", _names)] if _NAME_HINT.search(text.lower()) else []
    if not finders:
        return []
    seen = _blank(text, [m.span() for m in _TOKEN.finditer(text)]) if "removed]" in text else text
    spans = []
    for kind, finder in finders:
        found = finder(seen, region)
        spans += [(start, end, kind) for start, end in found]
        seen = _blank(seen, found)
    return sorted(spans)


def find_pii_kinds(text: str | None, *, region: str | None = None) -> list[tuple[str, str]]:
    """Personal data found in a text with its kind, in order of appearance.

    Parameters
    ----------
    text : free text; ``None`` or a missing value gives an empty list.
    region : the client's country as an ISO 3166 alpha-2 code ("GB", "US", "DE", "FR"), for
        national phone numbers; ``None`` finds international "+" numbers and the rest only.

    Returns
    -------
    list of (kind, matched string), kind one of "email", "iban", "card", "phone", "name".
    """
    region = _check_region(region)
    if not isinstance(text, str):
        return []
    return [(kind, text[start:end]) for start, end, kind in _spans(text, region)]


def find_pii(text: str | None, *, region: str | None = None) -> list[str]:
    """Personal data found in a text (the matched strings), in order of appearance.

    Parameters
    ----------
    text : free text; ``None`` or a missing value gives an empty list.
    region : the client's country for national phone numbers, as in :func:`find_pii_kinds`.
    """
    return [found for _, found in find_pii_kinds(text, region=region)]


def _redact(text: str, region: str | None) -> str:
    """:func:`redact` for a text known to be a string and a region already checked."""
    out, last = [], 0
    for start, end, kind in _spans(text, region):
        out += [text[last:start], TOKENS[kind]]
        last = end
    out.append(text[last:])
    return "".join(out)


def redact(text: str | None, *, region: str | None = None) -> str | None:
    """Replace each piece of personal data with a token naming its kind.

    Tokens: "[email removed]", "[IBAN removed]", "[card number removed]", "[phone removed]",
    "[name removed]" (see the module docstring for what counts). Redacting twice changes nothing.

    Parameters
    ----------
    text : free text; ``None``, missing values and non-strings are returned unchanged.
    region : the client's country for national phone numbers, as in :func:`find_pii_kinds`.
    """
    region = _check_region(region)
    if not isinstance(text, str):
        return text
    return _redact(text, region)


def redact_series(texts: pd.Series, *, region: str | None = None) -> pd.Series:
    """:func:`redact` applied to every text of a Series; index, name and missing values kept.

    Parameters
    ----------
    texts : free-text column (object or string dtype).
    region : the client's country for national phone numbers, as in :func:`find_pii_kinds`.
    """
    region = _check_region(region)
    done: dict[str, str] = {}  # survey comments repeat ("Good", "N/A"): redact each text once
    values = []
    for text in texts:
        if isinstance(text, str):
            if text not in done:
                done[text] = _redact(text, region)
            text = done[text]
        values.append(text)
    redacted = pd.Series(values, index=texts.index, name=texts.name, dtype=object)
    # Keep a string dtype a string dtype, so downstream .str calls behave the same.
    if isinstance(texts.dtype, pd.StringDtype):
        return redacted.astype(texts.dtype)
    return redacted
