"""Everyone is customer-facing: how often each department meets customer feedback.

The seed asks that engineers and supply-chain staff read support e-mails, chat logs and reviews
like anyone in a store. The ``customer_contact`` answer (never, yearly, quarterly, monthly,
weekly, daily) is summarised per department; a department whose every respondent answers
"never" is flagged, and "regular" contact means at least monthly.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cxlib.culture.alignment import staff_protection
from cxlib.culture.anonymity import MIN_GROUP, Protection, protect_series
from cxlib.report.verdict import Figure, Finding
from cxlib.wording import and_list, percent

CONTACT = ("never", "yearly", "quarterly", "monthly", "weekly", "daily")
REGULAR = ("monthly", "weekly", "daily")


@dataclass(frozen=True)
class ContactResult:
    """Customer contact by department (printable departments only)."""

    table: pd.DataFrame        # department, n, one share column per CONTACT value, regular
    overall_regular: float     # share of all respondents in contact at least monthly
    overall_never: float       # share of all respondents who never are
    n: int                     # respondents with an answer
    hidden: tuple[str, ...]    # departments not shown (too small, or would reveal one)

    def never_departments(self) -> list[str]:
        """Printable departments in which every respondent never meets customer feedback."""
        shown = self.table.dropna(subset=["n"])
        return list(shown.loc[shown["never"] >= 1.0, "department"])

    def rare_departments(self) -> list[str]:
        """Printable departments in which nobody meets customer feedback monthly or more often."""
        shown = self.table.dropna(subset=["n"])
        return list(shown.loc[(shown["regular"] <= 0.0) & (shown["never"] < 1.0), "department"])

    def title(self) -> str:
        """Action title for the contact chart."""
        never = self.never_departments()
        if len(never) == 1:
            return f"{never[0]} never meets customer feedback"
        if never:
            return f"{len(never)} departments never meet customer feedback"
        return f"{percent(1 - self.overall_regular)} of staff meet customer feedback less than monthly"

    def headline(self) -> str:
        never = self.never_departments()
        rows = self.table.set_index("department")
        parts = []
        if len(never) == 1:
            parts.append(f"All {int(rows.loc[never[0], 'n']):,} {never[0]} respondents never meet "
                         "customer feedback")
        elif never:
            named = [f"{d} ({int(rows.loc[d, 'n']):,})" for d in never]
            parts.append(f"Every respondent in {and_list(named)} never meets customer feedback")
        else:
            parts.append("No department is entirely cut off from customer feedback")
        parts.append(f"across the company {percent(1 - self.overall_regular)} of the {self.n:,} staff who "
                     "answered meet it less than monthly")
        return "; ".join(parts) + "."

    def finding(self) -> Finding:
        """:meth:`ContactResult.headline` with the figures it states."""
        staff = f"employee survey respondents (n = {self.n:,})"
        rows = self.table.set_index("department")
        figures = [Figure("staff meeting customer feedback less than monthly", 100 * (1 - self.overall_regular), "%", staff)]
        never = self.never_departments()
        for d in never:
            figures.append(Figure(f"respondents in {d}, none meeting customer feedback", int(rows.loc[d, "n"]),
                                  "respondents", f"employee survey respondents, {d}"))
        figures.append(Figure("employee survey respondents", self.n, "respondents", staff))
        return Finding(self.headline(), tuple(figures), source="cxlib.culture.contact.customer_contact", theme="culture")


def contact_by_department(employees: pd.DataFrame, *, protection: Protection | None = None,
                          min_n: int = MIN_GROUP) -> ContactResult:
    """Share of each department's respondents at each contact frequency.

    Parameters
    ----------
    employees : the employees dataset.
    protection : department-by-level protection; departments whose total it hides are hidden
        here too. Without it the departments are protected on their own (one-way, with total).
    min_n : anonymity minimum when ``protection`` is not given.

    Returns
    -------
    ContactResult
        ``table`` sorted from most to least regular contact; hidden departments last with every
        number missing.
    """
    answered = employees.dropna(subset=["customer_contact"])
    counts = answered.groupby("department")["customer_contact"].value_counts().unstack(fill_value=0)
    counts = counts.reindex(columns=list(CONTACT), fill_value=0)
    n = counts.sum(axis=1)
    if protection is not None:
        hidden = pd.Series([not (d in protection.hidden_rows.index and protection.row_visible(d))
                            for d in n.index], index=n.index)
    else:
        hidden = protect_series(n, min_n=min_n)
    shares = counts.div(n, axis=0)
    table = shares.reset_index()
    table.insert(1, "n", n.to_numpy().astype(float))
    table["regular"] = shares[list(REGULAR)].sum(axis=1).to_numpy()
    table.loc[hidden.to_numpy(), ["n", *CONTACT, "regular"]] = np.nan
    table["_hidden"] = hidden.to_numpy()
    table = (table.sort_values(["_hidden", "regular", "never", "department"],
                               ascending=[True, False, True, True], kind="stable")
             .drop(columns="_hidden").reset_index(drop=True))
    total = len(answered)
    contact = answered["customer_contact"]
    return ContactResult(
        table=table,
        overall_regular=float(contact.isin(REGULAR).mean()) if total else np.nan,
        overall_never=float((contact == "never").mean()) if total else np.nan,
        n=total,
        hidden=tuple(hidden.index[hidden]),
    )


def customer_contact(employees: pd.DataFrame) -> ContactResult:
    """:func:`contact_by_department` under the step's department-by-level protection, so that a
    department hidden in the department view is hidden here too."""
    return contact_by_department(employees, protection=staff_protection(employees))
