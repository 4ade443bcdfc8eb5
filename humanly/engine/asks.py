"""Asks: every question or request in a message, with offsets, and not the distractors.

Component name: ``humanly.asks.rules.v1``. A message is cut into sentences, and run-on
sentences (texting style, where a full stop is followed by a lowercase word) into their
parts. A part becomes an ask when, outside quoted speech, it carries one of the grammatical
shapes customers use to ask for things:

- a question mark, or a question without one: an auxiliary verb before its subject
  ("is there a way to stay logged in"), or a question word with its auxiliary ("when will it
  arrive", "what's the notice period");
- a modal addressed to the company ("could you", "can someone", "would you mind") or asking
  leave ("can I move my appointment");
- an imperative: an action verb opening the clause, "please" + anything, "let me know";
- a want stated about the company's side: "I'd like / I need / I expect / I want" + an object
  or + "to know", "what I need is ...", "I'm after / looking for" + an object, "it needs fixing";
- a polite frame: "I'd be grateful if/for", "would appreciate", "if ..., that would be ideal",
  "it would help if", "any chance ...", "I was thinking you could ...";
- an indirect question: "wondering / curious / keen to know whether ...", "my mum is asking
  whether ...", "I'd also want to know ...", "I must ask that ...";
- an item of a list introduced by a line that asks ("A few questions:", "Here's what we need:").

Rhetorical questions (sarcasm, self-answered or echo questions, inner monologue), quoted
speech, threats about what the customer will do, pleas for a fast reply, offers of more
information and wishes with no action are left out.
"""

from __future__ import annotations

import re

from humanly.engine.types import Ask, AskKind

MAX_ASKS = 50
SCAN_LIMIT = 200_000

_I = re.IGNORECASE

# ------------------------------------------------------------------------------------------
# Vocabulary
# ------------------------------------------------------------------------------------------

ACTION_VERBS = (
    "refund|cancel|send|resend|fix|repair|reissue|issue|change|switch|remove|delete|add|reset|restore|"
    "reinstate|honou?r|extend|waive|upgrade|downgrade|transfer|replace|credit|unlock|reactivate|activate|"
    "close|stop|pause|resume|sort|look|check|escalate|update|correct|call|ring|contact|arrange|book|"
    "reschedule|return|give|get|let|make|move|put|take|process|approve|confirm|release|help|"
    "unsubscribe|exchange|investigate|speak|talk|bring|ship|deliver|collect|pick|waiver|match|apply|"
    "recover|retrieve|undo|revert|re-?send|re-?open|reopen|merge|split|install|set|email|e-mail|text|phone|notify|"
    "inform|show|ensure|verify|review|reconsider|expedite|prioriti[sz]e|compensate|reimburse|repay|pay|"
    "walk me through|hurry|chase|mail|post|dispatch|print|sign|upload|attach|share|open|void|cover|"
    "consider|proceed|assign|rebook|remind|redeliver|re-deliver|reverse|pass|freeze|unfreeze|unblock|"
    "reduce|increase|lower|swap|point|amend|regenerate|rerun|re-run|provide|forward|find|"
    "deactivate|terminate|allow|permit|offer|double-check"
)
"""Verbs for what a customer asks a company to do."""

MODAL_ACTION_VERBS = (
    rf"(?:{ACTION_VERBS}|pop|come|drop|hold|keep|visit|fit|clean|tune|knock|do|have|run|build|write)"
)
"""After "could you" / "can someone" even everyday verbs ask for an action ("pop round")."""

STRONG_VERBS = (
    "unlock|unblock|reinstate|reissue|resend|re-send|waive|expedite|escalate|reimburse|void|freeze|"
    "unfreeze|reactivate|deactivate|reschedule|rebook|redeliver|send|give|tell|explain|arrange|ensure|"
    "fix|stop|remove|delete|reset|restore|replace|investigate|refund|cancel"
)
"""Action verbs that, opening a sentence, read as imperatives whatever follows them
("Unlock handset 3569...", "SEND SOMEONE TOMORROW"), unless a verb follows (a noun use:
"Refund still hasn't arrived")."""

INFO_VERBS = r"(?:tell|explain|let me know|clarify|advise|confirm whether|confirm if|show me how|point me)"

ADVERBS = (
    r"(?:(?:also|really|just|still|now|therefore|then|actually|honestly|genuinely|truly|much|greatly|"
    r"very|so|simply|only|urgently|definitely|certainly|kindly|ideally|personally|frankly|obviously|"
    r"at\s+least|at\s+this\s+point|of\s+course|please)\s+){0,3}"
)
"""Up to three adverbs between a subject or modal and its verb ("I'd also really like ...")."""

OBJECT = (
    r"(?:a|an|the|my|our|this|that(?!'s)|some|any|your|him|her|his|their|you(?!'d|\s+would)|"
    r"someone|somebody|everything|all|each|both|every|full|written|proper|confirmation|clarification|help|"
    r"proof|details|answers?|reassurance|guidance|advice|access|free|more|new|extra|[£$€\d]|"
    r"(?:it|them)(?=\s+(?:by|before|today|tomorrow|asap|sent|fixed|done|sorted|resolved|replaced|refunded|"
    r"regenerated|cancell?ed|changed|corrected)\b))"
)
"""What a want can be directed at: a noun phrase, a pronoun or an amount ("I need it" only with
what is to be done to it or when: "I need it by Friday", "I want them refunded")."""

KNOW_VERBS = r"(?:know|understand|find\s+out|learn|see\s+(?:whether|if|how|what|when|why|where))"

