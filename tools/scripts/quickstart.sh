#!/usr/bin/env bash
# First command of the README: install, bring up Postgres and RabbitMQ, migrate every service's
# schema, start all services, check that each is ready, and stop them cleanly.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_NO_CLOUD=true NX_DAEMON=false

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1/5 install dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
step "2/5 bring up infrastructure (Postgres, RabbitMQ, roles, vhost, users)"
bash tools/scripts/infra-up.sh
step "3/5 migrate every service schema"
npm run -s migrate
step "4/5 register the demo partners (authority UDK, Danske Bank)"
npm run -s seed:demo
step "5/5 start all services, wait until each is ready, and run the payment flow end to end"
npm run -s start:all -- --demo "$@"
