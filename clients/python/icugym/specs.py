"""Plain descriptions of the server and its environments: :class:`ServerInfo`, :class:`EnvSpec`,
:class:`AutoresetMode`, built from the protobuf messages in one place."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from icugym import spaces
from icugym._proto.v1 import env_pb2
from icugym.errors import InvalidArgumentError

__all__ = ["AutoresetMode", "ServerInfo", "ServerLimits", "EnvSpec", "InfoKey", "EnvOption"]


class AutoresetMode(enum.Enum):
    """How a vector environment resets sub-environments whose episode ended (Gymnasium 1.x).

    The values equal those of ``gymnasium.vector.AutoresetMode``.
    """

    #: Reset on the step after the episode ended; that step ignores the action (reward 0).
    NEXT_STEP = "NextStep"
    #: Reset within the step that ended the episode; the last observation goes to ``infos["final_obs"]``.
    SAME_STEP = "SameStep"
    #: No automatic reset; reset ended environments with ``reset(options={"reset_mask": mask})``.
    DISABLED = "Disabled"

    @classmethod
    def parse(cls, value: Any) -> "AutoresetMode":
        """Accepts an AutoresetMode, gymnasium's AutoresetMode, its value or name in any case."""
        if value is None:
            return cls.NEXT_STEP
        if isinstance(value, cls):
            return value
        if isinstance(value, enum.Enum):
            value = value.value
        if isinstance(value, str):
            key = value.replace("_", "").replace("-", "").lower()
            for mode in cls:
                if key in (mode.value.lower(), mode.name.replace("_", "").lower()):
                    return mode
        raise InvalidArgumentError(
            f"unknown autoreset mode {value!r}; use one of {[m.name for m in cls]} (or gymnasium's AutoresetMode)"
        )

    def to_proto(self) -> int:
        """The ``icugym.v1.AutoresetMode`` number."""
        return _PROTO_BY_MODE[self]

    @classmethod
    def from_proto(cls, number: int) -> "AutoresetMode":
        """The mode of an ``icugym.v1.AutoresetMode`` number (UNSPECIFIED means NEXT_STEP)."""
        return _MODE_BY_PROTO.get(number, cls.NEXT_STEP)

    def to_gymnasium(self) -> Any:
        """gymnasium's AutoresetMode of the same value when gymnasium provides it, else ``self``."""
        try:  # pragma: no cover - depends on the installation
            from gymnasium.vector import AutoresetMode as GymAutoresetMode  # type: ignore[attr-defined]

            return GymAutoresetMode(self.value)
        except ImportError:
            return self


_PROTO_BY_MODE = {
    AutoresetMode.NEXT_STEP: env_pb2.AUTORESET_MODE_NEXT_STEP,
    AutoresetMode.SAME_STEP: env_pb2.AUTORESET_MODE_SAME_STEP,
    AutoresetMode.DISABLED: env_pb2.AUTORESET_MODE_DISABLED,
}
_MODE_BY_PROTO = {v: k for k, v in _PROTO_BY_MODE.items()}


@dataclass(frozen=True)
class ServerLimits:
    """Limits the server enforces; exceeding one raises ResourceExhaustedError."""

    max_sessions: int
    max_envs_per_session: int
    max_request_bytes: int
    idle_timeout_seconds: float
    #: Simulate: most candidate plans (K), actions per plan (H) and samples per plan (N) per request,
    #: and the samples drawn when a request asks for 0; beyond a limit Simulate raises InvalidArgumentError.
    max_simulate_candidates: int = 0
    max_simulate_horizon: int = 0
    max_simulate_samples: int = 0
    default_simulate_samples: int = 0


