#!/usr/bin/env bash
# Rebuilds ui/vendor/fluent-bundle.js: Project Fluent's @fluent/bundle (the
# page's renderer of locales/*/*.ftl) as one ES module, from the npm registry,
# bundled by esbuild. The page has no build step: the result is committed.
#   ./scripts/vendor-fluent.sh
source "$(dirname "$0")/lib.sh"
FLUENT_VERSION=0.19.1
ESBUILD_VERSION=0.25.12
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "@fluent/bundle@$FLUENT_VERSION" "esbuild@$ESBUILD_VERSION"
mkdir -p "$ROOT/ui/vendor"
{
  echo "// @ts-nocheck"
  echo "// @fluent/bundle $FLUENT_VERSION (Apache-2.0, https://github.com/projectfluent/fluent.js),"
  echo "// bundled into one ES module by scripts/vendor-fluent.sh. Do not edit."
  npx esbuild node_modules/@fluent/bundle/esm/index.js --bundle --format=esm --log-level=warning
} >"$ROOT/ui/vendor/fluent-bundle.js"
echo "==> ui/vendor/fluent-bundle.js ($(wc -c <"$ROOT/ui/vendor/fluent-bundle.js") bytes)"
