"""Train the answer reading: which sentence of a draft stands in for an answer the customer asked for.

Every development reply whose customer asked something (the asks ``analyze`` finds, as the guard
reads them) is one example, and each sentence of its body (greeting and sign-off left out) is labelled
1 when its writer marked an ``unanswered`` span over it. Two lexical models (TF-IDF over words and
word pairs, each into a logistic regression, n-grams seen in at least ``MIN_DF`` texts) read the
whole draft, labelled by whether any sentence is marked, and each sentence. A logistic regression
then weighs their out-of-fold log-odds (five folds grouped by file, so it learns how far to trust
them on writing they have not read) with where the sentence stands and what the coverage rules say
(``tone_unanswered.FEATURES``).

Trained on the development 70% of humanly_dev replies (never the held-out 30%) and
benchmarks/data/replies_extra*.jsonl. Run (needs the ``train`` extra; about 3 minutes, most of it
reading the customers' messages):

    python -m humanly.engine.training.train_unanswered --data ../shared/data/humanly_dev

Prints out-of-fold figures and writes ``models/tone_unanswered_reply.npz``,
``models/tone_unanswered_sentence.npz`` and ``models/tone_unanswered.json``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from humanly.engine.tone_unanswered import FEATURES, NAME, features
from humanly.engine.training.train_tone import arguments, rows, sources

log = logging.getLogger("humanly.training.unanswered")

LEXICAL: dict[str, Any] = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 20}
C = 2.0  # the lexical models'
STACK_C = 1.0
FOLDS = 5
# Chosen with the whole guard on replies_extra30-45, which neither this reading nor the shipped tone
# model had read (docs/models.md): from 0.3 to 0.5 and 0.05 to 0.15 the figures move by under 0.01.
PICK_AT = 0.4
DOUBT_BELOW = 0.1


@dataclass
class Example:
    """One reply whose customer asked something: its body sentences, their labels, its file."""

    draft: str
    body: list[tuple[int, int]]
    labels: list[int]
    customer: Any
    file: str


def examples(replies: list[dict[str, Any]]) -> list[Example]:
    from humanly.engine.analyzer import Analyzer
    from humanly.engine.text import sentences
    from humanly.engine.tone import body_sentences
    from humanly.engine.tone_customer import read_customer

    messages = sorted({m for r in replies if (m := r.get("customer") or "").strip()})
    analyzer = Analyzer(threads=2)
    analyses = {}
    for at in range(0, len(messages), 64):
        batch = messages[at : at + 64]
        analyses.update(zip(batch, analyzer.analyze_many(list(batch)), strict=True))
    found = []
    for r in replies:
        message, draft = r.get("customer") or "", r["reply"]
        if not message.strip() or not draft.strip():
            continue
        customer = read_customer(message, analyses[message])
        if customer is None or not customer.asks:
            continue
        body = body_sentences(draft, sentences(draft))
        if not body:
            continue
        gold = [
            (draft.find(i["quote"]), draft.find(i["quote"]) + len(i["quote"]))
            for i in r["issues"]
            if i["kind"] == "unanswered" and i["quote"] in draft
        ]
        labels = [int(any(a < e and s < b for a, b in gold)) for s, e in body]
        found.append(Example(draft, body, labels, customer, str(r.get("_file", ""))))
    return found


def fit_lexical(data: list[Example]) -> dict[str, Any]:
    """The reply model and the sentence model."""
    from humanly.engine.training import lexical

    sentences = [e.draft[s:t] for e in data for s, t in e.body]
    labels = [y for e in data for y in e.labels]
    return {
        "reply": lexical.train([e.draft for e in data], np.asarray([[max(e.labels)] for e in data]), LEXICAL, c=C, balanced=False),
        "sentence": lexical.train(sentences, np.asarray(labels)[:, None], LEXICAL, c=C, balanced=False),
    }  # fmt: skip


def stacked(models: dict[str, Any], data: list[Example]) -> Any:
    """The ``FEATURES`` rows of every sentence of ``data``, the lexical models' readings among them."""
    vectorizer, model = models["reply"]
    reply_ps = model.predict_proba(vectorizer.transform([e.draft for e in data]))[:, -1]
    vectorizer, model = models["sentence"]
    sentence_ps = model.predict_proba(vectorizer.transform([e.draft[s:t] for e in data for s, t in e.body]))[
        :, -1
    ]
    blocks, at = [], 0
    for e, reply_p in zip(data, reply_ps, strict=True):
        blocks.append(
            features(e.draft, e.body, e.customer, float(reply_p), sentence_ps[at : at + len(e.body)])
        )
        at += len(e.body)
    return np.vstack(blocks)


