#!/usr/bin/env bash
# The whole check, as CI runs it: build, typecheck, lint, unit + integration tests against the real datastores,
# then the browser tests through the gateway. Prints one closing line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system.sh --with-browser
[ -d node_modules ] || npm ci --no-audit --no-fund

mkdir -p tests/results
npm run build
npm run typecheck
npm run lint

status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=tests/results/vitest.json || status=$?
npx playwright test --config tests/playwright.config.ts || status=$?
node scripts/test-summary.mjs tests/results/vitest.json tests/results/playwright.json
exit "$status"
