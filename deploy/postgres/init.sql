-- Runs once when the compose Postgres volume is created: the same roles and schemas as
-- tools/scripts/infra-up.sh creates on a local server. Development passwords only.
CREATE DATABASE nemkonto;
\connect nemkonto
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE nemkonto FROM PUBLIC;
CREATE ROLE nk_registry LOGIN PASSWORD 'nk_registry';
CREATE ROLE nk_intake LOGIN PASSWORD 'nk_intake';
CREATE ROLE nk_enrichment LOGIN PASSWORD 'nk_enrichment';
CREATE ROLE nk_dispatch LOGIN PASSWORD 'nk_dispatch';
CREATE ROLE nk_sync LOGIN PASSWORD 'nk_sync';
GRANT CONNECT, TEMPORARY ON DATABASE nemkonto TO nk_registry, nk_intake, nk_enrichment, nk_dispatch, nk_sync;
CREATE SCHEMA registry AUTHORIZATION nk_registry;
CREATE SCHEMA intake AUTHORIZATION nk_intake;
CREATE SCHEMA enrichment AUTHORIZATION nk_enrichment;
CREATE SCHEMA dispatch AUTHORIZATION nk_dispatch;
CREATE SCHEMA sync AUTHORIZATION nk_sync;
ALTER ROLE nk_registry SET search_path = registry;
ALTER ROLE nk_intake SET search_path = intake;
ALTER ROLE nk_enrichment SET search_path = enrichment;
ALTER ROLE nk_dispatch SET search_path = dispatch;
ALTER ROLE nk_sync SET search_path = sync;
