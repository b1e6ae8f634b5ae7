"""Starts a real icugym server for the test session and parameterizes tests over its environments.

Tests that ask for ``policy_address`` also get a policy server (``serve-policy``) whose planner
simulates on that env server.

The server is the built jar (``cli/target/icugym.jar``, or ``$ICUGYM_SERVER_JAR``), started on a
free loopback port and stopped at the end. ``ICUGYM_TEST_ADDRESS=host:port`` uses a server that
is already running instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

import pytest

CLIENT_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = CLIENT_ROOT.parents[1]
sys.path.insert(0, str(CLIENT_ROOT))

import icugym  # noqa: E402

SERVER_START_TIMEOUT_S = 180.0


class ServerProcess:
    """The server under test: a child JVM on a free loopback port, or an external address."""

    def __init__(self, command: Optional[List[str]] = None, address_variable: str = "ICUGYM_TEST_ADDRESS") -> None:
        self.address: Optional[str] = os.environ.get(address_variable)
        self._command = command or ["serve"]
        self._proc: Optional[subprocess.Popen] = None
        self._dir: Optional[str] = None
        if self.address is None:
            self._start()

    def _start(self) -> None:
        jar = Path(os.environ.get("ICUGYM_SERVER_JAR", REPO_ROOT / "cli" / "target" / "icugym.jar"))
        if not jar.is_file():
            raise RuntimeError(
                f"the server jar {jar} does not exist: build it with "
                "'./mvnw -B -pl cli -am package -DskipTests', or set ICUGYM_TEST_ADDRESS=host:port "
                "to test against a running server"
            )
        java_home = os.environ.get("JAVA_HOME")
        java = str(Path(java_home) / "bin" / "java") if java_home else (shutil.which("java") or "java")
        self._dir = tempfile.mkdtemp(prefix="icugym-pytest-")
        port_file = Path(self._dir) / "port"
        self.log_path = Path(self._dir) / "server.log"
        env = dict(os.environ, ICUGYM_METRICS_PORT="-1")
        with open(self.log_path, "wb") as log:
            self._proc = subprocess.Popen(
                [
                    java,
                    "-Xmx1g",
                    "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                    "-jar",
                    str(jar),
                    *self._command,
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--port-file",
                    str(port_file),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"the server exited with status {self._proc.returncode}:\n{self.log_tail()}")
            text = port_file.read_text().strip() if port_file.exists() else ""
            if text.isdigit():
                self.address = f"127.0.0.1:{int(text)}"
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server wrote no port file within {SERVER_START_TIMEOUT_S} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


_server: Optional[ServerProcess] = None
_policy_server: Optional[ServerProcess] = None
_env_ids: Optional[List[str]] = None


def server() -> ServerProcess:
    """The session's server, started on first use."""
    global _server
    if _server is None:
        _server = ServerProcess()
    return _server


def registered_env_ids() -> List[str]:
    """Every environment id the server lists (asked once)."""
    global _env_ids
    if _env_ids is None:
        _env_ids = [spec.id for spec in icugym.list_environments(server().address)]
    return _env_ids


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "env_id" in metafunc.fixturenames:
        metafunc.parametrize("env_id", registered_env_ids())


def pytest_unconfigure(config: pytest.Config) -> None:
    if _policy_server is not None:
        _policy_server.stop()
    if _server is not None:
        _server.stop()


@pytest.fixture(scope="session")
def policy_address(address: str) -> str:
    """``host:port`` of a policy server serving the sepsis baselines and the planner, which simulates
    on the env server under test (``ICUGYM_TEST_POLICY_ADDRESS`` uses a running one)."""
    global _policy_server
    if _policy_server is None:
        _policy_server = ServerProcess(
            ["serve-policy", "--baselines", "Sepsis-Physiology-v1", "--env-server", address],
            address_variable="ICUGYM_TEST_POLICY_ADDRESS",
        )
    assert _policy_server.address is not None
    return _policy_server.address


@pytest.fixture(scope="session")
def address() -> str:
    """``host:port`` of the server under test."""
    assert server().address is not None
    return server().address


@pytest.fixture(scope="session")
def specs(address: str) -> dict:
    """The server's environment specs by id."""
    return {spec.id: spec for spec in icugym.list_environments(address)}
