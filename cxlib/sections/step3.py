"""What the sections of step 3 (brand value and the customer journey) need."""
from __future__ import annotations

from cxlib.sections import Needs

STEP_3: tuple[Needs, ...] = ()
