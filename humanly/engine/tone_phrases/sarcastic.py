"""Sarcasm: mockery dressed up as politeness.

Component ``humanly.tone.sarcastic.v1``; the definition is in ``docs/tone.md``. Changing a rule means a new version.
"""

from __future__ import annotations

from humanly.engine.tone_rules import Rule, drop, rule, say, when

SARCASTIC = "humanly.tone.sarcastic.v5"
_SARCASTIC = (
    rule(
        "sarcastic",
        r"\b(?:since|because|as|now\s+that)\s+you\s+asked\s+so\s+(?:nicely|politely|kindly|sweetly)\b[^.!?]{0,60}",
        "Mocks the way the customer asked; sarcasm turns a complaint into a fight.",
        drop,
    ),
    rule(
        "sarcastic",
        r"\bthanks?(?:\s+you)?\s+for\s+asking\s+so\s+(?:nicely|politely|kindly)\b",
        "Thanking a blunt message for its manners is heard as sarcasm.",
        drop,
        only_if="blunt_customer",
    ),
    rule(
        "sarcastic",
        r"\bthanks?(?:\s+you)?\s+(?:so\s+much\s+)?for\s+(?:the|such|your|that)\s+(?:\S+\s+)?(?:detailed|"
        r"constructive|insightful|thoughtful|helpful)\s+and\s+(?:\S+\s+)?(?:detailed|constructive|insightful|"
        r"thoughtful|helpful)\s+(?:feedback|input|review|comments?|message)\b[!.]?",
        "Thanking a short insult for being 'detailed and constructive' is sarcasm; they will hear contempt.",
        say("Thanks for telling us."),
    ),
    rule(
        "sarcastic",
        r"\b(?:everyone|everybody)'?s\s+favou?rite\s+(?:hobby|pastime|thing|activity)\b[!.]?",
        "Jokes about the customer's wait; it makes light of their time.",
        say("I'm sorry about the wait"),
        "clause",
    ),
    rule(
        "sarcastic",
        r"\bbecause\s+obviously\b[^.!?]{0,80}|,\s*obviously\s*[.!]|\bfor\s+fun\b[.!]",
        "'Obviously' and 'for fun' are sarcasm here; the customer will feel mocked.",
        drop,
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\bwe(?:'re|\s+are)\s+all\s+on\s+(?:a\s+)?(?:beach|holiday)\b[^.!?]{0,40}",
        "Answers a worried question with a joke at the customer's expense.",
        say("Yes, we're here, and I'm sorry for the wait."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\b(?:oh|ah),?\s+I'?m\s+sure\s+you'?ll\s+be\s+(?:thrilled|delighted|overjoyed)\b[^.!?]{0,40}|,\s*I'?m\s+sure\s*[.!]",
        "Fake enthusiasm or a tagged-on 'I'm sure' is heard as sarcasm.",
        drop,
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\b(?:you'?ve|you\s+have|you\s+are|you'?re)\s+(?:certainly|really)\s+been\s+(?:persistent|busy|thorough|"
        r"keen)\b[!.]?|\b(?:really\s+)?(?:do\s+)?like\s+to\s+keep\s+(?:us|me)\s+on\s+(?:our|my)\s+toes\b[!.]?",
        "Teases the customer for contacting you; it sounds like mockery.",
        say("Thanks for bearing with us."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\bthe\s+classic\s+\w+\s+(?:panic|complaint|mistake|move|question|meltdown)\b[!.]?",
        "Labels the customer's worry as a cliché; sarcasm dismisses it.",
        say("That's a fair question."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\b(?:riveting|fascinating|thrilling)\s+(?:word|read|message|email|essay)s?\b[^.!?]{0,10}[.!]?",
        "Mock praise for what the customer wrote; it will sting.",
        say("Yes, I read your messages."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\bnot\s+(?:magicians|mind[- ]readers|miracle[- ]workers|psychics|wizards)\b",
        "A quip at the customer's expectations; they will feel laughed at.",
        say("I'm sorry it hasn't worked out as you hoped."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\b(?:just\s+)?kidding\b[.!]?|\bhave\s+you\s+tried\s+an?\s+\w+th\b[^.!?]{0,10}\?",
        "A joke at the customer's expense while they are stuck.",
        drop,
    ),
    rule(
        "sarcastic",
        r"^wow,\s+(?!thank|congrat|that'?s\s+(?:great|lovely|brilliant|amazing))[^.!?]{0,60}!",
        "'Wow' followed by an exclamation reads as mocking here.",
        say("I'm sorry about this."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\bglad\s+you(?:'re|\s+are)\s+keeping\s+(?:such\s+)?a\s+close\s+eye\b[^.!?]{0,40}[!.]?",
        "Fake gladness at the customer's complaint is sarcasm.",
        say("You're right to keep an eye on this."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\bwas\s+too\s+subtle\b|\b(?:perhaps|maybe)\s+the\s+(?:giant|huge|massive|big)\s+\w+\b[^.!?]{0,80}",
        "Mocks the customer for missing something; they will feel stupid.",
        say("I'm sorry that wasn't clearer."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\byour\s+(?:very\s+)?high\s+standards\b",
        "'Your very high standards' is sarcasm; it mocks the complaint.",
        say("I'm sorry it isn't meeting your expectations."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"^(?:amazing|funny|interesting|strange|odd|curious)\s+how\b[^.!?]{0,100}",
        "'Funny how...' insinuates the customer is not being honest.",
        say("I'm sorry it has stopped working."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\b(?:yes|oh),?\s+(?:we|I)\s+noticed\b[.!]?",
        "'Yes, we noticed' scoffs at the customer's effort to reach you.",
        say("I'm sorry they went unanswered."),
    ),
    rule(
        "sarcastic",
        r"^(?:maybe|perhaps)\s+(?:try|start)\b[^.!?]{0,60}\bthis\s+time\?",
        "A mocking question implying the customer skipped the basics.",
        say("It may help to go back to step 1."),
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\bwith\s+(?:great|such)\s+enthusiasm\b",
        "Mock enthusiasm; the customer will hear that their messages are a chore.",
        drop,
        "sentence",
    ),
    rule(
        "sarcastic",
        r"^well,\s+we(?:'re|\s+are)\s+\w+,\s+not\s+\w+\b[^.!?]{0,20}",
        "A quip in place of an answer; the customer will feel mocked.",
        say("I'm sorry it hasn't worked out as you hoped."),
        "sentence",
    ),
)

_SARCASTIC_MORE = (
    rule(
        "sarcastic",
        r"\b(?:isn'?t|wasn'?t)\s+(?:perfect|good)\s+enough\s+for\s+you\b[^.!?]{0,20}|\byou'?d\s+do\s+(?:a\s+)?(?:much\s+)?"
        r"better\s+job\b[^.!?]{0,20}|^(?:fascinating|riveting|how\s+interesting|how\s+original)[.!]",
        "Mock sympathy or praise; the customer will hear contempt.",
        drop,
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\b(?:shock(?:ing|er),?\s+I\s+know|who\s+knew|what\s+a\s+tragedy|how\s+tragic|nice\s+try|alert\s+the\s+media|"
        r"hold\s+the\s+front\s+page|newsflash|in\s+case\s+you\s+hadn'?t\s+noticed|must\s+be\s+nice|brilliant\s+detective"
        r"\s+work|well\s+done\s+for\s+noticing|the\s+world\s+(?:doesn'?t|does\s+not)\s+revolve)\b[^.!?]{0,40}",
        "A sarcastic quip; the customer will hear mockery, not help.",
        drop,
        "sentence",
    ),
    rule(
        "sarcastic",
        r"^(?:oh\s+)?(?:great|wonderful|fantastic|brilliant|perfect|lovely),?\s+(?:another|more|just\s+what)\b[^.!?]{0,40}"
        r"|\bwhat\s+a\s+(?:surprise|shock(?:er)?)\b[.!]?|\bwell,?\s+that'?s\s+a\s+new\s+one\b[.!]?|\byeah,?\s+right\b[.!]?",
        "Mock delight or disbelief; the customer will hear contempt.",
        drop,
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\b(?:sure|right),?\s+because\s+we\b[^.!?]{0,60}|\bbecause\s+we\s+(?:have|'ve\s+got)\s+nothing\s+better\s+to\s+"
        r"do\b[^.!?]{0,20}",
        "A sarcastic aside in place of an answer.",
        drop,
        "sentence",
    ),
    rule(
        "sarcastic",
        r"\bcongratulations\s+on\s+(?:finding|discovering)\s+(?:the\s+(?:one|only)|a|another)\s+(?:\w+\s+)?(?:bug|flaw|"
        r"problem|mistake|typo)\b[^.!?]{0,40}|\bcongratulations\s+on\s+breaking\b[^.!?]{0,40}|\bclearly\s+you(?:'re|\s+are)\s+"
        r"(?:an?\s+)?(?:expert|genius|professional)\b[^.!?]{0,20}|\bgood\s+luck\s+with\s+that\b[.!]?",
        "Mock praise; the customer will feel laughed at.",
        drop,
        "sentence",
    ),
)

# Families of mock cheer: a bright side, a bonus or a "lovely" turn given to the customer's trouble.
_SARCASTIC_FAMILIES = (
    rule(
        "sarcastic",
        r"\bon\s+the\s+bright\s+side\b[^.!?]*!|\b(?:consider|think\s+of)\s+(?:it|this|that)\s+(?:as\s+)?a\s+"
        r"(?:free\s+)?(?:bonus|head\s+start|perk|gift|treat)\b[^.!?]*|\b(?:a\s+)?(?:bonus|free)\s+\w+\s+(?:lesson|workout|"
        r"adventure|experience)\b[^.!?]*!|\b(?:third|second)\s+time'?s\s+(?:the|a)\s+charm\b!?|\bsomeone'?s\s+"
        r"(?:dedicated|keen|eager|popular|busy)\b!?|\b(?:shockingly|believe\s+it\s+or\s+not|surprise,\s+surprise)\b"
        r"[^.!?]*[.!]|\bhow\s+(?:retro|quaint|original|exciting|novel)\b!|\bsounds\s+like\s+a\s+(?:lovely|fun|great|nice)\b"
        r"[^.!?]*!|\bvery\s+(?:minimalist|brave|bold|creative)\s+of\s+(?:them|you)\b",
        "Makes light of the customer's trouble; however it is meant, it reads as mockery.",
        drop,
        "sentence",
    ),
)


# More mock cheer and mock praise (v3).
_SARCASTIC_MORE3 = (
    rule(
        "sarcastic",
        r"\bapparently!|\bhow\s+very\s+\w+\s+of\s+(?:you|them)\b[^.!?]*|\bas\s+they\s+say!|\bI'?m\s+sure\s+you'?d\s+have\s+"
        r"preferred\b[^.!?]*|^(?:oh|ah),?\s+the\s+(?:joys|authentic|wonders|magic)\b[^.!?]*|\bgood\s+things\s+come\s+to\s+those\s+"
        r"who\s+wait\b|\bbut\s+sure,\s+we'?ll\b[^.!?]*|^well,\s+it'?ll\s+definitely\s+be\b[^.!?]*|\bI'?m\s+sure\s+it\s+was\s+a\s+"
        r"very\s+gentle\b[^.!?]*|\bsounds\s+like\s+the\s+\w+\s+thinks\b[^.!?]*|\b\w+\s+exists,\s+unfortunately\b|\bnot\s+many\s+"
        r"customers\s+check\s+\w+(?:\s+\w+){0,4}|\bso\s+glad\s+you\s+enjoyed\s+our\b[^.!?]*",
        "Answers the customer's trouble with a joke at their expense; it reads as mockery.",
        drop,
        "sentence",
    ),
)

# Mock cheer needs trouble to mock: with no complaint, "on the bright side" is just cheer.
# v4: mock offers and mock wonder ("while I'm at it I'll paint the Sistine Chapel", "we'll get right on
# building a multi-storey", "what could possibly go wrong?", "I'll be sure to send a daily bulletin from
# now on", "welcome to the internet!").
_SARCASTIC_MORE4 = (
    rule(
        "sarcastic",
        r"\bwhile\s+I'?m\s+at\s+it\b[^.!?]*[.!?]?|\bwe'?ll\s+get\s+right\s+on\s+\w+ing\b[^.!?]*[.!?]?|\bwhat\s+could\s+"
        r"possibly\s+go\s+wrong\b\??|\b(?:it'?s\s+)?all\s+a\s+cunning\s+plan\b[^.!?]*[.!?]?|\bbit\s+of\s+light\s+reading\b"
        r"[^.!?]*[.!?]?|\bwelcome\s+to\s+the\s+(?:internet|real\s+world)\b[.!]?|\brequest\s+for\s+a\s+red\s+carpet\b|"
        r"\bI'?ll\s+be\s+sure\s+to\b[^.!?]*\bfrom\s+now\s+on\b[.!]?",
        "Mockery dressed as an offer or a joke; the customer hears that their trouble is funny to us.",
        drop,
        "sentence",
    ),
)

# v5: praise said through gritted teeth taken at its word ("Thanks for nothing" answered with
# "You're welcome!", "great, another price rise. love that for me" with "Glad you're loving it!").
_SARCASTIC_MORE5 = (
    rule(
        "sarcastic",
        r"^(?:\w+,\s+)?(?:(?:I'?m|we'?re|so)\s+)?glad\s+(?:to\s+(?:see|hear)\s+(?:that\s+)?)?you(?:'re|\s+are)\s+(?:\w+\s+)?"
        r"(?:enjoying|loving|liking|appreciating|putting|having\s+(?:fun|a\s+good))\b[^.!?]*[.!]?|^(?:\w+,\s+)?(?:so\s+)?"
        r"glad\s+(?:to\s+hear\s+)?you\s+(?:appreciated|enjoyed|liked|loved)\b[^.!?]*[.!]?|^thanks?,?\s+we\s+(?:think\s+so\s+"
        r"too|do\s+try|try\s+our\s+best)\b[^.!?]*[.!]?|^you(?:'re|\s+are)\s+(?:very\s+|most\s+)?welcome\b[^.!?]*[.!]?|"
        r"\balways\s+a\s+pleasure\b[^.!?]*[.!]?",
        "Takes ironic praise at its word; the customer hears their complaint laughed off.",
        say("I'm sorry; that isn't good enough."),
        "sentence",
    ),
)

RULES: tuple[Rule, ...] = (
    _SARCASTIC
    + _SARCASTIC_MORE
    + _SARCASTIC_MORE4
    + when("ironic_customer", _SARCASTIC_MORE5)
    + when("complaint", _SARCASTIC_FAMILIES + _SARCASTIC_MORE3)
)
