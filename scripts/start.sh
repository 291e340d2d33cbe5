#!/usr/bin/env bash
# One command on a fresh clone: system packages, npm install, build, then every part running behind the gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
export NG_CLI_ANALYTICS=false NEXT_TELEMETRY_DISABLED=1

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node 20.19 or newer is needed (found "+process.version+")"); process.exit(1); }'
bash scripts/ensure-system.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build
exec node scripts/stack.mjs
