"""The tone guard's checks that only make sense against the customer's message: cold and policy walls.

``cold`` finds the run of impersonal sentences in a draft that acknowledges nothing of a customer to
whom that reads as cold, as the warmth reading (``tone_warmth``) or else the rules judge it (component
``humanly.tone.cold.v12``); ``policy_walls`` finds rules quoted in a draft that offers nothing else
(``humanly.tone.policy_wall.v4``). Both stay silent when unsure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from humanly.engine.tone_customer import AGREES, OPENER, Customer, any_of, chills, offers_alternative

__all__ = ["COLD", "COLD_WHY", "POLICY", "POLICY_FIX", "POLICY_WALL", "POLICY_WHY", "cold", "policy_walls"]

_INFO_QUESTION = re.compile(r"(?:who|what|when|where|why|how|which)\b", re.IGNORECASE)
COLD = "humanly.tone.cold.v12"
POLICY_WALL = "humanly.tone.policy_wall.v6"
_I = re.IGNORECASE
Span = tuple[int, int]


# --- cold ---------------------------------------------------------------------------------------

_PERSONAL = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|me|my)\b|[!?]")
_FORMULA = any_of(
    r"^thanks?\s+(?:you\s+)?for\s+(?:contacting|flying|choosing|shopping|travelling|your\s+(?:message|email|"
    r"enquiry|query))\b",
)
COLD_WHY = (
    "Reads like a system notice to someone going through something hard; they will feel processed, not heard."
)


def cold(
    draft: str, sentences: Sequence[Span], taken: Sequence[Span], customer: Customer | None
) -> Span | None:
    """The first run of impersonal sentences in a draft that acknowledges nothing of a customer to
    whom that reads as cold (``chills``): coldness belongs to the whole notice, up to the first
    sentence with a person in it."""
    if not chills(draft, customer):
        return None
    found: Span | None = None
    for start, end in sentences:
        if any(s < end and start < e for s, e in taken):
            if found is not None:
                break
            continue
        sentence = draft[start:end]
        if _FORMULA.search(sentence) or not _PERSONAL.search(sentence):
            found = (found[0] if found else start, end)
        elif found is not None:
            break
    return found


# --- policy walls -------------------------------------------------------------------------------

POLICY = any_of(
    r"\b(?:as\s+per|per|in\s+line\s+with|according\s+to|as\s+stated\s+in|in\s+accordance\s+with)\s+(?:our|the)\s+"
    r"(?:\S+\s+){0,2}?(?:policy|policies|terms|conditions|rules|t&cs)\b",
    r"\bour\s+(?:\S+\s+)?policy\s+(?:states|says|is\s+that|doesn'?t\s+allow|does\s+not\s+allow)\b",
    r"\bthe\s+terms\s+you\s+agreed\s+to\b|\bour\s+decision\s+is\s+final\b|\bare\s+final\b",
    r"\b(?:cannot|can'?t|can\s+not)\s+be\s+(?:\w+\s+)?(?:\w+ed|\w+en|reinstated|recovered|paused)\b",
    r"\bnon-?(?:transferable|refundable|changeable|negotiable|returnable)\b|\bno\s+longer\s+available\b|"
    r"\bunder\s+any\s+circumstances\b",
    r"\b(?:is|are)\s+not\s+(?:provided|refundable|permitted|allowed|covered|eligible)\b",
    r"\bno\s+(?:partial\s+)?(?:refunds|exceptions|exchanges|returns)\s+(?:are|can\s+be|will\s+be)\s+(?:given|made|"
    r"offered|issued|accepted)\b",
    r"\b(?:can|may)\s+only\s+be\s+\w+ed\b|\bonly\s+(?:provided\s+|available\s+)?digitally\b|\bdigitally\s+only\b",
    r"\bwe\s+(?:cannot|can'?t|are\s+unable\s+to|'re\s+unable\s+to|do\s+not|don'?t)\s+(?:disclose|make\s+(?:any\s+)?"
    r"exceptions)\b|\brules\s+are\s+rules\b|\b(?:this|that|it)\s+is\s+(?:our\s+|company\s+)policy\b|\bcompany\s+policy\b",
    r"\bthere(?:'s|\s+is)\s+nothing\s+(?:more\s+|else\s+)?(?:we|I)\s+can\s+do\b|\b(?:is|are)\s+not\s+(?:possible|something\s+"
    r"we\s+(?:can|are\s+able\s+to)\s+do)\b|\bthe\s+terms\s+(?:and\s+conditions\s+)?(?:clearly\s+)?(?:state|say)\b",
    r"\bwe\s+(?:do\s+not|don'?t)\s+(?:offer|give|issue|provide|accept)\s+(?:refunds|exchanges|returns|compensation|"
    r"credits?)\b",
    r"\b(?:refunds|payments)\s+(?:always|only)\s+go\b|\bupon\s+receipt\s+of\b",
    r"\b(?:contracts?|memberships?)\s+run\s+for\s+the\s+full\b",
    r"\bthat'?s\s+(?:just\s+)?(?:how|the\s+way)\s+it\s+(?:works|is)\b|\bagainst\s+(?:our|company)\s+policy\b|"
    r"\bwe(?:'re|\s+are)\s+not\s+(?:allowed|permitted)\s+to\b",
    r"\b(?:are|is)\s+(?:collected|taken|charged)\s+on\s+the\s+(?:agreed|scheduled|due)\s+date\b",
    # Families: a rule stated as a flat fact, whatever its words.
    r"\b(?:(?:is|are)\s+not|isn'?t|aren'?t)\s+(?:available|offered|guaranteed|covered\s+by)\b",
    r"\b(?:does|do)\s+not\s+offer\b|\bdoesn'?t\s+offer\b|\b(?:is|are)\s+only\s+(?:granted|given|offered|issued|"
    r"accepted)\s+(?:for|to|with|if|when)\b|\bmust\s+be\s+(?:paid|returned|submitted|made|received)\s+(?:in\s+full\s+)?"
    r"(?:within|before|by)\b|\bat\s+(?:(?:members|customers|guests|owners|passengers)'|your|their)\s+own\s+risk\b|"
    r"\bno\s+longer\s+eligible\b|\b(?:our|the)\s+process\s+requires\b|\b(?:is|are)\s+a\s+requirement\s+(?:under|of)\b|"
    r"\b(?:is|are)\s+(?:treated|classed|considered)\s+as\s+(?:a\s+)?(?:cancellation|new\s+booking|withdrawal)\b|\b(?:is|are)\s+"
    r"not\s+given\s+for\b|\bthe\s+(?:fee|price|charge|fine|decision|penalty)\s+(?:stands|is\s+final)\b|\bis\s+the\s+maximum\s+"
    r"payable\b|\b(?:is|are)\s+only\s+included\s+(?:on|in|with)\b|\bcan\s+only\s+be\s+\w+\s+for\s+a\s+maximum\s+of\b|\bnothing\s+"
    r"we\s+can\s+(?:adjust|change|do\s+about\s+it)\b|'s\s+responsibility\s+until\b|\bthe\s+decision\s+stands\b|\bdue\s+to\s+(?:\w+\s+)?(?:regulatory|legal|security|compliance|data\s+protection)\s+"
    r"\w+,?\s+we\s+(?:are|'re)\s+unable\s+to\b",
    # v5: what we are unable to do, a rule named as policy, who alone may have something, a charge that stands.
    # ("I'm not able to give personal advice", "I can't share whether anyone has an account" protect the
    # customer, and stay out.)
    r"\b(?:I|we)(?:'m|\s+am|'re|\s+are)\s+(?:unable|not\s+able)\s+to\s+(?:process|offer|issue|extend|adjust|accept|"
    r"refund|remove|waive|change|make|send|discuss)\b|\b(?:we|I)\s+(?:cannot|can'?t|can\s+not)\s+(?:extend|adjust|issue|"
    r"discuss|waive|remove|accept|make\s+an?\s+exception)\b",
    r"\b(?:is|are)\s+(?:club|company|school|council|university|store|our)\s+policy\b|\b(?:against|under)\s+our\s+\w+\s+"
    r"policy\b|\b(?:is|are)\s+only\s+(?:available|issued|offered)\s+(?:on|to|for|by|during|with|at)\b|\bremain\s+as\s+"
    r"billed\b|\b(?:the|this)\s+(?:fee|charge|fine|penalty)\s+(?:applies|stands)\b|\bexcluded\s+under\b|\bin\s+line\s+"
    r"with\s+our\s+terms\b|\bwhich\s+you\s+agreed\s+to\b",
    # v6: no exceptions, a charge that will remain.
    r"\bwith\s+no\s+exceptions?\b|\b(?:charge|fee|fine|penalty)\s+(?:of\s+\S+\s+)?will\s+(?:remain|stand)\b",
)
POLICY_WHY = (
    "States a rule and stops there; with no alternative or next step, the customer feels stonewalled."
)
POLICY_FIX = (
    "{span} I'm sorry, I know that isn't the answer you hoped for. What I can do instead is "
    "[say what you can offer]."
)


def policy_walls(
    draft: str, sentences: Sequence[Span], taken: Sequence[Span], customer: Customer | None
) -> list[Span]:
    """Sentences (less words another finding has claimed) that hide behind a rule, in a draft offering nothing else."""
    if offers_alternative(draft) or customer is None:
        return []
    informing = customer.asks and all(
        _INFO_QUESTION.match(OPENER.sub("", a.text.strip())) for a in customer.asks
    )
    if (informing and not customer.complains) or AGREES.search(draft):
        return []
    found = []
    for sentence_start, sentence_end in sentences:
        match = POLICY.search(draft, sentence_start, sentence_end)
        if match is None:
            continue
        start, end = sentence_start, sentence_end
        for a, b in taken:
            if start < b <= match.start():
                start = b
            elif match.end() <= a < end:
                end = a
            elif a < end and start < b:
                break
        else:
            lead = _POLICY_LEAD.match(draft, start, end)
            start = lead.end() if lead else start
            found.append((start, len(draft[:end].rstrip(" ,;:-"))))
    return found


_POLICY_LEAD = re.compile(r"[\s,;:-]*(?:(?:and|but|so|however|unfortunately|sadly|i'?m\s+afraid),?\s+)?", _I)
