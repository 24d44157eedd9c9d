-- Database roles of Lightbox, run by the migration step as the RDS master user, before the schema migrations, on every release.
-- Idempotent: creates what is missing and sets each role's password from its secret (so re-running it after a
-- secret rotation applies the new passwords).
--
--   migrator  owns the schema's tables and sequences: the migration run connects as this role (DDL)
--   app       the serving process: SELECT, INSERT, UPDATE, DELETE on the migrator's tables, nothing else
--
-- Runs in psql (deployment/docker/Dockerfile.db-roles). Connection from the libpq variables PGHOST, PGPORT,
-- PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE, PGSSLROOTCERT; role names and passwords from the environment below,
-- read with \getenv so that they never appear on a command line. psql variables are not expanded inside
-- dollar-quoted bodies, hence the format(...) \gexec statements instead of DO blocks.
\set ON_ERROR_STOP on
\set QUIET on
\getenv migrator_user LIGHTBOX_MIGRATOR_DB_USER
\getenv migrator_password LIGHTBOX_MIGRATOR_DB_PASSWORD
\getenv app_user LIGHTBOX_APP_DB_USER
\getenv app_password LIGHTBOX_APP_DB_PASSWORD

-- Unset variables become empty so that the check below can name the problem.
\if :{?migrator_user} \else \set migrator_user '' \endif
\if :{?migrator_password} \else \set migrator_password '' \endif
\if :{?app_user} \else \set app_user '' \endif
\if :{?app_password} \else \set app_password '' \endif
SELECT :'migrator_user' <> '' AND :'migrator_password' <> '' AND :'app_user' <> '' AND :'app_password' <> ''
       AND :'migrator_user' <> :'app_user' AND CURRENT_USER NOT IN (:'migrator_user', :'app_user') AS complete \gset
\if :complete
\else
  DO $$ BEGIN RAISE EXCEPTION 'LIGHTBOX_MIGRATOR_DB_USER/_PASSWORD and LIGHTBOX_APP_DB_USER/_PASSWORD must be set, '
                              'with two user names that differ from each other and from the connecting user'; END $$;
\endif

BEGIN;
-- One bootstrap at a time (two releases started together); released at commit.
SELECT pg_advisory_xact_lock(7411001) AS locked \gset

SELECT format('CREATE ROLE %I', :'migrator_user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'migrator_user') \gexec
SELECT format('CREATE ROLE %I', :'app_user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec

-- New roles have no superuser, createdb, createrole or replication attribute (and RDS's master may not grant
-- them). Passwords go to the server as literals of these statements; RDS does not log statements by default
-- (log_statement = none): keep it that way, or they would reach the PostgreSQL log.
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'migrator_user', :'migrator_password') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'app_user', :'app_password') \gexec

-- The master user acts for the migrator below (ALTER DEFAULT PRIVILEGES FOR ROLE, ownership transfer);
-- since PostgreSQL 16 creating a role grants only the ADMIN option, not membership.
SELECT format('GRANT %I TO CURRENT_USER', :'migrator_user')
 WHERE NOT pg_has_role(CURRENT_USER, :'migrator_user', 'MEMBER') \gexec

SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), :'migrator_user') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app_user') \gexec
-- PostgreSQL 15+ no longer lets every role create in "public": only the migrator may.
SELECT format('GRANT USAGE, CREATE ON SCHEMA public TO %I', :'migrator_user') \gexec
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'app_user') \gexec

-- A database migrated before this script existed has its tables owned by the master user: hand them to the
-- migrator (sequences owned by a column follow their table and are skipped).
SELECT format('ALTER TABLE %I.%I OWNER TO %I', n.nspname, c.relname, :'migrator_user')
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public'
   AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND pg_get_userbyid(c.relowner) <> :'migrator_user'
   AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
\gexec

-- Rows only, on what exists now and on everything the migrator creates later (Flyway's history table included,
-- which a readiness check may read).
SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', :'app_user') \gexec
SELECT format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', :'app_user') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
              :'migrator_user', :'app_user') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I',
              :'migrator_user', :'app_user') \gexec
COMMIT;

\echo 'database roles ready'
