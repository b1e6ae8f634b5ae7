#!/usr/bin/env python3
"""Measures how many steps per second the Python client gets from a server.

    python3 examples/step_throughput.py --address localhost:50051
    python3 examples/step_throughput.py ICU-Sepsis-v2 --num-envs 1 64 1024 --seconds 5

For each ``num_envs`` it steps one session (an Env for 1, a VectorEnv otherwise) with fixed
actions for about ``--seconds`` and prints round trips per second and environment steps per
second. Client and server usually share the machine, so the figures are end-to-end costs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

# Lets the example run from a checkout without installing the package.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402

import icugym  # noqa: E402


def measure(env_id: str, address: str, num_envs: int, seconds: float) -> tuple:
    """(round trips per second, environment steps per second) of one session."""
    if num_envs == 1:
        env = icugym.make(env_id, address=address, seed=0)
        step = env.step
        action = 0
    else:
        env = icugym.make_vec(env_id, num_envs=num_envs, address=address, seed=0)
        step = env.step
        action = np.zeros(num_envs, dtype=np.int64)
    try:
        env.reset()
        for _ in range(20):  # warm-up
            _, _, terminated, truncated, _ = step(action)
            if num_envs == 1 and (terminated or truncated):
                env.reset()
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for _ in range(50):
                _, _, terminated, truncated, _ = step(action)
                if num_envs == 1 and (terminated or truncated):
                    env.reset()
                calls += 1
        elapsed = time.perf_counter() - start
    finally:
        env.close()
    return calls / elapsed, calls * num_envs / elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("env_id", nargs="?", default="CartPole-v1")
    parser.add_argument("--address", default=None, help="server host:port (default $ICUGYM_ADDRESS or localhost:50051)")
    parser.add_argument("--num-envs", type=int, nargs="+", default=[1, 16, 256, 1024])
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per num_envs")
    args = parser.parse_args(argv)
    print(f"{'env':<16} {'num_envs':>8} {'steps/s':>10} {'env-steps/s':>12}")
    for n in args.num_envs:
        calls, env_steps = measure(args.env_id, args.address, n, args.seconds)
        print(f"{args.env_id:<16} {n:>8} {calls:>10.0f} {env_steps:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
