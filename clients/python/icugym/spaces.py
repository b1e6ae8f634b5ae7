"""Observation and action spaces: gymnasium's when it is installed, light equivalents otherwise.

``Box``, ``Discrete`` and ``MultiDiscrete`` here are ``gymnasium.spaces`` classes if gymnasium can
be imported and the classes of :mod:`icugym._light_spaces` if not; ``GYMNASIUM`` says which.
:func:`from_proto` turns an ``icugym.v1.Space`` into one of them and :func:`batch_space` builds
the space of a batch of ``n`` elements, as ``gymnasium.vector.utils.batch_space`` does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from icugym import _light_spaces
from icugym._proto.v1 import spaces_pb2
from icugym._tensor import numpy_dtype
from icugym.errors import InvalidArgumentError

try:  # pragma: no cover - depends on the installation
    import gymnasium as _gymnasium
    from gymnasium import spaces as _gym_spaces

    GYMNASIUM = True
    Space = _gym_spaces.Space
    Box = _gym_spaces.Box
    Discrete = _gym_spaces.Discrete
    MultiDiscrete = _gym_spaces.MultiDiscrete
except ImportError:  # pragma: no cover - depends on the installation
    _gymnasium = None
    GYMNASIUM = False
    Space = _light_spaces.Space  # type: ignore[misc]
    Box = _light_spaces.Box  # type: ignore[misc]
    Discrete = _light_spaces.Discrete  # type: ignore[misc]
    MultiDiscrete = _light_spaces.MultiDiscrete  # type: ignore[misc]

__all__ = ["GYMNASIUM", "Space", "Box", "Discrete", "MultiDiscrete", "from_proto", "batch_space"]


def from_proto(space: spaces_pb2.Space) -> Any:
    """The Box, Discrete or MultiDiscrete described by an ``icugym.v1.Space`` message."""
    kind = space.WhichOneof("kind")
    if kind == "box":
        box = space.box
        shape = tuple(int(d) for d in box.shape)
        dtype = numpy_dtype(box.dtype) if box.dtype else np.dtype(np.float32)
        size = int(np.prod(shape, dtype=np.int64))
        if len(box.low) != size or len(box.high) != size:
            raise InvalidArgumentError(
                f"Box space of shape {list(shape)} has {len(box.low)} low and {len(box.high)} high bounds; "
                f"expected {size} of each"
            )
        low = np.asarray(box.low, dtype=np.float64).reshape(shape)
        high = np.asarray(box.high, dtype=np.float64).reshape(shape)
        return Box(low=low.astype(dtype), high=high.astype(dtype), shape=shape, dtype=dtype)
    if kind == "discrete":
        return Discrete(int(space.discrete.n), start=int(space.discrete.start))
    if kind == "multi_discrete":
        return MultiDiscrete(np.asarray(space.multi_discrete.nvec, dtype=np.int64))
    raise InvalidArgumentError(f"unsupported space kind {kind!r}; this client knows box, discrete and multi_discrete")


def batch_space(space: Any, n: int) -> Any:
    """The space of ``n`` stacked elements of ``space``: Box -> Box, Discrete -> MultiDiscrete."""
    if GYMNASIUM:  # pragma: no cover - depends on the installation
        from gymnasium.vector.utils import batch_space as gym_batch_space

        return gym_batch_space(space, n)
    if isinstance(space, Box):
        reps = (n,) + (1,) * len(space.shape)
        return Box(low=np.tile(space.low, reps), high=np.tile(space.high, reps), dtype=space.dtype)
    if isinstance(space, Discrete):
        return MultiDiscrete(np.full((n,), space.n, dtype=space.dtype), start=np.full((n,), space.start, dtype=space.dtype))
    if isinstance(space, MultiDiscrete):
        reps = (n,) + (1,) * space.nvec.ndim
        return MultiDiscrete(np.tile(space.nvec, reps), dtype=space.dtype, start=np.tile(space.start, reps))
    raise TypeError(f"cannot batch a {type(space).__name__}")
