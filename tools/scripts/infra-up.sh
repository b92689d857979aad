#!/usr/bin/env bash
# Brings up PostgreSQL and RabbitMQ for development and CI, then creates what the services need in
# them. Idempotent: it starts only what is down and creates only what is missing, so run it as
# often as you like.
#  1. PostgreSQL on $PGHOST:$PGPORT: use it if it answers; else start the locally installed cluster;
#     else `docker compose up -d postgres` where Docker runs; else say what to install (exit 1).
#  2. RabbitMQ on $NK_AMQP_HOST:$NK_AMQP_PORT: the same, with `rabbitmq-server -detached`.
#  3. Database $NK_DB_NAME with one login role per service owning its schema and without rights on
#     the others'; RabbitMQ vhost $NK_AMQP_VHOST with one user per service.
# Variables (defaults): PGHOST (127.0.0.1), PGPORT (5432), PGADMIN (postgres), NK_DB_NAME (nemkonto),
# NK_DB_PASSWORD_<SERVICE> e.g. NK_DB_PASSWORD_ACCOUNT_REGISTRY (the role name), NK_AMQP_HOST
# (127.0.0.1), NK_AMQP_PORT (5672), NK_AMQP_VHOST (nemkonto), NK_INFRA_WAIT_SECONDS (90).
set -euo pipefail
cd "$(dirname "$0")/../.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGADMIN=${PGADMIN:-postgres}
AMQP_HOST=${NK_AMQP_HOST:-127.0.0.1}
AMQP_PORT=${NK_AMQP_PORT:-5672}
DB_NAME=${NK_DB_NAME:-nemkonto}
VHOST=${NK_AMQP_VHOST:-nemkonto}
WAIT=${NK_INFRA_WAIT_SECONDS:-90}

# Service → schema; the database role is nk_<schema>, the RabbitMQ user nk-<service>.
# THESE NAMES MUST MATCH apps/*/src/service.definition.ts and deploy/.
SERVICES=(account-registry payment-intake account-enrichment bank-dispatch cpr-cvr-sync)
declare -A SCHEMA=(
  [account-registry]=registry
  [payment-intake]=intake
  [account-enrichment]=enrichment
  [bank-dispatch]=dispatch
  [cpr-cvr-sync]=sync
)

