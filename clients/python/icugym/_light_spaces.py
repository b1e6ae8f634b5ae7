"""Light stand-ins for ``gymnasium.spaces`` Box, Discrete and MultiDiscrete.

Used when gymnasium is not installed. They implement the part of the gymnasium API that agents
and wrappers rely on: ``shape``, ``dtype``, ``seed``, ``np_random``, ``sample``, ``contains`` /
``in``, equality and ``repr``. Sampling follows gymnasium's rules (uniform on bounded boxes,
normal / shifted exponential on unbounded sides).
"""

from __future__ import annotations

from typing import Any, List, Optional, Sequence, Tuple, Union

import numpy as np

__all__ = ["Space", "Box", "Discrete", "MultiDiscrete"]


class Space:
    """Base class: a set of values with a shape, a dtype and a seedable sampler."""

    def __init__(self, shape: Optional[Tuple[int, ...]], dtype: Any, seed: Optional[int] = None) -> None:
        self._shape = None if shape is None else tuple(int(d) for d in shape)
        self.dtype = None if dtype is None else np.dtype(dtype)
        self._np_random: Optional[np.random.Generator] = None
        if seed is not None:
            self.seed(seed)

    @property
    def shape(self) -> Optional[Tuple[int, ...]]:
        """The shape of one element."""
        return self._shape

    @property
    def np_random(self) -> np.random.Generator:
        """The random generator used by :meth:`sample`, created unseeded on first use."""
        if self._np_random is None:
            self.seed()
        assert self._np_random is not None
        return self._np_random

    @property
    def is_np_flattenable(self) -> bool:
        """Whether elements flatten to a numpy vector (true for every space here)."""
        return True

    def seed(self, seed: Optional[int] = None) -> List[int]:
        """Seeds :meth:`sample`; returns the seed used (drawn from entropy when ``seed`` is None)."""
        if seed is None:
            seed = int(np.random.SeedSequence().entropy % (2**63))
        self._np_random = np.random.default_rng(seed)
        return [int(seed)]

    def sample(self, mask: Any = None) -> Any:
        """A random element of the space."""
        raise NotImplementedError

    def contains(self, x: Any) -> bool:
        """Whether ``x`` is an element of the space."""
        raise NotImplementedError

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)


def _broadcast_bound(value: Any, shape: Tuple[int, ...], dtype: np.dtype, name: str) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape != shape:
        if arr.ndim == 0:
            arr = np.full(shape, arr, dtype=np.float64)
        else:
            raise ValueError(f"Box: {name} has shape {arr.shape}, expected {shape} or a scalar")
    if np.issubdtype(dtype, np.floating):
        return arr.astype(dtype)
    info = np.iinfo(dtype)
    return np.clip(arr, info.min, info.max).astype(dtype)


class Box(Space):
    """A (possibly unbounded) box in R^n, ``gymnasium.spaces.Box``."""

    def __init__(
        self,
        low: Union[float, np.ndarray, Sequence[float]],
        high: Union[float, np.ndarray, Sequence[float]],
        shape: Optional[Sequence[int]] = None,
        dtype: Any = np.float32,
        seed: Optional[int] = None,
    ) -> None:
        dtype = np.dtype(dtype)
        if shape is None:
            shape = np.shape(low) if np.ndim(low) > 0 else np.shape(high)
        shape = tuple(int(d) for d in shape)
        super().__init__(shape, dtype, seed)
        self.low = _broadcast_bound(low, shape, dtype, "low")
        self.high = _broadcast_bound(high, shape, dtype, "high")
        if np.any(self.low > self.high):
            raise ValueError("Box: low must be <= high in every element")
        self.bounded_below = self.low > (-np.inf if dtype.kind == "f" else np.iinfo(dtype).min)
        self.bounded_above = self.high < (np.inf if dtype.kind == "f" else np.iinfo(dtype).max)

    def is_bounded(self, manner: str = "both") -> bool:
        """Whether the box is bounded ``"below"``, ``"above"`` or on ``"both"`` sides everywhere."""
        below = bool(np.all(self.bounded_below))
        above = bool(np.all(self.bounded_above))
        if manner == "both":
            return below and above
        if manner == "below":
            return below
        if manner == "above":
            return above
        raise ValueError(f"manner must be 'both', 'below' or 'above', got {manner!r}")

    def sample(self, mask: Any = None) -> np.ndarray:
        """Uniform on bounded elements, normal / shifted exponential on unbounded ones."""
        if mask is not None:
            raise ValueError("Box.sample does not take a mask")
        rng = self.np_random
        high = self.high.astype(np.float64) if self.dtype.kind == "f" else self.high.astype(np.float64) + 1
        low = self.low.astype(np.float64)
        out = np.empty(self.shape, dtype=np.float64)
        both = self.bounded_below & self.bounded_above
        neither = ~self.bounded_below & ~self.bounded_above
        only_low = self.bounded_below & ~self.bounded_above
        only_high = ~self.bounded_below & self.bounded_above
        out[neither] = rng.normal(size=neither[neither].shape)
        out[only_low] = rng.exponential(size=only_low[only_low].shape) + low[only_low]
        out[only_high] = high[only_high] - rng.exponential(size=only_high[only_high].shape)
        out[both] = rng.uniform(low[both], high[both], size=both[both].shape)
        if self.dtype.kind in "iu":
            out = np.floor(out)
        return out.astype(self.dtype)

    def contains(self, x: Any) -> bool:
        """Whether ``x`` has the box's shape, a dtype castable to it, and lies within the bounds."""
        if not isinstance(x, np.ndarray):
            try:
                x = np.asarray(x, dtype=self.dtype)
            except (ValueError, TypeError):
                return False
        return bool(
            np.can_cast(x.dtype, self.dtype)
            and x.shape == self.shape
            and np.all(x >= self.low)
            and np.all(x <= self.high)
        )

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, Box)
            and self.shape == other.shape
            and self.dtype == other.dtype
            and np.allclose(self.low, other.low)
            and np.allclose(self.high, other.high)
        )

    def __repr__(self) -> str:
        return f"Box({self.low.min()}, {self.high.max()}, {self.shape}, {self.dtype})"