def out_of_fold(data: list[Example]) -> Any:
    """Every sentence's ``FEATURES``, the lexical readings from models trained on the other folds."""
    from sklearn.model_selection import GroupKFold

    rows_at, at = [], 0
    for e in data:
        rows_at.append(list(range(at, at + len(e.body))))
        at += len(e.body)
    x = np.zeros((at, len(FEATURES)))
    for fit_at, test_at in GroupKFold(n_splits=FOLDS).split(data, groups=[e.file for e in data]):
        models = fit_lexical([data[i] for i in fit_at])
        x[[j for i in test_at for j in rows_at[i]]] = stacked(models, [data[i] for i in test_at])
    return x


def stack(x: Any, y: Any) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=STACK_C, max_iter=2000).fit(x, y)


def picks(data: list[Example], p: Any) -> dict[str, Any]:
    """Span-level figures for the reading alone: each reply's likeliest sentence, named from ``PICK_AT``."""
    tp = fp = fn = 0
    at = 0
    for e in data:
        ps = p[at : at + len(e.body)]
        at += len(e.body)
        best = int(np.argmax(ps))
        named = ps[best] >= PICK_AT
        tp += int(named and e.labels[best] == 1)
        fp += int(named and e.labels[best] == 0)
        fn += sum(e.labels) - int(named and e.labels[best] == 1)
    return {"right": tp, "wrong": fp, "missed": fn, "f1": round(2 * tp / max(1, 2 * tp + fp + fn), 3)}


def main() -> None:
    from sklearn.model_selection import GroupKFold

    from humanly.engine.training import lexical

    parser = arguments(__doc__)
    args = parser.parse_args()

    data = examples(rows(args.data, leave_out=tuple(args.leave_out), tag=True))
    y = np.asarray([label for e in data for label in e.labels])
    log.info(
        "%d replies to a customer who asked something, %d sentences, %d marked as standing in for an answer",
        len(data), len(y), int(y.sum()),
    )  # fmt: skip
    x = out_of_fold(data)
    # The stacker's own out-of-fold figures, over the out-of-fold lexical readings.
    groups = [e.file for e in data for _ in e.body]
    p = np.zeros(len(y))
    for fit_at, test_at in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        p[test_at] = stack(x[fit_at], y[fit_at]).predict_proba(x[test_at])[:, 1]
    figures = picks(data, p)
    log.info("out of fold, each reply's likeliest sentence from %.2f: %s", PICK_AT, figures)

    stacker = stack(x, y)
    models = fit_lexical(data)
    for name, (vectorizer, model) in models.items():
        size = lexical.save(args.out / f"tone_unanswered_{name}.npz", vectorizer, model)
        log.info("wrote the %s model (%d features)", name, size)
    meta = {
        "name": NAME,
        "features": list(FEATURES),
        "weights": [round(float(w), 6) for w in stacker.coef_[0]],
        "intercept": round(float(stacker.intercept_[0]), 6),
        "pick_at": PICK_AT,
        "doubt_below": DOUBT_BELOW,
        "trained_on": f"{len(data)} replies to a customer who asked something ({int(y.sum())} sentences marked "
        f"unanswered): {sources(args.leave_out)}",
        "out_of_fold": {"likeliest_sentence": figures, "folds": FOLDS, "grouped_by": "file"},
    }
    (args.out / "tone_unanswered.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log.info("wrote %s", args.out / "tone_unanswered.json")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main()
