#!/usr/bin/env python3
"""The first 1000 numpy.random.RandomState(0).randn draws, full precision, one per line (Debian python3-numpy).

Usage: /usr/bin/python3 compute-kernels/src/test/resources/scoring/make_randn_fixture.py > compute-kernels/src/test/resources/scoring/randn_seed0_1000.txt
"""
import numpy as np

for x in np.random.RandomState(0).randn(1000):
    print(repr(float(x)))
