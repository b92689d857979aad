#!/usr/bin/env bash
# First command of the README: install, bring up Postgres and RabbitMQ, migrate every service's
# schema, start all services, check that each is ready, and stop them cleanly.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_NO_CLOUD=true NX_DAEMON=false

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1/4 install dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
step "2/4 bring up infrastructure (Postgres, RabbitMQ, roles, vhost, users)"
bash tools/scripts/infra-up.sh
step "3/4 migrate every service schema"
npm run -s migrate
step "4/4 start all services and wait until each is ready"
npm run -s start:all -- "$@"
