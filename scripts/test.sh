#!/usr/bin/env bash
# The whole test suite, as `pnpm test` runs it: lint + format check, typecheck of every package, the
# client build the browser tests load, schemathesis against the served OpenAPI document, then unit, integration and browser tests in one vitest run.
# The real services the tests use (FerretDB, Redis, Chromium) are installed or built here when missing
# and started by the tests themselves on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n[mufakat test] %s\n' "$*"; }

step "system packages (chromium, redis-server)"
bash scripts/ensure-system-packages.sh

step "dependency audit (pnpm audit --audit-level high; a warning only when the registry cannot answer)"
audit_log="$(mktemp)"
if pnpm audit --audit-level high >"$audit_log" 2>&1; then
  tail -n 1 "$audit_log"
elif grep -qE 'ERR_PNPM_AUDIT_BAD_RESPONSE|ERR_PNPM_AUDIT_ENDPOINT|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|fetch failed' "$audit_log"; then
  echo "  warning: the registry's audit endpoint did not answer; dependencies were not audited:"
  grep -m 1 -E 'ERR_|ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|fetch failed' "$audit_log" | sed 's/^/    /'
else
  cat "$audit_log"
  rm -f "$audit_log"
  echo "pnpm audit found high or critical advisories" >&2
  exit 1
fi
rm -f "$audit_log"

step "lint and format (biome)"
pnpm exec biome check .

step "typecheck (tsc --noEmit, every package)"
for pkg in shared server client tests scripts; do
  echo "  tsc -p $pkg"
  pnpm exec tsc --noEmit -p "$pkg"
done

step "build the client (served to the browser tests)"
pnpm --filter @mufakat/client build >/dev/null

step "the embedded database (FerretDB, built once from the Go module proxy when missing)"
node --import tsx tests/utils/ensureFerretDb.ts

step "the HTTP contract against the served OpenAPI document (schemathesis)"
bash tests/contract/schemathesis.sh

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
