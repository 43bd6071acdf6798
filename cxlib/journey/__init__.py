"""Step 3's customer journey: the map built from touchpoint events, its paths and moments of truth.

Each concern is a submodule, used through it: ``journey.mapping.journey_map(events)``,
``journey.paths.transition_matrix(events)``, ``journey.moments.moments_of_truth(events, survey)``.
The journey is mapped from what customers did and said, not from how the organisation thinks they
move: stages are the seven of the data contract, but nobody is assumed to take them in order.
"""
from cxlib.journey import mapping, moments, paths
from cxlib.journey.mapping import STAGES

__all__ = ["STAGES", "mapping", "moments", "paths"]