WANT_VERBS = (
    r"(?:get|have|receive|request|cancel|change|switch|book|arrange|speak|talk|return|upgrade|"
    r"downgrade|transfer|order|buy|pay|move|keep|add|remove|see|reduce|increase|end|extend|swap|"
    r"confirm|reschedule|pause|freeze|claim|exchange|discuss)"
)
"""What a customer may want 'to do' that needs the company to act ("I want to cancel")."""

NOT_WANTED = (
    r"(?:to\s+(?:say|thank|add|mention|share|point\s+out|stress|start|begin|express|take\s+this|"
    r"note|register|highlight|remind|praise|congratulate|compliment|commend|acknowledge|apologi[sz]e|"
    r"believe|think|hope|stay|assume|feel)\b|(?:you|everyone|people|someone|somebody)\s+to\s+know\b|"
    r"it\s+to\s+(?:feel|be|look|seem|go|work)\b)"
)
"""Wants that ask nothing: thanks, compliments, feelings ("I'd like to say ...",
"I want you to know ...", "I'd like it to feel different")."""

WE = r"(?:i|we)"
WOULD = r"(?:'d|\s+would|\s+should)"

# ------------------------------------------------------------------------------------------
# Questions
# ------------------------------------------------------------------------------------------

AUX = r"(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|may|might|have|has|am)"
SUBJECT = (
    r"(?:you|u|i|we|it|there|the|my|this|that|they|he|she|your|our|these|those|any|anyone|anybody|"
    r"someone|somebody|one|his|her|their)"
)
BARE_QUESTION = re.compile(
    r"^(?:and\s+|also\s+|so\s+|but\s+|or\s+|then\s+|plus\s+)?(?:"
    rf"{AUX}(?:n't)?\s+{SUBJECT}\b|"
    r"(?:how|what)\s+(?:much|many|long|soon|fast|often|time|day|date|size|colour|color|kind|sort|type)\b|"
    rf"(?:who|what|when|where|why|how|which)(?:'s|'re|'ll|s)?\s+(?:\w+\s+){{0,2}}{AUX}\b|"
    r"(?:who|what|when|where|why|how|which)(?:'s|'re|'ll)\b|"
    r"(?:how|where|what|who|when)\s+to\b)",
    _I,
)
"""A question without its question mark: an auxiliary before its subject, or a question word
with an auxiliary. A question word right before a subject ("When I called, ...") opens a
subordinate clause instead, and is left alone."""

WH_STATEMENT = re.compile(r"^(?:where|what|when|why|how)\s+(?:is|are|was)\s+(?:my|our|the)\b", _I)
LIST_MARK = re.compile(r"^(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[-*•·–])\s+", _I)

INDIRECT_QUESTION = re.compile(
    # wondering / curious / keen to know whether ...
    r"\b(?:i\s+(?:was|am|'m)\s+wondering|i\s+wonder|wondering|curious|intrigued)\s*,?\s+"
    r"(?:whether|if|how|what|when|why|where|who|which)\b|"
    r"\b(?:keen|eager|curious|interested|dying|wanting)\s+to\s+(?:hear|know|understand|find\s+out|learn)\b|"
    # I'd like / I want / I'll need / would love ... to know
    rf"(?:^|\b{WE}{WOULD}?\s+|\b{WE}'ll\s+|\b{WE}\s+will\s+|\bwould\s+){ADVERBS}(?:like|love|want|need)\s+"
    rf"(?:to\s+)?(?:{KNOW_VERBS})\b|"
    r"\bwaiting\s+to\s+hear\s+(?:whether|if|when|back)\b|"
    rf"\b{WE}{WOULD}\s+{ADVERBS}be\s+(?:\w+\s+)?(?:grateful|thankful|glad|obliged)\s+to\s+(?:know|hear|learn)\b|"
    # someone else asks: "my mum is asking whether", "Claire has asked whether", "the band want to know"
    r"\b(?:is|are|was|were|'s|'re)\s+(?:also\s+)?(?:asking|wondering)\s+(?:me\s+)?(?:whether|if|how|what|when|where|why|who|which)\b|"
    r"\b(?:has|have|'s|'ve)\s+(?:also\s+)?asked\s+(?:me\s+|us\s+)?(?:whether|if|how|what|when|where|why|who|which)\b|"
    r"\bwants?\s+to\s+know\b|"
    # asking to ask
    r"\b(?:want|wanted|like|prefer|need|have|wish)\s+to\s+(?:also\s+)?ask\s+(?:you\s+)?(?:\w+\s+)?(?:if|whether|how|what|when|why|where|who|about)\b|"
    # could you tell me / please advise / tell me / let me know
    r"\b(?:can|could|would)\s+you\s+(?:please\s+)?(?:tell|explain|let\s+(?:me|us)\s+know|clarify|advise|confirm)|"
    r"\b(?:please|pls|kindly)\s+(?:also\s+|just\s+)?(?:tell|explain|let\s+(?:me|us)\s+know|clarify|advise|confirm|inform)|"
    r"^(?:tell|explain)\s+(?:me|us|what|why|how)|"
    r"\b(?:let\s+(?:me|us)\s+know|lmk)\b|"
    r"^any\s+(?:news|update|updates|idea|ideas|word|progress|eta)\b|"
    r"\b(?:my|the|one|our)\s+(?:main\s+|real\s+|actual\s+|only\s+|other\s+)?question\s+is\b|"
    r"\bi(?:'m| am)\s+writing\s+to\s+(?:enquire|inquire|find out|check|ask whether|ask if|ask how|ask what)\b|"
    r"\bjust\s+checking\s+(?:whether|if|that|on)\b|\bdo\s+you\s+happen\s+to\s+know\b",
    _I,
)
"""Questions asked as statements."""

