import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxlib.text.themes import (
    DEFAULT_THEMES,
    reasons_for_score,
    tag_themes,
    themes_by_group,
)

THEMES = [
    "Price & billing", "Ease & app", "Staff & service", "Waiting & speed",
    "Network & reliability", "Plans & personal offers",
]


def vader(text):
    return SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


def test_default_themes_cover_the_six_client_themes_in_order():
    assert list(DEFAULT_THEMES) == THEMES


def test_handmade_comments_get_the_expected_themes():
    texts = pd.Series([
        "My bill was far too expensive",
        "The app is easy to use",
        "Friendly staff in the store",
        "Waited 40 minutes on hold",
        "No signal at home, dropped calls all day",
        "Great upgrade deal on my new plan",
        "Nothing to add",
        None,
    ])
    tags = tag_themes(texts)
    assert list(tags.columns) == THEMES
    assert tags.dtypes.eq(bool).all()
    # each of the first six comments hits exactly its own theme; the last two hit nothing
    for i, theme in enumerate(THEMES):
        assert tags.loc[i].sum() == 1, texts[i]
        assert tags.loc[i, theme], texts[i]
    assert not tags.loc[6].any()
    assert not tags.loc[7].any()


def test_patterns_match_whole_words_case_insensitively():
    tags = tag_themes(pd.Series(["BILLING error", "a billion thanks"]), {"Bill": (r"bill\w*",)})
    # "billion" also starts with "bill": a consultant sees that from the pattern
    assert tags["Bill"].tolist() == [True, True]
    tags = tag_themes(pd.Series(["Our app", "happy"]), {"App": ("app",)})
    assert tags["App"].tolist() == [True, False]


def test_custom_themes_replace_the_defaults_and_keep_the_index():
    themes = {"Speed": ("fast",), "Price": ("cheap",)}
    tags = tag_themes(pd.Series(["5G is fast"], index=[42]), themes)
    assert list(tags.columns) == ["Speed", "Price"]
    assert tags.loc[42].tolist() == [True, False]


def test_themes_by_group_shares_hand_computed_on_five_comments():
    themes = {"Wait": ("wait\\w*",), "Staff": ("staff",)}
    texts = pd.Series([
        "Long wait",                 # A: Wait
        "Staff were great",          # A: Staff
        "Waiting forever, staff rude",  # A: Wait + Staff
        "",                          # A: blank, not a comment
        "Lovely staff",              # B: Staff
    ])
    groups = pd.Series(["A", "A", "A", "A", "B"])
    table = themes_by_group(texts, groups, themes).set_index(["group", "theme"])
    assert list(table.columns) == ["comments", "mentions", "share", "mean_sentiment"]
    # group A: 3 non-empty comments; Wait in 2 -> 66.7%, Staff in 2 -> 66.7%
    assert table.loc[("A", "Wait"), "comments"] == 3
    assert table.loc[("A", "Wait"), "mentions"] == 2
    assert table.loc[("A", "Wait"), "share"] == pytest.approx(200 / 3)
    assert table.loc[("A", "Staff"), "share"] == pytest.approx(200 / 3)
    # group B: 1 comment, Staff 1/1 = 100%, Wait 0/1 = 0% with no sentiment
    assert table.loc[("B", "Staff"), "share"] == pytest.approx(100.0)
    assert table.loc[("B", "Wait"), "share"] == 0.0
    assert pd.isna(table.loc[("B", "Wait"), "mean_sentiment"])
    assert table.loc[("B", "Staff"), "mean_sentiment"] == pytest.approx(vader("Lovely staff"))
    expected = (vader("Long wait") + vader("Waiting forever, staff rude")) / 2
    assert table.loc[("A", "Wait"), "mean_sentiment"] == pytest.approx(expected)


def survey_with_comments():
    return pd.DataFrame({
        "nps": pd.array([10, 9, 9, 8, 3, 2, 1, None], dtype="Int64"),
        "comment": pd.array([
            "The staff were wonderful",
            "Friendly staff, reach me at jo@example.com",
            "Good value",
            "Fine",
            "Waited an hour on hold, awful",
            "Slow and the bill was wrong, call 415-555-0142",
            "Terrible wait times",
            "Waiting, unscored",
        ], dtype="string"),
    })


def test_reasons_for_score_ranks_themes_per_nps_class():
    result = reasons_for_score(survey_with_comments())
    table = result.table.set_index(["group", "theme"])
    assert set(result.table["group"]) == {"promoter", "passive", "detractor"}
    # detractors: 3 comments, all mention waiting/slowness -> 100%; 1 of 3 mentions the bill
    assert table.loc[("detractor", "Waiting & speed"), "share"] == pytest.approx(100.0)
    assert table.loc[("detractor", "Price & billing"), "share"] == pytest.approx(100 / 3)
    # promoters: 3 comments, 2 mention staff -> 66.7%
    assert table.loc[("promoter", "Staff & service"), "share"] == pytest.approx(200 / 3)
    assert result.headline() == (
        "Detractors most often mention Waiting & speed (100% of their comments); "
        "promoters praise Staff & service (67%)."
    )


def test_reasons_quotes_are_two_per_class_for_the_top_theme_and_redacted():
    quotes = reasons_for_score(survey_with_comments()).quotes
    assert list(quotes.columns) == ["group", "theme", "quote", "attribution"]
    assert set(quotes["attribution"]) == {"Promoter on Staff & service", "Detractor on Waiting & speed"}
    # passives' only comment ("Fine") mentions no theme, so no passive quotes
    assert quotes.groupby("group").size().to_dict() == {"detractor": 2, "promoter": 2}
    assert set(quotes.loc[quotes["group"] == "detractor", "theme"]) == {"Waiting & speed"}
    joined = " ".join(quotes["quote"])
    assert "jo@example.com" not in joined and "415-555-0142" not in joined
    assert "[email removed]" in joined
    # the unscored comment is never quoted
    assert "unscored" not in joined


