"""What the tone guard needs to know about the customer's message, and what a draft does for them.

``read_customer`` turns the engine's reading of the customer's message (or the bare message) into
the few facts the checks use: how clearly upset the customer is, what they asked, whether they
report a mistake of ours. ``acknowledges``, ``owns`` and ``offers_alternative`` read a draft for
the things an upset, wronged or refused customer needs to hear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from humanly.engine.text import BURST
from humanly.engine.types import Analysis, Ask

__all__ = [
    "GUARD_LINES",
    "NEXT_STEP",
    "OPENER",
    "QUESTION_START",
    "REFUSAL",
    "Customer",
    "acknowledgement_for",
    "acknowledges",
    "any_of",
    "chills",
    "feeling_to_meet",
    "implicit_asks",
    "offers_alternative",
    "owns",
    "read_customer",
    "unacknowledged",
]

_I = re.IGNORECASE


def any_of(*parts: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the parts."""
    return re.compile("|".join(f"(?:{p})" for p in parts), _I)


# Lead-ins before the words of an ask: "Sorry, which button...", "Hi, quick one, can I...".
OPENER = re.compile(
    r"^(?:(?:sorry|hi|hello|hey|ok(?:ay)?|so|and|but|also|well|oh|um|wait|quick\s+one|just\s+checking(?:\s+again)?)"
    r"[,!.]?\s+)+",
    _I,
)

# --- the customer -------------------------------------------------------------------------------

