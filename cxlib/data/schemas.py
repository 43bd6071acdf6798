"""The data contract (docs/data-contract.md) as column specs and pandera schemas.

Each dataset is described once, as a tuple of :class:`ColumnSpec`; the loader uses the spec to parse
text into types and the pandera schema built from it to check values.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

STAGES = ("awareness", "consideration", "purchase", "onboarding", "usage", "support", "advocacy")
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
# A blank category (age band, segment, channel) is a group of its own, never an error or a guess.
NOT_STATED = "Not stated"
LEVELS = ("leadership", "manager", "frontline")
CONTACT = ("never", "yearly", "quarterly", "monthly", "weekly", "daily")
PRACTICES = (
    "hire_for_mindset", "educate_retrain", "simplify_contact", "social_monitoring", "over_deliver",
    "personalize", "reduce_jargon", "seamless_transitions", "omnichannel_convenience",
    "consistent_experience",
)


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the contract.

    kind is one of ``id``, ``text``, ``int``, ``float``, ``date``, ``datetime``, ``bool``.
    ``pattern`` names a family of columns by prefix (``attr_``), of which at least one must exist.
    ``nullable`` columns are optional: they may be blank or absent from the file altogether.
    ``category`` columns group answers; their blanks become the group :data:`NOT_STATED`.
    ``listed`` columns hold several answers separated by ";", and may be made from several columns.
    ``free_text`` columns are what people wrote; personal data is removed from them as they load.
    ``present`` keeps a blank-able column required in the file (an employee survey needs its items).
    """

    name: str
    kind: str
    nullable: bool = False
    low: float | None = None
    high: float | None = None
    allowed: tuple[str, ...] | None = None
    unique: bool = False
    pattern: bool = False
    category: bool = False
    present: bool = False
    free_text: bool = False
    listed: bool = False

    @property
    def optional(self) -> bool:
        """May be absent from the file: blank-able columns, unless the dataset is about them."""
        return self.nullable and not self.present


def _c(name, kind, **kw) -> ColumnSpec:
    return ColumnSpec(name, kind, **kw)


