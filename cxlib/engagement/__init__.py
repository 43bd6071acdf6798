"""Running an engagement: steps, execution, rendering and the run manifest."""
from cxlib.engagement.steps import STEPS, Step, available_steps, parse_steps

__all__ = ["STEPS", "Step", "available_steps", "parse_steps"]