# The people (and pets) whose death or illness a customer may write about.
_LOVED = (
    r"(?:wife|husband|partner|mum|mom|mother|dad|father|son|daughter|brother|sister|friend|grand\w+|nan|nana|gran|"
    r"granny|aunt|auntie|uncle|baby|child|kids?|boy|girl|fianc[ée]e?|nephew|niece|cousin|dog|cat|pet|puppy|kitten)"
)
_GRIEF = any_of(
    r"\b(?:passed\s+away|funeral|ashes|bereave\w*|condolences|terminal(?:ly)?\s+ill|hospice\s+(?:care|nurse))\b",
    # someone in a hospice, not a hospice's name ("two payments to Harbourside Hospice") or a volunteer there
    rf"\b(?:{_LOVED}|he|she|they|him|her|them|I'm|I\s+am)\b[^.!?]{{0,40}}?\b(?:in|into|at|to)\s+(?:a|the)\s+hospice\b",
    # someone died, not something ("the scooter died halfway up the hill")
    rf"\b(?:my|our|his|her)\s+(?:late\s+)?{_LOVED}\b[^.!?]{{0,60}}?\b(?:died|passed|death|dying)\b",
    r"\b(?:has|have|had|just|who|recently|suddenly|sadly|she|he|they)\s+(?:\w+\s+)?died\b",
    r"\blast\s+present\s+from\b",
)
# A death told, not one ahead ("my dad is dying", "she's terminally ill"): only then is it a loss.
_DEATH = any_of(
    r"\b(?:passed\s+away|funeral|ashes|bereave\w*|condolences|died|death|deceased|widow(?:ed|er)?)\b",
    r"\b(?:my|our|his|her)\s+late\b|\bwho\s+passed\b|\bpassed\s+(?:on|recently|last)\b|\blast\s+present\s+from\b",
)
_FEAR = any_of(
    r"\b(?:terrified|petrified|frightened|scared|panic\s+attack|panicking|worried\s+sick|choking)\b",
    # Worry said with its strength, and a near miss: "I'm so worried", "I nearly got hit by a bus".
    r"\b(?:so|really|very|extremely|incredibly|honestly|genuinely|seriously)\s+(?:worried|frightened)\b|"
    r"\bfrantic\b|\b(?:nearly|almost)\s+(?:got\s+|been\s+)?(?:hit|killed|run\s+over)\b|"
    r"\bcould(?:'ve|\s+have)\s+(?:killed|died)\b|\b(?:still|honestly|literally)\s+shaking\b|\bshaken\s+up\b",
)
# Words for a hard situation rather than a feeling ("emergency repairs", "a newborn shoot"): they mean
# someone is scared or struggling only when the message also reads as unhappy, urgent or a complaint.
_SITUATION = any_of(
    r"\b(?:emergency|swallowed|newborn|pregnant|elderly|stranded)\b|\b(?:she|he)\s+is\s+(?:only\s+)?(?:[89]\d|1[01]\d)\b",
)
_SITUATION_SENTIMENT = -0.2
_DISTRESS = any_of(
    r"\bI(?:'ve|\s+have)?(?:\s+been|'m|\s+am)?\s+(?:crying|in\s+tears)\b",
    r"\b(?:desperate|begging|devastated|heartbroken|distraught|beside\s+myself|at\s+my\s+wits'?\s+end|ruined|"
    r"at\s+the\s+end\s+of\s+"
    r"my\s+(?:rope|tether)|worst\s+(?:week|day|month|year)\s+of\s+my\s+life)\b",
    r"\b(?:stuck|stranded)\s+(?:abroad|at\s+(?:the\s+)?(?:airport|station|home)|with\b)",
    r"\b(?:no\s+money|can'?t\s+afford\s+(?:rent|food|to\s+eat)|lost\s+my\s+job|can'?t\s+make\s+rent|"
    r"really\s+stressed|so\s+stressed|stressed\s+out\s+of\s+my\s+mind|made\s+redundant|"
    r"food\s+money|overdrawn|lonely|bullied|violent|(?:in|into)\s+tears|cries\s+every)\b",
    # Stranded, or without heat or power, with someone to care for: "on the hard shoulder with my baby".
    r"\bhard\s+shoulder\b|\b(?:the\s+house|it)\s+is\s+freezing\b|\bsitting\s+in\s+my\s+coat\b|\bthe\s+kids\s+are\s+"
    r"cold\b|\b(?:heating|power)(?:'s|\s+has)\s+been\s+off\b",
    r"\b(?:we'?re|we\s+are|she'?s|she\s+is|he'?s|he\s+is|they'?re|they\s+are)\s+(?:so\s+|really\s+|very\s+)?"
    r"(?:upset|devastated|heartbroken|distraught)\b|\bI'?m\s+(?:honestly\s+|genuinely\s+|really\s+)?"
    r"(?:gutted|heartbroken|devastated)\b",
    r"\b(?:is|'s|was|am|'m|are|'re)\s+in\s+(?:the\s+)?hospital\b",
    r"\bI'?m\s+(?:so\s+|really\s+|very\s+|extremely\s+|absolutely\s+|beyond\s+|incredibly\s+)?(?:upset|angry|"
    r"gutted|crushed|in\s+pieces|shaking)\b|\bI'?m\s+(?:so|really|very|extremely|incredibly|beyond)\s+(?:frustrated|annoyed|"
    r"stressed)\b",
    r"\b(?:cancer|chemo(?:therapy)?|evicted|eviction|bailiffs|homeless|no\s+heating|can'?t\s+feed)\b",
    # A life in danger, and the end of one's tether: "tried to kill herself", "I'm at breaking point".
    r"\b(?:tried\s+to\s+kill|kill(?:ed)?\s+(?:myself|herself|himself|themselves)|suicid\w*|self[-\s]harm\w*|"
    r"overdosed?)\b|\b(?:at|reached)\s+(?:my\s+|a\s+)?breaking\s+point\b|\blosing\s+my\s+mind\b|\b(?:going\s+to|gonna|"
    r"will)\s+(?:get|be)\s+(?:fired|sacked)\b",
    r"\bplease\s+help\s*[!.]|(?:^|[.!?]\s+)please\s*\.\s*$",  # "Please." on its own, not "a refund please."
    # Families: losing one's footing, however it is said.
    r"\bI\s+(?:don'?t|do\s+not)\s+know\s+what\s+(?:to\s+do|I'?m\s+going\s+to\s+do)\b|\bI\s+can'?t\s+(?:think\s+"
    r"straight|sleep|stop\s+crying|cope|breathe|work|afford\s+to)\b|\bI'?m\s+shaking\b|\bI\s+feel\s+(?:so\s+)?"
    r"(?:stupid|awful|sick|terrible|helpless|humiliated)\b|\b(?:this|it)\s+is\s+(?:a\s+)?(?:disaster|nightmare)\b|"
    r"\b(?:pain|symptoms)\s+(?:is|are)\s+getting\s+worse\b|\b(?:about\s+to|going\s+to)\s+lose\s+(?:our|my)\s+"
    r"(?:house|home|job|business|flat)\b|\bscam(?:med|mer)?\b",
    # Harm to the body, or to someone in care.
    r"\b(?:injured|injuries|fell\s+off|knocked\s+(?:me\s+)?(?:down|over)|fainted|collapsed|(?:had|has)\s+a\s+stroke|"
    r"heart\s+attack|seizures?|epilep\w+|ambulance|bleeding|swollen|broken\s+(?:arm|leg|wrist|ankle)|burnout|"
    r"signed\s+off\s+(?:work|sick)|care\s+home|dementia|lump)\b",
    # Treated as less than a person: harassed, sworn at, humiliated.
    r"\b(?:groped|assaulted|harass(?:ed|ment)|threatened\s+me|swore\s+at\s+(?:me|us|my)|like\s+a\s+criminal|"
    r"humiliat\w*|in\s+front\s+of\s+(?:everyone|the\s+whole))\b",
    # Pleading, and losing what cannot be replaced.
    r"\bplease,?\s+please\b|\b(?:my|our)\s+(?:whole|entire)\s+(?:PhD|thesis|dissertation|business|livelihood|savings|"
    r"life)\b|\b(?:this|it)\s+is\s+my\s+(?:income|livelihood)\b|\bthe\s+only\s+(?:photos|pictures|videos|copy)\b",
)
_ANGER = any_of(
    r"\b(?:furious|livid|fuming|outraged|sick\s+of\s+it|sick\s+and\s+tired|fed\s+up|disgusted|disgraceful|disgrace|"
    r"unacceptable|appalling|ridiculous|pathetic|made\s+my\s+life\s+hell|absolute\s+(?:idiots|joke|clowns))\b",
    # The same failure again, counted.
    r"\b(?:(?:second|2nd|third|3rd|fourth|4th|fifth|5th)\s+time|(?:three|four|five|3|4|5)\s+times)\b",
    # Anger said outright, or in the words of being wronged: "this is theft", "I feel ripped off".
    r"\bthis\s+is\s+(?:theft|a\s+scam|daylight\s+robbery)\b|\bripped\s+off\b|\bhow\s+could\s+you\b|\b(?:laughed|swore)\s+at\s+(?:me|her|him|us|my)\b|\bfor\s+this\s+garbage\b",
)
# A single word in capitals ("didn't turn up AGAIN") or a burst of marks, from someone telling of trouble.
_SHOUTED = re.compile(
    r"\b(?:AGAIN|STILL|NEVER|NOTHING|NOBODY|NO\s+ONE|NOT|WRONG|TWICE)\b|!{3,}|\?{3,}|[!?]{2,}\s*[!?]"
)

