#!/usr/bin/env bash
# Installs what the tests need and runs every test: core unit and integration
# tests, IPC command tests (tauri mock runtime), CLI tests, and the end-to-end
# tests of the real window under Xvfb through tauri-driver + WebKitWebDriver.
#   ./scripts/test.sh
# Screenshots of the end-to-end tests are left in tests/artifacts/e2e/.
source "$(dirname "$0")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}" xvfb xauth webkit2gtk-driver xdotool imagemagick dbus dbus-x11 \
  gnome-keyring python3-aiosmtpd openssl
ensure_rust
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --locked
fi

cd "$ROOT"
echo "==> building"
cargo build --locked -p jobgate
cargo test --workspace --locked --no-run

# A private X display for the real window, stopped on exit.
display=99
while [ -e "/tmp/.X${display}-lock" ] || [ -e "/tmp/.X11-unix/X${display}" ]; do display=$((display + 1)); done
Xvfb ":${display}" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display}" ] && break; sleep 0.1; done

log="$(mktemp)"
echo "==> cargo test --workspace"
set +e
DISPLAY=":${display}" NO_AT_BRIDGE=1 dbus-run-session -- \
  cargo test --workspace --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One line for the whole run, from cargo's own "test result:" lines.
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "\ntotal: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
rm -f "$log"
exit "$status"
