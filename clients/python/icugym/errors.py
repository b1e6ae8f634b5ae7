"""Exceptions raised by the icugym client.

Every failure the server reports is a gRPC status (a unary call's status, or a
``google.rpc.Status`` sent in-band on the Session stream). The client raises the subclass of
:class:`IcugymError` that matches the status code and keeps the server's message, which says what
to do. The subclasses also derive from the closest built-in exception (``ValueError``,
``LookupError``, ``ConnectionError``, ...), so generic handlers keep working.
"""

from __future__ import annotations

from typing import Dict, Optional, Type

import grpc

__all__ = [
    "IcugymError",
    "CancelledError",
    "UnknownError",
    "InvalidArgumentError",
    "DeadlineExceededError",
    "NotFoundError",
    "AlreadyExistsError",
    "PermissionDeniedError",
    "ResourceExhaustedError",
    "FailedPreconditionError",
    "AbortedError",
    "OutOfRangeError",
    "UnimplementedError",
    "InternalError",
    "UnavailableError",
    "DataLossError",
    "UnauthenticatedError",
    "ProtocolVersionError",
    "ClosedError",
    "error_from_code",
    "error_from_rpc_error",
]


class IcugymError(Exception):
    """Base class of every error the icugym client raises.

    Attributes:
        code: the gRPC status code (``grpc.StatusCode``) of the failure.
        message: the server's (or client's) message, which says what to do.
    """

    code: grpc.StatusCode = grpc.StatusCode.UNKNOWN

    def __init__(self, message: str, code: Optional[grpc.StatusCode] = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}"


class CancelledError(IcugymError):
    """The call was cancelled (e.g. the client closed the connection while it was in flight)."""

    code = grpc.StatusCode.CANCELLED


class UnknownError(IcugymError):
    """The server failed without a more specific status."""

    code = grpc.StatusCode.UNKNOWN


class InvalidArgumentError(IcugymError, ValueError):
    """The request is malformed: bad action, wrong number of actions, NaN, unknown option."""

    code = grpc.StatusCode.INVALID_ARGUMENT


class DeadlineExceededError(IcugymError, TimeoutError):
    """No answer arrived within the request timeout."""

    code = grpc.StatusCode.DEADLINE_EXCEEDED


class NotFoundError(IcugymError, LookupError):
    """Unknown environment id, or unknown (closed, reaped) session."""

    code = grpc.StatusCode.NOT_FOUND


class AlreadyExistsError(IcugymError):
    """The resource to create already exists."""

    code = grpc.StatusCode.ALREADY_EXISTS


class PermissionDeniedError(IcugymError, PermissionError):
    """The caller may not do this."""

    code = grpc.StatusCode.PERMISSION_DENIED


class ResourceExhaustedError(IcugymError):
    """A server limit was hit: sessions, environments per session or request size."""

    code = grpc.StatusCode.RESOURCE_EXHAUSTED


class FailedPreconditionError(IcugymError, RuntimeError):
    """The request is valid but not now: step before reset, step of a finished environment."""

    code = grpc.StatusCode.FAILED_PRECONDITION


class AbortedError(IcugymError):
    """The operation was aborted."""

    code = grpc.StatusCode.ABORTED


class OutOfRangeError(IcugymError, ValueError):
    """A value is outside its valid range."""

    code = grpc.StatusCode.OUT_OF_RANGE


class UnimplementedError(IcugymError, NotImplementedError):
    """The server or environment does not support the operation (e.g. Simulate without a model)."""

    code = grpc.StatusCode.UNIMPLEMENTED


class InternalError(IcugymError):
    """A bug or broken invariant on the server."""

    code = grpc.StatusCode.INTERNAL


class UnavailableError(IcugymError, ConnectionError):
    """The server cannot be reached or is shutting down; retry later or check the address."""

    code = grpc.StatusCode.UNAVAILABLE


class DataLossError(IcugymError):
    """Unrecoverable data loss."""

    code = grpc.StatusCode.DATA_LOSS


class UnauthenticatedError(IcugymError):
    """The request lacks valid credentials."""

    code = grpc.StatusCode.UNAUTHENTICATED


class ProtocolVersionError(IcugymError):
    """The server speaks a protocol version this client does not."""

    code = grpc.StatusCode.FAILED_PRECONDITION


class ClosedError(FailedPreconditionError):
    """The environment (or its connection) was closed; create a new one with ``icugym.make``."""


_BY_CODE: Dict[grpc.StatusCode, Type[IcugymError]] = {
    cls.code: cls
    for cls in (
        CancelledError,
        UnknownError,
        InvalidArgumentError,
        DeadlineExceededError,
        NotFoundError,
        AlreadyExistsError,
        PermissionDeniedError,
        ResourceExhaustedError,
        FailedPreconditionError,
        AbortedError,
        OutOfRangeError,
        UnimplementedError,
        InternalError,
        UnavailableError,
        DataLossError,
        UnauthenticatedError,
    )
}

_BY_NUMBER: Dict[int, grpc.StatusCode] = {c.value[0]: c for c in grpc.StatusCode}


def error_from_code(code, message: str) -> IcugymError:
    """The exception for a status code (``grpc.StatusCode`` or its number) and message."""
    if not isinstance(code, grpc.StatusCode):
        code = _BY_NUMBER.get(int(code), grpc.StatusCode.UNKNOWN)
    cls = _BY_CODE.get(code, UnknownError)
    return cls(message or f"the server answered {code.name} without a message", code)


def error_from_rpc_error(error: grpc.RpcError, what: str = "") -> IcugymError:
    """The exception for a failed gRPC call; ``what`` names the call for connection failures."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    details = error.details() if hasattr(error, "details") else str(error)
    if code == grpc.StatusCode.UNAVAILABLE and what:
        details = f"{what}: {details} (is the server running at that address?)"
    return error_from_code(code, details or "")
