"""Tests that need no server: light spaces, tensor conversion, spec parsing, error mapping, the stream watchdog."""

from __future__ import annotations

import threading

import grpc
import numpy as np
import pytest

import icugym
from icugym import _light_spaces as light
from icugym import spaces
from icugym._connection import Connection, _Watchdog
from icugym._proto.v1 import env_pb2, spaces_pb2, tensor_pb2
from icugym._session import encode_actions
from icugym._tensor import from_numpy, to_numpy
from icugym.errors import error_from_code


class TestBox:
    def test_shape_dtype_and_bounds(self):
        box = light.Box(low=[-1.0, 0.0], high=[1.0, np.inf], dtype=np.float32)
        assert box.shape == (2,)
        assert box.dtype == np.float32
        assert box.low.dtype == np.float32 and box.high.dtype == np.float32
        assert box.is_bounded("below") and not box.is_bounded("above") and not box.is_bounded()

    def test_scalar_bounds_broadcast_to_shape(self):
        box = light.Box(low=0.0, high=1.0, shape=(2, 3))
        assert box.low.shape == (2, 3) and np.all(box.high == 1.0)

    def test_contains_checks_shape_dtype_and_bounds(self):
        box = light.Box(low=-1.0, high=1.0, shape=(3,), dtype=np.float32)
        assert box.contains(np.zeros(3, dtype=np.float32))
        assert np.zeros(3, dtype=np.float32) in box
        assert not box.contains(np.zeros(4, dtype=np.float32))
        assert not box.contains(np.full(3, 2.0, dtype=np.float32))
        assert not box.contains(np.zeros(3, dtype=np.float64)), "float64 does not cast safely to float32"
        assert box.contains([0.5, 0.5, 0.5])
        assert not box.contains("not an array")

    def test_sample_respects_bounds_and_seed(self):
        box = light.Box(low=np.array([-1.0, 0.0, -np.inf, -np.inf]), high=np.array([1.0, np.inf, 5.0, np.inf]))
        box.seed(7)
        a = np.stack([box.sample() for _ in range(500)])
        box.seed(7)
        b = np.stack([box.sample() for _ in range(500)])
        np.testing.assert_array_equal(a, b)
        assert a.dtype == np.float32
        assert all(box.contains(x) for x in a)
        assert a[:, 1].min() >= 0.0 and a[:, 2].max() <= 5.0

    def test_rejects_low_above_high(self):
        with pytest.raises(ValueError):
            light.Box(low=1.0, high=0.0, shape=(1,))

    def test_equality(self):
        assert light.Box(0.0, 1.0, (2,)) == light.Box(np.zeros(2), np.ones(2))
        assert light.Box(0.0, 1.0, (2,)) != light.Box(0.0, 2.0, (2,))


class TestDiscrete:
    def test_contains(self):
        d = light.Discrete(3)
        assert d.shape == () and d.dtype == np.int64
        assert all(x in d for x in (0, 1, 2, np.int64(2), np.array(1)))
        assert not any(d.contains(x) for x in (-1, 3, 1.0, True, "1", np.array([1])))

    def test_start(self):
        d = light.Discrete(3, start=-1)
        assert d.contains(-1) and not d.contains(2)
        assert repr(d) == "Discrete(3, start=-1)"

    def test_sample_seeded_and_in_space(self):
        d = light.Discrete(25, seed=3)
        a = [d.sample() for _ in range(300)]
        d.seed(3)
        assert a == [d.sample() for _ in range(300)]
        assert set(a) == set(range(25))
        assert all(isinstance(x, np.int64) for x in a)

    def test_sample_with_mask(self):
        d = light.Discrete(4, seed=0)
        mask = np.array([0, 1, 0, 1], dtype=np.int8)
        assert {int(d.sample(mask)) for _ in range(100)} == {1, 3}

    def test_rejects_empty(self):
        with pytest.raises(ValueError):
            light.Discrete(0)


class TestMultiDiscrete:
    def test_contains_and_sample(self):
        md = light.MultiDiscrete([5, 5], seed=1)
        assert md.shape == (2,)
        assert md.contains(np.array([4, 0])) and [0, 4] in md
        assert not md.contains(np.array([5, 0])) and not md.contains(np.array([0, 0, 0]))
        assert all(md.contains(md.sample()) for _ in range(200))

    def test_start(self):
        md = light.MultiDiscrete([2, 3], start=[1, -1])
        assert md.contains(np.array([2, 1])) and not md.contains(np.array([0, 0]))