say() { printf '%s\n' "$*"; }
run() {
  printf '  + %s\n' "$*"
  "$@"
}
have() { command -v "$1" >/dev/null 2>&1; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
docker_ok() { have docker && docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; }
compose_running() { docker_ok && [ -n "$(docker compose ps --status running -q "$1" 2>/dev/null)" ]; }
# Runs a command for at most $1 seconds.
bounded() {
  local secs=$1
  shift
  if have timeout; then timeout "$secs" "$@"; else "$@"; fi
}
# Waits at most $WAIT seconds for a command to succeed.
wait_until() {
  local what=$1 deadline=$((SECONDS + WAIT))
  shift
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      say "ERROR: $what is not ready after ${WAIT}s" >&2
      return 1
    fi
    sleep 1
  done
  say "  $what is ready"
}
missing() {
  say "ERROR: $1 is not reachable and there is neither a local server to start nor a working Docker." >&2
  say "Install the servers (Debian/Ubuntu: apt-get install postgresql rabbitmq-server)," >&2
  say "or Docker with the compose plugin (then this script runs docker compose for you)." >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------
say "== PostgreSQL on $PGHOST:$PGPORT"
PG_DOCKER=0
pg_ready() {
  if [ "$PG_DOCKER" = 1 ]; then
    # Over TCP: the image's init phase runs a socket-only server that restarts afterwards.
    docker compose exec -T postgres pg_isready -q -h 127.0.0.1 -U "$PGADMIN"
  elif have pg_isready; then
    pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2
  else
    port_open "$PGHOST" "$PGPORT"
  fi
}
if pg_ready; then
  say "  accepting connections"
elif [ -d /etc/postgresql ] && have pg_ctlcluster; then
  # The cluster configured for $PGPORT, else the newest version's main cluster.
  read -r pg_version pg_cluster < <(pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT" '$3 == p { print $1, $2; exit }') || true
  [ -n "${pg_version:-}" ] || say "  (no local cluster is configured for port $PGPORT)"
  pg_version=${pg_version:-$(ls /etc/postgresql | sort -V | tail -1)}
  pg_cluster=${pg_cluster:-main}
  say "  not answering; starting the local cluster $pg_version/$pg_cluster"
  run pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_cluster" start ||
    say "  (pg_ctlcluster failed; it needs root or the postgres user)"
  wait_until PostgreSQL pg_ready
elif docker_ok; then
  say "  not answering and no local server; starting it with docker compose"
  run docker compose up -d postgres
  PG_DOCKER=1
  wait_until PostgreSQL pg_ready
else
  missing PostgreSQL
fi
# Administer the compose container through docker when it is the one answering.
if [ "$PG_DOCKER" = 0 ] && compose_running postgres; then PG_DOCKER=1; fi
if [ "$PG_DOCKER" = 0 ] && ! have psql; then
  say "ERROR: psql is missing (Debian/Ubuntu: apt-get install postgresql-client)" >&2
  exit 1
fi

# ---------------------------------------------------------------------------------------------
say "== RabbitMQ on $AMQP_HOST:$AMQP_PORT"
RMQ_DOCKER=0
if port_open "$AMQP_HOST" "$AMQP_PORT"; then
  say "  accepting connections"
elif have rabbitmq-server; then
  say "  not answering; starting the local broker"
  run rabbitmq-server -detached
  wait_until RabbitMQ port_open "$AMQP_HOST" "$AMQP_PORT"
elif docker_ok; then
  say "  not answering and no local server; starting it with docker compose"
  run docker compose up -d rabbitmq
  RMQ_DOCKER=1
  wait_until RabbitMQ docker compose exec -T rabbitmq rabbitmq-diagnostics -q check_port_connectivity
else
  missing RabbitMQ
fi
rmqctl() {
  if [ "$RMQ_DOCKER" = 1 ]; then docker compose exec -T rabbitmq rabbitmqctl "$@"; else rabbitmqctl "$@"; fi
}
# rabbitmqctl talks to the node, not the port: the compose container's CLI when that broker is the
# one running, else the local CLI if it reaches the broker.
if [ "$RMQ_DOCKER" = 0 ] && compose_running rabbitmq; then RMQ_DOCKER=1; fi
if [ "$RMQ_DOCKER" = 0 ] && ! (have rabbitmqctl && bounded "$WAIT" rabbitmqctl -q await_startup >/dev/null 2>&1); then
  say "ERROR: rabbitmqctl cannot reach the broker (install rabbitmq-server's CLI, and run this as root" >&2
  say "or the rabbitmq user so that it can read the Erlang cookie)" >&2
  exit 1
fi
wait_until "RabbitMQ application" rmqctl -q await_startup

# ---------------------------------------------------------------------------------------------
say "== database $DB_NAME: one role and schema per service"
psql_admin() {
  if [ "$PG_DOCKER" = 1 ]; then
    docker compose exec -T -e PGOPTIONS="-c client_min_messages=warning" postgres \
      psql -X -v ON_ERROR_STOP=1 -qtA -U "$PGADMIN" "$@"
  else
    PGOPTIONS="-c client_min_messages=warning" psql -X -v ON_ERROR_STOP=1 -qtA -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" "$@"
  fi
}

if [ "$(psql_admin -d postgres -v db="$DB_NAME" <<<"SELECT 1 FROM pg_database WHERE datname = :'db'")" = 1 ]; then
  say "  database $DB_NAME exists"
else
  say "  + CREATE DATABASE $DB_NAME"
  psql_admin -d postgres -v db="$DB_NAME" <<<'CREATE DATABASE :"db"'
fi
# Nobody gets anything by default: no connecting, no objects in public.
psql_admin -d "$DB_NAME" -v db="$DB_NAME" <<'SQL'
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

roles=()
schemas=()
for svc in "${SERVICES[@]}"; do
  schema=${SCHEMA[$svc]}
  role="nk_${schema}"
  roles+=("$role")
  schemas+=("$schema")
  by_service="NK_DB_PASSWORD_$(tr 'a-z-' 'A-Z_' <<<"$svc")"
  by_schema="NK_DB_PASSWORD_${schema^^}"
  password=${!by_service:-${!by_schema:-$role}}
  if [ "$(psql_admin -d "$DB_NAME" -v role="$role" <<<"SELECT 1 FROM pg_roles WHERE rolname = :'role'")" = 1 ]; then
    say "  role $role exists; schema $schema"
  else
    say "  + CREATE ROLE $role LOGIN; schema $schema"
    psql_admin -d "$DB_NAME" -v role="$role" <<<'CREATE ROLE :"role" LOGIN'
  fi
  psql_admin -d "$DB_NAME" -v db="$DB_NAME" -v role="$role" -v schema="$schema" -v pw="$password" <<'SQL'
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
ALTER ROLE :"role" SET search_path = :"schema";
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER SCHEMA :"schema" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
SQL
done

# Each service role owns its schema and has no rights on any other service's schema or tables.
revokes=""
for schema in "${schemas[@]}"; do
  for role in "${roles[@]}"; do
    [ "$role" = "nk_${schema}" ] && continue
    revokes+="REVOKE ALL ON SCHEMA \"$schema\" FROM \"$role\"; "
    revokes+="REVOKE ALL ON ALL TABLES IN SCHEMA \"$schema\" FROM \"$role\"; "
    revokes+="REVOKE ALL ON ALL SEQUENCES IN SCHEMA \"$schema\" FROM \"$role\"; "
  done
done
psql_admin -d "$DB_NAME" <<<"$revokes"
roles_array="{$(IFS=,; echo "${roles[*]}")}"
schemas_array="{$(IFS=,; echo "${schemas[*]}")}"
leaks=$(psql_admin -d "$DB_NAME" -v roles="$roles_array" -v schemas="$schemas_array" <<'SQL'
SELECT r.rolname || ' on ' || n.nspname
FROM pg_roles r CROSS JOIN pg_namespace n
WHERE r.rolname = ANY (:'roles'::text[]) AND n.nspname = ANY (:'schemas'::text[])
  AND n.nspowner <> r.oid
  AND (has_schema_privilege(r.oid, n.oid, 'USAGE') OR has_schema_privilege(r.oid, n.oid, 'CREATE'));
SQL
)
if [ -n "$leaks" ]; then
  say "ERROR: service roles with rights on other services' schemas:" "$leaks" >&2
  exit 1
fi
say "  each role reaches only its own schema"

# ---------------------------------------------------------------------------------------------
say "== RabbitMQ vhost $VHOST: one user per service"
if [ "$RMQ_DOCKER" = 0 ] && have rabbitmq-plugins; then
  # The management UI on :15672; optional.
  bounded 60 rabbitmq-plugins -q enable rabbitmq_management >/dev/null 2>&1 ||
    say "  (could not enable rabbitmq_management; the UI is optional)"
fi
# Quorum queues dead-letter at least once only with this flag (fresh nodes have it already).
rmqctl -q enable_feature_flag stream_queue >/dev/null 2>&1 ||
  say "  WARNING: could not enable the stream_queue feature flag (at-least-once dead-lettering needs it)" >&2

if rmqctl -q list_vhosts name | grep -qxF "$VHOST"; then
  say "  vhost $VHOST exists"
else
  say "  + rabbitmqctl add_vhost $VHOST"
  rmqctl -q add_vhost "$VHOST" >/dev/null
fi
users=$(rmqctl -q list_users | awk '{ print $1 }')
# Local tools and tests log in as guest where it exists (not in the compose broker).
if grep -qxF guest <<<"$users"; then
  rmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
fi
for svc in "${SERVICES[@]}"; do
  user="nk-$svc"
  if ! grep -qxF "$user" <<<"$users"; then
    say "  + rabbitmqctl add_user $user"
    rmqctl -q add_user "$user" "$user" >/dev/null
  elif ! rmqctl -q authenticate_user "$user" "$user" >/dev/null 2>&1; then
    say "  + rabbitmqctl change_password $user"
    rmqctl -q change_password "$user" "$user" >/dev/null
  else
    say "  user $user exists"
  fi
  rmqctl -q set_permissions -p "$VHOST" "$user" '.*' '.*' '.*' >/dev/null
done

# Demo partners (the simulators): each may only publish to its partner exchange and read its own
# queue, as a real authority's payment system or bank adapter would. Their queues are declared by
# the services (configure is denied to partners).
partner_user() { # user, write-regex, read-regex
  if ! grep -qxF "$1" <<<"$users"; then
    say "  + rabbitmqctl add_user $1 (demo partner)"
    rmqctl -q add_user "$1" "$1" >/dev/null
  fi
  rmqctl -q set_permissions -p "$VHOST" "$1" '^$' "$2" "$3" >/dev/null
}
partner_user demo-authority-udk '^nemkonto\.authority-documents$' '^authority\.UDK\.answers$'
partner_user demo-bank-danske '^nemkonto\.bank-answers$' '^bank\.DANSKE\.orders$'
# The CPR/CVR feed (publishes change events; NK_SYNC_FEED_USERS names it) and the print service.
partner_user demo-cpr-cvr-feed '^nemkonto\.cpr-cvr-feed$' '^$'
partner_user demo-print '^$' '^print\.letters$'

say "== infrastructure ready: postgres://<role>:<password>@$PGHOST:$PGPORT/$DB_NAME, amqp://nk-<service>@$AMQP_HOST:$AMQP_PORT/$VHOST"
