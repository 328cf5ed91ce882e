#!/usr/bin/env bash
# Runs the checks (rustfmt, tsc over ui/, actionlint + shellcheck, clippy),
# then installs what the tests need and runs every test: core unit and integration
# tests, IPC command tests (tauri mock runtime), CLI tests, and the end-to-end
# tests of the real window under Xvfb through tauri-driver + WebKitWebDriver,
# sending against a real SMTP server on loopback (tests/support/smtp_server.py),
# and the API key in a real Secret Service (gnome-keyring, unlocked, throwaway).
# The .deb test is not among them: scripts/test-package.sh runs it.
#   ./scripts/test.sh
# Screenshots of the end-to-end tests are left in tests/artifacts/e2e/.
# JOBGATE_TOTAL=0 leaves out the final total line (.ci/run prints its own).
source "$(dirname "$0")/lib.sh"

ensure_test_tools

cd "$ROOT"
# The checks come first but a failing one hides nothing: each one's status is
# kept, the tests run anyway, and the failed checks are named at the end.
failed_checks=()
check() {
  local name=$1
  shift
  echo "==> check: $name"
  "$@" || failed_checks+=("$name")
}
set +e
check "cargo fmt --check" cargo fmt --all -- --check
check "typecheck (tsc)" bash scripts/typecheck.sh
check "actionlint + shellcheck" bash scripts/actionlint.sh
check "clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
set -e

echo "==> building"
cargo build --locked -p jobgate
cargo test --workspace --locked --no-run

log="${JOBGATE_TEST_LOG:-$(mktemp)}"
echo "==> cargo test --workspace"
set +e
# --no-fail-fast: every test binary runs even when one fails, so the total
# below counts them all.
in_test_session cargo test --workspace --locked --no-fail-fast 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

[ "${JOBGATE_TOTAL:-1}" = 0 ] || print_total "$log"
[ -n "${JOBGATE_TEST_LOG:-}" ] || rm -f "$log"
for name in "${failed_checks[@]}"; do echo "check failed: $name"; done
[ "${#failed_checks[@]}" -eq 0 ] || [ "$status" -ne 0 ] || status=1
exit "$status"
