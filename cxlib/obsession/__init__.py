"""Step 1, "How to become a customer-obsessed organization": the ten practices, audited.

Each concern is a submodule, used through it:

* ``practices``: the ten practices of customer-obsessed companies (keys, names, what each asks)
  and leadership's self-assessment (``self_assessment``);
* ``readings``: each measure read from its dataset with the public functions of steps 2, 3, 4, 5,
  6 and 7 (social answers, reviews, channel switches, copy, the employee survey, CES ...), each
  on its minimum sample (:data:`cxlib.sections.PRACTICE_EVIDENCE`) or with the sentence saying why not;
* ``evidence``: the measures per practice and their conversion to the self-assessment's 1-5
  scale, each with its stated rule (``gather_evidence``);
* ``gap``: the say-do gap, self-assessment against evidence, and where leadership is
  overconfident (``audit``, the analysis of the :data:`cxlib.sections.SAY_DO_GAP` section);
* ``priorities``: impact (step 7's NPS drivers on the client's own ratings) against the gap to
  best practice, and the first moves (``nps_impact``, ``first_moves``);
* ``verdict``: the step's score over the parts the data could assess, its maturity, findings and
  recommendations (``assess``, ``maturity``).
"""
from cxlib.obsession import evidence, gap, practices, priorities, readings, verdict

__all__ = ["evidence", "gap", "practices", "priorities", "readings", "verdict"]
