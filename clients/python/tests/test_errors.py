"""Bad inputs through the Python client: each gets the right exception with the server's message,
leaves the environment usable, and never disturbs another session stepping at the same time."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import icugym
from icugym._connection import Connection, SessionStream
from icugym._proto.v1 import env_pb2

from conftest import CLIENT_ROOT, ServerProcess
from test_compliance import rollout

STEPS_CONCURRENT = 300


@pytest.fixture
def cartpole(address):
    with icugym.make("CartPole-v1", address=address, seed=0) as env:
        env.reset()
        yield env


class TestBadActions:
    def test_wrong_number_of_actions(self, env_id, address):
        with icugym.make(env_id, address=address, num_envs=3, seed=0) as envs:
            envs.reset()
            with pytest.raises(icugym.InvalidArgumentError, match="got 2 actions.*3 environments") as e:
                envs.step(np.zeros(2, dtype=np.int64))
            assert "one action per environment" in e.value.message
        with icugym.make(env_id, address=address, seed=0) as env:
            env.reset()
            with pytest.raises(icugym.InvalidArgumentError, match="got 2 actions"):
                env.step([0, 0])

    def test_out_of_range_action(self, env_id, address, specs):
        n = int(specs[env_id].action_space.n)
        with icugym.make(env_id, address=address, seed=0) as env:
            env.reset()
            with pytest.raises(icugym.InvalidArgumentError, match=f"action {n} .*outside.*0..{n - 1}"):
                env.step(n)

    def test_negative_action(self, env_id, address, specs):
        n = int(specs[env_id].action_space.n)
        with icugym.make(env_id, address=address, seed=0) as env:
            env.reset()
            with pytest.raises(icugym.InvalidArgumentError, match=f"action -1 .*0..{n - 1}"):
                env.step(-1)

    @pytest.mark.parametrize("bad", [float("nan"), np.float32("nan"), float("inf"), 0.5])
    def test_nan_infinite_and_fractional_actions(self, env_id, address, bad):
        with icugym.make(env_id, address=address, seed=0) as env:
            env.reset()
            with pytest.raises(icugym.InvalidArgumentError) as e:
                env.step(bad)
            assert "action" in e.value.message
        with icugym.make(env_id, address=address, num_envs=2, seed=0) as envs:
            envs.reset()
            with pytest.raises(icugym.InvalidArgumentError, match="(?i)nan|whole|integer"):
                envs.step(np.array([0.0, np.nan]))

    def test_rejected_step_changes_nothing(self, env_id, address):
        with icugym.make(env_id, address=address) as reference:
            expected = rollout(reference, seed=21, steps=40)
        with icugym.make(env_id, address=address) as env:
            env.reset(seed=99)
            for bad in ([0, 0], -1, 10**6, float("nan")):
                with pytest.raises(icugym.InvalidArgumentError):
                    env.step(bad)
            got = rollout(env, seed=21, steps=40)
        np.testing.assert_array_equal(got[0], expected[0])
        np.testing.assert_array_equal(got[1], expected[1])


class TestBadRequests:
    def test_unknown_environment_id(self, address):
        with pytest.raises(icugym.NotFoundError, match="No-Such-Env-v0") as e:
            icugym.make("No-Such-Env-v0", address=address)
        assert "CartPole-v1" in e.value.message, "the message should list the registered ids"

    def test_unknown_option(self, env_id, address):
        with pytest.raises(icugym.InvalidArgumentError, match="no_such_option"):
            icugym.make(env_id, address=address, options={"no_such_option": "1"})

    def test_bad_option_value(self, address):
        with pytest.raises(icugym.InvalidArgumentError, match="observation.*onehot"):
            icugym.make("ICU-Sepsis-v2", address=address, options={"observation": "pixels"})

    def test_too_many_environments(self, address):
        limit = icugym.server_info(address).limits.max_envs_per_session
        with pytest.raises(icugym.ResourceExhaustedError, match=str(limit)):
            icugym.make("CartPole-v1", address=address, num_envs=limit + 1)

    def test_step_before_reset(self, env_id, address):
        with icugym.make(env_id, address=address, seed=0) as env:
            with pytest.raises(icugym.FailedPreconditionError, match="(?i)reset before step"):
                env.step(0)
            env.reset()
            env.step(0)

    def test_step_of_a_finished_episode(self, env_id, address):
        rng = np.random.default_rng(0)
        with icugym.make(env_id, address=address, seed=0) as env:
            env.reset()
            for _ in range(1000):
                _, _, terminated, truncated, _ = env.step(int(rng.integers(env.action_space.n)))
                if terminated or truncated:
                    break
            assert terminated or truncated
            with pytest.raises(icugym.FailedPreconditionError, match="(?i)finished.*reset"):
                env.step(0)
            env.reset()
            env.step(0)

    def test_oversize_request(self, address):
        limit = icugym.server_info(address).limits.max_request_bytes
        with icugym.make("CartPole-v1", address=address, seed=0) as env:
            env.reset()
            with pytest.raises(icugym.ResourceExhaustedError) as e:
                env.step(np.zeros(limit // 8 + 1024, dtype=np.int64))
            assert e.value.message
        with icugym.make("CartPole-v1", address=address, seed=0) as other:
            other.reset()
            other.step(0)

    def test_bad_seeds(self, address):
        with icugym.make("CartPole-v1", address=address, num_envs=2) as envs:
            with pytest.raises(icugym.InvalidArgumentError, match="seeds has 3 entries"):
                envs.reset(seed=[1, 2, 3])
            with pytest.raises(icugym.InvalidArgumentError, match="seeds must be integers"):
                envs.reset(seed=[1, None])
            with pytest.raises(icugym.InvalidArgumentError, match="reset_mask has 1 entries"):
                envs.reset(options={"reset_mask": [True]})


class TestSessions:
    """Requests naming a session directly, over the client's own Session stream."""

    @pytest.fixture
    def stream(self, address):
        connection = Connection(address)
        stream = SessionStream(connection)
        yield stream
        stream.close()
        connection.close()

    def test_unknown_session(self, stream):
        with pytest.raises(icugym.NotFoundError, match="no-such-session"):
            stream.request("step", env_pb2.StepRequest(session_id="no-such-session", discrete_actions=[0]))
        with pytest.raises(icugym.NotFoundError, match="no-such-session"):
            stream.request("reset", env_pb2.ResetRequest(session_id="no-such-session"))

    def test_closed_session(self, stream):
        created = stream.request("create", env_pb2.CreateSessionRequest(env_id="CartPole-v1", seed=1))
        sid = created.session_id
        stream.request("reset", env_pb2.ResetRequest(session_id=sid))
        stream.request("close", env_pb2.CloseSessionRequest(session_id=sid))
        with pytest.raises(icugym.NotFoundError, match=sid):
            stream.request("step", env_pb2.StepRequest(session_id=sid, discrete_actions=[0]))
        with pytest.raises(icugym.NotFoundError):
            stream.request("close", env_pb2.CloseSessionRequest(session_id=sid))

    def test_env_close_closes_the_server_session(self, address, stream):
        env = icugym.make("CartPole-v1", address=address)
        env.reset()
        env.close()
        with pytest.raises(icugym.NotFoundError):
            stream.request("reset", env_pb2.ResetRequest(session_id=env.session_id))

    def test_the_stream_stays_usable_after_errors(self, stream):
        for _ in range(3):
            with pytest.raises(icugym.NotFoundError):
                stream.request("create", env_pb2.CreateSessionRequest(env_id="Nope-v0"))
        created = stream.request("create", env_pb2.CreateSessionRequest(env_id="CartPole-v1"))
        assert created.num_envs == 1 and created.spec.id == "CartPole-v1"
        stream.request("close", env_pb2.CloseSessionRequest(session_id=created.session_id))


    def test_an_overdue_answer_raises_deadline_exceeded(self, address):
        connection = Connection(address, timeout=1e-6)
        stream = SessionStream(connection)
        try:
            with pytest.raises(icugym.DeadlineExceededError, match="no answer .* within"):
                stream.request("create", env_pb2.CreateSessionRequest(env_id="CartPole-v1"))
            with pytest.raises(icugym.ClosedError, match="failed earlier"):
                stream.request("create", env_pb2.CreateSessionRequest(env_id="CartPole-v1"))
        finally:
            stream.close()
            connection.close()
        with pytest.raises(icugym.DeadlineExceededError):
            icugym.server_info(address, timeout=1e-6)


