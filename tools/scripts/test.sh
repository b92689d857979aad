#!/usr/bin/env bash
# The whole test suite: type check, lint, unit tests, then integration tests against the local
# Postgres and RabbitMQ (each run uses its own database and vhosts and removes them after).
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format (prettier)"
npx prettier --check . > /dev/null
step "type check"
npx tsc -p tsconfig.json --noEmit
step "lint (project graph first: without it the module-boundary rule is skipped)"
npm run -s lint
step "unit tests"
npx jest --selectProjects unit --ci
step "integration tests (real Postgres and RabbitMQ)"
npx jest --selectProjects integration --ci --runInBand
