"""How the tone model does on replies it never saw: the recipe of training/train_tone.py.

Trains the tone model (by default as shipped: one transformer layer on the encoder's layer-2
token states, 8 epochs) over each whole reply at once; each sentence gets a "needs revising"
score and a kind. Trained on the development replies that are not replies_extra3 (humanly_dev's development
70%, replies_extra, replies_extra2: 540 replies), measured on replies_extra3 (240 replies written
by someone else, never trained on). Prints sentence precision/recall, and the product's figures
for the model alone and for the model added to the current rules (the rules have been developed
on replies_extra3, so that second figure flatters them).

Needs the ``train`` extra (torch) and ../shared/data/humanly_dev (not shipped). About 5 minutes on
2 cores. Usage: python benchmarks/tone_model_probe.py [--epochs N] [--layers N]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from _common import SHARED, need, read_jsonl, run_cli
from tone import score

from humanly.engine.analyzer import MODELS
from humanly.engine.encoder import Encoder
from humanly.engine.training.splits import split
from humanly.engine.training.train_tone import KINDS, examples, fit, labelled, sentence_logits

DATA = Path(__file__).parent / "data"


def main() -> None:
    import torch

    epochs = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 8
    depth = int(sys.argv[sys.argv.index("--layers") + 1]) if "--layers" in sys.argv else 1
    torch.set_num_threads(2)
    torch.manual_seed(1)
    development, _ = split(read_jsonl(need(SHARED / "humanly_dev" / "replies.jsonl")))
    train = development + read_jsonl(DATA / "replies_extra.jsonl") + read_jsonl(DATA / "replies_extra2.jsonl")
    test = read_jsonl(DATA / "replies_extra3.jsonl")
    encoder = Encoder(MODELS, threads=2)
    model = fit(examples(train, encoder), layers=depth, epochs=epochs, lr=5e-5, seed=1)
    found: dict[str, list[tuple[tuple[int, ...], float, int]]] = {}
    with torch.no_grad():
        for row in test:
            states, offsets = encoder.states_and_offsets(row["reply"])
            spans = labelled(row["reply"], row["issues"], offsets, len(states))
            if spans:
                flags, kinds = sentence_logits(model, torch.from_numpy(states), spans)
                found[str(row["id"])] = list(
                    zip(spans, torch.sigmoid(flags).tolist(), kinds.argmax(-1).tolist(), strict=True)
                )
    pairs = [(s[4], p) for v in found.values() for s, p, _ in v]
    kind_right = [s[5] == k for v in found.values() for s, _, k in v if s[4]]
    print(f"trained on {len(train)} replies, measured on replies_extra3 ({len(test)} replies)")
    print(f"kind right on true problem sentences: {sum(kind_right) / len(kind_right):.3f}")
    positives = sum(y for y, _ in pairs)
    for th in (0.5, 0.7, 0.9):
        tp = sum(1 for y, p in pairs if y and p >= th)
        fp = sum(1 for y, p in pairs if not y and p >= th)
        print(f"sentences at {th}: precision {tp / max(1, tp + fp):.2f}, recall {tp / positives:.2f}")
    rules = {i: line["report"] for i, line in run_cli("check-reply", [
        {"id": r["id"], "reply": r["reply"], "customer": r["customer"]} for r in test
    ]).items()}  # fmt: skip
    for th in (0.5, 0.7, 0.8):
        alone, added = {}, {}
        for r in test:
            hits = [(s[0], s[1], KINDS[k]) for s, p, k in found.get(r["id"], []) if p >= th]
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
        for name, out in (("model alone", alone), ("model + current rules", added)):
            r = score(test, out, False)
            print(
                f"{name:22} at {th}: verdict accuracy {r['accuracy']:.3f}  false alarms "
                f"{r['false_alarms']:.3f}  mean per-kind F1 {r['mean_f1']:.3f}"
            )


if __name__ == "__main__":
    main()
