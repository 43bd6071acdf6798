"""Free-text analytics: PII redaction, VADER sentiment and lexicon themes."""
from cxlib.text import pii, sentiment, themes
from cxlib.text.pii import find_pii, find_pii_kinds, redact, redact_series
from cxlib.text.sentiment import compound, tone
from cxlib.text.themes import (
    DEFAULT_THEMES, ReasonsResult, reasons_for_score, tag_themes, themes_by_group,
)

__all__ = [
    "pii", "sentiment", "themes", "find_pii", "find_pii_kinds", "redact", "redact_series",
    "compound", "tone",
    "DEFAULT_THEMES", "ReasonsResult", "reasons_for_score", "tag_themes", "themes_by_group",
]
