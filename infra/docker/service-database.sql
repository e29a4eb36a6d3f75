-- One service's database and roles, as ServiceDatabase.provision (infra/embedded) creates them for the local stack
-- and the tests: psql variables database, owner_password and app_password (init-databases.sql sets them).
--   <database>_owner owns the database and its schema; the service's migrations run as it (IPS_DB_OWNER).
--   <database>_app is the service's connection pool (IPS_DB_USER): rows only, no DDL, owns nothing.
-- Only these two may connect to the database.
\set owner_role :database '_owner'
\set app_role :database '_app'

create role :"owner_role" login nosuperuser nocreatedb nocreaterole noinherit password :'owner_password';
create role :"app_role" login nosuperuser nocreatedb nocreaterole noinherit password :'app_password';
create database :"database" owner :"owner_role";
revoke all on database :"database" from public;
grant connect on database :"database" to :"app_role";

\connect :database
alter schema public owner to :"owner_role";
revoke all on schema public from public;
grant usage on schema public to :"app_role";
alter default privileges for role :"owner_role" in schema public
    grant select, insert, update, delete on tables to :"app_role";
alter default privileges for role :"owner_role" in schema public grant usage, select on sequences to :"app_role";
alter default privileges for role :"owner_role" in schema public grant execute on functions to :"app_role";
\connect postgres