@dataclass(frozen=True)
class ServerInfo:
    """What the server is: protocol and software versions, capabilities and limits."""

    protocol_version: int
    protocol_package: str
    server_version: str
    capabilities: Tuple[str, ...]
    limits: ServerLimits

    @classmethod
    def from_proto(cls, msg: env_pb2.ServerInfo) -> "ServerInfo":
        """Converts a ``ServerInfo`` message."""
        lim = msg.limits
        return cls(
            protocol_version=msg.protocol_version,
            protocol_package=msg.protocol_package,
            server_version=msg.server_version,
            capabilities=tuple(msg.capabilities),
            limits=ServerLimits(
                max_sessions=lim.max_sessions,
                max_envs_per_session=lim.max_envs_per_session,
                max_request_bytes=lim.max_request_bytes,
                idle_timeout_seconds=lim.idle_timeout_seconds,
                max_simulate_candidates=lim.max_simulate_candidates,
                max_simulate_horizon=lim.max_simulate_horizon,
                max_simulate_samples=lim.max_simulate_samples,
                default_simulate_samples=lim.default_simulate_samples,
            ),
        )


@dataclass(frozen=True)
class InfoKey:
    """A key that may appear in step and reset infos, with its meaning and unit."""

    name: str
    description: str


@dataclass(frozen=True)
class EnvOption:
    """An option an environment accepts at creation, with its meaning and default value."""

    name: str
    description: str
    default_value: str


@dataclass(frozen=True)
class EnvSpec:
    """Describes one environment id: spaces, reward range, time limit, autoreset modes, infos, options.

    ``observation_names`` / ``observation_units`` name each element of a Box observation,
    ``action_labels`` each action of a Discrete action space (empty when the server gives none),
    and ``action_grid`` is the (fluid_bin, vaso_bin) MultiDiscrete view of treatment actions.
    """

    id: str
    description: str
    observation_space: Any
    action_space: Any
    reward_range: Tuple[float, float]
    max_episode_steps: Optional[int]
    autoreset_modes: Tuple[AutoresetMode, ...]
    info_keys: Tuple[InfoKey, ...]
    options: Tuple[EnvOption, ...]
    observation_names: Tuple[str, ...] = ()
    observation_units: Tuple[str, ...] = ()
    action_labels: Tuple[str, ...] = ()
    action_grid: Optional[Any] = None
    action_grid_names: Tuple[str, ...] = ()
    reference_discount: float = 1.0
    #: Whether sessions of this environment answer ``simulate`` (otherwise it raises UnimplementedError).
    supports_simulate: bool = False

    @classmethod
    def from_proto(cls, msg: env_pb2.EnvSpec) -> "EnvSpec":
        """Converts an ``EnvSpec`` message."""
        obs = msg.observation_space
        act = msg.action_space
        grid = msg.action_grid if msg.HasField("action_grid") else None
        return cls(
            id=msg.id,
            description=msg.description,
            observation_space=spaces.from_proto(obs),
            action_space=spaces.from_proto(act),
            reward_range=(msg.reward_min, msg.reward_max),
            max_episode_steps=msg.max_episode_steps or None,
            autoreset_modes=tuple(AutoresetMode.from_proto(m) for m in msg.autoreset_modes),
            info_keys=tuple(InfoKey(k.name, k.description) for k in msg.info_keys),
            options=tuple(EnvOption(o.name, o.description, o.default_value) for o in msg.options),
            observation_names=tuple(obs.box.names) if obs.WhichOneof("kind") == "box" else (),
            observation_units=tuple(obs.box.units) if obs.WhichOneof("kind") == "box" else (),
            action_labels=tuple(act.discrete.labels) if act.WhichOneof("kind") == "discrete" else (),
            action_grid=spaces.MultiDiscrete(list(grid.nvec)) if grid is not None and len(grid.nvec) else None,
            action_grid_names=tuple(grid.names) if grid is not None else (),
            reference_discount=msg.reference_discount,
            supports_simulate=msg.supports_simulate,
        )

    def __str__(self) -> str:
        return f"{self.id}: observations {self.observation_space}, actions {self.action_space}"


def option_strings(options: Optional[Dict[str, Any]]) -> Dict[str, str]:
    """Environment options as the string map the protocol carries (booleans as true/false)."""
    if not options:
        return {}
    out = {}
    for key, value in options.items():
        if isinstance(value, bool):
            out[str(key)] = "true" if value else "false"
        else:
            out[str(key)] = str(value)
    return out

