"""Expectations, flags, escalation and needs: what a good reply has to handle.

Component names: ``humanly.expectations.rules.v1``, ``humanly.flags.rules.v1``,
``humanly.escalation.v1``, ``humanly.needs.v1``. Each pattern follows a label definition
of docs/engine.md; every raised signal keeps the words that raised it as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from humanly.engine.text import BURST
from humanly.engine.types import Ask, Emotions, Escalation, Evidence, Intent

_I = re.IGNORECASE
SCAN_LIMIT = 100_000
DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
SOON = (
    rf"(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend|{DAYS})|by (?:the )?(?:end of (?:the )?"
    rf"(?:day|week)|{DAYS}|tomorrow|tonight|\d{{1,2}}(?:st|nd|rd|th)?\b)|on {DAYS}|in (?:\d+|a|an|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|a few|few) (?:hours?|days?|mins?|minutes?)|(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten) days? (?:from (?:today|now)|away|left|time)|within (?:\d+|an?|one|two|24|48) (?:hours?|days?)|"
    r"next (?:week|monday|tuesday|wednesday|thursday|friday)|(?:closes|is due|deadline|due) (?:on|by|in|this|"
    r"tomorrow|today|friday|monday)|in (?:like |about |around |under )?(?:an|one|two|a couple of) hours?)"
)
DEADLINE = (
    rf"(?:by|before|within|until|till)\s+(?:\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:am|pm)\s+)?(?:(?:this\s+|next\s+)?{DAYS}|tomorrow|"
    r"tonight|today|the\s+weekend|the\s+\d{1,2}(?:st|nd|rd|th)?\b|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week|month)|"
    r"(?:\d+|one|two|three|five|seven|ten|fourteen)\s+(?:working\s+)?days)"
)
"""A date the customer sets for the outcome: "by Friday", "within 14 days", "until the 1st"."""
CONSEQUENCE = (
    r"(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+\w+ing|\s+am\s+\w+ing)\b"
)
"""What the customer says they will do if the date passes."""
CONTACT = (
    r"(?:(?:email|call|rang|rung|ring|phon|contact|chas|messag|writ|wrote|report|rais|complain|submitt)\w*|"
    r"been\s+on|left\s+(?:a\s+)?message|(?:ask|told|tell|said|spok|speak|tri|try)\w*\s+(?:you\b|your\b|to\s+you|"
    r"in\s+the\s+chat|on\s+the\s+phone))"
)
"""Ways of getting in touch ("emailed", "rang", "been on your live chat", "asked you", "said in the chat")."""

EXPECTATION_PATTERNS: dict[str, tuple[str, ...]] = {
    "do_it_for_me": (
        r"\b(?:do|build|set up|setup|run|write|create|design|handle|make)\s+(?:it|everything|all(?: of it)?|"
        r"the whole thing|my \w+(?: \w+)?|the \w+(?: \w+)?|them)\s+for\s+(?:me|us)\b",
        r"\bdone[- ]for[- ](?:me|you|us)\b",
        r"\b(?:i|we)\s+(?:just\s+)?(?:don'?t|do not)\s+want\s+to\s+(?:learn|do|deal with|figure)\b",
        r"\bwill you (?:do|handle|take care of) (?:everything|it all|all of it)\b",
        r"\bghost-?writ(?:e|er|ers|ing|ten)\b",
    ),
    "quick_results": (
        r"\bhow\s+(?:fast|soon|quickly|long)\s+(?:will|would|until|before|can|could|does it take)\s+(?:i|we|it)?\s*"
        r"(?:\w+\s+){0,3}(?:get|make|see|earn|land|start|have|book|reach)\b",
        r"\b(?:make|earn|get)\s+(?:back|my money back|\$?[\d,.]+k?|money|my first|a profit)\b[^.?!]{0,40}"
        r"\b(?:within|in|by)\s+(?:a|one|two|three|\d+|the first|next)\s+(?:weeks?|months?|days?)\b",
        r"\bfirst\s+(?:sale|client|customer|booking|paycheck|income|commission|deal|order)\b",
        r"\b(?:realistic|possible|likely|doable)\s+(?:to|that\s+i|for\s+me\s+to)\b[^.?!]{0,100}\b(?:within|in|by)\s+(?:the\s+next\s+|"
        r"the\s+first\s+)?(?:\d+|a|one|two|three|four|five|six|few)\s+(?:days?|weeks?|months?)\b",
        r"\bif\s+i\s+follow\s+(?:the|your|it|everything|all)\b[^.?!]{0,40}\bexactly\b",
        r"\bguarantee(?:d)?\s+(?:me\s+)?(?:results|income|clients|sales|leads|money|bookings|that i)\b",
        r"\b(?:make|making|earn|earning)\s+(?:at\s+least\s+|over\s+|about\s+)?[$£€]?[\d,.]+k?\s+(?:a|per)\s+(?:month|week|day)\b",
        r"\bquick\s+(?:results|money|wins?|return)\b",
        r"\b(?:booked|bookings?|clients?|sales?|jobs|leads|results|income|money|profit|returns?)\s+(?:jobs\s+)?"
        r"within\s+(?:the\s+)?(?:first\s+)?(?:a|one|two|three|\d+|few)\s+(?:weeks?|days?|months?)\b",
    ),
    "restore_previous_state": (
        r"\bbring\s+(?:back|(?:it|them|the|my|our|that|this)\s+(?:\w+\s+){0,3}back\b(?!\s+in\b))",
        r"\b(?:switch|change|go|put\s+(?:it|them|everything))\s+back\b",
        r"\bthe\s+(?:old|previous|original|classic|former)\s+(?:\w+\s+)?(?:dashboard|price|pricing|plan|version|layout|"
        r"design|greeting|view|interface|app|feature|number|settings?|rate|deal|tariff|look|shuffle)\b",
        r"\b(?:how|the way)\s+it\s+(?:was|used to be)\b",
        r"(?<!can\s)(?<!could\s)\b(?:get|have|restore|recover|retrieve)\s+(?:it|them|my (?!money|cash|deposit)\w+|the \w+|"
        r"everything|all)\s+"
        r"(?:\w+\s+)?back\b",
        r"\bundo\b|\brevert\s+(?:it|this|that|them|back|to)\b|\b(?:restor|reinstat)(?:e|ed|ing)\b",
        r"\b(?:recover|retrieve)\s+(?:it|them|my|our|the|her|his|deleted|lost)\b",
        r"\bused\s+to\s+(?:have|be able|get|pay)\b",
        r"\b(?:go|get|come|switch|change|revert)\s+back\s+to\s+(?:the|my|our|how|what|normal|before)\b|"
        r"\b(?:turn|switch|put)\s+(?:it|them|that|this|\w+)\s+back\s+on\b",
        r"\bkeep\s+(?:the|my|our)\s+(?:\w+\s+){0,4}(?:we|i)(?:'ve| have)\s+(?:been\s+)?(?:using|paying|had)\b",
        r"\bgrandfather(?:ed|ing)?\b",
    ),
    "special_exception": (
        r"\bmake\s+(?:an?\s+)?exception\b",
        r"\b(?:refund\s+)?(?:window|deadline|cut-?off|period)\s+(?:has\s+)?(?:closed|ended|expired|passed|run\s+out)\b",
        r"\brefund\b[^.?!]{0,80}\b(?:and|plus|as\s+well\s+as)\b[^.?!]{0,60}\breplacement\b",
        r"\b(?:past|after|outside|beyond|missed)\s+(?:the\s+|your\s+|my\s+)?(?:[\w-]+\s+){0,3}(?:window|deadline|"
        r"cut-?off|period)\b",
        # "I know the T&Cs say places aren't transferable, but ..."
        r"\bi\s+(?:know|realise|realize|understand|appreciate|am\s+aware|'m\s+aware)\b[^.?!]{0,80}\b(?:non-?refundable|"
        r"non-?transferable|(?:not|aren't|isn't)\s+(?:transferable|refundable|normal|usual|standard|allowed)|expir\w+|"
        r"T&Cs|terms\s+and\s+conditions|policy|rules?|deadline|window|cooling-off)",
        r"\bexpir(?:ed|y)\b[\s\S]{0,300}?\b(?:extend|honou?r)\b",
        # a price match asked for: "Match it and I'll stay", "could you match their quote?"
        r"(?:^|[.!?]\s+|\b(?:can|could|would|will)\s+you\s+|\bplease\s+)match\s+(?:it|that|this|the\s+price|"
        r"their\s+(?:price|quote|offer))\b",
        r"\bstill\s+(?:honou?r|get|have|apply|use)\b[^.?!]{0,40}\b(?:price|discount|offer|deal|rate|code)\b",
        r"\bearly[- ]bird\b[^.?!]{0,60}\b(?:ended|expired|closed|missed|over|still)\b",
        r"\btransfer\s+(?:my|the|this)\s+(?:course|subscription|place|seat|membership|ticket|licen[cs]e)\s+to\b",
        r"\btransfer\s+(?:it|them)\s+to\s+(?:her|him|my|a\s+friend|someone|somebody|another)\b",
        r"\bjust\s+this\s+once\b|\bbend\s+the\s+rules?\b",
        r"\b(?:refund|money back)\s+and\s+(?:a\s+)?(?:replacement|new one|keep)\b",
        r"\bwaive\b",
    ),
    "free_work": (
        r"\bon\s+the\s+house\b",
        r"\b(?:could|can|would|will)\s+(?:you|your team)\b[^.?!\n]{0,100}\b(?:for\s+free|free\s+of\s+charge|"
        r"at\s+no\s+(?:extra\s+)?(?:cost|charge)|without\s+(?:extra\s+)?charg\w*|no\s+extra\s+charge)\b",
        r"\b(?:for\s+free|free\s+of\s+charge|at\s+no\s+(?:extra\s+)?(?:cost|charge))\b[^.!\n]{0,60}\?",
        r"\b(?:on|under)\s+(?:the|my|our)\s+(?:\w+\s+)?(?:care|maintenance|support|hosting|retainer)\s+"
        r"(?:plan|package|contract|agreement)\b",
        r"\b(?:only|just)\s+(?:be\s+|take\s+)?(?:a\s+few|a\s+couple\s+of|an?|one|two|\d+)\s+(?:minutes?|mins?|hours?)(?:'s?)?"
        r"\s+(?:work|job)\b|\bshouldn'?t\s+(?:be|take)\s+(?:much|long)\s+(?:work|time)\b|\bat\s+the\s+same\s+price\b",
        r"\b(?:falls?|comes?|counts?)\s+under\s+(?:the|my|our|that|this|it)\b",
        r"\b(?:i'?m\s+assuming|i\s+assume|i\s+thought|surely|presumably)\s+(?:this|that|it|these|they)(?:'s|\s+is|\s+are|"
        r"\s+would\s+be|\s+will\s+be|\s+falls?|\s+comes?)\s+(?:\w+\s+)?(?:included|covered|under|part\s+of|free)\b",
        r"\bthrow\s+(?:it\s+)?in\b",
        r"\b(?:since|as|seeing\s+as|given\s+that)\s+(?:i|we)(?:'ve|'re|'m| have| are| am)?\s+(?:already\s+)?(?:paid|bought|"
        r"purchased|on|clients|customers|paying|an?\s+(?:client|customer))\b[^.?!]{0,80}\b(?:could|can|would)\s+you\s+"
        r"(?:also|just)\b|\b(?:could|can|would)\s+you\s+(?:also|just)\b[^.?!]{0,100}\b(?:since|seeing\s+as|given\s+that)\s+"
        r"(?:i|we)(?:'ve|'re|'m| have| are| am)?\s+(?:already\s+)?(?:paid|on|clients|customers|paying|an?\s+(?:client|customer))\b",
    ),
    "partnership_pitch": (
        r"\bin\s+exchange\s+(?:for|we|i)\b|\bin\s+return\s+(?:i|we)(?:'ll| will| can| could)\b",
        r"\b(?:you\s+give\s+(?:me|us)|give\s+(?:me|us)\s+(?:a\s+)?free)\b[^.?!]{0,100}\b(?:and|then)\s+(?:i|we)(?:'ll| will| can)\s+"
        r"(?:feature|post|promote|share|mention|review|shout|tag|film|include)\b",
        r"\b(?:exposure|shout-?out|collab(?:oration)?|partnership|partner\s+with|sponsor(?:ship)?|affiliate\s+deal)\b",
        r"\b(?:my|our)\s+(?:\d+k?\s+)?(?:audience|followers|subscribers|podcast|channel|community|newsletter|listeners)\b",
        r"\b\d+(?:[.,]\d+)?k?\+?\s+(?:followers|subscribers|members|listeners|downloads|readers|views)\b",
        r"\bin\s+return\s+(?:is|for)\b",
        r"\b(?:feature|promote|review|mention)\s+(?:you|your\s+\w+)\s+(?:on|in|to)\s+(?:my|our)\b",
    ),
}

FLAG_PATTERNS: dict[str, tuple[str, ...]] = {
    "churn_threat": (
        r"\bcancel(?:l?ing|l?ed)?\s+(?:my|our|the|this)?\s*(?:subscription|account|membership|contract|plan|service|"
        r"order|direct debit|line|broadband|policy)\b",
        r"\b(?:i(?:'ll| will| am going to|'m going to| might| may)|we(?:'ll| will))\s+(?:be\s+|have\s+to\s+|need\s+to\s+)?"
        r"(?:cancel|leav(?!e\s+it\s+(?:with|to)\s+you)|switch|mov(?:e|ing)\s+(?:us|my|our|to|elsewhere))\w*",
        r"\b(?:switch(?:ing)?|mov(?:e|ing)|go(?:ing)?)\s+(?:us|me|our\s+\w+|my\s+\w+)?\s*(?:over\s+)?to\s+"
        r"(?:another|a different|a competitor|one of your competitors|someone else)\b",
        r"\b(?:to|with)\s+(?:one of\s+)?your\s+competitors?\b",
        r"\b(?:take|taking)\s+(?:my|our)\s+(?:business|number|money|custom)\s+(?:somewhere|elsewhere)\b",
        r"\bi(?:'m| am)\s+(?:now\s+)?(?:switching|leaving|cancell?ing|going\s+elsewhere|done\s+with\s+you)\b",
        r"\b(?:never|won'?t\s+be|will\s+not\s+be|not\s+going\s+to\s+be)\s+(?:using|buying|ordering|shopping|flying|booking|"
        r"dealing|coming|renewing|recommending)\b[^.?!]{0,30}\bagain\b",
        r"\b(?:consider\s+this|this\s+is|take\s+this\s+as)\s+(?:my|our)\s+(?:notice|cancellation)\b",
        r"\b(?:stopp?(?:ed|ing)?|cancel\w*)\s+(?:the|my|our)\s+direct\s+debit\b|\bport(?:ing)?\s+(?:my|our)\s+numbers?\b",
        r"\b(?:end|terminate)\s+(?:my|our|the)\s+(?:policy|contract|account|subscription|membership|plan|tenancy)\b|"
        r"\b(?:policy|contract|subscription|membership|plan|tenancy|cover)\s+(?:can|should|will|to)\s+end\b",
        r"\b(?:moved|switched|taken|transferred)\s+(?:my|our)\s+(?:\w+\s+){0,4}(?:to|over\s+to)\s+(?:another|a\s+different|a\s+new)\b",
        r"\b(?:thinking|considering|planning)\s+(?:of\s+|about\s+)?(?:cancell?ing|leaving|switching|closing|moving)\b",
        r"^cancell?ed\b|\blos(?:e|ing|t)\s+(?:a|another|me\s+as\s+a|your)\s+(?:\w+\s+)?customer\b",
        r"\b(?:my|our)\s+last\s+(?:month|year|order|payment|week|bill)\s+with\s+you\b|"
        r"\bfound\s+(?:someone|somewhere|a\s+\w+|another\s+\w+)\s+(?:cheaper|better)\b|"
        r"\b(?:i|we)(?:'ve| have)\s+(?:just\s+|now\s+)?(?:closed|ended|terminated)\s+(?:my|our|the)\s+(?:account|subscription|"
        r"contract|membership|plan)\b|"
        r"\bnot\s+(?:be\s+)?renewing\b|\b(?:look|looking)\s+(?:at|for|into)\s+alternatives\b",
        r"\bfind\s+(?:another|a\s+new|a\s+different)\s+(?:provider|company|supplier|insurer|bank|host|agency|platform)\b",
        r"\b(?:look(?:ing)?|shop(?:ping)?)\s+(?:at|around for|for)\s+(?:other|another|different)\s+"
        r"(?:providers?|options|companies|suppliers|services|platforms)\b",
        r"\b(?:won'?t|will not|not going to|don'?t plan to)\s+(?:be\s+)?renew",
        r"\b(?:i|we)(?:'ve| have)?\s+(?:just\s+|now\s+|already\s+)?cancel(?:l)?ed\b",
        r"\bclos(?:e|ing)\s+(?:my|our)\s+account\b",
        r"\bunless\b[^.?!]{0,80}\b(?:cancel|leave|switch)\w*",
        r"\b(?:cancel|leave|switch)\w*\s+(?:at the end of|unless|if)\b",
    ),
    "abuse": (
        r"\b(?:idiots?|morons?|clowns?|imbeciles?|losers?|drones?|scum|muppets?|cretins?|halfwits?|numpties?|"
        r"dimwits?|bastards?|bitch(?:es)?|assholes?|arseholes?|dickheads?|jerks?|thieves|crooks|scammers|"
        r"fraudsters?|liars?|con artists?|cowboys?|amateurs|jokers?|parrots|monkeys|pricks?|twats?|wankers?|"
        r"tossers?|knobheads?)\b",
        r"\b(?:call|calling)\s+(?:your|you)\s+(?:\w+\s+){0,2}(?:clueless|useless|incompetent|idiots|morons|clowns|amateurs)\b",
        r"\b(?:someone|somebody|anyone)\s+with\s+(?:an?\s+)?(?:actual\s+|working\s+|functioning\s+)?brain\b",
        r"\b(?:you|you're|you are|your staff|your team|your agents|you lot|you people|you guys)\s+(?:are\s+)?"
        r"(?:so\s+|completely\s+|totally\s+|absolutely\s+|all\s+)?(?:useless|pathetic|incompetent|stupid|brainless|"
        r"clueless|worthless|morons|idiots|a joke|liars|thieves|crooks|a disgrace)\b",
        r"\b(?:brainless|useless|pathetic|incompetent|stupid|lazy|clueless)\s+(?:\w+\s+)?(?:people|staff|agents?|"
        r"scripts?|bots?|employees|company|idiots|losers|clowns|monkeys|drones|morons|team|woman|man|girl|boy)\b",
        r"\b(?:f+u+c*k+|screw|damn)\s+(?:you|off|your company|this company)\b|\bgo\s+to\s+hell\b|\bshut\s+up\b",
        r"\b(?:i(?:'ll| will)|gonna)\s+(?:find|hurt|kill|come (?:down|round) (?:there|to your))\b",
        r"\bwatch\s+your\s+back\b",
    ),
    "urgency": (
        r"\b(?:site|website|shop|store|server|system|service|business|app|checkout|payments?)\s+(?:is|are|has been|"
        r"went|has gone|keeps going)\s+(?:completely\s+)?(?:down|offline|broken)\b",
        r"\b(?:can'?t|cannot|unable to)\s+(?:take|process|accept|run)\s+(?:any\s+)?(?:payments|orders|payroll|bookings|"
        r"sales)\b",
        rf"\b(?:wedding|funeral|launch|payroll|interview|application|exam|flight|event|surgery|operation|deadline|"
        rf"appointment|move|closing|presentation|conference|trip|party|hearing)\b[^.?!]{{0,80}}{SOON}",
        rf"{SOON}[^.?!]{{0,80}}\b(?:wedding|funeral|launch|payroll|interview|application|exam|flight|event|"
        rf"surgery|deadline|appointment|presentation|conference|trip|hearing)\b",
        r"\b(?:urgent(?:ly)?|emergency|asap|critical)\b[^.?!]{0,80}\b(?:down|broken|lost|stuck|need|deadline|today|"
        r"tomorrow|locked)\b",
        r"\b(?:elderly|disabled|vulnerable|sick|ill|pregnant|carer|medical)\b[^.?!]{0,80}\b(?:no|without)\s+"
        r"(?:phone|line|landline|internet|heating|power|signal)\b",
        rf"\b(?:fix|sort|resolve|refund|restore|deliver)\w*\s+(?:it|this|that|my \w+)?\s*{SOON}\b",
        rf"\b(?:or|otherwise)\s+(?:i(?:'m| am|'ll| will))\b[^.?!]{{0,40}}\b(?:today|tomorrow|{DAYS})\b",
        r"\bby\s+(?:close of business|end of (?:day|business)|eod|cob)\b",
        rf"\b(?:by|before)\s+(?:this\s+|next\s+)?(?:{DAYS}|tomorrow|tonight|the\s+\d{{1,2}}(?:st|nd|rd|th)?|end\s+of\s+(?:the\s+)?"
        rf"(?:day|week))\b[^.?!]{{0,60}}\bor\b",
        r"\b(?:now|today|immediately|right\s+away),?\s+not\s+(?:tomorrow|monday|next\s+week|later|on\s+monday)\b",
        r"\b(?:essential|critical|vital|crucial|imperative)\s+that\b",
        r"\b(?:landline|phone|line|alarm|pendant|heating|boiler|power|electricity|water|oxygen)\s+(?:has\s+been|is|went|has\s+gone)\s+"
        r"(?:completely\s+)?(?:dead|down|off|cut\s+off|not\s+working)\b",
        rf"\b(?:send|get)\s+(?:an?\s+|the\s+)?(?:engineer|technician|someone|somebody|driver|plumber)\b[^.?!]{{0,60}}{SOON}",
        rf"\b(?:need|needs|require|must\s+have|want|expect)\b[^.?!]{{0,80}}\bby\s+(?:\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:am|pm)\s+)?"
        rf"(?:{DAYS}|tomorrow|tonight|today|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week|today)|close|eod|cob)\b",
        # ultimatums: a date and what happens after it, in either order
        rf"\b{DEADLINE}\b[^.?!]{{0,60}}\b(?:or|otherwise|after\s+which|if\s+not|else)\b[^.?!]{{0,20}}\b{CONSEQUENCE}|"
        rf"\b(?:if|unless)\b[^.?!]{{0,80}}\b{DEADLINE}\b[^.?!]{{0,40}}\b{CONSEQUENCE}|"
        rf"\b{CONSEQUENCE}[^.?!]{{0,80}}\b(?:if|unless)\b[^.?!]{{0,60}}\b{DEADLINE}\b|"
        r"\b(?:giving|give)\s+you\s+(?:until|till)\b",
        # the customer moves, travels or starts something within days
        rf"\b(?:we|i)(?:'re|\s+are|\s+am|'m)?\s+(?:mov(?:e|ing)|fly(?:ing)?|leav(?:e|ing)|travel(?:l?ing)?|go(?:ing)?\s+away|"
        rf"arriv(?:e|ing))\s+(?:on\s+|this\s+|next\s+)?(?:{DAYS}|tomorrow|tonight)\b",
        rf"\b(?:starts?|begins?|is)\s+(?:this\s+(?:{DAYS}|weekend)|tomorrow|tonight)\b",
        rf"\b(?:need|needs|needed)\b[^.?!]{{0,80}}\b(?:on|this|next)\s+{DAYS}\b",
        r"\b(?:want|need|expect)\b[^.?!]{0,80}\b(?:today|tonight|right\s+now)\s*(?:[.!?\n]|$)",
        r"(?:^|(?<=[.!?\n]))\s*(?:please\s+)?(?:unlock|send|fix|sort|refund|restore|deliver|reconnect|get|cancel|replace)\b"
        r"[^.?!]{0,80}\b(?:today|tonight|tomorrow)\b",
        r"\b(?:customers|clients|users|people)\s+(?:can'?t|cannot|are\s+unable\s+to)\s+(?:connect|order|book|pay|access|"
        r"log\s*in|buy|check\s*out)\b",
        rf"\b(?:rent|mortgage|bills?|payroll|wages|pension)\s+(?:is\s+|are\s+)?(?:due|goes\s+out|go\s+out|comes\s+out|come\s+out)\s+"
        rf"(?:on\s+)?(?:{DAYS}|tomorrow|today|tonight|this\s+week)\b",
        r"\blosing\s+(?:a\s+day'?s\s+)?(?:pay|money|income|wages|sales|customers|orders|business|bookings)\b",
    ),
    "repeat_contact": (
        r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|umpteenth|nth|\d+(?:st|nd|rd|th))\s+(?:\w+\s+)?"
        r"(?:email|message|call|attempt|request|complaint|letter|chat|ticket)\b",
        r"\b(?:second|third|fourth|fifth|umpteenth|nth)\s+time\s+(?:i|we)(?:'ve| have)?\s+(?:\w+\s+)?"
        r"(?:contact|writ|wrote|email|call|rang|ask|report|rais|chas|messag|complain|been in touch|tried)\w*",
        r"\b(?:this|that)\s+is\s+(?:my|the|now\s+the)\s+(?:second|third|fourth|fifth|umpteenth|nth)\s+time\b",
        r"\bevery\s+time\s+(?:i|we)\s+(?:call|ring|phone|email|write|contact|chat|ask|message)\b",
        r"\b(?:your\s+(?:team|agent|colleague|staff|support|rep|representative)|someone|somebody)\s+(?:\w+\s+){0,3}"
        r"(?:emailed|told me|told us|promised|confirmed|assured me|assured us|said (?:it|the|my|they|you) would)\b",
        r"\byou\s+(?:emailed|told me|told us|confirmed|assured me|assured us)\b",
        r"\b(?:i|we)(?:'ve| have)?\s+(?:already|previously|repeatedly)\s+(?:\w+\s+)?(?:contacted|emailed|called|"
        r"written|wrote|reported|told|asked|raised|spoken|messaged|chased|complained|explained|sent)\b",
        r"\b(?:already|previously)\s+(?:contacted|emailed|called|written to|told|asked|messaged)\s+(?:you|your)\b",
        r"\b(?:i|we)\s+(?:wrote|emailed|called|rang|messaged|contacted|reported|raised|complained|sent|send|"
        r"spoke|talked|chatted)\b[^.?!]{0,40}"
        r"\b(?:last|on|yesterday|ago|before|earlier|previously|twice|again)\b",
        r"\b(?:ticket|case|complaint)\s*(?:#|no\.?|number|ref(?:erence)?|id)?\s*:?\s*#?[A-Z]{0,4}[-/]?\d{3,}\b",
        r"\bstill\s+waiting\s+(?:on|for)\s+(?:an?\s+|my\s+)?(?:answer|reply|response|update|callback|call\s+back)\b",
        r"\bmy\s+(?:email|letter|message|call|complaint)\s+(?:of|from|on|dated)\s+(?:the\s+)?\d",
        r"\bfurther\s+to\s+my\s+(?:letter|email|call|message|complaint|conversation)\b",
        r"\b(?:not|never)\s+(?:yet\s+)?(?:received|had|got)\s+(?:a|any)\s+(?:reply|response|answer)\b",
        r"\b(?:written|spoken|called|rung|emailed|contacted|phoned)\s+(?:to\s+)?(?:\w+\s+){0,3}(?:twice|(?:two|three|four|five|six|"
        r"seven|several|many|multiple|\d+)\s+times)\b",
        r"\braised\b[^.?!]{0,60}\bagain\b|\bescalate\s+my\s+(?:complaint|case|issue)\b",
        r"\bdespite\s+(?:two|three|four|several|multiple|\d+|my|repeated)\s+(?:\w+\s+)?(?:emails|calls|messages|letters|requests|"
        r"complaints|chasers)\b",
        r"\b(?:your|the)\s+(?:colleague|agent|team|advisor|adviser|rep|representative)\s+(?:replied|said|told|suggested|answered|"
        r"responded)\b",
        r"\byou\s+(?:said|told\s+me|told\s+us|promised|assured\s+me)\b[^.?!]{0,60}\b(?:on\s+the\s+phone|last\s+time|last\s+week|"
        r"in\s+your\s+(?:last\s+)?(?:email|reply|message|letter)|when\s+i\s+(?:called|rang|wrote|emailed|phoned))",
        r"\b(?:asked|told|emailed|called|contacted|chased|messaged|written to|reported)\s+(?:you|your\s+\w+|this|it|"
        r"about this)\s+(?:\w+\s+)?(?:times|twice|three times|several times|multiple times|repeatedly|already|before)\b",
        r"\b(?:asked|told|emailed|called|contacted|chased|messaged)\s+(?:you\s+)?(?:three|four|five|several|multiple|"
        r"many)\s+times\b",
        r"\b(?:again|yet again|once more)\b[^.?!]{0,20}$",
        r"\bsorry\s+to\s+(?:bother|chase|trouble)\s+you\s+again\b",
        r"\b(?:follow(?:ing)?|chas(?:e|ing))\s+up\b",
        r"\b(?:another|yet another|still no)\s+(?:automated\s+)?(?:email|reply|response|message|answer)\b",
        r"\b(?:no|never got an?|never had an?|never received an?)\s+(?:answer|reply|response)\s+(?:after|since|yet|back)\b",
        r"\b(?:still|yet)\s+(?:haven'?t|have not|no)\s+(?:heard|had|received|got)\b",
        r"\b(?:i|we)\s+(?:keep|kept)\s+(?:asking|chasing|calling|emailing|ringing|writing)\s+(?:you|your|for|about|"
        r"and)\b",
        r"\binstead\s+of\s+telling\s+me\s+to\b",
        r"\bsince\s+i\s+(?:reported|raised|complained|contacted|emailed|wrote|called|rang)\b",
        # a contact and how often: "I've reported the damp five times", "THREE TIMES I HAVE ASKED"
        rf"\b(?:i|we)(?:'ve|\s+have|\s+had)?\s+(?:\w+\s+){{0,2}}{CONTACT}\b[^.?!]{{0,60}}?\b(?:twice|(?:two|three|four|five|"
        r"six|seven|several|many|multiple|\d+)\s+times)\b",
        rf"\b(?:twice|(?:two|three|four|five|several|\d+)\s+times)\s+(?:now\s+)?(?:i|we)(?:'ve|\s+have)?\s+(?:\w+\s+)?{CONTACT}",
        # a contact and when or how: "I reported it to reception on 3 November", "by phone in the first week"
        r"\b(?:i|we)(?:'ve|\s+have|\s+had)?\s+(?:\w+\s+){0,2}(?:reported|emailed|called|rang|phoned|wrote|messaged|"
        r"contacted|raised|submitted|told|spoke|left\s+a\s+message)\b[^.?!]{0,80}\b(?:on\s+(?:the\s+)?\d|yesterday|"
        r"ago|earlier|already|previously|by\s+(?:phone|email)|on\s+the\s+phone|in\s+the\s+chat|(?:live\s+)?chat)\b",
        r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:\w+\s+)?(?:went|been|gone|go)\s+on\s+(?:your|the)\s+(?:live\s+)?chat\b",
        r"\b(?:nobody|no\s+one|no-one)\s+(?:has\s+|have\s+)?(?:ever\s+|even\s+|yet\s+)?(?:replied|responded|answered|"
        r"got\s+back|come\s+back|came\s+back)\b",
        r"\b(?:heard|had|received|got)\s+nothing\s+(?:back|since)\b|\bbut\s+nothing\s+since\b",
        r"\bfurther\s+to\s+(?:the|our)\s+(?:\w+\s+)?(?:conversation|call|email|letter|message)\b|"
        r"\bfollow[\s-]up\s+(?:call|email|message|letter)\b|\bprevious\s+(?:contacts?|emails|calls|messages|tickets)\b",
        r"\b(?:sorry|apologies)\s+(?:to|for)\s+(?:\w+\s+){0,2}again\b|\beach\s+time\s+(?:i|we)\s+(?:call|ring|phone|email|"
        r"write|contact|chat|ask|message)\b",
        r"\b(?:lady|man|guy|woman|person|girl|operator|agent)\s+(?:on\s+the\s+phone|in\s+the\s+chat|at\s+the\s+desk)\s+"
        r"(?:said|told)\b",
    ),
    "legal_threat": (
        r"\b(?:contact(?:ing)?|call(?:ing)?|speak(?:ing)?\s+to|consult(?:ing)?|hear\s+from|involv(?:e|ing)|instruct(?:ing)?|"
        r"get(?:ting)?|from|pass(?:ing)?\s+(?:this|it)\s+(?:on\s+)?to|forward(?:ing)?\s+(?:this|it)\s+to|talk(?:ing)?\s+to)\s+"
        r"(?:my|our|a)\s+(?:\w+\s+)?(?:lawyers?|attorneys?|solicitors?|barristers?|legal\s+team)\b",
        r"\b(?:my|our)\s+(?:lawyers?|attorneys?|solicitors?|legal\s+team)\s+(?:will|'ll|is going to|are going to|"
        r"would|can|has advised|have advised|is aware|knows)\b",
        r"\b(?:legal\s+action|legal\s+advice|legal\s+proceedings|take\s+(?:you|this|it|them)\s+to\s+court|"
        r"see\s+you\s+in\s+court|small\s+claims|lawsuit|tribunal)\b|\bsu(?:e|ing)\s+(?:you|your|the\s+company|them)\b",
        r"\b(?:take|taking)\s+(?:this|it)\s+(?:up\s+)?(?:to|with)\s+my\s+(?:bank|card\s+(?:issuer|provider|company))\b",
        r"\bdisput\w+\b[^.?!]{0,60}\bwith\s+my\s+(?:bank|card)\b",
        r"\b(?:regulator|ombudsman|trading\s+standards|consumer\s+(?:protection|rights|council|affairs|agency)|"
        r"ofcom|ofgem|ofwat|fca|ftc|cfpb|accc|bbb|better\s+business\s+bureau|citizens\s+advice|"
        r"data\s+protection\s+authority|ico)\b",
        r"\bcharge\s*-?backs?\b",
        r"\bdispute\s+(?:the|this|these)\s+(?:charges?|payments?|transactions?)\b",
    ),
}

SHOUT_WORD = re.compile(r"\b[A-Z][A-Z']{1,}\b")
ANY_WORD = re.compile(r"\b[A-Za-z][A-Za-z']+\b")
WORRY = re.compile(
    r"\b(?:worried|worrying|nervous|anxious|scared|afraid|panic(?:king)?|stressed|terrified|frightened|"
    r"don'?t know what to do|freaking out|losing sleep)\b",
    _I,
)
# "I'm not worried", "no need to panic", "I'm afraid we can't": the words without the worry.
_NO_WORRY_BEFORE = re.compile(r"\b(?:not|n't|no\s+need\s+to|never)\s+(?:\w+\s+)?$", _I)
_POLITE_AFRAID = re.compile(
    r"\s+(?:that\s+)?(?:i|we)\s+(?:can'?t|cannot|won'?t|don'?t|have\s+to|need\s+to)\b", _I
)


def worried(text: str) -> bool:
    """Whether ``text`` says in so many words that its writer is worried."""
    for m in WORRY.finditer(text):
        if _NO_WORRY_BEFORE.search(text[max(0, m.start() - 24) : m.start()]):
            continue
        if m.group(0).lower() == "afraid" and _POLITE_AFRAID.match(text, m.end()):
            continue
        return True
    return False


COMPILED: dict[str, list[re.Pattern[str]]] = {
    label: [re.compile(p, _I) for p in patterns]
    for label, patterns in {**EXPECTATION_PATTERNS, **FLAG_PATTERNS}.items()
}
INTENT_FOR_EXPECTATION = {
    "do_it_for_me": "do_it_for_me",
    "quick_results": "quick_results",
    "partnership_pitch": "partnership_pitch",
    "free_work": "free_work",
}
EXPECTATIONS = tuple(EXPECTATION_PATTERNS)
FLAGS = ("churn_threat", "abuse", "urgency", "shouting", "repeat_contact", "legal_threat")
NEEDS = ("information", "action", "reassurance", "acknowledgement")
EXPECTATION_AT = 0.9
INTENT_AT = 0.97


@dataclass(frozen=True, slots=True)
class Signals:
    expectations: tuple[str, ...]
    flags: tuple[str, ...]
    evidence: tuple[Evidence, ...]


ANY_FLAG: dict[str, re.Pattern[str]] = {
    label: re.compile("|".join(f"(?:{p})" for p in patterns), _I) for label, patterns in FLAG_PATTERNS.items()
}


# "I'm such an idiot", "I feel like a muppet", "he called me a liar": the insult is not aimed at staff.
_SELF_AIMED = re.compile(
    r"\b(?:i'?m|i\s+am|i\s+was|i'?ve\s+been|i\s+feel\s+like|i\s+felt\s+like|me|myself)\s+(?:\w+\s+){0,3}$"
    r"|\blike\s+an?\s+$",  # "I booked the wrong date like an idiot"
    _I,
)


def _first_match(label: str, text: str) -> Evidence | None:
    """The earliest words in ``text`` that raise a flag (all its patterns in one pass)."""
    for m in ANY_FLAG[label].finditer(text):
        if label == "abuse" and _SELF_AIMED.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        return Evidence(label=label, text=m.group(0), start=m.start(), end=m.end())
    return None


def shouting(text: str, spans: Sequence[tuple[int, int]]) -> Evidence | None:
    """A whole sentence (three words or more) in capitals; one capitalised word does not count."""
    for start, end in spans[:2000]:
        sentence = text[start:end]
        words = ANY_WORD.findall(sentence)
        if len(words) >= 3 and sum(1 for w in words if SHOUT_WORD.fullmatch(w)) >= 0.8 * len(words):
            letters = [c for c in sentence if c.isalpha()]
            if sum(c.isupper() for c in letters) >= 0.85 * len(letters):
                return Evidence(label="shouting", text=sentence, start=start, end=end)
    return None


def read_signals(text: str, spans: Sequence[tuple[int, int]], intents: Iterable[Intent]) -> Signals:
    """At most one expectation (the best evidenced: rule hits plus the matching intent's score) and every flag."""
    scanned = text[:SCAN_LIMIT]
    evidence: list[Evidence] = []
    intent_scores = {i.label: i.score for i in intents}
    scores: dict[str, float] = {}
    for label in EXPECTATIONS:
        hits = [m for m in (p.search(scanned) for p in COMPILED[label]) if m]
        if hits:
            first = min(hits, key=lambda m: m.start())
            evidence.append(Evidence(label=label, text=first.group(0), start=first.start(), end=first.end()))
        intent = intent_scores.get(INTENT_FOR_EXPECTATION.get(label, ""), 0.0)
        scores[label] = min(len(hits), 2) + (intent if intent >= INTENT_AT else 0.0)
    best = max(scores, key=scores.__getitem__)
    expectations = [best] if scores[best] >= EXPECTATION_AT else []
    evidence = [e for e in evidence if e.label in expectations]
    flags: list[str] = []
    for label in FLAG_PATTERNS:
        hit = _first_match(label, scanned)
        if hit:
            evidence.append(hit)
            flags.append(label)
    shout = shouting(scanned, spans)
    if shout:
        evidence.append(shout)
        flags.append("shouting")
    flags.sort(key=FLAGS.index)
    return Signals(tuple(expectations), tuple(flags), tuple(evidence))


REASONS = {
    "legal_threat": "mentions legal action, a regulator or a chargeback",
    "abuse": "insults or threatens staff",
    "churn_threat": "says they may cancel or leave",
    "repeat_contact": "has been in touch about this before",
    "urgency": "faces a time-critical outcome",
    "shouting": "writes whole sentences in capitals",
}


def chasing(text: str, flags: Sequence[str]) -> bool:
    """Writing again about the same thing, with a burst of ! or ? or in capitals: annoyed, however plain
    the words ("I've emailed twice!!")."""
    return "repeat_contact" in flags and ("shouting" in flags or BURST.search(text[:SCAN_LIMIT]) is not None)


def escalation(flags: Sequence[str], emotions: Emotions, sentiment: float) -> Escalation:
    reasons = [
        REASONS[f]
        for f in ("legal_threat", "abuse", "churn_threat", "repeat_contact", "urgency", "shouting")
        if f in flags
    ]
    angry = emotions.scores.get("anger", 0.0) + 0.5 * emotions.scores.get("annoyance", 0.0)
    hostile = angry + emotions.scores.get("disgust", 0.0)
    heated = hostile >= 0.6 and emotions.intensity >= 0.6 and sentiment <= -0.3
    if heated:
        reasons.append("strong anger")
    high = (
        "legal_threat" in flags
        or "abuse" in flags
        or ("churn_threat" in flags and (heated or angry >= 0.5 or "repeat_contact" in flags))
        or ("repeat_contact" in flags and "urgency" in flags)
        or len([f for f in flags if f != "shouting"]) >= 3
    )
    if high:
        return Escalation("high", tuple(reasons))
    if flags or heated:
        return Escalation("medium", tuple(reasons))
    return Escalation("low", ())


APPRECIATIVE = frozenset({"gratitude", "admiration", "approval", "joy", "love", "relief"})
UPSET = frozenset({"anger", "annoyance", "disappointment", "sadness", "grief", "disgust", "disapproval"})
ACTION_INTENTS = frozenset({"refund", "cancellation", "account_access", "bug_report", "delivery", "billing"})


def needs(
    text: str,
    asks: Sequence[Ask],
    emotions: Emotions,
    sentiment: float,
    signals: Signals,
    intents: Sequence[Intent],
) -> tuple[str, ...]:
    """What the reply must deliver, in a fixed order: information, action, reassurance, acknowledgement."""
    labels = set(emotions.labels)
    scores = {i.label: i.score for i in intents}
    flags = set(signals.flags)
    words = len(text.split())
    found: set[str] = set()
    if any(a.kind == "question" for a in asks):
        found.add("information")
    if any(a.kind == "request" for a in asks):
        found.add("action")
    if not asks and sentiment < -0.2 and any(scores.get(label, 0.0) >= 0.7 for label in ACTION_INTENTS):
        found.add("action")
    anxious = emotions.scores.get("fear", 0.0) + emotions.scores.get("nervousness", 0.0)
    angry = bool(flags & {"abuse", "shouting"})
    said = worried(text[:SCAN_LIMIT])
    denied = not said and WORRY.search(text[:SCAN_LIMIT]) is not None  # "I'm not worried, just curious"
    if not angry and (
        labels & {"fear", "nervousness"}
        or (anxious >= 0.4 and not denied)
        or said
        or "quick_results" in signals.expectations
    ):
        found.add("reassurance")
    upset = bool(labels & UPSET) and emotions.intensity >= 0.6 and sentiment <= -0.3
    if (
        not asks
        or scores.get("praise", 0.0) >= 0.7
        or (labels & APPRECIATIVE and sentiment > 0.5 and not any(a.kind == "request" for a in asks))
        or (words >= 150 and ("churn_threat" in flags or sentiment <= -0.3))
        or upset
    ):
        found.add("acknowledgement")
    return tuple(n for n in NEEDS if n in found)