CONTRACT: dict[str, tuple[ColumnSpec, ...]] = {
    "survey": (
        _c("response_id", "id", unique=True), _c("customer_id", "id", nullable=True),
        _c("responded_at", "datetime"), _c("channel", "text", nullable=True, category=True),
        _c("segment", "text", nullable=True, category=True),
        _c("age_band", "text", nullable=True, category=True, allowed=AGE_BANDS + (NOT_STATED,)),
        _c("nps", "int", nullable=True, low=0, high=10),
        _c("csat", "int", nullable=True, low=1, high=5),
        _c("ces", "int", nullable=True, low=1, high=7),
        _c("attr_", "int", nullable=True, low=1, high=5, pattern=True),
        _c("comment", "text", nullable=True, free_text=True), _c("also_considered", "text", nullable=True, listed=True),
        _c("agent_id", "id", nullable=True), _c("location_id", "id", nullable=True),
    ),
    "customers": (
        _c("customer_id", "id", unique=True), _c("segment", "text"), _c("signup_date", "date"),
        _c("revenue_12m", "float", low=0), _c("churned", "bool"),
        _c("churned_at", "date", nullable=True),
    ),
    "journey": (
        _c("customer_id", "id"), _c("occurred_at", "datetime"),
        _c("stage", "text", allowed=STAGES), _c("touchpoint", "text"), _c("channel", "text"),
        _c("satisfaction", "int", nullable=True, low=1, high=5),
        _c("effort", "int", nullable=True, low=1, high=7),
    ),
    "competitors": (
        _c("brand", "text"), _c("attribute", "text"), _c("score", "float", low=0, high=10),
        _c("source", "text"), _c("measured_at", "date"),
    ),
    "social": (
        _c("brand", "text"), _c("platform", "text"), _c("posted_at", "datetime"),
        _c("text", "text", free_text=True), _c("responded", "bool", nullable=True),
        _c("responded_at", "datetime", nullable=True),
    ),
    "reviews": (
        _c("platform", "text"), _c("posted_at", "datetime"),
        _c("rating", "int", low=1, high=5), _c("text", "text", free_text=True),
        _c("touchpoint", "text", nullable=True),
    ),
    "brand_promise": (
        _c("attribute", "text"), _c("promise", "text"), _c("survey_column", "text"),
        _c("internal_rating", "float", low=1, high=5),
    ),
    "channels": (
        _c("channel", "text", unique=True), _c("offered", "bool"),
        _c("investment_share", "float", low=0, high=1),
        _c("target_response_minutes", "float", nullable=True, low=0),
    ),
    "interactions": (
        _c("interaction_id", "id", unique=True), _c("customer_id", "id"), _c("channel", "text"),
        _c("started_at", "datetime"), _c("previous_channel", "text", nullable=True),
        _c("first_response_minutes", "float", nullable=True, low=0), _c("resolved", "bool"),
        _c("repeated_info", "bool", nullable=True),
    ),
    "messages": (
        _c("asset_id", "id", unique=True), _c("channel", "text"), _c("audience", "text"),
        _c("text", "text"),
    ),
    "tickets": (
        _c("ticket_id", "id", unique=True), _c("channel", "text"), _c("agent_id", "id"),
        _c("opened_at", "datetime"), _c("first_response_minutes", "float", nullable=True, low=0),
        _c("resolved_at", "datetime", nullable=True), _c("customer_text", "text", free_text=True),
        _c("agent_reply", "text", free_text=True), _c("csat", "int", nullable=True, low=1, high=5),
    ),
    "employees": (
        _c("respondent_id", "id", unique=True), _c("department", "text"),
        _c("level", "text", allowed=LEVELS), _c("customer_contact", "text", allowed=CONTACT),
        _c("q_", "int", nullable=True, low=1, high=5, pattern=True, present=True),
        _c("comment", "text", nullable=True, free_text=True),
    ),
    "practices": (
        _c("practice", "text", allowed=PRACTICES, unique=True),
        _c("self_score", "float", low=1, high=5), _c("evidence", "text"), _c("owner", "text"),
    ),
    "metrics": (
        _c("metric", "text", unique=True), _c("definition", "text"),
        _c("owner", "text", nullable=True), _c("cadence", "text"),
        _c("linked_goal", "text", nullable=True), _c("target", "text", nullable=True),
        _c("last_reviewed", "date", nullable=True), _c("dashboard_views_90d", "int", low=0),
    ),
}

DATASETS: tuple[str, ...] = tuple(CONTRACT)


def spec_of(dataset: str, column: str) -> ColumnSpec | None:
    """The contract's spec for a column (``attr_ease`` belongs to the ``attr_`` family), or None."""
    for spec in CONTRACT[dataset]:
        if spec.name == column or (spec.pattern and column.startswith(spec.name) and len(column) > len(spec.name)):
            return spec
    return None


def _range_text(spec: ColumnSpec) -> str:
    low = f"{spec.low:g}" if spec.low is not None else None
    high = f"{spec.high:g}" if spec.high is not None else None
    if low is not None and high is not None:
        return f"outside {low}-{high}"
    return f"below {low}" if low is not None else f"above {high}"


def _checks(spec: ColumnSpec) -> list[pa.Check]:
    checks = []
    if spec.low is not None or spec.high is not None:
        low = spec.low if spec.low is not None else float("-inf")
        high = spec.high if spec.high is not None else float("inf")
        checks.append(pa.Check.in_range(low, high, error=f"is {_range_text(spec)}"))
    if spec.kind == "int":
        checks.append(
            pa.Check(lambda s: s.isna() | (s == s.round()), element_wise=False,
                     error="is not a whole number")
        )
    if spec.allowed:
        checks.append(pa.Check.isin(spec.allowed, error="is not one of: " + ", ".join(spec.allowed)))
    return checks


def schema_for(dataset: str) -> pa.DataFrameSchema:
    """The pandera schema of a dataset, for frames already parsed to types by the loader."""
    columns = {}
    for spec in CONTRACT[dataset]:
        name = rf"^{spec.name}.+$" if spec.pattern else spec.name
        columns[name] = pa.Column(
            nullable=spec.nullable,
            unique=spec.unique,
            checks=_checks(spec),
            regex=spec.pattern,
            required=not (spec.pattern or spec.optional),
        )
    return pa.DataFrameSchema(columns, strict=False, name=dataset)
