"""Simulate through the Python client: the forecast's structure, the session left untouched, and errors."""

from __future__ import annotations

import numpy as np
import pytest

import icugym

PHYSIOLOGY = "Sepsis-Physiology-v1"
NO_TREATMENT = 0
MAX_VASOPRESSOR = 4  # fluid bin 0, vasopressor bin 4


def test_simulate_returns_the_documented_arrays(address):
    with icugym.make(PHYSIOLOGY, address=address, seed=3) as env:
        assert env.env_spec.supports_simulate
        env.reset()
        plans = np.array([[NO_TREATMENT] * 3, [MAX_VASOPRESSOR] * 3, [12, 7, 0]])
        r = env.simulate(plans, num_samples=8)
        assert isinstance(r, icugym.SimulationResult)
        k, h, f, n_flags = 3, 3, len(r.feature_names), len(r.safety_flag_names)
        assert r.ground_truth and r.num_samples == 8
        assert "meanbp" in r.feature_names and "g1_hypoperfusion" in r.safety_flag_names
        assert r.feature_mean.shape == (k, h, f) and r.feature_mean.dtype == np.float32
        assert r.feature_std.shape == (k, h, f)
        assert r.mortality_risk.shape == (k, h) and np.all((r.mortality_risk >= 0) & (r.mortality_risk <= 1))
        assert r.reward.shape == (k, h)
        np.testing.assert_allclose(r.predicted_reward, r.reward.sum(axis=1), rtol=1e-5, atol=1e-5)
        assert r.safety_flag_rate.shape == (k, h, n_flags)
        assert r.done_rate.shape == (k, h)
        assert np.all(r.epistemic_uncertainty == 0)
        mean_bp, std_bp = r.feature("meanbp")
        assert mean_bp.shape == (k, h) and np.all(std_bp >= 0)


def test_simulate_leaves_the_episode_untouched(address):
    with icugym.make(PHYSIOLOGY, address=address) as probed, icugym.make(PHYSIOLOGY, address=address) as plain:
        a, _ = probed.reset(seed=42)
        b, _ = plain.reset(seed=42)
        for t in range(5):
            probed.simulate([[t % 25, 3, 9]], num_samples=4)
            a, ra, *_ = probed.step(t)
            b, rb, *_ = plain.step(t)
            np.testing.assert_array_equal(a, b)
            assert ra == rb


def test_vector_env_simulates_the_chosen_environment_and_rejects_bad_arguments(address):
    with icugym.make_vec(PHYSIOLOGY, num_envs=2, address=address, seed=5) as envs:
        envs.reset()
        limits = icugym.server_info(address).limits
        assert (limits.max_simulate_candidates, limits.max_simulate_horizon) == (8, 6)
        r = envs.simulate([[0, 0]], env_index=1)
        assert r.num_samples == limits.default_simulate_samples
        with pytest.raises(icugym.InvalidArgumentError, match="use 0..1"):
            envs.simulate([[0]], env_index=2)
        with pytest.raises(icugym.InvalidArgumentError, match="the limit is 8"):
            envs.simulate(np.zeros((9, 2), dtype=int))
        with pytest.raises(icugym.InvalidArgumentError, match="1..6"):
            envs.simulate(np.zeros((2, 7), dtype=int))
        with pytest.raises(icugym.InvalidArgumentError, match="action 25"):
            envs.simulate([[0, 25]])
        with pytest.raises(icugym.InvalidArgumentError, match=r"\[K, H\]"):
            envs.simulate([[0, 1], [2]])
        assert envs.simulate([[1, 2]]).feature_mean.shape[:2] == (1, 2)


def test_environments_without_a_model_raise_unimplemented(address):
    with icugym.make("CartPole-v1", address=address) as env:
        env.reset(seed=0)
        assert not env.env_spec.supports_simulate
        with pytest.raises(icugym.UnimplementedError, match="cannot simulate"):
            env.simulate([[0, 1]])


WORLD_MODEL = "Sepsis-WorldModel-v1"


def test_world_model_forecasts_with_disagreement_and_rejects_bad_arguments(address, specs):
    """Runs when the server has a world model (ICUGYM_WORLD_MODEL and ICUGYM_WORLD_MODEL_COHORT set)."""
    if WORLD_MODEL not in specs:
        pytest.skip("the server has no world model: set ICUGYM_WORLD_MODEL and ICUGYM_WORLD_MODEL_COHORT")
    with icugym.make(WORLD_MODEL, address=address, seed=3) as probed, icugym.make(
        WORLD_MODEL, address=address, seed=3
    ) as plain:
        assert probed.env_spec.supports_simulate
        a, _ = probed.reset()
        b, _ = plain.reset()
        np.testing.assert_array_equal(a, b)
        r = probed.simulate([[NO_TREATMENT] * 3, [MAX_VASOPRESSOR] * 3, [12, 7, 0]], num_samples=8)
        assert not r.ground_truth and r.num_samples == 8
        assert r.feature_mean.shape == (3, 3, len(r.feature_names))
        assert r.mortality_risk.shape == (3, 3) and np.all((r.mortality_risk >= 0) & (r.mortality_risk <= 1))
        assert np.all(r.epistemic_uncertainty > 0)
        for t in range(4):
            a, ra, *_ = probed.step(t)
            b, rb, *_ = plain.step(t)
            np.testing.assert_array_equal(a, b)
            assert ra == rb
        with pytest.raises(icugym.InvalidArgumentError, match="the limit is 8"):
            probed.simulate(np.zeros((9, 2), dtype=int))
        with pytest.raises(icugym.InvalidArgumentError, match="1..6"):
            probed.simulate(np.zeros((2, 7), dtype=int))