# A slip of their own. Embarrassment alone is not one: "I was mortified" after the company's cake or
# invoice let them down is a feeling to take seriously, and "most people won't notice" dismisses it.
_SELF_BLAME = any_of(
    r"\b(?:my\s+(?:own\s+)?(?:mistake|fault|bad)|silly\s+(?:me|question|mistake)|"
    r"(?:stupid|dumb)\s+(?:question|mistake)|I'?m\s+(?:such\s+)?an?\s+(?:idiot|muppet)|I\s+(?:messed|mixed)\s+up|"
    r"I\s+got\s+(?:the|my)\s+(?:\w+\s+){0,2}?mixed\s+up|"
    r"I\s+meant\s+(?:the|to)|by\s+(?:mistake|accident)|I\s+(?:accidentally|mistakenly|forgot|got\s+it\s+wrong))\b",
)
# Asking about the company itself: its record, reviews, awards, experience.
_ABOUT_US = any_of(
    r"\bare\s+you\s+(?:any\s+good|reputable|reliable|legit|legitimate|experienced|accredited|certified|insured)\b",
    r"\b(?:any|your)\s+(?:awards|reviews|ratings|references|credentials|qualifications|accreditations?|track\s+record)\b",
    r"\bhow\s+long\s+have\s+you\s+(?:been|had)\b|\bhow\s+(?:experienced|many\s+(?:customers|clients|years))\b",
    r"\bwhy\s+(?:should\s+(?:I|we)\s+(?:choose|pick|use|go\s+with)|are\s+you\s+better)\b|\bnever\s+heard\s+of\s+you\b",
)
# Thanks or praise with no trouble in it ("The engineer was fantastic. Top man."): what answers it is
# gladness, so the tone model's reading of sarcasm, impatience or a promise in a reply to it is noise.
_PRAISE = any_of(
    r"\b(?:thank(?:s|\s+you)|cheers|appreciated?|fantastic|brilliant|amazing|excellent|wonderful|superb|great|"
    r"lovely|rock|legend|top\s+(?:man|woman|notch)|10/10|five\s+stars?|5\s+stars?|best\s+\w+\s+I'?ve|"
    r"so\s+(?:helpful|polite|kind|quick|fast)|(?:really|very|so)\s+(?:pleased|happy)|loved?|impressed|spot\s+on)\b",
)
# What turns praise into irony or a complaint: "Wonderful service as always", "Great job" over a
# crushed parcel, a question, a "but", words in quotes or in capitals.
_NOT_PRAISE = re.compile(
    r"\b(?:oh\s+great|love\s+that\s+for\s+me|wow|let\s+me\s+guess|impressive|shocking|yeah\s+right|as\s+always|"
    r"if\s+you\s+like|loved?\s+\w+ing|thanks\s+for\s+nothing|on\s+hold|cut\s+off|crushed|cancell?ing|I'?d\s+love\s+to|not|but|still|"
    r"again|never|nobody|no\s+one|however)\b|['‘’\"“”]\w[^'‘’\"“”]{0,30}['‘’\"“”]|\?",
    _I,
)
_CAPITALS = re.compile(r"\b[A-Z]{4,}\b")
# Praise said through gritted teeth ("Thanks for nothing", "great, another price rise. love that for
# me", "Nice work, guys" after a deleted config): it is only irony with trouble beside it.
_IRONY = any_of(
    r"\b(?:thanks?|thank\s+you|cheers)\s+(?:for\s+)?(?:nothing|not\s+\w+ing|a\s+bunch)\b",
    r"\blove\s+that\s+for\s+me\b",
    r"\b(?:great|good|nice|amazing|brilliant|fantastic|excellent|stellar|outstanding|cracking|terrific|superb|top)"
    r"\s+(?:job|work|service|support|stuff)\b",
    r"\bwell\s+done\b|\b(?:really|truly)\s+appreciate\s+it\b",
    r"^\W*(?:oh\s+)?(?:great|good|wonderful|fantastic|brilliant|perfect|lovely),\s+(?:another|so|now|more)\b",
)
# Trouble beside the praise: a scare-quoted promise ("'express' delivery") or a wait counted.
_TROUBLE = any_of(
    r"['‘]\w[^'‘’\n]{0,30}['’]",
    r"\b\d+\s+(?:mins?|minutes|hours?|days?|weeks?|months?)\b",
)
# Checking back on what they were told ("So just to confirm, ...?", "oh wait, so I don't need...") or
# pointing at it themselves ("the refund you talked about on the phone"): "as I said" then only answers.
_RECHECKING = any_of(
    r"\bjust\s+(?:to\s+)?(?:confirm|check|double[-\s]?check|making\s+sure)\b|"
    r"\b(?:oh\s+)?(?:wait|ok(?:ay)?|right)\s*,?\s+so\s+(?:I|we)\b|\bso\s+(?:I|we)\s+(?:don'?t|do\s+not|won'?t)\s+"
    r"(?:need|have)\b|\b(?:talked|spoke)\s+about\s+on\s+the\s+phone\b|\bas\s+I\s+said\s+to\s+your\b",
)
_UPSET_EMOTIONS = frozenset({"anger", "grief", "fear", "disgust"})
_CONFIDENT_EMOTION = 0.7

