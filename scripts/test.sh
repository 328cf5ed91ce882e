#!/usr/bin/env bash
# Installs what the tests need and runs every test: core unit and integration
# tests, IPC command tests (tauri mock runtime), CLI tests, and the end-to-end
# tests of the real window under Xvfb through tauri-driver + WebKitWebDriver,
# sending against a real SMTP server on loopback (tests/support/smtp_server.py),
# and the API key in a real Secret Service (gnome-keyring, unlocked, throwaway).
#   ./scripts/test.sh
# Screenshots of the end-to-end tests are left in tests/artifacts/e2e/.
source "$(dirname "$0")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}" xvfb xauth webkit2gtk-driver xdotool imagemagick dbus dbus-x11 \
  gnome-keyring python3-aiosmtpd openssl fonts-noto-color-emoji
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
# A throwaway home for the test keyring (gnome-keyring-daemon only; cargo keeps the real HOME).
keyring_home="$(mktemp -d)"
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$keyring_home"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display}" ] && break; sleep 0.1; done

log="$(mktemp)"
echo "==> cargo test --workspace"
set +e
# Inside a private session bus: a real Secret Service for the keyring tests —
# gnome-keyring-daemon with its secrets component, unlocked with a throwaway
# password (which creates the default "login" collection), its files and control
# socket kept in $keyring_home so a desktop's own keyring is never touched. It
# exits with the bus. --no-fail-fast: every test binary runs even when one
# fails, so the total below counts them all.
DISPLAY=":${display}" NO_AT_BRIDGE=1 KEYRING_HOME="$keyring_home" dbus-run-session -- bash -c '
  set -e
  mkdir -p -m 700 "$KEYRING_HOME/run"
  printf %s jobgate-test-keyring | env HOME="$KEYRING_HOME" XDG_DATA_HOME="$KEYRING_HOME/share" \
    XDG_CONFIG_HOME="$KEYRING_HOME/config" XDG_CACHE_HOME="$KEYRING_HOME/cache" \
    XDG_RUNTIME_DIR="$KEYRING_HOME/run" \
    gnome-keyring-daemon --components=secrets --daemonize --unlock >/dev/null ||
    { echo "gnome-keyring-daemon did not start: the keyring tests cannot run" >&2; exit 1; }
  unset KEYRING_HOME
  exec cargo test --workspace --locked --no-fail-fast' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One line for the whole run, from cargo's own "test result:" lines.
awk '/^test result:/ { p += $4; f += $6; i += $8 } END { printf "\ntotal: %d passed, %d failed, %d skipped\n", p, f, i }' "$log"
rm -f "$log"
exit "$status"
