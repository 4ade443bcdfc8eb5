"""``analyze``: the engine's reading of a customer message, assembled from its components."""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from humanly.engine import text as textmod
from humanly.engine.asks import find_asks
from humanly.engine.emotions import EmotionModel, Sentiment
from humanly.engine.encoder import Encoder
from humanly.engine.intents import CATALOGUE, IntentDefinition, IntentMatcher, load_catalogue, merge
from humanly.engine.language import LanguageDetector
from humanly.engine.preferences import stated
from humanly.engine.signals import chasing, escalation, needs, read_signals
from humanly.engine.types import Analysis, Ask, Evidence, Intent

log = logging.getLogger(__name__)

MODELS = Path(__file__).parent / "models"
CHUNK_WORDS = 90
MAX_CHUNKS = 16
GIST_CHARS = 160
_WORDS = re.compile(r"\S+")
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|to whom)\b[^.!?\n]{0,40}[,.!:]?$",
    re.IGNORECASE,
)


def _states_preference(ask: Ask, preferences: Sequence[Evidence]) -> bool:
    """Whether a stated preference covers at least half of the ask."""
    covered = sum(max(0, min(ask.end, p.end) - max(ask.start, p.start)) for p in preferences)
    return covered * 2 >= max(1, ask.end - ask.start)


def chunk(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, int]]:
    """Sentence-aligned pieces of about ``CHUNK_WORDS`` words (the encoder's 128-token window),
    with their word counts; a very long message keeps its first and last pieces."""
    pieces: list[tuple[str, int]] = []
    start: int | None = None
    end = 0
    words = 0
    for s, e in spans:
        n = len(_WORDS.findall(text[s:e]))
        if start is not None and words + n > CHUNK_WORDS:
            pieces.append((text[start:end], words))
            start, words = None, 0
            if len(pieces) > 4 * MAX_CHUNKS:
                break
        if start is None:
            start = s
        end, words = e, words + n
    if start is not None:
        pieces.append((text[start:end], words))
    if not pieces:
        return [("", 0)]
    if len(pieces) > MAX_CHUNKS:
        pieces = pieces[: MAX_CHUNKS - 4] + pieces[-4:]
    return pieces


def _shorten(sentence: str, limit: int = GIST_CHARS) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def gist(text: str, spans: Sequence[tuple[int, int]], asks: Sequence[Ask], intents: Sequence[Intent]) -> str:
    """One line: the topic and the first ask, or, with no ask, the first sentence that says something."""
    topic = next((i.label for i in intents if i.label != "long_story"), "")
    prefix = topic.replace("_", " ").capitalize() + ": " if topic else ""
    if asks:
        more = len(asks) - 1
        tail = f" (+{more} more ask{'s' if more > 1 else ''})" if more else ""
        return prefix + _shorten(asks[0].text, GIST_CHARS - len(prefix) - len(tail)) + tail
    for s, e in spans:
        sentence = text[s:e]
        if len(_WORDS.findall(sentence)) >= 3 and not _GREETING.match(sentence):
            lead = "No direct ask. " if any(i.label == "long_story" for i in intents) else ""
            return prefix + lead + _shorten(sentence, GIST_CHARS - len(prefix) - len(lead))
    return prefix + _shorten(text) if text else ""


class Analyzer:
    def __init__(
        self,
        *,
        models: Path = MODELS,
        intents_file: Path | None = None,
        threads: int = 2,
    ) -> None:
        self.emotions = EmotionModel.load(models)
        self.encoder = Encoder(models, threads=threads)
        self.sentiment = Sentiment()
        self.language = LanguageDetector()
        definitions = load_catalogue(CATALOGUE)
        if intents_file is not None:
            definitions = merge(definitions, load_catalogue(intents_file))
        self.intents = IntentMatcher(
            definitions, lambda s: self.encoder.encode(s).vectors, self.encoder.fingerprint
        )

    def with_intents(self, extra: Sequence[IntentDefinition]) -> Analyzer:
        """A view sharing every model of this analyzer, with ``extra`` intents merged into its catalogue
        (only their sentences are encoded); this analyzer is unchanged."""
        view = copy.copy(self)
        view.intents = self.intents.extended(
            extra, lambda s: self.encoder.encode(s).vectors, self.encoder.fingerprint
        )
        return view

    def analyze_many(self, messages: Sequence[str | bytes]) -> list[Analysis]:
        cleaned = [textmod.clean(m) for m in messages]
        spans = [textmod.sentences(c.text) for c in cleaned]
        pieces = [chunk(c.text, s) for c, s in zip(cleaned, spans, strict=True)]
        flat = [p for ps in pieces for p, _ in ps]
        encoded = self.encoder.encode(flat)
        results = []
        at = 0
        for c, sp, ps in zip(cleaned, spans, pieces, strict=True):
            rows = slice(at, at + len(ps))
            at += len(ps)
            results.append(self._read(c, sp, ps, encoded.vectors[rows], encoded.logits[rows]))
        return results

    def analyze(self, message: str | bytes) -> Analysis:
        return self.analyze_many([message])[0]

    def _read(
        self,
        cleaned: textmod.CleanText,
        spans: list[tuple[int, int]],
        pieces: list[tuple[str, int]],
        vectors: npt.NDArray[np.float32],
        logits: npt.NDArray[np.float32],
    ) -> Analysis:
        text = cleaned.text
        language = self.language.detect(text)
        weights = [max(1, n) for _, n in pieces]
        probs = self.emotions.probabilities(logits, [p for p, _ in pieces], [float(w) for w in weights])
        preferences = stated(text)
        # "Please call me Sam" tells how to answer; it is not something to answer.
        asks = tuple(a for a in find_asks(text, spans) if not _states_preference(a, preferences))
        words = sum(weights) if text else 0
        intents = self.intents.score(vectors, text, words=words, has_asks=bool(asks)) if text else ()
        signals = read_signals(text, spans, intents)
        if chasing(text, signals.flags):  # "I've emailed twice!!" is annoyance, whatever the model read
            probs = self.emotions.lifted(probs, "annoyance")
        emotions = self.emotions.read(probs, text)
        sentiment = self.sentiment.score(text, emotions.scores)
        risk = escalation(signals.flags, emotions, sentiment)
        return Analysis(
            text=text,
            quoted=cleaned.quoted,
            signature=cleaned.signature,
            language=language,
            emotions=emotions,
            sentiment=sentiment,
            intents=intents,
            asks=asks,
            gist=gist(text, spans, asks, intents),
            expectations=signals.expectations,
            flags=signals.flags,
            escalation=risk,
            needs=needs(text, asks, emotions, sentiment, signals, intents) if text else (),
            evidence=signals.evidence,
            preferences=preferences,
        )