# ------------------------------------------------------------------------------------------
# Requests
# ------------------------------------------------------------------------------------------

MODAL_YOU = re.compile(
    r"\b(?:can|could|would|will|might)\s+(?:you|u|someone|somebody|anyone|your team|one of you|one of your \w+)\b",
    _I,
)
MODAL_I = re.compile(
    r"^(?:and\s+|also\s+|so\s+|but\s+)?(?:can|could|may|might)\s+(?:i|we)\s+(?:please\s+|at least\s+|just\s+)?"
    r"(?:have|get|switch|change|cancel|transfer|move|pay|use|keep|return|upgrade|downgrade|receive|"
    r"swap|extend|pause|go back|revert|add|remove|book|reschedule|speak|talk|freeze|end|ask|bring|collect)\b",
    _I,
)
CHANCE = re.compile(
    r"\bis there (?:any|a|some)\s+(?:chance|way|possibility|option|hope)\b|"
    r"\bany\s+(?:chance|way|possibility|hope)\s+(?:at\s+all\s+)?(?:to|of|you|that|someone|somebody|your|i|we|this|it)\b",
    _I,
)
NEGATED_CHANCE = re.compile(
    r"\b(?:can't|cannot|couldn't|don't|didn't|doesn't|no|not|without|never|isn't|wasn't)\s+(?:\w+\s+){0,3}any\s+(?:chance|way)\b",
    _I,
)
"""'I can't see any way to contact you' is a complaint, not 'any way to ...?'."""

IMPERATIVE_START = re.compile(
    rf"^(?:please\s+|pls\s+|plz\s+|kindly\s+|just\s+|now\s+|so\s+|then\s+)*(?:"
    rf"(?:{ACTION_VERBS}|tell|explain|advise|clarify)\b"
    r"(?=\s+(?:me|my|it|the|this|that|these|those|us|our|a|an|them|your|all|everything|him|her|back|out|up|down|in|on|"
    r"off|over|why|what|how|when|where|whether|if|to|for|someone|somebody|anyone|any|some|both|each|every|its|"
    r"their|his|[£$€\d])\b|\s*[.!]?$)|"
    rf"(?:{STRONG_VERBS})\b(?!\s+(?:is|was|has|had|are|were|isn't|wasn't|hasn't|didn't|doesn't|did|does|"
    r"still|not|never|yet|now|of|button|link|request|option|feature|form|date|policy|status|\w+ed)\b))",
    _I,
)
"""An action verb opening the sentence ("Cancel my subscription", "Unlock handset ...")."""

IMPERATIVE_AFTER_IF = re.compile(
    rf"\bif\b[^.?!]{{0,160}}?,\s*(?:then\s+)?(?:please\s+)?(?:just\s+)?(?:{ACTION_VERBS}|tell)\s+"
    r"(?!me\s+(?:explain|say|be)\b)(?:me|my|it|the|this|that|these|those|us|our|a|an|them|your|all|him|her|"
    r"someone|somebody)\b",
    _I,
)
"""An imperative after a condition: "If the answer is no, then cancel the sweatshirts"."""

PLEASE = re.compile(
    r"(?<!\bto\s)\b(?:please|pls|plz)\b(?!\s+(?:note|find|see\s+attached|be\s+(?:aware|advised|informed)|"
    r"excuse|forgive|bear\s+with|understand|don'?t\s+hesitate|do\s+not\s+hesitate|accept\s+(?:my|our)|"
    r"ignore|don'?t\s+(?:get\s+me\s+wrong|take\s+this)|reply|respond|answer|revert|get\s+back|write\s+back|"
    r"come\s+back)\b)\s*\w|\bplease\W*$|"
    rf"(?:^|[,;:]\s*|\band\s+|\bso\s+)kindly\s+(?:\w+\s+){{0,2}}(?:{ACTION_VERBS}|do)\b",
    _I,
)
"""'please' with something after it asks for that something, bar the set phrases; 'kindly' only
where it opens a clause ("Kindly reissue the invoice", not "my son has kindly set it up")."""

