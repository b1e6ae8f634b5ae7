"""icugym: Gymnasium environments served by an icugym environment server over gRPC.

    import icugym

    env = icugym.make("CartPole-v1", address="localhost:50051", seed=0)
    obs, info = env.reset()
    obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
    env.close()

:func:`make` returns an :class:`Env` for one environment, or a :class:`VectorEnv` of ``num_envs``
environments stepped together in one server session. :func:`list_environments` and
:func:`server_info` describe the server; :class:`PolicyClient` asks a policy server for actions. Failures raise subclasses of :class:`IcugymError`
that mirror the gRPC status codes and carry the server's message.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional, Union

try:
    from icugym._proto.v1 import env_pb2 as _env_pb2  # noqa: F401
except ImportError as _e:  # pragma: no cover - only before the stubs are generated
    raise ImportError(
        "icugym's generated protobuf modules are missing (icugym/_proto): run clients/python/generate_protos.sh "
        "(needs Debian's protobuf-compiler and protobuf-compiler-grpc) before importing icugym"
    ) from _e

from icugym import spaces
from icugym._connection import DEFAULT_ADDRESS, DEFAULT_TIMEOUT, PROTOCOL_VERSION, Connection
from icugym._proto.v1 import env_pb2
from icugym._session import SimulationResult
from icugym.policy import DEFAULT_POLICY_ADDRESS, ActResult, PolicyClient
from icugym.env import Env, VectorEnv
from icugym import errors as _errors
from icugym.errors import *  # noqa: F401,F403 - the exception classes, listed in errors.__all__
from icugym.specs import AutoresetMode, EnvOption, EnvSpec, InfoKey, ServerInfo, ServerLimits

__version__ = "0.1.0"

__all__ = [
    "make",
    "make_vec",
    "list_environments",
    "server_info",
    "Env",
    "VectorEnv",
    "EnvSpec",
    "InfoKey",
    "EnvOption",
    "ServerInfo",
    "ServerLimits",
    "SimulationResult",
    "PolicyClient",
    "ActResult",
    "DEFAULT_POLICY_ADDRESS",
    "AutoresetMode",
    "spaces",
    "PROTOCOL_VERSION",
    "DEFAULT_ADDRESS",
] + [name for name in _errors.__all__ if name.endswith("Error")]


def make(
    env_id: str,
    address: Optional[str] = None,
    num_envs: int = 1,
    seed: Optional[int] = None,
    *,
    options: Optional[Mapping[str, Any]] = None,
    autoreset_mode: Any = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
) -> Union[Env, VectorEnv]:
    """Creates environments of ``env_id`` on the server at ``address``.

    Args:
        env_id: a registered id, e.g. ``"CartPole-v1"`` or ``"ICU-Sepsis-v2"`` (see
            :func:`list_environments`); an unknown id raises NotFoundError.
        address: ``host:port`` of the server; default ``$ICUGYM_ADDRESS`` or ``localhost:50051``.
        num_envs: 1 gives an :class:`Env`; more give a :class:`VectorEnv` of one server session.
        seed: seeds environment i's random stream with ``seed + i`` until a seeded reset; None
            draws from system entropy.
        options: environment options (see ``EnvSpec.options``), e.g. ``{"observation": "onehot"}``.
        autoreset_mode: for a VectorEnv: ``AutoresetMode.NEXT_STEP`` (default), ``SAME_STEP`` or
            ``DISABLED`` (gymnasium's enum and names as strings are accepted too).
        timeout: seconds to wait for each answer before raising DeadlineExceededError (None: forever).
    """
    if num_envs == 1 and autoreset_mode is None:
        return Env(env_id, address=address, seed=seed, options=options, timeout=timeout)
    if num_envs == 1:
        raise InvalidArgumentError(
            "autoreset_mode applies to vector environments: use icugym.make_vec(env_id, num_envs=1, "
            "autoreset_mode=...) for a VectorEnv of one environment"
        )
    return VectorEnv(
        env_id, num_envs, address=address, seed=seed, options=options, autoreset_mode=autoreset_mode, timeout=timeout
    )


def make_vec(
    env_id: str,
    num_envs: int = 1,
    address: Optional[str] = None,
    seed: Optional[int] = None,
    *,
    options: Optional[Mapping[str, Any]] = None,
    autoreset_mode: Any = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
) -> VectorEnv:
    """Creates a :class:`VectorEnv` of ``num_envs`` environments (any ``num_envs >= 1``); see :func:`make`."""
    return VectorEnv(
        env_id, num_envs, address=address, seed=seed, options=options, autoreset_mode=autoreset_mode, timeout=timeout
    )


def server_info(address: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT) -> ServerInfo:
    """The protocol version, server version, capabilities and limits of the server at ``address``."""
    connection = Connection(address, timeout)
    try:
        return connection.server_info()
    finally:
        connection.close()


def list_environments(address: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT) -> List[EnvSpec]:
    """The specs of every environment registered on the server at ``address``, sorted by id."""
    connection = Connection(address, timeout)
    try:
        connection.check_protocol()
        response = connection.unary("ListEnvironments", env_pb2.ListEnvironmentsRequest())
        return [EnvSpec.from_proto(spec) for spec in response.environments]
    finally:
        connection.close()
