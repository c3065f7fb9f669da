"""Per-call cost of single small torch ops from Python, the other side of OpCallCost (benchmarks, dev.palo.model.bench).

The shapes are one decode step of the mini preset at batch 1 (hidden 192, 6 heads of 32, q/k/v stacked to 576, 88 keys),
where an op's fixed cost, not its arithmetic, sets the time. Each op runs --calls times in a loop under
torch.inference_mode (as transformers' generate runs), one intra-op thread; the figure is the median over --rounds of
microseconds per call. Runs from the model venv. Prints one JSON line: {"add": us, "linear": us, ...}.

    python3 op_call_cost.py --calls 20000 --rounds 5
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)
    x = torch.rand(1, 1, 192, generator=generator)
    y = torch.rand(1, 1, 192, generator=generator)
    weight = torch.rand(576, 192, generator=generator)
    stacked = torch.rand(1, 1, 576, generator=generator)
    q = torch.rand(1, 6, 1, 32, generator=generator)
    keys = torch.rand(1, 6, 32, 88, generator=generator)
    ops = {
        "add": lambda: torch.add(x, y),
        "linear": lambda: F.linear(x, weight),
        "reshape": lambda: stacked.reshape(1, 18, 1, 32),
        "matmul": lambda: torch.matmul(q, keys),
    }
    result = {}
    with torch.inference_mode():
        for name, op in ops.items():
            rounds = []
            for _ in range(args.rounds + 1):  # the first round warms up
                started = time.perf_counter()
                for _ in range(args.calls):
                    op()
                rounds.append((time.perf_counter() - started) / args.calls * 1e6)
            result[name] = statistics.median(rounds[1:])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
