"""Gymnasium environments backed by an icugym server: :class:`Env` (one environment) and
:class:`VectorEnv` (``num_envs`` environments stepped together in one server session).

Both subclass ``gymnasium.Env`` / ``gymnasium.vector.VectorEnv`` when gymnasium is installed, and
small stand-ins with the same API otherwise. Observations are numpy arrays in the spec's dtype
(float32 for Box spaces, int64 for Discrete ones), read-only views of the received bytes: copy
one before changing it in place.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, SupportsFloat, Tuple, Union

import numpy as np

from icugym import spaces
from icugym._connection import DEFAULT_TIMEOUT
from icugym._session import RawInfos, Session, SimulationResult
from icugym.specs import AutoresetMode, EnvSpec

__all__ = ["Env", "VectorEnv"]

try:  # pragma: no cover - depends on the installation
    import gymnasium as _gym

    _EnvBase: Any = _gym.Env
    _VectorEnvBase: Any = _gym.vector.VectorEnv
except ImportError:  # pragma: no cover - depends on the installation
    _gym = None

    class _EnvBase:  # type: ignore[no-redef]
        """The part of ``gymnasium.Env`` an icugym Env relies on, for installations without gymnasium."""

        metadata: Dict[str, Any] = {"render_modes": []}
        render_mode: Optional[str] = None
        spec: Any = None
        _np_random: Optional[np.random.Generator] = None

        def reset(self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None) -> Any:
            if seed is not None:
                self._np_random = np.random.default_rng(seed)
            return None

        @property
        def np_random(self) -> np.random.Generator:
            if self._np_random is None:
                self._np_random = np.random.default_rng()
            return self._np_random

        @property
        def unwrapped(self) -> Any:
            return self

        def render(self) -> Any:
            return None

        def close(self) -> None:
            pass

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *args: Any) -> bool:
            self.close()
            return False

    class _VectorEnvBase:  # type: ignore[no-redef]
        """The part of ``gymnasium.vector.VectorEnv`` an icugym VectorEnv relies on."""

        metadata: Dict[str, Any] = {}
        render_mode: Optional[str] = None
        spec: Any = None
        closed: bool = False
        _np_random: Optional[np.random.Generator] = None

        def reset(self, *, seed: Any = None, options: Optional[Dict[str, Any]] = None) -> Any:
            if isinstance(seed, int):
                self._np_random = np.random.default_rng(seed)
            return None

        @property
        def np_random(self) -> np.random.Generator:
            if self._np_random is None:
                self._np_random = np.random.default_rng()
            return self._np_random

        @property
        def unwrapped(self) -> Any:
            return self

        def render(self) -> Any:
            return None

        def close(self, **kwargs: Any) -> None:
            if self.closed:
                return
            self.close_extras(**kwargs)
            self.closed = True

        def close_extras(self, **kwargs: Any) -> None:
            pass

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *args: Any) -> bool:
            self.close()
            return False


def _scalar_info(infos: RawInfos, i: int) -> Dict[str, Any]:
    """Environment i's infos as a plain dict of the keys it reported."""
    return {key: values[i].item() for key, (values, present) in infos.items() if present[i]}


def _vector_info(infos: RawInfos) -> Dict[str, Any]:
    """Gymnasium's vector info dict: {key: values, "_key": present} for keys any environment set."""
    out: Dict[str, Any] = {}
    for key, (values, present) in infos.items():
        if present.any():
            out[key] = values
            out["_" + key] = present
    return out


class Env(_EnvBase):
    """One environment of an icugym server, with Gymnasium's Env API.

    Create it with :func:`icugym.make`. ``reset(seed=s)`` makes the episode reproducible; after an
    episode ends (``terminated`` or ``truncated``) call ``reset`` again: stepping a finished
    episode raises FailedPreconditionError. Not thread-safe; use one Env per thread.

    Attributes:
        env_spec: the server's :class:`~icugym.EnvSpec` (names, units, labels, info keys, options).
        session_id: the server session behind this environment.
    """

    metadata: Dict[str, Any] = {"render_modes": []}

    def __init__(
        self,
        env_id: str,
        address: Optional[str] = None,
        seed: Optional[int] = None,
        options: Optional[Mapping[str, Any]] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
    ) -> None:
        self._session = Session(env_id, address, 1, seed, options, AutoresetMode.DISABLED, timeout)
        self.env_spec: EnvSpec = self._session.spec
        self.session_id = self._session.session_id
        self.observation_space = self.env_spec.observation_space
        self.action_space = self.env_spec.action_space
        self.reward_range = self.env_spec.reward_range
        self.render_mode = None

    def reset(
        self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None
    ) -> Tuple[Any, Dict[str, Any]]:
        """Starts a new episode; ``seed`` re-seeds the environment. Returns ``(observation, info)``."""
        super().reset(seed=seed)
        obs, infos = self._session.reset(seed=seed, options=options)
        return obs[0], _scalar_info(infos, 0)

    def step(self, action: Any) -> Tuple[Any, SupportsFloat, bool, bool, Dict[str, Any]]:
        """Applies one action; returns ``(observation, reward, terminated, truncated, info)``."""
        r = self._session.step(action)
        return (
            r.observations[0],
            float(r.rewards[0]),
            bool(r.terminated[0]),
            bool(r.truncated[0]),
            _scalar_info(r.infos, 0),
        )

    def simulate(self, candidates: Any, num_samples: int = 0) -> SimulationResult:
        """Forecasts candidate action plans from the current state without changing it.

        ``candidates`` is a ``[K, H]`` array of action indices (K plans of H actions; the server's
        limits are in ``server_info.limits``, by default K <= 8, H <= 6); ``num_samples`` samples
        per plan (0 = the server's default). Raises UnimplementedError for environments without a
        model and InvalidArgumentError for bad plans.
        """
        return self._session.simulate(0, candidates, num_samples)

    def close(self) -> None:
        """Closes the server session and the connection; safe to call more than once."""
        session = getattr(self, "_session", None)
        if session is not None:
            session.close()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._session.closed

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - never raise from a finalizer
            pass

    def __repr__(self) -> str:
        return f"<icugym.Env {self.env_spec.id} session={self.session_id} at {self._session.address}>"


