#!/usr/bin/env bash
# Installs what is missing, builds JobGate in release mode and starts it on its
# own embedded SQLite database (nothing to configure).
#   ./scripts/run.sh
source "$(dirname "$0")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}"
ensure_rust
cd "$ROOT"
cargo build --release --locked -p jobgate
echo "==> starting target/release/jobgate"
exec "$ROOT/target/release/jobgate" "$@"
