"""Step 6 exhibits: pyplot-free figures, one mark per row, hidden groups drawn without a number."""
from __future__ import annotations

import io
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from cxlib.charts import culture as charts
from cxlib.culture import alignment, anonymity, contact, dimensions, voices


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def tight_width(fig: Figure) -> float:
    """Width in inches of the SVG a notebook shows (inline figures are saved "tight")."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0)
    return float(re.search(r'<svg[^>]*width="([\d.]+)pt"', buffer.getvalue()).group(1)) / 72


@pytest.fixture(scope="module")
def demo_parts(demo):
    employees = demo["employees"]
    scores = dimensions.dimension_scores(employees)
    protection = anonymity.protect_groups(employees, "department", "level",
                                          column_order=alignment.LEVELS)
    dims = ["People", "Values", "Clarity"]
    return {
        "employees": employees, "scores": scores, "protection": protection,
        "gaps": alignment.level_gaps(scores, dims, protection=protection),
        "items": alignment.item_agreement(employees, dimensions.DIMENSIONS),
        "breakdown": alignment.breakdown(scores, dims, protection),
        "contact": contact.contact_by_department(employees, protection=protection),
        "voices": voices.comment_themes(employees),
    }


def test_heatmap_draws_hidden_cells_without_numbers(demo_parts):
    table = demo_parts["breakdown"]
    fig = charts.department_heatmap(table, title="Culture by department and level")
    assert isinstance(fig, Figure)
    words = texts(fig)
    assert words.count("hidden") == int(table["hidden"].sum()) == 12
    numbers = [w for w in words if re.fullmatch(r"\d\.\d", w)]
    assert len(numbers) == int((~table["hidden"]).sum())
    # the hidden HR leadership value appears nowhere as a label of its own
    hr_leaders = demo_parts["scores"].query("department == 'HR' and level == 'leadership'")
    assert "HR (n = 12)" in words and "Finance (n = 20)" in words
    assert not any(re.search(r"\(n = [1-4]\)", w) for w in words)  # no group under 5 named
    assert hr_leaders["Clarity"].notna().all()


def test_statement_gap_two_dots_per_statement(demo_parts):
    items = demo_parts["items"]
    fig = charts.statement_gap(items, title=alignment.widest_statement_title(items))
    ax = fig.axes[0]
    points = sum(len(c.get_offsets()) for c in ax.collections if c.__class__.__name__ == "PathCollection")
    assert points == 2 * len(items) == 20
    assert "+74 pts" in texts(fig)


def test_contact_mix_marks_a_hidden_department():
    staff = pd.DataFrame({"department": ["Legal"] * 2 + ["Audit"] * 5 + ["Sales"] * 9,
                          "level": "frontline",
                          "customer_contact": ["never"] * 2 + ["yearly"] * 5 + ["daily"] * 9})
    result = contact.contact_by_department(staff)
    fig = charts.contact_mix(result.table, title=result.title())
    words = texts(fig)
    assert words.count("hidden to protect anonymity") == 2
    assert words.count("n = 9") == 1 and not any(w in words for w in ("n = 2", "n = 5"))


def test_answer_split_and_theme_grid(demo_parts):
    table = dimensions.answer_distribution(demo_parts["employees"])
    fig = charts.answer_split(table, title="How staff answer")
    assert sum(1 for w in texts(fig) if w.startswith("n = ")) == 10
    grid = charts.theme_grid(demo_parts["voices"].table, title=demo_parts["voices"].title())
    assert "77%" in texts(grid)


def test_long_titles_wrap_inside_the_exhibit(demo_parts):
    long = "A very long action title that would run far beyond the right edge of the page " * 2
    for fig in (charts.department_heatmap(demo_parts["breakdown"], title=long, subtitle=long),
                charts.statement_gap(demo_parts["items"], title=long, subtitle=long)):
        assert tight_width(fig) <= fig.get_figwidth()


@pytest.mark.parametrize("build", [charts.answer_split, charts.statement_gap,
                                   charts.department_heatmap, charts.contact_mix, charts.theme_grid])
def test_empty_input_gives_a_note_not_an_error(build):
    empty = pd.DataFrame(columns=["group", "theme", "comments", "mentions", "share", "dimension",
                                  "level", "department", "n", "mean", "hidden"])
    fig = build(empty, title="Nothing")
    assert isinstance(fig, Figure)


def test_chart_words_print_negative_gaps_with_a_true_minus_and_no_method_names():
    from cxlib.wording import method_words

    items = pd.DataFrame({"statement": ["We learn from failures"], "leadership": [0.25], "frontline": [0.37],
                          "n_leadership": [36], "n_frontline": [201], "gap": [-12.0]})
    words = texts(charts.statement_gap(items, title="x"))
    assert "\u221212 pts" in words
    assert method_words(" ".join(words)) == []


def test_culture_and_customers_shows_both_whole_scales(demo):
    from cxlib.culture import customer_link
    from cxlib.wording import method_words

    result = customer_link.link_to_customers(demo["employees"], demo["survey"])
    fig = charts.culture_and_customers(result)
    left, right = fig.axes
    # 2 departments x 3 dimensions on the left, one NPS per department on the right
    dots = [sum(len(c.get_offsets()) for c in ax.collections if c.__class__.__name__ == "PathCollection")
            for ax in (left, right)]
    assert dots == [6, 2]
    # whole scales: a 0.6-point culture gap and a 1-point NPS gap look their true size
    assert left.get_xlim() == (1, 5) and right.get_xlim() == (-100, 100)
    words = texts(fig)
    assert "+26  (854 answers)" in words and "+27  (1,933 answers)" in words
    assert result.title() == "Retail staff rate Values higher, yet customers' NPS is much the same"
    assert method_words(" ".join(words)) == []
    assert tight_width(fig) <= fig.get_figwidth()
