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
