"""Asks: every question or request in a message, with offsets, and not the distractors.

Component name: ``humanly.asks.rules.v1``. A sentence becomes an ask when it carries a
question or a request cue outside quoted speech; rhetorical questions, threats about what
the customer will do, pleas for a fast reply and wishes with no action are left out.
"""

from __future__ import annotations

import re

from humanly.engine.types import Ask, AskKind

MAX_ASKS = 50
SCAN_LIMIT = 200_000

_I = re.IGNORECASE

ACTION_VERBS = (
    "refund|cancel|send|resend|fix|repair|reissue|issue|change|switch|remove|delete|add|reset|restore|"
    "reinstate|honou?r|extend|waive|upgrade|downgrade|transfer|replace|credit|unlock|reactivate|activate|"
    "close|stop|pause|resume|sort|look|check|escalate|update|correct|call|ring|contact|arrange|book|"
    "reschedule|return|give|get|let|make|move|put|take|process|approve|confirm|release|help|"
    "unsubscribe|exchange|investigate|speak|talk|bring|ship|deliver|collect|pick|waiver|match|apply|"
    "recover|retrieve|undo|revert|re-?send|re-?open|reopen|merge|split|install|set|email|e-mail|text|phone|notify|"
    "inform|show|ensure|verify|review|reconsider|expedite|prioriti[sz]e|compensate|reimburse|repay|pay|"
    "walk me through|hurry|chase|mail|post|dispatch|print|sign|upload|attach|share|open|void|cover|"
    "consider|proceed|assign|rebook|remind|redeliver|re-deliver|reverse|pass"
)
INFO_VERBS = r"(?:tell|explain|let me know|clarify|advise|confirm whether|confirm if|show me how|point me)"

