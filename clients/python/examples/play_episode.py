#!/usr/bin/env python3
"""Plays one episode of an icugym environment with a simple policy and prints what happened.

    python3 examples/play_episode.py CartPole-v1 --address localhost:50051
    python3 examples/play_episode.py ICU-Sepsis-v2 --seed 3

CartPole-v1 is balanced by a hand-written controller; other environments take random actions
(for ICU-Sepsis-v2 and the sepsis environments the printed actions are (fluid bin, vasopressor
bin) pairs). Run it next to a server started with ``bin/icugym serve``.
"""

from __future__ import annotations

import argparse
import os
import sys

# Lets the example run from a checkout without installing the package.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402

import icugym  # noqa: E402


def cartpole_controller(obs: np.ndarray) -> int:
    """Pushes the cart under the pole: a proportional-derivative rule on angle and position."""
    x, x_dot, theta, theta_dot = obs
    return int(theta + 0.5 * theta_dot + 0.01 * x + 0.1 * x_dot > 0)


def play(env_id: str, address: str, seed: int, max_steps: int) -> float:
    """Plays one episode (at most ``max_steps`` steps) and returns its undiscounted return."""
    env = icugym.make(env_id, address=address, seed=seed)
    try:
        print(f"{env_id}: {env.env_spec.description.split('. ')[0]}.")
        print(f"  observations {env.observation_space}, actions {env.action_space}")
        obs, info = env.reset(seed=seed)
        env.action_space.seed(seed)
        episode_return, steps = 0.0, 0
        terminated = truncated = False
        while not (terminated or truncated) and steps < max_steps:
            action = cartpole_controller(obs) if env_id == "CartPole-v1" else int(env.action_space.sample())
            obs, reward, terminated, truncated, info = env.step(action)
            episode_return += reward
            steps += 1
            if env.env_spec.action_grid is not None and steps <= 5:
                fluid, vaso = divmod(action, int(env.env_spec.action_grid.nvec[1]))
                print(f"  step {steps}: fluid bin {fluid}, vasopressor bin {vaso} -> reward {reward:g}, info {info}")
        outcome = "terminated" if terminated else "truncated" if truncated else "stopped"
        print(f"  {outcome} after {steps} steps, return {episode_return:g}")
        return episode_return
    finally:
        env.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("env_id", nargs="*", default=["CartPole-v1", "ICU-Sepsis-v2"], help="environment ids")
    parser.add_argument("--address", default=None, help="server host:port (default $ICUGYM_ADDRESS or localhost:50051)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=1000)
    args = parser.parse_args(argv)
    try:
        for env_id in args.env_id:
            play(env_id, args.address, args.seed, args.max_steps)
    except icugym.IcugymError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