class TestLifecycle:
    def test_close_twice_and_use_after_close(self, address):
        env = icugym.make("CartPole-v1", address=address)
        env.reset()
        env.close()
        env.close()
        assert env.closed
        with pytest.raises(icugym.ClosedError, match="closed"):
            env.step(0)
        envs = icugym.make("CartPole-v1", address=address, num_envs=2)
        envs.close()
        envs.close()
        assert envs.closed
        with pytest.raises(icugym.ClosedError):
            envs.reset()

    def test_exit_without_close_closes_the_sessions(self, address):
        code = (
            "import icugym\n"
            f"env = icugym.make('CartPole-v1', address='{address}'); env.reset()\n"
            f"envs = icugym.make('CartPole-v1', address='{address}', num_envs=2); envs.reset()\n"
            "print(env.session_id, envs.session_id)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
            env=dict(os.environ, PYTHONPATH=str(CLIENT_ROOT)),
        )
        assert result.returncode == 0, result.stderr
        assert_sessions_closed(address, result.stdout.split())

    def test_garbage_collection_closes_the_session(self, address):
        env = icugym.make("CartPole-v1", address=address)
        env.reset()
        sid = env.session_id
        del env
        gc.collect()
        assert_sessions_closed(address, [sid])

    def test_server_info_and_environment_list(self, address):
        info = icugym.server_info(address)
        assert info.protocol_version == icugym.PROTOCOL_VERSION
        assert info.protocol_package == "icugym.v1"
        assert info.limits.max_envs_per_session >= 1 and info.limits.max_request_bytes > 0
        ids = [s.id for s in icugym.list_environments(address)]
        assert ids == sorted(ids) and {"CartPole-v1", "ICU-Sepsis-v2"} <= set(ids)

    def test_unreachable_server(self):
        with pytest.raises(icugym.UnavailableError):
            icugym.make("CartPole-v1", address="127.0.0.1:1", timeout=10)