class VectorEnv(_VectorEnvBase):
    """``num_envs`` environments of one id in one server session, with Gymnasium's VectorEnv API.

    Create it with :func:`icugym.make` (``num_envs > 1``) or :func:`icugym.make_vec`. The autoreset
    mode is in ``metadata["autoreset_mode"]`` (gymnasium's AutoresetMode when gymnasium provides
    it). Under ``SAME_STEP`` the last observation and info of an ended episode are in
    ``infos["final_obs"]`` (an array whose rows are set where ``infos["_final_obs"]``) and
    ``infos["final_info"]``. Under ``DISABLED``, reset ended environments with
    ``reset(options={"reset_mask": mask})``. Not thread-safe.
    """

    def __init__(
        self,
        env_id: str,
        num_envs: int,
        address: Optional[str] = None,
        seed: Optional[int] = None,
        options: Optional[Mapping[str, Any]] = None,
        autoreset_mode: Any = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
    ) -> None:
        mode = AutoresetMode.parse(autoreset_mode)
        self._session = Session(env_id, address, num_envs, seed, options, mode, timeout)
        self.env_spec: EnvSpec = self._session.spec
        self.session_id = self._session.session_id
        self.num_envs = self._session.num_envs
        self.autoreset_mode = self._session.autoreset_mode
        self.metadata = {"autoreset_mode": self.autoreset_mode.to_gymnasium(), "render_modes": []}
        self.single_observation_space = self.env_spec.observation_space
        self.single_action_space = self.env_spec.action_space
        self.observation_space = spaces.batch_space(self.single_observation_space, self.num_envs)
        self.action_space = spaces.batch_space(self.single_action_space, self.num_envs)
        self.render_mode = None
        self.closed = False

    def reset(
        self,
        *,
        seed: Union[None, int, Sequence[int]] = None,
        options: Optional[Dict[str, Any]] = None,
    ) -> Tuple[np.ndarray, Dict[str, Any]]:
        """Resets the environments; returns ``(observations, infos)``.

        ``seed``: an int seeds environment i with ``seed + i``; a list gives one seed per
        environment. ``options["reset_mask"]`` (one bool per environment) resets only those;
        the others keep their state and report their current observation.
        """
        super().reset(seed=seed if isinstance(seed, (int, np.integer)) else None)
        options = dict(options or {})
        mask = options.pop("reset_mask", None)
        obs, infos = self._session.reset(seed=seed, reset_mask=mask, options=options)
        return obs, _vector_info(infos)

    def step(self, actions: Any) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, Dict[str, Any]]:
        """Steps every environment; returns ``(observations, rewards, terminations, truncations, infos)``."""
        r = self._session.step(actions)
        infos = _vector_info(r.infos)
        if r.final_mask is not None and r.final_mask.any():
            infos["final_obs"] = r.final_observations
            infos["_final_obs"] = r.final_mask
            infos["final_info"] = _vector_info(r.final_infos)
            infos["_final_info"] = r.final_mask
        return r.observations, r.rewards, r.terminated, r.truncated, infos

    def simulate(self, candidates: Any, num_samples: int = 0, env_index: int = 0) -> SimulationResult:
        """Forecasts candidate action plans from environment ``env_index``'s state without changing it.

        See :meth:`Env.simulate`; ``env_index`` is 0..num_envs-1.
        """
        return self._session.simulate(env_index, candidates, num_samples)

    def close_extras(self, **kwargs: Any) -> None:
        """Closes the server session and the connection."""
        session = getattr(self, "_session", None)
        if session is not None:
            session.close()

    def close(self, **kwargs: Any) -> None:
        """Closes the server session and the connection; safe to call more than once."""
        if getattr(self, "closed", False):
            return
        self.close_extras(**kwargs)
        self.closed = True

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - never raise from a finalizer
            pass

    def __repr__(self) -> str:
        return (
            f"<icugym.VectorEnv {self.env_spec.id} num_envs={self.num_envs} "
            f"autoreset={self.autoreset_mode.name} session={self.session_id}>"
        )

