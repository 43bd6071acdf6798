"""What the sections of step 5 (empathy in messaging and support) need."""
from __future__ import annotations

from cxlib.sections import Needs

STEP_5: tuple[Needs, ...] = ()