WANT = re.compile(
    # I'd like / I should like / we'd love / I'd want / I'd appreciate + object or + to do
    rf"\b{WE}{WOULD}\s+{ADVERBS}(?:like|love|prefer|want|appreciate|need)\s+(?:that\s+(?=(?:you|someone|somebody)\b))?"
    rf"(?!{NOT_WANTED})"
    rf"(?:to\s+{WANT_VERBS}|{OBJECT}|you\s+to|someone\s+to|somebody\s+to)\b|"
    # I want / we need / I expect / I'll need + object
    rf"\b{WE}(?:'ll|\s+will|\s+do)?\s+{ADVERBS}(?:want|need|expect|require|demand|insist\s+on)\s+(?:please\s+)?"
    rf"(?:that\s+(?=(?:you|someone|somebody)\b))?(?!{NOT_WANTED})(?:to\s+(?:{WANT_VERBS})\b|{OBJECT}\b)|"
    # What I need is ..., what I'd like is for ...
    rf"\bwhat\s+{WE}{WOULD}?\s+{ADVERBS}(?:like|want|need|expect|am\s+asking\s+for|'m\s+asking\s+for)\s+is\s+"
    r"(?:a|an|the|my|our|for|to|that|some|simple|this|either|just|someone|somebody|you)\b|"
    # subjectless: "Would appreciate a copy", "Need a VAT receipt"
    r"^(?:i'd\s+|i\s+would\s+|would\s+)?(?:really\s+|much\s+|also\s+)?appreciate\s+(?:a|an|your|some|any|it\s+if|if|help)\b|"
    r"^(?:i\s+)?need\s+(?:a|an|the|my|help|someone|somebody|you|urgent|to\s+(?:know|speak|talk|get|have|see))\b|"
    # I'm after a copy, looking for the tracking number
    rf"^(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+)?(?:just\s+|still\s+|really\s+)?(?:looking|hoping)\s+for\s+"
    r"(?:a|an|the|my|our|some|any|someone|somebody|help|information|info|details)\b|"
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:just\s+|still\s+|really\s+)?(?:after|looking\s+for|hoping\s+for)\s+"
    r"(?:a|an|the|my|our|some|any)\b|"
    r"\blooking\s+for\s+(?:someone|somebody|help|an?\s+\w+)\s+to\b",
    _I,
)
"""A want the company has to act on, stated by the customer."""

POLITE = re.compile(
    # grateful / thankful if, for
    rf"\b{WE}{WOULD}\s+{ADVERBS}be\s+(?:so\s+|very\s+|really\s+|most\s+|extremely\s+|hugely\s+|eternally\s+)?"
    r"(?:grateful|thankful|glad|obliged|appreciative)\s+(?:if|for)\b|\b(?:grateful|thankful|obliged)\s+if\b|"
    r"\bappreciate\s+(?:it\s+)?if\b|"
    rf"\b{WE}{WOULD}\s+{ADVERBS}appreciate\s+\w|"
    # if ..., that would be ideal / that would help
    r"\bif\b[^.?!]{0,160}?\b(?:that|it|this)(?:'d|\s+would|'ll|\s+will)\s+(?:really\s+|certainly\s+|definitely\s+|"
    r"also\s+)?(?:be\s+(?:so\s+|really\s+|very\s+|much\s+|hugely\s+|most\s+|absolutely\s+)?(?:ideal|perfect|great|"
    r"brilliant|lovely|wonderful|fantastic|amazing|appreciated|helpful|good|nice|useful|fab|fabulous|super|"
    r"a\s+(?:huge|big|great|massive|real)\s+help|a\s+help|something|much\s+appreciated|a\s+relief|best)|"
    r"help|make\s+(?:a|my|our|things|life))\b|"
    # it would help (a lot) if / it would be great if
    r"\b(?:it|that|this)(?:'d|\s+would)\s+(?:really\s+|also\s+)?(?:help|be\s+(?:\w+\s+)?(?:great|lovely|helpful|nice|good|"
    r"wonderful|brilliant|amazing|ideal|perfect|useful|appreciated))\s+(?:\w+\s+){0,2}if\b|"
    # a Saturday would be ideal
    r"\b(?!(?:that|this|it|which|what)\b)\w+\s+would\s+be\s+(?:ideal|perfect|preferable)\b|"
    r"\bif\s+(?:somebody|someone|anyone|you|your\s+team)\s+could\b|"
    r"\bwould\s+you\s+mind\b|^mind\s+\w+ing\b|"
    # suggestions: "I was thinking you could ...", "here's my idea: ..."
    r"\b(?:(?:was|am|'m|were)\s+thinking|maybe|perhaps|hoping|idea\s+is|suggest(?:ing)?|propos(?:e|ing))\s+(?:that\s+)?"
    r"(?:you|your\s+team|someone|somebody|one\s+of\s+you|one\s+of\s+your\s+\w+)\s+(?:could|can|might|would|will)\s+"
    r"(?!have\b|help\b)|"
    r"\bhere'?s\s+(?:my|the|our)\s+(?:idea|proposal|offer|deal|suggestion)\s*[:,-]\s*\S|\bmy\s+(?:proposal|suggestion)\s+is\b|"
    r"here'?s\s+what\s+(?:i'?m|i\s+am|we'?re)\s+(?:thinking|proposing|suggesting)|\bi\s+(?:propose|suggest)\s+(?:that\s+)?you|"
    r"\bhow\s+about\s+you\b|\b(?:i|we)(?:'d| would)\s+(?:propose|suggest)\b|"
    r"^if\s+you\s+(?:give|send|provide|offer|sponsor|let|gift|comp)\b[^.?!]{0,160}\b(?:we|i)(?:'ll| will| can| could)\b|"
    r"\b(?:hoping|hope)\s+(?:that\s+)?(?:you|someone|somebody|your team)\s+(?:can|could|will|would)\s+"
    r"(?!help|understand|appreciate|agree|see|forgive|bear)|"
    r"\bi(?:'m| am)\s+hoping\s+(?:to\s+(?:get|have|receive|be|change|cancel|switch)|for)\b|"
    r"\ball\s+(?:i|we)(?:'d| would)\s+ask\b",
    _I,
)
"""Requests wrapped in politeness or put as a suggestion."""

