"""Condescension: replies that talk down to the customer.

Component ``humanly.tone.condescending.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

import re

from humanly.engine.tone_rules import Rule, drop, lead_in, rule, say, strip

CONDESCENDING = "humanly.tone.condescending.v7"
_CONDESCENDING = (
    rule(
        "condescending",
        r"\b(?:it'?s|it\s+is|this\s+is|that'?s|that\s+is)\s+(?:honestly\s+|really\s+|just\s+|all\s+|actually\s+)*"
        r"not\s+(?:that\s+|very\s+|so\s+)?(?:complicated|difficult|hard|rocket\s+science|brain\s+surgery)\b[.!]?",
        "Tells the customer the thing they struggle with is easy; they will feel slow.",
        say("It can be confusing at first."),
    ),
    rule(
        "condescending",
        r"\b(?:it'?s|it\s+is|this\s+is|that'?s|that\s+is)\s+(?:honestly\s+|really\s+|actually\s+)?(?:very|really|"
        r"quite|pretty|super|so)\s+(?:simple|easy|basic|obvious|straightforward)\s*(?:,\s*really\s*)?\.",
        "Calling it simple makes a customer who is stuck feel foolish.",
        say("Here's how to do it."),
    ),
    rule(
        "condescending",
        r"\b(?:basic|simple)\s+(?:level\s+of\s+)?(?:computer|tech(?:nical)?|internet|digital)\s*(?:stuff|literacy|"
        r"knowledge|skills?)\b|\bbasic\s+computer\b[^.!?,]{0,20}",
        "Implies the customer lacks basic skills; it talks down to them.",
        drop,
        "sentence",
    ),
    rule(
        "condescending",
        r"\b(?:less|non)[- ](?:\w+[- ])?(?:savvy|technical)\b[^.!?,]{0,20}|\b(?:lots\s+of|many|most)\s+(?:older|"
        r"elderly)\s+(?:people|folks|customers|users)\b[^.!?,]{0,40}",
        "Puts the customer in a group that 'doesn't get it'; it feels patronising.",
        say("lots of people ask about this"),
        "clause",
    ),
    rule(
        "condescending",
        r"\b(?:let\s+me|I'?ll|let'?s|I\s+will)\s+(?:\S+\s+){0,4}?(?:(?:really|very|nice\s+and)\s+)?slowly\b"
        r"(?:\s+for\s+you)?\.?",
        "Offering to go 'slowly' treats the customer as if they cannot keep up.",
        say("Here's a step-by-step version."),
    ),
    rule(
        "condescending",
        r"\b(?:I'?ll|I\s+will|let\s+me)\s+(?:try\s+to\s+)?keep\s+(?:it|this|things)\s+(?:really\s+|very\s+|nice\s+"
        r"and\s+)?(?:basic|simple)(?:\s+for\s+you)?\b|\b(?:let\s+me\s+|I'?ll\s+)?explain\s+(?:this|it)\s+in\s+(?:very\s+)?"
        r"simple\s+terms\b"
        r"[^.!?]{0,40}",
        "Announcing that you will 'keep it basic for them' sounds like you think they are slow.",
        say("here's a quick explanation"),
    ),
    rule(
        "condescending",
        # The whole sentence: the pet name closes "No worries, hun" as often as it opens "Sweetie, ...".
        r"\b(?:okay\s+|ok\s+)?(?:sweetie|sweetheart|honey|hun|darling|dearie|sunshine)\b|,\s*(?:my\s+)?(?:dear|love)"
        r"(?=\s*[,.!?])",
        "Pet names from a stranger at work sound patronising.",
        strip(
            r"\b(?:okay\s+|ok\s+)?(?:my\s+)?(?:sweetie|sweetheart|honey|hun|darling|dearie|sunshine),?\s*|,\s*(?:my\s+)?"
            r"(?:dear|love)(?=\s*[,.!?])"
        ),
        "sentence",
    ),
    rule(
        "condescending",
        r"\b(?:most|many|lots\s+of|plenty\s+of)\s+(?:of\s+our\s+)?(?:people|users|customers|students|clients)\s+"
        r"(?:\S+\s+){0,3}?(?:figure\s+(?:this|it|that)\s+out|learn(?:ed|t)?\s+(?:this|that|it)\s+(?:in|at)\s+"
        r"(?:school|primary)|know\s+(?:this|that)\s+already|manage\s+(?:this|it)\s+fine)\b[^.!?]{0,60}",
        "Compares the customer unfavourably with everyone else; they will feel judged.",
        say("Lots of people ask about this, so you're in good company."),
        "sentence",
    ),
    rule(
        "condescending",
        r"\byou'?d\s+be\s+surprised\s+how\s+many\s+(?:people|customers|users)\b[^.!?]{0,40}",
        "Suggests the customer made an obvious slip; it feels like being laughed at.",
        drop,
        "sentence",
    ),
    rule(
        "condescending",
        r"\bif\s+you\s+can\s+(?:use|read|click|type|turn\s+on|open)\b[^.!?]{0,30},\s*you\s+can\s+\w+[^.!?]{0,20}",
        "Implies the task is so easy that struggling with it says something about the customer.",
        say("It only takes a minute, and I'm happy to help if you get stuck"),
    ),
    rule(
        "condescending",
        r"\bhave\s+you\s+tried\s+(?:turning|switching|plugging)\s+it\s+(?:off\s+and\s+)?(?:on|in)\b[^.!?]{0,10}\?",
        "The oldest put-down in support; it suggests the customer missed the obvious.",
        say("Could you check that it's switched on at the wall?"),
    ),
    rule(
        "condescending",
        r"\b(?:read|follow|check|do|look\s+at)\s+(?:it|this|that|them|the\s+\w+)?\s*(?:properly|carefully|correctly)"
        r"\s+this\s+time\b",
        "'This time' tells the customer they got it wrong before; it scolds rather than helps.",
        say("take another look at it"),
    ),
    rule(
        "condescending",
        r"\bit'?s\s+literally\s+the\s+only\b[^.!?]{0,60}|\b(?:basically\s+)?every\s+(?:\S+\s+){0,2}?(?:app|phone|"
        r"website|device|computer|program)s?\s+ever\s+(?:made|invented|built)\b",
        "Stressing how obvious it is makes the customer feel silly for asking.",
        drop,
        "clause",
    ),
    rule(
        "condescending",
        r"^(?:well|um+|erm),?\s+(?:yes|no|of\s+course)\b[^.!?]{0,80}",
        "Opening with 'Well, yes' sounds like the answer should have been obvious.",
        strip(r"^(?:well|um+|erm),?\s+(?:yes|no|of\s+course),?\s*(?:like\s+any\s+[\w ]{1,30}?\s+(?=it\b))?"),
        "sentence",
    ),
    rule(
        "condescending",
        r"\bthe\s+\w+\s+(?:clearly|plainly)\s+(?:says|states|shows|explains)\b[^.!?,;]{0,40}",
        "'Clearly says' implies the customer failed to read; it talks down to them.",
        strip(r"\b(?:clearly|plainly)\s+"),
        only_if="complaint",
    ),
    rule(
        "condescending",
        r"\b(?:are|were)\s+you\s+sure\s+you\s+want\s+to\s+give\s+up\s+on\s+your\s+(?:dream|dreams|goals?|future)\b"
        r"[^.!?]{0,20}\??",
        "Guilt-trips the customer about their own choices; it feels manipulative and patronising.",
        drop,
    ),
    rule(
        "condescending",
        r"\b(?:pretty|very|really|quite)\s+hard\s+to\s+get\s+wrong\b|\bhard\s+to\s+miss\b",
        "Says it is hard to get wrong, so the customer must have done something silly.",
        drop,
        "sentence",
    ),
)

_CONDESCENDING_MORE = (
    rule(
        "condescending",
        r"\bas\s+you\s+(?:should|ought\s+to)\s+know\b,?|\byou\s+do\s+know\s+(?:that|how)\b[^.!?]{0,40}|\btry\s+to\s+keep\s+"
        r"up\b[.!]?|\b(?:it'?s|that'?s)\s+(?:just\s+)?basic\s+(?:maths|math|english|"
        r"arithmetic)\b|\blike\s+you'?re\s+(?:new\s+to|five|a\s+child)\b[^.!?,]{0,30}|\banyone\s+with\s+an?\s+\w+\s+can\b"
        r"[^.!?]{0,30}|\bjust\s+read\s+the\s+(?:instructions|manual|guide|faq)\b[^.!?]{0,20}",
        "Talks down to the customer, as if the answer should be obvious to them.",
        drop,
        "clause",
    ),
    rule(
        "condescending",
        r"\b(?:it'?s|that'?s)\s+(?:right\s+there\s+in\s+front\s+of\s+you|self-explanatory)\b|\bI'?ll\s+use\s+small\s+"
        r"words\b|\bbless\s+(?:you|your\s+heart)\b|\byoung\s+(?:man|lady)\b",
        "Treats the customer as slow or childish; it is patronising.",
        drop,
        "clause",
    ),
    rule(
        "condescending",
        r"\b(?:as\s+)?anyone\s+(?:can|could|would)\s+(?:see|tell|understand)\b|\beven\s+a\s+(?:child|kid|"
        r"five-year-old|toddler)\s+(?:could|can)\b[^.!?]{0,30}|\beven\s+you\s+(?:can|could|should)\b[^.!?]{0,30}",
        "Suggests the answer is obvious to everyone else; the customer will feel stupid.",
        drop,
        "clause",
    ),
    rule(
        "condescending",
        r"\bin\s+a\s+way\s+(?:that\s+)?you(?:'ll|\s+will|\s+can)\s+understand\b|\blet\s+me\s+spell\s+it\s+out\b"
        r"(?:\s+for\s+you)?",
        "Talks down to the customer's ability to understand.",
        say("here's how it works"),
    ),
    rule(
        "condescending",
        r"\bperhaps\s+you\s+should\s+(?:read|look\s+at)\s+the\s+(?:manual|instructions|guide|faq)\b[^.!?]{0,40}|\bsurely\s+you\b[^.!?]{0,40}",
        "Implies the customer should have known better; it sounds superior.",
        drop,
        "sentence",
    ),
    rule(
        "condescending",
        r"\b(?:it'?s|that'?s|this\s+is)\s+(?:just\s+|really\s+|simply\s+)?(?:common\s+sense|very\s+basic\s+stuff|"
        r"really\s+basic\s+stuff|pretty\s+basic\s+stuff)\b[.!]?",
        "Calls it common sense; the customer hears that they lack it.",
        drop,
        "clause",
    ),
)

# What the agent has just done to make it easy: "I've added it to your notes, so it's easy to find".
_AGENT_DID = re.compile(
    r"\b(?:I|we)(?:'ve|'ll|'m|\s+have|\s+will|\s+am)\b|\b(?:putting|adding|pinning|saving|copying)\b", re.I
)


def _made_easy(draft: str, start: int, words: str) -> bool:
    return words.lower().startswith("so") and bool(_AGENT_DID.search(lead_in(draft, start)))


# Families of talking down: telling the customer it is easy, explaining as to a child, "as you may
# not know", "for obvious reasons", remarks about who gets confused.
_CONDESCENDING_FAMILIES = (
    rule(
        "condescending",
        r"\bas\s+you\s+may\s+(?:or\s+may\s+not\s+)?(?:not\s+)?(?:be\s+aware|know|realise|realize)\b,?|\bjust\s+so\s+"
        r"you\s+(?:understand|know)\b,?|\bfor\s+obvious\s+reasons\b|\b(?:tried|checked|done)\s+the\s+obvious\b",
        "Suggests the customer is missing something everyone knows; it talks down to them.",
        drop,
    ),
    rule(
        "condescending",
        r"\b(?:so\s+)?it'?s\s+(?:usually\s+|really\s+|honestly\s+)?(?:quite\s+|pretty\s+|very\s+|super\s+)?(?:easy|simple|"
        r"straightforward)\s+to\s+(?:follow|use|do|understand|find)\b|\b(?:so\s+)?it'?s\s+(?:really\s+)?hard\s+to\s+get\s+"
        r"wrong\b|\bsee,?\s+(?:easy|simple)\b[^.!?]*|\blet\s+me\s+explain\s+(?:it\s+|this\s+)?(?:simply|slowly|again\s+"
        r"slowly)\b|\bonce\s+you\s+understand\s+how\b[^.!?,]*",
        "Calling it easy tells the customer the trouble is their own; it talks down to them.",
        drop,
        unless=_made_easy,
    ),
    rule(
        "condescending",
        r"\b(?:can\s+be\s+)?confusing\s+for\s+some\s+people\b|\b(?:plenty\s+of|lots\s+of|many)\s+(?:folks|people|"
        r"customers)\s+(?:your\s+age|like\s+you)\b[^.!?]*|\bdon'?t\s+feel\s+(?:bad|silly|stupid)\b|\b(?:a\s+bit\s+)?naive\s+"
        r"to\s+(?:expect|think|assume)\b|^with\s+(?:all\s+due\s+)?respect,|\bplease\s+(?:avoid|refrain\s+from)\s+"
        r"(?:writing|typing)\s+in\s+(?:capital|block)\s+letters\b",
        "Talks down to the customer, as if they were the problem.",
        drop,
        "sentence",
    ),
)

# More talking down (v3): "even my nan can", "if you think about it", "you need to understand".
_CONDESCENDING_MORE3 = (
    rule(
        "condescending",
        r"\beven\s+(?:my|a|your)\s+(?:nan|gran|grandma|grandmother|mum|kid|child|five-year-old)\s+(?:can|could)\b[^.!?]*|"
        r"\bI'?d\s+have\s+thought\s+(?:that\s+was\s+|it\s+was\s+)?obvious\b|\bif\s+you\s+think\s+about\s+it\b|\byou\s+need\s+"
        r"to\s+understand\s+that\b|\bthat'?s\s+what\s+it'?s\s+(?:there|for)\b[^.!?]*|\b(?:lots|plenty)\s+of\s+(?:people|"
        r"customers|members|users|others)\s+(?:don'?t\s+(?:know|realise|realize)|find\s+it\s+(?:without|easily))\b[^.!?]*|"
        r"\bit\s+is\s+quite\s+basic\b|\b(?:very|really|pretty)\s+easy\s+once\s+you\b[^.!?]*|\bworth\s+a\s+proper\s+read\b|"
        r"\b(?:especially|particularly)\s+for\s+older\s+people\b[^.!?]*",
        "Talks down to the customer, as if the trouble were their lack of sense.",
        drop,
        "clause",
    ),
)

# v5: the customer's age as the reason for their trouble ("lots of ladies your age are in the same
# boat", "get a grandchild to show you", "technology can be a bit daunting"). Age as a clinical fact
# ("can be serious in older people") stays.
_CONDESCENDING_MORE5 = (
    rule(
        "condescending",
        r"\b(?:lots|plenty|many|loads)\s+of\s+(?:our\s+)?(?:older|elderly)\s+\w+|\b(?:folks?|ladies|people|someone|anyone)\s+"
        r"your\s+age\b|\bat\s+your\s+age\b|\bgrand(?:child|children|kids?|son|daughter)\s+to\s+(?:show|help|set)\b|"
        r"\bdon'?t\s+worry\s+your\s+(?:head|pretty)\b|\b(?:older|elderly)\s+(?:folks?|people|customers)\s+(?:who\s+)?(?:struggle|find|get\s+muddled)\b|"
        r"\bespecially\s+for\s+older\b",
        "Puts their trouble down to their age; it talks down to them, however warmly it is meant.",
        drop,
        "clause",
    ),
    rule(
        "condescending",
        r"\b(?:I\s+know\s+)?technology\s+can\s+be\s+(?:a\s+bit\s+)?(?:daunting|scary|tricky|confusing)(?:\s+for\s+some)?\b"
        r"(?:,?\s*but\b)?",
        "Assumes technology is beyond them; it talks down to them, however warmly it is meant.",
        drop,
    ),
)

# v6: "bless" and "well done you" said to a grown customer ("There's no such
# thing as a 'conditional unconditional', bless.", "Great question, and well done for asking!").
_CONDESCENDING_MORE6 = (
    rule(
        "condescending",
        r"(?:\boh\s+)?(?<!\bgod\s)\bbless\b(?!\s+(?:you|your)\b)(?:\s+(?:them|him|her|'?em)\b)?|(?:\band\s+)?\bwell\s+"
        r"done\s+(?:you\b|for\s+(?:asking|getting\s+in\s+touch|reaching\s+out|remembering|noticing|spotting|finding)\b)",
        "Praises or pities them like a child; it talks down to them, however warmly it is meant.",
        drop,
    ),
)

# v7: telling them it's easy ("It's really very easy!", "it's not as complicated as it looks"); the
# rest of the sentence, the how-to, stays.
_CONDESCENDING_MORE7 = (
    rule(
        "condescending",
        # "It's really very easy!", "it's not as complicated as it looks": if it were, they wouldn't ask.
        r"^(?:\w+,\s+)?(?:honestly,?\s+)?it'?s\s+(?:really\s+|very\s+|super\s+|so\s+|actually\s+)+(?:easy|simple|"
        r"straightforward)\b(?:\s+once\s+you\s+get\s+(?:the\s+hang\s+of|your\s+head\s+round)\s+it)?|\bnot\s+as\s+(?:complicated|"
        r"hard|difficult|scary|tricky)\s+as\s+it\s+(?:looks|seems|sounds)\b",
        "Telling them it's easy says the trouble is theirs; if it were easy for them, they wouldn't be asking.",
        drop,
    ),
)

RULES: tuple[Rule, ...] = (
    _CONDESCENDING
    + _CONDESCENDING_MORE
    + _CONDESCENDING_FAMILIES
    + _CONDESCENDING_MORE3
    + _CONDESCENDING_MORE5
    + _CONDESCENDING_MORE6
    + _CONDESCENDING_MORE7
)