class TestBatchSpace:
    def test_box(self):
        b = spaces.batch_space(spaces.Box(low=-1.0, high=np.array([1.0, 2.0]), dtype=np.float32), 3)
        assert b.shape == (3, 2)
        assert np.all(b.high[:, 1] == 2.0)

    def test_discrete_becomes_multidiscrete(self):
        b = spaces.batch_space(spaces.Discrete(25), 4)
        assert isinstance(b, spaces.MultiDiscrete)
        assert b.shape == (4,) and np.all(b.nvec == 25)


class TestTensor:
    @pytest.mark.parametrize("dtype", ["<f4", "<f8", "<i4", "<i8", "?", "u1"])
    def test_round_trip(self, dtype):
        a = (np.arange(12) % 2 == 1) if dtype == "?" else np.arange(12).astype(dtype)
        a = a.reshape(3, 4)
        back = to_numpy(from_numpy(a))
        assert back.dtype == a.dtype and back.shape == (3, 4)
        np.testing.assert_array_equal(back, a)

    def test_big_endian_input_is_sent_little_endian(self):
        t = from_numpy(np.array([1, 258], dtype=">i4"))
        assert t.dtype == tensor_pb2.DTYPE_INT32
        assert t.data == b"\x01\x00\x00\x00\x02\x01\x00\x00"

    def test_zero_copy_view_is_read_only(self):
        a = to_numpy(from_numpy(np.ones(4, dtype=np.float32)))
        assert not a.flags.writeable

    def test_length_mismatch_is_rejected(self):
        t = tensor_pb2.Tensor(dtype=tensor_pb2.DTYPE_FLOAT32, shape=[3], data=b"\x00" * 8)
        with pytest.raises(icugym.InvalidArgumentError, match="needs 12 bytes"):
            to_numpy(t)

    def test_unspecified_dtype_is_rejected(self):
        with pytest.raises(icugym.InvalidArgumentError, match="unsupported tensor dtype"):
            to_numpy(tensor_pb2.Tensor(shape=[1], data=b"\x00"))


class TestActionEncoding:
    def test_integers_become_int64(self):
        t = encode_actions([1, 0, 1])
        assert t.dtype == tensor_pb2.DTYPE_INT64 and list(t.shape) == [3]
        assert list(to_numpy(t)) == [1, 0, 1]

    def test_scalar_becomes_one_action(self):
        assert list(to_numpy(encode_actions(np.int64(4)))) == [4]

    def test_whole_floats_become_int64_and_others_go_to_the_server_as_floats(self):
        assert encode_actions([1.0, 2.0]).dtype == tensor_pb2.DTYPE_INT64
        assert encode_actions([1.5]).dtype == tensor_pb2.DTYPE_FLOAT64
        assert np.isnan(to_numpy(encode_actions([np.nan]))[0])

    def test_non_numeric_actions_are_rejected(self):
        with pytest.raises(icugym.InvalidArgumentError, match="actions must be integers"):
            encode_actions(["left"])


class TestSpecFromProto:
    def spec_message(self) -> env_pb2.EnvSpec:
        return env_pb2.EnvSpec(
            id="Toy-v0",
            observation_space=spaces_pb2.Space(
                box=spaces_pb2.BoxSpace(
                    shape=[2],
                    dtype=tensor_pb2.DTYPE_FLOAT32,
                    low=[-1.0, float("-inf")],
                    high=[1.0, float("inf")],
                    names=["a", "b"],
                    units=["m", "m/s"],
                )
            ),
            action_space=spaces_pb2.Space(discrete=spaces_pb2.DiscreteSpace(n=3, labels=["x", "y", "z"])),
            reward_min=-1.0,
            reward_max=1.0,
            max_episode_steps=10,
            autoreset_modes=[env_pb2.AUTORESET_MODE_NEXT_STEP, env_pb2.AUTORESET_MODE_DISABLED],
            info_keys=[env_pb2.InfoKeySpec(name="cost", description="safety cost")],
            action_grid=spaces_pb2.MultiDiscreteSpace(nvec=[3, 1], names=["p", "q"]),
        )

    def test_fields(self):
        spec = icugym.EnvSpec.from_proto(self.spec_message())
        assert spec.observation_space == spaces.Box(np.array([-1.0, -np.inf]), np.array([1.0, np.inf]), dtype=np.float32)
        assert spec.observation_space.dtype == np.float32
        assert spec.action_space == spaces.Discrete(3)
        assert spec.observation_names == ("a", "b") and spec.observation_units == ("m", "m/s")
        assert spec.action_labels == ("x", "y", "z")
        assert spec.reward_range == (-1.0, 1.0) and spec.max_episode_steps == 10
        assert spec.autoreset_modes == (icugym.AutoresetMode.NEXT_STEP, icugym.AutoresetMode.DISABLED)
        assert spec.info_keys[0].name == "cost"
        assert spec.action_grid == spaces.MultiDiscrete([3, 1]) and spec.action_grid_names == ("p", "q")

    def test_bound_count_mismatch_is_rejected(self):
        msg = self.spec_message()
        del msg.observation_space.box.low[:]
        with pytest.raises(icugym.InvalidArgumentError, match="low and"):
            icugym.EnvSpec.from_proto(msg)