INDIRECT_REQUEST = re.compile(
    r"\b(?:i(?:'m| am)\s+(?:asking|requesting)\s+(?:you|for|that)|i\s+(?:hereby\s+)?request\b)|"
    # I must ask that, I'd ask that, could I ask you to
    r"\b(?:must|have\s+to|need\s+to|would|'d|should|will|shall)\s+(?:also\s+|therefore\s+|now\s+)?ask\s+(?:you\s+)?"
    r"(?:that|for|to)\b|\b(?:could|can|may|might)\s+(?:i|we)\s+(?:please\s+)?ask\s+(?:you\s+)?(?:to|for|that|if|whether)\b|"
    r"\bi\s+(?:would\s+)?ask\s+that\b|\b(?:want|like|need)\s+to\s+(?:also\s+)?ask\s+(?:you\s+)?for\b|"
    r"^either\s+(?:you|someone|somebody|your)\b|^either\b[^.?!]*\bor\s+(?:i|we)(?:'ll|'m| will| am)\b|"
    # ultimatums: "I'm giving you until Friday to ...", "you have until ... to"
    r"\b(?:giving|give)\s+you\s+(?:until|till|til|up\s+to|\d+|one|two|three|a|an|the\s+rest\s+of)\b[^.?!]{0,40}?\bto\s+\w|"
    r"\byou\s+have\s+(?:until|till|\d+\s+(?:days?|hours?))\b[^.?!]{0,40}?\bto\s+\w|"
    # someone needs to / you must / it needs to be fixed / it needs fixing
    rf"\b(?:someone|somebody|you|your\s+team)\s+(?:needs?|has|have|must|should|ought)\s+(?:to\s+)?(?:{ACTION_VERBS})\b|"
    r"^(?:the|my|our|this|that|it)\b[^.?!]{0,40}\b(?:needs|has)\s+to\s+(?:show|include|be|say|list|reflect|match|"
    r"come|arrive|go)\b|\bwould\s+need\s+to\s+be\b|"
    r"\b(?:needs?|has|have)\s+to\s+be\s+(?:fixed|refunded|sorted|changed|corrected|updated|cancell?ed|resolved|"
    r"reissued|sent|replaced|removed|reversed|credited|looked\s+at|escalated|done|dealt\s+with|repaired|amended|"
    r"investigated|rectified|restored|reinstated|regenerated|returned|collected|reviewed)\b|"
    r"\b(?!(?:i|we|you)\b)\w+\s+(?:really\s+|urgently\s+|still\s+)?needs?\s+"
    r"(?!(?:nothing|something|anything|everything|bring|during)\b)\w{3,}ing\b(?!\s+(?:for|itself|by))|"
    rf",\s*(?:then\s+|please\s+|just\s+)?(?:tell|show|send|give|let)\s+me\b|"
    r"^\w+\s+(?:it|this|that|them)\s+(?:back\s+)?please\W*$|"
    r"\bi(?:'m| am)\s+entitled\s+to\b|"
    r"\bi(?:'m| am)\s+writing\s+to\s+(?:ask|request|cancel|complain|get|have|arrange|claim)\b|"
    r"\b(?:would|will)\s+it\s+be\s+possible\s+(?:to|for)\b|\bis\s+it\s+possible\s+(?:to|for)\b|"
    r"\bi(?:'m|\s+am)\s+asking\s+(?:whether|if)\b|"
    r"\bover\s+to\s+you\b|\bleave\s+it\s+with\s+you\b",
    _I,
)
"""Other requests stated as facts, duties or ultimatums."""

LIST_HEADER = re.compile(
    r"\b(?:questions?|queries|query|need|needs|want|(?:'d|would)\s+like|would\s+appreciate|request|requests|please|"
    r"could\s+you|can\s+you|ask|asking|know|pinned\s+down|confirm)\b",
    _I,
)
"""A line ending in ':' that introduces asks ("A few questions:", "Here's what we need:")."""

# ------------------------------------------------------------------------------------------
# Distractors
# ------------------------------------------------------------------------------------------

RHETORICAL = re.compile(
    r"\b(?:do|does|did|are|is)\s+(?:you|your|anyone|anybody)\s+(?:\w+\s+){0,2}even\b|"
    r"\bwho\s+(?:hires|trained|designed|thought|approved|signs off|runs)\b|"
    r"\bhow\s+(?:hard|difficult)\s+(?:can|could|is)\s+it\b|"
    r"\bwhat(?:'s| is)\s+wrong\s+with\s+(?:you|your|this|these|people)\b|"
    r"\b(?:are you|is this|you must be)\s+(?:kidding|joking|serious|for real|a joke)\b|"
    r"\bhow\s+many\s+(?:more\s+)?times\s+(?:do|does|must|will|have)\b|"
    r"\bwhat\s+(?:kind|sort)\s+of\s+(?:company|business|service|operation|outfit|people|joke)\b|"
    r"\bdo\s+you\s+(?:people|guys)\s+(?:think|expect|really|even|ever|care|know)\b|"
    r"\bhow\s+dare\b|\bwhy\s+(?:on\s+earth\s+)?(?:should|would)\s+(?:i|we|anyone|anybody|customers?|people)\b|"
    r"\b(?:what|where)\s+is\s+the\s+point\b|\bwhat(?:'s| is)\s+the\s+point\b|"
    r"\bwhy\s+(?:is|does|do)\s+(?:it|everything|nothing|this)\s+(?:always|never)\b|"
    r"\b(?:is|was)\s+(?:that|this)\s+too\s+much\s+to\s+ask\b|\bcan\s+you\s+believe\b|"
    r"(?:^|,\s*|-\s*|\.\.\.\s*)(?:seriously|really|honestly|right|no|eh|huh|ok|okay|yeah|hello|anyone)\W*\?+\W*$|"
    r"\bwhat(?:'s| is)\s+next\b|"
    r"\bis\s+(?:this|that)\s+how\s+(?:you|your)\b|\bwho\s+(?:asked|wanted|needs|thought)\s+(?:for\s+)?(?:this|that|it)\b|"
    r"\bwho\s+(?:decides|decided|signed|signs)\b|\b(?:do|does|did)\s+(?:you|you\s+lot|you\s+people|anyone)\s+(?:\w+\s+)?"
    r"(?:ever|even)\s+(?:\w+\s+)?(?:read|listen|check|care|test)\b|"
    r"\bdo\s+you\s+(?:honestly|really|seriously|actually|genuinely)\s+(?:think|believe|expect|imagine)\b|"
    r"\bdoes\s+anyone\s+(?:there\s+|here\s+)?(?:even\s+|actually\s+|ever\s+)?(?:talk|speak|read|listen|care|"
    r"communicate)\b|\bwas\s+it\s+worth\s+it\b|"
    r",\s*(?:isn't it|aren't you|don't you|didn't you|wasn't it|doesn't it|does it|won't it|wouldn't it|"
    r"can't you|couldn't you|shouldn't you|is it|aren't they|didn't they|haven't you|hasn't it|isn't that|"
    r"right|no|eh)\s*\?+\W*$",
    _I,
)
"""Questions that expect no answer, and sentences carrying one."""

