#!/usr/bin/env bash
# The Debian package's test (tests/tests/package.rs), which plain `cargo test`
# skips: it builds the .deb with scripts/package.sh (a release build: slow),
# installs it with dpkg (as root, or with passwordless sudo), starts the
# installed app in its window and removes it again. It runs in the same private
# display and session bus as scripts/test.sh.
#   ./scripts/test-package.sh
# Screenshots are left in tests/artifacts/package/.
# JOBGATE_TOTAL=0 leaves out the final total line (.ci/run prints its own).
source "$(dirname "$0")/lib.sh"

ensure_test_tools

cd "$ROOT"
echo "==> building"
cargo test -p jobgate-tests --test package --locked --no-run

log="${JOBGATE_TEST_LOG:-$(mktemp)}"
echo "==> cargo test -p jobgate-tests --test package"
set +e
in_test_session cargo test -p jobgate-tests --test package --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

[ "${JOBGATE_TOTAL:-1}" = 0 ] || print_total "$log"
[ -n "${JOBGATE_TEST_LOG:-}" ] || rm -f "$log"
exit "$status"
