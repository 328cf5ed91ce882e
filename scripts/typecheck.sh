#!/usr/bin/env bash
# Checks the page's JS against the IPC contract generated from Rust:
# TypeScript (pinned in scripts/typecheck/package-lock.json) with `tsc --noEmit`.
#   ./scripts/typecheck.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT/scripts/typecheck"
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund --loglevel=error
echo "==> tsc --noEmit (ui/ against ui/types/ipc.d.ts)"
node_modules/.bin/tsc --noEmit -p tsconfig.json