def test_detractor_quotes_are_their_two_most_negative_comments_on_the_top_theme():
    quotes = reasons_for_score(survey_with_comments()).quotes
    detractor_comments = [
        "Waited an hour on hold, awful",
        "Slow and the bill was wrong, call 415-555-0142",
        "Terrible wait times",
    ]
    # "on hold" is scored as a service failure (-1.5), so the hour on hold is the most negative
    # (-0.67); the other two tie at -0.48, and the one about waiting alone comes before the one
    # that is also about the bill (a quote shown "on waiting" should be about waiting)
    assert [vader(c) for c in detractor_comments][1:] == [pytest.approx(-0.4767)] * 2
    expected = [detractor_comments[0], detractor_comments[2]]
    assert quotes.loc[quotes["group"] == "detractor", "quote"].tolist() == expected


def test_a_comment_on_two_themes_is_quoted_when_no_single_theme_comment_is_left():
    survey = pd.DataFrame({"nps": [1, 2], "comment": ["Awful wait", "Slow and the bill was wrong"]})
    quotes = reasons_for_score(survey).quotes
    assert quotes["quote"].tolist() == ["Awful wait", "Slow and the bill was wrong"]


def test_identical_comments_are_quoted_once():
    survey = pd.DataFrame({
        "nps": [1, 2, 3],
        "comment": ["Terrible wait", "Terrible wait", "Slow queue"],
    })
    quotes = reasons_for_score(survey).quotes
    assert sorted(quotes["quote"]) == ["Slow queue", "Terrible wait"]


def test_top_theme_picks_the_largest_share_and_the_first_on_a_tie():
    from cxlib.text.themes import top_theme

    table = pd.DataFrame({"group": ["a", "a", "a", "b"], "theme": ["Price", "Staff", "Speed", "Price"],
                          "mentions": [2, 3, 3, 0], "share": [20.0, 30.0, 30.0, 0.0]})
    assert top_theme(table, "a") == ("Staff", 30.0)
    assert top_theme(table, "b") is None  # no mention of any theme
    assert top_theme(table, "c") is None


@pytest.mark.parametrize("industry, key", [
    ("Mobile telecommunications", "telecom"), ("Airlines", "airline and travel"),
    ("Online retail", "retail and e-commerce"), ("Retail banking", "banking and insurance"),
    ("B2B SaaS", "software"), ("Water utility", "utilities"), ("Private hospital group", "healthcare"),
    ("Mining", None), ("", None),
])
def test_the_lexicon_follows_the_clients_industry(industry, key):
    from cxlib.text.industry_themes import industry_key

    assert industry_key(industry) == key


def test_an_airlines_wifi_complaint_is_about_the_cabin_not_the_network():
    from cxlib.text.themes import client_themes

    airline = client_themes("Airlines", None).themes
    tagged = tag_themes(pd.Series(["WiFi was not working"]), airline).iloc[0]
    assert tagged[tagged].index.tolist() == ["Seat & cabin comfort"]
    assert "Network & reliability" not in airline


def test_the_clients_own_themes_extend_the_lexicon():
    from cxlib.text.themes import client_themes

    chosen = client_themes("Airlines", None, {"Lounge access": ["lounges?"], "Baggage": ["bags?"]})
    assert chosen.themes["Lounge access"] == ("lounges?",) and chosen.themes["Baggage"] == ("bags?",)
    assert chosen.method() == ("Comment themes come from the airline and travel lexicon with the client's own "
                               "themes; a comment counts for a theme only when it uses one of the theme's words.")


def test_without_a_lexicon_themes_are_found_in_the_comments_and_only_tag_their_own_words():
    from cxlib.text.themes import client_themes

    topics = ["parking was full again", "ticket prices are too high", "the sound system was too loud"]
    tails = ["tonight", "this week", "sadly", "as usual", "at the venue"]
    comments = pd.Series([f"{topics[i % 3]} {tails[i % 5]}" for i in range(60)] + ["Lovely evening"])
    chosen = client_themes("Concert venues", comments)
    assert chosen.source.startswith("the comments themselves")
    words = {w for patterns in chosen.themes.values() for w in patterns}
    assert {"parking", "ticket", "sound"} <= words | {w.rstrip("s") for w in words}
    tagged = tag_themes(comments, chosen.themes)
    assert not tagged.iloc[-1].any()  # "Lovely evening" shares no theme word
    assert client_themes("Concert venues", comments.head(10)).themes == {}  # too few to find themes


def test_a_brand_name_does_not_colour_the_tone_of_a_theme():
    texts = pd.Series(["Swift flight, the crew", "Flew Swift, crew on board"])
    groups = pd.Series(["detractor", "detractor"])
    themes = {"Crew": (r"crew",)}
    plain = themes_by_group(texts, groups, themes).set_index(["group", "theme"])
    masked = themes_by_group(texts, groups, themes, names=["Swift"]).set_index(["group", "theme"])
    assert plain.loc[("detractor", "Crew"), "mean_sentiment"] > 0  # "swift" reads as praise
    assert masked.loc[("detractor", "Crew"), "mean_sentiment"] == 0.0


def test_repeated_and_missing_texts_are_tagged_row_by_row():
    themes = {"Price": (r"bill\w*",), "App": (r"apps?",)}
    texts = pd.Series(["Bill too high", None, "Bill too high", "great app"], index=[3, 1, 2, 0])
    tags = tag_themes(texts, themes)
    assert tags.index.tolist() == [3, 1, 2, 0]
    assert tags["Price"].tolist() == [True, False, True, False]
    assert tags["App"].tolist() == [False, False, False, True]
