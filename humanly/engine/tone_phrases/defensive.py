"""Defensiveness: justifying or arguing instead of helping.

Component ``humanly.tone.defensive.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

import re

from humanly.engine.tone_rules import Rule, drop, rule, say, when

_MONEY = re.compile(r"[£$€]\s?\d[\d,.]*")
_PAST = {
    "send": "sent",
    "tell": "told",
    "notify": "notified",
    "email": "emailed",
    "warn": "warned",
    "inform": "informed",
}
_DID = re.compile(r"\bdid\s+(send|tell|notify|email|warn|inform)\b", re.IGNORECASE)

_COLLEAGUE = re.compile(r"\bworked\s+with\s+([A-Z][\w'-]+)")


def _hear_them_out(span: str) -> str:
    """Thanks the customer for raising it, naming the colleague when the span does."""
    name = _COLLEAGUE.search(span)
    about = f"your experience with {name.group(1)}" if name else "it"
    return f"Thank you for telling me; I'm sorry {about} felt that way, and I'd like to hear more."


DEFENSIVE = "humanly.tone.defensive.v7"
_ARGUING = (
    rule(
        "defensive",
        r"\bI\s+(?:strongly\s+|completely\s+|totally\s+|respectfully\s+)?disagree\b[.!]?|\bI\s+find\s+(?:that|this|it)"
        r"\s+hard\s+to\s+believe\b[.!]?|\b(?:that'?s|that\s+is)\s+(?:simply\s+|just\s+)?(?:not\s+true|untrue)\b[.!]?",
        "Argues with the customer; being right matters less than being helpful.",
        drop,
    ),
    rule(
        "defensive",
        r"\bbefore\s+(?:blaming|accusing|you\s+blame|you\s+accuse)\b[^,.!?]{0,30},?",
        "Tells the customer not to blame you; it sounds like self-defence, not help.",
        drop,
    ),
    rule(
        "defensive",
        r"\bwe\s+(?:can'?t|cannot|can\s+not)\s+be\s+(?:held\s+)?responsible\b[^.!?]{0,60}|\b(?:we\s+are|we'?re)\s+"
        r"not\s+(?:responsible|liable|to\s+blame)\b[^.!?]{0,60}|\bnot\s+our\s+fault\b",
        "Disowns responsibility; the customer will feel they're on their own.",
        say("Let me see what I can do to put this right."),
        "sentence",
    ),
)
_DEFENSIVE = (
    rule(
        "defensive",
        r"\b(?:our|all\s+our|all\s+of\s+our)\s+(?:\w+\s+)?(?:agents|staff|team|people|engineers|instructors|coaches|"
        r"developers?|technicians|drivers|photographers?|employees|tutors|trainers|couriers)\s+(?:(?:don'?t|do\s+not|"
        r"never|would\s+never)\s+(?:\w+\s+)?(?:hang\s+up|lie|ignore|behave|treat|speak|talk|shout|make\s+mistakes|"
        r"do\s+that|say\s+that|end\s+calls|mislead|act)|always\s+(?:follow|check|treat|behave)|are\s+(?:all\s+)?"
        r"(?:trained|fully|highly|thoroughly)|followed|(?:was|were)\s+(?:positioned|following|told|instructed))\b"
        r"[^.!?,;]{0,60}",
        "Defends the staff before hearing the customer out; it tells them they must be wrong.",
        say("I'm sorry that's how it went, and I'd like to look into it"),
    ),
    rule(
        "defensive",
        r"\bworks?\s+(?:fine|perfectly|correctly|well)\s+for\s+(?:everyone|everybody|all\s+(?:our\s+)?(?:other\s+)?"
        r"(?:customers|users))(?:\s+else)?\b",
        "Says the problem can't be real because others don't have it; the customer feels disbelieved.",
        say("isn't working for you, and I'd like to find out why"),
    ),
    rule(
        "defensive",
        r"\b(?:it|this)\s+was\s+(?:a\s+)?(?:planned|scheduled)\s+(?:maintenance|work|outage|upgrade)(?:\s+window)?\b",
        "Explains that the outage was planned instead of recognising how it hit the customer.",
        say("I'm sorry for the disruption this caused you"),
    ),
    rule(
        "defensive",
        r",?\s*\bas\s+(?:notified|announced|advertised|communicated)\s+(?:on|in)\s+our\s+\w+(?:\s+page)?\b",
        "Points to where the customer could have read about it; it sounds like 'we told you so'.",
        drop,
    ),
    rule(
        "defensive",
        r"\bwe\s+did\s+(?:send|tell|notify|email|warn|inform)\b[^.!?,;]{0,50}",
        "Insists the company did its part; the customer hears an argument, not help.",
        lambda span: (
            _DID.sub(lambda m: _PAST[m.group(1).lower()], span) + ", but I understand they're easy to miss"
        ),
    ),
    rule(
        "defensive",
        r"\b(?:our|the)\s+(?:\w+\s+)?(?:team|engineers|staff|technicians|people|agents)\s+(?:has|have)?\s*(?:been\s+)?"
        r"work(?:ed|ing)\s+(?:flat\s+out|(?:really\s+|very\s+)?hard|tirelessly|around\s+the\s+clock|non-stop)\b"
        r"[^.!?,;]{0,50}",
        "Talks about how hard the team works; the customer hears an excuse.",
        drop,
    ),
    rule(
        "defensive",
        r"\bour\s+(?:average\s+|typical\s+)?(?:on-time\s+rate|wait(?:ing)?\s+times?|average\s+wait|response\s+times?|"
        r"success\s+rate|track\s+record)\b[^.!?,;]{0,60}",
        "Quotes the company's good numbers against the customer's bad experience.",
        say("I'm sorry your experience fell short"),
    ),
    rule(
        "defensive",
        r"\b(?:some|occasional|these)\s+(?:errors|delays|issues|problems|mistakes|glitches)\s+(?:are|is)\s+"
        r"(?:unavoidable|inevitable|to\s+be\s+expected)\b[^.!?]{0,60}|\b(?:sometimes|occasionally)\s+(?:face|"
        r"experience|have|suffer)\s+delays\b[^.!?]{0,40}",
        "Excuses the problem as unavoidable; it sounds like 'not our fault'.",
        say("I'm sorry about this"),
        "sentence",
    ),
    rule(
        "defensive",
        r"\b(?:thoroughly|rigorously|carefully|extensively|fully)\s+tested\s+before\s+(?:release|launch|it\s+goes\s+out|"
        r"shipping|going\s+live)\b[^.!?]{0,50}|\bso\s+this\s+(?:is|was)\s+(?:very\s+|extremely\s+)?(?:rare|unusual)\b|\b(?:these|our)\s+\w+\s+(?:are|is)\s+"
        r"(?:very\s+|extremely\s+|highly\s+|really\s+)?reliable\b|\b(?:still\s+)?cheaper\s+than\s+(?:every|all|any|"
        r"most)\b[^.!?,;]{0,30}",
        "Defends the product against the customer's experience; they'll feel disbelieved.",
        lambda span: f"I understand {m.group()} is a lot" if (m := _MONEY.search(span)) else "",
        "clause",
    ),
    rule(
        "defensive",
        r"\b(?:we\s+)?(?:haven'?t|have\s+not|never)\s+had\s+(?:any\s+)?(?:other\s+)?complaints\b[^.!?,;]{0,30}|"
        r"\bnobody\s+else\s+has\s+(?:complained|reported)\b[^.!?,;]{0,30}",
        "Suggests the customer is the only one with a problem, so perhaps the problem is them.",
        say("thank you for telling us"),
    ),
    rule(
        "defensive",
        r"\b(?:\w+\s+){0,2}(?:signs|warnings?|notices?)\s+(?:are|is|were|was)\s+(?:always\s+|clearly\s+)?"
        r"(?:displayed|posted|shown|visible)\b[^.!?,;]{0,30}",
        "Defends the company's precautions before asking how the customer is.",
        drop,
    ),
    rule(
        "defensive",
        r"\bI'?ve\s+worked\s+with\s+\w+\s+for\b[^.!?]{0,100}|\b(?:he|she|they)(?:'s|\s+is|\s+are)\s+one\s+of\s+the\s+"
        r"(?:kindest|nicest|best|most\s+\w+)\b[^.!?]{0,40}",
        "Vouches for a colleague instead of hearing the complaint; the customer feels disbelieved.",
        _hear_them_out,
        "sentence",
    ),
)

_DEFENSIVE_MORE = (
    rule(
        "defensive",
        r"\bin\s+our\s+defen[cs]e\b,?|\bto\s+be\s+fair\s+to\s+(?:us|our\s+\w+)\b,?|\bit'?s\s+not\s+(?:like|as\s+if)\s+we\s+"
        r"didn'?t\b[^.!?,;]{0,40}|\bin\s+line\s+with\s+(?:the\s+market|other\s+providers|(?:our\s+)?competitors)\b|"
        r"\b(?:that'?s|that\s+is)\s+(?:simply\s+|just\s+)?(?:not\s+the\s+case|not\s+accurate|incorrect)\b[.!]?|"
        r"\bnobody\s+else\s+has\s+had\s+(?:this|that|the\s+same)\s+(?:problem|issue)\b",
        "Argues the company's case instead of dealing with the customer's problem.",
        drop,
    ),
    rule(
        "defensive",
        r"\bwe\s+(?:clearly\s+state|make\s+it\s+(?:very\s+)?clear)\b[^.!?,;]{0,50}|\bit'?s\s+clearly\s+(?:stated|"
        r"shown|explained)\b[^.!?,;]{0,40}",
        "Points out that the company made it clear; the customer hears 'you should have known'.",
        drop,
        "sentence",
    ),
    rule(
        "defensive",
        r"\b(?:we|our\s+(?:team|staff|agent|engineer|technician|driver))\s+(?:did|followed|handled)\s+(?:everything\s+"
        r"(?:correctly|right|by\s+the\s+book)|nothing\s+wrong|the\s+(?:correct|right|proper)\s+\w+|(?:the\s+)?(?:procedure|"
        r"process)\s+correctly)\b[^.!?,;]{0,30}",
        "Insists the company did nothing wrong; the customer hears an argument, not help.",
        say("I'm sorry this went wrong for you"),
    ),
    rule(
        "defensive",
        r"\b(?:our|the)\s+(?:system|app|website|platform|product|service|software|network)\s+is\s+(?:working|functioning|"
        r"operating)\s+as\s+(?:intended|designed|expected)\b|\bthere(?:'s|\s+is)\s+nothing\s+wrong\s+with\s+(?:our|the)\s+"
        r"\w+\b",
        "Defends the product against what the customer is seeing; they will feel disbelieved.",
        say("I'd like to understand what you're seeing"),
    ),
    rule(
        "defensive",
        r"\b(?:that'?s|that\s+is|this\s+is)\s+not\s+what\s+happened\b[.!]?|\bwith\s+all\s+due\s+respect\b,?|\bwith\s+respect\s*,|^with\s+respect\b|,\s*not"
        r"\s+us\b|\bwe(?:'ve|\s+have)\s+never\s+had\s+(?:this|that|a|any)\s+(?:problem|issue|complaint)\b[^.!?,;]{0,30}",
        "Argues about what happened instead of helping; it puts the customer on the defensive.",
        drop,
    ),
)


# Families of defending the company: "worked as designed", "not on our end", uptime and QA figures,
# "the majority have no issues", pointing at a third party.
_DEFENSIVE_FAMILIES = (
    rule(
        "defensive",
        r"\b(?:worked|works|working|performed|behaved)\s+(?:exactly\s+|just\s+)?as\s+(?:designed|intended|expected)\b|"
        r"\b(?:isn'?t|is\s+not|wasn'?t|was\s+not)\s+(?:on\s+)?our\s+(?:end|side|fault)\b|\bwe\s+can\s+assure\s+you\b"
        r"[^.!?,]*|\b(?:the\s+)?(?:vast\s+)?majority\s+of\s+(?:our\s+)?(?:customers|users|members|clients|guests)\s+"
        r"(?:experience|have|report|see)\s+no\b[^.!?,]*",
        "Defends the company instead of looking at what went wrong for this customer.",
        drop,
        "clause",
    ),
    rule(
        "defensive",
        r"\bgoes\s+through\s+(?:a|an|our)\s+(?:[\w-]+\s+){0,2}?(?:process|checks?|inspection|review|tests?)\b[^.!?]*|"
        r"\b(?:is|are)\s+(?:provided|handled|run|operated|managed|held)\s+by\s+[^.!?,]{3,60},\s+not\s+(?:us|the\s+\w+|our\s+"
        r"\w+)\b|\bresults\s+depend\s+(?:entirely|completely|mostly)\s+on\b[^.!?,]*|\b(?:is|are)\s+never\s+guaranteed,\s+"
        r"which\s+is\s+stated\b[^.!?]*|\bprices\s+across\s+the\s+(?:whole\s+)?(?:market|industry|sector)\s+have\s+"
        r"(?:risen|gone\s+up|increased)\b",
        "Argues the company's side; the customer hears an excuse rather than help.",
        drop,
        "sentence",
    ),
)


# More defending (v3): outside our control, no other complaints, unusually high demand, our people's
# experience, industry standard.
_DEFENSIVE_MORE3 = (
    rule(
        "defensive",
        r"\b(?:outside|beyond)\s+(?:of\s+)?our\s+control\b|\bwe\s+can'?t\s+(?:control|police)\b[^.!?,]*|\b(?:we'?ve\s+had|"
        r"there\s+have\s+been|we\s+have\s+had)\s+no\s+other\s+complaints\b[^.!?,]*|\bunusually\s+high\s+(?:traffic|demand|"
        r"volumes?)\b[^.!?,]*|\bdemand\s+(?:simply\s+)?exceeded\s+supply\b|\bvery\s+high\s+volume\s+of\b[^.!?,]*|\btrained\s+"
        r"to\s+the\s+highest\s+standards?\b|\b(?:is|are)\s+(?:a\s+)?very\s+experienced\b[^.!?,]*|\bstandard\s+across\s+the\s+"
        r"(?:whole\s+)?(?:industry|sector|market)\b[^.!?,]*|\bnot\s+something\s+we\s+set\s+arbitrarily\b|\bin\s+(?:full\s+)?"
        r"working\s+order\s+when\s+it\s+left\s+us\b|\b\d+-point\s+(?:inspection|check)\b[^.!?,]*|\b(?:shortages|staff\s+"
        r"shortages)\s+across\b[^.!?,]*|\b[A-Z]?[a-z]+\s+partners\s+are\s+responsible\s+for\b[^.!?,]*",
        "Defends the company instead of looking at what went wrong for this customer.",
        drop,
        "clause",
    ),
)

# v6: denying the company could err ("we don't lose letters", "the system doesn't make mistakes"),
# insisting it did its part ("we did send a letter"), nobody could have known, and how busy we are.
_DEFENSIVE_MORE6 = (
    rule(
        "defensive",
        r"\b(?:we|our\s+\w+(?:\s+\w+)?|the\s+system)\s+(?:don'?t|doesn'?t|does\s+not|do\s+not|never)\s+(?:lose|make\s+"
        r"mistakes|cut\s+(?:callers|customers|people|you|anyone)\s+off|miss|get\s+(?:it|this|things)\s+wrong|overcharge|"
        r"double[-\s]charge)\b[^.!?;]*|\bwe\s+did\s+(?:send|email|call|tell|post|write|text|notify)\b[^.!?;]*|\b(?:no\s+"
        r"one|nobody)\s+could\s+(?:have\s+)?(?:predicted|foreseen|known|anticipated)\b[^.!?;]*",
        "Argues that the company did nothing wrong; the customer hears that their trouble is not believed.",
        drop,
    ),
    rule(
        "defensive",
        r"\b(?:high|large|huge)\s+volumes?\s+of\s+(?:enquiries|requests|calls|emails|messages|orders)\b[^.!?;]*|\bour\s+"
        r"small\s+team\b[^.!?;]*|\ba\s+team\s+of\s+(?:two|three|\d)\b[^.!?;]*",
        "Explains how busy we are instead of what happens for them; it reads as an excuse.",
        drop,
    ),
)

# Justifying only happens against a complaint; with none, these words are just information.
# v7: our record or the market held up against the complaint ("We release hundreds of deposits a week
# without any issue", "comparable with fees at other institutions", "in line with the price cap"), and
# the paperwork that says we did it right ("checked and signed off", "fully compliant").
_DEFENSIVE_MORE7 = (
    rule(
        "defensive",
        r"\b(?:hundreds|thousands|millions|\d[\d,]*)\s+(?:of\s+)?\w+(?:\s+\w+)?\s+(?:a|every|each|per)\s+(?:day|week|month|year)\s+"
        r"without\s+(?:any\s+|a\s+single\s+)?(?:issues?|problems?|complaints?|trouble|faults?|hitch(?:es)?)\b|\b(?:is|are)\s+"
        r"comparable\s+(?:with|to)\b[^.!?;]*|\b(?:is|are)\s+in\s+line\s+with\s+(?:the\s+)?(?:price\s+cap|industry|sector|other|"
        r"similar|market)\b[^.!?;]*",
        "Holds up our record or the market against their complaint; it reads as arguing, not helping.",
        drop,
    ),
    rule(
        "defensive",
        # The paperwork says we did it right ("it's checked and signed off by two members of staff",
        # "fully compliant", "followed procedure correctly"); "the proof you signed off" is blame's.
        r"\b(?:checked\s+and\s+signed\s+off|signed\s+off\s+by\s+(?:two|our|a|the|every)\b|(?:it'?s|it\s+was)\s+(?:on\s+the\s+"
        r"\w+\s+schedule\s+and\s+)?signed\s+off(?!\s+(?:on\s+your|by\s+you))|(?:is|are)\s+fully\s+compliant|followed\s+(?:the\s+)?(?:correct\s+)?"
        r"(?:procedure|process|protocol)\s+correctly)\b[^.!?;]*",
        "Says the paperwork proves we did it right; it argues with their experience instead of looking into it.",
        drop,
    ),
)

RULES: tuple[Rule, ...] = _ARGUING + when(
    "complaint",
    _DEFENSIVE
    + _DEFENSIVE_MORE
    + _DEFENSIVE_FAMILIES
    + _DEFENSIVE_MORE3
    + _DEFENSIVE_MORE6
    + _DEFENSIVE_MORE7,
)
