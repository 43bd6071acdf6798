"""Exhibits for the step reports: functions that take a metrics frame and return a Figure."""
from cxlib.charts.drivers import driver_importance, driver_quadrant
from cxlib.charts.metrics import (
    churn_auc,
    churn_bands,
    group_comparison,
    group_nps,
    nps_trend,
    score_distribution,
    tens_share,
    theme_share,
)

__all__ = [
    "churn_auc",
    "churn_bands",
    "driver_importance",
    "driver_quadrant",
    "group_comparison",
    "group_nps",
    "nps_trend",
    "score_distribution",
    "tens_share",
    "theme_share",
]
