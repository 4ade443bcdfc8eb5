"""Intent accuracy on the Bitext customer-support utterances, mapped onto our catalogue.

Reads ../shared/data/bitext_customer_support (CDLA-Sharing: used here to measure only, never
to train). Each Bitext intent that has a counterpart in our catalogue is mapped to it; the
rest are left out. Prints top-1 accuracy (the strongest intent is the mapped one) and
top-3 recall. Usage: python benchmarks/intents.py [--per-intent]
"""

from __future__ import annotations

import csv
import random
import sys
from collections import Counter

from _common import SHARED, need, run_cli

MAPPING = {
    "get_refund": "refund",
    "check_refund_policy": "refund",
    "track_refund": "refund",
    "cancel_order": "cancellation",
    "delete_account": "cancellation",
    "check_cancellation_fee": "cancellation",
    "recover_password": "account_access",
    "registration_problems": "account_access",
    "track_order": "delivery",
    "delivery_period": "delivery",
    "delivery_options": "delivery",
    "check_invoice": "billing",
    "get_invoice": "billing",
    "payment_issue": "billing",
    "check_payment_methods": "billing",
    "complaint": "complaint",
}


def main() -> None:
    path = need(SHARED / "bitext_customer_support" / "bitext_customer_support_4514.csv")
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["intent"] in MAPPING]
    random.Random(5).shuffle(rows)
    rows = rows[:1200]
    out = run_cli("analyze", [{"id": str(n), "text": r["instruction"]} for n, r in enumerate(rows)])
    top1 = top3 = 0
    per: dict[str, Counter[str]] = {}
    for n, row in enumerate(rows):
        want = MAPPING[row["intent"]]
        got = [i["label"] for i in out[str(n)]["analysis"]["intents"]]
        top1 += bool(got) and got[0] == want
        top3 += want in got
        per.setdefault(want, Counter())["n"] += 1
        per[want]["top1"] += bool(got) and got[0] == want
    print(
        f"Bitext (mapped intents, {len(rows)} utterances): top-1 accuracy {top1 / len(rows):.3f}, "
        f"top-3 recall {top3 / len(rows):.3f}"
    )
    if "--per-intent" in sys.argv:
        for label, c in sorted(per.items()):
            print(f"  {label:16} {c['top1'] / c['n']:.3f}  ({c['n']})")


if __name__ == "__main__":
    main()
