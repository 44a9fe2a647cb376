#!/usr/bin/env bash
# The whole test suite, as `pnpm test` runs it: lint + format check, typecheck of every package, the
# client build the browser tests load, then unit, integration and browser tests in one vitest run.
# The real services the tests use (FerretDB, Redis, Chromium) are installed or built here when missing
# and started by the tests themselves on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n[mufakat test] %s\n' "$*"; }

step "system packages (chromium, redis-server)"
bash scripts/ensure-system-packages.sh

step "lint and format (biome)"
pnpm exec biome check .

step "typecheck (tsc --noEmit, every package)"
for pkg in shared server client tests; do
  echo "  tsc -p $pkg"
  pnpm exec tsc --noEmit -p "$pkg"
done

step "build the client (served to the browser tests)"
pnpm --filter @mufakat/client build >/dev/null

step "unit, integration and browser tests (vitest)"
mkdir -p tests/artifacts
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=tests/artifacts/vitest.json "$@" || status=$?
if [ -f tests/artifacts/vitest.json ]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync("tests/artifacts/vitest.json", "utf8"));
    console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  '
fi
exit "$status"
