"""Lexicon matching: whole words, case-insensitive, each match once; acronyms and brand terms."""
from __future__ import annotations

from cxlib.empathy import lexicons


def test_terms_match_whole_words_only():
    assert lexicons.count_terms("Our team works every hour", ("our",)) == 1  # not "hour"
    assert lexicons.count_terms("Our solutions", ("solution",)) == 0
    assert lexicons.count_terms("You're set, and your plan too", lexicons.CUSTOMER_WORDS) == 2


def test_multi_word_and_hyphenated_terms_count_once_longest_first():
    text = "Our end-to-end, best-in-class solution. End to end."
    assert lexicons.find_terms(text, ("end-to-end", "end", "best-in-class", "class")) == [
        "end-to-end", "best-in-class", "end", "end"]


def test_curly_apostrophes_match_straight_terms():
    assert lexicons.find_terms("I\u2019ve fixed it, you\u2019ll see", ("i've", "you'll see")) == [
        "i've", "you'll see"]


def test_acronyms_a_customer_may_not_know():
    text = "Leverage our SD-WAN, SLA-backed IoT and OSS/BSS KPIs per the T&Cs; your SIM has 5 GB."
    assert lexicons.acronyms(text) == ["SD-WAN", "SLA", "IoT", "OSS", "BSS", "KPIs", "T&Cs"]
    assert lexicons.acronyms(text, plain=("SLA", "SIM", "GB")) == [
        "SD-WAN", "IoT", "OSS", "BSS", "KPIs", "T&Cs"]


def test_brand_terms_use_a_distinctive_first_word_and_possessives():
    assert lexicons.brand_terms("Northstar Mobile") == (
        "northstar mobile", "northstar", "northstar mobile's", "northstar's")
    assert lexicons.brand_terms("The Home Depot") == ("the home depot", "the home depot's")
    assert lexicons.brand_terms(None, ["Pulse+"]) == ("pulse+", "pulse+'s")
    assert lexicons.count_terms("Northstar's network and Northstar Mobile",
                                lexicons.brand_terms("Northstar Mobile")) == 2


def test_content_words_drop_stopwords_numbers_and_short_words():
    assert lexicons.content_words("I was charged twice for my $30 bill, can you refund it?") == {
        "charged", "twice", "bill", "refund"}


def test_default_empathy_lexicons_read_typical_replies():
    reply = "Thanks for letting us know, I'm sorry. I've refunded it and you'll see it tomorrow."
    found = {move: lexicons.count_terms(reply, terms) > 0
             for move, terms in lexicons.EMPATHY_MOVES.items()}
    assert found == {"acknowledges": True, "apologises": True, "takes_ownership": True,
                     "reassures": True}
    scripted = "Your case has been logged. A member of the relevant department will respond."
    assert not any(lexicons.count_terms(scripted, t) for t in lexicons.EMPATHY_MOVES.values())


def test_per_text_reads_each_distinct_text_once_and_keeps_the_rows():
    calls = []
    out = lexicons.per_text(["ab", None, "ab", "abc"], lambda t: calls.append(t) or len(t), missing=-1)
    assert out.tolist() == [2, -1, 2, 3]
    assert calls == ["ab", "abc"]
