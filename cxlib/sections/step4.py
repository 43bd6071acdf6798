"""What the sections of step 4 (omnichannel presence and convenience) need."""
from __future__ import annotations

from cxlib.sections import Needs

STEP_4: tuple[Needs, ...] = ()
