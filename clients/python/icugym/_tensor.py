"""Conversion between ``icugym.v1.Tensor`` messages and numpy arrays (little-endian, row-major)."""

from __future__ import annotations

import numpy as np

from icugym._proto.v1 import tensor_pb2
from icugym.errors import InvalidArgumentError

_NUMPY_BY_DTYPE = {
    tensor_pb2.DTYPE_FLOAT32: np.dtype("<f4"),
    tensor_pb2.DTYPE_FLOAT64: np.dtype("<f8"),
    tensor_pb2.DTYPE_INT32: np.dtype("<i4"),
    tensor_pb2.DTYPE_INT64: np.dtype("<i8"),
    tensor_pb2.DTYPE_BOOL: np.dtype("?"),
    tensor_pb2.DTYPE_UINT8: np.dtype("u1"),
}

_DTYPE_BY_NUMPY = {v: k for k, v in _NUMPY_BY_DTYPE.items()}


def numpy_dtype(dtype: int) -> np.dtype:
    """The numpy dtype of a ``DType`` enum value."""
    try:
        return _NUMPY_BY_DTYPE[dtype]
    except KeyError:
        raise InvalidArgumentError(
            f"unsupported tensor dtype {tensor_pb2.DType.Name(dtype) if dtype in tensor_pb2.DType.values() else dtype}; "
            "this client understands FLOAT32, FLOAT64, INT32, INT64, BOOL and UINT8"
        ) from None


def to_numpy(tensor: tensor_pb2.Tensor) -> np.ndarray:
    """A read-only numpy view of a tensor's bytes (no copy), in its dtype and shape."""
    dt = numpy_dtype(tensor.dtype)
    shape = tuple(tensor.shape)
    expected = int(np.prod(shape, dtype=np.int64)) * dt.itemsize
    if len(tensor.data) != expected:
        raise InvalidArgumentError(
            f"tensor of shape {list(shape)} and dtype {dt} needs {expected} bytes but carries "
            f"{len(tensor.data)}; the server sent a malformed tensor"
        )
    return np.frombuffer(tensor.data, dtype=dt).reshape(shape)


def from_numpy(array: np.ndarray) -> tensor_pb2.Tensor:
    """A tensor holding ``array`` (converted to little-endian, row-major)."""
    array = np.asarray(array)
    dt = array.dtype.newbyteorder("<") if array.dtype.byteorder == ">" else array.dtype
    if dt not in _DTYPE_BY_NUMPY:
        raise InvalidArgumentError(
            f"cannot send a numpy array of dtype {array.dtype}; use float32, float64, int32, int64, bool or uint8"
        )
    data = np.ascontiguousarray(array, dtype=dt).tobytes()
    return tensor_pb2.Tensor(dtype=_DTYPE_BY_NUMPY[dt], shape=list(array.shape), data=data)
