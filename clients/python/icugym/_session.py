"""One server session over its own Session stream: create, reset, step, close, and the mapping
between the protocol's messages and numpy arrays (in one place for Env and VectorEnv)."""

from __future__ import annotations

import atexit
import sys
import weakref
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from icugym._connection import DEFAULT_TIMEOUT, Connection, SessionStream
from icugym._proto.v1 import env_pb2
from icugym._tensor import from_numpy, to_numpy
from icugym.errors import ClosedError, IcugymError, InvalidArgumentError
from icugym.specs import AutoresetMode, EnvSpec, ServerInfo, option_strings

#: Vector infos: key -> (values [num_envs], present [num_envs]).
RawInfos = Dict[str, Tuple[np.ndarray, np.ndarray]]

# Sessions not closed yet; closed at interpreter exit while gRPC still works (during finalization
# a round trip would block forever).
_OPEN_SESSIONS: "weakref.WeakSet[Session]" = weakref.WeakSet()


@atexit.register
def _close_open_sessions() -> None:
    for session in list(_OPEN_SESSIONS):
        try:
            session.close()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


@dataclass(frozen=True)
class StepBatch:
    """A decoded StepResponse; arrays are read-only views of the message bytes."""

    observations: np.ndarray
    rewards: np.ndarray
    terminated: np.ndarray
    truncated: np.ndarray
    infos: RawInfos
    final_observations: Optional[np.ndarray]
    final_mask: Optional[np.ndarray]
    final_infos: RawInfos


@dataclass(frozen=True)
class SimulationResult:
    """The forecast of K candidate action plans of H steps each, from one environment's state.

    Per-step arrays have one row per future step. A sample whose episode ended keeps its last
    features and mortality risk and adds no reward or flags afterwards.

    Attributes:
        feature_names: the F forecast features (observation element names, e.g. ``"meanbp"``).
        safety_flag_names: the R safety flags.
        num_samples: samples drawn per candidate.
        ground_truth: True when the forecast is the environment's true dynamics
            (``Sepsis-Physiology-v1``), False for a learned model.
        feature_mean: mean of each feature after each step, float32 ``[K, H, F]``, in the features' units.
        feature_std: standard deviation across samples, float32 ``[K, H, F]``.
        mortality_risk: probability of death (0..1) given the state after each step, float32 ``[K, H]``.
        reward: mean reward of each step, float32 ``[K, H]``.
        predicted_reward: mean cumulative reward of each plan, float64 ``[K]``.
        safety_flag_rate: fraction of samples raising each flag at each step, float32 ``[K, H, R]``.
        done_rate: fraction of samples whose episode has ended by each step, float32 ``[K, H]``.
        epistemic_uncertainty: ensemble disagreement after each step, float32 ``[K, H]`` (0 for exact simulators).
    """

    feature_names: Tuple[str, ...]
    safety_flag_names: Tuple[str, ...]
    num_samples: int
    ground_truth: bool
    feature_mean: np.ndarray
    feature_std: np.ndarray
    mortality_risk: np.ndarray
    reward: np.ndarray
    predicted_reward: np.ndarray
    safety_flag_rate: np.ndarray
    done_rate: np.ndarray
    epistemic_uncertainty: np.ndarray

    def feature(self, name: str) -> Tuple[np.ndarray, np.ndarray]:
        """Mean and standard deviation ``[K, H]`` of one feature, e.g. ``result.feature("meanbp")``."""
        if name not in self.feature_names:
            raise InvalidArgumentError(f"unknown forecast feature {name!r}; forecast features: {list(self.feature_names)}")
        f = self.feature_names.index(name)
        return self.feature_mean[:, :, f], self.feature_std[:, :, f]

    @staticmethod
    def from_proto(r: Any) -> "SimulationResult":
        """Decodes a SimulateResponse."""
        def stack(field: str) -> np.ndarray:
            return np.stack([to_numpy(getattr(o, field)) for o in r.outcomes])

        return SimulationResult(
            feature_names=tuple(r.feature_names),
            safety_flag_names=tuple(r.safety_flag_names),
            num_samples=int(r.num_samples),
            ground_truth=bool(r.ground_truth),
            feature_mean=stack("feature_mean"),
            feature_std=stack("feature_std"),
            mortality_risk=stack("mortality_risk_per_step"),
            reward=stack("reward_per_step"),
            predicted_reward=np.array([o.predicted_reward for o in r.outcomes], dtype=np.float64),
            safety_flag_rate=stack("safety_flag_rate"),
            done_rate=stack("done_rate"),
            epistemic_uncertainty=stack("epistemic_per_step"),
        )


def encode_plans(candidates: Any) -> Any:
    """Candidate plans as ActionPlans: a ``[K, H]`` array-like of integer action indices (1-D: one plan)."""
    try:
        a = np.asarray(candidates)
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(
            f"candidates must be a [K, H] array of action indices (K plans of H actions each): {e}"
        ) from None
    if a.ndim == 1 and a.dtype != object:
        a = a.reshape(1, -1)
    if a.ndim != 2 or a.dtype.kind not in "iub":
        raise InvalidArgumentError(
            f"candidates must be a [K, H] array of integer action indices (K plans of H actions each, "
            f"all plans the same length), got shape {a.shape} of {a.dtype}"
        )
    if a.dtype.kind == "i" and a.size and a.min() < 0:
        raise InvalidArgumentError(f"actions must be >= 0, got {int(a.min())} in candidates")
    return [env_pb2.ActionPlan(actions=[int(x) for x in row]) for row in a]


def decode_infos(infos: Mapping[str, env_pb2.InfoField]) -> RawInfos:
    """Protocol infos as {key: (values, present)}, keys in sorted order."""
    return {key: (to_numpy(infos[key].values), to_numpy(infos[key].present)) for key in sorted(infos)}


