#!/usr/bin/env bash
# Builds JobGate's Debian package with Tauri's own bundler (tauri-cli), installing
# what is missing first, and prints the path of the .deb it made.
#   ./scripts/package.sh
# The .deb lands in target/release/bundle/deb/. Windows (NSIS, WiX) and macOS
# bundles are configured in src-tauri/tauri.conf.json but are built on those OSes.
source "$(dirname "$0")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}"
ensure_rust
if ! command -v cargo-tauri >/dev/null 2>&1; then
  echo "==> cargo install tauri-cli"
  cargo install tauri-cli --locked --version "^2"
fi

# The workspace's target/ (or $CARGO_TARGET_DIR, made absolute for the cd below).
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  CARGO_TARGET_DIR="$(realpath -m "$CARGO_TARGET_DIR")"
  export CARGO_TARGET_DIR
fi
bundle_dir="${CARGO_TARGET_DIR:-$ROOT/target}/release/bundle/deb"
# Only this build's package is printed: an older one left in the folder is removed.
rm -f "$bundle_dir"/*.deb

# tauri.conf.json is in src-tauri/: the CLI runs from there (the frontend is the
# static ui/ folder, no build step). Its output goes to the workspace's target/.
cd "$ROOT/src-tauri"
echo "==> cargo tauri build --bundles deb"
cargo tauri build --ci --bundles deb -- --locked

debs=("$bundle_dir"/*.deb)
if [ ! -f "${debs[0]}" ]; then
  echo "no .deb in $bundle_dir: the bundler made none" >&2
  exit 1
fi
echo "==> package:"
echo "${debs[0]}"
