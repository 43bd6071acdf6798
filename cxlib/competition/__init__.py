"""Step 2, "Are you beating your competitors at CX?": pure functions over frames.

Each concern is a submodule, used through it: ``competition.considered.true_competitors`` (who
customers really compare you with), ``competition.benchmark.benchmark`` and ``benchmark_trend``
(attribute scores against each competitor and the best), ``competition.social.responsiveness``,
``mention_tone`` and ``named_elsewhere`` (social care and tone), ``competition.priorities.
attack_plan`` (importance for NPS against the gap to the best) and
``competition.verdict.assess`` (the step's score and record).
"""

from cxlib.competition import benchmark, considered, priorities, social, verdict

__all__ = ["benchmark", "considered", "priorities", "social", "verdict"]