IMPERATIVE_START = re.compile(
    rf"^(?:please\s+|pls\s+|plz\s+|kindly\s+|just\s+|now\s+|so\s+)*(?:{ACTION_VERBS}|tell|explain|advise|"
    r"clarify|provide|forward|stop|find|escalate)\b"
    r"(?=\s+(?:me|my|it|the|this|that|these|those|us|our|a|an|them|your|all|everything|him|her|back|out|up|down|in|on|"
    r"off|over|why|what|how|when|where|whether|if|to|for|[£$€\d])\b|\s*[.!]?$)",
    _I,
)
PLEASE = re.compile(
    rf"\b(?:please|pls|plz|kindly)\s+(?:\w+\s+){{0,2}}(?:{ACTION_VERBS}|do)\b|,\s*please\W*$", _I
)
BARE_QUESTION = re.compile(
    r"^(?:and\s+|also\s+|so\s+|but\s+|or\s+)?(?:(?:who|what|when|where|why|how|which|is|are|do|does|did|can|could|"
    r"will|would|should|shall|may|have|has)\s+(?:you|u|i|we|it|there|the|my|this|that|they|he|she|your|our|much|"
    r"many|long|soon|fast|often|to)\b|(?:what|when|where|why|how|which|who)\s+(?:\w+\s+){0,2}(?:do|does|did|is|are|"
    r"was|were|can|could|will|would|should|has|have)\b)",
    _I,
)
WH_STATEMENT = re.compile(r"^(?:where|what|when|why|how)\s+(?:is|are|was)\s+(?:my|our|the)\b", _I)
LIST_MARK = re.compile(r"^(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[-*•·–])\s+", _I)
MODAL_YOU = re.compile(
    r"\b(?:can|could|would|will|might)\s+(?:you|u|someone|somebody|anyone|your team|one of you)\b", _I
)
MODAL_I = re.compile(
    r"^(?:and\s+|also\s+|so\s+|but\s+)?(?:can|could|may|might)\s+(?:i|we)\s+(?:please\s+|at least\s+|just\s+)?"
    r"(?:have|get|switch|change|cancel|transfer|move|pay|use|keep|return|upgrade|downgrade|receive|"
    r"swap|extend|pause|go back|revert|add|remove|book|reschedule|speak|talk)\b",
    _I,
)
CHANCE = re.compile(r"\bis there (?:any|a|some)\s+(?:chance|way|possibility|option|hope)\b", _I)
INDIRECT_REQUEST = re.compile(
    r"\b(?:i(?:'d| would| should)\s+(?:be|am)\s+(?:so\s+|very\s+|really\s+|most\s+)?(?:grateful|thankful|glad|obliged)\s+if|"
    r"\bwhat\s+(?:i|we)(?:'d| would)?\s+(?:really\s+)?(?:like|want|need|expect)\s+is\s+(?:a|an|the|my|our|for|to|that)\b|"
    r"\bhere'?s\s+(?:my|the|our)\s+(?:idea|proposal|offer|deal|suggestion)\s*[:,-]\s*\S|\bmy\s+(?:proposal|suggestion)\s+is\b|"
    r"^either\s+(?:you|someone|somebody|your)\b|"
    r"^if\s+you\s+(?:give|send|provide|offer|sponsor|let|gift|comp)\b[^.?!]{0,160}\b(?:we|i)(?:'ll| will| can| could)\b|"
    r"i(?:'d| would)\s+(?:really\s+)?appreciate\s+(?:it\s+)?if|"
    r"it(?:'d| would)\s+be\s+(?:great|lovely|helpful|nice|good|wonderful|brilliant|amazing)\s+if|"
    r"if\s+(?:somebody|someone|anyone|you|your team)\s+could\b.*\bthat(?:'d| would)\s+be|"
    r"i(?:'m| am)\s+(?:asking|requesting)\s+(?:you|for|that)|i\s+(?:hereby\s+)?request\b|"
    r"i\s+expect\s+(?:a|an|my|the|you(?!'d|\s+would)|someone|to\s+(?:get|receive|be))\b|"
    r"i\s+(?:just\s+|really\s+)(?:want|need)\s+(?:a|an|the|my|our|you|someone|somebody)\b|"
    r"i\s+(?:also\s+|still\s+|now\s+|therefore\s+|then\s+)?(?:want|demand|insist)\s+(?:on\s+)?(?:a|an|the|my|our|this|that|those|these|him|her|them|you|someone|"
    r"somebody|it|to\s+(?:speak|talk|"
    r"cancel|get|have|receive|know|be refunded|return|change|close|delete))\b|"
    r"(?:i|we)(?:'d| would)\s+(?:also\s+|really\s+|just\s+|still\s+|now\s+|therefore\s+|then\s+)?(?:like|love|prefer)\s+(?:a|an|the|my|our|to\s+(?:get|have|receive|"
    r"request|ask|cancel|change|switch|know|book|arrange|speak|talk|return|upgrade|downgrade|transfer|"
    r"order|buy|pay|move|keep|add|remove|see|understand|find out)|you\s+to|someone\s+to|somebody\s+to)\b|"
    r"(?:i|we)(?:'d| would)?\s+(?:just\s+|really\s+|urgently\s+|still\s+)?need\s+(?:a|an|the|my|our|this|that|"
    r"it(?=\s+(?:by|before|sent|fixed|done|back|today|tomorrow|asap|sorted|resolved|replaced|refunded))|you|someone|"
    r"somebody|free|access|help|confirmation|to\s+(?:get|have|receive|know|speak|talk|cancel|"
    r"change|reset|update|see|access))\b|"
    r"here'?s\s+what\s+(?:i'?m|i\s+am|we'?re)\s+(?:thinking|proposing|suggesting)|i\s+(?:propose|suggest)\s+(?:that\s+)?you|"
    r"\bhow\s+about\s+you\b|"
    r"\b(?:hoping|hope)\s+(?:that\s+)?(?:you|someone|somebody|your team)\s+(?:can|could|will|would)\s+(?!help\b)|"
    r"\bi(?:'m| am)\s+hoping\s+(?:to\s+(?:get|have|receive|be|change|cancel|switch)|for)\b|"
    r"\bi(?:'d| would)\s+(?:really\s+|much\s+)?appreciate\s+(?:a|an|your|some|any|help)\b|"
    r"^if\s+(?:you|someone|somebody|your team)\s+could\b|"
    r"\b(?:would|will)\s+it\s+be\s+possible\s+(?:to|for)\b|\bis\s+it\s+possible\s+(?:to|for)\b|"
    r"\bi(?:'m| am)\s+writing\s+to\s+(?:ask|request|cancel|complain|get|have|arrange|claim)\b|"
    r"\bover\s+to\s+you\b|\bleave\s+it\s+with\s+you\b|\b(?:i|we)(?:'d| would)\s+(?:propose|suggest)\b|"
    r"\ball\s+(?:i|we)(?:'d| would)\s+ask\b|^(?:i'd\s+|i\s+would\s+|would\s+)?appreciate\s+(?:a|an|your|some|it\s+if)\b|"
    r"\bi(?:'m| am)\s+asking\s+(?:whether|if)\b|\blooking\s+for\s+(?:someone|somebody|help|an?\s+\w+)\s+to\b|"
    r"^(?:is\s+there\s+)?any\s+(?:way|chance)\s+(?:to|of|you)\b|^either\b[^.?!]*\bor\s+(?:i|we)(?:'ll|'m| will| am)\b|"
    rf"\b(?:someone|somebody|you)\s+(?:needs?|has|have|must)\s+to\s+(?:{ACTION_VERBS})\b|"
    r"^(?:the|my|our|this|that|it)\b[^.?!]{0,40}\b(?:needs|has)\s+to\s+(?:show|include|be|say|list|reflect|match|"
    r"come|arrive|go)\b|\bwould\s+need\s+to\s+be\b|"
    rf",\s*(?:then\s+|please\s+|just\s+)?(?:tell|show|send|give|let)\s+me\b|"
    r"^\w+\s+(?:it|this|that|them)\s+(?:back\s+)?please\W*$|"
    r"\bwould\s+you\s+mind\b|\bi\s+(?:would\s+)?ask\s+that\b|\bi(?:'m| am)\s+entitled\s+to\b|"
    r"\b(?:needs?|has|have)\s+to\s+be\s+(?:fixed|refunded|sorted|changed|corrected|updated|cancell?ed|resolved|reissued|"
    r"sent|replaced|removed|reversed|credited|looked\s+at|escalated)\b|"
    r"(?:i|we)(?:'d| would)\s+(?:also\s+|really\s+|just\s+)?(?:like|appreciate|need)\s+(?:confirmation|clarification|"
    r"some\s+help|an\s+answer|answers|written\s+confirmation)\b|"
    r"^(?:i\s+)?need\s+(?:a|an|the|my|help|to|someone|somebody|you|urgent)\b|"
    r"(?:looking|hoping)\s+for\s+(?:a|an|my)\s+(?:refund|replacement|credit|answer|explanation|solution|fix)\b)",
    _I,
)
INDIRECT_QUESTION = re.compile(
    r"\b(?:i\s+(?:was|am|'m)\s+wondering|i\s+wonder|wondering)\s+(?:whether|if|how|what|when|why|where|who|which)|"
    r"\b(?:i(?:'d| would)\s+(?:also\s+|really\s+|just\s+|still\s+|now\s+|therefore\s+|then\s+)?like|i\s+(?:also\s+|really\s+|just\s+|still\s+|now\s+|therefore\s+|then\s+)?want|i\s+(?:also\s+|really\s+|just\s+|still\s+|now\s+|therefore\s+|then\s+)?need)\s+(?:to\s+)?(?:know|understand|find out|check)\b|"
    r"\bwaiting\s+to\s+hear\s+(?:whether|if|when|back)\b|\b(?:keen|eager|curious|interested)\s+to\s+(?:hear|know|understand|find out|learn)\b|"
    r"\b(?:can|could|would)\s+you\s+(?:please\s+)?(?:tell|explain|let\s+me\s+know|clarify|advise|confirm)|"
    r"\b(?:please|pls|kindly)\s+(?:also\s+|just\s+)?(?:tell|explain|let\s+me\s+know|clarify|advise|confirm)|"
    r"^(?:tell|explain)\s+(?:me|us|what|why|how)|"
    r"\blet\s+me\s+know\s+(?:if|whether|when|how|why|where|who|what(?!\s+(?:you|u)\s+think))\b|"
    r"^any\s+(?:news|update|updates|idea|ideas|word|progress|eta)\b|"
    r"(?:^|\bi\s+)(?:just\s+)?need\s+to\s+know\b|\b(?:my|the|one)\s+(?:main\s+|real\s+|actual\s+|only\s+)?question\s+is\b|"
    r"\bi(?:'m| am)\s+writing\s+to\s+(?:enquire|inquire|find out|check|ask whether|ask if|ask how|ask what)\b",
    _I,
)

