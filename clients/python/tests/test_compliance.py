"""The Env API compliance suite through the Python client, for every environment the server lists.

Spaces agree with what the environments emit; seeding is reproducible; terminated and truncated
are kept apart; all three autoreset modes behave as Gymnasium 1.x specifies; and the Env /
VectorEnv API details (dtypes, info dicts, close) hold.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import numpy as np
import pytest

import icugym
from icugym import AutoresetMode

STEPS = 150
NUM_ENVS = 3


def random_actions(space, rng: np.random.Generator, size=None):
    """Uniform actions of a Discrete space from a seeded generator (independent of the space's own)."""
    return rng.integers(int(space.start), int(space.start + space.n), size=size)


def rollout(env: icugym.Env, seed: Optional[int], steps: int = STEPS, action_seed: int = 0):
    """Observations, rewards and flags of ``steps`` steps with seeded random actions, resetting at episode ends."""
    rng = np.random.default_rng(action_seed)
    obs, _ = env.reset(seed=seed)
    observations, rewards, flags = [np.array(obs)], [], []
    for _ in range(steps):
        obs, reward, terminated, truncated, _ = env.step(random_actions(env.action_space, rng))
        observations.append(np.array(obs))
        rewards.append(reward)
        flags.append((terminated, truncated))
        if terminated or truncated:
            obs, _ = env.reset()
            observations.append(np.array(obs))
    return np.stack(observations), np.array(rewards), flags


class TestSpaces:
    def test_env_spaces_are_the_listed_spec(self, env_id, address, specs):
        with icugym.make(env_id, address=address, seed=0) as env:
            assert isinstance(env, icugym.Env)
            assert env.env_spec.id == env_id
            assert env.observation_space == specs[env_id].observation_space
            assert env.action_space == specs[env_id].action_space
            assert isinstance(env.action_space, icugym.spaces.Discrete)

    def test_observations_rewards_and_infos_agree_with_the_spec(self, env_id, address, specs):
        spec = specs[env_id]
        declared = {k.name for k in spec.info_keys}
        rng = np.random.default_rng(1)
        with icugym.make(env_id, address=address, seed=1) as env:
            obs, info = env.reset()
            assert obs in env.observation_space
            assert np.asarray(obs).dtype == env.observation_space.dtype
            assert set(info) <= declared
            for _ in range(STEPS):
                obs, reward, terminated, truncated, info = env.step(random_actions(env.action_space, rng))
                assert obs in env.observation_space, f"{obs} is outside {env.observation_space}"
                assert np.asarray(obs).dtype == env.observation_space.dtype
                assert isinstance(reward, float) and spec.reward_range[0] <= reward <= spec.reward_range[1]
                assert type(terminated) is bool and type(truncated) is bool
                assert set(info) <= declared
                if terminated or truncated:
                    obs, info = env.reset()
                    assert obs in env.observation_space

    def test_vector_batches_agree_with_the_batched_spaces(self, env_id, address, specs):
        with icugym.make(env_id, address=address, num_envs=NUM_ENVS, seed=2) as envs:
            assert isinstance(envs, icugym.VectorEnv)
            assert envs.num_envs == NUM_ENVS
            assert envs.single_observation_space == specs[env_id].observation_space
            obs, infos = envs.reset()
            assert obs.shape == envs.observation_space.shape == (NUM_ENVS,) + envs.single_observation_space.shape
            assert obs in envs.observation_space
            declared = {k.name for k in specs[env_id].info_keys}
            actions = envs.action_space.sample()
            assert actions in envs.action_space
            obs, rewards, terminated, truncated, infos = envs.step(actions)
            assert obs in envs.observation_space and obs.dtype == envs.single_observation_space.dtype
            assert rewards.dtype == np.float32 and rewards.shape == (NUM_ENVS,)
            assert terminated.dtype == np.bool_ and truncated.dtype == np.bool_
            assert terminated.shape == truncated.shape == (NUM_ENVS,)
            for key, values in infos.items():
                if key.startswith("_"):
                    assert key[1:] in infos and values.dtype == np.bool_ and values.shape == (NUM_ENVS,)
                else:
                    assert key in declared and values.shape == (NUM_ENVS,)

    def test_icu_sepsis_onehot_option_changes_the_observation_space(self, address):
        with icugym.make("ICU-Sepsis-v2", address=address, seed=0, options={"observation": "onehot"}) as env:
            assert isinstance(env.observation_space, icugym.spaces.Box)
            assert env.observation_space.shape == (716,) and env.observation_space.dtype == np.float32
            assert env.env_spec.observation_names[:2] == ("state_0", "state_1")
            obs, info = env.reset()
            assert obs in env.observation_space and obs.sum() == 1.0
            assert obs[int(info["state"])] == 1.0
        with icugym.make("ICU-Sepsis-v2", address=address, seed=0) as env:
            assert isinstance(env.observation_space, icugym.spaces.Discrete) and env.observation_space.n == 716
            index, _ = env.reset()
        assert int(index) == int(np.argmax(obs))


class TestSeeding:
    def test_same_seed_gives_the_same_episodes(self, env_id, address):
        with icugym.make(env_id, address=address, seed=5) as a, icugym.make(env_id, address=address, seed=5) as b:
            obs_a, rew_a, flags_a = rollout(a, seed=None)
            obs_b, rew_b, flags_b = rollout(b, seed=None)
        np.testing.assert_array_equal(obs_a, obs_b)
        np.testing.assert_array_equal(rew_a, rew_b)
        assert flags_a == flags_b

    def test_reset_seed_reproduces_and_different_seeds_differ(self, env_id, address):
        with icugym.make(env_id, address=address) as env:
            first = rollout(env, seed=7)
            again = rollout(env, seed=7)
            other = rollout(env, seed=8)
        np.testing.assert_array_equal(first[0], again[0])
        np.testing.assert_array_equal(first[1], again[1])
        assert first[0].shape != other[0].shape or not np.array_equal(first[0], other[0])

    def test_vector_int_seed_seeds_env_i_with_seed_plus_i(self, env_id, address):
        with icugym.make(env_id, address=address, num_envs=NUM_ENVS) as envs:
            vector_obs, _ = envs.reset(seed=40)
        for i in range(NUM_ENVS):
            with icugym.make(env_id, address=address) as env:
                obs, _ = env.reset(seed=40 + i)
            np.testing.assert_array_equal(vector_obs[i], obs)

    def test_vector_seed_list_gives_one_seed_per_env(self, env_id, address):
        with icugym.make(env_id, address=address, num_envs=NUM_ENVS) as envs:
            listed, _ = envs.reset(seed=[40, 41, 42])
            single, _ = envs.reset(seed=40)
        np.testing.assert_array_equal(listed, single)


class TestTermination:
    def test_truncated_exactly_at_the_time_limit_and_terminated_apart(self, env_id, address, specs):
        limit = specs[env_id].max_episode_steps
        rng = np.random.default_rng(3)
        ends: List[Tuple[int, bool, bool]] = []
        with icugym.make(env_id, address=address, seed=3) as env:
            env.reset()
            length = 0
            for _ in range(4 * STEPS):
                _, _, terminated, truncated, _ = env.step(random_actions(env.action_space, rng))
                length += 1
                if limit is not None:
                    assert length <= limit
                    assert truncated == (length == limit), "truncated must be set exactly at max_episode_steps"
                else:
                    assert not truncated
                if terminated or truncated:
                    ends.append((length, terminated, truncated))
                    env.reset()
                    length = 0
        assert any(terminated and not truncated for _, terminated, truncated in ends), (
            f"no episode of {env_id} terminated within {4 * STEPS} random steps"
        )

    def test_cartpole_terminates_when_the_pole_falls(self, address):
        with icugym.make("CartPole-v1", address=address, seed=0) as env:
            env.reset()
            for t in range(1, 501):
                _, reward, terminated, truncated, _ = env.step(1)
                assert reward == 1.0
                if terminated or truncated:
                    break
        assert terminated and not truncated and t < 100

    def test_cartpole_is_truncated_at_500_steps_when_balanced(self, address):
        with icugym.make("CartPole-v1", address=address, seed=0) as env:
            obs, _ = env.reset()
            for t in range(1, 501):
                x, x_dot, theta, theta_dot = obs
                action = int(theta + 0.5 * theta_dot + 0.01 * x + 0.1 * x_dot > 0)
                obs, _, terminated, truncated, _ = env.step(action)
                if terminated or truncated:
                    break
        assert t == 500 and truncated and not terminated
        assert env.env_spec.max_episode_steps == 500


def single_env_reference(env_id: str, address: str, seed: int, actions: np.ndarray, mode: AutoresetMode):
    """What environment ``i`` of a vector seeded ``seed - i`` must emit, replayed on a plain Env.

    Returns per step: (observation, reward, terminated, truncated, final observation or None).
    """
    out = []
    with icugym.make(env_id, address=address, seed=seed) as env:
        obs, _ = env.reset()
        done = False
        for action in actions:
            if mode is AutoresetMode.NEXT_STEP and done:
                obs, _ = env.reset()
                out.append((np.array(obs), 0.0, False, False, None))
                done = False
                continue
            obs, reward, terminated, truncated, _ = env.step(action)
            done = terminated or truncated
            final = None
            if mode is AutoresetMode.SAME_STEP and done:
                final = np.array(obs)
                obs, _ = env.reset()
                done = False
            out.append((np.array(obs), reward, terminated, truncated, final))
    return out


class TestAutoreset:
    @pytest.mark.parametrize("mode", [AutoresetMode.NEXT_STEP, AutoresetMode.SAME_STEP])
    def test_vector_env_matches_plain_envs_reset_by_hand(self, env_id, address, specs, mode):
        assert mode in specs[env_id].autoreset_modes
        rng = np.random.default_rng(9)
        actions = random_actions(specs[env_id].action_space, rng, size=(STEPS, NUM_ENVS))
        with icugym.make(env_id, address=address, num_envs=NUM_ENVS, seed=100, autoreset_mode=mode) as envs:
            assert envs.metadata["autoreset_mode"].value == mode.value
            assert envs.autoreset_mode is mode
            envs.reset()
            steps = []
            for a in actions:
                obs, rewards, terminated, truncated, infos = envs.step(a)
                steps.append((np.array(obs), np.array(rewards), np.array(terminated), np.array(truncated), infos))
        ended = 0
        for i in range(NUM_ENVS):
            reference = single_env_reference(env_id, address, 100 + i, actions[:, i], mode)
            for t, (obs, reward, terminated, truncated, final) in enumerate(reference):
                v_obs, v_rew, v_term, v_trunc, v_infos = steps[t]
                np.testing.assert_array_equal(v_obs[i], obs, err_msg=f"env {i} step {t}")
                assert v_rew[i] == np.float32(reward) and v_term[i] == terminated and v_trunc[i] == truncated
                if mode is AutoresetMode.SAME_STEP:
                    assert bool(v_infos.get("_final_obs", np.zeros(NUM_ENVS, bool))[i]) == (final is not None)
                    if final is not None:
                        ended += 1
                        np.testing.assert_array_equal(v_infos["final_obs"][i], final)
                        assert v_infos["_final_info"][i]
                elif terminated or truncated:
                    ended += 1
                    assert "final_obs" not in v_infos
        assert ended > 0, f"no episode of {env_id} ended within {STEPS} steps; the test proves nothing"

    def test_disabled_refuses_finished_envs_until_a_masked_reset(self, env_id, address, specs):
        rng = np.random.default_rng(4)
        with icugym.make(env_id, address=address, num_envs=NUM_ENVS, seed=4, autoreset_mode="disabled") as envs:
            assert envs.metadata["autoreset_mode"].value == "Disabled"
            obs, _ = envs.reset()
            for _ in range(4 * STEPS):
                obs, _, terminated, truncated, infos = envs.step(random_actions(specs[env_id].action_space, rng, NUM_ENVS))
                assert "final_obs" not in infos
                done = terminated | truncated
                if done.any():
                    break
            assert done.any(), f"no episode of {env_id} ended within {4 * STEPS} steps"
            before = np.array(obs)
            with pytest.raises(icugym.FailedPreconditionError, match="(?i)reset"):
                envs.step(np.zeros(NUM_ENVS, dtype=np.int64))
            reset_obs, _ = envs.reset(options={"reset_mask": done})
            np.testing.assert_array_equal(reset_obs[~done], before[~done])
            assert reset_obs in envs.observation_space
            envs.step(np.zeros(NUM_ENVS, dtype=np.int64))

