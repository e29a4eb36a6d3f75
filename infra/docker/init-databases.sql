-- One database per service (docker-compose's PostgreSQL runs this once, on an empty volume).
create database mental_health;
create database benefits;
create database municipality;
create database insurer;
create database audit;