RHETORICAL = re.compile(
    r"\b(?:do|does|did|are|is)\s+(?:you|your|anyone|anybody)\s+(?:\w+\s+){0,2}even\b|"
    r"\bwho\s+(?:hires|trained|designed|thought|approved|signs off|runs)\b|"
    r"\bhow\s+(?:hard|difficult)\s+(?:can|could|is)\s+it\b|"
    r"\bwhat(?:'s| is)\s+wrong\s+with\s+(?:you|your|this|these|people)\b|"
    r"\b(?:are you|is this|you must be)\s+(?:kidding|joking|serious|for real|a joke)\b|"
    r"\bhow\s+many\s+(?:more\s+)?times\s+(?:do|does|must|will|have)\b|"
    r"\bwhat\s+(?:kind|sort)\s+of\s+(?:company|business|service|operation|outfit|people|joke)\b|"
    r"\bdo\s+you\s+(?:people|guys)\s+(?:think|expect|really|even|ever|care|know)\b|"
    r"\bhow\s+dare\b|\bwhy\s+(?:should|would)\s+i\s+(?:have to|pay|bother|trust|believe)\b|"
    r"\b(?:what|where)\s+is\s+the\s+point\b|\bwhat(?:'s| is)\s+the\s+point\b|"
    r"\bhow\s+(?:is|was|am)\s+(?:a|an|anyone|someone|i)\s+(?:\w+\s+){0,3}supposed\s+to\b|"
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
THREAT = re.compile(
    r"^(?:otherwise\s+|or\s+(?:else\s+)?)?(?:i(?:'ll| will| shall| am going to|'m going to| may| might)|we(?:'ll| will))\s+"
    r"(?:be\s+)?(?:cancel|leave|report|post|review|contact|take|go|file|write|complain|tell|share|ask|"
    r"dispute|chargeback|switch|move|sue|escalate|look|find|stop|never|not)",
    _I,
)
REPLY_PLEA = re.compile(
    r"^(?:please\s+|pls\s+|plz\s+|kindly\s+)*(?:reply|respond|answer|revert|get back|write back|"
    r"get back to me|come back to me)(?:\s+(?:me|to me|to this|back))?\s*"
    r"(?:asap|fast|quickly|soon|urgently|promptly|today|immediately|as soon as possible|at your earliest)?\W*$|"
    r"\b(?:look(?:ing)?\s+forward\s+to|hope\s+to\s+hear|awaiting)\s+(?:your|hearing|a)\b|"
    r"^(?:please\s+)?(?:let me know|get back to me)(?:\s+(?:asap|soon|quickly|thanks|thank you))?\W*$|"
    r"^(?:please\s+|do\s+)?let\s+(?:me|us)\s+know\s+(?:what\s+(?:you|u)\s+think|your\s+thoughts)\W*$",
    _I,
)
NOT_ASKING = re.compile(
    r"\bwonder(?:ing)?\s+(?:whether|if)\s+i(?:'d| would)\s+have\b|"
    r"\b(?:please\s+)?(?:find|see)\s+(?:attached|enclosed|below)\b|"
    r"\bi(?:'m| am)\s+not\s+(?:asking|requesting|expecting|looking)\b|\bno\s+need\s+to\s+(?:reply|respond)\b|"
    r"\b(?:don't|do not|didn't|did not)\s+(?:want|need)\s+(?:a|you|anything|any)\b",
    _I,
)
LEAD_IN = re.compile(
    r"^(?:(?:hi|hello|hey|dear|hiya|good (?:morning|afternoon|evening))\b[^,:!\n]{0,30}[,:!]\s*|"
    r"(?:hi|hello|hey|hiya)\s+(?=(?:how|what|when|where|why|who|which|can|could|is|are|do|does|i|my|please|pls)\b)|"
    r"(?:quick|one|a|another|last)\s+(?:quick\s+)?question[:,!-]\s*|(?:also|and|so|but|ok|okay|anyway)[,:]?\s+|"
    r"(?:ps|p\.s\.)[:,]?\s+)+",
    _I,
)
OPEN_QUOTES = '"“‘«'
QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’", "«": "»", "'": "'"}


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


def classify(sentence: str) -> AskKind | None:
    """Is this sentence (quoted speech already blanked out) a question, a request, or neither?"""
    s = LEAD_IN.sub("", LIST_MARK.sub("", sentence.strip())).strip(" \t-*•>")
    if len(s) < 3 or s.endswith(":") or NOT_ASKING.search(s) or RHETORICAL.search(s) or REPLY_PLEA.search(s):
        return None
    body = s.rstrip(" .!?)\"'”’😊🙂🙏")
    asks_question = s.rstrip(" )\"'”’😊🙂🙏😄").endswith("?")
    if THREAT.search(s) and not IMPERATIVE_START.search(s):
        return None
    if CHANCE.search(s) or MODAL_I.search(s):
        return "request"
    if MODAL_YOU.search(s):
        if re.search(rf"\b(?:you|u|someone|somebody|anyone|team)\s+(?:please\s+)?{INFO_VERBS}", s, _I):
            return "question"
        if re.search(
            rf"\b(?:you|u|someone|somebody|anyone|team)\s+(?:please\s+)?(?:{ACTION_VERBS})\b", s, _I
        ):
            return "request"
    if INDIRECT_QUESTION.search(s):
        return "question"
    if INDIRECT_REQUEST.search(s):
        return "request"
    if asks_question:
        short_ask = re.fullmatch(r"(?:is\s+that\s+)?(?:possible|doable)\W*", s, _I)
        return "question" if len(body.split()) >= 3 or INDIRECT_QUESTION.search(s) or short_ask else None
    if IMPERATIVE_START.search(s) or PLEASE.search(s):
        return "request"
    if BARE_QUESTION.search(s) and len(body.split()) >= 4 and not s.endswith((".", "!")):
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


def find_asks(text: str, spans: list[tuple[int, int]], *, limit: int = MAX_ASKS) -> tuple[Ask, ...]:
    """Asks in ``text`` given its sentence spans, in reading order, at most ``limit``."""
    regions = quoted_regions(text[:SCAN_LIMIT])
    found: list[Ask] = []
    for sentence_start, end in spans:
        if sentence_start >= SCAN_LIMIT or len(found) >= limit:
            break
        kind = classify_span(text, sentence_start, end, regions)
        if kind is None:
            continue
        sentence = text[sentence_start:end]
        mark = LIST_MARK.match(sentence)
        skip = mark.end() if mark else 0
        lead = LEAD_IN.match(sentence[skip:])
        if lead and skip + lead.end() < len(sentence):
            skip += lead.end()
        start = sentence_start + skip
        found.append(Ask(text=text[start:end], start=start, end=end, kind=kind))
    return tuple(found)
