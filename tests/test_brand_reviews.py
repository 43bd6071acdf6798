"""Public reviews: ratings, trend, tone and complaints on hand-made reviews, then the demo."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from cxlib.brand import reviews
from cxlib.demo import reviews as demo_reviews


def frame(rows) -> pd.DataFrame:
    """(platform, date, rating, text, touchpoint) rows as a reviews frame."""
    out = pd.DataFrame(rows, columns=["platform", "posted_at", "rating", "text", "touchpoint"])
    out["posted_at"] = pd.to_datetime(out["posted_at"])
    return out


SMALL = frame([
    ("App Store", "2026-01-05", 1, "Terrible app, awful.", "App account"),
    ("App Store", "2026-01-20", 2, "Useless and slow, bad.", "App account"),
    ("App Store", "2026-03-02", 5, "Great app, love it.", "App account"),
    ("Google Maps", "2026-03-09", 4, "Helpful staff, good visit.", "Store visit"),
    ("Google Maps", "2026-03-15", 5, "Excellent store, great people.", None),
    ("Trustpilot", "2026-03-21", 3, "It was okay.", None),
])


def test_rating_summary_mean_shares_and_distribution():
    result = reviews.rating_summary(SMALL)
    # (1 + 2 + 5 + 4 + 5 + 3) / 6 = 3.33; complaints 2 of 6, praise 3 of 6
    assert result.n == 6 and result.mean == pytest.approx(20 / 6)
    assert result.complaint_share == pytest.approx(100 / 3)
    assert result.praise_share == pytest.approx(50.0)
    assert result.distribution["reviews"].tolist() == [1, 1, 1, 1, 2]
    platforms = result.platforms.set_index("platform")
    assert platforms.loc["Google Maps", "mean"] == 4.5
    assert result.platforms.iloc[0]["platform"] == "Google Maps"  # kindest first
    # platforms of 2 and 3 reviews are not ranked (fewer than 30 each): deliberately changed
    assert "kindest" not in result.headline()


def test_platforms_are_ranked_only_when_their_intervals_part():
    rows = [("Google Maps", "2026-03-01", 5 - (i % 2), "x", None) for i in range(30)]
    rows += [("App Store", "2026-03-01", 1 + (i % 2), "x", None) for i in range(30)]
    rows += [("Trustpilot", "2026-03-01", 3, "x", None) for _ in range(5)]
    result = reviews.rating_summary(frame(rows))
    # 4.5 (CI 4.31 to 4.69) against 1.5: apart; Trustpilot's 5 reviews are left out of the ranking
    assert ("Google Maps is the kindest (4.5) and App Store the harshest (1.5) of the 2 platforms "
            "with 30 reviews or more") in result.headline()
    close = reviews.rating_summary(frame([(p, "2026-03-01", 3 + (i % 2), "x", None)
                                          for p in ("A", "B") for i in range(30)]))
    assert "the 2 platforms' averages are too close to tell apart" in close.headline()


def test_monthly_ratings_keep_empty_months():
    monthly = reviews.monthly_ratings(SMALL)
    assert monthly["period"].dt.strftime("%Y-%m").tolist() == ["2026-01", "2026-02", "2026-03"]
    assert monthly["reviews"].tolist() == [2, 0, 4]
    assert monthly.loc[0, "mean"] == 1.5 and math.isnan(monthly.loc[1, "mean"])
    assert monthly.loc[0, "complaint_share"] == 100.0
    assert monthly.loc[2, "complaint_share"] == 0.0


def test_last_month_change_compares_the_last_month_with_all_before():
    rows = [("App Store", f"2026-0{m}-1{d}", 4 if d % 2 else 5, "x", "App account")
            for m in range(1, 5) for d in range(8)]
    rows += [("App Store", f"2026-05-1{d}", 1 if d % 2 else 2, "x", "App account") for d in range(8)]
    rows += [("Trustpilot", f"2026-0{m}-20", 3, "x", None) for m in range(1, 6)]
    change = reviews.last_month_change(frame(rows), min_group=2)
    assert change.label == "May 2026"
    app = change.table.set_index("group").loc["App Store"]
    assert (app["before"], app["last"], app["change"]) == (4.5, 1.5, -3.0)
    assert app["significant"]
    assert change.overall["last_n"] == 9
    # May: eight app reviews at 1.5 and one Trustpilot 3 average 1.7; before, 32 app reviews at 4.5 and
    # four Trustpilot 3s average (144 + 12) / 36 = 4.33 -> 4.3: "from 4.3 to 1.7, 2.6 lower" adds up
    assert change.headline() == (
        "Against the months before, average stars in May 2026 (9 reviews) went from 4.3 to 1.7, 2.6 lower: "
        "a fall larger than chance; by platform, the fall is on App Store (4.5 to 1.5).")
    note = change.method_note()
    assert "Welch" in note and "All reviews: p < 0.001; App Store: p < 0.001." in note
    # May: eight app reviews at 1.5 and one Trustpilot 3: (12 + 3) / 9 = 1.7
    assert change.title() == "Review ratings fell to 1.7 stars in May 2026"
    assert change.monthly["reviews"].tolist() == [9, 9, 9, 9, 9]
    # with the default minimum of 30 reviews on each side, App Store (32 and 8) is not tested
    strict = reviews.last_month_change(frame(rows)).table.set_index("group")
    assert math.isnan(strict.loc["App Store", "p_value"]) and not strict.loc["App Store", "significant"]


def test_review_tone_lines_up_vader_with_the_stars():
    result = reviews.review_tone(SMALL)
    table = result.table.set_index("rating")
    assert table.loc[1, "negative"] == 100.0 and table.loc[5, "positive"] == 100.0
    assert result.complaint_negative == 100.0 and result.praise_positive == 100.0
    assert table.loc[3, "reviews"] == 1
    shown = result.report_table()
    assert shown["Stars"].tolist() == ["1 star", "2 stars", "3 stars", "4 stars", "5 stars"]
    assert shown.loc[0, "Read as negative"] == 100.0


def test_complaint_touchpoints_share_and_rate():
    result = reviews.complaint_touchpoints(SMALL, min_reviews=1)
    table = result.table.set_index("touchpoint")
    # both complaints name the app account; 2 of its 3 reviews are complaints
    assert result.complaints == 2 and result.unnamed == 0
    assert table.loc["App account", "complaint_share"] == 100.0
    assert table.loc["App account", "rate"] == pytest.approx(200 / 3)
    assert table.loc["Store visit", "rate"] == 0.0
    assert result.most_named()["touchpoint"] == "App account"


def test_complaint_rate_has_a_wilson_interval():
    rows = [("Trustpilot", "2026-01-01", 1 if i < 5 else 5, "x", "Support call") for i in range(10)]
    row = reviews.complaint_touchpoints(frame(rows)).table.iloc[0]
    assert row["rate"] == 50.0
    assert (row["low"], row["high"]) == pytest.approx((23.66, 76.34), abs=0.01)  # Wilson, 5 of 10


def test_a_touchpoint_needs_enough_reviews_to_rank_on_its_rate():
    result = reviews.complaint_touchpoints(SMALL, min_reviews=2)
    assert result.worst_rate()["touchpoint"] == "App account"  # Store visit has 1 review
    with pytest.raises(ValueError, match="no review names a touchpoint"):
        reviews.complaint_touchpoints(SMALL.assign(touchpoint=None))


def test_complaint_quotes_are_the_most_negative_and_redacted():
    rows = SMALL.copy()
    rows.loc[0, "text"] = "Terrible, awful app. Call me on 646-555-0113 or jane.doe@example.com"
    rows.loc[1, "text"] = "A bit slow."  # VADER: neutral, so the first complaint is the quote
    quotes = reviews.complaint_quotes(rows, ["App account"])
    assert len(quotes) == 1 and quotes.iloc[0]["rating"] == 1
    assert "646-555-0113" not in quotes.iloc[0]["quote"] and "jane.doe" not in quotes.iloc[0]["quote"]
    assert "[phone removed]" in quotes.iloc[0]["quote"]


def test_demo_complaints_name_the_app_and_sim_activation_fares_worst(demo):
    truths = demo_reviews.TRUTHS
    result = reviews.complaint_touchpoints(demo["reviews"])
    named, worst = result.most_named(), result.worst_rate()
    assert named["touchpoint"] == truths.most_complained
    assert named["complaint_share"] == pytest.approx(100 * truths.most_complained_share, abs=3)
    assert worst["touchpoint"] == truths.worst_complaint_rate
    assert worst["rate"] == pytest.approx(100 * truths.worst_complaint_rate_share, abs=4)


def test_demo_october_fall_is_found_on_the_app_stores(demo):
    truths = demo_reviews.TRUTHS
    change = reviews.last_month_change(demo["reviews"])
    assert change.label == "Oct 2026"
    fallen = change.table[change.table["significant"] & (change.table["change"] < 0)]
    assert set(fallen["group"]) == {"App Store", "Google Play"}
    monthly = reviews.monthly_ratings(demo["reviews"])
    assert monthly["period"].iloc[monthly["mean"].idxmin()].strftime("%Y-%m") == truths.lowest_month
    summary = reviews.rating_summary(demo["reviews"])
    assert summary.platforms.iloc[0]["platform"] == truths.best_platform
    assert summary.platforms.iloc[0]["mean"] == pytest.approx(truths.best_platform_mean, abs=0.1)
    tone = reviews.review_tone(demo["reviews"])
    assert tone.complaint_negative >= 100 * truths.tone_agreement_at_least


def test_without_enough_reviews_no_touchpoint_ranks_on_its_rate():
    result = reviews.complaint_touchpoints(SMALL, min_reviews=10)
    assert result.worst_rate() is None
    assert result.title() == "Complaints name App account most"
    assert result.headline() == "App account is named in 100% of the 2 complaints that name a touchpoint."


def test_a_single_month_has_nothing_to_compare_with():
    one = SMALL.assign(posted_at=pd.Timestamp("2026-03-05"))
    assert reviews.last_month_change(one).headline() == (
        "All reviews fall in Mar 2026: there is no earlier month to compare with.")
    assert reviews.last_month_change(one).title() == "Review ratings month by month, to Mar 2026"


def test_a_brand_called_joy_does_not_make_its_one_star_reviews_positive():
    from cxlib.brand.reviews import review_tone

    reviews = pd.DataFrame({"rating": [1] * 30, "text": ["Joy never delivered my sofa"] * 30})
    # unmasked, "joy" (+2.8 in VADER's lexicon) reads the complaint as positive (+0.59)
    assert review_tone(reviews).table.loc[0, "mean_compound"] == pytest.approx(0.5859, abs=1e-4)
    masked = review_tone(reviews, names=["Joy"]).table.loc[0]
    assert masked["mean_compound"] == 0 and masked["positive"] == 0
