"""Step 4, omnichannel convenience: meet customers on their channels, fast, without repeating.

Each concern is a submodule, used through it, e.g. ``omnichannel.presence.presence_gap(...)``:

* ``channels``: channel names and labels, the client's channel table, durations in words;
* ``preference``: which channel each generation chooses (interactions joined to survey age bands);
* ``presence``: share of contacts against share of budget, channels used but not offered;
* ``speed``: first response against each channel's target;
* ``continuity``: repeated information after a channel switch, its cost on resolution, CES, NPS;
* ``effort``: CES by channel;
* ``convenience``: the per-channel convenience index;
* ``scorecard``: the step's score, findings and recommendations;
* ``methods``: the tests behind the body's words, for the appendix.
"""

from cxlib.omnichannel import (
    channels,
    continuity,
    convenience,
    effort,
    methods,
    preference,
    presence,
    scorecard,
    speed,
)

__all__ = ["channels", "continuity", "convenience", "effort", "methods", "preference", "presence",
           "scorecard", "speed"]