def test_server_shutdown_raises_unavailable_then_closed():
    """A server that stops under an open environment: the next request fails with a connection error."""
    if os.environ.get("ICUGYM_TEST_ADDRESS"):
        pytest.skip("needs its own server from the jar; ICUGYM_TEST_ADDRESS points at an external one")
    own = ServerProcess()
    try:
        env = icugym.make("CartPole-v1", address=own.address, seed=0)
        env.reset()
        env.step(0)
    finally:
        own.stop()
    with pytest.raises((icugym.UnavailableError, icugym.CancelledError)) as e:
        env.step(0)
    assert e.value.message
    with pytest.raises(icugym.ClosedError, match="failed earlier"):
        env.step(0)
    env.close()
    env.close()
    with pytest.raises(icugym.UnavailableError, match="is the server running"):
        icugym.make("CartPole-v1", address=own.address)


def assert_sessions_closed(address, session_ids):
    connection = Connection(address)
    stream = SessionStream(connection)
    try:
        for sid in session_ids:
            with pytest.raises(icugym.NotFoundError):
                stream.request("reset", env_pb2.ResetRequest(session_id=sid))
    finally:
        stream.close()
        connection.close()


def test_a_concurrent_session_is_unaffected_by_bad_requests(env_id, address):
    """One thread replays a seeded rollout while another sends every kind of bad request."""
    with icugym.make(env_id, address=address) as env:
        expected = rollout(env, seed=31, steps=STEPS_CONCURRENT)
    result = {}
    started = threading.Barrier(2)
    finished = threading.Event()

    def good() -> None:
        try:
            with icugym.make(env_id, address=address) as env:
                started.wait()
                result["rollout"] = rollout(env, seed=31, steps=STEPS_CONCURRENT)
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            result["error"] = e
        finally:
            finished.set()

    thread = threading.Thread(target=good)
    thread.start()
    started.wait()
    rejected = 0
    with icugym.make(env_id, address=address, num_envs=2) as bad:
        while not finished.is_set() or rejected < 20:
            for request in (lambda: bad.step([0]), lambda: bad.step([-1, 0]), lambda: bad.step([np.nan, 0])):
                with pytest.raises(icugym.IcugymError):
                    request()
                rejected += 1
            with pytest.raises(icugym.NotFoundError):
                icugym.make("Nope-v0", address=address)
            bad.reset(seed=rejected)
            with pytest.raises(icugym.InvalidArgumentError):
                bad.step([0, 10**6])
    thread.join()
    assert "error" not in result, result.get("error")
    np.testing.assert_array_equal(result["rollout"][0], expected[0])
    np.testing.assert_array_equal(result["rollout"][1], expected[1])
    assert result["rollout"][2] == expected[2]

