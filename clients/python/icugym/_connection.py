"""The gRPC transport: a channel with the EnvService stub (unary calls), and the Session stream.

Unary calls serve the occasional requests (server info, environment list). Environments talk over
one bidirectional ``Session`` stream each, the protocol's fast path: every request is answered
exactly once and in order, errors come back in-band as a ``google.rpc.Status``.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from typing import Any, Optional

import grpc

from icugym._proto.v1 import env_pb2, env_pb2_grpc
from icugym.errors import (
    ClosedError,
    DeadlineExceededError,
    IcugymError,
    InternalError,
    ProtocolVersionError,
    UnavailableError,
    error_from_code,
    error_from_rpc_error,
)
from icugym.specs import ServerInfo

#: The protocol version this client speaks (``ServerInfo.protocol_version``).
PROTOCOL_VERSION = 1
#: Address used when none is given and ``ICUGYM_ADDRESS`` is not set.
DEFAULT_ADDRESS = "localhost:50051"
#: Seconds to wait for any one answer before raising DeadlineExceededError.
DEFAULT_TIMEOUT = 60.0

# No compression (the server would compress every float payload) and no client-side size limits:
# the server enforces its own max_request_bytes and answers RESOURCE_EXHAUSTED.
_CHANNEL_OPTIONS = [
    ("grpc.max_receive_message_length", -1),
    ("grpc.max_send_message_length", -1),
]

_END = object()


def resolve_address(address: Optional[str]) -> str:
    """``address``, else ``$ICUGYM_ADDRESS``, else ``localhost:50051``."""
    if address:
        return address
    return os.environ.get("ICUGYM_ADDRESS") or DEFAULT_ADDRESS


class Connection:
    """A channel to one server and its EnvService stub."""

    def __init__(self, address: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT) -> None:
        self.address = resolve_address(address)
        self.timeout = timeout
        self._channel = grpc.insecure_channel(self.address, options=_CHANNEL_OPTIONS)
        self.stub = env_pb2_grpc.EnvServiceStub(self._channel)

    def unary(self, method: str, request: Any) -> Any:
        """Calls a unary rpc; a failure raises the matching IcugymError."""
        try:
            return getattr(self.stub, method)(request, timeout=self.timeout)
        except grpc.RpcError as e:
            raise error_from_rpc_error(e, f"{method} at {self.address}") from None

    def server_info(self) -> ServerInfo:
        """The server's protocol version, software version, capabilities and limits."""
        return ServerInfo.from_proto(self.unary("GetServerInfo", env_pb2.GetServerInfoRequest()))

    def check_protocol(self) -> ServerInfo:
        """The server info, after checking the server speaks this client's protocol version."""
        info = self.server_info()
        if info.protocol_version != PROTOCOL_VERSION:
            raise ProtocolVersionError(
                f"the server at {self.address} speaks protocol version {info.protocol_version} "
                f"({info.protocol_package}, server {info.server_version}); this client speaks version "
                f"{PROTOCOL_VERSION}: install the icugym client that matches the server"
            )
        return info

    def close(self) -> None:
        """Closes the channel (idempotent)."""
        self._channel.close()


class _Watchdog:
    """Cancels the stream when an answer is overdue, so a stalled server cannot block forever."""

    def __init__(self, call: Any, timeout: float) -> None:
        self._call = call
        self._timeout = timeout
        self._cond = threading.Condition()
        self._deadline: Optional[float] = None
        self._stopped = False
        self.fired = False
        self._thread = threading.Thread(target=self._run, name="icugym-stream-watchdog", daemon=True)
        self._thread.start()

    def arm(self) -> None:
        with self._cond:
            self._deadline = time.monotonic() + self._timeout
            self._cond.notify()

    def disarm(self) -> None:
        with self._cond:
            self._deadline = None

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()

    def _run(self) -> None:
        with self._cond:
            while not self._stopped:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining > 0:
                    self._cond.wait(remaining)
                    continue
                self.fired = True
                self._deadline = None
                self._call.cancel()


class SessionStream:
    """One open ``Session`` stream: sends a request and waits for its answer, in order.

    Not thread-safe: one caller at a time (as for any Gymnasium environment). A request that fails
    in-band raises the matching IcugymError and leaves the stream usable; if the stream itself
    ends with a status (server shutdown, request over the size limit, timeout), that error is
    raised and every later request raises ClosedError.
    """

    def __init__(self, connection: Connection) -> None:
        self._address = connection.address
        self._requests: "queue.SimpleQueue[Any]" = queue.SimpleQueue()
        self._call = connection.stub.Session(iter(self._requests.get, _END))
        self._timeout = connection.timeout
        self._watchdog = _Watchdog(self._call, connection.timeout) if connection.timeout else None
        self._next_id = 0
        self._failure: Optional[IcugymError] = None
        self._closed = False

    @property
    def usable(self) -> bool:
        """Whether requests can still be sent."""
        return not self._closed and self._failure is None

    def request(self, kind: str, message: Any) -> Any:
        """Sends ``SessionRequest(kind=message)`` and returns the answer's ``kind`` field."""
        if self._closed:
            raise ClosedError("this environment is closed: create a new one with icugym.make")
        if self._failure is not None:
            raise ClosedError(
                f"the connection to {self._address} failed earlier ({self._failure}); "
                "close this environment and create a new one with icugym.make"
            )
        self._next_id += 1
        self._requests.put(env_pb2.SessionRequest(request_id=self._next_id, **{kind: message}))
        if self._watchdog is not None:
            self._watchdog.arm()
        try:
            response = next(self._call)
        except StopIteration:
            self._failure = UnavailableError(
                f"the server at {self._address} ended the session stream without an answer; it may be shutting down"
            )
            raise self._failure from None
        except grpc.RpcError as e:
            if self._watchdog is not None and self._watchdog.fired:
                self._failure = DeadlineExceededError(
                    f"no answer from {self._address} within {self._timeout} s; the stream was cancelled"
                )
            else:
                self._failure = error_from_rpc_error(e, f"Session stream to {self._address}")
            raise self._failure from None
        finally:
            if self._watchdog is not None:
                self._watchdog.disarm()
        which = response.WhichOneof("response")
        if which == "error":
            raise error_from_code(response.error.code, response.error.message)
        if response.request_id != self._next_id or which != kind:
            self._failure = InternalError(
                f"the server answered request {self._next_id} ({kind}) with request {response.request_id} "
                f"({which}); the stream is out of order"
            )
            raise self._failure
        return getattr(response, kind)

    def close(self) -> None:
        """Half-closes the stream, waits for the server to end it, and stops the watchdog (idempotent)."""
        if self._closed:
            return
        self._closed = True
        self._requests.put(_END)
        if self._watchdog is not None:
            self._watchdog.arm()
        try:
            if self._failure is None:
                for _ in self._call:
                    pass
        except grpc.RpcError:
            pass
        finally:
            self._call.cancel()
            if self._watchdog is not None:
                self._watchdog.stop()
