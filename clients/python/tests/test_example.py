"""The README's quick start and examples/play_episode.py play episodes against the real server."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import CLIENT_ROOT, REPO_ROOT


def quick_start_code() -> str:
    readme = (CLIENT_ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "README.md has no python block under '## Quick start'"
    return match.group(1)


def run_python(args, address):
    env = dict(os.environ, ICUGYM_ADDRESS=address, PYTHONPATH=str(CLIENT_ROOT), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=300)


def test_readme_quick_start_plays_cartpole_and_icu_sepsis(address):
    result = run_python(["-c", quick_start_code()], address)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^CartPole-v1: return \d", result.stdout, re.M), result.stdout
    assert re.search(r"^ICU-Sepsis-v2: return [01]", result.stdout, re.M), result.stdout


def test_repository_readme_python_example_runs(address):
    readme = (REPO_ROOT / "README.md").read_text()
    match = re.search(r"## Python\n+```python\n(.*?)```", readme, re.S)
    assert match, "README.md has no python block under '## Python'"
    code = match.group(1).replace("localhost:50051", address)
    result = run_python(["-c", code], address)
    assert result.returncode == 0, result.stderr
    assert re.search(r"CartPole-v1 return \d", result.stdout), result.stdout
    assert re.search(r"ICU-Sepsis-v2 return [01]", result.stdout), result.stdout


def test_repository_readme_policy_example_runs(address, policy_address):
    readme = (REPO_ROOT / "README.md").read_text()
    match = re.search(r"## Policy server from Python\n.*?```python\n(.*?)```", readme, re.S)
    assert match, "README.md has no python block under '## Policy server from Python'"
    code = match.group(1).replace("localhost:50051", address).replace("localhost:50052", policy_address)
    result = run_python(["-c", code], address)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^psr chose action \d+ of \d+ candidates", result.stdout, re.M), result.stdout
    assert re.search(r"^Sepsis-Physiology-v1 return -?\d", result.stdout, re.M), result.stdout


def test_example_script_plays_an_episode(env_id, address):
    result = run_python([str(CLIENT_ROOT / "examples" / "play_episode.py"), env_id, "--seed", "3"], address)
    assert result.returncode == 0, result.stderr
    assert re.search(r"(terminated|truncated|stopped) after \d+ steps, return", result.stdout), result.stdout
    if env_id == "CartPole-v1":
        assert "truncated after 500 steps, return 500" in result.stdout, result.stdout


def test_example_script_reports_server_errors(address):
    result = run_python([str(CLIENT_ROOT / "examples" / "play_episode.py"), "No-Such-Env-v0"], address)
    assert result.returncode == 1
    assert "NOT_FOUND" in result.stderr


def test_throughput_script_runs(address):
    script = CLIENT_ROOT / "examples" / "step_throughput.py"
    result = run_python([str(script), "CartPole-v1", "--num-envs", "1", "4", "--seconds", "0.05"], address)
    assert result.returncode == 0, result.stderr
    assert re.search(r"CartPole-v1\s+4\s+\d+\s+\d+", result.stdout), result.stdout
