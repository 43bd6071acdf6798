"""Step 7 statistics: pure functions over survey frames, results with a ``headline()``.

Each concern is a submodule, used through it, e.g. ``metrics.nps.nps(survey["nps"])``,
``metrics.nps.nps_trend(survey)`` or ``metrics.drivers.key_drivers(survey)``. The functions are
not flattened into this package: ``nps`` is both a module and its main function, and a flat
``metrics.nps`` would hide the module.
"""

from cxlib.metrics import (
    catalog,
    customer,
    drivers,
    integrity,
    nps,
    portfolio,
    precision,
    prediction,
    satisfaction,
    segments,
)

__all__ = [
    "catalog",
    "customer",
    "drivers",
    "integrity",
    "nps",
    "portfolio",
    "precision",
    "prediction",
    "satisfaction",
    "segments",
]
