"""How the tone model does on replies it never saw: the recipe of training/train_tone.py.

Trains the tone model as shipped (one transformer layer on the encoder's layer-2 token states of
the draft followed by the customer's message, 8 epochs) on every development reply but one file
of replies written for humanly (by default replies_extra7), and measures it on that file. Prints
how often the kind is right on problem sentences, sentence precision/recall, and the product's
figures for the model alone and for the model added to the current rules without the shipped
model (the rules may have been developed on that file, so the second figure can flatter them), each
with the model's own kind and with the kind blended with the lexical kind models (trained on the
same replies), and how often the kind is right for a grid of blends.

Needs the ``train`` extra (torch) and ../shared/data/humanly_dev (not shipped). About 4 minutes on
2 cores. Usage: python benchmarks/tone_model_probe.py [--test replies_extraN] [--epochs N] [--layers N]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from _common import SHARED, need, read_jsonl
from tone import score

from humanly.engine.analyzer import MODELS
from humanly.engine.encoder import Encoder
from humanly.engine.tone_model import blend_kinds
from humanly.engine.training.train_tone import (
    KIND_BALANCED,
    KIND_BLEND,
    KIND_C,
    KINDS,
    NO_MESSAGE,
    examples,
    fit,
    kind_models,
    labelled,
    rows,
    sentence_logits,
)

DATA = Path(__file__).parent / "data"


def option(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> None:
    import torch

    epochs, depth = int(option("--epochs", "8")), int(option("--layers", "1"))
    held = option("--test", "replies_extra7")
    torch.set_num_threads(2)
    torch.manual_seed(1)
    train = rows(need(SHARED / "humanly_dev"), leave_out=(held,))
    encoder = Encoder(MODELS, threads=2)
    blank = torch.from_numpy(encoder.states_and_offsets(NO_MESSAGE)[0])
    model = fit(
        examples(train, encoder), layers=depth, epochs=epochs, lr=5e-5, head_lr=1e-3, seed=1, blank=blank
    )
    print(f"trained on {len(train)} replies")
    measure(model, encoder, held, read_jsonl(DATA / f"{held}.jsonl"), train)


def rules_alone(rows: list[dict[str, str]]) -> dict[str, dict[str, object]]:
    """The guard's reports with its rules only (the shipped model may have been trained on these rows)."""
    import humanly.engine
    from humanly.engine.tone import check_reply

    engine = humanly.engine.load(threads=1)
    return {
        r["id"]: check_reply(
            r["reply"],
            r["customer"],
            engine.analyze(r["customer"]),
            model=lambda text, spans, message: [],
            whole_rewrite=False,
        ).to_dict()
        for r in rows
    }


Found = dict[str, list[tuple[tuple[int, ...], float, Any]]]


def measure(
    model: object, encoder: Encoder, held: str, test: list[dict[str, str]], train: list[dict[str, Any]]
) -> None:
    import torch

    found: Found = {}
    with torch.no_grad():
        for row in test:
            states, offsets = encoder.states_and_offsets(row["reply"])
            context = torch.from_numpy(encoder.states_and_offsets(row["customer"] or NO_MESSAGE)[0])
            spans = labelled(row["reply"], row["issues"], offsets, len(states))
            if spans:
                flags, kinds = sentence_logits(model, torch.from_numpy(states), context, spans)
                found[str(row["id"])] = list(
                    zip(spans, torch.sigmoid(flags).tolist(), kinds.numpy(), strict=True)
                )
    pairs = [(s[4], p) for v in found.values() for s, p, _ in v]
    print(f"== {held} ({len(test)} replies, never trained on)")
    positives = sum(y for y, _ in pairs)
    for th in (0.5, 0.7, 0.9):
        tp = sum(1 for y, p in pairs if y and p >= th)
        fp = sum(1 for y, p in pairs if not y and p >= th)
        print(f"sentences at {th}: precision {tp / max(1, tp + fp):.2f}, recall {tp / positives:.2f}")
    texts = {str(r["id"]): r["reply"] for r in test}
    problems = [(texts[i][s[0] : s[1]], s[5], k) for i, v in found.items() for s, _, k in v if s[4]]
    print(f"kind right on true problem sentences (model alone): {kind_right(problems, {}, 1.0):.3f}")
    print("kind right with the lexical kind models (trained on the same replies as the model):")
    shipped: dict[str, Any] = {}
    for balanced in (True, False):
        for c in (2.0, 10.0):
            models = kind_models(train, c=c, balanced=balanced)
            probs = {
                name: [m.predict_proba(v.transform([t]))[0] for t, _, _ in problems]
                for name, (v, m) in models.items()
            }
            if (balanced, c) == (KIND_BALANCED, KIND_C):
                shipped = models
            cells = []
            for words in (0.0, 0.5, 1.0):
                for share in (0.0, 0.2, 0.3, 0.4, 0.5):
                    right = kind_right(
                        problems,
                        {"words": (probs["words"], words), "chars": (probs["chars"], 1 - words)},
                        share,
                    )
                    cells.append(f"a={share} words {words}: {right:.3f}")
            print(f"  {'balanced' if balanced else 'plain'} C={c}: " + "; ".join(cells))

    def shipped_kind(text: str, logits: Any) -> int:
        lexical = [
            (m.predict_proba(v.transform([text]))[0], KIND_BLEND[name]) for name, (v, m) in shipped.items()
        ]
        return int(blend_kinds(logits, lexical, KIND_BLEND["model"]).argmax())

    rules = rules_alone(test)
    for label, choose in (
        ("model kind", lambda text, logits: int(logits.argmax())),
        ("blended kind", shipped_kind),
    ):
        for th in (0.7, 0.85):
            alone, added = {}, {}
            for r in test:
                hits = [
                    (s[0], s[1], KINDS[choose(r["reply"][s[0] : s[1]], k)])
                    for s, p, k in found.get(r["id"], [])
                    if p >= th
                ]
                alone[r["id"]] = {
                    "findings": [{"kind": k, "start": a, "end": b} for a, b, k in hits],
                    "verdict": "revise" if hits else "send",
                }
                report = json.loads(json.dumps(rules[r["id"]]))
                for a, b, k in hits:
                    if not any(f["start"] < b and a < f["end"] for f in report["findings"]):
                        report["findings"].append({"kind": k, "start": a, "end": b})
                        report["verdict"] = "revise"
                added[r["id"]] = report
            for name, out in ((f"model alone, {label}", alone), (f"model + rules, {label}", added)):
                r = score(test, out, False)
                print(
                    f"{name:32} at {th}: verdict accuracy {r['accuracy']:.3f}  false alarms "
                    f"{r['false_alarms']:.3f}  mean per-kind F1 {r['mean_f1']:.3f}"
                )


def kind_right(
    problems: list[tuple[str, int, Any]], lexical: dict[str, tuple[list[Any], float]], share: float
) -> float:
    """The share of true problem sentences whose blended kind is the gold kind."""
    right = 0
    for n, (_, gold, logits) in enumerate(problems):
        parts = [(p[n], w) for p, w in lexical.values() if w > 0]
        right += int(blend_kinds(logits, parts, share).argmax()) == gold
    return right / len(problems)


if __name__ == "__main__":
    main()