def encode_actions(actions: Any) -> Any:
    """Actions as an int64 tensor, flattened to one action per environment.

    Integral floats are converted; floats that are not whole numbers (or NaN, inf) are sent as they
    are so that the server rejects them with its own message.
    """
    try:
        a = np.asarray(actions)
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(f"actions must be integers (action indices), got {actions!r}: {e}") from None
    if a.dtype.kind == "b":
        a = a.astype(np.int64)
    if a.dtype.kind in "iu":
        return from_numpy(a.reshape(-1).astype("<i8", copy=False))
    if a.dtype.kind == "f":
        if np.all(np.isfinite(a)) and np.all(a == np.floor(a)):
            return from_numpy(a.reshape(-1).astype("<i8"))
        return from_numpy(a.reshape(-1).astype("<f8", copy=False))
    raise InvalidArgumentError(
        f"actions must be integers (action indices), got values of type {a.dtype}: {actions!r}"
    )


class Session:
    """An open session of ``num_envs`` environments of one id on one server."""

    def __init__(
        self,
        env_id: str,
        address: Optional[str],
        num_envs: int,
        seed: Optional[int],
        options: Optional[Mapping[str, Any]],
        autoreset_mode: AutoresetMode,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
    ) -> None:
        if isinstance(num_envs, bool) or not isinstance(num_envs, (int, np.integer)) or num_envs < 1:
            raise InvalidArgumentError(f"num_envs must be an integer >= 1, got {num_envs!r}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
            raise InvalidArgumentError(f"seed must be an integer or None, got {seed!r}")
        self._closed = False
        self._stream: Optional[SessionStream] = None
        self._connection = Connection(address, timeout)
        try:
            self.server_info: ServerInfo = self._connection.check_protocol()
            self._stream = SessionStream(self._connection)
            request = env_pb2.CreateSessionRequest(
                env_id=str(env_id),
                num_envs=int(num_envs),
                options=option_strings(dict(options) if options else None),
                autoreset_mode=autoreset_mode.to_proto(),
            )
            if seed is not None:
                request.seed = int(seed)
            created = self._stream.request("create", request)
        except BaseException:
            self._close_transport()
            raise
        self.address = self._connection.address
        self.session_id: str = created.session_id
        self.spec = EnvSpec.from_proto(created.spec)
        self.num_envs: int = created.num_envs
        self.autoreset_mode = AutoresetMode.from_proto(created.autoreset_mode)
        _OPEN_SESSIONS.add(self)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def reset(
        self,
        seed: Union[None, int, Sequence[int]] = None,
        reset_mask: Optional[Sequence[bool]] = None,
        options: Optional[Mapping[str, Any]] = None,
    ) -> Tuple[np.ndarray, RawInfos]:
        """Resets all (or the masked) environments; returns observations and infos."""
        request = env_pb2.ResetRequest(session_id=self.session_id, options=option_strings(dict(options or {})))
        if seed is not None:
            if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
                request.seed = int(seed)
            else:
                seeds = list(seed)
                if any(s is None or isinstance(s, bool) or not isinstance(s, (int, np.integer)) for s in seeds):
                    raise InvalidArgumentError(
                        f"seeds must be integers, one per environment, got {seeds!r}; "
                        "to seed every environment from one value pass seed=<int>"
                    )
                request.seeds.extend(int(s) for s in seeds)
        if reset_mask is not None:
            request.reset_mask.extend(bool(m) for m in np.asarray(reset_mask).reshape(-1))
        response = self._request("reset", request)
        return to_numpy(response.observations), decode_infos(response.infos)

    def step(self, actions: Any) -> StepBatch:
        """Steps every environment with one action each."""
        request = env_pb2.StepRequest(session_id=self.session_id, actions=encode_actions(actions))
        r = self._request("step", request)
        has_final = r.HasField("final_mask")
        return StepBatch(
            observations=to_numpy(r.observations),
            rewards=to_numpy(r.rewards),
            terminated=to_numpy(r.terminated),
            truncated=to_numpy(r.truncated),
            infos=decode_infos(r.infos),
            final_observations=to_numpy(r.final_observations) if has_final else None,
            final_mask=to_numpy(r.final_mask) if has_final else None,
            final_infos=decode_infos(r.final_infos),
        )

    def simulate(self, env_index: int, candidates: Any, num_samples: int = 0) -> SimulationResult:
        """Forecasts candidate plans from environment ``env_index`` without changing the session."""
        for name, value in (("env_index", env_index), ("num_samples", num_samples)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
                raise InvalidArgumentError(f"{name} must be an integer >= 0, got {value!r}")
        request = env_pb2.SimulateRequest(
            session_id=self.session_id,
            env_index=int(env_index),
            candidates=encode_plans(candidates),
            num_samples=int(num_samples),
        )
        return SimulationResult.from_proto(self._request("simulate", request))

    def _request(self, kind: str, message: Any) -> Any:
        if self._stream is None:
            raise ClosedError("the session was not created: create a new environment with icugym.make")
        return self._stream.request(kind, message)

    def close(self) -> None:
        """Closes the server session and the connection; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        _OPEN_SESSIONS.discard(self)
        if sys.is_finalizing():
            return  # the interpreter is shutting down: no round trips; the server reaps the session
        try:
            if self._stream is not None and self._stream.usable:
                self._stream.request("close", env_pb2.CloseSessionRequest(session_id=self.session_id))
        except IcugymError:
            pass  # already gone on the server (reaped, or the server stopped): nothing left to free
        finally:
            self._close_transport()

    def _close_transport(self) -> None:
        if self._stream is not None:
            self._stream.close()
        self._connection.close()