class Discrete(Space):
    """The integers ``start .. start + n - 1``, ``gymnasium.spaces.Discrete``."""

    def __init__(self, n: int, seed: Optional[int] = None, start: int = 0) -> None:
        if int(n) < 1:
            raise ValueError(f"Discrete: n must be >= 1, got {n}")
        super().__init__((), np.int64, seed)
        self.n = np.int64(n)
        self.start = np.int64(start)

    def sample(self, mask: Any = None) -> np.int64:
        """A uniformly random element (restricted to ``mask == 1`` entries when a mask is given)."""
        if mask is not None:
            allowed = np.flatnonzero(np.asarray(mask, dtype=np.int8) == 1)
            if allowed.size == 0:
                return self.start
            return np.int64(self.start + self.np_random.choice(allowed))
        return np.int64(self.start + self.np_random.integers(self.n))

    def contains(self, x: Any) -> bool:
        """Whether ``x`` is an integer (Python, numpy scalar or 0-d array) in the range."""
        if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
            value = int(x)
        elif isinstance(x, np.ndarray) and x.shape == () and np.issubdtype(x.dtype, np.integer):
            value = int(x)
        else:
            return False
        return bool(self.start <= value < self.start + self.n)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Discrete) and self.n == other.n and self.start == other.start

    def __repr__(self) -> str:
        return f"Discrete({self.n})" if self.start == 0 else f"Discrete({self.n}, start={self.start})"


class MultiDiscrete(Space):
    """A vector of discrete values, element i in ``start[i] .. start[i] + nvec[i] - 1``."""

    def __init__(
        self,
        nvec: Union[np.ndarray, Sequence[int]],
        dtype: Any = np.int64,
        seed: Optional[int] = None,
        start: Optional[Union[np.ndarray, Sequence[int]]] = None,
    ) -> None:
        self.nvec = np.array(nvec, dtype=dtype, copy=True)
        if np.any(self.nvec < 1):
            raise ValueError(f"MultiDiscrete: every entry of nvec must be >= 1, got {self.nvec}")
        self.start = (
            np.zeros(self.nvec.shape, dtype=dtype) if start is None else np.array(start, dtype=dtype, copy=True)
        )
        if self.start.shape != self.nvec.shape:
            raise ValueError("MultiDiscrete: start must have the shape of nvec")
        super().__init__(self.nvec.shape, dtype, seed)

    def sample(self, mask: Any = None) -> np.ndarray:
        """A uniformly random element."""
        if mask is not None:
            raise ValueError("this MultiDiscrete.sample does not support masks")
        return (self.np_random.random(self.nvec.shape) * self.nvec).astype(self.dtype) + self.start

    def contains(self, x: Any) -> bool:
        """Whether ``x`` has the shape of ``nvec`` and every entry lies in its range."""
        if isinstance(x, Sequence):
            x = np.array(x)
        if not isinstance(x, np.ndarray) or x.shape != self.shape or not np.issubdtype(x.dtype, np.integer):
            return False
        return bool(np.all(self.start <= x) and np.all(x - self.start < self.nvec))

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, MultiDiscrete)
            and np.array_equal(self.nvec, other.nvec)
            and np.array_equal(self.start, other.start)
        )

    def __repr__(self) -> str:
        if np.any(self.start != 0):
            return f"MultiDiscrete({self.nvec}, start={self.start})"
        return f"MultiDiscrete({self.nvec})"
