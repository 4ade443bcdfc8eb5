"""Language: is the new text English (what the models were trained on), and if not, which language.

Component name: ``humanly.language.langid.v1`` (py3langid's bundled naive Bayes model, BSD-3).
Short or symbol-only text is hard to identify; it is reported as English with low
confidence unless another script dominates, so "hi" or "👍" never becomes Serbian.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property

from humanly.engine.types import Language

SAMPLE = 3000
MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_URL_OR_MAIL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
SCRIPT_LANGUAGES = {
    "CYRILLIC": "ru",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "THAI": "th",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
}


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name.startswith(("LATIN", "FULLWIDTH LATIN")):
        return "LATIN"
    for script in SCRIPT_LANGUAGES:
        if name.startswith(script):
            return script
    return "OTHER"


class LanguageDetector:
    @cached_property
    def _identifier(self):  # type: ignore[no-untyped-def]  # py3langid ships no type hints
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def detect(self, text: str) -> Language:
        sample = _URL_OR_MAIL.sub(" ", text[:SAMPLE])
        letters = _LETTER.findall(sample)
        if not letters:
            return Language(code="und", confidence=0.0, supported=True)
        scripts: dict[str, int] = {}
        for ch in letters:
            script = _script(ch)
            scripts[script] = scripts.get(script, 0) + 1
        main, count = max(scripts.items(), key=lambda kv: kv[1])
        if main not in ("LATIN", "OTHER") and count >= 0.5 * len(letters):
            code = SCRIPT_LANGUAGES[main]
            if main == "CJK" and scripts.get("HIRAGANA", 0) + scripts.get("KATAKANA", 0):
                code = "ja"
            if main in ("CYRILLIC", "CJK", "ARABIC") or len(letters) >= MIN_LETTERS:
                guess, confidence = self._identifier.classify(sample)
                if guess and confidence >= 0.5:
                    code = str(guess)
            return Language(code=code, confidence=round(count / len(letters), 4), supported=False)
        if len(letters) < MIN_LETTERS:
            return Language(code="en", confidence=0.3, supported=True)
        guess, confidence = self._identifier.classify(sample)
        confidence = float(confidence)
        if guess == "en" or confidence < 0.8:
            return Language(
                code="en",
                confidence=round(confidence if guess == "en" else 1 - confidence, 4),
                supported=True,
            )
        return Language(code=str(guess), confidence=round(confidence, 4), supported=False)
