"""What the sections of step 6 (the customer-obsessed culture) need."""
from __future__ import annotations

from cxlib.sections import Needs

STEP_6: tuple[Needs, ...] = ()
