# shellcheck shell=bash
# Shared by the scripts: installing what a fresh Debian/Ubuntu machine lacks, the
# private session the tests run in, and the one total line of a run.
# Sourced, not run.

set -euo pipefail

# shellcheck disable=SC2034 # used by the scripts that source this file
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# What building the Tauri app needs (Tauri 2's Linux prerequisites).
BUILD_PACKAGES=(build-essential pkg-config curl libssl-dev libwebkit2gtk-4.1-dev libsoup-3.0-dev
  libayatana-appindicator3-dev librsvg2-dev)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given that are not installed yet.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# Rust through rustup when cargo is missing.
ensure_rust() {
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  if ! command -v cargo >/dev/null 2>&1; then
    echo "==> installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    . "$HOME/.cargo/env"
  fi
}

# What the tests need beside BUILD_PACKAGES: Xvfb and the WebDriver for the real
# window, xdotool/ImageMagick for its dialogs and screenshots, xclip to read what it copied, a session bus and
# gnome-keyring for the Secret Service, the SMTP server's Python and openssl.
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver xdotool imagemagick dbus dbus-x11 gnome-keyring
  python3-aiosmtpd openssl fonts-noto-color-emoji xclip python3-xlib)

# Installs what the tests need (Debian packages, Rust, tauri-driver).
ensure_test_tools() {
  apt_install "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  ensure_rust
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> cargo install tauri-driver"
    cargo install tauri-driver --locked
  fi
}

# Runs CMD... in the session the tests need and returns its status: a private
# Xvfb display (stopped afterwards) and a private session bus holding a real
# Secret Service — gnome-keyring-daemon with its secrets component, unlocked
# with a throwaway password (which creates the default "login" collection), its
# files and control socket in a throwaway home so a desktop's own keyring is
# never touched. The daemon exits with the bus; cargo keeps the real HOME.
# The body is a subshell, so its EXIT trap cleans up when CMD ends.
in_test_session() (
  local display=99 xvfb_pid keyring_home
  while [ -e "/tmp/.X${display}-lock" ] || [ -e "/tmp/.X11-unix/X${display}" ]; do
    display=$((display + 1))
  done
  Xvfb ":${display}" -screen 0 1920x1200x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  keyring_home="$(mktemp -d)"
  # Expanded now on purpose: the values are this call's, fixed when the trap is set.
  # shellcheck disable=SC2064
  trap "kill $xvfb_pid 2>/dev/null || true; rm -rf '$keyring_home'" EXIT
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display}" ] && break; sleep 0.1; done
  [ -e "/tmp/.X11-unix/X${display}" ] || { echo "Xvfb :${display} did not start" >&2; return 1; }
  DISPLAY=":${display}" NO_AT_BRIDGE=1 KEYRING_HOME="$keyring_home" dbus-run-session -- bash -c '
    set -e
    mkdir -p -m 700 "$KEYRING_HOME/run"
    printf %s jobgate-test-keyring | env HOME="$KEYRING_HOME" XDG_DATA_HOME="$KEYRING_HOME/share" \
      XDG_CONFIG_HOME="$KEYRING_HOME/config" XDG_CACHE_HOME="$KEYRING_HOME/cache" \
      XDG_RUNTIME_DIR="$KEYRING_HOME/run" \
      gnome-keyring-daemon --components=secrets --daemonize --unlock >/dev/null ||
      { echo "gnome-keyring-daemon did not start: the keyring tests cannot run" >&2; exit 1; }
    unset KEYRING_HOME
    exec "$@"' bash "$@"
)

# One line for a whole run, from cargo's own "test result:" lines in LOGFILE...
print_total() {
  awk '/^test result:/ { p += $4; f += $6; i += $8 }
    END { printf "\ntotal: %d passed, %d failed, %d skipped\n", p, f, i }' "$@"
}
