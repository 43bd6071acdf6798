"""What the sections of step 1 (the customer-obsession audit) need."""
from __future__ import annotations

from cxlib.sections import Needs

STEP_1: tuple[Needs, ...] = ()
