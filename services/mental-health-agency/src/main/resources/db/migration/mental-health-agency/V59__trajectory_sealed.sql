-- A trajectory's job preferences and its placements' employer, job title and wage as ciphertext under the client's
-- EMPLOYMENT key (ADR 38); the free-text reasons for closing and ending stay in the (sealed) events only. Rows
-- written before are sealed when the service starts (sealed = false until then).
alter table trajectory add column sealed boolean not null default false;
alter table trajectory alter column job_preferences drop not null;
alter table trajectory_placement add column sealed boolean not null default false;
alter table trajectory_placement alter column employer type text;
alter table trajectory_placement alter column job_title type text;
alter table trajectory_placement alter column monthly_gross_wage drop not null;
alter table trajectory_placement add column monthly_gross_wage_sealed text;
