"""The tone guard's phrase rules, one module per finding kind, each under a versioned component name.

``RULES`` maps each component name to its rules, in the order the guard tries them. The kinds that
need the customer's message to judge (cold, policy wall, unanswered) live in ``tone_context``.
"""

from __future__ import annotations

from humanly.engine.tone_phrases import (
    blame,
    condescending,
    defensive,
    dismissive,
    irritated,
    overpromise,
    sarcastic,
    self_promotion,
)
from humanly.engine.tone_rules import Rule

__all__ = ["RULES"]

RULES: dict[str, tuple[Rule, ...]] = {
    sarcastic.SARCASTIC: sarcastic.RULES,
    condescending.CONDESCENDING: condescending.RULES,
    irritated.IRRITATED: irritated.RULES,
    blame.BLAME: blame.RULES,
    defensive.DEFENSIVE: defensive.RULES,
    dismissive.DISMISSIVE: dismissive.RULES,
    overpromise.OVERPROMISE: overpromise.RULES,
    self_promotion.SELF_PROMOTION: self_promotion.RULES,
}