class TestAutoresetMode:
    @pytest.mark.parametrize("text", ["same_step", "SAME_STEP", "SameStep", "same-step"])
    def test_parse(self, text):
        assert icugym.AutoresetMode.parse(text) is icugym.AutoresetMode.SAME_STEP

    def test_default_is_next_step(self):
        assert icugym.AutoresetMode.parse(None) is icugym.AutoresetMode.NEXT_STEP

    def test_unknown_is_rejected(self):
        with pytest.raises(icugym.InvalidArgumentError, match="unknown autoreset mode"):
            icugym.AutoresetMode.parse("sometimes")

    def test_proto_round_trip(self):
        for mode in icugym.AutoresetMode:
            assert icugym.AutoresetMode.from_proto(mode.to_proto()) is mode


class TestErrors:
    @pytest.mark.parametrize(
        "code, cls, builtin",
        [
            (3, icugym.InvalidArgumentError, ValueError),
            (5, icugym.NotFoundError, LookupError),
            (9, icugym.FailedPreconditionError, RuntimeError),
            (8, icugym.ResourceExhaustedError, icugym.IcugymError),
            (14, icugym.UnavailableError, ConnectionError),
            (4, icugym.DeadlineExceededError, TimeoutError),
            (12, icugym.UnimplementedError, NotImplementedError),
            (16, icugym.UnauthenticatedError, icugym.IcugymError),
            (13, icugym.InternalError, icugym.IcugymError),
        ],
    )
    def test_code_maps_to_class(self, code, cls, builtin):
        e = error_from_code(code, "what to do")
        assert type(e) is cls and isinstance(e, builtin) and isinstance(e, icugym.IcugymError)
        assert e.message == "what to do" and e.code.value[0] == code
        assert str(e).endswith("what to do")

    def test_status_code_enum_and_unknown_numbers(self):
        assert type(error_from_code(grpc.StatusCode.NOT_FOUND, "x")) is icugym.NotFoundError
        assert type(error_from_code(99, "x")) is icugym.UnknownError

    def test_unreachable_server_is_unavailable(self):
        with pytest.raises(icugym.UnavailableError, match="is the server running"):
            icugym.server_info("127.0.0.1:1", timeout=10)


def test_gymnasium_or_light_spaces_are_exported():
    if spaces.GYMNASIUM:  # pragma: no cover - depends on the installation
        import gymnasium

        assert spaces.Box is gymnasium.spaces.Box
    else:
        assert spaces.Box is light.Box and spaces.Discrete is light.Discrete


def test_make_checks_arguments_before_connecting():
    with pytest.raises(icugym.InvalidArgumentError, match="num_envs must be an integer >= 1"):
        icugym.make_vec("CartPole-v1", num_envs=0, address="127.0.0.1:1")
    with pytest.raises(icugym.InvalidArgumentError, match="use icugym.make_vec"):
        icugym.make("CartPole-v1", address="127.0.0.1:1", autoreset_mode="same_step")


class _RecordingCall:
    """Stands in for a gRPC call object: records cancel()."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()

    def cancel(self) -> None:
        self.cancelled.set()


class TestWatchdog:
    def test_cancels_the_call_when_an_answer_is_overdue(self):
        call = _RecordingCall()
        dog = _Watchdog(call, timeout=0.01)
        try:
            dog.arm()
            assert call.cancelled.wait(30), "the watchdog never cancelled the overdue call"
            assert dog.fired
        finally:
            dog.stop()

    def test_leaves_the_call_alone_when_the_answer_arrives(self):
        call = _RecordingCall()
        dog = _Watchdog(call, timeout=3600)
        dog.arm()
        dog.disarm()
        dog.stop()
        dog._thread.join(30)
        assert not dog._thread.is_alive()
        assert not call.cancelled.is_set() and not dog.fired


def test_a_server_of_another_protocol_version_is_refused(monkeypatch):
    other = icugym.ServerInfo(2, "icugym.v2", "9.0.0", (), icugym.ServerLimits(1, 1, 1, 1.0))
    monkeypatch.setattr(Connection, "server_info", lambda self: other)
    connection = Connection("127.0.0.1:1")
    try:
        with pytest.raises(icugym.ProtocolVersionError, match="speaks protocol version 2.*this client speaks version 1"):
            connection.check_protocol()
    finally:
        connection.close()
