"""Train the warmth reading: whether a reply that recognises nothing of the customer's message will
read as cold to them.

The rules call a customer clearly upset from words of grief, fear, distress or anger, and then call
a reply that acknowledges nothing cold. Many people in trouble say it plainly instead ("our boiler
has been broken for 9 days and we have a toddler at home"), and some angry words come with a calm
question. This reading learns from the replies themselves: every development reply whose draft
acknowledges nothing (``tone_customer.acknowledges``) is one example, labelled 1 when its writer
marked a cold span in it. Two lexical models read the customer's message (TF-IDF over words and
word pairs, and over character 2-5-grams inside words, each into a logistic regression) and their
probabilities are averaged. A reply that acknowledges nothing reads cold when the rules call the
customer upset and the probability reaches ``UPSET_AT``, or when it reaches ``ALONE_AT`` whatever the
rules say.

Trained on the development 70% of humanly_dev replies (never the held-out 30%) and
benchmarks/data/replies_extra*.jsonl. Run (needs the ``train`` extra):

    python -m humanly.engine.training.train_warmth --data ../shared/data/humanly_dev

Prints out-of-fold figures (five folds, grouped by file, so no file is read by the model that
judges it), and writes ``models/tone_warmth_words.npz``, ``models/tone_warmth_chars.npz`` and
``models/tone_warmth.json``. ``--oof FILE`` also writes each example's out-of-fold probability.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from humanly.engine.tone_warmth import NAME
from humanly.engine.tone_warmth import reads_cold as decide
from humanly.engine.training.train_tone import arguments, rows, sources

log = logging.getLogger("humanly.training.warmth")

LEXICAL: dict[str, dict[str, Any]] = {
    "words": {"analyzer": "word", "ngram_range": (1, 2), "min_df": 5},
    "chars": {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 5},
}  # n-grams seen in fewer than 5 messages: a third of the size, the same out-of-fold F1 (docs/models.md)
C = 2.0
# Chosen on the out-of-fold probabilities, the whole guard run over every development reply
# (docs/models.md): lower thresholds find more cold replies and call more plain answers cold.
UPSET_AT = 0.15
ALONE_AT = 0.4
FOLDS = 5


def examples(replies: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    """(customer message, writer marked it cold 0/1, file) for every reply with a message whose draft
    acknowledges nothing."""
    from humanly.engine.tone_customer import acknowledges

    found = []
    for r in replies:
        if r.get("customer") and not acknowledges(r["reply"]):
            cold = int(any(i["kind"] == "cold" for i in r["issues"]))
            found.append((r["customer"], cold, str(r.get("_file", ""))))
    return found


def fit(texts: list[str], labels: Any) -> dict[str, Any]:
    from humanly.engine.training import lexical

    return {
        name: lexical.train(texts, np.asarray(labels)[:, None], options, c=C, balanced=False)
        for name, options in LEXICAL.items()
    }


def probabilities(models: dict[str, Any], texts: list[str]) -> Any:
    """The mean of the models' probabilities, as ``tone_warmth.Warmth`` computes it."""
    return np.mean([m.predict_proba(v.transform(texts))[:, -1] for v, m in models.values()], axis=0)


def reads_cold(p: float, upset: bool) -> bool:
    return decide(p, upset, UPSET_AT, ALONE_AT)


def out_of_fold(data: list[tuple[str, int, str]]) -> Any:
    """Each example's probability from models trained on the other folds (grouped by file)."""
    from sklearn.model_selection import GroupKFold

    texts = [t for t, _, _ in data]
    labels = np.asarray([y for _, y, _ in data])
    groups = [g for _, _, g in data]
    oof = np.zeros(len(data))
    for fit_at, test_at in GroupKFold(n_splits=FOLDS).split(texts, labels, groups):
        models = fit([texts[i] for i in fit_at], labels[fit_at])
        oof[test_at] = probabilities(models, [texts[i] for i in test_at])
    return oof


def counts(predicted: list[bool], labels: list[int]) -> dict[str, float]:
    pairs = [(bool(p), bool(y)) for p, y in zip(predicted, labels, strict=True)]
    tp = sum(p and y for p, y in pairs)
    fp = sum(p and not y for p, y in pairs)
    fn = sum(y and not p for p, y in pairs)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"right": tp, "wrong": fp, "missed": fn, "precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(f1, 3)}  # fmt: skip


def main() -> None:
    from humanly.engine.tone_customer import read_customer
    from humanly.engine.training import lexical

    parser = arguments(__doc__)
    parser.add_argument("--oof", type=Path, help="write each example's out-of-fold probability here (JSONL)")
    args = parser.parse_args()

    data = examples(rows(args.data, leave_out=tuple(args.leave_out), tag=True))
    labels = [y for _, y, _ in data]
    log.info("%d replies that acknowledge nothing, %d of them marked cold", len(data), sum(labels))
    upset = [read_customer(t, None).upset for t, _, _ in data]  # type: ignore[union-attr]
    oof = out_of_fold(data)
    rules = counts(upset, labels)
    learned = counts([reads_cold(p, u) for p, u in zip(oof, upset, strict=True)], labels)
    log.info("out of fold, the rules alone: %s", rules)
    log.info("out of fold, with the warmth reading: %s", learned)
    if args.oof:
        args.oof.write_text(
            "".join(json.dumps({"customer": t, "p": round(float(p), 4)}) + "\n" for (t, _, _), p in zip(data, oof, strict=True)),
            encoding="utf-8",
        )  # fmt: skip

    models = fit([t for t, _, _ in data], labels)
    for name, (vectorizer, model) in models.items():
        size = lexical.save(args.out / f"tone_warmth_{name}.npz", vectorizer, model)
        log.info("wrote the %s warmth model (%d features)", name, size)
    meta = {
        "name": NAME,
        "models": list(LEXICAL),
        "upset_at": UPSET_AT,
        "alone_at": ALONE_AT,
        "trained_on": f"{len(data)} replies that acknowledge nothing ({sum(labels)} marked cold): "
        f"{sources(args.leave_out)}",
        "out_of_fold": {"rules_alone": rules, "with_warmth": learned, "folds": FOLDS, "grouped_by": "file"},
    }
    (args.out / "tone_warmth.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log.info("wrote %s", args.out / "tone_warmth.json")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main()
