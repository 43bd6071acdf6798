"""Running an engagement: executing the step notebooks, rendering the reports, the run manifest.

The seven steps themselves are listed in :mod:`cxlib.steps`, which analysis packages may import
without importing the runner.
"""