_COMPANY_FAULT = any_of(
    r"\byou(?:'ve|\s+have)?\s+(?:charged|cut|cancelled|deleted|broke|lost|missed|forgot|overcharged|billed|"
    r"disconnected)\b",
    # "You sent me the wrong size", not "the lovely card you sent".
    r"(?:^|[.!?,;]\s*|\b(?:and|but|then|so|now)\s+)you(?:'ve|\s+have)?\s+(?:sent|took)\b",
    r"\byour\s+(?:\S+\s+){0,2}?(?:agent|driver|technician|engineer|update|app|system|courier|team|coach|staff|"
    r"website|developer|plugin|photographer|instructor)\s+(?:\S+\s+){0,2}?(?:broke|deleted|hung\s+up|left|"
    r"missed|reversed|crashed|charged|cancelled|cut|took|wrote|sent)\b",
    r"\bcharged\s+(?:me\s+)?twice\b|\bdouble[- ]charged\b|\bovercharged\b|\bcut\s+off\s+by\s+mistake\b",
    r"\barrived\s+(?:broken|damaged|cracked|smashed|late)\b",
    r"\b(?:\d+|a|one|two|three|four|five|six|several)\s+(?:days?|weeks?|months?)\s+(?:late|overdue)\b",
    r"\b(?:never|still\s+(?:hasn'?t|has\s+not|haven'?t))\s+(?:arrived|came|come|turned\s+up|been\s+delivered)\b",
    r"\b(?:sent|shipped|delivered|gave)\s+(?:me\s+)?the\s+wrong\b",
)
_COMPLAINT = re.compile(
    r"\b(?:rude|late|broke|broken|wrong|never|didn'?t|doesn'?t|don'?t|won'?t|can'?t|isn'?t|wasn'?t|hasn'?t|haven'?t|"
    r"not\s+work\w*|stopped|missed|lost|deleted|terrible|awful|poor|useless|rubbish|garbage|disappoint\w*|complain\w*|"
    r"problem|issue|mould|dirty|damaged|cracked|smashed|slow(?:er)?|fault|error|crash\w*|hurt|injur\w*|charged|"
    r"overcharg\w*|expensive|price\s+rise|a\s+lot|too\s+much|still|again|waited|waiting|hung\s+up|ignored|unhappy|"
    r"not\s+happy|upset|angry|annoyed|frustrat\w*|down|no\s+idea|behind|failure|typo|mistake|hidden|anxious|worried|"
    r"nervous|scared|embarrass\w*|mortified|ruined|gone|missing|cancell?ed|delay\w*|buffering|freez\w*|wilted|shrank|"
    r"blank|dropp\w*|fail\w*|creepy|tears|cried|crying|nonsense|idiot\w*|ridiculous|no\s+(?:signal|service|internet|"
    r"power|wifi|phone|reply|response|answer|heating|water))\b",
    _I,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
QUESTION_START = re.compile(
    r"^(?:who|what|when|where|why|how|which|is|are|do|does|did|can|could|will|would|should|have|has)\b", _I
)


_ACTION_ASK = re.compile(
    # "Can you confirm ..." and "do I need a ..." ask to be told something, not for something to be done.
    r"(?:can|could|would|will)\s+(?:you|someone|somebody|your\s+team)\b(?!\s+(?:please\s+)?(?:confirm|tell|"
    r"remind|explain|clarify)\b)|please\b|^(?:refund|cancel|send|fix|change|"
    r"remove|stop|give|put|resend|reissue|extend|book|close|delete|update)\b|\bI(?:'d|\s+would)\s+like\s+(?:a|an|my|"
    r"the|to\s+(?:cancel|get|have|change|book))\b|(?<!\bdo\s)\bI\s+(?:want|need)\s+(?:a|an|my|the|to\s+(?:cancel|"
    r"get|have|change|book|close|pause))\b",
    _I,
)


@dataclass(frozen=True, slots=True)
class Customer:
    """The facts about the customer's message that the checks need."""

    text: str
    feeling: str | None
    asks: tuple[Ask, ...]
    company_fault: bool
    wants_action: bool
    complains: bool
    # Whether a reply that recognises nothing would read as cold to them (``tone_warmth``); None when
    # the warmth reading was not made, and then clearly upset customers are the ones it would be.
    wants_warmth: bool | None = None

    @property
    def upset(self) -> bool:
        """Clearly upset: grieving, scared, in distress or angry (never just mildly annoyed)."""
        return self.feeling is not None

    @property
    def asks_about_us(self) -> bool:
        """Asks about the company's record, reviews or awards: telling them is the answer, not a boast."""
        return _ABOUT_US.search(self.text) is not None

    @property
    def pleased(self) -> bool:
        """Thanking or praising, with no trouble, question, irony or request in the message."""
        return (
            self.feeling is None
            and not self.wants_action
            and _PRAISE.search(self.text) is not None
            and _NOT_PRAISE.search(self.text) is None
            and _CAPITALS.search(self.text) is None
            and _COMPLAINT.search(self.text) is None
            and _COMPANY_FAULT.search(self.text) is None
        )

    @property
    def troubled(self) -> bool:
        """Upset, telling of trouble in so many words, or complaining with no word of praise ("Great
        service as always, thanks Omar. Quick one: how do I switch?" is not trouble)."""
        return (
            self.feeling is not None
            or _COMPANY_FAULT.search(self.text) is not None
            or _COMPLAINT.search(self.text) is not None
            or (self.complains and _PRAISE.search(self.text) is None)
        )

    @property
    def ironic(self) -> bool:
        """Praising or thanking through gritted teeth: being glad of it back mocks them."""
        return _IRONY.search(self.text) is not None and (
            self.troubled or _TROUBLE.search(self.text) is not None
        )

    @property
    def bereaved(self) -> bool:
        """Grieving a death they tell of; someone whose loved one is dying has not had a loss yet."""
        return self.feeling == "grief" and _DEATH.search(self.text) is not None

    @property
    def rechecking(self) -> bool:
        """Checking back on something they were told, or pointing at it themselves."""
        return _RECHECKING.search(self.text) is not None

    @property
    def blames_self(self) -> bool:
        """Embarrassed at their own slip: telling them it happens to many is kindness, not dismissal."""
        return _SELF_BLAME.search(self.text) is not None


def _feeling(text: str, analysis: Analysis | None) -> str | None:
    for name, pattern in (("grief", _GRIEF), ("fear", _FEAR), ("distress", _DISTRESS), ("anger", _ANGER)):
        if pattern.search(text):
            return name
    if _SHOUTED.search(text) and (_COMPANY_FAULT.search(text) or _COMPLAINT.search(text)):
        return "anger"
    if _SITUATION.search(text) and (
        analysis is None
        or analysis.sentiment <= _SITUATION_SENTIMENT
        or BURST.search(text)
        or _COMPANY_FAULT.search(text)
        or _COMPLAINT.search(text)
    ):
        return "fear"
    if analysis is None:
        return None
    if {"abuse", "shouting"} & set(analysis.flags):
        return "anger"
    emotions = analysis.emotions
    confident = (
        len(emotions.labels) <= 3
        and emotions.scores.get(emotions.dominant, 0.0) >= _CONFIDENT_EMOTION
        and emotions.intensity >= _CONFIDENT_EMOTION
    )
    if confident and emotions.dominant in _UPSET_EMOTIONS and analysis.sentiment <= -0.5:
        return {"grief": "grief", "fear": "fear"}.get(emotions.dominant, "anger")
    return None


def _fallback_asks(text: str) -> tuple[Ask, ...]:
    """Questions in a message read without the engine: sentences that end with a question mark."""
    asks = []
    for match in re.finditer(r"[^.!?\n]+\?", text):
        sentence = match.group().strip()
        if QUESTION_START.match(sentence):
            start = text.find(sentence, match.start())
            asks.append(Ask(text=sentence, start=start, end=start + len(sentence), kind="question"))
    return tuple(asks)


def _complains(text: str) -> bool:
    """Whether the message complains or tells of trouble: negative words, or any statement at all
    (a message made only of questions, with no trouble words, is asking for information)."""
    if _COMPANY_FAULT.search(text) or _COMPLAINT.search(text):
        return True
    return any(
        len(part.split()) >= 3 and not part.rstrip().endswith("?") for part in _SENTENCE.findall(text[:2000])
    )


def read_customer(message: str | None, analysis: Analysis | None) -> Customer | None:
    """The customer facts from the engine's reading when there is one, else from the bare message."""
    if analysis is None and not message:
        return None
    text = analysis.text if analysis is not None else (message or "")
    text = text[:20_000]
    asks = analysis.asks if analysis is not None else _fallback_asks(text)
    if not asks:
        asks = implicit_asks(text)
    feeling = _feeling(text, analysis)
    wants_action = any(
        a.kind == "request" and _ACTION_ASK.search(OPENER.sub("", a.text.strip())) for a in asks
    )
    return Customer(
        text=text,
        feeling=feeling,
        asks=asks,
        company_fault=bool(_COMPANY_FAULT.search(text)),
        wants_action=wants_action,
        complains=feeling is not None or _complains(text),
    )


# --- what a draft does --------------------------------------------------------------------------

_ACKNOWLEDGE = any_of(
    r"\b(?:sorry|apologi[sz]e|apologies|condolences)\b",
    r"\bI\s+(?:completely\s+|totally\s+|really\s+)?(?:understand|know|can\s+(?:hear|see|imagine)|hear\s+you)\b",
    r"\b(?:must\s+(?:be|have\s+been)|sounds?|is|was)\s+(?:so\s+|really\s+|incredibly\s+)?(?:hard|awful|"
    r"frightening|stressful|worrying|upsetting|difficult|frustrating|horrible|scary|rotten|miserable|"
    r"embarrassing)\b",
    r"\bthat'?s\s+(?:a\s+)?(?:so\s+|really\s+)?(?:hard|frightening|stressful|worrying|upsetting|difficult|frustrating|"
    r"scary|rotten|miserable|embarrassing|worry)\b",
    r"\byou'?re\s+(?:right|not\s+alone)\b|\bthat'?s\s+(?:not\s+okay|awful|terrible|horrible|not\s+good\s+enough|"
    r"not\s+acceptable|on\s+us|our\s+(?:mistake|fault|error|failure))\b|\bthat\s+shouldn'?t\s+have\s+happened\b",
    r"\bthanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+(?:telling|letting|your\s+patience|sticking|being|asking|"
    r"checking|flagging|sending|reporting|getting\s+in\s+touch\s+(?:so|straight))\b",
    r"\b(?:I\s+hope\s+you|take\s+care|no\s+need\s+to\s+(?:be\s+)?(?:embarrassed|apologi[sz]e)|nothing\s+to\s+be\s+"
    r"embarrassed|oh\s+no|what\s+a\s+(?:horrible|lovely|rotten)|(?:a\s+)?(?:fair|good|sensible)\s+question|"
    r"understandabl[ey]|congratulations|glad\s+you\s+(?:got\s+in\s+touch|asked|told))\b",
    r"\b(?:I'?m|I\s+am)\s+(?:treating|picking)\s+this\b",
    # Naming the weight of it: "that's a lot of pressure", "it makes complete sense that you're scared",
    # "take a moment, you've had a shock", "the loss is our fault".
    r"\b(?:a\s+lot\s+of\s+pressure|that'?s\s+a\s+lot\s+to)\b|\bmakes?\s+(?:complete\s+|total\s+|perfect\s+)?sense\s+"
    r"(?:that\s+you|you'?(?:re|d|'ve))\b|\byou(?:'ve|\s+have)\s+had\s+(?:a|quite\s+a)\s+(?:shock|fright|scare)\b|"
    r"\btake\s+a\s+(?:moment|breath|minute)\b|\b(?:completely|totally|perfectly)\s+(?:normal|natural)\s+to\s+feel\b|"
    r"\b(?:is|was)\s+(?:on\s+)?our\s+(?:fault|mistake|side)\b|\bbecause\s+of\s+our\s+(?:mistake|error)\b",
    # Meeting the feeling without naming it: "you're doing the right thing", "lots of people feel this way".
    r"\byou'?re\s+doing\s+(?:exactly\s+)?the\s+right\s+thing\b|\b(?:lots\s+of|many|plenty\s+of|a\s+lot\s+of)\s+"
    r"(?:people|customers|us)\s+feel\s+(?:this|that|the\s+same)\s+way\b|\bI(?:'d|\s+would)\s+understand\s+(?:if|why)\b|"
    r"\bthat'?s\s+a\s+poor\s+(?:way|show|service|experience)\b|\bthanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+taking\s+"
    r"the\s+time\s+to\s+(?:tell|share)\b|\bI\s+hope\s+your\b",
    r"\b(?:please\s+)?(?:don'?t|do\s+not)\s+(?:worry|panic)\b|\byou(?:'ve|\s+have)\s+done\s+(?:exactly\s+)?the\s+right\s+thing\b|"
    r"\bplease\s+(?:don'?t|do\s+not)\s+(?:apologi[sz]e|feel\s+bad)\b",
    r"\bI(?:'m|\s+am)\s+on\s+it\b|\bI(?:\s+want\s+to|'m\s+going\s+to|\s+will)\s+(?:help\s+you\s+)?get\s+this\s+"
    r"(?:sorted|fixed|put\s+right)\b",
    # "I'm glad she's not hurt", "you did the right thing", "what an awful thing", "you shouldn't have had to".
    r"\b(?:I'?m|I\s+am)\s+(?:so\s+|really\s+|very\s+)?glad\s+(?:you|she|he|they|everyone)\b|\byou\s+did\s+(?:exactly\s+)?"
    r"the\s+right\s+thing\b|\bwhat\s+an?\s+(?:awful|terrible|horrible|stressful|worrying|frightening|scary|"
    r"upsetting)\b|\b(?:it|that)'s\s+(?:so\s+|really\s+)?(?:horrible|awful|frightening|scary|upsetting|maddening|"
    r"stressful)\b|\byou\s+shouldn'?t\s+have\s+(?:had\s+)?to\b|\b(?:totally|completely)\s+understand\b|"
    r"\bthat'?s\s+a\s+(?:brave|natural|reasonable|big|hard)\s+(?:question|thing\s+to)\b|\byou'?re\s+not\s+(?:stupid|"
    r"silly|daft|an\s+idiot)\b|\bI\s+hope\s+(?:the|it|everything|things)\b[^.!?]{0,40}\bgo(?:es)?\s+(?:well|smoothly)\b",
)
_OWN = any_of(
    r"\b(?:sorry|apologi[sz]e|apologies)\b",
    r"\b(?:our|my)\s+(?:mistake|fault|error|failure)\b|\bon\s+us\b|\bwe\s+(?:got\s+(?:it|this)\s+wrong|messed\s+up|"
    r"should\s+have|missed\s+it)\b|\bshouldn'?t\s+have\s+happened\b|\byou'?re\s+right\b",
)
_ALTERNATIVE = any_of(
    r"\bwhat\s+(?:I|we)\s+can\s+(?:do|offer)\b|\binstead\b|\balternatively\b|\banother\s+(?:way|option)\b",
    r"\b(?:I|we)(?:\s+(?:can|could)|(?:'d|\s+would)\s+be\s+(?:glad|happy|delighted)\s+to|(?:'m|\s+am|'re|\s+are)\s+"
    r"(?:happy|glad|free)\s+to)\s+(?!not\b|only\b)\w+",
    r"\b(?:I|we)(?:'ve|\s+have|'ll|\s+will)\s+(?!not\b|never\b)\w+",
    r"\byou\s+(?:can|could)\s+(?:still\s+|also\s+|always\s+)?(?!not\b|only\b)\w+",
    r"\b(?:would\s+you\s+like|want\s+me\s+to|shall\s+I|if\s+you(?:'d|\s+would)\s+(?:like|prefer|rather))\b",
    r"\b(?:but|however),?\s+(?:there'?s|there\s+is|we\s+do\s+have|it\s+doesn'?t\s+have\s+to)\b",
    r"\b(?:lets|allows)\s+you\s+(?:to\s+)?(?!not\b)\w+",
    r"\bif\s+you\b[^.!?]{0,80}\b(?:it'?ll|it\s+will|we'?ll|I'?ll|we\s+will|I\s+will|you'?ll\s+be\s+able)\b",
    r"\bif\s+you\s+(?:only\s+)?(?:need|want|prefer)\b",
    r"\[[^\]]{3,}\]",
    # Someone else can step in ("Residence Life can arrange a mediator"), or what was paid is not lost.
    r"\bwhat\s+(?:works|you\s+can\s+do)\b|\b(?:your\s+(?:\w+\s+)?(?:admin|manager|landlord|bank|school|GP|"
    r"doctor|pharmacist)|she|he|they)\s+can\s+(?!not\b|only\b)\w+|"
    r"\bif\s+it\s+(?:would|'d|will|might)\s+help\b|\b(?:can|could)\s+(?:also\s+|still\s+)?(?:arrange|offer|collect|"
    r"organi[sz]e|set\s+up)\b|\b(?:rolls?|carr(?:y|ies))\s+over\b|\bwon'?t\s+go\s+to\s+waste\b",
)
REFUSAL = any_of(
    r"\b(?:I|we)\s+(?:can'?t|cannot|can\s+not|won'?t|am\s+not\s+able\s+to|'m\s+not\s+able\s+to|are\s+not\s+able\s+"
    r"to|'re\s+not\s+able\s+to|are\s+unable\s+to|'m\s+unable\s+to|don'?t|do\s+not)\s+(?:\w+\s+)?(?:refund|offer|"
    r"give|extend|reopen|make|transfer|change|waive|share|disclose|return|honou?r|accept|allow|provide|pause|"
    r"reinstate|recover|cancel)\b",
)
# A sentence that opens with a plain yes.
AGREES = re.compile(r"(?:^|[.!?]\s+)(?:yes|yep|of\s+course|sure|absolutely|definitely)\b", re.IGNORECASE)
NEXT_STEP = any_of(
    r"\b(?:I|we)(?:'ve|\s+have|'ll|\s+will|'m|\s+am|\s+can|'d)\b|\byou\s+can\b|[→>]|\bplease\s+\w+",
    r"\b(?:go\s+to|click|tap|open|select|choose|press|reply|send|call|visit|download|upload|check|try|book|"
    r"contact|email|update|enter|log\s+in|submit|complete|fill\s+in|return|pay)\b|^(?:confirmed|done|sorted|all\s+set)\b",
    r"\?|\[[^\]]{3,}\]|^attached\b|\b(?:I'?ve|I\s+have|we'?ve)\s+attached\b|\b(?:shout|let\s+(?:me|us)\s+know)\s+if\b",
    # The thing itself, handed over ("here's the list: ...", "re-issued in euros"), or a plain yes.
    r"\bhere(?:'s|\s+is|\s+are)\b",
    AGREES.pattern,
    r"\b(?:has|have)\s+been\s+(?:sent|refunded|booked|moved|credited|cancelled|fixed|restored|reconnected|"
    r"updated|released|escalated|arranged|added|removed|re-?issued)\b",
    r"\b(?:will|'ll|should)\s+(?:be\s+(?:\w+ed|sent|done|back|live|with\s+you)|arrive|ship|reach|go\s+out|go\s+back|"
    r"land|appear|show\s+up|renew|restart)\b",
)


def acknowledges(draft: str) -> bool:
    """Whether the draft recognises the customer's feeling or trouble anywhere."""
    return _ACKNOWLEDGE.search(draft) is not None


def unacknowledged(draft: str, customer: Customer | None) -> bool:
    """Whether the customer is clearly upset and the draft recognises it nowhere."""
    return customer is not None and customer.upset and not acknowledges(draft)


def chills(draft: str, customer: Customer | None) -> bool:
    """Whether the draft recognises nothing of a customer to whom that reads as cold: the warmth
    reading's answer when it was made, else whether they are clearly upset."""
    if customer is None or acknowledges(draft):
        return False
    return customer.upset if customer.wants_warmth is None else customer.wants_warmth


def owns(draft: str) -> bool:
    """Whether the draft apologises or owns a mistake."""
    return _OWN.search(draft) is not None


def offers_alternative(draft: str) -> bool:
    """Whether the draft offers something: another option, an action taken, a next step."""
    return _ALTERNATIVE.search(draft) is not None


_IMPLICIT = re.compile(
    r"\bI\s+(?:can'?t|cannot|couldn'?t)\s+(?:find|see|work\s+out|figure\s+out)\s+(?:where|how|what|which|the|my)\b"
    r"[^.!?]*|\bI\s+(?:don'?t|do\s+not)\s+(?:know|understand|get)\s+(?:how|where|what|which|why|the\s+difference)\b"
    r"[^.!?]*",
    _I,
)


def implicit_asks(text: str) -> tuple[Ask, ...]:
    """'I can't find where to download my invoice' asks where it is, even with no question mark."""
    asks = []
    for match in _IMPLICIT.finditer(text):
        asks.append(Ask(text=match.group(), start=match.start(), end=match.end(), kind="question"))
    return tuple(asks)


_ACK_LINES = {
    "grief": "I'm so sorry for your loss.",
    "fear": "I understand how worrying this is.",
    "distress": "I'm so sorry; I can see how hard this is.",
    "anger": "I'm sorry, and I understand why you're upset.",
}


# Sentences the guard itself writes into a rewrite; the tone model never flags them.
GUARD_LINES = frozenset({*_ACK_LINES.values(), "I'm sorry about this."})


def feeling_to_meet(customer: Customer) -> str | None:
    """The feeling an acknowledgement meets: grief only for a death they tell of. Someone whose father
    is dying is met as distress is; "I'm so sorry for your loss" would be wrong."""
    if customer.feeling == "grief" and not customer.bereaved:
        return "distress"
    return customer.feeling


def acknowledgement_for(customer: Customer) -> str:
    """A short acknowledgement that fits how the customer feels (trouble told plainly, which the
    warmth reading finds, is met as distress is)."""
    feeling = feeling_to_meet(customer) or ("distress" if customer.wants_warmth else "")
    return _ACK_LINES.get(feeling, "I'm sorry about this.")