RHETORICAL_QUESTION = re.compile(
    # "what am I supposed to say?", "how was I meant to get there?"
    r"\b(?:what|how|where|why|who)\s+(?:\w+\s+){0,2}(?:am|is|are|was|were)\s+(?:i|we|anyone|someone|people|"
    r"customers|an?\s+\w+)\s+(?:\w+\s+)?(?:supposed|meant|expected)\s+to\b|"
    # "Is this some kind of joke?", "Is it too much to ask ...?", "Is that what you call service?"
    r"\b(?:some\s+(?:kind|sort)\s+of|a)\s+(?:sick\s+)?joke\b|\btoo\s+much\s+to\s+ask\b|\bwhat\s+you\s+call\b|"
    r"\b(?:is|was)\s+(?:this|that)\s+(?:really\b|what\s+(?:you|your|passes|counts))|"
    r"\bwhat\s+would\s+(?:we|i|they|anyone|people)\s+do\s+without\b|"
    # "Who does this?", "Who comes up with these numbers?", "Who designs an app that ...?"
    r"^\W*who\s+(?:on\s+earth\s+|in\s+their\s+right\s+mind\s+)?(?!(?:is|has|was|handles|deals|covers|manages)\b)"
    r"\w+s\b[^?]{0,60}?(?:\b(?:this|these|those)\b[^?]{0,20}\?|\ban?\s+\w+\s+that\b)|"
    # "Did anyone actually try ...?", "Are you lot actually incapable ...?"
    r"\b(?:do|does|did|has|have|is|are|was|were|can|could|will|would)\s+(?:anyone|anybody|no\s*one|nobody|"
    r"you\s+(?:people|lot|guys)|(?:any|one)\s+of\s+you)\s+(?:\w+\s+)?(?:actually|even|ever|honestly|seriously|really)\b|"
    r"\b(?:are|is|were)\s+(?:you|they)\s+(?:lot\s+|people\s+|guys\s+|all\s+)?(?:actually|even|seriously|honestly)\b|"
    r"\b(?:do|did)\s+you\s+(?:even\s+|actually\s+)?(?:know|realise|realize|understand|have\s+(?:any|the\s+slightest)\s+idea)"
    r"\s+how\s+\w+\s+(?:that|this|it)\b|"
    # inner monologue: "I sat there thinking, what am I paying for?"
    r"(?<!was\s)(?<!am\s)(?<!'m\s)(?<!my\s)(?<!been\s)\b(?:thinking|to\s+myself|asking\s+myself|asked\s+myself)\s*[,:]",
    _I,
)
"""Shapes that make a question rhetorical (sarcasm, disbelief, a thought said to oneself)."""

ECHO_QUESTION = re.compile(
    r"^(?:for|on|in|with|by|after|before|at|from|over|under|without|during|to|until)\b"
    r"(?![^?]*\b(?:who|what|when|where|why|which|how)\b)"
    r"(?![^?]*\b(?:is|are|do|does|did|can|could|will|would|should|have|has)\s+(?:you|i|we|it|there|they|the|my|this|"
    r"that|he|she)\b)|"
    r"^(?!(?:who|what|when|where|why|which|how|is|are|was|were|do|does|did|can|could|will|would|should|shall|"
    r"may|have|has|am)\b)[^?]{0,80}\b(?:how|what)\s*\?+\W*$",
    _I,
)
"""Echo questions: "7-10 days? For a hen do on Saturday?", "Serve me better how?"."""

SELF_ANSWER = re.compile(
    r"^\W*(?:yes|yep|yeah|nope|no|of\s+course(?:\s+not)?|obviously(?:\s+not)?|apparently|clearly|evidently|never)"
    r"\s*[,.!;—–-]",
    _I,
)
"""The writer answering their own yes/no question straight away ("Did I check? Yes, twice.",
"Is compost supposed to arrive in ripped bags? No, obviously not.")."""

