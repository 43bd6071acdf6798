"""What the sections of step 2 (competitor benchmarking) need."""
from __future__ import annotations

from cxlib.sections import Needs

SOCIAL_CARE = Needs("Social care", datasets=("social",), columns=("responded",), min_rows=1,
                    shows="how often and how fast each brand answers posts about it")
SOCIAL_TONE = Needs("The tone comparison", datasets=("social",), columns=("text",), min_rows=50,
                    shows="the tone of the posts about each brand (a brand is ranked on 50 posts or more)")
SOCIAL_NAMED = Needs("Mentions in competitors' posts", datasets=("social",), columns=("text",),
                     shows="posts about competitors that name the client")
