"""A client of an icugym policy server (``icugym.v1.PolicyService``): actions for observations.

    import icugym

    with icugym.PolicyClient("localhost:50052") as policy:
        result = policy.act(observations, model_id="clinician")
        result.actions          # numpy int64 [n]

Planner models (``"psr"``) simulate each row's patient on an env server: pass the session the
observations come from (``session_id=env.session_id``) and, for a vector env, ``env_indices``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence

import grpc
import numpy as np

from icugym._connection import _CHANNEL_OPTIONS, DEFAULT_TIMEOUT, PROTOCOL_VERSION
from icugym._proto.v1 import policy_pb2, policy_pb2_grpc
from icugym._tensor import from_numpy, to_numpy
from icugym.errors import InvalidArgumentError, ProtocolVersionError, error_from_rpc_error

#: Address used when none is given and ``ICUGYM_POLICY_ADDRESS`` is not set.
DEFAULT_POLICY_ADDRESS = "localhost:50052"


@dataclass(frozen=True)
class ActResult:
    """The answer of one Act call, row i answering observation row i.

    Attributes:
        actions: chosen action per row, int64 ``[n]``.
        log_probs: log-probability of each chosen action, float32 ``[n]``.
        values: the critic's value (planners: the chosen plan's score; baselines: 0), float32 ``[n]``.
        action_probs: action distribution per row, float32 ``[n, num_actions]``.
        model_id: the model that answered.
        model_version: the weights version that produced every row.
        reasoning: one parsed JSON trace per row when asked for and the model has one, else empty.
    """

    actions: np.ndarray
    log_probs: np.ndarray
    values: np.ndarray
    action_probs: np.ndarray
    model_id: str
    model_version: int
    reasoning: List[Any]


class PolicyClient:
    """A channel to one policy server. Thread-safe; close it (or use ``with``) when done."""

    def __init__(self, address: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT) -> None:
        self.address = address or os.environ.get("ICUGYM_POLICY_ADDRESS") or DEFAULT_POLICY_ADDRESS
        self.timeout = timeout
        self._channel = grpc.insecure_channel(self.address, options=_CHANNEL_OPTIONS)
        self._stub = policy_pb2_grpc.PolicyServiceStub(self._channel)

    def _call(self, method: str, request: Any) -> Any:
        try:
            return getattr(self._stub, method)(request, timeout=self.timeout)
        except grpc.RpcError as e:
            raise error_from_rpc_error(e, f"{method} at {self.address}") from None

    def info(self, model_id: str = "") -> policy_pb2.PolicyInfo:
        """The server's versions, capabilities, batching settings and one model (the default if none named)."""
        info = self._call("GetPolicyInfo", policy_pb2.GetPolicyInfoRequest(model_id=model_id))
        if info.protocol_version != PROTOCOL_VERSION:
            raise ProtocolVersionError(
                f"the policy server at {self.address} speaks protocol version {info.protocol_version}, this client "
                f"{PROTOCOL_VERSION}: use a client of the server's version"
            )
        return info

    def list_models(self) -> List[policy_pb2.ModelInfo]:
        """Every served model with its kind, sizes and current version."""
        return list(self._call("ListModels", policy_pb2.ListModelsRequest()).models)

    def act(
        self,
        observations: Any,
        model_id: str = "",
        deterministic: bool = True,
        *,
        session_id: str = "",
        env_server: str = "",
        env_indices: Optional[Sequence[int]] = None,
        reasoning: bool = False,
    ) -> ActResult:
        """Chooses one action per observation row.

        Args:
            observations: ``[n, d]`` (or one ``[d]`` row) of numbers; sent as float32.
            model_id: the model; empty = the server's default.
            deterministic: most probable action (True) or sampled (False).
            session_id: env-server session the rows come from, so planners can simulate them.
            env_server: ``host:port`` of that env server; empty = the policy server's configured one.
            env_indices: per row, the session's environment index; None = row i is environment i.
            reasoning: ask for one reasoning trace per row (parsed from JSON).
        """
        obs = np.asarray(observations, dtype=np.float32)
        if obs.ndim not in (1, 2) or obs.size == 0:
            raise InvalidArgumentError(f"observations have shape {obs.shape}: pass [n, d] rows or one [d] row")
        request = policy_pb2.ActRequest(
            model_id=model_id,
            observations=from_numpy(obs),
            deterministic=deterministic,
            session_id=session_id,
            env_server=env_server,
            env_indices=list(env_indices or []),
            want_reasoning=reasoning,
        )
        r = self._call("Act", request)
        return ActResult(
            actions=to_numpy(r.actions),
            log_probs=to_numpy(r.log_probs),
            values=to_numpy(r.values),
            action_probs=to_numpy(r.action_probs),
            model_id=r.model_id,
            model_version=r.model_version,
            reasoning=[json.loads(t) for t in r.reasoning],
        )

    def close(self) -> None:
        """Closes the channel."""
        self._channel.close()

    def __enter__(self) -> "PolicyClient":
        return self

    def __exit__(self, *args: Any) -> bool:
        self.close()
        return False