THREAT = re.compile(
    r"^(?:otherwise\s+|or\s+(?:else\s+)?)?(?:i(?:'ll| will| shall| am going to|'m going to| may| might)|we(?:'ll| will))\s+"
    r"(?:be\s+)?(?:cancel|leave(?!\s+(?:it|this|that)\s+(?:with|to)\s+you)|report|post|review|contact|take|go|file|"
    r"write|complain|tell|share|ask|dispute|chargeback|switch|move|sue|escalate|look|find|stop|never|not)",
    _I,
)
REPLY_PLEA = re.compile(
    r"^(?:please\s+|pls\s+|plz\s+|kindly\s+)*(?:reply|respond|answer|revert|get back|write back|"
    r"get back to me|come back to me)(?:\s+(?:me|to me|to this|back))?\s*"
    r"(?:asap|fast|quickly|soon|urgently|promptly|today|immediately|as soon as possible|at your earliest)?"
    r"(?:\s*,?\s*please)?\W*$|"
    r"\b(?:look(?:ing)?\s+forward\s+to|hope\s+to\s+hear|awaiting)\s+(?:your|hearing|a)\b|"
    r"^(?:please\s+)?(?:let me know|get back to me)(?:\s+(?:asap|soon|quickly|thanks|thank you))?\W*$|"
    r"^(?:please\s+|do\s+)?let\s+(?:me|us)\s+know\s+(?:what\s+(?:you|u)\s+think|your\s+thoughts)\W*$|"
    r"^(?:please\s+)?treat\s+(?:this|it|my\s+\w+)\s+as\s+(?:urgent|a\s+priority|priority|a\s+matter\s+of\s+urgency)\W*$",
    _I,
)
NOT_ASKING = re.compile(
    r"\bwonder(?:ing)?\s+(?:whether|if)\s+i(?:'d| would)\s+have\b|"
    r"\b(?:please\s+)?(?:find|see)\s+(?:attached|enclosed|below)\b|"
    r"\bi(?:'m| am)\s+not\s+(?:asking|requesting|expecting|looking)\b|\bno\s+need\s+to\s+(?:reply|respond)\b|"
    r"\b(?:don't|do not|didn't|did not)\s+(?:want|need|expect)\s+(?:a|you|anything|any)\b|"
    r"\blet\s+(?:me|us)\s+know\s+if\s+(?:you|u)\s+(?:need|want|have|require)\b|"
    r"^if\s+(?:you|u)\s+(?:need|want|require)\s+(?:any|anything|more|further)\b|"
    r"\byou(?:'d|\s+would|\s+might)\s+(?:want|like)\s+to\s+know\b",
    _I,
)
"""Sentences that say outright they ask nothing, or offer more information."""

LEAD_IN = re.compile(
    r"^(?:(?:hi|hello|hey|dear|hiya|good (?:morning|afternoon|evening))\b[^,:!\n]{0,30}[,:!]\s*|"
    r"(?:hi|hello|hey|hiya)\s+(?=(?:how|what|when|where|why|who|which|can|could|is|are|do|does|i|my|please|pls)\b)|"
    r"(?:quick|one|a|another|last)\s+(?:quick\s+)?question[:,!-]\s*|(?:also|and|so|but|ok|okay|anyway)[,:]?\s+|"
    r"(?:ps|p\.s\.)[:,]?\s+)+",
    _I,
)
OPEN_QUOTES = '"“‘«'
QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’", "«": "»", "'": "'"}

