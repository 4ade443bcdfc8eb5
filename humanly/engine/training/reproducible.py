"""What every training script does first: log to stderr and make the run repeatable."""

from __future__ import annotations

import logging
import random


def start(seed: int, threads: int) -> None:
    """Seed Python, NumPy and torch, pin torch's threads and ask it for deterministic kernels."""
    import numpy as np
    import torch

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
