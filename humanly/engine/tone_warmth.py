"""The warmth reading (component ``humanly.tone.warmth.v1``): whether a reply that recognises nothing
of the customer's message will read as cold to them.

The rules (``tone_customer``) call a customer clearly upset from their words of grief, fear, distress
or anger. Many people in trouble say it plainly instead ("our boiler has been broken for 9 days and
we have a toddler at home"), and some angry words come with a calm question. Two lexical models, trained on
labelled replies that acknowledge nothing (``training/train_warmth.py``), read the message; a reply
that acknowledges nothing is cold when the rules call the customer upset and the models agree a
little (``upset_at``), or when the models are sure (``alone_at``) whatever the rules say.
"""

from __future__ import annotations

import json
from pathlib import Path

from humanly.engine.lexical import LexicalModel
from humanly.engine.tone_customer import Customer

__all__ = ["NAME", "Warmth", "reads_cold"]

NAME = "humanly.tone.warmth.v1"


def reads_cold(p: float, upset: bool, upset_at: float, alone_at: float) -> bool:
    """The decision from the models' probability ``p`` and the rules' "clearly upset"."""
    return p >= alone_at or (upset and p >= upset_at)


class Warmth:
    """Reads a customer's message; call it with the rules' reading of that message."""

    def __init__(self, model_dir: Path) -> None:
        meta = json.loads((model_dir / "tone_warmth.json").read_text(encoding="utf-8"))
        self._models = [LexicalModel(model_dir / f"tone_warmth_{name}.npz") for name in meta["models"]]
        self._upset_at = float(meta["upset_at"])
        self._alone_at = float(meta["alone_at"])

    def probability(self, message: str) -> float:
        """How likely a reply that acknowledges nothing reads as cold to the writer of ``message``."""
        return sum(float(m.probabilities(message)[0]) for m in self._models) / len(self._models)

    def __call__(self, customer: Customer) -> bool:
        """Whether a reply that acknowledges nothing would read as cold to this customer."""
        p = self.probability(customer.text)
        return reads_cold(p, customer.upset, self._upset_at, self._alone_at)