# A full stop followed by a lowercase word: text.sentences keeps such run-ons whole.
INNER_STOP = re.compile(r"(?:\.{2,}|…|(?<=[^\W\d_])\.)\s+(?=[a-z])")
ABBREVIATION = re.compile(
    r"(?:\b\w|\be\.g|\bi\.e|\betc|\bapprox|\bvs|\bincl|\besp|\bno|\bref|\bst|\bmr|\bmrs|\bms|\bdr|\bnr|\bvol)$",
    _I,
)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: text between matching quotation marks on one line."""
    regions: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in QUOTE_PAIRS and (i == 0 or not text[i - 1].isalnum()):
            close = QUOTE_PAIRS[ch]
            j = i + 1
            while j < n and text[j] != "\n":
                if text[j] == close and (j + 1 == n or not text[j + 1].isalnum()) and j > i + 1:
                    break
                j += 1
            if j < n and text[j] == close:
                regions.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return regions


def _strip_regions(sentence: str, offset: int, regions: list[tuple[int, int]]) -> str:
    if not regions:
        return sentence
    chars = list(sentence)
    for a, b in regions:
        for k in range(max(a, offset), min(b, offset + len(sentence))):
            chars[k - offset] = " "
    return "".join(chars)


def _rhetorical_at(s: str) -> int | None:
    """Where a rhetorical question starts in ``s``, or None."""
    m = RHETORICAL.search(s)
    if m is None and s.rstrip(" )\"'”’").endswith("?"):
        m = RHETORICAL_QUESTION.search(s) or ECHO_QUESTION.search(s)
    return None if m is None else m.start()


def _is_rhetorical(s: str) -> bool:
    return _rhetorical_at(s) is not None


def _wants(s: str) -> bool:
    """A want, a polite frame or a chance ('any way to ...'), not negated."""
    if CHANCE.search(s) and not NEGATED_CHANCE.search(s):
        return True
    return bool(WANT.search(s) or POLITE.search(s) or INDIRECT_REQUEST.search(s))


def classify(sentence: str) -> AskKind | None:
    """Is this sentence (quoted speech already blanked out) a question, a request, or neither?"""
    s = LEAD_IN.sub("", LIST_MARK.sub("", sentence.strip())).strip(" \t-*•>")
    if len(s) < 3 or s.endswith(":") or NOT_ASKING.search(s) or REPLY_PLEA.search(s):
        return None
    rhetorical = _rhetorical_at(s)
    if rhetorical is not None:
        # "I need to know when ..., because otherwise what's the point?": the ask before the jibe counts
        return classify(s[:rhetorical].rstrip(" ,;:-")) if rhetorical > 0 else None
    body = s.rstrip(" .!?)\"'”’😊🙂🙏")
    asks_question = s.rstrip(" )\"'”’😊🙂🙏😄").endswith("?")
    if THREAT.search(s) and not IMPERATIVE_START.search(s):
        return None
    chance = CHANCE.search(s)
    if chance and not NEGATED_CHANCE.search(s):
        question = INDIRECT_QUESTION.search(s)
        return "question" if question and question.start() < chance.start() else "request"
    if MODAL_I.search(s):
        return "request"
    if MODAL_YOU.search(s):
        if re.search(
            rf"\b(?:you|u|someone|somebody|anyone|team)\s+(?:please\s+|also\s+|just\s+|kindly\s+){{0,2}}{INFO_VERBS}",
            s,
            _I,
        ):
            return "question"
        if re.search(
            rf"\b(?:you|u|someone|somebody|anyone|team|\w+s)\s+(?:please\s+)?"
            rf"{MODAL_ACTION_VERBS}\b",
            s,
            _I,
        ):
            return "request"
    if INDIRECT_QUESTION.search(s):
        return "question"
    if _wants(s):
        return "request"
    if asks_question:
        short_ask = re.fullmatch(r"(?:is\s+that\s+)?(?:possible|doable)\W*", s, _I)
        return "question" if len(body.split()) >= 3 or short_ask else None
    if IMPERATIVE_START.search(s) or PLEASE.search(s) or IMPERATIVE_AFTER_IF.search(s):
        return "request"
    bare_ok = not s.endswith("!") and (not s.endswith(".") or s[:1].islower())
    if BARE_QUESTION.search(s) and len(body.split()) >= 4 and bare_ok:
        return "question"
    if WH_STATEMENT.search(s) and len(body.split()) <= 8:
        return "question"
    return None


def classify_span(
    text: str, start: int, end: int, regions: list[tuple[int, int]] | None = None
) -> AskKind | None:
    """Classify the sentence ``text[start:end]`` with quoted speech inside it blanked out."""
    if regions is None:
        regions = quoted_regions(text[max(0, start - 2000) : end + 2000])
        regions = [(a + max(0, start - 2000), b + max(0, start - 2000)) for a, b in regions]
    inside = [r for r in regions if r[0] < end and r[1] > start]
    return classify(_strip_regions(text[start:end], start, inside))


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run-on sentence at full stops followed by a lowercase word (not after an abbreviation)."""
    parts: list[tuple[int, int]] = []
    cut = start
    for m in INNER_STOP.finditer(text, start, end):
        if (
            m.group().startswith(".")
            and not m.group().startswith("..")
            and ABBREVIATION.search(text, cut, m.start())
        ):
            continue
        stop = m.start() + len(m.group().rstrip())
        if stop > cut:
            parts.append((cut, stop))
        cut = m.end()
    if cut < end:
        parts.append((cut, end))
    return parts


def _list_kind(header: str, item: str) -> AskKind:
    if item.rstrip().endswith("?") or re.search(r"\b(?:questions?|queries|query|know)\b", header, _I):
        return "question"
    return "request"


def find_asks(text: str, spans: list[tuple[int, int]], *, limit: int = MAX_ASKS) -> tuple[Ask, ...]:
    """Asks in ``text`` given its sentence spans, in reading order, at most ``limit``."""
    regions = quoted_regions(text[:SCAN_LIMIT])
    pieces = [p for s, e in spans if s < SCAN_LIMIT for p in _parts(text, s, e)]
    found: list[Ask] = []
    header = ""  # the line that opened the current list of asks, if any
    for index, (sentence_start, end) in enumerate(pieces):
        if len(found) >= limit:
            break
        sentence = text[sentence_start:end]
        mark = LIST_MARK.match(sentence)
        new_line = index == 0 or "\n" in text[pieces[index - 1][1] : sentence_start]
        if header and new_line and not mark:
            header = ""
        kind = classify_span(text, sentence_start, end, regions)
        if kind is None and header and mark:
            inside = [r for r in regions if r[0] < end and r[1] > sentence_start]
            plain = _strip_regions(sentence, sentence_start, inside)
            if not _is_rhetorical(plain) and len(plain[mark.end() :].split()) >= 2:
                kind = _list_kind(header, plain)
        if (
            sentence.rstrip().endswith(":")
            and LIST_HEADER.search(sentence)
            and not NOT_ASKING.search(sentence)
        ):
            header = sentence
        if kind == "question" and sentence.rstrip(" )\"'”’").endswith("?") and index + 1 < len(pieces):
            following = text[pieces[index + 1][0] : pieces[index + 1][1]]
            if SELF_ANSWER.match(following) and re.match(
                rf"\W*(?:and\s+|but\s+|so\s+)?{AUX}\b", sentence, _I
            ):
                continue
        if kind is None:
            continue
        skip = mark.end() if mark else 0
        lead = LEAD_IN.match(sentence[skip:])
        if lead and skip + lead.end() < len(sentence):
            skip += lead.end()
        start = sentence_start + skip
        found.append(Ask(text=text[start:end], start=start, end=end, kind=kind))
    return tuple(found)
