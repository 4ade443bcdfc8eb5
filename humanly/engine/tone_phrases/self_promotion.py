"""Self-promotion: bragging about the company instead of helping.

Component ``humanly.tone.self_promotion.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

from humanly.engine.tone_rules import Rule, drop, rule, when

SELF_PROMOTION = "humanly.tone.self_promotion.v5"
_SELF_PROMOTION = (
    rule(
        "self_promotion",
        r"\b(?:the|our|a|an)\s+(?:[\w-]+'s\s+)?(?:leading|number\s+one|no\.?\s?1|#1|fastest(?:-growing)?|highest[- ]rated|"
        r"most\s+(?:trusted|awarded)|favou?rite|top[- ]rated|market-leading|industry-leading|best[- ]in[- ]class)\s+"
        r"(?:[\w-]+\s+){0,3}?(?:provider|company|brand|platform|service|network|agency|app|school|course|florist|"
        r"marketplace|retailer|supplier|business|firm|operator|bank|gym|studio|room|shop|store|team|product)\b|"
        r"\b(?:rated|voted|named)\s+(?:the\s+)?(?:[\w-]+'s\s+)?(?:number\s+one|no\.?\s?1|#1|best|top)\b|\bmost\s+\w+\s+"
        r"(?:[\w-]+\s+)?(?:\w+\s+)?on\s+the\s+market\b|\b(?:award-winning|world-class|second\s+to\s+none|unrivalled|"
        r"unbeatable|(?:market|industry|world)\s+leaders?)\b",
        "Brags about the company when the customer came with a problem; it sounds like an advert.",
        drop,
        "clause",
    ),
    rule(
        "self_promotion",
        r"\b(?:one\s+of|among)\s+the\s+best\s+in\s+the\s+(?:industry|business|market|country|world)\b|\bthe\s+best\s+"
        r"in\s+the\s+(?:business|industry)\b|\bthe\s+best\s+value\s+in\b[^.!?,]{0,30}|\bwe(?:'re|\s+are)\s+simply\s+"
        r"the\s+best\b",
        "Praises the company instead of helping; the customer's problem gets lost.",
        drop,
        "clause",
    ),
    rule(
        "self_promotion",
        r"\b(?:we(?:'ve|\s+have)?|our\s+[\w-]+(?:\s+[\w-]+)?\s+(?:is|are|was|were|has|have)(?:\s+been)?|[A-Z][\w&]+"
        r"\s+(?:was|has\s+been|is))\s+(?:\S+\s+){0,2}?(?:won|voted|rated|named|featured\s+(?:on|in|by))\b[^.!?]{0,80}"
        r"\b(?:awards?|best|number\s+one|favou?rite|stars?|podcasts?|magazines?|apple|\d{4})\b|(?<!your\s)\b\d(?:\.\d)?"
        r"\s+(?:star\s+)?rating\b",
        "Awards and ratings don't answer the customer; it reads as a sales pitch.",
        drop,
        "clause",
    ),
    rule(
        "self_promotion",
        r"\b(?:trusted\s+by|serv(?:e|es|ing)|helped|delivered)\s+(?:over\s+|more\s+than\s+)?(?:\d[\d,.]*\+?k?|a\s+"
        r"million|thousands\s+of|hundreds\s+of)\s+(?:\S+\s+){0,2}?(?:students|customers|clients|businesses|"
        r"households|companies|firms|learners|users|people|campaigns)\b[^.!?]{0,60}|\b(?:thousands|hundreds|"
        r"millions)\s+of\s+(?:happy|satisfied)\s+\w+\b[^.!?]{0,30}|\b(?:hundreds\s+of|over\s+[\d,]+\+?|more\s+than\s+"
        r"[\d,]+\+?)\s+(?:five-star|5-star|positive|glowing)\s+reviews\b|"
        r"\bover\s+a\s+million\s+\w+\s+choose\s+us\b|\bloved\s+by\s+(?:millions|thousands|\d[\d,]*)\b[^.!?]{0,30}|"
        r"\bour\s+(?:customers|clients|students)\s+(?:love|adore)\s+us\b|\bwe(?:'re|\s+are)\s+(?:very\s+)?proud\s+of\s+our\b"
        r"[^.!?]{0,60}|\b\d+%\s+(?:customer\s+)?satisfaction\b[^.!?]{0,30}|\bour\s+(?:excellent|outstanding|stellar|spotless|"
        r"impeccable)\s+(?:reputation|record|track\s+record)\b",
        "Numbers about the company's success don't help this customer; it feels like a sales pitch.",
        drop,
        "clause",
    ),
    rule(
        "self_promotion",
        r"\bwe\s+pride\s+ourselves\b[^.!?]{0,80}|\bwe(?:'re|\s+are)\s+(?:so\s+)?proud\s+to\s+(?:run|offer|serve|be|"
        r"have)\b[^.!?]{0,100}",
        "Talks about the company's pride instead of the customer's problem.",
        drop,
        "clause",
    ),
    rule(
        "self_promotion",
        r"\bdid\s+you\s+know\s+(?:that\s+)?(?:our|we|[A-Z]\w+)\b(?=[^.!?]*(?:\d|award|best|leading|million|"
        r"thousands|countries|rated|voted|biggest|largest))[^.!?]{0,120}[.!?]?",
        "A 'did you know' boast in the middle of a support reply reads as an advert.",
        drop,
        "sentence",
    ),
    rule(
        "self_promotion",
        r"\bmany\s+of\s+our\s+(?:students|clients|customers)\s+have\s+gone\s+on\b[^.!?]{0,80}|\bsix-figure\s+"
        r"businesses\b|\bfrom\s+broke\s+to\b[^.!?]{0,60}|\bthe\s+harvard\s+of\b[^.!?]{0,60}|\bemmy-\w+\b[^.!?]{0,80}"
        r"|\bwaitlist\s+of\s+over\b[^.!?]{0,30}",
        "Success stories and famous names sell the company instead of answering the customer.",
        drop,
        "sentence",
    ),
    rule(
        "self_promotion",
        r"\b(?:the\s+only\s+(?:provider|company|service)\s+with|more\s+\w+\s+\w+\s+than\s+any\s+other)\b"
        r"[^.!?]{0,60}|\bwe'?ve\s+never\s+had\s+a\s+client\s+who\b[^.!?]{0,80}|\bresults\s+are\s+what\s+we\s+do\b",
        "Claims the company is better than everyone; it answers a question the customer didn't ask.",
        drop,
        "sentence",
    ),
)

# Families of boasting: superlatives about ourselves, ratings, press, member counts.
_SELF_PROMOTION_FAMILIES = (
    rule(
        "self_promotion",
        r"\b(?:we(?:'re|\s+are|'ve\s+got|\s+have)|our\s+[\w-]+(?:\s+[\w-]+)?\s+(?:is|are))\s+(?:one\s+of\s+)?(?:the\s+)?"
        r"(?:[A-Z][\w-]*'s\s+|(?:UK|US|EU)'s\s+|only\s+)?(?:best|biggest|largest|fastest|highest[- ]rated|top[- ]rated|"
        r"most\s+\w+|leading|cheapest|best[- ]value)\b[^.!?]{0,80}",
        "Boasts about the company when the customer came for help; it sounds like an advert.",
        drop,
        "clause",
    ),
    rule(
        "self_promotion",
        r"\b(?:rated|scored)\s+\d(?:\.\d)?\s*(?:/\s*5|out\s+of\s+5|stars?)\b[^.!?]{0,40}|\b\d(?:\.\d)?\s+stars?\s+"
        r"from\s+(?:over\s+)?[\d,]+\b[^.!?]{0,20}|\bfeatured\s+in\s+[A-Z]\w+\b[^.!?]{0,60}|\b(?:a\s+)?testament\s+to\s+"
        r"(?:the\s+|our\s+)?(?:quality|success|strength)\b[^.!?,]*|\bhands\s+down\b|\bfun\s+fact:[^.!?]*",
        "Ratings and press don't answer the customer; it reads as a sales pitch.",
        drop,
        "clause",
    ),
)

# More boasting (v3): bestsellers, records, "popular for a reason", "users are loving", upsells.
_SELF_PROMOTION_MORE3 = (
    rule(
        "self_promotion",
        r"\b(?:is\s+)?a\s+bestseller\b[^.!?]*|\bpopular\s+for\s+a\s+reason\b|\b(?:users|customers|members|guests)\s+are\s+"
        r"loving\b[^.!?]*|\bdid\s+you\s+know\s+(?:\S+\s+)?(?:members|subscribers|customers)\s+get\b[^.!?]*|\b(?:the\s+)?"
        r"(?:highest|best)\s+(?:rate|score|record)\s+in\s+the\s+(?:area|region|country|industry)\b|\ba\s+record\s+for\s+us\b|"
        r"\bour\s+most\s+(?:powerful|premium)\b[^.!?]*|\bmany\s+(?:visitors|customers|guests)\s+say\s+(?:it'?s|we'?re)\s+"
        r"the\s+best\b[^.!?]*",
        "Sells instead of helping; the customer's problem gets lost behind the pitch.",
        drop,
        "sentence",
    ),
)

# v4: a customer who asks about the company's record gets it as the answer, not flagged as a boast.
# v5: ranking ourselves against everyone else ("three years running", "more free events than any
# other service in the county", "the only practice in town with...", "our most popular plan").
_SELF_PROMOTION_MORE5 = (
    rule(
        "self_promotion",
        r"\b(?:three|two|four|five|\d+)\s+years\s+running\b|\bthan\s+any\s+other\b|\bof\s+any\s+(?:other\s+)?\w+\s+in\s+"
        r"(?:the\s+)?(?:county|region|country|town|city|area|UK|England)\b|\bthe\s+only\s+\w+(?:\s+\w+)?\s+in\s+(?:town|the\s+"
        r"(?:county|region|area|city))\b|\b(?:our|the)\s+most\s+(?:popular|loved|modern|requested)\s+(?:plan|feature|club|"
        r"product|branch|service|artist)s?\b|\bthe\s+(?:newest|biggest|widest|largest|busiest)\s+\w+\s+in\s+the\b",
        "Ranks the company against everyone else when the customer came for help; it reads as a sales pitch.",
        drop,
        "sentence",
    ),
)

RULES: tuple[Rule, ...] = when(
    "not_asked_about_us",
    _SELF_PROMOTION + _SELF_PROMOTION_FAMILIES + _SELF_PROMOTION_MORE3 + _SELF_PROMOTION_MORE5,
)
