#!/usr/bin/env bash
# Checks that the Python client's build and test tools are installed; says how to install them.
set -euo pipefail
python="${ICUGYM_PYTHON:-/usr/bin/python3}"
missing=()
if [ ! -x "$python" ]; then
  missing+=("python3")
else
  for mod in grpc google.protobuf numpy pytest; do
    "$python" -c "import $mod" >/dev/null 2>&1 || missing+=("$mod")
  done
fi
command -v protoc >/dev/null 2>&1 || missing+=("protoc")
command -v grpc_python_plugin >/dev/null 2>&1 || missing+=("grpc_python_plugin")
if [ "${#missing[@]}" -gt 0 ]; then
  cat >&2 <<MSG
The Python client tests need Debian's packages; missing: ${missing[*]} (checked with $python).
Install them with:
  apt-get install -y python3-grpcio python3-protobuf python3-numpy python3-pytest protobuf-compiler protobuf-compiler-grpc
or skip the Python client tests with -Dpython.tests.skip=true.
MSG
  exit 1
fi
echo "check_python.sh: $("$python" --version), grpcio $("$python" -c 'import grpc; print(grpc.__version__)'), $(protoc --version)"
