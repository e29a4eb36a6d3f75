-- One database per service, each with its two roles (ADR 0033); docker-compose's PostgreSQL runs this once, on an
-- empty volume, as the superuser, which does nothing else. The passwords come from the postgres container's
-- environment (docker-compose.yml), the same ones each service is given.
\set ON_ERROR_STOP on

\set database mental_health
\getenv owner_password MENTAL_HEALTH_DB_OWNER_PASSWORD
\getenv app_password MENTAL_HEALTH_DB_PASSWORD
\i /ips/service-database.sql

\set database benefits
\getenv owner_password BENEFITS_DB_OWNER_PASSWORD
\getenv app_password BENEFITS_DB_PASSWORD
\i /ips/service-database.sql

\set database municipality
\getenv owner_password MUNICIPALITY_DB_OWNER_PASSWORD
\getenv app_password MUNICIPALITY_DB_PASSWORD
\i /ips/service-database.sql

\set database insurer
\getenv owner_password INSURER_DB_OWNER_PASSWORD
\getenv app_password INSURER_DB_PASSWORD
\i /ips/service-database.sql

\set database audit
\getenv owner_password AUDIT_DB_OWNER_PASSWORD
\getenv app_password AUDIT_DB_PASSWORD
\i /ips/service-database.sql
