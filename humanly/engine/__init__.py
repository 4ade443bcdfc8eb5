"""The humanly empathy engine: read a customer's message.

    >>> import humanly.engine
    >>> engine = humanly.engine.load()
    >>> reading = engine.analyze("Where is my order? It was due on Monday.")
    >>> reading.asks[0].kind
    'question'

The engine is pure Python over small bundled models; it never imports a web framework,
never prints, and never reaches the network.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from pathlib import Path

from humanly.engine.analyzer import MODELS, Analyzer
from humanly.engine.compose import DraftContext, compose, query
from humanly.engine.drafting import finish
from humanly.engine.encoder import FloatArray
from humanly.engine.intents import CatalogueError, IntentDefinition, parse_intents
from humanly.engine.knowledge import Article, Hit, KnowledgeBase, KnowledgeError, Passage
from humanly.engine.llm import LLMConfig, LLMError, chat_client, polish
from humanly.engine.playbook import PLAYBOOK_TOKENS, Playbook, last_customer_text
from humanly.engine.politeness import DRAFT_TOKENS, Politeness
from humanly.engine.tone import check_reply, draft_politeness
from humanly.engine.tone_customer import read_customer
from humanly.engine.tone_model import ToneModel
from humanly.engine.tone_unanswered import Answers
from humanly.engine.tone_warmth import Warmth
from humanly.engine.types import (
    Analysis,
    Ask,
    Draft,
    DraftPart,
    Emotions,
    Escalation,
    Evidence,
    Finding,
    Gap,
    Intent,
    Landing,
    Language,
    Missing,
    Profile,
    Reading,
    Source,
    ToneReport,
    ToneScores,
    Turn,
    Voice,
)

# The knowledge base of Brightwater Academy, the demo business, shipped with humanly.
DEMO_KNOWLEDGE = Path(__file__).parent / "demo_kb"

__all__ = [
    "DEMO_KNOWLEDGE",
    "Analysis",
    "Article",
    "Ask",
    "CatalogueError",
    "Draft",
    "DraftContext",
    "DraftPart",
    "Emotions",
    "Engine",
    "Escalation",
    "Evidence",
    "Finding",
    "Gap",
    "Hit",
    "Intent",
    "IntentDefinition",
    "KnowledgeBase",
    "KnowledgeError",
    "LLMConfig",
    "LLMError",
    "Landing",
    "Language",
    "Missing",
    "Passage",
    "Profile",
    "Reading",
    "Source",
    "ToneReport",
    "ToneScores",
    "Turn",
    "Voice",
    "chat_client",
    "load",
]


class Engine:
    """The three verbs over one set of loaded models. Create it once with ``load()`` and reuse it."""

    def __init__(
        self, *, intents_file: Path | None = None, threads: int = 2, llm: LLMConfig | None = None
    ) -> None:
        self._analyzer = Analyzer(intents_file=intents_file, threads=threads)
        self._politeness = Politeness(MODELS, threads=threads, encoder=self._analyzer.encoder)
        self._tone = ToneModel(MODELS, encoder=self._analyzer.encoder, threads=threads)
        self._warmth = Warmth(MODELS)
        self._answers = Answers(MODELS)
        self._playbook = Playbook(MODELS)
        self._complete = chat_client(llm) if llm is not None else None

    def with_business(
        self, *, intents: Sequence[IntentDefinition] = (), llm: LLMConfig | None = None
    ) -> Engine:
        """A light view of this engine for one business: every loaded model is shared (nothing is loaded
        again), with ``intents`` added to the catalogue and ``llm`` as the language model for drafts.

        The intents are checked as an intents file is (``CatalogueError``); one named like a built-in
        intent replaces it. Only their examples and descriptions are encoded, once, when the view is made.
        ``llm=None`` keeps this engine's language model (or none). This engine is unchanged."""
        checked = parse_intents(intents)
        view = copy.copy(self)
        view._analyzer = self._analyzer.with_intents(checked)
        if llm is not None:
            view._complete = chat_client(llm)
        return view

    def analyze(self, message: str | bytes) -> Analysis:
        """Read one customer message (plain text or an HTML mail body)."""
        return self._analyzer.analyze(message)

    def analyze_many(self, messages: list[str | bytes]) -> list[Analysis]:
        """Read several messages at once: faster than one by one, same results."""
        return self._analyzer.analyze_many(messages)

    def check_reply(
        self,
        draft: str,
        message: str | bytes | None = None,
        analysis: Analysis | None = None,
        *,
        whole_rewrite: bool = True,
    ) -> ToneReport:
        """Check an agent's draft before it is sent, against the customer's message when given.

        Pass ``analysis`` when the message has already been read, to save reading it twice. A live
        check while the agent types can pass ``whole_rewrite=False``: the report is the same but for
        ``rewrite``, which is ``None`` (each finding keeps its own calmer wording), at about half the cost.
        """
        if analysis is None and message:
            analysis = self.analyze(message)
        text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
        return check_reply(
            draft,
            message=text,
            analysis=analysis,
            politeness=self._draft_politeness,
            model=self._tone.flags,
            warmth=self._warmth,
            answers=self._answers,
            whole_rewrite=whole_rewrite,
        )

    def _draft_politeness(self, draft: str) -> float:
        return draft_politeness(self._politeness, self._tone, draft)

    def politeness(self, text: str) -> float:
        """How polite a text reads, 0-1 (0.5 is the line between impolite and polite requests).

        Reads the first ``politeness.DRAFT_TOKENS`` tokens (about 45 words)."""
        return self._politeness.score([text], max_tokens=DRAFT_TOKENS)[0]

    def check_replies(self, drafts: list[str], messages: list[str | None]) -> list[ToneReport]:
        """Check several drafts, each against its message (or ``None``); the messages are read at once."""
        if len(drafts) != len(messages):
            raise ValueError("give one message (or None) per draft")
        given = [i for i, m in enumerate(messages) if m]
        readings: list[Analysis | None] = [None] * len(drafts)
        for i, reading in zip(given, self.analyze_many([messages[i] or "" for i in given]), strict=True):
            readings[i] = reading
        return [
            check_reply(
                draft,
                message=message,
                analysis=reading,
                politeness=self._draft_politeness,
                model=self._tone.flags,
                warmth=self._warmth,
                answers=self._answers,
            )
            for draft, message, reading in zip(drafts, messages, readings, strict=True)
        ]

    # --- knowledge and drafts ----------------------------------------------------------------------

    def _embed(self, texts: list[str], max_tokens: int | None = None) -> FloatArray:
        return self._analyzer.encoder.encode(texts, max_tokens=max_tokens).vectors

    def encode_texts(self, texts: list[str], max_tokens: int | None = None) -> FloatArray:
        """Unit sentence vectors (384-d) of texts, as the knowledge search and the playbook read them."""
        return self._embed(texts, max_tokens)

    def knowledge(
        self, folder: Path | None = None, *, articles: Sequence[Article] | None = None
    ) -> KnowledgeBase:
        """A knowledge base searched with this engine's encoder: the given articles (the desk's, from its
        database; ``[]`` for an empty one to fill with ``upsert``), a folder of Markdown articles, or with
        neither, the demo business's."""
        encoder = self._analyzer.encoder
        if articles is not None:
            return KnowledgeBase(articles, embed=self._embed, model_id=encoder.fingerprint)
        return KnowledgeBase.from_folder(
            folder or DEMO_KNOWLEDGE, embed=self._embed, model_id=encoder.fingerprint
        )

    def stage(self, thread: Sequence[Turn]) -> Reading:
        """Where a conversation stands: the playbook stage for the next reply and the customer's trajectory.
        ``thread`` runs oldest first and ends with the customer's message to answer."""
        customer_turns = [t.text for t in thread if t.role == "customer"]
        if not customer_turns:
            raise ValueError("the thread has no customer message to answer")
        vector = self._embed([last_customer_text(thread)], PLAYBOOK_TOKENS)[0]
        return self._playbook.read(thread, self.analyze_many(list(customer_turns)), vector)

    def draft_reply(
        self, message: str | bytes, context: DraftContext | None = None, *, analysis: Analysis | None = None
    ) -> Draft:
        """A suggested reply to ``message``, grounded in ``context.knowledge`` and checked by the tone guard.

        ``context.thread`` is the conversation before this message, oldest first. Pass ``analysis`` when the
        message has already been read (the desk stores every reading), to save reading it again. Nothing is
        sent: the draft is for the agent to read, edit and send."""
        context = context or DraftContext()
        if analysis is None:
            analysis = self.analyze(message)
        earlier = [t for t in context.thread if t.role == "customer"]
        readings = [*self.analyze_many([t.text for t in earlier]), analysis] if earlier else [analysis]
        turns = [*context.thread, Turn("customer", analysis.text)]
        reading = self._playbook.read(
            turns, readings, self._embed([last_customer_text(turns)], PLAYBOOK_TOKENS)[0]
        )
        customer = read_customer(analysis.text, analysis)
        assert customer is not None  # a reading always gives a customer
        if (
            customer.feeling == "grief"
            and reading.stage in ("boundary", "redirect")
            and not context.thread  # a first message from someone grieving never meets a limit
        ):
            reading = dataclasses.replace(reading, stage="calm", reasons=(*reading.reasons, "grief"))
        if context.stage is not None and context.stage != reading.stage:
            reading = dataclasses.replace(
                reading, stage=context.stage, reasons=(*reading.reasons, "asked for")
            )
        kb = context.knowledge
        hits: list[list[Hit]] = []
        vectors: FloatArray | None = None
        if kb is not None and analysis.asks:
            queries = [query(ask, analysis) for ask in analysis.asks]
            vectors = self._embed(queries)
            hits = [kb.search(q, 5, vector=vectors[i], kinds=("article",)) for i, q in enumerate(queries)]
        composition = compose(
            analysis, customer, reading.stage, context, hits, list(vectors) if vectors is not None else None
        )
        text = analysis.text

        def check(draft: str) -> ToneReport:  # the verdict is all a draft needs: no politeness pass
            return check_reply(
                draft,
                message=text,
                analysis=analysis,
                politeness=_unscored,
                model=self._tone.flags,
                warmth=self._warmth,
                answers=self._answers,
                whole_rewrite=False,
            )

        draft = finish(composition, analysis, customer, reading, context, check)
        if self._complete is None:
            return draft
        sources = [text, context.instruction, *(t.text for t in context.thread)]
        sources += [p.passage.text for hs in hits for p in hs]
        if kb is not None:
            sources += [
                kb_passage.text
                for p in draft.parts
                if p.source
                for kb_passage in kb.passages(p.source.article_id)
            ]
        return polish(draft, text, sources, self._complete, check)


def _unscored(_: str) -> float:
    return 0.5


def load(*, intents_file: Path | None = None, threads: int = 2, llm: LLMConfig | None = None) -> Engine:
    """Load the engine. ``intents_file`` adds a business's own intents (TOML or YAML); ``llm`` an
    OpenAI-compatible chat endpoint that rewrites drafts in more natural prose (optional)."""
    return Engine(intents_file=intents_file, threads=threads, llm=llm)
