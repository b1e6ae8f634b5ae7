#!/usr/bin/env bash
# Generates the Python protobuf and gRPC stubs of the icugym.v1 API into icugym/_proto/.
#
# Reads the contract from proto/src/main/proto/icugym/v1 (or $ICUGYM_PROTO_DIR) and uses Debian's
# protoc (protobuf-compiler) and grpc_python_plugin (protobuf-compiler-grpc). The protos are staged
# under icugym/_proto/ so the generated modules import each other as icugym._proto.*, and
# google/rpc/status.proto is replaced by the vendored protos/rpc/status.proto (package
# icugym_client.rpc) so it cannot clash with an installed googleapis-common-protos.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${ICUGYM_PROTO_DIR:-$here/../../proto/src/main/proto}"
out="$here/icugym/_proto"

for tool in protoc grpc_python_plugin; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "generate_protos.sh: '$tool' not found. Install it with:" >&2
    echo "  apt-get install -y protobuf-compiler protobuf-compiler-grpc" >&2
    exit 1
  fi
done
if [ ! -f "$src/icugym/v1/env.proto" ]; then
  echo "generate_protos.sh: $src/icugym/v1/env.proto not found; set ICUGYM_PROTO_DIR to the" >&2
  echo "  directory that holds icugym/v1/*.proto (proto/src/main/proto in the repository)." >&2
  exit 1
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/icugym/_proto/v1" "$stage/icugym/_proto/rpc"
for f in "$src"/icugym/v1/*.proto; do
  sed -e 's#import "icugym/v1/#import "icugym/_proto/v1/#' \
      -e 's#import "google/rpc/status.proto"#import "icugym/_proto/rpc/status.proto"#' \
      -e 's#google\.rpc\.Status#icugym_client.rpc.Status#g' \
      "$f" > "$stage/icugym/_proto/v1/$(basename "$f")"
done
cp "$here/protos/rpc/status.proto" "$stage/icugym/_proto/rpc/status.proto"

rm -rf "$out"
mkdir -p "$out"
protoc -I "$stage" \
  --python_out="$here" \
  --grpc_python_out="$here" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
  "$stage"/icugym/_proto/rpc/status.proto "$stage"/icugym/_proto/v1/*.proto
for d in "$out" "$out/v1" "$out/rpc"; do
  [ -f "$d/__init__.py" ] || echo '"""Generated protobuf and gRPC modules (see generate_protos.sh); do not edit."""' > "$d/__init__.py"
done
echo "generate_protos.sh: wrote $(find "$out" -name '*_pb2*.py' | wc -l) modules to $out"
