#!/usr/bin/env python3
"""NumPy peer of CrpsBench: sorted-form ensemble CRPS of n observations x m members (Debian python3-numpy).

Usage: /usr/bin/python3 bench/scripts/scoring/crps_numpy_bench.py [n] [m]
Vectorised over the whole batch: np.sort along members, then one weighted pass (the same formula as ours).
"""
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
m = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rng = np.random.default_rng(1)
members = rng.standard_normal((n, m))
y = rng.standard_normal(n)
w = 2.0 * np.arange(m) + 1 - m


def crps():
    x = np.sort(members, axis=1)
    return np.abs(x - y[:, None]).mean(axis=1) - (x @ w) / (m * m)


crps()
times = []
for _ in range(5):
    t0 = time.perf_counter()
    crps()
    times.append(time.perf_counter() - t0)
print(f"numpy crps n={n} m={m}: median {1000 * sorted(times)[2]:.1f} ms over 5 runs (min {1000 * min(times):.1f} ms)")
