#!/usr/bin/env bash
# Brings up what the services need and creates what the project needs in it. Idempotent.
#  1. PostgreSQL and RabbitMQ reachable: use them; else start the locally installed servers;
#     else `docker compose up` where Docker runs; else say what to install.
#  2. Database `nemkonto`, one login role and one schema per service; RabbitMQ vhost `nemkonto`
#     and one user per service.
set -euo pipefail
cd "$(dirname "$0")/../.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGADMIN=${PGADMIN:-postgres}
AMQP_HOST=${NK_AMQP_HOST:-127.0.0.1}
AMQP_PORT=${NK_AMQP_PORT:-5672}
DB_NAME=${NK_DB_NAME:-nemkonto}
VHOST=${NK_AMQP_VHOST:-nemkonto}
SERVICES=(account-registry payment-intake account-enrichment bank-dispatch cpr-cvr-sync)
declare -A SCHEMA=([account-registry]=registry [payment-intake]=intake [account-enrichment]=enrichment [bank-dispatch]=dispatch [cpr-cvr-sync]=sync)

say() { printf '  %s\n' "$*"; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
docker_ok() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }
wait_for() { # name, tries, command...
  local name=$1 tries=$2; shift 2
  for _ in $(seq "$tries"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "ERROR: $name did not become ready" >&2; return 1
}

USE_DOCKER=0
if port_open "$PGHOST" "$PGPORT"; then
  say "PostgreSQL answers on $PGHOST:$PGPORT"
elif [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
  say "starting the local PostgreSQL cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  wait_for PostgreSQL 60 port_open "$PGHOST" "$PGPORT"
elif docker_ok; then
  USE_DOCKER=1
else
  echo "ERROR: PostgreSQL is not reachable on $PGHOST:$PGPORT and neither a local server nor Docker is available." >&2
  echo "Install one: 'apt-get install postgresql rabbitmq-server' (Debian) or Docker with the compose plugin." >&2
  exit 1
fi

if port_open "$AMQP_HOST" "$AMQP_PORT"; then
  say "RabbitMQ answers on $AMQP_HOST:$AMQP_PORT"
elif command -v rabbitmq-server >/dev/null; then
  say "starting the local RabbitMQ"
  rabbitmq-server -detached
  wait_for RabbitMQ 120 port_open "$AMQP_HOST" "$AMQP_PORT"
  rabbitmqctl await_startup >/dev/null
elif docker_ok; then
  USE_DOCKER=1
else
  echo "ERROR: RabbitMQ is not reachable on $AMQP_HOST:$AMQP_PORT and neither a local server nor Docker is available." >&2
  echo "Install one: 'apt-get install rabbitmq-server' (Debian) or Docker with the compose plugin." >&2
  exit 1
fi

if [ "$USE_DOCKER" = 1 ]; then
  # The compose definitions create the database, roles, vhost and users themselves.
  say "starting postgres and rabbitmq with docker compose"
  docker compose up -d --wait postgres rabbitmq
  exit 0
fi

psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -v ON_ERROR_STOP=1 -qtA -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" "$@"; }

say "database $DB_NAME, one role and schema per service"
if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
  psql_admin -d postgres -c "CREATE DATABASE $DB_NAME"
fi
psql_admin -d "$DB_NAME" -c "REVOKE ALL ON SCHEMA public FROM PUBLIC; REVOKE ALL ON DATABASE $DB_NAME FROM PUBLIC;"
for svc in "${SERVICES[@]}"; do
  schema=${SCHEMA[$svc]}
  role="nk_${schema}"
  var="NK_DB_PASSWORD_${schema^^}"
  password=${!var:-$role}
  psql_admin -d "$DB_NAME" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$password';
  END IF;
END \$\$;
GRANT CONNECT, TEMPORARY ON DATABASE $DB_NAME TO $role;
CREATE SCHEMA IF NOT EXISTS $schema AUTHORIZATION $role;
ALTER ROLE $role SET search_path = $schema;
SQL
done

say "RabbitMQ vhost $VHOST and one user per service"
if command -v rabbitmq-plugins >/dev/null; then
  rabbitmq-plugins enable rabbitmq_management >/dev/null 2>&1 || say "(management plugin not enabled; optional)"
fi
if ! rabbitmqctl -q list_vhosts name | grep -qx "$VHOST"; then rabbitmqctl -q add_vhost "$VHOST"; fi
rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*'
for svc in "${SERVICES[@]}"; do
  user="nk-$svc"
  if ! rabbitmqctl -q list_users | awk '{print $1}' | grep -qx "$user"; then
    rabbitmqctl -q add_user "$user" "$user" >/dev/null
  fi
  rabbitmqctl -q set_permissions -p "$VHOST" "$user" '.*' '.*' '.*'
done
say "infrastructure ready"
